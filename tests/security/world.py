"""A small world for security tests: one user per role, each with objects inside its scope, and strangers'
objects outside every non-global scope. Built through the real services (audit and encryption apply)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test import Client

from senim.cases import services as case_services
from senim.core.models import OrganizationKind, User
from senim.core.roles import Role
from senim.core.testing.factories import (
    make_assistance_case,
    make_criminal_case,
    make_organization,
    make_record,
    make_user,
)

# Unique markers: a response to a principal who may not see the strangers' objects must never contain them.
STRANGER_FAMILY_NAME = "Чужакова"
STRANGER_PHONE = "+77019998877"
STRANGER_DOCUMENT = "N99887766"

# Kinds of object each role sees everywhere (its scope is national); for these, "outside" does not exist.
GLOBAL_SCOPE: dict[str, frozenset[str]] = {
    Role.COORDINATOR: frozenset(
        {"assistance_case", "criminal_case", "participant", "person", "person_record", "screening"}
    ),
    Role.ANALYST: frozenset({"criminal_case", "participant"}),
}


class World:
    def __init__(self) -> None:
        self.users: dict[str, User] = {}
        self.inside: dict[str, dict[str, Any]] = {}
        self.outside: dict[str, Any] = {}
        for role in Role:
            self.users[role] = make_user(role.value, username=f"m-{role.value}")
        for role in Role:
            organization = self.users[role].organization
            record = make_record(organization=organization, family_name=f"Своя-{role.value}")
            assistance = make_assistance_case(lead_organization=organization, record=record)
            criminal = make_criminal_case(
                unit=organization if role == Role.INVESTIGATOR else None,
                prosecutor_office=organization if role == Role.PROSECUTOR else None,
            )
            participant = case_services.participant_add(
                actor=None, case=criminal, person=record.person, procedural_role="victim", record=record
            )
            self.inside[role] = {
                "assistance_case": assistance,
                "criminal_case": criminal,
                "participant": participant,
                "person": record.person,
                "person_record": record,
            }
        ngo = make_organization(kind=OrganizationKind.NGO, name="Stranger NGO")
        police = make_organization(kind=OrganizationKind.POLICE, name="Stranger police")
        record = make_record(
            organization=ngo,
            family_name=STRANGER_FAMILY_NAME,
            identifiers=[_identifier("phone", STRANGER_PHONE), _identifier("document", STRANGER_DOCUMENT)],
        )
        suspect = make_record(organization=police, family_name="Подозреваемый")
        criminal = make_criminal_case(unit=police)
        participant = case_services.participant_add(
            actor=None, case=criminal, person=suspect.person, procedural_role="suspect", record=suspect
        )
        self.outside = {
            "assistance_case": make_assistance_case(lead_organization=ngo, record=record),
            "criminal_case": criminal,
            "participant": participant,
            "person": record.person,
            "person_record": record,
        }

    @staticmethod
    def single(role: str) -> User:
        return make_user(role, username=f"s-{role}")

    def object(self, kind: str, role: str | None, *, inside: bool) -> Any:
        found = self.inside[role] if inside and role is not None else self.outside
        if kind not in found:
            found[kind] = OBJECT_BUILDERS[kind](self, role if inside else None)
        return found[kind]

    def all_ids(self) -> set[str]:
        found = {str(o.pk) for objects in self.inside.values() for o in objects.values()}
        return found | {str(o.pk) for o in self.outside.values()}


def _identifier(kind: str, value: str) -> Any:
    from senim.people.services import IdentifierInput

    return IdentifierInput(kind=kind, value=value)


def _screening(world: World, role: str | None) -> Any:
    from senim.screening.services import screening_start

    case = world.object("assistance_case", role, inside=role is not None)
    case.refresh_from_db()
    return screening_start(actor=None, case=case)


# Further kinds of object, built on first use: `builder(world, role)` makes an object inside `role`'s scope,
# or outside every non-national scope when `role` is None. Apps whose endpoints take object ids add a
# builder here (see docs/security.md, "Adding an endpoint").
OBJECT_BUILDERS: dict[str, Callable[[World, str | None], Any]] = {
    "screening": _screening,
}


def login(client: Client, user: User) -> Client:
    """A logged-in session that has passed the second factor, as after a real login."""
    from senim.core.twofactor import mark_verified_for_tests

    client.force_login(user)
    mark_verified_for_tests(client, user)
    return client


def db_fingerprint(*, exclude: tuple[str, ...] = ("django_session",)) -> dict[str, str]:
    """A digest of every row of every table (raw SQL, no decryption), to assert that a denied request
    changed nothing."""
    digest: dict[str, str] = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in exclude:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            digest[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return digest


def random_id() -> str:
    return str(uuid.uuid4())
