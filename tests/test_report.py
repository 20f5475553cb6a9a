"""``papergraph report``: the page's data, the page itself, and the page in Chromium."""

from __future__ import annotations

import json
import math
import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.graph import GraphBuilder, write_graph
from pipeline.report import NODE_COLOURS, builders, graph_edges, render_page, report_data, write_report

from .conftest import ROOT, in_ci
from .hand_graph import hand_graph, sizes_graph

FLASHATTENTION = "method/flashattention"
# Papers of the shared page that build on FlashAttention (DESIGN.md's question).
BUILD_ON_FLASHATTENTION = {
    "FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning",
    "The I/O Complexity of Attention, or How Optimal is Flash Attention?",
}
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTEFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def page_graph(page_papers):
    """The graph of the shared page, as the extractor finds it (no embeddings)."""
    from pipeline.extract import load_extractor

    builder = GraphBuilder()
    for extraction in load_extractor().iter_extractions(page_papers):
        builder.add(extraction)
    return builder.build()


@pytest.fixture(scope="module")
def page_data(page_graph):
    return report_data(page_graph)


def _titles(data, entity_key):
    return {data["papers"][b["paper"]]["title"] for b in data["entities"][entity_key]["builders"]}


# ------------------------------------------------------------------ the data


def test_report_builders_follow_chains_and_skip_comparisons():
    graph = hand_graph()
    found = builders(graph, graph_edges(graph))
    fa = found[FLASHATTENTION]
    assert [(b["paper"], b["direct"], b["chain"]) for b in fa] == [
        ("paper/2307.08691", True, "builds on FlashAttention"),
        ("paper/2407.08608", False, "builds on FlashAttention-2, which builds on FlashAttention"),
    ]
    # Proposing FlashAttention is not building on it, nor is comparing with it.
    assert "paper/2205.14135" not in {b["paper"] for b in fa}
    assert [b["paper"] for b in found["method/flashattention-2"]] == ["paper/2407.08608"]
    edges = {e["id"]: e for e in graph_edges(graph)}
    hops = [(edges[h]["source"], edges[h]["type"], edges[h]["target"]) for h in fa[1]["hops"]]
    assert hops == [
        ("paper/2407.08608", "BUILDS_ON", "method/flashattention-2"),
        ("method/flashattention-2", "BUILDS_ON", FLASHATTENTION),
    ]
    assert "method/pagedattention" not in found
    # The hand graph's evidence is all 0.9; the derived hop is right if its paper both proposes
    # FlashAttention-2 and builds on FlashAttention (0.9 x 0.9 = 0.81): the chain is 0.9 x 0.81.
    assert [(b["confidence"], b["best"]) for b in fa] == [(0.9, [0]), (0.73, [0, 0])]


def test_report_builders_go_through_sizes_as_builds_on_does():
    """Llama 3's card lists the papers that build on one of its sizes, with the VARIANT_OF hop (no
    sentence: the size's name says it), and not pb, which proposes Llama 3 and one of its sizes."""
    graph = sizes_graph()
    edges = graph_edges(graph)
    variants = sorted((e["source"], e["target"]) for e in edges if e["type"] == "VARIANT_OF")
    assert variants == [("model/llama-3-70b", "model/llama-3"), ("model/llama-3-8b", "model/llama-3")]
    found = builders(graph, edges)
    assert [(b["paper"], b["chain"], b["confidence"]) for b in found["model/llama-3"]] == [
        ("paper/pa", "builds on Llama-3-8B, which is a variant of Llama 3", 0.8),
        ("paper/pc", "builds on Llama-3-70B, which is a variant of Llama 3", 0.7),
        ("paper/pd", "builds on Gamma, which builds on Llama-3-70B, which is a variant of Llama 3", 0.57),
    ]


def test_report_entity_lineage_ancestors_and_descendants():
    data = report_data(hand_graph())
    fa, fa3 = data["entities"][FLASHATTENTION], data["entities"]["method/flashattention-3"]
    assert fa["ancestors"] == [] and fa["descendants"] == ["method/flashattention-2", "method/flashattention-3"]
    assert fa3["ancestors"] == [FLASHATTENTION, "method/flashattention-2"]
    assert fa["proposed_by"] == ["paper/2205.14135"]
    assert data["lineage_roots"][0] == FLASHATTENTION  # the most papers build on it
    assert "method/pagedattention" not in data["lineage_roots"]


