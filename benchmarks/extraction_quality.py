"""Extraction quality against the hand annotations in tests/data/gold.

Prints precision, recall and F1 per entity type, per role, and for results,
for all annotated papers and separately for the held-out papers (the ones the
rules were not tuned on; see tests/data/gold/README.md).

    python3 benchmarks/extraction_quality.py [--page ../shared/data/daily_papers_page.txt] [--errors]
    python3 benchmarks/extraction_quality.py --page tests/data/dev/dev_page.txt \
        --gold tests/data/dev/dev_annotations.json      # the dev corpus (tests/data/dev)

A gold file may name its tuning papers (``"tuning": [[1, 24]]``); the page's
gold uses TUNING below.

Matching: an extracted entity matches a gold entity of the same paper when one
of its names (canonical name, a surface form, or any label of its vocabulary
concept: "A6000" is the RTX A6000, "chain-of-thought" is chain-of-thought
prompting) and one of the gold entity's names (name or alias) are the same after
folding case, spaces and hyphens.
Entity scores count typed matches; roles score (paper, entity, role) triples;
results match on (paper, value, unit), and then each attribute (metric, dataset,
hardware, baseline) is scored on the matched pairs.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.extract import load_extractor  # noqa: E402
from pipeline.extract.vocabulary import load_vocabulary  # noqa: E402
from pipeline.ids import name_key  # noqa: E402
from pipeline.ingest import iter_papers  # noqa: E402

GOLD = ROOT / "tests" / "data" / "gold" / "page_annotations.json"
PAGE = ROOT.parent / "shared" / "data" / "daily_papers_page.txt"
TYPES = ("Method", "Model", "Dataset", "Hardware", "Metric")
ROLES = ("proposes", "builds_on", "uses", "compares_with", "evaluated_on", "runs_on", "reports")
# The papers (1-based, in the gold file's order) whose disagreements the rules
# were adjusted on: the first annotator's 1-18 and the second annotator's 28-37.
# The rest (19-27, 38-47) are held out: never looked at while tuning.
TUNING = frozenset(range(1, 19)) | frozenset(range(28, 38))


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    entities: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    untyped: Score = field(default_factory=Score)
    roles: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    results: Score = field(default_factory=Score)
    attributes: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    errors: list[str] = field(default_factory=list)


def _keys(names) -> set[str]:
    return {name_key(n) for n in names if n} | {name_key(n).rstrip("s") for n in names if n}


def match_entities(gold: list[dict], found: list[dict]) -> dict[int, int]:
    """Gold index -> found index, one to one, by shared name keys."""
    pairs = {}
    used = set()
    for gi, g in enumerate(gold):
        gkeys = _keys([g["name"], *g.get("aliases", [])])
        for fi, f in enumerate(found):
            if fi in used:
                continue
            if gkeys & _keys([f["name"], *f["aliases"]]):
                pairs[gi] = fi
                used.add(fi)
                break
    return pairs


@functools.lru_cache(maxsize=1)
def concept_labels() -> dict[str, tuple[str, ...]]:
    """Every label of each vocabulary concept, by the concept's IRI."""
    return {term.concept: term.labels for term in load_vocabulary().terms.values()}


def found_entities(extraction) -> list[dict]:
    """An extraction's entities in the annotations' shape, for :func:`match_entities`: the names it was
    written with, and for a vocabulary concept every label of it ("A6000" is the RTX A6000)."""
    labels = concept_labels()
    return [
        {"id": e.id, "name": e.name, "type": e.type, "aliases": [*e.aliases, *labels.get(e.concept, ())]}
        for e in extraction.entities
    ]


def score_paper(gold: dict, extraction, report: Report) -> None:
    found = found_entities(extraction)
    roles_of = defaultdict(set)
    for relation in extraction.relations:
        roles_of[relation.object].add(relation.predicate)
    pairs = match_entities(gold["entities"], found)
    title = gold["title"][:50]
    matched_found = set(pairs.values())
    for gi, g in enumerate(gold["entities"]):
        fi = pairs.get(gi)
        if fi is None:
            report.entities[g["type"]].fn += 1
            report.untyped.fn += 1
            report.errors.append(f"[{title}] missed {g['type']} {g['name']!r} {g['roles']}")
            for role in g["roles"]:
                if role in ROLES:
                    report.roles[role].fn += 1
            continue
        f = found[fi]
        report.untyped.tp += 1
        if f["type"] == g["type"]:
            report.entities[g["type"]].tp += 1
        else:
            report.entities[g["type"]].fn += 1
            report.entities[f["type"]].fp += 1
            report.errors.append(f"[{title}] typed {g['name']!r} {f['type']}, gold {g['type']}")
        gold_roles = set(g["roles"]) & set(ROLES)
        found_roles = roles_of[f["id"]] & set(ROLES)
        for role in ROLES:
            if role in gold_roles and role in found_roles:
                report.roles[role].tp += 1
            elif role in gold_roles:
                report.roles[role].fn += 1
                report.errors.append(f"[{title}] {g['name']!r}: missed role {role} (found {sorted(found_roles)})")
            elif role in found_roles:
                report.roles[role].fp += 1
                report.errors.append(f"[{title}] {g['name']!r}: extra role {role} (gold {sorted(gold_roles)})")
    for fi, f in enumerate(found):
        if fi in matched_found:
            continue
        report.entities[f["type"]].fp += 1
        report.untyped.fp += 1
        report.errors.append(f"[{title}] extra {f['type']} {f['name']!r} {sorted(roles_of[f['id']])}")
        for role in roles_of[f["id"]] & set(ROLES):
            report.roles[role].fp += 1
    score_results(gold, extraction, found, pairs, report)


