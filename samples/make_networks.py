"""One fictional person's exports from five networks, with planted counts (issue 18).

Run ``python samples/make_networks.py`` to (re)write ``samples/networks/``: Maya Lindqvist's
LinkedIn export (folder), Facebook "Download your information" in JSON (2025 layout), X
archive, three WhatsApp chats (Android US 12 h, Android 24 h, and an iOS chat inside the ZIP
WhatsApp shares) and Telegram Desktop's ``result.json``. Every person, number and id is
invented; the output is deterministic (no clock, no randomness, fixed ZIP timestamps). Each
file reproduces the shape its reader documents (docs/formats.md 9 and "Supported inputs").

The owner is named differently on each network ("Maya Lindqvist" on LinkedIn, Facebook and
Telegram, "Maya L." on X, "Maya" in WhatsApp, where only being in every chat tells it is her).

People besides the owner, and where they are (``li`` LinkedIn, ``fb`` Facebook, ``x`` X,
``tg`` Telegram, ``wa`` WhatsApp):

==============  ==========  ========================================================
person          networks    contacts (all dates 2024-2026, UTC)
==============  ==========  ========================================================
Ana Sousa       li, wa      li: Maya -> Ana 2026-03-02, Ana -> Maya 03-03;
                            wa: Maya -> Ana 2026-10-01 09:00, Ana -> Maya 09:05
Ben Okafor      li, tg      li: Maya -> Ben 2024-05-10 (no answer);
                            tg: Ben -> Maya 2026-11-02 10:00, Maya -> Ben 10:10
Chloé Martin    li, fb      li: connection, never a message;
                            fb: friend; Chloé -> Maya 2026-09-20 18:00, Maya -> 18:30
Dev Patel       li          connection, no contact
Eva Novak       li          connection, no contact
Femi Adeyemi    li          Femi -> Maya 2026-11-10, Maya -> Femi 2026-11-11
Gus Ortega      wa          Maya -> Gus 2026-10-20 14:00, Gus -> Maya 14:20
X account 200   x           follows and is followed; Maya -> 200 2026-11-15 10:00,
                            200 -> Maya 10:30 (X names nobody: 'x.com/i/user/200')
X account 300   x           followed only, no contact: not following back, so no
                            connection (set aside as a one-way follow)
Ivo Petrov      fb          friend, no contact
Jonas Berg      tg, wa      tg: contact +49 151 11111111; wa: that number writes
                            2026-08-01 10:00, Maya answers 10:05 (joined by the number)
==============  ==========  ========================================================

PLANTED (checked exactly by tests/test_samples_networks.py; as of the last contact in the
data, 2026-11-15 10:30):

- networks: 5 (linkedin, facebook, x, telegram, whatsapp); people: 10.
- people per network: linkedin 6, facebook 2, x 1, telegram 2, whatsapp 3.
- people on two networks or more: 4 (Ana, Ben, Chloé, Jonas).
- ever talked to on each network: linkedin 3 of 6 (Ana, Ben, Femi), facebook 1 of 2 (Chloé),
  x 1 of 1 (200), telegram 1 of 2 (Ben), whatsapp 3 of 3 (Ana, Gus, Jonas).
- active ties: 6 (Ana, Ben, Chloé, Femi, Gus, 200); Jonas is fading (one contact day, 106
  days before the end: more than 3 x 30 days); Dev, Eva and Ivo are dormant.
- active ties by the network of their last contact: linkedin 1 (Femi), facebook 1 (Chloé),
  x 1 (200), telegram 1 (Ben), whatsapp 2 (Ana, Gus).
- ties alive only off LinkedIn (active, no contact on LinkedIn at all): 3 (Chloé, Gus, 200);
  Chloé is a LinkedIn connection that LinkedIn alone would call dormant.
- reply rate across channels (you wrote first; a reply in the same conversation within 30
  days; each person once): reached 4 (Ana on LinkedIn and WhatsApp, Ben on LinkedIn in 2024,
  Gus, 200), replied 3 (Ana, Gus, 200), 3 of 4 = 75%. Ben, Chloé, Femi and Jonas wrote first
  where they talked, so the owner's message there was an answer, not an outreach.
- uncertain joins (a name alone across networks, for ``netaudit people --review``): 3,
  ana-sousa@linkedin+whatsapp, ben-okafor@linkedin+telegram, chloe-martin@linkedin+facebook.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "networks"
NNBSP = "\u202f"  # WhatsApp writes a narrow no-break space before AM/PM since 2023

PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
    "Geo Location,Twitter Handles,Websites,Instant Messengers\n"
    'Maya,Lindqvist,,,,Product lead,,Software Development,,"Stockholm, Sweden",,,\n')
CONNECTIONS = [
    ("Ana", "Sousa", "ana-sousa-7", "Acme Analytics", "Data Scientist", "14 Feb 2024"),
    ("Ben", "Okafor", "ben-okafor-3", "Birch Labs", "Engineering Manager", "02 Mar 2023"),
    ("Chloé", "Martin", "chloe-martin-9", "Cedar Studio", "Designer", "21 Jun 2025"),
    ("Dev", "Patel", "dev-patel-5", "Delta Freight", "Operations Analyst", "09 Sep 2024"),
    ("Eva", "Novak", "eva-novak-1", "Echo Media", "Editor", "30 Jan 2025"),
    ("Femi", "Adeyemi", "femi-adeyemi-2", "Fjord Bank", "Product Manager", "11 Nov 2025"),
]
MAYA_URL = "https://www.linkedin.com/in/maya-lindqvist-0"


def url(slug: str) -> str:
    return f"https://www.linkedin.com/in/{slug}"


def write_linkedin(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "Profile.csv").write_text(PROFILE, encoding="utf-8")
    lines = ['Notes:', '"When exporting your connection data, you may notice that some of the '
             'email addresses are missing."', '',
             "First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [f"{first},{last},{url(slug)},,{company},{position},{date}"
              for first, last, slug, company, position, date in CONNECTIONS]
    (folder / "Connections.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    header = ('"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO",'
              '"RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS"')
    rows = [
        ("conv-ana", "Maya Lindqvist", MAYA_URL, "Ana Sousa", url("ana-sousa-7"),
         "2026-03-02 09:00:00 UTC", "Coffee in March?"),
        ("conv-ana", "Ana Sousa", url("ana-sousa-7"), "Maya Lindqvist", MAYA_URL,
         "2026-03-03 08:15:00 UTC", "Gladly, Thursday works."),
        ("conv-ben", "Maya Lindqvist", MAYA_URL, "Ben Okafor", url("ben-okafor-3"),
         "2024-05-10 12:00:00 UTC", "Would you join our panel?"),
        ("conv-femi", "Femi Adeyemi", url("femi-adeyemi-2"), "Maya Lindqvist", MAYA_URL,
         "2026-11-10 09:00:00 UTC", "Thanks for connecting, Maya."),
        ("conv-femi", "Maya Lindqvist", MAYA_URL, "Femi Adeyemi", url("femi-adeyemi-2"),
         "2026-11-11 09:30:00 UTC", "Good to meet you, Femi."),
    ]
    body = [header] + ['"' + '","'.join([conv, "", sender, sender_url, to, to_url, date, "",
                                         text, "INBOX", ""]) + '"'
                       for conv, sender, sender_url, to, to_url, date, text in rows]
    (folder / "messages.csv").write_text("\n".join(body) + "\n", encoding="utf-8")


def facebook_text(text: str) -> str:
    """Facebook's JSON escapes each UTF-8 byte on its own: 'é' becomes '\\u00c3\\u00a9'."""
    return text.encode("utf-8").decode("latin-1")


