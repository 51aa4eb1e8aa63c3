"""Fictional data on which `netaudit recall-study` and `netaudit activity` reproduce the essay's
experiments 2 and 3 exactly.

Run ``python samples/article/make_recall_activity.py`` to regenerate:

* ``recall/``: seven participants, each with a LinkedIn ``Connections.csv`` of more than 500
  connections and a names file (what they recalled), and ``STUDY.csv`` tying them together.
  ``netaudit recall-study samples/article/recall/STUDY.csv`` gives best 27 and worst 4
  matched with profession, as in the essay. ``TRUTH.json`` holds every participant's planned
  figures.
* ``activity/``: a ``Connections.csv`` of exactly 100 connections, ``ACTIVITY.csv`` and
  ``GROUPS.csv``. The population is exactly 100 people, so ``--sample 100`` takes everyone
  whatever the seed (the documented command uses ``--seed 2010``), and the figures are those of
  the essay: mean 23.4 groups and mean 1.2 activities in the 15 days ending 2010-03-15.

Everything is invented: names are combinations from the pools below, companies are made-up
words, e-mails are at example.com. Standard library only, deterministic (fixed seeds, no clock).

How the figures are guaranteed, so the tests can trust them: the people a participant recalls
have surnames that no one else in their network has, so each correctly written entry can name
only that person; the "unmatched" entries use surnames that appear in no network; the
"ambiguous" entry names a full name that two different connections share. Correct professions
share a word (or a role family) with the position; wrong ones (chef, pilot, ...) share neither.
"""

from __future__ import annotations

import csv
import io
import json
import random
import unicodedata
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
RECALL_SEED = 27
ACTIVITY_SEED = 2010

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are'
    " missing. You will only see email addresses for connections who have allowed their"
    " connections to see or download their email address using this setting"
    " https://www.linkedin.com/psettings/privacy/email. You can learn more here"
    ' https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
          "Connected On"]

# People a participant recalls: first names (with the nickname people use, when common) ...
KNOWN_FIRST = {
    "Robert": "Bob", "William": "Bill", "Elizabeth": "Liz", "Michael": "Mike",
    "Katherine": "Kate", "James": "Jim", "Thomas": "Tom", "Margaret": "Peggy",
    "Richard": "Rick", "Jennifer": "Jen", "Christopher": "Chris", "Daniel": "Dan",
    "Samuel": "Sam", "Rebecca": "Becky", "Anthony": "Tony", "Nicholas": "Nick",
    "José": None, "Søren": None, "Zoë": None, "Łukasz": None, "Renée": None,
    "François": None, "Björn": None, "Inés": None, "Małgorzata": None, "Jürgen": None,
    "Priya": None, "Kwame": None, "Mei": None, "Olufemi": None, "Aiko": None,
    "Dmitri": None, "Fatima": None, "Chidi": None, "Sofía": None, "Anna": None,
}
# ... and surnames used once per network (none of them is in FILLER_LAST or UNKNOWN_LAST).
KNOWN_LAST = [
    "García López", "Kierkegaard", "Nowak", "Øberg", "Müller", "Dubois", "Okafor", "Tanaka",
    "Ivanova", "Haddad", "Mensah", "van der Berg", "Nakamura", "Lindqvist", "Achterberg",
    "Castellanos", "Fitzgerald", "Abernathy", "Vasquez", "Petrov", "Szymańska", "Åkesson",
    "Brennan", "Delacroix", "Eriksson", "Gallagher", "Hartmann", "Iglesias", "Jovanović",
    "Kapoor", "Lachance", "Mbeki", "Nørgaard", "Obradović", "Quintero", "Rasmussen",
    "Sørensen", "Thorvaldsen", "Urquhart", "Valdés", "Whitfield", "Xiang", "Yamamoto",
    "Zielińska", "Beaumont", "Crowley", "Dragomir", "Esposito", "Fonseca", "Grünewald",
]
FILLER_FIRST = [
    "Maria", "Ahmed", "Wei", "Yuki", "Lucas", "Emma", "Noah", "Olivia", "Liam", "Mia", "Arjun",
    "Leila", "Omar", "Sara", "Ivan", "Elena", "Marco", "Giulia", "Pierre", "Claire", "Jan",
    "Eva", "Tomasz", "Zofia", "Diego", "Lucia", "Kenji", "Hina", "Minho", "Jisoo", "Tariq",
    "Amara", "Kofi", "Ama", "Lars", "Ingrid", "Felix", "Lena", "Hugo", "Alice",
]
FILLER_LAST = [
    "Silva", "Santos", "Kim", "Lee", "Nguyen", "Chen", "Wang", "Patel", "Shah", "Singh",
    "Kumar", "Ali", "Khan", "Hassan", "Ibrahim", "Rossi", "Bianchi", "Romano", "Moreau",
    "Lambert", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Jansen", "de Vries",
    "Bakker", "Visser", "Novak", "Horvat", "Kovács", "Nagy", "Popescu", "Ionescu",
    "Papadopoulos", "Yilmaz", "Demir", "Sato", "Suzuki", "Watanabe", "Park", "Choi", "Costa",
    "Pereira", "Ferreira", "Rodrigues", "Gomez", "Diaz", "Torres", "Ramirez", "Flores", "Cruz",
    "Morales", "Ortiz", "Jensen", "Nielsen", "Hansen", "Larsen", "Johansson",
]
UNKNOWN_FIRST = ["Gwendolyn", "Barnaby", "Ottoline", "Percival", "Wilhelmina", "Ambrose"]
UNKNOWN_LAST = ["Thornbury", "Wolstenholme", "Pemberton", "Huxtable", "Fairweather",
                "Ravensworth"]

