"""``papergraph report``: one HTML page that shows a built graph, viewable offline.

The page holds everything it needs: Cytoscape.js (vendored from the npm
registry into ``report_assets/``, see ``scripts/update_report_assets.sh``), the
page's own script and style, and the graph as a JSON data block. Nothing is
fetched when it is viewed.

The data is made here by pure functions of the :class:`KnowledgeGraph`:

- ``nodes``: papers and entities, keyed ``paper/<id>``, ``method/<id>`` ... as
  in every property-graph output (results are measurements shown on their
  paper's card, not nodes of the picture);
- ``edges``: every typed edge with its evidence (the sentence and where the
  named span lies in it, so the page can highlight it);
- ``papers``: a card per paper: entities by role, results, similar papers, links;
- ``entities``: per entity the papers that name it (roles, evidence) and its
  lineage: what it builds on, what builds on it, and the papers that build on
  it directly or through a chain (DESIGN.md's "builds on", found by the same
  :func:`~pipeline.query.builds_on.find_chains` as ``papergraph builds-on``).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict, deque
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import PipelineError
from .files import write_text_atomically
from .graph import KnowledgeGraph
from .materialize.property_graph import node_key, variant_edges
from .records import ROLES, Evidence, Result

REPORT_FILE = "report.html"
ASSETS = "report_assets"
LIBRARY = "cytoscape.min.js"

# One colour per node type, for the picture and its legend (Tableau 10: told
# apart by most colour-blind readers, and still distinct in grey).
NODE_COLOURS: dict[str, str] = {
    "Paper": "#4E79A7",
    "Method": "#F28E2B",
    "Model": "#E15759",
    "Dataset": "#59A14F",
    "Hardware": "#76B7B2",
    "Metric": "#B07AA1",
}

# Roles in the order a card lists them; "mentions" (named in passing) last.
ROLE_ORDER: tuple[str, ...] = (*ROLES, "mentions")

_LABEL_MAX = 32
_NODE_SPACING = 40  # pixels per node, roughly, in the laid-out picture
_NODE_MIN, _NODE_GROWTH = 12, 26  # pixels across: the smallest node, and what the best connected adds
_PUSH_APART_MAX = 2000  # nodes of one part beyond which overlaps are left (all pairs compared)


# ------------------------------------------------------------------ the data


def report_data(graph: KnowledgeGraph, title: str = "papergraph") -> dict[str, Any]:
    """Everything the page shows, as JSON-ready data.

    Args:
        graph: a built graph (``read_graph(DIR / "graph.jsonl")``).
        title: the page's title.

    Returns:
        ``title``, ``counts``, ``colours``, ``nodes``, ``edges`` (the picture),
        ``papers`` and ``entities`` (what a card or a clicked node shows, by
        node key) and ``lineage_roots`` (the entities with a lineage to show).
    """
    edges = graph_edges(graph)
    entities = entity_details(graph, edges)
    return {
        "title": title,
        "counts": {
            **graph.counts(),
            "nodes": len(graph.papers) + len(graph.entities),
            "edges": len(edges),
        },
        "colours": NODE_COLOURS,
        "nodes": place_nodes(graph_nodes(graph), edges),
        "edges": edges,
        "papers": paper_cards(graph, edges),
        "entities": entities,
        "lineage_roots": sorted(
            (key for key, e in entities.items() if e["builders"] or e["ancestors"] or e["descendants"]),
            key=lambda k: (-len(entities[k]["builders"]), entities[k]["name"].casefold()),
        ),
    }


def paper_key(paper_id: str) -> str:
    return node_key("Paper", paper_id)


def entity_key(graph: KnowledgeGraph, entity_id: str) -> str:
    """The node key of an entity id of ``graph``."""
    return node_key(graph.entities[entity_id].type, entity_id)


def short_label(text: str, limit: int = _LABEL_MAX) -> str:
    """What a node shows on the picture: a title's name before its colon, cut short.

    >>> short_label("FlashAttention-2: Faster Attention with Better Parallelism")
    'FlashAttention-2'
    >>> short_label("The I/O Complexity of Attention, or How Optimal is Flash Attention?")
    'The I/O Complexity of Attention…'
    >>> short_label("A" * 40)
    'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA…'
    """
    head = text.split(": ", 1)[0] if ": " in text[:60] else text
    if len(head) <= limit:
        return head
    cut = head[: limit + 1].rsplit(" ", 1)[0] if " " in head[: limit + 1] else head[: limit - 1]
    return cut.rstrip(",;:") + "…"


def graph_nodes(graph: KnowledgeGraph) -> list[dict[str, Any]]:
    """One node per paper and per entity: key, type, short label and full name."""
    nodes = [
        {"id": paper_key(p.id), "type": "Paper", "label": short_label(p.title), "name": p.title}
        for p in graph.papers.values()
    ]
    nodes += [
        {"id": entity_key(graph, e.id), "type": e.type, "label": short_label(e.name), "name": e.name}
        for e in graph.entities.values()
    ]
    return nodes


def place_nodes(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], seed: int = 7) -> list[dict[str, Any]]:
    """The nodes with a size (by degree) and ``x``/``y`` positions of a force-directed layout.

    Laid out here, once, rather than in the page: the page then opens at once
    and shows the same picture every time. Each connected part is laid out on
    its own (networkx's Fruchterman-Reingold with a fixed seed) over an area
    that grows with its size, its dense core widened and its nodes nudged
    apart until none overlap; the parts are then packed in rows, largest
    first, so a few stray papers do not shrink the main picture to a dot.

    Args:
        nodes: :func:`graph_nodes`.
        edges: :func:`graph_edges`; similarity links pull more weakly than roles.
        seed: the layout's random seed.

    Returns:
        New node dicts with ``size`` (pixels across), ``x`` and ``y`` added.
    """
    import networkx as nx

    network = nx.Graph()
    network.add_nodes_from(node["id"] for node in nodes)
    for edge in edges:
        weight = 0.3 if edge["type"] == "SIMILAR_TO" else 1.0
        network.add_edge(edge["source"], edge["target"], weight=weight)
    most = max((d for _, d in network.degree()), default=0) or 1
    sizes = {key: round(_NODE_MIN + _NODE_GROWTH * (d / most) ** 0.5, 1) for key, d in network.degree()}
    labels = {node["id"]: node["label"] for node in nodes}
    parts = sorted(nx.connected_components(network), key=lambda part: (-len(part), min(part)))
    laid_out = []
    for part in parts:
        if len(part) == 1:
            positions = {next(iter(part)): (0.0, 0.0)}
        else:
            radius = _NODE_SPACING * len(part) ** 0.5
            positions = nx.spring_layout(
                network.subgraph(part), k=2 / len(part) ** 0.5, seed=seed, iterations=150, scale=radius
            )
            room = {k: max(sizes[k] / 2, min(_label_width(labels[k], sizes[k]) / 2, 3 * _NODE_MIN)) for k in part}
            positions = _push_apart(_spread_core(positions, radius), room, _NODE_MIN)
        reach = max((x * x + y * y) ** 0.5 + sizes[k] / 2 for k, (x, y) in positions.items())
        laid_out.append((reach, positions))
    # Shelf packing: rows as wide as the largest part, or four of the next largest.
    width = max(2 * laid_out[0][0], 8 * laid_out[1][0]) if len(laid_out) > 1 else 0.0
    placed: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for reach, positions in laid_out:
        room = 2 * reach + _NODE_SPACING
        if x > 0 and x + room > width + _NODE_SPACING:
            x, y, row_height = 0.0, y + row_height, 0.0
        for key, (px, py) in positions.items():
            placed[key] = (x + reach + float(px), y + reach + float(py))
        x += room
        row_height = max(row_height, room)
    return [
        {**node, "size": sizes[node["id"]], "x": round(placed[node["id"]][0], 1), "y": round(placed[node["id"]][1], 1)}
        for node in nodes
    ]


def _label_width(label: str, size: float) -> float:
    """Roughly how wide a node's label is drawn, in pixels (the page's font grows with the node)."""
    return 0.55 * (8 + (size - _NODE_MIN) * 0.6) * len(label)


def _spread_core(positions: dict[str, Any], radius: float, power: float = 0.6) -> dict[str, tuple[float, float]]:
    """Positions moved out from the middle by a radial power law (r -> R (r/R)^power).

    A force layout of a citation-like graph is a dense core with long chains
    reaching out of it; this widens the core and pulls the chains in, so the
    core is readable when the whole picture fits the screen.
    """
    import math

    far = max((math.hypot(float(x), float(y)) for x, y in positions.values()), default=0.0) or 1.0
    moved = {}
    for key, (x, y) in positions.items():
        r = math.hypot(float(x), float(y))
        factor = radius * (r / far) ** power / r if r else 0.0
        moved[key] = (float(x) * factor, float(y) * factor)
    return moved


def _push_apart(
    positions: dict[str, tuple[float, float]], radii: dict[str, float], margin: float, rounds: int = 80
) -> dict[str, tuple[float, float]]:
    """Positions nudged until no two nodes (circles of ``radii``) come within ``margin``.

    Each round moves every pair that is too close apart along the line between
    them, half the shortfall each. It compares all pairs, so a part of more
    than :data:`_PUSH_APART_MAX` nodes is left as it is.

    >>> moved = _push_apart({"a": (0.0, 0.0), "b": (1.0, 0.0)}, {"a": 4, "b": 4}, margin=2)
    >>> round(moved["b"][0] - moved["a"][0])
    10
    """
    import numpy as np

    if len(positions) < 2 or len(positions) > _PUSH_APART_MAX:
        return positions
    keys = list(positions)
    points = np.array([positions[k] for k in keys], dtype=float)
    points += np.random.default_rng(0).uniform(-1e-3, 1e-3, points.shape)  # parts coincident nodes
    radius = np.array([radii[k] for k in keys], dtype=float)
    gap = radius[:, None] + radius[None, :] + margin
    for _ in range(rounds):
        delta = points[:, None, :] - points[None, :, :]
        distance = np.sqrt((delta**2).sum(axis=-1))
        np.fill_diagonal(distance, np.inf)
        short = np.clip(gap - distance, 0.0, None)
        if not short.any():
            break
        points += ((delta / distance[..., None]) * (short[..., None] / 2)).sum(axis=1)
    return {k: (float(x), float(y)) for k, (x, y) in zip(keys, points)}


def evidence_json(evidence: Evidence) -> dict[str, Any]:
    """A piece of evidence with its span as offsets into its own sentence."""
    return {
        "paper": paper_key(evidence.paper_id),
        "sentence": evidence.sentence,
        "start": evidence.start - evidence.sentence_start,
        "end": evidence.end - evidence.sentence_start,
        "component": evidence.component,
        "confidence": evidence.confidence,
    }


def graph_edges(graph: KnowledgeGraph) -> list[dict[str, Any]]:
    """Every edge of the picture: type (``BUILDS_ON`` ...), ends, evidence.

    Paper-to-entity edges, the entity-to-entity edges derived from them (with
    ``derived_from`` naming the papers), ``VARIANT_OF`` from a size or checkpoint
    to its concept's entity, and one ``SIMILAR_TO`` per pair of
    similar papers with its score. Ids are ``e1``, ``e2`` ... in that order.
    """
    edges: list[dict[str, Any]] = []
    for relation in graph.relations:
        if relation.object not in graph.entities:
            continue
        derived = bool(relation.derived_from)
        if not derived and relation.subject not in graph.papers:
            continue
        if derived and relation.subject not in graph.entities:
            continue
        edges.append({
            "source": entity_key(graph, relation.subject) if derived else paper_key(relation.subject),
            "target": entity_key(graph, relation.object),
            "type": relation.predicate.upper(),
            "evidence": [evidence_json(e) for e in relation.evidence],
            "derived_from": [paper_key(p) for p in relation.derived_from],
        })
    for variant in variant_edges(graph.entities):
        edges.append({"source": variant.source, "target": variant.target, "type": variant.type, "evidence": [], "derived_from": []})
    pairs: dict[tuple[str, str], float] = {}
    for link in graph.similar:
        if link.source in graph.papers and link.target in graph.papers and link.source != link.target:
            pair = tuple(sorted((link.source, link.target)))
            pairs[pair] = max(link.score, pairs.get(pair, link.score))  # type: ignore[index]
    for (a, b), score in sorted(pairs.items()):
        edges.append({
            "source": paper_key(a), "target": paper_key(b), "type": "SIMILAR_TO",
            "score": round(score, 4), "evidence": [], "derived_from": [],
        })
    for n, edge in enumerate(edges, start=1):
        edge["id"] = f"e{n}"
    return edges


def result_json(graph: KnowledgeGraph, result: Result) -> dict[str, Any]:
    """A result with the names (and node keys) of the entities it involves."""

    def part(entity_id: str | None) -> dict[str, str] | None:
        if entity_id is None:
            return None
        entity = graph.entities.get(entity_id)
        if entity is None:
            return {"name": entity_id}
        return {"name": entity.name, "key": entity_key(graph, entity_id)}

    return {
        "id": result.id,
        "value": result.value_text,
        "from_value": result.from_value,
        "unit": result.unit,
        "metric": part(result.metric),
        "dataset": part(result.dataset),
        "hardware": part(result.hardware),
        "baseline": part(result.baseline),
        "evidence": evidence_json(result.evidence),
    }


def paper_cards(graph: KnowledgeGraph, edges: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A card per paper, by node key: links, entities by role, results, similar papers.

    The paper's fields and its similar papers (best first) are those of its
    ``papers.jsonl`` row; entities and results refer to node keys and edge
    ids, so the page can link them to the picture and show their evidence.

    Args:
        graph: the graph.
        edges: its :func:`graph_edges`, whose ids the card refers to for evidence.
    """
    from .materialize.jsonl import paper_rows

    roles: dict[str, dict[str, list[dict[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for edge in edges:
        if edge["source"].startswith("paper/") and edge["type"] != "SIMILAR_TO":
            roles[edge["source"]][edge["type"].lower()].append({"entity": edge["target"], "edge": edge["id"]})
    results: dict[str, list[Result]] = defaultdict(list)
    for result in graph.results:
        results[result.paper_id].append(result)
    names = {node["id"]: node["name"] for node in graph_nodes(graph)}
    cards = {}
    for row in paper_rows(graph):
        key = paper_key(row["id"])
        by_role = roles.get(key, {})
        cards[key] = {
            **{field: row[field] for field in ("id", "title", "url", "code_url", "authors", "published")},
            "roles": {
                role: sorted(by_role[role], key=lambda r: names[r["entity"]].casefold())
                for role in sorted(by_role, key=_role_rank)
            },
            "results": [result_json(graph, r) for r in results.get(row["id"], [])],
            "similar": [{"paper": paper_key(s["id"]), "score": s["score"]} for s in row["similar"]],
        }
    return cards


def _role_rank(role: str) -> tuple[int, str]:
    return (ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER), role)


def entity_details(graph: KnowledgeGraph, edges: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """What a clicked entity shows, by node key: its papers with roles, and its lineage.

    ``papers``: each paper that names it, with its roles and the ids of the
    edges (whose evidence the page shows). ``ancestors``/``descendants``: the
    entities it builds on, and that build on it, through any chain of
    entity-to-entity ``BUILDS_ON``. ``builders``: the papers that build on it
    (see :func:`builders`). ``proposed_by``: the papers that propose it.
    """
    named: dict[str, dict[str, dict[str, list[str]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    builds_on: dict[str, set[str]] = defaultdict(set)  # entity -> what it builds on
    built_on_by: dict[str, set[str]] = defaultdict(set)
    proposed_by: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        source, target, kind = edge["source"], edge["target"], edge["type"]
        if kind == "SIMILAR_TO":
            continue
        if source.startswith("paper/"):
            named[target][source][kind.lower()].append(edge["id"])
            if kind == "PROPOSES":
                proposed_by[target].append(source)
        elif kind == "BUILDS_ON":
            builds_on[source].add(target)
            built_on_by[target].add(source)
    lineage = builders(graph, edges)
    titles = {paper_key(p.id): p.title for p in graph.papers.values()}
    details = {}
    for entity in graph.entities.values():
        key = entity_key(graph, entity.id)
        details[key] = {
            "id": entity.id,
            "name": entity.name,
            "type": entity.type,
            "aliases": list(entity.aliases),
            "definition": entity.definition,
            "concept": entity.concept,
            "papers": [
                {
                    "paper": paper,
                    "roles": sorted(by_role, key=_role_rank),
                    "edges": [e for role in sorted(by_role, key=_role_rank) for e in by_role[role]],
                }
                for paper, by_role in sorted(named[key].items(), key=lambda kv: titles[kv[0]].casefold())
            ],
            "ancestors": sorted(reachable(key, builds_on)),
            "descendants": sorted(reachable(key, built_on_by)),
            "builders": lineage.get(key, []),
            "proposed_by": sorted(proposed_by[key]),
        }
    return details


def reachable(start: str, neighbours: dict[str, set[str]]) -> set[str]:
    """Every node reached from ``start`` by one or more steps (``start`` excluded).

    >>> sorted(reachable("a", {"a": {"b"}, "b": {"c", "a"}}))
    ['b', 'c']
    """
    seen: set[str] = set()
    queue = deque(neighbours.get(start, ()))
    while queue:
        node = queue.popleft()
        if node in seen or node == start:
            continue
        seen.add(node)
        queue.extend(neighbours.get(node, ()))
    return seen


def builders(graph: KnowledgeGraph, edges: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The papers that build on each entity, with the chain that shows it.

    A paper builds on X when it builds on X, or on (or proposes) something that
    builds on X through entity-to-entity ``BUILDS_ON`` edges (or a size of X,
    ``VARIANT_OF``); proposing X itself (or a size of it) or comparing with X is
    not building on X. The chains are those
    ``papergraph builds-on`` gives: the shortest, then the surest.

    Returns:
        Entity key -> one entry per paper: ``paper`` (node key), ``direct``,
        ``chain`` (in words: "builds on FlashAttention-2, which builds on
        FlashAttention"), ``hops`` (the edge ids along the chain), ``best``
        (for each hop, the index of its surest evidence in the edge's
        ``evidence``) and ``confidence`` (the chain's, as ``builds-on``
        gives it), direct papers first. Entities nothing builds on are left out.
    """
    from .query.builds_on import BUILDS_ON, PROPOSES, VARIANT_OF, Hop, Support, chain_text, find_chains, rounded

    relation_of = {"BUILDS_ON": BUILDS_ON, "PROPOSES": PROPOSES, "VARIANT_OF": VARIANT_OF}
    edge_ids: dict[tuple[str, str, str], str] = {}
    supports: dict[str, list[Support]] = {}
    chain_edges = []
    for edge in edges:
        relation = relation_of.get(edge["type"])
        if relation is not None:
            edge_ids[(edge["source"], relation, edge["target"])] = edge["id"]
            supports[edge["id"]] = [
                Support(ev["sentence"], ev["paper"], ev["confidence"], ev["component"]) for ev in edge["evidence"]
            ]
            chain_edges.append(Hop(edge["source"], relation, edge["target"], tuple(supports[edge["id"]])))
    papers = {paper_key(p.id): (p.id, p.title) for p in graph.papers.values()}
    names = {node["id"]: node["name"] for node in graph_nodes(graph)}
    # Only what something builds on can have papers that build on it.
    targets = sorted({e.object for e in chain_edges if e.relation in (BUILDS_ON, VARIANT_OF)})
    found = {}
    for target in targets:
        hits = find_chains(target, chain_edges, papers)
        if hits:
            entries = []
            for hit in hits:
                hops = [edge_ids[(h.subject, h.relation, h.object)] for h in hit.chain]
                entries.append({
                    "paper": hit.paper,
                    "direct": hit.direct,
                    "chain": chain_text(hit, names),
                    "hops": hops,
                    "best": [supports[e].index(h.best) if h.best is not None else 0 for e, h in zip(hops, hit.chain)],
                    "confidence": rounded(hit.confidence, 2),
                })
            found[target] = entries
    return found


# ------------------------------------------------------------------ the page

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def data_script(data: dict[str, Any]) -> str:
    """The data as the text of a ``<script type="application/json">`` block.

    ``<``, ``>`` and ``&`` are written as JSON escapes, so no text in the data
    ("</script>" in an evidence sentence, "<!--") can end the block early;
    ``JSON.parse`` reads them back as the characters they were.

    >>> data_script({"s": "a </script> b & c"})
    '{"s":"a \\\\u003c/script\\\\u003e b \\\\u0026 c"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def inline_script(code: str) -> str:
    """JavaScript made safe to sit inside a ``<script>`` element.

    "</script" can only occur in JavaScript inside a string, a regular
    expression or a comment, where "<\\/script" means the same.
    """
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


def render_page(data: dict[str, Any], assets: dict[str, str]) -> str:
    """The whole page: the template with style, scripts and data filled in.

    Args:
        data: :func:`report_data`.
        assets: file name -> text of ``page.html``, ``report.css``,
            ``report.js`` and the Cytoscape.js library.
    """
    from html import escape

    values = {
        "title": escape(data["title"]),
        "css": assets["report.css"].replace("</style", "<\\/style"),
        "library": inline_script(assets[LIBRARY]),
        "app": inline_script(assets["report.js"]),
        "data": data_script(data),
    }
    # One pass, so text filled in is never searched for placeholders again.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], assets["page.html"])


def load_assets() -> dict[str, str]:
    """The page template, style, script and library shipped in ``report_assets``.

    Raises:
        PipelineError: a file is missing (an install without package data, or
            a checkout whose library was not fetched).
    """
    folder = resources.files(__package__) / ASSETS
    assets = {}
    for name in ("page.html", "report.css", "report.js", LIBRARY):
        try:
            assets[name] = (folder / name).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise PipelineError(
                f"pipeline/{ASSETS}/{name} is missing; reinstall papergraph"
                + (" or run scripts/update_report_assets.sh" if name == LIBRARY else "")
            ) from None
    return assets


def write_report(graph: KnowledgeGraph, path: Path, title: str = "papergraph") -> Path:
    """Write the report page of ``graph`` to ``path``, replacing it whole.

    The page is written to a temporary file beside ``path`` and renamed into
    place, so a reader never sees half a page.

    Returns:
        The path written.
    """
    return write_text_atomically(Path(path), render_page(report_data(graph, title), load_assets()))

