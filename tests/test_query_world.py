"""A small store built from our own sentences, for the query and server tests.

Three articles from two outlets; every fact is hand-made (no spaCy), so the answers are
exact. Other test modules import `build_world` and the `world` fixture from here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kg.extract.model import Entity, Extraction, Fact
from kg.ingest.readers import make_document

BASE = "https://geokg.org/id/"

ENTITIES = {
    "Algeria": Entity("Algeria", "Country", {"Algerian"}, "Q262"),
    "Niger": Entity("Niger", "Country", set(), "Q1032"),
    "Mali": Entity("Mali", "Country", set(), "Q912"),
    "France": Entity("France", "Country", {"French"}, "Q142"),
    "Russia": Entity("Russia", "Country", {"Russian"}, "Q159"),  # "Russian Federation" only in the gazetteer
    "Côte d'Ivoire": Entity("Côte d'Ivoire", "Country", set(), "Q1008"),
    "Mohamed Bazoum": Entity("Mohamed Bazoum", "Person", {"Bazoum", "Mohamed"}, "Q3318096"),
    "Mohamed Ould Ghazouani": Entity("Mohamed Ould Ghazouani", "Person", {"Ghazouani", "Mohamed"}),
    "Saïd Chanegriha": Entity("Saïd Chanegriha", "Person", {"Said Chengriha", "Chengriha"}),
    "Sergei Shoigu": Entity("Sergei Shoigu", "Person", {"Shoigu", "Sergey Shoigu"}),
    "Abdelmadjid Tebboune": Entity("Abdelmadjid Tebboune", "Person", {"Tebboune"}),
    "Emmanuel Macron": Entity("Emmanuel Macron", "Person", {"Macron"}),
    "Ministry of Defence of Russia": Entity("Ministry of Defence of Russia", "GovernmentBody",
                                            {"the Russian Defence Ministry"}),
    "Islamic State in the Greater Sahara": Entity("Islamic State in the Greater Sahara", "Organization", {"ISGS"}),
}

# (sentence, [(subject, relation, object, cameo, event date)]) per article
ARTICLES = [
    ("wire-1", "2023-08-02", "Test Wire", "Algeria backs Bazoum", [
        ("Algeria supports Mohamed Bazoum as the legitimate president of Niger.",
         [("Algeria", "supports", "Mohamed Bazoum", "051", dt.date(2023, 8, 1)),
          ("Mohamed Bazoum", "leaderOf", "Niger", None, None)]),
        ("Algeria and Niger share a long land border.", [("Algeria", "borders", "Niger", None, None)]),
        ("Said Chengriha met Sergei Shoigu in Moscow on Tuesday.",
         [("Saïd Chanegriha", "meetsWith", "Sergei Shoigu", "040", dt.date(2023, 8, 1))]),
        ("Chengriha arrived in Russia on Monday.",
         [("Saïd Chanegriha", "visits", "Russia", "042", dt.date(2023, 7, 31))]),
        ("Shoigu heads the Russian Defence Ministry.",
         [("Sergei Shoigu", "leaderOf", "Ministry of Defence of Russia", None, None)]),
    ]),
    ("daily-2", "2023-09-10", "Other Daily", "France under fire in the Sahel", [
        ("Russia criticised France over its Sahel policy.",
         [("Russia", "criticizes", "France", "111", None)]),
        ("Mali also criticised France.", [("Mali", "criticizes", "France", "111", None)]),
        ("Russia supports Mali's transitional government.", [("Russia", "supports", "Mali", "051", None)]),
        ("Niger borders Mali.", [("Niger", "borders", "Mali", None, None)]),
        ("ISGS gunmen attacked Niger's army on 5 September.",
         [("Islamic State in the Greater Sahara", "attacks", "Niger", "190", dt.date(2023, 9, 5))]),
        ("Emmanuel Macron visited Niger in February.",
         [("Emmanuel Macron", "visits", "Niger", "042", dt.date(2023, 2, 1))]),
        ("Côte d'Ivoire supports Niger.", [("Côte d'Ivoire", "supports", "Niger", "051", None)]),
    ]),
    ("wire-3", "2023-10-01", "Test Wire", "Algiers talks", [
        ("Algeria again supports Mohamed Bazoum.",
         [("Algeria", "supports", "Mohamed Bazoum", "051", dt.date(2023, 9, 30))]),
        ("Abdelmadjid Tebboune met Mohamed Bazoum in Algiers.",
         [("Abdelmadjid Tebboune", "meetsWith", "Mohamed Bazoum", "040", None)]),
        ("Mohamed Ould Ghazouani visited Mali.",
         [("Mohamed Ould Ghazouani", "visits", "Mali", "042", dt.date(2023, 9, 29))]),
    ]),
]


def build_world(path: Path) -> Path:
    """Write the three articles into a new store at `path` (closed again)."""
    from kg.store import open_store

    with open_store(path, base_iri=BASE) as store:
        for doc_id, date, outlet, title, sentences in ARTICLES:
            text, facts, names = "", [], set()
            for sentence, triples in sentences:
                start = len(text)
                text += sentence + " "
                for s, p, o, cameo, when in triples:
                    facts.append(Fact(s, p, o, start, start + len(sentence), sentence, f"test:{p}", 0.8, cameo, when))
                    names |= {s, o}
            document = make_document(text.strip(), doc_id=doc_id, date_text=date, title=title, outlet=outlet,
                                     source=f"https://news.example/{doc_id}")
            extraction = Extraction(doc_id, entities={n: Entity(n, ENTITIES[n].cls, set(ENTITIES[n].aliases),
                                                              ENTITIES[n].wikidata) for n in names}, facts=facts)
            store.add(document, extraction)
    return path


@pytest.fixture(scope="session")
def world_path(tmp_path_factory) -> Path:
    """The world store's folder (built once per session)."""
    return build_world(tmp_path_factory.mktemp("world") / "store")


@pytest.fixture(scope="session")
def world(world_path):
    """The world store, open (shared by the in-process tests of a session)."""
    from kg.store import open_store

    store = open_store(world_path, create=False)
    yield store
    store.close()


def test_world_has_three_documents_and_their_facts(world):
    assert [d.id for d in world.documents()] == ["daily-2", "wire-1", "wire-3"]
    from kg.query import run

    assert run(world, "SELECT (COUNT(*) AS ?n) WHERE { ?a rdf:subject ?s }").rows == [(16,)]


def test_world_offsets_point_at_the_evidence(world):
    from kg.query import run

    rows = run(world, "SELECT ?e ?start ?end WHERE { ?a geo:evidence ?e ; geo:startOffset ?start ; "
                      "geo:endOffset ?end }").rows
    assert len(rows) == 16 and all(end - start == len(e) for e, start, end in rows)
