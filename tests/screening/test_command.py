"""`senim screen FILE.json|-`: the stable contract, through the real console script and call_command."""

import json
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

SENIM = [sys.executable, "-m", "senim"]
VICTIM = {
    "set": "adult_labour",
    "indicators": ["DR.job_nature", "DR.wages", "EX.excessive_hours", "EX.bad_living", "CD.violence", "CD.isolation"],
}
CHILD = {
    "set": "child_sexual",
    "indicators": ["CR.debt_bondage", "CR.threat_violence", "EX.excessive_hours", "EX.hazardous"],
}


def run(*args, stdin=None):
    return subprocess.run([*SENIM, "screen", *args], input=stdin, capture_output=True, text=True, timeout=60)


def test_file_with_a_list_gives_one_line_per_object_in_order(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([VICTIM, {"set": "adult_labour", "indicators": []}, CHILD]), encoding="utf-8")
    result = run(str(path))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["trafficking"] for line in lines] == [True, False, True]
    assert list(lines[0]) == ["set", "dimensions", "trafficking", "explanation"]
    assert lines[2]["dimensions"] == {"DR": False, "CR": True, "VR": False, "EX": True, "CD": False, "VD": False}


def test_stdin_single_object():
    result = run("-", stdin=json.dumps(VICTIM))
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["set"] == "adult_labour"


@pytest.mark.parametrize(
    ("payload", "named"),
    [
        ({"set": "adult_domestic", "indicators": []}, "adult_domestic"),
        ({"set": "adult_labour", "indicators": ["DR.job_nature", "XX.bogus"]}, "XX.bogus"),
        ([VICTIM, {"set": "child_labour", "indicators": ["VR.false_law_info"]}], "VR.false_law_info"),
    ],
)
def test_unknown_set_or_indicator_exits_2_with_one_line(payload, named):
    result = run("-", stdin=json.dumps(payload))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0]


def test_not_json_and_missing_file_exit_2(tmp_path):
    assert run("-", stdin="{not json").returncode == 2
    missing = run(str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and "nope.json" in missing.stderr


def test_call_command_full_output(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({**CHILD, "age": 15}), encoding="utf-8")
    out = StringIO()
    call_command("screen", str(path), "--full", stdout=out)
    data = json.loads(out.getvalue())
    assert data["urgent"] == ["minor"]
    assert data["palermo"]["means_required"] is False
    assert data["catalogue_version"] == "1"


def test_call_command_error_has_returncode_2(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"set": "adult_labour", "indicators": ["CD.nothing"]}), encoding="utf-8")
    with pytest.raises(CommandError) as info:
        call_command("screen", str(path))
    assert info.value.returncode == 2
    assert "CD.nothing" in str(info.value)
