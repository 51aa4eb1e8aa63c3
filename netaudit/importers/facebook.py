"""Facebook's "Download your information" in JSON: friends, friend requests and Messenger.

Facts (docs in README "Facebook"; evidence in docs/formats.md 9 and the fixtures'
EXPECTED.md):

- Every string is UTF-8 whose bytes are escaped one by one (``\\u00c3\\u00a9`` for é,
  ``\\u00f0\\u009f\\u0098\\u00a0`` for one emoji): names, titles and texts are repaired.
- Friends: ``connections/friends/your_friends.json`` (2021+: ``{"friends_v2": [{"name",
  "timestamp"}]}``, seconds since 1970), older ``friends/friends.json`` and
  ``friends_and_followers/friends.json`` (``{"friends": […]}``). Requests:
  ``sent_requests_v2`` / ``received_requests_v2`` / ``rejected_requests_v2`` (older without
  ``_v2``), removed friends ``deleted_friends_v2`` (older ``deleted_friends``).
- Messenger: one folder per thread, ``message_1.json``, ``message_2.json``… (long threads
  are paginated; all pages share ``thread_path``), under ``messages/inbox/`` (2019-2023),
  ``your_activity_across_facebook/messages/`` (2024) or ``your_facebook_activity/messages/``
  (2024-2025); beside ``inbox`` the folders ``archived_threads``, ``e2ee_cutover``,
  ``message_requests`` and ``filtered_threads``.
- The HTML variant of the export cannot be read: it gets a one-line error asking for JSON.
- Instagram's download holds its direct messages in the same shape under
  ``your_instagram_activity/messages/inbox/``: read the same way, with the channel
  ``instagram``.
- Instagram also writes each reaction of the other person to one of the owner's messages
  as a row of its own, besides the ``reactions`` list of the message reacted to: ``Reacted
  ❤ to your message`` (with a trailing space) and ``Liked a message``, in Portuguese
  ``Reagiu com ❤ à sua mensagem`` and ``Curtiu uma mensagem``. Two published direct-message
  downloads held 456 of 1,324 and 275 of 2,101 of the other person's rows so. They are
  notices, not messages: set aside (:data:`REACTION_ROW`). Messenger writes them with the
  member's name first (``Kit reacted 😆 to your message``).
- Messenger writes calls, poll votes, new themes and nicknames and members removed as rows
  of their own (a row of ``type`` 'Call', or text such as ``Ana joined the call.``): set
  aside as activity notices (:data:`ACTIVITY_ROW`). Those that call the exporter ``You``
  (``You joined the call.``) name the owner.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from netaudit.errors import InputError, Problem
from netaudit.identity import normalize_name
from netaudit.importers._chats import ASSISTANT_NAME, head_text, load_json, repair_mojibake
from netaudit.importers.base import Importer, PeopleBuilder, ReadOptions
from netaudit.model import ACTIVITY_NOTICE, ASSISTANT, REACTION_NOTICE

if TYPE_CHECKING:
    from netaudit.importers.inputs import InputFile
    from netaudit.model import Network

#: The list key of each friends-and-requests file, in every era seen, and what it holds.
FRIEND_LISTS = {
    "friends_v2": "friends",
    "friends": "friends",
    "sent_requests_v2": "sent",
    "sent_requests": "sent",
    "received_requests_v2": "received",
    "received_requests": "received",
    "rejected_requests_v2": "rejected",
    "rejected_requests": "rejected",
    "deleted_friends_v2": "removed",
    "deleted_friends": "removed",
}
#: The kinds of file the reading line counts a friends file as when it holds no friends
#: (:class:`FacebookFriends`): requests sent, received or declined; friends removed.
REQUESTS_LABEL = "Facebook friend requests"
REMOVED_LABEL = "Facebook removed friends"
#: The name netaudit gives an unavailable account of a Messenger thread (deleted or
#: deactivated), which the download writes with an empty name: Messenger shows it so. Its
#: messages, and the owner's to it alone, are set aside (``set_aside`` 'unavailable
#: account'): a published 2025 download held 14 such threads of its 15.
UNAVAILABLE_NAME = "Facebook user"
UNAVAILABLE = "unavailable account"
_FRIENDS_HEAD = re.compile(r'^\s*\{\s*"(' + "|".join(FRIEND_LISTS) + r')"\s*:\s*\[')
_THREAD_KEYS = ('"sender_name"', '"thread_path"', '"is_still_participant"', '"timestamp_ms"')
#: Thread folders whose conversations the owner never accepted: kept, but as ``is_system``
#: (never a reply, never a contact). ``archived_threads`` and ``e2ee_cutover`` are ordinary.
REQUEST_FOLDERS = ("message_requests", "filtered_threads")
_FOLDERS = ("inbox", "archived_threads", "e2ee_cutover", *REQUEST_FOLDERS)
#: Messenger records of someone joining or leaving a group: not messages.
MEMBERSHIP_TYPES = ("Subscribe", "Unsubscribe")
#: A row that only says the sender reacted to one of the owner's messages (module docstring),
#: in English and Portuguese, the languages of the downloads seen; set aside as
#: :data:`netaudit.model.REACTION_NOTICE`. The reaction is emoji, never a word ('Reacted
#: badly to your message' is a message), but for the Portuguese download's 11 rows that read
#: 'Reagiu com emoji sua mensagem'.
REACTION_ROW = re.compile(r"(?:Reacted [^\s\w]{1,16}+ to your message|Liked a message"
                          r"|Reagiu com (?:[^\s\w]{1,16}+ à|emoji) sua mensagem"
                          r"|Curtiu uma mensagem"
                          # Messenger puts the reacting member's name or nickname first:
                          # 465 rows of a published 13-person group thread.
                          r"|(?P<who>.{1,100}?) reacted [^\s\w]{1,16}+ to your message)")
#: A row of a Messenger thread that only says what its sender did (set aside as
#: :data:`netaudit.model.ACTIVITY_NOTICE`), as published threads write them: calls ('Ana
#: joined the call.', 'You started a call.', 'The video call ended.'; in French 'Ana a
#: manqué votre appel.', 'Vous avez appelé Ana'), polls ('Ana voted for "…" and 2 other
#: options in the poll.', 'This poll is no longer available.'), themes and nicknames ('You
#: changed the theme to …', 'Kit set your nickname to …'), members ('Ana removed Bo from
#: the group.'). A 2019-2022 group thread without ``type`` held 1,046 such rows among its
#: 52,738 and a French one 51 calls written as ``Generic``; later downloads write a call as
#: a row of ``type`` 'Call' with a ``call_duration`` (5,808 of a Vietnamese 1:1 thread's
#: 28,968 rows, 3,416 of them unanswered).
#: Whoever the row names first: a member's name or nickname, or 'You'.
_WHO = r".{1,100}?"
ACTIVITY_ROW = re.compile(  # anchored: a search never tries every position of a long text
    r"\A(?:" + "|".join([
        rf"{_WHO} (?:joined|started) (?:the|a) (?:video )?(?:call|chat)\.",
        r"The (?:video )?call ended\.",
        rf"{_WHO} changed the theme to .{{1,200}}",
        rf"{_WHO} set (?:the|your) nickname(?: for .{{1,100}}?)? to .{{1,200}}",
        rf"{_WHO} voted for .{{1,300}}? in the poll\.",
        r"This poll is no longer available\.",
        rf"{_WHO} (?:removed .{{1,200}}? from|added .{{1,200}}? to) the group\.",
        rf"{_WHO} left the group\.",
        # More of the English group thread's: reactions and word effects, video, group
        # photo and name, polls created or updated, one's own nickname, a theme unnamed.
        rf"{_WHO} set the quick reaction to .{{1,100}}",
        rf"{_WHO} (?:set|changed) .{{1,200}}? word effects?\b.{{0,200}}",
        rf"{_WHO} started sharing video\.",
        rf"{_WHO} changed the (?:group photo|theme)\.",
        rf"{_WHO} named the group .{{1,200}}",
        rf"{_WHO} set (?:your|her|his|their) own nickname to .{{1,200}}",
        rf"{_WHO} created a poll: .{{1,300}}",
        rf"{_WHO}'s poll has multiple updates\.",
        rf"{_WHO} added .{{1,300}}? to the poll\.",
        r"You missed a (?:video )?call with .{1,100}",
        rf"{_WHO} missed (?:a|your) (?:video )?call(?: with you)?\.",
        # French: a video call ended or missed, calls; Vietnamese (a published 1:1
        # thread): an emoji, a theme colour, a nickname set or cleared, a wave.
        r"Discussion vidéo terminée\.",
        rf"{_WHO} a manqué votre discussion vidéo\.",
        rf"{_WHO} a manqué votre appel\.",
        r"Vous avez (?:reçu un appel de|appelé|manqué un appel de) .{1,100}",
        rf"{_WHO} đã (?:đặt biểu tượng cảm xúc thành|thay đổi màu sắc chủ đề|đặt biệt danh"
        r"|xóa biệt danh|vẫy tay chào) .{0,200}",
    ]) + r")\Z")
#: Words one of those rows holds: only a row with one of them is matched against them.
_ACTIVITY_WORDS = (" call", "video chat", "the theme", "nickname", " poll", " the group",
                   "appel", "quick reaction", "word effect", "sharing video", "group photo",
                   "vidéo", " đã ")
#: The exporter's own actions, as a thread writes them under the exporter's name ('You
#: joined the call.', 'You changed the theme to …', 'You voted for …'). Not 'You missed a
#: video call with Kit', which Messenger writes under the caller's name (a published 1:1
#: thread: 6 such rows under the other person's).
OWN_ACTION = re.compile(r"You (?:joined|started|changed|set|voted|named|removed|added|left"
                        r"|created) ")
#: The longest such row (a long poll option or theme name, say).
_ACTIVITY_LONGEST = 600


def activity_row(body: str) -> bool:
    """Whether a thread's row only says what its sender did (:data:`ACTIVITY_ROW`).

    >>> [activity_row(t) for t in ("You joined the call.", "Kit set your nickname to Bo.",
    ...  "Call me when you are free.", "Ana voted for 'Red' and 1 other option in the poll.")]
    [True, True, False, True]
    """
    return (len(body) <= _ACTIVITY_LONGEST and any(word in body for word in _ACTIVITY_WORDS)
            and ACTIVITY_ROW.fullmatch(body) is not None)
#: What the reading line calls an Instagram thread (same shape as Messenger's).
INSTAGRAM_LABEL = "Instagram conversation"
_HTML_NAME = re.compile(r"^(message_\d+|your_friends|friends|sent_friend_requests|"
                        r"received_friend_requests|removed_friends)\.html?$", re.IGNORECASE)


def _fix(value: Any) -> str:
    return repair_mojibake(value).strip() if isinstance(value, str) else ""


def _timestamp(value: Any, unit: str):  # -> pd.Timestamp | NaT
    import pandas as pd

    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        return pd.NaT
    try:
        return pd.Timestamp(value, unit=unit, tz="UTC")
    except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
        return pd.NaT


def _implausible(dates: list) -> int:
    """How many of ``dates`` lie before 2004 (Facebook opened) or in the future; they are
    made NaT in place."""
    import pandas as pd

    earliest = pd.Timestamp("2004-01-01", tz="UTC")
    latest = pd.Timestamp.now(tz="UTC") + pd.Timedelta(days=1)
    bad = 0
    for i, date in enumerate(dates):
        if date is not pd.NaT and not pd.isna(date) and not earliest <= date <= latest:
            dates[i] = pd.NaT
            bad += 1
    return bad


class FacebookFriends(Importer):
    """``your_friends.json`` and its siblings: friends (with the date you became friends),
    friend requests sent, received and declined, and friends removed."""

    name = "facebook-friends"
    label = "Facebook friends"
    channel = "facebook"
    file_names = ("your_friends.json", "friends.json", "sent_friend_requests.json",
                  "received_friend_requests.json", "rejected_friend_requests.json",
                  "removed_friends.json")

    def sniff(self, file: InputFile) -> bool:
        return bool(_FRIENDS_HEAD.match(head_text(file, 512)))

    def read(self, file: InputFile, options: ReadOptions) -> Network:
        import pandas as pd

        from netaudit.model import Network, SourceFile, conform

        document = load_json(file, "Facebook friends file")
        lists = ({key: value for key, value in document.items()
                  if key in FRIEND_LISTS and isinstance(value, list)}
                 if isinstance(document, dict) else {})
        if not lists:
            raise InputError("holds no Facebook friends list",
                             hint="expected {\"friends_v2\": [{\"name\": …, \"timestamp\": …}]} "
                                  "as in your_friends.json", path=file.display)
        people = PeopleBuilder(file.display, file.display)
        invitations: list[dict[str, Any]] = []
        counts = dict.fromkeys(("friends", "sent", "received", "rejected", "removed"), 0)
        unnamed = 0
        dates: list = []
        entries: list[tuple[str, str, Any]] = []
        for key, items in lists.items():
            kind = FRIEND_LISTS[key]
            for item in items:
                name = _fix(item.get("name")) if isinstance(item, dict) else ""
                if not name:
                    unnamed += 1
                    continue
                entries.append((kind, name, item))
                dates.append(_timestamp(item.get("timestamp"), "s"))
        bad_dates = _implausible(dates)
        friends: set[str] = set()
        for (kind, name, item), date in zip(entries, dates, strict=True):
            counts[kind] += 1
            contact = item.get("contact_info")
            # 2018 friends.json entries may carry the friend's e-mail as contact_info.
            email = contact if isinstance(contact, str) and "@" in contact else ""
            key = normalize_name(name)
            if kind == "friends" and not email and key in friends:
                # A friend list names each friend once: a second friend of the same name
                # (a published list: 4 names 2-3 times, friends since 2008, 2016 and 2019)
                # is another person, whom only the list's order tells apart.
                people.anonymous(name=name, is_connection=True, connected_on=date)
            elif kind == "friends":
                friends.add(key)
                people.person(name=name, email=email, is_connection=True, connected_on=date)
            elif kind == "removed":
                people.person(name=name, email=email)
            else:
                pid = people.person(name=name, email=email)
                invitations.append({"person_id": pid, "sent_at": date, "source": file.display,
                                    "direction": "outgoing" if kind == "sent" else "incoming"})
        problems = []
        if unnamed:
            problems.append(Problem(file.display, "are entries without a name; they were "
                                    "skipped", unnamed, unit="entry"))
        if bad_dates:
            problems.append(Problem(file.display, "have a date before 2004 or in the future; "
                                    "those dates were left empty", bad_dates, unit="entry"))
        parts = [f"{counts[k]:,} {label}" for k, label in (
            ("friends", "friends"), ("sent", "requests sent"), ("received", "requests received"),
            ("rejected", "requests declined"), ("removed", "removed friends")) if counts[k]]
        frame = people.frame()
        # What the reading line counts the file as: its friends, else its requests, else its
        # removed friends. A published 2025 download's four lists (140 friends, 223 requests
        # received, 7 sent, 2 removed) read as '372 friends in 4 lists'.
        requests = counts["sent"] + counts["received"] + counts["rejected"]
        kind, rows = ((self.label, counts["friends"]) if counts["friends"] else
                      (REQUESTS_LABEL, requests) if requests else
                      (REMOVED_LABEL, counts["removed"]) if counts["removed"] else
                      (self.label, 0))
        return Network(
            people=frame,
            invitations=conform(pd.DataFrame(invitations), "invitations"),
            sources=[SourceFile(file.display, kind, rows, ", ".join(parts))],
            problems=problems,
        )


_MANY_PARTICIPANTS = re.compile(r'^\s*\{\s*"participants"\s*:\s*\[\s*\{\s*"name"\s*:')
#: The list of a thread page's messages.
_MESSAGES_KEY = re.compile(r'"messages"\s*:\s*\[')
_PROFILE_HEAD = re.compile(r'^\s*\{\s*"(autofill_information_v2|profile_v2)"\s*:\s*\{')


def _first(value: Any) -> str:
    """The first string of a list (autofill keeps each field as a list), or the string."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    return _fix(value)


