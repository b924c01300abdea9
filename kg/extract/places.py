"""Places and where they are: "the Kyrgyz town of Batken", "Tajikistan's northern Sughd
region", "a Tajik exclave, Vorukh", "the Jenin camp in the West Bank", "Timbuktu, in northern
Mali" (also when the NER missed the name), "Asmara, the capital of Eritrea".

`place_mentions()` finds place names the statistical NER may miss, each with the country it
lies in (`Mention.country`); `located_in()` yields `locatedIn` candidates from those and from
"PLACE, [in] [northern] CONTAINER" appositions between existing mentions.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.extract.cache import lowers
from kg.extract.lexicon import lexicon
from kg.extract.mentions import Mention

PLACE_NOUNS = {"town", "city", "village", "villages", "region", "province", "district", "exclave",
               "enclave", "capital", "port", "state", "county", "governorate", "oblast", "prefecture",
               "municipality", "island", "valley", "area", "camp", "settlement", "border town",
               "neighbourhood", "neighborhood", "suburb", "commune", "territory", "canton"}
ADMIN_NOUNS = {"region", "province", "district", "state", "county", "governorate", "oblast",
               "prefecture", "municipality", "territory", "canton"}
DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
              "northeastern", "northwestern", "southeastern", "southwestern", "north-east", "north-west",
              "south-east", "south-west", "far", "remote", "restive", "border", "coastal", "mountainous",
              "key", "strategic", "disputed", "breakaway", "occupied", "annexed", "tense", "rebel-held",
              "volatile", "small", "northeast", "northwest", "southeast", "southwest"}
MAX_NAME = 3


def _name_run(doc: Doc, i: int, taken, countries) -> int:
    """End of a run of capitalised words starting at `i` (== i when none)."""
    j = i
    while j < len(doc) and j - i < MAX_NAME and not taken[j] and j not in countries \
            and doc[j].is_alpha and doc[j].text[:1].isupper() and doc[j].lower_ not in PLACE_NOUNS:
        j += 1
    return j


def _skip_modifiers(doc: Doc, j: int) -> int:
    while j < len(doc) and (doc[j].lower_ in DIRECTIONS or doc[j].text == "-"):
        j += 1
    return j


def place_mentions(doc: Doc, countries, taken) -> list[Mention]:
    """Place names introduced by a country and a place noun (see module docstring)."""
    out: list[Mention] = []
    for start, (c_end, iso3, _kind) in sorted(countries.items()):
        j = c_end
        if j < len(doc) and doc[j].tag_ == "POS":
            j += 1
        j = _skip_modifiers(doc, j)
        if j >= len(doc):
            continue
        noun = doc[j].lower_
        if noun in PLACE_NOUNS:
            # "the Kyrgyz town of Batken" / "a Tajik exclave, Vorukh"
            k = j + 1
            if k < len(doc) and doc[k].lower_ in ("of", ","):
                k += 1
                end = _name_run(doc, k, taken, countries)
                if end > k:
                    out.append(_place(doc, k, end, iso3, None))
            continue
        # "Tajikistan's northern Sughd region"
        end = _name_run(doc, j, taken, countries)
        if j < end < len(doc) and doc[end].lower_ in ADMIN_NOUNS:
            out.append(_place(doc, j, end + 1, iso3, doc[end].lower_))
    out += _placed_in_country(doc, countries, taken, {m.start for m in out})
    out += _admin_of_country(doc, countries, taken, {m.start for m in out})
    out += _described_places(doc, countries, taken, {m.start for m in out})
    out += _admin_after_in(doc, countries, taken)
    out += _introduced_places(doc, countries, taken, {m.start for m in out})
    return out


NAMED_BY = {"city", "town", "village", "port", "region", "province", "district", "island", "enclave",
            "exclave", "outskirts", "direction", "suburb", "commune"}
NEAR = {"near", "outside"}


def _introduced_places(doc: Doc, countries, taken, claimed: set[int]) -> list[Mention]:
    """Places named after a place noun or a word of nearness, with no country said: "the key
    city of Goma", "on the outskirts of Bunia", "in the direction of Tovuz", "near Pahalgam"."""
    out = []
    lower = lowers(doc)
    for i in range(len(doc) - 1):
        low = lower[i]
        if low in NAMED_BY and lower[i + 1] == "of" and i > 0 and (lower[i - 1] in ("the", "a")
                                                                   or lower[i - 1] in DIRECTIONS):
            k = i + 2
        elif low in NEAR and doc[i].pos_ in ("ADP", "SCONJ"):
            k = i + 1
        else:
            continue
        end = _name_run(doc, k, taken, countries)
        if end > k and k not in claimed and all(t.pos_ in ("PROPN", "NOUN", "X") for t in doc[k:end]) \
                and not any(taken[k:end]) and (end >= len(doc) or not doc[end].text[:1].isupper()):
            out.append(_place(doc, k, end, None, None))
    return out


