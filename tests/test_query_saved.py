"""Every saved question, asked of a store built from our own sentences (tests/test_query_world.py)."""

from __future__ import annotations

import datetime as dt

import pytest
import test_query_world
from rdflib import URIRef
from test_query_world import BASE

from kg.query import QueryError, get_question, run_saved, saved_questions
from kg.query.names import NameIndex, resolve_relation
from kg.query.saved import parse_assignments, parse_question

world, world_path = test_query_world.world, test_query_world.world_path  # the shared fixtures

QUESTIONS = ("about", "attackers", "critics", "evidence", "leaders", "neighbours", "paths", "relations",
             "supporters", "timeline")


def test_saved_questions_are_all_there_with_declared_parameters():
    found = saved_questions()
    assert tuple(sorted(found)) == QUESTIONS
    for question in found.values():
        assert question.title and question.description and question.example.startswith("kg query --name")
        for param in question.params:
            assert f"?{param.name}" in question.text, (question.name, param.name)


def test_saved_relations_lists_both_directions_with_dates_and_evidence(world):
    rows = run_saved(world, "relations", actor="Bazoum").to_dicts()
    assert [(r["subject"], r["relation"], r["object"], r["date"]) for r in rows] == [
        ("Mohamed Bazoum", "leaderOf", "Niger", dt.date(2023, 8, 2)),
        ("Abdelmadjid Tebboune", "meetsWith", "Mohamed Bazoum", dt.date(2023, 10, 1)),
        ("Algeria", "supports", "Mohamed Bazoum", dt.date(2023, 8, 1)),
        ("Algeria", "supports", "Mohamed Bazoum", dt.date(2023, 9, 30)),
    ]
    assert rows[3]["evidence"] == "Algeria again supports Mohamed Bazoum."
    assert rows[3]["title"] == "Algiers talks" and rows[3]["document"] == BASE + "doc/wire-3"
    assert rows[0]["other"] == BASE + "Niger" and rows[1]["other"] == BASE + "Abdelmadjid_Tebboune"
    assert "actor" not in rows[0]  # the bound parameter is not repeated on every row


def test_saved_supporters_counts_evidence_and_articles(world):
    result = run_saved(world, "supporters", actor="Mohamed Bazoum")
    assert result.columns == ["supporter", "evidence", "first", "last", "articles", "example", "iri"]
    (row,) = result.to_dicts()
    assert (row["supporter"], row["evidence"], row["articles"]) == ("Algeria", 2, 2)
    assert (row["first"], row["last"]) == (dt.date(2023, 8, 1), dt.date(2023, 9, 30))
    assert row["iri"] == BASE + "Algeria"
    assert [r["supporter"] for r in run_saved(world, "supporters", actor="Niger").to_dicts()] == ["Côte d'Ivoire"]


def test_saved_critics_and_attackers(world):
    critics = run_saved(world, "critics", actor="France").to_dicts()
    assert [(r["critic"], r["evidence"]) for r in critics] == [("Mali", 1), ("Russia", 1)]
    assert critics[1]["example"] == "Russia criticised France over its Sahel policy."
    (attack,) = run_saved(world, "attackers", actor="Niger").to_dicts()
    assert attack["attacker"] == "Islamic State in the Greater Sahara" and attack["first"] == dt.date(2023, 9, 5)
    assert run_saved(world, "attackers", actor="France").rows == []


def test_saved_timeline_is_date_ordered_and_filters(world):
    rows = run_saved(world, "timeline").to_dicts()
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert [(r["subject"], r["relation"], r["object"]) for r in rows] == [
        ("Emmanuel Macron", "visits", "Niger"),
        ("Saïd Chanegriha", "visits", "Russia"),
        ("Saïd Chanegriha", "meetsWith", "Sergei Shoigu"),
        ("Mohamed Ould Ghazouani", "visits", "Mali"),
        ("Abdelmadjid Tebboune", "meetsWith", "Mohamed Bazoum"),
    ]
    assert rows[-1]["date"] == dt.date(2023, 10, 1)  # undated event: the article's date
    only_niger = run_saved(world, "timeline", actor="Niger").to_dicts()
    assert [r["subject"] for r in only_niger] == ["Emmanuel Macron"]
    either_side = run_saved(world, "timeline", actor="Shoigu").to_dicts()
    assert [r["subject"] for r in either_side] == ["Saïd Chanegriha"]
    window = run_saved(world, "timeline", since="2023-08", until="2023-09").to_dicts()
    assert [r["date"] for r in window] == [dt.date(2023, 8, 1), dt.date(2023, 9, 29)]


