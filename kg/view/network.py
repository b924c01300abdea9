"""A networkx graph from `kg.analysis.to_networkx` → a pyvis `Network` ready for our page.

Nodes and edges carry, besides vis-network's drawing options, the data the page turns into
tooltips and the details panel (names, class, Wikidata item, evidence). That data is plain
JSON and the page only ever sets it as text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
from pyvis.network import Network

from kg.view.style import OTHER_CLASS, RELATION_STYLE, class_style, edge_width, node_size

LABEL_MAX = 40  # characters of a name drawn on the canvas (the tooltip has it all)
MAX_EVIDENCE = 25  # pieces of evidence per edge carried into the page
UNIT = 140.0  # pixels per ideal edge length of a precomputed layout
_WIKIDATA_OK = re.compile(r"^https?://www\.wikidata\.org/entity/Q[0-9]+$")


class _Ids(list):
    """pyvis keeps node ids in a list and tests membership for every node and edge it adds
    (quadratic on big graphs); this list answers `in` from a set."""

    def __init__(self) -> None:
        super().__init__()
        self._seen: set[Any] = set()

    def append(self, value: Any) -> None:  # noqa: D102
        self._seen.add(value)
        super().append(value)

    def __contains__(self, value: object) -> bool:
        return value in self._seen


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1].rstrip() + "\u2026"


def _iso(value: Any) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else (str(value) if value else None)


def _evidence(items: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{"sentence": ev.get("sentence") or "", "title": ev.get("title"), "outlet": ev.get("outlet"),
             "source": ev.get("source"), "date": _iso(ev.get("date")), "published": _iso(ev.get("published")),
             "confidence": ev.get("confidence"), "rule": ev.get("rule"), "cameo": ev.get("cameo")}
            for ev in items]


def _smooth(index: int) -> dict[str, Any] | bool:
    """Parallel edges between one pair: the first straight, the others curved apart."""
    if index == 0:
        return False
    return {"enabled": True, "type": "curvedCW" if index % 2 else "curvedCCW",
            "roundness": round(0.2 * ((index + 1) // 2), 2)}


def to_network(graph: nx.MultiDiGraph, *, positions: Mapping[Any, tuple[float, float]] | None = None,
               focus: Iterable[str] = (), scaled_labels: bool = False) -> Network:
    """The pyvis `Network` of a graph from `to_networkx` (or `ego_network`).

    Args:
        graph: Nodes with label/class/names/wikidata/documents, edges with relation/evidence.
        positions: Fixed node positions (ideal edge length = 1); None lets the page's physics place them.
        focus: Nodes to emphasise (the entities a view is centred on).
        scaled_labels: Give each node a `value` (√degree) instead of a size, from which the page
            scales node and label (for big graphs: zoomed out, only the hubs' names are drawn).
    """
    net = Network(directed=True)
    net.node_ids = _Ids()
    focus = set(focus)
    for node, data in graph.nodes(data=True):
        cls = data.get("class") or OTHER_CLASS
        colour, shape = class_style(data.get("class"))
        name = data.get("label") or str(node)
        wikidata = data.get("wikidata") if _WIKIDATA_OK.match(data.get("wikidata") or "") else None
        extra: dict[str, Any] = {}
        if positions is not None:
            x, y = positions[node]
            extra.update(x=round(x * UNIT, 1), y=round(y * UNIT, 1))
        if scaled_labels:  # the page scales node and label by `value` (see view.js)
            extra["value"] = round(graph.degree(node) ** 0.5, 3)
        else:
            extra["size"] = node_size(graph.degree(node))
        if node in focus:
            extra["borderWidth"] = 4
            if not scaled_labels:
                extra["font"] = {"size": 18}
        net.add_node(str(node), label=_short(name), shape=shape,
                     color={"background": colour, "border": "#222222" if node in focus else colour,
                            "highlight": {"background": colour, "border": "#000000"},
                            "hover": {"background": colour, "border": "#000000"}},
                     name=name, cls=cls, names=list(data.get("names") or []), wikidata=wikidata,
                     docs=data.get("documents") or 0, **extra)
    pairs: dict[frozenset, int] = defaultdict(int)
    for i, (s, o, data) in enumerate(graph.edges(data=True)):
        rel = data["relation"]
        colour, dashed = RELATION_STYLE.get(rel, ("#8c8c8c", False))
        pair = frozenset((s, o))
        index, pairs[pair] = pairs[pair], pairs[pair] + 1
        evidence = list(data.get("evidence") or [])
        net.add_edge(str(s), str(o), id=f"e{i}", label=rel, rel=rel,
                     arrows="" if data.get("symmetric") else "to", dashes=dashed,
                     color={"color": colour, "highlight": "#000000", "hover": "#000000", "opacity": 0.85},
                     width=edge_width(len(evidence)), smooth=_smooth(index),
                     n=len(evidence), ev=_evidence(evidence[:MAX_EVIDENCE]),
                     date=_iso(data.get("date")), confidence=data.get("confidence"))
    return net
