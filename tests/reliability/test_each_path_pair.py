"""2. Two terminals never undo each other, whatever path each takes.

For each way of changing a session that waits for a person (a walk, live notes, the notes
editor), another terminal changes the same session by each path (flags, a walk, live notes,
the editor) while the first is waiting; then the first makes its own change. Both changes
must be in the file afterwards. Real processes, real pseudo-terminals, a real editor process.
"""

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pexpect
import pytest

from tests.factories import env, flash, shown_in
from tests.test_walk_pty import spawn

pytestmark = pytest.mark.slow  # real processes, kills, git: `pytest -m 'not slow'` skips them

SID = "2026-11-28-ada-lovelace"
# A stand-in editor: waits for FLASH_TEST_GO to exist when it is set (a person still typing),
# then applies the Python in FLASH_TEST_EDIT to the text it was given.
EDITOR = """\
import os, pathlib, sys, time
ready, go = os.environ.get("FLASH_TEST_READY"), os.environ.get("FLASH_TEST_GO")
if go:
    pathlib.Path(ready).touch()
    while not pathlib.Path(go).exists():
        time.sleep(0.02)
path = pathlib.Path(sys.argv[-1])
text = path.read_text("utf-8")
exec(os.environ["FLASH_TEST_EDIT"])
path.write_text(text, "utf-8")
"""
Session = dict[str, Any]


@pytest.fixture
def held(home: Path, tmp_path: Path) -> Path:
    """A session held this morning, with one note; and the stand-in editor."""
    when = "2026-11-28 08:50"
    assert (
        flash(home, "prep", "--with", "Ada Lovelace <ada@example.org>", "--when", when).returncode
        == 0
    )
    assert flash(home, "notes", SID, "--at", when, "first note").returncode == 0
    editor = tmp_path / "editor.py"
    editor.write_text(EDITOR, "utf-8")
    return editor


def texts(s: Session) -> list[str]:
    return [n["text"] for n in s["notes"]]


def editing(editor: Path, edit: str, **more: str) -> dict[str, str]:
    return {"VISUAL": f"{sys.executable} {editor}", "FLASH_TEST_EDIT": edit, **more}


# ---------------------------------------------------------------- the other terminal's change


def by_flags(home: Path, editor: Path) -> None:
    assert flash(home, "followup", SID, "--done", "confidentiality").returncode == 0
    assert flash(home, "notes", SID, "from flags").returncode == 0


def by_walk(home: Path, editor: Path) -> None:
    child = spawn(home, "followup", SID)
    child.expect_exact("Have you followed through on what you agreed?")
    child.sendline("")  # not yet
    child.expect_exact("Will you keep what was shared confidential?")
    child.sendline("y")
    child.expect_exact("What helped most?")
    child.sendeof()
    child.expect(pexpect.EOF)


def by_live(home: Path, editor: Path) -> None:
    child = spawn(home, "notes", SID)
    child.expect_exact("min left] > ")
    child.sendline("from live notes")
    child.expect_exact("saved (")
    child.sendline("/tick receptive")
    child.expect_exact("ticked")
    child.sendline("/done")
    child.expect(pexpect.EOF)


def by_editor(home: Path, editor: Path) -> None:
    add = "text += '\\n[2026-11-28 09:00 note]\\nfrom the editor\\n'"
    result = subprocess.run(
        [sys.executable, "-m", "flashcli", "notes", SID, "--edit"],
        env={**env(home), **editing(editor, add)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


CHANGES: dict[str, tuple[Callable[[Path, Path], None], Callable[[Session], bool]]] = {
    "flags": (by_flags, lambda s: "confidentiality" in s["ticked"] and "from flags" in texts(s)),
    "walk": (by_walk, lambda s: "confidentiality" in s["ticked"]),
    "live": (by_live, lambda s: "receptive" in s["ticked"] and "from live notes" in texts(s)),
    "editor": (by_editor, lambda s: "from the editor" in texts(s)),
}

# ---------------------------------------------------------------- the terminal that waits


class Waiting:
    """A path started up to the point where it waits for the person (start), then given the
    person's answer (finish); `kept` says whether its own change is in the file."""

    def __init__(self, home: Path, editor: Path) -> None:
        self.home, self.editor = home, editor


class Walk(Waiting):
    def start(self) -> None:
        self.child = spawn(self.home, "followup", SID)
        self.child.expect_exact("Have you followed through on what you agreed?")

    def finish(self) -> None:
        self.child.sendline("y")
        self.child.expect(["Will you keep what was shared confidential?", "What helped most?"])
        self.child.sendeof()
        self.child.expect(pexpect.EOF)

    def kept(self, s: Session) -> bool:
        return "follow-through" in s["ticked"]


class Live(Waiting):
    def start(self) -> None:
        self.child = spawn(self.home, "notes", SID)
        self.child.expect_exact("min left] > ")

    def finish(self) -> None:
        self.child.sendline("typed while the other wrote")
        self.child.expect_exact("saved (")
        self.child.sendline("/done")
        self.child.expect(pexpect.EOF)

    def kept(self, s: Session) -> bool:
        return "typed while the other wrote" in texts(s)


class Editor(Waiting):
    def start(self) -> None:
        self.ready, self.go = self.editor.with_name("ready"), self.editor.with_name("go")
        change = "text = text.replace('first note', 'first note, reworded')"
        more = {"FLASH_TEST_READY": str(self.ready), "FLASH_TEST_GO": str(self.go)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "flashcli", "notes", SID, "--edit"],
            env={**env(self.home), **editing(self.editor, change, **more)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 30
        while not self.ready.exists():
            assert time.monotonic() < deadline, "the editor never started"
            time.sleep(0.02)

    def finish(self) -> None:
        self.go.touch()
        _, err = self.proc.communicate(timeout=60)
        assert self.proc.returncode == 0, err

    def kept(self, s: Session) -> bool:
        return "first note, reworded" in texts(s) and "first note" not in texts(s)


WAITING: dict[str, type[Walk | Live | Editor]] = {"walk": Walk, "live": Live, "editor": Editor}


@pytest.mark.parametrize("other", CHANGES)
@pytest.mark.parametrize("waiting", WAITING)
def test_a_change_made_while_another_path_waits_is_kept(
    home: Path, held: Path, waiting: str, other: str
) -> None:
    first = WAITING[waiting](home, held)
    first.start()
    change, made = CHANGES[other]
    change(home, held)
    assert made(shown_in(home, SID)), f"{other} did not change the session"
    first.finish()
    after = shown_in(home, SID)
    assert first.kept(after), f"the {waiting} lost its own change: {after}"
    assert made(after), f"the {waiting} undid the change made by {other}: {after}"
    assert os.listdir(home / "sessions") == [f"{SID}.toml"]
