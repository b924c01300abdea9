"""Generate ``kg/graph/namespace.py`` from the ontology ``ontologies/geokg.ttl``.

Run after every change to the ontology::

    python -m kg.graph.gen_namespace            # rewrite kg/graph/namespace.py
    python -m kg.graph.gen_namespace --check    # exit 1 if it is out of date

The generated module is self-contained: it holds the ``GEO`` ``DefinedNamespace`` and the
relation tables as literals, so importing it never reads the ontology file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

GEO_NS = Namespace("https://geokg.org/ontology#")
ONTOLOGY_IRI = URIRef("https://geokg.org/ontology")

#: rdf:type of a declared term → heading of its block in the generated class, in output order.
_KINDS: tuple[tuple[URIRef, str], ...] = (
    (OWL.Class, "Classes"),
    (OWL.ObjectProperty, "Object properties"),
    (OWL.DatatypeProperty, "Datatype properties"),
    (OWL.AnnotationProperty, "Annotation properties"),
    (RDFS.Datatype, "Datatypes"),
    (OWL.NamedIndividual, "Individuals"),
)

_HEADER = '''\
"""The geokg ontology as Python constants (generated — do not edit).

Generated from ontologies/geokg.ttl by ``python -m kg.graph.gen_namespace``;
change the ontology and run that command instead of editing this file.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef
'''


def ontology_path() -> Path:
    """Return the path of ``ontologies/geokg.ttl`` in a source checkout."""
    return Path(__file__).resolve().parents[2] / "ontologies" / "geokg.ttl"


def namespace_path() -> Path:
    """Return the path of the generated module, ``kg/graph/namespace.py``."""
    return Path(__file__).resolve().with_name("namespace.py")


def _local(term: URIRef) -> str:
    return str(term)[len(str(GEO_NS)) :]


def _is_geo(node: object) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(str(GEO_NS))


def _label(graph: Graph, term: URIRef) -> str:
    labels = sorted(graph.objects(term, RDFS.label), key=lambda lit: (lit.language != "en", lit))
    return " ".join(str(labels[0]).split()) if labels else ""


def _sort_key(graph: Graph, term: URIRef) -> int:
    value = graph.value(term, GEO_NS.sortOrder)
    if not isinstance(value, Literal) or not isinstance(value.toPython(), int):
        raise ValueError(f"{term} has no integer geo:sortOrder; every core term needs one")
    return int(value.toPython())


def _class_members(graph: Graph, expr: object) -> list[URIRef]:
    """Named classes that a class expression covers: a named class or an owl:unionOf."""
    if isinstance(expr, URIRef):
        return [expr]
    union = graph.value(expr, OWL.unionOf)  # type: ignore[arg-type]
    if union is None:
        raise ValueError(f"unsupported class expression in a domain or range: {expr!r}")
    members: list[URIRef] = []
    for item in Collection(graph, union):
        members.extend(_class_members(graph, item))
    return members


def _subclasses(graph: Graph, cls: URIRef) -> set[URIRef]:
    """All named geo: subclasses of ``cls`` (transitive, excluding ``cls`` itself)."""
    found: set[URIRef] = set()
    todo = [cls]
    while todo:
        for sub in graph.subjects(RDFS.subClassOf, todo.pop()):
            if _is_geo(sub) and sub not in found:
                found.add(sub)  # type: ignore[arg-type]
                todo.append(sub)  # type: ignore[arg-type]
    return found


def _concrete(graph: Graph, classes: Iterable[URIRef], entity_classes: list[URIRef]) -> list[str]:
    """Expand abstract classes (geo:Entity, geo:Actor) to the concrete ones, in guide order."""
    covered: set[URIRef] = set()
    for cls in classes:
        covered |= ({cls} | _subclasses(graph, cls)) & set(entity_classes)
    return [_local(c) for c in entity_classes if c in covered]


def _tables(graph: Graph) -> dict[str, object]:
    entity_classes = sorted(
        (c for c in _subclasses(graph, GEO_NS.Entity) if not _subclasses(graph, c)),
        key=lambda c: _sort_key(graph, c),
    )
    actor_classes = [c for c in entity_classes if c in _subclasses(graph, GEO_NS.Actor)]
    standing = set(graph.subjects(RDFS.subPropertyOf, GEO_NS.standingRelation))
    interactions = set(graph.subjects(RDFS.subPropertyOf, GEO_NS.interaction))
    core: list[URIRef] = sorted(
        standing | interactions, key=lambda p: _sort_key(graph, p)  # type: ignore[arg-type]
    )
    symmetric = {p for p in core if (p, RDF.type, OWL.SymmetricProperty) in graph}

    def side(prop: URIRef, which: URIRef) -> tuple[str, ...]:
        exprs = list(graph.objects(prop, which))
        if len(exprs) != 1:
            raise ValueError(f"{prop} needs exactly one {which}, found {len(exprs)}")
        return tuple(_concrete(graph, _class_members(graph, exprs[0]), entity_classes))

    return {
        "ENTITY_CLASSES": tuple(_local(c) for c in entity_classes),
        "ACTOR_CLASSES": tuple(_local(c) for c in actor_classes),
        "CORE_RELATIONS": tuple(_local(p) for p in core),
        "STANDING_RELATIONS": tuple(_local(p) for p in core if p in standing),
        "INTERACTIONS": tuple(_local(p) for p in core if p in interactions),
        "SYMMETRIC_RELATIONS": frozenset(_local(p) for p in symmetric),
        "CAMEO_ROOT": {
            _local(p): tuple(sorted(str(v) for v in graph.objects(p, GEO_NS.cameoRoot)))
            for p in core
            if p in interactions
        },
        "DOMAIN": {_local(p): side(p, RDFS.domain) for p in core},
        "RANGE": {_local(p): side(p, RDFS.range) for p in core},
    }


_DOCS = {
    "ENTITY_CLASSES": "The seven concrete entity classes, in the order of the relation guide.",
    "ACTOR_CLASSES": "Entity classes that can act in an interaction (all but Location).",
    "CORE_RELATIONS": "The 17 core relations, in the order of the relation guide.",
    "STANDING_RELATIONS": "Core relations under geo:standingRelation (facts that hold over time).",
    "INTERACTIONS": "Core relations under geo:interaction (events with a CAMEO code).",
    "SYMMETRIC_RELATIONS": "Core relations that are owl:SymmetricProperty.",
    "CAMEO_ROOT": "Interaction → its CAMEO root codes (geo:cameoRoot).",
    "DOMAIN": "Core relation → concrete subject classes (its rdfs:domain, unions expanded).",
    "RANGE": "Core relation → concrete object classes (its rdfs:range, unions expanded).",
}


_WIDTH = 99


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _items(value: object) -> tuple[str, str, list[str]]:
    """Opening, closing and rendered items of a tuple or frozenset of strings."""
    if isinstance(value, frozenset):
        return "frozenset({", "})", [_q(v) for v in sorted(value)]
    if isinstance(value, tuple):
        return "(", ")", [_q(v) for v in value]
    raise TypeError(f"cannot render {value!r}")


def _assign(prefix: str, value: object, suffix: str, indent: str) -> list[str]:
    """Render ``prefix + value + suffix``, one item per line when it would be too wide."""
    opening, closing, items = _items(value)
    one_line = ", ".join(items) + ("," if len(items) == 1 and opening == "(" else "")
    line = f"{indent}{prefix}{opening}{one_line}{closing}{suffix}"
    if len(line) <= _WIDTH:
        return [line]
    return [
        f"{indent}{prefix}{opening}",
        *(f"{indent}    {item}," for item in items),
        f"{indent}{closing}{suffix}",
    ]


def _block(name: str, value: object, named: dict[tuple[str, ...], str]) -> list[str]:
    lines = [f"#: {_DOCS[name]}"]
    if not isinstance(value, dict):
        return lines + _assign(f"{name} = ", value, "", "")
    lines.append(f"{name} = {{")
    for key, item in value.items():
        if item in named:  # reuse an earlier constant instead of repeating its value
            lines.append(f"    {_q(key)}: {named[item]},")
        else:
            lines += _assign(f"{_q(key)}: ", item, ",", "    ")
    lines.append("}")
    return lines


def generate(ttl_path: str | Path | None = None) -> str:
    """Return the source of ``kg/graph/namespace.py`` for the ontology at ``ttl_path``.

    Args:
        ttl_path: The Turtle ontology; defaults to ``ontologies/geokg.ttl`` in the checkout.

    Returns:
        The module's source text.

    Raises:
        ValueError: If the ontology lacks something the generated tables need (a core
            relation without geo:sortOrder or without a single domain or range, a geo: term
            with no declared type or with two kinds of declaration).
    """
    graph = Graph(bind_namespaces="none").parse(str(ttl_path or ontology_path()), format="turtle")

    declared: dict[URIRef, URIRef] = {}
    for kind, _ in _KINDS:
        for term in graph.subjects(RDF.type, kind):
            if not _is_geo(term):
                continue
            if term in declared:
                raise ValueError(f"{term} is declared both as {declared[term]} and as {kind}")
            declared[term] = kind  # type: ignore[index]
    mentioned = {node for triple in graph for node in triple if _is_geo(node)}
    undeclared = sorted(mentioned - set(declared))
    if undeclared:
        raise ValueError(f"geo: terms used but not declared: {', '.join(map(str, undeclared))}")

    version = graph.value(ONTOLOGY_IRI, OWL.versionInfo)
    lines = [
        _HEADER,
        f"ONTOLOGY_IRI = {_q(str(ONTOLOGY_IRI))}",
        f"ONTOLOGY_VERSION = {_q(str(version))}",
        "",
        "",
        "class GEO(DefinedNamespace):",
        '    """Terms of the geokg ontology; an undeclared name raises AttributeError."""',
        "",
        f"    _NS = Namespace({_q(str(GEO_NS))})",
        "    _fail = True",
    ]
    for kind, heading in _KINDS:
        terms = sorted((t for t, k in declared.items() if k == kind), key=_local)
        if not terms:
            continue
        lines += ["", f"    # {heading}"]
        for term in terms:
            label = _label(graph, term)
            lines.append(f"    {_local(term)}: URIRef" + (f"  # {label}" if label else ""))
    lines.append("")
    named: dict[tuple[str, ...], str] = {}
    for name, value in _tables(graph).items():
        lines += ["", *_block(name, value, named)]
        if name in ("ENTITY_CLASSES", "ACTOR_CLASSES"):
            named[value] = name  # type: ignore[index]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m kg.graph.gen_namespace", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--ttl", type=Path, default=ontology_path(), help="ontology to read")
    parser.add_argument("--out", type=Path, default=namespace_path(), help="module to write")
    parser.add_argument("--check", action="store_true", help="only check that --out is up to date")
    args = parser.parse_args(argv)
    source = generate(args.ttl)
    current = args.out.read_text(encoding="utf-8") if args.out.exists() else None
    if args.check:
        if current != source:
            print(f"{args.out} is out of date: run {parser.prog}", file=sys.stderr)
            return 1
        return 0
    if current != source:
        args.out.write_text(source, encoding="utf-8")
    print(f"wrote {args.out}" if current != source else f"{args.out} is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
