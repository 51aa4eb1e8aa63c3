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

import bisect
import re
from functools import lru_cache
from itertools import accumulate

#: family -> keywords; order is priority. The English keywords come first; then, for each
#: family, the words of the positions in Spanish (es), Italian (it) and Swedish (sv) that
#: published exports of those languages hold (a Spanish, an Italian and a Swedish export
#: left 41%, 30% and 44% of their connections in "other" with English keywords alone).
#: Positions are folded to ASCII first (:func:`netaudit.identity.fold`: "Säljare" is
#: "saljare"). A keyword matches at the start of a word, and also at its end with a space
#: after it ("vd " is not "vdi"); one that starts with "~" matches only as the end of a
#: longer word, as Swedish compounds are made ("~chef" is the head of "enhetschef",
#: "konsultchef"; "chef" alone, a cook in English, is not).
ROLE_FAMILIES: dict[str, tuple[str, ...]] = {
    "recruiting": ("recruit", "talent acquisition", "sourcer", "headhunter", "staffing",
                   "resourcing",
                   "seleccion",  # es: "técnico de selección de personal"
                   "recrut", "reclut",  # pt: recrutamento, recrutador(a); es: reclutamiento
                   "rekryter",  # sv: rekryterare, rekryteringskonsult
                   "intercedent", "werving"),  # nl: 'Adviseur Werving & Selectie'
    "investor": ("investor", "venture", "partner at", "angel", "vc ", "principal investment",
                 "private equity", "fund manager", "general partner", "limited partner"),
    # The short titles are whole words: 'coo' began 'Coordinator' and 'Cook', 'vp' 'VPN
    # Engineer', 'owner' 'Ownership' (62 coordinators of a published Portuguese list, and
    # English ones in two more, were founders).
    "founder/executive": ("founder", "co-founder", "ceo ", "cto ", "cfo ", "coo ", "cmo ",
                          "chief", "president", "owner ", "managing director", "vp ",
                          "vice president",
                          # Whole words: 'director' began 'Directorate of External Relations'
                          # (a university office's account in a published list).
                          "head of", "head ", "director ", "directors ", "directora ",
                          "directoras ", "chairman", "chairwoman",
                          "managing partner", "proprietor", "entrepreneur",
                          "board member", "chairperson",
                          # es
                          "fundador", "cofundador", "socio ", "socia ", "subdirector",
                          "consejer", "empresari",  # consejero, consejera
                          # it
                          "fondatore", "direttore", "dirigente",
                          "amministratore delegato", "amministratore unico", "titolare",
                          "imprenditore", "vicepresidente", "consigliere",
                          # sv
                          "vd ", "grundare", "medgrundare", "agare", "delagare", "ordforande",
                          "styrelseordforande", "styrelseledamot", "generalsekreterare",
                          # pt: diretor(a), proprietário(a)
                          "diretor", "proprietari",
                          # de, nl: in a published list of 1,370 (Geschäftsführer ×4, Gründer
                          # und Geschäftsführer ×2, Oprichter ×2)
                          # ('Geschäftsführende Gesellschafterin' too, in a published list)
                          "geschaftsfuhr", "grunder", "oprichter",
                          "geschaeftsfuehr", "gruender",  # the same, written without umlauts
                          # nl, fr: in a published Dutch list of 6,477 (29.6% 'other' before:
                          # Eigenaar ×56, Mede-eigenaar ×14, Directeur ×18, Algemeen directeur
                          # ×11, Ondernemer ×10) and a French-speaking one (Co-fondateur,
                          # Directeur d'exploitation)
                          "eigenaar", "ondernemer", "directeur", "directrice", "fondateur",
                          # ru, as folded ('Основатель', 'Владелец', 'Директор', 'Руководитель
                          # департамента', 'Управляющий партнер': a published Russian list)
                          "osnovatel", "vladelets", "direktor", "rukovoditel",
                          "upravlyayushchiy partner"),
    "hiring manager": ("engineering manager", "hiring manager", "team lead", "manager",
                       "supervisor",
                       "jefe", "gerente", "responsable",  # es
                       "responsabile",  # it
                       "~chef", "teamledare", "arbetsledare",  # sv
                       "gestor", "lider de equipe",  # pt: a published Brazilian list
                       "chefe",  # pt: chefe de divisão
                       "verksamhetsledare",  # sv
                       # nl (the Dutch list: Vestigingsmanager ×17, Officemanager ×5,
                       # Teamleider, Leidinggevende), tr 'Yönetici'
                       "vestigingsmanager", "officemanager", "teamleider", "leidinggevende",
                       "yonetici"),
    "engineering": ("engineer", "developer", "programmer", "architect", "devops", "sre",
                    "software", "firmware", "qa", "tester",
                    "ingenier", "programador", "desarrollador", "arquitecto",  # es
                    "informatic",  # es, it: informático, informatico
                    "ingegner", "programmatore", "sviluppatore",  # it
                    "utvecklare", "systemutvecklare", "webbutvecklare", "ingenjor",  # sv
                    "~ingenjor", "testare",
                    "desenvolvedor", "engenheir",  # pt: desenvolvedor(a), engenheiro(a)
                    "arquitet", "quality assurance",  # pt: arquiteto(a); 'QA' written out
                    "front-end", "frontend", "back-end", "backend", "full stack", "fullstack",
                    "tech lead", "technical lead",  # 9 of two published lists
                    # ru, as folded: 'разработчик', 'Программист', 'инженер'
                    "razrabotchik", "~razrabotchik", "programmist", "inzhener"),
    "data": ("data", "analyst", "machine learning", "scientist", "statistic", "ml ", "ai ",
             "mlops", "artificial intelligence",
             "analista", "datos", "dati ", "analytiker",  # es, it, sv
             "dados", "cientista",  # pt
             "analist"),  # nl: 'Business Analist' (8 of the Dutch list)
    "design": ("design", "ux", "ui ", "user experience", "creative", "illustrat",
               "disenador",  # es: diseñador
               "director of photography"),  # a filmmaker's credit, no executive
    "product": ("product", "product manager", "product owner", "program manager",
                "project manager", "scrum", "agile coach",
                "jefe de proyecto", "gerente de proyecto", "gestor de proyecto",  # es
                "projektledare",  # sv
                "projectmanager",  # nl: 7 of the Dutch list ('Project Manager' is product)
                "menedzher proektov"),  # ru: 'Менеджер проектов', as folded
    "sales": ("sales", "account executive", "business development", "account manager", "bdr",
              "sdr", "partnership", "sales analyst",
              "comercial", "ventas", "preventa", "gerente de cuentas",  # es
              "commerciale", "vendite",  # it
              "saljare", "~saljare", "forsaljning", "kundansvarig", "affarsutvecklare",  # sv
              "vendas",  # pt
              # A developer of business, not software; managers of partnerships or of
              # business development sell (published English lists).
              "business developer", "partnership manager", "business development manager",
              # nl: Accountmanager ×49, Commercieel medewerker ×9, Vertegenwoordiger; tr:
              # 'Ticari satışlar' (whole words: 'satis' begins 'Satisfaction')
              "accountmanager", "commercieel", "vertegenwoordiger", "satis ", "satislar "),
    "marketing": ("marketing", "growth", "brand", "content", "seo", "communications", "pr ",
                  "marketing analyst",
                  "comunicacion", "contenidos",  # es
                  "comunicazione",  # it
                  "marknadsforing", "kommunikator",  # sv
                  "comunicacao",  # pt: comunicação
                  "redator", "redacteur",  # pt: redator(a), nl: redacteur (copywriters)
                  # 13 of a published list's 23 copywriters, 8 social media titles and 3 of
                  # public relations were 'other'; nl: (Online) Marketeer ×21,
                  # Communicatieadviseur ×7
                  "copywriter", "social media", "public relations", "marketeer",
                  "communicatie"),
    "people/hr": ("hr", "human resource", "people", "learning", "talent management",
                  "hr analyst", "human resources analyst", "compensation analyst",
                  "rrhh", "recursos humanos",  # es
                  "risorse umane",  # it
                  "personalansvarig",  # sv
                  "rh "),  # pt: RH, recursos humanos
    "finance": ("finance", "accountant", "accounting", "controller", "audit", "tax",
                # An analyst of a field works in it, not in data ('analyst' alone is data):
                # 70 such positions of four published exports were data until these.
                "financial analyst", "finance analyst", "tax analyst", "credit analyst",
                "investment analyst", "investment banking analyst", "real estate analyst",
                "bookkeep", "treasur",
                # Banking and trading (a published 2026 US list: 15 such positions were
                # "other", from "Relationship Banker" to "Securities Lending Trader").
                "banker", "banking", "trader", "wealth manager", "wealth management",
                # Advisers and managers of money (consulting and hiring manager before).
                "financial advisor", "financial adviser", "investment manager",
                "contable", "finanzas",  # es
                "contabile", "ragionier", "finanza",  # it
                "redovisning", "ekonom",  # sv
                "financeir", "contabil", "contador"),  # pt: financeiro(a), contábil
    # Lawyers (14 positions of that list, "Senior Legal Counsel" to "Paralegal"), and the
    # word for lawyer in the languages above.
    "legal": ("lawyer", "attorney", "counsel ", "legal", "paralegal", "law clerk", "solicitor",
              "barrister", "jurist",
              "abogad",  # es
              "avvocat",  # it
              "advokat",  # sv
              "advogad",  # pt
              "advocaat", "avukat"),  # nl, tr
    "consulting": ("consultant", "consulting", "advisor", "adviser", "freelance", "coach",
                   "advisory board member",
                   "consultor", "asesor",  # es
                   "consulente",  # it
                   "konsult", "~konsult", "radgivare", "verksamhetsutvecklare"),  # sv
    "education/research": ("professor", "teacher", "lecturer", "research", "phd", "student",
                           "intern ", "internship", "teaching", "faculty", "emeritus", "dean",
                           "chancellor",
                           "profesor", "docente", "investigador",  # es
                           "insegnante", "professore", "ricercat",  # it
                           "larare", "lararvikarie", "rektor", "forskare", "doktorand",  # sv
                           "praktikant",
                           "estagiari", "estagio",  # pt: estagiário(a), estágio
                           "estudante", "estudiante",  # pt, es: student
                           "docent", "dozent", "leraar",  # nl, de: 9 + 3 of the Dutch list
                           "instructor", "tutor"),
    "job seeker": ("seeking", "looking for", "open to work", "unemployed", "between roles"),
}
OTHER = "other"
UNKNOWN = "unknown"


