"""The extraction stage on the real page: entities, roles, results and evidence."""

from __future__ import annotations

import json

import pytest

from pipeline.extract import build_nlp, doc_to_extraction, load_extractor, load_nlp
from pipeline.graph import GraphBuilder
from pipeline.records import ENTITY_TYPES, ROLES, Paper

from .conftest import DATA


@pytest.fixture(scope="session")
def extractor():
    return load_extractor()


@pytest.fixture(scope="session")
def page_extractions(extractor, page_papers):
    return {e.paper.title: e for e in extractor.iter_extractions(page_papers)}


@pytest.fixture(scope="session")
def page_graph(page_extractions):
    builder = GraphBuilder()
    for extraction in page_extractions.values():
        builder.add(extraction)
    return builder.build()


def _by_title(extractions, start: str):
    return next(e for title, e in extractions.items() if title.startswith(start))


def _roles(extraction, name: str) -> set[str]:
    entity = next(e for e in extraction.entities if e.name == name)
    return {r.predicate for r in extraction.relations if r.object == entity.id}


def _names(extraction) -> set[str]:
    return {e.name for e in extraction.entities}


def test_extract_flashattention2_proposes_builds_on_runs_on_reports(page_extractions):
    fa2 = _by_title(page_extractions, "FlashAttention-2:")
    assert _roles(fa2, "FlashAttention-2") == {"proposes"}
    assert "builds_on" in _roles(fa2, "FlashAttention")
    assert "runs_on" in _roles(fa2, "A100")
    result = next(r for r in fa2.results if r.value == 225.0)
    a100 = next(e for e in fa2.entities if e.name == "A100")
    assert (result.unit, result.hardware) == ("TFLOPs/s", a100.id)
    assert result.evidence.span == "225 TFLOPs/s"


def test_extract_flash_paper_is_not_flashattention(page_extractions):
    flash = _by_title(page_extractions, "FLASH:")
    names = _names(flash)
    assert "FLASH" in names
    assert not {n for n in names if n.startswith("FlashAttention")}
    assert "builds_on" in _roles(flash, "speculative decoding")


def test_extract_flashfftconv_is_its_own_method(page_extractions):
    conv = _by_title(page_extractions, "FlashFFTConv")
    assert _roles(conv, "FlashFFTConv") == {"proposes"}
    assert "FlashAttention" not in _names(conv)


def test_extract_gla_compares_with_flashattention2_and_does_not_build_on_it(page_extractions):
    gla = _by_title(page_extractions, "Gated Linear Attention")
    roles = _roles(gla, "FlashAttention-2")
    assert "compares_with" in roles and "builds_on" not in roles


def test_extract_lud_is_an_alias_of_lexical_unit_decoding(page_extractions):
    lud = _by_title(page_extractions, "Decoding at the Speed of Thought")
    entity = next(e for e in lud.entities if e.name == "Lexical Unit Decoding")
    assert "LUD" in entity.aliases and entity.type == "Method"
    assert "proposes" in _roles(lud, "Lexical Unit Decoding")


def test_extract_rtx4090_spellings_are_one_entity(page_graph):
    rtx = [e for e in page_graph.entities.values() if e.name == "RTX 4090"]
    assert len(rtx) == 1 and "RTX4090" in rtx[0].aliases and rtx[0].type == "Hardware"
    assert not [e for e in page_graph.entities.values() if e.name == "RTX4090"]


def test_extract_look_alikes_stay_apart(page_graph):
    names = {e.name for e in page_graph.entities.values()}
    assert {"FlashAttention", "FlashAttention-2", "FLASH", "FlashFFTConv"} <= names
    fa = next(e for e in page_graph.entities.values() if e.name == "FlashAttention")
    assert "FLASH" not in fa.aliases and "FlashAttention-2" not in fa.aliases


