import pytest

from senim.core.models import OrganizationKind
from senim.core.testing.factories import make_assistance_case, make_criminal_case, make_organization, make_user


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    """Two NGOs, two police units, their staff, one assistance case of NGO A linked to a criminal case of
    police unit A."""
    ngo_a = make_organization(kind=OrganizationKind.NGO, name="NGO A")
    ngo_b = make_organization(kind=OrganizationKind.NGO, name="NGO B")
    police_a = make_organization(kind=OrganizationKind.POLICE, name="Police A")
    police_b = make_organization(kind=OrganizationKind.POLICE, name="Police B")
    people = {
        "caseworker": make_user("ngo_caseworker", organization=ngo_a),
        "other_caseworker": make_user("ngo_caseworker", organization=ngo_b),
        "investigator": make_user("investigator", organization=police_a),
        "other_investigator": make_user("investigator", organization=police_b),
        "prosecutor": make_user("prosecutor"),
        "coordinator": make_user("coordinator"),
        "analyst": make_user("analyst"),
        "auditor": make_user("auditor"),
    }
    case = make_assistance_case(lead_organization=ngo_a, caseworker=people["caseworker"])
    criminal = make_criminal_case(unit=police_a, investigator=people["investigator"])
    criminal.assistance_cases.add(case)
    return {"case": case, "criminal": criminal, "ngo_a": ngo_a, "police_a": police_a, **people}


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login
