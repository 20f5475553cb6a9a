"""RDF speed: writing the graph, loading a store, and the builds-on query, rdflib against Oxigraph.

Generates a graph shaped like a real build (about a million triples by default):
every paper proposes a method that builds on a member of a method family (so
families grow into deep chains: X, X-2 building on X, ...), uses a model,
compares with another method, is evaluated on datasets, runs on hardware,
reports a result and has similarity links; every edge has its evidence.
Then, in the same run, for rdflib (its in-memory store, the fastest store
rdflib ships) and for the chosen store (Oxigraph on disk, opened read-only as
`papergraph query` opens it):

- triples per second written as Turtle and as N-Triples (ours streamed);
- store load time from the N-Triples file;
- latency of the builds-on property-path query (the largest family's root,
  and a median family's root) and of a grouped two-hop query;

each printed with the ratio rdflib / Oxigraph. Example:

    python3 benchmarks/rdf_speed.py --papers 5200
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402
import rdflib  # noqa: E402

from pipeline.config import Settings  # noqa: E402
from pipeline.errors import QueryError  # noqa: E402
from pipeline.graph import GraphBuilder, KnowledgeGraph  # noqa: E402
from pipeline.ids import name_key  # noqa: E402
from pipeline.materialize.rdf import entity_iri, graph_triples, output_prefixes, rdflib_graph  # noqa: E402
from pipeline.query.builds_on import PAPERS_QUERY, builds_on  # noqa: E402
from pipeline.records import Entity, Evidence, Extraction, Paper, Relation, Result, SimilarityLink  # noqa: E402

BASE = Settings().base
WORDS = (
    "attention transformer memory kernel sparse quantized latency throughput training inference model "
    "decoding parallel efficient scaling token cache gradient diffusion speech vision graph retrieval "
    "language benchmark hardware accelerator sequence context distillation pruning"
).split()

# The builds-on question as a SPARQL 1.1 property path: rdflib's best form.
# Oxigraph answers it with PAPERS_QUERY (the same path walked outwards from the
# target with LATERAL); both are timed on Oxigraph, and the rows must agree.
BUILDS_ON_SPARQL11 = """
PREFIX pg: <https://w3id.org/papergraph/ontology#>
SELECT DISTINCT ?target ?paper WHERE {
  ?paper (pg:buildsOn|pg:proposes/pg:buildsOn)/pg:buildsOn* ?target .
  ?paper a pg:Paper .
}"""

TWO_HOP = """
PREFIX pg: <https://w3id.org/papergraph/ontology#>
SELECT ?hardware (COUNT(DISTINCT ?paper) AS ?papers) WHERE {
  ?paper pg:proposes ?method .
  ?method pg:runsOn ?hardware .
}
GROUP BY ?hardware
ORDER BY DESC(?papers)"""


# ------------------------------------------------------------------ graph


def synthetic_graph(n_papers: int, seed: int = 0) -> tuple[KnowledgeGraph, list[list[str]]]:
    """A graph of ``n_papers`` papers, built by GraphBuilder as a real build is,
    and the method families (entity ids, root first)."""
    rng = random.Random(seed)
    n_families = max(10, n_papers // 25)
    families = [[f"family-{k}"] for k in range(n_families)]
    weights = [1 / (k + 1) ** 1.1 for k in range(n_families)]  # a few big families, a long tail
    pools = {
        "Model": [f"Model-{k}" for k in range(max(20, n_papers // 20))],
        "Dataset": [f"Dataset {k}" for k in range(300)],
        "Hardware": [f"GPU {k}" for k in range(40)],
        "Metric": [f"metric {k}" for k in range(30)],
    }
    builder = GraphBuilder()
    for i in range(n_papers):
        paper_id = f"{2300 + i // 100000}.{i % 100000:05d}"
        sentences = [" ".join(rng.choices(WORDS, k=18)).capitalize() + "." for _ in range(8)]
        title = " ".join(rng.choices(WORDS, k=8)).capitalize()
        abstract = " ".join(sentences)
        paper = Paper(paper_id, title, abstract, title, abstract, url=f"https://arxiv.org/abs/{paper_id}",
                      authors=("A. Author", "B. Author"), published="2024-05-01")

        def evidence(n: int, component: str) -> Evidence:
            start = paper.abstract_offset + sum(len(s) + 1 for s in sentences[:n])
            return Evidence(paper_id, sentences[n], start, start + 4, start + 12, component, round(rng.uniform(0.5, 1), 3))

        family = rng.choices(range(n_families), weights)[0]
        parent = rng.choice(families[family][-8:])
        method = f"method-{i}"
        families[family].append(method)
        rival = rng.choice(families[rng.randrange(n_families)])
        named = {m: Entity(m, m.capitalize(), "Method", (m.upper(),)) for m in (method, parent, rival)}
        picks = {kind: rng.choice(pool) for kind, pool in pools.items()}
        dataset_2 = rng.choice(pools["Dataset"])
        for kind, name in [*picks.items(), ("Dataset", dataset_2)]:
            named[name_key(name)] = Entity(name_key(name), name, kind)
        roles = [("proposes", method), ("builds_on", parent), ("uses", name_key(picks["Model"])),
                 ("compares_with", rival), ("evaluated_on", name_key(picks["Dataset"])),
                 ("evaluated_on", name_key(dataset_2)), ("runs_on", name_key(picks["Hardware"]))]
        relations = tuple(
            Relation(paper_id, role, target, (evidence(n, f"rule-{role}"),)) for n, (role, target) in enumerate(roles)
        )
        result = Result(f"{paper_id}/r1", paper_id, round(rng.uniform(1, 99), 1), "42.0%", evidence(7, "results"),
                        metric=name_key(picks["Metric"]), unit="%", dataset=name_key(picks["Dataset"]),
                        hardware=name_key(picks["Hardware"]), baseline=parent)
        builder.add(Extraction(paper, tuple(named.values()), (), relations, (result,)))
        others = {rng.randrange(n_papers) for _ in range(2)} - {i}
        builder.add_similar(SimilarityLink(paper_id, f"{2300 + o // 100000}.{o % 100000:05d}", 0.7) for o in others)
    return builder.build(), families


# ------------------------------------------------------------------ timing


def timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value


def latency(action: Callable[[], object], runs: int) -> tuple[float, object]:
    """Median seconds of ``runs`` runs after one warm-up, and the rows of the last."""
    rows = action()
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        rows = action()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=5200, help="papers to generate (5200 ~ 1M triples)")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per Oxigraph query (rdflib: a fifth, at least 3)")
    parser.add_argument("--keep", type=Path, help="write the files and the store here and keep them")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="rdf-speed-"))
    folder.mkdir(parents=True, exist_ok=True)
    prefixes = output_prefixes(BASE)

    seconds, (graph, families) = timed(lambda: synthetic_graph(args.papers))
    n_triples = sum(1 for _ in graph_triples(graph, BASE))
    print(f"graph: {len(graph.papers):,} papers, {len(graph.entities):,} entities, {len(graph.relations):,} edges, "
          f"{len(graph.results):,} results = {n_triples:,} triples (generated in {seconds:.1f} s)")
    seconds_triples, _ = timed(lambda: sum(1 for _ in graph_triples(graph, BASE)))
    print(f"graph_triples alone: {n_triples / seconds_triples:,.0f} triples/s")

    figures: list[tuple[str, float, float, str]] = []  # what, rdflib, oxigraph, unit

    # Writing: ours streams the triples into pyoxigraph's writers.
    nt = folder / "graph.nt"
    ours_ttl, _ = timed(lambda: ox.serialize(graph_triples(graph, BASE), str(folder / "graph.ttl"), ox.RdfFormat.TURTLE, prefixes=prefixes))
    ours_nt, _ = timed(lambda: ox.serialize(graph_triples(graph, BASE), str(nt), ox.RdfFormat.N_TRIPLES))
    build_rdflib, rdf = timed(lambda: rdflib_graph(graph_triples(graph, BASE), BASE))
    rdflib_ttl, _ = timed(lambda: rdf.serialize(str(folder / "rdflib.ttl"), format="turtle"))
    rdflib_nt, _ = timed(lambda: rdf.serialize(str(folder / "rdflib.nt"), format="nt", encoding="utf-8"))
    del rdf
    print(f"rdflib graph from the triples: {build_rdflib:.1f} s (counted in rdflib's write times)")
    figures.append(("write Turtle", n_triples / (build_rdflib + rdflib_ttl), n_triples / ours_ttl, "triples/s"))
    figures.append(("write N-Triples (ours streamed)", n_triples / (build_rdflib + rdflib_nt), n_triples / ours_nt, "triples/s"))

    # Loading: the same N-Triples file into each store.
    load_rdflib, rdf = timed(lambda: rdflib.Graph().parse(str(nt), format="nt"))
    store_dir = folder / "store"
    shutil.rmtree(store_dir, ignore_errors=True)

    def load_oxigraph() -> None:
        store = ox.Store(str(store_dir))
        store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
        store.optimize()
        store.flush()

    load_ox, _ = timed(load_oxigraph)
    figures.append(("store load", load_rdflib, load_ox, "s"))
    store = ox.Store.read_only(str(store_dir))
    memory = ox.Store()
    memory.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)

    # Queries, parameters bound by each engine (never pasted into the text).
    sizes = sorted(families, key=len)
    targets = {"largest family": sizes[-1][0], "median family": sizes[len(sizes) // 2][0]}
    rdflib_runs = max(3, args.runs // 5)
    for label, root in targets.items():
        iri = entity_iri(BASE, graph.entities[root])

        def on_rdflib() -> set[str]:
            return {str(r[1]) for r in rdf.query(BUILDS_ON_SPARQL11, initBindings={"target": rdflib.URIRef(iri)})}

        def on_oxigraph(query: str = PAPERS_QUERY, on: ox.Store = store) -> set[str]:
            return {s["paper"].value for s in on.query(query, substitutions={ox.Variable("target"): ox.NamedNode(iri)})}

        slow, rows_rdflib = latency(on_rdflib, rdflib_runs)
        fast, rows_ox = latency(on_oxigraph, args.runs)
        in_memory, _ = latency(lambda: on_oxigraph(on=memory), args.runs)
        sparql11, rows_11 = latency(lambda: on_oxigraph(BUILDS_ON_SPARQL11), rdflib_runs)
        assert rows_rdflib == rows_ox == rows_11, (len(rows_rdflib), len(rows_ox), len(rows_11))
        figures.append((f"builds-on, {label} ({len(rows_ox):,} papers)", slow, fast, "s"))
        print(f"  builds-on {label}: Oxigraph in memory {in_memory * 1000:.1f} ms; "
              f"Oxigraph on disk with the SPARQL 1.1 path form {sparql11 * 1000:.1f} ms")
    slow, groups = latency(lambda: len(list(rdf.query(TWO_HOP))), rdflib_runs)
    fast, groups_ox = latency(lambda: len(list(store.query(TWO_HOP))), args.runs)
    assert groups == groups_ox
    figures.append((f"grouped 2-hop ({groups} groups)", slow, fast, "s"))

    # The whole `papergraph builds-on` answer (names, edges with evidence, chains).
    name = graph.entities[targets["median family"]].name
    whole, answer = latency(lambda: len(builds_on(store, name).hits), max(3, args.runs // 4))
    print(f"  papergraph builds-on {name!r} end to end on Oxigraph: {whole * 1000:.0f} ms ({answer} papers)")

    # A name no entity has: builds-on reads every entity (close names) and every paper's text (papers that write it).
    def unknown() -> str:
        try:
            builds_on(store, "no such technique")
        except QueryError as error:
            return str(error)
        raise AssertionError("an unknown name found an entity")

    missing, message = latency(unknown, max(3, args.runs // 4))
    print(f"  papergraph builds-on of a name no entity has, on Oxigraph: {missing * 1000:.0f} ms "
          f"(every entity and all {len(graph.papers):,} titles and abstracts read: {message[:60]}...)")

    print()
    print(f"{'what':<44} {'rdflib':>14} {'Oxigraph':>14}  ratio (Oxigraph is N x faster)")
    for what, slow, fast, unit in figures:
        if unit == "s":
            ratio = slow / fast
            print(f"{what:<44} {_seconds(slow):>14} {_seconds(fast):>14}  {ratio:,.0f}x")
        else:
            ratio = fast / slow
            print(f"{what:<44} {slow:>12,.0f}/s {fast:>12,.0f}/s  {ratio:,.1f}x")
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)


def _seconds(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


if __name__ == "__main__":
    main()
