"""Fictional LinkedIn exports for netaudit's demo, tests and benchmarks, and the truth about them.

Run ``python samples/make_samples.py`` to regenerate everything under ``samples/``:

* ``Basic_LinkedInDataExport_11-20-2026.zip``: a ~300-connection export in the 2026 layout,
* ``contacts.csv``: a small address book, half of it overlapping the connections by name,
* ``sample_truth.json``: ground-truth figures computed here, from the rows as written,
* ``README.md``: what each file is.

Every person is invented (random combinations of first and last names from the pools below),
every e-mail is at example.com / example.org, every profile slug is made up. The output is
deterministic: one ``random.Random(seed)`` per stream, no clock, fixed zip member timestamps.
The file layouts follow ``docs/formats.md`` (measured LinkedIn exports), era by era.

:func:`write_linkedin_export` is reused by ``benchmarks/generate.py`` for exports of 30,000
connections and 500,000 messages: rows are streamed through the ``csv`` module straight into the
zip (or folder) and nothing heavier than a template ``format`` happens per row.
"""

from __future__ import annotations

import base64
import bisect
import csv
import functools
import io
import json
import random
import sys
import time
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

SAMPLES = Path(__file__).resolve().parent
SAMPLE_SEED = 2026
ERAS = ("2022", "2023", "2024", "2025", "2026")

#: The export date of each era (the zip name and the zip members' timestamps follow it).
EXPORT_DATES = {
    "2022": date(2022, 9, 14),
    "2023": date(2023, 7, 11),
    "2024": date(2024, 12, 3),
    "2025": date(2025, 8, 26),
    "2026": date(2026, 11, 20),
}

DAY = 86_400
YEAR = 365 * DAY
REPLY_WINDOW = 30 * DAY

# docs/formats.md 2.2: byte-identical in every unedited export 2022-09 .. 2026-10 (375 bytes).
CONNECTIONS_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are'
    " missing. You will only see email addresses for connections who have allowed their"
    " connections to see or download their email address using this setting"
    " https://www.linkedin.com/psettings/privacy/email. You can learn more here"
    ' https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
assert len(CONNECTIONS_PREAMBLE.encode()) == 375

CONNECTIONS_6 = ["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"]
CONNECTIONS_7 = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                 "Connected On"]
_MSG_9 = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "DATE",
          "SUBJECT", "CONTENT", "FOLDER"]
_MSG_10 = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
           "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"]
MESSAGES_HEADERS = {
    "2022": _MSG_9,
    "2023": _MSG_10,
    "2024": _MSG_10 + ["IS MESSAGE DRAFT", "IS CONVERSATION DRAFT"],
    "2025": _MSG_10 + ["ATTACHMENTS"],
    "2026": _MSG_10 + ["ATTACHMENTS"],
}
_INV_5 = ["From", "To", "Sent At", "Message", "Direction"]
INVITATIONS_HEADERS = {
    "2022": _INV_5,
    "2023": _INV_5 + ["inviterProfileUrn", "inviteeProfileUrn"],
    "2024": _INV_5 + ["inviterProfileUrl", "inviteeProfileUrl"],
    "2025": _INV_5 + ["inviterProfileUrl", "inviteeProfileUrl"],
    "2026": _INV_5 + ["inviterProfileUrl", "inviteeProfileUrl"],
}
PROFILE_HEADER = ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline",
                  "Summary", "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites",
                  "Instant Messengers"]
RECOMMENDATIONS_HEADER = ["First Name", "Last Name", "Company", "Job Title", "Text",
                          "Creation Date", "Status"]
ENDORSEMENT_RECEIVED_5 = ["Endorsement Date", "Skill Name", "Endorser First Name",
                          "Endorser Last Name", "Endorsement Status"]
ENDORSEMENT_RECEIVED_6 = ["Endorsement Date", "Skill Name", "Endorser First Name",
                          "Endorser Last Name", "Endorser Public Url", "Endorsement Status"]
ENDORSEMENT_GIVEN_6 = ["Endorsement Date", "Skill Name", "Endorsee First Name",
                       "Endorsee Last Name", "Endorsee Public Url", "Endorsement Status"]

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# --------------------------------------------------------------------------------------------
# Invented people. Names are drawn independently, so a full name is a random combination.

FIRST_NAMES = (
    "José", "Søren", "Łukasz", "Zoë", "François", "Ana", "Björn", "Chloé", "Dmitri", "Émilie",
    "Inês", "Jürgen", "Kwame", "Leilani", "Mateus", "Nadia", "Oğuz", "Priya", "Rafael", "Sinéad",
    "Tomás", "Ulla", "Valentina", "Wei", "Xavier", "Yasmin", "Zsófia", "Aoife", "Bogdan",
    "Camila", "Darius", "Elif", "Farah", "Giulia", "Hiroshi", "Ifeoma", "Jakub", "Kateřina",
    "Lars", "Mónica", "Niamh", "Olumide", "Paweł", "Quentin", "Rosário", "Sanjay", "Thandiwe",
    "Viktor", "Wiktoria", "Yuki", "Zainab", "Agnieszka", "Benoît", "Cátia", "Dagný", "Esra",
    "Gökhan", "Hélène", "Joaquín", "Kirsi", "Luís", "Małgorzata", "Nikolaj", "Oisín", "Ngozi",
    "Emma", "Liam", "Olivia", "Noah", "Sophie", "Daniel", "Grace", "Samuel", "Hannah", "Marcus",
    "Rachel", "Ben", "Laura", "Chris", "Megan", "Aisha", "Mei", "Arjun", "Fatima", "Mohammed",
    "Sofía", "Andrés", "Ingrid", "Henrik", "Astrid", "Matías", "Renée", "Adaeze", "Tiago",
    "Jana", "Petra", "Goran", "Ayşe", "Kenji", "Min-jun", "Seo-yeon", "Amélie", "Raúl", "Lucía",
)
LAST_NAMES = (
    "García", "Madsen", "Kowalski", "Dubois", "Müller", "Silva", "Nakamura", "O'Brien", "Okafor",
    "Fernández", "Lindqvist", "Novák", "Rossi", "Patel", "Nguyen", "Hansen", "Østergaard",
    "Wiśniewski", "Álvarez", "Schäfer", "Kim", "Chen", "Haddad", "Mensah", "Jovanović",
    "Papadopoulos", "Yılmaz", "Gonçalves", "van der Berg", "de la Cruz", "MacLeod", "Björklund",
    "Kristiansen", "Moreau", "Lefèvre", "Costa", "Ramírez", "Bianchi", "Smith", "Johnson",
    "Brown", "Taylor", "Walker", "Ahmed", "Khan", "Singh", "Sato", "Tanaka", "Lee", "Park",
    "Adeyemi", "Dvořák", "Horváth", "Nowak", "Żukowski", "Ferreira", "Pereira", "Lund", "Berg",
    "Virtanen", "Korhonen", "Ó Briain", "Murphy", "Kelly", "Schmidt", "Weber", "Fischer",
    "Martínez", "López", "Sánchez", "Romero", "Moretti", "Conti", "Dimitrov", "Ivanova", "Popescu",
    "Stojanović", "Mahlangu", "Abebe", "Otieno", "Wang", "Zhang", "Liu", "Hoang", "Tran",
    "Şahin", "Demir", "Friðriksson", "Jónsdóttir", "Sørensen", "Nielsen", "Andersson", "Holm",
)
#: Whole names in other scripts, used rarely (a name is not always in Latin letters).
NON_LATIN_NAMES = (("Анна", "Волкова"), ("美咲", "佐藤"), ("Νίκος", "Παπαδάκης"),
                   ("민준", "김"), ("Ольга", "Смирнова"))
NICKNAMES = (("Katarzyna", "Kasia"), ("Aleksandr", "Sasha"), ("Margarida", "Guida"),
             ("Roberto", "Beto"), ("Elizabeth", "Liz"), ("Nhat", "Vy"), ("Guillermo", "Memo"))
CREDENTIALS = ("MBA", "PhD", "CPA", "PMP", "SPHR", "CFA", "PE")
EMOJI = ("🌱", "✨", "🚀", "🌍", "💡")

ROLES = ("engineer", "founder", "investor", "recruiter", "designer", "sales", "hiring", "product",
         "marketing", "data", "consultant", "student")
