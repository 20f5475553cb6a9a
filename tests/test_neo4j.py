"""Neo4j: loads into a real server, saved Cypher, the neo4j-admin CSV export, errors.

The server is the one at NEO4J_URI (default bolt://127.0.0.1:7687) with
NEO4J_PASSWORD (default papergraph-ci, what `.ci/neo4j start` sets). These
tests empty its database: never point them at one you care about. Without a
reachable server they skip, saying why; under CI (env CI set) they fail.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from pipeline.connection import neo4j_password, neo4j_target, open_driver
from pipeline.errors import Neo4jError, QueryError
from pipeline.materialize.neo4j import load_graph
from pipeline.materialize.neo4j_csv import ARRAY_DELIMITER, write_neo4j_csv
from pipeline.materialize.property_graph import iter_edges, iter_nodes
from pipeline.query.cypher import cypher_rows, saved_cypher, saved_cypher_names

from .conftest import ROOT, in_ci
from .hand_graph import BUILDS_ON_FLASHATTENTION, RELATIONS, hand_graph
from .test_cli import run_cli

URI = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
PASSWORD = os.environ.get("NEO4J_PASSWORD", "papergraph-ci")
USER = os.environ.get("NEO4J_USER", "neo4j")
FOUR = tuple(RELATIONS)[:4]  # the hand graph without speculative decoding


# ------------------------------------------------------------------ server


@pytest.fixture(scope="session")
def neo4j():
    """A driver on the test server, or a skip (a failure under CI) saying why not."""
    try:
        with open_driver(URI, USER, password=PASSWORD) as (driver, target):
            yield driver
    except Neo4jError as exc:
        reason = f"no Neo4j for the tests ({exc}); run `bash .ci/neo4j start` or set NEO4J_URI/NEO4J_PASSWORD"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture
def db(neo4j):
    """The test server with an empty database."""
    neo4j.execute_query("MATCH (n) DETACH DELETE n")
    return neo4j


def label_counts(driver) -> Counter:
    records, _, _ = driver.execute_query("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n")
    return Counter({r["label"]: r["n"] for r in records})


def type_counts(driver) -> Counter:
    records, _, _ = driver.execute_query("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")
    return Counter({r["type"]: r["n"] for r in records})


def node_keys(driver) -> set[tuple[str, str]]:
    records, _, _ = driver.execute_query(
        "MATCH (n) RETURN [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.id AS id"
    )
    return {(r["label"], r["id"]) for r in records}


def edge_keys(driver) -> set[tuple[str, str, str]]:
    records, _, _ = driver.execute_query("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b")
    return {(r["a"], r["t"], r["b"]) for r in records}


def expected_labels(graph) -> Counter:
    counts = Counter(node.label for node in iter_nodes(graph))
    counts["Entity"] = len(graph.entities)
    return counts


def expected_types(graph) -> Counter:
    return Counter(edge.type for edge in iter_edges(graph))


def model_counts(graph) -> Counter:
    """The graph model's own counts (KnowledgeGraph.counts), as labels and types."""
    counts = graph.counts()
    expected = Counter({"Paper": counts["papers"], "Result": counts["results"], **counts["entities"]})
    for edges in (counts["paper_edges"], counts["entity_edges"]):
        expected.update(edges)
    expected["SIMILAR_TO"] += counts["similar_links"]
    expected["REPORTS"] += counts["results"]  # each result hangs off its paper
    return +expected


# -------------------------------------------------------------- hand graph


@pytest.mark.neo4j
def test_neo4j_load_counts_equal_graph_model(db):
    graph = hand_graph()
    summary = load_graph(db, graph, batch_size=4)
    assert label_counts(db) == expected_labels(graph)
    assert type_counts(db) == expected_types(graph)
    in_db = label_counts(db) + type_counts(db)
    assert {k: in_db[k] for k in model_counts(graph)} == model_counts(graph)
    assert summary.nodes_created == len(list(iter_nodes(graph)))
    assert summary.relationships_created == len(list(iter_edges(graph)))


