"""The `senim link` batch contract, independent of Django (reading, validating, writing CSV)."""

from __future__ import annotations

import csv
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from . import model
from .normalise import RECORD_COLUMNS

ENGINES = ("duckdb", "spark")


class BatchInputError(ValueError):
    """Bad input: the message is one line, shown to the user, and the command exits 2."""


def read_records(path: str) -> list[dict[str, str]]:
    """Read the UTF-8 CSV input; keep only the contract columns; check ids."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise BatchInputError(f"no such file: {path}")
    except OSError as exc:
        raise BatchInputError(f"cannot read {path}: {exc.strerror}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BatchInputError(f"{path} is not UTF-8 (byte {exc.start})")
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [h.strip() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise BatchInputError(f"{path} is not a CSV file: {exc}")
    if "record_id" not in header:
        raise BatchInputError(f"{path} has no record_id column")
    reader.fieldnames = header
    wanted = [c for c in RECORD_COLUMNS if c in header]
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    try:
        for line, row in enumerate(reader, start=2):
            rid = (row.get("record_id") or "").strip()
            if not rid:
                raise BatchInputError(f"line {line}: empty record_id")
            if rid in seen:
                raise BatchInputError(f"line {line}: duplicate record_id {rid!r}")
            seen.add(rid)
            rec = {"record_id": rid}
            for col in wanted:
                value = row.get(col)
                rec[col] = value.strip() if isinstance(value, str) else ""
            rows.append(rec)
    except csv.Error as exc:
        raise BatchInputError(f"{path} is not a valid CSV file: {exc}")
    return rows


def write_clusters(path: str, record_ids: list[str], cluster_of: dict[str, str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["record_id", "cluster_id"])
        for rid in record_ids:
            writer.writerow([rid, cluster_of.get(rid, rid)])


class ProgressBar:
    """A text progress bar on a stream (stderr); stages replace each other on one line."""

    def __init__(self, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.start = time.monotonic()
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self.last < 0.5:
            return
        self.last = now
        frac = done / total if total else 1.0
        bar = "#" * int(frac * 30)
        self.stream.write(f"\r{stage:10s} [{bar:30s}] {done}/{total} {now - self.start:6.1f}s")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def run(
    input_path: str,
    output_path: str,
    *,
    threshold: float = model.DEFAULT_THRESHOLD,
    engine: str = "duckdb",
    progress: Callable[[str, int, int], None] | None = None,
    db_api: Any = None,
) -> dict[str, int]:
    """Link INPUT into OUTPUT; return counts. Raises BatchInputError on bad input."""
    if engine not in ENGINES:
        raise BatchInputError(f"unknown engine {engine!r} (use duckdb or spark)")
    if not 0.0 < threshold < 1.0:
        raise BatchInputError(f"threshold must be between 0 and 1, got {threshold}")
    report = progress or ProgressBar()
    rows = read_records(input_path)
    try:
        frame = model.prepare(rows, progress=report, total=len(rows))
    except ValueError as exc:
        raise BatchInputError(str(exc))
    record_ids = [r["record_id"] for r in rows]
    del rows  # the raw rows are not needed any more (1M rows are gigabytes of Python objects)
    result = model.link(frame, threshold=threshold, engine=engine, db_api=db_api, progress=report)
    cluster_of = dict(zip(result.clusters["record_id"], result.clusters["cluster_id"], strict=True))
    write_clusters(output_path, record_ids, cluster_of)
    return {"records": len(record_ids), "clusters": len(set(cluster_of.values()))}
