"""Interactions and borders named by relationship nouns: "Russian-Algerian ties", "talks
between X and Y", "X's border with Y", "Russia's ally Belarus", "the meeting of the presidents
of X and Y" (events named by act nouns with a preposition for the other party are in
`nominal.py`)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.extract import deps
from kg.extract.args import MentionOf, asserted, mentions_for, subjects
from kg.extract.cache import sent_of, tokens
from kg.extract.events import Candidate, fits
from kg.extract.groups import group_members, is_group
from kg.extract.lexicon import has_lemma, lemma_keys, lexicon, noun_key
from kg.extract.mentions import Mention


def noun_events(doc: Doc, mention_of: MentionOf) -> Iterator[Candidate]:
    """Interactions and borders named by nouns: "Russian-Algerian ties", "talks between X and Y",
    "X's border with Y", "the meeting of the presidents of X and Y"."""
    nouns = lexicon().relations["nouns"]
    for tok in tokens(doc):
        nounlike = tok.pos_ in ("NOUN", "PROPN") or tok.tag_ == "VBG" and not deps.subject_tokens(tok) \
            and any(w == "between" for w, _o in deps.prep_objects(tok)) \
            or tok.pos_ == "VERB" and tok.dep_ in deps.DOBJ | deps.SUBJ  # "Fighting between X and Y …", "denounced the drills/VERB"
        key = noun_key(tok, nouns) if nounlike else None
        if key is None:
            continue
        entry = nouns[key]
        if entry.get("needs_sign") and tok.head.lemma_.lower() not in ("sign", "conclude", "ink", "reach"):
            continue
        if entry["rel"] == "cooperatesWith" and _reduced(tok):
            continue  # "cut ties with": a sanction (light verb), not cooperation
        if not asserted(tok.head if tok.dep_ in deps.DOBJ | deps.SUBJ | deps.PASS_SUBJ else tok):
            continue
        if tok.tag_ == "NNS" and any(c.lower_ in GENERIC for c in tok.children):
            continue  # "withstood multiple wars": no event of its own
        rel, cameo = entry["rel"], entry.get("cameo")
        parties = _noun_parties(tok, mention_of)
        if entry.get("appos"):  # "Russia's ally Belarus", "their Rwandan allies", "the two Russian allies"
            members = [m for c in tok.children if c.dep_ in ("appos", "flat", "compound", "nmod:unmarked")
                       and c.i > tok.i or c.dep_ in deps.SUBJ and any(k.dep_ == "cop" for k in tok.children)
                       for m in mentions_for(c, mention_of) if m not in parties]  # also "X is Russia's ally"
            nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
            m = mention_of(nxt) if nxt is not None else None
            if m is not None and m not in parties and m not in members:
                members.append(m)  # … and those coordinated with it: "Russia's allies Belarus and Iran"
                members += [c for c in mentions_for(nxt, mention_of)[1:] if c not in parties and c not in members]
            if not members and nxt is not None and nxt.text == "," and tok.i + 2 < len(tok.doc) \
                    and mention_of(tok.doc[tok.i + 2]) is not None:  # "the two Chinese allies, Laos and Cambodia"
                nxt = tok.doc[tok.i + 2]
                members = [m for t in [nxt] + [c for c in tok.children if c.dep_ == "conj" and c.i > nxt.i]
                           + [c for c in nxt.children if c.dep_ == "conj"] for m in [mention_of(t)]
                           if m is not None and m.key]
            if not members and is_group(tok):
                members = group_members(tok, mention_of)
            if parties and members:  # the owner is allied with each member, not the members with each other
                for owner in parties:
                    for member in members:
                        if owner.key != member.key and fits(owner, rel, member):
                            yield owner, rel, member, tok, f"noun:{key}", cameo, 0.75
                continue
            parties += members
        if rel == "borders" and len(parties) < 2:
            parties = _sharers(tok, mention_of) + parties
        rule = f"noun:{key}"
        seen = set()
        listed = _with_list(tok, mention_of)
        for n, s in enumerate(parties):
            for o in parties[n + 1:]:
                if (s.key, o.key) in seen or not fits(s, rel, o) or s.key in listed and o.key in listed:
                    continue  # "talks with A, B and C": each with someone else, not with each other
                seen.add((s.key, o.key))
                aggressor = _possessor_of(tok, mention_of)
                if rel == "attacks" and aggressor is not None and aggressor.key in (s.key, o.key):
                    # "Russia's war with Ukraine": one aggressor; "the war between X and Y": both ways
                    a, b = (s, o) if aggressor.key == s.key else (o, s)
                    yield a, rel, b, tok, rule, cameo, 0.75
                    continue
                yield s, rel, o, tok, rule, cameo, 0.75
                if rel == "attacks":
                    yield o, rel, s, tok, rule, cameo, 0.7


def _noun_parties(noun: Token, mention_of: MentionOf) -> list[Mention]:
    parties: list[Mention] = []
    modifiers = [c for c in noun.children if c.dep_ in deps.MODIFIERS and deps.case_word(c) is None]
    if noun.dep_ in deps.DOBJ and noun.i > 0:
        # a name chain split off as another object ("denounced [the joint U.S.-South Korean Ulchi
        # Freedom Shield]/iobj [drills]/obj"): the chain modifies the noun
        before = noun.doc[noun.i - 1]
        if before.dep_ in deps.DOBJ | deps.DATIVE and before.head.i == noun.head.i and before.pos_ == "PROPN":
            modifiers.append(before)
    for child in modifiers:
        for t in child.subtree:
            m = mention_of(t)
            if m is not None and m.key and m not in parties:
                parties.append(m)
    for word, obj in deps.prep_objects(noun):
        if word in ("between", "with", "of", "among"):
            for m in mentions_for(obj, mention_of):
                if m not in parties:
                    parties.append(m)
    return parties


def _with_list(noun: Token, mention_of: MentionOf) -> set[str]:
    """Keys of a coordinated "with A, B and C" on the noun (two or more)."""
    keys = {m.key for _w, obj in deps.prep_objects(noun, "with") for m in mentions_for(obj, mention_of)}
    return keys if len(keys) > 1 else set()


def _possessor_of(noun: Token, mention_of: MentionOf) -> Mention | None:
    for child in noun.children:
        if child.dep_ in deps.POSS:
            return mention_of(child)
    return None


GENERIC = {"multiple", "several", "many", "numerous", "past", "previous", "frequent", "repeated", "countless"}
REDUCING = {"cut", "sever", "break", "suspend", "freeze", "end", "downgrade", "reduce", "rupture", "halt",
            "sour", "strain", "worsen", "deteriorate", "damage"}


def _reduced(noun: Token) -> bool:
    """True when a relationship noun is being cut, suspended or strained."""
    window = [noun.head] + [t for t in noun.doc[max(sent_of(noun).start, noun.i - 4):noun.i]]
    return any(k in REDUCING and not any(c.lower_ == "out" for c in t.children)  # "clashes broke out"
               for t in window for k in lemma_keys(t))


def _sharers(noun: Token, mention_of: MentionOf) -> list[Mention]:
    """"Algeria and Niger share a border": the subjects of the verb the noun is object of (and
    "with Sudan" when the parser hung it on the verb: "Ethiopia shares a long border with Sudan")."""
    verb = noun.head
    if noun.dep_ in deps.DOBJ | {"attr"} and has_lemma(verb, ("share", "have")):
        return subjects(verb, mention_of) + [m for _w, o in deps.prep_objects(verb, "with")
                                             for m in mentions_for(o, mention_of)]
    return []


__all__ = ["noun_events"]
