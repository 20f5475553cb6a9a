"""The extractor on abstracts it was not tuned on: short ones written for these
tests (none is from the shared page), one per common way of introducing a new
method, model or dataset, with what a reader takes each to propose."""

from __future__ import annotations

import pytest

from pipeline.extract import load_extractor
from pipeline.ingest import make_paper
from pipeline.records import SourceRef

CASES = [
    # (title, abstract, proposed names, {name: type} that must hold)
    # A title that is, all of it, one known name: the paper that named it.
    ("Sliding Window Attention",
     "Attention over long inputs is costly. We restrict each token to a local window of 4K tokens and match full "
     "attention on long-document benchmarks.",
     {"sliding window attention"}, {}),
    # The apposition's head noun types a new name: its last before a preposition, a decimal kept inside.
    ("Agents and Models", "We propose Zephra, a 1.3B-parameter language model, and Kestrel, an LLM agent for repositories.",
     {"Zephra", "Kestrel"}, {"Zephra": "Model", "Kestrel": "Method"}),
    ("New Suites", "We present ZephraSet and ZephraArena for evaluating agents.",
     {"ZephraSet", "ZephraArena"}, {"ZephraSet": "Dataset", "ZephraArena": "Dataset"}),
    # "we first design X ..., and then introduce Y": the second verb shares the first clause's "we".
    ("Frame Selection",
     "Specifically, we first design a lightweight Query-Guided Selector to pick frames, and then introduce "
     "Cross-Frame Token Fusion to merge the remaining tokens.",
     {"Query-Guided Selector", "Cross-Frame Token Fusion"}, {}),
    # A known name that qualifies what the sentence then names is no proposal: "a CUDA kernel, termed FusedScan".
    ("Fused Scans", "We then develop an efficient CUDA kernel, termed FusedScan, to overlap compute and memory.",
     {"FusedScan"}, {}),
    # A new name the text calls an accelerator is a proposed device; a known device is never proposed.
    ("Sparse Attention in Silicon",
     "We present SpARC, an accelerator for sparse attention. We present results on an RTX 4090.",
     {"SpARC"}, {"SpARC": "Hardware"}),
    # Other ways abstracts name their own work: "X is a new ...", "Introducing X", a dashed title prefix,
    # "our main contribution is X", "a <kind>, X,", "we open-source X", "X, our proposed ...,", "X, a ... we introduce".
    ("Efficient Sparse Routing",
     "Zephra is a new routing scheme for mixture-of-experts models that cuts all-to-all traffic by 40%.",
     {"Zephra"}, {}),
    ("Efficient Sparse Routing", "Introducing Zephra, a routing scheme for mixture-of-experts models. It cuts traffic by 40%.",
     {"Zephra"}, {}),
    ("Zephra — Sparse Routing for Mixture-of-Experts", "Routing is costly. Our scheme cuts traffic by 40% on 64 H100 GPUs.",
     {"Zephra"}, {}),
    ("Efficient Sparse Routing", "Our main contribution is Zephra, a routing scheme that cuts traffic by 40%.", {"Zephra"}, {}),
    ("Efficient Sparse Routing", "This work proposes a routing scheme, Zephra, that cuts traffic by 40%.", {"Zephra"}, {}),
    ("Efficient Sparse Routing", "We open-source Zephra, a routing library that cuts traffic by 40%.", {"Zephra"}, {}),
    ("Efficient Sparse Routing",
     "Zephra, our proposed router, cuts traffic by 40% over GShard. Furthermore, our proposed cache halves memory.",
     {"Zephra"}, {}),
    # ... and no name runs back across a full stop ("GShard. Zephra").
    ("Efficient Sparse Routing", "Routing is costly in GShard. Zephra, our proposed router, cuts traffic by 40%.",
     {"Zephra"}, {}),
    ("Efficient Sparse Routing", "We show that Zephra, a router we introduce, cuts traffic by 40%. On VBench, our router is fast.",
     {"Zephra"}, {}),
    # An unnamed one of a known kind proposes no known technique: the paper builds on it (test_..._builds_on).
    ("Hot-Key Joins", "We present a radix join that detects hot keys with a count-min sketch per thread.", set(), {}),
    ("Faster Drafts", "We propose a novel speculative decoding method that drafts tokens with a small model.", set(), {}),
    # ... but naming the known technique itself proposes it: the paper that named it.
    ("Faster Drafts", "We propose speculative decoding, an algorithm to sample from large models faster.",
     {"speculative decoding"}, {}),
    # A baseline before "our method" is compared with, not proposed.
    ("Graph Sampling", "Compared with DGL and GNNLab, our method reduces epoch time by 60% on ogbn-products.", set(), {}),
    # A known technique the title opens with, defined in the abstract: the paper that named it.
    ("Sliding Window Attention Models for Long Contexts",
     "Long inputs make attention costly. In this work we show that restricting each token to a local window keeps "
     "quality. Experiments show that sliding window attention (SWA) models perform competitively against Transformers.",
     {"sliding window attention"}, {"sliding window attention": "Method"}),
    # The same named after "via": used, even though the abstract defines it.
    ("Faster Long-Context Decoding via Sliding Window Attention",
     "Long inputs make attention costly. In this work we show that restricting each token to a local window keeps "
     "quality. Experiments show that sliding window attention (SWA) models perform competitively against Transformers.",
     set(), {}),
    # Proposals as real abstracts name them: after "namely" or "i.e.," (a lower-case name too), "our proposed X",
    # and "a newly collected dataset, X," even when the sentence does not say who collected it.
    ("Long Outputs",
     "We devise a simple strategy, i.e., segment rollout, that splits long outputs. We also propose a new benchmark, "
     "namely CodeHarbor, to evaluate agents. Our proposed Hi-Res Fusion Module improves detail. Furthermore, a newly "
     "collected dataset, VidRefine-10K, is released.",
     {"segment rollout", "CodeHarbor", "Hi-Res Fusion Module", "VidRefine-10K"}, {"CodeHarbor": "Dataset"}),
    # What a proposal is said to be types it: a parameter count, a student, a recognizer, a VLA are models;
    # an eviction policy, a cost model, a kernel generator, a step between two models are methods.
    ("Streaming Recognition",
     "We present Zephra, a 68M-parameter streaming recognizer, and Kestrel, a four-step student distilled from "
     "Whisper large-v3. We also release Wisp, a VLA for mobile robots.",
     {"Zephra", "Kestrel", "Wisp"}, {"Zephra": "Model", "Kestrel": "Model", "Wisp": "Model"}),
    ("Serving Long Contexts",
     "We propose Zephra, a page-granular eviction policy for KV caches, and Kestrel, a learned cost model that "
     "ranks tensor programs. We also introduce Wisp, a kernel generator for fused operators, and Tern, a "
     "lightweight step between the retriever and the reader.",
     {"Zephra", "Kestrel", "Wisp", "Tern"}, {"Zephra": "Method", "Kestrel": "Method", "Wisp": "Method", "Tern": "Method"}),
    # A version word in a title's prefix is part of the name; a paper's genre is none.
    ("PatchZ v2: Revisiting Channel Independence for Forecasting",
     "Channel independence is a strong bias. PatchZ v2 keeps the backbone and adds a mixing adapter.",
     {"PatchZ v2"}, {}),
    ("Position: Agent Benchmarks Should Report Cost",
     "Leaderboards rank agents by success alone. We argue that benchmarks should report inference cost.",
     set(), {}),
    ("Efficient Routing for Sparse Experts",
     "In this paper, we present SparseMixer, a scalable routing scheme for mixture-of-experts models. "
     "SparseMixer reduces all-to-all traffic by 40% on 64 H100 GPUs.",
     {"SparseMixer"}, {"H100": "Hardware"}),
    ("A Benchmark for Code Agents",
     "We introduce a new benchmark, CodeArena, for evaluating code agents. On CodeArena, GPT-4o solves 31% of the tasks.",
     {"CodeArena"}, {"CodeArena": "Dataset", "GPT-4o": "Model"}),
    ("Quantizing KV Caches",
     "Our method, called TurboQuant, quantizes the KV cache to 3 bits. TurboQuant builds on KIVI and achieves "
     "2.1x higher throughput than vLLM on an A100.",
     {"TurboQuant"}, {"A100": "Hardware"}),
    ("Token Routing",
     "We propose the Adaptive Token Router (ATR), which skips layers for easy tokens. ATR reduces latency by 35% on Llama-2-7B.",
     {"Adaptive Token Router"}, {"Llama-2-7B": "Model"}),
    ("OpenBench-1K: A Dataset of Open Problems",
     "We release OpenBench-1K, a dataset of 1,000 open problems in mathematics, and evaluate ten language models on it.",
     {"OpenBench-1K"}, {"OpenBench-1K": "Dataset"}),
    ("Learning to Prune",
     "We propose a novel pruning framework named PruneX that removes 50% of the weights of ViT-B with less than 1% "
     "accuracy drop on ImageNet.",
     {"PruneX"}, {"ImageNet": "Dataset"}),
    ("Mamba-Attention Hybrids",
     "We present a hybrid architecture that interleaves Mamba layers with sliding window attention. Our model, "
     "Hymba-1B, outperforms Llama-3.2-1B on commonsense reasoning.",
     {"Hymba-1B"}, {"Hymba-1B": "Model"}),
    ("Serving LLMs Fast",
     "We design and implement QuickServe, a serving system that batches requests across GPUs. QuickServe improves "
     "throughput by 2.4x over vLLM.",
     {"QuickServe"}, {}),
    ("Attention Kernels",
     "This paper introduces an efficient attention kernel, FlashQ, that fuses quantization into the softmax. FlashQ "
     "runs 1.8x faster than FlashAttention-2 on an H100.",
     {"FlashQ"}, {"H100": "Hardware"}),
    ("Two Regularizers",
     "We propose LiteDrop and LiteMix, two regularizers for small vision transformers, and evaluate them on ImageNet-1K.",
     {"LiteDrop", "LiteMix"}, {"ImageNet-1K": "Dataset"}),
    ("Compressing Vision Models",
     "We present TinyViT-5M, a 5M-parameter vision transformer distilled from a large teacher, reaching 80.7% top-1 "
     "accuracy on ImageNet.",
     {"TinyViT-5M"}, {"TinyViT-5M": "Model", "top-1 accuracy": "Metric"}),
    ("Vision Towers",
     "We replace the fixed encoder with a resolution-elastic vision tower, dubbed Lorgnette, that reads charts.",
     {"Lorgnette"}, {"Lorgnette": "Model"}),
    ("Stable Policy Optimization",
     "We propose Ballast, a variant of Group Relative Policy Optimization (GRPO) that stabilises training.",
     {"Ballast"}, {"Ballast": "Method"}),
    ("Operators on Meshes",
     "We generalise the Fourier Neural Operator (FNO) to arbitrary meshes with the Learned Eigenbasis Neural Operator "
     "(LENO), which replaces the Fourier basis.",
     {"Learned Eigenbasis Neural Operator"}, {}),
    ("Preference Data for Code Agents",
     "Second, we train Mender-32B by fine-tuning Qwen2.5-Coder-32B-Instruct with DPO. We also train Llama-3-8B on C4.",
     {"Mender-32B"}, {"Mender-32B": "Model"}),
    ("Sized Variants",
     "We propose Mender. Mender-32B reaches 41.6% on SWE-bench Verified, above SWE-Gym-32B trained on SWE-Gym.",
     {"Mender", "Mender-32B"}, {"Mender-32B": "Model", "SWE-Gym-32B": "Model", "SWE-Gym": "Dataset"}),
    ("Recognising Whispered Speech with HushTune",
     "Whispered speech is hard to recognise. We synthesise whispered training data with a voice-conversion model and "
     "adapt Whisper large-v3 with LoRA.",
     {"HushTune"}, {"HushTune": "Method"}),
    ("Whispered Speech",
     "We propose gradient filtering and the adaptive rank schedule. We release the conversion model and the "
     "conversational test set.",
     {"gradient filtering", "adaptive rank schedule"}, {}),
    # What the work made, named in apposition: "The resulting model, X,", "Our implementation, X,".
    ("Planning Before Acting",
     "Based on RT-2, we train a model that emits a short textual plan. The resulting model, PlanRT, improves "
     "generalization to unseen objects.", {"PlanRT"}, {"PlanRT": "Model"}),
    ("Paged KV Caching on Apple Silicon",
     "We port PagedAttention to Apple silicon. Our implementation, MetalPage, re-expresses block-table lookups as tiles.",
     {"MetalPage"}, {}),
    ("Grouped Experts", "We present GroupFuse, a set of block-sparse GPU kernels that execute all experts in one launch.",
     {"GroupFuse"}, {"GroupFuse": "Method"}),
    # Naming after the description: "we call this objective X", "a procedure we refer to as X", "a system we call X".
    ("Training Models to Abstain",
     "We penalize confident errors; we call this objective calibrated refusal optimization. It reduces hallucinations.",
     {"calibrated refusal optimization"}, {}),
    ("Self-Correcting Retrieval",
     "The reader issues corrective queries, a procedure we refer to as Contradiction-Triggered Retrieval.",
     {"Contradiction-Triggered Retrieval"}, {}),
    ("Shared Prompts", "On top of PagedAttention, we add block sharing, yielding a system we call ShareKV.", {"ShareKV"}, {}),
    # A passive proposal past an apposition; "X, which we introduce"; sizes listed after "we train" or "to train".
    ("Quantization-Aware Routing",
     "In this work, QRoute, a routing-aware scheme that assigns bit-widths per expert, is proposed.", {"QRoute"}, {}),
    ("Sarcasm in Short Videos",
     "A new dataset, SarcVid, is presented, containing 8,400 clips with sarcasm labels.", {"SarcVid"}, {"SarcVid": "Dataset"}),
    ("Byte Patches", "Byte models are slow. Kestrel, which we introduce in this paper, groups bytes into patches.",
     {"Kestrel"}, {}),
    ("Open Code Models", "We train Tern-7B and Tern-34B, two code models trained on permissive data.",
     {"Tern-7B", "Tern-34B"}, {}),
    ("Rationales", "We prompt GPT-4 for rationales and use them to train RationaleLM, a 770M-parameter student.",
     {"RationaleLM"}, {}),
    # "X, our <kind>." at a sentence's end; a known model (or a size of one) called "our base model" is not new.
    ("Data Mixtures", "We pretrain OrcaLM on 256 TPU v4 chips using MixOpt, our online data-mixture optimizer.",
     {"OrcaLM", "MixOpt"}, {}),
    ("Data Mixtures", "We fine-tune Llama-3-8B, our base model.", set(), {}),
    # What a change to known work yields ("giving X", "to obtain X", "yielding X"), an unknown name the authors
    # describe in apposition ("with a memory-pruning scheme, SurgMem."), "X, a new suite", a sized apposition.
    ("Length-Normalised Preferences",
     "DPO lengthens responses. We add a length-normalised margin, giving LN-DPO, which raises the win rate by 6 points.",
     {"LN-DPO"}, {}),
    ("Legal Models", "Starting from Llama-3-8B, we continue pretraining on legal text to obtain LexLlama-8B.",
     {"LexLlama-8B"}, {"LexLlama-8B": "Model"}),
    ("Endoscopy", "We adapt SAM 2 to endoscopic video with a memory-pruning scheme, SurgMem. SurgMem improves J&F by 7.5.",
     {"SurgMem"}, {}),
    ("Finnish Models",
     "We train HeronLM-13B on HeronMix, a 600B-token Finnish-English corpus, and evaluate it on HeronEval, a new suite "
     "of 14 Finnish tasks.", {"HeronLM-13B", "HeronEval"}, {"HeronMix": "Dataset", "HeronEval": "Dataset"}),
    ("Small Models", "We train a 3B model, Orion-3B, on 1.2T tokens.", {"Orion-3B"}, {"Orion-3B": "Model"}),
    ("Old Benchmarks", "Prior work used GSM8K, a new benchmark at the time.", set(), {}),
    # A name for a finding is no entity the paper proposes; "we term the X" keeps its whole name.
    ("Distillation Study", "Beyond a ratio of 10x, accuracy declines, a phenomenon we term the capacity cliff.", set(), {}),
    # "X, a <kind> we release / generate": the paper's own data.
    ("KV Eviction", "We present Lethe. On LongBench, RULER and MTRecall, a multi-turn recall benchmark we release with "
                    "this paper, Lethe retains 96% of accuracy.", {"Lethe", "MTRecall"}, {"MTRecall": "Dataset"}),
    ("Open Multimodal Data", "All data come from SynthVision-12M, a corpus we generate by rendering charts.",
     {"SynthVision-12M"}, {"SynthVision-12M": "Dataset"}),
    # A benchmark whose apposition holds a thousands comma, listed before a second proposal.
    ("Web Agents that Fill Out Forms",
     "We present FormBench, a benchmark of 3,200 web forms, and FormPilot, an agent that plans field by field.",
     {"FormBench", "FormPilot"}, {"FormBench": "Dataset"}),
    # Prior work a sentence starts from, or defines before the paper's own work begins, is not proposed.
    ("Continual Learning with Dendrites",
     "Inspired by Elastic Weight Consolidation (EWC) and Synaptic Intelligence (SI), we propose Dendrite Gating, "
     "which routes each task through a sparse subset of branches.", {"Dendrite Gating"}, {}),
    ("Sharpness-Aware Minimization at Lower Cost",
     "Sharpness-aware minimization (SAM) doubles the cost of each step. Unlike LookSAM, we propose Reuse-SAM, which "
     "reuses the perturbation direction.", {"Reuse-SAM"}, {}),
    ("Fast Diffusion Sampling",
     "We propose consistency trajectory distillation, a method that distills a diffusion model into a 2-step sampler. "
     "It achieves an FID of 2.1 on CIFAR-10.",
     {"consistency trajectory distillation"}, {"FID": "Metric", "CIFAR-10": "Dataset"}),
    # A title's several-word prefix that names a technique, when the abstract only says "our method" ...
    ("Entropy-Guided Policy Refinement: Keeping Exploration Alive",
     "Building on GRPO, we reweight advantages by token entropy. Our method reaches 46.7% pass@1 on AIME 2024.",
     {"Entropy-Guided Policy Refinement"}, {"Entropy-Guided Policy Refinement": "Method", "AIME 2024": "Dataset"}),
    # ... but not one that praises a known technique or leads into a question.
    ("Efficient Attention: A Survey of Kernels", "We survey attention kernels and compare them.", set(), {}),
    ("Towards Faster Decoding: Lessons from Serving", "We study how serving systems decode.", set(), {}),
    # A system with a parameter count is a trained model, whatever its apposition calls it; a second new name
    # "together with" the first, described in apposition, is proposed too.
    ("Chart Agents",
     "We introduce ScopeVL-8B, a vision-language agent for charts, together with ChartPile-2M, a corpus of two "
     "million chart questions.",
     {"ScopeVL-8B", "ChartPile-2M"}, {"ScopeVL-8B": "Model", "ChartPile-2M": "Dataset"}),
    # A loss a proposal is said to be is a training objective: a method, not a metric.
    ("Expert Diversity", "We propose drift-aware regularization, an auxiliary loss that penalises expert collapse.",
     {"drift-aware regularization"}, {"drift-aware regularization": "Method"}),
    # The last of "evaluated on A and B", where A has several words; "On X reasoning questions, ...".
    ("Image to 3D", "We propose MeshLift. It is evaluated on Google Scanned Objects and ObjFlow3D. On ChartQuest "
                    "reasoning questions, MeshLift attains 52.4% accuracy.",
     {"MeshLift"}, {"ObjFlow3D": "Dataset", "ChartQuest": "Dataset"}),
    # "We call ..." at a sentence's start, of a measure too; "... and call the result X".
    ("Less Rollout, More Signal: Gated Sampling for RL",
     "We gate rollouts with a verifier. We call the resulting recipe GateFlow. GateFlow lifts pass@1 on AIME 2024 "
     "from 16.7% to 33.3%.", {"GateFlow"}, {}),
    ("Reading Charts Twice",
     "A model is credited only when it answers both; we call this measure twin accuracy. The best model reaches 58.3% "
     "twin accuracy.", {"twin accuracy"}, {"twin accuracy": "Metric"}),
    ("Open-Vocabulary Detection",
     "We pretrain a detector on 20M region-caption pairs and call the result RegionDet. RegionDet reaches 38.4 box AP "
     "on LVIS.", {"RegionDet"}, {}),
    # "we train <long form> (<acronym>)": a new model, not a known one trained further.
    ("When to Stop Retrieving",
     "Second, we train Evidence-Aware Stopping Control (EASC), a 0.5B classifier fine-tuned from Qwen2.5-0.5B. EASC "
     "improves exact match by 3.4 points over IRCoT.", {"Evidence-Aware Stopping Control"}, {}),
    # Sizes in brackets after listed names; "-4K" counts a dataset's hours, not a model's parameters.
    ("Tiny Speech Recognition", "We design Whisk-Tiny (9M) and Whisk-Small (38M), streaming recognisers for "
                                "microcontrollers.", {"Whisk-Tiny", "Whisk-Small"},
     {"Whisk-Tiny": "Model", "Whisk-Small": "Model"}),
    ("Cooking Video", "We release StepKitchen-4K, 4,000 hours of egocentric cooking video. On it, VideoMAE reaches "
                      "31.5% top-5 accuracy.", {"StepKitchen-4K"}, {"StepKitchen-4K": "Dataset"}),
    # Measures named "... Ratio" or called "a quantity"; a quoted name in apposition.
    ("Rare Tokens", "We measure the tail loss gap, a quantity we term TLG: the loss increase on rare tokens.",
     {"TLG"}, {"TLG": "Metric"}),
    ("Overthinking", "We propose Afterthought Ratio, the fraction of tokens produced after the first correct answer.",
     {"Afterthought Ratio"}, {"Afterthought Ratio": "Metric"}),
    ("Clarifying Questions", 'We propose a method, "Ask-Then-Solve", in which a model is rewarded for asking.',
     {"Ask-Then-Solve"}, {}),
    # "our policy, X" after "pretrain" (no preposition "in"); "On the DTU benchmark, X reduces" (no apposition).
    ("Robot Policies", "We pretrain our policy, FlowPol-S, on 970k trajectories.", {"FlowPol-S"}, {"FlowPol-S": "Model"}),
    ("TetraMesh: Tetrahedral Primitives for Surfaces",
     "In this paper, TetraMesh is proposed. On the DTU benchmark, TetraMesh reduces Chamfer distance by 20%.",
     {"TetraMesh"}, {"TetraMesh": "Method"}),
    # A new name built on a known family's name ("G-LLaVA") or ending in a model's tag ("-VL", "-TTS") is a model.
    ("Geometry Solvers", "We propose GeoSolve, which outperforms G-LLaVA, Halcyon-VL and Matcha-TTS on GeoQA.",
     {"GeoSolve"}, {"G-LLaVA": "Model", "Halcyon-VL": "Model", "Matcha-TTS": "Model"}),
    # "which needs a GPU, X ...": a relative clause's object is no apposition; "we call the resulting model X".
    ("Pocket Forecasters",
     "We distil Chronos-T5-Large into a student, which we dub Sprat. Against TimesFM, which needs a GPU, Sprat stays "
     "within 4% of its MASE.", {"Sprat"}, {"Sprat": "Model"}),  # a student is a model
    ("Sub-Seasonal Forecasting",
     "We fine-tune Aurora on coupled fields; we call the resulting model TideNet. TideNet raises skill.",
     {"TideNet"}, {"TideNet": "Model"}),
    # A described scheme that its sentence goes on to name: the name is proposed, the description is not.
    ("Stable Routing",
     "We develop a bias-only balancing scheme with capacity-aware dispatch, which we term Drift-Aware Routing (DAR), "
     "and generalise it to fine-grained experts.", {"Drift-Aware Routing"}, {}),
    # "that of PAIR from 38% to 7%": a rival's number, not a dataset's; "Sentence-T5" is a T5 model.
    ("Steering Away from Jailbreaks",
     "We propose Rudder. It reduces the attack success rate of GCG on HarmBench from 56.3% to 4.1% and that of PAIR "
     "from 38% to 7%, and beats Sentence-T5 on MTEB.", {"Rudder"}, {"PAIR": "Method", "Sentence-T5": "Model"}),
    # Quantisation settings are known methods, never the paper's new name; continual-learning splits are datasets.
    ("Rotation-Free 4-Bit Quantization",
     "We propose Lattix. The resulting W4A4 models run with INT4 kernels; on Split CIFAR-100 W8A8 is lossless.",
     {"Lattix"}, {"W4A4": "Method", "W8A8": "Method", "Split CIFAR-100": "Dataset"}),
    # A short form the paper defines otherwise than the vocabulary ("ERR", expected reciprocal rank) is the paper's.
    ("Episodic Recall Replay: Faster Q-Learning",
     "We introduce Episodic Recall Replay (ERR), a new experience replay scheme. ERR improves the median score by 20% "
     "on Atari.", {"Episodic Recall Replay"}, {"Episodic Recall Replay": "Method"}),
    # "Our answer is X, a ..."; "X, a ... subset of Y that we publicly release" (a name built on a known one);
    # not "using reversible instance normalization (RevIN)", a definition of what the work uses.
    ("Do Graph Transformers Need Attention?", "Our answer is CurvWire, a graph rewiring method that adds edges.",
     {"CurvWire"}, {}),
    ("Online Data Selection", "Our contributions are: (1) a cheap influence approximation; (2) DCLM-Sift, a 2.1T-token "
                              "curated subset of DCLM-Pool that we publicly release.", {"DCLM-Sift"}, {}),
    ("Linear Forecasters", "We propose Spectrum-TS, a linear forecaster, using reversible instance normalization (RevIN) "
                           "to handle shift.", {"Spectrum-TS"}, {}),
    # A count of items after a name ("-17k", "-2k") makes a dataset, even of a name built on a known method's.
    ("Entropy-Calibrated RL",
     "We propose ECRL, trained on DAPO-Math-17k and MathVerse-2k.", {"ECRL"},
     {"DAPO-Math-17k": "Dataset", "MathVerse-2k": "Dataset"}),
    # A name before a passive "is proposed" stops at a full stop, and "proposed by <someone>" is not the paper's.
    ("Terminal Agents", "We propose ShellFix. Repairs are proposed by a small model.", {"ShellFix"}, {}),
    # A name the work's artefact is released or coined under, and a dataset the work collects.
    ("Process Rewards", "We train a 7B PRM on 1.2 million counterfactually labelled steps and release it as CFPRM-7B.",
     {"CFPRM-7B"}, {}),
    ("KV Eviction", "We extend SnapKV to the decoding phase. We coin the result RollingSnap.", {"RollingSnap"}, {}),
    ("Egocentric Cooking", "We collect GazeKitchen, 120 hours of egocentric cooking video with gaze.", {"GazeKitchen"}, {}),
    # Names listed after a count of what they are, the work's own variant, and a plain word in brackets after
    # the description (an acronym there stays the description's short form).
    ("Summarization", "We propose two methods, SegSum and HierFuse: SegSum summarizes segments, while HierFuse fuses "
     "them.", {"SegSum", "HierFuse"}, {}),
    ("Keyword Spotting", "We introduce Whisk, a keyword spotting transformer, and its variant Whisk-Lite, which shares "
     "weights across layers.", {"Whisk", "Whisk-Lite"}, {}),
    ("Expert Placement", "We propose a topology-aware expert placement scheduler (Perch) that co-locates experts. Perch "
     "speeds up training.", {"Perch"}, {}),
    ("Policy Optimization", "We propose Entropy-Calibrated Policy Optimization (ECPO), which rescales advantages. We "
     "compare two methods, GRPO and DAPO.", {"Entropy-Calibrated Policy Optimization"}, {}),
    # Not what "as" names that is no name, nor data collected from a known dataset.
    ("Open Models", "We propose Tern. We publish them as part of the suite. We collect demonstrations from LIBERO.",
     {"Tern"}, {}),
]

