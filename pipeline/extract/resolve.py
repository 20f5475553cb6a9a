"""From candidate spans to the entities of one paper: a pure function.

Candidates come from the vocabulary matcher and the name finders and overlap.
:func:`resolve` keeps the longest at each place, gives each a merge key (the
vocabulary concept's slug, an acronym's long form, or the name's own letters),
a canonical name and a type, and works out which entities the paper proposes.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass

from ..ids import name_key
from . import names
from .patterns import LIST_JOIN, AnyCase, finditer_at
from .roles import LIST_GAP, Found, Known, extends_name
from .vocabulary import Term, Vocabulary

# Candidate components, strongest first when two spans of one length compete.
MAX_PROPOSAL_CUES = 64
PRIORITY = {
    "acronym": 0, "vocabulary": 1, "title": 2, "proposal": 3, "headed": 4, "coined": 5, "phrase": 6, "measured": 7,
    "listed": 8,
}
CONFIDENCE = {
    "acronym": 0.9, "vocabulary": 0.95, "title": 0.8, "proposal": 0.75, "headed": 0.75, "coined": 0.7, "phrase": 0.6,
    "measured": 0.6, "listed": 0.6,
}

# Long forms that end in these are not entities of the five types: parts of
# data ("tokens"), tasks ("segmentation") and problems.
_NOT_ENTITY_HEADS = frozenset(
    """token tokens sample samples input inputs output outputs element elements property properties state
    states task tasks problem problems challenge challenges setting settings domain domains regime field
    fields area areas segmentation retrieval synthesis classification detection recognition translation
    summarization captioning answering editing reconstruction understanding reasoning generation video
    videos image images text texts data scenario scenarios environment environments application applications
    users user community""".split()
)
# A name used as a modifier: "a speculative decoding framework", "a generative
# adversarial network (GAN) based model".
_THEN = r"(?:\s*\([^()]{1,40}\))?[\s-]+"  # past the name, and its acronym if it has one
_HEAD_NOUN_AFTER = re.compile(
    _THEN + r"(?:based\b|(?:[a-z-]+\s+)?(?:method|methods|framework|approach|approaches|"
    r"algorithm|algorithms|technique|techniques|model|system|scheme|architecture|strategy|mechanism|paradigm|"
    r"pipeline|module|recipe|library|kernel|kernels|engine|compiler|scheduler|optimizer)\b)"
)
_BASED_AFTER = re.compile(_THEN + r"based\b")
_TITLE_HEAD_END = re.compile(r":| for | with | via | using | in | on | through | to | towards | —| - ")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_OF_AFTER = re.compile(r"\s+of\s")
# A clause ends at a stop, before "which" and its like, and where the title ends (a blank line).
_CLAUSE_END = re.compile(r"[.;:](?:\s|$)|,\s+(?:which|that|where|while|and|but)\b|\n\n")
_GAP_WORD = re.compile(r"[^\s,()]+")


@dataclass(slots=True)
class Candidate:
    """A span that may name an entity, before resolution."""

    start: int
    end: int
    component: str
    key: str | None = None
    name: str | None = None
    type: str | None = None
    concept: str | None = None

    def name_by(self, term: Term) -> None:
        """Make the candidate a name of ``term``'s concept: its key, name, type and IRI."""
        self.key, self.name, self.type, self.concept = term.slug, term.name, term.type, term.concept

    def name_as(self, other: "Candidate") -> None:
        """Make the candidate a name of what ``other`` names (a short form of its defined long form)."""
        self.key, self.name, self.type, self.concept = other.key, other.name, other.type, other.concept

    def overlaps(self, start: int, end: int) -> bool:
        """Whether the candidate shares a character with ``[start, end)``."""
        return self.start < end and start < self.end


def resolve(
    text: str,
    title_end: int,
    candidates: list[Candidate],
    stops: list[tuple[int, int]],
    pairs: list[names.AcronymPair],
    cues: list[names.ProposalCue],
    vocabulary: Vocabulary,
) -> tuple[list[Found], dict[str, Known], dict[str, tuple[int, int, str]]]:
    """Resolve candidates into mentions, entities and the proposed entities.

    Returns:
        (mentions in text order, entities by key, proposed key -> (start, end, rule)).
    """
    candidates = _join_acronyms(text, candidates, vocabulary)
    blocked: list[tuple[int, int]] = []
    short_keys: dict[str, Candidate] = {}
    for pair in pairs:
        for candidate in _pair_candidates(text, pair, vocabulary, stops, blocked):
            candidates.append(candidate)
            if candidate.start == pair.short_start:
                short = name_key(pair.short(text))
                short_keys[short] = candidate
                short_keys[short.rstrip("s")] = candidate
    # A short form defined as something that is no entity stays none wherever it recurs.
    blocked_keys = {name_key(text[s:e]) for s, e in blocked}
    blocked_keys |= {k[:-1] for k in blocked_keys if k.endswith("s")}
    abstract = text[title_end:].casefold()
    prefix = names.title_prefix(text[:title_end])
    title_only = [
        c for c in candidates
        if c.component == "coined" and c.end <= title_end and not _in_span(c, prefix)
        and text[c.start : c.end].casefold() not in abstract
    ]
    candidates = [
        c
        for c in candidates
        if not _inside_any(c, blocked)
        and (c.component in ("vocabulary", "acronym") or not _inside_any(c, stops))
        and not _followed_by_non_entity(text, c)
        and not (blocked_keys and name_key(text[c.start : c.end]) in blocked_keys)
        and (c.component != "coined" or c.start >= title_end or _in_span(c, prefix)
             or text[c.start : c.end].casefold() in abstract)
        and not c.start < title_end < c.end  # no name runs from the title into the abstract
        and not (c.component == "vocabulary" and _common_word_capitalised(text, c, title_end, vocabulary))
        and not (c.component == "coined" and _metric_and_value(text[c.start : c.end], vocabulary))
        and not (c.type == "Metric" and (_names_a_phase(text, c) or _names_a_thing(text, c)))
    ]
    longer = _with_written_tails(text, candidates) + _devices_past_lines(text, candidates, vocabulary)
    if "@" in text:
        longer += _cut_offs_of_known_metrics(text, vocabulary)
    if longer:
        # "Intel Xeon Gold 6248 CPU": the class word after a hardware model is part of its name, no entity of its own.
        after = [(c.end, m.end()) for c in longer if c.type == "Hardware" and (m := _CLASS_AFTER.match(text, c.end))]
        candidates = [c for c in candidates if not _inside_any(c, after)] + longer
    chosen = _non_overlapping(_known_tails_of_headed(text, candidates, vocabulary))
    for candidate in chosen:
        _give_key(text, candidate, vocabulary, short_keys)
        if short_keys and candidate.component == "vocabulary":
            # "Episodic Recall Replay (ERR) ... ERR improves ...": the paper's own definition of a short form
            # outweighs the vocabulary's reading of it (expected reciprocal rank) wherever it recurs.
            defined = short_keys.get(name_key(text[candidate.start : candidate.end]))
            if defined is not None and defined.key != candidate.key:
                candidate.name_as(defined)
    if vocabulary.measured:
        _read_as_measured(text, chosen, vocabulary, short_keys)
    _read_as_datasets(text, chosen, vocabulary)
    chosen += _title_heads(text, title_end, chosen, vocabulary)
    chosen = [c for c in chosen if not _device_again(text, c, chosen, vocabulary)]
    for candidate in _listed_with_known(text, title_end, chosen, vocabulary):
        _give_key(text, candidate, vocabulary, short_keys)
        chosen.append(candidate)

    proposed: dict[str, tuple[int, int, str]] = {}
    chosen = _link_proposals(text, title_end, chosen, cues, vocabulary, proposed)
    chosen = _link_title(text, title_end, chosen, vocabulary, proposed)
    if not proposed:
        chosen = _title_only_name(text, title_only, chosen, vocabulary, proposed)
    again = _recurrences(text, chosen)
    if again:
        # "58.3% paired accuracy": a name introduced before takes in the known name inside it.
        spans = [(c.start, c.end) for c in again]
        chosen = [c for c in chosen if not _inside_any(c, spans)] + again
    chosen.sort(key=lambda c: c.start)
    nested = _nested_terms(text, candidates, chosen)

    entities: dict[str, Known] = {}
    mentions: list[Found] = []
    for candidate in chosen:
        key = candidate.key or name_key(text[candidate.start : candidate.end])
        surface = text[candidate.start : candidate.end]
        entity = entities.get(key)
        if entity is None:
            entity = _known(key, candidate.name or surface, candidate.type or "", candidate.concept, vocabulary.terms.get(key))
            entities[key] = entity
        if surface != entity.name:
            entity.aliases.add(surface)
        if not entity.type and candidate.type:
            entity.type = candidate.type
        mentions.append(Found(candidate.start, candidate.end, key, candidate.component, CONFIDENCE[candidate.component]))
    for candidate in nested:
        entity = entities.setdefault(
            candidate.key,
            _known(candidate.key, candidate.name or text[candidate.start : candidate.end], candidate.type or "Method",
                   candidate.concept, vocabulary.terms.get(candidate.key)),
        )
        mentions.append(Found(candidate.start, candidate.end, candidate.key, "vocabulary", CONFIDENCE["vocabulary"]))
    mentions.sort(key=lambda m: (m.start, -m.end))
    _type_untyped(text, mentions, entities, vocabulary)
    for entity in entities.values():
        if entity.concept is None:
            base = variant_base(entity.name, entity.type, vocabulary)
            entity.variant_of = base.concept if base is not None else None
    for key in list(proposed):
        # A device the vocabulary knows is no proposal ("we present results on an RTX 4090"); a new name the
        # text types as hardware is ("We present SparseCore, an accelerator for sparse attention").
        if entities.get(key) is None or (entities[key].type == "Hardware" and entities[key].concept):
            del proposed[key]
    return mentions, entities, proposed


def _join_acronyms(text: str, candidates: list[Candidate], vocabulary: Vocabulary) -> list[Candidate]:
    """Coined acronyms one space apart that the vocabulary does not know are one name ("IFS HRES")."""
    coined = sorted((c.start, c.end) for c in candidates if c.component == "coined")
    if len(coined) < 2:
        return candidates
    joined = names.joined_acronyms(
        text, coined, lambda name: vocabulary.lookup(name) is not None or vocabulary.is_stop(name)
    )
    if len(joined) == len(coined):
        return candidates
    return [c for c in candidates if c.component != "coined"] + [Candidate(s, e, "coined") for s, e in joined]


def known_entity(term: Term) -> Known:
    """The entity a vocabulary term names, as resolve makes it (a metric a result's unit implies, for one)."""
    return _known(term.slug, term.name, term.type, term.concept, term)


def _known(key: str, name: str, type_: str, concept: str | None, term: Term | None) -> Known:
    """An entity of the paper, with what the vocabulary says of its concept."""
    if term is None:
        return Known(key, name, type_, concept)
    return Known(
        key, name, type_, concept, term.definition, successor_of=term.successor_of, generic_class=term.generic_class,
        number_format=term.number_format, memory=term.memory, processor_part=term.processor_part,
    )


# Components whose names are found where the paper introduces them, not by their
# shape: their other occurrences ("We develop Tidal ... Tidal reduces ...") are
# found by the name itself.
_INTRODUCED = frozenset({"proposal", "title", "acronym", "headed", "phrase"})


def _named_as_own(text: str, start: int) -> list[tuple[int, int, bool]]:
    """Names that an apposition after them or a "... is a new ..." opening calls the paper's own, as
    ``(start, end, said_new)``: ``said_new`` when the apposition says "proposed", "new" or "novel", or
    that "we introduce / release ..." it (which makes even a known name the paper's own).

    >>> t = "T\\n\\nZephra is a new router. Wisp, our proposed cache, and Kite, a planner we introduce, help."
    >>> [(t[s:e], said_new) for s, e, said_new in _named_as_own(t, 1)]
    [('Zephra', False), ('Wisp', True), ('Kite', True)]
    """
    # Both patterns are tried at every position: only where their words occur (few abstracts) are they run.
    lowered = text.lower()
    found = []
    if ", our " in lowered or ", a new " in lowered or ", a novel " in lowered or any(map(lowered.__contains__, _WE_INTRODUCE)):
        found += _NAME_THEN_OURS.finditer(text, start)
    if " is a new " in text or " is a novel " in text:
        found += [m for m in _IS_NEW.finditer(text, start) if names.sentence_initial(text, m.start())]
    # "On VBench, our method ...", "Furthermore, our proposed ...": a phrase or a word that opens a sentence.
    return sorted(
        # "said new" too: "X, a ... that we release" (even a name built on a known one: "DCLM-Sieve").
        (m.start(1), m.end(1), m.re is _NAME_THEN_OURS and (m.group(2) or m.group("we")) is not None)
        for m in found
        if m.group(1).split()[0].lower() not in names.FUNCTION_WORDS and not _opening_adverb(text, m)
    )


def _opening_adverb(text: str, match: re.Match[str]) -> bool:
    """Whether a one-word match opens its sentence and reads as an adverb ("Furthermore", "Empirically")."""
    word = match.group(1)
    return (
        names.sentence_initial(text, match.start(1))
        and word[1:].islower()
        and (word.endswith(("ly", "more", "ever", "fore", "wise")) or word.lower() in _DISCOURSE_WORDS)
    )


_DISCOURSE_WORDS = frozenset(
    "thus hence overall instead next first second third then here also together besides further meanwhile "
    "still yet finally lastly".split()
)


def _has_apposed_kind(text: str, start: int) -> bool:
    """Whether a kind noun, a comma and a capital follow each other after ``start``
    ("a new benchmark, CodeArena"): the cheap test before the apposed-name pattern.

    >>> _has_apposed_kind("We train a model, Hymba-1B.", 0), _has_apposed_kind("The model, and more.", 0)
    (True, False)
    """
    return any(
        _KIND_ENDS.search(text, max(start, comma.start() - _LONGEST_KIND), comma.start())
        for comma in _COMMA_CAPITAL.finditer(text, start)
    )