def write_facebook(folder: Path) -> None:
    friends = folder / "connections" / "friends"
    messages = folder / "your_facebook_activity" / "messages"
    thread = messages / "inbox" / "chloemartin_1029384756"
    for path in (friends, thread):
        path.mkdir(parents=True)
    (friends / "your_friends.json").write_text(json.dumps({"friends_v2": [
        {"name": facebook_text("Chloé Martin"), "timestamp": 1560000000},   # 2019-06-08
        {"name": facebook_text("Ivo Petrov"), "timestamp": 1420070400},     # 2015-01-01
    ]}, indent=2), encoding="utf-8")
    (messages / "autofill_information.json").write_text(json.dumps({"autofill_information_v2": {
        "FULL_NAME": [facebook_text("Maya Lindqvist")], "FIRST_NAME": ["Maya"],
        "LAST_NAME": ["Lindqvist"], "EMAIL": ["maya.lindqvist@example.com"]}}, indent=2),
        encoding="utf-8")
    # Newest first, as Messenger writes a thread.
    (thread / "message_1.json").write_text(json.dumps({
        "participants": [{"name": facebook_text("Chloé Martin")},
                         {"name": facebook_text("Maya Lindqvist")}],
        "messages": [
            {"sender_name": facebook_text("Maya Lindqvist"), "timestamp_ms": 1789929000000,
             "content": facebook_text("Yes! See you there 😀"), "is_geoblocked_for_viewer": False},
            {"sender_name": facebook_text("Chloé Martin"), "timestamp_ms": 1789927200000,
             "content": facebook_text("Are you coming to the design meetup?"),
             "is_geoblocked_for_viewer": False},
        ],
        "title": facebook_text("Chloé Martin"), "is_still_participant": True,
        "thread_path": "inbox/chloemartin_1029384756", "magic_words": [],
    }, indent=2), encoding="utf-8")


