"""The pure part of `senim screen`: parsing, per-item validation, one-line errors."""

import json

import pytest

from senim.screening.batch import BatchInputError, screen_text
from senim.screening.engine import load_catalogue

CAT = load_catalogue()
VICTIM = {
    "set": "adult_labour",
    "indicators": ["DR.job_nature", "DR.wages", "EX.excessive_hours", "EX.bad_living", "CD.violence", "CD.isolation"],
}
MIGRANT = {"set": "adult_labour", "indicators": ["VR.economic", "EX.bad_living"]}


def test_single_object():
    (result,) = screen_text(CAT, json.dumps(VICTIM))
    assert result["set"] == "adult_labour"
    assert result["trafficking"] is True
    assert result["dimensions"] == {"DR": True, "CR": False, "VR": False, "EX": True, "CD": True, "VD": False}


def test_list_keeps_order():
    results = screen_text(CAT, json.dumps([MIGRANT, VICTIM, MIGRANT]))
    assert [r["trafficking"] for r in results] == [False, True, False]


def test_empty_list():
    assert screen_text(CAT, "[]") == []


def test_id_is_echoed_and_full_adds_fields():
    (result,) = screen_text(CAT, json.dumps({**MIGRANT, "id": "p-7", "flags": ["held_now"]}), full=True)
    assert result["id"] == "p-7"
    assert result["urgent"] == ["held_now"]
    assert result["recommendation"] == "urgent"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("", "empty input"),
        ("{", "invalid JSON at line 1"),
        ('"adult_labour"', "expected a JSON object"),
        ('{"indicators": []}', "missing 'set'"),
        ('{"set": "adult_labour"}', "missing 'indicators'"),
        ('{"set": "adult_forced", "indicators": []}', "unknown set 'adult_forced'"),
        ('{"set": "adult_labour", "indicators": ["DR.job"]}', "unknown indicator code 'DR.job'"),
        ('{"set": "adult_labour", "indicators": "DR.job_nature"}', "'indicators' must be a list"),
        ('{"set": "child_labour", "indicators": ["EX.no_social_protection"]}', "not part of set 'child_labour'"),
        ('{"set": "adult_labour", "indicators": [], "colour": 1}', "unknown key 'colour'"),
        ('{"set": "adult_labour", "indicators": [], "age": "old"}', "'age' must be a whole number"),
        ('{"set": "adult_labour", "indicators": [], "flags": ["late"]}', "unknown urgent flag 'late'"),
    ],
)
def test_bad_input(payload, message):
    with pytest.raises(BatchInputError, match=message) as info:
        screen_text(CAT, payload)
    assert "\n" not in str(info.value)


def test_bad_item_in_list_is_numbered():
    with pytest.raises(BatchInputError, match=r"^item 2: unknown indicator code 'CD\.nope'"):
        screen_text(CAT, json.dumps([VICTIM, {"set": "adult_labour", "indicators": ["CD.nope"]}]))
