"""How flash looks: narrow terminals, plain text when asked, a progress bar only when useful."""

from datetime import date
from pathlib import Path

import pexpect
import pytest

from flashcli.store import index
from tests.conftest import ADA, Run
from tests.test_store import new
from tests.test_walk_pty import spawn


@pytest.fixture
def held(run: Run) -> None:
    run(
        "prep",
        "--with",
        ADA,
        "--purpose",
        "career",
        "--goal",
        "Decide whether management is for me",
        "--topic",
        "What a first-time manager does in week one",
        "--topic",
        "First steps",
        "--question",
        "What would you do differently?",
        "--when",
        "2026-12-01 10:00",
        "--where",
        "Café Nero, King Street, opposite the station",
    )
    run("notes", "--action", "Draft a 30-day plan and share it with my manager", "--due", "+1w")
    run("notes", "--referral", "Sam Lee, who moved into management last year")


@pytest.mark.parametrize("args", [["agenda"], ["show"], ["prep"], ["followup"], ["email"], []])
def test_everything_fits_60_columns(
    run: Run, held: None, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    out = run(*args).stdout
    assert out.strip()
    if args != ["email"]:  # an email's lines are its own
        assert max(len(line) for line in out.splitlines()) <= 60, out


def test_no_color_and_pipes_are_plain(run: Run, held: None) -> None:
    out = run("agenda").stdout + run("show").stdout + run("list").stdout
    assert "\x1b[" not in out


def test_a_terminal_gets_colour_and_fits(home: Path, held: None) -> None:
    child = spawn(home, "list", columns=60)
    child.expect(pexpect.EOF)
    assert "2026-12-01-ada-lovelace" in child.before
    assert all(len(line) <= 60 for line in child.before.splitlines())


def test_a_narrow_terminal_says_which_columns_it_left_out(home: Path, held: None) -> None:
    for args, left in ((["actions"], "who"), (["list"], "date"), (["search", "plan"], "date")):
        child = spawn(home, *args, columns=60)
        child.expect(pexpect.EOF)
        assert f"(too narrow for {left}" in child.before, (args, child.before)
        assert all(len(line) <= 60 for line in child.before.splitlines())
    child = spawn(home, "actions", columns=160)  # room for every column: nothing said
    child.expect(pexpect.EOF)
    assert "too narrow" not in child.before


def test_piped_columns_line_up_after_wide_characters(run: Run) -> None:
    for name in ("李小龙 <li@example.org>", "Ada Lovelace <ada@example.org>"):
        run("prep", "--with", name, "--no-input")
        run("notes", "--action", "Send the slides")
    lines = run("actions").stdout.splitlines()
    from flashcli.cli.output import cells

    starts = [cells(line[: line.index("2026-11-28")]) for line in lines[1:]]
    assert len(starts) == 2 and starts[0] == starts[1], lines


def test_progress_bar_on_a_first_read_of_many_sessions(home: Path) -> None:
    for n in range(250):
        new(f"Partner {n}", date(2026, 12, 1 + n % 28))
    index.path().unlink(missing_ok=True)
    (home / "index.log").unlink(missing_ok=True)
    child = spawn(home, "list")
    child.expect_exact("Reading sessions (once)")
    child.expect(pexpect.EOF)
    child = spawn(home, "list")  # indexed now: no bar
    child.expect(pexpect.EOF)
    assert "Reading sessions" not in child.before


def test_a_colour_terminal_frames_the_agenda_and_term_dumb_does_not(home: Path, held: None) -> None:
    child = spawn(home, "agenda", columns=60, env={"NO_COLOR": ""})
    child.expect(pexpect.EOF)
    assert "╭─ Agenda: 2026-12-01-ada-lovelace" in _plain(child.before) and "\x1b[" in child.before
    assert all(len(line) <= 60 for line in _plain(child.before).splitlines())
    child = spawn(home, "agenda", columns=60, env={"NO_COLOR": "", "TERM": "dumb"})
    child.expect(pexpect.EOF)
    assert "╭" not in child.before and "\x1b[" not in child.before
    assert "Agenda: 2026-12-01-ada-lovelace" in child.before


def _plain(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)