class FacebookProfile(Importer):
    """The owner of a Facebook download: ``messages/autofill_information.json``
    (``{"autofill_information_v2": {"FULL_NAME": […], "EMAIL": […], "PHONE": […]}}``, each
    field a list; read for the owner's name by several Messenger parsers) or
    ``profile_information.json`` (``{"profile_v2": {"name": {"full_name", …}}}``). Its name,
    e-mail and phone join the owner's accounts on other networks (issue 18)."""

    name = "facebook-profile"
    label = "Facebook profile (the owner)"
    channel = "facebook"
    file_names = ("autofill_information.json", "profile_information.json")

    def sniff(self, file: InputFile) -> bool:
        return bool(_PROFILE_HEAD.match(head_text(file, 512)))

    def read(self, file: InputFile, options: ReadOptions) -> Network:
        from netaudit.importers._chats import as_phone
        from netaudit.model import Network, Owner, SourceFile

        document = load_json(file, "Facebook profile file")
        autofill = document.get("autofill_information_v2") if isinstance(document, dict) else None
        profile = document.get("profile_v2") if isinstance(document, dict) else None
        name = email = phone = ""
        if isinstance(autofill, dict):
            name = _first(autofill.get("FULL_NAME")) or " ".join(
                p for p in (_first(autofill.get("FIRST_NAME")),
                            _first(autofill.get("LAST_NAME"))) if p)
            email = _first(autofill.get("EMAIL"))
            phone = as_phone(_first(autofill.get("PHONE")))
        elif isinstance(profile, dict) and isinstance(profile.get("name"), dict):
            name = _fix(profile["name"].get("full_name"))
        if not name:
            raise InputError("names no owner",
                             hint='expected {"autofill_information_v2": {"FULL_NAME": [...]}} '
                                  'or {"profile_v2": {"name": {"full_name": ...}}}',
                             path=file.display)
        people = PeopleBuilder(file.display, file.display)
        pid = people.person(name=name, email=email, phone=phone, is_owner=True)
        return Network(people=people.frame(), owner=Owner(pid, name, f"{file.name} of the "
                                                          "Facebook download"),
                       sources=[SourceFile(file.display, self.label, 1, "the owner")])


