"""Dependency relations under both label schemes spaCy pipelines use.

Our own pipeline is trained on Universal Dependencies (obj, obl + case, nsubj:pass,
nmod:poss); spaCy's `en_core_web_*` use ClearNLP labels (dobj, prep + pobj, nsubjpass, poss).
Rules ask these helpers instead of testing labels directly.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

SUBJ = {"nsubj", "csubj", "expl"}
PASS_SUBJ = {"nsubjpass", "nsubj:pass", "csubjpass", "csubj:pass"}
DOBJ = {"dobj", "obj"}
DATIVE = {"dative", "iobj"}
POSS = {"poss", "nmod:poss"}
MODIFIERS = {"amod", "compound", "nmod", "npadvmod", "nmod:npmod", "flat", "nummod"} | POSS
RELCL = {"relcl", "acl:relcl", "acl"}
PRT = {"prt", "compound:prt"}
UD_OBLIQUE = {"obl", "nmod", "obl:npmod", "obl:tmod", "obl:agent", "advcl", "nmod:unmarked", "obl:unmarked"}


def is_passive(verb: Token) -> bool:
    """True for a passive verb ("was signed")."""
    return any(c.dep_ in PASS_SUBJ or c.dep_ in ("auxpass", "aux:pass") for c in verb.children)


def subject_tokens(verb: Token) -> list[Token]:
    """Active subjects of `verb` (a name the parser took for a vocative or dislocated phrase before a
    verb without subject is its subject: news has no vocatives)."""
    found = [c for c in verb.children if c.dep_ in SUBJ]
    if not found and not any(c.dep_ in PASS_SUBJ for c in verb.children):
        found = [c for c in verb.children if c.dep_ in ("vocative", "dislocated") and c.i < verb.i
                 and c.pos_ == "PROPN"]
    return found


def passive_subject_tokens(verb: Token) -> list[Token]:
    """Passive subjects ("Mali was attacked": Mali)."""
    return [c for c in verb.children if c.dep_ in PASS_SUBJ]


def direct_objects(verb: Token) -> list[Token]:
    """Direct objects; failing one, a noun the parser took for a clause ("hosted his counterpart/
    ccomp"), or a noun phrase shifted behind a comma-set adverbial that the parser hung as
    parataxis ("attacked, in the early hours of Sunday, the positions of X")."""
    found = [c for c in verb.children if c.dep_ in DOBJ]
    if found or verb.pos_ not in ("VERB", "AUX"):
        return found
    # a noun taken for a clause ("hosted his Somali counterpart/ccomp NAME"): no subject, no copula
    found = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("NOUN", "PROPN") and c.i > verb.i
             and not any(k.dep_ in SUBJ or k.dep_ in PASS_SUBJ or k.dep_ in ("cop", "mark") for k in c.children)]
    if found or any(c.dep_ in ("ccomp", "xcomp", "csubj") or c.dep_ in PASS_SUBJ for c in verb.children):
        return found
    return [c for c in verb.children if c.dep_ in ("parataxis", "dep") and c.i > verb.i + 1
            and c.pos_ in ("NOUN", "PROPN") and "," in (c.left_edge.text, verb.doc[c.left_edge.i - 1].text)
            and not any(k.dep_ == "case" for k in c.children)]


def datives(verb: Token) -> list[Token]:
    """Indirect objects ("gave Ukraine weapons")."""
    return [c for c in verb.children if c.dep_ in DATIVE]


def case_word(token: Token) -> str | None:
    """The preposition a UD nominal carries as its `case` child ("in" of "in Russia")."""
    words = [c.lower_ for c in token.children if c.dep_ == "case" and c.pos_ in ("ADP", "SCONJ", "PART")
             and c.tag_ != "POS" and c.lower_ not in ("'s", "’s", "'")
             or token.dep_ == "advcl" and c.dep_ == "mark" and c.pos_ in ("ADP", "SCONJ") and c.i < token.i]
    if not words:  # "on 16 Venezuelan officials" with "on" hung on the number
        words = [g.lower_ for c in token.children if c.dep_ == "nummod" and c.i < token.i
                 for g in c.children if g.dep_ == "case" and g.pos_ == "ADP" and g.i < c.i]
    return " ".join(words) if words else None


def prep_objects(head: Token, prep: str | None = None) -> Iterator[tuple[str, Token]]:
    """(preposition, object) pairs attached to `head`, under either scheme; only `prep` if given."""
    for child in head.children:
        if child.dep_ in ("prep", "agent", "dative") and child.pos_ == "ADP":
            word = child.lower_
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp") and (prep is None or word == prep):
                    yield word, obj
        elif child.dep_ in UD_OBLIQUE or child.dep_.startswith(("obl", "nmod")) and child.dep_ not in POSS:
            word = case_word(child)
            if word is not None and (prep is None or word == prep):
                yield word, child


def agent_tokens(verb: Token) -> list[Token]:
    """The "by X" agent of a passive verb."""
    return [obj for word, obj in prep_objects(verb, "by")] if is_passive(verb) else []


def is_relcl(token: Token) -> bool:
    """True for a relative clause or participial modifier."""
    return token.dep_ in RELCL


def particles(verb: Token) -> list[Token]:
    """Verb particles ("call on", "cut off")."""
    return [c for c in verb.children if c.dep_ in PRT]


def is_negator(token: Token) -> bool:
    """"not", "n't", "never", "no" attached as negation (ClearNLP `neg`; UD advmod/det)."""
    return token.dep_ == "neg" or token.lower_ in ("not", "n't", "never") and token.dep_ in ("advmod", "neg") \
        or token.lower_ == "no" and token.dep_ == "det"
