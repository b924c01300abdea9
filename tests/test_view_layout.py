"""The precomputed layout for big graphs."""

from __future__ import annotations

import math
import time

import networkx as nx

from kg.analysis import to_networkx
from kg.view.layout import static_layout
from kg.view.sample import sample_graph


def _dist(p, q):
    return math.hypot(p[0] - q[0], p[1] - q[1])


def test_view_layout_places_every_node_finitely_and_deterministically():
    G = nx.disjoint_union_all([nx.star_graph(30), nx.path_graph(5), nx.empty_graph(4), nx.cycle_graph(8)])
    pos = static_layout(G)
    assert set(pos) == set(G)
    assert all(math.isfinite(v) for xy in pos.values() for v in xy)
    assert len({(round(x, 6), round(y, 6)) for x, y in pos.values()}) == len(G)
    assert static_layout(G) == pos


def test_view_layout_keeps_components_apart_and_leaves_near_their_hub():
    G = nx.disjoint_union(nx.star_graph(40), nx.star_graph(40))
    pos = static_layout(G)
    hub_a, hub_b = 0, 41
    assert all(_dist(pos[leaf], pos[hub_a]) < _dist(pos[leaf], pos[hub_b]) for leaf in range(1, 41))
    assert _dist(pos[hub_a], pos[hub_b]) > 2


def test_view_layout_big_core_is_fast_and_spread():
    G = to_networkx(sample_graph(3000, seed=2))
    started = time.perf_counter()
    pos = static_layout(G)
    seconds = time.perf_counter() - started
    assert len(pos) == 3000
    assert seconds < 30  # ~1 s on one free core; generous for a loaded CI machine
    # nodes are spread out: few pairs sit on top of each other
    cells = {(round(x * 4), round(y * 4)) for x, y in pos.values()}
    assert len(cells) > 0.8 * len(pos)
    # edges stay short compared with the drawing
    simple = nx.Graph(G.to_undirected())
    span = max(max(abs(x), abs(y)) for x, y in pos.values())
    median = sorted(_dist(pos[u], pos[v]) for u, v in simple.edges())[simple.number_of_edges() // 2]
    assert median < span / 5
