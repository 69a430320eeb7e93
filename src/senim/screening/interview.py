"""The screening interview as a pure flow (no Django import).

The question bank is data (``questions/bank-v<N>.json``, texts in ``questions/text-<lang>.json``). Given the
answers so far (a mapping question id -> answer), this module says which question comes next, how far the
interview is, which indicators and urgent flags the answers give, and the engine's assessment.

Order: intake (age; if age not given, the interviewer's judgement whether the person may be a minor; then
the kind of exploitation) -> urgent questions -> short form -> one follow-up checklist per dimension that
an earlier answer opened. Every question accepts ``refused`` and ``unknown``; their indicators are reported
as unknown (never as absent), and the engine says whether they could change the result.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .engine import DIMENSIONS, URGENT_FLAGS, Assessment, Catalogue, assess, choose_set, load_catalogue

QUESTIONS_DIR = Path(__file__).resolve().parent / "questions"
DEFAULT_BANK_VERSION = "1"
LANGUAGES: tuple[str, ...] = ("ru", "kk", "en", "uz", "ky", "tg")
SPECIAL_ANSWERS: tuple[str, ...] = ("refused", "unknown")
YES_NO: tuple[str, ...] = ("yes", "no", *SPECIAL_ANSWERS)
KINDS: tuple[str, ...] = ("number", "yes_no", "choice", "multi")
STAGES: tuple[str, ...] = ("intake", "urgent", "short", "follow_up")

AGE = "intake.age"
MAYBE_MINOR = "intake.maybe_minor"
WORK = "intake.work"

Answer = int | str | list[str]


class InterviewError(ValueError):
    """An answer that does not fit its question, or a question id the bank does not know."""


@dataclass(frozen=True)
class Option:
    id: str
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    id: str
    stage: str
    kind: str
    indicators: tuple[str, ...] = ()
    indicates: str = "yes"
    flag: str | None = None
    sets: tuple[str, ...] | None = None
    dimension: str | None = None
    options: tuple[Option, ...] = ()
    choices: tuple[str, ...] = ()
    ask_if: str | None = None
    audience: str = "person"
    minimum: int = 0
    maximum: int = 120
    opens: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bank:
    version: str
    catalogue_version: str
    questions: tuple[Question, ...]
    texts: Mapping[str, Mapping[str, Any]]

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise InterviewError(f"unknown question {question_id!r}")

    def stage(self, stage: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.stage == stage)

    # Texts ---------------------------------------------------------------------------------------------------
    def _texts(self, language: str) -> Mapping[str, Any]:
        return self.texts.get(language) or self.texts["en"]

    def question_text(self, question_id: str, language: str) -> str:
        return str(self._texts(language)["questions"][question_id])

    def indicator_text(self, code: str, language: str) -> str:
        return str(self._texts(language)["indicators"][code])

    def answer_text(self, answer: str, language: str) -> str:
        return str(self._texts(language)["answers"][answer])

    def choice_text(self, choice: str, language: str) -> str:
        return str(self._texts(language)["choices"][choice])


def _question_from_dict(row: Mapping[str, Any]) -> Question:
    return Question(
        id=row["id"],
        stage=row["stage"],
        kind=row["kind"],
        indicators=tuple(row.get("indicators", ())),
        indicates=row.get("indicates", "yes"),
        flag=row.get("flag"),
        sets=tuple(row["sets"]) if row.get("sets") else None,
        dimension=row.get("dimension"),
        options=tuple(Option(o["id"], tuple(o["indicators"])) for o in row.get("options", ())),
        choices=tuple(row.get("choices", ())),
        ask_if=row.get("ask_if"),
        audience=row.get("audience", "person"),
        minimum=int(row.get("min", 0)),
        maximum=int(row.get("max", 120)),
        opens=tuple(row.get("opens", ())),
    )


def check_bank(bank: Bank, catalogue: Catalogue) -> None:
    """Raise ValueError if the bank and its texts do not fit each other and the catalogue."""
    ids = [q.id for q in bank.questions]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate question ids")
    for q in bank.questions:
        if q.stage not in STAGES or q.kind not in KINDS:
            raise ValueError(f"{q.id}: bad stage or kind")
        if any(d not in DIMENSIONS for d in q.opens):
            raise ValueError(f"{q.id}: opens an unknown dimension")
        if q.flag is not None and q.flag not in URGENT_FLAGS:
            raise ValueError(f"{q.id}: unknown flag {q.flag}")
        codes = list(q.indicators) + [c for o in q.options for c in o.indicators]
        for code in codes:
            if code not in catalogue.indicators:
                raise ValueError(f"{q.id}: unknown indicator {code}")
        if q.stage == "follow_up" and (q.dimension not in DIMENSIONS or q.kind != "multi"):
            raise ValueError(f"{q.id}: a follow-up is a checklist for one dimension")
        if q.dimension and any(catalogue.indicators[c].dimension != q.dimension for c in codes):
            raise ValueError(f"{q.id}: option outside dimension {q.dimension}")
    for language in LANGUAGES:
        texts = bank.texts.get(language)
        if texts is None:
            raise ValueError(f"no texts for language {language}")
        missing = [i for i in ids if not texts["questions"].get(i)]
        missing += [c for c in catalogue.indicators if not texts["indicators"].get(c)]
        missing += [a for a in (*YES_NO, "none") if not texts["answers"].get(a)]
        missing += [c for q in bank.questions for c in q.choices if not texts["choices"].get(c)]
        if missing:
            raise ValueError(f"{language}: missing texts for {', '.join(missing[:5])}")


@lru_cache(maxsize=4)
def load_bank(version: str = DEFAULT_BANK_VERSION) -> Bank:
    data = json.loads((QUESTIONS_DIR / f"bank-v{version}.json").read_text(encoding="utf-8"))
    texts = {}
    for language in LANGUAGES:
        path = QUESTIONS_DIR / f"text-{language}.json"
        texts[language] = json.loads(path.read_text(encoding="utf-8"))
    bank = Bank(
        version=str(data["version"]),
        catalogue_version=str(data["catalogue_version"]),
        questions=tuple(_question_from_dict(row) for row in data["questions"]),
        texts=texts,
    )
    check_bank(bank, load_catalogue(bank.catalogue_version))
    return bank


# --------------------------------------------------------------------------------------------------------------
# Answers


def normalise_answer(question: Question, value: object) -> Answer:
    """Check an answer against its question and return its stored form."""
    if isinstance(value, str) and value in SPECIAL_ANSWERS:
        return value
    if question.kind == "number":
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int):
            raise InterviewError(f"{question.id}: expected a whole number, 'refused' or 'unknown'")
        if not question.minimum <= value <= question.maximum:
            raise InterviewError(f"{question.id}: {value} is outside {question.minimum}-{question.maximum}")
        return value
    if question.kind == "yes_no":
        if value not in ("yes", "no"):
            raise InterviewError(f"{question.id}: expected yes, no, refused or unknown")
        return str(value)
    if question.kind == "choice":
        if value not in question.choices:
            raise InterviewError(f"{question.id}: expected one of {', '.join(question.choices)}")
        return str(value)
    # multi: a list of option ids (possibly empty = none of these)
    if not isinstance(value, list | tuple):
        raise InterviewError(f"{question.id}: expected a list of options, 'refused' or 'unknown'")
    known = [o.id for o in question.options]
    chosen = set()
    for item in value:
        if item not in known:
            raise InterviewError(f"{question.id}: unknown option {item!r}")
        chosen.add(item)
    return [o for o in known if o in chosen]


# --------------------------------------------------------------------------------------------------------------
# Flow


def age_of(answers: Mapping[str, Any]) -> int | None:
    value = answers.get(AGE)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def set_of(answers: Mapping[str, Any]) -> str | None:
    """The ILO set, once age (or the minor judgement) and exploitation type are answered."""
    if AGE not in answers or WORK not in answers:
        return None
    age = age_of(answers)
    if age is None and MAYBE_MINOR not in answers:
        return None
    maybe_minor = None if age is not None else answers.get(MAYBE_MINOR) != "no"
    work = answers[WORK]
    return choose_set(age=age, exploitation=work if isinstance(work, str) else "other", maybe_minor=maybe_minor)


def _in_set(catalogue: Catalogue, set_code: str, code: str) -> bool:
    return catalogue.indicators[code].strengths.get(set_code) is not None


def _applies(catalogue: Catalogue, question: Question, set_code: str) -> bool:
    if question.sets is not None and set_code not in question.sets:
        return False
    return not question.indicators or any(_in_set(catalogue, set_code, c) for c in question.indicators)


def _covered(bank: Bank, answers: Mapping[str, Any]) -> set[str]:
    """Indicators already settled (yes or no) by an urgent or short question."""
    covered: set[str] = set()
    for question in bank.questions:
        settled = answers.get(question.id) in ("yes", "no")
        if question.kind == "yes_no" and question.stage in ("urgent", "short") and settled:
            covered.update(question.indicators)
    return covered


def follow_up_options(
    bank: Bank, catalogue: Catalogue, question: Question, answers: Mapping[str, Any]
) -> tuple[Option, ...]:
    set_code = set_of(answers)
    if set_code is None:
        return ()
    covered = _covered(bank, answers)
    return tuple(
        o
        for o in question.options
        if all(_in_set(catalogue, set_code, c) for c in o.indicators) and not set(o.indicators) <= covered
    )


def opened_dimensions(bank: Bank, catalogue: Catalogue, answers: Mapping[str, Any]) -> tuple[str, ...]:
    set_code = set_of(answers)
    if set_code is None:
        return ()
    opened: set[str] = set()
    for question in bank.questions:
        if question.stage not in ("urgent", "short") or answers.get(question.id) != question.indicates:
            continue
        found = [c for c in question.indicators if _in_set(catalogue, set_code, c)]
        if found:
            opened.update(catalogue.indicators[c].dimension for c in found)
            opened.update(question.opens)
    return tuple(d for d in DIMENSIONS if d in opened)


def plan(bank: Bank, catalogue: Catalogue, answers: Mapping[str, Any]) -> list[Question]:
    """Every question this interview asks given the answers so far (answered ones and those to come)."""
    questions = [bank.question(AGE)]
    if AGE in answers and age_of(answers) is None:
        questions.append(bank.question(MAYBE_MINOR))
    questions.append(bank.question(WORK))
    set_code = set_of(answers)
    if set_code is None:
        return questions
    questions += [q for q in bank.stage("urgent") if _applies(catalogue, q, set_code)]
    questions += [q for q in bank.stage("short") if _applies(catalogue, q, set_code)]
    opened = opened_dimensions(bank, catalogue, answers)
    for question in bank.stage("follow_up"):
        if question.dimension in opened and follow_up_options(bank, catalogue, question, answers):
            questions.append(question)
    return questions


def next_question(bank: Bank, catalogue: Catalogue, answers: Mapping[str, Any]) -> Question | None:
    for question in plan(bank, catalogue, answers):
        if question.id not in answers:
            return question
    return None


def progress(bank: Bank, catalogue: Catalogue, answers: Mapping[str, Any]) -> tuple[int, int]:
    """(answered, known so far): the total grows when a follow-up opens."""
    questions = plan(bank, catalogue, answers)
    return sum(1 for q in questions if q.id in answers), len(questions)


def is_complete(bank: Bank, catalogue: Catalogue, answers: Mapping[str, Any]) -> bool:
    return set_of(answers) is not None and next_question(bank, catalogue, answers) is None


# --------------------------------------------------------------------------------------------------------------
# Evidence and result


def _present_from(
    bank: Bank, catalogue: Catalogue, answers: Mapping[str, Any], set_code: str, stages: tuple[str, ...]
) -> set[str]:
    present: set[str] = set()
    for question in bank.questions:
        if question.stage not in stages or question.id not in answers:
            continue
        value = answers[question.id]
        if question.kind == "yes_no" and value == question.indicates:
            present.update(question.indicators)
        elif question.kind == "multi" and isinstance(value, list):
            for option in question.options:
                if option.id in value:
                    present.update(option.indicators)
    return {c for c in present if _in_set(catalogue, set_code, c)}


@dataclass(frozen=True)
class Evidence:
    set_code: str
    age: int | None
    present: frozenset[str]
    unknown: frozenset[str]
    flags: tuple[str, ...]


def evidence(
    bank: Bank, catalogue: Catalogue, answers: Mapping[str, Any], *, pending_as_unknown: bool = True
) -> Evidence:
    """Indicators present, indicators unknown (refused, unknown, or not yet asked) and urgent flags."""
    set_code = set_of(answers)
    if set_code is None:
        raise InterviewError("age and kind of exploitation must be answered first")
    questions = plan(bank, catalogue, answers)
    present = _present_from(bank, catalogue, answers, set_code, stages=("urgent", "short", "follow_up"))
    unknown: set[str] = set()
    flags: list[str] = []
    for question in questions:
        value = answers.get(question.id)
        pending = question.id not in answers
        if question.flag and value == question.indicates:
            flags.append(question.flag)
        if value in SPECIAL_ANSWERS or (pending and pending_as_unknown):
            if question.kind == "multi":
                unknown.update(c for o in follow_up_options(bank, catalogue, question, answers) for c in o.indicators)
            else:
                unknown.update(question.indicators)
    unknown = {c for c in unknown if _in_set(catalogue, set_code, c)} - present
    return Evidence(
        set_code=set_code,
        age=age_of(answers),
        present=frozenset(present),
        unknown=frozenset(unknown),
        flags=tuple(f for f in URGENT_FLAGS if f in flags),
    )


def evaluate(bank: Bank, catalogue: Catalogue, answers: Mapping[str, Any]) -> Assessment:
    found = evidence(bank, catalogue, answers)
    return assess(catalogue, found.set_code, found.present, unknown=found.unknown, flags=found.flags, age=found.age)
