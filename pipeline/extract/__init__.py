"""Extraction stage: a spaCy pipeline that turns each paper into an :class:`Extraction`.

The pipeline (``config.cfg`` beside this file) is a blank English tokenizer and
six registered components::

    pg_sentences -> pg_vocabulary -> pg_names -> pg_entities -> pg_relations -> pg_results

It finds the methods, models, datasets, hardware and metrics of each paper
(from the vocabulary in ``ontology/vocabulary`` and from how new names are
written), how the paper relates to each (proposes, builds on, uses, compares
with, is evaluated on, runs on, reports) and its quantitative results, each with
its evidence: sentence, character offsets, the component and a confidence.

Entity ids in an :class:`Extraction` are merge keys (the vocabulary concept's
slug, or the letters and digits of a new name); the graph stage turns them into
stable ids across papers.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from ..records import Entity, Evidence, Extraction, Mention, Paper, Relation, Result, StageTimes

CONFIG_FILE = "config.cfg"


def build_nlp(vocabulary_dir: str | Path | None = None):
    """A fresh extractor pipeline from its config.

    Args:
        vocabulary_dir: a folder of vocabulary ``*.ttl`` files; the shipped
            ``ontology/vocabulary`` when None.

    Returns:
        A ``spacy.Language`` whose docs carry the extraction in ``doc._.pg``.
    """
    import spacy
    from thinc.api import Config

    from . import components  # noqa: F401 - registers the factories

    config = Config().from_str((resources.files(__name__) / CONFIG_FILE).read_text(encoding="utf-8"))
    if vocabulary_dir is not None:
        config["components"]["pg_vocabulary"]["vocabulary_dir"] = str(vocabulary_dir)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    nlp.get_pipe("pg_vocabulary").vocabulary  # load now: fail early on a bad vocabulary
    return nlp


def load_nlp(path: str | Path):
    """A pipeline saved with ``nlp.to_disk``."""
    import spacy

    from . import components  # noqa: F401 - registers the factories

    return spacy.load(path)


def doc_to_extraction(doc: Any, paper: Paper) -> Extraction:
    """Turn the plain data a doc carries into records, with evidence for each."""
    data = doc._.pg
    text = data.get("text") or doc.text
    sentences = data["sentences"]
    sentence_starts = [s for s, _ in sentences]
    # One string per sentence, shared by all the evidence in it: a record holds (and
    # pickles, to and from worker processes) each sentence once, not once per assertion.
    sentence_texts = [text[s:e] for s, e in sentences]

    def evidence(start: int, end: int, component: str, confidence: float) -> Evidence:
        n = max(0, bisect.bisect_right(sentence_starts, start) - 1)
        return Evidence(paper.id, sentence_texts[n], sentence_starts[n], start, end, component, round(confidence, 3))

    entities = tuple(
        Entity(
            id=key,
            name=e["name"],
            type=e["type"],
            aliases=tuple(e["aliases"]),
            concept=e["concept"],
            definition=e["definition"],
            variant_of=e["variant_of"],
        )
        for key, e in data["entities"].items()
    )
    mentions = tuple(
        Mention(paper.id, start, end, text[start:end], data["entities"][key]["type"], key,
                evidence(start, end, component, confidence))
        for start, end, key, component, confidence in data["mentions"]
    )
    # One relation per entity and role, with the evidence of every rule that gave it
    # (a metric reported by a cue and again by a result's unit).
    evidence_of: dict[tuple[str, str], list[Evidence]] = {}
    for key, role, start, end, rule, confidence in data["relations"]:
        evidence_of.setdefault((key, role), []).append(evidence(start, end, f"pg_relations:{rule}", confidence))
    relations = tuple(Relation(paper.id, role, key, tuple(found)) for (key, role), found in evidence_of.items())
    results = tuple(
        Result(
            id=f"{paper.id}/r{n}",
            paper_id=paper.id,
            value=r["value"],
            value_text=r["value_text"],
            evidence=evidence(r["start"], r["end"], "pg_results", r["confidence"]),
            metric=r["metric"],
            unit=r["unit"],
            from_value=r["from_value"],
            dataset=r["dataset"],
            hardware=r["hardware"],
            baseline=r["baseline"],
        )
        for n, r in enumerate(data["results"], start=1)
    )
    return Extraction(paper, entities, mentions, relations, results)


class Extractor:
    """The extraction stage: papers in, :class:`Extraction` records out."""

    def __init__(self, nlp: Any):
        self.nlp = nlp

    def extract(self, paper: Paper) -> Extraction:
        """Extract one paper."""
        return doc_to_extraction(self.nlp(paper.text), paper)

    def iter_extractions(
        self,
        papers: Iterable[Paper],
        *,
        batch_size: int = 256,
        workers: int = 1,
        timer: StageTimes | None = None,
    ) -> Iterator[Extraction]:
        """Extract a stream of papers with ``nlp.pipe``, in order.

        Args:
            papers: any iterable; it is consumed lazily, a batch at a time.
            batch_size: papers per ``nlp.pipe`` batch.
            workers: processes; 1 runs in this process. With more, each worker
                process holds a copy of the pipeline and runs ``nlp.pipe`` on
                whole batches, sending back records (which pickle small), not
                Docs (which spaCy's own ``n_process`` would serialise both ways).
            timer: receives the seconds spent, as stage "extract".
        """
        start = time.perf_counter()
        try:
            if workers <= 1:
                stream = ((paper.text, paper) for paper in papers)
                for doc, paper in self.nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
                    yield doc_to_extraction(doc, paper)
            else:
                yield from self._in_processes(papers, batch_size, workers)
        finally:
            if timer is not None:
                timer.add("extract", time.perf_counter() - start)

    def _in_processes(self, papers: Iterable[Paper], batch_size: int, workers: int) -> Iterator[Extraction]:
        import multiprocessing
        from collections import deque

        # A fork starts workers at once with this process's pipeline (a spawned
        # worker spends seconds importing spaCy and rebuilding it). Workers run
        # only the tokenizer and Python rules, never PyTorch or OpenMP code, so
        # thread pools this process may hold are not a hazard for them. Where
        # there is no fork, "spawn" rebuilds the pipeline from its bytes.
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            _WORKER_NLP[:] = [self.nlp]
            initializer, payload = None, ()
        else:
            context = multiprocessing.get_context("spawn")
            initializer, payload = _start_worker, (self.nlp.config.to_str(), self.nlp.to_bytes())
        with context.Pool(workers, initializer=initializer, initargs=payload) as pool:
            pending: deque = deque()
            for batch in _batches(papers, batch_size):
                pending.append(pool.apply_async(_extract_batch, (batch,)))
                # At most two batches per worker in flight: memory stays bounded.
                while len(pending) > 2 * workers:
                    yield from pending.popleft().get()
            while pending:
                yield from pending.popleft().get()


def _batches(papers: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    batch: list[Paper] = []
    for paper in papers:
        batch.append(paper)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


_WORKER_NLP: list[Any] = []


def _start_worker(config: str, data: bytes) -> None:
    import spacy
    from thinc.api import Config

    from . import components  # noqa: F401 - registers the factories

    nlp = spacy.util.load_model_from_config(Config().from_str(config), auto_fill=False)
    _WORKER_NLP.append(nlp.from_bytes(data))
    freeze_loaded_objects()


def _extract_batch(papers: list[Paper]) -> list[Extraction]:
    nlp = _WORKER_NLP[0]
    stream = ((paper.text, paper) for paper in papers)
    return [doc_to_extraction(doc, paper) for doc, paper in nlp.pipe(stream, as_tuples=True)]


def load_extractor(path: str | Path | None = None, vocabulary_dir: str | Path | None = None) -> Extractor:
    """The extractor: a saved pipeline at ``path``, else one built from the config."""
    return Extractor(load_nlp(path) if path is not None else build_nlp(vocabulary_dir))


def freeze_loaded_objects() -> None:
    """Hide what this process has loaded so far from the cyclic garbage collector.

    The pipeline and its vocabulary tables are hundreds of thousands of objects
    that live as long as the process, and every full collection (one per few
    thousand abstracts) walks them all: about a sixth of the extraction time.
    ``gc.freeze`` moves them out of its sight; objects whose references go away
    are still freed. Call it once the models are loaded, as ``papergraph build``
    does; a forked worker inherits it.
    """
    import gc

    gc.freeze()
