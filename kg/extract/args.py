"""Argument finding on the dependency parse: who is the subject, who the object, and
whether the clause is asserted at all (not negated, hedged, or asked)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from kg.extract import deps
from kg.extract.cache import lowers, sent_of
from kg.extract.groups import group_members, is_group, reciprocal
from kg.extract.lexicon import has_lemma, lemma_keys, lexicon
from kg.extract.mentions import Mention
from kg.extract.places import PLACE_NOUNS

CONTROL_DEPS = {"xcomp", "advcl", "conj", "pcomp", "ccomp"}
# nouns that stand for their state: "the presidents of Russia and Algeria", "Niger's military leaders"
PROXY_NOUNS = {"president", "presidents", "leader", "leaders", "head", "heads", "government", "governments",
               "minister", "ministers", "ruler", "rulers", "official", "officials", "representative",
               "representatives", "delegation", "delegations", "authorities", "side", "sides",
               "counterpart", "counterparts", "junta", "leadership", "state", "states",
               "country", "countries", "nation", "nations", "regime", "administration"}
# nouns for fighters that stand for the state they come from: "troops from Rwanda"
FORCE_NOUNS = {"troops", "units", "soldiers", "forces", "fighters", "contingent", "contingents", "battalion",
               "battalions", "personnel", "jets", "warplanes", "warships", "drones", "vessels", "ships", "boats",
               "aircraft", "planes", "gunboats", "patrol", "patrols", "missiles", "rockets", "shells",
               "bombers", "artillery", "tanks"}
# armed groups' members stand for their group, never for a country ("the M23 rebels" are M23;
# "Rwandan rebels" are not Rwanda)
REBEL_NOUNS = {"rebels", "rebel", "insurgents", "militants", "militiamen", "gunmen", "guerrillas",
               "jihadists", "separatists"}
# proxies named by where they rule: "the government in Niger", "the authorities in Kabul"
SEATED = {"government", "junta", "authorities", "regime", "administration", "leadership"}
MEMBER_NOUNS = {"allies", "members", "member", "partners", "member-states"}
# "the town of X" names X ("the capital of X" does not)
PLACE_OF = (PLACE_NOUNS - {"capital", "camp", "border town"}) | {"towns", "cities", "islands", "territories"}
# people from a state who do not stand for it: "hosted Sudanese refugees", "arrested Ethiopian migrants"
PEOPLE_NOUNS = {"refugee", "refugees", "migrant", "migrants", "asylum", "citizen", "citizens", "national",
                "nationals", "resident", "residents", "tourist", "tourists", "student", "students", "worker",
                "workers", "journalist", "journalists", "fisherman", "fishermen", "pilgrim", "pilgrims",
                "civilian", "civilians", "people", "population", "villagers", "farmers", "traders",
                "businessmen", "investors", "families", "children", "women", "men", "hostages", "prisoners",
                "detainees", "victims", "expatriates", "diaspora", "community", "communities", "fans", "voters"}
# what an attack hits, standing for its owner: "Hezbollah positions", "Houthi targets", "Iranian bases"
TARGET_NOUNS = FORCE_NOUNS | {"position", "positions", "target", "targets", "base", "bases", "facility",
                              "facilities", "installation", "installations", "stronghold", "strongholds",
                              "camp", "camps", "outpost", "outposts", "convoy", "convoys", "hideout",
                              "hideouts", "depot", "depots", "militants", "vessel", "vessels", "ship", "ships",
                              "tanker", "tankers", "boat", "boats", "infrastructure", "grid", "plant", "plants",
                              "airfield", "airfields", "airport", "airports", "port", "ports", "embassy",
                              # and what an expulsion or a ban hits: "the expulsion of Colombian diplomats"
                              "diplomat", "diplomats", "ambassador", "ambassadors", "envoy", "envoys",
                              "consulate", "consul", "officials", "companies", "firms", "banks", "airlines",
                              "site", "sites", "locations", "launchpads", "bunkers",
                              # and what tariffs and bans hit: "tariffs on Chinese steel"
                              "goods", "imports", "exports", "products", "steel", "aluminium", "aluminum",
                              "cars", "vehicles", "chips", "semiconductors", "oligarchs", "assets", "entities"}
# proxies that a person's name can own: "the Maduro regime", "the Biden administration"
PERSONAL_PROXIES = {"regime", "government", "administration", "camp", "forces", "loyalists"}

MentionOf = Callable[[Token], Mention | None]
# verbs whose subject acts through its object: "X leads a coalition supporting Y", "sent troops fighting Y"
LEADING = {"lead", "head", "command", "form", "send", "deploy", "dispatch", "fund", "arm", "train"}
RELATIVES = {"which", "who", "that"}
REPORTED_PRONOUNS = {"they", "it", "we", "he", "she"}


def conjuncts(token: Token) -> list[Token]:
    """The token and everything coordinated with it ("Saudi Arabia, Egypt and the UAE")."""
    out = [token]
    children = list(token.children)
    last_conj = max((c.i for c in children if c.dep_ == "conj"), default=-1)
    for child in children:
        if (child.dep_ == "conj" or child.dep_ == "appos" and child.i < last_conj) \
                and child.pos_ in ("PROPN", "NOUN", "PRON", "ADJ", "X"):
            out.extend(conjuncts(child))  # an "appos" before a conjunct is a list item: "A, B, C and D"
    return out


def mentions_for(token: Token, mention_of: MentionOf, *, depth: int = 0) -> list[Mention]:
    """Mentions a noun phrase headed by `token` stands for (and its conjuncts).

    Conjuncts are kept only while they are of the same kind as the first (people with people,
    states and bodies with states and bodies): a list that switches kind is most often a
    misparse across a clause boundary ("threats to Taiwan, Biden and Trudeau said")."""
    out = _mentions_for(token, mention_of, depth=depth)
    if len(out) > 1:
        person = out[0].cls == "Person"
        out = [out[0]] + [m for m in out[1:] if (m.cls == "Person") == person]
    return out


def _mentions_for(token: Token, mention_of: MentionOf, *, depth: int = 0) -> list[Mention]:
    out: list[Mention] = []
    for t in conjuncts(token):
        named = [] if t.ent_type_ else [n for c in t.children if c.dep_ == "appos"
                                        and (n := mention_of(c)) is not None and n.key and n.cls == "Person"]
        named = named or ([] if t.ent_type_ or t.lower_ not in PROXY_NOUNS else _named_after(t, mention_of))
        if named:  # "the Secretary-General of NATO, Jens Stoltenberg, arrived": the person
            out.extend(named)
            continue
        m = mention_of(t)
        if m is not None and m.key:
            out.append(m)
            continue
        if t.lower_ in MEMBER_NOUNS:  # "NATO allies", "EU members": the organisation; "their
            # Rwandan allies": the country named by a demonym (but "the two Russian allies" are
            # two allies of Russia)
            orgs = [n for c in t.children if c.dep_ in ("compound", "amod", "nmod:poss") and (n := mention_of(c))
                    is not None and n.key and (n.cls in ("InternationalOrganization", "Organization")
                                               or n.cls == "Country" and c.dep_ == "amod"
                                               and t.lower_ in ("allies", "partners")
                                               and any(k.dep_ in deps.POSS for k in t.children))]
            if orgs:
                out.extend(orgs)
                continue
        if is_group(t):  # "both countries", "the two neighbours": the pair, and nothing coordinated with it
            return group_members(t, mention_of) if t == token else unique(out)
        if reciprocal(t) and depth == 0:  # "X and Y accused each other"
            verb = t.head.head if t.head.dep_ == "prep" else t.head
            out.extend(subjects(verb, mention_of, depth=1))
            continue
        if t.lower_ in PLACE_OF:  # "the town of Bakhmut" is Bakhmut
            out.extend(m for word, obj in deps.prep_objects(t) if word == "of"
                       for m in mentions_for(obj, mention_of, depth=depth + 1) if m.cls in ("Location", "Country"))
        if depth < 2 and t.lower_ in REBEL_NOUNS:
            out.extend(m for c in t.children if c.dep_ in ("compound", "nmod:poss", "poss")
                       and (m := mention_of(c)) is not None and m.key and m.cls in ("Organization", "ArmedForce"))
        elif depth < 2 and t.lower_ in PROXY_NOUNS | FORCE_NOUNS:
            seated = [] if t.lower_ not in SEATED or t.i + 2 >= len(t.doc) or t.doc[t.i + 1].lower_ != "in" \
                else [("in", t.doc[t.i + 2])]  # "the junta in Niger" with "in Niger" hung on the verb
            for word, obj in [*deps.prep_objects(t), *seated]:
                if word == "of" and t.lower_ in PROXY_NOUNS or word == "from" and t.lower_ in FORCE_NOUNS \
                        or word == "in" and t.lower_ in SEATED:  # "the military government in Niger"
                    out.extend(m for m in mentions_for(obj, mention_of, depth=depth + 1) if m.cls == "Country"
                               or word == "of")
            for child in t.children:  # "units coming from Rwanda"
                if child.dep_ in ("acl", "relcl") and has_lemma(child, ("come", "hail")):
                    for _w, obj in deps.prep_objects(child, "from"):
                        out.extend(m for m in mentions_for(obj, mention_of, depth=depth + 1) if m.cls == "Country")
            for child in t.children:
                if child.dep_ in deps.MODIFIERS and deps.case_word(child) is None:  # not "counterpart in China"
                    m = mention_of(child)
                    if m is not None and m.key and (m.cls == "Country" or m.cls == "Person"
                                                    and t.lower_ in PERSONAL_PROXIES
                                                    or m.cls in ("InternationalOrganization", "Organization",
                                                                 "ArmedForce", "GovernmentBody")
                                                    and t.lower_ in FORCE_NOUNS):
                        out.append(m)
    return unique(out)


def _named_after(token: Token, mention_of: MentionOf) -> list[Mention]:
    """NAME in "the leader of X, NAME, …" read at the token level (parsers attach NAME to X)."""
    doc, j = token.doc, token.i + 1
    if j + 1 >= len(doc) or doc[j].lower_ != "of":
        return []
    target = mention_of(doc[j + 1 + (doc[j + 1].lower_ == "the")])
    k = target.end if target is not None else len(doc)
    person = mention_of(doc[k + 1]) if k + 1 < len(doc) and doc[k].text == "," else None
    return [person] if person is not None and person.key and person.cls == "Person" and person.start == k + 1 \
        else []


def unique(mentions: list[Mention]) -> list[Mention]:
    """Mentions with distinct keys, in order."""
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.key not in seen:
            seen.add(m.key)
            out.append(m)
    return out


def subjects(verb: Token, mention_of: MentionOf, *, depth: int = 0) -> list[Mention]:
    """Actors of `verb`: its subject (or passive agent), else the controlling clause's subject."""
    subj = deps.subject_tokens(verb)
    head = mention_of(verb.head) if subj and deps.is_relcl(verb) and all(t.lower_ in RELATIVES for t in subj) \
        else None
    if head is not None and head.kind != "adjective":
        subj = [verb.head]  # "Finland, which joined NATO": the name described (not "presidents who")
    elif subj and verb.dep_ == "advcl:relcl" and all(t.lower_ in RELATIVES for t in subj) and subj[0].i > 0:
        before = verb.doc[subj[0].i - 1]  # "its Batken province which borders …" hung on the main verb
        if (m := mention_of(before)) is not None and m.kind != "adjective":
            subj = [before]
    if subj:
        found = unique([m for t in subj for m in mentions_for(t, mention_of)])
        found = unique(found + [p for m in found if m.cls == "Person" for p in counterparts(verb.doc, m, mention_of)])
        if not found and depth < 3 and all(t.lower_ in REPORTED_PRONOUNS for t in subj) \
                and verb.dep_ in ("ccomp", "xcomp", "conj", "advcl") and verb.head != verb:
            # "X and Y announced they were severing ties…": the pronoun is the speakers
            return subjects(verb.head, mention_of, depth=depth + 1)
        if not found and depth == 0 and len(subj) == 1 and subj[0].lower_ == "they" and verb.dep_ == "ROOT":
            previous = _previous_root(verb)
            if previous is not None:
                before = subjects(previous, mention_of, depth=1)
                if len(before) > 1:  # "X and Y severed ties… They accused…"
                    return before
        return found
    if deps.is_passive(verb):
        return unique([m for t in deps.agent_tokens(verb) for m in mentions_for(t, mention_of)])
    if depth < 3 and verb.head != verb:
        head = verb.head
        if deps.is_relcl(verb):
            infinitive = any(c.dep_ in ("mark", "aux") and c.lower_ == "to" for c in verb.children)
            if not infinitive:
                found = mentions_for(head, mention_of)
                if not found and head.dep_ in deps.DOBJ and has_lemma(head.head, LEADING):
                    found = subjects(head.head, mention_of, depth=depth + 1)  # "X leads a coalition supporting Y"
                elif not found and verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].text == ",":
                    # "X announced measures, accusing Y of …": a participle after a comma is the clause's
                    anc = next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), None) \
                        if head.pos_ not in ("VERB", "AUX") else head
                    found = subjects(anc, mention_of, depth=depth + 1) if anc is not None else []
                return found
            if head.pos_ == "NOUN":  # "an attempt by X to attack", "X's decision to expel": X
                agents = [c for c in head.children if c.dep_ in deps.POSS
                          or c.dep_ in ("nmod", "pobj") and deps.case_word(c) == "by"]
                found = unique([m for t in agents for m in mentions_for(t, mention_of)])
                if found:
                    return found
            anc = next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")), None)
            return subjects(anc, mention_of, depth=depth + 1) if anc is not None else []
        if verb.dep_ == "xcomp" and deps.is_passive(head) and not deps.agent_tokens(head):
            # "Modi is expected to visit Washington", "X was forced to withdraw": the raised subject
            return unique([m for t in deps.passive_subject_tokens(head) for m in mentions_for(t, mention_of)])
        if verb.dep_ in CONTROL_DEPS and (head.pos_ in ("VERB", "AUX", "ADJ") or verb.dep_ == "conj"):
            return subjects(head, mention_of, depth=depth + 1)
    return []


