"""The geokg ontology as Python constants (generated — do not edit).

Generated from ontologies/geokg.ttl by ``python -m kg.graph.gen_namespace``;
change the ontology and run that command instead of editing this file.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

ONTOLOGY_IRI = "https://geokg.org/ontology"
ONTOLOGY_VERSION = "0.1.0"


class GEO(DefinedNamespace):
    """Terms of the geokg ontology; an undeclared name raises AttributeError."""

    _NS = Namespace("https://geokg.org/ontology#")
    _fail = True

    # Classes
    Actor: URIRef  # Actor
    ArmedForce: URIRef  # Armed force
    Assertion: URIRef  # Assertion
    Country: URIRef  # Country
    Document: URIRef  # Document
    Entity: URIRef  # Entity
    GovernmentBody: URIRef  # Government body
    InternationalOrganization: URIRef  # International organization
    Location: URIRef  # Location
    Organization: URIRef  # Organization
    Person: URIRef  # Person

    # Object properties
    appealsTo: URIRef  # appeals to
    attacks: URIRef  # attacks
    borders: URIRef  # borders
    cooperatesWith: URIRef  # cooperates with
    criticizes: URIRef  # criticizes
    interaction: URIRef  # interaction
    leaderOf: URIRef  # leader of
    locatedIn: URIRef  # located in
    meetsWith: URIRef  # meets with
    memberOf: URIRef  # member of
    mentionedIn: URIRef  # mentioned in
    negotiatesWith: URIRef  # negotiates with
    partOf: URIRef  # part of
    providesAidTo: URIRef  # provides aid to
    sanctions: URIRef  # sanctions
    signsAgreementWith: URIRef  # signs agreement with
    standingRelation: URIRef  # standing relation
    supports: URIRef  # supports
    threatens: URIRef  # threatens
    visits: URIRef  # visits

    # Datatype properties
    cameoCode: URIRef  # CAMEO code
    confidence: URIRef  # confidence
    contentHash: URIRef  # content hash
    endOffset: URIRef  # end offset
    evidence: URIRef  # evidence
    rule: URIRef  # rule
    startOffset: URIRef  # start offset

    # Annotation properties
    cameoRoot: URIRef  # CAMEO root
    sortOrder: URIRef  # sort order


#: The seven concrete entity classes, in the order of the relation guide.
ENTITY_CLASSES = (
    "Country",
    "Person",
    "GovernmentBody",
    "ArmedForce",
    "InternationalOrganization",
    "Organization",
    "Location",
)

#: Entity classes that can act in an interaction (all but Location).
ACTOR_CLASSES = (
    "Country",
    "Person",
    "GovernmentBody",
    "ArmedForce",
    "InternationalOrganization",
    "Organization",
)

#: The 17 core relations, in the order of the relation guide.
CORE_RELATIONS = (
    "borders",
    "locatedIn",
    "partOf",
    "memberOf",
    "leaderOf",
    "meetsWith",
    "visits",
    "negotiatesWith",
    "appealsTo",
    "cooperatesWith",
    "signsAgreementWith",
    "supports",
    "providesAidTo",
    "criticizes",
    "threatens",
    "sanctions",
    "attacks",
)

#: Core relations under geo:standingRelation (facts that hold over time).
STANDING_RELATIONS = ("borders", "locatedIn", "partOf", "memberOf", "leaderOf")

#: Core relations under geo:interaction (events with a CAMEO code).
INTERACTIONS = (
    "meetsWith",
    "visits",
    "negotiatesWith",
    "appealsTo",
    "cooperatesWith",
    "signsAgreementWith",
    "supports",
    "providesAidTo",
    "criticizes",
    "threatens",
    "sanctions",
    "attacks",
)

#: Core relations that are owl:SymmetricProperty.
SYMMETRIC_RELATIONS = frozenset({
    "borders",
    "cooperatesWith",
    "meetsWith",
    "negotiatesWith",
    "signsAgreementWith",
})

#: Interaction → its CAMEO root codes (geo:cameoRoot).
CAMEO_ROOT = {
    "meetsWith": ("04",),
    "visits": ("04",),
    "negotiatesWith": ("04",),
    "appealsTo": ("02",),
    "cooperatesWith": ("03", "05", "06"),
    "signsAgreementWith": ("05",),
    "supports": ("05",),
    "providesAidTo": ("07",),
    "criticizes": ("11", "12"),
    "threatens": ("13", "15"),
    "sanctions": ("16",),
    "attacks": ("17", "18", "19", "20"),
}

#: Core relation → concrete subject classes (its rdfs:domain, unions expanded).
DOMAIN = {
    "borders": ("Country", "Location"),
    "locatedIn": ("Location",),
    "partOf": ("GovernmentBody", "ArmedForce", "Organization"),
    "memberOf": ("Country", "Person", "Organization"),
    "leaderOf": ("Person",),
    "meetsWith": ACTOR_CLASSES,
    "visits": ACTOR_CLASSES,
    "negotiatesWith": ACTOR_CLASSES,
    "appealsTo": ACTOR_CLASSES,
    "cooperatesWith": ACTOR_CLASSES,
    "signsAgreementWith": ACTOR_CLASSES,
    "supports": ACTOR_CLASSES,
    "providesAidTo": ACTOR_CLASSES,
    "criticizes": ACTOR_CLASSES,
    "threatens": ACTOR_CLASSES,
    "sanctions": ACTOR_CLASSES,
    "attacks": ACTOR_CLASSES,
}

#: Core relation → concrete object classes (its rdfs:range, unions expanded).
RANGE = {
    "borders": ("Country", "Location"),
    "locatedIn": ("Country", "Location"),
    "partOf": (
        "Country",
        "GovernmentBody",
        "ArmedForce",
        "InternationalOrganization",
        "Organization",
    ),
    "memberOf": ("ArmedForce", "InternationalOrganization", "Organization"),
    "leaderOf": ("Country", "GovernmentBody", "ArmedForce", "Organization", "Location"),
    "meetsWith": ACTOR_CLASSES,
    "visits": ("Country", "Location"),
    "negotiatesWith": ACTOR_CLASSES,
    "appealsTo": ACTOR_CLASSES,
    "cooperatesWith": ACTOR_CLASSES,
    "signsAgreementWith": ACTOR_CLASSES,
    "supports": ACTOR_CLASSES,
    "providesAidTo": ACTOR_CLASSES,
    "criticizes": ACTOR_CLASSES,
    "threatens": ACTOR_CLASSES,
    "sanctions": ACTOR_CLASSES,
    "attacks": ENTITY_CLASSES,
}
