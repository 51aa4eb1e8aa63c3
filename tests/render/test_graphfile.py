"""The streamed GraphML writer writes the bytes networkx's writer would, and reads back equal."""

from __future__ import annotations

import io

import networkx as nx
import pytest

from netaudit.render.graphfile import (
    clean_graph,
    write_gexf_stream,
    write_graph,
    write_graphml_stream,
)


def _awkward_graph() -> nx.Graph:
    # Every escape ElementTree makes (& < > in text; also " CR LF TAB in attribute values),
    # a non-BMP character, None (-> default), a tuple (-> '; '-joined), an int beside a float
    # (-> double), a node with its own label, a self-loop, non-string node ids, graph data
    # with an id.
    g = nx.Graph(owner='x & "y"\n', id="g1")
    g.add_node("a\tb<>&\"'", name="Zoë \r\n <b>&amp; 🌱", n=1, f=None, t=("p", "q"))
    g.add_node("c", flag=True, n=2.5, label="L")
    g.add_edge("a\tb<>&\"'", "c", w=1, s="x]]>y")
    g.add_edge("c", "c", w=0.25)
    g.add_edge(1, 2, w=None)
    return g


def _networkx_bytes(graph: nx.Graph) -> bytes:
    stream = io.BytesIO()
    nx.write_graphml(clean_graph(graph), stream)
    return stream.getvalue()


def _streamed_bytes(graph: nx.Graph, chunk: int = 3) -> bytes:
    stream = io.BytesIO()
    write_graphml_stream(graph, stream, chunk=chunk)
    return stream.getvalue()


@pytest.mark.parametrize("graph", [
    _awkward_graph(), nx.Graph(), nx.Graph(name="only graph data"),
    nx.path_graph(3), nx.Graph([("a", "b")]),
], ids=["awkward", "empty", "graph-data-only", "no-attributes", "edge-only"])
def test_streamed_graphml_has_the_bytes_of_networkx_writer(graph):
    # The independent method is networkx's own writer on the cleaned graph, which netaudit
    # used before the streamed writer.
    assert _streamed_bytes(graph) == _networkx_bytes(graph)


def test_streamed_graphml_reads_back_with_every_attribute(tmp_path):
    path = write_graph(_awkward_graph(), tmp_path / "g.graphml")
    back = nx.read_graphml(path)
    assert back.graph["owner"] == 'x & "y"\n'
    assert "id" not in back.graph  # the graph's id is the <graph> element's id
    # An XML parser reads a CR LF in text as LF. 'label' is an attribute of node c, so the
    # other node gets its default '' (clean_graph fills defaults before names become labels).
    assert back.nodes["a\tb<>&\"'"] == {"name": "Zoë \n <b>&amp; 🌱", "n": 1.0, "f": "",
                                         "t": "p; q", "flag": False, "label": ""}
    assert back.nodes["c"]["label"] == "L"
    assert back.edges["a\tb<>&\"'", "c"] == {"w": 1.0, "s": "x]]>y"}
    assert back.edges["c", "c"] == {"w": 0.25, "s": ""}
    assert back.edges["1", "2"] == {"w": 0.0, "s": ""}


def _networkx_gexf(graph: nx.Graph) -> bytes:
    stream = io.BytesIO()
    nx.write_gexf(clean_graph(graph), stream)
    return stream.getvalue()


def _streamed_gexf(graph: nx.Graph, chunk: int = 3) -> bytes:
    stream = io.BytesIO()
    write_gexf_stream(graph, stream, chunk=chunk)
    return stream.getvalue()


def _numbers_graph() -> nx.Graph:
    # 'key' is renamed 'networkx_key' by networkx's writer; floats that are not numbers are
    # written INF, NaN, -INF; a node without attributes beside nodes with them.
    g = nx.Graph()
    g.add_node("x", key=1, v=float("inf"), w=float("nan"), ok=True)
    g.add_edge("x", "y", key="k", z=-float("inf"))
    g.add_node(3)
    return g


def _special_graph() -> nx.Graph:
    # 'weight' and 'id' are taken out of the attributes by networkx's writer: handed to it.
    g = nx.Graph()
    g.add_node("a", id="A")
    g.add_edge("a", "b", weight=2.0)
    return g


@pytest.mark.parametrize("graph", [
    _awkward_graph(), nx.Graph(), nx.Graph(name="only graph data"),
    nx.path_graph(3), nx.Graph([("a", "b")]), _numbers_graph(), _special_graph(),
], ids=["awkward", "empty", "graph-data-only", "no-attributes", "edge-only", "numbers",
        "special-names"])