COUNTERPART_GAP = {"his", "her", "their", "the", "its", "counterpart", "counterparts", "-"}


def counterparts(doc, m: Mention, mention_of: MentionOf) -> list[Mention]:
    """"X and his Tajik counterpart Y", read at the token level (parsers often split the
    coordination at "counterpart"): the person on the other side of the "and" from `m`."""
    out = []
    i = m.start - 1  # Y's side: back over the title to "and", then X
    seen_title = False
    while i > 0 and (doc[i].lower_ in COUNTERPART_GAP or doc[i].pos_ in ("ADJ", "PROPN") and _adjective(doc[i], mention_of)):
        seen_title = seen_title or doc[i].lower_.startswith("counterpart")
        i -= 1
    if seen_title and i > 0 and doc[i].lower_ == "and":
        other = mention_of(doc[i - 1])
        if other is not None and other.key and other.cls == "Person":
            out.append(other)
    j = m.end  # X's side: forward over "and", the title, then Y
    if j < len(doc) and doc[j].lower_ == "and":
        j += 1
        seen_title = False
        while j < len(doc) and (doc[j].lower_ in COUNTERPART_GAP or _adjective(doc[j], mention_of)):
            seen_title = seen_title or doc[j].lower_.startswith("counterpart")
            j += 1
        other = mention_of(doc[j]) if j < len(doc) and seen_title else None
        if other is not None and other.key and other.cls == "Person":
            out.append(other)
    return out


