"""The one in-memory model every output is written from.

:class:`GraphBuilder` takes the extractions of papers one by one, merges the
entities they name across papers (one entity per real thing), derives the edges
between entities, and gives a :class:`KnowledgeGraph`. No output format knows
about spaCy, and no extractor knows about RDF: both meet here.

Entity ids from the extractor are merge keys (a vocabulary concept's slug, or the
letters and digits of an unknown name). The builder turns each into a stable id,
the slug of the entity's canonical name, when the graph is finished.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import GraphDirError
from .ids import name_key, slugify
from .records import (
    ENTITY_TYPES,
    Entity,
    Evidence,
    Extraction,
    Mention,
    Paper,
    Relation,
    Result,
    SimilarityLink,
    SourceRef,
)

GRAPH_FORMAT_VERSION = 1

# Roles whose object, proposed by the same paper's new entity, is inherited as
# an entity-to-entity edge (DESIGN.md: "a method a paper proposes BUILDS_ON what
# that paper builds on, and RUNS_ON the hardware it was measured on").
_INHERITED_ROLES = {"builds_on": "builds_on", "runs_on": "runs_on"}


@dataclass
class KnowledgeGraph:
    """Papers, entities, typed edges with evidence, results and similarity links."""

    papers: dict[str, Paper] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    similar: list[SimilarityLink] = field(default_factory=list)

    def paper_relations(self) -> Iterator[Relation]:
        """Edges from a paper to an entity."""
        return (r for r in self.relations if not r.derived_from)

    def entity_relations(self) -> Iterator[Relation]:
        """Edges between entities, derived from what papers say."""
        return (r for r in self.relations if r.derived_from)

    def counts(self) -> dict[str, Any]:
        """Counts per node type and per edge type, for the report."""
        entity_types = Counter(e.type for e in self.entities.values())
        paper_edges = Counter(r.predicate.upper() for r in self.paper_relations())
        entity_edges = Counter(r.predicate.upper() for r in self.entity_relations())
        return {
            "papers": len(self.papers),
            "entities": {t: entity_types.get(t, 0) for t in ENTITY_TYPES},
            "results": len(self.results),
            "mentions": len(self.mentions),
            "paper_edges": dict(sorted(paper_edges.items())),
            "entity_edges": dict(sorted(entity_edges.items())),
            "similar_links": len(self.similar),
        }

    def entity_by_name(self) -> dict[str, str]:
        """Lower-cased names and aliases to entity ids (the first entity wins)."""
        index: dict[str, str] = {}
        for entity in self.entities.values():
            for name in (entity.name, *entity.aliases):
                index.setdefault(name.casefold(), entity.id)
        return index


# ------------------------------------------------------------------- building


@dataclass
class _Pending:
    """What the builder knows of one merge key before the graph is finished."""

    type_votes: Counter = field(default_factory=Counter)
    forms: Counter = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    proposed_as: list[tuple[str, str]] = field(default_factory=list)  # (paper id, form)
    concept: str | None = None
    definition: str | None = None
    vocabulary_name: str | None = None
    vocabulary_type: str | None = None
    variant_of: str | None = None


class GraphBuilder:
    """Accumulates extractions and similarity links, then builds the graph."""

    def __init__(self) -> None:
        self._papers: dict[str, Paper] = {}
        self._pending: dict[str, _Pending] = defaultdict(_Pending)
        self._relations: list[Relation] = []
        self._mentions: list[Mention] = []
        self._results: list[Result] = []
        self._similar: list[SimilarityLink] = []
        # Acronyms defined in a paper ("Lexical Unit Decoding (LUD)"): the short
        # form's key to the long forms' keys it was defined as.
        self._acronyms: dict[str, set[str]] = defaultdict(set)

    def add(self, extraction: Extraction) -> None:
        """Take one paper's extraction."""
        paper = extraction.paper
        self._papers[paper.id] = paper
        proposed = {r.object for r in extraction.relations if r.predicate == "proposes"}
        for entity in extraction.entities:
            pending = self._pending[entity.id]
            pending.type_votes[entity.type] += 1
            pending.forms[entity.name] += 1
            pending.aliases.update(entity.aliases)
            if entity.concept:
                pending.concept = entity.concept
                pending.definition = entity.definition
                pending.vocabulary_name = entity.name
                pending.vocabulary_type = entity.type
            if entity.variant_of and not pending.variant_of:
                pending.variant_of = entity.variant_of
            if entity.id in proposed:
                pending.proposed_as.append((paper.id, entity.name))
            for alias in entity.aliases:
                if _looks_like_acronym(alias) and name_key(alias) != entity.id:
                    self._acronyms[name_key(alias)].add(entity.id)
        self._relations.extend(extraction.relations)
        self._mentions.extend(extraction.mentions)
        self._results.extend(extraction.results)

    @property
    def papers(self) -> list[Paper]:
        """The papers added so far, in the order they came."""
        return list(self._papers.values())

    def add_similar(self, links: Iterable[SimilarityLink]) -> None:
        self._similar.extend(links)

    def build(self) -> KnowledgeGraph:
        """Resolve every merge key to one entity and derive entity-to-entity edges."""
        redirect = self._acronym_redirects()
        keys = {k: redirect.get(k, k) for k in self._pending}
        merged: dict[str, _Pending] = defaultdict(_Pending)
        for key, pending in self._pending.items():
            _absorb(merged[keys[key]], pending, alias_of=None if keys[key] == key else key)
        ids = _final_ids(merged)
        entities = {ids[k]: _entity(ids[k], p) for k, p in merged.items()}

        def final(key: str | None) -> str | None:
            if key is None:
                return None
            return ids.get(keys.get(key, key), key)

        relations = _merge_relations(
            replace(r, object=final(r.object)) for r in self._relations  # type: ignore[arg-type]
        )
        relations.extend(derive_entity_relations(relations))
        mentions = [replace(m, entity_id=final(m.entity_id)) for m in self._mentions]  # type: ignore[arg-type]
        mentions = [m for m in mentions if m.entity_id in entities]
        results = [
            replace(
                r,
                metric=final(r.metric),
                dataset=final(r.dataset),
                hardware=final(r.hardware),
                baseline=final(r.baseline),
            )
            for r in self._results
        ]
        return KnowledgeGraph(
            papers=dict(self._papers),
            entities=dict(sorted(entities.items())),
            relations=relations,
            mentions=mentions,
            results=results,
            similar=sorted(set(self._similar), key=lambda s: (s.source, s.target)),
        )

    def _acronym_redirects(self) -> dict[str, str]:
        """A bare acronym that one paper defined is the entity of its long form.

        Only when the acronym was defined as exactly one long form across all
        papers: "VQ" defined two different ways stays its own entity.
        """
        redirects = {}
        for short, longs in self._acronyms.items():
            if short in self._pending and len(longs) == 1:
                (long_key,) = longs
                pending = self._pending[short]
                if pending.concept is None and long_key in self._pending:
                    redirects[short] = long_key
        return redirects


