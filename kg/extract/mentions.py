"""Finding mentions: the spans of a parsed document that name (or describe) an entity.

Sources, from most to least specific:
1. state bodies and armed forces built from a country and a noun ("the Algerian Foreign
   Ministry", "Russia's Ministry of Defence", "Rwandan units", "the Pentagon");
2. people with titles ("Defence Minister Sergey Shoigu", "President Bazoum of Niger"), whose
   title also gives what they lead;
3. names from the gazetteer ruler and the statistical NER (countries, adjectives,
   organisations, people, places);
4. office descriptions without a name ("the Russian Defence Minister"), resolved later to
   the office holder.
Each token belongs to at most one mention; earlier sources win.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from kg.extract.cache import tokens
from kg.extract.lexicon import lexicon
from kg.extract.naming import Namer
from kg.extract.titles import envoy_split, first_title_word
from kg.nlp.gazetteer_ruler import SPAN_KEY

PERSON_LABELS = {"PERSON", "PER"}
PRONOUN_WORDS = {"we", "they", "he", "she", "it", "i", "you", "us", "them", "our", "their", "its", "his", "her"}
WEEKDAYS_AND_MONTHS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                       "today", "yesterday", "tonight"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
ADJECTIVAL_ORGANS = {"military", "naval", "security", "defence", "defense", "army"}
ORG_LIKE = {"ORG", "MISC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
ORG_LABELS = {"ORG", "NORP"}


@dataclass
class Mention:
    """A span that refers to an entity.

    Attributes:
        start, end: Token offsets in the doc (end exclusive).
        key: Canonical name of the entity (None until resolved, for descriptions).
        cls: Entity class.
        kind: "name", "adjective" (a country adjective), "title" (a person with a title),
            "office" (an office without a name, standing for its holder), "body", "surname".
        country: ISO3 code of the state the entity is or belongs to, when known.
        wikidata: Wikidata id, when known.
        office: For titles and offices: (office name, key of what the office leads or None).
        led_cls: Class of what the office leads.
        surface: The text as written (added to the entity's alternative names).
        parts: Extra (key, cls, relation) facts the mention itself states, e.g. a body's
            `partOf` its country.
    """

    start: int
    end: int
    key: str | None
    cls: str
    kind: str = "name"
    country: str | None = None
    wikidata: str | None = None
    office: tuple[str, str | None] | None = None
    led_cls: str | None = None
    surface: str = ""
    former: bool = False
    aliases: set[str] = field(default_factory=set)
    claim_from: int | None = None
    end_claim: int | None = None
    metonym: str | None = None  # a capital standing for its state ("Moscow urged…"): the ISO3 code
    metonym_only: bool = False  # set when the state itself is named in the document
    dateline: bool = False  # "ABUJA, Nigeria —": where the story was filed, not a participant

    def span(self, doc: Doc) -> Span:
        """The mention's span."""
        return doc[self.start:self.end]

    def text_upper(self, doc: Doc) -> bool:
        """True when written in capitals ("ABUJA"), as datelines are."""
        text = doc[self.start:self.end].text
        return text.isupper() and len(text) > 2


def find_mentions(doc: Doc, namer: Namer) -> tuple[list[Mention], list[Mention | None]]:
    """All mentions in `doc` sorted by position, and the mention each token belongs to."""
    owner: list[Mention | None] = [None] * len(doc)
    taken = [False] * len(doc)
    found: list[Mention] = []
    by_start: dict = {"end": {}}

    def claim(mention: Mention | None) -> None:
        if mention is None or mention.end <= mention.start:
            return
        if mention.kind != "office" and any(taken[mention.start:mention.end]):
            return
        lo = min(mention.start, mention.claim_from if mention.claim_from is not None else mention.start)
        hi = max(mention.end, mention.end_claim or mention.end)
        for i in range(lo, hi):
            if not taken[i]:
                taken[i] = True
                owner[i] = mention
        if not mention.surface:
            mention.surface = doc[mention.start:mention.end].text
        found.append(mention)
        by_start[mention.start] = mention
        by_start["end"][mention.end] = mention
        if lo != mention.start and lo not in by_start:
            by_start[lo] = mention

    from kg.extract.bodies import state_bodies

    countries = _country_index(doc, namer)
    for mention in state_bodies(doc, namer, countries):
        claim(mention)
    from kg.extract.places import place_mentions

    for mention in place_mentions(doc, countries, taken):
        claim(mention)
    lex = lexicon()
    deferred = []
    for span in doc.ents:
        k = first_title_word(doc, span, lex)
        cut = envoy_split(doc, span, countries, lex) if k is None and span.label_ not in PERSON_LABELS else None
        if cut is not None:  # "Ambassador to [Armenia Igor Nazaryuk]": the country, then a person
            deferred.append(Span(doc, cut, span.end, label="PERSON"))
            span = Span(doc, span.start, cut, label="GPE")
        if span.label_ in PERSON_LABELS and k is None:
            deferred.append(span)
            continue
        if k is None and _rest_of_titled_name(doc, span, countries, lex):
            continue  # "Foreign Minister Shirley [Ayorkor Botchwey]/LOC": the title's name takes it
        if k is not None:
            head = doc[span.start:k]
            if len(head) and all(t.pos_ == "ADJ" and t.text[:1].isupper() for t in head) and \
                    span.start not in countries and namer.gaz.organization(head.text) is None:
                # "Kurdish leader X": a description of the office, no organisation named "Kurdish"
                claim(Mention(span.start, k, None, "Organization", kind="description", surface=head.text))
            elif len(head) and not _only_country_words(head, countries):
                for mention in _from_entity(Span(doc, span.start, k, label=span.label_), namer, countries, taken):
                    claim(mention)
            deferred.append(span)
            continue
        for mention in _from_entity(span, namer, countries, taken):
            claim(mention)
    from kg.extract.titles import office_descriptions, titled_people

    for mention in titled_people(doc, namer, countries, taken, by_start):
        claim(mention)
    for span in deferred:
        for mention in _from_entity(span, namer, countries, taken):
            claim(mention)
    for mention in office_descriptions(doc, namer, countries, taken, by_start):
        claim(mention)
    for mention in _repeated_surnames(doc, found, taken):
        claim(mention)
    found.sort(key=lambda m: m.start)
    _mark_datelines(doc, found)
    return found, owner


def _repeated_surnames(doc: Doc, found: list[Mention], taken: list[bool]) -> list[Mention]:
    """"Japarov and Rakhmon both attended…": a surname (or the given name of only one person,
    "welcomed by Isaias") the statistical NER left alone, of a person named in full earlier in
    the document (the resolver links it to the full name)."""
    first_seen: dict[str, int] = {}
    given: dict[str, set[str]] = {}  # given name -> the people bearing it
    given_at: dict[str, int] = {}
    for m in found:
        if m.cls == "Person" and m.end - m.start > 1 and doc[m.end - 1].is_title:
            first_seen.setdefault(doc[m.end - 1].text, m.start)
            if doc[m.start].is_title and len(doc[m.start].text) > 2:
                name = doc[m.start].text
                given.setdefault(name, set()).add(m.key or doc[m.start:m.end].text)
                given_at[name] = min(m.start, given_at.get(name, m.start))
    # a given name used alone ("welcomed by Isaias"), when one person of the text bears it
    for name, people in given.items():
        if len(people) == 1:
            first_seen.setdefault(name, given_at[name])
    return [Mention(t.i, t.i + 1, t.text, "Person", kind="surname", surface=t.text)
            for t in tokens(doc) if not taken[t.i] and t.text in first_seen and first_seen[t.text] < t.i
            and (t.pos_ == "PROPN" or t.pos_ == "NOUN" and t.text not in given)]


DASHES = {"—", "–", "-", "--", ":", "(", "/"}


def _mark_datelines(doc: Doc, mentions: list[Mention]) -> None:
    """Flag "CITY[, COUNTRY] —" at the start of a line or sentence (a dateline)."""
    by_start = {m.start: m for m in mentions}
    for sent in doc.sents:
        i = sent.start
        while i < sent.end and doc[i].is_space:
            i += 1
        first = by_start.get(i)
        if first is None or first.cls not in ("Location", "Country") or first.end >= len(doc):
            continue
        group, j = [first], first.end
        if doc[j].text == "," and by_start.get(j + 1) is not None and by_start[j + 1].cls == "Country":
            group.append(by_start[j + 1])
            j = by_start[j + 1].end
        if j < len(doc) and (doc[j].text in DASHES or doc[j].text.startswith(("—", "–"))) \
                and (len(group) > 1 or first.text_upper(doc)):
            for m in group:
                m.dateline = True


def _only_country_words(span: Span, countries: dict[int, tuple[int, str, str]]) -> bool:
    """True when a span is just "the", a country name/adjective and "'s"."""
    i = span.start
    if i < span.end and span.doc[i].lower_ == "the":
        i += 1
    hit = countries.get(i)
    if hit is None:
        return i >= span.end
    j = hit[0]
    if j < span.end and span.doc[j].tag_ == "POS":
        j += 1
    return j >= span.end


# ----------------------------------------------------------------------------- countries

def _country_index(doc: Doc, namer: Namer) -> dict[int, tuple[int, str, str]]:
    """token index → (end, iso3, "country"|"adjective") for gazetteer country spans."""
    index: dict[int, tuple[int, str, str]] = {}
    for span in doc.spans.get(SPAN_KEY, []):
        if span.label_ not in ("country", "adjective"):
            continue
        iso3 = namer.country_code(span.id_)
        if iso3 is None:
            continue
        if span.label_ == "country" and not namer.country_name_ok(span):
            continue
        old = index.get(span.start)
        if old is None or span.end > old[0]:
            index[span.start] = (span.end, iso3, span.label_)
    return index


def _country_before(doc: Doc, i: int, countries: dict[int, tuple[int, str, str]],
                    lo: int = 0) -> tuple[int, str] | None:
    """A country name/adjective (optionally with "'s") ending right before token `i`:
    (start token, iso3). Skips a leading determiner."""
    toks = tokens(doc)
    j = i
    if j - 1 >= lo and toks[j - 1].tag_ == "POS" or (j - 1 >= lo and toks[j - 1].text in ("'s", "’s")):
        j -= 1
    for start in range(max(lo, j - 5), j):
        hit = countries.get(start)
        if hit and hit[0] == j:
            if start - 1 >= lo and toks[start - 1].lower_ == "the":
                start -= 1
            return start, hit[1]
    return None


def _country_after(doc: Doc, j: int, countries: dict[int, tuple[int, str, str]]) -> tuple[int, str] | None:
    """"of [the] COUNTRY" starting at token `j`: (end token, iso3)."""
    if j < len(doc) and doc[j].lower_ == "of":
        k = j + 1
        if k < len(doc) and doc[k].lower_ == "the":
            k += 1
        hit = countries.get(k)
        if hit and hit[2] == "country":
            return hit[0], hit[1]
    return None


# ----------------------------------------------------------------------------- bodies

DIRECTION_WORDS = {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
                   "southeastern", "southwestern", "north-eastern", "north-western", "south-eastern",
                   "south-western"}


def _rest_of_titled_name(doc: Doc, span: Span, countries, lex) -> bool:
    """Whether a non-person entity span continues a name that a title introduces: a given name
    right after an office or rank, then the span ("Minister Shirley [Ayorkor Botchwey]")."""
    first = span.start - 1
    if first < 1 or span.start in countries or not doc[first].is_title or doc[first].ent_type_ \
            or not all(t.is_title and t.is_alpha for t in span):
        return False
    return any((hit := table.match(doc, k)) is not None and hit[0] == first
               for table in (lex.offices, lex.ranks) for k in range(max(0, first - 4), first))


# lower-case words that end no name: "[Washington of fuelling]/ORG" is Washington
TRAILING = {"ADP", "DET", "CCONJ", "SCONJ", "VERB", "AUX", "ADV", "PRON", "PART"}
RULER_NOUNS = {"regime", "administration", "government", "junta", "camp"}


def _ruler_named_for(sub: Span, namer: Namer) -> Mention | None:
    """"Maduro regime", "Trump administration": a government named after a known person."""
    if len(sub) < 2 or len(sub) > 4 or sub[-1].lower_ not in RULER_NOUNS:
        return None
    name = sub[:-1]
    if not all(t.is_title for t in name):
        return None
    person = namer.person_by_name(name.text)
    if person is None and len(name) == 1:
        people = namer.gaz.people_by_surname(name.text)
        person = people[0] if len(people) == 1 else None
    if person is None:
        return None
    return Mention(sub.start, sub.end, person.name, "Person", kind="name", wikidata=person.wikidata,
                   surface=name.text)  # the whole phrase, so that its head ("regime") is the person


def _from_entity(span: Span, namer: Namer, countries, taken: list[bool]) -> list[Mention]:
    """Mentions from one entity span (gazetteer or statistical)."""
    doc = span.doc
    toks = tokens(doc)
    free = [i for i in range(span.start, span.end) if not taken[i]]
    if not free:
        return []
    start, end = free[0], free[-1] + 1
    while start < end and (toks[start].lower_ in ("the", "a", "an") or toks[start].is_punct
                           or toks[start].pos_ in ("ADP", "CCONJ", "SCONJ") and toks[start].is_lower
                           or toks[start].lower_ in DIRECTION_WORDS and toks[start].is_lower and start + 1 < end):
        start += 1  # "northern Syria" is Syria
    while end > start and (toks[end - 1].is_punct or toks[end - 1].tag_ == "POS"
                           or toks[end - 1].pos_ in TRAILING and toks[end - 1].is_lower
                           or toks[end - 1].lower_ in WEEKDAYS_AND_MONTHS):
        end -= 1
    if end <= start or end - start == 1 and toks[start].text.lower() in PRONOUN_WORDS and not toks[start].is_upper:
        return []  # "We are consulting…" tagged as an organisation
    sub = doc[start:end]
    inner = [(i, countries[i]) for i in range(start, end) if i in countries]
    if len(inner) > 1 and span.label_ in PLACE_LABELS and all(
            toks[k].lower_ in ("and", ",", "or", "the", "&") for k in range(start, end)
            if not any(i <= k < c_end for i, (c_end, _c, _kind) in inner)):
        # "Russian Federation and Algeria" as one place: the states it lists
        return [Mention(i, c_end, namer.country(iso3).name, "Country", kind="name", country=iso3,
                        wikidata=namer.country(iso3).wikidata, surface=doc[i:c_end].text)
                for i, (c_end, iso3, _kind) in inner]
    ruler = _ruler_named_for(sub, namer) if span.label_ in ORG_LIKE else None
    if ruler is not None:  # "the Maduro regime" is Maduro (unnamed rulers stand for their head)
        return [ruler]
    # a country name or adjective, exactly
    hit = countries.get(start)
    if hit and hit[0] == end:
        country = namer.country(hit[1])
        kind = "adjective" if hit[2] == "adjective" else "name"
        return [Mention(start, end, country.name, "Country", kind=kind, country=hit[1],
                        wikidata=country.wikidata, surface=sub.text)]
    if span.label_ in ("NORP",) and not span.id_:
        return []
    if hit and hit[2] == "adjective" and span.label_ in ORG_LIKE and not namer.is_org_name(sub):
        # "U.S.-South Korean Ulchi Freedom Shield": an exercise, a product, an event — not an
        # organisation; what it says is which states it belongs to
        out, i = [], start
        while i < end and countries.get(i):
            c_end, iso3, kind = countries[i]
            c = namer.country(iso3)
            out.append(Mention(i, c_end, c.name, "Country", kind="adjective", country=iso3,
                               wikidata=c.wikidata, surface=doc[i:c_end].text))
            i = c_end + (1 if c_end < end and toks[c_end].text == "-" else 0)
        return out
    return [m for m in [namer.classify_name(sub, span.label_, span.id_)] if m is not None]
