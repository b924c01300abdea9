"""A synthetic geopolitical graph that follows the RDF contract, for benchmarks, tests and demos.

The shape resembles a news graph: a few dozen countries that interact with each other
(preferentially with the already busy ones), and ministries, armed forces, leaders,
organisations and places attached to them, some of which interact too.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.graph.iris import DEFAULT_BASE_IRI, assertion_iri, document_iri, entity_iri, wikidata_iri
from kg.graph.mapping import new_graph
from kg.graph.namespace import CAMEO_ROOT, GEO, INTERACTIONS

_KINDS = (("GovernmentBody", "Ministry of {x} of {c}", "partOf"),
          ("ArmedForce", "Armed Forces {x} of {c}", "partOf"),
          ("Person", "{x} Leader of {c}", "leaderOf"),
          ("Organization", "{x} Company of {c}", "partOf"),
          ("Location", "{x} City of {c}", "locatedIn"))


class _Writer:
    def __init__(self, base: str, start: dt.date, rng: random.Random) -> None:
        self.graph, self.base, self.start, self.rng = new_graph(), base, start, rng
        self.docs = 0

    def entity(self, name: str, cls: str, *, alias: str | None = None, qid: str | None = None) -> str:
        node = entity_iri(self.base, name)
        self.graph.add((node, RDF.type, GEO[cls]))
        self.graph.add((node, RDFS.label, Literal(name, lang="en")))
        if alias:
            self.graph.add((node, SKOS.altLabel, Literal(alias, lang="en")))
        if qid:
            self.graph.add((node, OWL.sameAs, wikidata_iri(qid)))
        return name

    def relation(self, s: str, rel: str, o: str, *, sentence: str | None = None) -> None:
        g, base = self.graph, self.base
        self.docs += 1
        doc_id = f"synthetic-{self.docs // 5:05d}"
        doc = document_iri(base, doc_id)
        day = self.start + dt.timedelta(days=self.rng.randrange(365))
        if (doc, RDF.type, GEO.Document) not in g:
            g.add((doc, RDF.type, GEO.Document))
            g.add((doc, DCTERMS.identifier, Literal(doc_id)))
            g.add((doc, DCTERMS.title, Literal(f"Synthetic report {doc_id}")))
            g.add((doc, DCTERMS.date, Literal(day.isoformat(), datatype=XSD.date)))
            g.add((doc, DCTERMS.publisher, Literal(self.rng.choice(["Wire A", "Daily B", "Agency C"]))))
        subject, obj = entity_iri(base, s), entity_iri(base, o)
        text = sentence or f"{s} {rel} {o}, officials said."
        g.add((subject, GEO[rel], obj))
        node = assertion_iri(base, doc_id, s, rel, o, 0, len(text))
        for p, v in ((RDF.type, GEO.Assertion), (RDF.subject, subject), (RDF.predicate, GEO[rel]),
                     (RDF.object, obj), (PROV.wasDerivedFrom, doc), (GEO.evidence, Literal(text)),
                     (GEO.startOffset, Literal(0, datatype=XSD.nonNegativeInteger)),
                     (GEO.endOffset, Literal(len(text), datatype=XSD.nonNegativeInteger)),
                     (GEO.confidence, Literal(Decimal(self.rng.choice(["0.6", "0.75", "0.85", "0.95"])),
                                              datatype=XSD.decimal)),
                     (GEO.rule, Literal("synthetic"))):
            g.add((node, p, v))
        if rel in CAMEO_ROOT:
            g.add((node, GEO.cameoCode, Literal(CAMEO_ROOT[rel][0])))
            g.add((node, DCTERMS.date, Literal(day.isoformat(), datatype=XSD.date)))


def sample_graph(entities: int = 2000, *, seed: int = 0, base: str = DEFAULT_BASE_IRI,
                 start: dt.date = dt.date(2023, 1, 1)) -> Graph:
    """An rdflib graph of exactly `entities` entities (at least 2) with about 1.5 relations each.

    Every relation has an assertion with evidence, a document (title, outlet, date), a
    confidence and, for interactions, a CAMEO code and an event date within a year of `start`.
    """
    rng = random.Random(seed)
    out = _Writer(base, start, rng)
    n_countries = max(2, min(60, entities // 30))
    countries = [out.entity(f"Country {i:02d}", "Country", alias=f"Republic {i:02d}", qid=f"Q{1000 + i}")
                 for i in range(n_countries)]
    # regions of six countries: most interactions stay within a region (blocs)
    regions: dict[int, list[int]] = {}
    actors = list(countries)
    region = [i // 6 for i in range(n_countries)]
    weights = [1.0] * n_countries
    for i in range(entities - n_countries):
        cls, pattern, rel = _KINDS[i % len(_KINDS)]
        home = rng.randrange(n_countries)
        name = out.entity(pattern.format(x=i, c=countries[home]), cls)
        out.relation(name, rel, countries[home])
        if cls != "Location":
            actors.append(name)
            region.append(region[home])
            weights.append(0.3)
    for i, r in enumerate(region):
        regions.setdefault(r, []).append(i)
    for _ in range(entities // 2):
        s = rng.choices(range(len(actors)), weights=weights)[0]
        pool = regions[region[s]] if rng.random() < 0.85 else range(len(actors))
        o = rng.choices(pool, weights=[weights[j] for j in pool])[0]
        if s != o:
            out.relation(actors[s], rng.choice(INTERACTIONS), actors[o])
            weights[s] += 0.5
            weights[o] += 0.5
    return out.graph


def hostile_graph(payload: str = '<img src=x onerror="window.__pwned=1;alert(1)">') -> tuple[Graph, str, str]:
    """A two-entity graph whose names, evidence, title and outlet carry markup and `href`:
    returns (graph, the hostile entity's name, the hostile evidence sentence)."""
    rng = random.Random(0)
    out = _Writer(DEFAULT_BASE_IRI, dt.date(2023, 8, 2), rng)
    name = f"{payload} <a href=\"javascript:alert(2)\">href</a></script>"
    out.entity(name, "Country", alias=f"alias {payload}")
    out.entity("Plain Person", "Person")
    sentence = f"Plain Person met {payload} and said <b>href</b> <script>alert(3)</script> &amp; more."
    out.relation("Plain Person", "meetsWith", name, sentence=sentence)
    for doc in out.graph.subjects(RDF.type, GEO.Document):
        out.graph.set((doc, DCTERMS.title, Literal(f"Title {payload}")))
        out.graph.set((doc, DCTERMS.publisher, Literal(f"Outlet <i>href</i> {payload}")))
        out.graph.set((doc, DCTERMS.source, Literal("javascript:alert(4)")))
    out.graph.add((entity_iri(DEFAULT_BASE_IRI, name), OWL.sameAs, URIRef("javascript:alert(5)")))
    return out.graph, name, sentence


# A small, hand-written crisis (Sahel, summer 2023) built through the real mapping code:
# (doc id, title, date, outlet, [(subject, relation, object, sentence, event date, confidence)]).
_ENTITIES = {
    "Algeria": ("Country", {"People's Democratic Republic of Algeria"}, "Q262"),
    "Niger": ("Country", {"Republic of the Niger"}, "Q1032"),
    "Mali": ("Country", set(), "Q912"),
    "Burkina Faso": ("Country", {"Burkina"}, "Q965"),
    "Nigeria": ("Country", set(), "Q1033"),
    "France": ("Country", {"French Republic"}, "Q142"),
    "Russia": ("Country", {"Russian Federation"}, "Q159"),
    "Côte d'Ivoire": ("Country", {"Ivory Coast"}, "Q1008"),
    "ECOWAS": ("InternationalOrganization", {"Economic Community of West African States"}, "Q161549"),
    "Mohamed Bazoum": ("Person", {"Bazoum"}, "Q3318231"),
    "Abdourahamane Tchiani": ("Person", {"Tchiani", "Omar Tchiani"}, None),
    "Bola Tinubu": ("Person", {"Tinubu"}, "Q4939139"),
    "Emmanuel Macron": ("Person", {"Macron"}, "Q3052772"),
    "Saïd Chanegriha": ("Person", {"Said Chengriha", "Chengriha"}, None),
    "Sergei Shoigu": ("Person", {"Shoigu", "Sergey Shoygu"}, "Q313014"),
    "Armed Forces of Niger": ("ArmedForce", {"Nigerien army"}, None),
    "Ministry of Foreign Affairs of Algeria": ("GovernmentBody", {"the Algerian Foreign Ministry"}, None),
    "Niamey": ("Location", set(), "Q3674"),
}
_DOCS = [
    ("sahel-2023-07-30", "ECOWAS sanctions Niger after the coup", "2023-07-30", "Sahel Daily", [
        ("ECOWAS", "sanctions", "Niger", "ECOWAS imposed sanctions on Niger on Sunday.", "2023-07-30", 0.9),
        ("Abdourahamane Tchiani", "leaderOf", "Armed Forces of Niger",
         "General Tchiani, who led the Nigerien army's coup, spoke in Niamey.", None, 0.7),
        ("Niamey", "locatedIn", "Niger", "Crowds gathered in Niamey, the capital of Niger.", None, 0.8),
        ("Bola Tinubu", "leaderOf", "Nigeria", "Nigeria's President Bola Tinubu chairs the bloc.", None, 0.9),
        ("Nigeria", "memberOf", "ECOWAS", "Nigeria, the largest member of ECOWAS, backed the measures.", None, 0.85),
        ("Côte d'Ivoire", "memberOf", "ECOWAS", "Ivory Coast, an ECOWAS member, agreed.", None, 0.85),
    ]),
    ("algeria-2023-08-02", "Algeria's army chief in Moscow", "2023-08-02", "Example Wire", [
        ("Saïd Chanegriha", "meetsWith", "Sergei Shoigu",
         "General Said Chengriha met Defence Minister Sergei Shoigu in Moscow.", "2023-08-02", 0.9),
        ("Algeria", "supports", "Mohamed Bazoum",
         "Algeria supports Mohamed Bazoum as the legitimate president of Niger.", "2023-08-02", 0.8),
        ("Algeria", "borders", "Niger", "Algeria and Niger share a land border.", None, 0.95),
        ("Ministry of Foreign Affairs of Algeria", "partOf", "Algeria",
         "The Algerian Foreign Ministry said so on Wednesday.", None, 0.85),
        ("Algeria", "cooperatesWith", "Russia", "Algeria and Russia deepened military cooperation.",
         "2023-08-02", 0.75),
    ]),
    ("sahel-2023-08-10", "ECOWAS threatens force as Mali and Burkina back Niger", "2023-08-10", "Sahel Daily", [
        ("ECOWAS", "threatens", "Niger", "ECOWAS threatened to use force in Niger.", "2023-08-10", 0.85),
        ("Mali", "supports", "Niger", "Mali said it stands with Niger.", "2023-08-10", 0.8),
        ("Burkina Faso", "supports", "Niger", "Burkina Faso also backed Niger.", "2023-08-10", 0.8),
        ("Mali", "cooperatesWith", "Burkina Faso", "Mali and Burkina Faso pledged joint defence.", "2023-08-11", 0.7),
        ("Niger", "criticizes", "France", "Niger's junta accused France of interference.", "2023-08-09", 0.75),
        ("Nigeria", "criticizes", "Niger", "Nigeria condemned the junta in Niger.", "2023-08-10", 0.6),
        ("Bola Tinubu", "negotiatesWith", "Abdourahamane Tchiani",
         "Tinubu's envoys held talks with Tchiani.", "2023-08-12", 0.7),
    ]),
    ("sahel-2023-09-16", "Sahel states sign a defence pact; Russia courts Mali", "2023-09-16", "Example Wire", [
        ("Mali", "signsAgreementWith", "Niger", "Mali, Burkina Faso and Niger signed a mutual defence pact.",
         "2023-09-16", 0.9),
        ("Burkina Faso", "signsAgreementWith", "Niger", "Mali, Burkina Faso and Niger signed a mutual defence pact.",
         "2023-09-16", 0.9),
        ("Russia", "cooperatesWith", "Mali", "Russia pledged more military cooperation with Mali.", "2023-09-05", 0.8),
        ("Sergei Shoigu", "visits", "Mali", "Shoigu is expected to visit Mali.", "2023-09-20", 0.6),
        ("France", "providesAidTo", "Nigeria", "France announced aid to Nigeria.", "2023-09-12", 0.7),
        ("Emmanuel Macron", "leaderOf", "France", "President Emmanuel Macron of France said so.", None, 0.9),
        ("France", "supports", "Mohamed Bazoum", "France continues to support Mohamed Bazoum.", "2023-09-24", 0.85),
        ("France", "cooperatesWith", "Nigeria", "France and Nigeria agreed to cooperate on security.",
         "2023-09-25", 0.75),
    ]),
]


def crisis_documents() -> list[tuple[Any, Any]]:
    """The documents of `crisis_graph` and what extraction would find in them:
    `(kg.Document, kg.extract.model.Extraction)` pairs, e.g. for `store.add(document, extraction)`."""
    from kg.extract.model import Entity, Extraction, Fact
    from kg.ingest.document import Document

    pairs = []
    for doc_id, title, day, outlet, facts in _DOCS:
        sentences = list(dict.fromkeys(f[3] for f in facts))
        text = f"{title}\n\n" + " ".join(sentences)
        document = Document(id=doc_id, text=text, title=title, date=dt.date.fromisoformat(day),
                            source=f"https://news.example.org/{doc_id}", outlet=outlet)
        extraction = Extraction(doc_id=doc_id)
        for s, rel, o, sentence, when, confidence in facts:
            for key in (s, o):
                cls, aliases, qid = _ENTITIES[key]
                extraction.add_entity(Entity(key, cls, set(aliases), qid))
            start = text.index(sentence)
            extraction.facts.append(Fact(
                s, rel, o, start, start + len(sentence), sentence, rule="sample", confidence=confidence,
                cameo=CAMEO_ROOT[rel][0] if rel in CAMEO_ROOT else None,
                when=dt.date.fromisoformat(when) if when else None))
        pairs.append((document, extraction))
    return pairs


def crisis_graph(*, base: str = DEFAULT_BASE_IRI) -> Graph:
    """A small hand-written crisis graph (18 entities, 4 documents, 26 relations, dated
    July–September 2023), made by the same mapping code as `kg build`: for tests, docs and
    notebooks when no trained pipeline is at hand."""
    from kg.graph.store import KnowledgeGraph

    kg = KnowledgeGraph(base_iri=base)
    for document, extraction in crisis_documents():
        kg.add(document, extraction)
    return kg.union()
