"""The HTML graph view: pyvis builds the network, our own template writes a self-contained page.

The page works offline: vis-network's script and stylesheet (shipped inside the pyvis package)
are inlined with our own script and style, and nothing is fetched (a Content-Security-Policy
forbids it too). Every string that comes from an article reaches the page as JSON data and is
shown as text (tooltips and the details panel are built with `textContent`), never as markup;
the JSON is escaped so that no `</script>` in an entity name can end the script.

Small graphs are arranged by vis-network's physics for a bounded number of iterations, then
frozen; above `PHYSICS_LIMIT` nodes the layout is computed here (`kg.view.layout`) and the
page starts with physics off, so that it is interactive at once.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import networkx as nx

from kg.analysis.convert import DateLike, to_networkx
from kg.analysis.select import ego_network
from kg.export.serialize import write_atomic
from kg.graph.namespace import CORE_RELATIONS, SYMMETRIC_RELATIONS
from kg.view.layout import static_layout
from kg.view.network import to_network
from kg.view.style import RELATION_STYLE, legend

PHYSICS_LIMIT = 400  # nodes; above it the layout is precomputed and physics is off
STABILIZE_ITERATIONS = 250  # at most, for graphs at or below the limit
_HERE = Path(__file__).parent
_MARKER = re.compile(r"/\*(GRAPH_DATA|VIS_CSS|VIS_JS|VIEW_CSS|VIEW_JS)\*/")

__all__ = ["PHYSICS_LIMIT", "ViewResult", "build_view", "prepare", "render", "show", "to_network",
           "write_view"]


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    lib = files("pyvis") / "lib" / "vis-9.1.2"
    return {"VIS_JS": (lib / "vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script"),
            "VIS_CSS": (lib / "vis-network.css").read_text(encoding="utf-8"),
            "VIEW_JS": (_HERE / "view.js").read_text(encoding="utf-8"),
            "VIEW_CSS": (_HERE / "view.css").read_text(encoding="utf-8"),
            "TEMPLATE": (_HERE / "template.html").read_text(encoding="utf-8")}


def _json_for_script(value: object) -> str:
    return (json.dumps(value, ensure_ascii=False, allow_nan=False).replace("<", "\\u003c")
            .replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028")
            .replace("\u2029", "\\u2029"))


def prepare(graph: Any, *, focus: str | list[str] | tuple[str, ...] | None = None, depth: int = 1,
            relations: str | list[str] | None = None, since: DateLike = None, until: DateLike = None,
            min_confidence: float | None = None) -> nx.MultiDiGraph:
    """The graph a view shows: `graph` filtered, and cut to the ego network of `focus`.

    Without any filter every entity is shown; with a relation, date or confidence filter only
    the entities that keep a relation are (and the focus entities, always).

    Args:
        graph: An rdflib `Graph`, a `kg.KnowledgeGraph`, or a graph from `kg.analysis.to_networkx`
            (used as it is: the filters then do not apply).
        focus: One or more entity names (label or any other name, case- and accent-insensitive).
        depth: Relation steps around the focus entities.
        relations, since, until, min_confidence: As in `kg.analysis.to_networkx`.

    Raises:
        ConfigError: An unknown or ambiguous name (with close matches), or a bad filter value.
    """
    filtered = False
    if isinstance(graph, nx.MultiDiGraph):
        shown = graph
    else:
        shown = to_networkx(graph, relations=relations, since=since, until=until,
                            min_confidence=min_confidence)
        filtered = any(v not in (None, "") for v in (relations, since, until, min_confidence))
    centres: list[str] = []
    if focus:
        shown = ego_network(shown, focus, depth=depth)
        centres = shown.graph["focus_nodes"]
    if filtered:
        shown = shown.subgraph([n for n in shown if shown.degree(n) or n in centres]).copy()
    shown.graph["focus_nodes"] = centres
    return shown


def _subtitle(graph: nx.MultiDiGraph, *, depth: int | None) -> str:
    parts = []
    if graph.graph.get("focus"):
        parts.append(f"around {', '.join(graph.graph['focus'])} (depth {graph.graph.get('depth', depth)})")
    flt = graph.graph.get("filters") or {}
    if flt.get("relations"):
        parts.append("relations: " + ", ".join(flt["relations"]))
    if flt.get("since") or flt.get("until"):
        parts.append(f"dated {flt.get('since') or '…'} to {flt.get('until') or '…'}")
    if flt.get("min_confidence") is not None:
        parts.append(f"confidence \u2265 {flt['min_confidence']}")
    return "; ".join(parts)


def page_data(graph: nx.MultiDiGraph, *, title: str = "geokg graph", physics_limit: int = PHYSICS_LIMIT,
              seed: int = 0) -> dict[str, Any]:
    """The JSON the page is built from: nodes and edges (via pyvis), legend, counts, layout mode."""
    static = graph.number_of_nodes() > physics_limit
    positions = static_layout(graph, seed=seed) if static else None
    net = to_network(graph, positions=positions, focus=graph.graph.get("focus_nodes") or (),
                     scaled_labels=static)
    nodes, edges, *_ = net.get_network_data()
    rel_counts = Counter(e["rel"] for e in edges)
    relations = [{"relation": r, "count": rel_counts[r], "color": RELATION_STYLE[r][0],
                  "dashed": RELATION_STYLE[r][1], "symmetric": r in SYMMETRIC_RELATIONS}
                 for r in CORE_RELATIONS if rel_counts[r]]
    return {"title": title, "subtitle": _subtitle(graph, depth=None),
            "counts": {"entities": len(nodes), "relations": len(edges), "evidence": sum(e["n"] for e in edges)},
            "layout": "static" if static else "physics", "stabilize": STABILIZE_ITERATIONS,
            "nodes": nodes, "edges": edges, "relations": relations,
            "legend": legend({n["cls"] for n in nodes}, set(rel_counts))}


def _page(data: dict[str, Any]) -> str:
    parts = {"GRAPH_DATA": _json_for_script(data), **_assets()}
    # one pass, so that nothing inserted (e.g. an entity named "/*VIS_JS*/") is substituted again
    page = _MARKER.sub(lambda m: parts[m.group(1)], parts["TEMPLATE"])
    return page.replace("<title>geokg graph</title>", f"<title>{html.escape(data['title'])}</title>", 1)


def render(graph: Any, *, title: str = "geokg graph", physics_limit: int = PHYSICS_LIMIT, seed: int = 0,
           **options: Any) -> str:
    """The view of `graph` as one self-contained HTML page (a string).

    Args:
        graph: An rdflib `Graph`, a `kg.KnowledgeGraph`, or a networkx graph from `to_networkx`.
        title: The page's title.
        physics_limit: Above this many nodes the layout is precomputed and physics is off.
        seed: Seed of the precomputed layout.
        **options: `focus`, `depth`, `relations`, `since`, `until`, `min_confidence` (see `prepare`).
    """
    return _page(page_data(prepare(graph, **options), title=title, physics_limit=physics_limit, seed=seed))


@dataclass(frozen=True)
class ViewResult:
    """What `build_view` wrote."""

    path: Path
    entities: int
    relations: int
    evidence: int
    layout: str  # "physics" or "static"
    subtitle: str


def build_view(graph: Any, path: str | os.PathLike[str], *, title: str = "geokg graph",
               physics_limit: int = PHYSICS_LIMIT, seed: int = 0, **options: Any) -> ViewResult:
    """Write the view of `graph` to `path` (atomically) and say what it holds.

    Takes the same options as `render`.
    """
    data = page_data(prepare(graph, **options), title=title, physics_limit=physics_limit, seed=seed)
    written = write_atomic(Path(path), _page(data).encode("utf-8"))
    counts = data["counts"]
    return ViewResult(path=written, entities=counts["entities"], relations=counts["relations"],
                      evidence=counts["evidence"], layout=data["layout"], subtitle=data["subtitle"])


def write_view(graph: Any, path: str | os.PathLike[str], *, title: str = "geokg graph", **options: Any) -> Path:
    """Write the view of `graph` to `path` (atomically) and return the path.

    Takes the same keyword options as `render` (focus, depth, relations, since, until,
    min_confidence, physics_limit, seed).
    """
    return build_view(graph, path, title=title, **options).path


class NotebookView:
    """A view for Jupyter: shown inline as a sandboxed `<iframe srcdoc=…>` (works offline,
    and the page's script and style cannot touch the notebook)."""

    def __init__(self, page: str, *, height: int = 600) -> None:
        self.page = page
        self.height = height

    def _repr_html_(self) -> str:
        return (f'<iframe sandbox="allow-scripts allow-popups" srcdoc="{html.escape(self.page, quote=True)}" '
                f'style="width: 100%; height: {int(self.height)}px; border: 1px solid #ddd;"></iframe>')

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to a file."""
        return write_atomic(Path(path), self.page.encode("utf-8"))


def show(graph: Any, *, height: int = 600, title: str = "geokg graph", **options: Any) -> NotebookView:
    """The view of `graph` for a notebook cell (same options as `render`).

    Example:
        >>> from kg.view import show
        >>> show(kg.build_graph(["examples"]).union(), focus="Algeria", depth=2)
    """
    return NotebookView(render(graph, title=title, **options), height=height)
