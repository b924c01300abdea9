"""`leaderOf` said with a verb ("who chairs ECOWAS") — sentences we wrote ourselves."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text,expected", [
    ("Nigerian President Bola Tinubu, who chairs ECOWAS, condemned the coup.",
     ("Bola Tinubu", "leaderOf", "Economic Community of West African States")),
    ("Putin has led Russia since 2000.", ("Vladimir Putin", "leaderOf", "Russia")),
    ("Prigozhin headed the Wagner Group until his death.", ("Yevgeny Prigozhin", "leaderOf", "Wagner Group")),
])
def test_extract_heads_chairing_heading_leading(facts, text, expected):
    assert expected in facts(text)


@pytest.mark.parametrize("text", [
    "Lavrov led the Russian delegation.",  # a delegation is no entity, and not Russia
    "Macron did not chair the summit.",
    "Russia leads the coalition.",  # a state does not hold an office
])
def test_extract_heads_no_leader_from_delegations_denials_or_states(facts, text):
    assert not any(p == "leaderOf" for _s, p, _o in facts(text))
