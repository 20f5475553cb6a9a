"""Neo4j load speed: the driver at several batch sizes, and the neo4j-admin bulk road.

Generates a graph of N papers (default 100,000) shaped like a real build:
each paper proposes a method, uses, builds on, compares with, evaluates on and
runs on entities drawn with a skew (a few popular ones, a long tail), reports
one result, has ~3 similarity links and a 384-d unit embedding. Then:

1. loads it through the driver into an empty database once per batch size
   (default 1k, 5k, 20k), timing nodes and relationships separately;
2. writes the ``neo4j-admin`` CSV export and, where the Neo4j jars are
   available (``.ci/neo4j start`` fetched them; run dir NEO4J_HOME_DIR), imports
   it with ``neo4j-admin database import full`` into a scratch folder.

Figures are rows per second, with ratios against the smallest batch size
measured in the same run. The server is NEO4J_URI with NEO4J_PASSWORD; its
database is emptied. Example:

    NEO4J_BOLT_PORT=7688 NEO4J_HEAP=2g NEO4J_PAGECACHE=1g bash .ci/neo4j start
    NEO4J_URI=bolt://127.0.0.1:7688 NEO4J_PASSWORD=papergraph-ci python3 benchmarks/neo4j_load.py
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.graph import KnowledgeGraph, derive_entity_relations  # noqa: E402
from pipeline.records import Entity, Evidence, Paper, Relation, Result, SimilarityLink  # noqa: E402

WORDS = (
    "attention transformer memory kernel sparse quantized latency throughput training inference "
    "model decoding parallel efficient scaling token cache gradient diffusion speech vision graph "
    "retrieval language benchmark hardware accelerator sequence context distillation pruning"
).split()
ENTITY_COUNTS = {"Method": 0.10, "Model": 0.04, "Dataset": 0.03, "Hardware": 0.003, "Metric": 0.005}
ROLE_TYPES = {"uses": "Model", "builds_on": "Method", "compares_with": "Method", "evaluated_on": "Dataset", "runs_on": "Hardware"}


def synthetic_graph(n_papers: int, seed: int = 0) -> tuple[KnowledgeGraph, dict[str, np.ndarray]]:
    """A graph of ``n_papers`` papers with entities, evidence, results, links and vectors."""
    rng = np.random.default_rng(seed)
    graph = KnowledgeGraph()
    pools: dict[str, list[str]] = {}
    for entity_type, share in ENTITY_COUNTS.items():
        n = max(20, int(n_papers * share))
        pools[entity_type] = [f"{entity_type.lower()}-{i}" for i in range(n)]
        for entity_id in pools[entity_type]:
            graph.entities[entity_id] = Entity(entity_id, entity_id.replace("-", " ").title(), entity_type, (entity_id.upper(),))

    def pick(entity_type: str) -> str:
        pool = pools[entity_type]
        return pool[min(int(rng.zipf(1.6)) - 1, len(pool) - 1)]

    words = np.array(WORDS)
    relations: list[Relation] = []
    for i in range(n_papers):
        paper_id = f"{2300 + i // 100000}.{i % 100000:05d}"
        title = " ".join(words[rng.integers(0, len(words), 8)]).capitalize()
        abstract = ". ".join(" ".join(words[rng.integers(0, len(words), 20)]).capitalize() for _ in range(8)) + "."
        paper = Paper(paper_id, title, abstract, title, abstract, url=f"https://arxiv.org/abs/{paper_id}",
                      authors=("A. Author", "B. Author"), published="2024-01-01")
        graph.papers[paper_id] = paper
        sentence = abstract[: abstract.index(".") + 1]
        evidence = (Evidence(paper_id, sentence, paper.abstract_offset, paper.abstract_offset, paper.abstract_offset + 5, "bench", 0.8),)
        proposed = pools["Method"][i % len(pools["Method"])]
        relations.append(Relation(paper_id, "proposes", proposed, evidence))
        for role, entity_type in ROLE_TYPES.items():
            target = pick(entity_type)
            if target != proposed:
                relations.append(Relation(paper_id, role, target, evidence))
        graph.results.append(
            Result(f"{paper_id}-r0", paper_id, float(rng.uniform(1, 100)), "2.0x", evidence[0],
                   metric=pick("Metric"), unit="x", hardware=pick("Hardware"), dataset=pick("Dataset"))
        )
        for _ in range(3):
            other = int(rng.integers(0, n_papers))
            if other != i:
                graph.similar.append(SimilarityLink(paper_id, f"{2300 + other // 100000}.{other % 100000:05d}", 0.7))
    merged = {(r.subject, r.predicate, r.object): r for r in relations}
    graph.relations = list(merged.values())
    graph.relations.extend(derive_entity_relations(graph.relations))
    graph.similar = list({(s.source, s.target): s for s in graph.similar}.values())
    vectors = rng.normal(size=(n_papers, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return graph, dict(zip(graph.papers, vectors))


def empty_database(driver) -> float:
    started = time.perf_counter()
    with driver.session() as session:
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 50000 ROWS").consume()
        session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 50000 ROWS").consume()
        session.run("DROP INDEX paper_embedding IF EXISTS").consume()
    return time.perf_counter() - started


def admin_command() -> list[str] | None:
    run_dir = Path(os.environ.get("NEO4J_HOME_DIR", ROOT / ".ci" / ".neo4j-run"))
    classpath = (run_dir if run_dir.is_absolute() else ROOT / run_dir) / "classpath.txt"
    if shutil.which("neo4j-admin"):
        return ["neo4j-admin"]
    if classpath.is_file() and shutil.which("java"):
        return ["java", "-Xmx2g", "-cp", classpath.read_text().strip(), "org.neo4j.cli.AdminTool"]
    return None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--batch-sizes", default="1000,5000,20000")
    parser.add_argument("--no-driver", action="store_true", help="only the CSV export and import")
    args = parser.parse_args(argv)
    from pipeline.connection import open_driver
    from pipeline.materialize.neo4j import load_graph
    from pipeline.materialize.neo4j_csv import write_neo4j_csv
    from pipeline.materialize.property_graph import iter_edges, iter_nodes

    started = time.perf_counter()
    graph, vectors = synthetic_graph(args.papers)
    n_nodes = sum(1 for _ in iter_nodes(graph))
    n_edges = sum(1 for _ in iter_edges(graph))
    print(f"graph: {len(graph.papers):,} papers, {len(graph.entities):,} entities, {len(graph.results):,} results "
          f"= {n_nodes:,} nodes; {n_edges:,} relationships; 384-d embeddings "
          f"(generated in {time.perf_counter() - started:.1f}s)")

    figures: list[tuple[str, float, float | None, float, float]] = []  # what, written s, index s, nodes/s, rels/s
    if not args.no_driver:
        with open_driver() as (driver, target):
            print(f"server: {target.where}")
            for size in (int(s) for s in args.batch_sizes.split(",")):
                emptied = empty_database(driver)
                summary = load_graph(driver, graph, batch_size=size, vectors=vectors)
                assert summary.nodes_created == n_nodes and summary.relationships_created == n_edges, summary
                p = summary.phases
                print(f"batch {size:>6,}: nodes {p['nodes']:6.1f}s ({n_nodes / p['nodes']:8,.0f}/s)  "
                      f"relationships {p['relationships']:6.1f}s ({n_edges / p['relationships']:8,.0f}/s)  "
                      f"vector index {p['indexes']:5.1f}s  total {summary.seconds:6.1f}s  (emptied in {emptied:.0f}s)")
                written = p["nodes"] + p["relationships"]
                figures.append((f"driver, batch {size:,}", written, p["indexes"], n_nodes / p["nodes"], n_edges / p["relationships"]))
            empty_database(driver)

    with tempfile.TemporaryDirectory(prefix="pg-neo4j-csv-") as scratch:
        folder = Path(scratch) / "csv"
        t0 = time.perf_counter()
        write_neo4j_csv(graph, folder, vectors)
        exported = time.perf_counter() - t0
        size_mb = sum(f.stat().st_size for f in folder.glob("*.csv")) / 1e6
        print(f"CSV export: {exported:.1f}s, {size_mb:,.0f} MB")
        admin = admin_command()
        if admin is None:
            print("neo4j-admin import: skipped (no neo4j-admin on PATH and no jars in NEO4J_HOME_DIR)")
        else:
            home = Path(scratch) / "home"
            home.mkdir()
            wrapper = Path(scratch) / "neo4j-admin"
            wrapper.write_text("#!/bin/sh\nexec " + " ".join(f"'{a}'" for a in admin) + ' "$@"\n')
            wrapper.chmod(0o755)
            t0 = time.perf_counter()
            done = subprocess.run(["sh", str(folder / "import.sh")], capture_output=True, text=True,
                                  env={**os.environ, "NEO4J_HOME": str(home), "NEO4J_ADMIN": str(wrapper)})
            imported = time.perf_counter() - t0
            counts = re.search(r"Imported:\s+(\d+) nodes\s+(\d+) relationships", done.stdout)
            if done.returncode != 0 or not counts:
                print(f"neo4j-admin import failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
            else:
                total = exported + imported
                print(f"neo4j-admin import: {imported:.1f}s ({counts[1]} nodes, {counts[2]} relationships); "
                      f"export + import {total:.1f}s")
                # the vector index is built on first start (schema.cypher), not counted here
                figures.append(("CSV export + neo4j-admin import", total, None, n_nodes / total, n_edges / total))

    if figures:
        # "written": nodes and relationships in the database, without the
        # vector index, which both roads build the same way once data is in
        baseline = figures[0][1]
        print(f"\n{'road':<34}{'written s':>10}{'index s':>9}{'nodes/s':>10}{'rels/s':>10}{'vs first':>10}")
        for what, seconds, index_s, nodes_s, rels_s in figures:
            index = f"{index_s:.1f}" if index_s is not None else "-"
            print(f"{what:<34}{seconds:>10.1f}{index:>9}{nodes_s:>10,.0f}{rels_s:>10,.0f}{baseline / seconds:>9.2f}x")

if __name__ == "__main__":
    main()
