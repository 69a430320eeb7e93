"""Demo screenings, called by `senim seed` after the synthetic world is loaded
(`seed_world(world=, result=, organizations=, staff=)`).

For assistance cases of victims (presumed or identified victim, assisted, closed) it records a complete
screening in the person's language, answered from a victim's situation with disclosure noise, and the
screener's decision "presumed victim" (with a reason where the engine disagrees); for cases in "screening"
it leaves an interview half-way. Cases that are only reported, or were found not a victim, are left alone so
the seeded pipeline does not change. Everything goes through the services (audit, encryption); screening
dates follow the case's report date so the monthly statistics have a history. Deterministic per case.
"""

from __future__ import annotations

import random
import zlib
from datetime import UTC, datetime, time, timedelta
from typing import Any

from senim.cases.models import AssistanceCase, AssistanceStatus
from senim.screening import interview, services
from senim.screening.engine import choose_set, load_catalogue
from senim.screening.models import Screening
from senim.screening.simulate import interview_answers, true_victim

MAX_SCREENINGS = 300
LANGUAGE_OF = {"UZ": "uz", "KG": "ky", "TJ": "tg", "KZ": "kk", "RU": "ru"}
VICTIM_STATUSES = (
    AssistanceStatus.PRESUMED_VICTIM,
    AssistanceStatus.IDENTIFIED_VICTIM,
    AssistanceStatus.ASSISTED,
    AssistanceStatus.CLOSED,
)


def _moment(day: Any, days: int) -> datetime:
    return datetime.combine(day + timedelta(days=days), time(10, 0), tzinfo=UTC)


def seed_world(**context: Any) -> int:
    bank = interview.load_bank()
    catalogue = load_catalogue(bank.catalogue_version)
    cases = (
        AssistanceCase.objects.filter(status__in=[*VICTIM_STATUSES, AssistanceStatus.SCREENING])
        .exclude(screenings__isnull=False)
        .select_related("intake_record")
        .order_by("reported_on", "number")[:MAX_SCREENINGS]
    )
    made = 0
    for case in cases:
        rng = random.Random(zlib.crc32(f"screening:{case.number}".encode()))
        if case.status == AssistanceStatus.CLOSED and rng.random() < 0.5:
            continue  # older closed cases were identified before Senim had screening
        exploitation = "sexual" if case.exploitation_type == "sexual" else "labour"
        set_code = choose_set(age=15 if case.is_minor else 30, exploitation=exploitation)
        truth = true_victim(rng, catalogue, set_code)
        pending = case.status == AssistanceStatus.SCREENING
        answers = interview_answers(
            rng, bank, catalogue, set_code, truth, victim=True, limit=rng.randint(3, 12) if pending else None
        )
        language = LANGUAGE_OF.get(case.intake_record.citizenship, "ru")
        screening = services.screening_start(actor=None, case=case, language=language)
        screening = services.screening_enter_paper(actor=None, screening=screening, answers=answers)
        if not pending:
            result = services.screening_assessment(screening)
            reason = ""
            if result is None or not result.trafficking or screening.status != "completed":
                reason = "Demo: the case file (police report, medical record) shows what the interview did not capture."
            services.screening_decide(actor=None, screening=screening, decision="presumed_victim", reason=reason)
        started = _moment(case.reported_on, rng.randint(0, 3))
        Screening.objects.filter(pk=screening.pk).update(
            created_at=started,
            mode="interview" if rng.random() < 0.8 else "paper",
            completed_at=started + timedelta(minutes=rng.randint(12, 25)) if not pending else None,
            decided_at=started + timedelta(hours=rng.randint(1, 48)) if not pending else None,
        )
        made += 1
    return made
