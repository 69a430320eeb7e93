"""Write a synthetic World into the database.

Two paths, same rows:

- ``method="services"`` goes through the apps' services (``organization_create``, ``person_record_create``,
  ``criminal_case_create``, ``assistance_case_transition``...), so validation, encryption, blind indexes, status
  histories and one audit event per write all apply, exactly as if staff had typed it in.
- ``method="bulk"`` builds the same model instances and writes them with ``bulk_create`` in batches.
  Encryption and blind indexes still apply (they live in the fields); validation is the generator's own
  (its tests check articles, pipelines and roles); audit gets one ``synth.bulk_load`` event per table with
  the number of rows instead of one event per row. It exists for ``medium`` and ``large``.

``link`` decides which records share a Person row before linkage runs:
``"cases"`` (default) — records made for one case chain (the police record of a victim, the NGO intake of
the assistance case linked to that criminal case, the shelter's admission) are one Person, as the agencies
themselves connected them; everything else starts as its own Person, for linkage to resolve.
``"truth"`` — every record of a true person on one Person (linkage already perfect).
``"none"`` — one Person per record.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from typing import Any, Literal

from django.db import transaction

from senim.cases import services as case_services
from senim.cases.models import (
    AssistanceCase,
    AssistanceCaseStatusChange,
    Charge,
    CriminalCase,
    CriminalCaseStatusChange,
    Participant,
)
from senim.core import services as core_services
from senim.core.fields import lookup_hash
from senim.core.models import NumberSequence, Organization, User
from senim.people import services as people_services
from senim.people.models import Identifier, IdentifierLink, Person, PersonRecord
from senim.people.services import IdentifierInput, detect_script, normalise_identifier
from senim.synth import world as W

Method = Literal["services", "bulk"]
Link = Literal["cases", "truth", "none"]
Progress = Callable[[str, int, int], None]
BATCH = 2000


@dataclass
class LoadResult:
    method: str
    link: str
    seconds: float = 0.0
    organizations: dict[str, Any] = field(default_factory=dict)  # synthetic key -> Organization pk
    records: dict[str, Any] = field(default_factory=dict)  # R… -> PersonRecord pk
    persons: dict[str, Any] = field(default_factory=dict)  # R… -> Person pk the record was put on
    criminal_cases: dict[str, Any] = field(default_factory=dict)  # registry number -> pk
    assistance_cases: dict[str, Any] = field(default_factory=dict)  # A… -> pk

    def counts(self) -> dict[str, int]:
        return {
            "organizations": len(self.organizations),
            "records": len(self.records),
            "persons": len(set(self.persons.values())),
            "criminal_cases": len(self.criminal_cases),
            "assistance_cases": len(self.assistance_cases),
        }


def _moment(day: date, offset_days: int = 0) -> datetime:
    return datetime.combine(day + timedelta(days=offset_days), dtime(10, 0), tzinfo=UTC)


def person_keys(world: W.World, link: Link) -> dict[str, str]:
    """For every record, the key of the Person row it goes on (see the module docstring)."""
    if link == "truth":
        return {r.id: r.person_id for r in world.records}
    if link == "none":
        return {r.id: r.id for r in world.records}
    chain: dict[str, str] = {}  # case id (criminal or assistance) -> chain id
    for case in world.criminal_cases:
        chain[case.id] = case.id
        for assistance_id in case.assistance_case_ids:
            chain.setdefault(assistance_id, case.id)
    return {r.id: f"{r.person_id}@{chain.get(r.case_id, r.case_id)}" if r.case_id else r.id for r in world.records}


def _identifier_inputs(record: W.Record, idents: dict[str, W.Identifier]) -> list[IdentifierInput]:
    return [
        IdentifierInput(
            kind=idents[i].kind,
            value=idents[i].value,
            source=record.source,
            case_reference=record.case_id if record.case_id[:1].isdigit() else "",
            observed_on=record.observed_on,
        )
        for i in record.identifier_ids
    ]


def _path_moments(start: date, path: list[str], spread: tuple[int, int]) -> list[datetime]:
    """Deterministic moments for each step after the first: evenly spread over the span."""
    steps = len(path) - 1
    if steps <= 0:
        return []
    span = spread[0] + (spread[1] - spread[0]) * (len(path) % 3) // 2
    return [_moment(start, max(1, span * (i + 1) // steps)) for i in range(steps)]


class _Loader:
    def __init__(self, world: W.World, *, link: Link, staff: dict[str, User], progress: Progress | None) -> None:
        self.world = world
        self.link = link
        self.staff = staff
        self.progress = progress or (lambda phase, done, total: None)
        self.result = LoadResult(method="", link=link)
        self.orgs: dict[str, Organization] = {}
        self.idents = world.identifier_index()
        self.keys = person_keys(world, link)
        self.record_rows: dict[str, PersonRecord] = {}

    # Users chosen for cases: the demo investigator, prosecutor and case workers of their organizations.
    def _staff_of(self, role: str, organization_key: str) -> User | None:
        user = self.staff.get(role)
        if user is None or user.organization_id != self.orgs[organization_key].pk:
            return None
        return user

    def _investigator_for(self, case: W.CriminalCase, index: int) -> User | None:
        found = self._staff_of("investigator", case.unit_key)
        if found is None and index % 7 == 3:  # a few cases elsewhere are assigned to them personally
            return self.staff.get("investigator")
        return found

    # --- the service path -------------------------------------------------------------------------------

    def organizations_by_service(self) -> None:
        for org in self.world.organizations:
            self.orgs[org.key] = core_services.organization_create(
                actor=None,
                name=org.name,
                kind=org.kind,
                region=org.region,
                country=org.country,
                languages=org.languages,
            )
            self.result.organizations[org.key] = self.orgs[org.key].pk

    def by_services(self) -> None:
        world = self.world
        persons: dict[str, Person] = {}
        total = len(world.records)
        for n, record in enumerate(world.records, 1):
            key = self.keys[record.id]
            row = people_services.person_record_create(
                actor=None,
                organization=self.orgs[record.organization_key],
                person=persons.get(key),
                given_name=record.given_name,
                family_name=record.family_name,
                patronymic=record.patronymic,
                full_name=record.full_name,
                birth_date=record.birth_date,
                sex=record.sex or "u",
                citizenship=record.citizenship,
                source=record.source,
                identifiers=_identifier_inputs(record, self.idents),
            )
            persons.setdefault(key, row.person)  # type: ignore[arg-type]
            self.record_rows[record.id] = row
            self.result.records[record.id] = row.pk
            self.result.persons[record.id] = row.person_id
            if n % 500 == 0 or n == total:
                self.progress("records", n, total)
        assistance = self._assistance_by_services()
        self._criminal_by_services(assistance)

    def _assistance_by_services(self) -> dict[str, AssistanceCase]:
        world = self.world
        assistance: dict[str, AssistanceCase] = {}
        total = len(world.assistance_cases)
        for n, item in enumerate(world.assistance_cases, 1):
            lead = self.orgs[item.lead_organization_key]
            case = case_services.assistance_case_create(
                actor=None,
                record=self.record_rows[item.record_id],
                region=item.region,
                lead_organization=lead,
                exploitation_type=item.exploitation_type,
                is_minor=item.is_minor,
                summary=item.summary,
                reported_on=item.reported_on,
                caseworker=self._caseworker_for(item),
                at=_moment(item.reported_on),
            )
            for status, moment in zip(
                item.status_path[1:], _path_moments(item.reported_on, item.status_path, (20, 200)), strict=True
            ):
                case = case_services.assistance_case_transition(actor=None, case=case, to_status=status, at=moment)
            assistance[item.id] = case
            self.result.assistance_cases[item.id] = case.pk
            if n % 200 == 0 or n == total:
                self.progress("assistance cases", n, total)
        return assistance

    def _criminal_by_services(self, assistance: dict[str, AssistanceCase]) -> None:
        world = self.world
        total = len(world.criminal_cases)
        for n, item in enumerate(world.criminal_cases, 1):
            investigator = self._investigator_for(item, n)
            criminal = case_services.criminal_case_create(
                actor=None,
                registry_number=item.id,
                region=item.region,
                articles=item.articles,
                unit=self.orgs[item.unit_key],
                investigator=investigator,
                prosecutor_office=self.orgs[item.prosecutor_key],
                prosecutor=self._staff_of("prosecutor", item.prosecutor_key),
                opened_on=item.opened_on,
                summary=item.summary,
                at=_moment(item.opened_on),
            )
            for status, moment in zip(
                item.status_path[1:], _path_moments(item.opened_on, item.status_path, (120, 500)), strict=True
            ):
                criminal = case_services.criminal_case_transition(
                    actor=None, case=criminal, to_status=status, at=moment
                )
            for participant in item.participants:
                record = self.record_rows[participant.record_id]
                row = case_services.participant_add(
                    actor=None,
                    case=criminal,
                    person=record.person,  # type: ignore[arg-type]
                    record=record,
                    procedural_role=participant.procedural_role,
                    chain_role=participant.chain_role,
                )
                for charge in participant.charges:
                    case_services.charge_add(
                        actor=None,
                        participant=row,
                        article_key=charge.article,
                        outcome=charge.outcome,
                        sentence=charge.sentence,
                        decided_on=charge.decided_on,
                    )
            for assistance_id in item.assistance_case_ids:
                case_services.criminal_case_link_assistance(
                    actor=None, criminal_case=criminal, assistance_case=assistance[assistance_id]
                )
            self.result.criminal_cases[item.id] = criminal.pk
            if n % 50 == 0 or n == total:
                self.progress("criminal cases", n, total)

    def _caseworker_for(self, item: W.AssistanceCase) -> User | None:
        for role in ("ngo_caseworker", "labour_inspector", "migration_officer"):
            found = self._staff_of(role, item.lead_organization_key)
            if found is not None:
                return found
        return None

    # --- the bulk path ----------------------------------------------------------------------------------

    def organizations_by_bulk(self) -> None:
        rows = [
            Organization(name=o.name, kind=o.kind, region=o.region, country=o.country, languages=list(o.languages))
            for o in self.world.organizations
        ]
        Organization.objects.bulk_create(rows, batch_size=BATCH)
        for org, row in zip(self.world.organizations, rows, strict=True):
            self.orgs[org.key] = row
            self.result.organizations[org.key] = row.pk
        core_services.audit_record(
            actor=None, action="synth.bulk_load", extra={"table": "organization", "rows": len(rows)}
        )

    def by_bulk(self) -> None:
        world = self.world
        # Persons and records.
        persons: dict[str, Person] = {}
        records: list[PersonRecord] = []
        for record in world.records:
            key = self.keys[record.id]
            person = persons.get(key)
            if person is None:
                label = record.full_name or " ".join(
                    p for p in (record.family_name, record.given_name, record.patronymic) if p
                )
                person = persons[key] = Person(label=label)
            row = PersonRecord(
                person=person,
                source_organization=self.orgs[record.organization_key],
                source=record.source,
                given_name=record.given_name,
                family_name=record.family_name,
                patronymic=record.patronymic,
                full_name=record.full_name,
                script=detect_script(record.given_name, record.family_name, record.patronymic, record.full_name),
                birth_date=record.birth_date,
                sex=record.sex or "u",
                citizenship=record.citizenship,
            )
            records.append(row)
            self.record_rows[record.id] = row
        self._bulk("person", Person, list(persons.values()))
        self._bulk("person record", PersonRecord, records)
        for record in world.records:
            saved = self.record_rows[record.id]
            self.result.records[record.id] = saved.pk
            self.result.persons[record.id] = saved.person_id
        self._identifiers_by_bulk()
        assistance = self._assistance_by_bulk()
        self._criminal_by_bulk(assistance)

    def _identifiers_by_bulk(self) -> None:
        world = self.world
        # Identifiers (get or create by blind index) and their links with provenance.
        needed = sorted({i for r in world.records for i in r.identifier_ids})
        values = {i: normalise_identifier(self.idents[i].kind, self.idents[i].value) for i in needed}
        hashes = {i: lookup_hash(self.idents[i].kind, values[i]) for i in needed}
        existing = {
            (row.kind, row.value_hash): row
            for chunk in _chunks([hashes[i] for i in needed], 900)
            for row in Identifier.objects.filter(value_hash__in=chunk)
        }
        fresh: list[Identifier] = []
        by_synthetic: dict[str, Identifier] = {}
        for i in needed:
            kind = self.idents[i].kind
            found = existing.get((kind, hashes[i]))
            if found is None:
                found = existing[(kind, hashes[i])] = Identifier(kind=kind, value=values[i], value_hash=hashes[i])
                fresh.append(found)
            by_synthetic[i] = found
        self._bulk("identifier", Identifier, fresh)
        links: list[IdentifierLink] = []
        seen: set[tuple[Any, Any, str]] = set()
        for record in world.records:
            case_reference = record.case_id if record.case_id[:1].isdigit() else ""
            for i in record.identifier_ids:
                ident = by_synthetic[i]
                key3 = (ident.pk, self.record_rows[record.id].pk, case_reference)
                if key3 in seen:
                    continue
                seen.add(key3)
                links.append(
                    IdentifierLink(
                        identifier=ident,
                        record=self.record_rows[record.id],
                        source=record.source,
                        case_reference=case_reference,
                        observed_on=record.observed_on,
                    )
                )
        self._bulk("identifier link", IdentifierLink, links)

    def _assistance_by_bulk(self) -> dict[str, AssistanceCase]:
        world = self.world
        cases: list[AssistanceCase] = []
        changes: list[AssistanceCaseStatusChange] = []
        numbers = _Numbers("AC")
        for item in world.assistance_cases:
            record = self.record_rows[item.record_id]
            case = AssistanceCase(
                number=numbers.next(item.reported_on.year),
                person=record.person,
                intake_record=record,
                region=item.region,
                status=item.status,
                exploitation_type=item.exploitation_type,
                is_minor=item.is_minor,
                lead_organization=self.orgs[item.lead_organization_key],
                caseworker=self._caseworker_for(item),
                summary=item.summary,
                reported_on=item.reported_on,
            )
            moments = [_moment(item.reported_on), *_path_moments(item.reported_on, item.status_path, (20, 200))]
            if item.status == "closed":
                case.closed_on = moments[-1].date()
            cases.append(case)
            previous = ""
            for status, moment in zip(item.status_path, moments, strict=True):
                changes.append(
                    AssistanceCaseStatusChange(case=case, from_status=previous, to_status=status, changed_at=moment)
                )
                previous = status
        numbers.save()
        self._bulk("assistance case", AssistanceCase, cases)
        self._bulk("assistance case status change", AssistanceCaseStatusChange, changes)
        assistance = {item.id: case for item, case in zip(world.assistance_cases, cases, strict=True)}
        for key, case in assistance.items():
            self.result.assistance_cases[key] = case.pk
        return assistance

    def _criminal_by_bulk(self, assistance: dict[str, AssistanceCase]) -> None:
        world = self.world
        criminal_rows: list[CriminalCase] = []
        criminal_changes: list[CriminalCaseStatusChange] = []
        participants: list[Participant] = []
        charges: list[Charge] = []
        through: list[Any] = []
        link_model = CriminalCase.assistance_cases.through
        for n, item in enumerate(world.criminal_cases, 1):
            row = CriminalCase(
                registry_number=item.id,
                region=item.region,
                articles=list(item.articles),
                status=item.status,
                unit=self.orgs[item.unit_key],
                investigator=self._investigator_for(item, n),
                prosecutor_office=self.orgs[item.prosecutor_key],
                prosecutor=self._staff_of("prosecutor", item.prosecutor_key),
                opened_on=item.opened_on,
                summary=item.summary,
            )
            criminal_rows.append(row)
            moments = [_moment(item.opened_on), *_path_moments(item.opened_on, item.status_path, (120, 500))]
            previous = ""
            for status, moment in zip(item.status_path, moments, strict=True):
                criminal_changes.append(
                    CriminalCaseStatusChange(case=row, from_status=previous, to_status=status, changed_at=moment)
                )
                previous = status
            for participant in item.participants:
                record = self.record_rows[participant.record_id]
                prow = Participant(
                    case=row,
                    person=record.person,
                    record=record,
                    procedural_role=participant.procedural_role,
                    chain_role=participant.chain_role,
                )
                participants.append(prow)
                for charge in participant.charges:
                    charges.append(
                        Charge(
                            participant=prow,
                            article=charge.article,
                            outcome=charge.outcome,
                            sentence=charge.sentence,
                            decided_on=charge.decided_on,
                        )
                    )
            for assistance_id in item.assistance_case_ids:
                through.append(link_model(criminalcase=row, assistancecase=assistance[assistance_id]))
        self._bulk("criminal case", CriminalCase, criminal_rows)
        self._bulk("criminal case status change", CriminalCaseStatusChange, criminal_changes)
        self._bulk("participant", Participant, participants)
        self._bulk("charge", Charge, charges)
        self._bulk("criminal case assistance link", link_model, through)
        for item, row in zip(world.criminal_cases, criminal_rows, strict=True):
            self.result.criminal_cases[item.id] = row.pk

    def _bulk(self, label: str, model: Any, rows: list[Any]) -> None:
        total = len(rows)
        for start in range(0, total, BATCH):
            model.objects.bulk_create(rows[start : start + BATCH], batch_size=BATCH)
            self.progress(label, min(total, start + BATCH), total)
        core_services.audit_record(
            actor=None, action="synth.bulk_load", extra={"table": model._meta.label_lower, "rows": total}
        )


class _Numbers:
    """Case numbers AC-YYYY-000001 continuing the NumberSequence rows, as next_number would."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.last: dict[int, int] = {}

    def next(self, year: int) -> str:
        if year not in self.last:
            found = NumberSequence.objects.filter(name=f"{self.prefix}-{year}").first()
            self.last[year] = found.last_value if found else 0
        self.last[year] += 1
        return f"{self.prefix}-{year}-{self.last[year]:06d}"

    def save(self) -> None:
        for year, value in self.last.items():
            NumberSequence.objects.update_or_create(name=f"{self.prefix}-{year}", defaults={"last_value": value})


