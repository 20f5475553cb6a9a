"""A learned role reader: the model that ``role_reader.py`` fits and measures.

An experiment, not part of the pipeline (see ``role_reader.py`` for why). The
rules of :mod:`pipeline.extract.roles` decide each entity's roles from cue words
and sentence structure. The reader weighs what the rules said together with the
words around every mention of a method or model, and decides again, for each of
:data:`READ_ROLES`, whether the paper holds that role: one logistic regression
per role over sparse features.

Everything here is plain data in and out: a :class:`PaperView` (what the rules
found in one paper, built from an :class:`~pipeline.records.Extraction`) and
feature dicts. The module needs only the standard library, so that
``role_reader.py first-exposure`` can load it into old versions of the project.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

READ_ROLES = ("proposes", "builds_on", "uses", "compares_with")
READ_TYPES = frozenset(("Method", "Model"))
COMPONENT = "role-reader"

_WORD = re.compile(r"[a-z]+|\d+|[^\sa-z\d]")
_DIGIT = re.compile(r"\d")
# Words whose presence anywhere in a mention's sentence is a feature of its own.
_SENTENCE_CUES = frozenset(
    "extend extends extending build builds building upon based improve improves improving unlike than "
    "outperforms baseline baselines compared versus vs existing prior inspired following adapt adapts "
    "port ports analysis analyze analyse study while however but use uses using apply applies combine "
    "combines replace replaces on train fine generalize generalizes modify modifies variant successor".split()
)
_WORDS_BEFORE = 6  # words of the sentence before a mention read as a bag
_WORDS_AFTER = 4


@dataclass(frozen=True)
class Sighting:
    """One mention of an entity and the sentence it stands in (offsets into the text)."""

    start: int
    end: int
    key: str
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True)
class PaperView:
    """What the rules found in one paper: all the reader looks at."""

    text: str
    title_end: int
    types: Mapping[str, str]  # entity key -> type
    names: Mapping[str, str]  # entity key -> canonical name
    in_vocabulary: frozenset[str]  # keys of vocabulary concepts
    sightings: tuple[Sighting, ...]
    roles: Mapping[str, Mapping[str, float]]  # entity key -> role -> highest confidence of the rules


def view_of_extraction(extraction: Any) -> PaperView:
    """The view of an :class:`~pipeline.records.Extraction` (a stored record)."""
    roles: dict[str, dict[str, float]] = {}
    for relation in extraction.relations:
        held = roles.setdefault(relation.object, {})
        best = max((e.confidence for e in relation.evidence), default=0.5)
        held[relation.predicate] = max(best, held.get(relation.predicate, 0.0))
    return PaperView(
        text=extraction.paper.text,
        title_end=len(extraction.paper.clean_title),
        types={e.id: e.type for e in extraction.entities},
        names={e.id: e.name for e in extraction.entities},
        in_vocabulary=frozenset(e.id for e in extraction.entities if e.concept),
        sightings=tuple(
            Sighting(m.start, m.end, m.entity_id, m.evidence.sentence_start,
                     m.evidence.sentence_start + len(m.evidence.sentence))
            for m in extraction.mentions
        ),
        roles=roles,
    )


def view_to_json(view: PaperView) -> dict[str, Any]:
    return {
        "text": view.text,
        "title_end": view.title_end,
        "entities": {k: [view.names[k], t, k in view.in_vocabulary] for k, t in view.types.items()},
        "sightings": [[s.start, s.end, s.key, s.sentence_start, s.sentence_end] for s in view.sightings],
        "roles": {k: dict(v) for k, v in view.roles.items()},
    }


def view_from_json(data: Mapping[str, Any]) -> PaperView:
    entities = data["entities"]
    return PaperView(
        text=data["text"],
        title_end=data["title_end"],
        types={k: e[1] for k, e in entities.items()},
        names={k: e[0] for k, e in entities.items()},
        in_vocabulary=frozenset(k for k, e in entities.items() if e[2]),
        sightings=tuple(Sighting(*s) for s in data["sightings"]),
        roles={k: dict(v) for k, v in data["roles"].items()},
    )


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _folded(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def entity_features(view: PaperView, key: str) -> dict[str, float]:
    """What the reader weighs for one entity: the rules' roles, its name and the words around it.

    >>> view = PaperView("X2: Faster\\n\\nWe extend X with tiles.", 10, {"x2": "Method", "x": "Method"},
    ...     {"x2": "X2", "x": "X"}, frozenset(), (Sighting(0, 2, "x2", 0, 10), Sighting(22, 23, "x", 12, 36)),
    ...     {"x2": {"proposes": 0.9}, "x": {"builds_on": 0.8}})
    >>> f = entity_features(view, "x")
    >>> f["role=builds_on"], f["b0=extend"], f["proposed_extends_me"], f["a0=with"]
    (1.0, 1.0, 1.0, 1.0)
    """
    type_ = view.types[key]
    held = view.roles.get(key, {})
    f: dict[str, float] = {"type=" + type_: 1.0}
    if key in view.in_vocabulary:
        f["vocab"] = 1.0
    for role, confidence in held.items():
        f["role=" + role] = 1.0
        f[f"role={role}|{type_}"] = 1.0
        f["conf=" + role] = confidence
    mine = [s for s in view.sightings if s.key == key]
    f["n_mentions"] = math.log1p(len(mine))
    name = _folded(view.names[key])
    if _DIGIT.search(name):
        f["name_digit"] = 1.0
    proposed = {k for k, r in view.roles.items() if "proposes" in r and k != key and k in view.names}
    for other in proposed:
        other_name = _folded(view.names[other])
        if other_name != name and name and other_name.startswith(name):
            f["proposed_extends_me"] = 1.0
        if other_name != name and other_name and name.startswith(other_name):
            f["i_extend_proposed"] = 1.0
    proposed_at: dict[int, int] = {}
    for s in view.sightings:
        if s.key in proposed:
            proposed_at[s.sentence_start] = min(s.start, proposed_at.get(s.sentence_start, s.start))
    for s in mine:
        sentence = view.text[s.sentence_start : s.sentence_end]
        if s.start < view.title_end:
            f["in_title"] = 1.0
        elif s.sentence_start <= view.title_end + 2:
            f["first_sentence"] = 1.0
        first_proposed = proposed_at.get(s.sentence_start)
        if first_proposed is not None:
            f["with_proposed"] = 1.0
            f["after_proposed" if first_proposed < s.start else "before_proposed"] = 1.0
        before = _words(sentence[: s.start - s.sentence_start])[-_WORDS_BEFORE:]
        after = _words(sentence[s.end - s.sentence_start :])[:_WORDS_AFTER]
        for i, word in enumerate(reversed(before)):
            if i < 3:
                f[f"b{i}={word}"] = 1.0
            f["bw=" + word] = 1.0
        if before:
            f["bb=" + " ".join(before[-2:])] = 1.0
        for i, word in enumerate(after):
            if i < 2:
                f[f"a{i}={word}"] = 1.0
            f["aw=" + word] = 1.0
        words = set(_words(sentence))
        if "we" in words or "our" in words:
            f["s_we"] = 1.0
        for word in words & _SENTENCE_CUES:
            f["sw=" + word] = 1.0
    return f


@dataclass(frozen=True)
class RoleModel:
    """One role's logistic regression: weights by feature name, a bias, a threshold."""

    weights: Mapping[str, float]
    bias: float
    threshold: float

    def probability(self, features: Mapping[str, float]) -> float:
        weights = self.weights
        z = self.bias + sum(weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class RoleReader:
    models: Mapping[str, RoleModel]
    about: Mapping[str, Any]

    def read(self, view: PaperView) -> dict[str, dict[str, float]]:
        """Entity key -> role -> probability, for every method and model of the paper."""
        read = {}
        for key, type_ in view.types.items():
            if type_ in READ_TYPES:
                features = entity_features(view, key)
                read[key] = {role: model.probability(features) for role, model in self.models.items()}
        return read

    def decide(self, view: PaperView) -> dict[str, dict[str, float]]:
        """Entity key -> the roles the reader holds (with their probabilities), for methods and models."""
        return {
            key: {role: p for role, p in probabilities.items() if p >= self.models[role].threshold}
            for key, probabilities in self.read(view).items()
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "about": dict(self.about),
            "roles": {
                role: {"bias": m.bias, "threshold": m.threshold, "weights": dict(sorted(m.weights.items()))}
                for role, m in self.models.items()
            },
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "RoleReader":
        models = {
            role: RoleModel(dict(m["weights"]), float(m["bias"]), float(m["threshold"]))
            for role, m in data["roles"].items()
        }
        unknown = set(models) - set(READ_ROLES)
        if unknown:
            raise ValueError(f"role reader weights name roles it cannot read: {sorted(unknown)}")
        return cls(models, data.get("about", {}))


def revised_relations(
    relations: Iterable[list[Any]], decided: Mapping[str, Mapping[str, float]], view: PaperView
) -> list[list[Any]]:
    """The relation rows of a doc with the reader's decisions in place of the rules' for what it reads.

    A role of :data:`READ_ROLES` on a method or model stays where the reader holds
    it (with the rules' evidence), goes where it does not, and is added where only
    the reader holds it, with the entity's first mention as evidence. An entity
    left with no role at all is kept as mentioned; one given a role loses "mentions".
    """
    kept = [
        row for row in relations
        if not (row[0] in decided and row[1] in READ_ROLES and row[1] not in decided[row[0]])
    ]
    first_seen: dict[str, Sighting] = {}
    for s in view.sightings:
        if s.key not in first_seen or s.start < first_seen[s.key].start:
            first_seen[s.key] = s
    held = {(row[0], row[1]) for row in kept}
    for key, roles in decided.items():
        sighting = first_seen.get(key)
        for role, p in roles.items():
            if (key, role) not in held and sighting is not None:
                kept.append([key, role, sighting.start, sighting.end, COMPONENT, round(p, 3)])
    roles_of: dict[str, set[str]] = {}
    for row in kept:
        roles_of.setdefault(row[0], set()).add(row[1])
    kept = [row for row in kept if not (row[1] == "mentions" and row[0] in decided and len(roles_of[row[0]]) > 1)]
    for key in decided:
        sighting = first_seen.get(key)
        if key not in roles_of and sighting is not None:
            kept.append([key, "mentions", sighting.start, sighting.end, COMPONENT, 0.5])
    return kept
