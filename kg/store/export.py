"""Exports of a store: RDF (Oxigraph's native serializers), GraphML (for Gephi) and CSV.

Dataset formats (N-Quads, TriG, JSON-LD) keep one named graph per document plus the entities
graph; triple formats (Turtle, N-Triples, RDF/XML) hold the union of all graphs. GraphML has
one node per entity and one edge per relation triple (with its evidence count, documents,
highest confidence and first date); CSV has one row per assertion (piece of evidence).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, Graph

from kg.graph.mapping import NAMESPACES
from kg.graph.namespace import CORE_RELATIONS, GEO
from kg.store.errors import StoreError, StoreErrors
from kg.store.terms import to_ox

RDF_FORMATS: dict[str, tuple[Any, bool]] = {
    "turtle": (ox.RdfFormat.TURTLE, False), "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "nquads": (ox.RdfFormat.N_QUADS, True), "trig": (ox.RdfFormat.TRIG, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True), "rdfxml": (ox.RdfFormat.RDF_XML, False),
}
FORMATS = (*RDF_FORMATS, "graphml", "csv")
SUFFIXES = {"turtle": ".ttl", "ntriples": ".nt", "nquads": ".nq", "trig": ".trig", "jsonld": ".jsonld",
            "rdfxml": ".rdf", "graphml": ".graphml", "csv": ".csv"}
CSV_COLUMNS = ("subject", "predicate", "object", "evidence", "document", "start", "end", "date",
               "confidence", "cameo_code", "rule", "document_date", "subject_iri", "object_iri", "assertion")
_PREFIXES = ("PREFIX geo: <https://geokg.org/ontology#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
             "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX prov: <http://www.w3.org/ns/prov#> "
             "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX owl: <http://www.w3.org/2002/07/owl#> ")


def prefixes(base: str) -> dict[str, str]:
    """The prefixes written into Turtle/TriG/RDF-XML: geokg's namespaces plus the base IRI's."""
    found = {k: str(v) for k, v in NAMESPACES.items()}
    found.update({"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "id": base, "doc": base + "doc/",
                  "assertion": base + "assertion/"})
    return found


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary file beside `path`, renamed to `path` when the block succeeds."""
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent if str(target.parent) else ".")
        os.close(fd)
    except OSError as e:
        raise StoreError(StoreErrors.E104.format(path=target, why=e.strerror or e)) from None
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    except OSError as e:
        raise StoreError(StoreErrors.E104.format(path=target, why=e.strerror or e)) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_turtle(graph: Graph, path: str | os.PathLike[str], *, base: str) -> Path:
    """Write an rdflib graph as Turtle with Oxigraph's serializer (fast), atomically; triples
    sorted (subjects grouped, the same graph always gives the same file)."""
    ordered = sorted(graph, key=lambda t: (str(t[0]), t[1] != RDF.type, str(t[1]), str(t[2])))
    triples = (ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in ordered)
    with atomic_path(path) as tmp:
        ox.serialize(triples, str(tmp), ox.RdfFormat.TURTLE, prefixes=prefixes(base))
    return Path(path)


def export(store: Any, fmt: str, path: str | os.PathLike[str] | None = None) -> bytes | None:
    """Export everything a store holds.

    Args:
        store: A `kg.store.GraphStore`.
        fmt: One of `FORMATS`.
        path: The file to write (atomically); None returns the bytes.

    Raises:
        StoreError: An unknown format (E022-style message) or an unwritable file (E104).
    """
    if fmt not in FORMATS:
        from kg.errors import Errors

        raise StoreError(Errors.E022.format(kind="format", name=fmt, choices=", ".join(FORMATS)))
    snapshot = store._snapshot()
    if fmt in RDF_FORMATS:
        return _rdf(snapshot, fmt, path, base=store.base)
    data = _graphml(snapshot, store) if fmt == "graphml" else _csv(snapshot, store)
    if path is None:
        return data
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return None


def _rdf(snapshot: Any, fmt: str, path: str | os.PathLike[str] | None, *, base: str) -> bytes | None:
    rdf_format, dataset = RDF_FORMATS[fmt]
    names = prefixes(base) if fmt in ("turtle", "trig", "rdfxml") else None

    def write(output: Any) -> bytes | None:
        if dataset:
            return snapshot.dump(output, rdf_format, prefixes=names)
        triples = snapshot.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o",
                                 use_default_graph_as_union=True)
        return ox.serialize(triples, output, rdf_format, prefixes=names)

    if path is None:
        return write(None)
    with atomic_path(path) as tmp:
        write(str(tmp))
    return None


