"""Identifiers: slugs for ids and IRIs, and keys that spelling variants share."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

_MAX_SLUG = 80
_PER_SECOND = re.compile(r"/s(?![a-z])", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[\W_]+")
_SHARP = re.compile(r"(?<=\w)#")  # "QuIP#", "C#" (not the "#" of "#1")


def slugify(text: str, max_len: int = _MAX_SLUG) -> str:
    """A lowercase ASCII slug; a long one is cut and given a hash of the whole.

    >>> slugify("FlashAttention-2: Faster Attention!")
    'flashattention-2-faster-attention'
    >>> slugify("RTX 4090"), slugify("TFLOPs/s"), slugify("QuIP#"), slugify("pass^8")
    ('rtx-4090', 'tflops-s', 'quip-sharp', 'pass-hat-8')
    """
    # "#" and "^" are read as name_key reads them: "QuIP#" is another name than "QuIP".
    folded = unicodedata.normalize("NFKD", _SHARP.sub(" sharp", text).replace("^", " hat ")).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if not slug:
        slug = "x" + hashlib.sha1(text.encode()).hexdigest()[:10]
    if len(slug) > max_len:
        digest = hashlib.sha1(slug.encode()).hexdigest()[:7]
        slug = slug[: max_len - 8].rstrip("-") + "-" + digest
    return slug


def name_key(name: str, keep_case: bool = False) -> str:
    """Letters and digits of a name ("+" read as "plus", "#" as "sharp", "^" as "hat"), case-folded unless ``keep_case``.

    Spelling variants of one name share a key; different names keep different keys.

    >>> name_key("RTX 4090") == name_key("RTX4090") == name_key("rtx-4090")
    True
    >>> name_key("FlashAttention-2") == name_key("FlashAttention"), name_key("HumanEval+"), name_key("QuIP#")
    (False, 'humanevalplus', 'quipsharp')
    >>> name_key("pass^1") == name_key("pass@1")  # all of k trials, not one of k
    False
    >>> name_key("ACT", keep_case=True)
    'ACT'
    """
    return _name_key(name, keep_case)


@functools.lru_cache(maxsize=1 << 16)
def _name_key(name: str, keep_case: bool) -> str:
    # "tokens/s" is not "tokens": a per-second rate keeps its "/s" as "ps".
    name = _PER_SECOND.sub("ps", _SHARP.sub("sharp", name.replace("+", "plus").replace("^", "hat")))
    joined = _NOT_ALNUM.sub("", name)
    return joined if keep_case else joined.casefold()