def _pattern(keyword: str) -> re.Pattern[str]:
    """Where ``keyword`` matches in a folded position (see :data:`ROLE_FAMILIES`).

    >>> [bool(_pattern("engineer").search(t)) for t in (" engineering ", " reengineer ")]
    [True, False]
    >>> [bool(_pattern("vd ").search(t)) for t in (" vd ", " vdi ")]
    [True, False]
    >>> [bool(_pattern("~chef").search(t)) for t in (" enhetschef ", " chef ", " chefs ")]
    [True, False, False]
    """
    if keyword.startswith("~"):  # the end of a compound word
        return re.compile(r"(?<=[a-z])" + re.escape(keyword[1:].strip()) + r"(?![a-z])")
    return re.compile(r"(?<![a-z])" + re.escape(keyword.strip()) + (r"(?![a-z])" if
                      keyword.endswith(" ") else ""))


_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def word_starts(text: str) -> list[int]:
    """Where the words of a folded ``text`` start: a letter after anything else.

    >>> word_starts(" co-founder & cto ")
    [1, 4, 14]
    """
    return [i for i, c in enumerate(text) if c in _LETTERS and (i == 0
                                                                or text[i - 1] not in _LETTERS)]


def _words(text: str) -> tuple[str, list[int]]:
    """``text`` folded (:func:`netaudit.identity.fold`) between two spaces, and where its
    words start: what :meth:`_Keywords.spans` reads.

    >>> _words("Säljare")
    (' saljare ', [1])
    """
    from netaudit.identity import fold

    folded = f" {fold(text)} "
    return folded, word_starts(folded)


