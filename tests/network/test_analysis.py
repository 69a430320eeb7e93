"""The analysis library on small hand-built graphs whose answers are worked out by hand in the comments."""

import numpy as np
import pytest

from senim.network.analysis import Settings, analyze, component_betweenness, precision_at_k
from senim.network.graph import Edge, GraphInputError, LinkGraph, Node


def two_cell_network(*, extra_nodes=(), extra_edges=()):
    """Organizer O over two cells. Cell A: recruiter RA and exploiter EA with victims V1, V2 (case K1).
    Cell B: RB, EB with V3, V4 (case K2). O calls RA and RB; EA pays O 100 and EB pays O 200 (no case).
    A separate pair X, Y co-offended with nobody else."""
    nodes = [Node(i, "person") for i in ("O", "RA", "EA", "RB", "EB", "X", "Y")]
    nodes += [Node(v, "victim") for v in ("V1", "V2", "V3", "V4")]
    edges = [
        Edge("RA", "V1", "recruited", case_id="K1"),
        Edge("RA", "V2", "recruited", case_id="K1"),
        Edge("EA", "V1", "exploited", case_id="K1"),
        Edge("EA", "V2", "exploited", case_id="K1"),
        Edge("RB", "V3", "recruited", case_id="K2"),
        Edge("RB", "V4", "recruited", case_id="K2"),
        Edge("EB", "V3", "exploited", case_id="K2"),
        Edge("EB", "V4", "exploited", case_id="K2"),
        Edge("O", "RA", "called"),
        Edge("O", "RB", "called"),
        Edge("EA", "O", "paid", amount=100),
        Edge("EB", "O", "paid", amount=200),
        Edge("X", "Y", "co_offended"),
    ]
    return LinkGraph.build([*nodes, *extra_nodes], [*edges, *extra_edges])


def measure(analysis, node_id, name):
    return getattr(analysis, name)[analysis.position(node_id)]


def test_organizer_of_two_cells_ranks_first_with_reasons():
    analysis = analyze(two_cell_network())
    rows = list(analysis.rows())
    assert rows[0][0] == "O"
    assert rows[0][3] == "organizer"
    # O touches no victim but reaches V1..V4 through RA, EA, RB, EB, all four executors.
    assert measure(analysis, "O", "direct_victims") == 0
    assert measure(analysis, "O", "victims_two_steps") == 4
    assert measure(analysis, "O", "executors_two_steps") == 4
    assert measure(analysis, "O", "money_in") == 300
    assert measure(analysis, "O", "payers") == 2
    # Offender graph (victims left out) is a star around O: O has all the betweenness.
    assert measure(analysis, "O", "betweenness") == 1.0
    assert measure(analysis, "RA", "betweenness") == 0.0
    # Edges of cases K1 and K2 are all one step from O.
    assert measure(analysis, "O", "cases_two_steps") == 2
    assert measure(analysis, "RA", "cases_two_steps") == 1
    # command 4/6·1, money 1·2/3, betweenness 1: at least .35·2/3 + .25·2/3 + .2 = .6 before communities.
    assert measure(analysis, "O", "score") >= 0.6
    codes = [reason.code for reason in analysis.reasons(analysis.position("O"))]
    assert {"executors_two_steps", "no_direct_victims", "receives_money"} <= set(codes)


def test_executors_get_their_act_as_role_and_low_scores():
    analysis = analyze(two_cell_network())
    roles = {row[0]: row[3] for row in analysis.rows()}
    assert roles["RA"] == roles["RB"] == "recruiter"
    assert roles["EA"] == roles["EB"] == "exploiter"
    assert roles["X"] == roles["Y"] == "other"
    # RA reaches only V1, V2, both directly: nothing indirect, so no command term; no money, no betweenness.
    assert measure(analysis, "RA", "victims_two_steps") == 2
    assert measure(analysis, "RA", "direct_victims") == 2
    assert measure(analysis, "RA", "score") <= 0.1 + 1e-9  # at most the communities term
    # EA pays out: no money term either.
    assert measure(analysis, "EA", "money_out") == 100
    assert measure(analysis, "EA", "score") <= 0.1 + 1e-9


