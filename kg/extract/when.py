"""The date of an event: a date or year the sentence gives near the trigger, else the document's."""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Token

from kg.ingest.dates import find_date

_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


def event_date(trigger: Token, default: date | None) -> date | None:
    """"…held by the Soviet Union in 1954…" → 1954-01-01 (year precision); otherwise `default`."""
    for ent in trigger.sent.ents:
        if ent.label_ != "DATE" and not _YEAR.match(ent.text):
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
        if _YEAR.match(tok.text) and tok.head.lower_ == "in" and (default is None or int(tok.text) != default.year):
            return date(int(tok.text), 1, 1)
    return default
