"""`kg remove`: retract documents from the store."""

from __future__ import annotations

import click

from kg.store.options import StoreOptions, store_options


@click.command("remove")
@click.argument("doc_ids", nargs=-1, required=True)
@store_options
@click.option("--missing-ok", is_flag=True, help="Remove the documents that are there even if some are not.")
def remove_cmd(doc_ids: tuple[str, ...], store: StoreOptions, missing_ok: bool) -> None:
    """Remove documents (by id) and their facts from the store.

    Each document's graph goes, one transaction each; entities that no remaining document
    names go too, and the others keep only the names remaining documents use. `kg stats`
    lists the ids. Unless --missing-ok, an id the store does not hold is an error and nothing
    is removed.

    Example:
        kg remove russia-algeria-military-ties-2023-08-02
        kg remove doc-17 doc-18 --store graphs/news
    """
    with store.open(create=False) as target:
        removed = target.remove_many(doc_ids, missing_ok=missing_ok)
        for doc_id in removed:
            click.echo(f"removed: {doc_id}")
        left = len(target.documents())
    missing = [d for d in dict.fromkeys(doc_ids) if d not in removed]
    for doc_id in missing:
        click.echo(f"not in the store: {doc_id}", err=True)
    click.echo(f"{len(removed)} removed; the store {target.location} holds {left} documents")
