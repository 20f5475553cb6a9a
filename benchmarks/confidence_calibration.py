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

``--fit`` sets each rule's confidence to how often it is right on the **tuning**
papers of the sixteen corpora (a rule = a mention's component, a role's
(role, rule) pair, or "result"), smoothed toward its kind's rate by
``PRIOR_WEIGHT`` pseudo-assertions so that a rule seen twice is not 1.0, and
writes ``pipeline/extract/confidence.json``; the ``pg_confidence`` component
applies it. The measure then compares the hand-set confidences (what the rules
say without the table) and the table's on the **held-out** papers, which the
table never saw: expected calibration error (the mean gap between confidence
and the rate of being right, over ten bins, weighted by size; 0 is perfect)
and Brier score (mean squared error of the confidence as a probability).
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

from extraction_quality import match_entities  # noqa: E402

TABLE = ROOT / "pipeline" / "extract" / "confidence.json"
PRIOR_WEIGHT = 10.0
BINS = 10


@dataclass(frozen=True)
class Assertion:
    """One assertion the extractor made, with the confidence it gave and whether the annotations agree."""

    kind: str  # "mention", "role" or "result"
    rule: str  # the table's key: a mention's component, "role/rule", or "result"
    confidence: float
    right: bool


def role_key(role: str, rule: str) -> str:
    """The table's key of a role given by a rule: ``"builds_on/cue:builds_on"``."""
    return f"{role}/{rule}"


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
            yield Assertion("role", role_key(relation.predicate, rule), evidence.confidence, right)
    remaining = [(float(r["value"]), _unit(r["unit"])) for r in gold["results"]]
    for result in extraction.results:
        key = next((k for k in remaining if abs(k[0] - result.value) < 1e-6 and k[1] == _unit(result.unit)), None)
        if key is not None:
            remaining.remove(key)
        yield Assertion("result", "result", result.evidence.confidence, key is not None)


def _unit(unit: str | None) -> str | None:
    return {"×": "x", "times": "x"}.get(unit, unit) if unit else None


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


def corpus_parts() -> Iterator[tuple[str, Path, list[dict], set[int]]]:
    """(name, page, annotated papers, tuning paper numbers) of the page and every corpus."""
    from builds_on_answers import CORPORA, parts

    yield from parts()
    assert len(CORPORA) == 15  # with the page, the sixteen corpora of extraction_quality.py


def score_corpora(extractor) -> dict[str, list[Assertion]]:
    """"tuning" and "held out" -> the assertions of those papers of every corpus, with the confidences the
    extractor gave (read its hand-set ones with a pipeline that has no pg_confidence)."""
    from pipeline.ingest import iter_papers

    halves: dict[str, list[Assertion]] = {"tuning": [], "held out": []}
    for _, page, papers, tuning in corpus_parts():
        by_title = {p.title: p for p in iter_papers([page])}
        for number, gold in enumerate(papers, start=1):
            extraction = extractor.extract(by_title[gold["title"]])
            halves["tuning" if number in tuning else "held out"].extend(assertions(gold, extraction))
    return halves


def hand_set_extractor():
    """The extractor without ``pg_confidence``: the confidences the rules set by hand."""
    from pipeline.extract import Extractor, load_extractor

    nlp = load_extractor().nlp
    if "pg_confidence" in nlp.pipe_names:
        nlp.remove_pipe("pg_confidence")
    return Extractor(nlp)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true", help=f"rewrite {TABLE.relative_to(ROOT)} from the tuning papers")
    args = parser.parse_args(argv)
    hand = score_corpora(hand_set_extractor())
    table = fit(hand["tuning"])
    if args.fit:
        TABLE.write_text(json.dumps(table, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {TABLE.relative_to(ROOT)}: {sum(len(v) for v in table.values())} rules")
    else:
        table = json.loads(TABLE.read_text(encoding="utf-8"))
    print(f"{'papers':9s} {'kind':8s} {'n':>6s}  {'ECE hand-set':>12s} {'ECE table':>10s}  {'Brier hand-set':>14s} {'Brier table':>11s}")
    for half, scored in hand.items():
        for kind in ("mention", "role", "result", "all"):
            chosen = [a for a in scored if kind in ("all", a.kind)]
            ece_hand, brier_hand, n = calibration(chosen)
            ece_table, brier_table, _ = calibration(recalibrated(chosen, table))
            print(f"{half:9s} {kind:8s} {n:6d}  {ece_hand:12.3f} {ece_table:10.3f}  {brier_hand:14.3f} {brier_table:11.3f}")
    print("\nheld-out reliability (confidence bin: count, mean confidence, rate right), hand-set | table")
    hand_bins = {b: (n, c, r) for b, n, c, r in reliability(hand["held out"])}
    table_bins = {b: (n, c, r) for b, n, c, r in reliability(recalibrated(hand["held out"], table))}
    for b in sorted(set(hand_bins) | set(table_bins)):
        cells = [f"{n:5d} {c:.2f} {r:.2f}" if (n, c, r) != (0, 0, 0) else f"{'':15s}"
                 for n, c, r in (hand_bins.get(b, (0, 0, 0)), table_bins.get(b, (0, 0, 0)))]
        print(f"  {b}  {cells[0]}  |  {cells[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
