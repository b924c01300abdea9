"""Regenerate the gazetteer data files in ``kg/resolve/data/`` from ``../shared/data``.

Usage::

    python -m kg.resolve.build_gazetteers [--shared PATH] [--out DIR]

Reads the mledoze country list, the ISO-3166 -> Wikidata table and the PETRARCH/TABARI
actor dictionaries (never copied into the project) plus our hand-written
``data/curation.json``, and writes compact, sorted JSON tables of facts:
``countries.json``, ``organizations.json`` and ``people.json``. Output is deterministic.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from kg.resolve.gazetteer import PHOENIX_SNAPSHOT, STOPWORDS, is_acronym, normalize

REPO = Path(__file__).resolve().parents[2]
DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_SHARED = REPO.parent / "shared" / "data"
MAX_PEOPLE = 3000
MIN_YEAR = "1990-01-01"

SKIP_SECTORS = {"", "ELI", "UAF", "UNR"}
_LEX = json.loads((DATA_DIR / "curation.json").read_text(encoding="utf-8"))["lexicon"]
ENGLISH_FORM_WORDS, PARTICLES, KEEP_UPPER = (set(_LEX[k]) for k in ("english_form_words", "particles", "keep_upper"))
ORG_WORDS, NOT_ORG_NAME, TITLE_WORDS = (set(_LEX[k]) for k in ("org_words", "not_org_name", "title_words"))
BAD_CODES, ARMED_WORDS = set(_LEX["bad_codes"]), set(_LEX["armed_words"])
TITLES = [tuple(t) for t in _LEX["titles"]]  # (TABARI pattern, office), most specific first


def load_json(path: Path) -> Any:
    """Read a UTF-8 JSON file."""
    return json.loads(path.read_text(encoding="utf-8"))


def proper_case(phrase: str, *, person: bool = False) -> str:
    """Turn a TABARI phrase (``AFRICAN_UNION_``) into English casing (``African Union``)."""
    words = [w for w in re.split(r"[_\s]+", phrase.strip("_ +")) if w]
    out: list[str] = []
    for i, word in enumerate(words):
        low = word.lower()
        if word.strip("()") in KEEP_UPPER or (not person and len(word) <= 5 and word.startswith("(")):
            out.append(word)
        elif i > 0 and low in PARTICLES:
            out.append(low)
        elif "-" in word:
            parts = word.split("-")
            head = parts[0].lower() if parts[0].lower() in {"al", "el", "ad", "as", "ash", "an", "at"} \
                else parts[0].capitalize()
            short = person and len(parts) == 2 and len(parts[0]) <= 4 and len(parts[1]) <= 4 \
                and head[0].isupper()
            tail = [p.lower() if short else _cap(p) for p in parts[1:]]
            out.append("-".join([head, *tail]))
        else:
            out.append(_cap(word))
    return " ".join(out)


def _cap(word: str) -> str:
    """Capitalise one word, handling ``O'Neill``, ``McCain`` and initials."""
    w = word.capitalize()
    if "'" in w[:3]:
        head, _, rest = w.partition("'")
        w = f"{head}'{rest.capitalize()}" if len(rest) > 2 else w
    if w.startswith("Mc") and len(w) > 3:
        w = "Mc" + w[2:].capitalize()
    return w


def parse_actors(path: Path) -> list[dict[str, Any]]:
    """Parse a TABARI/PETRARCH actor dictionary into records.

    Returns:
        Records ``{"phrases": [...], "codes": [(code, start, end, dated)], "comment": str}``;
        the first phrase is the primary one.
    """
    records: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _, comment = raw.partition("#")
        if not body.strip():
            if not raw.strip():
                current = None
            continue
        codes = [_restriction(m) for m in re.findall(r"\[([^\]]*)\]", body)]
        phrase = re.sub(r"\[[^\]]*\]", "", body).strip()
        if raw[:1] in "\t " and not phrase:
            if current is not None:
                current["codes"].extend(c for c in codes if c)
            continue
        if phrase.startswith("+") and current is not None:
            current["phrases"].append(phrase[1:].strip())
        elif phrase and current is not None and not current["codes"] and not codes:
            current["phrases"].append(phrase)
        elif phrase:
            current = {"phrases": [phrase], "codes": [c for c in codes if c], "comment": comment}
            records.append(current)
        if current is not None and phrase.startswith("+"):
            current["codes"].extend(c for c in codes if c)
    return records


