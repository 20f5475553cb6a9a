"""The SKOS vocabulary in ontology/vocabulary: well formed, unambiguous, large enough."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import SKOS

from pipeline.extract.vocabulary import ONTOLOGY_NS, Vocabulary, default_vocabulary_dir, load_vocabulary
from pipeline.ids import slugify

PG = rdflib.Namespace(ONTOLOGY_NS)
FILE_TYPES = {"methods.ttl": "Method", "models.ttl": "Model", "datasets.ttl": "Dataset", "hardware.ttl": "Hardware", "metrics.ttl": "Metric"}


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


def test_vocabulary_has_several_hundred_concepts_of_every_type(vocabulary):
    counts = Counter(t.type for t in vocabulary.terms.values())
    assert sum(counts.values()) >= 500
    assert all(counts[kind] >= 50 for kind in FILE_TYPES.values())


def test_vocabulary_labels_name_one_concept_each(vocabulary):
    assert vocabulary.collisions == []


@pytest.mark.parametrize("name", sorted(FILE_TYPES))
def test_vocabulary_file_is_well_formed(name):
    path = default_vocabulary_dir() / name
    graph = rdflib.Graph().parse(path)
    for concept in graph.subjects(rdflib.RDF.type, SKOS.Concept):
        (pref,) = list(graph.objects(concept, SKOS.prefLabel))
        assert str(concept).rsplit("/", 1)[1] == slugify(str(pref))
        assert graph.value(concept, PG.entityType) == PG[FILE_TYPES[name]]
        assert graph.value(concept, SKOS.definition) is not None, concept


@pytest.mark.parametrize(
    "text, name",
    [
        ("RTX4090", "RTX 4090"),
        ("RTX-4090", "RTX 4090"),
        ("Flash Attention", "FlashAttention"),
        ("classifier free guidance", "classifier-free guidance"),
        ("CFG", "classifier-free guidance"),
        ("LoRA", "LoRA"),
        ("tokens/s", "tokens per second"),
        ("PILE", "The Pile"),
    ],
)
def test_vocabulary_lookup_folds_spelling(vocabulary, text, name):
    assert vocabulary.lookup(text).name == name


@pytest.mark.parametrize("text", ["FLASH", "multiple", "tokens", "act", "LLMs", "large language models"])
def test_vocabulary_lookup_keeps_different_things_apart(vocabulary, text):
    assert vocabulary.lookup(text) is None


def test_vocabulary_generic_terms_are_stops(vocabulary):
    assert vocabulary.is_stop("LLMs") and vocabulary.is_stop("convolutional neural networks")


def test_vocabulary_json_round_trip(vocabulary):
    again = Vocabulary.from_json(vocabulary.to_json())
    assert again.terms == vocabulary.terms
    assert again.folded == vocabulary.folded and again.exact == vocabulary.exact
    assert again.stop_folded == vocabulary.stop_folded


def test_vocabulary_cache_is_read_instead_of_the_turtle_until_a_file_changes(tmp_path, monkeypatch):
    """A second start reads the parse kept in the cache folder (rdflib is not called), gets the same
    vocabulary, and an edited file is parsed again; the cache keeps only the newest parses."""
    import pipeline.extract.vocabulary as module

    folder, cache = tmp_path / "vocabulary", tmp_path / "cache"
    folder.mkdir()
    concept = """<https://w3id.org/papergraph/vocab/method/{slug}> a skos:Concept ;
    pg:entityType pg:Method ; skos:prefLabel "{name}"@en ; skos:definition "A method."@en .
