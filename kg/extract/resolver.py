"""Resolving mentions within a document: surnames, offices and pronouns → entities.

- A full name introduces a person; later "Shoigu" or "Mr Shoigu" is the same person.
- A title introduces an office holder; "the Russian Defence Minister" or "the head of the
  Russian military department" later is that holder. Failing the document, the gazetteer's
  office holders on the document's date answer.
- "he"/"she" at the start of a clause is the last person named as a subject.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from spacy.tokens import Doc

from kg.extract.cache import sent_of
from kg.extract.mentions import Mention
from kg.extract.model import Entity, Extraction
from kg.extract.naming import Namer
from kg.resolve.gazetteer import normalize

PRONOUNS = {"he": "Person", "she": "Person", "him": "Person", "her": "Person", "his": "Person", "its": "Country",
            "their": "Organization"}
ACTOR_PRONOUNS = {"its", "their"}


class DocResolver:
    """Per-document resolution state; see the module docstring."""

    def __init__(self, namer: Namer, when: date | None) -> None:
        self.namer = namer
        self.when = when
        self.holders: dict[tuple[str, str], str] = {}
        self.surnames: dict[str, str] = {}
        self.firstnames: dict[str, str] = {}
        self.acronyms: dict[str, tuple[str, str]] = {}
        self.doc: Doc | None = None

    def resolve(self, mentions: list[Mention], extraction: Extraction, doc: Doc | None = None) -> None:
        """Give every mention a key where possible, and register entities."""
        self.doc = doc
        for m in mentions:
            if m.cls == "Person" and m.kind in ("name", "title") and m.key:
                self._register_person(m)
            if doc is not None and m.key:
                self._register_acronym(m, doc)
        for m in mentions:
            if m.key in self.acronyms and m.kind not in ("adjective",):
                m.aliases.add(m.key)
                m.key, m.cls = self.acronyms[m.key]
            elif m.kind == "surname" and m.key:
                m.key = self._surname(m.key)
            elif m.kind == "name" and m.cls in ("Location", "Organization") and m.key and " " not in m.key \
                    and normalize(m.key) in (self.surnames.keys() | self.firstnames.keys()):
                # the NER took a person's first or last name for a place: "welcomed by Isaias"
                m.cls, m.key, m.metonym = "Person", self._surname(m.key), None
            elif m.kind == "office" and m.office:
                m.key = self._holder(m)
        alliance = _alliance(mentions)  # "the Alliance" tagged as a name of its own
        for m in mentions:
            if alliance is not None and m.key and m.key.lower().removeprefix("the ") in ALLIANCE_WORDS \
                    and m.cls != "InternationalOrganization":
                m.aliases.add(m.surface or m.key)
                m.key, m.cls, m.wikidata = alliance.key, alliance.cls, alliance.wikidata
        _merge_partial_names(mentions)
        states = {m.country for m in mentions if m.cls == "Country" and m.country}
        for m in mentions:
            if m.metonym is not None and m.metonym in states and not _dateline(doc, m):
                m.metonym_only = True  # the state is in the story: its capital stands for it
                continue
            if m.key:
                self._add_entity(m, extraction)

    def _register_acronym(self, m: Mention, doc: Doc) -> None:
        """"the National Security Committee (NSC)": later "NSC" is the same body."""
        j = m.end
        if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")":
            acronym = doc[j + 1].text
            if acronym.isupper() and 2 <= len(acronym) <= 8 and acronym != m.key:
                self.acronyms.setdefault(acronym, (m.key, m.cls))
                m.aliases.add(acronym)

    def _register_person(self, m: Mention) -> None:
        parts = m.key.split()
        if len(parts) > 1:
            self.surnames.setdefault(normalize(parts[-1]), m.key)
            surface = m.surface.split()
            for first in {parts[0], surface[0] if surface else parts[0]}:
                self.firstnames.setdefault(normalize(first), m.key)
            for alias in _aliases(self.namer, m.key):
                self.surnames.setdefault(normalize(alias.split()[-1]), m.key)
        if m.office and m.office[1]:
            self.holders.setdefault((m.office[0], m.office[1]), m.key)
        elif m.office is None and m.kind == "title":
            pass
        # the gazetteer's roles fill in what a bare title leaves open ("Defense Minister Sergey Shoigu")
        if m.office and m.office[1] is None:
            target = self._target_from_roles(m) or self._target_from_sentence(m)
            if target:
                m.office = (m.office[0], target[0])
                m.led_cls, m.country = target[1], target[2]
                self.holders.setdefault(m.office, m.key)

    def _target_from_roles(self, m: Mention) -> tuple[str, str, str] | None:
        person = self.namer.person_by_name(m.key)
        if person is None:
            return None
        office = m.office[0]
        for role in person.roles:
            if role.org and _same_office(role.office or "", office) and (not self.when or role.active_on(self.when)):
                org = self.namer.gaz.organization(role.org)
                if org is not None:
                    return org.name, org.cls, None
            if not role.country or not _same_office(role.office or "", office):
                continue
            if self.when and not role.active_on(self.when) and not m.former:
                continue
            target = self.namer.office_target(office, role.country)
            if target is not None:
                return target
        return None

    def _target_from_sentence(self, m: Mention) -> tuple[str, str, str] | None:
        """A bare title ("Foreign Minister Ishaq Dar") in a sentence that names one state only (a
        capital names its state: "flew to Asmara, where he was greeted by President Isaias" is not
        the Ethiopian visitor's president)."""
        if self.doc is None or m.office is None:
            return None
        sent = sent_of(self.doc[m.start])
        named = [(span.label_, span.id_) for span in self.doc.spans.get("gazetteer", [])
                 if sent.start <= span.start < sent.end and span.label_ in ("country", "adjective", "capital")]
        states = {iso3 for label, iso3 in named if label != "capital"}
        if len(states) != 1 or {iso3 for label, iso3 in named if label == "capital"} - states:
            return None  # a capital may only make it ambiguous: a visitor's title is not its state's
        return self.namer.office_target(m.office[0], states.pop())

    def _surname(self, name: str) -> str:
        key = normalize(name.split()[-1])
        if key in self.surnames:
            return self.surnames[key]
        if len(name.split()) == 1 and key in self.firstnames:
            return self.firstnames[key]  # "Abiy", "Isaias": given names used alone
        people = self.namer.gaz.people_by_surname(name)
        return people[0].name if len(people) == 1 else name

    def _holder(self, m: Mention) -> str | None:
        office, target = m.office
        if (office, target) in self.holders:
            return self.holders[(office, target)]
        for (o, t), person in self.holders.items():
            if t == target and _same_office(o, office):
                return person
        if m.country and self.when:
            leaders = self.namer.gaz.leaders_of(m.country, office, on=self.when)
            if len(leaders) == 1:
                return leaders[0].name
        return None

    def _add_entity(self, m: Mention, extraction: Extraction) -> None:
        aliases = set() if m.kind == "office" else {" ".join(m.surface.split())}
        aliases |= m.aliases
        if m.cls == "Person":
            aliases |= set(_aliases(self.namer, m.key))
        entity = Entity(m.key, m.cls, {a for a in aliases if a and a != m.key}, m.wikidata)
        extraction.add_entity(entity)


BODY_CLASSES = ("GovernmentBody", "ArmedForce", "Organization", "InternationalOrganization")


def _merge_partial_names(mentions: list[Mention]) -> None:
    """One node per body within a document: "Ministry of Defence" after "Ministry of Defence of
    Russia", "National Army" after "People's National Army" are the same body when exactly one
    fuller name in the document fits."""
    keys = {m.key for m in mentions if m.key and m.cls in BODY_CLASSES}
    keys |= {m.office[1] for m in mentions if m.office and m.office[1] and m.led_cls in BODY_CLASSES}
    renamed: dict[str, str] = {}
    for key in sorted(keys):
        fuller = [k for k in keys if k != key and (k.startswith(key + " of ") or
                                                    len(key.split()) > 1 and k.endswith(" " + key))]
        if len(fuller) == 1:
            renamed[key] = fuller[0]
    for m in mentions:
        if m.key in renamed and m.cls in BODY_CLASSES and m.kind in ("name", "body"):
            m.aliases.add(m.surface or m.key)
            m.key = renamed[m.key]
        if m.office and m.office[1] in renamed and m.led_cls in BODY_CLASSES:  # not a state: "the United States"
            m.office = (m.office[0], renamed[m.office[1]])


def _dateline(doc: Doc | None, m: Mention) -> bool:
    """"ABUJA, Nigeria —": a capital named with its own state is a place."""
    if doc is None or m.end + 1 >= len(doc) or doc[m.end].text != ",":
        return False
    nxt = doc[m.end + 1]
    return any(s.start == nxt.i and s.id_ == m.metonym for s in doc.spans.get("gazetteer", []))


def _aliases(namer: Namer, name: str) -> tuple[str, ...]:
    person = namer.person_by_name(name)
    return person.aliases if person else ()


def _same_office(a: str, b: str) -> bool:
    a, b = (" ".join(x.casefold().replace("-", " ").split()) for x in (a, b))
    return a == b or a.startswith(b) or b.startswith(a)


def pronoun_antecedent(doc: Doc, token_i: int, mentions_by_token: list[Mention | None]) -> Mention | None:
    """What a personal pronoun refers to: for "his"/"her", the nearest person named earlier in
    the same sentence; otherwise (and failing that) the last person named as a subject within
    the two sentences before."""
    token = doc[token_i]
    sent_start = sent_of(token).start
    if token.lower_ in ACTOR_PRONOUNS:
        return _actor_antecedent(doc, token_i, sent_start, mentions_by_token)
    if token.lower_ in ("his", "her"):
        for i in range(token_i - 1, sent_start - 1, -1):
            m = mentions_by_token[i]
            if m is not None and m.cls == "Person" and m.key:
                return m
    earliest = max(0, sent_start - 80)
    for i in range(token_i - 1, earliest - 1, -1):
        m = mentions_by_token[i]
        if m is not None and m.cls == "Person" and m.key and doc[i].dep_ in ("nsubj", "nsubjpass"):
            return m
    return None


def _actor_antecedent(doc: Doc, token_i: int, sent_start: int,
                      mentions_by_token: list[Mention | None]) -> Mention | None:
    """"Saudi Arabia closed its border", "the rebels and their allies": the state or body that
    is the subject of an earlier clause of the same sentence ("their": not a single state)."""
    plural = doc[token_i].lower_ == "their"
    for i in range(token_i - 1, sent_start - 1, -1):
        m = mentions_by_token[i]
        if m is None or not m.key or m.cls in ("Person", "Location") or m.kind == "adjective":
            continue
        head = doc[i]
        while head.dep_ in ("compound", "flat", "amod", "nmod:poss", "poss") and head.head.i > head.i:
            head = head.head  # "The M23 rebels": the phrase's head
        head = head if head.dep_ != "conj" else head.head
        if head.dep_.startswith("nsubj") and not (plural and m.cls == "Country" and head.dep_ != "conj"
                                                    and not any(c.dep_ == "conj" for c in head.children)):
            return m
    return None


STATE_DESCRIPTIONS = {"state", "country", "kingdom", "republic", "emirate", "nation", "sultanate",
                      "monarchy", "government", "regime"}


ALLIANCE_WORDS = {"allies", "alliance"}


def _alliance(mentions: Iterable[Mention | None]) -> Mention | None:
    """"the Alliance", "Allies" (capitalised, as NATO's own texts write them): the one
    international organisation the document names, or the one it names most (each mention
    counted once, however many tokens it spans)."""
    counts: dict[str, int] = {}
    first: dict[str, Mention] = {}
    for m in {id(m): m for m in mentions if m is not None}.values():
        if m.key and m.cls == "InternationalOrganization":
            counts[m.key] = counts.get(m.key, 0) + 1
            first.setdefault(m.key, m)
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]:
        return None
    return first[ranked[0][0]]


