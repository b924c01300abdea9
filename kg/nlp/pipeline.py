"""Loading the spaCy pipeline that extraction runs on.

Which statistical pipeline: the one named by `model` (an installed package such as
`en_core_web_lg`, or a folder); else the pipeline shipped in `kg/models/en_geokg`; else an
installed `en_core_web_*`; else a blank English pipeline (rules only, with a warning).
On top of it geokg adds its own rule components: sentence rules for news text and an
entity ruler fed from the project's gazetteers.
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

from kg.errors import Errors, KGWarning, ModelError, Warnings
from kg.nlp.gazetteer_ruler import add_gazetteer_ruler

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
SHIPPED_MODEL = MODELS_DIR / "en_geokg"
FALLBACK_PACKAGES = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")


def resolve_model(model: str | Path | None = None) -> str | Path | None:
    """The pipeline `load_pipeline` would load: a package name, a folder, or None for blank."""
    if model:
        return model
    if (SHIPPED_MODEL / "config.cfg").exists():
        return SHIPPED_MODEL
    for name in FALLBACK_PACKAGES:
        if spacy.util.is_package(name):
            return name
    return None


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """Load the statistical pipeline and add geokg's rule components (cached per process).

    Args:
        model: A spaCy package name or a pipeline folder; None picks the default (see module doc).

    Raises:
        ModelError: The named pipeline cannot be loaded or cannot parse.
    """
    chosen = resolve_model(model)
    if chosen is None:
        warnings.warn(Warnings.W002, KGWarning, stacklevel=2)
        nlp = spacy.blank("en")
    else:
        try:
            nlp = spacy.load(chosen)
        except (OSError, ValueError, KeyError) as e:
            raise ModelError(Errors.E010.format(name=str(chosen), why=str(e).splitlines()[0])) from e
        if model and "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
            raise ModelError(Errors.E011.format(name=str(chosen), what="dependency parser"))
    _add_rule_components(nlp)
    return nlp


def _news_tokenizer(nlp: Language) -> None:
    """Split a hyphen after an abbreviation: "U.S.-South Korean" → "U.S." "-" "South" "Korean"."""
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Z]\.)-(?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _add_rule_components(nlp: Language) -> None:
    from kg.nlp import sentences  # noqa: F401  (registers the kg_sentences component)

    _news_tokenizer(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_sentences", before="parser")
    elif "senter" not in nlp.pipe_names:
        nlp.add_pipe("kg_sentences", first=True)
        nlp.add_pipe("sentencizer")
    add_gazetteer_ruler(nlp)
