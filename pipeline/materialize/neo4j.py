"""Load the graph into Neo4j with the official driver: idempotent and batched.

The schema is DESIGN.md's, written from :mod:`.property_graph`:

- labels ``Paper``, ``Method``, ``Model``, ``Dataset``, ``Hardware``, ``Metric``,
  ``Result``; every entity also carries ``Entity``, so a query can find a name
  without knowing its type and an entity keeps one node if its type changes;
- a uniqueness constraint on ``id`` per label (which also indexes it), made
  before anything is written, and an index on entity names;
- relationship types ``PROPOSES``, ``USES``, ``BUILDS_ON``, ``COMPARES_WITH``,
  ``EVALUATED_ON``, ``RUNS_ON``, ``REPORTS``, ``SIMILAR_TO`` (``score``), the
  derived entity-to-entity ``BUILDS_ON``/``RUNS_ON`` (``derived_from``),
  ``VARIANT_OF`` from a size or checkpoint to its concept's entity, and a
  result's ``MEASURES``/``ON_DATASET``/``ON_HARDWARE``/``VERSUS``; evidence
  (``sentence``, ``component``, ``confidence``...) as relationship properties;
- paper embeddings in ``Paper.embedding`` with the vector index
  ``paper_embedding`` (cosine), so similarity can be asked in Cypher.

Rows are built by pure functions (:func:`node_rows`, :func:`relationship_rows`)
and written with ``UNWIND $rows ... MERGE`` in managed write transactions, one
per batch, which the driver retries on transient errors. ``MERGE`` makes a
second load of the same graph change nothing, and a load of a bigger graph add
only what is new. Labels and relationship types cannot be query parameters, so
each comes from the closed sets above and is checked before it is put in a
query; every value goes in as a parameter.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import GraphDirError
from ..graph import KnowledgeGraph
from ..records import ENTITY_TYPES
from .property_graph import NODE_LABELS, Edge, Node, iter_edges, iter_nodes

if TYPE_CHECKING:
    from neo4j import Driver, ManagedTransaction

DEFAULT_BATCH_SIZE = 5_000
VECTOR_INDEX = "paper_embedding"
INDEX_WAIT_SECONDS = 600

# Where each node key's prefix (see property_graph.node_key) is matched: an
# entity by its Entity label, whatever its type.
_MATCH_LABEL = {"paper": "Paper", "result": "Result", **{t.lower(): "Entity" for t in ENTITY_TYPES}}
_SAFE_NAME = re.compile(r"[A-Z][A-Za-z0-9_]*")

K = TypeVar("K")


# ------------------------------------------------------------------ schema


def schema_statements() -> list[str]:
    """Constraints and indexes, each safe to run again (``IF NOT EXISTS``).

    >>> schema_statements()[0]
    'CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE'
    """
    statements = [
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in (*NODE_LABELS, "Entity")
    ]
    statements.append("CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)")
    return statements


def vector_index_statement(dimensions: int) -> str:
    """The vector index on paper embeddings.

    >>> vector_index_statement(384)  # doctest: +NORMALIZE_WHITESPACE
    "CREATE VECTOR INDEX paper_embedding IF NOT EXISTS FOR (p:Paper) ON p.embedding
     OPTIONS {indexConfig: {`vector.dimensions`: 384, `vector.similarity_function`: 'cosine'}}"
    """
    return (
        f"CREATE VECTOR INDEX {VECTOR_INDEX} IF NOT EXISTS FOR (p:Paper) ON p.embedding "
        f"OPTIONS {{indexConfig: {{`vector.dimensions`: {int(dimensions)}, "
        "`vector.similarity_function`: 'cosine'}}"
    )


# ----------------------------------------------------------------- rows


def node_row(node: Node, embedding: Sequence[float] | None = None) -> dict[str, Any]:
    """One node as the parameters of its ``MERGE``: its id and properties.

    A property that is None (or an empty list) stays in the row as None:
    ``SET n += row.props`` then removes a value an earlier load wrote and this
    graph no longer has.

    >>> from pipeline.materialize.property_graph import Node
    >>> node_row(Node("method/fa", "Method", "fa", "FlashAttention", {"id": "fa", "name": "FlashAttention"}))
    {'id': 'fa', 'props': {'name': 'FlashAttention'}}
    """
    row: dict[str, Any] = {"id": node.id, "props": _props(node.properties)}
    if embedding is not None:
        row["embedding"] = embedding.tolist() if hasattr(embedding, "tolist") else [float(x) for x in embedding]
    return row


def relationship_key(edge: Edge) -> tuple[str, str, str]:
    """(type, start label, end label): the rows one query writes.

    >>> from pipeline.materialize.property_graph import Edge
    >>> relationship_key(Edge("paper/p", "BUILDS_ON", "method/fa", {}))
    ('BUILDS_ON', 'Paper', 'Entity')
    """
    return edge.type, _MATCH_LABEL[edge.source.split("/", 1)[0]], _MATCH_LABEL[edge.target.split("/", 1)[0]]


def relationship_row(edge: Edge) -> dict[str, Any]:
    """One edge as the parameters of its ``MERGE``: both ends' ids and its properties.

    >>> from pipeline.materialize.property_graph import Edge
    >>> relationship_row(Edge("paper/hep-th/9901001", "SIMILAR_TO", "paper/p2", {"score": 0.8}))
    {'source': 'hep-th/9901001', 'target': 'p2', 'props': {'score': 0.8}}
    """
    return {
        "source": edge.source.split("/", 1)[1],
        "target": edge.target.split("/", 1)[1],
        "props": _props(edge.properties),
    }


def _props(properties: Mapping[str, Any]) -> dict[str, Any]:
    # An empty list is no value, as in the neo4j-admin import: a CSV field
    # cannot tell [] from a missing array.
    return {k: None if v == [] else v for k, v in properties.items() if k != "id"}


def node_rows(
    graph: KnowledgeGraph, vectors: Mapping[str, Sequence[float]] | None = None
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(label, row) for every node; papers carry their embedding when ``vectors`` has one."""
    vectors = vectors or {}
    for node in iter_nodes(graph):
        yield node.label, node_row(node, vectors.get(node.id) if node.label == "Paper" else None)