def _restriction(text: str) -> tuple[str, str | None, str | None, bool] | None:
    """Parse ``RUSGOV 991231-080507`` / ``RUSGOV >080508`` / ``RUSGOV``."""
    parts = text.split()
    if not parts or not re.fullmatch(r"[A-Z~]{3,}", parts[0]):
        return None
    code, rng = parts[0], "".join(parts[1:])
    if not rng:
        return code, None, None, False
    if rng.startswith("<"):
        return code, None, _date(rng[1:]), True
    if rng.startswith(">"):
        return code, _date(rng[1:]), None, True
    a, _, b = rng.partition("-")
    return code, _date(a), _date(b), True


def _date(text: str) -> str | None:
    """YYYYMMDD or YYMMDD -> ISO date (two-digit years <= 30 are 20xx)."""
    if len(text) == 6 and text.isdigit():
        text = ("20" if int(text[:2]) <= 30 else "19") + text
    if len(text) != 8 or not text.isdigit() or not ("01" <= text[4:6] <= "12"):
        return None
    return f"{text[:4]}-{text[4:6]}-{text[6:]}"


def _english_alias(alias: str, name: str) -> bool:
    """Keep an altSpelling only when it is an English formal name (no native forms)."""
    if not alias.isascii() and not normalize(alias).isascii():
        return False
    if "," in alias or len(alias) < 3 or alias == name:
        return False
    return bool(set(alias.split()) & ENGLISH_FORM_WORDS) and " of " in f" {alias} "


def _clean(names: list[str], exclude: set[str], allowed: frozenset[str] = frozenset()) -> list[str]:
    """Deduplicate, drop excluded names (normalized), stop words, 1-letter and 2-letter codes.

    Acronyms whose lower case is a stop word (``US``, ``WHO``) or 2-letter ones (``UK``) survive
    only when hand-curated (``allowed``); ``IN``, ``IS``, ``TO``, ``NO``, ``ME``... never do.
    """
    seen, out = set(), []
    for n in names:
        key = normalize(n)
        curated_acronym = is_acronym(n) and n in allowed and n not in BAD_CODES
        bad = len(key) < 2 or "," in n or ((key in STOPWORDS or len(re.sub(r"\W", "", n)) <= 2) and not curated_acronym)
        if n and n not in seen and key not in exclude and not bad:
            seen.add(n)
            out.append(n)
    return out


def plural(word: str) -> list[str]:
    """Plural demonym: ``Algerian`` -> ``Algerians``; none for ``Chinese``/``British``/``Swiss``."""
    return [] if word.endswith(("ese", "ss", "sh", "ch", "s")) else [word + "s"]