@pytest.mark.parametrize(
    "title, name, kind",
    [
        ("UloRL", "Qwen3-30B-A3B", "Model"),
        ("VQ-Logits", "WikiText-103", "Dataset"),
        ("Fine-Tuning Vision-Language-Action", "LIBERO", "Dataset"),
        ("KV Prediction", "Apple M2 Pro", "Hardware"),
        ("KV Prediction", "time to first token", "Metric"),
        ("TempMe", "R-Sum", "Metric"),
        ("FlashAttention:", "Path-X", "Dataset"),
        ("StreamDiffusion", "classifier-free guidance", "Method"),
        ("Distilled Decoding", "flow matching", "Method"),
    ],
)
def test_extract_finds_typed_entities(page_extractions, title, name, kind):
    extraction = _by_title(page_extractions, title)
    entity = next((e for e in extraction.entities if e.name == name), None)
    assert entity is not None, f"{name} not found in {title}: {_names(extraction)}"
    assert entity.type == kind


@pytest.mark.parametrize(
    "title, proposed",
    [
        ("TempMe", "Temporal Token Merging"),
        ("StreamDiffusion", "residual classifier-free guidance"),
        ("Fine-Tuning Vision-Language-Action", "OpenVLA-OFT"),
        ("Continuous Speculative Decoding", "Continuous Speculative Decoding"),
        ("KV Prediction", "KV Prediction"),
        ("Bristle", "Bristle"),
    ],
)
def test_extract_finds_new_proposed_names(page_extractions, title, proposed):
    assert "proposes" in _roles(_by_title(page_extractions, title), proposed)


@pytest.mark.parametrize(
    "title, value, unit, metric",
    [
        ("UloRL", 2.06, "x", "training speed"),
        ("Distilled Decoding", 9.96, None, "FID"),
        ("StreamDiffusion", 91.07, "fps", "frames per second"),
        ("SentenceVAE", 75.0, "%", "perplexity"),
    ],
)
def test_extract_results(page_extractions, title, value, unit, metric):
    extraction = _by_title(page_extractions, title)
    names = {e.id: e.name for e in extraction.entities}
    result = next((r for r in extraction.results if r.value == value), None)
    assert result is not None, [r.value_text for r in extraction.results]
    assert result.unit == unit and names.get(result.metric) == metric


def test_extract_stream_diffusion_result_on_rtx4090(page_extractions):
    extraction = _by_title(page_extractions, "StreamDiffusion")
    result = next(r for r in extraction.results if r.value == 91.07)
    assert next(e for e in extraction.entities if e.id == result.hardware).name == "RTX 4090"


def test_extract_evidence_points_into_the_text(page_extractions):
    for extraction in page_extractions.values():
        text = extraction.paper.text
        for mention in extraction.mentions:
            assert text[mention.start : mention.end] == mention.text
            evidence = mention.evidence
            assert text[evidence.sentence_start : evidence.sentence_start + len(evidence.sentence)] == evidence.sentence
            assert evidence.span == mention.text
            assert 0 < evidence.confidence <= 1 and evidence.component
        for relation in extraction.relations:
            assert relation.predicate in (*ROLES, "mentions")
            assert all(e.paper_id == extraction.paper.id for e in relation.evidence)
        for result in extraction.results:
            assert result.value_text in result.evidence.sentence
        assert {e.type for e in extraction.entities} <= set(ENTITY_TYPES)


def test_extract_one_relation_per_entity_and_role_with_all_its_evidence(page_extractions):
    """A role given by several rules is one relation that keeps every rule's evidence: a speedup
    the abstract names and that a result's "x" implies again is reported once, not twice."""
    several = []
    for extraction in page_extractions.values():
        pairs = [(r.object, r.predicate) for r in extraction.relations]
        assert len(pairs) == len(set(pairs)), extraction.paper.title
        several += [r for r in extraction.relations if len(r.evidence) > 1]
    flash2 = next(e for e in page_extractions.values() if e.paper.title.startswith("FlashAttention-2"))
    speedup = next(r for r in flash2.relations if (r.object, r.predicate) == ("speedup", "reports"))
    assert {e.component for e in speedup.evidence} == {"pg_relations:default:type", "pg_relations:result-unit"}
    assert len(several) >= 10


