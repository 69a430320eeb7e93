from dataclasses import dataclass

import pytest

from senim.cases import services as case_services
from senim.core.models import Organization, User
from senim.core.roles import Role
from senim.core.testing.factories import make_assistance_case, make_organization, make_record, make_user
from senim.referrals import services


@dataclass
class World:
    police: Organization
    ngo: Organization
    shelter: Organization
    other_ngo: Organization
    migration: Organization
    investigator: User
    ngo_worker: User
    shelter_worker: User
    other_worker: User
    migration_officer: User
    migration_officer_2: User
    coordinator: User


@pytest.fixture
def world(db) -> World:
    police = make_organization(kind="police", region="shymkent", name="Shymkent police")
    ngo = make_organization(kind="ngo", region="shymkent", name="Sana Sezim")
    shelter = make_organization(kind="shelter", region="shymkent", name="Shymkent shelter", languages=["ru", "uz"])
    other_ngo = make_organization(kind="ngo", region="astana", name="Other NGO")
    migration = make_organization(kind="migration", region="shymkent", name="Shymkent migration service")
    return World(
        police=police,
        ngo=ngo,
        shelter=shelter,
        other_ngo=other_ngo,
        migration=migration,
        investigator=make_user(Role.INVESTIGATOR, organization=police),
        ngo_worker=make_user(Role.NGO_CASEWORKER, organization=ngo),
        shelter_worker=make_user(Role.SHELTER_STAFF, organization=shelter),
        other_worker=make_user(Role.NGO_CASEWORKER, organization=other_ngo),
        migration_officer=make_user(Role.MIGRATION_OFFICER, organization=migration),
        migration_officer_2=make_user(Role.MIGRATION_OFFICER, organization=migration),
        coordinator=make_user(Role.COORDINATOR),
    )


def foreign_case(world: World, *, minor: bool = False, citizenship: str = "UZ", **values):
    record = make_record(organization=world.ngo, citizenship=citizenship, birth_date="2009-02" if minor else "1999-04")
    return make_assistance_case(lead_organization=world.ngo, record=record, is_minor=minor, **values)


def presumed(world: World, case):
    case_services.assistance_case_transition(actor=world.ngo_worker, case=case, to_status="screening")
    return case_services.assistance_case_transition(actor=world.ngo_worker, case=case, to_status="presumed_victim")


def consented_referral(world: World, case, *, to=None, shared=("identity",), services_=("shelter",)):
    to = to or world.shelter
    consent = services.consent_record(
        actor=world.ngo_worker,
        case=case,
        recipient=to,
        data_categories=list(shared),
        explained_in="uz",
        given_by="guardian" if case.is_minor else "person",
        guardian_name="Мать" if case.is_minor else "",
    )
    return services.referral_send(
        actor=world.ngo_worker,
        case=case,
        to_organization=to,
        services=list(services_),
        shared_data=list(shared),
        consent=consent,
    )
