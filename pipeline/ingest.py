"""Read paper listings into a stream of :class:`Paper` records.

Three input formats, detected from content or named by the caller:

- ``page``: the text dump of a paper-listing page. A few header lines, then for
  each paper a title paragraph, a blank line, an abstract paragraph, a blank line.
- ``jsonl``: one JSON object per line with arXiv-style fields (``id``,
  ``title``, ``abstract``, optional ``authors``, ``published``, ``url``).
- ``csv``: the same columns, with a header row.

Files are read line by line; nothing holds a whole file. The pure helpers
(:func:`clean_text`, :func:`find_urls`, :func:`paper_id`, ...) carry the rules;
the ``iter_*`` functions are the I/O shell around them.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

from .errors import InputError
from .ids import slugify
from .records import Paper, Skipped, SourceRef

Format = Literal["page", "jsonl", "csv"]
FORMATS: tuple[Format, ...] = ("page", "jsonl", "csv")

_SNIFF_BYTES = 8192

# A paragraph with this many words or more reads as an abstract, fewer as a title
# or a header line. Titles longer than this are rare; abstracts shorter, rarer.
_ABSTRACT_MIN_WORDS = 20
_TITLE_MAX_CHARS = 300
_TITLE_MAX_WORDS = 45


@dataclass
class IngestLog:
    """What reading skipped or noticed, for the build report."""

    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    duplicates: int = 0
    papers: int = 0


@dataclass(frozen=True, slots=True)
class _Raw:
    """One record as the reader found it, before checks and normalisation."""

    where: SourceRef
    fields: dict[str, object]


@dataclass(frozen=True, slots=True)
class _Bad:
    where: SourceRef
    problem: str


@dataclass(frozen=True, slots=True)
class _Note:
    where: SourceRef
    message: str


# --------------------------------------------------------------------------- rules


_LATEX_WRAPPERS = re.compile(r"\\(?:textbf|textit|texttt|emph|mathrm|mathbf|text|url)\{([^{}]*)\}")
_LATEX_ESCAPES = re.compile(r"\\([%&_#$])")
# Math mode around a multiple or an approximation: "5.3$\times$", "$2\times$", "$\sim$40%", "$\approx$3".
_MATH_TIMES = re.compile(r"\$(\d+(?:\.\d+)?)\s?\\times\s?\$|(?<=\d)\s?\$\s?\\times\s?\$")
_MATH_APPROX = re.compile(r"\$\s?\\(sim|approx)\s?\$\s?(?=\d)")
_TIMES_GLUED = re.compile(r"(?<=\d)\s?(?:\\times|times)(?![a-zA-Z])")
_X_GLUED = re.compile(r"(?<=\d)\s?×")
_TILDE_RANGE = re.compile(r"(?<=\d)\s?~\s?(?=\d)")
_SIM = re.compile(r"(?:\\sim|(?<![\w-])sim)\s+(?=\d)")
_BRACED_JUNK = re.compile(r"\{\[[^\]{}]*\]\}")
_SPACES = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Normalise the escapes that listing pages leave in abstracts.

    Args:
        text: a title or an abstract as written on the page.

    Returns:
        The text the extractor reads: LaTeX escapes and "times" glued to a
        number become plain symbols, ranges written with "~" become en-dash
        ranges, and whitespace is collapsed.

    >>> clean_text(r"a 6.3times speed-up, 46~75% of PPL and 33\\% faster")
    'a 6.3x speed-up, 46–75% of PPL and 33% faster'
    >>> clean_text("sim 80% impact")
    '~80% impact'
    >>> clean_text(r"by 5.3$\\times$ and $2\\times$ faster, with $\\sim$40% less memory")
    'by 5.3x and 2x faster, with ~40% less memory'
    >>> clean_text("46\u223c75% of PPL, \u223c4\u00d7 less memory")
    '46–75% of PPL, ~4x less memory'
    """
    text = unicodedata.normalize("NFC", text)
    text = _BRACED_JUNK.sub("", text)
    text = _LATEX_WRAPPERS.sub(r"\1", text)
    text = _LATEX_ESCAPES.sub(r"\1", text)
    text = _MATH_TIMES.sub(lambda m: (m.group(1) or "") + "x", text)
    text = _MATH_APPROX.sub(lambda m: "~" if m.group(1) == "sim" else "\u2248", text)
    text = text.replace("\u223c", "~")  # the tilde operator: "∼4x" as "~4x", "46∼75%" as a range below
    text = _TIMES_GLUED.sub("x", text)
    text = _X_GLUED.sub("x", text)
    text = _TILDE_RANGE.sub("–", text)
    text = _SIM.sub("~", text)
    return _SPACES.sub(" ", text).strip()