class _Keywords:
    """Keywords matched as :func:`_pattern` matches each, found by looking up the first two
    letters of each word rather than by a regular expression per keyword. On the 8,467
    distinct positions of six published exports, the role families took 0.54 s with a
    search per keyword and take about 0.2 s so (0.43 s with the English keywords alone).

    >>> found = _Keywords(["manager", "product manager", "vd ", "~chef"])
    >>> text = " product manager, vd, enhetschef, vdi "
    >>> found.spans(text, word_starts(text))
    [(1, 16), (9, 16), (18, 20), (28, 32)]
    """

    def __init__(self, keywords: tuple[str, ...] | list[str]) -> None:
        self.by_start: dict[str, list[tuple[str, bool]]] = {}
        self.compound_ends: list[str] = []
        for keyword in keywords:
            if keyword.startswith("~"):
                self.compound_ends.append(keyword[1:].strip())
            else:
                word = keyword.strip()
                self.by_start.setdefault(word[:2], []).append((word, keyword.endswith(" ")))

    def spans(self, text: str, starts: list[int]) -> list[tuple[int, int]]:
        """Every (start, end) of a keyword in ``text`` (folded, with ``starts`` its
        :func:`word_starts`)."""
        found = []
        for at in starts:
            for word, whole in self.by_start.get(text[at:at + 2], ()):
                end = at + len(word)
                if text.startswith(word, at) and not (
                        whole and end < len(text) and text[end] in _LETTERS):
                    found.append((at, end))
        for word in self.compound_ends:
            at = text.find(word, 1)
            while at != -1:
                end = at + len(word)
                if text[at - 1] in _LETTERS and not (end < len(text) and text[end] in _LETTERS):
                    found.append((at, end))
                at = text.find(word, at + 1)
        return found


