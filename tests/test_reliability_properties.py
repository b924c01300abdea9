"""Property-based tests (issue 9): for arbitrary text, a build either gives a graph that passes
SHACL validation or raises geokg's own error; every serialisation parses back isomorphic; any
name gives a valid IRI, and different names different IRIs.

Kept fast: few examples each, no deadline, the pipeline loaded once per session.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.build import build_graph
from kg.errors import KGError
from kg.graph.iris import DEFAULT_BASE_IRI, entity_iri, slug
from kg.graph.namespace import GEO
from kg.ingest.clean import clean_text
from kg.store.validate import validate_graph

FAST = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                derandomize=True)
WORDS = ("Algeria", "Niger", "Russia", "France", "Mali", "met", "signed", "an", "agreement", "with", "attacked",
         "criticised", "supports", "President", "Abdelmadjid", "Tebboune", "in", "Algiers", "on", "Monday", ".", ",",
         "\n", "\n\n", '"', "'s", "the", "army", "of", "and", "ECOWAS", "2023-08-02", "?", "not", "if")
#: Text that looks like news (so that entities and relations come out) mixed with anything at all
#: (every Unicode category, surrogates included: they reach the reader through JSON escapes).
NEWSISH = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=60).map(" ".join)
SEED = "Algeria and Niger signed a defence agreement in Algiers on Monday. Russia criticised France."
ANY_TEXT = st.one_of(NEWSISH, st.text(max_size=300), st.text(alphabet=st.characters(), max_size=80))


def _build(text: str):  # noqa: ANN202
    """Build the graph of one JSONL line holding `text` (JSON keeps every code point)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.jsonl"
        path.write_text(json.dumps({"id": "doc-1", "title": text[:40], "text": text}) + "\n", encoding="utf-8")
        return build_graph([path])


@pytest.mark.slow
@FAST
@given(text=ANY_TEXT)
@example(text=SEED)
@example(text="Mali \ud800 and\x00 Chad \x1b met.\u2028")
@example(text=" \x07\n\t")
def test_property_build_conforms_or_raises_our_error(text):
    try:
        kg = _build(text)
    except KGError:
        assert not clean_text(text).strip()  # only text with nothing in it is refused
        return
    union = kg.union()
    report = validate_graph(union)
    assert report.conforms, report.lines()[:5]
    document = next(iter(kg.documents.values()))
    for node, evidence in union.subject_objects(GEO.evidence):  # offsets point at the evidence
        start, end = (int(union.value(node, GEO[k])) for k in ("startOffset", "endOffset"))
        assert document.text[start:end] == str(evidence)


@pytest.mark.slow
@FAST
@given(text=ANY_TEXT)
@example(text=SEED)
@example(text="Mali \ud800 and\x00 Chad \x1b met.\u2028")
@example(text=" \x07\n\t")
def test_property_serialisations_parse_back_isomorphic(text):
    try:
        kg = _build(text)
    except KGError:
        return
    union = kg.union()
    for fmt in ("turtle", "nt", "xml", "json-ld"):
        data = union.serialize(format=fmt)
        assert isomorphic(Graph().parse(data=data, format=fmt), union), fmt
    dataset = kg.dataset
    nquads = dataset.serialize(format="nquads")
    back = Dataset()
    back.parse(data=nquads, format="nquads")
    assert len(back) == len(dataset)
    oxi = list(pyoxigraph.parse(nquads.encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS))
    assert len(oxi) == len(list(dataset.quads((None, None, None, None))))
    turtle = union.serialize(format="turtle").encode("utf-8")
    assert len(list(pyoxigraph.parse(turtle, format=pyoxigraph.RdfFormat.TURTLE))) == len(union)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(name=st.text(max_size=400))
def test_property_any_name_is_a_valid_iri(name):
    iri = entity_iri(DEFAULT_BASE_IRI, name)
    pyoxigraph.NamedNode(str(iri))  # raises on an invalid IRI
    assert len(slug(name)) <= 200 * 12 and slug(name) == slug(name)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(a=st.text(max_size=300), b=st.text(max_size=300))
def test_property_different_names_different_iris(a, b):
    same_name = ("_".join(a.split()) or "_") == ("_".join(b.split()) or "_")
    assert (slug(a) == slug(b)) == same_name
