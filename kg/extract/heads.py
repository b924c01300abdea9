"""`leaderOf` said with a verb: "Tinubu, who chairs ECOWAS", "Prigozhin headed the Wagner group",
"Putin has led Russia since 2000" — a named person heading a named body, force or state (not
"led a delegation", "led the talks": those objects are no entities)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.extract import deps
from kg.extract.args import MentionOf, asserted, mentions_for, subjects
from kg.extract.cache import tokens
from kg.extract.events import Candidate
from kg.extract.lexicon import has_lemma

HEADING = {"chair", "head", "lead", "command", "rule", "govern"}
LED = ("Country", "GovernmentBody", "ArmedForce", "InternationalOrganization", "Organization")


def heading_verbs(doc: Doc, mention_of: MentionOf) -> Iterator[Candidate]:
    """`leaderOf` from a person to what the person chairs, heads, leads or rules."""
    for tok in tokens(doc):
        if tok.pos_ != "VERB" or not has_lemma(tok, HEADING) or deps.is_passive(tok) \
                or not asserted(tok):
            continue
        # the object must be the name itself ("led the Russian delegation" is no lead of Russia)
        led = [m for t in deps.direct_objects(tok) for m in mentions_for(t, mention_of) if m.cls in LED
               and m.start <= t.i < m.end and m.kind not in ("adjective", "description", "office")]
        if not led:
            continue
        for s in subjects(tok, mention_of):
            if s.cls != "Person":
                continue
            for o in led:
                yield s, "leaderOf", o, tok, "verb:head", None, 0.75


__all__ = ["heading_verbs"]
