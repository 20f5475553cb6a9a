"""Confidences: the measured table the pg_confidence component applies, and what it is worth on unseen text."""

from __future__ import annotations

import json
import sys

import pytest

from pipeline.errors import ConfigError
from pipeline.extract import build_nlp, doc_to_extraction, load_extractor, load_nlp
from pipeline.extract.components import CONFIDENCE_TABLE, RESULT_CONFIDENCE, ConfidenceSetter

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
    assert table == calibration.fit(calibration.half(scored, "held out"))


def test_fitted_confidences_are_calibrated_on_corpora_the_fit_never_saw(scored):
    """Each corpus's held-out assertions, with a table fitted on the other corpora's held-out papers:
    near the rate of being right, far nearer than the hand-set confidences or a table fitted on the
    tuning papers (where the rules are right more often than on new text)."""
    held = calibration.half(scored, "held out")
    by_tuning = calibration.recalibrated(held, calibration.fit(calibration.half(scored, "tuning")))
    left_out = calibration.left_out_fits(scored)
    for kind, best in (("role", 0.03), ("result", 0.02), ("mention", 0.035), ("all", 0.025)):
        pick = [a for a in held if kind in ("all", a.kind)]
        hand_ece, hand_brier, n = calibration.calibration(pick)
        tuning_ece, _, _ = calibration.calibration([a for a in by_tuning if kind in ("all", a.kind)])
        fitted_ece, fitted_brier, _ = calibration.calibration([a for a in left_out if kind in ("all", a.kind)])
        assert n > 1000
        assert fitted_ece < best and fitted_ece < tuning_ece < hand_ece, (kind, hand_ece, tuning_ece, fitted_ece)
        assert fitted_brier < hand_brier, (kind, hand_brier, fitted_brier)
    # And it tells rules apart: what it trusts most is right far more often than what it trusts least.
    bins = calibration.reliability(left_out, bins=5)
    assert bins[-1][3] - bins[0][3] > 0.3, bins


def test_the_pipeline_gives_each_assertion_its_rules_measured_confidence(page_papers):
    table = json.loads(CONFIDENCE_TABLE.read_text(encoding="utf-8"))
    extraction = load_extractor().extract(_flash2(page_papers))
    for mention in extraction.mentions:
        assert mention.evidence.confidence == table["mention"].get(mention.evidence.component, mention.evidence.confidence)
    rules = {
        (relation.predicate, evidence.component.split(":", 1)[1]): evidence.confidence
        for relation in extraction.relations
        for evidence in relation.evidence
    }
    # FlashAttention-2 builds on FlashAttention by its name (a successor's), and runs on A100 by a cue.
    assert rules["builds_on", "successor-name"] == table["role"]["builds_on/successor-name"]
    assert rules["runs_on", "cue:runs_on"] == table["role"]["runs_on/cue:runs_on"] > 0.9
    assert {r.evidence.confidence for r in extraction.results} == {table["result"]["result"]} != {RESULT_CONFIDENCE}


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
        ('{"roles": {}}', "needs the keys mention, role and result only"),
        ('{"role": {"uses/cue:uses": 1.5}}', "'role' must map rules to numbers in"),
        ('{"role": {"uses/cue:uses": true}}', "'role' must map rules to numbers in"),
    ],
)
def test_a_bad_table_is_a_clear_error_naming_the_file(tmp_path, text, problem):
    mine = tmp_path / "mine.json"
    mine.write_text(text)
    with pytest.raises(ConfigError, match=problem):
        ConfidenceSetter(str(mine)).table
