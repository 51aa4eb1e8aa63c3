"""Role families from free-text positions: what kind of work a connection does.

A documented keyword taxonomy, checked in order (the first family whose keyword occurs in the
folded position wins), so "Technical Recruiter" is a recruiter and "Founder & CTO" a founder.
Keywords match whole words or word starts ("engineer" matches "engineering").

A phrase is more precise than a word inside it: "Program Manager" is product work and
"Product Owner" is not a business owner, though "manager" and "owner" belong to families
checked earlier. So a keyword of an earlier family does not count where it only occurs inside
such a phrase of a later family (:data:`PHRASES`); elsewhere in the position it still does
("Founder & Program Manager" is a founder).
"""

from __future__ import annotations

import re
from functools import lru_cache

#: family -> keywords; order is priority.
ROLE_FAMILIES: dict[str, tuple[str, ...]] = {
    "recruiting": ("recruit", "talent acquisition", "sourcer", "headhunter", "staffing"),
    "investor": ("investor", "venture", "partner at", "angel", "vc ", "principal investment",
                 "private equity", "fund manager"),
    "founder/executive": ("founder", "co-founder", "ceo", "cto", "cfo", "coo", "chief",
                          "president", "owner", "managing director", "vp", "vice president",
                          "head of", "director"),
    "hiring manager": ("engineering manager", "hiring manager", "team lead", "manager"),
    "engineering": ("engineer", "developer", "programmer", "architect", "devops", "sre",
                    "software", "firmware", "qa", "tester"),
    "data": ("data", "analyst", "machine learning", "scientist", "statistic", "ml ", "ai "),
    "design": ("design", "ux", "ui ", "user experience", "creative", "illustrat"),
    "product": ("product", "product manager", "product owner", "program manager",
                "project manager", "scrum", "agile coach"),
    "sales": ("sales", "account executive", "business development", "account manager", "bdr",
              "sdr", "partnership"),
    "marketing": ("marketing", "growth", "brand", "content", "seo", "communications", "pr "),
    "people/hr": ("hr", "human resources", "people", "learning", "talent management"),
    "finance": ("finance", "accountant", "accounting", "controller", "audit", "tax",
                "bookkeep", "treasur"),
    "consulting": ("consultant", "consulting", "advisor", "adviser", "freelance", "coach"),
    "education/research": ("professor", "teacher", "lecturer", "research", "phd", "student",
                           "intern"),
    "job seeker": ("seeking", "looking for", "open to work", "unemployed", "between roles"),
}
OTHER = "other"
UNKNOWN = "unknown"


def _pattern(keyword: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z])" + re.escape(keyword.strip()) + (r"(?![a-z])" if
                      keyword.endswith(" ") else ""))


_PATTERNS = [(family, [_pattern(k) for k in keys]) for family, keys in ROLE_FAMILIES.items()]


def _phrases() -> tuple[tuple[str, str], ...]:
    """(family, keyword) for each keyword that holds a keyword of a family checked before its
    own: the phrases that outrank the word inside them.

    >>> [k for _, k in _phrases()]
    ['product manager', 'product owner', 'program manager', 'project manager', 'account manager']
    """
    found = []
    for rank, (family, keys) in enumerate(ROLE_FAMILIES.items()):
        earlier = [p for _, patterns in _PATTERNS[:rank] for p in patterns]
        found += [(family, k) for k in keys if any(p.search(f" {k} ") for p in earlier)]
    return tuple(found)


#: The phrases that outrank an earlier family's keyword inside them (see the module's text).
PHRASES = _phrases()
_PHRASE_PATTERNS = [(family, _pattern(k)) for family, k in PHRASES]


