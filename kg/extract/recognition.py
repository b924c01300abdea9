"""Recognition given and withdrawn: "named Juan Guaido as interim president" (`supports`),
"no longer recognizes the legitimacy of President Maduro" / "refused to recognize X"
(`criticizes`: a rejection, which the general negation rule would otherwise drop)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.extract import deps
from kg.extract.args import MentionOf, mentions_for, subjects
from kg.extract.cache import tokens
from kg.extract.events import Candidate, fits
from kg.extract.lexicon import has_lemma

NAMING = {"name", "declare", "proclaim", "recognise", "recognize", "acknowledge", "endorse"}
LEGITIMATE = {"interim", "legitimate", "acting", "rightful", "elected", "transitional"}
HEADS = {"president", "leader", "head", "ruler", "government", "prime"}
RECOGNISE = {"recognise", "recognize", "acknowledge"}
WITHDRAWN = ("no longer", "ceased to", "stopped", "refuse to", "refused to", "refuses to",
             "withdrew", "withdraw", "withdraws")


def recognition_events(doc: Doc, mention_of: MentionOf) -> Iterator[Candidate]:
    """`supports` for recognition as a legitimate leader; `criticizes` for recognition withdrawn."""
    for tok in tokens(doc):
        lemma = tok.lemma_.lower()
        if lemma not in NAMING or tok.pos_ != "VERB":
            continue
        actors = subjects(tok, mention_of)
        if not actors:
            continue
        if lemma in RECOGNISE and _withdrawn(tok):
            targets = _recognised(tok, mention_of)
            for s in actors:
                for o in targets:
                    if fits(s, "criticizes", o):
                        yield s, "criticizes", o, tok, "recognition:withdrawn", "111", 0.7
            continue
        if any(c.dep_ == "neg" or c.lower_ in ("not", "n't", "never") for c in tok.children):
            continue
        role = _as_role(tok)
        if role is None:
            continue
        for s in actors:
            for o in _named(tok, role, mention_of):
                if o.cls == "Person" and fits(s, "supports", o):
                    yield s, "supports", o, tok, "recognition:as", "051", 0.75


def _named(verb: Token, role: Token, mention_of: MentionOf) -> list:
    """The people a naming verb names: its object ("named [National Assembly leader Juan
    Guaido]", however the parser labels it), outside the "as …" role."""
    out = []
    role_ids = {t.i for t in role.subtree}
    for t in [c for c in verb.children if c.dep_ in deps.DOBJ | {"xcomp", "attr", "oprd"}]:
        for u in t.subtree:
            m = mention_of(u) if u.i not in role_ids else None
            if m is not None and m.key and m.cls == "Person" and m not in out:
                out.append(m)
    return out


def _withdrawn(verb: Token) -> bool:
    """"no longer recognized", "refused to recognize", "withdrew recognition"."""
    doc = verb.doc
    before = " " + " ".join(t.lower_ for t in doc[max(0, verb.i - 3):verb.i]) + " "
    return any(f" {w} " in before for w in WITHDRAWN)


def _recognised(verb: Token, mention_of: MentionOf) -> list:
    """Whom: the object, or the owner of "the legitimacy of X" / "X's authority"."""
    out = []
    for t in deps.direct_objects(verb):
        found = mentions_for(t, mention_of)
        if not found:
            found = [m for w, o in deps.prep_objects(t, "of") for m in mentions_for(o, mention_of)]
        out += found
    return out


def _as_role(verb: Token) -> Token | None:
    """The "as interim president" the verb names someone to, when it is a legitimate head's role."""
    for word, obj in deps.prep_objects(verb, "as"):
        words = {t.lower_ for t in obj.subtree}
        if words & HEADS and (words & LEGITIMATE or has_lemma(verb, RECOGNISE)):
            return obj
    return None


__all__ = ["recognition_events"]
