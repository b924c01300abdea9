"""Tests for kg.resolve.gazetteer (the shipped gazetteer data files and their loader)."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from kg.resolve import gazetteer as gz
from kg.resolve.gazetteer import load_gazetteer, normalize

NEVER_ALIASES = {"IN", "IS", "TO", "NO", "AT", "ME", "BE", "IT", "AS", "OR", "ON", "AN", "IF", "OF", "BY"}


@pytest.fixture(scope="module")
def g() -> gz.Gazetteer:
    return load_gazetteer()


def test_resolve_gazetteer_algeria_qid_and_borders(g: gz.Gazetteer) -> None:
    dza = g.countries["DZA"]
    assert dza.name == "Algeria" and dza.wikidata == "Q262" and dza.iso2 == "DZ"
    assert g.borders("DZA", "NER") and g.borders("NER", "DZA")
    assert not g.borders("DZA", "FRA")
    assert "Algiers" in dza.capitals


def test_resolve_gazetteer_namibia_qid_filled(g: gz.Gazetteer) -> None:
    assert g.countries["NAM"].wikidata == "Q1030"


def test_resolve_gazetteer_every_country_qid_is_valid(g: gz.Gazetteer) -> None:
    assert len(g.countries) >= 195
    for c in g.countries.values():
        assert re.fullmatch(r"Q\d+", c.wikidata), c
        assert all(b in g.countries for b in c.borders), c.iso3


def test_resolve_gazetteer_country_names_and_aliases(g: gz.Gazetteer) -> None:
    assert g.country_by_name("Russian Federation").iso3 == "RUS"
    assert g.country_by_name("Russia").iso3 == "RUS"
    assert g.country_by_name("U.S.").iso3 == "USA"
    assert g.country_by_name("US").iso3 == "USA"
    assert g.country_by_name("the United States").iso3 == "USA"
    assert g.country_by_name("DRC").iso3 == "COD"
    assert g.country_by_name("DR Congo").name == "Democratic Republic of the Congo"
    assert g.country_by_name("Congo-Brazzaville").iso3 == "COG"
    assert g.country_by_name("Türkiye").iso3 == "TUR"
    assert g.country_by_name("Turkiye").iso3 == "TUR"
    assert g.country_by_name("Burma").iso3 == "MMR"
    assert g.country_by_name("Cote d’Ivoire").iso3 == "CIV"
    assert g.country_by_name("UAE").iso3 == "ARE"
    assert g.country_by_name("DPRK").iso3 == "PRK"
    assert g.country_by_name("Kosovo").iso3 == "XKX"
    assert g.country_by_name("Atlantis") is None


def test_resolve_gazetteer_acronyms_are_case_sensitive(g: gz.Gazetteer) -> None:
    assert g.country_by_name("us") is None
    assert g.organization("who") is None
    assert g.organization("WHO").name == "World Health Organization"


def test_resolve_gazetteer_niger_vs_nigeria(g: gz.Gazetteer) -> None:
    assert g.country_by_name("Niger").iso3 == "NER"
    assert g.country_by_name("Nigeria").iso3 == "NGA"
    assert g.country_by_adjective("Nigerien").iso3 == "NER"
    assert g.country_by_adjective("Nigerian").iso3 == "NGA"
    assert g.country_by_adjective("Nigeriens").iso3 == "NER"


def test_resolve_gazetteer_adjectives(g: gz.Gazetteer) -> None:
    for word, iso3 in [("Russian", "RUS"), ("russian", "RUS"), ("Saudi", "SAU"), ("Emirati", "ARE"),
                       ("Emiratis", "ARE"), ("Algerians", "DZA"), ("American", "USA"), ("Kyrgyz", "KGZ"),
                       ("Congolese", "COD"), ("British", "GBR"), ("Soviet", "SUN"), ("Ivorian", "CIV")]:
        assert g.country_by_adjective(word).iso3 == iso3, word


def test_resolve_gazetteer_ambiguous_names_need_opt_in(g: gz.Gazetteer) -> None:
    for name in ("Georgia", "Jordan", "Chad", "Congo"):
        assert g.country_by_name(name) is None, name
        assert g.country_by_name(name, allow_ambiguous=True) is not None, name
    assert g.country_by_name("Georgia", allow_ambiguous=True).iso3 == "GEO"
    assert {c.iso3 for c in g.countries_by_name("Congo")} == {"COD", "COG"}
    assert g.country_by_name("Guinea").iso3 == "GIN"
    assert g.country_by_name("Guinea-Bissau").iso3 == "GNB"
    assert g.country_by_name("Equatorial Guinea").iso3 == "GNQ"


def test_resolve_gazetteer_historical_states(g: gz.Gazetteer) -> None:
    sun = g.countries["SUN"]
    assert sun.historical and sun.wikidata == "Q15180"
    assert g.country_by_name("USSR").iso3 == "SUN"
    assert g.countries["DDR"].historical and not g.countries["DEU"].historical
    assert g.country_by_name("Czechoslovakia").historical


def test_resolve_gazetteer_normalize() -> None:
    assert normalize("Côte d’Ivoire") == "cote d'ivoire"
    assert normalize("  The   Gambia ") == "gambia"
    assert normalize("Guinea–Bissau") == "guinea-bissau"
    assert normalize("Guinea - Bissau") == "guinea-bissau"
    assert normalize("ŞOYGU") == "soygu"
    assert normalize("Theresa May") == "theresa may"


def test_resolve_gazetteer_no_stopword_or_tiny_aliases(g: gz.Gazetteer) -> None:
    forms = list(g.surface_forms(include_ambiguous=True))
    assert len(forms) > 1000
    for surface, kind, _key in forms:
        assert len(surface.strip()) > 1, (surface, kind)
        assert surface not in NEVER_ALIASES, (surface, kind)
        if surface.lower() in gz.STOPWORDS:
            assert gz.is_acronym(surface), (surface, kind)


def test_resolve_gazetteer_surface_forms_kinds(g: gz.Gazetteer) -> None:
    forms = set(g.surface_forms())
    assert ("Russian Federation", "country", "RUS") in forms
    assert ("Nigerien", "adjective", "NER") in forms
    assert ("ECOWAS", "org", "Economic Community of West African States") in forms
    assert ("Sergey Shoigu", "person", "Sergei Shoigu") in forms
    assert not any(s == "Georgia" for s, _k, _v in forms)
    assert ("Georgia", "country", "GEO") in set(g.surface_forms(include_ambiguous=True))


def test_resolve_gazetteer_person_variant_spelling(g: gz.Gazetteer) -> None:
    p = g.person("Sergey Shoigu")
    assert p is not None and p.name == "Sergei Shoigu"
    assert g.person("SERGEY SHOYGU") is p
    assert any(r.office == "Minister of Defence" and r.country == "RUS" for r in p.roles)
    assert g.person("Abdelmadjid Tebboune").roles
    assert g.person("Recep Tayyip Erdogan") is g.person("Recep Tayyip Erdoğan")


def test_resolve_gazetteer_people_by_surname(g: gz.Gazetteer) -> None:
    assert any(p.name == "Vladimir Putin" for p in g.people_by_surname("Putin"))
    assert any(p.name == "Bashar al-Assad" for p in g.people_by_surname("Assad"))


def test_resolve_gazetteer_leaders_of_with_date(g: gz.Gazetteer) -> None:
    names = {p.name for p in g.leaders_of("NER", office="President", on=dt.date(2022, 6, 1))}
    assert names == {"Mohamed Bazoum"}
    later = {p.name for p in g.leaders_of("NER", office="president", on="2024-01-01")}
    assert "Mohamed Bazoum" not in later and "Abdourahamane Tchiani" in later
    rus = g.leaders_of("RUS", office="Minister of Defence", on=dt.date(2020, 1, 1))
    assert [p.name for p in rus] == ["Sergei Shoigu"]
    assert g.leaders_of("RUS", office="President", on="2010-01-01")[0].name == "Dmitry Medvedev"


def test_resolve_gazetteer_phoenix_open_roles_expire(g: gz.Gazetteer) -> None:
    role = gz.Role(office=None, country="RUS", org=None, start="2005-01-01", end=None, source="phoenix")
    assert role.active_on("2010-01-01") and not role.active_on("2023-01-01")
    curated = gz.Role(office="President", country="RUS", org=None, start="2012-05-07", end=None)
    assert curated.active_on(dt.date(2024, 1, 1))


def test_resolve_gazetteer_organizations(g: gz.Gazetteer) -> None:
    assert g.organization("ECOWAS").wikidata == "Q161549"
    nato = g.organization("NATO")
    assert nato.wikidata == "Q7184" and nato.cls == "InternationalOrganization" and "USA" in nato.members
    assert g.organization("North Atlantic Treaty Organization") is nato
    assert g.organization("AU").name == "African Union"
    assert g.organization("African Union").wikidata == "Q7159"
    assert g.organization("UN").wikidata == "Q1065"
    unsc = g.organization("UN Security Council")
    assert unsc.cls == "Organization" and unsc.part_of == "United Nations"
    assert g.organization("Ansar Allah").name == "Houthis"
    assert g.organization("Wagner").cls == "ArmedForce"
    assert g.organization("ISIS").name == "Islamic State"
    assert g.organization("TASS").country == "RUS"


def test_resolve_gazetteer_org_members_and_parents_resolve(g: gz.Gazetteer) -> None:
    for o in g.orgs.values():
        assert o.cls in {"InternationalOrganization", "Organization", "ArmedForce"}
        assert all(m in g.countries for m in o.members), o.name
        assert o.part_of is None or o.part_of in g.orgs, o.name
        assert o.country is None or o.country in g.countries, o.name
        assert o.wikidata is None or re.fullmatch(r"Q\d+", o.wikidata)


def test_resolve_gazetteer_people_roles_wellformed(g: gz.Gazetteer) -> None:
    assert 500 <= len(g.people) <= 5000
    iso = re.compile(r"\d{4}-\d{2}-\d{2}")
    for p in g.people.values():
        assert p.roles, p.name
        for r in p.roles:
            assert r.country in g.countries or r.org in g.orgs, (p.name, r)
            assert r.start is None or iso.fullmatch(r.start)
            assert r.end is None or iso.fullmatch(r.end)


def test_resolve_gazetteer_loader_is_cached(g: gz.Gazetteer) -> None:
    assert load_gazetteer() is g


def test_resolve_gazetteer_stdlib_only() -> None:
    allowed = {"__future__", "argparse", "csv", "json", "re", "collections", "pathlib", "typing", "datetime",
               "unicodedata", "dataclasses", "functools", "kg"}
    for path in Path(gz.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                mods = [node.module or ""]
            else:
                continue
            assert all(m.split(".")[0] in allowed for m in mods), (path.name, mods)


def test_gazetteer_family_name_first_for_east_asian_names():
    from kg.resolve.gazetteer import _surname_keys

    assert _surname_keys("Xi Jinping", family_first=True) == {"xi", "jinping"}
    assert _surname_keys("Emmanuel Macron") == {"macron"}


def test_gazetteer_person_by_transliteration_skeleton():
    from kg.resolve.gazetteer import load_gazetteer, name_skeleton

    gaz = load_gazetteer()
    assert name_skeleton("Mohammed bin Salman") == name_skeleton("Muhammad bin Salman") == "mhmd slmn"
    assert gaz.person("Haider al-Abadi").name == "Haidar al Abadi"
    assert gaz.person("Isaias Afwerki").name == "Isaias Afewerki"
    assert name_skeleton("Ali Khan") is None  # too short to tell people apart
    assert gaz.person("Ali Khan") is None