def _adjective(token: Token, mention_of: MentionOf) -> bool:
    m = mention_of(token)
    return m is not None and m.kind == "adjective"


def _previous_root(verb: Token) -> Token | None:
    start = sent_of(verb).start
    if start == 0:
        return None
    return sent_of(verb.doc[start - 1]).root


def objects(verb: Token, slots: list[str], mention_of: MentionOf, *, noun: Token | None = None,
            with_owners: bool = True) -> list[Mention]:
    """The other party, from the slots the trigger names: 'dobj', 'dative', or prepositions
    attached to the verb (or to its light-verb noun)."""
    out: list[Mention] = []
    passive = deps.is_passive(verb)
    dobjs = deps.passive_subject_tokens(verb) if passive else deps.direct_objects(verb)
    if passive and not dobjs and verb.dep_ == "conj" and verb.head != verb:
        dobjs = deps.subject_tokens(verb.head)  # "X arrived and was greeted by Y"
    if not dobjs and verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "appos") and verb.head != verb \
            and (deps.agent_tokens(verb) or verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].lower_ == "by"):
        dobjs = [verb.head]  # "the Polisario Front, supported by Algeria": the noun is the object
    for slot in slots:
        if slot == "dobj":
            # an object the parser took for an indirect one ("denounced the joint U.S.-South Korean
            # Ulchi Freedom Shield drills": Shield/iobj, drills/obj) counts when nothing else does
            for t in dobjs:
                found = mentions_for(t, mention_of)
                if not found and not with_owners and t.pos_ == "NOUN":  # "visited troops in Syria"
                    found = _where(t, mention_of) or _where(verb, mention_of)
                out += found or ((target_owners if t.lower_ in TARGET_NOUNS else owners)(t, mention_of)
                                 if with_owners else [])
            if not out and not passive and "dative" not in slots:
                for t in deps.datives(verb):
                    out += mentions_for(t, mention_of) or (owners(t, mention_of) if with_owners else [])
        elif slot == "dative":
            out += [m for t in deps.datives(verb) for m in mentions_for(t, mention_of)]
        else:
            # on the verb, on its light-verb noun, or on its object ("brokered a truce between X and Y")
            for head in [verb] + ([noun] if noun is not None else []) + [t for t in dobjs if t != noun]:
                for _w, obj in deps.prep_objects(head, slot):
                    found = mentions_for(obj, mention_of)
                    if not found and with_owners and (obj.lower_ in TARGET_NOUNS or head.lower_ in TARGET_NOUNS):
                        # "airstrikes on Hezbollah targets", "imports of Moldovan wine"
                        found = target_owners(obj, mention_of)
                    elif not found and not with_owners and obj.pos_ == "NOUN":  # a visit "to the front line in X"
                        found = _where(obj, mention_of)
                    out += found
            if slot == "of" and not out and noun is not None and with_owners:
                out += owners(noun, mention_of)  # "the French ambassador": "the ambassador of France"
    return unique(out)


