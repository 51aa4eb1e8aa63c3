"""Write large fictional inputs for netaudit's benchmarks, and say how long that took.

    python benchmarks/generate.py --out benchmarks/data
        a 30,000-connection / 60,000-conversation / 500,000-message LinkedIn export, as a folder
        (``linkedin-export/``) and as ``Basic_LinkedInDataExport_11-20-2026.zip``, plus
        ``export_truth.json`` (ground truth computed while writing)
    python benchmarks/generate.py --out benchmarks/data --no-export --mbox-mb 1024
        a Gmail-Takeout-style mbox of about 1 GB, streamed to disk, plus ``mbox_truth.json``
    python benchmarks/generate.py --out benchmarks/data --no-export --team 10 --team-size 3000
        ten exports whose connections overlap by about 20% (same profile URLs), each with its
        own owner and Profile.csv, plus ``team_truth.json`` with the pairwise overlaps

Everything is invented and deterministic (``--seed``). The LinkedIn files come from
``samples/make_samples.py`` (:func:`write_linkedin_export`); only the standard library is used.
``benchmarks/data/`` and ``benchmarks/out/`` are ignored by git.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import shutil
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from samples.make_samples import (  # noqa: E402  (the repo root is added just above)
    EXPORT_DATES,
    People,
    Person,
    build_export,
    fold,
)

MB = 1024 * 1024


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _report(label: str, seconds: float, path: Path, extra: str = "") -> None:
    print(f"{label:<28} {seconds:7.1f} s  {_size(path) / MB:9.1f} MB  {path}"
          + (f"  ({extra})" if extra else ""))


def zip_folder(folder: Path, target: Path, stamp: tuple[int, int, int, int, int, int]) -> Path:
    """Zip an export folder like LinkedIn does: members at the root, deflate, fixed times."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            with path.open("rb") as src, archive.open(info, "w", force_zip64=True) as dst:
                shutil.copyfileobj(src, dst, 4 * MB)
    return target


# --------------------------------------------------------------------------------------------
# One large export.


