"""The extractor's fast paths find exactly what the plain ways find, and any text gives consistent records.

:class:`AnyCase` must match where ``re.IGNORECASE`` matches, and the
:class:`LabelFinder`, which remembers the pieces of text it has read, must give
every text the same labels as a fresh one that has read nothing before it.
"""

from __future__ import annotations

import functools
import inspect
import re

import pytest
from hypothesis import example, given, settings, strategies as st

from pipeline.extract import names, resolve, roles
from pipeline.extract.components import MAX_SENTENCE_CHARS, LabelFinder, _bounded, match_vocabulary, sentence_spans
from pipeline.extract.patterns import AnyCase, keyword_pattern
from pipeline.extract.vocabulary import load_vocabulary

_CUES = [
    r"\b(?:we|our|this (?:paper|work|study))\b",
    r"\b(?:compared (?:to|with)|relative to|than|over|versus|vs\.?)\s+(?:\w+\s+){0,3}$",
    r"\b(?:speed-?ups?|faster|\d+(?:\.\d+)?x)\b",
    r"(?:\(|such as|like|including|,|\band|\bor)\s*(?:[\w.-]+\s+){0,2}$",
]
_TEXT = st.text(alphabet=st.sampled_from(list("weourthisWEOURTHIS paperPAPERvs.Vs12x X(,andORſıİÉé\u0130 ")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_CUES), _TEXT)
def test_anycase_matches_where_ignorecase_matches(pattern, text):
    fast, plain = AnyCase(pattern), re.compile(pattern, re.IGNORECASE)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    found, expected = fast.search(text), plain.search(text)
    assert (found and found.span()) == (expected and expected.span())


def test_anycase_refuses_a_pattern_with_capitals():
    try:
        AnyCase(r"\bWe\b")
    except ValueError as error:
        assert "lower-case" in str(error)
    else:
        raise AssertionError("AnyCase took a pattern it cannot match case-insensitively")


def test_label_finder_remembering_pieces_finds_what_a_fresh_one_finds(page_papers):
    vocabulary = load_vocabulary()
    shared = LabelFinder(vocabulary)
    papers = list(page_papers)
    assert len(papers) == 56
    # Read twice, so the second pass runs from memory alone.
    for paper in papers + papers:
        assert shared.find(paper.text) == match_vocabulary(paper.text, vocabulary)


def test_label_finder_joins_labels_across_pieces():
    vocabulary = load_vocabulary()
    finder = LabelFinder(vocabulary)
    text = "We speed up speculative decoding on an RTX 4090 with Flash Attention, unlike FlashAttention-2."
    found, _ = finder.find(text)
    spans = {text[s:e]: slug for s, e, _, slug in found}
    assert "speculative decoding" in spans and "RTX 4090" in spans and "Flash Attention" in spans
    # FlashAttention-2 is its own concept, never FlashAttention inside it.
    assert spans.get("FlashAttention-2") != spans["Flash Attention"]


# Each cue pattern, with the keyword prefilter that decides whether it is searched at all.
_PREFILTERED = {
    "_COMPARE_BEFORE": "_COMPARE_KEY",
    "_COMPARE_FOR": "_COMPARE_KEY",
    "_COMPARE_ANYWHERE": "_COMPARE_KEY",
    "_BUILDS_BEFORE": "_BUILD_KEY",
    "_BUILDS_ON_PART_OF": "_BUILD_KEY",
    "_TRAINED_ON": "_TRAINED_KEY",
}


@pytest.mark.parametrize("cue, key", sorted(_PREFILTERED.items()))
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_keyword_prefilter_lets_every_cue_through(cue, key, data):
    """A text the cue matches always holds one of the prefilter's keywords: the shortcut hides no cue."""
    text = data.draw(st.from_regex(getattr(roles, cue).pattern, fullmatch=True))
    assert getattr(roles, key).search(text.lower()), text