ROLE_WEIGHTS = (22, 8, 5, 9, 8, 11, 7, 10, 7, 7, 4, 2)
POSITIONS = {
    "engineer": ("Software Engineer", "Senior Backend Engineer", "Staff Engineer",
                 "Frontend Developer", "Engineering Manager", "ML Engineer", "DevOps Engineer"),
    "founder": ("Founder & CEO", "Co-founder", "Founder", "Co-Founder & CTO", "Founder, Owner"),
    "investor": ("Partner", "Principal", "Venture Associate", "Angel Investor", "General Partner"),
    "recruiter": ("Technical Recruiter", "Senior Talent Acquisition Partner",
                  "Recruitment Consultant", "Head of Talent", "Executive Search Consultant"),
    "designer": ("Product Designer", "UX Researcher", "Design Lead", "Brand Designer",
                 "Senior UX/UI Designer"),
    "sales": ("Account Executive", "Sales Director", "Business Development Manager",
              "Customer Success Manager", "Head of Sales, EMEA"),
    "hiring": ("Hiring Manager", "VP Engineering", "Head of Product", "Director of Engineering",
               "CTO"),
    "product": ("Product Manager", "Senior Product Manager", "Product Owner",
                "Group Product Manager"),
    "marketing": ("Marketing Manager", "Growth Lead", "Content Strategist", "Head of Growth"),
    "data": ("Data Scientist", "Data Analyst", "Analytics Engineer", "Head of Data"),
    "consultant": ("Consultant", "Independent Consultant", "Management Consultant",
                   "Strategy Advisor"),
    "student": ("Student", "MSc Student", "Research Assistant", "PhD Candidate"),
}
COMPANIES = (
    "Nordlicht Analytics", "Brightwater Labs", "Kestrel Robotics", "Quillon Health",
    "Tessellate Design Studio", "Acme Widgets, Inc.", "Cobalt & Finch", "Pampas Data, S.A.",
    "Vireo Systems GmbH", "Lumen & Lattice, LLC", "Orbital Peaches", "Saffron Logistics",
    "Kalliope Media", "Polar Night Games", "Mosaic Payments", "Granite Peak Consulting, LLP",
    "Self-employed", "Freelance", "Riverstone University", "Atlas Foundry", "Hollow Oak Studio",
    "Zephyr Mobility", "Ember Bio", "Tidewater Energy", "Fjordline Software AS",
    "Marigold Insurance", "Papaya Cloud", "Halcyon Robotics, Ltd.", 'The "Good Work" Agency',
    "Quokka Learning", "Sólás Analytics", "Żuraw Logistics Sp. z o.o.", "Stellar Kitchens",
    "Bluebird Health, Inc.", "Cedar & Stone", "Oktopus Data", "Meridian Retail Group",
)
RECRUITING_FIRMS = ("Talent Bridge Recruiting", "Redwood Search Partners, Ltd.",
                    "Northstar Talent", "Hire Harbor", "Kite & Key Partners")
INVESTMENT_FIRMS = ("Harbourline Capital", "Blue Fjord Ventures", "Seedling Partners, LP",
                    "Aurora Angels", "Lindenbaum Capital")
UNIVERSITIES = ("Riverstone University", "Universidade do Vale", "Technische Hochschule Nordwald")

#: ASCII folds that NFKD does not give (letters that are not a base letter plus an accent).
_FOLD_EXTRA = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae",
                             "Æ": "AE", "đ": "d", "Đ": "D", "ı": "i", "œ": "oe", "þ": "th",
                             "ð": "d", "Ð": "D"})


@functools.lru_cache(maxsize=65536)  # names come from small pools: fold each spelling once
def fold(text: str) -> str:
    """``"Łukasz Østergaard"`` -> ``"Lukasz Ostergaard"`` (Latin letters only; others are kept)."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(c for c in text if not unicodedata.combining(c))


@dataclass(slots=True)
class Person:
    """One invented member. ``first``/``last`` are as Connections.csv writes them (quirks kept)."""

    idx: int
    first: str
    last: str
    name: str  # display name in messages: "First Last", no trailing spaces
    call: str  # the name one greets them with
    slug: str
    email: str
    company: str
    position: str
    role: str
    url: str = ""  # https://www.linkedin.com/in/<slug>, '' for a deleted account

    def __post_init__(self) -> None:
        self.url = f"https://www.linkedin.com/in/{self.slug}" if self.slug else ""


class People:
    """Invented people by number: ``people[i]`` is always the same person for the same seed.

    Numbering lets several exports share people (team benchmarks: the same profile URL in two
    exports is the same person) without sharing any other state.
    """

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._cache: dict[int, Person] = {}

    def __getitem__(self, idx: int) -> Person:
        person = self._cache.get(idx)
        if person is None:
            person = self._cache[idx] = self._make(idx)
        return person

    def _make(self, idx: int) -> Person:
        rng = random.Random(f"person:{self.seed}:{idx}")
        role = rng.choices(ROLES, ROLE_WEIGHTS)[0]
        r = rng.random()
        if r < 0.015:
            first, last = rng.choice(NON_LATIN_NAMES)
        else:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        q = rng.random()
        if idx % 997 == 7:  # every sample shows these two quirks at least once
            q, first, last = 0.03, FIRST_NAMES[idx % 61], LAST_NAMES[idx % 53]
        elif idx % 997 == 11:
            q, first, last = 0.062, FIRST_NAMES[idx % 61], LAST_NAMES[idx % 53]
        plain_first, plain_last = first, last
        call = first
        if q < 0.010:  # docs/formats.md 2.2: emoji at the start of a first name (2026-10)
            first = f"{rng.choice(EMOJI)} {first}"
        elif q < 0.020:  # a nickname with doubled quotes, "Nhat ""Vy""" pattern
            plain_first, nick = rng.choice(NICKNAMES)
            first, call = f'{plain_first} "{nick}"', nick
        elif q < 0.045:  # credentials in the last-name field: "Surname, MBA"
            last = f"{last}, {'MBA' if idx % 997 == 7 else rng.choice(CREDENTIALS)}"
        elif q < 0.060:  # trailing spaces in names (92/3761 in 2024-12)
            if rng.random() < 0.5:
                first += " "
            else:
                last += " "
        elif q < 0.063:  # a first name ending in a comma (2026-10)
            first += ","
        base = f"{plain_first}-{plain_last}".lower().replace(" ", "-").replace("'", "")
        # Percent-encoded UTF-8 slugs for some non-ASCII names (406/3761 in 2024-12).
        if fold(base) != base and rng.random() < 0.55:
            stem = quote(base, safe="-")
        else:
            stem = fold(base)
        token = (idx * 2654435761 + self.seed * 40503) & 0xFFFFFFFF
        slug = f"{stem}-{token:08x}" if rng.random() < 0.7 else f"{stem}-{idx}"
        company = {
            "recruiter": RECRUITING_FIRMS, "investor": INVESTMENT_FIRMS, "student": UNIVERSITIES,
        }.get(role, COMPANIES)
        position = rng.choice(POSITIONS[role])
        if rng.random() < 0.01:  # leading space in Position (2026-10)
            position = " " + position
        email = ""
        if rng.random() < 0.04:
            local = fold(f"{plain_first}.{plain_last}").lower().replace(" ", "").replace("'", "")
            if local.isascii():
                email = f"{local}{idx % 100}@{rng.choice(('example.com', 'example.org'))}"
        return Person(idx=idx, first=first, last=last,
                      name=f"{first.strip().rstrip(',')} {last.strip()}", call=call.strip(),
                      slug=slug, email=email, company=rng.choice(company), position=position,
                      role=role)


def owner_person(owner: tuple[str, str], seed: int, slug: str | None = None) -> Person:
    """The person whose export it is."""
    first, last = owner
    stem = fold(f"{first}-{last}".lower().replace(" ", "-"))
    return Person(idx=-1, first=first, last=last, name=f"{first} {last}", call=first,
                  slug=slug or f"{stem}-{(seed * 2654435761) & 0xFFFFFF:06x}",
                  email=f"{fold(first).lower()}.{fold(last).lower()}@example.com",
                  company="Fieldnote Studio", position="Independent Product Consultant",
                  role="consultant")


# --------------------------------------------------------------------------------------------
# Date formats, one per column family (docs/formats.md 2.9).


def fmt_messages_date(ts: int) -> str:
    """messages.DATE 2022+: ``2026-03-04 17:05:09 UTC``."""
    return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(ts))


def fmt_endorsement_date(ts: int) -> str:
    """Endorsement Date: ``2024/03/05 14:22:10 UTC``."""
    return time.strftime("%Y/%m/%d %H:%M:%S UTC", time.gmtime(ts))


def fmt_connected_on(d: date) -> str:
    """Connected On 2020+: ``07 Jun 2022`` (always a two-digit day)."""
    return f"{d.day:02d} {MONTHS[d.month - 1]} {d.year}"


def fmt_mdy_hm(ts: int) -> str:
    """Invitations.Sent At, Recommendations.Creation Date: ``4/6/26, 2:12 PM`` (unpadded)."""
    t = time.gmtime(ts)
    hour = t.tm_hour % 12 or 12
    return f"{t.tm_mon}/{t.tm_mday}/{t.tm_year % 100:02d}, {hour}:{t.tm_min:02d} " + (
        "AM" if t.tm_hour < 12 else "PM")


def fmt_java_date(ts: int) -> str:
    """Company Follows.Followed On: ``Tue Jun 20 12:25:51 UTC 2023``."""
    t = time.gmtime(ts)
    return (f"{WEEKDAYS[t.tm_wday]} {MONTHS[t.tm_mon - 1]} {t.tm_mday:02d} "
            f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} UTC {t.tm_year}")


def _ts(d: date) -> int:
    return int(datetime(d.year, d.month, d.day, tzinfo=UTC).timestamp())


