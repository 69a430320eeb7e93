"""`--engine spark` gives the same clusters as DuckDB on the same small file (local Spark, one session)."""

import csv

import pytest
from django.core.management import call_command

from senim.linkage import model
from senim.linkage.simulate import World, write_csv

pytestmark = [pytest.mark.spark, pytest.mark.slow]


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark")
    session = model.local_spark_session()
    session.conf.set("spark.sql.shuffle.partitions", "1")
    yield session
    session.stop()


def test_spark_and_duckdb_give_the_same_clusters(spark, tmp_path):
    rows, _ = World(40, seed=2).records()
    src = tmp_path / "in.csv"
    write_csv(str(src), rows)
    out_duck, out_spark = tmp_path / "duck.csv", tmp_path / "spark.csv"
    call_command("link", str(src), "-o", str(out_duck), "--quiet")
    call_command("link", str(src), "-o", str(out_spark), "--engine", "spark", "--quiet")  # reuses the session

    def read(path):
        with open(path, encoding="utf-8", newline="") as fh:
            return [(r["record_id"], r["cluster_id"]) for r in csv.DictReader(fh)]

    duck, spark_rows = read(out_duck), read(out_spark)
    assert len(duck) == len(rows)
    assert spark_rows == duck
    assert len({c for _, c in duck}) < len(duck)  # something was actually linked
