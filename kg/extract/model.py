"""Plain records that extraction produces and the graph layer consumes (no spaCy, no rdflib)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

ENTITY_CLASSES = ("Country", "Person", "GovernmentBody", "ArmedForce",
                  "InternationalOrganization", "Organization", "Location")


@dataclass
class Entity:
    """One real-world thing, as resolved within (and across) documents.

    Attributes:
        key: Canonical English name; the graph mints the IRI from it.
        cls: One of `ENTITY_CLASSES`.
        aliases: Every other name seen for it (surface forms, official names, adjectives).
        wikidata: Wikidata item id ("Q262") when known.
    """

    key: str
    cls: str
    aliases: set[str] = field(default_factory=set)
    wikidata: str | None = None

    def merge(self, other: Entity) -> None:
        """Fold another record of the same thing into this one."""
        self.aliases |= other.aliases
        self.wikidata = self.wikidata or other.wikidata


@dataclass(frozen=True)
class Fact:
    """One relation triple with its evidence.

    Attributes:
        subject: Key of the subject entity.
        predicate: One of the 17 core relation names (see `ontologies/geokg.ttl`).
        object: Key of the object entity.
        start: Character offset of the evidence sentence in the document text.
        end: End offset (exclusive): `document.text[start:end] == evidence`.
        evidence: The sentence that states the fact.
        rule: Name of the rule that produced it.
        confidence: In [0, 1].
        cameo: CAMEO code, for interactions.
        when: Date of the event, for interactions, when known.
    """

    subject: str
    predicate: str
    object: str
    start: int
    end: int
    evidence: str
    rule: str
    confidence: float = 0.8
    cameo: str | None = None
    when: date | None = None


@dataclass
class Extraction:
    """What extraction found in one document."""

    doc_id: str
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)

    def add_entity(self, entity: Entity) -> Entity:
        """Add an entity, merging with an existing one of the same key; return the stored one."""
        known = self.entities.get(entity.key)
        if known is None:
            self.entities[entity.key] = entity
            return entity
        known.merge(entity)
        return known
