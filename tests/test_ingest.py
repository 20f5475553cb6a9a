"""Reading real listings: the shared page, JSON Lines and CSV, and bad inputs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.ingest import (
    IngestLog,
    arxiv_id,
    clean_text,
    detect_format,
    find_urls,
    iter_page_records,
    iter_papers,
    make_paper,
    paper_id,
    _Line,
)
from pipeline.records import SourceRef

from .conftest import EXAMPLES


def _titles_after_header(lines: list[str]) -> list[tuple[str, str]]:
    """(title, abstract) pairs read straight off the page's line layout."""
    body = [ln for ln in lines if ln.strip()]
    start = next(i for i, ln in enumerate(body) if ln.startswith("SkyReels-A2"))
    return list(zip(body[start::2], body[start + 1 :: 2]))


def test_ingest_page_reads_all_56_papers_exactly(page_papers, page_lines):
    pairs = _titles_after_header(page_lines)
    assert len(page_papers) == 56 == len(pairs)
    assert [(p.title, p.abstract) for p in page_papers] == pairs


@pytest.mark.parametrize(
    "title",
    [
        "FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning",
        "The I/O Complexity of Attention, or How Optimal is Flash Attention?",
        "UloRL:An Ultra-Long Output Reinforcement Learning Approach for Advancing Large Language Models' Reasoning Abilities",
        "How Long It Takes for an Ordinary Node with an Ordinary ID to Output?",
        "Employing Explainable Artificial Intelligence (XAI) Methodologies to Analyze the Correlation between Input Variables and Tensile Strength in Additively Manufactured Samples",
    ],
)
def test_ingest_page_spot_check_titles(page_papers, title):
    assert title in {p.title for p in page_papers}


def test_ingest_page_flashattention2_abstract(page_papers):
    paper = next(p for p in page_papers if p.title.startswith("FlashAttention-2"))
    assert paper.abstract.startswith("Scaling Transformers to longer sequence lengths has been a major problem")
    assert "225 TFLOPs/s per A100 GPU" in paper.abstract
    assert paper.id == "flashattention-2-faster-attention-with-better-parallelism-and-work-partitioning"
    assert paper.source.line > 12


@pytest.mark.parametrize(
    "title_start, code_url",
    [
        ("LowFormer", "https://github.com/altair199797/LowFormer"),
        ("FLASH:", "https://github.com/ZihuaEvan/FlashSD"),
        ("Decoding at the Speed", "https://github.com/tjunlp-lab/Lexical-Unit-Decoding-LUD-"),
        ("KV Prediction", "https://github.com/apple/corenet/tree/main/projects/kv-prediction"),
        ("TempMe", "https://github.com/LunarShen/TempMe"),
        ("FastSpeech 2", "https://speechresearch.github.io/fastspeech2"),
        ("FlashAttention:", None),
    ],
)
def test_ingest_page_recovers_code_urls(page_papers, title_start, code_url):
    paper = next(p for p in page_papers if p.title.startswith(title_start))
    assert paper.code_url == code_url


def test_ingest_page_normalises_escapes_and_keeps_original(page_papers):
    sentence_vae = next(p for p in page_papers if p.title.startswith("SentenceVAE"))
    assert "46~75%" in sentence_vae.abstract
    assert "46–75%" in sentence_vae.clean_abstract
    dd = next(p for p in page_papers if p.title.startswith("Distilled Decoding"))
    assert "6.3times" in dd.abstract and "6.3x speed-up" in dd.clean_abstract
    ulorl = next(p for p in page_papers if p.title.startswith("UloRL"))
    assert r"70.9\%" in ulorl.abstract and "from 70.9% to 85.1%" in ulorl.clean_abstract
    lowformer = next(p for p in page_papers if p.title.startswith("LowFormer"))
    assert "https://github.com/altair199797/LowFormer" in lowformer.clean_abstract
    for paper in page_papers:
        assert "\\%" not in paper.clean_abstract
        assert not re.search(r"\dtimes", paper.clean_abstract)


@pytest.mark.parametrize(
    "given, expected",
    [
        ("2307.08691v2", "2307.08691"),
        ("arXiv:2307.08691", "2307.08691"),
        ("http://arxiv.org/abs/2307.08691v1", "2307.08691"),
        ("hep-th/9901001v3", "hep-th/9901001"),
        ("math.GT/0309136", "math.GT/0309136"),
        ("10.1145/3600006.3613165", None),
        ("", None),
    ],
)
def test_ingest_arxiv_id_normalised(given, expected):
    assert arxiv_id(given) == expected


