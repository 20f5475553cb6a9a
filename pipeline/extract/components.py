"""The spaCy components of the extractor, registered as factories.

Each component is a thin shell: it reads the doc, calls the pure rules of
:mod:`names`, :mod:`resolve`, :mod:`roles` or :mod:`results`, and leaves plain
data (lists, dicts, strings, numbers) in ``doc._.pg`` so that docs cross process
boundaries when ``nlp.pipe(n_process=...)`` runs several workers. The
vocabulary travels with the pipeline: ``nlp.to_disk`` writes it as JSON.
"""

from __future__ import annotations

import itertools
import json
import math
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
import numpy
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, registry

from ..errors import ConfigError
from ..ids import name_key
from . import names
from .resolve import Candidate, known_entity, resolve
from .results import find_results
from .roles import Found, Known, assign_roles
from .vocabulary import MAX_LABEL_TOKENS, Vocabulary, load_vocabulary

if not Doc.has_extension("pg"):
    Doc.set_extension("pg", default=None)

# "guidance(CFG)", "filter(SSF)": a bracket glued to a word opens a new token.
_EXTRA_INFIXES = [r"(?<=[A-Za-z0-9])[(\[{](?=[A-Za-z0-9])", r"(?<=[A-Za-z0-9])[)\]}](?=[A-Za-z0-9])"]


@registry.tokenizers("papergraph.Tokenizer.v1")
def create_tokenizer():
    """spaCy's English tokenizer, also splitting brackets glued to words."""
    base = registry.tokenizers.get("spacy.Tokenizer.v1")()

    def make(nlp: Language):
        tokenizer = base(nlp)
        tokenizer.infix_finditer = compile_infix_regex(list(nlp.Defaults.infixes) + _EXTRA_INFIXES).finditer
        return TextKeepingTokenizer(tokenizer)

    return make


class TextKeepingTokenizer:
    """spaCy's tokenizer that also keeps the input text on the doc.

    ``Doc.text`` re-joins every token each time it is read, which costs more
    than several components; the components read ``doc._.pg["text"]`` instead.
    Everything else (serialisation, rules, ``explain``) is the wrapped tokenizer's.
    """

    def __init__(self, tokenizer):
        self._tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self._tokenizer(text)
        doc._.pg = {"text": text}
        return doc

    def __getattr__(self, name: str):
        return getattr(self._tokenizer, name)


def title_end(text: str) -> int:
    """Where the title ends: the paper text is title, blank line, abstract."""
    end = text.find("\n\n")
    return len(text) if end < 0 else end


# ----------------------------------------------------------------- sentences

# The boundary's match starts at its ".", "!" or "?": a pattern that opens with a
# character class is scanned for in C, where a lookbehind is tried at every position.
_BOUNDARY = re.compile(r"[.!?][\"')\]]?\s+(?=[A-Z0-9(\[\"“])")
_ABBREVIATIONS = frozenset("e.g i.e et al vs etc fig figs eq eqs sec ref refs approx cf no resp dr prof vol pp".split())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) character spans; the title is a sentence of its own.

    >>> t = "A Title\\n\\nFirst one, e.g. GPT-2. Second (seq. length 1K). Third."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['A Title', 'First one, e.g. GPT-2.', 'Second (seq. length 1K).', 'Third.']
    """
    end_of_title = title_end(text)
    spans = [(0, end_of_title)]
    start = min(len(text), end_of_title + 2)
    for match in _BOUNDARY.finditer(text, start):
        stop = match.start() + 1  # just past the full stop
        word_start = max(text.rfind(" ", start, stop), text.rfind("(", start, stop)) + 1
        if text[word_start:stop].lower().rstrip(".!?\"')]") in _ABBREVIATIONS:
            continue
        spans.append((start, match.start() + len(match.group().rstrip())))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [piece for s, e in spans if e > s for piece in _bounded(text, s, e)]


# The longest sentence read as one. The cue rules read a sentence once per name in
# it, so a text with no full stops (a run-on, an extraction gone wrong) would cost
# the square of its length; abstracts' sentences stay well below this.
MAX_SENTENCE_CHARS = 1200


def _bounded(text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` cut into pieces of at most ``limit`` characters, each after the last
    semicolon, else comma, else space, of its stretch.

    >>> t = "one, two; three four, five six"
    >>> [t[s:e] for s, e in _bounded(t, 0, len(t), limit=12)]
    ['one, two;', 'three four,', 'five six']
    >>> t = "aaa bbb ccc ddd eee"
    >>> [t[s:e] for s, e in _bounded(t, 0, len(t), limit=8)]
    ['aaa bbb', 'ccc ddd', 'eee']
    """
    pieces = []
    while end - start > limit:
        cut = next(
            (at + (mark != " ") for mark in (";", ",", " ") if (at := text.rfind(mark, start + 1, start + limit)) > start),
            start + limit,
        )
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    pieces.append((start, end))
    return pieces


@Language.component("pg_sentences")
def pg_sentences(doc: Doc) -> Doc:
    """Sentence boundaries that know titles, abbreviations and "(seq. length 1K)"."""
    # The tokenizer left the text here (Doc.text would re-join every token); a
    # doc made some other way gets it once.
    data = doc._.pg
    text = data.get("text") if data is not None else None
    if text is None:
        text = doc.text
    spans = sentence_spans(text)
    # Only the first token of each sentence is marked (doc.sents reads those),
    # through arrays: Token.is_sent_start checks every token of the doc each time
    # it is set.
    token_starts = doc.to_array(IDX)
    first_tokens = numpy.searchsorted(token_starts, [s for s, _ in spans], side="right") - 1
    sent_starts = doc.to_array(SENT_START)
    sent_starts[first_tokens[first_tokens >= 0]] = 1
    doc.from_array([SENT_START], sent_starts)
    doc._.pg = {"sentences": spans, "title_end": title_end(text), "text": text}
    return doc


