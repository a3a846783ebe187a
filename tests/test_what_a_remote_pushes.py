"""What a remote pushes, again (part 20): forged tombstones, a pull that fails once git began
merging, files nested past what a reader goes, folders named as flash's files, and what stays on
each machine. Each on real git, real files and flash run as a process."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import key_of
from tests.factories import SID, flash
from tests.machines import clean, committed_files, first_machine, git, notes, ok

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

PEOPLE = ("Ada Lovelace", "Grace Hopper", "Barbara Liskov", "Margaret Hamilton")
IDS = [f"2026-12-01-{name.lower().replace(' ', '-')}" for name in PEOPLE]
FORGED = "flash: session {sid} was deleted (flash delete), at\n2099-01-01T00:00:00+00:00\n"
LATER = "2026-11-28T10:00:00+01:00"
LATEST = "2026-11-28T11:00:00+01:00"


def four(tmp_path: Path) -> Path:
    """A laptop with four sessions, synced to a new bare repository."""
    return first_machine(
        tmp_path,
        *(["prep", "--with", p, "--when", "2026-12-01 10:00", "--no-input"] for p in PEOPLE),
    )


def attacker(tmp_path: Path) -> Path:
    """A clone of the repository that pushes whatever it likes, by hand, with git."""
    evil = tmp_path / "evil"
    git(tmp_path, "clone", "--quiet", str(tmp_path / "remote.git"), str(evil))
    return evil


def pushed(evil: Path, message: str = "evil") -> None:
    git(evil, "add", "-A")
    git(evil, "-c", "user.name=E", "-c", "user.email=e@x", "commit", "-qm", message)
    git(evil, "push", "-q", "origin", "HEAD")


def forge_tombstones(evil: Path, ids: list[str]) -> None:
    """Each of IDS removed, with a tombstone dated 2099 in its place."""
    for sid in ids:
        git(evil, "rm", "-q", f"sessions/{sid}.toml")
        (evil / "sessions" / f"{sid}.deleted").write_text(FORGED.format(sid=sid))
    pushed(evil)


def state(home: Path) -> tuple[str, list[str]]:
    """Where the branch is, and which session files there are."""
    head = git(home, "rev-parse", "HEAD").strip()
    return head, sorted(p.name for p in (home / "sessions").iterdir())


def tree(home: Path) -> dict[str, bytes]:
    """Every file of the work tree (not .git), as it is."""
    found = {}
    for path in sorted(home.rglob("*")):
        if ".git" not in path.relative_to(home).parts and path.is_file():
            found[str(path.relative_to(home))] = path.read_bytes()
    return found


# ---------------------------------------------------------------- forged tombstones


def test_forged_tombstones_for_every_session_stop_the_pull_and_lose_nothing(
    tmp_path: Path,
) -> None:
    laptop = four(tmp_path)
    forge_tombstones(attacker(tmp_path), IDS)
    ok(flash(laptop, "notes", IDS[0], "Not synced yet"))
    refused = flash(laptop, "sync")
    assert refused.returncode == 1, refused
    [line] = refused.stderr.splitlines()
    assert line.startswith("flash: origin would delete 4 of the 4 sessions here (")
    assert "run 'flash sync --accept-deletions'" in line
    assert "the pull from origin was undone: nothing was merged" in line
    assert sorted(p.stem for p in (laptop / "sessions").glob("*.toml")) == sorted(IDS)
    assert notes(laptop, IDS[0]) == ["Not synced yet"]  # committed here, and kept
    clean(laptop)
    assert "Not synced yet" in git(laptop, "show", f"HEAD:sessions/{IDS[0]}.toml")
    taken = ok(flash(laptop, "sync", "--accept-deletions"))
    assert f"deleted {IDS[0]}, as 'flash delete' did on the other machine, with 1 note" in taken
    assert list((laptop / "sessions").glob("*.toml")) == []
    clean(laptop)


def test_a_fast_forward_that_would_delete_too_many_is_taken_back(tmp_path: Path) -> None:
    """Nothing new here: git fast-forwards, and the deletions are undone all the same."""
    laptop = four(tmp_path)
    forge_tombstones(attacker(tmp_path), IDS[:3])
    before = state(laptop)
    refused = flash(laptop, "sync")
    assert refused.returncode == 1
    assert "origin would delete 3 of the 4 sessions here" in refused.stderr
    assert state(laptop) == before
    clean(laptop)


@pytest.mark.parametrize(
    ("gone", "here", "stopped"),
    [
        (1, 1, False),  # a machine's only session: a deletion like any other
        (2, 2, True),  # every one of two
        (2, 4, False),  # half, but fewer than three
        (3, 12, False),  # a quarter exactly
        (4, 12, True),  # more than a quarter, and at least three
        (3, 4, True),
    ],
)
def test_how_many_deletions_a_pull_may_bring_unasked(gone: int, here: int, stopped: bool) -> None:
    from flashcli.store import tombstones

    assert tombstones.too_many(gone, here) is stopped


def test_a_deletion_of_half_of_fewer_than_three_travels_as_before(tmp_path: Path) -> None:
    laptop = four(tmp_path)
    forge_tombstones(attacker(tmp_path), IDS[:1])
    said = ok(flash(laptop, "sync"))
    assert f"pulled from origin: {IDS[0]}: deleted" in said
    assert sorted(p.stem for p in (laptop / "sessions").glob("*.toml")) == sorted(IDS[1:])


def test_a_tombstone_dated_after_the_pull_counts_from_the_pull(tmp_path: Path) -> None:
    """A change made here at 11:00 (this machine's clock runs ahead), pulled at 10:00: a
    tombstone dated 2099 counts as 10:00, and the change outlives it."""
    laptop = four(tmp_path)
    forge_tombstones(attacker(tmp_path), IDS[:1])
    ok(flash(laptop, "notes", IDS[0], "Made after", now=LATEST))
    said = ok(flash(laptop, "sync", now=LATER))
    assert f"kept {IDS[0]}: it was changed after it was deleted on another machine" in said
    assert notes(laptop, IDS[0]) == ["Made after"]
    clean(laptop)


def test_in_a_sync_folder_forged_tombstones_for_every_session_are_refused(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    for person in PEOPLE[:2]:
        ok(flash(home, "prep", "--with", person, "--when", "2026-12-01 10:00", "--no-input"))
    for sid in IDS[:2]:  # as a sync program brings them
        (home / "sessions" / f"{sid}.deleted").write_text(FORGED.format(sid=sid))
    before = tree(home)
    refused = flash(home, "sync")
    assert refused.returncode == 1
    assert refused.stderr.startswith(
        "flash: the tombstones in the sync folder would delete 2 of the 2 sessions here ("
    )
    assert tree(home) == before
    said = ok(flash(home, "sync", "--accept-deletions"))
    assert f"deleted {IDS[0]}, as 'flash delete' did on another machine" in said
    assert list((home / "sessions").glob("*.toml")) == []


# ---------------------------------------------------------------- what no check let in


def test_a_pushed_50_mb_session_is_refused_before_merging(tmp_path: Path) -> None:
    laptop = four(tmp_path)
    evil = attacker(tmp_path)
    path = evil / "sessions" / f"{IDS[0]}.toml"
    path.write_text(
        path.read_text().replace("schema = 1\n", f'schema = 1\nbig = "{"x" * 50_000_000}"\n')
    )
    pushed(evil)
    before = state(laptop)
    refused = flash(laptop, "sync")
    assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1
    assert f"sessions/{IDS[0]}.toml, which flash cannot read (it is larger than 16 MB)" in (
        refused.stderr
    )
    assert state(laptop) == before
    clean(laptop)
    assert ok(flash(laptop, "notes", IDS[1], "Still works")).startswith("added 1 note")


def test_a_pushed_folder_named_encryption_is_refused_and_commands_work(tmp_path: Path) -> None:
    laptop = four(tmp_path)
    evil = attacker(tmp_path)
    (evil / "encryption").mkdir()
    (evil / "encryption" / "x").write_text("age\n")
    pushed(evil)
    refused = flash(laptop, "sync")
    assert refused.returncode == 1
    assert "origin holds encryption/x, in a folder named as a file flash keeps" in refused.stderr
    assert "'git rm -r encryption'" in refused.stderr
    assert not (laptop / "encryption").exists()
    clean(laptop)
    ok(flash(laptop, "notes", IDS[1], "Still works"))
    assert "encrypted 4 files" in ok(flash(laptop, "config", "encrypt", "on"))


@pytest.mark.parametrize(
    "name", ["keys/key.txt", "hooks/on-add", "sessions/2026-12-01-ada-lovelace.toml/x"]
)
def test_what_a_pull_brings_where_flash_keeps_its_own_is_refused(tmp_path: Path, name: str) -> None:
    laptop = four(tmp_path)
    evil = attacker(tmp_path)
    if name.startswith("sessions/"):
        git(evil, "rm", "-q", f"sessions/{SID}.toml")
    (evil / name).parent.mkdir(parents=True, exist_ok=True)
    (evil / name).write_text("#!/bin/sh\ntouch PWNED\n")
    pushed(evil)
    before = state(laptop)
    refused = flash(laptop, "sync")
    assert refused.returncode == 1 and "nothing was merged" in refused.stderr, refused
    assert state(laptop) == before
    assert not (laptop / name).exists() and not (laptop / "PWNED").exists()


def test_keys_and_hooks_here_are_never_staged(tmp_path: Path) -> None:
    laptop = four(tmp_path)
    for name in ("keys/key.txt", "hooks/on-add"):
        (laptop / name).parent.mkdir(exist_ok=True)
        (laptop / name).write_text("mine alone\n")
    git(laptop, "add", "-f", "keys/key.txt")  # even staged by hand
    ok(flash(laptop, "notes", IDS[0], "A change to commit"))
    ok(flash(laptop, "sync"))
    files = committed_files(tmp_path / "remote.git")
    assert not any(f.startswith(("keys/", "hooks/")) for f in files), files


# ---------------------------------------------------------------- nested past the reader


DEEP = "deep = " + "[" * 500 + "]" * 500 + "\n"


def test_a_pushed_session_nested_too_deep_is_refused_before_merging(tmp_path: Path) -> None:
    laptop = four(tmp_path)
    evil = attacker(tmp_path)
    path = evil / "sessions" / f"{IDS[0]}.toml"
    path.write_text(path.read_text().replace("schema = 1\n", f"schema = 1\n{DEEP}"))
    pushed(evil)
    refused = flash(laptop, "sync")
    assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1
    assert "(its values are nested more than 100 deep)" in refused.stderr
    clean(laptop)


@pytest.mark.parametrize("depth", [101, 399, 5000])
def test_a_session_nested_too_deep_is_skipped_like_any_broken_file(home: Path, depth: int) -> None:
    """Below tomli's own limit (400) as well: what parses deeper than 100 would not be
    written back or shown as JSON."""
    for person in PEOPLE[:2]:
        ok(flash(home, "prep", "--with", person, "--when", "2026-12-01 10:00", "--no-input"))
    path = home / "sessions" / f"{IDS[0]}.toml"
    deep = "deep = " + "[" * (depth - 1) + "]" * (depth - 1) + "\n"
    path.write_text(path.read_text().replace("schema = 1\n", f"schema = 1\n{deep}"))
    before = path.read_bytes()
    skipped = f"warning: skipped {path}: its values are nested more than 100 deep\n"
    assert flash(home, "list").stderr == skipped
    counted = "warning: 1 session file could not be read; 'flash list' names it\n"
    for args in (["search", "Ada"], ["actions"], ["remind"], ["stats"]):
        result = flash(home, *args)  # never a traceback (flash() checks)
        assert result.returncode == 0, (args, result)
        assert result.stderr in (skipped, counted), (args, result.stderr)
    report = flash(home, "report", "--period", "2026Q4", "--yes", "--out", str(home.parent / "r"))
    assert report.returncode == 0 and report.stderr.startswith((skipped, counted)), report
    shown = flash(home, "show", IDS[0])
    assert shown.returncode == 1
    assert (
        shown.stderr
        == f"flash: cannot use session file {path}: its values are nested more than 100 deep\n"
    )
    assert flash(home, "notes", IDS[0], "x").returncode == 1
    assert path.read_bytes() == before


def test_the_deepest_value_flash_reads_is_written_back_and_shown(home: Path) -> None:
    ok(flash(home, "prep", "--with", "Ada Lovelace", "--when", "2026-12-01 10:00", "--no-input"))
    path = home / "sessions" / f"{IDS[0]}.toml"
    deep = "deep = " + "[" * 99 + "]" * 99 + "\n"  # 100 deep with the session's own table
    path.write_text(path.read_text().replace("schema = 1\n", f"schema = 1\n{deep}"))
    ok(flash(home, "notes", IDS[0], "Written back"))
    import json
    import tomllib

    value: list[object] = []
    for _ in range(98):
        value = [value]
    assert tomllib.loads(path.read_text())["deep"] == value
    assert json.loads(ok(flash(home, "show", IDS[0], "--json")))["deep"] == value


# ---------------------------------------------------------------- the key leaves the folder


def test_with_flash_home_the_key_is_made_in_the_config_folder(home: Path) -> None:
    ok(flash(home, "prep", "--with", "Ada Lovelace", "--no-input"))
    made = ok(flash(home, "config", "encrypt", "on"))
    assert f"made the key {key_of(home)}" in made
    assert not (home / "key.txt").exists() and not (home / "keys").exists()
    assert oct(key_of(home).stat().st_mode & 0o777) == "0o600"
    assert oct(key_of(home).parent.stat().st_mode & 0o777) == "0o700"
    shown = ok(flash(home, "config"))
    assert f"\nkey             {key_of(home)}\n" in shown
    import json

    assert json.loads(ok(flash(home, "config", "--json")))["key_file"] == str(key_of(home))


def test_where_the_config_folder_is_the_data_folder_the_key_is_in_keys(tmp_path: Path) -> None:
    """As on macOS and Windows, where both are one folder: here FLASH_HOME is the config
    folder platformdirs gives."""
    config = tmp_path / "flash-home.machine" / "config"
    home = config / "flash"
    result = flash(
        home, "prep", "--with", "Ada Lovelace", "--no-input", more={"XDG_CONFIG_HOME": str(config)}
    )
    assert result.returncode == 0
    made = flash(home, "config", "encrypt", "on", more={"XDG_CONFIG_HOME": str(config)})
    assert f"made the key {home / 'keys' / 'key.txt'}" in made.stdout, made


def test_a_key_an_earlier_flash_left_in_the_data_folder_is_used_and_its_move_named(
    home: Path,
) -> None:
    ok(flash(home, "prep", "--with", "Ada Lovelace", "--no-input"))
    ok(flash(home, "config", "encrypt", "on"))
    key_of(home).rename(home / "key.txt")  # where an earlier flash made it
    shutil.rmtree(key_of(home).parent)
    assert "Ada Lovelace" in ok(flash(home, "list"))  # nobody is locked out
    for args in (["config"], ["sync"]):
        said = flash(home, *args)
        assert said.returncode == 0, said
        assert f"warning: the key {home / 'key.txt'} is inside the data folder" in said.stderr
    sealing = flash(home, "config", "encrypt", "on")  # it seals nothing: a sync may have put it
    assert sealing.returncode == 1
    assert "flash opens sessions with it and seals nothing to it" in sealing.stderr
    assert list(home.parent.rglob("key.txt")) == [home / "key.txt"]  # no second key made
    move = flash(home, "config").stderr.split("move it out: ")[1].strip()
    subprocess.run(["sh", "-c", move], check=True, env={**os.environ, "HOME": str(home)})
    assert key_of(home).exists() and not (home / "key.txt").exists()
    assert oct(key_of(home).parent.stat().st_mode & 0o777) == "0o700"
    after = flash(home, "config")
    assert after.stderr == "" and f"key             {key_of(home)}" in after.stdout
    assert "Ada Lovelace" in ok(flash(home, "list"))


def test_two_different_keys_offer_no_move(home: Path) -> None:
    from tests.conftest import age_key

    ok(flash(home, "prep", "--with", "Ada Lovelace", "--no-input"))
    ok(flash(home, "config", "encrypt", "on"))
    key_of(home).rename(home / "key.txt")
    age_key(key_of(home))  # another key, in the key's own place: the one in use
    said = flash(home, "config")
    assert "mv" not in said.stderr
    assert "if it opens sessions you need, name it with FLASH_KEY to read them" in said.stderr
    assert f"key             {key_of(home)}" in said.stdout
    assert "cannot be opened with the key" in flash(home, "list").stderr
    named = {"FLASH_KEY": str(home / "key.txt")}
    assert "Ada Lovelace" in ok(flash(home, "list", more=named))


# ---------------------------------------------------------------- what an outsider tried


def test_what_a_fresh_clone_brings_of_each_machine_s_own_is_set_aside_never_used(
    tmp_path: Path,
) -> None:
    """The remote commits a key of its own (with a session sealed to it as bait), a config
    and a guidance: a machine that clones it uses none of them, and seals nothing to that
    key."""
    from pyrage import x25519

    from tests.conftest import age_key, copy_key

    laptop = four(tmp_path)
    ok(flash(laptop, "config", "encrypt", "on"))
    ok(flash(laptop, "sync"))
    evil = attacker(tmp_path)
    theirs = age_key(evil / "key.txt")
    (evil / "config.toml").write_text('name = "Mallory"\nemail = "mallory@example.org"\n')
    (evil / "guidance.toml").write_text("# theirs\n")
    pushed(evil)
    desktop = tmp_path / "desktop"
    git(tmp_path, "clone", "--quiet", str(tmp_path / "remote.git"), str(desktop))
    copy_key(laptop, desktop)
    said = ok(flash(desktop, "sync"))
    for name in ("key.txt", "config.toml", "guidance.toml"):
        assert f"moved {name} aside to {name}.from-repository" in said
        assert not (desktop / name).exists() and (desktop / f"{name}.from-repository").exists()
    assert "Mallory" not in ok(flash(desktop, "config"))
    ok(flash(desktop, "prep", "--with", "Zed Zee", "--goal", "Mine alone", "--no-input"))
    sealed = next((desktop / "sessions").glob("*zed-zee.toml.age")).read_bytes()
    import pyrage

    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(sealed, [x25519.Identity.from_str(theirs.read_text().strip())])
    mine = x25519.Identity.from_str(key_of(laptop).read_text().split()[-1])
    assert b"Mine alone" in pyrage.decrypt(sealed, [mine])


def test_a_key_dropped_in_the_data_folder_never_seals(tmp_path: Path) -> None:
    """As a sync program brings it: beside the person's own key it is not used; alone, it
    opens (an earlier flash left keys there) and seals nothing."""
    import pyrage
    from pyrage import x25519

    from tests.conftest import age_key

    home = tmp_path / "home"
    ok(flash(home, "prep", "--with", "Ada Lovelace", "--no-input"))
    ok(flash(home, "config", "encrypt", "on"))
    dropped = age_key(home / "key.txt")
    ok(flash(home, "notes", "ada", "Sealed to mine"))
    data = next((home / "sessions").glob("*.toml.age")).read_bytes()
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(data, [x25519.Identity.from_str(dropped.read_text().strip())])
    said = flash(home, "config")
    assert f"{home / 'key.txt'}, in the data folder, is not your key" in said.stderr
    assert f"key             {key_of(home)}" in said.stdout

    clear = tmp_path / "clear"  # a folder in clear, with a key and the marker dropped in
    ok(flash(clear, "prep", "--with", "Ada Lovelace", "--no-input"))
    age_key(clear / "key.txt")
    (clear / "encryption").write_text("age\n")
    refused = flash(clear, "sync")
    assert refused.returncode == 1
    assert "flash opens sessions with it and seals nothing to it" in refused.stderr
    assert [p.suffix for p in (clear / "sessions").iterdir()] == [".toml"]  # still in clear


def test_a_key_folder_inside_the_data_folder_is_warned_of(tmp_path: Path) -> None:
    home = tmp_path / "sync"
    config = home / ".config"
    made = flash(home, "config", "encrypt", "on", more={"XDG_CONFIG_HOME": str(config)})
    assert made.returncode == 0
    assert (
        f"warning: the key's folder {config / 'flash'} is inside the data folder {home}"
        in made.stderr
    )


def test_a_push_that_empties_every_session_stops_the_pull(tmp_path: Path) -> None:
    laptop = four(tmp_path)
    for sid in IDS:
        ok(flash(laptop, "notes", sid, "Worth keeping"))
    ok(flash(laptop, "sync"))
    evil = attacker(tmp_path)
    for sid in IDS:
        path = evil / "sessions" / f"{sid}.toml"
        lines = path.read_text().split("\n[[notes]]")[0]  # the notes cut off
        path.write_text(lines.replace('goal = ""', "") + "\n")
    pushed(evil)
    before = state(laptop)
    refused = flash(laptop, "sync")
    assert refused.returncode == 1
    assert "origin would take notes, actions, check-ins or fields out of 4 of the 4 sessions" in (
        refused.stderr
    )
    assert state(laptop) == before
    assert all(notes(laptop, sid) == ["Worth keeping"] for sid in IDS)
    taken = ok(flash(laptop, "sync", "--accept-deletions"))
    assert "-1 note" in taken and notes(laptop, IDS[0]) == []


def test_a_file_where_flash_keeps_a_folder_is_named(tmp_path: Path) -> None:
    laptop = four(tmp_path)
    evil = attacker(tmp_path)
    git(evil, "rm", "-rq", "sessions")
    (evil / "sessions").write_text("not a folder\n")
    pushed(evil)
    refused = flash(laptop, "sync", "--accept-deletions")
    assert refused.returncode == 1
    assert "origin holds sessions as a file, where flash keeps a folder" in refused.stderr
    clean(laptop)


def test_a_history_said_to_be_fresh_is_not_taken_at_its_word(tmp_path: Path) -> None:
    """Anyone who can push can write 'flash: fresh history' on a commit: flash says so, and
    does not tell the person to drop their own history."""
    laptop = four(tmp_path)
    evil = attacker(tmp_path)
    git(evil, "checkout", "-q", "--orphan", "fresh")
    git(evil, "-c", "user.name=E", "-c", "user.email=e@x", "commit", "-qm", "flash: fresh history")
    git(evil, "push", "-q", "--force", "origin", "fresh:master")
    refused = flash(laptop, "sync")
    assert refused.returncode == 1
    assert "if none did, whoever can push replaced it: keep this clone's history" in (
        refused.stderr
    )