PLACE_DESCRIPTIONS = {"region", "territory", "province", "enclave", "exclave", "area"}


def description_antecedent(doc: Doc, token_i: int, mentions_by_token: list[Mention | None]) -> Mention | None:
    """"the Gulf state", "the tiny kingdom", "the country's president": the state named last
    before it (within the two sentences before), other than the subject of its own clause."""
    token = doc[token_i]
    lemma = token.lemma_.lower()
    if token.lower_ in ALLIANCE_WORDS and token.text[:1].isupper():
        return _alliance(mentions_by_token)  # "Allies will also send a clear message"
    if lemma not in STATE_DESCRIPTIONS and lemma not in PLACE_DESCRIPTIONS or token.tag_ in ("NNS", "NNPS"):
        return None  # a plural ("the two countries") is a group: kg/extract/groups.py
    wanted = "Country" if lemma in STATE_DESCRIPTIONS else "Location"
    # "the region", "the territory" may be a disputed land the gazetteer lists as a state (Western Sahara)
    accepted = {wanted, "Country"} if lemma in ("region", "territory") else {wanted}
    if wanted == "Location" and any(c.dep_ in ("amod", "compound") and c.text[:1].isupper() for c in token.children):
        return None  # "the Kurdish region": a name of its own
    if token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of" and doc[token.i + 2].pos_ != "VERB":
        return None  # "the state of emergency", "the Republic of Iraq"
    if not any(c.lower_ == "the" for c in token.children) and not (token_i > 0 and doc[token_i - 1].lower_ == "the"):
        return None
    clause = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
    own_subjects = {c.i for c in clause.children if c.dep_.startswith("nsubj")} if clause is not None else set()
    earliest = sent_of(doc[max(0, sent_of(token).start - 1)]).start if sent_of(token).start > 0 else 0
    for i in range(token_i - 1, earliest - 1, -1):
        m = mentions_by_token[i]
        if m is not None and m.cls in accepted and m.key and m.kind in ("name", "place") and not m.dateline \
                and not (len(accepted) > 1 and m.metonym) \
                and i not in own_subjects:
            return m
    return None
