"""``papergraph query``, ``builds-on`` and ``serve``: questions over a built graph."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from . import app, err, out

OUTPUT_FORMATS = ("table", "json", "csv")
# How a CONSTRUCT or DESCRIBE answer (triples) is printed for each --format.
_TRIPLES_AS = {"table": "turtle", "json": "jsonld", "csv": "nt"}

GRAPH_OPTION = typer.Option(Path("graph"), "--graph", "-g", help="A folder written by `papergraph build`.")


@app.command()
def query(
    sparql: str = typer.Option(None, "--sparql", help="A SPARQL 1.1 query, run on the graph's store."),
    sparql_file: str = typer.Option(None, "--sparql-file", help="A .rq file, or the name of a saved query (see above)."),
    cypher: str = typer.Option(None, "--cypher", help="A Cypher query (or a saved one's name), run on Neo4j."),
    param: list[str] = typer.Option(None, "--param", help="NAME=VALUE, bound to ?NAME in SPARQL or $NAME in Cypher (repeatable)."),
    graph_dir: Path = GRAPH_OPTION,
    fmt: str = typer.Option("table", "--format", "-f", help="table, json (SPARQL 1.1 Query Results JSON) or csv."),
    uri: str = typer.Option(None, "--uri", help="Cypher: Bolt URI (default: NEO4J_URI, else bolt://127.0.0.1:7687)."),
    user: str = typer.Option(None, "--user", help="Cypher: user name (default: NEO4J_USER, else neo4j)."),
    database: str = typer.Option(None, "--database", help="Cypher: database (default: NEO4J_DATABASE, else the server's default)."),
) -> None:
    """Run a SPARQL query on a built graph, or a Cypher query on Neo4j.

    Give exactly one of --sparql, --sparql-file, --cypher. SPARQL runs on the
    store in DIR/store; the prefixes pg:, rdf:, rdfs:, skos:, dcterms:, prov:,
    paper:, method:, model:, dataset:, hardware:, metric: and result: need no
    declaration. A --param value that is an IRI (<...> or http...) binds an
    IRI, a number a number, anything else a string; SPARQL binds only
    variables the query selects.

    Saved SPARQL queries, each with --param name=NAME: builds_on,
    method_hardware, evaluated_on_dataset, results_for_metric, method_lineage,
    method_versions.
    The Neo4j password comes from NEO4J_PASSWORD or a prompt. Examples:

        papergraph query --graph graph --sparql 'SELECT ?title WHERE { ?p a pg:Paper ; dcterms:title ?title }'

        papergraph query --graph graph --sparql-file builds_on --param name=FlashAttention --format json
    """
    from ..errors import ConfigError
    from ..query import split_params

    given = [flag for flag, value in (("--sparql", sparql), ("--sparql-file", sparql_file), ("--cypher", cypher)) if value]
    if len(given) != 1:
        raise ConfigError(
            "give exactly one of --sparql, --sparql-file, --cypher"
            + (f" (got {', '.join(given)})" if given else "")
        )
    if fmt not in OUTPUT_FORMATS:
        raise ConfigError(f"--format {fmt!r} is not one of {', '.join(OUTPUT_FORMATS)}")
    params = split_params(param)
    if cypher:
        _run_cypher(cypher, params, fmt, uri=uri, user=user, database=database)
    else:
        _run_sparql(graph_dir, sparql, sparql_file, params, fmt)


def _run_sparql(graph_dir: Path, sparql: str | None, sparql_file: str | None, params: dict[str, str], fmt: str) -> None:
    from ..query.store import (
        answer_rows,
        bind_params,
        load_query,
        open_store,
        parse_saved,
        query_prefixes,
        run_query,
        serialize_answer,
        term_text,
    )

    saved = load_query(sparql_file) if sparql_file else parse_saved("--sparql", sparql or "")
    bound = bind_params(saved, params)
    prefixes = query_prefixes(graph_dir)
    store = open_store(graph_dir)
    answer = run_query(store, saved.text, bound, prefixes)
    import pyoxigraph as ox

    if isinstance(answer, ox.QueryTriples):
        _echo(serialize_answer(answer, _TRIPLES_AS[fmt], prefixes).decode("utf-8"))
    elif fmt == "table":
        columns, rows = answer_rows(answer)
        _print_table(columns, [[term_text(t, prefixes) for t in row] for row in rows])
    else:
        _echo(serialize_answer(answer, fmt).decode("utf-8"))


def _run_cypher(text: str, params: dict[str, str], fmt: str, **where: str | None) -> None:
    from ..query import json_value
    from ..query.cypher import run_cypher, saved_cypher, saved_cypher_names

    if text in saved_cypher_names():
        text = saved_cypher(text)
    columns, rows = run_cypher(text, {k: json_value(v) for k, v in params.items()}, **where)
    if fmt == "json":
        _echo(json.dumps({"columns": columns, "rows": rows}, ensure_ascii=False, default=str))
    else:
        cells = [[_cell(row.get(c)) for c in columns] for row in rows]
        if fmt == "table":
            _print_table(columns, cells)
        else:
            _write_csv(columns, cells)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _print_table(columns: list[str], rows: list[list[str]]) -> None:
    table = Table(show_header=True, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row, end_section=False)
    out.print(table)
    out.print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}", markup=False)


def _write_csv(columns: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    _echo(buffer.getvalue(), newline=False)


def _echo(text: str, newline: bool = True) -> None:
    typer.echo(text, nl=newline and not text.endswith("\n"))


@app.command("builds-on")
def builds_on(
    name: str = typer.Argument(..., metavar="NAME", help="The method (or any entity): its name, an alias, or TYPE/ID."),
    graph_dir: Path = GRAPH_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print the answer as JSON."),
    min_confidence: float = typer.Option(
        0.0, "--min-confidence", min=0.0, max=1.0,
        help="Leave out papers whose chain's confidence (the product of its hops' measured confidences) is lower.",
    ),
) -> None:
    """Papers that build on a method, directly or through a chain, with the evidence.

    A paper builds on X when it extends, analyses or depends on X, proposes its
    successor, or builds on something that builds on X ("P builds on X-2,
    which builds on X"). Comparing against X is not building on it, and a name
    that only looks like X is another entity: NAME is matched against each
    entity's name and aliases, ignoring letter case, spaces and hyphens.
    Each paper's chain shows its confidence: the product of its hops'
    confidences, which are measured rates of being right (a chain of two 0.9
    hops is 0.81). Example:

        papergraph builds-on FlashAttention --graph graph --min-confidence 0.8
    """
    from ..query.builds_on import answer_json, answer_text, builds_on as find
    from ..query.store import open_store

    answer = find(open_store(graph_dir), name, min_confidence)
    if as_json:
        _echo(json.dumps(answer_json(answer), ensure_ascii=False, indent=2))
    else:
        out.print(answer_text(answer), markup=False)


@app.command()
def serve(
    graph_dir: Path = GRAPH_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; loopback unless you mean to share the graph."),
    port: int = typer.Option(7878, "--port", min=0, max=65535, help="Port to listen on (0: any free port)."),
    timeout: float = typer.Option(30.0, "--timeout", min=0.1, help="Seconds a query may run before it is stopped (HTTP 503)."),
    max_request_bytes: int = typer.Option(1 << 20, "--max-request-bytes", min=1024, help="Largest query string or POST body (HTTP 413)."),
    workers: int = typer.Option(2, "--workers", min=1, help="Queries answered at the same time (one process each)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Do not log each request to stderr."),
) -> None:
    """Serve a built graph as a read-only SPARQL 1.1 endpoint.

    GET or POST queries to /sparql; results come as JSON, XML, CSV or TSV
    (Turtle, N-Triples, JSON-LD or RDF/XML for CONSTRUCT) as the Accept header
    asks. The prefixes of `papergraph query` need no PREFIX lines. Updates
    are refused. Ctrl-C stops the server. Example:

        papergraph serve --graph graph --port 7878
    """
    from ..errors import ConfigError
    from ..query.serve import Limits, SparqlServer, is_loopback

    if not is_loopback(host):
        err.print(f"warning: listening on {host}: anyone who can reach this address can query the graph", markup=False)
    limits = Limits(timeout_s=timeout, max_request_bytes=max_request_bytes, workers=workers)
    log = None if quiet else (lambda line: err.print(line, markup=False))
    try:
        server = SparqlServer(graph_dir, host, port, limits, log=log)
    except OSError as exc:
        raise ConfigError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); choose another --host or --port") from None
    out.print(f"serving {server.url} (read-only; Ctrl-C stops)", markup=False)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