def _extract(extractor, title: str, abstract: str):
    extraction = extractor.extract(make_paper(SourceRef("test", 1), {"title": title, "abstract": abstract}))
    by_id = {e.id: e for e in extraction.entities}
    roles: dict[str, set[str]] = {}
    for relation in extraction.relations:
        roles.setdefault(by_id[relation.object].name, set()).add(relation.predicate)
    return extraction, roles


@pytest.fixture(scope="module")
def extractor():
    return load_extractor()


@pytest.mark.parametrize("title, abstract, proposed, types", CASES, ids=[c[0] for c in CASES])
def test_extract_unseen_abstract_proposals(extractor, title, abstract, proposed, types):
    extraction, roles = _extract(extractor, title, abstract)
    assert {name for name, found in roles.items() if "proposes" in found} == proposed
    names = {e.name: e.type for e in extraction.entities}
    for name, kind in types.items():
        assert names.get(name) == kind, f"{name}: {names.get(name)}, expected {kind}"


def test_extract_unseen_baseline_apposition_is_not_a_proposal(extractor):
    """An apposition after a kind noun is the paper's own only in a sentence that introduces something."""
    _, roles = _extract(extractor, "Faster Decoding",
                        "We compare against a strong baseline model, LLaMA-7B, and find our decoder 2x faster.")
    assert "proposes" not in roles["LLaMA-7B"]


def test_extract_unseen_roles(extractor):
    _, roles = _extract(extractor, "Adapters Revisited",
                        "We propose DoubleLoRA, which extends LoRA with a second low-rank path. DoubleLoRA outperforms "
                        "LoRA and DoRA on GLUE while adding 0.1% parameters.")
    assert roles["DoubleLoRA"] == {"proposes"} and "builds_on" in roles["LoRA"] and roles["DoRA"] == {"compares_with"}
    _, roles = _extract(extractor, "Memory Efficient Training",
                        "We introduce ZeRO-Lite, which shards optimizer states asynchronously. Unlike FSDP, ZeRO-Lite "
                        "overlaps communication fully.")
    assert roles["ZeRO-Lite"] == {"proposes"} and roles["Fully Sharded Data Parallel"] == {"compares_with"}
    _, roles = _extract(extractor, "Long Context",
                        "Compared with speculative decoding, our method LongSpec achieves 2x lower latency on LongBench.")
    assert roles["LongSpec"] == {"proposes"} and roles["speculative decoding"] == {"compares_with"}


def test_extract_unseen_results_named_by_their_metric(extractor):
    extraction, _ = _extract(extractor, "Translation",
                             "We present PolyMT, a multilingual translation model that achieves 45.3 BLEU on WMT14 "
                             "English-German, a 1.2 BLEU improvement over mBART.")
    results = {r.value_text: r for r in extraction.results}
    assert set(results) == {"45.3", "1.2"}
    assert (results["45.3"].metric, results["45.3"].dataset) == ("bleu", "wmt14")
    assert results["1.2"].baseline == "mbart"
    extraction, _ = _extract(extractor, "Reasoning Models",
                             "Built on top of Llama-3-8B, we present ThinkLlama, a reasoning model. ThinkLlama reaches "
                             "62.1% on MATH, 8.4 points above Llama-3-8B.")
    results = {r.value_text: r for r in extraction.results}
    assert results["8.4 points"].baseline == "llama38b" and results["62.1%"].dataset == "math"


def test_extract_unseen_metrics_no_vocabulary_names(extractor):
    """Measures named in plain words are metrics when a number is given for them."""
    extraction, roles = _extract(extractor, "Faster Editing",
                                 "We propose QuickEdit, which achieves a 3x increase in editing speed and improves "
                                 "image quality by 12% over InstructPix2Pix.")
    assert roles["editing speed"] == roles["image quality"] == {"reports"}
    assert {r.value_text: r.metric for r in extraction.results} == {"3x": "editingspeed", "12%": "imagequality"}
    extraction, roles = _extract(extractor, "Audio Models",
                                 "Our vocoder reduces the real-time factor to 0.02 and raises the harmonic-to-noise ratio "
                                 "by 1.5 dB on VCTK.")
    results = {r.value_text: r for r in extraction.results}
    assert results["0.02"].metric == "real-time-factor" and results["0.02"].unit is None
    assert results["1.5 dB"].metric == "harmonictonoiseratio"


def test_extract_unseen_metric_after_a_change_and_parameters_given_against_others(extractor):
    """"a 7.4x reduction in latency" reports latency (not a metric "reduction in latency"); a parameter
    count given against another's is reported, a model's size alone is not."""
    extraction, roles = _extract(extractor, "Few-Step Generation",
                                 "We propose Tern. Each image takes four steps, a 7.4x reduction in latency relative to "
                                 "the teacher, and Tern matches GraphCast with 5x fewer parameters.")
    assert {r.value_text: r.metric for r in extraction.results} == {"7.4x": "latency", "5x": "parameter-count"}
    assert roles["latency"] == roles["parameter count"] == {"reports"}
    extraction, roles = _extract(extractor, "Adapters",
                                 "We propose Wisp, which adds fewer than 2% parameters; we then scale a 7B model to 70B "
                                 "parameters.")
    assert {r.value_text: r.metric for r in extraction.results} == {"2%": "parameter-count"}
    # The sizes of the models a work runs are its setup, not results; a count said against others' is one.
    extraction, _ = _extract(extractor, "Scaling Study",
                             "We train 40 decoder-only models from 125M to 7B parameters. Divergence is rare below 1B "
                             "parameters, and our smallest model has just 31M parameters.")
    assert {r.value_text: r.metric for r in extraction.results} == {"31M": "parameter-count"}


def test_extract_unseen_no_name_across_a_full_stop(extractor):
    """"We propose Zephra. We benchmark Zephra ...": "benchmark" is a verb here, and no name runs across the full stop."""
    extraction, roles = _extract(extractor, "Math Reasoning", "We propose Zephra. We benchmark Zephra using GSM8K.")
    assert roles == {"Zephra": {"proposes"}, "GSM8K": {"evaluated_on"}}


def test_extract_unseen_number_tied_past_a_dataset_and_thousands(extractor):
    """"perplexity on WikiText-103 to 17.2" ties 17.2 to perplexity; "is 3,200 tokens per second" is 3,200, not 3."""
    extraction, _ = _extract(extractor, "Language Models",
                             "We propose Zephra, which reduces perplexity on WikiText-103 to 17.2. Its throughput is "
                             "3,200 tokens per second.")
    results = {r.value_text: r for r in extraction.results}
    assert (results["17.2"].metric, results["17.2"].dataset) == ("perplexity", "wikitext-103")
    assert results["3,200"].value == 3200 and "3" not in results


def test_extract_unseen_metric_with_its_own_number_is_not_anothers(extractor):
    extraction, _ = _extract(extractor, "Robot Policies",
                             "We propose FastVLA, raising the success rate from 70.2% to 91.5% while increasing "
                             "action throughput by 20x.")
    results = {r.value_text: r for r in extraction.results}
    assert (results["91.5%"].metric, results["91.5%"].from_value) == ("success-rate", 70.2)
    assert results["20x"].metric == "actionthroughput"


@pytest.mark.parametrize(
    "abstract, base",
    [
        ("We propose S6X, which builds upon the Mamba architecture and adds gated convolutions.", "Mamba"),
        ("Our approach, QuickDDIM, is based on DDIM and needs only 4 steps.", "DDIM"),
        ("Starting from a pretrained Stable Diffusion model, we train EditDiff on 1M image pairs.", "Stable Diffusion"),
        ("We fine-tune Llama-2-7B on 50k dialogues to obtain ChatLlama.", "Llama-2-7B"),
        ("We present VeLoRA, a variant of LoRA that shares random projections across layers.", "LoRA"),
        ("Inspired by AlphaZero, we design MuGo, a search-based agent for Go.", "AlphaZero"),
        ("We introduce ZeRO-Lite, which improves upon ZeRO by sharding optimizer states asynchronously.", "ZeRO"),
        # A study or a limit of X, a port, a change to it, a passive extension, a model trained further.
        ("We analyze the communication and memory traffic of ZeRO-3 and propose bucket fusion.", "ZeRO"),
        ("We identify softmax rescaling as the main bottleneck of FlashAttention-2 on H100 GPUs.", "FlashAttention-2"),
        ("We identify this uniform allocation as the main limitation of SnapKV and propose HeadBudget.", "SnapKV"),
        # What the work is built from, and a part of X it replaces, however many words name the part.
        ("We present Duet. Duet is built from the llama.cpp code base and adds a graph partitioner.", "llama.cpp"),
        ("This paper replaces the fixed-resolution CLIP ViT-L/14 encoder of LLaVA-1.5 with an elastic tower.",
         "LLaVA-1.5"),
        # The system the work is a plug-in for.
        ("We propose PageHold, a page-granular eviction policy. PageHold is implemented as a plugin for vLLM.",
         "vLLM"),
        ("We port PagedAttention to Apple silicon with gather-friendly tiles.", "PagedAttention"),
        ("We propose a simple modification to Adam that warms up the second moment.", "Adam"),
        ("ControlNet is extended with temporal attention layers to drive video diffusion.", "ControlNet"),
        ("A pretrained wav2vec 2.0 model is fine-tuned with a phoneme-level CTC objective.", "wav2vec 2.0"),
        ("We take DINOv2 as a starting point and continue training on egocentric frames.", "DINOv2"),
        ("Fine-tuned from Qwen2.5-7B, QuillMath reaches 84.6% accuracy on GSM8K.", "Qwen2.5-7B"),
        ("We propose ImplicitStep. ImplicitStep-7B, trained from Qwen2.5-Math-7B-Instruct, reaches 68.2.",
         "Qwen2.5-Math-7B-Instruct"),
        ("We train Qwen2.5-Math-7B and DeepSeek-R1-Distill-Qwen-1.5B on DAPO-Math-17K with our objective.",
         "DeepSeek-R1-Distill-Qwen-1.5B"),
        ("We continue pretraining Llama-2-7B on 50B tokens of repository-level code.", "Llama-2-7B"),
        ("We scale GAT to graphs with billions of edges by partitioning them.", "GAT"),
        # "speeds up X" makes X faster; it is not a rival X is faster than.
        ("We propose DiffCache, which speeds up Stable Diffusion XL inference by reusing features.", "SDXL"),
        # What the work is an implementation of, or a small change to.
        ("We present ShardMu, a distributed implementation of Muon that assigns whole matrices to ranks.", "Muon"),
        ("We propose query recycling. Query recycling also benefits Deformable DETR, improving it by 2.1 mAP.",
         "Deformable DETR"),
        ("We propose VarRoll, a drop-in change to the GRPO sampler that reallocates rollouts by variance.",
         "Group Relative Policy Optimization"),
        # A new one of a known kind, unnamed: "we present a radix join", "a novel speculative decoding method".
        ("We present a radix join that detects hot keys with a count-min sketch per thread.", "radix join"),
        ("We propose a novel speculative decoding method that drafts tokens with a small model.",
         "speculative decoding"),
    ],
)
def test_extract_unseen_builds_on(extractor, abstract, base):
    _, roles = _extract(extractor, "A Paper", abstract)
    assert "builds_on" in roles[base]


def test_extract_unseen_attention_a_title_is_about_is_built_on(extractor):
    """A title about attention itself ("Exact Attention", "Fused Attention-MLP Blocks") names self-attention
    (its pg:titleLabel), which the work builds on: after "Fast and Memory-Efficient", whose "and" joins two
    qualities, and after "Fused", which holds no "used". Not a title's known kind of attention, past a number
    format ("Block-Sparse FP8 Attention"), nor another name holding the word ("Attention Sinks")."""
    for title in ("Fast and Memory-Efficient Exact Attention with IO-Awareness",
                  "Kernfuse: Compiling Fused Attention-MLP Blocks to Triton Kernels"):
        _, roles = _extract(extractor, title, "We present Kernfuse, a compiler pass for Transformer blocks.")
        assert roles["self-attention"] == {"builds_on"}, title
    _, roles = _extract(extractor, "Tessel: Block-Sparse FP8 Attention on H100 Tensor Cores",
                        "We present Tessel, a kernel.")
    assert "self-attention" not in roles
    _, roles = _extract(extractor, "Attention Sinks Are Not Enough", "We propose SinkKeep, an eviction policy.")
    assert "self-attention" not in roles and "attention sink" in roles


def test_extract_unseen_a_drop_in_replacement_for_a_part_is_no_extension(extractor):
    """A drop-in replacement for a part of X stands in for that part inside X, which the work uses; replacing
    a part of X changes X."""
    _, roles = _extract(extractor, "Sparse Caches", "We propose SparseKV. SparseKV is implemented as a drop-in "
                        "replacement for the cache manager of vLLM.")
    assert "builds_on" not in roles["vLLM"]
    _, roles = _extract(extractor, "Sparse Caches", "We propose SparseKV. SparseKV replaces the cache manager "
                        "of vLLM.")
    assert "builds_on" in roles["vLLM"]


def test_extract_unseen_new_names_made_from_known_ones(extractor):
    """A known name with a tag after it, as a proposal cue's object, is a new name ("We propose Mamba Plus"),
    and so is a name with a known base in apposition to what the work makes of a model ("We distill OpenVLA
    into a 300M-parameter policy, OpenVLA-Edge, ..."). A known name alone stays the known one."""
    _, roles = _extract(extractor, "Entropy Collapse", "We propose Mamba Plus, an asymmetric clipping rule. "
                        "Mamba Plus outperforms Mamba by 2 points.")
    assert roles["Mamba Plus"] == {"proposes"} and "proposes" not in roles["Mamba"]
    _, roles = _extract(extractor, "On-Device Policies", "We distill OpenVLA into a 300M-parameter policy, "
                        "OpenVLA-Edge, that runs on a Jetson Thor at 50 Hz.")
    assert "proposes" in roles["OpenVLA-Edge"] and "proposes" not in roles["OpenVLA"]
    _, roles = _extract(extractor, "Faster Attention", "We propose FlashAttention-2, with better work partitioning.")
    assert roles["FlashAttention-2"] == {"proposes"}


def test_extract_unseen_released_code_and_the_models_a_title_is_for(extractor):
    """Code released as a plugin for X says where the code is, not what the work extends; a technique that
    qualifies the Transformers a title's work is for ("for Rectified-Flow Transformers") is used, and a
    "Reuse" in the title holds no "use" cue."""
    _, roles = _extract(extractor, "Gated Rollouts",
                        "We propose RollGate, a sampler for RL. We release our code as a plugin for verl.")
    assert "builds_on" not in roles["verl"]
    _, roles = _extract(extractor, "Gated Rollouts",
                        "We propose RollGate, a sampler for RL. The implementation is publicly available as a "
                        "plug-in for vLLM.")
    assert "builds_on" not in roles["vLLM"]
    _, roles = _extract(extractor, "Not Every Step Needs Every Block: Training-Free Feature Reuse for "
                        "Rectified-Flow Transformers", "We propose BlockSkip, a cache.")
    assert roles["rectified flow"] == {"uses"}
    _, roles = _extract(extractor, "Feature Reuse for Rectified Flow", "We propose BlockSkip, a cache.")
    assert roles["rectified flow"] == {"builds_on"}


def test_extract_unseen_a_comma_before_a_clause_is_no_list(extractor):
    """"Fine-tuned from Qwen2.5-7B, QuillMath reaches ...": QuillMath is the clause's subject, not the next
    name of what the work builds on; "over vLLM, SGLang, and TensorRT-LLM" is a list."""
    _, roles = _extract(extractor, "A Paper", "Fine-tuned from Qwen2.5-7B, QuillMath reaches 84.6% accuracy on GSM8K.")
    assert "builds_on" not in roles["QuillMath"]
    _, roles = _extract(extractor, "A Paper", "We compare with vLLM, SGLang, and TensorRT-LLM.")
    assert roles["vLLM"] == roles["SGLang"] == roles["TensorRT-LLM"] == {"compares_with"}


def test_extract_unseen_improving_on_a_score_is_comparing(extractor):
    _, roles = _extract(extractor, "A Paper", "We propose TinyRank, which improves on BM25 by 3.2 points of NDCG@10.")
    assert roles["BM25"] == {"compares_with"}


def test_extract_unseen_matching_and_rivalling_compare(extractor):
    _, roles = _extract(extractor, "A Paper", "Our method, SlimViT, matches DeiT-S with 10x fewer FLOPs on ImageNet.")
    assert roles["DeiT-S"] == {"compares_with"}  # a size of DeiT, its own entity
    _, roles = _extract(extractor, "A Paper", "We introduce NanoLM, a 100M model that rivals GPT-2 XL on HellaSwag.")
    assert roles["GPT-2 XL"] == {"compares_with"}


@pytest.mark.parametrize(
    "abstract, rivals",
    [
        ("On MMMU, PolyVista-8B scores 54.1 and lags behind GPT-4o by only 3 points.", ["GPT-4o"]),
        ("We present Marlin-7B. Marlin-7B achieves GPT-3.5-level performance on MT-Bench.", ["GPT-3.5"]),
        ("We introduce OrganSeg-Lite. It exceeds the Dice score of nnU-Net on BTCV by 1.8%.", ["nnU-Net"]),
        ("We present TabGlue. TabGlue edges out XGBoost and TabPFN in mean ROC-AUC.", ["XGBoost", "TabPFN"]),
    ],
)
def test_extract_unseen_rivals_behind_level_and_scores_of(extractor, abstract, rivals):
    """"lags behind X", "X-level performance", "exceeds the Dice score of X", "edges out X": X is a rival."""
    _, roles = _extract(extractor, "A Paper", abstract)
    assert [roles[name] for name in rivals] == [{"compares_with"}] * len(rivals)


def test_extract_unseen_sizes_and_tags_of_known_models(extractor):
    """"Whisper-small", "Gemma-2B-it", "Transformer-big", "T5-large": a known model's size or tag, written
    lower-case after a hyphen, is a model of its own, not lost, and "T5" is short but still its base."""
    extraction, roles = _extract(extractor, "Adapters",
                                 "Inserting AccentAdapt into Whisper-small reduces its word error rate. We also tune "
                                 "Gemma-2B-it and compare with Transformer-big and T5-large.")
    types = {e.name: e.type for e in extraction.entities}
    assert [types.get(n) for n in ("Whisper-small", "Gemma-2B-it", "Transformer-big", "T5-large")] == ["Model"] * 4
    assert roles["Transformer-big"] == roles["T5-large"] == {"compares_with"}


def test_extract_unseen_data_sources_splits_and_data_measured_on_after_training(extractor):
    """Where data comes from is used; a split names a dataset; data trained on and then measured on is
    evaluated on too; parts of a benchmark ("12 tasks from RoboTwin") are what is evaluated on."""
    extraction, roles = _extract(extractor, "Code RL",
                                 "We present CodeForge. Problems are collected from TACO, APPS and CodeContests. "
                                 "We also fine-tune on 3K trajectories collected in WebArena. "
                                 "We retarget clips from the AMASS dataset. Training uses the Ref-YouTube-VOS and "
                                 "MeViS training splits. It is trained on 1,390 trajectories from the ATLAS dataset. "
                                 "On held-out ATLAS proteins, CodeForge reaches a divergence of 0.21, and it sets a new "
                                 "state of the art on the MeViS validation set with a score of 58.9. We evaluate it on "
                                 "12 tasks from RoboTwin.")
    types = {e.name: e.type for e in extraction.entities}
    assert roles["TACO"] == roles["APPS"] == roles["CodeContests"] == roles["AMASS"] == roles["WebArena"] == {"uses"}
    assert types["Ref-YouTube-VOS"] == types["MeViS"] == types["RoboTwin"] == "Dataset"
    assert roles["ATLAS"] == {"uses", "evaluated_on"} and roles["RoboTwin"] == {"evaluated_on"}
    # ... but a workload drawn from a dataset is measured on it.
    _, roles = _extract(extractor, "Kernels", "We propose WarpSplit. It is 2.2x faster on variable-length batches drawn "
                                             "from the ShareGPT length distribution.")
    assert roles["ShareGPT"] == {"evaluated_on"}


def test_extract_unseen_metrics_at_a_cut_off_and_descriptions_that_are_no_names(extractor):
    """"Pass@32" and "maj@64" are metrics the vocabulary has as pass@k and maj@k; "a 600B-token Finnish-English
    corpus" describes a corpus and names none."""
    extraction, roles = _extract(extractor, "Reasoning", "We propose X. X raises Pass@32 and maj@64 on AIME2025 over "
                                                         "GRPO, trained on a 600B-token Finnish-English corpus.")
    types = {e.name: e.type for e in extraction.entities}
    assert types["Pass@32"] == types["maj@64"] == "Metric" and roles["Pass@32"] == {"reports"}
    assert "Finnish-English" not in types


def test_extract_unseen_a_time_that_says_when_is_no_metric(extractor):
    """"at inference time", "during compile time", "at run time" say when something happens; the same words
    measured ("Compile time drops by 30%") are the metric."""
    _, roles = _extract(extractor, "Constant Folding", "We fold constants at compile time and prune experts at "
                                                       "inference time, so latency falls by 20% on an A100.")
    assert "compilation time" not in roles and "inference time" not in roles and roles["latency"] == {"reports"}
    _, roles = _extract(extractor, "Kernel Selection", "At run time, our scheduler picks kernels. Compile time drops "
                                                       "by 30% and inference time by 2x.")
    assert roles["compilation time"] == roles["inference time"] == {"reports"} and "runtime" not in roles


def test_extract_unseen_a_short_form_measured_is_the_metric_it_shares_with_a_name(extractor):
    """"MAE" measured ("a test MAE of 0.071", "MAE on X from 0.250 to 0.243") is the mean absolute error, which
    the paper reports, with its results; "a pretrained MAE" is still the masked autoencoder. "41.2 PQ" is
    panoptic quality, not product quantization; a frame rate beside it ("at 30 fps") is its own metric."""
    extraction, roles = _extract(extractor, "Curvature Rewiring",
                                 "We propose Quiver, a rewiring for graph Transformers. On ZINC, Quiver attains a test "
                                 "MAE of 0.071 and reduces its MAE on Peptides-struct from 0.250 to 0.243. Our image "
                                 "branch is initialised from a pretrained MAE.")
    assert roles["mean absolute error"] == {"reports"} and roles["MAE"] == {"builds_on"}
    measured = {(r.value, r.metric, r.dataset) for r in extraction.results}
    assert {(0.071, "mean-absolute-error", "zinc"), (0.243, "mean-absolute-error", "peptides-struct")} <= measured
    extraction, roles = _extract(extractor, "Panoptic Segmentation on the Edge",
                                 "We present EdgeSeg. On COCO it reaches 41.2 PQ at 30 fps on a Jetson Orin.")
    assert roles["panoptic quality"] == {"reports"} and "product quantization" not in roles
    assert {(r.value, r.metric) for r in extraction.results} == {(41.2, "panoptic-quality"), (30.0, "frames-per-second")}


def test_extract_unseen_a_count_given_a_number_is_a_measure(extractor):
    """"The number of API calls per solved task drops by 23%" reports the number of API calls, with its result;
    a count the work varies ("Scaling the number of environments from 5k to 41k") and one given no number are
    none."""
    extraction, roles = _extract(extractor, "Tool Agents",
                                 "We propose Zephra. The number of API calls per solved task drops by 23%, and it "
                                 "reduces the number of visual tokens by 4.5x. Scaling the number of environments "
                                 "from 5k to 41k improves the resolve rate. The number of layers is unchanged.")
    assert roles["number of API calls"] == roles["number of visual tokens"] == {"reports"}
    assert "number of environments" not in roles and "number of layers" not in roles
    assert {(r.value, r.metric) for r in extraction.results} >= {(23.0, "numberofapicalls"), (4.5, "numberofvisualtokens")}


