"""The CLI's contract: help answers, errors are one line with a hint and the right exit code."""

from __future__ import annotations

from netaudit.cli import app


def test_help_lists_analyze(runner):
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "analyze" in result.output


def test_missing_path_is_one_line_error_exit_1(runner, tmp_path):
    missing = tmp_path / "nope.zip"
    result = runner.invoke(app, ["analyze", str(missing)])
    assert result.exit_code == 1
    assert f"error: {missing}: no such file or folder" in result.output.replace("\n", "")
    assert "Traceback" not in result.output


def test_connections_only_counts_hidden_and_email(runner, tmp_path):
    # Hand-checked: 3 rows, one date-only (hidden), one with e-mail, nobody messaged.
    path = tmp_path / "Connections.csv"
    path.write_text(
        'Notes:\n"x"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n'
        'Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz,,"Acme, Inc.",Recruiter,04 Jul 2023\n'
        ",,,,,,07 Jun 2022\n"
        "José,García,https://www.linkedin.com/in/jose,j@example.com,Beta,CEO,01 Jan 2021",
        encoding="utf-8",
    )
    import json

    result = runner.invoke(app, ["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["connections"] == 3
    assert data["hidden_profiles"] == 1
    assert data["with_email"] == 1
    assert data["connections_by_year"] == {"2021": 1, "2022": 1, "2023": 1}
    assert data["dormant"] == 3


def test_format_help_names_every_importer(runner):
    # The --format help lists the names by hand (importing the registry would slow --help);
    # this keeps that list equal to the registry.
    from netaudit.importers import REGISTRY

    result = runner.invoke(app, ["analyze", "--help"], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    for importer in REGISTRY:
        assert importer.name in text, importer.name


COMMANDS = ["analyze", "replies", "recall", "recall-study", "activity", "ties", "introduce",
            "team", "graph", "report"]


def test_flags_show_no_value_type_in_help(runner):
    # typer would print '<bool>' beside every on/off flag, as if it took a value; since issue
    # 15 not even its own --help row has it. 10 commands, each with --json or --force.
    for command in [*COMMANDS, None]:
        args = [command, "--help"] if command else ["--help"]
        result = runner.invoke(app, args, env={"COLUMNS": "200"}, terminal_width=200)
        assert result.exit_code == 0, command
        rows = [line for line in result.output.splitlines() if "<bool>" in line]
        assert rows == [], (command, rows)