# Cue patterns searched only where one of a few words occurs (a str test, before the pattern).
_WORD_GATED = [
    ("_CONTRAST_WHICH", ("_CONTRAST_WORDS",)),
    ("_OTHERS_SUBJECT", ("_OTHERS_WORDS",)),
    ("_UNREALISED", ("_UNREALISED_WORDS",)),
    ("_SOURCED_FROM", ("_SOURCED_WORDS",)),
    ("_TRAINS_MODEL", ("_TRAINS_WORDS",)),
    ("_NAME_TRAINS", ("_TRAINS_WORDS",)),
    ("_CONVERTS_BEFORE", ("_CONVERTS_WORDS",)),
    ("_COMPONENT_BASED", ("_COMPONENT_BASED_WORDS",)),
    ("_BUILDS_APPOSED", ("_BUILD_KEYS",)),
    ("_AND_SCORE_FOR", ("_AND_SCORE_WORD",)),
    ("_COMPATIBLE", ("_COMPATIBLE_WORDS",)),
    ("_STUDIED_LIST", ("_STUDY_WORDS",)),
    ("_SHARE_OF_FIGURE", ("_SHARE_WORD",)),
    ("_SHARE_OF_NAME", ("_SHARE_WORD",)),
    ("_FINE_TUNES_ON", ("_TUNES_WORD",)),
    ("_KEEPS_PART_OF", ("_KEEPS_WORDS",)),
]


@pytest.mark.parametrize("cue, words", _WORD_GATED, ids=[c for c, _ in _WORD_GATED])
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_word_gate_lets_every_cue_through(cue, words, data):
    """A text the cue matches holds one of the words its search is gated on: the gate hides no cue."""
    text = data.draw(st.from_regex(getattr(roles, cue).pattern, fullmatch=True)).lower()
    gate = getattr(roles, words[0])
    assert any(word in text for word in ((gate,) if isinstance(gate, str) else gate)), text


# Each pattern searched with finditer_at, with the heads every match must start with.
_AT_HEADS = [
    (names, "_MEASURE_AFTER_CHANGE", "_CHANGE_WORDS"),
    (names, "_MEASURE_AFTER_VERB", "_CLAIM_VERBS"),
    (names, "_MEASURE_AFTER_TERMS", "_TERMS_WORDS"),
    (names, "_PROPOSE_VERB", "_PROPOSE_STEMS"),
    (names, "NAMED", "_NAMED_HEADS"),
    (names, "_OPENING_CUE", "_OPENING_HEADS"),
    (resolve, "_PASSIVE_VERB", "_PASSIVE_VERBS"),
    (resolve, "_OUR_NAME", "_OUR_HEADS"),
    (resolve, "_APPOSED_PHRASE", "_OUR_HEADS"),
    (resolve, "_WE_TRAIN", "_WE_HEADS"),
    (resolve, "_YIELDING", "_YIELDING_HEADS"),
    (resolve, "_REMEDY_WITH", "_REMEDY_HEADS"),
    (resolve, "_THAT_IS_PHRASE", "_THAT_IS_HEADS"),
]


def test_every_finditer_at_call_is_checked():
    """Each pattern the rule modules search with finditer_at is in the list above, so a new one cannot skip the test."""
    called = set()
    for module in (names, resolve):
        source = inspect.getsource(module)
        called |= {(module, p, h) for p, h in re.findall(r"finditer_at\(([A-Z_]+), text, (_[A-Z_]+)", source)}
    assert called == set(_AT_HEADS)


@pytest.mark.parametrize("module, pattern, heads", _AT_HEADS, ids=[p for _, p, _ in _AT_HEADS])
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_finditer_at_heads_start_every_match(module, pattern, heads, data):
    """finditer_at tries a pattern only where a head word is: every text the pattern matches starts with one."""
    text = data.draw(st.from_regex(getattr(module, pattern), fullmatch=True))
    assert text.startswith(getattr(module, heads)), text