def build_countries(shared: Path, cur: dict[str, Any]) -> list[dict[str, Any]]:
    """Build the country table (sovereign + partially recognised + historical states)."""
    src = load_json(shared / "countries" / "countries.json")
    with (shared / "countries" / "country-codes.csv").open(encoding="utf-8") as fh:
        codes = {r["ISO3166-1-Alpha-3"]: r for r in csv.DictReader(fh)}
    remap = cur["partial_states"]
    keep = {c["cca3"] for c in src if c.get("independent") or c["cca3"] in remap}
    entries = []
    for c in src:
        if c["cca3"] not in keep:
            continue
        iso3 = remap.get(c["cca3"], c["cca3"])
        name = cur["country_names"].get(iso3, c["name"]["common"])
        row = codes.get(iso3, {})
        qid = cur["wikidata"].get(iso3) or (row.get("wikidata_id") or "").rsplit("/", 1)[-1]
        formal = re.sub(r"^the ", "", row.get("UNTERM English Formal", "") or "")
        cldr = row.get("CLDR display name", "") or ""
        alias_src = [*cur["country_aliases"].get(iso3, []), c["name"]["official"], formal,
                     c["name"]["common"], cldr if not re.search(r"[(&]| - ", cldr) else ""]
        alias_src += [a for a in c.get("altSpellings", []) if _english_alias(a, name)]
        dem = c.get("demonyms", {}).get("eng", {})
        base = sorted({d for x in (dem.get("m"), dem.get("f")) if x for d in re.split(r",\s*| or ", x)})
        adjectives = [*cur["country_adjectives"].get(iso3, []), *base]
        demonyms = [*base, *[p for d in base for p in plural(d)], *cur["country_demonyms"].get(iso3, [])]
        entries.append({
            "iso3": iso3, "iso2": "XK" if iso3 == "XKX" else c["cca2"], "name": name,
            "official": c["name"]["official"], "aliases": alias_src, "adjectives": adjectives,
            "demonyms": demonyms, "wikidata": qid, "capitals": list(c.get("capital", [])),
            "borders": sorted(remap.get(b, b) for b in c.get("borders", []) if remap.get(b, b) in
                              {remap.get(k, k) for k in keep}),
            "historical": False, "ambiguous_names": list(cur["country_ambiguous"].get(iso3, [])),
        })
    for h in cur["historical"]:
        entries.append({**h, "borders": [], "historical": True,
                        "ambiguous_names": list(h.get("ambiguous_names", []))})
    _resolve_collisions(entries, cur)
    allowed = frozenset(n for key in ("country_aliases", "country_adjectives", "country_ambiguous")
                        for names in cur[key].values() for n in names)
    for e in entries:
        amb = {normalize(a) for a in e["ambiguous_names"]}
        e["aliases"] = [a for a in _clean(e["aliases"], amb, allowed) if a != e["name"]]
        e["adjectives"] = _clean(e["adjectives"], amb, allowed)
        e["demonyms"] = _clean(e["demonyms"], amb, allowed)
        e["ambiguous_names"] = _clean(e["ambiguous_names"], set(), allowed)
    return sorted(entries, key=lambda e: e["iso3"])


def _resolve_collisions(entries: list[dict[str, Any]], cur: dict[str, Any]) -> None:
    """A surface shared by several countries becomes ambiguous unless curated for exactly one."""
    owners: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        for n in [e["name"], *e["aliases"], *e["adjectives"], *e["demonyms"]]:
            owners[normalize(n)].add(e["iso3"])
    curated = defaultdict(set)
    for iso3, n in ((i, n) for k in ("country_aliases", "country_adjectives", "country_demonyms")
                    for i, names in cur[k].items() for n in names):
        curated[normalize(n)].add(iso3)
    for e in entries:
        for n in [*e["aliases"], *e["adjectives"], *e["demonyms"]]:
            key = normalize(n)
            if len(owners[key]) > 1 and curated[key] != {e["iso3"]}:
                e["ambiguous_names"].append(n)


def _key(name: str) -> str:
    """Index key: acronyms as they are, other names normalized."""
    return name if is_acronym(name) else normalize(name)


def build_organizations(shared: Path, cur: dict[str, Any], countries: set[str]) -> list[dict[str, Any]]:
    """Curated organisations, enriched and extended from the Phoenix IGO/NGO and MNSA dictionaries."""
    orgs = [dict(o, members=list(cur["org_members"].get(o["name"], []))) for o in cur["orgs"]]
    idx = {_key(n): o for o in reversed(orgs) for n in [o["name"], *o["aliases"]]}
    for fname, armed in (("Phoenix.International.actors.txt", False), ("Phoenix.MilNonState.actors.txt", True)):
        for rec in parse_actors(shared / "cameo" / fname):
            if any(c[3] for c in rec["codes"]) or not rec["codes"]:
                continue
            code = rec["codes"][0][0]
            names = []
            for ph in rec["phrases"]:
                m = re.search(r"\(([A-Z0-9\-]{2,8})\)_?$", ph)
                base = re.sub(r"_?\([^)]*\)_?", "_", ph)
                names.append(base.strip("_ +") if len(base.strip("_ +")) <= 5 and "_" not in
                             base.strip("_ +") else proper_case(base))
                if m:
                    names.append(m.group(1))
            words = set(rec["phrases"][0].strip("_ +").upper().replace("_", " ").split())
            if any(_key(n) in idx for n in names):  # known (curated entries keep their own aliases)
                continue
            if not armed and not (words & ORG_WORDS and not words & NOT_ORG_NAME and code.startswith("IGO")):
                continue
            if armed and (len(words) > 1 and not set(words) & ARMED_WORDS or len(words) == 1 and
                          not is_acronym(names[0])):
                continue  # two/three-word entries without an organisation word are mostly people
            country = cur["cameo_country"].get(code[:3], code[:3])
            entry = {"name": names[0], "aliases": names[1:], "members": [],
                     "class": "ArmedForce" if armed else "InternationalOrganization"}
            if country in countries:
                entry["country"] = country
            orgs.append(entry)
            idx.update({_key(n): entry for n in names})
    allowed = frozenset(a for o in cur["orgs"] for a in o["aliases"])
    for o in orgs:
        o["aliases"] = [a for a in _clean(o["aliases"], set(), allowed) if a != o["name"]]
        o.pop("cameo", None)
    return sorted(orgs, key=lambda o: (o["class"], normalize(o["name"])))