def _recurrences(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Other occurrences of the names introduced once, as whole words, where no candidate is
    but those inside them.

    >>> t = "We develop Tidal, a scheduler. Tidal cuts latency; the tidal wave."
    >>> found = _recurrences(t, [Candidate(11, 16, "proposal", "tidal", "Tidal", "Method")])
    >>> [(t[c.start:c.end], c.key) for c in found]
    [('Tidal', 'tidal')]
    >>> t = "we call this measure paired accuracy. It reaches 58% paired accuracy, and 60% accuracy."
    >>> chosen = [Candidate(21, 36, "proposal", "pairedaccuracy", "paired accuracy", "Metric"),
    ...           Candidate(60, 68, "vocabulary", "accuracy"), Candidate(78, 86, "vocabulary", "accuracy")]
    >>> [(c.start, c.end) for c in _recurrences(t, chosen)]
    [(53, 68)]
    """
    taken = sorted((c.start, c.end) for c in chosen)
    found: list[Candidate] = []
    surfaces = {text[c.start : c.end]: c for c in chosen if c.component in _INTRODUCED and c.key}
    for surface, source in surfaces.items():
        forms = {surface, surface[:1].upper() + surface[1:]} if surface[:1].islower() else {surface}
        for form in forms:
            at = text.find(form)
            while at >= 0:
                end = at + len(form)
                if _whole_word(text, at, end) and not any(
                    s < end and at < e and not (at <= s and e <= end and e - s < end - at) for s, e in taken
                ):
                    found.append(Candidate(at, end, source.component, source.key, source.name, source.type, source.concept))
                    bisect.insort(taken, (at, end))
                at = text.find(form, end)
    return found


def _whole_word(text: str, start: int, end: int) -> bool:
    return not (start > 0 and names.in_word(text[start - 1])) and not (end < len(text) and names.in_word(text[end]))


# A product line's tier and model number: "Xeon Gold 6248", "EPYC 7763", "Core i9-13900K".
_HARDWARE_TAIL = re.compile(
    r"(?:\s+(?:Gold|Silver|Platinum|Bronze|Max|Ultra|Pro|Plus|Nano|Mini|AGX|NX))*"
    r"\s+(?:[a-z]\d-)?[A-Z]?\d{3,5}[A-Za-z]{0,2}(?![\w-])"
)
# A board's generation ("Raspberry Pi 5"), after a line whose name ends in a letter,
# and its tier ("iPhone 15 Pro", "Galaxy S24 Ultra").
_HARDWARE_GENERATION = re.compile(
    r"\s+[A-Z]?\d{1,2}(?:\s+(?:Pro|Max|Ultra|Plus|Mini|XL))*"
    # (A count is of plural units: "a DGX with 8 GPUs"; "a Pixel 8 CPU" is the Pixel 8's CPU.)
    r"(?![\w-]|\.\d)(?!\s*(?:GPUs|CPUs|[GC]PU\s+(?:nodes?|servers?|machines?|clusters?|hours?)|nodes?|cards?|devices?|"
    r"x\b|times|%))"
    r"(?!\s*(?:s|ms|min|h|W|J|fps|FPS|GB|MB|seconds|minutes|hours)\b)"  # "on 8 A100 GPUs 1 s": a value
)
# A memory size or form factor of a model: "A100-80GB", "H100 SXM", "A100 40 GB PCIe".
_HARDWARE_VARIANT = re.compile(r"(?:[\s-](?:SXM\d?|PCIe|NVL|\d{2,3}\s?GB))+(?![\w-])")


_PROCESSOR_CLASS = r"(?:CPUs?|GPUs?|NPUs?|TPUs?|processors?|chips?)"
_CLASS_WORD_END = re.compile(_PROCESSOR_CLASS + r"$")
_CLASS_AFTER = re.compile(r"\s+" + _PROCESSOR_CLASS + r"\b")


# A metric at a cut-off ("Recall@100", "NDCG@10"); a model's size, tier or version ("Whisper large-v3",
# "Gemini 1.5 Pro", "Stable Diffusion v1.5").
_METRIC_AT = re.compile(r"@(?:\d{1,4}|[kK])(?![\w@])")
_MODEL_SIZE = re.compile(
    r"(?:(?:[\s-](?:(?:[Tt]iny|[Bb]ase|[Ss]mall|[Mm]edium|[Ll]arge|[Hh]uge|[Bb]ig|xl|xxl|XL|XXL)(?:-v\d{1,2})?"
    r"|Pro|Flash|Ultra|Nano|Mini|mini|Lite|Sonnet|Opus|Haiku|Turbo|Instruct|instruct|Chat|chat"
    r"|[Vv]\d{1,2}(?:\.\d{1,2})?(?:-(?:[Tt]iny|[Ss]mall|[Bb]ase|[Ll]arge|[Hh]uge|[Gg]iant|XL))?)"
    r"|-(?:it|hf|dev|schnell)|\+\+|\s\d+x\d+(?:\.\d+)?B"
    r"|\s\d+(?:\.\d+)?[MB](?!\s*(?:tokens|samples|examples|images|words|pairs|hours|steps))"
    r"|[\s-](?:ViT-[A-Za-z]{1,5}/\d{1,2}(?:@\d{3}(?:px)?)?|RN\d{2,3}(?:x\d{1,2})?))(?![\w-])){1,2}"
)  # "Depth Anything V2-Small", "Stable Diffusion 3.5 Large Turbo", "Gemma-2B-it", "Transformer-big", "Transformer++",
# "FLUX.1-dev", "Mixtral 8x22B", "ESM-2 650M"; an image encoder's architecture: "CLIP ViT-L/14", "CLIP RN50"

# A dataset's release or year: "Common Voice 16", "COCO 2017" (not "16 languages", "5 times").
_DATASET_VERSION = re.compile(r"\s(?:v?\d{1,2}(?:\.\d{1,2})?|(?:19|20)\d\d)(?![\w.%×-])(?!\s*(?:[a-z]+s|x|times)\b)")


def _written_tail(text: str, candidate: Candidate) -> re.Match | None:
    """What the text writes after a vocabulary name that makes a more specific name of it."""
    if candidate.type == "Metric":
        return _METRIC_AT.match(text, candidate.end)
    if candidate.type == "Model":
        return _MODEL_SIZE.match(text, candidate.end)
    if candidate.type == "Dataset" and not text[candidate.end - 1].isdigit():
        return _DATASET_VERSION.match(text, candidate.end)
    if candidate.type == "Hardware":
        tail = _HARDWARE_TAIL.match(text, candidate.end) or _HARDWARE_VARIANT.match(text, candidate.end)
        if (
            tail is None
            and not text[candidate.end - 1].isdigit()
            and not _CLASS_WORD_END.search(text, candidate.start, candidate.end)  # "A100 GPUs" has no generation
        ):
            tail = _HARDWARE_GENERATION.match(text, candidate.end)
        return tail
    return None


def _with_written_tails(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Vocabulary names with the cut-off, size, tier or model number written after them, as names of their own.

    >>> t = "Recall@100 with Whisper large-v3 on an Intel Xeon Gold 6248 CPU"
    >>> found = [Candidate(0, 6, "vocabulary", "recall", "recall", "Metric"),
    ...          Candidate(16, 23, "vocabulary", "whisper", "Whisper", "Model"),
    ...          Candidate(39, 49, "vocabulary", "xeon", "Intel Xeon", "Hardware")]
    >>> [t[c.start:c.end] for c in _with_written_tails(t, found)]
    ['Recall@100', 'Whisper large-v3', 'Intel Xeon Gold 6248']
    >>> t = "on eight A100-80GB GPUs and a Raspberry Pi 5 at 2 fps"
    >>> found = [Candidate(9, 13, "vocabulary", "a100", "A100", "Hardware"), Candidate(30, 42, "vocabulary", "rpi", "Raspberry Pi", "Hardware")]
    >>> [(t[c.start:c.end], c.name) for c in _with_written_tails(t, found)]
    [('A100-80GB', 'A100-80GB'), ('Raspberry Pi 5', 'Raspberry Pi 5')]
    >>> t = "SD3.5 Large"
    >>> [c.name for c in _with_written_tails(t, [Candidate(0, 5, "vocabulary", "sd35", "Stable Diffusion 3.5", "Model")])]
    ['Stable Diffusion 3.5 Large']
    >>> t = "A100\\n\\nA100 GPUs"  # a title that ends in a name: the abstract's first word is no tail of it
    >>> _with_written_tails(t, [Candidate(0, 4, "vocabulary", "a100", "A100", "Hardware")])
    []

    A model number the vocabulary knows is that model, with its architecture or line before it written
    in: "a Blackwell B200" is the B200, not a new "NVIDIA Blackwell B200".

    >>> t = "on a Blackwell B200 GPU"
    >>> found = [Candidate(5, 14, "vocabulary", "blackwell", "NVIDIA Blackwell", "Hardware"),
    ...          Candidate(15, 23, "vocabulary", "b200", "B200", "Hardware")]
    >>> [(t[c.start:c.end], c.name, c.key) for c in _with_written_tails(t, found)]
    [('Blackwell B200 GPU', 'B200', 'b200')]
    """
    devices = [c for c in candidates if c.component == "vocabulary" and c.type == "Hardware"]
    # Known devices by where they start ("B200 GPU" starts where the tail "B200" does).
    known = {c.start: c for c in devices}
    longer = []
    for candidate in candidates:
        if candidate.component != "vocabulary" or (tail := _written_tail(text, candidate)) is None or "\n" in tail.group():
            continue
        model = known.get(tail.end() - len(tail.group().lstrip())) if candidate.type == "Hardware" else None
        if model is not None and model.end >= tail.end():
            longer.append(Candidate(candidate.start, model.end, "vocabulary", model.key, model.name, model.type, model.concept))
        else:
            longer.append(Candidate(
                candidate.start, tail.end(), "coined", None, _tailed_name(text, candidate, tail.end()), candidate.type
            ))
    return longer


_WORD = r"[A-Za-z0-9](?:[\w+-]*\w)?"
_NEXT_WORDS = re.compile(rf" ({_WORD})(?: ({_WORD}))?(?![\w+-])")
_INNER_WORD = re.compile(r" (?=\w)")


def _devices_past_lines(text: str, candidates: list[Candidate], vocabulary: Vocabulary) -> list[Candidate]:
    """Known devices whose name starts inside a line's and runs past it, as one name of the device.

    The vocabulary finder takes the longest name at each place and goes on after it, so in "an NVIDIA
    Jetson Orin" it reads the line "NVIDIA Jetson" and never starts at "Jetson": the device is the
    Jetson Orin, with its maker written before it.

    >>> from .vocabulary import Term
    >>> v = Vocabulary()
    >>> v.add(Term("jetson", "x", "Jetson", "Hardware", ("Jetson", "NVIDIA Jetson")))
    >>> v.add(Term("jetson-orin", "x", "Jetson Orin", "Hardware", ("Jetson Orin",)))
    >>> t = "on an NVIDIA Jetson Orin, and on NVIDIA Jetson boards"
    >>> found = [Candidate(6, 19, "vocabulary", "jetson", "Jetson", "Hardware"),
    ...          Candidate(33, 46, "vocabulary", "jetson", "Jetson", "Hardware")]
    >>> [(t[c.start:c.end], c.name) for c in _devices_past_lines(t, found, v)]
    [('NVIDIA Jetson Orin', 'Jetson Orin')]
    """
    found = []
    for line in candidates:
        if line.component != "vocabulary" or line.type != "Hardware" or " " not in text[line.start : line.end]:
            continue
        # The one or two words after the line's name, longest first, in the same line of text.
        after = _NEXT_WORDS.match(text, line.end)
        if after is None:
            continue
        ends = [end for end in (after.end(2), after.end(1)) if end > 0]
        starts = [line.start + m.end() for m in _INNER_WORD.finditer(text[line.start : line.end])]
        for start, end in itertools.product(starts, ends):
            term = vocabulary.lookup(text[start:end])
            if term is not None:
                if term.type == "Hardware" and term.slug != line.key:
                    found.append(Candidate(line.start, end, "vocabulary", term.slug, term.name, term.type, term.concept))
                break
    return found


_AT_CUT_OFF = re.compile(r"(?<![\w@^-])([A-Za-z][\w-]*)([@^])(\d{1,4})(?![\w@^])")


def _cut_offs_of_known_metrics(text: str, vocabulary: Vocabulary) -> list[Candidate]:
    """Metrics at a cut-off the vocabulary has only as "@k" or "^k": "Pass@32" of pass@k, "maj@64" of maj@k, "pass^8" of pass^k.

    >>> from .vocabulary import Term
    >>> vocabulary = Vocabulary()
    >>> vocabulary.add(Term("pass-k", "x", "pass@k", "Metric", ("pass@k",)))
    >>> vocabulary.add(Term("pass-hat-k", "x", "pass^k", "Metric", ("pass^k",)))
    >>> [(c.name, c.type) for c in _cut_offs_of_known_metrics("raises Pass@32, pass^8 and foo@3", vocabulary)]
    [('Pass@32', 'Metric'), ('pass^8', 'Metric')]
    """
    found = []
    for match in _AT_CUT_OFF.finditer(text):
        term = vocabulary.lookup(match.group(1) + match.group(2) + "k")
        if term is not None and term.type == "Metric":
            found.append(Candidate(match.start(), match.end(), "coined", None, match.group(), "Metric"))
    return found


def _tailed_name(text: str, candidate: Candidate, end: int) -> str:
    """A known name with its tail, as written, but with the concept's name for another label of it:
    "SD3.5 Large" and "Stable Diffusion 3.5 Large" are one model; "Recall@100" keeps its capital."""
    written = text[candidate.start : candidate.end]
    base = written if candidate.name is None or candidate.name.casefold() == written.casefold() else candidate.name
    return base + text[candidate.end : end]


_MULTIWORD = re.compile(r"\w[\s-]+\w")


def _common_word_capitalised(text: str, candidate: Candidate, title_end: int, vocabulary: Vocabulary) -> bool:
    """A name that is also an everyday word, where every word may have a capital: in the
    title or at a sentence's start ("Traffic congestion ...", "Weather Forecasting with ...")."""
    term = vocabulary.terms.get(candidate.key) if candidate.key else None
    return (
        term is not None
        and term.common_word
        and (candidate.start < title_end or names.sentence_initial(text, candidate.start))  # the abstract's start too
    )


# A title word and the words before it back to the title's last link or separator ("Exact Attention", the
# "Block-Sparse FP8" of "... for Block-Sparse FP8 Attention").
_TITLE_WORD = re.compile(r"(?<![\w-])[A-Za-z]+(?![\w])")
_PHRASE_BEFORE = re.compile(r"(?:[\w.+/-]+\s+){0,4}$")


def _kind_of_head(before: str, head: str, vocabulary: Vocabulary) -> bool:
    """Whether the qualifier just before a title's head word makes a kind the vocabulary knows, past names
    between them ("Block-Sparse FP8 Attention"; not "Memory-Efficient Exact Attention": "Exact" is no name).

    >>> from .vocabulary import Term
    >>> v = Vocabulary()
    >>> v.add(Term("bsa", "x", "block-sparse attention", "Method", ("block-sparse attention",)))
    >>> v.add(Term("fp8", "y", "FP8", "Method", ("FP8",)))
    >>> _kind_of_head("Block-Sparse FP8 ", "Attention", v), _kind_of_head("Block-Sparse Exact ", "Attention", v)
    (True, False)
    """
    for qualifier in reversed(_TITLE_HEAD_END.split(_PHRASE_BEFORE.search(before).group())[-1].split()):
        if vocabulary.lookup(f"{qualifier} {head}") is not None:
            return True
        if vocabulary.lookup(qualifier) is None:
            return False
    return False


def _title_heads(text: str, title_end: int, chosen: list[Candidate], vocabulary: Vocabulary) -> list[Candidate]:
    """Names of the concepts whose title labels (pg:titleLabel) head a phrase of the title.

    "HopperFlash: Warp-Specialized Exact Attention with ..." is about attention itself, which running
    text names only as a modifier ("attention scores"). Not a word inside another name ("Ring
    Attention", "Attention Sinks"), nor one a qualifier before it makes a kind the vocabulary
    knows ("Block-Sparse FP8 Attention": block-sparse attention).

    >>> from .vocabulary import Term
    >>> v = Vocabulary()
    >>> v.add(Term("self-attention", "x", "self-attention", "Method", ("self-attention",), title_labels=("Attention",)))
    >>> v.add(Term("block-sparse-attention", "y", "block-sparse attention", "Method", ("block-sparse attention",)))
    >>> t = "Warp-Specialized Exact Attention and Block-Sparse Attention-MLP Blocks"
    >>> [(t[c.start:c.end], c.name) for c in _title_heads(t, len(t), [], v)]
    [('Attention', 'self-attention')]
    """
    if not vocabulary.title_heads:
        return []
    found = []
    for match in _TITLE_WORD.finditer(text, 0, title_end):
        slug = vocabulary.title_heads.get(match.group().casefold())
        if slug is None or any(c.overlaps(match.start(), match.end()) for c in chosen):
            continue
        if _kind_of_head(text[: match.start()], match.group(), vocabulary):
            continue
        candidate = Candidate(match.start(), match.end(), "vocabulary")
        candidate.name_by(vocabulary.terms[slug])
        found.append(candidate)
    return found


_NUMBER_TAIL = re.compile(r"\s+\d+(?:\.\d+)?$")


def _metric_and_value(surface: str, vocabulary: Vocabulary) -> bool:
    """Whether a name is a metric's and the value after it ("(FID 23.9)"), not a version of a name."""
    tail = _NUMBER_TAIL.search(surface)
    if tail is None:
        return False
    term = vocabulary.lookup(surface[: tail.start()])
    return term is not None and term.type == "Metric"


def _inside_any(candidate: Candidate, spans: list[tuple[int, int]]) -> bool:
    start, end = candidate.start, candidate.end
    for s, e in spans:  # a loop, not any(...): run for every candidate and stop span
        if s <= start and end <= e:
            return True
    return False


def _in_span(candidate: Candidate, span: tuple[int, int] | None) -> bool:
    return span is not None and span[0] <= candidate.start and candidate.end <= span[1]


def _followed_by_non_entity(text: str, candidate: Candidate) -> bool:
    """"the Rust language", "the XYZ-3 task": a name of no entity; "the Mistral-7B language model"
    is one, and so are a known benchmark's "LiveCodeBench problems"."""
    after = _NEXT_WORD.match(text, candidate.end, candidate.end + 30)
    if not after or after.group(1).lower() not in names.NOT_ENTITY_FOLLOWERS:
        return False
    if candidate.type == "Dataset" and candidate.concept is not None and after.group(1).lower() in _ITEMS_OF_A_BENCHMARK:
        return False
    compound = _NEXT_WORD.match(text, after.end(), after.end() + 30)
    return not (compound and compound.group(1).lower() in _COMPOUND_HEADS)


_AT_OR_DURING = re.compile(r"(?<![\w-])(?:[Aa]t|[Dd]uring)\s+$")


def _names_a_phase(text: str, candidate: Candidate) -> bool:
    """"at inference time", "during compile time", "at runtime": when something happens, no time measured.

    >>> text = "We fold constants at compile time. Compile time drops by 30%."
    >>> [_names_a_phase(text, Candidate(s, s + 12, "vocabulary", "compilation-time", "compilation time", "Metric"))
    ...  for s in (text.index("compile"), text.index("Compile"))]
    [True, False]
    """
    surface = text[candidate.start : candidate.end].lower()
    return (surface.endswith(" time") or surface == "runtime") and bool(
        _AT_OR_DURING.search(text, max(0, candidate.start - 8), candidate.start)
    )


# A measure's name used for a thing the text introduces: "We design a runtime that keeps attention on the GPU",
# "an activation-offloading runtime for ...", "LLM runtimes, including llama.cpp": no measure is taken.
# (Not "a higher throughput, ...", "a lower latency and ...": a comparative says a measure changed.)
_THING_BEFORE = re.compile(
    r"(?<![\w-])(?:[Aa]n?|[Tt]he\s+[A-Z][\w.-]*)\s+(?:(?![a-z]+(?:er|est)\s)[a-z][a-z-]*\s+){0,2}$"
)
_THING_AFTER = re.compile(r"\s+(?:that|which|for|to)\b|\s*[,.]|,?\s+(?:including|such as|like)\b")
_LISTED_THINGS_AFTER = re.compile(r",?\s+(?:including|such as|like)\b")


def _names_a_thing(text: str, candidate: Candidate) -> bool:
    """Whether a metric's name names a thing here, not a measure: a runtime the work designs, the runtime
    of a named system, runtimes listed by name (not "a latency of 5 ms", "a 2x speedup", "the runtime of X").

    >>> text = "We design a runtime that pins weights. The CTranslate2 runtime is used. Its runtime drops by 30%."
    >>> [_names_a_thing(text, Candidate(m.start(), m.end(), "vocabulary", "runtime", "runtime", "Metric"))
    ...  for m in re.finditer("runtime", text)]
    [True, True, False]
    """
    surface = text[candidate.start : candidate.end].lower()
    if surface.endswith("s") and _LISTED_THINGS_AFTER.match(text, candidate.end):
        return True  # "LLM runtimes, including llama.cpp and MLC LLM"
    return bool(
        _THING_BEFORE.search(text, max(0, candidate.start - 40), candidate.start)
        and (_THING_AFTER.match(text, candidate.end) or text[candidate.end : candidate.end + 3] == " is")
    )


_ITEMS_OF_A_BENCHMARK = frozenset({"task", "tasks", "problem", "problems"})
# Nouns after "language" or "task" that make one compound with it: "language model", "task head".
_COMPOUND_HEADS = frozenset(
    """model models modeling modelling adapter adapters agent agents backbone backbones encoder encoders
    decoder decoders head heads understanding vector vectors embedding embeddings""".split()
)


def _nested_terms(text: str, candidates: list[Candidate], chosen: list[Candidate]) -> list[Candidate]:
    """Vocabulary terms that end a longer name: "token merging" in "Temporal Token Merging".

    The longer name is a kind of the term, so the term is an entity of the paper
    too (and the longer name, when proposed, builds on it). A one-word term is
    no such kind: "Random Network Distillation" is not knowledge distillation.
    """
    # Where the containers start, by where they end: a term is looked up, not
    # compared with every container.
    container_starts: dict[int, list[int]] = {}
    for c in chosen:
        if c.component != "vocabulary":
            container_starts.setdefault(c.end, []).append(c.start)
    nested = []
    seen = set()
    for candidate in candidates:
        if candidate.component != "vocabulary" or candidate.key in seen:
            continue
        if not _MULTIWORD.search(text, candidate.start, candidate.end):
            continue
        if any(start < candidate.start for start in container_starts.get(candidate.end, ())):
            nested.append(candidate)
            seen.add(candidate.key)
    return nested


def _pair_candidates(
    text: str,
    pair: names.AcronymPair,
    vocabulary: Vocabulary,
    stops: list[tuple[int, int]],
    blocked: list[tuple[int, int]],
) -> list[Candidate]:
    """The two candidates an acronym definition gives, sharing one key.

    A definition of something that is no entity ("large language models
    (LLMs)", "Mastered Positive Tokens (MPTs)") blocks both spans, so no other
    rule makes an entity of them (the vocabulary's "MPT" model included).
    """
    long, short = pair.long(text), pair.short(text)
    compound = _defined_compound(text, pair, vocabulary)
    if compound is not None:
        return [compound]
    term = vocabulary.lookup(long)
    if term is None:
        if vocabulary.is_stop(long) or vocabulary.is_stop(short) or vocabulary.is_stop(names._strip_plural(short)):
            stops.extend([(pair.long_start, pair.long_end), (pair.short_start, pair.short_end)])
            return []
        head = names.WORD_BREAK.split(long)[-1].lower()
        if head in _NOT_ENTITY_HEADS:
            blocked.extend([(pair.long_start, pair.long_end), (pair.short_start, pair.short_end)])
            return []
        # The short form names a known concept only if the long form agrees:
        # "MPTs" defined as "Mastered Positive Tokens" is not the MPT model.
        known = vocabulary.lookup(short)
        if known is not None and (
            short in known.labels and _spells_out(long, known)
            or names.strip_version(known.name).casefold() in long.casefold()
        ):
            term = known  # "Proximal Policy Optimisation (PPO)"; not "Episodic Recall Replay (ERR)", no ranking metric
    if term is not None:
        key, name, kind, concept = term.slug, term.name, term.type, term.concept
    else:
        name = long if pair.long_first else short
        # Keyed by its long form where the short form is a known concept's label: "CLIP (Cached
        # Lookahead Inference Pipeline)" keeps apart from CLIP in every other paper too.
        key = name_key(long if known is not None else name)
        kind, _ = names.infer_type(long, text, pair.long_start, pair.long_end)
        concept = None
    return [
        Candidate(pair.long_start, pair.long_end, "acronym", key, name, kind, concept),
        Candidate(pair.short_start, pair.short_end, "acronym", key, name, kind, concept),
    ]


_CONTENT_WORD = re.compile(r"[a-z]{3,}")


def _reads_as(long: str, term: Term) -> bool:
    """Whether a defined long form reads as the term: its first word (of three letters or more)
    starts as a word of the term's name or labels does, spelling aside.

    Only the first word counts, since an acronym is read from it: "Optimized Fine-Tuning (OFT)"
    shares "fine-tuning" with orthogonal fine-tuning (OFT), but it is another thing.

    >>> t = Term("ppo", "method:ppo", "proximal policy optimization", "Method", labels=("PPO",))
    >>> _reads_as("Proximal Policy Optimisation", t), _reads_as("Pretty Plain Ordering", t)
    (True, False)
    >>> oft = Term("orthogonal-fine-tuning", "x", "orthogonal fine-tuning", "Method", labels=("OFT",))
    >>> _reads_as("Optimized Fine-Tuning", oft), _reads_as("Orthogonal Finetuning", oft)
    (False, True)
    """
    return _first_word_in(long, " ".join((term.name, *term.labels)))


def _first_word_in(long: str, words: str) -> bool:
    """Whether the first word (of three letters or more) of ``long`` starts as a word of ``words`` does."""
    first = _CONTENT_WORD.search(long.lower())
    return first is not None and any(word[:4] == first.group()[:4] for word in _CONTENT_WORD.findall(words.lower()))


def _spells_out(long: str, term: Term) -> bool:
    """Whether a defined long form can be what the term's acronym stands for.

    Against the term's spelled-out labels where it has any ("Contrastive
    Language-Image Pre-training" for CLIP): "Cached Lookahead Inference Pipeline
    (CLIP)" is another thing. A term known only by its acronym is read against
    its definition ("Residual-quantized VAE ..." for RQ-VAE; BART's "Denoising
    sequence-to-sequence autoencoder ..." is no "Boundary-Aware Refinement
    Transformer"), and taken as written where it has none.

    >>> clip = Term("clip", "x", "CLIP", "Model", labels=("CLIP", "Contrastive Language-Image Pre-training"))
    >>> _spells_out("Contrastive Language Image Pretraining", clip), _spells_out("Cached Lookahead Inference Pipeline", clip)
    (True, False)
    >>> bart = Term("bart", "x", "BART", "Model", ("BART",), "Denoising autoencoder with a bidirectional encoder.")
    >>> _spells_out("Bidirectional and Auto-Regressive Transformers", bart), _spells_out("Boundary-Aware Refinement Transformer", bart)
    (True, False)
    >>> _spells_out("Boundary-Aware Refinement Transformer", Term("bart", "x", "BART", "Model", ("BART",)))
    True
    """
    if _reads_as(long, term):
        return True
    if any(len(_CONTENT_WORD.findall(label.lower())) > 1 for label in (term.name, *term.labels)):
        return False
    return term.definition is None or _first_word_in(long, term.definition)


def _defined_compound(text: str, pair: names.AcronymPair, vocabulary: Vocabulary) -> Candidate | None:
    """"the key-value (KV) cache": the acronym defines part of a known name ("KV cache") that the
    word after the bracket completes; the whole phrase names that concept."""
    if not pair.long_first or not text.startswith(")", pair.short_end) or vocabulary.is_stop(pair.long(text)):
        return None  # "a large language model (LLM) routing scheme": a generic class, then a description
    after = _NEXT_WORD.match(text, pair.short_end + 1, pair.short_end + 30)
    if after is None:
        return None
    term = vocabulary.lookup(f"{pair.short(text)} {after.group(1)}")
    if term is None or vocabulary.lookup(f"{pair.long(text)} {after.group(1)}") not in (None, term):
        return None
    return Candidate(pair.long_start, after.end(), "acronym", term.slug, term.name, term.type, term.concept)


_DESCRIBING_WORDS = re.compile(r"(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)*\s+)+")


def _known_tails_of_headed(text: str, candidates: list[Candidate], vocabulary: Vocabulary) -> list[Candidate]:
    """Without the names a kind noun closes that are only describing words and a known dataset: "the
    Mandarin-English SEAME corpus" names SEAME, "the English Wikipedia dump" Wikipedia.

    >>> from .vocabulary import Term
    >>> vocabulary = Vocabulary()
    >>> vocabulary.add(Term("seame", "x", "SEAME", "Dataset", ("SEAME",)))
    >>> t = "on the Mandarin-English SEAME corpus"
    >>> kept = _known_tails_of_headed(t, [Candidate(7, 29, "headed", type="Dataset"),
    ...                                    Candidate(24, 29, "vocabulary", key="seame")], vocabulary)
    >>> [t[c.start : c.end] for c in kept]
    ['SEAME']
    """
    known_ends = {
        c.end: c.start for c in candidates
        if c.component == "vocabulary" and (term := vocabulary.terms.get(c.key or "")) is not None and term.type == "Dataset"
    }
    return [
        c for c in candidates
        if not (
            c.component == "headed"
            and c.type == "Dataset"
            and known_ends.get(c.end, c.start) > c.start
            and _DESCRIBING_WORDS.fullmatch(text, c.start, known_ends[c.end])
        )
    ]


def _non_overlapping(candidates: list[Candidate]) -> list[Candidate]:
    """The longest candidate at each place; ties go to the stronger component."""
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), PRIORITY[c.component], c.start))
    chosen: list[Candidate] = []
    # The spans taken so far, in order: they do not overlap, so their ends are in
    # order too, and of those starting before a candidate ends, the last one
    # reaches furthest: the only one to compare with.
    taken: list[tuple[int, int]] = []
    for candidate in ranked:
        before = bisect.bisect_left(taken, (candidate.end,))
        if before and taken[before - 1][1] > candidate.start:
            continue
        chosen.append(candidate)
        bisect.insort(taken, (candidate.start, candidate.end))
    return chosen


