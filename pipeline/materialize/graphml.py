"""GraphML and GEXF that Gephi, Cytoscape, yEd, igraph and networkx open as is.

Both files are streamed from :mod:`.property_graph` (not built through a
networkx graph first), which keeps them fast and lets them follow the rules the
viewers need:

- every node and edge has a ``type`` (``Paper``, ``Method`` ... ``BUILDS_ON``)
  and a display ``label``; every other attribute is a typed value: string,
  int, double or boolean, never a null (an absent value is left out) and
  never a list (lists are JSON strings, ``["a", "b"]``);
- every attribute is declared with its type before the graph, because a
  GraphML ``<data>`` element must name a declared ``<key>``;
- node ids are the graph-wide keys (``paper/<id>``, ``method/<id>``) and edge
  ids are ``e0``, ``e1`` ...: unique, as the GraphML schema requires, even for a
  paper that both uses and builds on the same method (networkx writes a
  multigraph's per-pair keys 0, 1 ... as ids, which repeat; see NOTES.md);
- igraph keeps a GraphML node id as the vertex attribute ``id``, so no data
  attribute is called ``id``: the record id is the part of the node id after
  the first ``/``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ..config import Settings
from ..graph import KnowledgeGraph
from .property_graph import Edge, Node, iter_edges, iter_nodes

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://gexf.net/1.3"

# Characters XML 1.0 does not allow anywhere, not even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# GraphML attr.type / GEXF type of each Python value type (bool before int:
# a bool is an int in Python).
_GRAPHML_TYPES = ((bool, "boolean"), (int, "int"), (float, "double"), (str, "string"))
_GEXF_TYPES = {"boolean": "boolean", "int": "integer", "double": "double", "string": "string"}


def plain_value(value: Any) -> str | int | float | bool | None:
    """A property value as a typed scalar, or None when it is to be left out.

    Lists become JSON strings; non-finite floats are left out (Java viewers
    cannot parse "nan").

    >>> plain_value(["Tri Dao", "Dan Fu"])
    '["Tri Dao", "Dan Fu"]'
    >>> plain_value([]) is None, plain_value(float("nan")) is None, plain_value(3)
    (True, True, 3)
    """
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value), ensure_ascii=False) if value else None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def node_attributes(node: Node) -> dict[str, str | int | float | bool]:
    """The attributes a viewer gets for a node: type, label, then its properties.

    >>> from pipeline.materialize.property_graph import Node
    >>> node_attributes(Node("method/fa", "Method", "fa", "FlashAttention",
    ...                      {"id": "fa", "name": "FlashAttention", "aliases": ["FA"], "concept": None}))
    {'type': 'Method', 'label': 'FlashAttention', 'name': 'FlashAttention', 'aliases': '["FA"]'}
    """
    attributes: dict[str, Any] = {"type": node.label, "label": node.name}
    for name, value in node.properties.items():
        plain = plain_value(value)
        if plain is not None and name != "id":
            attributes[name] = plain
    return attributes


def edge_attributes(edge: Edge) -> dict[str, str | int | float | bool]:
    """The attributes a viewer gets for an edge: type, label, then its properties.

    >>> from pipeline.materialize.property_graph import Edge
    >>> edge_attributes(Edge("paper/p", "SIMILAR_TO", "paper/q", {"score": 0.81}))
    {'type': 'SIMILAR_TO', 'label': 'similar to', 'score': 0.81}
    """
    attributes: dict[str, Any] = {"type": edge.type, "label": edge.name}
    for name, value in edge.properties.items():
        plain = plain_value(value)
        if plain is not None:
            attributes[name] = plain
    return attributes


def attribute_type(value: str | int | float | bool) -> str:
    """The GraphML ``attr.type`` of a plain value.

    >>> [attribute_type(v) for v in (True, 2, 0.5, "x")]
    ['boolean', 'int', 'double', 'string']
    """
    for python_type, name in _GRAPHML_TYPES:
        if isinstance(value, python_type):
            return name
    raise TypeError(f"no GraphML type for {value!r}")


def declared_attributes(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Each attribute name seen in ``rows`` with its type, in order of first use.

    An attribute that is an int in one row and a double in another is a double.

    >>> declared_attributes([{"type": "A", "n": 1}, {"n": 2.5, "ok": True}])
    {'type': 'string', 'n': 'double', 'ok': 'boolean'}
    """
    types: dict[str, str] = {}
    for row in rows:
        for name, value in row.items():
            seen, this = types.get(name), attribute_type(value)
            if seen is None:
                types[name] = this
            elif seen != this:
                if {seen, this} == {"int", "double"}:
                    types[name] = "double"
                else:
                    raise TypeError(f"attribute {name!r} is both {seen} and {this}")
    return types


def xml_text(value: str | int | float | bool) -> str:
    """A value as XML character data: booleans in lower case, bad characters dropped.

    >>> xml_text("a < b\\x0c"), xml_text(True), xml_text(0.25)
    ('a &lt; b', 'true', '0.25')
    """
    # "\r" as a reference: a parser turns a literal one into "\n".
    return escape(_NOT_XML.sub("", _lexical(value)), {"\r": "&#13;"})