def relationship_rows(graph: KnowledgeGraph) -> Iterator[tuple[tuple[str, str, str], dict[str, Any]]]:
    """((type, start label, end label), row) for every edge."""
    for edge in iter_edges(graph):
        yield relationship_key(edge), relationship_row(edge)


# --------------------------------------------------------------- queries


def _checked(name: str, allowed: Iterable[str] | None = None) -> str:
    if not _SAFE_NAME.fullmatch(name) or (allowed is not None and name not in allowed):
        raise ValueError(f"{name!r} is not a label or relationship type of the schema")
    return name


def node_query(label: str) -> str:
    """The ``UNWIND ... MERGE`` that writes a batch of ``label`` rows.

    >>> print(node_query("Method"))
    UNWIND $rows AS row
    MERGE (n:Entity {id: row.id})
    SET n += row.props, n:Method
    REMOVE n:Model:Dataset:Hardware:Metric
    """
    label = _checked(label, NODE_LABELS)
    if label in ENTITY_TYPES:
        others = ":".join(t for t in ENTITY_TYPES if t != label)
        return f"UNWIND $rows AS row\nMERGE (n:Entity {{id: row.id}})\nSET n += row.props, n:{label}\nREMOVE n:{others}"
    query = f"UNWIND $rows AS row\nMERGE (n:{label} {{id: row.id}})\nSET n += row.props"
    if label == "Paper":
        # float32 storage, as the vector index reads it
        query += (
            "\nWITH n, row WHERE row.embedding IS NOT NULL"
            "\nCALL db.create.setNodeVectorProperty(n, 'embedding', row.embedding)"
        )
    return query


def relationship_query(rel_type: str, start: str, end: str) -> str:
    """The ``UNWIND ... MERGE`` that writes a batch of one relationship key's rows.

    >>> print(relationship_query("BUILDS_ON", "Paper", "Entity"))
    UNWIND $rows AS row
    MATCH (a:Paper {id: row.source})
    MATCH (b:Entity {id: row.target})
    MERGE (a)-[r:BUILDS_ON]->(b)
    SET r = row.props
    """
    ends = set(_MATCH_LABEL.values())
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{_checked(start, ends)} {{id: row.source}})\n"
        f"MATCH (b:{_checked(end, ends)} {{id: row.target}})\n"
        f"MERGE (a)-[r:{_checked(rel_type)}]->(b)\n"
        "SET r = row.props"
    )


def batched_by(rows: Iterable[tuple[K, dict[str, Any]]], size: int) -> Iterator[tuple[K, list[dict[str, Any]]]]:
    """Rows grouped by key into lists of at most ``size``, each given as soon as it is full.

    >>> [(k, len(b)) for k, b in batched_by([("a", {}), ("b", {}), ("a", {}), ("a", {})], 2)]
    [('a', 2), ('a', 1), ('b', 1)]
    """
    if size < 1:
        raise ValueError(f"batch size must be 1 or more, got {size}")
    buffers: dict[K, list[dict[str, Any]]] = {}
    for key, row in rows:
        buffer = buffers.setdefault(key, [])
        buffer.append(row)
        if len(buffer) >= size:
            yield key, buffer
            buffers[key] = []
    for key, buffer in buffers.items():
        if buffer:
            yield key, buffer