# ----------------------------------------------------------------- vocabulary


@Language.factory("pg_vocabulary", default_config={"vocabulary_dir": None})
def make_vocabulary_matcher(nlp: Language, name: str, vocabulary_dir: str | None) -> "VocabularyMatcher":
    return VocabularyMatcher(vocabulary_dir)


class VocabularyMatcher:
    """The entity ruler fed from ``ontology/vocabulary``.

    Extends a key of letters and digits unit by unit while it is a prefix of
    some label's key, so "RTX4090", "RTX 4090" and "classifier-free guidance"
    match however they are spaced or hyphenated. The longest match at each
    place wins; a match must not continue into a glued name ("FlashAttention"
    inside "FlashAttention-2", "BERT-base" inside "M2-BERT-base").
    """

    def __init__(self, vocabulary_dir: str | None = None):
        self.vocabulary_dir = vocabulary_dir
        self._vocabulary: Vocabulary | None = None
        self._finder: LabelFinder | None = None

    @property
    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            self._vocabulary = load_vocabulary(Path(self.vocabulary_dir) if self.vocabulary_dir else None)
        return self._vocabulary

    @property
    def finder(self) -> "LabelFinder":
        if self._finder is None:
            self._finder = LabelFinder(self.vocabulary)
        return self._finder

    def __call__(self, doc: Doc) -> Doc:
        candidates, stops = match_vocabulary(doc._.pg["text"], self.vocabulary, self.finder)
        doc._.pg["candidates"] = candidates
        doc._.pg["stops"] = stops
        return doc

    def _use(self, vocabulary: Vocabulary) -> "VocabularyMatcher":
        self._vocabulary, self._finder = vocabulary, None
        return self

    def to_disk(self, path: str | Path, exclude: tuple = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "vocabulary.json").write_text(self.vocabulary.to_json(), encoding="utf-8")

    def from_disk(self, path: str | Path, exclude: tuple = ()) -> "VocabularyMatcher":
        return self._use(Vocabulary.from_json((Path(path) / "vocabulary.json").read_text(encoding="utf-8")))

    def to_bytes(self, exclude: tuple = ()) -> bytes:
        return self.vocabulary.to_json().encode("utf-8")

    def from_bytes(self, data: bytes, exclude: tuple = ()) -> "VocabularyMatcher":
        return self._use(Vocabulary.from_json(data.decode("utf-8")))


def match_vocabulary(
    text: str, vocabulary: Vocabulary, finder: "LabelFinder | None" = None
) -> tuple[list[list[Any]], list[list[int]]]:
    """Vocabulary matches ``[start, end, "vocabulary", slug]`` and stop spans ``[start, end]``.

    Args:
        text: the paper's text.
        vocabulary: the label tables.
        finder: a :class:`LabelFinder` of ``vocabulary`` kept between calls (it
            remembers the pieces of text it has read); a new one when None.

    >>> from .vocabulary import Term
    >>> vocabulary = Vocabulary()
    >>> vocabulary.add(Term("flashattention", "x", "FlashAttention", "Method", ("FlashAttention",)))
    >>> vocabulary.add_stop("large language models")
    >>> t = "Large language models use Flash Attention, not FlashAttention-2."
    >>> found, stops = match_vocabulary(t, vocabulary)
    >>> [t[s:e] for s, e, _, _ in found], [t[s:e] for s, e in stops]
    (['Flash Attention'], ['Large language models'])
    """
    return (finder if finder is not None else LabelFinder(vocabulary)).find(text)


@dataclass(frozen=True, slots=True)
class LabelWalk:
    """What the walk from one place found: the longest label there, if any."""

    end: int | None  # where the label ends; None when there is none
    slug: str | None  # its concept; None for a stop term
    ran_out: bool  # the walk wanted a unit past the end of the text it was given
    key: str  # the key it had built, case-folded: what text after it must continue