def write_export(out: Path, *, connections: int, conversations: int, messages: int, seed: int,
                 era: str) -> dict[str, Any]:
    folder = out / "linkedin-export"
    if folder.exists():
        shutil.rmtree(folder)
    started = time.perf_counter()
    export = build_export(folder, n_connections=connections, n_conversations=conversations,
                          n_messages=messages, seed=seed, era=era, as_zip=False)
    seconds = time.perf_counter() - started
    _report("export folder", seconds, folder,
            f"{connections:,} connections, {conversations:,} conversations, "
            f"{messages:,} messages")
    day = EXPORT_DATES[era]
    target = out / f"Basic_LinkedInDataExport_{day.month:02d}-{day.day:02d}-{day.year}.zip"
    started = time.perf_counter()
    zip_folder(folder, target, (day.year, day.month, day.day, 8, 14, 2))
    zip_seconds = time.perf_counter() - started
    _report("export zip (from folder)", zip_seconds, target)
    truth = {"seed": seed, "era": era, "generation_seconds": round(seconds, 2),
             "zip_seconds": round(zip_seconds, 2), "owner": export.owner.name, **export.truth}
    truth["outreach"] = {k: v for k, v in truth["outreach"].items()
                         if not k.endswith("_people")}  # the name lists are too long here
    (out / "export_truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                           encoding="utf-8")
    return truth


# --------------------------------------------------------------------------------------------
# Team: several exports sharing connections by identical profile URLs.


def write_team(out: Path, *, members: int, size: int, seed: int, era: str,
               messages_per_connection: float, conversations_per_connection: float
               ) -> dict[str, Any]:
    """``members`` exports of ``size`` Connections.csv rows each.

    Each member draws a quarter of their named connections from a shared pool of
    0.3125 x size people, so two members share about 0.25 x 0.25 / 0.3125 = 20% of a network.
    Members are also connected to each other (teams of up to 50), so the owners' profile URLs
    appear in the other exports.
    """
    team = out / "team"
    if team.exists():
        shutil.rmtree(team)
    people = People(seed)
    hidden = round(size * 0.023) if size >= 20 else 0
    named = size - hidden
    pool = list(range(round(0.3125 * named)))
    take = round(0.25 * named)
    owner_ids = [50_000_000 + i for i in range(members)]
    colleagues = members - 1 if members <= 50 else 0
    rows: list[dict[str, Any]] = []
    url_sets: list[set[str]] = []
    started_all = time.perf_counter()
    for i in range(members):
        rng = random.Random(seed * 1000 + i)
        shared = rng.sample(pool, take)
        own = [100_000_000 * (i + 1) + j for j in range(named - take - colleagues)]
        others = [owner_ids[j] for j in range(members) if j != i] if colleagues else []
        ids = shared + own + others
        owner: Person = people[owner_ids[i]]
        first, last = owner.first.strip().rstrip(","), owner.last.strip()
        dest = team / f"member-{i + 1:02d}"
        started = time.perf_counter()
        export = build_export(dest, n_connections=size,
                              n_conversations=max(10, round(size * conversations_per_connection)),
                              n_messages=max(20, round(size * messages_per_connection)),
                              seed=seed + 101 * (i + 1), era=era, people=people,
                              connection_ids=ids, owner=(first, last), owner_slug=owner.slug)
        seconds = time.perf_counter() - started
        urls = {p.url for p, _ in export.connections if p is not None}
        url_sets.append(urls)
        rows.append({"member": i + 1, "owner": export.owner.name, "owner_url": export.owner.url,
                     "zip": str(export.path.relative_to(out)), "connection_rows": size,
                     "date_only_rows": hidden, "named_connections": len(urls),
                     "seconds": round(seconds, 2)})
        _report(f"team member {i + 1}/{members}", seconds, export.path, export.owner.name)
    overlaps = [[len(a & b) for b in url_sets] for a in url_sets]
    pairs = [overlaps[i][j] for i in range(members) for j in range(i + 1, members)]
    union: set[str] = set().union(*url_sets) if url_sets else set()
    truth = {
        "seed": seed, "era": era, "members": rows,
        "definition": "overlap[i][j] = named connections (by profile URL, exactly as written in "
                      "Connections.csv) that members i+1 and j+1 share; the diagonal is each "
                      "member's own count; owners count as connections of their colleagues",
        "overlap": overlaps,
        "mean_pairwise_overlap": round(sum(pairs) / len(pairs), 1) if pairs else 0,
        "mean_pairwise_overlap_share": round(sum(pairs) / len(pairs) / named, 4) if pairs else 0,
        "distinct_named_connections": len(union),
        "seconds": round(time.perf_counter() - started_all, 2),
    }
    (team / "team_truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                          encoding="utf-8")
    print(f"team: {members} exports, mean pairwise overlap {truth['mean_pairwise_overlap']} "
          f"({truth['mean_pairwise_overlap_share']:.1%} of {named}), "
          f"{len(union):,} distinct people")
    return truth


# --------------------------------------------------------------------------------------------
# Gmail Takeout mbox (docs/formats.md 7): CRLF, "From <thrid>@xxx <date>" separators, X-GM-THRID,
# X-Gmail-Labels, threading headers, auto-replies, bounces, newsletters, attachments.

OWNER_ADDRESS = "alex.rivera@example.com"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SUBJECTS = ("Coffee next week?", "Project update", "Intro", "Quick question", "Proposal draft",
            "Notes from today", "Invoice", "Workshop on Thursday", "Hiring plans",
            "Research findings", "Café in Lisboa 🙂", "Über das Angebot", "Pilot scope")
LINES = ("Thanks for the quick reply.", "Could you send me the latest version of the deck?",
         "I talked to the team and we would like to go ahead with the pilot.",
         "Let me know if Thursday works for you.", "Attached are my notes from the call.",
         "We should loop in someone from finance before we commit.",
         "Great to see you at the meetup last week!", "Here is the summary of what we agreed:",
         "Happy to introduce you to my colleague who runs research.",
         "Sorry for the slow answer, busy weeks here.")


def _header_name(name: str, address: str) -> str:
    if name.isascii():
        return f'"{name}" <{address}>' if "," in name else f"{name} <{address}>"
    encoded = base64.b64encode(name.encode()).decode()
    return f"=?UTF-8?B?{encoded}?= <{address}>"


def _dates(ts: int) -> tuple[str, str]:
    t = time.gmtime(ts)
    sep = (f"{WEEKDAYS[t.tm_wday]} {MONTHS[t.tm_mon - 1]} {t.tm_mday:02d} "
           f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} +0000 {t.tm_year}")
    hdr = (f"{WEEKDAYS[t.tm_wday]}, {t.tm_mday} {MONTHS[t.tm_mon - 1]} {t.tm_year} "
           f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} +0000")
    return sep, hdr


def _mbox_messages(rng: random.Random, people: People, counts: dict[str, int]
                   ) -> Iterator[str]:
    """Messages as text with CRLF, thread after thread, forever."""
    start, end = 1_325_376_000, 1_795_000_000  # 2012-01-01 .. 2026-11
    blob = base64.encodebytes(random.Random(1).randbytes(600_000)).decode().replace("\n", "\r\n")
    newsletter = ("<p>" + " ".join(LINES) + "</p>\r\n") * 60
    msg_no = 0
    thread_no = 0
    while True:
        thread_no += 1
        thrid = str(1_500_000_000_000_000_000 + thread_no * 7_919 + rng.randrange(7_919))
        t = rng.randrange(start, end)
        kind = rng.random()
        person = people[rng.randrange(200_000)]
        name = f"{person.first.strip().rstrip(',')} {person.last.strip()}"
        local = fold(f"{person.call}.{person.last.split(',')[0].strip()}").lower()
        local = "".join(c for c in local if c.isalnum() or c == ".") or f"p{person.idx}"
        address = f"{local}{person.idx % 97}@{'example.com' if person.idx % 2 else 'example.org'}"
        other = _header_name(name, address)
        me = f"Alex Rivera <{OWNER_ADDRESS}>"
        subject = rng.choice(SUBJECTS)
        if kind < 0.3:  # newsletter / notification, never answered
            plan = [("news", 0)]
        else:
            n = rng.choice((1, 1, 2, 2, 3, 4, 6))
            first_owner = rng.random() < 0.5
            plan = []
            for k in range(n):
                plan.append(("owner" if (k % 2 == 0) == first_owner else "them", k))
            if first_owner and rng.random() < 0.02:
                plan.insert(1, ("auto", 1))
            if first_owner and rng.random() < 0.005:
                plan.insert(1, ("bounce", 1))
        prev_id = ""
        refs: list[str] = []
        for role, k in plan:
            msg_no += 1
            t += rng.randrange(60, 3 * 86_400) if k else 0
            sep, date = _dates(t)
            mid = f"<m{msg_no}.{thrid}@mail.example.com>"
            subj = subject if k == 0 else f"Re: {subject}"
            extra: list[str] = []
            if role == "owner":
                labels, frm, to = "Sent", me, other
                counts["outgoing"] += 1
            elif role == "them":
                labels = rng.choice(("Inbox,Opened", "Inbox,Important,Opened",
                                     "Archived,Opened", "Inbox,Category Personal,Unread"))
                frm, to = other, me
                counts["incoming"] += 1
            elif role == "auto":
                labels, frm, to = "Inbox,Opened", other, me
                subj = f"Automatic reply: {subject}"
                extra.append("Auto-Submitted: auto-replied")
                counts["auto_replies"] += 1
            elif role == "bounce":
                labels, to = "Inbox,Unread", me
                frm = "Mail Delivery Subsystem <MAILER-DAEMON@mail.example.com>"
                subj = "Delivery Status Notification (Failure)"
                extra.append("Auto-Submitted: auto-generated")
                counts["bounces"] += 1
            else:
                labels, to = "Inbox,Category Promotions,Unread", me
                frm = "Papaya Cloud <news@example.org>"
                subj = f"Digest #{thread_no % 500}: what we shipped"
                extra.append("List-Unsubscribe: <https://example.org/unsubscribe>")
                counts["newsletters"] += 1
            head = [f"From {thrid}@xxx {sep}", f"X-GM-THRID: {thrid}",
                    f"X-Gmail-Labels: {labels}", "MIME-Version: 1.0", f"Date: {date}",
                    f"From: {frm}", f"To: {to}", f"Message-ID: {mid}", f"Subject: {subj}", *extra]
            if prev_id and role not in ("news",):
                head += [f"In-Reply-To: {prev_id}", f"References: {' '.join(refs)}"]
            if role == "bounce":
                body = ["Content-Type: multipart/report; report-type=delivery-status; "
                        'boundary="rep"', "", "--rep", "Content-Type: text/plain", "",
                        f"Your message to {address} could not be delivered.", "", "--rep",
                        "Content-Type: message/delivery-status", "",
                        f"Final-Recipient: rfc822; {address}", "Action: failed",
                        "Status: 5.1.1", "", "--rep--"]
            elif role == "news":
                body = ['Content-Type: text/html; charset="UTF-8"', "", newsletter]
            else:
                text = [rng.choice(LINES) for _ in range(rng.randint(2, 12))]
                if rng.random() < 0.01:
                    text.insert(1, ">From our last call: the numbers look good.")
                if rng.random() < 0.06:  # an attachment: most of a real mailbox's bytes
                    size = rng.randrange(20_000, 580_000) // 78 * 78
                    offset = rng.randrange(0, len(blob) - size - 2)
                    offset = blob.index("\r\n", offset) + 2
                    body = ['Content-Type: multipart/mixed; boundary="att"', "", "--att",
                            'Content-Type: text/plain; charset="UTF-8"', "", *text, "",
                            "--att", 'Content-Type: application/pdf; name="notes.pdf"',
                            "Content-Transfer-Encoding: base64",
                            'Content-Disposition: attachment; filename="notes.pdf"', "",
                            blob[offset:offset + size].rstrip("\r\n"), "--att--"]
                    counts["attachments"] += 1
                else:
                    body = ['Content-Type: text/plain; charset="UTF-8"', "", *text]
            counts["messages"] += 1
            prev_id = mid
            refs.append(mid)
            yield "\r\n".join(head + body) + "\r\n\r\n"
        counts["threads"] += 1


def write_mbox(out: Path, *, megabytes: float, seed: int) -> dict[str, Any]:
    """Stream messages to ``mbox/All mail Including Spam and Trash.mbox`` until ~megabytes."""
    target = out / "mbox" / "All mail Including Spam and Trash.mbox"
    target.parent.mkdir(parents=True, exist_ok=True)
    counts = dict.fromkeys(("messages", "threads", "outgoing", "incoming", "auto_replies",
                            "bounces", "newsletters", "attachments"), 0)
    limit = int(megabytes * MB)
    written = 0
    started = time.perf_counter()
    rng = random.Random(seed)
    people = People(seed)
    with target.open("wb", buffering=8 * MB) as handle:
        for text in _mbox_messages(rng, people, counts):
            data = text.encode("utf-8")
            handle.write(data)
            written += len(data)
            if written >= limit:  # each chunk is one whole message
                break
    seconds = time.perf_counter() - started
    _report("mbox", seconds, target, f"{counts['messages']:,} messages")
    truth = {"seed": seed, "bytes": written, "seconds": round(seconds, 2),
             "owner": OWNER_ADDRESS, **counts,
             "note": "threads counts completed threads; the last thread may be cut short"}
    (out / "mbox_truth.json").write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
    return truth


# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=500_000)
    parser.add_argument("--conversations", type=int, default=60_000)
    parser.add_argument("--era", default="2026", choices=sorted(EXPORT_DATES))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-export", action="store_true",
                        help="skip the large LinkedIn export (when only --mbox-mb/--team is wanted)")
    parser.add_argument("--mbox-mb", type=float, default=0,
                        help="also write a Gmail-style mbox of about this many MB")
    parser.add_argument("--team", type=int, default=0, help="also write this many team exports")
    parser.add_argument("--team-size", type=int, default=3_000,
                        help="Connections.csv rows per team export")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    if not args.no_export:
        write_export(args.out, connections=args.connections, conversations=args.conversations,
                     messages=args.messages, seed=args.seed, era=args.era)
    if args.mbox_mb:
        write_mbox(args.out, megabytes=args.mbox_mb, seed=args.seed)
    if args.team:
        write_team(args.out, members=args.team, size=args.team_size, seed=args.seed,
                   era=args.era,
                   messages_per_connection=args.messages / max(1, args.connections),
                   conversations_per_connection=args.conversations / max(1, args.connections))
    print(f"{'total':<28} {time.perf_counter() - started:7.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