#: position -> professions a person who knows them would write (each shares a word or a role
#: family with the position).
POSITIONS = {
    "Technical Recruiter": ["recruiter", "recruiting", "talent sourcer"],
    "Senior Software Engineer": ["software engineer", "engineer", "developer", "programmer"],
    "Data Analyst": ["data analyst", "analyst", "data person"],
    "Product Manager": ["product manager", "product"],
    "Accountant": ["accountant", "accounting", "bookkeeper"],
    "Marketing Manager": ["marketing", "marketer"],
    "UX Designer": ["designer", "ux design"],
    "Sales Director": ["sales", "salesperson"],
    "HR Business Partner": ["HR", "human resources"],
    "Financial Controller": ["controller", "finance"],
    "Management Consultant": ["consultant", "consulting"],
    "Professor of Economics": ["professor", "economist"],
    "Civil Engineer": ["engineer", "civil engineer"],
    "Chief Executive Officer": ["CEO", "chief executive"],
    "Founder": ["founder", "co-founder"],
}
#: Professions that fit none of the positions or companies above.
WRONG_PROFESSIONS = ["chef", "pilot", "dentist", "florist", "baker", "plumber", "veterinarian"]
COMPANIES = [
    "Vexora", "Trellin", "Quillon", "Zentrik", "Morvane", "Halvetta", "Corivo", "Pexley",
    "Ulmtree", "Skarvik", "Nembra", "Orrisome", "Wendmark", "Ivesto", "Calbrook", "Yarrowby",
]

#: participant, connections (hidden profiles included), hidden, then the entries of the names
#: file: correct (matched with profession), wrong profession, no profession, unmatched,
#: ambiguous, repeated; and the file's quirk.
PARTICIPANTS = [
    ("Ines", 612, 4, 27, 3, 2, 3, 1, 2, "bom"),
    ("Marek", 540, 3, 4, 2, 1, 2, 1, 1, "blank lines"),
    ("Olu", 873, 6, 19, 4, 1, 2, 1, 1, "en dash"),
    ("Hana", 505, 2, 12, 2, 2, 3, 1, 1, "csv"),
    ("Teodor", 701, 5, 8, 3, 1, 2, 1, 2, "tab and colon"),
    ("Priya", 958, 7, 15, 2, 2, 3, 1, 1, "surname first"),
    ("Callum", 533, 3, 6, 1, 1, 2, 1, 1, "crlf"),
]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    table = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "å": "a", "Å": "A"})
    return "".join(c for c in decomposed.translate(table) if not unicodedata.combining(c))


def _slug(first: str, last: str, n: int) -> str:
    return f"{_fold(first)}-{_fold(last)}-{n:04x}".lower().replace(" ", "-")


def _connected_on(rng: random.Random) -> str:
    day = date(2004, 1, 1) + timedelta(days=rng.randrange(0, 2200))
    return day.strftime("%d %b %Y")


def _connections_csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return PREAMBLE + buffer.getvalue()


