"""Scoring engine: the combination rule, vignettes per set, urgent flags, Palermo view, explanations."""

import json

import pytest

from senim.screening.engine import (
    RECOMMEND_FOLLOW_UP,
    RECOMMEND_INCOMPLETE,
    RECOMMEND_NO_INDICATION,
    RECOMMEND_PRESUMED_VICTIM,
    RECOMMEND_URGENT,
    UnknownFlagError,
    UnknownIndicatorError,
    UnknownSetError,
    assess,
    assess_dimension,
    choose_set,
    count_baseline,
    dimension_rule,
    load_catalogue,
)

CAT = load_catalogue()


@pytest.mark.parametrize(
    ("strong", "medium", "weak", "rule"),
    [
        (0, 0, 0, None),
        (1, 0, 0, None),  # one strong alone is not enough
        (0, 2, 0, None),
        (0, 1, 1, None),
        (0, 1, 2, None),
        (0, 0, 9, None),  # any number of weak alone
        (0, 1, 8, None),
        (2, 0, 0, "two_strong"),
        (3, 4, 1, "two_strong"),
        (1, 1, 0, "strong_plus_other"),
        (1, 0, 1, "strong_plus_other"),
        (0, 3, 0, "three_medium"),
        (0, 3, 5, "three_medium"),
        (0, 2, 1, "two_medium_plus_weak"),
        (0, 2, 3, "two_medium_plus_weak"),
    ],
)
def test_dimension_rule(strong, medium, weak, rule):
    assert dimension_rule(strong, medium, weak) == rule


# Building blocks (adult_labour strengths in comments)
DR_POS = ["DR.job_nature", "DR.wages"]  # S + M
EX_POS = ["EX.excessive_hours", "EX.low_no_salary"]  # S + M
CD_POS = ["CD.documents_confiscated", "CD.isolation"]  # S + S
VD_POS = ["VD.dependency", "VD.economic", "VD.unknown_area"]  # 3 M


class TestDimensionVignettes:
    def test_one_strong_alone(self):
        dim = assess_dimension(CAT, "adult_labour", "DR", ["DR.job_nature"])
        assert not dim.positive
        assert dim.present == (("DR.job_nature", "S"),)
        assert "not positive" in dim.text

    def test_three_medium(self):
        dim = assess_dimension(CAT, "adult_labour", "CR", ["CR.isolation", "CR.threat_denounce", "CR.debt_bondage"])
        assert dim.positive and dim.rule == "three_medium"
        assert (dim.strong, dim.medium, dim.weak) == (0, 3, 0)

    def test_two_medium_plus_weak(self):
        dim = assess_dimension(CAT, "adult_labour", "VR", ["VR.economic", "VR.illegal_status", "VR.general_context"])
        assert dim.positive and dim.rule == "two_medium_plus_weak"

    def test_two_medium_without_weak(self):
        assert not assess_dimension(CAT, "adult_labour", "VR", ["VR.economic", "VR.illegal_status"]).positive

    def test_strengths_differ_between_adult_and_child(self):
        # CR.debt_bondage is M for adults and S for children; CR.threat_violence likewise.
        codes = ["CR.debt_bondage", "CR.threat_violence"]
        assert not assess_dimension(CAT, "adult_labour", "CR", codes).positive
        child = assess_dimension(CAT, "child_labour", "CR", codes)
        assert child.positive and child.rule == "two_strong"

    def test_forced_tasks_strong_only_in_sexual_adult_set(self):
        codes = ["CD.forced_tasks", "CD.lie_authorities"]
        assert not assess_dimension(CAT, "adult_labour", "CD", codes).positive
        sexual = assess_dimension(CAT, "adult_sexual", "CD", codes)
        assert sexual.positive and sexual.rule == "strong_plus_other"

    def test_other_dimensions_ignored(self):
        dim = assess_dimension(CAT, "adult_labour", "EX", DR_POS + CD_POS)
        assert not dim.positive and dim.present == ()


