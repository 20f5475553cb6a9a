"""Whether the confidence of a derived entity-to-entity edge means what it says.

    python3 benchmarks/derived_confidence.py

A paper that proposes Y and builds on X makes the graph's "Y builds on X"
(likewise "Y runs on H"; ``pipeline.graph.derive_entity_relations``). That edge
is right only when the paper does propose Y *and* does build on X. Its evidence
is the paper's sentence for building on X, and its confidence is that
sentence's times the paper's surest evidence of proposing Y. The baseline,
measured in the same run, is that sentence's confidence alone (the rule before
the product): it ignores that the proposal may be wrong.

A derived edge is right when the annotations of its paper give the subject
``proposes`` and the object the inherited role (``extraction_quality.py``'s
matching of names). Printed per half of the annotated corpora (tuning papers,
and the held-out ones, text the rules were not written from, as a user's is):
how many derived edges, the rate right, and for each confidence the mean,
expected calibration error, Brier score and ROC AUC
(``confidence_calibration.py``'s measures). The shipped confidence table was
fitted on the held-out papers' paper-level assertions, so their figures flatter
both columns alike; the product itself is not fitted.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from builds_on_answers import parts as corpus_parts  # noqa: E402
from confidence_calibration import Assertion, calibration, ranking  # noqa: E402
from extraction_quality import found_entities, match_entities  # noqa: E402

from pipeline.graph import derive_entity_relations  # noqa: E402
from pipeline.records import Extraction  # noqa: E402


def scored_edges(gold: dict, extraction: Extraction) -> list[tuple[Assertion, Assertion]]:
    """Each derived edge of one paper as (baseline, shipped) assertions, scored against its annotation."""
    found = found_entities(extraction)
    matched = {found[fi]["id"]: gold["entities"][gi] for gi, fi in match_entities(gold["entities"], found).items()}
    inherited = {(r.predicate, r.object): r for r in extraction.relations}
    pairs = []
    for edge in derive_entity_relations(extraction.relations):
        subject, obj = matched.get(edge.subject), matched.get(edge.object)
        right = bool(subject and obj and "proposes" in subject["roles"] and edge.predicate in obj["roles"])
        alone = inherited[edge.predicate, edge.object].confidence
        pairs.append((Assertion("role", edge.predicate, alone, right), Assertion("role", edge.predicate, edge.confidence, right)))
    return pairs


def main() -> int:
    from pipeline.extract import load_extractor
    from pipeline.ingest import iter_papers

    extractor = load_extractor()
    halves: dict[str, list[tuple[Assertion, Assertion]]] = defaultdict(list)
    for _, page, papers, tuning in corpus_parts():
        by_title = {p.title: p for p in iter_papers([page])}
        for number, gold in enumerate(papers, start=1):
            extraction = extractor.extract(by_title[gold["title"]])
            halves["tuning" if number in tuning else "held out"].extend(scored_edges(gold, extraction))
    print("derived edges: mean confidence / ECE / Brier / ROC AUC, the inherited sentence's confidence alone")
    print("(baseline) and times the proposal's (shipped)")
    print(f"{'half':9s} {'edges':>8s} {'n':>5s} {'right':>6s}  {'alone':>27s}  {'x proposes':>27s}")
    for half in ("held out", "tuning"):
        for predicate in ("all", "builds_on", "runs_on"):
            pairs = [p for p in halves[half] if predicate in ("all", p[0].rule)]
            if not pairs:
                continue
            cells = []
            for scored in zip(*pairs, strict=True):
                ece, brier, n = calibration(scored)
                mean = sum(a.confidence for a in scored) / n
                cells.append(f"{mean:.3f} / {ece:.3f} / {brier:.3f} / {ranking(scored):.3f}")
            rate = sum(a.right for a, _ in pairs) / len(pairs)
            print(f"{half:9s} {predicate:>8s} {len(pairs):5d} {rate:6.3f}  {cells[0]:>27s}  {cells[1]:>27s}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
