"""What extracted a document: geokg's version, the spaCy pipeline, and a digest of the rules.

`kg build` writes this as the document's `dcterms:provenance` and skips a stored document only
when its text, metadata *and* this string are unchanged, so a new model or an edited rule or
gazetteer re-extracts documents instead of keeping stale facts. It is computed without loading
the pipeline (from its `meta.json`, or the installed package's version).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from kg.about import __version__

KG_DIR = Path(__file__).resolve().parent.parent
RULE_SOURCES = ("extract", "nlp", "resolve", "graph/mapping.py", "graph/iris.py", "graph/namespace.py")
_SUFFIXES = {".py", ".json", ".jsonl", ".tsv", ".txt", ".csv"}


@lru_cache(maxsize=1)
def rules_digest() -> str:
    """A digest of the code and data files that turn a parsed text into facts."""
    digest = hashlib.sha1()
    for name in RULE_SOURCES:
        root = KG_DIR / name
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file()
                                                     and p.suffix in _SUFFIXES and "__pycache__" not in p.parts)
        for path in files:
            digest.update(str(path.relative_to(KG_DIR)).encode("utf-8") + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _model_identity(model: str | None) -> str:
    from kg.nlp.pipeline import resolve_model

    chosen = resolve_model(model)
    if chosen is None:
        return "blank en (rules only)"
    path = Path(str(chosen))
    if (path / "meta.json").exists():
        raw = (path / "meta.json").read_bytes()
        try:
            meta = json.loads(raw)
            lang, label = str(meta.get("lang", "")), str(meta.get("name", path.name))
            full = label if not lang or label.startswith(lang + "_") else f"{lang}_{label}"
            name = f"{full} {meta.get('version', '')}".strip()
        except ValueError:
            name = path.name
        config = path / "config.cfg"
        extra = config.read_bytes() if config.exists() else b""
        return f"{name} ({hashlib.sha1(raw + extra).hexdigest()[:8]})"
    try:
        return f"{chosen} {metadata.version(str(chosen))}"
    except metadata.PackageNotFoundError:
        return str(chosen)


@lru_cache(maxsize=8)
def provenance(model: str | None = None) -> str:
    """`geokg 0.1.0; pipeline en_geokg 0.1.0 (1a2b3c4d); rules 0123456789ab`."""
    return f"geokg {__version__}; pipeline {_model_identity(model)}; rules {rules_digest()}"
