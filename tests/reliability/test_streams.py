"""14, 13, 4. Real closed, full and narrow standard streams, and input that is not UTF-8.

Each flash runs as a real process with its streams set up as a shell would: closed
(`>&-`, `<&-`), the full device (`>/dev/full`), an encoding that cannot show a name. Never a
traceback; a change saved before its output failed stands, and the exit code says so (0).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import env, flash
from tests.reliability.procs import snapshot

pytestmark = pytest.mark.slow  # real processes, kills, git: `pytest -m 'not slow'` skips them

SID = "2026-11-28-li-xiao-long"


@pytest.fixture
def held(home: Path) -> Path:
    assert flash(home, "prep", "--with", "李小龙 <li@example.org>", "--no-input").returncode == 0
    [path] = (home / "sessions").glob("*.toml")
    path.rename(path.with_name(f"{SID}.toml"))
    text = path.with_name(f"{SID}.toml").read_text("utf-8")
    path.with_name(f"{SID}.toml").write_text(text.replace(path.stem, SID), "utf-8")
    return home


def shell(home: Path, line: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """flash through a real shell, so that `>&-` and `<&-` close the stream for real."""
    command = f"{sys.executable} -m flashcli {line}"
    return subprocess.run(
        ["sh", "-c", command], env=env(home), input=stdin, capture_output=True, timeout=60
    )  # type: ignore[call-overload]


def notes(home: Path) -> list[str]:
    return [n["text"] for n in json.loads(flash(home, "show", SID, "--json").stdout)["notes"]]


@pytest.mark.parametrize("redirect", [">/dev/full", ">&-"])
def test_a_saved_note_whose_confirmation_cannot_be_printed_stands(
    held: Path, redirect: str
) -> None:
    """Once: saved, then a traceback and exit 1, so a script's retry wrote the note twice."""
    result = shell(held, f"notes {SID} 'a note' {redirect}")
    assert result.returncode == 0, result.stderr
    err = result.stderr.decode()
    assert err.startswith("flash: the change was saved, but flash could not print")
    assert "Traceback" not in err and err.count("\n") == 1
    assert notes(held) == ["a note"]


@pytest.mark.parametrize(
    "line",
    [
        "list >/dev/full",
        "list >&-",
        "actions --json >/dev/full",
        "show --json >&-",
        "--help >/dev/full",
    ],
)
def test_output_that_cannot_be_printed_is_one_line_and_exit_1(held: Path, line: str) -> None:
    before = snapshot(held)
    result = shell(held, line)
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert err.startswith("flash: could not print") and err.count("\n") == 1, err
    assert snapshot(held) == before


@pytest.mark.parametrize(
    ("line", "code", "says"),
    [
        ("notes <&-", 2, "give the note as TEXT"),
        (f"notes {SID} - <&-", 2, "TEXT: is empty"),
        ("prep <&-", 0, "Before the session"),
        ("followup <&-", 0, "After"),
        ("delete 2026 <&-", 2, "deleting needs a yes"),
    ],
)
def test_a_closed_standard_input_is_no_terminal_and_no_crash(
    held: Path, line: str, code: int, says: str
) -> None:
    result = shell(held, line)
    out = (result.stdout + result.stderr).decode()
    assert result.returncode == code, out
    assert says in out and "Traceback" not in out


def test_input_that_is_not_utf8_is_refused_not_guessed(held: Path) -> None:
    """printf 'caf\\xe9' | flash notes S -, and the same bytes as an argument."""
    before = snapshot(held)
    piped = shell(held, f"notes {SID} -", stdin=b"caf\xe9")
    assert (
        piped.returncode == 2 and b"TEXT: what came on standard input is not UTF-8" in piped.stderr
    )
    argument = subprocess.run(
        [sys.executable, "-m", "flashcli", "notes", SID, os.fsdecode(b"caf\xe9")],
        env=env(held),
        capture_output=True,
        timeout=60,
    )
    assert argument.returncode == 2 and b"TEXT: is not UTF-8 text" in argument.stderr
    assert b"Traceback" not in piped.stderr + argument.stderr
    assert snapshot(held) == before


@pytest.mark.parametrize("args", [["list"], ["actions", "--all"], ["show", SID], ["agenda", SID]])
def test_an_encoding_that_cannot_show_a_name_shows_it_escaped(held: Path, args: list[str]) -> None:
    flash(held, "notes", SID, "--action", "Call 李")
    result = subprocess.run(
        [sys.executable, "-m", "flashcli", *args],
        env={**env(held), "PYTHONIOENCODING": "latin-1"},
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert b"\\u674e" in result.stdout and b"Traceback" not in result.stderr
