"""Every command's terminal output fits 80 and 120 columns without cutting a name (issue 15).

Before: at COLUMNS=80 `ties` showed 'Gökh… / Patel / (Okt…' and 'act…' (66 '…' in its
output), `people` 9, `team` 2; the tables of analyze wrapped a definition column into
4-line rows. Now a table drops its droppable columns (saying so in one dim line), moves its
definitions under it, and gives every column at least its longest word
(netaudit.render.terminal.fit_table)."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from netaudit.cli import app
from tests.conftest import FIXTURES, SAMPLES

SAMPLE = str(SAMPLES / "Basic_LinkedInDataExport_11-20-2026.zip")
NETWORKS = sorted(str(p) for p in (SAMPLES / "networks").iterdir())
NAMES = str(FIXTURES / "terminal-names")
HISTORY = FIXTURES / "history"
ARTICLE = SAMPLES / "article"

#: The people of tests/fixtures/terminal-names, written by hand (its EXPECTED.md).
FULL_NAMES = [
    "ಶ್ರೀನಿವಾಸ ರಾಘವೇಂದ್ರ ಕೃಷ್ಣಮೂರ್ತಿ",
    "عبد الرحمن الزهراني",
    "明华 欧阳",
    "Александра Константиновна Преображенская",
    "Maximiliane-Theodora Featherstonehaugh-Oyelaran",
    "Lena Voss",
]
#: Its 40-character company (Kaveri's; 'Northern Lights Renewable Energy Co-op' has 38).
LONG_COMPANY = "Kaveri Handloom Weavers Cooperative Soc."

CASES = {
    "analyze": ["analyze", SAMPLE],
    "replies": ["replies", SAMPLE],
    "ties": ["ties", SAMPLE],
    "introduce": ["introduce", SAMPLE],
    "due": ["due", SAMPLE],
    "recall --names": ["recall", str(ARTICLE / "recall" / "callum" / "Connections.csv"),
                       "--names", str(ARTICLE / "recall" / "callum" / "names.txt")],
    "recall-study": ["recall-study", str(ARTICLE / "recall" / "STUDY.csv")],
    "activity": ["activity", str(ARTICLE / "activity" / "Connections.csv"), "--log",
                 str(ARTICLE / "activity" / "ACTIVITY.csv"), "--groups",
                 str(ARTICLE / "activity" / "GROUPS.csv"), "--sample", "100", "--seed", "2010"],
    "team": ["team", str(HISTORY / "rosa-2025-12"), str(HISTORY / "tomas-2025-12")],
    "people": ["people", *NETWORKS],
    "diff": ["diff", str(HISTORY / "rosa-2025-05"), str(HISTORY / "rosa-2025-12")],
    "analyze networks": ["analyze", *NETWORKS],
    "ties networks": ["ties", *NETWORKS],
    "analyze names": ["analyze", NAMES],
    "ties names": ["ties", NAMES],
    "due names": ["due", NAMES],
    "introduce names": ["introduce", NAMES],
}


def _fits(text: str, width: int) -> list[str]:
    """The lines of ``text`` wider than ``width`` cells."""
    return [line for line in text.splitlines() if cell_len(line) > width]


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("case", list(CASES))
def test_every_table_fits_and_nothing_is_cut(runner, case, width):
    result = runner.invoke(app, CASES[case], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()
    assert _fits(result.stdout, width) == []
    assert "…" not in result.stdout


@pytest.mark.parametrize("width", [80, 120])
def test_the_files_written_and_the_history_fit_too(runner, tmp_path, width):
    env = {"COLUMNS": str(width), "NETAUDIT_DB": str(tmp_path / "h.duckdb")}
    for export in ("rosa-2025-05", "rosa-2025-12"):
        assert runner.invoke(app, ["history", "add", str(HISTORY / export), "-q"],
                             env=env).exit_code == 0
    for args in (["trend"], ["history", "list"],
                 ["graph", SAMPLE, "-o", str(tmp_path / "g.graphml")],
                 ["batch", SAMPLE, "--out", str(tmp_path / "batch")]):
        result = runner.invoke(app, args, env=env)
        assert result.exit_code == 0, result.output
        # The graph's and batch's summaries and the reading line too (no warning here).
        assert _fits(result.stdout + result.stderr, width) == [], args
        assert "…" not in result.output
        if args == ["history", "list"]:
            # Before: at 80 columns the long 'Read from' path squeezed the ID column to
            # nothing and cut 'Connectio / ns' and '2025-05- / 10'; now the path folds.
            assert "│  1 │ 2025-05-10 │          12 │" in result.stdout


def _words(text: str) -> set[str]:
    """Every word printed, without table borders and the brackets around a company."""
    return set(re.sub(r"[│┃┏┓┗┛┡┩└┘┌┐━─╇╈┳┻┼|()\[\],;:]", " ", text).split())


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("command", ["ties", "due"])
def test_names_in_every_script_are_printed_whole(runner, command, width):
    result = runner.invoke(app, [command, NAMES], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    words = _words(result.stdout)
    # Each word of each name (and of the 40-character company) whole: a name may wrap
    # between its words, never inside one.
    # Lena Voss, in touch 0 days before, is not due (EXPECTED.md).
    shown = FULL_NAMES if command == "ties" else FULL_NAMES[:-1]
    for name in [*shown, LONG_COMPANY]:
        assert set(name.split()) <= words, (name, width)


def test_on_a_wide_terminal_each_name_stands_on_one_line(runner):
    # 200 columns: the Person column holds the longest, 'Александра Константиновна
    # Преображенская (Berezka Design Studio)' (40 + 24 = 64 characters).
    result = runner.invoke(app, ["ties", NAMES], env={"COLUMNS": "200"})
    strongest = result.stdout.split("Strongest ties")[1].split("Re-engage")[0]
    for name in FULL_NAMES:
        assert name in strongest, name


def test_a_narrow_terminal_says_which_columns_it_hid(runner):
    # Strongest ties at 80 columns: rank 2, person 24+ (NAME_WIDTH), score 5, status 7,
    # layer 10 and six components of 4-5: the least weighted go first (Serv, Intim, Dur,
    # Freq), and the line under the table names them.
    result = runner.invoke(app, ["ties", SAMPLE], env={"COLUMNS": "80"})
    text = " ".join(result.stdout.split())
    assert ("narrow terminal: columns 'Serv', 'Intim', 'Dur', 'Freq' hidden; --json or a "
            "wider terminal shows them") in text
    wide = runner.invoke(app, ["ties", SAMPLE], env={"COLUMNS": "200"})
    assert "narrow terminal" not in wide.stdout
    assert "┃ Serv ┃" in wide.stdout or "Serv" in wide.stdout.split("Strongest ties")[1]


def test_definitions_move_under_the_table_at_80_columns(runner):
    result = runner.invoke(app, ["analyze", SAMPLE], env={"COLUMNS": "80"})
    head = result.stdout.split("Connections by year")[0]
    assert "Definition" not in head
    # Each figure's definition follows the table, after the figure's name.
    assert "Hidden profiles: rows holding only a connection date" in head
    wide = runner.invoke(app, ["analyze", SAMPLE], env={"COLUMNS": "200"})
    assert "Definition" in wide.stdout.split("Connections by year")[0]
