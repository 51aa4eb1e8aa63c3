"""A fictional three-member team for ``netaudit team`` and ``netaudit report --team``.

Run ``python samples/make_team.py`` to regenerate ``samples/team/``:

* ``maya-okafor/``, ``tomas-lindqvist/``, ``priya-nandakumar/``: one LinkedIn "Basic" export
  (2026 layout, docs/formats.md 2.1) per member of a small recruiting agency, Brightwater
  Talent. The three are connected to each other; their other connections are drawn from one
  pool of invented people, so that some people are known by two or three of them, and many
  work at the same few companies;
* ``team_truth.json``: the figures the team analysis must give, computed here from the sets
  of people written (members, connections, overlap, reach, who knows whom at each target
  company, the one warm path the structure forces), for tests and for the README;
* ``targets.txt``: the target companies and person, one per line (``--targets``);
* ``README.md``: what each file is and the figures.

Every person is invented (first and last names drawn from make_samples.py's pools, a full name
never repeated), every profile slug is made up, every e-mail is at example.com. Deterministic:
one ``random.Random(SEED)``, no clock, fixed zip timestamps.

How the people are laid out (the truth below is computed from these sets, not typed):
``GROUPS`` gives how many people each combination of members knows; each person's company is
drawn from ``COMPANIES`` (the first three are the targets); one more person, ``TARGET_PERSON``,
works at a company nobody else works at and is known to Priya only, so that any path from
Maya or Tomás to them runs through Priya (two hops): the warm path the structure forces.
"""

from __future__ import annotations

import csv
import io
import json
import random
import sys
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_samples import (  # noqa: E402 - the sibling generator's formats and name pools
    CONNECTIONS_7,
    CONNECTIONS_PREAMBLE,
    FIRST_NAMES,
    LAST_NAMES,
    MESSAGES_HEADERS,
    POSITIONS,
    PROFILE_HEADER,
    fmt_connected_on,
    fmt_messages_date,
    fold,
)

TEAM = Path(__file__).resolve().parent / "team"
SEED = 1515
AGENCY = "Brightwater Talent"
#: The members: (first, last, folder, export date).
MEMBERS = (
    ("Maya", "Okafor", "maya-okafor", date(2026, 11, 18)),
    ("Tomás", "Lindqvist", "tomas-lindqvist", date(2026, 11, 19)),
    ("Priya", "Nandakumar", "priya-nandakumar", date(2026, 11, 20)),
)
#: How many people each combination of members (by index) has as a connection.
GROUPS: dict[tuple[int, ...], int] = {
    (0,): 22, (1,): 16, (2,): 12, (0, 1): 7, (0, 2): 5, (1, 2): 4, (0, 1, 2): 3,
}
#: The companies the pool works at; the first three are the targets of ``targets.txt``.
COMPANIES = ("Northwind Robotics", "Lumen Freight", "Quarry Health", "Saltmarsh Games",
             "Copperleaf Energy", "Ostrava Analytics", "Juniper Lane Bank", "Freelance")
TARGET_COMPANIES = COMPANIES[:3]
#: Known by Priya only, at a company nobody else works at.
TARGET_PERSON = ("Ines", "Varga", "Solace Biotech", "Head of Talent")
ROLES = ("engineer", "product", "data", "hiring", "sales", "designer")


def _person(first: str, last: str, company: str, position: str, rng: random.Random) -> dict:
    stem = fold(f"{first}-{last}".lower().replace(" ", "-").replace("'", ""))
    return {"first": first, "last": last, "name": f"{first} {last}", "company": company,
            "position": position, "url": f"https://www.linkedin.com/in/{stem}-{rng.randrange(16**6):06x}",
            "email": ""}