def test_report_cards_hold_roles_results_and_similar_papers():
    data = report_data(hand_graph())
    card = data["papers"]["paper/2407.08608"]
    assert card["title"].startswith("FlashAttention-3")
    assert [r["entity"] for r in card["roles"]["proposes"]] == ["method/flashattention-3"]
    assert [r["entity"] for r in card["roles"]["builds_on"]] == ["method/flashattention-2"]
    assert list(card["roles"]) == ["proposes", "builds_on", "compares_with", "runs_on"]  # the order of ROLES
    (result,) = card["results"]
    assert result["value"] == "1.5-2.0x" and result["metric"] == {"name": "speedup", "key": "metric/speedup"}
    assert result["hardware"]["key"] == "hardware/h100" and result["baseline"]["name"] == "FlashAttention-2"
    assert result["evidence"]["sentence"][result["evidence"]["start"]:result["evidence"]["end"]] == "1.5-2.0x faster"
    # Similarity links count both ways, best first.
    assert data["papers"]["paper/2307.08691"]["similar"] == [
        {"paper": "paper/2407.08608", "score": 0.86},
        {"paper": "paper/2205.14135", "score": 0.83},
    ]
    assert data["counts"]["similar_links"] == 3
    assert sum(e["type"] == "SIMILAR_TO" for e in data["edges"]) == 3


def test_report_nodes_are_every_paper_and_entity_with_a_position(page_graph, page_data):
    nodes = page_data["nodes"]
    assert len(nodes) == len(page_graph.papers) + len(page_graph.entities) == page_data["counts"]["nodes"]
    assert len({n["id"] for n in nodes}) == len(nodes)
    assert {n["type"] for n in nodes} <= set(NODE_COLOURS)
    assert all(math.isfinite(n["x"]) and math.isfinite(n["y"]) for n in nodes)
    assert len({(n["x"], n["y"]) for n in nodes}) > 0.95 * len(nodes), "nodes piled on one another"
    ends = {n["id"] for n in nodes}
    assert all(e["source"] in ends and e["target"] in ends for e in page_data["edges"])


def test_report_flashattention_builders_on_the_shared_page(page_data):
    assert BUILD_ON_FLASHATTENTION <= _titles(page_data, FLASHATTENTION)
    # Gated Linear Attention only compares with FlashAttention-2: not a builder.
    gla = "Gated Linear Attention Transformers with Hardware-Efficient Training"
    assert gla not in _titles(page_data, FLASHATTENTION)
    assert FLASHATTENTION in page_data["lineage_roots"]
    assert "method/flashattention-2" in page_data["entities"][FLASHATTENTION]["descendants"]


def test_report_builders_show_each_hops_surest_evidence_and_the_chains_confidence(page_data):
    edges = {e["id"]: e for e in page_data["edges"]}
    entries = [b for e in page_data["entities"].values() for b in e["builders"]]
    assert len(entries) >= 20 and any(len(b["hops"]) > 1 for b in entries)
    for b in entries:
        surest = [max(ev["confidence"] for ev in edges[h]["evidence"]) for h in b["hops"]]
        assert [edges[h]["evidence"][i]["confidence"] for h, i in zip(b["hops"], b["best"])] == surest
        assert b["confidence"] == round(math.prod(surest), 2) and 0 < b["confidence"] < 1


def test_report_evidence_spans_point_into_their_sentences(page_graph, page_data):
    spans = {(e.sentence, e.span) for r in page_graph.relations for e in r.evidence}
    shown = [ev for edge in page_data["edges"] for ev in edge["evidence"]]
    assert shown and len(shown) == sum(len(r.evidence) for r in page_graph.relations)
    for ev in shown:
        assert (ev["sentence"], ev["sentence"][ev["start"]:ev["end"]]) in spans
        assert 0 <= ev["start"] < ev["end"] <= len(ev["sentence"])


# ------------------------------------------------------------------ the page

