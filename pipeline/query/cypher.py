"""Cypher against Neo4j: ad hoc queries and the saved ones in ``saved/*.cypher``.

Values always go in as query parameters (``$name``), never into the query text.
Results come back as plain Python values (a node as its properties plus
``_labels``, a relationship as its properties plus ``_type``), ready for a
table, JSON or CSV.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..errors import QueryError

if TYPE_CHECKING:
    from neo4j import Driver

SAVED_SUFFIX = ".cypher"


def run_cypher(
    query: str,
    params: dict,
    *,
    uri: str | None = None,
    user: str | None = None,
    database: str | None = None,
) -> tuple[list[str], list[dict]]:
    """Run one Cypher query on the Neo4j of ``uri`` (else ``NEO4J_URI``).

    The password comes from ``NEO4J_PASSWORD``, else a prompt on a terminal.

    Args:
        query: the Cypher text; user values go in ``params``, named ``$name``.
        params: parameter values.
        uri, user, database: where to run it; None takes the environment.

    Returns:
        The column names and one dict per row, with plain Python values.

    Raises:
        Neo4jError: unreachable server, refused credentials, missing database.
        QueryError: a query the server rejects (syntax, a missing parameter ...).
    """
    from ..connection import open_driver

    with open_driver(uri, user, database) as (driver, target):
        return cypher_rows(driver, query, params, database=target.database)


def cypher_rows(
    driver: Driver, query: str, params: Mapping[str, Any], *, database: str | None = None
) -> tuple[list[str], list[dict]]:
    """Run a query on a connected driver; (columns, rows) as :func:`run_cypher` gives them."""
    from neo4j.exceptions import ClientError

    try:
        with driver.session(database=database) as session:
            result = session.run(query, dict(params))  # type: ignore[arg-type]
            columns = list(result.keys())
            rows = [{column: plain(record[column]) for column in columns} for record in result]
    except ClientError as exc:
        if exc.code == "Neo.ClientError.Database.DatabaseNotFound":
            raise  # a connection problem: open_driver words it
        raise QueryError(f"Neo4j rejected the query: {server_message(exc)}") from None
    return columns, rows


def server_message(exc: Exception) -> str:
    """The first line of the server's message (a syntax error goes on with a caret)."""
    message = (getattr(exc, "message", None) or str(exc)).strip()
    return message.splitlines()[0] if message else type(exc).__name__


def plain(value: Any) -> Any:
    """A driver value as plain Python: JSON-ready apart from floats and ints.

    >>> plain([1, {"a": (2, 3)}])
    [1, {'a': [2, 3]}]
    """
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"_type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {
            "nodes": [plain(n) for n in value.nodes],
            "relationships": [plain(r) for r in value.relationships],
        }
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "iso_format"):  # neo4j.time Date, DateTime, Duration ...
        return value.iso_format()
    return value


def saved_cypher_names() -> list[str]:
    """The names of the saved Cypher queries shipped in the package."""
    folder = resources.files("pipeline.query").joinpath("saved")
    return sorted(p.name[: -len(SAVED_SUFFIX)] for p in folder.iterdir() if p.name.endswith(SAVED_SUFFIX))


def saved_cypher(name: str) -> str:
    """The text of a saved Cypher query.

    Raises:
        QueryError: no saved query of that name; the message lists them.
    """
    path = resources.files("pipeline.query").joinpath("saved", f"{name}{SAVED_SUFFIX}")
    if not path.is_file():
        raise QueryError(f"no saved Cypher query {name!r}; saved: {', '.join(saved_cypher_names())}")
    return path.read_text(encoding="utf-8")
