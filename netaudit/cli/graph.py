"""``netaudit graph``: the network (or a team's, with --team) as a graph file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netaudit.cli._common import (
    Anonymize,
    AnonymizeCompanies,
    AnonymizeKey,
    Db,
    Format,
    Json,
    Map,
    Me,
    OptionalPaths,
    Quiet,
    Snapshot,
    check_anonymize,
    err,
    flag,
    handles_errors,
    open_shown,
    parse_map,
    print_json,
    progress_bar,
)
from netaudit.cli.app import app
from netaudit.cli.team import _report_members, _team_names

Force = Annotated[bool, flag("--force", help="Overwrite the output file.")]


@app.command()
@handles_errors
def graph(
    output: Annotated[
        Path,
        typer.Option("-o", "--output-file", metavar="FILE",
                     help="Where to write: .graphml or .gexf (Gephi), or .csv (edge list)."),
    ],
    as_team: Annotated[
        bool, flag("--team", help="Each PATH is one team member's export: write the "
                                          "union of their networks."),
    ] = False,
    force: Force = False,
    me: Me = None,
    fmt: Format = None,
    mapping: Map = None,
    json: Json = False,
    quiet: Quiet = False,
    anonymize: Anonymize = False,
    anonymize_companies: AnonymizeCompanies = False,
    anonymize_key: AnonymizeKey = None,
    paths: OptionalPaths = None,
    snapshot: Snapshot = None,
    db: Db = None,
) -> None:
    """Write the network as a graph file (GraphML, GEXF for Gephi, or a CSV edge list).

    Nodes: you and everyone in your data. Edges: 'owner' (you and a person: messages each way, first and last contact, 1:1 and group conversations, who sent the invitation, recommendations and endorsements each way, tie strength), 'group' (together in a group conversation) and 'employer' (same current company, weak). E-mail addresses are never written.
    """
    from netaudit.render.graphfile import graph_format, write_graph
    from netaudit.render.network_terminal import render_graph_written

    check_anonymize(anonymize, anonymize_companies)
    graph_format(output)  # an unsupported suffix fails before any reading
    if as_team:
        if snapshot is not None or not paths:
            from netaudit.errors import UsageError as _Usage

            raise _Usage("--team reads one export per member",
                         hint="pass the members' exports, without --snapshot")
        from netaudit.audit import Audit

        with progress_bar(not (quiet or json)) as progress:
            team = Audit.team_graph(paths, fmt=fmt, column_map=parse_map(mapping), me=me,
                                    progress=progress)
        drawn, networks, mappings = team.graph, team.networks, team.mappings
        names = _team_names(networks, mappings, anonymize, anonymize_companies)
        _report_members(networks, paths, mappings, names, quiet or json)
    else:
        audit, names = open_shown(paths, me, fmt, mapping, quiet or json, anonymize=anonymize,
                                  anonymize_companies=anonymize_companies,
                              snapshot=snapshot, db=db)
        with progress_bar(not (quiet or json)) as progress:
            audit.progress = progress
            drawn = audit.graph
    with progress_bar(not (quiet or json)) as progress:
        if names is not None:
            from netaudit.progress import stage
            from netaudit.render.anonymize import anonymous_graph

            with stage(progress, "anonymizing"):
                drawn = anonymous_graph(drawn, names)
        written = write_graph(drawn, output, force=force, progress=progress)
    if json:
        from collections import Counter

        kinds = Counter(kind for _, _, kind in drawn.edges(data="kind", default=""))
        print_json({"path": str(written), "nodes": drawn.number_of_nodes(),
                    "edges": drawn.number_of_edges(), "edge_kinds": dict(sorted(kinds.items()))})
    else:
        render_graph_written(err(), written, drawn)
