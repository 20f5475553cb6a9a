"""The tools behind measurements: annotator agreement, derived edges' confidence, the role-reader experiment.

The role reader's training records (tests/data/reader/first_exposure.jsonl) must
hold only tuning papers, read by rules older than the corpus: a held-out paper
there would leak into every figure the experiment prints.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import annotator_agreement  # noqa: E402
import derived_confidence  # noqa: E402
import reader_model  # noqa: E402
import role_reader  # noqa: E402

DATA = ROOT / "tests" / "data"
RECORDS = [json.loads(line) for line in role_reader.FIRST_EXPOSURE.read_text(encoding="utf-8").splitlines() if line]


def _papers(corpus: str) -> list[dict]:
    _, gold = role_reader.corpus_files(corpus)
    return json.loads(gold.read_text(encoding="utf-8"))["papers"]


def test_agreement_of_a_file_with_itself_is_total():
    papers = _papers("dev15")
    types, roles, untyped, paired = annotator_agreement.agreement(papers, papers)
    assert paired == 32
    assert untyped.fp == untyped.fn == 0 and untyped.tp == sum(len(p["entities"]) for p in papers)
    assert all(s.fp == s.fn == 0 for s in (*types.values(), *roles.values()))


def test_agreement_counts_a_changed_role_a_retyped_entity_and_a_missing_one():
    first = _papers("dev15")[:2]
    second = copy.deepcopy(first)
    entities = second[0]["entities"]
    builds = next(e for e in entities if e["roles"] == ["builds_on"])
    builds["roles"] = ["uses"]
    retyped = next(e for e in entities if e["type"] == "Model")
    retyped["type"] = "Method"
    dropped = second[1]["entities"].pop()
    types, roles, untyped, paired = annotator_agreement.agreement(first, second)
    assert paired == 2
    assert (untyped.tp, untyped.fp, untyped.fn) == (len(first[0]["entities"]) + len(first[1]["entities"]) - 1, 0, 1)
    assert roles["builds_on"].fn == 1 + ("builds_on" in dropped["roles"]) and roles["builds_on"].fp == 0
    assert roles["uses"].fp == 1
    assert types["Model"].fn == 1 + (dropped["type"] == "Model") and types["Method"].fp == 1


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)


def test_first_exposure_records_are_tuning_papers_read_by_older_rules():
    assert RECORDS, "no training records"
    seen = set()
    commits = defaultdict(set)
    for record in RECORDS:
        corpus, paper = record["corpus"], record["paper"]
        assert corpus in role_reader.CORPORA
        _, gold = role_reader.corpus_files(corpus)
        document = json.loads(gold.read_text(encoding="utf-8"))
        tuning = {n for a, b in document["tuning"] for n in range(a, b + 1)}
        assert paper in tuning, f"{corpus} paper {paper} is held out"
        assert document["papers"][paper - 1]["title"] == record["title"]
        seen.add((corpus, paper))
        commits[corpus].add(record["commit"])
    assert len(seen) == len(RECORDS)
    for corpus, read_by in commits.items():
        assert len(read_by) == 1  # one version of the rules per corpus
        commit = read_by.pop()
        added = _git("log", "--diff-filter=A", "--format=%H", "--reverse", "--", f"tests/data/{corpus}").stdout.split()
        if added and _git("cat-file", "-e", f"{commit}^{{commit}}").returncode == 0:  # else no history to ask
            assert _git("rev-parse", f"{added[0]}^").stdout.startswith(commit), f"{corpus}: not the rules of the day before"


def test_a_stored_view_reads_back_equal_and_gives_the_same_features():
    record = RECORDS[0]
    view = reader_model.view_from_json(record)
    again = reader_model.view_from_json(json.loads(json.dumps(reader_model.view_to_json(view))))
    assert again == view
    key = next(k for k, t in view.types.items() if t in reader_model.READ_TYPES)
    assert reader_model.entity_features(again, key) == reader_model.entity_features(view, key)


def test_features_name_the_rules_roles_and_the_cue_before_a_mention():
    text = "Tilt: Faster Kernels\n\nWe build on FlashAttention-2 and compare with xFormers."
    start = text.index("FlashAttention-2")
    other = text.index("xFormers")
    sentence = (text.index("We"), len(text))
    view = reader_model.PaperView(
        text=text,
        title_end=20,
        types={"tilt": "Method", "fa2": "Method", "xf": "Method"},
        names={"tilt": "Tilt", "fa2": "FlashAttention-2", "xf": "xFormers"},
        in_vocabulary=frozenset({"fa2"}),
        sightings=(
            reader_model.Sighting(0, 4, "tilt", 0, 20),
            reader_model.Sighting(start, start + 16, "fa2", *sentence),
            reader_model.Sighting(other, other + 8, "xf", *sentence),
        ),
        roles={"tilt": {"proposes": 0.9}, "fa2": {"builds_on": 0.8}, "xf": {"compares_with": 0.7}},
    )
    features = reader_model.entity_features(view, "fa2")
    assert features["role=builds_on"] == 1.0 and features["conf=builds_on"] == 0.8
    assert features["b0=on"] == features["b1=build"] == features["bb=build on"] == 1.0
    assert features["vocab"] == 1.0 and features["s_we"] == 1.0 and "in_title" not in features
    assert reader_model.entity_features(view, "tilt")["in_title"] == 1.0


def test_revised_relations_keep_drop_and_add_roles_with_evidence():
    view = reader_model.PaperView(
        text="A\n\nWe use B and C.", title_end=1, types={"b": "Method", "c": "Method"}, names={"b": "B", "c": "C"},
        in_vocabulary=frozenset(), sightings=(reader_model.Sighting(10, 11, "b", 3, 18), reader_model.Sighting(16, 17, "c", 3, 18)),
        roles={"b": {"uses": 0.6}, "c": {"uses": 0.6}},
    )
    rows = [["b", "uses", 10, 11, "cue", 0.6], ["c", "uses", 16, 17, "cue", 0.6]]
    revised = reader_model.revised_relations(rows, {"b": {"builds_on": 0.71}, "c": {}}, view)
    assert ["b", "builds_on", 10, 11, reader_model.COMPONENT, 0.71] in revised
    assert not any(row[:2] == ["b", "uses"] for row in revised)
    assert ["c", "mentions", 16, 17, reader_model.COMPONENT, 0.5] in revised


@pytest.mark.parametrize("role", reader_model.READ_ROLES)
def test_a_role_model_is_a_logistic_function_of_its_features(role):
    model = reader_model.RoleModel({"x": 2.0, "y": -1.0}, -0.5, 0.4)
    assert model.probability({}) == pytest.approx(1 / (1 + 2.718281828459045 ** 0.5))
    assert model.probability({"x": 1.0, "y": 1.0}) == pytest.approx(1 / (1 + 2.718281828459045 ** -0.5))
    reader = reader_model.RoleReader({role: model}, {})
    assert reader_model.RoleReader.from_json(reader.to_json()) == reader


# ----------------------------------------------------------------- builds-on answers

import builds_on_answers  # noqa: E402


def _entity(name: str, *roles: str, aliases: tuple[str, ...] = (), type_: str = "Method") -> dict:
    return {"name": name, "type": type_, "aliases": list(aliases), "roles": list(roles)}


def test_right_answers_follow_chains_through_proposals_and_fold_names():
    papers = [
        {"title": "A", "entities": [_entity("Tiled-2", "proposes"), _entity("Tiled", "builds_on")]},
        {"title": "B", "entities": [_entity("tiled 2", "builds_on"), _entity("Tiled", "compares_with")]},
        {"title": "C", "entities": [_entity("Tiled-3", "proposes"), _entity("Tiled-2", "builds_on")]},
        {"title": "D", "entities": [_entity("Tiled", "uses"), _entity("Llama-3-8B", "builds_on", type_="Model")]},
        {"title": "E", "entities": [_entity("Long Tiles (LT)", "proposes"), _entity("LT-Lite", "proposes"),
                                    _entity("ImageNet", "evaluated_on", type_="Dataset")]},
    ]
    answers = builds_on_answers.gold_answers(papers)
    assert answers["Tiled"] == {"A", "B", "C"}  # B through Tiled-2; C through Tiled-3 -> Tiled-2 -> Tiled
    assert answers["Tiled-2"] == {"B", "C"}  # A proposes it: proposing is not building on
    assert answers["Tiled-3"] == set() and answers["Llama-3-8B"] == {"D"}
    assert "ImageNet" not in answers  # only methods and models are asked about
    assert set(answers) == {"Tiled", "Tiled-2", "Tiled-3", "Llama-3-8B", "Long Tiles (LT)", "LT-Lite"}


def test_right_answers_go_through_sizes_as_the_graph_does():
    """With the vocabulary's sizes, building on Llama-3-8B is building on Llama 3; proposing
    Llama-3-70B (a size of it) is not. Without them, the sizes are other models."""
    papers = [
        {"title": "A", "entities": [_entity("Llama-3-8B", "builds_on", type_="Model")]},
        {"title": "B", "entities": [_entity("Llama 3", "proposes", type_="Model"), _entity("Llama-3-70B", "proposes", type_="Model")]},
        {"title": "C", "entities": [_entity("Gamma", "proposes"), _entity("Llama-3-70B", "builds_on", type_="Model")]},
        {"title": "D", "entities": [_entity("Gamma", "builds_on"), _entity("OpenVLA-OFT", "builds_on", type_="Model")]},
    ]
    sized = builds_on_answers.gold_answers(papers, builds_on_answers.vocabulary_sizes())
    assert sized["Llama 3"] == {"A", "C", "D"}
    assert sized["Llama-3-70B"] == {"C", "D"} and sized["OpenVLA-OFT"] == {"D"}
    assert builds_on_answers.gold_answers(papers)["Llama 3"] == set()


def test_a_tally_counts_exact_answers_pairs_and_unresolved_names():
    tally = builds_on_answers.Tally()
    tally.add("X", {"A", "B"}, {"A", "B"})
    tally.add("Y", {"A"}, {"A", "C"})
    tally.add("Z", {"B"}, builds_on_answers.Unresolved(frozenset({"B", "D"})))
    tally.add("V", {"E"}, builds_on_answers.Unresolved(frozenset({"D"})))
    tally.add("U", set(), builds_on_answers.Unresolved(frozenset({"D"})))
    tally.add("W", set(), set())
    assert (tally.asked, tally.exact, tally.unresolved) == (4, 1, 3)
    # Papers whose text writes a name no entity has are no answer, but are counted apart.
    assert (tally.unresolved_asked, tally.written_right) == (2, 1)
    assert (tally.tp, tally.fp, tally.fn) == (3, 1, 2)
    assert tally.figures() == pytest.approx((0.75, 0.6, 2 / 3))
    assert "'Y': wrongly lists 'C'" in tally.errors and "'Z': misses 'B'" in tally.errors


def test_the_graphs_answers_come_from_the_real_store(shared_page):
    from pipeline.ingest import iter_papers

    papers = [p for p in iter_papers([shared_page]) if p.title.startswith(("FlashAttention", "FLASH:"))]
    answers = builds_on_answers.graph_answers(papers, ["FlashAttention", "no such method", "visual tokenizations"])
    assert any(title.startswith("FlashAttention-2") for title in answers["FlashAttention"])
    assert not any(title.startswith("FLASH:") for title in answers["FlashAttention"])
    assert answers["no such method"] == builds_on_answers.Unresolved(frozenset())
    written = answers["visual tokenizations"]
    assert isinstance(written, builds_on_answers.Unresolved)
    assert [t[:6] for t in written.written] == ["FLASH:"]


def test_answer_agreement_finds_the_second_annotators_entity_by_any_of_its_names():
    first = [
        {"title": "A", "entities": [_entity("Tiled-2", "proposes"), _entity("Tiled Attention", "builds_on", aliases=("TA",))]},
        {"title": "B", "entities": [_entity("Tiled-2", "builds_on"), _entity("Mamba", "uses")]},
    ]
    second = copy.deepcopy(first)
    second[0]["entities"][1] = _entity("TA", "builds_on", aliases=("tiled attention",))
    second[1]["entities"][0]["roles"] = ["uses"]
    tally = annotator_agreement.answer_agreement(first, second)
    # Tiled Attention: A and B (B through Tiled-2) for the first; A only for the second.
    assert (tally.asked, tally.exact, tally.unresolved) == (2, 0, 0)
    assert (tally.tp, tally.fp, tally.fn) == (1, 0, 2)
    same = annotator_agreement.answer_agreement(first, first)
    assert (same.exact, same.fp, same.fn) == (same.asked, 0, 0)


def test_a_derived_edge_is_scored_with_its_sentences_confidence_alone_and_times_the_proposals():
    from pipeline.records import Entity, Evidence, Extraction, Paper, Relation

    paper = Paper("p", "Y: Faster", "We propose Y. Y extends X on an A100.", "Y: Faster", "We propose Y. Y extends X on an A100.")

    def said(role: str, key: str, confidence: float) -> Relation:
        return Relation("p", role, key, (Evidence("p", "...", 0, 0, 3, "cue", confidence),))

    extraction = Extraction(
        paper,
        (Entity("y", "Y", "Method"), Entity("x", "X", "Method"), Entity("a100", "A100", "Hardware")),
        (),
        (said("proposes", "y", 0.8), said("builds_on", "x", 0.9), said("runs_on", "a100", 0.7)),
    )
    gold = {"entities": [
        {"name": "Y", "type": "Method", "roles": ["proposes"]},
        {"name": "X", "type": "Method", "roles": ["builds_on"]},
        {"name": "A100", "type": "Hardware", "roles": ["mentions"]},
    ]}
    scored = derived_confidence.scored_edges(gold, extraction)
    assert [(alone.rule, alone.confidence, shipped.confidence, shipped.right) for alone, shipped in scored] == [
        ("builds_on", 0.9, 0.72, True),
        ("runs_on", 0.7, 0.56, False),
    ]
