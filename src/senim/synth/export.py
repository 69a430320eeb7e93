"""Write a World as the inputs of Senim's batch commands, with the ground truth beside them.

Pure module (no Django import). Files (all UTF-8 CSV with a header):

- ``records.csv``   — input of ``senim link``: record_id,given_name,family_name,patronymic,full_name,sex,
  birth_date,citizenship,document_number,phone,address
- ``records_truth.csv`` — record_id,person_id
- ``nodes.csv`` / ``edges.csv`` — input of ``senim network analyze``: NODES id,type; EDGES
  source,target,kind,amount,date,case_id (only what some agency observed)
- ``nodes_truth.csv`` — id,role,network_id for every person node
- ``persons.csv``  — the true persons (id, role, network, names in native Cyrillic, birth date, citizenship)
- ``summary.json`` — size, seed and counts
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from senim.synth.world import Role, World

RECORD_COLUMNS = (
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
)
NODE_COLUMNS = ("id", "type")
EDGE_COLUMNS = ("source", "target", "kind", "amount", "date", "case_id")
NODE_TYPE_OF_IDENTIFIER = {
    "phone": "phone",
    "bank_account": "account",
    "card": "account",
    "address": "address",
    "vehicle": "vehicle",
    "company": "company",
    "online_account": "online_account",
}  # documents identify one person: they are linkage evidence, not network nodes


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def record_rows(world: World) -> Iterable[tuple[str, ...]]:
    for r in world.records:
        yield (
            r.id,
            r.given_name,
            r.family_name,
            r.patronymic,
            r.full_name,
            r.sex,
            r.birth_date,
            r.citizenship,
            r.document_number,
            r.phone,
            r.address,
        )


def network_nodes(world: World) -> list[tuple[str, str]]:
    """Persons (type victim for victims, person otherwise) and every identifier some record mentions."""
    nodes = [(p.id, "victim" if p.role is Role.VICTIM else "person") for p in world.persons]
    kinds = {i.id: i.kind for i in world.identifiers}
    seen: set[str] = set()
    for record in world.records:
        for ident in record.identifier_ids:
            node_type = NODE_TYPE_OF_IDENTIFIER.get(kinds[ident])
            if node_type and ident not in seen:
                seen.add(ident)
                nodes.append((ident, node_type))
    nodes[len(world.persons) :] = sorted(nodes[len(world.persons) :])
    return nodes


def network_edges(world: World) -> list[tuple[str, str, str, str, str, str]]:
    """Observed interactions, then person→identifier edges for the identifiers records mention."""
    edges: list[tuple[str, str, str, str, str, str]] = []
    for item in world.interactions:
        if item.observed:
            edges.append(
                (
                    item.source,
                    item.target,
                    item.kind,
                    str(item.amount) if item.amount else "",
                    item.on.isoformat(),
                    item.case_id,
                )
            )
    kinds = {i.id: i.kind for i in world.identifiers}
    mentioned: dict[tuple[str, str], str] = {}
    for record in world.records:
        for ident in record.identifier_ids:
            if kinds[ident] in NODE_TYPE_OF_IDENTIFIER:
                mentioned.setdefault((record.person_id, ident), record.case_id if record.case_id[:1].isdigit() else "")
    relation = {(h.person_id, h.identifier_id): h.relation for h in world.holdings}
    for (person_id, ident), case_id in mentioned.items():
        edges.append((person_id, ident, relation.get((person_id, ident), "uses"), "", "", case_id))
    return edges


def network_truth(world: World) -> list[tuple[str, str, str]]:
    return [(p.id, p.role.value, p.network_id) for p in world.persons]


def export_world(world: World, out: Path | str) -> dict[str, int]:
    """Write every file into `out` (created if missing); returns the number of data rows per file."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = {
        "records.csv": _write(out / "records.csv", RECORD_COLUMNS, record_rows(world)),
        "records_truth.csv": _write(
            out / "records_truth.csv", ("record_id", "person_id"), ((r.id, r.person_id) for r in world.records)
        ),
        "nodes.csv": _write(out / "nodes.csv", NODE_COLUMNS, network_nodes(world)),
        "edges.csv": _write(out / "edges.csv", EDGE_COLUMNS, network_edges(world)),
        "nodes_truth.csv": _write(out / "nodes_truth.csv", ("id", "role", "network_id"), network_truth(world)),
        "persons.csv": _write(
            out / "persons.csv",
            (
                "person_id",
                "role",
                "network_id",
                "family_name",
                "given_name",
                "patronymic",
                "sex",
                "birth_date",
                "citizenship",
                "ethnicity",
                "related_to",
                "relation",
            ),
            (
                (
                    p.id,
                    p.role.value,
                    p.network_id,
                    p.family_name,
                    p.given_name,
                    p.patronymic,
                    p.sex,
                    p.birth_date.isoformat(),
                    p.citizenship,
                    p.ethnicity,
                    p.related_to,
                    p.relation,
                )
                for p in world.persons
            ),
        ),
    }
    summary = {"size": world.size, "seed": world.seed, "counts": world.counts(), "files": written}
    (out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return written
