"""The graph as RDF: the ontology, the closed namespace, every format, SHACL."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
import rdflib
import rdflib.collection
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from rdflib import Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from pipeline.config import Settings
from pipeline.errors import GraphDirError
from pipeline.graph import GraphBuilder, KnowledgeGraph
from pipeline.extract import results
from pipeline.materialize.rdf import (
    FORMATS,
    UNITS,
    graph_triples,
    paper_iri,
    rdflib_graph,
    write_ntriples,
    write_trig,
    write_turtle,
)
from pipeline.records import Entity, Evidence, Extraction, Paper, Relation, Result
from pipeline.vocab import PG, QUDT, UNIT, ontology_file

from .conftest import EXAMPLES
from .hand_graph import hand_graph

SETTINGS = Settings(embed=False)
BASE = SETTINGS.base


def assert_isomorphic(a: rdflib.Graph, b: rdflib.Graph) -> None:
    """Like rdflib's test helper: on failure, show the triples only one side has."""
    if isomorphic(a, b):
        return
    _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
    pytest.fail(f"not isomorphic\nonly in first:\n{sorted(only_a)[:20]}\nonly in second:\n{sorted(only_b)[:20]}")


@pytest.fixture(scope="module")
def graph() -> KnowledgeGraph:
    return hand_graph()


@pytest.fixture(scope="module")
def rdf(graph) -> rdflib.Graph:
    return rdflib_graph(graph_triples(graph, BASE), BASE)


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_file("shapes.ttl"))


def shacl(data: rdflib.Graph, shapes: rdflib.Graph) -> tuple[bool, rdflib.Graph]:
    import pyshacl

    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return conforms, report


# ------------------------------------------------------------ the ontology


def test_vocab_matches_the_ontology_file():
    ontology = rdflib.Graph().parse(ontology_file())
    declared = {
        str(s)[len(str(PG)):]
        for s in ontology.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(str(PG))
    }
    in_code = set(PG.__annotations__)
    assert declared == in_code, (
        f"in papergraph.ttl only: {sorted(declared - in_code)}; in pipeline/vocab.py only: {sorted(in_code - declared)}"
    )
    for term in in_code:
        assert ontology.value(PG[term], RDFS.label) is not None, f"pg:{term} has no rdfs:label"
        assert ontology.value(PG[term], RDFS.comment) is not None, f"pg:{term} has no rdfs:comment"


def test_vocab_rejects_unknown_terms():
    with pytest.raises(AttributeError):
        PG.buildOn  # noqa: B018 - the misspelling is the point


def test_vocab_ontology_alignment():
    ontology = rdflib.Graph().parse(ontology_file())
    assert (PG.Paper, RDFS.subClassOf, SDO.ScholarlyArticle) in ontology
    assert (PG.Evidence, RDFS.subClassOf, PROV.Entity) in ontology
    assert (PG.Assertion, RDFS.subClassOf, RDF.Statement) in ontology
    assert (PG.Entity, RDFS.subClassOf, SKOS.Concept) in ontology
    assert (PG.similarTo, RDF.type, OWL.SymmetricProperty) in ontology
    for prop, domain, range_ in [
        (PG.proposes, PG.Paper, PG.Entity),
        (PG.evaluatedOn, PG.Paper, PG.Dataset),
        (PG.metric, PG.Result, PG.Metric),
    ]:
        assert (prop, RDFS.domain, domain) in ontology and (prop, RDFS.range, range_) in ontology
    union = ontology.value(ontology.value(PG.reports, RDFS.range), OWL.unionOf)
    assert list(rdflib.collection.Collection(ontology, union)) == [PG.Result, PG.Metric]
    for annotation in (PG.entityType, PG.matchCase, PG.successorOf):
        assert (annotation, RDF.type, OWL.AnnotationProperty) in ontology


# ---------------------------------------------------------- the triples