def test_extract_unseen_two_unknown_acronyms_side_by_side_are_one_name(extractor):
    """"the IFS HRES forecast" is one baseline, not IFS and HRES; acronyms the vocabulary knows stay apart
    ("CPU DRAM": DRAM, the CPU's; "NVIDIA RTX 3090": the RTX 3090)."""
    extraction, roles = _extract(extractor, "Global Weather Forecasting",
                                 "We propose StratoNO. Against the IFS HRES forecast, StratoNO achieves lower error on "
                                 "84% of targets. It keeps cold pages in CPU DRAM and trains on one NVIDIA RTX 3090.")
    names = {e.name for e in extraction.entities}
    assert roles["IFS HRES"] == {"compares_with"} and not names & {"IFS", "HRES"}, names
    assert {"DRAM", "RTX 3090"} <= names and "CPU DRAM" not in names, names


def test_extract_unseen_an_energy_unit_or_a_toolkit_acronym_is_no_name(extractor):
    """"42 mJ per forecast" is a value and its unit; a vendor's "SDK" and a chip's "RTL" are everyday words of
    systems papers, not methods, and so is an "MLP", a class of networks like a CNN; the runtime and NPU beside
    them stay what they are."""
    extraction, roles = _extract(extractor, "Forecasting on the Edge",
                                 "We propose Zephra, which runs through the QNN SDK on the Hexagon NPU at 42 mJ per "
                                 "forecast. We synthesise its RTL in a 7 nm process and distil its head into a tiny "
                                 "MLP.")
    names = {e.name for e in extraction.entities}
    assert not names & {"mJ", "SDK", "RTL", "MLP"}, names
    assert roles["Zephra"] == {"proposes"}


def test_extract_unseen_benchmark_names_and_names_completing_a_list(extractor):
    """"Full-Duplex-Bench" and "Seed-TTS-eval" are benchmarks; a one-word name that ends (or starts) a list of
    known datasets is one too ("... MuSiQue and Bamboogle"), but not the subject after the list; models listed
    after "experiments on" stay models."""
    extraction, roles = _extract(extractor, "Retrieval",
                                 "We propose GateRAG. On the test sets of HotpotQA, 2WikiMultiHopQA, MuSiQue and "
                                 "Bamboogle, GateRAG improves exact match by 6.3 points. We train on Hypersim, KITTI and "
                                 "ETH3D. On Full-Duplex-Bench and Seed-TTS-eval, it reaches 91.4%. Experiments on "
                                 "DeepSeek-V2-Lite, FooNet-7B and Qwen3-30B-A3B show gains.")
    types = {e.name: e.type for e in extraction.entities}
    assert [types.get(n) for n in ("Bamboogle", "Hypersim", "Full-Duplex-Bench", "Seed-TTS-eval")] == ["Dataset"] * 4
    assert roles["Bamboogle"] == {"evaluated_on"} and types["GateRAG"] == "Method"
    # One known name is enough in a list a comparison opens: "Compared with S-LoRA and Punica".
    _, roles = _extract(extractor, "Serving Adapters", "We present AdapterPool. Compared with S-LoRA and Punica, "
                                                       "AdapterPool improves throughput by 2.3x.")
    assert roles["Punica"] == {"compares_with"}
    # ... and so are names not yet typed: "exceeding Math-Shepherd and Qwen2.5-Math-PRM-7B", "such as Tutel and ...".
    _, roles = _extract(extractor, "Process Rewards", "We propose ImplicitStep. It reaches an F1 of 68.2, exceeding "
                                                      "Math-Shepherd and Qwen2.5-Math-PRM-7B. Systems such as Tutel and "
                                                      "DeepSpeed-MoE overlap communication.")
    assert roles["Math-Shepherd"] == roles["Qwen2.5-Math-PRM-7B"] == {"compares_with"} and "Tutel" in roles
    # The list's last name may end the sentence: "... such as FasterTransformer and Orca."
    _, roles = _extract(extractor, "Serving", "We present Ranger. Ranger raises throughput by 2-4x compared to "
                                              "state-of-the-art systems such as FasterTransformer and Orca.")
    assert roles.get("Orca") == {"compares_with"}
    # A capitalised word with "++" is a name of its own, wherever it stands: "the perplexity of Transformer++".
    _, roles = _extract(extractor, "Gated Recurrences", "We propose Gatekeeper. It matches the perplexity of "
                                                        "Transformer++ at 1.3B parameters, while C++ code runs it.")
    assert roles.get("Transformer++") == {"compares_with"} and "C++" not in roles
    # The ODE samplers diffusion papers compare with are known methods.
    _, roles = _extract(extractor, "Fewer Steps", "We propose QuickStep. It reduces FID from 15.3 to 6.1 relative to "
                                                  "the Euler sampler at 8 steps and beats Heun's method.")
    assert roles.get("Euler sampler") == roles.get("Heun sampler") == {"compares_with"}
    assert types["DeepSeek-V2-Lite"] == types["FooNet-7B"] == "Model"


def test_extract_unseen_no_roles_from_others_experiments_plans_or_limits(extractor):
    """What other papers evaluated or ran on, what the work plans or has not done, are no roles of the paper."""
    _, roles = _extract(extractor, "Texture Captions",
                        "Earlier studies evaluated the zero-shot transfer of CLIP on ImageNet and MS-COCO. Modern "
                        "accelerators such as the TPU v4 and the A100 are underused. We present TexCap, which improves "
                        "CIDEr by 11.4 on DTD over a generic captioner on an RTX 3090, higher than the 45% reported "
                        "for Megatron-LM on H100 clusters. We plan to evaluate TexCap on NoCaps in future work, and "
                        "our implementation does not yet run on the Apple M2.")
    assert roles["DTD"] == {"evaluated_on"} and roles["RTX 3090"] == {"runs_on"}
    for name in ("ImageNet", "MS-COCO", "NoCaps", "TPU v4", "A100", "H100", "Apple M2"):
        assert roles.get(name, {"mentions"}) == {"mentions"}, (name, roles.get(name))


def test_extract_unseen_clauses_about_other_work_give_the_paper_no_role(extractor):
    """"Unlike X, which builds on Y", "Prior work extends LoRA", "Mamba builds on S4": Y, LoRA and S4 are what
    other work builds on; the sentence turning back to the paper's own ("..., StillCache operates ... with token
    merging") gives roles again."""
    _, roles = _extract(extractor, "Video Caching",
                        "Prior work extends LoRA to multiple tasks. Mamba builds on S4 with selective scans. We introduce "
                        "StillCache, which builds on DoRA. Unlike ControlNet, which builds on Stable Diffusion, "
                        "StillCache operates at token granularity, combined with token merging for cached tokens.")
    assert roles["LoRA"] == roles["S4"] == roles["Stable Diffusion"] == {"mentions"}
    assert roles["DoRA"] == {"builds_on"} and roles["ControlNet"] == {"compares_with"}
    assert roles["token merging"] == {"uses"}
    # A sentence whose subject compares the work with prior methods is about the work: "It surpasses prior
    # methods, including SnapKV and Quest" (not "Prior methods such as SnapKV evict tokens").
    _, roles = _extract(extractor, "Long Context",
                        "Prior methods such as H2O evict tokens. We propose RingKV. It surpasses prior methods, "
                        "including SnapKV and Quest, by a large margin.")
    assert roles["SnapKV"] == roles["Quest"] == {"compares_with"} and roles["H2O"] == {"mentions"}
    # "In contrast to X, the work ..." sets X against the work, as "Unlike X," does.
    _, roles = _extract(extractor, "Long Context",
                        "We propose RingKV. In contrast to StreamingLLM, RingKV retrieves evicted tokens.")
    assert roles["StreamingLLM"] == {"compares_with"}
    # What other work did to mend a problem: "SBERT (...) addressed this by fine-tuning BERT".
    _, roles = _extract(extractor, "Sentence Embeddings",
                        "Sentence-BERT (SBERT) addressed this by fine-tuning BERT in a siamese network. We propose "
                        "DualSim, which adds an alignment loss.")
    assert roles["BERT"] == {"mentions"}


def test_extract_unseen_a_measure_qualified_by_an_activity_is_the_known_metric(extractor):
    """"decoding throughput", "serving latency": the known metrics throughput and latency, as written."""
    extraction, _ = _extract(extractor, "Serving", "We propose X. X increases decoding throughput by 2.4x and cuts "
                                                   "serving latency by 30%.")
    metrics = {r.value_text: r.metric for r in extraction.results}
    assert metrics == {"2.4x": "throughput", "30%": "latency"}
    assert {m.text for m in extraction.mentions if m.entity_id == "throughput"} == {"decoding throughput"}


def test_extract_unseen_a_clause_word_is_no_part_of_a_measure(extractor):
    extraction, roles = _extract(extractor, "Robots", "We propose KeyDP. On the real robot, it improves success rate by "
                                                      "24 points while reducing latency to 38 ms on a Jetson AGX Orin.")
    assert {e.name for e in extraction.entities if e.type == "Metric"} == {"success rate", "latency"}


def test_extract_unseen_types_of_unknown_names_from_their_place(extractor):
    # A score measured on a name, a sentence opening on a list of names: datasets. A name compared
    # against is a rival even when shaped like a dataset ("One-2-3-45"); "image-to-3D" is a task.
    # "improves J&F on LVOS-X and SA-Vid", "exceeds earlier training-free methods on RefClip": where the work
    # scored better; "policies trained with X achieve higher win rates on Arena-Hard" names no training data.
    extraction, roles = _extract(extractor, "Avatars",
                                 "We introduce GaussRig. GaussRig achieves a PSNR of 32.4 dB on ZJU-MoCap. On DOCCI and "
                                 "IIW, captions from our model are preferred. SnapMesh, an image-to-3D model, improves "
                                 "Chamfer distance over One-2-3-45 by 23%. GaussRig improves J&F on LVOS-X and SA-Vid, "
                                 "and exceeds earlier training-free methods on RefClip. Policies trained with GaussRig "
                                 "rewards achieve higher win rates on Arena-Hard.")
    types = {e.name: e.type for e in extraction.entities}
    assert types["ZJU-MoCap"] == types["DOCCI"] == types["IIW"] == "Dataset"
    assert types["LVOS-X"] == types["SA-Vid"] == types["RefClip"] == "Dataset"
    for dataset in ("ZJU-MoCap", "DOCCI", "IIW", "LVOS-X", "SA-Vid", "RefClip", "Arena-Hard"):
        assert roles[dataset] == {"evaluated_on"}, dataset
    assert (types["One-2-3-45"], roles["One-2-3-45"]) == ("Method", {"compares_with"})
    # A name shaped like a device after "improves ... on" or "and on" stays a device.
    extraction, _ = _extract(extractor, "Fast Kernels",
                             "We propose Tessa. Tessa improves throughput on RTX-9090, and runs on H300 and on Jetson-Z9.")
    assert {e.name: e.type for e in extraction.entities if e.name != "Tessa"} == dict.fromkeys(
        ("RTX-9090", "H300", "Jetson-Z9", "throughput"), "Hardware"
    ) | {"throughput": "Metric"}

def test_extract_unseen_datasets_and_hardware(extractor):
    _, roles = _extract(extractor, "A Paper",
                        "We propose EdgeLM and evaluate it on three benchmarks: AlpacaEval, Arena-Hard and WildBench-V2.")
    assert roles["AlpacaEval"] == roles["Arena-Hard"] == roles["WildBench-V2"] == {"evaluated_on"}
    extraction, roles = _extract(extractor, "A Paper",
                                 "We propose EdgeLM, which runs at 30 tokens/s on a Jetson Orin Nano and at 95 tokens/s "
                                 "on 4 NVIDIA L40S GPUs, and reaches 1.2 PFLOPs on Gaudi2 accelerators.")
    assert roles["Jetson Orin Nano"] == roles["L40S"] == roles["Intel Gaudi 2"] == {"runs_on"}
    assert "PFLOPs" not in roles and "NVIDIA" not in roles  # a unit and a maker are no entities
    hardware = {r.value_text: r.hardware for r in extraction.results}
    assert hardware == {"30 tokens/s": "jetson-orin-nano", "95 tokens/s": "l40s", "1.2 PFLOPs": "intel-gaudi-2"}
    _, roles = _extract(extractor, "A Paper",
                        "We release WildText-2K, a corpus of 2,000 annotated documents, and train TextNet on it.")
    assert roles["WildText-2K"] == {"proposes"}


def test_extract_unseen_counted_proposals(extractor):
    """"two techniques: (1) X and (2) Y": each listed item is proposed."""
    _, roles = _extract(extractor, "Serving Long Contexts",
                        "We propose two techniques: (1) chunked prefix sharing and (2) adaptive page eviction, "
                        "which together cut memory by 40%.")
    assert roles["chunked prefix sharing"] == roles["adaptive page eviction"] == {"proposes"}


def test_extract_unseen_metrics_of_qualitative_claims(extractor):
    """A measure a claim names is reported without a number; praise ("output quality") is not a metric."""
    extraction, roles = _extract(extractor, "Streaming Speech",
                                 "We propose EchoTTS, which lowers the word error rate and improves output quality.")
    assert roles["word error rate"] == {"reports"}
    assert "output quality" not in roles
    _, roles = _extract(extractor, "Denoising",
                        "Our aligner improves the phoneme boundary score while keeping latency low.")
    assert roles["phoneme boundary score"] == {"reports"}
    _, roles = _extract(extractor, "Aligners", "Our aligner reduces alignment time and the overall time of the pipeline.")
    assert roles["alignment time"] == {"reports"} and "time" not in roles
    # A change said in words is a claim too: "latency drops by half", "is halved".
    _, roles = _extract(extractor, "Sharded Optimizers", "We propose ShardMu, which overlaps the iterations with the "
                                                         "reduce-scatter. Latency drops by half, and throughput doubles.")
    assert roles["latency"] == roles["throughput"] == {"reports"}


def test_extract_unseen_baselines_far_after_the_comparison(extractor):
    """A list of baselines may come long after the comparison word; a result takes the one baseline of its sentence."""
    _, roles = _extract(extractor, "Robot Policies",
                        "We propose SwiftPolicy. In real-world tasks it outperforms prior vision-language-action "
                        "models fine-tuned with their default recipes, as well as strong policies trained from scratch "
                        "(Diffusion Policy and ACT).")
    assert roles["Diffusion Policy"] == roles["ACT"] == {"compares_with"}
    extraction, _ = _extract(extractor, "Distilling Samplers",
                             "We propose OneStep, which distils LlamaGen into a one-step sampler; compared to "
                             "LlamaGen, OneStep is 21.5x faster at an FID of 11.4.")
    assert {r.value_text: r.baseline for r in extraction.results} == {"21.5x": "llamagen", "11.4": "llamagen"}


def test_extract_unseen_hardware_named_as_an_example(extractor):
    """Processors given as examples are not what the paper runs on; a generic class nothing runs on is no entity."""
    _, roles = _extract(extractor, "Serving Overheads",
                        "Much effort goes into accelerators such as GPUs and TPUs. We show that preprocessing "
                        "dominates end-to-end latency.")
    assert "GPU" not in roles and "TPU" not in roles
    _, roles = _extract(extractor, "Edge Inference",
                        "We deploy TinyDet on edge devices such as the Jetson Orin Nano and reach 41 fps.")
    assert roles["Jetson Orin Nano"] == {"runs_on"}
    _, roles = _extract(extractor, "Kernels", "Linear attention cannot use the tensor cores on modern GPUs.")
    assert roles["GPU"] == {"runs_on"}


def test_extract_unseen_processor_class_naming_a_device_again(extractor):
    """"An RTX 4080 laptop GPU", "on the same GPU": the device named before, not a class the paper runs on;
    a GPU named with no device before it is one."""
    extraction, roles = _extract(extractor, "Policies",
                                 "We propose Wren, a robot policy that runs at 15 Hz on an RTX 4080 laptop GPU. On an "
                                 "H100 its planner reaches 700 TFLOPs/s, and 900 TFLOPs/s in FP8 on the same GPU.")
    assert roles["RTX 4080"] == roles["H100"] == {"runs_on"} and "GPU" not in roles
    assert {r.value_text: r.hardware for r in extraction.results}["900 TFLOPs/s"] != "gpu"
    _, roles = _extract(extractor, "Policies", "We propose Wren, a robot policy that runs at 15 Hz on a laptop GPU.")
    assert roles["GPU"] == {"runs_on"}


def test_extract_unseen_results_after_the_contribution(extractor):
    """Numbers after the paper has said what it does are its results, whatever the subject of their sentence."""
    extraction, _ = _extract(extractor, "Quantizing Language Models",
                             "Large models cost 350 GB of memory. We propose Q-Fold, a 4-bit quantizer. The quantized "
                             "model lowers the WikiText-2 perplexity from 6.29 (GPTQ) to 5.87 and reaches a speaker "
                             "similarity of 0.61 measured with WavLM. Generation latency is 0.21 seconds per image, and "
                             "the policy runs at a control frequency of 42 Hz drawing 1.9 W.")
    results = {r.value_text: r for r in extraction.results}
    name = {e.id: e.name for e in extraction.entities}
    assert "350 GB" not in results  # the problem statement, before the work
    assert (results["5.87"].from_value, results["5.87"].baseline) == (6.29, "gptq")
    assert results["5.87"].metric == "perplexity"
    assert name[results["0.61"].metric] == "speaker similarity"
    assert (results["0.21 seconds"].unit, results["0.21 seconds"].metric) == ("s", "latency")
    assert (results["42 Hz"].unit, name[results["42 Hz"].metric]) == ("Hz", "control frequency")
    assert results["1.9 W"].unit == "W"


def test_extract_unseen_more_comparison_and_extension_cues(extractor):
    _, roles = _extract(extractor, "Faster Drafting",
                        "We propose GateSpec and compare it with fixed-length speculative decoding, Medusa and EAGLE. "
                        "GateSpec reaches 80.9% accuracy, 1.3 points above GNNAutoScale, and a throughput 1.4x that "
                        "of FlashAttention-2.")
    assert roles["speculative decoding"] == roles["Medusa"] == roles["EAGLE"] == {"compares_with"}
    assert roles["GNNAutoScale"] == roles["FlashAttention-2"] == {"compares_with"}
    _, roles = _extract(extractor, "Embedding Compression",
                        "We integrate LCH into DLRM and evaluate it on Criteo. Adding LCH to DCN-V2 improves AUC by 0.3%.")
    assert "builds_on" in roles["DLRM"] and "builds_on" in roles["DCN-V2"]


def test_extract_unseen_sizes_of_a_proposal_are_proposed(extractor):
    _, roles = _extract(extractor, "Segmentation on Chips",
                        "We present EdgeSeg-Nano, a family of segmentation networks. EdgeSeg-Nano-M reaches 58.3 PQ on "
                        "Cityscapes, and EdgeSeg-Nano-S runs at 30 fps. We also build TAPAS on top of GPTQ.")
    assert roles["EdgeSeg-Nano-M"] == roles["EdgeSeg-Nano-S"] == {"proposes"}
    assert "proposes" not in roles.get("GPTQ", set())


def test_extract_unseen_hardware_models_and_patch_sizes(extractor):
    """A product line the vocabulary knows takes its tier and model number; a patch size stays on its model."""
    _, roles = _extract(extractor, "Fast Inference",
                        "We fine-tune ViT-B/16 and run it on an Intel Xeon Gold 6248 CPU and an AMD EPYC 7763 at 5 ms.")
    assert roles["Intel Xeon Gold 6248"] == roles["AMD EPYC 7763"] == {"runs_on"}
    assert "CPU" not in roles and "ViT-B/16" in roles


def test_extract_unseen_names_with_a_possessive(extractor):
    """A vocabulary name with an apostrophe is found in running text; a possessive is no plural."""
    extraction, roles = _extract(extractor, "Exploration",
                                 "We propose CuriousAgent and evaluate it on Montezuma's Revenge, beating FlashAttention's "
                                 "authors' favourite PPO.")
    assert roles["Montezuma's Revenge"] == {"evaluated_on"}
    assert all("'" not in alias for e in extraction.entities for alias in e.aliases)


def test_extract_unseen_proposals_named_in_brackets_apposition_and_reference(extractor):
    for abstract, name in [
        ("We design a scheduling pass (RouteFuse) that fuses token permutation into the expert GEMM.", "RouteFuse"),
        ("Our method, uncertainty-triggered re-retrieval, monitors the entropy of the generator.",
         "uncertainty-triggered re-retrieval"),
        ("We pretrain an encoder on CT volumes; we refer to the pretrained encoder as XMod-Enc.", "XMod-Enc"),
        ("We propose curvature-guided rewiring, which adds edges where curvature is negative.",
         "curvature-guided rewiring"),
        ("We also introduce a delay-aware batch scheduler, which reorders requests by deadline.",
         "delay-aware batch scheduler"),
        # Apposed to the kinds of thing systems papers make, not only models and methods.
        ("Our compiler pass, StaticTree, fuses tree attention kernels at compile time.", "StaticTree"),
        ("We present an allocator, BlockPool, that pages KV cache blocks on demand.", "BlockPool"),
        ("Our fuzzer, KernFuzz, finds 12 bugs in Triton kernels.", "KernFuzz"),
        ("Our language, TileLang, writes FlashAttention in 80 lines.", "TileLang"),
    ]:
        _, roles = _extract(extractor, "A Paper", abstract)
        assert roles.get(name) == {"proposes"}, (name, roles)
    _, roles = _extract(extractor, "A Paper", "We propose a large language model (LLM) routing scheme for serving.")
    assert not any("proposes" in found for found in roles.values())


def test_extract_unseen_a_short_form_defined_otherwise_than_the_vocabulary_is_another_thing(extractor):
    """A defined acronym is the known concept only where its long form reads as what the concept stands for
    (a spelled-out label, else the concept's definition); otherwise it is the paper's own, under its own id."""
    extraction, roles = _extract(extractor, "Efficient Decoding",
                                 "We propose CLIP (Cached Lookahead Inference Pipeline), a decoding scheme that reuses "
                                 "draft tokens. CLIP speeds up Vicuna-7B decoding by 2.1x on an A100.")
    own = next(e for e in extraction.entities if e.name == "CLIP")
    assert roles["CLIP"] == {"proposes"} and own.type == "Method" and own.id != "clip"
    _, roles = _extract(extractor, "Boundary Refinement",
                        "We propose Boundary-Aware Refinement Transformer (BART), a refinement stage for segmentation. "
                        "BART improves mIoU on ADE20K by 2.4 points.")
    assert roles["Boundary-Aware Refinement Transformer"] == {"proposes"} and "BART" not in roles
    # Hoogeboom's Equivariant Diffusion Model is not Karras's EDM, which the vocabulary spells out otherwise.
    extraction, _ = _extract(extractor, "Molecule Generation",
                             "We build on the Equivariant Diffusion Model (EDM) and sample 3D molecules on QM9.")
    assert "edm" not in {e.id for e in extraction.entities}
    # Where the long form agrees, the short form is the known concept, spelled out or read from its definition.
    for abstract, concept in [
        ("We fine-tune Contrastive Language-Image Pretraining (CLIP) features on ImageNet.", "clip"),
        ("We fine-tune Bidirectional and Auto-Regressive Transformers (BART) on XSum.", "bart"),
        ("We tokenise images with a residual-quantized variational autoencoder (RQ-VAE).", "rq-vae"),
    ]:
        extraction, _ = _extract(extractor, "A Paper", abstract)
        assert concept in {e.id for e in extraction.entities}, (abstract, [e.id for e in extraction.entities])


def test_extract_unseen_cut_offs_sizes_and_variants(extractor):
    """A metric keeps its cut-off, a model its size and a board its generation."""
    _, roles = _extract(extractor, "Retrieval on Phones",
                        "We propose PocketRAG, which raises Recall@100 by 4 points with Whisper large-v3 as the "
                        "speech front end, on a Raspberry Pi 5.")
    assert roles["Recall@100"] == {"reports"}
    assert "Whisper large-v3" in roles and "large-v3" not in roles
    assert roles["Raspberry Pi 5"] == {"runs_on"}


def test_extract_unseen_a_generation_before_a_processor_is_the_device_a_count_before_plural_ones_is_not(extractor):
    """"a Pixel 8 CPU" is the Pixel 8 (its CPU), not a Pixel and a CPU; "a DGX with 8 GPUs" counts GPUs;
    "the Kryo CPU cores" are Qualcomm's Kryo cores, not any CPU."""
    extraction, roles = _extract(extractor, "On-Device Speech",
                                 "We present Whisp. On a Pixel 8 CPU, Whisp runs at a real-time factor of 0.2, and it "
                                 "decodes on the Kryo CPU cores. Training uses an NVIDIA DGX with 8 GPUs.")
    hardware = {e.name for e in extraction.entities if e.type == "Hardware"}
    assert {"Google Pixel 8", "Kryo"} <= hardware and "CPU" not in hardware and "Google Pixel" not in hardware, hardware
    assert roles["Google Pixel 8"] == roles["Kryo"] == {"runs_on"}
    assert not any(name.startswith("NVIDIA DGX 8") for name in hardware), hardware


def test_extract_unseen_unknown_names_listed_after_evaluated_on(extractor):
    extraction, roles = _extract(extractor, "Multi-Hop Retrieval",
                                 "We propose HopRAG and evaluate on HotpotQA, WikiHopX and MuSiQueLite.")
    types = {e.name: e.type for e in extraction.entities}
    assert types["WikiHopX"] == types["MuSiQueLite"] == "Dataset"
    assert roles["MuSiQueLite"] == {"evaluated_on"}


