"""Interactions over time: counts of dated evidence per period and relation."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import networkx as nx

from kg.analysis.convert import evidence_date
from kg.graph.namespace import INTERACTIONS

PERIODS = ("day", "week", "month", "year")


def period_start(day: dt.date, period: str) -> dt.date:
    """The first day of the `period` ("day", "week" (Monday), "month" or "year") holding `day`."""
    if period == "day":
        return day
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    if period == "year":
        return day.replace(month=1, day=1)
    raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")


def interaction_timeline(graph: nx.MultiDiGraph, *, period: str = "day",
                         relations: tuple[str, ...] = INTERACTIONS) -> dict[dt.date, Counter]:
    """Pieces of evidence for interactions, counted per period and relation.

    Each piece counts under its event date, else its document's date; undated ones are left out.

    Args:
        graph: A graph from `to_networkx`.
        period: "day", "week", "month" or "year".
        relations: Which relations count (default: the 12 interactions, not standing relations).

    Returns:
        `{period start: Counter({relation: count})}`, in date order.

    Example:
        >>> for day, counts in interaction_timeline(G, period="month").items():
        ...     print(day, sum(counts.values()))
    """
    counts: dict[dt.date, Counter] = defaultdict(Counter)
    for _s, _o, data in graph.edges(data=True):
        if data["relation"] not in relations:
            continue
        for evidence in data.get("evidence") or ():
            day = evidence_date(evidence)
            if day is not None:
                counts[period_start(day, period)][data["relation"]] += 1
    return dict(sorted(counts.items()))
