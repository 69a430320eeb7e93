"""Network analysis of a `LinkGraph`: networks, communities, per-person measures, organizer score, role.

No Django import. Everything is vectorised (numpy, scipy.sparse, igraph in C) so that 100k persons and 1M
edges fit in seconds; docs/network.md explains the score and how each step scales.

Vocabulary used below:

- *network*: a connected component of the link graph once hub identifiers are set aside (a shared hostel
  address or a bank's corporate account with more than `hub_threshold` users links strangers, not
  accomplices).
- *executor*: a person who is the source of at least one act edge (recruited, transported, harboured,
  exploited) — the executing end of the chain.
- *two steps*: nodes reachable through at most one intermediate node, never through a hub identifier.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import igraph as ig
import numpy as np
import numpy.typing as npt
from scipy import sparse

from senim.network.graph import ACT_KINDS, IDENTIFIER_TYPES, EdgeKind, LinkGraph, NodeType, kind_code

# Weights of the organizer score (they sum to 1, so the score is in [0, 1]); see docs/network.md.
WEIGHTS = {"command": 0.30, "money": 0.25, "betweenness": 0.30, "communities": 0.10, "countries": 0.05}
ORGANIZER_THRESHOLD = 0.55
LOCAL_ORGANIZER_THRESHOLD = 0.3  # enough when the person also tops everybody within two steps
ROLES = ("organizer", "recruiter", "transporter", "harbourer", "exploiter", "financier", "other")
ACT_ORDER: tuple[EdgeKind, ...] = tuple(ACT_KINDS)


@dataclass(frozen=True)
class Settings:
    hub_threshold: int = 50  # identifiers with more distinct neighbours are hubs: not traversed
    seed: int = 42  # Leiden and betweenness sampling
    betweenness_budget: float = 2e7  # Σ sources × edges; above it, sources are sampled (see docs/network.md)
    betweenness_min_sources: int = 16  # per sampled component
    resolution: float = 1.0  # Leiden (modularity) resolution


@dataclass(frozen=True)
class Reason:
    """Why a role was suggested: a stable code and the figure behind it (pages translate the code)."""

    code: str
    value: float = 0.0

    def __str__(self) -> str:
        templates = {
            "executors_two_steps": "{v:g} executors within two steps",
            "no_direct_victims": "no direct contact with victims",
            "few_direct_victims": "direct contact with {v:g} victims only",
            "direct_victims": "direct contact with {v:g} victims",
            "receives_money": "receives {v:g} in payments",
            "pays_money": "pays out {v:g}",
            "links_communities": "links {v:g} other communities",
            "broker": "lies on the paths between accomplices (betweenness {v:.2f})",
            "spans_countries": "connects {v:g} countries",
            "main_act": "most frequent act: {act}",
            "score": "organizer score {v:.2f}",
        }
        act = ACT_ORDER[int(self.value)].value if self.code == "main_act" else ""
        return templates.get(self.code, self.code).format(v=self.value, act=act)


@dataclass
class Analysis:
    """Per-person measures as arrays aligned with `persons` (node indices of type person)."""

    graph: LinkGraph
    persons: npt.NDArray[np.int64]
    network: npt.NDArray[np.int64]  # per node, 1-based
    community: npt.NDArray[np.int64]  # per node
    hubs: npt.NDArray[np.int64]  # node indices treated as hubs
    degree: npt.NDArray[np.int64]
    betweenness: npt.NDArray[np.float64]  # offender graph, divided by the network's maximum
    communities_linked: npt.NDArray[np.int64]
    countries_spanned: npt.NDArray[np.int64]
    money_in: npt.NDArray[np.float64]
    money_out: npt.NDArray[np.float64]
    payers: npt.NDArray[np.int64]
    direct_victims: npt.NDArray[np.int64]
    victims_two_steps: npt.NDArray[np.int64]
    executors_two_steps: npt.NDArray[np.int64]
    persons_two_steps: npt.NDArray[np.int64]
    cases_two_steps: npt.NDArray[np.int64]
    acts: npt.NDArray[np.int64]  # persons × 4 (ACT_ORDER)
    score: npt.NDArray[np.float64]
    role: list[str]
    components: dict[str, npt.NDArray[np.float64]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step

    def order(self) -> npt.NDArray[np.int64]:
        """Positions in `persons` by organizer score descending, ties by id."""
        ids = np.asarray([self.graph.ids[i] for i in self.persons], dtype=object)
        return np.asarray(sorted(range(len(self.persons)), key=lambda j: (-self.score[j], ids[j])), dtype=np.int64)

    def position(self, node_id: str) -> int:
        where = np.nonzero(self.persons == self.graph.index[node_id])[0]
        if not where.size:
            raise KeyError(node_id)
        return int(where[0])

    def reasons(self, j: int) -> list[Reason]:
        out: list[Reason] = []
        executors = int(self.executors_two_steps[j])
        direct = int(self.direct_victims[j])
        if self.role[j] == "organizer" or self.score[j] >= ORGANIZER_THRESHOLD:
            out.append(Reason("score", round(float(self.score[j]), 2)))
        if executors:
            out.append(Reason("executors_two_steps", executors))
        if direct == 0 and self.victims_two_steps[j]:
            out.append(Reason("no_direct_victims"))
        elif direct and direct <= 0.25 * self.victims_two_steps[j]:
            out.append(Reason("few_direct_victims", direct))
        elif direct:
            out.append(Reason("direct_victims", direct))
        if self.money_in[j] > 0:
            out.append(Reason("receives_money", round(float(self.money_in[j]), 2)))
        if self.money_out[j] > 0:
            out.append(Reason("pays_money", round(float(self.money_out[j]), 2)))
        if self.communities_linked[j]:
            out.append(Reason("links_communities", int(self.communities_linked[j])))
        if self.betweenness[j] >= 0.5:
            out.append(Reason("broker", round(float(self.betweenness[j]), 2)))
        if self.countries_spanned[j] >= 2:
            out.append(Reason("spans_countries", int(self.countries_spanned[j])))
        if self.acts[j].sum():
            out.append(Reason("main_act", int(np.argmax(self.acts[j]))))
        return out

    def rows(self) -> Iterator[tuple[str, int, float, str]]:
        """(id, network_id, organizer_score, role) for every person, by score descending."""
        for j in self.order():
            node = int(self.persons[j])
            yield self.graph.ids[node], int(self.network[node]), round(float(self.score[j]), 4), self.role[j]


def _simple_edges(graph: LinkGraph) -> npt.NDArray[np.int64]:
    """Undirected, deduplicated, loop-free edge list (k × 2)."""
    if not graph.edge_count:
        return np.empty((0, 2), dtype=np.int64)
    a = np.minimum(graph.source, graph.target)
    b = np.maximum(graph.source, graph.target)
    keep = a != b
    pairs = np.stack([a[keep], b[keep]], axis=1)
    return _unique_rows(pairs)


def _unique_rows(pairs: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """np.unique(pairs, axis=0) for non-negative int pairs, 10× faster: sort one int64 code per row."""
    if not pairs.size:
        return pairs.reshape(0, 2)
    width = np.int64(pairs[:, 1].max()) + 1
    codes = np.unique(pairs[:, 0].astype(np.int64) * width + pairs[:, 1])
    return np.stack([codes // width, codes % width], axis=1)


def _adjacency(n: int, pairs: npt.NDArray[np.int64]) -> sparse.csr_matrix:
    rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
    cols = np.concatenate([pairs[:, 1], pairs[:, 0]])
    data = np.ones(rows.shape[0], dtype=np.int32)
    return sparse.csr_matrix((data, (rows, cols)), shape=(n, n))


def component_betweenness(
    n: int,
    pairs: npt.NDArray[np.int64],
    *,
    budget: float = 2e7,
    min_sources: int = 16,
    seed: int = 42,
) -> npt.NDArray[np.float64]:
    """Undirected betweenness, divided by the maximum of each connected component (so in [0, 1]).

    Exact while the total work (Σ nodes × edges over components) stays under `budget`; otherwise each
    component uses the same fraction of its nodes as BFS sources (at least `min_sources`), the
    Brandes–Pich estimator, scaled back by nodes / sources. One igraph call covers every component.
    """
    result = np.zeros(n, dtype=np.float64)
    if n == 0 or pairs.shape[0] == 0:
        return result
    g = ig.Graph(n=n, edges=pairs.tolist(), directed=False)
    membership = np.asarray(g.connected_components().membership, dtype=np.int64)
    sizes = np.bincount(membership)
    edge_counts = np.bincount(membership[pairs[:, 0]], minlength=sizes.shape[0])
    work = float((sizes.astype(np.float64) * edge_counts).sum())
    fraction = min(1.0, budget / work) if work else 1.0
    wanted = np.maximum(np.ceil(sizes * fraction), np.minimum(min_sources, sizes)).astype(np.int64)
    wanted = np.where(edge_counts == 0, 0, np.minimum(wanted, sizes))
    rng = np.random.default_rng(seed)
    order = np.argsort(membership, kind="stable")
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    sources: list[npt.NDArray[np.int64]] = []
    for c in np.nonzero(wanted)[0]:
        members = order[starts[c] : starts[c] + sizes[c]]
        k = int(wanted[c])
        sources.append(members if k >= members.shape[0] else rng.choice(members, size=k, replace=False))
    if not sources:
        return result
    chosen = np.concatenate(sources)
    if chosen.shape[0] == n:
        raw = np.asarray(g.betweenness(directed=False), dtype=np.float64)
    else:
        raw = np.asarray(g.betweenness(directed=False, sources=chosen.tolist()), dtype=np.float64)
        raw *= (sizes / np.maximum(wanted, 1))[membership]
    peak = np.zeros(sizes.shape[0], dtype=np.float64)
    np.maximum.at(peak, membership, raw)
    result = np.divide(raw, peak[membership], out=np.zeros(n), where=peak[membership] > 0)
    return result


def leiden_communities(
    n: int, pairs: npt.NDArray[np.int64], *, seed: int = 42, resolution: float = 1.0
) -> npt.NDArray[np.int64]:
    """Leiden communities maximising the modularity of each connected component on its own.

    Plain modularity over a graph of many separate networks has a resolution limit: with m edges in the
    whole graph, one edge between two cells is enough to merge them, so every network becomes a single
    community. The Constant Potts Model with node size k_i / sqrt(2 m_c) (m_c the edges of i's component)
    and resolution 1 is exactly the sum over components of 2 m_c × the component's own modularity, and
    communities never span components, so each network is split as if it were analysed alone.
    Isolated nodes each get their own community.
    """
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    g = ig.Graph(n=n, edges=pairs.tolist(), directed=False)
    membership = np.asarray(g.connected_components().membership, dtype=np.int64)
    degree = np.asarray(g.degree(), dtype=np.float64)
    component_edges = np.bincount(membership, weights=degree) / 2.0
    scale = np.sqrt(np.maximum(2.0 * component_edges[membership], 1.0))
    # igraph's own C implementation of Leiden (the algorithm of leidenalg, by the same author) is about 20
    # times faster than leidenalg's on these graphs; it draws from igraph's RNG, seeded here and restored.
    ig.set_random_number_generator(random.Random(seed))
    try:
        clustering = g.community_leiden(
            objective_function="CPM", node_weights=(degree / scale).tolist(), resolution=resolution, n_iterations=2
        )
    finally:
        ig.set_random_number_generator(random)
    return np.asarray(clustering.membership, dtype=np.int64)


def _saturate(x: npt.NDArray[np.float64] | npt.NDArray[np.int64], half: float) -> npt.NDArray[np.float64]:
    """x / (x + half): 0 at 0, 0.5 at `half`, tends to 1."""
    values = np.asarray(x, dtype=np.float64)
    return values / (values + half)


def _row_nnz(matrix: sparse.csr_matrix) -> npt.NDArray[np.int64]:
    matrix.eliminate_zeros()
    return np.diff(matrix.indptr).astype(np.int64)


def analyze(graph: LinkGraph, settings: Settings | None = None) -> Analysis:
    settings = settings or Settings()
    clock = time.perf_counter()
    timings: dict[str, float] = {}

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round(now - clock, 3)
        clock = now

    n = graph.node_count
    pairs = _simple_edges(graph)
    adjacency = _adjacency(n, pairs)
    neighbours = _row_nnz(adjacency.copy())

    identifier = graph.mask(*IDENTIFIER_TYPES)
    victim = graph.mask(NodeType.VICTIM)
    person_mask = graph.mask(NodeType.PERSON)
    hub = identifier & (neighbours > settings.hub_threshold)
    hubs = np.nonzero(hub)[0]
    persons = np.nonzero(person_mask)[0]

    # Networks and communities: the graph without hub identifiers.
    through = ~hub[pairs[:, 0]] & ~hub[pairs[:, 1]] if pairs.size else np.zeros(0, dtype=bool)
    network_pairs = pairs[through]
    g = ig.Graph(n=n, edges=network_pairs.tolist(), directed=False)
    network = np.asarray(g.connected_components().membership, dtype=np.int64) + 1
    lap("structure")
    community = leiden_communities(n, network_pairs, seed=settings.seed, resolution=settings.resolution)
    lap("communities")

    # Betweenness among offenders: no victims (leaves that would inflate whoever touches them) and no hubs.
    offender = ~victim & ~hub
    offender_pairs = network_pairs[offender[network_pairs[:, 0]] & offender[network_pairs[:, 1]]]
    betweenness = component_betweenness(
        n,
        offender_pairs,
        budget=settings.betweenness_budget,
        min_sources=settings.betweenness_min_sources,
        seed=settings.seed,
    )

    # Two-step counts: rows of (A + I) restricted to non-hub intermediates, times (A + I).
    closed = (adjacency + sparse.identity(n, dtype=np.int32, format="csr")).tocsr()
    keep_columns = sparse.diags((~hub).astype(np.int32), dtype=np.int32)
    lap("betweenness")
    first_step = (closed[persons] @ keep_columns).tocsr()
    is_act = graph.kind_mask(*ACT_KINDS)
    executor = np.zeros(n, dtype=bool)
    executor[graph.source[is_act]] = True
    executor &= person_mask
    victim_cols = np.nonzero(victim)[0]
    executor_cols = np.nonzero(executor)[0]
    victims_two_steps = _row_nnz((first_step @ closed[:, victim_cols]).tocsr())
    executors_two_steps = _row_nnz((first_step @ closed[:, executor_cols]).tocsr()) - executor[persons]
    reach = (first_step @ closed[:, persons]).tocsr()  # persons within two steps (self included)
    persons_two_steps = _row_nnz(reach) - 1
    direct_victims = _row_nnz(adjacency[persons][:, victim_cols].tocsr())
    if graph.cases:
        with_case = graph.case >= 0
        case_rows = np.concatenate([graph.source[with_case], graph.target[with_case]])
        case_cols = np.concatenate([graph.case[with_case], graph.case[with_case]])
        node_case = sparse.csr_matrix(
            (np.ones(case_rows.shape[0], dtype=np.int32), (case_rows, case_cols)), shape=(n, len(graph.cases))
        )
        cases_two_steps = _row_nnz((first_step @ node_case).tocsr())
    else:
        cases_two_steps = np.zeros(persons.shape[0], dtype=np.int64)

    lap("two_steps")
    # Money.
    paid = graph.kind_mask(EdgeKind.PAID) & (graph.source != graph.target)
    amounts = np.nan_to_num(graph.amount[paid], nan=0.0)
    money_in_all = np.bincount(graph.target[paid], weights=amounts, minlength=n).astype(np.float64)
    money_out_all = np.bincount(graph.source[paid], weights=amounts, minlength=n).astype(np.float64)
    paid_pairs = _unique_rows(np.stack([graph.source[paid], graph.target[paid]], axis=1))
    payers_all = np.bincount(paid_pairs[:, 1], minlength=n) if paid_pairs.size else np.zeros(n, dtype=np.int64)
    payees_all = np.bincount(paid_pairs[:, 0], minlength=n) if paid_pairs.size else np.zeros(n, dtype=np.int64)

    # Communities linked and countries spanned, over non-hub neighbours.
    both = np.concatenate([network_pairs, network_pairs[:, ::-1]]) if network_pairs.size else network_pairs
    communities_linked_all = np.zeros(n, dtype=np.int64)
    if both.size:
        other = community[both[:, 1]] != community[both[:, 0]]
        linked = _unique_rows(np.stack([both[other, 0], community[both[other, 1]]], axis=1))
        if linked.size:
            communities_linked_all = np.bincount(linked[:, 0], minlength=n)
    country_codes: dict[str, int] = {}
    country = np.asarray([country_codes.setdefault(c, len(country_codes)) if c else -1 for c in graph.country])
    countries_all = np.zeros(n, dtype=np.int64)
    human = person_mask | victim
    if (country >= 0).any():
        own = np.stack([np.arange(n), country], axis=1)
        spans = own
        if both.size:
            spans = np.concatenate([own, np.stack([both[:, 0], country[both[:, 1]]], axis=1)[human[both[:, 1]]]])
        spans = _unique_rows(spans[spans[:, 1] >= 0])
        countries_all = np.bincount(spans[:, 0], minlength=n)

    acts = np.zeros((persons.shape[0], len(ACT_ORDER)), dtype=np.int64)
    position = np.full(n, -1, dtype=np.int64)
    position[persons] = np.arange(persons.shape[0])
    for column, kind in enumerate(ACT_ORDER):
        sources = graph.source[graph.kind == kind_code(kind)]
        sources = sources[position[sources] >= 0]
        acts[:, column] = np.bincount(position[sources], minlength=persons.shape[0])

    # The organizer score.
    money_in = money_in_all[persons]
    money_out = money_out_all[persons]
    payers = payers_all[persons]
    if amounts.size and amounts.sum() > 0:
        inflow, outflow = money_in, money_out
    else:  # no amounts given: count payments instead
        inflow, outflow = payers.astype(np.float64), payees_all[persons].astype(np.float64)
    total_flow = inflow + outflow
    share_in = np.divide(inflow, total_flow, out=np.zeros_like(total_flow), where=total_flow > 0)
    indirect = np.divide(
        victims_two_steps - direct_victims,
        victims_two_steps,
        out=np.zeros(persons.shape[0]),
        where=victims_two_steps > 0,
    )
    focus = np.divide(
        executors_two_steps, persons_two_steps, out=np.zeros(persons.shape[0]), where=persons_two_steps > 0
    )
    components = {
        "command": _saturate(executors_two_steps, 2.0) * np.sqrt(focus) * indirect,
        "money": share_in * _saturate(payers, 1.0),
        "betweenness": betweenness[persons],
        "communities": _saturate(communities_linked_all[persons], 1.0),
        "countries": _saturate(np.maximum(countries_all[persons] - 1, 0), 1.0),
    }
    score = sum(WEIGHTS[name] * values for name, values in components.items())
    score = np.asarray(score, dtype=np.float64)

    # The highest score among the persons within two steps (self included): a local leader.
    local_peak = np.zeros(persons.shape[0])
    filled = np.diff(reach.indptr) > 0
    local_peak[filled] = np.maximum.reduceat(score[reach.indices], reach.indptr[:-1][filled])
    leader = (score >= local_peak) & (score >= LOCAL_ORGANIZER_THRESHOLD)
    roles = _suggest_roles(
        score, leader, acts, direct_victims, victims_two_steps, executors_two_steps, money_in, money_out
    )
    lap("score_and_roles")
    return Analysis(
        graph=graph,
        persons=persons,
        network=network,
        community=community,
        hubs=hubs,
        degree=neighbours[persons],
        betweenness=betweenness[persons],
        communities_linked=communities_linked_all[persons],
        countries_spanned=countries_all[persons],
        money_in=money_in,
        money_out=money_out,
        payers=payers,
        direct_victims=direct_victims,
        victims_two_steps=victims_two_steps,
        executors_two_steps=executors_two_steps,
        persons_two_steps=persons_two_steps,
        cases_two_steps=cases_two_steps,
        acts=acts,
        score=score,
        role=roles,
        components=components,
        timings=timings,
    )


def _suggest_roles(
    score: npt.NDArray[np.float64],
    leader: npt.NDArray[np.bool_],
    acts: npt.NDArray[np.int64],
    direct_victims: npt.NDArray[np.int64],
    victims_two_steps: npt.NDArray[np.int64],
    executors_two_steps: npt.NDArray[np.int64],
    money_in: npt.NDArray[np.float64],
    money_out: npt.NDArray[np.float64],
) -> list[str]:
    """Organizer when the score is high (or the highest within two steps and at least the local threshold),
    the person commands executors and rarely touches victims;
    otherwise the most frequent act; otherwise financier when they pay money, touch no victim and are within
    two steps of an executor; otherwise other."""
    rarely_touches = direct_victims <= np.maximum(1.0, 0.25 * victims_two_steps)
    high = (score >= ORGANIZER_THRESHOLD) | leader
    organizer = high & rarely_touches & (executors_two_steps >= 1)
    has_act = acts.sum(axis=1) > 0
    financier = ~has_act & (money_out > 0) & (direct_victims == 0) & (executors_two_steps >= 1)
    act_roles = np.asarray([ACT_KINDS[kind] for kind in ACT_ORDER], dtype=object)
    roles = np.full(score.shape[0], "other", dtype=object)
    roles[financier] = "financier"
    roles[has_act] = act_roles[np.argmax(acts[has_act], axis=1)] if has_act.any() else roles[has_act]
    roles[organizer] = "organizer"
    return [str(role) for role in roles]


def precision_at_k(ranked_ids: list[str], truth: set[str], k: int | None = None) -> float:
    """Share of the first k ranked ids that are in `truth` (k defaults to the size of `truth`)."""
    k = len(truth) if k is None else k
    if k <= 0:
        return math.nan
    return len(set(ranked_ids[:k]) & truth) / k