def _iso(ts: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


# --------------------------------------------------------------------------------------------
# Output: the same writer code fills a folder or streams into a zip.


class _HoldLastNewline(io.TextIOBase):
    """Writes through, but drops the file's final ``\\n``: Connections.csv and Company Follows.csv
    end without a newline in unedited exports (docs/formats.md 2.2)."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._pending = False

    def write(self, s: str) -> int:
        if not s:
            return 0
        if self._pending:
            self._out.write("\n")
        self._pending = s.endswith("\n")
        self._out.write(s[:-1] if self._pending else s)
        return len(s)


class _Output:
    """A folder or a zip (CSV members at the root, deflate, fixed timestamps)."""

    def __init__(self, path: Path, as_zip: bool, stamp: tuple[int, int, int, int, int, int]):
        self.path = path
        self.stamp = stamp
        self.zip: zipfile.ZipFile | None = None
        if as_zip:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6)
        else:
            path.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def open(self, name: str) -> Iterator[TextIO]:
        if self.zip is None:
            target = self.path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "w", encoding="utf-8", newline="") as handle:
                yield handle
            return
        info = zipfile.ZipInfo(name, date_time=self.stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 3
        info.external_attr = 0o100644 << 16
        with self.zip.open(info, "w", force_zip64=True) as raw, io.TextIOWrapper(
            raw, encoding="utf-8", newline="", write_through=False
        ) as handle:
            yield handle

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()


# --------------------------------------------------------------------------------------------
# What people write. {first} is the other person, {me} the owner, {company} the other's company.

OUTREACH_OPENERS = (
    "Hi {first}, thanks for connecting! I run a small product studio and I'm asking people in my "
    "network what they work on. What does {company} need most right now? If anything I do could "
    "help, I'd be glad to.",
    "Hi {first},\n\nQuick question: what services does {company} offer, and what kind of client is "
    "a good fit for you? I help teams with user research and product strategy, happy to return "
    "the favour.\n\nBest,\n{me}",
    "Hello {first} – I'm going through my connections and realised we've never actually talked. "
    "What are you working on these days?",
    "Hi {first}, I'm {me}, we connected a while ago. I'm looking for partners for a research "
    "project on hiring in small teams. Would you have 20 minutes for a call in the next weeks?",
    '<p>Hi {first},</p><p>I wrote a short note on how we run product discovery: <a href="https:'
    '//example.com/notes/discovery">example.com/notes/discovery</a>. I would love your opinion, '
    "and to hear what you are up to.</p>",
    "Hi {first} 👋 do you know anyone who needs help with product research? And how can I help "
    "you?",
    "Hi {first}, hope all is well at {company}! I'm offering a free 30-minute product review this "
    "month to people in my network. Interested?",
)
FOLLOW_UPS = (
    "Hi {first}, just bumping this in case it got buried. No pressure!",
    "Hi {first}, following up on my note above – would a short call work for you?",
    "Gentle nudge 🙂",
    "Hi {first},\nlast try from my side: happy to help if the timing is ever right.\n{me}",
)
PARTNER_FOLLOW_UPS = (
    "Hi {me}, just checking whether you saw my message above?",
    "Hi {me}, circling back on this – any thoughts?",
)
REPLIES = (
    "Hi {me}, thanks for reaching out! Happy to talk – does Thursday work?",
    "Thanks {me}!\nSounds interesting. Send me a few dates and I'll pick one.",
    "Hey {me}, sorry for the slow reply. Not looking for anything right now, but let's stay in "
    "touch.",
    "Hi {me} – yes, let's talk. You can book a slot here: https://example.com/calendar",
    "Hello {me}, we mostly need help with hiring at the moment. Do you know good product "
    "designers?",
    "Merci {me} ! Je serais ravi d'en parler. Next week?",
)
INBOUND_OPENERS = {
    "recruiter": (
        "Hi {me}, I came across your profile and think you'd be a great fit for a Head of Product "
        "role with one of our clients. Open to a quick chat?",
        "Hello {me},\n\nI'm hiring for a fast-growing fintech and your background stood out. Would "
        "you be open to hearing more?\n\nKind regards,\n{first}",
    ),
    "founder": (
        "Hi {me}, I'm building {company} and would love your take on our onboarding flow. Could I "
        "send you a short demo?",
        "Hey {me}! We just launched – would you try it and tell me what's broken? 🙏",
    ),
    "sales": (
        "Hi {me}, are you the right person to talk to about research tooling? We help teams like "
        "yours cut reporting time in half.",
        "Hi {me}, following our connection: can I show you a 10-minute demo of what {company} "
        "does?",
    ),
    "investor": (
        "Hi {me}, a founder in our portfolio is looking for an advisor on product research. Would "
        "you be interested?",
    ),
    "any": (
        "Hey {me}! Long time. Are you going to the meetup next week?",
        "Hi {me}, congrats on the new project! 🎉",
        "Hi {me}, could you introduce me to someone who knows the hiring side at a startup?",
        "Hi {me},\nI saw your talk last week – great stuff. Do you share the slides somewhere?",
        "Hallo {me}, kurze Frage: hast du nächste Woche Zeit für einen Kaffee?",
    ),
}
ANSWERS = (
    "Hi {first}, thanks for thinking of me! Tell me more.",
    "Thanks {first} – not right now, but I know someone who might be interested. Shall I "
    "introduce you?",
    "Hi {first},\nsure, happy to help. Tuesday afternoon?\n{me}",
    "Hello {first}, good to hear from you! Yes, I'll be there.",
    "Thanks for the note, {first}. I'm fully booked until next month, can we talk then?",
)
CHAT = (
    "Sounds good!", "Great, talk then.", "Thanks, that was really helpful.",
    "Here's the link I mentioned: https://example.com/slides", "Let me check and get back to you.",
    "Can we move it to next week?",
    "Haha, yes 😂", "Merci beaucoup !", "Perfect, see you at the café at 10.",
    "I'll send the deck over tomorrow.\n\nCheers", "Did you see the news about the funding round?",
    "Happy new year, {first}! 🎆", "👍", "Thanks {first}, really appreciate it.",
    "Quick update: we signed the contract! 🎉\nThanks again for the intro.",
    "Could you send me the invoice details?", "Sorry, running 5 minutes late.",
    "Good luck with the launch!", "Are you still at {company}?",
    "That \"quick call\" turned into two hours 😅 thanks!",
    "Yes – 3pm works.", "Can you share the doc with me?", "I'm travelling this week, next Monday?",
    "Loved the article you shared.", "How did the interview go?", "Congrats on the new role! 🎉",
    "Let's do lunch when you're in town.", "Done, invite sent.", "No worries at all.",
    "Ha, small world!", "I asked around – Marta at Oktopus Data might help.", "Ok 👌",
    "What time zone are you in these days?", "Thanks for the intro, we're meeting Friday.",
)
#: HTML bodies are a minority (24-94 rows per export, docs/formats.md 2.3).
HTML_CHAT = (
    "<p>Agenda for Thursday:</p><ul><li>intro</li><li>pricing</li><li>next steps</li></ul>",
    "<p>Notes from today:<br>1. scope the pilot<br>2. <strong>decide by Friday</strong></p>",
    '<p>The report is here: <a href="https://example.org/report.pdf">report.pdf</a></p>',
)
GROUP_TITLES = ("Lisbon product meetup", "Hiring sync", "Book club 📚", "Founders dinner – March",
                "Research guild", "", "", "")
RECRUITER_SUBJECTS = ("Head of Product opportunity", "Exciting role at a Series B startup",
                      "Quick question about your next move", "Product leadership role – remote")
PITCH_OPENERS = (
    "Hi {me}, I noticed {company_me} is growing. We help studios like yours generate 30+ qualified "
    "leads a month. Worth a chat?",
    "Hello {me},\n\nare you still handling the outsourcing decisions? Our team in Kraków can start "
    "next week.\n\nBest regards",
    "Hi {me}, quick one: would you be open to a partnership? 🚀",
)
SPONSORED = (
    ("Grow your studio with Papaya Cloud",
     '<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%,</p><p class="spinmail-quill-'
     'editor__spin-break">Teams like yours use Papaya Cloud to ship faster. Claim a free '
     'workspace today.</p><p class="spinmail-quill-editor__spin-break"><a href="https://example'
     '.com/offer">Get started</a></p>'),
    ("An invitation to the Product Leaders Summit",
     '<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%,</p><p class="spinmail-quill-'
     'editor__spin-break">We would like to invite you to our online summit on product '
     'leadership.</p>'),
    ("Your next role could be remote",
     '<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%,</p><p class="spinmail-quill-'
     'editor__spin-break">Hundreds of companies are hiring product people right now.</p>'),
)
SPONSORED_ANSWER = "Yes, I'm interested"
SKILLS = ("Product Management", "User Research", "Product Strategy", "Agile Methodologies",
          "Data Analysis", "Design Thinking", "Public Speaking", "Stakeholder Management",
          "SQL", "Prototyping")
RECOMMENDATION_TEXTS = (
    "{first} is one of the most thoughtful people I have worked with. Always prepared, always "
    "kind, and great at turning vague ideas into plans.",
    "I worked with {first} on a research project at {company}. Sharp, reliable and fun to work "
    "with – I would hire them again tomorrow.",
    "{first} made our team better. Clear communicator, strong on \"why\" before \"how\".",
    "Highly recommended: {first} delivered a complex integration on time and explained every "
    "trade-off along the way.",
)


# --------------------------------------------------------------------------------------------
# The plan of a network: who is connected when, and which conversations happen.

#: Kinds of 1:1 conversation. ``*_replied`` means a reply inside 30 days is planned; the truth
#: file is nevertheless computed from the written timestamps, not from these labels.
OUTREACH_NOREPLY = "outreach_noreply"
OUTREACH_REPLIED = "outreach_replied"
OUTREACH_LATE = "outreach_late_reply"
INBOUND_ANSWERED = "inbound_answered"
INBOUND_UNANSWERED = "inbound_unanswered"
FADING = "fading"
STRONG = "strong"
GROUP = "group"
SPONSORED_KIND = "sponsored"

_OWNER_ONLY = {OUTREACH_NOREPLY}
_PARTNER_ONLY = {INBOUND_UNANSWERED}
_OWNER_THEN_PARTNER = {OUTREACH_REPLIED, OUTREACH_LATE}
_PARTNER_THEN_OWNER = {INBOUND_ANSWERED}
#: Mandatory messages per kind; anything beyond is drawn.
_MIN_MESSAGES = {OUTREACH_NOREPLY: 1, OUTREACH_REPLIED: 2, OUTREACH_LATE: 2, INBOUND_ANSWERED: 2,
                 INBOUND_UNANSWERED: 1, FADING: 2, STRONG: 3, GROUP: 2, SPONSORED_KIND: 1}
_DOWNGRADE = {OUTREACH_REPLIED: OUTREACH_NOREPLY, OUTREACH_LATE: OUTREACH_NOREPLY,
              INBOUND_ANSWERED: INBOUND_UNANSWERED, FADING: INBOUND_UNANSWERED,
              STRONG: INBOUND_UNANSWERED, GROUP: GROUP}
#: How extra messages (beyond the mandatory ones) are shared out between conversations.
_EXTRA_WEIGHT = {STRONG: 10.0, GROUP: 4.0, FADING: 2.0, INBOUND_ANSWERED: 1.2,
                 OUTREACH_REPLIED: 1.2, OUTREACH_LATE: 0.8}


@dataclass(slots=True)
class Conversation:
    cid: str
    kind: str
    partners: list[Person]
    lo: int  # earliest possible first message (unix seconds)
    n: int = 0
    connection: bool = True  # the partner is in Connections.csv
    title: str = ""
    subject: str = ""
    folder: str = "INBOX"
    role: str = "any"  # drives the opening line of inbound conversations
    sponsored: int = -1  # index into SPONSORED
    draft_last: bool = False  # era 2024: the newest owner message is an unsent draft


@dataclass
class Export:
    """What :func:`build_export` wrote, with the truth computed from the rows as written."""

    path: Path
    owner: Person
    connections: list[tuple[Person | None, date]]  # None = a date-only (hidden) row
    truth: dict[str, Any] = field(default_factory=dict)


def _connection_dates(rng: random.Random, n: int, export: date, first_year: int) -> list[date]:
    """``n`` dates, more in recent years (networks grow), newest first."""
    end = _ts(export) - DAY
    years = list(range(first_year, export.year + 1))
    weights = []
    for y in years:
        w = 1.0 + 0.5 * (y - first_year)
        if y == export.year:
            w *= (export.timetuple().tm_yday - 1) / 365
        weights.append(w)
    cum = []
    acc = 0.0
    for w in weights:
        acc += w
        cum.append(acc)
    out = []
    for _ in range(n):
        y = years[bisect.bisect_left(cum, rng.random() * acc)]
        start = _ts(date(y, 1, 1))
        stop = min(_ts(date(y + 1, 1, 1)) - DAY, end)
        day = start + rng.randrange((stop - start) // DAY + 1) * DAY
        out.append(datetime.fromtimestamp(day, UTC).date())
    out.sort(reverse=True)
    return out


def _conversation_id(rng: random.Random) -> str:
    """``2-<base64>==`` like the measured exports."""
    return "2-" + base64.b64encode(rng.randbytes(37)).decode("ascii")


def _plan(rng: random.Random, people: People, named: list[tuple[Person, date]], n_conversations: int,
          n_messages: int, export: date, seed: int) -> list[Conversation]:
    end = _ts(export) - 3600
    n_conv = n_conversations
    n_sponsored = min(max(3, n_conv // 400), n_conv // 4)
    n_group = min(max(2, round(n_conv * 0.02)), n_conv // 4) if len(named) >= 3 else 0
    n_1to1 = n_conv - n_sponsored - n_group
    # About one conversation per engaged connection; whatever is left are conversations with
    # people outside the network (recruiters' InMail, pitches), at least a fifth of them.
    n_conn = min(n_1to1 - round(0.2 * n_1to1), round(0.44 * len(named) * 1.1))
    n_nonconn = n_1to1 - n_conn
    convs: list[Conversation] = []

    def lo_after(d: date) -> int:
        start = _ts(d)
        return start + rng.randrange(1800, max(1801, min(2 * DAY, (end - start) // 2)))

    old_cut = end - int(3.3 * YEAR)
    order = list(range(len(named)))
    rng.shuffle(order)
    engaged = order[: min(n_conn, round(0.44 * len(named)))]
    picks = list(engaged)
    if engaged:
        picks += [rng.choice(engaged) for _ in range(n_conn - len(engaged))]
    # Kinds by quota, not by coin flip, so that small samples keep their shape: most
    # conversations are the owner's outreach (about one in ten answered within days, a few
    # much later), some people write first, few ties are strong (Dunbar's ~15), and fading
    # ties need a connection old enough to have gone quiet for years.
    n = len(picks)
    lows = [lo_after(named[pos][1]) for pos in picks]
    n_strong = max(1, round(0.03 * n)) if n >= 10 else 0
    n_fading = round(0.06 * n)
    n_inbound = round(0.18 * n)
    n_outreach = n - n_strong - n_fading - n_inbound
    n_replied, n_late = round(0.10 * n_outreach), round(0.04 * n_outreach)
    kinds: list[str | None] = [None] * n
    for i in range(n):
        if n_fading and lows[i] < old_cut:
            kinds[i] = FADING
            n_fading -= 1
    n_outreach += n_fading  # not enough old connections: the rest becomes outreach
    quota = ([STRONG] * n_strong + [INBOUND_ANSWERED] * round(0.8 * n_inbound)
             + [INBOUND_UNANSWERED] * (n_inbound - round(0.8 * n_inbound))
             + [OUTREACH_REPLIED] * n_replied + [OUTREACH_LATE] * n_late
             + [OUTREACH_NOREPLY] * (n_outreach - n_replied - n_late))
    rng.shuffle(quota)
    rest = iter(quota)
    for i, pos in enumerate(picks):
        person = named[pos][0]
        kind = kinds[i] or next(rest)
        folder = "ARCHIVE" if rng.random() < 0.13 else "INBOX"
        role = person.role if person.role in INBOUND_OPENERS and rng.random() < 0.5 else "any"
        convs.append(Conversation(_conversation_id(rng), kind, [person], lows[i], folder=folder,
                                  role=role))
    stranger_base = 1_000_000_000 + (seed % 1000) * 1_000_000
    for j in range(n_nonconn):
        person = people[stranger_base + j]
        if rng.random() < 0.03:  # a deleted account: no profile URL (54/1522 in 2023-07)
            person = Person(idx=person.idx, first=person.first, last=person.last,
                            name=person.name, call=person.call, slug="", email="",
                            company=person.company, position=person.position, role=person.role)
        lo = end - rng.randrange(DAY, 6 * YEAR)
        r = rng.random()
        conv = Conversation(_conversation_id(rng), INBOUND_UNANSWERED, [person], lo,
                            connection=False)
        if r < 0.45:  # recruiter InMail: SUBJECT set, title = subject
            conv.role = "recruiter"
            conv.kind = INBOUND_ANSWERED if rng.random() < 0.35 else INBOUND_UNANSWERED
            conv.subject = conv.title = rng.choice(RECRUITER_SUBJECTS)
        elif r < 0.80:  # a stranger's pitch
            conv.role = "pitch"
            conv.kind = INBOUND_ANSWERED if rng.random() < 0.1 else INBOUND_UNANSWERED
            if conv.kind == INBOUND_UNANSWERED and rng.random() < 0.2:
                conv.folder = "SPAM"
        else:
            s = rng.random()
            conv.kind = OUTREACH_REPLIED if s < 0.12 else OUTREACH_NOREPLY
        if conv.folder == "INBOX" and rng.random() < 0.13:
            conv.folder = "ARCHIVE"
        convs.append(conv)
    for _ in range(n_group):
        k = min(len(named), rng.randint(2, 5))
        chosen = rng.sample(range(len(named)), k)
        members = [named[i][0] for i in chosen]
        lo = max(lo_after(named[i][1]) for i in chosen)
        convs.append(Conversation(_conversation_id(rng), GROUP, members, lo,
                                  title=rng.choice(GROUP_TITLES)))
    for s in range(n_sponsored):
        lo = end - rng.randrange(DAY, 3 * YEAR)
        k = s % len(SPONSORED)
        convs.append(Conversation(_conversation_id(rng), SPONSORED_KIND, [], lo,
                                  title="Sponsored Conversation", subject=SPONSORED[k][0],
                                  sponsored=k))

    # Message counts: mandatory ones first, then the rest shared out.
    for c in convs:
        c.n = _MIN_MESSAGES[c.kind]
        if c.kind in (OUTREACH_NOREPLY, INBOUND_UNANSWERED) and rng.random() < 0.3:
            c.n = 2  # a follow-up from the same side
    sponsored = [c for c in convs if c.kind == SPONSORED_KIND]
    if sponsored:
        sponsored[0].n = 2  # the owner's reply inside a sponsored conversation
    if n_messages < n_conv + (1 if sponsored else 0):
        raise ValueError(f"n_messages={n_messages} is too small for {n_conv} conversations")
    total = sum(c.n for c in convs)
    for c in convs:  # too few messages for the plan: simplify conversations until it fits
        if total <= n_messages:
            break
        if c.kind == SPONSORED_KIND:
            continue
        floor = 2 if c.kind == GROUP else 1
        total -= c.n - floor
        c.kind = _DOWNGRADE.get(c.kind, c.kind)
        c.n = floor
    extra = n_messages - total
    if extra:
        eligible = [c for c in convs if c.kind in _EXTRA_WEIGHT] or [
            c for c in convs if c.kind != SPONSORED_KIND]
        weights = [_EXTRA_WEIGHT.get(c.kind, 1.0) for c in eligible]
        for i, k in Counter(rng.choices(range(len(eligible)), weights, k=extra)).items():
            eligible[i].n += k
    rng.shuffle(convs)  # conversations are not ordered by date in the file (docs/formats.md 2.3)
    return convs


def _timeline(c: Conversation, rng: random.Random, end: int) -> list[tuple[int, int]]:
    """(unix time, sender) oldest first; sender -1 is the owner, i >= 0 is ``c.partners[i]``."""
    n, kind = c.n, c.kind
    gaps: list[float] = []
    for i in range(n - 1):
        if i == 0 and kind in (OUTREACH_REPLIED,):
            u = rng.random()
            g = (rng.uniform(0.02, 1) if u < 0.6 else rng.uniform(1, 7) if u < 0.9
                 else rng.uniform(7, 24)) * DAY
        elif i == 0 and kind == OUTREACH_LATE:
            g = rng.uniform(40, 400) * DAY
        elif i == 0 and kind == INBOUND_ANSWERED:
            g = rng.uniform(0.01, 4) * DAY
        elif kind in _OWNER_ONLY or kind in _PARTNER_ONLY:
            g = rng.uniform(4, 21) * DAY
        elif kind == STRONG and rng.random() < 0.25:
            g = rng.uniform(20, 400) * DAY
        elif kind == FADING:
            g = rng.expovariate(1 / (2 * DAY))
        else:
            g = rng.expovariate(1 / (5 * 3600))
        gaps.append(max(g, 45.0))
    span = sum(gaps)
    lo = c.lo
    hi = end - span
    if kind == FADING:
        hi = min(hi, end - int(3.2 * YEAR) - span)
    if hi <= lo:  # does not fit: squeeze the gaps into what is left
        room = max(end - lo, 60 * n)
        gaps = [g * room / (span or 1) * 0.999 for g in gaps]
        start: float = lo
    elif kind == STRONG:
        start = rng.uniform(lo, lo + 0.3 * (hi - lo))
    elif kind in (OUTREACH_NOREPLY, OUTREACH_REPLIED, OUTREACH_LATE) and rng.random() < 0.5:
        start = rng.uniform(lo, min(hi, lo + 30 * DAY))  # soon after connecting
    else:
        start = rng.uniform(lo, hi)
    times = [int(start)]
    t = start
    for g in gaps:
        t += g
        times.append(max(int(t), times[-1] + 30))
    k = len(c.partners)
    senders: list[int] = []
    if kind in _OWNER_ONLY:
        senders = [-1] * n
    elif kind in _PARTNER_ONLY or kind == SPONSORED_KIND:
        senders = [0] * n
        if kind == SPONSORED_KIND and n > 1:
            senders = [0] + [-1] * (n - 1)
    else:
        if kind in _OWNER_THEN_PARTNER:
            senders = [-1, 0]
        elif kind in _PARTNER_THEN_OWNER:
            senders = [0, -1]
        else:
            senders = [rng.randrange(-1, k)]
        while len(senders) < n:
            last = senders[-1]
            if k == 1:
                senders.append((-1 - last) if rng.random() < 0.75 else last)
            else:
                nxt = rng.randrange(-1, k)
                if nxt == last and rng.random() < 0.7:
                    nxt = rng.randrange(-1, k)
                senders.append(nxt)
        senders = senders[:n]
    return list(zip(times, senders, strict=True))


def _say(c: Conversation, i: int, sender: int, prev: int | None, rng: random.Random,
         fmt: dict[str, str]) -> str:
    """The text of message ``i`` (oldest = 0) of conversation ``c``."""
    if c.kind == SPONSORED_KIND:
        return SPONSORED[c.sponsored][1] if sender >= 0 else SPONSORED_ANSWER
    pool: Sequence[str]
    if i == 0:
        if sender == -1:
            pool = OUTREACH_OPENERS if c.kind != GROUP else CHAT
        elif c.role == "pitch":
            pool = PITCH_OPENERS
        else:
            pool = INBOUND_OPENERS.get(c.role, INBOUND_OPENERS["any"])
    elif sender == prev and c.kind in _OWNER_ONLY:
        pool = FOLLOW_UPS
    elif sender == prev and c.kind in _PARTNER_ONLY:
        pool = PARTNER_FOLLOW_UPS
    elif i == 1 and c.kind in _OWNER_THEN_PARTNER:
        pool = REPLIES
    elif i == 1 and c.kind in _PARTNER_THEN_OWNER:
        pool = ANSWERS
    else:
        pool = HTML_CHAT if rng.random() < 0.03 else CHAT
    return rng.choice(pool).format_map(fmt)


def build_export(dest: Path, *, n_connections: int, n_conversations: int, n_messages: int,
                 seed: int, owner: tuple[str, str] = ("Alex", "Rivera"), as_zip: bool = True,
                 era: str = "2026", people: People | None = None,
                 connection_ids: Sequence[int] | None = None, owner_slug: str | None = None,
                 hidden_share: float = 0.023) -> Export:
    """Write one export and return it with its ground truth. See :func:`write_linkedin_export`.

    ``people``/``connection_ids`` choose who the named connections are (default: people 0..n-1
    of ``People(seed)``); the rest of ``n_connections`` are date-only rows. ``owner_slug`` fixes
    the owner's profile slug (team exports, where owners are each other's connections).
    """
    if era not in ERAS:
        raise ValueError(f"era must be one of {', '.join(ERAS)}, not {era!r}")
    rng = random.Random(seed)
    people = people or People(seed)
    export = EXPORT_DATES[era]
    stamp = (export.year, export.month, export.day, 8, 14, 2)
    me = owner_person(owner, seed, owner_slug)
    end = _ts(export) - 3600

    # Connections: dates newest first; a few date-only rows (hidden profiles, docs/formats.md 2.2).
    n_hidden = round(n_connections * hidden_share) if n_connections >= 20 else 0
    if connection_ids is None:
        connection_ids = range(n_connections - n_hidden)
    else:
        n_hidden = n_connections - len(connection_ids)
        if n_hidden < 0:
            raise ValueError("more connection_ids than n_connections")
    named_people = [people[i] for i in connection_ids]
    rng.shuffle(named_people)
    dates = _connection_dates(rng, n_connections, export, 2012)
    hidden_pos = set(rng.sample(range(n_connections), n_hidden))
    rows: list[tuple[Person | None, date]] = []
    it = iter(named_people)
    for pos, d in enumerate(dates):
        rows.append((None, d) if pos in hidden_pos else (next(it), d))
    named = [(p, d) for p, d in rows if p is not None]

    if as_zip:
        name = f"Basic_LinkedInDataExport_{export.month:02d}-{export.day:02d}-{export.year}.zip"
        path = dest if dest.suffix == ".zip" else dest / name
    else:
        path = dest
    out = _Output(path, as_zip, stamp)
    truth: dict[str, Any] = {}
    try:
        _write_connections(out, rows, era)
        convs = _plan(rng, people, named, n_conversations, n_messages, export, seed)
        events = _write_messages(out, convs, me, era, end, random.Random(seed + 1))
        invitations = _write_invitations(out, me, people, era, export, seed,
                                         max(6, min(n_connections // 15, 2000)))
        interactions = _write_recommendations_endorsements(out, me, named, events, era, export,
                                                           random.Random(seed + 3))
        _write_owner_files(out, me, era, export, random.Random(seed + 4))
    finally:
        out.close()
    truth = _truth(rows, events, invitations, interactions, convs)
    return Export(path=path, owner=me, connections=rows, truth=truth)


def write_linkedin_export(dest: Path, *, n_connections: int, n_conversations: int,
                          n_messages: int, seed: int, owner: tuple[str, str] = ("Alex", "Rivera"),
                          as_zip: bool = True, era: str = "2026", **options: Any) -> Path:
    """Write a fictional LinkedIn "Basic" export and return its path.

    ``as_zip=True``: ``dest`` is either the ``.zip`` to write or a folder that receives
    ``Basic_LinkedInDataExport_MM-DD-YYYY.zip`` (the export date of ``era``). ``as_zip=False``:
    ``dest`` is the folder that receives the CSV files (and ``Jobs/``).

    Exactly ``n_connections`` rows go to Connections.csv (about 2.3% of them date-only),
    exactly ``n_conversations`` conversations and ``n_messages`` rows to messages.csv.
    ``era`` is one of ``2022``..``2026`` and selects headers and quoting (docs/formats.md 2.2-2.6).
    Extra keyword ``options`` are passed to :func:`build_export`.
    """
    return build_export(dest, n_connections=n_connections, n_conversations=n_conversations,
                        n_messages=n_messages, seed=seed, owner=owner, as_zip=as_zip, era=era,
                        **options).path


# --------------------------------------------------------------------------------------------
# The files.


def _write_connections(out: _Output, rows: list[tuple[Person | None, date]], era: str) -> None:
    with_url = era != "2022"
    with out.open("Connections.csv") as handle:
        handle.write(CONNECTIONS_PREAMBLE)
        writer = csv.writer(_HoldLastNewline(handle), lineterminator="\n")
        writer.writerow(CONNECTIONS_7 if with_url else CONNECTIONS_6)
        for p, d in rows:
            when = fmt_connected_on(d)
            if p is None:
                writer.writerow(["", "", "", "", "", "", when] if with_url
                                else ["", "", "", "", "", when])
            elif with_url:
                writer.writerow([p.first, p.last, p.url, p.email, p.company, p.position, when])
            else:
                writer.writerow([p.first, p.last, p.email, p.company, p.position, when])


@dataclass(slots=True)
class _Events:
    """Messages as written, for the truth: 1:1 exchanges per connection, and who took part."""

    one_to_one: dict[int, list[tuple[int, bool]]] = field(default_factory=dict)  # idx -> (t, from_owner)
    stranger_one_to_one: dict[str, list[tuple[int, bool]]] = field(default_factory=dict)
    participants: set[int] = field(default_factory=set)  # connections in any real message
    rows: int = 0
    sponsored_rows: int = 0
    owner_to_linkedin_member: int = 0
    drafts: int = 0
    group_rows: int = 0
    multiline_rows: int = 0
    html_rows: int = 0
    attachment_rows: int = 0
    folders: Counter[str] = field(default_factory=Counter)


def _write_messages(out: _Output, convs: list[Conversation], me: Person, era: str, end: int,
                    rng: random.Random) -> _Events:
    header = MESSAGES_HEADERS[era]
    quoted = era == "2026"  # every field and the header double-quoted (Mar 2026 on)
    multiline = era == "2026"  # real line breaks inside CONTENT only from Mar 2026 on
    ev = _Events()
    n_total = sum(c.n for c in convs)
    attach = set(rng.sample(range(n_total), min(n_total, max(2, n_total // 600))))
    if era == "2024":  # a few unsent drafts (12/2143 rows in 2024-12)
        candidates = [c for c in convs if c.kind == OUTREACH_NOREPLY and c.n >= 2]
        for c in candidates[: max(1, len(candidates) // 50)]:
            c.draft_last = True
    fmt = {"me": me.call, "company_me": me.company}
    row_no = 0
    with out.open("messages.csv") as handle:
        writer = csv.writer(handle, lineterminator="\n",
                            quoting=csv.QUOTE_ALL if quoted else csv.QUOTE_MINIMAL)
        writer.writerow(header)
        for c in convs:
            timeline = _timeline(c, rng, end)
            partner = c.partners[0] if c.partners else None
            fmt["first"] = partner.call if partner else "there"
            fmt["company"] = (partner.company if partner and partner.company not in
                              ("Self-employed", "Freelance") else "your team")
            texts = []
            prev: int | None = None
            for i, (_, s) in enumerate(timeline):
                texts.append(_say(c, i, s, prev, rng, fmt))
                prev = s
            everyone = [me, *c.partners]
            # Who each sender writes to: everyone else, names joined by ',' (a name can hold
            # ", " itself), URLs joined by ',' without space (docs/formats.md 2.3).
            addressees = {}
            for s_idx, sender in enumerate(everyone, start=-1):
                others = [p for p in everyone if p is not sender]
                addressees[s_idx] = (",".join(p.name for p in others),
                                     ",".join(p.url for p in others if p.url))
            rows = []
            newest = len(timeline) - 1
            for i in range(newest, -1, -1):
                t, s = timeline[i]
                text = texts[i]
                if c.kind == SPONSORED_KIND:
                    if s == -1:
                        frm, frm_url, to, to_url = me.name, me.url, "LinkedIn Member", ""
                        ev.owner_to_linkedin_member += 1
                    else:
                        frm, frm_url, to, to_url = "LinkedIn Member", "", me.name, me.url
                    ev.sponsored_rows += 1
                else:
                    sender = everyone[s + 1]
                    frm, frm_url = sender.name, sender.url
                    to, to_url = addressees[s]
                if not multiline and "\n" in text:
                    text = text.replace("\n", " ")  # flattened before 2026 (docs/formats.md 2.3)
                draft = c.draft_last and i == newest
                folder = "" if draft else c.folder
                subject = c.subject if (i == 0 or c.kind == SPONSORED_KIND) else ""
                if draft:
                    to = to_url = ""
                row = [c.cid, c.title, frm, frm_url, to]
                if era != "2022":
                    row.append(to_url)
                row += [fmt_messages_date(t), subject, text, folder]
                if era == "2024":
                    row += ["Yes" if draft else "No", "No"]
                elif era in ("2025", "2026"):
                    if row_no in attach and c.kind != SPONSORED_KIND:
                        row.append(f"https://www.linkedin.com/dms/prv/attachment/{c.cid[2:14]}-"
                                   f"{row_no}")
                        ev.attachment_rows += 1
                    else:
                        row.append("")
                rows.append(row)
                row_no += 1
                ev.rows += 1
                ev.folders[folder] += 1
                if "\n" in text:
                    ev.multiline_rows += 1
                if "<p" in text or "<br>" in text or "<ul>" in text:
                    ev.html_rows += 1
                if draft:
                    ev.drafts += 1
                    continue
                if c.kind == SPONSORED_KIND:
                    continue
                if c.kind == GROUP:
                    ev.group_rows += 1
                    ev.participants.update(p.idx for p in c.partners)
                elif c.connection:
                    ev.participants.add(partner.idx)  # type: ignore[union-attr]
                    ev.one_to_one.setdefault(partner.idx, []).append(  # type: ignore[union-attr]
                        (t, s == -1))
                elif partner is not None and partner.url:
                    ev.stranger_one_to_one.setdefault(partner.url, []).append((t, s == -1))
            writer.writerows(rows)
    return ev


def _write_invitations(out: _Output, me: Person, people: People, era: str, export: date,
                       seed: int, n: int) -> dict[str, int]:
    """Pending invitations only (docs/formats.md 2.4): recent, with people who are not connections."""
    rng = random.Random(seed + 2)
    base = 2_000_000_000 + (seed % 1000) * 1_000_000
    end = _ts(export) - 3600
    rows = []
    counts: Counter[str] = Counter()
    notes = ("", "", "", "", "Hi Alex, I'd like to join your network.",
             "Great meeting you at the meetup yesterday!",
             "Hi, we met at the product conference – let's stay in touch.")
    for j in range(n):
        p = people[base + j]
        t = end - rng.randrange(3600, 110 * DAY)
        incoming = rng.random() < 0.7
        direction = "INCOMING" if incoming else "OUTGOING"
        counts[direction] += 1
        note = rng.choice(notes).replace("Alex", me.call)
        frm, to = (f"{p.first} {p.last}", me.name) if incoming else (me.name, f"{p.first} {p.last}")
        row = [frm, to, fmt_mdy_hm(t), note if incoming else "", direction]
        if era == "2023":
            urn_p = f"urn:li:member:{(p.idx * 7919) % 900_000_000 + 100_000_000}"
            urn_me = f"urn:li:member:{(seed * 7919) % 900_000_000 + 100_000_000}"
            row += [urn_p, urn_me] if incoming else [urn_me, urn_p]
        elif era != "2022":
            row += [p.url, me.url] if incoming else [me.url, p.url]
        rows.append((t, row))
    rows.sort(key=lambda r: -r[0])
    with out.open("Invitations.csv") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(INVITATIONS_HEADERS[era])
        writer.writerows(r for _, r in rows)
    return {"incoming": counts["INCOMING"], "outgoing": counts["OUTGOING"], "rows": n}


def _write_recommendations_endorsements(out: _Output, me: Person,
                                        named: list[tuple[Person, date]], ev: _Events, era: str,
                                        export: date, rng: random.Random) -> dict[str, Any]:
    """Recommendations and endorsements, half of them with people the owner never wrote to."""
    end = _ts(export) - 3600
    talked = [(p, d) for p, d in named if p.idx in ev.participants]
    silent = [(p, d) for p, d in named if p.idx not in ev.participants]

    def pick(k: int) -> list[tuple[Person, date]]:
        chosen = []
        for _ in range(k):
            pool = silent if (rng.random() < 0.5 and silent) or not talked else talked
            if pool:
                chosen.append(rng.choice(pool))
        return chosen

    def after(d: date) -> int:
        start = _ts(d) + DAY
        return start + rng.randrange(max(1, end - start))

    n = len(named)
    result: dict[str, Any] = {"people": set()}
    for kind, k in (("Given", max(2, n // 60)), ("Received", max(2, n // 50))):
        rows = []
        chosen: dict[int, tuple[Person, date]] = {p.idx: (p, d) for p, d in pick(k)}
        for p, d in chosen.values():
            t = after(d)
            text = rng.choice(RECOMMENDATION_TEXTS).format(
                first=(p if kind == "Given" else me).call,
                company=(p if kind == "Given" else me).company)
            rows.append((t, [p.first, p.last, p.company, p.position.strip(), text,
                             fmt_mdy_hm(t), "VISIBLE" if kind == "Received" else ""]))
            result["people"].add(p.idx)
        rows.sort(key=lambda r: -r[0])
        result[f"recommendations_{kind.lower()}"] = len(rows)
        with out.open(f"Recommendations_{kind}.csv") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(RECOMMENDATIONS_HEADER)
            writer.writerows(r for _, r in rows)

    # Endorsements: several skills per endorser; Public Url without scheme (docs/formats.md 2.6).
    for kind, k in (("Received", max(5, n // 12)), ("Given", max(3, n // 25))):
        if kind == "Given" and era == "2022":
            continue
        rows = []
        for p, d in pick(k):
            for skill in rng.sample(SKILLS, rng.randint(1, 3)):
                t = after(d)
                status = "PENDING" if rng.random() < 0.02 else "ACCEPTED"
                public = p.url.removeprefix("https://")
                if era == "2022":
                    row = [fmt_endorsement_date(t), skill, p.first.strip(), p.last.strip(), status]
                else:
                    row = [fmt_endorsement_date(t), skill, p.first.strip(), p.last.strip(),
                           public, status]
                rows.append((t, row))
            result["people"].add(p.idx)
        rows.sort(key=lambda r: -r[0])
        result[f"endorsements_{kind.lower()}"] = len(rows)
        if kind == "Received":
            header = ENDORSEMENT_RECEIVED_5 if era == "2022" else ENDORSEMENT_RECEIVED_6
        else:
            header = ENDORSEMENT_GIVEN_6
        with out.open(f"Endorsement_{kind}_Info.csv") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(r for _, r in rows)
    return result


def _write_owner_files(out: _Output, me: Person, era: str, export: date,
                       rng: random.Random) -> None:
    """Profile.csv (read by netaudit) and a few files netaudit ignores."""
    with out.open("Profile.csv") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(PROFILE_HEADER)
        writer.writerow([me.first, me.last, "", "", "Mar 14",
                         "Independent product consultant | User research, product strategy",
                         "I help small teams find out what to build, and then build it.",
                         "Software Development", "", "Lisbon, Portugal", "",
                         f"[PERSONAL:https://{me.slug}.example.com]", ""])
    with out.open("Skills.csv") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["Name"])
        writer.writerows([s] for s in SKILLS)
    end = _ts(export) - 3600
    with out.open("Company Follows.csv") as handle:
        writer = csv.writer(_HoldLastNewline(handle), lineterminator="\n")
        writer.writerow(["Organization", "Followed On"])
        follows = sorted((end - rng.randrange(10 * YEAR), c) for c in rng.sample(COMPANIES, 6))
        writer.writerows([c, fmt_java_date(t)] for t, c in reversed(follows))
    with out.open("Jobs/Saved Jobs.csv") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["Saved Date", "Job Url", "Job Title", "Company Name"])
        for k in range(3):
            t = end - rng.randrange(200 * DAY)
            writer.writerow([fmt_mdy_hm(t), f"https://www.linkedin.com/jobs/view/{4100000000 + k}",
                             rng.choice(POSITIONS["product"]), rng.choice(COMPANIES)])


# --------------------------------------------------------------------------------------------
# Ground truth, computed from what was written (not from the plan's labels).

TRUTH_DEFINITIONS = {
    "connections.rows": "data rows of Connections.csv (header and 3-line preamble excluded), "
                        "date-only rows included",
    "connections.date_only_rows": "rows whose only non-empty field is Connected On",
    "connections.with_email": "rows with a non-empty Email Address",
    "connections.per_year": "rows per calendar year of Connected On, date-only rows included",
    "messages.rows": "data rows of messages.csv (a multi-line CONTENT is one row)",
    "messages.sponsored_rows": "rows of conversations titled 'Sponsored Conversation': FROM "
                               "'LinkedIn Member' rows plus the owner's answers to them (TO "
                               "'LinkedIn Member')",
    "messages.rows_with_line_breaks": "rows whose CONTENT contains a line feed",
    "messages.rows_with_html": "rows whose CONTENT contains '<p', '<br>' or '<ul>'",
    "messages.group_rows": "rows of conversations with more than one person besides the owner",
    "messages.planned_conversation_kinds": "the generator's plan per conversation (its intent; "
                                           "the outreach figures are computed from the rows)",
    "invitations": "rows of Invitations.csv by Direction",
    "dormant.named_connections_never_exchanged":
        "named connections (URL present) that appear in no message row (as sender or "
        "recipient, 1:1 or group, sponsored and draft rows excluded) and in no recommendation "
        "(given or received) and no endorsement (given or received); invitations do not count",
    "dormant.connections_never_exchanged": "the same plus the date-only rows (a hidden profile "
                                           "cannot be matched to anything)",
    "outreach.opener": "a message from the owner in a 1:1 conversation with a connection "
                       "(group, sponsored and draft rows excluded) such that the connection sent "
                       "the owner no message in the 30 days (2,592,000 s) before it",
    "outreach.written_first": "connections with at least one opener; a person counts once "
                              "even if several of their conversations hold openers",
    "outreach.replied_within_30_days": "those of written_first who sent the owner a message "
                                       "t with opener < t <= opener + 30 days, for at least one "
                                       "of their openers",
    "outreach.first_contact_by_owner": "stricter variant: connections whose oldest 1:1 message "
                                       "(with the owner) is from the owner; replied = they sent "
                                       "one within 30 days after that first message",
    "outreach.openers_answered": "per opener instead of per person: openers followed by a "
                                 "message from that connection within 30 days",
}


def _truth(rows: list[tuple[Person | None, date]], ev: _Events, invitations: dict[str, int],
           interactions: dict[str, Any], convs: list[Conversation]) -> dict[str, Any]:
    named = [p for p, _ in rows if p is not None]
    per_year = Counter(d.year for _, d in rows)
    touched = ev.participants | interactions["people"]
    dormant_named = [p for p in named if p.idx not in touched]
    by_idx = {p.idx: p for p in named}

    def openers(events: list[tuple[int, bool]]) -> tuple[list[int], list[int]]:
        events = sorted(events)
        theirs = [t for t, own in events if not own]
        found, answered = [], []
        for t, own in events:
            if not own:
                continue
            k = bisect.bisect_left(theirs, t)
            if k and t - theirs[k - 1] <= REPLY_WINDOW:
                continue  # they wrote in the 30 days before: an answer, not an opener
            found.append(t)
            k = bisect.bisect_right(theirs, t)
            if k < len(theirs) and theirs[k] - t <= REPLY_WINDOW:
                answered.append(t)
        return found, answered

    written, replied, n_openers, n_answered = [], [], 0, 0
    first_by_owner, first_replied = [], []
    for idx, events in ev.one_to_one.items():
        found, answered = openers(events)
        n_openers += len(found)
        n_answered += len(answered)
        if found:
            written.append(idx)
            if answered:
                replied.append(idx)
        events = sorted(events)
        t0, own0 = events[0]
        if own0:
            first_by_owner.append(idx)
            if any(not own and t0 < t <= t0 + REPLY_WINDOW for t, own in events):
                first_replied.append(idx)
    stranger_written = stranger_replied = 0
    for events in ev.stranger_one_to_one.values():
        found, answered = openers(events)
        stranger_written += bool(found)
        stranger_replied += bool(answered)

    def listing(ids: list[int]) -> list[dict[str, str]]:
        return sorted(({"name": by_idx[i].name, "url": by_idx[i].url} for i in ids),
                      key=lambda x: x["url"])

    def rate(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    kinds = Counter(c.kind for c in convs)
    return {
        "connections": {
            "rows": len(rows),
            "date_only_rows": len(rows) - len(named),
            "named_rows": len(named),
            "with_email": sum(1 for p in named if p.email),
            "per_year": {str(y): per_year[y] for y in sorted(per_year)},
        },
        "messages": {
            "rows": ev.rows,
            "conversations": len(convs),
            "group_conversations": kinds[GROUP],
            "sponsored_conversations": kinds[SPONSORED_KIND],
            "sponsored_rows": ev.sponsored_rows,
            "owner_rows_to_linkedin_member": ev.owner_to_linkedin_member,
            "draft_rows": ev.drafts,
            "group_rows": ev.group_rows,
            "rows_with_line_breaks": ev.multiline_rows,
            "rows_with_html": ev.html_rows,
            "rows_with_attachments": ev.attachment_rows,
            "rows_per_folder": {k or "(empty)": v for k, v in sorted(ev.folders.items())},
            "planned_conversation_kinds": dict(sorted(kinds.items())),
        },
        "invitations": invitations,
        "recommendations": {"given": interactions["recommendations_given"],
                            "received": interactions["recommendations_received"]},
        "endorsements": {"given": interactions.get("endorsements_given", 0),
                         "received": interactions["endorsements_received"]},
        "dormant": {
            "named_connections_never_exchanged": len(dormant_named),
            "connections_never_exchanged": len(dormant_named) + len(rows) - len(named),
            "named_connections_with_any_exchange": len(named) - len(dormant_named),
        },
        "outreach": {
            "window_days": 30,
            "written_first": len(written),
            "replied_within_30_days": len(replied),
            "reply_rate": rate(len(replied), len(written)),
            "openers": n_openers,
            "openers_answered": n_answered,
            "first_contact_by_owner": len(first_by_owner),
            "first_contact_replied_within_30_days": len(first_replied),
            "non_connections_written_first": stranger_written,
            "non_connections_replied_within_30_days": stranger_replied,
            "written_first_people": listing(written),
            "replied_people": listing(replied),
        },
    }


# --------------------------------------------------------------------------------------------
# The sample: export + contacts.csv + truth + README.

CITIES = ("Lisbon", "Berlin", "Toronto", "Austin", "Singapore", "Kraków", "Copenhagen")


#: Who can help whom: each pair of roles is placed in the same city (introductions feature).
COMPLEMENTARY = (("founder", "investor"), ("hiring", "engineer"), ("recruiter", "designer"),
                 ("founder", "engineer"), ("sales", "founder"), ("product", "designer"),
                 ("hiring", "data"), ("investor", "founder"), ("recruiter", "engineer"),
                 ("marketing", "founder"))


def write_contacts(path: Path, export: Export, seed: int) -> dict[str, Any]:
    """~40 address-book rows, half of them connections (some with accents stripped).

    The 20 connections come in 10 complementary pairs (founder + investor, hiring manager +
    engineer, ...), each pair in one city, so that introductions have something to find.
    """
    rng = random.Random(seed + 10)
    named = [p for p, _ in export.connections if p is not None]
    # Every other pick prefers a name with accents that fold to ASCII, so that some matches
    # need transliteration and some do not.
    accented_first = sorted(named, key=lambda p: (fold(p.name) == p.name
                                                  or not fold(p.name).isascii(), p.url))
    plain_first = sorted(named, key=lambda p: (fold(p.name) != p.name, p.url))
    used: set[int] = set()
    overlap: list[Person] = []
    pair_city: list[str] = []
    for n, roles in enumerate(COMPLEMENTARY):
        city = CITIES[n % len(CITIES)]
        for role in roles:
            pool = accented_first if len(overlap) % 2 == 0 else plain_first
            pick = next((p for p in pool if p.role == role and p.idx not in used),
                        next(p for p in pool if p.idx not in used))
            used.add(pick.idx)
            overlap.append(pick)
            pair_city.append(city)
    people = People(seed)
    others = [people[3_000_000_000 + j] for j in range(20)]
    rows, facts = [], []
    n_accented = 0
    for k, p in enumerate(overlap + others):
        is_conn = k < len(overlap)
        city = pair_city[k] if is_conn else rng.choice(CITIES)
        accented = fold(p.name) != p.name and fold(p.name).isascii()
        n_accented += accented and is_conn
        stripped = is_conn and accented and n_accented % 2 == 1  # every other accented name
        name = fold(p.name) if stripped else p.name
        # credentials are dropped in an address book: "Chen, MBA" -> "Chen"
        name = " ".join(w for w in name.replace(", ", " ").split(" ") if w not in CREDENTIALS)
        email = p.email or (f"{fold(p.call).lower()}.{fold(p.last.split(',')[0].strip()).lower()}"
                            f"@example.org").replace(" ", "").replace("'", "")
        if not email.split("@")[0].isascii():
            email = f"contact{p.idx % 10_000}@example.org"
        rows.append([name, email, p.company, p.position.strip(), city])
        if is_conn:
            facts.append({"contact_name": name, "connection_name": p.name,
                          "connection_url": p.url, "role": p.role, "location": city,
                          "accents_stripped": stripped, "same_email": bool(p.email)})
    order = list(range(len(rows)))
    rng.shuffle(order)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["name", "email", "company", "title", "location"])
        writer.writerows(rows[i] for i in order)
    cities = Counter(r[4] for r in rows)
    return {"rows": len(rows), "matching_connections": len(facts),
            "accents_stripped": sum(f["accents_stripped"] for f in facts),
            "complementary_pairs": [
                {"location": facts[i]["location"], "roles": list(COMPLEMENTARY[i // 2]),
                 "urls": [facts[i]["connection_url"], facts[i + 1]["connection_url"]]}
                for i in range(0, len(facts), 2)],
            "per_location": dict(sorted(cities.items())),
            "matches": sorted(facts, key=lambda f: f["connection_url"])}


def _readme(truth: dict[str, Any], zip_name: str) -> str:
    c, m, o = truth["connections"], truth["messages"], truth["outreach"]
    return f"""# Sample data (all fictional)

