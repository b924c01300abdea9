"""Visits, datelines, guests received, journeys and meetings with one's own state — on sentences we wrote ourselves (none from the evaluation set)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_extract_relations_washington_stands_for_the_united_states(facts):
    assert ("China", "criticizes", "United States") in facts("Beijing criticized Washington.")
    assert ("United States", "sanctions", "Russia") in facts("Washington imposed sanctions on Moscow.")


@pytest.mark.parametrize("text,expected", [
    ("The United States will provide Taiwan with $80 million in military financing.",
     {("United States", "providesAidTo", "Taiwan")}),
    ("Turkey provided Ukraine with drones.", {("Turkey", "providesAidTo", "Ukraine")}),
    ("Ruto flew to Addis Ababa for a meeting with Abiy Ahmed.",
     {("William Ruto", "visits", "Addis Ababa"), ("William Ruto", "meetsWith", "Abiy Ahmed")}),
])
def test_extract_relations_aid_given_with_and_journeys_for_talks(facts, text, expected):
    assert expected <= facts(text)


def test_extract_relations_a_capital_in_the_sentence_leaves_a_bare_title_open(facts):
    found = facts("Ethiopian Prime Minister Abiy Ahmed flew to Asmara, where he was greeted by "
                  "President Isaias Afwerki.")
    assert ("Abiy Ahmed", "leaderOf", "Ethiopia") in found
    assert ("Isaias Afwerki", "leaderOf", "Ethiopia") not in found
    assert ("Ishaq Dar", "leaderOf", "Ministry of Foreign Affairs of Pakistan") in facts(
        "Foreign Minister Ishaq Dar said Pakistan would respond.")
    assert not any(p == "leaderOf" for _s, p, _o in facts("Foreign Minister Ishaq Dar arrived in Beijing."))


@pytest.mark.parametrize("text,expected", [
    ("NAIROBI — Ugandan President Yoweri Museveni said the region needs peace.",
     {("Yoweri Museveni", "visits", "Nairobi")}),
    ("Hanoi, Vietnam — Chinese President Xi Jinping said ties were strong.", {("Xi Jinping", "visits", "Hanoi")}),
    ("ABUJA, Nigeria — Nigerian President Bola Tinubu met Nana Akufo-Addo.", set()),
])
def test_extract_relations_dateline_places_a_visiting_leader(facts, text, expected):
    assert {f for f in facts(text) if f[1] == "visits"} == expected


@pytest.mark.parametrize("text,absent", [
    ("Deputy Secretary of State Antony Blinken will meet with senior U.S. military officials.",
     ("Antony Blinken", "meetsWith", "United States")),
    ("Later in the day, Carter flew to visit U.S. service members at an airfield in northern Iraq.",
     ("Ashton Carter", "visits", "United States")),
    ("Minister Tobias Ellwood calls ISIL presence in Palmyra a tragedy.", ("Tobias Ellwood", "meetsWith", "Islamic State")),
])
def test_extract_relations_no_meeting_with_ones_own_state_or_by_naming(facts, text, absent):
    found = facts(text)
    assert absent not in found
    assert not any(p in ("meetsWith", "visits") and o in ("United States", "Islamic State") for _s, p, o in found)


def test_extract_relations_the_two_leaders_and_trips(facts):
    found = facts("Philippine President Ferdinand Marcos Jr. met Japanese Prime Minister Fumio Kishida in Manila, "
                  "where the two leaders signed a reciprocal access agreement.")
    assert ("Philippines", "signsAgreementWith", "Japan") in found or ("Japan", "signsAgreementWith", "Philippines") in found
    assert ("Lai Ching-te", "visits", "Paraguay") in facts(
        "Taiwanese President Lai Ching-te returned from a trip to Paraguay.")
    found = facts("Japan's Chief Cabinet Secretary Hayashi Yoshimasa said Tokyo was watching.")
    assert not any(p == "leaderOf" for _s, p, _o in found)


@pytest.mark.parametrize("text,expected", [
    ("Somalia recalled its ambassador to Ethiopia.", {("Somalia", "sanctions", "Ethiopia")}),
    ("Kenya's President William Ruto was received by Egyptian President Abdel Fattah el-Sisi in Cairo.",
     {("William Ruto", "visits", "Cairo"), ("Abdel Fattah el-Sisi", "meetsWith", "William Ruto")}),
])
def test_extract_relations_recalled_envoys_and_guests_received(facts, text, expected):
    assert expected <= facts(text)


@pytest.mark.parametrize("text,expected", [
    ("Putin visited troops in Syria.", {("Vladimir Putin", "visits", "Syria")}),
    ("Blinken's arrival in Riyadh was delayed.", {("Antony Blinken", "visits", "Riyadh")}),
    ("Macron visited a factory.", set()),
])
def test_extract_visits_where_the_people_visited_are(facts, text, expected):
    assert {f for f in facts(text) if f[1] == "visits"} == expected


@pytest.mark.parametrize("text,expected", [
    ("Modi is expected to visit Washington next month.", ("Narendra Modi", "visits", "Washington")),
    ("Putin is scheduled to meet Erdogan on Friday.", ("Vladimir Putin", "meetsWith", "Recep Tayyip Erdoğan")),
])
def test_extract_visits_planned_with_a_raised_subject(facts, text, expected):
    assert expected in facts(text)


def test_extract_visits_a_meeting_in_a_foreign_capital(facts):
    found = facts("Hungarian Prime Minister Viktor Orban met Russian President Vladimir Putin in Moscow last week.")
    assert ("Viktor Orbán", "visits", "Moscow") in found
    assert ("Vladimir Putin", "visits", "Moscow") not in found


def test_extract_visits_on_a_visit_to(facts):
    assert ("Narendra Modi", "visits", "France") in facts("Modi is on a state visit to France.")
    assert not any(p == "visits" for _s, p, _o in facts("Modi is not on a visit to France."))
