"""Finding names that the vocabulary lacks, as pure functions over text.

Most proposed methods are new names, so the extractor cannot rely on a list.
These rules find them from how papers write names:

- defined acronyms, "Lexical Unit Decoding (LUD)" or "FLASH (Fast ...)", by the
  Schwartz–Hearst algorithm (PSB 2003);
- coined tokens: CamelCase ("FlashAttention"), letter–digit forms ("Qwen3-30B-A3B",
  "RTX4090"), capitalised acronyms ("FRANC"), hyphenated names with a coined part
  ("ED-NeRF"), and a version number after a name ("FastSpeech 2");
- what follows "we propose / introduce / present", "named / called / dubbed";
- a title's "X: ..." prefix.

Typing comes from cues around the name (:func:`infer_type`): the head noun after
it ("X benchmark", "X GPU"), the name's own last word ("... Decoding"), its shape
("-7B" sizes are models), and the phrase it sits in ("on one X").

Every function takes plain strings and character offsets and returns plain
tuples, so the rules can be tested without spaCy.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .patterns import LIST_JOIN, AnyCase, finditer_at, occurrences, places


# ----------------------------------------------------------------- acronyms

_PAREN = re.compile(r"\(([^()]{1,60})\)")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z0-9\-]{1,14})$")
_SHORT_FORM = re.compile(r"^[A-Za-z][A-Za-z0-9\-./&+]{0,14}$")


@dataclass(frozen=True, slots=True)
class AcronymPair:
    """A short form defined next to its long form, with their spans."""

    long_start: int
    long_end: int
    short_start: int
    short_end: int
    long_first: bool  # "Long Form (LF)" rather than "LF (Long Form)"

    def long(self, text: str) -> str:
        return text[self.long_start : self.long_end]

    def short(self, text: str) -> str:
        return text[self.short_start : self.short_end]


def is_short_form(text: str) -> bool:
    """Whether text can be an acronym: 2–15 characters, two capitals or a capital and a digit.

    >>> [is_short_form(t) for t in ["LUD", "TempMe", "E2V", "MPTs", "e.g.", "Fig", "seq. length 512"]]
    [True, True, True, True, False, False, False]
    """
    if not _SHORT_FORM.match(text) or len(text) < 2:
        return False
    capitals = sum(map(str.isupper, text))
    digits = sum(map(str.isdigit, text))
    return capitals >= 2 or (capitals >= 1 and digits >= 1)


def _initials_match(short: str, long: str) -> int | None:
    """Schwartz–Hearst: where in ``long`` the long form of ``short`` starts, or None.

    Every letter and digit of the short form must appear in the long form in
    order, the first one at the start of a word.

    >>> long = "we propose Temporal Token Merging"
    >>> long[_initials_match("TempMe", long):]
    'Temporal Token Merging'
    >>> _initials_match("XYZ", "some other words") is None
    True
    """
    s = len(short) - 1
    i = len(long) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while i >= 0 and (long[i].lower() != c or (s == 0 and i > 0 and long[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    start = long.rfind(" ", 0, i + 1) + 1
    return start


_WORD_PART = re.compile(r"[A-Za-z0-9]+")
_SKIPPABLE = frozenset("of and for the with to in on a an via by".split())


def _initials_offset(short: str, window: str) -> int | None:
    """Where the long form starts when the short form spells its word initials.

    Hyphenated parts count as words and small function words may be skipped:
    "Distilled Decoding (DD)", "reinforcement learning with verifiable rewards
    (RLVR)", "Ultra-Long Output Reinforcement Learning (UloRL)". This is tried
    before Schwartz–Hearst, which prefers the shortest match ("Decoding" for DD).

    >>> w = "we propose Distilled Decoding"; w[_initials_offset("DD", w):]
    'Distilled Decoding'
    >>> w = "reinforcement learning with verifiable rewards"; w[_initials_offset("RLVR", w):]
    'reinforcement learning with verifiable rewards'
    """
    letters = [c.lower() for c in short if c.isalnum()]
    parts = list(_WORD_PART.finditer(window))
    i = len(letters) - 1
    j = len(parts) - 1
    while i >= 0 and j >= 0:
        part = parts[j].group()
        if part[0].lower() == letters[i]:
            i -= 1
            j -= 1
        elif part.lower() in _SKIPPABLE:
            j -= 1
        else:
            return None
    if i >= 0:
        return None
    return parts[j + 1].start()


_TRAILING_DIGITS = re.compile(r"(?<=[A-Za-z])\d+$")


def _strip_plural(short: str) -> str:
    return short[:-1] if len(short) > 2 and short.endswith("s") and short[-2].isupper() else short


def find_acronym_pairs(text: str, start: int = 0, end: int | None = None) -> list[AcronymPair]:
    """Acronym definitions in ``text[start:end]`` (one sentence).

    >>> t = "This paper introduces Lexical Unit Decoding (LUD), a method."
    >>> [(p.long(t), p.short(t)) for p in find_acronym_pairs(t)]
    [('Lexical Unit Decoding', 'LUD')]
    >>> t = "we propose FLASH (Fast Latent-Aware Semi-Autoregressive Heuristics), a framework"
    >>> [(p.long(t), p.short(t), p.long_first) for p in find_acronym_pairs(t)]
    [('Fast Latent-Aware Semi-Autoregressive Heuristics', 'FLASH', False)]
    >>> t = "a stochastic similarity filter(SSF) to optimize"
    >>> [(p.long(t), p.short(t)) for p in find_acronym_pairs(t)]
    [('stochastic similarity filter', 'SSF')]
    >>> t = "outperforms 3D Diffusion Policy (DP3) on MetaWorld"
    >>> [(p.long(t), p.short(t)) for p in find_acronym_pairs(t)]
    [('3D Diffusion Policy', 'DP3')]
    """
    end = len(text) if end is None else end
    pairs: list[AcronymPair] = []
    for match in _PAREN.finditer(text, start, end):
        inside = match.group(1).strip()
        inner_start = match.start(1) + (len(match.group(1)) - len(match.group(1).lstrip()))
        before = text[max(start, match.start() - 200) : match.start()].rstrip()
        before_start = match.start() - len(text[max(start, match.start() - 200) : match.start()])
        if is_short_form(inside) and " " not in inside:
            short = _strip_plural(inside)
            words = before.split()
            window = " ".join(words[-min(len(short) + 5, 2 * len(short)) :])
            offset = _initials_offset(short, window)
            if offset is None:
                offset = _initials_match(short, window)
            if offset is None and (digits := _TRAILING_DIGITS.search(short)):
                # "3D Diffusion Policy (DP3)": the digit of the long form's first word moved to the end.
                offset = _initials_offset(digits.group() + short[: digits.start()], window)
            if offset is None:
                continue
            long = window[offset:]
            long_start = before_start + len(before) - len(window) + offset
            long = long.rstrip(" ,;:-")
            # The long form must hold more than the short form's own letters.
            if len(long) <= len(inside) or long.lower() == inside.lower():
                continue
            pairs.append(
                AcronymPair(long_start, long_start + len(long), inner_start, inner_start + len(inside), True)
            )
            continue
        # "SHORT (Long Form)": the short form is the word right before "(".
        words_inside = inside.split()
        if len(words_inside) < 2:
            continue
        tail = _LAST_WORD.search(before)
        if not tail or not is_short_form(tail.group(1)):
            continue
        short = _strip_plural(tail.group(1))
        if _initials_match(short, inside) != 0:
            continue
        short_start = before_start + tail.start(1)
        pairs.append(
            AcronymPair(inner_start, inner_start + len(inside), short_start, short_start + len(tail.group(1)), False)
        )
    return pairs


# ----------------------------------------------------------------- coined names

_CHUNK_BODY = (
    r"[A-Za-z_π][A-Za-z0-9_π]*(?:(?:-|\.(?=\d)|\+\+?(?=[\s,.;:)]|$))[A-Za-z0-9_π]*)*"
    r"(?:/\d{1,3}(?=[\s,;:)]|\.(?:\s|$)|$))?"  # a patch size: "ViT-B/16"
)
_CHUNK = re.compile(r"(?<![\w\-./^{}])" + _CHUNK_BODY)
# After one digit that opens a name ("2WikiMultiHopQA"; see _LEADING_DIGIT).
_CHUNK_AFTER_DIGIT = re.compile(r"(?<=\d)" + _CHUNK_BODY)
_CHUNK_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.+π")
# Where a coined chunk may be: a digit, an underscore, a capital after a letter
# or a hyphen, a "+" after a letter ("Transformer++"). Most words have none of these.
_MAYBE_COINED = re.compile(r"[A-Za-z][A-Z]|[A-Za-z_-]\d|_|-[A-Z]|[A-Za-z]\+")
# The same places found by their rarer second character (or "_"): Python's re
# skips to a pattern's first characters in C when they are few, and capitals,
# digits and "_" are few where letters are not.
_COINED_MARK = re.compile(r"[A-Z\d_+](?:(?<=[A-Za-z-][A-Z])|(?<=[A-Za-z_-]\d)|(?<=_)|(?<=[A-Za-z]\+))")
# The same for ASCII text, twice as fast: re tests a character against every
# Unicode digit for \d, and an ASCII text holds no digits but 0-9.
_ASCII_COINED_MARK = re.compile(r"[A-Z0-9_+](?:(?<=[A-Za-z-][A-Z])|(?<=[A-Za-z_-][0-9])|(?<=_)|(?<=[A-Za-z]\+))")
_MATH = re.compile(r"\b(?:O|o|Theta|Omega|Θ|Ω)\([^()]*$")
_VERSION = re.compile(
    r" (\d{1,2}(?:\.\d)?[a-wyz]?|v\d{1,2}(?:\.\d{1,2})?|(?:19|20)\d\d|II|III|XL|Bench|Benchmark|Arena|Eval|Suite|QA)"
    r"(?=[\s,;:)]|\.(?:\s|$)|$)"
)
_NOT_AFTER_VERSION = re.compile(r"\s*(?:%|x\b|times|points?|steps?|tokens?|layers?|bits?|GPUs?|hours?|days?|[KMB]\b|-)")

# A name followed by one of these is none of the five types ("a bimanual ALOHA robot").
NOT_ENTITY_FOLLOWERS = frozenset(
    """robot robots task tasks problem problems language languages experiment experiments collaboration
    project projects community organization organisation university lab laboratory company team
    hypothesis conjecture theorem lemma""".split()
)
# Lower-case hyphen parts that belong to a model's name ("BERT-large").
# Words that end a benchmark's name after a hyphen ("Seed-TTS-eval", "Full-Duplex-Bench").
DATASET_TAILS = frozenset("bench eval arena gym".split())
_SIZE_SUFFIXES = frozenset("base large small tiny mini medium xl xxl huge giant big instruct chat it hf s".split())


# The character tests below map str methods over a part: run in C, they cost a
# fraction of a generator expression, and chunks are tested by the thousand.


def _is_acronym(part: str) -> bool:
    letters = list(filter(str.isalpha, part))
    return len(letters) >= 2 and all(map(str.isupper, letters))


def _letter_acronym(part: str) -> bool:
    """Capitals only: "IFS", "HRES" (not "A100", "ROCm")."""
    return part.isalpha() and _is_acronym(part)


def _is_camel(part: str) -> bool:
    return any(map(str.islower, part)) and any(map(str.isupper, part[1:]))


def _is_special(part: str) -> bool:
    return (any(map(str.isdigit, part)) and any(map(str.isalpha, part))) or _is_camel(part) or _is_acronym(part)


def trim_adjective(chunk: str) -> str:
    """Drop a lower-case tail that makes a name an adjective; keep size tails.

    >>> trim_adjective("CUDA-optimized"), trim_adjective("BERT-large"), trim_adjective("LLaMA-architecture")
    ('CUDA', 'BERT-large', 'LLaMA')
    >>> trim_adjective("DETR-Style"), trim_adjective("Path-X")
    ('DETR', 'Path-X')
    """
    parts = chunk.split("-")
    while len(parts) > 1 and parts[-1].isalpha() and (
        (parts[-1].islower() and parts[-1] not in _SIZE_SUFFIXES and parts[-1] not in DATASET_TAILS)
        or parts[-1].lower() in ADJECTIVE_TAILS
    ):
        parts.pop()
    return "-".join(parts)


_SPLIT_NAME = re.compile(r"(?:train|val|test|dev|minival|trainval)(?:19|20)?\d\d", re.IGNORECASE)
# Words that make an adjective of the name before them, written in Title Case too ("DETR-Style Detectors").
ADJECTIVE_TAILS = frozenset("style based like aware free driven guided specific agnostic centric oriented".split())


# Units of measure, spelled as coined names are ("kHz" is camel-cased, "GiB" too).
_UNIT_WORDS = frozenset(
    "Hz kHz MHz GHz THz dB dBm KiB MiB GiB TiB KB MB GB TB kB Kbps Mbps Gbps kWh mAh PFLOPs PFLOPS "
    "mJ kJ MJ uJ µJ μJ nJ pJ mW kW MW uW µW μW mWh Wh".split()
)


_TASK_JOINS = frozenset(("to", "and"))
_DIMENSIONS = frozenset(("1D", "2D", "3D", "4D", "1d", "2d", "3d", "4d"))


def _task_word(part: str) -> bool:
    """A word or a dimension: a part of a task's name ("image", "Text", "3D")."""
    return part in _DIMENSIONS or (part.isalpha() and part[1:].islower())