def _title_only_name(
    text: str,
    title_only: list[Candidate],
    chosen: list[Candidate],
    vocabulary: Vocabulary,
    proposed: dict[str, tuple[int, int, str]],
) -> list[Candidate]:
    """A coined name only the title has, in a paper that proposes nothing else, is the paper's own:
    "Recognising Whispered Speech with HushTune"."""
    new = [
        c for c in title_only
        if vocabulary.lookup(text[c.start : c.end]) is None
        and not vocabulary.is_stop(text[c.start : c.end])
        and known_base(text[c.start : c.end], vocabulary) is None
        and not any(o.overlaps(c.start, c.end) for o in chosen)
    ]
    if len(new) != 1:
        return chosen
    (candidate,) = new
    candidate.key = name_key(text[candidate.start : candidate.end])
    proposed[candidate.key] = (candidate.start, candidate.end, "title-name")
    return [*chosen, candidate]


# Where a name is a dataset: "evaluated on X", "across X, Tanks and Temples and Deep Blending".
_DATASET_BEFORE = re.compile(r"\b(?:[Oo]n|[Aa]cross)\s+(?:the\s+)?$")
# "renders Mip-NeRF 360 scenes", "six MuJoCo locomotion tasks": what the text takes from a dataset.
_DATASET_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?(?:tasks|benchmarks?|scenes|splits?)\b")