_FAMILY_KEYWORDS = [(family, _Keywords(keys)) for family, keys in ROLE_FAMILIES.items()]


#: The data family's words for an analyst, who is of the field the position names when it
#: names one (:func:`role_family`).
ANALYST_WORDS = frozenset({"analyst", "analista", "analytiker", "analist"})


def _phrases() -> tuple[tuple[str, str], ...]:
    """(family, keyword) for each keyword that holds a keyword of a family checked before its
    own: the phrases that outrank the word inside them.

    >>> [k for _, k in _phrases()]  # doctest: +NORMALIZE_WHITESPACE
    ['director of photography', 'product manager', 'product owner', 'program manager',
     'project manager', 'jefe de proyecto', 'gerente de proyecto', 'gestor de proyecto',
     'account manager', 'sales analyst', 'gerente de cuentas', 'business developer',
     'partnership manager', 'business development manager', 'marketing analyst',
     'hr analyst', 'human resources analyst', 'compensation analyst', 'financial analyst',
     'finance analyst', 'tax analyst', 'credit analyst', 'investment analyst',
     'investment banking analyst', 'real estate analyst', 'wealth manager',
     'investment manager', 'advisory board member']
    """
    found = []
    for rank, (family, keys) in enumerate(ROLE_FAMILIES.items()):
        earlier = _Keywords([k for _, words in list(ROLE_FAMILIES.items())[:rank] for k in words])
        found += [(family, k) for k in keys if earlier.spans(*_words(k))]
    return tuple(found)


