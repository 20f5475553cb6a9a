"""Writers of the one graph model, by name.

Each writer is imported only when it is used (the Neo4j driver, networkx and
rdflib stay out of start-up), as rdflib's plugin table does. A build writes
every entry of :data:`BUILD_WRITERS`; ``papergraph export`` picks one entry of
:data:`EXPORTS`.
"""

from __future__ import annotations

import importlib
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..config import Settings
from ..graph import KnowledgeGraph
from ..records import StageTimes

# name -> (module, function); function(graph, out_dir, settings, report) -> None.
BUILD_WRITERS: dict[str, tuple[str, str]] = {
    "graph.jsonl": ("pipeline.materialize.jsonl", "write_graph_file"),
    "papers.jsonl": ("pipeline.materialize.jsonl", "write_papers"),
    "graph.graphml": ("pipeline.materialize.graphml", "write_graphml"),
    # graph.ttl, and the formats of settings.rdf_formats; the store loads graph.ttl.
    "graph.ttl": ("pipeline.materialize.rdf", "write_build"),
    "store": ("pipeline.query.store", "build_store"),
}

# format -> (module, function, default file name);
# function(graph, path, settings) -> None writes one export.
EXPORTS: dict[str, tuple[str, str, str]] = {
    "graphml": ("pipeline.materialize.graphml", "export_graphml", "graph.graphml"),
    "gexf": ("pipeline.materialize.graphml", "export_gexf", "graph.gexf"),
    "neo4j-csv": ("pipeline.materialize.neo4j_csv", "export_neo4j_csv", "neo4j-csv"),
    "nt": ("pipeline.materialize.rdf", "write_ntriples", "graph.nt"),
    "jsonld": ("pipeline.materialize.rdf", "write_jsonld", "graph.jsonld"),
    "trig": ("pipeline.materialize.rdf", "write_trig", "graph.trig"),
}


def writer(module: str, function: str) -> Callable[..., Any]:
    return getattr(importlib.import_module(module), function)


def write_all(
    graph: KnowledgeGraph,
    out_dir: Path,
    settings: Settings,
    report: dict[str, Any],
    *,
    times: StageTimes | None = None,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> None:
    """Write every build output of the graph into ``out_dir``, timing each."""
    times = times if times is not None else StageTimes()
    for n, (name, (module, function)) in enumerate(BUILD_WRITERS.items(), start=1):
        if progress is not None:
            progress(f"write {name}", n, len(BUILD_WRITERS))
        start = time.perf_counter()
        writer(module, function)(graph, out_dir, settings, report)
        times.add(f"write {name}", time.perf_counter() - start)


def write_report(report: dict[str, Any], out_dir: Path) -> None:
    with open(out_dir / "report.json", "w", encoding="utf-8") as out:
        json.dump(report, out, indent=2, ensure_ascii=False)
        out.write("\n")


def export_graph(graph_dir: Path, fmt: str, dest: Path | None = None) -> Path:
    """Write the graph of a build folder in format ``fmt``; returns the path written.

    The file is written beside its destination and renamed into place.
    """
    import os
    import shutil

    from ..config import load_settings
    from ..graph import read_graph

    module, function, default_name = EXPORTS[fmt]
    graph = read_graph(Path(graph_dir) / "graph.jsonl")
    settings = load_settings(None, base=_build_base(Path(graph_dir)))
    settings.extra["graph_dir"] = Path(graph_dir)  # for exports that read DIR/embeddings
    dest = Path(dest) if dest is not None else Path(graph_dir) / default_name
    partial = dest.with_name(f".{dest.name}.partial")
    if partial.exists():
        shutil.rmtree(partial) if partial.is_dir() else partial.unlink()
    try:
        writer(module, function)(graph, partial, settings)
    except BaseException:
        if partial.exists():
            shutil.rmtree(partial) if partial.is_dir() else partial.unlink()
        raise
    if dest.is_dir():
        shutil.rmtree(dest)
    os.replace(partial, dest)
    return dest


def _build_base(graph_dir: Path) -> str | None:
    """The base IRI the build used, so an export names things the same way."""
    try:
        report = json.loads((graph_dir / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return report.get("settings", {}).get("base")
