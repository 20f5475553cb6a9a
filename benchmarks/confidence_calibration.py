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
``PRIOR_WEIGHT`` pseudo-assertions, so that a rule seen twice is not 1.0. A
rate alone gives every assertion of a rule the same number; ``--fit`` also fits
the ``context`` weights that move an assertion's rate by what the paper says
around it (``components.context_features``: for a mention or role, how often the
paper names the entity, whether the title does, whether it is a vocabulary
concept, its type, the paper's other roles toward it, how many rules agree; for
a result, which of metric, dataset, hardware, baseline it has, and its unit): a
logistic regression of being right on the rate's log-odds and those features, on
the same papers. The table goes to ``pipeline/extract/confidence.json``; the
``pg_confidence`` component applies it. No rule reads a confidence, so the table
changes no entity, role or result.

The measure compares, by expected calibration error (the mean gap between
confidence and the rate of being right, over ten bins, weighted by size; 0 is
perfect), Brier score (mean squared error of the confidence as a probability)
and ROC AUC (how well confidence ranks right assertions above wrong ones): the
rules' hand-set confidences; rates fitted on the tuning papers; and, as the
honest figures for the shipped table, rates alone and rates with context fitted
on the held-out papers of the other corpora only, scored on each corpus's
held-out papers in turn (leave one corpus out).
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

import numpy  # noqa: E402
from extraction_quality import found_entities, match_entities, same_value  # noqa: E402

from pipeline.extract import doc_to_extraction  # noqa: E402
from pipeline.extract.components import (  # noqa: E402
    CONFIDENCE_TABLE as TABLE,
    RULE_FEATURE,
    context_features,
    in_context,
    log_odds,
    role_rule,
)

PRIOR_WEIGHT = 10.0
L2 = 1.0  # the context weights' penalty (the squared weights' half, against the summed log-loss)
BINS = 10


@dataclass(frozen=True)
class Assertion:
    """One assertion the extractor made, with the confidence it gave and whether the annotations agree."""

    kind: str  # "mention", "role" or "result"
    rule: str  # the table's key: a mention's component, "role/rule", or "result"
    confidence: float
    right: bool
    features: tuple[tuple[str, float], ...] = ()  # its context (components.context_features)


def assertions(gold: dict, extraction, data: dict) -> Iterator[Assertion]:
    """The assertions of one paper's extraction, scored against its annotation; ``data`` is the doc's
    (``doc._.pg``) that the extraction was made from, which gives each assertion its context.

    A role given by several rules counts once per rule: each rule's evidence
    carries its own confidence.
    """
    found = found_entities(extraction)
    types = {e.id: e.type for e in extraction.entities}
    matched = {found[fi]["id"]: gold["entities"][gi] for gi, fi in match_entities(gold["entities"], found).items()}
    mention_features, role_features, result_features = context_features(data)
    for mention, features in zip(extraction.mentions, mention_features, strict=True):
        annotated = matched.get(mention.entity_id)
        right = annotated is not None and annotated["type"] == types.get(mention.entity_id)
        yield Assertion("mention", mention.evidence.component, mention.evidence.confidence, right, tuple(features.items()))
    for (key, role, _, _, rule, confidence), features in zip(data["relations"], role_features, strict=True):
        annotated = matched.get(key)
        right = annotated is not None and role in annotated["roles"]
        yield Assertion("role", role_rule(role, rule), confidence, right, tuple(features.items()))
    remaining = list(gold["results"])
    for result, features in zip(extraction.results, result_features, strict=True):
        annotated = next((r for r in remaining if same_value(result, r)), None)
        if annotated is not None:
            remaining.remove(annotated)
        yield Assertion("result", "result", result.evidence.confidence, annotated is not None, tuple(features.items()))


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


