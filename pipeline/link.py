"""Nearest neighbours of unit vectors, and the SIMILAR_TO links they make.

Pure functions over numpy arrays (row i is paper i); nothing here reads files
or knows about models. Small collections get exact cosine top-k, computed in
tiles so memory stays bounded; from ``ann_threshold`` vectors up, an
approximate HNSW index (usearch) answers instead (:func:`approx_topk`), chosen
over faiss (HNSW and IVF) and a blocked IVF join by measurement (see
``benchmarks/embedding_speed.py``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from .records import SimilarityLink

# Largest score tile of the exact search, in bytes (float32 scores).
BLOCK_BYTES = 64 << 20
# Shape of the approximate index (usearch HNSW): M, efConstruction, efSearch,
# chosen by benchmarks/embedding_speed.py for 1M papers in minutes on 2 cores.
HNSW_CONNECTIVITY = 16
HNSW_EXPANSION_ADD = 48
HNSW_EXPANSION_SEARCH = 48


# ------------------------------------------------------------- exact search


def exact_topk(
    vectors: np.ndarray,
    k: int,
    *,
    queries: np.ndarray | None = None,
    block_bytes: int = BLOCK_BYTES,
    workers: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Exact top-``k`` cosine neighbours, scanning in memory-bounded tiles.

    Args:
        vectors: unit rows to search (float32 or float16).
        k: neighbours per query.
        queries: unit rows to search for; None searches every row of
            ``vectors`` for its neighbours, itself excluded.
        block_bytes: the most memory the tiles of scores may take together.
        workers: query tiles scored at once (default: every core).

    Returns:
        (indices, scores), both ``(queries, k)``, best first; -1 and -inf pad
        rows with fewer than ``k`` neighbours.

    >>> v = np.array([[1, 0], [0.8, 0.6], [0, 1]], dtype=np.float32)
    >>> exact_topk(v, 1)[0].ravel().tolist()
    [1, 0, 1]
    """
    from concurrent.futures import ThreadPoolExecutor

    self_join = queries is None
    queries = vectors if queries is None else queries
    n, m = len(vectors), len(queries)
    best_i = np.full((m, k), -1, dtype=np.int64)
    best_s = np.full((m, k), -np.inf, dtype=np.float32)
    if n == 0 or m == 0 or k == 0:
        return best_i, best_s
    workers = max(1, min(workers or os.cpu_count() or 1, m))
    budget = max(4, block_bytes // workers)
    tile_cols = max(1, min(n, budget // (4 * min(m, 1024))))
    tile_rows = max(1, min(m, budget // (4 * tile_cols)))

    def search_rows(q0: int) -> None:
        q = np.asarray(queries[q0 : q0 + tile_rows], dtype=np.float32)
        for c0 in range(0, n, tile_cols):
            scores = q @ np.asarray(vectors[c0 : c0 + tile_cols], dtype=np.float32).T
            if self_join:
                _mask_self(scores, q0, c0)
            _merge_topk(best_i[q0 : q0 + len(q)], best_s[q0 : q0 + len(q)], scores, c0)

    starts = range(0, m, tile_rows)
    if workers == 1 or len(starts) == 1:
        for q0 in starts:
            search_rows(q0)
    else:
        # Tiles fill disjoint rows of the result; numpy releases the GIL in
        # the products and in the selection, so both cores work.
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(search_rows, starts))
    return best_i, best_s


def _mask_self(scores: np.ndarray, q0: int, c0: int) -> None:
    """Rule out each query's own column in a tile of a self-join."""
    rows = np.arange(scores.shape[0])
    cols = rows + q0 - c0
    inside = (cols >= 0) & (cols < scores.shape[1])
    scores[rows[inside], cols[inside]] = -np.inf


def _merge_topk(best_i: np.ndarray, best_s: np.ndarray, scores: np.ndarray, offset: int) -> None:
    """Fold a tile of scores (columns from ``offset``) into the running top-k, in place."""
    k = best_i.shape[1]
    if scores.shape[1] > k:
        # Cut the tile to its own top k first: the big tile is never copied.
        part = np.argpartition(scores, scores.shape[1] - k, axis=1)[:, -k:]
        tile_s = np.take_along_axis(scores, part, axis=1)
        tile_i = part + offset
    else:
        tile_s = scores
        tile_i = np.broadcast_to(np.arange(offset, offset + scores.shape[1]), scores.shape)
    cand_s = np.concatenate([best_s, tile_s], axis=1)
    cand_i = np.concatenate([best_i, tile_i], axis=1)
    # Best first, ties by lower index.
    order = np.lexsort((np.where(cand_i < 0, np.iinfo(np.int64).max, cand_i), -cand_s), axis=1)[:, :k]
    best_s[:] = np.take_along_axis(cand_s, order, axis=1)
    best_i[:] = np.where(np.isfinite(best_s), np.take_along_axis(cand_i, order, axis=1), -1)


# ------------------------------------------------------- approximate search


def approx_topk(
    vectors: np.ndarray,
    k: int,
    *,
    connectivity: int = HNSW_CONNECTIVITY,
    expansion_add: int = HNSW_EXPANSION_ADD,
    expansion_search: int = HNSW_EXPANSION_SEARCH,
    threads: int | None = None,
    chunk: int = 100_000,
    timings: dict[str, float] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Approximate top-``k`` neighbours of every row among the others (usearch HNSW).

    The rows go into an HNSW graph stored as float16 (half the memory of
    float32, no measurable loss of recall at these scores); each row is then
    searched for ``k + 1`` hits, itself dropped, and every row also offered
    the rows that found it (:func:`add_reverse_neighbours`), which recovers
    a few points of recall for free.

    Args:
        vectors: unit rows (float32 or float16).
        k: neighbours per row.
        connectivity, expansion_add, expansion_search: the HNSW graph's
            M, efConstruction and efSearch.
        threads: threads for adding and searching (default: every core).
        chunk: rows per add and search call (bounds temporary memory).
        timings: if given, receives the seconds of "build", "search" and "merge".

    Returns:
        (indices, scores) as :func:`exact_topk` returns them. Threads insert
        in varying order, so two runs may differ in a few neighbours.
    """
    import time

    from usearch.index import Index

    n, dim = vectors.shape
    threads = threads or os.cpu_count() or 1
    timings = timings if timings is not None else {}
    clock = time.perf_counter()
    index = Index(
        ndim=dim, metric="ip", dtype="f16",
        connectivity=connectivity, expansion_add=expansion_add, expansion_search=expansion_search,
    )
    for start in range(0, n, chunk):
        index.add(np.arange(start, min(n, start + chunk)), np.asarray(vectors[start : start + chunk]), threads=threads)
    timings["build"] = time.perf_counter() - clock
    clock = time.perf_counter()
    found = np.empty((n, k), dtype=np.int64)
    scores = np.empty((n, k), dtype=np.float32)
    for start in range(0, n, chunk):
        block = np.asarray(vectors[start : start + chunk])
        matches = index.search(block, k + 1, threads=threads)
        valid = np.arange(k + 1)[None, :] < np.asarray(matches.counts)[:, None]
        hits = np.where(valid, np.asarray(matches.keys).astype(np.int64), -1)
        # usearch's "ip" distance is 1 - inner product.
        hit_scores = np.where(valid, 1 - np.asarray(matches.distances, dtype=np.float32), -np.inf)
        rows = np.arange(start, start + len(block))
        found[rows], scores[rows] = _drop_self(hits, hit_scores, rows, k)
    del index
    timings["search"] = time.perf_counter() - clock
    clock = time.perf_counter()
    merged = add_reverse_neighbours(found, scores)
    timings["merge"] = time.perf_counter() - clock
    return merged


def add_reverse_neighbours(found: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's best ``k`` among its own hits and the rows that have it as a hit.

    Similarity is symmetric, so a row found by another is a candidate for it
    at the same score.

    >>> found, scores = add_reverse_neighbours(np.array([[1], [2], [1]]), np.array([[0.5], [0.9], [0.9]]))
    >>> found.ravel().tolist(), scores.ravel().tolist()
    ([1, 2, 1], [0.5, 0.8999999761581421, 0.8999999761581421])
    >>> add_reverse_neighbours(np.array([[1, -1], [-1, -1]]), np.array([[0.5, -np.inf], [-np.inf, -np.inf]]))[0].tolist()
    [[1, -1], [0, -1]]
    """
    n, k = found.shape
    rows = np.repeat(np.arange(n), k)
    cols, vals = found.ravel(), scores.ravel().astype(np.float32)
    ok = cols >= 0
    source = np.concatenate([rows[ok], cols[ok]])
    target = np.concatenate([cols[ok], rows[ok]])
    source, target, value = _best_per_pair(source, target, np.concatenate([vals[ok], vals[ok]]), n)
    # Each source's entries best first (ties: lower target, as sorted above).
    order = np.argsort((source << 32) | _descending_bits(value), kind="stable")
    source, target, value = source[order], target[order], value[order]
    rank = np.arange(len(source)) - np.searchsorted(source, source)
    keep = rank < k
    out_i = np.full((n, k), -1, dtype=np.int64)
    out_s = np.full((n, k), -np.inf, dtype=np.float32)
    out_i[source[keep], rank[keep]] = target[keep]
    out_s[source[keep], rank[keep]] = value[keep]
    return out_i, out_s


def _best_per_pair(
    source: np.ndarray, target: np.ndarray, value: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One entry per (source, target) with its highest value, sorted by source then target."""
    key = source.astype(np.int64) * n + target
    order = np.argsort(key, kind="stable")
    key, value = key[order], value[order]
    first = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]])) if len(key) else np.zeros(0, dtype=np.int64)
    best = np.maximum.reduceat(value, first) if len(key) else value
    return key[first] // n, key[first] % n, best


def _descending_bits(value: np.ndarray) -> np.ndarray:
    """Non-negative int64 keys whose ascending order is ``value``'s descending order."""
    bits = value.astype(np.float32).view(np.int32).astype(np.int64)
    ascending = np.where(bits < 0, ~bits & 0x7FFFFFFF, bits | 0x80000000)  # IEEE order as unsigned
    return 0xFFFFFFFF - ascending


def _drop_self(found: np.ndarray, scores: np.ndarray, rows: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Hits per row, best first, without the row itself -> the ``k`` best others."""
    keep = (found != rows[:, None]) & (found >= 0)
    kept_s = np.where(keep, scores, -np.inf).astype(np.float32)
    order = np.lexsort((np.where(keep, found, np.iinfo(np.int64).max), -kept_s), axis=1)[:, :k]
    out_s = np.take_along_axis(kept_s, order, axis=1)
    out_i = np.where(np.isfinite(out_s), np.take_along_axis(found, order, axis=1), -1)
    return out_i, out_s


def recall_at_k(approx: np.ndarray, exact: np.ndarray) -> float:
    """Share of the exact neighbours that the approximate search found.

    >>> recall_at_k(np.array([[1, 2], [0, 3]]), np.array([[1, 2], [0, 2]]))
    0.75
    """
    hits = total = 0
    for got, want in zip(approx, exact):
        want = want[want >= 0]
        hits += len(np.intersect1d(got[got >= 0], want))
        total += len(want)
    return hits / total if total else 1.0


def synthetic_vectors(n: int, dim: int = 384, *, seed: int = 0, latent: int = 24) -> np.ndarray:
    """``n`` generated unit vectors (float16) shaped like text embeddings, for recall checks.

    Topics (one per 5,000 vectors) plus a ``latent``-dimensional spread and a
    little noise: neighbourhoods are continuous, not tidy clusters, and the
    nearest neighbour scores about 0.75 and the tenth about 0.68 at 100k, as
    with real abstracts. Uniform random vectors would be no test: in 384
    dimensions all their neighbours are equally far.
    """
    rng = np.random.default_rng(seed)
    topics = rng.standard_normal((max(4, n // 5000), dim), dtype=np.float32) * 0.6
    spread = rng.standard_normal((latent, dim), dtype=np.float32) / np.sqrt(latent)
    out = np.empty((n, dim), dtype=np.float16)
    for start in range(0, n, 65_536):
        m = min(65_536, n - start)
        rows = topics[rng.integers(0, len(topics), m)]
        rows += rng.standard_normal((m, latent), dtype=np.float32) @ spread
        rows += rng.standard_normal((m, dim), dtype=np.float32) * (0.3 / np.sqrt(dim))
        out[start : start + m] = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    return out


def topk(vectors: np.ndarray, k: int, ann_threshold: int) -> tuple[np.ndarray, np.ndarray, str]:
    """Top-``k`` neighbours of every row: exact below ``ann_threshold`` rows, else HNSW.

    Returns:
        (indices, scores, method) with method "exact" or "hnsw".
    """
    k = max(0, min(k, len(vectors) - 1))
    if len(vectors) < ann_threshold:
        return (*exact_topk(vectors, k), "exact")
    return (*approx_topk(vectors, k), "hnsw")


# -------------------------------------------------------------------- links


def link_pairs(
    neighbours: np.ndarray, scores: np.ndarray, threshold: float, rank: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Undirected pairs from top-k lists: each pair once, no self-pairs.

    A pair is kept when either side has the other among its top-k with a
    score at or above ``threshold``; its score is the higher of the two.

    Args:
        neighbours, scores: ``(n, k)`` top-k lists (-1 pads).
        threshold: the lowest score kept.
        rank: each row's position in id order; a pair's source is the row
            whose id sorts first.

    Returns:
        (source rows, target rows, scores), sorted by source then target rank.

    >>> nb = np.array([[1], [0], [1]]); sc = np.array([[0.75], [0.75], [0.625]])
    >>> [a.tolist() for a in link_pairs(nb, sc, 0.5, np.arange(3))]
    [[0, 1], [1, 2], [0.75, 0.625]]
    """
    n, k = neighbours.shape
    rows = np.repeat(np.arange(n), k)
    cols = neighbours.ravel()
    vals = scores.ravel().astype(np.float32)
    keep = (cols >= 0) & (cols != rows) & (vals >= threshold)
    rows, cols, vals = rows[keep], cols[keep], vals[keep]
    low = np.minimum(rank[rows], rank[cols])
    high = np.maximum(rank[rows], rank[cols])
    low, high, vals = _best_per_pair(low, high, vals, n)
    by_rank = np.argsort(rank)
    return by_rank[low], by_rank[high], vals


def similarity_links(
    ids: Sequence[str], neighbours: np.ndarray, scores: np.ndarray, threshold: float
) -> list[SimilarityLink]:
    """SIMILAR_TO links (source id < target id) from top-k lists; scores to 4 places.

    >>> nb = np.array([[1], [0]]); sc = np.array([[0.91234], [0.91234]])
    >>> similarity_links(["b", "a"], nb, sc, 0.5)
    [SimilarityLink(source='a', target='b', score=0.9123)]
    """
    rank = np.empty(len(ids), dtype=np.int64)
    rank[np.argsort(np.array(ids, dtype=object), kind="stable")] = np.arange(len(ids))
    source, target, vals = link_pairs(neighbours, scores, threshold, rank)
    return [
        SimilarityLink(ids[s], ids[t], round(float(v), 4))
        for s, t, v in zip(source.tolist(), target.tolist(), vals.tolist())
    ]


def link_vectors(
    ids: Sequence[str], vectors: np.ndarray, *, k: int, threshold: float, ann_threshold: int
) -> tuple[list[SimilarityLink], dict[str, Any]]:
    """Link every paper to its top-``k`` neighbours scoring at least ``threshold``.

    Args:
        ids: paper ids, row i of ``vectors`` for ``ids[i]``.
        vectors: unit rows.
        k, threshold: neighbours per paper and the lowest score linked.
        ann_threshold: from this many papers up, the approximate index.

    Returns:
        (links, figures for the report: method, counts).
    """
    neighbours, scores, method = topk(vectors, k, ann_threshold)
    links = similarity_links(ids, neighbours, scores, threshold)
    linked = {link.source for link in links} | {link.target for link in links}
    return links, {
        "method": method,
        "k": k,
        "threshold": threshold,
        "links": len(links),
        "papers_linked": len(linked),
        "papers_unlinked": len(ids) - len(linked),
    }