def build(seed: int = SEED) -> tuple[list[dict], list[dict], dict]:
    """The members, the pool (each person with ``known_by``: member indexes) and the truth."""
    rng = random.Random(seed)
    members = []
    for first, last, folder, exported in MEMBERS:
        person = _person(first, last, AGENCY, "Recruitment Consultant", rng)
        person.update(folder=folder, exported=exported,
                      email=f"{fold(first).lower()}.{fold(last).lower()}@example.com")
        members.append(person)
    taken = {m["name"] for m in members}
    pool = []
    for known_by, count in GROUPS.items():
        for _ in range(count):
            while True:
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                if f"{first} {last}" not in taken and first not in ("Maya", "Tomás", "Priya"):
                    break
            taken.add(f"{first} {last}")
            company = rng.choice(COMPANIES)
            position = rng.choice(POSITIONS[rng.choice(ROLES)])
            person = _person(first, last, company, position, rng)
            person["known_by"] = known_by
            pool.append(person)
    first, last, company, position = TARGET_PERSON
    target = _person(first, last, company, position, rng)
    target["known_by"] = (2,)
    pool.append(target)
    return members, pool, _truth(members, pool)


def _truth(members: list[dict], pool: list[dict]) -> dict:
    names = [m["name"] for m in members]
    reach = [{p["name"] for p in pool if i in p["known_by"]} for i in range(len(members))]
    everyone = set().union(*reach)
    overlap = [[len(a & b) for b in reach] for a in reach]
    unique = [len(r - set().union(*(o for j, o in enumerate(reach) if j != i)))
              for i, r in enumerate(reach)]
    companies = {}
    for company in TARGET_COMPANIES:
        there = {p["name"] for p in pool if p["company"] == company}
        companies[company] = {
            "people": len(there),
            "known_by_member": {names[i]: len(there & reach[i]) for i in range(len(members))},
            "known_by_nobody": 0,  # every person of the pool is someone's connection
        }
    target_name = f"{TARGET_PERSON[0]} {TARGET_PERSON[1]}"
    return {
        "definitions": {
            "connections": "a member's connections, teammates excluded",
            "overlap": "people who are connections of both members (diagonal: the member's "
                       "connections)",
            "unique_reach": "a member's connections no other member has",
            "total_reach": "distinct people who are a connection of at least one member",
            "shared_reach": "people who are connections of two or more members",
        },
        "members": names,
        "connections": {names[i]: len(reach[i]) for i in range(len(members))},
        "overlap": overlap,
        "unique_reach": {names[i]: unique[i] for i in range(len(members))},
        "total_reach": len(everyone),
        "shared_reach": sum(1 for p in pool if len(p["known_by"]) > 1),
        "known_by_all": sorted(p["name"] for p in pool if len(p["known_by"]) == len(members)),
        "target_companies": companies,
        "target_person": {
            "name": target_name,
            "company": TARGET_PERSON[2],
            "known_by": [names[2]],
            # Their only tie is to Priya (nobody else works at their company), so the path
            # from Maya or Tomás is member -> Priya -> target: 2 hops.
            "path_from": {names[0]: [names[0], names[2], target_name],
                          names[1]: [names[1], names[2], target_name],
                          names[2]: [names[2], target_name]},
        },
    }


def _zip(path: Path, files: dict[str, str], exported: date) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = (exported.year, exported.month, exported.day, 9, 0, 0)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            archive.writestr(info, text.encode("utf-8"))