_URL_START = re.compile(r"https?://", re.IGNORECASE)
_URL_BODY = re.compile(r"[^\s<>\"'`]+")
# "https://github.com/ owner/repo": a space a page dump put after a host's "/".
_BROKEN_PATH = re.compile(r"\s+([\w.-]+/[^\s<>\"'`]+)")
# "https:// github.com/owner/repo": one put after the scheme (the host has a dot).
_BROKEN_HOST = re.compile(r"[ \t]+[\w-]+(?:\.[\w-]+)+(?:/[^\s<>\"'`]*)?")
_TRAILING_JUNK = re.compile(r"(?:[.,;:)\]}>'\"!?]|\{\[[^\]{}]*\]\})$")
_CODE_HOSTS = ("github.com", "gitlab.com", "huggingface.co", "bitbucket.org", "github.io")


def find_urls(text: str) -> list[tuple[int, int, str]]:
    """Find the URLs in a text and repair the ones a page dump broke.

    Args:
        text: an abstract as written on the page.

    Returns:
        ``(start, end, url)`` for each URL: the span it covers in ``text`` and
        the repaired address (a space after the host's "/" removed, trailing
        punctuation and "{[here]}"-style link text dropped).

    >>> find_urls("code at https://github.com/ altair199797/LowFormer.")[0][2]
    'https://github.com/altair199797/LowFormer'
    >>> find_urls("available https://github.com/ZihuaEvan/FlashSD/{[here]}.")[0][2]
    'https://github.com/ZihuaEvan/FlashSD'
    >>> find_urls("Code: https:// github.com/a/b.")[0][2]
    'https://github.com/a/b'
    >>> find_urls("a scheme alone, https:// and no host, is no URL: http://")
    []
    """
    found: list[tuple[int, int, str]] = []
    for start_match in _URL_START.finditer(text):
        start = start_match.start()
        if found and start < found[-1][1]:
            continue
        body = _URL_BODY.match(text, start)
        end = body.end() if body else start_match.end()
        if end == start_match.end():
            host = _BROKEN_HOST.match(text, end)
            if host:
                end = host.end()
        if text[start:end].count("/") == 3 and text[end - 1] == "/":
            rest = _BROKEN_PATH.match(text, end)
            if rest:
                end = rest.end()
        # Trailing punctuation and "{[here]}" link text belong to the sentence.
        while True:
            raw = text[start:end]
            trimmed = _TRAILING_JUNK.sub("", raw)
            if trimmed == raw:
                break
            end = start + len(trimmed)
        url = re.sub(r"\s+", "", _BRACED_JUNK.sub("", text[start:end])).rstrip("/")
        if "." in url.partition("://")[2]:
            found.append((start, end, url))
    return found


def pick_code_url(urls: Iterable[str]) -> str | None:
    """The address of a paper's code: a repository host first, else the first URL.

    >>> pick_code_url(["https://example.org/paper", "https://github.com/a/b"])
    'https://github.com/a/b'
    """
    urls = list(urls)
    for url in urls:
        host = url.split("://", 1)[-1].split("/", 1)[0].lower()
        if any(host == h or host.endswith("." + h) for h in _CODE_HOSTS):
            return url
    return urls[0] if urls else None


def repair_urls(text: str) -> tuple[str, list[str]]:
    """Replace each broken URL in ``text`` by its repaired form.

    Returns:
        The text with repaired URLs and the list of those URLs, in order.
    """
    urls = find_urls(text)
    if not urls:
        return text, []
    parts: list[str] = []
    last = 0
    for start, end, url in urls:
        parts.append(text[last:start])
        parts.append(url)
        last = end
    parts.append(text[last:])
    return "".join(parts), [u for _, _, u in urls]


_ARXIV_NEW = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d])")
_ARXIV_OLD = re.compile(r"\b([a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?\b")


def arxiv_id(value: str | None) -> str | None:
    """The normalised arXiv identifier in an id or URL, version dropped.

    >>> arxiv_id("2307.08691v2"), arxiv_id("arXiv:2205.14135"), arxiv_id("https://arxiv.org/abs/hep-th/9901001v3")
    ('2307.08691', '2205.14135', 'hep-th/9901001')
    >>> arxiv_id("not an id") is None
    True
    """
    if not value:
        return None
    value = value.strip()
    match = _ARXIV_NEW.search(value) or _ARXIV_OLD.search(value)
    return match.group(1) if match else None


