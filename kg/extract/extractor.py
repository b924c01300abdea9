"""`extract()`: a parsed document → its entities and facts, with evidence."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.asides import aside_events
from kg.extract.cache import sent_of
from kg.extract.datelines import dateline_visits
from kg.extract.events import Candidate, fits, verb_events
from kg.extract.expulsions import ordered_out
from kg.extract.hosts import hosted_talks, joined_by
from kg.extract.mentions import Mention, find_mentions
from kg.extract.model import Entity, Extraction, Fact
from kg.extract.naming import Namer, default_namer
from kg.extract.nominal import nominal_events
from kg.extract.recognition import recognition_events
from kg.extract.referred import referred_acts
from kg.extract.relation_nouns import noun_events
from kg.extract.resolver import (
    ALLIANCE_WORDS,
    PRONOUNS,
    DocResolver,
    description_antecedent,
    pronoun_antecedent,
)
from kg.extract.stance import concern_events, label_events
from kg.extract.standing import standing_facts
from kg.extract.threats import force_threats
from kg.extract.when import event_date
from kg.ingest.document import Document


def extract(doc: Doc, document: Document, *, namer: Namer | None = None) -> Extraction:
    """Find the entities and facts of one parsed document.

    Args:
        doc: The spaCy `Doc` of `document.text` (any pipeline with a parser and NER).
        document: The document (its id and date are used).
        namer: Canonical naming; defaults to the shipped gazetteer.

    Returns:
        The entities mentioned and the facts stated, each fact with its evidence sentence
        and character offsets into `document.text`.
    """
    namer = namer or default_namer()
    extraction = Extraction(doc_id=document.id)
    mentions, owner = find_mentions(doc, namer)
    DocResolver(namer, document.date).resolve(mentions, extraction, doc)

    def mention_of(token: Token) -> Mention | None:
        m = owner[token.i]
        if m is None and token.lower_ in PRONOUNS:
            return pronoun_antecedent(doc, token.i, owner)
        if m is None and (token.pos_ == "NOUN" or token.pos_ == "PROPN" and token.lower_ in ALLIANCE_WORDS):
            return description_antecedent(doc, token.i, owner)
        return m if m is not None and m.key and not m.dateline else None

    candidates: list[Candidate] = []
    candidates.extend(standing_facts(doc, mentions, mention_of, namer))
    candidates.extend(verb_events(doc, mention_of))
    candidates.extend(noun_events(doc, mention_of))
    candidates.extend(nominal_events(doc, mention_of))
    candidates.extend(aside_events(doc, mention_of))
    candidates.extend(hosted_talks(doc, mention_of))
    candidates.extend(joined_by(doc, mention_of))
    candidates.extend(force_threats(doc, mention_of))
    candidates.extend(recognition_events(doc, mention_of))
    candidates.extend(dateline_visits(doc, mentions, namer))
    candidates.extend(concern_events(doc, mention_of))
    candidates.extend(label_events(doc, mention_of))
    candidates.extend(referred_acts(doc, mention_of))
    candidates.extend(ordered_out(doc, mention_of))
    seen: set[tuple[str, str, str, int]] = set()
    text = doc.text  # built from the tokens on every access
    for s, pred, o, trigger, rule, cameo, confidence in candidates:
        s, o = _metonyms(s, pred, o, namer)
        if not s.key or not o.key or s.key == o.key or not fits(s, pred, o) and pred not in _STANDING:
            continue
        sent = sent_of(trigger)
        key = (s.key, pred, o.key, sent.start_char)
        if key in seen:
            continue
        seen.add(key)
        for m in (s, o):
            if m.key not in extraction.entities:
                extraction.add_entity(Entity(m.key, m.cls, set(), m.wikidata))
        start, end = _trimmed(text, sent.start_char, sent.end_char)
        when = event_date(trigger, document.date) if cameo else None
        extraction.facts.append(Fact(subject=s.key, predicate=pred, object=o.key, start=start, end=end,
                                     evidence=text[start:end], rule=rule, confidence=confidence,
                                     cameo=cameo, when=when))
    serves = {m.key: namer.country(iso3).name for m in mentions if m.cls == "Person" and m.key
              and (iso3 := namer.state_served(m)) and iso3 in namer.gaz.countries}
    extraction.facts = _consistent(extraction.facts, serves)
    for entity in extraction.entities.values():
        if entity.cls in ("GovernmentBody", "ArmedForce"):
            entity.aliases |= namer.body_aliases(entity.key)
    return extraction


_STANDING = {"leaderOf", "partOf", "memberOf", "locatedIn"}


def _metonyms(s: Mention, pred: str, o: Mention, namer: Namer) -> tuple[Mention, Mention]:
    """A capital acting stands for its state ("Moscow urged…", "cut ties with Tehran")."""
    if pred in ("locatedIn", "borders"):
        return s, o
    s = namer.state_of(s) or s if s.cls == "Location" else s
    if o.cls == "Location" and (pred not in ("visits", "attacks") or pred == "attacks" and o.metonym_only):
        o = namer.state_of(o) or o
    return s, o


def _consistent(facts: list[Fact], serves: dict[str, str] | None = None) -> list[Fact]:
    """Drop what the document's own standing facts contradict:

    * `borders` between a place and what contains it (a misparse: "Kyrgyzstan's southern Batken
      province borders…" read with the noun "borders");
    * an interaction between an actor and its own state ("Blinken will meet senior U.S. military
      officials" is no meeting of Blinken with the United States), the state being the one the
      person leads or serves (`leaderOf` it, or a body `partOf` it; `serves`: person → the state
      of their title, deputies' too) or the body is part of.
    """
    serves = serves or {}
    inside = {(f.subject, f.object) for f in facts if f.predicate in ("locatedIn", "partOf")}
    part_of = {f.subject: f.object for f in facts if f.predicate == "partOf"}
    home: dict[str, set[str]] = {person: {state} for person, state in serves.items()}
    for f in facts:
        if f.predicate == "leaderOf":
            home.setdefault(f.subject, set()).update({f.object, part_of.get(f.object, f.object)})
        elif f.predicate == "partOf":
            home.setdefault(f.subject, set()).add(f.object)

    def own(a: str, b: str) -> bool:
        if b in home.get(a, ()) or a in home.get(b, ()):
            return True
        # a person and an organ of the state they serve ("Biden ordered US troops to leave"); two
        # people of one state may well meet
        return (a in serves or b in serves) and (a in part_of or b in part_of) \
            and bool((home.get(a, set()) | {a}) & (home.get(b, set()) | {b}))

    return [f for f in facts
            if not (f.predicate == "borders" and ((f.subject, f.object) in inside or (f.object, f.subject) in inside))
            and not (f.predicate in _INTERACTIONS_WITH_OTHERS and own(f.subject, f.object))]


# interactions an actor cannot have with its own state or organ
_INTERACTIONS_WITH_OTHERS = {"meetsWith", "visits", "negotiatesWith", "cooperatesWith", "signsAgreementWith",
                             "providesAidTo", "appealsTo", "sanctions", "threatens"}


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


__all__ = ["extract"]
