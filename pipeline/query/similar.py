"""``similar``: the papers most like a paper, a title, or a free-text question.

A query is matched, in order, as a paper id, a title (exact, the short name
before its colon, or close), and only then taken as free text, which is
encoded with the model the graph was built with. Each hit carries the
entities it shares with the query paper.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import GraphDirError, ModelError, QueryError
from ..graph import KnowledgeGraph, read_graph
from ..records import Entity, Paper

# A close title: difflib ratio of the folded strings, at least this; a second
# title within AMBIGUOUS_MARGIN of the best makes the query ambiguous.
CLOSE_TITLE = 0.9
AMBIGUOUS_MARGIN = 0.02
# A query that is nothing but an arXiv id or abstract URL ("arXiv:2307.08691v2").
_ARXIV_QUERY = re.compile(
    r"(?:arxiv:\s*|https?://arxiv\.org/(?:abs|pdf)/)?"
    r"(?:\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?(?:\.pdf)?",
    re.IGNORECASE,
)


@dataclass
class SimilarHit:
    id: str
    title: str
    score: float
    shared: list[Entity] = field(default_factory=list)


@dataclass
class SimilarAnswer:
    """The query as understood (a paper, or free text) and its hits, best first."""

    query: str
    paper: Paper | None
    matched_by: str  # "id", "title", "short title", "close title" or "text"
    hits: list[SimilarHit]


# ------------------------------------------------------------ pure helpers


def _fold(text: str) -> str:
    from ..ingest import title_key

    return title_key(text)


def _short_title(title: str) -> str | None:
    head, colon, _ = title.partition(":")
    return head if colon and head.strip() else None


def match_paper(query: str, papers: dict[str, Paper]) -> tuple[Paper | None, str]:
    """The paper a query names, and how it was matched; (None, "text") for free text.

    Tried in order: paper id (an arXiv id in any spelling), exact title
    (ignoring case, spaces and punctuation), the short name before a title's
    colon ("FlashAttention-2"), a close title (difflib ratio >= 0.9).

    Raises:
        QueryError: the query looks like an arXiv id that is not in the graph,
            or it names several papers equally well (the message lists them).
    """
    from ..ingest import arxiv_id

    text = query.strip()
    if text in papers:
        return papers[text], "id"
    if _ARXIV_QUERY.fullmatch(text):
        given_id = arxiv_id(text)
        if given_id in papers:
            return papers[given_id], "id"
        raise QueryError(f"no paper with id {given_id} in this graph; give a title or free text instead")
    key = _fold(text)
    if not key:
        raise QueryError("empty query: give a paper id, a title, or a question in words")
    folded = {p.id: _fold(p.clean_title) for p in papers.values()}
    exact = [p for p in papers.values() if key in (folded[p.id], _fold(p.title))]
    short = [p for p in papers.values() if (s := _short_title(p.clean_title)) and _fold(s) == key]
    for found, how in ((exact, "title"), (short, "short title")):
        if len(found) == 1:
            return found[0], how
        if len(found) > 1:
            raise QueryError(_ambiguous(query, found))
    close = _close_titles(key, papers, folded)
    if close and (len(close) == 1 or close[0][0] - close[1][0] > AMBIGUOUS_MARGIN):
        return close[0][1], "close title"
    if close:
        raise QueryError(_ambiguous(query, [p for r, p in close if close[0][0] - r <= AMBIGUOUS_MARGIN]))
    return None, "text"


def _close_titles(key: str, papers: dict[str, Paper], folded: dict[str, str]) -> list[tuple[float, Paper]]:
    """Papers whose folded title is close to ``key`` (ratio >= CLOSE_TITLE), closest first."""
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(key)
    scored = []
    for paper in papers.values():
        matcher.set_seq1(folded[paper.id])
        if matcher.real_quick_ratio() >= CLOSE_TITLE and matcher.quick_ratio() >= CLOSE_TITLE:
            ratio = matcher.ratio()
            if ratio >= CLOSE_TITLE:
                scored.append((ratio, paper))
    return sorted(scored, key=lambda rp: (-rp[0], rp[1].id))


def _ambiguous(query: str, papers: list[Paper]) -> str:
    listed = "; ".join(f"{p.id} ({p.clean_title})" for p in sorted(papers, key=lambda p: p.id)[:5])
    more = f" and {len(papers) - 5} more" if len(papers) > 5 else ""
    return f"{query!r} matches {len(papers)} papers: {listed}{more}; give the paper id"


def paper_entities(graph: KnowledgeGraph, paper_ids: set[str]) -> dict[str, set[str]]:
    """Entity ids each of ``paper_ids`` proposes, uses, ... or mentions."""
    found: dict[str, set[str]] = defaultdict(set)
    for relation in graph.paper_relations():
        if relation.subject in paper_ids:
            found[relation.subject].add(relation.object)
    for mention in graph.mentions:
        if mention.paper_id in paper_ids:
            found[mention.paper_id].add(mention.entity_id)
    return found


def shared_entities(graph: KnowledgeGraph, query_id: str | None, hit_ids: list[str]) -> dict[str, list[Entity]]:
    """For each hit, the entities it shares with the query paper, by type then name."""
    if query_id is None:
        return {h: [] for h in hit_ids}
    entities = paper_entities(graph, {query_id, *hit_ids})
    mine = entities.get(query_id, set())
    return {
        h: sorted(
            (graph.entities[e] for e in mine & entities.get(h, set()) if e in graph.entities),
            key=lambda e: (e.type, e.name.casefold()),
        )
        for h in hit_ids
    }


def answer_json(answer: SimilarAnswer) -> dict[str, Any]:
    paper = answer.paper
    return {
        "query": {
            "text": answer.query,
            "matched_by": answer.matched_by,
            "id": paper.id if paper else None,
            "title": paper.title if paper else None,
        },
        "hits": [
            {
                "id": h.id,
                "title": h.title,
                "score": round(h.score, 4),
                "shared": [{"id": e.id, "name": e.name, "type": e.type} for e in h.shared],
            }
            for h in answer.hits
        ],
    }


def answer_text(answer: SimilarAnswer) -> str:
    """The answer for a person: what the query was taken as, then score, title,
    id and shared entities of each hit."""
    if answer.paper is not None:
        head = f"papers like {answer.paper.id}  {answer.paper.clean_title}  (matched by {answer.matched_by})"
    else:
        head = f"papers nearest to the text {answer.query!r} (no paper has that id or title)"
    lines = [head]
    for hit in answer.hits:
        lines.append(f"{hit.score:6.3f}  {hit.title}  [{hit.id}]")
        if hit.shared:
            lines.append("        shared: " + ", ".join(f"{e.name} ({e.type})" for e in hit.shared))
    if not answer.hits:
        lines.append("no other papers in the graph")
    return "\n".join(lines)


# ------------------------------------------------------------ the I/O shell


def similar(graph_dir: str | Path, query: str, k: int = 10, model: str | None = None) -> SimilarAnswer:
    """The ``k`` papers of a built graph most like ``query``.

    Args:
        graph_dir: a folder written by ``papergraph build`` (with embeddings).
        query: a paper id, a title (exact, short or close) or free text.
        k: hits to give.
        model: the model for free text; default the one the graph was built with.

    Returns:
        The answer, hits best first.

    Raises:
        GraphDirError: no graph or no embeddings in ``graph_dir``.
        QueryError: an unknown id or an ambiguous title.
        ModelError: free text, and the model differs from the graph's.
    """
    from ..embed import no_embeddings, read_cache
    from ..link import exact_topk

    graph_dir = Path(graph_dir)
    graph = read_graph(graph_dir / "graph.jsonl")
    paper, matched_by = match_paper(query, graph.papers)
    cache = read_cache(graph_dir)
    if cache is None:
        raise no_embeddings(graph_dir)
    ids = cache.ids
    if paper is not None:
        skip = ids.index(paper.id) if paper.id in ids else None
        if skip is None:
            raise GraphDirError(f"{graph_dir}: paper {paper.id} has no embedding; rebuild the graph")
        probe = np.asarray(cache.vectors[skip : skip + 1], dtype=np.float32)
    else:
        probe = _encode_query(graph_dir, query, model, cache.meta)
        skip = -1
    # The memory-mapped float16 rows are read a tile at a time.
    found, scores = exact_topk(cache.vectors, min(k + 1, len(ids)), queries=probe)
    hits = [(int(i), float(s)) for i, s in zip(found[0], scores[0]) if i >= 0 and i != skip][:k]
    hit_ids = [ids[i] for i, _ in hits]
    shared = shared_entities(graph, paper.id if paper else None, hit_ids)
    return SimilarAnswer(
        query=query,
        paper=paper,
        matched_by=matched_by,
        hits=[
            SimilarHit(ids[i], graph.papers[ids[i]].title if ids[i] in graph.papers else ids[i], s, shared[ids[i]])
            for i, s in hits
        ],
    )


def _encode_query(graph_dir: Path, text: str, model: str | None, built_with: dict[str, Any]) -> np.ndarray:
    """The query text as a unit vector, by the model the graph was embedded with."""
    from ..config import Settings
    from ..embed import Encoder, resolve_model

    if not model and built_with.get("model_path") and Path(built_with["model_path"]).is_dir():
        model = built_with["model_path"]
    ref = resolve_model(model or Settings().model_spec)
    if ref.identity != built_with.get("model"):
        raise ModelError(
            f"{graph_dir} was embedded with {built_with.get('model')}, not {ref.identity}; "
            "give that model with --model PATH to search by free text"
        )
    return Encoder(ref).encode([text])
