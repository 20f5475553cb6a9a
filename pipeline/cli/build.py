"""``papergraph build``."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import app, err, out


@app.command()
def build(
    inputs: list[str] = typer.Argument(..., metavar="INPUT...", help="Paper listings: page dumps, JSON Lines or CSV; '-' reads stdin."),
    out_dir: Path = typer.Option(..., "--out", "-o", help="Output folder; replaced as a whole when the build succeeds."),
    fmt: str = typer.Option(None, "--format", "-f", help="Input format of every INPUT: page, jsonl or csv (default: detected per file)."),
    skip_bad: bool = typer.Option(False, "--skip-bad", help="Process the good records of a partly bad input; report each bad one."),
    limit: int = typer.Option(None, "--limit", min=1, help="Stop after this many papers."),
    config: Path = typer.Option(None, "--config", help="A TOML file of settings (see README: Configuration)."),
    base: str = typer.Option(None, "--base", help="Base IRI of papers and entities (default https://w3id.org/papergraph/)."),
    model: str = typer.Option(None, "--model", help="Embedding model: a folder or a local model name (default: PAPERGRAPH_MODEL, else the packaged all-MiniLM-L6-v2)."),
    device: str = typer.Option(None, "--device", help="Embedding device: auto, cpu or cuda."),
    batch_size: int = typer.Option(None, "--batch-size", min=1, help="Papers per embedding batch."),
    k: int = typer.Option(None, "--k", min=1, help="Similar papers linked per paper."),
    threshold: float = typer.Option(None, "--threshold", min=0.0, max=1.0, help="Lowest cosine score of a similarity link."),
    no_embed: bool = typer.Option(False, "--no-embed", help="Skip embeddings and similarity links."),
    workers: int = typer.Option(None, "--workers", min=1, help="Extraction processes."),
    rdf: list[str] = typer.Option(None, "--rdf", help="Extra RDF formats to write besides Turtle: nt, jsonld, trig (repeatable)."),
) -> None:
    """Build the knowledge graph of INPUT files into an output folder.

    Writes report.json, papers.jsonl, graph.jsonl and the RDF, GraphML and store
    outputs into --out. Example:

        papergraph build examples/papers.jsonl --out graph
    """
    from ..build import run
    from ..config import load_settings
    from ..errors import ConfigError
    from ..ingest import FORMATS

    if fmt is not None and fmt not in FORMATS:
        raise ConfigError(f"--format {fmt!r} is not one of {', '.join(FORMATS)}")
    settings = load_settings(
        config,
        base=base,
        model=model,
        device=device,
        batch_size=batch_size,
        similar_k=k,
        similar_threshold=threshold,
        workers=workers,
        embed=False if no_embed else None,
        rdf_formats=tuple(dict.fromkeys(("turtle", *rdf))) if rdf else None,
    )
    with progress_bar() as progress:
        summary = run(
            inputs,
            out_dir,
            settings=settings,
            fmt=fmt,  # type: ignore[arg-type]
            skip_bad=skip_bad,
            limit=limit,
            progress=progress,
        )
    report = summary.report
    for skipped in report["skipped"]:
        err.print(f"skipped {skipped['where']}: {skipped['problem']}", markup=False)
    for warning in report["warnings"]:
        err.print(f"warning: {warning}", markup=False)
    out.print(_summary_table(report))
    out.print(f"wrote {summary.out}", markup=False)


@contextlib.contextmanager
def progress_bar() -> Iterator[Callable[[str, int, int | None], None] | None]:
    """A rich progress bar on a terminal's stderr; nothing when stderr is a file."""
    if not err.is_terminal:
        yield None
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield progress


def _summary_table(report: dict) -> Table:
    counts = report["counts"]
    table = Table(title=f"{report['papers']} papers", show_header=True, header_style="bold")
    table.add_column("what")
    table.add_column("count", justify="right")
    for name, n in counts["entities"].items():
        table.add_row(name, str(n))
    for name, n in {**counts["paper_edges"], **{f"{k} (entity-entity)": v for k, v in counts["entity_edges"].items()}}.items():
        table.add_row(name, str(n))
    table.add_row("results", str(counts["results"]))
    table.add_row("similar links", str(counts["similar_links"]))
    table.add_row("seconds", f"{report['timings_s'].get('total', 0):.1f}")
    if report["skipped"]:
        table.add_row("skipped records", str(len(report["skipped"])))
    return table