def _chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def load_organizations(world: W.World, *, method: Method = "services") -> dict[str, Organization]:
    """Only the organizations (the seed command creates demo accounts in them before the rest)."""
    loader = _Loader(world, link="cases", staff={}, progress=None)
    with transaction.atomic():
        if method == "bulk":
            loader.organizations_by_bulk()
        else:
            loader.organizations_by_service()
    return loader.orgs


def load_world(
    world: W.World,
    *,
    method: Method = "services",
    link: Link = "cases",
    organizations: dict[str, Organization] | None = None,
    staff: dict[str, User] | None = None,
    progress: Progress | None = None,
) -> LoadResult:
    """Write `world` into the database (inside one transaction) and say where each synthetic id went.

    `organizations` are rows already created for the world's organization keys (see `load_organizations`);
    without them they are created here. `staff` maps a role to a user: the investigator gets the cases of
    their unit (and a few others assigned personally), the prosecutor those their office supervises, NGO
    workers, labour inspectors and migration officers become case workers of the cases their organization
    leads."""
    if method not in ("services", "bulk"):
        raise ValueError(f"unknown method {method!r}")
    started = time.perf_counter()
    loader = _Loader(world, link=link, staff=staff or {}, progress=progress)
    with transaction.atomic():
        if organizations is None:
            if method == "bulk":
                loader.organizations_by_bulk()
            else:
                loader.organizations_by_service()
        else:
            loader.orgs = dict(organizations)
            loader.result.organizations = {k: o.pk for k, o in organizations.items()}
        if method == "bulk":
            loader.by_bulk()
        else:
            loader.by_services()
    loader.result.method = method
    loader.result.seconds = time.perf_counter() - started
    return loader.result