def _entry_name(first: str, last: str, form: str) -> str:
    nick = KNOWN_FIRST.get(first)
    if form == "nickname" and nick:
        return f"{nick} {last}"
    if form == "lower":
        return f"{first} {last}".lower()
    if form == "folded":
        return _fold(f"{first} {last}")
    if form == "surname first":
        return f"{last}, {first}"
    if form == "credential":
        return f"{first} {last}, MBA"
    if form == "first surname only" and " " in last:
        return f"{first} {last.split()[-1]}"
    if form == "middle initial":
        return f"{first} J. {last}"
    return f"{first} {last}"


FORMS = ["plain", "nickname", "lower", "folded", "surname first", "credential",
         "middle initial", "first surname only"]


def _typo(last: str) -> str:
    """One letter changed in a long surname: RapidFuzz still finds it (>= 90)."""
    i = len(last) // 2
    return last[:i] + ("a" if last[i] != "a" else "e") + last[i + 1:]


def make_participant(index: int, spec: tuple) -> dict:
    (name, size, hidden, correct, wrong, no_prof, unmatched, ambiguous, repeated, quirk) = spec
    rng = random.Random(RECALL_SEED * 100 + index)
    folder = HERE / "recall" / name.lower()
    folder.mkdir(parents=True, exist_ok=True)
    known_count = correct + wrong + no_prof
    surnames = rng.sample(KNOWN_LAST, known_count)
    firsts = list(KNOWN_FIRST)
    known = []
    for i, last in enumerate(surnames):
        first = firsts[(index * 7 + i) % len(firsts)]
        position = rng.choice(list(POSITIONS))
        known.append((first, last, position, rng.choice(COMPANIES)))
    fillers_needed = size - hidden - known_count - 2 * ambiguous
    combos = [(f, ln) for f in FILLER_FIRST for ln in FILLER_LAST]
    picked = rng.sample(combos, fillers_needed + ambiguous)
    twins, fillers = picked[:ambiguous], picked[ambiguous:]
    rows = []
    people = [(f, ln, p, c) for f, ln, p, c in known]
    people += [(f, ln, rng.choice(list(POSITIONS)), rng.choice(COMPANIES)) for f, ln in fillers]
    for f, ln in twins:
        people += [(f, ln, "Civil Engineer", COMPANIES[0]), (f, ln, "Accountant", COMPANIES[1])]
    rng.shuffle(people)
    for n, (first, last, position, company) in enumerate(people):
        rows.append([first, last, f"https://www.linkedin.com/in/{_slug(first, last, n)}", "",
                     company, position, _connected_on(rng)])
    for _ in range(hidden):
        rows.insert(rng.randrange(len(rows)), ["", "", "", "", "", "", _connected_on(rng)])
    (folder / "Connections.csv").write_text(_connections_csv(rows), encoding="utf-8")

    entries: list[tuple[str, str]] = []
    for i, (first, last, position, company) in enumerate(known[:correct]):
        form = FORMS[i % len(FORMS)]
        if quirk == "surname first" and i % 2 == 0:
            form = "surname first"
        if i == correct - 1 and correct > 5:
            entry = f"{first} {_typo(last)}"
        else:
            entry = _entry_name(first, last, form)
        options = POSITIONS[position] + [f"works at {company}"]
        entries.append((entry, options[i % len(options)]))
    for i, (first, last, _, _) in enumerate(known[correct:correct + wrong]):
        entries.append((_entry_name(first, last, "plain"),
                        WRONG_PROFESSIONS[(index + i) % len(WRONG_PROFESSIONS)]))
    for first, last, _, _ in known[correct + wrong:]:
        entries.append((f"{first} {last}", ""))
    for i in range(unmatched):
        entries.append((f"{UNKNOWN_FIRST[(index + i) % 6]} {UNKNOWN_LAST[(index + 2 * i) % 6]}",
                        rng.choice(WRONG_PROFESSIONS)))
    for first, last in twins:
        entries.append((f"{first} {last}", "engineer"))
    rng.shuffle(entries)
    repeats = [(name_.upper(), job) for name_, job in entries[:repeated]]
    lines = _names_file(entries + repeats, quirk)
    (folder / "names.txt").write_bytes(lines)
    return {
        "participant": name,
        "network": f"{name.lower()}/Connections.csv",
        "names": f"{name.lower()}/names.txt",
        "quirk": quirk,
        "network_size": size,
        "hidden_profiles": hidden,
        "named": len(entries),
        "matched": correct + wrong + no_prof,
        "matched_with_profession": correct,
        "wrong_profession": wrong,
        "without_profession": no_prof,
        "unmatched": unmatched,
        "ambiguous": ambiguous,
        "duplicates": repeated,
    }


