"""Quantitative results: numbers with their metric, unit, dataset, hardware, baseline.

A result is a number the paper reports for its own work, in a sentence about
that work: "2.06x increase in training speed", "FID from 4.19 to 9.96",
"up-to 91.07fps on one RTX4090", "225 TFLOPs/s per A100 GPU", "reduce
perplexity (PPL) to 46–75%". Its metric, dataset, hardware and baseline are the
entity mentions of the same sentence that the phrase attaches it to; a bare
"Nx faster" is a speedup.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, replace

from .names import CHANGE_VERB, NUMBER_TIE
from .patterns import AnyCase
from .roles import (
    CONTRAST, LIST_GAP, REFERENCE_WORDS, TIMES_THAT_OF, Found, Known, own_work_start, sentence_of,
)

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_RANGE = rf"(?P<low>{_NUM})(?:\s?[–~-]\s?(?P<high>{_NUM}))?"
# Units a result is read with (a sample rate in kHz is a setting, so kHz is not one).
_UNITS = (
    r"PFLOPs/s|TFLOPs/s|GFLOPs/s|FLOPs/s|PFLOPS|TFLOPS|GFLOPS|PFLOPs|GFLOPs|TFLOPs|MFLOPs|FLOPs|fps|FPS|"
    r"tokens/s|samples/s|images/s|it/s|samples/kJ|points?|steps?|ms|GB|MB|GiB|MiB|dB|[MBK](?=\s+(?:\w+\s+)?param)|"
    r"seconds?|sec|s|minutes?|min|hours?|days?|Hz|mW|W|kJ|mJ|J|GB/s|TB/s"
)
# Units written out, as a result carries them.
_UNIT_SPELLING = {
    "seconds": "s", "second": "s", "sec": "s", "minutes": "min", "minute": "min", "hours": "h", "hour": "h", "day": "days",
    "FPS": "fps", "point": "points", "step": "steps",
}
_UNIT_NAME = re.compile(_UNITS)
# "640 GPU-hours", "3,000 H100 GPU-hours": compute, with the processor it was spent on.
_GPU_TIME = r"(?:[A-Z][A-Za-z]*\d+[A-Za-z]*\s)?GPU[- ](?:hours|days)"
_UNIT = (
    rf"(?P<unit>%|[xX](?![\w])|×|times(?=\s+(?:faster|slower|speedup|higher|lower|more|less|fewer))|"
    rf"{_GPU_TIME}(?![\w-])|(?:{_UNITS})(?![\w&]))"
)  # "64.1 J&F" is a score, not 64.1 joules
# A change of a count keeps the count's noun: "the acceptance length rises from 3.1 to 4.2 tokens" (not a
# unit of a lone number: "at 128K tokens" is a setting).
_CHANGE_UNIT = _UNIT.replace(f"(?:{_UNITS})", f"(?:{_UNITS}|tokens)")
assert _CHANGE_UNIT != _UNIT, "_UNIT no longer holds the units group _CHANGE_UNIT widens"
# Both patterns must not start inside a word or a number. They say so right
# after their first character, "from" or a digit ("(?<![\w.])" moved behind it):
# re then skips in C to where that character occurs instead of trying every place.
# "FID from 4.19 to 9.96", "from 256 steps to 1", "from 70.9% to 85.1%".
# The "from" number may be a named rival's ("from GRPO's 16.7% to 26.4%") or say whose it is ("from 38% for
# the pretrained Octo to 71%", "from 38% with vLLM's own prefix cache to 81%").
_FROM_TO = re.compile(
    rf"from(?<![\w.]from)\s+(?:[A-Z][\w.-]*['’]s\s+)?(?P<from>{_NUM})\s?(?P<from_unit>%|x|[A-Za-z/]+)?"
    rf"(?:\s+\([^()]{{1,30}}\)|\s+(?:with|for|by|using|of)\s+[\w.+'’-]+(?:\s+[\w.+'’-]+){{0,5}}?)?"
    rf"\s+to\s+{_RANGE}\s?{_CHANGE_UNIT}?(?![\w]|\.\d)"
)
# "2.06x", "33%", "225 TFLOPs/s", "0.50M trainable parameters".
_VALUE = re.compile(
    rf"(?P<low>\d(?<![\w.]\d)\d*(?:,\d{{3}})*(?:\.\d+)?)(?:%?\s?[–~-]\s?(?P<high>{_NUM}))?"  # "15%-50%"
    rf"(?P<scale>\s(?:thousand|million|billion))?(?:\s|-(?=points?\b))?{_UNIT}"  # "1.02 million GPU-hours", "5.9-point"
)
_DIGIT = re.compile(r"\d")  # every result pattern needs one
# What makes a number part of the experimental setup: the sizes of the models trained, a period.
_SETTING_BEFORE = re.compile(
    r"(?:\bmodels?\s+(?:with|of)\s+(?:[\d.,]+\s?[MBK]?\s*(?:,|and|to|or|[–-])\s*)*|\bevery\s+)$"
)
# A metric followed by a number of its own: "throughput by 26x", "throughput rises by 20%".
_OWN_NUMBER_AFTER = re.compile(rf"(?:\s+{CHANGE_VERB}\b)?" + NUMBER_TIE + r"\d")
# A number a metric is brought to, ending a phrase: "the real-time factor to 0.02 and ...",
# "a real time factor (RTF) of 0.013 on ...".
_TIED_NUMBER = re.compile(
    # "its perplexity on PG-19 improves by 0.21", "changes by less than 0.02": a verb of change may come first.
    # "the mean accepted length reaches 4.6 tokens": or a verb of reaching alone.
    r"(?:\s*\([^()]{1,20}\))?(?:(?:\s+" + CHANGE_VERB + r"\b)?" + NUMBER_TIE
    + r"|\s+(?:reach(?:es|ed)?|attain(?:s|ed)?)\s+(?:up to\s+|about\s+|only\s+|nearly\s+|over\s+)?)"
    r"(?:(?:less|more) than\s+)?"
    r"(?P<low>\d+(?:,\d{3})*(?:\.\d+)?)(?!,\d)"  # not "3" of "3,200"
    r"(?:\s(?P<unit>tokens)(?!\s+per\s+sec|/))?"  # "an acceptance length of 5.12 tokens (per step)", not a rate
    r"(?=\s*[,;)]|\.(?:\s|$)|\s+(?:on|at|with|and|in|for|while|compared|over|using|is|are|was|were|measured|"
    r"versus|vs|than|which|that|when|under|across|without|within|after|despite|per|against)\b|$)"
)
# A metric's number in brackets right after its name: "its SSIM (0.801) and LPIPS (0.236)".
# (A decimal: "FLOPs (2) parallelize ..." counts a list.)
_BRACKETED_NUMBER = re.compile(r"\s*\(\s*(?P<low>\d+\.\d+)(?=\s*\))")
# Further numbers listed after a metric's tied number: "an LPIPS of 0.163 and 0.231, respectively", "its MASE
# is 0.81 and 0.93" (a number with a unit of its own, or one a rival's name follows, is read as such).
_LISTED_AFTER = re.compile(r"(?:,\s+|,?\s+and\s+)(?P<low>\d+(?:,\d{3})*(?:\.\d+)?)(?=\s*[,;)]|\.(?:\s|$)|\s+(?:and|on|respectively)\b)")
# A number right before a metric's name: "45.3 BLEU", "2.1 FID".
_BARE_NUMBER = re.compile(r"(?<![\w.,])(?P<low>\d+(?:,\d{3})*(?:\.\d+)?)\s+$")
# One listed before such a number: "2.1 and " of "2.1 and 1.8 mAP".
_LISTED_BARE_NUMBER = re.compile(r"(?<![\w.,])(?P<low>\d+(?:\.\d+)?)(?=(?:,\s+|,?\s+and\s+|\s+or\s+)$)")
# (Not "17% faster in wall-clock time": the measure it names.)
_FASTER_AFTER = re.compile(r"\s*(?:faster|quicker|speed-?ups?)\b(?!\s+in\s)")
_MEMORY_AFTER = re.compile(r"\s+(?:(?:less|more|lower|higher|smaller|larger)\s+)?(?:(?:GPU|peak|activation|optimizer)\s+)?memory\b")
# "uses only 6 GB of GPU memory"; not "a single GPU with 24 GB of memory": what a device has, no result.
_MEMORY_OF_AFTER = re.compile(r"\s+of\s+(?:(?:GPU|peak|activation|optimizer)\s+)?memory\b")
_DEVICE_HAS_BEFORE = re.compile(r"\b(?:with|has|having|an?)\s+(?:only\s+)?$")
# "5x fewer parameters", "adding fewer than 2% parameters", "has fewer than 0.1M parameters": a parameter
# count given against another's. (A size alone, "a 7B-parameter model", "scales to 70B parameters", is none.)
_PARAMETERS_AFTER = re.compile(r"\s+(?:(fewer|more|less|additional|extra)\s+)?(?:trainable\s+|learnable\s+)?parameters\b")
# ... or said with "only" or "just": "has just 31M parameters".
_FEWER_BEFORE = re.compile(r"\b(?:(?:fewer|less|more) than\s+(?:about\s+|only\s+)?|only\s+|just\s+)$")
# "trains only 0.3% of the backbone's parameters": a share of a model's parameters.
_SHARE_OF_PARAMETERS = re.compile(
    r"\s+of\s+(?:the|its|their)\s+(?:[\w-]+(?:'s|\u2019s)\s+)?(?:trainable\s+)?parameters\b"
)
# "reduce embedding memory by 16x": the memory a change is measured in, named before its number.
_MEMORY_BEFORE = re.compile(r"\bmemory(?:\s+(?:usage|footprint|consumption))?\s+by\s+(?:up to\s+|about\s+|over\s+|[~≈]\s?)?$")
_SUCCEEDS_BEFORE = re.compile(r"\bsucceed(?:s|ed)?\s+(?:in|on)\s+(?:about\s+|over\s+|nearly\s+)?$")
# A duration names its measure by the activity it times (GUIDELINES): "Quantizing a 70B
# model takes 2.1 hours", "takes five minutes to train agents", "forecasting a batch takes 38 ms".
_TIME_UNITS = frozenset({"s", "ms", "min", "h", "days", "µs"})
_ACTIVITIES = (
    (re.compile(r"\b(?:an|per|each|one) epoch\b", re.IGNORECASE), "epoch time"),
    (re.compile(r"\b(?:fine-?tun\w+)\b", re.IGNORECASE), "fine-tuning time"),
    (re.compile(r"\b(?:pre-?)?train(?:s|ed|ing)?\b", re.IGNORECASE), "training time"),
    (re.compile(r"\bquantiz\w+", re.IGNORECASE), "quantization time"),
    (re.compile(r"\bcompil\w+", re.IGNORECASE), "compilation time"),
    (re.compile(r"\b(?:inference|forecasting|predicting)\b", re.IGNORECASE), "inference time"),
    # "generates a 1024x1024 image in 1.7 s", "produces 64-second videos in 41 minutes".
    (re.compile(r"\b(?:generat(?:e|es|ed|ing)|produc(?:e|es|ed|ing))\b", re.IGNORECASE), "generation time"),
)
_ACTIVITY_CLAUSE = re.compile(r"[,;:]\s|\b(?:and|while|whereas|but)\s")


# A clause that only says how long what came before takes: "..., which takes 8 H100 GPUs for 3 days".
_WHICH_TAKES = re.compile(r"(?:which|that)\s+(?:\w+\s+)?(?:takes|took|requires|required|needs|needed|lasts|lasted)\b")
# An activity named by the gerund a clause opens with: "merging a full model takes less than 15 minutes".
_GERUND_TAKES = re.compile(
    r"\s*([A-Za-z]{3,}ing)\b(?:\s+[\w-]+){0,4}?\s+(?:takes|took|requires|required|needs|needed|lasts|lasted)\b"
)

# Gerunds that name no activity of their own ("Doing so takes 3 s", "Using it takes ...").
_NO_ACTIVITY = frozenset("doing being having making getting using adding following including bringing".split())


def _timed_activity(text: str, s_start: int, start: int, end: int, s_end: int) -> str | None:
    """The measure a duration is of, from the activity its clause names just before it or
    right after ("takes five minutes to train"), or the clause before a "which takes", or the
    gerund its clause opens with ("merging a model takes 15 minutes": merging time); None when
    the clause names none or several."""
    breaks = [s_start] + [m.end() for m in _ACTIVITY_CLAUSE.finditer(text, s_start, start)]
    clause_start = breaks[-1]
    if len(breaks) > 1 and _WHICH_TAKES.match(text, clause_start):
        clause_start = breaks[-2]  # "We fine-tune for 30K steps on LIBERO, which takes 20 hours"
    after = text[end : min(s_end, end + 16)]
    named = [
        metric
        for pattern, metric in _ACTIVITIES
        if pattern.search(text, clause_start, start) or (after.startswith(" to ") and pattern.match(after, 4))
    ]
    if named[:1] == ["epoch time"]:
        return "epoch time"  # "trains an epoch in 4.1 s": the epoch, not the training
    if named[:2] == ["fine-tuning time", "training time"] and len(named) == 2:
        return "fine-tuning time"  # "fine-tuning takes 4 days, training on ...": one activity
    gerund = _GERUND_TAKES.match(text, clause_start, start) if not named else None
    if gerund is not None and gerund.group(1).lower() not in _NO_ACTIVITY:
        return f"{gerund.group(1).lower()} time"
    return named[0] if len(named) == 1 else None


_SPEED_WORDS = AnyCase(r"\b(?:faster|speeds?|speed-?ups?|accelerat\w*|quicker)\b")
_BASELINE_CUE = AnyCase(
    r"\b(?:compared (?:to|with)|relative to|than|over|above|below|unlike|versus|vs\.?|outperform\w*|surpass\w*|against)\s+(?:\w+\s+){0,3}$"
    r"|" + TIMES_THAT_OF + r"\s+(?:\w+\s+)?$"
)
# "outperforming Search-R1 by 3.9 points and IRCoT by 9.2 points": the next rival of the same comparison.
_NEXT_RIVAL_BEFORE = AnyCase(
    r"\b(?:outperform\w*|surpass\w*|beat\w*|exceed\w*|over|than)\s+(?:[\w.-]+\s+){1,3}?by\s+[\d.,]+\s*"
    r"(?:%|x|\u00d7|points?|pp)?\s*(?:,\s*|,?\s+and\s+)$"
)
_OWN_WORK = AnyCase(
    r"\b(?:we|our|this (?:paper|work)|the proposed|achiev\w*|results?|experiment\w*|show\w*|demonstrat\w*|reach\w*|yield\w*|enabl\w*)\b"
)
_UNIT_METRIC = {
    "fps": "frames per second",
    "FPS": "frames per second",
    "tokens/s": "tokens per second",
    "TFLOPs/s": "TFLOPs/s",
    "PFLOPs/s": "TFLOPs/s",
    "GFLOPs/s": "TFLOPs/s",
    "TFLOPS": "TFLOPs/s",
    "GPU-hours": "GPU hours",
    "GPU-days": "GPU days",
}
_LINK_BEFORE = AnyCase(
    r"\s+(?:of|is|was|are|reaches|reaching|reached|to|at|by|from|as high as|as low as)\s+"
    r"(?:(?:up[ -]to|around|about|over|nearly|approximately|only|just|roughly)\s+|~\s?)?$"
)


def _linked_metric(text: str, local: list[Found], entities: dict[str, Known], s_start: int, start: int) -> str | None:
    """A metric mention that the text ties to the number right after it."""
    for mention in sorted(local, key=lambda m: -m.end):
        entity = entities.get(mention.key)
        if entity is None or entity.type != "Metric" or mention.end > start:
            continue
        if _LINK_BEFORE.fullmatch(text[mention.end : start]) or _LINK_BEFORE.fullmatch(" " + text[mention.end : start].lstrip()):
            return mention.key
        return None
    return None


@dataclass(frozen=True, slots=True)
class FoundResult:
    """A result found in one sentence; entity fields are entity keys."""

    start: int
    end: int
    value: float
    value_text: str
    unit: str | None
    from_value: float | None
    metric: str | None
    dataset: str | None
    hardware: str | None
    baseline: str | None
    implied_metric: str | None  # a metric name to add when no mention names one


_SCALES = {" thousand": 1e3, " million": 1e6, " billion": 1e9}


def normalise_unit(written: str | None) -> str | None:
    """The unit a result carries for a unit as written; None for a word that is no unit.

    >>> [normalise_unit(u) for u in ("×", "seconds", "point", "H100 GPU-hours", "TFLOPs/s", "steps", "apples")]
    ['x', 's', 'points', 'GPU-hours', 'TFLOPs/s', 'steps', None]
    """
    if written in ("×", "X", "times"):
        return "x"
    if written and written.endswith(("GPU-hours", "GPU hours", "GPU-days", "GPU days")):
        return "GPU-hours" if written.endswith("hours") else "GPU-days"  # "H100 GPU-hours": the processor is no unit
    if written and written not in ("%", "x", "M", "B", "K", "tokens") and not _UNIT_NAME.fullmatch(written):
        return None  # "from 4.19 to 9.96" has no unit; a word after the first number is not one
    return _UNIT_SPELLING.get(written, written)  # type: ignore[arg-type]


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _words_between(text: str, a: int, b: int) -> int:
    return len(text[min(a, b) : max(a, b)].split())


def find_results(
    text: str,
    sentences: list[tuple[int, int]],
    mentions: list[Found],
    entities: dict[str, Known],
    proposed: set[str],
    title_end: int,
    compared: frozenset[str] = frozenset(),
    evaluated: frozenset[str] = frozenset(),
    references: tuple[Found, ...] = (),
) -> list[FoundResult]:
    """The quantitative claims of one paper's abstract.

    Args:
        text: the paper's text.
        sentences: sentence spans.
        mentions: resolved entity mentions (numbers inside them are names, not results).
        entities: the paper's entities by key.
        proposed: keys of the entities the paper proposes.
        title_end: where the title ends (the title holds no results).
        compared: keys of the entities the paper compares with (its baselines).
        evaluated: keys of the datasets the paper evaluates on.
        references: where the text names the model the work changes by a phrase ("over the base model"),
            with that model's key.
    """
    by_sentence: dict[tuple[int, int], list[Found]] = {}
    for mention in mentions:
        by_sentence.setdefault(sentence_of(sentences, mention.start), []).append(mention)
    found: list[FoundResult] = []
    setup_devices: set[str] = set()  # the specific devices of sentences with no claim: where the experiments run
    # From where the paper speaks of its own work, the numbers of every sentence
    # are its results ("The detector attains 58.9 mAP"); before, only those of a
    # sentence with results words.
    own_work_from = own_work_start(text, sentences, title_end, [(m.start, m.end) for m in mentions if m.key in proposed])
    for s_start, s_end in sentences:
        if s_end <= title_end:
            continue
        local = by_sentence.get((s_start, s_end), [])
        if s_start < own_work_from and not _OWN_WORK.search(text, s_start, s_end):
            continue
        if not _DIGIT.search(text, s_start, s_end):
            if s_start >= own_work_from:
                setup_devices |= _setup_devices(text, local, entities, s_start)
            continue  # no number, no result
        taken: list[tuple[int, int]] = []
        referring = [r for r in references if s_start <= r.start < s_end]
        values = list(_VALUE.finditer(text, s_start, s_end))
        matches = list(_FROM_TO.finditer(text, s_start, s_end)) + values + _listed_before(text, values, s_start)
        matches += _values_of_metrics(text, local, entities, s_start, s_end)
        here = []
        for match in matches:
            start, end = match.span()
            if any(start < e and s < end for s, e in taken) or any(m.start <= match.start("low") < m.end for m in local):
                continue
            taken.append((start, end))
            if (
                _SETTING_BEFORE.search(text, max(s_start, start - 60), start)
                or _model_size(text, match, s_start)
                or _setup_quantity(text, match, local, entities, s_start)
            ):
                continue  # "models with 1.3B, 7B and 13B parameters", "every 20 steps": the setup, not a result
            if _UP_FROM.search(text, max(s_start, start - 30), start):
                continue  # "a 41.6% resolve rate, up from 23.0% for the base model": the number before the change
            if _rival_figure(text, start, end, local, entities, s_start, proposed, compared):
                continue  # "38 ms, compared with 35 ms for the unmodified model": a rival's own number
            here.append(_result(text, match, local, entities, s_start, s_end, compared, referring))
        here = _share_units(text, sorted(here, key=lambda r: r.start))
        here = _share_metrics(text, _respective(text, local, entities, here, compared))
        if found and found[-1].hardware is not None and _SAME_DEVICE.search(text, s_start, s_end):
            # "In FP8 it sustains 1.2 PFLOPs/s on the same GPU": the device of the claim before.
            here = [_on_setup_device(r, {found[-1].hardware}) for r in here]
        if not here and s_start >= own_work_from:
            setup_devices |= _setup_devices(text, local, entities, s_start)
        elif len(setup_devices) == 1:
            here = [_on_setup_device(r, setup_devices) for r in here]
        found.extend(here)
    return _on_the_benchmark(found, mentions, entities, proposed, evaluated)


def _model_size(text: str, match: re.Match, s_start: int) -> bool:
    """Whether a number is the size of the models a work runs: "models from 125M to 7B parameters",
    "rare below 1B parameters". A parameter count said against others' ("has just 31M parameters",
    "5x fewer parameters") is a result.

    >>> t = "We train models from 125M to 7B parameters. It has just 31M parameters."
    >>> [_model_size(t, m, 0) for m in (_FROM_TO.search(t), *_VALUE.finditer(t, 44))]
    [True, False]
    """
    groups = match.groupdict()
    unit = normalise_unit(groups.get("unit") or groups.get("from_unit"))
    parameters = _PARAMETERS_AFTER.match(text, match.end())
    return (
        unit in ("B", "M", "K")
        and parameters is not None
        and parameters.group(1) is None
        and not _FEWER_BEFORE.search(text, max(s_start, match.start() - 20), match.start())
    )


# The setup an experiment is run with, said by a number with a unit: how long a model is trained or sampled
# ("fine-tune it for 2,000 steps", "a forecast horizon of 720 steps", "the teacher sampled with 50 steps"),
# the memory a device has ("a single 80 GB H100", "an A100 (80GB)"), how much data there is ("960 hours of
# LibriSpeech"), the size of a streamed chunk ("With a 320 ms chunk"), a latency target ("a P99 TPOT
# objective of 100 ms") and the share of a cache or of tokens a method keeps ("keeping only 10% of the KV
# cache", "at a 10% cache budget", "at 90% block sparsity"). Not a number the work changes ("42% fewer
# steps", "from 256 steps to 1"), nor the share of a score it keeps ("retains 98.6% of the full-cache score").
_STEPS_SETTING_BEFORE = re.compile(
    r"\b(?:for|over|after(?:\s+the\s+first)?|of|with|within)\s+(?:only\s+|just\s+|about\s+|roughly\s+)?$",
    re.IGNORECASE,
)
_CHANGE_AFTER = re.compile(r"\s+(?:fewer|less|more|faster|slower|instead)\b")
_DATA_HOURS_AFTER = re.compile(
    r"\s+of\s+(?!(?:training|compute|computation|fine-?tuning|pre-?training|gpu|wall-?clock|inference)\b)", re.IGNORECASE
)
_CHUNK_AFTER = re.compile(r"[\s-]+(?:audio\s+)?(?:chunks?|windows?|segments?|strides?|hops?|look-?ahead)\b", re.IGNORECASE)
_CHUNK_BEFORE = re.compile(r"\b(?:chunks?|windows?|segments?|look-?ahead)\s+of\s+$", re.IGNORECASE)
_TARGET_BEFORE = re.compile(
    r"\b(?:objective|slo|target|deadline|budget|timeout|constraint)s?\s+of\s+(?:under\s+|below\s+|at most\s+)?$",
    re.IGNORECASE,
)
_KEPT_SHARE_BEFORE = re.compile(
    r"\b(?:keep(?:s|ing)?|retain(?:s|ing)?|select(?:s|ing)?|leav(?:e|es|ing)|pruning to|prunes? to)\s+"
    r"(?:only\s+|just\s+)?(?:the\s+)?(?:top\s+)?[~≈]?$",
    re.IGNORECASE,
)
_KEPT_RESOURCE_AFTER = re.compile(
    r"\s+of\s+(?:the\s+|its\s+|their\s+)?(?:original\s+|visual\s+|frame\s+|input\s+|prompt\s+|context\s+)?"
    r"(?:kv[\s-]cache|cache|tokens|heads|documents|weights|experts|layers|channels|blocks|pages|entries|labels|data)\b",
    re.IGNORECASE,
)
_SHARE_SETTING_AFTER = re.compile(r"\s+(?:(?:kv[\s-])?cache\s+budget|budget|(?:block\s+|weight\s+)?sparsity)\b", re.IGNORECASE)
# The load or compression a claim is measured at: "at 70% load", "At a 100x compression ratio", "at 20x
# compression", "at a request rate of 4 req/s", "at 12 requests per second".
_LOAD_AFTER = re.compile(r"\s+(?:load|compression(?:\s+ratios?)?|(?:requests?|queries)\s+per\s+second|req/s|qps)\b", re.IGNORECASE)
_AT_BEFORE = re.compile(r"\bat\s+(?:an?\s+)?$", re.IGNORECASE)
_AT_LOAD_BEFORE = re.compile(
    r"\bat\s+(?:an?\s+)?(?:(?:request|arrival|query)\s+rate|load|compression(?:\s+ratio)?)\s+of\s+$", re.IGNORECASE
)
# What a study varies: "We further vary the expert count from 8 to 64", "sweep pruning ratios from 50% to 60%",
# "the arrival rate is scaled from 1x to 4x".
_VARIED_CLAUSE = re.compile(r"\b(?:var(?:y|ies|ied|ying)|sweep\w*|scaled)\b[^,;]*$", re.IGNORECASE)
_MEMORY_UNITS = frozenset({"GB", "GiB", "MB", "MiB"})
_DEVICE_MEMORY_BEFORE = re.compile(r"(?:\s*\(\s*|\s+with\s+|\s+)$")


def _setup_quantity(text: str, match: re.Match, local: list[Found], entities: dict[str, Known], s_start: int) -> bool:
    """Whether a number with its unit is part of the experimental setup (:data:`_STEPS_SETTING_BEFORE` and
    the patterns after it), not a claim.

    >>> t = ("We fine-tune it for 2,000 steps. With a 320 ms chunk, WER is 2.4%. It keeps only 10% of the "
    ...      "KV cache and retains 98.6% of the full-cache score. It needs 42% fewer steps.")
    >>> [match.group() for match in _VALUE.finditer(t) if not _setup_quantity(t, match, [], {}, 0)]
    ['2.4%', '98.6%', '42%']
    """
    groups = match.groupdict()
    unit = normalise_unit(groups.get("unit") or groups.get("from_unit"))
    start, end = match.start(), match.end()
    if groups.get("from") is not None:
        return bool(_VARIED_CLAUSE.search(text, max(s_start, start - 60), start))
    before = max(s_start, start - 40)
    if (_AT_BEFORE.search(text, before, start) and _LOAD_AFTER.match(text, end)) or _AT_LOAD_BEFORE.search(text, before, start):
        return True
    if unit is None:
        return False
    if unit == "steps":
        return bool(_STEPS_SETTING_BEFORE.search(text, before, start)) and not _CHANGE_AFTER.match(text, end)
    if unit == "h" and _DATA_HOURS_AFTER.match(text, end):
        return True  # "960 hours of LibriSpeech", "40 hours of play data"
    if unit in _TIME_UNITS and (
        _CHUNK_AFTER.match(text, end) or _CHUNK_BEFORE.search(text, before, start) or _TARGET_BEFORE.search(text, before, start)
    ):
        return True
    if unit == "%":
        return bool(
            _KEPT_SHARE_BEFORE.search(text, before, start) and _KEPT_RESOURCE_AFTER.match(text, end)
            or _SHARE_SETTING_AFTER.match(text, end)
            or _TARGET_BEFORE.search(text, before, start)
        )
    if unit in _MEMORY_UNITS:
        for m in local:
            entity = entities.get(m.key)
            if entity is None or entity.type != "Hardware":
                continue
            if m.start >= end and not text[end : m.start].strip(" -"):
                return True  # "a single 80 GB H100"
            if m.end <= start and _DEVICE_MEMORY_BEFORE.fullmatch(text, m.end, start):
                return True  # "an A100 (80GB)", "one H100 with 80 GB"
    return False


# Measures that depend on the platform they are taken on: time, speed, throughput, utilisation, memory.
_PLATFORM_MEASURE = re.compile(
    r"speed|throughput|goodput|latency|utili[sz]ation|occupancy|memory|cache|flops|per.second|fps|frames|"
    r"(?<!watch)(?<!watch.)time|gpu.(?:hours|days)|frequency|energy|power|bandwidth|efficiency|request.rate|requests.per",
    re.IGNORECASE,
)
# Measures in seconds that are not the platform's: "emission delay", "scheduling overhead", "clip length".
_TIMED_MEASURE = re.compile(r"delay|overhead|duration|lag|wait|period|horizon|length|lookahead", re.IGNORECASE)
# Units only a platform's measures carry: durations, rates, power and energy, compute spent.
_PLATFORM_UNITS = _TIME_UNITS | frozenset(
    "Hz W mW kJ mJ J GPU-hours GPU-days tokens/s samples/s images/s it/s fps TFLOPs/s PFLOPs/s "
    "GFLOPs/s TFLOPS PFLOPS GFLOPS GB/s TB/s samples/kJ".split()
)


# Between two listed numbers ("3.4, 5.1 and 6.2"), and a further number of a list with its unit ("and 1.5x").
_NUMBER_JOIN_WORDS = r"(?:,|and|or|,\s*and|,\s*or)"
_NUMBER_JOIN = re.compile(r"\s*" + _NUMBER_JOIN_WORDS + r"\s*")
_LISTED_NUMBER = r"(?:\s*" + _NUMBER_JOIN_WORDS + r"\s*[\d.,]+\s*(?:%|x|\u00d7|points?|pp|ms|s)?)"

# A device the experiments run on: "on a single A100", "with up to 1,024 H100 GPUs", "across 8 TPU v5e chips",
# "All measurements use one A100 GPU".
_RUNS_ON_BEFORE = AnyCase(
    r"\b(?:on|onto|using|use[sd]?|across|with|per)\s+(?:up to\s+)?(?:(?:a|an|the|one|two|four|eight|single|\d[\d,]*)\s+){0,2}$"
)

# Where a device keeps data, and the units inside it: no device a claim is measured on.
_MEMORY_WORD = re.compile(r"\bmemory\b", re.IGNORECASE)  # "unified memory", "GPU memory"
_SAME_DEVICE = AnyCase(r"\bon the same (?:gpu|device|hardware|accelerator|chip|machine|node)\b")


_UP_FROM = re.compile(r"\b(?:up|down)\s+from\s+(?:about\s+|roughly\s+|only\s+|just\s+)?$", re.IGNORECASE)

# Before a rival's own number: "compared with 3.9% for X", "against 2.0% for X", ", and 94.2% for X".
_RIVAL_FIGURE_LEAD = AnyCase(
    r"(?:\b(?:compared (?:with|to)|against|versus|vs\.?|relative to|as opposed to)|,|\band)\s+"
    r"(?:about\s+|only\s+|just\s+|roughly\s+)?$"
)
_COMPARISON_WORD = AnyCase(r"\b(?:compared|against|versus|vs\.?|relative to|as opposed to)\b")
# After it: "for offline Whisper large-v3", "for a Conformer-Transducer", "for the unmodified model".
# ("against 1.8x and 1.5x for EAGLE-2": a list of the rival's numbers, then the rival.)
_RIVAL_FIGURE_TAIL = AnyCase(_LISTED_NUMBER + r"*\s+(?:for|of|with|by)\s+(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,2}")
_REFERENCE_MODEL = AnyCase(
    r"\s+for\s+the\s+" + REFERENCE_WORDS + r"\s+(?:model|baseline|network|policy)\b|\s+for\s+the\s+(?:[\w-]+\s+)?teacher\b"
    r"|\s+(?:for|by)\s+(?:the\s+)?(?:average\s+|expert\s+)?humans?\b"  # "compared with 91.2% for human operators"
)
# Right after a number set against the work's, whoever it is of: "versus 31% for the original ring schedule",
# "compared with 48.6% for the same model in the SWE-agent scaffold", "compared to 9 FPS for the original one".
_COMPARED_FOR = AnyCase(_LISTED_NUMBER + r"*\s+for\s+(?:the|an?)\s+")
# "whereas vLLM rejects 17% of requests", "while KIVI loses 2.1 points", "where EAGLE-2 is only 1.3x faster":
# a clause whose subject is a rival.
_CONTRAST_LEAD = AnyCase(r"\b(?:whereas|while|where)\s+(?:the\s+)?$")


def _rival_figure(
    text: str,
    start: int,
    end: int,
    local: list[Found],
    entities: dict[str, Known],
    s_start: int,
    proposed: set[str],
    compared: frozenset[str],
) -> bool:
    """Whether a number is a rival's own, quoted against the paper's: no result (tests/data/dev7/README.md, rule 29).

    The rival is named right after the number, past a comparison ("compared with 3.9% for Whisper large-v3"),
    or is a baseline that opens a contrasting clause ("whereas vLLM rejects 17% of requests"; not "whereas
    DraftSmith still delivers 1.6x", the paper's own, nor "while KV cache reuse contributes 18%", a part of it).
    """
    rivals = [
        m for m in local
        if m.key not in proposed and (entity := entities.get(m.key)) is not None and entity.type in ("Method", "Model")
    ]
    if _RIVAL_FIGURE_LEAD.search(text, max(s_start, start - 25), start) and _COMPARISON_WORD.search(text, s_start, start):
        if _REFERENCE_MODEL.match(text, end) or _COMPARED_FOR.match(text, end) or any(
            end < m.start <= end + 40 and _RIVAL_FIGURE_TAIL.fullmatch(text, end, m.start) for m in rivals
        ):
            return True
    for m in rivals:
        if (
            m.key in compared
            and m.end <= start
            and _CONTRAST_LEAD.search(text, max(s_start, m.start - 12), m.start)
            and not entities[m.key].number_format  # "while FP8 gets close to 1.2 PFLOPs/s": a mode of the work
        ):
            gap = text[m.end : start]
            if len(gap.split()) <= 4 and not _DIGIT.search(gap) and not any(o.start >= m.end and o.end <= start for o in local):
                return True
    return False


def _setup_devices(text: str, local: list[Found], entities: dict[str, Known], s_start: int) -> set[str]:
    """The specific devices a sentence says the work runs on ("on H100 and A100 GPUs"; not a part it uses:
    "streams from SRAM")."""
    devices = [
        m for m in local
        if (entity := entities.get(m.key)) is not None and entity.type == "Hardware" and not entity.generic_class
        # "stages the rest in CPU DRAM and on NVMe", "on the Tensor Cores": where data is kept, a part of a device.
        and not (entity.memory or entity.processor_part or _MEMORY_WORD.search(entity.name))
    ]
    if any(_RUNS_ON_BEFORE.search(text[max(s_start, m.start - 30) : m.start]) for m in devices):
        return {m.key for m in devices}
    return set()


def _on_setup_device(result: FoundResult, setup_devices: set[str]) -> FoundResult:
    """A platform-dependent claim that names no device is taken on the one device a setup sentence before it
    named ("We train ... with up to 1,024 H100 GPUs. OrthoShard sustains 41.8% MFU ...")."""
    if result.hardware is not None or not _platform_measure(result.metric or result.implied_metric or "", result.unit):
        return result
    return replace(result, hardware=next(iter(setup_devices)))


def _platform_measure(measure: str, unit: str | None) -> bool:
    """Whether a measure (a metric's key or name) depends on the platform it is taken on."""
    return unit in _PLATFORM_UNITS or _PLATFORM_MEASURE.search(measure) is not None


def _on_the_benchmark(
    found: list[FoundResult], mentions: list[Found], entities: dict[str, Known], proposed: set[str], evaluated: frozenset[str]
) -> list[FoundResult]:
    """In a paper whose one proposal is a benchmark it evaluates on, the claims after it that name no dataset are
    measured on it: "We introduce SciFigBench ... The best model, GPT-4o, reaches only 51.3% accuracy" (not a
    dataset the paper trains on: "We construct RepairMix ... raises the number of tokens by 2.3x").

    A paper that proposes something else too is no benchmark paper.
    """
    if len(proposed) != 1:
        return found
    (key,) = proposed
    if key not in evaluated or key not in entities or entities[key].type != "Dataset":
        return found
    first = min((m.start for m in mentions if m.key == key), default=None)
    if first is None:
        return found
    return [replace(r, dataset=key) if r.dataset is None and r.start > first else r for r in found]


# An unnamed set of datasets a claim is averaged over: "across six commonsense tasks", "over 13 BEIR datasets"
# (not "across four task suites", the parts of one benchmark).
_UNNAMED_SET = re.compile(
    r"\b(?:across|over|on|for)\s+(?:the\s+|all\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"several|multiple)\s+(?:[\w-]+\s+){0,2}(?:tasks|benchmarks|datasets)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;]")


def _unnamed_set(
    text: str, local: list[Found], entities: dict[str, Known], s_start: int, s_end: int, start: int, end: int
) -> bool:
    """Whether the clause of a claim says it is measured over a set of datasets it does not name ("zero-shot
    accuracy over six commonsense tasks drops by 1.9 points"), so no one dataset is the claim's (GUIDELINES);
    not when the clause names one too."""
    breaks = [s_start] + [m.end() for m in _CLAUSE_BREAK.finditer(text, s_start, start)]
    after = _CLAUSE_BREAK.search(text, end, s_end)
    clause_start, clause_end = breaks[-1], after.start() if after else s_end
    if not _UNNAMED_SET.search(text, clause_start, clause_end):
        return False
    return not any(
        clause_start <= m.start < clause_end and (entity := entities.get(m.key)) is not None and entity.type == "Dataset"
        for m in local
    )


def _listed_runs(text: str, spans: list) -> list[list]:
    """Runs of items (with ``start``/``end``) that follow each other as a list: "A, B and C"."""
    runs: list[list] = []
    for item in spans:
        if runs and LIST_GAP.fullmatch(text, runs[-1][-1].end, item.start):
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _respective(
    text: str, local: list[Found], entities: dict[str, Known], results: list[FoundResult], compared: frozenset[str]
) -> list[FoundResult]:
    """Results listed after as many listed datasets, or as many listed baselines, are theirs in order:
    "On Tanks and Temples and Deep Blending the storage reductions are 38x and 52x", "benefits
    Deformable DETR and DAB-DETR, improving them by 2.1 and 1.8 mAP, respectively".

    >>> t = "On A and B it is 38x and 52x."
    >>> ds = {"a": Known("a", "A", "Dataset"), "b": Known("b", "B", "Dataset")}
    >>> r = lambda s, e: FoundResult(s, e, 1.0, t[s:e], "x", None, None, None, None, None, None)
    >>> found = _respective(t, [Found(3, 4, "a", "v", 1), Found(9, 10, "b", "v", 1)], ds, [r(17, 20), r(25, 28)], frozenset())
    >>> [x.dataset for x in found]
    ['a', 'b']
    """
    if len(results) < 2:
        return results
    result_runs = [run for run in _listed_runs(text, results) if len(run) >= 2]
    by_field = {
        "dataset": [m for m in local if m.key in entities and entities[m.key].type == "Dataset"],
        "baseline": [m for m in local if m.key in compared],
    }
    paired: dict[int, dict[str, str]] = {}  # result start -> field -> entity key
    for field, named in by_field.items():
        listed = [run for run in _listed_runs(text, sorted(named, key=lambda m: m.start))
                  if len(run) >= 2 and len({m.key for m in run}) == len(run)]
        for run in result_runs:
            before = [names for names in listed if len(names) == len(run) and names[-1].end <= run[0].start]
            if before:
                for result, mention in zip(run, before[-1]):
                    paired.setdefault(result.start, {})[field] = mention.key
    return [dataclasses.replace(r, **paired[r.start]) if r.start in paired else r for r in results]


_COORDINATED = re.compile(r"\band\b|,|;|\bversus\b|\bvs\.|\bcompared\b|\brelative\b|\brespectively\b")
# Units that measure alike: a change in points follows a score in percent.
_SAME_MEASURE = {"points": "%"}


_GAP_BEFORE = re.compile(r"(?:\+|\bwithin\s+|\bby\s+)$")
_GAP_AFTER = AnyCase(r"\s+(?:better|worse|higher|lower|above|below|over|ahead|behind|more|less|gains?|improvements?|drop)\b")


def _score_gap(text: str, local: list[Found], entities: dict[str, Known], s_start: int, start: int, end: int) -> bool:
    """Whether a number with a metric's name right after it is a difference of scores: "TernDet is 1.3 AP better",
    "(+1.7 AP)", "within 4.2 AP of the original", "by 0.8 BLEU" (not "reaches 53.1 AP")."""
    for m in local:
        entity = entities.get(m.key)
        if entity is not None and entity.type == "Metric" and m.start >= end and not text[end : m.start].strip():
            return bool(_GAP_BEFORE.search(text, max(s_start, start - 8), start) or _GAP_AFTER.match(text, m.end))
    return False


def _share_units(text: str, results: list[FoundResult]) -> list[FoundResult]:
    """Numbers listed before one that carries a unit share it: "by 3.1 and 1.9 points", "38 and 54 tokens/s",
    "by 3.4, 5.1 and 6.2 points"; a list ends with "and" or "or" ("an MRR@10 of 39.6, 0.2 points below X" is none).

    >>> t = "by 3.4, 5.1 and 6.2 points, and 7 apples; 39.6, 0.2 points"
    >>> r = lambda start, end, unit: FoundResult(start, end, 1.0, t[start:end], unit, None, None, None, None, None, None)
    >>> rs = [r(3, 6, None), r(8, 11, None), r(16, 26, "points"), r(32, 33, None), r(42, 46, None), r(48, 58, "points")]
    >>> [x.unit for x in _share_units(t, rs)]
    ['points', 'points', 'points', None, None, 'points']
    """
    shared = list(results)
    listed = False  # whether the number after is in a list that ends with "and" or "or"
    for i in range(len(shared) - 2, -1, -1):
        result, after = shared[i], shared[i + 1]
        joined = _NUMBER_JOIN.fullmatch(text, result.end, after.start) is not None
        listed = joined and (listed or _list_closes(text, result.end, after.start))
        if listed and result.unit is None and after.unit is not None and result.from_value is None:
            shared[i] = dataclasses.replace(result, unit=after.unit)
    return shared


def _share_metrics(text: str, results: list[FoundResult]) -> list[FoundResult]:
    """A number that names no measure takes the measure of the one before it in its
    sentence when their units agree: "improves box AP by 2.6 points over X and by
    0.9 points over Y", "2.4x over cuBLAS and 1.3x over MegaBlocks".

    >>> t = "2 points and 3 points, and 4 ms"
    >>> r = lambda start, unit, metric: FoundResult(start, start + 1, 1.0, "1", unit, None, metric, None, None, None, None)
    >>> [x.metric for x in _share_metrics(t, [r(0, "points", "ap"), r(13, "points", None), r(27, "ms", None)])]
    ['ap', 'ap', None]
    """
    shared = []
    before: FoundResult | None = None
    for result in results:
        if (
            result.metric is None
            and result.implied_metric is None
            and before is not None
            and result.unit is not None
            and (
                _SAME_MEASURE.get(result.unit, result.unit) == _SAME_MEASURE.get(before.unit or "", before.unit)
                or result.unit == "points" and before.unit is None  # "exact match of 48.6, ... by 3.9 points"
            )
            and _COORDINATED.search(text, before.end, result.start)  # "..., and by 0.9 points", not "with only 3% ..."
        ):
            result = dataclasses.replace(result, metric=before.metric, implied_metric=before.implied_metric)
        if result.metric is not None or result.implied_metric is not None:
            before = result  # "a 1.38x speedup over X and 1.21x over Y": the speedup is both
        shared.append(result)
    return shared


def _listed_with_another(text: str, mention: Found, local: list[Found], entities: dict[str, Known]) -> bool:
    """Whether a baseline is the first of a list ("over FedProx and IFCA"): a claim against
    several at once has no one baseline (GUIDELINES)."""
    return _first_of_list(text, mention, local, entities, "Method", "Model")


def _first_of_list(text: str, mention: Found, local: list[Found], entities: dict[str, Known], *kinds: str) -> bool:
    """Whether a name is followed by another of the same kinds in a list ("FedProx and IFCA")."""
    return any(
        other.start > mention.end
        and entities.get(other.key) is not None
        and entities[other.key].type in kinds
        and LIST_GAP.fullmatch(text, mention.end, other.start) is not None
        for other in local
    )


def _past_dataset(text: str, end: int, local: list[Found], entities: dict[str, Known]) -> int:
    """Where a metric's number may be tied to it: right after its name, or after the dataset named
    next to it ("reduces perplexity on WikiText-103 to 17.2").

    >>> t = "reduces perplexity on WikiText-103 to 17.2"
    >>> m = [Found(8, 18, "ppl", "vocabulary", 0.9), Found(22, 34, "wt", "vocabulary", 0.9)]
    >>> t[_past_dataset(t, 18, m, {"ppl": Known("ppl", "perplexity", "Metric"), "wt": Known("wt", "WikiText-103", "Dataset")}):]
    ' to 17.2'
    """
    for m in local:
        entity = entities.get(m.key)
        if end < m.start <= end + 12 and entity is not None and entity.type == "Dataset" and _ON_DATASET.fullmatch(text, end, m.start):
            return m.end
    return end


_ON_DATASET = re.compile(r"\s+(?:on|for|across)\s+(?:the\s+)?")


_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)