def test_streamed_gexf_has_the_bytes_of_networkx_writer(graph):
    # The independent method is networkx's own writer on the cleaned graph, which netaudit
    # used before the streamed writer (both write today's date in <meta>).
    assert _streamed_gexf(graph) == _networkx_gexf(graph)


def test_streamed_gexf_reads_back_with_every_attribute(tmp_path):
    path = write_graph(_awkward_graph(), tmp_path / "g.gexf")
    back = nx.read_gexf(path)
    assert back.graph["mode"] == "static"
    # Values are XML attributes here, so CR LF survive (written &#13;&#10;). 'label' is an
    # attribute of node c, so the other node gets its default '' (as in GraphML); n is double
    # (1 and 2.5), f None -> '', t a tuple -> 'p; q', flag bool (False by default).
    node = back.nodes["a\tb<>&\"'"]
    assert node == {"label": "", "name": "Zoë \r\n <b>&amp; 🌱", "n": 1.0,
                    "f": "", "t": "p; q", "flag": False}
    assert back.nodes["c"]["label"] == "L"
    assert back.edges["a\tb<>&\"'", "c"] == {"w": 1.0, "s": "x]]>y", "id": "0"}
    assert back.edges["c", "c"] == {"w": 0.25, "s": "", "id": "1"}
    assert back.edges["1", "2"] == {"w": 0.0, "s": "", "id": "2"}


def test_numbers_are_written_as_python_writes_them():
    # Arrow writes most floats; Python the forms where Arrow's differ (integral, exponent,
    # tiny, huge, not numbers). Expected values are str() of each, by hand.
    from netaudit.render.graphfile import _GEXF_BOOLS, _GEXF_FLOATS, _number_texts

    floats = [0.5, 2.0, -0.0, 1e-05, 0.0001, 123456789.125, 4.048437818077755e+10, 1e16,
              float("inf"), float("nan"), None]
    assert _number_texts(float, floats, _GEXF_BOOLS, {}).to_pylist() == [
        "0.5", "2.0", "-0.0", "1e-05", "0.0001", "123456789.125", "40484378180.77755",
        "1e+16", "inf", "nan", "0.0"]
    assert _number_texts(float, [float("-inf"), 1.5], _GEXF_BOOLS,
                         _GEXF_FLOATS).to_pylist() == ["-INF", "1.5"]
    assert _number_texts(int, [3, None, -7, 2**70], _GEXF_BOOLS, {}).to_pylist() == [
        "3", "0", "-7", "1180591620717411303424"]
    assert _number_texts(bool, [True, None, False], _GEXF_BOOLS, {}).to_pylist() == [
        "true", "false", "false"]


def test_texts_are_escaped_and_cleaned_as_elementtree_would():
    from netaudit.render.graphfile import _ATTRIBUTE_ESCAPES, _TEXT_ESCAPES, _arrow_texts

    texts = ["plain", 'a & <b> "c"\t\n', "bad\x01\ufffe\ud800", None, "ok\ufffd\uff1d"]
    assert _arrow_texts(texts, _TEXT_ESCAPES).to_pylist() == [
        "plain", 'a &amp; &lt;b&gt; "c"\t\n', "bad\ufffd\ufffd\ufffd", "", "ok\ufffd\uff1d"]
    assert _arrow_texts(texts[:2], _ATTRIBUTE_ESCAPES).to_pylist() == [
        "plain", "a &amp; &lt;b&gt; &quot;c&quot;&#09;&#10;"]


def test_typed_columns_type_each_attribute_once_in_order_of_first_use():
    import numpy as np

    from netaudit.render.graphfile import _typed_columns

    elements = [{"a": 1, "b": None}, {"c": ("x", "y"), "a": 2.5}, {"b": np.int64(3), "d": True},
                {"d": 1, "e": "t\x02"}]
    assert _typed_columns(elements) == {
        "a": (float, [1.0, 2.5, 0.0, 0.0]), "b": (int, [0, 0, 3, 0]),
        "c": (str, ["", "x; y", "", ""]), "d": (str, ["", "", "True", "1"]),
        "e": (str, ["", "", "", "t\ufffd"])}
    # Unclean: None stays (the writer fills the default), texts keep what XML cannot hold.
    assert _typed_columns(elements[3:], clean=False) == {"d": (int, [1]), "e": (str, ["t\x02"])}


def test_edge_ends_follow_networkx_order():
    from netaudit.graph import element_data

    g = nx.Graph()
    g.add_nodes_from(["c", "a", "b"])
    g.add_edge("b", "c", k=1)
    g.add_edge("a", "a")
    g.add_edge("a", "c")
    nodes, _, sources, targets, attrs = element_data(g)
    assert list(zip(sources, targets, attrs, strict=True)) == list(g.edges(data=True))
    assert nodes == ["c", "a", "b"]
