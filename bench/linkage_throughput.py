"""Time and peak memory of `senim link` at 100k and 1M records, against plain Splink in the same run.

    .venv/bin/python bench/linkage_throughput.py [--sizes 100000 1000000] [--skip-plain] [--plain-timeout 900]

Each run is a separate process (`senim link ... --quiet`, or this file's `--plain` mode for the baseline)
so that its peak RSS is its own; accuracy against the simulator's ground truth is reported too. Both use
the same DuckDB memory cap (SENIM_LINK_MEMORY, default 5GB); plain Splink is stopped after
--plain-timeout seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
import psutil

sys.path.insert(0, str(Path(__file__).parent))
from linkage_common import fmt, pairwise_scores, plain_splink
from senim.linkage.simulate import World, write_csv

ROOT = Path(__file__).resolve().parent.parent


def run_measured(cmd: list[str], timeout: float | None = None) -> dict[str, float]:
    """Run a command; wall time and peak RSS of it and its children (sampled every 0.2 s). Past
    ``timeout`` seconds the command (and its children) is stopped and ``stopped`` is set."""
    start = time.perf_counter()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "senim.settings"}
    proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                rss = proc.memory_info().rss + sum(c.memory_info().rss for c in proc.children(recursive=True))
            except psutil.Error:
                rss = 0
            peak = max(peak, rss)
            time.sleep(0.2)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    stopped = False
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        for child in proc.children(recursive=True):
            child.kill()
        proc.kill()
        _, err = proc.communicate()
        stopped = True
    done.set()
    thread.join()
    if proc.returncode != 0 and not stopped:
        raise SystemExit(f"{cmd} failed: {err.decode()[-2000:]}")
    return {
        "seconds": round(time.perf_counter() - start, 1),
        "peak_rss_gb": round(peak / 1024**3, 2),
        "stopped": stopped,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--skip-plain", action="store_true")
    parser.add_argument("--plain-timeout", type=float, default=900, help="stop plain Splink after this many s")
    parser.add_argument("--plain", nargs=2, metavar=("IN", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.plain:  # baseline worker mode
        df = pd.read_csv(args.plain[0], dtype=str, keep_default_na=False)
        plain_splink(df).to_csv(args.plain[1], index=False)
        return
    workdir = Path(tempfile.mkdtemp(prefix="senim-link-bench-"))
    print(
        f"machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 1024**3:.0f} GB RAM, "
        f"load average at start {os.getloadavg()[0]:.1f}"
    )
    for size in args.sizes:
        start = time.perf_counter()
        rows, truth_map = World(int(size / 2.3), seed=size % 997).records()
        rows = rows[:size]
        truth = pd.Series(truth_map)
        src = workdir / f"in_{size}.csv"
        write_csv(str(src), rows)
        print(f"\n{len(rows)} records generated in {time.perf_counter() - start:.0f} s")
        out = workdir / f"out_{size}.csv"
        stats = run_measured([str(ROOT / ".venv/bin/senim"), "link", str(src), "-o", str(out), "--quiet"])
        clusters = pd.read_csv(out, dtype=str)
        print(
            f"senim link   : {stats['seconds']:7.1f} s, peak {stats['peak_rss_gb']:.2f} GB, "
            f"{fmt(pairwise_scores(clusters, truth.loc[clusters['record_id']]))}"
        )
        print("RESULT " + json.dumps({"size": len(rows), "engine": "senim", **stats}))
        if not args.skip_plain:
            out = workdir / f"plain_{size}.csv"
            stats = run_measured([sys.executable, __file__, "--plain", str(src), str(out)], timeout=args.plain_timeout)
            if stats["stopped"]:
                print(f"plain splink : stopped after {stats['seconds']:.0f} s, peak {stats['peak_rss_gb']:.2f} GB")
            else:
                clusters = pd.read_csv(out, dtype=str)
                print(
                    f"plain splink : {stats['seconds']:7.1f} s, peak {stats['peak_rss_gb']:.2f} GB, "
                    f"{fmt(pairwise_scores(clusters, truth.loc[clusters['record_id']]))}"
                )
            print("RESULT " + json.dumps({"size": len(rows), "engine": "plain", **stats}))
    print(f"load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
