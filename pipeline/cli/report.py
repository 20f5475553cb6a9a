"""``papergraph report``: one HTML page of a built graph, viewable offline."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app, out


@app.command()
def report(
    graph_dir: Path = typer.Argument(..., metavar="DIR", help="A folder written by `papergraph build`."),
    dest: Path = typer.Option(None, "--out", "-o", help="Where to write the page (default: DIR/report.html)."),
    title: str = typer.Option(None, "--title", help="The page's title (default: papergraph: DIR's name)."),
) -> None:
    """Write an HTML report of a built graph: counts, search, graph view, paper cards.

    One self-contained file (the graph library, script, style and data are
    inside it), so it opens offline in any browser. Click a node for its
    papers, roles and evidence; pick a method to see its lineage. Example:

        papergraph report graph --out graph/report.html
    """
    from ..graph import read_graph
    from ..report import REPORT_FILE, write_report

    graph = read_graph(graph_dir / "graph.jsonl")
    written = write_report(graph, dest or graph_dir / REPORT_FILE, title or f"papergraph: {graph_dir.resolve().name}")
    out.print(f"wrote {written}", markup=False)