def _list_closes(text: str, end: int, start: int) -> bool:
    """Whether the text between two numbers is the "and" or "or" that closes a list of them."""
    join = _NUMBER_JOIN.fullmatch(text, end, start)
    return join is not None and ("and" in join.group() or "or" in join.group())


def _numbers_listed_before(text: str, first: re.Match, s_start: int, decimal: bool | None = None) -> list[re.Match]:
    """The unitless numbers listed right before ``first``, nearest first ("2.1" of "by 2.1 and 1.8 mAP");
    with ``decimal``, only while they are written alike (all with a decimal point, or none)."""
    listed = []
    before = _LISTED_BARE_NUMBER.search(text, max(s_start, first.start() - 16), first.start())
    while before is not None and (decimal is None or ("." in before.group("low")) == decimal):
        listed.append(before)
        before = _LISTED_BARE_NUMBER.search(text, max(s_start, before.start() - 16), before.start())
    return listed


def _listed_before(text: str, values: list[re.Match], s_start: int) -> list[re.Match]:
    """Unitless numbers listed right before a number with a unit, which share it (:func:`_share_units`):
    "4.6" and "3.1" of "by 4.6, 3.1 and 2.2 points". The list ends with "and" or "or", its numbers are written
    alike, all with a decimal point or none (not "at sequence length 4096, and 1.21x"), and it is no range
    ("between 1.2 and 4.7 points" is one claim)."""
    matches = []
    for value in values:
        listed = _numbers_listed_before(text, value, s_start, decimal="." in value.group("low"))
        if not listed or not _list_closes(text, listed[0].end(), value.start()):
            continue
        if _BETWEEN_BEFORE.search(text, max(s_start, listed[0].start() - 10), listed[0].start()):
            continue
        matches.extend(listed)
    return matches


