"""Standing facts stated by titles, appositions and state-organ names:
`leaderOf`, `partOf`, `memberOf`, `locatedIn`, and `borders` stated by a verb."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.extract import deps
from kg.extract.args import MentionOf, asserted, mentions_for, subjects
from kg.extract.cache import tokens
from kg.extract.events import Candidate, fits
from kg.extract.groups import NEIGHBOURING, group_members, is_group
from kg.extract.heads import heading_verbs
from kg.extract.lexicon import lemma_keys, lexicon
from kg.extract.membership import IGO_CLASSES, member_lists, membership, party_of
from kg.extract.mentions import Mention
from kg.extract.naming import Namer
from kg.extract.places import located_in

STATE_ORGANS = {"GovernmentBody", "ArmedForce"}
STATE_FORCE_WORDS = {"army", "armed", "forces", "force", "navy", "guard", "guards", "military", "staff"}
NON_STATE_WORDS = {"rebel", "rebels", "movement", "front", "liberation", "free", "militia", "group",
                   "islamic", "jihad", "brigades", "mujahideen"}


def standing_facts(doc: Doc, mentions: list[Mention], mention_of: MentionOf,
                   namer: Namer) -> Iterator[Candidate]:
    """All standing-fact candidates of a document."""
    yield from _titles(mentions, doc)
    yield from _organs(mentions, doc, namer)
    yield from sub_bodies(mentions, doc, namer)
    yield from _sub_bodies_of(mentions, doc)
    yield from _appositions(doc, mention_of, namer)
    yield from _office_appositions(doc, mentions, mention_of, namer)
    yield from membership(doc, mention_of)
    yield from member_lists(doc, mention_of)
    yield from party_of(doc, mention_of)
    yield from _located(doc, mention_of)
    for place, container, trigger, rule in located_in(doc, mentions, namer):
        yield place, "locatedIn", container, trigger, rule, None, 0.8
    yield from heading_verbs(doc, mention_of)
    yield from _border_verbs(doc, mention_of)
    yield from _neighbours(doc, mention_of)


def _titles(mentions: list[Mention], doc: Doc) -> Iterator[Candidate]:
    """"Defence Minister Sergey Shoigu" → leaderOf the ministry (and partOf for the ministry)."""
    for m in mentions:
        if m.cls == "Person" and m.key and m.office and m.office[1] and m.kind in ("title", "surname", "name"):
            target = Mention(m.start, m.end, m.office[1], m.led_cls or "Organization", country=m.country)
            yield m, "leaderOf", target, doc[m.start], "title", None, 0.9
            if target.cls in STATE_ORGANS and m.country and _state_organ_name(target, set()):
                country = _country_mention(m.country, m, doc)
                if country is not None:
                    yield target, "partOf", country, doc[m.start], "title:organ", None, 0.85


def _state_organ_name(body: Mention, words: set[str]) -> bool:
    """Whether a body's name (its key, plus `words` of its surface) is a state's: no armed-group
    word, and a state-force word for an armed force ("Armed Forces of Sudan", not "Hezbollah")."""
    words = words | set(body.key.lower().replace("'", " ").split())
    return not words & NON_STATE_WORDS and (body.cls != "ArmedForce" or bool(words & STATE_FORCE_WORDS))


def _country_mention(iso3: str, near: Mention, doc: Doc) -> Mention | None:
    from kg.extract.naming import default_namer

    namer = default_namer()
    if iso3 not in namer.gaz.countries:
        return None
    c = namer.country(iso3)
    return Mention(near.start, near.end, c.name, "Country", country=iso3, wikidata=c.wikidata)


def _organs(mentions: list[Mention], doc: Doc, namer: Namer) -> Iterator[Candidate]:
    """"the Algerian Foreign Ministry" → partOf Algeria; "Algerian People's National Army" too."""
    for m in mentions:
        if m.cls not in STATE_ORGANS or not m.key or m.kind == "special":
            continue
        iso3 = m.country
        if m.kind == "name":
            # a named organ: only state armies and state bodies, not armed groups based somewhere
            if not _state_organ_name(m, {t.lower_ for t in m.span(doc)}):
                continue
            inside = _adjective_inside(m, doc, namer)
            before = _country_before(doc, m.start, namer)
            iso3 = inside or before or iso3
        if iso3 and iso3 in namer.gaz.countries:
            country = _country_mention(iso3, m, doc)
            yield m, "partOf", country, doc[m.start], "organ", None, 0.85


def _adjective_inside(m: Mention, doc: Doc, namer: Namer) -> str | None:
    """"Algerian People's National Army": the adjective the name starts with (not a bare
    country name: "Ukraine Council" in "NATO-Ukraine Council" is no Ukrainian body)."""
    from kg.nlp.gazetteer_ruler import SPAN_KEY

    for span in doc.spans.get(SPAN_KEY, []):
        if span.start == m.start and span.end < m.end and span.label_ == "adjective":
            return namer.country_code(span.id_)
    return None


def _country_before(doc: Doc, i: int, namer: Namer) -> str | None:
    """"Iran's Supreme National Security Council": a possessive country right before a name."""
    from kg.nlp.gazetteer_ruler import SPAN_KEY

    j = i - 1 if i > 0 and doc[i - 1].tag_ == "POS" or i > 0 and doc[i - 1].text in ("'s", "’s") else None
    if j is None:
        return None
    for span in doc.spans.get(SPAN_KEY, []):
        if span.end == j and span.label_ == "country":
            return namer.country_code(span.id_)
    return None


NOT_BODIES = {"members", "member", "leaders", "leader", "officials", "official", "representatives",
              "delegates", "delegation", "envoys", "fighters", "troops"}


def sub_bodies(mentions: list[Mention], doc: Doc, namer: Namer) -> Iterator[Candidate]:
    """"the General Staff of the Korean People's Army", "the UN Security Council": a named body
    that names the larger body it belongs to."""
    for m in mentions:
        if m.kind != "name" or m.cls not in ("GovernmentBody", "ArmedForce", "Organization") or not m.key:
            continue
        if any(lexicon().offices.match(doc, k, end=m.end) for k in range(m.start, m.end)):
            continue  # "UN chief Antonio Guterres": a person with a title, not a body
        org = namer.gaz.organization(m.key)
        parent_name = org.part_of if org is not None else None
        words = m.surface.split()
        if not words or not words[-1][:1].isupper() or words[0].lower() in NOT_BODIES:
            continue  # "ISIL fighters", "EU leaders", "Members of the Security Council": people, not a body
        if " of " in m.key:
            parent_name = parent_name or m.key.split(" of ", 1)[1].removeprefix("the ")
        parent = namer.gaz.organization(parent_name) if parent_name else None
        if parent is None and len(words) > 1:
            parent = namer.gaz.organization(words[0])  # "UN Security Council"
        if parent is None or parent.name == m.key or m.key.lower().startswith("government") \
                and parent.cls == "InternationalOrganization":
            continue
        mentioned = parent.name in m.key or any(a in m.surface for a in (parent.name, *parent.aliases) if len(a) > 1)
        if mentioned:
            target = Mention(m.start, m.end, parent.name, parent.cls, wikidata=parent.wikidata)
            yield m, "partOf", target, doc[m.start], "organ:sub-body", None, 0.8


# the last word of a body inside another: "the General Staff of …", "the Central Committee of …"
SUB_BODY_NOUNS = {"staff", "command", "committee", "council", "directorate", "secretariat", "commission",
                  "bureau", "politburo", "presidium"}


def _sub_bodies_of(mentions: list[Mention], doc: Doc) -> Iterator[Candidate]:
    """"the General Staff of the Korean People's Army", "the Central Committee of the Workers'
    Party": a capitalised body name, unknown to the NER, followed by "of" and the body it is in."""
    by_start = {m.start: m for m in mentions}
    taken = {i for m in mentions for i in range(m.start, m.end)}
    for m in mentions:
        if m.cls not in ("GovernmentBody", "ArmedForce", "Organization", "InternationalOrganization") \
                or not m.key:
            continue
        k = m.start - 1 - (m.start > 0 and doc[m.start - 1].lower_ == "the")
        if k < 1 or doc[k].lower_ != "of" or doc[k - 1].lower_ not in SUB_BODY_NOUNS or k - 1 in taken:
            continue
        a = k - 1
        while a > 0 and doc[a - 1].is_title and doc[a - 1].lower_ not in ("the", "a", "an") \
                and a - 1 not in taken and a - 1 not in by_start and k - a < 4:
            a -= 1
        if not all(t.is_title for t in doc[a:k]) or k - a < 2 or a > 0 and doc[a - 1].lower_ == "of":
            continue  # "Chief of Staff of the army" is an office; "the Staff of …" too vague
        name = f"{doc[a:k].text} of {'the ' if doc[k + 1].lower_ == 'the' else ''}{m.key}"
        body = Mention(a, k, name, "ArmedForce" if m.cls == "ArmedForce" else "GovernmentBody"
                       if m.cls == "GovernmentBody" else "Organization", kind="body", country=m.country,
                       surface=doc[a:m.end].text)
        yield body, "partOf", m, doc[a], "organ:sub-body-of", None, 0.8


