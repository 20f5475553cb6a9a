"""``papergraph export``: one more format of a built graph."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app, out


@app.command()
def export(
    graph_dir: Path = typer.Argument(..., metavar="DIR", help="A folder written by `papergraph build`."),
    to: str = typer.Option(..., "--to", help="Format to write (see the list below)."),
    dest: Path = typer.Option(None, "--dest", help="Where to write (default: a file or folder in DIR named after the format)."),
) -> None:
    """Write a built graph in another format.

    Formats: nt, jsonld, trig (RDF), graphml, gexf, neo4j-csv (files for
    `neo4j-admin database import full`). Example:

        papergraph export graph --to nt
    """
    from ..errors import ConfigError
    from ..materialize import EXPORTS, export_graph

    if to not in EXPORTS:
        raise ConfigError(f"--to {to!r} is not one of {', '.join(sorted(EXPORTS)) or '(none available)'}")
    written = export_graph(graph_dir, to, dest)
    out.print(f"wrote {written}", markup=False)
