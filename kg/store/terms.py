"""RDF terms between rdflib, pyoxigraph and text (N-Triples / SPARQL syntax, SPARQL JSON results).

rdflib writes a plain string literal as `Literal("x")` (no datatype) while Oxigraph reports it
as `"x"^^xsd:string`; both are the same RDF 1.1 term, so conversions map `xsd:string` to no
datatype. Otherwise the same triple would compare unequal across the two libraries.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import XSD, BNode, Literal, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
Quad = tuple[Node, Node, Node, Node]
_XSD_STRING = str(XSD.string)
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_IRI_BAD = set('<>"{}|^`\\ ')


def to_ox(term: Node) -> Any:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


@lru_cache(maxsize=32768)
def from_ox(term: Any) -> Node:
    """A pyoxigraph term as an rdflib term (cached: answers repeat the same IRIs and labels,
    and building rdflib terms is most of the cost of reading an answer)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"not a supported RDF term: {term!r}")


def to_ox_quads(triples: Iterable[Triple], graph: URIRef) -> Iterator[Any]:
    """rdflib triples as pyoxigraph quads in `graph`."""
    name = ox.NamedNode(str(graph))
    for s, p, o in triples:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), name)


def from_ox_triple(item: Any) -> Triple:
    """A pyoxigraph quad or triple as an rdflib triple."""
    return from_ox(item.subject), from_ox(item.predicate), from_ox(item.object)


def nt(term: Node) -> str:
    """A term in N-Triples syntax, which SPARQL also accepts (`<iri>`, `"text"@en`, `"1"^^<dt>`)."""
    if isinstance(term, URIRef):
        value = str(term)
        if any(ch in _IRI_BAD or ord(ch) < 0x20 for ch in value):
            value = "".join(f"\\u{ord(ch):04X}" if ch in _IRI_BAD or ord(ch) < 0x20 else ch
                            for ch in value)
        return f"<{value}>"
    if isinstance(term, Literal):
        text = '"' + "".join(_ECHAR.get(ch) or (f"\\u{ord(ch):04X}" if ord(ch) < 0x20 else ch)
                             for ch in str(term)) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BNode):
        return f"_:b{term}"
    raise TypeError(f"not an RDF term: {term!r}")


def nt_lines(triples: Iterable[Triple]) -> Iterator[str]:
    """One N-Triples line (without the newline) per triple."""
    for s, p, o in triples:
        yield f"{nt(s)} {nt(p)} {nt(o)} ."


def from_json_term(value: dict[str, str]) -> Node:
    """A term of the SPARQL 1.1 JSON results format (also Virtuoso's older `typed-literal`)."""
    kind = value.get("type")
    text = value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    lang = value.get("xml:lang")
    if lang:
        return Literal(text, lang=lang)
    datatype = value.get("datatype")
    if datatype and datatype not in (_XSD_STRING, _RDF_LANGSTRING):
        return Literal(text, datatype=URIRef(datatype))
    return Literal(text)


def parse_json_results(data: dict[str, Any]) -> tuple[list[str], list[dict[str, Node]]]:
    """The variables and rows of a SPARQL JSON SELECT answer."""
    names = list(data.get("head", {}).get("vars", []))
    rows = [{k: from_json_term(v) for k, v in binding.items()}
            for binding in data.get("results", {}).get("bindings", [])]
    return names, rows
