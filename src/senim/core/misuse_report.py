"""Insider-misuse report for auditors: reads the audit log, works out case links, runs `senim.core.misuse`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from senim.core import misuse
from senim.core.access import require
from senim.core.models import AuditEvent, User
from senim.core.permissions import CorePermission


@dataclass
class ReportRow:
    flag: misuse.Flag
    user: User | None


@dataclass
class Report:
    since: datetime
    until: datetime
    events: int
    rows: list[ReportRow]


def _person_of_targets(events: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    from senim.cases.models import AssistanceCase
    from senim.people.models import PersonRecord

    wanted: dict[str, set[str]] = defaultdict(set)
    for e in events:
        wanted[e["target_type"]].add(e["target_id"])
    found: dict[tuple[str, str], str] = {}
    for pk in wanted.get("people.person", set()):
        found[("people.person", pk)] = pk
    records = PersonRecord.objects.filter(pk__in=wanted.get("people.personrecord", set()))
    for record_pk, person in records.values_list("pk", "person_id"):
        found[("people.personrecord", str(record_pk))] = str(person or "")
    cases = AssistanceCase.objects.filter(pk__in=wanted.get("cases.assistancecase", set()))
    for case_pk, case_person in cases.values_list("pk", "person_id"):
        found[("cases.assistancecase", str(case_pk))] = str(case_person)
    return found


def case_links(users: list[User]) -> dict[str, set[str]]:
    """Persons each user has a case link to: through an assistance case their organization leads or they
    work, or a criminal case they (or their unit or office) investigate or prosecute."""
    from senim.cases.models import AssistanceCase, Participant

    links: dict[str, set[str]] = {}
    for user in users:
        org = user.organization_id
        assisted = AssistanceCase.objects.filter(Q(caseworker=user) | Q(lead_organization_id=org))
        criminal = Participant.objects.filter(
            Q(case__investigator=user)
            | Q(case__prosecutor=user)
            | Q(case__unit_id=org)
            | Q(case__prosecutor_office_id=org)
        )
        persons = {str(p) for p in assisted.values_list("person_id", flat=True)}
        persons |= {str(p) for p in criminal.values_list("person_id", flat=True)}
        links[str(user.pk)] = persons
    return links


def misuse_report(
    actor: User,
    *,
    since: datetime,
    until: datetime | None = None,
    thresholds: misuse.Thresholds | None = None,
) -> Report:
    require(actor, CorePermission.VIEW_AUDIT_LOG)
    until = until or timezone.now()
    thresholds = thresholds or misuse.Thresholds(time_zone=settings.DISPLAY_TIME_ZONE)
    rows = list(
        AuditEvent.objects.filter(occurred_at__gte=since, occurred_at__lt=until, actor__isnull=False)
        .filter(
            Q(action__in=misuse.READ_ACTIONS)
            | Q(action__endswith=".search")
            | Q(action__endswith=".export")
            | Q(action__startswith=misuse.CASE_ACTION_PREFIXES[0])
            | Q(action__startswith=misuse.CASE_ACTION_PREFIXES[1])
            | Q(action__startswith=misuse.CASE_ACTION_PREFIXES[2])
            | Q(action__startswith=misuse.CASE_ACTION_PREFIXES[3])
            | Q(action__startswith=misuse.CASE_ACTION_PREFIXES[4])
            | Q(action__startswith=misuse.CASE_ACTION_PREFIXES[5])
        )
        .values("occurred_at", "actor_id", "action", "target_type", "target_id", "extra")
    )
    persons = _person_of_targets([r for r in rows if r["action"] in misuse.READ_ACTIONS])
    events = [
        misuse.AccessEvent(
            at=r["occurred_at"],
            user=str(r["actor_id"]),
            action=r["action"],
            person=persons.get((r["target_type"], r["target_id"]), ""),
            rows=int((r["extra"] or {}).get("rows", 0) or 0),
        )
        for r in rows
    ]
    readers = {e.user for e in events if e.action in misuse.READ_ACTIONS}
    users = {str(u.pk): u for u in User.objects.filter(pk__in=readers | {e.user for e in events})}
    flags = misuse.detect(events, case_links([users[u] for u in readers if u in users]), thresholds)
    return Report(since, until, len(events), [ReportRow(f, users.get(f.user)) for f in flags])