def walk_label(text: str, position: int, vocabulary: Vocabulary) -> LabelWalk:
    """The longest vocabulary label (or stop term) that starts at a unit of ``text``."""
    # Units (words and punctuation marks) from here on, read as the walk needs
    # them: most walks stop after a unit or two.
    following = _UNIT.finditer(text, position)
    units: list[str] = []
    starts: list[int] = []
    ran_out = False

    def have(j: int) -> bool:
        nonlocal ran_out
        while len(units) <= j:
            match = next(following, None)
            if match is None:
                ran_out = True
                return False
            units.append(match.group())
            starts.append(match.start())
        return True

    def piece(j: int) -> str:
        return units[j] if units[j].isalnum() else name_piece(units[j])

    folded, exact = vocabulary.folded, vocabulary.exact
    pre_f, pre_e = vocabulary.prefixes_folded, vocabulary.prefixes_exact
    stop_f, stop_e = vocabulary.stop_folded, vocabulary.stop_exact
    plurals = vocabulary.plural_keys
    have(0)
    first = piece(0)
    low = first.lower()
    if not low:
        return LabelWalk(None, None, ran_out, "")
    # A few set lookups decide most places before any walk.
    if not (low in folded or first in exact or low in stop_f or first in stop_e):
        if low not in pre_f and first not in pre_e:
            return LabelWalk(None, None, ran_out, first.casefold())
        # A prefix only: walk if the next unit (past a glued joiner) continues the key.
        k = 2 if have(2) and (units[1] in _JOINERS or units[1] in _APOSTROPHES or units[1] in _GLUE) else 1
        if not have(k):
            return LabelWalk(None, None, ran_out, first.casefold())
        joined = _joiner_key(units[1], piece(k)) if k == 2 else ""
        two = low + joined + piece(k).lower()
        if (two not in pre_f and two not in folded and two not in stop_f
                and first + joined + piece(k) not in pre_e and first + joined + piece(k) not in exact):
            return LabelWalk(None, None, ran_out, first.casefold())
    if not _starts_name(text, position):
        return LabelWalk(None, None, ran_out, first.casefold())
    key_f = key_e = ""
    capital = False
    best: tuple[int, str | None] | None = None
    j = 0
    previous_end = position
    possessive = False  # past a glued apostrophe: "Montezuma's Revenge"
    while j < 2 * MAX_LABEL_TOKENS and have(j):
        unit = units[j]
        if unit in _APOSTROPHES:
            # Part of a name only glued on both sides, and a label must go on past it.
            if j == 0 or starts[j] != previous_end or not have(j + 1) or starts[j + 1] != starts[j] + 1:
                break
            possessive = True
            previous_end = starts[j] + 1
            j += 1
            continue
        if unit in _GLUE and j > 0:
            # A point, colon, dot or times sign inside a name, glued on both sides: "Claude 3.5 Sonnet",
            # "torch.compile", "LLM.int8", "FLUX.1", "2:4 sparsity", "DALL·E", "1×1 convolution", "J&F".
            if starts[j] != previous_end or not have(j + 1) or starts[j + 1] != starts[j] + 1:
                break
            previous_end = starts[j] + 1
            j += 1
            continue
        if unit in _JOINERS:
            # A hyphen or slash joins a name only when glued on both sides, and
            # alone ("score--matching": a dash, which ends a name).
            if (
                j == 0
                or starts[j] != previous_end
                or not have(j + 1)
                or starts[j + 1] != starts[j] + 1
                or units[j + 1] in _JOINERS
            ):
                break
            joined = _joiner_key(unit, units[j + 1])
            if joined:
                key_e += joined
                key_f += joined
            elif units[j + 1] in ("s", "S") and (key_e + "s" in plurals or key_f + "s" in plurals):
                break  # "DeiT-S" is a size of DeiT, not its plural "DeiTs"
            previous_end = starts[j] + 1
            j += 1
            continue
        if j > 0 and starts[j] != previous_end and text[previous_end : starts[j]].strip():
            break
        part = piece(j)
        if not part:
            break
        key_e += part
        lowered = part.lower()
        key_f += lowered
        # A capital past the first letter ("FlashAttention", not "Multiple").
        capital = capital or lowered[1:] != part[1:] or (j > 0 and lowered[:1] != part[:1])
        end = starts[j] + len(unit)
        hit = exact.get(key_e)
        if hit is None and (capital or key_f in vocabulary.lower_ok):
            hit = folded.get(key_f)
        if possessive and (key_e in plurals or key_f in plurals):
            hit = None  # "FlashAttention's" is no plural of FlashAttention
        if hit is not None and _ends_name(text, end):
            best = (end, hit)
        elif (key_e in stop_e or key_f in stop_f) and _ends_name(text, end):
            best = (end, None)
        if key_e not in pre_e and key_f not in pre_f:
            break
        previous_end = end
        j += 1
    if best is None:
        return LabelWalk(None, None, ran_out, key_e.casefold())
    return LabelWalk(best[0], best[1], ran_out, key_e.casefold())


@dataclass(frozen=True, slots=True, eq=False)
class PieceLabels:
    """What the walks found inside one piece of text, read without what follows it."""

    first: str | None  # the first unit's letters, case-folded; None: a piece of no units
    walks: tuple[tuple[int, LabelWalk], ...]  # (offset, walk) where a walk found a label or ran out
    # The key of the only walk when it ran out with no label, as most do ("the",
    # "model"): the piece matters only where the next piece continues that key.
    open_key: str | None = None


