"""Time and memory of the network analysis at 100k persons and 1M edges.

    .venv/bin/python bench/network_scale.py [--persons 100000] [--edges 1000000] [--seed 1] [--csv]

Builds planted networks (bench/network_planted.py) with random background calls filling up to the edge
count, then times `analyze` step by step as a whole, and with --csv also the whole batch command path
(write NODES/EDGES CSV, then read, validate, build, analyze and write SCORES). Peak memory is the
process's maximum resident set size.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from network_planted import planted_world
from senim.network.analysis import analyze, precision_at_k
from senim.network.batch import read_edges, read_nodes, write_scores
from senim.network.graph import EDGE_KINDS, NODE_TYPES, LinkGraph


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--csv", action="store_true", help="also time the CSV batch path")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, cpus={len(os.sched_getaffinity(0))}")
    started = time.perf_counter()
    world = planted_world(persons=args.persons, edges=args.edges, seed=args.seed)
    graph = world.graph
    persons = int((graph.node_type == NODE_TYPES.index(NODE_TYPES[0])).sum())
    print(
        f"generated {graph.node_count:,} nodes ({persons:,} persons), {graph.edge_count:,} edges "
        f"in {time.perf_counter() - started:.1f} s; peak {peak_mb():,.0f} MB"
    )
    started, cpu = time.perf_counter(), time.process_time()
    analysis = analyze(graph)
    rows = list(analysis.rows())
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    truth = {graph.ids[i] for i, role in world.role.items() if role == "organizer"}
    print(f"load average now: {os.getloadavg()[0]:.1f} (2 cores)")
    print(
        f"analyze + ranked rows: {seconds:.1f} s wall, {cpu_seconds:.1f} s CPU; peak {peak_mb():,.0f} MB; networks {int(analysis.network.max()):,}; "
        f"communities {len(np.unique(analysis.community)):,}; hubs {analysis.hubs.shape[0]:,}"
    )
    print(f"steps (s): {analysis.timings}")
    print(
        f"organizer precision@k (k={len(truth)}) at this noise level: {precision_at_k([r[0] for r in rows], truth):.3f}"
    )
    if not args.csv:
        return
    with tempfile.TemporaryDirectory() as tmp:
        nodes_path, edges_path = Path(tmp) / "nodes.csv", Path(tmp) / "edges.csv"
        with nodes_path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["id", "type"])
            writer.writerows(zip(graph.ids, (NODE_TYPES[t].value for t in graph.node_type), strict=True))
        with edges_path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["source", "target", "kind", "amount"])
            for s, t, k, a in zip(graph.source, graph.target, graph.kind, graph.amount, strict=True):
                writer.writerow([graph.ids[s], graph.ids[t], EDGE_KINDS[k].value, "" if np.isnan(a) else f"{a:.0f}"])
        started, cpu = time.perf_counter(), time.process_time()
        nodes = read_nodes(nodes_path.read_text(encoding="utf-8"))
        edges = read_edges(edges_path.read_text(encoding="utf-8"))
        read_seconds = time.perf_counter() - started
        built = LinkGraph.build(nodes, edges)
        build_seconds = time.perf_counter() - started - read_seconds
        text = write_scores(analyze(built))
        (Path(tmp) / "scores.csv").write_text(text, encoding="utf-8")
        total = time.perf_counter() - started
        print(
            f"CSV path (read {read_seconds:.1f} s, validate and build {build_seconds:.1f} s, analyze and write "
            f"{total - read_seconds - build_seconds:.1f} s): {total:.1f} s wall, {time.process_time() - cpu:.1f} s CPU; "
            f"peak {peak_mb():,.0f} MB"
        )


if __name__ == "__main__":
    main()
