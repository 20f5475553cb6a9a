"""papergraph: knowledge graphs of the methods, models, datasets, hardware and
metrics that research papers propose, use and build on.

The public API is :func:`run` (the whole build) and the record types passed
between stages; each stage is a module of its own (``ingest``, ``extract``,
``embed``, ``graph``, ``materialize``, ``query``).
"""

from __future__ import annotations

__version__ = "0.1.0"

from .config import Settings, load_settings
from .errors import PipelineError
from .records import (
    ENTITY_TYPES,
    ROLES,
    Entity,
    Evidence,
    Extraction,
    Mention,
    Paper,
    Relation,
    Result,
    SimilarityLink,
)


def run(*args, **kwargs):
    """Build a knowledge graph; see :func:`pipeline.build.run`."""
    from .build import run as _run

    return _run(*args, **kwargs)


__all__ = [
    "ENTITY_TYPES",
    "ROLES",
    "Entity",
    "Evidence",
    "Extraction",
    "Mention",
    "Paper",
    "PipelineError",
    "Relation",
    "Result",
    "Settings",
    "SimilarityLink",
    "load_settings",
    "run",
]