def is_instagram(file: InputFile) -> bool:
    """Instagram's own download writes its direct messages in the same ``message_N.json``
    shape (and the same escaped UTF-8), under ``your_instagram_activity/messages/inbox/``
    inside a ZIP named ``instagram-<user>-<date>…``: the path tells them apart."""
    parts = file.display.replace("\\", "/").lower().split("/")
    return any(p == "your_instagram_activity" or p.startswith("instagram-") for p in parts)


def thread_folder(file: InputFile, thread_path: str) -> str:
    """Which Messenger folder a thread is in: from its ``thread_path`` (``inbox/ana_123``),
    else from the file's own path; 'inbox' when neither says."""
    for text in (thread_path, file.display.replace("\\", "/")):
        parts = text.split("/")
        for folder in _FOLDERS:
            if folder in parts:
                return folder
    return "inbox"


class FacebookMessages(Importer):
    """One Messenger thread page, ``message_N.json``: participants, messages (sender,
    ``timestamp_ms``, content), title. Pages of one thread share ``thread_path`` and so one
    conversation. Group joins and leaves (``Subscribe``/``Unsubscribe``) are not messages;
    threads in ``message_requests`` and ``filtered_threads`` are kept as ``is_system``."""

    name = "facebook-messages"
    label = "Facebook Messenger thread"
    channel = "facebook"
    file_names = ("message_1.json", "message.json")

    def sniff(self, file: InputFile) -> bool:
        head = head_text(file, 8192)
        if not head.lstrip().startswith("{"):
            return False
        if '"participants"' not in head:
            # A thread page whose keys were sorted (a published Instagram thread, edited by
            # its publisher: 'is_still_participant', 'magic_words', then 'messages', and
            # 'participants' 1.7 MB later): its name and its first message's keys say what
            # it is.
            return (bool(_THREAD_PAGE.fullmatch(file.name)) and bool(_MESSAGES_KEY.search(head))
                    and '"sender_name"' in head and '"timestamp_ms"' in head)
        # A group of a few hundred participants (a real 2024 download's filtered_threads
        # held threads of 236 to 247) pushes every other key past the head: a document that
        # opens with a list of named participants is a thread.
        return ('"messages"' in head and any(key in head for key in _THREAD_KEYS)) or bool(
            _MANY_PARTICIPANTS.match(head))

    def read(self, file: InputFile, options: ReadOptions) -> Network:
        import pandas as pd

        from netaudit.model import Network, SourceFile, conform

        document = load_json(file, "Messenger thread")
        if not isinstance(document, dict) or not isinstance(document.get("messages"), list):
            raise InputError("holds no Messenger messages",
                             hint="expected {\"participants\": […], \"messages\": […]} as in "
                                  "message_1.json", path=file.display)
        thread_path = _fix(document.get("thread_path"))
        folder = thread_folder(file, thread_path)
        if not thread_path:
            # 2024+ pages may lack thread_path: the thread's folder names it.
            parts = file.display.replace("\\", "/").rsplit("/", 2)
            thread_path = f"{folder}/{parts[-2]}" if len(parts) >= 2 else file.display
        network = "instagram" if is_instagram(file) else "facebook"
        conversation = f"{network}:{thread_path}"
        people = PeopleBuilder(file.display, file.display)
        participants = []
        names = []
        unavailable = assistant = ""
        for entry in document.get("participants") or []:
            name = _fix(entry.get("name")) if isinstance(entry, dict) else _fix(entry)
            if name == ASSISTANT_NAME:
                assistant = assistant or people.person(name=name)
            elif name:
                names.append(name)
                participants.append(people.person(name=name))
            elif not unavailable:
                unavailable = people.person(name=UNAVAILABLE_NAME)
        participants = list(dict.fromkeys(participants))
        named = tuple(participants)
        rows: list[dict[str, Any]] = []
        membership = no_sender = reactions = activity = 0
        # Who the thread's rows call 'You' (the exporter's own actions, under the
        # exporter's name), and who reacted 'to your message' (never the exporter).
        own_actions: dict[str, tuple[str, str]] = {}  # sender: (the row, their name)
        reactors: list[str] = []
        system = folder in REQUEST_FOLDERS
        dates = []
        report = options.progress
        messages = document["messages"]
        for index, message in enumerate(messages):
            if report is not None and index % 10_000 == 0:
                report(f"reading {file.name}", file.size * index // max(len(messages), 1),
                       file.size)
            if not isinstance(message, dict):
                no_sender += 1
                continue
            if message.get("type") in MEMBERSHIP_TYPES:
                membership += 1
                continue
            sender_name = _fix(message.get("sender_name"))
            recipients = named
            aside = ""
            if not sender_name:
                # An unavailable account (deleted or deactivated; 'Facebook user' in
                # Messenger) has an empty name as participant and as sender.
                if not unavailable:
                    unavailable = people.person(name=UNAVAILABLE_NAME)
                sender, aside = unavailable, UNAVAILABLE
            elif sender_name == ASSISTANT_NAME:
                assistant = assistant or people.person(name=sender_name)
                sender, aside = assistant, ASSISTANT
            else:
                sender = people.person(name=sender_name)
                recipients = tuple(p for p in recipients if p != sender)
                if not recipients and unavailable:
                    # Written to that account alone.
                    recipients, aside = (unavailable,), UNAVAILABLE
                elif not recipients and assistant:
                    recipients, aside = (assistant,), ASSISTANT
            body = _fix(message.get("content"))
            reaction = REACTION_ROW.fullmatch(body) if not aside else None
            if reaction:
                aside = REACTION_NOTICE
                reactions += 1
                if reaction["who"] and sender_name:
                    reactors.append(sender_name)
            elif not aside and (message.get("type") == "Call" or "call_duration" in message
                                or (message.get("is_unsent") is True and not body)
                                or activity_row(body)):
                aside = ACTIVITY_NOTICE
                activity += 1
                if sender_name and OWN_ACTION.match(body):
                    own_actions.setdefault(sender, (body, sender_name))
            dates.append(_timestamp(message.get("timestamp_ms"), "ms"))
            rows.append({
                "message_id": f"{file.display}#{index}",
                "conversation_id": conversation,
                "sender_id": sender,
                "recipient_ids": recipients,
                "subject": "",
                "body": body,
                "is_system": system or bool(aside),
                "set_aside": aside,
                "channel": network,
                "source": file.display,
            })
        bad_dates = _implausible(dates)
        for row, date in zip(rows, dates, strict=True):
            row["sent_at"] = date
        if len(named) > 2:
            _gone_members_as_recipients(rows, set(named))
        problems = []
        if no_sender:
            problems.append(Problem(file.display, "have no message netaudit can read and were "
                                    "skipped", no_sender, unit="entry"))
        if bad_dates:
            problems.append(Problem(file.display, "have a date before 2004 or in the future; "
                                    "those dates were left empty", bad_dates, unit="message"))
        frame = pd.DataFrame(rows)
        if len(frame):
            frame["recipient_ids"] = pd.Series([r["recipient_ids"] for r in rows], dtype=object)
        title = _fix(document.get("title"))
        count = len(participants)
        parts = [f"{folder}", f"{count:,} participant{'' if count == 1 else 's'}"
                 + (" and an unavailable account" if unavailable else "")]
        if title:
            parts.insert(0, repr(title))
        if network == "instagram":
            parts.insert(0, "Instagram")
        if system:
            parts.append("a request never accepted: kept apart as system messages")
        if membership:
            parts.append(f"{membership:,} joins/leaves left out")
        if reactions:
            parts.append(f"{reactions:,} reaction notice{'' if reactions == 1 else 's'} set "
                         "aside")
        if activity:
            parts.append(f"{activity:,} call or activity notice{'' if activity == 1 else 's'} "
                         "set aside")
        # Messenger and Instagram title a one-to-one thread with the other person's name
        # (a published download's 1:1 thread, title = participants[0]: the guess took that
        # person for the owner): the title names who the owner is not.
        other = [title] if len(participants) == 2 and not unavailable and title in names else []
        owner = None
        if len(own_actions) == 1:
            # Only the exporter's own actions read 'You joined the call.', 'You changed the
            # theme to …' (a published group thread: 34 such rows, all under one sender,
            # where the guess had taken the third most active member). Unless the thread
            # says otherwise of that sender: the person it is titled after, or one who
            # reacted 'to your message'.
            ((owner_id, (said, name)),) = own_actions.items()
            if name not in other and name not in reactors:
                owner = people.owner(owner_id, f"'{said[:60]}' in {file.display}: only the "
                                     "exporter's own actions read 'You …'")
        return Network(
            people=people.frame(),
            messages=conform(frame, "messages"),
            sources=[SourceFile(file.display,
                                INSTAGRAM_LABEL if network == "instagram" else self.label,
                                len(rows), ", ".join(parts))],
            problems=problems,
            chat_names=other,
            owner=owner,
            not_exporters=list(dict.fromkeys(reactors)),
        )


