"""How the view draws things: colour and shape per entity class, colour and line per relation."""

from __future__ import annotations

from kg.graph.namespace import CORE_RELATIONS, STANDING_RELATIONS

#: Entity class → (colour, vis-network shape). Colours: Tableau 10, readable on white.
CLASS_STYLE: dict[str, tuple[str, str]] = {
    "Country": ("#e15759", "dot"),
    "Person": ("#4e79a7", "dot"),
    "GovernmentBody": ("#f28e2b", "square"),
    "ArmedForce": ("#59a14f", "triangle"),
    "InternationalOrganization": ("#b07aa1", "diamond"),
    "Organization": ("#9c755f", "square"),
    "Location": ("#76b7b2", "star"),
}
OTHER_STYLE = ("#9d9d9d", "hexagon")
OTHER_CLASS = "Other"

#: Relation groups, for edge colour and the legend.
RELATION_GROUPS: dict[str, tuple[str, tuple[str, ...], bool]] = {
    # name: (colour, relations, dashed)
    "standing (borders, part of, member, leader, located in)": ("#8c8c8c", STANDING_RELATIONS, True),
    "verbal cooperation (meets, visits, negotiates, appeals)":
        ("#4e79a7", ("meetsWith", "visits", "negotiatesWith", "appealsTo"), False),
    "material cooperation (cooperates, agreement, supports, aid)":
        ("#59a14f", ("cooperatesWith", "signsAgreementWith", "supports", "providesAidTo"), False),
    "verbal conflict (criticizes, threatens)": ("#f28e2b", ("criticizes", "threatens"), False),
    "material conflict (sanctions, attacks)": ("#e15759", ("sanctions", "attacks"), False),
}
RELATION_STYLE: dict[str, tuple[str, bool]] = {
    rel: (colour, dashed) for colour, rels, dashed in RELATION_GROUPS.values() for rel in rels
}
assert set(RELATION_STYLE) == set(CORE_RELATIONS)

#: Shape → the glyph the legend shows for it.
SHAPE_GLYPH = {"dot": "\u25cf", "square": "\u25a0", "triangle": "\u25b2", "diamond": "\u25c6",
               "star": "\u2605", "hexagon": "\u2b22"}


def class_style(cls: str | None) -> tuple[str, str]:
    """(colour, shape) of an entity class; grey hexagon for anything else."""
    return CLASS_STYLE.get(cls or "", OTHER_STYLE)


def node_size(degree: int) -> float:
    """Node size (vis-network units) by degree: 10 for an isolated entity, growing with the
    square root so that hubs stand out without swallowing their neighbours; at most 48."""
    return round(min(48.0, 10.0 + 5.0 * degree ** 0.5), 1)


def edge_width(evidence: int) -> float:
    """Edge width by how many pieces of evidence support it: 1.5 for one, at most 6."""
    return round(min(6.0, 1.0 + 0.5 * max(1, evidence) ** 0.5 + (0.0 if evidence <= 1 else 0.5)), 2)


def legend(classes: set[str], relations: set[str]) -> dict[str, list[dict[str, object]]]:
    """Legend entries for the classes and relation groups present in a view."""
    entries = [{"cls": cls, "color": colour, "glyph": SHAPE_GLYPH[shape]}
               for cls, (colour, shape) in CLASS_STYLE.items() if cls in classes]
    if OTHER_CLASS in classes:
        entries.append({"cls": OTHER_CLASS, "color": OTHER_STYLE[0], "glyph": SHAPE_GLYPH[OTHER_STYLE[1]]})
    groups = [{"group": name, "color": colour, "dashed": dashed}
              for name, (colour, rels, dashed) in RELATION_GROUPS.items() if relations & set(rels)]
    return {"classes": entries, "relations": groups}