def test_networks_are_components_numbered_by_first_node():
    analysis = analyze(two_cell_network())
    networks = {row[0]: row[1] for row in analysis.rows()}
    assert {networks[i] for i in ("O", "RA", "EA", "RB", "EB")} == {1}
    assert networks["X"] == networks["Y"] == 2


def test_rows_are_persons_only_sorted_by_score_descending():
    rows = list(analyze(two_cell_network()).rows())
    assert {row[0] for row in rows} == {"O", "RA", "EA", "RB", "EB", "X", "Y"}
    scores = [row[2] for row in rows]
    assert scores == sorted(scores, reverse=True)


def test_hub_identifier_is_not_a_path():
    """A hostel address shared by X and RA (two networks): with a hub threshold of 1 the address is a hub,
    the networks stay apart and X reaches no victims through it; with the default threshold it joins them."""
    extra_nodes = [Node("ADDR", "address")]
    extra_edges = [Edge("X", "ADDR", "lives_at"), Edge("RA", "ADDR", "lives_at")]
    graph = two_cell_network(extra_nodes=extra_nodes, extra_edges=extra_edges)
    apart = analyze(graph, Settings(hub_threshold=1))
    assert measure(apart, "X", "victims_two_steps") == 0
    assert apart.network[graph.index["X"]] != apart.network[graph.index["RA"]]
    assert list(apart.hubs) == [graph.index["ADDR"]]
    joined = analyze(graph)
    assert joined.network[graph.index["X"]] == joined.network[graph.index["RA"]]
    # Still only two steps: X → ADDR → RA, and RA's victims are a third step away.
    assert measure(joined, "X", "victims_two_steps") == 0
    assert measure(joined, "X", "executors_two_steps") == 1


def test_organizer_who_recruited_one_victim_personally_is_still_organizer():
    """O also recruits V5 herself: one direct victim out of five reachable is 'rarely touches victims'."""
    extra_nodes = [Node("V5", "victim")]
    extra_edges = [Edge("O", "V5", "recruited")]
    analysis = analyze(two_cell_network(extra_nodes=extra_nodes, extra_edges=extra_edges))
    assert measure(analysis, "O", "direct_victims") == 1
    assert measure(analysis, "O", "victims_two_steps") == 5
    assert analysis.role[analysis.position("O")] == "organizer"
    assert next(analysis.rows())[0] == "O"


def test_money_without_amounts_counts_payments():
    nodes = [Node(i, "person") for i in ("A", "B", "C")]
    edges = [Edge("A", "C", "paid"), Edge("B", "C", "paid")]
    analysis = analyze(LinkGraph.build(nodes, edges))
    # C receives two payments and makes none: share 1 × 2/3; A and B only pay.
    assert analysis.components["money"][analysis.position("C")] == pytest.approx(2 / 3)
    assert analysis.components["money"][analysis.position("A")] == 0
    assert analysis.role[analysis.position("A")] == "other"  # no amounts: not enough to call A a financier


def test_financier_pays_and_touches_no_victim():
    nodes = [Node(i, "person") for i in ("F", "R")] + [Node("V", "victim")]
    edges = [Edge("F", "R", "paid", amount=500), Edge("R", "V", "recruited")]
    analysis = analyze(LinkGraph.build(nodes, edges))
    assert analysis.role[analysis.position("F")] == "financier"


def test_countries_spanned_counts_the_person_and_human_neighbours():
    nodes = [
        Node("R", "person", "UZ"),
        Node("E", "person", "KZ"),
        Node("V", "victim", "UZ"),
        Node("W", "victim", "TJ"),
        Node("P", "phone", "KZ"),  # identifiers do not count
    ]
    edges = [
        Edge("R", "V", "recruited"),
        Edge("R", "W", "recruited"),
        Edge("R", "E", "co_offended"),
        Edge("E", "P", "uses"),
    ]
    analysis = analyze(LinkGraph.build(nodes, edges))
    assert measure(analysis, "R", "countries_spanned") == 3  # UZ (own), KZ, TJ
    assert measure(analysis, "E", "countries_spanned") == 2  # KZ (own), UZ