def test_saved_neighbours_in_both_directions(world):
    rows = run_saved(world, "neighbours", country="niger").to_dicts()
    assert [(r["neighbour"], r["example"]) for r in rows] == [
        ("Algeria", "Algeria and Niger share a long land border."), ("Mali", "Niger borders Mali.")]


def test_saved_leaders_all_or_of_one_actor(world):
    everyone = run_saved(world, "leaders").to_dicts()
    assert {(r["leader"], r["leads"], r["kind"]) for r in everyone} == {
        ("Sergei Shoigu", "Ministry of Defence of Russia", "GovernmentBody"), ("Mohamed Bazoum", "Niger", "Country")}
    assert [r["leader"] for r in run_saved(world, "leaders", actor="Niger").to_dicts()] == ["Mohamed Bazoum"]
    assert [r["leads"] for r in run_saved(world, "leaders", actor="shoigu").to_dicts()] == [
        "Ministry of Defence of Russia"]
    assert run_saved(world, "leaders", actor="Russia").rows == []


def test_saved_paths_up_to_three_hops_either_direction(world):
    direct = run_saved(world, "paths", **{"from": "Algeria", "to": "Niger"}).to_dicts()
    assert direct[0] == {"hops": 1, "path": "Algeria —borders→ Niger", "via1": None, "via2": None}
    assert {"hops": 2, "path": "Algeria —supports→ Mohamed Bazoum —leaderOf→ Niger",
            "via1": BASE + "Mohamed_Bazoum", "via2": None} in direct
    long = run_saved(world, "paths", **{"from": "Russian Federation", "to": "Côte d'Ivoire"}).to_dicts()
    assert [r["path"] for r in long] == ["Russia —supports→ Mali ←borders— Niger ←supports— Côte d'Ivoire"]
    assert [r["hops"] for r in direct] == sorted(r["hops"] for r in direct)
    assert run_saved(world, "paths", **{"from": "Macron", "to": "Sergei Shoigu"}).rows == []  # 5 hops away


def test_saved_evidence_for_one_triple_with_document_and_outlet(world):
    rows = run_saved(world, "evidence", subject="Algeria", relation="supports", object="Bazoum").to_dicts()
    assert [(r["sentence"], r["outlet"], r["date"], r["title"]) for r in rows] == [
        ("Algeria supports Mohamed Bazoum as the legitimate president of Niger.", "Test Wire",
         dt.date(2023, 8, 1), "Algeria backs Bazoum"),
        ("Algeria again supports Mohamed Bazoum.", "Test Wire", dt.date(2023, 9, 30), "Algiers talks")]
    first = rows[0]
    assert (first["source"], first["published"], first["cameo"], first["confidence"]) == (
        "https://news.example/wire-1", dt.date(2023, 8, 2), "051", 0.8)
    assert (first["start"], first["end"]) == (0, 69)
    # symmetric relations are found either way round; others are not
    assert len(run_saved(world, "evidence", subject="Niger", relation="borders", object="Algeria").rows) == 1
    assert run_saved(world, "evidence", subject="Mohamed Bazoum", relation="supports", object="Algeria").rows == []


def test_saved_about_an_entity(world):
    rows = run_saved(world, "about", actor="cote d'ivoire").rows
    assert ("name", "Côte d'Ivoire", 0) in rows and ("class", "Country", 0) in rows
    assert ("same as", "http://www.wikidata.org/entity/Q1008", 0) in rows
    assert ("relation (as subject)", "supports", 1) in rows
    assert ("mentioned in", "2023-09-10  France under fire in the Sahel", 0) in rows


# ---- names ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["Russia", "russia", "RUSSIA", "Russian Federation", "Russian", "<" + BASE + "Russia>",
                                  BASE + "Russia", "id:Russia"])
def test_names_any_name_of_an_entity_finds_it(world, name):
    assert NameIndex(world).resolve(name) == URIRef(BASE + "Russia")


