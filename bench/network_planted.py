"""Planted trafficking networks at any scale, with the true role of every person (numpy, fast).

Used by bench/network_scale.py (100k persons, 1M edges) and, beside the synthetic world's networks, by
bench/network_organizers.py. Each network: one organizer (with a lieutenant a third of the time), two to
four cells of recruiters, transporters, harbourers and exploiters with their victims; the organizer calls
the cell leads and receives the exploiters' money, and now and then recruits a victim personally. Around
them, to make it hard: lawful employers who pay many workers, dormitory addresses shared by dozens,
relatives who share a phone with an offender, and random calls between anybody.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from senim.network.graph import EdgeKind, LinkGraph, NodeType, kind_code, type_code


@dataclass
class Planted:
    graph: LinkGraph
    role: dict[int, str]  # node index → true role, for persons


def planted_world(
    *,
    persons: int,
    seed: int = 1,
    calls_per_person: float = 1.0,
    edges: int | None = None,
    victims_per_cell: tuple[int, int] = (3, 10),
) -> Planted:
    """About `persons` person nodes; random background calls, `calls_per_person` per person on average, or as
    many as it takes to reach `edges` edges when given."""
    rng = np.random.default_rng(seed)
    types: list[int] = []
    src: list[int] = []
    dst: list[int] = []
    kinds: list[int] = []
    amounts: list[float] = []
    role: dict[int, str] = {}

    def node(node_type: NodeType, true_role: str = "") -> int:
        types.append(type_code(node_type))
        if true_role:
            role[len(types) - 1] = true_role
        return len(types) - 1

    def edge(a: int, b: int, kind: EdgeKind, amount: float = np.nan) -> None:
        src.append(a)
        dst.append(b)
        kinds.append(kind_code(kind))
        amounts.append(amount)

    offenders_target = persons // 4  # three quarters of the persons are bystanders
    offender_count = 0
    while offender_count < offenders_target:
        organizer = node(NodeType.PERSON, "organizer")
        offender_count += 1
        company = node(NodeType.COMPANY)
        edge(organizer, company, EdgeKind.OWNS)
        phone = node(NodeType.PHONE)
        edge(organizer, phone, EdgeKind.USES)
        relative = node(NodeType.PERSON, "relative")  # shares the organizer's phone and home
        edge(relative, phone, EdgeKind.USES)
        home = node(NodeType.ADDRESS)
        edge(organizer, home, EdgeKind.LIVES_AT)
        edge(relative, home, EdgeKind.LIVES_AT)
        lieutenant = node(NodeType.PERSON, "lieutenant") if rng.random() < 1 / 3 else -1
        if lieutenant >= 0:
            offender_count += 1
            edge(organizer, lieutenant, EdgeKind.CALLED)
            edge(lieutenant, organizer, EdgeKind.PAID, float(rng.integers(200_000, 2_000_000)))
        if rng.random() < 0.3:
            financier = node(NodeType.PERSON, "financier")
            offender_count += 1
            edge(financier, organizer, EdgeKind.PAID, float(rng.integers(1_000_000, 10_000_000)))
            edge(organizer, financier, EdgeKind.CALLED)
        for _cell in range(int(rng.integers(2, 5))):
            members = {
                "recruiter": [node(NodeType.PERSON, "recruiter") for _ in range(int(rng.integers(1, 3)))],
                "transporter": [node(NodeType.PERSON, "transporter")] if rng.random() < 0.6 else [],
                "harbourer": [node(NodeType.PERSON, "harbourer")] if rng.random() < 0.5 else [],
                "exploiter": [node(NodeType.PERSON, "exploiter") for _ in range(int(rng.integers(1, 3)))],
            }
            cell = [p for group in members.values() for p in group]
            offender_count += len(cell)
            boss = lieutenant if lieutenant >= 0 and rng.random() < 0.5 else organizer
            for lead in members["recruiter"][:1] + members["exploiter"][:1]:
                if rng.random() < 0.8:
                    edge(boss, lead, EdgeKind.CALLED)
            for exploiter in members["exploiter"]:
                if rng.random() < 0.7:
                    edge(exploiter, boss, EdgeKind.PAID, float(rng.integers(100_000, 900_000)))
                if rng.random() < 0.4:
                    edge(exploiter, company, EdgeKind.WORKS_AT)
            for a, b in itertools.pairwise(cell):
                edge(a, b, EdgeKind.CALLED if rng.random() < 0.7 else EdgeKind.CO_OFFENDED)
            for _victim in range(int(rng.integers(*victims_per_cell))):
                victim = node(NodeType.VICTIM)
                for act, kind in (
                    ("recruiter", EdgeKind.RECRUITED),
                    ("transporter", EdgeKind.TRANSPORTED),
                    ("harbourer", EdgeKind.HARBOURED),
                    ("exploiter", EdgeKind.EXPLOITED),
                ):
                    if members[act] and rng.random() < 0.85:  # some acts are never observed
                        edge(members[act][int(rng.integers(len(members[act])))], victim, kind)
                if rng.random() < 0.03:
                    edge(organizer, victim, EdgeKind.RECRUITED)  # organizers rarely touch victims, not never
            for member in cell:
                member_phone = node(NodeType.PHONE)
                edge(member, member_phone, EdgeKind.USES)
                if rng.random() < 0.3:
                    kin = node(NodeType.PERSON, "relative")
                    edge(kin, member_phone, EdgeKind.USES)

    # Bystanders: lawful employers paying many workers who live in shared dormitories.
    person_types = type_code(NodeType.PERSON)
    while sum(1 for t in types if t == person_types) < persons:
        employer = node(NodeType.PERSON, "employer")
        dormitory = node(NodeType.ADDRESS)
        edge(employer, node(NodeType.COMPANY), EdgeKind.OWNS)
        for _worker in range(int(rng.integers(10, 80))):
            worker = node(NodeType.PERSON, "migrant")
            edge(employer, worker, EdgeKind.PAID, float(rng.integers(100_000, 350_000)))
            edge(worker, dormitory, EdgeKind.LIVES_AT)
            if rng.random() < 0.5:
                edge(employer, worker, EdgeKind.CALLED)

    types_array = np.asarray(types, dtype=np.int8)
    person_ids = np.nonzero(types_array == person_types)[0]
    background = max(0, edges - len(src)) if edges is not None else int(calls_per_person * person_ids.shape[0])
    source = np.concatenate([np.asarray(src, dtype=np.int64), rng.choice(person_ids, size=background)])
    target = np.concatenate([np.asarray(dst, dtype=np.int64), rng.choice(person_ids, size=background)])
    kind = np.concatenate([np.asarray(kinds, dtype=np.int8), np.full(background, kind_code(EdgeKind.CALLED), np.int8)])
    amount = np.concatenate([np.asarray(amounts), np.full(background, np.nan)])
    ids = [f"N{i}" for i in range(len(types))]
    graph = LinkGraph.from_arrays(
        ids=ids, node_type=types_array, source=source, target=target, kind=kind, amount=amount
    )
    return Planted(graph=graph, role=role)
