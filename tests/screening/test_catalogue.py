"""The catalogue file against the reference table (transcribed here independently of the JSON)."""

import json

import pytest

from senim.screening.engine import CATALOGUE_DIR, DIMENSIONS, SETS, catalogue_from_dict, load_catalogue

# code adult child, from the project reference (shared/reference/identification.md); "-" = not in the set
REFERENCE = """
DR.job_nature S S; DR.work_conditions M M; DR.contract M M; DR.family_reunification M M; DR.housing M M
DR.documents M M; DR.travel M M; DR.wages M M; DR.marriage_adoption M M; DR.education W S
CR.violence S S; CR.abduction M S; CR.documents_confiscated M M; CR.debt_bondage M S; CR.isolation M M
CR.threat_denounce M M; CR.threat_inform_family M M; CR.threat_violence M S; CR.violence_family M M
CR.withholding_money M M; VR.family_difficult M M; VR.illegal_status M M; VR.lack_education M M
VR.lack_information M M; VR.control_exploiters M M; VR.economic M M; VR.false_migration_info M M
VR.false_law_info M -; VR.family_situation M M; VR.personal_situation M M; VR.emotional_dependency M M
VR.authorities_relationship M M; VR.past_difficulties W M; VR.travel_organising W M; VR.cultural_beliefs W M
VR.general_context W M; EX.excessive_hours S S; EX.bad_living M M; EX.hazardous M M; EX.low_no_salary M M
EX.labour_law M M; EX.no_social_protection M -; EX.bad_working M M; EX.wage_manipulation M M
EX.no_education W M; CD.documents_confiscated S S; CD.debt_bondage S S; CD.isolation S S; CD.violence S S
CD.illicit_activities M S; CD.forced_tasks M S; CD.against_peers M M; CD.lie_authorities M M
CD.threat_denounce M M; CD.worse_conditions M M; CD.threat_violence M S; CD.strong_influence M S
CD.violence_family M M; CD.wages_withheld M M; CD.threat_inform_family W M; VD.dependency M M
VD.unknown_area M M; VD.economic M M; VD.family_situation M M; VD.authorities_relationship M M
VD.past_difficulties W M; VD.personal_characteristics W M
"""


def reference_rows():
    for chunk in REFERENCE.replace("\n", ";").split(";"):
        if chunk.strip():
            code, adult, child = chunk.split()
            yield code, adult, None if child == "-" else child


def test_reference_has_the_published_counts():
    counts = {}
    for code, _, _ in reference_rows():
        counts[code[:2]] = counts.get(code[:2], 0) + 1
    assert counts == {"DR": 10, "CR": 10, "VR": 16, "EX": 9, "CD": 15, "VD": 7}


def test_catalogue_codes_are_exactly_the_reference_codes():
    catalogue = load_catalogue()
    assert set(catalogue.indicators) == {code for code, _, _ in reference_rows()}
    assert len(catalogue.indicators) == 67


@pytest.mark.parametrize(("code", "adult", "child"), list(reference_rows()))
def test_labour_strengths_match_reference(code, adult, child):
    indicator = load_catalogue().indicators[code]
    assert indicator.strengths["adult_labour"] == adult
    assert indicator.strengths["child_labour"] == child
    assert indicator.dimension == code.split(".")[0]


def test_sexual_sets_differ_from_labour_only_where_documented():
    catalogue = load_catalogue()
    diffs = set()
    for code, ind in catalogue.indicators.items():
        if ind.strengths["adult_sexual"] != ind.strengths["adult_labour"]:
            diffs.add(("adult", code, ind.strengths["adult_sexual"]))
        if ind.strengths["child_sexual"] != ind.strengths["child_labour"]:
            diffs.add(("child", code, ind.strengths["child_sexual"]))
    assert diffs == {("adult", "CD.forced_tasks", "S")}
    decisions = " ".join(d["choice"] for d in catalogue.decisions)
    assert "CD.forced_tasks = S" in decisions


def test_uncertain_choices_are_written_in_the_file():
    raw = json.loads((CATALOGUE_DIR / "indicators-v1.json").read_text(encoding="utf-8"))
    notes = {row["code"]: row.get("note", "") for row in raw["indicators"]}
    for code in ("VR.past_difficulties", "VR.travel_organising", "VR.false_law_info", "EX.no_social_protection"):
        assert notes[code], code
    assert raw["version"] == "1"
    topics = {d["topic"] for d in raw["decisions"]}
    assert {"sexual_sets", "uncertain_adult_strengths", "indicators_absent_from_child_sets"} <= topics


def test_child_sets_lack_two_indicators():
    catalogue = load_catalogue()
    for set_code in SETS:
        codes = catalogue.codes_in_set(set_code)
        expected = 65 if set_code.startswith("child") else 67
        assert len(codes) == expected
    assert "VR.false_law_info" not in catalogue.codes_in_set("child_sexual")


def test_loader_rejects_malformed_catalogues():
    raw = json.loads((CATALOGUE_DIR / "indicators-v1.json").read_text(encoding="utf-8"))
    bad = json.loads(json.dumps(raw))
    bad["indicators"][0]["strength"]["adult_labour"] = "X"
    with pytest.raises(ValueError, match="bad strength"):
        catalogue_from_dict(bad)
    dup = json.loads(json.dumps(raw))
    dup["indicators"].append(dup["indicators"][0])
    with pytest.raises(ValueError, match="duplicate"):
        catalogue_from_dict(dup)
    wrong_dim = json.loads(json.dumps(raw))
    wrong_dim["indicators"][0]["dimension"] = "EX"
    with pytest.raises(ValueError, match="bad dimension"):
        catalogue_from_dict(wrong_dim)
    with pytest.raises(FileNotFoundError):
        load_catalogue("999")
    assert tuple(load_catalogue().dimension_labels) == DIMENSIONS