def _looks_like_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(text) <= 12 and sum(c.isupper() for c in letters) >= 2 and " " not in text


def _absorb(into: _Pending, pending: _Pending, alias_of: str | None) -> None:
    into.type_votes.update(pending.type_votes)
    into.forms.update(pending.forms)
    into.aliases.update(pending.aliases)
    into.proposed_as.extend(pending.proposed_as)
    if alias_of is not None:
        into.aliases.update(pending.forms)
    if pending.variant_of and not into.variant_of:
        into.variant_of = pending.variant_of
    if pending.concept and not into.concept:
        into.concept = pending.concept
        into.definition = pending.definition
        into.vocabulary_name = pending.vocabulary_name
        into.vocabulary_type = pending.vocabulary_type


def canonical_name(pending: _Pending) -> str:
    """The name an entity is shown and identified by.

    The vocabulary's preferred label; else the spelling of the first paper (by
    id) that proposes it; else the most frequent spelling, ties broken by the
    spelling with separators ("RTX 4090" over "RTX4090"), then alphabetically.
    """
    if pending.vocabulary_name:
        return pending.vocabulary_name
    if pending.proposed_as:
        return min(pending.proposed_as)[1]
    return min(pending.forms.items(), key=lambda kv: (-kv[1], -_separators(kv[0]), kv[0]))[0]


