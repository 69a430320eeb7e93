"""The `senim link` contract and the model's quality on simulated cross-script records."""

import csv
import io
from collections import Counter

import pandas as pd
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from senim.linkage import model
from senim.linkage.simulate import World, write_csv


def pairwise_f1(clusters: dict[str, str], truth: dict[str, int]) -> tuple[float, float]:
    def pairs(counter):
        return sum(c * (c - 1) // 2 for c in counter.values())

    predicted = pairs(Counter(clusters.values()))
    true = pairs(Counter(truth.values()))
    tp = pairs(Counter((clusters[r], truth[r]) for r in truth))
    return tp / predicted, tp / true


@pytest.fixture(scope="module")
def world_csv(tmp_path_factory):
    rows, truth = World(400, seed=11).records()
    path = tmp_path_factory.mktemp("link") / "in.csv"
    write_csv(str(path), rows)
    return path, rows, truth


def read_output(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_link_writes_every_record_once_and_finds_people(world_csv, tmp_path):
    path, rows, truth = world_csv
    out = tmp_path / "out.csv"
    err = io.StringIO()
    call_command("link", str(path), "-o", str(out), stderr=err)
    result = read_output(out)
    assert [r["record_id"] for r in result] == [r["record_id"] for r in rows]
    assert set(result[0]) == {"record_id", "cluster_id"}
    precision, recall = pairwise_f1({r["record_id"]: r["cluster_id"] for r in result}, truth)
    assert precision > 0.85 and recall > 0.9, (precision, recall)
    assert "records in" in err.getvalue()


def test_higher_threshold_never_merges_more(world_csv):
    _, rows, _ = world_csv
    frame = model.prepare(rows)
    res = model.link(frame, threshold=0.5, keep_pairs_above=0.5)
    strict = model._cluster_ids(frame, res.pairs, 0.999)
    assert strict["cluster_id"].nunique() >= res.clusters["cluster_id"].nunique()


def test_relatives_and_namesakes_are_kept_apart(tmp_path):
    rows = [
        # one man, three scripts, name order swapped once, partial birth date once
        {"record_id": "a1", "full_name": "Оспанов Серік Болатұлы", "birth_date": "1985-03-12", "phone": "87015550101"},
        {"record_id": "a2", "given_name": "Serik", "family_name": "OSPANOV", "birth_date": "1985-03",
         "phone": "+7 701 555 01 01"},
        {"record_id": "a3", "given_name": "Ospanov", "family_name": "Serik", "patronymic": "Bolatovich",
         "birth_date": "1985-03-12"},
        # his sister: same surname (feminine form), patronymic, phone and address
        {"record_id": "b1", "full_name": "Оспанова Айгерім Болатқызы", "birth_date": "1990-07-01",
         "phone": "87015550101"},
        # his brother: same surname, patronymic and phone
        {"record_id": "c1", "full_name": "Оспанов Ерлан Болатович", "birth_date": "1988-11-20",
         "phone": "87015550101"},
        # a namesake born twenty years later
        {"record_id": "d1", "full_name": "Ospanov Serik", "birth_date": "2005-09-30", "phone": "+77771234567"},
    ]  # fmt: skip
    filler, _ = World(150, seed=5).records()
    frame = model.prepare(rows + filler)
    clusters = model.link(frame, threshold=0.9).clusters.set_index("record_id")["cluster_id"]
    assert clusters["a1"] == clusters["a2"] == clusters["a3"]
    assert len({clusters["a1"], clusters["b1"], clusters["c1"], clusters["d1"]}) == 4


def test_initials_scripts_and_hard_negatives():
    rows = [
        # one woman: Cyrillic, Kazakh Latin 2021, and "surname + initials" as a foreign request writes her
        {"record_id": "s1", "given_name": "Балжан", "family_name": "Шакенова", "patronymic": "Дарханқызы",
         "birth_date": "1992-12-05", "sex": "f", "phone": "87074767588"},
        {"record_id": "s2", "full_name": "Baljan Şakenova", "birth_date": "1992-12"},
        {"record_id": "s3", "full_name": "SHAKENOVA B.D.", "birth_date": "1992-12-05", "sex": "f"},
        # a namesake: same names and birth year, another father
        {"record_id": "n1", "given_name": "Балжан", "family_name": "Шакенова", "patronymic": "Ерлановна",
         "birth_date": "1992"},
        # same names, two full birth dates with year, month and day all different
        {"record_id": "n2", "given_name": "Балжан", "family_name": "Шакенова", "birth_date": "1993-04-21"},
        # her brother Shakenov with a related given name: masculine surname form, same phone
        {"record_id": "r1", "given_name": "Балжан", "family_name": "Шакенов", "patronymic": "Дарханұлы",
         "birth_date": "1995-02-11", "sex": "m", "phone": "87074767588"},
        # another initial: not her
        {"record_id": "x1", "full_name": "SHAKENOVA A.D.", "birth_date": "1992-12-05", "sex": "f"},
    ]  # fmt: skip
    filler, _ = World(150, seed=5).records()
    frame = model.prepare(rows + filler)
    clusters = model.link(frame).clusters.set_index("record_id")["cluster_id"]
    assert clusters["s1"] == clusters["s2"] == clusters["s3"]
    assert len({clusters[k] for k in ("s1", "n1", "n2", "r1", "x1")}) == 5


def test_a_chain_through_a_partial_record_does_not_join_two_namesakes():
    rows = [
        {"record_id": "a", "full_name": "Токтогулов Бектур Эрмекович", "birth_date": "1975-05-12",
         "phone": "+996550149065"},
        {"record_id": "c", "given_name": "Бектур", "family_name": "Токтогулов", "birth_date": "1975"},
        {"record_id": "b", "full_name": "TOKTOGULOV BEKTUR AZAMATOVICH", "birth_date": "1975-09-30",
         "phone": "+996772480250"},
    ]  # fmt: skip
    filler, _ = World(150, seed=5).records()
    result = model.link(model.prepare(rows + filler), keep_pairs_above=0.0)
    clusters = result.clusters.set_index("record_id")["cluster_id"]
    assert clusters["a"] != clusters["b"]
    assert result.pairs is not None
    direct = result.pairs[
        (result.pairs["record_id_l"].isin(["a", "b"])) & (result.pairs["record_id_r"].isin(["a", "b"]))
    ]
    assert (direct["veto"] != "").all()


def test_hard_negative_veto_reasons():
    def pair(**gammas):
        base = {"gamma_family_name": 7, "gamma_given_name": 6, "gamma_patronymic": 4, "gamma_birth_date": 4,
                "gamma_document": -1, "match_probability": 0.999, "record_id_l": "a", "record_id_r": "b"}  # fmt: skip
        return base | gammas

    edges = pd.DataFrame(
        [
            pair(),
            pair(gamma_patronymic=0),  # another father
            pair(gamma_patronymic=0, gamma_document=2),  # ... but the same document
            pair(gamma_given_name=0),
            pair(gamma_given_name=0, gamma_birth_date=model.BIRTH_DATE_EXACT),  # typed-over given name
            pair(gamma_birth_date=0, gamma_patronymic=0),
            pair(gamma_given_name=-1, gamma_patronymic=-1),  # unknown is no conflict
        ]
    )
    out = model.apply_hard_negatives(edges)
    assert list(out["veto"]) == ["", "patronymic", "", "given_name", "", "patronymic,birth_date", ""]
    assert (out.loc[out["veto"] != "", "match_probability"] <= model.VETO_PROBABILITY).all()
    assert (out["model_probability"] == edges["match_probability"]).all()


@pytest.mark.parametrize(
    "content,message",
    [
        (b"id,given_name\n1,A\n", "no record_id column"),
        (b"record_id,given_name\n1,A\n1,B\n", "duplicate record_id"),
        (b"record_id,given_name\n1,\xff\xfe\n", "not UTF-8"),
        (b"record_id,birth_date\n1,19x0\n", "not a date"),
        (b"record_id,given_name\n,A\n", "empty record_id"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path, content, message):
    src = tmp_path / "in.csv"
    src.write_bytes(content)
    with pytest.raises(CommandError) as exc:
        call_command("link", str(src), "-o", str(tmp_path / "out.csv"), "--quiet")
    assert exc.value.returncode == 2
    assert message in str(exc.value) and "\n" not in str(exc.value)
    assert not (tmp_path / "out.csv").exists()


def test_missing_file_and_bad_threshold_exit_2(tmp_path):
    with pytest.raises(CommandError) as exc:
        call_command("link", str(tmp_path / "nope.csv"), "-o", str(tmp_path / "o.csv"))
    assert exc.value.returncode == 2
    src = tmp_path / "in.csv"
    src.write_text("record_id\n1\n", encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("link", str(src), "-o", str(tmp_path / "o.csv"), "--threshold", "1.5")
    assert exc.value.returncode == 2


def test_tiny_and_sparse_inputs(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("record_id,given_name,extra\n1,Иван,x\n2,Ivan,y\n3,,z\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    call_command("link", str(src), "-o", str(out), "--quiet")
    assert [r["record_id"] for r in read_output(out)] == ["1", "2", "3"]


def test_unknown_columns_are_ignored_and_empty_means_unknown():
    frame = model.prepare([{"record_id": "x", "given_name": "", "shoe_size": "44"}])
    assert list(frame.columns) == [model.ID, *model.DERIVED_COLUMNS]
    assert pd.isna(frame.loc[0, "given_c"])