def _names_file(entries: list[tuple[str, str]], quirk: str) -> bytes:
    if quirk == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["name", "profession"])
        writer.writerows(entries)
        return buffer.getvalue().encode("utf-8")
    lines = []
    for i, (name, job) in enumerate(entries):
        separator = " - "
        if quirk == "en dash" and i % 3 == 0:
            separator = " – "
        elif quirk == "tab and colon":
            separator = "\t" if i % 2 else ": "
        lines.append(f"{name}{separator}{job}" if job else name)
        if quirk == "blank lines" and i % 4 == 3:
            lines.append("")
    text = "\n".join(lines) + "\n"
    if quirk == "crlf":
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if quirk == "bom" else data


def make_recall() -> dict:
    participants = [make_participant(i, spec) for i, spec in enumerate(PARTICIPANTS)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["participant", "network", "names"])
    for p in participants:
        writer.writerow([p["participant"], p["network"], p["names"]])
    (HERE / "recall" / "STUDY.csv").write_text(buffer.getvalue(), encoding="utf-8")
    scores = [p["matched_with_profession"] for p in participants]
    truth = {"participants": participants, "best": max(scores), "worst": min(scores),
             "mean": sum(scores) / len(scores)}
    (HERE / "recall" / "TRUTH.json").write_text(json.dumps(truth, indent=2, ensure_ascii=False)
                                                + "\n", encoding="utf-8")
    return truth


# --- experiment 3 ------------------------------------------------------------------------------

AS_OF = date(2010, 3, 15)
WINDOW = 15
#: Counted activities in the window of each of the 100 people: 30 active, 70 with none.
#: Sum 120, so the mean is 1.2; the top 1 person does 40, the next 9 do 50, the rest 30.
ACTIVITY_COUNTS = [40, 10, 8, 7, 6, 5, 5, 4, 3, 2] + [2] * 10 + [1] * 10 + [0] * 70
COUNTED_SPELLINGS = ["question", "answer", "discussion", "comment", "post", "recommendation",
                     "Comments", "blog post", "article", "answers"]
NOT_COUNTED = {"connect": 25, "like": 40, "endorsement": 10, "follow": 5, "view": 8,
               "reaction": 6}
GROUP_TOTAL = 2340  # 23.4 per person


def _group_counts(rng: random.Random) -> list[int]:
    """100 membership counts, skewed like real networks (many in a few groups, some in 50),
    adjusted one by one until they sum to GROUP_TOTAL."""
    counts = [min(50, max(0, int(rng.lognormvariate(3.0, 0.6)))) for _ in range(100)]
    i = 0
    while sum(counts) != GROUP_TOTAL:
        step = 1 if sum(counts) < GROUP_TOTAL else -1
        if 0 <= counts[i % 100] + step <= 50:
            counts[i % 100] += step
        i += 1
    return counts


