"""Extraction time against the length of one abstract: is it linear?

A listing holds the odd record that is far longer or denser than the rest: an
abstract with a table pasted in, a survey listing hundreds of models, a
benchmark paper with a number per task. One such record must not stall a build,
so the stage's time should grow with an abstract's length as the tokenizer's
does, not with its square.

For each shape of text, built from the shared page, this prints the time the
extraction pipeline takes on one abstract of growing size, the time a bare
spaCy tokenizer takes on the same text in the same run, the pipeline's time per
KB and how fast it grows:

- ``page text``: the page's abstracts run together into one (real sentences);
- ``no full stops``: the page's words with the sentence ends taken out (one
  sentence as long as the abstract);
- ``list of names``: one sentence listing known model names and new ones
  ("We compare with Foo0Net-1B, Llama-2-7B, Foo2Net-3B, ...");
- ``new names``: the same with new names only, which the stage must type;
- ``numbers``: one sentence with a score per benchmark ("reaches 41.5% on X1,
  42.5% on X2, ...").

``growth`` is the exponent k in time ~ size^k between the last two sizes: 1 is
linear, 2 quadratic. The baseline is the tokenizer's own exponent on the same
texts (the pipeline runs the tokenizer, so it cannot grow slower); the goal is
that no shape grows faster than 1.2 or the tokenizer, whichever is more.

    python3 benchmarks/extraction_scaling.py [--sizes 1,4,16] [--page ../shared/data/daily_papers_page.txt]
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGE = ROOT.parent / "shared" / "data" / "daily_papers_page.txt"


def best_time(run: Callable[[], object], repeats: int) -> float:
    """The best wall time of ``repeats`` runs after one warm-up run (spaCy's tokenizer caches what it has split)."""
    run()
    best = math.inf
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def page_text(abstracts: list[str], n: int) -> str:
    """``n`` of the page's abstracts, in order and round again, run together."""
    return " ".join(abstracts[i % len(abstracts)] for i in range(n))


def without_full_stops(abstracts: list[str], n: int) -> str:
    return re.sub(r"[.;!?]", "", page_text(abstracts, n))


def list_of_names(known: list[str], n: int) -> str:
    """One sentence listing ``n`` names: known ones and new ones in turn (none known where ``known`` is empty)."""
    names = [known[i % len(known)] if known and i % 2 else f"Foo{i}Net-{i % 90 + 1}B" for i in range(n)]
    return "We compare with " + ", ".join(names[:-1]) + f" and {names[-1]}."


def numbers(n: int) -> str:
    """One sentence with ``n`` scores on as many benchmarks."""
    scores = [f"{40 + i % 50}.5% on Bench{i}" for i in range(n)]
    return "Our model reaches " + ", ".join(scores) + "."


def main(argv: list[str] | None = None) -> int:
    import spacy

    from pipeline.extract import load_extractor
    from pipeline.extract.vocabulary import load_vocabulary
    from pipeline.ingest import iter_papers

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", type=Path, default=PAGE)
    parser.add_argument("--sizes", default="1,4,16", help="multiples of each shape's unit (default 1,4,16)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]

    papers = list(iter_papers([args.page]))
    abstracts = [p.clean_abstract for p in papers]
    known = sorted(t.name for t in load_vocabulary().terms.values() if t.type == "Model" and "-" in t.name)[:400]
    shapes: dict[str, tuple[str, Callable[[int], str]]] = {
        "page text": ("abstracts", lambda k: page_text(abstracts, k)),
        "no full stops": ("abstracts", lambda k: without_full_stops(abstracts, k)),
        "list of names": ("x 50 names", lambda k: list_of_names(known, 50 * k)),
        "new names": ("x 50 names", lambda k: list_of_names([], 50 * k)),
        "numbers": ("x 50 scores", lambda k: numbers(50 * k)),
    }
    blank = spacy.blank("en")
    extractor = load_extractor()
    template = papers[0]

    print(f"{'shape':<16}{'size':>14}{'KB':>8}{'pipeline ms':>13}{'tokenizer ms':>14}{'ms/KB':>8}{'ratio':>8}")
    worst = 0.0
    for shape, (unit, make) in shapes.items():
        timings = []
        for k in sizes:
            text = make(k)
            paper = dataclasses.replace(template, clean_abstract=text)
            pipeline = best_time(lambda: extractor.extract(paper), args.repeats)
            bare = best_time(lambda: blank(paper.text), args.repeats)
            kb = len(paper.text) / 1024
            timings.append((len(paper.text), pipeline, bare))
            print(f"{shape:<16}{f'{k} {unit}':>14}{kb:8.1f}{pipeline * 1000:13.1f}{bare * 1000:14.2f}"
                  f"{pipeline * 1000 / kb:8.1f}{bare / pipeline:8.3f}")
        (n1, p1, b1), (n2, p2, b2) = timings[-2], timings[-1]
        growth, baseline = math.log(p2 / p1) / math.log(n2 / n1), math.log(b2 / b1) / math.log(n2 / n1)
        # Past what the tokenizer itself grows by (it is part of the pipeline), or past linear with some noise.
        worst = max(worst, growth - max(1.2, baseline))
        print(f"{'':<16}growth {growth:.2f} (tokenizer {baseline:.2f}; 1 is linear, 2 quadratic)")
    print(f"\nworst growth past max(1.2, the tokenizer's): {worst:+.2f}  (goal: at most 0)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