HOSTILE = 'FlashAttention </script><script>window.pwned = 1</script> <!-- & "quotes"'


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[tuple[dict, str]] = []
        self.tags: list[tuple[str, dict]] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._open = dict(attrs)
            self.scripts.append((self._open, ""))

    def handle_data(self, data):
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._open = None


def _with_hostile_sentence(data):
    edge = next(e for e in data["edges"] if e["evidence"])
    edge["evidence"][0]["sentence"] = HOSTILE
    data["papers"]["paper/2205.14135"]["title"] = HOSTILE
    return data


def test_report_page_keeps_script_end_inside_the_data():
    from pipeline.report import load_assets

    data = _with_hostile_sentence(report_data(hand_graph()))
    page = render_page(data, load_assets())
    parsed = _Scripts()
    parsed.feed(page)
    assert [attrs.get("type") for attrs, _ in parsed.scripts] == ["application/json", None, None]
    (_, block), *_ = parsed.scripts
    assert json.loads(block) == data  # read back exactly, "</script>" and all
    assert "</script><script>window.pwned" not in page


def test_report_page_fetches_nothing(tmp_path):
    path = write_report(hand_graph(), tmp_path / "r" / "report.html", title="hand <graph>")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "<title>hand &lt;graph&gt;</title>" in page
    tags = _Scripts()
    tags.feed(page)
    fetching = [(tag, attrs) for tag, attrs in tags.tags if attrs.get("src") or (tag == "link" and attrs.get("href"))]
    assert fetching == []
    assert "default-src 'none'" in page  # the page's policy forbids fetching at view time
    assert "Cytoscape Consortium" in page  # the library, inline, licence header kept
    write_report(hand_graph(), path)
    assert sorted(p.name for p in path.parent.iterdir()) == ["report.html"], "temporary files left behind"


def test_report_cli_writes_into_the_graph_folder(tmp_path, capsys):
    from .test_cli import run_cli

    write_graph(hand_graph(), tmp_path / "graph.jsonl")
    code, stdout, stderr = run_cli(capsys, "report", str(tmp_path))
    assert code == 0, stderr
    assert stdout.strip() == f"wrote {tmp_path / 'report.html'}"
    assert "papergraph: " + tmp_path.name in (tmp_path / "report.html").read_text(encoding="utf-8")
    code, stdout, stderr = run_cli(capsys, "report", str(tmp_path / "missing"))
    assert code == 1
    assert stderr.strip() == (
        f"error: {tmp_path / 'missing' / 'graph.jsonl'}: no graph here; build one with `papergraph build INPUT --out DIR`"
    )


# ---------------------------------------------------------------- in Chromium


