"""A small graph built by hand from five real papers of examples/papers.jsonl.

Each relation's evidence is a real sentence of the paper it is about, found by a
phrase of that sentence, so outputs can be checked without the extractor:
FlashAttention-2 builds on FlashAttention and runs on the A100;
FlashAttention-3 builds on FlashAttention-2 and runs on the H100; PagedAttention
and speculative decoding do not build on FlashAttention.
"""

from __future__ import annotations

from pipeline.graph import GraphBuilder, KnowledgeGraph
from pipeline.ids import name_key
from pipeline.ingest import iter_papers
from pipeline.records import Entity, Evidence, Extraction, Paper, Relation, Result, SimilarityLink

from .conftest import EXAMPLES

# paper id -> (role, entity name, entity type, a phrase of the evidence sentence)
RELATIONS: dict[str, list[tuple[str, str, str, str]]] = {
    "2205.14135": [
        ("proposes", "FlashAttention", "Method", "We propose FlashAttention"),
        ("uses", "BERT-large", "Model", "trains BERT-large"),
        ("evaluated_on", "Path-X", "Dataset", "Path-X challenge"),
    ],
    "2307.08691": [
        ("proposes", "FlashAttention-2", "Method", "We present FlashAttention-2"),
        ("builds_on", "FlashAttention", "Method", "builds on FlashAttention"),
        ("compares_with", "FlashAttention", "Method", "about 2x faster than FlashAttention"),
        ("runs_on", "A100", "Hardware", "per A100 GPU"),
    ],
    "2407.08608": [
        ("proposes", "FlashAttention-3", "Method", "We introduce FlashAttention-3"),
        ("builds_on", "FlashAttention-2", "Method", "extends FlashAttention-2"),
        ("runs_on", "H100", "Hardware", "On H100 GPUs"),
        ("compares_with", "FlashAttention-2", "Method", "faster than FlashAttention-2"),
    ],
    "2309.06180": [
        ("proposes", "PagedAttention", "Method", "We propose PagedAttention"),
        ("compares_with", "FasterTransformer", "Model", "compared with FasterTransformer"),
    ],
    "2211.17192": [
        ("proposes", "speculative decoding", "Method", "We introduce speculative decoding"),
        ("uses", "T5-XXL", "Model", "accelerates T5-XXL"),
    ],
}

# paper id -> (value, value text, metric, unit, hardware, baseline, phrase)
RESULTS: dict[str, list[tuple[float, str, str, str | None, str | None, str | None, str]]] = {
    "2307.08691": [(225.0, "225 TFLOPs/s", "throughput", "TFLOPs/s", "A100", None, "225 TFLOPs/s per A100")],
    "2407.08608": [(2.0, "1.5-2.0x", "speedup", "x", "H100", "FlashAttention-2", "1.5-2.0x faster")],
}

SIMILAR = [
    SimilarityLink("2205.14135", "2307.08691", 0.83),
    SimilarityLink("2307.08691", "2407.08608", 0.86),
    SimilarityLink("2205.14135", "2309.06180", 0.55),
]

BUILDS_ON_FLASHATTENTION = {"2307.08691", "2407.08608"}


def example_papers() -> dict[str, Paper]:
    return {p.id: p for p in iter_papers([EXAMPLES]) if p.id in RELATIONS}


def evidence(paper: Paper, phrase: str, component: str = "hand", confidence: float = 0.9) -> Evidence:
    """The evidence of ``phrase``: its span and the sentence around it in ``paper.text``."""
    text = paper.text
    start = text.index(phrase)
    sentence_start = max(text.rfind(". ", 0, start) + 2, paper.abstract_offset if start >= paper.abstract_offset else 0)
    sentence_end = text.find(". ", start)
    sentence_end = len(text) if sentence_end < 0 else sentence_end + 1
    return Evidence(paper.id, text[sentence_start:sentence_end], sentence_start, start, start + len(phrase), component, confidence)


def extraction(paper: Paper) -> Extraction:
    """The hand-made extraction of one of the five papers."""
    entities, relations = {}, []
    for role, name, entity_type, phrase in RELATIONS[paper.id]:
        key = name_key(name)
        entities[key] = Entity(key, name, entity_type)
        relations.append(Relation(paper.id, role, key, (evidence(paper, phrase),)))
    results = []
    for n, (value, text, metric, unit, hardware, baseline, phrase) in enumerate(RESULTS.get(paper.id, ())):
        entities[name_key(metric)] = Entity(name_key(metric), metric, "Metric")
        results.append(
            Result(
                id=f"{paper.id}-r{n}", paper_id=paper.id, value=value, value_text=text,
                evidence=evidence(paper, phrase, "results", 0.8), metric=name_key(metric), unit=unit,
                hardware=name_key(hardware) if hardware else None,
                baseline=name_key(baseline) if baseline else None,
            )
        )
    return Extraction(paper, tuple(entities.values()), (), tuple(relations), tuple(results))


def hand_graph(paper_ids: tuple[str, ...] | None = None) -> KnowledgeGraph:
    """The graph of the five papers, or of those named."""
    papers = example_papers()
    builder = GraphBuilder()
    for paper_id in paper_ids or tuple(RELATIONS):
        builder.add(extraction(papers[paper_id]))
    builder.add_similar(s for s in SIMILAR if paper_ids is None or {s.source, s.target} <= set(paper_ids))
    return builder.build()


def sizes_graph() -> KnowledgeGraph:
    """Four made-up papers about Llama 3 and two of its sizes, Llama-3-8B and Llama-3-70B, which the
    vocabulary lacks (``variant_of`` Llama 3's concept): pa builds on Llama-3-8B (0.8); pb proposes
    Llama 3 and Llama-3-70B; pc proposes Gamma, which extends Llama-3-70B (0.7); pd builds on Gamma."""
    llama3 = "https://w3id.org/papergraph/vocab/model/llama-3"
    known = {"Llama 3": Entity("llama-3", "Llama 3", "Model", concept=llama3)}
    for size in ("Llama-3-8B", "Llama-3-70B"):
        known[size] = Entity(name_key(size), size, "Model", variant_of=llama3)
    builder = GraphBuilder()
    for paper_id, text, roles in [
        ("pa", "We fine-tune Llama-3-8B.", [("builds_on", "Llama-3-8B", 0.8)]),
        ("pb", "We release Llama 3. Llama-3-70B is its largest.", [("proposes", "Llama 3", 0.9), ("proposes", "Llama-3-70B", 0.9)]),
        ("pc", "We propose Gamma. Gamma extends Llama-3-70B.", [("proposes", "Gamma", 0.9), ("builds_on", "Llama-3-70B", 0.7)]),
        ("pd", "We build on Gamma.", [("builds_on", "Gamma", 0.9)]),
    ]:
        paper = Paper(paper_id, paper_id.upper(), text, paper_id.upper(), text)
        entities = tuple(known.get(name, Entity(name_key(name), name, "Method")) for _, name, _ in roles)
        builder.add(Extraction(
            paper,
            entities,
            (),
            tuple(Relation(paper_id, role, entity.id, (evidence(paper, name, "hand", c),))
                  for (role, name, c), entity in zip(roles, entities)),
        ))
    return builder.build()