@pytest.mark.neo4j
def test_neo4j_second_load_changes_nothing(db):
    graph = hand_graph()
    load_graph(db, graph, batch_size=3)
    before = (label_counts(db), type_counts(db), node_keys(db), edge_keys(db))
    again = load_graph(db, graph, batch_size=7)
    assert (again.nodes_created, again.relationships_created) == (0, 0)
    assert (label_counts(db), type_counts(db), node_keys(db), edge_keys(db)) == before


@pytest.mark.neo4j
def test_neo4j_load_with_one_more_paper_adds_exactly_its_nodes_and_edges(db):
    smaller, bigger = hand_graph(FOUR), hand_graph()
    load_graph(db, smaller)
    nodes, edges = node_keys(db), edge_keys(db)
    load_graph(db, bigger)

    def key(end: str) -> str:
        return end.split("/", 1)[1]

    new_nodes = {(n.label, n.id) for n in iter_nodes(bigger)} - {(n.label, n.id) for n in iter_nodes(smaller)}
    new_edges = {(key(e.source), e.type, key(e.target)) for e in iter_edges(bigger)} - {
        (key(e.source), e.type, key(e.target)) for e in iter_edges(smaller)
    }
    assert ("Paper", "2211.17192") in new_nodes and ("Method", "speculative-decoding") in new_nodes
    assert node_keys(db) - nodes == new_nodes
    assert edge_keys(db) - edges == new_edges
    assert label_counts(db) == expected_labels(bigger)


@pytest.mark.neo4j
def test_neo4j_evidence_and_schema(db):
    load_graph(db, hand_graph())
    records, _, _ = db.execute_query(
        "MATCH (:Paper {id: '2307.08691'})-[r:BUILDS_ON]->(m:Method) RETURN m.name AS m, r"
    )
    (record,) = records
    assert record["m"] == "FlashAttention"
    assert record["r"]["sentence"].startswith("We present FlashAttention-2, which builds on FlashAttention")
    assert record["r"]["component"] == "hand" and record["r"]["confidence"] == pytest.approx(0.9)
    records, _, _ = db.execute_query(
        "MATCH (:Method {id: 'flashattention-3'})-[r:RUNS_ON]->(h:Hardware) RETURN h.name AS h, r.derived_from AS d"
    )
    assert [(r["h"], r["d"]) for r in records] == [("H100", ["2407.08608"])]
    records, _, _ = db.execute_query("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names")
    assert {"paper_id", "method_id", "model_id", "dataset_id", "hardware_id", "metric_id", "result_id", "entity_id"} <= set(records[0]["names"])


@pytest.mark.neo4j
def test_neo4j_saved_cypher_on_hand_graph(db):
    load_graph(db, hand_graph())
    columns, rows = cypher_rows(db, saved_cypher("builds_on"), {"name": "flash attention"})
    assert columns[:3] == ["method", "id", "title"]
    assert {r["id"] for r in rows} == BUILDS_ON_FLASHATTENTION
    assert [(r["id"], r["direct"]) for r in rows] == [("2307.08691", True), ("2407.08608", False)]
    _, rows = cypher_rows(db, saved_cypher("method_hardware"), {"name": "FlashAttention-3"})
    assert {(r["hardware"], r["how"]) for r in rows} == {("H100", "runs on"), ("H100", "result")}
    _, rows = cypher_rows(db, saved_cypher("method_lineage"), {"name": "FlashAttention-2"})
    assert [(r["direction"], r["from"], r["to"]) for r in rows] == [
        ("ancestor", "FlashAttention-2", "FlashAttention"),
        ("descendant", "FlashAttention-3", "FlashAttention-2"),
    ]


@pytest.mark.neo4j
def test_neo4j_parameters_are_values_not_cypher(db):
    load_graph(db, hand_graph())
    for name in ("FlashAttention' OR 1=1 //", "x\") RETURN 1 //", "*"):
        assert cypher_rows(db, saved_cypher("builds_on"), {"name": name}) == (
            ["method", "id", "title", "direct", "via", "chain", "confidence", "evidence"], []
        )
    with pytest.raises(QueryError, match=r"^Neo4j rejected the query: Expected parameter\(s\): name$"):
        cypher_rows(db, saved_cypher("builds_on"), {})
    with pytest.raises(QueryError, match=r"^Neo4j rejected the query: Invalid input 'MATC'"):
        cypher_rows(db, "MATC (n) RETURN n", {})


