"""Threats, accusations, concern and labels — on sentences we wrote ourselves (none from the evaluation set)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text,expected", [
    ("North Korea threatened to attack South Korea.", ("North Korea", "threatens", "South Korea")),
    ("Pyongyang threatened to retaliate against Seoul.", ("North Korea", "threatens", "South Korea")),
    ("Washington vowed to impose sanctions on Moscow.", ("United States", "threatens", "Russia")),
])
def test_extract_relations_a_threatened_act_is_a_threat(facts, text, expected):
    found = facts(text)
    assert expected in found
    assert not {p for _s, p, _o in found} & {"attacks", "sanctions"}


@pytest.mark.parametrize("text,expected", [
    ("Japan is concerned by China's military buildup.", {("Japan", "criticizes", "China")}),
    ("Washington is deeply worried about Russian troop movements near Ukraine.",
     {("United States", "criticizes", "Russia")}),
    ("Japan is not concerned by China's military buildup.", set()),
    ("Germany is concerned about the humanitarian situation in Gaza.", set()),
])
def test_extract_relations_concern_is_criticism(facts, text, expected):
    assert {f for f in facts(text) if f[1] == "criticizes"} == expected


def test_extract_relations_army_chief_apposition_and_accused_acts(facts):
    found = facts("Sudan's army chief, General Abdel Fattah al-Burhan, rejected the talks, accusing Kenya of "
                  "siding with the Rapid Support Forces.")
    assert {("Abdel Fattah al-Burhan", "leaderOf", "Armed Forces of Sudan"),
            ("Armed Forces of Sudan", "partOf", "Sudan"),
            ("Abdel Fattah al-Burhan", "criticizes", "Kenya"),
            ("Kenya", "supports", "Rapid Support Forces")} <= found
    assert ("Abdel Fattah al-Burhan", "supports", "Rapid Support Forces") not in found


def test_extract_relations_fighting_alongside_and_accused_sanctions(facts):
    found = facts("Wagner fighters fought alongside the Malian army against militants.")
    assert ("Wagner Group", "cooperatesWith", "Armed Forces of Mali") in found
    assert not any(p == "attacks" for _s, p, _o in found)
    found = facts("Mali accused ECOWAS of imposing illegal sanctions.")
    assert {("Mali", "criticizes", "Economic Community of West African States"),
            ("Economic Community of West African States", "sanctions", "Mali")} <= found


@pytest.mark.parametrize("text,expected", [
    ("Iran views the Islamic State as a terrorist group.", {("Iran", "criticizes", "Islamic State")}),
    ("The PKK, which Ankara considers a terrorist organization, attacked a base.",
     {("Turkey", "criticizes", "Kurdistan Workers' Party")}),
    ("Ankara does not consider the PKK a partner.", set()),
])
def test_extract_relations_labelling_a_terrorist_group_is_criticism(facts, text, expected):
    assert {f for f in facts(text) if f[1] == "criticizes"} == expected


@pytest.mark.parametrize("text,expected", [
    ("Tusk said Warsaw would send more aid to Ukraine.", {("Poland", "providesAidTo", "Ukraine")}),
    ("Germany said it would deliver tanks to Ukraine.", {("Germany", "providesAidTo", "Ukraine")}),
    ("Putin said Russia would attack if NATO expanded.", set()),
    ("The alliance would attack Russia if provoked.", set()),
])
def test_extract_reported_would_is_an_announced_plan(facts, text, expected):
    assert {f for f in facts(text) if f[1] in ("providesAidTo", "attacks")} == expected


@pytest.mark.parametrize("text,expected", [
    ("North Korea fired two ballistic missiles on Thursday. The United States condemned the launch.",
     {("United States", "criticizes", "North Korea")}),
    ("Russia attacked Kyiv overnight. Germany condemned the attack.", {("Germany", "criticizes", "Russia")}),
    ("Germany condemned the attack.", set()),
])
def test_extract_an_act_condemned_by_reference_is_its_actors(facts, text, expected):
    assert {f for f in facts(text) if f[1] == "criticizes"} == expected


@pytest.mark.parametrize("text,expected", [
    ("France reaffirmed its commitment to Lebanon's sovereignty.", ("France", "supports", "Lebanon")),
    ("South Africa expressed solidarity with the Palestinian people.", ("South Africa", "supports", "Palestine")),
    ("India and Japan vowed to strengthen their strategic partnership.", ("India", "cooperatesWith", "Japan")),
])
def test_extract_stance_commitment_solidarity_and_partnership(facts, text, expected):
    assert expected in facts(text)


def test_extract_stance_partnership_not_strengthened_gives_nothing(facts):
    assert not facts("India did not strengthen ties with Pakistan.")
