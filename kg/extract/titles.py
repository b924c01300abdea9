"""People with titles and offices without names.

"Defence Minister Sergey Shoigu", "Chief of Staff of the Algerian People's National Army
General Said Chengriha", "President Bazoum of Niger" give a person mention that records the
office and what it leads; "the Russian Defence Minister" gives an office mention that the
resolver later maps to the office holder.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.extract.cache import lowers, tokens
from kg.extract.lexicon import has_lemma, lemma_keys, lexicon
from kg.extract.naming import Namer
from kg.resolve.gazetteer import NAME_PARTICLES

MAX_NAME = 4


def first_title_word(doc: Doc, span: Span, lex) -> int | None:
    """Index of the first office, rank or honorific inside an entity span, or None."""
    titles = (lex.offices, lex.ranks, lex.honorifics)
    for k in range(span.start, span.end):
        if k > span.start and _hyphenated(doc, k):
            continue  # "Hossein Amir-Abdollahian": a title word inside a hyphenated surname
        if k > span.start and span.label_ in ("PERSON", "PER") and lex.honorifics.match(doc, k, end=span.end) \
                and not any(t.match(doc, k, end=span.end) for t in (lex.offices, lex.ranks)) \
                and not any(t.match(doc, span.start, end=span.end) for t in titles):
            continue  # "Hassan Sheikh Mohamud": an honorific inside a person's name
        if any(t.match(doc, k, end=span.end) for t in titles) and (doc[k].text[:1].isupper() or k > span.start
                                                                   and doc[k + 1:span.end].text.istitle()):
            if k > span.start and doc[k].lower_ in ("army", "navy", "corps", "guard") and k + 1 < span.end \
                    and any(t.match(doc, k + 1, end=span.end) for t in titles):
                return k + 1  # "Royal Army General Omar Haddad": the army's name, then the rank
            qualifiers = lex.not_head | lex.modifiers
            while k > span.start and (doc[k - 1].lower_ in qualifiers or doc[k - 1].text == "-"
                                      and k - 1 > span.start and doc[k - 2].lower_ in qualifiers):
                k -= 1  # "Deputy Secretary Blinken", "Vice-President X": the qualifier is the title's
            return k
    return None


def _hyphenated(doc: Doc, k: int) -> bool:
    """Whether token `k` is joined by a hyphen to the next word ("Amir-" of "Amir-Abdollahian")."""
    return not doc[k].whitespace_ and k + 2 < len(doc) and doc[k + 1].text == "-" and doc[k + 2].is_alpha


def envoy_split(doc: Doc, span: Span, countries, lex) -> int | None:
    """"Ambassador to Armenia Igor Nazaryuk" read as one place: where the country ends and the
    envoy's name (two or three capitalised words) begins, or None."""
    c = countries.get(span.start)
    if c is None or not 2 <= span.end - c[0] <= 3 or span.start < 2 or doc[span.start - 1].lower_ != "to" \
            or lex.offices.match(doc, span.start - 2) is None or not doc[c[0]:span.end].text.istitle():
        return None
    return c[0]


def _skip_det(doc: Doc, i: int) -> int:
    return i + 1 if i < len(doc) and doc[i].lower_ in ("the", "a", "an") else i