def is_coined(chunk: str) -> bool:
    """Whether a whitespace-free chunk reads as a coined name.

    >>> [is_coined(c) for c in ["FlashAttention", "Qwen3-30B-A3B", "ED-NeRF", "R-Sum", "Path-X",
    ...  "GPT-2", "FRANC", "nnAudio", "Vision-Language-Action", "IO-aware", "Transformers", "VQ", "M2", "kHz",
    ...  "Phi-3.5-mini", "image-to-3D", "Transformer++", "C++"]]
    [True, True, True, True, True, True, True, True, False, False, False, False, True, False, True, False, True, False]
    """
    if not chunk or chunk[0].isdigit() or chunk in _UNIT_WORDS:
        return False
    parts = list(filter(None, chunk.replace("_", "-").split("-")))
    if not parts:
        return False
    if len(parts) > 2 and any(p.lower() in _TASK_JOINS for p in parts[1:-1]) and all(map(_task_word, parts)):
        return False  # "image-to-3D", "Text-to-4D": a task, not a name
    if len(parts) == 1:
        part = parts[0]
        if part.endswith("++") and part[0].isupper() and part[1:-2].isalpha() and len(part) > 4:
            return True  # "Transformer++": an improved version's name (not "C++")
        if _is_acronym(part):
            return sum(map(str.isalpha, part)) >= 3 or any(map(str.isdigit, part))
        return _is_special(part)
    if parts[-1].lower() in DATASET_TAILS and all(p[0].isupper() or p.isdigit() for p in parts[:-1]):
        return True  # "Full-Duplex-Bench", "Seed-TTS-eval"
    if parts[-1].islower() and parts[-1] not in _SIZE_SUFFIXES and not any(map(str.isdigit, parts[-1])):
        return False
    if any(map(_is_special, parts)):
        return True
    # "Path-256", "ResNet-50", "Phi-3.5-mini": a capitalised word with a number part.
    if parts[0][0].isupper() and parts[0].isalpha() and any(p.replace(".", "", 1).isdigit() for p in parts[1:]):
        return True
    # "Path-X", "R-Sum": capitalised parts with a single-letter one.
    return all(p[0].isupper() for p in parts) and any(len(p) == 1 for p in parts)


def _coined_hints(text: str, start: int, end: int) -> list[int]:
    """Where ``_MAYBE_COINED.finditer(text, start, end)`` matches, found through ``_COINED_MARK``.

    >>> t = "the FLASH_2 and RTX4090 on A100-X"
    >>> _coined_hints(t, 0, len(t)) == [m.start() for m in _MAYBE_COINED.finditer(t)]
    True
    """
    hints: list[int] = []
    taken = start  # where the last match ended: finditer's matches do not overlap
    marks = _ASCII_COINED_MARK if text.isascii() else _COINED_MARK
    for mark in marks.finditer(text, start, end):
        at = mark.start()
        if text[at] != "_":
            at -= 1  # the mark is the second character of its match
        if at < taken:
            continue
        hints.append(at)
        # Only "_" not followed by a digit is a one-character match.
        single = text[at] == "_" and not (at + 1 < end and text[at + 1].isdecimal())
        taken = at + (1 if single else 2)
    return hints


# A name that opens with a digit: one digit, a capital, three letters or more
# ("2WikiMultiHopQA"; not "3D", "4K" or "3DGS").
_LEADING_DIGIT = re.compile(r"(?<![\w.-])\d[A-Z][A-Za-z]{3,}")


def _opens_with_digit(text: str, at: int, start: int) -> bool:
    return at >= start and _LEADING_DIGIT.match(text, at) is not None