def _separators(name: str) -> int:
    return sum(1 for ch in name if ch in " -")


def _final_ids(merged: dict[str, _Pending]) -> dict[str, str]:
    ids: dict[str, str] = {}
    taken: set[str] = set()
    # Vocabulary concepts first: their ids are fixed by the vocabulary.
    for key in sorted(merged, key=lambda k: (merged[k].concept is None, k)):
        pending = merged[key]
        base = key if pending.concept else slugify(canonical_name(pending))
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        ids[key] = candidate
        taken.add(candidate)
    return ids


def _entity(entity_id: str, pending: _Pending) -> Entity:
    name = canonical_name(pending)
    entity_type = pending.vocabulary_type or max(
        pending.type_votes.items(), key=lambda kv: (kv[1], -ENTITY_TYPES.index(kv[0]))
    )[0]
    aliases = sorted({*pending.aliases, *pending.forms} - {name}, key=str.casefold)
    return Entity(
        id=entity_id,
        name=name,
        type=entity_type,
        aliases=tuple(aliases),
        concept=pending.concept,
        definition=pending.definition,
        # A concept of its own outranks being a size of another's.
        variant_of=None if pending.concept else pending.variant_of,
    )


def _merge_relations(relations: Iterable[Relation]) -> list[Relation]:
    """One relation per (subject, predicate, object), with all its evidence."""
    merged: dict[tuple[str, str, str], Relation] = {}
    for relation in relations:
        key = (relation.subject, relation.predicate, relation.object)
        seen = merged.get(key)
        if seen is None:
            merged[key] = relation
            continue
        merged[key] = replace(
            seen,
            evidence=seen.evidence + tuple(e for e in relation.evidence if e not in seen.evidence),
            derived_from=tuple(sorted(set(seen.derived_from) | set(relation.derived_from))),
        )
    return [merged[k] for k in sorted(merged)]


def derive_entity_relations(paper_relations: Iterable[Relation]) -> list[Relation]:
    """Entity-to-entity edges implied by each paper's own edges.

    What a paper proposes builds on what the paper builds on, and runs on the
    hardware the paper ran it on. The evidence is the paper's evidence for the
    inherited edge; ``derived_from`` names the papers. A derived edge is right
    only when both of the paper's edges are, so each piece of its evidence is
    as sure as that evidence times the paper's surest evidence of proposing
    the entity.

    >>> from pipeline.records import Evidence, Relation
    >>> def said(confidence):
    ...     return (Evidence("p", "...", 0, 0, 3, "cue", confidence),)
    >>> rels = [Relation("p", "proposes", "fa2", said(0.9)), Relation("p", "builds_on", "fa", said(0.8)),
    ...         Relation("p", "runs_on", "a100")]
    >>> [(r.subject, r.predicate, r.object, [e.confidence for e in r.evidence])
    ...  for r in derive_entity_relations(rels)]
    [('fa2', 'builds_on', 'fa', [0.72]), ('fa2', 'runs_on', 'a100', [])]
    """
    by_paper: dict[str, list[Relation]] = defaultdict(list)
    for relation in paper_relations:
        if not relation.derived_from:
            by_paper[relation.subject].append(relation)
    derived = []
    for paper, relations in by_paper.items():
        proposed = {r.object: r.confidence for r in relations if r.predicate == "proposes"}
        for relation in relations:
            predicate = _INHERITED_ROLES.get(relation.predicate)
            if predicate is None:
                continue
            for entity, sure in proposed.items():
                if entity != relation.object:
                    evidence = tuple(replace(e, confidence=round(e.confidence * sure, 2)) for e in relation.evidence)
                    derived.append(Relation(entity, predicate, relation.object, evidence, derived_from=(paper,)))
    return _merge_relations(derived)


