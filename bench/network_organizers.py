"""Organizer precision at k: the organizer score next to degree and betweenness centrality alone.

    .venv/bin/python bench/network_organizers.py [--seeds 3 4 5] [--planted-persons 10000]

Two sources of planted networks with known roles:

- the synthetic world (`senim.synth`, size medium: 80 networks, relatives, namesakes, lawful migrants and
  employers, only what some agency observed), exported exactly as `senim network analyze` reads it;
- bench/network_planted.py at 10k persons, with 0, 1 and 5 random background calls per person (noise that
  joins networks together and hands everybody accidental contacts).

k = number of true organizers. Same run, same graph for every method. Baselines: degree (distinct
neighbours in the whole link graph), betweenness on the whole link graph (what a link-chart tool shows),
and betweenness among offenders only (the graph the score itself uses: victims and hub identifiers left
out). Seeds 1 and 2 of the synthetic world were used while choosing the weights; the default seeds here
are held out. Also reports precision and recall of the suggested role "organizer".
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from network_planted import planted_world
from senim.network.analysis import Analysis, _simple_edges, analyze, component_betweenness, precision_at_k
from senim.network.graph import Edge, LinkGraph, Node


def synthetic(seed: int) -> tuple[LinkGraph, set[str]]:
    from senim.synth.export import network_edges, network_nodes, network_truth
    from senim.synth.generator import generate_world

    world = generate_world("medium", seed)
    nodes = [Node(node_id, node_type) for node_id, node_type in network_nodes(world)]
    edges = [
        Edge(s, t, kind, float(amount) if amount else None, None, case_id)
        for s, t, kind, amount, _when, case_id in network_edges(world)
    ]
    truth = {node_id for node_id, role, _network in network_truth(world) if role == "organizer"}
    return LinkGraph.build(nodes, edges), truth


def planted(seed: int, persons: int, calls: float) -> tuple[LinkGraph, set[str]]:
    world = planted_world(persons=persons, seed=seed, calls_per_person=calls)
    truth = {world.graph.ids[i] for i, role in world.role.items() if role == "organizer"}
    return world.graph, truth


def ranking(analysis: Analysis, values: np.ndarray) -> list[str]:
    ids = [analysis.graph.ids[i] for i in analysis.persons]
    order = sorted(range(len(ids)), key=lambda j: (-values[j], ids[j]))
    return [ids[j] for j in order]


def evaluate(graph: LinkGraph, truth: set[str]) -> dict[str, float]:
    started = time.perf_counter()
    analysis = analyze(graph)
    seconds = time.perf_counter() - started
    full_betweenness = component_betweenness(graph.node_count, _simple_edges(graph), budget=2e8)[analysis.persons]
    suggested = {analysis.graph.ids[analysis.persons[j]] for j, role in enumerate(analysis.role) if role == "organizer"}
    hits = len(suggested & truth)
    return {
        "k": len(truth),
        "score": precision_at_k([row[0] for row in analysis.rows()], truth),
        "degree": precision_at_k(ranking(analysis, analysis.degree), truth),
        "betweenness": precision_at_k(ranking(analysis, full_betweenness), truth),
        "offender_betweenness": precision_at_k(ranking(analysis, analysis.betweenness), truth),
        "role_precision": hits / len(suggested) if suggested else float("nan"),
        "role_recall": hits / len(truth) if truth else float("nan"),
        "seconds": seconds,
        "nodes": graph.node_count,
        "edges": graph.edge_count,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, nargs="+", default=[3, 4, 5])
    parser.add_argument("--planted-persons", type=int, default=10_000)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {platform.python_version()}, cpus={len(__import__('os').sched_getaffinity(0))}"
    )
    header = "| data | seed | nodes | edges | k | organizer score | degree | betweenness (whole graph) | betweenness (offenders) | suggested organizer: precision / recall | analyze s |"
    print(header)
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    rows: list[tuple[str, dict[str, float]]] = []
    for seed in args.seeds:
        rows.append((f"synth medium|{seed}", evaluate(*synthetic(seed))))
    for calls in (0.0, 1.0, 5.0):
        for seed in args.seeds:
            label = f"planted {args.planted_persons // 1000}k, {calls:g} calls/person|{seed}"
            rows.append((label, evaluate(*planted(seed, args.planted_persons, calls))))
    for label, r in rows:
        print(
            f"| {label} | {r['nodes']:,} | {r['edges']:,} | {r['k']} | **{r['score']:.3f}** | {r['degree']:.3f} | "
            f"{r['betweenness']:.3f} | {r['offender_betweenness']:.3f} | {r['role_precision']:.2f} / {r['role_recall']:.2f} | "
            f"{r['seconds']:.2f} |"
        )
    groups: dict[str, list[dict[str, float]]] = {}
    for label, r in rows:
        groups.setdefault(label.split("|")[0], []).append(r)
    print()
    print("| data | mean organizer score | mean degree | mean betweenness (whole) | mean betweenness (offenders) |")
    print("|---|---|---|---|---|")
    for label, group in groups.items():
        mean = {
            key: float(np.mean([g[key] for g in group]))
            for key in ("score", "degree", "betweenness", "offender_betweenness")
        }
        print(
            f"| {label} | **{mean['score']:.3f}** | {mean['degree']:.3f} | {mean['betweenness']:.3f} | "
            f"{mean['offender_betweenness']:.3f} |"
        )


if __name__ == "__main__":
    main()
