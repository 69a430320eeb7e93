import re

import pytest
from django.db import connection
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from senim.core.models import OrganizationKind
from senim.core.regions import Region
from senim.core.roles import Role
from senim.core.testing.factories import make_organization, make_user
from senim.tips import pow, services


@pytest.fixture(autouse=True)
def tips_settings(settings, tmp_path):
    """Each test gets its own cache (throttles, challenges) and a cheap proof of work."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": str(tmp_path)}
    }
    settings.SENIM_TIPS_POW_BITS = 6
    settings.SENIM_TIPS_ARGON2_TIME_COST = 1  # the production cost is measured in bench/tips_costs.py
    settings.SENIM_TIPS_ARGON2_MEMORY_KIB = 1024
    return settings


@pytest.fixture
def base_template(tmp_path, settings):
    """Use the real web/base.html when the web app provides it; otherwise a minimal stand-in."""
    try:
        get_template("web/base.html")
    except TemplateDoesNotExist:
        (tmp_path / "web").mkdir()
        (tmp_path / "web" / "base.html").write_text(
            "<!doctype html><title>{% block title %}{% endblock %}</title>{% block content %}{% endblock %}"
        )
        settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]


@pytest.fixture
def ngo():
    organization = make_organization(kind=OrganizationKind.NGO, region=Region.ALMATY_CITY, name="Hope NGO")
    return services.tip_recipient_register(
        actor=None, organization=organization, public_name="Hope helpline", accepts_unaddressed=True
    )


@pytest.fixture
def police():
    organization = make_organization(kind=OrganizationKind.POLICE, region=Region.ALMATY_CITY, name="Almaty police")
    return services.tip_recipient_register(actor=None, organization=organization, public_name="Almaty police")


@pytest.fixture
def other_ngo():
    organization = make_organization(kind=OrganizationKind.NGO, region=Region.SHYMKENT, name="Other NGO")
    return services.tip_recipient_register(actor=None, organization=organization, public_name="Other NGO")


@pytest.fixture
def ngo_worker(ngo):
    return make_user(Role.NGO_CASEWORKER, organization=ngo.organization)


@pytest.fixture
def investigator(police):
    return make_user(Role.INVESTIGATOR, organization=police.organization)


@pytest.fixture
def other_worker(other_ngo):
    return make_user(Role.NGO_CASEWORKER, organization=other_ngo.organization)


def submit(**values):
    values.setdefault("routing", "named")
    values.setdefault("language", "ru")
    values.setdefault("what_happened", "Паспорта забрали, работаем без оплаты")
    return services.tip_submit(**values)


def challenge_of(html: str) -> str:
    match = re.search(r'data-challenge="([^"]+)"', html)
    assert match, "no challenge in page"
    return match.group(1)


def solve(html: str, bits: int = 6) -> dict:
    token = challenge_of(html)
    counter, _tries, _seconds = pow.solve(token, bits)
    return {"challenge": token, "pow": str(counter)}


def database_text() -> str:
    """Every row of every table as text: what a stolen database copy would show."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)
