"""flash notes --edit in the person's editor, and flash email --open in their mail client."""

import json
import os
import stat
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ADA, Run

# A stand-in editor: rewrites the file it is given with the Python in FLASH_TEST_EDIT.
EDITOR = """\
import pathlib, sys, os
path = pathlib.Path(sys.argv[-1])
text = path.read_text("utf-8")
exec(os.environ["FLASH_TEST_EDIT"])
path.write_text(text, "utf-8")
"""


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, "utf-8")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    return script


@pytest.fixture
def noted(run: Run) -> str:
    run("prep", "--with", ADA, "--when", "2026-12-01 10:00")
    run("notes", "--at", "2026-12-01 10:10", "Talk to two managers")
    run("notes", "--at", "2026-12-01 10:20", "--question", "How did you decide?")
    run("notes", "--at", "2026-12-01 10:30", "--resource", "The Manager's Path")
    return "2026-12-01-ada-lovelace"


def notes(run: Run, sid: str) -> list[tuple[str, str, str]]:
    data = json.loads(run("show", sid, "--json").stdout)
    return [(n["at"], n["kind"], n["text"]) for n in data["notes"]]


def test_edit_changes_deletes_and_adds_notes(
    run: Run, noted: str, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "FLASH_TEST_EDIT",
        "text = text.replace('Talk to two managers', 'Talk to two managers, then decide')"
        ".replace('[2026-12-01 10:20 question]\\nHow did you decide?\\n', '')"
        " + '\\n[2026-12-01 10:45 referral]\\nSam Lee, who made the same move\\nlast year\\n'",
    )
    result = run("notes", "--edit")
    assert result.exit_code == 0, result
    assert result.stdout == f"saved 3 notes in {noted}\n"
    assert notes(run, noted) == [
        ("2026-12-01T10:10:00+01:00", "note", "Talk to two managers, then decide"),
        ("2026-12-01T10:30:00+01:00", "resource", "The Manager's Path"),
        ("2026-12-01T10:45:00+01:00", "referral", "Sam Lee, who made the same move\nlast year"),
    ]


def test_an_unchanged_edit_changes_nothing(
    run: Run, noted: str, editor: Path, monkeypatch: pytest.MonkeyPatch, sessions_dir: Path
) -> None:
    monkeypatch.setenv("FLASH_TEST_EDIT", "pass")
    before = (sessions_dir / f"{noted}.toml").read_bytes()
    assert run("notes", "--edit").stdout == f"no change to the notes of {noted}\n"
    assert (sessions_dir / f"{noted}.toml").read_bytes() == before


def test_a_broken_edit_is_kept_and_changes_nothing(
    run: Run,
    noted: str,
    editor: Path,
    monkeypatch: pytest.MonkeyPatch,
    sessions_dir: Path,
    home: Path,
) -> None:
    monkeypatch.setenv(
        "FLASH_TEST_EDIT", "text = text.replace('[2026-12-01 10:10 note]', '[tomorrow note]')"
    )
    before = (sessions_dir / f"{noted}.toml").read_bytes()
    result = run("notes", "--edit")
    assert result.exit_code == 1
    kept = home / f"{noted}-notes-edit.txt"
    assert (
        "is not under a [YYYY-MM-DD HH:MM kind] line" in result.stderr
        and str(kept) in result.stderr
    )
    assert "[tomorrow note]" in kept.read_text("utf-8")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert (sessions_dir / f"{noted}.toml").read_bytes() == before
    assert not list(home.glob(".edit-*"))  # the working copy is gone
    again = run("notes", "--edit")  # a second edit given up never overwrites the first
    assert f"an edit of the notes you left is kept in {kept}" in again.stderr
    assert str(home / f"{noted}.2-notes-edit.txt") in again.stderr
    assert "[tomorrow note]" in kept.read_text("utf-8")
    assert (home / f"{noted}.2-notes-edit.txt").exists()


def test_notes_left_untouched_stay_byte_for_byte(
    run: Run, noted: str, editor: Path, monkeypatch: pytest.MonkeyPatch, sessions_dir: Path
) -> None:
    """A '# line', a line that looks like a note's first line, U+2028: all survive an edit of
    another note exactly as they were."""
    tricky = "# Options\n[2026-12-01 10:00 note]\n\\ a backslash\nsay\u2028it"
    run("notes", "--at", "2026-12-01 10:40", tricky)
    before = json.loads(run("show", noted, "--json").stdout)["notes"]
    monkeypatch.setenv("FLASH_TEST_EDIT", "text = text.replace('Talk to two managers', 'Talk')")
    assert run("notes", "--edit").exit_code == 0
    after = json.loads(run("show", noted, "--json").stdout)["notes"]
    assert after[0]["text"] == "Talk"
    assert after[1:] == before[1:]
    assert after[3]["text"] == tricky


def test_a_line_that_looks_like_a_first_line_but_is_not_is_an_error(
    run: Run, noted: str, editor: Path, monkeypatch: pytest.MonkeyPatch, sessions_dir: Path
) -> None:
    monkeypatch.setenv(
        "FLASH_TEST_EDIT",
        "text = text.replace('[2026-12-01 10:20 question]', '[2026-12-01 10:20 qestion]')",
    )
    before = (sessions_dir / f"{noted}.toml").read_bytes()
    result = run("notes", "--edit")
    assert result.exit_code == 1
    line = result.stderr.split("line ")[1].split(",")[0]
    assert "'[2026-12-01 10:20 qestion]', is not a note's first line" in result.stderr
    kept = (sessions_dir.parent / f"{noted}-notes-edit.txt").read_text("utf-8")
    assert kept.splitlines()[int(line) - 1] == "[2026-12-01 10:20 qestion]"
    assert (sessions_dir / f"{noted}.toml").read_bytes() == before


def test_a_failing_or_missing_editor(run: Run, noted: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", "false")
    assert "the editor exited with 1; the notes are unchanged" in run("notes", "--edit").stderr
    monkeypatch.setenv("VISUAL", "no-such-editor-here --wait")
    result = run("notes", "--edit")
    assert (
        result.exit_code == 1
        and "could not start the editor 'no-such-editor-here'" in result.stderr
    )


def test_the_editor_never_goes_through_a_shell(
    run: Run, noted: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    marker = tmp_path / "pwned"
    monkeypatch.setenv("VISUAL", f"true; touch {marker}")
    run("notes", "--edit")
    assert not marker.exists()


def test_edit_takes_no_note(run: Run, noted: str) -> None:
    assert run("notes", "--edit", "a note").exit_code == 2


def test_email_open_hands_the_draft_to_the_mail_client(
    run: Run, noted: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    opened = tmp_path / "opened"
    opener = bin_dir / "xdg-open"
    opener.write_text(f'#!/bin/sh\necho "$1" >> {opened}\n', "utf-8")
    opener.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(sys, "platform", "linux")
    for _ in range(2):  # the second time replaces the first draft
        result = run("email", "--open")
        assert result.exit_code == 0, result
    draft = home / "drafts" / f"{noted}-agenda.eml"
    deadline = time.monotonic() + 5  # xdg-open runs in the background
    while (
        not opened.exists() or len(opened.read_text().split()) < 2
    ) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert opened.read_text().split() == [str(draft), str(draft)]
    assert "X-Unsent: 1" in draft.read_text("utf-8")
    assert stat.S_IMODE(draft.parent.stat().st_mode) == 0o700