def _where(token: Token, mention_of: MentionOf, preps: tuple[str, ...] = ("in", "near")) -> list[Mention]:
    """The countries and places a word is said to be in or near."""
    return [m for word, obj in deps.prep_objects(token) if word in preps
            for m in mentions_for(obj, mention_of) if m.cls in ("Country", "Location")]


def target_owners(token: Token, mention_of: MentionOf) -> list[Mention]:
    """Who a target stands for: its owner ("Hezbollah targets", "positions of the army"), else
    where it is ("nine sites in Pakistan", "positions near Tovuz", "struck targets in Syria" with
    "in Syria" on the verb)."""
    found = owners(token, mention_of)
    if not found:  # "the positions of the FARDC", "imports of Moldovan wine"
        found = [m for word, obj in deps.prep_objects(token) if word == "of"
                 for m in mentions_for(obj, mention_of) or owners(obj, mention_of) if m.cls != "Location"]
    for head in (token, token.head) if token.dep_ in deps.DOBJ else (token,):
        if found:
            break
        found = _where(head, mention_of, ("in", "inside", "near", "across"))
    return found


def owners(token: Token, mention_of: MentionOf) -> list[Mention]:
    """Actors owning a thing: "Erdogan's agreement", "the joint U.S.-South Korean drills", "a
    decision by Kosovo"."""
    if token.lower_ in PEOPLE_NOUNS:
        return []
    found = []
    for child in token.children:
        if child.dep_ in ("nmod", "pobj") and deps.case_word(child) == "by" and token.pos_ == "NOUN":
            found += [m for m in mentions_for(child, mention_of) if m.cls != "Location"]  # "a decision by Kosovo"
        elif child.dep_ in deps.POSS or child.dep_ in ("compound", "amod", "nmod") and deps.case_word(child) is None:
            for t in child.subtree:
                m = mention_of(t)
                if m is not None and m.key and (m.cls not in ("Location", "Organization")
                                                or m.cls == "Organization" and token.lower_ in TARGET_NOUNS):
                    found.append(m)
    return unique(found)


