"""The HTML view: offline, and article text shown as text."""

from __future__ import annotations

import json
import re

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.graph.namespace import GEO
from kg.view.render import render

BASE = "https://geokg.org/id/"


def _data(html: str) -> dict:
    raw = html.split('<script id="graph-data" type="application/json">', 1)[1].split("</script>", 1)[0]
    return json.loads(raw)


def _graph(name: str) -> Graph:
    g = Graph()
    a, b = URIRef(BASE + "a"), URIRef(BASE + "b")
    g.add((a, RDF.type, GEO.Country))
    g.add((a, RDFS.label, Literal(name, lang="en")))
    g.add((b, RDF.type, GEO.Person))
    g.add((b, RDFS.label, Literal("Plain Person", lang="en")))
    g.add((b, GEO.leaderOf, a))
    g.add((a, GEO.borders, b))
    return g


def test_view_render_is_offline():
    html = render(_graph("Ruritania"))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html
    assert "vis-network" in html or "vis.Network" in html


def test_view_render_hostile_names_stay_data():
    hostile = "</script><img src=x onerror=alert(1)> href /*VIS_JS*/"
    html = render(_graph(hostile))
    assert "</script><img" not in html
    assert "<img src=x" not in html
    parsed = _data(html)
    assert hostile in [n["label"] for n in parsed["nodes"]]


def test_view_render_nodes_and_edges():
    html = render(_graph("Ruritania"))
    data = _data(html)
    assert len(data["nodes"]) == 2
    labels = sorted(e["label"] for e in data["edges"])
    assert labels == ["borders", "leaderOf"]
    arrows = {e["label"]: e.get("arrows") for e in data["edges"]}
    assert arrows["leaderOf"] == "to" and not arrows["borders"]