class TestCombinationAdult:
    @pytest.mark.parametrize("set_code", ["adult_labour", "adult_sexual"])
    def test_full_pattern_is_trafficking(self, set_code):
        result = assess(CAT, set_code, DR_POS + EX_POS + CD_POS)
        assert result.trafficking
        assert result.positive_dimensions == ("DR", "EX", "CD")
        assert result.recommendation == RECOMMEND_PRESUMED_VICTIM

    @pytest.mark.parametrize("set_code", ["adult_labour", "adult_sexual"])
    def test_without_destination_coercion_is_not(self, set_code):
        result = assess(CAT, set_code, DR_POS + EX_POS)
        assert not result.trafficking
        assert result.recommendation == RECOMMEND_FOLLOW_UP

    def test_vd_alone_suffices_for_destination(self):
        assert assess(CAT, "adult_labour", ["CR.violence", "CR.isolation"] + EX_POS + VD_POS).trafficking

    def test_without_recruitment_is_not(self):
        assert not assess(CAT, "adult_labour", EX_POS + CD_POS + VD_POS).trafficking

    def test_without_exploitation_is_not(self):
        assert not assess(CAT, "adult_labour", DR_POS + CD_POS + VD_POS).trafficking

    def test_nothing_present(self):
        result = assess(CAT, "adult_labour", [])
        assert not result.trafficking
        assert result.recommendation == RECOMMEND_NO_INDICATION
        assert result.dimension_flags() == dict.fromkeys(["DR", "CR", "VR", "EX", "CD", "VD"], False)

    def test_one_strong_each_is_not_enough(self):
        result = assess(CAT, "adult_labour", ["DR.job_nature", "EX.excessive_hours", "CD.violence"])
        assert not result.trafficking
        assert result.positive_dimensions == ()


class TestCombinationChild:
    @pytest.mark.parametrize("set_code", ["child_labour", "child_sexual"])
    def test_child_without_destination_coercion_is_trafficking(self, set_code):
        # DR.education is S for children, W for adults; EX.no_education M for children.
        indicators = ["DR.education", "DR.wages", "EX.excessive_hours", "EX.no_education"]
        child = assess(CAT, set_code, indicators)
        assert child.trafficking
        assert not child.dimensions["CD"].positive and not child.dimensions["VD"].positive
        assert child.palermo.met and not child.palermo.means_required

    def test_same_answers_for_an_adult_are_not(self):
        indicators = ["DR.education", "DR.wages", "EX.excessive_hours", "EX.no_education"]
        adult = assess(CAT, "adult_labour", indicators)
        assert not adult.trafficking
        assert not adult.dimensions["DR"].positive  # adult: M + W only
        assert adult.palermo.means_required

    def test_child_needs_exploitation(self):
        assert not assess(CAT, "child_labour", DR_POS + CD_POS).trafficking

    def test_indicator_absent_from_child_set_is_rejected(self):
        with pytest.raises(UnknownIndicatorError, match="not part of set 'child_labour'"):
            assess(CAT, "child_labour", ["VR.false_law_info"])
        assert assess(CAT, "adult_labour", ["VR.false_law_info"]).dimensions["VR"].medium == 1


class TestInputErrors:
    def test_unknown_set(self):
        with pytest.raises(UnknownSetError, match="adult_domestic"):
            assess(CAT, "adult_domestic", [])

    def test_unknown_indicator(self):
        with pytest.raises(UnknownIndicatorError, match=r"DR\.nonsense"):
            assess(CAT, "adult_labour", ["DR.job_nature", "DR.nonsense"])

    def test_non_string_indicator(self):
        with pytest.raises(UnknownIndicatorError):
            assess(CAT, "adult_labour", [42])

    def test_unknown_flag(self):
        with pytest.raises(UnknownFlagError, match="sad"):
            assess(CAT, "adult_labour", [], flags=["sad"])

    def test_duplicates_count_once(self):
        result = assess(CAT, "adult_labour", ["DR.job_nature", "DR.job_nature"])
        assert not result.dimensions["DR"].positive


class TestUrgentFlags:
    def test_child_set_always_flags_minor(self):
        result = assess(CAT, "child_sexual", [])
        assert result.urgent == ("minor",)
        assert result.recommendation == RECOMMEND_URGENT

    def test_age_under_18_flags_minor_even_with_adult_set(self):
        result = assess(CAT, "adult_labour", [], age=16)
        assert result.urgent == ("minor",)
        assert result.warnings == ("set_mismatch_minor_with_adult_set",)

    def test_adult_age_with_child_set_warns(self):
        assert assess(CAT, "child_labour", [], age=30).warnings == ("set_mismatch_adult_with_child_set",)

    def test_flags_override_a_negative_result(self):
        result = assess(CAT, "adult_labour", [], flags=["held_now", "immediate_danger"])
        assert not result.trafficking
        assert result.urgent == ("immediate_danger", "held_now")
        assert result.recommendation == RECOMMEND_URGENT

    def test_flags_override_a_positive_result_too(self):
        result = assess(CAT, "adult_labour", DR_POS + EX_POS + CD_POS, flags=["medical_emergency"])
        assert result.trafficking and result.recommendation == RECOMMEND_URGENT


