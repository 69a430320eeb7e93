import csv
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from senim.synth import export_world, generate_world

NODE_TYPES = {"person", "victim", "phone", "account", "address", "vehicle", "company", "online_account"}
EDGE_KINDS = {
    "recruited",
    "transported",
    "harboured",
    "exploited",
    "called",
    "paid",
    "co_offended",
    "owns",
    "uses",
    "lives_at",
    "works_at",
}


def _read(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("world")
    world = generate_world("small", 4)
    export_world(world, out)
    return world, out


def test_records_follow_the_link_contract(exported):
    world, out = exported
    header = (out / "records.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == (
        "record_id,given_name,family_name,patronymic,full_name,sex,birth_date,citizenship,document_number,phone,address"
    )
    rows = _read(out / "records.csv")
    truth = _read(out / "records_truth.csv")
    assert [r["record_id"] for r in rows] == [t["record_id"] for t in truth]
    assert len({r["record_id"] for r in rows}) == len(rows) == len(world.records)
    assert {t["person_id"] for t in truth} == {p.id for p in world.persons}
    assert all(r["sex"] in ("", "m", "f") for r in rows)
    assert all(r["given_name"] or r["family_name"] or r["full_name"] for r in rows)


def test_network_files_follow_the_analyze_contract(exported):
    world, out = exported
    nodes = _read(out / "nodes.csv")
    edges = _read(out / "edges.csv")
    truth = _read(out / "nodes_truth.csv")
    ids = {n["id"] for n in nodes}
    assert len(ids) == len(nodes)
    assert {n["type"] for n in nodes} == NODE_TYPES
    assert {e["kind"] for e in edges} == EDGE_KINDS
    assert all(e["source"] in ids and e["target"] in ids for e in edges)
    assert all(int(e["amount"]) > 0 for e in edges if e["kind"] == "paid")
    person_nodes = {n["id"] for n in nodes if n["type"] in ("person", "victim")}
    assert {t["id"] for t in truth} == person_nodes
    organizers = [t for t in truth if t["role"] == "organizer"]
    assert len(organizers) == len(world.networks)
    assert all(t["network_id"] for t in organizers)
    # Only part of the world was observed.
    assert 0 < sum(1 for e in edges if e["kind"] == "called") < sum(1 for i in world.interactions if i.kind == "called")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["seed"] == 4 and summary["counts"]["persons"] == len(world.persons)


def test_export_is_byte_identical_for_a_seed(tmp_path):
    export_world(generate_world("small", 9), tmp_path / "a")
    export_world(generate_world("small", 9), tmp_path / "b")
    for name in ("records.csv", "records_truth.csv", "nodes.csv", "edges.csv", "nodes_truth.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_command_writes_the_files(tmp_path, capsys):
    call_command("synth", "export", "--size", "small", "--seed", "2", "--networks", "2", "--out", str(tmp_path))
    assert (tmp_path / "records.csv").exists() and (tmp_path / "edges.csv").exists()
    assert "persons" in capsys.readouterr().out


def test_command_rejects_bad_input(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(CommandError) as error:
        call_command("synth", "export", "--out", str(blocker))
    assert error.value.returncode == 2
    with pytest.raises(CommandError):
        call_command("synth", "export", "--networks", "0", "--out", str(tmp_path / "x"))
