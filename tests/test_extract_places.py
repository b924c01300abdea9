"""Places and where they are, targets and where they stand — on sentences we wrote ourselves (none from the evaluation set)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_extract_relations_a_place_does_not_border_what_contains_it(facts):
    from kg.extract.extractor import _consistent
    from kg.extract.model import Fact

    def fact(s, p, o):
        return Fact(subject=s, predicate=p, object=o, start=0, end=1, evidence="x", rule="r")

    kept = _consistent([fact("KG", "borders", "Batken"), fact("Batken", "locatedIn", "KG"),
                        fact("Batken", "borders", "Sughd"), fact("KG", "borders", "TJ")])
    assert [(f.subject, f.predicate, f.object) for f in kept] == [
        ("Batken", "locatedIn", "KG"), ("Batken", "borders", "Sughd"), ("KG", "borders", "TJ")]
    found = facts("Kyrgyzstan's southern Batken province borders Tajikistan's northern Sughd region.")
    assert ("Batken Province", "locatedIn", "Kyrgyzstan") in found
    assert not {("Kyrgyzstan", "borders", "Batken Province"), ("Batken Province", "borders", "Kyrgyzstan")} & found


@pytest.mark.parametrize("text,expected", [
    ("Kyrgyzstan reported 31 wounded overnight in its southern Batken province.",
     ("Batken Province", "locatedIn", "Kyrgyzstan")),
    ("The attack took place in the Tigray region of Ethiopia.", ("Tigray Region", "locatedIn", "Ethiopia")),
])
def test_extract_relations_region_of_a_country(facts, text, expected):
    assert expected in facts(text)


def test_extract_relations_names_are_not_regions_and_demonyms_not_antecedents(facts):
    found = facts("The coalition fights the Islamic State of Iraq and the Levant in Mosul.")
    assert not any(p == "locatedIn" and o == "Iraq" and "Islamic" in s for s, p, o in found)
    found = facts("We congratulate the Syrians who fought to free Dabiq and thank our ally Turkey.")
    assert not any(s == "Syria" for s, _p, _o in found)


@pytest.mark.parametrize("text,expected", [
    ("India on Wednesday launched missile strikes on nine sites in Pakistan.", ("India", "attacks", "Pakistan")),
    ("Israel struck targets in Syria.", ("Israel", "attacks", "Syria")),
    ("Turkish troops shelled Kurdish positions in northern Syria on Monday.",
     ("Armed Forces of Turkey", "attacks", "Syria")),
])
def test_extract_relations_targets_stand_for_where_they_are(facts, text, expected):
    assert expected in facts(text)


@pytest.mark.parametrize("text,expected", [
    ("The war was over Nagorno-Karabakh, a region inside Azerbaijan.", ("Nagorno-Karabakh", "locatedIn", "Azerbaijan")),
    ("Russian forces captured Avdiivka, a town in Ukraine.", ("Avdiivka", "locatedIn", "Ukraine")),
])
def test_extract_relations_a_name_described_as_a_place(facts, text, expected):
    found = facts(text)
    assert expected in found
    assert not any(p == "leaderOf" for _s, p, _o in found)


def test_extract_places_a_unit_holds_both_a_place_and_what_it_is_near(facts):
    found = facts("Troops clashed in Gulmarg near Tangmarg in the Baramulla district.")
    assert {("Gulmarg", "locatedIn", "Baramulla District"), ("Tangmarg", "locatedIn", "Baramulla District")} <= found


@pytest.mark.parametrize("text,expected", [
    ("Attacks have hit Ouallam, in western Niger.", ("Ouallam", "locatedIn", "Niger")),
    ("Gunmen raided Kidal, in northern Mali, on Sunday.", ("Kidal", "locatedIn", "Mali")),
])
def test_extract_places_a_name_placed_in_a_country_by_apposition(facts, text, expected):
    assert expected in facts(text)


def test_extract_places_a_titled_person_in_a_country_is_no_place(facts):
    assert not any(p == "locatedIn" for _s, p, _o in facts("President Bazoum, in Niger, spoke."))