class LabelFinder:
    """Finds vocabulary labels, remembering what the walks found in each piece of text.

    A text is read as pieces between single spaces ("(FlashAttention-2),"), and
    abstracts share most of their pieces ("the", "model", "speculative"). A walk
    inside a piece gives the same answer in any text, as long as it does not run
    past the piece (whitespace ends a name, and starts one). So walks are run
    once per distinct piece; in a text, only a walk that ran out of its piece
    runs again over the text itself, and only when the next piece can continue
    its key ("speculative" before "decoding", not before "with").
    """

    # Pieces remembered at most; past it the memory is dropped and refilled.
    MAX_PIECES = 200_000

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        tables = (vocabulary.folded, vocabulary.exact, vocabulary.stop_folded, vocabulary.stop_exact)
        # Every start of every key, case-folded: a walk goes on only through these.
        self.prefixes = frozenset(key.casefold()[:n] for table in tables for key in table for n in range(1, len(key) + 1))
        self._pieces: dict[str, PieceLabels] = {}
        # Walks that went on past their piece, by the text they read (see _walk_on).
        self._walks: dict[tuple[int, str], tuple[int | None, str | None]] = {}

    def find(self, text: str) -> tuple[list[list[Any]], list[list[int]]]:
        """Vocabulary matches and stop spans of ``text`` (see :func:`match_vocabulary`)."""
        pieces = text.split(" ")
        read = self._read_pieces(pieces)
        # Where each piece ends: the pieces and the single spaces between them.
        ends = list(itertools.accumulate(map(len, pieces)))
        prefixes, last = self.prefixes, len(read) - 1
        found: list[list[Any]] = []
        stops: list[list[int]] = []
        resume = 0  # the end of the last match: matches do not overlap
        # The pieces with walks, picked out in C: most pieces have none.
        for n in itertools.compress(itertools.count(), map(_WALKS, read)):
            open_key = read[n].open_key
            if open_key is not None:
                after = read[n + 1].first if n < last else None
                if after is None:
                    after = self._next_first(read, n)
                if not (after and open_key + after in prefixes):
                    continue
            offset = ends[n] - len(pieces[n]) + n
            for start, walk in read[n].walks:
                start += offset
                if start < resume:
                    continue
                end = None if walk.end is None else offset + walk.end
                slug = walk.slug
                if walk.ran_out:
                    # The walk reached the end of its piece: only where the next
                    # piece's first unit continues the key can the text hold more.
                    after = self._next_first(read, n)
                    if after and walk.key + after in prefixes:
                        end, slug = self._walk_on(text, start, n, ends, last)
                if end is None:
                    continue
                if slug is None:
                    stops.append([start, end])
                else:
                    found.append([start, end, "vocabulary", slug])
                resume = end
        return found, stops

    def _read_pieces(self, pieces: list[str]) -> list[PieceLabels]:
        known = self._pieces
        if len(known) > self.MAX_PIECES:
            known.clear()
        read = list(map(known.get, pieces))
        if None in read:
            for n, piece_read in enumerate(read):
                if piece_read is None:
                    piece_read = known.get(pieces[n])  # a piece seen earlier in this text
                    if piece_read is None:
                        piece_read = known[pieces[n]] = self.read_piece(pieces[n])
                    read[n] = piece_read
        return read

    def _walk_on(self, text: str, start: int, n: int, ends: list[int], last: int) -> tuple[int | None, str | None]:
        """(end, slug) of the walk from ``start`` in piece ``n`` that runs on into the next pieces.

        The walk reads the text only from the character before ``start`` (does a
        name start here?) to where it stops; a stretch of text that reaches up to
        a space two pieces on, or the text's end, gives the same walk wherever it
        stands, if the walk stops inside it. So such walks are remembered by that
        stretch ("speculative decoding on").
        """
        lead = 1 if start > 0 else 0
        m = min(n + 2, last)
        stretch = text[start - lead : ends[m] + m]
        known = self._walks.get((lead, stretch))
        if known is None:
            walk = walk_label(stretch, lead, self.vocabulary)
            if walk.ran_out:  # it wants more text than the stretch: walk the text itself
                walk = walk_label(text, start, self.vocabulary)
                return walk.end, walk.slug
            if len(self._walks) > self.MAX_PIECES:
                self._walks.clear()
            known = self._walks[(lead, stretch)] = (None if walk.end is None else walk.end - lead, walk.slug)
        end, slug = known
        return (None if end is None else start + end), slug

    @staticmethod
    def _next_first(read: list[PieceLabels], n: int) -> str | None:
        """The first unit of the text after piece ``n`` (past empty pieces); None at its end."""
        for m in range(n + 1, len(read)):
            if read[m].first is not None:
                return read[m].first
        return None

    def read_piece(self, piece: str) -> PieceLabels:
        """The walks from every unit of a piece, as if the text ended with it.

        >>> from .vocabulary import Term
        >>> vocabulary = Vocabulary()
        >>> vocabulary.add(Term("rtx-4090", "x", "RTX 4090", "Hardware", ("RTX 4090",)))
        >>> finder = LabelFinder(vocabulary)
        >>> [(offset, w.end, w.slug, w.ran_out) for offset, w in finder.read_piece("(RTX4090),").walks]
        [(1, 8, 'rtx-4090', False)]
        >>> [(offset, w.end, w.ran_out, w.key) for offset, w in finder.read_piece("RTX").walks]
        [(0, None, True, 'rtx')]
        """
        units = list(_UNIT.finditer(piece))
        if not units:
            return PieceLabels(None, ())
        walks = []
        for unit in units:
            if name_piece(unit.group()).casefold() not in self.prefixes:
                continue  # starts no key: the walk would stop at once
            walk = walk_label(piece, unit.start(), self.vocabulary)
            if walk.end is not None or walk.ran_out:
                walks.append((unit.start(), walk))
        open_key = walks[0][1].key if len(walks) == 1 and walks[0][1].end is None else None
        return PieceLabels(name_piece(units[0].group()).casefold(), tuple(walks), open_key)


_WALKS = operator.attrgetter("walks")
_GLUE = frozenset({".", ":", "·", "×", "&"})
_JOINERS = frozenset({"-", "/", "‐", "–", "@", "^"})  # "@": "pass@1", "Recall@10"; "^": "pass^1"
_APOSTROPHES = frozenset({"'", "’"})
_UNIT = re.compile(r"\w+|\S")
_NON_NAME = re.compile(r"[^\w+#]|_")


def _joiner_key(joiner: str, following: str) -> str:
    """What a joiner adds to a key, as name_key reads it: "tokens/s" is "tokensps", "pass^1" is "passhat1"."""
    if joiner == "/" and following in ("s", "S"):
        return "p"
    return "hat" if joiner == "^" else ""


