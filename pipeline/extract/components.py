"""The spaCy components of the extractor, registered as factories.

Each component is a thin shell: it reads the doc, calls the pure rules of
:mod:`names`, :mod:`resolve`, :mod:`roles` or :mod:`results`, and leaves plain
data (lists, dicts, strings, numbers) in ``doc._.pg`` so that docs cross process
boundaries when ``nlp.pipe(n_process=...)`` runs several workers. The
vocabulary travels with the pipeline: ``nlp.to_disk`` writes it as JSON.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from spacy.language import Language
import numpy
from spacy.attrs import IDX
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, filter_spans, registry

from . import names
from .resolve import Candidate, resolve
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

_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z0-9(\[\"“])")
_ABBREVIATIONS = frozenset("e.g i.e et al vs etc fig figs eq eqs sec ref refs approx cf no resp".split())


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
        word_start = max(text.rfind(" ", start, match.start()), text.rfind("(", start, match.start())) + 1
        if text[word_start : match.start()].lower().rstrip(".!?\"')]") in _ABBREVIATIONS:
            continue
        spans.append((start, match.start() + len(match.group().rstrip())))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if e > s]


@Language.component("pg_sentences")
def pg_sentences(doc: Doc) -> Doc:
    """Sentence boundaries that know titles, abbreviations and "(seq. length 1K)"."""
    # The tokenizer left the text here (Doc.text would re-join every token); a
    # doc made some other way gets it once.
    data = doc._.pg if doc._.pg is not None else {}
    text = data.get("text")
    if text is None:
        text = doc.text
    spans = sentence_spans(text)
    # Only the first token of each sentence is marked (doc.sents reads those);
    # touching every token would cost more than the rest of the pipeline.
    token_starts = doc.to_array(IDX)
    for index in set(numpy.searchsorted(token_starts, [s for s, _ in spans], side="right") - 1):
        if index >= 0:
            doc[int(index)].is_sent_start = True
    doc._.pg = {"sentences": spans, "title_end": title_end(text), "text": text}
    return doc


# ----------------------------------------------------------------- vocabulary


@Language.factory("pg_vocabulary", default_config={"vocabulary_dir": None})
def make_vocabulary_matcher(nlp: Language, name: str, vocabulary_dir: str | None) -> "VocabularyMatcher":
    return VocabularyMatcher(vocabulary_dir)


class VocabularyMatcher:
    """The entity ruler fed from ``ontology/vocabulary``.

    Walks the tokens once, extending a key of letters and digits token by token
    while it is a prefix of some label's key, so "RTX4090", "RTX 4090" and
    "classifier-free guidance" match however they are spaced or hyphenated. The
    longest match at each place wins; a match must not continue into a glued
    name ("FlashAttention" inside "FlashAttention-2", "BERT-base" inside
    "M2-BERT-base").
    """

    def __init__(self, vocabulary_dir: str | None = None):
        self.vocabulary_dir = vocabulary_dir
        self._vocabulary: Vocabulary | None = None

    @property
    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            self._vocabulary = load_vocabulary(Path(self.vocabulary_dir) if self.vocabulary_dir else None)
        return self._vocabulary

    def __call__(self, doc: Doc) -> Doc:
        vocabulary = self.vocabulary
        candidates, stops = match_vocabulary(doc, vocabulary)
        doc._.pg["candidates"] = candidates
        doc._.pg["stops"] = stops
        return doc

    def to_disk(self, path: str | Path, exclude: tuple = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "vocabulary.json").write_text(self.vocabulary.to_json(), encoding="utf-8")

    def from_disk(self, path: str | Path, exclude: tuple = ()) -> "VocabularyMatcher":
        self._vocabulary = Vocabulary.from_json((Path(path) / "vocabulary.json").read_text(encoding="utf-8"))
        return self

    def to_bytes(self, exclude: tuple = ()) -> bytes:
        return self.vocabulary.to_json().encode("utf-8")

    def from_bytes(self, data: bytes, exclude: tuple = ()) -> "VocabularyMatcher":
        self._vocabulary = Vocabulary.from_json(data.decode("utf-8"))
        return self


def match_vocabulary(doc: Doc, vocabulary: Vocabulary) -> tuple[list[list[Any]], list[list[int]]]:
    """Vocabulary matches ``[start, end, "vocabulary", slug]`` and stop spans ``[start, end]``."""
    text = doc._.pg["text"]
    # Word and punctuation units straight from the text: the regex engine gives
    # them faster than spaCy hands out Token objects, and offsets are all we need.
    starts: list[int] = []
    units: list[str] = []
    for match in _UNIT.finditer(text):
        starts.append(match.start())
        units.append(match.group())
    n = len(units)
    pieces = [u if u.isalnum() else name_piece(u) for u in units]
    lowers = [p.lower() for p in pieces]
    folded, exact = vocabulary.folded, vocabulary.exact
    pre_f, pre_e = vocabulary.prefixes_folded, vocabulary.prefixes_exact
    stop_f, stop_e = vocabulary.stop_folded, vocabulary.stop_exact
    lower_ok = vocabulary.lower_ok
    found: list[list[Any]] = []
    stops: list[list[int]] = []
    i = 0
    while i < n:
        low = lowers[i]
        # Most units start no label: a few set lookups decide that before any walk.
        if not low:
            i += 1
            continue
        if not (low in folded or pieces[i] in exact or low in stop_f or pieces[i] in stop_e):
            if low not in pre_f and pieces[i] not in pre_e:
                i += 1
                continue
            # A prefix only: walk if the next unit (past a glued joiner) continues the key.
            k = i + 2 if i + 2 < n and units[i + 1] in _JOINERS else i + 1
            per_second = "p" if k == i + 2 and units[i + 1] == "/" and lowers[k] == "s" else ""
            two = low + per_second + lowers[k] if k < n else ""
            if k >= n or (two not in pre_f and two not in folded and two not in stop_f
                          and pieces[i] + per_second + pieces[k] not in pre_e
                          and pieces[i] + per_second + pieces[k] not in exact):
                i += 1
                continue
        if not _starts_name(text, starts[i]):
            i += 1
            continue
        key_f = key_e = ""
        capital = False
        best = None
        j = i
        previous_end = starts[i]
        while j < n and j < i + 2 * MAX_LABEL_TOKENS:
            unit = units[j]
            if unit in _JOINERS:
                # A hyphen or slash joins a name only when glued on both sides.
                if j == i or starts[j] != previous_end or j + 1 >= n or starts[j + 1] != starts[j] + 1:
                    break
                if unit == "/" and units[j + 1] in ("s", "S"):
                    key_e += "p"  # "tokens/s" is keyed "tokensps", as name_key does
                    key_f += "p"
                previous_end = starts[j] + 1
                j += 1
                continue
            if j > i and starts[j] != previous_end and text[previous_end : starts[j]].strip():
                break
            piece = pieces[j]
            if not piece:
                break
            key_e += piece
            lowered = lowers[j]
            key_f += lowered
            # A capital past the first letter ("FlashAttention", not "Multiple").
            capital = capital or lowered[1:] != piece[1:] or (j > i and lowered[:1] != piece[:1])
            end = starts[j] + len(unit)
            hit = exact.get(key_e)
            if hit is None and (capital or key_f in lower_ok):
                hit = folded.get(key_f)
            if hit is not None and _ends_name(text, end):
                best = (j, end, hit)
            elif (key_e in stop_e or key_f in stop_f) and _ends_name(text, end):
                best = (j, end, None)
            if key_e not in pre_e and key_f not in pre_f:
                break
            previous_end = end
            j += 1
        if best is None:
            i += 1
            continue
        last, end, slug = best
        if slug is None:
            stops.append([starts[i], end])
        else:
            found.append([starts[i], end, "vocabulary", slug])
        i = last + 1
    return found, stops


_JOINERS = frozenset({"-", "/", "‐", "–"})
_UNIT = re.compile(r"\w+|\S")
_NON_NAME = re.compile(r"[^\w+]|_")


def name_piece(text: str) -> str:
    """The letters and digits a token adds to a key ("+" read as "plus")."""
    if text.isalnum():
        return text
    return _NON_NAME.sub("", text).replace("+", "plus")


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
    if nxt in "-‐":
        # "Transformer-based", "LLaMA-architecture": an adjective, the name ends.
        after = _UNIT.match(text, end + 1)
        word = after.group() if after else ""
        return word.isalpha() and word.islower() and word not in names._SIZE_SUFFIXES
    return not (nxt.isalnum() or nxt == "+")


# ----------------------------------------------------------------- names


@Language.component("pg_names")
def pg_names(doc: Doc) -> Doc:
    """Names the vocabulary lacks: acronym definitions, coined tokens, proposal cues."""
    data = doc._.pg
    text = data["text"]
    pairs = []
    cues = []
    for start, end in data["sentences"]:
        if "(" in text[start:end]:
            pairs.extend(
                [p.long_start, p.long_end, p.short_start, p.short_end, p.long_first]
                for p in names.find_acronym_pairs(text, start, end)
            )
    cues.extend([c.position, c.kind] for c in names.find_proposal_cues(text))
    data["candidates"].extend([s, e, "coined", None] for s, e in names.find_coined(text))
    data["candidates"].extend([s, e, "headed", "Dataset"] for s, e in names.find_headed(text))
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
            if component == "headed":
                candidate.type, slug = slug, None
            term = vocabulary.terms.get(slug) if slug else None
            if term is not None:
                candidate.key, candidate.name, candidate.type, candidate.concept = (
                    term.slug, term.name, term.type, term.concept,
                )
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
        doc.set_ents(filter_spans(token_spans(doc, mentions, entities)), default="unmodified")
        return doc


def token_spans(doc: Doc, mentions: list[Found], entities: dict[str, Known]) -> list[Span]:
    """Mentions as token spans (expanded to whole tokens), labelled with type and key."""
    if not mentions:
        return []
    token_starts = doc.to_array(IDX)
    first = numpy.searchsorted(token_starts, [m.start for m in mentions], side="right") - 1
    last = numpy.searchsorted(token_starts, [m.end for m in mentions], side="left")
    return [
        Span(doc, int(max(i, 0)), int(j), label=entities[m.key].type, kb_id=m.key)
        for m, i, j in zip(mentions, first, last)
        if j > max(i, 0)
    ]


def pack_entity(entity: Known) -> dict[str, Any]:
    return {
        "name": entity.name,
        "type": entity.type,
        "concept": entity.concept,
        "definition": entity.definition,
        "aliases": sorted(entity.aliases),
        "successor_of": list(entity.successor_of),
    }


def unpack(data: dict[str, Any]) -> tuple[list[Found], dict[str, Known], dict[str, tuple[int, int, str]]]:
    mentions = [Found(*m) for m in data["mentions"]]
    entities = {
        k: Known(k, e["name"], e["type"], e["concept"], e["definition"], set(e["aliases"]), tuple(e["successor_of"]))
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
    roles = assign_roles(data["text"], [tuple(s) for s in data["sentences"]], mentions, entities, proposed, data["title_end"])
    # A metric the paper only names in passing, reporting nothing about it, is
    # dropped: metrics matter in the graph as what papers measure.
    unreported = {
        key
        for key, entity in entities.items()
        if entity.type == "Metric" and all(r.role == "mentions" for r in roles if r.key == key)
    }
    data["relations"] = [[r.key, r.role, r.start, r.end, r.rule, r.confidence] for r in roles if r.key not in unreported]
    data["mentions"] = [m for m in data["mentions"] if m[2] not in unreported]
    data["entities"] = {k: e for k, e in data["entities"].items() if k not in unreported}
    return doc


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
            data["text"], [tuple(s) for s in data["sentences"]], mentions, entities, set(proposed), data["title_end"]
        )
        vocabulary = self.nlp.get_pipe("pg_vocabulary").vocabulary
        results = []
        for result in found:
            metric = result.metric
            if metric is None and result.implied_metric:
                term = vocabulary.lookup(result.implied_metric)
                if term is not None:
                    metric = term.slug
                    if metric not in data["entities"]:
                        data["entities"][metric] = pack_entity(
                            Known(term.slug, term.name, term.type, term.concept, term.definition)
                        )
                    if result.unit and result.unit not in (term.name, "x", "%"):
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
                }
            )
        data["results"] = results
        return doc