Every person, company, e-mail address and profile URL in this folder is invented: names are
random combinations from international first- and last-name lists, e-mails use example.com /
example.org, profile slugs are made up. Any resemblance to a real person is a coincidence.

Regenerate with `python samples/make_samples.py` (standard library only, deterministic:
fixed seed {SAMPLE_SEED}, fixed zip timestamps). Do not edit the files by hand.

| File | What it is |
|---|---|
| `{zip_name}` | A LinkedIn "Basic" export in the 2026 layout (docs/formats.md 2.1): CSVs at the zip root, `Jobs/` subfolder, deflate |
| `contacts.csv` | A generic address book (`name,email,company,title,location`), {truth['contacts']['rows']} rows, {truth['contacts']['matching_connections']} of them connections (some with accents stripped) |
| `sample_truth.json` | Figures computed by the generator from the rows it wrote, with their definitions, for tests |
| `make_samples.py` | The generator; `write_linkedin_export()` is reused by `benchmarks/generate.py` |

Inside the zip:

| Member | Rows | Notes |
|---|---|---|
| `Connections.csv` | {c['rows']} | 3-line `Notes:` preamble, 7 columns with URL, `DD Mon YYYY`, newest first, {c['date_only_rows']} date-only rows, {c['with_email']} e-mails, no final newline |
| `messages.csv` | {m['rows']} in {m['conversations']} conversations | every field quoted, 11 columns with ATTACHMENTS, `YYYY-MM-DD HH:MM:SS UTC`, {m['rows_with_line_breaks']} bodies with line breaks, {m['group_conversations']} group conversations, {m['sponsored_rows']} sponsored rows |
| `Invitations.csv` | {truth['invitations']['rows']} | pending invitations, `M/D/YY, h:mm AM`, profile URLs |
| `Profile.csv` | 1 | the owner, Alex Rivera |
| `Recommendations_Given.csv` / `_Received.csv` | {truth['recommendations']['given']} / {truth['recommendations']['received']} | `M/D/YY, h:mm AM` |
| `Endorsement_Received_Info.csv` / `Endorsement_Given_Info.csv` | {truth['endorsements']['received']} / {truth['endorsements']['given']} | scheme-less `www.linkedin.com/in/…` URLs, `YYYY/MM/DD HH:MM:SS UTC` |
| `Skills.csv`, `Company Follows.csv`, `Jobs/Saved Jobs.csv` | | present in real exports, ignored by netaudit |

