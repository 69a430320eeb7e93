"""`senim network analyze`: the stable contract, through the real console script and call_command."""

import csv
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

SENIM = [sys.executable, "-m", "senim"]
NODES = """id,type
O,person
RA,person
EA,person
RB,person
EB,person
W,person
V1,victim
V2,victim
V3,victim
V4,victim
P1,phone
"""
EDGES = """source,target,kind,amount,date,case_id
RA,V1,recruited,,2024-03-01,K1
RA,V2,recruited,,,K1
EA,V1,exploited,,,K1
EA,V2,exploited,,,K1
RB,V3,recruited,,,K2
RB,V4,recruited,,,K2
EB,V3,exploited,,,K2
EB,V4,exploited,,,K2
O,RA,called,,,
O,RB,called,,,
EA,O,paid,100,2024-04-01,
EB,O,paid,250.5,,
O,P1,uses,,,
W,P1,uses,,,
"""


def write(tmp_path, nodes=NODES, edges=EDGES):
    (tmp_path / "nodes.csv").write_text(nodes, encoding="utf-8")
    (tmp_path / "edges.csv").write_text(edges, encoding="utf-8")
    return ["--nodes", str(tmp_path / "nodes.csv"), "--edges", str(tmp_path / "edges.csv")]


def run(*args):
    return subprocess.run([*SENIM, "network", "analyze", *args], capture_output=True, text=True, timeout=120)


def test_scores_every_person_sorted_by_score(tmp_path):
    result = run(*write(tmp_path), "-o", str(tmp_path / "scores.csv"))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "scores.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "id,network_id,organizer_score,role"
    rows = list(csv.DictReader(StringIO(text)))
    assert {row["id"] for row in rows} == {"O", "RA", "EA", "RB", "EB", "W"}  # persons only
    assert rows[0]["id"] == "O" and rows[0]["role"] == "organizer"
    scores = [float(row["organizer_score"]) for row in rows]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= score <= 1.0 for score in scores)
    assert {row["network_id"] for row in rows} == {"1"}  # W shares O's phone
    roles = {row["id"]: row["role"] for row in rows}
    assert roles["RA"] == "recruiter" and roles["EB"] == "exploiter" and roles["W"] == "other"


def test_stdout_and_call_command(tmp_path, capsys):
    paths = write(tmp_path)
    call_command("network", "analyze", *paths, "-o", "-")
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "id,network_id,organizer_score,role"
    assert out.splitlines()[1].startswith("O,1,")


def test_header_only_edges_and_bom(tmp_path):
    result = run(*write(tmp_path, nodes="\ufeffid,type\nA,person\nB,victim\n", edges="source,target,kind\n"), "-o", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["id,network_id,organizer_score,role", "A,1,0.0000,other"]


@pytest.mark.parametrize(
    ("nodes", "edges", "reason"),
    [
        ("id\nA\n", "source,target,kind\n", "nodes: missing column 'type'"),
        ("", "source,target,kind\n", "nodes: empty file"),
        (NODES + "O,person\n", EDGES, "nodes line 13: duplicate id 'O'"),
        (NODES + "Z,spaceship\n", EDGES, "nodes line 13: unknown type 'spaceship'"),
        (NODES, "source,target\nO,RA\n", "edges: missing column 'kind'"),
        (NODES, EDGES + "O,NOBODY,called,,,\n", "edges line 16: unknown node 'NOBODY'"),
        (NODES, EDGES + "O,RA,hugged,,,\n", "edges line 16: unknown kind 'hugged'"),
        (NODES, EDGES + "EA,O,paid,lots,,\n", "edges line 16: amount 'lots' is not a number"),
        (NODES, EDGES + "EA,O,paid,-5,,\n", "edges line 16: amount must be a non-negative number"),
        (NODES, EDGES + "EA,O,paid,5,01.02.2024,\n", "edges line 16: date '01.02.2024' is not YYYY-MM-DD"),
        (NODES, EDGES + "EA,O,paid,5,,,extra\n", "edges line 16: more fields than the header"),
    ],
)
def test_bad_input_is_a_one_line_command_error_with_returncode_2(tmp_path, nodes, edges, reason):
    with pytest.raises(CommandError) as caught:
        call_command("network", "analyze", *write(tmp_path, nodes, edges), "-o", str(tmp_path / "scores.csv"))
    assert caught.value.returncode == 2
    assert reason in str(caught.value)
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "scores.csv").exists()


def test_bad_input_exits_2_with_one_line_on_stderr(tmp_path):
    result = run(*write(tmp_path, NODES, EDGES + "O,RA,hugged,,,\n"), "-o", str(tmp_path / "scores.csv"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "edges line 16: unknown kind 'hugged'" in lines[0]
    assert not (tmp_path / "scores.csv").exists()


def test_missing_file_and_not_utf8(tmp_path):
    result = run("--nodes", str(tmp_path / "absent.csv"), "--edges", str(tmp_path / "absent.csv"), "-o", "-")
    assert result.returncode == 2
    assert "no such file" in result.stderr
    (tmp_path / "latin1.csv").write_bytes("id,type\nÄ,person\n".encode("latin-1"))
    (tmp_path / "edges.csv").write_text("source,target,kind\n", encoding="utf-8")
    result = run("--nodes", str(tmp_path / "latin1.csv"), "--edges", str(tmp_path / "edges.csv"), "-o", "-")
    assert result.returncode == 2
    assert "not UTF-8" in result.stderr


def test_call_command_raises_command_error_with_returncode_2(tmp_path):
    paths = write(tmp_path, edges="source,target,kind\nO,X,called\n")
    with pytest.raises(CommandError) as caught:
        call_command("network", "analyze", *paths, "-o", "-")
    assert caught.value.returncode == 2