def test_leiden_splits_two_cliques_and_the_bridge_links_one_other_community():
    """Two 5-cliques joined through B (adjacent to a1 and b1): two communities; B sits in one of them and
    links exactly the other."""
    a = [f"a{i}" for i in range(1, 6)]
    b = [f"b{i}" for i in range(1, 6)]
    nodes = [Node(i, "person") for i in [*a, *b, "B"]]
    edges = [Edge(x, y, "called") for group in (a, b) for i, x in enumerate(group) for y in group[i + 1 :]]
    edges += [Edge("B", "a1", "called"), Edge("B", "b1", "called")]
    graph = LinkGraph.build(nodes, edges)
    analysis = analyze(graph)
    community = analysis.community
    assert len({community[graph.index[x]] for x in a}) == 1
    assert len({community[graph.index[x]] for x in b}) == 1
    assert community[graph.index["a2"]] != community[graph.index["b2"]]
    assert measure(analysis, "B", "communities_linked") == 1
    assert measure(analysis, "a3", "communities_linked") == 0
    # B is the only cut vertex between the cliques: highest betweenness.
    assert measure(analysis, "B", "betweenness") == 1.0


def test_component_betweenness_exact_on_a_path_and_per_component():
    # Path 0-1-2 and, separately, star 3-(4,5,6).
    pairs = np.array([[0, 1], [1, 2], [3, 4], [3, 5], [3, 6]])
    values = component_betweenness(7, pairs)
    assert list(values) == [0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0]


def test_component_betweenness_sampled_keeps_the_star_centre_on_top():
    # Star of 300 leaves around 0 plus a 300-node path: with a tiny budget both are sampled.
    star = [[0, i] for i in range(1, 301)]
    path = [[i, i + 1] for i in range(301, 600)]
    pairs = np.array(star + path)
    values = component_betweenness(601, pairs, budget=1000, min_sources=20, seed=3)
    assert values[0] == 1.0
    assert values[1:301].max() == 0.0
    assert values[301:601].max() == 1.0
    # The middle of the path carries the most paths (exactly: i·(299−i) peaks at 150); 20 sources are noisy.
    assert np.argmax(values[301:601]) in range(60, 240)


def test_self_loops_and_duplicate_edges_are_harmless():
    nodes = [Node("A", "person"), Node("B", "person")]
    edges = [Edge("A", "A", "called"), Edge("A", "B", "called"), Edge("B", "A", "called")]
    analysis = analyze(LinkGraph.build(nodes, edges))
    assert list(analysis.degree) == [1, 1]


def test_empty_graph():
    analysis = analyze(LinkGraph.build([], []))
    assert list(analysis.rows()) == []


@pytest.mark.parametrize(
    ("nodes", "edges", "message"),
    [
        ([Node("", "person")], [], "node 1: empty id"),
        ([Node("A", "person"), Node("A", "victim")], [], "node 2: duplicate id 'A'"),
        ([Node("A", "robot")], [], "node 1: unknown type 'robot'"),
        ([Node("A", "person")], [Edge("A", "B", "called")], "edge 1: unknown node 'B'"),
        ([Node("A", "person")], [Edge("A", "A", "hugged")], "edge 1: unknown kind 'hugged'"),
        ([Node("A", "person")], [Edge("A", "A", "paid", amount=-1)], "edge 1: amount must be a non-negative number"),
    ],
)
def test_bad_input_names_the_row(nodes, edges, message):
    with pytest.raises(GraphInputError, match=message):
        LinkGraph.build(nodes, edges)


def test_precision_at_k():
    assert precision_at_k(["a", "b", "c", "d"], {"a", "c"}) == 0.5
    assert precision_at_k(["a", "c", "b"], {"a", "c"}) == 1.0
    assert precision_at_k(["a", "b", "c"], {"a", "c"}, k=3) == pytest.approx(2 / 3)