def test_rdf_papers_entities_and_edges(rdf):
    fa2_paper = URIRef(paper_iri(BASE, "2307.08691"))
    fa = URIRef(f"{BASE}method/flashattention")
    fa2 = URIRef(f"{BASE}method/flashattention-2")
    assert (fa2_paper, RDF.type, PG.Paper) in rdf
    assert str(rdf.value(fa2_paper, DCTERMS.title)).startswith("FlashAttention-2")
    assert (fa2_paper, DCTERMS.identifier, Literal("2307.08691")) in rdf
    assert (fa2_paper, PG.buildsOn, fa) in rdf
    assert (fa2_paper, PG.comparesWith, fa) in rdf
    assert (fa, SKOS.prefLabel, Literal("FlashAttention")) in rdf
    assert (fa2, PG.buildsOn, fa) in rdf, "the derived entity-to-entity edge"


def test_rdf_evidence_is_reachable_by_sparql(rdf):
    rows = list(rdf.query(
        """SELECT ?sentence ?start ?end ?component ?confidence ?paper WHERE {
             ?st rdf:subject ?p ; rdf:predicate pg:buildsOn ; rdf:object ?x ; pg:evidence ?ev .
             ?ev pg:sentence ?sentence ; pg:start ?start ; pg:end ?end ; pg:component ?component ;
                 pg:confidence ?confidence ; prov:wasQuotedFrom ?paper .
           }""",
        initNs={"pg": PG, "rdf": RDF, "prov": PROV},
        initBindings={"p": URIRef(paper_iri(BASE, "2307.08691")), "x": URIRef(f"{BASE}method/flashattention")},
    ))
    assert len(rows) == 1
    sentence, start, end, component, confidence, paper = rows[0]
    assert "builds on FlashAttention" in str(sentence)
    assert (int(start), int(end), str(component), float(confidence)) == (
        int(start), int(start) + len("builds on FlashAttention"), "hand", 0.9)
    assert paper == URIRef(paper_iri(BASE, "2307.08691"))


def test_rdf_derived_edges_name_their_papers(rdf):
    rows = list(rdf.query(
        """SELECT ?paper WHERE { ?st rdf:subject method:flashattention-3 ; rdf:predicate pg:buildsOn ;
                                    rdf:object method:flashattention-2 ; prov:wasDerivedFrom ?paper ; pg:evidence ?ev }"""
    ))
    assert [r[0] for r in rows] == [URIRef(paper_iri(BASE, "2407.08608"))]


def _written_units() -> list[str]:
    """Every way the extractor's unit pattern can write a unit, and the other forms it reads."""
    written = ["%", "x", "\u00d7", "X", "times", "H100 GPU-hours", "GPU days"]
    for alternative in results._UNITS.split("|"):
        if alternative.startswith("[MBK]"):
            written += ["M", "B", "K"]
        elif alternative.endswith("s?"):
            written += [alternative[:-1], alternative[:-2]]
        else:
            assert re.fullmatch(r"[\w/]+", alternative), f"unit pattern not expanded here: {alternative!r}"
            written.append(alternative)
    return written


@pytest.mark.parametrize("written", _written_units())
def test_rdf_every_unit_the_extractor_writes_has_a_ucum_code(written):
    unit = results.normalise_unit(written)
    assert unit in UNITS, f"{written!r} becomes unit {unit!r}, which the RDF has no UCUM code for"


def test_rdf_results_are_nodes_with_units(rdf):
    result = URIRef(f"{BASE}result/2307.08691-r0")
    assert (URIRef(paper_iri(BASE, "2307.08691")), PG.reports, result) in rdf
    assert rdf.value(result, PG.value) == Literal("225", datatype=XSD.decimal)
    assert rdf.value(result, PG.unitText) == Literal("TFLOPs/s")
    assert rdf.value(result, PG.ucumCode) == Literal("10*12{FLOP}/s")
    assert rdf.value(result, PG.onHardware) == URIRef(f"{BASE}hardware/a100")
    assert rdf.value(result, PG.metric) == URIRef(f"{BASE}metric/throughput")
    speedup = URIRef(f"{BASE}result/2407.08608-r0")
    assert rdf.value(speedup, QUDT.unit) == UNIT.UNITLESS
    assert rdf.value(speedup, PG.baseline) == URIRef(f"{BASE}method/flashattention-2")


