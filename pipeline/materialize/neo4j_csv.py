"""CSV files for ``neo4j-admin database import full``: the bulk road into Neo4j.

For millions of papers, the importer writes the store directly, far faster
than transactions through the driver. ``papergraph export DIR --to neo4j-csv``
writes a folder with:

- one node file per label: ``paper.csv``, ``method.csv`` ... ``result.csv``;
  headers name each property with its type (``authors:string[]``,
  ``value:double``, ``embedding:float[]``) and the id column its id space
  (``id:ID(Paper)``, ``id:ID(Entity)``, ``id:ID(Result)``), so a paper and a
  method may share an id;
- one relationship file per pair of id spaces (``rel-paper-entity.csv`` ...)
  with ``:START_ID(...)``, ``:END_ID(...)``, ``:TYPE`` and the edge properties;
- ``import.sh``, the exact ``neo4j-admin`` command for these files, and
  ``schema.cypher``, the constraints and indexes to create once the imported
  database has started (``cypher-shell -f schema.cypher``).

The schema, labels and properties are those of :mod:`.neo4j` (same
:mod:`.property_graph` underneath), so an import and a driver load give the
same graph. Arrays are separated by U+001F, a character that no title or
sentence holds, where the default ``;`` would split sentences.
"""

from __future__ import annotations

import csv
import math
import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from ..config import Settings
from ..graph import KnowledgeGraph
from ..records import ENTITY_TYPES
from .neo4j import paper_vectors, relationship_key, schema_statements, vector_index_statement
from .property_graph import NODE_LABELS, Edge, Node, iter_edges, iter_nodes

ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_FLAG = "U+001F"

# neo4j-admin type of each property that is not a plain string.
PROPERTY_TYPES: dict[str, str] = {
    "authors": "string[]",
    "aliases": "string[]",
    "sentences": "string[]",
    "derived_from": "string[]",
    "embedding": "float[]",
    "value": "double",
    "from_value": "double",
    "confidence": "double",
    "score": "double",
    "evidence_count": "int",
}


def id_space(label: str) -> str:
    """The importer's id space of a node label: entities share one.

    >>> id_space("Method"), id_space("Paper")
    ('Entity', 'Paper')
    """
    return "Entity" if label in ENTITY_TYPES else label


def node_labels(label: str) -> str:
    """The labels the import command gives a node file.

    >>> node_labels("Method"), node_labels("Result")
    ('Entity:Method', 'Result')
    """
    return f"Entity:{label}" if label in ENTITY_TYPES else label


def node_file_name(label: str) -> str:
    return f"{label.lower()}.csv"


def relationship_file_name(start: str, end: str) -> str:
    """The relationship file of a pair of id spaces.

    >>> relationship_file_name("Paper", "Entity")
    'rel-paper-entity.csv'
    """
    return f"rel-{start.lower()}-{end.lower()}.csv"


def header(column: str) -> str:
    """A property's header cell: its name and, unless a string, its type.

    >>> header("title"), header("authors"), header("value")
    ('title', 'authors:string[]', 'value:double')
    """
    kind = PROPERTY_TYPES.get(column)
    return f"{column}:{kind}" if kind else column


def csv_value(value: Any) -> str:
    """A property value as one CSV field; "" (no property) for None and [].

    >>> csv_value(["Tri Dao", "Dan Fu"]) == "Tri Dao\\x1fDan Fu"
    True
    >>> csv_value(None), csv_value(True), csv_value(0.5), csv_value(float("nan"))
    ('', 'true', '0.5', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    if isinstance(value, (list, tuple)):
        return ARRAY_DELIMITER.join(csv_value(v).replace(ARRAY_DELIMITER, " ") for v in value)
    return str(value)


def vector_text(vector: Sequence[float]) -> str:
    """An embedding as a ``float[]`` field: 9 significant digits, exact for float32.

    >>> vector_text([0.5, -0.1]) == "0.5\x1f-0.1"
    True
    """
    values = vector.tolist() if hasattr(vector, "tolist") else vector
    return ARRAY_DELIMITER.join([f"{x:.9g}" for x in values])


def node_csv_row(node: Node, columns: Sequence[str], embedding: Sequence[float] | None = None) -> list[str]:
    """One node file row: the id, then each column's value."""
    row = [node.id]
    for column in columns:
        if column == "embedding":
            row.append("" if embedding is None else vector_text(embedding))
        else:
            row.append(csv_value(node.properties.get(column)))
    return row


def relationship_csv_row(edge: Edge, columns: Sequence[str]) -> list[str]:
    """One relationship file row: start id, end id, type, then each column's value."""
    return [
        edge.source.split("/", 1)[1],
        edge.target.split("/", 1)[1],
        edge.type,
        *(csv_value(edge.properties.get(c)) for c in columns),
    ]


