"""`Document`, `Entity` and `Fact` records → RDF triples, by the RDF contract in DEVELOPERS.md."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.extract.model import Entity, Extraction, Fact
from kg.graph.iris import assertion_iri, document_iri, entity_iri, wikidata_iri
from kg.graph.namespace import GEO
from kg.ingest.document import Document

Triple = tuple[URIRef, URIRef, URIRef | Literal]
NAMESPACES: dict[str, Namespace] = {
    "geo": Namespace(str(GEO)), "prov": PROV, "dcterms": DCTERMS, "skos": SKOS, "owl": OWL,
    "xsd": XSD, "rdfs": RDFS, "wd": Namespace("http://www.wikidata.org/entity/"),
}


def new_graph(graph_cls: type[Graph] = Graph, **kwargs) -> Graph:
    """An empty graph with geokg's prefixes bound (and not rdflib's default `geo:` = GeoSPARQL)."""
    graph = graph_cls(**kwargs) if graph_cls is not Graph else Graph(bind_namespaces="core", **kwargs)
    for prefix, ns in NAMESPACES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def clean_text(value: str) -> str:
    """Text as it may appear in a literal: no NUL or other C0 controls but tab and newline."""
    return "".join(ch for ch in value if ch >= " " or ch in "\t\n")


def entity_triples(entity: Entity, *, base: str) -> Iterator[Triple]:
    """The description of one entity: type, label, alternative labels, Wikidata link."""
    node = entity_iri(base, entity.key)
    yield node, RDF.type, GEO[entity.cls]
    yield node, RDFS.label, Literal(clean_text(entity.key), lang="en")
    for alias in sorted(entity.aliases - {entity.key}):
        if alias.strip():
            yield node, SKOS.altLabel, Literal(clean_text(alias), lang="en")
    if entity.wikidata:
        yield node, OWL.sameAs, wikidata_iri(entity.wikidata)


def document_triples(document: Document, *, base: str) -> Iterator[Triple]:
    """The document node: title, date, source, identifier, content hash."""
    node = document_iri(base, document.id)
    yield node, RDF.type, GEO.Document
    yield node, DCTERMS.identifier, Literal(clean_text(document.id))
    if document.title:
        yield node, DCTERMS.title, Literal(clean_text(document.title))
    if document.date:
        yield node, DCTERMS.date, Literal(document.date.isoformat(), datatype=XSD.date)
    if document.source:
        yield node, DCTERMS.source, Literal(clean_text(document.source))
    if document.outlet:
        yield node, DCTERMS.publisher, Literal(clean_text(document.outlet))
    yield node, GEO.contentHash, Literal(document.content_hash)


def fact_triples(fact: Fact, *, doc_id: str, base: str) -> Iterator[Triple]:
    """The direct triple of a fact, and its assertion node with the provenance."""
    s, o = entity_iri(base, fact.subject), entity_iri(base, fact.object)
    p = GEO[fact.predicate]
    yield s, p, o
    node = assertion_iri(base, doc_id, fact.subject, fact.predicate, fact.object, fact.start, fact.end)
    yield node, RDF.type, GEO.Assertion
    yield node, RDF.subject, s
    yield node, RDF.predicate, p
    yield node, RDF.object, o
    yield node, PROV.wasDerivedFrom, document_iri(base, doc_id)
    yield node, GEO.evidence, Literal(clean_text(fact.evidence))
    yield node, GEO.startOffset, Literal(fact.start, datatype=XSD.nonNegativeInteger)
    yield node, GEO.endOffset, Literal(fact.end, datatype=XSD.nonNegativeInteger)
    yield node, GEO.confidence, Literal(Decimal(str(round(fact.confidence, 3))), datatype=XSD.decimal)
    yield node, GEO.rule, Literal(fact.rule)
    if fact.cameo:
        yield node, GEO.cameoCode, Literal(fact.cameo)
    if fact.when:
        yield node, DCTERMS.date, Literal(fact.when.isoformat(), datatype=XSD.date)


def extraction_triples(document: Document, extraction: Extraction, *, base: str) -> Iterator[Triple]:
    """Everything one document contributes except the shared entity descriptions:
    the document node, its facts with their assertions, and `geo:mentionedIn` links."""
    yield from document_triples(document, base=base)
    doc_node = document_iri(base, document.id)
    for key in sorted(extraction.entities):
        yield entity_iri(base, key), GEO.mentionedIn, doc_node
    for fact in extraction.facts:
        yield from fact_triples(fact, doc_id=document.id, base=base)


def entities_triples(entities: Iterable[Entity], *, base: str) -> Iterator[Triple]:
    """Descriptions of many entities."""
    for entity in entities:
        yield from entity_triples(entity, base=base)


# ---- The same triples as N-Triples text (the fast path: no rdflib objects per triple) -----------
# A document's contribution is built as N-Triples lines: bulk writes load them as they are, and
# `kg.graph.store.Contribution.triples` parses them when rdflib triples are wanted, so the two
# forms cannot disagree. Literals are written in the canonical form a store keeps (integers as
# xsd:integer, decimals without trailing zeros), as `kg.graph.store.canonical` does for rdflib terms.

_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_LITERAL_ESCAPE = re.compile(r'[\x00-\x1f"\\]')
_IRI_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_XSD_DATE = f"<{XSD.date}>"
_XSD_INTEGER = f"<{XSD.integer}>"
_XSD_DECIMAL = f"<{XSD.decimal}>"


def _u(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04X}"


def nt_iri(value: str) -> str:
    """An IRI in N-Triples syntax (characters N-Triples forbids written as `\\uXXXX`)."""
    return f"<{_IRI_ESCAPE.sub(_u, value)}>" if _IRI_ESCAPE.search(value) else f"<{value}>"


def _literal_char(match: re.Match[str]) -> str:
    ch = match.group()
    return _ECHAR.get(ch) or f"\\u{ord(ch):04X}"


def nt_literal(text: str, *, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal in N-Triples syntax; `datatype` is already in N-Triples syntax (`<…>`)."""
    body = _LITERAL_ESCAPE.sub(_literal_char, text) if _LITERAL_ESCAPE.search(text) else text
    if lang:
        return f'"{body}"@{lang}'
    return f'"{body}"^^{datatype}' if datatype else f'"{body}"'


