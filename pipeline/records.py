"""Typed records passed between the stages.

Every stage takes and gives these frozen dataclasses, never spaCy ``Doc``s or
dicts, so an output format never needs spaCy and a test can build any input by
hand. Offsets are character offsets into :attr:`Paper.text`, so a record still
means something without a tokenizer.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field, fields
from typing import Literal, TypeVar

EntityType = Literal["Method", "Model", "Dataset", "Hardware", "Metric"]
ENTITY_TYPES: tuple[EntityType, ...] = ("Method", "Model", "Dataset", "Hardware", "Metric")

Role = Literal[
    "proposes", "uses", "builds_on", "compares_with", "evaluated_on", "runs_on", "reports"
]
ROLES: tuple[Role, ...] = (
    "proposes",
    "uses",
    "builds_on",
    "compares_with",
    "evaluated_on",
    "runs_on",
    "reports",
)

# Graph edge types of DESIGN.md, one per role plus the paper-to-paper link.
EDGE_TYPES: tuple[str, ...] = tuple(role.upper() for role in ROLES) + ("SIMILAR_TO",)

# Edges between entities that the graph derives from what papers say.
DERIVED_EDGE_TYPES: tuple[str, ...] = ("BUILDS_ON", "RUNS_ON")


_Record = TypeVar("_Record")


def _pickled_by_fields(cls: type[_Record]) -> type[_Record]:
    """Pickle a frozen, slotted record as its class and its field values.

    A slotted dataclass otherwise pickles through Python-level ``__getstate__`` /
    ``__setstate__`` that look its fields up for every object: records sent to
    and from worker processes (papers in, extractions out) cost about twice as
    much to pickle and to load that way.
    """
    names = [f.name for f in fields(cls)]
    get = operator.attrgetter(*names)  # a tuple of the values (a record has two fields or more)
    assert len(names) > 1, cls
    cls.__reduce__ = lambda self: (cls, get(self))  # type: ignore[method-assign]
    return cls


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a record came from: a file and the 1-based line it starts on."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Paper:
    """One paper as read from the input.

    ``title`` and ``abstract`` are kept exactly as given; ``clean_title`` and
    ``clean_abstract`` have the listing page's escapes normalised ("3times" ->
    "3x", "\\%" -> "%") and are what the extractor reads.
    """

    id: str
    title: str
    abstract: str
    clean_title: str
    clean_abstract: str
    url: str | None = None
    code_url: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    source: SourceRef | None = None

    @property
    def text(self) -> str:
        """The text the extractor reads; every offset in a record points into it."""
        return f"{self.clean_title}\n\n{self.clean_abstract}"

    @property
    def abstract_offset(self) -> int:
        """Where the abstract starts inside :attr:`text`."""
        return len(self.clean_title) + 2


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an assertion was made: the sentence, the span and the rule behind it.

    ``start``/``end`` are character offsets of the span in ``Paper.text``;
    ``sentence_start`` is where ``sentence`` begins in the same text.
    """

    paper_id: str
    sentence: str
    sentence_start: int
    start: int
    end: int
    component: str
    confidence: float

    @property
    def span(self) -> str:
        """The evidence span, cut out of its sentence."""
        return self.sentence[self.start - self.sentence_start : self.end - self.sentence_start]


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a paper's text that names an entity."""

    paper_id: str
    start: int
    end: int
    text: str
    type: EntityType
    entity_id: str
    evidence: Evidence


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Entity:
    """A real thing, one per canonical name across all papers.

    ``id`` is the slug of the canonical name; ``concept`` is the IRI of the
    vocabulary concept it was matched to, when there is one. ``variant_of`` is,
    for a name the vocabulary lacks, the IRI of the concept it is a size,
    checkpoint or release of: "Llama-3-8B-Instruct" of Llama 3, "COCO 2014" of COCO.
    """

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    concept: str | None = None
    definition: str | None = None
    variant_of: str | None = None


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Relation:
    """A typed edge with its evidence.

    From a paper to an entity (``predicate`` is a role of :data:`ROLES`), or,
    when derived, from an entity to an entity (``derived_from`` names the papers).
    """

    subject: str
    predicate: str
    object: str
    evidence: tuple[Evidence, ...] = ()
    derived_from: tuple[str, ...] = ()

    @property
    def confidence(self) -> float:
        """The highest confidence of its evidence (1.0 for an edge without any)."""
        return max((e.confidence for e in self.evidence), default=1.0)


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Result:
    """A quantitative claim: metric, value and unit, where and against what."""

    id: str
    paper_id: str
    value: float
    value_text: str
    evidence: Evidence
    metric: str | None = None
    unit: str | None = None
    from_value: float | None = None
    dataset: str | None = None
    hardware: str | None = None
    baseline: str | None = None


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the extractor found in one paper. Entity ids are canonical."""

    paper: Paper
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    results: tuple[Result, ...] = ()


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class SimilarityLink:
    """``source`` is among the nearest neighbours of ``target`` or the reverse."""

    source: str
    target: str
    score: float


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Skipped:
    """A bad input record that ``--skip-bad`` passed over, and why."""

    where: SourceRef
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


@dataclass(slots=True)
class StageTimes:
    """Seconds spent per stage, in the order the stages ran."""

    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds
