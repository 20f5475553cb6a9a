"""The graph as labelled nodes and typed edges: what GraphML, GEXF and Neo4j share.

Every property-graph output (``graph.graphml``, ``graph.gexf``, a Neo4j load,
the ``neo4j-admin`` CSV files) is written from :func:`iter_nodes` and
:func:`iter_edges`, so they agree on what a node or an edge is and on the name,
type and meaning of every property:

- nodes: ``Paper``, the entity types of DESIGN.md (``Method``, ``Model``,
  ``Dataset``, ``Hardware``, ``Metric``) and ``Result``;
- edges from a paper: one per role, upper-cased (``PROPOSES``, ``USES``,
  ``BUILDS_ON`` ...), ``REPORTS`` to each of its results, ``SIMILAR_TO`` another
  paper with a ``score``;
- edges between entities, derived from the papers: ``BUILDS_ON`` and ``RUNS_ON``
  with ``derived_from`` naming the papers; and ``VARIANT_OF`` from a size,
  checkpoint or release the vocabulary lacks ("Llama-3-8B") to the entity of
  the concept it is one of (Llama 3), where the graph holds that entity;
- edges from a result to the entities of its n-ary measurement: ``MEASURES``
  (metric), ``ON_DATASET``, ``ON_HARDWARE`` and ``VERSUS`` (baseline).

Evidence (sentence, component, confidence) is carried as edge properties.
Properties are plain values (str, int, float, bool) or lists of str; an absent
optional value is None, which each writer drops or uses to clear a stale value.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..graph import KnowledgeGraph
from ..records import ENTITY_TYPES, Entity, Evidence, Paper, Relation, Result

NODE_LABELS: tuple[str, ...] = ("Paper", *ENTITY_TYPES, "Result")

# Result -> entity edges: the parts of an n-ary measurement (DESIGN.md: "metric,
# value, unit, on dataset, on hardware, versus baseline").
RESULT_EDGE_TYPES: dict[str, str] = {
    "metric": "MEASURES",
    "dataset": "ON_DATASET",
    "hardware": "ON_HARDWARE",
    "baseline": "VERSUS",
}


@dataclass(frozen=True, slots=True)
class Node:
    """One node.

    ``key`` is unique across the whole graph (``paper/<id>``, ``method/<id>``,
    ``result/<id>``): a paper and an entity may share an id, never a key.
    ``name`` is what a viewer shows; ``properties`` never hold the label.
    """

    key: str
    label: str
    id: str
    name: str
    properties: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Edge:
    """One directed edge between two node keys."""

    source: str
    type: str
    target: str
    properties: dict[str, Any]

    @property
    def name(self) -> str:
        """What a viewer shows: the type in words.

        >>> Edge("paper/p", "BUILDS_ON", "method/fa", {}).name
        'builds on'
        """
        return self.type.lower().replace("_", " ")


def node_key(label: str, record_id: str) -> str:
    """The graph-wide key of a node.

    >>> node_key("Method", "flashattention")
    'method/flashattention'
    """
    return f"{label.lower()}/{record_id}"


def paper_node(paper: Paper) -> Node:
    """A paper as a node: the fields of its record, as given."""
    return Node(
        key=node_key("Paper", paper.id),
        label="Paper",
        id=paper.id,
        name=paper.title,
        properties={
            "id": paper.id,
            "title": paper.title,
            "abstract": paper.abstract,
            "url": paper.url,
            "code_url": paper.code_url,
            "authors": list(paper.authors),
            "published": paper.published,
        },
    )


def entity_node(entity: Entity) -> Node:
    """An entity as a node labelled with its type."""
    return Node(
        key=node_key(entity.type, entity.id),
        label=entity.type,
        id=entity.id,
        name=entity.name,
        properties={
            "id": entity.id,
            "name": entity.name,
            "aliases": list(entity.aliases),
            "concept": entity.concept,
            "definition": entity.definition,
            "variant_of": entity.variant_of,
        },
    )


def result_node(result: Result, entities: dict[str, Entity]) -> Node:
    """A result as a node; its metric, dataset, hardware and baseline by name.

    The names make a result readable on its own (in Gephi, in a CSV); the
    entities themselves are linked by :func:`result_edges`.
    """

    def name(entity_id: str | None) -> str | None:
        return entities[entity_id].name if entity_id in entities else entity_id

    metric = name(result.metric)
    return Node(
        key=node_key("Result", result.id),
        label="Result",
        id=result.id,
        name=f"{result.value_text} {metric}" if metric else result.value_text,
        properties={
            "id": result.id,
            "paper_id": result.paper_id,
            "value": float(result.value),
            "value_text": result.value_text,
            "unit": result.unit,
            "from_value": None if result.from_value is None else float(result.from_value),
            "metric": metric,
            "dataset": name(result.dataset),
            "hardware": name(result.hardware),
            "baseline": name(result.baseline),
            "sentence": result.evidence.sentence,
            "component": result.evidence.component,
            "confidence": float(result.evidence.confidence),
        },
    )


def evidence_properties(evidence: tuple[Evidence, ...]) -> dict[str, Any]:
    """An edge's evidence as properties: the strongest sentence, and all of them.

    >>> from pipeline.records import Evidence
    >>> weak = Evidence("p", "We use X.", 0, 7, 8, "ruler", 0.6)
    >>> strong = Evidence("p", "We extend X.", 10, 20, 21, "verb", 0.9)
    >>> props = evidence_properties((weak, strong))
    >>> props["sentence"], props["component"], props["confidence"], props["evidence_count"]
    ('We extend X.', 'verb', 0.9, 2)
    """
    if not evidence:
        return {"sentence": None, "component": None, "confidence": 1.0, "evidence_count": 0, "sentences": []}
    best = max(evidence, key=lambda e: e.confidence)
    return {
        "sentence": best.sentence,
        "component": best.component,
        "confidence": float(best.confidence),
        "evidence_count": len(evidence),
        "sentences": list(dict.fromkeys(e.sentence for e in evidence)),
    }


def relation_edge(relation: Relation, entities: dict[str, Entity]) -> Edge:
    """A relation as an edge: paper -> entity, or entity -> entity when derived."""
    target = entities[relation.object]
    if relation.derived_from:
        source = node_key(entities[relation.subject].type, relation.subject)
        extra = {"derived_from": list(relation.derived_from)}
    else:
        source = node_key("Paper", relation.subject)
        extra = {"derived_from": None}
    return Edge(
        source=source,
        type=relation.predicate.upper(),
        target=node_key(target.type, target.id),
        properties={**evidence_properties(relation.evidence), **extra},
    )


def result_edges(result: Result, entities: dict[str, Entity]) -> Iterator[Edge]:
    """``REPORTS`` from the paper, and the result's links to known entities."""
    key = node_key("Result", result.id)
    yield Edge(
        source=node_key("Paper", result.paper_id),
        type="REPORTS",
        target=key,
        properties={**evidence_properties((result.evidence,)), "derived_from": None},
    )
    for part, edge_type in RESULT_EDGE_TYPES.items():
        entity_id = getattr(result, part)
        if entity_id in entities:
            yield Edge(key, edge_type, node_key(entities[entity_id].type, entity_id), {})


