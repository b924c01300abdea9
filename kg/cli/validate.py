"""`kg validate`: check the store (or RDF files) against the SHACL shapes."""

from __future__ import annotations

import click

from kg.store.errors import StoreError, StoreErrors
from kg.store.options import StoreOptions, store_options
from kg.store.validate import read_rdf, validate_graph


@click.command("validate")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=str))
@store_options
@click.option("--max", "limit", default=50, show_default=True, type=int, help="Show at most this many violations.")
def validate_cmd(files: tuple[str, ...], store: StoreOptions, limit: int) -> None:
    """Validate the store (or FILES: .ttl, .nt, .nq, .trig, .jsonld, .rdf) against
    ontologies/shapes.ttl: every entity has one class and a label, every relation's subject
    and object fit the relation guide, every relation triple has its provenance (document,
    evidence, offsets). Prints one line per violation; exits non-zero when invalid.

    Example:
        kg validate
        kg validate out/graph.ttl
    """
    if files:
        where = ", ".join(files)
        report = validate_graph(read_rdf(list(files)), limit=limit)
    else:
        with store.open(create=False) as target:
            where = target.location
            report = target.validate(limit=limit)
    for line in report.lines():
        click.echo(line)
    if not report.conforms:
        raise StoreError(StoreErrors.E115.format(where=where, count=report.total))
