"""What a remote pushes is data, and encryption never leaks or overwrites (part 12): the nine
findings of three machines and an attack, each on real git, real files and real processes."""

import os
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pyrage
import pytest
import tomli_w
from pyrage import x25519

from tests.conftest import age_key, copy_key, key_of
from tests.factories import NO_GIT_CONFIG, SID, env, flash
from tests.machines import PREPARED, committed_files, first_machine, git, ok, prepared

pytestmark = [
    pytest.mark.slow,  # real git repositories and processes: `pytest -m "not slow"` skips them
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]
SECRET = "AGE-SECRET-KEY-"


def every_blob(repo: Path) -> str:
    """Every version of every file any commit of the repository ever held, as text (sealed
    files are random bytes, which git may take for text: read with replacements)."""
    shown = subprocess.run(
        ["git", "-C", str(repo), "log", "--all", "-p", "--binary", "--format=%H %s"],
        capture_output=True,
        check=True,
        env={**os.environ, **NO_GIT_CONFIG},
    )
    return shown.stdout.decode("utf-8", "replace")


def encrypted_pair(tmp_path: Path) -> tuple[Path, Path]:
    """A laptop that encrypted its folder and synced, and a desktop cloned from it holding a
    copy of the laptop's key (key.txt stays out of git: it is copied by hand)."""
    laptop, desktop = prepared(tmp_path)
    ok(flash(laptop, "notes", "Before encryption"))
    ok(flash(laptop, "config", "encrypt", "on"))
    ok(flash(laptop, "sync"))
    copy_key(laptop, desktop)
    ok(flash(desktop, "sync"))
    return laptop, desktop


def opened(home: Path, path: Path) -> str:
    key = x25519.Identity.from_str(key_of(home).read_text().split()[-1])
    return pyrage.decrypt(path.read_bytes(), [key]).decode()


# ---------------------------------------------------------------- 1. the key is never pushed


def test_the_key_is_never_committed_whatever_an_ignore_file_from_the_remote_says(
    tmp_path: Path,
) -> None:
    laptop, desktop = prepared(tmp_path)
    ok(flash(laptop, "config", "encrypt", "on"))
    (laptop / "keys").mkdir(mode=0o700)
    shutil.copy2(key_of(laptop), laptop / "keys" / "key.txt")  # where macOS keeps it
    shutil.copy2(key_of(laptop), laptop / "key.txt")  # where an earlier flash left it
    (desktop / ".gitignore").write_text("!key.txt\n!keys/\n!*\n")
    git(desktop, "add", ".gitignore")
    git(desktop, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "unignore")
    git(desktop, "push", "-q", "origin", "HEAD")
    ok(flash(laptop, "sync"))
    ok(flash(laptop, "notes", "After"))
    ok(flash(laptop, "sync"))
    remote = tmp_path / "remote.git"
    assert not any(name.endswith("key.txt") for name in committed_files(remote))
    assert SECRET not in every_blob(remote)


def test_a_key_flash_key_names_inside_the_data_folder_is_never_committed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop = first_machine(tmp_path, [*PREPARED, "--no-input"])
    for inside in (laptop / "my.key", laptop / "sessions" / "notes.key"):
        monkeypatch.setenv("FLASH_KEY", str(age_key(inside)))
        ok(flash(laptop, "config", "encrypt", "on"))
        ok(flash(laptop, "notes", "Sealed"))
        ok(flash(laptop, "sync"))
        ok(flash(laptop, "config", "encrypt", "off"))
    assert SECRET not in every_blob(tmp_path / "remote.git")


# ---------------------------------------------------------------- 2. the recipient