#: The rows of a sender who is no member of the thread: an unavailable account, the assistant.
_NO_MEMBER = (UNAVAILABLE, ASSISTANT)


def _gone_members_as_recipients(rows: list[dict[str, Any]], listed: set[str]) -> None:
    """Make each sender of a group thread whom its participants list leaves out (removed or
    gone since) a recipient of the messages sent while they wrote there, from their first
    message to their last: a published group thread's member wrote 74 messages over eight
    months and was then removed; the owner's 268 messages of that time went to the final
    list only, and that member read as a tie who writes and is never answered."""
    import pandas as pd

    spans: dict[str, tuple[Any, Any]] = {}
    for row in rows:
        sender, when = row["sender_id"], row["sent_at"]
        if sender in listed or row["set_aside"] in _NO_MEMBER or pd.isna(when):
            continue
        first, last = spans.get(sender, (when, when))
        spans[sender] = (min(first, when), max(last, when))
    if not spans:
        return
    for row in rows:
        when = row["sent_at"]
        if pd.isna(when) or row["set_aside"] in _NO_MEMBER:
            continue
        extra = tuple(person for person, (first, last) in spans.items()
                      if person != row["sender_id"] and first <= when <= last
                      and person not in row["recipient_ids"])
        if extra:
            row["recipient_ids"] = (*row["recipient_ids"], *extra)


