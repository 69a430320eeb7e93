"""The interview flow over the question bank: order, follow-ups, refused/unknown, texts in six languages."""

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from senim.screening.engine import RECOMMEND_INCOMPLETE, RECOMMEND_NO_INDICATION, load_catalogue
from senim.screening.interview import (
    LANGUAGES,
    QUESTIONS_DIR,
    Bank,
    InterviewError,
    check_bank,
    evaluate,
    evidence,
    follow_up_options,
    is_complete,
    load_bank,
    next_question,
    normalise_answer,
    opened_dimensions,
    plan,
    progress,
    set_of,
)

BANK = load_bank()
CAT = load_catalogue()

ADULT_LABOUR = {"intake.age": 31, "intake.work": "labour"}
NO_URGENT = {"urgent.danger": "no", "urgent.medical": "no", "urgent.held": "no"}


def run(answers_for, start=None, limit=60):
    """Answer questions in order with answers_for(question) until the interview ends."""
    answers = dict(start or {})
    asked = []
    for _ in range(limit):
        question = next_question(BANK, CAT, answers)
        if question is None:
            return answers, asked
        asked.append(question.id)
        answers[question.id] = normalise_answer(question, answers_for(question, answers))
    raise AssertionError("interview did not end")


def all_negative(question, answers):
    if question.kind == "yes_no":
        # "no" is the answer that does not indicate, whichever way the question is asked
        return "yes" if question.indicates == "no" else "no"
    if question.kind == "multi":
        return []
    raise AssertionError(question.id)


class TestOrder:
    def test_age_then_kind_of_exploitation_first(self):
        assert next_question(BANK, CAT, {}).id == "intake.age"
        assert next_question(BANK, CAT, {"intake.age": 30}).id == "intake.work"
        assert next_question(BANK, CAT, ADULT_LABOUR).stage == "urgent"

    def test_unknown_age_asks_the_interviewer_about_minority(self):
        assert next_question(BANK, CAT, {"intake.age": "refused"}).id == "intake.maybe_minor"
        assert set_of({"intake.age": "unknown", "intake.work": "sexual"}) is None
        assert set_of({"intake.age": "unknown", "intake.maybe_minor": "unknown", "intake.work": "sexual"}) == (
            "child_sexual"
        )
        assert set_of({"intake.age": "unknown", "intake.maybe_minor": "no", "intake.work": "labour"}) == "adult_labour"

    @pytest.mark.parametrize(
        ("age", "work", "expected"),
        [(30, "labour", "adult_labour"), (30, "both", "adult_sexual"), (15, "other", "child_labour")],
    )
    def test_set_from_intake(self, age, work, expected):
        assert set_of({"intake.age": age, "intake.work": work}) == expected

    def test_urgent_before_short_form(self):
        stages = [q.stage for q in plan(BANK, CAT, ADULT_LABOUR)]
        assert stages == sorted(stages, key=["intake", "urgent", "short", "follow_up"].index)

    @pytest.mark.parametrize("set_answers", [ADULT_LABOUR, {"intake.age": 14, "intake.work": "sexual"}])
    def test_short_form_is_about_fifteen_questions(self, set_answers):
        short = [q for q in plan(BANK, CAT, set_answers) if q.stage == "short"]
        assert 14 <= len(short) <= 17

    def test_school_question_only_for_children(self):
        adult = {q.id for q in plan(BANK, CAT, ADULT_LABOUR)}
        child = {q.id for q in plan(BANK, CAT, {"intake.age": 12, "intake.work": "labour"})}
        assert "short.school" in child and "short.school" not in adult


