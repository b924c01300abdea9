"""Stances that are criticism (relations.md: "Concerned by", "views X as a terrorist group" →
`criticizes`): "Japan is concerned by China's military buildup", "Washington is deeply worried
about Russian troop movements" — the one concerned criticises the actor named in (or owning)
what concerns it; "Iran views the Islamic State as a terrorist group", "the PKK, which Ankara
considers a terrorist organisation" — the one labelling criticises the one labelled."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.extract import deps
from kg.extract.args import MentionOf, asserted, mentions_for, owners, subjects
from kg.extract.cache import sent_of, tokens
from kg.extract.events import Candidate, fits
from kg.extract.lexicon import lemma_keys

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


LABELLING = {"view", "consider", "regard", "designate", "label", "brand", "list", "call", "describe", "deem",
             "classify", "declare", "see"}
HOSTILE = {"terrorist", "terrorists", "terror", "threat", "enemy", "enemies", "rogue", "criminal", "pariah"}
RELATIVE_OBJECTS = {"which", "that", "who", "whom"}


def label_events(doc: Doc, mention_of: MentionOf) -> Iterator[Candidate]:
    """`criticizes` from who labels an actor a terrorist group, a threat or an enemy, to it."""
    for tok in tokens(doc):
        if tok.pos_ != "VERB" or not any(k in LABELLING for k in lemma_keys(tok)) or not asserted(tok):
            continue
        end = min(sent_of(tok).end, tok.i + 10)
        label = next((t.i for t in doc[tok.i + 1:end] if t.lower_ in HOSTILE), None)
        if label is None:
            continue
        labelled = next(([m] for t in doc[tok.i + 1:label] if (m := mention_of(t)) is not None), [])
        if not labelled and tok.dep_ in ("acl:relcl", "relcl") and any(
                c.lower_ in RELATIVE_OBJECTS and c.i < tok.i for c in tok.children):
            labelled = mentions_for(tok.head, mention_of)  # "the PKK, which Ankara considers a …"
        for s in subjects(tok, mention_of):
            for o in labelled:
                if s.key != o.key and fits(s, "criticizes", o):
                    yield s, "criticizes", o, tok, "stance:label", CAMEO, 0.7


__all__ = ["concern_events", "label_events"]
