"""``builds-on``: the papers that build on an entity, the chain, and the evidence.

"Builds on X" (DESIGN.md): the paper extends, analyses, depends on, or proposes
a successor of X, directly or through a chain of ``pg:buildsOn``: a paper that
builds on X-2, which builds on X, builds on X; so does a paper that proposes
something that builds on X. ``pg:comparesWith`` is not building on, and a name
that only looks alike ("FLASH", "FlashFFTConv") is another entity: names are
matched against each entity's own name and aliases, exactly once letter case,
spaces and hyphens are folded, and then against the labels of the vocabulary
concept an entity is linked to.

The store gives the edges that reach X (one property-path query); the chains are
found here, by pure functions a test can feed by hand.
"""

from __future__ import annotations

import difflib
import math
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pyoxigraph as ox

from ..errors import QueryError
from ..materialize.rdf import fold_name, folded_away
from .store import VOCABULARY_GRAPH, run_query

BUILDS_ON = "builds on"
PROPOSES = "proposes"
VARIANT_OF = "is a variant of"  # a size, checkpoint or release of a concept (pg:variantOf)


@dataclass(frozen=True)
class Named:
    """An entity of the graph with its names."""

    iri: str
    type: str
    id: str
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def handle(self) -> str:
        """``type/id``: what names the entity without doubt ("method/flashattention")."""
        return f"{self.type.lower()}/{self.id}"


@dataclass(frozen=True)
class Support:
    """One piece of evidence for a hop: the sentence and the paper it is from."""

    sentence: str
    paper_id: str
    confidence: float
    component: str


@dataclass(frozen=True)
class Hop:
    """One edge: ``subject`` builds on (or proposes) ``object``, with its evidence."""

    subject: str
    relation: str
    object: str
    evidence: tuple[Support, ...] = ()

    @property
    def best(self) -> Support | None:
        return max(self.evidence, key=lambda s: (s.confidence, s.sentence), default=None)


@dataclass(frozen=True)
class Hit:
    """A paper that builds on the entity, by the shortest chain found."""

    paper: str
    paper_id: str
    title: str
    chain: tuple[Hop, ...]

    @property
    def direct(self) -> bool:
        return len(self.chain) == 1 and self.chain[0].relation == BUILDS_ON

    @property
    def confidence(self) -> float:
        """How likely the whole chain is right: the product of its hops' best confidences (the
        extractor's measured rates, so that a chain of two 0.9 hops is 0.81).

        >>> hop = Hop("p", BUILDS_ON, "x", (Support("s", "p", 0.9, "c"), Support("t", "p", 0.5, "c")))
        >>> round(Hit("p", "p", "P", (hop, hop)).confidence, 2)
        0.81
        """
        return math.prod(_hop_confidence(hop) for hop in self.chain)


@dataclass(frozen=True)
class BuildsOn:
    """The answer: the entity, the papers that build on it, and node names."""

    entity: Named
    hits: tuple[Hit, ...]
    names: dict[str, str]
    min_confidence: float = 0.0
    left_out: int = 0  # papers whose chain's confidence is below min_confidence


# ----------------------------------------------------------------- names


