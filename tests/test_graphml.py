"""GraphML and GEXF: strict XML, every key declared, and the readers agree."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.config import Settings
from pipeline.graph import KnowledgeGraph
from pipeline.materialize.graphml import (
    GEXF_NS,
    GRAPHML_NS,
    edge_attributes,
    export_gexf,
    export_graphml,
    node_attributes,
)
from pipeline.materialize.property_graph import iter_edges, iter_nodes, paper_node
from pipeline.records import Paper

from .conftest import EXAMPLES
from .hand_graph import hand_graph
from .test_cli import run_cli

G = f"{{{GRAPHML_NS}}}"
PYTHON_TYPES = {"string": str, "int": int, "long": int, "double": float, "boolean": bool}


@pytest.fixture(scope="module")
def graph() -> KnowledgeGraph:
    return hand_graph()


@pytest.fixture(scope="module")
def graphml_file(graph, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("graphml") / "graph.graphml"
    export_graphml(graph, path, Settings())
    return path


@pytest.fixture(scope="module")
def gexf_file(graph, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("gexf") / "graph.gexf"
    export_gexf(graph, path, Settings())
    return path


def strict_parse(path: Path):
    from lxml import etree

    parser = etree.XMLParser(recover=False, resolve_entities=False, no_network=True, huge_tree=True)
    return etree.parse(str(path), parser).getroot()


def _typed(text: str, attr_type: str):
    if attr_type == "boolean":
        assert text in ("true", "false"), text
        return text == "true"
    return PYTHON_TYPES[attr_type](text)


def test_graphml_strict_parse_declared_keys_unique_ids_no_dangling_ends(graph, graphml_file):
    root = strict_parse(graphml_file)
    assert root.tag == f"{G}graphml"
    keys = {k.get("id"): k for k in root.iter(f"{G}key")}
    assert keys, "no <key> declarations"
    for key in keys.values():
        assert key.get("for") in ("node", "edge") and key.get("attr.name")
        assert key.get("attr.type") in ("string", "int", "double", "boolean")
    (graph_element,) = root.iter(f"{G}graph")
    assert graph_element.get("edgedefault") == "directed"
    nodes, edges = list(root.iter(f"{G}node")), list(root.iter(f"{G}edge"))
    node_ids = [n.get("id") for n in nodes]
    edge_ids = [e.get("id") for e in edges]
    assert len(set(node_ids)) == len(node_ids) == len(list(iter_nodes(graph)))
    assert len(set(edge_ids)) == len(edge_ids) == len(list(iter_edges(graph)))
    assert all(e.get("source") in set(node_ids) and e.get("target") in set(node_ids) for e in edges)
    for element, kind in [(n, "node") for n in nodes] + [(e, "edge") for e in edges]:
        data = {keys[d.get("key")].get("attr.name"): d for d in element.iter(f"{G}data")}
        assert {"type", "label"} <= set(data), element.get("id")
        for d in element.iter(f"{G}data"):
            key = keys[d.get("key")]  # KeyError: an undeclared key
            assert key.get("for") == kind
            assert d.text and d.text not in ("None", "null", "nan", "[]"), (element.get("id"), key.get("attr.name"))
            _typed(d.text, key.get("attr.type"))  # ValueError: not its declared type


def test_graphml_node_and_edge_content(graph, graphml_file):
    root = strict_parse(graphml_file)
    keys = {k.get("id"): k.get("attr.name") for k in root.iter(f"{G}key")}

    def data(element):
        return {keys[d.get("key")]: d.text for d in element.iter(f"{G}data")}

    nodes = {n.get("id"): data(n) for n in root.iter(f"{G}node")}
    fa2 = nodes["paper/2307.08691"]
    assert fa2["type"] == "Paper"
    assert fa2["label"] == "FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning"
    assert nodes["method/flashattention"] == {"type": "Method", "label": "FlashAttention", "name": "FlashAttention"}
    assert nodes["result/2407.08608-r0"]["baseline"] == "FlashAttention-2"
    edges = [(e.get("source"), e.get("target"), data(e)) for e in root.iter(f"{G}edge")]
    builds_on = [d for s, t, d in edges if (s, t) == ("paper/2307.08691", "method/flashattention") and d["type"] == "BUILDS_ON"]
    assert builds_on[0]["label"] == "builds on"
    assert builds_on[0]["sentence"].startswith("We present FlashAttention-2, which builds on FlashAttention")
    assert json.loads(builds_on[0]["sentences"]) == [builds_on[0]["sentence"]]
    derived = [d for s, t, d in edges if (s, t) == ("method/flashattention-2", "method/flashattention")]
    assert [json.loads(d["derived_from"]) for d in derived] == [["2307.08691"]]
    # a paper that builds on and compares with one method: two edges, two ids
    pair = [d["type"] for s, t, d in edges if (s, t) == ("paper/2307.08691", "method/flashattention")]
    assert sorted(pair) == ["BUILDS_ON", "COMPARES_WITH"]


def test_graphml_networkx_reads_back_same_counts_and_attributes(graph, graphml_file):
    import networkx as nx

    read = nx.read_graphml(graphml_file)
    nodes, edges = list(iter_nodes(graph)), list(iter_edges(graph))
    assert read.is_directed() and read.is_multigraph()
    assert (read.number_of_nodes(), read.number_of_edges()) == (len(nodes), len(edges))
    for node in nodes:
        assert read.nodes[node.key] == node_attributes(node)
    read_edges = {key: (s, t, d) for s, t, key, d in read.edges(keys=True, data=True)}
    for n, edge in enumerate(edges):
        source, target, attributes = read_edges[f"e{n}"]
        assert (source, target) == (edge.source, edge.target)
        assert {k: v for k, v in attributes.items() if k != "id"} == edge_attributes(edge)


def test_graphml_igraph_reads_back_same_counts_and_attributes(graph, graphml_file):
    import igraph

    read = igraph.Graph.Read_GraphML(str(graphml_file))
    nodes, edges = list(iter_nodes(graph)), list(iter_edges(graph))
    assert read.is_directed()
    assert (read.vcount(), read.ecount()) == (len(nodes), len(edges))
    index = {v["id"]: v for v in read.vs}
    for node in nodes:
        vertex = index[node.key]
        for name, value in node_attributes(node).items():
            # igraph reads GraphML integers back as floats (NOTES.md)
            assert vertex[name] == (float(value) if type(value) is int else value), (node.key, name)
    for edge, read_edge in zip(edges, read.es):
        assert (read.vs[read_edge.source]["id"], read.vs[read_edge.target]["id"]) == (edge.source, edge.target)
        for name, value in edge_attributes(edge).items():
            expected = float(value) if type(value) is int else value
            assert read_edge[name] == expected or math.isclose(read_edge[name], expected), (edge, name)


def test_gexf_networkx_reads_back_same_counts_and_attributes(graph, gexf_file):
    import networkx as nx

    root = strict_parse(gexf_file)
    assert root.tag == f"{{{GEXF_NS}}}gexf" and root.get("version") == "1.3"
    read = nx.read_gexf(gexf_file)
    nodes, edges = list(iter_nodes(graph)), list(iter_edges(graph))
    assert (read.number_of_nodes(), read.number_of_edges()) == (len(nodes), len(edges))
    for node in nodes:
        assert read.nodes[node.key] == node_attributes(node)
    read_edges = {d["id"]: (s, t, d) for s, t, d in read.edges(data=True)}
    for n, edge in enumerate(edges):
        source, target, attributes = read_edges[str(n)]
        assert (source, target) == (edge.source, edge.target)
        assert {k: v for k, v in attributes.items() if k != "id"} == edge_attributes(edge)


def test_graphml_empty_graph_is_valid(tmp_path):
    import networkx as nx

    export_graphml(KnowledgeGraph(), tmp_path / "g.graphml", Settings())
    strict_parse(tmp_path / "g.graphml")
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() == 0


_XML_CHAR = st.characters(
    blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff"
).filter(lambda c: c in "\t\n\r" or ord(c) >= 0x20)


@settings(max_examples=60, deadline=None)
@given(title=st.text(_XML_CHAR, min_size=1, max_size=40), authors=st.lists(st.text(_XML_CHAR, max_size=8), max_size=3))
def test_graphml_any_text_round_trips(tmp_path_factory, title, authors):
    import networkx as nx

    paper = Paper(id="p/1", title=title, abstract="a & b < c", clean_title=title, clean_abstract="x", authors=tuple(authors))
    for write, read in ((export_graphml, nx.read_graphml), (export_gexf, nx.read_gexf)):
        path = tmp_path_factory.mktemp("rt") / "g.xml"
        write(KnowledgeGraph(papers={paper.id: paper}), path, Settings())
        strict_parse(path)
        assert read(path).nodes["paper/p/1"] == node_attributes(paper_node(paper))


def test_graphml_build_and_export_cli(capsys, tmp_path):
    import networkx as nx

    out = tmp_path / "g"
    code, _, stderr = run_cli(capsys, "build", str(EXAMPLES), "--out", str(out), "--no-embed")
    assert code == 0, stderr
    built = nx.read_graphml(out / "graph.graphml")
    assert built.number_of_nodes() >= 14
    assert built.nodes["paper/2205.14135"]["type"] == "Paper"
    for fmt, name, reader in (("graphml", "graph.graphml", nx.read_graphml), ("gexf", "graph.gexf", nx.read_gexf)):
        code, stdout, stderr = run_cli(capsys, "export", str(out), "--to", fmt)
        assert (code, stdout) == (0, f"wrote {out / name}\n"), stderr
        assert reader(out / name).number_of_nodes() == built.number_of_nodes()


def test_graphml_a_size_is_a_variant_of_its_concepts_entity(tmp_path):
    """"GPT-3 175B" is a size of GPT-3 (``variant_of`` its concept): Gephi and networkx see the
    concept on the node and a VARIANT_OF edge to GPT-3's node."""
    import networkx as nx

    from pipeline.graph import GraphBuilder
    from pipeline.records import Entity, Evidence, Extraction, Relation

    gpt3 = "https://w3id.org/papergraph/vocab/model/gpt-3"
    text = "We compare with GPT-3 and GPT-3 175B."
    paper = Paper("p", "P", text, "P", text)
    builder = GraphBuilder()
    builder.add(Extraction(
        paper,
        (Entity("gpt-3", "GPT-3", "Model", concept=gpt3), Entity("gpt3175b", "GPT-3 175B", "Model", variant_of=gpt3)),
        (),
        tuple(Relation("p", "compares_with", key, (Evidence("p", text, 2, 18, 23, "hand", 0.9),)) for key in ("gpt-3", "gpt3175b")),
    ))
    export_graphml(builder.build(), tmp_path / "g.graphml", Settings())
    read = nx.read_graphml(tmp_path / "g.graphml")
    assert read.nodes["model/gpt-3-175b"]["variant_of"] == gpt3
    assert "variant_of" not in read.nodes["model/gpt-3"]
    assert [(s, t) for s, t, d in read.edges(data=True) if d["type"] == "VARIANT_OF"] == [("model/gpt-3-175b", "model/gpt-3")]
