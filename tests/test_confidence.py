"""Confidences: the measured table the pg_confidence component applies, and what it is worth on unseen text."""

from __future__ import annotations

import json
import sys

import pytest

from pipeline.errors import ConfigError
from pipeline.extract import build_nlp, doc_to_extraction, load_extractor, load_nlp
from pipeline.extract.components import (
    CONFIDENCE_TABLE,
    ConfidenceSetter,
    context_features,
    in_context,
)

from .conftest import ROOT

if str(ROOT / "benchmarks") not in sys.path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
import confidence_calibration as calibration  # noqa: E402


@pytest.fixture(scope="module")
def scored():
    """Every corpus's tuning and held-out assertions, with the rules' hand-set confidences."""
    return calibration.score_corpora(calibration.hand_set_extractor())


def _flash2(page_papers):
    return next(p for p in page_papers if p.title.startswith("FlashAttention-2"))


def test_the_shipped_table_is_what_the_held_out_papers_measure(scored):
    """pipeline/extract/confidence.json is `confidence_calibration.py --fit`'s output for today's rules:
    a rule changed without refitting fails here."""
    table = json.loads(CONFIDENCE_TABLE.read_text(encoding="utf-8"))
    fitted = calibration.fit_table(calibration.half(scored, "held out"))
    assert {k: v for k, v in table.items() if k != "context"} == {k: v for k, v in fitted.items() if k != "context"}
    assert table["context"].keys() == fitted["context"].keys()
    assert all(abs(table["context"][k] - fitted["context"][k]) < 0.002 for k in fitted["context"])


def test_fitted_confidences_are_calibrated_on_corpora_the_fit_never_saw(scored):
    """Each corpus's held-out assertions, with a table fitted on the other corpora's held-out papers:
    near the rate of being right, far nearer than the hand-set confidences or a table fitted on the
    tuning papers (where the rules are right more often than on new text)."""
    held = calibration.half(scored, "held out")
    by_tuning = calibration.recalibrated(held, calibration.fit(calibration.half(scored, "tuning")))
    rates_only = calibration.left_out_fits(scored, context=False)
    left_out = calibration.left_out_fits(scored)
    for kind, best in (("role", 0.035), ("result", 0.02), ("mention", 0.035), ("all", 0.025)):
        pick = [a for a in held if kind in ("all", a.kind)]
        hand_ece, hand_brier, n = calibration.calibration(pick)
        tuning_ece, _, _ = calibration.calibration([a for a in by_tuning if kind in ("all", a.kind)])
        rates_ece, rates_brier, _ = calibration.calibration([a for a in rates_only if kind in ("all", a.kind)])
        fitted_ece, fitted_brier, _ = calibration.calibration([a for a in left_out if kind in ("all", a.kind)])
        assert n > 1000
        assert rates_ece < tuning_ece < hand_ece, (kind, hand_ece, tuning_ece, rates_ece)
        assert fitted_ece < best and fitted_ece < tuning_ece, (kind, tuning_ece, fitted_ece)
        assert fitted_brier <= rates_brier < hand_brier, (kind, hand_brier, rates_brier, fitted_brier)
    # The context ranks a rule's right assertions above its wrong ones: better Brier, and a clearly
    # better ROC AUC than the rules' rates alone, for mentions, roles and results.
    for kind in ("mention", "role", "result"):
        rates = [a for a in rates_only if a.kind == kind]
        fitted = [a for a in left_out if a.kind == kind]
        assert calibration.calibration(fitted)[1] < calibration.calibration(rates)[1], kind
        assert calibration.ranking(fitted) > calibration.ranking(rates) + 0.03, kind
    # And what it trusts most is right far more often than what it trusts least.
    bins = calibration.reliability(left_out, bins=5)
    assert bins[-1][3] - bins[0][3] > 0.3, bins