def _lexical(value: str | int | float | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _xml_attr(value: str | int | float | bool) -> str:
    return quoteattr(_NOT_XML.sub("", _lexical(value)))


def iter_graphml(graph: KnowledgeGraph) -> Iterator[str]:
    """The graph as GraphML, in pieces of text to write one after another."""
    node_keys = declared_attributes(node_attributes(n) for n in iter_nodes(graph))
    edge_keys = declared_attributes(edge_attributes(e) for e in iter_edges(graph))
    # Not d0, d1 ...: Gephi reads keys "d3" and "d7" as yEd's label keys.
    ids = {("node", name): f"n_{name}" for name in node_keys}
    ids.update({("edge", name): f"e_{name}" for name in edge_keys})
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd">\n'
    )
    for kind, keys in (("node", node_keys), ("edge", edge_keys)):
        for name, attr_type in keys.items():
            yield (
                f'  <key id="{ids[kind, name]}" for="{kind}" attr.name={_xml_attr(name)} '
                f'attr.type="{attr_type}"/>\n'
            )
    yield '  <graph id="papergraph" edgedefault="directed">\n'
    for node in iter_nodes(graph):
        data = "".join(
            f'<data key="{ids["node", k]}">{xml_text(v)}</data>' for k, v in node_attributes(node).items()
        )
        yield f"    <node id={_xml_attr(node.key)}>{data}</node>\n"
    for n, edge in enumerate(iter_edges(graph)):
        data = "".join(
            f'<data key="{ids["edge", k]}">{xml_text(v)}</data>' for k, v in edge_attributes(edge).items()
        )
        yield (
            f'    <edge id="e{n}" source={_xml_attr(edge.source)} target={_xml_attr(edge.target)}>'
            f"{data}</edge>\n"
        )
    yield "  </graph>\n</graphml>\n"


def iter_gexf(graph: KnowledgeGraph) -> Iterator[str]:
    """The graph as GEXF 1.3 (Gephi's own format), in pieces of text.

    The display label is GEXF's own ``label``; an edge's type is also its
    ``kind``, so Gephi keeps a paper's USES and BUILDS_ON edges to one method
    as two parallel edges instead of merging them.
    """

    def without_label(attributes: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in attributes.items() if k != "label"}

    node_keys = declared_attributes(without_label(node_attributes(n)) for n in iter_nodes(graph))
    edge_keys = declared_attributes(without_label(edge_attributes(e)) for e in iter_edges(graph))
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<gexf xmlns="{GEXF_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{GEXF_NS} {GEXF_NS}/gexf.xsd" version="1.3">\n'
        "  <meta><creator>papergraph</creator></meta>\n"
        '  <graph defaultedgetype="directed" mode="static">\n'
    )
    for kind, keys in (("node", node_keys), ("edge", edge_keys)):
        yield f'    <attributes class="{kind}" mode="static">\n'
        for n, (name, attr_type) in enumerate(keys.items()):
            yield f'      <attribute id="{n}" title={_xml_attr(name)} type="{_GEXF_TYPES[attr_type]}"/>\n'
        yield "    </attributes>\n"
    node_ids = {name: n for n, name in enumerate(node_keys)}
    edge_ids = {name: n for n, name in enumerate(edge_keys)}
    yield "    <nodes>\n"
    for node in iter_nodes(graph):
        values = _attvalues(without_label(node_attributes(node)), node_ids)
        yield f"      <node id={_xml_attr(node.key)} label={_xml_attr(node.name)}>{values}</node>\n"
    yield "    </nodes>\n    <edges>\n"
    for n, edge in enumerate(iter_edges(graph)):
        values = _attvalues(without_label(edge_attributes(edge)), edge_ids)
        yield (
            f'      <edge id="{n}" source={_xml_attr(edge.source)} target={_xml_attr(edge.target)} '
            f'label={_xml_attr(edge.name)} kind="{edge.type}">{values}</edge>\n'
        )
    yield "    </edges>\n  </graph>\n</gexf>\n"


def _attvalues(attributes: dict[str, Any], ids: dict[str, int]) -> str:
    values = "".join(
        f'<attvalue for="{ids[k]}" value={_xml_attr(v)}/>'
        for k, v in attributes.items()
    )
    return f"<attvalues>{values}</attvalues>"


def _write(pieces: Iterable[str], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        out.writelines(pieces)


def write_graphml(graph: KnowledgeGraph, out_dir: Path, settings: Settings, report: dict) -> None:
    """Build writer: ``graph.graphml`` in the build folder."""
    _write(iter_graphml(graph), Path(out_dir) / "graph.graphml")


def export_graphml(graph: KnowledgeGraph, path: Path, settings: Settings) -> None:
    """``papergraph export DIR --to graphml``."""
    _write(iter_graphml(graph), Path(path))


def export_gexf(graph: KnowledgeGraph, path: Path, settings: Settings) -> None:
    """``papergraph export DIR --to gexf``."""
    _write(iter_gexf(graph), Path(path))