def _person_alias(phrase: str) -> str | None:
    """Strip titles and country words off a dictionary variant (``PRESIDENT_VLADIMIR_PUTIN``)."""
    words = [w for w in re.split(r"[_\s]+", phrase.strip("_ +")) if w]
    while words and (words[0].upper() in TITLE_WORDS or words[0].upper().endswith(("IAN", "ESE", "ISH"))):
        words = words[1:]
    if not words or words[-1].upper() in {"ADMINISTRATION", "GOVERNMENT", "REGIME", "CABINET"}:
        return None
    return proper_case("_".join(words), person=True)


def _titles(phrases: list[str]) -> list[str]:
    """Offices named in a record's variants (``FOREIGN_MINISTER_LAVROV`` -> Foreign Minister)."""
    found = []
    for ph in phrases:
        up = "_" + ph.upper().replace(" ", "_")
        for pat, office in TITLES:
            if f"_{pat}_" in up + "_":
                found.append(office)
                break
    return sorted(set(found))


def _person_name(rec: dict[str, Any]) -> str | None:
    """The record's name without titles (``SECRETARY-GENERAL_BAN_KI-MOON`` -> ``Ban Ki-moon``)."""
    words = rec["phrases"][0].strip("_ +").upper().replace("_", " ").split()
    dated = any(c[3] for c in rec["codes"]) or "CountryInfo" in rec["comment"]
    name = _person_alias(rec["phrases"][0])
    if not dated or not name or set(words) & (ORG_WORDS | NOT_ORG_NAME - {"PRESIDENT", "SECRETARY"}):
        return None
    return name if 2 <= len(name.split()) <= 5 else None


def build_people(shared: Path, cur: dict[str, Any], countries: set[str]) -> list[dict[str, Any]]:
    """People with roles from the Phoenix country/international dictionaries plus curated leaders."""
    igo = sorted(((c, o["name"]) for o in cur["orgs"] if (c := o.get("cameo"))), key=lambda t: -len(t[0]))
    cameo = dict(cur["cameo_country"])
    harvested = []
    for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt"):
        for rec in parse_actors(shared / "cameo" / fname):
            name = _person_name(rec)
            if name is None:
                continue
            roles = []
            for code, start, end, _dated in rec["codes"]:
                country = cameo.get(code[:3], code[:3])
                org = next((n for c, n in igo if code.startswith(c)), None) if code[:3] == "IGO" else None
                sector = "IGO" if code[:3] == "IGO" else code[3:6]
                if (country not in countries and org is None) or sector in SKIP_SECTORS:
                    continue
                if end is not None and end < MIN_YEAR:
                    continue
                roles.append({"office": None, "country": country if country in countries else None,
                              "org": org, "start": start, "end": end, "sector": sector, "code": code,
                              "source": "phoenix"})
            if not roles:
                continue
            titles = _titles(rec["phrases"])
            if len(roles) == 1 and len(titles) == 1:
                roles[0]["office"] = titles[0]
            aliases = [a for ph in rec["phrases"] if (a := _person_alias(ph))]
            harvested.append({"name": name, "aliases": aliases, "roles": roles, "titles": titles})
    return _merge_people(cur["people"], harvested)