#: Folders of a Messenger thread that hold what was sent in it (``inbox/<thread>/photos/``…).
THREAD_MEDIA = frozenset({"photos", "videos", "audio", "files", "gifs"})
_THREAD_PAGE = re.compile(r"message_\d+\.json")


def holds_download(names: list[str]) -> bool:
    """Whether these file names (of one input) include a Facebook or Instagram download's
    friends list or a thread page: the files netaudit reads from one.

    >>> holds_download(["message_1.json", "x.csv"]), holds_download(["notes.json"])
    (True, False)
    """
    friends = set(FacebookFriends.file_names)
    return any(name in friends or _THREAD_PAGE.fullmatch(name) for name in names)


def download_file_not_read(file: InputFile) -> bool:
    """Whether ``file``, in a folder or ZIP that holds a Facebook (or Instagram) download
    (:func:`holds_download`), is one of its files netaudit does not read: any JSON of it
    (settings, devices, 'people you may know', followers…) and what a thread's folders hold
    (photos, videos, audio, files, GIFs). Expected there, so not worth a warning: a
    published 2025 download warned "41 files skipped" about 30 photos and 11 such JSON
    files.

    >>> import io
    >>> from netaudit.importers.inputs import InputFile
    >>> def named(display):
    ...     return InputFile(display, display.rsplit("/", 1)[-1], 0, lambda: io.BytesIO())
    >>> download_file_not_read(named("fb/inbox/ana_1/photos/42.png"))
    True
    >>> download_file_not_read(named("fb/messaging_settings.json"))
    True
    >>> download_file_not_read(named("fb/Connections.csv"))
    False
    """
    parts = file.display.replace("\\", "/").replace(":", "/").split("/")
    return file.name.lower().endswith(".json") or (len(parts) >= 2
                                                   and parts[-2].lower() in THREAD_MEDIA)


class FacebookHtml(Importer):
    """Facebook's export in HTML (``message_1.html``, ``your_friends.html``): recognized
    only to say that netaudit needs the JSON one."""

    name = "facebook-html"
    label = "Facebook export in HTML"
    channel = "facebook"

    def sniff(self, file: InputFile) -> bool:
        if not _HTML_NAME.match(file.name):
            return False
        return "<html" in head_text(file, 2048).lower()

    def read(self, file: InputFile, options: ReadOptions) -> Network:
        who = "Instagram" if is_instagram(file) else "Facebook"
        raise InputError(
            f"is {who}'s export in HTML, which netaudit cannot read",
            hint="request 'Download your information' again with Format: JSON (Accounts "
                 "Centre > Your information and permissions > Download your information)",
            path=file.display)