@pytest.mark.neo4j
def test_neo4j_vector_index_on_hand_vectors(db):
    import numpy as np

    graph = hand_graph()
    rng = np.random.default_rng(7)
    base = rng.normal(size=384)
    # FlashAttention-2's vector is FlashAttention's plus a little noise; the rest are random
    vectors = {p: rng.normal(size=384) for p in graph.papers}
    vectors["2205.14135"], vectors["2307.08691"] = base, base + 0.1 * rng.normal(size=384)
    vectors = {p: (v / np.linalg.norm(v)).astype("float32") for p, v in vectors.items()}
    summary = load_graph(db, graph, vectors=vectors)
    assert summary.embeddings == 5
    _, rows = cypher_rows(db, saved_cypher("similar"), {"paper": "2205.14135", "k": 2})
    assert rows[0]["paper"] == "2307.08691" and rows[0]["score"] > 0.99
    assert len(rows) == 2 and "2205.14135" not in {r["paper"] for r in rows}


# ----------------------------------------------------------------- the CLI


@pytest.mark.neo4j
def test_neo4j_cli_load_twice(capsys, tmp_path, db, monkeypatch):
    from .conftest import EXAMPLES

    code, _, stderr = run_cli(capsys, "build", str(EXAMPLES), "--out", str(tmp_path / "g"), "--no-embed")
    assert code == 0, stderr
    monkeypatch.setenv("NEO4J_PASSWORD", PASSWORD)
    args = ("neo4j", "load", str(tmp_path / "g"), "--uri", URI, "--user", USER, "--batch-size", "50")
    code, first, stderr = run_cli(capsys, *args)
    assert code == 0, stderr
    assert "14 Paper" in first
    assert re.search(r"in [\d.]+s: [1-9]\d* nodes and [1-9]\d* relationships were new\n$", first)
    counts = (label_counts(db), type_counts(db))
    code, second, stderr = run_cli(capsys, *args)
    assert code == 0, stderr
    assert second.endswith(": 0 nodes and 0 relationships were new\n")
    assert (label_counts(db), type_counts(db)) == counts


@pytest.mark.neo4j
def test_neo4j_wrong_password_message(capsys, tmp_path, neo4j, monkeypatch):
    (tmp_path / "g").mkdir()
    hand = tmp_path / "g" / "graph.jsonl"
    from pipeline.graph import write_graph

    write_graph(hand_graph(), hand)
    monkeypatch.setenv("NEO4J_PASSWORD", PASSWORD + "-wrong")
    code, stdout, stderr = run_cli(capsys, "neo4j", "load", str(tmp_path / "g"), "--uri", URI, "--user", USER)
    assert code == 1 and stdout == ""
    assert stderr == (
        f"error: Neo4j at {URI} refused user {USER!r}: wrong user name or password; "
        "check NEO4J_USER and NEO4J_PASSWORD\n"
    )


@pytest.mark.neo4j
def test_neo4j_missing_database_message(neo4j):
    with pytest.raises(Neo4jError) as caught:
        with open_driver(URI, USER, "no-such-db", password=PASSWORD):
            pass
    assert str(caught.value) == (
        f"Neo4j at {URI} has no database 'no-such-db'; create it (CREATE DATABASE needs Enterprise "
        "Edition) or unset NEO4J_DATABASE / --database to use the default"
    )


def test_neo4j_closed_port_message(capsys, tmp_path, monkeypatch):
    import socket

    from pipeline.graph import write_graph

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (tmp_path / "g").mkdir()
    write_graph(hand_graph(), tmp_path / "g" / "graph.jsonl")
    monkeypatch.setenv("NEO4J_PASSWORD", "any")
    uri = f"bolt://127.0.0.1:{port}"
    code, stdout, stderr = run_cli(capsys, "neo4j", "load", str(tmp_path / "g"), "--uri", uri)
    assert (code, stdout) == (1, "")
    assert stderr == (
        f"error: cannot reach Neo4j at {uri}: connection refused; "
        "start it (docker compose up -d) or set NEO4J_URI / --uri\n"
    )