def _placed_in_country(doc: Doc, countries, taken, claimed: set[int]) -> list[Mention]:
    """"Tillaberi, in western Niger": a name the NER missed, placed in a country by apposition."""
    out = []
    for start, (_end, iso3, kind) in sorted(countries.items()):
        if kind != "country":
            continue
        i = start - 1
        while i > 0 and doc[i].lower_ in DIRECTIONS:
            i -= 1
        if i < 2 or doc[i].lower_ != "in" or doc[i - 1].text != ",":
            continue
        comma, k = i - 1, i - 1
        while k > 0 and comma - k < MAX_NAME and doc[k - 1].pos_ in ("PROPN", "NOUN", "X") \
                and doc[k - 1].is_alpha and doc[k - 1].text[:1].isupper() and not taken[k - 1] \
                and k - 1 not in countries and doc[k - 1].ent_type_ not in ("PERSON", "PER", "ORG"):
            k -= 1
        if k < comma and k not in claimed and (k == 0 or not doc[k - 1].text[:1].isupper()) \
                and not any(t.lower_ in lexicon().offices.firsts for t in doc[k:comma]):
            out.append(_place(doc, k, comma, iso3, None))
    return out


def _admin_of_country(doc: Doc, countries, taken, claimed: set[int]) -> list[Mention]:
    """"the Tigray region of Ethiopia", and "its southern Batken province" after a country named
    earlier in the sentence: an administrative unit and the country that holds it."""
    out = []
    lower = lowers(doc)
    for i in range(len(doc) - 2):
        low = lower[i]
        if low not in ("its", "the"):
            continue
        j = _skip_modifiers(doc, i + 1)
        end = _name_run(doc, j, taken, countries)
        if not (j < end < len(doc) and doc[end].lower_ in ADMIN_NOUNS and doc[end].text.islower()) \
                or j in claimed or any(taken[j:end + 1]):
            continue  # not "the Islamic State of Iraq": a name, not a region of Iraq
        iso3 = None
        if low == "the" and end + 2 < len(doc) and doc[end + 1].lower_ == "of":
            hit = countries.get(end + 2)
            iso3 = hit[1] if hit and hit[2] == "country" else None
        elif low == "its":
            sent_start = doc[i].sent.start if doc.has_annotation("SENT_START") else 0
            before = [(start, hit) for start, hit in countries.items() if sent_start <= start < i and hit[2] == "country"]
            iso3 = max(before)[1][1] if before else None
        if iso3:
            out.append(_place(doc, j, end + 1, iso3, doc[end].lower_))
    return out


def _described_places(doc: Doc, countries, taken, claimed: set[int]) -> list[Mention]:
    """A name described as a place right after it: "Avdiivka, a town in Ukraine's Donetsk
    region", "Nagorno-Karabakh, a region inside Azerbaijan" (the statistical NER may take the
    name for a person's, or miss it)."""
    out = []
    lower = lowers(doc)
    for i in range(1, len(doc) - 3):
        if lower[i] != "," or lower[i + 1] not in ("a", "an"):
            continue
        k = i + 2
        while k < len(doc) and k < i + 4 and doc[k].is_lower and doc[k].lower_ not in PLACE_NOUNS:
            k += 1
        if not (k + 1 < len(doc) and doc[k].lower_ in PLACE_NOUNS and doc[k + 1].lower_ in ("in", "inside", "within")):
            continue
        start = i
        while start > 0 and i - start < 4 and not taken[start - 1] and start - 1 not in countries and (
                doc[start - 1].is_alpha and doc[start - 1].text[:1].isupper()
                or doc[start - 1].text == "-" and start - 1 > 0 and not doc[start - 1].whitespace_):
            start -= 1
        if start < i and doc[start].text[:1].isupper() and start not in claimed \
                and (start == 0 or not doc[start - 1].text[:1].isupper()):
            out.append(_place(doc, start, i, None, None))
    return out


