"""Errors and warnings of querying and serving (codes E150–E199, W150–W159).

Every message says what went wrong and what to do; the command line prints it as one line,
the SPARQL server sends it as the plain-text body of the error response.
"""

from __future__ import annotations

from kg.errors import KGError


class QueryError(KGError):
    """A query, a saved question or one of its parameters is unusable."""


class QueryTimeout(QueryError):
    """A query ran longer than its time limit and was stopped."""


class QueryErrors:
    """Query error messages, by code. Use `QueryErrors.E150.format(...)`."""

    E150 = "E150 invalid SPARQL in {what}: {why}"
    E151 = "E151 unknown saved question {name!r}. `kg query --list` shows them: {choices}."
    E152 = ("E152 saved question {name!r} needs --param {param}=VALUE ({help}). "
            "Example: {example}")
    E153 = "E153 {what} has no parameter {param!r}; its parameters: {choices}."
    E154 = "E154 --param {text!r} is not KEY=VALUE (e.g. --param actor=Niger)."
    E155 = ("E155 no entity named {name!r} in the store{hint}. Names are matched against every label "
            "and alternative name (case and accents ignored); an IRI (<https://…>) works too.")
    E156 = ("E156 {name!r} names {count} entities: {choices}. Pass one of these names, or an IRI.")
    E157 = "E157 {name!r} is not a relation; choose one of: {choices}."
    E158 = "E158 cannot read the query file {path}: {why}."
    E159 = ("E159 {what} is a SPARQL Update ({keyword}); queries here are read-only. Change the "
            "store with `kg build` / `kg remove`.")
    E160 = ("E160 {what} uses SERVICE, which would make this server fetch another endpoint; "
            "federated queries are refused.")
    E161 = ("E161 the query ran longer than the limit of {seconds:g} s and was stopped. Add LIMIT, "
            "narrow its patterns, or raise the limit ({option}).")
    E162 = "E162 bad value {value!r} for {param} ({kind}): {why}."
    E163 = "E163 --format {fmt} does not fit a {form} query; use one of: {choices}."
    E164 = "E164 no query given: pass QUERY text, -f FILE (- for standard input), --name NAME or --list."
    E165 = "E165 give one query only: QUERY text, -f FILE or --name NAME ({given})."
    E166 = ("E166 the binding {name!r} is not a variable the query selects; bindings need the "
            "variable in the SELECT clause (or SELECT *).")
    E167 = "E167 the saved-question file {path} is malformed: {why}."
    E170 = "E170 cannot listen on {host}:{port} ({why}). Pass another --port (0 picks a free one)."
    E171 = ("E171 all {workers} query workers stayed busy for {seconds:g} s; try again shortly, or "
            "start the server with more --workers.")
    E172 = "E172 the query worker failed ({why}); the query was not answered."
    E173 = "E173 the request body is larger than the limit of {limit} bytes (--max-body)."
    E174 = "E174 {what}"
    E175 = "E175 no result format for {accept!r} on a {form} query; the server offers: {choices}."
    E176 = "E176 cannot start the query workers: {why}."
    E177 = ("E177 the query is {length} characters long, over the limit of {limit} (--max-query); "
            "shorten it, or start the server with a larger --max-query.")


class QueryWarnings:
    """Warning messages, by code."""

    W150 = ("W150 serving on {host}:{port}, reachable from other machines: anyone who can reach it "
            "can read the whole graph (read-only, no authentication).")
    W151 = "W151 the answer was cut at {rows} rows (--max-rows); page with LIMIT/OFFSET."
    W152 = ("W152 {store} is not an embedded store: queries run in threads, so a query over the "
            "time limit is answered with an error but not stopped (the remote server's own limits apply).")
