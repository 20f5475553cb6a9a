"""Shared fixtures: the real input page, small real inputs, and built graphs."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The shared page lives beside the checkout (../shared), never copied into it.
SHARED_PAGE = ROOT.parent / "shared" / "data" / "daily_papers_page.txt"
EXAMPLES = ROOT / "examples" / "papers.jsonl"
DATA = Path(__file__).resolve().parent / "data"
# Parsed vocabularies go to a folder of this run, not the user's cache (the CLI
# tests' subprocesses inherit it).
os.environ["PAPERGRAPH_CACHE_DIR"] = tempfile.mkdtemp(prefix="papergraph-test-cache-")
atexit.register(shutil.rmtree, os.environ["PAPERGRAPH_CACHE_DIR"], ignore_errors=True)


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


@pytest.fixture(scope="session")
def shared_page() -> Path:
    """The real listing page; a missing page fails under CI and skips elsewhere."""
    if not SHARED_PAGE.exists():
        if in_ci():
            pytest.fail(f"{SHARED_PAGE} is missing: CI runs with ../shared beside the checkout")
        pytest.skip(f"{SHARED_PAGE} not found (../shared beside the checkout)")
    return SHARED_PAGE


@pytest.fixture(scope="session")
def page_papers(shared_page):
    from pipeline.ingest import iter_papers

    return list(iter_papers([shared_page]))


@pytest.fixture(scope="session")
def page_lines(shared_page) -> list[str]:
    return shared_page.read_text(encoding="utf-8").splitlines()
