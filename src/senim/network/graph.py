"""The link graph as plain arrays: nodes (persons, victims, shared identifiers) and typed edges.

No Django import: the batch command, the worker job, the tests and the benchmarks all build a `LinkGraph`
with `LinkGraph.build(nodes, edges)` and hand it to `senim.network.analysis.analyze`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

import numpy as np
import numpy.typing as npt


class NodeType(StrEnum):
    PERSON = "person"
    VICTIM = "victim"
    PHONE = "phone"
    ACCOUNT = "account"
    ADDRESS = "address"
    VEHICLE = "vehicle"
    COMPANY = "company"
    ONLINE_ACCOUNT = "online_account"


IDENTIFIER_TYPES = frozenset(NodeType) - {NodeType.PERSON, NodeType.VICTIM}


class EdgeKind(StrEnum):
    RECRUITED = "recruited"
    TRANSPORTED = "transported"
    HARBOURED = "harboured"
    EXPLOITED = "exploited"
    CALLED = "called"
    PAID = "paid"
    CO_OFFENDED = "co_offended"
    OWNS = "owns"
    USES = "uses"
    LIVES_AT = "lives_at"
    WORKS_AT = "works_at"


# The acts of the trafficking chain (offender → victim), each the act of one executing role.
ACT_KINDS: dict[EdgeKind, str] = {
    EdgeKind.RECRUITED: "recruiter",
    EdgeKind.TRANSPORTED: "transporter",
    EdgeKind.HARBOURED: "harbourer",
    EdgeKind.EXPLOITED: "exploiter",
}

NODE_TYPES: tuple[NodeType, ...] = tuple(NodeType)
EDGE_KINDS: tuple[EdgeKind, ...] = tuple(EdgeKind)
_TYPE_CODE = {t: i for i, t in enumerate(NODE_TYPES)}
_KIND_CODE = {k: i for i, k in enumerate(EDGE_KINDS)}


class GraphInputError(ValueError):
    """Bad nodes or edges; the message is one line that names the offending row."""


@dataclass(frozen=True)
class Node:
    id: str
    type: str
    country: str = ""


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str
    amount: float | None = None
    date: date | None = None
    case_id: str = ""


@dataclass
class LinkGraph:
    """Nodes and edges as parallel numpy arrays (indices into `ids`), ready for igraph and scipy."""

    ids: list[str]
    node_type: npt.NDArray[np.int8]  # index into NODE_TYPES
    country: list[str]
    source: npt.NDArray[np.int64]
    target: npt.NDArray[np.int64]
    kind: npt.NDArray[np.int8]  # index into EDGE_KINDS
    amount: npt.NDArray[np.float64]  # NaN when absent
    case: npt.NDArray[np.int64]  # index into `cases`, -1 when absent
    cases: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)

    @property
    def node_count(self) -> int:
        return len(self.ids)

    @property
    def edge_count(self) -> int:
        return int(self.source.shape[0])

    def type_of(self, i: int) -> NodeType:
        return NODE_TYPES[int(self.node_type[i])]

    def mask(self, *types: NodeType) -> npt.NDArray[np.bool_]:
        codes = [_TYPE_CODE[t] for t in types]
        return np.isin(self.node_type, codes)

    def kind_mask(self, *kinds: EdgeKind) -> npt.NDArray[np.bool_]:
        codes = [_KIND_CODE[k] for k in kinds]
        return np.isin(self.kind, codes)

    @classmethod
    def build(cls, nodes: Iterable[Node], edges: Iterable[Edge]) -> LinkGraph:
        ids: list[str] = []
        types: list[int] = []
        countries: list[str] = []
        index: dict[str, int] = {}
        for number, node in enumerate(nodes, start=1):
            if not node.id:
                raise GraphInputError(f"node {number}: empty id")
            if node.id in index:
                raise GraphInputError(f"node {number}: duplicate id {node.id!r}")
            try:
                code = _TYPE_CODE[NodeType(node.type)]
            except ValueError:
                raise GraphInputError(f"node {number}: unknown type {node.type!r}") from None
            index[node.id] = len(ids)
            ids.append(node.id)
            types.append(code)
            countries.append(node.country.upper())
        sources: list[int] = []
        targets: list[int] = []
        kinds: list[int] = []
        amounts: list[float] = []
        case_of: list[int] = []
        case_index: dict[str, int] = {}
        for number, edge in enumerate(edges, start=1):
            try:
                s, t = index[edge.source], index[edge.target]
            except KeyError as exc:
                raise GraphInputError(f"edge {number}: unknown node {exc.args[0]!r}") from None
            try:
                kind = _KIND_CODE[EdgeKind(edge.kind)]
            except ValueError:
                raise GraphInputError(f"edge {number}: unknown kind {edge.kind!r}") from None
            amount = math.nan if edge.amount is None else float(edge.amount)
            if not math.isnan(amount) and (amount < 0 or math.isinf(amount)):
                raise GraphInputError(f"edge {number}: amount must be a non-negative number")
            sources.append(s)
            targets.append(t)
            kinds.append(kind)
            amounts.append(amount)
            if edge.case_id:
                case_of.append(case_index.setdefault(edge.case_id, len(case_index)))
            else:
                case_of.append(-1)
        return cls(
            ids=ids,
            node_type=np.asarray(types, dtype=np.int8),
            country=countries,
            source=np.asarray(sources, dtype=np.int64),
            target=np.asarray(targets, dtype=np.int64),
            kind=np.asarray(kinds, dtype=np.int8),
            amount=np.asarray(amounts, dtype=np.float64),
            case=np.asarray(case_of, dtype=np.int64),
            cases=list(case_index),
            index=index,
        )

    @classmethod
    def from_arrays(
        cls,
        *,
        ids: Sequence[str],
        node_type: npt.NDArray[np.int8],
        source: npt.NDArray[np.int64],
        target: npt.NDArray[np.int64],
        kind: npt.NDArray[np.int8],
        amount: npt.NDArray[np.float64] | None = None,
        case: npt.NDArray[np.int64] | None = None,
        country: Sequence[str] | None = None,
    ) -> LinkGraph:
        """Fast path for large generated graphs (benchmarks): arrays are trusted, not validated row by row."""
        m = int(source.shape[0])
        return cls(
            ids=list(ids),
            node_type=node_type.astype(np.int8),
            country=list(country) if country is not None else [""] * len(ids),
            source=source.astype(np.int64),
            target=target.astype(np.int64),
            kind=kind.astype(np.int8),
            amount=amount if amount is not None else np.full(m, math.nan),
            case=case if case is not None else np.full(m, -1, dtype=np.int64),
            cases=[str(i) for i in range(int(case.max()) + 1)] if case is not None and m else [],
            index={node_id: i for i, node_id in enumerate(ids)},
        )


def type_code(node_type: NodeType) -> int:
    return _TYPE_CODE[node_type]


def kind_code(kind: EdgeKind) -> int:
    return _KIND_CODE[kind]
