"""Threats said without a threat verb: force held out as an option ("ECOWAS will take all
necessary measures to restore order in Niger, including the use of force", "Turkey warned of
military action against the Kurdish militia") — `threatens` from the actor of the clause to the
state or force the force would be used against."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.extract import deps
from kg.extract.args import MentionOf, asserted, subjects
from kg.extract.cache import lowers, sent_of, tokens
from kg.extract.events import Candidate, fits
from kg.extract.lexicon import has_lemma

# word sequences naming force held out as an option
FORCE_OPTIONS = [("use", "of", "force"), ("use", "of", "military", "force"), ("military", "intervention"),
                 ("military", "action"), ("military", "option"), ("armed", "intervention"),
                 ("military", "force")]
TARGET_PREPS = ("in", "against", "on")
CAMEO = "138"  # threaten with military force


def force_threats(doc: Doc, mention_of: MentionOf) -> Iterator[Candidate]:
    """`threatens` candidates (see module docstring)."""
    lower = lowers(doc)
    toks = tokens(doc)
    for i, word in enumerate(lower):
        if word not in ("use", "military", "armed"):
            continue
        phrase = next((p for p in FORCE_OPTIONS if tuple(lower[i:i + len(p)]) == p), None)
        if phrase is None:
            continue
        head = toks[i + len(phrase) - 1] if phrase[0] != "use" else toks[i]
        verb = _governor(head)
        if verb is None or not asserted(verb) or has_lemma(verb, REFUSING):
            continue
        actors = subjects(verb, mention_of)
        targets = _targets(head, verb, mention_of, {a.key for a in actors})
        for s in actors:
            for o in targets:
                if fits(s, "threatens", o):
                    yield s, "threatens", o, head, "threat:force", CAMEO, 0.65


REFUSING = {"rule", "reject", "oppose", "deny", "exclude", "refuse", "say", "tell", "avoid", "condemn",
            "criticise", "criticize", "denounce", "fear"}


def _governor(head: Token) -> Token | None:
    """The verb the force phrase is an object or oblique of (not a subject: "the use of force
    would be a mistake" holds nothing out)."""
    node = head
    for _ in range(5):
        if node.dep_ in deps.SUBJ | deps.PASS_SUBJ or node.head == node:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def _targets(head: Token, verb: Token, mention_of: MentionOf, actors: set[str]) -> list:
    """The state the force would be used against: "in/against X" on the phrase, the verb or
    the clause the phrase completes ("measures to restore order in Niger, including …")."""
    sent = sent_of(head)
    found = []
    for node in [head, verb, *[c for c in verb.children if c.dep_ in ("xcomp", "advcl", "acl")]]:
        for word, obj in deps.prep_objects(node):
            if word in TARGET_PREPS:
                for t in obj.subtree:
                    m = mention_of(t)
                    if m is not None and m.key and m.key not in actors and m.cls in ("Country", "ArmedForce",
                                                                                      "Organization") \
                            and sent.start <= t.i < sent.end and m not in found:
                        found.append(m)
    return found


__all__ = ["force_threats"]