#: The phrases that outrank an earlier family's keyword inside them (see the module's text).
PHRASES = _phrases()
_PHRASE_KEYWORDS = [(family, _Keywords([k])) for family, k in PHRASES]


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
    text, starts = _words(position)
    if not text.strip():
        return UNKNOWN
    inside = _phrase_spans(text, starts)
    for rank, (family, keywords) in enumerate(_FAMILY_KEYWORDS):
        spans = keywords.spans(text, starts)
        if not _outside(spans, inside, family):
            continue
        if family == "data" and all(text[at:end] in ANALYST_WORDS for at, end in spans):
            # An analyst of a field works in it: 'Analista de marketing', 'Analista
            # Financeiro' (36 of a published Brazilian list's 38 analysts were data).
            # A research analyst stays one: analysis is the research; an analyst open to work
            # is an analyst, as an engineer open to work is an engineer.
            for later, later_keywords in _FAMILY_KEYWORDS[rank + 1:]:
                if later not in ("education/research", "job seeker") and _outside(
                        later_keywords.spans(text, starts), inside, later):
                    return later
        return family
    return OTHER


def _phrase_spans(text: str, starts: list[int]) -> list[tuple[int, int, str]]:
    """Where the phrases stand in ``text`` (:data:`PHRASES`), as sorted (start, end, family):
    another family's keyword inside one of them does not count."""
    return sorted((at, end, family) for family, phrase in _PHRASE_KEYWORDS
                  for at, end in phrase.spans(text, starts))


def _outside(spans: list[tuple[int, int]], inside: list[tuple[int, int, str]],
             family: str) -> bool:
    """Whether one of ``spans`` lies outside every phrase of another family than ``family``
    (``inside``: (start, end, family), sorted). By the phrases' starts and the farthest end
    reached so far, so that a long position of repeated phrases takes linear time.

    >>> _outside([(9, 16)], [(1, 16, "product")], "hiring manager")
    False
    >>> _outside([(9, 16), (20, 27)], [(1, 16, "product")], "hiring manager")
    True
    """
    phrases = [(start, end) for start, end, owner in inside if owner != family]
    if not phrases:
        return bool(spans)
    begins = [start for start, _ in phrases]
    reach = list(accumulate((end for _, end in phrases), max))
    for at, end in spans:
        before = bisect.bisect_right(begins, at)
        if not before or reach[before - 1] < end:
            return True
    return False


# --- Complementary roles: who could help whom (used by `netaudit introduce`) -----------------

#: Tags a position (or company) can carry besides its first-matching family. Every tag is
#: looked for independently, so "Founder & CTO, open to work" is a founder *and* a job seeker.
ROLE_TAGS: dict[str, tuple[str, ...]] = {
    # Executive search is recruiting too, though role_family calls it consulting.
    "recruiter": (*ROLE_FAMILIES["recruiting"], "executive search", "search consultant",
                  "talent partner"),
    "job seeker": ROLE_FAMILIES["job seeker"],
    "founder": ("founder", "co-founder", "cofounder", "fundador", "cofundador", "fondatore",
                "grundare", "medgrundare"),
    "investor": ROLE_FAMILIES["investor"],
    # Whoever leads people in a field can hire in it.
    "manager": ("manager", "head of", "director", "vp ", "vice president", "lead", "chief",
                "cto ", "supervisor", "jefe", "gerente", "responsable", "direttore",
                "responsabile", "dirigente", "~chef", "teamledare", "arbetsledare"),
    "product": ROLE_FAMILIES["product"],
    "sales": ROLE_FAMILIES["sales"],
    "marketing": ROLE_FAMILIES["marketing"],
}
#: A company named like a fund marks its people as investors ("Aurora Angels", "X Ventures")
#: when their title is one investors hold (:data:`INVESTMENT_TITLES`). The name alone said
#: too little in a published export of 5,351 connections: 110 worked at companies so named,
#: among them a club's office administrator ("Capital Club"), an insurer's HR specialist
#: ("Capital Express Assurance"), a bank's staff ("Capital One") and owners of trading firms
#: named "… Ventures", and 5 of the 20 introductions suggested paired such an "investor" with
#: a founder.
INVESTOR_COMPANY_WORDS = ("ventures", "venture", "capital", "angels", "vc")
#: The titles of a fund's investing staff.
INVESTMENT_TITLES = ("partner", "principal", "associate", "analyst", "invest", "portfolio",
                     "managing director", "fund", "venture", "angel")
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
_TAG_KEYWORDS = {tag: _Keywords(keys) for tag, keys in ROLE_TAGS.items()}
_CTO = _Keywords(["cto "])
_INVESTMENT_TITLES = _Keywords(INVESTMENT_TITLES)
_FIELD_KEYWORDS = {family: keywords for family, keywords in _FAMILY_KEYWORDS
                   if family in HIRING_FIELDS}


