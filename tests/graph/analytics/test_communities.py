"""Communities: found where they are, not invented where they are not, stable in id."""

from __future__ import annotations

import math
import random
from collections import Counter

import networkx as nx
import pytest

from graph.analytics.communities import Communities, find_communities
from graph.store_results import ClusterMethod


def nmi(truth: dict[str, int], found: dict[str, int]) -> float:
    """Normalised mutual information of two labellings of the same nodes (arithmetic mean)."""
    nodes = sorted(truth)
    n = len(nodes)
    a, b = Counter(truth[v] for v in nodes), Counter(found.get(v, -1) for v in nodes)
    joint = Counter((truth[v], found.get(v, -1)) for v in nodes)
    mutual = sum(c / n * math.log(c * n / (a[x] * b[y])) for (x, y), c in joint.items())
    entropy = [-sum(c / n * math.log(c / n) for c in counts.values()) for counts in (a, b)]
    return 2 * mutual / (entropy[0] + entropy[1]) if sum(entropy) else 1.0


def planted(groups: int, size: int, p_in: float, p_out: float, seed: int) -> tuple[nx.Graph, dict[str, int]]:
    graph = nx.planted_partition_graph(groups, size, p_in, p_out, seed=seed)
    graph = nx.relabel_nodes(graph, {v: f"a{v:04d}" for v in graph})
    nx.set_edge_attributes(graph, 1.0, "weight")
    return graph, {f"a{v:04d}": v // size for v in range(groups * size)}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_planted_communities_are_found(seed: int) -> None:
    graph, truth = planted(6, 30, 0.4, 0.01, seed)
    found = find_communities(graph)
    assert nmi(truth, found.membership) >= 0.9
    assert found.strong and found.modularity > 0.5
    assert [c.id for c in found.items] == list(range(1, len(found.items) + 1))


def test_a_graph_without_structure_is_not_called_clustered() -> None:
    graph = nx.relabel_nodes(nx.gnp_random_graph(150, 0.2, seed=4), str)
    nx.set_edge_attributes(graph, 1.0, "weight")
    found = find_communities(graph)
    assert not found.strong
    assert found.modularity < 0.3


def test_the_same_graph_gives_the_same_communities_whatever_its_order() -> None:
    graph, _ = planted(5, 20, 0.3, 0.02, 7)
    edges = list(graph.edges(data=True))
    random.Random(1).shuffle(edges)
    shuffled = nx.Graph()
    shuffled.add_edges_from(edges)
    assert find_communities(graph) == find_communities(shuffled)


def test_weights_decide_where_an_actor_belongs() -> None:
    graph = nx.Graph()
    for group in ("abcd", "wxyz"):
        graph.add_weighted_edges_from((x, y, 1.0) for x in group for y in group if x < y)
    graph.add_edge("m", "a", weight=0.2)
    graph.add_edge("m", "w", weight=3.0)  # m works mostly with the second group
    found = find_communities(graph)
    assert found.of("m") == found.of("w") != found.of("a")


def test_one_added_tie_does_not_renumber_unrelated_communities() -> None:
    graph, _ = planted(6, 25, 0.4, 0.01, 11)
    before = find_communities(graph)
    first, second = before.items[0].members[0], before.items[0].members[-1]
    graph.add_edge(first, second, weight=1.0)
    after = find_communities(graph, previous=before)
    assert {c.members: c.id for c in after.items if first not in c.members} == {
        c.members: c.id for c in before.items if first not in c.members}
    assert after.of(first) == before.of(first)


def test_a_merge_keeps_the_bigger_ones_id_and_a_new_group_takes_a_fresh_id() -> None:
    graph = nx.Graph()
    cliques = {"big": [f"b{i}" for i in range(8)], "small": [f"s{i}" for i in range(4)], "other": [f"o{i}" for i in range(6)]}
    for members in cliques.values():
        graph.add_weighted_edges_from((x, y, 1.0) for x in members for y in members if x < y)
    graph.add_edge("b0", "o0", weight=0.1)
    graph.add_edge("s0", "o1", weight=0.1)
    before = find_communities(graph)
    big, small, other = (before.of(m[0]) for m in cliques.values())
    assert len({big, small, other}) == 3
    graph.add_weighted_edges_from((s, b, 2.0) for s in cliques["small"] for b in cliques["big"])  # small joins big
    graph.add_weighted_edges_from((x, y, 1.0) for x in ("n0", "n1", "n2") for y in ("n0", "n1", "n2") if x < y)
    after = find_communities(graph, previous=before)
    assert after.of("s0") == after.of("b0") == big
    assert after.of("o0") == other
    assert after.of("n0") == before.next_id  # new; the retired id is not reused
    assert small not in {c.id for c in after.items}


def test_isolated_actors_and_empty_graphs_have_no_community() -> None:
    graph = nx.Graph()
    graph.add_node("alone")
    found = find_communities(graph)
    assert (found.items, found.modularity, found.of("alone")) == ((), 0.0, None)
    with pytest.raises(ValueError, match="resolution"):
        find_communities(graph, resolution=0)


def test_a_higher_resolution_finds_smaller_communities() -> None:
    graph, _ = planted(8, 15, 0.5, 0.03, 5)
    coarse, fine = find_communities(graph, resolution=0.3), find_communities(graph, resolution=3.0)
    assert len(coarse.items) < len(fine.items)
    assert isinstance(coarse, Communities)


def test_large_graphs_use_igraph_with_the_same_quality_and_determinism(monkeypatch: pytest.MonkeyPatch) -> None:
    from graph.analytics import communities as module

    graph, truth = planted(6, 30, 0.4, 0.01, 9)
    plain = find_communities(graph)
    monkeypatch.setattr(module, "ACCELERATE_ABOVE", 10)
    accelerated = find_communities(graph)
    assert nmi(truth, accelerated.membership) >= 0.9
    assert accelerated.modularity == pytest.approx(plain.modularity, abs=0.02)
    assert find_communities(graph) == accelerated  # seeded: the same answer again
    before = accelerated
    first, second = before.items[0].members[0], before.items[0].members[-1]
    graph.add_edge(first, second, weight=1.0)
    after = find_communities(graph, previous=before)
    assert {c.members: c.id for c in after.items if first not in c.members} == {
        c.members: c.id for c in before.items if first not in c.members}



@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> nx.Graph:
    """A synthetic funder's register, imported and projected: thousands of small projects."""
    from bench.generate import FUNDER, generate
    from graph.sqlite_store import SQLiteStore
    from graph.ties import to_networkx
    from ingest.importer import ImportOptions, run_import

    folder = tmp_path_factory.mktemp("register")
    made = generate(12_000, folder, actors=3_000, shape=FUNDER)
    store = SQLiteStore(folder / "s.db")
    store.open()
    run_import(store, [made.actors, made.initiatives, made.participation], ImportOptions())
    graph = to_networkx(store.tie_table())
    store.close()
    return graph


@pytest.mark.parametrize("resolution", [0.5, 1.0, 2.0])
def test_leiden_is_at_least_as_modular_as_louvain_and_keeps_each_cluster_connected(
    resolution: float, register: nx.Graph
) -> None:
    for graph in (planted(6, 30, 0.3, 0.02, 5)[0], register):
        louvain = find_communities(graph, resolution=resolution)
        leiden = find_communities(graph, resolution=resolution, method=ClusterMethod.LEIDEN)
        assert leiden.modularity >= louvain.modularity - 1e-9
        assert find_communities(graph, resolution=resolution, method=ClusterMethod.LEIDEN) == leiden  # seeded
        for community in leiden.items:  # Leiden's guarantee: no cluster falls apart inside
            assert nx.is_connected(graph.subgraph(community.members))
