"""Graph files for Gephi, Cytoscape or a spreadsheet: GraphML, GEXF or a CSV edge list, by suffix.

GraphML and GEXF store only strings, numbers and booleans, one type per attribute: every node
and edge attribute is written with one type (bool, int, float or text) and a default for the
elements that lack it; None becomes the default, tuples become '; '-joined text, dates their
ISO text. Nodes get a ``label`` (the person's name) for Gephi. Every file is written
atomically through :mod:`netaudit.render.export` and never overwrites without ``force``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from netaudit.errors import UsageError

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd
    import pyarrow as pa

    from netaudit.graph import GraphColumns

    #: What the writers take: a networkx graph, or the columns of one
    #: (:func:`netaudit.graph.ego_columns`, no networkx graph built).
    Drawn: TypeAlias = "nx.Graph | GraphColumns"


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


def write_graph(graph: Drawn, path: Path, *, force: bool = False,
                progress: Callable[[str, int, int | None], None] | None = None) -> Path:
    """Write ``graph`` (a networkx graph or its :class:`~netaudit.graph.GraphColumns`) to
    ``path`` in the format its suffix names; ``progress`` hears "writing NAME" as one
    step."""
    from netaudit.collector import collector_paused
    from netaudit.progress import stage

    path = Path(path)
    writer = WRITERS[graph_format(path)]
    # Columns of millions of values and their texts, no cycle among them.
    with stage(progress, f"writing {path.name}"), collector_paused():
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
    nodes = list(graph.nodes(data=True))
    node_columns = _typed_columns([attrs for _, attrs in nodes])
    for i, (node, attrs) in enumerate(nodes):
        values = {key: column[i] for key, (_, column) in node_columns.items()}
        values.setdefault("label", xml_chars(str(attrs.get("name") or node)))
        clean.add_node(xml_chars(str(node)), **values)
    edges = list(graph.edges(data=True))
    edge_columns = _typed_columns([attrs for _, _, attrs in edges])
    for i, (a, b, _) in enumerate(edges):
        clean.add_edge(xml_chars(str(a)), xml_chars(str(b)),
                       **{key: column[i] for key, (_, column) in edge_columns.items()})
    return clean


def _one_kind(kinds: set[type]) -> type:
    """The one type that stores values of all ``kinds``: bool, int, float (ints and floats)
    or, for anything else or nothing at all, str."""
    if kinds and kinds <= {bool}:
        return bool
    if kinds and kinds <= {int}:
        return int
    if kinds and kinds <= {int, float}:
        return float
    return str


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


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple | list | set | frozenset):
        return "; ".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return xml_chars(str(value))


#: What each element lacking an attribute gets; also what None becomes.
_NONE = type(None)


def _typed_columns(elements: Sequence[Mapping[str, Any]], *, clean: bool = True,
                   only: Iterable[str] | None = None) -> dict[str, tuple[type, list[Any]]]:
    """The attributes of ``elements`` (attribute dicts) column by column: for each name, in
    order of first use, its one type (bool, int, float or str: :func:`_one_kind` of its
    values' kinds) and each element's value of that type (None as the type's default). A graph of 30,000 people has two million attribute values:
    typing them per column (one type check per distinct type, one search for characters XML
    cannot hold per column) costs a fraction of typing them one by one. ``clean=False``
    leaves None for the default, and the characters XML cannot hold in the texts, in a
    column of values of its type, for a writer that fills and replaces them in Arrow
    (:func:`_arrow_texts`, :func:`_number_texts`). ``only``: just these names.

    >>> columns = _typed_columns([{"n": 1, "s": "a"}, {"n": 2.5, "b": True}])
    >>> for name, (kind, values) in columns.items():
    ...     print(name, kind.__name__, values)
    n float [1.0, 2.5]
    s str ['a', '']
    b bool [False, True]
    """
    from netaudit.graph import attribute_names

    names = attribute_names(elements) if only is None else [
        name for name in only if any(name in attrs for attrs in elements)]
    return _typed_lists({key: [attrs.get(key) for attrs in elements] for key in names},
                        clean=clean)


def _typed_lists(lists: Mapping[str, list[Any]], *, clean: bool = True,
                 only: Iterable[str] | None = None) -> dict[str, tuple[type, list[Any]]]:
    """:func:`_typed_columns` of the attributes given as columns (None where an element
    lacks the attribute), as :class:`~netaudit.graph.GraphColumns` holds them; ``only``:
    just these names, in that order. A column may be returned as it is given."""
    columns: dict[str, tuple[type, list[Any]]] = {}
    for key in (lists if only is None else [name for name in only if name in lists]):
        values = lists[key]
        present = set(map(type, values))
        missing = _NONE in present
        present.discard(_NONE)
        if present <= _PLAIN_KINDS.keys():
            kind = _one_kind(present)  # each of these types is its own kind
        else:
            kind = _one_kind({_PLAIN_KINDS.get(type(v)) or _kind(v)
                              for v in values if v is not None})
        default = _DEFAULTS[kind]
        if present <= {kind}:
            if clean and missing:
                values = [default if v is None else v for v in values]
            if clean and kind is str:
                values = _xml_chars_all(values)
        elif kind is str:
            values = [default if v is None else xml_chars(v) if type(v) is str else _text(v)
                      for v in values]
        else:
            values = [default if v is None else v if type(v) is kind
                      else kind(v.item() if hasattr(v, "item") else v) for v in values]
        columns[key] = (kind, values)
    return columns


def _xml_chars_all(texts: list[str]) -> list[str]:
    """:func:`xml_chars` of each text; ``texts`` itself when none holds such a character
    (one search over them all)."""
    if _NOT_XML.search("".join(texts)) is None:
        return texts
    return [xml_chars(text) for text in texts]


def edge_table(graph: Drawn) -> pd.DataFrame:
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

    columns = _edge_columns(graph)
    if columns is None:
        return _clean_edge_table(clean_graph(_networkx(graph)))
    if not len(columns["source"][1]):
        table = pd.DataFrame([], columns=list(columns))
    else:
        table = pd.DataFrame({name: values for name, (_, values) in columns.items()})
    return table.sort_values(["kind", "source", "target"], kind="stable").reset_index(drop=True)


def _edge_columns(graph: Drawn) -> dict[str, tuple[type, list[Any]]] | None:
    """The columns of :func:`edge_table` before sorting, each with its one type; None for a
    graph whose ids :func:`clean_graph` would merge (two ids with the same text), or with
    an edge attribute named like a column of ends, or directed or a multigraph: those are
    left to :func:`_clean_edge_table`."""
    import numpy as np

    from netaudit.graph import objects

    if not _plain(graph):
        return None
    drawn = _columns_of(graph)
    nodes, sources, targets = drawn.nodes, drawn.sources, drawn.targets
    ids = _xml_chars_all(_id_texts(nodes))
    edge_columns = _typed_lists(drawn.edge_columns)
    keys = sorted(set(edge_columns) - {"kind", "strength"})
    if len(set(ids)) < len(ids) or _ENDS.intersection(keys):
        return None
    node_columns = _typed_lists(drawn.node_columns, only=("name", "is_owner", "member"))
    count = len(sources)
    # Each edge's ends as node numbers, the owner's (or a team member's) end first.
    position = dict(zip(nodes, range(len(nodes)), strict=True))
    first = np.fromiter(map(position.__getitem__, sources), dtype=np.intp, count=count)
    second = np.fromiter(map(position.__getitem__, targets), dtype=np.intp, count=count)
    unset = [None] * len(nodes)
    owners = np.array([bool(is_owner or member) for is_owner, member in zip(
        node_columns["is_owner"][1] if "is_owner" in node_columns else unset,
        node_columns["member"][1] if "member" in node_columns else unset, strict=True)],
        dtype=bool)
    if len(owners):
        swap = owners[second] & ~owners[first]
        first, second = np.where(swap, second, first), np.where(swap, first, second)
    ids_of = objects(ids, len(ids))
    name_kind, names = node_columns.get("name") or (str, [""] * len(nodes))
    names_of = objects(names, len(names))
    return {"source": (str, ids_of[first].tolist()), "target": (str, ids_of[second].tolist()),
            "source_name": (name_kind, names_of[first].tolist()),
            "target_name": (name_kind, names_of[second].tolist()),
            "kind": edge_columns.get("kind") or (str, [""] * count),
            "strength": edge_columns.get("strength") or (float, [0.0] * count),
            **{k: edge_columns[k] for k in keys}}


#: The columns of :func:`edge_table` that an edge attribute cannot be.
_ENDS = frozenset({"source", "target", "source_name", "target_name"})


def _clean_edge_table(clean: nx.Graph) -> pd.DataFrame:
    """:func:`edge_table` of a graph :func:`clean_graph` gave, row by row."""
    import pandas as pd

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


def _write_graphml(graph: Drawn, path: Path, force: bool) -> Path:
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


#: What :func:`xml_chars` replaces, as an RE2 pattern for Arrow and as a bytes pattern for
#: UTF-8 (U+FFFE and U+FFFF are EF BF BE and EF BF BF).
_NOT_XML_RE2 = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x{FFFE}\x{FFFF}]"
_NOT_XML_UTF8 = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
#: The bytes of UTF-8 that need no look: all but the control characters (those XML cannot
#: hold, and tab, LF and CR, escaped in attribute values), the other characters escaped, and
#: EF, the first byte of U+FFFE and U+FFFF (and of other characters from U+F000).
_PLAIN_BYTES = bytes(sorted(set(range(256)) - set(range(0x20)) - {0xEF}
                            - {ord(c) for c, _ in _ATTRIBUTE_ESCAPES}))


def _arrow_texts(texts: Sequence[str | None], escapes: tuple[tuple[str, str], ...]) -> pa.Array:
    """``texts`` as an Arrow column, each text as :func:`_escape` gives it with ``escapes``
    (None as '').

    Most columns need no escape at all: one search of the column's UTF-8 data says so. The
    others are replaced in Arrow, one replacement per character found. A lone surrogate
    (which UTF-8 cannot hold, so neither can Arrow) is replaced in Python first.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        column = pa.array(texts, type=pa.string())
    except UnicodeEncodeError:
        column = pa.array([xml_chars(text) if text else "" for text in texts],
                          type=pa.string())
    if column.null_count:
        column = column.fill_null("")
    data = column.buffers()[2]
    # The bytes worth a look, found in one pass in C (bytes.translate deletes the others):
    # almost always none.
    found = b"" if data is None else bytes(data).translate(None, _PLAIN_BYTES)
    if not found:
        return column
    if _NOT_XML_UTF8.search(found if b"\xef" not in found else bytes(data)):
        column = pc.replace_substring_regex(column, _NOT_XML_RE2, "\ufffd")
    for char, entity in escapes:  # '&' first, so that no escape is escaped again
        if char.encode() in found:
            column = pc.replace_substring(column, char, entity)
    return column


def _text_parts(texts: Sequence[str | None], before: str, after: str, empty: str,
                escapes: tuple[tuple[str, str], ...]) -> list[Any]:
    """The parts of rows (see :func:`~netaudit.render.export.write_rows`) that give
    ``before + _escape(text) + after`` for each text (None as ''), or ``empty`` for an empty
    text. ``before`` and ``after`` join the texts around in one pass when no text is
    empty."""
    import pyarrow.compute as pc

    column = _arrow_texts(texts, escapes)
    blank = pc.equal(column, "")
    if not pc.any(blank).as_py():
        return [before, column, after]
    # The longest start the two forms share stays a text around the column.
    shared = len(os.path.commonprefix([before + after, empty]))
    return [empty[:shared], pc.if_else(blank, empty[shared:], pc.binary_join_element_wise(
        before[shared:], column, after, "")), ""]


#: How each file writes booleans.
_GRAPHML_BOOLS = ("True", "False")
_GEXF_BOOLS = ("true", "false")


def _number_texts(kind: type, values: list[Any] | pa.Array, bools: tuple[str, str],
                  floats: Mapping[str, str]) -> pa.Array:
    """The text of each value of a bool, int or float column, as ``str`` writes it (None as
    the type's default, booleans as ``bools``, floats then mapped by ``floats``), as an
    Arrow column.

    Arrow writes an int as ``str`` does; a float with the same shortest digits as ``repr``,
    in the same form when it is written without exponent and with a point and Python does
    the same (1e-4 <= abs(x) < 1e16); the others (integral, tiny, huge, not numbers) are
    written by Python.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(values, pa.Array):
        numbers = values
    else:
        try:
            numbers = pa.array(values, type=_arrow_type(kind))
        except OverflowError:  # an int beyond 64 bits
            return pa.array([str(value or 0) for value in values], type=pa.string())
    if numbers.null_count:
        numbers = numbers.fill_null(_DEFAULTS[kind])
    if kind is bool:
        return pc.if_else(numbers, *bools)
    texts = numbers.cast(pa.string())
    if kind is int:
        return texts
    floats_of = numbers.to_numpy()
    size = np.abs(floats_of)
    same = (size >= 1e-4) & (size < 1e16)
    same &= pc.match_substring(texts, ".").to_numpy(zero_copy_only=False)
    same &= ~pc.match_substring(texts, "e").to_numpy(zero_copy_only=False)
    if not same.all():
        others = [str(value) for value in floats_of[~same].tolist()]
        texts = pc.replace_with_mask(texts, pa.array(~same),
                                     pa.array([floats.get(t, t) for t in others],
                                              type=pa.string()))
    return texts


def _columns_of(graph: Drawn) -> GraphColumns:
    """``graph`` as :class:`~netaudit.graph.GraphColumns` (itself when it is)."""
    from netaudit.graph import GraphColumns

    return graph if isinstance(graph, GraphColumns) else GraphColumns.of(graph)


def _plain(graph: Drawn) -> bool:
    """Undirected, without parallel edges (always so for :class:`~netaudit.graph.GraphColumns`)."""
    from netaudit.graph import GraphColumns

    return isinstance(graph, GraphColumns) or not (graph.is_directed()
                                                   or graph.is_multigraph())


def _networkx(graph: Drawn) -> nx.Graph:
    """``graph`` as a networkx graph (built from its columns when it is columns)."""
    from netaudit.graph import GraphColumns

    return graph.to_networkx() if isinstance(graph, GraphColumns) else graph


def _id_texts(ids: list[Any]) -> list[str]:
    """``str`` of each id (the list itself when all are texts already)."""
    return ids if set(map(type, ids)) <= {str} else [str(value) for value in ids]


def _labels(nodes: list[Any], names: list[Any] | None) -> list[str]:
    """The label of each node without a ``label`` attribute: its name (``names``, None
    where a node has none), else its id."""
    if names is None:
        return [str(node) for node in nodes]
    if set(map(type, names)) == {str} and "" not in names:  # the names themselves
        return names
    return [str(name or node) for node, name in zip(nodes, names, strict=True)]


_GRAPHML_TYPES: dict[type, str] = {bool: "boolean", int: "long", float: "double", str: "string"}
_GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)


def write_graphml_stream(graph: Drawn, stream: Any, *, chunk: int = 25_000) -> None:
    """Write :func:`clean_graph` of ``graph`` as GraphML to the binary ``stream``, ``chunk``
    elements at a time, with the bytes of ``networkx.write_graphml`` (keys ``d0``, ``d1``,
    ... in order of first use and listed last-first, the graph's data after its edges,
    two-space indent).

    networkx builds a cleaned copy of the graph and an ElementTree of the whole document
    before writing a byte: 2.2 GB and 25 s for 30,000 connections. Here the attributes are
    typed column by column (:func:`_typed_columns`), each column's values escaped at once in
    Arrow (:func:`_arrow_texts`), and a chunk of elements joined and written as one buffer
    (:func:`~netaudit.render.export.write_rows`).

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
    from netaudit.render.export import write_rows

    drawn = _columns_of(graph)
    graph_data = {k: _text(v) for k, v in drawn.data.items()
                  if k not in ("node_default", "edge_default")}
    graph_id = graph_data.pop("id", None)
    nodes, sources, targets = drawn.nodes, drawn.sources, drawn.targets
    node_columns = _typed_lists(drawn.node_columns, clean=False)
    if "label" not in node_columns:
        node_columns["label"] = (str, _labels(nodes, drawn.node_columns.get("name")))
    edge_columns = _typed_lists(drawn.edge_columns, clean=False)
    keys: list[tuple[str, str, str, str]] = []  # (id, for, name, type) in order of first use

    def declare(scope: str, types: dict[str, type]) -> dict[str, str]:
        ids = {}
        for name, kind in types.items():
            ids[name] = f"d{len(keys)}"
            keys.append((ids[name], scope, name, _GRAPHML_TYPES[kind]))
        return ids

    graph_keys = declare("graph", dict.fromkeys(graph_data, str))
    node_ids = declare("node", {k: kind for k, (kind, _) in node_columns.items()}) \
        if nodes else {}
    edge_ids = declare("edge", {k: kind for k, (kind, _) in edge_columns.items()}) \
        if sources else {}

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
    if not (graph_data or nodes or sources):
        lines.append(opening + " />")
    else:
        lines.append(opening + ">")

    def write(text: str) -> None:
        stream.write(text.encode("utf-8", "xmlcharrefreplace"))

    def data_parts(ids: dict[str, str], columns: dict[str, tuple[type, list[Any]]],
                   start: int, stop: int) -> list[Any]:
        parts = []
        for key, (kind, values) in columns.items():
            before = f'      <data key="{ids[key]}">'
            if kind is str:
                parts += _text_parts(values[start:stop], before, "</data>\n",
                                     f'      <data key="{ids[key]}" />\n', _TEXT_ESCAPES)
            else:
                parts += [before, _number_texts(kind, values[start:stop], _GRAPHML_BOOLS, {}),
                          "</data>\n"]
        return parts

    write("\n".join(lines) + "\n")
    node_texts = _id_texts(nodes)
    for start in range(0, len(nodes), chunk):
        stop = start + chunk
        write_rows(stream, [
            '    <node id="', _arrow_texts(node_texts[start:stop], _ATTRIBUTE_ESCAPES), '">\n',
            *data_parts(node_ids, node_columns, start, stop), "    </node>\n"])
    sources, targets = _id_texts(sources), _id_texts(targets)
    for start in range(0, len(sources), chunk):
        stop = start + chunk
        write_rows(stream, [
            '    <edge source="', _arrow_texts(sources[start:stop], _ATTRIBUTE_ESCAPES),
            '" target="', _arrow_texts(targets[start:stop], _ATTRIBUTE_ESCAPES),
            *(['">\n', *data_parts(edge_ids, edge_columns, start, stop), "    </edge>\n"]
              if edge_ids else ['" />\n'])])
    lines = [data(graph_keys[k], v, "    ") for k, v in graph_data.items()]
    if graph_data or nodes or sources:
        lines.append("  </graph>")
    lines.append("</graphml>")
    write("\n".join(lines) + "\n")


def _write_gexf(graph: Drawn, path: Path, force: bool) -> Path:
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


def write_gexf_stream(graph: Drawn, stream: Any, *, chunk: int = 25_000) -> None:
    """Write :func:`clean_graph` of ``graph`` as GEXF 1.2 to the binary ``stream``, ``chunk``
    elements at a time, with the bytes of ``networkx.write_gexf`` (same creator and date in
    ``<meta>``, attribute ids in order of first use, node attributes numbered before edge
    ones but listed after them, edge ids 0, 1, ... in ``graph.edges`` order).

    networkx builds a cleaned copy of the graph and an ElementTree of the whole document
    before writing a byte (1.9 GB and 13 s for 30,000 connections). Here the attributes are
    typed and written column by column, as in :func:`write_graphml_stream`. A graph that
    uses one of the names
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

    from netaudit.render.export import write_rows

    if not _plain(graph) or _GEXF_GRAPH_SPECIAL.intersection(_columns_of(graph).data):
        nx.write_gexf(clean_graph(_networkx(graph)), stream)
        return
    drawn = _columns_of(graph)
    nodes, sources, targets = drawn.nodes, drawn.sources, drawn.targets
    node_columns = _typed_lists(drawn.node_columns, clean=False)
    edge_columns = _typed_lists(drawn.edge_columns, clean=False)
    if (_GEXF_NODE_SPECIAL.intersection(node_columns)
            or _GEXF_EDGE_SPECIAL.intersection(edge_columns)):
        nx.write_gexf(clean_graph(_networkx(graph)), stream)
        return

    def attribute(value: str) -> str:
        return _escape(value, _ATTRIBUTE_ESCAPES)

    def texts(kind: type, values: list[Any], start: int, stop: int,
              bools: tuple[str, str], floats: Mapping[str, str]) -> Any:
        if kind is str:
            return _arrow_texts(values[start:stop], _ATTRIBUTE_ESCAPES)
        return _number_texts(kind, values[start:stop], bools, floats)

    # A node's label is its 'label' attribute as text (str of a number, 'True'), else its
    # name, else its id.
    label_kind, labels = node_columns.pop("label", None) or (
        str, _labels(nodes, drawn.node_columns.get("name")))
    # networkx renames an attribute called 'key' (the multigraph key) to 'networkx_key'.
    node_ids = {k: str(i) for i, k in enumerate(node_columns)} if nodes else {}
    edge_ids = ({k: str(len(node_ids) + i) for i, k in enumerate(edge_columns)}
                if sources else {})

    def declarations(scope: str, ids: dict[str, str],
                     columns: dict[str, tuple[type, list[Any]]]) -> list[str]:
        if not ids:
            return []
        return [f'    <attributes mode="static" class="{scope}">',
                *(f'      <attribute id="{i}" title="{attribute("networkx_key" if k == "key" else k)}" '
                  f'type="{_GEXF_TYPES[columns[k][0]]}" />' for k, i in ids.items()),
                "    </attributes>"]

    def value_parts(ids: dict[str, str], columns: dict[str, tuple[type, list[Any]]],
                    start: int, stop: int) -> list[Any]:
        parts: list[Any] = ["        <attvalues>\n"]
        for key, (kind, values) in columns.items():
            parts += [f'          <attvalue for="{ids[key]}" value="',
                      texts(kind, values, start, stop, _GEXF_BOOLS, _GEXF_FLOATS), '" />\n']
        return [*parts, "        </attvalues>\n"]

    name = attribute(_text(drawn.data.get("name", "")))
    lines = [
        _GEXF_HEAD,
        f'  <meta lastmodifieddate="{time.strftime("%Y-%m-%d")}">',
        f"    <creator>{_escape(f'NetworkX {nx.__version__}')}</creator>",
        "  </meta>",
        f'  <graph defaultedgetype="undirected" mode="static" name="{name}">',
        *declarations("edge", edge_ids, edge_columns),
        *declarations("node", node_ids, node_columns),
        "    <nodes>" if nodes else "    <nodes />",
    ]

    def write(text: str) -> None:
        stream.write(text.encode("utf-8", "xmlcharrefreplace"))

    write("\n".join(lines) + "\n")
    node_texts = _id_texts(nodes)
    for start in range(0, len(nodes), chunk):
        stop = start + chunk
        write_rows(stream, [
            '      <node id="', _arrow_texts(node_texts[start:stop], _ATTRIBUTE_ESCAPES),
            '" label="', texts(label_kind, labels, start, stop, _GRAPHML_BOOLS, {}),
            *(['">\n', *value_parts(node_ids, node_columns, start, stop), "      </node>\n"]
              if node_ids else ['" />\n'])])
    lines = ["    </nodes>"] if nodes else []
    lines.append("    <edges>" if sources else "    <edges />")
    write("\n".join(lines) + "\n")
    sources, targets = _id_texts(sources), _id_texts(targets)
    for start in range(0, len(sources), chunk):
        stop = min(start + chunk, len(sources))
        write_rows(stream, [
            '      <edge source="', _arrow_texts(sources[start:stop], _ATTRIBUTE_ESCAPES),
            '" target="', _arrow_texts(targets[start:stop], _ATTRIBUTE_ESCAPES),
            '" id="', _number_texts(int, list(range(start, stop)), _GEXF_BOOLS, {}),
            *(['">\n', *value_parts(edge_ids, edge_columns, start, stop), "      </edge>\n"]
              if edge_ids else ['" />\n'])])
    lines = ["    </edges>"] if sources else []
    write("\n".join([*lines, "  </graph>", "</gexf>"]) + "\n")


def _write_csv(graph: Drawn, path: Path, force: bool) -> Path:
    """:func:`edge_table` as :func:`~netaudit.render.export.write_csv` writes it, its columns
    made texts in Arrow and written by :func:`~netaudit.render.export.write_csv_columns`
    (pandas' ``to_csv`` took 0.35 s for the 80,000 edges of 30,000 connections)."""
    from netaudit.render.export import write_csv, write_csv_columns

    columns = _edge_columns(graph)
    try:
        texts = _csv_texts(columns) if columns is not None else None
    except (UnicodeEncodeError, OverflowError):  # a lone surrogate; an int beyond 64 bits
        texts = None
    if columns is None or texts is None:
        return write_csv(edge_table(graph), path, force=force)
    return write_csv_columns(texts, {name for name, (kind, _) in columns.items() if kind is str},
                             path, force=force)


def _csv_texts(columns: dict[str, tuple[type, list[Any]]]) -> dict[str, pa.Array] | None:
    """The columns of :func:`edge_table` (typed columns of :func:`_edge_columns`) as Arrow
    texts, rows sorted as ``sort_values(..., kind="stable")`` sorts them (Arrow's sort is
    stable too), numbers as pandas' ``to_csv`` writes them (numpy's shortest repr, NaN as
    nothing); None for a table without rows or with a column name that is not a text.

    >>> texts = _csv_texts({"source": (str, ["b", "a"]), "target": (str, ["x", "y"]),
    ...                     "kind": (str, ["k", "k"]), "strength": (float, [0.5, float("nan")])})
    >>> {name: column.to_pylist() for name, column in texts.items()}
    {'source': ['a', 'b'], 'target': ['y', 'x'], 'kind': ['k', 'k'], 'strength': ['', '0.5']}
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if not columns["source"][1] or not all(type(name) is str for name in columns):
        return None
    arrays = {name: pa.array(values, type=_arrow_type(kind))
              for name, (kind, values) in columns.items()}
    order = pc.sort_indices(pa.table({key: arrays[key] for key in ("kind", "source", "target")}),
                            sort_keys=[("kind", "ascending"), ("source", "ascending"),
                                       ("target", "ascending")])
    texts = {}
    for name, (kind, _) in columns.items():
        column = arrays[name].take(order)
        texts[name] = column if kind is str else _number_texts(kind, column, _GRAPHML_BOOLS,
                                                               {"nan": ""})
    return texts


def _arrow_type(kind: type) -> pa.DataType:
    """The Arrow type of a column of :func:`_typed_columns` of type ``kind``."""
    import pyarrow as pa

    return {bool: pa.bool_(), int: pa.int64(), float: pa.float64(), str: pa.string()}[kind]




#: One writer per format; walked by a test so that no format is left without one.
WRITERS: dict[GraphFormat, Callable[[Drawn, Path, bool], Path]] = {
    GraphFormat.GRAPHML: _write_graphml,
    GraphFormat.GEXF: _write_gexf,
    GraphFormat.CSV: _write_csv,
}

__all__ = ["GRAPH_FORMAT_MEANING", "WRITERS", "GraphFormat", "clean_graph", "edge_table",
           "graph_format", "write_gexf_stream", "write_graph",
           "write_graphml_stream"]
