"""Orders to leave: "the junta ordered French troops to leave the country", "Mali told the UN
mission to withdraw", "declared Pakistani defence advisers persona non grata" — an expulsion,
so the one ordering `sanctions` the state (or body) whose people or forces are ordered out
(relations.md: expelling diplomats is a sanction)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.extract import deps
from kg.extract.args import MentionOf, asserted, mentions_for, owners, subjects
from kg.extract.cache import tokens
from kg.extract.events import Candidate, fits
from kg.extract.lexicon import has_lemma

ORDERING = {"order", "tell", "instruct", "ask", "give"}
LEAVING = {"leave", "withdraw", "depart", "quit", "exit", "go"}
CAMEO = "166"  # expel or deport individuals; withdraw peacekeepers


def ordered_out(doc: Doc, mention_of: MentionOf) -> Iterator[Candidate]:
    """`sanctions` from who orders others out to whom they belong (see module docstring)."""
    for tok in tokens(doc):
        if tok.pos_ != "VERB":
            continue
        declared = has_lemma(tok, ("declare",)) and _persona_non_grata(tok)  # "declared X persona non grata"
        ordered = has_lemma(tok, ORDERING) and any(c.dep_ == "xcomp" and has_lemma(c, LEAVING) for c in tok.children)
        if not (declared or ordered) or not asserted(tok):
            continue
        ordered = [m for t in deps.direct_objects(tok) for m in (mentions_for(t, mention_of) or owners(t, mention_of))]
        for s in subjects(tok, mention_of):
            for o in ordered:
                if s.key != o.key and fits(s, "sanctions", o):
                    yield s, "sanctions", o, tok, "ordered-out", CAMEO, 0.7


def _persona_non_grata(verb) -> bool:
    """Whether "persona non grata" is said of the verb's object (within its clause)."""
    words = [t.lower_ for t in verb.subtree]
    return any(words[i:i + 3] == ["persona", "non", "grata"] for i in range(len(words) - 2))


__all__ = ["ordered_out"]