def parse_office(doc: Doc, i: int, namer: Namer, countries, taken, by_start) -> dict | None:
    """Parse "[the] [former] [COUNTRY-adj|COUNTRY's|ORG] OFFICE [of [the] X]" at token `i`.

    Returns a dict with start, end, office, leads, body, target (key or None), target_cls,
    country, former, head (False for deputies) — or None when no office starts here.
    """
    toks = tokens(doc)
    from kg.extract.mentions import _country_before

    lex = lexicon()
    start = i
    j = _skip_det(doc, i)
    former = False
    while j < len(doc) and toks[j].lower_ in lex.modifiers:
        former = former or toks[j].lower_ in ("former", "ex", "late", "deposed", "ousted", "then")
        j += 1
        if j < len(doc) and toks[j].text == "-":
            j += 1
    country = None
    target = None
    target_cls = None
    if j == i and i > 0 and countries.get(i) is None:
        near = _country_before(doc, i, countries)
        country = near[1] if near else None
    prefix = by_start.get(j)
    if prefix is None and j == i and i > 0:
        before = by_start.get("end", {}).get(i)  # "Algerian People's National Army Chief of Staff …"
        if before is not None and before.kind == "adjective" or before is not None and before.cls == "Country":
            country = before.country  # "Eritrean President …", "Ethiopia's foreign minister …"
        elif before is not None:
            prefix = before
        elif i > 1 and toks[i - 1].tag_ == "POS" and by_start.get("end", {}).get(i - 1) is not None:
            owner = by_start["end"][i - 1]
            if owner.cls == "Country":
                country = owner.country
    if prefix is not None and prefix.cls in ("ArmedForce", "GovernmentBody", "Organization",
                                             "InternationalOrganization") and prefix.kind != "adjective":
        target, target_cls, country = prefix.key, prefix.cls, prefix.country
        j = prefix.end
        if j < len(doc) and toks[j].tag_ == "POS":
            j += 1
    elif country is None:
        hit = countries.get(j)
        if hit:
            country = hit[1]
            j = hit[0]
            if j < len(doc) and toks[j].tag_ == "POS":
                j += 1
    head = True
    while j < len(doc) and toks[j].lower_ in lex.not_head:
        head = False
        j += 1
        if j < len(doc) and toks[j].text == "-":
            j += 1
    hit = lex.offices.match(doc, j)
    if hit is None:
        return None
    end, info = hit
    country = country or info.get("country")
    if info.get("only_for") and country not in info["only_for"]:
        info = {**info, "leads": "none"}  # India's Foreign Secretary is a civil servant, Britain's a minister
    if info["leads"] == "none" and end + 1 < len(doc) and toks[end].lower_ == "to" and countries.get(end + 1):
        end = countries[end + 1][0]  # "Ambassador to Armenia Igor Nazaryuk"
    described = prefix is not None and prefix.kind == "description"  # "Kurdish leader X"
    if not any(t.text[:1].isupper() for t in doc[j:end]) and not country and not target and not described:
        # lower-case "president" with nothing around it: too vague to be a title
        if not (end < len(doc) and toks[end].lower_ == "of"):
            return None
    if end < len(doc) and toks[end].lower_ == "for" and toks[end - 1].text[:1].isupper():
        end = _portfolio_end(doc, end)  # "Minister for the Middle East Tobias Ellwood"
    # "of [the] X"
    if end < len(doc) and toks[end].lower_ == "of":
        k = _skip_det(doc, end + 1)
        inner = by_start.get(k)
        chit = countries.get(k)
        if inner is not None and inner.cls == "Country" and info["leads"] in ("body", "force"):
            country, end = inner.country, inner.end  # "Minister of Defence of Russia": Russia's ministry
        elif inner is not None and inner.kind != "adjective":
            target, target_cls, country = inner.key, inner.cls, inner.country or country
            end = inner.end
        elif chit and chit[2] == "country":
            country, end = chit[1], chit[0]
    leads = info["leads"]
    if leads == "counterpart":
        # "Tajik counterpart Emomali Rakhmon": the same office as the person just named, of another state
        office_name, leads = _last_office(by_start, i)
        info = {"office": office_name or "counterpart", "leads": leads,
                "body": (office_name or "").removeprefix("Minister of ")}
    if leads == "body" and target is None:
        target = namer.body_name(f"Ministry of {info['body']}", country) if country else None
        target_cls = "GovernmentBody"
    elif leads == "country" and target is None and country:
        target, target_cls = namer.country(country).name, "Country"
    elif leads == "force" and target is None and country:
        target, target_cls = namer.body_name("Armed Forces of {country}", country, template=True), "ArmedForce"
    elif leads in ("any", "org") and target is None and country:
        target, target_cls = namer.country(country).name, "Country"
    if leads == "none" or not head:
        target = None if leads != "none" else target
    return {"start": start, "end": end, "office": info["office"], "leads": leads,
            "body": info.get("body"), "target": target, "target_cls": target_cls,
            "country": country, "former": former, "head": head and leads != "none"}