def find_coined(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of coined names in ``text[start:end]``, version numbers included.

    >>> t = "we design FastSpeech 2s and Qwen3-30B-A3B, unlike CUDA-optimized kernels, 2x faster"
    >>> [t[s:e] for s, e in find_coined(t)]
    ['FastSpeech 2s', 'Qwen3-30B-A3B', 'CUDA']
    >>> t = "on HotpotQA, 2WikiMultiHopQA and 3DGS scenes"
    >>> [t[s:e] for s, e in find_coined(t)]
    ['HotpotQA', '2WikiMultiHopQA']
    """
    end = len(text) if end is None else end
    spans = []
    seen: set[int] = set()
    read_to = start  # where the last chunk read ends
    for hint in _coined_hints(text, start, end):
        if hint < read_to:
            continue  # inside that chunk: the walk back would end at its start again
        # Walk back from the hint to where its chunk starts, then read the chunk.
        position = hint
        while position > start and text[position - 1] in _CHUNK_CHARS:
            position -= 1
        while position < hint and not (text[position].isalpha() or text[position] in "_π"):
            position += 1
        if position in seen:
            continue
        seen.add(position)
        match = _CHUNK.match(text, position, end)
        lead = 0
        if match is None and _opens_with_digit(text, position - 1, start):
            match, lead = _CHUNK_AFTER_DIGIT.match(text, position, end), 1
        if match is None:
            continue
        read_to = match.end()
        before = text[max(start, match.start() - 12) : match.start()]
        if "(" in before and _MATH.search(before):
            continue  # "O(N logN)": notation, not a name
        chunk = match.group().rstrip("-.")
        trimmed = trim_adjective(chunk)
        if not is_coined(trimmed) or _SPLIT_NAME.fullmatch(trimmed):
            continue  # "val2017" names a split of a dataset ("COCO val2017"), no dataset of its own
        span_start, span_end = match.start() - lead, match.start() + len(trimmed)
        version = _VERSION.match(text, span_end, end)
        if version and not _NOT_AFTER_VERSION.match(text, version.end()):
            span_end = version.end()
        spans.append((span_start, span_end))
    return spans


def joined_acronyms(text: str, spans: list[tuple[int, int]], known) -> list[tuple[int, int]]:
    """Two capitalised acronyms one space apart, neither a name ``known`` knows, are one name: "the IFS
    HRES forecast", "ARM NEON kernels" (not "NVIDIA RTX 3090", "CPU DRAM").

    >>> t = "against the IFS HRES forecast and FRANC on CPU DRAM"
    >>> [t[s:e] for s, e in joined_acronyms(t, [(12, 15), (16, 20), (34, 39), (43, 46), (47, 51)], {"CPU"}.__contains__)]
    ['IFS HRES', 'FRANC', 'CPU', 'DRAM']
    """
    joined: list[tuple[int, int]] = []
    for s, e in spans:
        if (
            joined
            and text[joined[-1][1] : s] == " "
            and _letter_acronym(text[joined[-1][0] : joined[-1][1]])
            and _letter_acronym(text[s:e])
            and not known(text[joined[-1][0] : joined[-1][1]])
            and not known(text[s:e])
        ):
            joined[-1] = (joined[-1][0], e)
        else:
            joined.append((s, e))
    return joined


# Head words of technique names: "approximate attention", "partial convolutions",
# "sequential denoising", "length regulator".
_TECHNIQUE_WORDS = frozenset(
    """attention softmax decoding denoising convolution convolutions multiplication fine-tuning tuning merging
    smashing decomposition rollout rollouts sampling quantization quantisation pruning distillation caching
    batching normalization normalisation regression compression search matching guidance scheduling
    parallelism masking prefilling pre-filling""".split()
)
_LONGEST_TECHNIQUE_WORD = max(map(len, _TECHNIQUE_WORDS))
# Modifiers that describe rather than name: "standard attention", "efficient decoding".
GENERIC_MODIFIERS = frozenset(
    """standard existing efficient previous prior traditional conventional original vanilla novel new our
    their its this that these those such other many several various different more most less better faster
    slower higher lower same proposed additional further key main simple general common popular recent
    modern typical naive basic effective improved optimized optimal accurate exact overall final first
    second both each all any certain specific current future classical classic widely""".split()
)
_MODIFIER_BEFORE = re.compile(r"(?<![\w-])([a-z][a-z0-9]*(?:-[a-z0-9]+)*|[A-Z][A-Za-z]*\d\w*)\s+$")


def is_technique_word(word: str) -> bool:
    """Whether a lower-case word heads technique names ("attention", "upsampling" is not one: see technique_noun)."""
    return word in _TECHNIQUE_WORDS


# "regression-based": the suffixes are looked for (str.find), then the word before them.
_BASED_ON_SUFFIXES = ("-based", "-style", "-driven")
_BASED_ON_SUFFIX = re.compile(r"-(?:based|style|driven)\b")
_LOWER_WORD_BEFORE = re.compile(r"(?<![\w-])[a-z]+$")


def find_modified(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Technique names made of a modifier and a technique word.

    >>> t = "unlike approximate attention and standard attention, use partial convolutions and L1 regression"
    >>> [t[s:e] for s, e in find_modified(t)]
    ['approximate attention', 'partial convolutions', 'L1 regression']
    >>> t = "a simple L1 regression-based objective"
    >>> [t[s:e] for s, e in find_modified(t)]
    ['L1 regression']
    >>> t = "FP8 attention kernels skip adjacent denoising steps, unlike approximate attention methods"
    >>> [t[s:e] for s, e in find_modified(t)]
    ['approximate attention']
    """
    end = len(text) if end is None else end
    heads = whole_words(text, _TECHNIQUE_WORDS, start, end)
    if "-" in text:
        # "L1 regression-based": the technique a "-based" adjective is made of.
        heads += _based_on_words(text, start, end)
    spans = []
    for head_start, head_end in heads:
        if _PART_AFTER.match(text, head_end, end):
            continue  # "FP8 attention kernels", "adjacent denoising steps": a part or count of the technique
        modifier = _MODIFIER_BEFORE.search(text, max(start, head_start - 40), head_start)
        if modifier and _is_modifier(modifier.group(1)):
            spans.append((modifier.start(1), head_end))
    return spans


# What a technique word can qualify, which makes the phrase no technique's name: "FP8 attention kernels",
# "chunk-causal attention mask", "adjacent denoising steps", "a few-step distillation recipe" (not "an
# approximate attention method", "one-to-many matching loss": a technique named by what it is).
_PART_AFTER = re.compile(
    r"\s+(?:steps?|kernels?|masks?|scores?|maps?|branch(?:es)?|bias(?:es)?|backends?|recipes?|layers?|heads?|"
    r"weights|patterns?|matri(?:x|ces)|blocks?|operators?|outputs?|logits|budgets?)\b"
)


def _based_on_words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the technique words made adjectives by "-based", "-style" or "-driven".

    >>> t = "a regression-based, guidance-style and data-driven loss; sub-regression-based"
    >>> [t[s:e] for s, e in _based_on_words(t, 0, len(t))]
    ['regression', 'guidance']
    """
    spans = []
    for at, _ in occurrences(text, _BASED_ON_SUFFIXES, start, end):
        if _BASED_ON_SUFFIX.match(text, at, end):
            # The longest technique word is shorter than the window.
            word = _LOWER_WORD_BEFORE.search(text, max(start, at - _LONGEST_TECHNIQUE_WORD - 1), at)
            if word is not None and word.group() in _TECHNIQUE_WORDS:
                spans.append(word.span())
    return sorted(spans)


def whole_words(text: str, words: frozenset[str], start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans, in order, of the words of ``text[start:end]`` that are in ``words``.

    A word here is a run of letters, digits, "_" and hyphens, so "fine-tuning" is
    one and the "tuning" in it is none. (One ``str.find`` per word of a short
    list: Python's re cannot skip ahead for a pattern that starts with a look-behind.)

    >>> t = "fine-tuning, not tuning-free; tuning"
    >>> [t[s:e] for s, e in whole_words(t, frozenset({"tuning", "fine-tuning"}))]
    ['fine-tuning', 'tuning']
    """
    end = len(text) if end is None else end
    spans = []
    for at, word in occurrences(text, words, start, end):
        stop = at + len(word)
        if not (at > 0 and in_word(text[at - 1])) and not (stop < end and in_word(text[stop])):
            spans.append((at, stop))
    return sorted(spans)


def in_word(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


_ADJECTIVE_ENDINGS = ("al", "ive", "ate", "ary", "ic", "ous", "ent", "ant", "ar", "ible", "able")
_TECHNICAL_ADJECTIVES = frozenset("full partial fast sparse dense dynamic static greedy joint masked softmax".split())


def _is_modifier(word: str) -> bool:
    """A word that can name a kind of technique: hyphenated, coined, or a technical adjective."""
    lower = word.lower()
    if lower in GENERIC_MODIFIERS or lower in _STOP_AFTER or lower in _LEAD_WORDS:
        return False
    if "-" in word or any(ch.isdigit() for ch in word):
        return True
    return lower in _TECHNICAL_ADJECTIVES or lower.endswith(_ADJECTIVE_ENDINGS)


# ----------------------------------------------------------------- measures

# Nouns that end the name of a measure ("editing speed", "memory usage",
# "compilability"); a phrase ending in one, tied to a number, is a metric.
_MEASURE_HEADS = (
    "speed|speeds|quality|rate|ratio|latency|throughput|usage|consumption|time|cost|score|density|efficiency|"
    "error|factor|fidelity|footprint|overhead|utili[sz]ation|similarity|frequency|delay|[a-z]+ability"
)
_MEASURE_WORD = r"(?<!['’])[a-z][a-z0-9-]*"  # not the "s" of a possessive ("the model's pass rate")
# "improves image quality by 12%", "reduces the real-time factor to 0.02":
# the measure right before "by/from/to/of" and a number. Searched backwards from
# each number (numbers are few), in the window before it.
# What ties a measure to its number: "by", "of", "to", "from", maybe hedged.
# (pipeline.extract.results reads numbers after a metric with it too.)
NUMBER_TIE = (
    r"\s+(?:by|from|to|of|is|are|was|were|stays|remains|(?:stays|remains|is|are) (?:below|under|within|above))\s+"
    r"(?:up to\s+|about\s+|only\s+|nearly\s+|over\s+|below\s+|under\s+|within\s+|[~≈]\s?)?"
)
# (It starts at no hyphen: not at the "to-end" of a capitalised "End-to-end".)
_MEASURE_BEFORE_NUMBER = re.compile(rf"(?<![\w-])((?:{_MEASURE_WORD}\s+){{0,2}}(?:{_MEASURE_HEADS})){NUMBER_TIE}$")
# A digit no word, point or comma runs into (the look-behind after the digit lets re skip to digits in C).
_NUMBER_START = re.compile(r"\d(?<![\w.,]\d)")
_LINK_WORDS = ("by", "from", "to", "of", "about", "only", "nearly", "over", "is", "are", "was", "were", "stays",
               "remains", "below", "under", "within")
# "a 3x increase in editing speed": the measure a change is in.
_CHANGE_WORDS = ("increase", "improvement", "reduction", "gain", "drop", "decrease", "boost")
_MEASURE_AFTER_CHANGE = re.compile(
    rf"\b(?:increase|increases|improvement|improvements|reduction|reductions|gain|gains|drop|decrease|boost)"
    rf"\s+in\s+((?:{_MEASURE_WORD}\s+){{0,2}}(?:{_MEASURE_HEADS}))\b"
)
# "sustaining 95% link utilization", "2.8x fewer retrieval calls":
# the measure named right after a relative value. (The look-behind comes after the first
# digit, so that re skips to digits in C instead of trying the pattern everywhere.)
_MEASURE_AFTER_VALUE = re.compile(
    rf"\d(?<![\w.]\d)\d*(?:\.\d+)?\s?(?:%|x|×)\s+(?:(?:less|lower|higher|more|fewer|smaller|larger|better)\s+)?"
    rf"((?:{_MEASURE_WORD}\s+){{0,2}}(?:{_MEASURE_HEADS}|calls))\b(?![-/])"
    # "with 2x fewer training tokens", "41% fewer rollout tokens": a count of what the work spends, named
    rf"|\d(?<![\w.]\d)\d*(?:\.\d+)?\s?(?:%|x|×)\s+(?:fewer|less|more)\s+"
    rf"((?:{_MEASURE_WORD}\s+){{1,2}}(?:tokens|steps|epochs|iterations|rollouts|samples|queries|evaluations))\b(?![-/])"
)
# "improving speech quality", "reduces decoding time", "maintaining high acceptance
# rates": a qualitative claim about a measure (GUIDELINES: such metrics are
# reported even without a number). One word alone ("the time") is no name here.
_CLAIM_VERBS = (
    "improv", "reduc", "increas", "boost", "enhanc", "lower", "rais", "cut", "accelerat", "minimi", "maximi",
    "maintain", "preserv", "degrad", "sacrific", "compromis", "decreas", "halv", "doubl",
)
# Heads of measures a claim names: not "quality", "efficiency" or "speed", which
# without a number are the paper's praise of itself ("improves output quality").
_CLAIM_HEADS = "rate|rates|ratio|latency|throughput|usage|consumption|score|density|error|footprint|overhead|time"
_MEASURE_AFTER_VERB = re.compile(
    rf"\b(?:improv|reduc|increas|boost|enhanc|lower|rais|cut|accelerat|minimi[sz]|maximi[sz]|maintain|preserv|"
    rf"degrad|sacrific|compromis|decreas|halv|doubl)(?:e|es|ed|ing|s|ting)?\s+(?:the\s+|its\s+|their\s+)?"
    rf"((?:{_MEASURE_WORD}\s+){{1,2}}(?:{_CLAIM_HEADS}))\b(?![-/])"
)
# "in terms of speech quality", "regarding compilability": what a claim is measured in.
_TERMS_WORDS = ("in terms of", "regarding", "with respect to", "measured by")
_MEASURE_AFTER_TERMS = re.compile(
    rf"(?:in terms of|regarding|with respect to|measured by)\s+(?:the\s+|its\s+|their\s+)?"
    rf"((?:{_MEASURE_WORD}\s+){{0,2}}(?:{_MEASURE_HEADS}))\b(?![-/])"
)
# The verbs by which a measure changes, before the number it changes by, from or to ("drops by 23%",
# "rose from 0.61 to 0.78").
CHANGE_VERB = (
    r"(?:drops?|dropped|falls?|fell|decreases?|decreased|increases?|increased|rises?|rose|grows?|grew|shrinks?|"
    r"shrank|improves?|improved|declines?|declined|climbs?|climbed|jumps?|jumped|changes?|changed|goes|went)"
)
# "The number of API calls per solved task drops by 23%", "reducing the number of visual tokens by 4.5x": a
# count the text gives a number for is a measure, named up to its plural noun.
_COUNT_OF = re.compile(
    r"\b([Nn]umber of (?:[A-Za-z][\w-]*\s+){0,2}?[A-Za-z][\w-]*[a-z]s)\b"
    r"(?=(?:\s+(?:per|in|on|for)\s+(?:[\w-]+\s+){0,2}?[\w-]+)?,?"
    rf"(?:\s+(?:\w+ly\s+)?(?:{CHANGE_VERB}|is|was|are|were)\b)?"
    r"\s+(?:by|from|to)\s+(?:up to\s+|about\s+|only\s+|nearly\s+|over\s+|[~≈]\s?)?\d)"
)
# "Scaling the number of environments from 5k to 41k improves ...": a count the work varies, not a result.
_VARIED_BEFORE = re.compile(r"(?:^|[.;:]\s+|\n)[A-Z][a-z]+ing\s+(?:the\s+)?(?:total\s+)?$")
# A head alone names nothing ("reduces the overall time by 3x").
_BARE_HEADS = frozenset(
    "speed speeds quality rate rates ratio time cost score error factor efficiency usage consumption overhead density "
    "fidelity footprint similarity frequency delay calls".split()
)
# Words a measure's name does not start with.
_NOT_MEASURE_LEAD = frozenset(
    """the a an our its their this that these those whose which it they we also still then thus hence
    and or of in on for with by to from than while whereas but although though when where as at so yet via
    using both improves improve
    improved improving reduces reduce reduced reducing lowers lower lowered raises raise raised increases
    increase increased boosts boost boosted cuts cut achieves achieve achieving yields yield higher lower
    better worse total overall average mean median additional effective sustained end-to-end reach reaches reached accelerate accelerates accelerated
    decrease decreases decreased enhance enhances enhanced minimize minimizes minimise minimises maximize
    maximizes maximise maximises save saves saved attain attains obtain obtains deliver delivers show shows
    double doubles halve halves bring brings keep keeps maintain maintains speeds increasing decreasing raising
    lowering boosting accelerating cutting enhancing doubling halving maximizing minimizing high low good
    strong competitive significant substantial comparable similar report reports reported measure measures
    reduction reductions improvement improvements gain gains drop drops""".split()
)


def find_measures(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of measures a number is given for: the metrics no vocabulary names.

    >>> t = "It improves image quality by 12% and gives a 3x increase in editing speed."
    >>> [t[s:e] for s, e in find_measures(t)]
    ['image quality', 'editing speed']
    >>> t = "reduces the real-time factor to 0.02 at a lower cost."
    >>> [t[s:e] for s, e in find_measures(t)]
    ['real-time factor']
    >>> t = "It improves the signal-to-noise ratio, maintaining high acceptance rates and output quality."
    >>> [t[s:e] for s, e in find_measures(t)]
    ['signal-to-noise ratio', 'acceptance rates']
    >>> t = "It is best in terms of speech quality and improves 9% of suggestions regarding compilability."
    >>> [t[s:e] for s, e in find_measures(t)]
    ['speech quality', 'compilability']
    >>> t = "End-to-end control latency is 18 ms."
    >>> [t[s:e] for s, e in find_measures(t)]
    ['control latency']
    >>> t = "It matches the baseline with 2x fewer training tokens and 41% fewer rollout tokens, not 3x more tokens."
    >>> [t[s:e] for s, e in find_measures(t)]
    ['training tokens', 'rollout tokens']
    >>> t = ("The number of API calls per solved task drops by 23%; the number of layers is unchanged. "
    ...      "Scaling the number of environments from 5k to 41k helps.")
    >>> [t[s:e] for s, e in find_measures(t)]
    ['number of API calls']
    """
    end = len(text) if end is None else end
    matches = []
    for number in _NUMBER_START.finditer(text, start, end):
        at = number.start()
        if text[max(start, at - 8) : at].rstrip().endswith(_LINK_WORDS):  # cheap test first
            match = _MEASURE_BEFORE_NUMBER.search(text, max(start, at - 80), at)
            if match is not None:
                matches.append(match)
    matches.extend(finditer_at(_MEASURE_AFTER_CHANGE, text, _CHANGE_WORDS, start, end))
    matches.extend(_MEASURE_AFTER_VALUE.finditer(text, start, end))
    matches.extend(finditer_at(_MEASURE_AFTER_VERB, text, _CLAIM_VERBS, start, end))
    matches.extend(finditer_at(_MEASURE_AFTER_TERMS, text, _TERMS_WORDS, start, end))
    matches.extend(
        m for m in finditer_at(_COUNT_OF, text, ("number of", "Number of"), start, end)
        if not _VARIED_BEFORE.search(text, max(start, m.start() - 40), m.start())
    )
    spans = []
    for match in matches:
        s, e = match.span(match.lastindex or 1)  # (the group of the alternative that matched)
        # Drop leading words that are no part of the name ("improves the ..."), and all before an article
        # inside it ("half the cost", "access the overhead": a name holds no article).
        words = text[s:e].split()
        while any(w.lower() in ("the", "a", "an") for w in words[1:-1]):
            cut = next(n for n, w in enumerate(words) if n and w.lower() in ("the", "a", "an"))
            s = text.index(words[cut + 1], s + len(" ".join(words[: cut + 1])))
            words = words[cut + 1 :]
        while len(words) > 1 and (words[0] in _NOT_MEASURE_LEAD or words[0].endswith("ly")):
            s = text.index(words[1], s + len(words[0]))
            words = words[1:]
        if words[0] not in _NOT_MEASURE_LEAD and not words[0].endswith("ly") and not (
            len(words) == 1 and words[0] in _BARE_HEADS
        ):
            spans.append((s, e))
    return sorted(set(spans))


# ----------------------------------------------------------------- proposals

# The stems a proposal verb starts with; the verb is looked for at each stem only
# (see finditer_at), which is several times cheaper than a scan with the pattern.
_PROPOSE_STEMS = (
    "propos", "introduc", "present", "develop", "design", "describ", "build", "buil", "releas", "contribut",
    "devis", "creat", "construct", "curat", "offer", "unveil", "formulat", "establish", "put forward", "open-sourc",
    "collect",  # "We collect GazeKitchen, 120 hours of ..."
)
_PROPOSE_VERB = re.compile(r"\b(?:" + "|".join(map(re.escape, _PROPOSE_STEMS)) + r")\w*")
_PROPOSE_SUBJECT = re.compile(
    r"\b(?:[Ww]e|[Tt]his (?:paper|work|study|article|report)|[Tt]he authors)"
    r"(?:\s+(?:\w+ly|also|further|then|first|here|now|therefore|thus|hence|next|additionally|instead))*\s+"
    r"(?:[a-z]+\s+(?:[\w-]+\s+){0,3}and\s+)?$"  # "This paper builds upon GNNAutoScale and presents X"
)
_SECOND_VERB = re.compile(
    r"and\s+(?:implement|evaluat|releas|open-sourc|train|deploy|analy[sz]|validat|test|stud|build|develop|design)\w*\s+"
)
# "we call / term / name / dub" and what they name: "this", "the resulting", ... (NAMED, _CALLED_KIND, _KIND_BEFORE).
_NAMING_VERB = r"(?:call|term|name|dub|coin)"
_NAMED_WHAT = r"(?:this|these|the|our)(?: (?:new|resulting|proposed|final))?"
NAMED = re.compile(
    r"\b(?:named|called|dubbed|termed|coined|denoted(?: as)?|referred to as|"
    # "which we call X", "we call this objective X", "we name the resulting model X", "we term this approach X"
    r"(?:(?:which |that )?we|We) " + _NAMING_VERB + r"(?: it| them| " + _NAMED_WHAT
    + r"(?: (?:approach|method|objective|procedure|model|framework|technique|strategy|loss|algorithm|system|variant|"
    r"architecture|dataset|benchmark|metric|measure|score|scheme|recipe|phenomenon|effect|mechanism|policy|agent|"
    r"result))?)?|"  # "We call the result SlotDreamer"
    r"refer to (?:(?:it|this|them|the [\w-]+(?: [\w-]+){0,2}) )?as|"  # "a procedure we refer to as X"
    r"call the result(?:ing [\w-]+)?|"  # "We pretrain a detector on ... and call the result OVRegion"
    # "we train a 7B PRM ... and release it as CFPRM-7B": the name the work's artefact is released under.
    r"(?:release|publish|open-source)[sd]? (?:it|them|(?:the|this|our) (?:[\w-]+ ){0,2}?(?:model|models|checkpoint|"
    r"checkpoints|dataset|benchmark|corpus|suite|weights|policy|agent|system)) as(?=\s+[A-Z]))\s+"
)
# "a phenomenon we term the capacity cliff": a name for a finding, which no entity type fits.
_PHENOMENON_BEFORE = re.compile(r"\b(?:phenomenon|effect|behaviou?r|failure mode|pathology|bias)\s*,?\s+(?:which\s+|that\s+)?$")
# What every NAMED match starts with.
_NAMED_HEADS = (
    "named", "called", "dubbed", "termed", "coined", "denoted", "referred to as", "which we", "that we", "we call",
    "we term", "we name", "we dub", "We call", "We term", "We name", "We dub", "refer to", "call the result",
    "we coin", "We coin", "release", "publish", "open-source",
)
_OPENING_CUE = re.compile(
    r"Introducing\s+"
    r"|[Oo]ur\s+(?:(?:main|key|primary|core|central|first)\s+)?contributions?\s+(?:is|are|includes?)\s+"
    r"(?:to\s+(?:propose|introduce|present|develop|design)\s+)?"
    r"|[Oo]ur\s+(?:answer|solution|remedy|proposal)\s+(?:is|to\s+this\s+is)\s+"  # "Our answer is CurvRewire, a ..."
)
_OPENING_HEADS = ("Introducing", "our", "Our")  # what every _OPENING_CUE match starts with
# "our X", "the proposed X", "our method X" (the kinds: resolve reads them too).
OUR_KINDS = ("method", "model", "approach", "framework", "system", "algorithm", "technique")
_OUR = AnyCase(r"\b(?:our|the proposed|our proposed|the resulting|the new)\s+(?:(?:" + "|".join(OUR_KINDS) + r")\s+)?$")
# The last letters a match of _OUR can end with, before its spaces.
_OUR_LAST_LETTERS = frozenset(w[-1] for w in ("our", "proposed", "resulting", "new", *OUR_KINDS))
# A count of stages or levels, which describes a technique's shape: "two-stage", "multi-level", "3-pass".
_SHAPE_ADJECTIVE = re.compile(
    r"(?:one|two|three|four|five|single|dual|multi|\d+)-(?:stage|step|level|pass|phase|way|layer|tier|branch|round|scale)s?",
    re.IGNORECASE,
)
# A word that says when, how or for what a technique works: "a post-training scheme", "a hardware-aware
# method", "a layer-wise recipe", "a kurtosis-guided criterion" (a phrase of only such words is no name).
_MANNER_ADJECTIVE = re.compile(
    r"(?:[a-z0-9]+-)+(?:training|free|time|efficient|agnostic|aware|shot|purpose|based|friendly|oriented|driven|"
    r"guided|level|wise|grained|centric|specific|adaptive|native)",
    re.IGNORECASE,
)
# Words between a proposal verb and its object that are not the name.
_LEAD_WORDS = frozenset(
    """a an the our two three four several new novel simple simpler efficient lightweight light-weight first
    unified general generic effective scalable practical principled fast faster robust powerful flexible
    modular comprehensive carefully curated dedicated specialized specialised holistic innovative end-to-end
    elegant straightforward yet training-free plug-and-play open-source family series set suite""".split()
)


def names_a_known_kind(text: str, position: int, start: int, end: int) -> bool:
    """Whether a known term at ``start:end``, after a proposal cue whose object starts at ``position``, is the
    kind of the work, not its name: a lower-case term past an indefinite article and lead words.

    "We present a radix join that ...", "we propose a novel speculative decoding
    method": the work is one of a known kind of technique, which it builds on; it
    does not propose the technique itself.

    >>> t = "We present a novel radix join. We propose the radix join. We present a LoRA variant."
    >>> [names_a_known_kind(t, p, t.index(n, p), t.index(n, p) + len(n)) for p, n in [(11, "radix join"),
    ...  (43, "radix join"), (70, "LoRA")]]
    [True, False, False]
    """
    words = text[position:start].split()
    return (
        text[start:end].islower()
        and 0 < len(words) <= 4
        and words[0].lower() in ("a", "an")
        and all(w.lower() in _LEAD_WORDS for w in words)
        and "," not in text[position:start]
    )


@dataclass(frozen=True, slots=True)
class ProposalCue:
    """Where a proposal's object starts, and what kind of cue introduced it."""

    position: int
    kind: str  # "propose" or "named"


def find_proposal_cues(text: str, start: int = 0, end: int | None = None) -> list[ProposalCue]:
    """The places in a sentence right after a proposal cue.

    >>> t = "We propose FlashAttention-2, with better work partitioning."
    >>> [t[c.position:c.position + 17] for c in find_proposal_cues(t)]
    ['FlashAttention-2,']
    >>> t = "we introduce a novel method called KV Prediction."
    >>> [(t[c.position:], c.kind) for c in find_proposal_cues(t)]
    [('a novel method called KV Prediction.', 'propose'), ('KV Prediction.', 'named')]
    >>> t = "We design and implement QuickServe, a system."
    >>> [t[c.position:c.position + 10] for c in find_proposal_cues(t)]
    ['QuickServe']
    >>> t = "We extend the IR of TVM with ragged tensors, and design a scheduling pass (RouteFuse)."
    >>> [t[c.position:c.position + 17] for c in find_proposal_cues(t)]
    ['a scheduling pass']
    """
    end = len(text) if end is None else end
    cues = []
    # Verbs first (few, case-sensitive), then the subject in a short window
    # before each: cheaper than scanning every word for "we".
    for verb in finditer_at(_PROPOSE_VERB, text, _PROPOSE_STEMS, start, end):
        if _PROPOSE_SUBJECT.search(text[max(start, verb.start() - 60) : verb.start()]) or _shares_our_subject(
            text, max(start, verb.start() - 300), verb.start()
        ):
            position = verb.end()
            while position < end and text[position] == " ":
                position += 1
            # "design and implement X": the object follows the second verb.
            second = _SECOND_VERB.match(text, position, end)
            cues.append(ProposalCue(second.end() if second else position, "propose"))
    for match in finditer_at(NAMED, text, _NAMED_HEADS, start, end):
        if not _PHENOMENON_BEFORE.search(text, max(start, match.start() - 40), match.start()):
            cues.append(ProposalCue(match.end(), "named"))
    # "Introducing X, a ...", opening a sentence; "Our main contribution is X".
    for match in finditer_at(_OPENING_CUE, text, _OPENING_HEADS, start, end):
        if not match.group().startswith("Introducing") or sentence_initial(text, match.start()):
            cues.append(ProposalCue(match.end(), "propose"))
    return sorted(cues, key=lambda c: c.position)


# "We extend the IR of TVM with ragged tensors ..., and design a scheduling pass":
# a verb after "and" shares the subject "we" of its sentence's first clause.
_AND_BEFORE = re.compile(r",?\s+and\s+(?:then\s+|also\s+|further\s+|finally\s+)?$")  # "..., and then introduce X"
_WE_CLAUSE = re.compile(r"(?:^|[.;:]\s+|\n)(?:[A-Z][\w-]*(?:\s+[\w-]+){0,10},\s+)?we\s+[a-z]+\b[^.;:]*$", re.IGNORECASE)


def _shares_our_subject(text: str, start: int, verb_start: int) -> bool:
    """Whether the verb at ``verb_start`` follows "and" in a sentence whose first clause is "we ..."."""
    if not _AND_BEFORE.search(text, max(start, verb_start - 16), verb_start):
        return False
    return _WE_CLAUSE.search(text, start, verb_start) is not None


# Head nouns after which a lower-case phrase names a new technique:
# "a lightweight latent-aware token compression mechanism".
_TECHNIQUE_HEADS = frozenset(
    """method methods mechanism mechanisms technique techniques algorithm algorithms strategy strategies
    scheme schemes procedure module modules operator kernel kernels""".split()
)
# Heads that stay in the name they close: "a midpoint velocity loss", "a contrastive alignment objective".
_NAMED_HEADS_KEPT = frozenset("loss losses objective objectives regularizer regularizers regulariser".split())
_STOP_AFTER = frozenset(
    """that which to for with and by in on of as is are from where while using via into termed called
    named dubbed based designed tailored""".split()
)


def proposal_objects(text: str, cue: ProposalCue, end: int) -> list[tuple[int, int]]:
    """Spans of names introduced right after a cue, when no other rule found one.

    After "propose" the object is a capitalised phrase ("Bristle", "KV
    Prediction"), or a lower-case phrase closed by a technique noun ("token
    pre-filling methods") or by a clause boundary when it names an action
    ("dynamic masking of ..."). After "called" a lower-case term of up to five
    words is a name too ("termed next-sentence prediction").

    >>> t = "we present Bristle, middleware between layers"
    >>> [t[s:e] for s, e in proposal_objects(t, find_proposal_cues(t)[0], len(t))]
    ['Bristle']
    >>> t = "a methodology termed next-sentence prediction, aiming at"
    >>> [t[s:e] for s, e in proposal_objects(t, find_proposal_cues(t)[0], len(t))]
    ['next-sentence prediction']
    >>> t = "we introduce denoising trajectory alignment and token pre-filling methods."
    >>> [t[s:e] for s, e in proposal_objects(t, find_proposal_cues(t)[0], len(t))]
    ['denoising trajectory alignment', 'token pre-filling']
    >>> t = "we propose a novel approach to editing"
    >>> proposal_objects(t, find_proposal_cues(t)[0], len(t))
    []
    >>> t = "we introduce a midpoint velocity loss that penalises curvature, and an improved loss"
    >>> [t[s:e] for s, e in proposal_objects(t, find_proposal_cues(t)[0], len(t))]
    ['midpoint velocity loss']
    """
    # The words a name can be made of: past at most four lead words, a phrase of
    # at most eight, and one more to tell whether the phrase fills the clause.
    words = list(itertools.islice(_OBJECT_WORD.finditer(text[cue.position : end]), _OBJECT_WORDS_READ))
    index = 0
    while index < len(words) and words[index].group().lower().strip("\"'“”") in _LEAD_WORDS:
        index += 1
    if index >= len(words) or index > 4:
        return []

    def span(first: re.Match, last: re.Match) -> tuple[int, int]:
        s, e = cue.position + first.start(), cue.position + last.end()
        return s, e - (1 if text[e - 1] == "." else 0)

    def boundary_after(word: re.Match) -> bool:
        rest = text[cue.position + word.end() : cue.position + word.end() + 3].lstrip()
        return rest[:1] in (",", "(", ";", ":")

    if cue.kind == "named":
        if words[0].group().lower() in ("this", "these", "it", "them", "such"):
            return []  # "we term this task ...": a description follows, not a name
        taken = []
        for word in words[index : index + 5]:
            if word.group().lower() in _STOP_AFTER:
                break
            taken.append(word)
            if boundary_after(word) or word.group().endswith("."):
                break
        return [span(taken[0], taken[-1])] if taken else []
    first = words[index].group().strip("\"'“”")
    if first[:1].isupper():
        taken = []
        for word in words[index : index + 5]:
            token = word.group().strip("\"'“”")
            if not token[:1].isupper() and not (taken and token.isdigit()):
                break
            taken.append(word)
            if boundary_after(word):
                break
        return [span(taken[0], taken[-1])]
    if _RELEASED.search(text, max(0, cue.position - 12), cue.position):
        return []  # "We release the conversion model and ...": a lower-case phrase released is a resource, no name
    # A lower-case phrase: up to a technique noun, or up to a clause boundary
    # when it names an action ("masking", "alignment").
    phrase: list[re.Match] = []
    bounded = False  # the phrase ended at a comma or bracket: "we propose X, which ..."
    for word in words[index : index + 8]:
        token = word.group().rstrip(".")
        if token.lower() in _TECHNIQUE_HEADS:
            break
        if token.lower() in _NAMED_HEADS_KEPT and any(w.group().lower() not in GENERIC_MODIFIERS for w in phrase):
            phrase.append(word)  # "a midpoint velocity loss": the loss is what is named
            bounded = True
            break
        if token.lower() in ("and", "of"):
            phrase.append(word)
            continue
        if token.lower() in _STOP_AFTER:
            # "a length regulator to ...": a short phrase closed by a function word,
            # when it ends in an agent or action noun (not "a network based on").
            closes = token.lower() not in _DESCRIBING_WORDS
            phrase = phrase if closes and 2 <= len(phrase) <= 4 and technique_noun(phrase[-1].group()) else []
            break
        phrase.append(word)
        if boundary_after(word) or word.group().endswith("."):
            # Closed by a comma, or by a bracket that is no modifier's ("network (GAN) based ...").
            after_word = cue.position + word.end()
            comma = text[after_word : after_word + 3].lstrip()[:1] in (",", "(") and not _BRACKET_MODIFIER.match(
                text, after_word
            )
            described = _DESCRIBED_AFTER.match(text, after_word) is not None and _plain_phrase(phrase)
            phrase = phrase if described or _names_action(phrase, comma) else []
            bounded = True
            break
    else:
        # The phrase runs to the end of its sentence: "We propose reward-gated entropy tuning."
        closed = bool(phrase) and text[cue.position + phrase[-1].end() : cue.position + phrase[-1].end() + 1] == "."
        if not (closed and _names_action(phrase)):
            return []
        bounded = True
    if not phrase or len(phrase) > 7 or (len(phrase) == len(words[index:]) and not bounded):
        return []
    if all(
        _SHAPE_ADJECTIVE.fullmatch(word.group().rstrip(".")) or _MANNER_ADJECTIVE.fullmatch(word.group().rstrip("."))
        for word in phrase
    ):
        return []  # "a training-free, two-stage scheme", "a post-training scheme": the scheme's kind, no name
    spans, part = [], []
    for word in phrase:
        if word.group().lower() == "and":
            if part:
                spans.append(span(part[0], part[-1]))
            part = []
        elif part or word.group().lower() not in _ARTICLES:  # "X and the Y": Y's name has no article
            part.append(word)
    if part:
        spans.append(span(part[0], part[-1]))
    return [
        s
        for s in spans
        if (len(text[s[0] : s[1]].split()) >= 2 or "-" in text[s[0] : s[1]])
        and not _BRACKET.search(text[s[0] : s[1]])
        and text[s[0] : s[1]].rsplit(None, 1)[-1].lower() not in _RESOURCE_NOUNS
    ]


# "we present two sparse convolution algorithms--1) partial convolutions and 2)
# frequency-sparse convolutions--", "three techniques: (i) X, (ii) Y and (iii) Z":
# a counted kind, then the list of what is counted.
_COUNTED_KIND = re.compile(
    r"(?:two|three|four|five|several|a pair of|a set of|a series of)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:techniques|methods|mechanisms|strategies|algorithms|components|modules|innovations|designs|"
    r"optimi[sz]ations|schemes|losses|objectives|operators|kernels|variants|extensions|approaches|models)"
    r"\s*(?::|--|—|–|,\s*namely,?|,\s*i\.e\.,?|,(?=\s*[A-Z]))\s*"  # "two methods, SegSum and HierFuse:"
)
_ENUMERATOR = re.compile(r"^\(?(?:\d|i{1,3}|iv|v|[a-e])\)\s*")
_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|;\s*(?:and\s+)?|\s+and\s+|--|—)\s*")
_ITEM_END = re.compile(r"--|—|[.;:](?:\s|$)|\s+(?:which|that|to|for|where|while|in order)\b")


def enumerated_objects(text: str, position: int, end: int) -> list[tuple[int, int]]:
    """Spans of the items a proposal lists after counting them.

    >>> t = "We present two sparse convolution algorithms--1) partial convolutions and 2) frequency-sparse convolutions--which can"
    >>> [t[s:e] for s, e in enumerated_objects(t, 11, len(t))]
    ['partial convolutions', 'frequency-sparse convolutions']
    >>> t = "we introduce three techniques: (i) KV Merge, (ii) token dropping, and (iii) lazy paging to cut memory."
    >>> [t[s:e] for s, e in enumerated_objects(t, 13, len(t))]
    ['KV Merge', 'token dropping', 'lazy paging']
    >>> enumerated_objects("we propose two methods that are fast.", 11, 37)
    []
    """
    lead = _COUNTED_KIND.match(text, position, end)
    if lead is None:
        return []
    stop = _ITEM_END.search(text, lead.end(), end)
    stop_at = stop.start() if stop else end
    spans = []
    at = lead.end()
    for separator in [*_LIST_SEPARATOR.finditer(text, at, stop_at), None]:
        item_end = separator.start() if separator else stop_at
        item = text[at:item_end]
        enumerator = _ENUMERATOR.match(item)
        s = at + (enumerator.end() if enumerator else 0)
        words = text[s:item_end].split()
        if not 1 <= len(words) <= 5 or _BRACKET.search(text[s:item_end]):
            break
        if len(words) >= 2 or "-" in words[0] or words[0][:1].isupper():
            spans.append((s, item_end))
        if separator is None:
            break
        at = separator.end()
    return spans if len(spans) >= 2 else []


_OBJECT_WORD = re.compile(r"[^\s,;:()]+")
_RELEASED = re.compile(r"\breleas\w*\s+$")
_ARTICLES = frozenset(("the", "a", "an", "our"))
_OBJECT_WORDS_READ = 4 + 1 + 8 + 1
_BRACKET = re.compile(r"[()]")
# What a paper releases besides its methods: "we release a reference implementation for X".
_RESOURCE_NOUNS = frozenset(
    "implementation implementations code codebase library toolkit repository checkpoint checkpoints weights demo".split()
)
_DESCRIBING_WORDS = frozenset("termed called named dubbed based designed tailored".split())


# Nouns that close a new name though they name no action: what the paper built
# ("a motion-as-option network", "a delta score", "an instantaneous-to-mean curriculum").
_ARTIFACT_NOUNS = frozenset(
    "network networks curriculum score measure layer layers block blocks head heads".split()
)


def technique_noun(word: str) -> bool:
    """Nouns that name a technique or a component doing something: "regulator",
    "discriminators", "masking"; or a built artifact ("network", "score").

    >>> [technique_noun(w) for w in ["regulator", "discriminators", "network", "cues", "study"]]
    [True, True, True, False, False]
    """
    word = word.lower()
    if word in _ARTIFACT_NOUNS:
        return True
    return singular(word).endswith(("ing", "ion", "ment", "or", "er", "ization", "isation"))


def singular(word: str) -> str:
    """A plural noun's singular, by its "s" ("rotations", not "loss" or "gas").

    >>> singular("rotations"), singular("loss"), singular("gas")
    ('rotation', 'loss', 'gas')
    """
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


# "we introduce tactile dropout, which randomly masks ...", "..., a variant of ...": a
# phrase the sentence goes on to describe is the name of what it introduces.
_DESCRIBED_AFTER = re.compile(r",\s+(?:which|that|an?|whereby|in which)\s")


def _plain_phrase(words: list[re.Match]) -> bool:
    """Two to four lower-case words, one hyphenated or more ("tactile dropout", "mutation-hardened rewards")."""
    tokens = [w.group() for w in words]
    return 2 <= len(tokens) <= 4 and all(
        t[:1].islower() and t.replace("-", "").isalpha() and t not in _STOP_AFTER and t not in ("and", "of")
        for t in tokens
    )


_BRACKET_MODIFIER = re.compile(r"\s*\([^()]{1,40}\)\s*-?based\b")


def _names_action(words: list[re.Match], comma: bool = False) -> bool:
    """Whether a phrase names an action or a technique: "asynchronous gradient compression", and,
    closed by a comma, "tactile dropout" (a technique noun ends it, and no "of": "a variant of X" describes)."""
    head = words[0].group().lower() if len(words) < 2 else words[1].group().lower()
    return head not in _STOP_AFTER and (
        any(w.group().lower().endswith(("ing", "tion", "sion", "ment")) for w in words[:3])
        or (
            comma
            and len(words) >= 2
            and technique_noun(words[-1].group())
            and not any(w.group().lower() == "of" for w in words)
        )
    )


# A capitalised word of a name, its points inside it ("MMLU-v1.5"): "Zephra. We" is no name.
NAME_WORD = r"[A-Z][\w+-]*(?:\.[\w+-]+)*"
# A new name of one to three words, the later ones maybe opening with a digit: "Zephra", "Kite 2", "Hymba-1B".
NEW_NAME = NAME_WORD + r"(?:[ -][A-Z0-9][\w+-]*(?:\.[\w+-]+)*){0,2}"
_HEADED = re.compile(
    rf"\b((?:{NAME_WORD})(?:\s+{NAME_WORD}){{0,2}})\s+"
    r"(?:dataset|datasets|benchmark|benchmarks|corpus|corpora|suite)\b"
)
_LEADING_DETERMINERS = re.compile(r"^(?:The|A|An|Our|This|These|Their|Its|Each|All|New)\s+")
# Every _HEADED match holds one of these.
_HEAD_NOUN_WORDS = ("dataset", "benchmark", "corpus", "corpora", "suite")


def find_headed(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Capitalised names right before a dataset noun: "experiments on Wanjuan dataset".

    >>> t = "Extensive experiments on Wanjuan dataset show. The Benchmark dataset is"
    >>> [t[s:e] for s, e in find_headed(t)]
    ['Wanjuan']
    >>> t = "We propose Zephra. We benchmark Zephra on MMLU-v1.5 benchmark suites."
    >>> [t[s:e] for s, e in find_headed(t)]
    ['MMLU-v1.5']
    """
    end = len(text) if end is None else end
    # Most abstracts hold no head noun after a capitalised word ("a new benchmark"):
    # finding that out costs a fraction of a scan with the pattern.
    if not any(_after_capitalised(text, at) for at in places(text, _HEAD_NOUN_WORDS, start, end)):
        return []
    spans = []
    for match in _HEADED.finditer(text, start, end):
        phrase = match.group(1)
        lead = _LEADING_DETERMINERS.match(phrase)
        offset = lead.end() if lead else 0
        name = phrase[offset:]
        if not name or name.lower() in ("benchmark", "dataset"):
            continue
        s = match.start(1) + offset
        if s == match.start(1) and sentence_initial(text, s):
            continue
        if _INDEFINITE_BEFORE.search(text, max(start, s - 40), s):
            continue  # "a 600B-token Finnish-English corpus", "an English dataset": a description, no name
        spans.append((s, s + len(name)))
    return spans


_INDEFINITE_BEFORE = re.compile(r"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w.-]+\s+){0,2}$")


def _after_capitalised(text: str, position: int) -> bool:
    """Whether spaces, and before them a word with a capital, come right before ``position``.

    >>> t = "on ImageNet-1K benchmark, a new benchmark"
    >>> _after_capitalised(t, t.find("benchmark")), _after_capitalised(t, t.rfind("benchmark"))
    (True, False)
    """
    at = position - 1
    if at < 0 or not text[at].isspace():
        return False
    while at >= 0 and text[at].isspace():
        at -= 1
    # Back over the word's characters (those of _HEADED's words) to a capital.
    while at >= 0 and (text[at].isalnum() or text[at] in "_.+-"):
        if "A" <= text[at] <= "Z":
            return True
        at -= 1
    return False


def sentence_initial(text: str, position: int) -> bool:
    """Whether ``position`` starts the text, a line or a sentence."""
    before = text[max(0, position - 3) : position]
    return position == 0 or before.endswith(("\n", ". ", "? ", "! "))


def our_before(text: str, start: int, sentence_start: int) -> bool:
    """Whether "our" / "the proposed" comes right before ``start``."""
    window = text[max(sentence_start, start - 30) : start]
    # A match ends in spaces after "our", "proposed", ... or a kind ("method"):
    # most windows fail this test, which costs less than the pattern's search.
    if not window[-1:].isspace() or window.rstrip()[-1:].lower() not in _OUR_LAST_LETTERS:
        return False
    return bool(_OUR.search(window))


# ----------------------------------------------------------------- titles

FUNCTION_WORDS = frozenset("a an the of for and or to in on at by with via from is are as into vs versus".split())


# What ends a title's "Name:" prefix: a colon, or a dash between spaces ("Zephra — Sparse Routing").
TITLE_SEPARATOR = re.compile(r"\s*(?::|\s[—–-]\s)\s*")


def title_prefix(title: str) -> tuple[int, int] | None:
    """The span of a title's "Name:" prefix, when it can be a name.

    >>> t = "FlashAttention-2: Faster Attention"; s, e = title_prefix(t); t[s:e]
    'FlashAttention-2'
    >>> t = "UloRL:An Ultra-Long Output RL Approach"; s, e = title_prefix(t); t[s:e]
    'UloRL'
    >>> t = "Zephra — Sparse Routing for Experts"; s, e = title_prefix(t); t[s:e]
    'Zephra'
    >>> title_prefix("Decoding at the Speed of Thought: Harnessing Parallel Decoding") is None
    True
    >>> title_prefix("Self-Attention Does Not Need O(n^2) Memory") is None
    True
    >>> t = "PatchTST v2: Revisiting Channel Independence"; s, e = title_prefix(t); t[s:e]
    'PatchTST v2'
    >>> title_prefix("Position: Benchmarks Should Report Cost") is None
    True
    """
    separator = TITLE_SEPARATOR.search(title)
    colon = separator.start() if separator else -1
    if colon <= 0 or colon > 60:
        return None
    prefix = title[:colon].rstrip()
    words = prefix.split()
    if not words or len(words) > 5 or prefix.lower() in _GENRE_PREFIXES:
        return None
    if any(w.lower() in FUNCTION_WORDS for w in words[1:]) or not all(
        w[0].isupper() or w[0].isdigit() or _VERSION_WORD.fullmatch(w) for w in words
    ):
        return None
    return 0, len(prefix)


# What a paper is, not what it names: "Position: Agent Benchmarks Should ...", "Survey: ...".
_GENRE_PREFIXES = frozenset(
    "position|position paper|survey|a survey|review|tutorial|perspective|commentary|opinion|overview|primer|"
    "erratum|corrigendum|retrospective|technical report|tech report|extended abstract|short paper".split("|")
)
_VERSION_WORD = re.compile(r"v\d+(?:\.\d+)*")  # "PatchTST v2"


def strip_version(name: str) -> str:
    """A name without a trailing version number: "Distilled Decoding 1" -> "Distilled Decoding"."""
    match = _VERSION.search(name)
    return name[: match.start()] if match and match.end() == len(name) else name


# ----------------------------------------------------------------- typing

_HEAD_NOUNS: dict[str, str] = {}
for _type, _words in {
    "Dataset": "dataset datasets benchmark benchmarks corpus corpora suite suites challenge leaderboard collection testbed split",
    "Model": "model models llm llms lm lms network networks backbone backbones architecture architectures transformer transformers encoder decoder autoencoder vae checkpoint checkpoints policy policies classifier detector generator tower "
    "student students recognizer recognizers retriever retrievers reranker rerankers forecaster forecasters vla vlas vlm vlms mllm mllms",
    "Hardware": "gpu gpus cpu cpus tpu tpus npu npus chip chips accelerator accelerators card cards device devices processor processors soc fpga fpgas microcontroller microcontrollers mcu",
    "Metric": "score scores metric metrics rate accuracy error loss ratio quantity measure",
    "Method": "method methods algorithm algorithms approach approaches framework frameworks technique techniques strategy strategies scheme schemes pipeline pipelines system systems library toolbox toolkit engine mechanism module recipe paradigm protocol procedure kernel kernels operator attention decoding sampling training inference optimization optimisation distillation quantization quantisation pruning merging guidance filter prediction learning regularization regularisation tuning search compression encoding embedding "
    "scheduler schedulers optimizer optimizers optimiser compiler compilers runtime allocator router planner solver "
    "sampler estimator tokenizer agent agents step stage",
}.items():
    for _word in _words.split():
        _HEAD_NOUNS.setdefault(_word, _type)

# The last word of a multi-word name decides its type when it is one of these.
_NAME_HEADS = {
    w: "Method"
    for w in """decoding attention merging guidance filter prediction learning distillation sampling training
    quantization quantisation pruning tuning search optimization optimisation matching inference parallelism
    scheduling caching compression method algorithm framework approach technique mechanism heuristics
    heuristic""".split()
}
_NAME_HEADS.update({w: "Model" for w in "model models transformer transformers network networks autoencoder llm llms lm".split()})
_NAME_HEADS.update({w: "Dataset" for w in "dataset benchmark bench corpus suite".split()})
_NAME_HEADS.update({w: "Metric" for w in "score rate accuracy error ratio".split()})
_NAME_HEADS.update({w: "Hardware" for w in "accelerator accelerators processor gpu gpus cpu npu tpu chip".split()})

_MODEL_SHAPE = re.compile(  # sizes in millions or billions ("-4K" counts a dataset's items or hours)
    r"(?:-|\b)\d+(?:\.\d+)?[BM]\b|-\d+(?:\.\d+)?b\b|(?:former|Former|Net|BERT|BERTa|GPT|LM|LLM|VAE|GAN|ViT)(?:-?\d|\b|$)"
    r"|-(?:[Ii]nstruct|[Cc]hat)(?:-hf)?$"  # a checkpoint's own spelling: "Llama-2-7b-chat", "Qwen2.5-7b-instruct"
    # a model's tag or size ending a new name: "Halcyon-VL", "Matcha-TTS", "AfroXLMR-large" (a known model
    # family inside a new name, "G-LLaVA", is read from the vocabulary: resolve.family_model)
    r"|-(?:VL|VLA|TTS|large|base|small)$"
)
# Names shaped like hardware: a product line ("DGX-A100", "RTX 3060") is
# hardware anywhere; a bare letter and number ("A100", but also "T5") only
# where the text runs something on it.
_HARDWARE_LINE = re.compile(r"^(?:RTX|GTX|DGX|HGX|Titan|Quadro|Tesla|Jetson|Xeon|EPYC|Ryzen|Snapdragon|Radeon|Gaudi|Ascend)\b")
# A model's parameter count ("7B", "350M"; resolve reads sizes of known models with it).
PARAMETER_COUNT = r"\d+(?:\.\d+)?[BM]\b"
_PARAMETER_COUNT = re.compile(r"(?:-|\b)" + PARAMETER_COUNT)  # "On Llama-3-70B, ...": a model, not a dataset
_HARDWARE_SHAPE = re.compile(r"^(?:Core|Apple|MI)\b|^[AHVLTB]\d{2,3}$")
_DATASET_SHAPE = re.compile(r"(?:Bench|Eval|QA|-bench|-eval|(?<=[a-z0-9])(?:Set|Arena)|-\d{2,4}[Kk]?|-\d(?:\.\d)?[Kk]|\d{4})$")
# "StreamDiffusion, a real-time diffusion pipeline": the apposition's head noun.
_APPOSITION = re.compile(
    r"\s*(?:\([^()]{1,60}\))?\s*(?:,|:|\s+is|\s+is\s+(?:proposed|introduced|presented):)\s+(?:a|an|the)\s+"
    r"((?:[^,.;()]|(?<=\d)\.(?=\d)){1,80})"  # a decimal point stays in: "a 1.3B-parameter language model"
)
# The rest of a list that a plural kind noun closes: ", Weather, Electricity and Traffic datasets".
_LIST_HEAD = re.compile(
    r"(?:\s*,\s*[A-Z0-9][\w.+-]*(?:\s+[A-Z0-9][\w.+-]*)?){0,8}\s*,?\s+(?:and|or)\s+[A-Z0-9][\w.+-]*"
    r"(?:\s+[A-Z0-9][\w.+-]*)?\s+(datasets|benchmarks|corpora|models|networks|architectures|GPUs|accelerators)\b"
)
# "on four benchmark datasets, LLFF, IN2N and NeRF-Art", "models such as A and B", "benchmarks (A, B)": a list
# that a plural kind noun leads, to the name (any of its items). Kinds a list of names can be of, no wider class.
_LIST_LEAD_KIND = re.compile(
    r"\b(datasets|benchmarks|corpora|suites|models|LLMs|VLMs|MLLMs|VLAs|networks|architectures|backbones|"
    r"checkpoints|GPUs|CPUs|TPUs|NPUs|accelerators|chips|devices|processors|"
    r"methods|techniques|approaches|algorithms|schemes|frameworks)"  # "pruning methods such as FastV and SparseVLM"
    r"(?:(?P<comma>\s*,\s*)|\s*:\s*|,?\s+(?:namely|including|such as|like|e\.g\.,?|i\.e\.,?)\s+|\s*\(\s*(?:e\.g\.,?\s*|i\.e\.,?\s*)?)"
    r"(?P<items>(?:(?:the\s+)?[A-Z0-9][\w.+/-]*(?:\s+[A-Z0-9][\w.+/-]*){0,2}\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)){0,8})"
    r"(?:the\s+)?$"
)
# After a comma alone, the list must go on past its first name: "on 256 H100 GPUs, BlockScale trains" ends a phrase.
_LIST_GOES_ON = re.compile(r"\s*,|\s+(?:and|or)\s")
# "on X", "on the A, B and X": where a name after a cue is listed (to the end of the text before it).
_ON_LISTED = r"on\s+(?:the\s+)?(?:[\w.+-]+,\s+){0,5}(?:[\w.+-]+(?:\s[\w.+-]+){0,2},?\s+and\s+)?$"
_EVALUATED_ON = AnyCase(
    r"\b(?:performance|accuracy|results?|scores?|evaluat\w*|experiments?|benchmark\w*|gains?|improvements?|"
    r"(?:pre-?|fine-?)?train(?:ed|ing)|tested|validated)"
    r"\s+(?:[\w-]+\s+){0,3}?" + _ON_LISTED
    + r"|\band\s+on\s+(?:the\s+)?$"  # also a later item of the list: "evaluate on HotpotQA, 2Wiki and MuSiQue"
    # "on 12 tasks from RoboTwin", "on the bimanual tasks of DexArt": parts of a benchmark.
    r"|\bon\s+(?:\d+\s+|the\s+)?(?:[\w-]+\s+)?(?:tasks|problems|questions|subsets|splits|environments|games|scenes)"
    r"\s+(?:from|of|in)\s+(?:the\s+)?$"
)
# "On ogbn-products, StaleGuard reaches ...": a sentence that opens on a name
# and a comma puts its numbers on that dataset (hardware was ruled out before).
# Also each name of a list it opens on: "On DOCCI and IIW, captions from ...".
_LISTED_NAME = r"[\w.+/-]+(?:\s[\w.+/-]+)?"
_ON_OPENING = re.compile(rf"(?:^|[.;:]\s+|\n)On\s+(?:the\s+)?(?:{_LISTED_NAME}{LIST_JOIN}){{0,4}}$")
_LIST_THEN_COMMA = re.compile(rf"(?:{LIST_JOIN}{_LISTED_NAME}){{0,4}},")
# "a PSNR of 32.4 dB on ZJU-MoCap", "reaches 46.3% on MMLU": what a score was measured on.
_SCORE_ON = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?\s*(?:%|dB|points?)?\s+(?:[\w@/&-]+\s+){0,3}?on\s+(?:the\s+)?$")
# "improves Chamfer distance over One-2-3-45": a rival, whatever its name's shape.
_RIVAL_BEFORE = AnyCase(
    r"\b(?:outperform\w*|surpass\w*|beat\w*|than|versus|vs\.?|compared (?:to|with)|against|(?:improv|gain|speedup)\w*(?: [\w-]+){0,3} over)\s+(?:the\s+)?$"
)
_DECIMAL_BEFORE = re.compile(r"(?<![\w.])\d+\.\d+\s+$")  # "58.3 PQ": a score's name follows its value
# The word after a name, past a title's ": A" ("OpenBench-1K: A Dataset of ...").
# "a new benchmark, CodeArena", "our model, Hymba-1B": the kind named just before.
# Only after an indefinite or possessive phrase: in "on the same eight H100 GPUs,
# Tidal reduces ..." the comma ends a clause, not an apposition.
# "a new benchmark, CodeArena", "a resolution-elastic vision tower, dubbed Lorgnette", "a benchmark
# named ToolTrail", "the filtered corpus, which we call Gleaner-Pool".
_THAT_OF = re.compile(r"\b(?:that|those)\s+of\s+$")
_CALLED_KIND = re.compile(r"\b[Ww]e " + _NAMING_VERB + " " + _NAMED_WHAT + r" ([A-Za-z]+)\s+$")
_CLAUSE_VERB_BEFORE = re.compile(r"\b(?:which|that|who)\s+(?:\w+\s+){1,2}$")
# What introduces a name as the same thing said again: "a new benchmark, namely CodeHarbor", "a strategy, i.e., X".
THAT_IS = r"(?:namely|i\.e\.,?)"
# Not after a preposition: "On the DTU benchmark, TetraSplat reduces ..." is no apposition.
_KIND_BEFORE = re.compile(
    r"(?<!\b[Oo]n )(?<!\b[Ii]n )(?<!\b[Aa]t )(?<!\b[Ff]or )(?<!\b[Aa]cross )"
    r"\b(?:[Aa]n?|[Oo]ur|[Ii]ts|[Tt]heir|[Tt]he)\s+(?:[\w-]+\s+){0,3}?([A-Za-z]+)"
    r"(?:,\s+(?:(?:dubbed|called|named|termed|" + THAT_IS + r")\s+|which\s+we\s+" + _NAMING_VERB + r"\s+)?"
    r"|\s+(?:dubbed|called|named|termed)\s+"
    r"|\s+(?:that\s+|which\s+)?we\s+" + _NAMING_VERB + r"\s+)$"  # "a quantity we term TPG"
)
_HEAD_AFTER = re.compile(r"(?::[ \t]*(?:[Aa]n?|[Tt]he)\s+|[ \t-]*)([A-Za-z]+)")
_LETTERS = re.compile(r"[A-Za-z]+")
# A head noun that is also the verb of a score: "X scores higher", "X score 3 points above".
_SCORE_VERB_HEADS = frozenset({"scores", "score"})
_COMPARATIVE_AFTER = re.compile(r"\s+(?:higher|lower|better|worse|above|below|best|worst|well|poorly|only|up|\d)")
# What runs on a processor, after the processor's class: "GPU kernels", "CPU implementation".
_SOFTWARE_AFTER = re.compile(r"[\s-]+(kernels?|implementations?|code|librar(?:y|ies)|runtimes?|programs?|operators?)\b")
# A split named after a dataset (or after the last of two): "the MeViS training split", "the A and B test sets".
_SPLIT_AFTER = re.compile(
    r"(?:\s+and\s+[\w.+-]+)?\s+(?:training|train|validation|val|test|dev|evaluation|held-out)\s+(?:splits?|sets?|subsets?)\b"
)
_SIZE_IN_BRACKETS = re.compile(r"\s*\(\s*\d+(?:\.\d+)?\s?[MB](?:\s+param(?:eter)?s)?\s*\)")
# "on CharXiv reasoning questions", "on the HLE problems": the items of a dataset (after "on", see infer_type).
_ITEMS_AFTER = re.compile(r"(?:\s+[a-z][\w-]*)?\s+(?:questions|problems|tasks|queries|prompts|instances|episodes)\b")
_ON_BEFORE = re.compile(r"\b[Oo]n\s+(?:the\s+)?$")
# "improves long-text retrieval on A and B", "exceeds prior zero-shot methods on X": where the work scored better.
_SCORED_BETTER_ON = AnyCase(
    r"\b(?:improv(?:es|ed)|exceed(?:s|ed)?|outperform(?:s|ed)?|surpass(?:es|ed)?)\s+(?:[\w&@/-]+\s+){0,4}?"
    + _ON_LISTED
)
# A part of a dataset named before it: "the test split of X", "12 tasks from X", "problems from X".
_PART_OF_BEFORE = re.compile(
    r"\b(?:tasks|subsets?|splits?|portions?|problems|questions)\s+(?:of|from)\s+(?:the\s+)?$"
    # "a held-out set of 60 antigens from SAbDab": what an evaluation set is drawn from
    r"|\b(?:held-out|test|validation|evaluation)\s+(?:set|split|subset)\s+of\s+(?:[\d,]+\s+)?(?:[\w-]+\s+){0,2}?"
    r"from\s+(?:the\s+)?$"
)
# "a 68M-parameter streaming recognizer": what has parameters is a model.
_SIZED = re.compile(r"\b\d+(?:\.\d+)?[MB]-parameter\b")
# Model heads that a system's rule or tool qualifies into a method: "an eviction policy", "a cost model".
_RULE_HEADS = frozenset("policy policies model models generator generators".split())
_RULE_QUALIFIERS = frozenset(
    """eviction drafting draft scheduling admission routing replacement offloading batching placement caching
    prefetching retention dispatch cost performance latency kernel code program schedule""".split()
)
# "a set of block-sparse GPU kernels": what the set is of is the head ("kernels", not "GPU").
_QUANTITY_OF = re.compile(r"^(?:[\w-]+\s+)?(?:set|family|series|pair|combination|stack)\s+of\s+")
# Where a noun phrase's head has been named: a preposition or a clause follows.
_PHRASE_END = re.compile(
    r"\s(?:for|that|which|with|to|of|in|on|from|by|where|when|using|based|built|trained|designed|between|across|into|over)\s"
)
# Spaces and hyphens: what the words of a name are split at.
WORD_BREAK = re.compile(r"[\s-]+")
_FROM_NUMBER = re.compile(r"\s+from\s+\d")
_ON_HARDWARE = AnyCase(r"\b(?:on|per|using|with)\s+(?:a |an |one |two |four |eight |\d+ |single |multiple |the )*$")


def _device_or_model_size(name: str) -> bool:
    """Whether a name is shaped like a device ("RTX-9090", "H300") or has a model's size ("FooNet-7B"): no
    dataset, even after "experiments on"."""
    return bool(_HARDWARE_LINE.search(name) or _HARDWARE_SHAPE.search(name) or _PARAMETER_COUNT.search(name))


# A noun phrase a name is then given: "a four-step image generator without adversarial losses, called Fennel".
_NAMES_PHRASE = re.compile(
    r"\b(?:[Aa]n?|[Oo]ur)\s+([^,.;()]{1,120}?),\s+(?:which\s+we\s+" + _NAMING_VERB + r"|called|dubbed|named|termed)\s+$"
)


def _phrase_type(phrase: str) -> str | None:
    """The type a noun phrase's head gives what it names: its last head noun before a preposition or clause
    ("an LLM agent for repositories" is an agent); else the first head noun of its first words; None if none.

    >>> _phrase_type("student with 340 times fewer parameters"), _phrase_type("eviction policy that keeps heads")
    ('Model', 'Method')
    """
    head_phrase = _PHRASE_END.split(_QUANTITY_OF.sub("", phrase), maxsplit=1)[0]
    if _SIZED.search(head_phrase):
        return "Model"  # "a 68M-parameter streaming recognizer": what has parameters is a model
    words = _LETTERS.findall(head_phrase)[:8]
    heads = [n for n, w in enumerate(words) if w.lower() in _HEAD_NOUNS and not (w[0].isupper() and w[1:].islower())]
    if heads:
        # "X, an auxiliary loss that ...": a loss a name is given to is a training objective, a method;
        # so is "an eviction policy", "a learned cost model", "a kernel generator": a rule a system follows.
        head = words[heads[-1]].lower()
        qualifier = words[heads[-1] - 1].lower() if heads[-1] else ""
        if head == "loss" or (head in _RULE_HEADS and qualifier in _RULE_QUALIFIERS):
            return "Method"
        return _HEAD_NOUNS[head]
    for word in _LETTERS.findall(phrase)[:6]:
        # A Title Case word is part of a name ("a variant of Group Relative Policy Optimization"), no head;
        # an acronym may be one ("an open LLM").
        if word.lower() in _HEAD_NOUNS and not (word[0].isupper() and word[1:].islower()):
            return _HEAD_NOUNS[word.lower()]
    return None


def infer_type(name: str, text: str, start: int, end: int) -> tuple[str, str]:
    """The entity type of a name the vocabulary lacks, and the cue that decided it.

    Args:
        name: the name.
        text: the text it occurs in.
        start, end: its span in ``text``.

    Returns:
        (type, rule): one of the five entity types and the rule's name; Method
        when no cue says otherwise.

    >>> t = "we introduce A2 Bench for evaluation"
    >>> infer_type("A2 Bench", t, 13, 21)
    ('Dataset', 'name-head')
    >>> t = "on the Wanjuan dataset"; infer_type("Wanjuan", t, 7, 14)
    ('Dataset', 'head-noun')
    >>> infer_type("Qwen3-30B-A3B", "On the Qwen3-30B-A3B model", 7, 20)
    ('Model', 'head-noun')
    >>> infer_type("LowFormer", "LowFormer", 0, 9)
    ('Model', 'name-shape')
    >>> infer_type("OpenBench", "OpenBench: A Dataset of Problems", 0, 9)
    ('Dataset', 'head-noun')
    >>> t = "we introduce a new benchmark, CodeArena, for agents"; infer_type("CodeArena", t, 30, 39)
    ('Dataset', 'kind-before')
    >>> t = "We release a benchmark named ToolTrail and the filtered corpus, which we call Gleaner-Pool."
    >>> infer_type("ToolTrail", t, 29, 38), infer_type("Gleaner-Pool", t, 78, 90)
    (('Dataset', 'kind-before'), ('Dataset', 'kind-before'))
    >>> t = "on three datasets, ZorbSet, Harpo-2 and Quill, and two models (Zeb-7B and Orca)"
    >>> [infer_type(n, t, t.index(n), t.index(n) + len(n))[0] for n in ("Harpo-2", "Quill", "Orca")]
    ['Dataset', 'Dataset', 'Model']
    >>> t = "Served on two A100 GPUs, RouteSpec achieves 2.9x"; infer_type("RouteSpec", t, 25, 34)[0]
    'Method'
    >>> t = "Ballast, a variant of Group Relative Policy Optimization, and Zephyr, an open LLM"
    >>> infer_type("Ballast", t, 0, 7), infer_type("Zephyr", t, 62, 68)
    (('Method', 'default'), ('Model', 'apposition'))
    """
    if (
        _ON_OPENING.search(text, max(0, start - 80), start)
        and _LIST_THEN_COMMA.match(text, end)
        and not _device_or_model_size(name)
    ):
        return "Dataset", "opening-on"  # "On ToolBench, the agent ...": not "the agent" as an apposition
    if _SIZE_IN_BRACKETS.match(text, end):
        return "Model", "size-after"  # "Murmur-Tiny (9M) and Murmur-Small (38M)"
    if _SPLIT_AFTER.match(text, end):
        return "Dataset", "split-after"  # "the Ref-YouTube-VOS and MeViS validation sets"
    if _ITEMS_AFTER.match(text, end) and _ON_BEFORE.search(text, max(0, start - 8), start):
        return "Dataset", "items-after"  # "On CharXiv reasoning questions, ...": the questions a dataset holds
    after = _HEAD_AFTER.match(text[end : end + 30])
    if after:
        head = after.group(1).lower()
        if head in _SCORE_VERB_HEADS and _COMPARATIVE_AFTER.match(text, end + after.end()):
            head = ""  # "SlotWorld scores higher than IRIS": the verb, no metric's head noun
        if head in _HEAD_NOUNS:
            if _HEAD_NOUNS[head] == "Hardware" and (software := _SOFTWARE_AFTER.match(text, end + after.end())):
                # "FlashDecode GPU kernels": the processor qualifies the head, software
                return _HEAD_NOUNS.get(software.group(1).lower(), "Method"), "head-noun"
            return _HEAD_NOUNS[head], "head-noun"
    listed = _LIST_HEAD.match(text, end) if text[end : end + 1] == "," else None
    if listed:
        return _HEAD_NOUNS[listed.group(1).lower()], "list-head-noun"  # "the ETTh1, ETTm2, ... and Traffic datasets"
    led = _LIST_LEAD_KIND.search(text, max(0, start - 160), start)
    if led and not (led.group("comma") and not led.group("items") and not _LIST_GOES_ON.match(text, end)):
        return _HEAD_NOUNS[led.group(1).lower()], "list-lead-noun"  # "on four datasets, LLFF, IN2N and NeRF-Art"
    apposition = _APPOSITION.match(text, end)
    if apposition and (kind_of_phrase := _phrase_type(apposition.group(1))):
        return kind_of_phrase, "apposition"
    kind = _KIND_BEFORE.search(text, max(0, start - 60), start)
    if kind and _CLAUSE_VERB_BEFORE.search(text, max(0, kind.start() - 30), kind.start()):
        kind = None  # "Against TimesFM, which needs a GPU, Minnow stays ...": a clause's object, no apposition
    if kind is None:
        kind = _CALLED_KIND.search(text, max(0, start - 60), start)  # "we call the resulting model TideCast"
    if kind and kind.group(1).lower() in _HEAD_NOUNS:
        return _HEAD_NOUNS[kind.group(1).lower()], "kind-before"
    # "a student with 340 times fewer parameters, which we dub Minnow": the head of a longer phrase it names.
    named = _NAMES_PHRASE.search(text, max(0, start - 160), start)
    if named and (kind_of_phrase := _phrase_type(named.group(1))):
        return kind_of_phrase, "kind-before"
    words = WORD_BREAK.split(name)
    if len(words) > 1 and words[-1].lower() in _NAME_HEADS:
        return _NAME_HEADS[words[-1].lower()], "name-head"
    if (
        # (not "training on DAPO-Math-17k, ECPO lifts ...": after a comma alone, a list must go on past the name)
        _EVALUATED_ON.search(text[max(0, start - 60) : start])
        and not (text.endswith(", ", 0, start) and not _LIST_GOES_ON.match(text, end))
        # "... GSM8K from 52% to 61%"; not "the attack success rate of GCG ... and that of PAIR from 38%"
        or _FROM_NUMBER.match(text, end) and not _THAT_OF.search(text, max(0, start - 12), start)
    ) and not _device_or_model_size(name):
        return "Dataset", "evaluated-on"
    if _SCORED_BETTER_ON.search(text, max(0, start - 80), start) and not _device_or_model_size(name):
        return "Dataset", "scored-better-on"  # "improves J&F on LVOS", "exceeds prior methods on MeViS"
    if _PART_OF_BEFORE.search(text, max(0, start - 80), start) and not _PARAMETER_COUNT.search(name):
        return "Dataset", "part-of"  # "the ambiguous subset of ChaosNLI", "12 tasks from RoboTwin"
    if _HARDWARE_LINE.search(name):
        return "Hardware", "name-shape"
    if _HARDWARE_SHAPE.search(name) and _ON_HARDWARE.search(text[max(0, start - 40) : start]):
        return "Hardware", "on-hardware"
    if _DECIMAL_BEFORE.search(text, max(0, start - 12), start) and len(name) <= 8:
        return "Metric", "value-before"
    if _MODEL_SHAPE.search(name):
        return "Model", "name-shape"
    if _SCORE_ON.search(text, max(0, start - 60), start):
        return "Dataset", "score-on"
    if _DATASET_SHAPE.search(name):
        if _RIVAL_BEFORE.search(text[max(0, start - 40) : start]):
            return "Method", "rival-before"
        return "Dataset", "name-shape"
    return "Method", "default"
