"""`kg query`: SPARQL (text, a file, or a saved question) against the store, printed as a table,
CSV, TSV, JSON or XML (SELECT/ASK) or as Turtle, JSON-LD, N-Triples or RDF/XML (CONSTRUCT)."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import threading
from pathlib import Path
from typing import Any

import click
from rdflib import Literal, URIRef

from kg.query.errors import QueryError, QueryErrors
from kg.query.result import QueryResult
from kg.query.run import execute, prefixes_for, run_question
from kg.query.saved import SavedQuestion, get_question, parse_assignments, parse_question, saved_questions
from kg.store.options import StoreOptions, store_options

RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "jsonld", "ntriples", "rdfxml")


def list_questions(as_json: bool) -> str:
    """The saved questions with their parameters (text, or JSON with `--format json`)."""
    questions = saved_questions()
    if as_json:
        return json.dumps([q.as_dict() for q in questions.values()], indent=2, ensure_ascii=False)
    lines = []
    for q in questions.values():
        lines.append(f"{q.name:<11} {q.title}")
        lines += [f"{'':<11}   {p.usage()}" for p in q.params]
        if q.example:
            lines.append(f"{'':<11}   e.g. {q.example}")
    lines.append("")
    lines.append("Run one with: kg query --name NAME --param KEY=VALUE …  (--show prints its SPARQL)")
    return "\n".join(lines)


def loose_term(value: str, prefixes: dict[str, str]) -> Any:
    """A --param for a query that does not declare it: `<iri>` or `prefix:name` → IRI, else text."""
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    match = re.match(r"^([A-Za-z][\w.-]*):([^\s<>\"]+)$", text)
    if match and match.group(1) in prefixes:
        return URIRef(prefixes[match.group(1)] + match.group(2))
    return Literal(value)


def _source(sparql: str | None, query_file: str | None, name: str | None) -> tuple[str, str, SavedQuestion | None]:
    """The query text, how errors name it, and its question (saved, or a file with a header)."""
    given = [what for what, value in (("QUERY", sparql), ("-f", query_file), ("--name", name)) if value]
    if len(given) > 1:
        raise QueryError(QueryErrors.E165.format(given=", ".join(given)))
    if name:
        question = get_question(name)
        return question.text, f"saved question {name!r}", question
    if query_file:
        try:
            text = sys.stdin.read() if query_file == "-" else Path(query_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise QueryError(QueryErrors.E158.format(path=query_file, why=getattr(e, "strerror", None) or e)) from None
        label = "standard input" if query_file == "-" else query_file
        question = parse_question(text, name=Path(label).stem, path=label)
        return text, label, question if question.params else None
    if sparql:
        return sparql, "the query given on the command line", None
    text = "" if sys.stdin is None or sys.stdin.isatty() else sys.stdin.read()
    if not text.strip():
        raise QueryError(QueryErrors.E164)
    return text, "standard input", None


def _in_thread(work: Any, timeout: float | None) -> QueryResult:
    """Run `work()` in a thread so that Ctrl-C and `--timeout` stop waiting for it at once.

    Oxigraph does not give control back until a query is done, so on either the process
    leaves with `os._exit` (its store is only read; nothing is left half-written).
    """
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = work()
        except BaseException as e:  # noqa: BLE001 (re-raised in the caller's thread)
            box["error"] = e

    thread = threading.Thread(target=target, name="kg-query", daemon=True)
    thread.start()
    try:
        thread.join(timeout)
    except KeyboardInterrupt:
        _leave("interrupted", 130)
    if thread.is_alive():
        _leave("error: " + QueryErrors.E161.format(seconds=timeout, option="--timeout"), 1)
    if "error" in box:
        raise box["error"]
    return box["result"]


def _leave(message: str, code: int) -> None:
    click.echo(message, err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _output(result: QueryResult, fmt: str | None) -> str:
    """The answer as text in `fmt` (None: a table on a terminal, else CSV; Turtle for graphs)."""
    if result.kind == "CONSTRUCT":
        choice = {None: "turtle", "table": "turtle", "json": "jsonld", "xml": "rdfxml"}.get(fmt, fmt)
        if choice not in GRAPH_FORMATS:
            raise QueryError(QueryErrors.E163.format(fmt=fmt, form="CONSTRUCT/DESCRIBE",
                                                     choices=", ".join(GRAPH_FORMATS + ("json", "xml"))))
        if result.graph is not None:
            for prefix, namespace in result.prefixes.items():
                result.graph.bind(prefix, namespace, override=False)
        return result.serialize(choice).rstrip("\n")
    if fmt in GRAPH_FORMATS:
        raise QueryError(QueryErrors.E163.format(fmt=fmt, form=result.kind, choices=", ".join(RESULT_FORMATS)))
    if result.kind == "ASK":
        return result.serialize(fmt).rstrip("\n") if fmt in ("json", "xml") else str(result.boolean).lower()
    if fmt is None:
        fmt = "table" if sys.stdout.isatty() else "csv"
    if fmt == "table":
        return result.table(width=shutil.get_terminal_size((120, 24)).columns)
    return result.serialize(fmt).rstrip("\r\n")


@click.command("query")
@click.argument("sparql", required=False, metavar="[QUERY]")
@click.option("-f", "--file", "query_file", default=None, metavar="FILE",
              help="Read the query from FILE (- for standard input). A file may declare parameters "
                   "in its header, like the saved questions.")
@click.option("-n", "--name", default=None, metavar="NAME", help="Run a saved question (see --list).")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the question (repeat for several). Entity parameters take any of "
                   "the entity's names or its IRI.")
@click.option("--list", "list_only", is_flag=True, help="List the saved questions and their parameters.")
@click.option("--show", is_flag=True, help="Print the SPARQL of --name or -f instead of running it.")
@click.option("--format", "fmt", default=None, type=click.Choice(RESULT_FORMATS + GRAPH_FORMATS),
              help="Output format [default: table on a terminal, else csv; turtle for CONSTRUCT/DESCRIBE]. "
                   "json and xml are the W3C SPARQL results formats.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help="Stop a query that runs longer than this.")
@store_options
def query_cmd(sparql: str | None, query_file: str | None, name: str | None, params: tuple[str, ...],
              list_only: bool, show: bool, fmt: str | None, timeout: float | None, store: StoreOptions) -> None:
    """Ask the graph a SPARQL question: SELECT and ASK print rows (a table on a terminal),
    CONSTRUCT and DESCRIBE print Turtle.

    Queries see every document's graph and the entities graph as one default graph, and may
    use geo:, rdf:, rdfs:, owl:, skos:, xsd:, prov:, dcterms:, wd: and id: without PREFIX.
    Saved questions (--list) take their parameters with --param; an entity parameter
    accepts any of its names ("Russian Federation" finds Russia).

    \b
    Example:
        kg query 'SELECT ?who ?whom WHERE { ?who geo:supports ?whom }'
        kg query --list
        kg query --name relations --param actor=Algeria
        kg query --name paths --param from=Russia --param to=Niger --format json
        kg query -f question.rq --store graphs/news --format csv > answer.csv
    """
    if list_only:
        click.echo(list_questions(fmt == "json"))
        return
    text, what, question = _source(sparql, query_file, name)
    if show:
        click.echo(text.rstrip("\n"))
        return
    values = parse_assignments(params)
    with store.open(create=False) as target:
        if question is not None:
            result = _in_thread(lambda: run_question(target, question, values, what=what), timeout)
        else:
            prefixes = prefixes_for(target)
            bindings = {k: loose_term(v, prefixes) for k, v in values.items()}
            result = _in_thread(lambda: execute(target, text, bindings, what=what), timeout)
    try:
        click.echo(_output(result, fmt))
        sys.stdout.flush()
    except BrokenPipeError:  # `kg query … | head`: the reader has all it wants
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    if result.kind == "SELECT" and (fmt in (None, "table")) and sys.stdout.isatty():
        count = len(result.terms)
        click.echo(f"({count} row{'s' if count != 1 else ''})" if count else "(no rows)", err=True)
