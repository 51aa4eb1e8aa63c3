"""samples/networks (written by samples/make_networks.py) gives exactly the counts planted in
that script's docstring (issue 18 "Done when")."""

from __future__ import annotations

import importlib.util
import json

import pytest
from conftest import SAMPLES

from netaudit import Audit

NETWORKS = SAMPLES / "networks"


@pytest.fixture(scope="module")
def audit():
    return Audit([NETWORKS])


def _script():
    spec = importlib.util.spec_from_file_location("make_networks", SAMPLES / "make_networks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_writes_the_committed_files(tmp_path):
    written = _script().main(tmp_path / "networks")
    mine = sorted(p.relative_to(written) for p in written.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(NETWORKS) for p in NETWORKS.rglob("*") if p.is_file())
    assert mine == committed
    for relative in mine:
        assert (written / relative).read_bytes() == (NETWORKS / relative).read_bytes(), relative


def test_analyze_json_gives_the_planted_counts(runner):
    from netaudit.cli import app

    result = runner.invoke(app, ["analyze", str(NETWORKS), "--json"])
    assert result.exit_code == 0, result.output
    spread = json.loads(result.stdout)["networks"]
    # 5 networks; 10 people: 6 on LinkedIn, Ivo and Gus, plus Jonas (Telegram and WhatsApp)
    # and X's 200: 6 + 4 = 10. X's 300 is followed but does not follow back: no connection,
    # and without a message no person either.
    assert spread["networks"] == ["linkedin", "facebook", "x", "telegram", "whatsapp"]
    assert spread["people"] == 10
    assert spread["on_several"] == 4  # Ana, Ben, Chloé, Jonas
    assert {r["network"]: (r["people"], r["talked_to"]) for r in spread["per_network"]} == {
        "linkedin": (6, 3), "facebook": (2, 1), "x": (1, 1), "telegram": (2, 1),
        "whatsapp": (3, 3)}
    # Active: Ana, Ben, Chloé, Femi, Gus, 200 = 6; by the network of the last contact.
    assert spread["active_ties"] == 6
    assert spread["active_by_network"] == {"linkedin": 1, "facebook": 1, "x": 1,
                                           "telegram": 1, "whatsapp": 2}
    assert spread["active_only_off_linkedin"] == 3  # Chloé, Gus, 200


def test_reply_rate_across_channels(audit):
    outreach = audit.summary.outreach
    # Reached: Ana (LinkedIn and WhatsApp), Ben (LinkedIn 2024), Gus, 200; replied: Ana,
    # Gus, 200: 3 of 4.
    assert (outreach["reached"], outreach["replied"]) == (4, 3)
    table = next(t for t in audit.replies().segments if t.segmentation.value == "network")
    # Ben on LinkedIn (no answer), 200 on X, Gus on WhatsApp, Ana on LinkedIn and WhatsApp.
    assert [(s.name, s.reached, s.replied) for s in table.segments] == [
        ("linkedin", 1, 0), ("x", 1, 1), ("whatsapp", 1, 1), ("several networks", 1, 1)]


def test_statuses_and_channels_per_tie(audit):
    rows = audit.ties.rows.set_index("name")
    statuses = audit.ties.statuses
    assert (statuses["active"], statuses["fading"], statuses["dormant"]) == (6, 1, 3)
    # Chloé: a LinkedIn connection silent on LinkedIn, alive on Facebook: not dormant.
    chloe = rows.loc["Chloé Martin"]
    assert (chloe["status"], chloe["last_contact_by_network"], chloe["on_paper"]) == (
        "active", "facebook 2026-09-20", "linkedin")
    assert rows.loc["Ana Sousa", "last_contact_by_network"] == \
        "whatsapp 2026-10-01; linkedin 2026-03-03"
    # Jonas: one contact day, 106 days before 2026-11-15 (more than 3 x 30): fading.
    assert rows.loc["Jonas Berg", "status"] == "fading"


def test_the_owner_and_the_uncertain_joins(audit):
    network = audit.network
    assert network.owner.name == "Maya Lindqvist"
    owner = network.people[network.people["is_owner"]]
    assert owner["networks"].tolist() == ["linkedin; facebook; x; telegram; whatsapp"]
    assert sorted(j.join_id for j in network.joins if j.uncertain) == [
        "ana-sousa@linkedin+whatsapp", "ben-okafor@linkedin+telegram",
        "chloe-martin@linkedin+facebook"]
    jonas = network.people.set_index("name").loc["Jonas Berg"]
    assert (jonas["phone"], jonas["joined_by"]) == ("+4915111111111", "phone")
