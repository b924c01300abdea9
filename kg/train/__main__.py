"""``python -m kg.train`` — train the shipped ``en_geokg`` spaCy pipeline from open data.

Converts ``../shared/data`` (UD EWT, GUM, UNER, re3d) to DocBins, trains with a spaCy config
from ``kg/train/configs/``, evaluates on the held-out test splits (EWT test, UNER test, GUM
news test documents) and writes the pipeline with its scores in ``meta.json``.

Examples::

    python -m kg.train --quick                # provisional model (configs/quick.cfg)
    python -m kg.train                        # the shipped model: quick run, then
                                              # configs/continue.cfg starting from it
    python -m kg.train --config kg/train/configs/accuracy.cfg   # wide net (more CPU)
    python -m kg.train --no-train             # re-evaluate / re-package the last run
    python -m kg.train --config kg/train/configs/news.cfg   # one run from scratch (free CPUs)
    python -m kg.train --config kg/train/configs/ner.cfg    # NER alone, own encoder; then
    python -m kg.train --config kg/train/configs/news.cfg --no-train \
        --ner-from training-work/ner/model-best             # ... grafted into the pipeline
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.train.recipe import CONFIGS, HERE, run

ROOT = HERE.parents[1]


def _override(text: str) -> tuple[str, object]:
    key, _, value = text.partition("=")
    try:
        import json
        return key, json.loads(value)
    except ValueError:
        return key, value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.train", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="short efficiency run (configs/quick.cfg) for a provisional model")
    parser.add_argument("--config", type=Path, default=None,
                        help=f"spaCy config (default: {CONFIGS}/continue.cfg, or quick.cfg)")
    parser.add_argument("--out", type=Path, default=ROOT / "kg" / "models" / "en_geokg",
                        help="where to write the packaged pipeline (default: %(default)s)")
    parser.add_argument("--work", type=Path, default=ROOT / "training-work",
                        help="training output (checkpoints, logs) (default: %(default)s)")
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus",
                        help="converted DocBins (default: %(default)s)")
    parser.add_argument("--no-convert", action="store_true",
                        help="reuse the DocBins in --corpus if present")
    parser.add_argument("--no-train", action="store_true",
                        help="skip training: evaluate and package <work>/<config>/model-best")
    parser.add_argument("--lemmatizer-from", type=Path, default=None,
                        help="take trainable_lemmatizer from this pipeline (default with "
                             "continue.cfg: the base model it continued from)")
    parser.add_argument("--ner-from", type=Path, default=None,
                        help="replace ner by this pipeline's (trained alone with configs/ner.cfg)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="spaCy config override, e.g. --set training.max_epochs=2")
    args = parser.parse_args(argv)
    run(quick=args.quick, out=args.out, work=args.work, corpus=args.corpus, config=args.config,
        convert_data=not args.no_convert, train_model=not args.no_train,
        overrides=dict(_override(s) for s in args.set), lemmatizer_from=args.lemmatizer_from,
        ner_from=args.ner_from)
    return 0


if __name__ == "__main__":
    sys.exit(main())
