"""The command line: exit codes, one-line errors, untouched outputs, help."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import COMMAND_MODULES, _load_commands, app, main

from .conftest import EXAMPLES


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        main(list(argv))
        code = 0
    except SystemExit as exc:
        code = exc.code or 0
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def previous_build(tmp_path) -> Path:
    out = tmp_path / "graph"
    out.mkdir()
    (out / "report.json").write_text('{"papers": 1}\n')
    (out / "papers.jsonl").write_text('{"id": "old"}\n')
    return out


def test_cli_build_examples(capsys, tmp_path):
    code, stdout, stderr = run_cli(capsys, "build", str(EXAMPLES), "--out", str(tmp_path / "g"), "--no-embed")
    assert code == 0, stderr
    assert "14 papers" in stdout and f"wrote {tmp_path / 'g'}" in stdout
    report = json.loads((tmp_path / "g" / "report.json").read_text())
    assert report["papers"] == 14
    rows = [json.loads(line) for line in (tmp_path / "g" / "papers.jsonl").read_text().splitlines()]
    assert rows[0]["id"] == "2205.14135"
    assert set(rows[0]) == {"id", "title", "url", "code_url", "authors", "published", "entities", "results", "similar"}
    # Each entity names its vocabulary concept, or the concept it is a size of ("GPT-3 175B" of GPT-3).
    entities = {e["name"]: e for row in rows for e in row["entities"]}
    vocab = "https://w3id.org/papergraph/vocab/"
    assert (entities["FlashAttention"]["concept"], entities["FlashAttention"]["variant_of"]) == (vocab + "method/flashattention", None)
    assert (entities["GPT-3 175B"]["concept"], entities["GPT-3 175B"]["variant_of"]) == (None, vocab + "model/gpt-3")
    assert not list(tmp_path.glob(".g.*")), "staging folders must not be left behind"


@pytest.mark.slow
def test_cli_build_shared_page_counts_56(capsys, tmp_path, shared_page):
    code, stdout, stderr = run_cli(capsys, "build", str(shared_page), "--out", str(tmp_path / "pg"))
    assert code == 0, stderr
    assert json.loads((tmp_path / "pg" / "report.json").read_text())["papers"] == 56


BAD = [
    ("empty.jsonl", b"", "{path}:1: empty file: no papers to read"),
    ("binary.bin", b"\x89PNG\r\n\x1a\n\x00\x00", "{path}:1: binary file (it holds NUL bytes): expected a page, JSON Lines or CSV"),
    ("latin1.jsonl", b'{"title": "caf\xe9", "abstract": "x"}\n', "{path}:1: bytes that are not UTF-8 (save the file as UTF-8)"),
    ("cut.jsonl", b'{"title": "a", "abstract": "b"}\n{"title": "cut', "{path}:2: invalid JSON at column 11: Unterminated string (the line looks truncated)"),
    ("notitle.jsonl", b'{"abstract": "no title"}\n', "{path}:1: record has no title"),
    ("cols.csv", b"name,abstract\nx,y\n", "{path}:1: CSV header lacks column(s) 'title' (found: 'name', 'abstract')"),
    ("missing.jsonl", None, "{path}: no such file"),
]


@pytest.mark.parametrize("name, content, message", BAD, ids=[b[0] for b in BAD])
def test_cli_bad_input_one_line_exit_1_output_untouched(capsys, tmp_path, previous_build, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    before = _snapshot(previous_build)
    fmt = ["--format", "csv"] if name.endswith(".csv") else []
    code, stdout, stderr = run_cli(capsys, "build", str(path), *fmt, "--out", str(previous_build), "--no-embed")
    assert code == 1
    assert stderr == f"error: {message.format(path=path)}\n"
    assert _snapshot(previous_build) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".graph")) == []


def test_cli_skip_bad_processes_good_records_and_reports_skips(capsys, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"title": "Good paper", "abstract": "fine"}\n{"title": "cut\n{"title": "Also good", "abstract": "ok"}\n')
    code, stdout, stderr = run_cli(capsys, "build", str(path), "--out", str(tmp_path / "g"), "--skip-bad", "--no-embed")
    assert code == 0
    assert f"skipped {path}:2: invalid JSON at column 11" in stderr
    report = json.loads((tmp_path / "g" / "report.json").read_text())
    assert report["papers"] == 2
    assert report["skipped"] == [
        {"where": f"{path}:2", "problem": "invalid JSON at column 11: Unterminated string (the line looks truncated)"}
    ]


def test_cli_skip_bad_with_nothing_good_fails(capsys, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"title": \n')
    code, _, stderr = run_cli(capsys, "build", str(path), "--out", str(tmp_path / "g"), "--skip-bad", "--no-embed")
    assert code == 1
    assert stderr == f"error: {path}: no papers to build from (1 bad record(s) skipped)\n"
    assert not (tmp_path / "g").exists()


def test_cli_internal_error_exits_2_without_traceback(capsys, tmp_path, monkeypatch, previous_build):
    import pipeline.build

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline.build, "make_report", boom)
    before = _snapshot(previous_build)
    code, _, stderr = run_cli(capsys, "build", str(EXAMPLES), "--out", str(previous_build), "--no-embed")
    assert code == 2
    assert stderr == "error: internal error: RuntimeError: boom (run with --verbose for the traceback)\n"
    assert _snapshot(previous_build) == before
    code, _, stderr = run_cli(capsys, "--verbose", "build", str(EXAMPLES), "--out", str(previous_build), "--no-embed")
    assert code == 2 and "Traceback (most recent call last)" in stderr


def test_cli_bad_option_values(capsys, tmp_path):
    code, _, stderr = run_cli(capsys, "build", str(EXAMPLES), "--out", str(tmp_path / "g"), "--format", "xml")
    assert code == 1 and stderr == "error: --format 'xml' is not one of page, jsonl, csv\n"
    config = tmp_path / "pg.toml"
    config.write_text("[papergraph]\nsimilar_k = 0\ncolour = 'red'\n")
    code, _, stderr = run_cli(capsys, "build", str(EXAMPLES), "--out", str(tmp_path / "g"), "--config", str(config))
    assert code == 1
    assert stderr.startswith(f"error: {config}: unknown key 'colour' (valid: ")



@pytest.mark.parametrize(
    "args, message",
    [
        (("query", "--graph", "g", "--bogus"), "No such option: --bogus"),
        (("build",), "Missing argument 'INPUT...'"),
        (("nosuch",), "No such command 'nosuch'"),
    ],
)
def test_cli_usage_errors_show_usage_and_exit_2(capsys, args, message):
    code, _, stderr = run_cli(capsys, *args)
    assert code == 2
    assert stderr.startswith("Usage: papergraph") and f"Error: {message}" in stderr
    assert "internal error" not in stderr

def _commands(group=None, prefix=()):
    import typer.main

    _load_commands()
    click_group = group or typer.main.get_command(app)
    for name, command in click_group.commands.items():
        yield (*prefix, name)
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))


def test_cli_every_command_has_help_with_an_example(capsys):
    names = list(_commands())
    assert {"build", "export"} <= {n[0] for n in names}
    for name in names:
        code, stdout, _ = run_cli(capsys, *name, "--help")
        assert code == 0, name
        assert "Usage:" in stdout
        assert "papergraph " in stdout.split("Options:")[0], f"{' '.join(name)} --help shows no example"


def test_cli_console_script_and_module_entry_point(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "build", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "g")],
        capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert result.stderr == f"error: {tmp_path / 'nope.jsonl'}: no such file\n"
    assert COMMAND_MODULES
