"""The streamed GraphML writer writes the bytes networkx's writer would, and reads back equal."""

from __future__ import annotations

import io

import networkx as nx
import pytest

from netaudit.render.graphfile import clean_graph, write_graph, write_graphml_stream


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