def title_key(title: str) -> str:
    """A title reduced to lowercase letters and digits, to spot the same paper twice."""
    folded = unicodedata.normalize("NFKD", title).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def paper_id(title: str, given_id: str | None = None, url: str | None = None) -> str:
    """A paper's id: its arXiv id when known, else the slug of its title.

    >>> paper_id("Some Title", "2307.08691v2")
    '2307.08691'
    >>> paper_id("FlashAttention: Fast and Memory-Efficient Exact Attention")
    'flashattention-fast-and-memory-efficient-exact-attention'
    """
    return arxiv_id(given_id) or arxiv_id(url) or slugify(clean_text(title))


def make_paper(where: SourceRef, fields: dict[str, object]) -> Paper:
    """Check one raw record and turn it into a :class:`Paper`.

    Raises:
        InputError: the record has no title, or a field of the wrong type.
    """
    title = _text_field(where, fields, "title")
    if not title:
        raise InputError(where.path, where.line, "record has no title")
    abstract = _text_field(where, fields, "abstract", "summary")
    given_id = _text_field(where, fields, "id")
    url = _text_field(where, fields, "url", "link") or None
    published = _text_field(where, fields, "published", "date", "update_date") or None
    authors = _authors_field(where, fields.get("authors"))
    repaired, urls = repair_urls(abstract)
    code_url = _text_field(where, fields, "code_url") or pick_code_url(urls)
    pid = paper_id(title, given_id, url)
    if url is None and arxiv_id(given_id):
        url = f"https://arxiv.org/abs/{pid}"
    return Paper(
        id=pid,
        title=title.strip(),
        abstract=abstract.strip(),
        clean_title=clean_text(title),
        clean_abstract=clean_text(repaired),
        url=url,
        code_url=code_url,
        authors=authors,
        published=published,
        source=where,
    )


def _text_field(where: SourceRef, fields: dict[str, object], *names: str) -> str:
    for name in names:
        value = fields.get(name)
        if value is None:
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise InputError(
                where.path, where.line, f"field {name!r} must be text, got {type(value).__name__}"
            )
        if value.strip():
            return value.strip()
    return ""


def _authors_field(where: SourceRef, value: object) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        parts = re.split(r"\s*;\s*|\s*,\s*|\s+and\s+", value)
        return tuple(p for p in parts if p)
    if isinstance(value, list) and all(isinstance(a, str) for a in value):
        return tuple(a.strip() for a in value if a.strip())
    raise InputError(where.path, where.line, "field 'authors' must be text or a list of names")


def _is_abstract_like(text: str) -> bool:
    return len(text.split()) >= _ABSTRACT_MIN_WORDS


def _could_be_title(text: str) -> bool:
    return len(text) <= _TITLE_MAX_CHARS and len(text.split()) < _TITLE_MAX_WORDS


# ------------------------------------------------------------------ format readers


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    text: str | None  # None when the line is not valid UTF-8