class TestUnknownAnswers:
    def test_missing_answers_make_result_undetermined(self):
        result = assess(CAT, "adult_labour", DR_POS + EX_POS + ["CD.violence"], unknown=["CD.isolation"])
        assert not result.trafficking
        assert result.dimensions["CD"].could_become_positive
        assert result.undetermined
        assert result.recommendation == RECOMMEND_INCOMPLETE
        assert "could change" in result.conclusion_text()

    def test_missing_answers_that_cannot_matter(self):
        # Two weak unknowns cannot lift CD (one medium) to positive.
        result = assess(
            CAT, "adult_labour", DR_POS + EX_POS + ["CD.wages_withheld"], unknown=["CD.threat_inform_family"]
        )
        assert not result.dimensions["CD"].could_become_positive
        assert not result.undetermined

    def test_unknown_that_is_also_present_is_ignored(self):
        result = assess(CAT, "adult_labour", ["CD.violence"], unknown=["CD.violence"])
        assert result.dimensions["CD"].unknown == ()


class TestPalermo:
    def test_adult_act_means_purpose(self):
        view = assess(CAT, "adult_labour", DR_POS + EX_POS + CD_POS).palermo
        assert view.act and view.means and view.purpose and view.met
        assert view.act_evidence == ("DR", "CD")
        assert view.means_evidence == ("coercion", "deception")
        assert view.purpose_kind == "labour"

    def test_palermo_can_be_met_where_ilo_rule_is_not(self):
        # Deception at recruitment + exploitation: Palermo elements present, ILO adult rule wants CD/VD.
        result = assess(CAT, "adult_sexual", DR_POS + EX_POS)
        assert result.palermo.met
        assert not result.trafficking

    def test_no_purpose(self):
        view = assess(CAT, "adult_labour", DR_POS + CD_POS).palermo
        assert view.act and view.means and not view.purpose and not view.met

    def test_sexual_purpose_kind(self):
        assert assess(CAT, "child_sexual", []).palermo.purpose_kind == "sexual"


class TestExplanation:
    def test_contract_shape(self):
        data = assess(CAT, "adult_labour", DR_POS + EX_POS + CD_POS).to_dict()
        assert list(data) == ["set", "dimensions", "trafficking", "explanation"]
        assert data["dimensions"] == {"DR": True, "CR": False, "VR": False, "EX": True, "CD": True, "VD": False}
        assert [e["dimension"] for e in data["explanation"]] == ["DR", "CR", "VR", "EX", "CD", "VD", None]
        json.dumps(data)

    def test_explains_which_indicators_and_why(self):
        explanation = assess(CAT, "adult_labour", DR_POS + EX_POS + CD_POS).explanation()
        dr = explanation[0]
        assert dr["indicators"] == [{"code": "DR.job_nature", "strength": "S"}, {"code": "DR.wages", "strength": "M"}]
        assert dr["rule"] == "strong_plus_other"
        assert "one strong indicator and at least one medium or weak" in dr["text"]
        cr = explanation[1]
        assert not cr["positive"] and "needs two strong" in cr["text"]
        assert "adult rule" in explanation[-1]["text"] and "met" in explanation[-1]["text"]

    def test_full_dict(self):
        data = assess(CAT, "child_labour", [], age=15).to_dict(full=True)
        assert data["catalogue_version"] == "1"
        assert data["urgent"] == ["minor"]
        assert data["recommendation"] == RECOMMEND_URGENT
        assert data["palermo"]["means_required"] is False


@pytest.mark.parametrize(
    ("age", "exploitation", "maybe_minor", "expected"),
    [
        (25, "labour", None, "adult_labour"),
        (18, "sexual", None, "adult_sexual"),
        (17, "labour", None, "child_labour"),
        (12, "both", None, "child_sexual"),
        (None, "labour", None, "child_labour"),  # presumption of minority
        (None, "sexual", True, "child_sexual"),
        (None, "labour", False, "adult_labour"),
        (40, "begging", None, "adult_labour"),
    ],
)
def test_choose_set(age, exploitation, maybe_minor, expected):
    assert choose_set(age=age, exploitation=exploitation, maybe_minor=maybe_minor) == expected


def test_count_baseline():
    assert count_baseline(["a", "b", "c", "d", "e"])
    assert not count_baseline(["a", "a", "b", "c", "d"])
