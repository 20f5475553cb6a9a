"""The embedded SPARQL store, the saved queries and `papergraph query`."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

from pipeline.config import Settings
from pipeline.errors import GraphDirError, QueryError
from pipeline.graph import KnowledgeGraph
from pipeline.materialize import BUILD_WRITERS, write_report, writer
from pipeline.query.store import (
    ONTOLOGY_GRAPH,
    VOCABULARY_GRAPH,
    answer_rows,
    bind_params,
    load_query,
    open_store,
    query_prefixes,
    run_query,
    saved_queries,
    sparql_term,
    term_text,
)

from .conftest import ROOT, in_ci
from .hand_graph import BUILDS_ON_FLASHATTENTION, hand_graph
from .test_cli import run_cli

SETTINGS = Settings(embed=False)
SAVED = ("builds_on", "evaluated_on_dataset", "method_hardware", "method_lineage", "method_versions", "results_for_metric")


def build_folder(graph: KnowledgeGraph, folder: Path, settings: Settings = SETTINGS) -> Path:
    """A build folder of ``graph``, written by the build's own writers (no extractor)."""
    folder.mkdir(parents=True, exist_ok=True)
    report: dict = {"settings": {"base": settings.base}}
    for name in ("graph.jsonl", "graph.ttl", "store"):
        writer(*BUILD_WRITERS[name])(graph, folder, settings, report)
    write_report(report, folder)
    return folder


@pytest.fixture(scope="module")
def hand_dir(tmp_path_factory) -> Path:
    return build_folder(hand_graph(), tmp_path_factory.mktemp("hand") / "graph")


@pytest.fixture(scope="module")
def page_dir(tmp_path_factory, shared_page) -> Path:
    """The shared page built for real (extractor included; no embeddings)."""
    from pipeline.build import run

    out = tmp_path_factory.mktemp("page") / "graph"
    run([shared_page], out, settings=SETTINGS)
    return out


def saved_rows(graph_dir: Path, query_name: str, **params: str) -> list[dict[str, str]]:
    query = saved_queries()[query_name]
    prefixes = query_prefixes(graph_dir)
    columns, rows = answer_rows(run_query(open_store(graph_dir), query.text, bind_params(query, params), prefixes))
    return [dict(zip(columns, (term_text(t, prefixes) for t in row))) for row in rows]


# ------------------------------------------------------------------ build


