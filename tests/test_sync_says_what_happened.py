"""What a sync says is what happened (part 22): a session sealed on one machine and changed
on the other is one session, merged with its common ancestor; a deletion names what this
machine had that the deleting one never saw, and where git keeps it. Real git, two machines."""

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import copy_key, key_of
from tests.factories import SID, env, flash, shown_in
from tests.machines import PREPARED, clean, clone, first_machine, git, ok

pytestmark = [
    pytest.mark.slow,  # real git repositories and processes: `pytest -m "not slow"` skips them
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]
needs_age = pytest.mark.skipif(shutil.which("age") is None, reason="age is not installed")
LATER = "2026-11-28T10:00:00+01:00"
LATEST = "2026-11-28T11:00:00+01:00"


def with_a_goal(tmp_path: Path) -> tuple[Path, Path]:
    """A laptop with Ada's session and its goal, and a desktop that has synced it."""
    laptop = first_machine(tmp_path, [*PREPARED, "--goal", "Old goal", "--no-input"])
    desktop = clone(tmp_path, "desktop")
    ok(flash(desktop, "sync"))
    return laptop, desktop


def one_sealed_session(*homes: Path) -> None:
    """On each machine: Ada's session, sealed, in one file, its goal the one the desktop gave
    it, nothing set aside, nothing left to commit."""
    for home in homes:
        assert [p.name for p in (home / "sessions").iterdir()] == [f"{SID}.toml.age"]
        data = shown_in(home)
        assert data["goal"] == "New goal"
        assert not data["conflicts"], (home, data["conflicts"])
        clean(home)


def test_a_session_sealed_on_the_other_machine_merges_with_its_ancestor(tmp_path: Path) -> None:
    laptop, desktop = with_a_goal(tmp_path)
    ok(flash(laptop, "config", "encrypt", "on"))
    ok(flash(laptop, "sync"))
    copy_key(laptop, desktop)
    ok(flash(desktop, "edit", SID, "--goal", "New goal", now=LATER))
    said = ok(flash(desktop, "sync", now=LATER))
    assert f"merged {SID}: sealed on the other machine" in said
    assert "removed on one machine" not in said and "sealed what was in clear" not in said
    ok(flash(laptop, "sync", now=LATER))
    one_sealed_session(laptop, desktop)


def test_a_session_sealed_here_merges_what_the_other_changed_in_clear(tmp_path: Path) -> None:
    laptop, desktop = with_a_goal(tmp_path)
    ok(flash(laptop, "config", "encrypt", "on"))
    copy_key(laptop, desktop)
    ok(flash(desktop, "edit", SID, "--goal", "New goal", now=LATER))
    ok(flash(desktop, "sync", now=LATER))
    said = ok(flash(laptop, "sync", now=LATER))
    assert f"merged {SID}: sealed here, changed in clear on the other machine" in said
    assert "removed on one machine" not in said
    ok(flash(desktop, "sync", now=LATER))
    one_sealed_session(laptop, desktop)


def recovered(said: str, home: Path) -> str:
    """What the command a deletion line names shows, run as the person would run it."""
    [line] = [line for line in said.splitlines() if line.startswith(f"deleted {SID}")]
    command = line.split(" in git: ", 1)[1]
    assert command.startswith(f"git -C {home} show ") and command.endswith(f":sessions/{SID}.toml")
    return git(home, *command.split()[3:])


def test_a_deletion_names_the_notes_it_took_that_the_other_machine_never_saw(
    tmp_path: Path,
) -> None:
    laptop = first_machine(tmp_path, [*PREPARED, "--no-input"])
    desktop = clone(tmp_path, "desktop")
    ok(flash(desktop, "sync"))
    ok(flash(desktop, "notes", "Never seen by the laptop", now=LATER))
    ok(flash(laptop, "delete", SID, "--yes", now=LATEST))
    ok(flash(laptop, "sync", now=LATEST))
    said = ok(flash(desktop, "sync", now=LATEST))
    assert (
        f"deleted {SID}, as 'flash delete' did on the other machine, with 1 note of this "
        "machine's it never saw; it is in git: git -C "
    ) in said
    assert "Never seen by the laptop" in recovered(said, desktop)
    assert not (desktop / "sessions" / f"{SID}.toml").exists()
    clean(desktop)


def test_the_machine_that_deleted_names_what_the_other_had_added(tmp_path: Path) -> None:
    laptop = first_machine(tmp_path, [*PREPARED, "--no-input"])
    desktop = clone(tmp_path, "desktop")
    ok(flash(desktop, "sync"))
    ok(flash(desktop, "notes", "First", now=LATER))
    ok(flash(desktop, "notes", "Second", now=LATER))
    ok(flash(desktop, "sync", now=LATER))
    ok(flash(laptop, "delete", SID, "--yes", now=LATEST))
    said = ok(flash(laptop, "sync", now=LATEST))
    assert (
        f"deleted {SID}, as 'flash delete' did here, with 2 notes of the other machine's this "
        "one never saw; they are in git: git -C "
    ) in said
    shown = recovered(said, laptop)
    assert "First" in shown and "Second" in shown
    clean(laptop)


@needs_age
def test_a_sealed_session_deleted_is_shown_by_git_and_age(tmp_path: Path) -> None:
    laptop = first_machine(tmp_path, [*PREPARED, "--no-input"], ["config", "encrypt", "on"])
    desktop = clone(tmp_path, "desktop")
    copy_key(laptop, desktop)
    ok(flash(desktop, "sync"))
    ok(flash(desktop, "notes", "Sealed and never seen", now=LATER))
    ok(flash(laptop, "delete", SID, "--yes", now=LATEST))
    ok(flash(laptop, "sync", now=LATEST))
    said = ok(flash(desktop, "sync", now=LATEST))
    [line] = [line for line in said.splitlines() if line.startswith(f"deleted {SID}")]
    command = line.split(" in git: ", 1)[1]
    assert command.endswith(f".toml.age | age -d -i {key_of(desktop)}")
    shown = subprocess.run(command, shell=True, capture_output=True, text=True, env=env(desktop))
    assert shown.returncode == 0, shown.stderr
    assert "Sealed and never seen" in shown.stdout


def test_a_session_opened_on_the_other_machine_merges_and_stays_sealed_here(
    tmp_path: Path,
) -> None:
    laptop = first_machine(tmp_path, [*PREPARED, "--goal", "Old goal", "--no-input"])
    ok(flash(laptop, "config", "encrypt", "on"))
    ok(flash(laptop, "sync"))
    desktop = clone(tmp_path, "desktop")
    copy_key(laptop, desktop)
    ok(flash(desktop, "sync"))
    ok(flash(laptop, "config", "encrypt", "off"))
    ok(flash(laptop, "sync"))
    ok(flash(desktop, "edit", SID, "--goal", "New goal", now=LATER))
    said = ok(flash(desktop, "sync", now=LATER))
    assert f"merged {SID}: opened on the other machine" in said
    assert "kept this folder encrypted" in said
    one_sealed_session(desktop)