def test_extract_unseen_labels_with_a_decimal_point(extractor):
    """A vocabulary label with a decimal point is found in running text."""
    _, roles = _extract(extractor, "Judges", "We use Claude 3.5 Sonnet as the judge and report results on MLPerf 1.1.")
    assert "Claude 3.5 Sonnet" in roles and "Claude 3" not in roles


def test_extract_unseen_training_data_is_used_benchmarks_are_evaluated_on(extractor):
    _, roles = _extract(extractor, "Long Outputs",
                        "We pre-train LongLM with 1.3B parameters on 300B tokens of the Pile. RL training with long "
                        "outputs improves the model's performance on AIME2025 from 70.9% to 85.1%.")
    assert roles["The Pile"] == {"uses"} and roles["AIME 2025"] == {"evaluated_on"}


def test_extract_unseen_baselines_in_lists_and_contrasts(extractor):
    _, roles = _extract(extractor, "Federated Drift",
                        "We propose DriftFL. It improves accuracy by 2.2 points over FedProx and IFCA, whereas "
                        "PowerSGD reaches only 1.4x, approaching GPT-4o.")
    assert roles["FedProx"] == roles["IFCA"] == roles["PowerSGD"] == roles["GPT-4o"] == {"compares_with"}


def test_extract_unseen_work_on_a_part_of_what_is_extended(extractor):
    """A change to, or a study of, a part of X builds on X; so does the rest of a list after the cue."""
    _, roles = _extract(extractor, "Ragged Kernels",
                        "We propose RagFuse. Building on the sparse formulation used by MegaBlocks, we extend the "
                        "scheduler of TVM, and we fine-tune Qwen2-7B and Gemma-7B with it. A simple modification "
                        "of Adafactor generalizes the update rule of AdamW.")
    assert roles["MegaBlocks"] == roles["Apache TVM"] == roles["Qwen2-7B"] == roles["Gemma-7B"] == {"builds_on"}
    assert roles["Adafactor"] == roles["AdamW"] == {"builds_on"}


def test_extract_unseen_students_teachers_and_training_free_methods(extractor):
    """A student the work trains is built on; a teacher or backbone is used; a training-free method's model is used."""
    _, roles = _extract(extractor, "Distilled Detectors",
                        "We propose BranchKD. With DETR as the teacher and YOLOv8-N as the student, BranchKD "
                        "improves box AP by 2.0 points.")
    assert "builds_on" in roles["YOLOv8-N"] and "builds_on" not in roles["DETR"]
    _, roles = _extract(extractor, "Cache Eviction",
                        "We propose EvictKV, a training-free eviction policy. On Mistral-7B, EvictKV keeps 98% of the "
                        "accuracy with 20% of the cache.")
    assert "builds_on" not in roles["Mistral 7B"] and "uses" in roles["Mistral 7B"]


def test_extract_unseen_a_model_extended_with_the_proposal(extractor):
    """"SAC with <the proposal>" is SAC extended by the work, not a baseline; a lower-case proposal
    that ends its sentence is found."""
    _, roles = _extract(extractor, "Safer Exploration",
                        "We propose reward-gated entropy tuning. SAC with reward-gated entropy tuning reaches a return "
                        "of 5,400 on HalfCheetah, and it adds four lines of code to TD3.")
    assert roles["reward-gated entropy tuning"] == {"proposes"}
    assert roles["Soft Actor-Critic"] == {"builds_on"} and roles["TD3"] == {"builds_on"}


def test_extract_unseen_the_model_the_work_changes_is_also_its_reference(extractor):
    """A base model the work fine-tunes is built on, and compared with where numbers are relative to it."""
    _, roles = _extract(extractor, "Edge Detectors",
                        "We propose SlimGround, which fine-tunes Grounding DINO for embedded boards. SlimGround stays "
                        "within 3.1 AP of the original Grounding DINO.")
    assert roles["Grounding DINO"] == {"builds_on", "compares_with"}
    _, roles = _extract(extractor, "Tool Agents",
                        "We propose ToolForge, starting from Qwen2-7B. ToolForge raises the base model's pass rate "
                        "from 40.1% to 55.0%.")
    assert roles["Qwen2-7B"] == {"builds_on", "compares_with"}
    _, roles = _extract(extractor, "Segmentation Tokens",
                        "We propose EdgeTok. Adding EdgeTok to Mask2Former raises mIoU from 47.2 to 49.0.")
    assert roles["Mask2Former"] == {"builds_on", "compares_with"}


def test_extract_unseen_sizes_of_known_models_and_released_code(extractor):
    """A size of a known model is that model's kind and never the paper's own; released code is no method."""
    extraction, roles = _extract(extractor, "Low-Bit Weights",
                                 "We present BitFold. On Llama-3-70B, BitFold reaches a perplexity of 3.4, and the "
                                 "resulting Llama-3-8B checkpoints decode 2.1x faster. We also release a reference "
                                 "implementation for vLLM.")
    types = {e.name: e.type for e in extraction.entities}
    assert types["Llama-3-70B"] == types["Llama-3-8B"] == "Model"
    assert "proposes" not in roles["Llama-3-8B"] and "reference implementation" not in roles


def test_extract_unseen_a_titled_variant_of_a_known_model(extractor):
    """"Chunked Wav2Vec: ..." names the paper's variant of wav2vec, which it builds on."""
    _, roles = _extract(extractor, "Chunked Whisper: Streaming Recognition without Retraining",
                        "We freeze the encoder and fine-tune the decoder. Whisper transcribes whole utterances only.")
    assert roles["Chunked Whisper"] == {"proposes"} and roles["Whisper"] == {"builds_on"}
    _, roles = _extract(extractor, "Efficient Whisper: A Study", "We measure the decoder of Whisper.")
    assert "Efficient Whisper" not in roles


def test_extract_unseen_measures_values_and_title_boundaries(extractor):
    """No measure starts at a pronoun, no metric's value is part of its name, and no name runs past the title."""
    extraction, roles = _extract(extractor, "A Benchmark for Shopping Back Offices",
                                 "Most benchmarks for agents are short. We propose ShopBench; on it, DeepSeek-Coder-"
                                 "V2-Lite-Instruct reaches 20%. It raises throughput by 1.7x over vLLM, and improves on "
                                 "SDXL-Turbo (FID 23.9).")
    names = {e.name: e.type for e in extraction.entities}
    assert "throughput" in names and not any(n.startswith("It ") for n in names)
    assert not any("\n" in n or n.startswith("FID ") for n in names)
    assert names["DeepSeek-Coder-V2-Lite-Instruct"] == "Model"


def test_extract_unseen_baselines_named_after_their_number_or_a_part_of_them(extractor):
    """"3.9% for offline Whisper", "over the padded GEMM in Megatron-LM": baselines; "unmodified X" builds on nothing."""
    _, roles = _extract(extractor, "Streaming Speech",
                        "We propose StreamCut. StreamCut reaches 5.1% WER, compared with 3.9% for offline Whisper. "
                        "Our kernel is 2.4x faster than the padded batched GEMM in Megatron-LM, and inference uses "
                        "unmodified INT4 kernels. A controlled study on Qwen2-7B shows the effect.")
    assert roles["Whisper"] == {"compares_with"} and roles["Megatron-LM"] == {"compares_with"}
    assert "builds_on" not in roles["INT4"] and roles["Qwen2-7B"] == {"builds_on"}


def test_extract_unseen_lists_closed_by_a_kind_noun_and_data_modalities(extractor):
    """Every name of "the A, B, C and D datasets" is a dataset; input modalities (RGB, MRI) are no entities."""
    extraction, _ = _extract(extractor, "Forecasting",
                             "We propose WaveFC and evaluate it on the ETTh1, SolarX, Weather and Traffic datasets, "
                             "from RGB and MRI inputs.")
    types = {e.name: e.type for e in extraction.entities}
    assert types["SolarX"] == "Dataset" and "RGB" not in types and "MRI" not in types


def test_extract_unseen_coordinated_numbers_share_their_measure(extractor):
    """"improves accuracy by 5.8 to 9.3 points over X and by 2.2 points over Y": both are accuracy; "with only 3% ..." is not."""
    extraction, _ = _extract(extractor, "Drifting Clients",
                             "We propose DriftMix. On rotated variants of CIFAR-10, the method improves average client "
                             "accuracy by 5.8 to 9.3 points over FedAvg and by 2.2 points over FedProx and IFCA. It "
                             "reduces the continuous ranked probability score by 18.2% relative to bicubic interpolation "
                             "and by 6.5% relative to CorrDiff. It is 2.1x faster than DETR with only 3% extra memory.")
    metrics = {r.value_text: r.metric for r in extraction.results}
    assert metrics["9.3 points"] == metrics["2.2 points"] == "accuracy"
    assert metrics["18.2%"] == metrics["6.5%"] != None
    assert metrics.get("3%") is None


def test_extract_unseen_phones_and_boards_with_generation_and_tier(extractor):
    extraction, roles = _extract(extractor, "On-Device Speech",
                                 "We propose TinyASR. On a Pixel 8 it runs in 74 ms, on an iPhone 15 Pro in 12 ms and on "
                                 "a Jetson Orin at 15 W; on 8 A100 GPUs 1 s suffices. The image has a pixel grid.")
    hardware = {e.name: e for e in extraction.entities if e.type == "Hardware"}
    # The phone is named by its concept, Google Pixel, and the generation written after it.
    assert {"Google Pixel 8", "iPhone 15 Pro", "Jetson Orin", "A100"} <= hardware.keys()
    assert "Pixel 8" in hardware["Google Pixel 8"].aliases
    assert not any(name.endswith(" 1") or name.lower() == "pixel" for name in hardware)
    assert roles["Google Pixel 8"] == {"runs_on"}


def test_extract_unseen_a_double_hyphen_is_a_dash_not_a_joiner(extractor):
    _, roles = _extract(extractor, "Long Convolutions",
                        "We propose FFTConvX. It reaches a 3.3 points higher GLUE score--matching models twice its size.")
    assert "score matching" not in roles


def test_extract_unseen_a_lower_case_proposal_the_sentence_describes(extractor):
    """"we introduce tactile dropout, which ...": what the sentence goes on to describe is proposed."""
    _, roles = _extract(extractor, "Touch and Vision",
                        "We encode touch with a small CNN and introduce tactile dropout, which masks the tactile stream "
                        "during training. We also propose mutation-hardened rewards, a stricter test signal.")
    assert roles["tactile dropout"] == roles["mutation-hardened rewards"] == {"proposes"}


def test_extract_unseen_a_measure_named_after_its_relative_value(extractor):
    """"sustaining 95% link utilization", "2.8x fewer retrieval calls": the measure after the number."""
    extraction, _ = _extract(extractor, "Datacenter Congestion",
                             "We propose FlowPace. It keeps queues short while sustaining 95% link utilization, and "
                             "its controller needs 2.8x fewer retrieval calls and 3x fewer calls overall. Under "
                             "pushes, the robot succeeds in 85% of trials.")
    metrics = {r.value_text: r.metric for r in extraction.results}
    names = {e.name for e in extraction.entities if e.type == "Metric"}
    # (link utilization is a vocabulary concept; retrieval calls is a measure no vocabulary names)
    assert metrics["95%"] == "link-utilization" and metrics["2.8x"] == "retrievalcalls"
    assert metrics["85%"] == "success-rate"
    assert "calls" not in names


def test_extract_unseen_everyday_words_are_names_only_inside_a_sentence(extractor):
    """pg:commonWord: "Traffic congestion ..." and a title's "Weather" are words; "the Weather and Traffic datasets" names."""
    _, roles = _extract(extractor, "Medium-Range Weather Forecasting with Spectral Operators",
                        "Traffic congestion grows every year. We propose SpecCast.")
    assert "Weather" not in roles and "Traffic" not in roles
    _, roles = _extract(extractor, "Forecasting", "We propose SpecCast and evaluate it on the Weather and Traffic datasets.")
    assert roles["Weather"] == roles["Traffic"] == {"evaluated_on"}


def test_extract_unseen_background_examples_and_scale_words(extractor):
    """A dataset given as the background's example is only mentioned; "multi-GPU" names no device, "a single GPU" does."""
    _, roles = _extract(extractor, "Robot Policies",
                        "Generalist policies pretrained on corpora such as Open X-Embodiment transfer poorly. We "
                        "propose PlayAdapt. On multi-GPU servers it trains 2x faster, and on a single GPU 1.5x faster.")
    assert roles["Open X-Embodiment"] == {"mentions"}
    assert roles["GPU"] == {"runs_on"} and "multi-GPU" not in roles


def test_extract_unseen_a_decimal_version_is_part_of_the_name(extractor):
    """"Phi-3.5-mini" is neither Phi-3 nor Phi-3-mini; "3.5 points" stays a number."""
    extraction, _ = _extract(extractor, "Small Models",
                             "We fine-tune Phi-3.5-mini and Phi-3-mini on GSM8K; Phi-3.5-mini gains 3.5 points over Phi-3.")
    names = {e.name for e in extraction.entities}
    assert {"Phi-3.5-mini", "Phi-3-mini", "Phi-3"} <= names
    assert [m.text for m in extraction.mentions if m.text.startswith("Phi")].count("Phi-3.5-mini") == 2


def test_extract_unseen_a_clause_in_apposition_is_no_name(extractor):
    """"our model, trained on a single dataset, ..." proposes nothing new; "our method, seed replay, ..." does."""
    _, roles = _extract(extractor, "Forecasting",
                        "We propose TideNet. Our model, trained on a single dataset, outperforms Chronos. "
                        "Our method, seed replay, keeps the rest.")
    assert "trained on a single dataset" not in roles
    assert roles["seed replay"] == {"proposes"}


def test_extract_unseen_a_known_dataset_with_its_release(extractor):
    """"Common Voice 16" is a release of Common Voice; "Common Voice 12 languages" is a count after the name."""
    extraction, _ = _extract(extractor, "Speech",
                             "We evaluate on Common Voice 16 and FLEURS, then on Common Voice 12 languages.")
    datasets = {m.text for m in extraction.mentions if m.type == "Dataset"}
    assert datasets == {"Common Voice 16", "FLEURS", "Common Voice"}


def test_extract_unseen_another_method_scored_in_the_same_setting_is_compared_with(extractor):
    """A clause whose subject is another method, given its own figure in the work's setting, names a
    baseline; a method the work runs with, in a clause of its own figure, is used."""
    _, roles = _extract(extractor, "KV Cache Compression",
                        "We propose HeadSieve. Using FlashAttention-2, HeadSieve keeps 97.6% of the full-cache accuracy "
                        "on RULER. Uniform 2-bit KIVI loses 9.4 points on the same RULER setting, and SnapKV, tuned to "
                        "a similar budget, reaches 88.1%.")
    assert roles["KIVI"] == roles["SnapKV"] == {"compares_with"}
    assert roles["FlashAttention-2"] == {"uses"}


def test_extract_unseen_a_technique_word_that_qualifies_a_part_names_no_technique(extractor):
    """"FP8 attention kernels", "adjacent denoising steps", "a chunk-causal attention mask": the phrase qualifies a
    part or a count, no technique of its own; "an approximate attention method" names one."""
    extraction, _ = _extract(extractor, "Feature Caching",
                             "We propose StepLatch, which reuses features across adjacent denoising steps and composes "
                             "with the FP8 attention kernels of SageAttention through a chunk-causal attention mask. "
                             "Unlike approximate attention methods, it is exact.")
    names = {e.name for e in extraction.entities}
    assert not names & {"adjacent denoising", "FP8 attention", "chunk-causal attention"}
    assert "approximate attention" in names


def test_extract_unseen_a_list_a_kind_noun_leads_is_of_that_kind(extractor):
    """"on four datasets, A, B and C", "models such as D": the items are of the kind, even a name built on a known
    model's ("NeRF-Art"); "on two GPUs, X achieves" is a phrase that ends, no list."""
    extraction, roles = _extract(extractor, "Scene Editing",
                                 "We propose GlimpseEdit. We show its gains on four benchmark datasets, LLFF, Zorb-3D, "
                                 "QuillScenes and NeRF-Art, and with two backbones (Harpo-2 and Kestrel). Served on two "
                                 "A100 GPUs, GlimpseEdit edits a scene in 2 seconds.")
    types = {e.name: e.type for e in extraction.entities}
    assert {n: types.get(n) for n in ("LLFF", "Zorb-3D", "QuillScenes", "NeRF-Art", "Harpo-2", "GlimpseEdit")} == {
        "LLFF": "Dataset", "Zorb-3D": "Dataset", "QuillScenes": "Dataset", "NeRF-Art": "Dataset",
        "Harpo-2": "Model", "GlimpseEdit": "Method"}
    assert roles["NeRF-Art"] == {"evaluated_on"}


