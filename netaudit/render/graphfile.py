"""Graph files for Gephi, Cytoscape or a spreadsheet: GraphML, GEXF or a CSV edge list, by suffix.

GraphML and GEXF store only strings, numbers and booleans, one type per attribute: every node
and edge attribute is written with one type (bool, int, float or text) and a default for the
elements that lack it; None becomes the default, tuples become '; '-joined text, dates their
ISO text. Nodes get a ``label`` (the person's name) for Gephi. Every file is written
atomically through :mod:`netaudit.render.export` and never overwrites without ``force``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netaudit.errors import UsageError

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd


class GraphFormat(StrEnum):
    """The graph file formats, named by their suffix."""

    GRAPHML = ".graphml"
    GEXF = ".gexf"
    CSV = ".csv"


#: What each format is for; walked by a test.
GRAPH_FORMAT_MEANING: dict[GraphFormat, str] = {
    GraphFormat.GRAPHML: "GraphML (Gephi, Cytoscape, yEd, networkx)",
    GraphFormat.GEXF: "GEXF (Gephi)",
    GraphFormat.CSV: "CSV edge list, one row per tie (spreadsheets)",
}


def graph_format(path: Path) -> GraphFormat:
    """The format a file name asks for.

    >>> graph_format(Path("team.GEXF"))
    <GraphFormat.GEXF: '.gexf'>
    >>> graph_format(Path("team.png"))
    Traceback (most recent call last):
    ...
    netaudit.errors.UsageError: team.png: cannot write a graph as '.png' (use a file name ending in .graphml, .gexf or .csv)
    """
    suffix = path.suffix.lower()
    for fmt in GraphFormat:
        if fmt.value == suffix:
            return fmt
    *others, last = [f.value for f in GraphFormat]
    shown = f"{', '.join(others)} or {last}"
    raise UsageError(f"cannot write a graph as {suffix or 'a file without suffix'!r}",
                     hint=f"use a file name ending in {shown}", path=path)


def write_graph(graph: nx.Graph, path: Path, *, force: bool = False,
                progress: Callable[[str, int, int | None], None] | None = None) -> Path:
    """Write ``graph`` to ``path`` in the format its suffix names; ``progress`` hears
    "writing NAME" as one step."""
    from netaudit.progress import stage

    path = Path(path)
    writer = WRITERS[graph_format(path)]
    with stage(progress, f"writing {path.name}"):
        return writer(graph, path, force)


def clean_graph(graph: nx.Graph) -> nx.Graph:
    """A copy of ``graph`` whose attributes GraphML and GEXF can store: one type per
    attribute name, a default where an element lacks it, no None, tuples or timestamps.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_edge("a", "b", members=("x", "y"), strength=1, note=None)
    >>> g.add_edge("b", "c", strength=0.5)
    >>> sorted(clean_graph(g).edges(data=True))
    [('a', 'b', {'members': 'x; y', 'strength': 1.0, 'note': ''}), ('b', 'c', {'members': '', 'strength': 0.5, 'note': ''})]
    """
    import networkx as nx

    clean = nx.Graph()
    clean.graph.update({k: _text(v) for k, v in graph.graph.items()})
    node_types = _types(attrs for _, attrs in graph.nodes(data=True))
    for node, attrs in graph.nodes(data=True):
        values = _typed(attrs, node_types)
        values.setdefault("label", xml_chars(str(attrs.get("name") or node)))
        clean.add_node(xml_chars(str(node)), **values)
    edge_types = _types(attrs for _, _, attrs in graph.edges(data=True))
    for a, b, attrs in graph.edges(data=True):
        clean.add_edge(xml_chars(str(a)), xml_chars(str(b)), **_typed(attrs, edge_types))
    return clean


def _types(elements: Any) -> dict[str, type]:
    found: dict[str, set[type]] = {}
    for attrs in elements:
        for key, value in attrs.items():
            kinds = found.get(key)
            if kinds is None:
                kinds = found[key] = set()
            if value is not None:
                kinds.add(_PLAIN_KINDS.get(type(value)) or _kind(value))
    types: dict[str, type] = {}
    for key, kinds in found.items():
        if kinds and kinds <= {bool}:
            types[key] = bool
        elif kinds and kinds <= {int}:
            types[key] = int
        elif kinds and kinds <= {int, float}:
            types[key] = float
        else:
            types[key] = str
    return types


def _kind(value: Any) -> type:
    if isinstance(value, bool):
        return bool
    if isinstance(value, int):
        return int
    if isinstance(value, float):
        return float
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return _kind(value.item())
    return str


_DEFAULTS: dict[type, Any] = {bool: False, int: 0, float: 0.0, str: ""}
#: The kind of a value of exactly these types, without :func:`_kind`'s checks (a graph of
#: 30,000 people has millions of attribute values).
_PLAIN_KINDS: dict[type, type] = {bool: bool, int: int, float: float, str: str}


def _typed(attrs: dict[str, Any], types: dict[str, type]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, kind in types.items():
        value = attrs.get(key)
        if value is None:
            out[key] = _DEFAULTS[kind]
        elif type(value) is kind:  # already what the file stores: kind(value) == value
            out[key] = xml_chars(str(value)) if kind is str else value  # str(a str): itself
        elif kind is str:
            out[key] = _text(value)
        else:
            out[key] = kind(value.item() if hasattr(value, "item") else value)
    return out


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple | list | set | frozenset):
        return "; ".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return xml_chars(str(value))


def edge_table(graph: nx.Graph) -> pd.DataFrame:
    """One row per edge: source and target ids and names, kind, strength, then every other
    edge attribute (sorted by name); rows sorted by kind, source, target. An owner edge has
    the owner (or team member) as source.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_node("me", name="Me"); g.add_node("a", name="Ana")
    >>> g.add_edge("me", "a", kind="owner", strength=0.5)
    >>> edge_table(g).values.tolist()
    [['me', 'a', 'Me', 'Ana', 'owner', 0.5]]
    """
    import pandas as pd

    clean = clean_graph(graph)
    keys = sorted({k for _, _, attrs in clean.edges(data=True) for k in attrs}
                  - {"kind", "strength"})
    names = dict(clean.nodes(data="name", default=""))
    def is_owner(node: str) -> bool:
        data = clean.nodes[node]
        return bool(data.get("is_owner") or data.get("member"))

    rows = []
    for a, b, attrs in clean.edges(data=True):
        if is_owner(b) and not is_owner(a):  # the owner (or team member) is the source
            a, b = b, a
        rows.append({"source": a, "target": b, "source_name": names.get(a, ""),
                     "target_name": names.get(b, ""), "kind": attrs.get("kind", ""),
                     "strength": attrs.get("strength", 0.0),
                     **{k: attrs.get(k, "") for k in keys}})
    columns = ["source", "target", "source_name", "target_name", "kind", "strength", *keys]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["kind", "source", "target"], kind="stable").reset_index(drop=True)


def _write_graphml(graph: nx.Graph, path: Path, force: bool) -> Path:
    from netaudit.render.export import write_atomic

    return write_atomic(path, lambda stream: write_graphml_stream(graph, stream), binary=True,
                        force=force)


#: Escapes of ElementTree (the serializer networkx uses), so that the streamed file has the
#: bytes networkx would write: text escapes &, < and >; attribute values also quotes and the
#: line-ending and tab characters. '&' first, so that no escape is escaped again.
_TEXT_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_ATTRIBUTE_ESCAPES = (*_TEXT_ESCAPES, ('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"),
                      ("\t", "&#09;"))


#: Characters XML 1.0 forbids even escaped (its Char production): C0 controls other than tab,
#: line feed and carriage return, U+FFFE, U+FFFF and lone surrogates. One in a name made the
#: file unreadable to Gephi and networkx (issue 16); each becomes U+FFFD, the replacement
#: character, so that the file says something was there.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_chars(text: str) -> str:
    r"""``text`` with each character XML 1.0 cannot hold replaced by U+FFFD.

    >>> xml_chars("Ana\x01 Ruiz\tok\n") == "Ana\ufffd Ruiz\tok\n"
    True
    """
    return _NOT_XML.sub("\ufffd", text)


def _escape(text: str, escapes: tuple[tuple[str, str], ...] = _TEXT_ESCAPES) -> str:
    """``text`` escaped for XML (as ElementTree does; a membership test is far cheaper than
    a replacement, and most texts need none), without the characters XML cannot hold."""
    text = xml_chars(text)
    for char, entity in escapes:
        if char in text:
            text = text.replace(char, entity)
    return text
_GRAPHML_TYPES: dict[type, str] = {bool: "boolean", int: "long", float: "double", str: "string"}
_GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)


def write_graphml_stream(graph: nx.Graph, stream: Any, *, chunk: int = 20_000) -> None:
    """Write :func:`clean_graph` of ``graph`` as GraphML to the binary ``stream``, element by
    element, with the bytes of ``networkx.write_graphml`` (keys ``d0``, ``d1``, ... in order
    of first use and listed last-first, the graph's data after its edges, two-space indent).

    networkx builds a cleaned copy of the graph and an ElementTree of the whole document
    before writing a byte: 2.2 GB and 25 s for 30,000 connections. Here each element is
    typed, escaped and written as it is reached; memory stays at the graph's own.

    Examples
    --------
    >>> import io, networkx as nx
    >>> g = nx.Graph(owner="me")
    >>> g.add_node("me", name="Me & Co")
    >>> g.add_edge("me", "a", strength=0.5)
    >>> out = io.BytesIO(); write_graphml_stream(g, out)
    >>> nx.read_graphml(io.BytesIO(out.getvalue())).edges["me", "a"]["strength"]
    0.5
    """
    graph_data = {k: _text(v) for k, v in graph.graph.items()
                  if k not in ("node_default", "edge_default")}
    graph_id = graph_data.pop("id", None)
    node_types = _types(attrs for _, attrs in graph.nodes(data=True))
    node_keys = {**node_types, "label": node_types.get("label", str)}
    edge_types = _types(attrs for _, _, attrs in graph.edges(data=True))
    keys: list[tuple[str, str, str, str]] = []  # (id, for, name, type) in order of first use

    def declare(scope: str, types: dict[str, type]) -> dict[str, str]:
        ids = {}
        for name, kind in types.items():
            ids[name] = f"d{len(keys)}"
            keys.append((ids[name], scope, name, _GRAPHML_TYPES[kind]))
        return ids

    graph_keys = declare("graph", dict.fromkeys(graph_data, str))
    node_ids = declare("node", node_keys) if graph.number_of_nodes() else {}
    edge_ids = declare("edge", edge_types) if graph.number_of_edges() else {}

    def attribute(value: str) -> str:
        return _escape(value, _ATTRIBUTE_ESCAPES)

    def data(key: str, value: Any, indent: str) -> str:
        text = _escape(value) if type(value) is str else str(value)
        if not text:
            return f'{indent}<data key="{key}" />'
        return f'{indent}<data key="{key}">{text}</data>'

    lines = [_GRAPHML_HEAD]
    for key_id, scope, name, kind in reversed(keys):
        lines.append(f'  <key id="{key_id}" for="{scope}" attr.name="{attribute(name)}" '
                     f'attr.type="{kind}" />')
    opening = '  <graph edgedefault="undirected"' + (
        f' id="{attribute(str(graph_id))}"' if graph_id is not None else "")
    if not (graph_data or graph.number_of_nodes() or graph.number_of_edges()):
        lines.append(opening + " />")
    else:
        lines.append(opening + ">")

    def flush() -> None:
        stream.write(("\n".join(lines) + "\n").encode("utf-8", "xmlcharrefreplace"))
        lines.clear()

    for node, attrs in graph.nodes(data=True):
        values = _typed(attrs, node_types)
        values.setdefault("label", str(attrs.get("name") or node))
        lines.append(f'    <node id="{attribute(str(node))}">')
        lines.extend(data(node_ids[k], v, "      ") for k, v in values.items())
        lines.append("    </node>")
        if len(lines) >= chunk:
            flush()
    for a, b, attrs in graph.edges(data=True):
        opening = f'    <edge source="{attribute(str(a))}" target="{attribute(str(b))}"'
        if not edge_types:
            lines.append(opening + " />")
            continue
        lines.append(opening + ">")
        lines.extend(data(edge_ids[k], v, "      ")
                     for k, v in _typed(attrs, edge_types).items())
        lines.append("    </edge>")
        if len(lines) >= chunk:
            flush()
    lines.extend(data(graph_keys[k], v, "    ") for k, v in graph_data.items())
    if graph_data or graph.number_of_nodes() or graph.number_of_edges():
        lines.append("  </graph>")
    lines.append("</graphml>")
    flush()


def _write_gexf(graph: nx.Graph, path: Path, force: bool) -> Path:
    from netaudit.render.export import write_atomic

    return write_atomic(path, lambda stream: write_gexf_stream(graph, stream), binary=True,
                        force=force)


#: Attribute names that networkx's GEXF writer takes out of the attributes (into the
#: element's XML attributes, spells, viz or parents), and graph data that changes the
#: document (mode, defaults); a graph that uses any of them is written by networkx itself.
_GEXF_NODE_SPECIAL = frozenset({"id", "pid", "start", "end", "parents", "spells", "slices",
                                "viz", "networkx_key"})
_GEXF_EDGE_SPECIAL = frozenset({"id", "label", "weight", "type", "start", "end", "spells",
                                "slices", "viz", "networkx_key"})
_GEXF_GRAPH_SPECIAL = frozenset({"mode", "node_default", "edge_default"})
_GEXF_TYPES: dict[type, str] = {bool: "boolean", int: "long", float: "double", str: "string"}
_GEXF_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<gexf xmlns="http://www.gexf.net/1.2draft" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
    'version="1.2">'
)
#: How networkx writes the float values that are not numbers.
_GEXF_FLOATS = {"inf": "INF", "nan": "NaN", "-inf": "-INF"}


def write_gexf_stream(graph: nx.Graph, stream: Any, *, chunk: int = 20_000) -> None:
    """Write :func:`clean_graph` of ``graph`` as GEXF 1.2 to the binary ``stream``, element
    by element, with the bytes of ``networkx.write_gexf`` (same creator and date in
    ``<meta>``, attribute ids in order of first use, node attributes numbered before edge
    ones but listed after them, edge ids 0, 1, ... in ``graph.edges`` order).

    networkx builds a cleaned copy of the graph and an ElementTree of the whole document
    before writing a byte (1.9 GB and 13 s for 30,000 connections). Here each element is
    typed, escaped and written as it is reached. A graph that uses one of the names
    networkx's writer treats specially (a node or edge attribute ``id``, ``weight``,
    ``start``, ``viz``, ...; graph data ``mode`` or defaults) is handed to networkx.

    Examples
    --------
    >>> import io, networkx as nx
    >>> g = nx.Graph(owner="me")
    >>> g.add_node("me", name="Me & Co")
    >>> g.add_edge("me", "a", strength=0.5)
    >>> out = io.BytesIO(); write_gexf_stream(g, out)
    >>> back = nx.read_gexf(io.BytesIO(out.getvalue()))
    >>> back.nodes["me"]["label"], back.edges["me", "a"]["strength"]
    ('Me & Co', 0.5)
    """
    import time

    import networkx as nx

    node_types = _types(attrs for _, attrs in graph.nodes(data=True))
    edge_types = _types(attrs for _, _, attrs in graph.edges(data=True))
    if (graph.is_directed() or graph.is_multigraph()
            or _GEXF_NODE_SPECIAL.intersection(node_types)
            or _GEXF_EDGE_SPECIAL.intersection(edge_types)
            or _GEXF_GRAPH_SPECIAL.intersection(graph.graph)):
        nx.write_gexf(clean_graph(graph), stream)
        return

    def attribute(value: str) -> str:
        return _escape(value, _ATTRIBUTE_ESCAPES)

    # networkx renames an attribute called 'key' (the multigraph key) to 'networkx_key'.
    node_values = [k for k in node_types if k != "label"]
    node_ids = {k: str(i) for i, k in enumerate(node_values)} if graph.number_of_nodes() else {}
    edge_ids = ({k: str(len(node_ids) + i) for i, k in enumerate(edge_types)}
                if graph.number_of_edges() else {})

    def declarations(scope: str, ids: dict[str, str], types: dict[str, type]) -> list[str]:
        if not ids:
            return []
        return [f'    <attributes mode="static" class="{scope}">',
                *(f'      <attribute id="{i}" title="{attribute("networkx_key" if k == "key" else k)}" '
                  f'type="{_GEXF_TYPES[types[k]]}" />' for k, i in ids.items()),
                "    </attributes>"]

    def value_text(value: Any) -> str:
        kind = type(value)
        if kind is str:
            return attribute(value)
        if kind is bool:
            return "true" if value else "false"
        text = str(value)
        return _GEXF_FLOATS.get(text, text) if kind is float else text

    # What precedes each value, computed once: a graph of 30,000 people has millions.
    node_prefix = {k: f'          <attvalue for="{i}" value="' for k, i in node_ids.items()}
    edge_prefix = {k: f'          <attvalue for="{i}" value="' for k, i in edge_ids.items()}
    name = attribute(_text(graph.graph.get("name", "")))
    lines = [
        _GEXF_HEAD,
        f'  <meta lastmodifieddate="{time.strftime("%Y-%m-%d")}">',
        f"    <creator>{_escape(f'NetworkX {nx.__version__}')}</creator>",
        "  </meta>",
        f'  <graph defaultedgetype="undirected" mode="static" name="{name}">',
        *declarations("edge", edge_ids, edge_types),
        *declarations("node", node_ids, node_types),
    ]

    def flush() -> None:
        stream.write(("\n".join(lines) + "\n").encode("utf-8", "xmlcharrefreplace"))
        lines.clear()

    if graph.number_of_nodes():
        lines.append("    <nodes>")
        for node, attrs in graph.nodes(data=True):
            values = _typed(attrs, node_types)
            label = values.pop("label", None)
            if label is None:
                label = str(attrs.get("name") or node)
            opening = f'      <node id="{attribute(str(node))}" label="{attribute(str(label))}"'
            if not node_prefix:
                lines.append(opening + " />")
                continue
            lines.append(opening + ">")
            lines.append("        <attvalues>")
            lines.extend(f"{node_prefix[k]}{value_text(v)}\" />" for k, v in values.items())
            lines.append("        </attvalues>")
            lines.append("      </node>")
            if len(lines) >= chunk:
                flush()
        lines.append("    </nodes>")
    else:
        lines.append("    <nodes />")
    if graph.number_of_edges():
        lines.append("    <edges>")
        for number, (a, b, attrs) in enumerate(graph.edges(data=True)):
            opening = (f'      <edge source="{attribute(str(a))}" target="{attribute(str(b))}" '
                       f'id="{number}"')
            if not edge_prefix:
                lines.append(opening + " />")
                continue
            lines.append(opening + ">")
            lines.append("        <attvalues>")
            lines.extend(f"{edge_prefix[k]}{value_text(v)}\" />"
                         for k, v in _typed(attrs, edge_types).items())
            lines.append("        </attvalues>")
            lines.append("      </edge>")
            if len(lines) >= chunk:
                flush()
        lines.append("    </edges>")
    else:
        lines.append("    <edges />")
    lines.append("  </graph>")
    lines.append("</gexf>")
    flush()


def _write_csv(graph: nx.Graph, path: Path, force: bool) -> Path:
    from netaudit.render.export import write_csv

    return write_csv(edge_table(graph), path, force=force)


#: One writer per format; walked by a test so that no format is left without one.
WRITERS: dict[GraphFormat, Callable[[nx.Graph, Path, bool], Path]] = {
    GraphFormat.GRAPHML: _write_graphml,
    GraphFormat.GEXF: _write_gexf,
    GraphFormat.CSV: _write_csv,
}

__all__ = ["GRAPH_FORMAT_MEANING", "WRITERS", "GraphFormat", "clean_graph", "edge_table",
           "graph_format", "write_gexf_stream", "write_graph",
           "write_graphml_stream"]
