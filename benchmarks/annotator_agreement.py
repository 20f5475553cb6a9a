"""How far two annotators agree: the ceiling any extractor is measured under.

    python3 benchmarks/annotator_agreement.py tests/data/dev15/dev15_annotations.json \
        tests/data/dev15/dev15_second_annotator.json

Each file is an annotation file of the corpora (tests/data/gold/README.md). The
second may annotate only some of the first's papers; papers are paired by title.
The second annotator is scored as if it were the extractor, with the matching of
``extraction_quality.py`` (names folded for case, spaces and hyphens; a plural
``s`` dropped): F1 per entity type, untyped and typed, and per role. F1 is
symmetric, so which file comes first changes precision and recall, not F1.
Results are not compared. Last, the answers to "which papers build on X?"
that each annotation gives (by the rule of ``builds_on_answers.py``) are
compared for every method and model of the first: the ceiling for that
benchmark's figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction_quality import ROLES, TYPES, Score, match_entities  # noqa: E402


def agreement(first: list[dict], second: list[dict]) -> tuple[dict[str, Score], dict[str, Score], Score, int]:
    """Per type, per role and untyped entity scores of ``second`` against ``first``, and the papers paired."""
    by_title = {paper["title"]: paper for paper in second}
    types: dict[str, Score] = defaultdict(Score)
    roles: dict[str, Score] = defaultdict(Score)
    untyped = Score()
    paired = 0
    for paper in first:
        other = by_title.get(paper["title"])
        if other is None:
            continue
        paired += 1
        gold, found = paper["entities"], other["entities"]
        pairs = match_entities(gold, [{"aliases": [], **f} for f in found])
        for gi, g in enumerate(gold):
            fi = pairs.get(gi)
            gold_roles = set(g["roles"]) & set(ROLES)
            if fi is None:
                types[g["type"]].fn += 1
                untyped.fn += 1
                for role in gold_roles:
                    roles[role].fn += 1
                continue
            f = found[fi]
            untyped.tp += 1
            if f["type"] == g["type"]:
                types[g["type"]].tp += 1
            else:
                types[g["type"]].fn += 1
                types[f["type"]].fp += 1
            found_roles = set(f["roles"]) & set(ROLES)
            for role in ROLES:
                roles[role].tp += role in gold_roles and role in found_roles
                roles[role].fn += role in gold_roles and role not in found_roles
                roles[role].fp += role in found_roles and role not in gold_roles
        matched = set(pairs.values())
        for fi, f in enumerate(found):
            if fi not in matched:
                types[f["type"]].fp += 1
                untyped.fp += 1
                for role in set(f["roles"]) & set(ROLES):
                    roles[role].fp += 1
    return types, roles, untyped, paired


def answer_agreement(first: list[dict], second: list[dict]):
    """A :class:`builds_on_answers.Tally` of the second annotation's builds-on answers against the first's."""
    from builds_on_answers import Tally, answer_keys, gold_answers
    from extraction_quality import _keys

    titles = {paper["title"] for paper in second}
    first = [paper for paper in first if paper["title"] in titles]
    theirs = gold_answers(second)
    their_keys = answer_keys(second, theirs)
    tally = Tally()
    for question, right in gold_answers(first).items():
        name = next((their_keys[k] for k in _keys([question]) if k in their_keys), None)
        tally.add(question, right, theirs[name] if name is not None else None)
    return tally


def _print_scores(scores: dict[str, Score], names: tuple[str, ...], total: str) -> None:
    """One line per name, then their micro average."""
    micro = Score()
    for name in names:
        micro.add(scores[name])
        print(f"  {name:14s} {scores[name].precision:5.2f} {scores[name].recall:6.2f} {scores[name].f1:6.2f}")
    print(f"  {total:14s} {micro.precision:5.2f} {micro.recall:6.2f} {micro.f1:6.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    args = parser.parse_args(argv)
    first = json.loads(args.first.read_text(encoding="utf-8"))["papers"]
    second = json.loads(args.second.read_text(encoding="utf-8"))["papers"]
    types, roles, untyped, paired = agreement(first, second)
    print(f"{paired} papers annotated by both")
    print(f"{'':16s} {'P':>5s} {'R':>6s} {'F1':>6s}")
    _print_scores(types, TYPES, "micro (typed)")
    print(f"  {'untyped':14s} {untyped.precision:5.2f} {untyped.recall:6.2f} {untyped.f1:6.2f}")
    _print_scores(roles, ROLES, "roles micro")
    tally = answer_agreement(first, second)
    p, r, f = tally.figures()
    print(f"builds-on answers: {tally.exact} of {tally.asked} exactly alike; P {p:.2f} R {r:.2f} F1 {f:.2f} "
          f"over (question, paper) pairs; {tally.unresolved} names of the first not among the second's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
