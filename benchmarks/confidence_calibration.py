"""Whether the extractor's confidences mean what they say, and the table that makes them.

    python3 benchmarks/confidence_calibration.py          # measure: hand-set against calibrated
    python3 benchmarks/confidence_calibration.py --fit    # rewrite pipeline/extract/confidence.json

Every assertion the extractor makes carries a confidence (``Evidence.confidence``):
an entity mention, a role of a paper towards an entity, a result. A user reads
0.8 as "right four times in five" and filters on it in SPARQL or Cypher. This
scores that reading against the hand annotations (``extraction_quality.py``'s
matching):

- a mention is right when its entity matches an annotated entity of the paper
  of the same type;
- a role (paper, entity, role) is right when the entity matches an annotated one
  that has the role (``mentions`` included: the graph has those edges too);
- a result is right when an annotated result has its value and unit.

``--fit`` sets each rule's confidence to how often it is right on the
**held-out** papers of the sixteen corpora (every paper of the two test-only
ones): text the rules were not written from, as a user's is. On the tuning
papers the rules are right more often than on new text, so a table fitted there
is optimistic (measured below). A rule is a mention's component, a role's
(role, rule) pair, or "result"; its rate is smoothed toward its kind's rate by
``PRIOR_WEIGHT`` pseudo-assertions, so that a rule seen twice is not 1.0. The
table goes to ``pipeline/extract/confidence.json``; the ``pg_confidence``
component applies it. No rule reads a confidence, so the table changes no
entity, role or result.

The measure compares, by expected calibration error (the mean gap between
confidence and the rate of being right, over ten bins, weighted by size; 0 is
perfect) and Brier score (mean squared error of the confidence as a
probability): the rules' hand-set confidences; a table fitted on the tuning
papers; and, as the honest figure for the shipped table, a table fitted on the
held-out papers of the other corpora only, scored on each corpus's held-out
papers in turn (leave one corpus out).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction_quality import _unit, match_entities  # noqa: E402

from pipeline.extract.components import CONFIDENCE_TABLE as TABLE, role_rule  # noqa: E402

PRIOR_WEIGHT = 10.0
BINS = 10


@dataclass(frozen=True)
class Assertion:
    """One assertion the extractor made, with the confidence it gave and whether the annotations agree."""

    kind: str  # "mention", "role" or "result"
    rule: str  # the table's key: a mention's component, "role/rule", or "result"
    confidence: float
    right: bool


def assertions(gold: dict, extraction) -> Iterator[Assertion]:
    """The assertions of one paper's extraction, scored against its annotation.

    A role given by several rules counts once per rule: each rule's evidence
    carries its own confidence.
    """
    found = [{"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases)} for e in extraction.entities]
    types = {e.id: e.type for e in extraction.entities}
    matched = {found[fi]["id"]: gold["entities"][gi] for gi, fi in match_entities(gold["entities"], found).items()}
    for mention in extraction.mentions:
        annotated = matched.get(mention.entity_id)
        right = annotated is not None and annotated["type"] == types.get(mention.entity_id)
        yield Assertion("mention", mention.evidence.component, mention.evidence.confidence, right)
    for relation in extraction.relations:
        annotated = matched.get(relation.object)
        right = annotated is not None and relation.predicate in annotated["roles"]
        for evidence in relation.evidence:
            rule = evidence.component.split(":", 1)[1] if ":" in evidence.component else evidence.component
            yield Assertion("role", role_rule(relation.predicate, rule), evidence.confidence, right)
    remaining = [(float(r["value"]), _unit(r["unit"])) for r in gold["results"]]
    for result in extraction.results:
        key = next((k for k in remaining if abs(k[0] - result.value) < 1e-6 and k[1] == _unit(result.unit)), None)
        if key is not None:
            remaining.remove(key)
        yield Assertion("result", "result", result.evidence.confidence, key is not None)


def fit(scored: Iterable[Assertion], prior_weight: float = PRIOR_WEIGHT) -> dict[str, dict[str, float]]:
    """Each rule's rate of being right, smoothed toward its kind's rate: kind -> rule -> confidence.

    >>> a = [Assertion("role", "uses/x", 0.5, True)] * 3 + [Assertion("role", "uses/y", 0.5, False)]
    >>> fit(a, prior_weight=1)["role"]
    {'uses/x': 0.94, 'uses/y': 0.38}
    """
    right: dict[tuple[str, str], int] = defaultdict(int)
    seen: dict[tuple[str, str], int] = defaultdict(int)
    for a in scored:
        right[a.kind, a.rule] += a.right
        seen[a.kind, a.rule] += 1
    kind_rate = {
        kind: sum(right[k] for k in seen if k[0] == kind) / sum(seen[k] for k in seen if k[0] == kind)
        for kind in {k[0] for k in seen}
    }
    table: dict[str, dict[str, float]] = defaultdict(dict)
    for (kind, rule), n in sorted(seen.items()):
        rate = (right[kind, rule] + prior_weight * kind_rate[kind]) / (n + prior_weight)
        table[kind][rule] = round(min(0.99, max(0.01, rate)), 2)
    return dict(table)


def recalibrated(scored: Iterable[Assertion], table: dict[str, dict[str, float]]) -> list[Assertion]:
    """The assertions with the confidences the table gives their rules (a rule it lacks keeps its own)."""
    return [
        Assertion(a.kind, a.rule, table.get(a.kind, {}).get(a.rule, a.confidence), a.right) for a in scored
    ]


def calibration(scored: Iterable[Assertion], bins: int = BINS) -> tuple[float, float, int]:
    """(expected calibration error, Brier score, count) of the assertions.

    >>> calibration([Assertion("role", "r", 0.8, True)] * 4 + [Assertion("role", "r", 0.8, False)])
    (0.0, 0.16, 5)
    """
    scored = list(scored)
    if not scored:
        return 0.0, 0.0, 0
    groups: dict[int, list[Assertion]] = defaultdict(list)
    for a in scored:
        groups[min(bins - 1, int(a.confidence * bins))].append(a)
    ece = sum(
        len(g) * abs(sum(a.confidence for a in g) / len(g) - sum(a.right for a in g) / len(g)) for g in groups.values()
    ) / len(scored)
    brier = sum((a.confidence - a.right) ** 2 for a in scored) / len(scored)
    return round(ece, 4), round(brier, 4), len(scored)


def reliability(scored: Iterable[Assertion], bins: int = BINS) -> list[tuple[str, int, float, float]]:
    """Per confidence bin: (range, count, mean confidence, rate of being right)."""
    groups: dict[int, list[Assertion]] = defaultdict(list)
    for a in scored:
        groups[min(bins - 1, int(a.confidence * bins))].append(a)
    return [
        (f"{b / bins:.1f}-{(b + 1) / bins:.1f}", len(g), sum(a.confidence for a in g) / len(g), sum(a.right for a in g) / len(g))
        for b, g in sorted(groups.items())
    ]


def score_corpora(extractor) -> dict[tuple[str, str], list[Assertion]]:
    """(corpus, "tuning" or "held out") -> the assertions of those papers, with the confidences the
    extractor gave (read its hand-set ones with :func:`hand_set_extractor`)."""
    from builds_on_answers import parts as corpus_parts

    from pipeline.ingest import iter_papers

    parts: dict[tuple[str, str], list[Assertion]] = defaultdict(list)
    for corpus, page, papers, tuning in corpus_parts():
        by_title = {p.title: p for p in iter_papers([page])}
        for number, gold in enumerate(papers, start=1):
            extraction = extractor.extract(by_title[gold["title"]])
            parts[corpus, "tuning" if number in tuning else "held out"].extend(assertions(gold, extraction))
    return dict(parts)


def half(parts: dict[tuple[str, str], list[Assertion]], which: str) -> list[Assertion]:
    """Every corpus's assertions of one half ("tuning" or "held out")."""
    return [a for (_, h), scored in parts.items() if h == which for a in scored]