def test_ingest_paper_id_falls_back_to_title_slug():
    assert paper_id("The I/O Complexity of Attention, or How Optimal is Flash Attention?") == (
        "the-i-o-complexity-of-attention-or-how-optimal-is-flash-attention"
    )
    long_title = "A " * 100 + "title"
    slug = paper_id(long_title)
    assert len(slug) <= 80 and slug == paper_id(long_title)
    assert slug != paper_id("A " * 100 + "titles")


def test_ingest_examples_jsonl():
    papers = list(iter_papers([EXAMPLES]))
    assert len(papers) == 14
    fa = papers[0]
    assert fa.id == "2205.14135" and fa.authors[0] == "Tri Dao"
    assert fa.url == "https://arxiv.org/abs/2205.14135"
    assert {p.id for p in papers} >= {"2307.08691", "2309.06180", "2106.09685"}


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


ABSTRACT = "We study a problem in depth and propose a method that is fast and accurate on many benchmarks, with results that we report in detail here."


def test_ingest_jsonl_fields_and_duplicates(tmp_path):
    lines = [
        {"id": "2307.08691v2", "title": "FlashAttention-2", "abstract": ABSTRACT, "authors": "Tri Dao", "published": "2023-07-17"},
        {"id": "2307.08691v3", "title": "FlashAttention-2 (v3 copy)", "abstract": ABSTRACT},
        {"title": "flashattention 2", "abstract": ABSTRACT},
        {"id": "x", "title": "No arXiv id here", "abstract": ABSTRACT, "url": "https://example.org/p"},
    ]
    path = _write(tmp_path, "in.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n\n")
    log = IngestLog()
    papers = list(iter_papers([path], log=log))
    assert [p.id for p in papers] == ["2307.08691", "no-arxiv-id-here"]
    assert papers[0].title == "FlashAttention-2" and papers[0].authors == ("Tri Dao",)
    assert log.duplicates == 2
    assert log.warnings[0].startswith(f"{path}:2: duplicate of the paper read at")


def test_ingest_csv_any_column_order(tmp_path):
    path = _write(
        tmp_path,
        "in.csv",
        'Abstract,Title,id\n"' + ABSTRACT + '","Gated, Linear Attention",2312.06635\n',
    )
    (paper,) = iter_papers([path])
    assert paper.title == "Gated, Linear Attention" and paper.id == "2312.06635"


def test_ingest_csv_multiline_field_keeps_line_numbers(tmp_path):
    path = _write(tmp_path, "in.csv", 'title,abstract\n"A","' + ABSTRACT + '\nsecond line"\n,"no title"\n')
    with pytest.raises(InputError) as info:
        list(iter_papers([path]))
    assert str(info.value) == f"{path}:4: record has no title"


@pytest.mark.parametrize(
    "head, fmt",
    [(b'{"title": "x"}', "jsonl"), (b"title\tabstract\n", "csv"), (b"\xef\xbb\xbfid;title;abstract", "csv"), (b"Daily Papers\n", "page")],
)
def test_ingest_detect_format(head, fmt):
    assert detect_format(head) == fmt


BAD_INPUTS = [
    ("empty.txt", b"", 1, "empty file: no papers to read"),
    ("blank.jsonl", b"\n  \n", 1, "empty file: no papers to read"),
    ("binary.jsonl", b"\x00\x01\x02PK\x03\x04", 1, "binary file (it holds NUL bytes): expected a page, JSON Lines or CSV"),
    ("latin1.jsonl", b'{"title": "ok", "abstract": "fine"}\n{"title": "caf\xe9", "abstract": "x"}\n', 2,
     "bytes that are not UTF-8 (save the file as UTF-8)"),
    ("truncated.jsonl", b'{"title": "ok", "abstract": "fine"}\n{"title": "cut", "abstr', 2,
     "invalid JSON at column 18: Unterminated string (the line looks truncated)"),
    ("notitle.jsonl", b'{"title": "ok", "abstract": "fine"}\n{"abstract": "no title"}\n', 2, "record has no title"),
    ("array.jsonl", b'{"title": "ok", "abstract": "fine"}\n[1, 2]\n', 2, "expected a JSON object, got list"),
    ("nocols.csv", b"id,title,summary_text\n1,a,b\n", 1,
     "CSV header lacks column(s) 'abstract' (found: 'id', 'title', 'summary_text')"),
    ("short.csv", b"title,abstract\nonly one field\n", 2, "row has 1 fields, the header has 2"),
    ("nopapers.txt", b"Daily Papers\n\nSubscribe\n", 1,
     "no papers found: expected a title line, a blank line and an abstract paragraph of 20+ words "
     "(use --format jsonl or csv for other inputs)"),
]


