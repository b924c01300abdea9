"""A synthetic news corpus of any size: our own sentence templates filled with the gazetteer's
names (`kg/resolve/data/*.json`: countries, capitals, adjectives, people, organisations).

    python benchmarks/corpus.py 100000 archive.jsonl     # one JSON object per line
    python benchmarks/corpus.py 2000 folder/ --files     # one .txt file per article

Articles are ~100–250 words with a dateline, a title and 6–12 sentences: meetings, visits,
agreements, condemnations, attacks, sanctions, leadership, membership, borders, negations and
hedges, plus filler sentences with no relation. The same seed gives the same corpus.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TEMPLATES = [
    "{p1}, the President of {c1}, met {c2}'s Foreign Minister {p2} in {cap1} on {day}.",
    "The {a1} Foreign Ministry condemned {c2} for the attack on its border posts.",
    "{c1} and {c2} signed a defence agreement and agreed to restore diplomatic ties.",
    "{a1} forces shelled villages in the {a2} town of {town}, officials said.",
    "{c1} imposed sanctions on {c2} after talks between the two countries collapsed.",
    "Defence Minister {p1} arrived in {c2} to meet with his {a2} counterpart {p2}.",
    "{c1} did not attack {c2}, the spokesman said, and called on {c3} to show restraint.",
    "{c1} and {c2} share a border of more than {km} kilometres.",
    "{c1} is a member of {org}, which held an emergency session in {cap2} on {day}.",
    "{org} claimed responsibility for an attack on a military convoy in {c1}.",
    "{p1} visited {cap2} for two days of talks on trade and security.",
    "The government of {c1} expelled {a2} diplomats and recalled its ambassador from {cap2}.",
    "{c1} may impose new tariffs on {a2} steel, according to people familiar with the matter.",
    "{c1} accused {c2} of supporting rebels along their shared border.",
    "{c1} welcomed the ceasefire between {c2} and {c3} and offered to send observers.",
    "{p1} praised {c2} for its role in the negotiations.",
]
FILLER = [
    "Prices of fuel and bread rose again this month, traders said.",
    "The talks were described as frank and constructive by both delegations.",
    "Analysts expect the parliament to debate the budget before the end of the year.",
    "Heavy rains disrupted traffic on the main highway for several hours.",
    "Officials declined to give further details.",
]
TOWNS = ["Karsa", "Mirab", "Tolun", "Vesk", "Oruma", "Delvi"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class Names:
    """The gazetteer's names the templates use."""

    def __init__(self) -> None:
        from kg.resolve.gazetteer import load_gazetteer

        gaz = load_gazetteer()
        self.countries = [c for c in gaz.countries.values() if c.adjectives and c.capitals and not c.historical]
        self.people = [p.name for p in gaz.people.values()]
        self.orgs = [o.name for o in gaz.orgs.values()]


def article(i: int, rng: random.Random, names: Names) -> dict[str, str]:
    """One article as a JSONL record (id, title, date, text)."""
    c1, c2, c3 = rng.sample(names.countries, 3)
    date = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1800))
    lines = []
    for template in rng.sample(TEMPLATES, rng.randint(5, 9)):
        lines.append(template.format(
            p1=rng.choice(names.people), p2=rng.choice(names.people), c1=c1.name, c2=c2.name, c3=c3.name,
            a1=c1.adjectives[0], a2=c2.adjectives[0], cap1=c1.capitals[0], cap2=c2.capitals[0],
            town=rng.choice(TOWNS), day=rng.choice(DAYS), km=rng.randrange(100, 3000),
            org=rng.choice(names.orgs)))
        if rng.random() < 0.3:
            lines.append(rng.choice(FILLER))
    title = f"{c1.name} and {c2.name}: talks, tensions and trade"
    city = c1.capitals[0].upper()
    text = f"{title}\n\n{city}, {date:%B} {date.day} — " + " ".join(lines[:4]) + "\n\n" + " ".join(lines[4:])
    return {"id": f"synth-{i:07d}", "title": title, "date": date.isoformat(), "text": text}


def generate(n: int, *, seed: int = 7, start: int = 0) -> Iterator[dict[str, str]]:
    """`n` articles (lazily); article `i` depends only on (seed, i)."""
    names = Names()
    for i in range(start, start + n):
        yield article(i, random.Random(seed * 1_000_003 + i), names)


def write_jsonl(path: Path, n: int, *, seed: int = 7) -> int:
    """Write `n` articles to a JSONL file; returns the number of words."""
    words = 0
    with path.open("w", encoding="utf-8") as handle:
        for record in generate(n, seed=seed):
            words += len(record["text"].split())
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return words


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--files", action="store_true", help="One .txt file per article in the folder OUT.")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    if args.files:
        args.out.mkdir(parents=True, exist_ok=True)
        for record in generate(args.n, seed=args.seed):
            (args.out / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
    else:
        print(f"words: {write_jsonl(args.out, args.n, seed=args.seed)}")


if __name__ == "__main__":
    main()