def _read_as_datasets(text: str, chosen: list[Candidate], vocabulary: Vocabulary) -> None:
    """A model or method whose name also names a dataset (pg:namesakeDataset: "Mip-NeRF 360", "Alpaca",
    "GQA") is the dataset throughout the paper where the text once uses it as one: after "on" /
    "across", or listed beside another dataset."""
    twins = {
        c.key: twin
        for c in chosen
        if c.type in _HAS_NAMESAKE and c.component == "vocabulary" and c.key in vocabulary.terms
        and (twin := vocabulary.terms.get(vocabulary.terms[c.key].namesake_dataset or "")) is not None
        and twin.type == "Dataset"
    }
    if not twins:
        return  # most papers name no model with a namesake dataset
    ordered = sorted(chosen, key=lambda c: c.start)
    as_dataset = {
        c.key
        for before, c, after in zip([None, *ordered], ordered, [*ordered[1:], None])
        if c.key in twins
        and c.component == "vocabulary"
        and (
            _DATASET_BEFORE.search(text, max(0, c.start - 12), c.start)
            or _DATASET_AFTER.match(text, c.end)
            or (before is not None and before.type == "Dataset" and LIST_GAP.fullmatch(text, before.end, c.start))
            or (after is not None and after.type == "Dataset" and LIST_GAP.fullmatch(text, c.end, after.start))
        )
    }
    for candidate in chosen:
        if candidate.key in as_dataset:
            candidate.name_by(twins[candidate.key])


_HAS_NAMESAKE = ("Model", "Method")


def _classes_of(name: str, key: str | None, vocabulary: Vocabulary) -> set[str]:
    """Every concept a device is a kind of, through skos:broader at any depth. A name the
    vocabulary lacks is a model of the family its first words name: "AMD EPYC 7763" of AMD EPYC,
    "Xeon Gold 6248" of Xeon.

    >>> from .vocabulary import Term
    >>> v = Vocabulary()
    >>> v.add(Term("cpu", "x", "CPU", "Hardware", ("CPU",), generic_class=True))
    >>> v.add(Term("aws-graviton", "x", "AWS Graviton", "Hardware", ("AWS Graviton", "Graviton"), broader=("cpu",)))
    >>> v.add(Term("aws-graviton3", "x", "AWS Graviton3", "Hardware", ("Graviton3",), broader=("aws-graviton",)))
    >>> sorted(_classes_of("Graviton3", "aws-graviton3", v)), sorted(_classes_of("Graviton 4E", None, v))
    (['aws-graviton', 'cpu'], ['aws-graviton', 'cpu'])
    >>> _classes_of("Ampere Altra", None, v)
    set()
    """
    term = vocabulary.terms.get(key) if key else None
    found: set[str] = set()
    words = name.split()
    while term is None and len(words) > 1:
        words.pop()
        term = vocabulary.lookup(" ".join(words))
        if term is not None and term.type == "Hardware":
            found.add(term.slug)  # the family
    todo = [term] if term is not None and term.type == "Hardware" else []
    while todo:
        for slug in todo.pop().broader:
            if slug not in found and slug in vocabulary.terms:
                found.add(slug)
                todo.append(vocabulary.terms[slug])
    return found


# Words that say a device's form, between its name and its class: "an RTX 4080 laptop GPU".
_FORM_FACTOR_GAP = re.compile(
    r"\s+(?:laptop|mobile|desktop|server|embedded|edge|consumer|workstation|integrated|discrete|"
    r"data-?cent(?:er|re)|datacenter)\s+"
)
_SAME_BEFORE = re.compile(r"\b(?:the same|this|that|these|those)\s+$", re.IGNORECASE)


def _device_again(text: str, candidate: Candidate, chosen: list[Candidate], vocabulary: Vocabulary) -> bool:
    """Whether a processor class (pg:genericClass) names again a device named before it: "an RTX 4080
    laptop GPU", "on an H100 ... on the same GPU"; or names the class of a device the paper names
    anywhere (skos:broader): "eight H100s ... 408 TFLOPs/s per GPU". It is that device, not a class the
    paper runs on besides it.

    >>> from .vocabulary import Term
    >>> v = Vocabulary()
    >>> v.add(Term("a100", "x", "A100", "Hardware", ("A100",), broader=("gpu",)))
    >>> v.add(Term("h100", "x", "H100", "Hardware", ("H100",)))
    >>> v.add(Term("gpu", "x", "GPU", "Hardware", ("GPU",), generic_class=True))
    >>> t = "On an H100 it reaches 700 TFLOPs/s, and 900 on the same GPU; any GPU works."
    >>> found = [Candidate(6, 10, "vocabulary", "h100", "H100", "Hardware"),
    ...          Candidate(56, 59, "vocabulary", "gpu", "GPU", "Hardware"), Candidate(65, 68, "vocabulary", "gpu", "GPU", "Hardware")]
    >>> [_device_again(t, c, found, v) for c in found]
    [False, True, False]
    >>> _device_again(t, found[2], [*found, Candidate(80, 84, "vocabulary", "a100", "A100", "Hardware")], v)
    True
    """
    term = vocabulary.terms.get(candidate.key) if candidate.key else None
    if term is None or term.type != "Hardware" or not term.generic_class:
        return False
    devices = [
        c for c in chosen
        if c.type == "Hardware" and not (c.key in vocabulary.terms and vocabulary.terms[c.key].generic_class)
    ]
    if any(term.slug in _classes_of(text[c.start : c.end], c.key, vocabulary) for c in devices):
        return True
    # A device, or a name not typed yet, right before the class is the device it names: "a Kirin-990 CPU".
    if any(text[c.end : candidate.start] == " " and (c.type is None or c in devices) for c in chosen):
        return True
    named = [c for c in devices if c.end <= candidate.start]
    if not named:
        return False
    last = max(named, key=lambda c: c.end)
    return bool(
        _FORM_FACTOR_GAP.fullmatch(text, last.end, candidate.start)
        or _SAME_BEFORE.search(text, max(0, candidate.start - 12), candidate.start)
    )


_ACTIVITY_QUALIFIER = re.compile(r"(?:decoding|serving|generation|prefill|end-to-end|request|system|overall|peak)\s+")


# What follows a metric's name where a value is measured with it: "MAE drops from 0.31", "a test MAE of 0.08",
# "MAE by 4%", "PQ (%) of 41.2", "MAE on Weather falls to 0.22", "SR = 0.81".
_MEASURED_AFTER = re.compile(
    r"(?:\s*\([^()]{1,12}\))?(?:\s+(?:on|at|for)\s+[\w./-]+(?:\s+[A-Z0-9][\w./-]*)?,?)?"
    rf"(?:\s+(?:{names.CHANGE_VERB}|of|is|was|were|reaches|reached|stays|remains|by|from|to|only|just|about|"
    r"roughly|nearly|below|above|under|over)\b|\s*[=:≤≥<>]){1,3}\s*[~≈]?\s*[-+−]?\d"
)
# ... and before it: "0.31 MAE", "41.2 PQ", "a 12% lower MAE".
_MEASURED_BEFORE = re.compile(r"(?<![\w./-])\d+(?:\.\d+)?\s*(?:%\s*)?(?:(?:lower|higher|better|worse)\s+)?$")


def _read_as_measured(
    text: str, chosen: list[Candidate], vocabulary: Vocabulary, short_keys: dict[str, Candidate]
) -> None:
    """A metric's measured label (pg:measuredLabel) names the metric where a value is measured with it, whatever
    else it names elsewhere: "MAE drops from 0.31 to 0.27" is the mean absolute error, "a pretrained MAE" the
    masked autoencoder. Not a short form the paper defines itself.

    >>> from .vocabulary import Term
    >>> v = Vocabulary()
    >>> v.add(Term("mae", "m", "MAE", "Model", ("MAE",)))
    >>> v.add(Term("mean-absolute-error", "e", "mean absolute error", "Metric", ("mean absolute error",),
    ...            measured_labels=("MAE",)))
    >>> t = "Starting from MAE, the test MAE drops from 0.31 to 0.27, a 0.04 MAE gain."
    >>> found = [Candidate(m.start(), m.end(), "vocabulary") for m in re.finditer("MAE", t)]
    >>> for c in found: c.name_by(v.lookup("MAE"))
    >>> _read_as_measured(t, found, v, {})
    >>> [c.name for c in found]
    ['MAE', 'mean absolute error', 'mean absolute error']
    """
    for candidate in chosen:
        surface = text[candidate.start : candidate.end]
        slug = vocabulary.measured.get(name_key(surface, keep_case=True))
        if slug is None or name_key(surface) in short_keys or candidate.key == slug:
            continue
        if _MEASURED_AFTER.match(text, candidate.end) or _MEASURED_BEFORE.search(text, max(0, candidate.start - 16), candidate.start):
            candidate.name_by(vocabulary.terms[slug])


def _give_key(text: str, candidate: Candidate, vocabulary: Vocabulary, short_keys: dict[str, Candidate]) -> None:
    if candidate.key is not None:
        return
    surface = text[candidate.start : candidate.end]
    term = vocabulary.lookup(surface)
    if term is not None:
        candidate.name_by(term)
        return
    qualified = _ACTIVITY_QUALIFIER.match(surface) if candidate.component == "measured" else None
    if qualified is not None and (term := vocabulary.lookup(surface[qualified.end() :])) is not None:
        candidate.name_by(term)  # "decoding throughput", "serving latency": throughput and latency, as written
        return
    defined = short_keys.get(name_key(surface)) or short_keys.get(name_key(names._strip_plural(surface)))
    if defined is not None:
        candidate.name_as(defined)
        return
    candidate.key = name_key(candidate.name or surface)