def import_command(
    node_files: Sequence[tuple[str, str]],
    relationship_files: Sequence[str],
    *,
    multiline: bool,
    database: str = "neo4j",
) -> list[str]:
    """The ``neo4j-admin`` command (as arguments) that imports the files.

    >>> " ".join(import_command([("Paper", "paper.csv")], ["rel-paper-paper.csv"], multiline=False))
    'neo4j-admin database import full neo4j --overwrite-destination --array-delimiter=U+001F --nodes=Paper=paper.csv --relationships=rel-paper-paper.csv'
    """
    # The database first: --nodes and --relationships take any number of
    # files, so a name after them would be read as one more file.
    command = ["neo4j-admin", "database", "import", "full", database, "--overwrite-destination"]
    command.append(f"--array-delimiter={ARRAY_DELIMITER_FLAG}")
    if multiline:
        command.append("--multiline-fields=true")
    command += [f"--nodes={labels}={name}" for labels, name in node_files]
    command += [f"--relationships={name}" for name in relationship_files]
    return command


class _Files:
    """The CSV writers of an import folder, each opened with its header."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.handles: dict[str, TextIO] = {}
        self.writers: dict[str, Any] = {}
        self.columns: dict[str, list[str]] = {}
        self.rows: dict[str, int] = {}
        self.multiline = False

    def open(self, name: str, head: list[str], columns: list[str]) -> None:
        handle = open(self.folder / name, "w", encoding="utf-8", newline="")
        self.handles[name] = handle
        self.writers[name] = csv.writer(handle, lineterminator="\n")
        self.writers[name].writerow(head)
        self.columns[name] = columns
        self.rows[name] = 0

    def write(self, name: str, row: list[str]) -> None:
        if not self.multiline and any("\n" in v or "\r" in v for v in row):
            self.multiline = True
        self.writers[name].writerow(row)
        self.rows[name] += 1

    def close(self) -> None:
        for handle in self.handles.values():
            handle.close()


def write_neo4j_csv(
    graph: KnowledgeGraph, folder: Path, vectors: dict[str, Sequence[float]] | None = None
) -> dict[str, int]:
    """Write the import folder; returns the rows written per CSV file.

    Args:
        graph: the graph.
        folder: the folder to create and fill.
        vectors: paper id -> embedding, written as ``embedding:float[]``.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    vectors = vectors or {}
    files = _Files(folder)
    try:
        for node in iter_nodes(graph):
            name = node_file_name(node.label)
            if name not in files.columns:
                columns = [c for c in node.properties if c != "id"]
                if node.label == "Paper" and vectors:
                    columns.append("embedding")
                files.open(name, [f"id:ID({id_space(node.label)})", *map(header, columns)], columns)
            embedding = vectors.get(node.id) if node.label == "Paper" else None
            files.write(name, node_csv_row(node, files.columns[name], embedding))
        for edge in iter_edges(graph):
            _, start, end = relationship_key(edge)
            name = relationship_file_name(start, end)
            if name not in files.columns:
                columns = list(edge.properties)
                files.open(name, [f":START_ID({start})", f":END_ID({end})", ":TYPE", *map(header, columns)], columns)
            if not set(edge.properties) <= set(files.columns[name]):
                raise ValueError(f"{name}: properties {sorted(edge.properties)} are not its columns")
            files.write(name, relationship_csv_row(edge, files.columns[name]))
    finally:
        files.close()
    node_files = [(node_labels(label), node_file_name(label)) for label in NODE_LABELS if node_file_name(label) in files.rows]
    relationship_files = [name for name in files.rows if name.startswith("rel-")]
    _write_import_script(folder, import_command(node_files, relationship_files, multiline=files.multiline))
    _write_schema(folder, len(next(iter(vectors.values()))) if vectors else None)
    return dict(files.rows)


def _write_import_script(folder: Path, command: list[str]) -> None:
    lines = [
        "#!/bin/sh",
        "# Import this folder into an empty (or stopped and overwritten) Neo4j database:",
        "#   sh import.sh            (database neo4j; NEO4J_ADMIN names neo4j-admin if not on PATH)",
        "# then start Neo4j and create the constraints and indexes: cypher-shell -f schema.cypher",
        'set -e\ncd "$(dirname "$0")"',
        '"${NEO4J_ADMIN:-neo4j-admin}" database import full "${1:-' + command[4] + '}" \\\n  '
        + " \\\n  ".join(shlex.quote(a) for a in command[5:]),
    ]
    path = folder / "import.sh"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o755)


def _write_schema(folder: Path, dimensions: int | None) -> None:
    statements = schema_statements()
    if dimensions:
        statements.append(vector_index_statement(dimensions))
    (folder / "schema.cypher").write_text("".join(f"{s};\n" for s in statements), encoding="utf-8")


def export_neo4j_csv(graph: KnowledgeGraph, path: Path, settings: Settings) -> None:
    """``papergraph export DIR --to neo4j-csv``: the import folder, with paper embeddings when DIR has them."""
    graph_dir = settings.extra.get("graph_dir")
    write_neo4j_csv(graph, Path(path), paper_vectors(graph_dir) if graph_dir else None)