# How a paper relates to prior work, one way of writing it each:
# (what it is about, title, abstract, {name: roles it must have}, {name: roles it must not have}).
ROLE_CASES = [
    ("a standard part the work's own model is trained with or built from is used, not background",
     "Streaming Speech Recognition",
     "We propose Quillo, a streaming recognizer. Its encoder is trained with a standard CTC loss, and the decoder "
     "keeps the standard Conformer block. Training fits on one RTX 4090 via QLoRA, using 3 GB less memory than "
     "standard LoRA.",
     {"connectionist temporal classification": {"uses"}, "Conformer": {"uses"}, "QLoRA": {"uses"}},
     {"connectionist temporal classification": {"mentions"}, "QLoRA": {"mentions"}}),
    ("what the work can be combined with, or is compatible with the examples of, is named, not used; a "
     "combination measured is used",
     "Chunked Prefill Scheduling",
     "We propose TideFlow. It needs no changes to the model code, and it can be combined with speculative decoding. "
     "TideFlow is compatible with cache eviction methods such as SnapKV. It is complementary to FlashAttention-2; "
     "combining the two gives a further 4% gain.",
     {"speculative decoding": {"mentions"}, "SnapKV": {"mentions"}, "FlashAttention-2": {"uses"}},
     {"speculative decoding": {"uses"}, "SnapKV": {"uses"}}),
    ("a rival after an adjective: 'approaching the proprietary GPT-4o', 'matches the rate of synchronous SGD'",
     "Tool-Using Agents",
     "We propose ToolWeave. It improves task success by 11 points, approaching the proprietary GPT-4o despite its "
     "far smaller size, and its optimizer matches the rate of synchronous SGD.",
     {"GPT-4o": {"compares_with"}, "stochastic gradient descent": {"compares_with"}},
     {"GPT-4o": {"uses"}, "stochastic gradient descent": {"uses"}}),
    ("data trained on is used; a benchmark evaluated on after 'and' is evaluated on, not trained on",
     "Math Reasoning",
     "We propose Zephra. Zephra is trained on OpenWebMath and evaluated on GSM8K.",
     {"OpenWebMath": {"uses"}, "GSM8K": {"evaluated_on"}}, {"GSM8K": {"uses"}}),
    ("a name set behind the work ('X lags behind', 'the gap to X') is compared with",
     "Per-Layer Ranks",
     "We propose Zephra. DoRA lags behind Zephra by 2.1 points on GLUE, and Zephra closes 80% of the gap between "
     "LoRA and full fine-tuning; at 3 bits the gap to GPTQ widens.",
     {"DoRA": {"compares_with"}, "LoRA": {"compares_with"}, "full fine-tuning": {"compares_with"},
      "GPTQ": {"compares_with"}}, {"DoRA": {"uses"}, "LoRA": {"uses"}}),
    ("augmenting, enhancing, equipping, reformulating or improving X by doing something is building on X",
     "Per-Layer Ranks",
     "We propose Zephra, which augments LoRA with per-layer ranks, and Kite, which enhances DoRA with pruning. Wisp "
     "equips QLoRA with a learned scale, Tern reformulates GRPO as a bandit, and Vole improves PPO by clipping less.",
     {"LoRA": {"builds_on"}, "DoRA": {"builds_on"}, "QLoRA": {"builds_on"},
      "Group Relative Policy Optimization": {"builds_on"}, "Proximal Policy Optimization": {"builds_on"}}, {}),
    ("a known technique the title names a kind of: \"Cost-Aware Checkpointing\" and gradient checkpointing",
     "RecompX: Cost-Aware Checkpointing for Long-Context Training",
     "Gradient checkpointing trades compute for memory. We propose RecompX, which picks the layers to recompute by "
     "their cost, and train with label smoothing.",
     {"gradient checkpointing": {"builds_on"}}, {"label smoothing": {"builds_on"}}),
    ("building on a qualified technique builds on the technique",
     "ClientShift: Personalized Federated Learning for Wearables",
     "Federated learning trains models without sharing data. We propose ClientShift.",
     {"federated learning": {"builds_on"}}, {}),
    ("approximating X, replacing a part of X, reducing to X; an adjective \"approximated\" is none of them",
     "Lean Second-Order Optimization",
     "We propose Wren, an optimizer that approximates the Shampoo preconditioner with low-rank factors. Wren replaces "
     "the random hash functions of the hashing trick with learned ones, and reduces to FedAvg when all clients share "
     "one rank. This approximated KV cache is reused.",
     {"Shampoo": {"builds_on"}, "hashing trick": {"builds_on"}, "FedAvg": {"builds_on"}}, {"KV cache": {"builds_on"}}),
    ("every model of a list a work that trains is applied to, and one after \"to a ... backbone\"",
     "Sparse Tokens",
     "We propose SkipTok, a gate trained with the backbone. Applied to Swin-T and ResNet-50 on ImageNet-1K, SkipTok "
     "cuts FLOPs by 30% and 25%. We also "
     "apply SkipTok to a MobileNetV2 backbone and gain 0.4 points of accuracy.",
     {"Swin-T": {"builds_on"}, "ResNet-50": {"builds_on"}, "MobileNetV2": {"builds_on"}}, {}),
    ("a platform built on is used; built on top of, and builds on, extend",
     "Retrieval",
     "We propose Quill, a reranker built on MiniLM. Its index is built on top of ColBERTv2 and builds on PLAID.",
     {"MiniLM": {"uses"}, "ColBERTv2": {"builds_on"}, "PLAID": {"builds_on"}}, {"MiniLM": {"builds_on"}}),
    ("a protocol in apposition is proposed; the mechanism behind X and changes to X build on X",
     "Private Training",
     "Our protocol, SiloMix, adapts the noise mechanism behind DP-FTRL to hospitals. SiloMix makes two changes to "
     "FedProx and is compared with DP-SGD.",
     {"SiloMix": {"proposes"}, "DP-FTRL": {"builds_on"}, "FedProx": {"builds_on"}}, {"DP-SGD": {"builds_on"}}),
    ("a model the work changes is the reference wherever its numbers are given",
     "Self-Repair",
     "We propose FixLoop. We fine-tune Qwen2.5-Coder-7B with LoRA on repair traces. After fine-tuning, "
     "Qwen2.5-Coder-7B improves pass@1 on HumanEval from 40.2% to 47.9%.",
     {"Qwen2.5-Coder-7B": {"builds_on", "compares_with"}}, {}),
    ("\"within N points of X\" compares with X; \"a ... loss that ...\" is a proposal with its head",
     "Few-Step Generation",
     "We introduce a curvature-matching loss that penalises bending. The student comes within 1.2 points of the "
     "diffusion-based Diffusion-QL and within 0.4 dB of full fine-tuning.",
     {"curvature-matching loss": {"proposes"}, "Diffusion-QL": {"compares_with"}, "full fine-tuning": {"compares_with"}},
     {}),
    ("a baseline's \"post-training quantization\" does not make the work training-free",
     "Sharp Depth at 4 Bits",
     "We introduce head-wise mixed precision, trained briefly with distillation. Applied to ResNet-50, the method keeps "
     "top-1 accuracy at 75.1%, compared with 76.1% in FP16 and 70.2% for post-training quantization with SmoothQuant.",
     {"ResNet-50": {"builds_on"}}, {"ResNet-50": {"uses"}}),
    ("a released benchmark is evaluated on; a released training set is used; \"X-style\" data is not X",
     "ChartBench: Reading Exact Values from Charts",
     "We present ChartBench, a benchmark of 4,200 charts, and release ChartTrace, a dataset of 9,000 solved charts. "
     "Fine-tuning Qwen2-VL-7B on ChartTrace raises its accuracy from 31.2% to 52.6%, and training on ChartBench-style "
     "charts helps too.",
     {"ChartBench": {"proposes", "evaluated_on"}, "ChartTrace": {"proposes", "uses"}}, {"ChartBench": {"uses"}}),
    ("a model named like the dataset released with it is the dataset where the text evaluates on it",
     "Splats",
     "We propose DenseSplat. Across Mip-NeRF 360 and Tanks and Temples it reaches 27.9 dB PSNR.",
     {"Mip-NeRF 360 dataset": {"evaluated_on"}}, {"Mip-NeRF 360": {"uses", "compares_with"}}),
    ("a sentence that opens with 'On <namesake>' is evaluated on the dataset",
     "Compact Splats",
     "We propose TrimSplat, which prunes Gaussians. On Mip-NeRF 360, TrimSplat shrinks storage by 12x.",
     {"Mip-NeRF 360 dataset": {"evaluated_on"}}, {"Mip-NeRF 360": {"uses", "compares_with"}}),
    ("a namesake the text takes scenes or tasks from is the dataset ('renders Mip-NeRF 360 scenes', 'six MuJoCo "
     "locomotion tasks'); the simulator itself, used, stays the method",
     "Fast Splats and Bonuses",
     "We propose TrimSplat. On a Jetson Orin Nano, TrimSplat renders Mip-NeRF 360 scenes at 58 FPS, and on six MuJoCo "
     "locomotion tasks it matches PPO.",
     {"Mip-NeRF 360 dataset": {"evaluated_on"}, "MuJoCo benchmark": {"evaluated_on"}},
     {"Mip-NeRF 360": {"uses", "compares_with"}, "MuJoCo": {"uses"}}),
    ("the same name as a baseline stays the model",
     "Radiance Fields",
     "We propose DenseField, which outperforms Mip-NeRF 360 by 1.2 dB PSNR.",
     {"Mip-NeRF 360": {"compares_with"}}, {"Mip-NeRF 360 dataset": {"evaluated_on"}}),
    ("instruction-tuning data is used; a benchmark fine-tuned on is evaluated on",
     "Adapters",
     "We propose RankMix. After instruction tuning on Alpaca, Mistral-7B with RankMix reaches 7.1 on MT-Bench. "
     "Fine-tuning RoBERTa-large on GLUE gives an average GLUE score of 88.6.",
     {"Alpaca dataset": {"uses"}, "GLUE": {"evaluated_on"}}, {"Alpaca dataset": {"evaluated_on"}, "GLUE": {"uses"}}),
    ("the teacher a model is distilled from is the reference of numbers given against 'the teacher'",
     "Few-Step Generation",
     "We propose Fennel, distilled from Stable Diffusion 3.5 Large. Fennel reaches an FID of 19.8 against 20.6 for "
     "the 28-step teacher.",
     {"Stable Diffusion 3.5 Large": {"builds_on", "compares_with"}}, {}),
    ("another method's own score, set against the work's in a contrasting clause, makes it a baseline",
     "Hashing",
     "We propose FreqHash. It cuts memory by 16x with an AUC loss of 0.0004, whereas the hashing trick loses 0.0031 "
     "AUC and TT-Rec loses 0.0012. On ogbn-papers100M it reaches 68.1%, while SGFormer runs out of memory.",
     {"TT-Rec": {"compares_with"}, "SGFormer": {"compares_with"}}, {"TT-Rec": {"uses"}, "SGFormer": {"uses"}}),
    ("the authors' earlier system that the work succeeds is built on, not proposed again",
     "Sparkle-2: Fewer Primitives for Gaussian Splatting",
     "Sparkle-2 is the successor of our Sparkle densification scheme. It reaches 27.9 dB against 27.6 dB for Sparkle.",
     {"Sparkle-2": {"proposes"}, "Sparkle": {"builds_on"}}, {"Sparkle": {"proposes"}}),
    ("a family of architectures in the title is the kind of model the work is about: named, not used or extended",
     "Hierarchical Graph Transformers for Billion-Edge Graphs",
     "We propose TreeHop, which adds virtual nodes at several levels.",
     {"Transformer": {"mentions"}}, {"Transformer": {"builds_on", "uses"}}),
    ("a model upcycled or converted into the work is built on; a judge based on a model uses it",
     "Sparse Upcycling",
     "We propose Tessel. We upcycle Mistral-7B into a mixture of eight experts and convert Llama-3-8B into a "
     "reranker. Answers are scored by an automatic judge based on GPT-4o.",
     {"Mistral 7B": {"builds_on"}, "Llama-3-8B": {"builds_on"}, "GPT-4o": {"uses"}}, {"GPT-4o": {"builds_on"}}),
    ("a builds verb before a name in apposition to what is adapted",
     "World Models for Hands",
     "We propose DexDream. We adapt a pretrained video generator, CogVideoX, to hand commands by fine-tuning it "
     "on teleoperation data.",
     {"CogVideoX": {"builds_on"}}, {}),
    ("a model distilled into the work is built on, and of several models built on it is 'the teacher'",
     "Four-Step Video",
     "This work presents Sprintly, a generator obtained by distilling Wan2.1-T2V-14B into a student. The student is "
     "initialised from Wan2.1-T2V-1.3B. Sprintly gives a 183x speedup over the teacher.",
     {"Wan2.1-T2V-14B": {"builds_on", "compares_with"}, "Wan2.1-T2V-1.3B": {"builds_on"}},
     {"Wan2.1-T2V-1.3B": {"compares_with"}}),
    ("the teacher's pseudo-labels are no reference of a number",
     "Tiny Speech Recognition",
     "We distill Whisper large-v3 into TinyEar using the teacher's pseudo-labels on 10k hours of audio.",
     {"Whisper large-v3": {"builds_on"}}, {"Whisper large-v3": {"compares_with"}}),
    ("a model in apposition, 'fine-tuned on' the work's data, is built on",
     "Terminal Agents",
     "We build RepairBot. Repairs come from a smaller model, GPT-4.1-mini, fine-tuned on 12k recovery traces.",
     {"GPT-4.1-mini": {"builds_on"}}, {}),
    ("the later scores of a list of baselines' scores after 'compared with N% for X'",
     "Terminal Agents",
     "We propose ShellFix. It reaches 71.2%, compared with 48.6% for SWE-agent and 52.0% for OpenHands. Its word "
     "error rate is 2.4%, against 2.0% for offline Whisper large-v3 and 3.1% for a Conformer transducer.",
     {"SWE-agent": {"compares_with"}, "OpenHands": {"compares_with"}, "Conformer": {"compares_with"}}, {}),
    ("what the work is 'complementary to' is mentioned, not used, unless the sentence combines them",
     "Rollout Gating",
     "We propose GateFlow. GateFlow is complementary to dynamic sampling and to DAPO. SpillKV is orthogonal to "
     "ZeRO-Offload; combining the two gives a further 4% gain. It is compatible with diffusion paths and also allows "
     "optimal transport paths.",
     {"dynamic sampling": {"mentions"}, "DAPO": {"mentions"}, "ZeRO-Offload": {"uses"}, "optimal transport": {"uses"}},
     {}),
    ("the owner of the number a result changed from ('from 4.9 for X to 1.7'); rivals that 'lose N points'",
     "Rehearsal-Free Continual Learning",
     "We propose Ribbon. Average forgetting falls from 4.9 for CODA-Prompt to 1.7. Accuracy stays within 0.9 points "
     "of full attention, while MInference and DuoAttention lose 4.1 and 2.7 points, respectively.",
     {"CODA-Prompt": {"compares_with"}, "MInference": {"compares_with"}, "DuoAttention": {"compares_with"}}, {}),
    ("a clause's 'lose' with no figure of its own (only the 8 of 'INT8') sets no rival",
     "Sharp Depth on Phones",
     "Depth estimators are deployed on phones, but their ViT encoders lose detail when quantized to INT8. We "
     "propose EdgeDepth, which uses ViT-S.",
     {}, {"ViT": {"compares_with"}}),
    ("an amount of data 'of' or 'from' a dataset is training data, and evaluated on too where measured on later",
     "Streaming Speech",
     "We propose EchoTune, fine-tuning Whisper large-v3 on 20K hours of LibriSpeech, GigaSpeech and Common Voice "
     "audio, with scales from 128 calibration sequences of WikiText-2 and 970K trajectories from Open X-Embodiment. "
     "EchoTune reaches 2.1% WER on LibriSpeech.",
     {"LibriSpeech": {"uses", "evaluated_on"}, "GigaSpeech": {"uses"}, "Common Voice": {"uses"},
      "WikiText-2": {"uses"}, "Open X-Embodiment": {"uses"}},
     {"GigaSpeech": {"evaluated_on"}, "Open X-Embodiment": {"evaluated_on"}}),
    ("a sentence that opens by training a known model on data builds on it; not one that only names its cost",
     "Synthetic Geometry",
     "We release GeoPile. Training Qwen2-VL-7B on GeoPile raises its accuracy on MathVista from 58.2% to 66.0%. "
     "Training GPT-3 cost millions.",
     {"Qwen2-VL-7B": {"builds_on"}}, {"GPT-3": {"builds_on"}}),
    ("a measure the paper names and then gives a value of is reported",
     "Reading Charts Twice",
     "A model is credited only when it answers both; we call this measure twin accuracy. The best model reaches 58.3% "
     "twin accuracy.",
     {"twin accuracy": {"proposes", "reports"}}, {"accuracy": {"reports"}}),
    ("the technique an abstract opens on, as the subject of the limit it states, is what the work improves; not "
     "the examples of such a sentence, nor one that states no limit",
     "Bubble-Free Schedules",
     "Pipeline parallelism splits a model's layers across devices, yet its warm-up phase leaves devices idle. "
     "Schedules such as GPipe and 1F1B are slow on small batches. Tensor parallelism is widely used for inference. "
     "We propose LagFill, a schedule that fills the idle slots.",
     {"pipeline parallelism": {"builds_on"}},
     {"GPipe": {"builds_on"}, "1F1B": {"builds_on"}, "tensor parallelism": {"builds_on"}}),
    ("a work that only analyses still improves on the technique whose limit its abstract opens on",
     "Lower Bounds for Attention",
     "Self-attention is central to the Transformer, but suffers from quadratic cost in time. We show that our bound "
     "is tight for every cache size.",
     {"self-attention": {"builds_on"}}, {}),
    ("a work that 'starts from' a part of a method ('starts from the saliency scores of X') builds on it; a short "
     "verb after the opening technique ('X lets ..., but ...') reads as its verb",
     "Channel Pruning",
     "Data parallelism lets many workers train one model, but its gradient exchange stalls every step. We propose "
     "ChanCut, which starts from the saliency scores of SparseGPT and removes whole channels.",
     {"SparseGPT": {"builds_on"}, "data parallelism": {"builds_on"}}, {}),
    ("a model a work only runs is used, not built on: the work is one-shot, or its abstract never speaks of "
     "training anything; a work that fine-tunes builds on the model it applies to",
     "Runtimes and Pruning",
     "We propose SplitRun, a runtime that places prefill on the NPU. On Phi-3-mini, SplitRun decodes 3.1x faster "
     "than llama.cpp.",
     {"Phi-3-mini": {"uses"}}, {"Phi-3-mini": {"builds_on"}}),
    ("the numbers of a sentence that names a rival are relative to the rival, not to the model a training-free "
     "method runs on",
     "Head-Wise Bits",
     "We propose HeadBits, a training-free KV cache quantization. On Mistral-7B, accuracy improves by 2.8 points "
     "over KIVI.",
     {"Mistral 7B": {"uses"}, "KIVI": {"compares_with"}}, {"Mistral 7B": {"compares_with"}}),
    ("rivals behind a participle ('over a padded cuBLAS'), the earlier names of a list that trails, and the owner "
     "of a figure the work rose 'up from'",
     "Grouped Kernels",
     "We propose GroupFuse. GroupFuse is 2.4x faster than a padded cuBLAS implementation. Medusa-2 and EAGLE-2 trail "
     "GroupFuse by 10 points. GroupFuse reaches 41% MFU, up from 33% with GPipe.",
     {"cuBLAS": {"compares_with"}, "Medusa-2": {"compares_with"}, "EAGLE-2": {"compares_with"},
      "GPipe": {"compares_with"}}, {}),
    ("what the work takes out or does without is mentioned, not used ('replaces X with', 'swap the X backbone for', "
     "'instead of X', 'X ... is replaced by'); what it 'works alongside' or 'can be added to' as well",
     "Lean Encoders",
     "We propose SlimSeg. SlimSeg replaces multi-head self-attention with depthwise convolutions, and we swap the "
     "Swin-T backbone for EfficientViT-B1, training on one TPU v4 instead of a parameter server. The CTC head is "
     "replaced by a small decoder. SlimSeg works alongside FSDP and can be added to PyTorch without code changes.",
     {"self-attention": {"mentions"}, "Swin-T": {"mentions"}, "parameter server": {"mentions"},
      "connectionist temporal classification": {"mentions"}, "Fully Sharded Data Parallel": {"mentions"},
      "PyTorch": {"mentions"}, "EfficientViT-B1": {"uses"}},
     {"self-attention": {"uses"}, "Swin-T": {"uses"}, "Fully Sharded Data Parallel": {"uses"}, "PyTorch": {"uses"}}),
    ("what a title names after 'and', 'to' or 'in' is the work's setting or target, used; after 'for' or 'of' "
     "it is what the work extends",
     "TileRot: Rotated 4-bit Quantization of Weights and KV Cache Compiled to Triton Kernels for Speculative Decoding",
     "We propose TileRot, which rotates weights before rounding them.",
     {"KV cache": {"uses"}, "Triton": {"uses"}, "speculative decoding": {"builds_on"}},
     {"KV cache": {"builds_on"}, "Triton": {"builds_on"}}),
    ("'more than N% of', 'rather than X' and the subject after 'Relative to X,' set no rival in a list",
     "Upcycled Experts",
     "We propose RouteFix. Embeddings hold more than 99% of the parameters of DLRM. The bound relies on a finer "
     "decomposition rather than on the neural tangent kernel. Relative to training from scratch, sparse upcycling "
     "saves 9,000 TPU-hours. RouteFix is 2x faster than GShard and Switch Transformer.",
     {"GShard": {"compares_with"}, "Switch Transformer": {"compares_with"}},
     {"DLRM": {"compares_with"}, "neural tangent kernel": {"compares_with"}, "sparse upcycling": {"compares_with"}}),
    ("'w.r.t. X' after a figure sets X as the rival",
     "Native-Resolution Pages",
     "We propose PageMerge, which cuts visual tokens by 4.5x w.r.t. naive tiling.",
     {"tiling": {"compares_with"}}, {"tiling": {"uses"}}),
    ("what a work 'searches over' is a range it uses, not a rival",
     "Tile Programs",
     "We introduce TileGen, a kernel generator that searches over tiling and software pipelining. TileGen runs 1.2x "
     "faster than cuBLAS.",
     {"tiling": {"uses"}, "software pipelining": {"uses"}, "cuBLAS": {"compares_with"}},
     {"tiling": {"compares_with"}, "software pipelining": {"compares_with"}}),
    ("'learned' alone does not make a work one that trains the model it runs",
     "Learned Rotations",
     "We propose RotLearn, which applies learned rotations before rounding weights to 4 bits. On Llama-3-8B, "
     "perplexity is 6.7 against 7.0 for SpinQuant.",
     {"Llama-3-8B": {"uses"}}, {"Llama-3-8B": {"builds_on"}}),
    ("a reinforcement learning recipe trains the model it is applied to; a 'probing' title analyses what it names",
     "Probing Syntax in BERT-large",
     "We propose ReviseRL, a reinforcement learning recipe that rewards self-revision. Applying ReviseRL to "
     "Llama-3.1-8B-Instruct raises accuracy on MATH-500 from 45.1% to 52.7%.",
     {"Llama-3.1-8B-Instruct": {"builds_on"}, "BERT-large": {"builds_on"}}, {}),
    ("a one-shot method runs the model it is applied to",
     "Masks for Sparse Cores",
     "We propose MaskPair, a one-shot pruning method for 2:4 sparsity. Applied to Llama-3-8B, MaskPair keeps 97% of "
     "the dense accuracy.",
     {"Llama-3-8B": {"uses"}}, {"Llama-3-8B": {"builds_on"}}),
    ("a work that fine-tunes builds on the model it is applied to",
     "Tuned Pruning",
     "We propose MaskTune, which fine-tunes the pruned network. Applied to Llama-3-8B, MaskTune keeps 97% of the "
     "dense accuracy.",
     {"Llama-3-8B": {"builds_on"}}, {}),
    ("a described kind the name follows at once ('a caching layer, dubbed X, that') is no proposal of its own",
     "Paged Speculation",
     "We present a caching layer, dubbed TreeCache, that keeps draft trees in paged memory. We also introduce a "
     "scheduler called PackRun.",
     {"TreeCache": {"proposes"}, "PackRun": {"proposes"}}, {"caching layer": {"proposes"}}),
    ("every name of a list of training data is trained on ('trained on a mixture of A, B and ...')",
     "Document Models",
     "We propose PageLM. PageLM is trained on a mixture of DocVQA, ChartQA and InfographicVQA, plus 2M synthetic "
     "pages.",
     {"DocVQA": {"uses"}, "ChartQA": {"uses"}, "InfographicVQA": {"uses"}}, {}),
    ("a name the abstract defines as a set of counted items is the paper's own dataset, and data collected in it is "
     "what the work trains on; a known name defined so is not proposed",
     "Repository Agents",
     "We train agents on real repositories. ForgeEnv is a collection of 41,200 executable task environments mined "
     "from GitHub. HumanEval is a benchmark of 164 problems. We fine-tune Qwen2.5-Coder-7B on 90k trajectories "
     "collected in ForgeEnv.",
     {"ForgeEnv": {"proposes", "uses"}}, {"HumanEval": {"proposes"}, "ForgeEnv": {"evaluated_on"}}),
    ("a processor class is the named device again where the paper names a device of that class (skos:broader); "
     "not where it names none, nor a device of another class",
     "Staggered Pipelines",
     "We propose LagFill. On 64 H100s LagFill sustains 408 TFLOPs/s per GPU. On a single GPU, LagFill-Lite runs a 1B "
     "model, and offloading moves activations to the CPU.",
     {"H100": {"runs_on"}, "CPU": {"runs_on"}}, {"GPU": {"runs_on"}}),
    ("CPUs and NPUs are classes of their devices too, at any depth of skos:broader, and a model number the "
     "vocabulary lacks is of the family its first words name ('Intel Xeon Platinum 8380' of Intel Xeon)",
     "Staggered Pipelines",
     "We propose LagFill. Trained on 512 Ascend 910B NPUs, LagFill sustains 61% utilisation per NPU, and offloading "
     "moves activations to the CPU of an Intel Xeon Platinum 8380 host.",
     {"Huawei Ascend 910B": {"runs_on"}, "Intel Xeon Platinum 8380": {"runs_on"}}, {"NPU": {"runs_on"}, "CPU": {"runs_on"}}),
    ("a name in apposition to the paper's own model family is proposed, a name the vocabulary knows too",
     "Efficient Finetuning",
     "We present QLoRA, an efficient finetuning approach. Our best model family, Guanaco, outperforms all previous "
     "openly released models on the Vicuna benchmark.",
     {"Guanaco": {"proposes"}}, {"Guanaco": {"uses"}}),
    ("a processor class a device of another class is named beside is run on: the phone's GPU and CPU beside its NPU",
     "Depth on Phones",
     "We propose TinyDepth. On the Hexagon NPU of a Snapdragon 8 Gen 3, TinyDepth runs in 19 ms, 2.1x faster than on "
     "the phone's GPU; on the CPU it takes 80 ms.",
     {"Hexagon NPU": {"runs_on"}, "GPU": {"runs_on"}, "CPU": {"runs_on"}}, {"NPU": {"runs_on"}}),
    ("a processor class the paper names no device of is run on",
     "Cheap Pipelines",
     "We propose LagFill, which trains a 1B model on a single GPU in 9 hours.",
     {"GPU": {"runs_on"}}, {}),
    ("what the work is built 'on top of', named after its owner ('on top of vLLM's PagedAttention')",
     "Block Eviction for Chat",
     "We propose DropKV, which is implemented on top of vLLM's PagedAttention so that freed blocks return to the "
     "allocator at once.",
     {"PagedAttention": {"builds_on"}}, {}),
    ("a plural noun after an opening name is no verb: 'Flow-matching policies such as pi0 generate ...'",
     "Fast Robot Control",
     "Flow-matching policies such as pi0 generate smooth action chunks, but their iterative denoising is slow. "
     "We propose Zephra, a one-step action head.",
     {}, {"flow matching": {"builds_on"}}),
    ("data trained on past a model description, and data fine-tuned on, is used; scored on there or later, it is "
     "evaluated on too; not what a tuned model is then scored on, nor 'full fine-tuning on GLUE'",
     "Stable Low-Precision Training",
     "We pretrain 64 decoder models of up to 7B parameters on SlimPajama. We propose Zephra "
     "and fine-tune on the LIBERO suites. On the four LIBERO suites, Zephra reaches 96.3%. Fine-tuning LLaMA-2-7B "
     "on the TRACE benchmark, Zephra retains 92% of its accuracy. Fine-tuning Qwen2.5-7B with Zephra improves "
     "accuracy on MATH-500, and it matches full fine-tuning on GLUE.",
     {"SlimPajama": {"uses"}, "LIBERO": {"uses", "evaluated_on"}, "TRACE": {"evaluated_on"},
      "MATH-500": {"evaluated_on"}, "GLUE": {"evaluated_on"}},
     {"MATH-500": {"uses"}, "GLUE": {"uses"}}),
    ("a part of X the work is plugged into is work on X; 'applied to A and to the B' applies it to both",
     "Spectral Gates for Generators",
     "We propose Zephra, a spectral gate trained with a frequency loss. It can be plugged into the decoder of "
     "VQ-VAE-2, improving its FID by 2.1. "
     "Applied to SDXL and to the flow-based Stable Diffusion 3 Medium, Zephra yields 4-step generators with 1.8 "
     "points better FID.",
     {"VQ-VAE-2": {"builds_on"}, "Stable Diffusion 3 Medium": {"builds_on"}}, {}),
    ("a rival after its score and a part of it ('48.6% for the same model in the SWE-agent scaffold'), or whose "
     "figure the work reaches a share of ('96% of cuBLAS'), is compared with; a share of a resource is not",
     "Agent Scaffolds and Kernels",
     "We propose Zephra, a scaffold. It resolves 58.4% of SWE-bench Verified, compared with 48.6% for the same "
     "model in the SWE-agent scaffold. Its latency is 410 ms, compared with 1.8 s for the chunked inference of "
     "WhisperX. Its kernels reach 96% of "
     "cuBLAS and 91% of the throughput of vendor-tuned CUTLASS routines, while keeping only 10% of the KV cache "
     "and 38% of Adam updates.",
     {"SWE-agent": {"compares_with"}, "WhisperX": {"compares_with"}, "cuBLAS": {"compares_with"},
      "CUTLASS": {"compares_with"}},
     {"KV cache": {"compares_with"}, "Adam": {"compares_with"}}),
    ("'the teacher' is the teacher named most exactly when the title distils the family and the abstract a member",
     "Distilling Whisper into a Streaming Recognizer",
     "We present Zephra, a 68M-parameter streaming recognizer obtained by knowledge distillation from Whisper "
     "large-v3. Zephra reaches a word error rate of 2.9% on LibriSpeech test-clean, against 2.0% for the teacher.",
     {"Whisper large-v3": {"builds_on", "compares_with"}}, {"Whisper": {"compares_with"}}),
    ("a model trained further is no reference of a sentence's numbers that a named rival's are ('Starting from X, "
     "Zephra improves accuracy by 4.6 points over DAPO'), but is of a change from its own figure after it",
     "Pooled Baselines for RL Post-Training",
     "We propose Zephra, a policy optimization algorithm. Starting from Qwen2.5-Math-7B and training on "
     "DAPO-Math-17K, Zephra improves average accuracy by 4.6 points over DAPO. Starting from Qwen2.5-32B, Zephra "
     "beats GRPO and raises the accuracy of Qwen2.5-32B from 50.0% to 58.3%.",
     {"Qwen2.5-Math-7B": {"builds_on"}, "Qwen2.5-32B": {"builds_on", "compares_with"}},
     {"Qwen2.5-Math-7B": {"compares_with"}}),
    ("a title's name that qualifies the stage its work is for ('for W4A8 Quantization', 'for Mixture-of-Experts "
     "Training', 'FP8 Decoding Attention') is used; the technique it names ('for Mixture-of-Experts Upcycling') not",
     "Zephra: Learned Scales for W4A8 Quantization and Mixture-of-Experts Training with FP8 Decoding Attention",
     "We propose Zephra, which learns per-channel scales.",
     {"W4A8": {"uses"}, "FP8": {"uses"}}, {"W4A8": {"builds_on"}, "FP8": {"builds_on"}}),
    ("learning from calibration data, or a rival's fine-tuning, trains no model: the model a quantizer is applied to "
     "is used",
     "Learned Rotations for 4-Bit Inference",
     "We propose Zephra. We learn block-diagonal rotations on 128 calibration samples. On Llama-3-70B, Zephra "
     "reaches a perplexity of 3.97, versus 4.40 for QuaRot. It outperforms SpinQuant, whose learned rotations need "
     "end-to-end fine-tuning, by 0.9 points.",
     {"Llama-3-70B": {"uses"}}, {"Llama-3-70B": {"builds_on"}}),
    ("what the problem statement says a cost of is quadratic ('the memory complexity of self-attention are "
     "quadratic') is what the work sets out to improve",
     "Exact Attention in Linear Memory",
     "Transformers are slow on long inputs, since the time and memory complexity of self-attention are quadratic "
     "in sequence length. We propose Zephra, an exact attention kernel.",
     {"self-attention": {"builds_on"}}, {"Transformer": {"builds_on"}}),
    ("'The attention layer is the main bottleneck': an opening subject after 'The', and the attention layer is "
     "self-attention",
     "Faster Exact Attention",
     "The attention layer is the main bottleneck in scaling to longer sequences, as its runtime grows "
     "quadratically. We propose Zephra, a kernel that splits work across warps.",
     {"self-attention": {"builds_on"}}, {}),
    ("comparisons as real abstracts phrase them: 'comparable accuracy to X', 'improving upon the previous best "
     "method, X,', and the next rival past the figure the last one scored ('X (43.8 AP) and Y (44.9 AP)')",
     "Faster Detection",
     "We propose Zephra. Zephra halves inference time while maintaining comparable accuracy to CLIP4Clip. It "
     "improves upon the previous best method, X-Pool, by 2.3 points, and reaches 45.2 AP on COCO, exceeding "
     "Deformable DETR (43.8 AP) and DINO (44.9 AP).",
     {"CLIP4Clip": {"compares_with"}, "X-Pool": {"compares_with"}, "Deformable DETR": {"compares_with"},
      "DINO": {"compares_with"}}, {}),
    ("the design a work follows is built on; a model taken 'as the backbone' is no reference of a sentence's numbers",
     "Linear Diffusion Transformers",
     "We propose Zephra. We follow the design of DiT and replace its attention blocks with linear attention. "
     "Zephra leverages the pretrained Stable Diffusion 2.1 as the backbone and trains on 5M images.",
     {"DiT": {"builds_on"}}, {"Stable Diffusion 2.1": {"compares_with"}}),
    ("what a work enhances a part of, redesigns a part of, or is an improved version of, it builds on",
     "Better Agents",
     "We present Zephra, which enhances the reasoning ability of Qwen2.5-7B via self-play, and Kite, an improved "
     "version of YOLOv8. We also propose Wisp, which redesigns the tokenizer of Whisper for low-resource languages.",
     {"Qwen2.5-7B": {"builds_on"}, "YOLOv8": {"builds_on"}, "Whisper": {"builds_on"}}, {}),
    ("the techniques an empirical study sets out to examine ('we re-evaluate five methods, namely ...') are built on",
     "What Do Pruning Benchmarks Hide?",
     "Pruning papers report perplexity alone. We re-evaluate five widely used methods, namely a random mask, Wanda, "
     "SparseGPT and magnitude pruning, on Llama-2-7B and measure accuracy on MMLU.",
     {"Wanda": {"builds_on"}, "SparseGPT": {"builds_on"}, "magnitude pruning": {"builds_on"}},
     {"Llama-2-7B": {"builds_on"}}),
    ("... but a paper with a proposal of its own compares with, or uses, the methods it lists",
     "Faster Pruning",
     "We propose Zephra, a pruning method. We evaluate three methods, namely Wanda, SparseGPT and Zephra, on "
     "Llama-2-7B.",
     {}, {"Wanda": {"builds_on"}, "SparseGPT": {"builds_on"}}),
    ("'namely' names no proposal: a known name in a list after 'a draft model,' is not proposed",
     "Does Speculation Pay Off Under Load?",
     "We benchmark four techniques, namely a separate draft model, Medusa, EAGLE-2 and prompt lookup decoding, "
     "inside vLLM.",
     {"Medusa": {"builds_on"}, "EAGLE-2": {"builds_on"}, "prompt lookup decoding": {"builds_on"}},
     {"Medusa": {"proposes"}}),
    ("an opening sentence's subject past what it is of ('X of weights and activations is ..., yet ...') is built on",
     "Learned Migration for Low-Bit Inference",
     "Post-training quantization of both weights and activations is the cheapest route to fast inference, yet "
     "outliers make low bit widths brittle. We propose Zephra, which learns per-layer migration strengths.",
     {"post-training quantization": {"builds_on"}}, {}),
    ("the technique an abstract opens on with a limit is built on even where the work also uses it later "
     "('fine-tunes with federated learning'): it is what the work improves, so not merely used",
     "Private Fine-Tuning on Phones",
     "Federated learning (FL) lets many clients train one model without sharing raw data, but uplink bandwidth "
     "limits it on phones. We propose Zephra, which fine-tunes language models with federated learning on 64 phones.",
     {"federated learning": {"builds_on"}}, {"federated learning": {"uses"}}),
    ("a model initialised from the weights of X, or trained starting from the dense X checkpoint, builds on X",
     "Regional Weather Forecasting",
     "We propose Zephra, a regional forecaster; we initialize it from the weights of Aurora. Starting from the "
     "dense Qwen2.5-7B checkpoint, we also upcycle a mixture-of-experts model and compare it with 3.1 points more.",
     {"Aurora": {"builds_on"}, "Qwen2.5-7B": {"builds_on"}}, {"Qwen2.5-7B": {"uses"}}),
    ("the kind a proposal is, named before 'kernel' or 'scheduler', is built on; a number format it runs in is "
     "used; 'a variant of the <part> of X' builds on X",
     "Sparse Kernels",
     "We present Zephra, a block-sparse attention kernel for long prompts, and Quill, an FP4 training recipe. Quill "
     "adds an escape path, a variant of the outlier decomposition of LLM.int8() that splits along tokens.",
     {"block-sparse attention": {"builds_on"}, "LLM.int8()": {"builds_on"}, "FP4": {"uses"}}, {"FP4": {"builds_on"}}),
    ("building on a version of X (EAGLE-2) is not building on X; building on a qualified form of a technique is "
     "building on the technique",
     "Draft Trees",
     "Federated learning suffers from drift. We propose Zephra, which generalises EAGLE-2's tree construction; its "
     "draft head is the standard EAGLE head. We also propose Quill, which extends personalized federated learning.",
     {"EAGLE-2": {"builds_on"}, "federated learning": {"builds_on"}}, {"EAGLE": {"builds_on"}}),
    ("a technique naming the kind of models a title's work targets ('MoE Models') is used, not built on",
     "Zephra: Expert-Aware Draft Trees for Speculative Decoding of MoE Models",
     "Mixture-of-experts models activate few experts per token. We propose Zephra, which shapes draft trees by "
     "expert routing.",
     {"mixture of experts": {"uses"}}, {"mixture of experts": {"builds_on"}}),
    ("another method's training ('SpinQuant learns the rotations') does not make the work train the model it "
     "quantizes: that model is used",
     "Rotation Quantization",
     "QuaRot multiplies activations by Hadamard matrices, and SpinQuant learns the rotations instead. We revisit "
     "SpinQuant's rotation learning and propose Zephra, which adds a token-level escape path. On Llama-3-8B, "
     "Zephra lowers WikiText-2 perplexity from 7.10 to 6.52.",
     {"Llama-3-8B": {"uses"}}, {"Llama-3-8B": {"builds_on"}}),
    ("the data structure a title's technique operates on ('KV Cache Tiering') is used, not built on",
     "Zephra: Elastic KV Cache Tiering for Long-Context Serving",
     "Long prompts fill GPU memory. We propose Zephra, which moves cold blocks of the KV cache to host memory.",
     {"KV cache": {"uses"}}, {"KV cache": {"builds_on"}}),
    ("a model the gains of a training method 'carry over to' is trained too: built on",
     "Rollout Budgets",
     "We propose Zephra, which reallocates rollouts during GRPO training of Qwen2.5-7B. The benefits carry over to "
     "Qwen3-4B-Base and to the larger Qwen2.5-32B, where Zephra lifts MATH-500 accuracy by 3.1 points.",
     {"Qwen3-4B-Base": {"builds_on"}, "Qwen2.5-32B": {"builds_on"}}, {}),
    ("a model a training system is measured training on a cluster is its workload, used; a model a recipe "
     "fine-tunes is built on, whatever it runs on",
     "Pipeline Schedules",
     "We propose Zephra, a pipeline schedule. Training Llama-3-70B with 32K-token sequences on 256 H100 GPUs, it "
     "reaches 52.8% model FLOPs utilization.",
     {"Llama-3-70B": {"uses"}}, {"Llama-3-70B": {"builds_on"}}),
    ("the same, for a recipe",
     "Math Reasoning",
     "We propose Zephra, a reward-shaping recipe. We fine-tune Llama-3-8B on 8 A100 GPUs, which raises GSM8K "
     "accuracy by 4.1 points.",
     {"Llama-3-8B": {"builds_on"}}, {}),
    ("the data structure a technique the work builds on is named after is used",
     "Pressure-Aware KV Cache Eviction for Multi-Tenant Serving",
     "The key-value (KV) cache of long-context models grows with every token. We propose Zephra, which evicts "
     "blocks by memory pressure.",
     {"KV cache": {"uses"}}, {"KV cache": {"builds_on"}}),
    ("a name the title reads as a setting, or a background example, is no kind of the work's technique",
     "Structured Pruning and Distillation for Small Language Models",
     "Step-distillation methods, e.g., consistency models and adversarial diffusion distillation, cut steps but "
     "lose quality. We propose Zephra, which prunes heads and recovers accuracy with knowledge distillation.",
     {}, {"knowledge distillation": {"builds_on"}, "adversarial diffusion distillation": {"builds_on"}}),
]