@pytest.mark.parametrize("name, content, line, problem", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_ingest_bad_input_names_file_line_and_problem(tmp_path, name, content, line, problem):
    path = _write(tmp_path, name, content)
    with pytest.raises(InputError) as info:
        list(iter_papers([path]))
    assert str(info.value) == f"{path}:{line}: {problem}"


def test_ingest_skip_bad_keeps_good_records_and_reports_each(tmp_path):
    path = _write(
        tmp_path,
        "mixed.jsonl",
        b'{"title": "good one", "abstract": "a"}\n{"title": "cut\n{"abstract": "x"}\n{"title": "good two", "abstract": "b"}\n\xff\n',
    )
    log = IngestLog()
    papers = list(iter_papers([path], skip_bad=True, log=log))
    assert [p.title for p in papers] == ["good one", "good two"]
    assert [(s.where.line, s.problem.split(" (")[0]) for s in log.skipped] == [
        (2, "invalid JSON at column 11: Unterminated string"),
        (3, "record has no title"),
        (5, "bytes that are not UTF-8"),
    ]


def test_ingest_skip_bad_passes_over_unreadable_files(tmp_path):
    empty = _write(tmp_path, "empty.jsonl", b"")
    good = _write(tmp_path, "good.jsonl", b'{"title": "t", "abstract": "a"}\n')
    log = IngestLog()
    assert len(list(iter_papers([empty, good], skip_bad=True, log=log))) == 1
    assert str(log.skipped[0]) == f"{empty}:1: empty file: no papers to read"


def _page(*paragraphs: str) -> list[_Line]:
    text = "\n\n".join(paragraphs)
    return [_Line(n, t) for n, t in enumerate(text.split("\n"), start=1)]


def test_ingest_page_title_without_abstract_is_reported_and_reader_resyncs():
    items = list(iter_page_records("p.txt", _page("Header", "Title A", ABSTRACT, "Title B", "Title C", ABSTRACT)))
    kinds = [(type(i).__name__, i.where.line) for i in items]
    assert kinds == [("_Raw", 3), ("_Bad", 7), ("_Raw", 9)]
    assert items[1].problem == "title has no abstract (the next paragraph is another title)"


def test_ingest_page_short_abstract_between_titles_is_kept():
    items = list(iter_page_records("p.txt", _page("Title A", ABSTRACT, "Title B", "A short abstract.", "Title C", ABSTRACT)))
    assert [i.fields["title"] for i in items] == ["Title A", "Title B", "Title C"]


def test_ingest_clean_text_examples():
    assert clean_text(r"speed-up by 204~365\%, 3times faster") == "speed-up by 204–365%, 3x faster"
    assert clean_text("292.3 times faster") == "292.3x faster"
    assert find_urls("see https://github.com/ a/b, or http://x") == [(4, 27, "https://github.com/a/b")]


def test_ingest_a_scheme_without_its_host_is_no_url_and_no_crash():
    # A page dump can put a space after "https://" (once an IndexError that lost the paper).
    paper = make_paper(SourceRef("p.txt", 3), {"title": "T", "abstract": "Code: https:// github.com/a/b. See https:// soon"})
    assert paper.code_url == "https://github.com/a/b"
    assert paper.clean_abstract == "Code: https://github.com/a/b. See https:// soon"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=120) | st.sampled_from(["", "Title", ABSTRACT, "{[here]}", "https://github.com/ a/b", "https:// ", "http://"]), max_size=12))
def test_ingest_page_reader_raises_only_input_error(tmp_path_factory, chunks):
    path = tmp_path_factory.mktemp("page") / "page.txt"
    path.write_bytes("\n".join(chunks).encode("utf-8", "surrogatepass"))
    try:
        for paper in iter_papers([path], fmt="page"):
            assert paper.title and paper.id
    except InputError:
        pass
