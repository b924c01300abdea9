"""Actor analytics: degree, betweenness, blocs, relation counts, timeline; the text report."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from kg.analysis import (
    actor_report,
    bloc_graph,
    format_actor_report,
    interaction_timeline,
    to_networkx,
)
from kg.view.sample import crisis_graph, sample_graph


@pytest.fixture(scope="module")
def report():
    return actor_report(crisis_graph(), top=5)


def test_analysis_actors_report_counts(report):
    assert report["entities"] == 18 and report["relations"] == 26 and report["evidence"] == 26
    assert report["classes"]["Country"] == 8
    rows = {row["relation"]: row for row in report["by_relation"]}
    assert rows["supports"] == {"relation": "supports", "edges": 4, "evidence": 4}
    assert "attacks" not in rows
    assert [row["relation"] for row in report["by_relation"]][0] == "borders"  # ontology order


def test_analysis_actors_top(report):
    assert len(report["top_degree"]) == 5
    assert report["top_degree"][0] == {"id": "https://geokg.org/id/Niger", "name": "Niger", "class": "Country",
                                       "degree": 10}
    assert report["top_betweenness"][0]["name"] == "Niger"
    values = [row["betweenness"] for row in report["top_betweenness"]]
    assert values == sorted(values, reverse=True) and all(0 < v <= 1 for v in values)
    assert report["method"]["betweenness"] == "exact"


def test_analysis_actors_blocs(report):
    blocs = [{m["name"] for m in bloc["members"]} for bloc in report["communities"]]
    bloc_of = {name: i for i, names in enumerate(blocs) for name in names}
    assert bloc_of["France"] == bloc_of["Nigeria"] == bloc_of["ECOWAS"]
    assert bloc_of["Mali"] == bloc_of["Burkina Faso"] == bloc_of["Niger"]
    assert bloc_of["France"] != bloc_of["Mali"]
    assert "Niamey" not in bloc_of  # places are not actors
    assert all(bloc["size"] == len(bloc["members"]) >= 2 for bloc in report["communities"])


def test_analysis_actors_conflict_does_not_make_a_bloc():
    G = to_networkx(crisis_graph())
    bloc = bloc_graph(G)
    assert not bloc.has_edge("https://geokg.org/id/ECOWAS", "https://geokg.org/id/Niger")  # sanctions, threatens
    assert bloc.has_edge("https://geokg.org/id/Mali", "https://geokg.org/id/Niger")


def test_analysis_actors_report_is_json(report):
    import json

    assert json.loads(json.dumps(report)) == report


def test_analysis_actors_format(report):
    text = format_actor_report(report)
    lines = text.splitlines()
    assert lines[0] == "18 entities, 26 relations, 26 pieces of evidence"
    assert any(line.startswith("supports") and line.split()[1:] == ["4", "4"] for line in lines)
    assert "  1. Niger (Country)" in text and "Blocs (communities)" in text
    assert all(len(line) <= 100 for line in lines)


def test_analysis_actors_empty_and_filtered():
    empty = actor_report(nx.MultiDiGraph())
    assert empty["entities"] == 0 and empty["communities"] == [] and empty["top_degree"] == []
    assert "(none" in format_actor_report(empty)
    only = actor_report(crisis_graph(), relations="supports")
    assert [row["relation"] for row in only["by_relation"]] == ["supports"]


def test_analysis_actors_big_graph_samples_betweenness():
    report = actor_report(sample_graph(1000, seed=3), top=3)
    assert report["entities"] == 1000 and len(report["top_degree"]) == 3
    assert report["method"]["betweenness"].startswith("estimated")
    assert report["top_degree"][0]["class"] == "Country"


def test_analysis_timeline():
    G = to_networkx(crisis_graph())
    months = interaction_timeline(G, period="month")
    assert list(months) == [dt.date(2023, 7, 1), dt.date(2023, 8, 1), dt.date(2023, 9, 1)]
    assert months[dt.date(2023, 7, 1)] == {"sanctions": 1}
    assert sum(months[dt.date(2023, 9, 1)].values()) == 7
    days = interaction_timeline(G)
    assert sum(sum(c.values()) for c in days.values()) == sum(sum(c.values()) for c in months.values())
    weeks = interaction_timeline(G, period="week", relations=("supports",))
    assert all(day.weekday() == 0 for day in weeks)
    with pytest.raises(ValueError):
        interaction_timeline(G, period="decade")
