"""Extraction stage (placeholder until the spaCy pipeline lands: no entities yet)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .records import Extraction, Paper, StageTimes


class Extractor:
    def iter_extractions(
        self, papers: Iterable[Paper], *, batch_size: int = 256, workers: int = 1, timer: StageTimes | None = None
    ) -> Iterator[Extraction]:
        for paper in papers:
            yield Extraction(paper)


def load_extractor() -> Extractor:
    return Extractor()
