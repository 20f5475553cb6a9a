"""Nearest neighbours and SIMILAR_TO links: exact tiles, the approximate join, link rules."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from pipeline.link import (
    add_reverse_neighbours,
    approx_topk,
    exact_topk,
    link_vectors,
    recall_at_k,
    similarity_links,
    synthetic_vectors,
    topk,
)


def _brute_force(vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    scores = vectors.astype(np.float64) @ vectors.astype(np.float64).T
    np.fill_diagonal(scores, -np.inf)
    order = np.lexsort((np.broadcast_to(np.arange(len(vectors)), scores.shape), -scores), axis=1)[:, :k]
    return order, np.take_along_axis(scores, order, axis=1)


def _unit(rng: np.random.Generator, n: int, dim: int = 16) -> np.ndarray:
    rows = rng.standard_normal((n, dim)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


@pytest.mark.parametrize("block_bytes", [64, 4096, 1 << 26], ids=["one-cell-tiles", "small-tiles", "one-tile"])
def test_link_exact_topk_matches_brute_force_whatever_the_tiling(block_bytes):
    vectors = _unit(np.random.default_rng(3), 300)
    found, scores = exact_topk(vectors, 7, block_bytes=block_bytes)
    want_i, want_s = _brute_force(vectors, 7)
    assert np.array_equal(found, want_i)
    assert np.allclose(scores, want_s, atol=1e-5)
    assert not (found == np.arange(300)[:, None]).any(), "a row is never its own neighbour"


def test_link_exact_topk_queries_and_float16():
    vectors = _unit(np.random.default_rng(4), 200)
    queries = vectors[:5] + 0.01
    found, scores = exact_topk(vectors.astype(np.float16), 3, queries=queries, block_bytes=2048)
    assert found[:, 0].tolist() == [0, 1, 2, 3, 4], "a query's nearest is the row it was made from"
    assert (np.diff(scores, axis=1) <= 0).all(), "best first"


def test_link_exact_topk_pads_small_collections():
    vectors = _unit(np.random.default_rng(5), 3)
    found, scores = exact_topk(vectors, 4)
    assert (found[:, :2] >= 0).all() and (found[:, 2:] == -1).all()
    assert np.isneginf(scores[:, 2:]).all()
    found, _, method = topk(vectors, 10, ann_threshold=100)
    assert method == "exact" and found.shape == (3, 2), "k is cut to the other papers there are"


def test_link_synthetic_vectors_are_unit_and_neighbourly():
    vectors = synthetic_vectors(20_000, seed=1)
    assert vectors.shape == (20_000, 384) and vectors.dtype == np.float16
    assert np.allclose(np.linalg.norm(vectors.astype(np.float32), axis=1), 1, atol=2e-3)
    _, scores = exact_topk(vectors, 10, queries=vectors[:200].astype(np.float32))
    # Column 0 is the row itself (score 1): neighbours proper start at 1.
    assert 0.6 < scores[:, 1].mean() < 0.95, "nearest neighbours are close, as with real abstracts"


def test_link_approximate_agrees_with_exact_recall_at_10():
    vectors = synthetic_vectors(30_000, seed=2)
    approx_i, approx_s = approx_topk(vectors, 10)
    sample = np.arange(0, 30_000, 37)
    exact_i, _ = exact_topk(vectors, 11, queries=vectors[sample])
    exact_i = np.array([[j for j in row if j != q][:10] for row, q in zip(exact_i, sample)])
    recall = recall_at_k(approx_i[sample], exact_i)
    assert recall >= 0.95, f"recall@10 {recall:.3f}"
    assert not (approx_i == np.arange(30_000)[:, None]).any()
    assert (np.diff(approx_s, axis=1) <= 0).all(), "best first"


def test_link_approximate_is_exact_on_a_small_collection():
    # One thread: inserted by several at once, a node of the graph is now and then left unreachable
    # (usearch 2.26; seen on 2 cores), which approx_topk's docstring allows ("two runs may differ").
    vectors = _unit(np.random.default_rng(6), 500)
    found, scores = approx_topk(vectors, 5, expansion_search=500, threads=1)
    want_i, want_s = _brute_force(vectors, 5)
    assert recall_at_k(found, want_i) == 1.0
    assert np.allclose(scores, want_s, atol=2e-3), "float16 storage moves scores by about 1e-3"


def test_link_reverse_neighbours_fill_in_missed_pairs():
    # Row 2 found row 0 but row 0's search missed row 2: row 0 gets it back.
    found = np.array([[1, -1], [0, -1], [0, 1]])
    scores = np.array([[0.5, -np.inf], [0.5, -np.inf], [0.9, 0.2]], dtype=np.float32)
    merged_i, merged_s = add_reverse_neighbours(found, scores)
    assert merged_i.tolist() == [[2, 1], [0, 2], [0, 1]]
    assert merged_s[0].tolist() == pytest.approx([0.9, 0.5])


def test_link_topk_switches_to_the_index_at_the_threshold():
    vectors = synthetic_vectors(2_000, seed=3)
    assert topk(vectors, 5, ann_threshold=2_001)[2] == "exact"
    assert topk(vectors, 5, ann_threshold=2_000)[2] == "hnsw"


def test_link_similarity_links_are_symmetric_once_and_thresholded():
    ids = ["c", "a", "b", "d"]
    neighbours = np.array([[1, 2], [0, 3], [0, -1], [1, 0]])
    scores = np.array([[0.9, 0.6], [0.9, 0.4], [0.6, -np.inf], [0.4, 0.2]], dtype=np.float32)
    links = similarity_links(ids, neighbours, scores, threshold=0.5)
    assert [(l.source, l.target, l.score) for l in links] == [("a", "c", 0.9), ("b", "c", 0.6)]


def test_link_similarity_links_keep_a_one_sided_neighbour():
    # "a" is among b's top-1 but b is not among a's: the link still exists, once.
    links = similarity_links(["a", "b", "c"], np.array([[2], [0], [0]]), np.array([[0.8], [0.7], [0.8]]), 0.5)
    assert [(l.source, l.target) for l in links] == [("a", "b"), ("a", "c")]


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.float32, st.tuples(st.integers(2, 12), st.just(6)), elements=st.floats(-1, 1, width=32)),
    st.integers(1, 5),
    st.floats(0, 1),
)
def test_link_links_invariants(rows, k, threshold):
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    vectors = np.where(norms > 1e-3, rows / np.where(norms > 1e-3, norms, 1), 0).astype(np.float32)
    ids = [f"p{i:02d}" for i in range(len(vectors))]
    links, figures = link_vectors(ids, vectors, k=k, threshold=threshold, ann_threshold=1000)
    pairs = [(l.source, l.target) for l in links]
    assert len(pairs) == len(set(pairs)), "no duplicates"
    assert all(s < t for s, t in pairs), "source < target, so no self-links either"
    assert all(l.score >= round(threshold, 4) - 1e-4 for l in links)
    assert figures["links"] == len(links) and figures["method"] == "exact"
    found, scores = exact_topk(vectors, min(k, len(vectors) - 1))
    for i, (row, row_scores) in enumerate(zip(found, scores)):
        for j, s in zip(row, row_scores):
            if j >= 0 and s >= threshold:
                assert tuple(sorted((ids[i], ids[j]))) in set(pairs), "every top-k neighbour above the threshold is linked"


def test_link_recall_at_k_counts_found_exact_neighbours():
    assert recall_at_k(np.array([[1, 2, 3]]), np.array([[3, 2, 9]])) == pytest.approx(2 / 3)
    assert recall_at_k(np.array([[-1, -1]]), np.array([[-1, -1]])) == 1.0


def test_link_descending_bits_sort_floats_best_first():
    from pipeline.link import _descending_bits

    values = np.array([0.5, -0.25, -np.inf, 1.0, 0.0, -1.0, 0.75, 0.5], dtype=np.float32)
    order = np.argsort(_descending_bits(values), kind="stable")
    assert values[order].tolist() == sorted(values.tolist(), reverse=True)
    assert order[:3].tolist() == [3, 6, 0], "equal values keep their order"
