"""Datelines that place a visiting leader: "HANOI — Chinese President Xi Jinping said…" gives
`Xi Jinping visits Hanoi` (relations.md: "a dateline placing a visiting leader"), when the
person is the one speaking or acting in the dateline's sentence and leads or serves another
state than the dateline city's."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.extract.cache import sent_of
from kg.extract.events import Candidate
from kg.extract.mentions import Mention
from kg.extract.naming import Namer

CAMEO = "042"  # make a visit


def dateline_visits(doc: Doc, mentions: list[Mention], namer: Namer) -> Iterator[Candidate]:
    """`visits` from the first name after a dateline, when it is a person's, to the dateline city
    (read at the token level: parsers make the dateline the sentence's subject or root)."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for place in ordered:
        if not place.dateline or place.cls != "Location" or not place.key:
            continue
        city_state = place.metonym or place.country
        end = sent_of(doc[place.start]).end
        after = [m for m in ordered if place.end < m.start < end and not m.dateline and m.kind != "adjective"]
        person = after[0] if after else None
        if person is None or person.cls != "Person" or not person.key or not _said_or_acted(doc, person, end):
            continue
        home = namer.state_served(person)
        if home and city_state and home != city_state:
            yield person, "visits", place, doc[place.start], "dateline", CAMEO, 0.7


def _said_or_acted(doc: Doc, person: Mention, end: int) -> bool:
    """The name is followed by its verb ("Xi said", "Xi met"), not a possessive or a list."""
    j = person.end
    while j < end and doc[j].pos_ in ("AUX", "ADV", "PART") and doc[j].tag_ != "POS":
        j += 1
    return j < end and doc[j].pos_ == "VERB"


__all__ = ["dateline_visits"]