def _rows(snapshot: Any, sparql: str) -> list[dict[str, str]]:
    answer = snapshot.query(_PREFIXES + sparql)
    names = [v.value for v in answer.variables]
    return [{n: v.value for n, v in zip(names, sol) if v is not None} for sol in answer]


def assertion_rows(snapshot: Any, store: Any) -> list[dict[str, str]]:
    """One row per assertion, with labels, the document id and the evidence (see `CSV_COLUMNS`)."""
    ent = f"<{store.entities_iri}>"
    rows = _rows(snapshot, f"""
        SELECT ?assertion ?subject_iri ?p ?object_iri ?evidence ?document ?start ?end ?event ?docdate
               ?confidence ?cameo_code ?rule ?subject ?object WHERE {{
          GRAPH ?g {{ ?assertion a geo:Assertion ; rdf:subject ?subject_iri ; rdf:predicate ?p ;
                       rdf:object ?object_iri ; prov:wasDerivedFrom ?d .
            OPTIONAL {{ ?assertion geo:evidence ?evidence }} OPTIONAL {{ ?assertion geo:startOffset ?start }}
            OPTIONAL {{ ?assertion geo:endOffset ?end }} OPTIONAL {{ ?assertion geo:confidence ?confidence }}
            OPTIONAL {{ ?assertion dcterms:date ?event }} OPTIONAL {{ ?assertion geo:cameoCode ?cameo_code }}
            OPTIONAL {{ ?assertion geo:rule ?rule }} OPTIONAL {{ ?d dcterms:identifier ?document }}
            OPTIONAL {{ ?d dcterms:date ?docdate }} }}
          OPTIONAL {{ GRAPH {ent} {{ ?subject_iri rdfs:label ?subject }} }}
          OPTIONAL {{ GRAPH {ent} {{ ?object_iri rdfs:label ?object }} }}
        }}""")
    for row in rows:
        row["predicate"] = row.pop("p", "").replace(str(GEO), "")
        row["date"] = row.get("event") or row.get("docdate", "")
        row["document_date"] = row.pop("docdate", "")
        row.pop("event", None)
    rows.sort(key=lambda r: (r.get("document", ""), int(r.get("start") or 0), r["predicate"],
                             r.get("subject", ""), r.get("object", "")))
    return rows


def _csv(snapshot: Any, store: Any) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(assertion_rows(snapshot, store))
    return buffer.getvalue().encode("utf-8")


def _graphml(snapshot: Any, store: Any) -> bytes:
    import networkx as nx

    graph = nx.MultiDiGraph(name="geokg")
    for row in _rows(snapshot, f"""SELECT ?e ?c ?l ?w WHERE {{ GRAPH <{store.entities_iri}> {{
            ?e a ?c ; rdfs:label ?l . OPTIONAL {{ ?e owl:sameAs ?w }} }} }}"""):
        graph.add_node(row["e"], label=row["l"], cls=row["c"].replace(str(GEO), ""),
                       wikidata=row.get("w", "").rsplit("/", 1)[-1])
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    relations = " ".join(f"geo:{r}" for r in CORE_RELATIONS)
    distinct = f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {relations} }} GRAPH ?g {{ ?s ?p ?o }} }}"
    for row in _rows(snapshot, distinct):
        edges[(row["s"], row["p"], row["o"])] = {"documents": set(), "assertions": 0, "confidence": 0.0,
                                                 "date": "", "evidence": ""}
    for row in assertion_rows(snapshot, store):
        edge = edges.get((row["subject_iri"], str(GEO) + row["predicate"], row["object_iri"]))
        if edge is None:
            continue
        edge["assertions"] += 1
        edge["documents"].add(row.get("document", ""))
        edge["confidence"] = max(edge["confidence"], float(row.get("confidence") or 0))
        if row.get("date") and (not edge["date"] or row["date"] < edge["date"]):
            edge["date"] = row["date"]
        edge["evidence"] = edge["evidence"] or row.get("evidence", "")
    for (s, p, o), edge in sorted(edges.items()):
        for node in (s, o):
            if node not in graph:
                graph.add_node(node, label=node.rsplit("/", 1)[-1], cls="", wikidata="")
        name = p.replace(str(GEO), "")
        graph.add_edge(s, o, key=name, relation=name, label=name, assertions=edge["assertions"],
                       documents=" ".join(sorted(edge["documents"])), confidence=edge["confidence"],
                       date=edge["date"], evidence=edge["evidence"])
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue()
