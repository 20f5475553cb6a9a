"""The field vocabulary (``ontology/vocabulary/*.ttl``) as lookup tables.

Each SKOS concept gives a :class:`Term`; its labels are indexed by *keys*:
letters and digits only, so "RTX4090", "RTX 4090" and "rtx-4090" share one.
Labels that are all capitals, three characters or shorter, or whose concept says
``pg:matchCase true``, keep their case in the key ("ACT" the policy is not "act").
Concepts marked ``pg:notAnEntity true`` are stop terms: generic classes and
fields ("large language models", "LLMs") that block a match without making one.
Concepts marked ``pg:commonWord true`` ("Weather", "Aurora") are everyday words
too: the resolver takes them as the concept only inside a sentence.

Loading parses Turtle with rdflib once; :meth:`Vocabulary.to_json` gives a form
that the saved spaCy pipeline carries, so a loaded pipeline needs no rdflib.
That form is also kept in a cache folder (``PAPERGRAPH_CACHE_DIR``, else
``$XDG_CACHE_HOME/papergraph``, else ``~/.cache/papergraph``) under a digest of
the Turtle files and of this module, so a later start reads it instead of parsing
Turtle again (seconds saved per command); editing a file gives a new digest.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..files import write_text_atomically
from ..ids import name_key
from .names import WORD_BREAK

ONTOLOGY_NS = "https://w3id.org/papergraph/ontology#"
VOCAB_NS = "https://w3id.org/papergraph/vocab/"

_PROCESSOR_KINDS = ("GPU", "CPU", "TPU", "NPU")

# How many tokens the longest label may span; longer labels are not indexed.
MAX_LABEL_TOKENS = 8


_SIZE_S = re.compile(r"[-‐–][sS]$")


def key_of(text: str, keep_case: bool = False) -> str:
    """The lookup key of a label (:func:`pipeline.ids.name_key`).

    >>> key_of("RTX 4090"), key_of("classifier-free guidance"), key_of("ACT", keep_case=True)
    ('rtx4090', 'classifierfreeguidance', 'ACT')
    """
    return name_key(text, keep_case)


def keeps_case(label: str, concept_match_case: bool = False) -> bool:
    """Whether a label is matched with its exact case.

    >>> keeps_case("GPU"), keeps_case("T5"), keeps_case("FlashAttention"), keeps_case("Mamba", True)
    (True, True, False, True)
    """
    letters = [ch for ch in label if ch.isalpha()]
    return (
        concept_match_case
        or len(key_of(label, keep_case=True)) <= 3
        or (len(letters) >= 2 and all(ch.isupper() for ch in letters))
    )


@dataclass(frozen=True, slots=True)
class Term:
    """One vocabulary concept."""

    slug: str
    concept: str
    name: str
    type: str
    labels: tuple[str, ...]
    definition: str | None = None
    successor_of: tuple[str, ...] = ()
    match_case: bool = False
    # An everyday word too ("Weather", "Traffic", "Aurora"): named only inside a
    # sentence, not at its start or in a title, where every word has a capital.
    common_word: bool = False
    # A class of things (GPU, Transformer), not one technique, model or device.
    generic_class: bool = False
    # A model's dataset of the same name (pg:namesakeDataset): its slug.
    namesake_dataset: str | None = None
    # The concepts this one is a kind of (skos:broader): "H100" of "GPU". Slugs.
    broader: tuple[str, ...] = ()
    # A number format (pg:numberFormat): FP8, BF16, INT4.
    number_format: bool = False
    # A memory or storage (pg:memory): HBM, SRAM, DRAM, SSD.
    memory: bool = False
    # A unit inside a processor (pg:processorPart): Tensor Cores, CUDA cores, a systolic array.
    processor_part: bool = False
    # Words that name the concept only as a title's head (pg:titleLabel): "Attention" in "Exact Attention".
    title_labels: tuple[str, ...] = ()
    # Labels that name a metric only where a value is measured with them (pg:measuredLabel): "MAE" in
    # "MAE drops from 0.31 to 0.27" is the mean absolute error, elsewhere the masked autoencoder.
    measured_labels: tuple[str, ...] = ()


@dataclass
class Vocabulary:
    """Concepts and the key tables the matcher walks."""

    terms: dict[str, Term] = field(default_factory=dict)
    folded: dict[str, str] = field(default_factory=dict)  # case-folded key -> slug
    exact: dict[str, str] = field(default_factory=dict)  # case-kept key -> slug
    stop_folded: set[str] = field(default_factory=set)
    stop_exact: set[str] = field(default_factory=set)
    prefixes_folded: set[str] = field(default_factory=set)
    prefixes_exact: set[str] = field(default_factory=set)
    # Case-folded keys that some label gives in lower case: the others
    # ("FlashAttention", "MultiPL-E") only match text that has a capital letter,
    # so "multiple" is not "MultiPL-E".
    lower_ok: set[str] = field(default_factory=set)
    # Keys (of either table) made only by adding a plural "s" to a label's key:
    # a label of their own takes them over, and "DeiT-S" (a size) does not match them.
    plural_keys: set[str] = field(default_factory=set)
    collisions: list[str] = field(default_factory=list)
    # Case-folded title labels (pg:titleLabel) -> slug.
    title_heads: dict[str, str] = field(default_factory=dict)
    # Case-kept keys of measured labels (pg:measuredLabel) -> slug.
    measured: dict[str, str] = field(default_factory=dict)

    # ------------------------------------------------------------- lookups

    def lookup(self, text: str) -> Term | None:
        """The concept a name denotes, by its key (exact-case keys first).

        A hyphenated "-S" is a size, not a plural: "DeiT-S" is not "DeiTs",
        unless some concept has that label itself.

        >>> v = Vocabulary()
        >>> v.add(Term("deit", "x", "DeiT", "Model", ("DeiT",)))
        >>> v.lookup("DeiTs").name, v.lookup("DeiT-S")
        ('DeiT', None)
        >>> v.add(Term("deit-s", "y", "DeiT-S", "Model", ("DeiT-S",)))
        >>> v.lookup("DeiT-S").name, v.lookup("DeiTs").name
        ('DeiT-S', 'DeiT-S')
        """
        key = key_of(text, keep_case=True)
        slug = self.exact.get(key)
        if slug is None:
            key = key_of(text)
            if key in self.lower_ok or any(map(str.isupper, text[1:])):
                slug = self.folded.get(key)
        if slug is None or (key in self.plural_keys and _SIZE_S.search(text)):
            return None
        return self.terms.get(slug)

    def is_stop(self, text: str) -> bool:
        """Whether a name is a generic class or field, not an entity."""
        return key_of(text, keep_case=True) in self.stop_exact or key_of(text) in self.stop_folded

    def __len__(self) -> int:
        return len(self.terms)

    # ------------------------------------------------------------- building

    def add(self, term: Term) -> None:
        self.terms[term.slug] = term
        for label in term.title_labels:
            self.title_heads[label.casefold()] = term.slug
        for label in term.measured_labels:
            self.measured[key_of(label, keep_case=True)] = term.slug
        for label in term.labels:
            # pg:matchCase guards one-word names that are also words ("Lion",
            # "ToMe"); a phrase ("token merging") is safe in any case, and a
            # guarded word may still be written in capitals ("PILE").
            single = " " not in label
            # "eight A100s": a hardware model number takes a plural "s" too.
            hardware = term.type == "Hardware"
            self._index(label, term.slug, term.match_case and single, stop=False, digit_plural=hardware)
            if term.match_case and single and label.upper() != label:
                self._index(label.upper(), term.slug, True, stop=False, digit_plural=hardware)
            # "A100 GPU", "Apple M2 Pro CPU": hardware is often named with its kind.
            if hardware and not label.endswith(_PROCESSOR_KINDS):
                for kind in _PROCESSOR_KINDS:
                    self._index(f"{label} {kind}", term.slug, term.match_case, stop=False)

    def add_stop(self, label: str, match_case: bool = False) -> None:
        self._index(label, None, match_case, stop=True)

    def _index(self, label: str, slug: str | None, match_case: bool, stop: bool, digit_plural: bool = False) -> None:
        exact = keeps_case(label, match_case)
        key = key_of(label, keep_case=exact)
        if not key:
            return
        variants = [key]
        # Plurals: "Tensor Cores", "GPUs". Only letters end a pluralisable key,
        # or digits where asked ("A100s").
        if (key[-1].isalpha() or (digit_plural and key[-1].isdigit())) and not key.endswith("s"):
            variants.append(key + "s")
        table = self.exact if exact else self.folded
        stops = self.stop_exact if exact else self.stop_folded
        prefixes = self.prefixes_exact if exact else self.prefixes_folded
        for n, variant in enumerate(variants):
            if stop:
                stops.add(variant)
            else:
                owner = table.get(variant)
                plural = n > 0
                if owner is not None and owner != slug and not (variant in self.plural_keys and not plural):
                    if not plural:
                        self.collisions.append(f"{label!r}: key {variant!r} of {slug} already names {owner}")
                    continue
                table[variant] = slug  # type: ignore[assignment]
                if plural and owner is None:
                    self.plural_keys.add(variant)
                elif not plural:
                    self.plural_keys.discard(variant)
                # A label with a coined word ("LoRA", "NeRF") names its concept only as written;
                # a Title Case phrase ("Low-Rank Adaptation") also in lower case.
                if not exact and not any(sum(map(str.isupper, part)) >= 2 for part in WORD_BREAK.split(label)):
                    self.lower_ok.add(variant)
            for i in range(1, len(variant)):
                prefixes.add(variant[:i])

    # ------------------------------------------------------------- (de)serialising

    def to_json(self) -> str:
        data = {
            "terms": [asdict(t) for t in self.terms.values()],
            "stop_exact": sorted(self.stop_exact),
            "stop_folded": sorted(self.stop_folded),
        }
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Vocabulary:
        data = json.loads(text)
        vocabulary = cls()
        for raw in data["terms"]:
            raw["labels"] = tuple(raw["labels"])
            raw["successor_of"] = tuple(raw["successor_of"])
            raw["broader"] = tuple(raw.get("broader", ()))
            raw["title_labels"] = tuple(raw.get("title_labels", ()))
            raw["measured_labels"] = tuple(raw.get("measured_labels", ()))
            vocabulary.add(Term(**raw))
        for key in data["stop_exact"]:
            vocabulary._add_stop_key(key, exact=True)
        for key in data["stop_folded"]:
            vocabulary._add_stop_key(key, exact=False)
        return vocabulary

    def _add_stop_key(self, key: str, exact: bool) -> None:
        (self.stop_exact if exact else self.stop_folded).add(key)
        prefixes = self.prefixes_exact if exact else self.prefixes_folded
        prefixes.update(key[:i] for i in range(1, len(key)))


def default_vocabulary_dir() -> Path:
    """``ontology/vocabulary`` of the source tree, else the copy an installed wheel carries."""
    here = Path(__file__).resolve().parents[1]  # the pipeline package
    for folder in (here.parent / "ontology" / "vocabulary", here / "ontology" / "vocabulary"):
        if folder.is_dir():
            return folder
    return Path(str(resources.files("pipeline") / "ontology" / "vocabulary"))


def _flag(graph: Any, concept: Any, flag: Any) -> bool:
    """Whether a concept carries a boolean property set to true (pg:matchCase, pg:memory, ...)."""
    return any(o.toPython() is True for o in graph.objects(concept, flag))


# Parsed vocabularies kept in the cache folder at most (the newest).
CACHED_VOCABULARIES = 8


def cache_dir() -> Path:
    """Where parsed vocabularies are kept between runs (see the module's docstring)."""
    if os.environ.get("PAPERGRAPH_CACHE_DIR"):
        return Path(os.environ["PAPERGRAPH_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "papergraph"


def _digest(files: list[Path]) -> str:
    """A digest of the vocabulary files (names and bytes) and of the code that reads them."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def load_vocabulary(folder: Path | None = None) -> Vocabulary:
    """Read every ``*.ttl`` file of a vocabulary folder, or its cached parse.

    Raises:
        ConfigError: a file that is not valid Turtle, or a concept without a
            preferred label or entity type (named with its file).
    """
    from ..errors import ConfigError

    folder = Path(folder) if folder is not None else default_vocabulary_dir()
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise ConfigError(f"{folder}: no vocabulary files (*.ttl) here")
    cached = cache_dir() / f"vocabulary-{_digest(files)}.json"
    try:
        return Vocabulary.from_json(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        pass  # none yet (or unreadable): parse the Turtle
    vocabulary = _parse_turtle(files)
    _write_cache(cached, vocabulary.to_json())
    return vocabulary


def _write_cache(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename; a cache that cannot be written is skipped."""
    try:
        write_text_atomically(path, text)
    except OSError:
        return
    # Keep the newest few: each edit of a vocabulary leaves a parse behind.
    kept = sorted(path.parent.glob("vocabulary-*.json"), key=_modified, reverse=True)
    for old in kept[CACHED_VOCABULARIES:]:
        with contextlib.suppress(OSError):
            old.unlink()


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _parse_turtle(files: list[Path]) -> Vocabulary:
    import rdflib
    from rdflib.namespace import SKOS

    from ..errors import ConfigError

    pg = rdflib.Namespace(ONTOLOGY_NS)
    vocabulary = Vocabulary()
    for path in files:
        graph = rdflib.Graph()
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several parser exception types
            raise ConfigError(f"{path}: not valid Turtle ({exc})") from None
        for concept in sorted(set(graph.subjects(rdflib.RDF.type, SKOS.Concept))):
            pref = [str(o) for o in graph.objects(concept, SKOS.prefLabel)]
            match_case, common_word, generic_class, number_format, memory, processor_part = (
                _flag(graph, concept, flag)
                for flag in (pg.matchCase, pg.commonWord, pg.genericClass, pg.numberFormat, pg.memory, pg.processorPart)
            )
            labels = sorted(str(o) for o in graph.objects(concept, SKOS.altLabel))
            if _flag(graph, concept, pg.notAnEntity):
                for label in [*pref, *labels]:
                    vocabulary.add_stop(label, match_case)
                continue
            kinds = [str(o) for o in graph.objects(concept, pg.entityType)]
            if len(pref) != 1 or len(kinds) != 1 or not kinds[0].startswith(ONTOLOGY_NS):
                raise ConfigError(
                    f"{path}: concept {concept} needs exactly one skos:prefLabel and one pg:entityType"
                )
            definition = next((str(o) for o in graph.objects(concept, SKOS.definition)), None)
            successors = tuple(sorted(_local_name(o) for o in graph.objects(concept, pg.successorOf)))
            namesake = next((_local_name(o) for o in graph.objects(concept, pg.namesakeDataset)), None)
            broader = tuple(sorted(_local_name(o) for o in graph.objects(concept, SKOS.broader)))
            title_labels = tuple(sorted(str(o) for o in graph.objects(concept, pg.titleLabel)))
            measured_labels = tuple(sorted(str(o) for o in graph.objects(concept, pg.measuredLabel)))
            if measured_labels and kinds[0] != ONTOLOGY_NS + "Metric":
                raise ConfigError(f"{path}: concept {concept} has pg:measuredLabel but is no pg:Metric")
            vocabulary.add(
                Term(
                    slug=_local_name(concept),
                    concept=str(concept),
                    name=pref[0],
                    type=kinds[0][len(ONTOLOGY_NS):],
                    labels=(pref[0], *labels),
                    definition=definition,
                    successor_of=successors,
                    match_case=match_case,
                    common_word=common_word,
                    generic_class=generic_class,
                    namesake_dataset=namesake,
                    broader=broader,
                    number_format=number_format,
                    memory=memory,
                    processor_part=processor_part,
                    title_labels=title_labels,
                    measured_labels=measured_labels,
                )
            )
    return vocabulary


def _local_name(concept: object) -> str:
    """A concept IRI's last path segment, its slug."""
    return str(concept).rstrip("/").rsplit("/", 1)[-1]