# ----------------------------------------------------------------- loading


@dataclass
class LoadSummary:
    """What a load wrote: rows sent per label and type, and what the server changed."""

    nodes: Counter = field(default_factory=Counter)
    relationships: Counter = field(default_factory=Counter)
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    embeddings: int = 0
    batches: int = 0
    seconds: float = 0.0
    # seconds per phase: "schema", "nodes", "relationships", "indexes"
    phases: dict[str, float] = field(default_factory=dict)

    def add(self, counters: Any) -> None:
        self.nodes_created += counters.nodes_created
        self.relationships_created += counters.relationships_created
        self.properties_set += counters.properties_set
        self.batches += 1


def _write_batch(tx: ManagedTransaction, query: str, rows: list[dict[str, Any]]) -> Any:
    return tx.run(query, rows=rows).consume().counters


def load_graph(
    driver: Driver,
    graph: KnowledgeGraph,
    *,
    database: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    vectors: Mapping[str, Sequence[float]] | None = None,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> LoadSummary:
    """Write the graph into Neo4j: schema, nodes, relationships, vector index.

    Args:
        driver: a connected driver (see :func:`pipeline.connection.open_driver`).
        graph: the graph to write.
        database: the database; None for the server's default.
        batch_size: rows per transaction.
        vectors: paper id -> embedding; papers without one get no embedding.
        progress: called as (stage, rows done, rows in all) after each batch.

    Returns:
        Rows sent per label and type, and the server's counters.
    """
    started = time.perf_counter()
    summary = LoadSummary()
    clock = [started]

    def phase(name: str) -> None:
        now = time.perf_counter()
        summary.phases[name] = now - clock[0]
        clock[0] = now

    total_nodes = len(graph.papers) + len(graph.entities) + len(graph.results)
    with driver.session(database=database) as session:
        for statement in schema_statements():
            session.run(statement).consume()
        phase("schema")
        done = 0
        for label, batch in batched_by(node_rows(graph, vectors), batch_size):
            summary.add(session.execute_write(_write_batch, node_query(label), batch))
            summary.nodes[label] += len(batch)
            summary.embeddings += sum(1 for row in batch if "embedding" in row)
            done += len(batch)
            if progress is not None:
                progress("nodes", done, total_nodes)
        phase("nodes")
        done = 0
        for key, batch in batched_by(relationship_rows(graph), batch_size):
            summary.add(session.execute_write(_write_batch, relationship_query(*key), batch))
            summary.relationships[key[0]] += len(batch)
            done += len(batch)
            if progress is not None:
                progress("relationships", done, None)
        phase("relationships")
        if summary.embeddings:
            dimensions = len(next(iter(vectors.values())))  # type: ignore[union-attr]
            session.run(vector_index_statement(dimensions)).consume()
        # Indexes fill in the background; wait, so queries right after a load
        # (the vector search above all) see every node.
        session.run("CALL db.awaitIndexes($seconds)", seconds=INDEX_WAIT_SECONDS).consume()
        phase("indexes")
    summary.seconds = time.perf_counter() - started
    return summary


def paper_vectors(graph_dir: Path) -> dict[str, Sequence[float]]:
    """Paper id -> embedding from ``DIR/embeddings``; empty when the build has none.

    The rows are views into one matrix: nothing is copied until a batch is written.
    """
    if not (Path(graph_dir) / "embeddings").exists():
        return {}
    from ..embed import load_paper_vectors

    ids, matrix = load_paper_vectors(Path(graph_dir))
    if len(ids) != len(matrix):
        raise GraphDirError(f"{graph_dir}/embeddings: {len(ids)} paper ids but {len(matrix)} vectors; rebuild the graph")
    return dict(zip(ids, matrix))


def load_graph_dir(
    driver: Driver,
    graph_dir: Path,
    *,
    database: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> LoadSummary:
    """Load a build folder: its ``graph.jsonl`` and, when there, its paper embeddings."""
    from ..graph import read_graph

    graph = read_graph(Path(graph_dir) / "graph.jsonl")
    return load_graph(
        driver, graph, database=database, batch_size=batch_size, vectors=paper_vectors(graph_dir), progress=progress
    )