@pytest.mark.parametrize("name, key", [("cote d'ivoire", "C%C3%B4te_d%27Ivoire"),
                                       ("Côte d’Ivoire", "C%C3%B4te_d%27Ivoire"),
                                       ("said chengriha", "Sa%C3%AFd_Chanegriha"), ("Sergey Shoigu", "Sergei_Shoigu"),
                                       ("ISGS", "Islamic_State_in_the_Greater_Sahara")])
def test_names_accents_case_and_aliases(world, name, key):
    assert NameIndex(world).resolve(name) == URIRef(BASE + key)


def test_names_unknown_and_ambiguous_names_are_explained(world):
    with pytest.raises(QueryError, match=r"E155 no entity named 'Algeira'.*did you mean 'Algeria'"):
        NameIndex(world).resolve("Algeira")
    with pytest.raises(QueryError, match=r"E156 'Mohamed' names 2 entities: Mohamed Bazoum <.*>; Mohamed Ould"):
        NameIndex(world).resolve("Mohamed")
    with pytest.raises(QueryError, match="E155.*no triple mentions this IRI"):
        NameIndex(world).resolve("<https://geokg.org/id/Atlantis>")


@pytest.mark.parametrize("text", ["supports", "geo:supports", "https://geokg.org/ontology#supports", "Supports",
                                  "<https://geokg.org/ontology#supports>"])
def test_names_relation_spellings(text):
    assert resolve_relation(text) == URIRef("https://geokg.org/ontology#supports")


def test_names_relation_labels_and_unknown():
    assert resolve_relation("provides aid to").endswith("#providesAidTo")
    assert resolve_relation("criticises").endswith("#criticizes")
    with pytest.raises(QueryError, match="E157 'loves' is not a relation; choose one of: borders"):
        resolve_relation("loves")


# ---- parameters ----------------------------------------------------------------------------
def test_params_missing_unknown_and_bad_values(world):
    with pytest.raises(QueryError, match=r"E152 saved question 'relations' needs --param actor=VALUE.*Example: kg"):
        run_saved(world, "relations")
    with pytest.raises(QueryError, match=r"E153 saved question 'relations' has no parameter 'country'; its param"):
        run_saved(world, "relations", country="Niger")
    with pytest.raises(QueryError, match=r"E162 bad value '2023-13' for since \(date\)"):
        run_saved(world, "timeline", since="2023-13")
    with pytest.raises(QueryError, match="E151 unknown saved question 'nope'.*about, attackers"):
        run_saved(world, "nope")


def test_params_are_bound_as_terms_never_as_text(world):
    hostile = 'Niger" } } ; DROP ALL ; SELECT * { ?s ?p ?o } #'
    with pytest.raises(QueryError, match="E155"):
        run_saved(world, "relations", actor=hostile)
    from kg.query.run import execute
    # a literal parameter with quotes and braces stays one literal
    result = execute(world, "SELECT ?t WHERE { ?d dcterms:title ?t FILTER(?t = ?wanted) }", {"wanted": hostile})
    assert result.rows == []
    assert len(run_saved(world, "relations", actor=URIRef(BASE + "Niger")).rows) == 6


def test_params_parse_assignments():
    assert parse_assignments(["actor=Côte d'Ivoire", "since = 2023", "from=a=b"]) == {
        "actor": "Côte d'Ivoire", "since": "2023", "from": "a=b"}
    with pytest.raises(QueryError, match="E154"):
        parse_assignments(["actor"])
    with pytest.raises(QueryError, match="E154.*given twice"):
        parse_assignments(["a=1", "a=2"])


def test_params_header_of_own_files():
    question = parse_question("# title: Mine\n# param: who entity required -- someone\n"
                              "# param: n integer optional\nSELECT ?who WHERE { ?who ?p ?o }", name="mine")
    assert [(p.name, p.kind, p.required) for p in question.params] == [("who", "entity", True), ("n", "integer", False)]
    with pytest.raises(QueryError, match="E167"):
        parse_question("# param: who person required\nSELECT * {}", name="bad")


def test_saved_question_files_parse_as_sparql(world):
    from kg.query.run import inject_values

    for name in QUESTIONS:
        question = get_question(name)
        assert inject_values(question.text, {}) is not None, name  # each has a WHERE group to bind into