@pytest.fixture(scope="module")
def chromium():
    """Debian's headless Chromium, driven by Playwright, with a fresh profile.

    Missing Chromium or Playwright skips the browser tests locally and fails
    them under CI (CI installs both: .ci/run).
    """
    reason = None
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} not found (apt-get install chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = reason or "playwright is not installed (pip install -e '.[dev]')"
    if reason:
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright, tempfile.TemporaryDirectory(prefix="pg-chromium-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1600, "height": 1000},
        )
        yield context
        context.close()


class Opened:
    """A report page open in Chromium, with what it logged and asked for."""

    def __init__(self, context, path: Path):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = context.new_page()
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("() => window.papergraph !== undefined")

    def visible(self, selector: str, what: str = "e => e.dataset.key") -> list[str]:
        """What the elements that ``selector`` finds and the reader can see show (rendered, not just present)."""
        return self.page.eval_on_selector_all(selector, f"es => es.filter(e => e.offsetParent !== null).map({what})")


@pytest.fixture(scope="module")
def page_report(page_graph, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    write_graph(page_graph, folder / "graph.jsonl")
    return write_report(page_graph, folder / "report.html")


@pytest.mark.browser
def test_report_browser_loads_cleanly_with_every_node(chromium, page_report, page_graph):
    opened = Opened(chromium, page_report)
    assert opened.errors == []
    assert opened.requests == [page_report.as_uri()], "the page fetched something"
    drawn = opened.page.evaluate("window.papergraph.cy.nodes().length")
    assert drawn == len(page_graph.papers) + len(page_graph.entities)
    assert opened.page.locator("#cy canvas").count() > 0
    assert opened.page.locator("#cards article.card").count() == len(page_graph.papers)
    counts = opened.page.inner_text("#counts")
    assert f"{len(page_graph.papers)} papers" in counts
    opened.page.close()


@pytest.mark.browser
def test_report_browser_search_narrows_the_list(chromium, page_report):
    opened = Opened(chromium, page_report)
    before = opened.visible("#list li")
    opened.page.fill("#search", "FlashAttention")
    opened.page.wait_for_function("() => document.getElementById('match-count').textContent.includes('match')")
    after = opened.visible("#list li")
    assert 0 < len(after) < len(before)
    assert {FLASHATTENTION, "method/flashattention-2"} <= set(after)
    assert "method/flashfftconv" not in after  # looks alike, is not FlashAttention
    shown_cards = opened.visible("#cards article h3", "h => h.textContent")
    assert BUILD_ON_FLASHATTENTION <= set(shown_cards) and len(shown_cards) < 56
    assert opened.errors == []
    opened.page.close()


@pytest.mark.browser
def test_report_browser_click_flashattention_shows_its_builders(chromium, page_report, tmp_path):
    opened = Opened(chromium, page_report)
    page = opened.page
    # Zoom in on the node, then click where it is drawn, as a reader would.
    where = page.evaluate(
        """key => { const cy = window.papergraph.cy; const node = cy.getElementById(key);
                   cy.zoom(2); cy.center(node); return node.renderedPosition(); }""",
        FLASHATTENTION,
    )
    box = page.locator("#cy").bounding_box()
    page.mouse.click(box["x"] + where["x"], box["y"] + where["y"])
    page.wait_for_selector("#builders")
    assert page.evaluate("window.papergraph.cy.$(':selected').map(n => n.id())") == [FLASHATTENTION]
    assert page.inner_text("#details h2") == "FlashAttention"
    builders_shown = page.eval_on_selector_all("#builders .builder .paper-link", "ls => ls.map(l => l.textContent)")
    assert BUILD_ON_FLASHATTENTION <= set(builders_shown)
    marked = page.eval_on_selector_all("#builders mark", "ms => ms.map(m => m.textContent)")
    assert {"FlashAttention", "Flash Attention"} <= set(marked)  # the evidence, entity highlighted
    chains = page.eval_on_selector_all("#builders .chain", "cs => cs.map(c => c.textContent)")
    assert chains and all(re.fullmatch(r"(directly: )?(builds on|proposes) .+ \(confidence \d\.\d\d\)", c) for c in chains)

    # The lineage filter: FlashAttention, what builds on it, and the papers.
    page.click("#show-lineage")
    shown = set(page.evaluate("window.papergraph.cy.nodes(':visible').map(n => n.id())"))
    assert {FLASHATTENTION, "method/flashattention-2"} <= shown
    titles = set(page.evaluate("window.papergraph.cy.nodes(':visible').filter(n => n.id().startsWith('paper/'))"
                               ".map(n => window.papergraph.data.papers[n.id()].title)"))
    assert BUILD_ON_FLASHATTENTION <= titles and len(shown) < 20
    assert opened.errors == []
    page.screenshot(path=str(tmp_path / "report-lineage.png"))
    page.click("#whole")
    page.evaluate(f"window.papergraph.select({json.dumps(FLASHATTENTION)})")
    page.wait_for_timeout(400)  # let the view finish panning to the node
    page.screenshot(path=str(tmp_path / "report.png"))
    ARTEFACTS.mkdir(exist_ok=True)
    for name in ("report.png", "report-lineage.png"):
        shutil.copyfile(tmp_path / name, ARTEFACTS / name)
    page.close()


@pytest.mark.browser
def test_report_browser_shows_hostile_text_as_text(chromium, tmp_path):
    data = _with_hostile_sentence(report_data(hand_graph()))
    from pipeline.report import load_assets

    path = tmp_path / "hostile.html"
    path.write_text(render_page(data, load_assets()), encoding="utf-8")
    opened = Opened(chromium, path)
    assert opened.errors == []
    assert opened.page.evaluate("window.pwned === undefined")
    opened.page.evaluate("window.papergraph.select('paper/2205.14135')")
    assert opened.page.inner_text("#details h2") == HOSTILE
    opened.page.close()