def _appositions(doc: Doc, mention_of: MentionOf, namer: Namer) -> Iterator[Candidate]:
    """"Bazoum, the president of Niger", "supports Bazoum as the legitimate president"."""
    offices = lexicon().offices
    for tok in tokens(doc):
        person = mention_of(tok)
        if person is None or person.cls != "Person" or not person.key:
            continue
        candidates = [c for c in tok.children if c.dep_ == "appos"] + [o for _w, o in deps.prep_objects(tok, "as")]
        if tok.head != tok and tok.dep_ in deps.DOBJ:
            candidates += [o for _w, o in deps.prep_objects(tok.head, "as")]
        for noun in candidates:
            if noun is None or noun.lemma_.lower() not in {k[0] for k in offices.entries if len(k) == 1}:
                continue
            info = offices.entries.get((noun.lemma_.lower(),))
            if not info or info["leads"] not in ("country", "any"):
                continue
            target = None
            for _w, p in deps.prep_objects(noun, "of"):
                target = next(iter(mentions_for(p, mention_of)), None) or target
            for c in noun.children:
                if c.dep_ in deps.MODIFIERS:
                    m = mention_of(c)
                    target = m if m is not None and m.cls == "Country" else target
            if target is None:
                target = _role_country(person, info["office"], namer)
            if target is not None and target.cls in ("Country", "GovernmentBody", "ArmedForce", "Organization",
                                                     "InternationalOrganization"):
                yield person, "leaderOf", target, noun, "apposition", None, 0.8


