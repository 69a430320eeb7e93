"""Writes on persons, their records and shared identifiers."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import phonenumbers
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from senim.core.access import has_permission, require
from senim.core.fields import lookup_hash
from senim.core.models import Organization, User
from senim.core.services import audit_record, audit_record_many, job_enqueue
from senim.people import csvimport
from senim.people.models import (
    Identifier,
    IdentifierKind,
    IdentifierLink,
    ImportStatus,
    Person,
    PersonImport,
    PersonRecord,
    Script,
)
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


_IMPORT_IDENTIFIER_COLUMNS: dict[str, str] = {
    "document_number": IdentifierKind.DOCUMENT,
    "phone": IdentifierKind.PHONE,
    "address": IdentifierKind.ADDRESS,
}


def _record_instance(
    *,
    actor: User | None,
    organization: Organization | None,
    given_name: str,
    family_name: str,
    patronymic: str,
    full_name: str,
    birth_date: str,
    sex: str,
    citizenship: str,
    source: str,
    notes: str,
) -> PersonRecord:
    """A validated, unsaved record: the one place a record's fields are checked and derived."""
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
    # The id is a fresh UUID: no uniqueness query per record.
    record.full_clean(exclude=["person", "source_organization"], validate_unique=False)
    return record


def _record_audit_fields(record: PersonRecord) -> list[str]:
    return [f for f in PERSONAL_FIELDS if getattr(record, f)]


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
    record = _record_instance(
        actor=actor,
        organization=organization,
        given_name=given_name,
        family_name=family_name,
        patronymic=patronymic,
        full_name=full_name,
        birth_date=birth_date,
        sex=sex,
        citizenship=citizenship,
        source=source,
        notes=notes,
    )
    if person is None:
        person = Person.objects.create(label=record.display_name(), created_by=actor)
    record.person = person
    record.save()
    for item in identifiers:
        _attach(actor, record, item)
    audit_record(
        actor=actor,
        action="person_record.create",
        target=record,
        changed_fields=_record_audit_fields(record),
        extra={"person": str(person.pk)},
    )
    return record


def _person_records_bulk_create(
    *, actor: User, organization: Organization, rows: list[dict[str, str]], source: str
) -> list[PersonRecord]:
    """What `person_record_create` does for each row (a new person per record, identifiers shared by
    value, one audit event per record), in batched queries: for imports, inside the caller's
    transaction."""
    require(actor, PeoplePermission.CREATE_RECORDS)
    records, persons = [], []
    wanted: list[tuple[PersonRecord, str, str]] = []  # record, kind, normalised value
    for row in rows:
        record = _record_instance(
            actor=actor,
            organization=organization,
            given_name=row["given_name"],
            family_name=row["family_name"],
            patronymic=row["patronymic"],
            full_name=row["full_name"],
            birth_date=row["birth_date"],
            sex=row["sex"],
            citizenship=row["citizenship"],
            source=f"{source} #{row['record_id']}"[:120],
            notes=row["notes"],
        )
        record.person = Person(label=record.display_name(), created_by=actor)
        persons.append(record.person)
        records.append(record)
        for column, kind in _IMPORT_IDENTIFIER_COLUMNS.items():
            if row[column]:
                wanted.append((record, kind, normalise_identifier(kind, row[column])))
    Person.objects.bulk_create(persons, batch_size=500)
    PersonRecord.objects.bulk_create(records, batch_size=500)
    digests = {(kind, value): lookup_hash(kind, value) for _record, kind, value in wanted}
    known: dict[tuple[str, str], Identifier] = {}
    for kind_to_find in {kind for kind, _value in digests}:
        hashes = [digest for (kind, _value), digest in digests.items() if kind == kind_to_find]
        for start in range(0, len(hashes), 500):
            for found in Identifier.objects.filter(kind=kind_to_find, value_hash__in=hashes[start : start + 500]):
                known[(kind_to_find, found.value_hash)] = found
    missing = {
        (kind, digest): Identifier(kind=kind, value=value, value_hash=digest)
        for (kind, value), digest in digests.items()
        if (kind, digest) not in known
    }
    Identifier.objects.bulk_create(missing.values(), batch_size=500)
    known.update(missing)
    IdentifierLink.objects.bulk_create(
        [
            IdentifierLink(
                identifier=known[(kind, digests[(kind, value)])], record=record, source=source, recorded_by=actor
            )
            for record, kind, value in wanted
        ],
        batch_size=500,
        ignore_conflicts=True,  # the same number twice on one row is one link
    )
    audit_record_many(
        actor=actor,
        action="person_record.create",
        targets=((r, _record_audit_fields(r), {"person": str(r.person_id)}) for r in records),
    )
    return records


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