def fit_context(scored: Iterable[Assertion], rates: dict[str, dict[str, float]], l2: float = L2) -> dict[str, float]:
    """The weights that move each assertion's rate by its context: a logistic regression of
    being right on the rate's log-odds (feature ``rule``) and the assertion's features, fitted by
    Newton's method with an L2 penalty ``l2`` on every weight but the intercept.

    >>> a = [Assertion("role", "uses/x", 0.5, n % 3 > 0, (("uses", 1.0), ("uses&title", float(n % 3 > 0)))) for n in range(9)]
    >>> weights = fit_context(a, {"role": {"uses/x": 0.5}}, l2=0.1)
    >>> weights["uses&title"] > 2
    True
    """
    scored = list(scored)
    names = sorted({name for a in scored for name, _ in a.features})
    column = {name: n for n, name in enumerate([RULE_FEATURE, *names], start=1)}
    x = numpy.zeros((len(scored), len(column) + 1))
    x[:, 0] = 1.0  # the intercept
    for row, a in enumerate(scored):
        x[row, 1] = log_odds(rates.get(a.kind, {}).get(a.rule, a.confidence))
        for name, value in a.features:
            x[row, column[name]] = value
    y = numpy.array([a.right for a in scored], dtype=float)
    penalty = numpy.full(x.shape[1], l2)
    penalty[0] = 0.0
    w = numpy.zeros(x.shape[1])
    for _ in range(100):
        p = 1 / (1 + numpy.exp(-(x @ w)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + numpy.diag(penalty)
        step = numpy.linalg.solve(hessian, gradient)
        w -= step
        if numpy.abs(step).max() < 1e-9:
            break
    weights = {"intercept": w[0], **{name: w[n] for name, n in column.items()}}
    return {name: round(float(value), 3) for name, value in weights.items() if round(float(value), 3) != 0}


def fit_table(scored: Iterable[Assertion]) -> dict[str, dict[str, float]]:
    """The table ``--fit`` writes: each rule's rate (:func:`fit`) and the context's weights (:func:`fit_context`)."""
    scored = list(scored)
    rates = fit(scored)
    return {**rates, "context": fit_context(scored, rates)}


def recalibrated(scored: Iterable[Assertion], table: dict[str, dict[str, float]]) -> list[Assertion]:
    """The assertions with the confidences the table gives them: their rule's rate (a rule it lacks
    keeps its own), moved by their context when the table has ``context`` weights."""
    weights = table.get("context")
    out = []
    for a in scored:
        confidence = table.get(a.kind, {}).get(a.rule, a.confidence)
        if weights:
            confidence = in_context(confidence, dict(a.features), weights)
        out.append(Assertion(a.kind, a.rule, confidence, a.right, a.features))
    return out


def calibration(scored: Iterable[Assertion], bins: int = BINS) -> tuple[float, float, int]:
    """(expected calibration error, Brier score, count) of the assertions.

    >>> calibration([Assertion("role", "r", 0.8, True)] * 4 + [Assertion("role", "r", 0.8, False)])
    (0.0, 0.16, 5)
    """
    scored = list(scored)
    if not scored:
        return 0.0, 0.0, 0
    groups = _binned(scored, bins)
    ece = sum(
        len(g) * abs(sum(a.confidence for a in g) / len(g) - sum(a.right for a in g) / len(g)) for g in groups.values()
    ) / len(scored)
    brier = sum((a.confidence - a.right) ** 2 for a in scored) / len(scored)
    return round(ece, 4), round(brier, 4), len(scored)


def _binned(scored: Iterable[Assertion], bins: int) -> dict[int, list[Assertion]]:
    """The assertions by confidence bin: ``bins`` equal ranges of [0, 1], the last one closed."""
    groups: dict[int, list[Assertion]] = defaultdict(list)
    for a in scored:
        groups[min(bins - 1, int(a.confidence * bins))].append(a)
    return groups


def reliability(scored: Iterable[Assertion], bins: int = BINS) -> list[tuple[str, int, float, float]]:
    """Per confidence bin: (range, count, mean confidence, rate of being right)."""
    groups = _binned(scored, bins)
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
            paper = by_title[gold["title"]]
            doc = extractor.nlp(paper.text)
            extraction = doc_to_extraction(doc, paper)
            parts[corpus, "tuning" if number in tuning else "held out"].extend(assertions(gold, extraction, doc._.pg))
    return dict(parts)


def half(parts: dict[tuple[str, str], list[Assertion]], which: str) -> list[Assertion]:
    """Every corpus's assertions of one half ("tuning" or "held out")."""
    return [a for (_, h), scored in parts.items() if h == which for a in scored]


def left_out_fits(parts: dict[tuple[str, str], list[Assertion]], context: bool = True) -> list[Assertion]:
    """Each corpus's held-out assertions with the confidences of a table fitted on the other corpora's
    held-out papers (with ``context`` weights, or rates alone): what the shipped table is worth on
    text of a kind it never saw."""
    out: list[Assertion] = []
    for corpus in sorted({c for c, h in parts if h == "held out"}):
        others = [a for (c, h), scored in parts.items() if h == "held out" and c != corpus for a in scored]
        out += recalibrated(parts[corpus, "held out"], fit_table(others) if context else fit(others))
    return out


def ranking(scored: Iterable[Assertion]) -> float:
    """How well the confidences rank right assertions above wrong ones: the area under the ROC curve
    (the chance that a right assertion has a higher confidence than a wrong one; ties count half).

    >>> ranking([Assertion("role", "r", 0.9, True), Assertion("role", "r", 0.5, False), Assertion("role", "r", 0.5, True)])
    0.75
    """
    scored = list(scored)
    right = numpy.array([a.confidence for a in scored if a.right])
    wrong = numpy.array([a.confidence for a in scored if not a.right])
    if not len(right) or not len(wrong):
        return 0.5
    above = (right[:, None] > wrong[None, :]).sum() + 0.5 * (right[:, None] == wrong[None, :]).sum()
    return round(float(above / (len(right) * len(wrong))), 4)


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
        table = fit_table(held)
        TABLE.write_text(json.dumps(table, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {TABLE.relative_to(ROOT)}: {sum(len(v) for k, v in table.items() if k != 'context')} rules, "
              f"{len(table['context'])} context weights")
    by_tuning = recalibrated(held, fit(half(parts, "tuning")))
    rates_only = left_out_fits(parts, context=False)
    left_out = left_out_fits(parts)
    columns = ("hand-set", "tuning: rates", "others: rates", "others: rates+context")
    print("held-out papers: ECE / Brier / ranking (ROC AUC) of the confidences; the tables fitted on the")
    print("tuning papers, or on the other corpora's held-out papers (leave one corpus out)")
    print(f"{'kind':8s} {'n':>6s}  " + "  ".join(f"{c:>21s}" for c in columns))
    for kind in ("mention", "role", "result", "all"):
        pick = lambda scored: [a for a in scored if kind in ("all", a.kind)]  # noqa: E731
        figures = [(*calibration(pick(scored)), ranking(pick(scored))) for scored in (held, by_tuning, rates_only, left_out)]
        cells = [f"{ece:.3f} / {brier:.3f} / {auc:.3f}" for ece, brier, _, auc in figures]
        print(f"{kind:8s} {figures[0][2]:6d}  " + "  ".join(f"{c:>21s}" for c in cells))
    print("\nheld-out reliability (confidence bin: count, mean confidence, rate right), hand-set | others: rates+context")
    hand_bins = {b: (n, c, r) for b, n, c, r in reliability(held)}
    fitted_bins = {b: (n, c, r) for b, n, c, r in reliability(left_out)}
    for b in sorted(set(hand_bins) | set(fitted_bins)):
        cells = [f"{n:5d} {c:.2f} {r:.2f}" if n else f"{'':15s}"
                 for n, c, r in (hand_bins.get(b, (0, 0, 0)), fitted_bins.get(b, (0, 0, 0)))]
        print(f"  {b}  {cells[0]}  |  {cells[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
