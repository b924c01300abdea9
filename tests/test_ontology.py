"""Tests of ontologies/geokg.ttl and of the namespace module generated from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from kg.graph import gen_namespace
from kg.graph.namespace import (
    CAMEO_ROOT,
    CORE_RELATIONS,
    DOMAIN,
    ENTITY_CLASSES,
    GEO,
    INTERACTIONS,
    RANGE,
    STANDING_RELATIONS,
    SYMMETRIC_RELATIONS,
)

ROOT = Path(__file__).resolve().parents[1]
TTL = ROOT / "ontologies" / "geokg.ttl"
README = ROOT / "ontologies" / "README.md"
NS = Namespace("https://geokg.org/ontology#")

# The contract (the relation guide): names, order and grouping must not drift.
GUIDE_CLASSES = (
    "Country",
    "Person",
    "GovernmentBody",
    "ArmedForce",
    "InternationalOrganization",
    "Organization",
    "Location",
)
GUIDE_STANDING = ("borders", "locatedIn", "partOf", "memberOf", "leaderOf")
GUIDE_INTERACTIONS = (
    "meetsWith",
    "visits",
    "negotiatesWith",
    "appealsTo",
    "cooperatesWith",
    "signsAgreementWith",
    "supports",
    "providesAidTo",
    "criticizes",
    "threatens",
    "sanctions",
    "attacks",
)
GUIDE_SYMMETRIC = {"borders", "meetsWith", "negotiatesWith", "cooperatesWith", "signsAgreementWith"}
GUIDE_CAMEO = {
    "meetsWith": ("04",),
    "visits": ("04",),
    "negotiatesWith": ("04",),
    "appealsTo": ("02",),
    "cooperatesWith": ("03", "05", "06"),
    "signsAgreementWith": ("05",),
    "supports": ("05",),
    "providesAidTo": ("07",),
    "criticizes": ("11", "12"),
    "threatens": ("13", "15"),
    "sanctions": ("16",),
    "attacks": ("17", "18", "19", "20"),
}
# Terms the RDF contract in DEVELOPERS.md writes.
CONTRACT_TERMS = (
    "Assertion",
    "Document",
    "evidence",
    "startOffset",
    "endOffset",
    "cameoCode",
    "confidence",
    "rule",
    "contentHash",
    "mentionedIn",
)
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDFS.Datatype)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph(bind_namespaces="none").parse(TTL, format="turtle")


def _english(graph: Graph, term: URIRef, prop: URIRef) -> list[Literal]:
    return [o for o in graph.objects(term, prop) if isinstance(o, Literal) and o.language == "en"]


def _classes(graph: Graph, expr: object) -> set[URIRef]:
    """Named classes in a domain/range expression (a class or an owl:unionOf of classes)."""
    if isinstance(expr, URIRef):
        return {expr}
    return set(Collection(graph, graph.value(expr, OWL.unionOf)))  # type: ignore[arg-type]


def _side(graph: Graph, prop: URIRef, which: URIRef) -> set[URIRef]:
    exprs = list(graph.objects(prop, which))
    assert len(exprs) == 1, f"{prop} has {len(exprs)} {which}"
    return _classes(graph, exprs[0])


def _expand(graph: Graph, classes: set[URIRef]) -> set[str]:
    """Concrete class names that a set of (possibly abstract) classes covers."""
    out: set[str] = set()
    for cls in classes:
        for name in GUIDE_CLASSES:
            if (NS[name], RDFS.subClassOf, cls) in graph or NS[name] == cls:
                out.add(name)
            elif cls == NS.Entity:  # Entity ⊒ Actor ⊒ the six
                out.add(name)
    return out


def test_ontology_parses_with_header(onto: Graph) -> None:
    ontology = URIRef("https://geokg.org/ontology")
    assert (ontology, RDF.type, OWL.Ontology) in onto
    assert onto.value(ontology, OWL.versionInfo) is not None
    assert onto.value(ontology, DCTERMS.title) is not None
    assert onto.value(ontology, DCTERMS.description) is not None
    assert "apache" in str(onto.value(ontology, DCTERMS.license)).lower()


def test_ontology_declares_the_seven_entity_classes(onto: Graph) -> None:
    for name in GUIDE_CLASSES:
        term = NS[name]
        assert (term, RDF.type, OWL.Class) in onto, name
        assert (term, RDFS.subClassOf, NS.Actor if name != "Location" else NS.Entity) in onto
    assert (NS.Actor, RDFS.subClassOf, NS.Entity) in onto
    assert (NS.Actor, OWL.disjointWith, NS.Location) in onto


def test_ontology_entity_classes_are_pairwise_disjoint(onto: Graph) -> None:
    groups = [
        {str(m)[len(str(NS)) :] for m in Collection(onto, onto.value(axiom, OWL.members))}
        for axiom in onto.subjects(RDF.type, OWL.AllDisjointClasses)
    ]
    assert set(GUIDE_CLASSES) in groups


def test_ontology_declares_the_core_relations(onto: Graph) -> None:
    for name in GUIDE_STANDING + GUIDE_INTERACTIONS:
        term = NS[name]
        group = NS.standingRelation if name in GUIDE_STANDING else NS.interaction
        assert (term, RDF.type, OWL.ObjectProperty) in onto, name
        assert (term, RDFS.subPropertyOf, group) in onto, name
        assert _side(onto, term, RDFS.domain) and _side(onto, term, RDFS.range), name


def test_ontology_domains_and_ranges_follow_the_guide(onto: Graph) -> None:
    actors = set(GUIDE_CLASSES) - {"Location"}
    expected_domain = {
        "borders": {"Country", "Location"},
        "locatedIn": {"Location"},
        "partOf": {"GovernmentBody", "ArmedForce", "Organization"},
        "memberOf": {"Country", "Person", "Organization"},
        "leaderOf": {"Person"},
        **{name: actors for name in GUIDE_INTERACTIONS},
    }
    # The guide's table, widened only where its own text names more (see ontologies/README.md).
    expected_range = {
        "borders": {"Country", "Location"},
        "locatedIn": {"Location", "Country"},
        "partOf": {
            "Country",
            "Organization",
            "GovernmentBody",
            "ArmedForce",
            "InternationalOrganization",
        },
        "memberOf": {"InternationalOrganization", "Organization", "ArmedForce"},
        "leaderOf": {"Country", "GovernmentBody", "ArmedForce", "Organization", "Location"},
        **{name: actors for name in GUIDE_INTERACTIONS},
        "visits": {"Country", "Location"},
        "attacks": actors | {"Location"},
    }
    for name in GUIDE_STANDING + GUIDE_INTERACTIONS:
        assert _expand(onto, _side(onto, NS[name], RDFS.domain)) == expected_domain[name], name
        assert _expand(onto, _side(onto, NS[name], RDFS.range)) == expected_range[name], name
        assert set(DOMAIN[name]) == expected_domain[name], name
        assert set(RANGE[name]) == expected_range[name], name


def test_ontology_exactly_five_relations_are_symmetric(onto: Graph) -> None:
    symmetric = {str(p)[len(str(NS)) :] for p in onto.subjects(RDF.type, OWL.SymmetricProperty)}
    assert symmetric == GUIDE_SYMMETRIC
    for name in symmetric:  # a symmetric relation must accept its ends either way round
        assert _side(onto, NS[name], RDFS.domain) == _side(onto, NS[name], RDFS.range), name


def test_ontology_every_interaction_has_a_cameo_root(onto: Graph) -> None:
    for name in GUIDE_INTERACTIONS:
        roots = sorted(str(v) for v in onto.objects(NS[name], NS.cameoRoot))
        assert tuple(roots) == GUIDE_CAMEO[name], name
        assert all(re.fullmatch(r"(0[1-9]|1[0-9]|20)", r) for r in roots), name
    for name in GUIDE_STANDING:
        assert onto.value(NS[name], NS.cameoRoot) is None, name


def test_ontology_declares_the_contract_terms(onto: Graph) -> None:
    assert (NS.Assertion, RDFS.subClassOf, RDF.Statement) in onto
    assert (NS.Assertion, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Entity")) in onto
    assert (NS.Document, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Entity")) in onto
    for name in CONTRACT_TERMS:
        assert any((NS[name], RDF.type, kind) in onto for kind in KINDS), name
    assert onto.value(NS.startOffset, RDFS.range) == URIRef(
        "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"
    )


def test_ontology_every_geo_term_is_declared_once(onto: Graph) -> None:
    mentioned = {n for t in onto for n in t if isinstance(n, URIRef) and n.startswith(str(NS))}
    for term in mentioned:
        kinds = [kind for kind in KINDS if (term, RDF.type, kind) in onto]
        assert len(kinds) == 1, f"{term} declared as {kinds}"


def test_ontology_every_geo_term_has_english_label_and_comment(onto: Graph) -> None:
    for kind in KINDS:
        for term in onto.subjects(RDF.type, kind):
            if isinstance(term, URIRef) and term.startswith(str(NS)):
                assert len(_english(onto, term, RDFS.label)) == 1, term
                assert len(_english(onto, term, RDFS.comment)) == 1, term


def test_ontology_external_terms_have_one_kind(onto: Graph) -> None:
    """External IRIs used as classes or properties are declared, and not as two kinds."""
    used_as_class = set(onto.objects(None, RDFS.subClassOf))
    used_as_property = set(onto.objects(None, RDFS.subPropertyOf))
    for term in used_as_class | used_as_property:
        if isinstance(term, URIRef) and not term.startswith(str(NS)) and term != RDF.Statement:
            kinds = [kind for kind in KINDS if (term, RDF.type, kind) in onto]
            assert len(kinds) == 1, f"{term} declared as {kinds}"


def test_ontology_namespace_module_is_up_to_date() -> None:
    generated = gen_namespace.generate(TTL)
    current = gen_namespace.namespace_path().read_text(encoding="utf-8")
    assert current == generated, "run: python -m kg.graph.gen_namespace"


def test_ontology_namespace_constants_match_the_guide() -> None:
    assert ENTITY_CLASSES == GUIDE_CLASSES
    assert STANDING_RELATIONS == GUIDE_STANDING
    assert INTERACTIONS == GUIDE_INTERACTIONS
    assert CORE_RELATIONS == GUIDE_STANDING + GUIDE_INTERACTIONS
    assert SYMMETRIC_RELATIONS == frozenset(GUIDE_SYMMETRIC)
    assert CAMEO_ROOT == GUIDE_CAMEO
    assert GEO.meetsWith == URIRef("https://geokg.org/ontology#meetsWith")


def test_ontology_namespace_rejects_unknown_terms() -> None:
    with pytest.raises(AttributeError):
        GEO.notATerm  # noqa: B018
    for name in CORE_RELATIONS + ENTITY_CLASSES + CONTRACT_TERMS:
        assert getattr(GEO, name) == NS[name]


def test_ontology_generator_rejects_undeclared_terms(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        TTL.read_text(encoding="utf-8") + "\ngeo:Country rdfs:seeAlso geo:Undeclared .\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="Undeclared"):
        gen_namespace.generate(broken)


def _readme_example() -> Graph:
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```turtle\n(.*?)```", text, flags=re.S)
    assert len(blocks) == 1
    return Graph(bind_namespaces="none").parse(data=blocks[0], format="turtle")


def test_ontology_readme_example_uses_declared_terms() -> None:
    example = _readme_example()
    used = {n for t in example for n in t if isinstance(n, URIRef) and n.startswith(str(NS))}
    assert used
    for term in used:
        assert term in GEO, term
    for assertion in example.subjects(RDF.type, NS.Assertion):
        evidence = str(example.value(assertion, NS.evidence))
        start = example.value(assertion, NS.startOffset).toPython()  # type: ignore[union-attr]
        end = example.value(assertion, NS.endOffset).toPython()  # type: ignore[union-attr]
        assert end - start == len(evidence)
        predicate = str(example.value(assertion, RDF.predicate))[len(str(NS)) :]
        code = str(example.value(assertion, NS.cameoCode))
        assert code[:2] in CAMEO_ROOT[predicate]


def test_ontology_owlrl_closure_is_consistent(onto: Graph) -> None:
    """OWL 2 RL closure of the ontology plus the README example raises no inconsistency."""
    owlrl = pytest.importorskip("owlrl")
    graph = Graph(bind_namespaces="none")
    for triple in onto:
        graph.add(triple)
    for triple in _readme_example():
        graph.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    errors = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")
    messages = [str(m) for m in graph.objects(None, errors.error)]
    assert not messages
    assert not list(graph.subjects(RDF.type, OWL.Nothing))
    russia = URIRef("https://geokg.org/id/Russia")
    assert (URIRef("https://geokg.org/id/Algeria"), NS.cooperatesWith, russia) in graph
    assert (russia, RDF.type, NS.Actor) in graph