def make_activity() -> dict:
    rng = random.Random(ACTIVITY_SEED)
    folder = HERE / "activity"
    folder.mkdir(parents=True, exist_ok=True)
    combos = [(f, ln) for f in FILLER_FIRST for ln in FILLER_LAST]
    names = rng.sample(combos, 100)
    people = []
    rows = []
    for n, (first, last) in enumerate(names):
        url = f"https://www.linkedin.com/in/{_slug(first, last, n)}"
        email = f"{_fold(first).lower()}.{_fold(last).lower().replace(' ', '')}{n}@example.com" \
            if n % 10 == 0 else ""
        people.append({"first": first, "last": last, "url": url, "email": email})
        rows.append([first, last, url, email, rng.choice(COMPANIES),
                     rng.choice(list(POSITIONS)), _connected_on(rng)])
    (folder / "Connections.csv").write_text(_connections_csv(rows), encoding="utf-8")

    def who(person: dict, k: int) -> str:
        # Mostly profile URLs, sometimes the name (any case, no accents) or the e-mail.
        if person["email"] and k % 3 == 0:
            return person["email"].upper()
        if k % 5 == 1:
            return _fold(f"{person['first']} {person['last']}").lower()
        return person["url"]

    counts = ACTIVITY_COUNTS[:]
    rng.shuffle(counts)
    log: list[list[str]] = []
    window_days = [AS_OF - timedelta(days=d) for d in range(WINDOW)]  # 03-15 back to 03-01
    # Both edges of the window hold a counted row: the first active person's first activity is
    # on the last day (as_of, which is also the latest date of the log), the second one's on the
    # first day inside.
    active = [i for i, c in enumerate(counts) if c > 0]
    edge_day = {active[0]: window_days[0], active[1]: window_days[-1]}
    for i, (person, count) in enumerate(zip(people, counts, strict=True)):
        for k in range(count):
            day = edge_day[i] if k == 0 and i in edge_day else window_days[rng.randrange(WINDOW)]
            log.append([who(person, k), day.isoformat(), rng.choice(COUNTED_SPELLINGS),
                        rng.choice(["Python Users", "Startup Founders", ""])])
    just_outside = AS_OF - timedelta(days=WINDOW)
    for k in range(6):
        log.append([people[k + 2]["url"], just_outside.isoformat(), "answer", ""])
    for _ in range(20):
        day = AS_OF - timedelta(days=WINDOW + 1 + rng.randrange(60))
        log.append([people[rng.randrange(100)]["url"], day.isoformat(), "comment", ""])
    for kind, number in NOT_COUNTED.items():
        for _ in range(number):
            day = window_days[rng.randrange(WINDOW)]
            log.append([people[rng.randrange(100)]["url"], day.isoformat(), kind, ""])
    for kind in ("share", "share", "share", "poke"):
        log.append([people[rng.randrange(100)]["url"], window_days[3].isoformat(), kind, ""])
    log.append([people[3]["url"], "03/04/2010", "answer", ""])
    log.append([people[4]["url"], "sometime in March", "comment", ""])
    for k in range(4):
        log.append([f"https://www.linkedin.com/in/not-a-connection-{k}",
                    window_days[k].isoformat(), "question", ""])
    rng.shuffle(log)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["person", "date", "kind", "group"])
    writer.writerows(log)
    (folder / "ACTIVITY.csv").write_text(buffer.getvalue(), encoding="utf-8")

    groups = _group_counts(rng)
    pool = [f"{a} {b}" for a in ("Python", "Startup", "Data", "Design", "Finance", "Recruiting",
                                 "Marketing", "Product", "Cloud", "Women in", "Berlin", "Lagos",
                                 "Madrid", "Remote", "Open Source")
            for b in ("Users", "Founders", "Network", "Professionals", "Leaders", "Club")]
    memberships = []
    for person, count in zip(people, groups, strict=True):
        for group in rng.sample(pool, count):
            memberships.append([person["url"], group])
    # A repeated membership in another case counts once; strangers are warned about.
    memberships.append([memberships[0][0], memberships[0][1].lower()])
    memberships += [[f"https://www.linkedin.com/in/not-a-connection-{k}", "Python Users"]
                    for k in range(3)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["person", "group"])
    writer.writerows(memberships)
    (folder / "GROUPS.csv").write_text(buffer.getvalue(), encoding="utf-8")

    truth = {
        "command": "netaudit activity samples/article/activity/Connections.csv "
                   "--log samples/article/activity/ACTIVITY.csv "
                   "--groups samples/article/activity/GROUPS.csv --sample 100 --seed 2010",
        "population": 100,
        "sampled": 100,
        "as_of": AS_OF.isoformat(),
        "window_days": WINDOW,
        "mean_groups": GROUP_TOTAL / 100,
        "mean_activity": sum(ACTIVITY_COUNTS) / 100,
        "activities": sum(ACTIVITY_COUNTS),
        "inactive": sum(c == 0 for c in ACTIVITY_COUNTS),
        "activity_counts_sorted": sorted(ACTIVITY_COUNTS),
        "group_counts_sorted": sorted(groups),
        "log_rows": len(log),
        "not_in_network_rows": 4,
        "unknown_kind_rows": 4,
        "unreadable_date_rows": 2,
        "just_outside_window_rows": 6,
    }
    (folder / "TRUTH.json").write_text(json.dumps(truth, indent=2) + "\n", encoding="utf-8")
    return truth


if __name__ == "__main__":
    recall = make_recall()
    activity = make_activity()
    print(f"recall: best {recall['best']}, worst {recall['worst']}, mean {recall['mean']:.1f}")
    print(f"activity: mean groups {activity['mean_groups']}, mean activities "
          f"{activity['mean_activity']}")