def _values_of_metrics(text: str, local: list[Found], entities: dict[str, Known], s_start: int, s_end: int) -> list[re.Match]:
    """Numbers without a unit that a metric's name gives its meaning: written right
    before it ("45.3 BLEU") or tied to it ("the real-time factor to 0.02")."""
    matches = []
    for mention in local:
        entity = entities.get(mention.key)
        if entity is not None and entity.type == "Metric":
            before = _BARE_NUMBER.search(text, max(s_start, mention.start - 24), mention.start)
            past = _past_dataset(text, mention.end, local, entities)
            after = _TIED_NUMBER.match(text, past, s_end) or _BRACKETED_NUMBER.match(text, past, s_end)
            matches.extend(m for m in (before, after) if m is not None)
            while after is not None:
                after = _LISTED_AFTER.match(text, after.end(), s_end)
                if after is not None:
                    matches.append(after)
            if before is not None:
                # "by 2.1 and 1.8 mAP", "34.1, 35.0 and 36.2 BLEU": the numbers listed before it too.
                matches.extend(_numbers_listed_before(text, before, s_start))
    return matches


def _result(
    text: str,
    match: re.Match,
    local: list[Found],
    entities: dict[str, Known],
    s_start: int,
    s_end: int,
    compared: frozenset[str] = frozenset(),
    referring: list[Found] | None = None,
) -> FoundResult:
    groups = match.groupdict()
    low, high = groups["low"], groups.get("high")
    unit = normalise_unit(groups.get("unit") or groups.get("from_unit"))
    value = _number(high or low) * _SCALES.get(groups.get("scale") or "", 1)
    value_text = text[match.start("low") : match.end()].strip()
    from_value = _number(groups["from"]) if groups.get("from") else None
    start, end = match.span()

    if unit is None and from_value is None and _score_gap(text, local, entities, s_start, start, end):
        unit = "points"  # "1.3 AP better", "(+1.7 AP)", "within 4.2 AP of X": a difference of scores
    timed = unit in _TIME_UNITS

    def nearest(kind: str, *, after_only: bool = False, window: int = 8) -> str | None:
        best = None
        for m in local:
            entity = entities.get(m.key)
            if entity is None or entity.type != kind:
                continue
            if after_only and m.start < end:
                continue
            if kind == "Metric" and timed and not (_platform_measure(entity.name, None) or _TIMED_MEASURE.search(entity.name)):
                continue  # "from 14.2 s to 6.1 s, while accuracy on RULER is unchanged": seconds measure no accuracy
            if kind == "Metric" and m.start >= end and (
                _OWN_NUMBER_AFTER.match(text, m.end)
                or _LONE_NUMBER.search(text, end, m.start) and not _NUMBER_LIST_GAP.fullmatch(text, end, m.start)
            ):
                continue  # "... while increasing throughput by 26x", "... while issuing 42% fewer calls": its own number
            distance = _words_between(text, end if m.start >= end else start, m.start if m.start >= end else m.end)
            if distance <= window and (best is None or distance < best[0]):
                best = (distance, m.key)
        return best[1] if best else None

    # The metric: one the text links to the number ("training speed of up to
    # 225 TFLOPs/s"); else the unit when it is a measure ("91.07fps"); else the
    # nearest metric mention; else a speedup for "Nx faster".
    metric = _linked_metric(text, local, entities, s_start, start)
    if metric is not None and unit in _UNIT_METRIC and not _platform_measure(metric, None):
        metric = None  # "41.2 mIoU at 30 fps": frames per second measure no quality score
    implied = None
    if metric is None and unit in ("x", "%") and _FASTER_AFTER.match(text, end):
        implied = "speedup"  # "9.5x faster than VALL-E": a speedup, whatever metric is near
    elif metric is None and (
        _MEMORY_AFTER.match(text, end)
        or _MEMORY_OF_AFTER.match(text, end) and not _DEVICE_HAS_BEFORE.search(text, max(s_start, start - 20), start)
        or _MEMORY_BEFORE.search(text, max(s_start, start - 40), start)
    ):
        implied = "memory usage"  # "uses 1.6 GB less memory", "with 27% less activation memory"
    elif metric is None and (
        (parameters := _PARAMETERS_AFTER.match(text, end))
        and (parameters.group(1) or unit == "%" or _FEWER_BEFORE.search(text, max(s_start, start - 20), start))
        or unit == "%" and _SHARE_OF_PARAMETERS.match(text, end)
    ):
        implied = "parameter count"
    elif metric is None and unit == "%" and _SUCCEEDS_BEFORE.search(text, max(s_start, start - 30), start):
        implied = "success rate"  # "it succeeds in 85% of trials"
    elif metric is None and unit in _TIME_UNITS:
        implied = _timed_activity(text, s_start, start, end, s_end)
    if metric is None and unit in _UNIT_METRIC:
        implied = _UNIT_METRIC[unit]
    if metric is None and implied is None:
        metric = nearest("Metric")
    if metric is None and implied is None:
        if unit == "x" and _SPEED_WORDS.search(text[start : min(s_end, end + 40)] + " " + text[max(s_start, start - 60) : start]):
            implied = "speedup"
    hardware = (
        nearest("Hardware", after_only=True) or _only(local, entities, "Hardware") or _opening(text, local, entities, s_start, "Hardware")
    )
    measure = metric or implied
    if hardware is not None and measure is not None and not _platform_measure(measure, unit):
        hardware = None  # "44.1 AP on a Jetson AGX Orin": quality does not depend on the platform
    dataset = (
        _dataset_after(text, local, entities, end)
        or _dataset_before(text, local, entities, start)
        or _opening(text, local, entities, s_start)
        or _only(local, entities, "Dataset")
    )
    if dataset is not None and _unnamed_set(text, local, entities, s_start, s_end, start, end):
        dataset = None  # "retains 97.8% of the zero-shot accuracy across six commonsense tasks": several, unnamed
    baseline = None
    for m in local:
        entity = entities.get(m.key)
        if entity is None or entity.type not in ("Method", "Model"):
            continue
        near, gap = _beside(text, m, start, end)
        # "reaches 83.9%, 1.6 points above GPS": a number between is the one GPS is the baseline of.
        if near and _LONE_NUMBER.search(gap) is None and (
            _BASELINE_CUE.search(text[max(s_start, m.start - 40) : m.start])
            or m.end <= start and _NEXT_RIVAL_BEFORE.search(text[max(s_start, m.start - 80) : m.start])
        ):
            baseline = None if _listed_with_another(text, m, local, entities) else m.key
            if m.start >= end:
                break
    for m in referring or ():
        # "accuracy improves over the base model by 6.8 points": the model the phrase refers to
        # (not past another claim: "9.8 seconds on one H800, a 183x speedup over the teacher").
        near, gap = _beside(text, m, start, end)
        past_a_claim = (_DIGIT if m.start >= end else _LONE_NUMBER).search(gap)
        if baseline is None and near and past_a_claim is None and _BASELINE_CUE.search(text[max(s_start, m.start - 40) : m.start]):
            baseline = m.key
    if baseline is None and groups.get("from"):
        # "from 6.29 (GPTQ) to 5.87": the method the first number is of.
        inside = {m.key for m in local if start < m.start and m.end < end and entities.get(m.key)
                  and entities[m.key].type in ("Method", "Model")}
        baseline = inside.pop() if len(inside) == 1 else None
        # "raises the normalised score of IQL from 692.4 to 741.9": the method the change is of.
        of = [m for m in local if m.end <= start and _OF_BEFORE.fullmatch(text, m.end, start) and entities.get(m.key)
              and entities[m.key].type in ("Method", "Model") and _OF_LEAD.search(text, max(s_start, m.start - 4), m.start)]
        baseline = baseline or (of[-1].key if of else None)
    if baseline is None:
        # "Qwen2.5-Coder-1.5B improves pass@1 from 52.4% to 61.0%", "StarCoder2-3B gains 7.2 points":
        # a baseline that is the subject of the gain is the reference of its numbers.
        subjects = [m for m in local if m.key in compared and m.end <= start and _GAINS_AFTER.match(text, m.end)]
        baseline = subjects[-1].key if subjects else None
    if baseline is None:
        # No cue by the number: the one baseline its sentence names, if one, but not one a later clause
        # sets against it ("... 2.8x speedup; TeaCache at matched quality reaches 1.9x").
        named = [m for m in local if m.key in compared]
        set_against = all(m.start >= end and _CONTRAST.search(text, end, m.start) for m in named)
        baseline = named[0].key if len({m.key for m in named}) == 1 and not set_against else None
    return FoundResult(
        start=start,
        end=end,
        value=value,
        value_text=value_text,
        unit=unit,
        from_value=from_value,
        metric=metric,
        dataset=dataset,
        hardware=hardware,
        baseline=baseline,
        implied_metric=implied,
    )