# Importing a list of persons from an agency's CSV file: checked at upload, written by the worker
# all-or-nothing (docs/people.md).


ROW_MESSAGES = {
    "extra_values": gettext_lazy("more values than columns in the header"),
    "no_record_id": gettext_lazy("empty; every row needs the sender's reference"),
    "repeated_record_id": gettext_lazy("the same record_id as line %(line)s"),
    "too_long": gettext_lazy("longer than %(limit)s characters"),
    "no_name": gettext_lazy("no name at all; give at least one name as written"),
    "bad_sex": gettext_lazy("use m, f or leave empty"),
    "bad_citizenship": gettext_lazy("use the two-letter ISO code (KZ, UZ, KG, TJ, RU...)"),
    "bad_date_format": gettext_lazy("use YYYY, YYYY-MM or YYYY-MM-DD"),
    "no_such_date": gettext_lazy("no such date"),
    "date_out_of_range": gettext_lazy("the date is before 1900 or in the future"),
    "bad_phone": gettext_lazy("not a phone number"),
}


def _row_error_report(errors: list[csvimport.RowError]) -> list[dict[str, Any]]:
    """Row errors as stored and shown: line, column, and the problem in the uploader's language."""
    messages = {code: str(text) for code, text in ROW_MESSAGES.items()}
    return [{"line": e.line, "column": e.column, "message": e.message(messages)} for e in errors]


def _content_hash(raw: bytes) -> str:
    return lookup_hash("person_import", hashlib.sha256(raw).hexdigest())


@transaction.atomic
def person_import_create(*, actor: User, file_name: str, raw: bytes, source: str) -> PersonImport:
    """Check the file at once (size, type, header, every row) so the sender hears about mistakes while
    still at the form; queue the write for the worker."""
    require(actor, PeoplePermission.IMPORT_RECORDS)
    if actor.organization is None:
        raise ValidationError({"file": _("Your account belongs to no organization; ask an administrator.")})
    source = source.strip()
    if not source:
        raise ValidationError({"source": _("Say where the list comes from.")})
    if len(raw) > settings.SENIM_IMPORT_MAX_BYTES:
        limit_mb = settings.SENIM_IMPORT_MAX_BYTES // 2**20
        raise ValidationError({"file": _("The file is larger than %(mb)s MB: split it.") % {"mb": limit_mb}})
    try:
        parsed = csvimport.parse(raw, max_rows=settings.SENIM_IMPORT_MAX_ROWS)
    except csvimport.FileRejected as exc:
        raise ValidationError({"file": str(exc)}) from None
    digest = _content_hash(raw)
    earlier = PersonImport.objects.filter(
        organization=actor.organization, content_hash=digest, status__in=[ImportStatus.QUEUED, ImportStatus.IMPORTED]
    ).first()
    if earlier is not None:
        raise ValidationError(
            {
                "file": _("This file was already uploaded on %(when)s.")
                % {"when": f"{earlier.created_at:%Y-%m-%d %H:%M}"}
            }
        )
    person_import = PersonImport(
        organization=actor.organization,
        uploaded_by=actor,
        uploaded_as=actor.acting_role or "",
        file_name=file_name[-200:],
        source=source[:80],
        content_hash=digest,
        row_count=len(parsed.rows) + len({e.line for e in parsed.errors}),
        ignored_columns=parsed.ignored_columns,
    )
    if parsed.errors:
        person_import.status = ImportStatus.REJECTED
        person_import.errors = _row_error_report(parsed.errors)
        person_import.finished_at = timezone.now()
    else:
        person_import.content = csvimport.decode(raw)
    person_import.save()
    audit_record(
        actor=actor,
        action="person_import.upload",
        target=person_import,
        extra={"rows": person_import.row_count, "rejected_rows": len({e.line for e in parsed.errors})},
    )
    if not parsed.errors:
        person_import.job = job_enqueue(actor=actor, kind="people.import", params={"import": str(person_import.pk)})
        person_import.save(update_fields=["job", "updated_at"])
    return person_import