def left_out_fits(parts: dict[tuple[str, str], list[Assertion]]) -> list[Assertion]:
    """Each corpus's held-out assertions with the confidences of a table fitted on the other corpora's
    held-out papers: what the shipped table is worth on text of a kind it never saw."""
    out: list[Assertion] = []
    for corpus in sorted({c for c, h in parts if h == "held out"}):
        others = [a for (c, h), scored in parts.items() if h == "held out" and c != corpus for a in scored]
        out += recalibrated(parts[corpus, "held out"], fit(others))
    return out


def hand_set_extractor():
    """The extractor without ``pg_confidence``: the confidences the rules set by hand."""
    from pipeline.extract import Extractor, load_extractor

    nlp = load_extractor().nlp
    if "pg_confidence" in nlp.pipe_names:
        nlp.remove_pipe("pg_confidence")
    return Extractor(nlp)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true", help=f"rewrite {TABLE.relative_to(ROOT)} from the held-out papers")
    args = parser.parse_args(argv)
    parts = score_corpora(hand_set_extractor())
    held = half(parts, "held out")
    if args.fit:
        table = fit(held)
        TABLE.write_text(json.dumps(table, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {TABLE.relative_to(ROOT)}: {sum(len(v) for v in table.values())} rules")
    by_tuning = recalibrated(held, fit(half(parts, "tuning")))
    left_out = left_out_fits(parts)
    print("held-out papers: ECE / Brier of the confidences")
    print(f"{'kind':8s} {'n':>6s}  {'hand-set':>13s}  {'fitted on tuning':>16s}  {'fitted on other corpora':>23s}")
    for kind in ("mention", "role", "result", "all"):
        pick = lambda scored: [a for a in scored if kind in ("all", a.kind)]  # noqa: E731
        figures = [calibration(pick(scored)) for scored in (held, by_tuning, left_out)]
        cells = [f"{ece:.3f} / {brier:.3f}" for ece, brier, _ in figures]
        print(f"{kind:8s} {figures[0][2]:6d}  {cells[0]:>13s}  {cells[1]:>16s}  {cells[2]:>23s}")
    print("\nheld-out reliability (confidence bin: count, mean confidence, rate right), hand-set | other corpora's fit")
    hand_bins = {b: (n, c, r) for b, n, c, r in reliability(held)}
    fitted_bins = {b: (n, c, r) for b, n, c, r in reliability(left_out)}
    for b in sorted(set(hand_bins) | set(fitted_bins)):
        cells = [f"{n:5d} {c:.2f} {r:.2f}" if n else f"{'':15s}"
                 for n, c, r in (hand_bins.get(b, (0, 0, 0)), fitted_bins.get(b, (0, 0, 0)))]
        print(f"  {b}  {cells[0]}  |  {cells[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
