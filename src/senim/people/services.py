"""Writes on persons, their records and shared identifiers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import phonenumbers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from senim.core.access import require
from senim.core.fields import lookup_hash
from senim.core.models import Organization, User
from senim.core.services import audit_record
from senim.people.models import Identifier, IdentifierKind, IdentifierLink, Person, PersonRecord, Script
from senim.people.permissions import PeoplePermission

PERSONAL_FIELDS = ("given_name", "family_name", "patronymic", "full_name", "birth_date", "sex", "citizenship")


def validate_partial_date(value: str) -> str:
    """Birth dates are often partial: YYYY, YYYY-MM or YYYY-MM-DD."""
    value = value.strip()
    if not value:
        return ""
    parts = value.split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            date(int(parts[0]), 1, 1)
        elif len(parts) == 2 and len(parts[0]) == 4:
            date(int(parts[0]), int(parts[1]), 1)
        elif len(parts) == 3 and len(parts[0]) == 4:
            date(int(parts[0]), int(parts[1]), int(parts[2]))
        else:
            raise ValueError
    except ValueError:
        raise ValidationError({"birth_date": _("Use YYYY, YYYY-MM or YYYY-MM-DD.")}) from None
    return value


def detect_script(*names: str) -> str:
    letters = [c for name in names for c in name if c.isalpha()]
    if not letters:
        return Script.UNKNOWN
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    if cyrillic == len(letters):
        return Script.CYRILLIC
    if cyrillic == 0:
        return Script.LATIN
    return Script.MIXED


def normalise_identifier(kind: str, value: str) -> str:
    value = " ".join(value.split())
    if kind == IdentifierKind.PHONE:
        try:
            number = phonenumbers.parse(value, "KZ")
        except phonenumbers.NumberParseException:
            raise ValidationError({"value": _("Not a phone number.")}) from None
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if kind in (IdentifierKind.DOCUMENT, IdentifierKind.BANK_ACCOUNT, IdentifierKind.CARD, IdentifierKind.VEHICLE):
        return "".join(value.split()).upper()
    return value


@dataclass(frozen=True)
class IdentifierInput:
    kind: str
    value: str
    source: str = ""
    case_reference: str = ""
    observed_on: date | None = None


def _identifier_get_or_create(kind: str, value: str) -> Identifier:
    if kind not in IdentifierKind.values:
        raise ValidationError({"kind": _("Unknown identifier kind.")})
    normalised = normalise_identifier(kind, value)
    if not normalised:
        raise ValidationError({"value": _("This field may not be blank.")})
    digest = lookup_hash(kind, normalised)
    identifier = Identifier.objects.filter(kind=kind, value_hash=digest).first()
    if identifier is None:
        identifier = Identifier.objects.create(kind=kind, value=normalised, value_hash=digest)
    return identifier


def _attach(actor: User | None, record: PersonRecord, item: IdentifierInput) -> IdentifierLink:
    identifier = _identifier_get_or_create(item.kind, item.value)
    link, _created = IdentifierLink.objects.get_or_create(
        identifier=identifier,
        record=record,
        case_reference=item.case_reference,
        defaults={"source": item.source, "observed_on": item.observed_on, "recorded_by": actor},
    )
    return link


@transaction.atomic
def person_record_create(
    *,
    actor: User | None,
    organization: Organization | None = None,
    person: Person | None = None,
    given_name: str = "",
    family_name: str = "",
    patronymic: str = "",
    full_name: str = "",
    birth_date: str = "",
    sex: str = "u",
    citizenship: str = "",
    source: str = "",
    notes: str = "",
    identifiers: Iterable[IdentifierInput] = (),
) -> PersonRecord:
    """Record one mention of a person. Without `person`, a new Person is created; linkage may later
    merge it with others."""
    if actor is not None:
        require(actor, PeoplePermission.CREATE_RECORDS)
        organization = organization or actor.organization
    if organization is None:
        raise ValidationError({"organization": _("A record needs the organization that recorded it.")})
    if not any((given_name, family_name, full_name)):
        raise ValidationError({"family_name": _("Give at least one name as written.")})
    record = PersonRecord(
        source_organization=organization,
        recorded_by=actor,
        source=source,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        patronymic=patronymic.strip(),
        full_name=full_name.strip(),
        script=detect_script(given_name, family_name, patronymic, full_name),
        birth_date=validate_partial_date(birth_date),
        sex=sex or "u",
        citizenship=citizenship.upper(),
        notes=notes,
    )
    if person is None:
        person = Person.objects.create(label=record.display_name(), created_by=actor)
    record.person = person
    record.full_clean(exclude=["person", "source_organization"])
    record.save()
    for item in identifiers:
        _attach(actor, record, item)
    audit_record(
        actor=actor,
        action="person_record.create",
        target=record,
        changed_fields=[f for f in PERSONAL_FIELDS if getattr(record, f)],
        extra={"person": str(person.pk)},
    )
    return record


@transaction.atomic
def person_record_update(*, actor: User, record: PersonRecord, **values: Any) -> PersonRecord:
    require(actor, PeoplePermission.EDIT_RECORDS)
    unknown = set(values) - set(PERSONAL_FIELDS) - {"notes", "source"}
    if unknown:
        raise ValidationError({name: _("This field cannot be changed here.") for name in unknown})
    if "birth_date" in values:
        values["birth_date"] = validate_partial_date(values["birth_date"])
    changed = [name for name, value in values.items() if getattr(record, name) != value]
    for name, value in values.items():
        setattr(record, name, value)
    record.script = detect_script(record.given_name, record.family_name, record.patronymic, record.full_name)
    record.full_clean(exclude=["person", "source_organization"])
    record.save()
    audit_record(actor=actor, action="person_record.update", target=record, changed_fields=changed)
    return record


@transaction.atomic
def identifier_attach(*, actor: User | None, record: PersonRecord, item: IdentifierInput) -> IdentifierLink:
    if actor is not None:
        require(actor, PeoplePermission.EDIT_RECORDS)
    link = _attach(actor, record, item)
    audit_record(
        actor=actor,
        action="identifier.attach",
        target=record,
        changed_fields=["identifiers"],
        extra={"kind": item.kind, "identifier": str(link.identifier_id)},
    )
    return link
