"""_marketing_names (Arrow's RE2 picks candidates, Python's regex decides) finds exactly the
sender names _MARKETING_SENDER finds, case folding and Unicode included."""

import random

import pandas as pd

from netaudit.importers.linkedin import _MARKETING_SENDER, _marketing_names

NAMES = [
    "Kate Mallord, LinkedIn", "The LinkedIn Team", "Lisa Nolan at LinkedIn Jobs",
    "Cassie from LinkedIn Premium", "Angela from", "Anna från", "Melissa & teamet bakom LinkedIn",
    "Max von", "Ana de", "Ana De", "LİNKEDİN", "lınkedın Learning", "Lin\u212aedIn",
    "linked\tin", "linked\nin", "linked  in", "Frank Linkedinski", "Linkedin", "Bo Li",
    "Dana Fromm", "Lee Vonn", "Jo Made", "", "from", " from",
]


def test_the_known_sender_names():
    got = _marketing_names(pd.Series(NAMES, dtype="str")).tolist()
    # By hand: a 'linked in' word (any case, İ/ı for i, one whitespace between), or a
    # trailing ' from' / ' från' / ' von' / ' de' after whitespace.
    assert got == [True, True, True, True, True, True, True, True, True, True, True, True,
                   True, True, True, False, False, True, False, False, False, False, False,
                   False, True]


def test_the_same_as_the_regex_on_random_names():
    rng = random.Random(17)
    # Pieces of both alternatives in every case and fold LinkedIn names come in, glued at random.
    pieces = ["l", "L", "inked", "INKED", "\u0130nked", "\u0131nked", "i", "\u0130", "\u0131",
              "n", "N", "K", "\u212a", " ", "\t", "\n", "", "from", "FROM", "fr\u00e5n",
              "FR\u00c5N", "fr\u212bn", "von", "VON", "de", "DE", "Ana", "x", ",", "-", "linked",
              "LinkedIn", "in"]
    names = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 7)))
             for _ in range(20_000)]
    expected = [bool(_MARKETING_SENDER.search(name)) for name in names]
    assert sum(expected) > 500  # the sample reaches both alternatives
    assert _marketing_names(pd.Series(names, dtype="str")).tolist() == expected