def _iter_lines(stream: BinaryIO) -> Iterator[_Line]:
    """Decode a byte stream line by line, so a bad byte is blamed on its line."""
    for number, raw in enumerate(stream, start=1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield _Line(number, None)
            continue
        yield _Line(number, text.rstrip("\r\n"))


def _bad_bytes(path: str, number: int) -> _Bad:
    return _Bad(SourceRef(path, number), "bytes that are not UTF-8 (save the file as UTF-8)")


def iter_page_records(path: str, lines: Iterable[_Line]) -> Iterator[_Raw | _Bad | _Note]:
    """Split a listing-page dump into title/abstract records.

    Header paragraphs before the first title are passed over: the first title is
    the first title-sized paragraph followed by an abstract-sized one. After it,
    paragraphs alternate title, abstract; a title whose abstract is missing is
    reported and the reader picks up again at the next title.
    """
    paragraphs = _iter_paragraphs(lines)
    ahead: list[tuple[int, str | None]] = []

    def peek(n: int) -> list[tuple[int, str | None]]:
        while len(ahead) < n:
            nxt = next(paragraphs, None)
            if nxt is None:
                break
            ahead.append(nxt)
        return ahead[:n]

    def take() -> tuple[int, str | None]:
        peek(1)
        return ahead.pop(0)

    first_line = 1
    while True:
        window = peek(2)
        if len(window) < 2:
            yield _Bad(
                SourceRef(path, first_line),
                "no papers found: expected a title line, a blank line and an abstract paragraph "
                f"of {_ABSTRACT_MIN_WORDS}+ words (use --format jsonl or csv for other inputs)",
            )
            return
        (line, title), (_, abstract) = window
        if title is not None and abstract is not None and _could_be_title(title) and _is_abstract_like(abstract):
            break
        if title is None:
            yield _bad_bytes(path, line)
        take()  # a header line

    while peek(1):
        line, title = take()
        if title is None:
            yield _bad_bytes(path, line)
            continue
        if not _could_be_title(title):
            yield _Bad(
                SourceRef(path, line),
                f"expected a title line but found a paragraph of {len(title.split())} words "
                "(is a title missing before it?)",
            )
            continue
        window = peek(2)
        if not window:
            yield _Note(SourceRef(path, line), "ignored a last line that no abstract follows")
            continue
        abstract_line, abstract = window[0]
        if abstract is None:
            take()
            yield _bad_bytes(path, abstract_line)
            continue
        after = window[1][1] if len(window) > 1 else None
        # The paragraph after a title is itself the next title when an
        # abstract-sized paragraph follows it and it is the likelier title of the two.
        next_is_title = (
            _could_be_title(abstract)
            and after is not None
            and _is_abstract_like(after)
            and (not _is_abstract_like(abstract) or not _could_be_title(after))
        )
        if next_is_title:
            yield _Bad(SourceRef(path, line), "title has no abstract (the next paragraph is another title)")
            continue
        if not _is_abstract_like(abstract) and after is None:
            take()
            yield _Note(SourceRef(path, line), "ignored the last two short lines: no abstract follows them")
            continue
        take()
        yield _Raw(SourceRef(path, line), {"title": title, "abstract": abstract})


def _iter_paragraphs(lines: Iterable[_Line]) -> Iterator[tuple[int, str | None]]:
    """Group lines into paragraphs: (first line number, text or None if undecodable)."""
    start = 0
    parts: list[str] = []
    broken = False
    for line in lines:
        if line.text is not None and not line.text.strip():
            if parts or broken:
                yield start, None if broken else " ".join(parts)
            parts, broken = [], False
            continue
        if not parts and not broken:
            start = line.number
        if line.text is None:
            broken = True
        else:
            parts.append(line.text.strip())
    if parts or broken:
        yield start, None if broken else " ".join(parts)


def iter_jsonl_records(path: str, lines: Iterable[_Line]) -> Iterator[_Raw | _Bad]:
    """One record per non-blank line of JSON Lines."""
    for line in lines:
        where = SourceRef(path, line.number)
        if line.text is None:
            yield _bad_bytes(path, line.number)
            continue
        if not line.text.strip():
            continue
        try:
            value = json.loads(line.text)
        except json.JSONDecodeError as exc:
            hint = " (the line looks truncated)" if "Unterminated" in exc.msg or "Expecting" in exc.msg else ""
            # json's "Unterminated string starting at" names the column the message already gives.
            problem = exc.msg.removesuffix(" starting at")
            yield _Bad(where, f"invalid JSON at column {exc.colno}: {problem}{hint}")
            continue
        if not isinstance(value, dict):
            yield _Bad(where, f"expected a JSON object, got {type(value).__name__}")
            continue
        yield _Raw(where, value)


_CSV_NEEDED = ("title", "abstract")


def iter_csv_records(path: str, lines: Iterable[_Line]) -> Iterator[_Raw | _Bad]:
    """One record per CSV row; the header names the columns (any order, any case)."""
    state = {"line": 0, "bad": False}

    def texts() -> Iterator[str]:
        for line in lines:
            state["line"] = line.number
            if line.text is None:
                state["bad"] = True
                yield ""
            else:
                yield line.text + "\n"

    source = texts()
    first = next(source, None)
    if first is None:
        return
    delimiter = max(",\t;", key=first.count)
    header = next(csv.reader([first], delimiter=delimiter))
    columns = [h.strip().lower() for h in header]
    missing = [c for c in _CSV_NEEDED if c not in columns]
    if missing:
        yield _Bad(
            SourceRef(path, 1),
            f"CSV header lacks column(s) {', '.join(repr(m) for m in missing)} "
            f"(found: {', '.join(repr(c) for c in columns)})",
        )
        return
    reader = csv.reader(source, delimiter=delimiter)
    row_start = 2
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield _Bad(SourceRef(path, row_start), f"CSV error: {exc}")
            break
        where = SourceRef(path, row_start)
        row_start = state["line"] + 1
        if state["bad"]:
            state["bad"] = False
            yield _bad_bytes(path, where.line)
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            yield _Bad(where, f"row has {len(row)} fields, the header has {len(columns)}")
            continue
        yield _Raw(where, dict(zip(columns, row)))


_READERS: dict[Format, Callable[[str, Iterable[_Line]], Iterator[_Raw | _Bad | _Note]]] = {
    "page": iter_page_records,
    "jsonl": iter_jsonl_records,
    "csv": iter_csv_records,
}


def detect_format(head: bytes) -> Format:
    """Guess the format from the first bytes of a file.

    >>> detect_format(b'{"id": "2307.08691", "title": "x"}\\n')
    'jsonl'
    >>> detect_format(b"id,title,abstract\\n1,a,b\\n")
    'csv'
    >>> detect_format(b"Daily Papers\\n\\nA title\\n\\nAn abstract.\\n")
    'page'
    """
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if first.lstrip().startswith("{"):
        return "jsonl"
    for delimiter in ",\t;":
        if delimiter in first:
            cells = [c.strip().strip('"').lower() for c in first.split(delimiter)]
            if "title" in cells:
                return "csv"
    return "page"


def _open(path: str) -> BinaryIO:
    if path == "-":
        return io.BufferedReader(sys.stdin.buffer)  # type: ignore[arg-type]
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(path, None, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, None, "is a folder, not a file") from None
    except PermissionError:
        raise InputError(path, None, "permission denied") from None


def _check_head(path: str, head: bytes) -> None:
    if not head.strip():
        raise InputError(path, 1, "empty file: no papers to read")
    if b"\x00" in head:
        raise InputError(path, 1, "binary file (it holds NUL bytes): expected a page, JSON Lines or CSV")


def iter_file_records(path: str, fmt: Format | None = None) -> Iterator[_Raw | _Bad | _Note]:
    """The raw records of one file, in order.

    Raises:
        InputError: the file is missing, empty or binary.
    """
    stream = _open(path)
    with stream:
        head = stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES] if hasattr(stream, "peek") else b""
        _check_head(path, head)
        reader = _READERS[fmt or detect_format(head)]
        yield from reader(path, _iter_lines(stream))


