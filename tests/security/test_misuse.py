"""Insider-misuse signals on synthetic access logs with planted misuse: the detector flags exactly the
planted users, and the auditors' report reads the real audit log."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from senim.core import misuse
from senim.core.misuse_report import misuse_report
from senim.core.services import audit_read, audit_record
from senim.core.testing.factories import make_assistance_case, make_record, make_user
from tests.security.world import login

ALMATY_OFFSET = timedelta(hours=5)


def _at(day: int, local_hour: float) -> datetime:
    """A weekday (2026-03-02 is a Monday) at a local Almaty hour, as UTC."""
    base = datetime(2026, 3, 2, tzinfo=UTC) + timedelta(days=day)
    return base + timedelta(hours=local_hour) - ALMATY_OFFSET


def synthetic_log(seed: int = 1) -> tuple[list[misuse.AccessEvent], dict[str, set[str]], dict[str, str]]:
    """60 ordinary users over four weeks, plus one planted user per signal."""
    rng = random.Random(seed)
    events: list[misuse.AccessEvent] = []
    links: dict[str, set[str]] = {}
    for n in range(60):
        user = f"u{n}"
        caseload = {f"p{n}-{k}" for k in range(rng.randint(3, 30))}
        links[user] = caseload
        for day in [d for d in range(26) if d % 7 < 5]:
            for _ in range(rng.randint(0, 12)):
                person = rng.choice(sorted(caseload))
                hour = rng.uniform(8.5, 19.5)
                events.append(misuse.AccessEvent(_at(day, hour), user, rng.choice(sorted(misuse.READ_ACTIONS)), person))
            if rng.random() < 0.3:
                hour = rng.uniform(9, 17)
                events.append(misuse.AccessEvent(_at(day, hour), user, "person.search"))
                events.append(misuse.AccessEvent(_at(day, hour + 1), user, "assistance_case.transition"))
            if rng.random() < 0.05:
                events.append(misuse.AccessEvent(_at(day, 11), user, "cases.export", rows=rng.randint(1, 40)))
        # A few ordinary exceptions that must not trip anything: one late evening, one unlinked look-up.
        events.append(misuse.AccessEvent(_at(3, 21), user, "person.view", rng.choice(sorted(caseload))))
        events.append(misuse.AccessEvent(_at(4, 10), user, "person.view", f"other-{n}"))

    planted = {
        "snoop": "unlinked_reads",
        "night": "out_of_hours",
        "fisher": "search_without_action",
        "dumper": "bulk_export",
    }
    for user in planted:
        links[user] = {f"{user}-own-{k}" for k in range(10)}
    weekdays = [d for d in range(26) if d % 7 < 5]
    for k in range(25):  # opens 25 victims' records with no case link, in working hours
        events.append(misuse.AccessEvent(_at(weekdays[k % 15], 10 + k % 6), "snoop", "personrecord.view", f"v{k}"))
    for day in range(6):  # reads own cases at 2-3 a.m.
        events.append(misuse.AccessEvent(_at(day, 2.5), "night", "assistancecase.view", "night-own-1"))
    for day in range(5):  # looks people up by name and never does anything with a case
        events.append(misuse.AccessEvent(_at(day * 2, 14), "fisher", "person.search"))
    events.append(misuse.AccessEvent(_at(9, 15), "dumper", "people.export", rows=4000))
    rng.shuffle(events)
    return events, links, planted


def test_detector_flags_exactly_the_planted_users():
    events, links, planted = synthetic_log()
    flags = misuse.detect(events, links)
    assert {(f.user, f.signal) for f in flags} == set(planted.items())
    snoop = next(f for f in flags if f.user == "snoop")
    assert snoop.count == 25
    dumper = next(f for f in flags if f.user == "dumper")
    assert dumper.detail["largest"] == 4000


@pytest.mark.parametrize("seed", [2, 3, 4])
def test_detector_is_stable_across_synthetic_logs(seed):
    events, links, planted = synthetic_log(seed)
    assert {(f.user, f.signal) for f in misuse.detect(events, links)} == set(planted.items())


def test_weekends_count_as_out_of_hours_and_a_search_followed_by_action_is_fine():
    saturday = _at(5, 11)
    events = [misuse.AccessEvent(saturday + timedelta(minutes=i), "w", "person.view", "p") for i in range(5)]
    events += [misuse.AccessEvent(_at(0, 9), "s", "person.search") for _ in range(4)]
    events += [misuse.AccessEvent(_at(0, 12), "s", "criminal_case.create")]
    flags = misuse.detect(events, {"w": {"p"}, "s": set()})
    assert [(f.user, f.signal) for f in flags] == [("w", "out_of_hours")]


@pytest.mark.django_db
def test_report_reads_the_audit_log_and_respects_case_links():
    caseworker = make_user("ngo_caseworker")
    snoop = make_user("investigator")
    auditor = make_user("auditor")
    own = make_assistance_case(lead_organization=caseworker.organization)
    strangers = [make_record(family_name=f"Чужая-{k}") for k in range(16)]
    night, day = _at(1, 3), _at(1, 11)
    with mock.patch("senim.core.services.timezone.now", return_value=day):
        for _ in range(20):
            audit_read(actor=caseworker, target=own)  # linked: never flagged
        for record in strangers:
            audit_read(actor=snoop, target=record)
        audit_record(actor=snoop, action="people.export", extra={"rows": 500})
    with mock.patch("senim.core.services.timezone.now", return_value=night):
        for _ in range(5):
            audit_read(actor=caseworker, target=own)
    report = misuse_report(auditor, since=night - timedelta(days=1), until=day + timedelta(days=1))
    found = {(row.user.username, row.flag.signal) for row in report.rows}
    assert found == {
        (snoop.username, "unlinked_reads"),
        (caseworker.username, "out_of_hours"),
        (snoop.username, "bulk_export"),
    }


@pytest.mark.django_db
def test_only_auditors_see_the_report_and_the_log():
    auditor = make_user("auditor")
    investigator = make_user("investigator")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        misuse_report(investigator, since=datetime(2026, 1, 1, tzinfo=UTC))
    assert misuse_report(auditor, since=datetime(2026, 1, 1, tzinfo=UTC)).rows == []
    assert login(Client(), investigator).get(reverse("audit:misuse")).status_code == 403
