"""Network analytics of a geokg graph with networkx.

`to_networkx()` turns the RDF graph into a `networkx.MultiDiGraph` (entities and relations,
with their evidence); `ego_network()` keeps the neighbourhood of named entities;
`actor_report()` ranks actors and finds blocs; `interaction_timeline()` counts interactions
over time.
"""

from kg.analysis.actors import actor_report, betweenness, bloc_graph, communities, format_actor_report
from kg.analysis.convert import (
    as_rdf_graph,
    evidence_date,
    parse_date_bound,
    parse_relations,
    to_networkx,
)
from kg.analysis.select import close_matches, ego_network, find_entity
from kg.analysis.timeline import interaction_timeline

__all__ = ["actor_report", "as_rdf_graph", "betweenness", "bloc_graph", "close_matches",
           "communities", "ego_network", "evidence_date", "find_entity", "format_actor_report",
           "interaction_timeline", "parse_date_bound", "parse_relations", "to_networkx"]