class TestWalkThrough:
    def test_ordinary_migrant_gets_no_follow_ups(self):
        answers, asked = run(all_negative, start=ADULT_LABOUR)
        assert not any(q.startswith("follow.") for q in asked)
        assert is_complete(BANK, CAT, answers)
        result = evaluate(BANK, CAT, answers)
        assert not result.trafficking
        assert result.recommendation == RECOMMEND_NO_INDICATION
        assert progress(BANK, CAT, answers) == (len(answers), len(answers))

    def test_victim_opens_follow_ups_only_for_opened_dimensions(self):
        yes = {"short.job", "short.hours", "short.documents"}

        def answer(question, answers):
            if question.id in yes:
                return "yes"
            if question.id == "follow.DR":
                return ["DR.wages", "DR.housing"]
            if question.id == "follow.EX":
                return ["EX.low_no_salary"]
            if question.id == "follow.CD":
                return ["CD.isolation"]
            return all_negative(question, answers)

        answers, asked = run(answer, start=ADULT_LABOUR)
        # documents kept at destination also open coercive recruitment (bank "opens"); VR and VD stay closed
        assert [q for q in asked if q.startswith("follow.")] == ["follow.DR", "follow.CR", "follow.EX", "follow.CD"]
        result = evaluate(BANK, CAT, answers)
        assert result.trafficking
        assert result.positive_dimensions == ("DR", "EX", "CD")

    def test_a_refused_or_negative_answer_opens_nothing(self):
        answers = {**ADULT_LABOUR, **NO_URGENT, "short.documents": "refused", "short.job": "no"}
        assert opened_dimensions(BANK, CAT, answers) == ()
        answers["short.debt"] = "yes"
        assert opened_dimensions(BANK, CAT, answers) == ("CR", "CD")

    def test_follow_up_leaves_out_what_was_already_answered(self):
        answers = {**ADULT_LABOUR, **NO_URGENT, "short.job": "yes", "short.pay_promise": "no"}
        options = {o.id for o in follow_up_options(BANK, CAT, BANK.question("follow.DR"), answers)}
        assert "DR.job_nature" not in options and "DR.wages" not in options
        assert "DR.contract" in options

    def test_child_follow_up_offers_only_child_indicators(self):
        answers = {"intake.age": 13, "intake.work": "labour", "short.hard_situation": "yes"}
        assert "VR" in opened_dimensions(BANK, CAT, answers)
        options = {o.id for o in follow_up_options(BANK, CAT, BANK.question("follow.VR"), answers)}
        assert "VR.false_law_info" not in options
        assert "VR.past_difficulties" in options

    def test_held_now_flag_and_isolation(self):
        answers = {**ADULT_LABOUR, "urgent.held": "yes"}
        found = evidence(BANK, CAT, answers)
        assert found.flags == ("held_now",)
        assert "CD.isolation" in found.present
        assert evaluate(BANK, CAT, answers).recommendation == "urgent"

    def test_reverse_questions(self):
        answers = {**ADULT_LABOUR, "short.go_out": "no"}
        assert "CD.isolation" in evidence(BANK, CAT, answers).present
        answers["short.go_out"] = "yes"
        assert "CD.isolation" not in evidence(BANK, CAT, answers).present


class TestRefusedAndUnknown:
    def test_refused_answers_are_unknown_not_absent(self):
        answers = {**ADULT_LABOUR, **NO_URGENT, "short.documents": "refused", "short.go_out": "unknown"}
        found = evidence(BANK, CAT, answers, pending_as_unknown=False)
        assert {"CD.documents_confiscated", "CD.isolation"} <= found.unknown
        assert not found.present

    def test_result_says_it_could_change(self):
        def answer(question, answers):
            if question.id in ("short.job", "short.pay_promise", "short.hours", "short.pay"):
                return "yes"
            if question.id in ("short.documents", "short.go_out", "short.hurt_work"):
                return "refused"
            if question.kind == "multi":
                return []
            return all_negative(question, answers)

        answers, _ = run(answer, start=ADULT_LABOUR)
        result = evaluate(BANK, CAT, answers)
        assert not result.trafficking
        assert result.undetermined and result.recommendation == RECOMMEND_INCOMPLETE

    def test_refused_checklist(self):
        answers = {**ADULT_LABOUR, **NO_URGENT, "short.job": "yes", "follow.DR": "refused"}
        assert "DR.contract" in evidence(BANK, CAT, answers, pending_as_unknown=False).unknown


