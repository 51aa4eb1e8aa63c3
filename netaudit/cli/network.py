"""``netaudit ties``, ``introduce``, ``team`` and ``graph``: purposeful networking."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from netaudit.cli import app
from netaudit.cli._common import (
    Format,
    Json,
    Map,
    Me,
    Paths,
    Quiet,
    err,
    handles_errors,
    open_audit,
    out,
    parse_map,
    print_json,
    progress_bar,
    report_reading,
)

Weights = Annotated[
    str | None,
    typer.Option("--weights", metavar="NAME=W,...",
                 help="Override component weights, e.g. 'recency=0.4,services=0.2'. Names: "
                      "recency, frequency, reciprocity, duration, services, intimacy."),
]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar="YYYY-MM-DD",
                 help="Score as of the end of this day (UTC); later events are ignored. "
                      "Default: the latest date in the data."),
]
Force = Annotated[bool, typer.Option("--force", help="Overwrite the output file.")]
Seed = Annotated[int, typer.Option("--seed", help="Seed of the communities and sampled "
                                                  "betweenness (same seed, same result).")]
Exports = Annotated[
    list[Path],
    typer.Argument(help="One export (ZIP, folder or file) per team member; each export's owner "
                        "is a member.", show_default=False),
]


@app.command()
@handles_errors
def ties(
    paths: Paths,
    weights: Weights = None,
    as_of: AsOf = None,
    limit: Annotated[int, typer.Option("--limit", min=1,
                                       help="People shown per table.")] = 15,
    csv: Annotated[Path | None, typer.Option("--csv", metavar="FILE",
                                             help="Also write the per-person table as CSV.")
                   ] = None,
    force: Force = False,
    me: Me = None,
    fmt: Format = None,
    mapping: Map = None,
    json: Json = False,
    quiet: Quiet = False,
) -> None:
    """How strong is each tie? A score in [0, 1] per person, layers, status, who to re-engage or prune.

    Six visible components: recency (halves every 180 days of silence), frequency (messages in the last 90 days and ever), reciprocity (both of you write and answer), duration (since the first contact), services (recommendations, endorsements) and intimacy (1:1 rather than group only).

    Layers: top 5 / 15 / 50 / 150 / rest by score. Status: active, fading (silent over 3 times the usual gap), dormant (no contact ever), one-way. Definitions: README, "What the numbers mean".
    """
    from netaudit.analyses.ties import parse_as_of, parse_weights
    from netaudit.render.network_terminal import render_ties

    chosen, when = parse_weights(weights), parse_as_of(as_of)
    audit = open_audit(paths, me, fmt, mapping, quiet or json)
    result = audit.tie_strength(weights=chosen if weights else None, as_of=when)
    if csv is not None:
        from netaudit.render.export import write_csv

        written = write_csv(result.rows, csv, force=force)
        err().print(f"wrote {written} ({len(result.rows):,} rows)", highlight=False)
    if json:
        print_json(result.to_dict())
    else:
        render_ties(out(), result, limit=limit)


@app.command()
@handles_errors
def introduce(
    paths: Paths,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many pairs.")] = 20,
    weights: Weights = None,
    as_of: AsOf = None,
    me: Me = None,
    fmt: Format = None,
    mapping: Map = None,
    json: Json = False,
    quiet: Quiet = False,
) -> None:
    """Who should meet whom: pairs of your connections who could help each other.

    Complementary roles (recruiter and job seeker, investor and founder, hiring manager and professional in the same field, recruiter and manager), or the same field in the same place (locations come from contacts CSVs and vCards). Ranked by fit and your tie strength to both; pairs already tied in the data are left out.
    """
    from netaudit.analyses.introductions import suggest_introductions
    from netaudit.analyses.ties import parse_as_of, parse_weights
    from netaudit.render.network_terminal import render_introductions

    chosen, when = parse_weights(weights), parse_as_of(as_of)
    audit = open_audit(paths, me, fmt, mapping, quiet or json)
    strength = audit.tie_strength(weights=chosen if weights else None, as_of=when)
    result = suggest_introductions(audit.network, strengths=strength.scores, graph=audit.graph,
                                   limit=limit)
    if json:
        print_json(result.to_dict())
    else:
        render_introductions(out(), result)


def _load_members(paths: list[Path], fmt: str | None, mapping: list[str] | None,
                  quiet: bool) -> list[Any]:
    """Each export on its own, so that each has its own owner (the team member)."""
    from netaudit.importers import load

    with progress_bar(not quiet) as progress:
        networks = [load([path], fmt=fmt, column_map=parse_map(mapping), progress=progress)
                    for path in paths]
    for network in networks:
        report_reading(network, quiet)
    return networks


@app.command()
@handles_errors
def team(
    paths: Exports,
    target: Annotated[
        list[str] | None,
        typer.Option("--target", metavar="COMPANY_OR_PERSON",
                     help="A company or person to find warm introduction paths to. "
                          "Repeatable."),
    ] = None,
    seed: Seed = 42,
    fmt: Format = None,
    mapping: Map = None,
    json: Json = False,
    quiet: Quiet = False,
) -> None:
    """A team's combined network: overlap, reach, warm paths to a target, communities, brokers.

    Each EXPORT is one member's data. People are merged across exports by profile URL, then e-mail, then name. The best path to --target maximizes the product of tie strengths; the fewest-hop path is shown too when it differs.
    """
    from netaudit.analyses.team import team_report
    from netaudit.importers import load
    from netaudit.model import Network
    from netaudit.render.network_terminal import render_team

    read: list[Network] = []

    def one_at_a_time(progress: Any) -> Any:
        # Each export is read when the analysis asks for it and dropped after, so a large
        # team never holds every message log in memory at once.
        for path in paths:
            network = load([path], fmt=fmt, column_map=parse_map(mapping), progress=progress)
            read.append(Network(sources=network.sources, problems=network.problems,
                                owner=network.owner))
            yield network

    with progress_bar(not (quiet or json)) as progress:
        report = team_report(one_at_a_time(progress), labels=[str(p) for p in paths],
                             targets=target or [], seed=seed, progress=progress)
    for network in read:
        report_reading(network, quiet or json)
    if json:
        print_json(report.to_dict())
    else:
        render_team(out(), report)


@app.command()
@handles_errors
def graph(
    paths: Paths,
    output: Annotated[
        Path,
        typer.Option("-o", "--output-file", metavar="FILE",
                     help="Where to write: .graphml or .gexf (Gephi), or .csv (edge list)."),
    ],
    as_team: Annotated[
        bool, typer.Option("--team", help="Each PATH is one team member's export: write the "
                                          "union of their networks."),
    ] = False,
    force: Force = False,
    me: Me = None,
    fmt: Format = None,
    mapping: Map = None,
    json: Json = False,
    quiet: Quiet = False,
) -> None:
    """Write the network as a graph file (GraphML, GEXF for Gephi, or a CSV edge list).

    Nodes: you and everyone in your data. Edges: 'owner' (you and a person: messages each way, first and last contact, 1:1 and group conversations, who sent the invitation, recommendations and endorsements each way, tie strength), 'group' (together in a group conversation) and 'employer' (same current company, weak). E-mail addresses are never written.
    """
    from netaudit.render.graphfile import graph_format, write_graph
    from netaudit.render.network_terminal import render_graph_written

    graph_format(output)  # an unsupported suffix fails before any reading
    if as_team:
        from netaudit.analyses.ties import tie_strength
        from netaudit.graph import team_graph

        if me:
            from netaudit.errors import UsageError

            raise UsageError("--me does not apply with --team",
                             hint="each export's owner is the team member")
        networks = _load_members(paths, fmt, mapping, quiet or json)
        drawn, _ = team_graph(networks, strengths=[tie_strength(n).scores for n in networks])
    else:
        drawn = open_audit(paths, me, fmt, mapping, quiet or json).graph
    written = write_graph(drawn, output, force=force)
    if json:
        from collections import Counter

        kinds = Counter(kind for _, _, kind in drawn.edges(data="kind", default=""))
        print_json({"path": str(written), "nodes": drawn.number_of_nodes(),
                    "edges": drawn.number_of_edges(), "edge_kinds": dict(sorted(kinds.items()))})
    else:
        render_graph_written(err(), written, drawn)
