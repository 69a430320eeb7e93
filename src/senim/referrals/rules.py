"""Pure rules of the referral workflow: which tasks an assessment generates, and when follow-ups fall due.
No Django import, so they are easy to test and reuse."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


def _(message: str) -> str:
    """Marks a message for translation (extracted by makemessages) without importing Django: task titles
    are stored in English and translated when shown."""
    return message


# Days allowed to act on a need, by the risk to the person: high risk is handled the next day.
DUE_DAYS = {"high": 1, "medium": 3, "low": 7}
STAGE_TASK_KIND = {
    "intake": "intake",
    "before_testimony": "testimony",
    "before_trial": "trial",
    "before_return": "return",
}


@dataclass(frozen=True)
class TaskSpec:
    kind: str
    title: str  # an English message id: translated when shown
    due_in_days: int
    params: tuple[tuple[str, str], ...] = ()


def tasks_for_assessment(
    *, stage: str, risk_level: str, family_risk_level: str, needs: Iterable[str], needs_met: Iterable[str] = ()
) -> list[TaskSpec]:
    """Tasks an assessment generates: one per unmet need, a safety plan when the person is at high risk,
    family protection when the family at home is at risk, and stage-specific preparation."""
    due = DUE_DAYS.get(risk_level, 7)
    met = set(needs_met)
    specs = [
        TaskSpec(kind=f"need:{need}", title=_("Arrange the service"), due_in_days=due, params=(("service", need),))
        for need in dict.fromkeys(needs)
        if need not in met
    ]
    if risk_level == "high":
        specs.append(TaskSpec(kind="safety_plan", title=_("Draw up a safety plan"), due_in_days=1))
    if family_risk_level in ("medium", "high"):
        specs.append(
            TaskSpec(
                kind="family_protection",
                title=_("Arrange protection of the family at home with the country of origin"),
                due_in_days=DUE_DAYS[family_risk_level] + 1,
            )
        )
    if stage == "before_testimony" and risk_level != "low":
        specs.append(
            TaskSpec(
                kind="procedural_protection", title=_("Request protective measures for testimony"), due_in_days=due
            )
        )
    if stage == "before_trial":
        specs.append(TaskSpec(kind="court_support", title=_("Prepare the victim for the trial"), due_in_days=due))
    if stage == "before_return":
        specs.append(
            TaskSpec(kind="return_handover", title=_("Confirm the receiving organization at home"), due_in_days=due)
        )
    return specs


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def follow_up_dates(closed_on: date, months: Iterable[int]) -> list[tuple[int, date]]:
    return [(m, add_months(closed_on, m)) for m in months]


def due_date(start: date, days: int) -> date:
    return start + timedelta(days=days)


def age_on(birth_date: str, day: date) -> int | None:
    """Age in whole years from a partial birth date (YYYY, YYYY-MM, YYYY-MM-DD); None when unknown.
    A partial date is taken at its latest possible day (youngest age), so a child never looks like an adult."""
    if not birth_date:
        return None
    parts = [int(p) for p in birth_date.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    dom = parts[2] if len(parts) > 2 else 31 if len(parts) == 1 else calendar.monthrange(year, month)[1]
    age = day.year - year - ((day.month, day.day) < (month, dom))
    return max(age, 0)
