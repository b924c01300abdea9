"""Finding entities by any name; ego networks."""

from __future__ import annotations

import pytest

from kg.analysis import close_matches, ego_network, find_entity, to_networkx
from kg.errors import ConfigError
from kg.view.sample import crisis_graph

BASE = "https://geokg.org/id/"


@pytest.fixture(scope="module")
def G():
    return to_networkx(crisis_graph())


@pytest.mark.parametrize("name, key", [
    ("Niger", "Niger"), ("NIGER", "Niger"), ("republic of the niger", "Niger"),
    ("said chengriha", "Sa%C3%AFd_Chanegriha"), ("SAÏD CHANEGRIHA", "Sa%C3%AFd_Chanegriha"),
    ("cote d’ivoire", "C%C3%B4te_d%27Ivoire"), ("Ivory Coast", "C%C3%B4te_d%27Ivoire"),
    ("the Algerian Foreign Ministry", "Ministry_of_Foreign_Affairs_of_Algeria"),
    (BASE + "Mali", "Mali"),
])
def test_analysis_select_find_entity(G, name, key):
    assert find_entity(G, name) == BASE + key


def test_analysis_select_unknown_name_lists_close_matches(G):
    with pytest.raises(ConfigError) as err:
        find_entity(G, "Nigr")
    message = str(err.value)
    assert message.startswith("E073 no entity named 'Nigr'; close matches: ")
    assert "Niger" in message and "\n" not in message
    with pytest.raises(ConfigError, match="no close match among 18 entities"):
        find_entity(G, "Qwxyz")
    assert close_matches(G, "macron")[0] == "Emmanuel Macron"


def test_analysis_select_ambiguous_alias(G):
    H = G.copy()
    H.nodes[BASE + "Mali"]["names"] = ["Sahel"]
    H.nodes[BASE + "Niger"]["names"] = ["Sahel"]
    with pytest.raises(ConfigError, match="E074 the name 'sahel' fits 2 entities: Niger .*, Mali"):
        find_entity(H, "sahel")


def test_analysis_select_ego_network(G):
    zero = ego_network(G, "Mali", depth=0)
    assert list(zero) == [BASE + "Mali"]
    one = ego_network(G, "Mali", depth=1)
    assert {one.nodes[n]["label"] for n in one} == {"Mali", "Niger", "Burkina Faso", "Russia", "Sergei Shoigu"}
    # every relation among the kept entities, in both directions
    assert one.has_edge(BASE + "Burkina_Faso", BASE + "Niger")
    two = ego_network(G, ["Mali", "Emmanuel Macron"], depth=2)
    assert {"France", "Nigeria", "Algeria", "ECOWAS"} <= {two.nodes[n]["label"] for n in two}
    assert two.graph["focus"] == ["Mali", "Emmanuel Macron"] and two.graph["depth"] == 2
    with pytest.raises(ConfigError, match="E075"):
        ego_network(G, "Mali", depth=-1)