@lru_cache(maxsize=100_000)
def role_tags(position: str, company: str = "") -> frozenset[str]:
    """Every tag of ``ROLE_TAGS`` the position carries (plus "investor" for an investment
    title at a company named like a fund, :data:`INVESTOR_COMPANY_WORDS`), and
    ``"manager:<field>"`` / ``"member:<field>"`` for the hiring fields.

    A *manager* of a field has a manager keyword and the field's keyword in the position (a CTO
    manages engineering); a *member* of a field has it as role family and no manager keyword
    (and also carries the plain tag "member").

    Examples
    --------
    >>> sorted(role_tags("Engineering Manager"))
    ['manager', 'manager:engineering']
    >>> sorted(role_tags("Senior Backend Engineer, open to work"))
    ['job seeker', 'member', 'member:engineering']
    >>> sorted(role_tags("Principal", "Aurora Angels")), sorted(role_tags("Florist",
    ...                                                                  "Aurora Angels"))
    (['investor'], [])
    >>> sorted(role_tags("Founder & CTO"))
    ['founder', 'manager', 'manager:engineering']
    """
    tags = _position_tags(position)
    # Worked out once per position and once per company: 30,000 people hold a few thousand
    # (position, company) pairs of a few hundred positions and companies.
    if company and _named_like_a_fund(company) and _investment_title(position):
        return tags | {"investor"}
    return tags


@lru_cache(maxsize=100_000)
def _investment_title(position: str) -> bool:
    """Whether ``position`` is a title a fund's investing staff hold (:data:`INVESTMENT_TITLES`).

    >>> _investment_title("Venture Associate"), _investment_title("Office Administrator")
    (True, False)
    """
    return bool(_INVESTMENT_TITLES.spans(*_words(position)))


@lru_cache(maxsize=100_000)
def _named_like_a_fund(company: str) -> bool:
    """Whether a company is named like a fund ("Aurora Angels", "X Ventures, LLC").

    "Human capital" is HR's word for staff: in a published HR professional's export the
    people of "Human Capital Partners (HCP)" and "AKT Human Capital Solutions", an HR firm's
    recruiter and managers, were the "investors" of 5 of the 20 introductions suggested.

    >>> _named_like_a_fund("X Ventures, LLC"), _named_like_a_fund("Venturesome Ltd")
    (True, False)
    >>> _named_like_a_fund("Harbor Human Capital Partners"), _named_like_a_fund("Harbor Capital")
    (False, True)
    """
    from netaudit.identity import fold

    words = fold(company).replace(",", " ").replace(".", " ").split()
    named = [w for i, w in enumerate(words) if not (w == "capital" and i and words[i - 1] ==
                                                    "human")]
    return not set(named).isdisjoint(INVESTOR_COMPANY_WORDS)


@lru_cache(maxsize=100_000)
def _position_tags(position: str) -> frozenset[str]:
    """:func:`role_tags` of a position, whatever the company."""
    text, starts = _words(position)
    tags = {tag for tag, keywords in _TAG_KEYWORDS.items() if keywords.spans(text, starts)}
    # A field's keyword inside another family's phrase names no field: a "Credit Analyst"
    # works in finance, so a "Group Leader Credit Analyst" hires no data people.
    inside = _phrase_spans(text, starts)
    fields = {family for family, keywords in _FIELD_KEYWORDS.items()
              if _outside(keywords.spans(text, starts), inside, family)}
    if _CTO.spans(text, starts):
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