def _link_proposals(
    text: str,
    title_end: int,
    chosen: list[Candidate],
    cues: list[names.ProposalCue],
    vocabulary: Vocabulary,
    proposed: dict[str, tuple[int, int, str]],
) -> list[Candidate]:
    """Mark what the paper proposes; create candidates for new names where needed.

    The object of a proposal cue; "our X" / "the proposed X" for a name the
    vocabulary lacks (a capitalised phrase after "our" is such a name); and an
    acronym the paper defines in a sentence about its own work.
    """
    # An abstract states its contributions a few times; past MAX_PROPOSAL_CUES cues the text is no abstract,
    # and reading every cue against every name would take time quadratic in its length.
    for cue in cues[:MAX_PROPOSAL_CUES]:
        if cue.kind == "propose":
            for start, end in names.enumerated_objects(text, cue.position, _sentence_end(text, cue.position)):
                new = _new_candidate(text, start, end, "proposal", vocabulary)
                if new is not None:
                    chosen = _adopt(chosen, new, proposed, "proposal:listed", same_key=False)
            # "... together with staleness-aware error feedback, a variant of ...", "we pair it with
            # deferred KV backfilling, which ...": a second new technique the sentence describes.
            for match in itertools.chain(
                _COMPANION.finditer(text, cue.position, _sentence_end(text, cue.position)),
                _ITS_VARIANT.finditer(text, cue.position, _sentence_end(text, cue.position)),
            ):
                new = _new_candidate(text, match.start(1), match.end(1), "proposal", vocabulary)
                if new is not None and new.concept is None:
                    chosen = _adopt(chosen, new, proposed, "proposal:companion", same_key=False)
        clause_end = _clause_end(text, cue.position)
        target = _first_after(text, chosen, cue.position, clause_end)
        if target is not None and _named_later(text, target):
            continue  # "a bias-only balancing scheme ..., which we term Drift-Corrected Routing": the name is proposed
        if target is not None and _known_kind(text, cue.position, target):
            continue  # "We present a radix join that ...": one of a known kind, which the work builds on
        described = _DESCRIBED_NAME.match(text, cue.position, clause_end) if cue.kind == "propose" else None
        # A plain word in brackets after the description is its name ("scheduler (Perch)"); an acronym
        # there is the description's own short form ("Entropy-Calibrated Policy Optimization (ECPO)").
        if target is not None and not (
            described is not None and target.end <= described.start(1) and described.group(1)[1:].islower()
        ):
            if (longer := _tagged_known_name(text, target, chosen, clause_end, vocabulary)) is not None:
                chosen, target = _replace_inside(chosen, longer), longer  # "We propose Mamba Plus": a new name
            proposed.setdefault(target.key, (target.start, target.end, f"proposal:{cue.kind}"))
            chosen = _propose_listed(text, chosen, target, vocabulary, proposed, f"proposal:{cue.kind}")
            continue
        if described is not None:
            # "design a scheduling pass (RouteFuse) that ...", "a topology-aware expert placement scheduler
            # (Perch)": the name in brackets after what it is, not the description.
            new = _new_candidate(text, described.start(1), described.end(1), "proposal", vocabulary)
            if new is not None and new.concept is None:
                chosen = _replace_inside(chosen, new)
                if new in chosen:
                    proposed.setdefault(new.key, (new.start, new.end, "proposal:described"))
                    continue
        for start, end in names.proposal_objects(text, cue, clause_end):
            new = _new_candidate(text, start, end, "proposal", vocabulary)
            if new is None or _named_later(text, new) or _known_kind(text, cue.position, new):
                continue  # (and "a speculative decoding method": a known kind of method, no name)
            chosen = _replace_inside(chosen, new)
            proposed.setdefault(new.key, (new.start, new.end, f"proposal:{cue.kind}"))
            if new in chosen:
                chosen = _propose_listed(text, chosen, new, vocabulary, proposed, f"proposal:{cue.kind}")
    for match in finditer_at(_WE_TRAIN, text, _WE_HEADS, title_end):
        # "we train Mender-32B by fine-tuning ...": a new model's name, not a known model trained again.
        target = _first_after(text, chosen, match.end(), _clause_end(text, match.end()))
        if (
            target is not None
            and target.component in ("coined", "acronym")  # "we train Sufficiency-Aware Retrieval Control (SARC)"
            and target.concept is None
            and known_base(text[target.start : target.end], vocabulary) is None
        ):
            proposed.setdefault(target.key, (target.start, target.end, "proposal:trained"))
            # "We train Tern-7B and Tern-34B": the sizes listed with it too.
            chosen = _propose_listed(text, chosen, target, vocabulary, proposed, "proposal:trained")
    for match in finditer_at(_YIELDING, text, _YIELDING_HEADS, title_end):
        # "We add a length-normalised margin, giving LN-DPO", "... to obtain LexLlama-8B": what the work made.
        if (new := _authors_new_name(text, *match.span(1), vocabulary)) is not None:
            chosen = _adopt(chosen, new, proposed, "proposal:yielding")
    for match in finditer_at(_REMEDY_WITH, text, _REMEDY_HEADS, title_end):
        if (new := _authors_new_name(text, *match.span(1), vocabulary)) is not None:
            chosen = _adopt(chosen, new, proposed, "proposal:remedy")
    for verb in finditer_at(_PASSIVE_VERB, text, _PASSIVE_VERBS, title_end):
        # "In this work, EchoFlow is proposed: ...": the name comes before the verb.
        match = _PASSIVE_BE.search(text, max(title_end, verb.start() - 24), verb.start())
        if match is None or _BY_AGENT.match(text, verb.end()):
            continue
        name = _NAME_BEFORE.search(text, max(title_end, match.start() - 60), match.start()) or _APPOSED_BEFORE_BE.search(
            text, max(title_end, match.start() - 260), match.start()
        )
        if name is None or name.group(name.lastindex) in _NOT_NAMES:
            continue
        new = _new_candidate(text, name.start(name.lastindex), name.end(name.lastindex), "proposal", vocabulary)
        if new is not None:
            chosen = _adopt(chosen, new, proposed, "proposal:passive")
    for match in finditer_at(_OUR_NAME, text, _OUR_HEADS, title_end):
        new = _new_candidate(text, match.start(1), match.end(1), "proposal", vocabulary)
        if new is not None and not any(c.overlaps(new.start, new.end) for c in chosen):
            chosen.append(new)
    for match in finditer_at(_APPOSED_PHRASE, text, _OUR_HEADS, title_end):
        # "Our method, uncertainty-triggered re-retrieval, monitors ...": a lower-case name in apposition.
        phrase = match.group(1)
        if ("-" in phrase or " " in phrase) and not _CLAUSE_NOT_NAME.match(phrase):
            new = _new_candidate(text, match.start(1), match.end(1), "proposal", vocabulary)
            if new is not None:
                chosen = _adopt(chosen, new, proposed, "proposal:apposed", same_key=False)
    for match in finditer_at(_THAT_IS_PHRASE, text, _THAT_IS_HEADS, title_end):
        phrase = match.group(1)
        if (
            ("-" in phrase or " " in phrase)
            and not _CLAUSE_NOT_NAME.match(phrase)
            and _KIND_BEFORE_COMMA.search(text, max(title_end, match.start() - 60), match.start())
            and _INTRODUCING.search(sentence := _sentence_around(text, match.start()))
            and _FIRST_PERSON.search(sentence)
        ):
            new = _new_candidate(text, match.start(1), match.end(1), "proposal", vocabulary)
            if new is not None:
                chosen = _adopt(chosen, new, proposed, "proposal:apposed", same_key=False)
    # Every match has a kind noun, a comma and a capital: most abstracts have none, and
    # looking for that is cheaper than trying the pattern at every "a".
    apposed = _APPOSED_NAME.finditer(text, title_end) if _has_apposed_kind(text, title_end) else ()
    for match in apposed:
        # "Our model, Hymba-1B, ...", "we introduce a new benchmark, CodeArena, ...",
        # "this paper introduces an efficient attention kernel, FlashQ, ...".
        lead = match.group(1).lower()
        sentence = _sentence_around(text, match.start())
        # "a strong baseline model, LLaMA-7B": not the paper's own. An unknown name the authors' sentence
        # describes is ("We adapt SAM 2 with a memory-pruning scheme, SurgMem."), even with no "we propose".
        if lead in ("a", "an") and not (
            _FIRST_PERSON.search(sentence)
            and not _COMPARISON.search(sentence)
            and (_INTRODUCING.search(sentence) or _unknown_name(match.group(2), vocabulary))
            # "a newly collected dataset, VidRefine-10K, is released": made for the paper, even unsaid by whom.
            or _NEWLY_MADE.match(text, match.end(1)) and _unknown_name(match.group(2), vocabulary)
        ):
            continue
        new = _new_candidate(text, match.start(2), match.end(2), "proposal", vocabulary)
        if new is not None:
            chosen = _adopt(chosen, new, proposed, "proposal:apposed")
    # "KestrelEnv is a collection of 41,200 executable task environments mined from ...": a name the abstract
    # defines as a set of counted items, and no name the vocabulary knows, is the paper's own.
    for match in _finditer_defined_set(text, title_end):
        if _unknown_name(match.group(1), vocabulary):
            new = _new_candidate(text, match.start(1), match.end(1), "proposal", vocabulary)
            if new is not None:
                new.type = "Dataset"
                chosen = _adopt(chosen, new, proposed, "proposal:defined-set")
    for start, end, said_new in _named_as_own(text, title_end):
        new = _new_candidate(text, start, end, "proposal", vocabulary)
        # "Llama-3-8B, our base model.": a known model, or a size of one, is not made new by "our".
        if new is not None and (said_new or (new.concept is None and known_base(text[start:end], vocabulary) is None)):
            chosen = _adopt(chosen, new, proposed, "proposal:own-apposition")
    # "..., using reversible instance normalization (RevIN) to ...": a definition the work uses, not its own.
    first_defined: dict[str, int] = {}
    for candidate in chosen:
        if candidate.component == "acronym" and candidate.key:
            first_defined[candidate.key] = min(candidate.start, first_defined.get(candidate.key, candidate.start))
    used_definitions = {
        key for key, start in first_defined.items() if _USED_BEFORE.search(text, max(0, start - 40), start)
    }
    for candidate in chosen:
        surface = text[candidate.start : candidate.end]
        if (
            candidate.component in ("coined", "acronym", "proposal", "headed", "phrase")
            and names.our_before(text, candidate.start, max(0, candidate.start - 40))
            # "the successor of our Sparkle ...": the authors' earlier work, which this one extends.
            and not _OUR_EARLIER_WORK.search(text, max(0, candidate.start - 60), candidate.start)
            # "the resulting Llama-3-8B checkpoints": a size of a known model is not the paper's own.
            and not (candidate.component == "coined" and _SIZE_TAIL.search(surface) and known_base(surface, vocabulary))
        ):
            proposed.setdefault(candidate.key, (candidate.start, candidate.end, "proposal:our"))
        elif candidate.component == "acronym":
            sentence = _sentence_around(text, candidate.start)
            long = (candidate.name or "").casefold()
            title = text[:title_end].casefold()
            known = candidate.concept is not None
            if (
                not known
                and candidate.key not in used_definitions
                and _FIRST_PERSON.search(sentence)
                and _INTRODUCING.search(sentence)
                and not _COMPARISON.search(sentence)
                # "Inspired by ... Synaptic Intelligence (SI), we propose ...": prior work the sentence starts from.
                and not _PRIOR_WORK_LEAD.search(text, max(0, candidate.start - 160), candidate.start)
            ):
                proposed.setdefault(candidate.key, (candidate.start, candidate.end, "proposal:defined"))
            elif (
                len(long.split()) >= 2
                and (title.startswith(long) if known else long in title)
                and not _DEFINITION.search(sentence)
                and not (known and _FIRST_PERSON.search(text, title_end, candidate.start) is None)
            ):
                # A defined name the title carries: "Gated Linear Attention Transformers ...". A known one
                # must open the title: the paper that named it ("... via Speculative Decoding" uses it),
                # and be defined where the abstract speaks of its own work, not in the problem it
                # starts from ("Sharpness-aware minimization (SAM) doubles the cost ...").
                proposed.setdefault(candidate.key, (candidate.start, candidate.end, "proposal:title-acronym"))
    return chosen


_OUR_NAME = re.compile(
    r"\b(?:[Oo]ur(?:\s+proposed)?|[Tt]he proposed)\s+(?:(?:" + "|".join(names.OUR_KINDS) + r")\s+)?"
    r"((?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*){0,3})\b"
)
_OUR_HEADS = ("our", "Our", "the proposed", "The proposed")  # what every _OUR_NAME match starts with
# A kind of thing the paper makes, then its name in apposition.
_APPOSED_PHRASE = re.compile(
    r"(?:[Oo]ur|[Tt]he proposed)\s+(?:method|approach|framework|technique|algorithm|system|model|scheme),\s+"
    r"([a-z][\w-]*(?:\s[a-z][\w-]*){0,4}),"
)
_COMPANION = re.compile(
    r"\b(?:together with|along with|combined with|paired with|pair (?:it|them) with|complement(?:ed)? (?:it |them )?with)\s+"
    # "deferred KV backfilling", "together with SciFig-1M, a corpus of ...".
    rf"([a-z][\w-]*(?:\s(?:[a-z][\w-]*|[A-Z]{{2,4}})){{1,3}}|{names.NEW_NAME}),\s+(?:which|that|an?)\s"
)
# "We introduce Whisk, a keyword spotting transformer, and its variant Whisk-Lite, which ...": the work's own
# variant of what it proposes.
_ITS_VARIANT = re.compile(
    rf"\band its (?:[\w-]+\s+){{0,2}}?(?:variant|version|extension|counterpart)s?,?\s+({names.NEW_NAME})(?![\w-])"
)
# "our model, trained on a single dataset, ...", "our method, which is simple, ...": a clause, not a name.
_CLAUSE_NOT_NAME = re.compile(r"(?:which|that|when|while|where|unlike|like|once|[a-z]+[^e]ed|[a-z]+ly)\b|.*\b(?:a|an|the)\b")
_DESCRIBED_NAME = re.compile(
    r"\s*(?:an?\s+|the\s+)?(?:[a-z][\w-]*\s+){1,6}?\(([A-Z][\w.+-]*[A-Z0-9][\w.+-]*|[A-Z][a-z]{2,}[\w.+-]*)\)(?=[\s,.;:])"
)
_APPOSED_KINDS = (
    "model|method|framework|approach|system|benchmark|dataset|architecture|algorithm|library|toolkit|metric|"
    "kernel|layer|module|engine|tool|compiler|optimizer|agent|protocol|pipeline|recipe|strategy|technique|"
    "estimator|retriever|scheduler|runtime|scheme|mechanism|router|planner|sampler|solver|controller|simulator|"
    "objective|network|operator|encoder|decoder|tokenizer|accelerator|policy|implementation|prover|variant|"
    "detector|generator|classifier|predictor|verifier|adapter|renderer|tracker|reranker|criterion|resampler|rule|"
    "heuristic|regularizer|loss|prior|projector|head|cache|index|format|representation|curriculum|suite|corpus|"
    "subset|collection|family|series|pass|allocator|fuzzer|environment|language|profiler|analy[sz]er|emulator|"
    "primitive|abstraction|interface|platform|testbed|workflow|paradigm|attack|defen[cs]e|watermark|partitioner|"
    "optimiser|tokeniser|regulariser|quanti[sz]er|pruner|compressor|evaluator"
)
# "Zephra, our proposed router, ...", "Zephra, a router we introduce, ...": a name the apposition after it
# says is the paper's own ("our" alone with a known name is not: "Llama-3, our base model").
_NAME_THEN_OURS = re.compile(
    rf"\b({names.NEW_NAME}),\s+"
    r"(?:our\s+(?:(proposed|new|novel)\s+[\w-]+|(?:[\w-]+\s+){0,2}?(?:" + _APPOSED_KINDS + r"))(?=[,.;)])"
    # "DCLM-Sieve, a 2.1T-token curated subset of DCLM-Pool that we publicly release"
    r"|(?:(?:an?|the)\s+(?:[\w.-]+\s+){0,3}?(?:" + _APPOSED_KINDS + r")\s+(?:of\s+[\w.-]+\s+)?|which\s+|that\s+)"
    r"(?:that\s+|which\s+)?(?P<we>we)\s+(?:[a-z]+ly\s+)?"
    r"(?:introduce|propose|present|develop|design|build|release|construct|collect|curate|create|generate|contribute)\b"
    r"|an?\s+(new|novel)\s+(?:[\w-]+\s+){0,3}?(?:" + _APPOSED_KINDS + r")\b)"  # "HeronEval, a new suite of tasks"
)
# The verbs of _NAME_THEN_OURS's "... we <verb>" (maybe "we publicly release"): a text without one needs no search.
_WE_INTRODUCE = (
    "introduce", "propose", "present", "develop", "design", "build", "release", "construct", "collect", "curate",
    "create", "generate", "contribute",
)
# "Zephra is a new routing scheme ...", opening a sentence: a name defined as new.
_IS_NEW = re.compile(rf"({names.NEW_NAME})\s+is\s+an?\s+(?:new|novel)\b")
# "The resulting model, PlanRT, ...", "The modified architecture, ModDiT, ...": what the work made.
_MADE = r"[Tt]he (?:resulting|modified|extended|fine-tuned|adapted|improved|distilled|final)"
_NEWLY_MADE = re.compile(r"\s+newly\s+(?:collected|constructed|curated|created|built|annotated|released|introduced)\b")
_THAT_IS = rf"(?:{names.THAT_IS}\s+)?"  # "a new benchmark, namely CodeHarbor,", "a simple strategy, i.e., segment rollout,"
# "we devise a simple strategy, i.e., segment rollout, that ...": a lower-case name the work gives to what it makes.
_THAT_IS_PHRASE = re.compile(names.THAT_IS + r"\s+([a-z][\w-]*(?:\s[a-z][\w-]*){0,4}),")
_THAT_IS_HEADS = ("i.e.", "namely")  # what every _THAT_IS_PHRASE match starts with
_KIND_BEFORE_COMMA = re.compile(
    r"\b(?:a|an)\s+(?:[\w-]+\s+){0,2}(?:method|approach|framework|technique|algorithm|scheme|strategy|module|"
    r"mechanism|loss|objective|procedure|operation|trick),\s+$"
)
_DEFINED_SET = re.compile(
    rf"(?<![^.!?]\s)(?<=\s)({names.NEW_NAME})\s+is\s+an?\s+(?:(?:new|novel|large|large-scale|curated|public|open)\s+){{0,2}}"
    r"(?:collection|dataset|benchmark|suite|corpus)\s+of\s+(?:over\s+|more than\s+|about\s+|roughly\s+)?\d[\d,.]*[KkMm]?\s"
)


