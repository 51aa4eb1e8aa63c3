"""Fictional LinkedIn export on which ``netaudit replies`` reproduces the essay's experiment 1:
42 of 1,050 replied (4.0%, Wilson 95% interval 2.97%-5.36%).

Run ``python samples/article/make_replies.py`` to regenerate ``samples/article/replies/``:

* ``Connections.csv``: 1,050 connections (2023+ seven-column format with the ``Notes:``
  preamble, newest first, no final newline), connected between 2005 and February 2010.
* ``Invitations.csv``: one invitation per connection (2024+ format with profile URLs): 990
  of them asked the owner (INCOMING), the owner asked the other 60 (OUTGOING).
* ``messages.csv``: the Dec 2024 twelve-column format (``IS MESSAGE DRAFT``,
  ``IS CONVERSATION DRAFT``), grouped by conversation, newest first inside each.
* ``Profile.csv``: the owner, Morgan Avery.
* ``replies_TRUTH.json`` (beside the folder, so that the folder is a clean export): the
  figures the rules must give, worked out here from the construction (not by running
  netaudit).

The experiment: between 2010-03-01 and 2010-03-05 the owner wrote one message (one template,
two greeting variants, the first name inside) to each of the 1,050 connections; 42 of them
replied within 30 days. Everything is invented (names are pool combinations, companies
made-up words, e-mails at example.com). Standard library only, deterministic.

Noise the rules must exclude (each kept so the expected figures stay 42 of 1,050):

1. Sponsored conversation: ``LinkedIn Member`` writes twice under ``Sponsored Conversation``
   and the owner answers once (TO ``LinkedIn Member``, no URL). Never outreach, never a reply.
2. Drafts: a draft of the owner in the conversation of Wren Halloway (a recruiter who is not a
   connection), 68 days after Wren's last message, followed 5 days later by a new message
   from Wren; if the draft counted, Wren would be reached and would have replied. Plus one
   empty conversation draft (no recipient).
3. A person who wrote first: Wren wrote on 2010-01-10 and the owner answered the next day
   (an answer, not outreach); Wren's 2010-03-25 message is answered on 2010-03-26 (answer);
   Wren's last message (2010-06-15) closes the log, so no reply window is open at its end.
   And Quinn Oduya (a connection) asked a question on 2010-02-20: the campaign message to
   Quinn on 2010-03-01 is an answer, and Quinn's reply to it is no reply to an outreach. Quinn
   is reached only by the follow-up of 2010-04-05 (34 days after Quinn's last message), which
   Quinn never answers: reached, not replied.
4. Late replies: one connection replies 45 days after the campaign message, another 30 days
   and 1 minute after it: neither counts. One replier answers exactly 30 days after (counts).
5. Follow-up: on 2010-04-05 the owner sends "just following up" to 20 people who had not
   replied (Quinn among them); one of them replies on 2010-05-01, 26 days after the follow-up:
   a replier (one of the 42), counted once.
6. Old conversations: five connections wrote in June 2009 and were answered then; the
   campaign message lands in the same conversation more than 30 days later, so it is outreach.
   Two of the five are among the 42.
7. A group conversation (2010-04-20) with three connections who were all reached already; one
   of them (a replier) answers in the group. Reached stays 1,050, replied 42.

A naive count (anyone the owner wrote to; anyone who wrote after the owner) would give 47 of
1,052: Wren and LinkedIn Member added to the reached; Wren, LinkedIn Member, Quinn and the two
late repliers added to the replied.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import math
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "replies"
TRUTH = HERE / "replies_TRUTH.json"
SEED = 1050

OWNER = ("Morgan", "Avery", "https://www.linkedin.com/in/morgan-avery-0a7c")
CONNECTIONS = 1050
INCOMING = 990
REPLIED = 42
CAMPAIGN_START = datetime(2010, 3, 1, 9, 0, tzinfo=UTC)
FOLLOW_UP_AT = datetime(2010, 4, 5, 10, 0, tzinfo=UTC)
FOLLOW_UP_REPLY_AT = datetime(2010, 5, 1, 10, 0, tzinfo=UTC)
GROUP_AT = datetime(2010, 4, 20, 16, 0, tzinfo=UTC)

#: Hours from the campaign message to the reply for 41 of the 42 repliers (the 42nd replies
#: to the follow-up). 18 within 24 h, 14 more within 7 days (168 h exactly included), 9 later,
#: the last exactly 30 days (720 h: inside the window).
REPLY_HOURS = [0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 20, 23.5,
               26, 30, 36, 44, 50, 60, 72, 84, 96, 110, 120, 140, 150, 168,
               200, 250, 300, 360, 420, 500, 600, 700, 720]

FIRST = ["Aaron", "Beatriz", "Cheng", "Dalia", "Emeka", "Freya", "Gustavo", "Hanne", "Idris",
         "Jolene", "Kasper", "Leonie", "Matteo", "Nadia", "Oskar", "Paloma", "Rafael", "Selma",
         "Tobias", "Ulrike", "Vikram", "Wanda", "Xavier", "Yara", "Zoltan", "Amira", "Bruno",
         "Celeste", "Dario", "Elif"]
LAST = ["Abbott", "Bergstrom", "Castillo", "Delaney", "Eberhardt", "Falconer", "Gallo",
        "Hollis", "Ishikawa", "Jankowski", "Kowalczyk", "Lindgren", "Marchetti", "Nakashima",
        "Okonkwo", "Pellegrini", "Quaresma", "Rautio", "Salazar", "Teixeira", "Umarov",
        "Vernier", "Wojcik", "Yilmazer", "Zarate", "Achebe", "Brandt", "Carvalho", "Dunmore",
        "Esterhazy", "Forsberg", "Grimaldi", "Haverkamp", "Ilves", "Juarez"]
COMPANIES = ["Brightwell Analytics", "Corvane", "Duskline", "Elmsworth & Co", "Fennick Labs",
             "Glasswing", "Harbor Loop", "Istrova", "Juniper Stack", "Kestrel Works",
             "Lumacraft", "Mirefield", "Northquay", "Oakvane Consulting", "Pinemoor",
             "Quarrystone", "Redfern Systems", "Saltmarsh Media", "Tidewell", "Umberlight"]
POSITIONS = ["Software Engineer", "Senior Developer", "Technical Recruiter", "Data Analyst",
             "Product Manager", "Marketing Manager", "Sales Director", "UX Designer",
             "Management Consultant", "Founder", "Chief Executive Officer", "HR Business Partner",
             "Financial Controller", "Research Scientist", "Account Executive", "Florist"]

CAMPAIGN_BODIES = [
    "Hi {first}, I am taking stock of my network and would like to know what services you "
    "offer, and to tell you about mine: I help small teams ship their first data products. "
    "Would a 15-minute call suit you, {first}?",
    "Hello {first} -- I am taking stock of my network and would like to know what services "
    "you offer, and to tell you about mine: I help small teams ship their first data "
    "products. Would a 15-minute call suit you, {first}?",
]
REPLY_BODIES = ["Thanks for reaching out! Happy to talk next week.",
                "Hi Morgan, good to hear from you. We mostly do consulting; a call is fine.",
                "Sure, send me a time that works.",
                "Interesting, tell me more about the data products."]
FOLLOW_UP_BODY = ("Hi {first}, just following up on my note from last month. Would a short "
                  "call suit you?")

CONNECTIONS_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are'
    " missing. You will only see email addresses for connections who have allowed their"
    " connections to see or download their email address using this setting"
    " https://www.linkedin.com/psettings/privacy/email. You can learn more here"
    ' https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
CONNECTIONS_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                      "Connected On"]
INVITATIONS_HEADER = ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
                      "inviteeProfileUrl"]
MESSAGES_HEADER = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                   "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER",
                   "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT"]
PROFILE_HEADER = ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline",
                  "Summary", "Industry", "Zip Code", "Geo Location", "Twitter Handles",
                  "Websites", "Instant Messengers"]


class Person:
    def __init__(self, index: int, first: str, last: str, rng: random.Random) -> None:
        self.index = index
        self.first, self.last = first, last
        self.url = (f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-"
                    f"{index:04x}")
        self.company = rng.choice(COMPANIES)
        self.position = POSITIONS[index % len(POSITIONS)]
        self.email = (f"{first.lower()}.{last.lower()}@example.com"
                      if index % 25 == 0 else "")
        # Connected between June 2005 and mid-February 2010 (before the experiment).
        day0 = datetime(2005, 6, 1, tzinfo=UTC)
        self.connected = day0 + timedelta(days=rng.randrange(0, 1720),
                                          minutes=rng.randrange(0, 1440))
        self.invited_owner = True

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


def conversation_id(key: str) -> str:
    digest = hashlib.sha1(key.encode()).digest()[:16]
    return "2-" + base64.b64encode(digest).decode()


def stamp(at: datetime) -> str:
    """messages.DATE: ``2010-03-01 09:00:00 UTC``."""
    return at.strftime("%Y-%m-%d %H:%M:%S UTC")


def mdy(at: datetime) -> str:
    """Invitations Sent At: ``3/1/10, 9:05 AM`` (unpadded)."""
    hour = at.hour % 12 or 12
    return f"{at.month}/{at.day}/{at.strftime('%y')}, {hour}:{at.minute:02d} " + (
        "AM" if at.hour < 12 else "PM")


def build() -> dict:
    rng = random.Random(SEED)
    names = [(f, last) for last in LAST for f in FIRST]
    rng.shuffle(names)
    people = [Person(i, f, last, rng) for i, (f, last) in enumerate(names[:CONNECTIONS])]
    me = ("Morgan Avery", OWNER[2])

    # Roles in the story, drawn once from the shuffled connections.
    order = list(range(CONNECTIONS))
    rng.shuffle(order)
    quinn = people[order[0]]
    quinn.first, quinn.last = "Quinn", "Oduya"
    quinn.url = "https://www.linkedin.com/in/quinn-oduya-5e21"
    old_friends = [people[i] for i in order[1:6]]
    # 41 answer the campaign (39 new conversations, 2 old ones), the 42nd the follow-up.
    repliers = [people[i] for i in order[6:45]] + old_friends[:2]
    follow_up_replier = people[order[45]]
    repliers.append(follow_up_replier)
    assert len(repliers) == REPLIED == len(REPLY_HOURS) + 1
    late_45_days, late_30_days_1_minute = people[order[50]], people[order[51]]
    follow_up = [quinn, follow_up_replier] + [people[i] for i in order[60:78]]
    group = [repliers[3], people[order[90]], people[order[91]]]
    # 60 connections the owner invited: 10 of them among the repliers.
    outgoing = {id(p) for p in repliers[:10]} | {id(people[i]) for i in order[100:150]}
    for p in people:
        p.invited_owner = id(p) not in outgoing
    assert sum(not p.invited_owner for p in people) == CONNECTIONS - INCOMING

    conversations: dict[str, dict] = {}

    def conv(key: str, title: str = "") -> dict:
        if key not in conversations:
            conversations[key] = {"id": conversation_id(key), "title": title, "rows": []}
        return conversations[key]

    def say(c: dict, at: datetime, sender: tuple[str, str], to: list[tuple[str, str]],
            body: str, *, draft: bool = False, folder: str = "INBOX",
            conversation_draft: bool = False) -> None:
        c["rows"].append([c["id"], c["title"], sender[0], sender[1],
                          ",".join(n for n, _ in to), ",".join(u for _, u in to), stamp(at),
                          "", body, folder, "Yes" if draft else "No",
                          "Yes" if conversation_draft else "No"])

    def who(p: Person) -> tuple[str, str]:
        return (p.name, p.url)

    # 6. Old conversations of June 2009: they wrote, the owner answered.
    for k, p in enumerate(old_friends):
        at = datetime(2009, 6, 3 + k, 18, 0, tzinfo=UTC)
        say(conv(p.url), at, who(p), [me], f"Congratulations on the new role, {OWNER[0]}!")
        say(conv(p.url), at + timedelta(hours=20), me, [who(p)], "Thank you, much appreciated!")

    # 3. Quinn asked first (2010-02-20).
    say(conv(quinn.url), datetime(2010, 2, 20, 8, 30, tzinfo=UTC), who(quinn), [me],
        "Morgan, are you hiring data engineers this spring?")

    # The campaign: 210 messages a day from 09:00, two minutes apart, 2010-03-01 to 03-05.
    # Quinn is first, so Quinn's answer is dated 2010-03-02.
    sequence = [quinn] + [p for p in people if p is not quinn]
    sent_at: dict[int, datetime] = {}
    for n, p in enumerate(sequence):
        at = CAMPAIGN_START + timedelta(days=n // 210, minutes=2 * (n % 210))
        sent_at[id(p)] = at
        body = CAMPAIGN_BODIES[n % 2].format(first=p.first)
        say(conv(p.url), at, me, [who(p)], body)
    say(conv(quinn.url), sent_at[id(quinn)] + timedelta(hours=27), who(quinn), [me],
        "Thanks, I will think about it and get back to you.")

    truth_hours = []
    for p, hours in zip(repliers[:41], REPLY_HOURS, strict=True):
        at = sent_at[id(p)] + timedelta(hours=hours)
        say(conv(p.url), at, who(p), [me], REPLY_BODIES[p.index % len(REPLY_BODIES)])
        truth_hours.append(hours)

    # 4. Late replies.
    say(conv(late_45_days.url), sent_at[id(late_45_days)] + timedelta(days=45),
        who(late_45_days), [me], "Sorry for the very late answer: happy to talk.")
    say(conv(late_30_days_1_minute.url),
        sent_at[id(late_30_days_1_minute)] + timedelta(days=30, minutes=1),
        who(late_30_days_1_minute), [me], "Sorry, only saw this now. Let's talk.")

    # 5. The follow-up to 20 people who had not replied, one minute apart; one answers.
    for n, p in enumerate(follow_up):
        say(conv(p.url), FOLLOW_UP_AT + timedelta(minutes=n), me, [who(p)],
            FOLLOW_UP_BODY.format(first=p.first))
    say(conv(follow_up_replier.url), FOLLOW_UP_REPLY_AT, who(follow_up_replier), [me],
        "Sorry for the delay, Morgan. Yes, let's have that call.")
    truth_hours.append((FOLLOW_UP_REPLY_AT - sent_at[id(follow_up_replier)])
                       / timedelta(hours=1))

    # 7. A group conversation with three people reached already; the replier answers.
    g = conv("group-meetup", "Data meetup in April")
    say(g, GROUP_AT, me, [who(p) for p in group],
        "Hello all, would you like to join a small data meetup on 6 May?")
    say(g, GROUP_AT + timedelta(hours=5), who(group[0]), [me, who(group[1]), who(group[2])],
        "Count me in!")

    # 2./3. Wren Halloway, a recruiter who is not a connection.
    wren = ("Wren Halloway", "https://www.linkedin.com/in/wren-halloway-77b0")
    w = conv(wren[1])
    say(w, datetime(2010, 1, 10, 14, 0, tzinfo=UTC), wren, [me],
        "Hi Morgan, are you open to a data lead role in Rotterdam?")
    say(w, datetime(2010, 1, 11, 9, 0, tzinfo=UTC), me, [wren],
        "Thanks Wren, not right now, but keep me in mind.")
    say(w, datetime(2010, 3, 20, 11, 0, tzinfo=UTC), me, [wren],
        "Hi Wren, actually I might be interested after all", draft=True, folder="")
    say(w, datetime(2010, 3, 25, 15, 0, tzinfo=UTC), wren, [me],
        "Hi Morgan, any news on your side? The role is still open.")
    say(w, datetime(2010, 3, 26, 8, 0, tzinfo=UTC), me, [wren],
        "Not yet, I will let you know by April.")
    # The log goes on after the experiment (a real export is taken later), so no reply
    # window is still open at its end.
    say(w, datetime(2010, 6, 15, 10, 0, tzinfo=UTC), wren, [me],
        "Hi Morgan, the role is filled now. Good luck with the data products!")
    say(conv("draft-nobody"), datetime(2010, 4, 2, 12, 0, tzinfo=UTC), me, [],
        "Note to self: newsletter idea", draft=True, folder="", conversation_draft=True)

    # 1. Sponsored conversation.
    s = conv("sponsored", "Sponsored Conversation")
    member = ("LinkedIn Member", "")
    say(s, datetime(2010, 3, 10, 7, 0, tzinfo=UTC), member, [me],
        '<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%,</p><p>Grow your '
        "business with our analytics suite.</p>")
    say(s, datetime(2010, 3, 10, 7, 5, tzinfo=UTC), me, [member], "Yes, tell me more")
    say(s, datetime(2010, 3, 11, 7, 0, tzinfo=UTC), member, [me],
        "<p>Thanks! A specialist will contact you.</p>")

    rows = [r for c in conversations.values()
            for r in sorted(c["rows"], key=lambda r: r[6], reverse=True)]

    return {"people": people, "rows": rows, "me": me, "truth_hours": truth_hours,
            "follow_up": follow_up, "group": group}


def wilson(x: int, n: int) -> tuple[float, float]:
    z = 1.959963984540054
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def write(data: dict, out: Path = OUT, truth_path: Path = TRUTH) -> None:
    """Write the export folder ``out`` and the expected figures ``truth_path``."""
    out.mkdir(parents=True, exist_ok=True)
    people = sorted(data["people"], key=lambda p: p.connected, reverse=True)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CONNECTIONS_HEADER)
    for p in people:
        writer.writerow([p.first, p.last, p.url, p.email, p.company, p.position,
                         p.connected.strftime("%d %b %Y")])
    text = CONNECTIONS_PREAMBLE + buffer.getvalue().rstrip("\n")  # no final newline
    (out / "Connections.csv").write_text(text, encoding="utf-8")

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(INVITATIONS_HEADER)
    me_name, me_url = data["me"]
    for p in people:
        at = p.connected - timedelta(hours=6)
        if p.invited_owner:
            writer.writerow([p.name, me_name, mdy(at), "", "INCOMING", p.url, me_url])
        else:
            writer.writerow([me_name, p.name, mdy(at), "", "OUTGOING", me_url, p.url])
    (out / "Invitations.csv").write_text(buffer.getvalue(), encoding="utf-8")

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(MESSAGES_HEADER)
    writer.writerows(data["rows"])
    (out / "messages.csv").write_text(buffer.getvalue(), encoding="utf-8")

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(PROFILE_HEADER)
    writer.writerow([OWNER[0], OWNER[1], "", "", "", "Data products for small teams",
                     "", "Information Technology", "", "Rotterdam, Netherlands", "", "", ""])
    (out / "Profile.csv").write_text(buffer.getvalue(), encoding="utf-8")

    hours = sorted(data["truth_hours"])
    median = (hours[20] + hours[21]) / 2
    low, high = wilson(REPLIED, CONNECTIONS)
    truth = {
        "reached": CONNECTIONS,
        "replied": REPLIED,
        "reply_rate": REPLIED / CONNECTIONS,
        "ci95_percent_2dp": [round(100 * low, 2), round(100 * high, 2)],
        "window_days": 30,
        "median_hours_to_reply": median,
        "replied_within_24h": sum(h <= 24 for h in hours),
        "replied_within_7d": sum(h <= 168 for h in hours),
        # the owner's June 2009 answers to 5 old friends, the campaign message to Quinn,
        # the two answers to Wren (the answer to LinkedIn Member is a system row).
        "answers_not_outreach": 8,
        "invited": {"they invited you": [INCOMING, 32], "you invited them": [60, 10]},
        "conversation": {"1:1": [CONNECTIONS - 3, REPLIED - 1], "1:1 and group": [3, 1]},
        "campaigns": [
            {"what": "the experiment (Quinn's message was an answer)", "reached": 1049,
             "replied": 41},
            {"what": "the follow-up of 2010-04-05", "reached": 20, "replied": 1},
        ],
        "naive": {"reached": CONNECTIONS + 2, "replied": REPLIED + 5},
        "not_counted": {"drafts": 2, "sponsored_system_rows": 3},
    }
    truth_path.write_text(json.dumps(truth, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    write(build())
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
