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

# The only characters that ``re.IGNORECASE`` matches to an ASCII letter and that
# ``str.lower`` does not turn into it ("ſ" is an "s" to re, "İ" lower-cases to
# two characters). Text with one of them is matched with IGNORECASE itself.
_FOLDED_APART = ("ſ", "ı", "İ")
_ESCAPE = re.compile(r"\\.")


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
        if text.isascii() or not any(ch in text for ch in _FOLDED_APART):
            return self._lower, text.lower() if lowered is None else lowered
        return self._any_case, text

    def _run(self, method: str, text: str, pos: int, endpos: int | None, lowered: str | None):
        pattern, subject = self._choose(text, lowered)
        return getattr(pattern, method)(subject, pos, len(subject) if endpos is None else endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None, *, lowered: str | None = None):
        """As ``re.Pattern.search``; ``lowered`` is ``text.lower()`` when the caller has it."""
        return self._run("search", text, pos, endpos, lowered)

    def match(self, text: str, pos: int = 0, endpos: int | None = None, *, lowered: str | None = None):
        return self._run("match", text, pos, endpos, lowered)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None, *, lowered: str | None = None):
        return self._run("fullmatch", text, pos, endpos, lowered)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None, *, lowered: str | None = None):
        return self._run("finditer", text, pos, endpos, lowered)