def test_rdf_similarity_links_carry_their_score(rdf):
    rows = list(rdf.query(
        "SELECT ?score WHERE { ?st a pg:Similarity ; rdf:subject paper:2205.14135 ; rdf:object paper:2307.08691 ; pg:score ?score }"
    ))
    assert [float(r[0]) for r in rows] == [0.83]
    assert (URIRef(paper_iri(BASE, "2205.14135")), PG.similarTo, URIRef(paper_iri(BASE, "2307.08691"))) in rdf


def test_rdf_each_triple_once(graph):
    triples = [(t.subject.value, t.predicate.value, str(t.object)) for t in graph_triples(graph, BASE)]
    assert len(triples) == len(set(triples))


# ---------------------------------------------------------------- IRIs


def _tiny_graph(paper_id: str = "hep-th/9901001") -> KnowledgeGraph:
    text = "A look at X"
    paper = Paper(paper_id, text, "We extend X.", text, "We extend X.", url="https://arxiv.org/abs/" + paper_id)
    sentence_start = paper.abstract_offset
    evidence = Evidence(paper_id, "We extend X.", sentence_start, sentence_start + 3, sentence_start + 11, "rule", 0.75)
    builder = GraphBuilder()
    builder.add(Extraction(paper, (Entity("x", "X", "Method"),), (), (Relation(paper_id, "builds_on", "x", (evidence,)),)))
    return builder.build()


def test_rdf_old_arxiv_ids_are_iri_safe():
    assert paper_iri(BASE, "hep-th/9901001") == f"{BASE}paper/hep-th%2F9901001"
    subjects = {t.subject.value for t in graph_triples(_tiny_graph(), BASE)}
    assert f"{BASE}paper/hep-th%2F9901001" in subjects


def test_rdf_base_is_configurable(graph):
    base = "https://example.org/kg/"
    iris = {term.value for t in graph_triples(graph, base) for term in (t.subject, t.object) if isinstance(term, ox.NamedNode)}
    ours = {i for i in iris if "example.org" in i or "w3id.org/papergraph/" in i}
    assert ours and all(i.startswith(base) or i.startswith(str(PG)) for i in ours)


def test_rdf_same_graph_same_bytes(graph, tmp_path):
    write_turtle(graph, tmp_path / "a.ttl", SETTINGS)
    write_turtle(hand_graph(), tmp_path / "b.ttl", SETTINGS)
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()


def test_rdf_same_input_same_graph_file(tmp_path):
    from pipeline.build import run

    for name in ("a", "b"):
        run([EXAMPLES], tmp_path / name, settings=SETTINGS)
    assert (tmp_path / "a" / "graph.ttl").read_bytes() == (tmp_path / "b" / "graph.ttl").read_bytes()


def test_rdf_unknown_entity_is_an_error():
    graph = _tiny_graph()
    graph.relations.append(Relation("hep-th/9901001", "uses", "nowhere", ()))
    with pytest.raises(GraphDirError, match="names entity 'nowhere', which the graph does not hold"):
        list(graph_triples(graph, BASE))


# ------------------------------------------------------------- formats


