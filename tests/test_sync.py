"""flash sync on real git: two machines change one session, and both end with every change.
And the conflict copies sync programs leave, merged into their sessions."""

import shutil
import tomllib
from pathlib import Path

import pytest
import tomli_w

from tests.conftest import Run, age_key
from tests.factories import SID, flash
from tests.machines import PREPARED, first_machine, git, ok, session

pytestmark = [
    pytest.mark.slow,  # real git repositories and processes: `pytest -m "not slow"` skips them
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


def two_machines(tmp_path: Path, *first: list[str]) -> tuple[Path, Path]:
    """A laptop and a desktop sharing one bare repository: the laptop runs FIRST, sets up
    sync and pushes; the desktop clones it and sets up sync."""
    laptop = first_machine(tmp_path, *first)
    desktop = tmp_path / "desktop"
    git(tmp_path, "clone", "--quiet", str(tmp_path / "remote.git"), str(desktop))
    assert "registered flash's merge driver" in ok(flash(desktop, "sync", "--setup"))
    return laptop, desktop


@pytest.fixture
def machines(tmp_path: Path) -> tuple[Path, Path]:
    return two_machines(tmp_path, [*PREPARED, "--where", "Café Nero", "--no-input"])


def test_two_machines_change_one_session_and_both_keep_every_change(
    machines: tuple[Path, Path],
) -> None:
    laptop, desktop = machines
    later = "2026-11-28T10:00:00+01:00"
    ok(flash(laptop, "notes", "Talk to two managers"))
    ok(flash(laptop, "notes", "--action", "Draft the plan", "--due", "2026-12-08"))
    ok(flash(laptop, "edit", "--where", "The library"))
    ok(flash(desktop, "notes", "--at", "2026-12-01 10:30", "Ask about the budget", now=later))
    ok(flash(desktop, "notes", "--action", "Call Sam", "--owner", "partner", now=later))
    ok(flash(desktop, "edit", "--where", "Online", "--goal", "Plan my move", now=later))
    ok(flash(desktop, "prep", "--done", "send-topics", "--no-input", now=later))
    said = ok(flash(laptop, "sync"))
    assert f"committed: {SID}: +1 note, +1 action, place changed\n" in said
    said = ok(flash(desktop, "sync", now=later))
    assert "pulled from origin" in said and "pushed to origin" in said
    index_before = ok(flash(laptop, "list", "--json"))  # the index, as it was before the pull
    ok(flash(laptop, "sync"))
    assert ok(flash(laptop, "list", "--json")) != index_before
    assert '"open_actions":2' in ok(flash(laptop, "list", "--json")).replace(" ", "")
    one, other = session(laptop), session(desktop)
    assert one == other
    assert [n["text"] for n in one["notes"]] == ["Talk to two managers", "Ask about the budget"]
    assert sorted(a["text"] for a in one["actions"]) == ["Call Sam", "Draft the plan"]
    assert one["goal"] == "Plan my move" and one["ticked"] == ["send-topics"]
    assert one["where"] == "Online"  # the desktop's change came later
    assert one["conflicts"] == {"where": "The library"}  # and the laptop's is kept
    assert "The library" in ok(flash(laptop, "show", SID))
    for home in (laptop, desktop):
        assert git(home, "status", "--porcelain") == ""
        merged = f"merged origin/master: {SID}: +1 note, +1 action, place set aside"
        assert merged in git(home, "log", "--format=%s")
    assert "Ask about the budget" in ok(flash(laptop, "search", "budget"))  # the caches follow


def test_sync_says_what_to_do_when_it_cannot(tmp_path: Path, machines: tuple[Path, Path]) -> None:
    laptop, _ = machines
    plain = tmp_path / "plain"
    ok(flash(plain, "prep", "--with", "Grace Hopper", "--no-input"))
    refused = flash(plain, "sync", "--setup")
    assert refused.returncode == 1 and "is not a git work tree; 'flash sync --setup --init'" in (
        refused.stderr
    )
    no_git = flash(laptop, "sync", path="/nowhere")
    assert no_git.returncode == 1
    assert (
        no_git.stderr == "flash: git is not installed; install it, or sync the folder another way\n"
    )
    git(laptop, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    ok(flash(laptop, "notes", "One more"))
    failed = flash(laptop, "sync")
    assert failed.returncode == 1
    assert failed.stderr.startswith("flash: ") and len(failed.stderr.splitlines()) == 1
    assert "git fetch with origin failed (" in failed.stderr
    assert "your changes are committed here: run 'flash sync' again" in failed.stderr
    assert git(laptop, "status", "--porcelain") == ""  # the local commit stands
    assert "One more" in git(laptop, "show", "HEAD")


def test_conflict_copies_are_merged_and_removed(run: Run, home: Path) -> None:
    run("prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2026-12-01 10:00")
    run("notes", "On this machine")
    sessions = home / "sessions"
    original = (sessions / f"{SID}.toml").read_text("utf-8")
    copies = [
        f"{SID}.sync-conflict-20261129-114800-ABCDEFG.toml",
        f"{SID} (Dana's conflicted copy 2026-11-29).toml",
        f"{SID} (conflicted copy 2026-11-29 114800).toml",
        f"{SID} 2.toml",
    ]
    for n, name in enumerate(copies):
        # The other machine's version: a note of its own added (with a uid of its own).
        other = (
            original + f'\n[[notes]]\nat = 2026-11-28T09:0{n}:00+01:00\ntext = "From copy {n}"\n'
        )
        (sessions / name).write_text(other, "utf-8")
    listed = run("list")
    assert "warning: 4 conflict copies of sessions; 'flash sync' merges them" in listed.stderr
    assert "4 conflict copies" in run().stderr
    said = run("sync").stdout
    assert all(f"merged {name} into {SID}, and removed it" in said for name in copies)
    assert sorted(p.name for p in sessions.iterdir() if not p.name.startswith(".")) == [
        f"{SID}.toml"
    ]
    notes = [n["text"] for n in tomllib.loads((sessions / f"{SID}.toml").read_text())["notes"]]
    assert sorted(notes) == sorted(["On this machine", *(f"From copy {n}" for n in range(4))])
    assert "conflict" not in run("list").stderr
    again = run("sync").stdout
    assert again.startswith("no conflict copies to merge; to sync through git, 'flash sync --setup")


def test_encrypted_sessions_sync_and_merge_sealed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = age_key(tmp_path / "shared-key.txt")  # each machine's copy, never in the repository
    monkeypatch.setenv("FLASH_KEY", str(key))
    encrypted = [[*PREPARED, "--no-input"], ["config", "encrypt", "on"]]
    laptop, desktop = two_machines(tmp_path, *encrypted)
    ok(flash(laptop, "notes", "Secret from the laptop"))
    ok(flash(desktop, "notes", "--at", "2026-12-01 10:30", "Secret from the desktop"))
    ok(flash(laptop, "sync"))
    ok(flash(desktop, "sync"))
    ok(flash(laptop, "sync"))
    for home in (laptop, desktop):
        assert [p.name for p in (home / "sessions").iterdir()] == [f"{SID}.toml.age"]
        notes = ok(flash(home, "show", SID))
        assert "Secret from the laptop" in notes and "Secret from the desktop" in notes
        history = git(home, "log", "-p", "--all")  # as text: a sealed file is binary to git
        assert "Secret" not in history and "Binary files" in history  # nothing in clear
        assert git(home, "status", "--porcelain") == ""


def test_show_names_a_set_aside_field_of_an_action_by_its_number(run: Run, home: Path) -> None:
    run("prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2026-12-01 10:00")
    run("notes", "--action", "First", "--action", "Plan the move")
    path = home / "sessions" / f"{SID}.toml"
    data = tomllib.loads(path.read_text())
    uid = data["actions"][1]["uid"]
    data["conflicts"] = {f"actions.{uid}.text": "Plan it", "actions.gone.due": "2026-12-08"}
    path.write_text(tomli_w.dumps(data))
    result = run("show", SID)
    assert result.exit_code == 0, result
    shown = result.stdout
    assert "action 2 text: Plan it" in shown
    assert "actions.gone.due: 2026-12-08" in shown  # an action no longer there: as stored