# verbs that report speech: what they introduce is someone's words
SAYING = {"say", "announce", "tell", "state", "add", "confirm", "pledge", "promise", "declare", "vow", "insist",
          "report", "note", "write", "quote"}


def _reported_future(verb: Token) -> bool:
    """"Warsaw would send more aid", said by someone: a reported "will" (an announced plan), not a
    hypothetical, unless a condition follows ("would attack if provoked")."""
    if verb.dep_ not in ("ccomp", "parataxis") or verb.head == verb \
            or not any(k in SAYING for k in lemma_keys(verb.head)):
        return False
    return not any(t.lower_ in ("if", "unless") for t in verb.subtree)


def asserted(verb: Token) -> bool:
    """False for negated, hedged, questioned, conditional or denied clauses."""
    lex = lexicon().relations
    sent = sent_of(verb)
    last = next((t for t in reversed(sent) if not t.is_space), None)  # not sent.text: O(1), not O(sentence)
    if last is not None and last.text.endswith("?"):
        return False
    # "If Ghana invades Togo, …": a conditional clause, whatever the parse made of it (looking back
    # at most 100 tokens, so that a sentence without punctuation is not quadratic)
    low = lowers(verb.doc)
    for k in range(verb.i - 1, max(sent.start, verb.i - 100) - 1, -1):
        if low[k] in (",", ";"):
            break
        if low[k] in ("if", "unless", "whether"):
            return False
    node = verb
    for _ in range(4):
        for child in node.children:
            if deps.is_negator(child):
                return False
            if child.dep_ == "aux" and child.lower_ in lex["hedges"] and not (
                    child.lower_ == "would" and _reported_future(node)):
                return False
            if child.dep_ == "mark" and child.lower_ in ("if", "whether", "unless"):
                return False
        if node.dep_ in ("xcomp", "ccomp", "conj", "advcl") and node.head != node:
            if has_lemma(node.head, lex["deny_verbs"]) or has_lemma(node.head, ("refuse", "fail")):
                return False
            node = node.head
        else:
            break
    return True