def _role_country(person: Mention, office: str, namer: Namer) -> Mention | None:
    entry = namer.person_by_name(person.key)
    if entry is None:
        return None
    for role in entry.roles:
        if role.country and (role.office or "").casefold() == office.casefold() and role.country in namer.gaz.countries:
            c = namer.country(role.country)
            return Mention(person.start, person.end, c.name, "Country", country=role.country, wikidata=c.wikidata)
    return None


OFFICE_ADJECTIVES = {"legitimate", "elected", "former", "interim", "ousted", "deposed", "democratically",
                     "current", "new", "acting", "then", "sitting", "outgoing", "incoming", "transitional"}


def _office_word(doc: Doc, i: int, leads: tuple[str, ...] = ("country", "any")) -> tuple[int, dict] | None:
    """An office (of a country, or what `leads` names) at token `i`, after adjectives: (end, info)."""
    while i < len(doc) and doc[i].lower_ in OFFICE_ADJECTIVES:
        i += 1
    hit = lexicon().offices.match(doc, i) if i < len(doc) else None
    if hit is None or hit[1]["leads"] not in leads:
        return None
    return hit


def _office_appositions(doc: Doc, mentions: list[Mention], mention_of: MentionOf,
                        namer: Namer) -> Iterator[Candidate]:
    """Token patterns for offices said of a named person, whatever the parse:
    "Mohamed Bazoum as the legitimate president", "Bazoum, the president of Niger",
    "the country's elected president, Mohamed Bazoum"."""
    for m in mentions:
        if m.cls != "Person" or not m.key:
            continue
        j = m.end
        if j + 1 < len(doc) and doc[j].lower_ in ("as", ","):
            k = j + 1 + (doc[j + 1].lower_ == "the")
            hit = _office_word(doc, k)
            if hit is not None:
                end, info = hit
                target = None
                if end + 1 < len(doc) and doc[end].lower_ == "of":
                    target = mention_of(doc[end + 1 + (doc[end + 1].lower_ == "the")])
                target = target or _role_country(m, info["office"], namer)
                if target is not None and target.cls == "Country":
                    yield m, "leaderOf", target, doc[m.start], "office:apposition", None, 0.75
        target = _office_of_before(doc, m.start, mention_of)
        if target is not None:  # "the Secretary-General of NATO, Jens Stoltenberg"
            yield m, "leaderOf", target, doc[m.start], "office:apposition", None, 0.75
        # "X's [elected] president, NAME" (NAME after its rank: "…, General NAME")
        i = (m.claim_from if m.claim_from is not None and m.claim_from < m.start else m.start) - 1
        if i > 2 and doc[i].text == ",":
            k = i - 1
            while k > 0 and doc[k].lower_ not in ("'s", "’s") and i - k < 5:
                k -= 1
            force = _office_word(doc, k + 1, leads=("force",)) if k > 0 else None
            owner = mention_of(doc[k - 1]) if force is not None and doc[k].lower_ in ("'s", "’s") else None
            if owner is not None and owner.cls == "Country" and force[0] == i:  # "Sudan's army chief, NAME"
                army = Mention(m.start, m.end, namer.body_name("Armed Forces of {country}", owner.country,
                                                               template=True), "ArmedForce", kind="body",
                               country=owner.country)
                yield m, "leaderOf", army, doc[m.start], "office:apposition", None, 0.75
                yield army, "partOf", owner, doc[m.start], "office:apposition", None, 0.75
            for start in range(max(1, i - 3), i):  # "the Kenyan President, William Ruto"
                hit = _office_word(doc, start, leads=("country",))
                adjective = mention_of(doc[start - 1])
                if hit is not None and hit[0] == i and adjective is not None and adjective.cls == "Country" \
                        and adjective.end == start:
                    yield m, "leaderOf", adjective, doc[m.start], "office:apposition", None, 0.75
            if k > 0 and doc[k].lower_ in ("'s", "’s") and _office_word(doc, k + 1) is not None:
                owner = mention_of(doc[k - 1])
                if doc[k - 1].pos_ == "NOUN":  # "the country's": a description; trust it only
                    role = _role_country(m, _office_word(doc, k + 1)[1]["office"], namer)  # if the
                    owner = role if role is not None and owner is not None and role.key == owner.key else None
                if owner is not None and owner.cls == "Country":  # gazetteer agrees
                    yield m, "leaderOf", owner, doc[m.start], "office:apposition", None, 0.75