def name_piece(text: str) -> str:
    """The letters and digits a token adds to a key ("+" read as "plus", "#" as "sharp": "QuIP#" is not QuIP)."""
    if text.isalnum():
        return text
    return _NON_NAME.sub("", text).replace("+", "plus").replace("#", "sharp")


def _starts_name(text: str, i: int) -> bool:
    """A name starts here unless glued to a word or hyphen before it ("M2-BERT")."""
    if i == 0:
        return True
    prev = text[i - 1]
    return not (prev.isalnum() or prev in "-‐.+_")


def _ends_name(text: str, end: int) -> bool:
    """A name may end here unless it runs on into a glued name ("FlashAttention-2")."""
    if end >= len(text):
        return True
    nxt = text[end]
    if nxt.isspace():
        return True
    if nxt in "'’":
        return True
    if nxt == "." and text[end + 1 : end + 2].isdigit():
        return False  # a decimal version runs on: "Phi-3" is not the name in "Phi-3.5-mini"
    if nxt in "-‐":
        # "Transformer-based", "LLaMA-architecture": an adjective, the name ends.
        after = _UNIT.match(text, end + 1)
        word = after.group() if after else ""
        if word.istitle() and (word.lower() in names._SIZE_SUFFIXES or word.lower() in names.ADJECTIVE_TAILS):
            return True  # "Chronos-Small" (its size is read as its written tail), "DETR-Style Detectors"
        # "Whisper-small", "Gemma-2B-it": a size or tuning tag, read as the name's written tail.
        return word.isalpha() and word.islower() and (word not in names._SIZE_SUFFIXES or len(word) > 1)
    return not (nxt.isalnum() or nxt in "+#")


# ----------------------------------------------------------------- names


@Language.component("pg_names")
def pg_names(doc: Doc) -> Doc:
    """Names the vocabulary lacks: acronym definitions, coined tokens, proposal cues."""
    data = doc._.pg
    text = data["text"]
    pairs = []
    cues = []
    for start, end in data["sentences"]:
        if text.find("(", start, end) >= 0:
            pairs.extend(
                [p.long_start, p.long_end, p.short_start, p.short_end, p.long_first]
                for p in names.find_acronym_pairs(text, start, end)
            )
    cues.extend([c.position, c.kind] for c in names.find_proposal_cues(text))
    data["candidates"].extend([s, e, "coined", None] for s, e in names.find_coined(text))
    data["candidates"].extend([s, e, "headed", "Dataset"] for s, e in names.find_headed(text))
    data["candidates"].extend([s, e, "measured", "Metric"] for s, e in names.find_measures(text, data["title_end"]))
    data["candidates"].extend([s, e, "phrase", None] for s, e in names.find_modified(text))
    data["pairs"] = pairs
    data["cues"] = cues
    return doc


# ----------------------------------------------------------------- entities


@Language.factory("pg_entities")
def make_entity_resolver(nlp: Language, name: str) -> "EntityResolver":
    return EntityResolver(nlp)


class EntityResolver:
    """Chooses the entities among the candidates; sets ``doc.ents``."""

    def __init__(self, nlp: Language):
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        vocabulary = self.nlp.get_pipe("pg_vocabulary").vocabulary
        data = doc._.pg
        text = data["text"]
        candidates = []
        for start, end, component, slug in data["candidates"]:
            candidate = Candidate(start, end, component)
            if component in ("headed", "measured"):  # these carry their type
                candidate.type, slug = slug, None
            term = vocabulary.terms.get(slug) if slug else None
            if term is not None:
                candidate.name_by(term)
            candidates.append(candidate)
        mentions, entities, proposed = resolve(
            text,
            data["title_end"],
            candidates,
            [tuple(s) for s in data["stops"]],
            [names.AcronymPair(*p) for p in data["pairs"]],
            [names.ProposalCue(*c) for c in data["cues"]],
            vocabulary,
        )
        data["mentions"] = [[m.start, m.end, m.key, m.component, m.confidence] for m in mentions]
        data["entities"] = {k: pack_entity(e) for k, e in entities.items()}
        data["proposed"] = {k: list(v) for k, v in proposed.items()}
        doc.set_ents(entity_spans(doc, mentions, entities), default="unmodified")
        return doc


def entity_spans(doc: Doc, mentions: list[Found], entities: dict[str, Known]) -> list[Span]:
    """The mentions as ``doc.ents``: token spans (expanded to whole tokens), labelled
    with type and key; where they overlap, the first longest is kept, as by
    ``spacy.util.filter_spans``, which this does on token offsets before any
    ``Span`` is made (most mentions overlap none, and spans are dear to make)."""
    if not mentions:
        return []
    token_starts = doc.to_array(IDX)  # searched as an array: a list of it costs more than the search
    firsts = (numpy.searchsorted(token_starts, [m.start for m in mentions], side="right") - 1).tolist()
    lasts = numpy.searchsorted(token_starts, [m.end for m in mentions], side="left").tolist()
    tokens = [(max(i, 0), j, m.key) for m, i, j in zip(mentions, firsts, lasts) if j > max(i, 0)]
    # filter_spans: longest first, then earliest, in input order where both are equal.
    tokens.sort(key=lambda t: (t[1] - t[0], -t[0]), reverse=True)
    kept = []
    seen: set[int] = set()
    for i, j, key in tokens:
        if i not in seen and j - 1 not in seen:
            kept.append((i, j, key))
            seen.update(range(i, j))
    kept.sort(key=operator.itemgetter(0))
    strings = doc.vocab.strings
    labels = {type_: strings.add(type_) for type_ in {entities[key].type for _, _, key in kept}}
    return [Span(doc, i, j, label=labels[entities[key].type], kb_id=strings.add(key)) for i, j, key in kept]


