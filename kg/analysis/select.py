"""Finding entities by any of their names, and ego networks around them."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from kg.analysis.messages import AnalysisErrors
from kg.errors import ConfigError
from kg.resolve.gazetteer import normalize

MAX_DEPTH = 10


def _index(graph: nx.Graph) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    labels: dict[str, set[str]] = defaultdict(set)
    aliases: dict[str, set[str]] = defaultdict(set)
    for node, data in graph.nodes(data=True):
        labels[normalize(data.get("label") or str(node))].add(node)
        for name in data.get("names") or ():
            aliases[normalize(name)].add(node)
    return labels, aliases


def _display(graph: nx.Graph, node: str) -> str:
    data = graph.nodes[node]
    label = data.get("label") or node
    return f"{label} ({data['class']})" if data.get("class") else label


def find_entity(graph: nx.Graph, name: str) -> str:
    """The node of the entity called `name`: its label or any other name (`skos:altLabel`),
    compared without case, accents, curly quotes or a leading "the"; or its IRI.

    A label wins over another entity's alternative name.

    Raises:
        ConfigError: No entity has that name (the message lists close matches), or several do.
    """
    if name in graph:
        return name
    key = normalize(name)
    labels, aliases = _index(graph)
    for table in (labels, aliases):
        nodes = table.get(key, set())
        if len(nodes) == 1:
            return next(iter(nodes))
        if len(nodes) > 1:
            ranked = sorted(nodes, key=lambda n: (-graph.degree(n), str(n)))
            choices = ", ".join(_display(graph, n) for n in ranked[:8])
            raise ConfigError(AnalysisErrors.E074.format(
                name=name, count=len(nodes), choices=choices,
                example=graph.nodes[ranked[0]].get("label") or ranked[0]))
    raise ConfigError(AnalysisErrors.E073.format(name=name, hint=_hint(graph, key, labels, aliases)))


def close_matches(graph: nx.Graph, name: str, *, limit: int = 6) -> list[str]:
    """Labels of the entities whose names look most like `name` (best first)."""
    labels, aliases = _index(graph)
    return _close(graph, normalize(name), labels, aliases, limit)


def _close(graph: nx.Graph, key: str, labels: dict[str, set[str]], aliases: dict[str, set[str]],
           limit: int) -> list[str]:
    table: dict[str, set[str]] = defaultdict(set)
    for source in (labels, aliases):
        for k, nodes in source.items():
            table[k] |= nodes
    keys = difflib.get_close_matches(key, list(table), n=limit * 2, cutoff=0.75)
    if len(key) >= 3:
        keys += sorted((k for k in table if key in k and k not in keys), key=len)
    found: list[str] = []
    for k in keys:
        for node in sorted(table[k], key=lambda n: (-graph.degree(n), str(n))):
            label = graph.nodes[node].get("label") or node
            if label not in found:
                found.append(label)
    return found[:limit]


def _hint(graph: nx.Graph, key: str, labels: dict[str, set[str]], aliases: dict[str, set[str]]) -> str:
    found = _close(graph, key, labels, aliases, 6)
    if found:
        return "; close matches: " + ", ".join(found) + "."
    if not len(graph):
        return ": the graph has no entities (are the filters too strict?)."
    return (f"; no close match among {len(graph)} entities. Run `kg view` without --focus to "
            "see them all.")


def ego_network(graph: nx.MultiDiGraph, names: str | Iterable[str], *, depth: int = 1) -> nx.MultiDiGraph:
    """The entities within `depth` relations (in either direction) of the named entities, and
    every relation among them.

    Args:
        graph: A graph from `to_networkx`.
        names: One name or several (the union of their neighbourhoods is kept).
        depth: How many relation steps out from each named entity (0 = the entity alone).

    Raises:
        ConfigError: An unknown or ambiguous name, or a depth outside 0–10.
    """
    if isinstance(names, str):
        names = [names]
    if isinstance(depth, bool) or not isinstance(depth, int) or not 0 <= depth <= MAX_DEPTH:
        raise ConfigError(AnalysisErrors.E075.format(value=depth))
    centres = [find_entity(graph, name) for name in names]
    undirected = graph.to_undirected(as_view=True)
    keep: set[str] = set()
    for centre in centres:
        keep |= set(nx.single_source_shortest_path_length(undirected, centre, cutoff=depth))
    sub = graph.subgraph(keep).copy()
    sub.graph["focus"] = [graph.nodes[c].get("label") or c for c in centres]
    sub.graph["focus_nodes"] = centres
    sub.graph["depth"] = depth
    return sub
