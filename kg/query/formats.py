"""Write query answers: the W3C SPARQL results formats (JSON, XML, CSV, TSV) and a text table.

Standard library only: the SPARQL server's query workers load this module by path. Answers
come in as the W3C JSON results' own term form, so every writer works on one shape:

    {"type": "uri", "value": "https://geokg.org/id/Niger"}
    {"type": "literal", "value": "Niger", "xml:lang": "en"}
    {"type": "literal", "value": "0.85", "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}
    {"type": "bnode", "value": "b0"}

A row is a dict from variable name to term; unbound variables are absent.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.parse
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

Term = dict[str, str]
Row = dict[str, Term]
XSD = "http://www.w3.org/2001/XMLSchema#"
RESULTS_NS = "http://www.w3.org/2005/sparql-results#"

#: Result format name → media type.
RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
#: Graph format name → media type.
GRAPH_TYPES = {
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}


def to_json(columns: Sequence[str], rows: Iterable[Row]) -> str:
    """SPARQL 1.1 Query Results JSON."""
    return json.dumps({"head": {"vars": list(columns)}, "results": {"bindings": list(rows)}},
                      ensure_ascii=False, separators=(",", ":"))


def boolean_json(answer: bool) -> str:
    """An ASK answer in SPARQL JSON."""
    return json.dumps({"head": {}, "boolean": bool(answer)})


def _xml_term(term: Term) -> str:
    kind, value = term.get("type"), escape(term.get("value", ""))
    if kind == "uri":
        return f"<uri>{value}</uri>"
    if kind == "bnode":
        return f"<bnode>{value}</bnode>"
    if "xml:lang" in term:
        return f"<literal xml:lang={quoteattr(term['xml:lang'])}>{value}</literal>"
    if "datatype" in term:
        return f"<literal datatype={quoteattr(term['datatype'])}>{value}</literal>"
    return f"<literal>{value}</literal>"


def to_xml(columns: Sequence[str], rows: Iterable[Row]) -> str:
    """SPARQL Query Results XML."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sparql xmlns="{RESULTS_NS}">', "<head>"]
    out += [f"<variable name={quoteattr(c)}/>" for c in columns]
    out += ["</head>", "<results>"]
    for row in rows:
        cells = "".join(f"<binding name={quoteattr(k)}>{_xml_term(v)}</binding>" for k, v in row.items())
        out.append(f"<result>{cells}</result>")
    out += ["</results>", "</sparql>", ""]
    return "\n".join(out)


def boolean_xml(answer: bool) -> str:
    """An ASK answer in SPARQL XML."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="{RESULTS_NS}"><head/>'
            f"<boolean>{'true' if answer else 'false'}</boolean></sparql>\n")


def plain(term: Term | None) -> str:
    """A term's plain value, as in the W3C CSV format (blank nodes as `_:label`)."""
    if term is None:
        return ""
    return "_:" + term["value"] if term.get("type") == "bnode" else term.get("value", "")


def to_csv(columns: Sequence[str], rows: Iterable[Row]) -> str:
    """SPARQL 1.1 Query Results CSV (plain values, CRLF line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([plain(row.get(c)) for c in columns])
    return buffer.getvalue()


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def ntriples(term: Term | None) -> str:
    """A term in N-Triples syntax (`<iri>`, `"text"@en`, `"1"^^<…>`), as in the W3C TSV format."""
    if term is None:
        return ""
    kind, value = term.get("type"), term.get("value", "")
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return f"_:{value}"
    text = '"' + value.translate(_TSV_ESCAPES) + '"'
    if "xml:lang" in term:
        return f"{text}@{term['xml:lang']}"
    datatype = term.get("datatype")
    return f"{text}^^<{datatype}>" if datatype and datatype != XSD + "string" else text


def to_tsv(columns: Sequence[str], rows: Iterable[Row]) -> str:
    """SPARQL 1.1 Query Results TSV (terms in N-Triples syntax)."""
    lines = ["\t".join("?" + c for c in columns)]
    lines += ["\t".join(ntriples(row.get(c)) for c in columns) for row in rows]
    return "\n".join(lines) + "\n"


def boolean_text(answer: bool, fmt: str) -> str:
    """An ASK answer as CSV or TSV (one `_askResult` column, as Jena Fuseki writes it)."""
    return ("?_askResult\n" if fmt == "tsv" else "_askResult\r\n") + ("true" if answer else "false") + "\n"


def write_results(fmt: str, columns: Sequence[str], rows: Iterable[Row]) -> str:
    """SELECT rows in one of `RESULT_TYPES`."""
    writers = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}
    return writers[fmt](columns, rows)


def write_boolean(fmt: str, answer: bool) -> str:
    """An ASK answer in one of `RESULT_TYPES`."""
    if fmt == "json":
        return boolean_json(answer)
    if fmt == "xml":
        return boolean_xml(answer)
    return boolean_text(answer, fmt)


# ---- for people: a text table ------------------------------------------------------------
def compact(iri: str, prefixes: dict[str, str]) -> str:
    """`https://geokg.org/id/Sa%C3%AFd_Chanegriha` → `id:Saïd_Chanegriha` (longest namespace wins)."""
    best = ""
    for name, namespace in prefixes.items():
        if iri.startswith(namespace) and len(namespace) > len(prefixes.get(best, "")):
            local = iri[len(namespace):]
            if local and not any(ch in local for ch in "/#?<> "):
                best = name
    if not best:
        return iri
    return f"{best}:{urllib.parse.unquote(iri[len(prefixes[best]):])}"


def display(term: Term | None, prefixes: dict[str, str]) -> str:
    """A term as a person reads it: compact IRIs, literal values without quotes or tags."""
    if term is None:
        return ""
    if term.get("type") == "uri":
        return compact(term["value"], prefixes)
    return " ".join(plain(term).split()) if term.get("type") == "literal" else plain(term)


def _fit(natural: list[int], room: int) -> list[int]:
    """Column widths within `room`: narrow columns keep their width, wide ones share the rest."""
    widths = list(natural)
    left, pending = room, sorted(range(len(natural)), key=lambda i: natural[i])
    while pending:
        share = left // len(pending)
        i = pending.pop(0)
        widths[i] = max(min(natural[i], share), min(natural[i], 6))
        left -= widths[i]
    return widths


def table(columns: Sequence[str], rows: Sequence[Row], *, width: int = 120,
          prefixes: dict[str, str] | None = None) -> str:
    """An aligned text table that fits `width` columns (long cells end in "…")."""
    cells = [[display(row.get(c), prefixes or {}) for c in columns] for row in rows]
    natural = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    gap = 2
    widths = _fit(natural, max(width - gap * (len(columns) - 1), 6 * len(columns)))

    def line(values: Sequence[str]) -> str:
        parts = [(v if len(v) <= w else v[:max(w - 1, 0)] + "…").ljust(w) for v, w in zip(values, widths, strict=True)]
        return (" " * gap).join(parts).rstrip()

    out = [line(list(columns)), line(["─" * w for w in widths])]
    out += [line(r) for r in cells]
    return "\n".join(out)