def pack_entity(entity: Known) -> dict[str, Any]:
    return {
        "name": entity.name,
        "type": entity.type,
        "concept": entity.concept,
        "definition": entity.definition,
        "aliases": sorted(entity.aliases),
        "successor_of": list(entity.successor_of),
        "variant_of": entity.variant_of,
        "generic_class": entity.generic_class,
        "number_format": entity.number_format,
        "memory": entity.memory,
        "processor_part": entity.processor_part,
    }


def unpack(data: dict[str, Any]) -> tuple[list[Found], dict[str, Known], dict[str, tuple[int, int, str]]]:
    mentions = [Found(*m) for m in data["mentions"]]
    entities = {
        k: Known(
            k, e["name"], e["type"], e["concept"], e["definition"], set(e["aliases"]), tuple(e["successor_of"]),
            e["variant_of"], e["generic_class"], number_format=e["number_format"], memory=e["memory"], processor_part=e["processor_part"],
        )
        for k, e in data["entities"].items()
    }
    proposed = {k: tuple(v) for k, v in data["proposed"].items()}
    return mentions, entities, proposed  # type: ignore[return-value]


# ----------------------------------------------------------------- relations and results


@Language.component("pg_relations")
def pg_relations(doc: Doc) -> Doc:
    """The roles of each entity in its paper (proposes, builds_on, ...)."""
    data = doc._.pg
    mentions, entities, proposed = unpack(data)
    roles = assign_roles(
        data["text"],
        [tuple(s) for s in data["sentences"]],
        mentions,
        entities,
        proposed,
        data["title_end"],
        tuple(position for position, kind in data["cues"] if kind == "propose"),
    )
    # A metric the paper only names in passing, reporting nothing about it, is
    # dropped: metrics matter in the graph as what papers measure.
    # So is a generic processor class ("GPU", pg:genericClass) nothing is run or
    # measured on (GUIDELINES). Both leave doc.ents too.
    reported = {r.key for r in roles if r.role != "mentions"}
    unreported = {
        key
        for key, entity in entities.items()
        if (entity.type == "Metric" or (entity.type == "Hardware" and entity.generic_class)) and key not in reported
    }
    data["relations"] = [[r.key, r.role, r.start, r.end, r.rule, r.confidence] for r in roles if r.key not in unreported]
    data["mentions"] = [m for m in data["mentions"] if m[2] not in unreported]
    data["entities"] = {k: e for k, e in data["entities"].items() if k not in unreported}
    if unreported:
        doc.ents = [e for e in doc.ents if e.kb_id_ not in unreported]
    return doc


# The confidence the rules give a result (pg_confidence sets the measured one).
RESULT_CONFIDENCE = 0.7


@Language.factory("pg_results")
def make_result_finder(nlp: Language, name: str) -> "ResultFinder":
    return ResultFinder(nlp)


class ResultFinder:
    """Quantitative results with their metric, unit, dataset, hardware, baseline."""

    def __init__(self, nlp: Language):
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        data = doc._.pg
        mentions, entities, proposed = unpack(data)
        found = find_results(
            data["text"], [tuple(s) for s in data["sentences"]], mentions, entities, set(proposed), data["title_end"],
            frozenset(key for key, role, *_ in data["relations"] if role == "compares_with"),
            frozenset(key for key, role, *_ in data["relations"] if role == "evaluated_on"),
            tuple(
                Found(start, end, key, rule, confidence)
                for key, _, start, end, rule, confidence in data["relations"]
                if rule == "base-model-anaphora"
            ),
        )
        vocabulary = self.nlp.get_pipe("pg_vocabulary").vocabulary
        results = []
        for result in found:
            metric = result.metric
            if metric is None and result.implied_metric:
                term = vocabulary.lookup(result.implied_metric)
                # A vocabulary metric, or one of the paper's own: an activity's time the vocabulary lacks
                # ("merging a model takes 15 minutes": merging time).
                implied = known_entity(term) if term is not None else Known(
                    name_key(result.implied_metric), result.implied_metric, "Metric"
                )
                metric = implied.key
                if metric not in data["entities"]:
                    data["entities"][metric] = pack_entity(implied)
                if term is not None and result.unit and result.unit not in (term.name, "x", "%"):
                    # "91.07fps": the unit is how the text names the metric.
                    aliases = data["entities"][metric]["aliases"]
                    if result.unit not in aliases:
                        aliases.append(result.unit)
                data["relations"].append([metric, "reports", result.start, result.end, "result-unit", 0.6])
            results.append(
                {
                    "start": result.start,
                    "end": result.end,
                    "value": result.value,
                    "value_text": result.value_text,
                    "unit": result.unit,
                    "from_value": result.from_value,
                    "metric": metric,
                    "dataset": result.dataset,
                    "hardware": result.hardware,
                    "baseline": result.baseline,
                    "confidence": RESULT_CONFIDENCE,
                }
            )
        data["results"] = results
        return doc


# ----------------------------------------------------------------- confidence

# The rules' measured confidences (benchmarks/confidence_calibration.py --fit writes them).
CONFIDENCE_TABLE = Path(__file__).with_name("confidence.json")


def role_rule(role: str, rule: str) -> str:
    """The confidence table's key of a role given by a rule: ``"builds_on/cue:builds_on"``."""
    return f"{role}/{rule}"


