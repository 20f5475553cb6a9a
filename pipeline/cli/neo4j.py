"""``papergraph neo4j``: the optional Neo4j server (``neo4j load``)."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app, out

neo4j_app = typer.Typer(
    name="neo4j",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(neo4j_app, name="neo4j")


@neo4j_app.callback()
def _neo4j() -> None:
    """Work with a Neo4j server (start one with `docker compose up -d`).

    Where to connect: --uri/--user/--database, else NEO4J_URI, NEO4J_USER,
    NEO4J_DATABASE; the password only from NEO4J_PASSWORD or a prompt. Example:

        papergraph neo4j load graph
    """


@neo4j_app.command("load")
def load(
    graph_dir: Path = typer.Argument(..., metavar="DIR", help="A folder written by `papergraph build`."),
    uri: str = typer.Option(None, "--uri", help="Bolt URI (default: NEO4J_URI, else bolt://127.0.0.1:7687)."),
    user: str = typer.Option(None, "--user", help="User name (default: NEO4J_USER, else neo4j)."),
    database: str = typer.Option(None, "--database", help="Database (default: NEO4J_DATABASE, else the server's default)."),
    batch_size: int = typer.Option(5000, "--batch-size", min=1, help="Rows per transaction."),
) -> None:
    """Load a built graph into Neo4j; loading it again changes nothing.

    Creates the uniqueness constraints first, then merges nodes and
    relationships in batches, and indexes paper embeddings for vector search.
    The password comes from NEO4J_PASSWORD, else a prompt on a terminal.
    Example:

        papergraph neo4j load graph --batch-size 5000
    """
    from ..connection import open_driver
    from ..graph import read_graph
    from ..materialize.neo4j import load_graph, paper_vectors
    from .build import progress_bar

    # Read the folder before connecting: a wrong DIR fails without a password prompt.
    graph = read_graph(Path(graph_dir) / "graph.jsonl")
    vectors = paper_vectors(graph_dir)
    with open_driver(uri, user, database) as (driver, target):
        with progress_bar() as progress:
            summary = load_graph(
                driver, graph, database=target.database, batch_size=batch_size, vectors=vectors, progress=progress
            )
    nodes = ", ".join(f"{n} {label}" for label, n in sorted(summary.nodes.items()))
    relationships = ", ".join(f"{n} {kind}" for kind, n in sorted(summary.relationships.items()))
    out.print(f"nodes: {nodes or 'none'}", markup=False)
    out.print(f"relationships: {relationships or 'none'}", markup=False)
    if summary.embeddings:
        out.print(f"embeddings: {summary.embeddings} papers, vector index paper_embedding", markup=False)
    out.print(
        f"loaded {graph_dir} into {target.where} in {summary.seconds:.1f}s: "
        f"{summary.nodes_created} nodes and {summary.relationships_created} relationships were new",
        markup=False,
    )