def _act_as_uploader(person_import: PersonImport) -> User:
    """The worker writes as the uploader, in the role they uploaded in, if they still may."""
    uploader = User.objects.get(pk=person_import.uploaded_by_id)
    uploader.act_as(person_import.uploaded_as)
    if uploader.acting_role != person_import.uploaded_as or not has_permission(
        uploader, PeoplePermission.IMPORT_RECORDS
    ):
        raise PermissionDenied(_("The uploader no longer may import persons."))
    return uploader


def person_import_run(
    *, person_import: PersonImport, progress: Callable[[int, int], None] | None = None
) -> dict[str, Any]:
    """Write every row, or none. Safe to run again after a lost worker: a committed import is not
    repeated, an uncommitted one left nothing behind."""
    if person_import.status != ImportStatus.QUEUED:
        return {"status": person_import.status, "imported": person_import.imported_count}
    try:
        uploader = _act_as_uploader(person_import)
    except PermissionDenied as exc:
        return _person_import_fail(person_import, str(exc))
    parsed = csvimport.parse(person_import.content.encode(), max_rows=settings.SENIM_IMPORT_MAX_ROWS)
    if parsed.errors:  # the rules changed between upload and run
        return _person_import_fail(person_import, _("Rows have errors."), _row_error_report(parsed.errors))
    total = len(parsed.rows)
    if progress:
        progress(0, total)
    with transaction.atomic():
        locked = PersonImport.objects.select_for_update().get(pk=person_import.pk)
        if locked.status != ImportStatus.QUEUED:
            return {"status": locked.status, "imported": locked.imported_count}
        _person_records_bulk_create(
            actor=uploader, organization=locked.organization, rows=parsed.rows, source=locked.source
        )
        locked.status = ImportStatus.IMPORTED
        locked.imported_count = total
        locked.content = ""
        locked.finished_at = timezone.now()
        locked.save(update_fields=["status", "imported_count", "content", "finished_at", "updated_at"])
        audit_record(actor=uploader, action="person_import.complete", target=locked, extra={"rows": total})
        # New records are linked to the persons already known (incrementally: only unlinked records).
        job_enqueue(actor=uploader, kind="linkage.run", params={"after_import": str(locked.pk)})
    if progress:
        progress(total, total)
    return {"status": ImportStatus.IMPORTED, "imported": total}


def _person_import_fail(
    person_import: PersonImport, reason: str, errors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    with transaction.atomic():
        person_import.status = ImportStatus.FAILED if errors is None else ImportStatus.REJECTED
        person_import.errors = errors or [{"line": 0, "column": "", "message": reason}]
        person_import.content = ""
        person_import.finished_at = timezone.now()
        person_import.save(update_fields=["status", "errors", "content", "finished_at", "updated_at"])
        audit_record(actor=None, action="person_import.fail", target=person_import, extra={"reason": reason})
    return {"status": person_import.status, "imported": 0}
