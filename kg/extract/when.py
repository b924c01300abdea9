"""The date of an event: a date or year the sentence gives near the trigger, else the document's."""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Token

from kg.extract.cache import sent_of
from kg.ingest.dates import find_date

_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


_DATES = "kg_date_ents"


def _dates(doc) -> list:  # noqa: ANN001 (Doc)
    """The document's date entities and bare years, found once (`Span.ents` walks all of them)."""
    cached = doc.user_data.get(_DATES)
    if cached is None:
        cached = doc.user_data[_DATES] = [e for e in doc.ents if e.label_ == "DATE" or _YEAR.match(e.text)]
    return cached


WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _weekday(trigger: Token) -> int | None:
    """A weekday named in the trigger's clause ("on Tuesday"), as 0–6."""
    for tok in list(trigger.children) + [g for c in trigger.children for g in c.children]:
        if tok.lower_ in WEEKDAYS:
            return WEEKDAYS.index(tok.lower_)
    return None


def event_date(trigger: Token, default: date | None) -> date | None:
    """The date of the event a trigger names.

    "…held by the Soviet Union in 1954…" → 1954-01-01 (year precision); "on Tuesday" in a
    document of Thursday 2023-08-03 → 2023-08-01 (news weekdays refer to the past week);
    a full date in the clause → that date; otherwise the document's date (`default`).
    """
    weekday = _weekday(trigger)
    if weekday is not None and default is not None:
        return default - timedelta(days=(default.weekday() - weekday) % 7)
    sent = sent_of(trigger)
    for ent in _dates(trigger.doc):
        if not sent.start <= ent.start < sent.end:
            continue
        if not (ent.root.is_ancestor(trigger) or trigger.is_ancestor(ent.root) or ent.root.head == trigger
                or ent.root.head.head == trigger):
            continue
        full = find_date(ent.text)
        if full:
            return full
        m = re.search(r"\b(1[89]\d\d|20\d\d)\b", ent.text)
        if m and (default is None or int(m.group(1)) != default.year):
            return date(int(m.group(1)), 1, 1)
    for tok in trigger.subtree:
        marked = tok.head.lower_ == "in" or any(c.dep_ == "case" and c.lower_ == "in" for c in tok.children)
        if _YEAR.match(tok.text) and marked and (default is None or int(tok.text) != default.year):
            return date(int(tok.text), 1, 1)
    return default
