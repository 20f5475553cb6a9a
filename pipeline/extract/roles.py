"""How a paper relates to each entity it names: pure rules over sentences.

Roles (GUIDELINES.md in tests/data/gold): ``proposes`` (the paper introduces
it), ``builds_on`` (extends, improves, succeeds, analyses, adapts, depends on),
``uses`` (employs as a tool), ``compares_with`` (a baseline), ``evaluated_on``
(a dataset), ``runs_on`` (hardware), ``reports`` (a metric), and ``mentions``
(named in passing). The rules, strongest first:

1. proposal: the entity is the object of "we propose ...", "called ...", the
   title's "Name:" prefix, or "our X" for a name the vocabulary lacks;
2. successor names: a proposed "OpenVLA-OFT", "FlashAttention-2",
   "residual classifier-free guidance" builds on "OpenVLA", "FlashAttention",
   "classifier-free guidance" (its name extends theirs), and a vocabulary
   successor (``pg:successorOf``) builds on its predecessor;
3. cue phrases before the mention in its sentence ("compared to X", "extends X",
   "using X", ...) and after it ("X as our base model");
4. analysis titles ("How Optimal is Flash Attention?") build on the methods
   they name; a known technique named by the head word of what the title or a
   proposal's name says the work is ("Cost-Aware Checkpointing" and "gradient
   checkpointing") is built on, and so is the general technique of a qualified
   one built on ("personalized federated learning", "federated learning");
5. defaults by type, when the sentence speaks of the paper's own work (first
   person, or a proposed entity in it); otherwise ``mentions``.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter

from .names import TITLE_SEPARATOR, names_a_known_kind, singular
from .patterns import LIST_JOIN, AnyCase, keyword_pattern


@dataclass(slots=True)
class Found:
    """A resolved mention: span, entity key, the component that found it."""

    start: int
    end: int
    key: str
    component: str
    confidence: float


@dataclass(slots=True)
class Known:
    """An entity of one paper, before graph-wide merging."""

    key: str
    name: str
    type: str
    concept: str | None = None
    definition: str | None = None
    aliases: set[str] = field(default_factory=set)
    successor_of: tuple[str, ...] = ()
    # The concept a new name is a size, checkpoint or release of (resolve.variant_base).
    variant_of: str | None = None
    # A class of things (pg:genericClass): "GPU", "Transformer".
    generic_class: bool = False
    # pg:numberFormat, pg:memory, pg:processorPart: FP8; HBM; Tensor Cores.
    number_format: bool = False
    memory: bool = False
    processor_part: bool = False


@dataclass(frozen=True, slots=True)
class RoleAssertion:
    """One role of one entity, with the span that is its evidence."""

    key: str
    role: str
    start: int
    end: int
    rule: str
    confidence: float


_CUE_WINDOW = 80  # characters of a sentence looked at before a mention

_DETS = r"(?:(?:the|a|an|our|their|its|open|open-source|public|released|prior|previous|existing|original|standard|strong|vanilla|naive|popular|recent|conventional|optimized|state-of-the-art|pretrained|pre-trained|dense|frozen|off-the-shelf|stock|unmodified|both|[\w.]+-(?:optimized|based|style))\s+){0,3}"
# What a rival is said to be, written before its name: "the previous best method, X-Pool,", "the tree-search
# agent LATS" (a kind noun and a space: "over the model" alone names no rival, the name must follow).
_RIVAL_KIND = (
    r"(?:(?:[\w-]+\s+){0,3}(?:method|model|baseline|approach|system|algorithm|kernel|work|agent|framework|engine|"
    r"technique|scheme|pipeline|optimizer|detector|parser|planner|compiler|variant)s?,?\s+)"
)

# "2.3x the throughput of X", "1.9x that of X": a multiple of another's figure.
TIMES_THAT_OF = r"\d(?:\.\d+)?\s?[x\u00d7] (?:that |those |the (?:[\w/-]+ ){1,3})of"
# "compared with", "compare it to", "compares favourably with": the verb of a comparison and its object.
_COMPARE_VERB = r"compar(?:e|es|ed|ing)(?: it| them| ours| our \w+)?(?: \w+ly| well)? (?:to|with|against)"
_COMPARE_BEFORE = AnyCase(
    rf"\b(?:{_COMPARE_VERB}|in comparison (?:to|with)|relative to|"
    # Not "searches over tiling", "averaged over seeds", "attention over tokens": a range, not a rival.
    r"versus|vs\.?|than|(?<!search )(?<!searches )(?<!searching )(?<!averaged )(?<!iterates )(?<!attention )over|"
    r"unlike|in contrast to|contrary to|as opposed to|whereas|above|below|ahead of|approach(?:es|ing)?|w\.r\.t\.|"
    + TIMES_THAT_OF + r"|"
    r"outperform\w*|surpass\w*|beat\w*|exceed\w*|against|comparabl[ey](?: [\w-]+){0,2} (?:to|with)|on par with|"
    r"match(?:es|ed|ing)?|rival(?:s|led|ling|ing)?|falls? short of|gap (?:between|to|with)|"
    r"(?:lag(?:s|ged|ging)?|falls?|fell|stays?|remains?) behind|trail(?:s|ed|ing)?|edg(?:es|ed|ing) out|"
    # "exceeds the Dice score of nnU-Net": a rival's score named before the rival.
    r"(?:outperform\w*|surpass\w*|beat\w*|exceed\w*|match(?:es|ed|ing)?|rival\w*|reach(?:es|ed|ing)?|attain\w*)"
    r" the (?:[\w@/-]+ ){1,3}of|"
    r"competitive with|baselines?(?: such as| like| including)?|improv\w+ (?:up)?on|speed-?ups?(?: of)?|faster|"
    r"within [\d.]+\s*(?:%|x|\u00d7|[a-z]+)?(?: [a-z]+)? of|"  # "within 0.9 points of full fine-tuning"
    r"(?:over|than|versus|against|with|to) (?:those|that) of)"  # "samples preferred over those of CausVid"
    # one hyphenated, participle or adjective modifier: "with fixed-length speculative decoding", "over a padded
    # cuBLAS", "approaching the proprietary GPT-4o", "the rate of synchronous SGD"
    r"\s+" + _DETS + r"(?:\w+-[\w-]+\s+|[a-z]+ed\s+|[a-z]+(?:ous|ary|al|ic|ive|ent|ant)\s+)?"
    # the rival after what it is: "improving upon the previous best method, X-Pool,", "the tree-search agent LATS"
    + _RIVAL_KIND + r"?$"
)
# "96% of cuBLAS", "91% of the throughput of vendor-tuned cuBLAS": a share of a rival's figure (not "10% of
# the KV cache", a share of a resource, nor "38% of policy-gradient updates", of the things a name qualifies).
_SHARE_OF_FIGURE = AnyCase(
    r"\b\d+(?:\.\d+)?%\s+of\s+the\s+(?:throughput|performance|speed|efficiency|accuracy|quality|(?:t|g)?flops/s)\s+of\s+"
    r"(?:[\w-]+\s+)?$"
)
_SHARE_OF_NAME = AnyCase(r"\b\d+(?:\.\d+)?%\s+of\s+$")
_SHARE_WORD = "%"  # every _SHARE_OF_FIGURE and _SHARE_OF_NAME match holds it
_NOUN_AFTER = re.compile(r"\s+(?!(?:is|was|has|does|as|its|this|thus|across|plus)\b)[a-z]+s\b")  # "updates", not "was"
# "compared with 3.9% for offline Whisper", "versus 3.85 for AWQ", "a 2.4x improvement over the padded
# batched GEMM in Megatron-LM": the baseline named after the number it scored, or after a part of it.
_COMPARE_FOR = AnyCase(
    r"\b(?:compared (?:with|to)|versus|vs\.?|against|relative to)\s+[\d.,]+\s*(?:%|x|\u00d7|[a-z]+)?\s+(?:for|by|with|of)\s+"
    # "compared with 48.6% for the same model in the SWE-agent scaffold", "1.8 s for the chunked inference of X"
    r"(?:the\s+(?:same\s+)?[\w-]+\s+(?:[\w-]+\s+)?(?:in|with|under|of)\s+)?"
    + _DETS + r"(?:[\w-]+\s+)?$"
    r"|\b(?:over|than|versus|vs\.?|relative to|compared (?:with|to))\s+(?:the|a|an)\s+(?:[\w/-]+\s+){1,3}?(?:in|of|from)\s+"
    + _DETS + r"$"
)
# "complementary to dynamic sampling and the clip-higher trick", "orthogonal to quantization": what the
# work could be combined with (a mention), not what it uses. Names of a list after it count too.
# "works alongside FSDP", "can be added to PyTorch": the same (not "composes with": the corpora split on it).
# (Words with a single space: "work" alone would be in nearly every abstract, "network" too.)
_COMPATIBLE_WORDS = (
    "complementary", "orthogonal", "compatible", "work with", "works with", "work alongside", "works alongside",
    "added to", "combined with",
)  # every _COMPATIBLE match holds one
_COMBINATION_MEASURED = re.compile(r"combin\w*[^.;]*?\d")
_COMPATIBLE = AnyCase(
    r"\b(?:(?:complementary|orthogonal|compatible)\s+(?:to|with)|works? (?:with|alongside)|"
    r"can\s+(?:also\s+|still\s+)?be (?:added to|combined with))\s+(?:the\s+)?"
    # "orthogonal to KV cache quantization methods such as KIVI": the examples of a kind it is compatible with
    r"(?:(?:[\w-]+\s+){0,3}(?:methods|techniques|approaches|extensions|schemes|systems)\s+(?:such as|like|including)\s+)?"
    # earlier names of its list only ("... with diffusion paths and also allows optimal transport paths" is no list)
    r"(?:[\w.-]+(?:\s+[\w.-]+){0,2}(?:\s*,\s*|,?\s+(?:and|or)\s+)(?:to\s+|with\s+)?(?:the\s+)?)*$"
)
# "falls from 4.9 for CODA-Prompt to 1.7": the owner of the number the work's changed from.
# "from 0.214 for A and 0.298 for B to 0.161": each owner of a number the work's figure changed from.
_SCORE_FOR = r"[\d.,]+\s*(?:%|x|\u00d7|points?|ms|s)?\s+for\s+"
_FROM_FOR = AnyCase(
    r"\bfrom\s+" + _SCORE_FOR + r"(?:" + _DETS + r"[\w.+-]+(?:\s+[\w.+-]+)?,?\s+(?:and\s+)?" + _SCORE_FOR + r")*"
    + _DETS + r"$"
)
_TO_NUMBER_AFTER = AnyCase(r"^(?:,?\s+(?:and\s+)?" + _SCORE_FOR + _DETS + r"[\w.+-]+(?:\s+[\w.+-]+)?)*\s+to\s+[\d.]")
_UP_FROM_WITH = AnyCase(
    r"\b(?:up|down) from\s+[\d.,]+\s*(?:%|x|\u00d7|points?|[a-z]+)?\s+(?:for|with|under|using|by)\s+" + _DETS
    + r"(?:[\w.+-]+'s\s+)?$"
)
# "compared with 48.6% for A and 52.0% for B": the later scores of a list of baselines' scores.
_AND_SCORE_WORD = "for"  # every _AND_SCORE_FOR match holds it
_AND_SCORE_FOR = AnyCase(r"\band\s+[\d.,]+\s*(?:%|x|\u00d7|[a-z]+)?\s+for\s+" + _DETS + r"(?:[\w-]+\s+)?$")
_COMPARED_SCORE = AnyCase(r"\b(?:compared (?:with|to)|versus|vs\.?|against|relative to)\s+[\d.,]+")
_BUILDS_BEFORE = AnyCase(
    r"\b(?:extend\w*|extension of|build\w* (?:up)?on(?: top of)?|built (?:upon|from)|on top of|based on|"
    r"generali[sz]\w*|adapt\w*|fine-?tun\w*|finetun\w*|analy[sz]\w*(?: the [\w/-]+(?: [\w/-]+)? of)?|"
    r"(?:stud(?:y|ies|ying)|revisit\w*|investigat\w*|examin\w*|characteri[sz]\w*)(?: the [\w/-]+(?: [\w/-]+)? of)?|"
    r"inspired by|variant of|successor (?:of|to)|upgrade of|improv\w* (?:upon|the)|modif\w*|builds? upon|"
    r"(?:improved|enhanced|extended|modified) version of|"  # "an improved version of YOLOv8"
    r"approximat(?:e|es|ing)|reduc(?:e|es) to|changes to|"  # "approximates the Shampoo preconditioner", "reduces to FedAvg"
    r"augment(?:s|ed|ing)?|enhanc(?:e|es|ed|ing)|equip(?:s|ped|ping)?|reformulat(?:e|es|ed|ing)|recast(?:s|ing)?|"
    r"start(?:s|ing)? from|initiali[sz]\w* (?:from|with)|distill\w* from|(?:fine-?tuned|trained) from|port(?:s|ed|ing)?|"
    r"continu\w* (?:pre-?)?train\w*|(?:we|to) scale|upcycl\w*|"  # "we port X to", "we continue pretraining X"
    # "a distributed implementation of Muon": what the work is a new implementation of (not "implemented in
    # JAX / inside vLLM": the annotators split on the system a work is written in).
    r"implementation of|"
    r"(?:integrat\w*|incorporat\w*|plug\w*|insert\w*|add(?:s|ed|ing)?)\s+(?:[\w-]+\s+){1,4}(?:in)?to|"
    # "implemented as a plug-in for vLLM": the system the work extends (not where released code is found:
    # _RELEASED_PLUGIN)
    r"plug-?ins?\s+for|"
    r"(?:also )?benefit(?:s|ed|ing)?|"  # "query recycling also benefits Deformable DETR" (not "benefits from")
    r"(?:how to )?(?:optimi[sz](?:e|es|ing)|accelerat(?:e|es|ing)|speed(?:s|ing)? up|scal(?:e|es|ing) up))"
    r"\s*" + _DETS + r"(?:[\w.-]+'s\s+)?$"
)
# Where the work's code is released, not what it extends: "we release our code as a plugin for verl", "the
# implementation is available as a plug-in for vLLM".
_RELEASED_PLUGIN = AnyCase(
    r"\b(?:code|implementation|releas\w*|available|open-sourc\w*)\b[^.;]{0,40}?plug-?ins?\s+for\s+" + _DETS + r"$"
)
# "We train Qwen3-8B-Base with ...": a known model the work trains further is what it builds on (a new
# one it trains is proposed, and never reaches here). Not "used to train GPT-style models": a workload.
_TRAINS_MODEL = AnyCase(
    r"\bwe\s+(?:also\s+|further\s+|then\s+|first\s+|directly\s+)?(?:post-?)?train\s+" + _DETS + r"$"
    # "Applying supervised fine-tuning to Qwen2.5-7B-Instruct", "we apply GRPO to Qwen3-8B": training given to a model.
    r"|\bappl(?:y|ies|ying|ied)\s+(?:[\w-]+\s+){0,2}?(?:fine-?tuning|(?:post-?)?training|tuning|rl|rlhf|rlvr|grpo|"
    r"dpo|ppo|distillation|reinforcement learning)\s+to\s+" + _DETS + r"$"
)
# "GeoZero trains Qwen2.5-VL-7B-Instruct with GRPO": the work, by its coined name, as the subject.
_NAME_TRAINS = re.compile(r"(?:^|[.;:]\s+)[A-Z][a-z]*[A-Z0-9][\w.-]*\s+(?:post-?)?trains\s+" + _DETS + r"$")
# Not "FlashAttention trains Transformers faster", "... trains GPT-2 3x faster": a workload a system speeds up.
_SPEED_AFTER = re.compile(r"^\s+(?:[\d.]+\s*(?:x|\u00d7|times)\s+)?(?:faster|quicker|more|up to|\d)")
# "Training Qwen2-VL-7B on GeoSynth-1M raises ...": a sentence that opens by training a known model on data.
_TRAINING_OPENS = AnyCase(r"^\s*(?:post-?)?training\s+" + _DETS + r"$")
_ON_DATA_AFTER = re.compile(r"^\s+(?:on|with)\s")
_TRAINS_WORDS = ("train", "appl")  # every _TRAINS_MODEL match holds one
# "extend the intermediate representation of TVM", "building on the block-sparse formulation
# used by MegaBlocks", "a modification of online gradient descent", "an attention-attribution
# analysis of LLaVA": a change to, or a study of, a part of X is work on X.
_BUILDS_ON_PART_OF = AnyCase(
    r"\b(?:extend\w*|extension|generali[sz]\w*|build\w* (?:up)?on|built (?:up)?on|based on|"
    # (a verb of replacing: "replaces the tokenizer of Whisper", not "a drop-in replacement for the cache manager
    # of vLLM", a part the work stands in for, inside a system it uses)
    r"modif\w*|adapt\w*|analy[sz]\w*|variant|revisit\w*|replac(?:e|es|ed|ing)\b|start\w* from|plug\w*|insert\w*|"
    r"redesign\w*|"
    r"enhanc\w*)"  # "redesigns the tokenizer of Whisper", "enhances the reasoning ability of Qwen2.5-7B"
    # "replaces the fixed-resolution CLIP ViT-L/14 encoder of LLaVA-1.5"
    r"\s+(?:(?:of\s+)?(?:the|a|an|its)\s+)?(?:[\w/-]+\s+){0,4}?(?:of|used by|from|in|behind)\s+" + _DETS + r"$"
    # "we analyze the communication and memory traffic of ZeRO-3": an analysis names more of what it studies.
    r"|\banaly[sz]\w*\s+(?:the\s+)?(?:[\w/-]+\s+){0,5}?of\s+" + _DETS + r"$"
    # "a simple modification to Adam", "the main bottleneck of FlashAttention-2": a change to, or a limit of, X.
    r"|\b(?:modifications?|extensions?|(?:drop-in|simple|small|minimal|lightweight)\s+changes?)\s+to\s+" + _DETS + r"$"
    r"|\b(?:bottlenecks?|limitations?)\s+(?:of|in)\s+" + _DETS + r"$"  # "the main limitation of SnapKV"
    r"|\bstud(?:y|ies) (?:on|of)\s+" + _DETS + r"$"  # "a controlled study on Qwen2.5-Coder-7B"
    # "We follow the design of DiT and replace its attention blocks": the design the work takes over.
    r"|\bfollow\w*\s+(?:the\s+)?(?:design|architecture|recipe|framework|formulation)s?\s+of\s+" + _DETS + r"$"
    # "inserts a mixture of LoRA experts into the decoder of Whisper large-v3": a change made inside X.
    r"|\b(?:insert\w*|integrat\w*|incorporat\w*|plug\w*|inject\w*|add(?:s|ed|ing)?)\s+(?:[\w-]+\s+){1,6}?into\s+"
    r"(?:the|its)\s+(?:[\w/-]+\s+){1,2}?of\s+" + _DETS + r"$"
    # "we initialize it from the weights of Aurora"
    r"|\binitiali[sz]\w*\s+(?:\w+\s+)?from\s+(?:the\s+)?(?:[\w/-]+\s+){0,2}?of\s+" + _DETS + r"$"
)
# "keeps the two-stage design of VALL-E", "inherits the observation-window voting of SnapKV" (and changes the
# rest), "a one-shot pruning method derived from SparseGPT": a technique or model the work takes a part of.
# Not "keeps the perplexity of X at 3.41" (a score), nor a number format ("keeps the statistics in FP32").
_KEEPS_PART_OF = AnyCase(
    r"\b(?:keep(?:s|ing)?|retain(?:s|ing)?|inherit\w*)\s+(?:the|its)\s+(?:[\w/-]+\s+){1,3}?of\s+" + _DETS + r"$"
    # a technique derived from X, not data ("traces derived from ShareGPT", "code derived from ... models")
    r"|\b(?:method|approach|variant|technique|algorithm|model|architecture|scheme|objective|loss|estimator|"
    r"optimi[sz]er|framework|design|rule|procedure)s?,?\s+(?:directly\s+)?derived from\s+" + _DETS + r"$"
)
_KEEPS_WORDS = ("keep", "retain", "inherit", "derive")  # every _KEEPS_PART_OF match holds one
_SCORE_AT_AFTER = re.compile(r"^\s+(?:at|within|to|near|below|above|under|around)\s+[\d.]")
# "We evaluate agents built on GPT-4o, ...": what the paper evaluates is built on X, not the paper's work.
_EVALUATED_BUILT_ON = AnyCase(r"\bevaluat\w*\s+(?:[\w-]+\s+){1,3}(?:built|based) (?:up)?on\s+$")
# The model before the work changed it, named as the reference of a number.
# What a text calls the model before the work changed it (results reads a number "for the unmodified model" with it).
REFERENCE_WORDS = (
    r"(?:original|unmodified|uncompressed|undistilled|unpruned|pretrained|pre-trained|base|plain|vanilla|"
    r"full-precision|dense)"
)
_REFERENCE_BEFORE = AnyCase(r"\bthe\s+" + REFERENCE_WORDS + r"\s+$")
_BASE_MODEL_ANAPHORA = re.compile(
    r"\b[Tt]he (?:same )?(?:base|original|unmodified|uncompressed|undistilled|unpruned) (?:model|network|detector|policy)\b"
    r"|\b[Tt]he (?:[\w-]+ )?teacher\b"  # "against 20.6 for the 28-step teacher"
)
# What sets a clause against another: "..., whereas X loses", "; X at matched quality reaches".
CONTRAST = r";|\b(?:whereas|while|but)\b"
# (", where EAGLE-2 yields 1.2x": a rival's own figure beside the work's, too)
_CONTRAST_BEFORE = AnyCase(r"(?:" + CONTRAST + r"|,\s+where\b)[^;]*$")
# The verbs a clause gives a rival's own figure with: "reaches 61%", "loses 2.7 points", "yields 1.2x".
_SCORE_VERBS = (
    r"reach(?:es|ed)?|achiev(?:es|ed|e)|attain(?:s|ed)?|los(?:es|t|e)|scor(?:es|ed|e)|obtain(?:s|ed)?|gets?|"
    r"yield(?:s|ed)?|giv(?:es|e)"
)
_SCORES_AFTER = AnyCase(  # "while A and B lose 4.1 and 2.7 points"
    r"^(?:\s+[\w-]+){0,4}?\s+(?:only\s+)?(" + _SCORE_VERBS + r"|falls? to|drops? to|runs? out of memory)\b"
)
_FIGURE = re.compile(r"(?<![\w.])\d")  # a number of its own: "lose 4.1 points", not the 8 of "INT8"
# "leverages the pretrained Stable Diffusion 2.1 as the backbone": a part the work is made of, no reference.
_AS_PART_AFTER = AnyCase(r"^\s+as\s+(?:the|a|an|our|its)\s+")
_BASELINE_AFTER = AnyCase(r"^\s+(?:baseline|base model)\b")
# "LoRA lags behind X by 2.1 points", "DoRA falls short of X": a name its own clause sets behind another.
# "X lags behind", and "X-level accuracy": a rival the work is measured against.
_TRAILS_AFTER = AnyCase(
    # "Diffusion Policy and pi0 trail both methods": the earlier names of the list that trails, too.
    # "where H2O, StreamingLLM and PyramidKV fall below 80%": the rivals under the work's figure.
    # "We use HNSW and DiskANN as baselines": named as the rivals.
    r"^(?:(?:\s*,|\s+and|\s*,\s*and)\s+[\w.+-]+(?:\s+[\w.+-]+)?"
    r"(?=\s*,|\s+and|\s+(?:\w+ly\s+)?(?:lag|trail|fall|fell|drop|stay|remain|as)))*"
    r"(?:\s+(?:\w+ly\s+)?(?:(?:lag(?:s|ged|ging)?|falls?|fell) (?:behind|short)|trail(?:s|ed|ing)?|"
    r"(?:falls?|fell|drops?|dropped|stays?|stayed|remains?|remained) below)\b"
    r"|\s+as\s+(?:(?:the|our|strong|competitive|two|three|four)\s+)*(?:baselines|competitors|rivals)\b"
    # "GPT-4-level accuracy", "DALL-E 3-level prompt adherence"
    r"|-level\s+[a-z])"
)
_IMPROVES_UPON = AnyCase(r"\bimprov\w*\s+(?:(?:up)?on\s+)?" + _DETS + r"$")
_IMPROVING_OPENS = AnyCase(r"\s*improving\s+(?:up)?on\s+" + _DETS + r"$")  # a sentence that opens "Improving upon X"
_WE_AFTER = AnyCase(r",\s+(?:we|our)\b")
_JOINED_WITH = re.compile(r"\s*(?:\+|(?:equipped |augmented |combined )?with)\s+(?:(?:the|our)\s+)?")
_BY_DOING = re.compile(r"(?:'s)?(?:\s+\w+)?\s+by\s+[a-z]+ing\b")
_BUILDS_AFTER = AnyCase(
    r"^(?:'s)?\s+as\s+(?:(?:our|the|a)\s+(?:\w+\s+){0,2}(?:base|foundation|starting point|students?)|students?\b)"
    # "ControlNet is extended with ...", "A pretrained wav2vec 2.0 model is fine-tuned ...": the passive.
    r"|^(?:\s+(?:model|network|policy|checkpoint|backbone))?\s+(?:is|are|was|were)\s+(?:further\s+|first\s+)?"
    r"(?:extended|fine-?tuned|adapted|modified|augmented|generali[sz]ed)\b"
    # "repairs come from a smaller model, GPT-4.1-mini, fine-tuned on 12k recovery traces": the work tunes it.
    r"|^,\s+(?:further\s+)?(?:fine-?tuned|adapted)\s+(?:on|with|for|to)\b"
)
# "converts Qwen2.5-Omni-7B into a universal retriever", "we turn Llama-3 into a reranker", "distilling
# Wan2.1-T2V-14B into a 1.3B student": a model made into the work (not "transforms the sequential denoising
# into ...": a process replaced).
_CONVERTS_WORDS = ("convert", "turn", "repurpos", "upcycl", "distil")  # every _CONVERTS_BEFORE match holds one
_CONVERTS_BEFORE = AnyCase(r"\b(?:" + "|".join(_CONVERTS_WORDS) + r")\w*\s+" + _DETS + r"$")
_INTO_AFTER = AnyCase(r"^\s+into\b")
# "We adapt a pretrained video generator, Cosmos-Predict2, to ...": the name in apposition to what is adapted.
_BUILDS_APPOSED = AnyCase(
    r"\b(?:adapt|extend|fine-?tun|finetun|modif|upcycl|start\w* from|build\w* (?:up)?on)\w*\s+(?:a|an|the)\s+"
    r"(?:[\w-]+\s+){0,3}(?:model|generator|llm|vlm|network|transformer|policy|backbone|encoder|decoder|detector|"
    r"method|optimizer|system|architecture),\s+$"
)
# "an automatic judge based on Gemini 2.5 Pro", "a teacher built on Qwen2.5-72B": a component the work uses, built on X.
_COMPONENT_BASED_WORDS = ("based", "built")  # every _COMPONENT_BASED match holds one
_COMPONENT_BASED = AnyCase(
    r"\b(?:judge|grader|evaluator|annotator|verifier|rater|teacher|critic|labeler|labeller)s?\s+(?:[\w-]+\s+){0,2}?"
    r"(?:based|built) (?:up)?on\s+" + _DETS + r"$"
)
_USES_BEFORE = AnyCase(
    r"\b(?:us(?:e|es|ed|ing)|leverag\w+|employ\w*|adopt\w*|appl(?:y|ies|ied|ying)|integrat\w*|incorporat\w*|"
    r"via|through|harness\w*|exploit\w*|rel(?:y|ies|ying) on|combin\w*|utili[sz]\w*|with|by|"
    # "implemented in Megatron-LM", "we implement PagedX inside vLLM": the system it runs in (not "on top of X":
    # what the work extends)
    r"implement\w* (?:[\w.+-]+ ){0,3}?(?:in|inside|within|into)|implement\w* with)"
    r"\s+" + _DETS + r"(?:[\w-]+\s+)?$"
)
# "We re-evaluate six popular methods, namely GPTQ, AWQ, ...": the techniques an empirical study (a paper
# that proposes nothing) sets out to examine are what it is about.
_STUDY_WORDS = ("evaluat", "benchmark", "stud", "analy", "examin", "investigat", "revisit", "characteri")
_STUDIED_LIST = AnyCase(
    r"\b(?:we|this (?:paper|work|study))\s+(?:\w+\s+)?(?:re-?)?(?:evaluat|benchmark|stud(?:y|ied|ies)|analy[sz]|examin|"
    r"investigat|revisit|characteri[sz])\w*\s+(?:[\w-]+\s+){0,4}?(?:methods|techniques|approaches|algorithms|schemes|"
    r"optimi[sz]ers|strategies|recipes|formats)(?:\s*,?\s*(?:namely|including|such as|e\.g\.,?|i\.e\.,?)|\s*[:(])\s*"
    r"(?:(?:a|an|the)\s+[^,;.()]{1,40},\s+)*$"  # past unnamed ones: "namely a separate draft model, Medusa, ..."
)
_ANALYSIS_TITLE = AnyCase(
    r"\b(?:how|why|when|what|is|are|does|do|optimal\w*|complexity|analy[sz]\w*|understanding|rethinking|"
    r"revisiting|evaluation|evaluating|benchmarking|study|investigat\w+|impact of|exploring|probing|characteri[sz]\w+|"
    r"performance of|versus|vs\.?)\b"
)
# What may follow a predecessor's name in its successor's: a version ("-2",
# " 2s", "v2", "++"), a short capitalised tag ("-OFT", "-XL") or a size ("-7B").
# A letter tag needs its separator: "GPTQ" and "TAPAS" are other names than "GPT" and "TAP".
_VERSION_TAIL = re.compile(r"^(?:[\s-]*(?:v?\d+(?:\.\d+)?[a-z]?|\d+(?:\.\d+)?[BMK]|\+\+)|[\s-]+(?:[A-Z]{1,5}\d*|II|III))$")

# Substrings one of which every cue of a kind contains (a prefilter for the regexes;
# tests/test_extract_fast_paths.py checks that no text a cue matches lacks a key).
_COMPARE_KEYS = (
    "compar", "relative", "versus", "vs", "than", "over", "outperform", "surpass", "beat", "exceed", "above",
    "below", "ahead", "that of", "those of", "x the", "\u00d7 the", "whereas", "approach",
    "against", "par with", "competitive", "baseline", "improv", "speed", "faster", "unlike", "contrast", "contrary",
    "opposed", "match", "rival", "short of", "within", "gap", "behind", "trail", "edg", "w.r.t.", "reach", "attain",
)
_BUILD_KEYS = (
    "extend", "extension", "build", "built", "top of", "based", "generali", "adapt", "tun", "analy", "stud",
    "revisit", "investigat", "examin", "characteri", "inspired", "variant", "successor", "upgrade", "improv",
    "modif", "upon", "optimi", "accelerat", "speed", "scal", "start", "initiali", "distill", "integrat", "incorporat",
    "plug", "insert", "add", "approximat", "reduc", "replac", "change", "augment", "enhanc", "equip", "reformulat",
    "recast", "port", "continu", "bottleneck", "trained from", "upcycl", "follow", "redesign", "implement", "benefit",
    "derive", "keep", "retain", "inherit", "inject", "limitation",
)
_TRAINED_KEYS = ("train", "instruction", "calibrat")
# The keys as one pattern each: a search for any of them is one scan, in C.
_COMPARE_KEY = re.compile(keyword_pattern(_COMPARE_KEYS))
_TRAINED_KEY = re.compile(keyword_pattern(_TRAINED_KEYS))
_BUILD_KEY = re.compile(keyword_pattern(_BUILD_KEYS))
_SEPARATOR = re.compile(r"[\s-]")
_SPAN_START = itemgetter(0)  # the key sentence_of searches sentences by
_DEFAULT_ROLE = {"Dataset": "evaluated_on", "Hardware": "runs_on", "Metric": "reports", "Method": "uses", "Model": "uses"}


def _next_in_list(text: str, last_end: int, start: int, after: str) -> bool:
    """Whether a name at ``start`` is the next of a list whose last name ended at ``last_end``.

    A comma alone does not make a list when a verb follows the name: "Fine-tuned from
    Qwen2.5-7B, QuillMath reaches ...": QuillMath is the clause's subject.

    >>> t = "over A, B and C. From A, B reaches"
    >>> _next_in_list(t, 6, 8, " and C."), _next_in_list(t, 23, 25, " reaches")
    (True, False)
    """
    # Past the figure a listed rival scored: "exceeding Deformable DETR (43.8 AP) and DINO".
    aside = _ASIDE.match(text, last_end, start)
    gap = LIST_GAP.fullmatch(text, aside.end() if aside else last_end, start) or _KIND_LIST_GAP.fullmatch(
        text, aside.end() if aside else last_end, start
    )
    if gap is None:
        # "where EAGLE-2 yields 1.2x and Medusa 1.1x": the next name with its own figure, the verb left out.
        return _SCORED_GAP.fullmatch(text, last_end, start) is not None and _FIGURE_AFTER.match(after) is not None
    return not (gap.group().strip() == "," and _CLAUSE_VERB_AFTER.match(after))


_ASIDE = re.compile(r"\s*\([^()]{1,40}\)")
_SCORED_GAP = AnyCase(
    r"\s+(?:only\s+)?(?:" + _SCORE_VERBS + r")\s+(?:only\s+)?[\d.,]+\s*(?:x|\u00d7|%|points?)?,?\s+and\s+"
)
_FIGURE_AFTER = re.compile(r"\s+\d")
# "the reflection-based agent Reflexion and the tree-search agent LATS": the next name after what it is.
_KIND_LIST_GAP = re.compile(LIST_JOIN + r"(?:the|an?)\s+" + _RIVAL_KIND)
_CLAUSE_VERB_AFTER = AnyCase(
    r"\s+(?:\w+ly\s+)?(?:is|are|was|were|has|reach\w*|achiev\w*|attain\w*|improv\w*|outperform\w*|surpass\w*|"
    r"yield\w*|obtain\w*|deliver\w*|gets|scores?|cuts?|reduc\w*|runs?|match(?:es)?|boosts?|sets?|saves?|loses?)\b"
)


def sentence_of(sentences: list[tuple[int, int]], position: int) -> tuple[int, int]:
    """The (start, end) of the sentence holding ``position``."""
    if not sentences:
        return (0, position + 1)
    return sentences[max(0, bisect.bisect_right(sentences, position, key=_SPAN_START) - 1)]


def extends_name(successor: str, predecessor: str) -> bool:
    """Whether ``successor``'s name is ``predecessor``'s plus a version or a qualifier.

    >>> extends_name("FlashAttention-2", "FlashAttention"), extends_name("OpenVLA-OFT", "OpenVLA")
    (True, True)
    >>> extends_name("residual classifier-free guidance", "classifier-free guidance")
    True
    >>> extends_name("FlashFFTConv", "FlashAttention"), extends_name("FLASH", "FlashAttention")
    (False, False)
    >>> extends_name("Fast Latent-Aware Heuristics", "Heuristics")
    False
    """
    s, p = successor.casefold(), predecessor.casefold()
    if s == p or len(p) < 2:
        return False
    if s.startswith(p) and _VERSION_TAIL.match(successor[len(predecessor):]):
        return True
    return qualifies_name(successor, predecessor)


def qualifies_name(qualified: str, name: str) -> bool:
    """Whether ``qualified`` is a known multi-word ``name`` with words before it: "continuous speculative
    decoding" of "speculative decoding" (not a version: "EAGLE-2" does not qualify "EAGLE").

    >>> qualifies_name("personalized federated learning", "federated learning"), qualifies_name("EAGLE-2", "EAGLE")
    (True, False)
    """
    s, p = qualified.casefold(), name.casefold()
    if s == p or _SEPARATOR.search(p) is None:
        return False  # one word: no qualified form of it here
    words_p = p.replace("-", " ").split()
    if len(words_p) < 2:
        return False
    words_s = s.replace("-", " ").split()
    return len(words_s) > len(words_p) and words_s[-len(words_p):] == words_p


def _qualified_model(name: str, model: str) -> bool:
    """Whether ``name`` is a one-word model's name with a qualifier before it ("Chunked Whisper").

    >>> _qualified_model("Chunked Whisper", "Whisper"), _qualified_model("Whisper", "Whisper")
    (True, False)
    """
    words = name.split()
    return len(words) == 2 and " " not in model and words[1].casefold() == model.casefold()


def _variant_of(name: str, proposal: str) -> bool:
    """Whether ``name`` is a size or variant of the proposed ``proposal``.

    >>> _variant_of("EdgeSeg-Nano-M", "EdgeSeg-Nano"), _variant_of("TAP-DeiT-S", "TAP")
    (True, True)
    >>> _variant_of("TAPAS", "TAP"), _variant_of("GPT-2", "GPT")
    (False, True)
    """
    return len(proposal) >= 3 and (name.startswith(proposal + "-") or extends_name(name, proposal))


def speaks_of_own_work(sentence: str, names_proposed: bool) -> bool:
    """Whether a sentence is about the paper's own work (first person, or a proposed entity)."""
    return names_proposed or bool(_FIRST_PERSON.search(sentence))