# ------------------------------------------------------------- serialisation


def graph_records(graph: KnowledgeGraph) -> Iterator[dict[str, Any]]:
    """The graph as JSON-ready dicts, one per paper, entity, edge, mention, result."""
    yield {"kind": "header", "format": "papergraph", "version": GRAPH_FORMAT_VERSION}
    for paper in graph.papers.values():
        yield {"kind": "paper", **_plain(asdict(paper))}
    for entity in graph.entities.values():
        yield {"kind": "entity", **_plain(asdict(entity))}
    for relation in graph.relations:
        yield {"kind": "relation", **_plain(asdict(relation))}
    for mention in graph.mentions:
        yield {"kind": "mention", **_plain(asdict(mention))}
    for result in graph.results:
        yield {"kind": "result", **_plain(asdict(result))}
    for link in graph.similar:
        yield {"kind": "similar", **asdict(link)}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def graph_from_records(records: Iterable[dict[str, Any]], where: str = "graph") -> KnowledgeGraph:
    """Rebuild a graph from :func:`graph_records` output (a round trip)."""
    graph = KnowledgeGraph()
    for n, record in enumerate(records, start=1):
        kind = record.pop("kind", None)
        try:
            if kind == "header":
                if record.get("version") != GRAPH_FORMAT_VERSION:
                    raise GraphDirError(
                        f"{where}: graph format version {record.get('version')} is not "
                        f"{GRAPH_FORMAT_VERSION}; rebuild it with `papergraph build`"
                    )
            elif kind == "paper":
                source = record.pop("source")
                graph.papers[record["id"]] = Paper(
                    **{**record, "authors": tuple(record["authors"])},
                    source=SourceRef(**source) if source else None,
                )
            elif kind == "entity":
                graph.entities[record["id"]] = Entity(**{**record, "aliases": tuple(record["aliases"])})
            elif kind == "relation":
                graph.relations.append(
                    Relation(
                        record["subject"],
                        record["predicate"],
                        record["object"],
                        tuple(Evidence(**e) for e in record["evidence"]),
                        tuple(record["derived_from"]),
                    )
                )
            elif kind == "mention":
                graph.mentions.append(Mention(**{**record, "evidence": Evidence(**record["evidence"])}))
            elif kind == "result":
                graph.results.append(Result(**{**record, "evidence": Evidence(**record["evidence"])}))
            elif kind == "similar":
                graph.similar.append(SimilarityLink(**record))
            else:
                raise GraphDirError(f"{where}:{n}: unknown record kind {kind!r}")
        except (TypeError, KeyError) as exc:
            raise GraphDirError(f"{where}:{n}: malformed {kind} record ({exc})") from None
    return graph


def write_graph(graph: KnowledgeGraph, path: Path) -> None:
    """Write the graph as JSON Lines (the form every later command reads)."""
    with open(path, "w", encoding="utf-8") as out:
        for record in graph_records(graph):
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
            out.write("\n")


def read_graph(path: Path) -> KnowledgeGraph:
    """Read a graph written by :func:`write_graph`."""
    if not path.exists():
        raise GraphDirError(f"{path}: no graph here; build one with `papergraph build INPUT --out DIR`")

    def records() -> Iterator[dict[str, Any]]:
        with open(path, encoding="utf-8") as lines:
            for n, line in enumerate(lines, start=1):
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise GraphDirError(f"{path}:{n}: not valid JSON ({exc.msg}); rebuild the graph") from None

    return graph_from_records(records(), str(path))
