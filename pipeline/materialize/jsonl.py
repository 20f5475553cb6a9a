"""The JSON exports: ``papers.jsonl`` (one line per paper) and ``graph.jsonl``.

``papers.jsonl`` is the user-facing export documented in the README;
``graph.jsonl`` is the whole model, read back by every later command.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..config import Settings
from ..graph import KnowledgeGraph, write_graph


def paper_rows(graph: KnowledgeGraph) -> Iterator[dict[str, Any]]:
    """One JSON-ready row per paper: its entities with roles and mentions, its
    results and its similar papers."""
    roles: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    entities_of: dict[str, set[str]] = defaultdict(set)
    for relation in graph.paper_relations():
        roles[relation.subject][relation.object].append(relation.predicate)
        entities_of[relation.subject].add(relation.object)
    mentions: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for mention in graph.mentions:
        entities_of[mention.paper_id].add(mention.entity_id)
        mentions[(mention.paper_id, mention.entity_id)].append(
            {
                "text": mention.text,
                "start": mention.start,
                "end": mention.end,
                "sentence": mention.evidence.sentence,
                "component": mention.evidence.component,
                "confidence": mention.evidence.confidence,
            }
        )
    results: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for result in graph.results:
        results[result.paper_id].append(_result_row(graph, result))
    similar: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for link in graph.similar:
        similar[link.source].append((link.score, link.target))
        similar[link.target].append((link.score, link.source))
    for paper in graph.papers.values():
        entity_ids = sorted(
            entities_of.get(paper.id, ()),
            key=lambda e: (graph.entities[e].type, graph.entities[e].name.casefold()),
        )
        yield {
            "id": paper.id,
            "title": paper.title,
            "url": paper.url,
            "code_url": paper.code_url,
            "authors": list(paper.authors),
            "published": paper.published,
            "entities": [
                {
                    "id": e,
                    "name": graph.entities[e].name,
                    "type": graph.entities[e].type,
                    "concept": graph.entities[e].concept,
                    "variant_of": graph.entities[e].variant_of,
                    "roles": sorted(set(roles[paper.id].get(e, []))),
                    "mentions": mentions.get((paper.id, e), []),
                }
                for e in entity_ids
            ],
            "results": results.get(paper.id, []),
            "similar": [
                {"id": other, "title": graph.papers[other].title, "score": round(score, 4)}
                for score, other in sorted(similar.get(paper.id, []), key=lambda s: (-s[0], s[1]))
            ],
        }


def _result_row(graph: KnowledgeGraph, result) -> dict[str, Any]:
    def name(entity_id: str | None) -> str | None:
        return graph.entities[entity_id].name if entity_id in graph.entities else entity_id

    return {
        "id": result.id,
        "metric": name(result.metric),
        "value": result.value,
        "from_value": result.from_value,
        "unit": result.unit,
        "value_text": result.value_text,
        "dataset": name(result.dataset),
        "hardware": name(result.hardware),
        "baseline": name(result.baseline),
        "sentence": result.evidence.sentence,
        "confidence": result.evidence.confidence,
    }


def write_papers(graph: KnowledgeGraph, out_dir: Path, settings: Settings, report: dict) -> None:
    with open(out_dir / "papers.jsonl", "w", encoding="utf-8") as out:
        for row in paper_rows(graph):
            out.write(json.dumps(row, ensure_ascii=False))
            out.write("\n")


def write_graph_file(graph: KnowledgeGraph, out_dir: Path, settings: Settings, report: dict) -> None:
    write_graph(graph, out_dir / "graph.jsonl")