# Words and marks the rules key on, so that random abstracts reach them.
_WORDS = st.sampled_from(
    "We we propose introduce present our method model , . ; : ( ) - / ' 's called dubbed is proposed and "
    "on over than compared with whereas trained evaluate FlashAttention A100 Xeon Gold 6248 Recall@100 "
    "Whisper large-v3 GPU GPUs 2.3x 41% from 6.29 to 5.87 by ms s Hz named Tidal TAP-DeiT-S ViT-B/16 "
    "Claude 3.5 Sonnet two techniques (1) (2) such as e.g. a the of CUDA kernel termed efficient two-stage "
    "benchmark SciFigBench 5.12 tokens per step halved w/o ~4x".split()
)
_ABSTRACTS = st.lists(_WORDS, max_size=60).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=8).map(" ".join), _ABSTRACTS)
@example(title="We", abstract="called -")  # a name of punctuation alone once crashed the typing of new names
@example(title="Kernels", abstract="We present an efficient CUDA kernel.")  # so did a head noun ending a sentence
@example(title="A Method called Tidal", abstract="Scaling Transformers is hard.")  # a name once ran on into the abstract
@example(title="A100", abstract="A100")  # so did a device's model number ("A100" read as its tail)
@example(title="GPUs GPUs", abstract="GPU")  # and a device looked up past a line's name ("GPUs GPUs" + "GPU")
def test_extract_any_text_gives_consistent_records(title, abstract):
    """On any text the extractor returns records whose offsets, mentions and roles agree with each other,
    and whose evidence lies inside the sentence it quotes."""
    from pipeline.ingest import make_paper
    from pipeline.records import SourceRef

    paper = make_paper(SourceRef("fuzz", 1), {"title": title, "abstract": abstract})
    extraction = _extractor().extract(paper)
    ids = {e.id for e in extraction.entities}
    for mention in extraction.mentions:
        assert paper.text[mention.start : mention.end] == mention.text
        assert mention.entity_id in ids
    assert {r.object for r in extraction.relations} <= ids
    for result in extraction.results:
        assert {result.metric, result.dataset, result.hardware, result.baseline} - {None} <= ids
    evidence = [m.evidence for m in extraction.mentions] + [e for r in extraction.relations for e in r.evidence]
    for said in evidence + [r.evidence for r in extraction.results]:
        sentence_end = said.sentence_start + len(said.sentence)
        assert paper.text[said.sentence_start : sentence_end] == said.sentence
        assert said.sentence_start <= said.start <= said.end <= sentence_end, said



@functools.cache
def _extractor():
    from pipeline.extract import load_extractor

    return load_extractor()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ,;.\n")), max_size=300), st.integers(min_value=2, max_value=40))
def test_bounded_pieces_cover_the_sentence_within_the_limit(text, limit):
    """A long sentence is cut into pieces no longer than the limit that, with the spaces between them, are the sentence."""
    pieces = _bounded(text, 0, len(text), limit=limit)
    assert all(e - s <= limit for s, e in pieces)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    for (_, end), (start, _) in zip(pieces, pieces[1:]):
        assert end <= start and not text[end:start].strip()


def test_run_on_text_is_read_in_bounded_sentences():
    """A text with no full stops is read in sentences of bounded length (the cue rules read a
    sentence once per name in it), and its names and roles are still found."""
    text = "Fast Attention on GPUs\n\n" + " ".join(["our kernel runs GPT-4 faster than FlashAttention on an A100, and"] * 300)
    spans = sentence_spans(text)
    assert len(spans) > 10 and max(e - s for s, e in spans) <= MAX_SENTENCE_CHARS
    from pipeline.ingest import make_paper
    from pipeline.records import SourceRef

    title, abstract = text.split("\n\n", 1)
    extraction = _extractor().extract(make_paper(SourceRef("run-on", 1), {"title": title, "abstract": abstract}))
    names_found = {e.name for e in extraction.entities}
    assert {"FlashAttention", "GPT-4", "A100"} <= names_found
    assert ("compares_with", "flashattention") in {(r.predicate, r.object) for r in extraction.relations}


def test_thousands_of_proposals_are_read_as_the_first_few():
    """A text of 2,000 "we propose" cues is no abstract: only the first MAX_PROPOSAL_CUES are read as
    proposals (each is read against every name), and every name is still found and typed."""
    from pipeline.extract.resolve import MAX_PROPOSAL_CUES
    from pipeline.ingest import make_paper
    from pipeline.records import SourceRef

    abstract = " ".join(f"We propose Zeph{i}x, a router." for i in range(2000))
    extraction = _extractor().extract(make_paper(SourceRef("many", 1), {"title": "Routers", "abstract": abstract}))
    assert len(extraction.entities) == 2000 and {e.type for e in extraction.entities} == {"Method"}
    proposed = [r.object for r in extraction.relations if r.predicate == "proposes"]
    assert proposed == [f"zeph{i}x" for i in range(MAX_PROPOSAL_CUES)]


_KEY_ALPHABET = st.text(alphabet=st.sampled_from(list("abc -x")), min_size=1, max_size=4)


@settings(max_examples=400, deadline=None)
@given(st.lists(_KEY_ALPHABET, min_size=1, max_size=8), st.text(alphabet=st.sampled_from(list("abc -x")), max_size=40))
def test_keyword_pattern_finds_a_word_where_the_plain_alternation_does(words, text):
    """The trie-shaped pattern of a word list matches first where ``"|".join(words)`` does."""
    plain = re.search("|".join(map(re.escape, words)), text)
    trie = re.search(keyword_pattern(words), text)
    assert (plain is None) == (trie is None)
    assert plain is None or plain.start() == trie.start()