def test_neo4j_password_only_from_env_or_prompt(monkeypatch):
    target = neo4j_target("bolt://db:7687", "alice", env={})
    assert neo4j_password(target, env={"NEO4J_PASSWORD": "s3cret"}) == "s3cret"
    asked = []
    assert neo4j_password(target, env={}, prompt=lambda q: asked.append(q) or "typed", interactive=True) == "typed"
    assert asked == ["Neo4j password for alice at bolt://db:7687: "]
    with pytest.raises(Neo4jError, match=r"^no password for Neo4j user 'alice' at bolt://db:7687: set NEO4J_PASSWORD"):
        neo4j_password(target, env={}, interactive=False)


def test_neo4j_cli_has_no_password_flag(capsys):
    code, stdout, _ = run_cli(capsys, "neo4j", "load", "--help")
    assert code == 0 and "--uri" in stdout and "--batch-size" in stdout
    assert "--password" not in stdout and "-p " not in stdout


def test_neo4j_target_from_env_and_flags():
    env = {"NEO4J_URI": "neo4j://db:7687", "NEO4J_USER": "bob", "NEO4J_DATABASE": "papers"}
    assert neo4j_target(env=env).where == "neo4j://db:7687 (database papers)"
    assert neo4j_target("bolt://other:7687", "carol", env=env).user == "carol"
    with pytest.raises(Neo4jError, match="is not a Bolt URI"):
        neo4j_target("localhost:7687", env={})


def test_neo4j_saved_cypher_files_declare_their_params():
    assert {"builds_on", "method_hardware", "method_lineage", "similar"} <= set(saved_cypher_names())
    for name in saved_cypher_names():
        text = saved_cypher(name)
        declared = set(re.findall(r"^// param (\w+):", text, flags=re.M))
        used = set(re.findall(r"\$(\w+)", re.sub(r"^//.*$", "", text, flags=re.M)))
        assert declared == used, name
    with pytest.raises(QueryError, match="no saved Cypher query 'nope'; saved: builds_on"):
        saved_cypher("nope")


# ----------------------------------------------------------- neo4j-admin CSV


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_neo4j_csv_files_headers_and_rows(tmp_path):
    graph = hand_graph()
    vectors = {p: [0.5, 0.25, -0.125] for p in graph.papers}
    rows = write_neo4j_csv(graph, tmp_path / "csv", vectors)
    papers = read_csv(tmp_path / "csv" / "paper.csv")
    assert list(papers[0]) == [
        "id:ID(Paper)", "title", "abstract", "url", "code_url", "authors:string[]", "published", "embedding:float[]"
    ]
    fa = next(p for p in papers if p["id:ID(Paper)"] == "2205.14135")
    assert fa["authors:string[]"].split(ARRAY_DELIMITER)[:2] == ["Tri Dao", "Daniel Y. Fu"]
    assert fa["embedding:float[]"] == ARRAY_DELIMITER.join(["0.5", "0.25", "-0.125"])
    methods = read_csv(tmp_path / "csv" / "method.csv")
    assert list(methods[0])[0] == "id:ID(Entity)" and len(methods) == 5
    relations = read_csv(tmp_path / "csv" / "rel-paper-entity.csv")
    assert list(relations[0])[:3] == [":START_ID(Paper)", ":END_ID(Entity)", ":TYPE"]
    builds = [r for r in relations if r[":TYPE"] == "BUILDS_ON" and r[":START_ID(Paper)"] == "2307.08691"]
    assert builds[0][":END_ID(Entity)"] == "flashattention" and builds[0]["confidence:double"] == "0.9"
    similar = read_csv(tmp_path / "csv" / "rel-paper-paper.csv")
    assert list(similar[0]) == [":START_ID(Paper)", ":END_ID(Paper)", ":TYPE", "score:double"]
    assert sum(n for name, n in rows.items() if name.startswith("rel-")) == len(list(iter_edges(graph)))
    assert sum(n for name, n in rows.items() if not name.startswith("rel-")) == len(list(iter_nodes(graph)))
    script = (tmp_path / "csv" / "import.sh").read_text()
    assert '"${NEO4J_ADMIN:-neo4j-admin}" database import full "${1:-neo4j}"' in script
    assert "--nodes=Entity:Method=method.csv" in script and "--relationships=rel-paper-entity.csv" in script
    assert "`vector.dimensions`: 3" in (tmp_path / "csv" / "schema.cypher").read_text()


