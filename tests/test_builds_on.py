"""`builds-on`: name resolution, chains, evidence, and the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.errors import QueryError
from pipeline.graph import GraphBuilder, KnowledgeGraph
from pipeline.ids import name_key
from pipeline.materialize.rdf import fold_name
from pipeline.query.builds_on import (
    BUILDS_ON,
    PROPOSES,
    VARIANT_OF,
    Hop,
    Named,
    Support,
    answer_text,
    builds_on,
    find_chains,
    find_entity,
    graph_entities,
    papers_mentioning,
    resolve_name,
)
from pipeline.query.store import answer_rows, bind_params, load_query, open_store, run_query
from pipeline.records import Entity, Extraction, Paper, Relation

from .hand_graph import evidence, example_papers, extraction
from .test_cli import run_cli
from .test_store import build_folder, page_dir  # noqa: F401 - page_dir is a fixture

FA2_TITLE = "FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning"
FASTSPEECH_ID = "fastspeech-fast-robust-and-controllable-text-to-speech"
FASTSPEECH_TITLE = "FastSpeech: Fast, Robust and Controllable Text to Speech"
FA3_TITLE = "FlashAttention-3: Fast and Accurate Attention with Asynchrony and Low-precision"
IO_TITLE = "The I/O Complexity of Attention, or How Optimal is Flash Attention?"


def _paper(paper_id: str, title: str, abstract: str) -> Paper:
    return Paper(paper_id, title, abstract, title, abstract)


def _made(paper: Paper, entities: list[tuple[str, str]], relations: list[tuple[str, str, str]]) -> Extraction:
    """A hand-made extraction: entities as (name, type), relations as (role, name, phrase)."""
    return Extraction(
        paper,
        tuple(Entity(name_key(name), name, kind) for name, kind in entities),
        (),
        tuple(Relation(paper.id, role, name_key(name), (evidence(paper, phrase),)) for role, name, phrase in relations),
    )


def chain_graph() -> KnowledgeGraph:
    """The five example papers, plus look-alikes and a paper that builds on
    FlashAttention only by proposing (again) something that does."""
    builder = GraphBuilder()
    for paper in example_papers().values():
        builder.add(extraction(paper))
    flash = _paper("flash-sd", "FLASH: Latent-Aware Speculative Decoding",
                   "We propose FLASH, a speculative decoding method. FLASH is faster than FlashAttention.")
    builder.add(_made(flash, [("FLASH", "Method"), ("FlashAttention", "Method")],
                      [("proposes", "FLASH", "We propose FLASH"), ("compares_with", "FlashAttention", "faster than FlashAttention")]))
    fftconv = _paper("flashfftconv", "FlashFFTConv: Efficient Convolutions",
                     "We propose FlashFFTConv. It uses FlashAttention-style tiling.")
    builder.add(_made(fftconv, [("FlashFFTConv", "Method"), ("FlashAttention", "Method")],
                      [("proposes", "FlashFFTConv", "We propose FlashFFTConv"), ("uses", "FlashAttention", "FlashAttention-style")]))
    port = _paper("fa3-triton", "A Triton port of FlashAttention-3",
                  "We propose FlashAttention-3 for AMD GPUs in Triton.")
    builder.add(_made(port, [("FlashAttention-3", "Method")],
                      [("proposes", "FlashAttention-3", "We propose FlashAttention-3")]))
    return builder.build()


@pytest.fixture(scope="module")
def chain_dir(tmp_path_factory) -> Path:
    return build_folder(chain_graph(), tmp_path_factory.mktemp("chain") / "graph")


# ------------------------------------------------------------------- names


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("FlashAttention", "flash attention", True),
        ("FlashAttention", "Flash-Attention", True),
        ("RTX4090", "RTX 4090", True),
        ("FlashAttention", "FlashAttention-2", False),
        ("FLASH", "FlashAttention", False),
        ("FlashAttention", "FlashFFTConv", False),
    ],
)
def test_builds_on_fold_name(a, b, same):
    assert (fold_name(a) == fold_name(b)) is same


ENTITIES = [
    Named("urn:fa", "Method", "flashattention", "FlashAttention", ("Flash Attention", "FA")),
    Named("urn:fa2", "Method", "flashattention-2", "FlashAttention-2", ("FA2",)),
    Named("urn:flash", "Method", "flash", "FLASH"),
    Named("urn:mamba", "Method", "mamba", "Mamba"),
    Named("urn:mamba-model", "Model", "mamba-2", "Mamba"),
    Named("urn:fa-alias", "Method", "fast-adapters", "Fast Adapters", ("FA",)),
]


@pytest.mark.parametrize(
    "name, iri",
    [
        ("flash attention", "urn:fa"),
        ("FLASH-ATTENTION", "urn:fa"),
        ("fa2", "urn:fa2"),
        ("flash", "urn:flash"),
        ("method/flashattention-2", "urn:fa2"),
        ("urn:mamba-model", "urn:mamba-model"),
        ("Model/mamba-2", "urn:mamba-model"),
    ],
)
def test_builds_on_resolve_name(name, iri):
    assert resolve_name(name, ENTITIES).iri == iri


def test_builds_on_ambiguous_name_lists_the_entities():
    with pytest.raises(QueryError) as caught:
        resolve_name("mamba", ENTITIES)
    assert str(caught.value) == (
        "'mamba' names 2 entities: Method 'Mamba' (method/mamba), Model 'Mamba' (model/mamba-2); "
        "give one as TYPE/ID, e.g. method/mamba"
    )
    with pytest.raises(QueryError, match=r"^'FA' names 2 entities: Method 'Fast Adapters' \(method/fast-adapters\), "
                                          r"Method 'FlashAttention' \(method/flashattention\)"):
        resolve_name("FA", ENTITIES)


def test_builds_on_unknown_name_lists_close_names():
    with pytest.raises(QueryError) as caught:
        resolve_name("FlashAtention", ENTITIES)
    assert str(caught.value) == "no entity is named 'FlashAtention'; close names: FlashAttention, FlashAttention-2"
    with pytest.raises(QueryError, match=r"^no entity is named 'LoRA', nor anything close \(6 entities in the graph\)$"):
        resolve_name("LoRA", ENTITIES)
    with pytest.raises(QueryError, match="the graph has no entities"):
        resolve_name("LoRA", [])


# ------------------------------------------------------------------ chains


def _chains(target: str, edges: list[Hop], papers: tuple[str, ...]) -> dict[str, list[tuple[str, str, str]]]:
    hits = find_chains(target, edges, {p: (p, p) for p in papers})
    return {h.paper: [(hop.subject, hop.relation, hop.object) for hop in h.chain] for h in hits}


CHAIN_CASES = [
    (
        "direct-and-through-descendants",
        [
            Hop("p1", BUILDS_ON, "x"),
            Hop("x2", BUILDS_ON, "x"),
            Hop("x3", BUILDS_ON, "x2"),
            Hop("p2", BUILDS_ON, "x3"),
            Hop("p3", BUILDS_ON, "x2"),
            Hop("p3", BUILDS_ON, "x"),  # direct wins over the longer way
        ],
        ("p1", "p2", "p3"),
        {
            "p1": [("p1", BUILDS_ON, "x")],
            "p3": [("p3", BUILDS_ON, "x")],
            "p2": [("p2", BUILDS_ON, "x3"), ("x3", BUILDS_ON, "x2"), ("x2", BUILDS_ON, "x")],
        },
    ),
    (
        "leave-out-comparing-using-and-proposing-x",
        [
            Hop("p1", "compares with", "x"),
            Hop("p2", "uses", "x"),
            Hop("p3", PROPOSES, "x"),
            Hop("p4", PROPOSES, "x2"),
            Hop("x2", BUILDS_ON, "x"),
        ],
        ("p1", "p2", "p3", "p4"),
        {"p4": [("p4", PROPOSES, "x2"), ("x2", BUILDS_ON, "x")]},
    ),
    (
        # x-8b and x-70b are sizes of x; p1 builds on x-8b; p2 proposes x-70b (a size of x: no building on
        # it); p3 proposes y, which builds on x-70b.
        "go-through-sizes-and-proposing-a-size-of-x-is-proposing-x",
        [
            Hop("x-8b", VARIANT_OF, "x"),
            Hop("x-70b", VARIANT_OF, "x"),
            Hop("p1", BUILDS_ON, "x-8b"),
            Hop("p2", PROPOSES, "x-70b"),
            Hop("p3", PROPOSES, "y"),
            Hop("y", BUILDS_ON, "x-70b"),
        ],
        ("p1", "p2", "p3"),
        {
            "p1": [("p1", BUILDS_ON, "x-8b"), ("x-8b", VARIANT_OF, "x")],
            "p3": [("p3", PROPOSES, "y"), ("y", BUILDS_ON, "x-70b"), ("x-70b", VARIANT_OF, "x")],
        },
    ),
]


@pytest.mark.parametrize("edges, papers, expected", [c[1:] for c in CHAIN_CASES], ids=[c[0] for c in CHAIN_CASES])
def test_builds_on_chains(edges, papers, expected):
    assert _chains("x", edges, papers) == expected


def _sure(subject: str, relation: str, obj: str, confidence: float) -> Hop:
    return Hop(subject, relation, obj, (Support(f"{subject} {relation} {obj}.", "p", confidence, "cue"),))


def test_builds_on_chains_take_the_surest_of_the_shortest():
    # p1 reaches x in two hops by a or by b; a's second hop is unsure. d, a
    # step further, goes through b as well. p2 builds on a and proposes b, as
    # short: building on wins however sure. p3 reaches x directly, unsure, or
    # through c: the shortest wins.
    edges = [
        _sure("p1", BUILDS_ON, "a", 0.9),
        _sure("p1", BUILDS_ON, "b", 0.6),
        _sure("a", BUILDS_ON, "x", 0.3),
        _sure("b", BUILDS_ON, "x", 0.95),
        _sure("d", BUILDS_ON, "a", 0.9),
        _sure("d", BUILDS_ON, "b", 0.8),
        _sure("p4", BUILDS_ON, "d", 0.9),
        _sure("p2", BUILDS_ON, "a", 0.5),
        _sure("p2", PROPOSES, "b", 0.99),
        _sure("p3", BUILDS_ON, "c", 0.9),
        _sure("c", BUILDS_ON, "x", 0.9),
        _sure("p3", BUILDS_ON, "x", 0.3),
    ]
    hits = {h.paper: h for h in find_chains("x", edges, {p: (p, p) for p in ("p1", "p2", "p3", "p4")})}
    chains = {paper: [(hop.subject, hop.object) for hop in hit.chain] for paper, hit in hits.items()}
    assert chains == {
        "p1": [("p1", "b"), ("b", "x")],
        "p4": [("p4", "d"), ("d", "b"), ("b", "x")],
        "p2": [("p2", "a"), ("a", "x")],
        "p3": [("p3", "x")],
    }
    assert {paper: round(hit.confidence, 4) for paper, hit in hits.items()} == {
        "p1": 0.57, "p4": 0.684, "p2": 0.15, "p3": 0.3,
    }


def test_builds_on_a_derived_hop_is_as_sure_as_proposing_and_building_on(tmp_path):
    # "X builds on FlashAttention" is derived from a paper that proposes X (0.8 sure) and builds on
    # FlashAttention (0.9 sure); it holds only if both do, so a chain through it is 0.95 * 0.8 * 0.9.
    maker = _paper("maker", "X: Faster Attention", "We propose X. X extends FlashAttention.")
    user = _paper("user", "Y: Even Faster Attention", "We propose Y. Y improves X.")
    builder = GraphBuilder()
    for paper, proposed, base, sure in ((maker, "X", "FlashAttention", 0.8), (user, "Y", "X", 1.0)):
        builder.add(Extraction(
            paper,
            (Entity(name_key(proposed), proposed, "Method"), Entity(name_key(base), base, "Method")),
            (),
            (Relation(paper.id, "proposes", name_key(proposed), (evidence(paper, f"propose {proposed}", confidence=sure),)),
             Relation(paper.id, "builds_on", name_key(base), (evidence(paper, f"{proposed} ", confidence=0.9 if base == "FlashAttention" else 0.95),))),
        ))
    graph = builder.build()
    derived = {(r.subject, r.object): [e.confidence for e in r.evidence] for r in graph.entity_relations()}
    assert derived == {("x", "flashattention"): [0.72], ("y", "x"): [0.95]}
    answer = builds_on(open_store(build_folder(graph, tmp_path / "graph")), "FlashAttention")
    assert {hit.paper_id: round(hit.confidence, 3) for hit in answer.hits} == {"maker": 0.9, "user": 0.684}


def test_builds_on_chains_survive_cycles():
    edges = [Hop("a", BUILDS_ON, "b"), Hop("b", BUILDS_ON, "a"), Hop("p", BUILDS_ON, "a")]
    assert _chains("b", edges, ("p",)) == {"p": [("p", BUILDS_ON, "a"), ("a", BUILDS_ON, "b")]}


# ---------------------------------------------------------- on the store


def test_builds_on_flashattention_hand_made(chain_dir):
    answer = builds_on(open_store(chain_dir), "Flash Attention")
    assert answer.entity.handle == "method/flashattention"
    got = {hit.paper_id: (hit.direct, [answer.names[h.object] for h in hit.chain]) for hit in answer.hits}
    assert got == {
        "2307.08691": (True, ["FlashAttention"]),
        "2407.08608": (False, ["FlashAttention-2", "FlashAttention"]),
        "fa3-triton": (False, ["FlashAttention-3", "FlashAttention-2", "FlashAttention"]),
    }
    # Not the look-alike FLASH (it compares with FlashAttention), not FlashFFTConv
    # (it uses FlashAttention), not PagedAttention or speculative decoding.
    fa3 = next(hit for hit in answer.hits if hit.paper_id == "2407.08608")
    assert "extends FlashAttention-2" in fa3.chain[0].best.sentence
    assert fa3.chain[1].best.paper_id == "2307.08691"
    assert "builds on FlashAttention" in fa3.chain[1].best.sentence


def test_builds_on_lookalike_is_its_own_entity(chain_dir):
    answer = builds_on(open_store(chain_dir), "FLASH")
    assert answer.entity.handle == "method/flash" and answer.hits == ()


def test_builds_on_cli_text(capsys, chain_dir):
    code, out, err = run_cli(capsys, "builds-on", "FlashAttention-2", "--graph", str(chain_dir))
    assert code == 0, err
    assert out.splitlines()[:4] == [
        "FlashAttention-2 (method/flashattention-2): 2 papers build on it",
        "",
        f"2407.08608  {FA3_TITLE}",
        "  builds on FlashAttention-2 (confidence 0.90)",
    ]
    assert "fa3-triton  A Triton port of FlashAttention-3" in out
    # Proposing (0.9) and a derived hop, right if its paper both proposes (0.9) and builds on (0.9).
    assert "  proposes FlashAttention-3, which builds on FlashAttention-2 (confidence 0.73)" in out
    assert '  FlashAttention-3 builds on FlashAttention-2: "We introduce FlashAttention-3' in out


def test_builds_on_cli_json(capsys, chain_dir):
    code, out, err = run_cli(capsys, "builds-on", "flashattention", "--graph", str(chain_dir), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["entity"]["name"] == "FlashAttention"
    assert [(p["id"], p["direct"], p["chain"]) for p in data["papers"]] == [
        ("2307.08691", True, "builds on FlashAttention"),
        ("2407.08608", False, "builds on FlashAttention-2, which builds on FlashAttention"),
        ("fa3-triton", False, "proposes FlashAttention-3, which builds on FlashAttention-2, which builds on FlashAttention"),
    ]
    hop = data["papers"][0]["hops"][0]
    assert hop["evidence"][0]["paper"] == "2307.08691" and "builds on FlashAttention" in hop["evidence"][0]["sentence"]
    assert [p["confidence"] for p in data["papers"]] == [0.9, 0.729, 0.59]
    assert (data["min_confidence"], data["left_out"]) == (0.0, 0)


def test_builds_on_min_confidence_leaves_out_less_sure_chains(capsys, chain_dir):
    store = open_store(chain_dir)
    assert [h.paper_id for h in builds_on(store, "FlashAttention", min_confidence=0.7).hits] == ["2307.08691", "2407.08608"]
    code, out, err = run_cli(capsys, "builds-on", "FlashAttention", "--graph", str(chain_dir), "--min-confidence", "0.95")
    assert code == 0, err
    assert out == "FlashAttention (method/flashattention): no paper builds on it with confidence 0.95 or more (3 less sure left out)\n"
    code, _, err = run_cli(capsys, "builds-on", "FlashAttention", "--graph", str(chain_dir), "--min-confidence", "1.5")
    assert code == 2 and "--min-confidence" in err


def test_builds_on_cli_unknown_and_ambiguous_names(capsys, chain_dir, tmp_path):
    code, _, err = run_cli(capsys, "builds-on", "FlashAtention", "--graph", str(chain_dir))
    assert (code, err) == (
        1, "error: no entity is named 'FlashAtention'; close names: "
           "FlashAttention, FlashAttention-3, FlashAttention-2, PagedAttention, FlashFFTConv\n"
    )
    paper = _paper("p", "Two Mambas", "Mamba and Mamba.")
    twins = KnowledgeGraph(
        papers={"p": paper},
        entities={"mamba": Entity("mamba", "Mamba", "Method"), "mamba-2": Entity("mamba-2", "Mamba", "Model")},
    )
    folder = build_folder(twins, tmp_path / "twins", Settings(embed=False))
    code, _, err = run_cli(capsys, "builds-on", "Mamba", "--graph", str(folder))
    assert (code, err) == (
        1, "error: 'Mamba' names 2 entities: Method 'Mamba' (method/mamba), Model 'Mamba' (model/mamba-2); "
           "give one as TYPE/ID, e.g. method/mamba\n"
    )
    code, out, _ = run_cli(capsys, "builds-on", "model/mamba-2", "--graph", str(folder))
    assert (code, out) == (0, "Mamba (model/mamba-2): no paper builds on it\n")


# ------------------------------------------------------------ shared page


def test_builds_on_flashattention_shared_page(page_dir):
    answer = builds_on(open_store(page_dir), "FlashAttention")
    titles = {hit.title for hit in answer.hits}
    assert titles == {FA2_TITLE, IO_TITLE}
    for lookalike in (
        "FLASH: Latent-Aware Semi-Autoregressive Speculative Decoding for Multimodal Tasks",
        "FlashFFTConv: Efficient Convolutions for Long Sequences with Tensor Cores",
        "Gated Linear Attention Transformers with Hardware-Efficient Training",
    ):
        assert lookalike not in titles
    for hit in answer.hits:
        assert hit.chain[0].best is not None, f"{hit.title} has no evidence sentence"


def test_builds_on_saved_sparql_gives_each_direct_hit_the_confidence_builds_on_gives(page_dir):
    """The saved SPARQL builds_on finds the papers `builds-on` finds, and a direct hit's ?confidence is
    the confidence `builds-on` gives it, for every entity of the shared page that something builds on."""
    store = open_store(page_dir)
    query = load_query("builds_on")
    direct = 0
    for entity in graph_entities(store):
        answer = builds_on(store, entity.handle)
        if not answer.hits:
            continue
        columns, solutions = answer_rows(run_query(store, query.text, bind_params(query, {"name": entity.name})))
        rows = [dict(zip(columns, row)) for row in solutions]
        rows = {r["id"].value: r for r in rows if r["method"].value == entity.iri}
        assert rows.keys() == {h.paper_id for h in answer.hits}, entity.name
        for hit in answer.hits:
            row = rows[hit.paper_id]
            assert row["direct"].value == str(hit.direct).lower()
            if hit.direct:
                assert float(row["confidence"].value) == pytest.approx(hit.confidence), (entity.name, hit.paper_id)
                direct += 1
            else:
                assert row["confidence"] is None
    assert direct >= 20


def test_builds_on_finds_an_entity_by_a_vocabulary_label_the_papers_never_wrote(page_dir):
    """The page writes "pi_0"; "π0" and "pi-zero" are labels of the same vocabulary concept."""
    store = open_store(page_dir)
    pi0 = next(e for e in graph_entities(store) if e.id == "pi0")
    assert not {fold_name("π0"), fold_name("pi-zero")} & {fold_name(n) for n in (pi0.name, *pi0.aliases)}
    assert find_entity(store, "π0") == pi0
    assert find_entity(store, "pi-zero") == pi0
    assert builds_on(store, "π0").entity == pi0
    with pytest.raises(QueryError, match="no entity is named 'π1'"):
        find_entity(store, "π1")


def test_builds_on_a_concept_only_its_sizes_were_written_as(page_dir):
    """The page writes no "Qwen3", only its sizes "Qwen3-30B-A3B" and "Qwen3-235B-A22B" (pg:variantOf
    Qwen3's concept). UloRL trains Qwen3-30B-A3B with RL, so it builds on Qwen3, through that size."""
    store = open_store(page_dir)
    assert "qwen3" not in {fold_name(n) for e in graph_entities(store) for n in (e.name, *e.aliases)}
    answer = builds_on(store, "Qwen3")
    assert (answer.entity.handle, answer.entity.iri) == ("model/qwen3", "https://w3id.org/papergraph/vocab/model/qwen3")
    (hit,) = answer.hits
    assert hit.title.startswith("UloRL")
    assert [(answer.names[h.subject], h.relation, answer.names[h.object]) for h in hit.chain[1:]] == [
        ("Qwen3-30B-A3B", VARIANT_OF, "Qwen3")
    ]
    assert "On the Qwen3-30B-A3B model" in hit.chain[0].best.sentence
    assert answer_text(answer).startswith("Qwen3 (model/qwen3): 1 paper builds on it\n")
    assert hit.confidence == hit.chain[0].best.confidence  # the size's hop is sure: it is in its name


def test_builds_on_names_the_papers_that_write_a_name_no_entity_has(page_dir):
    """FastSpeech's abstract introduces a "length regulator" that the extractor makes no entity of:
    builds-on still fails (no entity, no roles), and says which paper writes the name."""
    store = open_store(page_dir)
    assert "lengthregulator" not in {fold_name(n) for e in graph_entities(store) for n in (e.name, *e.aliases)}
    assert papers_mentioning(store, "Length-Regulator") == [(FASTSPEECH_ID, FASTSPEECH_TITLE)]
    with pytest.raises(QueryError) as caught:
        builds_on(store, "length regulator")
    assert str(caught.value).startswith("no entity is named 'length regulator'")
    assert str(caught.value).endswith(
        f". 1 paper writes it, but no entity was extracted for it there: {FASTSPEECH_ID} '{FASTSPEECH_TITLE}'"
    )
    # Whole words only: "regulat" is in the text, but no word is written so.
    assert papers_mentioning(store, "regulat") == []
    with pytest.raises(QueryError, match="^no entity is named 'regulat'") as caught:
        builds_on(store, "regulat")
    assert "writes it" not in str(caught.value)


def test_builds_on_cli_shared_page(capsys, page_dir):
    code, out, err = run_cli(capsys, "builds-on", "flash attention", "--graph", str(page_dir))
    assert code == 0, err
    assert out.startswith("FlashAttention (method/flashattention): 2 papers build on it\n")
    assert FA2_TITLE in out and IO_TITLE in out
    # A name no entity has, which a paper writes: an error of one line that names the paper.
    code, out, err = run_cli(capsys, "builds-on", "length regulator", "--graph", str(page_dir))
    assert (code, out) == (1, "")
    assert err.startswith("error: no entity is named 'length regulator'") and err.count("\n") == 1
    assert f"{FASTSPEECH_ID} '{FASTSPEECH_TITLE}'" in err