_OF_BEFORE = re.compile(r"\s*(?:\(\w+\)\s*)?")  # between "of IQL (ours)" and "from"
_OF_LEAD = re.compile(r"\bof\s+$")
_CONTRAST = re.compile(CONTRAST)
# What follows a model that is the subject of a gain: "X improves pass@1 ...", "X gains 7.2 points".
_GAINS_AFTER = re.compile(r"\s+(?:improves|raises|increases|gains|rises|boosts|climbs|jumps|goes up)\b")
# "2.1 and 1.8 mAP", "1.9x and 1.4x higher throughput": the later numbers of a list share the measure.
_NUMBER_LIST_GAP = re.compile(_LISTED_NUMBER + r"+\s*(?:(?:higher|lower|more|fewer|less|better)\s+)?")
# A number standing alone, not part of a name ("GPT-4", "ResNet-50").
_LONE_NUMBER = re.compile(r"(?<![\w.-])\d+(?:[.,]\d+)?(?![\w-])")
_OPENING_ON = re.compile(r"\s*(?:On|For)\s+(?:(?:the|an?|one|single)\s+){0,2}")
_DATASET_LEAD = re.compile(r"\b(?:on|for|across|over)\s+(?:the\s+)?$", re.IGNORECASE)
_CLAUSE_JOIN = re.compile(r"[,;]|\band\b")
# A dataset that opens a clause as its subject's modifier: "RULER accuracy ... drops", "LongBench scores stay".
_DATASET_SUBJECT = re.compile(r"\s+(?:[\w-]+\s+)?(?:scores?|accuracy|performance|results?)\s+(?:[\w.-]+\s+){0,5}$")
_CLAUSE_START = re.compile(r"(?:^|[.;,:]\s+|\b(?:and|while|whereas)\s+)$")


