"""How right are the answers to "which papers build on X?", the question users ask.

    python3 benchmarks/builds_on_answers.py [--errors]

``extraction_quality.py`` scores roles one (paper, entity) pair at a time. A
user sees something else: the papers ``papergraph builds-on X`` lists, found
through the graph's chains (a paper that builds on X-2, which builds on X,
builds on X; DESIGN.md), after names are merged across papers and resolved.
This scores those answers.

For every annotated corpus, the graph of its held-out papers and, apart, the
graph of its tuning papers are built by the real stages (extractor, graph
builder, Turtle and the Oxigraph store; no embeddings), so that a held-out
answer depends on held-out papers alone. Every method or model of the hand
annotations is asked about by its annotated name, through
``pipeline.query.builds_on``, as ``papergraph builds-on NAME`` does. The right
answer comes from the annotations by the same rule: entities are one across
papers when their names or aliases fold alike, a paper that proposes Y and
builds on X makes "Y builds on X", and a paper builds on X when it builds on,
or proposes, something whose chain reaches X.

Printed per corpus part: questions with a non-empty right answer, how many of
those are answered exactly, precision / recall / F1 over the (question, paper)
pairs of all questions, how many questions found no entity of that name (or
several) in the graph, and ("written": N of M) of the M such questions with a
non-empty right answer, the N where ``builds-on`` names a right paper all the
same, as one whose text writes the name (its error lists those papers; they
count as no answer in P / R / F1). ``--errors`` lists the tuning parts' wrong
answers.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction_quality import GOLD, PAGE, TUNING, _keys  # noqa: E402

CORPORA = ("dev", "dev2", "dev3", "dev4", "dev6", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13", "dev14",
           "dev15", "dev5", "dev7")
ASKED_TYPES = frozenset(("Method", "Model"))


# ----------------------------------------------------------------- the right answers


def gold_answers(papers: list[dict], size_of: Callable[[str, str], tuple[str, ...] | None] | None = None) -> dict[str, set[str]]:
    """Annotated name -> titles of the papers that build on it, by the graph's rule.

    Each entity is keyed by the first name annotated for it; :func:`answer_keys`
    maps its other names to that one. ``size_of(name, type)``: the names of the
    model a size or checkpoint is one of ("Llama-3-8B": "Llama 3", "Llama-3"),
    or None; building on a size is building on its model, proposing a size of X
    is not building on X (the graph's rule: ``pg:variantOf``). :func:`vocabulary_sizes`
    gives the graph's sizes.

    >>> a = {"title": "A", "entities": [{"name": "X2", "type": "Method", "roles": ["proposes"]},
    ...                                 {"name": "X", "type": "Method", "roles": ["builds_on"]}]}
    >>> b = {"title": "B", "entities": [{"name": "X-2", "type": "Method", "roles": ["builds_on"]}]}
    >>> c = {"title": "C", "entities": [{"name": "X", "type": "Method", "roles": ["compares_with"]}]}
    >>> answers = gold_answers([a, b, c])
    >>> sorted(answers["X"]), sorted(answers["X2"])
    (['A', 'B'], ['B'])
    """
    group: dict[str, int] = {}  # a folded name -> its entity
    names: dict[int, str] = {}  # entity -> the first name annotated for it
    merged: dict[int, int] = {}

    def find(n: int) -> int:
        while merged.get(n, n) != n:
            n = merged[n]
        return n

    def entity(e: dict) -> int:
        keys = _keys([e["name"], *e.get("aliases", [])])
        found = {find(group[k]) for k in keys if k in group}
        n = min(found) if found else len(names)
        names.setdefault(n, e["name"])
        for other in found:
            merged[other] = n
        for k in keys:
            group[k] = n
        return n

    roles = [[(entity(e), set(e["roles"])) for e in paper["entities"] if e["type"] in ASKED_TYPES] for paper in papers]
    sizes = []  # (a size or checkpoint, the model it is one of)
    for e in (e for paper in papers for e in paper["entities"] if e["type"] in ASKED_TYPES) if size_of else ():
        if (base := size_of(e["name"], e["type"])) is not None:
            sizes.append((entity(e), entity({"name": base[0], "aliases": list(base[1:])})))
    edges: dict[int, set[int]] = defaultdict(set)  # Y -> the X it builds on (or is a size of)
    size_edges: dict[int, int] = {find(s): find(b) for s, b in sizes}
    for s, b in size_edges.items():
        edges[s].add(b)
    for held in roles:
        proposed = [find(n) for n, r in held if "proposes" in r]
        built_on = [find(n) for n, r in held if "builds_on" in r]
        for y in proposed:
            edges[y].update(x for x in built_on if x != y)

    def reaches(start: int) -> set[int]:
        seen, todo = set(), [start]
        while todo:
            for x in edges.get(todo.pop(), ()):
                if x not in seen:
                    seen.add(x)
                    todo.append(x)
        return seen

    def itself(n: int) -> set[int]:
        """n and what it is a size of: proposing them is not building on them."""
        found = {n}
        while size_edges.get(n) is not None and size_edges[n] not in found:
            n = size_edges[n]
            found.add(n)
        return found

    answers: dict[int, set[str]] = defaultdict(set)
    for paper, held in zip(papers, roles):
        for n, r in held:
            n = find(n)
            if "builds_on" in r:
                for x in {n} | reaches(n):
                    answers[x].add(paper["title"])
            if "proposes" in r:
                for x in reaches(n) - itself(n):
                    answers[x].add(paper["title"])
    asked = {find(n) for held in roles for n, _ in held}
    return {names[n]: answers.get(n, set()) for n in sorted(asked)}


@functools.cache
def vocabulary_sizes() -> Callable[[str, str], tuple[str, ...] | None]:
    """``size_of`` for :func:`gold_answers` by the extractor's own rule and vocabulary
    (:func:`pipeline.extract.resolve.variant_base`): a name the vocabulary lacks that is a
    size, tier or checkpoint of a model it has."""
    from pipeline.extract.resolve import variant_base
    from pipeline.extract.vocabulary import load_vocabulary

    vocabulary = load_vocabulary()

    def size_of(name: str, type_: str) -> tuple[str, ...] | None:
        term = None if vocabulary.lookup(name) is not None else variant_base(name, type_, vocabulary)
        return None if term is None else (term.name, *term.labels)

    return size_of


def answer_keys(papers: list[dict], answers: dict[str, set[str]]) -> dict[str, str]:
    """Every folded name or alias of the methods and models of ``papers`` -> the name ``answers``
    (:func:`gold_answers` of the same papers) keys it by."""
    by_key = {key: name for name in answers for key in _keys([name])}
    keys: dict[str, str] = {}
    for paper in papers:
        for e in paper["entities"]:
            if e["type"] in ASKED_TYPES:
                own = _keys([e["name"], *e.get("aliases", [])])
                name = next((by_key[k] for k in sorted(own) if k in by_key), None)
                if name is not None:
                    keys.update(dict.fromkeys(own, name))
    return keys


# ----------------------------------------------------------------- the graph's answers


@dataclass(frozen=True)
class Unresolved:
    """The answer to a name that finds no one entity: the titles of the papers whose text writes it,
    which ``builds-on`` lists in its error (:func:`pipeline.query.builds_on.papers_mentioning`)."""

    written: frozenset[str] = frozenset()


def graph_answers(
    papers: Iterable, questions: Iterable[str], extractor=None, min_confidence: float = 0.0
) -> dict[str, set[str] | Unresolved]:
    """Name -> titles ``builds-on NAME`` lists over a graph of ``papers``; :class:`Unresolved` where the
    name finds no one entity.

    ``extractor``: the one to use (loaded here when None; a caller asking of many graphs loads it once).
    ``min_confidence``: as ``builds-on --min-confidence``.
    """
    from pipeline.config import Settings
    from pipeline.errors import QueryError
    from pipeline.extract import load_extractor
    from pipeline.graph import GraphBuilder
    from pipeline.materialize import BUILD_WRITERS, writer
    from pipeline.query.builds_on import builds_on, papers_mentioning
    from pipeline.query.store import open_store

    builder = GraphBuilder()
    for extraction in (extractor or load_extractor()).iter_extractions(papers):
        builder.add(extraction)
    graph = builder.build()
    title_of = {p.id: p.title for p in graph.papers.values()}
    settings = Settings(embed=False)
    answers: dict[str, set[str] | Unresolved] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        report: dict = {"settings": {"base": settings.base}}
        for name in ("graph.ttl", "store"):
            writer(*BUILD_WRITERS[name])(graph, folder, settings, report)
        store = open_store(folder)
        for question in questions:
            try:
                answer = builds_on(store, question, min_confidence)
            except QueryError:
                written = {title_of.get(paper_id, title) for paper_id, title in papers_mentioning(store, question)}
                answers[question] = Unresolved(frozenset(written))
                continue
            answers[question] = {title_of.get(hit.paper_id, hit.title) for hit in answer.hits}
        del store
    return answers


# ----------------------------------------------------------------- scoring


@dataclass
class Tally:
    asked: int = 0  # questions with a non-empty right answer
    exact: int = 0
    unresolved: int = 0
    unresolved_asked: int = 0  # of the questions with a non-empty right answer, those that found no entity
    written_right: int = 0  # of those, the ones whose name a right paper's text writes (builds-on lists it)
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, question: str, right: set[str], given: set[str] | Unresolved | None) -> None:
        if given is None or isinstance(given, Unresolved):
            self.unresolved += 1
            if right:
                self.unresolved_asked += 1
                self.written_right += given is not None and bool(right & given.written)
            given = set()
        if right:
            self.asked += 1
            self.exact += given == right
        self.tp += len(right & given)
        self.fp += len(given - right)
        self.fn += len(right - given)
        for title in sorted(given - right):
            self.errors.append(f"{question!r}: wrongly lists {title[:60]!r}")
        for title in sorted(right - given):
            self.errors.append(f"{question!r}: misses {title[:60]!r}")

    def figures(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_part(gold_papers: list[dict], page_papers: dict, extractor, min_confidence: float = 0.0) -> Tally:
    right = gold_answers(gold_papers, vocabulary_sizes())
    given = graph_answers([page_papers[p["title"]] for p in gold_papers], right, extractor, min_confidence)
    tally = Tally()
    for question, answer in right.items():
        tally.add(question, answer, given[question])
    return tally


def parts() -> Iterable[tuple[str, Path, list[dict], set[int]]]:
    yield "page", PAGE, json.loads(GOLD.read_text(encoding="utf-8"))["papers"], set(TUNING)
    for corpus in CORPORA:
        folder = ROOT / "tests" / "data" / corpus
        document = json.loads((folder / f"{corpus}_annotations.json").read_text(encoding="utf-8"))
        tuning = {n for a, b in document["tuning"] for n in range(a, b + 1)}
        yield corpus, folder / f"{corpus}_page.txt", document["papers"], tuning


def main(argv: list[str] | None = None) -> int:
    from pipeline.extract import load_extractor
    from pipeline.ingest import iter_papers

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the wrong answers of the tuning parts")
    parser.add_argument("--min-confidence", type=float, default=0.0, help="as builds-on --min-confidence")
    args = parser.parse_args(argv)
    print(f"{'part':16s} {'asked':>5s} {'exact':>6s} {'P':>5s} {'R':>5s} {'F1':>5s} {'no entity':>9s} {'written':>9s}")
    extractor = load_extractor()
    totals = {"tuning": Tally(), "held out": Tally()}
    errors: list[str] = []
    for name, page, papers, tuning in parts():
        page_papers = {p.title: p for p in iter_papers([page])}
        for half, numbers in (("tuning", tuning), ("held out", set(range(1, len(papers) + 1)) - tuning)):
            chosen = [p for n, p in enumerate(papers, start=1) if n in numbers]
            if not chosen:
                continue
            tally = score_part(chosen, page_papers, extractor, args.min_confidence)
            p, r, f = tally.figures()
            print(f"{name + ' ' + half:16s} {tally.asked:5d} {tally.exact:6d} {p:5.2f} {r:5.2f} {f:5.2f} {tally.unresolved:9d} "
                  f"{tally.written_right:4d} of {tally.unresolved_asked:<2d}")
            total = totals[half]
            for attribute in ("asked", "exact", "unresolved", "unresolved_asked", "written_right", "tp", "fp", "fn"):
                setattr(total, attribute, getattr(total, attribute) + getattr(tally, attribute))
            if half == "tuning":
                errors.extend(f"[{name}] {line}" for line in tally.errors)
    for half, total in totals.items():
        p, r, f = total.figures()
        print(f"{'all ' + half:16s} {total.asked:5d} {total.exact:6d} {p:5.2f} {r:5.2f} {f:5.2f} {total.unresolved:9d} "
              f"{total.written_right:4d} of {total.unresolved_asked:<3d}")
    if args.errors:
        print("\n== wrong answers on the tuning parts")
        for line in errors:
            print(" ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
