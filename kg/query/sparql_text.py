"""What can be told about a SPARQL text without parsing it: its form, SERVICE clauses, prefixes.

Standard library only: the SPARQL server's query workers load this module by path.

The scanner blanks out comments, string literals and IRIs (leftmost match first, so a `#`
inside an IRI or a keyword inside a string is never seen) and then looks at the words left.
Checks that guard the server (`uses_service`, `update_keyword`) look at the text both as
written and with `\\uXXXX` escapes decoded, and err on the side of refusing.
"""

from __future__ import annotations

import re

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")

#: Prefixes every query may use without declaring them (`id:` is the store's base IRI).
STANDARD_PREFIXES = {
    "geo": "https://geokg.org/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "wd": "http://www.wikidata.org/entity/",
}

_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'          # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'                  # short strings
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>'  # IRIs
    r"|#[^\n\r]*",                             # comments
    re.DOTALL)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_PROLOGUE = re.compile(r"^\s*(?:(?:BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)\s*)*", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:])", re.IGNORECASE)
_POSITION = re.compile(r"error at (\d+):(\d+)")


def scrub(text: str) -> str:
    """`text` with comments, string literals and IRIs blanked out, keeping every offset: a
    comment becomes spaces, a string `"   "`, an IRI `<   >` (line breaks are kept)."""
    def blank(match: re.Match[str]) -> str:
        token = match.group(0)
        inner = re.sub(r"[^\n]", " ", token)
        if token.startswith("#"):
            return inner
        return token[0] + inner[1:-1] + token[-1]

    return _TOKENS.sub(blank, text)


def decode_escapes(text: str) -> str:
    """`text` with SPARQL codepoint escapes (`\\u0053`, `\\U00000053`) replaced by their characters."""
    def char(match: re.Match[str]) -> str:
        try:
            return chr(int(match.group(1) or match.group(2), 16))
        except ValueError:
            return match.group(0)

    return _ESCAPE.sub(char, text)


def _views(text: str) -> tuple[str, ...]:
    decoded = decode_escapes(text)
    return (scrub(text),) if decoded == text else (scrub(text), scrub(decoded))


def _form_of(scrubbed: str) -> str | None:
    rest = scrubbed[_PROLOGUE.match(scrubbed).end():]  # type: ignore[union-attr]
    word = _WORD.match(rest)
    return word.group(0).upper() if word else None


def query_form(text: str) -> str | None:
    """The first keyword after the prologue: SELECT, ASK, CONSTRUCT, DESCRIBE, an update
    keyword (INSERT, DELETE, LOAD, …), or None when there is none."""
    return _form_of(scrub(text))


def update_keyword(text: str) -> str | None:
    """The update operation `text` starts with (INSERT, LOAD, …), or None for a query."""
    for view in _views(text):
        form = _form_of(view)
        if form in UPDATE_KEYWORDS:
            return form
    return None


def uses_service(text: str) -> bool:
    """True when `text` has a SERVICE clause (as written, or after decoding escapes)."""
    return any(_SERVICE.search(view) for view in _views(text))


def explain_syntax_error(message: str, text: str) -> str:
    """The parser's complaint, its position in words and the text there.

    Example:
        "error at 1:5: expected …" → "column 5: expected … (near 'SELEC ?x')"
    """
    match = _POSITION.search(message)
    if not match:
        return message
    line, column = int(match.group(1)), int(match.group(2))
    rest = message[match.end():].lstrip(": ")
    if len(rest) > 160:  # Oxigraph lists every token it would have accepted
        rest = rest[:150].rsplit(",", 1)[0] + ", …"
    source = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    near = source[max(0, column - 21):column + 20].strip()
    where = f"line {line}, column {column}" if len(text.splitlines()) > 1 else f"column {column}"
    return f"{where}: {rest}" + (f" (near {near!r})" if near else "")
