"""The graph as RDF: one pure triple generator and the writers around it.

:func:`graph_triples` turns the one graph model into triples in the terms of
``ontology/papergraph.ttl`` (:class:`pipeline.vocab.PG`); every format is that
stream written out. Papers, entities (linked to their vocabulary concept),
every edge, results as their own nodes and similarity links are written, and
every edge is also reified as a statement node that carries its evidence (see
the comment at the top of ``ontology/papergraph.ttl`` for why).

Triples are pyoxigraph terms: they cost a third of rdflib's to make, and
pyoxigraph writes Turtle, N-Triples and TriG from a stream without holding the
graph. :func:`rdflib_graph` gives an rdflib graph for tests, pyshacl and JSON-LD.

Identifiers: everything lives under one base IRI (``Settings.base``); papers,
entities and results are named by their ids, statements and evidence by a hash
of what they state, so the same graph always gives the same IRIs.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox
import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DC, DCTERMS, PROV, RDF, RDFS, SDO, SKOS, XSD

from ..config import Settings
from ..errors import GraphDirError
from ..graph import KnowledgeGraph
from ..records import Entity, Evidence, Paper, Result, SimilarityLink
from ..vocab import ENTITY_CLASSES, ONTOLOGY_IRI, PG, PREFIXES, QUDT, ROLE_PROPERTIES, UNIT, ontology_file

# --------------------------------------------------------------------- terms


def _n(term: str) -> ox.NamedNode:
    return ox.NamedNode(str(term))


class T:
    """The ontology's terms as pyoxigraph nodes, made once.

    rdflib's closed namespaces check every attribute lookup, which is too slow
    for a loop over a million triples; the lookups happen here, at import.
    """

    type = _n(RDF.type)
    subject = _n(RDF.subject)
    predicate = _n(RDF.predicate)
    object = _n(RDF.object)
    Statement = _n(RDF.Statement)
    label = _n(RDFS.label)
    Paper = _n(PG.Paper)
    Result = _n(PG.Result)
    Evidence = _n(PG.Evidence)
    Assertion = _n(PG.Assertion)
    Similarity = _n(PG.Similarity)
    reports = _n(PG.reports)
    similarTo = _n(PG.similarTo)
    metric = _n(PG.metric)
    value = _n(PG.value)
    fromValue = _n(PG.fromValue)
    valueText = _n(PG.valueText)
    unitText = _n(PG.unitText)
    ucumCode = _n(PG.ucumCode)
    onDataset = _n(PG.onDataset)
    onHardware = _n(PG.onHardware)
    baseline = _n(PG.baseline)
    evidence = _n(PG.evidence)
    sentence = _n(PG.sentence)
    span = _n(PG.span)
    sentenceStart = _n(PG.sentenceStart)
    start = _n(PG.start)
    end = _n(PG.end)
    component = _n(PG.component)
    confidence = _n(PG.confidence)
    score = _n(PG.score)
    title = _n(DCTERMS.title)
    abstract = _n(DCTERMS.abstract)
    identifier = _n(DCTERMS.identifier)
    issued = _n(DCTERMS.issued)
    creator = _n(DC.creator)
    url = _n(SDO.url)
    codeRepository = _n(SDO.codeRepository)
    prefLabel = _n(SKOS.prefLabel)
    altLabel = _n(SKOS.altLabel)
    definition = _n(SKOS.definition)
    nameKey = _n(PG.nameKey)
    variantOf = _n(PG.variantOf)
    exactMatch = _n(SKOS.exactMatch)
    wasQuotedFrom = _n(PROV.wasQuotedFrom)
    wasDerivedFrom = _n(PROV.wasDerivedFrom)
    unit = _n(QUDT.unit)
    integer = _n(XSD.integer)
    decimal = _n(XSD.decimal)
    date = _n(XSD.date)
    dateTime = _n(XSD.dateTime)
    anyURI = _n(XSD.anyURI)


ROLES = {role: _n(prop) for role, prop in ROLE_PROPERTIES.items()}
CLASSES = {name: _n(cls) for name, cls in ENTITY_CLASSES.items()}

# Units the extractor writes -> (UCUM code, QUDT unit local name or None).
# UCUM has no FLOP or frame: those are annotations ({...}), as UCUM prescribes
# for countable things; QUDT is linked only where it has the unit.
UNITS: dict[str, tuple[str, str | None]] = {
    "%": ("%", "PERCENT"),
    "x": ("1", "UNITLESS"),
    "ns": ("ns", "NanoSEC"),
    "us": ("us", "MicroSEC"),
    "µs": ("us", "MicroSEC"),
    "ms": ("ms", "MilliSEC"),
    "s": ("s", "SEC"),
    "min": ("min", "MIN"),
    "h": ("h", "HR"),
    "days": ("d", "DAY"),
    "KB": ("kBy", "KiloBYTE"),
    "MB": ("MBy", "MegaBYTE"),
    "GB": ("GBy", "GigaBYTE"),
    "TB": ("TBy", "TeraBYTE"),
    "MiB": ("MiBy", None),
    "GiB": ("GiBy", None),
    "GB/s": ("GBy/s", None),
    "TB/s": ("TBy/s", None),
    "W": ("W", "W"),
    "mW": ("mW", "MilliW"),
    "kW": ("kW", "KiloW"),
    "J": ("J", "J"),
    "mJ": ("mJ", "MilliJ"),
    "kJ": ("kJ", "KiloJ"),
    "Hz": ("Hz", "HZ"),
    "dB": ("dB", "DeciB"),
    "FLOPs": ("{FLOP}", None),
    "MFLOPs": ("10*6{FLOP}", None),
    "GFLOPs": ("10*9{FLOP}", None),
    "TFLOPs": ("10*12{FLOP}", None),
    "PFLOPs": ("10*15{FLOP}", None),
    "FLOPs/s": ("{FLOP}/s", None),
    "GFLOPs/s": ("10*9{FLOP}/s", None),
    "TFLOPs/s": ("10*12{FLOP}/s", None),
    "PFLOPs/s": ("10*15{FLOP}/s", None),
    "GFLOPS": ("10*9{FLOP}/s", None),
    "TFLOPS": ("10*12{FLOP}/s", None),
    "PFLOPS": ("10*15{FLOP}/s", None),
    "fps": ("{frame}/s", None),
    "tokens/s": ("{token}/s", None),
    "samples/s": ("{sample}/s", None),
    "images/s": ("{image}/s", None),
    "it/s": ("{iteration}/s", None),
    "samples/kJ": ("{sample}/kJ", None),
    "points": ("{point}", None),
    "steps": ("{step}", None),
    "M": ("10*6", None),  # a count in millions ("0.50M trainable parameters")
    "B": ("10*9", None),
    "K": ("10*3", None),
    "GPU-hours": ("{GPU}.h", None),
    "GPU-days": ("{GPU}.d", None),
}


def decimal_lexical(number: float) -> str:
    """The canonical ``xsd:decimal`` form of a number: no exponent, no trailing zeros.

    It is the form Oxigraph stores, so a value reads back the same from the store.

    >>> decimal_lexical(0.93), decimal_lexical(2.0), decimal_lexical(1e-05), decimal_lexical(-0.0)
    ('0.93', '2', '0.00001', '0')
    """
    if not math.isfinite(number):
        raise ValueError(f"{number} has no xsd:decimal form")
    text = format(Decimal(repr(float(number))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fold_name(name: str) -> str:
    """A name with letter case, spaces and hyphens (any Unicode dash) folded away:
    the ``pg:nameKey`` of an entity's name or alias.

    SPARQL folds the same way with ``REPLACE(LCASE(?name), "[\\\\s\\\\p{Pd}]", "")``.

    >>> fold_name("Flash Attention") == fold_name("flash-attention") == fold_name("FlashAttention")
    True
    >>> fold_name("FlashAttention-2") == fold_name("FlashAttention")
    False
    """
    return "".join(ch for ch in name.lower() if not folded_away(ch))


def folded_away(ch: str) -> bool:
    """Whether :func:`fold_name` drops the (lower-case) character: a space or a dash."""
    return ch.isspace() or unicodedata.category(ch) == "Pd"


def _int(number: int) -> ox.Literal:
    return ox.Literal(str(int(number)), datatype=T.integer)


def _dec(number: float) -> ox.Literal:
    return ox.Literal(decimal_lexical(number), datatype=T.decimal)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")


def _date(text: str) -> ox.Literal:
    if _DATE.match(text):
        return ox.Literal(text, datatype=T.date)
    if _DATETIME.match(text):
        return ox.Literal(text, datatype=T.dateTime)
    return ox.Literal(text)


def _link(url: str) -> ox.NamedNode | ox.Literal:
    """A web address as an IRI; one that is not a valid IRI as an ``xsd:anyURI`` literal."""
    try:
        return ox.NamedNode(quote(url, safe=":/?#[]@!$&'()*+,;=%~"))
    except ValueError:
        return ox.Literal(url, datatype=T.anyURI)


# --------------------------------------------------------------------- IRIs


def _segment(identifier: str) -> str:
    """An id as one IRI path segment: old arXiv ids ("hep-th/9901001") keep no '/'.

    >>> _segment("hep-th/9901001"), _segment("2307.08691"), _segment("rtx-4090")
    ('hep-th%2F9901001', '2307.08691', 'rtx-4090')
    """
    return quote(identifier, safe="")


def paper_iri(base: str, paper_id: str) -> str:
    return f"{base}paper/{_segment(paper_id)}"


def entity_iri(base: str, entity: Entity) -> str:
    return f"{base}{entity.type.lower()}/{_segment(entity.id)}"


def result_iri(base: str, result_id: str) -> str:
    return f"{base}result/{_segment(result_id)}"


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:20]


def statement_iri(base: str, subject: str, predicate: str, obj: str) -> str:
    """The reified statement of one edge, named by a hash of the edge."""
    return f"{base}statement/{_digest(subject, predicate, obj)}"


def evidence_iri(base: str, evidence: Evidence) -> str:
    """One piece of evidence, named by a hash of all it says (shared by the
    statements it supports)."""
    e = evidence
    return f"{base}evidence/{_digest(e.paper_id, e.sentence_start, e.start, e.end, e.component, repr(e.confidence), e.sentence)}"


def instance_prefixes(base: str) -> dict[str, str]:
    """Prefixes of the instance IRIs under ``base``, for readable Turtle."""
    kinds = ("paper", *(t.lower() for t in ENTITY_CLASSES), "result")
    prefixes = {kind: f"{base}{kind}/" for kind in kinds}
    prefixes.update(st=f"{base}statement/", ev=f"{base}evidence/")
    return prefixes


def output_prefixes(base: str) -> dict[str, str]:
    return {**PREFIXES, **instance_prefixes(base)}


# ------------------------------------------------------------------ triples


@dataclass
class _Statement:
    """One edge and what backs it: evidence, and the papers a derived edge came from."""

    subject: ox.NamedNode
    predicate: ox.NamedNode
    object: ox.NamedNode
    evidence: list[Evidence] = field(default_factory=list)
    derived_from: list[str] = field(default_factory=list)


class _Nodes:
    """Ids of the graph -> IRIs, made once per graph."""

    def __init__(self, graph: KnowledgeGraph, base: str):
        self.base = base
        self.papers = {pid: ox.NamedNode(paper_iri(base, pid)) for pid in graph.papers}
        self.entities = {eid: ox.NamedNode(entity_iri(base, e)) for eid, e in graph.entities.items()}
        self.results = {r.id: ox.NamedNode(result_iri(base, r.id)) for r in graph.results}

    def paper(self, paper_id: str) -> ox.NamedNode:
        node = self.papers.get(paper_id)
        return node if node is not None else ox.NamedNode(paper_iri(self.base, paper_id))

    def entity(self, entity_id: str, where: str) -> ox.NamedNode:
        try:
            return self.entities[entity_id]
        except KeyError:
            raise GraphDirError(
                f"{where} names entity {entity_id!r}, which the graph does not hold; rebuild the graph"
            ) from None


def graph_triples(graph: KnowledgeGraph, base: str) -> Iterator[ox.Triple]:
    """Every triple of the graph, in the ontology's terms, each once.

    Args:
        graph: the graph model.
        base: the base IRI of papers, entities, results, statements, evidence.

    Returns:
        An iterator of pyoxigraph triples, grouped by subject.

    Raises:
        GraphDirError: an edge or result names an entity the graph lacks, or a
            relation's predicate is no property of the ontology.
    """
    nodes = _Nodes(graph, base)
    for paper in graph.papers.values():
        yield from _paper_triples(paper, nodes.papers[paper.id])
    for entity in graph.entities.values():
        yield from _entity_triples(entity, nodes.entities[entity.id])
    statements = _statements(graph, nodes)
    seen: set[str] = set()
    for statement in statements.values():
        yield from _statement_triples(statement, nodes, seen)
    for result in graph.results:
        reported = (nodes.paper(result.paper_id), T.reports, nodes.results[result.id])
        if (reported[0].value, reported[1].value, reported[2].value) not in statements:
            yield ox.Triple(*reported)
        yield from _result_triples(result, nodes, seen)
    for link in graph.similar:
        yield from _similarity_triples(link, nodes)


def _paper_triples(paper: Paper, node: ox.NamedNode) -> Iterator[ox.Triple]:
    yield ox.Triple(node, T.type, T.Paper)
    yield ox.Triple(node, T.identifier, ox.Literal(paper.id))
    yield ox.Triple(node, T.title, ox.Literal(paper.clean_title))
    if paper.clean_abstract:
        yield ox.Triple(node, T.abstract, ox.Literal(paper.clean_abstract))
    if paper.url:
        yield ox.Triple(node, T.url, _link(paper.url))
    if paper.code_url:
        yield ox.Triple(node, T.codeRepository, _link(paper.code_url))
    for author in paper.authors:
        yield ox.Triple(node, T.creator, ox.Literal(author))
    if paper.published:
        yield ox.Triple(node, T.issued, _date(paper.published))


def _entity_triples(entity: Entity, node: ox.NamedNode) -> Iterator[ox.Triple]:
    name = ox.Literal(entity.name)
    yield ox.Triple(node, T.type, CLASSES[entity.type])
    yield ox.Triple(node, T.identifier, ox.Literal(entity.id))
    yield ox.Triple(node, T.prefLabel, name)
    yield ox.Triple(node, T.label, name)
    for alias in entity.aliases:
        yield ox.Triple(node, T.altLabel, ox.Literal(alias))
    for key in dict.fromkeys(fold_name(n) for n in (entity.name, *entity.aliases)):
        yield ox.Triple(node, T.nameKey, ox.Literal(key))
    if entity.concept:
        yield ox.Triple(node, T.exactMatch, ox.NamedNode(entity.concept))
    elif entity.variant_of:
        yield ox.Triple(node, T.variantOf, ox.NamedNode(entity.variant_of))
    if entity.definition:
        yield ox.Triple(node, T.definition, ox.Literal(entity.definition))


def _role(predicate: str, where: str) -> ox.NamedNode:
    try:
        return ROLES[predicate]
    except KeyError:
        raise GraphDirError(
            f"{where}: role {predicate!r} has no ontology property (known: {', '.join(ROLES)}); "
            "add it to ontology/papergraph.ttl and pipeline/vocab.py"
        ) from None


def _statements(graph: KnowledgeGraph, nodes: _Nodes) -> dict[tuple[str, str, str], _Statement]:
    """Every edge with its evidence: relations, and mentions as ``pg:mentions`` edges."""
    statements: dict[tuple[str, str, str], _Statement] = {}

    def add(subject: ox.NamedNode, predicate: ox.NamedNode, obj: ox.NamedNode) -> _Statement:
        key = (subject.value, predicate.value, obj.value)
        statement = statements.get(key)
        if statement is None:
            statement = statements[key] = _Statement(subject, predicate, obj)
        return statement

    for relation in graph.relations:
        where = f"relation {relation.subject} {relation.predicate} {relation.object}"
        predicate = _role(relation.predicate, where)
        if relation.derived_from:
            subject = nodes.entity(relation.subject, where)
        else:
            subject = nodes.paper(relation.subject)
        if predicate == T.reports and relation.object in nodes.results:
            obj = nodes.results[relation.object]
        else:
            obj = nodes.entity(relation.object, where)
        statement = add(subject, predicate, obj)
        statement.evidence.extend(e for e in relation.evidence if e not in statement.evidence)
        statement.derived_from.extend(p for p in relation.derived_from if p not in statement.derived_from)
    for mention in graph.mentions:
        where = f"mention {mention.text!r} in {mention.paper_id}"
        statement = add(nodes.paper(mention.paper_id), ROLES["mentions"], nodes.entity(mention.entity_id, where))
        if mention.evidence not in statement.evidence:
            statement.evidence.append(mention.evidence)
    return statements


def _statement_triples(statement: _Statement, nodes: _Nodes, seen: set[str]) -> Iterator[ox.Triple]:
    s, p, o = statement.subject, statement.predicate, statement.object
    node = ox.NamedNode(statement_iri(nodes.base, s.value, p.value, o.value))
    yield ox.Triple(s, p, o)
    yield ox.Triple(node, T.type, T.Statement)
    yield ox.Triple(node, T.type, T.Assertion)
    yield ox.Triple(node, T.subject, s)
    yield ox.Triple(node, T.predicate, p)
    yield ox.Triple(node, T.object, o)
    if statement.evidence:
        yield ox.Triple(node, T.confidence, _dec(max(e.confidence for e in statement.evidence)))
    for paper_id in statement.derived_from:
        yield ox.Triple(node, T.wasDerivedFrom, nodes.paper(paper_id))
    evidence_nodes = [ox.NamedNode(evidence_iri(nodes.base, e)) for e in statement.evidence]
    for evidence_node in evidence_nodes:
        yield ox.Triple(node, T.evidence, evidence_node)
    for evidence, evidence_node in zip(statement.evidence, evidence_nodes):
        yield from _evidence_triples(evidence, evidence_node, nodes, seen)


def _evidence_triples(evidence: Evidence, node: ox.NamedNode, nodes: _Nodes, seen: set[str]) -> Iterator[ox.Triple]:
    if node.value in seen:
        return
    seen.add(node.value)
    yield ox.Triple(node, T.type, T.Evidence)
    yield ox.Triple(node, T.sentence, ox.Literal(evidence.sentence))
    offset = evidence.start - evidence.sentence_start
    if 0 <= offset <= evidence.end - evidence.sentence_start <= len(evidence.sentence):
        yield ox.Triple(node, T.span, ox.Literal(evidence.span))
    yield ox.Triple(node, T.sentenceStart, _int(evidence.sentence_start))
    yield ox.Triple(node, T.start, _int(evidence.start))
    yield ox.Triple(node, T.end, _int(evidence.end))
    yield ox.Triple(node, T.component, ox.Literal(evidence.component))
    yield ox.Triple(node, T.confidence, _dec(evidence.confidence))
    yield ox.Triple(node, T.wasQuotedFrom, nodes.paper(evidence.paper_id))


def _result_triples(result: Result, nodes: _Nodes, seen: set[str]) -> Iterator[ox.Triple]:
    node = nodes.results[result.id]
    where = f"result {result.id}"
    if not math.isfinite(result.value):
        raise GraphDirError(f"{where}: value {result.value} is not a finite number; rebuild the graph")
    yield ox.Triple(node, T.type, T.Result)
    if result.metric is not None:
        yield ox.Triple(node, T.metric, nodes.entity(result.metric, where))
    yield ox.Triple(node, T.value, _dec(result.value))
    yield ox.Triple(node, T.valueText, ox.Literal(result.value_text))
    if result.unit:
        yield ox.Triple(node, T.unitText, ox.Literal(result.unit))
        ucum, qudt = UNITS.get(result.unit, (None, None))
        if ucum is not None:
            yield ox.Triple(node, T.ucumCode, ox.Literal(ucum))
        if qudt is not None:
            yield ox.Triple(node, T.unit, _n(UNIT[qudt]))
    if result.from_value is not None and math.isfinite(result.from_value):
        yield ox.Triple(node, T.fromValue, _dec(result.from_value))
    if result.dataset is not None:
        yield ox.Triple(node, T.onDataset, nodes.entity(result.dataset, where))
    if result.hardware is not None:
        yield ox.Triple(node, T.onHardware, nodes.entity(result.hardware, where))
    if result.baseline is not None:
        yield ox.Triple(node, T.baseline, nodes.entity(result.baseline, where))
    evidence_node = ox.NamedNode(evidence_iri(nodes.base, result.evidence))
    yield ox.Triple(node, T.evidence, evidence_node)
    yield from _evidence_triples(result.evidence, evidence_node, nodes, seen)


def _similarity_triples(link: SimilarityLink, nodes: _Nodes) -> Iterator[ox.Triple]:
    s, o = nodes.paper(link.source), nodes.paper(link.target)
    node = ox.NamedNode(statement_iri(nodes.base, s.value, T.similarTo.value, o.value))
    yield ox.Triple(s, T.similarTo, o)
    yield ox.Triple(node, T.type, T.Statement)
    yield ox.Triple(node, T.type, T.Similarity)
    yield ox.Triple(node, T.subject, s)
    yield ox.Triple(node, T.predicate, T.similarTo)
    yield ox.Triple(node, T.object, o)
    yield ox.Triple(node, T.score, _dec(link.score))


# -------------------------------------------------------------- conversions


def to_rdflib(term: Any) -> Any:
    """A pyoxigraph term as the equal rdflib term (``xsd:string`` literals stay plain)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"not an RDF term: {term!r}")