def write_x(folder: Path) -> None:
    data = folder / "data"
    data.mkdir(parents=True)

    def js(name: str, records: list) -> str:
        return f"window.YTD.{name}.part0 = " + json.dumps(records, indent=2)

    (data / "account.js").write_text(js("account", [{"account": {
        "username": "maya_l", "accountId": "100", "createdVia": "web",
        "createdAt": "2014-04-01T08:00:00.000Z", "accountDisplayName": "Maya L."}}]),
        encoding="utf-8")
    link = "https://twitter.com/intent/user?user_id={}"
    (data / "following.js").write_text(js("following", [
        {"following": {"accountId": i, "userLink": link.format(i)}} for i in ("200", "300")]),
        encoding="utf-8")
    (data / "follower.js").write_text(js("follower", [
        {"follower": {"accountId": "200", "userLink": link.format("200")}}]), encoding="utf-8")
    (data / "direct-messages.js").write_text(js("direct_messages", [{"dmConversation": {
        "conversationId": "100-200", "messages": [
            {"messageCreate": {"recipientId": "100", "senderId": "200", "id": "9002",
                               "text": "Sure, send it over", "reactions": [], "urls": [],
                               "mediaUrls": [], "createdAt": "2026-11-15T10:30:00.000Z"}},
            {"messageCreate": {"recipientId": "200", "senderId": "100", "id": "9001",
                               "text": "Can I share the draft with you?", "reactions": [],
                               "urls": [], "mediaUrls": [],
                               "createdAt": "2026-11-15T10:00:00.000Z"}}]}}]),
        encoding="utf-8")


ENCRYPTED = ("Messages and calls are end-to-end encrypted. No one outside of this chat, not "
             "even WhatsApp, can read or listen to them. Tap to learn more.")


def write_whatsapp(folder: Path) -> None:
    folder.mkdir(parents=True)
    # Android, US form: M/D/YY with AM/PM (10/1/26 reads month-first: October 1).
    (folder / "WhatsApp Chat with Ana Sousa.txt").write_text(
        f"10/1/26, 8:59{NNBSP}AM - {ENCRYPTED}\n"
        f"10/1/26, 9:00{NNBSP}AM - Maya: Ana! Are you in Lisbon next week?\n"
        f"10/1/26, 9:05{NNBSP}AM - Ana Sousa: I am, from Tuesday.\n"
        "Dinner?\n", encoding="utf-8")
    # Android, 24 h, day first (20/10/2026 settles it).
    (folder / "WhatsApp Chat with Gus Ortega.txt").write_text(
        f"20/10/2026, 13:59 - {ENCRYPTED}\n"
        "20/10/2026, 14:00 - Maya: Gus, do you still have the climbing rope?\n"
        "20/10/2026, 14:20 - Gus Ortega: Yes, come and get it\n", encoding="utf-8")
    # iOS, inside the ZIP WhatsApp shares; the sender is not in the phone's address book, so
    # WhatsApp writes his number. U+200E before the system line, as iOS writes it.
    chat = ("[01.08.26, 09:59:00] +49 151 11111111: \u200e" + ENCRYPTED + "\n"
            "[01.08.26, 10:00:00] +49 151 11111111: Hallo Maya, Jonas here, from the fair\n"
            "[01.08.26, 10:05:00] Maya: Hi Jonas! Good to hear from you\n")
    with zipfile.ZipFile(folder / "WhatsApp Chat - +49 151 11111111.zip", "w",
                         zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("_chat.txt", date_time=(2026, 8, 1, 10, 6, 0))
        archive.writestr(info, chat.encode("utf-8"))


def write_telegram(folder: Path) -> None:
    folder.mkdir(parents=True)
    document = {
        "about": "Here is the data you requested.",
        "personal_information": {"user_id": 8000000001, "first_name": "Maya",
                                 "last_name": "Lindqvist", "phone_number": "+46 70 123 45 67",
                                 "username": "@mayal", "bio": ""},
        "contacts": {"about": "This is your contacts list.", "list": [
            {"first_name": "Ben", "last_name": "Okafor", "phone_number": "+44 7700 900123",
             "date": "2023-03-02T10:00:00", "date_unixtime": "1677751200"},
            {"first_name": "Jonas", "last_name": "Berg", "phone_number": "+49 151 11111111",
             "date": "2026-08-01T10:10:00", "date_unixtime": "1785579000"}]},
        "chats": {"about": "This page lists all chats from this export.", "list": [
            {"name": "Ben Okafor", "type": "personal_chat", "id": 8000000002, "messages": [
                {"id": 1, "type": "message", "date": "2026-11-02T11:00:00",
                 "date_unixtime": "1793613600", "from": "Ben Okafor",
                 "from_id": "user8000000002", "text": "Maya, long time! Are you hiring?",
                 "text_entities": [{"type": "plain", "text": "Maya, long time! Are you hiring?"}]},
                {"id": 2, "type": "message", "date": "2026-11-02T11:10:00",
                 "date_unixtime": "1793614200", "from": "Maya Lindqvist",
                 "from_id": "user8000000001",
                 "text": ["We are: ", {"type": "link", "text": "https://example.org/jobs"}],
                 "text_entities": []}]}]},
    }
    (folder / "result.json").write_text(json.dumps(document, ensure_ascii=False, indent=1),
                                        encoding="utf-8")


def main(out: Path = OUT) -> Path:
    if out.exists():
        shutil.rmtree(out)
    write_linkedin(out / "linkedin")
    write_facebook(out / "facebook")
    write_x(out / "x")
    write_whatsapp(out / "whatsapp")
    write_telegram(out / "telegram")
    return out


if __name__ == "__main__":
    print(f"wrote {main()}")
