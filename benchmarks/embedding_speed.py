"""Embedding speed: encoding against its matrix-multiply floor, and neighbour search at scale.

Encoding (the real all-MiniLM-L6-v2 on CPU, the shared page's papers): papers
per second at batch sizes 16, 32 and 64, next to the floor measured in the
same run: the FLOPs of one forward pass (from the model's shape and each
text's token count) divided by the rate at which this machine runs that
forward pass's own matrix products (torch, float32, every core), timed
before and after the encoding runs. Target: within 2x of the floor.

Neighbour search (generated unit vectors shaped like abstracts, see
pipeline.link.synthetic_vectors), for each size: exact blocked top-10 and the
approximate index (usearch HNSW) as the build runs it, each in its own
process so its time and peak memory are its own; recall@10 of the index
against exact search on a sample of rows; the time to turn the neighbours
into SIMILAR_TO links. Exact search above --exact-full-max vectors is timed on
a sample of rows and extrapolated (marked "est."). Targets at 1M: linking
under 10 minutes and 4 GiB on 2 cores.

--compare also times the other candidates at one size (faiss HNSW and IVF,
usearch int8), the figures behind the choice of index.

    python3 benchmarks/embedding_speed.py --quick
    python3 benchmarks/embedding_speed.py                       # 10k, 100k, 1M
    python3 benchmarks/embedding_speed.py --sizes 100000 --skip-encode --compare 100000
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from pipeline.link import (  # noqa: E402
    HNSW_CONNECTIVITY,
    HNSW_EXPANSION_ADD,
    HNSW_EXPANSION_SEARCH,
    approx_topk,
    exact_topk,
    recall_at_k,
    similarity_links,
    synthetic_vectors,
)

K = 10
THRESHOLD = 0.5
PAGE = ROOT.parent / "shared" / "data" / "daily_papers_page.txt"


def peak_rss_gib() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not
    inherited from the parent across fork and exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / (1 << 20)
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1 << 20)


# ------------------------------------------------------------------ encoding


def page_texts(count: int) -> list[str]:
    """``count`` texts: the shared page's papers (else the examples), repeated."""
    from pipeline.ingest import iter_papers

    source = PAGE if PAGE.exists() else ROOT / "examples" / "papers.jsonl"
    texts = [p.text for p in iter_papers([source])]
    return (texts * (count // len(texts) + 1))[:count]


def forward_flops(tokens: np.ndarray, layers: int, hidden: int, inner: int) -> float:
    """FLOPs of a BERT encoder's matrix products over texts of ``tokens`` tokens.

    Per layer and text of t tokens: Q, K, V and output projections (4·t·H²
    multiply-adds), the feed-forward pair (2·t·H·I) and attention's two
    products (2·t²·H); a multiply-add is 2 FLOPs.
    """
    t = tokens.astype(np.float64)
    return float(layers * (2 * t * (4 * hidden * hidden + 2 * hidden * inner) + 4 * t * t * hidden).sum())


def layer_matmul_rate(batch: int, seq: int, hidden: int, inner: int, heads: int, repeats: int = 5) -> float:
    """GFLOP/s of exactly one encoder layer's matrix products (torch float32, all threads)."""
    import torch

    with torch.inference_mode():
        x = torch.randn(batch * seq, hidden)
        w_hh, w_hi, w_ih = torch.randn(hidden, hidden), torch.randn(hidden, inner), torch.randn(inner, hidden)
        up = torch.randn(batch * seq, inner)
        q = torch.randn(batch * heads, seq, hidden // heads)
        k_t = torch.randn(batch * heads, hidden // heads, seq)
        probs = torch.randn(batch * heads, seq, seq)

        def layer() -> None:
            for _ in range(4):
                x @ w_hh
            x @ w_hi
            up @ w_ih
            torch.bmm(q, k_t)
            torch.bmm(probs, q)

        layer()
        start = time.perf_counter()
        for _ in range(repeats):
            layer()
        seconds = (time.perf_counter() - start) / repeats
    flops = 2 * batch * seq * (4 * hidden * hidden + 2 * hidden * inner) + 4 * batch * seq * seq * hidden
    return flops / seconds / 1e9


def bench_encoding(batch_sizes: list[int], count: int) -> dict[str, Any]:
    from pipeline.embed import Encoder, resolve_model

    encoder = Encoder(resolve_model(""), device="cpu")
    config = encoder.model[0].auto_model.config
    layers, hidden, inner, heads = (
        config.num_hidden_layers, config.hidden_size, config.intermediate_size, config.num_attention_heads,
    )
    texts = page_texts(count)
    lengths = np.array(
        [len(ids) for ids in encoder.model.tokenizer(texts, truncation=True, max_length=encoder.model.max_seq_length)["input_ids"]]
    )
    flops_per_text = forward_flops(lengths, layers, hidden, inner) / len(texts)
    seq = int(round(lengths.mean()))
    # The rate is measured between the runs too, and the best one sets the
    # floor: on a shared machine that is the most demanding comparison.
    rates = [layer_matmul_rate(32, seq, hidden, inner, heads)]
    runs = {}
    for batch_size in batch_sizes:
        encoder.batch_size = batch_size
        encoder.encode(texts[:batch_size])  # warm-up
        start = time.perf_counter()
        encoder.encode(texts)
        runs[batch_size] = len(texts) / (time.perf_counter() - start)
        rates.append(layer_matmul_rate(32, seq, hidden, inner, heads))
    floor = max(rates) * 1e9 / flops_per_text
    import torch

    return {
        "texts": len(texts),
        "mean_tokens": float(lengths.mean()),
        "gflop_per_text": flops_per_text / 1e9,
        "matmul_gflops": rates,
        "floor_papers_per_s": floor,
        "papers_per_s": runs,
        "ratio_to_floor": {b: floor / v for b, v in runs.items()},
        "torch_threads": torch.get_num_threads(),
    }


def print_encoding(figures: dict[str, Any]) -> None:
    print(f"== encoding: all-MiniLM-L6-v2, CPU, {figures['torch_threads']} threads, {figures['texts']} texts "
          f"(mean {figures['mean_tokens']:.0f} tokens, {figures['gflop_per_text']:.2f} GFLOP each)")
    rates = figures["matmul_gflops"]
    print(f"   one layer's matrix products alone run at {min(rates):.0f}-{max(rates):.0f} GFLOP/s "
          f"(measured {len(rates)} times) -> floor {figures['floor_papers_per_s']:.1f} papers/s at the best rate")
    for batch, speed in figures["papers_per_s"].items():
        ratio = figures["ratio_to_floor"][batch]
        print(f"   batch {batch:>3}: {speed:6.1f} papers/s   {ratio:4.2f}x the floor   "
              f"{'ok' if ratio <= 2 else 'MISSES'} (target <= 2x)")


# ----------------------------------------------------------- neighbour search


def _ground_truth(vectors: np.ndarray, sample: np.ndarray) -> np.ndarray:
    found, _ = exact_topk(vectors, K + 1, queries=vectors[sample])
    return np.array([[j for j in row if j != row_id][:K] for row, row_id in zip(found, sample)])


def _gemm_rate() -> float:
    a = np.random.default_rng(0).standard_normal((2048, 2048), dtype=np.float32)
    a @ a
    start = time.perf_counter()
    for _ in range(3):
        a @ a
    return 3 * 2 * 2048**3 / (time.perf_counter() - start) / 1e9


def search_job(
    size: int, method: str, sample_size: int, exact_full_max: int, hnsw: dict[str, int] | None = None
) -> dict[str, Any]:
    """One measurement, in a fresh process: time, peak memory, recall."""
    vectors = synthetic_vectors(size)
    sample = np.sort(np.random.default_rng(1).choice(size, size=min(sample_size, size), replace=False))
    out: dict[str, Any] = {"size": size, "method": method, "vectors_gib": vectors.nbytes / (1 << 30)}
    if method == "exact":
        start = time.perf_counter()
        if size <= exact_full_max:
            found, scores = exact_topk(vectors, K)
            out["search_s"] = time.perf_counter() - start
            out["estimated"] = False
        else:
            exact_topk(vectors, K + 1, queries=vectors[sample])
            out["search_s"] = (time.perf_counter() - start) * size / len(sample)
            out["estimated"] = True
            found = scores = None
        out["recall"] = 1.0
    else:
        truth = _ground_truth(vectors, sample)
        out["phases_s"] = {}
        start = time.perf_counter()
        found, scores = approx_topk(vectors, K, timings=out["phases_s"], **(hnsw or {}))
        out["search_s"] = time.perf_counter() - start
        out["recall"] = recall_at_k(found[sample], truth)
        out["estimated"] = False
    if found is not None:
        ids = [f"p{i:07d}" for i in range(size)]
        start = time.perf_counter()
        links = similarity_links(ids, found, scores, THRESHOLD)
        out["links_s"] = time.perf_counter() - start
        out["links"] = len(links)
        del links
    out["peak_gib"] = peak_rss_gib()
    out["gemm_gflops"] = _gemm_rate()
    return out


def in_process(job, *args) -> dict[str, Any]:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(job, args)


def print_search(row: dict[str, Any]) -> None:
    total = row["search_s"] + row.get("links_s", 0.0)
    est = " (est.)" if row["estimated"] else ""
    links = f"links {row['links_s']:6.1f} s ({row['links']:,})" if "links_s" in row else "links      -"
    print(f"   {row['size']:>9,} {row['method']:>6}: search {row['search_s']:8.1f} s{est:7} {links}  "
          f"total {total:8.1f} s  peak {row['peak_gib']:5.2f} GiB  recall@10 {row['recall']:.3f}  "
          f"(numpy GEMM {row['gemm_gflops']:.0f} GFLOP/s)")
    if row.get("phases_s"):
        print("   " + " " * 18 + ", ".join(f"{name} {s:.1f} s" for name, s in row["phases_s"].items()))


# ------------------------------------------------------------ the candidates


def compare_job(size: int, sample_size: int) -> list[dict[str, Any]]:
    """Each candidate index's build+search time and recall at one size."""
    import faiss
    from usearch.index import Index

    vectors = synthetic_vectors(size)
    sample = np.sort(np.random.default_rng(1).choice(size, size=min(sample_size, size), replace=False))
    truth = _ground_truth(vectors, sample)
    as32 = vectors.astype(np.float32)
    rows = []

    def run(name: str, build, search) -> None:
        start = time.perf_counter()
        index = build()
        built = time.perf_counter() - start
        start = time.perf_counter()
        found = search(index)
        searched = time.perf_counter() - start
        got = np.array([[j for j in row if j != i][:K] for row, i in zip(found[sample], sample)])
        rows.append({"index": name, "build_s": built, "search_s": searched, "recall": recall_at_k(got, truth)})

    def usearch_index(dtype: str):
        def build():
            index = Index(ndim=vectors.shape[1], metric="ip", dtype=dtype, connectivity=HNSW_CONNECTIVITY,
                          expansion_add=HNSW_EXPANSION_ADD, expansion_search=HNSW_EXPANSION_SEARCH)
            index.add(np.arange(size), vectors, threads=os.cpu_count())
            return index
        return build

    def usearch_search(index):
        return np.asarray(index.search(vectors, K + 1, threads=os.cpu_count()).keys).astype(np.int64)

    run("usearch HNSW f16 (chosen)", usearch_index("f16"), usearch_search)
    run("usearch HNSW i8", usearch_index("i8"), usearch_search)

    def faiss_hnsw():
        index = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_CONNECTIVITY, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EXPANSION_ADD
        index.hnsw.efSearch = HNSW_EXPANSION_SEARCH
        index.add(as32)
        return index

    run("faiss HNSW f32", faiss_hnsw, lambda index: index.search(as32, K + 1)[1])
    lists = int(4 * np.sqrt(size))

    def faiss_ivf():
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(vectors.shape[1]), vectors.shape[1], lists, faiss.METRIC_INNER_PRODUCT)
        index.cp.niter = 10
        index.train(as32[np.random.default_rng(0).choice(size, min(size, lists * 40), replace=False)])
        index.add(as32)
        index.nprobe = 32
        return index

    run(f"faiss IVF ({lists} lists, 32 probes)", faiss_ivf, lambda index: index.search(as32, K + 1)[1])
    return rows


# ---------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes 10k and 100k, fewer texts")
    parser.add_argument("--sizes", help="comma-separated vector counts (default 10000,100000,1000000)")
    parser.add_argument("--batch-sizes", default="16,32,64")
    parser.add_argument("--texts", type=int, help="texts encoded per batch size (default 168; quick 112)")
    parser.add_argument("--sample", type=int, default=1000, help="rows whose recall is checked against exact")
    parser.add_argument("--exact-full-max", type=int, default=100_000, help="largest size searched exactly in full")
    parser.add_argument("--skip-encode", action="store_true")
    parser.add_argument("--compare", type=int, metavar="SIZE", help="also time the candidate indexes at SIZE vectors")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in (args.sizes or ("10000,100000" if args.quick else "10000,100000,1000000")).split(",")]
    figures: dict[str, Any] = {"cores": os.cpu_count()}
    if not args.skip_encode:
        figures["encoding"] = bench_encoding(
            [int(b) for b in args.batch_sizes.split(",")], args.texts or (112 if args.quick else 168)
        )
        print_encoding(figures["encoding"])
    print(f"== neighbour search: top-{K}, links at score >= {THRESHOLD}, {os.cpu_count()} cores; "
          f"HNSW M={HNSW_CONNECTIVITY} efC={HNSW_EXPANSION_ADD} ef={HNSW_EXPANSION_SEARCH}, float16")
    figures["search"] = []
    for size in sizes:
        for method in ("exact", "hnsw"):
            row = in_process(search_job, size, method, args.sample, args.exact_full_max)
            figures["search"].append(row)
            print_search(row)
            sys.stdout.flush()
        if size >= 1_000_000:
            hnsw = figures["search"][-1]
            total = hnsw["search_s"] + hnsw.get("links_s", 0)
            print(f"   1M target: {total / 60:.1f} min (< 10), {hnsw['peak_gib']:.2f} GiB (< 4): "
                  f"{'ok' if total < 600 and hnsw['peak_gib'] < 4 else 'MISSES'}")
    if args.compare:
        print(f"== candidate indexes at {args.compare:,} vectors (build + search of every row)")
        figures["compare"] = in_process(compare_job, args.compare, args.sample)
        for row in figures["compare"]:
            print(f"   {row['index']:<34} build {row['build_s']:7.1f} s  search {row['search_s']:7.1f} s  "
                  f"recall@10 {row['recall']:.3f}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str) + "\n")
    return figures


if __name__ == "__main__":
    main()
