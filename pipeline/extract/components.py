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
from spacy.tokens import Doc
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
        return tokenizer

    return make


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
    spans = sentence_spans(doc.text)
    # Only the first token of each sentence is marked (doc.sents reads those);
    # touching every token would cost more than the rest of the pipeline.
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            span[0].is_sent_start = True
    doc._.pg = {"sentences": spans, "title_end": title_end(doc.text)}
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


_GLUE_OK = frozenset({"s", "'s", "’s", "'", "’"})


def match_vocabulary(doc: Doc, vocabulary: Vocabulary) -> tuple[list[list[Any]], list[list[int]]]:
    """Vocabulary matches ``[start, end, "vocabulary", slug]`` and stop spans ``[start, end]``."""
    texts: list[str] = []
    spaces: list[bool] = []
    starts: list[int] = []
    for token in doc:
        texts.append(token.text)
        spaces.append(bool(token.whitespace_))
        starts.append(token.idx)
    n = len(texts)
    exact_keys = [t if t.isalnum() else name_piece(t) for t in texts]
    for k in range(n - 1):
        # "tokens/s": a per-second rate, keyed "tokensps" as name_key does.
        if texts[k] == "/" and texts[k + 1] in ("s", "S") and not spaces[k]:
            exact_keys[k] = "p"
    folded_keys = [k.lower() for k in exact_keys]
    found: list[list[Any]] = []
    stops: list[list[int]] = []
    folded, exact = vocabulary.folded, vocabulary.exact
    pre_f, pre_e = vocabulary.prefixes_folded, vocabulary.prefixes_exact
    stop_f, stop_e = vocabulary.stop_folded, vocabulary.stop_exact
    lower_ok = vocabulary.lower_ok
    i = 0
    while i < n:
        first_f, first_e = folded_keys[i], exact_keys[i]
        # Most tokens start no label: two set lookups decide that.
        if not first_e or not (
            first_f in pre_f or first_e in pre_e or first_f in folded or first_e in exact
            or first_f in stop_f or first_e in stop_e
        ) or not _starts_name(texts, spaces, i):
            i += 1
            continue
        key_f = key_e = ""
        capital = False
        best = None
        j = i
        while j < n and j < i + MAX_LABEL_TOKENS:
            if texts[j] in _JOINERS:
                if j == i or spaces[j - 1] or j + 1 >= n:
                    break
                j += 1
                continue
            if not exact_keys[j]:
                break
            key_f += folded_keys[j]
            key_e += exact_keys[j]
            capital = capital or folded_keys[j] != exact_keys[j]
            hit = exact.get(key_e)
            if hit is None and (capital or key_f in lower_ok):
                hit = folded.get(key_f)
            if hit is not None and _ends_name(texts, spaces, j):
                best = (j, hit)
            elif (key_e in stop_e or key_f in stop_f) and _ends_name(texts, spaces, j):
                best = (j, None)
            if key_e not in pre_e and key_f not in pre_f:
                break
            if spaces[j] and j + 1 < n and texts[j + 1] in _JOINERS:
                break
            j += 1
        if best is None:
            i += 1
            continue
        last, slug = best
        start, end = starts[i], starts[last] + len(texts[last])
        if slug is None:
            stops.append([start, end])
        else:
            found.append([start, end, "vocabulary", slug])
        i = last + 1
    return found, stops


_JOINERS = frozenset({"-", "/", "‐", "–"})
_NON_NAME = re.compile(r"[^\w+]|_")


def name_piece(text: str) -> str:
    """The letters and digits a token adds to a key ("+" read as "plus")."""
    if text.isalnum():
        return text
    return _NON_NAME.sub("", text).replace("+", "plus")


def _starts_name(texts: list[str], spaces: list[bool], i: int) -> bool:
    if i == 0 or spaces[i - 1]:
        return True
    prev = texts[i - 1]
    return not (prev.isalnum() or prev in ("-", "‐", ".", "+"))


def _ends_name(texts: list[str], spaces: list[bool], j: int) -> bool:
    if j + 1 >= len(texts) or spaces[j]:
        return True
    nxt = texts[j + 1]
    if nxt in _GLUE_OK:
        return True
    if nxt in ("-", "‐") and j + 2 < len(texts):
        # "Transformer-based", "LLaMA-architecture": an adjective, the name ends.
        after = texts[j + 2]
        return after.isalpha() and after.islower() and after not in names._SIZE_SUFFIXES
    return not (nxt[0].isalnum() or nxt in ("-", "‐", "+"))


# ----------------------------------------------------------------- names


@Language.component("pg_names")
def pg_names(doc: Doc) -> Doc:
    """Names the vocabulary lacks: acronym definitions, coined tokens, proposal cues."""
    text = doc.text
    data = doc._.pg
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
        text = doc.text
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
        spans = []
        for m in mentions:
            span = doc.char_span(m.start, m.end, label=entities[m.key].type, kb_id=m.key, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.ents = filter_spans(spans)
        return doc


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
    roles = assign_roles(doc.text, [tuple(s) for s in data["sentences"]], mentions, entities, proposed, data["title_end"])
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
            doc.text, [tuple(s) for s in data["sentences"]], mentions, entities, set(proposed), data["title_end"]
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