def test_a_pushed_marker_naming_another_recipient_chooses_nothing(tmp_path: Path) -> None:
    laptop, desktop = encrypted_pair(tmp_path)
    stranger = x25519.Identity.generate()
    (desktop / "encryption").write_text(f"age\n{stranger.to_public()}\n")
    git(desktop, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qam", "recipient")
    git(desktop, "push", "-q", "origin", "HEAD")
    ok(flash(laptop, "sync"))
    ok(flash(laptop, "notes", "Sealed to me alone"))
    sealed = laptop / "sessions" / f"{SID}.toml.age"
    assert "Sealed to me alone" in opened(laptop, sealed)
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(sealed.read_bytes(), [stranger])
    assert "Ada Lovelace" in ok(flash(laptop, "list"))  # its own index still opens


def test_the_marker_flash_writes_names_no_recipient(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ok(flash(home, *PREPARED, "--no-input"))
    ok(flash(home, "config", "encrypt", "on"))
    assert (home / "encryption").read_text() == "age\n"


# ---------------------------------------------------------------- 3. links


@pytest.mark.parametrize("folder", ["drafts", "sessions"])
def test_a_pushed_link_is_refused_and_nothing_outside_is_touched(
    tmp_path: Path, folder: str
) -> None:
    laptop, desktop = prepared(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("mine")
    git(desktop, "rm", "-rq", "--ignore-unmatch", folder)
    shutil.rmtree(desktop / folder, ignore_errors=True)
    (desktop / folder).symlink_to("../outside")
    git(desktop, "add", folder)
    git(desktop, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "a link")
    git(desktop, "push", "-q", "origin", "HEAD")
    before = git(laptop, "rev-parse", "HEAD")
    refused = flash(laptop, "sync")
    assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1
    assert f"holds {folder} as a link, which flash never follows" in refused.stderr
    assert git(laptop, "rev-parse", "HEAD") == before
    assert not (laptop / folder).is_symlink()
    ok(flash(laptop, "config", "encrypt", "on"))
    assert [p.name for p in outside.iterdir()] == ["precious.txt"]
    assert (outside / "precious.txt").read_text() == "mine"


@pytest.mark.parametrize("name", ["drafts", "sessions", "encryption"])
def test_a_link_where_flash_keeps_files_stops_every_command(tmp_path: Path, name: str) -> None:
    home = tmp_path / "home"
    ok(flash(home, *PREPARED, "--no-input"))
    outside = tmp_path / "outside"
    outside.mkdir()
    if (home / name).is_dir():
        shutil.rmtree(home / name)
    (home / name).symlink_to(outside)
    for args in (["list"], ["notes", "x"], ["config", "encrypt", "on"], []):
        refused = flash(home, *args)
        assert refused.returncode == 1, args
        assert refused.stderr == (
            f"flash: {home / name} is a link, which flash never follows (brought by a sync?): "
            f"replace it with a {'file' if name == 'encryption' else 'folder'}; nothing was "
            "changed\n"
        )
    assert list(outside.iterdir()) == []


# ---------------------------------------------------------------- 4. what flash did not write


def test_an_export_inside_the_data_folder_is_never_synced(tmp_path: Path) -> None:
    laptop, _ = prepared(tmp_path)
    ok(flash(laptop, "export", SID, "--out", str(laptop / "session.md")))
    ok(flash(laptop, "export", SID, "--out", str(laptop / "sessions" / "session.md")))
    ok(flash(laptop, "sync"))
    assert not {"session.md", "sessions/session.md"} & committed_files(tmp_path / "remote.git")


def test_a_session_kept_as_a_link_is_never_replaced_by_a_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ok(flash(home, *PREPARED, "--no-input"))
    kept = tmp_path / "kept.toml"
    path = home / "sessions" / f"{SID}.toml"
    shutil.move(path, kept)
    path.symlink_to(kept)
    before = kept.read_bytes()
    refused = flash(home, "notes", SID, "x")
    assert refused.returncode == 1 and "it is a link, which flash never follows" in refused.stderr
    assert path.is_symlink() and kept.read_bytes() == before


# ---------------------------------------------------------------- 5. one session, one id


def test_encryption_switched_on_while_another_machine_has_unsynced_edits(tmp_path: Path) -> None:
    laptop, desktop = prepared(tmp_path)
    ok(flash(desktop, "sync"))
    ok(flash(laptop, "config", "encrypt", "on"))
    ok(flash(laptop, "sync"))
    copy_key(laptop, desktop)
    ok(flash(desktop, "notes", SID, "From the desktop", "--action", "Send the paper"))
    ok(flash(desktop, "sync"))
    ok(flash(laptop, "sync"))
    ok(flash(laptop, "config", "encrypt", "on"))  # again: nothing is overwritten
    ok(flash(laptop, "sync"))
    ok(flash(desktop, "sync"))
    remote = tmp_path / "remote.git"
    tree = git(remote, "ls-tree", "-r", "--name-only", "HEAD")
    assert f"sessions/{SID}.toml.age" in tree and f"sessions/{SID}.toml\n" not in tree
    for home in (laptop, desktop):
        assert [p.name for p in (home / "sessions").iterdir()] == [f"{SID}.toml.age"]
        assert ok(flash(home, "list")).count(SID) == 1
        shown = ok(flash(home, "show", "ada"))
        assert "From the desktop" in shown and "Send the paper" in shown


def test_both_files_of_one_session_are_one_session_until_its_next_write(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ok(flash(home, *PREPARED, "--no-input"))
    ok(flash(home, "notes", "In clear"))
    clear = (home / "sessions" / f"{SID}.toml").read_bytes()
    ok(flash(home, "config", "encrypt", "on"))
    ok(flash(home, "notes", "Sealed"))
    (home / "sessions" / f"{SID}.toml").write_bytes(clear.replace(b"In clear", b"Only in clear"))
    assert ok(flash(home, "list")).count(SID) == 1
    shown = ok(flash(home, "show", "ada"))
    assert "Only in clear" in shown and "Sealed" in shown
    ok(flash(home, "notes", "Third"))
    assert [p.name for p in (home / "sessions").iterdir()] == [f"{SID}.toml.age"]
    assert all(n in ok(flash(home, "show", SID)) for n in ("Only in clear", "Sealed", "Third"))


def test_a_pull_that_encrypts_the_folder_needs_the_key_here_and_makes_none(
    tmp_path: Path,
) -> None:
    laptop, desktop = prepared(tmp_path)
    ok(flash(desktop, "sync"))
    ok(flash(laptop, "config", "encrypt", "on"))
    ok(flash(laptop, "sync"))
    ok(flash(desktop, "notes", SID, "Unsynced on the desktop"))
    before = git(desktop, "rev-parse", "HEAD")
    refused = flash(desktop, "sync")
    assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1
    assert "origin has encrypted this folder" in refused.stderr
    assert f"copy key.txt from the machine that encrypted it to {key_of(desktop)}" in (
        refused.stderr
    )
    assert not key_of(desktop).exists() and not (desktop / "encryption").exists()
    assert git(desktop, "rev-parse", "HEAD") != before  # its own change committed, not merged
    assert git(desktop, "rev-parse", "HEAD~1") == before
    copy_key(laptop, desktop)
    ok(flash(desktop, "sync"))
    ok(flash(laptop, "sync"))
    assert "Unsynced on the desktop" in ok(flash(laptop, "show", SID))
    assert "encryption" in committed_files(tmp_path / "remote.git")


def test_a_remote_never_switches_encryption_off(tmp_path: Path) -> None:
    laptop, desktop = encrypted_pair(tmp_path)
    git(desktop, "rm", "-q", "encryption")
    git(desktop, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "off")
    git(desktop, "push", "-q", "origin", "HEAD")
    said = ok(flash(laptop, "sync"))
    assert "kept this folder encrypted" in said
    ok(flash(laptop, "notes", "Still sealed"))
    assert (laptop / "encryption").exists()
    assert (laptop / "sessions" / f"{SID}.toml.age").exists()
    ok(flash(laptop, "sync"))
    assert "encryption" in git(tmp_path / "remote.git", "ls-tree", "--name-only", "HEAD")


# ---------------------------------------------------------------- 6. history


def clear_in_any_commit(repo: Path) -> set[str]:
    """The sessions in clear any commit reachable from a branch holds."""
    out = git(repo, "log", "--all", "--name-only", "--format=", "--", ":(glob)sessions/*.toml")
    return {line for line in out.splitlines() if line}


def test_fresh_history_leaves_the_clear_versions_behind_everywhere(tmp_path: Path) -> None:
    laptop, desktop = prepared(tmp_path)
    ok(flash(desktop, "sync"))
    ok(flash(laptop, "notes", "Said in confidence"))
    ok(flash(laptop, "sync"))
    said = ok(flash(laptop, "config", "encrypt", "on"))
    assert "the git history still holds earlier versions of 1 session in clear" in said
    copy_key(laptop, desktop)
    remote = tmp_path / "remote.git"
    refused = flash(laptop, "sync", "--fresh-history", "--push")  # not at a terminal
    assert refused.returncode == 2 and "add --yes" in refused.stderr
    ok(flash(desktop, "notes", SID, "From the desktop, not yet synced"))
    said = ok(flash(laptop, "sync", "--fresh-history", "--push", "--yes"))
    assert "replaced the history of origin" in said
    assert clear_in_any_commit(remote) == set()
    assert "Said in confidence" not in every_blob(remote)
    assert git(remote, "rev-list", "--count", "--all").strip() == "1"
    refused = flash(desktop, "sync")
    assert refused.returncode == 1 and "run 'flash sync --fresh-history' here" in refused.stderr
    ok(flash(desktop, "sync", "--fresh-history", "--yes"))
    ok(flash(laptop, "sync"))
    assert clear_in_any_commit(remote) == set() and clear_in_any_commit(desktop) == set()
    assert clear_in_any_commit(laptop) == set()
    assert "Said in confidence" not in every_blob(desktop)  # pruned from the clone too
    for home in (laptop, desktop):
        assert "From the desktop, not yet synced" in ok(flash(home, "show", SID))


def test_fresh_history_here_first_then_pushed_keeps_what_the_remote_had_meanwhile(
    tmp_path: Path,
) -> None:
    laptop, desktop = encrypted_pair(tmp_path)
    said = ok(flash(laptop, "sync", "--fresh-history", "--yes"))  # this clone only
    assert "origin still holds the old history" in said
    ok(flash(desktop, "notes", SID, "Pushed meanwhile"))
    ok(flash(desktop, "sync"))
    refused = flash(laptop, "sync")
    assert refused.returncode == 1 and "--fresh-history --push' replaces it there" in (
        refused.stderr
    )
    ok(flash(laptop, "sync", "--fresh-history", "--push", "--yes"))
    assert "Pushed meanwhile" in ok(flash(laptop, "show", SID))
    remote = tmp_path / "remote.git"
    assert git(remote, "rev-list", "--count", "--all").strip() == "1"
    assert "Before encryption" not in every_blob(remote)


def test_fresh_history_is_refused_where_the_folder_is_not_encrypted(tmp_path: Path) -> None:
    laptop, _ = prepared(tmp_path)
    before = git(laptop, "rev-parse", "HEAD")
    refused = flash(laptop, "sync", "--fresh-history", "--yes")
    assert refused.returncode == 1 and "is for an encrypted folder" in refused.stderr
    assert git(laptop, "rev-parse", "HEAD") == before
    refused = flash(laptop, "sync", "--push")
    assert refused.returncode == 2 and "--push goes with --fresh-history" in refused.stderr


# ---------------------------------------------------------------- 7. interrupted encryption


def many_sessions(home: Path, count: int) -> list[str]:
    """COUNT sessions written as files (quicker than COUNT processes), each with a note."""
    ok(flash(home, *PREPARED, "--no-input"))
    ok(flash(home, "notes", "Note of the first"))
    text = (home / "sessions" / f"{SID}.toml").read_text()
    ids = [SID]
    for n in range(2, count + 1):
        sid = f"2026-11-{n % 28 + 1:02d}-ada-lovelace-{n}"
        body = text.replace(SID, sid).replace("Note of the first", f"Note {n}")
        (home / "sessions" / f"{sid}.toml").write_text(body)
        (home / "sessions" / f"{sid}.toml").chmod(0o600)
        ids.append(sid)
    return ids


def test_a_real_kill_during_encrypt_on_loses_and_overwrites_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ids = many_sessions(home, 300)
    ok(flash(home, "config", "encrypt", "on"))
    ok(flash(home, "config", "encrypt", "off"))  # a key made; now killed on the way back on
    for _ in range(20):
        proc = subprocess.Popen(
            [sys.executable, "-m", "flashcli", "config", "encrypt", "on"], env=env(home)
        )
        sealed: list[Path] = []
        while proc.poll() is None and len(sealed) < 5:
            sealed = list((home / "sessions").glob("*.age"))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if proc.returncode == -signal.SIGKILL and 0 < len(sealed) < len(ids):
            break
        ok(flash(home, "config", "encrypt", "off"))
    else:
        pytest.fail("no kill landed in the middle of encrypt on in 20 tries")
    assert "unfinished: run 'flash config encrypt on' to finish" in ok(flash(home, "config"))
    for args in (["list"], []):
        said = flash(home, *args).stderr
        assert "'flash config encrypt on' did not finish; run it again to finish it" in said
    in_clear = [home / name for name in ("index.cache", "index.log", "words.cache")]
    assert all(b"Ada" not in p.read_bytes() for p in in_clear if p.exists())
    for sid in (ids[0], ids[-1]):  # one sealed by now, one not: both work
        ok(flash(home, "notes", sid, f"Between, on {sid}"))
        assert f"Between, on {sid}" in ok(flash(home, "show", sid))
    listed = ok(flash(home, "list", "--json"))
    assert len(__import__("json").loads(listed)) == len(ids)
    made = ok(flash(home, *PREPARED, "--no-input"))
    assert SID not in made.split()  # a new session, never the old id again
    ok(flash(home, "config", "encrypt", "on"))
    names = sorted(p.name for p in (home / "sessions").iterdir())
    assert all(n.endswith(".toml.age") for n in names) and len(names) == len(ids) + 1
    for sid in (ids[0], ids[-1]):
        assert f"Between, on {sid}" in ok(flash(home, "show", sid))
    assert "Note 150" in ok(flash(home, "show", ids[149]))
    assert "unfinished" not in ok(flash(home, "config"))


def test_a_pipe_named_like_a_session_is_named_and_skipped(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ok(flash(home, *PREPARED, "--no-input"))
    pipe = home / "sessions" / "2026-11-30-a-pipe.toml"
    os.mkfifo(pipe)
    said = ok(flash(home, "config", "encrypt", "on"))
    assert f"skipped {pipe}: it is not a regular file" in said
    assert (home / "sessions" / f"{SID}.toml.age").exists()
    assert "unfinished" not in ok(flash(home, "config"))


# ---------------------------------------------------------------- 8. leftovers and the key


def test_a_killed_editor_leaves_no_clear_copy_for_long(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ok(flash(home, *PREPARED, "--no-input"))
    ok(flash(home, "notes", "A secret note"))
    ok(flash(home, "config", "encrypt", "on"))
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\ntouch "$1.open"\nsleep 60\n')
    editor.chmod(0o700)
    proc = subprocess.Popen(
        [sys.executable, "-m", "flashcli", "notes", "--edit"],
        env={**env(home), "VISUAL": str(editor)},
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while not list(home.glob(".edit-*/*.open")):
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.02)
    left = list(home.glob(".edit-*"))
    assert any("A secret note" in p.read_text() for p in left[0].iterdir() if p.suffix != ".open")
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert list(home.glob(".edit-*"))  # what a kill leaves ...
    ok(flash(home, "notes", "Next"))
    assert not list(home.glob(".edit-*"))  # ... the next change removes


def test_delete_removes_the_conflict_copies_with_the_notes_in_them(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ok(flash(home, *PREPARED, "--no-input"))
    ok(flash(home, "notes", "In the copy too"))
    copy = home / "sessions" / f"{SID}.sync-conflict-20261129-114800-ABCDEFG.toml"
    shutil.copy2(home / "sessions" / f"{SID}.toml", copy)
    said = ok(flash(home, "delete", SID, "--yes"))
    assert copy.name in said and not copy.exists()
    ok(flash(home, "sync"))  # a sync folder: nothing brings it back
    assert SID not in ok(flash(home, "list"))


def test_a_command_that_cannot_open_the_key_changes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ok(flash(home, *PREPARED, "--no-input"))
    ok(flash(home, "config", "encrypt", "on"))
    key_of(home).rename(tmp_path / "key.txt")
    before = sorted(p.name for p in (home / "sessions").iterdir())
    for _ in range(2):
        refused = flash(home, "prep", "--with", "Grace Hopper", "--no-input")
        assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1
        assert f"there is no key in {key_of(home)}" in refused.stderr
    assert sorted(p.name for p in (home / "sessions").iterdir()) == before
    assert not key_of(home).exists()  # and it made none of its own
    folder = sorted(p.name for p in home.iterdir())
    assert "encryption.pending" not in folder
    for way in ("off", "on"):
        refused = flash(home, "config", "encrypt", way)
        assert refused.returncode == 1 and "there is no key" in refused.stderr
        assert sorted(p.name for p in home.iterdir()) == folder
        assert "unfinished" not in ok(flash(home, "config"))


def test_a_new_session_is_never_sealed_with_a_key_that_opens_none_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    ok(flash(home, *PREPARED, "--no-input"))
    ok(flash(home, "config", "encrypt", "on"))
    before = sorted(p.name for p in (home / "sessions").iterdir())
    monkeypatch.setenv("FLASH_KEY", str(age_key(tmp_path / "another.txt")))
    for _ in range(2):
        refused = flash(home, "prep", "--with", "Grace Hopper", "--no-input")
        assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1
        assert "opens none of the sessions here" in refused.stderr
    assert sorted(p.name for p in (home / "sessions").iterdir()) == before


def test_a_key_others_can_read_is_refused_with_the_chmod_to_run(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ok(flash(home, *PREPARED, "--no-input"))
    ok(flash(home, "config", "encrypt", "on"))
    key_of(home).chmod(0o644)
    before = (home / "sessions" / f"{SID}.toml.age").read_bytes()
    refused = flash(home, "notes", "x")
    assert refused.returncode == 1
    assert f"the key {key_of(home)} can be read by others" in refused.stderr
    assert f"'chmod 600 {key_of(home)}'" in refused.stderr
    assert (home / "sessions" / f"{SID}.toml.age").read_bytes() == before
    key_of(home).chmod(0o600)
    ok(flash(home, "notes", "x"))


# ---------------------------------------------------------------- 9. escaped


def test_conflicts_and_copy_names_reach_the_terminal_escaped(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ok(flash(home, *PREPARED, "--no-input"))
    path = home / "sessions" / f"{SID}.toml"
    data = tomllib.loads(path.read_text())
    osc = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b]0;owned\x07\x1b[2J"
    data["conflicts"] = {f"goal{osc}": osc, "notes": [{"text": osc}]}
    path.write_text(tomli_w.dumps(data))
    shown = flash(home, "show", SID)
    assert shown.returncode == 0, shown.stderr
    assert "\x1b" not in shown.stdout and "\x07" not in shown.stdout
    assert "\\x1b]52;c;" in shown.stdout
    copy = home / "sessions" / f"{SID} (Eve\x1b]0;owned\x07's conflicted copy 2026-11-29).toml"
    for args in (["list"], [], ["sync"], ["delete", SID, "--yes"]):
        shutil.copy2(path, copy)
        out = flash(home, *args)
        assert out.returncode == 0, out.stderr
        assert "\x1b" not in out.stdout + out.stderr and "\x07" not in out.stdout + out.stderr
    assert "\\x1b]0;owned" in out.stdout  # the delete named the copy it removed, escaped


def test_a_sync_folder_that_brings_encryption_gets_what_is_in_clear_sealed(
    tmp_path: Path,
) -> None:
    home, other = tmp_path / "home", tmp_path / "other"
    ok(flash(home, *PREPARED, "--no-input"))
    ok(flash(home, "notes", "Here, in clear"))
    shutil.copytree(home, other)  # the other machine's copy, kept by a sync program
    ok(flash(other, "config", "encrypt", "on"))
    ok(flash(other, "notes", "There, sealed"))
    for name in ("encryption", f"sessions/{SID}.toml.age"):
        shutil.copy2(other / name, home / name)
    copy_key(other, home)  # by hand
    said = ok(flash(home, "sync"))
    assert "sealed what was in clear (1 file): this folder is encrypted" in said
    assert [p.name for p in (home / "sessions").iterdir()] == [f"{SID}.toml.age"]
    shown = ok(flash(home, "show", SID))
    assert "Here, in clear" in shown and "There, sealed" in shown


def test_fresh_history_asks_at_a_terminal_and_a_no_changes_nothing(tmp_path: Path) -> None:
    from tests.test_walk_pty import finish, spawn

    laptop, _ = encrypted_pair(tmp_path)
    before = git(laptop, "rev-list", "--all")
    child = spawn(laptop, "sync", "--fresh-history", "--push", env={**NO_GIT_CONFIG})
    child.expect_exact("Replace this clone's history and the remote's with one commit of the")
    child.sendline("n")
    finish(child, "kept the history as it is")
    assert git(laptop, "rev-list", "--all") == before
    child = spawn(laptop, "sync", "--fresh-history", "--push", env={**NO_GIT_CONFIG})
    child.expect_exact("[y/N]")
    child.sendline("y")
    finish(child, "replaced the history of origin")
    assert git(tmp_path / "remote.git", "rev-list", "--count", "--all").strip() == "1"