def _rank(p: dict[str, Any]) -> tuple[int, str]:
    """Harvested people: those with a known title or several roles first, then by recency."""
    last = max((r["end"] or PHOENIX_SNAPSHOT) for r in p["roles"])
    return (int(bool(p["titles"])) + int(len(p["roles"]) > 1) + int(len(p["aliases"]) > 1), last)


def _merge_people(curated: list[dict[str, Any]], harvested: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Curated people first (their roles win), then harvested ones by rank, capped at MAX_PEOPLE."""
    people = [dict(p, aliases=list(p["aliases"]), titles=[], curated=True,
                   roles=[dict(r, source="curated") for r in p["roles"]]) for p in curated]
    idx = {normalize(n): p for p in people for n in [p["name"], *p["aliases"]] if " " in n}
    for h in harvested:
        keys = [normalize(n) for n in [h["name"], *h["aliases"]] if " " in n]
        hit = next((idx[k] for k in keys if k in idx), None)
        if hit is not None:
            hit["aliases"].extend([h["name"], *h["aliases"]])
            if not hit.get("curated"):
                hit["roles"].extend(h["roles"])
                hit["titles"] = sorted(set(hit["titles"]) | set(h["titles"]))
            continue
        people.append(h)
        for k in keys:
            idx.setdefault(k, h)
    tail = sorted((p for p in people if not p.get("curated")), key=_rank, reverse=True)
    people = ([p for p in people if p.get("curated")] + tail)[:MAX_PEOPLE]
    surname_count: dict[str, int] = defaultdict(int)
    for p in people:
        for a in {normalize(a) for a in p["aliases"] if " " not in a.strip()}:
            surname_count[a] += 1
    for p in people:
        p["aliases"] = [a for a in _clean(p["aliases"], {normalize(p["name"])})
                        if " " in a or (surname_count[normalize(a)] == 1 and len(a) >= 4)]
        named = {(r["country"], r["org"], r["start"], r["end"], r.get("code")) for r in p["roles"] if r["office"]}
        roles = {json.dumps(r, sort_keys=True) for r in p["roles"]
                 if r["office"] or (r["country"], r["org"], r["start"], r["end"], r.get("code")) not in named}
        p["roles"] = [json.loads(r) for r in sorted(roles, key=lambda r: (
            json.loads(r)["start"] or "", json.loads(r)["end"] or "", r))]
        if not p["titles"]:
            p.pop("titles")
        p.pop("curated", None)
    return sorted(people, key=lambda p: normalize(p["name"]))


def write(path: Path, payload: Any) -> None:
    """Write JSON deterministically (sorted keys, one entry per line)."""
    items = payload if isinstance(payload, list) else [payload]
    lines = ",\n".join(json.dumps(x, ensure_ascii=False, sort_keys=True) for x in items)
    path.write_text(f"[\n{lines}\n]\n" if isinstance(payload, list) else lines + "\n", encoding="utf-8")


def build(shared: Path = DEFAULT_SHARED, out: Path = DATA_DIR) -> dict[str, int]:
    """Regenerate all data files.

    Args:
        shared: The ``shared/data`` folder with ``countries/`` and ``cameo/``.
        out: Output folder (``kg/resolve/data``).

    Returns:
        Entry counts per written file.
    """
    cur = load_json(DATA_DIR / "curation.json")
    countries = build_countries(shared, cur)
    iso3s = {c["iso3"] for c in countries}
    orgs = build_organizations(shared, cur, iso3s)
    people = build_people(shared, cur, iso3s)
    out.mkdir(parents=True, exist_ok=True)
    for fname, rows in (("countries.json", countries), ("organizations.json", orgs), ("people.json", people)):
        write(out / fname, rows)
    return {"countries": len(countries), "organizations": len(orgs), "people": len(people)}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="path to shared/data")
    ap.add_argument("--out", type=Path, default=DATA_DIR, help="output folder")
    args = ap.parse_args(argv)
    counts = build(args.shared, args.out)
    print(json.dumps(counts, sort_keys=True))  # noqa: T201 - CLI output
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