@pytest.mark.parametrize("about, title, abstract, required, forbidden", ROLE_CASES, ids=[c[0][:60] for c in ROLE_CASES])
def test_extract_unseen_relations_to_prior_work(extractor, about, title, abstract, required, forbidden):
    _, roles = _extract(extractor, title, abstract)
    assert {name: roles.get(name, set()) & needed for name, needed in required.items()} == required, about
    assert {name: roles.get(name, set()) & bad for name, bad in forbidden.items()} == {n: set() for n in forbidden}, about


def test_extract_unseen_a_second_technique_the_proposal_sentence_describes(extractor):
    """"We introduce X, together with Y, a variant of Z": Y is proposed too; a known technique is not."""
    _, roles = _extract(extractor, "Compressed Training",
                        "We introduce overlapped bucket compression, together with bias-bounded error feedback, a "
                        "variant of error feedback. We propose a calibrated exit rule and pair it with lazy KV "
                        "refilling, which fills skipped entries. We propose ExitKV and combine it with speculative "
                        "decoding, which drafts tokens.")
    assert roles["bias-bounded error feedback"] == roles["lazy KV refilling"] == {"proposes"}
    assert "proposes" not in roles["speculative decoding"]


def test_extract_unseen_a_sharp_successor_is_not_its_predecessor(extractor):
    """"QuIP#" is another method than QuIP (as "HumanEval+" is another benchmark than HumanEval)."""
    extraction, roles = _extract(extractor, "Two-Bit Quantization",
                                 "We propose Zephra, an extension of QuIP. Zephra outperforms QuIP# by 0.3 perplexity on "
                                 "WikiText-2.")
    assert {"QuIP", "QuIP#"} <= {e.name for e in extraction.entities}
    assert "builds_on" in roles["QuIP"] and roles["QuIP#"] == {"compares_with"}


def test_extract_unseen_pass_hat_k_is_not_pass_at_k(extractor):
    """pass^k (every one of k trials succeeds) is another metric than pass@k (one of k does): "pass^1" and
    "pass@1" are two entities, "pass^8" a cut-off of pass^k, and each number keeps its own metric."""
    extraction, _ = _extract(extractor, "Reliable Agents",
                             "We propose Zephra. Zephra reaches a pass^1 of 58.2% on tau-bench and its pass^8 falls to "
                             "14.9%, while its pass@1 on HumanEval is 71.0%.")
    names = {e.name for e in extraction.entities if e.type == "Metric"}
    assert {"pass^1", "pass^8", "pass@1"} <= names
    metric_names = {e.id: e.name for e in extraction.entities}
    assert {(metric_names.get(r.metric), r.value) for r in extraction.results} >= {
        ("pass^1", 58.2), ("pass^8", 14.9), ("pass@1", 71.0)}


def test_extract_unseen_a_title_before_a_name_ends_no_sentence(extractor):
    """"Dr." is an abbreviation: "DAPO and Dr. GRPO dominate practice" is one sentence."""
    from pipeline.extract.components import sentence_spans

    text = "T\n\nDAPO and Dr. GRPO dominate practice. We propose Zephra."
    assert [text[s:e] for s, e in sentence_spans(text)][1:] == ["DAPO and Dr. GRPO dominate practice.", "We propose Zephra."]


def test_extract_unseen_a_name_before_a_word_that_usually_ends_no_name(extractor):
    """"the Mistral-7B language model", "MMS-1B language adapters" name models, "LiveCodeBench problems" a
    benchmark; "the Zig language" names none."""
    extraction, _ = _extract(extractor, "Adapters",
                             "We fine-tune the Mistral-7B language model and compare with MMS-1B language adapters "
                             "written in the Zig language.")
    names = {e.name for e in extraction.entities}
    assert {"MMS-1B"} <= names and any(n.startswith("Mistral") for n in names) and "Zig" not in names
    _, roles = _extract(extractor, "Code Models", "We propose FixLoop. It gains 2.9 points on LiveCodeBench problems and "
                                                  "1.1 points on LIBERO tasks.")
    assert roles["LiveCodeBench"] == roles["LIBERO"] == {"evaluated_on"}


def test_extract_unseen_an_acronym_defined_inside_a_known_name(extractor):
    """"the key-value (KV) cache": the phrase names the KV cache; "key-value" is no entity of its own."""
    extraction, _ = _extract(extractor, "Serving", "We propose TidyKV. The key-value (KV) cache grows with context.")
    by_name = {e.name: e for e in extraction.entities}
    assert "key-value" not in by_name and "key-value (KV) cache" in by_name["KV cache"].aliases


def test_extract_unseen_a_split_name_is_no_dataset_of_its_own(extractor):
    extraction, _ = _extract(extractor, "Detection", "We propose X. On COCO val2017 it reaches 44.1 AP. Val2017 is used.")
    assert {e.name for e in extraction.entities if e.type == "Dataset"} == {"COCO"}


# Names read whole, one way of writing them each:
# (what it is about, title, abstract, names that must be entities, names that must not be).
NAME_CASES = [
    ("a model's release tag and a mixture's size written after a space belong to its name; a licence is no entity",
     "Caching", "On FLUX.1-dev and FLUX.1-schnell with Mixtral 8x22B as the judge, we save 40%. Code is released under "
     "Apache-2.0 and data under the MIT license.",
     {"FLUX.1-dev", "FLUX.1-schnell", "Mixtral 8x22B"}, {"FLUX.1", "Mixtral", "Apache-2.0", "MIT license"}),
    ("an everyday word that names a device line is no device in a title ('Fewer Pixels'), but is with a number",
     "Fewer Pixels, Same Answers", "We propose mmSlim. It runs at 20 tokens/s on a Pixel 8.",
     {"Google Pixel 8"}, {"Google Pixel"}),
    ("well-known names the vocabulary holds whole: 'Swin UNETR' is no Swin Transformer, 'the Stack Overflow' no The Stack",
     "Medical Segmentation", "We propose HelixNet, 3.2x faster than Swin UNETR, and train it on the Stack Overflow "
     "and Reddit federated datasets.", {"Swin UNETR", "Stack Overflow"}, {"Swin Transformer", "UNETR", "The Stack"}),
    ("an acronym whose digit moved from the long form's first word: 3D Diffusion Policy (DP3)",
     "Robot Policies", "We propose GraspFlow, which outperforms 3D Diffusion Policy (DP3) on MetaWorld. DP3 is slow.",
     {"3D Diffusion Policy"}, {"DP3"}),
    ("a known model's size written after a space is part of its name, not a count of tokens",
     "Protein Models", "We propose THISTLE, which matches ESM-2 650M. Llama-3 8B tokens were seen.",
     {"ESM-2 650M"}, {"Llama-3 8B"}),
    ("an acronym a method shares with a dataset is the dataset where a list of datasets holds it ...",
     "Token Budgets", "We propose SlimVis, which keeps 98.7% of accuracy across MMBench, TextVQA, POPE and GQA.",
     {"GQA dataset"}, {"grouped-query attention"}),
    ("... and the method where none does",
     "KV Caches", "We propose SlimKV for Llama-3-8B, which uses GQA, and cut memory by 40%.",
     {"grouped-query attention"}, {"GQA dataset"}),
    ("a known model keeps its version or capitalised size: one name each, not the family plus a stray tail",
     "Small Models",
     "We quantize Depth Anything V2-Small and train GPT-2 Medium and GPT-2 Small. Large models are left out; GPT-2. "
     "Large ones too.",
     {"Depth Anything V2-Small", "GPT-2 Medium", "GPT-2 Small"}, {"V2-Small", "Depth Anything"}),
    ("a known model before a hyphen and a capitalised size",
     "Forecasting", "TideNet outperforms Chronos-Small and T5-Small.",
     {"Chronos-Small", "T5-Small"}, set()),
    ("labels with a glued point, colon or dot are found whole; a sentence's point ends a name",
     "Kernels",
     "We beat torch.compile and llama.cpp with 2:4 sparsity on FLUX.1 and DALL·E 3, and on GPT-4. Then GPT-4.5 runs.",
     {"torch.compile", "llama.cpp", "2:4 sparsity", "FLUX.1", "DALL-E 3", "GPT-4", "GPT-4.5"}, set()),
    ("a Title Case adjective ends a name: \"DETR-Style Detectors\" names DETR",
     "Query Recycling for Faster Convergence of DETR-Style Detectors", "We propose QR for LLaMA-Based agents.",
     {"DETR", "LLaMA"}, {"DETR-Style", "LLaMA-Based"}),
    ("a known model with a written size is one entity whatever label it is written with; two tier words are kept",
     "Few-Step Generation",
     "We distil Stable Diffusion 3.5 Large into Fennel, which beats SD3.5 Large and Stable Diffusion 3.5 Large Turbo.",
     {"Stable Diffusion 3.5 Large", "Stable Diffusion 3.5 Large Turbo"}, {"SD3.5 Large"}),
    ("a hardware model number takes a plural; a Title Case label is found in lower case, a coined one is not",
     "Whispers", "We adapt Whisper with low-rank adaptation on eight A100s and two RTX 4090s; lora is a radio protocol.",
     {"LoRA", "A100", "RTX 4090"}, {"A100s", "lora"}),
]


@pytest.mark.parametrize("about, title, abstract, present, absent", NAME_CASES, ids=[c[0][:60] for c in NAME_CASES])
def test_extract_unseen_names_read_whole(extractor, about, title, abstract, present, absent):
    extraction, _ = _extract(extractor, title, abstract)
    names = {e.name for e in extraction.entities}
    assert present <= names and not names & absent, (about, names)