def _portfolio_end(doc: Doc, i: int) -> int:
    """Where a portfolio introduced by "for" at `i` ends: "for [the] Capitalised Words", the last
    two of a run of three or more being the holder's name ("Minister for Europe Wendy Morton",
    "Minister for Foreign Affairs Sergei Lavrov"); `i` itself when no capitalised word follows."""
    j = _skip_det(doc, i + 1)
    k = j
    while k < len(doc) and (doc[k].is_alpha and doc[k].text[:1].isupper()
                            or k > j and doc[k].lower_ in ("and", "of", "the", "&") and k + 1 < len(doc)
                            and doc[k + 1].text[:1].isupper()):
        k += 1
    if k == j:
        return i
    if k - j >= 3 and doc[k - 1].text[:1].isupper() and doc[k - 2].text[:1].isupper() \
            and doc[k - 3].lower_ not in ("and", "of", "the", "&"):
        return k - 2
    return k


def _last_office(by_start, i: int) -> tuple[str | None, str]:
    """The office (and what it leads) of the last titled person before token `i`."""
    ends = by_start.get("end", {})
    for end in sorted((e for e in ends if e <= i), reverse=True):
        m = ends[end]
        if m.cls == "Person" and m.office:
            leads = {"Country": "country", "GovernmentBody": "body", "ArmedForce": "force"}.get(m.led_cls or "", "none")
            return m.office[0], leads
    return None, "none"


def _words(doc: Doc, j: int, k: int) -> int:
    """Words of a name so far: hyphens and particles do not count ("Abdel Fattah al-Burhan" is 3)."""
    return sum(1 for t in doc[j:k] if t.is_alpha and t.lower_ not in NAME_PARTICLES)


# words that make a rank-like word part of a body's name ("General Staff", "General Assembly",
# "General Secretariat", "General Motors"), never a person's name after it
NOT_NAMES = {"staff", "staffs", "assembly", "council", "command", "secretariat", "directorate",
             "headquarters", "prosecutor", "inspectorate", "motors", "electric", "dynamics", "office"}


def _name_at(doc: Doc, j: int, namer: Namer, countries, taken, by_start) -> tuple[int, int] | None:
    """A person's name starting at `j` (after ranks and honorifics): (name start, name end)."""
    lex = lexicon()
    while True:
        hit = lex.ranks.match(doc, j) or lex.honorifics.match(doc, j)
        if hit is None:
            break
        j = hit[0]
    if j < len(doc) and any(key in lex.relations["verbs"] for key in lemma_keys(doc[j])) \
            and doc[j].lower_ not in lex.relations.get("name_words", ()):
        return None  # "Japan Prime Minister Condemns …": a headline verb, not a name
    if j < len(doc) and doc[j].lower_ in NOT_NAMES:
        return None  # "the General Staff", "the General Assembly": a body, not General <name>
    k = j
    while k < len(doc) and _words(doc, j, k) < MAX_NAME and not taken[k] and k not in countries and k not in by_start \
            and (doc[k].is_title or doc[k].text[:1].isupper() and doc[k].is_alpha and len(doc[k]) > 1
                 or (k > j and doc[k].text in ("-", "'"))
                 or k > j and doc[k].lower_ in NAME_PARTICLES and k + 1 < len(doc)
                 and (doc[k + 1].text == "-" or doc[k + 1].text[:1].isupper())
                 or k > j and doc[k - 1].text == "-" and not doc[k - 1].whitespace_ and doc[k].is_alpha) \
            and (lex.offices.match(doc, k) is None or k > j and _hyphenated(doc, k)) \
            and (doc[k].pos_ in ("PROPN", "NOUN", "ADJ", "X", "VERB", "PUNCT") or doc[k].ent_type_ == "PERSON") \
            and not (k > j and doc[k].ent_type_ not in ("PERSON", "PER") and (
                doc[k].pos_ == "VERB" or has_lemma(doc[k], lex.relations["verbs"]))):
        k += 1  # a verb ends the name ("Kishida Condemns …" in a headline) unless the NER says name
    while k > j and (not doc[k - 1].is_alpha or doc[k - 1].lower_ in NAME_PARTICLES):
        k -= 1
    if k == j:
        return None
    return j, k


