"""Who matters in the graph: top actors by degree and betweenness, blocs, relation counts.

`actor_report()` returns plain data (for `kg stats --actors`, notebooks, JSON);
`format_actor_report()` turns it into the text the command prints.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from kg.analysis.convert import DateLike, to_networkx
from kg.graph.namespace import CORE_RELATIONS, INTERACTIONS, STANDING_RELATIONS

#: Interactions that set actors against each other (CAMEO quad class 4: material/verbal conflict).
CONFLICT_RELATIONS = ("criticizes", "threatens", "sanctions", "attacks")
#: Relations that tie actors into one bloc for community detection.
BLOC_RELATIONS = tuple(r for r in INTERACTIONS if r not in CONFLICT_RELATIONS) + tuple(
    r for r in STANDING_RELATIONS if r not in ("borders", "locatedIn"))
#: Above this many nodes betweenness is estimated from a sample of source nodes.
EXACT_BETWEENNESS_LIMIT = 800
BETWEENNESS_SAMPLE = 400


def _entry(graph: nx.Graph, node: str, **values: Any) -> dict[str, Any]:
    data = graph.nodes[node]
    return {"id": node, "name": data.get("label") or node, "class": data.get("class"), **values}


def bloc_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected, weighted graph communities are found in: actors (not locations) tied by
    cooperative interactions and by structural relations (partOf, memberOf, leaderOf), each
    weighted by its pieces of evidence (at least 1). Conflict and borders do not make a bloc."""
    bloc = nx.Graph()
    bloc.add_nodes_from(n for n, d in graph.nodes(data=True) if d.get("class") != "Location")
    for s, o, data in graph.edges(data=True):
        if data["relation"] in BLOC_RELATIONS and s in bloc and o in bloc and s != o:
            weight = max(1, data.get("count") or 0)
            bloc.add_edge(s, o, weight=bloc.get_edge_data(s, o, {"weight": 0})["weight"] + weight)
    return bloc


def communities(graph: nx.MultiDiGraph, *, seed: int = 0) -> list[list[str]]:
    """Blocs: Louvain communities of `bloc_graph(graph)` with at least two members, largest
    first, members by degree (most connected first). Deterministic for a given seed."""
    bloc = bloc_graph(graph)
    bloc.remove_nodes_from([n for n in list(bloc) if bloc.degree(n) == 0])
    if not bloc.number_of_edges():
        return []
    found = nx.community.louvain_communities(bloc, weight="weight", seed=seed)
    ranked = [sorted(c, key=lambda n: (-graph.degree(n), graph.nodes[n].get("label") or n))
              for c in found if len(c) > 1]
    return sorted(ranked, key=lambda c: (-len(c), graph.nodes[c[0]].get("label") or c[0]))


def betweenness(graph: nx.MultiDiGraph, *, seed: int = 0) -> tuple[dict[str, float], str]:
    """Normalised betweenness centrality over the undirected simple graph of all relations,
    exact up to `EXACT_BETWEENNESS_LIMIT` nodes and sampled above; and how it was computed."""
    simple = nx.Graph(graph.to_undirected(as_view=True))
    simple.remove_edges_from(nx.selfloop_edges(simple))
    if len(simple) > EXACT_BETWEENNESS_LIMIT:
        k = BETWEENNESS_SAMPLE
        return nx.betweenness_centrality(simple, k=k, seed=seed), f"estimated from {k} sampled sources"
    return nx.betweenness_centrality(simple), "exact"


