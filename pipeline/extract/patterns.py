"""Case-insensitive regular expressions that run at the speed of case-sensitive ones.

Python's ``re`` skips ahead in C to where a pattern's first characters occur,
but not when it ignores case: then it tries a match at every position, and the
cue phrases of :mod:`roles` and :mod:`results` (searched in a window before
each mention) cost several times what they need. :class:`AnyCase` keeps one
pattern and matches it case-sensitively on the lower-cased text instead, which
finds the same matches, at the same offsets, as ``re.IGNORECASE`` on the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

# The only characters that ``re.IGNORECASE`` matches to an ASCII letter and that
# ``str.lower`` does not turn into it ("ſ" is an "s" to re, "İ" lower-cases to
# two characters). Text with one of them is matched with IGNORECASE itself.
_FOLDED_APART = ("ſ", "ı", "İ")
_ESCAPE = re.compile(r"\\.")


# The texts lower-cased last, with their lower case (None where lower-casing is not ignoring case): the rules
# search one abstract at many offsets (``search(text, pos, endpos)``), between searches of its sentences, and
# lower-casing all of it for each search made the stage quadratic in an abstract's length. A few slots, checked
# by identity (a string cannot change while a slot holds it), are enough.
_LOWERED_SLOTS = 4
_lowered: list[tuple[str, str | None]] = [("", "")] * _LOWERED_SLOTS
_next_slot = 0


def lower_case(text: str) -> str | None:
    """``text.lower()``, or None where that is not what ignoring case means (``_FOLDED_APART``).

    >>> lower_case("We Propose"), lower_case("ſtep") is None
    ('we propose', True)
    """
    global _next_slot
    for slot in _lowered:
        if slot[0] is text:
            return slot[1]
    # map(text.__contains__, ...) runs in C: this runs for every cue window.
    lowered = text.lower() if text.isascii() or not any(map(text.__contains__, _FOLDED_APART)) else None
    if len(text) > 200:  # a window's lower case costs less than keeping it
        _lowered[_next_slot] = (text, lowered)
        _next_slot = (_next_slot + 1) % _LOWERED_SLOTS
    return lowered


class AnyCase:
    """A case-insensitive pattern; ``search``/``match``/``fullmatch``/``finditer``
    behave as on ``re.compile(pattern, re.IGNORECASE)``, but the matches are
    of the lower-cased text: read their offsets, not their text.

    >>> cue = AnyCase(r"\\b(?:we|our)\\b")
    >>> bool(cue.search("In this paper, We propose")), cue.search("Ours: a study") is None
    (True, True)
    """

    def __init__(self, pattern: str):
        # Lower-casing the text is only the same as ignoring case when the
        # pattern itself names lower-case ASCII letters only.
        literal = _ESCAPE.sub("", pattern)
        if not literal.isascii() or literal != literal.lower():
            raise ValueError(f"AnyCase needs a lower-case ASCII pattern: {pattern!r}")
        self.pattern = pattern
        self._lower = re.compile(pattern)
        self._any_case = re.compile(pattern, re.IGNORECASE)

    def _choose(self, text: str, lowered: str | None) -> tuple[re.Pattern[str], str]:
        if lowered is None:
            lowered = lower_case(text)
        return (self._any_case, text) if lowered is None else (self._lower, lowered)

    def _run(self, method: Callable, text: str, pos: int, endpos: int | None, lowered: str | None):
        pattern, subject = self._choose(text, lowered)
        return method(pattern, subject, pos, len(subject) if endpos is None else endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None, *, lowered: str | None = None):
        """As ``re.Pattern.search``; ``lowered`` is ``text.lower()`` when the caller has it."""
        return self._run(re.Pattern.search, text, pos, endpos, lowered)

    def match(self, text: str, pos: int = 0, endpos: int | None = None, *, lowered: str | None = None):
        return self._run(re.Pattern.match, text, pos, endpos, lowered)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None, *, lowered: str | None = None):
        return self._run(re.Pattern.fullmatch, text, pos, endpos, lowered)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None, *, lowered: str | None = None):
        return self._run(re.Pattern.finditer, text, pos, endpos, lowered)


# What joins the names of a list: ", ", ", and ", " and ", " or " (roles, resolve and names read lists with it).
LIST_JOIN = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"


def occurrences(text: str, words: Iterable[str], start: int = 0, end: int | None = None) -> Iterator[tuple[int, str]]:
    """``(position, word)`` for each occurrence of each of ``words`` in ``text[start:end]``,
    word by word (``str.find`` skips there in C).

    >>> list(occurrences("the model, a modelling", ("model", "a ")))
    [(4, 'model'), (13, 'model'), (11, 'a ')]
    """
    end = len(text) if end is None else end
    for word in words:
        at = text.find(word, start, end)
        while at >= 0:
            yield at, word
            at = text.find(word, at + 1, end)


def places(text: str, words: tuple[str, ...], start: int = 0, end: int | None = None) -> set[int]:
    """Where any of ``words`` occurs in ``text[start:end]``.

    >>> sorted(places("the model, a modelling", ("model", "a ")))
    [4, 11, 13]
    """
    return {at for at, _ in occurrences(text, words, start, end)}


def finditer_at(
    pattern: re.Pattern[str], text: str, heads: tuple[str, ...], start: int = 0, end: int | None = None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, start, end)`` for a pattern whose every match starts with one of ``heads``.

    A pattern that opens with ``\\b`` or an alternation is tried by ``re`` at
    every position of the text; ``str.find`` skips in C to each head, and the
    pattern is tried there only. The matches are the same: each is the leftmost
    one past the last, and none can start anywhere but at a head. (The pattern
    must not match empty text.)

    >>> verb = re.compile(r"\\b(?:propos|introduc)\\w*")
    >>> t = "We propose X and reintroduce Y; introducing Z."
    >>> [m.group() for m in finditer_at(verb, t, ("propos", "introduc"))] == verb.findall(t)
    True
    """
    end = len(text) if end is None else end
    taken = start  # where the last match ended: finditer's matches do not overlap
    for at in sorted(places(text, heads, start, end)):
        if at < taken:
            continue
        match = pattern.match(text, at, end)
        if match is not None:
            yield match
            taken = match.end()


def keyword_pattern(words: Iterable[str]) -> str:
    """A pattern for any of ``words``, written as a trie: it finds a word where
    ``"|".join(words)`` does, but re tries each first character once per
    position instead of every word (about twice as fast over a cue window).

    >>> keyword_pattern(["than", "that", "over", "outperform"])
    '(?:o(?:utperform|ver)|tha(?:n|t))'
    >>> bool(re.search(keyword_pattern(["vs", "versus"]), "a versus b"))
    True
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def branch(node: dict[str, dict]) -> str:
        options = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        if not options:
            return ""
        joined = options[0] if len(options) == 1 and "" not in node else "(?:" + "|".join(options) + ")"
        return joined + "?" if "" in node else joined

    return branch(trie)
