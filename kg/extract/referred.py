"""Acts criticised by reference: "North Korea fired two ballistic missiles on Thursday. … The
United States condemns the ballistic missile launch" — whoever condemns "the launch", "the
attack", "the strikes", "the invasion", "the coup" criticises the one who did that act, named as
the subject of the last verb of that kind before it in the document."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.extract import deps
from kg.extract.args import MentionOf, asserted, mentions_for, owners, subjects
from kg.extract.cache import tokens
from kg.extract.events import Candidate, fits
from kg.extract.lexicon import lemma_keys

CONDEMNING = {"condemn", "denounce", "criticize", "criticise", "decry", "deplore", "slam", "censure"}
_ATTACKS = {"attack", "strike", "shell", "bomb", "invade", "raid", "fire", "launch", "target", "storm"}
# an act named by a noun → the verbs that do it
ACTS = {
    "attack": _ATTACKS, "attacks": _ATTACKS, "strike": _ATTACKS, "strikes": _ATTACKS, "airstrike": _ATTACKS,
    "airstrikes": _ATTACKS, "assault": _ATTACKS, "shelling": _ATTACKS, "bombing": _ATTACKS,
    "bombardment": _ATTACKS, "raid": _ATTACKS, "raids": _ATTACKS, "incursion": _ATTACKS,
    "invasion": {"invade", "attack"}, "offensive": {"launch", "attack"},
    "launch": {"launch", "fire", "test"}, "launches": {"launch", "fire", "test"},
    "test": {"test", "launch", "fire"}, "tests": {"test", "launch", "fire"},
    "coup": {"seize", "overthrow", "oust", "depose"}, "takeover": {"seize", "overthrow", "oust", "depose"},
    "seizure": {"seize"}, "annexation": {"annex"},
}
CAMEO = "111"


def referred_acts(doc: Doc, mention_of: MentionOf) -> Iterator[Candidate]:
    """`criticizes` from who condemns an act named by a bare noun to who did it (module docstring)."""
    for tok in tokens(doc):
        if tok.pos_ != "VERB" or not any(k in CONDEMNING for k in lemma_keys(tok)) or not asserted(tok):
            continue
        for obj in deps.direct_objects(tok):
            verbs = ACTS.get(obj.lower_)
            if verbs is None or mentions_for(obj, mention_of) or owners(obj, mention_of) \
                    or any(w in ("by", "on", "against", "of") for w, _o in deps.prep_objects(obj)):
                continue  # "Russia's attack", "the attack on Kyiv", "the attack by X": read elsewhere
            actors = _last_actors(doc, tok.i, verbs, mention_of)
            for s in subjects(tok, mention_of):
                for o in actors:
                    if s.key != o.key and fits(s, "criticizes", o):
                        yield s, "criticizes", o, tok, f"referred:{obj.lower_}", CAMEO, 0.65


def _last_actors(doc: Doc, before: int, verbs: set[str], mention_of: MentionOf):
    """The subjects of the last verb of `verbs` before token `before` that has a named subject."""
    for tok in reversed(tokens(doc)[:before]):
        if tok.pos_ == "VERB" and any(k in verbs for k in lemma_keys(tok)) and asserted(tok):
            found = subjects(tok, mention_of)
            if found:
                return found
    return []


__all__ = ["referred_acts"]