class TestAnswers:
    @pytest.mark.parametrize(
        ("question_id", "value", "stored"),
        [
            ("intake.age", "17", 17),
            ("intake.age", 40, 40),
            ("intake.age", "refused", "refused"),
            ("short.job", "yes", "yes"),
            ("short.job", "unknown", "unknown"),
            ("intake.work", "sexual", "sexual"),
            ("follow.CD", ["CD.violence", "CD.isolation", "CD.violence"], ["CD.isolation", "CD.violence"]),
            ("follow.CD", [], []),
        ],
    )
    def test_valid(self, question_id, value, stored):
        assert normalise_answer(BANK.question(question_id), value) == stored

    @pytest.mark.parametrize(
        ("question_id", "value"),
        [
            ("intake.age", 200),
            ("intake.age", "old"),
            ("intake.age", True),
            ("short.job", "maybe"),
            ("short.job", True),
            ("intake.work", "farming"),
            ("follow.CD", ["DR.job_nature"]),
            ("follow.CD", "CD.violence"),
        ],
    )
    def test_invalid(self, question_id, value):
        with pytest.raises(InterviewError):
            normalise_answer(BANK.question(question_id), value)

    def test_unknown_question(self):
        with pytest.raises(InterviewError):
            BANK.question("short.nope")

    def test_evidence_needs_the_set(self):
        with pytest.raises(InterviewError):
            evidence(BANK, CAT, {"intake.age": 20})


class TestBankData:
    def test_every_indicator_can_be_reached_in_every_set(self):
        for set_code in CAT.sets:
            reachable = set()
            for q in BANK.questions:
                if q.sets is None or set_code in q.sets:
                    reachable.update(q.indicators)
                    reachable.update(c for o in q.options for c in o.indicators)
            assert set(CAT.codes_in_set(set_code)) <= reachable, set_code

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_texts_complete(self, language):
        texts = BANK.texts[language]
        assert texts["language"] == language
        for q in BANK.questions:
            assert BANK.question_text(q.id, language).strip()
        assert BANK.answer_text("refused", language) != BANK.answer_text("unknown", language)

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_never_asks_about_trafficking_or_victimhood(self, language):
        forbidden = re.compile(
            r"traffick|victim|торгов|жертв|саудас|құрбан|savdo|qurbon|соода|курмандык|савдо|қурбон", re.IGNORECASE
        )
        raw = (QUESTIONS_DIR / f"text-{language}.json").read_text(encoding="utf-8")
        assert not forbidden.search(raw)

    def test_check_bank_catches_missing_translation(self):
        texts = json.loads(json.dumps(BANK.texts))
        del texts["tg"]["questions"]["short.job"]
        with pytest.raises(ValueError, match=r"tg: missing texts for short\.job"):
            check_bank(Bank(BANK.version, BANK.catalogue_version, BANK.questions, texts), CAT)

    def test_check_bank_catches_unknown_indicator(self):
        raw = json.loads((QUESTIONS_DIR / "bank-v1.json").read_text(encoding="utf-8"))
        from senim.screening.interview import _question_from_dict

        questions = [_question_from_dict(r) for r in raw["questions"]]
        broken = questions[:6] + [questions[6].__class__(id="x", stage="short", kind="yes_no", indicators=("DR.x",))]
        with pytest.raises(ValueError, match=r"unknown indicator DR\.x"):
            check_bank(Bank("1", "1", tuple(broken), BANK.texts), CAT)


ANSWER_VALUES = st.sampled_from(["yes", "no", "refused", "unknown"])


@settings(max_examples=150, deadline=None)
@given(
    age=st.one_of(st.integers(min_value=5, max_value=70), st.sampled_from(["refused", "unknown"])),
    work=st.sampled_from(["labour", "sexual", "both", "other"]),
    data=st.data(),
)
def test_any_answers_reach_an_end_and_an_assessment(age, work, data):
    answers = {}
    seen = set()
    for _ in range(80):
        question = next_question(BANK, CAT, answers)
        if question is None:
            break
        assert question.id not in seen
        seen.add(question.id)
        if question.id == "intake.age":
            value = age
        elif question.id == "intake.work":
            value = work
        elif question.kind == "multi":
            options = [o.id for o in follow_up_options(BANK, CAT, question, answers)]
            value = data.draw(st.one_of(st.lists(st.sampled_from(options), max_size=4), st.just("refused")))
        else:
            value = data.draw(ANSWER_VALUES)
        answers[question.id] = normalise_answer(question, value)
        if set_of(answers) is not None:
            evaluate(BANK, CAT, answers)  # a partial result is always available
    else:
        raise AssertionError("no end")
    assert is_complete(BANK, CAT, answers)
    done, total = progress(BANK, CAT, answers)
    assert done == total <= 3 + 3 + 16 + 6
    result = evaluate(BANK, CAT, answers)
    if isinstance(age, int) and age < 18:
        assert "minor" in result.urgent
