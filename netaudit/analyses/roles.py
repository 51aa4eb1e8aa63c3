"""Role families from free-text positions: what kind of work a connection does.

A documented keyword taxonomy, checked in order (the first family whose keyword occurs in the
folded position wins), so "Technical Recruiter" is a recruiter and "Founder & CTO" a founder.
Keywords match whole words or word starts ("engineer" matches "engineering").
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
    "product": ("product", "program manager", "project manager", "scrum", "agile coach"),
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
    >>> role_family("")
    'unknown'
    """
    from netaudit.identity import fold

    text = fold(position)
    if not text:
        return UNKNOWN
    text = f" {text} "
    for family, patterns in _PATTERNS:
        if any(p.search(text) for p in patterns):
            return family
    return OTHER
