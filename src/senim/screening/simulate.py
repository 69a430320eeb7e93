"""Synthetic screening situations and interviews with known truth (pure; no Django import).

Used by the benchmark (`bench/screening_synth.py`) and by the demo seed (`synth_seed.py`). A victim's true
situation is drawn from the six ILO dimensions (recruitment by deception, coercion and/or abuse of
vulnerability; exploitative work; for adults, and half of the children, coercion or abuse at destination);
an ordinary migrant's from hard living conditions and, for the "hard" ones, labour-law violations without
coercion. `interview_answers` then answers the real question bank with disclosure noise.
"""

from __future__ import annotations

import random
from typing import Any

from .engine import Catalogue
from .interview import Bank, follow_up_options, next_question


def _some(
    rng: random.Random, pool: list[str], low: int, high: int, weights: dict[str, float] | None = None
) -> set[str]:
    count = min(len(pool), rng.randint(low, high))
    if not weights:
        return set(rng.sample(pool, count))
    chosen: set[str] = set()
    while len(chosen) < count:
        chosen.add(rng.choices(pool, weights=[weights.get(c, 1.0) for c in pool])[0])
    return chosen


def _codes(catalogue: Catalogue, set_code: str, dim: str) -> list[str]:
    return sorted(catalogue.codes_in_dimension(set_code, dim))


COMMON = {
    "DR.job_nature": 3.0,
    "DR.wages": 3.0,
    "DR.work_conditions": 2.0,
    "CR.documents_confiscated": 2.0,
    "CR.debt_bondage": 2.0,
    "VR.economic": 4.0,
    "VR.illegal_status": 2.0,
    "VR.family_situation": 2.0,
    "EX.excessive_hours": 4.0,
    "EX.low_no_salary": 3.0,
    "EX.bad_living": 3.0,
    "CD.documents_confiscated": 3.0,
    "CD.isolation": 3.0,
    "CD.debt_bondage": 2.0,
    "CD.wages_withheld": 2.0,
    "VD.dependency": 3.0,
    "VD.unknown_area": 2.0,
}


def true_victim(rng: random.Random, catalogue: Catalogue, set_code: str) -> set[str]:
    truth: set[str] = set()
    child = set_code.startswith("child")
    recruitment = rng.sample(["DR", "CR", "VR"], rng.choice([1, 1, 2, 2, 3]))
    for dim in recruitment:
        truth |= _some(rng, _codes(catalogue, set_code, dim), 2, 4, COMMON)
    truth |= _some(rng, _codes(catalogue, set_code, "EX"), 2, 5, COMMON)
    if not child or rng.random() < 0.5:
        for dim in rng.sample(["CD", "VD"], rng.choice([1, 2])):
            truth |= _some(rng, _codes(catalogue, set_code, dim), 2, 4, COMMON)
    if set_code.endswith("sexual") and rng.random() < 0.8:
        truth.add("CD.forced_tasks")
    return truth


MIGRANT_BACKGROUND = {
    "VR.economic": 0.7,
    "VR.family_situation": 0.5,
    "VR.illegal_status": 0.2,
    "VR.lack_information": 0.3,
    "VR.lack_education": 0.2,
    "VD.unknown_area": 0.4,
    "VD.economic": 0.4,
    "VD.family_situation": 0.4,
    "VD.authorities_relationship": 0.3,
    "EX.no_social_protection": 0.4,
    "EX.labour_law": 0.3,
    "EX.bad_living": 0.3,
    "EX.excessive_hours": 0.2,
    "DR.wages": 0.15,
    "DR.work_conditions": 0.1,
}
LABOUR_VIOLATION = {
    "EX.excessive_hours": 0.8,
    "EX.low_no_salary": 0.6,
    "EX.wage_manipulation": 0.5,
    "EX.bad_working": 0.5,
    "EX.labour_law": 0.7,
    "DR.wages": 0.5,
    "DR.work_conditions": 0.4,
    "DR.contract": 0.3,
    "CD.wages_withheld": 0.3,
    "VD.dependency": 0.2,
}


def true_migrant(rng: random.Random, catalogue: Catalogue, set_code: str, hard: bool) -> set[str]:
    profile = dict(MIGRANT_BACKGROUND)
    if hard:
        profile.update(LABOUR_VIOLATION)
    valid = set(catalogue.codes_in_set(set_code))
    return {code for code, p in profile.items() if code in valid and rng.random() < p}


def interview_answers(
    rng: random.Random,
    bank: Bank,
    catalogue: Catalogue,
    set_code: str,
    truth: set[str],
    *,
    victim: bool,
    disclose: float | None = None,
    unknown_rate: float = 0.08,
    false_rate: float = 0.01,
    limit: int | None = None,
) -> dict[str, Any]:
    """Answer the interview as a person in the true situation would, with noise; stop after ``limit``."""
    disclose = disclose if disclose is not None else (0.75 if victim else 0.9)
    answers: dict[str, Any] = {
        "intake.age": 15 if set_code.startswith("child") else rng.randint(19, 55),
        "intake.work": "sexual" if set_code.endswith("sexual") else "labour",
    }
    while (question := next_question(bank, catalogue, answers)) is not None:
        if limit is not None and len(answers) >= limit:
            break
        if question.kind == "multi":
            if rng.random() < unknown_rate / 3:
                answers[question.id] = "refused"
                continue
            options = follow_up_options(bank, catalogue, question, answers)
            answers[question.id] = [
                o.id
                for o in options
                if (o.id in truth and rng.random() < disclose) or (o.id not in truth and rng.random() < false_rate)
            ]
        elif question.stage == "urgent":
            answers[question.id] = "no"
        else:
            if rng.random() < unknown_rate:
                answers[question.id] = "unknown"
                continue
            true = any(c in truth for c in question.indicators)
            says = rng.random() < disclose if true else rng.random() < false_rate
            opposite = "no" if question.indicates == "yes" else "yes"
            answers[question.id] = question.indicates if says else opposite
    return answers