def test_store_build_loads_every_triple(hand_dir):
    report = json.loads((hand_dir / "report.json").read_text())
    turtle = ox.Dataset(ox.parse(path=str(hand_dir / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    assert report["store"]["triples"] == len(turtle) == report["rdf"]["triples"]
    assert report["store"]["engine"].startswith("oxigraph")
    store = open_store(hand_dir)
    default_graph = set(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert default_graph == {ox.Quad(q.subject, q.predicate, q.object) for q in turtle}


def test_store_keeps_ontology_and_vocabulary_in_their_own_graphs(hand_dir):
    report = json.loads((hand_dir / "report.json").read_text())["store"]
    store = open_store(hand_dir)
    assert set(store.named_graphs()) == {ONTOLOGY_GRAPH, VOCABULARY_GRAPH}
    concepts = "SELECT (COUNT(*) AS ?n) WHERE { ?c a <http://www.w3.org/2004/02/skos/core#Concept> }"
    in_vocabulary = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/papergraph/vocab/> { ?c a <http://www.w3.org/2004/02/skos/core#Concept> } }"
    # Over a thousand concepts, none of which leaks into the graph's own answers.
    assert int(next(iter(store.query(in_vocabulary)))["n"].value) > 1000
    assert int(next(iter(store.query(concepts)))["n"].value) == 0
    assert report["vocabulary_triples"] > 5000 and report["ontology_triples"] > 100
    successor = ox.Quad(ox.NamedNode("https://w3id.org/papergraph/vocab/method/flashattention-2"),
                        ox.NamedNode("https://w3id.org/papergraph/ontology#successorOf"),
                        ox.NamedNode("https://w3id.org/papergraph/vocab/method/flashattention"), VOCABULARY_GRAPH)
    assert successor in store


def test_store_is_opened_read_only(hand_dir):
    store = open_store(hand_dir)
    with pytest.raises(RuntimeError, match="read-write"):
        store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")


def test_store_missing_is_a_clear_error(tmp_path):
    with pytest.raises(GraphDirError, match=r"store: no SPARQL store here; build one with `papergraph build INPUT --out"):
        open_store(tmp_path)


def test_store_params_are_bound_not_pasted(hand_dir):
    # A value that would break out of a string literal if pasted stays a value.
    rows = saved_rows(hand_dir, "builds_on", name='FlashAttention" } UNION { ?paper ?p ?o')
    assert rows == []


@pytest.mark.parametrize(
    "value, expected",
    [
        ("FlashAttention", ox.Literal("FlashAttention")),
        ("<https://w3id.org/papergraph/method/x>", ox.NamedNode("https://w3id.org/papergraph/method/x")),
        ("https://w3id.org/papergraph/method/x", ox.NamedNode("https://w3id.org/papergraph/method/x")),
        ("42", ox.Literal("42", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
        ("0.5", ox.Literal("0.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))),
        ('"42"', ox.Literal("42")),
    ],
)
def test_store_sparql_term(value, expected):
    assert sparql_term(value) == expected


# ---------------------------------------------------------- saved queries


def test_store_saved_queries_are_shipped_with_their_parameter():
    saved = saved_queries()
    assert tuple(sorted(saved)) == SAVED
    for query in saved.values():
        assert query.summary and [name for name, _ in query.params] == ["name"]


def test_store_saved_query_needs_its_parameter():
    with pytest.raises(QueryError, match=r"query builds_on needs --param name=\.\.\. \(the method's name or an alias"):
        bind_params(load_query("builds_on"), {})


def test_store_saved_builds_on(hand_dir):
    rows = saved_rows(hand_dir, "builds_on", name="flash attention")
    assert {r["id"]: r["direct"] for r in rows} == {"2307.08691": "true", "2407.08608": "false"}
    assert {r["id"] for r in rows} == BUILDS_ON_FLASHATTENTION
    # A direct hit has its pg:buildsOn's confidence (the hand graph's evidence is 0.9); a chain has none.
    assert {r["id"]: r["confidence"] for r in rows} == {"2307.08691": "0.9", "2407.08608": ""}


def test_store_saved_method_hardware(hand_dir):
    rows = saved_rows(hand_dir, "method_hardware", name="FlashAttention-2")
    assert [(r["hardwareName"], r["how"], r["papers"]) for r in rows] == [
        ("A100", "result", "2307.08691"),
        ("A100", "runs on", "2307.08691"),
        ("H100", "baseline", "2407.08608"),
    ]


def test_store_saved_evaluated_on_dataset(hand_dir):
    rows = saved_rows(hand_dir, "evaluated_on_dataset", name="path-x")
    assert [r["id"] for r in rows] == ["2205.14135"]


def test_store_saved_results_for_metric(hand_dir):
    rows = saved_rows(hand_dir, "results_for_metric", name="Throughput")
    assert [(r["id"], r["value"], r["unit"], r["hardware"], r["baseline"]) for r in rows] == [
        ("2307.08691", "225", "TFLOPs/s", "A100", "")
    ]
    assert "225 TFLOPs/s per A100" in rows[0]["sentence"]


def test_store_saved_method_lineage(hand_dir):
    rows = saved_rows(hand_dir, "method_lineage", name="FlashAttention-2")
    assert [(r["direction"], r["fromName"], r["toName"], r["papers"]) for r in rows] == [
        ("ancestor", "FlashAttention-2", "FlashAttention", "2307.08691"),
        ("descendant", "FlashAttention-3", "FlashAttention-2", "2407.08608"),
    ]



def test_store_saved_method_versions(hand_dir):
    rows = saved_rows(hand_dir, "method_versions", name="flash attention 2")
    # The versions come from the vocabulary; the hand graph's entities name no
    # vocabulary concept (skos:exactMatch), so no paper is tied to a version.
    assert [(r["direction"], r["versionName"], r["papers"]) for r in rows] == [
        ("earlier", "FlashAttention", ""),
        ("later", "FlashAttention-3", ""),
    ]

def _titles(rows: list[dict[str, str]]) -> set[str]:
    return {r["title"] for r in rows}


def test_store_saved_builds_on_shared_page(page_dir):
    rows = saved_rows(page_dir, "builds_on", name="FlashAttention")
    assert _titles(rows) == {
        "FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning",
        "The I/O Complexity of Attention, or How Optimal is Flash Attention?",
    }


def test_store_saved_method_hardware_shared_page(page_dir):
    rows = saved_rows(page_dir, "method_hardware", name="FlashAttention-2")
    assert "A100" in {r["hardwareName"] for r in rows}


def test_store_saved_method_lineage_shared_page(page_dir):
    rows = saved_rows(page_dir, "method_lineage", name="FlashAttention-2")
    assert ("ancestor", "FlashAttention-2", "FlashAttention") in {(r["direction"], r["fromName"], r["toName"]) for r in rows}



def test_store_saved_method_versions_shared_page(page_dir):
    rows = saved_rows(page_dir, "method_versions", name="FlashAttention")
    versions = {r["versionName"]: set(filter(None, r["papers"].split("; "))) for r in rows if r["direction"] == "later"}
    assert set(versions) == {"FlashAttention-2", "FlashAttention-3"}
    assert versions["FlashAttention-3"] == set()  # known to the vocabulary, named by no paper of the page
    assert {
        "flashattention-2-faster-attention-with-better-parallelism-and-work-partitioning (proposes)",
        "gated-linear-attention-transformers-with-hardware-efficient-training (comparesWith)",
    } <= versions["FlashAttention-2"]
    assert not any(p.startswith("gated-linear") and "(buildsOn)" in p for p in versions["FlashAttention-2"])

def test_store_saved_evaluated_on_dataset_shared_page(page_dir):
    rows = saved_rows(page_dir, "evaluated_on_dataset", name="Path-X")
    assert "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness" in _titles(rows)


def test_store_saved_results_for_metric_shared_page(page_dir):
    rows = saved_rows(page_dir, "results_for_metric", name="training speed")
    fa2 = [r for r in rows if r["id"].startswith("flashattention-2")]
    assert [(r["value"], r["unit"], r["hardware"]) for r in fa2] == [("225", "TFLOPs/s", "A100")]


# ------------------------------------------------------------------- CLI


def test_store_query_cli_table(capsys, hand_dir):
    code, out, err = run_cli(
        capsys, "query", "--graph", str(hand_dir),
        "--sparql", "SELECT ?id WHERE { ?p a pg:Paper ; dcterms:identifier ?id } ORDER BY ?id",
    )
    assert code == 0, err
    assert out.index("2205.14135") < out.index("2211.17192") < out.index("2407.08608")
    assert out.rstrip().endswith("5 rows")


def test_store_query_cli_json_is_sparql_results_json(capsys, hand_dir):
    code, out, err = run_cli(
        capsys, "query", "--graph", str(hand_dir), "--sparql-file", "builds_on",
        "--param", "name=FlashAttention", "--format", "json",
    )
    assert code == 0, err
    results = json.loads(out)
    assert results["head"]["vars"] == ["name", "method", "id", "title", "direct", "confidence", "paper"]
    assert {b["id"]["value"] for b in results["results"]["bindings"]} == BUILDS_ON_FLASHATTENTION
    assert results["results"]["bindings"][0]["paper"]["type"] == "uri"
    # An unbound ?confidence (a chain's) is left out of its binding, as SPARQL Results JSON says.
    assert [("confidence" in b) for b in results["results"]["bindings"]] == [True, False]


def test_store_query_cli_csv(capsys, hand_dir):
    code, out, err = run_cli(
        capsys, "query", "--graph", str(hand_dir), "--format", "csv",
        "--sparql", "SELECT ?name WHERE { ?m a pg:Hardware ; skos:prefLabel ?name } ORDER BY ?name",
    )
    assert code == 0, err
    assert list(csv.reader(io.StringIO(out))) == [["name"], ["A100"], ["H100"]]


def test_store_query_cli_query_file_with_ask_and_construct(capsys, hand_dir, tmp_path):
    ask = tmp_path / "ask.rq"
    ask.write_text("ASK { paper:2307.08691 pg:buildsOn method:flashattention }")
    code, out, _ = run_cli(capsys, "query", "--graph", str(hand_dir), "--sparql-file", str(ask), "--format", "json")
    assert (code, json.loads(out)) == (0, {"head": {}, "boolean": True})
    code, out, _ = run_cli(
        capsys, "query", "--graph", str(hand_dir),
        "--sparql", "CONSTRUCT { ?m pg:buildsOn ?x } WHERE { ?m a pg:Method ; pg:buildsOn ?x }",
    )
    assert code == 0
    assert "method:flashattention-2 pg:buildsOn method:flashattention ." in out


@pytest.mark.parametrize(
    "args, message",
    [
        ((), "error: give exactly one of --sparql, --sparql-file, --cypher\n"),
        (("--sparql", "ASK {}", "--cypher", "RETURN 1"),
         "error: give exactly one of --sparql, --sparql-file, --cypher (got --sparql, --cypher)\n"),
        (("--sparql", "ASK {}", "--format", "xml"), "error: --format 'xml' is not one of table, json, csv\n"),
        (("--sparql-file", "nope"), "error: nope: no such file, nor a saved query (saved: " + ", ".join(SAVED) + ")\n"),
        (("--sparql-file", "builds_on"),
         "error: query builds_on needs --param name=... (the method's name or an alias "
         "(letter case, spaces and hyphens do not matter))\n"),
        (("--sparql", "SELECT ?x WHERE { ?x ?y }"),
         "error: the SPARQL query does not parse: error at 1:26: expected one of LATERAL, SERVICE, [_]\n"),
        (("--sparql", "ASK {}", "--param", "oops"), "error: --param 'oops' is not NAME=VALUE\n"),
    ],
)
def test_store_query_cli_errors_are_one_line(capsys, hand_dir, args, message):
    code, out, err = run_cli(capsys, "query", "--graph", str(hand_dir), *args)
    assert (code, err) == (1, message)


def test_store_query_cli_without_a_store(capsys, tmp_path):
    code, _, err = run_cli(capsys, "query", "--graph", str(tmp_path), "--sparql", "ASK {}")
    assert code == 1
    assert err == f"error: {tmp_path / 'store'}: no SPARQL store here; build one with `papergraph build INPUT --out {tmp_path}`\n"


@pytest.fixture(scope="module")
def neo4j_uri() -> str:
    """A running Neo4j started with .ci/neo4j; skipped locally without one, fails under CI."""
    status = subprocess.run(["bash", str(ROOT / ".ci" / "neo4j"), "status"], capture_output=True, text=True)
    if status.returncode != 0:
        if in_ci():
            pytest.fail("Neo4j is not running: start it with `bash .ci/neo4j start`")
        pytest.skip("no Neo4j running (bash .ci/neo4j start)")
    return status.stdout.strip().splitlines()[-1]


@pytest.mark.neo4j
@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_store_query_cli_dispatches_cypher(capsys, monkeypatch, neo4j_uri, fmt):
    monkeypatch.setenv("NEO4J_PASSWORD", os.environ.get("NEO4J_PASSWORD", "papergraph-ci"))
    code, out, err = run_cli(
        capsys, "query", "--uri", neo4j_uri, "--format", fmt,
        "--cypher", "RETURN 1 AS one, $name AS name, $n + 1 AS next",
        "--param", "name=FlashAttention", "--param", "n=41",
    )
    assert code == 0, err
    if fmt == "json":
        assert json.loads(out) == {"columns": ["one", "name", "next"], "rows": [{"one": 1, "name": "FlashAttention", "next": 42}]}
    elif fmt == "csv":
        assert list(csv.reader(io.StringIO(out))) == [["one", "name", "next"], ["1", "FlashAttention", "42"]]
    else:
        assert "FlashAttention" in out and "42" in out and out.rstrip().endswith("1 row")
