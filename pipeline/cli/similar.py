"""``papergraph similar``: the papers most like a paper, a title or a question."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from . import app, out


@app.command()
def similar(
    query: str = typer.Argument(..., metavar="QUERY", help="A paper id, a title (exact, the part before its colon, or close), or free text."),
    graph_dir: Path = typer.Option(Path("graph"), "--graph", "-g", help="A folder written by `papergraph build`."),
    k: int = typer.Option(10, "--k", min=1, help="How many papers to show."),
    as_json: bool = typer.Option(False, "--json", help="Print the answer as JSON."),
    model: str = typer.Option(None, "--model", help="Model for free text (default: the one the graph was built with)."),
) -> None:
    """Papers most like a paper, by the cosine of their title+abstract embeddings.

    QUERY is matched as a paper id, then a title, then the short name before a
    title's colon, then a close title; anything else is free text, encoded
    with the graph's model and searched. A title that fits several papers
    equally is an error that lists them. Each hit shows its score, title, id
    and the entities it shares with the query paper. Examples:

        papergraph similar 2205.14135 --graph graph

        papergraph similar "speculative decoding for faster LLM inference" --graph graph --k 5
    """
    from ..query.similar import answer_json, answer_text, similar as find

    answer = find(graph_dir, query, k=k, model=model)
    if as_json:
        typer.echo(json.dumps(answer_json(answer), ensure_ascii=False, indent=2))
    else:
        out.print(answer_text(answer), markup=False)