def test_the_pipeline_gives_each_assertion_its_rules_rate_moved_by_its_context(page_papers):
    table = json.loads(CONFIDENCE_TABLE.read_text(encoding="utf-8"))
    paper = _flash2(page_papers)
    extractor = calibration.hand_set_extractor()
    doc = extractor.nlp(paper.text)
    hand_set = doc_to_extraction(doc, paper)
    mention_features, role_features, result_features = context_features(doc._.pg)
    extraction = load_extractor().extract(paper)
    for hand, mention, features in zip(hand_set.mentions, extraction.mentions, mention_features, strict=True):
        rate = table["mention"].get(hand.evidence.component, hand.evidence.confidence)
        assert mention.evidence.confidence == in_context(rate, features, table["context"])
    rows = doc._.pg["relations"]
    given = {(e.component, e.start, e.end, r.predicate): e.confidence for r in extraction.relations for e in r.evidence}
    for (key, role, start, end, rule, confidence), features in zip(rows, role_features, strict=True):
        rate = table["role"].get(f"{role}/{rule}", confidence)
        assert given[f"pg_relations:{rule}", start, end, role] == in_context(rate, features, table["context"])
    # FlashAttention-2 builds on FlashAttention by its name (a successor's), and runs on A100 by a cue;
    # the context moves both up: each is named again and again, and the A100 is a vocabulary concept.
    best = {(r.predicate, r.object): r.confidence for r in extraction.relations}
    assert best["builds_on", "flashattention"] > table["role"]["builds_on/successor-name"]
    assert best["runs_on", "a100"] > table["role"]["runs_on/cue:runs_on"] > 0.9
    assert [r.evidence.confidence for r in extraction.results] == [
        in_context(table["result"]["result"], features, table["context"]) for features in result_features
    ]
    # FlashAttention-2's 225 TFLOPs/s per A100 against FlashAttention: more sure than a bare number.
    assert max(r.evidence.confidence for r in extraction.results) > table["result"]["result"]
    # The same rule says different things in different contexts.
    by_component: dict[str, set[float]] = {}
    for mention in extraction.mentions:
        by_component.setdefault(mention.evidence.component, set()).add(mention.evidence.confidence)
    assert any(len(confidences) > 1 for confidences in by_component.values())


def test_a_table_of_ones_own_is_applied_and_saved_with_the_pipeline(tmp_path, page_papers):
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps({"role": {"builds_on/successor-name": 0.42}, "result": {"result": 0.5}}))
    nlp = build_nlp()
    nlp.replace_pipe("pg_confidence", "pg_confidence", config={"table": str(mine)})
    paper = _flash2(page_papers)
    extraction = doc_to_extraction(nlp(paper.text), paper)
    built_on = [e for r in extraction.relations for e in r.evidence if e.component == "pg_relations:successor-name"]
    assert built_on and {e.confidence for e in built_on} == {0.42}
    assert {r.evidence.confidence for r in extraction.results} == {0.5}
    # Mentions keep the rules' own confidences: this table has none for them.
    assert {m.evidence.confidence for m in extraction.mentions} <= {0.95, 0.9, 0.8, 0.75, 0.7, 0.6}
    nlp.to_disk(tmp_path / "pipeline")
    mine.unlink()  # the saved pipeline carries the table itself
    loaded = load_nlp(tmp_path / "pipeline")
    assert doc_to_extraction(loaded(paper.text), paper) == extraction


@pytest.mark.parametrize(
    "text, problem",
    [
        ("{", r"mine\.json:1: the confidence table is not JSON"),
        ('{"roles": {}}', "needs the keys mention, role, result and context only"),
        ('{"context": {"uses&lm": "high"}}', "'context' must map features to finite numbers"),
        ('{"role": {"uses/cue:uses": 1.5}}', "'role' must map rules to numbers in"),
        ('{"role": {"uses/cue:uses": true}}', "'role' must map rules to numbers in"),
    ],
)
def test_a_bad_table_is_a_clear_error_naming_the_file(tmp_path, text, problem):
    mine = tmp_path / "mine.json"
    mine.write_text(text)
    with pytest.raises(ConfigError, match=problem):
        ConfidenceSetter(str(mine)).table
