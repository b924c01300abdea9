"""Errors and warnings of the store (codes E100–E149, W100–W149).

Every message names the store (a folder or an endpoint URL), says what went wrong and what to
do. The command-line interface prints them as one line; nothing here prints.
"""

from __future__ import annotations

from kg.errors import KGError


class StoreError(KGError):
    """The store cannot be opened, read or written; it was left as it was."""


class StoreErrors:
    """Store error messages, by code. Use `StoreErrors.E100.format(...)`."""

    E100 = ("E100 {path}: the store is in use by another process (its lock is held). Close the "
            "other `kg` command or server, or pass another `--store`.")
    E101 = "E101 {path}: cannot open the store ({why}). Check the path and its permissions."
    E102 = ("E102 {path}: the store is damaged ({why}). Restore it from a backup or an export "
            "(`kg export --format nquads`), or move it away and rebuild.")
    E103 = ("E103 {path}: not a geokg store (the folder exists, is not empty and holds no store). "
            "Pass an empty or new folder to `--store`.")
    E104 = "E104 {path}: cannot write to the store ({why}). Nothing was changed."
    E105 = ("E105 {url}: not a usable SPARQL endpoint URL ({why}). Give the full http(s) URL of "
            "the query endpoint, e.g. http://localhost:8890/sparql.")
    E106 = ("E106 {url}: the SPARQL server cannot be reached ({why}). Check that it is running "
            "and the URL is right.")
    E107 = ("E107 {url}: the server refused the request (HTTP {status}: {why}). Check "
            "`--store-user`/`--store-password` and that the user may update (e.g. Virtuoso: "
            "GRANT SPARQL_UPDATE TO \"SPARQL\").")
    E108 = "E108 {url}: the server failed the request (HTTP {status}: {why})."
    E109 = "E109 {url}: the server's answer cannot be read ({why})."
    E110 = ("E110 {path}: the store holds documents under the base IRI {stored!r}, not {given!r}. "
            "Pass `--base-iri {stored}` or use another store.")
    E111 = ("E111 no document {ids} in the store {path}. `kg stats` lists the stored documents; "
            "pass `--missing-ok` to remove the others anyway.")
    E112 = "E112 invalid SPARQL query: {why}"
    E113 = ("E113 {path}: no store here yet. Build one with `kg build PATHS --store {path}` "
            "(or leave `--store` unset for the default store).")
    E114 = "E114 {path}: cannot read RDF to validate ({why})."
    E116 = "E116 {path}: cannot read the store ({why})."
    E115 = ("E115 {where}: {count} SHACL violation(s), listed above: the graph does not conform to "
            "ontologies/shapes.ttl.")


class StoreWarnings:
    """Store warning messages, by code."""

    W100 = ("W100 the default store {path} cannot be used ({why}); this build's graph is only "
            "written to the output folder. Pass `--store` to choose a store, or `--no-store`.")
    W101 = ("W101 {url}: the answer has {rows} rows, the server's limit; it may be truncated. "
            "Page with LIMIT/OFFSET.")
    W102 = "W102 document id {id!r} appears twice in this build ({first}, {second}); the later replaces the earlier."