# One attribute of the results of an abstract, one way of stating them each: (what it is about,
# title, abstract, attribute, {value as written: attribute}, whether those are all its results).
# Gains over two rivals in one comparison, after a score averaged over three datasets.
_LISTED_GAINS = (
    "We propose DeepSieve. DeepSieve reaches an average F1 of 61.2 across HotpotQA, MuSiQue and Bamboogle, "
    "outperforming Self-RAG by 2.7 points and IRCoT by 6.1 points while issuing 35% fewer retrieval calls than Self-RAG."
)
RESULT_CASES = [
    ("a rival's own number quoted against the paper's is no result (after 'compared with', in a list, for the "
     "unmodified model, or in a clause a baseline opens); the paper's own after 'whereas' and a part's gain are",
     "Streaming Recognition",
     "We propose Murmur. Murmur reaches a word error rate of 4.8%, compared with 3.6% for Whisper large-v3 and 6.1% "
     "for Paraformer. On a Jetson Orin, a chunk takes 41 ms, compared with 37 ms for the unmodified model. Its "
     "error rate stays below 3% under noise, whereas Paraformer degrades by 9.4 points. At 16 streams, Whisper "
     "large-v3 is 12% slower than real time, whereas Murmur still runs 2.3x faster than real time, while chunk "
     "caching contributes a further 15% reduction in latency. Its FP16 kernels reach 410 TFLOPs/s, while FP8 gets "
     "close to 790 TFLOPs/s.",
     "value_text", {"4.8%": "4.8%", "41 ms": "41 ms", "3%": "3%", "2.3x": "2.3x", "15%": "15%",
                    "790 TFLOPs/s": "790 TFLOPs/s"}, False),
    ("the same: none of the rivals' numbers is a result",
     "Streaming Recognition",
     "We propose Murmur. Murmur reaches a word error rate of 4.8%, compared with 3.6% for Whisper large-v3 and 6.1% "
     "for Paraformer. On a Jetson Orin, a chunk takes 41 ms, compared with 37 ms for the unmodified model. Its "
     "error rate stays below 3% under noise, whereas Paraformer degrades by 9.4 points.",
     "value_text", {"3.6%": "(no such result)", "6.1%": "(no such result)", "37 ms": "(no such result)",
                    "9.4 points": "(no such result)"}, False),
    ("a list of a rival's own numbers before the rival ('against 1.8x and 1.5x for EAGLE-2') holds no result",
     "Draft Trees",
     "We propose Zephra. On one H100, Zephra delivers 2.6x and 2.1x speedups over autoregressive decoding, against "
     "1.8x and 1.5x for EAGLE-2.",
     "value_text", {"2.6x": "2.6x", "1.8x": "(no such result)", "1.5x": "(no such result)"}, False),
    ("numbers listed before one with a unit share it; a score and a gap after a comma are no list",
     "Small Students",
     "We propose Zephra. On a Jetson Orin, the students generate 38 and 54 tokens/s, and improve MMLU accuracy by "
     "3.1 and 1.9 points. On MS MARCO, Zephra reaches an MRR@10 of 39.6, 0.2 points below ColBERTv2.",
     "unit", {"38": "tokens/s", "54 tokens/s": "tokens/s", "3.1": "points", "39.6": None}, False),
    ("a change of a count keeps the count's noun as its unit; a lone count of tokens is a setting",
     "Drafts",
     "We propose Zephra. At 128K tokens, the acceptance length of Zephra rises from 3.1 to 4.2 tokens.",
     "unit", {"4.2 tokens": "tokens"}, True),
    ("a number with a metric's name after it is a difference of scores, in points, when the text makes it one "
     "('1.3 AP better', '(+1.7 AP)', 'within 4.2 AP of'); an absolute score has no unit",
     "Detectors",
     "We propose TernDet. On LVIS, TernDet is 1.3 AP better than DINO (+1.7 AP on COCO) and reaches 53.1 AP, within "
     "4.2 AP of Grounding DINO.",
     "unit", {"1.3": "points", "1.7": "points", "53.1": None, "4.2": "points"}, True),
    ("a gain over the base model is measured against the one model the work trains further, not past another claim",
     "Memory for Long Videos",
     "We propose Rewind, trained with reinforcement fine-tuning on top of InternVL2.5-8B. Accuracy improves over the "
     "base model by 5.1 points on MLVU. It answers in 3.2 seconds on one H800, a 12x speedup over the base model.",
     "baseline", {"5.1 points": "internvl258b", "3.2 seconds": None}, False),
    ("gains in points over listed rivals keep the score's measure and each its own rival; an average over a list of "
     "datasets is on none of them",
     "Evidence Sufficiency",
     _LISTED_GAINS,
     "metric", {"61.2": "f1-score", "2.7 points": "f1-score", "6.1 points": "f1-score"}, False),
    ("the same, for the rivals",
     "Evidence Sufficiency",
     _LISTED_GAINS,
     "baseline", {"2.7 points": "self-rag", "6.1 points": "ircot"}, False),
    ("the same, for the datasets",
     "Evidence Sufficiency",
     "We propose DeepSieve. DeepSieve reaches an average F1 of 61.2 across HotpotQA, MuSiQue and Bamboogle.",
     "dataset", {"61.2": None}, True),
    ("a claim on the same GPU is on the device of the claim before; a part of a GPU is no device measured on",
     "Attention Kernels",
     "We propose FluxAttn. Warps stream tiles from HBM into SRAM and run matrix multiplications on the Tensor Cores. "
     "FluxAttn reaches 640 TFLOPs/s on an H100. In FP8 it sustains 1.1 PFLOPs/s on the same GPU.",
     "hardware", {"640 TFLOPs/s": "h100", "1.1 PFLOPs/s": "h100"}, True),
    ("a setup sentence's one device ('taken on a single H100', 'use one A100 GPU') is the device of later "
     "platform claims; a device a claim's sentence opens on is that claim's",
     "Sparse Kernels",
     "We propose TileHop, a block-sparse attention kernel. All measurements are taken on a single H100. TileHop "
     "reaches 610 TFLOPs/s and runs 1.9x faster than FlexAttention. On a Jetson Orin, with the GPU and the DLA "
     "both active, it cuts latency by 2.1x.",
     "hardware", {"610 TFLOPs/s": "h100", "1.9x": "h100", "2.1x": "jetson-orin"}, True),
    ("the same, for a setup sentence that uses the device",
     "Sparse Kernels",
     "We propose TileHop, a block-sparse attention kernel. All measurements use one A100 GPU. TileHop reaches "
     "210 TFLOPs/s.",
     "hardware", {"210 TFLOPs/s": "a100"}, True),
    ("a number in seconds takes no quality metric near it as its measure",
     "Sparse Kernels",
     "We propose TileHop. It cuts the time to first token of a 128K-token prompt from 14.2 s with dense attention to "
     "6.1 s, while accuracy on RULER is unchanged.",
     "metric", {"6.1 s": "time-to-first-token"}, True),
    ("a part of a GPU named in a setup sentence is no device a later claim is measured on",
     "Attention Kernels",
     "We propose FluxAttn. Warps stream tiles from HBM into SRAM and run matrix multiplications on the Tensor Cores. "
     "FluxAttn sustains 1.1 PFLOPs/s in FP8.",
     "hardware", {"1.1 PFLOPs/s": None}, True),
    ("a dataset opening a clause as its score's modifier is the dataset of the clause's number; two such are not",
     "Head-Wise Precision",
     "We propose HeadBits. It cuts memory by 81% relative to FP16, while LongBench scores stay within 0.6 points of "
     "FP16 and RULER accuracy at 128K drops from 77.2% to 75.9%. MMBench and MME scores change by less than 0.5 points.",
     "dataset", {"81%": None, "0.6 points": "longbench", "75.9%": "ruler", "0.5 points": None}, True),
    ("a hyphenated point count is a result in points",
     "Whispers",
     "We propose HushTune. Synthetic conversion gives a 5.9-point lower word error rate, and combining both a further "
     "1.4-point reduction.",
     "unit", {"5.9-point": "points", "1.4-point": "points"}, True),
    ("a model the work changes, as the subject of a gain, is the reference of the gain's numbers",
     "Self-Repair",
     "We fine-tune Qwen2.5-Coder-1.5B and StarCoder2-3B on RepairMix. After fine-tuning, Qwen2.5-Coder-1.5B improves "
     "pass@1 on HumanEval+ from 52.4% to 61.0% and on MBPP+ from 55.1% to 60.7%, and StarCoder2-3B gains 7.2 points.",
     "baseline", {"61.0%": "qwen25coder15b", "60.7%": "qwen25coder15b", "7.2 points": "starcoder23b"}, True),
    ("a number after an implied speedup, with the same unit and joined to it, is a speedup too",
     "Kernels",
     "We propose Kilnfuse. On an H100, Kilnfuse runs 1.38x faster than torch.compile on the forward pass of "
     "Llama-2-7B blocks at sequence length 4096, and 1.21x over cuBLAS.",
     "metric", {"1.38x": "speedup", "1.21x": "speedup"}, True),
    ("a rival set against a number in a later clause is not that number's baseline",
     "Feature Caching",
     "We propose RelayCache. It cuts generation time from 1,430 s to 512 s on a single H100, a 2.8x speedup; "
     "TeaCache at matched quality reaches 1.9x.",
     "baseline", {"512 s": None, "2.8x": None}, False),
    ("numbers listed after as many listed baselines are theirs in order",
     "Token Pruning",
     "We propose TAP. Applied to DeiT-S and ViT-B/16 on ImageNet-1K, TAP reduces FLOPs by 42% and 38% respectively.",
     "baseline", {"42%": "deits", "38%": "vitb16"}, True),
    ("numbers listed after as many listed datasets are theirs in order",
     "Compressing Splats",
     "We propose SpindleGS. On Tanks and Temples and Deep Blending the storage reductions are 38x and 52x.",
     "dataset", {"38x": "tanks-and-temples", "52x": "deep-blending"}, True),
    ("'N x the <measure> of X' and 'N x that of X' name X as the baseline",
     "Drafting",
     "We present Quiver. On one H100, Quiver delivers 2.3x the throughput of autoregressive decoding and 1.9\u00d7 "
     "that of EAGLE-2.",
     "baseline", {"2.3x": "autoregressivedecoding", "1.9x": "eagle-2"}, True),
    ("compute in GPU-hours is a result with its unit, the processor named between them and a scale word",
     "Compute",
     "We propose Fennel. Training Fennel takes 640 GPU-hours, scoring costs 3,000 H100 GPU-hours, and the "
     "whole study saves 1.02 million GPU-hours.",
     "unit", {"640 GPU-hours": "GPU-hours", "3,000 H100 GPU-hours": "GPU-hours", "1.02 million GPU-hours": "GPU-hours"},
     True),
    ("a scale word multiplies the value",
     "Compute", "We propose Fennel, which saves 1.02 million GPU-hours.",
     "value", {"1.02 million GPU-hours": 1020000.0}, True),
    ("a claim against a list of baselines has no one baseline",
     "Drifting Clients",
     "We propose DriftMix. DriftMix improves accuracy by 2.2 points over FedProx and IFCA, and by 4.1 points over FedAvg.",
     "baseline", {"2.2 points": None, "4.1 points": "fedavg"}, False),
    ("\"1.6 GB less memory\" is memory usage; a duration takes the measure of the activity it times",
     "Lean Optimizers",
     "We propose LeanShampoo. Its optimizer state uses 1.6 GB less memory than AdamW. Quantizing a 70B model takes "
     "2.1 hours on one A100, and on ogbn-products it trains an epoch in 4.1 s. The demo loads in 3 s.",
     "metric", {"1.6 GB": "memory-usage", "2.1 hours": "quantization-time", "4.1 s": "epoch-time", "3 s": None}, False),
    ("each claim takes the dataset of its own clause",
     "Code Repair",
     "We propose FixLoop. It improves pass@1 on HumanEval from 52.4% to 61.0% and on MBPP from 55.1% to 60.7%. The "
     "detector reaches 44.1 AP on COCO and 27.8 AP on LVIS.",
     "dataset", {"61.0%": "humaneval", "60.7%": "mbpp", "44.1": "coco", "27.8": "lvis"}, False),
    ("in a benchmark paper, claims that name no dataset are measured on the benchmark; not in a paper that "
     "builds a dataset to train on",
     "Can Agents Read Invoices?",
     "We introduce LedgerQA, a benchmark of 2,100 questions over scanned invoices. We evaluate 12 models on "
     "LedgerQA. The best model reaches only 48.2% accuracy, and open models trail it by 9 points.",
     "dataset", {"48.2%": "ledgerqa", "9 points": "ledgerqa"}, True),
    ("a dataset the paper trains on is no benchmark its claims are measured on",
     "Self-Repair for Code Models",
     "We construct FixMix, a dataset of 90k repair trajectories, and fine-tune StarCoder2-3B on FixMix. The "
     "repairs raise the number of generated tokens by 2.3x.",
     "dataset", {"2.3x": None}, True),
    ("\"pass@1\" is the vocabulary's pass@1, and the measure of the number after it",
     "Code Repair", "We propose FixLoop. It raises pass@1 on HumanEval from 52.4% to 61.0%.",
     "metric", {"61.0%": "pass-1"}, True),
    ("a baseline belongs to the number next to it, not to the absolute score before it",
     "Graph Models",
     "We propose TreeHop. On ogbn-products, TreeHop reaches 83.9% accuracy, 1.6 points above GraphSAGE and 2.4 "
     "points above GAT.",
     "baseline", {"83.9%": None, "1.6 points": "graphsage", "2.4 points": "gat"}, True),
    ("in \"the score of X from A to B\" X is the baseline",
     "Offline RL",
     "We propose a coverage-aware expectile schedule. On D4RL it raises the normalised score of CQL from 692.4 to 741.9.",
     "baseline", {"741.9": "conservative-q-learning"}, True),
    ("setup numbers (\"models with 1.3B, 7B and 13B parameters\", \"every 20 steps\") are no results",
     "Stable FP8",
     "We propose ScaleFP8. We pre-train models with 1.3B, 7B and 13B parameters and refresh the scales every 20 "
     "steps. The adapter needs only 0.5M trainable parameters and trains 1.3x faster.",
     "value_text", {"0.5M": "0.5M", "1.3x": "1.3x"}, True),
    ("a parameter count said with 'only'/'just', or a share of a model's parameters, and memory named before its "
     "change ('memory by 16x') name their metric",
     "Compact Forecasting",
     "We propose Zephra. Despite having only 0.4M parameters, Zephra beats PatchTST. It trains only 0.3% of the "
     "backbone's parameters and reduces embedding memory by 16x.",
     "metric", {"0.4M": "parameter-count", "0.3%": "parameter-count", "16x": "memory-usage"}, False),
    ("durations in days are results, and the activity they time names them (training, fine-tuning, generating)",
     "Fast Video Generation",
     "We propose Zephra. Training takes 2.5 days on 32 H100 GPUs, and fine-tuning the decoder takes 4 hours. "
     "Zephra generates a 480p clip in 9.8 seconds on one H800.",
     "metric", {"2.5 days": "training-time", "4 hours": "fine-tuning-time", "9.8 seconds": "generation-time"}, True),
    ("a duration after '..., which takes' times the clause before it; one whose clause opens on an activity the "
     "vocabulary lacks is that activity's time ('merging a full model takes 15 minutes'), but 'doing so' is none",
     "Expert Merging",
     "We propose Zephra. We fine-tune it for 30K steps on LIBERO, which takes 8 H100 GPUs roughly 20 hours, and "
     "merging a full model takes less than 15 minutes. Doing so takes 3 seconds.",
     "metric", {"20 hours": "fine-tuning-time", "15 minutes": "mergingtime", "3 seconds": None}, True),
    ("a percentage faster is a speedup like a multiple faster ('18% faster than EAGLE'), unless it names the "
     "measure it is faster in ('17% faster in wall-clock time')",
     "Speculative Decoding",
     "We propose GateSpec. GateSpec is 18% faster than EAGLE on GSM8K, and training becomes 17% faster in "
     "wall-clock time.",
     "metric", {"18%": "speedup", "17%": "wall-clock-time"}, True),
    ("a duration of one unit is read as the plural's unit ('1 day', '1 hour', '1 second')",
     "Fast Video Generation",
     "We propose Zephra. Training takes 1 day on 32 H100 GPUs, and fine-tuning the decoder takes 1 hour. "
     "Zephra generates a 480p clip in 1 second on one H800.",
     "unit", {"1 day": "days", "1 hour": "h", "1 second": "s"}, True),
    ("'6 GB of GPU memory' the work uses is memory usage; '24 GB of memory' a GPU has is the setup, no result",
     "Compact Fine-Tuning",
     "We propose Zephra. Zephra fine-tunes a 7B model in only 6 GB of GPU memory on a single consumer GPU with "
     "24 GB of memory.",
     "metric", {"6 GB": "memory-usage", "24 GB": "(no such result)"}, False),
    ("LaTeX left in a pasted abstract is a multiple too ('5.3$\\times$', '$2\\times$'): ingest cleans it",
     "Compact KV Caches",
     "We propose KVSplice. KVSplice cuts KV cache memory by 5.3$\\times$ and decodes $2\\times$ faster than KIVI.",
     "unit", {"5.3x": "x", "2x": "x"}, True),
    ("a platform-dependent claim that names no device is taken on the device a setup sentence before it runs on; "
     "a quality claim, or one after a setup naming two devices, is on none",
     "Sharded Optimizers",
     "We propose ShardMu. We train 7B models on 2T tokens with up to 1,024 H100 GPUs. ShardMu sustains 41.8% model "
     "FLOPs utilization and gives a 1.4x end-to-end speedup, and it lowers perplexity by 0.5 points.",
     "hardware", {"41.8%": "h100", "1.4x": "h100", "0.5 points": None}, True),
    ("a quality measure taken on a device is no measure of the device; speed on it is",
     "Detection at the Edge",
     "We propose EdgeDet. On a Jetson AGX Orin, EdgeDet reaches 44.1 AP on COCO at 31 fps.",
     "hardware", {"44.1": None, "31 fps": "jetson-agx-orin"}, True),
    ("a setup naming two devices gives a later claim neither",
     "Sharded Optimizers",
     "We propose ShardMu. We benchmark it on H100 and A100 GPUs. ShardMu gives a 1.4x end-to-end speedup.",
     "hardware", {"1.4x": None}, True),
    ("'KV cache memory (usage)' is memory usage, the measure of KV cache compression",
     "Compact KV Caches",
     "We propose KVSplice. It cuts KV cache memory usage by 5.3x, and KV cache memory is reduced by 62% at 128K.",
     "metric", {"5.3x": "memory-usage", "62%": "memory-usage"}, True),
    ("'average acceptance length' is the acceptance length, by either name",
     "Draft Trees",
     "We propose DraftWeave. It reaches an average acceptance length of 5.12 tokens, and a mean accepted length of "
     "4.6 tokens on MT-Bench.",
     "metric", {"5.12 tokens": "acceptance-length", "4.6 tokens": "acceptance-length"}, True),
    ("an approximate number ('~4x', '∼4×', 'of ≈30 ms') is tied to its measure as a plain one",
     "Compact KV Caches",
     "We propose FastKV, which reduces memory by ∼4× compared with H2O, with a perplexity of ~5.2 and a latency "
     "of ≈30 ms.",
     "metric", {"4x": "memory-usage", "5.2": "perplexity", "30 ms": "latency"}, True),
    ("a measure that changes by a number of its own is not the measure of the number before it",
     "Token Pruning", "We propose GlimpseCut. FLOPs fall by 3.4x and throughput rises by 20%.",
     "metric", {"3.4x": "flops", "20%": "throughput"}, True),
    ("units are written one way",
     "Edge Detection", "We propose EdgeDet. It runs at 23 FPS, 31 fps and in 2.5 seconds, with gains of 15%-50%.",
     "unit", {"23 FPS": "fps", "31 fps": "fps", "2.5 seconds": "s", "15%-50%": "%"}, True),
    ("a range's value is its upper bound",
     "Edge Detection", "We propose EdgeDet. It runs at 23 FPS, 31 fps and in 2.5 seconds, with gains of 15%-50%.",
     "value", {"15%-50%": 50.0}, False),
    ("numbers listed before a metric's name are its values too",
     "Translation", "We propose QR. It reaches 34.1, 35.0 and 36.2 BLEU, and gains 2.1 and 1.8 mAP.",
     "metric", {"34.1": "bleu", "35.0": "bleu", "36.2": "bleu", "2.1": "mean-average-precision",
                "1.8": "mean-average-precision"}, True),
]


@pytest.mark.parametrize("about, title, abstract, attribute, expected, whole", RESULT_CASES,
                         ids=[c[0][:60] for c in RESULT_CASES])
def test_extract_unseen_result_attributes(extractor, about, title, abstract, attribute, expected, whole):
    extraction, _ = _extract(extractor, title, abstract)
    found = {r.value_text: getattr(r, attribute) for r in extraction.results}
    assert {text: found.get(text, "(no such result)") for text in expected} == expected, about
    assert not whole or found.keys() == expected.keys(), (about, found)


def test_extract_unseen_a_count_of_stages_is_no_name(extractor):
    """"a training-free, two-stage scheme": the scheme's shape is proposed by nobody; a phrase it qualifies is."""
    _, roles = _extract(extractor, "Pruning Visual Tokens Early",
                        "We propose a training-free, two-stage scheme that prunes visual tokens before the projector.")
    assert "two-stage" not in roles
    _, roles = _extract(extractor, "Pruning Visual Tokens Early",
                        "We propose a two-stage pruning scheme that drops visual tokens before the projector.")
    assert roles.get("two-stage pruning") == {"proposes"}


def test_extract_unseen_w_slash_o_retraining_is_training_free(extractor):
    """"w/o retraining", as listings write it, leaves the models a method runs unchanged: used, not built on."""
    _, roles = _extract(extractor, "Mixed-Precision KV Caches",
                        "We propose KVSplice, which keeps the top 5% of tokens in FP8. On Llama-3.1-8B-Instruct, "
                        "KVSplice cuts KV cache memory by 5.3x w/o retraining.")
    assert "uses" in roles["Llama-3.1-8B-Instruct"] and "builds_on" not in roles["Llama-3.1-8B-Instruct"]


def test_extract_unseen_data_trained_on_calibrated_on_or_searched_is_used(extractor):
    """"training only on DAPO-Math-17k", "a calibration set drawn from C4", "a ColBERTv2 index over Wikipedia",
    "Objects365 pre-training", "problems from APPS": data the work uses; the benchmarks it scores on are
    evaluated on, and the method named after the training data's comma is no dataset."""
    extraction, roles = _extract(
        extractor, "Entropy Control",
        "We propose ECPO. Starting from Qwen2.5-Math-7B and training only on DAPO-Math-17k, ECPO lifts pass@1 on "
        "AIME 2024 from 16.7% to 38.9%. Its verifier is calibrated with a small calibration set drawn from C4, and "
        "its retriever is a ColBERTv2 index over Wikipedia. The detector gains 1.2 AP with Objects365 pre-training, "
        "and the coder is trained on problems from APPS.")
    assert {n: roles[n] for n in ("DAPO-Math-17k", "C4", "Wikipedia", "Objects365", "APPS")} == dict.fromkeys(
        ("DAPO-Math-17k", "C4", "Wikipedia", "Objects365", "APPS"), {"uses"})
    assert roles["AIME 2024"] == {"evaluated_on"}
    assert {e.name: e.type for e in extraction.entities}["ECPO"] == "Method"


def test_extract_unseen_a_training_run_measured_is_no_data_trained_on(extractor):
    """"Training on ogbn-products takes 41 minutes" measures a run on a benchmark; "ImageNet-21K pretraining
    improves accuracy on ImageNet-R" trains on the one and scores on the other."""
    _, roles = _extract(extractor, "Graph Transformers",
                        "We propose PolyHop. On ogbn-arxiv and ogbn-products, PolyHop improves test accuracy by 1.6 "
                        "points. Training on ogbn-products takes 41 minutes on a single A100. ImageNet-21K pretraining "
                        "improves accuracy on ImageNet-R by 8 points.")
    assert roles["ogbn-products"] == roles["ImageNet-R"] == {"evaluated_on"}
    assert roles["ImageNet-21K"] == {"uses"}


def test_extract_unseen_a_part_of_the_training_data_is_used(extractor):
    """"2T tokens of FineWeb-Edu" and "the training split of MATH" are data the work trains on; the benchmarks it
    then measures on are evaluated on."""
    _, roles = _extract(extractor, "Length Rewards",
                        "We propose LeanThink. We train 7B models on 2T tokens of FineWeb-Edu, and our method "
                        "fine-tunes Qwen2.5-7B with reinforcement learning on the training split of MATH. On "
                        "MATH-500 it shortens responses by 47.3%.")
    assert roles["FineWeb-Edu"] == roles["MATH"] == {"uses"} and roles["MATH-500"] == {"evaluated_on"}


def test_extract_unseen_paper_and_code_hosts_are_no_entities(extractor):
    """"figures extracted from arXiv papers", "real GitHub issues": where documents come from is no entity; the arXiv
    summarization dataset is one."""
    _, roles = _extract(extractor, "Reading Figures",
                        "We introduce SciFig, a benchmark of 4,212 questions over figures extracted from arXiv papers "
                        "and real GitHub issues. We also evaluate on the arXiv and PubMed summarization datasets.")
    assert "GitHub" not in roles and roles.get("arXiv") == {"evaluated_on"}


def test_extract_unseen_data_the_work_derives_from_is_used_not_built_on(extractor):
    """A building-on cue before a dataset ("initialised with ImageNet-21k weights", "an extension of C4") makes
    it data the work uses: no annotator gives a dataset builds_on."""
    _, roles = _extract(extractor, "Continual Adapters",
                        "We propose Ribbon. Starting from a ViT-B/16 initialised with ImageNet-21k weights, Ribbon "
                        "trains only 0.3% of the backbone's parameters per task.")
    assert roles["ImageNet-21K"] == {"uses"} and "builds_on" in roles["ViT-B/16"]


def test_extract_unseen_a_known_name_before_a_head_noun_that_ends_the_sentence(extractor):
    """"We present an efficient CUDA kernel." has no naming words after the head noun; reading it must not fail."""
    _, roles = _extract(extractor, "Kernels", "We present an efficient CUDA kernel. It is 2x faster than cuBLAS.")
    assert "CUDA" in roles and roles.get("cuBLAS") == {"compares_with"}


def test_extract_unseen_memory_the_work_keeps_its_data_in_is_run_on(extractor):
    """"keeps hot KV blocks in HBM and spills cold ones to CPU DRAM": the memories the system keeps data in are
    hardware it runs on; the CPU only says whose DRAM it is."""
    _, roles = _extract(extractor, "Tiered KV Caches",
                        "Serving long contexts is memory-bound. We propose TierKV, which keeps hot KV blocks in HBM "
                        "and spills cold ones to CPU DRAM and NVMe.")
    assert roles["HBM"] == roles["DRAM"] == roles["SSD"] == {"runs_on"}
    assert "runs_on" not in roles.get("CPU", set())


def test_extract_unseen_samples_preferred_over_those_of_rivals(extractor):
    """"preferred over those of CausVid and MAGI-1": a comparison with both, models the vocabulary knows."""
    extraction, roles = _extract(extractor, "Streaming Video",
                                 "We propose ClipWeave. In a user study, ClipWeave videos were preferred over those of "
                                 "CausVid and MAGI-1 in 68% and 61% of comparisons, respectively.")
    assert roles["CausVid"] == roles["MAGI-1"] == {"compares_with"}
    assert {e.name: e.type for e in extraction.entities}["CausVid"] == "Model"


def test_extract_unseen_a_kind_adjective_is_no_proposed_name(extractor):
    """"a post-training scheme", "a hardware-aware, layer-wise method": what kind of scheme, no name of one."""
    _, roles = _extract(extractor, "Rounding Without Data",
                        "We propose a post-training scheme that rounds weights with AWQ. We also introduce a "
                        "hardware-aware, layer-wise method for activations.")
    assert not {"post-training", "hardware-aware", "layer-wise"} & roles.keys()


def test_extract_unseen_a_new_model_of_a_known_family_from_the_vocabulary(extractor):
    """"Geo-SigLIP", "Chem-InternVL": a new name built on a model family the vocabulary knows is a model."""
    extraction, _ = _extract(extractor, "Science Question Answering",
                             "We propose Quill, a tutor. Compared with Geo-SigLIP and Chem-InternVL, Quill is better.")
    types = {e.name: e.type for e in extraction.entities}
    assert types["Geo-SigLIP"] == types["Chem-InternVL"] == "Model"


def test_extract_unseen_data_collected_or_retrieved_from_is_used(extractor):
    """"we mine 20k problems from NuminaMath", "retrieving from a 2021 Wikipedia dump": sources of data, used."""
    _, roles = _extract(extractor, "Retrieval for Reasoning",
                        "We propose Delve. We mine 20k solved problems from NuminaMath, with E5 retrieving from a 2021 "
                        "Wikipedia dump, and evaluate on AIME 2024.")
    assert roles["NuminaMath"] == roles["Wikipedia"] == {"uses"} and roles["AIME 2024"] == {"evaluated_on"}


def test_extract_unseen_describing_words_before_a_known_dataset_are_no_part_of_its_name(extractor):
    """"the Mandarin-English SEAME corpus", "the English Wikipedia dump": the known dataset, not a new name."""
    _, roles = _extract(extractor, "Code-Switched Recognition",
                        "We present Seamster. It lowers the mixed error rate to 12.9% on the Mandarin-English SEAME "
                        "corpus.")
    assert roles.get("SEAME") == {"evaluated_on"} and "Mandarin-English SEAME" not in roles


def test_extract_unseen_known_devices_after_their_architecture_or_line_and_glued_ampersands(extractor):
    """"a Blackwell B200" is the B200 and "an NVIDIA Jetson Orin" the Jetson Orin, not new devices named after
    their architecture or line; "J&F" is the segmentation metric, so the set it is measured on is a dataset;
    a system-on-chip is no device of its own."""
    extraction, roles = _extract(extractor, "Video Segmentation at the Edge",
                                 "We propose TrackLite. It reaches 64.1 J&F on Ref-DAVIS17 and runs at 900 FPS on a "
                                 "Blackwell B200 GPU, 30 FPS on an NVIDIA Jetson Orin and 12 FPS on a Xilinx Zynq-9000 "
                                 "SoC. On Kunlun P800 and MTT S4000 accelerators it runs too.")
    hardware = {e.name: e for e in extraction.entities if e.type == "Hardware"}
    assert {"B200", "Jetson Orin", "Kunlunxin P800", "Moore Threads MTT S4000"} <= hardware.keys()
    assert "Blackwell B200 GPU" in hardware["B200"].aliases and "NVIDIA Jetson Orin" in hardware["Jetson Orin"].aliases
    assert not {"NVIDIA Blackwell B200", "Jetson", "SoC", "P800", "MTT"} & roles.keys()
    assert roles["B200"] == roles["Jetson Orin"] == roles["Zynq-9000"] == {"runs_on"}
    assert roles["J&F"] == {"reports"} and roles["Ref-DAVIS17"] == {"evaluated_on"}
    assert [(r.value_text, r.dataset) for r in extraction.results if r.metric == "j-f"] == [("64.1", "refdavis17")]


def test_extract_unseen_a_class_right_after_a_device_and_software_for_a_processor(extractor):
    """"an Arm Cortex-M7 microcontroller", "a Kirin-990 CPU": the class names the device written just before it,
    no second device; "FlashDecode GPU kernels" are software for a GPU, no device; "compares favourably with"
    names a baseline."""
    _, roles = _extract(extractor, "Speech at the Edge",
                        "We propose Murmur. It runs on an Arm Cortex-M7 microcontroller, on a Kirin-990 CPU and on a "
                        "Zynq-9000 FPGA, and we also write FlashDecode GPU kernels. Murmur compares favourably with "
                        "Distil-Whisper and Whisper.")
    assert roles["Cortex-M7"] == roles["Kirin-990"] == roles["Zynq-9000"] == {"runs_on"}
    assert not {"microcontroller", "CPU", "FPGA", "GPU"} & roles.keys()
    assert "runs_on" not in roles["FlashDecode"]
    assert roles["Distil-Whisper"] == roles["Whisper"] == {"compares_with"}
    _, roles = _extract(extractor, "Speech at the Edge", "We propose Murmur, which runs on a microcontroller.")
    assert roles["microcontroller"] == {"runs_on"}
    # A title ending in a new name is no device written before the abstract's first word.
    extraction, _ = _extract(extractor, "Serving with FooServe-9", "GPU clusters are costly, and we propose FooServe-9.")
    assert "GPU" in {e.name for e in extraction.entities}
    # Nor is the abstract's first word the head noun of the title's last name: FooServe-9 is no GPU.
    assert {e.name: e.type for e in extraction.entities}["FooServe-9"] == "Method"