def actor_report(graph: Any, *, top: int = 10, relations: str | list[str] | None = None,
                 since: DateLike = None, until: DateLike = None,
                 min_confidence: float | None = None) -> dict[str, Any]:
    """Network analytics of the actors in a geokg graph.

    Args:
        graph: An rdflib `Graph`, a `kg.KnowledgeGraph`, or a graph from `to_networkx`.
        top: How many actors to list by degree and by betweenness.
        relations, since, until, min_confidence: Filters, as in `to_networkx` (ignored when
            `graph` is already a networkx graph).

    Returns:
        A dict: `entities`, `relations` (distinct relation triples), `evidence` (pieces of
        evidence), `classes` (entities per class), `by_relation` (list of `{relation, edges,
        evidence}` in the ontology's order, only relations that occur), `top_degree` and
        `top_betweenness` (lists of `{id, name, class, degree | betweenness}`), `communities`
        (lists of `{size, members: [{id, name, class}]}`) and `method` (how each figure was
        computed).

    Example:
        >>> print(format_actor_report(actor_report(rdflib.Graph().parse("out/graph.ttl"))))
    """
    G = graph if isinstance(graph, nx.Graph) else to_networkx(
        graph, relations=relations, since=since, until=until, min_confidence=min_confidence)
    edges = Counter(d["relation"] for _s, _o, d in G.edges(data=True))
    evidence = Counter()
    for _s, _o, d in G.edges(data=True):
        evidence[d["relation"]] += d.get("count") or 0
    by_degree = sorted((n for n in G if G.degree(n) > 0),
                       key=lambda n: (-G.degree(n), G.nodes[n].get("label") or n))
    scores, how = betweenness(G)
    by_between = sorted((n for n, v in scores.items() if v > 0),
                        key=lambda n: (-scores[n], G.nodes[n].get("label") or n))
    blocs = communities(G)
    return {
        "entities": G.number_of_nodes(),
        "relations": G.number_of_edges(),
        "evidence": sum(evidence.values()),
        "classes": dict(sorted(Counter(d.get("class") or "Other" for _n, d in G.nodes(data=True)).items())),
        "by_relation": [{"relation": r, "edges": edges[r], "evidence": evidence[r]}
                        for r in CORE_RELATIONS if edges[r]],
        "top_degree": [_entry(G, n, degree=G.degree(n)) for n in by_degree[:top]],
        "top_betweenness": [_entry(G, n, betweenness=round(scores[n], 4)) for n in by_between[:top]],
        "communities": [{"size": len(c), "members": [_entry(G, n) for n in c]} for c in blocs],
        "method": {"degree": "relations (distinct relation triples) touching the actor",
                   "betweenness": how,
                   "communities": "Louvain (seed 0) over cooperative interactions and "
                                  "partOf/memberOf/leaderOf ties, weighted by evidence"},
    }


def _name(entry: dict[str, Any]) -> str:
    return f"{entry['name']} ({entry['class']})" if entry.get("class") else entry["name"]


def format_actor_report(report: dict[str, Any], *, width: int = 100, members: int = 8) -> str:
    """The report of `actor_report()` as aligned plain text (what `kg stats --actors` prints)."""
    lines = [f"{report['entities']} entities, {report['relations']} relations, "
             f"{report['evidence']} pieces of evidence"]
    if report["classes"]:
        lines.append("  " + ", ".join(f"{cls} {n}" for cls, n in report["classes"].items()))
    lines += ["", f"{'relation':<22}{'edges':>7}{'evidence':>10}"]
    lines += [f"{row['relation']:<22}{row['edges']:>7}{row['evidence']:>10}" for row in report["by_relation"]]
    if not report["by_relation"]:
        lines.append("(no relations)")
    for title, key, fmt in (("Top actors by degree", "degree", "{:>6}"),
                            (f"Top actors by betweenness ({report['method']['betweenness']})",
                             "betweenness", "{:>8.4f}")):
        lines += ["", title]
        rows = report[f"top_{key}"]
        if not rows:
            lines.append("  (none)")
        size = max((len(_name(r)) for r in rows), default=0)
        for i, row in enumerate(rows, 1):
            lines.append(f"{i:>3}. {_name(row):<{size}}  " + fmt.format(row[key]))
    lines += ["", "Blocs (communities)"]
    if not report["communities"]:
        lines.append("  (none: no cooperative or structural ties)")
    for i, bloc in enumerate(report["communities"], 1):
        names = [m["name"] for m in bloc["members"][:members]]
        more = bloc["size"] - len(names)
        text = ", ".join(names) + (f", … (+{more})" if more > 0 else "")
        lines.append(_clip(f"{i:>3}. [{bloc['size']}] {text}", width))
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
