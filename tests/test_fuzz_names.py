"""Fuzzing names (issue 16, after the fixes): names, companies and positions made of any
character of any Unicode category, every control and invisible character included, through an
importer and every writer that takes them (GraphML, GEXF, the CSV edge list, ``ties --csv``'s
writer, the terminal), each file read back by the program it is for.

Profiles as in ``tests/test_fuzz.py``: ``fuzz`` (default, 50 examples), ``long``
(``HYPOTHESIS_PROFILE=long``: 5,000).
"""

from __future__ import annotations

import csv
import io
import os

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import netaudit
from netaudit.cli._common import visible
from netaudit.render.export import write_csv
from netaudit.render.graphfile import write_graph

FUZZ = settings(
    max_examples=5000 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 50,
    deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
)

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
#: Every control and invisible character the issue names, drawn often beside any character.
INVISIBLE = ("\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9b\xa0\xad\u061c\u200b\u200e\u200f"
             "\u2028\u2029\u202a\u202e\u2066\u2069\ufeff\ufffe\uffff")
# Any code point but surrogates (a CSV is UTF-8) and CR/LF/quote/comma (the CSV's own syntax,
# covered by test_fuzz): every general category, controls and format characters included.
ANY = st.characters(codec="utf-8", exclude_characters='\r\n",')
NAME = st.text(st.one_of(ANY, st.sampled_from(INVISIBLE)), min_size=1, max_size=12)


def _cell(text: str) -> str:
    return '"' + text + '"'


@FUZZ
@given(first=NAME, last=NAME, company=NAME, position=NAME)
def test_any_name_goes_through_every_writer_and_reads_back(tmp_path_factory, first, last,
                                                           company, position):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "Connections.csv"
    rows = "".join(f"{_cell(first)},{_cell(last)},https://www.linkedin.com/in/p{i},,"
                   f"{_cell(company)},{_cell(position)},04 Jul 2023\n" for i in range(3))
    filler = "".join(f"P{i},Li,https://www.linkedin.com/in/q{i},,Firm{i},Engineer,05 Jul 2023\n"
                     for i in range(20))
    path.write_bytes((HEADER + rows + filler).encode("utf-8", "surrogatepass"))
    try:
        audit = netaudit.Audit([path])
        graph = audit.graph
    except netaudit.NetauditError:
        return  # refused in one line (e.g. read as binary): never a crash
    for suffix, read in ((".graphml", nx.read_graphml), (".gexf", nx.read_gexf)):
        written = write_graph(graph, folder / f"g{suffix}")
        assert read(written).number_of_nodes() == graph.number_of_nodes()
    people = audit.network.people[["name", "company", "position"]]
    written = write_csv(people, folder / "people.csv")
    with open(written, encoding="utf-8", newline="") as stream:
        assert len(list(csv.DictReader(stream))) == len(people)
    for text in people.to_numpy().ravel().tolist():
        shown = visible(str(text))
        assert not any(c in shown for c in "\x1b\x9b\u202e\x07"), repr(shown)
        io.StringIO().write(shown)