@Language.factory("pg_confidence", default_config={"table": None})
def make_confidence_setter(nlp: Language, name: str, table: str | None) -> "ConfidenceSetter":
    return ConfidenceSetter(table)


class ConfidenceSetter:
    """Sets each assertion's confidence to how often such an assertion is right.

    The rules set a confidence by hand; the table (``pipeline/extract/confidence.json``,
    or the JSON file ``table`` names) holds, for each mention component, each
    (role, rule) pair (:func:`role_rule`) and for results, the rate at which the
    hand annotations of the corpora's held-out papers agree with it, and the
    ``context`` weights that move an assertion's rate by what the paper says
    around it (:func:`context_features`, :func:`in_context`); both are
    measured by ``benchmarks/confidence_calibration.py``. A rule the table lacks
    keeps its hand-set confidence (moved by the context all the same). The table
    travels with the pipeline (``nlp.to_disk``). It runs last, and no rule reads
    a confidence: it changes no entity, role or result.
    """

    def __init__(self, table: str | None = None):
        self.table_path = table
        self._table: dict[str, dict[str, float]] | None = None

    @property
    def table(self) -> dict[str, dict[str, float]]:
        if self._table is None:
            path = Path(self.table_path) if self.table_path else CONFIDENCE_TABLE
            self._table = _confidence_table(path.read_text(encoding="utf-8"), path)
        return self._table

    def __call__(self, doc: Doc) -> Doc:
        set_confidences(doc._.pg, self.table)
        return doc

    def to_disk(self, path: str | Path, exclude: tuple = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "confidence.json").write_text(json.dumps(self.table, sort_keys=True), encoding="utf-8")

    def from_disk(self, path: str | Path, exclude: tuple = ()) -> "ConfidenceSetter":
        file = Path(path) / "confidence.json"
        self._table = _confidence_table(file.read_text(encoding="utf-8"), file)
        return self

    def to_bytes(self, exclude: tuple = ()) -> bytes:
        return json.dumps(self.table, sort_keys=True).encode("utf-8")

    def from_bytes(self, data: bytes, exclude: tuple = ()) -> "ConfidenceSetter":
        self._table = _confidence_table(data.decode("utf-8"), Path("<bytes>"))
        return self


def _confidence_table(text: str, path: Path) -> dict[str, dict[str, float]]:
    """The table read from JSON, checked: ``{"mention" | "role" | "result": {rule: confidence}}``,
    and optionally ``"context": {feature: weight}`` (:func:`set_confidences`)."""
    try:
        table = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}:{exc.lineno}: the confidence table is not JSON ({exc.msg})") from None
    if not isinstance(table, dict) or not set(table) <= {"mention", "role", "result", "context"}:
        raise ConfigError(f"{path}:1: the confidence table needs the keys mention, role, result and context only")
    for kind, rules in table.items():
        if kind == "context":
            if not isinstance(rules, dict) or not all(
                isinstance(w, (int, float)) and not isinstance(w, bool) and math.isfinite(w) for w in rules.values()
            ):
                raise ConfigError(f"{path}:1: the confidence table's 'context' must map features to finite numbers")
        elif not isinstance(rules, dict) or not all(
            isinstance(c, (int, float)) and not isinstance(c, bool) and 0 < c <= 1 for c in rules.values()
        ):
            raise ConfigError(f"{path}:1: the confidence table's {kind!r} must map rules to numbers in (0, 1]")
    return table


# The weight of a rule's own rate among the context features (its log-odds).
RULE_FEATURE = "rule"


Features = dict[str, float]


def context_features(data: dict[str, Any]) -> tuple[list[Features], list[Features], list[Features]]:
    """What the paper says around each mention, role and result of a doc's data, as features.

    For a mention, prefixed ``mention&``, and for a role, prefixed with the
    role (``builds_on&``): how often the paper names the entity (``lm``,
    log(1 + mentions)), whether the title names it, whether it is a vocabulary
    concept, its type, the paper's other roles toward it, and for a role how
    many more rules gave it (``rules``). For a result, prefixed ``result&``:
    which of metric, dataset, hardware, baseline and a from-value it has, its
    unit (``%``, ``x``, another or none) and whether it is in the title. Each
    prefix also has a feature of its own, its bias.

    >>> data = {"title_end": 10, "entities": {"x": {"type": "Method", "concept": None}},
    ...         "mentions": [[0, 1, "x", "title-prefix", 0.9], [20, 21, "x", "coined", 0.6]],
    ...         "relations": [["x", "proposes", 0, 1, "title", 0.9], ["x", "proposes", 20, 21, "cue", 0.9]],
    ...         "results": [{"start": 30, "metric": "speedup", "unit": "x", "from_value": None, "dataset": None,
    ...                      "hardware": "a100", "baseline": None}]}
    >>> mentions, roles, results = context_features(data)
    >>> sorted(mentions[0].items())  # doctest: +NORMALIZE_WHITESPACE
    [('mention', 1.0), ('mention&lm', 1.0986), ('mention&role=proposes', 1.0), ('mention&title', 1.0),
     ('mention&type=Method', 1.0)]
    >>> roles[1]["proposes&rules"], "proposes&concept" in roles[1]
    (1.0, False)
    >>> sorted(results[0])
    ['result', 'result&hardware', 'result&metric', 'result&unit=x']
    """
    shared = _shared_contexts(data)
    mention_features = [shared["mention", key] for _, _, key, *_ in data["mentions"]]
    role_features = [shared[role, key] for key, role, *_ in data["relations"]]
    return mention_features, role_features, [_result_context(result, data["title_end"]) for result in data["results"]]