def resolve_name(name: str, entities: Iterable[Named]) -> Named:
    """The one entity ``name`` names.

    ``name`` is an entity's name or alias (folded: :func:`fold_name`), its
    ``type/id`` handle, or its IRI. An entity whose own name matches wins over
    entities that only have it as an alias.

    Raises:
        QueryError: no entity has the name (the message lists close names), or
            several do (it lists them with their handles).
    """
    entities = list(entities)
    wanted = fold_name(name)
    for entity in entities:
        if name in (entity.iri, entity.handle) or name.lower() == entity.handle:
            return entity
    by_name = [e for e in entities if fold_name(e.name) == wanted]
    matches = by_name or [e for e in entities if any(fold_name(a) == wanted for a in e.aliases)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise _ambiguous(name, matches)
    raise QueryError(_unknown(name, entities))


def _ambiguous(name: str, matches: list[Named]) -> QueryError:
    listed = ", ".join(f"{e.type} {e.name!r} ({e.handle})" for e in sorted(matches, key=lambda e: e.handle))
    return QueryError(f"{name!r} names {len(matches)} entities: {listed}; give one as TYPE/ID, e.g. {matches[0].handle}")


def _unknown(name: str, entities: list[Named]) -> str:
    if not entities:
        return f"no entity is named {name!r}: the graph has no entities"
    labels: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        for label in (entity.name, *entity.aliases):
            labels[fold_name(label)].add(entity.name)
    close = difflib.get_close_matches(fold_name(name), list(labels), n=5, cutoff=0.6)
    names = list(dict.fromkeys(n for key in close for n in sorted(labels[key], key=str.casefold)))  # closest first
    if not names:
        return f"no entity is named {name!r}, nor anything close ({len(entities)} entities in the graph)"
    return f"no entity is named {name!r}; close names: {', '.join(names)}"


# ---------------------------------------------------------------- chains


def find_chains(target: str, edges: Iterable[Hop], papers: dict[str, tuple[str, str]]) -> list[Hit]:
    """The shortest chain from each paper that builds on ``target``, the surest of the shortest.

    Args:
        target: the entity's IRI.
        edges: ``buildsOn`` edges (from papers and between entities),
            ``proposes`` edges from papers, and ``is a variant of`` edges from
            an entity to the entity (or concept) it is a size or checkpoint of;
            others may be included, they are ignored unless they lead to the target.
        papers: paper IRI -> (id, title), for every paper among the subjects.

    Returns:
        One :class:`Hit` per paper: direct ones first, then by chain length
        and title. A chain prefers ``builds on`` to ``proposes`` at its
        first hop when both are as short; among chains as short and as
        direct, it is the one of highest :attr:`Hit.confidence` (the saved
        Cypher ``builds_on`` query chooses the same way).

    >>> e = [Hop("p1", BUILDS_ON, "x"), Hop("x2", BUILDS_ON, "x"), Hop("p2", BUILDS_ON, "x2"),
    ...      Hop("p3", "compares with", "x"), Hop("p4", PROPOSES, "x2")]
    >>> papers = {p: (p, p.upper()) for p in ("p1", "p2", "p3", "p4")}
    >>> [(h.paper, [(s.subject, s.relation, s.object) for s in h.chain]) for h in find_chains("x", e, papers)]
    [('p1', [('p1', 'builds on', 'x')]), ('p2', [('p2', 'builds on', 'x2'), ('x2', 'builds on', 'x')]), ('p4', [('p4', 'proposes', 'x2'), ('x2', 'builds on', 'x')])]
    """
    into: dict[str, list[Hop]] = defaultdict(list)  # object -> entity edges into it
    out_of: dict[str, list[Hop]] = defaultdict(list)  # subject -> entity edges out of it
    first: list[Hop] = []  # edges from papers
    for edge in edges:
        if edge.subject in papers:
            if edge.relation in (BUILDS_ON, PROPOSES):
                first.append(edge)
        elif edge.relation in (BUILDS_ON, VARIANT_OF):
            into[edge.object].append(edge)
            out_of[edge.subject].append(edge)
    # Breadth-first from the target along entity edges, backwards: each entity's
    # distance to the target, and its next hop: the surest of those one step
    # closer. Nodes leave the queue in order of distance, so the chains of the
    # closer ones are known by then.
    toward: dict[str, Hop | None] = {target: None}
    sure = {target: 1.0}  # confidence of each entity's chain to the target
    depth = {target: 0}
    queue = deque([target])
    while queue:
        node = queue.popleft()
        if node != target:
            steps = [e for e in out_of[node] if depth.get(e.object) == depth[node] - 1]
            toward[node] = max(sorted(steps, key=lambda e: e.object), key=lambda e: _hop_confidence(e) * sure[e.object])
            sure[node] = _hop_confidence(toward[node]) * sure[toward[node].object]
        for edge in into.get(node, ()):
            if edge.subject not in depth:
                depth[edge.subject] = depth[node] + 1
                queue.append(edge.subject)
    # X and its sizes and checkpoints: proposing one of them is proposing X, not building on it.
    itself = {target}
    todo = [target]
    while todo:
        for edge in into.get(todo.pop(), ()):
            if edge.relation == VARIANT_OF and edge.subject not in itself:
                itself.add(edge.subject)
                todo.append(edge.subject)
    best: dict[str, tuple[tuple[int, bool, float, str], Hop]] = {}
    for edge in first:
        reach = depth.get(edge.object)
        if reach is None or (edge.relation == PROPOSES and edge.object in itself):
            continue  # proposing X itself (or "X-3B") is not building on X
        rank = (reach + 1, edge.relation != BUILDS_ON, -_hop_confidence(edge) * sure[edge.object], edge.object)
        if edge.subject not in best or rank < best[edge.subject][0]:
            best[edge.subject] = (rank, edge)
    hits = []
    for paper, (_, edge) in best.items():
        chain = [edge]
        step = toward[edge.object]
        while step is not None:
            chain.append(step)
            step = toward[step.object]
        paper_id, title = papers[paper]
        hits.append(Hit(paper, paper_id, title, tuple(chain)))
    return sorted(hits, key=lambda h: (not h.direct, len(h.chain), h.title.casefold(), h.paper_id))


def _hop_confidence(hop: Hop) -> float:
    return hop.best.confidence if hop.best is not None else 1.0


def rounded(value: float, places: int) -> float:
    """``value`` rounded half up from its shortest decimal form, as Cypher's ``round()`` rounds: so
    ``builds-on`` gives a chain the confidence the saved Cypher query gives it. 0.95 x 0.59 reads
    0.5605, but lies just under it in binary, where Python's ``round()`` takes it down.

    >>> rounded(0.95 * 0.59, 3), round(0.95 * 0.59, 3), rounded(0.8 * 0.996, 2)
    (0.561, 0.56, 0.8)
    """
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def chain_text(hit: Hit, names: dict[str, str]) -> str:
    """The chain in words: "builds on FlashAttention-2, which builds on FlashAttention"."""
    parts = [f"{hit.chain[0].relation} {names.get(hit.chain[0].object, hit.chain[0].object)}"]
    parts += [f"which {hop.relation} {names.get(hop.object, hop.object)}" for hop in hit.chain[1:]]
    return ", ".join(parts)


def answer_json(answer: BuildsOn) -> dict[str, Any]:
    """The answer as JSON-ready data."""

    def support(s: Support) -> dict[str, Any]:
        return {"sentence": s.sentence, "paper": s.paper_id, "confidence": s.confidence, "component": s.component}

    entity = answer.entity
    return {
        "entity": {"iri": entity.iri, "type": entity.type, "id": entity.id, "name": entity.name, "aliases": list(entity.aliases)},
        "min_confidence": answer.min_confidence,
        "left_out": answer.left_out,
        "papers": [
            {
                "id": hit.paper_id,
                "iri": hit.paper,
                "title": hit.title,
                "direct": hit.direct,
                "chain": chain_text(hit, answer.names),
                "confidence": rounded(hit.confidence, 3),
                "hops": [
                    {
                        "from": answer.names.get(hop.subject, hop.subject),
                        "relation": hop.relation,
                        "to": answer.names.get(hop.object, hop.object),
                        "evidence": [support(s) for s in hop.evidence],
                    }
                    for hop in hit.chain
                ],
            }
            for hit in answer.hits
        ],
    }


def answer_text(answer: BuildsOn) -> str:
    """The answer for a person: each paper, its chain, and the sentences behind it.

    The first hop's sentence is the paper's own words; each later hop is an
    edge between entities, with the sentence of the paper it was derived from.
    """
    entity = answer.entity
    count = len(answer.hits)
    lines = [f"{entity.name} ({entity.handle}): "
             + (f"{count} papers build on it" if count > 1 else "1 paper builds on it" if count else "no paper builds on it")
             + (f" with confidence {answer.min_confidence:.2f} or more ({answer.left_out} less sure left out)"
                if answer.left_out else "")]
    for hit in answer.hits:
        lines += ["", f"{hit.paper_id}  {hit.title}", f"  {chain_text(hit, answer.names)} (confidence {rounded(hit.confidence, 2):.2f})"]
        for n, hop in enumerate(hit.chain):
            best = hop.best
            if best is None:
                if hop.relation == VARIANT_OF:
                    lines.append(f"  {answer.names.get(hop.subject, hop.subject)} {hop.relation} "
                                 f"{answer.names.get(hop.object, hop.object)}: its name is a size, checkpoint or release of it")
                continue
            if n == 0:
                lines.append(f'  "{best.sentence}"')
            else:
                edge = f"{answer.names.get(hop.subject, hop.subject)} {hop.relation} {answer.names.get(hop.object, hop.object)}"
                lines.append(f'  {edge}: "{best.sentence}" ({best.paper_id})')
    return "\n".join(lines)


# -------------------------------------------------------------- the store

_PREFIXES = """
PREFIX pg: <https://w3id.org/papergraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

_ENTITY = """
  ?entity a ?type ;
          dcterms:identifier ?id ;
          skos:prefLabel ?name .
  OPTIONAL { ?entity skos:altLabel ?alias }
"""
# Entities one of whose names folds to ?key: one index lookup (pg:nameKey).
ENTITIES_BY_KEY = _PREFIXES + "SELECT ?key ?entity ?type ?id ?name ?alias WHERE { ?entity pg:nameKey ?key ." + _ENTITY + "}"
ENTITY_BY_ID = _PREFIXES + "SELECT ?id ?entity ?type ?name ?alias WHERE {" + _ENTITY + "}"
ENTITY_BY_IRI = _PREFIXES + "SELECT ?entity ?type ?id ?name ?alias WHERE {" + _ENTITY + "}"
ALL_ENTITIES = _PREFIXES + "SELECT ?entity ?type ?id ?name ?alias WHERE {" + _ENTITY + "}"
# The entities linked (skos:exactMatch) to a concept of the vocabulary graph with a label that
# folds to ?key, folded as fold_name folds (its docstring gives the SPARQL form).
ENTITIES_OF_VOCABULARY_LABEL = _PREFIXES + """
SELECT ?key ?vocabulary ?entity ?type ?id ?name ?alias WHERE {
  GRAPH ?vocabulary { ?concept skos:prefLabel|skos:altLabel ?label }
  FILTER (REPLACE(LCASE(STR(?label)), "[\\\\s\\\\p{Pd}]", "") = ?key)
  ?entity skos:exactMatch ?concept .""" + _ENTITY + "}"
# Papers whose title or abstract, folded as fold_name folds names, holds ?key (a filter
# only: the caller matches the phrase by words). A full scan, read only for a name no entity has.
PAPERS_WITH_TEXT = _PREFIXES + """
SELECT ?key ?paper ?id ?title ?abstract WHERE {
  ?paper a pg:Paper ; dcterms:identifier ?id ; dcterms:title ?title .
  OPTIONAL { ?paper dcterms:abstract ?abstract }
  FILTER (CONTAINS(REPLACE(LCASE(CONCAT(?title, " ", COALESCE(?abstract, ""))), "[\\\\s\\\\p{Pd}]", ""), ?key))
}
"""

# Papers that build on ?target (the property path of DESIGN.md, evaluated from
# ?target outwards). LATERAL (SPARQL 1.2 draft, in Oxigraph) makes Oxigraph look
# each step up by index from the few nodes already reached; the SPARQL 1.1 form
#   ?paper (pg:buildsOn|pg:proposes/pg:buildsOn)/pg:buildsOn* ?target
# gives the same rows but Oxigraph joins it over every pg:buildsOn edge of the
# graph, hundreds of times slower on a large graph (benchmarks/rdf_speed.py).
# From a size or checkpoint (pg:variantOf) to the concept it is one of, or to that concept's entity.
_VARIANT_STEP = "pg:variantOf/(^skos:exactMatch)?"
# The steps toward ?target: pg:buildsOn, or from a size to what it is a size of.
BUILDS_ON_PATH = "(pg:buildsOn|" + _VARIANT_STEP + ")*"
PAPERS_QUERY = _PREFIXES + """
SELECT DISTINCT ?target ?paper WHERE {
  ?x """ + BUILDS_ON_PATH + """ ?target .
  LATERAL { ?paper pg:buildsOn|pg:proposes ?x }
  LATERAL { ?paper a pg:Paper }
  # proposing X (or a size of X) is not building on X
  FILTER (NOT EXISTS { ?x (""" + _VARIANT_STEP + """)* ?target } || EXISTS { ?paper pg:buildsOn ?x })
}
"""

# Every edge into the part of the graph that builds on ?target (pg:buildsOn
# edges, and pg:proposes edges of what builds on it), with the evidence of each
# edge and the names of its ends.
EDGES_QUERY = _PREFIXES + """
SELECT ?target ?s ?p ?o ?sentence ?confidence ?component ?from ?paperId ?title ?name WHERE {
  ?o """ + BUILDS_ON_PATH + """ ?target .
  VALUES ?p { pg:buildsOn pg:proposes }
  LATERAL { ?s ?p ?o }
  LATERAL { OPTIONAL {
    ?statement rdf:subject ?s .
    LATERAL { ?statement rdf:predicate ?p ; rdf:object ?o ; pg:evidence ?evidence }
    LATERAL { ?evidence pg:sentence ?sentence ; pg:confidence ?confidence ; pg:component ?component ;
                        prov:wasQuotedFrom/dcterms:identifier ?from }
  } }
  LATERAL { OPTIONAL { ?s a pg:Paper ; dcterms:identifier ?paperId ; dcterms:title ?title } }
  LATERAL { OPTIONAL { ?s skos:prefLabel ?name } }
}
"""

# The sizes and checkpoints in that part of the graph: each with the node (entity or concept) it is one of.
VARIANTS_QUERY = _PREFIXES + """
SELECT ?target ?s ?o ?name WHERE {
  ?o """ + BUILDS_ON_PATH + """ ?target .
  LATERAL { ?s """ + _VARIANT_STEP + """ ?o }
  LATERAL { ?s skos:prefLabel ?name }
}
"""
# A vocabulary concept with a label that folds to ?key and that an entity of the graph is a variant
# of: what "Llama 3" names in a graph that holds only "Llama-3-8B".
CONCEPTS_WITH_VARIANTS = _PREFIXES + """
SELECT DISTINCT ?key ?vocabulary ?entity ?type ?name WHERE {
  GRAPH ?vocabulary { ?entity skos:prefLabel|skos:altLabel ?label }
  FILTER (REPLACE(LCASE(STR(?label)), "[\\\\s\\\\p{Pd}]", "") = ?key)
  FILTER EXISTS { ?variant pg:variantOf ?entity }
  GRAPH ?vocabulary { ?entity skos:prefLabel ?name ; pg:entityType ?type }
}
"""

_TYPES = {"Method", "Model", "Dataset", "Hardware", "Metric"}
_RELATIONS = {"https://w3id.org/papergraph/ontology#buildsOn": BUILDS_ON,
              "https://w3id.org/papergraph/ontology#proposes": PROPOSES}


def _entities(store: ox.Store, query: str, params: dict[str, Any] | None = None) -> list[Named]:
    found: dict[str, dict[str, Any]] = {}
    for row in run_query(store, query, params):
        kind = row["type"].value.rsplit("#", 1)[-1]
        if kind not in _TYPES:
            continue
        entry = found.setdefault(row["entity"].value, {"type": kind, "id": row["id"].value, "name": row["name"].value, "aliases": set()})
        if row["alias"] is not None:
            entry["aliases"].add(row["alias"].value)
    return [
        Named(iri, e["type"], e["id"], e["name"], tuple(sorted(e["aliases"], key=str.casefold)))
        for iri, e in sorted(found.items())
    ]


def graph_entities(store: ox.Store) -> list[Named]:
    """Every entity of the store with its names."""
    return _entities(store, ALL_ENTITIES)


def find_entity(store: ox.Store, name: str) -> Named:
    """The entity ``name`` names (see :func:`resolve_name`), looked up by index.

    Only an unknown name reads every entity, to list the close ones, and every
    paper's text, to list the papers that write the name all the same.
    """
    candidates = _entities(store, ENTITIES_BY_KEY, {"key": ox.Literal(fold_name(name))})
    kind, _, entity_id = name.partition("/")
    if entity_id and kind.capitalize() in _TYPES:
        candidates += _entities(store, ENTITY_BY_ID, {"id": ox.Literal(entity_id)})
    if name.startswith(("http://", "https://", "urn:")):
        try:
            candidates += _entities(store, ENTITY_BY_IRI, {"entity": ox.NamedNode(name)})
        except ValueError:
            pass
    if candidates:
        return resolve_name(name, candidates)
    by_label = _entities_of_vocabulary_label(store, name)
    if len(by_label) == 1:
        return by_label[0]
    if by_label:
        raise _ambiguous(name, by_label)
    varied = _concepts_with_variants(store, name)
    if len(varied) == 1:
        return varied[0]
    if varied:
        raise _ambiguous(name, varied)
    entities = graph_entities(store)
    try:
        return resolve_name(name, entities)
    except QueryError as unknown:
        mentioning = papers_mentioning(store, name)
        if not mentioning:
            raise
        raise QueryError(f"{unknown}. {_mentioned_in(mentioning)}") from None


def papers_mentioning(store: ox.Store, name: str) -> list[tuple[str, str]]:
    """``(id, title)`` of the papers whose title or abstract has ``name`` as a whole word or phrase,
    letter case, spaces and hyphens folded as for entity names (:func:`fold_name`), in id order.

    What a user is told when the extractor made no entity of a name the papers do write
    ("we revisit expert merging"): they mention it, whatever role it has there.
    """
    key = fold_name(name)
    if not key:
        return []
    # The store narrows the papers down by the folded text; a match of whole words decides.
    found = []
    for row in run_query(store, PAPERS_WITH_TEXT, {"key": ox.Literal(key)}):
        title, abstract = row["title"].value, row["abstract"].value if row["abstract"] is not None else ""
        if _writes(title, key) or _writes(abstract, key):
            found.append((row["id"].value, title))
    return sorted(set(found))


def _writes(text: str, key: str) -> bool:
    """Whether ``text`` has a phrase that folds to ``key`` (:func:`fold_name`) and is no part of a longer word.

    >>> key = fold_name("expert merging")
    >>> [_writes(t, key) for t in ("we revisit Expert-Merging.", "expertmerging", "expert mergings")]
    [True, True, False]
    """
    # Each character's own lower case, so that every folded character knows where it stands in ``text``.
    kept = [(i, low) for i, ch in enumerate(text) for low in ch.lower() if not folded_away(low)]
    folded = "".join(ch for _, ch in kept)
    at = folded.find(key)
    while at >= 0:
        first, last = kept[at][0], kept[at + len(key) - 1][0]
        if not (first > 0 and _in_word(text[first - 1])) and not (last + 1 < len(text) and _in_word(text[last + 1])):
            return True
        at = folded.find(key, at + 1)
    return False


def _in_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _mentioned_in(papers: list[tuple[str, str]], shown: int = 3) -> str:
    """The clause that lists the papers whose text has a name no entity has.

    >>> _mentioned_in([("2401.1", "A: Expert Merging"), ("2401.2", "B"), ("2401.3", "C"), ("2401.4", "D")])
    "4 papers write it, but no entity was extracted for it there: 2401.1 'A: Expert Merging', 2401.2 'B', 2401.3 'C' and 1 more"
    """
    count = len(papers)
    listed = ", ".join(f"{paper_id} {_short(title)!r}" for paper_id, title in papers[:shown])
    more = f" and {count - shown} more" if count > shown else ""
    papers_write = "1 paper writes" if count == 1 else f"{count} papers write"
    return f"{papers_write} it, but no entity was extracted for it there: {listed}{more}"


def _short(title: str, limit: int = 70) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "\u2026"


def _entities_of_vocabulary_label(store: ox.Store, name: str) -> list[Named]:
    """The entities whose vocabulary concept has ``name`` as a label the papers never wrote.

    "π0" finds the entity the papers wrote as "pi_0": both are labels of one
    concept. Read only when no entity has the name itself.
    """
    return _entities(store, ENTITIES_OF_VOCABULARY_LABEL, {"key": ox.Literal(fold_name(name)), "vocabulary": VOCABULARY_GRAPH})


def _concepts_with_variants(store: ox.Store, name: str) -> list[Named]:
    """The vocabulary concepts labelled ``name`` that no entity is linked to but some entity is a
    size, checkpoint or release of (``pg:variantOf``): "Llama 3" in a graph that holds only
    "Llama-3-8B". Read only when no entity has the name."""
    found = {}
    params = {"key": ox.Literal(fold_name(name)), "vocabulary": VOCABULARY_GRAPH}
    for row in run_query(store, CONCEPTS_WITH_VARIANTS, params):
        kind = row["type"].value.rsplit("#", 1)[-1]
        iri = row["entity"].value
        if kind in _TYPES:
            found[iri] = Named(iri, kind, iri.rstrip("/").rsplit("/", 1)[-1], row["name"].value)
    return [found[iri] for iri in sorted(found)]


def builds_on(store: ox.Store, name: str, min_confidence: float = 0.0) -> BuildsOn:
    """The papers of the store that build on the entity ``name`` names, those whose chain's confidence
    (:attr:`Hit.confidence`) is at least ``min_confidence``.

    Raises:
        QueryError: the name names no entity or several (see :func:`resolve_name`).
    """
    entity = find_entity(store, name)
    names = {entity.iri: entity.name}
    evidence: dict[tuple[str, str, str], set[Support]] = defaultdict(set)
    papers: dict[str, tuple[str, str]] = {}
    for row in run_query(store, EDGES_QUERY, {"target": ox.NamedNode(entity.iri)}):
        key = (row["s"].value, _RELATIONS[row["p"].value], row["o"].value)
        evidence.setdefault(key, set())
        if row["sentence"] is not None:
            evidence[key].add(
                Support(row["sentence"].value, row["from"].value, float(row["confidence"].value), row["component"].value)
            )
        if row["paperId"] is not None:
            papers[key[0]] = (row["paperId"].value, row["title"].value)
            names[key[0]] = row["paperId"].value
        elif row["name"] is not None:
            names[key[0]] = row["name"].value
    for row in run_query(store, VARIANTS_QUERY, {"target": ox.NamedNode(entity.iri)}):
        evidence.setdefault((row["s"].value, VARIANT_OF, row["o"].value), set())
        names[row["s"].value] = row["name"].value
    edges = [
        Hop(s, relation, o, tuple(sorted(support, key=lambda x: (-x.confidence, x.paper_id, x.sentence))))
        for (s, relation, o), support in evidence.items()
    ]
    found = find_chains(entity.iri, edges, papers)
    hits = tuple(hit for hit in found if hit.confidence >= min_confidence)
    return BuildsOn(entity, hits, names, min_confidence, len(found) - len(hits))