@pytest.mark.parametrize("fmt, parse_as", [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_rdf_written_file_parses_back_isomorphic(graph, rdf, tmp_path, fmt, parse_as):
    write, name = FORMATS[fmt]
    count = write(graph, tmp_path / name, SETTINGS)
    back = rdflib.Graph().parse(tmp_path / name, format=parse_as)
    assert count == len(rdf)
    assert_isomorphic(back, rdf)


def test_rdf_trig_holds_the_graph_and_the_ontology(graph, rdf, tmp_path):
    write_trig(graph, tmp_path / "graph.trig", SETTINGS)
    dataset = ox.Dataset(ox.parse(path=str(tmp_path / "graph.trig"), format=ox.RdfFormat.TRIG))
    default = rdflib_graph(q.triple for q in dataset if q.graph_name == ox.DefaultGraph())
    ontology = rdflib_graph(q.triple for q in dataset if q.graph_name == ox.NamedNode("https://w3id.org/papergraph/ontology"))
    assert_isomorphic(default, rdf)
    assert_isomorphic(ontology, rdflib.Graph().parse(ontology_file()))


def test_rdf_export_cli_writes_each_format(capsys, tmp_path, graph, rdf):
    from pipeline.cli import main
    from pipeline.graph import write_graph

    folder = tmp_path / "g"
    folder.mkdir()
    write_graph(graph, folder / "graph.jsonl")
    for fmt, parse_as, name in [("nt", "nt", "graph.nt"), ("jsonld", "json-ld", "graph.jsonld"), ("trig", "trig", "graph.trig")]:
        main(["export", str(folder), "--to", fmt])
        assert f"wrote {folder / name}" in capsys.readouterr().out
        if fmt != "trig":
            assert_isomorphic(rdflib.Graph().parse(folder / name, format=parse_as), rdf)


def test_rdf_build_writes_turtle_and_requested_formats(graph, tmp_path):
    from pipeline.materialize.rdf import write_build

    report: dict = {}
    write_build(graph, tmp_path, Settings(embed=False, rdf_formats=("turtle", "nt")), report)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nt", "graph.ttl"]
    assert report["rdf"]["triples"] == len(rdflib.Graph().parse(tmp_path / "graph.nt", format="nt"))


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_text, name=_text, alias=_text, sentence=_text, confidence=st.floats(0, 1), value=st.floats(-1e9, 1e9))
def test_rdf_any_text_round_trips_through_turtle_and_ntriples(tmp_path, title, name, alias, sentence, confidence, value):
    """Quotes, backslashes, newlines and any Unicode survive both writers."""
    paper = Paper("p1", title, sentence, title, sentence)
    start = paper.abstract_offset
    evidence = Evidence("p1", sentence, start, start, start + len(sentence), "rule", confidence)
    builder = GraphBuilder()
    builder.add(Extraction(
        paper,
        (Entity("e", name, "Method", aliases=(alias,)), Entity("m", "accuracy", "Metric")),
        (),
        (Relation("p1", "uses", "e", (evidence,)),),
        (Result("p1/r1", "p1", value, sentence, evidence, metric="m", unit="%"),),
    ))
    graph = builder.build()
    expected = rdflib_graph(graph_triples(graph, BASE))
    write_turtle(graph, tmp_path / "g.ttl", SETTINGS)
    write_ntriples(graph, tmp_path / "g.nt", SETTINGS)
    assert_isomorphic(rdflib.Graph().parse(tmp_path / "g.ttl", format="turtle"), expected)
    assert_isomorphic(rdflib.Graph().parse(tmp_path / "g.nt", format="nt"), expected)


# ---------------------------------------------------------------- SHACL


def test_rdf_hand_graph_conforms_to_the_shapes(rdf, shapes):
    conforms, report = shacl(rdf, shapes)
    assert conforms, report.serialize(format="turtle")


def _violations(report: rdflib.Graph) -> set[tuple[str, str]]:
    SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        component = str(report.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[-1]
        path = report.value(result, SH.resultPath)
        found.add((component, str(path).rsplit("#", 1)[-1].rsplit("/", 1)[-1] if path is not None else ""))
    return found


def _break_second_title(g: rdflib.Graph) -> None:
    g.add((URIRef(paper_iri(BASE, "2205.14135")), DCTERMS.title, Literal("Another title")))


def _break_evidence(g: rdflib.Graph) -> None:
    statement = next(g.subjects(RDF.predicate, PG.buildsOn))
    g.remove((statement, PG.evidence, None))


def _break_unreified_edge(g: rdflib.Graph) -> None:
    g.add((URIRef(paper_iri(BASE, "2205.14135")), PG.uses, URIRef(f"{BASE}method/pagedattention")))


def _break_result_value(g: rdflib.Graph) -> None:
    result = URIRef(f"{BASE}result/2307.08691-r0")
    g.remove((result, PG.value, None))
    g.add((result, PG.value, Literal("fast")))


def _break_result_metric(g: rdflib.Graph) -> None:
    g.add((URIRef(f"{BASE}result/2307.08691-r0"), PG.metric, URIRef(f"{BASE}metric/speedup")))


def _break_offsets(g: rdflib.Graph) -> None:
    evidence = next(g.subjects(RDF.type, PG.Evidence))
    g.set((evidence, PG.end, Literal(-1)))


def _break_variant(g: rdflib.Graph) -> None:
    entity = URIRef(f"{BASE}method/pagedattention")
    g.add((entity, PG.variantOf, URIRef("https://w3id.org/papergraph/vocab/model/llama-3")))
    g.add((entity, PG.variantOf, Literal("Llama 3")))


BROKEN = [
    (_break_second_title, ("MaxCountConstraintComponent", "title")),
    (_break_evidence, ("MinCountConstraintComponent", "evidence")),
    (_break_unreified_edge, ("SPARQLConstraintComponent", "uses")),
    (_break_result_value, ("DatatypeConstraintComponent", "value")),
    (_break_result_metric, ("MaxCountConstraintComponent", "metric")),
    (_break_offsets, ("LessThanOrEqualsConstraintComponent", "start")),
    (_break_variant, ("NodeKindConstraintComponent", "variantOf")),
]


@pytest.mark.parametrize("breaks, violation", BROKEN, ids=[b[0].__name__[7:] for b in BROKEN])
def test_rdf_broken_graph_does_not_conform(rdf, shapes, breaks, violation):
    broken = rdflib.Graph()
    for triple in rdf:
        broken.add(triple)
    breaks(broken)
    conforms, report = shacl(broken, shapes)
    assert not conforms
    assert violation in _violations(report)


@pytest.fixture(scope="module")
def page_graph(page_papers) -> KnowledgeGraph:
    from pipeline.extract import load_extractor

    builder = GraphBuilder()
    for extraction in load_extractor().iter_extractions(page_papers):
        builder.add(extraction)
    return builder.build()


@pytest.mark.slow
def test_rdf_shared_page_conforms_to_the_shapes(page_graph, shapes):
    """pyshacl runs the SPARQL constraints once per node: about 30 s here."""
    data = rdflib_graph(graph_triples(page_graph, BASE), BASE)
    assert len(list(data.subjects(RDF.type, PG.Paper))) == 56
    conforms, report = shacl(data, shapes)
    assert conforms, report.serialize(format="turtle")[:5000]


def test_rdf_a_size_links_to_the_concept_it_is_a_size_of(page_graph):
    """Qwen3-30B-A3B is no concept of the vocabulary: pg:variantOf links it to Qwen3's, which the
    vocabulary labels, and skos:exactMatch links it to none."""
    data = rdflib_graph(graph_triples(page_graph, BASE), BASE)
    qwen3 = URIRef("https://w3id.org/papergraph/vocab/model/qwen3")
    sizes = {str(data.value(s, SKOS.prefLabel)) for s in data.subjects(PG.variantOf, qwen3)}
    assert sizes == {"Qwen3-30B-A3B", "Qwen3-235B-A22B"}
    assert not [s for s in data.subjects(PG.variantOf, None) if data.value(s, SKOS.exactMatch) is not None]


def test_rdf_shared_page_turtle_parses_back_isomorphic(page_graph, tmp_path):
    write_turtle(page_graph, tmp_path / "graph.ttl", SETTINGS)
    assert_isomorphic(
        rdflib.Graph().parse(tmp_path / "graph.ttl", format="turtle"),
        rdflib_graph(graph_triples(page_graph, BASE)),
    )
