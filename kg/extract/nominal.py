"""Events named by nouns: "U.S. sanctions on Venezuela", "his visit to Morocco", "criticism of
the Algerian government by Israeli Foreign Minister Yair Lapid", "the suspension of diplomatic
relations with Morocco", "during a meeting with Belarusian Ambassador Igor Nazaryuk".

The noun names the act and a preposition on it the other party (`event_nouns` in
`data/relations.json`). The actor is, in order: a "by" phrase; the possessor ("his", "Russia's");
a country adjective or name on the noun ("U.S. sanctions", "Russian strikes"); or the subject of
the clause the noun belongs to, when it is the object of an agentive verb ("Algeria announced
the suspension…") or sits in a time/occasion phrase ("… said during a meeting with …").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.extract import deps
from kg.extract.args import (
    TARGET_NOUNS,
    MentionOf,
    asserted,
    mentions_for,
    subjects,
    target_owners,
)
from kg.extract.cache import sent_of, tokens
from kg.extract.events import SYMMETRIC, Candidate, fits
from kg.extract.hosts import HOST_VERBS
from kg.extract.lexicon import has_lemma, lemma_keys, lexicon, noun_key
from kg.extract.shallow import left_actors


def nominal_events(doc: Doc, mention_of: MentionOf) -> Iterator[Candidate]:
    """Interaction candidates from event nouns (see module docstring)."""
    lex = lexicon().relations
    table = {k: v for k, v in lex["event_nouns"].items() if not k.startswith("_")}
    for tok in tokens(doc):
        key = noun_key(tok, table) if tok.pos_ in ("NOUN", "PROPN") else None
        if key is None:
            continue
        entry = table[key]
        if entry.get("of_lemmas") and not any(has_lemma(o, entry["of_lemmas"])
                                              for _w, o in deps.prep_objects(tok, "of")):
            continue
        governor = _clause_verb(tok)
        if governor is None and not asserted(tok):
            continue  # "Modi is not on a visit to France"
        if governor is not None and not asserted(governor):
            root = sent_of(tok).root
            # a time or occasion phrase the parser hung on a hedged subordinate clause
            # ("X said during a meeting with Y that trade would grow") belongs to the main clause
            if root != governor and _framed(tok, governor, lex["frame_preps"]) and asserted(root):
                governor = root
            else:
                continue
        if entry["rel"] == "visits" and governor is not None and tok.dep_ in deps.DOBJ \
                and any(k in HOSTING for k in lemma_keys(governor)):
            continue  # "the EU will be hosting a conference in Brussels": a host does not visit
        patients = _patients(tok, entry, mention_of)
        rel, cameo = entry["rel"], entry.get("cameo")
        rule = f"noun-event:{key}"
        threatened = governor is not None and tok.dep_ in deps.DOBJ and has_lemma(governor, THREATENING)
        if rel in ("sanctions", "attacks") and (threatened or any(
                c.dep_ == "amod" and has_lemma(c, THREATENING) for c in tok.children)):
            # "threatened sanctions against Caracas": a threat, not the act (relations.md)
            actors = subjects(governor, mention_of) if threatened else _agents(tok, entry, governor, mention_of, lex)
            for s in actors:
                for o in patients:
                    if fits(s, "threatens", o):
                        yield s, "threatens", o, tok, rule + ":threatened", "130", 0.7
            continue
        if governor is not None and tok.dep_ in deps.DOBJ and has_lemma(governor, RECEIVING):
            # "X received backing from Y", "X, which receives aid from Y": Y acts on X
            givers = [m for _w, o in deps.prep_objects(tok, "from") for m in mentions_for(o, mention_of)]
            for s in givers:
                for o in subjects(governor, mention_of):
                    if fits(s, rel, o):
                        yield s, rel, o, tok, rule + ":received", cameo, 0.7
            continue
        if not patients:
            if rel in SYMMETRIC and entry["obj"] == ["with"]:
                # "Japarov and Rakhmon agreed … in a meeting in Uzbekistan": the meeting's own agents
                agents = _agents(tok, entry, governor, mention_of, lex)
                for n, s in enumerate(agents):
                    for o in agents[n + 1:]:
                        if fits(s, rel, o):
                            yield s, rel, o, tok, rule + ":pairs", cameo, 0.7
            continue
        agents = _agents(tok, entry, governor, mention_of, lex)
        for s in agents:
            for o in patients:
                if fits(s, rel, o):
                    yield s, rel, o, tok, rule, cameo, 0.75


HOSTING = HOST_VERBS | {"stage", "hold"}
RECEIVING = {"receive", "get", "obtain", "enjoy", "accept", "secure", "win", "gain"}
THREATENING = {"threaten", "warn"}
# what a state's support is for, standing for the state: "its commitment to Lebanon's sovereignty"
STANDS_FOR_OWNER = {"sovereignty", "independence", "security", "integrity", "people", "cause", "right",
                    "rights", "struggle", "government", "efforts", "bid", "candidacy", "stability"}


def _patients(noun: Token, entry: dict, mention_of: MentionOf) -> list:
    heads = [noun] + [o for _w, o in deps.prep_objects(noun, "of") if entry.get("of_lemmas")]
    out = []
    for head in heads:
        for prep in entry["obj"]:
            for _w, obj in deps.prep_objects(head, prep):
                found = mentions_for(obj, mention_of)
                if not found and obj.lower_ in TARGET_NOUNS:
                    found = target_owners(obj, mention_of)  # "airstrikes on Hezbollah targets"
                elif not found and obj.lower_ in STANDS_FOR_OWNER and entry["rel"] in ("supports", "cooperatesWith"):
                    # "commitment to Lebanon's sovereignty", "solidarity with the Palestinian people"
                    found = [m for c in obj.children if c.dep_ in deps.POSS or c.dep_ in ("amod", "compound")
                             for m in mentions_for(c, mention_of) if m.cls != "Location"]
                out.extend(m for m in found if m not in out)
    light = lexicon().relations["light_verbs"]
    if not out and entry["rel"] != "visits" and noun.dep_ in deps.DOBJ and noun.head != noun and not any(
            # light verbs are events.py's; "hosting a conference in Brussels" is no visit
            f"{v} {n}" in light for v in lemma_keys(noun.head) for n in lemma_keys(noun)):
        # "approved a loan to Egypt": the other party on the verb
        for prep in entry["obj"]:
            for _w, obj in deps.prep_objects(noun.head, prep):
                out.extend(m for m in mentions_for(obj, mention_of) if m not in out)
    return out


def _agents(noun: Token, entry: dict, governor: Token | None, mention_of: MentionOf, lex: dict) -> list:
    by = [m for _w, o in deps.prep_objects(noun, "by") for m in mentions_for(o, mention_of)]
    if by:
        return by
    if any(c.dep_ == "cop" for c in noun.children):  # "Modi is on a state visit to France"
        found = [m for c in noun.children if c.dep_ in deps.SUBJ for m in mentions_for(c, mention_of)]
        if found:
            return found
    if not entry.get("agent_verbs_only") and not entry.get("agent_from_clause"):
        own = []
        for child in noun.children:
            if child.dep_ in deps.POSS or child.dep_ in ("compound", "amod", "nmod") and deps.case_word(child) is None:
                m = mention_of(child)
                if m is not None and m.key:
                    own.append(m)
        if own:
            return own
    if governor is None or governor.head == noun:
        # no clause above the noun (a misparse such as "imposed/amod sanctions/ROOT"):
        # the name just before it, passing an agentive verb
        return left_actors(noun, mention_of, through=frozenset(lex["agent_verbs"]))
    if noun.dep_ in deps.DOBJ and has_lemma(governor, lex["agent_verbs"]):
        return subjects(governor, mention_of)
    if not entry.get("agent_verbs_only") and (_framed(noun, governor, lex["frame_preps"])
                                              or _travelled_for(noun, governor)):
        found = subjects(governor, mention_of)
        if not found:  # "X said … during a meeting with Y": the frame may hang off a lower clause
            found = subjects(sent_of(noun).root, mention_of)
        return found
    return []


TRAVEL = {"arrive", "travel", "fly", "come", "go", "head", "leave", "depart", "land", "return", "visit", "journey"}


def _travelled_for(noun: Token, governor: Token) -> bool:
    """"X travelled to Moscow for talks with Y", "X returned from a visit to Y": the purpose or
    the origin of a journey is the traveller's."""
    return noun.head == governor and deps.case_word(noun) in ("for", "from") \
        and any(k in TRAVEL for k in lemma_keys(governor))


def _framed(noun: Token, governor: Token, preps: list[str]) -> bool:
    """True when the noun sits in a time or occasion phrase of the clause ("… said during a
    meeting with …", "Speaking at the start of the summit in Vilnius, …")."""
    node = noun
    while node != governor and node.head != node:
        if deps.case_word(node) in preps or node.head.dep_ == "prep" and node.head.lower_ in preps:
            return True
        node = node.head
    return False


def _clause_verb(noun: Token) -> Token | None:
    """The verb whose clause the noun belongs to (through prepositions and objects)."""
    node = noun
    for _ in range(4):
        head = node.head
        if head == node:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head
        node = head
    return None
