"""CSV in, CSV out for `senim network analyze` (contract in issue 7, docs/network.md). No Django import."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from datetime import date

from senim.network.analysis import Analysis
from senim.network.graph import Edge, GraphInputError, Node

NODE_COLUMNS = ("id", "type")
EDGE_COLUMNS = ("source", "target", "kind")
SCORE_COLUMNS = ("id", "network_id", "organizer_score", "role")


def _rows(text: str, required: tuple[str, ...], what: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    if not header:
        raise GraphInputError(f"{what}: empty file, expected the header {','.join(required)}")
    missing = [name for name in required if name not in header]
    if missing:
        raise GraphInputError(f"{what}: missing column {missing[0]!r} (header: {','.join(header)})")
    reader.fieldnames = header
    for number, row in enumerate(reader, start=2):
        if None in row:
            raise GraphInputError(f"{what} line {number}: more fields than the header")
        yield number, {key: (value or "").strip() for key, value in row.items()}


def read_nodes(text: str) -> list[Node]:
    nodes = []
    for number, row in _rows(text, NODE_COLUMNS, "nodes"):
        if not row["id"]:
            raise GraphInputError(f"nodes line {number}: empty id")
        nodes.append(Node(row["id"], row["type"].lower(), row.get("country", "")))
    return nodes


def read_edges(text: str) -> list[Edge]:
    edges = []
    for number, row in _rows(text, EDGE_COLUMNS, "edges"):
        amount: float | None = None
        if row.get("amount"):
            try:
                amount = float(row["amount"])
            except ValueError:
                raise GraphInputError(f"edges line {number}: amount {row['amount']!r} is not a number") from None
            if amount < 0 or math.isnan(amount) or math.isinf(amount):
                raise GraphInputError(f"edges line {number}: amount must be a non-negative number")
        when: date | None = None
        if row.get("date"):
            try:
                when = date.fromisoformat(row["date"])
            except ValueError:
                raise GraphInputError(f"edges line {number}: date {row['date']!r} is not YYYY-MM-DD") from None
        edges.append(Edge(row["source"], row["target"], row["kind"].lower(), amount, when, row.get("case_id", "")))
    return edges


def relabel(error: GraphInputError) -> GraphInputError:
    """`LinkGraph.build` counts rows from 1; CSV users count lines with the header as line 1."""
    message = str(error)
    for what in ("node", "edge"):
        prefix = f"{what} "
        if message.startswith(prefix):
            number, _, rest = message[len(prefix) :].partition(":")
            if number.isdigit():
                return GraphInputError(f"{what}s line {int(number) + 1}:{rest}")
    return error


def write_scores(analysis: Analysis) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SCORE_COLUMNS)
    for node_id, network_id, score, role in analysis.rows():
        writer.writerow([node_id, network_id, f"{score:.4f}", role])
    return out.getvalue()
