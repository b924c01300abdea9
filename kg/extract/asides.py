"""Participle asides: "The Polisario Front – supported by Algeria – …", "M23, backed by
Rwanda, …" — the agent of a relation verb set off between a name and its "by" phrase, read at
the token level whatever the parse made of it."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.extract.args import MentionOf
from kg.extract.cache import tokens
from kg.extract.events import Candidate, fits
from kg.extract.lexicon import lemma_keys, lexicon

ASIDE = {",", "–", "—", "-", "("}


def aside_events(doc: Doc, mention_of: MentionOf) -> Iterator[Candidate]:
    """"The Polisario Front – supported by Algeria – …", "M23, backed by Rwanda,": a participle
    aside between a name and its "by" agent, whatever the parse made of it."""
    verbs = lexicon().relations["verbs"]
    for tok in tokens(doc):
        if tok.tag_ != "VBN" or tok.i < 2 or tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "by":
            continue
        lemma = next((k for k in lemma_keys(tok) if k in verbs), None)
        if lemma is None or doc[tok.i - 1].text not in ASIDE:
            continue
        patient, agent = mention_of(doc[tok.i - 2]), mention_of(doc[tok.i + 2])
        entry = verbs[lemma]
        if patient is not None and agent is not None and "dobj" in entry["obj"] and fits(agent, entry["rel"], patient):
            yield agent, entry["rel"], patient, tok, f"aside:{lemma}", entry.get("cameo"), 0.75


__all__ = ["aside_events"]
