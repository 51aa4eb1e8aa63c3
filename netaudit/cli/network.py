"""``netaudit ties``, ``introduce``, ``team`` and ``graph``: purposeful networking."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from netaudit.cli import app
from netaudit.cli._common import (
    Anonymize,
    AnonymizeCompanies,
    AnonymizeKey,
    Format,
    Json,
    Map,
    Me,
    Paths,
    Quiet,
    check_anonymize,
    err,
    flag,
    handles_errors,
    open_shown,
    out,
    parse_map,
    print_json,
    print_shown_json,
    progress_bar,
    pseudonyms,
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
Force = Annotated[bool, flag("--force", help="Overwrite the output file.")]
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
    anonymize: Anonymize = False,
    anonymize_companies: AnonymizeCompanies = False,
    anonymize_key: AnonymizeKey = None,
) -> None:
    """How strong is each tie? A score in [0, 1] per person, layers, status, who to re-engage or prune.

    Six visible components: recency (halves every 180 days of silence), frequency (messages in the last 90 days and ever), reciprocity (both of you write and answer), duration (since the first contact), services (recommendations, endorsements) and intimacy (1:1 rather than group only).

    Layers by rank of score: ranks 1-5 / 6-15 / 16-50 / 51-150 / rest (each ring holds only its ranks). Status: active, fading (silent over 3 times the usual gap), dormant (no contact ever), one-way. Definitions: README, "What the numbers mean".
    """
    from netaudit.analyses.ties import parse_as_of, parse_weights
    from netaudit.render.network_terminal import render_ties

    check_anonymize(anonymize, anonymize_companies)
    chosen, when = parse_weights(weights), parse_as_of(as_of)
    audit, names = open_shown(paths, me, fmt, mapping, quiet or json, anonymize=anonymize,
                              anonymize_companies=anonymize_companies)
    with progress_bar(not (quiet or json)) as progress:
        audit.progress = progress
        result = audit.tie_strength(weights=chosen if weights else None, as_of=when)
        if names is not None:
            from netaudit.audit import stage
            from netaudit.render.anonymize import anonymous_ties

            with stage(progress, "anonymizing"):
                result = anonymous_ties(result, names)
    if csv is not None:
        from netaudit.render.export import write_csv

        written = write_csv(result.rows, csv, force=force)
        err().print(f"wrote {written} ({len(result.rows):,} rows)", highlight=False)
    if json:
        print_shown_json(result.to_dict(), names)
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
    anonymize: Anonymize = False,
    anonymize_companies: AnonymizeCompanies = False,
    anonymize_key: AnonymizeKey = None,
) -> None:
    """Who should meet whom: pairs of your connections who could help each other.

    Complementary roles (recruiter and job seeker, investor and founder, hiring manager and professional in the same field, recruiter and manager), or the same field in the same place (locations come from contacts CSVs and vCards). Ranked by fit and your tie strength to both; pairs already tied in the data are left out.
    """
    from netaudit.analyses.introductions import suggest_introductions
    from netaudit.analyses.ties import parse_as_of, parse_weights
    from netaudit.render.network_terminal import render_introductions

    check_anonymize(anonymize, anonymize_companies)
    chosen, when = parse_weights(weights), parse_as_of(as_of)
    audit, names = open_shown(paths, me, fmt, mapping, quiet or json, anonymize=anonymize,
                              anonymize_companies=anonymize_companies)
    with progress_bar(not (quiet or json)) as progress:
        from netaudit.audit import stage

        audit.progress = progress
        strength = audit.tie_strength(weights=chosen if weights else None, as_of=when)
        drawn = audit.graph
        with stage(progress, "finding introductions"):
            result = suggest_introductions(audit.network, strengths=strength.scores,
                                           graph=drawn, limit=limit)
    if names is not None:
        from netaudit.render.anonymize import anonymous_introductions

        result = anonymous_introductions(result, names)
    if json:
        print_shown_json(result.to_dict(), names)
    else:
        render_introductions(out(), result)


def _load_members(paths: list[Path], fmt: str | None, mapping: list[str] | None,
                  quiet: bool) -> list[Any]:
    """Each export on its own, so that each has its own owner (the team member)."""
    from netaudit.importers import load

    with progress_bar(not quiet) as progress:
        networks = [load([path], fmt=fmt, column_map=parse_map(mapping), progress=progress)
                    for path in paths]
    return networks


def _team_names(networks: list[Any], mappings: list[dict[str, str]], anonymize: bool,
                companies: bool) -> Any:
    """The pseudonyms of a team: members as 'Member 1', … in the order given (by their team
    id), everyone else 'Person 001', …; None unless anonymizing."""
    if not anonymize:
        return None
    from netaudit.render.anonymize import member_labels, team_people

    owners = [mapping.get(n.owner_id or "", n.owner_id or "")
              for n, mapping in zip(networks, mappings, strict=True)]
    distinct = [o for o in dict.fromkeys(owners) if o]
    labels = dict(zip(distinct, member_labels(len(distinct)), strict=True))
    return pseudonyms(team_people(networks, mappings), anonymize, companies, labels=labels)


def _report_members(networks: list[Any], paths: list[Path], mappings: list[dict[str, str]],
                    names: Any, quiet: bool) -> None:
    """What was read from each member's export (anonymized with ``names``)."""
    from netaudit.render.anonymize import ExportView

    exports = [str(path) for path in paths]
    for network, mapping in zip(networks, mappings, strict=True):
        view = ExportView(names, mapping, exports) if names is not None else None
        report_reading(network, quiet, view)


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
    anonymize: Anonymize = False,
    anonymize_companies: AnonymizeCompanies = False,
    anonymize_key: AnonymizeKey = None,
) -> None:
    """A team's combined network: overlap, reach, warm paths to a target, communities, brokers.

    Each EXPORT is one member's data. People are merged across exports by profile URL, then e-mail, then name. The best path to --target maximizes the product of tie strengths; the fewest-hop path is shown too when it differs.
    """
    from netaudit.analyses.team import team_report
    from netaudit.importers import load
    from netaudit.model import Network
    from netaudit.render.network_terminal import render_team

    check_anonymize(anonymize, anonymize_companies)
    read: list[Network] = []

    def one_at_a_time(progress: Any) -> Any:
        # Each export is read when the analysis asks for it and dropped after, so a large
        # team never holds every message log in memory at once (only the people table is
        # kept, to make pseudonyms, when anonymizing).
        for path in paths:
            network = load([path], fmt=fmt, column_map=parse_map(mapping), progress=progress)
            kept = {"people": network.people} if anonymize else {}
            read.append(Network(sources=network.sources, problems=network.problems,
                                owner=network.owner, **kept))
            yield network

    with progress_bar(not (quiet or json)) as progress:
        report = team_report(one_at_a_time(progress), labels=[str(p) for p in paths],
                             targets=target or [], seed=seed, progress=progress)
    names = None
    if anonymize:
        from netaudit.graph import team_identities
        from netaudit.render.anonymize import anonymous_team

        mappings = team_identities(read)
        names = _team_names(read, mappings, anonymize, anonymize_companies)
        report = anonymous_team(report, names, [str(p) for p in paths])
        _report_members(read, paths, mappings, names, quiet or json)
    else:
        for network in read:
            report_reading(network, quiet or json)
    if json:
        print_shown_json(report.to_dict(), names)
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
) -> None:
    """Write the network as a graph file (GraphML, GEXF for Gephi, or a CSV edge list).

    Nodes: you and everyone in your data. Edges: 'owner' (you and a person: messages each way, first and last contact, 1:1 and group conversations, who sent the invitation, recommendations and endorsements each way, tie strength), 'group' (together in a group conversation) and 'employer' (same current company, weak). E-mail addresses are never written.
    """
    from netaudit.render.graphfile import graph_format, write_graph
    from netaudit.render.network_terminal import render_graph_written

    check_anonymize(anonymize, anonymize_companies)
    graph_format(output)  # an unsupported suffix fails before any reading
    if as_team:
        from netaudit.analyses.ties import tie_strength
        from netaudit.graph import team_graph

        if me:
            from netaudit.errors import UsageError

            raise UsageError("--me does not apply with --team",
                             hint="each export's owner is the team member")
        networks = _load_members(paths, fmt, mapping, quiet or json)
        with progress_bar(not (quiet or json)) as progress:
            from netaudit.audit import stage

            strengths = []
            for done, network in enumerate(networks):
                if progress is not None:
                    progress("scoring ties", done, len(networks))
                strengths.append(tie_strength(network).scores)
            if progress is not None:
                progress("scoring ties", len(networks), len(networks))
            with stage(progress, "building the team graph"):
                drawn, mappings = team_graph(networks, strengths=strengths)
        names = _team_names(networks, mappings, anonymize, anonymize_companies)
        _report_members(networks, paths, mappings, names, quiet or json)
    else:
        audit, names = open_shown(paths, me, fmt, mapping, quiet or json, anonymize=anonymize,
                                  anonymize_companies=anonymize_companies)
        with progress_bar(not (quiet or json)) as progress:
            audit.progress = progress
            drawn = audit.graph
    with progress_bar(not (quiet or json)) as progress:
        if names is not None:
            from netaudit.audit import stage
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