LEADS = {"country": ("Country",), "org": IGO_CLASSES, "force": ("ArmedForce",),
         "any": ("Country", "ArmedForce") + IGO_CLASSES}


GENERIC_HEADS = {"group", "movement", "party", "militia", "organisation", "organization", "alliance", "bloc"}


def _office_of_before(doc: Doc, start: int, mention_of: MentionOf) -> Mention | None:
    """The X of "[the] OFFICE of [the] X, NAME" ending right before `start` (NAME's first token)."""
    i = start - 1
    if i < 4 or doc[i].text != ",":
        return None
    last = i - 1 - (doc[i - 1].lower_ in GENERIC_HEADS)  # "Russia's Wagner group": the name ends before
    target = mention_of(doc[last])
    if target is None or target.end != last + 1:
        return None
    of = target.start - 1 - (doc[target.start - 1].lower_ == "the")
    if of > 1 and doc[of].lower_ in ("'s", "’s") and (owner := mention_of(doc[of - 1])) is not None:
        of = owner.start - 1  # "the head of Russia's Wagner group, NAME"
    if of < 1 or doc[of].lower_ != "of":
        return None
    for k in range(max(0, of - 4), of):
        hit = lexicon().offices.match(doc, k)
        if hit is not None and hit[0] == of and target.cls in LEADS.get(hit[1]["leads"], ()):
            return target
    return None


def _located(doc: Doc, mention_of: MentionOf) -> Iterator[Candidate]:
    """"Tillaberi, in western Niger", "Goma, North Kivu", "the town of X in Y"."""
    for tok in tokens(doc):
        place = mention_of(tok)
        if place is None or place.cls != "Location" or not place.key:
            continue
        found = [mentions_for(p, mention_of) for _w, p in deps.prep_objects(tok, "in")]
        found += [[mention_of(c)] for c in tok.children if c.dep_ in ("appos", "npadvmod", "nmod:npmod")
                  and mention_of(c) is not None and deps.case_word(c) is None]
        for group in found:
            container = group[0] if group else None
            if container is not None and container.cls in ("Country", "Location") and container.key != place.key:
                yield place, "locatedIn", container, tok, "located", None, 0.8