def states_results(sentence: str, names_proposed: bool) -> bool:
    """Whether a sentence reports the paper's findings (its own work, or results words)."""
    return speaks_of_own_work(sentence, names_proposed) or bool(_RESULT_WORDS.search(sentence))


def _starts_within(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether one of ``spans`` (in order of their starts) starts in ``start``-``end``; a look-up, not a scan,
    so a sentence of thousands of names asks it of each name at no more cost.

    >>> _starts_within([(2, 4), (9, 12)], 5, 9), _starts_within([(2, 4), (9, 12)], 5, 10)
    (False, True)
    """
    at = bisect.bisect_left(spans, (start,))
    return at < len(spans) and spans[at][0] < end


def own_work_start(
    text: str, sentences: list[tuple[int, int]], title_end: int, proposed_spans: list[tuple[int, int]]
) -> int:
    """Where the abstract first speaks of the paper's own work (first person, or a proposed name).

    An abstract states its problem, then its work, then what the work achieves:
    from this sentence on, methods named are the work's and numbers are its results.
    ``len(text)`` when it never does.

    >>> t = "T\\n\\nLLMs are slow. We propose X. X is 2x faster."
    >>> start = own_work_start(t, [(0, 1), (3, 17), (18, 31), (32, 47)], 1, [])
    >>> t[start:start + 13]
    'We propose X.'
    """
    return next(
        (
            s
            for s, e in sentences
            if e > title_end and speaks_of_own_work(text[s:e], _starts_within(proposed_spans, s, e))
        ),
        len(text),
    )


def assign_roles(
    text: str,
    sentences: list[tuple[int, int]],
    mentions: list[Found],
    entities: dict[str, Known],
    proposed: dict[str, tuple[int, int, str]],
    title_end: int,
    proposal_cues: tuple[int, ...],
) -> list[RoleAssertion]:
    """Every role of every entity of one paper, each with its evidence span.

    Args:
        text: the paper's text (title, blank line, abstract).
        sentences: sentence spans, in order.
        mentions: resolved mentions.
        entities: the paper's entities by key.
        proposed: keys the paper proposes -> (start, end, rule) of the proposal.
        title_end: where the title ends in ``text``.
        proposal_cues: where the objects of "we propose / present ..." start.

    Returns:
        Role assertions; an entity that gets no role from a cue gets its type's
        default role when a sentence about the paper's own work names it, else
        ``mentions``.
    """
    out: list[RoleAssertion] = []
    roles: dict[str, set[str]] = defaultdict(set)

    def add(key: str, role: str, start: int, end: int, rule: str, confidence: float) -> None:
        if role not in roles[key]:
            roles[key].add(role)
            out.append(RoleAssertion(key, role, start, end, rule, confidence))

    for key, (start, end, rule) in proposed.items():
        if key in entities:
            add(key, "proposes", start, end, rule, 0.9)

    first_mention: dict[str, Found] = {}
    for mention in mentions:
        first_mention.setdefault(mention.key, mention)
    # Sizes and variants of a proposal are proposed too: "EdgeSeg-Nano-M" of
    # "EdgeSeg-Nano", "TAP-DeiT-S" (TAP applied to DeiT-S).
    proposed_names = [name for key in proposed if key in entities for name in (entities[key].name, *entities[key].aliases)]
    for key, entity in entities.items():
        if key in proposed or key not in first_mention or entity.type not in ("Method", "Model"):
            continue
        if any(_variant_of(entity.name, name) for name in proposed_names):
            m = first_mention[key]
            add(key, "proposes", m.start, m.end, "proposal:variant", 0.75)
            proposed = {**proposed, key: (m.start, m.end, "proposal:variant")}
    proposed_spans = [(m.start, m.end) for m in mentions if m.key in proposed]
    proposed_starts = {start for start, _ in proposed_spans}

    # Successor names, vocabulary successors, and what a proposal is said to be a kind of.
    for key in proposed:
        new = entities.get(key)
        if new is None:
            continue
        new_names = [new.name, *new.aliases]
        for other in entities.values():
            if other.key == key or other.key in proposed or other.key not in first_mention:
                continue
            if other.key in new.successor_of or any(
                extends_name(n, o) or (other.type == "Model" and _qualified_model(n, o))
                for n in new_names
                for o in (other.name, *other.aliases)
            ):
                m = first_mention[other.key]
                add(other.key, "builds_on", m.start, m.end, "successor-name", 0.85)
    for p_start, p_end in proposed_spans:
        # "FLASH, a speculative decoding framework", "a mixed precision training recipe called BlockScale".
        apposition = _KIND_OF.match(text, p_end) or _KIND_CALLED.search(text, max(0, p_start - 120), p_start)
        if not apposition:
            continue
        for mention in mentions:
            if apposition.start(1) <= mention.start and mention.end <= apposition.end(1) and mention.key not in proposed:
                entity = entities.get(mention.key)
                # (Not a format or a data structure: "an FP4 training recipe" runs in FP4, it is no kind of FP4.)
                if entity is not None and entity.type in ("Method", "Model") and not _operated_on(entity):
                    add(mention.key, "builds_on", mention.start, mention.end, "kind-of-proposal", 0.75)
    for mention in _known_kinds_made(text, proposal_cues, mentions, entities, proposed):
        # "We present a radix join that ...", "a speculative decoding method": the work is one of them.
        add(mention.key, "builds_on", mention.start, mention.end, "kind-of-own-work", 0.7)

    analysis_title = bool(_ANALYSIS_TITLE.search(text[:title_end])) and not any(
        s < title_end for s, _ in proposed_spans
    )
    # "FLASH: Latent-Aware ... Speculative Decoding for ...": after a proposed
    # name, the title says what it is a kind of, and so what it builds on.
    # (prefix_end: where the name ends; prefix_rest: where the title goes on after its separator.)
    prefix_end, prefix_rest = next(
        ((e, m.end()) for s, e in proposed_spans if s == 0 and (m := TITLE_SEPARATOR.match(text, e, title_end))),
        (None, None),
    )
    compared_end = None  # where the last baseline named after a comparison cue ends
    built_end = None  # where the last name the work extends, named after a cue, ends
    base_end = None  # where the last model the work is applied to ends
    # A paper that measures a system's training speed: a model it trains on a cluster is its workload.
    systems_paper = _SYSTEMS_MEASURE.search(text, title_end) is not None

    def workload(sentence: str) -> bool:
        return systems_paper and _ON_CLUSTER.search(sentence) is not None

    training_free = None  # whether the work leaves the models it runs unchanged (read when first needed)
    # The text lower-cased once, for the keyword tests (None where lower-casing moves offsets).
    lowered_text: str | None = text.lower()
    if len(lowered_text) != len(text):
        lowered_text = None
    others = _OthersClauses(text, lowered_text, mentions, proposed)
    for mention in mentions:
        key = mention.key
        entity = entities.get(key)
        if entity is None or key in proposed or entity.type not in ("Method", "Model", "Dataset"):
            continue
        s_start, s_end = sentence_of(sentences, mention.start)
        if others.said(mention, s_start, s_end):
            continue
        sentence = text[s_start:s_end]
        before = text[max(s_start, mention.start - _CUE_WINDOW) : mention.start]
        after = text[mention.end : min(s_end, mention.end + _CUE_WINDOW)]
        comparable = entity.type in ("Method", "Model")
        # Cheap keyword tests first: most mentions have no cue before them.
        lower = before.lower()
        may_compare = comparable and _COMPARE_KEY.search(lower) is not None
        may_build = _BUILD_KEY.search(lower) is not None
        if entity.type == "Dataset" and _TRAINED_KEY.search(lower) and (
            _TRAINED_ON.search(before) or _TRAINING_PART_OF.search(before)
        ):
            # "pre-trained on 300B tokens of the Pile", "calibrated on C4", "on the training split of MATH":
            # data the work uses.
            add(key, "uses", mention.start, mention.end, "cue:training-data", 0.7)
        elif (
            entity.type == "Dataset" and _TUNES_WORD in lower and _FINE_TUNES_ON.search(before)
            and not _SCORED_AFTER.match(text, mention.end, s_end)
        ):
            # "we fine-tune on the LIBERO suites": data trained on (and evaluated on where a later sentence
            # scores on it); not "Fine-tuning RoBERTa-large on GLUE gives a score of 88.6": a benchmark's protocol.
            add(key, "uses", mention.start, mention.end, "cue:fine-tuning-data", 0.6)
            if _SCORE_NUMBER.search(sentence):
                # "Fine-tuning LLaMA-2-7B on the TRACE benchmark, X retains 92%": scored there too.
                add(key, "evaluated_on", mention.start, mention.end, "cue:fine-tuned-and-scored", 0.6)
        elif entity.type == "Dataset" and (
            _data_source(text, before, lower, s_start, mention.start) or _DATA_USE_AFTER.match(after)
        ):
            # "Problems are collected from TACO, APPS and CodeContests", "70K trajectories from the DROID dataset",
            # "Objects365 pre-training", "over a Wikipedia index".
            add(key, "uses", mention.start, mention.end, "cue:data-source", 0.65)
        elif mention.start < title_end and analysis_title and comparable:
            add(key, "builds_on", mention.start, mention.end, "analysis-title", 0.7)
        elif mention.start < title_end and (prefix_end is None or prefix_end < mention.start) and comparable:
            # What a title names beside the paper's own contribution is what the
            # work extends ("Query Recycling for ... DETR-Style Detectors"), or,
            # after "with"/"via", what it uses.
            if entity.generic_class:
                # "Scalable Graph Transformers", "... Beat Transformers on ...": a class of architectures
                # (pg:genericClass) that says what kind of model the work is about, which the title names
                # without using or extending it (the abstract may say more).
                pass
            elif (
                _USES_BEFORE.search(before, lowered=lower) or _operated_on(entity)
                or _title_setting(text, mention.start)
                or _SETTING_HEAD_AFTER.match(after)
            ):
                add(key, "uses", mention.start, mention.end, "title:uses", 0.7)
            else:
                add(key, "builds_on", mention.start, mention.end, "title:kind-of-proposal", 0.7)
        elif (
            entity.type == "Method" and not proposed_spans and any(map(lower.__contains__, _STUDY_WORDS))
            and _STUDIED_LIST.search(before, lowered=lower)
        ):
            add(key, "builds_on", mention.start, mention.end, "cue:studied-list", 0.75)
            built_end = mention.end
        elif comparable and _IMPROVES_UPON.search(before, lowered=lower) and (
            _BY_DOING.match(after)
            or _WE_AFTER.match(after) and _IMPROVING_OPENS.match(text, s_start, mention.start)
        ):
            # "improves upon ZeRO by sharding ...", "Improving upon DreamerV3, we replace ...": a change made to X,
            # not a score against it.
            add(key, "builds_on", mention.start, mention.end, "cue:improves-by-doing", 0.75)
        elif comparable and (joined := _JOINED_WITH.match(after)) and mention.end + joined.end() in proposed_starts:
            # "PPO with uncertainty-gated bonus annealing", "SegFormer-B5 with BART": X extended by the work.
            add(key, "builds_on", mention.start, mention.end, "cue:extended-with-proposal", 0.75)
        elif may_compare and (_COMPARE_BEFORE.search(before, lowered=lower) or _COMPARE_FOR.search(before, lowered=lower)) or (
            comparable and _TRAILS_AFTER.match(after)
        ) or comparable and _SHARE_WORD in lower and (
            _SHARE_OF_FIGURE.search(before, lowered=lower)
            or _SHARE_OF_NAME.search(before, lowered=lower) and not _NOUN_AFTER.match(after)
        ):
            add(key, "compares_with", mention.start, mention.end, "cue:compare", 0.8)
            compared_end = mention.end
        elif comparable and "from" in lower and (
            # "reaches 41.3% MFU, up from 33.0% with Megatron-LM's interleaved 1F1B schedule": the earlier figure's owner.
            _UP_FROM_WITH.search(before, lowered=lower) and not after.startswith(("'s", "\u2019s"))
            or _TO_NUMBER_AFTER.match(after) and _FROM_FOR.search(before, lowered=lower)  # "from 4.9 for X to 1.7"
        ):
            add(key, "compares_with", mention.start, mention.end, "cue:compare-from", 0.8)
            compared_end = mention.end
        elif comparable and _AND_SCORE_WORD in lower and _AND_SCORE_FOR.search(before, lowered=lower) and (
            _COMPARED_SCORE.search(text[s_start : mention.start])
        ):
            add(key, "compares_with", mention.start, mention.end, "cue:compare", 0.8)
            compared_end = mention.end
        elif comparable and compared_end is not None and _next_in_list(text, compared_end, mention.start, after):
            # "over FedProx and IFCA": the next name of a list of baselines.
            add(key, "compares_with", mention.start, mention.end, "cue:compare", 0.8)
            compared_end = mention.end
        elif (
            may_build
            and _BUILDS_BEFORE.search(before, lowered=lower)
            and not _EVALUATED_BUILT_ON.search(before, lowered=lower)
            and not ("plug" in lower and _RELEASED_PLUGIN.search(before, lowered=lower))
            and not (any(map(lower.__contains__, _COMPONENT_BASED_WORDS)) and _COMPONENT_BASED.search(before, lowered=lower))
        ) or _BUILDS_AFTER.match(after) or (
            entity.type == "Model" and any(map(lower.__contains__, _TRAINS_WORDS)) and (
                _TRAINS_MODEL.search(before, lowered=lower)
                or _NAME_TRAINS.search(before) and not entity.generic_class and not _SPEED_AFTER.match(after)
            )
        ) or (
            entity.type == "Model" and _ON_DATA_AFTER.match(after) and _TRAINING_OPENS.match(text[s_start : mention.start])
        ) or (
            comparable
            and (
                entity.type == "Model" and _INTO_AFTER.match(after)
                and any(map(lower.__contains__, _CONVERTS_WORDS)) and _CONVERTS_BEFORE.search(before, lowered=lower)
                or may_build and before.endswith(", ") and _BUILDS_APPOSED.search(before, lowered=lower)
            )
        ):
            if entity.type == "Dataset":
                # "a multi-turn variant of LongBench", "initialised with ImageNet-21k weights": data the work
                # derives its own from is data it uses (no annotator gives a dataset builds_on).
                add(key, "uses", mention.start, mention.end, "cue:derived-data", 0.6)
            elif entity.type == "Model" and _TRAINS_JUST_BEFORE.search(before, lowered=lower) and workload(sentence):
                # "Training Llama-3-70B ... on 256 H100 GPUs, it achieves 52.8% MFU": a model a system is measured
                # training is its workload, used (tests/data/dev15/README.md, writer A, rule 8).
                add(key, "uses", mention.start, mention.end, "cue:workload", 0.6)
            else:
                add(key, "builds_on", mention.start, mention.end, "cue:builds_on", 0.8)
                built_end = mention.end
        elif may_build and comparable and (
            _BUILDS_ON_PART_OF.search(before, lowered=lower)
            or any(map(lower.__contains__, _KEEPS_WORDS)) and not _operated_on(entity) and not entity.generic_class
            and _KEEPS_PART_OF.search(before, lowered=lower) and not _SCORE_AT_AFTER.match(after)
        ):
            add(key, "builds_on", mention.start, mention.end, "cue:builds-on-part", 0.75)
            built_end = mention.end
        elif comparable and built_end is not None and _next_in_list(text, built_end, mention.start, after):
            # "fine-tunes LLaMA-2-7B and Mistral-7B": the next name of what the work extends.
            add(key, "builds_on", mention.start, mention.end, "cue:builds_on-list", 0.75)
            built_end = mention.end
        elif comparable and _NUMBER.search(sentence) and (
            _REFERENCE_BEFORE.search(before, lowered=lower) and not _AS_PART_AFTER.match(after)
            or _BASELINE_AFTER.match(after)
        ):
            # "within 4.2 AP of the original Grounding DINO", "from 76.5% for the OpenVLA baseline to 91.3%".
            add(key, "compares_with", mention.start, mention.end, "cue:reference-model", 0.7)
        elif comparable and (
            lowered_text is None or _COMPARE_KEY.search(lowered_text, s_start, mention.start) is not None
        ) and _in_compared_list(text[s_start : mention.start], after):
            add(key, "compares_with", mention.start, mention.end, "cue:compared-list", 0.7)
        elif comparable and _rival_score(before, lower, after, mention.end, proposed_starts):
            add(key, "compares_with", mention.start, mention.end, "cue:rival-score", 0.7)
            compared_end = mention.end
        elif comparable and _same_setting_rival(text, s_start, s_end, mention.start, mention.end, proposed_starts):
            add(key, "compares_with", mention.start, mention.end, "cue:same-setting-rival", 0.7)
            compared_end = mention.end
        elif entity.type == "Model" and _NUMBER.search(sentence) and (
            _BASE_MODEL_BEFORE.search(before, lowered=lower)
            or after.startswith(("'s", "’s"))
            # "applied to DeiT-S and ViT-B", "Applied to SDXL and to the flow-based SD3 Medium"
            or (base_end is not None and (LIST_GAP.fullmatch(text, base_end, mention.start)
                                          or _AND_TO_AGAIN.fullmatch(text, base_end, mention.start)))
        ) and mention.start >= title_end:
            base_end = mention.end
            if training_free is None:
                rival_ends = {
                    m.end for m in mentions
                    if m.key not in proposed and (e := entities.get(m.key)) is not None and e.type == "Method"
                }
                training_free = _is_training_free(text, sentences, title_end, rival_ends)
            # A model the work trains or changes is built on; one a training-free method only runs is used,
            # and so is one a system is measured training ("with DeepSeek-V3's architecture on 2,048 H800 GPUs").
            add(key, "uses" if training_free or workload(sentence) else "builds_on", mention.start, mention.end, "base-model", 0.7)
            if _FROM_TO.search(sentence) or _SPEEDUP.search(sentence) or _RELATIVE.search(sentence):
                add(key, "compares_with", mention.start, mention.end, "base-model-reference", 0.6)
        elif comparable and _USES_BEFORE.search(before, lowered=lower) and (
            mention.start < title_end or _FIRST_PERSON.search(sentence)
        ):
            add(key, "uses", mention.start, mention.end, "cue:uses", 0.7)

    # "On Mistral-7B, accuracy improves by 2.8 points over AWQ", "Starting from X, PBPO improves accuracy by 4.6
    # points over DAPO": a model the work is applied to is no reference of the numbers of a sentence that names the
    # rival they are relative to, unless a change from its own figure follows it ("raises the accuracy of X from
    # 16.7% to 40%").
    rival_starts = sorted(r.start for r in out if r.role == "compares_with" and r.rule.startswith("cue:"))
    rivals_in = {sentence_of(sentences, start) for start in rival_starts}

    def referenced(start: int, end: int) -> bool:
        s_start, s_end = sentence_of(sentences, start)
        if (s_start, s_end) not in rivals_in:
            return True
        change = _FROM_TO.search(text, end, s_end)
        return change is not None and not any(end <= at < change.start() for at in rival_starts)

    unreferenced = {r for r in out if r.rule == "base-model-reference" and not referenced(r.start, r.end)}
    if unreferenced:
        out = [r for r in out if r not in unreferenced]
        for r in unreferenced:
            roles[r.key].discard(r.role)

    # A model the work changes, named where numbers are given relative to something,
    # is what they are relative to ("adding BART to SegFormer-B2 raises mIoU from 46.5 to 48.9").
    # Any sentence that names it counts: "We fine-tune X ... After fine-tuning, X improves pass@1 from 52.4% to 61.0%".
    base_models = {r.key for r in out if r.role == "builds_on" and entities[r.key].type == "Model"}
    for mention in mentions:
        if mention.key in base_models and mention.start >= title_end:
            s_start, s_end = sentence_of(sentences, mention.start)
            if not referenced(mention.start, mention.end):
                continue
            if _FROM_TO.search(text, s_start, s_end) or _RELATIVE.search(text, s_start, s_end):
                add(mention.key, "compares_with", mention.start, mention.end, "base-model-reference", 0.6)

    # "raises the base model's pass rate", "compared with 35 ms for the unmodified model":
    # the one model the work changes is the reference of that sentence's numbers.
    # "distilling Wan2.1-T2V-14B into a student ... a 183x speedup over the teacher": of several models
    # built on, the teacher is the one distilled.
    teachers = {
        r.key for r in out
        if r.key in base_models
        and "distil" in text[max(sentence_of(sentences, r.start)[0], r.start - _CUE_WINDOW) : r.start].lower()
    }
    # "Distilling Whisper into ..." and "distillation from Whisper large-v3": one teacher, named more exactly.
    teachers -= {
        key for key in teachers for other in teachers
        if other != key and _SEPARATOR.sub(" ", entities[other].name.casefold()).startswith(
            _SEPARATOR.sub(" ", entities[key].name.casefold()) + " "
        )
    }
    for match in _BASE_MODEL_ANAPHORA.finditer(text, title_end) if base_models else ():
        if text.endswith("as ", 0, match.start()):
            continue  # "takes GPT-4 as the teacher": the model named so, not a reference of a number
        reference = base_models if len(base_models) == 1 else teachers if "teacher" in match.group() else set()
        s_start, s_end = sentence_of(sentences, match.start())
        # "using the teacher's pseudo-labels on 10k hours": what the teacher gives, no reference of a number
        # (unlike "raises the base model's pass rate from 40.1% to 55.0%").
        possessive = text.startswith("'s", match.end())
        numbers = _FROM_TO.search(text, s_start, s_end) or _RELATIVE.search(text, s_start, s_end) if possessive else (
            _NUMBER.search(text, s_start, s_end)
        )
        if len(reference) == 1 and numbers:
            add(next(iter(reference)), "compares_with", match.start(), match.end(), "base-model-anaphora", 0.6)
            break

    # Data the work trains on and then also measures on ("Training uses the MeViS training split ... a new
    # state of the art on the MeViS validation set with J&F of 58.9"): evaluated on too.
    trained_data = {r.key for r in out if r.rule in ("cue:training-data", "cue:data-source", "cue:fine-tuning-data")}
    for mention in mentions:
        if mention.key in trained_data and "evaluated_on" not in roles[mention.key]:
            s_start, s_end = sentence_of(sentences, mention.start)
            before = text[s_start : mention.start]
            if (
                _NUMBER.search(text, s_start, s_end)
                and _ON_DATASET_BEFORE.search(before)
                and not _TRAINED_KEY.search(before.lower())
                and not _FINE_TUNED_ON.search(before)
            ):
                add(mention.key, "evaluated_on", mention.start, mention.end, "cue:measured-on", 0.6)

    title_rest = text[prefix_rest or 0 : title_end]
    settled = {key for key, held in roles.items() if held & {"builds_on", "compares_with"}}
    for found in _kinds_of_the_work(title_rest, entities, proposed, first_mention, settled):
        # A title's own reading of a name stands ("Structured Pruning and Distillation for ...": uses), and so
        # does a background example ("Step-distillation methods, e.g., LCM and adversarial diffusion distillation").
        start = found[2]
        if not (start < title_end and roles.get(found[0])) and not _EXAMPLE_NEAR.search(
            text, sentence_of(sentences, start)[0], start
        ):
            add(*found)
    released = [
        m
        for m in mentions
        if m.key in proposed and m.key in entities and m.start >= title_end and entities[m.key].type == "Dataset"
    ]
    for found in _released_dataset_roles(text, sentences, released, proposed):
        add(*found)
    for m in mentions:
        # "we call this measure paired accuracy. The best model reaches 58.3% paired accuracy": a measure
        # the paper introduces and then reports a value of.
        if (
            m.key in proposed and m.key in entities and entities[m.key].type == "Metric"
            and m.start >= title_end and m.start != proposed[m.key][0]
            and _NUMBER.search(text, *sentence_of(sentences, m.start))
        ):
            add(m.key, "reports", m.start, m.end, "proposed-metric:results", 0.6)
    for found in _general_techniques([r.key for r in out if r.role == "builds_on"], entities, first_mention):
        add(*found)
    for found in _operated_structures([r.key for r in out if r.role in ("builds_on", "proposes")], entities, first_mention):
        add(*found)
    own_work_from = own_work_start(text, sentences, title_end, proposed_spans)
    # Most texts say nothing is "complementary to" or "compatible with" anything: no sentence needs a look.
    may_be_compatible = lowered_text is None or any(map(lowered_text.__contains__, _COMPATIBLE_WORDS))
    unrealised_at: dict[int, bool] = {}

    def unrealised(s_start: int, sentence: str) -> bool:  # once per sentence, its words tested first
        if s_start not in unrealised_at:
            lowered = sentence.lower()
            unrealised_at[s_start] = any(map(lowered.__contains__, _UNREALISED_WORDS)) and bool(
                _UNREALISED.search(sentence, lowered=lowered)
            )
        return unrealised_at[s_start]

    # Where a memory is named (pg:memory): a processor just before it says whose memory it is ("CPU DRAM").
    memory_starts = {m.start for m in mentions if (e := entities.get(m.key)) is not None and e.memory}

    def memory_after(end: int) -> bool:
        gap = _SPACES.match(text, end)
        return gap is not None and gap.end() in memory_starts

    for mention in mentions:
        key = mention.key
        entity = entities.get(key)
        if entity is None or roles[key]:
            continue
        s_start, s_end = sentence_of(sentences, mention.start)
        sentence = text[s_start:s_end]
        names_proposed = _starts_within(proposed_spans, s_start, s_end)
        if mention.start < title_end:
            # A title names what the work runs on, is evaluated on or improves.
            if entity.type in ("Hardware", "Dataset", "Metric"):
                add(key, _DEFAULT_ROLE[entity.type], mention.start, mention.end, "default:title", 0.6)
            continue
        if others.said(mention, s_start, s_end):
            continue
        if unrealised(s_start, sentence) or (
            entity.type in ("Dataset", "Hardware") and s_start < own_work_from and _OTHERS_DID.search(sentence)
        ):
            # "We plan to evaluate X on SWE-bench", "does not yet run on TPU v4"; "Earlier studies evaluated
            # CLIP on ImageNet": what the work has not done, or what others did.
            continue
        if entity.type == "Hardware" and _REPORTED_CLAUSE.search(text, s_start, mention.start):
            continue
        if entity.type in ("Method", "Model"):
            lowered_sentence = sentence.lower() if may_be_compatible else ""
            if (
                may_be_compatible
                and any(map(lowered_sentence.__contains__, _COMPATIBLE_WORDS))
                # not "...; combining the two gives a further 4% gain": a combination measured is used
                and not ("combin" in lowered_sentence and _COMBINATION_MEASURED.search(lowered_sentence))
                and _COMPATIBLE.search(text[max(s_start, mention.start - _CUE_WINDOW) : mention.start])
            ):
                continue  # "complementary to dynamic sampling and the clip-higher trick": compatible, not used
            if _REPLACED_BEFORE.search(text, max(s_start, mention.start - 40), mention.start) or _REPLACED_AFTER.match(
                text, mention.end, s_end
            ):
                continue  # "replaces multi-head self-attention with ...": what the work does without
            if speaks_of_own_work(sentence, names_proposed) or (
                s_start > own_work_from and not _BACKGROUND.search(sentence)
            ):
                add(key, "uses", mention.start, mention.end, "default:own-work", 0.5)
        elif (
            entity.type == "Hardware"
            and _EXAMPLE_BEFORE.search(text, max(s_start, mention.start - 40), mention.start)
            and not _RUN_WORDS.search(text, s_start, mention.start)
        ):
            continue  # "accelerators such as GPUs and TPUs", "(e.g. GPU on-chip SRAM)": examples, not run on
        elif (
            entity.type == "Dataset"
            and s_start < own_work_from
            and _EXAMPLE_BEFORE.search(text, max(s_start, mention.start - 40), mention.start)
        ):
            continue  # "policies pretrained on corpora such as Open X-Embodiment ...": the background's example
        elif entity.type == "Hardware" and _RUN_BEFORE.search(text, max(s_start, mention.start - 40), mention.start):
            add(key, "runs_on", mention.start, mention.end, "cue:runs_on", 0.6)  # "tensor cores on modern GPUs"
        elif entity.type == "Hardware" and memory_after(mention.end):
            continue  # "spills cold blocks to CPU DRAM": whose memory it is; the memory is what the work uses
        elif (
            entity.type == "Hardware"
            and (s_start >= own_work_from or names_proposed)
            and _KEPT_IN.search(text, max(s_start, mention.start - 80), mention.start)
        ):
            add(key, "runs_on", mention.start, mention.end, "cue:kept-in", 0.6)  # "keeps the working set in HBM"
        elif states_results(sentence, names_proposed) or (s_start >= own_work_from and (
            _NUMBER.search(sentence) or entity.type == "Metric" and _CHANGE_IN_WORDS.search(sentence)
        )):
            add(key, _DEFAULT_ROLE[entity.type], mention.start, mention.end, "default:type", 0.6)

    # "Pipeline parallelism partitions ..., but its bubbles grow ...": the technique an abstract opens on,
    # as the subject of the limit it states, is what the work sets out to improve.
    if own_work_from < len(text):
        for found in _opening_problem(text, sentences, title_end, own_work_from, mentions, entities, roles):
            add(*found)

    # Building on something includes depending on it: "uses" adds nothing then.
    out = [r for r in out if not (r.role == "uses" and "builds_on" in roles[r.key])]
    for key in entities:
        if not roles[key] and key in first_mention:
            m = first_mention[key]
            out.append(RoleAssertion(key, "mentions", m.start, m.end, "default:background", 0.5))
    return out


# The subject's verb after a name that opens a sentence, past an acronym in brackets: "Self-attention is",
# "Retrieval-augmented generation (RAG) has become", "DETR reformulates" (not "Latent diffusion models produce"),
# past what the name is of or for: "Post-training quantization of weights and activations is".
_OPENS_AS_SUBJECT = re.compile(
    # (A plural noun is no verb: "Flow-matching policies such as pi0 generate ...".)
    r"(?:\s+\([^()]{1,20}\))?(?:\s+(?:[a-z]+ly\s+)?(?:is|has|remains|[a-z]{2,}[^s\W]s)\b"
    r"(?!\s+(?:such as|like|including|are|were|have|do|can|could|may|might|must|should|will|would)\b)"
    r"|\s+(?:of|for)\s+(?:[\w-]+\s+){1,6}?(?:is|has|remains)\b)"
)
_COST_OF_BEFORE = re.compile(
    r"\b(?:complexity|cost|costs|memory|runtime|latency|overhead|footprint)\s+of\s+(?:the\s+|a\s+)?(?:[\w-]+\s+)?$"
)
_COST_VERB = re.compile(r"\s+(?:is|are|grows?|scales?|remains?)\b")
# What an opening sentence says is wrong with its subject.
_LIMITATION = AnyCase(
    r"\b(?:but|yet|however|suffer\w*|bottlenecks?|struggl\w*|slow|costly|expensive|quadratic|inefficien\w*|"
    r"prohibitive\w*|unstable|wast\w*|idle|memory-hungry)\b"
)


def _opening_problem(
    text: str,
    sentences: list[tuple[int, int]],
    title_end: int,
    own_work_from: int,
    mentions: list[Found],
    entities: dict[str, Known],
    roles: dict[str, set[str]],
) -> list[tuple[str, str, int, int, str, float]]:
    """Builds_on for the method or model that opens a sentence of the abstract's problem statement as the
    subject of a limit the sentence goes on to state ("Self-attention is at the heart of the Transformer,
    yet suffers from quadratic time"): a paper that then proposes work sets out to mend that limit.

    >>> t = "T\\n\\nSelf-attention is central, yet suffers from quadratic cost. We propose X."
    >>> ms = [Found(3, 17, "sa", "v", 1.0)]
    >>> _opening_problem(t, [(3, 60), (61, 76)], 1, 61, ms, {"sa": Known("sa", "self-attention", "Method")}, {})
    [('sa', 'builds_on', 3, 17, 'opening-problem', 0.55)]
    """
    out = []
    for mention in mentions:
        entity = entities.get(mention.key)
        # (Used later too, it is still what the work improves: "Federated learning (FL) lets ..., but ...".)
        if entity is None or entity.type not in ("Method", "Model") or roles.get(mention.key, _NO_ROLES) - {"uses"} or entity.generic_class:
            continue
        if mention.start < title_end or mention.start >= own_work_from:
            continue
        s_start, s_end = sentence_of(sentences, mention.start)
        if not text[s_start : mention.start].strip() or text[s_start : mention.start] in ("The ", "the "):
            verb = _OPENS_AS_SUBJECT.match(text, mention.end, s_end)  # "The attention layer is the main bottleneck"
        elif _COST_OF_BEFORE.search(text, s_start, mention.start):
            # "since the time and memory complexity of self-attention are quadratic": what a cost is of.
            verb = _COST_VERB.match(text, mention.end, s_end)
        else:
            continue
        if verb is not None and _LIMITATION.search(text, verb.end(), s_end):
            out.append((mention.key, "builds_on", mention.start, mention.end, "opening-problem", 0.55))
    return out


# Where a clause speaks of other work: "Unlike ControlNet, which duplicates the encoder of SD, ...",
# "Prior work extends LoRA to ...", "Mamba builds on S4 ...".
# (Each pattern is searched only where one of its words is: tests/test_extract_fast_paths.py checks the words.)
_CONTRAST_WHICH = AnyCase(r"\b(?:unlike|in contrast to|contrary to|whereas)\b[^;]*?,\s*(?:which|who)\b")
_CONTRAST_WORDS = ("unlike", "contrast", "contrary", "whereas")
_OTHERS_WORDS = ("prior", "previous", "existing", "earlier", "recent", "many", "most", "several", "other")
_OTHERS_SUBJECT = AnyCase(
    # (Not "It surpasses prior methods, including X": the work's comparison with them.)
    r"(?:(?!outperform|surpass|beat|exceed|improv|compar|match|rival)[\w-]+\s+){0,2}?"
    r"(?:" + "|".join(_OTHERS_WORDS) + r")\s+(?:[\w-]+\s+)?"
    r"(?:work|works|methods?|approaches|studies|systems|models|papers|techniques)\b"
)
_FOUND_START = attrgetter("start")
_NO_ROLES: frozenset[str] = frozenset()
_OWN_AGAIN = AnyCase(r",\s+(?:we|our|this)\b|;")
_SUBJECT_VERB = AnyCase(
    r"\)?\s+(?:\w+ly\s+)?(?:builds? (?:up)?on|extends?|adapts?|fine-tunes?|distills?|uses?|relies on|employs?|"
    r"combines?|is built on|is based on|"
    # "Sentence-BERT (SBERT) addressed this by fine-tuning BERT": what other work did.
    r"(?:addressed|tackled|solved|mitigated|improved) (?:this|it|that)(?: \w+)? by "
    r"(?:building (?:up)?on|extending|adapting|fine-tuning|distilling|using|employing|combining))"
    r"\s+(?:the\s+|a\s+|an\s+)?"
)


class _OthersClauses:
    """Where the sentences of one paper speak of other work, found once per sentence.

    >>> t = "Unlike ControlNet, which builds on Stable Diffusion, we train from scratch."
    >>> ms = [Found(7, 17, "cn", "v", 1.0), Found(35, 51, "sd", "v", 1.0)]
    >>> others = _OthersClauses(t, t.lower(), ms, {})
    >>> others.said(ms[1], 0, len(t)), others.said(ms[0], 0, len(t))
    (True, False)
    """

    def __init__(self, text: str, lowered: str | None, mentions: list[Found], proposed: dict[str, tuple[int, int, str]]):
        self.text, self.lowered, self.mentions, self.proposed = text, lowered, mentions, proposed
        self._spans: dict[int, list[tuple[int, int]]] = {}

    def said(self, mention: Found, s_start: int, s_end: int) -> bool:
        """Whether ``mention`` sits in a clause about other work: "Unlike X, which builds on Y, ...",
        "Prior work extends LoRA to ...", "Mamba builds on S4 ..."."""
        spans = self._spans.get(s_start)
        if spans is None:
            spans = self._spans[s_start] = self._other_spans(s_start, s_end)
        if any(start <= mention.start < end for start, end in spans):
            return True
        text, lowered, mentions = self.text, self.lowered, self.mentions
        at = bisect.bisect_left(mentions, mention.start, key=_FOUND_START) - 1
        if at < 0:
            return False
        previous = mentions[at]
        return (
            s_start <= previous.start
            and previous.end <= mention.start < previous.end + 40
            and previous.key not in self.proposed
            and _SUBJECT_VERB.fullmatch(text, previous.end, mention.start, lowered=lowered) is not None
            and not _FIRST_PERSON.search(text, s_start, previous.start, lowered=lowered)
        )

    def _other_spans(self, s_start: int, s_end: int) -> list[tuple[int, int]]:
        """The stretches of a sentence that speak of other work, up to where it turns to the paper's own."""
        text, lowered = self.text, self.lowered
        sentence = (lowered or text.lower())[s_start:s_end] if lowered is not None or text.isascii() else None
        spans = []
        if sentence is None or any(map(sentence.__contains__, _CONTRAST_WORDS)):
            for contrast in _CONTRAST_WHICH.finditer(text, s_start, s_end, lowered=lowered):
                spans.append((contrast.end(), self._own_again(contrast.end(), s_end)))
        if (sentence is None or any(map(sentence.__contains__, _OTHERS_WORDS))) and _OTHERS_SUBJECT.match(
            text, s_start, s_end, lowered=lowered
        ):
            first_person = _FIRST_PERSON.search(text, s_start, s_end, lowered=lowered)
            spans.append((s_start, min(self._own_again(s_start, s_end), first_person.start() if first_person else s_end)))
        return spans

    def _own_again(self, start: int, s_end: int) -> int:
        """Where a clause about other work gives way to the paper's own (", we ...", "; ", its own name)."""
        own = _OWN_AGAIN.search(self.text, start, s_end, lowered=self.lowered)
        end = own.start() if own else s_end
        named = [m.start for m in self.mentions if m.key in self.proposed and start <= m.start < end]
        return min(named) if named else end


# A sentence about what the work has not done: future work, limitations, plans.
_UNREALISED = AnyCase(
    r"\b(?:future work|we plan to|plans? to|leave (?:\w+ )?(?:to|for) future|remains? (?:as )?future|not yet|"
    r"have not been|has not been|have not|could be extended|is left|are left)\b"
)
_UNREALISED_WORDS = ("future", "plan", "leave", "remain", "not", "could be", " left")
# A sentence about others' experiments: "Earlier studies evaluated CLIP on ImageNet", "SchNet was trained on
# QM9 by its authors", "Frontier models like GPT-4 are trained on clusters of H100 GPUs".
_OTHERS_DID = AnyCase(
    r"\b(?:earlier|prior|previous|previously|originally|by (?:its|their) authors|et al\.?|"
    r"(?:was|were|are|is|has been|have been|had been)(?: \w+)? (?:trained|evaluated|benchmarked|measured|tested|tuned)|"
    r"frontier|largely been)\b"
)
# Where a hardware name is where others' figures were measured: "the 45% reported for Megatron-LM on H100
# clusters", "the throughput previously reported for vLLM on an A100", "a task that took earlier pipelines 10
# minutes on an RTX 3090". (Not "2x faster than X on an A100": that is where both run.)
_REPORTED_CLAUSE = AnyCase(r"\b(?:reported|previously|took)\b[^;]*$")


# Hardware named as an example of something: "such as GPUs", "(e.g. GPU on-chip SRAM".
_EXAMPLE_LEAD = r"(?:\be\.g\.,?|\bsuch as|\bfor (?:example|instance),?|\bincluding)"
_EXAMPLE_BEFORE = re.compile(_EXAMPLE_LEAD + r"\s+(?:[\w-]+\s+(?:and\s+|or\s+)?){0,5}$")
# The same lead anywhere in the clause before a name: "e.g., Latent Consistency Models (LCM) and ...".
_EXAMPLE_NEAR = re.compile(_EXAMPLE_LEAD + r"[^;:.]{0,60}$")
_RUN_WORDS = re.compile(r"\b(?:on|deploy\w*|run\w*|measur\w*|execut\w*|benchmark\w*)\s")
_RUN_BEFORE = re.compile(r"\b(?:[Oo]n|[Oo]nto|[Uu]sing|[Aa]cross|[Pp]er)\s+(?:(?:a|an|the|one|two|four|eight|single|multiple|\d+|[a-z]+)\s+){0,2}$")

# "keeps a working set of KV blocks in HBM, stages the remainder in CPU DRAM", "tiles held in SRAM": the
# memory the work keeps its data in is hardware it runs on.
_KEPT_IN = AnyCase(
    r"\b(?:keep|store|stage|cach|hold|held|place|offload|spill|demot|promot|resid|buffer|pin|fetch)\w*\s+"
    r"(?:[\w-]+\s+){0,8}?(?:in|into|to|from|within)\s+(?:(?:the|a|an|fast|slow|on-chip|off-chip|local)\s+)?"
    r"(?:cpu\s+|gpu\s+|host\s+)?$"
)
# Spaces within a line: "CPU DRAM", a processor and the memory named right after it.
_SPACES = re.compile(r"[ \t]+")
# A cluster a model is trained on: "on 256 H100 GPUs", "on 64 H100s", "across 2,048 accelerators".
_ON_CLUSTER = AnyCase(
    r"\b(?:on|across|using)\s+(?:up to\s+)?\d[\d,]*\s+(?:[\w-]+\s+)?(?:gpus|tpus|npus|accelerators|chips|nodes|[a-z]+\d+[a-z]*s)\b"
)
# "Training X", "we train X", "fine-tuning X" (not "we extend X to 1M tokens": a change to X).
_TRAINS_JUST_BEFORE = AnyCase(r"\b(?:(?:pre-?)?train(?:s|ing)?|fine-?tun(?:e|es|ing))\s+" + _DETS + r"$")
# The measures of a training system: "model FLOPs utilization", "408 TFLOPs/s per GPU", "tokens per second".
_SYSTEMS_MEASURE = AnyCase(
    r"\b(?:mfu|flops utili[sz]ation|[tp]flops/s|throughput|tokens/s|tokens per second|step time|wall-clock|iteration time)\b"
)

_FIRST_PERSON = AnyCase(r"\b(?:we|our|us|this (?:paper|work|study)|the proposed)\b")
_RESULT_WORDS = AnyCase(
    r"\b(?:achiev\w*|yield\w*|reach\w*|outperform\w*|improv\w*|reduc\w*|accelerat\w*|speeds? up|"
    r"results?|experiments?|evaluat\w*|demonstrat\w*|show\w*|measur\w*|benchmark\w*|"
    # "It also generalizes to RxR-CE", "retains its gains on X" (not "transfers", a systems word: data moved)
    r"generali[sz](?:es|ed|ing|ation) to|retain(?:s|ed|ing)?)\b"
)
_NUMBER = re.compile(r"\d")
_FROM_TO = re.compile(r"\bfrom\s+[\d.]+\S*\s+(?:\w+\s+)?to\s+[\d.]+")
# "pre-trained on 300B tokens of the Pile", "calibrated on 128 samples from C4": the
# verb, a few words, and the preposition (not "training ... performance on X").
# (Not across an evaluation: "trained on OpenWebMath and evaluated on GSM8K".)
# ("training GPT-2 on OpenWebText" is not read as training data: the corpora say an optimizer or a
# training system is evaluated on that corpus.)
_TRAINING_OBJECT = (
    # (not past a score's verb: "policies trained with X rewards achieve higher win rates on Arena-Hard")
    # or a change it makes: "ImageNet-21K pretraining improves accuracy on ImageNet-R", "requires no training and
    # accelerates code completion on RepoBench", "training on our data does not reduce performance on MMLU")
    r"(?:\s+(?!evaluat|test|benchmark|assess|validat|achiev|attain|outperform|surpass|exceed|improv|rais|increas|boost|"
    r"lift|reduc|lower|accelerat|speed|gain|deliver|yield|match|does\b|do\b|did\b|not\b|takes\b|fits\b)[\w.,-]+){0,8}?"
    r"\s+(?:on|from|of|using|with)\s+(?:the\s+)?"
    # the later names of a list ("trained on a mixture of DocVQA, ChartQA and ..."); a part of the data
    # ("on 2T tokens of FineWeb-Edu", "on the training split of MATH")
    r"(?:[\w-]+\s+){0,2}(?:of\s+(?:the\s+)?)?(?:[\w.+-]+(?:,\s+|,?\s+and\s+))*$"
)
_TRAINING_PART_OF = re.compile(r"\btraining\s+(?:split|set|data|portion|subset|problems)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_TRAINED_ON = re.compile(
    # "and training only on DAPO-Math-17k": the gerund inside a sentence; not one that opens it ("Training on
    # ogbn-products takes 41 minutes": a run measured), nor a training run's measures ("training time for ... on X").
    r"\b(?:(?:pre-?)?train(?:s|ed)?|(?-i:(?:pre-?)?training)(?!\s+(?:time|speed|throughput|costs?|loss|steps|efficiency)\b)|"
    r"instruction[ -]tun(?:e|es|ed|ing)|calibrat(?:e|es|ed))" + _TRAINING_OBJECT,
    re.IGNORECASE,
)
# "fine-tuning RoBERTa-large on GLUE": a benchmark may be fine-tuned on to be evaluated on; only a
# dataset the paper releases is then taken for training data.
_FINE_TUNED_ON = re.compile(r"\bfine-?tun(?:e|es|ed|ing)" + _TRAINING_OBJECT, re.IGNORECASE)
# Where data comes from: "collected from X", "retargets clips from the X dataset" (not "batches drawn from
# the ShareGPT length distribution", "traces derived from ShareGPT": a workload measured on).
_SOURCED_FROM = AnyCase(
    r"\b(?:(?:collected|sourced|curated|gathered|mined|crawled|scraped|retargeted|clips|objects|images|videos|documents|"
    r"trajectories|demonstrations|episodes|conversations|problems|questions|prompts|pairs|samples|examples)"
    r"\s+from|collected\s+in"
    # "we collect 14k reproducible issues from SWE-Gym", "E5 retrieving from a 2018 Wikipedia dump"
    r"|\b(?:collect|gather|mine|curate|harvest|extract|retriev)\w*\s+(?:[\w.,-]+\s+){0,4}?from(?:\s+an?)?(?:\s+\d{4})?"
    # "on 20K hours of LibriSpeech, GigaSpeech and ...", "128 calibration sequences of WikiText-2": an amount of data.
    r"|(?<![\w.])[\d.,]+\s*[kmb]?\s+(?:hours|tokens|samples|examples|trajectories|demonstrations|episodes|sequences|"
    r"conversations|pairs)\s+(?:of|from)"
    r"|calibration\s+(?:sequences|samples|data|set|examples)\s+(?:(?:drawn|taken|sampled)\s+)?(?:of|from)"
    # "a ColBERTv2 index over Wikipedia": the corpus a retriever searches
    r"|\bindex\s+(?:over|of|built\s+(?:on|from))(?:\s+an?)?)"
    r"\s+(?:the\s+)?(?:[\w.+-]+(?:,\s+|,?\s+and\s+))*$"
)
_SOURCED_WORDS = ("from", "collected", "of", "index")  # every _SOURCED_FROM match holds one
# A dataset named as what a model is pre-trained on or a retriever searches: "Objects365 pre-training", "a
# Wikipedia index" (not "COCO fine-tuning", which a benchmark's protocol may be).
_DATA_USE_AFTER = re.compile(r"\s+(?:pre-?training|index|dump)\b", re.IGNORECASE)


def _data_source(text: str, before: str, lower: str, s_start: int, start: int) -> bool:
    """Whether a dataset at ``start`` is where the work's data comes from ("Problems are collected from TACO",
    "70K trajectories from the DROID dataset"), not what it evaluates on (``before``: the text before it in
    its sentence's cue window, ``lower`` the same lower-cased)."""
    return (
        any(map(lower.__contains__, _SOURCED_WORDS))
        and _SOURCED_FROM.search(before, lowered=lower) is not None
        and not _EVALUATION_WORD.search(text, s_start, start)
    )
_EVALUATION_WORD = AnyCase(r"\b(?:evaluat|test|assess|validat|held[- ]out)")
# "we fine-tune on the LIBERO suites", "fine-tuned for 30K steps on a mixture of LIBERO demonstrations": data
# right after its "on" (not "Fine-tuning X with Y improves accuracy on AIME", "matches full fine-tuning on GLUE").
_FINE_TUNES_ON = AnyCase(
    r"(?<!full )\bfine-?tun(?:e|es|ed|ing)"
    r"(?:\s+(?!on\b|with\b|improv|increas|reduc|rais|boost|achiev|reach|match|outperform|yield|giv)[\w.-]+){0,5}?"
    r"\s+on\s+(?:the\s+|a\s+mixture\s+of\s+)?(?:[\w-]+\s+){0,2}?(?:[\w.+-]+(?:,\s+|,?\s+and\s+))*$"
)
_TUNES_WORD = "tun"  # every _FINE_TUNES_ON match holds it
_SCORE_NUMBER = re.compile(r"\d(?:\.\d+)?\s?(?:%|x\b|×|points?\b)|\d\.\d")  # "92%", "2.5 points", "88.4"
_SCORED_AFTER = AnyCase(r"\s+(?:gives|yields|reaches|achieves|attains|scores)\b[^.;]{0,40}?\d")
# "on held-out ATLAS proteins", "on the Ref-YouTube-VOS and MeViS validation sets": a dataset measured on.
_ON_DATASET_BEFORE = AnyCase(
    # "On the four LIBERO suites": past a count.
    r"\b(?:on|across)\s+(?:the\s+)?(?:(?:two|three|four|five|six|seven|eight|nine|ten|all|\d+)\s+)?"
    r"(?:held-out\s+|test\s+|validation\s+)?"
    r"(?:[\w.+-]+(?:\s+[\w.+-]+)?(?:,\s+|,?\s+and\s+))*$"
    # "On a held-out set of 60 antigens from SAbDab", "on a test split of 1,200 AMASS clips"
    r"|\b(?:on|across)\s+(?:the\s+|a\s+)?(?:held-out|test|validation|evaluation)\s+(?:set|split|subset)\s+of\s+"
    r"(?:[\d,]+\s+)?(?:[\w-]+\s+){0,2}?(?:from\s+(?:the\s+)?)?$"
)
# Words of a sentence about other work, even after the paper's own has begun.
_BACKGROUND = AnyCase(
    r"\b(?:prior|previous|existing|traditional|conventional|typical(?:ly)?|most|many|recent|often|usually|"
    r"commonly|popular|however|but|limited|suffer\w*|fail\w*)\b"
)
# What the work takes out or does without: "replaces multi-head self-attention with ...", "swap the Swin-T backbone
# for", "removing the BERT branch", "instead of a sharded CPU parameter server", "a drop-in replacement for
# Whisper's encoder self-attention"; "the flow matching action expert is replaced by ...".
_REPLACED_BEFORE = AnyCase(
    r"\b(?:replac(?:e|es|ed|ing)|swap(?:s|ped|ping)?|remov(?:e|es|ed|ing)|instead of|rather than|replacement for)"
    r"\s+(?:only\s+)?" + _DETS + r"(?:[\w.+-]+'s\s+)?(?:[\w-]+\s+){0,2}$"
)
_REPLACED_AFTER = AnyCase(r"(?:\s+[\w-]+){0,3}\s+(?:is|are|was|were)\s+(?:then\s+)?replaced\b")
# The linking words of a title; the last before a name says how the work relates to it.
_TITLE_LINK = AnyCase(r"\b(?:for|of|in|to|with|via|on|from|and|under|using|across|beyond|without)\b")
_TITLE_SETTING_LINKS = frozenset(("and", "to", "in", "with"))


def _title_setting(text: str, position: int) -> bool:
    """Whether a title names what is at ``position`` as the setting or target of the work, not as what it
    extends: after "and" ("Quantization of Weights, Activations and KV Cache"), "to" ("Compiling ... to
    Triton Kernels"), "in" ("Benign Overfitting in Two-Layer ReLU Networks") or "with".

    An "and" counts right before the name, or in a list another of these links began ("with Randomized
    Rotations and Kurtosis-Guided Mixed Precision"): in "Fast and Memory-Efficient Exact Attention" it
    joins two qualities of the name. Links before the title's colon belong to its lead ("Rounding with
    Foresight: ...").

    >>> t = "Rotate, Then Round: 4-bit Quantization of LLM Weights and KV Cache"
    >>> _title_setting(t, t.index("KV")), _title_setting(t, t.index("LLM"))
    (True, False)
    >>> t = "FlashAttention: Fast and Memory-Efficient Exact Attention with Tiling and Fused Softmax"
    >>> _title_setting(t, t.index("Exact")), _title_setting(t, t.index("Softmax"))
    (False, True)
    """
    lead_end = text.rfind(":", 0, position) + 1
    links = [(m.group().lower(), m.end()) for m in _TITLE_LINK.finditer(text, lead_end, position)]
    if not links or links[-1][0] not in _TITLE_SETTING_LINKS:
        return False
    if links[-1][0] != "and" or not text[links[-1][1] : position].strip():
        return True
    began = next((link for link, _ in reversed(links) if link != "and"), None)
    return began in _TITLE_SETTING_LINKS


# "for W4A8 Quantization of LLMs", "for Mixture-of-Experts Training", "FP8 Decoding Attention", "for
# Rectified-Flow Transformers" (the models the work is for, made with the technique): a name that
# qualifies the stage or setting a title's work is for is that setting, used (not "MoE Upcycling": a technique).
_SETTING_HEAD_AFTER = re.compile(
    r"\s+(?:Training|Inference|Decoding|Quantization|Quantisation|Serving|Servers?|LLMs?|Models|Transformers)\b"
)
_AND_TO_AGAIN = re.compile(r",?\s+(?:and|or)\s+(?:to|on)\s+(?:the\s+)?(?:[\w-]+\s+)?")
# Where a list goes on between two names (patterns.LIST_JOIN, to the end of the gap).
LIST_GAP = re.compile(LIST_JOIN + "$")
# A method that changes no model's weights: "training-free", "requires no retraining", "post-training quantization".
_TRAINING_FREE = AnyCase(
    r"\b(?:training-free|post-training|(?:without|w/o) (?:any )?(?:re-?)?training|(?:requires?|needs?|with) no (?:re-?)?training|"
    r"(?:without|w/o) (?:any )?fine-?tuning|plug-and-play|one-shot)\b"
)
# A change stated in words, not digits: "memory usage is also halved", "latency drops by half".
_CHANGE_IN_WORDS = AnyCase(r"\b(?:halv(?:e|es|ed|ing)|by half|in half|doubl(?:e|es|ed|ing)|twice|(?:three|four|ten)fold)\b")
_RELATIVE = re.compile(r"\d(?:\.\d+)?\s?(?:%|x\b|×|points?\b)")  # a number relative to something
_SPEEDUP = AnyCase(r"\b(?:speed-?ups?|faster|\d+(?:\.\d+)?x)\b")
# "For VAR, ...", "applied to LLaMA", "boosting OpenVLA's", "the gains carry over to the larger Qwen2.5-32B":
# the model the method is applied to.
_BASE_MODEL_BEFORE = AnyCase(
    r"(?:^|[.;]\s*)(?:for|on(?: the)?)\s+$|(?:applied|appl(?:y|ies|ying) \w+) to\s+(?:(?:the|an?)\s+)?$|\bboosting\s+$"
    r"|\b(?:carr(?:y|ies) over|transfers?|generali[sz]es?) to\s+(?:the\s+)?(?:larger\s+|smaller\s+)?$"
)
# "FLASH (...), a speculative decoding framework": what a proposal is a kind of.
# The head nouns of what a proposal is: "a speculative decoding framework", "a block-sparse attention kernel".
_KIND_HEADS = (
    r"(?:framework|method|approach|algorithm|technique|model|system|scheme|architecture|variant|extension|recipe|"
    r"kernel|optimizer|scheduler|engine|runtime|compiler|mechanism|strategy)"
)
_KIND_OF = AnyCase(
    r"(?:\s*\([^()]{1,80}\))?\s*,?\s+(?:is\s+|as\s+|functions as\s+)?(?:a|an)\s+([^,.;()]{1,80}?)" + _KIND_HEADS + r"\b"
)
_KIND_CALLED = AnyCase(r"\b(?:a|an)\s+([^,.;()]{1,80}?)\s*" + _KIND_HEADS + r"\s+(?:called|named|dubbed|termed)\s+$")
_CLAUSE_BREAK = AnyCase(r"[;:]|\b(?:while|whereas|which|but|although)\b")
_COMPARE_ANYWHERE = AnyCase(
    rf"\b(?:{_COMPARE_VERB}|in comparison (?:to|with)|relative to|versus|than|outperform\w*|"
    r"surpass\w*|beat\w*|against|baselines?)\b"
)
_LIST_LEAD = AnyCase(r"(?:\(|such as|like|including|as well as|,|\band|\bor)\s*(?:[\w.-]+\s+){0,2}$")


# A role found by a pass over the whole paper: (key, role, start, end, rule, confidence).
_PassRole = tuple[str, str, int, int, str, float]


# The head noun of a data structure: "KV cache", "prefix cache", "vector index", "page table".
_DATA_STRUCTURE = re.compile(r"\b(?:cache|index|table|buffer)$", re.IGNORECASE)


def _operated_on(entity: Known) -> bool:
    """Whether a technique is what a work runs in or operates on, never the kind of work it is: a number format
    (pg:numberFormat: "an FP4 training recipe") or a data structure ("KV Cache Eviction": tests/data/dev7, rule 2).

    >>> _operated_on(Known("kv", "KV cache", "Method")), _operated_on(Known("pc", "prefix caching", "Method"))
    (True, False)
    """
    return entity.number_format or _DATA_STRUCTURE.search(entity.name) is not None


def _kinds_of_the_work(
    title_rest: str, entities: dict[str, Known], proposed: dict, first_mention: dict[str, Found], settled: set[str]
) -> list[_PassRole]:
    """Known techniques the work is a kind of: the title's "Chunk-Aware Distillation" (or a
    proposal's name) and the abstract's "knowledge distillation". ``settled``: keys already
    built on or compared with."""
    heads = _kind_heads(title_rest, [entities[k].name for k in proposed if k in entities])
    return [
        (key, "builds_on", first_mention[key].start, first_mention[key].end, "kind-of-proposal:head", 0.6)
        for key, entity in entities.items()
        if key not in proposed
        and key not in settled
        and key in first_mention
        and entity.type == "Method"
        and entity.concept is not None
        and not _operated_on(entity)
        and any(_kind_of_head(name, heads) for name in (entity.name, *entity.aliases))
    ]


def _known_kinds_made(
    text: str, proposal_cues: tuple[int, ...], mentions: list[Found], entities: dict[str, Known], proposed: dict
) -> list[Found]:
    """The known techniques and models a proposal cue says the work is one of: the first
    mention after the cue, a lower-case known term past an indefinite article and lead
    words ("we present a radix join", "a novel knowledge distillation method")."""
    made = []
    for position in proposal_cues:
        i = bisect.bisect_left(mentions, position, key=attrgetter("start"))
        if i == len(mentions):
            continue
        mention = mentions[i]
        entity = entities.get(mention.key)
        if (
            entity is not None
            and mention.key not in proposed
            and entity.concept is not None
            and entity.type in ("Method", "Model")
            and not _operated_on(entity)
            and names_a_known_kind(text, position, mention.start, mention.end)
        ):
            made.append(mention)
    return made


def _released_dataset_roles(
    text: str, sentences: list[tuple[int, int]], released: list[Found], proposed: dict[str, tuple[int, int, str]]
) -> list[_PassRole]:
    """A dataset the paper releases (``released``: its mentions after the title) is also what it
    trains on ("fine-tune X on RepairMix") or, named again where results are or released as a
    benchmark, what it evaluates on."""
    found = []
    for mention in released:
        s_start, s_end = sentence_of(sentences, mention.start)
        window = max(s_start, mention.start - _CUE_WINDOW)
        before = text[window : mention.start]
        trained_on = _TRAINED_ON.search(text, window, mention.start) or _FINE_TUNED_ON.search(text, window, mention.start)
        if trained_on and not text.startswith("-", mention.end):  # "on PlotTruth-style charts" are not PlotTruth
            found.append((mention.key, "uses", mention.start, mention.end, "cue:training-data", 0.6))
        elif _data_source(text, before, before.lower(), s_start, mention.start):
            # "fine-tune X on 180k trajectories collected in KestrelEnv": the released data the work trains on.
            found.append((mention.key, "uses", mention.start, mention.end, "cue:data-source", 0.6))
        elif (mention.start != proposed[mention.key][0] and _NUMBER.search(text, s_start, s_end)) or (
            "benchmark" in text[s_start:s_end].lower() and _NUMBER.search(text, s_end)
        ):
            found.append((mention.key, "evaluated_on", mention.start, mention.end, "proposed-dataset:results", 0.6))
    return found


def _general_techniques(built_on: list[str], entities: dict[str, Known], first_mention: dict[str, Found]) -> list[_PassRole]:
    """Building on "personalized federated learning" is building on "federated learning"."""
    return [
        (key, "builds_on", first_mention[key].start, first_mention[key].end, "qualified-name", 0.6)
        for qualified in built_on
        for key, entity in entities.items()
        # (Not a predecessor: building on EAGLE-2 while keeping "the standard EAGLE head" uses EAGLE.)
        if key in first_mention and entity.concept is not None and qualifies_name(entities[qualified].name, entity.name)
    ]


def _operated_structures(
    worked_on: list[str], entities: dict[str, Known], first_mention: dict[str, Found]
) -> list[_PassRole]:
    """The data structure a technique the paper proposes or builds on is named after is what the work operates
    on: "KV cache eviction" uses the KV cache (tests/data/dev7/README.md, rule 2)."""
    names = [entities[key].name.casefold() for key in worked_on if key in entities]
    return [
        (key, "uses", first_mention[key].start, first_mention[key].end, "operated-structure", 0.6)
        for key, entity in entities.items()
        if key in first_mention
        and key not in worked_on
        and _DATA_STRUCTURE.search(entity.name)
        and any(name.startswith(entity.name.casefold() + " ") for name in names)
    ]


def _rival_score(before: str, lower: str, after: str, end: int, proposed_starts: set[int]) -> bool:
    """Whether a name ending at ``end`` is another method with its own score, in a clause set against
    the work's: "whereas the hashing trick loses 0.0031 AUC and TT-Rec loses 0.0012", "while SGFormer
    runs out of memory" (``lower`` is ``before`` lower-cased; no proposal between name and verb).

    >>> _rival_score("It reaches 68.1%, while ", "it reaches 68.1%, while ", " runs out of memory.", 30, set())
    True
    >>> _rival_score("It reaches 68.1% and ", "it reaches 68.1% and ", " reaches 60%.", 30, set())
    False
    """
    if not _CONTRAST_BEFORE.search(before, lowered=lower):
        return False
    scored = _SCORES_AFTER.match(after)
    if scored is None or not (_FIGURE.search(after, scored.end()) or scored.group(1).startswith("runs")):
        return False
    return not any(end <= start < end + scored.end() for start in proposed_starts)


# A clause's subject: at the sentence's start, or after a clause break, ", and" or a contrast, past at most three words
# that are no preposition ("Uniform 2-bit KIVI", "a uniform length penalty"; not "With Llama-3.2-1B").
_SUBJECT_LEAD = re.compile(
    r"(?:^|[;:]\s+|,\s+and\s+|\b(?:while|whereas|but)\s+)"
    r"(?:(?!(?:with|on|in|for|from|against|over|than|to|of|by|using|via|at|as|and|or|under|across|into|after|before|"
    r"applied|starting)\b)[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
_CLAUSE_STOP = re.compile(r";|\.(?!\d)|,\s+(?:whereas|while|but)\b")  # not the point of "9.4"
# Its own figure: "loses 4.2 points", "reaches 20.6%", "gain less than half as much".
_OWN_FIGURE = AnyCase(
    r"\b(?:" + _SCORE_VERBS + r"|keeps?|retains?|gains?|drops?|falls?)\b[^.;]*?(?:(?<![\w.])\d|\b(?:less|more|fewer|lower|higher)\b)"
)
# The setting said to be the work's: "on the same RULER setting", "trained on similar data", "tuned to the same compression".
# (Not a parity claim of the work's own run: "ResNet-50 reaches the same top-1 accuracy as uncompressed training".)
_SAME_SETTING = AnyCase(r"\b(?:same|similar|identical|matched)\b(?!(?:\s+[\w-]+){0,3}\s+as\b)")


def _subject_lead(text: str, s_start: int, start: int) -> int | None:
    """Where the clause whose subject begins at ``start`` leads in (``_SUBJECT_LEAD``), else None.

    Read in the last words before ``start``, not the whole sentence: a sentence listing thousands of
    names is searched once per name. Cut at a space, with a mark that is neither word nor space before
    the cut, "^" stays the sentence's start.

    >>> t = "In short, A beats B; " + "x " * 400 + "while C gains"
    >>> t[_subject_lead(t, 0, t.index("C")):]
    'while C gains'
    >>> _subject_lead("Fast A beats B", 0, 5), _subject_lead("With A, B", 0, 8)
    (0, None)
    """
    cut = text.find(" ", max(s_start, start - _LEAD_WINDOW), start) if start - s_start > _LEAD_WINDOW else -1
    if cut < 0:
        lead = _SUBJECT_LEAD.search(text[s_start:start])  # (sliced: "^" is the sentence's start)
        return None if lead is None else s_start + lead.start()
    lead = _SUBJECT_LEAD.search("\0" + text[cut:start])
    return None if lead is None else cut - 1 + lead.start()


_LEAD_WINDOW = 300  # a lead word and three words before a name, with room to spare


def _same_setting_rival(text: str, s_start: int, s_end: int, start: int, end: int, proposed_starts: set[int]) -> bool:
    """Whether a name at ``start``-``end`` is the subject of a clause that gives another method its own figure
    in the work's setting: "Uniform 2-bit KIVI loses 9.4 points on the same RULER setting", "SWE-Gym-32B,
    trained on similar data, reaches 20.6%", "while behaviour cloning on the same play data reaches 49%".

    >>> t = "X keeps 97%. A uniform penalty tuned to the same compression loses 4.2 points; B reaches 20%."
    >>> _same_setting_rival(t, 13, len(t), 23, 30, set()), _same_setting_rival(t, 13, len(t), 80, 81, set())
    (True, False)
    >>> t = "With Llama-3.2-1B, X retains 96% at the same privacy level."
    >>> _same_setting_rival(t, 0, len(t), 5, 17, {19})
    False
    """
    lead = _subject_lead(text, s_start, start)
    if lead is None:
        return False
    stop = _CLAUSE_STOP.search(text, end, s_end)
    clause_end = stop.start() if stop else s_end
    figure = _OWN_FIGURE.search(text, end, clause_end)
    if figure is None or any(end <= at < figure.start() for at in proposed_starts):
        return False
    return _SAME_SETTING.search(text, lead, clause_end) is not None


def _is_training_free(
    text: str, sentences: list[tuple[int, int]], title_end: int, rival_ends: frozenset[int] | set[int] = frozenset()
) -> bool:
    """Whether the work changes no model's weights: a training-free cue that is not the
    description of a baseline ("compared with 0.071 for post-training quantization with X").
    ``rival_ends``: where the names of other methods end ("SpinQuant learns its rotations": not the work's training).

    >>> t = "T\\n\\nQuaRot rotates. SpinQuant learns rotations. We revisit SpinQuant's rotation learning."
    >>> _is_training_free(t, [(0, 1), (3, 18), (19, 46), (47, 88)], 1, {9, 28, 67})
    True
    >>> _is_training_free(t, [(0, 1), (3, 18), (19, 46), (47, 88)], 1)
    False
    """
    for match in _TRAINING_FREE.finditer(text, title_end):
        s_start, _ = sentence_of(sentences, match.start())
        if not _COMPARE_ANYWHERE.search(text[s_start : match.start()]):
            return True
    # An abstract that never speaks of training anything only runs the models it names. Learning from calibration
    # data ("we learn block-diagonal rotations on 128 calibration samples") trains no model, and a rival's training
    # ("outperforms SpinQuant, whose learned rotations need end-to-end fine-tuning") is not the work's.
    for match in _TRAINS_ANYTHING.finditer(text):
        s_start, s_end = sentence_of(sentences, match.start())
        if "calibrat" in text[s_start:s_end].lower() or _COMPARE_ANYWHERE.search(text[s_start : match.start()]):
            continue
        owner = _OWNER_BEFORE.search(text, max(s_start, match.start() - 30), match.start())
        if owner is not None and owner.start() in rival_ends and (owner.group(1) or _VERB_S.match(text, match.start())):
            # "SpinQuant learns the rotations", "SpinQuant's rotation learning": another method's training
            # (not "GRPO training of Qwen2.5-7B": the work trains, with GRPO).
            continue
        return False
    return True


# What stands between a name and its training word: "SpinQuant learns", "SpinQuant's rotation learning".
_OWNER_BEFORE = re.compile(r"(['’]s)?\s+(?:[a-z][\w-]*\s+)?$")
_VERB_S = re.compile(r"[\w-]*[^s\W]s\b")  # "learns", "trains", "fine-tunes" (not "loss")
# ("learning" and "learns" count, "learned rotations" does not: a learned part of a method that trains no model.)
_TRAINS_ANYTHING = AnyCase(r"\b(?:(?:re|pre|post-?)?train|fine-?tun|finetun|distil|tun(?:e|es|ed|ing)\b|learn(?!ed\b))")


def _in_compared_list(before: str, after: str = "") -> bool:
    """A mention in a list that a comparison introduced earlier in its sentence.

    "outperform other VLAs (pi_0 and RDT-1B) ..., as well as strong policies (Diffusion Policy and ACT)".
    Not "more than 99% of the parameters of X", "rather than on the X approximation" (no rival), nor the
    subject of the clause after the comparison ("Relative to training from scratch, upcycling saves ...").

    >>> _in_compared_list("outperform other VLAs (pi_0 and "), _in_compared_list("more than 99% of modern ")
    (True, False)
    >>> _in_compared_list("Relative to training from scratch, ", " saves 9,000 TPU-hours")
    False
    """
    cues = [
        m for m in _COMPARE_ANYWHERE.finditer(before)
        if not (_THAN_NUMBER.match(before, m.start()) or _RATHER.search(before, max(0, m.start() - 12), m.start()))
    ]
    if not cues:
        return False
    between = before[cues[-1].end() :]
    if _CLAUSE_BREAK.search(between) or len(between.split()) > 30:
        return False
    if between.rstrip().endswith(",") and _CLAUSE_VERB_AFTER.match(after):
        return False
    return len(between.split()) <= 6 or bool(_LIST_LEAD.search(between))


# "more than 99% of ...", "rather than X": a "than" that sets no rival.
_THAN_NUMBER = AnyCase(r"than\s+[\d.]")
_RATHER = AnyCase(r"\brather\s+$")


# Heads too broad to say one technique is a kind of another ("learning", "model").
_BROAD_HEADS = frozenset(
    """learning training model models network networks method methods framework approach system systems algorithm
    inference generation transformer transformers attention decoding optimization architecture policy policies
    representation representations search analysis prediction estimation modeling modelling design engine""".split()
)
_TITLE_BREAK = re.compile(r"\s+(?:for|with|via|in|of|on|under|through|using|by|to|from|without|at|as|towards?)\s+|[:?,;]")


def _kind_heads(title: str, proposal_names: list[str]) -> set[str]:
    """The head words of what the work is: its title's first phrase, and its proposals' names.

    >>> sorted(_kind_heads("Fast and Learned Rotations for Outlier-Robust Quantization", []))
    ['rotation']
    >>> sorted(_kind_heads("Two Steps Suffice: Segment Rotations of SDXL", ["Chunk-Aware Distillation"]))
    ['distillation', 'rotation', 'suffice']
    """
    phrases = [_TITLE_BREAK.split(part.strip(), maxsplit=1)[0] for part in TITLE_SEPARATOR.split(title)]
    phrases += [n for n in proposal_names if " " in n.strip()]
    words = (phrase.casefold().replace("-", " ").split() for phrase in phrases)
    return {singular(w[-1]) for w in words if w}


def _kind_of_head(name: str, heads: set[str]) -> bool:
    """Whether a technique's name of two words or more ends in one of ``heads`` (not a broad one).

    >>> _kind_of_head("Hadamard rotations", {"rotation"}), _kind_of_head("federated learning", {"learning"})
    (True, False)
    """
    words = name.casefold().replace("-", " ").split()
    return len(words) >= 2 and words[-1] not in _BROAD_HEADS and singular(words[-1]) in heads
