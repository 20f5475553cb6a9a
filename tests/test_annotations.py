"""The hand-annotated corpora the extractor is measured on: well formed, and the
extractor's scores on them do not fall below what was measured when they were made.

The dev corpora (tests/data/dev, dev2, dev3) are abstracts written for the
project; the page's gold (tests/data/gold) annotates the shared sample page.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.ingest import iter_papers
from pipeline.records import ENTITY_TYPES, ROLES

from .conftest import DATA

ROOT = Path(__file__).resolve().parents[1]
DEV_CORPORA = {
    "dev": (DATA / "dev" / "dev_page.txt", DATA / "dev" / "dev_annotations.json"),
    "dev2": (DATA / "dev2" / "dev2_page.txt", DATA / "dev2" / "dev2_annotations.json"),
    "dev3": (DATA / "dev3" / "dev3_page.txt", DATA / "dev3" / "dev3_annotations.json"),
    "dev4": (DATA / "dev4" / "dev4_page.txt", DATA / "dev4" / "dev4_annotations.json"),
    "dev6": (DATA / "dev6" / "dev6_page.txt", DATA / "dev6" / "dev6_annotations.json"),
    "dev8": (DATA / "dev8" / "dev8_page.txt", DATA / "dev8" / "dev8_annotations.json"),
    "dev11": (DATA / "dev11" / "dev11_page.txt", DATA / "dev11" / "dev11_annotations.json"),
    "dev12": (DATA / "dev12" / "dev12_page.txt", DATA / "dev12" / "dev12_annotations.json"),
    "dev13": (DATA / "dev13" / "dev13_page.txt", DATA / "dev13" / "dev13_annotations.json"),
    "dev14": (DATA / "dev14" / "dev14_page.txt", DATA / "dev14" / "dev14_annotations.json"),
    "dev15": (DATA / "dev15" / "dev15_page.txt", DATA / "dev15" / "dev15_annotations.json"),
}
# Corpora every paper of which is for tuning ("tuning": [[1, N]]): read freely, measured too.
TUNING_CORPORA = {
    "dev9": (DATA / "dev9" / "dev9_page.txt", DATA / "dev9" / "dev9_annotations.json"),
    "dev10": (DATA / "dev10" / "dev10_page.txt", DATA / "dev10" / "dev10_annotations.json"),
}
# Corpora no rule is tuned on ("tuning": []): only measured.
TEST_CORPORA = {
    "dev5": (DATA / "dev5" / "dev5_page.txt", DATA / "dev5" / "dev5_annotations.json"),
    "dev7": (DATA / "dev7" / "dev7_page.txt", DATA / "dev7" / "dev7_annotations.json"),
}
ALLOWED_ROLES = set(ROLES) | {"mentions"}
# The type a result's attribute must name (a baseline may be any entity: a method, a
# record on a benchmark, a processor the work is measured against).
ATTRIBUTE_TYPES = {"metric": {"Metric"}, "dataset": {"Dataset"}, "hardware": {"Hardware"}, "baseline": set(ENTITY_TYPES)}


def _check_corpus(papers: dict, gold: dict) -> list[str]:
    """Every problem of one annotation file against the abstracts it annotates."""
    problems = []
    for number, entry in enumerate(gold["papers"], start=1):
        paper = papers.get(entry["title"])
        if paper is None:
            problems.append(f"{number}: title not on the page: {entry['title']!r}")
            continue
        types = {}
        for entity in entry["entities"]:
            if entity["type"] not in ENTITY_TYPES:
                problems.append(f"{number}: {entity['name']!r} has type {entity['type']!r}")
            if not set(entity["roles"]) <= ALLOWED_ROLES:
                problems.append(f"{number}: {entity['name']!r} has roles {entity['roles']}")
            types[entity["name"]] = entity["type"]
        for result in entry["results"]:
            if result["text"] not in paper.title + "\n\n" + paper.abstract:  # as written on the page
                problems.append(f"{number}: result text not in the abstract: {result['text']!r}")
            for attribute, allowed in ATTRIBUTE_TYPES.items():
                name = result[attribute]
                if name is not None and types.get(name) not in allowed:
                    problems.append(f"{number}: result {attribute} {name!r} names no {'/'.join(sorted(allowed))} entity")
    return problems


def _well_formed_gold(page: Path, annotations: Path, at_least: int) -> dict:
    """The gold file of a corpus, checked against its page: every abstract annotated, and well formed."""
    papers = {p.title: p for p in iter_papers([page])}
    gold = json.loads(annotations.read_text(encoding="utf-8"))
    assert len(gold["papers"]) == len(papers) >= at_least  # every abstract is annotated
    assert _check_corpus(papers, gold) == []
    return gold


@pytest.mark.parametrize("corpus", sorted(DEV_CORPORA))
def test_annotations_dev_corpus_is_well_formed(corpus):
    gold = _well_formed_gold(*DEV_CORPORA[corpus], at_least=32)
    (first, last), = gold["tuning"]
    assert 1 <= first < last < len(gold["papers"])  # some papers are held out


@pytest.mark.parametrize("corpus", sorted(TUNING_CORPORA))
def test_annotations_tuning_corpus_is_well_formed(corpus):
    gold = _well_formed_gold(*TUNING_CORPORA[corpus], at_least=24)
    assert gold["tuning"] == [[1, len(gold["papers"])]]


@pytest.mark.parametrize("corpus", sorted(TEST_CORPORA))
def test_annotations_test_corpus_is_well_formed_and_untuned(corpus):
    gold = _well_formed_gold(*TEST_CORPORA[corpus], at_least=24)
    assert gold["tuning"] == []


def test_annotations_page_gold_is_well_formed(page_papers):
    gold = json.loads((DATA / "gold" / "page_annotations.json").read_text(encoding="utf-8"))
    assert _check_corpus({p.title: p for p in page_papers}, gold) == []


def _summary(page: Path, annotations: Path) -> dict[str, float]:
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "extraction_quality.py"), "--page", str(page), "--gold", str(annotations)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    line = next(l for l in run.stdout.splitlines() if l.startswith("summary: "))
    return {name: float(value) for name, value in (part.split() for part in line[len("summary: "):].split(", "))}


# Floors a little under the figures measured when the rules were last changed (2026-11-30: entity, proposes,
# results, builds_on over all papers: dev 0.91, 0.94, 0.89, 0.73; dev2 0.82, 0.83, 0.85, 0.75; dev3 0.88,
# 0.88, 0.89, 0.71; dev4 0.86, 0.91, 0.86, 0.70; dev6 0.86, 0.87, 0.85, 0.74; dev8 0.87, 0.90, 0.89, 0.75
# (0.84, 0.78, 0.85, 0.60 before any of its papers was read); dev9, all tuning, 0.88, 0.95, 0.86, 0.78 (0.84,
# 0.89, 0.84, 0.71 before it was read); dev10, all tuning, 0.90, 0.98, 0.92, 0.76 (0.87, 0.92, 0.89, 0.55
# before it was read); dev11 0.89, 1.00, 0.86, 0.72 (0.87, 0.98, 0.83, 0.63 before any of its papers was
# read); dev12 0.87, 0.98, 0.87, 0.77 (0.86, 0.92, 0.83, 0.72 before); dev13 0.90, 0.97, 0.87, 0.56 (0.89,
# 0.93, 0.83, 0.53 before); dev14 0.88, 0.94, 0.89, 0.71 (0.85, 0.92, 0.87, 0.67 before); dev15 0.85, 0.96,
# 0.89, 0.63 (0.85, 0.96, 0.87, 0.56 before any of its papers was read); dev5, never tuned on, 0.88, 0.84,
# 0.84, 0.57; dev7, never tuned on, 0.88, 0.86, 0.89, 0.67; measured again 2026-11-30: dev2 results 0.86,
# dev3 0.91, dev4 0.88, dev8 builds_on 0.78, dev10 results 0.94, dev12 0.88): a change that loses quality on
# abstracts written for the project fails here.
FLOORS = {
    "dev": {"entity_f1": 0.89, "proposes_f1": 0.92, "results_f1": 0.87, "builds_on_f1": 0.69},
    "dev2": {"entity_f1": 0.80, "proposes_f1": 0.81, "results_f1": 0.84, "builds_on_f1": 0.73},
    "dev3": {"entity_f1": 0.86, "proposes_f1": 0.86, "results_f1": 0.89, "builds_on_f1": 0.69},
    "dev4": {"entity_f1": 0.84, "proposes_f1": 0.89, "results_f1": 0.86, "builds_on_f1": 0.68},
    "dev6": {"entity_f1": 0.84, "proposes_f1": 0.85, "results_f1": 0.83, "builds_on_f1": 0.72},
    "dev8": {"entity_f1": 0.84, "proposes_f1": 0.88, "results_f1": 0.87, "builds_on_f1": 0.75},
    "dev11": {"entity_f1": 0.87, "proposes_f1": 0.98, "results_f1": 0.84, "builds_on_f1": 0.70},
    "dev12": {"entity_f1": 0.85, "proposes_f1": 0.96, "results_f1": 0.86, "builds_on_f1": 0.75},
    "dev13": {"entity_f1": 0.87, "proposes_f1": 0.95, "results_f1": 0.85, "builds_on_f1": 0.54},
    "dev14": {"entity_f1": 0.86, "proposes_f1": 0.92, "results_f1": 0.87, "builds_on_f1": 0.68},
    "dev15": {"entity_f1": 0.83, "proposes_f1": 0.94, "results_f1": 0.87, "builds_on_f1": 0.60},
    "dev9": {"entity_f1": 0.86, "proposes_f1": 0.93, "results_f1": 0.84, "builds_on_f1": 0.75},
    "dev10": {"entity_f1": 0.88, "proposes_f1": 0.96, "results_f1": 0.92, "builds_on_f1": 0.73},
    "dev5": {"entity_f1": 0.86, "proposes_f1": 0.82, "results_f1": 0.82, "builds_on_f1": 0.56},
    "dev7": {"entity_f1": 0.86, "proposes_f1": 0.84, "results_f1": 0.87, "builds_on_f1": 0.65},
}


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_annotations_quality_does_not_fall(corpus):
    figures = _summary(*{**DEV_CORPORA, **TEST_CORPORA, **TUNING_CORPORA}[corpus])
    low = {name: (figures[name], floor) for name, floor in FLOORS[corpus].items() if figures[name] < floor}
    assert low == {}, f"{corpus}: below the floor (figure, floor): {low}"


def _agreement(first: list[dict], second: list[dict]) -> tuple[float, float, float]:
    """Typed-entity, builds_on and proposes F1 of a second annotation against the first."""
    if str(ROOT / "benchmarks") not in sys.path:
        sys.path.insert(0, str(ROOT / "benchmarks"))
    import annotator_agreement
    from extraction_quality import Score

    assert [p["title"] for p in second] == [p["title"] for p in first]
    types, roles, _, paired = annotator_agreement.agreement(first, second)
    assert paired == len(first)
    typed = Score()
    for score in types.values():
        typed.add(score)
    return typed.f1, roles["builds_on"].f1, roles["proposes"].f1


@pytest.mark.parametrize("corpus", ("dev14", "dev15"))
def test_a_second_annotators_file_is_well_formed_and_agrees_with_the_first(corpus):
    """dev14, dev15 and the page were annotated again, independently (benchmarks/annotator_agreement.py):
    the ceiling the extractor's figures on them are read against (README)."""
    page, first_file = DEV_CORPORA[corpus]
    second = _well_formed_gold(page, DATA / corpus / f"{corpus}_second_annotator.json", at_least=32)
    first = json.loads(first_file.read_text(encoding="utf-8"))
    assert min(_agreement(first["papers"], second["papers"])) >= 0.9


def test_the_pages_second_annotation_is_well_formed_and_agrees_with_the_first(page_papers):
    first = json.loads((DATA / "gold" / "page_annotations.json").read_text(encoding="utf-8"))
    second = json.loads((DATA / "gold" / "page_second_annotator.json").read_text(encoding="utf-8"))
    assert _check_corpus({p.title: p for p in page_papers}, second) == []
    assert all(paper["results"] == [] for paper in second["papers"])
    assert min(_agreement(first["papers"], second["papers"])) >= 0.9