def _finditer_defined_set(text: str, title_end: int):
    """Sentences that open by defining a name as a set of counted items (" is a collection of" is looked
    for first: most abstracts have none)."""
    if " is a" not in text:
        return ()
    return _DEFINED_SET.finditer(text, title_end)


_APPOSED_NAME = re.compile(
    rf"\b([Oo]ur|[Tt]he proposed|{_MADE}|an?)\s+(?:[a-z0-9][\w-]*(?:\.\d+[\w-]*)?\s+){{0,3}}"
    rf"(?:{_APPOSED_KINDS}),\s+{_THAT_IS}[\"\u201c]?({names.NEW_NAME})[\"\u201d]?(?=[\s,.;:)])"  # quoted or not
)
# The comma and capital are looked for first (re skips to a comma in C), then the kind noun before.
_COMMA_CAPITAL = re.compile(r",\s+" + _THAT_IS + r"[\"\u201c]?[A-Z]")
_KIND_ENDS = re.compile(rf"(?:{_APPOSED_KINDS})$")
_LONGEST_KIND = max(map(len, _APPOSED_KINDS.split("|")))
# "giving LN-DPO", "to obtain LexLlama-8B", "yielding a system, X": what a change to known work yields.
_YIELDING_HEADS = ("yielding", "giving", "obtaining", "producing", "resulting in", "to obtain", "to produce", "to get")
_YIELDING = re.compile(
    r"(?:" + "|".join(_YIELDING_HEADS) + r")\s+(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:" + _APPOSED_KINDS + r")\s+)?"
    rf"({names.NEW_NAME})(?![\w+-]|\.\w)"
)
# "We replace this projector with PatchRoute, a query-conditioned module", "we address this with GateMix, a
# routing layer": a new name given as the work's remedy or replacement, said to be a kind of thing.
_REMEDY_HEADS = ("replac", "swap", "substitut", "address", "tackl", "solv", "mitigat", "overcom", "remed", "revisit")
_REMEDY_WITH = re.compile(
    r"(?:" + "|".join(_REMEDY_HEADS) + r")[a-z]*\s+[^.;:]{0,80}?"
    rf"\b(?:with|for|by)\s+({names.NEW_NAME}),\s+(?:a|an)\s"
)
_WE_TRAIN = re.compile(r"\b(?:[Ww]e|to)\s+(?:(?:also|then|further|first|next)\s+)?(?:pre-?)?train\s+")
_WE_HEADS = ("We", "we", "to")  # what every _WE_TRAIN match starts with
# "Federated learning (FL) is a type of ...": a definition of something known.
_DEFINITION = re.compile(r"\)\s+(?:is|are|refers to|denotes)\s+(?:a|an|the)\b")
# The participles are looked for (few), then "is"/"are" right before them.
_PASSIVE_VERBS = ("proposed", "introduced", "presented", "developed")
_PASSIVE_VERB = re.compile(r"(?:proposed|introduced|presented|developed)\b")
_PASSIVE_BE = re.compile(r"(?<![\w-])(?:is|are) (?:\w+ly )?$")
# A dot only inside a word: "We propose ShellWright. Repairs are proposed by ..." names no "ShellWright. Repairs".
_NAME_BEFORE = re.compile(r"(?<![\w-])((?:[A-Z](?:[\w+-]|\.(?=\w))*)(?:\s+[A-Z](?:[\w+-]|\.(?=\w))*){0,2})\s+$")
_BY_AGENT = re.compile(r"\s+by\s+(?!(?:\w+ing|means|using)\b)")  # "... are proposed by a small model": another's
# The same with an apposition before the verb: "QRoute, a routing-aware scheme that ..., is proposed",
# "A blur-aware feature tracker, BlurTrack, is introduced".
_APPOSED_BEFORE_BE = re.compile(
    rf"(?<=[.;:,]\s)({names.NEW_NAME}),\s+(?:an?|the)\s+[^;.()]{{1,240}}?,\s+$"
    rf"|\b(?:[Aa]n?|[Tt]he)\s+(?:[\w-]+\s+){{0,4}}?(?:{_APPOSED_KINDS}),\s+({names.NEW_NAME}),\s+$"
)
_NOT_NAMES = frozenset("It This That These Those The A An We Our Here Which".split())
_INTRODUCING = AnyCase(
    r"\b(?:propos|introduc|present|develop|design|call|term|name(?!ly)|dub|formulat|inform|devis|build|creat|generali[sz]|"
    r"extend)\w*"  # not "namely": "We benchmark four techniques, namely a separate draft model, Medusa, ..."
    # "We distill OpenVLA into a 300M-parameter policy, TinyVLA-Edge, ...": what the work makes of a model.
    r"|\b(?:distill|convert|compress|upcycl)\w*\s+(?:[\w.-]+\s+){1,4}?into\b"
)
_FIRST_PERSON = AnyCase(r"\b(?:we|our|this (?:paper|work|study))\b")
_PRIOR_WORK_LEAD = AnyCase(
    r"(?:(?<=[.;]\s)|(?<=\n))(?:inspired by|following|building (?:up)?on|based on|extending|similar to|like)\s[^.;]*$"
)
_COMPARISON = AnyCase(r"\b(?:compar\w+|than|outperform\w*|surpass\w*|baselines?|unlike|prior|previous|existing)\b")


def _propose_listed(
    text: str, chosen: list[Candidate], first: Candidate, vocabulary: Vocabulary,
    proposed: dict[str, tuple[int, int, str]], rule: str,
) -> list[Candidate]:
    """Propose the names listed after a proposed one (see :func:`_listed_after`); ``chosen`` with any new ones."""
    for listed in _listed_after(text, chosen, first, vocabulary):
        if listed not in chosen:
            chosen = _replace_inside(chosen, listed)
        proposed.setdefault(listed.key, (listed.start, listed.end, rule))
    return chosen


def _listed_after(text: str, chosen: list[Candidate], first: Candidate, vocabulary: Vocabulary) -> list[Candidate]:
    """New names listed right after ``first``, past what an apposition says of each: "We propose LiteDrop
    and LiteMix", "We propose Zephra, a 1.3B language model, and Kestrel, an agent" (a capitalised word
    after an apposition is a name, found or not).

    >>> t = "We propose Zephra, a 1.3B language model, and Kestrel, an agent."
    >>> found = [Candidate(11, 17, "coined", "zephra"), Candidate(21, 25, "coined", "13b")]
    >>> [(c.key, c.start) for c in _listed_after(t, found, found[0], Vocabulary())]
    [('kestrel', 46)]
    """
    listed, last = [], first
    ordered = sorted(chosen, key=lambda c: c.start)
    while True:
        after = [c for c in ordered if c.start >= last.end]
        apposed = _APPOSED_GAP.match(text, last.end)
        if apposed is not None:
            after = [c for c in after if c.start >= apposed.end()]  # none of the names inside the apposition
        nxt = after[0] if after else None
        if nxt is not None and nxt.component in ("coined", "acronym", "proposal") and (
            LIST_GAP.fullmatch(text, last.end, nxt.start) or (apposed is not None and nxt.start == apposed.end())
        ):
            listed.append(nxt)
        elif apposed is not None and (nxt is None or nxt.start > apposed.end()) and (
            name := _NAME_AT.match(text, apposed.end())
        ) and (new := _new_candidate(text, name.start(), name.end(), "proposal", vocabulary)) is not None:
            listed.append(new)
        else:
            return listed
        last = listed[-1]


# (A decimal point or a thousands comma stays inside: "a benchmark of 3,200 web forms".)
_APPOSED_GAP = re.compile(
    r",\s+(?:an?|the)\s+(?:[^,;.()]|(?<=\d)[.,](?=\d)){1,100}?,\s+(?:and\s+)?"
    r"|\s*\([^()]{1,40}\)(?:\s*,)?\s+(?:and\s+)?(?=[A-Z])"  # "Murmur-Tiny (9M) and Murmur-Small (38M)"
)
# A name that an apposition or a bracket follows: "Kestrel, an agent", "Murmur-Small (38M)".
_NAME_AT = re.compile(names.NEW_NAME + r"(?=,\s+(?:an?|the)\s|\s*\()")


# The item after a list's last name, and the one before its first: "MuSiQue and Bamboogle", "Hypersim, KITTI".
# A full stop may end the sentence after it ("such as FasterTransformer and Orca."), not continue it ("Orca.js").
_NEXT_ITEM = re.compile(LIST_JOIN + r"([A-Z][\w+-]*[\w+])(?![\w-]|\.\w|\s+[A-Z0-9])")
_ITEM_BEFORE = re.compile(r"(?<![\w.-])([A-Z][\w+-]*[\w+])" + LIST_JOIN + "$")
_AND_OR = re.compile(r"\b(?:and|or)\b")
# What opens a list of rivals or examples, so that one known name in it is enough: "Compared with S-LoRA
# and Punica", "systems such as Tutel and DeepSpeed-MoE" (whole words: not the "over" of "we discover").
_LIST_LEAD = re.compile(
    r"\b(?:[Cc]ompar(?:ed|es|ing)(?: \w+ly| well)? (?:with|to|against)|than|over|outperform\w*|surpass\w*|exceed\w*|"
    r"beat\w*|against|versus|vs\.?|such as|"
    r"including)\s+(?:the\s+)?$"
)


def _listed_with_known(text: str, title_end: int, chosen: list[Candidate], vocabulary: Vocabulary) -> list[Candidate]:
    """One-word names at either end of a list of known names of one type, as names of that type:
    "on HotpotQA, 2WikiMultiHopQA, MuSiQue and Bamboogle" (a capitalised word is no candidate by itself).

    >>> t = "on HotpotQA, MuSiQue and Bamboogle, GateRAG wins"
    >>> known = [Candidate(3, 11, "vocabulary", "hotpotqa", "HotpotQA", "Dataset"),
    ...          Candidate(13, 20, "vocabulary", "musique", "MuSiQue", "Dataset"),
    ...          Candidate(36, 43, "coined")]
    >>> [(t[c.start:c.end], c.type) for c in _listed_with_known(t, 0, known, Vocabulary())]
    [('Bamboogle', 'Dataset')]

    One known name lists another only after a cue that opens a list of rivals or examples (not the "over"
    of "discover"):

    >>> t = "Compared with HotpotQA and Zorblat, we discover HotpotQA and Zorblat"
    >>> known = [Candidate(14, 22, "vocabulary", "hotpotqa", "HotpotQA", "Dataset"),
    ...          Candidate(48, 56, "vocabulary", "hotpotqa", "HotpotQA", "Dataset")]
    >>> [(c.start, t[c.start:c.end]) for c in _listed_with_known(t, 0, known, Vocabulary())]
    [(27, 'Zorblat')]
    """
    ordered = sorted(chosen, key=lambda c: c.start)
    taken = {(c.start, c.end) for c in ordered}
    found: list[Candidate] = []
    run: list[Candidate] = []
    for candidate in [*ordered, None]:
        if candidate is not None and run and LIST_GAP.fullmatch(text, run[-1].end, candidate.start):
            run.append(candidate)
            continue
        kinds = {c.type for c in run}
        # Two or more names the vocabulary typed alike make a list of that type; one name, or names not yet
        # typed, only where a comparison or "such as" opens the list (typed later, like any new name).
        known = len(run) >= 2 and len(kinds) == 1 and None not in kinds and all(c.component == "vocabulary" for c in run)
        # (Cheap tests of the joiners first: this runs for every name.)
        joined_after = run and text.startswith((",", " and ", " or "), run[-1].end)
        joined_before = run and text.endswith((", ", " and ", " or "), 0, run[0].start)
        if joined_after or joined_before:
            closed = len(run) >= 2 and _AND_OR.search(text, run[-2].end, run[-1].start) is not None
            after = None if closed or not joined_after else _NEXT_ITEM.match(text, run[-1].end)
            before = _ITEM_BEFORE.search(text, max(title_end, run[0].start - 40), run[0].start) if joined_before else None
            if not known:
                after = after if after and _LIST_LEAD.search(text, max(0, run[0].start - 30), run[0].start) else None
                before = before if before and _LIST_LEAD.search(text, max(0, before.start() - 30), before.start()) else None
            kind = run[0].type if len(kinds) == 1 else None
            for match in (after, before):
                if match is None or match.span(1) in taken or match.group(1).lower() in names.FUNCTION_WORDS:
                    continue
                if names.sentence_initial(text, match.start(1)) or vocabulary.is_stop(match.group(1)):
                    continue
                found.append(Candidate(match.start(1), match.end(1), "listed", type=kind))
        run = [candidate] if candidate is not None else []
    return found


def _adopt(
    chosen: list[Candidate], new: Candidate, proposed: dict[str, tuple[int, int, str]], rule: str, *, same_key: bool = True
) -> list[Candidate]:
    """``chosen`` with ``new`` in place of the candidates inside it; ``new`` is marked proposed by ``rule`` when it
    stands (or, with ``same_key``, when a candidate of its key does: the name recurs elsewhere)."""
    chosen = _replace_inside(chosen, new)
    if new in chosen or (same_key and any(c.key == new.key for c in chosen)):
        proposed.setdefault(new.key, (new.start, new.end, rule))
    return chosen


def _sentence_end(text: str, position: int) -> int:
    """Where the sentence at ``position`` ends: its ". ", or the blank line after the title.

    >>> t = "Tidal: a method called Tidal\\n\\nWe propose Tidal. It is fast."
    >>> t[_sentence_end(t, 0) - 5 : _sentence_end(t, 0)], t[_sentence_end(t, 31) - 5 : _sentence_end(t, 31)]
    ('Tidal', 'Tidal')
    """
    ends = [end for end in (text.find(". ", position), text.find("\n\n", position)) if end >= 0]
    return min(ends, default=len(text))


def _authors_new_name(text: str, start: int, end: int, vocabulary: Vocabulary) -> Candidate | None:
    """A candidate for a coined name the vocabulary lacks, at ``start:end`` of a first-person sentence (what the
    authors made: "..., giving LN-DPO", "we replace X with PatchRoute, a ..."); None otherwise."""
    surface = text[start:end]
    if not (
        names.is_coined(surface.split()[0])
        and _unknown_name(surface, vocabulary)
        and _FIRST_PERSON.search(_sentence_around(text, start))
    ):
        return None
    return _new_candidate(text, start, end, "proposal", vocabulary)