def test_extract_vocabulary_entities_carry_their_definition(extractor, page_extractions):
    """Every entity matched to a concept has its definition, also one found inside a longer name."""
    terms = {t.concept: t for t in extractor.nlp.get_pipe("pg_vocabulary").vocabulary.terms.values()}
    matched = [e for x in page_extractions.values() for e in x.entities if e.concept is not None]
    assert len(matched) > 100
    assert all(e.definition == terms[e.concept].definition for e in matched)


def test_extract_a_size_the_vocabulary_lacks_is_a_variant_of_its_concept(page_extractions):
    """UloRL trains "Qwen3-30B-A3B", a size of Qwen3 that the vocabulary does not list: an entity of its
    own, never merged into Qwen3, and linked to Qwen3's concept (``variant_of``), as is the "MLPerf 1.1"
    release of MLPerf. FlashAttention-2 is a concept of its own: no variant of FlashAttention."""
    vocab = "https://w3id.org/papergraph/vocab/"
    ulorl = {e.name: e for e in _by_title(page_extractions, "UloRL").entities}
    assert ulorl["Qwen3-30B-A3B"].concept is None
    assert ulorl["Qwen3-30B-A3B"].variant_of == ulorl["Qwen3-235B-A22B"].variant_of == vocab + "model/qwen3"
    flash = {e.name: e for e in _by_title(page_extractions, "FlashAttention: Fast").entities}
    assert flash["MLPerf 1.1"].variant_of == vocab + "dataset/mlperf"
    fa2 = {e.name: e for e in _by_title(page_extractions, "FlashAttention-2").entities}
    assert fa2["FlashAttention-2"].concept == vocab + "method/flashattention-2"
    assert fa2["FlashAttention-2"].variant_of is None


def test_extract_no_entities_in_a_paper_about_nothing_technical():
    nlp = build_nlp()
    paper = Paper("p", "On Rainy Days", "", "On Rainy Days", "We walked to the market and bought bread. It rained all day.")
    extraction = doc_to_extraction(nlp(paper.text), paper)
    assert extraction.entities == () and extraction.results == ()


def test_extract_pipeline_saves_and_loads(tmp_path, page_papers):
    nlp = build_nlp()
    nlp.to_disk(tmp_path / "pipeline")
    loaded = load_nlp(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    paper = next(p for p in page_papers if p.title.startswith("FlashAttention-2"))
    assert doc_to_extraction(loaded(paper.text), paper) == doc_to_extraction(nlp(paper.text), paper)
    assert "pg_entities" in (tmp_path / "pipeline" / "config.cfg").read_text()


def test_extract_several_processes_give_the_same_records(extractor, page_papers):
    papers = page_papers[:24]
    one = list(extractor.iter_extractions(papers, batch_size=8, workers=1))
    two = list(extractor.iter_extractions(papers, batch_size=8, workers=2))
    assert one == two


def test_extract_gold_annotations_cover_twenty_papers(page_papers):
    gold = json.loads((DATA / "gold" / "page_annotations.json").read_text())
    titles = {p.title for p in page_papers}
    assert len(gold["papers"]) >= 20
    assert all(p["title"] in titles for p in gold["papers"])


@pytest.mark.parametrize("lead", ["On", "on"])
def test_extract_runs_on_cue_at_a_sentence_start_names_its_rule(extractor, lead):
    """"On eight H100 GPUs, ..." runs on the H100 by the runs-on cue, and the evidence says so,
    whether or not the cue opens the sentence."""
    from pipeline.ingest import make_paper
    from pipeline.records import SourceRef

    sentence = f"{lead} eight H100 GPUs, a 1B model now trains in three days."
    abstract = "Pretraining is costly. " + (sentence if lead == "On" else f"Trained {sentence}")
    extraction = extractor.extract(make_paper(SourceRef("t", 1), {"title": "Cheap Pretraining", "abstract": abstract}))
    runs_on = [r for r in extraction.relations if r.predicate == "runs_on" and r.object == "h100"]
    assert [r.evidence[0].component for r in runs_on] == ["pg_relations:cue:runs_on"]