def iter_papers(
    paths: Iterable[str | Path],
    fmt: Format | None = None,
    *,
    skip_bad: bool = False,
    log: IngestLog | None = None,
) -> Iterator[Paper]:
    """Read papers from files, one at a time, dropping repeats.

    The same paper seen twice (same arXiv id, or same title letters and digits)
    is one record: the first copy read wins and later copies are counted in
    ``log.duplicates`` with a warning naming where they were.

    Args:
        paths: input files; "-" reads standard input.
        fmt: the format of every file, or None to detect each file's own.
        skip_bad: pass over bad records (and unreadable files) instead of failing;
            each one is added to ``log.skipped``.
        log: collects skipped records, warnings and counts.

    Raises:
        InputError: the first bad record or file, unless ``skip_bad``.
    """
    log = log if log is not None else IngestLog()
    seen_ids: set[str] = set()
    seen_titles: dict[str, SourceRef] = {}
    for path in paths:
        path = str(path)
        try:
            for item in iter_file_records(path, fmt):
                if isinstance(item, _Note):
                    log.warnings.append(f"{item.where}: {item.message}")
                    continue
                if isinstance(item, _Bad):
                    _fail_or_skip(InputError(item.where.path, item.where.line, item.problem), skip_bad, log)
                    continue
                try:
                    paper = make_paper(item.where, item.fields)
                except InputError as exc:
                    _fail_or_skip(exc, skip_bad, log)
                    continue
                key = title_key(paper.title)
                if paper.id in seen_ids or key in seen_titles:
                    log.duplicates += 1
                    first = seen_titles.get(key)
                    log.warnings.append(
                        f"{item.where}: duplicate of the paper read at {first or 'an earlier line'}; kept the first"
                    )
                    continue
                seen_ids.add(paper.id)
                seen_titles[key] = item.where
                log.papers += 1
                yield paper
        except InputError as exc:
            # Only a whole-file problem gets here (a record's own is handled
            # above): with skip_bad the file is passed over and reported.
            if not skip_bad:
                raise
            _fail_or_skip(exc, skip_bad, log)


def _fail_or_skip(exc: InputError, skip_bad: bool, log: IngestLog) -> None:
    if not skip_bad:
        raise exc
    log.skipped.append(Skipped(SourceRef(exc.path, exc.line or 0), exc.problem))
