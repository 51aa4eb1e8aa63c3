"""netaudit people: the review of joins made on a name alone, and decisions later runs honour
(issue 18). Data: samples/networks (planted counts in samples/make_networks.py)."""

from __future__ import annotations

import json

from conftest import SAMPLES

from netaudit.cli import app

NETWORKS = str(SAMPLES / "networks")
UNCERTAIN = ["ana-sousa@linkedin+whatsapp", "ben-okafor@linkedin+telegram",
             "chloe-martin@linkedin+facebook"]


def _json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_review_lists_the_three_name_only_joins(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("NETAUDIT_DB", str(tmp_path / "history.duckdb"))
    data = _json(runner.invoke(app, ["people", "--review", NETWORKS, "--json", "-q"]))
    assert sorted(j["id"] for j in data["joins"]) == UNCERTAIN
    assert data["uncertain"] == 3
    # Kept beside the history file.
    assert data["decisions"] == str(tmp_path / "decisions.json")
    text = runner.invoke(app, ["people", "--review", NETWORKS, "-q"])
    assert text.exit_code == 0
    assert "3 of 3 (100.0%) joins by name across networks" in " ".join(text.stdout.split())


def test_split_and_confirm_are_kept_and_honoured_by_other_commands(runner, tmp_path,
                                                                   monkeypatch):
    monkeypatch.setenv("NETAUDIT_DB", str(tmp_path / "history.duckdb"))
    result = runner.invoke(app, ["people", NETWORKS, "-q", "--split", UNCERTAIN[0],
                                 "--confirm", UNCERTAIN[1]])
    assert result.exit_code == 0, result.output
    kept = json.loads((tmp_path / "decisions.json").read_text(encoding="utf-8"))
    assert kept == {"confirmed": [UNCERTAIN[1]], "split": [UNCERTAIN[0]]}
    spread = _json(runner.invoke(app, ["analyze", NETWORKS, "--json", "-q"]))["networks"]
    # Ana split in two: 10 + 1 = 11 people; on two networks or more: 4 - 1 = 3.
    assert (spread["people"], spread["on_several"]) == (11, 3)
    review = _json(runner.invoke(app, ["people", "--review", NETWORKS, "--json", "-q"]))
    assert [j["id"] for j in review["joins"]] == [UNCERTAIN[2]]


def test_an_unknown_id_is_a_usage_error(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("NETAUDIT_DB", str(tmp_path / "history.duckdb"))
    result = runner.invoke(app, ["people", NETWORKS, "-q", "--confirm", "nobody@x+telegram"])
    assert result.exit_code == 2
    assert "no join 'nobody@x+telegram' in these inputs" in result.output
    assert not (tmp_path / "decisions.json").exists()


def test_the_terminal_review_asks_about_each_uncertain_join(monkeypatch):
    import netaudit
    from netaudit.cli import people as command

    joins = netaudit.load([NETWORKS]).joins
    answers = iter(["y", "no", ""])  # yes, keep apart, skip (the default)
    monkeypatch.setattr(command.typer, "prompt", lambda *a, **k: next(answers) or "s")
    confirmed, kept_apart = command._ask(joins)
    # Asked in the order of the joins: Ana, Ben, Chloé (sorted by id here to say which).
    order = [j.join_id for j in joins if j.uncertain]
    assert sorted(order) == UNCERTAIN
    assert (confirmed, kept_apart) == ([order[0]], [order[1]])
