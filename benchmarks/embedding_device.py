"""Embedding on a GPU against the CPU, in one run: the build's GPU path checked and timed.

Loads the model the build would (``--model``, else the packaged all-MiniLM-L6-v2)
through ``pipeline.embed.Encoder``, once on the CPU and once on the device that
``--device auto`` picks, and encodes the shared page's papers the way the build
does (``embedding_text``). It prints:

- the device "auto" picked, and the GPU's name;
- agreement: the lowest cosine between the CPU and GPU vectors of one paper, and
  how many papers keep the same nearest neighbours (``exact_topk``, k=5) on both;
- speed: papers per second on each device at each batch size, over the page
  replicated to ``--n`` texts (best of ``--repeats``), and the GPU / CPU ratio.

Without a GPU it says so and times the CPU alone.

    python3 benchmarks/embedding_device.py [--n 5000] [--batch-sizes 32,128,512] [--model PATH]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.embed import Encoder, embedding_text, pick_device, resolve_model  # noqa: E402
from pipeline.ingest import iter_papers  # noqa: E402
from pipeline.link import exact_topk  # noqa: E402

PAGE = ROOT.parent / "shared" / "data" / "daily_papers_page.txt"


def agreement(cpu: np.ndarray, gpu: np.ndarray, k: int = 5) -> tuple[float, int]:
    """The lowest cosine between the two encodings of one text, and how many rows keep their k nearest.

    >>> a = np.eye(6, dtype=np.float32)
    >>> agreement(a, a.copy(), k=2)
    (1.0, 6)
    """
    lowest = float(np.min(np.sum(cpu * gpu, axis=1)))
    near_cpu, _ = exact_topk(cpu, k)
    near_gpu, _ = exact_topk(gpu, k)
    same = sum(set(a) == set(b) for a, b in zip(near_cpu.tolist(), near_gpu.tolist()))
    return round(lowest, 6), same


def papers_per_second(encoder: Encoder, texts: list[str], batch_size: int, repeats: int) -> float:
    """Best of ``repeats`` encodings of ``texts`` at ``batch_size``, after one warm-up batch."""
    encoder.batch_size = batch_size
    encoder.encode(texts[:batch_size])
    best = 0.0
    for _ in range(repeats):
        started = time.perf_counter()
        encoder.encode(texts)
        if encoder.device == "cuda":
            import torch

            torch.cuda.synchronize()
        best = max(best, len(texts) / (time.perf_counter() - started))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", type=Path, default=PAGE)
    parser.add_argument("--model", default="", help="a model folder or name (default: the packaged all-MiniLM-L6-v2)")
    parser.add_argument("--n", type=int, default=5000, help="texts to time, the page replicated (default 5000)")
    parser.add_argument("--batch-sizes", default="32,128,512")
    parser.add_argument("--cpu-n", type=int, default=1000, help="texts to time on the CPU (default 1000)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)

    import torch

    papers = list(iter_papers([args.page]))
    texts = [embedding_text(p) for p in papers]
    ref = resolve_model(args.model)
    picked = pick_device("auto")
    print(f"{len(texts)} papers from {args.page.name}; model {ref.name} ({ref.source})")
    print(f"device 'auto' picks: {picked}" + (f" ({torch.cuda.get_device_name(0)})" if picked == "cuda" else ""))
    print(f"torch {torch.__version__}, {torch.get_num_threads()} CPU threads")

    cpu = Encoder(ref, "cpu")
    cpu_vectors = cpu.encode(texts)
    gpu = Encoder(ref, picked) if picked != "cpu" else None
    if gpu is not None:
        gpu_vectors = gpu.encode(texts)
        lowest, same = agreement(cpu_vectors, gpu_vectors)
        print(f"agreement: lowest cosine CPU vs {picked} {lowest:.6f}; same 5 nearest for {same} of {len(texts)} papers")

    batches = [int(b) for b in args.batch_sizes.split(",")]
    many = list(itertools.islice(itertools.cycle(texts), args.n))
    print(f"\n{'batch':>6}{'cpu /s':>12}" + (f"{picked + ' /s':>12}{'ratio':>8}" if gpu else ""))
    for batch in batches:
        on_cpu = papers_per_second(cpu, many[: args.cpu_n], batch, args.repeats)
        line = f"{batch:>6}{on_cpu:>12.0f}"
        if gpu is not None:
            on_gpu = papers_per_second(gpu, many, batch, args.repeats)
            line += f"{on_gpu:>12.0f}{on_gpu / on_cpu:>7.1f}x"
        print(line)
    if gpu is None:
        print("\nno GPU here: the CPU alone was timed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
