"""Error messages of the view and analysis commands.

They follow `kg.errors.Errors` (a code, what went wrong, what to do); the codes E070–E079 are
reserved for this package until they move into `kg.errors.Errors`.
"""

from __future__ import annotations


class AnalysisErrors:
    """Error messages, by code. Use `AnalysisErrors.E070.format(...)`."""

    E070 = ("E070 invalid {which} date {value!r}: use YYYY-MM-DD, YYYY-MM or YYYY "
            "(e.g. --since 2023-08 --until 2023-12-31).")
    E071 = "E071 --since {since} is after --until {until}; nothing can match."
    E072 = "E072 invalid minimum confidence {value!r}: it must be a number between 0 and 1."
    E073 = "E073 no entity named {name!r}{hint}"
    E074 = ("E074 the name {name!r} fits {count} entities: {choices}. Use the full name "
            "(e.g. --focus {example!r}).")
    E075 = "E075 invalid depth {value!r}: it must be a whole number from 0 to 10."
    E076 = ("E076 cannot open the store {path!r}: {why}. Pass an RDF file with --graph FILE "
            "instead (e.g. out/graph.ttl from `kg build`).")
