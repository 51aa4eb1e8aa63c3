"""The X / Twitter archive ("Download an archive of your data"): who you follow, who follows
you, direct messages and group DMs, and the account itself.

Facts (README "X / Twitter"; evidence in docs/formats.md 9):

- Each ``data/*.js`` file is one JavaScript assignment of a JSON array:
  ``window.YTD.direct_messages.part0 = [ {`` (older archives open the array on that same
  line). Long lists are split into ``follower-part1.js`` → ``window.YTD.follower.part1``;
  every part is its own file and people meet across them by their id.
- ``following.js`` / ``follower.js``: ``{"following": {"accountId", "userLink"}}``, numeric
  ids only: no handle, no name, no date. A person is kept as ``x.com/i/user/<id>``.
- ``direct-messages.js``: ``{"dmConversation": {"conversationId": "<id>-<id>", "messages":
  [{"messageCreate": {"senderId", "recipientId", "text", "createdAt"}}]}}``, newest first,
  ``createdAt`` ISO 8601 UTC with milliseconds (``2022-09-12T17:38:27.668Z``).
- ``direct-messages-group.js``: the same envelope, ``messageCreate`` without ``recipientId``;
  ``joinConversation`` (``participantsSnapshot``), ``participantsJoin`` / ``participantsLeave``
  (``userIds``) and ``conversationNameUpdate`` events name the participants and are not
  messages.
- ``account.js``: the owner (``accountId``, ``username``, ``accountDisplayName``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netaudit.errors import InputError, Problem
from netaudit.importers._chats import YTD_PREFIX, load_json
from netaudit.importers.base import Importer, PeopleBuilder, ReadOptions
from netaudit.model import X_FOLLOWERS, X_FOLLOWING

if TYPE_CHECKING:
    from netaudit.importers.inputs import InputFile
    from netaudit.model import Network

#: The data types read (the ``window.YTD.<type>`` name) and what each holds.
KINDS = {
    "following": "following",
    "follower": "follower",
    "direct_messages": "messages",
    "direct_messages_group": "messages",
    "account": "account",
}
_EVENTS = ("joinConversation", "participantsJoin", "participantsLeave",
           "conversationNameUpdate")


def user_url(account_id: str) -> str:
    """The profile URL netaudit keeps for an X account known only by its numeric id (X opens
    ``https://x.com/i/user/<id>`` as that account's profile).

    >>> user_url("3128746474")
    'x.com/i/user/3128746474'
    """
    return f"x.com/i/user/{account_id}"


def _kind(file: InputFile) -> tuple[str, int] | None:
    found = YTD_PREFIX.match(file.head(512))
    if not found or found.group(1) is None:
        return None
    kind = KINDS.get(found.group(1).decode("ascii"))
    return (kind, int(found.group(2))) if kind else None


#: Where an X archive lies among the files given: the folder (or ZIP) holding ``Your
#: archive.html`` or ``data/manifest.js``.
ARCHIVE_MARKERS = ("Your archive.html", "data/manifest.js")


def archive_roots(displays: list[str]) -> tuple[str, ...]:
    """The prefixes of the X archives among ``displays`` (file paths as shown), each up to
    and including the separator before the archive's own paths.

    >>> archive_roots(["x.zip:data/manifest.js", "x.zip:data/account.js", "a/b.csv"])
    ('x.zip:',)
    >>> archive_roots(["exports/twitter/Your archive.html", "notes/Your archive.html.bak"])
    ('exports/twitter/',)
    """
    roots: set[str] = set()
    for display in displays:
        path = display.replace("\\", "/")
        for marker in ARCHIVE_MARKERS:
            if path == marker or path.endswith(("/" + marker, ":" + marker)):
                roots.add(path[:len(path) - len(marker)])
    return tuple(sorted(roots))


def _inside(file: InputFile, roots: tuple[str, ...]) -> str | None:
    """``file``'s path inside the X archive of ``roots`` it lies in, else None."""
    path = file.display.replace("\\", "/")
    return next((path[len(root):] for root in roots if path.startswith(root)), None)


def archive_viewer_or_media(file: InputFile, roots: tuple[str, ...]) -> bool:
    """Whether ``file`` is part of an X archive's offline viewer (``Your archive.html``,
    ``assets/``) or media (``data/tweets_media/``…), known by its path alone: a published
    archive held 7,400 such files of its 7,544, and telling each was no export took 1.3 s
    of its 3.5 s read, for nothing.

    >>> import io
    >>> from netaudit.importers.inputs import InputFile
    >>> def named(display):
    ...     return InputFile(display, display.rsplit("/", 1)[-1], 0, lambda: io.BytesIO())
    >>> [archive_viewer_or_media(named(f"x.zip:{p}"), ("x.zip:",))
    ...  for p in ("assets/js/main.js", "data/tweets_media/1.jpg", "data/direct-messages.js")]
    [True, True, False]
    """
    inside = _inside(file, roots)
    return inside is not None and (inside == ARCHIVE_MARKERS[0] or inside.startswith("assets/")
                                   or (inside.startswith("data/") and "/" in inside[5:]))


def archive_file_not_read(file: InputFile, roots: tuple[str, ...]) -> bool:
    """Whether ``file``, which no importer reads, belongs to an X archive: expected there, so
    not worth a warning. A published archive (2023, 7,544 files) holds 86 ``data/*.js``
    files of which netaudit reads five, ``data/README.txt``, and its viewer and media
    (:func:`archive_viewer_or_media`): 7,538 files were a warning. Any ``window.YTD.…`` file
    is one of these wherever it lies."""
    if YTD_PREFIX.match(file.head()):
        return True
    inside = _inside(file, roots)
    return inside is not None and inside.startswith("data/")


def _id(value: Any) -> str:
    """An account id as its digits (ids are strings in the archive; numbers tolerated)."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return str(value) if value > 0 else ""
    text = value.strip() if isinstance(value, str) else ""
    return text if text.isdigit() else ""


def _records(document: Any, key: str) -> list[dict[str, Any]]:
    """The ``key`` objects of a YTD array (``[{"following": {...}}, …]``)."""
    if not isinstance(document, list):
        return []
    return [item[key] for item in document
            if isinstance(item, dict) and isinstance(item.get(key), dict)]


class Twitter(Importer):
    """An X/Twitter archive's ``following.js``, ``follower.js``, ``direct-messages.js``,
    ``direct-messages-group.js`` and ``account.js`` (any ``partN``)."""

    name = "x"
    label = "X/Twitter archive"
    channel = "x"
    file_names = ("following.js", "follower.js", "direct-messages.js",
                  "direct-messages-group.js", "account.js")

    def sniff(self, file: InputFile) -> bool:
        return _kind(file) is not None

    def read(self, file: InputFile, options: ReadOptions) -> Network:
        from netaudit.model import Network

        found = _kind(file)
        kind = found[0] if found else ("messages" if "message" in file.name else
                                       file.name.split(".")[0].split("-part")[0])
        if kind not in ("following", "follower", "messages", "account"):
            raise InputError("is not an X/Twitter archive file netaudit reads",
                             hint="pass following.js, follower.js, direct-messages.js, "
                                  "direct-messages-group.js or account.js from the archive's "
                                  "data folder", path=file.display)
        document = load_json(file, "X/Twitter archive file", strip_ytd=True)
        if not isinstance(document, list):
            raise InputError("does not hold the JSON array an X/Twitter archive file holds",
                             hint="expected 'window.YTD.<name>.part0 = [ … ]'",
                             path=file.display)
        if kind == "messages":
            return self._messages(file, document, options)
        if kind == "account":
            return self._account(file, document)
        people = PeopleBuilder(file.display, file.display)
        records = _records(document, kind)
        skipped = len(document) - len(records)
        for record in records:
            account = _id(record.get("accountId"))
            if not account:
                skipped += 1
                continue
            people.person(url=user_url(account), is_connection=True)
        from netaudit.model import SourceFile

        what = X_FOLLOWING if kind == "following" else X_FOLLOWERS
        problems = [Problem(file.display, "are entries without an account id; they were "
                            "skipped", skipped, unit="entry")] if skipped else []
        return Network(people=people.frame(), problems=problems,
                       sources=[SourceFile(file.display, self.label, len(people.rows),
                                           f"{what}; ids only, no names")])

    def _account(self, file: InputFile, document: list) -> Network:
        from netaudit.model import Network, Owner, SourceFile

        people = PeopleBuilder(file.display, file.display)
        owner = None
        for record in _records(document, "account"):
            account = _id(record.get("accountId"))
            if not account:
                continue
            handle = record.get("username") if isinstance(record.get("username"), str) else ""
            name = record.get("accountDisplayName")
            name = name.strip() if isinstance(name, str) and name.strip() else (
                f"@{handle}" if handle else "")
            pid = people.person(url=user_url(account), name=name, is_owner=True)
            # 'profile in …' as for LinkedIn's Profile.csv: the reading line shows the
            # file's name ('owner … (account.js)'; it said 'account.js of account.js').
            owner = owner or Owner(pid, name, f"profile in {file.display}")
        if owner is None:
            raise InputError("names no account", hint="expected [{\"account\": {\"accountId\": "
                             "…}}] as in account.js", path=file.display)
        return Network(people=people.frame(), owner=owner,
                       sources=[SourceFile(file.display, self.label, 1, "the owner's account")])

    def _messages(self, file: InputFile, document: list, options: ReadOptions) -> Network:
        import pandas as pd

        from netaudit.model import Network, SourceFile, conform

        people = PeopleBuilder(file.display, file.display)
        ids: dict[str, str] = {}

        def pid(account: str) -> str:
            found = ids.get(account)
            if found is None:
                found = ids[account] = people.person(url=user_url(account))
            return found

        rows: list[dict[str, Any]] = []
        events = other_events = no_sender = 0
        conversations = _records(document, "dmConversation")
        pair_ids: list[set[str]] = []
        report = options.progress
        for number, conversation in enumerate(conversations):
            if report is not None and number % 1000 == 0:
                report(f"reading {file.name}", file.size * number // len(conversations),
                       file.size)
            raw_id = str(conversation.get("conversationId") or "")
            conversation_id = "x:" + (raw_id or f"{file.display}#{number}")
            items = conversation.get("messages")
            items = items if isinstance(items, list) else []
            pair = [p for p in raw_id.split("-") if p.isdigit()]
            one_to_one = len(pair) == 2 and raw_id.count("-") == 1
            if one_to_one:
                pair_ids.append(set(pair))
            # Everyone the conversation names: senders, recipients, join/leave events.
            members: list[str] = list(pair) if one_to_one else []
            created = []
            for item in items:
                if not isinstance(item, dict):
                    continue
                if isinstance(item.get("messageCreate"), dict):
                    message = item["messageCreate"]
                    sender = _id(message.get("senderId"))
                    if not sender:
                        no_sender += 1
                        continue
                    created.append(message)
                    members.append(sender)
                    recipient = _id(message.get("recipientId"))
                    if recipient:
                        members.append(recipient)
                    continue
                if any(isinstance(item.get(event), dict) for event in _EVENTS):
                    events += 1
                else:  # a reaction, a welcome message: no message and no member
                    other_events += 1
                for event in _EVENTS:
                    detail = item.get(event)
                    if isinstance(detail, dict):
                        members.append(_id(detail.get("initiatingUserId")))
                        for key in ("participantsSnapshot", "userIds"):
                            listed = detail.get(key)
                            if isinstance(listed, list):
                                members.extend(_id(v) for v in listed)
            members = [m for m in dict.fromkeys(members) if m]
            for message in created:
                sender = _id(message.get("senderId"))
                recipient = _id(message.get("recipientId"))
                others = [recipient] if recipient else [m for m in members if m != sender]
                text = message.get("text")
                rows.append({
                    "message_id": f"{file.display}#{message.get('id') or len(rows)}",
                    "conversation_id": conversation_id,
                    "sent_at": message.get("createdAt"),
                    "sender_id": pid(sender),
                    "recipient_ids": tuple(pid(m) for m in others),
                    "body": text if isinstance(text, str) else "",
                    "source": file.display,
                })
        # In 1:1 conversations the owner is in every conversation id: the one id all share.
        owner = None
        common = set.intersection(*pair_ids) if len(pair_ids) >= 2 else set()
        if len(common) == 1:
            owner = people.owner(pid(common.pop()), f"in all {len(pair_ids):,} conversations "
                                                    f"of {file.display}")
        frame = pd.DataFrame(rows)
        problems = []
        if len(frame):
            frame["recipient_ids"] = pd.Series([r["recipient_ids"] for r in rows], dtype=object)
            dates = pd.to_datetime(frame["sent_at"], utc=True, errors="coerce",
                                   format="ISO8601")
            unreadable = int((dates.isna() & frame["sent_at"].notna()).sum())
            frame["sent_at"] = dates
            if unreadable:
                problems.append(Problem(file.display, "have a 'createdAt' date netaudit cannot "
                                        "read; those dates were left empty", unreadable,
                                        unit="message"))
        if no_sender:
            problems.append(Problem(file.display, "have no sender id and were skipped", no_sender,
                                    unit="message"))
        note = f"{len(conversations):,} conversation{'s' if len(conversations) != 1 else ''}"
        if events:
            note += f", {events:,} join/leave/rename events left out"
        if other_events:
            note += (f", {other_events:,} other event{'s' if other_events != 1 else ''} "
                     "(reactions, welcome messages) left out")
        return Network(
            people=people.frame(),
            messages=conform(frame, "messages"),
            owner=owner,
            sources=[SourceFile(file.display, self.label, len(rows), note)],
            problems=problems,
        )


def _follow_list(fragment: Network) -> str | None:
    """:data:`X_FOLLOWERS` or :data:`X_FOLLOWING` when ``fragment`` is one part of a follow list,
    else None."""
    if len(fragment.sources) != 1 or fragment.sources[0].kind != Twitter.label:
        return None
    note = fragment.sources[0].note
    return next((kind for kind in (X_FOLLOWERS, X_FOLLOWING) if note.startswith(kind)), None)


def mutual_follows(fragments: list[Network]) -> list[Network]:
    """Keep, of the X follow lists among ``fragments``, the accounts that follow you and that
    you follow: on X a connection is a mutual follow, as on LinkedIn and Facebook both sides
    agreed. The others (a public account's audience, the news and brands you follow) are no
    connections: they leave the lists, counted as set aside (``x_one_way_follows``); one you
    exchanged direct messages with stays a person through the messages.

    A published archive of a public account counted its followers as connections: 98.1% of
    its network read as dormant. Both lists are needed to tell; with one of them only, its
    accounts stay connections and a warning says what to add. The parts of one list
    (``follower-part1.js``) are one list; two archives' lists are joined.
    """
    lists = [(fragment, kind) for fragment in fragments
             if (kind := _follow_list(fragment)) is not None]
    if not lists:
        return fragments
    urls: dict[str, set[str]] = {X_FOLLOWERS: set(), X_FOLLOWING: set()}
    for fragment, kind in lists:
        urls[kind].update(fragment.people["profile_url"].tolist())
    first = lists[0][0]
    given = {kind for _, kind in lists}
    if len(given) == 1:
        (alone,) = given
        missing = "following.js" if alone == X_FOLLOWERS else "follower.js"
        count = len(urls[alone])
        counted = "was counted as a connection" if count == 1 else "were counted as connections"
        first.problems.append(Problem(
            first.sources[0].path, f"{counted}: a connection on X is a mutual follow, and "
            f"telling one needs {missing} of the same archive too; add it", count,
            unit="X account"))
        return fragments
    mutual = urls[X_FOLLOWERS] & urls[X_FOLLOWING]
    for fragment, _ in lists:
        people = fragment.people
        fragment.people = people[people["profile_url"].isin(mutual)].reset_index(drop=True)
    one_way = len(urls[X_FOLLOWERS] ^ urls[X_FOLLOWING])
    if one_way:
        first.set_aside["x_one_way_follows"] = one_way
    return fragments
