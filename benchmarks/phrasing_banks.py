"""The extractor on the phrasing banks in tests/data/phrasings: short and full-length
abstracts written from the annotation guidelines alone, each with what must and what
must not be found (see tests/data/phrasings/README.md).

Prints, per bank and over all banks, for each role the share of expected names that
get it (found) and the share of forbidden names that get it anyway (wrong); the share
of names typed as expected; and, for the typing bank, spellings kept together,
look-alikes kept apart and phrases that must be no entity.

    python3 benchmarks/phrasing_banks.py [--bank tests/data/phrasings/proposes.jsonl ...] [--misses]

The last line is the overall figures as JSON, for tests/test_phrasing_banks.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction_quality import concept_labels  # noqa: E402
from pipeline.extract import load_extractor  # noqa: E402
from pipeline.ids import name_key  # noqa: E402
from pipeline.ingest import make_paper  # noqa: E402
from pipeline.records import Extraction, SourceRef  # noqa: E402

BANKS = sorted((ROOT / "tests" / "data" / "phrasings").glob("*.jsonl"))


@dataclass
class Tally:
    """Counts of one bank: expected / found per role, forbidden / given per role, and the checks of names."""

    expected: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    forbidden: Counter = field(default_factory=Counter)
    given: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        for mine, theirs in ((self.expected, other.expected), (self.found, other.found),
                             (self.forbidden, other.forbidden), (self.given, other.given)):
            mine.update(theirs)
        self.misses += other.misses

    def figures(self) -> dict[str, dict[str, float]]:
        """{"found": {role: share}, "wrong": {role: share}} over the roles and checks with any count."""
        return {
            "found": {k: round(self.found[k] / n, 3) for k, n in sorted(self.expected.items()) if n},
            "wrong": {k: round(self.given[k] / n, 3) for k, n in sorted(self.forbidden.items()) if n},
        }


class _Names:
    """Which entities of an extraction a name written in a probe refers to (by any of their spellings, and for
    a vocabulary concept by every label of it: "A6000" is the RTX A6000, as in extraction_quality)."""

    def __init__(self, extraction: Extraction):
        self.entities = {e.id: e for e in extraction.entities}
        self.ids: dict[str, set[str]] = {}
        labels = concept_labels()
        for entity in extraction.entities:
            for form in (entity.name, *entity.aliases, *labels.get(entity.concept, ())):
                self.ids.setdefault(name_key(form), set()).add(entity.id)
        for mention in extraction.mentions:
            self.ids.setdefault(name_key(mention.text), set()).add(mention.entity_id)
        self.roles: dict[str, set[str]] = {}
        for relation in extraction.relations:
            self.roles.setdefault(relation.object, set()).add(relation.predicate)

    def of(self, name: str) -> set[str]:
        return self.ids.get(name_key(name), set())

    def roles_of(self, name: str) -> set[str]:
        return set().union(*(self.roles.get(i, set()) for i in self.of(name)))


def score_probe(probe: dict, extraction: Extraction) -> Tally:
    """What one probe's extraction gets right and wrong."""
    tally = Tally()
    names = _Names(extraction)
    where = probe["id"]

    def check(kind: str, holds: bool, expected: bool, what: str) -> None:
        """Count one check: ``holds`` is what the extraction says, ``expected`` what the probe wants."""
        (tally.expected if expected else tally.forbidden)[kind] += 1
        if holds:
            (tally.found if expected else tally.given)[kind] += 1
        if holds != expected:
            tally.misses.append(f"{where}: {'missed' if expected else 'wrong'} {kind} {what}")

    for role, listed in (probe.get("expect") or {}).items():
        for name in listed:
            check(role, role in names.roles_of(name), True, f"{name!r} (has {sorted(names.roles_of(name))})")
    for role, listed in (probe.get("absent") or {}).items():
        for name in listed:
            check(role, role in names.roles_of(name), False, repr(name))
    for name, kind in (probe.get("types") or {}).items():
        typed = {names.entities[i].type for i in names.of(name) if i in names.entities}
        check("type", kind in typed, True, f"{name!r} as {kind} (has {sorted(typed)})")
    for group in probe.get("same") or []:
        found = [names.of(n) for n in group]
        check("same", all(found) and len(set().union(*found)) == 1, True, repr(group))
    for first, second in probe.get("different") or []:
        check("merged", bool(names.of(first)) and names.of(first) == names.of(second), False, f"{first!r} {second!r}")
    for phrase in probe.get("not_entities") or []:
        check("entity", bool(names.of(phrase)), False, repr(phrase))
    return tally


def score_bank(extractor, path: Path) -> Tally:
    tally = Tally()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            probe = json.loads(line)
            paper = make_paper(SourceRef(str(path), 1), {"title": probe["title"], "abstract": probe["abstract"]})
            tally.add(score_probe(probe, extractor.extract(paper)))
    return tally


def _print(label: str, tally: Tally) -> None:
    print(f"== {label}")
    print(f"  {'':14} {'found':>6} {'of':>5}   {'wrong':>6} {'of':>5}")
    for key in sorted(set(tally.expected) | set(tally.forbidden)):
        found = f"{tally.found[key] / tally.expected[key]:6.2f} {tally.expected[key]:5d}" if tally.expected[key] else " " * 12
        wrong = f"{tally.given[key] / tally.forbidden[key]:6.2f} {tally.forbidden[key]:5d}" if tally.forbidden[key] else ""
        print(f"  {key:14} {found}   {wrong}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bank", type=Path, action="append", help="a bank (default: every bank)")
    parser.add_argument("--misses", action="store_true", help="list what each probe missed or got wrong")
    args = parser.parse_args(argv)
    extractor = load_extractor()
    overall = Tally()
    for path in args.bank or BANKS:
        tally = score_bank(extractor, path)
        _print(path.name, tally)
        if args.misses:
            print("\n".join(f"    {m}" for m in tally.misses))
        overall.add(tally)
    _print("all banks", overall)
    print(json.dumps(overall.figures(), sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