def decimal_lexical(value: float) -> str:
    """The canonical lexical form of a confidence rounded to 3 places ("0.85", "1")."""
    number = Decimal(str(round(value, 3)))
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def _terms() -> dict[str, str]:
    names = {"type": RDF.type, "label": RDFS.label, "altLabel": SKOS.altLabel, "sameAs": OWL.sameAs,
             "subject": RDF.subject, "predicate": RDF.predicate, "object": RDF.object,
             "derived": PROV.wasDerivedFrom, "identifier": DCTERMS.identifier, "title": DCTERMS.title,
             "date": DCTERMS.date, "source": DCTERMS.source, "publisher": DCTERMS.publisher,
             "provenance": DCTERMS.provenance}
    terms = {k: nt_iri(str(v)) for k, v in names.items()}
    terms.update({k: nt_iri(str(GEO[k])) for k in (
        "Document", "Assertion", "mentionedIn", "evidence", "startOffset", "endOffset", "confidence", "rule",
        "cameoCode", "contentHash")})
    return terms


T = _terms()


def document_lines(document: Document, *, base: str) -> list[str]:
    """`document_triples` as N-Triples lines (the `geo:contentHash` line last)."""
    node = nt_iri(document_iri(base, document.id))
    lines = [f"{node} {T['type']} {T['Document']} .",
             f"{node} {T['identifier']} {nt_literal(clean_text(document.id))} ."]
    if document.title:
        lines.append(f"{node} {T['title']} {nt_literal(clean_text(document.title))} .")
    if document.date:
        lines.append(f"{node} {T['date']} {nt_literal(document.date.isoformat(), datatype=_XSD_DATE)} .")
    if document.source:
        lines.append(f"{node} {T['source']} {nt_literal(clean_text(document.source))} .")
    if document.outlet:
        lines.append(f"{node} {T['publisher']} {nt_literal(clean_text(document.outlet))} .")
    lines.append(marker_line(document, base=base))
    return lines