def titled_people(doc: Doc, namer: Namer, countries, taken, by_start=None):
    """Mentions of people introduced with a title (see module docstring); a generator, so
    that the caller can claim each before the next is parsed ("… and Tajik counterpart X")."""
    from kg.extract.mentions import Mention

    by_start = by_start or {}
    i = 0
    while i < len(doc):
        if taken[i]:
            i += 1
            continue
        office = parse_office(doc, i, namer, countries, taken, by_start) if _office_near(doc, i, by_start) else None
        name = None
        if office is not None:
            name = _name_at(doc, office["end"], namer, countries, taken, by_start)
        else:
            hit = lexicon().ranks.match(doc, i)
            if hit and doc[i].text[:1].isupper():
                name = _name_at(doc, i, namer, countries, taken, by_start)
        if name is None:
            i = office["end"] if office else i + 1
            continue
        n_start, n_end = name
        text = " ".join(doc[n_start:n_end].text.split())
        person = namer.person_by_name(text)
        key = person.name if person else text
        mention = Mention(n_start, n_end, key, "Person", kind="title" if n_end - n_start > 1 or person else "surname",
                          wikidata=person.wikidata if person else None, surface=text)
        mention.claim_from = office["start"] if office else i
        if office:
            # "President Bazoum of Niger"
            if office["target"] is None and office["leads"] == "country" and n_end < len(doc) \
                    and doc[n_end].lower_ == "of" and countries.get(n_end + 1):
                iso3 = countries[n_end + 1][1]
                office.update(target=namer.country(iso3).name, target_cls="Country", country=iso3)
                mention.end_claim = countries[n_end + 1][0]
            mention.office = (office["office"], office["target"]) if office["head"] else None
            mention.led_cls = office["target_cls"]
            mention.country = office["country"]
            mention.former = office["former"]
        yield mention
        i = n_end


def office_descriptions(doc: Doc, namer: Namer, countries, taken, by_start=None) -> list:
    """Offices without a name ("the Russian Defence Minister"), standing for their holder."""
    from kg.extract.mentions import Mention

    by_start = by_start or {}
    out = []
    i = 0
    while i < len(doc):
        if taken[i] or not _office_near(doc, i, by_start) or doc[i].pos_ == "VERB":
            i += 1
            continue
        office = parse_office(doc, i, namer, countries, taken, by_start)
        if office is not None and _predicative(doc, i, by_start):
            i = office["end"]
            continue
        if office is None or office["target"] is None or not office["head"]:
            i += 1
            continue
        mention = Mention(office["start"], office["end"], None, "Person", kind="office",
                          office=(office["office"], office["target"]), led_cls=office["target_cls"],
                          country=office["country"], former=office["former"])
        out.append(mention)
        i = office["end"]
    return out


_NEXT_OFFICE = "kg_next_office"


def _office_near(doc: Doc, i: int, by_start) -> bool:
    """False when no office word can follow position `i` closely enough for `parse_office` to
    find one (a determiner, modifiers and a name of a body or country come first at most)."""
    nxt = doc.user_data.get(_NEXT_OFFICE)
    if nxt is None or len(nxt) != len(doc) + 1:
        firsts = lexicon().offices.firsts
        lower = lowers(doc)
        nxt = [len(doc) + 99] * (len(doc) + 1)
        for k in range(len(doc) - 1, -1, -1):
            nxt[k] = k if lower[k] in firsts else nxt[k + 1]
        doc.user_data[_NEXT_OFFICE] = nxt
    if nxt[i] <= i + 6:
        return True
    reach = max((m.end for k in (i, i + 1) if (m := by_start.get(k)) is not None and k < len(doc)), default=i)
    return nxt[i] <= reach + 3


def _predicative(doc: Doc, i: int, by_start) -> bool:
    """"Bazoum as the legitimate president", "Bazoum, the president of Niger": the office is said
    of the person just named, so it is not a separate reference to the office holder."""
    if i == 0:
        return False
    before = doc[i - 1]
    if before.lower_ in ("as", "is", "was", "became", "remains", "named", "appointed", "elected"):
        return True
    if before.text == "," and i > 1:
        prev = by_start.get("end", {}).get(i - 1)
        return prev is not None and prev.cls == "Person"
    return False
