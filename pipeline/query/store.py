"""The embedded SPARQL store: an Oxigraph database in ``DIR/store``.

A build writes the store once, from the Turtle it has just written (the
default graph), with the ontology and the extractor's vocabulary beside it in
named graphs of their own (``ONTOLOGY_GRAPH``, ``VOCABULARY_GRAPH``): a query
reaches what the vocabulary knows (``pg:successorOf``, definitions) by naming
that graph, and the graph's own answers stay apart from it. Queries
open it read-only, so any number of readers (the CLI, each worker of
``papergraph serve``) share it. Oxigraph was chosen over rdflib's own store by
``benchmarks/rdf_speed.py``: on a graph of a million triples it loads and
answers the builds-on property path orders of magnitude faster (README).

Queries are run with their parameters bound by Oxigraph (SPARQL substitutions),
never by pasting user input into the query text.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..config import Settings
from ..errors import GraphDirError, QueryError
from ..extract.vocabulary import VOCAB_NS, default_vocabulary_dir
from ..graph import KnowledgeGraph

STORE_DIR = "store"
ONTOLOGY_GRAPH = ox.NamedNode("https://w3id.org/papergraph/ontology")
VOCABULARY_GRAPH = ox.NamedNode(VOCAB_NS)
SAVED_DIR = Path(__file__).resolve().parent / "saved"

# Answer kinds of a SPARQL query.
Answer = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


# -------------------------------------------------------------------- build


def build_store(graph: KnowledgeGraph, out_dir: Path, settings: Settings, report: dict) -> None:
    """Write the store of a build into ``out_dir/store`` (a ``BUILD_WRITERS`` entry).

    Loads ``graph.ttl`` when the build wrote it (Oxigraph parses it faster than
    Python makes the triples again), else the triples of the graph; then the
    ontology and the vocabulary into their named graphs.
    """
    from ..materialize.rdf import graph_triples
    from ..vocab import ontology_file

    path = out_dir / STORE_DIR
    turtle = out_dir / "graph.ttl"
    started = time.perf_counter()
    store = ox.Store(str(path))
    if turtle.exists():
        store.bulk_load(path=str(turtle), format=ox.RdfFormat.TURTLE)
    else:
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in graph_triples(graph, settings.base))
    store.bulk_load(path=str(ontology_file()), format=ox.RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)
    for vocabulary_file in sorted(default_vocabulary_dir().glob("*.ttl")):
        store.bulk_load(path=str(vocabulary_file), format=ox.RdfFormat.TURTLE, to_graph=VOCABULARY_GRAPH)
    store.optimize()
    store.flush()
    # The two named graphs are small; the graph's own triples are the rest
    # (counted by Oxigraph, not walked in Python: a big graph has millions).
    ontology, vocabulary = _graph_size(store, ONTOLOGY_GRAPH), _graph_size(store, VOCABULARY_GRAPH)
    sizes = {"triples": len(store) - ontology - vocabulary, "ontology_triples": ontology, "vocabulary_triples": vocabulary}
    del store  # closes the database before the build folder is renamed
    report["store"] = {
        "path": STORE_DIR,
        "engine": f"oxigraph {ox.__version__}",
        **sizes,
        "seconds": round(time.perf_counter() - started, 3),
    }


def _graph_size(store: ox.Store, graph: ox.NamedNode) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, graph))


# --------------------------------------------------------------------- open


def store_path(graph_dir: Path) -> Path:
    return Path(graph_dir) / STORE_DIR


def open_store(graph_dir: Path) -> ox.Store:
    """The store of a build folder, read-only.

    Raises:
        GraphDirError: the folder has no store, or it cannot be opened.
    """
    path = store_path(graph_dir)
    if not (path / "CURRENT").exists():
        raise GraphDirError(
            f"{path}: no SPARQL store here; build one with `papergraph build INPUT --out {graph_dir}`"
        )
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise GraphDirError(f"{path}: the store cannot be opened ({exc}); rebuild it with `papergraph build`") from None


def query_prefixes(graph_dir: Path | None = None) -> dict[str, str]:
    """Prefixes every query may use without declaring them: the ontology's and
    other vocabularies', and ``paper:``, ``method:`` ... of the build's base IRI."""
    from ..materialize.rdf import output_prefixes

    base = _build_base(graph_dir) if graph_dir is not None else None
    return output_prefixes(base or Settings().base)


def _build_base(graph_dir: Path) -> str | None:
    from ..materialize import _build_base as base_of

    return base_of(Path(graph_dir))


# -------------------------------------------------------------- parameters

_INTEGER = re.compile(r"[+-]?\d+$")
_DECIMAL = re.compile(r"[+-]?\d*\.\d+$")


def sparql_term(value: str) -> ox.NamedNode | ox.Literal:
    """A ``--param`` value as an RDF term.

    ``<...>`` or an absolute http(s)/urn IRI is an IRI; a number is an
    ``xsd:integer`` or ``xsd:decimal``; ``"..."`` is the string inside; anything
    else is a string.

    >>> sparql_term("FlashAttention").value, sparql_term("7").datatype.value[-7:]
    ('FlashAttention', 'integer')
    >>> sparql_term("<https://w3id.org/papergraph/method/lora>")
    <NamedNode value=https://w3id.org/papergraph/method/lora>
    """
    try:
        if value.startswith("<") and value.endswith(">"):
            return ox.NamedNode(value[1:-1])
        if value.startswith(("http://", "https://", "urn:")):
            return ox.NamedNode(value)
    except ValueError as exc:
        raise QueryError(f"parameter value {value!r} is not a valid IRI ({exc})") from None
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return ox.Literal(value[1:-1])
    if _INTEGER.match(value):
        return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    if _DECIMAL.match(value):
        return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
    return ox.Literal(value)


def run_query(
    store: ox.Store,
    sparql: str,
    params: dict[str, ox.NamedNode | ox.Literal] | None = None,
    prefixes: dict[str, str] | None = None,
) -> Answer:
    """Run a SPARQL 1.1 query with its parameters bound.

    Args:
        store: an open store.
        sparql: the query (SELECT, ASK, CONSTRUCT or DESCRIBE).
        params: variable name (without '?') -> the term it is bound to. Oxigraph
            binds only variables the query projects: ``SELECT *`` or name them.
        prefixes: prefixes the query may use undeclared.

    Returns:
        Solutions, a boolean, or triples, evaluated lazily as they are read.

    Raises:
        QueryError: the query does not parse, or a parameter is not projected.
    """
    substitutions = {ox.Variable(name): term for name, term in (params or {}).items()}
    try:
        return store.query(sparql, prefixes=prefixes, substitutions=substitutions or None)
    except SyntaxError as exc:
        message = " ".join(str(exc).split())  # the parser's message can span lines
        raise QueryError(f"the SPARQL query does not parse: {message}") from None
    except RuntimeError as exc:
        raise QueryError(f"the SPARQL query cannot run: {exc}") from None
    except OSError as exc:
        raise GraphDirError(f"the store cannot be read ({exc}); rebuild it with `papergraph build`") from None


# ------------------------------------------------------------ saved queries


@dataclass(frozen=True)
class SavedQuery:
    """A ``.rq`` file and what its header says.

    The header is the file's leading ``#`` lines: the first is the summary;
    ``# param NAME: what it is`` declares a parameter the query needs.
    """

    name: str
    text: str
    summary: str
    params: tuple[tuple[str, str], ...]


_PARAM = re.compile(r"#\s*param\s+\??(\w+)\s*:\s*(.*)")


def parse_saved(name: str, text: str) -> SavedQuery:
    """A query and its header.

    >>> q = parse_saved("x", "# Papers.\\n# param name: a method\\nSELECT * {}")
    >>> q.summary, q.params
    ('Papers.', (('name', 'a method'),))
    """
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    params = tuple((m.group(1), m.group(2).strip()) for m in map(_PARAM.match, header) if m)
    summary = next((h.lstrip("# ").strip() for h in header if not _PARAM.match(h)), "")
    return SavedQuery(name=name, text=text, summary=summary, params=params)


def saved_queries() -> dict[str, SavedQuery]:
    """The queries shipped in ``pipeline/query/saved``, by name (file stem)."""
    return {
        path.stem: parse_saved(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(SAVED_DIR.glob("*.rq"))
    }


def load_query(spec: str) -> SavedQuery:
    """A query file, or the saved query of that name.

    Raises:
        QueryError: neither a readable file nor a saved query's name.
    """
    path = Path(spec)
    if path.is_file():
        try:
            return parse_saved(path.stem, path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{path}: cannot read the query ({exc})") from None
    saved = saved_queries()
    if spec in saved:
        return saved[spec]
    raise QueryError(f"{spec}: no such file, nor a saved query (saved: {', '.join(saved)})")


def bind_params(query: SavedQuery, given: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """The given ``--param`` values as terms, checked against what the query declares.

    Raises:
        QueryError: a declared parameter is missing; the message lists them.
    """
    missing = [(name, help_) for name, help_ in query.params if name not in given]
    if missing:
        wanted = "; ".join(f"--param {name}=... ({help_})" for name, help_ in missing)
        raise QueryError(f"query {query.name} needs {wanted}")
    return {name: sparql_term(value) for name, value in given.items()}


# ---------------------------------------------------------------- answers


def term_text(term: Any, prefixes: dict[str, str] | None = None) -> str:
    """A term as a person reads it: an IRI shortened by a prefix, a literal's value.

    >>> term_text(ox.NamedNode("https://w3id.org/papergraph/ontology#Paper"), {"pg": "https://w3id.org/papergraph/ontology#"})
    'pg:Paper'
    >>> term_text(ox.Literal("0.9", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))), term_text(None)
    ('0.9', '')
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in (prefixes or {}).items():
            if term.value.startswith(namespace) and len(term.value) > len(namespace):
                return f"{prefix}:{term.value[len(namespace):]}"
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def answer_rows(answer: Answer) -> tuple[list[str], list[list[Any]]]:
    """Column names and rows of terms (None where unbound) of a SELECT or ASK."""
    if isinstance(answer, ox.QueryBoolean):
        return ["answer"], [[ox.Literal("true" if bool(answer) else "false")]]
    if isinstance(answer, ox.QuerySolutions):
        columns = [v.value for v in answer.variables]
        return columns, [list(solution) for solution in answer]
    raise QueryError("a CONSTRUCT or DESCRIBE query gives triples, not rows")


RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
                  "tsv": ox.QueryResultsFormat.TSV, "xml": ox.QueryResultsFormat.XML}
TRIPLE_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                  "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}


def serialize_answer(answer: Answer, fmt: str, prefixes: dict[str, str] | None = None) -> bytes:
    """An answer in a standard format.

    Args:
        answer: what :func:`run_query` gave.
        fmt: for solutions and booleans ``json`` (SPARQL 1.1 Query Results
            JSON), ``csv``, ``tsv`` or ``xml``; for triples ``turtle``, ``nt``,
            ``jsonld`` or ``rdfxml``.
        prefixes: prefixes for Turtle.

    Raises:
        QueryError: the format does not fit the answer.
    """
    if isinstance(answer, ox.QueryTriples):
        if fmt not in TRIPLE_FORMATS:
            raise QueryError(f"a CONSTRUCT or DESCRIBE query gives triples: choose one of {', '.join(TRIPLE_FORMATS)}")
        return ox.serialize(answer, format=TRIPLE_FORMATS[fmt], prefixes=prefixes)
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"a SELECT or ASK query gives results: choose one of {', '.join(RESULT_FORMATS)}")
    if isinstance(answer, ox.QueryBoolean) and fmt in ("csv", "tsv"):
        # SPARQL's CSV/TSV results have no form for a boolean; one column will do.
        return f"answer\r\n{'true' if bool(answer) else 'false'}\r\n".encode()
    return answer.serialize(format=RESULT_FORMATS[fmt])

