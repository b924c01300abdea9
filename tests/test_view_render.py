"""The HTML view: offline, article text shown as text, the data the page needs, big-graph mode."""

from __future__ import annotations

import html as htmllib
import json
import re

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.graph.namespace import GEO
from kg.view import render, show, write_view
from kg.view.render import build_view, page_data, prepare
from kg.view.sample import crisis_graph, hostile_graph, sample_graph

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


@pytest.fixture(scope="module")
def crisis() -> Graph:
    return crisis_graph()


def test_view_render_is_offline():
    html = render(_graph("Ruritania"))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html and "url(http" not in html
    assert "vis.Network" in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    # no CDN reference (pyvis' own templates load Bootstrap and vis-network from CDNs)
    assert "cdnjs.cloudflare.com" not in html and "jsdelivr" not in html and "unpkg" not in html


def test_view_render_hostile_names_stay_data():
    hostile = "</script><img src=x onerror=alert(1)> href /*VIS_JS*/"
    html = render(_graph(hostile))
    assert "</script><img" not in html
    assert "<img src=x" not in html
    parsed = _data(html)
    assert hostile in [n["name"] for n in parsed["nodes"]]
    assert len(html) < len(render(_graph("x"))) + 1000  # the marker in the name was not substituted


def test_view_render_hostile_graph_has_no_markup_outside_json():
    graph, name, sentence = hostile_graph()
    html = render(graph, title="<b>title</b>")
    plain = render(_graph("x"))
    for markup in ("<img", "<a href", "<b>", "<script>alert", "<i>"):
        assert html.count(markup) == plain.count(markup)  # (vis-network's own code mentions "<b>")
    data = _data(html)
    assert name in [n["name"] for n in data["nodes"]]
    assert data["edges"][0]["ev"][0]["sentence"] == sentence
    # a javascript: owl:sameAs is not a Wikidata link
    assert all(n["wikidata"] is None for n in data["nodes"])
    # the page's own script only sets text: no innerHTML / outerHTML / insertAdjacentHTML / eval
    script = html.rsplit("<script>", 1)[1]
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function", script)


def test_view_render_nodes_and_edges():
    data = _data(render(_graph("Ruritania")))
    assert len(data["nodes"]) == 2
    labels = sorted(e["label"] for e in data["edges"])
    assert labels == ["borders", "leaderOf"]
    arrows = {e["label"]: e.get("arrows") for e in data["edges"]}
    assert arrows["leaderOf"] == "to" and not arrows["borders"]


def test_view_render_style_by_class_degree_and_legend(crisis):
    data = page_data(prepare(crisis))
    nodes = {n["name"]: n for n in data["nodes"]}
    assert nodes["Niger"]["shape"] == "dot" and nodes["ECOWAS"]["shape"] == "diamond"
    assert nodes["Niger"]["color"]["background"] != nodes["Mohamed Bazoum"]["color"]["background"]
    assert nodes["Niger"]["size"] > nodes["Niamey"]["size"]  # by degree
    assert {entry["cls"] for entry in data["legend"]["classes"]} == {n["cls"] for n in data["nodes"]}
    assert [r["relation"] for r in data["relations"]][:2] == ["borders", "locatedIn"]
    assert data["counts"] == {"entities": 18, "relations": 26, "evidence": 26}


def test_view_render_tooltip_data(crisis):
    data = page_data(prepare(crisis))
    niger = next(n for n in data["nodes"] if n["name"] == "Niger")
    assert niger["cls"] == "Country" and niger["wikidata"] == "http://www.wikidata.org/entity/Q1032"
    assert "Republic of the Niger" in niger["names"]
    edge = next(e for e in data["edges"] if e["rel"] == "sanctions")
    (ev,) = edge["ev"]
    assert ev["sentence"] == "ECOWAS imposed sanctions on Niger on Sunday."
    assert ev["title"] == "ECOWAS sanctions Niger after the coup"
    assert ev["outlet"] == "Sahel Daily" and ev["date"] == "2023-07-30"
    assert ev["confidence"] == 0.9 and ev["source"].startswith("https://news.example.org/")


def test_view_render_parallel_edges_are_curved_apart(crisis):
    data = page_data(prepare(crisis))
    between = [e for e in data["edges"] if {e["from"], e["to"]} == {BASE + "France", BASE + "Nigeria"}]
    assert len(between) == 2
    assert sorted(bool(e["smooth"]) for e in between) == [False, True]


def test_view_render_small_graph_uses_bounded_physics(crisis):
    data = page_data(prepare(crisis))
    assert data["layout"] == "physics" and 0 < data["stabilize"] <= 500
    assert all("x" not in n for n in data["nodes"])


def test_view_render_big_graph_is_laid_out_here():
    data = page_data(prepare(sample_graph(450, seed=1)))
    assert data["layout"] == "static"
    assert len(data["nodes"]) == 450
    xs = [(n["x"], n["y"]) for n in data["nodes"]]
    assert len(set(xs)) == len(xs)
    assert all(abs(v) < 1e6 for xy in xs for v in xy)


def test_view_render_focus_and_filters(crisis):
    shown = prepare(crisis, focus="niger", depth=1)
    labels = {d["label"] for _n, d in shown.nodes(data=True)}
    assert {"Niger", "ECOWAS", "Mali", "Algeria", "Niamey"} <= labels
    assert "Emmanuel Macron" not in labels and "Russia" not in labels
    attacks = prepare(crisis, relations="supports", since="2023-08", until="2023-08")
    assert {d["relation"] for *_e, d in attacks.edges(data=True)} == {"supports"}
    assert {d["label"] for _n, d in attacks.nodes(data=True)} == {"Algeria", "Mohamed Bazoum", "Mali",
                                                                   "Burkina Faso", "Niger"}
    confident = prepare(crisis, min_confidence=0.9)
    assert all(d["confidence"] >= 0.9 for *_e, d in confident.edges(data=True))


def test_view_render_subtitle_says_what_is_shown(crisis):
    data = page_data(prepare(crisis, focus=["Mali"], depth=2, relations="supports,signsAgreementWith",
                             min_confidence=0.5))
    assert "around Mali (depth 2)" in data["subtitle"]
    assert data["subtitle"] == ("around Mali (depth 2); relations: supports, signsAgreementWith; "
                                "confidence \u2265 0.5")


def test_view_render_write_view_signature(tmp_path, crisis):
    path = write_view(crisis, tmp_path / "graph.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = build_view(crisis, tmp_path / "mali.html", title="Mali", focus="Mali")
    assert result.entities < 18 and result.layout == "physics"
    assert "<title>Mali</title>" in result.path.read_text(encoding="utf-8")


def test_view_render_accepts_a_knowledge_graph_and_networkx(crisis):
    from kg.analysis import to_networkx

    assert len(_data(render(to_networkx(crisis)))["nodes"]) == 18


def test_view_render_notebook_iframe_is_escaped_and_sandboxed():
    graph, name, _sentence = hostile_graph()
    frame = show(graph, height=300)._repr_html_()
    assert frame.startswith('<iframe sandbox="allow-scripts allow-popups" srcdoc="')
    assert "allow-same-origin" not in frame
    srcdoc = frame.split('srcdoc="', 1)[1].split('" style=', 1)[0]
    assert '"' not in srcdoc and "<" not in srcdoc
    assert htmllib.unescape(srcdoc).startswith("<!DOCTYPE html>")


def test_view_render_empty_graph():
    data = _data(render(Graph()))
    assert data["nodes"] == [] and data["edges"] == []