def test_entity_spans_are_what_filter_spans_keeps(page_papers):
    """doc.ents are made from token offsets; they are the spans spaCy's filter_spans keeps of every mention."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    from pipeline.extract.components import entity_spans, unpack

    nlp = _extractor().nlp
    for doc in nlp.pipe(p.text for p in page_papers):
        mentions, entities, _ = unpack(doc._.pg)
        ours = [(s.start, s.end, s.label_, s.kb_id_) for s in entity_spans(doc, mentions, entities)]
        spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in mentions]
        theirs = filter_spans(
            Span(doc, s.start, s.end, label=entities[m.key].type, kb_id=m.key) for s, m in zip(spans, mentions) if s
        )
        assert ours == [(s.start, s.end, s.label_, s.kb_id_) for s in theirs]
        assert ours == [(e.start, e.end, e.label_, e.kb_id_) for e in doc.ents]


_LONG_TEXT = st.text(alphabet=st.sampled_from(list("weourthisWEOURTHIS paperPAPER vs.12x (,andORſİé")), min_size=201, max_size=400)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_TEXT, _LONG_TEXT), min_size=1, max_size=8), st.data())
def test_anycase_on_texts_in_turn_matches_where_ignorecase_matches(texts, data):
    """AnyCase keeps the lower case of the last long texts it searched (a rule searches one abstract at many
    offsets): searching several texts in turn, at any offsets, finds what re.IGNORECASE finds in each."""
    fast, plain = AnyCase(_CUES[0]), re.compile(_CUES[0], re.IGNORECASE)
    for text in data.draw(st.lists(st.sampled_from(texts), min_size=1, max_size=12)):
        pos = data.draw(st.integers(min_value=0, max_value=len(text)))
        found, expected = fast.search(text, pos), plain.search(text, pos)
        assert (found and found.span()) == (expected and expected.span())


def test_anycase_reads_each_text_of_one_length_as_itself():
    """Two long texts of one length, searched in turn, are each read as themselves."""
    cue = AnyCase(_CUES[0])
    first, second = "x " * 150 + "We", "We" + " x" * 150
    for _ in range(2):
        assert cue.search(first).span() == (300, 302)
        assert cue.search(second).span() == (0, 2)
        assert cue.search(second.upper(), 1) is None


def _listed_type_by_walking(text, mentions, key, known_types):
    """The list typing as it was first written: a walk along the list from each mention of ``key``
    (quadratic in a list's length; ``resolve._Lists`` reads each list once)."""
    types = set()
    for index, mention in enumerate(mentions):
        if mention.key != key:
            continue
        members, comma, joined = [], False, False
        for step in (-1, 1):
            at, here = index + step, mention
            while 0 <= at < len(mentions):
                other = mentions[at]
                left, right = (other, here) if step < 0 else (here, other)
                if left.end > right.start or not roles.LIST_GAP.fullmatch(text, left.end, right.start):
                    break
                gap = text[left.end : right.start]
                closes = "and" in gap or "or" in gap
                if step < 0 and closes and at != index - 1:
                    break
                comma = comma or "," in gap
                joined = joined or closes
                members.append(other.key)
                here, at = other, at + step
                if step > 0 and closes:
                    break
        if comma and (joined or len(members) >= 2):
            types.update(known_types[k] for k in members if k in known_types)
    return types.pop() if len(types) == 1 else None


_GAPS = st.sampled_from([", ", ", and ", " and ", " or ", ", or ", " then ", "; ", " ", ","])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ABCDEFxyz"), _GAPS), min_size=1, max_size=14), st.data())
def test_lists_read_once_type_names_as_the_walk_along_each_list(items, data):
    """Reading each list once (a look-up per mention) types every name as walking its list from each
    mention did, for any sentence of names and joins."""
    text, mentions = "on ", []
    for name, gap in items:
        mentions.append(roles.Found(len(text), len(text) + 1, name.lower(), "coined", 0.8))
        text += name + gap
    known_types = {k: data.draw(st.sampled_from(["Dataset", "Model"])) for k in "abcdef"}
    for key in "xyz":
        assert resolve._listed_type(text, mentions, key, known_types) == _listed_type_by_walking(
            text, mentions, key, known_types
        ), (text, key)