def _csv(rows: list[list[str]], *, quote_all: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n",
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return out.getvalue()


def export_files(index: int, members: list[dict], pool: list[dict],
                 rng: random.Random) -> dict[str, str]:
    """The CSV files of member ``index``'s export."""
    me = members[index]
    mine = [m for j, m in enumerate(members) if j != index]
    mine += [p for p in pool if index in p["known_by"]]
    end = datetime(me["exported"].year, me["exported"].month, me["exported"].day, tzinfo=UTC)
    connected = {p["name"]: (end - timedelta(days=rng.randrange(30, 2000))).date() for p in mine}
    rows = [CONNECTIONS_7]
    rows.extend([p["first"], p["last"], p["url"], p["email"], p["company"], p["position"],
                 fmt_connected_on(connected[p["name"]])]
                for p in sorted(mine, key=lambda p: connected[p["name"]], reverse=True))
    connections = CONNECTIONS_PREAMBLE + _csv(rows).rstrip("\n")

    # Messages: with every teammate, and with about a third of the other connections (some
    # answered), so that ties have strengths; one conversation per person.
    header = MESSAGES_HEADERS["2026"]
    messages = [header]
    talked = list(mine[:2]) + [p for p in mine[2:] if rng.random() < 0.35]
    for number, p in enumerate(talked):
        cid = f"2-{index}{number:04d}{rng.randrange(16**8):08x}"
        start = end - timedelta(days=rng.randrange(5, 400), minutes=rng.randrange(600))
        turns = rng.randrange(1, 5) if p in mine[:2] or rng.random() < 0.6 else 1
        for turn in range(turns):
            when = start + timedelta(hours=turn * rng.randrange(2, 30))
            mine_turn = turn % 2 == 0
            frm, to = (me, p) if mine_turn else (p, me)
            text = (f"Hi {to['first']}, good to catch up - shall we talk next week?"
                    if turn == 0 else "Thanks, that works for me.")
            messages.append([cid, "", frm["name"], frm["url"], to["name"], to["url"],
                             fmt_messages_date(int(when.timestamp())), "", text, "INBOX", ""])
    # Newest first, as LinkedIn writes it.
    body = sorted(messages[1:], key=lambda r: r[6], reverse=True)
    profile = _csv([PROFILE_HEADER, [me["first"], me["last"], "", "", "", f"Recruitment "
                                     f"Consultant at {AGENCY}", "", "Staffing and Recruiting",
                                     "", "Leeds, United Kingdom", "", "", ""]])
    return {"Connections.csv": connections,
            "messages.csv": _csv([header, *body], quote_all=True),
            "Profile.csv": profile}


def write_team(dest: Path = TEAM, seed: int = SEED) -> dict:
    """Write the three exports, ``targets.txt`` and ``team_truth.json`` under ``dest``."""
    members, pool, truth = build(seed)
    rng = random.Random(f"{seed}:exports")
    for index, member in enumerate(members):
        exported = member["exported"]
        name = f"Basic_LinkedInDataExport_{exported:%m-%d-%Y}.zip"
        _zip(dest / member["folder"] / name, export_files(index, members, pool, rng), exported)
    (dest / "targets.txt").write_text(
        "".join(f"{c}\n" for c in TARGET_COMPANIES) + f"{TARGET_PERSON[0]} {TARGET_PERSON[1]}\n",
        encoding="utf-8")
    (dest / "team_truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2)
                                          + "\n", encoding="utf-8")
    (dest / "README.md").write_text(_readme(members, truth), encoding="utf-8")
    return truth


def _readme(members: list[dict], truth: dict) -> str:
    rows = "\n".join(
        f"| `{m['folder']}/Basic_LinkedInDataExport_{m['exported']:%m-%d-%Y}.zip` | {m['name']} "
        f"| {truth['connections'][m['name']]} | {truth['unique_reach'][m['name']]} |"
        for m in members)
    companies = ", ".join(TARGET_COMPANIES)
    return f"""# A fictional team (all invented)

Three recruiters of an invented agency, {AGENCY}, each with a LinkedIn "Basic" export in the
2026 layout (`Connections.csv`, `messages.csv`, `Profile.csv`). Every person, company, e-mail
address and profile URL is invented. Regenerate with `python samples/make_team.py`
(deterministic, seed {SEED}); do not edit the files by hand.

| Export | Member | Connections (teammates excluded) | Unique reach |
|---|---|---|---|
{rows}

Together they reach {truth['total_reach']} people; {truth['shared_reach']} are known to two or more
members, {len(truth['known_by_all'])} to all three. `targets.txt` names three companies
({companies}) and one person, {truth['target_person']['name']}, whom only
{truth['target_person']['known_by'][0]} knows: every path from the others to them runs through
{truth['target_person']['known_by'][0]}. `team_truth.json` holds every figure, computed by the generator from the people it wrote.

```bash
netaudit team samples/team/*/*.zip --targets samples/team/targets.txt
netaudit report --team samples/team/*/*.zip --targets samples/team/targets.txt -o team.pdf
```
"""


if __name__ == "__main__":
    written = write_team()
    print(f"wrote {TEAM}: {len(written['members'])} members, "
          f"{written['total_reach']} people reached")