def variant_edges(entities: dict[str, Entity]) -> Iterator[Edge]:
    """``VARIANT_OF`` from each entity that is a size, checkpoint or release of a concept
    (``Entity.variant_of``) to the entity linked to that concept, where there is one.

    >>> llama = Entity("llama-3", "Llama 3", "Model", concept="https://w3id.org/papergraph/vocab/llama-3")
    >>> sized = Entity("llama-3-8b", "Llama-3-8B", "Model", variant_of=llama.concept)
    >>> [(e.source, e.type, e.target) for e in variant_edges({e.id: e for e in (llama, sized)})]
    [('model/llama-3-8b', 'VARIANT_OF', 'model/llama-3')]
    """
    of_concept = {entity.concept: entity for entity in entities.values() if entity.concept}
    for entity in entities.values():
        base = of_concept.get(entity.variant_of) if entity.variant_of else None
        if base is not None:
            yield Edge(node_key(entity.type, entity.id), "VARIANT_OF", node_key(base.type, base.id), {})


def iter_nodes(graph: KnowledgeGraph) -> Iterator[Node]:
    """Every node: papers, then entities, then results (the first of a repeated id)."""
    for paper in graph.papers.values():
        yield paper_node(paper)
    for entity in graph.entities.values():
        yield entity_node(entity)
    for result in _unique_results(graph):
        yield result_node(result, graph.entities)


def iter_edges(graph: KnowledgeGraph) -> Iterator[Edge]:
    """Every edge whose two ends are nodes of the graph, each once.

    The builder already merged relations to one per (subject, predicate,
    object). A relation naming an entity or paper the graph does not hold is
    left out, so no output has a dangling edge end; a ``reports`` relation to a
    result is the ``REPORTS`` edge the result itself gives.
    """
    for relation in graph.relations:
        subject_known = (
            relation.subject in graph.entities if relation.derived_from else relation.subject in graph.papers
        )
        if subject_known and relation.object in graph.entities:
            yield relation_edge(relation, graph.entities)
    yield from variant_edges(graph.entities)
    for result in _unique_results(graph):
        if result.paper_id in graph.papers:
            yield from result_edges(result, graph.entities)
    linked: set[tuple[str, str]] = set()
    for link in graph.similar:
        pair = (link.source, link.target)
        if link.source in graph.papers and link.target in graph.papers and pair not in linked:
            linked.add(pair)
            yield Edge(
                node_key("Paper", link.source), "SIMILAR_TO", node_key("Paper", link.target),
                {"score": float(link.score)},
            )


def _unique_results(graph: KnowledgeGraph) -> Iterator[Result]:
    seen: set[str] = set()
    for result in graph.results:
        if result.id not in seen:
            seen.add(result.id)
            yield result
