"""Insider-misuse signals over access logs. Pure: no Django import, so it runs on synthetic logs in tests
and on exported logs from the command line.

Signals (each a reason to look, never proof):
- unlinked_reads: a user opens many victims' records they have no case link to;
- out_of_hours: a user reads victims' records outside working hours (local time) or on rest days;
- search_without_action: a user searches for people by name and then takes no case action;
- bulk_export: a user exports many rows, or exports often.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

READ_ACTIONS = frozenset({"person.view", "personrecord.view", "assistancecase.view"})
CASE_ACTION_PREFIXES = ("assistance_case.", "criminal_case.", "participant.", "charge.", "screening.", "referral.")
PASSIVE_SUFFIXES = (".view", ".search", ".export")


@dataclass(frozen=True)
class AccessEvent:
    at: datetime  # aware
    user: str  # user id
    action: str
    person: str = ""  # the person the event concerns, when it concerns one
    rows: int = 0  # rows written out, for exports


@dataclass(frozen=True)
class Thresholds:
    unlinked_persons: int = 15  # distinct unlinked persons opened in the window
    out_of_hours_reads: int = 5
    working_hours: tuple[int, int] = (8, 20)  # local, [start, end)
    rest_days: frozenset[int] = frozenset({5, 6})  # Saturday, Sunday
    time_zone: str = "Asia/Almaty"
    dangling_searches: int = 3
    search_follow_up: timedelta = timedelta(hours=24)
    export_rows: int = 100  # one export this large is flagged
    exports_per_day: int = 3


@dataclass
class Flag:
    user: str
    signal: str
    count: int
    first_at: datetime
    last_at: datetime
    detail: dict[str, object] = field(default_factory=dict)


def is_case_action(action: str) -> bool:
    return action.startswith(CASE_ACTION_PREFIXES) and not action.endswith(PASSIVE_SUFFIXES)


def detect(
    events: Iterable[AccessEvent],
    links: Mapping[str, set[str]],
    thresholds: Thresholds | None = None,
) -> list[Flag]:
    """`links[user]` is the set of persons the user has a case link to (their organization leads the
    case, they work it, or they investigate or prosecute a criminal case the person is part of)."""
    t = thresholds or Thresholds()
    zone = ZoneInfo(t.time_zone)
    unlinked: dict[str, dict[str, datetime]] = defaultdict(dict)
    late: dict[str, list[datetime]] = defaultdict(list)
    searches: dict[str, list[datetime]] = defaultdict(list)
    case_actions: dict[str, list[datetime]] = defaultdict(list)
    exports: dict[str, list[AccessEvent]] = defaultdict(list)
    for event in sorted(events, key=lambda e: e.at):
        if event.action in READ_ACTIONS:
            if event.person and event.person not in links.get(event.user, set()):
                unlinked[event.user].setdefault(event.person, event.at)
            local = event.at.astimezone(zone)
            start, end = t.working_hours
            if local.weekday() in t.rest_days or not start <= local.hour < end:
                late[event.user].append(event.at)
        elif event.action.endswith(".search"):
            searches[event.user].append(event.at)
        elif event.action.endswith(".export"):
            exports[event.user].append(event)
        if is_case_action(event.action):
            case_actions[event.user].append(event.at)

    flags: list[Flag] = []
    for user, persons in unlinked.items():
        if len(persons) >= t.unlinked_persons:
            moments = sorted(persons.values())
            flags.append(Flag(user, "unlinked_reads", len(persons), moments[0], moments[-1]))
    for user, moments in late.items():
        if len(moments) >= t.out_of_hours_reads:
            flags.append(Flag(user, "out_of_hours", len(moments), moments[0], moments[-1]))
    for user, moments in searches.items():
        actions = case_actions.get(user, [])
        dangling = [m for m in moments if not any(m <= a <= m + t.search_follow_up for a in actions)]
        if len(dangling) >= t.dangling_searches:
            flags.append(Flag(user, "search_without_action", len(dangling), dangling[0], dangling[-1]))
    for user, done in exports.items():
        per_day: dict[object, int] = defaultdict(int)
        for event in done:
            per_day[event.at.astimezone(zone).date()] += 1
        large = [e for e in done if e.rows >= t.export_rows]
        busiest = max(per_day.values())
        if large or busiest >= t.exports_per_day:
            flags.append(
                Flag(
                    user,
                    "bulk_export",
                    len(done),
                    done[0].at,
                    done[-1].at,
                    {"rows": sum(e.rows for e in done), "largest": max(e.rows for e in done), "busiest_day": busiest},
                )
            )
    return sorted(flags, key=lambda f: (f.signal, -f.count, f.user))