_XSD_STRING = str(XSD.string)


def rdflib_graph(triples: Iterable[ox.Triple], base: str | None = None) -> rdflib.Graph:
    """An rdflib graph of the triples, with the output prefixes bound."""
    graph = rdflib.Graph(bind_namespaces="none")
    for prefix, namespace in (output_prefixes(base) if base else PREFIXES).items():
        graph.bind(prefix, namespace)
    for triple in triples:
        graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
    return graph


# ------------------------------------------------------------------ writers


class _Counted:
    """Passes items through and counts them."""

    def __init__(self, items: Iterable[Any]):
        self._items = iter(items)
        self.n = 0

    def __iter__(self) -> Iterator[Any]:
        for item in self._items:
            self.n += 1
            yield item


def write_turtle(graph: KnowledgeGraph, path: Path, settings: Settings) -> int:
    """Write the graph as Turtle, streamed; returns the number of triples."""
    triples = _Counted(graph_triples(graph, settings.base))
    ox.serialize(triples, str(path), ox.RdfFormat.TURTLE, prefixes=output_prefixes(settings.base))
    return triples.n


def write_ntriples(graph: KnowledgeGraph, path: Path, settings: Settings) -> int:
    """Write the graph as N-Triples, streamed: memory does not grow with the graph."""
    triples = _Counted(graph_triples(graph, settings.base))
    ox.serialize(triples, str(path), ox.RdfFormat.N_TRIPLES)
    return triples.n