# Unknown names typed and given roles by their context, each case with what it checks.
TYPED_CASES = [
    # "a student with 340 times fewer parameters, which we dub Minnow", "an image generator ..., called Fennel":
    # the head of the phrase a name is given types it, however long the phrase; "a schedule generator" is a
    # rule a system follows, a method.
    ("Small Forecasters",
     "We distil Chronos-T5-Large into a student with 340 times fewer parameters, which we dub Minnow. We also "
     "train a four-step image generator without adversarial losses, called Fennel. We present Shingle, a "
     "schedule generator that generalises zero-bubble pipelines.",
     {"Minnow": "Model", "Fennel": "Model", "Shingle": "Method"},
     {"Minnow": {"proposes"}, "Fennel": {"proposes"}, "Shingle": {"proposes"}}),
    # "pruning methods such as FastV and SparseVLM": a list a plural kind of technique leads holds techniques,
    # whatever the names' shapes say ("-VLM", "-ViT" read as models alone).
    ("Visual Token Pruning",
     "We propose GazeCut. Unlike fixed-ratio methods such as DynamicViT and EViT, GazeCut keeps more tokens for "
     "cluttered images, and it outperforms pruning techniques such as FastV and SparseVLM.",
     {"DynamicViT": "Method", "EViT": "Method", "FastV": "Method", "SparseVLM": "Method"},
     {"FastV": {"compares_with"}, "SparseVLM": {"compares_with"}}),
    # "12 tasks from RoboTwin", "the bimanual tasks of DexArt", "problems from FooMath-500": what the tasks, splits
    # or problems are taken from is a dataset, not a method.
    ("Bimanual Policies",
     "We propose KeyDP. We evaluate KeyDP on 12 tasks from RoboTwin and the bimanual tasks of DexArt, and solve 40% "
     "of the problems from FooMath-500.",
     {"RoboTwin": "Dataset", "DexArt": "Dataset", "FooMath-500": "Dataset"},
     {"RoboTwin": {"evaluated_on"}, "DexArt": {"evaluated_on"}}),
    # "Llama-2-7b-chat", "Qwen2.5-7b-instruct": a checkpoint's own lower-case size and tag make a model; a one-word
    # name opening a list after "compares favourably with" is a rival like the known name after it.
    ("Clinical Assistants",
     "We propose Sage, fine-tuned from Llama-2-7b-chat and Qwen2.5-7b-instruct. Sage compares favourably with "
     "Moonshine and Whisper.",
     {"Llama-2-7b-chat": "Model", "Qwen2.5-7b-instruct": "Model", "Moonshine": "Model"},
     {"Moonshine": {"compares_with"}, "Whisper": {"compares_with"}}),
    # "On a held-out set of 80 complexes from PDBbind-X" is evaluated on, though the work also trains on data from
    # it; "It also generalizes to the REVERIE-CE benchmark", "retains its gains on the external NIH-CXR set": where
    # the work was measured too, with no number said.
    ("Docking",
     "We propose DockFlow. DockFlow is trained on complexes from PDBbind-X. On a held-out set of 80 complexes from "
     "PDBbind-X, 41% of DockFlow poses are within 2 Å. It also generalizes to the REVERIE-CE benchmark, and it "
     "retains most of its gains on the external NIH-CXR dataset.",
     {"PDBbind-X": "Dataset", "REVERIE-CE": "Dataset", "NIH-CXR": "Dataset"},
     {"PDBbind-X": {"uses", "evaluated_on"}, "REVERIE-CE": {"evaluated_on"}, "NIH-CXR": {"evaluated_on"}}),
]


@pytest.mark.parametrize("title, abstract, types, expected_roles", TYPED_CASES, ids=[c[0] for c in TYPED_CASES])
def test_extract_unseen_names_typed_and_given_roles_by_their_context(extractor, title, abstract, types, expected_roles):
    extraction, roles = _extract(extractor, title, abstract)
    found = {e.name: e.type for e in extraction.entities}
    assert {name: found.get(name) for name in types} == types
    assert {name: roles.get(name) for name in expected_roles} == expected_roles




def test_extract_unseen_rivals_named_after_their_kind_below_the_work_or_in_a_from_list(extractor):
    """"ahead of the planning-based agent AutoPlan and the memory agent MemGPT": a rival after what it is, and the
    next one of its list; "where H2O and SnapKV stay below 70%": rivals under the work's figure; "from 0.31 for
    DocOwl and 0.35 for Donut to 0.22": each owner of a figure the work changed; "over stock vLLM"."""
    _, roles = _extract(extractor, "Agents That Remember",
                        "We propose Tally. On the WebShop benchmark Tally raises the success rate from 30% to 41%, "
                        "ahead of the planning-based agent AutoPlan and the memory agent MemGPT. With a 1K budget "
                        "Tally keeps 95% of the accuracy where H2O and SnapKV stay below 70%. Tally cuts the edit "
                        "distance from 0.31 for DocOwl and 0.35 for Donut to 0.22, and decodes 1.4x faster than "
                        "stock vLLM.")
    for rival in ("AutoPlan", "MemGPT", "H2O", "SnapKV", "mPLUG-DocOwl", "Donut", "vLLM"):
        assert "compares_with" in roles[rival], rival
    assert not {"uses", "builds_on"} & (roles["AutoPlan"] | roles["MemGPT"] | roles["mPLUG-DocOwl"] | roles["Donut"])


def test_extract_unseen_an_image_encoder_written_after_its_model_and_the_system_a_work_is_built_into(extractor):
    """"CLIP ViT-L/14", "OpenCLIP-ViT-H/14", "CLIP RN50": a known model with its encoder's architecture is
    one model, not the model and a bare ViT; "we implement Loom inside SGLang": the system it is built into."""
    extraction, roles = _extract(extractor, "Region Captions",
                                 "We propose Loom, which uses frozen CLIP ViT-L/14 features, and compare it with "
                                 "OpenCLIP-ViT-H/14 and CLIP RN50. We implement Loom inside SGLang, and it decodes "
                                 "1.3x faster than stock vLLM.")
    types = {e.name: e.type for e in extraction.entities}
    assert types["CLIP ViT-L/14"] == types["OpenCLIP-ViT-H/14"] == types["CLIP RN50"] == "Model"
    assert not {"ViT-L/14", "ViT-H/14", "CLIP", "OpenCLIP"} & types.keys()
    assert roles["CLIP ViT-L/14"] == {"uses"} and roles["CLIP RN50"] == {"compares_with"}
    assert roles["SGLang"] == {"uses"} and roles["vLLM"] == {"compares_with"}


def test_extract_unseen_a_new_name_given_as_the_works_replacement_or_remedy_is_proposed(extractor):
    """"We replace the router with GateMix, a token-level mixer", "we tackle this with FoldCache, a paged
    store": a new name the authors put in place of something, said to be a kind of thing, is their own; not a
    known one ("replace full fine-tuning with LoRA, a ..."), nor one that other work used."""
    for abstract, own in [
        ("Routers waste compute. We replace the router with GateMix, a token-level mixer. GateMix is 2x faster.",
         "GateMix"),
        ("KV caches grow with context. We tackle this with FoldCache, a paged store for keys.", "FoldCache"),
    ]:
        _, roles = _extract(extractor, "Efficient Inference", abstract)
        assert roles[own] == {"proposes"}, abstract
    _, roles = _extract(extractor, "Efficient Tuning",
                        "We replace full fine-tuning with LoRA, a low-rank method. Prior work addressed this with "
                        "PagedServe, a serving system. We propose TinyTune.")
    assert "proposes" not in roles["LoRA"] and "proposes" not in roles["PagedServe"]
    assert roles["TinyTune"] == {"proposes"}


@pytest.mark.parametrize("abstract, rivals", [
    ("We propose Sift. We use IVF-PQ and ScaNN as baselines and report recall on SIFT1M.", {"IVF-PQ", "ScaNN"}),
    ("We propose Brush. Brush reaches Imagen 3-level prompt adherence on GenEval.", {"Imagen 3"}),
    ("We propose Vote. On MuJoCo, Vote reaches the final return of TD3 with 4x fewer steps.", {"TD3"}),
    ("We propose Ego. Ego improves tracking over both the original DINOv2 and R3M.", {"DINOv2", "R3M"}),
    ("We propose Hop. Hop improves throughput by 1.8x at batch size 32, where SpecInfer yields 1.2x and Medusa 1.1x.",
     {"SpecInfer", "Medusa"}),
], ids=["as-baselines", "x-level", "reaches-the-figure-of", "over-both", "where-x-yields"])
def test_extract_unseen_rivals_named_by_their_own_figure_or_as_baselines(extractor, abstract, rivals):
    """"use A and B as baselines", "Imagen 3-level adherence", "reaches the final return of TD3", "over both the
    original A and B", ", where A yields 1.2x and B 1.1x": each a rival the work is measured against."""
    _, roles = _extract(extractor, "Measured Against Others", abstract)
    for rival in rivals:
        assert roles[rival] == {"compares_with"}, rival



def test_extract_unseen_improving_upon_a_method_to_open_the_work_and_calling_the_result_a_name(extractor):
    """"Improving upon DreamerV3, we replace ..." builds on DreamerV3 (a change made to it, not a score against
    it); "we call the result SlotWorld" names SlotWorld, not "result SlotWorld"."""
    extraction, roles = _extract(extractor, "World Models",
                                 "Improving upon DreamerV3, we replace its latent state with object slots. We call the "
                                 "result SlotWorld. SlotWorld scores higher than IRIS on Atari 100k.")
    assert roles["DreamerV3"] == {"builds_on"} and roles["IRIS"] == {"compares_with"}
    assert roles["SlotWorld"] == {"proposes"} and "result SlotWorld" not in roles


VARIANT_TEXT = (
    "We fine-tune Llama-3-8B-Instruct and Mistral-7B-Instruct-v0.3 with CLIP ViT-L/14 features and transcripts "
    "from Whisper large-v3, and compare with Swin-B, ViT-B/16, DiT-XL/2, Mixtral-8x7B, OpenVLA-Dex and PowerInfer-2 "
    "on COCO 2014 and LVIS v1.0."
)


def test_extract_unseen_a_size_checkpoint_or_release_is_a_variant_of_its_concept(extractor):
    """A size, tier or checkpoint of a known model, and a release of a known dataset, that the vocabulary
    does not list are entities of their own linked to the concept they are one of (``variant_of``).
    A new work named after a known one ("OpenVLA-Dex") and a successor ("PowerInfer-2") are not."""
    extraction, _ = _extract(extractor, "Variants", VARIANT_TEXT)
    base = {e.name: (e.variant_of or "").rsplit("/", 2)[-2:] for e in extraction.entities if e.concept is None}
    assert {name: "/".join(parts) for name, parts in base.items() if parts != [""]} == {
        "Llama-3-8B-Instruct": "model/llama-3",
        "Mistral-7B-Instruct-v0.3": "model/mistral-7b",
        "CLIP ViT-L/14": "model/clip",
        "Whisper large-v3": "model/whisper",
        "Swin-B": "model/swin-transformer",
        "ViT-B/16": "model/vision-transformer",
        "DiT-XL/2": "model/dit",
        "Mixtral-8x7B": "model/mixtral",
        "COCO 2014": "dataset/coco",
        "LVIS v1.0": "dataset/lvis",
    }
    assert {"OpenVLA-Dex", "PowerInfer-2"} <= set(base)



TRAINED_CASES = [
    # The work, by its coined name, trains a known model: it builds on the model, uses the method.
    ("We propose GeoZero. GeoZero trains Qwen2.5-VL-7B-Instruct with Group Relative Policy Optimization on 12K "
     "geometry problems.", "Qwen2.5-VL-7B-Instruct", "builds_on"),
    # Training given to a model: "applying supervised fine-tuning to X", "we apply GRPO to X".
    ("We release ToolDialog-94K. Applying supervised fine-tuning to Qwen2.5-7B-Instruct on ToolDialog-94K lifts "
     "its accuracy.", "Qwen2.5-7B-Instruct", "builds_on"),
    ("We apply GRPO to Qwen3-8B and reach 70% on AIME.", "Qwen3-8B", "builds_on"),
    # A technique applied to a model is no training of it, and a system that trains a model faster has it as
    # its workload.
    ("We apply speculative decoding to Llama-2-70B and reach a 2x speedup.", "Llama-2-70B", "uses"),
    ("We propose FlashFoo. FlashFoo trains GPT-2 3x faster than Megatron-LM.", "GPT-2", "uses"),
]


@pytest.mark.parametrize("abstract, model, role", TRAINED_CASES, ids=[c[1] + "-" + c[2] for c in TRAINED_CASES])
def test_extract_unseen_a_model_the_work_trains_is_built_on(extractor, abstract, model, role):
    _, roles = _extract(extractor, "Post-Training", abstract)
    assert role in roles[model] and ({"builds_on", "uses"} - {role}).isdisjoint(roles[model]), roles[model]


PART_TAKEN_CASES = [
    # A change made inside X, a part of X the work keeps while it changes the rest, a technique derived from X.
    ("We propose PhonoMoLE, a parameter-efficient adaptation method that inserts a mixture of LoRA experts into the "
     "decoder of Whisper large-v3 and routes each token by a phoneme-class predictor.", "Whisper large-v3", "builds_on"),
    ("We present Cadenza, a codec language model that keeps the two-stage design of VALL-E and augments the first "
     "stage with duration tokens.", "VALL-E", "builds_on"),
    ("We propose WinVote. WinVote inherits the observation-window voting of SnapKV and carries it into the decoding "
     "phase.", "SnapKV", "builds_on"),
    ("We develop SlimMask, a one-shot pruning method derived from SparseGPT that relaxes the 2:4 mask.", "SparseGPT",
     "builds_on"),
    # A score the work keeps, a number format it keeps values in, and data derived from a dataset are none of that.
    ("We propose SmoothQuant++. SmoothQuant++ keeps the WikiText-2 perplexity of LLaMA-2-70B at 3.41.", "LLaMA-2-70B",
     "uses"),
    ("We propose HopperFlash. HopperFlash keeps the running softmax statistics in FP32.", "FP32", "uses"),
    ("We propose Tidal, a scheduler. We evaluate Tidal with request traces derived from ShareGPT.", "ShareGPT",
     "evaluated_on"),
]


@pytest.mark.parametrize("abstract, name, role", PART_TAKEN_CASES, ids=[c[1] + "-" + c[2] for c in PART_TAKEN_CASES])
def test_extract_unseen_a_part_the_work_takes_of_x_is_building_on_x(extractor, abstract, name, role):
    _, roles = _extract(extractor, "Probe", abstract)
    assert role in roles[name] and "builds_on" not in roles[name] - {role}, roles[name]


SETUP_NUMBER_CASES = [
    # (abstract, the claims it makes, by value text)
    ("We propose StepKV. We fine-tune the draft head for 2,000 steps on ShareGPT. StepKV reaches a 2.1x speedup "
     "and needs 42% fewer training steps than EAGLE-2.", {"2.1x", "42%"}),
    ("We propose LagASR. With a 320 ms chunk, LagASR reaches a word error rate of 2.9% on LibriSpeech, trained on "
     "960 hours of audio.", {"2.9%"}),
    ("We propose KeepKV. KeepKV keeps only 10% of the KV cache and retains 98.6% of the full-cache score on "
     "LongBench, whereas a 5% cache budget costs 3 points.", {"98.6%", "3 points"}),
    ("We propose FitMoE. It cuts memory usage from 94 GB to 49 GB, so the model fits on a single 80 GB H100 "
     "with a P99 latency objective of 100 ms.", {"49 GB"}),
]


@pytest.mark.parametrize("abstract, claims", SETUP_NUMBER_CASES, ids=[c[0].split()[2].rstrip(".,") for c in SETUP_NUMBER_CASES])
def test_extract_unseen_numbers_of_the_setup_are_no_results(extractor, abstract, claims):
    """How long a model is trained ("for 2,000 steps"), a streamed chunk ("a 320 ms chunk"), how much data
    ("960 hours of audio"), the share of a cache a method keeps ("keeps only 10% of the KV cache", "a 5% cache
    budget"), a device's memory ("a single 80 GB H100") and a latency target are the setup, not claims; the
    changes and the kept score beside them are."""
    extraction, _ = _extract(extractor, "Setup", abstract)
    assert {r.value_text for r in extraction.results} == claims


BEFORE_NUMBER_CASES = [
    # (abstract, {claim: the number it changes from})
    ("We propose MendX. MendX reaches a 41.6% resolve rate on SWE-bench Verified, up from 23.0% for the base "
     "Qwen2.5-Coder-32B-Instruct.", {"41.6%": None}),
    ("We propose GripX. Across 12 tasks, GripX improves the average success rate from 38% for the pretrained "
     "Octo to 71%.", {"71%": 38.0}),
    ("We propose CacheX. The prefix-cache hit rate rises from 38% with vLLM's own prefix cache to 81%.", {"81%": 38.0}),
    ("We propose ReasonX. It raises AIME 2024 pass@1 from GRPO's 16.7% to 26.4%.", {"26.4%": 16.7}),
    ("We introduce ChartX, a benchmark. The best model, GPT-4o, reaches 51.3% accuracy, compared to 89.6% for "
     "human experts.", {"51.3%": None}),
]


@pytest.mark.parametrize("abstract, claims", BEFORE_NUMBER_CASES, ids=[c[0].split()[2].rstrip(".,") for c in BEFORE_NUMBER_CASES])
def test_extract_unseen_the_number_a_claim_changes_from_is_no_claim_of_its_own(extractor, abstract, claims):
    """"up from 23.0% for the base model", "from 38% for the pretrained Octo to 71%", "from GRPO's 16.7%": the
    number before the change is the claim's starting point, and a human's figure quoted against the work's
    ("compared to 89.6% for human experts") is no claim of the work."""
    extraction, _ = _extract(extractor, "Change", abstract)
    assert {r.value_text: r.from_value for r in extraction.results} == claims


def test_extract_unseen_a_rivals_figure_in_a_where_clause_is_no_claim(extractor):
    """"..., where EAGLE-2 is only 1.3x faster than vanilla decoding": a baseline opening a "where" clause
    quotes its own figure, as after "whereas"; the work's 2.1x stays its claim."""
    extraction, roles = _extract(
        extractor, "Batch-Aware Drafting",
        "We propose TreeBatch. At batch size 32 on an A100, where EAGLE-2 is only 1.3x faster than vanilla "
        "decoding, TreeBatch retains a 2.1x speedup over EAGLE-2.",
    )
    assert "compares_with" in roles["EAGLE-2"]
    assert {r.value_text for r in extraction.results} == {"2.1x"}


def test_extract_unseen_a_metrics_number_after_a_verb_of_change(extractor):
    """"its perplexity on PG-19 improves by 0.21", "changes by less than 0.02": a number with no unit that a
    metric is said to change by is a claim in that metric, past the dataset and the verb."""
    extraction, _ = _extract(
        extractor, "Ring Attention",
        "We propose RingX. Its perplexity on PG-19 improves by 0.21 over the base model. With an FP8 cache, "
        "perplexity on C4 changes by less than 0.02 compared with an FP16 cache.",
    )
    assert {(r.value_text, r.metric) for r in extraction.results} == {("0.21", "perplexity"), ("0.02", "perplexity")}


LISTED_NUMBER_CASES = [
    # (abstract, the claims it makes, by value text, with their units)
    ("We propose SplatX. On Mip-NeRF 360 its SSIM (0.801) and LPIPS (0.236) are on par with Mini-Splatting, and on "
     "Tanks and Temples it reaches an LPIPS of 0.163 and 0.231 on its two scenes.",
     {("0.801", None), ("0.236", None), ("0.163", None), ("0.231", None)}),
    ("We propose QuantX. On Llama-3-8B, WikiText-2 perplexity is 6.71 against 7.02 for SpinQuant.", {("6.71", None)}),
    ("We propose RolloutX. It improves accuracy on AIME 2024, AIME 2025 and MATH-500 by 4.6, 2.2 and 3.1 points "
     "over DAPO, respectively.", {("4.6", "points"), ("2.2", "points"), ("3.1 points", "points")}),
    ("We propose CostX. At batch size 1, 1.6x faster than eager PyTorch, it improves accuracy by between 1.2 and "
     "4.7 points.", {("1.6x", "x"), ("4.7 points", "points")}),
    ("We propose KernelX. We (1) reduce the number of non-matmul FLOPs (2) parallelize the work, reaching 2.1x "
     "higher throughput.", {("2.1x", "x")}),
]


@pytest.mark.parametrize("abstract, claims", LISTED_NUMBER_CASES, ids=[c[0].split()[2].rstrip(".,") for c in LISTED_NUMBER_CASES])
def test_extract_unseen_numbers_listed_with_a_metric_or_a_unit(extractor, abstract, claims):
    """A metric's number in brackets ("SSIM (0.801)") or listed after its first ("an LPIPS of 0.163 and 0.231"),
    and unitless numbers listed before one with a unit ("by 4.6, 2.2 and 3.1 points") are claims; a number
    before a comma ("batch size 1, 1.6x"), a range ("between 1.2 and 4.7 points") and a numbered step ("(2)") are
    not claims of their own, nor a rival's figure after "against"."""
    extraction, _ = _extract(extractor, "Listed", abstract)
    assert {(r.value_text, r.unit) for r in extraction.results} == claims


SETTING_AND_RIVAL_CASES = [
    # (abstract, the claims it makes, by value text)
    ("We propose RingX. On the H100 cluster, model FLOPs utilization reaches 52% versus 31% for the original ring "
     "schedule.", {"52%"}),
    ("We propose FlowX. Under a web-search workload at 70% load, FlowX lowers the tail latency by 4.1x relative to "
     "DCQCN, and at a request rate of 4 req/s it keeps a 1.6x gain.", {"4.1x", "1.6x"}),
    ("We propose HashX. At a 100x compression ratio on Criteo, HashX improves AUC by 0.35%, and it matches the "
     "uncompressed model at 20x compression.", {"0.35%"}),
    ("We propose MoEX. MoEX cuts step time by 31%. We further vary the expert count from 8 to 64 and find that "
     "the benefit grows.", {"31%"}),
    ("We introduce ChartX, a benchmark. The accuracy of open models ranges from 21.7% to 47.9%.", {"47.9%"}),
]


@pytest.mark.parametrize("abstract, claims", SETTING_AND_RIVAL_CASES, ids=[c[0].split()[2].rstrip(".,") for c in SETTING_AND_RIVAL_CASES])
def test_extract_unseen_a_load_a_sweep_and_a_compared_figure_are_no_claims(extractor, abstract, claims):
    """The load or compression a claim is measured at ("at 70% load", "at a request rate of 4 req/s", "at 20x
    compression"), what a study varies ("vary the expert count from 8 to 64") and a figure set against the
    work's ("versus 31% for the original ring schedule") are no claims; a range of scores is one."""
    extraction, _ = _extract(extractor, "Settings", abstract)
    assert {r.value_text for r in extraction.results} == claims


def test_extract_unseen_accepted_length_is_the_acceptance_length(extractor):
    """"accepted length" is a spelling of speculative decoding's acceptance length, in a claim too."""
    extraction, roles = _extract(
        extractor, "Dynamic Draft Trees",
        "We propose HopDraft. The accepted length reaches 4.6 tokens on MT-Bench, and HopDraft is lossless.",
    )
    assert roles.get("acceptance length") == {"reports"}
    assert {(r.value_text, r.metric) for r in extraction.results} == {("4.6 tokens", "acceptance-length")}


RESULT_DATASET_CASES = [
    # "retains 97.8% of the zero-shot accuracy across six commonsense tasks": a claim averaged over tasks the text
    # does not name has no one dataset, though the sentence names WikiText-2 for another claim; "across four task
    # suites" of a named benchmark are its parts.
    ("We propose R2Q. On Llama-3-8B, R2Q stays within 0.41 perplexity of the FP16 model on WikiText-2, and "
     "retains 97.8% of the FP16 average zero-shot accuracy across six commonsense tasks. On the LIBERO "
     "benchmark, R2Q keeps the average success rate across four task suites at 96.1%.",
     {"97.8%": None, "96.1%": "libero"}),
    # "and on Tanks and Temples it raises F1-score to 0.47": the "1" of "F1-score" is no number between the
    # dataset a clause opens on and its claim.
    ("We propose TetraX. On DTU, TetraX reduces Chamfer distance by 12%, and on Tanks and Temples it raises "
     "F1-score to 0.47.",
     {"0.47": "tanks-and-temples"}),
]


@pytest.mark.parametrize("abstract, datasets", RESULT_DATASET_CASES, ids=[c[0].split()[2].rstrip(".,") for c in RESULT_DATASET_CASES])
def test_extract_unseen_the_dataset_of_a_claim(extractor, abstract, datasets):
    extraction, _ = _extract(extractor, "Datasets", abstract)
    found = {r.value_text: r.dataset for r in extraction.results}
    assert {text: found.get(text, "(no such result)") for text in datasets} == datasets


def test_extract_unseen_a_statistic_before_a_measure_is_no_part_of_its_name(extractor):
    """"median emission latency", "effective control latency", "sustained throughput", "overall accuracy",
    "median latency": the measure is the emission latency, the control latency, throughput, accuracy and
    latency; the statistic or hedge it is given with names no measure of its own."""
    extraction, roles = _extract(
        extractor, "Streaming Control",
        "We propose EchoAct. The median emission latency is 410 ms on an A100, EchoAct reduces the effective "
        "control latency from 310 ms to 45 ms, and sustained throughput rises by 46%. On BFCL v3 it reaches 74.1% overall "
        "accuracy, with a median latency of 31 ms.",
    )
    metrics = {r.value_text: r.metric for r in extraction.results}
    assert metrics["74.1%"] == "accuracy" and metrics["31 ms"] == "latency" and metrics["46%"] == "throughput"
    names = {e.name for e in extraction.entities if e.type == "Metric"}
    assert {"emission latency", "control latency"} <= names
    assert not {n for n in names if n.split()[0] in ("median", "effective", "sustained", "overall")}


def test_extract_unseen_a_runtime_the_work_designs_is_no_measure(extractor):
    """"We design a runtime that ...", "an activation-offloading runtime for ...": a system the text introduces,
    not the runtime measure; "the end-to-end runtime of TPC-H drops by 37%" is the measure."""
    _, roles = _extract(
        extractor, "Heterogeneous Inference",
        "We design a runtime that keeps attention on the mobile GPU and offloads linear layers to the NPU.",
    )
    assert "runtime" not in roles
    _, roles = _extract(
        extractor, "Radix Joins",
        "We propose SkewJoin. It shortens the end-to-end runtime of a skewed variant of TPC-H by 37%.",
    )
    assert "reports" in roles["runtime"]


def test_extract_unseen_no_measure_is_named_with_an_article_or_a_verb_inside(extractor):
    """"at half the cost", "memory access the overhead grows by 2%", "report inference cost": a measure's name
    holds no article and starts at no verb of reporting; the measure, if any, is what follows."""
    extraction, _ = _extract(
        extractor, "Agent Costs",
        "We propose CostBench. Agents reach the same accuracy at half the cost by 20%. Benchmarks that report "
        "inference cost of 22% more are rare. Under contention, memory access the overhead grows by 2%.",
    )
    names = {e.name for e in extraction.entities if e.type == "Metric"}
    assert not {n for n in names if " the " in f" {n} " or n.startswith("report")}, names