@lru_cache(maxsize=100_000)
def role_family(position: str) -> str:
    """The role family of a position ('unknown' when empty, 'other' when no keyword matches).

    Examples
    --------
    >>> role_family("Senior Technical Recruiter")
    'recruiting'
    >>> role_family("Founder & CTO")
    'founder/executive'
    >>> role_family("Software Engineering Intern")
    'engineering'
    >>> role_family("Florist")
    'other'
    >>> role_family("Program Manager"), role_family("Founder & Program Manager")
    ('product', 'founder/executive')
    >>> role_family("")
    'unknown'
    """
    from netaudit.identity import fold

    text = fold(position)
    if not text:
        return UNKNOWN
    text = f" {text} "
    # Where the phrases stand: another family's keyword inside one of them does not count.
    inside = [(m.start(), m.end(), family) for family, p in _PHRASE_PATTERNS
              for m in p.finditer(text)]
    for family, patterns in _PATTERNS:
        if any(not any(start <= m.start() and m.end() <= end and owner != family
                       for start, end, owner in inside)
               for p in patterns for m in p.finditer(text)):
            return family
    return OTHER


# --- Complementary roles: who could help whom (used by `netaudit introduce`) -----------------

#: Tags a position (or company) can carry besides its first-matching family. Every tag is
#: looked for independently, so "Founder & CTO, open to work" is a founder *and* a job seeker.
ROLE_TAGS: dict[str, tuple[str, ...]] = {
    # Executive search is recruiting too, though role_family calls it consulting.
    "recruiter": (*ROLE_FAMILIES["recruiting"], "executive search", "search consultant",
                  "talent partner"),
    "job seeker": ROLE_FAMILIES["job seeker"],
    "founder": ("founder", "co-founder", "cofounder"),
    "investor": ROLE_FAMILIES["investor"],
    # Whoever leads people in a field can hire in it.
    "manager": ("manager", "head of", "director", "vp", "vice president", "lead", "chief",
                "cto"),
    "product": ROLE_FAMILIES["product"],
    "sales": ROLE_FAMILIES["sales"],
    "marketing": ROLE_FAMILIES["marketing"],
}
#: A company named like a fund marks its people as investors ("Aurora Angels", "X Ventures").
INVESTOR_COMPANY_WORDS = ("ventures", "venture", "capital", "angels", "vc")
#: The fields a hiring manager hires engineers, data people or designers in; "CTO" hires
#: engineers.
HIRING_FIELDS = ("engineering", "data", "design")

#: (tag of one side, tag of the other, fit, what it means). "field:manager"/"field:member"
#: means a manager and a member of the same hiring field; "member" a member of any hiring
#: field (engineering, data, design). Order is priority: a pair gets the first rule it
#: satisfies. Walked by a test.
COMPLEMENTARY_ROLES: tuple[tuple[str, str, float, str], ...] = (
    ("recruiter", "job seeker", 0.7, "recruiter and someone looking for a role"),
    ("investor", "founder", 0.7, "investor and founder"),
    ("field:manager", "field:member", 0.6, "hiring manager and professional in the same field"),
    ("recruiter", "manager", 0.4, "recruiter and a manager who may be hiring"),
    ("founder", "member", 0.4, "founder and someone they could hire"),
    ("recruiter", "member", 0.3, "recruiter and someone they could place"),
    ("product", "member:design", 0.3, "product and design, who build together"),
    ("founder", "sales", 0.3, "founder and someone who sells"),
    ("founder", "marketing", 0.3, "founder and someone who markets"),
)
_TAG_PATTERNS = {tag: [_pattern(k) for k in keys] for tag, keys in ROLE_TAGS.items()}
_FIELD_PATTERNS = {family: patterns for family, patterns in _PATTERNS
                   if family in HIRING_FIELDS}


@lru_cache(maxsize=100_000)
def role_tags(position: str, company: str = "") -> frozenset[str]:
    """Every tag of ``ROLE_TAGS`` the position carries (plus "investor" for a company named
    like a fund), and ``"manager:<field>"`` / ``"member:<field>"`` for the hiring fields.

    A *manager* of a field has a manager keyword and the field's keyword in the position (a CTO
    manages engineering); a *member* of a field has it as role family and no manager keyword
    (and also carries the plain tag "member").

    Examples
    --------
    >>> sorted(role_tags("Engineering Manager"))
    ['manager', 'manager:engineering']
    >>> sorted(role_tags("Senior Backend Engineer, open to work"))
    ['job seeker', 'member', 'member:engineering']
    >>> sorted(role_tags("Principal", "Aurora Angels"))
    ['investor']
    >>> sorted(role_tags("Founder & CTO"))
    ['founder', 'manager', 'manager:engineering']
    """
    tags = _position_tags(position)
    # Worked out once per position and once per company: 30,000 people hold a few thousand
    # (position, company) pairs of a few hundred positions and companies.
    return (tags | {"investor"}) if company and _named_like_a_fund(company) else tags