def write_trig(graph: KnowledgeGraph, path: Path, settings: Settings) -> int:
    """Write TriG: the graph in the default graph, the ontology in its own named graph.

    One file then carries the data and the terms it is written in.
    """
    ontology = ox.NamedNode(ONTOLOGY_IRI)
    data = _Counted(graph_triples(graph, settings.base))
    quads = itertools.chain(
        (ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in data),
        (
            ox.Quad(t.subject, t.predicate, t.object, ontology)
            for t in ox.parse(path=str(ontology_file()), format=ox.RdfFormat.TURTLE)
        ),
    )
    ox.serialize(quads, str(path), ox.RdfFormat.TRIG, prefixes=output_prefixes(settings.base))
    return data.n


def write_jsonld(graph: KnowledgeGraph, path: Path, settings: Settings) -> int:
    """Write compact JSON-LD with a context of the output prefixes.

    Compaction needs the whole graph, so this one format holds it in rdflib.
    """
    triples = _Counted(graph_triples(graph, settings.base))
    rdf = rdflib_graph(triples, settings.base)
    rdf.serialize(str(path), format="json-ld", context=output_prefixes(settings.base), auto_compact=True)
    return triples.n


# format -> (writer, file name in a build folder)
FORMATS: dict[str, tuple[Any, str]] = {
    "turtle": (write_turtle, "graph.ttl"),
    "nt": (write_ntriples, "graph.nt"),
    "jsonld": (write_jsonld, "graph.jsonld"),
    "trig": (write_trig, "graph.trig"),
}


def write_build(graph: KnowledgeGraph, out_dir: Path, settings: Settings, report: dict) -> None:
    """The build's RDF: ``graph.ttl`` always, plus each format of ``settings.rdf_formats``."""
    import time

    files = {}
    triples = 0
    for fmt in dict.fromkeys(("turtle", *settings.rdf_formats)):
        write, name = FORMATS[fmt]
        started = time.perf_counter()
        triples = write(graph, out_dir / name, settings)
        files[name] = round(time.perf_counter() - started, 3)
    report["rdf"] = {"triples": triples, "base": settings.base, "seconds": files}