def _sentence_around(text: str, position: int) -> str:
    start = max(text.rfind(". ", 0, position), text.rfind("\n", 0, position)) + 1
    return text[start : _sentence_end(text, position)]


def _named_later(text: str, target: Candidate) -> bool:
    """Whether ``target`` is a lower-case description before a head noun ("a bias-only balancing scheme")
    that its sentence goes on to name ("..., which we term Drift-Corrected Routing"), or one the name
    follows at once ("a serving system, dubbed SpecPage, that ...")."""
    if target.concept is not None:
        # "an efficient CUDA kernel, termed FusedScan": a known name qualifying what the sentence then names.
        head = _HEAD_NOUN_AFTER.match(text, target.end)
        return head is not None and _named_right_after(text, head.end())
    if not text[target.start : target.start + 1].islower():
        return False
    if _named_right_after(text, target.end):
        return True
    return (
        _HEAD_NOUN_AFTER.match(text, target.end) is not None
        and names.NAMED.search(text, target.end, _sentence_end(text, target.end)) is not None
    )


_NAME_GAP = re.compile(r",?\s+")  # between a description and the naming words right after it


def _named_right_after(text: str, position: int) -> bool:
    """Whether naming words follow at once: ", termed FusedScan", " called X" (not "kernel." ending a sentence)."""
    gap = _NAME_GAP.match(text, position)
    return gap is not None and names.NAMED.match(text, gap.end()) is not None


def _first_after(text: str, chosen: list[Candidate], position: int, clause_end: int) -> Candidate | None:
    """The name right after a proposal cue, past lead words ("a novel ...")."""
    for candidate in sorted(chosen, key=lambda c: c.start):
        if candidate.start < position:
            continue
        if candidate.start >= clause_end:
            return None
        if not _only_lead_words(text[position : candidate.start]):
            return None
        if candidate.component in ("vocabulary", "phrase") and _HEAD_NOUN_AFTER.match(text, candidate.end):
            continue  # "a speculative decoding framework": a modifier, not the name
        if candidate.component == "acronym" and _BASED_AFTER.match(text, candidate.end):
            continue  # "a generative adversarial network (GAN) based model": a modifier too
        if (
            candidate.component == "phrase"
            or candidate.component == "vocabulary" and text[candidate.start : candidate.end].islower()
        ) and _OF_AFTER.match(text, candidate.end):
            return None  # "dynamic masking of ...": the whole phrase is the name, a known term's too
        return candidate
    return None


# Capitalised words right after a known name, up to the clause's next break: "Plus" of "Mamba Plus".
_TAG_WORDS = re.compile(r"(?:[ ][A-Z][A-Za-z]*){1,2}(?=[\s,;:.)]|$)")


def _tagged_known_name(
    text: str, target: Candidate, chosen: list[Candidate], clause_end: int, vocabulary: Vocabulary
) -> Candidate | None:
    """A new name made of a known name and capitalised words after it, which a proposal cue names:
    "We propose Mamba Plus, ..." proposes Mamba Plus, not Mamba. None where the words are no name's
    (another candidate, a function word) or the whole is known.

    >>> from .vocabulary import Term
    >>> v = Vocabulary()
    >>> v.add(Term("mamba", "x", "Mamba", "Model", ("Mamba",)))
    >>> t = "We propose Mamba Plus, a model. We propose Mamba, a model. We propose Mamba In practice"
    >>> [getattr(_tagged_known_name(t, Candidate(s, s + 5, "vocabulary", "mamba", "Mamba", "Model", "x"), [],
    ...     len(t), v), "key", None) for s in (11, 43, 68)]
    ['mambaplus', None, None]
    """
    if target.concept is None or target.component != "vocabulary":
        return None
    tag = _TAG_WORDS.match(text, target.end, clause_end)
    if tag is None or any(c.overlaps(tag.start(), tag.end()) for c in chosen if c is not target):
        return None
    if any(word.lower() in names.FUNCTION_WORDS for word in tag.group().split()):
        return None
    new = _new_candidate(text, target.start, tag.end(), "proposal", vocabulary)
    return new if new is not None and new.concept is None else None


def _new_candidate(text: str, start: int, end: int, component: str, vocabulary: Vocabulary) -> Candidate | None:
    surface = text[start:end]
    if vocabulary.is_stop(surface) or not any(map(str.isalnum, surface)):  # "called -" names nothing
        return None
    candidate = Candidate(start, end, component)
    term = vocabulary.lookup(surface)
    if term is not None:
        candidate.name_by(term)
    else:
        candidate.key = name_key(surface)
    return candidate


def _without(chosen: list[Candidate], start: int, end: int) -> list[Candidate]:
    """``chosen`` less the candidates that overlap ``[start, end)``."""
    return [c for c in chosen if not c.overlaps(start, end)]


def _replace_inside(chosen: list[Candidate], new: Candidate) -> list[Candidate]:
    """Add ``new``, dropping the candidates it covers; keep ``chosen`` if one sticks out."""
    overlapping = [c for c in chosen if c.overlaps(new.start, new.end)]
    if any(c.start < new.start or c.end > new.end for c in overlapping):
        return chosen
    return [c for c in chosen if c not in overlapping] + [new]


def _clause_end(text: str, position: int) -> int:
    match = _CLAUSE_END.search(text, position)
    return match.start() if match else len(text)


def _known_kind(text: str, position: int, candidate: Candidate) -> bool:
    """Whether a known lower-case term after a proposal cue is the kind of the work, not its name."""
    return candidate.concept is not None and names.names_a_known_kind(text, position, candidate.start, candidate.end)


def _only_lead_words(gap: str) -> bool:
    words = _GAP_WORD.findall(gap)
    return len(words) <= 4 and all(w.lower() in names._LEAD_WORDS for w in words) and "," not in gap


def _link_title(
    text: str,
    title_end: int,
    chosen: list[Candidate],
    vocabulary: Vocabulary,
    proposed: dict[str, tuple[int, int, str]],
) -> list[Candidate]:
    """A title's "Name:" prefix (or qualified head phrase) is what the paper proposes; so is a title
    that is, all of it, one known name ("Denoising Diffusion Probabilistic Models"): the paper that named it."""
    title = text[:title_end]
    whole = [c for c in chosen if c.start == 0 and c.end == len(title.rstrip()) and c.concept is not None]
    if len(whole) == 1 and whole[0].type in ("Method", "Model", "Dataset"):
        proposed.setdefault(whole[0].key, (0, whole[0].end, "title-is-name"))
        return chosen
    prefix = names.title_prefix(title)
    if prefix is not None:
        start, end = prefix
        surface = title[start:end]
        covering = [c for c in chosen if c.start >= start and c.end <= end]
        if len(covering) == 1 and covering[0].start == start and covering[0].end == end:
            proposed.setdefault(covering[0].key, (start, end, "title-prefix"))
            return chosen
        bare = names.strip_version(surface)
        known = {name_key(c.name or text[c.start : c.end]): c for c in chosen if c.start >= title_end}
        match = known.get(name_key(bare)) or known.get(name_key(surface))
        if match is not None:
            chosen = _without(chosen, start, end)
            chosen.append(Candidate(start, end, "title", match.key, match.name, match.type, match.concept))
            proposed.setdefault(match.key, (start, end, "title-prefix"))
            return chosen
        words = surface.split()
        variant = _named_variant(title, start, end, covering)
        if variant is not None:
            # "Chunked Whisper: Streaming ...": a new variant of a known model, named after it.
            chosen = _without(chosen, start, end) + [variant]
            proposed.setdefault(variant.key, (start, end, "title-prefix"))
        elif (len(words) == 1 or names.is_coined(words[0])) and not vocabulary.is_stop(surface):
            term = vocabulary.lookup(surface)
            candidate = Candidate(start, end, "title", name_key(surface))
            if term is not None:
                candidate.name_by(term)
            chosen = _without(chosen, start, end)
            chosen.append(candidate)
            proposed.setdefault(candidate.key, (start, end, "title-prefix"))
        elif not proposed and (named := _title_named_technique(surface, covering, vocabulary)) is not None:
            # "Entropy-Anchored Policy Optimization: Keeping ...", an abstract that only says "our method".
            candidate = Candidate(start, end, "title", name_key(surface), surface, named)
            chosen = _without(chosen, start, end) + [candidate]
            proposed.setdefault(candidate.key, (start, end, "title-prefix"))
        elif not proposed:
            chosen = _title_technique(text, title_end, end, chosen, vocabulary, proposed)
        return chosen
    # "Continuous Speculative Decoding for ...": a qualified known method named
    # by the title's head phrase and again in the abstract.
    head = _TITLE_HEAD_END.search(title)
    head_end = head.start() if head else len(title)
    phrase = title[:head_end]
    words = phrase.split()
    if not (2 <= len(words) <= 5) or not all(w[0].isupper() for w in words):
        return chosen
    inner = [c for c in chosen if c.end <= head_end and c.component == "vocabulary"]
    if len(inner) != 1 or inner[0].start == 0 or inner[0].end != head_end:
        return chosen
    if vocabulary.lookup(phrase) or vocabulary.is_stop(phrase):
        return chosen
    occurrences = [m.start() for m in re.finditer(re.escape(phrase), text[title_end:], re.IGNORECASE)]
    if not occurrences:
        return chosen
    key = name_key(phrase)
    kind = inner[0].type
    spans = [(0, head_end)] + [(title_end + o, title_end + o + len(phrase)) for o in occurrences]
    chosen = [c for c in chosen if not any(c.overlaps(s, e) for s, e in spans)]
    for s, e in spans:
        chosen.append(Candidate(s, e, "title", key, phrase, kind))
    proposed.setdefault(key, (0, head_end, "title-head"))
    return chosen


_AFTER_COLON = re.compile(r":\s*")


_TITLE_LEADS = frozenset("towards toward beyond when why how what is are do does can rethinking revisiting".split())


def _title_named_technique(prefix: str, covering: list[Candidate], vocabulary: Vocabulary) -> str | None:
    """The type of a title's several-word prefix that names a technique of its own, else None.

    Its words are capitalised and the last is a technique's ("Optimization", "Routing"); not a known name,
    nor one qualified by praise or a lead word ("Efficient Attention", "Towards Faster Decoding").

    >>> _title_named_technique("Entropy-Anchored Policy Optimization", [], Vocabulary())
    'Method'
    >>> _title_named_technique("Efficient Attention", [], Vocabulary()) is None
    True
    """
    words = prefix.split()
    first = words[0].lower()
    if len(words) < 2 or first in names.GENERIC_MODIFIERS or first in _TITLE_LEADS or first.endswith("ing"):
        return None
    last = words[-1].lower()
    if not (names.is_technique_word(last) or names.technique_noun(last)):
        return None
    if vocabulary.lookup(prefix) is not None or vocabulary.is_stop(prefix) or any(c.concept for c in covering if c.end - c.start == len(prefix)):
        return None
    return names.infer_type(prefix, prefix, 0, len(prefix))[0]


def _title_technique(
    text: str,
    title_end: int,
    colon: int,
    chosen: list[Candidate],
    vocabulary: Vocabulary,
    proposed: dict[str, tuple[int, int, str]],
) -> list[Candidate]:
    """A technique a title names after a prefix that is no name, when the abstract proposes nothing else.

    >>> t = "Keyframes First: Coarse-to-Fine Temporal Upsampling for Long Videos\\n\\nWe study video."
    >>> proposed = {}
    >>> found = _title_technique(t, t.index("\\n"), t.index(":"), [], Vocabulary(), proposed)
    >>> [(c.name, c.type) for c in found], list(proposed)
    ([('coarse-to-fine temporal upsampling', 'Method')], ['coarsetofinetemporalupsampling'])
    """
    lead = _AFTER_COLON.match(text, colon, title_end)
    if lead is None:
        return chosen
    head = _TITLE_HEAD_END.search(text, lead.end(), title_end)
    start, end = lead.end(), head.start() if head else title_end
    phrase = text[start:end]
    words = phrase.split()
    if not (2 <= len(words) <= 5) or not all(w[0].isupper() for w in words):
        return chosen
    last = words[-1].lower()
    if not (names.is_technique_word(last) or names.technique_noun(last)):
        return chosen
    if vocabulary.lookup(phrase) is not None or vocabulary.is_stop(phrase):
        return chosen
    # Named as a technique is written in running text: lower case, acronyms kept ("coarse-to-fine temporal upsampling").
    name = re.sub(r"[A-Za-z][a-z]+", lambda m: m.group().lower(), phrase)
    candidate = Candidate(start, end, "title", name_key(phrase), name, "Method")
    chosen = _without(chosen, start, end) + [candidate]
    proposed.setdefault(candidate.key, (start, end, "title-technique"))
    return chosen


_USED_BEFORE = re.compile(
    r"\b(?:using|uses|leveraging|employing|adopting|applying|relying on|based on)\s+"  # not "with": "with the Foo Operator (FO)"
    r"(?:(?:the|a|an|standard|existing)\s+)?$"
)
_OUR_EARLIER_WORK = AnyCase(
    r"\b(?:successor (?:of|to)|extends?|extending|extension of|improves?(?: (?:up)?on)?|builds? (?:up)?on|"
    r"upgrade of|(?:new )?version of|variant of)\s+our\s+(?:[\w-]+\s+){0,2}$"
)
_SIZE_TAIL = re.compile(r"[\s-]+" + names.PARAMETER_COUNT + r"(?:[\s-].*)?$")


def _unknown_name(name: str, vocabulary: Vocabulary) -> bool:
    """Whether neither a name nor what it is a version or size of is in the vocabulary."""
    return vocabulary.lookup(name) is None and known_base(name, vocabulary) is None


def known_base(name: str, vocabulary: Vocabulary) -> Term | None:
    """The vocabulary term a name is a version, size or variant of.

    "MLPerf 1.1" of MLPerf, "Llama-3-8B-Instruct" of Llama 3, "OpenVLA-OFT" of OpenVLA.
    """
    return (
        vocabulary.lookup(names.strip_version(name))
        or (vocabulary.lookup(_SIZE_TAIL.sub("", name)) if _SIZE_TAIL.search(name) else None)
        or _hyphen_base(name, vocabulary)
        or _sized_model(name, vocabulary)
    )


# A name's release at its end, as _DATASET_VERSION reads one: "COCO 2014", "Common Voice 16", "LVIS v1.0"
# (not "Bench", "II": other things).
_RELEASE = re.compile(_DATASET_VERSION.pattern + "$")
# A size or tier after a hyphen, in the codes model families write: "Swin-B", "ViT-B/16", "DiT-XL/2",
# "SegFormer-B5", "Mixtral-8x7B", "SigLIP-SO400M" (not "OpenVLA-OFT", "NeRF-Art", "PowerInfer-2").
_SIZE_CODES = re.compile(r"(?:-(?:[TSBMLHGN]|XX?L|[TSBLHG]\d{1,2}|(?:[TSBLHG]|XX?L)/\d{1,2}|\d{1,2}x\d{1,3}(?:\.\d)?B|SO\d{3}M))+$")


