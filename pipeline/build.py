"""``run()``: the one place that connects the stages.

ingest -> extract -> graph (+ embed/link) -> materialize. Outputs are written
into a staging folder beside the target and renamed into place only when every
stage has succeeded, so an interrupted or failed build leaves the previous
output as it was.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Settings
from .graph import GraphBuilder, KnowledgeGraph
from .ingest import Format, IngestLog, iter_papers
from .records import Paper, StageTimes

# progress(stage, done, total): total is None while the size is unknown.
Progress = Callable[[str, int, int | None], None]


@dataclass
class BuildSummary:
    """What a build did: the graph, where it went, and its report."""

    out: Path
    graph: KnowledgeGraph
    report: dict[str, Any]
    times: StageTimes = field(default_factory=StageTimes)


@contextlib.contextmanager
def staged_output(out: Path) -> Iterator[Path]:
    """A fresh folder that replaces ``out`` only if the block succeeds.

    The staging folder is a hidden sibling of ``out`` (same file system, so the
    final rename is atomic); on failure it is removed and ``out`` is untouched.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists() and not out.is_dir():
        from .errors import ConfigError

        raise ConfigError(f"{out}: exists and is not a folder; choose another --out")
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    # mkdtemp makes the folder private (0700); give it the user's usual mode.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(staging, 0o777 & ~umask)
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.rename(out, old / out.name)
    os.rename(staging, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def _timed(times: StageTimes, stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        times.add(stage, time.perf_counter() - start)


def _counted(items: Iterable[Paper], progress: Progress | None, stage: str) -> Iterator[Paper]:
    for n, item in enumerate(items, start=1):
        if progress is not None and n % 16 == 0:
            progress(stage, n, None)
        yield item


def run(
    inputs: Sequence[str | Path],
    out: str | Path,
    *,
    settings: Settings | None = None,
    fmt: Format | None = None,
    skip_bad: bool = False,
    limit: int | None = None,
    progress: Progress | None = None,
) -> BuildSummary:
    """Build the knowledge graph of the papers in ``inputs`` into folder ``out``.

    Args:
        inputs: input files (page dumps, JSON Lines, CSV); "-" is standard input.
        out: the output folder; replaced as a whole when the build succeeds.
        settings: build settings; the defaults when None.
        fmt: the input format, or None to detect each file's.
        skip_bad: process good records of a partly bad input and report the bad.
        limit: stop after this many papers.
        progress: called as work advances, for a progress bar.

    Returns:
        The graph, the output folder and the report written to ``report.json``.

    Raises:
        PipelineError: bad input (unless ``skip_bad``), a missing model, a bad
            setting. Nothing is written then.
    """
    from . import extract, materialize

    settings = settings or Settings()
    out = Path(out)
    times = StageTimes()
    log = IngestLog()
    started = time.perf_counter()
    with staged_output(out) as staging:
        builder = GraphBuilder()
        papers = iter_papers(inputs, fmt, skip_bad=skip_bad, log=log)
        if limit is not None:
            papers = itertools.islice(papers, limit)
        papers = _counted(papers, progress, "extract")
        with _timed(times, "load extractor"):
            extractor = extract.load_extractor()
            extract.freeze_loaded_objects()
        # Reading and extracting interleave (the reader is a stream), so the
        # extractor times its own calls into `times`.
        for extraction in extractor.iter_extractions(
            papers, batch_size=settings.extract_batch, workers=settings.workers, timer=times
        ):
            builder.add(extraction)
        if log.papers == 0:
            from .errors import InputError

            raise InputError(
                ", ".join(str(i) for i in inputs), None,
                f"no papers to build from ({len(log.skipped)} bad record(s) skipped)",
            )
        embedding = None
        if settings.embed:
            from .embed import embed_and_link

            # The cache is read from the last build in `out` and written to `staging`.
            embedding = embed_and_link(
                builder.papers, settings, previous=out, staging=staging, times=times, progress=progress
            )
            builder.add_similar(embedding.links)
        with _timed(times, "graph"):
            graph = builder.build()
        report = make_report(inputs, graph, log, times, settings)
        if embedding is not None:
            report["embedding"] = embedding.report
        materialize.write_all(graph, staging, settings, report, times=times, progress=progress)
        times.seconds["total"] = time.perf_counter() - started
        report["timings_s"] = {k: round(v, 3) for k, v in times.seconds.items()}
        materialize.write_report(report, staging)
    return BuildSummary(out=out.resolve(), graph=graph, report=report, times=times)


def make_report(
    inputs: Sequence[str | Path],
    graph: KnowledgeGraph,
    log: IngestLog,
    times: StageTimes,
    settings: Settings,
) -> dict[str, Any]:
    """The build report: what was read, what was found, how long it took."""
    from . import __version__

    return {
        "papergraph": __version__,
        "inputs": [str(i) for i in inputs],
        "papers": len(graph.papers),
        "counts": graph.counts(),
        "duplicates_dropped": log.duplicates,
        "skipped": [{"where": str(s.where), "problem": s.problem} for s in log.skipped],
        "warnings": list(log.warnings),
        "timings_s": {k: round(v, 3) for k, v in times.seconds.items()},
        "settings": {
            "base": settings.base,
            "similar_k": settings.similar_k,
            "similar_threshold": settings.similar_threshold,
            "workers": settings.workers,
        },
    }
