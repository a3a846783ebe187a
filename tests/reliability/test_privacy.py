"""7. Private by default: 0700 folders and 0600 files whatever the umask; no leaks into messages or drafts."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REAL_HOME, Run, key_of
from tests.factories import env

pytestmark = pytest.mark.slow  # real processes, kills, git: `pytest -m 'not slow'` skips them

SECRET = "my manager is leaving in March"


def flash_umask0(
    home: Path, *args: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flashcli", *args],
        env=env(home),
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.umask(0),
        cwd=cwd,
        check=False,
    )


def modes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): oct(stat.S_IMODE(p.stat().st_mode))
        for p in sorted(root.rglob("*"))
    }


def test_everything_flash_writes_is_private_under_umask_0(tmp_path: Path) -> None:
    home, out = tmp_path / "home", tmp_path / "out"
    out.mkdir()
    steps = [
        ["config", "name", "Grace Hopper"],
        ["prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2026-12-01 10:00"],
        ["notes", SECRET],
        ["prep", "--goal", "Rewritten"],
        ["email", "--out", str(out / "agenda.eml")],
        ["email", "--thanks", "--out", str(out / "thanks.eml")],
        ["export", "--format", "markdown", "--out", str(out / "s.md")],
        ["export", "--format", "ics", "--out", str(out / "s.ics")],
    ]
    for step in steps:
        assert flash_umask0(home, *step).returncode == 0, step
    for name, mode in modes(home).items():
        assert mode == ("0o700" if (home / name).is_dir() else "0o600"), name
    assert oct(stat.S_IMODE(home.stat().st_mode)) == "0o700"
    assert set(modes(out).values()) == {"0o600"}


def test_the_bak_of_a_migrated_file_is_private(run: Run, home: Path) -> None:
    run("prep", "--with", "Ada")
    [path] = (home / "sessions").glob("*.toml")
    path.write_text(path.read_text("utf-8").replace("schema = 1", "schema = 0"), "utf-8")
    path.chmod(0o644)  # as a sync tool might leave it
    old = os.umask(0)
    try:
        assert run("notes", "x").exit_code == 0
    finally:
        os.umask(old)
    assert oct(stat.S_IMODE(path.stat().st_mode)) == "0o600"
    assert oct(stat.S_IMODE(path.with_name(path.name + ".bak").stat().st_mode)) == "0o600"


def test_messages_never_show_session_content(run: Run, home: Path) -> None:
    run("prep", "--with", "Ada Lovelace <ada@example.org>")
    run("notes", SECRET)
    [path] = (home / "sessions").glob("*.toml")
    text = path.read_text("utf-8")
    outputs = []
    for broken in (
        text.replace('kind = "note"', "kind = 7"),  # a wrong type beside the secret
        text.replace(SECRET, SECRET + "\x1b[2J"),  # a control character inside it
        text.replace("schema = 1", "schema = 9"),
        text + "\n[[oops",
    ):
        path.write_text(broken, "utf-8")
        assert run("show", path.stem).exit_code == 1, "the file must really be broken"
        for args in (["show"], ["list"], ["notes", "x"], ["show", path.stem], ["actions"], []):
            result = run(*args)
            outputs.append(result.stderr + (result.stdout if result.exit_code else ""))
    assert all(SECRET not in o and "manager" not in o for o in outputs)


def test_drafts_carry_no_notes_unless_exported(run: Run) -> None:
    run("prep", "--with", "Ada Lovelace <ada@example.org>", "--topic", "Next steps")
    run("notes", SECRET)
    run("notes", "--question", "Should I ask for the role?")
    run("followup", "--feedback", "Thinking about timing")
    for args in (
        ["email"],
        ["email", "--thanks"],
        ["email", "--mailto"],
        ["email", "--thanks", "--mailto"],
    ):
        out = run(*args).stdout
        assert "manager" not in out and "ask for the role" not in out
    assert SECRET in run("export", "--format", "markdown").stdout  # only when the person exports


def test_out_never_overwrites_silently(run: Run, tmp_path: Path) -> None:
    run("prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2026-12-01 10:00")
    for args in (
        ["email", "--out"],
        ["email", "--thanks", "--out"],
        ["export", "--format", "ics", "--out"],
    ):
        target = tmp_path / "existing"
        target.write_text("precious", "utf-8")
        result = run(*args, str(target))
        assert (
            result.exit_code == 1
            and "already exists; choose another name or add --force" in result.stderr
        )
        assert target.read_text("utf-8") == "precious"


def test_delete_removes_everything_flash_wrote_for_the_session(
    run: Run, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session, the backup its migration kept, the drafts handed to the mail client, an
    edit that could not be read: every copy of the notes goes, and delete says which."""
    run("prep", "--with", "Ada Lovelace <ada@example.org>")
    run("notes", SECRET)
    [path] = (home / "sessions").glob("*.toml")
    sid = path.stem
    path.write_text(path.read_text("utf-8").replace("schema = 1", "schema = 0"), "utf-8")
    assert run("notes", "again").exit_code == 0  # keeps the original as .bak
    opener = tmp_path / "bin" / "xdg-open"  # a mail client that opens nothing
    opener.parent.mkdir()
    opener.write_text("#!/bin/sh\ntrue\n", "utf-8")
    opener.chmod(0o755)
    monkeypatch.setenv("PATH", f"{opener.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(sys, "platform", "linux")
    for args in (["email", "--open"], ["email", "--thanks", "--open"]):
        assert run(*args).exit_code == 0
    (home / f"{sid}-notes-edit.txt").write_text(SECRET, "utf-8")  # kept from a broken edit
    result = run("delete", sid, "--yes")
    assert result.exit_code == 0
    for left in (f"sessions/{sid}.toml.bak", f"drafts/{sid}-agenda.eml", f"{sid}-notes-edit.txt"):
        assert f"removed {left}" in result.stdout
    # Only the tombstone that tells other machines (a name and a time) is left.
    assert [p.name for p in home.rglob("*") if sid in p.name] == [f"{sid}.deleted"]
    assert not any(
        SECRET in p.read_text("utf-8", "replace") for p in home.rglob("*") if p.is_file()
    )


KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from flashcli.store.disk import _temporary
fd, name = _temporary(Path(sys.argv[1]))
os.write(fd, sys.argv[2].encode())
os.kill(os.getpid(), signal.SIGKILL)  # killed between writing and renaming
"""


def test_temporary_files_of_killed_writers_are_swept_everywhere(run: Run, home: Path) -> None:
    """Real processes killed with SIGKILL mid-write, in every folder flash writes; the next
    write sweeps what they left. A temporary file whose writer still runs is left alone."""
    run("prep", "--with", "Ada Lovelace <ada@example.org>")
    run("config", "name", "Grace Hopper")
    (home / "drafts").mkdir(mode=0o700)
    targets = [home / "index.cache", home / "sessions" / "x.toml", home / "drafts" / "x.eml"]
    for target in targets:
        child = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(target), SECRET])
        assert child.returncode == -9
    leftovers = sorted(home.rglob(".*.tmp"))
    assert len(leftovers) == 3
    alive = subprocess.Popen(["sleep", "30"])
    live = home / f".config.toml.{alive.pid}-abcd.tmp"  # as a running writer's would be
    live.write_text("in use", "utf-8")
    try:
        assert run("notes", "a note").exit_code == 0
        assert sorted(home.rglob(".*.tmp")) == [live]
    finally:
        alive.kill()


def real_places() -> dict[str, object]:
    """The person's own flash folders and key, as they are (or None where there are none)."""
    config = REAL_HOME / ".config" / "flash"
    data = REAL_HOME / ".local" / "share" / "flash"
    return {str(p): sorted(os.listdir(p)) if p.is_dir() else None for p in (config, data)}


def test_no_test_touches_the_real_config_folder_or_key(run: Run, home: Path) -> None:
    """What writes outside the data folder (the key, above all) writes in the test's own
    machine, in-process and as a process alike."""
    from tests.factories import flash

    before = real_places()
    assert run("prep", "--with", "Ada Lovelace", "--no-input").exit_code == 0
    assert run("config", "encrypt", "on").exit_code == 0
    other = home.parent / "other-machine"
    for args in (("prep", "--with", "Grace Hopper", "--no-input"), ("config", "encrypt", "on")):
        assert flash(other, *args).returncode == 0
    assert key_of(home).exists() and key_of(other).exists()
    assert key_of(home).read_bytes() != key_of(other).read_bytes()  # each machine its own
    assert not str(key_of(home)).startswith(str(REAL_HOME))
    assert real_places() == before