def test_neo4j_csv_export_cli(capsys, tmp_path):
    from .conftest import EXAMPLES

    code, _, stderr = run_cli(capsys, "build", str(EXAMPLES), "--out", str(tmp_path / "g"), "--no-embed")
    assert code == 0, stderr
    code, stdout, stderr = run_cli(capsys, "export", str(tmp_path / "g"), "--to", "neo4j-csv")
    assert (code, stdout) == (0, f"wrote {tmp_path / 'g' / 'neo4j-csv'}\n"), stderr
    assert len(read_csv(tmp_path / "g" / "neo4j-csv" / "paper.csv")) == 14


def _admin_classpath() -> Path | None:
    run_dir = Path(os.environ.get("NEO4J_HOME_DIR", ROOT / ".ci" / ".neo4j-run"))
    run_dir = run_dir if run_dir.is_absolute() else ROOT / run_dir
    path = run_dir / "classpath.txt"
    return path if path.is_file() and shutil.which("java") else None


@pytest.mark.neo4j
def test_neo4j_csv_imports_with_neo4j_admin(tmp_path):
    """The export imports with the real neo4j-admin (from the jars `.ci/neo4j` fetched)."""
    classpath = _admin_classpath()
    if classpath is None:
        reason = "no neo4j-admin: run `bash .ci/neo4j start` once to fetch the jars (and install java)"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    graph = hand_graph()
    write_neo4j_csv(graph, tmp_path / "csv", {p: [0.1, 0.2, 0.3] for p in graph.papers})
    home = tmp_path / "home"
    home.mkdir()
    admin = tmp_path / "neo4j-admin"
    admin.write_text(f'#!/bin/sh\nexec java -cp "$(cat {classpath})" org.neo4j.cli.AdminTool "$@"\n')
    admin.chmod(0o755)
    done = subprocess.run(
        ["sh", str(tmp_path / "csv" / "import.sh")],
        env={**os.environ, "NEO4J_HOME": str(home), "NEO4J_ADMIN": str(admin)},
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    imported = re.search(r"Imported:\s+(\d+) nodes\s+(\d+) relationships", done.stdout)
    assert imported, done.stdout[-2000:]
    assert (int(imported[1]), int(imported[2])) == (len(list(iter_nodes(graph))), len(list(iter_edges(graph))))


# -------------------------------------------------------------- shared page


@pytest.fixture(scope="module")
def page_build(shared_page, tmp_path_factory) -> Path:
    """The shared page built with the real pipeline (embeddings included)."""
    from pipeline.build import run

    out = tmp_path_factory.mktemp("neo4j-page") / "graph"
    run([shared_page], out)
    return out


def _paper_id(build: Path, title_start: str) -> str:
    from pipeline.graph import read_graph

    graph = read_graph(build / "graph.jsonl")
    (found,) = [p.id for p in graph.papers.values() if p.title.startswith(title_start)]
    return found


@pytest.mark.slow
@pytest.mark.neo4j
def test_neo4j_shared_page_counts_equal_graph_model(db, page_build):
    from pipeline.graph import read_graph
    from pipeline.materialize.neo4j import load_graph_dir

    graph = read_graph(page_build / "graph.jsonl")
    summary = load_graph_dir(db, page_build, batch_size=100)
    assert summary.nodes["Paper"] == 56
    assert label_counts(db) == expected_labels(graph)
    assert type_counts(db) == expected_types(graph)
    in_db = label_counts(db) + type_counts(db)
    assert {k: in_db[k] for k in model_counts(graph)} == model_counts(graph)
    again = load_graph_dir(db, page_build, batch_size=1000)
    assert (again.nodes_created, again.relationships_created) == (0, 0)
    assert (label_counts(db), type_counts(db)) == (expected_labels(graph), expected_types(graph))


@pytest.mark.slow
@pytest.mark.neo4j
def test_neo4j_builds_on_cypher_equals_sparql_for_flashattention(db, page_build):
    from pipeline.materialize.neo4j import load_graph_dir
    from pipeline.query.store import answer_rows, bind_params, load_query, open_store, run_query, term_text

    load_graph_dir(db, page_build)
    _, rows = cypher_rows(db, saved_cypher("builds_on"), {"name": "FlashAttention"})
    cypher_papers = {r["id"] for r in rows}
    query = load_query("builds_on")
    columns, solutions = answer_rows(
        run_query(open_store(page_build), query.text, bind_params(query, {"name": "FlashAttention"}))
    )
    sparql_papers = {term_text(s[columns.index("id")]) for s in solutions}
    assert cypher_papers == sparql_papers
    assert _paper_id(page_build, "FlashAttention-2: Faster Attention") in cypher_papers
    assert _paper_id(page_build, "FlashAttention: Fast and Memory-Efficient") not in cypher_papers


def _cypher_and_cli_answers(db, folder: Path, name: str) -> tuple[dict, dict]:
    """paper id -> (direct, confidence, chain) of the saved Cypher query and of ``builds-on``."""
    from pipeline.query.builds_on import answer_json, builds_on
    from pipeline.query.store import open_store

    papers = answer_json(builds_on(open_store(folder), name))["papers"]  # as `builds-on --format json` writes them
    cli = {p["id"]: (p["direct"], p["confidence"], [hop["to"] for hop in p["hops"]]) for p in papers}
    _, rows = cypher_rows(db, saved_cypher("builds_on"), {"name": name})
    return {r["id"]: (r["direct"], r["confidence"], r["chain"]) for r in rows}, cli


@pytest.mark.neo4j
def test_neo4j_builds_on_cypher_takes_the_surest_of_the_shortest_chains(db, tmp_path):
    """Two chains as short to Base: through Alpha (0.9 x 0.3 x 0.9, its paper proposing Alpha at 0.9)
    and through Beta (0.6 x 0.95 x 0.9, the derived hop kept as 0.85). The saved Cypher query and
    ``builds-on`` both take Beta's, and give its confidence."""
    from pipeline.graph import GraphBuilder
    from pipeline.ids import name_key
    from pipeline.records import Entity, Extraction, Paper, Relation

    from .hand_graph import evidence
    from .test_store import build_folder

    builder = GraphBuilder()
    for paper_id, text, roles in [
        ("pa", "We propose Alpha. Alpha builds on Base.", [("proposes", "Alpha", 0.9), ("builds_on", "Base", 0.3)]),
        ("pb", "We propose Beta. Beta builds on Base.", [("proposes", "Beta", 0.9), ("builds_on", "Base", 0.95)]),
        ("pc", "We build on Alpha. We build on Beta.", [("builds_on", "Alpha", 0.9), ("builds_on", "Beta", 0.6)]),
    ]:
        paper = Paper(paper_id, paper_id.upper(), text, paper_id.upper(), text)
        builder.add(Extraction(
            paper,
            tuple(Entity(name_key(name), name, "Method") for _, name, _ in roles),
            (),
            tuple(Relation(paper_id, role, name_key(name), (evidence(paper, name, "hand", c),)) for role, name, c in roles),
        ))
    graph = builder.build()
    load_graph(db, graph)
    cypher, cli = _cypher_and_cli_answers(db, build_folder(graph, tmp_path / "graph"), "Base")
    assert cypher == cli == {
        "pa": (True, 0.3, ["Base"]),
        "pb": (True, 0.95, ["Base"]),
        "pc": (False, 0.51, ["Beta", "Base"]),
    }


@pytest.mark.neo4j
def test_neo4j_builds_on_goes_through_sizes_in_cypher_sparql_and_the_cli(db, tmp_path):
    """Llama-3-8B and Llama-3-70B are sizes of Llama 3 (``variant_of`` its concept): VARIANT_OF edges
    in Neo4j, pg:variantOf in RDF. Building on a size is building on Llama 3, through it; proposing a
    size (pb) is proposing Llama 3, not building on it. The saved Cypher query, the saved SPARQL query
    and ``builds-on`` give the same papers."""
    from pipeline.query.store import answer_rows, bind_params, load_query, open_store, run_query, term_text

    from .hand_graph import sizes_graph
    from .test_store import build_folder

    graph = sizes_graph()
    load_graph(db, graph)
    records, _, _ = db.execute_query("MATCH (v)-[:VARIANT_OF]->(b) RETURN v.name AS v, b.name AS b ORDER BY v")
    assert [(r["v"], r["b"]) for r in records] == [("Llama-3-70B", "Llama 3"), ("Llama-3-8B", "Llama 3")]
    folder = build_folder(graph, tmp_path / "graph")
    cypher, cli = _cypher_and_cli_answers(db, folder, "Llama 3")
    assert cypher == cli == {
        "pa": (False, 0.8, ["Llama-3-8B", "Llama 3"]),
        "pc": (False, 0.7, ["Llama-3-70B", "Llama 3"]),
        "pd": (False, 0.567, ["Gamma", "Llama-3-70B", "Llama 3"]),
    }
    query = load_query("builds_on")
    columns, solutions = answer_rows(run_query(open_store(folder), query.text, bind_params(query, {"name": "Llama 3"})))
    assert {term_text(s[columns.index("id")]) for s in solutions} == set(cli)


@pytest.mark.neo4j
def test_neo4j_builds_on_cypher_answers_a_lineage_braided_into_2_to_the_40_equal_ways(db):
    """A ladder of 41 levels, each entity building on both of the level below: 2^40 shortest ways
    from the top to the bottom. The saved query weighs a bounded number of them and answers."""
    levels = 41
    db.execute_query(
        "UNWIND range(0, $top) AS level UNWIND ['a', 'b'] AS side "
        "CREATE (:Entity:Method {id: side + level, name: toUpper(side) + level})",
        top=levels - 1,
    )
    db.execute_query(
        "MATCH (upper:Entity), (lower:Entity) WHERE toInteger(substring(upper.id, 1)) = toInteger(substring(lower.id, 1)) + 1 "
        "CREATE (upper)-[:BUILDS_ON {confidence: 0.9, sentence: 'It builds on the level below.'}]->(lower)"
    )
    db.execute_query(
        "MATCH (top:Entity {id: $top}) CREATE (:Paper {id: 'p', title: 'On the top'})-[:BUILDS_ON {confidence: 0.8}]->(top)",
        top=f"a{levels - 1}",
    )
    _, rows = cypher_rows(db, saved_cypher("builds_on"), {"name": "A0"})
    assert [(r["id"], r["direct"], len(r["chain"]), r["chain"][0], r["chain"][-1]) for r in rows] == [
        ("p", False, levels, f"A{levels - 1}", "A0")
    ]
    assert rows[0]["confidence"] == round(0.8 * 0.9 ** (levels - 1), 3)


@pytest.mark.slow
@pytest.mark.neo4j
def test_neo4j_builds_on_cypher_equals_the_cli_on_the_shared_page(db, page_build):
    """For every entity something builds on, the saved Cypher query and ``builds-on`` give the same
    papers, each as direct or not, with the same chain and confidence."""
    from pipeline.graph import read_graph
    from pipeline.materialize.neo4j import load_graph_dir

    load_graph_dir(db, page_build)
    graph = read_graph(page_build / "graph.jsonl")
    targets = sorted({graph.entities[r.object].name for r in graph.relations if r.predicate == "builds_on"})
    assert len(targets) >= 20
    chains = []
    for name in targets:
        cypher, cli = _cypher_and_cli_answers(db, page_build, name)
        assert cypher == cli and cli, name
        chains += [chain for direct, confidence, chain in cypher.values() if len(chain) > 1 and 0 < confidence < 1]
    assert chains  # a chain through a derived edge was compared too


@pytest.mark.slow
@pytest.mark.neo4j
def test_neo4j_vector_index_finds_flashattention2_near_flashattention(db, page_build):
    from pipeline.materialize.neo4j import load_graph_dir

    assert (page_build / "embeddings").exists(), "the build wrote no embeddings"
    summary = load_graph_dir(db, page_build)
    assert summary.embeddings == 56
    flash, flash2 = (
        _paper_id(page_build, "FlashAttention: Fast and Memory-Efficient"),
        _paper_id(page_build, "FlashAttention-2: Faster Attention"),
    )
    _, rows = cypher_rows(db, saved_cypher("similar"), {"paper": flash, "k": 5})
    assert flash2 in [r["paper"] for r in rows]