"""
    (folder / "mine.ttl").write_text(_PREFIXES + concept.format(slug="sageattention", name="SageAttention"), encoding="utf-8")
    monkeypatch.setenv("PAPERGRAPH_CACHE_DIR", str(cache))
    first = load_vocabulary(folder)
    assert len(list(cache.glob("vocabulary-*.json"))) == 1 and not list(cache.glob("*.part"))

    parsed = []
    real = module._parse_turtle
    monkeypatch.setattr(module, "_parse_turtle", lambda files: parsed.append(files) or real(files))
    again = load_vocabulary(folder)
    assert parsed == [] and again.terms == first.terms and again.folded == first.folded
    assert again.lookup("Sage Attention").name == "SageAttention"

    (folder / "mine.ttl").write_text(_PREFIXES + concept.format(slug="sageattention2", name="SageAttention2"), encoding="utf-8")
    edited = load_vocabulary(folder)
    assert len(parsed) == 1 and edited.lookup("SageAttention2") is not None and edited.lookup("SageAttention") is None

    monkeypatch.setattr(module, "CACHED_VOCABULARIES", 2)
    for n in range(3, 6):
        (folder / "mine.ttl").write_text(_PREFIXES + concept.format(slug=f"sageattention{n}", name=f"SageAttention{n}"), encoding="utf-8")
        load_vocabulary(folder)
    assert len(list(cache.glob("vocabulary-*.json"))) == 2


def test_vocabulary_loads_where_no_cache_can_be_written(tmp_path, monkeypatch):
    """A cache folder that cannot be made (here: a file stands in its way) only costs the parse."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("PAPERGRAPH_CACHE_DIR", str(blocker / "cache"))
    assert load_vocabulary().lookup("FlashAttention").name == "FlashAttention"


def test_vocabulary_bad_turtle_is_still_an_error_with_a_cache(tmp_path, monkeypatch):
    from pipeline.errors import ConfigError

    monkeypatch.setenv("PAPERGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "bad.ttl").write_text(_PREFIXES + "<x> a skos:Concept ; skos:prefLabel", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.ttl: not valid Turtle"):
        load_vocabulary(tmp_path)
    assert not list((tmp_path / "cache").glob("vocabulary-*.json"))


_PREFIXES = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix pg: <https://w3id.org/papergraph/ontology#> .
"""


def _extract_with_vocabulary(folder, turtle: str, title: str, abstract: str):
    """The extraction of one paper by a pipeline whose vocabulary is ``turtle`` alone."""
    from pipeline.extract import build_nlp, doc_to_extraction
    from pipeline.records import Paper

    (folder / "mine.ttl").write_text(_PREFIXES + turtle, encoding="utf-8")
    paper = Paper("p", title, f"{title}\n\n{abstract}", title, abstract)
    return doc_to_extraction(build_nlp(folder)(paper.text), paper)


def test_vocabulary_user_extension_without_code(tmp_path):
    extraction = _extract_with_vocabulary(
        tmp_path,
        """<https://w3id.org/papergraph/vocab/method/sageattention> a skos:Concept ;
    pg:entityType pg:Method ; skos:prefLabel "SageAttention"@en ; skos:altLabel "Sage Attention"@en ;
    skos:definition "Quantised attention."@en .
""",
        "Fast attention",
        "We compare against Sage Attention on long inputs.",
    )
    assert {e.name: e.type for e in extraction.entities} == {"SageAttention": "Method"}


@pytest.mark.parametrize("marked", [True, False])
def test_vocabulary_title_label_is_data(tmp_path, marked):
    """pg:titleLabel, set by a user: the word heading a title's phrase names the concept, which the work builds
    on; the same word in running text does not. Unmarked, the word names nothing."""
    mark = 'pg:titleLabel "Convolution"@en ;' if marked else ""
    extraction = _extract_with_vocabulary(
        tmp_path,
        f"""<https://w3id.org/papergraph/vocab/method/spatial-convolution> a skos:Concept ; {mark}
    pg:entityType pg:Method ; skos:prefLabel "spatial convolution"@en ; skos:definition "A convolution."@en .