The network: the owner wrote first, one to one, to {o['written_first']} connections and
{o['replied_within_30_days']} of them answered within 30 days (`netaudit replies` and `analyze` print
this as "Reply rate, 1:1 to connections", the figure comparable with the essay's 42 of 1,050;
their "all outreach" rate also counts group messages and people who are not connections);
{truth['dormant']['named_connections_never_exchanged']}
of the {c['named_rows']} named connections never exchanged a message, recommendation or
endorsement with the owner. Exact definitions are in `sample_truth.json`.
"""


def make_samples(folder: Path = SAMPLES) -> dict[str, Any]:
    """Regenerate the sample export, contacts.csv, sample_truth.json and README.md."""
    started = time.perf_counter()
    export = build_export(folder, n_connections=300, n_conversations=160, n_messages=1500,
                          seed=SAMPLE_SEED)
    truth: dict[str, Any] = {
        "generator": "samples/make_samples.py",
        "seed": SAMPLE_SEED,
        "export": export.path.name,
        "owner": {"name": export.owner.name, "url": export.owner.url},
        "definitions": TRUTH_DEFINITIONS,
        **export.truth,
    }
    truth["contacts"] = write_contacts(folder / "contacts.csv", export, SAMPLE_SEED)
    truth["definitions"] = {**TRUTH_DEFINITIONS,
                            "contacts.matches": "contacts.csv rows that are a named connection "
                                                "(same person; name possibly without accents or "
                                                "credentials)",
                            "contacts.complementary_pairs": "pairs of those connections placed "
                                                            "in the same city with roles that "
                                                            "can help each other (by design)"}
    (folder / "sample_truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (folder / "README.md").write_text(_readme(truth, export.path.name), encoding="utf-8")
    truth["_seconds"] = round(time.perf_counter() - started, 2)
    return truth


if __name__ == "__main__":
    result = make_samples()
    print(f"samples written in {result['_seconds']} s: "
          f"{result['connections']['rows']} connections, {result['messages']['rows']} messages",
          file=sys.stderr)
