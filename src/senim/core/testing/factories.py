"""Test and demo builders that go through the real services (audit and encryption apply)."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from senim.cases import services as case_services
from senim.cases.models import AssistanceCase, CriminalCase
from senim.core import services as core_services
from senim.core.models import Organization, OrganizationKind, User
from senim.core.regions import Region
from senim.people import services as people_services
from senim.people.models import PersonRecord

TEST_PASSWORD = "correct-horse-battery-staple-42"
_counter = itertools.count(1)


def make_organization(
    *, kind: str = OrganizationKind.POLICE, region: str = Region.ALMATY_CITY, **values: Any
) -> Organization:
    name = values.pop("name", f"{kind} {next(_counter)}")
    return core_services.organization_create(actor=None, name=name, kind=kind, region=region, **values)


_KIND_OF_ROLE = {
    "coordinator": OrganizationKind.COORDINATION,
    "investigator": OrganizationKind.POLICE,
    "prosecutor": OrganizationKind.PROSECUTOR,
    "migration_officer": OrganizationKind.MIGRATION,
    "labour_inspector": OrganizationKind.LABOUR,
    "ngo_caseworker": OrganizationKind.NGO,
    "shelter_staff": OrganizationKind.SHELTER,
    "analyst": OrganizationKind.COORDINATION,
    "auditor": OrganizationKind.COORDINATION,
    "admin": OrganizationKind.COORDINATION,
}


def make_user(role: str | list[str], *, organization: Organization | None = None, username: str = "") -> User:
    roles = [role] if isinstance(role, str) else list(role)
    organization = organization or make_organization(kind=_KIND_OF_ROLE[roles[0]])
    return core_services.user_create(
        actor=None,
        username=username or f"{roles[0]}-{next(_counter)}",
        password=TEST_PASSWORD,
        organization=organization,
        roles=roles,
        check_password=False,
    )


def make_record(*, organization: Organization | None = None, **values: Any) -> PersonRecord:
    values.setdefault("family_name", "Абдуллаева")
    values.setdefault("given_name", "Гульнара")
    values.setdefault("birth_date", "1999-04")
    values.setdefault("sex", "f")
    values.setdefault("citizenship", "UZ")
    return people_services.person_record_create(
        actor=None, organization=organization or make_organization(kind=OrganizationKind.NGO), **values
    )


def make_assistance_case(
    *, lead_organization: Organization | None = None, record: PersonRecord | None = None, **values: Any
) -> AssistanceCase:
    lead_organization = lead_organization or make_organization(kind=OrganizationKind.NGO)
    record = record or make_record(organization=lead_organization)
    values.setdefault("region", Region.SHYMKENT)
    values.setdefault("reported_on", date(2026, 3, 1))
    return case_services.assistance_case_create(
        actor=None, record=record, lead_organization=lead_organization, **values
    )


def make_criminal_case(*, unit: Organization | None = None, **values: Any) -> CriminalCase:
    values.setdefault("registry_number", f"26{next(_counter):013d}")
    values.setdefault("region", Region.SHYMKENT)
    values.setdefault("articles", ["cc.128"])
    values.setdefault("opened_on", date(2026, 3, 5))
    return case_services.criminal_case_create(
        actor=None, unit=unit or make_organization(kind=OrganizationKind.POLICE), **values
    )