def variant_base(name: str, type_: str, vocabulary: Vocabulary) -> Term | None:
    """The known concept of the same type that a name the vocabulary lacks is a size, tier,
    checkpoint or release of.

    A model's size, tier or checkpoint ("Llama-3-8B-Instruct", "CLIP ViT-L/14", "Whisper large-v3",
    "Swin-B"); a dataset's or device's release ("COCO 2014", "Google Pixel 8"). Not a successor
    ("PowerInfer-2", "Medusa 2") nor a new work named after a known one ("OpenVLA-OFT"): those are
    other things, which a paper may build on.

    >>> from .vocabulary import Term
    >>> v = Vocabulary()
    >>> v.add(Term("llama-3", "https://w3id.org/papergraph/vocab/llama-3", "Llama 3", "Model", ("Llama 3", "Llama-3")))
    >>> v.add(Term("swin", "x", "Swin Transformer", "Model", ("Swin Transformer", "Swin")))
    >>> v.add(Term("coco", "x", "COCO", "Dataset", ("COCO",)))
    >>> v.add(Term("medusa", "x", "Medusa", "Method", ("Medusa",)))
    >>> [getattr(variant_base(n, t, v), "name", None) for n, t in [("Llama-3-8B-Instruct", "Model"),
    ...     ("Swin-B", "Model"), ("COCO 2014", "Dataset"), ("Medusa 2", "Method"), ("Llama-3-Med", "Model"),
    ...     ("Llama-3-8B", "Dataset")]]
    ['Llama 3', 'Swin Transformer', 'COCO', None, None, None]
    """
    if type_ == "Model":
        sized = _SIZE_CODES.search(name)
        base = (
            (vocabulary.lookup(_SIZE_TAIL.sub("", name)) if _SIZE_TAIL.search(name) else None)
            or _sized_model(name, vocabulary)
            or (vocabulary.lookup(name[: sized.start()]) if sized and sized.start() else None)
        )
    elif type_ in ("Dataset", "Hardware") and _RELEASE.search(name):
        base = vocabulary.lookup(_RELEASE.sub("", name))
    else:
        return None
    return base if base is not None and base.type == type_ else None


def _sized_model(name: str, vocabulary: Vocabulary) -> Term | None:
    """The known model a name is a size or tier of, however short its name: T5 in "T5-large".

    >>> from .vocabulary import Term
    >>> vocabulary = Vocabulary()
    >>> vocabulary.add(Term("t5", "x", "T5", "Model", ("T5",)))
    >>> _sized_model("T5-large", vocabulary).name, _sized_model("T5-Net", vocabulary)
    ('T5', None)
    """
    for at, ch in enumerate(name):
        if ch in " -" and _MODEL_SIZE.fullmatch(name, at):
            base = vocabulary.lookup(name[:at])
            return base if base is not None and base.type == "Model" else None
    return None


def _named_variant(title: str, start: int, end: int, covering: list[Candidate]) -> Candidate | None:
    """A title prefix made of a qualifier and a known model's name ("Chunked Whisper"), as a new name.

    The qualifier is a capitalised word that is no generic praise ("Efficient") and no
    gerund ("Rethinking"): those make a title about the model, not a variant of it.
    """
    words = title[start:end].split()
    if len(words) != 2 or len(covering) != 1:
        return None
    known = covering[0]
    qualifier = words[0].lower()
    if (
        known.type != "Model"
        or known.end != end
        or known.start != end - len(words[1])
        or qualifier in names.GENERIC_MODIFIERS
        or qualifier.endswith("ing")
        or not words[0][:1].isupper()
    ):
        return None
    return Candidate(start, end, "title", name_key(title[start:end]), title[start:end], "Model")


def _hyphen_base(name: str, vocabulary: Vocabulary) -> Term | None:
    """The known name a hyphenated one extends: OpenVLA in "OpenVLA-OFT".

    Not a metric, nor a short acronym, of which a new name is rarely a variant:
    "AP-BWE" is no kind of AP (average precision).
    """
    first = name.split("-")[0]
    if len(first) < 3 or first == name:
        return None
    base = vocabulary.lookup(first)
    return base if base is not None and base.type != "Metric" else None


_NAME_PARTS = re.compile(r"[\s-]+")


def family_model(name: str, vocabulary: Vocabulary) -> Term | None:
    """The known model a new name is built on past its first part: LLaVA in "G-LLaVA".

    A part is a model by one of the vocabulary's labels (not a common word): a model
    family a user adds to the vocabulary is read the same way.

    >>> from .vocabulary import Term
    >>> vocabulary = Vocabulary()
    >>> vocabulary.add(Term("llava", "x", "LLaVA", "Model", ("LLaVA",)))
    >>> family_model("G-LLaVA", vocabulary).name, family_model("Video-LLaVA-7B", vocabulary).name
    ('LLaVA', 'LLaVA')
    >>> family_model("LLaVA", vocabulary), family_model("G-LLaMA", vocabulary)
    (None, None)
    """
    for part in _NAME_PARTS.split(name)[1:]:
        term = vocabulary.lookup(part)
        if term is not None and term.type == "Model" and not term.common_word:
            return term
    return None


def _type_untyped(text: str, mentions: list[Found], entities: dict[str, Known], vocabulary: Vocabulary) -> None:
    """Type the entities no vocabulary typed.

    A versioned or extended known name takes its type ("MLPerf 1.1" is a
    benchmark like MLPerf, "OpenVLA-OFT" a model like OpenVLA); else the first
    cue found over its mentions ("a dataset", "on an RTX 4090"); else the type
    of the known names it is listed with ("LLFF, IN2N and NeRF-Art"); else the
    type its name's shape suggests.
    """
    known_types = {key: entity.type for key, entity in entities.items() if entity.type}
    # Each entity's mentions, and which entities a name could extend (a name it starts with, or one ending in
    # its last word, for a qualified multi-word name): looked up, not searched, so thousands of names stay linear.
    at_key: dict[str, list[int]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        at_key[mention.key].append(index)
    order = {key: n for n, key in enumerate(entities)}
    by_name: dict[str, list[str]] = defaultdict(list)
    # (by the last two words: a qualified name ends with all the words of the name it qualifies, and a list of
    # "Foo-7B", "Bar-7B", ... shares only its last word)
    by_last_words: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key, entity in entities.items():
        folded = entity.name.casefold()
        by_name[folded].append(key)
        words = folded.replace("-", " ").split()
        if len(words) >= 2:
            by_last_words[tuple(words[-2:])].append(key)

    def extended(entity: Known) -> Known | None:
        folded = entity.name.casefold()
        words = folded.replace("-", " ").split()
        starts = [key for n in range(2, len(folded)) for key in by_name.get(folded[:n], ())]
        for other in sorted({*starts, *by_last_words.get(tuple(words[-2:]), ())}, key=order.__getitem__):
            candidate = entities[other]
            if candidate.type and other != entity.key and extends_name(entity.name, candidate.name):
                return candidate
        return None

    # The text's lists, read when first needed: most abstracts type all their names without them.
    read_lists = functools.cache(lambda: _Lists(text, mentions, known_types))

    for key, entity in entities.items():
        if entity.type:
            continue
        base = known_base(entity.name, vocabulary) or extended(entity)
        if base is not None and (listed := _kind_of_list(text, mentions, at_key[key], entity.name)) is not None:
            entity.type = listed  # "on four datasets, LLFF, IN2N and NeRF-Art": a dataset named after NeRF
        elif base is not None:
            # "SWE-Gym-32B", "Mender-32B": a parameter count makes a model of what it is named after;
            # "DAPO-Math-17k": a count of items, a dataset.
            if base.type in ("Dataset", "Method") and _SIZE_TAIL.search(entity.name):
                entity.type = "Model"
            elif base.type == "Method" and _ITEM_COUNT_TAIL.search(entity.name):
                entity.type = "Dataset"
            else:
                entity.type = base.type
            continue
        decided = None
        for index in at_key[key]:
            mention = mentions[index]
            kind, rule = names.infer_type(entity.name, text, mention.start, mention.end)
            if rule not in ("default", "name-shape"):  # the shape is the same at every mention: the last resort
                # "Experiments on DeepSeek-V2-Lite, Mixtral-8x7B and Qwen3-30B-A3B": what the names it is
                # listed with are outweighs the place a list stands in.
                decided = (rule in _PLACE_RULES and read_lists().type_of(at_key[key])) or kind
                break
        decided = decided or read_lists().type_of(at_key[key])
        if decided is None:
            decided, rule = names.infer_type(entity.name, entity.name, 0, len(entity.name))
            if rule == "default" and family_model(entity.name, vocabulary) is not None:
                decided = "Model"  # "G-LLaVA", "Video-LLaMA": a new model of a known family
        entity.type = decided
        if entity.type == "Method" and _SIZE_TAIL.search(entity.name):
            # "ClickSense-7B, a vision-language agent": a system with a parameter count is a trained model.
            entity.type = "Model"


_PLACE_RULES = frozenset(("evaluated-on", "score-on"))
_LIST_KIND_RULES = frozenset(("list-head-noun", "list-lead-noun"))


def _kind_of_list(text: str, mentions: list[Found], at: list[int], name: str) -> str | None:
    """The kind a list that holds a mention of ``name`` says its items are ("the A, B and C datasets",
    "on four datasets, A, B and C"), where one does."""
    for index in at:
        kind, rule = names.infer_type(name, text, mentions[index].start, mentions[index].end)
        if rule in _LIST_KIND_RULES:
            return kind
    return None
_ITEM_COUNT_TAIL = re.compile(r"-\d+(?:\.\d+)?[Kk]$")  # "DAPO-Math-17k", "OpenR1-Math-220k": problems counted


def _listed_type(
    text: str, mentions: list[Found], key: str, known_types: dict[str, str], at: list[int] | None = None
) -> str | None:
    """The type shared by the known names listed with a mention of ``key``.

    A list is names joined by commas, "and" and "or", with at least one comma
    ("on LLFF, IN2N and NeRF-Art"): "the PILE and M2-BERT-base" may join two
    clauses, and so may a comma alone ("on 256 H100 GPUs, BlockScale trains").
    Only names typed before any guess (the vocabulary's) count, and they must agree.
    ``at``: the indices of ``key``'s mentions in ``mentions``, when the caller has them.
    (:class:`_Lists` answers this for many keys of one text.)

    >>> found = lambda s, e, k: Found(s, e, k, "coined", 0.8)
    >>> t = "on LLFF, IN2N and NeRF-Art."
    >>> ms = [found(3, 7, "llff"), found(9, 13, "in2n"), found(18, 26, "nerfart")]
    >>> _listed_type(t, ms, "nerfart", {"llff": "Dataset"})
    'Dataset'
    >>> _listed_type("LLFF and IN2N", [found(0, 4, "llff"), found(9, 13, "in2n")], "in2n", {"llff": "Dataset"}) is None
    True
    >>> _listed_type("H100, Tidal", [found(0, 4, "h100"), found(6, 11, "tidal")], "tidal", {"h100": "Hardware"}) is None
    True
    """
    at = [i for i, m in enumerate(mentions) if m.key == key] if at is None else at
    return _Lists(text, mentions, known_types).type_of(at)


class _Lists:
    """The lists that the mentions of one text stand in, read once: what :func:`_listed_type` says of a key
    takes a look-up per mention, not a walk along its list, so a sentence listing thousands of names stays
    linear.

    From a mention, a list runs right through names joined by list gaps, up to and with the first name after
    an "and"/"or"; left, through the name just before it whatever joins them, then on while no "and"/"or"
    closed a list before it ("MuSiQue and Bamboogle, GateRAG improves": not one list).

    >>> found = lambda s, e, k: Found(s, e, k, "coined", 0.8)
    >>> t = "X and Y, on A, B and C, then D"
    >>> lists = _Lists(t, [found(0, 1, "x"), found(6, 7, "y"), found(12, 13, "a"), found(15, 16, "b"),
    ...                    found(21, 22, "c"), found(29, 30, "d")], {"a": "Dataset", "c": "Dataset", "x": "Model"})
    >>> [lists.extent(i) for i in range(6)]
    [(0, 1), (0, 1), (2, 4), (2, 4), (2, 4), (5, 5)]
    >>> lists.type_of([3]), lists.type_of([1])
    ('Dataset', None)
    """

    def __init__(self, text: str, mentions: list[Found], known_types: dict[str, str]):
        n = len(mentions)
        # Of the gap after each mention: whether it joins a list, closes one ("and", "or"), holds a comma.
        joins, closes, commas = [False] * n, [False] * n, [False] * n
        for k in range(n - 1):
            left, right = mentions[k], mentions[k + 1]
            if left.end <= right.start and LIST_GAP.fullmatch(text, left.end, right.start):
                gap = text[left.end : right.start]
                joins[k], closes[k], commas[k] = True, "and" in gap or "or" in gap, "," in gap
        self.joins = joins
        # Running counts of gaps with a comma, gaps that close, and known names of each type, before each index.
        self.comma_count = list(itertools.accumulate(commas, initial=0))
        self.close_count = list(itertools.accumulate(closes, initial=0))
        self.type_counts = {
            kind: list(itertools.accumulate((known_types.get(m.key) == kind for m in mentions), initial=0))
            for kind in set(known_types.values())
        }
        # How far a list reaches right of each mention, and left of each when no "and" may be crossed.
        self.right = list(range(n))
        for i in range(n - 2, -1, -1):
            if joins[i]:
                self.right[i] = i + 1 if closes[i] else self.right[i + 1]
        self.open_left = list(range(n))
        for i in range(1, n):
            if joins[i - 1] and not closes[i - 1]:
                self.open_left[i] = self.open_left[i - 1]

    def extent(self, index: int) -> tuple[int, int]:
        """The first and last index of the list that the mention at ``index`` stands in (itself alone: none)."""
        first = self.open_left[index - 1] if index > 0 and self.joins[index - 1] else index
        return first, self.right[index]

    def type_of(self, at: list[int]) -> str | None:
        """The one type of the known names listed with the mentions at ``at``, else None."""
        types: set[str] = set()
        for index in at:
            first, last = self.extent(index)
            comma = self.comma_count[last] > self.comma_count[first]
            joined = self.close_count[last] > self.close_count[first]
            # "X, Y" alone is no list ("With 16 sampling steps, EchoFlow synthesizes"):
            # a list has three names, or "and"/"or" before its last.
            if comma and (joined or last - first >= 2):
                types.update(kind for kind, counts in self.type_counts.items() if counts[last + 1] > counts[first])
        return types.pop() if len(types) == 1 else None