def marker_line(document: Document, *, base: str) -> str:
    """The document's `geo:contentHash` line: written last, so a graph without it is incomplete."""
    return f"{nt_iri(document_iri(base, document.id))} {T['contentHash']} {nt_literal(document.content_hash)} ."


def _entity(iris: dict[str, str], base: str, key: str) -> str:
    iri = iris.get(key)
    if iri is None:
        iri = iris[key] = nt_iri(entity_iri(base, key))
    return iri


@lru_cache(maxsize=256)
def _predicate(name: str) -> str:
    return nt_iri(str(GEO[name]))


def fact_lines(fact: Fact, *, doc_id: str, doc_node: str, base: str, iris: dict[str, str]) -> list[str]:
    """`fact_triples` as N-Triples lines (canonical literals); `iris` caches entity IRIs by key."""
    s, o = _entity(iris, base, fact.subject), _entity(iris, base, fact.object)
    p = _predicate(fact.predicate)
    a = nt_iri(assertion_iri(base, doc_id, fact.subject, fact.predicate, fact.object, fact.start, fact.end))
    lines = [f"{s} {p} {o} .", f"{a} {T['type']} {T['Assertion']} .", f"{a} {T['subject']} {s} .",
             f"{a} {T['predicate']} {p} .", f"{a} {T['object']} {o} .", f"{a} {T['derived']} {doc_node} .",
             f"{a} {T['evidence']} {nt_literal(clean_text(fact.evidence))} .",
             f'{a} {T["startOffset"]} "{int(fact.start)}"^^{_XSD_INTEGER} .',
             f'{a} {T["endOffset"]} "{int(fact.end)}"^^{_XSD_INTEGER} .',
             f'{a} {T["confidence"]} "{decimal_lexical(fact.confidence)}"^^{_XSD_DECIMAL} .',
             f"{a} {T['rule']} {nt_literal(fact.rule)} ."]
    if fact.cameo:
        lines.append(f"{a} {T['cameoCode']} {nt_literal(fact.cameo)} .")
    if fact.when:
        lines.append(f"{a} {T['date']} {nt_literal(fact.when.isoformat(), datatype=_XSD_DATE)} .")
    return lines


def extraction_lines(document: Document, extraction: Extraction, *, base: str,
                     iris: dict[str, str] | None = None) -> list[str]:
    """`extraction_triples` as N-Triples lines, with canonical literals."""
    iris = {} if iris is None else iris
    lines = document_lines(document, base=base)
    doc_node = nt_iri(document_iri(base, document.id))
    for key in sorted(extraction.entities):
        iri = _entity(iris, base, key)
        lines.append(f"{iri} {T['mentionedIn']} {doc_node} .")
    for fact in extraction.facts:
        lines.extend(fact_lines(fact, doc_id=document.id, doc_node=doc_node, base=base, iris=iris))
    return lines


def description_lines(iri: str, *, cls: str, key: str, aliases: Iterable[str], wikidata: str | None) -> list[str]:
    """`kg.graph.store.entity_description` as N-Triples lines (`iri` in N-Triples syntax)."""
    lines = [f"{iri} {T['type']} {nt_iri(str(GEO[cls]))} .",
             f"{iri} {T['label']} {nt_literal(clean_text(key), lang='en')} ."]
    lines.extend(f"{iri} {T['altLabel']} {nt_literal(clean_text(a), lang='en')} ."
                 for a in sorted(set(aliases) - {key}) if a.strip())
    if wikidata:
        lines.append(f"{iri} {T['sameAs']} {nt_iri(wikidata_iri(wikidata))} .")
    return lines