def _result_context(result: dict[str, Any], title_end: int) -> Features:
    unit = result["unit"]
    found = {"result": 1.0, f"result&unit={unit if unit in ('%', 'x') else 'other' if unit else 'none'}": 1.0}
    for part in ("metric", "dataset", "hardware", "baseline"):
        if result[part] is not None:
            found[f"result&{part}"] = 1.0
    if result["from_value"] is not None:
        found["result&from"] = 1.0
    if result["start"] < title_end:
        found["result&title"] = 1.0
    return found


def _shared_contexts(data: dict[str, Any]) -> dict[tuple[str, str], Features]:
    """(prefix, entity key) -> the features of :func:`context_features`: every mention of an entity,
    and every rule's evidence of one role, shares them."""
    title_end = data["title_end"]
    counts: dict[str, int] = {}
    in_title: set[str] = set()
    for start, _, key, *_ in data["mentions"]:
        counts[key] = counts.get(key, 0) + 1
        if start < title_end:
            in_title.add(key)
    roles: dict[str, set[str]] = {}
    rules: dict[tuple[str, str], set[str]] = {}
    for key, role, _, _, rule, _ in data["relations"]:
        roles.setdefault(key, set()).add(role)
        rules.setdefault((key, role), set()).add(rule)

    def features(prefix: str, key: str, others: Iterable[str]) -> Features:
        entity = data["entities"].get(key, {})
        found = {prefix: 1.0, f"{prefix}&lm": round(math.log1p(counts.get(key, 0)), 4)}
        if key in in_title:
            found[f"{prefix}&title"] = 1.0
        if entity.get("concept"):
            found[f"{prefix}&concept"] = 1.0
        found[f"{prefix}&type={entity.get('type')}"] = 1.0
        for other in others:
            found[f"{prefix}&{'role' if prefix == 'mention' else 'other'}={other}"] = 1.0
        return found

    shared = {("mention", key): features("mention", key, sorted(roles.get(key, ()))) for key in counts}
    for (key, role), given in rules.items():
        found = features(role, key, sorted(roles[key] - {role}))
        if len(given) > 1:
            found[f"{role}&rules"] = float(len(given) - 1)
        shared[role, key] = found
    return shared


def in_context(rate: float, features: Features, weights: dict[str, float]) -> float:
    """A rule's rate moved by its context: logistic in the rate's log-odds and the features.

    >>> in_context(0.8, {"uses": 1.0}, {"rule": 1.0, "uses": 0.0})
    0.8
    >>> in_context(0.8, {"uses": 1.0, "uses&title": 1.0}, {"rule": 1.0, "uses&title": 1.5}) > 0.9
    True
    """
    return _moved(rate, _context_weight(features, weights), weights)


def _context_weight(features: Features, weights: dict[str, float]) -> float:
    return sum(weights.get(name, 0.0) * value for name, value in features.items())


def _moved(rate: float, context: float, weights: dict[str, float]) -> float:
    z = weights.get(RULE_FEATURE, 1.0) * log_odds(rate) + weights.get("intercept", 0.0) + context
    return round(1 / (1 + math.exp(-max(-30.0, min(30.0, z)))), 2)


def log_odds(rate: float) -> float:
    """The log-odds of a rate, kept within 0.01 and 0.99 (the context model's ``rule`` feature).

    >>> round(log_odds(0.5), 3), round(log_odds(1.0), 3)
    (0.0, 4.595)
    """
    rate = min(0.99, max(0.01, rate))
    return math.log(rate / (1 - rate))


def set_confidences(data: dict[str, Any], table: dict[str, dict[str, float]]) -> None:
    """Give each mention, role and result of a doc's data the confidence ``table`` gives its rule,
    moved by what the paper says around it when the table has ``context`` weights (:func:`in_context`).

    >>> data = {"mentions": [[0, 5, "x", "coined", 0.7]], "relations": [["x", "uses", 0, 5, "cue:uses", 0.7]],
    ...         "results": [{"confidence": 0.7}]}
    >>> set_confidences(data, {"mention": {"coined": 0.93}, "role": {"uses/cue:uses": 0.8}, "result": {}})
    >>> data["mentions"][0][4], data["relations"][0][5], data["results"][0]["confidence"]
    (0.93, 0.8, 0.7)
    """
    mention_table, role_table = table.get("mention", {}), table.get("role", {})
    for mention in data["mentions"]:
        mention[4] = mention_table.get(mention[3], mention[4])
    for relation in data["relations"]:
        relation[5] = role_table.get(role_rule(relation[1], relation[4]), relation[5])
    weights = table.get("context")
    if weights:
        context = {k: _context_weight(features, weights) for k, features in _shared_contexts(data).items()}
        moved: dict[tuple[float, float], float] = {}  # an entity's mentions by one rule are moved alike

        def move(rate: float, around: float) -> float:
            if (rate, around) not in moved:
                moved[rate, around] = _moved(rate, around, weights)
            return moved[rate, around]

        for mention in data["mentions"]:
            mention[4] = move(mention[4], context["mention", mention[2]])
        for relation in data["relations"]:
            relation[5] = move(relation[5], context[relation[1], relation[0]])
    result_confidence = table.get("result", {}).get("result")
    for result in data["results"]:
        if result_confidence is not None:
            result["confidence"] = result_confidence
        if weights:
            result["confidence"] = in_context(result["confidence"], _result_context(result, data["title_end"]), weights)
