"""Questions over a built graph.

- :mod:`.store`: the embedded SPARQL store (Oxigraph) in ``DIR/store``, saved
  queries (``saved/*.rq``) and their parameters.
- :mod:`.builds_on`: "which papers build on X?", with chains and evidence.
- :mod:`.serve`: a read-only SPARQL 1.1 Protocol endpoint over the store.
- ``cypher``: the same questions against Neo4j.
"""

from __future__ import annotations

from ..errors import QueryError


def split_params(pairs: list[str] | tuple[str, ...] | None) -> dict[str, str]:
    """``["name=value", ...]`` as a dict; the value may itself hold '='.

    >>> split_params(["name=FlashAttention", "q=a=b"])
    {'name': 'FlashAttention', 'q': 'a=b'}

    Raises:
        QueryError: a pair without '=', or with an empty or repeated name.
    """
    params: dict[str, str] = {}
    for pair in pairs or ():
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name:
            raise QueryError(f"--param {pair!r} is not NAME=VALUE")
        if name in params:
            raise QueryError(f"--param {name} is given twice")
        params[name] = value
    return params


def json_value(text: str) -> object:
    """A ``--param`` value for Cypher: a JSON number, boolean, null, list or
    object when it reads as one, else the text itself.

    >>> json_value("5"), json_value("true"), json_value("FlashAttention"), json_value('"7"')
    (5, True, 'FlashAttention', '7')
    """
    import json

    try:
        return json.loads(text)
    except ValueError:
        return text
