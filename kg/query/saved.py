"""Saved questions: one SPARQL file each in `kg/query/queries/`, described by its header.

A question file starts with comment lines that name it and declare its parameters:

```sparql
# title: Who supports an actor
# description: One row per supporter: how often, first and last date, an example sentence.
# param: actor entity required -- the actor supported: any of its names, or its IRI
# example: kg query --name supporters --param actor=Niger
PREFIX geo: <https://geokg.org/ontology#>
SELECT ?actor ?supporter … WHERE { … ?a rdf:object ?actor … }
```

A parameter is a variable of the query (SELECT it: bindings follow SEP-0007 substitution)
with a kind: `entity` (any of an entity's names, or its IRI), `relation` (one of the 17
core relations), `date` (YYYY, YYYY-MM or YYYY-MM-DD, a partial date meaning its first day),
`date-end` (a partial date meaning its last day), `string` or `integer`. Your own `.rq`
files (`kg query -f`) may declare parameters the same way.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import XSD, Literal
from rdflib.term import Node

from kg.query.errors import QueryError, QueryErrors

QUERIES_DIR = Path(__file__).resolve().parent / "queries"
KINDS = ("entity", "relation", "date", "date-end", "string", "integer")
_HEADER = re.compile(r"^#\s*(title|description|param|example):\s*(.*?)\s*$")
_PARAM = re.compile(r"^(\w+)\s+([\w-]+)\s+(required|optional)(?:\s+--\s+(.*))?$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


@dataclass(frozen=True)
class Param:
    """One parameter of a question: a variable bound to an RDF term."""

    name: str
    kind: str
    required: bool
    help: str = ""

    def usage(self) -> str:
        """`--param actor=NAME (required): the actor…`."""
        placeholder = {"entity": "NAME", "relation": "RELATION", "date": "DATE", "date-end": "DATE",
                       "integer": "N"}.get(self.kind, "TEXT")
        need = "required" if self.required else "optional"
        return f"--param {self.name}={placeholder} ({need})" + (f": {self.help}" if self.help else "")


@dataclass(frozen=True)
class SavedQuestion:
    """A question stored as a SPARQL file with a header."""

    name: str
    title: str
    text: str
    params: tuple[Param, ...] = ()
    description: str = ""
    example: str = ""
    path: str = ""

    def param(self, name: str) -> Param:
        """The parameter called `name`, or E153."""
        for p in self.params:
            if p.name == name:
                return p
        raise QueryError(QueryErrors.E153.format(what=f"saved question {self.name!r}", param=name,
                                                 choices=", ".join(p.name for p in self.params) or "none"))

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready description (the SPARQL server's `/questions`)."""
        return {"name": self.name, "title": self.title, "description": self.description,
                "example": self.example, "sparql": self.text,
                "params": [{"name": p.name, "kind": p.kind, "required": p.required, "help": p.help}
                           for p in self.params]}


def parse_question(text: str, *, name: str, path: str = "") -> SavedQuestion:
    """Read a question's header; a header line that does not parse raises E167."""
    fields: dict[str, list[str]] = {"title": [], "description": [], "param": [], "example": []}
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = _HEADER.match(line)
        if match:
            fields[match.group(1)].append(match.group(2))
    params = []
    for spec in fields["param"]:
        match = _PARAM.match(spec)
        if not match or match.group(2) not in KINDS:
            raise QueryError(QueryErrors.E167.format(
                path=path or name, why=f"'# param: {spec}' is not 'NAME KIND required|optional -- help' "
                                       f"with KIND one of {', '.join(KINDS)}"))
        params.append(Param(match.group(1), match.group(2), match.group(3) == "required", match.group(4) or ""))
    return SavedQuestion(name=name, title=" ".join(fields["title"]) or name, text=text, params=tuple(params),
                         description=" ".join(fields["description"]), example=" ".join(fields["example"]),
                         path=path)


@lru_cache(maxsize=1)
def _load_all(folder: str) -> dict[str, SavedQuestion]:
    found = {}
    for path in sorted(Path(folder).glob("*.rq")):
        found[path.stem] = parse_question(path.read_text(encoding="utf-8"), name=path.stem, path=str(path))
    return found


def saved_questions() -> dict[str, SavedQuestion]:
    """The saved questions shipped with geokg, by name."""
    return dict(_load_all(str(QUERIES_DIR)))


def get_question(name: str) -> SavedQuestion:
    """One saved question by name, or E151 listing them."""
    questions = saved_questions()
    if name not in questions:
        raise QueryError(QueryErrors.E151.format(name=name, choices=", ".join(questions)))
    return questions[name]


def parse_assignments(items: tuple[str, ...] | list[str]) -> dict[str, str]:
    """`["actor=Niger", "since=2023"]` → `{"actor": "Niger", "since": "2023"}` (E154 otherwise)."""
    values: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"\w+", key):
            raise QueryError(QueryErrors.E154.format(text=item))
        if key in values:
            raise QueryError(QueryErrors.E154.format(text=f"{item} (given twice)"))
        values[key] = value.strip()
    return values


def date_literal(value: str, *, param: str, end: bool = False) -> Literal:
    """A date parameter as `xsd:date`; YYYY and YYYY-MM mean the period's first (or, with
    `end`, last) day."""
    match = _DATE.match(value.strip())
    try:
        if not match:
            raise ValueError("expected YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = int(match.group(1)), match.group(2), match.group(3)
        if month is None:
            when = dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        elif day is None:
            last = calendar.monthrange(year, int(month))[1]
            when = dt.date(year, int(month), last if end else 1)
        else:
            when = dt.date(year, int(month), int(day))
    except ValueError as e:
        raise QueryError(QueryErrors.E162.format(value=value, param=param, kind="date", why=e)) from None
    return Literal(when.isoformat(), datatype=XSD.date)


def simple_value(param: Param, value: str) -> Node:
    """A `date`, `date-end`, `string` or `integer` parameter as an RDF literal."""
    if param.kind in ("date", "date-end"):
        return date_literal(value, param=param.name, end=param.kind == "date-end")
    if param.kind == "integer":
        try:
            return Literal(int(value))
        except ValueError:
            raise QueryError(QueryErrors.E162.format(value=value, param=param.name, kind="integer",
                                                     why="not a whole number")) from None
    return Literal(value)
