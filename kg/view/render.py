"""The HTML graph view: pyvis builds the network, our own template writes a self-contained page.

The page works offline: vis-network's script and stylesheet (shipped inside the pyvis package)
are inlined, and nothing is fetched. Every string that comes from an article reaches the page
as JSON data and is shown as text (vis-network sets string titles with `innerText`), never as
markup; the JSON is escaped so that no `</script>` in an entity name can end the script.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from pyvis.network import Network
from rdflib import RDF, RDFS, Graph, URIRef

from kg.export.serialize import write_atomic
from kg.graph.namespace import CORE_RELATIONS, GEO, SYMMETRIC_RELATIONS

CLASS_STYLE = {
    "Country": ("#e15759", "dot"), "Person": ("#4e79a7", "dot"),
    "GovernmentBody": ("#f28e2b", "square"), "ArmedForce": ("#59a14f", "triangle"),
    "InternationalOrganization": ("#b07aa1", "diamond"), "Organization": ("#9c755f", "square"),
    "Location": ("#76b7b2", "star"),
}
_TEMPLATE = Path(__file__).with_name("template.html")
_MARKER = re.compile(r"/\*(GRAPH_DATA|VIS_CSS|VIS_JS)\*/")


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    lib = files("pyvis") / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), \
        (lib / "vis-network.css").read_text(encoding="utf-8")


def to_network(graph: Graph) -> Network:
    """A pyvis `Network` of the entities and core relations in `graph`."""
    net = Network(directed=True)
    classes = {o.split("#")[-1] for o in graph.objects(None, RDF.type) if str(o).startswith(str(GEO))}
    node_class: dict[URIRef, str] = {}
    for s, o in graph.subject_objects(RDF.type):
        name = str(o).split("#")[-1]
        if str(o).startswith(str(GEO)) and name in CLASS_STYLE and name in classes:
            node_class[s] = name
    degree: dict[URIRef, int] = {}
    edges = []
    for rel in CORE_RELATIONS:
        for s, o in graph.subject_objects(GEO[rel]):
            if s in node_class and o in node_class:
                edges.append((s, rel, o))
                degree[s] = degree.get(s, 0) + 1
                degree[o] = degree.get(o, 0) + 1
    for node, cls in sorted(node_class.items()):
        label = str(graph.value(node, RDFS.label) or node.split("/")[-1])
        color, shape = CLASS_STYLE[cls]
        net.add_node(str(node), label=label, title=f"{label}\n{cls}", color=color, shape=shape,
                     size=12 + 4 * min(degree.get(node, 0), 10), group=cls)
    for s, rel, o in sorted(edges):
        net.add_edge(str(s), str(o), label=rel, title=rel,
                     arrows="" if rel in SYMMETRIC_RELATIONS else "to")
    return net


def _json_for_script(value: object) -> str:
    return (json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render(graph: Graph, *, title: str = "geokg graph") -> str:
    """The view of `graph` as one self-contained HTML page (a string)."""
    net = to_network(graph)
    nodes, edges, *_ = net.get_network_data()
    script, css = _vis_assets()
    legend = [{"cls": cls, "color": color} for cls, (color, _shape) in CLASS_STYLE.items()]
    data = {"nodes": nodes, "edges": edges, "legend": legend, "title": title}
    parts = {"GRAPH_DATA": _json_for_script(data), "VIS_CSS": css,
             "VIS_JS": script.replace("</script", "<\\/script")}
    # one pass, so that nothing inserted (e.g. an entity named "/*VIS_JS*/") is substituted again
    return _MARKER.sub(lambda m: parts[m.group(1)], _TEMPLATE.read_text(encoding="utf-8"))


def write_view(graph: Graph, path: str | os.PathLike[str], *, title: str = "geokg graph") -> Path:
    """Write the view of `graph` to `path` (atomically) and return the path."""
    return write_atomic(Path(path), render(graph, title=title).encode("utf-8"))
