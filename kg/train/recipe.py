"""The training recipe: convert → train (spaCy config) → evaluate → package ``en_geokg``."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import spacy
from spacy.attrs import ORTH
from spacy.util import registry

from kg.train.convert import DATA, convert
from kg.train.evaluate import evaluate_model, scores_table

HERE = Path(__file__).resolve().parent
CONFIGS = HERE / "configs"
VERSION = "0.1.0"

# Title abbreviations spaCy's English tokenizer splits ("Lt" "."); kept whole, like "Gen.".
TOKENIZER_ABBREVIATIONS = [
    "Lt.", "Col.", "Brig.", "Sgt.", "Maj.", "Capt.", "Cpl.", "Pvt.", "Cmdr.", "Pres.", "Amb.",
    "Supt.", "Insp.", "Messrs.", "Gens.", "Sens.", "Reps.", "Lt.-Gen.", "Maj.-Gen.",
]

SOURCES = [
    {"name": "Universal Dependencies English EWT v2.16",
     "url": "https://github.com/UniversalDependencies/UD_English-EWT",
     "license": "CC BY-SA 4.0"},
    {"name": "Universal NER English EWT (UNER v1; train = 2022-12-02 pre-release)",
     "url": "https://github.com/UniversalNER/UNER_English-EWT", "license": "CC BY-SA 4.0"},
    {"name": "GUM (UD English-GUM, CC BY genres: academic, bio, conversation, interview, news, "
             "speech, textbook, vlog, voyage)",
     "url": "https://github.com/UniversalDependencies/UD_English-GUM",
     "license": "CC BY 4.0 texts (annotations CC BY-SA via UD; see MODEL_CARD.md)"},
    {"name": "re3d (Dstl) — open subsets only",
     "url": "https://github.com/dstl/re3d",
     "license": "CENTCOM, US State Dept: US public domain; UK Government: OGL v3; Australian "
                "DFAT: CC BY 3.0 AU; EU Delegation to Syria: reuse with acknowledgement; "
                "Wikipedia: CC BY-SA 3.0 (BBC subset, CC BY-NC, not used)"},
    {"name": "mledoze/countries (country names for augmentation only)",
     "url": "https://github.com/mledoze/countries", "license": "ODbL 1.0"},
]


@registry.callbacks("kg.tokenizer_abbreviations.v1")
def make_tokenizer_abbreviations():
    """``[initialize.before_init]`` callback: keep title abbreviations as one token."""

    def add(nlp):
        for text in TOKENIZER_ABBREVIATIONS:
            nlp.tokenizer.add_special_case(text, [{ORTH: text}])
        return nlp

    return add


def train(config: Path, work: Path, corpus: Path, *, overrides: dict | None = None) -> Path:
    """Run ``spacy train`` on ``config``; return the best model's directory."""
    from spacy.cli.train import train as spacy_train

    opts = {"paths.train": str(corpus / "train.spacy"), "paths.dev": str(corpus / "dev.spacy")}
    opts.update(overrides or {})
    spacy_train(config, work, use_gpu=-1, overrides=opts)
    return work / "model-best"


