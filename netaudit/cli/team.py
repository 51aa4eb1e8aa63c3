"""``netaudit team``: a team's combined network, one export per member."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from netaudit.cli._common import (
    SHOWS,
    Source,
    progress_bar,
    pseudonyms,
    report_reading,
)
from netaudit.cli.app import command
from netaudit.userfiles import read_targets

Seed = Annotated[int, typer.Option("--seed", help="Seed of the communities and sampled "
                                                  "betweenness (same seed, same result).")]
Exports = Annotated[
    list[Path],
    typer.Argument(metavar="EXPORT", help="One export (ZIP, folder or file) per team member; "
                   "each export's owner "
                        "is a member.", show_default=False),
]



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
    for network, mapping, path in zip(networks, mappings, paths, strict=True):
        view = ExportView(names, mapping, exports) if names is not None else None
        report_reading(network, quiet, view, [path])


@command(options=("fmt", "mapping", *SHOWS, "verbose", "paths"), paths=Exports)
def team(
    src: Source,
    target: Annotated[
        list[str] | None,
        typer.Option("--target", metavar="COMPANY_OR_PERSON",
                     help="A company or person to find warm introduction paths to. "
                          "Repeatable."),
    ] = None,
    targets: Annotated[Path | None, typer.Option(
        "--targets", metavar="FILE",
        help="Targets from a file: one company or person per line, or a CSV with a "
             "'company' column (added to --target).")] = None,
    seed: Seed = 42,
) -> None:
    """A team's combined network: overlap, reach, warm paths to a target, communities, brokers.

    Each EXPORT is one member's data. People are merged across exports by profile URL, then e-mail, then name. The best path to --target maximizes the product of tie strengths; the fewest-hop path is shown too when it differs.

    Example: netaudit team samples/Basic_LinkedInDataExport_11-20-2026.zip samples/networks/linkedin
    """
    from netaudit.audit import Audit
    from netaudit.render.anonymize import anonymous_team
    from netaudit.render.network_terminal import render_team

    paths = src.paths or []
    wanted = list(dict.fromkeys([*(target or []),
                                 *(read_targets(targets) if targets is not None else [])]))
    with progress_bar(not src.silent) as progress:
        # Only the people table of each export is kept, to make pseudonyms, when anonymizing.
        outcome = Audit.team(paths, targets=wanted, seed=seed, fmt=src.fmt,
                             column_map=src.column_map, keep_people=src.anonymize,
                             progress=progress)
    identities = (outcome.identities if src.anonymize
                  else [{} for _ in outcome.members])
    src.names = _team_names(outcome.members, identities, src.anonymize,
                            src.anonymize_companies)
    _report_members(outcome.members, paths, identities, src.names, src.silent)
    src.show(outcome.report, render_team,
             lambda report, names: anonymous_team(report, names, [str(p) for p in paths]))
