"""Minting IRIs: the only place entity, document and assertion IRIs are made."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from rdflib import URIRef

from kg.errors import ConfigError, Errors

DEFAULT_BASE_IRI = "https://geokg.org/id/"
WIKIDATA = "http://www.wikidata.org/entity/"
_SAFE = "_-.~"
_BASE_OK = re.compile(r"^https?://[^\s<>\"{}|\\^`]+[/#]$")


def check_base(base: str) -> str:
    """Return `base` if it is a usable base IRI, else raise `ConfigError`."""
    if not _BASE_OK.match(base or ""):
        raise ConfigError(Errors.E020.format(iri=base))
    return base


MAX_SLUG_CHARS = 200


def slug(name: str) -> str:
    """The IRI-safe local name of a canonical name: spaces → `_`, everything else unusual
    percent-encoded as UTF-8, so that any name gives a valid IRI and the same name the same IRI.
    A final "." is percent-encoded too (`Washington_D.C%2E`), so Turtle writes it as a plain
    prefixed name every parser reads.

    A name longer than 200 characters keeps its first 182 characters and a digest of the whole name
    (`…_h1a2b3c4d5e6f7a8b`), so that two long names never share an IRI.
    """
    cleaned = "_".join(name.split()) or "_"
    if len(cleaned) > MAX_SLUG_CHARS:
        digest = hashlib.sha1(cleaned.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        cleaned = f"{cleaned[:MAX_SLUG_CHARS - 18]}_h{digest}"
    local = quote(cleaned, safe=_SAFE, errors="surrogatepass")  # a lone surrogate is encoded, never fatal
    # a final "." ends a Turtle statement: written as a prefixed name it needs an escape that
    # rdflib's parser rejects ("id:Washington_D.C\."), so it is percent-encoded like the rest
    return local[:-1] + "%2E" if local.endswith(".") else local


def entity_iri(base: str, key: str) -> URIRef:
    """IRI of the entity whose canonical name is `key`."""
    return URIRef(base + slug(key))


def document_iri(base: str, doc_id: str) -> URIRef:
    """IRI of a document."""
    return URIRef(base + "doc/" + slug(doc_id))


def assertion_iri(base: str, doc_id: str, subject: str, predicate: str, obj: str,
                  start: int, end: int) -> URIRef:
    """IRI of the assertion node for one piece of evidence; deterministic."""
    digest = hashlib.sha1("\x1f".join([doc_id, subject, predicate, obj, str(start), str(end)])
                          .encode("utf-8")).hexdigest()[:16]
    return URIRef(f"{base}assertion/{digest}")


def wikidata_iri(qid: str) -> URIRef:
    """`http://www.wikidata.org/entity/Q…`."""
    return URIRef(WIKIDATA + qid)
