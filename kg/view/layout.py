"""A static layout for big graphs, computed once in Python so the page needs no physics.

Each connected component is laid out on its own and the components are packed in rows,
largest first. Within a component, leaves (entities with a single neighbour, the bulk of a news
graph) are set aside; the core is laid out force-directed — `networkx.spring_layout` for up to
`SPRING_LIMIT` nodes, a Fruchterman–Reingold variant with cut-off repulsion (a k-d tree finds
the near pairs, so a step costs O(n log n) rather than O(n²)) above — and the leaves are fanned
out around their neighbour, away from the rest of the core. Units: one ideal edge length = 1.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable

import networkx as nx
import numpy as np

SPRING_LIMIT = 400
LEAF_GAP = 0.45  # distance between neighbouring leaves on their arc
COMPONENT_GAP = 2.0

Positions = dict[Hashable, tuple[float, float]]


def static_layout(graph: nx.Graph, *, seed: int = 0, iterations: int = 50) -> Positions:
    """Positions for every node of `graph` (directed and multi-edges are treated as plain ties).

    Deterministic for a given `seed`. Roughly 1–3 s for 3,000 nodes on one core.
    """
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    components = sorted((sorted(c, key=str) for c in nx.connected_components(simple)),
                        key=lambda c: (-len(c), str(c[0])))
    laid = [_component(simple.subgraph(c), seed=seed, iterations=iterations) for c in components]
    return _pack(laid)


def _normalise(pos: dict[Hashable, np.ndarray], graph: nx.Graph) -> dict[Hashable, np.ndarray]:
    """Scale so that the median edge is 1 long, and centre on the origin."""
    lengths = [float(np.linalg.norm(pos[u] - pos[v])) for u, v in graph.edges()]
    median = float(np.median(lengths)) if lengths else 1.0
    scale = 1.0 / median if median > 1e-9 else 1.0
    centre = np.mean(np.array(list(pos.values())), axis=0)
    return {n: (p - centre) * scale for n, p in pos.items()}


def _component(graph: nx.Graph, *, seed: int, iterations: int) -> dict[Hashable, np.ndarray]:
    nodes = list(graph)
    if len(nodes) == 1:
        return {nodes[0]: np.zeros(2)}
    if len(nodes) == 2:
        return {nodes[0]: np.array([-0.5, 0.0]), nodes[1]: np.array([0.5, 0.0])}
    leaves = {n for n in nodes if graph.degree(n) == 1 and graph.degree(next(iter(graph[n]))) > 1}
    core = graph.subgraph([n for n in nodes if n not in leaves])
    if len(core) == 1:
        return _fan_leaves(graph, {next(iter(core)): np.zeros(2)}, leaves)
    if len(nodes) <= SPRING_LIMIT:
        raw = nx.spring_layout(core, seed=seed, iterations=iterations)
        pos = _normalise({n: np.asarray(p, dtype=float) for n, p in raw.items()}, core)
        return _fan_leaves(graph, pos, leaves)
    # big: a coarse start (hubs by spring_layout, the rest of the core near its neighbours,
    # leaves fanned out), then force-directed refinement of everything with cut-off repulsion
    start = _seed_positions(core, list(core), seed=seed, iterations=iterations)
    pos = _fan_leaves(graph, dict(zip(core, start, strict=True)), leaves)
    refined = _cutoff_fr(graph, np.array([pos[n] for n in nodes]), iterations=iterations)
    return _spread(dict(zip(nodes, refined, strict=True)))


def _spread(pos: dict[Hashable, np.ndarray], spacing: float = 0.6) -> dict[Hashable, np.ndarray]:
    """Scale so that the median distance to the nearest other node is `spacing`."""
    from scipy.spatial import cKDTree

    points = np.array(list(pos.values()))
    distance, _ = cKDTree(points).query(points, k=2)
    median = float(np.median(distance[:, 1]))
    scale = spacing / median if median > 1e-9 else 1.0
    centre = points.mean(axis=0)
    return {n: (p - centre) * scale for n, p in pos.items()}


def _cutoff_fr(graph: nx.Graph, pos: np.ndarray, *, iterations: int) -> np.ndarray:
    """Fruchterman–Reingold from `pos` (rows in `graph`'s node order), with repulsion only
    between nodes closer than 3 ideal lengths."""
    from scipy.spatial import cKDTree

    index = {v: i for i, v in enumerate(graph)}
    n = len(index)
    edges = np.array([(index[u], index[v]) for u, v in graph.edges()], dtype=np.int64).reshape(-1, 2)
    pos = pos.astype(float).copy()
    side = math.sqrt(n) * 1.5
    temperature = side / 20
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        disp = np.zeros((n, 2))
        pairs = cKDTree(pos).query_pairs(3.0, output_type="ndarray")
        if len(pairs):
            delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            dist2 = np.maximum((delta * delta).sum(1), 1e-6)
            force = delta / dist2[:, None]  # k² / d, along the unit vector (k = 1)
            np.add.at(disp, pairs[:, 0], force)
            np.add.at(disp, pairs[:, 1], -force)
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            dist = np.sqrt((delta * delta).sum(1))[:, None]
            pull = delta * dist  # d² / k, along the unit vector
            np.add.at(disp, edges[:, 0], -pull)
            np.add.at(disp, edges[:, 1], pull)
        disp -= pos * 0.002  # a little gravity keeps loose parts from drifting off
        length = np.maximum(np.sqrt((disp * disp).sum(1)), 1e-9)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature = max(temperature - cooling, 0.05)
    return pos


def _seed_positions(graph: nx.Graph, nodes: list, *, seed: int, iterations: int) -> np.ndarray:
    """A coarse start: the best-connected nodes by `spring_layout`, scaled to the size the
    whole core will take; every other node at the mean of its placed neighbours, plus jitter."""
    rng = np.random.default_rng(seed)
    hubs = sorted(nodes, key=lambda v: (-graph.degree(v), str(v)))[: SPRING_LIMIT // 2]
    raw = nx.spring_layout(graph.subgraph(hubs), seed=seed, iterations=iterations)
    scale = math.sqrt(len(nodes)) * 0.6
    placed = {v: np.asarray(p, dtype=float) * scale for v, p in raw.items()}
    frontier = list(hubs)
    while frontier:
        following = []
        for v in frontier:
            for w in graph[v]:
                if w not in placed:
                    near = [placed[u] for u in graph[w] if u in placed]
                    placed[w] = np.mean(near, axis=0) + rng.normal(0, 0.5, 2)
                    following.append(w)
        frontier = following
    return np.array([placed[v] for v in nodes])


def _fan_leaves(graph: nx.Graph, pos: dict[Hashable, np.ndarray], leaves: set) -> dict[Hashable, np.ndarray]:
    by_parent: dict[Hashable, list] = defaultdict(list)
    for leaf in sorted(leaves, key=str):
        by_parent[next(iter(graph[leaf]))].append(leaf)
    centre = np.mean(np.array(list(pos.values())), axis=0)
    for parent, kids in by_parent.items():
        origin = pos[parent]
        core_nbrs = [pos[v] for v in graph[parent] if v in pos]
        away = origin - (np.mean(core_nbrs, axis=0) if core_nbrs else centre)
        angle = math.atan2(away[1], away[0]) if np.linalg.norm(away) > 1e-9 else 0.0
        m = len(kids)
        arc = min(2 * math.pi, 1.2 + 0.25 * m)
        radius = max(0.8, m * LEAF_GAP / arc)
        for i, kid in enumerate(kids):
            t = angle + arc * ((i + 0.5) / m - 0.5)
            # alternate two rings for crowded fans so that labels overlap less
            r = radius * (1.0 if i % 2 == 0 or m < 12 else 1.35)
            pos[kid] = origin + r * np.array([math.cos(t), math.sin(t)])
    return pos


def _pack(components: list[dict[Hashable, np.ndarray]]) -> Positions:
    """Place the laid-out components in rows (shelves), largest first."""
    boxes = []
    for pos in components:
        pts = np.array(list(pos.values()))
        low, high = pts.min(axis=0), pts.max(axis=0)
        boxes.append((pos, low, high - low + COMPONENT_GAP))
    area = sum(float(size[0] * size[1]) for _p, _l, size in boxes)
    row_width = max(math.sqrt(area) * 1.3, float(boxes[0][2][0]) if boxes else 0.0)
    out: Positions = {}
    x = y = row_height = 0.0
    for pos, low, size in boxes:
        if x > 0 and x + size[0] > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, p in pos.items():
            q = p - low + np.array([x, y])
            out[node] = (float(q[0]), float(q[1]))
        x += float(size[0])
        row_height = max(row_height, float(size[1]))
    if out:
        xs, ys = zip(*out.values(), strict=True)
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        out = {n: (px - cx, py - cy) for n, (px, py) in out.items()}
    return out
