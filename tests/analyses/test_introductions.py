"""Introductions: complementary roles, same place and field, never pairs already tied, ranked
by fit and tie strength. Expected ranks are worked out beside each pair."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from network_builders import ME, build, days_ago, msg

import netaudit.analyses.introductions as introductions
from netaudit.analyses.introductions import place_key, suggest_introductions
from netaudit.roles import COMPLEMENTARY_ROLES, complementary, role_family, role_tags

PEOPLE = {
    "r": {"name": "Rae Recruiter", "position": "Technical Recruiter", "location": "Berlin"},
    "s": {"name": "Sam Seeker", "position": "Data Analyst, open to work",
          "location": "Berlin, Germany"},
    "i": {"name": "Ines Investor", "position": "Partner at Seed Fund", "location": "Lisbon"},
    "f": {"name": "Fay Founder", "position": "Co-Founder", "location": "Austin"},
    "m": {"name": "Max Manager", "position": "Engineering Manager", "location": "Lisbon"},
    "e": {"name": "Eli Engineer", "position": "Backend Engineer", "location": "Lisbon"},
    "d1": {"name": "Dana Designer", "position": "Designer", "location": "Greater Berlin Area"},
    "d2": {"name": "Dora Designer", "position": "UX Designer", "location": "berlin"},
    "t1": {"name": "Tim Recruiter", "position": "Technical Recruiter"},
    "t2": {"name": "Tom Seeker", "position": "Engineer, open to work"},
    "h": {"name": "", "hidden": True, "position": "Recruiter"},
    "n": {"name": "Nia Stranger", "position": "Founder", "is_connection": False},
}
STRENGTHS = {"r": 0.8, "s": 0.5, "i": 0.2, "f": 0.45, "m": 0.3, "e": 0.3, "d1": 0.6,
             "d2": 0.4, "t1": 0.0, "t2": 0.0}


def _network():
    # t1 and t2 were in a group conversation together: already tied, never suggested.
    return build([msg("g", days_ago(3), ME, ("t1", "t2"))], people=PEOPLE)


def _rank(fit, a, b):
    return fit * (0.1 + 0.9 * math.sqrt(STRENGTHS[a] * STRENGTHS[b]))


def test_the_complementary_role_taxonomy_is_walked():
    examples = {
        "recruiter and someone looking for a role": ("Recruiter", "Seeking a new role"),
        "investor and founder": ("Angel Investor", "Founder"),
        "hiring manager and professional in the same field": ("Head of Data",
                                                              "Data Scientist"),
        "recruiter and a manager who may be hiring": ("Sourcer", "Director of Sales"),
        "founder and someone they could hire": ("Co-Founder", "UX Designer"),
        "recruiter and someone they could place": ("Executive Search Consultant",
                                                   "Backend Engineer"),
        "product and design, who build together": ("Product Owner", "Visual Designer"),
        "founder and someone who sells": ("Founder", "Account Executive"),
        "founder and someone who markets": ("Founder", "Growth Marketer"),
    }
    assert set(examples) == {meaning for *_, meaning in COMPLEMENTARY_ROLES}
    for meaning, (first, second) in examples.items():
        found = complementary(role_tags(first), role_tags(second))
        assert found is not None and found[1] == meaning, (first, second)
        assert complementary(role_tags(second), role_tags(first))[2] is True


def test_role_tags_keep_role_family_unchanged():
    assert role_family("Founder & CTO") == "founder/executive"
    assert sorted(role_tags("Founder & CTO")) == ["founder", "manager", "manager:engineering"]
    assert "investor" in role_tags("Principal", "Blue Fjord Ventures")
    # A data engineer is not a design hiring manager's professional.
    assert complementary(role_tags("Design Lead"), role_tags("Data Engineer")) is None


def test_a_company_named_like_a_fund_adds_investor_to_an_investment_title():
    # The position's tags are the same at any company; a fund's name adds "investor" alone,
    # and only to a title a fund's investing staff hold. A published HR professional's export
    # made investors of a club's office administrator ("Capital Club"), an insurer's HR
    # specialist ("Capital Express Assurance") and the staff of HR firms named "Human
    # Capital": 5 of its 20 suggested introductions paired one of them with a founder.
    assert role_tags("Associate", "X Ventures, LLC") == {"investor"}
    assert role_tags("Analyst", "Lindenbaum Capital") == {"member", "member:data", "investor"}
    assert role_tags("Engineering Manager", "X Ventures, LLC") == {
        "manager", "manager:engineering"}
    assert role_tags("Data Scientist", "Capital.One") == {"member", "member:data"}
    assert role_tags("Data Scientist", "Venturesome Ltd") == {"member", "member:data"}
    assert role_tags("Florist", "Aurora Angels") == frozenset()
    assert role_tags("Office Administrator", "Capital Club") == frozenset()
    assert role_tags("Partner", "Harbor Human Capital Partners") == frozenset()
    assert role_tags("", "") == frozenset()


def test_place_key_compares_cities():
    assert place_key("Berlin, Germany") == place_key("Greater Berlin Area") == "berlin"
    assert place_key("Kraków") == "krakow"


def test_pairs_ranked_by_fit_and_strength_with_reasons():
    result = suggest_introductions(_network(), strengths=STRENGTHS, limit=20)
    got = [(p.a.person_id, p.b.person_id, p.fit, round(p.score, 6)) for p in result.pairs]
    assert got == [
        ("r", "s", 1.0, round(_rank(1.0, "r", "s"), 6)),    # 0.7 + same city 0.3: 0.6692
        ("r", "d1", 0.6, round(_rank(0.6, "r", "d1"), 6)),  # 0.3 + 0.3: 0.4341
        # r-d2 (0.3655) is next, but Rae is already in 2 pairs
        ("m", "e", 0.9, round(_rank(0.9, "m", "e"), 6)),    # 0.6 + 0.3: 0.333
        ("d1", "d2", 0.5, round(_rank(0.5, "d1", "d2"), 6)),  # same field 0.2 + city 0.3
        ("i", "f", 0.7, round(_rank(0.7, "i", "f"), 6)),    # 0.7 x (0.1 + 0.9 x 0.3): 0.259
        # f-d1 0.2271 (Dana has 2), r-m 0.2164 (Rae has 2)
        ("f", "s", 0.4, round(_rank(0.4, "f", "s"), 6)),    # 0.2108
        # f-d2, r-e, f-e (capped); t1-s 0.07 and r-t2 0.07 (Sam and Rae have 2)
        ("m", "t2", 0.6, round(_rank(0.6, "m", "t2"), 6)),  # 0.6 x 0.1
        # f-t2, t1-m capped; then three pairs at 0.3 x 0.1, by name: Dana (capped), Dora, Eli
        ("t1", "d2", 0.3, round(_rank(0.3, "t1", "d2"), 6)),
        ("t1", "e", 0.3, round(_rank(0.3, "t1", "e"), 6)),
    ]
    # Never: t1-t2 (already tied in a group conversation), the hidden profile, and Nia (not a
    # connection or contact).
    assert result.pairs[0].reason == (
        "recruiter and someone looking for a role: Rae Recruiter (Technical Recruiter); "
        "Sam Seeker (Data Analyst, open to work); both in Berlin")
    assert result.pairs[3].reason == (
        "both in design: Dana Designer (Designer); Dora Designer (UX Designer); "
        "both in Greater Berlin Area")
    assert result.people == 10
    assert result.with_place == 8
    uncapped = suggest_introductions(_network(), strengths=STRENGTHS, limit=3, per_person=None)
    assert [(p.a.person_id, p.b.person_id) for p in uncapped.pairs] == [
        ("r", "s"), ("r", "d1"), ("r", "d2")]


def test_limit_and_json():
    data = suggest_introductions(_network(), strengths=STRENGTHS, limit=2).to_dict()
    assert [(p["a"]["name"], p["b"]["name"]) for p in data["introductions"]] == [
        ("Rae Recruiter", "Sam Seeker"), ("Rae Recruiter", "Dana Designer")]
    assert data["introductions"][0]["a"]["tie_strength"] == 0.8
    assert data["notes"] == []


def test_without_places_or_strengths_the_notes_say_what_is_missing():
    people = {"r": {"position": "Recruiter"}, "s": {"position": "Seeking new role"}}
    result = suggest_introductions(build(people=people))
    assert [(p.a.person_id, p.b.person_id, p.score) for p in result.pairs] == [
        ("r", "s", pytest.approx(0.07))]            # fit 0.7 x the floor 0.1
    assert len(result.notes) == 2
    assert "no locations" in result.notes[0]


def test_candidates_are_the_strongest_of_each_bucket_not_all_pairs(monkeypatch):
    monkeypatch.setattr(introductions, "BUCKET_SIZE", 3)
    people = {f"r{i}": {"position": "Recruiter"} for i in range(10)}
    people |= {f"s{i}": {"position": "Open to work"} for i in range(10)}
    strengths = {pid: (int(pid[1:]) + 1) / 10 for pid in people}
    result = suggest_introductions(build(people=people), strengths=strengths, limit=1)
    assert result.pairs_considered == 9                 # 3 recruiters x 3 seekers, not 100
    assert (result.pairs[0].a.person_id, result.pairs[0].b.person_id) == ("r9", "s9")


SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.mark.skipif(not (SAMPLES / "sample_truth.json").exists(), reason="samples not generated")
def test_the_sample_complementary_pairs_are_all_found():
    # samples/make_samples.py placed ten pairs with complementary roles in the same city
    # (sample_truth.json, "contacts.complementary_pairs"): each must come out as a pair.
    import json

    from netaudit import Audit
    from netaudit.identity import normalize_url

    audit = Audit([SAMPLES / "Basic_LinkedInDataExport_11-20-2026.zip",
                   SAMPLES / "contacts.csv"])
    result = suggest_introductions(audit.network, strengths=audit.ties.scores,
                                   graph=audit.graph, limit=100_000, per_person=None)
    url = dict(zip(audit.network.people["person_id"], audit.network.people["profile_url"],
                   strict=True))
    found = {frozenset((url[p.a.person_id], url[p.b.person_id])): p for p in result.pairs}
    truth = json.loads((SAMPLES / "sample_truth.json").read_text(encoding="utf-8"))
    for pair in truth["contacts"]["complementary_pairs"]:
        key = frozenset(normalize_url(u) for u in pair["urls"])
        assert key in found, pair
        assert f"both in {pair['location']}" in found[key].reason, pair
    # Who they are: the 293 named connections (300 rows, 7 hidden) and the 20 of the 40
    # address-book rows that are no connection (sample_truth.json), so a share of roles
    # known can be read (a published export: 'role known for 292 of 1,162', where 738 were
    # contacts without positions and 292 of the 424 connections had a role).
    connections = truth["connections"]["named_rows"]
    contacts = truth["contacts"]["rows"] - truth["contacts"]["matching_connections"]
    assert (result.people, result.connections) == (connections + contacts, connections)
    assert result.to_dict()["connections"] == connections


def test_a_position_naming_its_company_is_not_followed_by_it_again():
    # A published LinkedIn export lists a connection as 'Freelance Developer at
    # Truelancer.com' at the company 'Truelancer.com'; the reason once said the company twice.
    people = {
        "v": {"name": "Vic Varga", "position": "CTO", "company": "Kestrel Labs"},
        "n": {"name": "Noor Tamm", "position": "Freelance Developer at Gigpost.io",
              "company": "Gigpost.io"},
    }
    result = suggest_introductions(build([], people=people), strengths={"v": 0.5, "n": 0.5})
    (pair,) = result.pairs
    assert pair.reason == ("hiring manager and professional in the same field: "
                           "Vic Varga (CTO at Kestrel Labs); "
                           "Noor Tamm (Freelance Developer at Gigpost.io)")


def test_equal_tie_strengths_say_the_order_is_by_name():
    # A published list of 1,815 connections alone: every tie scored the same, and the 20
    # pairs came out investors and founders in alphabetical order, without a word. By hand:
    # two investors and two founders, all strengths 0.0: 4 pairs of fit 0.7, a note.
    people = {"a": {"name": "Ada Angel", "position": "Angel Investor"},
              "b": {"name": "Bo Backer", "position": "Venture Investor"},
              "c": {"name": "Cy Start", "position": "Founder"},
              "d": {"name": "Di Make", "position": "Co-Founder"}}
    result = suggest_introductions(build([], people=people),
                                   strengths=dict.fromkeys(people, 0.0))
    assert len(result.pairs) == 4 and {p.fit for p in result.pairs} == {0.7}
    assert ("every tie strength is the same (nothing in the data tells these ties apart): "
            "pairs of equal fit are listed in name order") in result.notes
    # Strengths that differ say nothing of the kind.
    varied = suggest_introductions(build([], people=people),
                                   strengths={"a": 0.1, "b": 0.2, "c": 0.3, "d": 0.4})
    assert not [n for n in varied.notes if "tie strength is the same" in n]
