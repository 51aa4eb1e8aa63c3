"""``netaudit graph``: the network (or a team's, with --team) as a graph file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netaudit.cli._common import WRITES, Source, err, flag, print_json, progress_bar, written_path
from netaudit.cli.app import command
from netaudit.cli.team import _report_members, _team_names

Force = Annotated[bool, flag("--force", help="Overwrite the output file.")]


@command(options=WRITES)
def graph(
    src: Source,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", metavar="FILE",
                     help="Where to write: .graphml or .gexf (Gephi), or .csv (edge list)."),
    ] = None,
    # The old name of -o, kept working but not shown: -o/--output in every command (issue 15).
    output_file: Annotated[Path | None, typer.Option("--output-file", hidden=True,
                                                     help="The old name of -o/--output.")
                           ] = None,
    as_team: Annotated[
        bool, flag("--team", help="Each PATH is one team member's export: write the "
                                          "union of their networks."),
    ] = False,
    force: Force = False,
) -> None:
    """Write the network as a graph file (GraphML, GEXF for Gephi, or a CSV edge list).

    Nodes: you and everyone in your data. Edges: 'owner' (you and a person: messages each way, first and last contact, 1:1 and group conversations, who sent the invitation, recommendations and endorsements each way, tie strength), 'group' (together in a group conversation) and 'employer' (same current company, weak). E-mail addresses are never written.

    Example: netaudit graph samples/Basic_LinkedInDataExport_11-20-2026.zip -o network.graphml
    """
    from netaudit.render.anonymize import anonymous_graph
    from netaudit.render.graphfile import graph_format, write_graph
    from netaudit.render.network_terminal import render_graph_written

    output = output or output_file
    if output is None:
        from netaudit.errors import UsageError

        raise UsageError("missing option -o/--output FILE",
                         hint="e.g. netaudit graph export.zip -o network.graphml")
    graph_format(output)  # an unsupported suffix fails before any reading
    from netaudit.render.export import check_writable

    check_writable(output, force)  # so does an existing file without --force
    if as_team:
        from netaudit.audit import Audit

        if src.snapshot is not None or not src.paths:
            from netaudit.errors import UsageError

            raise UsageError("--team reads one export per member",
                             hint="pass the members' exports, without --snapshot")
        with progress_bar(not src.silent) as progress:
            team = Audit.team_graph(src.paths, fmt=src.fmt, column_map=src.column_map,
                                    me=src.me, progress=progress)
        drawn = team.graph
        src.names = _team_names(team.networks, team.mappings, src.anonymize,
                                src.anonymize_companies)
        _report_members(team.networks, src.paths, team.mappings, src.names, src.silent)
    else:
        src.open()
        drawn = src.compute(lambda audit: audit.graph_columns)

    # A graph file, not a table: anonymized, written, and what was written said.
    drawn = src.hide(drawn, anonymous_graph)
    with progress_bar(not src.silent) as progress:
        written = write_graph(drawn, output, force=force, progress=progress)
    if src.json:
        from netaudit.graph import edge_kind_counts

        kinds = edge_kind_counts(drawn)
        print_json({"path": written_path(written, src.names), "nodes": drawn.number_of_nodes(),
                    "edges": drawn.number_of_edges(), "edge_kinds": dict(sorted(kinds.items()))})
    else:
        render_graph_written(err(), written_path(written, src.names), drawn)
