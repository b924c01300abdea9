"""Concern as criticism (relations.md: "Concerned by … → `criticizes`"): "Japan is concerned by
China's military buildup", "Washington is deeply worried about Russian troop movements" — the
one concerned `criticizes` the actor named in (or owning) what concerns it."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.extract import deps
from kg.extract.args import MentionOf, asserted, mentions_for, owners
from kg.extract.cache import tokens
from kg.extract.events import Candidate, fits

CONCERNED = {"concerned", "worried", "alarmed", "troubled", "disturbed", "dismayed", "appalled"}
ABOUT = ("by", "about", "over", "at", "with")
CAMEO = "111"  # criticise or denounce


def concern_events(doc: Doc, mention_of: MentionOf) -> Iterator[Candidate]:
    """`criticizes` from the one concerned to the cause of its concern (see module docstring)."""
    for tok in tokens(doc):
        if tok.lower_ not in CONCERNED or not asserted(tok):
            continue
        holders = [m for t in deps.subject_tokens(tok) + deps.passive_subject_tokens(tok)
                   for m in mentions_for(t, mention_of)]
        if not holders and tok.head != tok and tok.dep_ in ("xcomp", "acomp", "ccomp"):
            holders = [m for t in deps.subject_tokens(tok.head) for m in mentions_for(t, mention_of)]
        causes = []
        for word, obj in deps.prep_objects(tok):
            if word in ABOUT:
                causes += mentions_for(obj, mention_of) or owners(obj, mention_of)
        for s in holders:
            for o in causes:
                if s.key != o.key and fits(s, "criticizes", o):
                    yield s, "criticizes", o, tok, "stance:concern", CAMEO, 0.7


__all__ = ["concern_events"]