def _admin_after_in(doc: Doc, countries, taken) -> list[Mention]:
    """"… in the Anantnag district", "… in Mosul province": an administrative unit named with
    its kind (the place it contains comes from the mention before "in")."""
    out = []
    lower = lowers(doc)
    for i in range(1, len(doc) - 2):
        if lower[i] != "in":
            continue
        j = i + 1 + (doc[i + 1].lower_ == "the")
        j = _skip_modifiers(doc, j)
        end = _name_run(doc, j, taken, countries)
        if j < end < len(doc) and doc[end].lower_ in ADMIN_NOUNS and not any(taken[j:end + 1]):
            out.append(_place(doc, j, end + 1, None, doc[end].lower_))
    return out


def _place(doc: Doc, start: int, end: int, iso3: str | None, admin: str | None) -> Mention:
    if admin:
        name = " ".join(doc[start:end - 1].text.split())
        key = f"{name} {admin.title()}"
        aliases = {f"{name} {admin}", doc[start:end].text}
    else:
        key = " ".join(doc[start:end].text.split())
        aliases = set()
    return Mention(start, end, key, "Location", kind="place", country=iso3, aliases=aliases)


def located_in(doc: Doc, mentions: list[Mention], namer) -> Iterator[tuple]:
    """`locatedIn` candidates: (place, container, trigger token, rule)."""
    by_start = {m.start: m for m in mentions}
    for m in mentions:
        if m.cls != "Location" or not m.key:
            continue
        if m.kind == "place" and m.country and m.country in namer.gaz.countries:
            c = namer.country(m.country)
            yield m, Mention(m.start, m.end, c.name, "Country", country=m.country, wikidata=c.wikidata), \
                doc[m.start], "place:pattern"
            continue
        # "Pahalgam in the Anantnag district": a place inside an administrative unit; also
        # "Baisaran near Pahalgam in the Anantnag district" (the unit holds both)
        j = m.end
        near = by_start.get(j + 1) if j + 1 < len(doc) and doc[j].lower_ == "near" else None
        if near is not None and near.cls == "Location":
            j = near.end
        if j + 1 < len(doc) and doc[j].lower_ == "in":
            k = j + 1 + (doc[j + 1].lower_ == "the")
            k = _skip_modifiers(doc, k)
            inner = by_start.get(k)
            if inner is not None and inner.kind == "place" and inner.key != m.key:
                yield m, inner, doc[m.start], "place:in-unit"
        # "Timbuktu, in northern Mali", "Goma, North Kivu", "Asmara, the capital of Eritrea"
        j = m.end
        if j < len(doc) and doc[j].text == ",":
            j += 1
            if j < len(doc) and doc[j].lower_ == "in":
                j += 1
            if j + 2 < len(doc) and doc[j].lower_ == "the" and doc[j + 1].lower_ in PLACE_NOUNS \
                    and doc[j + 2].lower_ == "of":
                j += 3
            elif j + 2 < len(doc) and doc[j].lower_ in ("a", "an", "the"):
                # "Nagorno-Karabakh, a region inside Azerbaijan", "Goma, a city in eastern Congo"
                k = j + 1
                while k < len(doc) and k < j + 3 and doc[k].is_lower and doc[k].lower_ not in PLACE_NOUNS:
                    k += 1
                if k + 1 < len(doc) and doc[k].lower_ in PLACE_NOUNS and doc[k + 1].lower_ in ("in", "inside", "within"):
                    j = k + 2 + (k + 2 < len(doc) and doc[k + 2].lower_ == "the")
            j = _skip_modifiers(doc, j)
            nxt = by_start.get(j)
            after = doc[nxt.end].lower_ if nxt is not None and nxt.end < len(doc) else ""
            listed = after in ("and", "or") or after == "," and by_start.get(nxt.end + 1) is not None \
                or after in ("'s", "’s") and nxt.cls != "Country"  # "Mecca, Islam's holiest city"
            if nxt is not None and nxt.key and nxt.cls in ("Country", "Location") and nxt.key != m.key \
                    and nxt.kind != "adjective" and not listed:
                yield m, nxt, doc[m.start], "place:apposition"