@lru_cache(maxsize=100_000)
def _named_like_a_fund(company: str) -> bool:
    """Whether a company is named like a fund ("Aurora Angels", "X Ventures, LLC").

    >>> _named_like_a_fund("X Ventures, LLC"), _named_like_a_fund("Venturesome Ltd")
    (True, False)
    """
    from netaudit.identity import fold

    words = fold(company).replace(",", " ").replace(".", " ").split()
    return not set(words).isdisjoint(INVESTOR_COMPANY_WORDS)


@lru_cache(maxsize=100_000)
def _position_tags(position: str) -> frozenset[str]:
    """:func:`role_tags` of a position, whatever the company."""
    from netaudit.identity import fold

    text = f" {fold(position)} "
    tags = {tag for tag, patterns in _TAG_PATTERNS.items() if any(p.search(text)
                                                                  for p in patterns)}
    fields = {family for family, patterns in _FIELD_PATTERNS.items()
              if any(p.search(text) for p in patterns)}
    if _pattern("cto").search(text):
        fields.add("engineering")
    if "manager" in tags:
        tags.update(f"manager:{f}" for f in fields)
    else:
        family = role_family(position)
        if family in HIRING_FIELDS:
            tags.update((f"member:{family}", "member"))
    return frozenset(tags)


def complementary(tags_a: frozenset[str], tags_b: frozenset[str]
                  ) -> tuple[float, str, bool] | None:
    """The first rule of ``COMPLEMENTARY_ROLES`` two people satisfy: ``(fit, meaning,
    swapped)``, where ``swapped`` says that b is the rule's first side; None if none.

    >>> complementary(role_tags("Technical Recruiter"), role_tags("Engineer, open to work"))
    (0.7, 'recruiter and someone looking for a role', False)
    >>> complementary(role_tags("Data Scientist"), role_tags("Head of Data"))
    (0.6, 'hiring manager and professional in the same field', True)
    >>> complementary(role_tags("Florist"), role_tags("Baker")) is None
    True
    """
    for first, second, fit, meaning in COMPLEMENTARY_ROLES:
        if first == "field:manager":
            for field in HIRING_FIELDS:
                if f"manager:{field}" in tags_a and f"member:{field}" in tags_b:
                    return fit, meaning, False
                if f"manager:{field}" in tags_b and f"member:{field}" in tags_a:
                    return fit, meaning, True
            continue
        if first in tags_a and second in tags_b:
            return fit, meaning, False
        if first in tags_b and second in tags_a:
            return fit, meaning, True
    return None


def position_at(position: str, company: str) -> str:
    """'Position at Company', or either alone; the company is not said twice where the
    position names it already after 'at' or '@' (LinkedIn's positions often do: a published
    export lists 'Freelance Developer at Truelancer.com' at the company 'Truelancer.com').

    >>> position_at("CTO", "Isteps"), position_at("Developer at Truelancer.com", "truelancer.com")
    ('CTO at Isteps', 'Developer at Truelancer.com')
    >>> position_at("", "Isteps"), position_at("CTO", ""), position_at("Analyst @ Ana", "Ana")
    ('Isteps', 'CTO', 'Analyst @ Ana')
    >>> position_at("Analyst at Anaplan", "Ana")  # another company that starts alike
    'Analyst at Anaplan at Ana'
    """
    if not company:
        return position
    if not position:
        return company
    if re.search(rf"(?:(?<!\w)at|@)\s+{re.escape(company)}(?!\w)", position, re.IGNORECASE):
        return position
    return f"{position} at {company}"