""",
        "Convix: Depth-Tiled Convolution on Mobile GPUs",
        "We present Convix, a kernel. Its convolution outputs stay in registers.",
    )
    names = {e.id: e.name for e in extraction.entities}
    roles = {names[r.object]: r.predicate for r in extraction.relations if names[r.object] != "Convix"}
    mentions = [m for m in extraction.mentions if names[m.entity_id] == "spatial convolution"]
    if marked:
        assert roles == {"spatial convolution": "builds_on"} and [(m.start, m.end) for m in mentions] == [(20, 31)]
    else:
        assert roles == {}


@pytest.mark.parametrize("marked", [True, False])
def test_vocabulary_measured_label_is_data(tmp_path, marked):
    """pg:measuredLabel, set by a user: the short form names the metric where a value is measured with it, and
    the other concept that has it as a label elsewhere."""
    mark = 'pg:measuredLabel "RQ"@en ;' if marked else ""
    extraction = _extract_with_vocabulary(
        tmp_path,
        f"""<https://w3id.org/papergraph/vocab/method/residual-quantization> a skos:Concept ;
    pg:entityType pg:Method ; skos:prefLabel "residual quantization"@en ; skos:altLabel "RQ"@en ;
    skos:definition "Quantises the residual of each stage again."@en .
<https://w3id.org/papergraph/vocab/metric/recognition-quality> a skos:Concept ; {mark}
    pg:entityType pg:Metric ; skos:prefLabel "recognition quality"@en ;
    skos:definition "The F1 part of panoptic quality."@en .
""",
        "Compact Codes",
        "We present Zephra, a codec built on RQ. Its RQ rises from 61.0 to 64.2.",
    )
    names = {e.id: e.name for e in extraction.entities}
    mentions = sorted((m.start, names[m.entity_id]) for m in extraction.mentions if m.text == "RQ")
    if marked:
        assert [name for _, name in mentions] == ["residual quantization", "recognition quality"]
    else:
        assert [name for _, name in mentions] == ["residual quantization", "residual quantization"]


def test_vocabulary_measured_label_only_on_a_metric(tmp_path):
    from pipeline.errors import ConfigError
    from pipeline.extract.vocabulary import load_vocabulary

    (tmp_path / "bad.ttl").write_text(_PREFIXES + """<https://w3id.org/papergraph/vocab/method/x> a skos:Concept ;
    pg:entityType pg:Method ; skos:prefLabel "x"@en ; pg:measuredLabel "X"@en ; skos:definition "X."@en .
""", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.ttl: concept .* has pg:measuredLabel but is no pg:Metric"):
        load_vocabulary(tmp_path)


@pytest.mark.parametrize("generic", [True, False])
def test_vocabulary_generic_class_is_data(tmp_path, generic):
    """pg:genericClass, set by a user: a class in the title is named (mentions), neither used nor built on; a
    processor class run on nothing is dropped."""
    mark = "pg:genericClass true ;" if generic else ""
    extraction = _extract_with_vocabulary(
        tmp_path,
        f"""<https://w3id.org/papergraph/vocab/model/kan> a skos:Concept ; {mark}
    pg:entityType pg:Model ; skos:prefLabel "KAN"@en ; skos:altLabel "KANs"@en ;
    skos:definition "Kolmogorov-Arnold network."@en .
<https://w3id.org/papergraph/vocab/hardware/dpu> a skos:Concept ; {mark}
    pg:entityType pg:Hardware ; skos:prefLabel "DPU"@en ; skos:altLabel "DPUs"@en ;
    skos:definition "Data processing unit."@en .
""",
        "Sparse KANs for Tabular Data",
        "Offloading to DPUs is a growing trend. We propose SpanKAN, which prunes edges during training.",
    )
    names = {e.id: e.name for e in extraction.entities}
    roles: dict[str, set[str]] = {}
    for relation in extraction.relations:
        roles.setdefault(names[relation.object], set()).add(relation.predicate)
    if generic:
        assert roles["KAN"] == {"mentions"} and "DPU" not in roles
    else:
        assert roles["KAN"] == {"builds_on"} and roles["DPU"] == {"mentions"}


@pytest.mark.parametrize("marked", [True, False])
def test_vocabulary_number_formats_memories_and_processor_parts_are_data(tmp_path, marked):
    """pg:numberFormat, pg:memory and pg:processorPart, set by a user: a format the work runs in is used, not a
    kind it builds on; a processor before a memory only says whose memory it is; a part of a processor is no
    device a claim is measured on. Unmarked, the same names are a technique, a device and a device."""
    flag = {name: f"pg:{name} true ;" if marked else "" for name in ("numberFormat", "memory", "processorPart")}
    extraction = _extract_with_vocabulary(
        tmp_path,
        f"""<https://w3id.org/papergraph/vocab/method/zf6> a skos:Concept ; {flag["numberFormat"]}
    pg:entityType pg:Method ; skos:prefLabel "ZF6"@en ; skos:definition "A six-bit format."@en .
