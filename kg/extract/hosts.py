"""Hosts and guests. Hosts and brokers of talks `negotiatesWith` each side (relations.md):
"Qatar hosted talks between Iran and Egypt", "thanked Oman for hosting the talks between the
two sides", "talks hosted by Qatar", "a Qatar-brokered deal". Guests joining a meeting
`meetsWith` its hosts: "Allies will be joined by the leaders of Australia and Japan"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.extract import deps
from kg.extract.args import SAYING, MentionOf, asserted, mentions_for, subjects, unique
from kg.extract.cache import tokens
from kg.extract.events import Candidate
from kg.extract.groups import group_members, is_group, sentence_states
from kg.extract.lexicon import has_lemma
from kg.extract.mentions import Mention

HOST_VERBS = {"host", "facilitate", "sponsor", "organise", "organize", "convene", "broker", "mediate"}
TALK_NOUNS = {"talk", "talks", "negotiation", "negotiations", "meeting", "summit", "dialogue", "discussion",
              "consultation", "round", "rounds", "deal", "agreement", "accord", "truce", "ceasefire", "cease-fire"}
HOSTED = {"brokered", "mediated", "hosted", "sponsored", "facilitated"}
CAMEO = "046"


def hosted_talks(doc: Doc, mention_of: MentionOf) -> Iterator[Candidate]:
    """`negotiatesWith` from a host or broker to each party of the talks it hosts."""
    for tok in tokens(doc):
        compound = tok.lower_ in HOSTED and tok.i >= 2 and doc[tok.i - 1].text in ("-", "–") and tok.head.i > tok.i
        if not compound and tok.pos_ in ("VERB", "AUX") and has_lemma(tok, HOST_VERBS) and asserted(tok):
            hosts = _hosts(tok, mention_of)
            keys = {h.key for h in hosts}
            for talk in _talk_objects(tok):
                parties = _parties(talk, mention_of, exclude=keys)
                if not parties and (talk == tok.head or talk.i == tok.i - 1):
                    # "X and Y agreed to a ceasefire brokered by Z", "restored ties in a deal brokered by Z"
                    parties = [m for m in _governing_subjects(talk, mention_of) if m.key not in keys] \
                        or _pair_of_sentence(talk, mention_of, keys)
                for host in hosts:
                    yield from _each(host, parties, tok)
        elif compound:
            host = mention_of(doc[tok.i - 2])  # "a Qatar-brokered deal"
            talk = tok.head
            if host is not None and host.key and has_lemma(talk, TALK_NOUNS):
                parties = _parties(talk, mention_of, exclude={host.key}) or _governing_subjects(talk, mention_of) \
                    or _pair_of_sentence(talk, mention_of, {host.key})
                yield from _each(host, parties, tok)


def joined_by(doc: Doc, mention_of: MentionOf) -> Iterator[Candidate]:
    """"X will be joined by Y" (at a summit, talks): `meetsWith` (active "X joined NATO" is membership)."""
    for tok in tokens(doc):
        if has_lemma(tok, ("join",)) and deps.is_passive(tok) and asserted(tok):
            hosts = unique([m for t in deps.passive_subject_tokens(tok) for m in mentions_for(t, mention_of)])
            guests = unique([m for t in deps.agent_tokens(tok) for m in mentions_for(t, mention_of)])
            for h in hosts:
                for g in guests:
                    if g.key != h.key:
                        yield h, "meetsWith", g, tok, "joined-by", "040", 0.7


def _each(host: Mention, parties: list[Mention], trigger: Token) -> Iterator[Candidate]:
    for party in parties:
        if party.key != host.key and party.cls != "Location":
            yield host, "negotiatesWith", party, trigger, "host:talks", CAMEO, 0.7


def _governing_subjects(talk: Token, mention_of: MentionOf) -> list[Mention]:
    """The parties of a deal named only as the subjects of the clause it is in ("X and Y agreed to…")."""
    verb = next((a for a in talk.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None or talk.dep_ in deps.SUBJ or has_lemma(verb, SAYING):
        return []  # "a truce mediated by Z, Y said" (misparsed as the subject of "said"): not Y's deal
    return subjects(verb, mention_of)


def _pair_of_sentence(talk: Token, mention_of: MentionOf, exclude: set[str]) -> list[Mention]:
    """The two states a sentence names besides the host ("Iran, Saudi Arabia to restore ties in
    China-brokered deal"), when there are exactly two."""
    states = sentence_states(talk, mention_of, exclude=exclude)
    return states if len(states) == 2 else []


def _talk_objects(verb: Token) -> list[Token]:
    """The talks a host verb governs: its object ("hosted talks", "hosted rounds of talks"), or,
    for a passive / participle ("talks hosted by Qatar"), the noun it modifies (or the talk noun
    right before it: "ties in a deal brokered by China")."""
    found = deps.passive_subject_tokens(verb) if deps.is_passive(verb) else deps.direct_objects(verb)
    if not found and verb.dep_ in ("acl", "amod") and verb.head.i < verb.i:
        found = [verb.head]
        if verb.i > 0 and has_lemma(verb.doc[verb.i - 1], TALK_NOUNS) and verb.i - 1 != verb.head.i:
            found.append(verb.doc[verb.i - 1])
    out = []
    for t in found:
        if t.lower_ in ("round", "rounds", "series"):
            out += [o for w, o in deps.prep_objects(t, "of")]
        out.append(t)
    return [t for t in out if has_lemma(t, TALK_NOUNS)]


def _parties(talk: Token, mention_of: MentionOf, *, exclude: set[str]) -> list[Mention]:
    out: list[Mention] = []
    for t in [talk] + [c for c in talk.children if c.dep_ in ("acl", "relcl")]:  # "talks held between…"
        for word, obj in deps.prep_objects(t):
            if word in ("between", "among", "with"):
                out += group_members(obj, mention_of, exclude=exclude) if is_group(obj) \
                    else mentions_for(obj, mention_of)
    return unique(out)


def _hosts(verb: Token, mention_of: MentionOf) -> list[Mention]:
    """Who hosts: the subject, the passive agent, or — for "thanked Oman for hosting" — the
    object of the verb the gerund hangs on."""
    if verb.dep_ in ("pcomp", "advcl", "acl") and any(c.lower_ == "for" for c in verb.children) \
            or verb.head.lower_ == "for":
        anchor = verb.head.head if verb.head.lower_ == "for" else verb.head
        objs = [m for o in deps.direct_objects(anchor) for m in mentions_for(o, mention_of)]
        if objs:
            return objs
    if verb.dep_ in ("acl", "amod") or deps.is_passive(verb):  # "talks hosted by Qatar", "a truce brokered by…"
        return unique([m for _w, t in deps.prep_objects(verb, "by") for m in mentions_for(t, mention_of)])
    return subjects(verb, mention_of)


__all__ = ["hosted_talks", "joined_by"]