def _border_verbs(doc: Doc, mention_of: MentionOf) -> Iterator[Candidate]:
    """"Algeria borders Niger"."""
    for tok in tokens(doc):
        if "border" in lemma_keys(tok) and asserted(tok) and (
                tok.pos_ == "VERB" or any(c.dep_ in deps.DOBJ for c in tok.children)):  # "which borders/NOUN X"
            subs = subjects(tok, mention_of)
            own = {m.key for m in subs}
            objs = [m for c in deps.direct_objects(tok)  # "Iran, which borders both countries": the other two
                    for m in (group_members(c, mention_of, exclude=own) if is_group(c) else mentions_for(c, mention_of))]
            for s in subs:
                for o in objs:
                    if fits(s, "borders", o):
                        yield s, "borders", o, tok, "verb:border", None, 0.85


NEIGHBOUR_NOUNS = {"neighbour", "neighbor", "neighbours", "neighbors"}


def _neighbours(doc: Doc, mention_of: MentionOf) -> Iterator[Candidate]:
    """`borders` said with "neighbour": "the two neighbours", "the neighbouring countries",
    "Kenya, a neighbour of Uganda", "X, a neighbour to both countries", "its neighbour Y",
    "X ... in neighbouring Y"."""
    for tok in tokens(doc):
        low = tok.lower_
        pairs: list[tuple[Mention, Mention]] = []
        if low in NEIGHBOUR_NOUNS and tok.pos_ in ("NOUN", "PROPN"):
            if is_group(tok):
                pairs = _pairs(group_members(tok, mention_of))
            else:
                anchors = _anchors(tok, mention_of)
                skip = {a.key for a in anchors}
                others = [m for w, obj in deps.prep_objects(tok) if w in ("of", "to", "with")
                          for m in (group_members(obj, mention_of, exclude=skip) if is_group(obj)
                                    else mentions_for(obj, mention_of))]
                others += [m for c in tok.children if c.dep_ in ("appos", "flat", "compound", "nmod:unmarked",
                                                                 "npadvmod") and c.i > tok.i
                           for m in mentions_for(c, mention_of)]
                pairs = [(a, o) for a in anchors for o in others]
        elif low in NEIGHBOURING and tok.i + 1 < len(doc):
            nxt = doc[tok.i + 1]
            group = next((t for t in (nxt, nxt.head) if is_group(t)), None)
            if group is not None:
                pairs = _pairs(group_members(group, mention_of))
            else:
                place = mention_of(nxt)
                verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
                if place is not None and place.cls == "Country" and verb is not None:
                    pairs = [(s, place) for s in subjects(verb, mention_of)]
        clause = tok.head if tok.dep_ in deps.DOBJ | deps.SUBJ | {"attr", "appos", "amod"} else tok
        if pairs and not asserted(clause):
            continue
        for a, b in pairs:
            if a.key != b.key and a.cls in ("Country", "Location") and b.cls in ("Country", "Location") \
                    and fits(a, "borders", b):
                yield a, "borders", b, tok, "noun:neighbour", None, 0.75


def _pairs(members: list[Mention]) -> list[tuple[Mention, Mention]]:
    return [(members[0], members[1])] if len(members) == 2 else []


def _anchors(noun: Token, mention_of: MentionOf) -> list[Mention]:
    """Whose neighbour: "Kenya, a neighbour of…" (apposition), "Kenya is a neighbour of…"
    (predicate), "Kenya's neighbour Uganda" (possessor)."""
    if noun.dep_ == "appos":
        return mentions_for(noun.head, mention_of)
    if noun.dep_ in ("attr", "ROOT") or noun.dep_ == "conj" and noun.head.dep_ == "attr":
        return subjects(noun.head if noun.dep_ == "attr" else noun, mention_of)
    return [m for c in noun.children if c.dep_ in deps.POSS for m in mentions_for(c, mention_of)]