<https://w3id.org/papergraph/vocab/hardware/xram> a skos:Concept ; {flag["memory"]}
    pg:entityType pg:Hardware ; skos:prefLabel "XRAM"@en ; skos:definition "A memory."@en .
<https://w3id.org/papergraph/vocab/hardware/vector-engines> a skos:Concept ; {flag["processorPart"]}
    pg:entityType pg:Hardware ; skos:prefLabel "Vector Engines"@en ; skos:definition "Units of a chip."@en .
<https://w3id.org/papergraph/vocab/hardware/k200> a skos:Concept ;
    pg:entityType pg:Hardware ; skos:prefLabel "K200"@en ; skos:definition "An accelerator."@en .
""",
        "Low-Precision Training",
        "We present Zephra, a ZF6 training recipe. Zephra keeps optimizer states in K200 XRAM. Its kernels run on "
        "the Vector Engines. Zephra reaches 410 TFLOPs/s.",
    )
    names = {e.id: e.name for e in extraction.entities}
    roles: dict[str, set[str]] = {}
    for relation in extraction.relations:
        roles.setdefault(names[relation.object], set()).add(relation.predicate)
    (result,) = extraction.results
    if marked:
        assert roles["ZF6"] == {"uses"} and "runs_on" not in roles.get("K200", set()) and "runs_on" in roles["XRAM"]
        assert result.hardware is None
    else:
        assert roles["ZF6"] == {"builds_on"} and "runs_on" in roles["K200"]
        assert names[result.hardware] == "Vector Engines"


def test_vocabulary_every_label_is_found_whole_in_a_sentence(vocabulary):
    """What a user writes as a label is what the extractor finds: each label, alone in a
    sentence, is matched whole to its concept. The matcher reads letters, digits, "+" and
    glued joiners ("-", "/", "@", "^", ".", ":", "·", "×"); labels with "&", brackets or "#"
    are kept as written but found only in part."""
    from pipeline.extract.components import LabelFinder, match_vocabulary

    finder = LabelFinder(vocabulary)
    unfound = []
    for term in vocabulary.terms.values():
        for label in term.labels:
            if any(c in label for c in "&()#"):
                continue
            text = f"Title\n\nWe study {label} here."
            at = text.index(label)
            found, _ = match_vocabulary(text, vocabulary, finder)
            if [at, at + len(label), "vocabulary", term.slug] not in found:
                unfound.append(label)
    assert unfound == []


@pytest.mark.parametrize("linked", [True, False])
def test_vocabulary_namesake_dataset_is_data(tmp_path, linked):
    """pg:namesakeDataset, set by a user: a model's name used as a dataset ("on Gleam") is read as the
    dataset released with it, whatever that dataset's label; without the link it stays the model."""
    link = "pg:namesakeDataset <https://w3id.org/papergraph/vocab/dataset/gleam-scenes> ;" if linked else ""
    extraction = _extract_with_vocabulary(
        tmp_path,
        f"""<https://w3id.org/papergraph/vocab/model/gleam> a skos:Concept ; {link}
    pg:entityType pg:Model ; skos:prefLabel "Gleam"@en ; skos:definition "A radiance field model."@en .
<https://w3id.org/papergraph/vocab/dataset/gleam-scenes> a skos:Concept ;
    pg:entityType pg:Dataset ; skos:prefLabel "Gleam Scenes"@en ; skos:definition "Scenes released with Gleam."@en .
""",
        "Faster Radiance Fields",
        "We propose Glint, which renders 3x faster. Evaluated on Gleam, Glint improves PSNR by 0.4 dB.",
    )
    types = {e.name: e.type for e in extraction.entities}
    if linked:
        assert types.get("Gleam Scenes") == "Dataset" and "Gleam" not in types
    else:
        assert types.get("Gleam") == "Model" and "Gleam Scenes" not in types