def dir_size(path: Path) -> int:
    """Bytes on disk of all files under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def swap_lemmatizer(nlp, source: Path) -> None:
    """Replace ``trainable_lemmatizer`` by the one of ``source``, with its own tok2vec copy.

    Why: a trainable_lemmatizer sourced into continue.cfg stops learning (its dev accuracy
    falls to the copy-the-word baseline, 0.75, after the first update), while the one of
    the quick run scores 0.94. The quick run's lemmatizer is kept, listening to a private
    copy of the quick run's encoder (``replace_listeners``; +~4 MB, a few % slower).
    """
    base = spacy.load(source)
    base.replace_listeners("tok2vec", "trainable_lemmatizer", ["model.tok2vec"])
    nlp.remove_pipe("trainable_lemmatizer")
    nlp.add_pipe("trainable_lemmatizer", source=base, after="morphologizer")


def graft_ner(nlp, source: Path) -> None:
    """Replace ``ner`` by the one trained alone with its own encoder (``configs/ner.cfg``)."""
    other = spacy.load(source)
    nlp.remove_pipe("ner")  # also drops it from the shared encoder's listeners
    nlp.add_pipe("ner", source=other)  # brings its own encoder (no listener)


def package(model: Path, out: Path, scores: dict, *, config_name: str, train_seconds: float,
            lemmatizer_from: Path | None = None, ner_from: Path | None = None) -> dict:
    """Copy ``model`` to ``out`` with our meta.json (name, version, sources, scores)."""
    nlp = spacy.load(model)
    if lemmatizer_from is not None:
        swap_lemmatizer(nlp, lemmatizer_from)
    if ner_from is not None:
        graft_ner(nlp, ner_from)
    meta = nlp.meta
    if lemmatizer_from is not None:  # the dev lemma score is the broken lemmatizer's
        meta.get("performance", {}).pop("lemma_acc", None)
    meta.update({
        "name": "en_geokg", "version": VERSION, "lang": "en",
        "description": "geokg English pipeline (tok2vec, tagger, morphologizer, trainable "
                       "lemmatizer, parser, NER PERSON/ORG/LOC) trained from open data: "
                       "UD EWT + GUM (CC BY subset), UNER, re3d. Add kg_sentences before the "
                       "parser for news text.",
        "author": "geokg developers", "url": "https://geokg.org",
        "license": "CC BY-SA 4.0",
        "sources": SOURCES,
        "geokg_scores": scores,
        "geokg_training": {"config": config_name, "train_seconds": round(train_seconds),
                           "spacy_version": spacy.__version__,
                           "recipe": "python -m kg.train"},
    })
    nlp.meta = meta
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.to_disk(tmp)
    config = spacy.util.load_config(tmp / "config.cfg", interpolate=False)
    for key, value in config["paths"].items():  # no machine-specific paths in the package
        if isinstance(value, str) and value.startswith("/"):
            config["paths"][key] = None
    config.to_disk(tmp / "config.cfg")
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
    return meta


def run(*, quick: bool, out: Path, work: Path, corpus: Path, config: Path | None,
        convert_data: bool, train_model: bool, overrides: dict | None,
        lemmatizer_from: Path | None = None, ner_from: Path | None = None, log=print) -> dict:
    """The whole recipe; returns the scores dict written into meta.json."""
    config = config or CONFIGS / ("quick.cfg" if quick else "continue.cfg")
    overrides = dict(overrides or {})
    work.mkdir(parents=True, exist_ok=True)
    if convert_data or not (corpus / "train.spacy").exists():
        log(f"converting {DATA} -> {corpus}")
        log(json.dumps(convert(corpus)))
    if config.name == "continue.cfg" and "paths.base_model" not in overrides:
        base = work / "quick" / "model-last"
        if train_model and not base.exists():
            log("continue.cfg starts from the quick run: training configs/quick.cfg first")
            train(CONFIGS / "quick.cfg", work / "quick", corpus)
        overrides["paths.base_model"] = str(base)
    run_dir = work / config.stem
    stamp = work / f"{config.stem}.started"
    if train_model:
        stamp.write_text(str(time.time()))
        best = train(config, run_dir, corpus, overrides=overrides)
    else:
        best = run_dir / "model-best"
    if list(spacy.util.load_config(config)["nlp"]["pipeline"]) == ["ner"]:
        log(f"NER trained alone: {best}; graft it with --ner-from {best}")
        return {}
    # training time: from the start stamp to the last save of model-last (also after a kill)
    last = run_dir / "model-last" / "meta.json"
    started = float(stamp.read_text()) if stamp.exists() else None
    train_seconds = last.stat().st_mtime - started if started and last.exists() else 0.0
    if lemmatizer_from is None and "paths.base_model" in overrides:
        lemmatizer_from = Path(overrides["paths.base_model"])
    meta = package(best, out, {}, config_name=config.name, train_seconds=train_seconds,
                   lemmatizer_from=lemmatizer_from, ner_from=ner_from)
    log(f"evaluating {out}")
    scores = evaluate_model(out, corpus)
    scores["size_bytes"] = dir_size(out)
    meta["geokg_scores"] = scores
    (out / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False))
    log(scores_table(scores))
    log(f"model size: {scores['size_bytes'] / 1e6:.1f} MB; training {train_seconds / 60:.1f} min")
    return scores