def _unit(unit: str | None) -> str | None:
    return {"×": "x", "times": "x"}.get(unit, unit) if unit else None


def same_value(result, annotated: dict) -> bool:
    """Whether a found result has an annotated result's value and unit (units folded as :func:`_unit`)."""
    return abs(result.value - float(annotated["value"])) < 1e-6 and _unit(result.unit) == _unit(annotated["unit"])


def score_results(gold: dict, extraction, found: list[dict], pairs: dict[int, int], report: Report) -> None:
    names_by_id = {f["id"]: [f["name"], *f["aliases"]] for f in found}
    gold_names = {g["name"]: [g["name"], *g.get("aliases", [])] for g in gold["entities"]}
    remaining = list(extraction.results)
    title = gold["title"][:50]
    for g in gold["results"]:
        match = next((r for r in remaining if same_value(r, g)), None)
        if match is None:
            report.results.fn += 1
            report.errors.append(f"[{title}] missed result {g['value_text']} ({g['metric']})")
            continue
        remaining.remove(match)
        report.results.tp += 1
        for attribute in ("metric", "dataset", "hardware", "baseline"):
            want = g.get(attribute)
            got = getattr(match, attribute)
            if want is None and got is None:
                report.attributes[attribute]["right"] += 1
            elif want is not None and got is not None and _keys(gold_names.get(want, [want])) & _keys(names_by_id.get(got, [got])):
                report.attributes[attribute]["right"] += 1
            else:
                report.attributes[attribute]["wrong"] += 1
                report.errors.append(f"[{title}] result {g['value_text']}: {attribute} {got!r}, gold {want!r}")
    for r in remaining:
        report.results.fp += 1
        report.errors.append(f"[{title}] extra result {r.value_text} ({r.metric})")


def print_report(name: str, report: Report) -> dict[str, float]:
    print(f"\n== {name}")
    print(f"{'entities':<16}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}")
    micro = Score()
    for kind in TYPES:
        s = report.entities[kind]
        micro.add(s)
        print(f"  {kind:<14}{s.precision:7.2f}{s.recall:7.2f}{s.f1:7.2f}{s.tp + s.fn:7d}")
    print(f"  {'micro (typed)':<14}{micro.precision:7.2f}{micro.recall:7.2f}{micro.f1:7.2f}{micro.tp + micro.fn:7d}")
    u = report.untyped
    print(f"  {'untyped':<14}{u.precision:7.2f}{u.recall:7.2f}{u.f1:7.2f}{u.tp + u.fn:7d}")
    print(f"{'roles':<16}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}")
    role_micro = Score()
    for role in ROLES:
        s = report.roles[role]
        role_micro.add(s)
        print(f"  {role:<14}{s.precision:7.2f}{s.recall:7.2f}{s.f1:7.2f}{s.tp + s.fn:7d}")
    print(f"  {'micro':<14}{role_micro.precision:7.2f}{role_micro.recall:7.2f}{role_micro.f1:7.2f}{role_micro.tp + role_micro.fn:7d}")
    s = report.results
    print(f"{'results':<16}{s.precision:7.2f}{s.recall:7.2f}{s.f1:7.2f}{s.tp + s.fn:7d}")
    for attribute, counts in report.attributes.items():
        total = counts["right"] + counts["wrong"]
        print(f"  {attribute + ' right':<14}{counts['right'] / total if total else 0:7.2f}  of {total} matched results")
    return {
        "entity_f1": micro.f1,
        "builds_on_f1": report.roles["builds_on"].f1,
        "proposes_f1": report.roles["proposes"].f1,
        "results_f1": report.results.f1,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", type=Path, default=PAGE)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", action="store_true", help="list every disagreement of the tuning papers")
    args = parser.parse_args(argv)
    document = json.loads(args.gold.read_text(encoding="utf-8"))
    gold = document["papers"]
    # A gold file may name its own tuning papers ("tuning": [[1, 24]]: 1-based, inclusive).
    tuning_set = (
        frozenset(n for a, b in document["tuning"] for n in range(a, b + 1)) if "tuning" in document else TUNING
    )
    papers = {p.title: p for p in iter_papers([args.page])}
    extractor = load_extractor()
    tuned, held_out, everything = Report(), Report(), Report()
    for index, entry in enumerate(gold, start=1):
        extraction = extractor.extract(papers[entry["title"]])
        score_paper(entry, extraction, everything)
        score_paper(entry, extraction, tuned if index in tuning_set else held_out)
    tuning = sorted(tuning_set & set(range(1, len(gold) + 1)))
    held = [n for n in range(1, len(gold) + 1) if n not in tuning_set]
    print(f"{len(gold)} annotated papers ({len(tuning)} used for tuning, {len(held)} held out)")
    figures = print_report("all annotated papers", everything)
    if tuning:  # a test-only corpus ("tuning": []) has none
        print_report(f"tuning papers {_ranges(tuning)}", tuned)
    print_report(f"held-out papers {_ranges(held)}", held_out)
    if args.errors:
        print("\n== disagreements on the tuning papers")
        for line in tuned.errors:
            print(" ", line)
    print("\nsummary: " + ", ".join(f"{k} {v:.2f}" for k, v in figures.items()))
    return 0


def _ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 7, 8]`` as ``"1-3, 7-8"``."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in runs)


if __name__ == "__main__":
    raise SystemExit(main())
