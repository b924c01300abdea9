"""Hosts and brokers of talks negotiate with each side — sentences we wrote ourselves."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow



@pytest.mark.parametrize("text,expected", [
    ("Qatar hosted several rounds of talks between Iran and Egypt.",
     {("Qatar", "negotiatesWith", "Iran"), ("Qatar", "negotiatesWith", "Egypt"), ("Iran", "meetsWith", "Egypt")}),
    ("Iran and Egypt agreed to restore ties in a Qatar-brokered deal.",
     {("Qatar", "negotiatesWith", "Iran"), ("Qatar", "negotiatesWith", "Egypt")}),
    ("Iran and Egypt met in May. Both thanked Oman for hosting the talks held between the two sides in 2021.",
     {("Oman", "negotiatesWith", "Iran"), ("Oman", "negotiatesWith", "Egypt")}),
    # the deal right before the participle, which the parser hung on "ties"
    ("Iran and Egypt restored ties in a deal brokered by Qatar.",
     {("Qatar", "negotiatesWith", "Iran"), ("Qatar", "negotiatesWith", "Egypt")}),
    # a headline with no clause to take the parties from: the two other states it names
    ("Iran, Egypt to restore ties in Qatar-brokered deal",
     {("Qatar", "negotiatesWith", "Iran"), ("Qatar", "negotiatesWith", "Egypt")}),
])
def test_extract_hosts_negotiate_with_each_side(facts, text, expected):
    assert expected <= facts(text)


@pytest.mark.parametrize("text", [
    "Qatar could host talks between Iran and Egypt.",
    "Qatar did not host the talks between Iran and Egypt.",
])
def test_extract_hosts_hedged_or_denied_give_nothing(facts, text):
    assert not {f for f in facts(text) if f[0] == "Qatar"}


def test_extract_hosts_joined_by_guests_and_the_alliance(facts):
    found = facts("NATO leaders met in Vilnius on Tuesday. Allies will be joined by the leaders of Australia and Japan. "
                  "The Alliance also condemned Russia.")
    assert {("NATO", "meetsWith", "Australia"), ("NATO", "meetsWith", "Japan"), ("NATO", "criticizes", "Russia")} <= found


def test_extract_hosts_joining_is_not_meeting(facts):
    assert not {f for f in facts("Sweden joined NATO in 2024.") if f[1] == "meetsWith"}


def test_extract_hosts_mediators_listed_by_the_passive(facts):
    # the lemmatizer gives "mediat" for "mediated": the rule also tries de-inflected forms
    found = facts("Israel and Hamas agreed to a ceasefire mediated by Egypt, Qatar and the United States.")
    for mediator in ("Egypt", "Qatar", "United States"):
        assert {(mediator, "negotiatesWith", "Israel"), (mediator, "negotiatesWith", "Hamas")} <= found