def _beside(text: str, m: Found, start: int, end: int) -> tuple[bool, str]:
    """Whether a name is within twelve words of a number (before or after it), and the text between them."""
    gap = text[end : m.start] if m.start >= end else text[m.end : start]
    return len(gap.split()) <= 12, gap


def _dataset_after(text: str, local: list[Found], entities: dict[str, Known], end: int) -> str | None:
    """The dataset named within six words after a number ("44.1 AP on COCO"), unless a new
    clause names it ("61.0% and on MBPP+ from 55.1% ...": MBPP+ is the next claim's)."""
    for m in local:
        entity = entities.get(m.key)
        if entity is None or entity.type != "Dataset" or m.start < end:
            continue
        if _words_between(text, end, m.start) > 6 or _CLAUSE_JOIN.search(text, end, m.start):
            return None
        # "an average exact match of 48.6 across HotpotQA, MuSiQue and Bamboogle": a claim over several at once.
        return None if _first_of_list(text, m, local, entities, "Dataset") else m.key
    return None


def _dataset_before(text: str, local: list[Found], entities: dict[str, Known], start: int) -> str | None:
    """The dataset a clause opens on, with no other number before this one:
    "on HumanEval+ from 52.4% to 61.0%", "and on ogbn-papers100M it reaches 68.1%"."""
    before = [m for m in local if m.end <= start and entities.get(m.key) is not None and entities[m.key].type == "Dataset"]
    if not before:
        return None
    m = before[-1]
    between = text[m.end : start]
    listed = len(before) > 1 and LIST_GAP.fullmatch(text, before[-2].end, m.start)  # "MMBench and MME scores"
    if (
        not listed
        and _DATASET_SUBJECT.match(between)
        and not _LONE_NUMBER.search(between)
        and _CLAUSE_START.search(text, max(0, m.start - 10), m.start)
    ):
        return m.key  # "RULER accuracy at 128K drops from 77.2% to 75.9%", "while LongBench scores stay within 0.6"
    if _LONE_NUMBER.search(between) or len(between.split()) > 6:  # (not the "1" of "F1-score")
        return None
    return m.key if _DATASET_LEAD.search(text, max(0, m.start - 12), m.start) else None


def _opening(text: str, local: list[Found], entities: dict[str, Known], s_start: int, kind: str = "Dataset") -> str | None:
    """The dataset or device a sentence opens on: "On ogbn-products, StaleGuard reaches 80.9% ...",
    "On a Jetson Orin Nano, the same partitioner ... cuts time to first token by 2.7x"."""
    opening = _OPENING_ON.match(text, s_start)
    if opening is None:
        return None
    for m in local:
        if m.start == opening.end() and entities.get(m.key) is not None and entities[m.key].type == kind:
            return m.key if text[m.end : m.end + 1] == "," else None
    return None


def _only(local: list[Found], entities: dict[str, Known], kind: str) -> str | None:
    keys = {m.key for m in local if m.key in entities and entities[m.key].type == kind}
    return keys.pop() if len(keys) == 1 else None
