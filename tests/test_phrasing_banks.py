"""The phrasing banks (tests/data/phrasings): well-formed, and the extractor keeps what it gets right on them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.records import ENTITY_TYPES, ROLES

from .conftest import DATA

ROOT = Path(__file__).resolve().parents[1]
BANKS = sorted((DATA / "phrasings").glob("*.jsonl"))
KEYS = {"id", "title", "abstract", "expect", "absent", "types", "results", "same", "different", "not_entities", "note"}


def _probes(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("bank", BANKS, ids=[b.stem for b in BANKS])
def test_phrasing_bank_is_well_formed(bank):
    """Every name a probe checks (but a metric's) is written in its text, roles and types are the project's, and
    no name is both expected and forbidden a role."""
    probes = _probes(bank)
    assert len(probes) >= 40 and len({p["id"] for p in probes}) == len(probes)
    for probe in probes:
        assert set(probe) <= KEYS, probe["id"]
        text = probe["title"] + "\n" + probe["abstract"]
        expect, absent = probe.get("expect") or {}, probe.get("absent") or {}
        assert set(expect) | set(absent) <= set(ROLES) | {"mentions"}, probe["id"]
        assert set((probe.get("types") or {}).values()) <= set(ENTITY_TYPES), probe["id"]
        # (A reported metric may be named canonically: "speeds up by 2.4x" reports speedup.)
        named = [n for role, names in (*expect.items(), *absent.items()) if role != "reports" for n in names]
        named += [n for n, kind in (probe.get("types") or {}).items() if kind != "Metric"]
        named += probe.get("not_entities") or []
        named += [n for group in (*(probe.get("same") or []), *(probe.get("different") or [])) for n in group]
        assert [n for n in named if n.casefold() not in text.casefold()] == [], probe["id"]
        for role in expect:
            assert not set(expect[role]) & set(absent.get(role, [])), probe["id"]


# Floors a little under the figures of the last change to the rules (all eleven banks, 2026-12-01: found builds_on
# .87, compares_with .92, evaluated_on .93, proposes .94, runs_on .97, type .92, uses .82; wrong evaluated_on .10,
# runs_on .19, uses .26; a name counts as any label of the concept found, as in extraction_quality).
# full_abstracts4.jsonl and full_abstracts5.jsonl, both added unread, give forbidden roles more often than the
# banks the rules were written from (fa5: wrong uses .65 of 48, runs_on .44 of 9, evaluated_on .42 of 12), which
# lifts the wrong shares. At the session that wrote the first banks they began at found
# .77/.85/.85/.84/.89/.78 and wrong .15/.41/.16 (see tests/data/phrasings/README.md for which banks were used to
# tune the rules).
FOUND_FLOORS = {"builds_on": 0.85, "compares_with": 0.91, "evaluated_on": 0.91, "proposes": 0.92, "runs_on": 0.95,
                "type": 0.91, "uses": 0.80}
WRONG_CEILINGS = {"evaluated_on": 0.11, "runs_on": 0.20, "uses": 0.27, "proposes": 0.01, "builds_on": 0.03}


def test_phrasing_banks_quality_does_not_fall():
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "phrasing_banks.py")],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    low = {k: (figures["found"][k], floor) for k, floor in FOUND_FLOORS.items() if figures["found"][k] < floor}
    high = {k: (figures["wrong"][k], ceiling) for k, ceiling in WRONG_CEILINGS.items() if figures["wrong"][k] > ceiling}
    assert (low, high) == ({}, {})
