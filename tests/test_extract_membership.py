"""Membership (not the wish to join), sub-bodies, and who a relative clause is about — on sentences we wrote ourselves (none from the evaluation set)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text,expected", [
    ("Sweden formally joined NATO on Thursday.", True),
    ("Sweden became the 32nd member of NATO.", True),
    ("Finland, which joined NATO last year, hosted the meeting.", True),
    ("Ukraine seeks to join NATO.", False),
    ("Georgia hopes to join the European Union.", False),
    ("Turkey blocked Sweden's bid to join NATO.", False),
    ("Hungary blocked Sweden from joining NATO.", False),
    ("Russia warned Moldova against joining the European Union.", False),
    ("Sweden became NATO's 32nd member in March.", True),
    ("Sweden is not a member of NATO.", False),
    ("Finland joined NATO after years of neutrality.", True),
])
def test_extract_relations_membership_not_aspiration(facts, text, expected):
    members = {(s, o) for s, p, o in facts(text) if p == "memberOf"}
    assert bool(members) is expected, members


def test_extract_relations_relative_pronoun_is_the_name_it_describes(facts):
    assert ("Iran", "providesAidTo", "Houthis") in facts("The Houthis, who receive weapons from Iran, attacked the ship.")
    assert ("Rwanda", "supports", "March 23 Movement") in facts("Rwanda, which backs the M23, denied the claims.")


def test_extract_relations_people_of_an_organisation_are_no_sub_body(facts):
    found = facts("Coalition forces struck ISIL fighters and ISIL tactical units near Mosul. "
                  "Members of the Security Council met EU leaders.")
    assert not any(p == "partOf" and (s.startswith(("ISIL", "Members", "EU")) or s.endswith("units"))
                   for s, p, _o in found), found
    assert ("United Nations Security Council", "partOf", "United Nations") in facts(
        "The UN Security Council met on Monday.")
