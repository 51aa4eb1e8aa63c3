"""Telegram Desktop's export (Settings > Advanced > Export Telegram data, format JSON):
``result.json``, holding every chat or one chat.

Facts (README "Telegram"; seen in parsers' code and test data, 2021-2026):

- The whole-account export: ``{"personal_information": {"user_id", "first_name",
  "last_name", "phone_number", "username"}, "contacts": {"list": [{"first_name",
  "last_name", "phone_number", "date"}]}, "chats": {"list": [chat, …]}, "left_chats":
  {"list": […]}}``. A one-chat export ("Export chat history") is a chat object alone.
- A chat: ``{"name", "type", "id", "messages": […]}``; types ``personal_chat``,
  ``private_group``, ``private_supergroup``, ``public_supergroup``, ``saved_messages``,
  ``bot_chat``, ``private_channel``, ``public_channel``.
- A message: ``{"id", "type": "message", "date": "2024-10-09T19:32:23", "date_unixtime":
  "1728502343", "from": "Name", "from_id": "user653911985", "text": …}``; ``text`` is a string
  or a list of strings and ``{"type", "text"}`` entities (links, bold…). ``date`` is the
  exporting computer's local time; ``date_unixtime`` (newer exports) is the true instant and
  is preferred. ``from`` is null for a deleted account.
- Service messages (``"type": "service"``, ``actor``/``action``: joins, calls, pins) are not
  messages: counted and left out.
- Read: personal chats and private groups; channels, public supergroups (broadcast
  audiences, not ties), saved messages and bots are counted and left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netaudit.errors import InputError, Problem
from netaudit.importers._chats import as_phone, head_text, load_json, text_of
from netaudit.importers.base import Importer, PeopleBuilder, ReadOptions

if TYPE_CHECKING:
    from netaudit.importers.inputs import InputFile
    from netaudit.model import Network

READ_TYPES = ("personal_chat", "private_group", "private_supergroup")
SKIPPED_TYPES = ("public_supergroup", "saved_messages", "bot_chat", "private_channel",
                 "public_channel")


def _name(first: Any, last: Any) -> str:
    parts = [p.strip() for p in (first, last) if isinstance(p, str) and p.strip()]
    return " ".join(parts)


class Telegram(Importer):
    """Telegram Desktop's JSON export, ``result.json`` (every chat, or one)."""

    name = "telegram"
    label = "Telegram export"
    channel = "telegram"
    file_names = ("result.json",)

    def sniff(self, file: InputFile) -> bool:
        head = head_text(file, 16384)
        if not head.lstrip().startswith("{"):
            return False
        if '"personal_information"' in head or '"chats"' in head and '"list"' in head:
            return '"about"' in head or '"personal_information"' in head
        # One chat: {"name", "type": "personal_chat", "id", "messages": [{… "from_id" …}]}
        return (any(f'"{t}"' in head for t in (*READ_TYPES, *SKIPPED_TYPES))
                and '"messages"' in head and ('"from_id"' in head or '"date_unixtime"' in head
                                              or '"messages": []' in head))

    def read(self, file: InputFile, options: ReadOptions) -> Network:
        import pandas as pd

        from netaudit.model import Network, Owner, SourceFile, conform

        document = load_json(file, "Telegram export")
        if not isinstance(document, dict):
            raise InputError("is not a Telegram export",
                             hint="expected result.json from Telegram Desktop's export in JSON",
                             path=file.display)
        people = PeopleBuilder(file.display, file.display)
        by_user: dict[str, str] = {}

        def person(user: str, name: str, **fields: Any) -> str:
            # People meet by their Telegram id where the export gives one, else by name.
            key = user or f"name:{name}"
            found = by_user.get(key)
            if found is None:
                found = by_user[key] = (people.person(name=name, **fields) if name
                                        else people.anonymous(**fields))
            return found

        owner = None
        me = document.get("personal_information")
        owner_key = ""
        if isinstance(me, dict):
            name = _name(me.get("first_name"), me.get("last_name"))
            user = me.get("user_id")
            owner_key = f"user{user}" if isinstance(user, int) and not isinstance(user, bool) \
                else ""
            phone = me.get("phone_number")
            pid = person(owner_key, name, is_owner=True,
                         phone=as_phone(phone) if isinstance(phone, str) else "")
            owner = Owner(pid, name, f"personal_information in {file.display}")
        contacts = 0
        listed = document.get("contacts")
        for entry in (listed.get("list") if isinstance(listed, dict) else None) or []:
            if not isinstance(entry, dict):
                continue
            name = _name(entry.get("first_name"), entry.get("last_name"))
            phone = entry.get("phone_number")
            phone = as_phone(phone) if isinstance(phone, str) else ""
            if not name and not phone:
                continue
            contacts += 1
            person("", name or phone, is_contact=True, phone=phone)
        if "messages" in document and "chats" not in document:
            chats = [document]
        else:
            chats = []
            for key in ("chats", "left_chats"):
                block = document.get(key)
                if isinstance(block, dict) and isinstance(block.get("list"), list):
                    chats.extend(c for c in block["list"] if isinstance(c, dict))
        if owner is None and not chats and not contacts:
            raise InputError("holds no chat and no contact",
                             hint="export with Telegram Desktop: Settings > Advanced > Export "
                                  "Telegram data, format 'Machine-readable JSON'",
                             path=file.display)
        rows: list[dict[str, Any]] = []
        skipped_chats: dict[str, int] = {}
        partners: dict[int, str] = {}
        service = no_sender = 0
        report = options.progress
        for number, chat in enumerate(chats):
            if report is not None:
                report(f"reading {file.name}", file.size * number // len(chats), file.size)
            kind = chat.get("type") if isinstance(chat.get("type"), str) else ""
            if kind not in READ_TYPES:
                skipped_chats[kind or "unknown"] = skipped_chats.get(kind or "unknown", 0) + 1
                continue
            messages = found if isinstance(found := chat.get("messages"), list) else []
            chat_id = chat.get("id")
            conversation = f"telegram:{chat_id if chat_id is not None else number}"
            members: list[str] = []
            if owner is not None:
                members.append(owner.person_id)
            if kind == "personal_chat":
                title = found if isinstance(found := chat.get("name"), str) else ""
                partner = f"user{chat_id}" if isinstance(chat_id, int) else ""
                if title or partner:
                    partners[number] = person(partner, title.strip())
                    members.append(partners[number])
            kept = []
            for message in messages:
                if not isinstance(message, dict):
                    continue
                if message.get("type") != "message":
                    service += 1
                    continue
                user = found if isinstance(found := message.get("from_id"), str) else ""
                name = found if isinstance(found := message.get("from"), str) else ""
                if not user and not name:
                    no_sender += 1
                    continue
                sender = person(user, name.strip())
                members.append(sender)
                kept.append((message, sender))
            members = list(dict.fromkeys(members))
            for message, sender in kept:
                rows.append({
                    "message_id": f"{file.display}#{chat_id}:{message.get('id')}",
                    "conversation_id": conversation,
                    "sent_at": _when(message),
                    "sender_id": sender,
                    "recipient_ids": tuple(m for m in members if m != sender),
                    "body": text_of(message.get("text")),
                    "source": file.display,
                })
        if owner is None and len(chats) == 1 and chats[0].get("type") == "personal_chat":
            # A one-chat export names the chat after the other person: the owner is the one
            # sender who is not that person.
            title = found if isinstance(found := chats[0].get("name"), str) else ""
            other = partners.get(0)
            senders = {row["sender_id"] for row in rows} - {other}
            if other and len(senders) == 1:
                owner = people.owner(senders.pop(),
                                     f"the other sender of the chat with {title.strip()}")
        frame = pd.DataFrame(rows)
        problems = []
        if len(frame):
            frame["recipient_ids"] = pd.Series([r["recipient_ids"] for r in rows], dtype=object)
            dates = pd.to_datetime(frame["sent_at"], utc=True, errors="coerce")
            unreadable = int(dates.isna().sum())
            frame["sent_at"] = dates
            if unreadable:
                problems.append(Problem(file.display, "have no date netaudit can read; their "
                                        "date was left empty", unreadable, unit="message"))
        if no_sender:
            problems.append(Problem(file.display, "have no sender and were skipped", no_sender,
                                    unit="message"))
        read = len(chats) - sum(skipped_chats.values())
        parts = [f"{read:,} chats read"]
        if contacts:
            parts.append(f"{contacts:,} contacts")
        if service:
            parts.append(f"{service:,} service messages left out")
        if skipped_chats:
            parts.append("left out: " + ", ".join(f"{count:,} {kind}" for kind, count in
                                                  sorted(skipped_chats.items())))
        return Network(
            people=people.frame(),
            messages=conform(frame, "messages"),
            owner=owner,
            sources=[SourceFile(file.display, self.label, len(rows), ", ".join(parts))],
            problems=problems,
        )


def _when(message: dict[str, Any]):  # -> pd.Timestamp | None
    import pandas as pd

    unix = message.get("date_unixtime")
    if isinstance(unix, str) and unix.isdigit():
        try:
            return pd.Timestamp(int(unix), unit="s", tz="UTC")
        except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
            return None
    date = message.get("date")
    if isinstance(date, str):
        try:
            # Local time of the exporting computer, no zone: kept as written (UTC wall time).
            return pd.Timestamp(date).tz_localize("UTC") if pd.Timestamp(date).tzinfo is None \
                else pd.Timestamp(date).tz_convert("UTC")
        except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
            return None
    return None
