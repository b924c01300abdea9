"""Canonical names: what each mention is called in the graph, from the gazetteers and rules.

Canonical names follow Wikidata's English labels where the gazetteer knows the entity
("Russia", "Sergei Shoigu"), and fixed patterns for state organs ("Ministry of Defence of
Russia", "Government of the United States", "Armed Forces of Armenia").
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span

from kg.extract.lexicon import lexicon
from kg.resolve.gazetteer import Gazetteer, load_gazetteer, normalize

# Country names English writes with "the" after "of".
_THE = re.compile(r"^(United|Democratic Republic|Republic of|Central African|Czech Republic|Dominican|"
                  r"Netherlands|Philippines|Gambia|Bahamas|Comoros|Maldives|Marshall|Solomon|Seychelles|"
                  r"Soviet Union|Holy See|Vatican)")
ORG_HEADS_GOV = {"ministry", "government", "parliament", "assembly", "council", "presidency", "cabinet",
                 "senate", "congress", "department", "office", "agency", "commission", "duma", "court",
                 "directorate", "bureau", "service", "administration", "committee"}
ORG_HEADS_FORCE = {"army", "forces", "force", "navy", "guard", "guards", "brigade", "militia", "rebels",
                   "corps", "battalion", "regiment", "division", "command", "fighters", "insurgents",
                   "group"}
ORG_HEADS_OTHER = {"party", "company", "corporation", "corp", "inc", "ltd", "bank", "union", "organization",
                   "organisation", "association", "federation", "league", "alliance", "coalition", "front",
                   "movement", "institute", "foundation", "fund", "network", "agency", "news", "times", "post",
                   "press", "tv", "radio", "channel", "airlines", "airways", "group", "authority", "forum",
                   "centre", "center", "university", "society", "watch", "international", "council", "cross"}
DOCUMENT_HEADS = {"treaty", "agreement", "accord", "pact", "convention", "protocol", "deal", "law", "act",
                  "charter", "declaration", "resolution", "memorandum", "initiative", "plan", "doctrine"}
STATE_WORDS = {"national", "state", "federal", "royal", "people", "people's", "republican", "supreme",
               "presidential", "armed", "defence", "defense"}


class Namer:
    """Canonical names and classes for mentions, backed by the gazetteer."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or load_gazetteer()
        self.capitals = {normalize(cap): c.iso3 for c in self.gaz.countries.values() if not c.historical
                         for cap in c.capitals if cap}

    # -- countries
    def country_code(self, span_id: str) -> str | None:
        """ISO3 code of a gazetteer country/adjective span id."""
        return span_id if span_id in self.gaz.countries else None

    def country(self, iso3: str):
        """The gazetteer's country record."""
        return self.gaz.countries[iso3]

    def country_name_ok(self, span: Span) -> bool:
        """False when an ambiguous country name is used as a person's name ("Chad Smith")."""
        country = self.gaz.countries.get(span.id_)
        if country is None or span.text not in set(getattr(country, "ambiguous_names", ()) or ()):
            return True
        doc = span.doc
        nxt = doc[span.end] if span.end < len(doc) else None
        prev = doc[span.start - 1] if span.start > 0 else None
        if nxt is not None and nxt.is_title and nxt.pos_ == "PROPN":
            return False
        if prev is not None and prev.is_title and prev.pos_ == "PROPN" and not prev.is_sent_start:
            return False
        return True

    def of_country(self, iso3: str | None) -> str:
        """"Russia", "the United States", … as written after "of"."""
        if not iso3:
            return ""
        name = self.gaz.countries[iso3].name
        return f"the {name}" if _THE.match(name) else name

    # -- state organs
    def body_name(self, pattern: str, iso3: str | None, *, template: bool = False) -> str:
        """Canonical name of a state organ: "Ministry of Defence" + RUS → "Ministry of Defence of Russia"."""
        if template:
            return pattern.format(country=self.of_country(iso3)) if iso3 else pattern.replace(" of {country}", "")
        national = lexicon().national_names.get(iso3 or "", {}).get(pattern)
        if national:
            return national
        return f"{pattern} of {self.of_country(iso3)}" if iso3 else pattern

    def body_aliases(self, key: str) -> set[str]:
        """Other usual names of a state organ: "Ministry of Foreign Affairs of Pakistan" →
        "Ministry of Foreign Affairs (Pakistan)", "Pakistani Foreign Ministry"."""
        m = _BODY_KEY.match(key)
        if m is None:
            return set()
        head, country_name = m.group(1), m.group(2)
        country = self.gaz.country_by_name(country_name)
        if country is None:
            return set()
        aliases = {f"{head} ({country.name})"}
        adjective = country.adjectives[0] if country.adjectives else None
        if adjective:
            dept = head.removeprefix("Ministry of ")
            if dept != head:
                aliases.add(f"{adjective} {_SHORT_DEPT.get(dept, dept)} Ministry")
                aliases.add(f"{adjective} Ministry of {dept}")
            else:
                aliases.add(f"{adjective} {head.removesuffix(' of the').lower()}")
        return aliases

    def office_target(self, office: str, iso3: str) -> tuple[str, str, str] | None:
        """What an office of a state leads: "Minister of Defence" + RUS → the Russian ministry;
        a head of state or government's office → the state itself. (key, class, ISO3) or None."""
        if iso3 not in self.gaz.countries:
            return None
        if office.startswith("Minister of "):
            return self.body_name("Ministry of " + office[len("Minister of "):], iso3), "GovernmentBody", iso3
        if office in _STATE_OFFICES():
            return self.country(iso3).name, "Country", iso3
        return None

    # -- names
    def classify_name(self, span: Span, label: str, span_id: str = ""):
        """A `Mention` for a named entity span (organisation, person, place), or None."""
        from kg.extract.mentions import Mention

        text = " ".join(span.text.split())
        gaz = self.gaz
        if span_id and label == "PERSON":
            person = gaz.person(span_id) or gaz.person(text)
            if person:
                return Mention(span.start, span.end, person.name, "Person", wikidata=person.wikidata)
        org = gaz.organization(span_id or text) or gaz.organization(text)
        if org is not None:
            return Mention(span.start, span.end, org.name, org.cls, wikidata=org.wikidata,
                           country=getattr(org, "country", None))
        capital = self.capitals.get(normalize(text))
        if capital is not None and label not in ("PERSON", "PER"):
            # "ABUJA" taken for an organisation in a dateline: still the city
            return Mention(span.start, span.end, _title_case(text), "Location", metonym=capital)
        if label in ("PERSON", "PER"):
            return self._person(span, text)
        if label in ("GPE", "LOC", "FAC"):
            country = gaz.country_by_name(text, allow_ambiguous=True)
            if country is not None:
                return Mention(span.start, span.end, country.name, "Country", country=country.iso3,
                               wikidata=country.wikidata)
            if not _looks_like_name(span):
                return None
            return Mention(span.start, span.end, _strip_the(text), "Location", metonym=self.capitals.get(normalize(text)))
        if label == "ORG":
            if not _looks_like_name(span) or span[-1].lower_ in DOCUMENT_HEADS:
                return None  # "the Indus Waters Treaty" is a document, not an actor
            return Mention(span.start, span.end, _strip_the(text), self._org_class(span))
        return None

    def _person(self, span: Span, text: str):
        from kg.extract.mentions import Mention

        lex = lexicon()
        doc = span.doc
        start = span.start
        # drop leading titles, ranks and honorifics that NER left in the name
        while start < span.end:
            hit = lex.offices.match(doc, start, end=span.end) or lex.ranks.match(doc, start, end=span.end) \
                or lex.honorifics.match(doc, start, end=span.end)
            if hit is None:
                break
            if hit[0] >= span.end:
                return None  # only a title ("Minister of Defence"): an office, not a name
            start = hit[0]
            if start < span.end and doc[start].lower_ == "of":
                return None  # "Minister of Defence of Russia …": an office described, not a name
        name_span = doc[start:span.end]
        if not _looks_like_name(name_span) or not any(t.is_alpha for t in name_span):
            return None
        if any(lex.offices.match(doc, k, end=span.end) for k in range(start, span.end)):
            return None  # "Belarusian Ambassador": a description, not a name
        name = " ".join(name_span.text.split())
        if len(name_span) == 1 and name_span[0].pos_ == "PRON" or name.lower() in PRONOUN_WORDS:
            return None  # "He" taken for a name
        person = self.gaz.person(name)
        if person is not None:
            return Mention(start, span.end, person.name, "Person", wikidata=person.wikidata)
        kind = "surname" if len(name_span) == 1 else "name"
        return Mention(start, span.end, name, "Person", kind=kind)

    def is_org_name(self, span: Span) -> bool:
        """Whether a name reads as an organisation's (known, or headed by an organisation word)."""
        head = span[-1].lower_
        return self.gaz.organization(span.text) is not None or head in ORG_HEADS_GOV | ORG_HEADS_FORCE | ORG_HEADS_OTHER

    @staticmethod
    def _org_class(span: Span) -> str:
        words = {t.lower_ for t in span}
        head = span[-1].lower_
        if head in ORG_HEADS_FORCE or words & {"army", "forces", "militia", "brigade", "navy", "rebels"}:
            return "ArmedForce"
        if head in ORG_HEADS_GOV and words & (STATE_WORDS | ORG_HEADS_GOV) and len(span) > 1:
            return "GovernmentBody"
        return "Organization"

    def state_of(self, mention):
        """The country a capital stands for, as a mention ("Moscow" → Russia), or None."""
        from kg.extract.mentions import Mention

        if mention.metonym is None or mention.metonym not in self.gaz.countries:
            return None
        c = self.gaz.countries[mention.metonym]
        return Mention(mention.start, mention.end, c.name, "Country", country=c.iso3, wikidata=c.wikidata,
                       surface=mention.surface)

    def person_by_name(self, name: str):
        """The gazetteer person for a full name or alias, or None."""
        return self.gaz.person(name)

    def state_served(self, person) -> str | None:
        """The ISO3 code of the state a person mention serves: its title's, else the gazetteer's
        (a current role first), or None."""
        if person.country:
            return person.country
        entry = self.person_by_name(person.key)
        roles = [r for r in (entry.roles if entry else ()) if r.country]
        current = [r for r in roles if not r.end]
        return (current or roles)[0].country if roles else None


_BODY_KEY = re.compile(r"^(Ministry of [A-Z][\w ]+?|Government|Armed Forces|Parliament|Presidency|Cabinet|"
                       r"Navy|Air Force|Border Service|Coast Guard|Defence and Security Forces) of (?:the )?(.+)$")
_SHORT_DEPT = {"Foreign Affairs": "Foreign", "Internal Affairs": "Interior"}


PRONOUN_WORDS = {"he", "she", "him", "her", "his", "they", "them", "it", "we", "i", "you", "who"}


@lru_cache(maxsize=1)
def _STATE_OFFICES() -> frozenset[str]:
    """Offices that lead a state (President, Prime Minister, King…), from the office lexicon."""
    return frozenset(info["office"] for info in lexicon().offices.entries.values() if info["leads"] == "country")


def _title_case(text: str) -> str:
    return text.title() if text.isupper() else text


def _strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _looks_like_name(span: Span) -> bool:
    """A name has a capitalised word or an acronym, and is not a lone pronoun or number."""
    return any(t.text[:1].isupper() and t.is_alpha for t in span) and not all(t.like_num for t in span)


@lru_cache(maxsize=1)
def default_namer() -> Namer:
    """The process-wide `Namer` over the shipped gazetteer."""
    return Namer()
