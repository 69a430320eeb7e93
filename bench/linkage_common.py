"""Shared helpers of the linkage benchmarks: pairwise metrics, the plain-Splink baseline, timing."""

from __future__ import annotations

import logging
import os
import resource
import time
from collections import Counter
from contextlib import contextmanager

import pandas as pd
import psutil
import splink.comparison_library as cl
from splink import Linker, SettingsCreator, block_on

from senim.linkage import model

CONTRACT = [
    "record_id",
    "given_name",
    "family_name",
    "patronymic",
    "full_name",
    "sex",
    "birth_date",
    "citizenship",
    "document_number",
    "phone",
    "address",
]


def pairwise_scores(clusters: pd.DataFrame, truth: pd.Series) -> dict[str, float]:
    """Pairwise precision / recall / F1 of a clustering against true entity ids (indexed by record_id)."""
    frame = clusters.set_index("record_id").join(truth.rename("entity"))

    def pairs(counts) -> int:
        return int(sum(c * (c - 1) // 2 for c in counts))

    predicted = pairs(Counter(frame["cluster_id"]).values())
    true = pairs(Counter(frame["entity"]).values())
    tp = pairs(Counter(zip(frame["cluster_id"], frame["entity"], strict=True)).values())
    precision = tp / predicted if predicted else 1.0
    recall = tp / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "true_pairs": true, "predicted_pairs": predicted}


def _plain_columns(df: pd.DataFrame) -> pd.DataFrame:
    """What a careful user of plain Splink does: lower-case and trim, split a full name on spaces."""
    out = pd.DataFrame({"record_id": df["record_id"].astype(str)})
    for col in CONTRACT[1:]:
        values = df[col] if col in df else pd.Series([None] * len(df))
        out[col] = values.fillna("").astype(str).str.strip().str.lower().replace("", None).values
    if "full_name" in df:
        parts = out["full_name"].fillna("").str.split()
        out["family_name"] = out["family_name"].fillna(parts.str[0]).replace("", None)
        out["given_name"] = out["given_name"].fillna(parts.str[1]).replace("", None)
    out["phone"] = out["phone"].fillna("").str.replace(r"\D", "", regex=True).replace("", None)
    out["birth_year"] = out["birth_date"].fillna("").str[:4].replace("", None)
    return out.drop(columns=["full_name"])


def plain_splink(df: pd.DataFrame, threshold: float = model.DEFAULT_THRESHOLD) -> pd.DataFrame:
    """Plain Splink configured as its documentation suggests (name / DOB comparisons, EM, u sampling)."""
    data = _plain_columns(df)
    comparisons = [
        cl.NameComparison("given_name"),
        cl.NameComparison("family_name"),
        cl.NameComparison("patronymic"),
        cl.DateOfBirthComparison("birth_date", input_is_string=True),
        cl.ExactMatch("sex"),
        cl.ExactMatch("phone"),
        cl.LevenshteinAtThresholds("document_number", 2),
        cl.ExactMatch("citizenship"),
        cl.JaroWinklerAtThresholds("address"),
    ]
    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="record_id",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "family_name"),
            block_on("family_name", "birth_year"),
            block_on("given_name", "birth_year"),
            block_on("phone"),
            block_on("document_number"),
        ],
    )
    # the same DuckDB memory cap as senim link (SENIM_LINK_MEMORY, default 5GB; spills to disk beyond it)
    db_api = model.duckdb_api()
    linker = Linker(db_api.register(data), settings, log_level=logging.WARNING)
    try:
        linker.training.estimate_probability_two_random_records_match(
            [block_on("given_name", "family_name", "birth_date")], recall=0.7
        )
    except Exception as exc:
        print("baseline prior not estimated:", exc)
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1)
    for rule in (block_on("given_name", "family_name"), block_on("birth_date")):
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, threshold)
    out = clusters.as_pandas_dataframe()[["record_id", "cluster_id"]]
    out["record_id"] = out["record_id"].astype(str)
    return out


def senim_link(df: pd.DataFrame, threshold: float = model.DEFAULT_THRESHOLD) -> pd.DataFrame:
    rows = df.fillna("").astype(str).to_dict("records")
    frame = model.prepare(rows, total=len(rows))
    return model.link(frame, threshold=threshold).clusters


@contextmanager
def measured(label: str, into: dict):
    """Wall time and peak RSS (this process and children) of a block."""
    proc = psutil.Process(os.getpid())
    start_rss = proc.memory_info().rss
    start = time.perf_counter()
    yield
    into[label] = {
        "seconds": round(time.perf_counter() - start, 1),
        "peak_rss_gb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024, 2),
        "start_rss_gb": round(start_rss / 1024**3, 2),
    }


def fmt(scores: dict[str, float]) -> str:
    return f"P={scores['precision']:.4f} R={scores['recall']:.4f} F1={scores['f1']:.4f}"
