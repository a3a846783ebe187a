"""Sync on two machines the way people use them: what three machines and a new user found
(part 11), each on real git, with clones of one bare repository and no global git config."""

import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

from flashcli import merge
from tests.conftest import age_key
from tests.factories import NO_GIT_CONFIG, SID, env, flash
from tests.machines import clean, committed_files, first_machine, git, notes, ok, prepared, session

pytestmark = [
    pytest.mark.slow,  # real git repositories and processes: `pytest -m "not slow"` skips them
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]
LATER = "2026-11-28T10:00:00+01:00"
LATEST = "2026-11-28T11:00:00+01:00"


def both_sync(laptop: Path, desktop: Path) -> None:
    """The usual round: the laptop, the desktop, and the laptop again to take the merge."""
    for home in (laptop, desktop, laptop):
        ok(flash(home, "sync"))


# ---------------------------------------------------------------- 1. a clone never set up


def test_a_clone_never_set_up_sets_itself_up_once_and_merges_by_meaning(tmp_path: Path) -> None:
    laptop, desktop = prepared(tmp_path)
    ok(flash(laptop, "edit", "--goal", "Goal from the laptop"))
    ok(flash(desktop, "edit", "--goal", "Goal from the desktop", now=LATER))
    ok(flash(desktop, "notes", "Desktop note", now=LATER))
    ok(flash(laptop, "sync"))
    said = ok(flash(desktop, "sync", now=LATER))
    assert said.count("set up this clone for flash sync") == 1
    assert "deleted" not in said and "kept" not in said  # nobody deleted anything
    assert "set up" not in ok(flash(desktop, "sync", now=LATER))  # said once
    ok(flash(laptop, "sync"))
    for home in (laptop, desktop):
        one = session(home)
        assert one["goal"] == "Goal from the desktop"
        assert one["conflicts"] == {"goal": "Goal from the laptop"}
        assert "Ada Lovelace" in ok(flash(home, "list"))
        clean(home)
    # Sessions and the report secret, in clear and sealed, each once.
    assert (desktop / ".git" / "info" / "attributes").read_text().count("merge=flash") == 4
    assert not (desktop / ".gitattributes").exists() and not (desktop / ".gitignore").exists()


# ---------------------------------------------------------------- 2. a moved environment


def environment(folder: Path) -> Path:
    """A real virtual environment with a `flash` launcher, as pip writes one; its Python finds
    flash and what it needs in this test run's environment. Returns the launcher."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    site = next((folder / "lib").glob("python*/site-packages"))
    outer = sysconfig.get_paths()["purelib"]
    (site / "outer.pth").write_text(f"import site; site.addsitedir({outer!r})\n")
    launcher = folder / "bin" / "flash"
    body = "import sys\nfrom flashcli.cli import main\nsys.exit(main())\n"
    launcher.write_text(f"#!{folder / 'bin' / 'python'}\n{body}")
    launcher.chmod(0o755)
    return launcher


def plain_path() -> str:
    """A PATH with git and sh on it, and no flash."""
    found = {str(Path(shutil.which(p) or "/usr/bin/x").parent) for p in ("git", "sh")}
    assert not any((Path(d) / "flash").exists() for d in found)
    return os.pathsep.join(sorted(found))


def pull_by_hand(home: Path, path: str) -> subprocess.CompletedProcess[str]:
    """A person's own `git pull`, with the driver flash registered."""
    return subprocess.run(
        [
            "git",
            "-C",
            str(home),
            "-c",
            "user.name=P",
            "-c",
            "user.email=p@x",
            "pull",
            "--no-rebase",
            "--no-edit",
            "origin",
            "master",
        ],
        capture_output=True,
        text=True,
        env={**env(home, path=path), **NO_GIT_CONFIG},
    )


def test_the_merge_driver_survives_a_moved_environment(tmp_path: Path) -> None:
    laptop, desktop = prepared(tmp_path)
    first = environment(tmp_path / "env1")
    ok(flash(desktop, "sync", "--setup", program=[str(first)]))
    assert str(first) in git(desktop, "config", "merge.flash.driver")
    # While the launcher is there, a person's own pull runs it by its absolute path.
    ok(flash(laptop, "notes", "Laptop 1"))
    ok(flash(desktop, "notes", "Desktop 1", now=LATER))
    git(desktop, "-c", "user.name=P", "-c", "user.email=p@x", "commit", "-qam", "desktop 1")
    ok(flash(laptop, "sync"))
    pulled = pull_by_hand(desktop, plain_path())
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    assert notes(desktop) == ["Desktop 1", "Laptop 1"]
    # The environment is moved (a Python upgrade, a reinstall): its launcher is gone, and the
    # `flash` on PATH (another environment) merges instead.
    (tmp_path / "env1").rename(tmp_path / "env1-moved")
    second = environment(tmp_path / "env2")
    ok(flash(laptop, "sync"))
    ok(flash(laptop, "notes", "Laptop 2"))
    ok(flash(desktop, "notes", "Desktop 2", now=LATER))
    git(desktop, "-c", "user.name=P", "-c", "user.email=p@x", "commit", "-qam", "desktop 2")
    ok(flash(laptop, "sync"))
    with_second = f"{second.parent}{os.pathsep}{plain_path()}"
    pulled = pull_by_hand(desktop, with_second)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    assert notes(desktop) == ["Desktop 1", "Desktop 2", "Laptop 1", "Laptop 2"]
    # With no flash anywhere, a person's pull stops (git says so); flash sync says what to run,
    # then merges with the Python running it, and points the driver at a flash that is there.
    ok(flash(laptop, "sync"))
    ok(flash(laptop, "notes", "Laptop 3"))
    ok(flash(desktop, "notes", "Desktop 3", now=LATER))
    git(desktop, "-c", "user.name=P", "-c", "user.email=p@x", "commit", "-qam", "desktop 3")
    ok(flash(laptop, "sync"))
    stopped = pull_by_hand(desktop, plain_path())
    assert stopped.returncode != 0 and "CONFLICT" in stopped.stdout
    refused = flash(desktop, "sync")
    assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1
    assert f"run 'git -C {desktop} merge --abort', then 'flash sync'" in refused.stderr
    git(desktop, "merge", "--abort")
    said = ok(flash(desktop, "sync"))
    assert "flash's merge driver pointed at a flash that is gone; it runs this one now" in said
    assert str(first) not in git(desktop, "config", "merge.flash.driver")
    ok(flash(laptop, "sync"))
    everything = ["Desktop 1", "Desktop 2", "Desktop 3", "Laptop 1", "Laptop 2", "Laptop 3"]
    for home in (laptop, desktop):
        assert notes(home) == everything
        clean(home)


# ---------------------------------------------------------------- 3. a driver that cannot merge


def test_a_time_without_an_offset_merges_like_any_other(tmp_path: Path) -> None:
    laptop, desktop = prepared(tmp_path)
    ok(flash(desktop, "sync"))
    path = desktop / "sessions" / f"{SID}.toml"
    text = path.read_text("utf-8")
    updated = next(line for line in text.splitlines() if line.startswith("updated = "))
    path.write_text(text.replace(updated, "updated = 2026-11-28T08:30:00"), "utf-8")  # by hand
    ok(flash(desktop, "notes", "Desktop note", "--at", "2026-12-01 10:20"))
    ok(flash(laptop, "notes", "Laptop note", "--at", "2026-12-01 10:10"))
    both_sync(laptop, desktop)
    for home in (laptop, desktop):
        assert notes(home) == ["Desktop note", "Laptop note"]
        clean(home)


def test_a_version_the_driver_cannot_read_stops_sync_and_loses_nothing(tmp_path: Path) -> None:
    """Notes of the wrong shape, committed by hand with git: flash never commits one."""
    laptop, desktop = prepared(tmp_path)
    ok(flash(desktop, "sync"))
    ok(flash(laptop, "notes", "Laptop note"))
    ok(flash(laptop, "sync"))
    path = desktop / "sessions" / f"{SID}.toml"
    text = path.read_text("utf-8").replace("schema = 1\n", 'schema = 1\nnotes = "not a list"\n')
    path.write_text(text, "utf-8")
    refused = flash(desktop, "sync")
    assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1
    assert f"cannot sync: sessions/{SID}.toml is not a session flash can read" in refused.stderr
    assert "nothing was committed or pulled" in refused.stderr
    git(desktop, "-c", "user.name=P", "-c", "user.email=p@x", "commit", "-qam", "by hand")
    head = git(desktop, "rev-parse", "HEAD")
    stopped = flash(desktop, "sync")
    assert stopped.returncode == 1 and len(stopped.stderr.splitlines()) == 1
    assert f"cannot merge sessions/{SID}.toml:" in stopped.stderr
    assert "nothing was merged, and your changes are committed here" in stopped.stderr
    assert git(desktop, "rev-parse", "HEAD") == head  # as before the pull
    clean(desktop)
    assert "Laptop note" in git(desktop, "show", f"origin/master:sessions/{SID}.toml")


def test_the_driver_reports_what_it_cannot_merge_and_never_raises(tmp_path: Path) -> None:
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    good = (
        'schema = 1\nid = "x"\nrole = "mentee"\ncreated = 2026-12-01T10:00:00+01:00\n'
        'updated = 2026-12-01T10:00:00+01:00\n[partner]\nname = "Ada"\n'
    )
    cases = {
        "the other machine's version: not valid TOML": "schema = [",
        "the other machine's version: notes.0: must be a table": good.replace(
            "[partner]", 'notes = ["x"]\n[partner]'
        ),
        "the other machine's version is not UTF-8 text": "\udcff",
    }
    for expected, text in cases.items():
        base.write_text("")
        ours.write_text(good)
        theirs.write_bytes(text.encode("utf-8", "surrogateescape"))
        process = subprocess.run(
            [sys.executable, "-m", "flashcli.merge", str(base), str(ours), str(theirs), "s/x.toml"],
            capture_output=True,
            text=True,
        )
        assert process.returncode == 1 and "Traceback" not in process.stderr
        assert process.stderr.startswith("flash: cannot merge s/x.toml: ")
        assert expected in process.stderr and len(process.stderr.splitlines()) == 1
        assert ours.read_text() == good
    assert merge.main(["flash", str(base)]) == 1


# ---------------------------------------------------------------- 4. the same text twice


def test_an_action_with_the_same_text_on_each_machine_is_two_actions(tmp_path: Path) -> None:
    laptop, desktop = prepared(tmp_path)
    ok(flash(laptop, "notes", "--action", "Send the plan"))
    ok(
        flash(
            desktop,
            "notes",
            "--action",
            "Send the plan",
            "--owner",
            "partner",
            "--due",
            "2026-12-08",
            now=LATER,
        )
    )
    both_sync(laptop, desktop)
    for home in (laptop, desktop):
        actions = session(home)["actions"]
        assert sorted((a["owner"], str(a.get("due"))) for a in actions) == [
            ("me", "None"),
            ("partner", "2026-12-08"),
        ]


# ---------------------------------------------------------------- 5. privacy after git


def modes(home: Path) -> set[tuple[str, str]]:
    """Every file and folder of the work tree not 0600/0700 (.git aside)."""
    wrong = set()
    for path in home.rglob("*"):
        if ".git" in path.relative_to(home).parts:
            continue
        mode = stat.S_IMODE(path.lstat().st_mode)
        if mode != (0o700 if path.is_dir() else 0o600):
            wrong.add((str(path.relative_to(home)), oct(mode)))
    return wrong


def test_folders_are_0700_and_files_0600_after_git_wrote_them(tmp_path: Path) -> None:
    old = os.umask(0o022)  # a person's usual umask, for git's own clone and pull
    try:
        laptop, desktop = prepared(tmp_path)
        assert modes(desktop)  # as git cloned it
        ok(flash(desktop, "sync"))
        assert modes(desktop) == set() and stat.S_IMODE(desktop.stat().st_mode) == 0o700
        ok(flash(laptop, "notes", "Laptop"))
        ok(flash(desktop, "notes", "Desktop", now=LATER))
        both_sync(laptop, desktop)
        assert modes(desktop) == set() and modes(laptop) == set()  # merged by git, and pulled
        ok(flash(laptop, "prep", "--with", "Grace Hopper", "--no-input"))
        ok(flash(laptop, "sync"))
        git(desktop, "pull", "--quiet", "--no-rebase", "origin", "master")  # by hand
        assert modes(desktop)
        ok(flash(desktop, "sync"))
        assert modes(desktop) == set()
    finally:
        os.umask(old)


# ---------------------------------------------------------------- 6. what stays on each machine


def test_the_config_backups_and_kept_edits_stay_on_each_machine(tmp_path: Path) -> None:
    laptop, desktop = prepared(tmp_path)
    ok(flash(laptop, "config", "name", "Dana on the laptop"))
    ok(flash(desktop, "config", "name", "Dana on the desktop"))
    ok(flash(desktop, "config", "email", "dana@example.org"))
    (laptop / "sessions" / f"{SID}.toml.bak").write_text("a backup")
    (laptop / f"{SID}-edit.toml").write_text("a kept edit")
    ok(flash(laptop, "notes", "One"))
    both_sync(laptop, desktop)
    assert "Dana on the laptop" in (laptop / "config.toml").read_text()
    assert "dana@example.org" in (desktop / "config.toml").read_text()
    assert committed_files(laptop) == {f"sessions/{SID}.toml"}
    clean(laptop)
    clean(desktop)


def test_a_config_an_older_flash_committed_is_no_longer_tracked(tmp_path: Path) -> None:
    laptop, desktop = prepared(tmp_path)
    ok(flash(laptop, "config", "name", "Dana"))
    git(laptop, "add", "-f", "config.toml")
    git(laptop, "-c", "user.name=P", "-c", "user.email=p@x", "commit", "-qm", "as part 10 did")
    (laptop / ".git" / "info" / "attributes").unlink()  # as set up by part 10
    said = ok(flash(laptop, "sync"))
    assert "stopped tracking config.toml: it stays on this machine" in said
    assert (laptop / "config.toml").exists()
    assert "config.toml" not in git(laptop, "ls-files")
    ok(flash(desktop, "config", "name", "Dana at home"))
    ok(flash(desktop, "sync"))
    assert "Dana at home" in (desktop / "config.toml").read_text()  # not taken away
    clean(desktop)


# ---------------------------------------------------------------- 7. one session flash cannot open


def test_one_session_flash_cannot_open_is_a_line_never_the_end(tmp_path: Path) -> None:
    import pyrage
    from pyrage import x25519

    home = tmp_path / "home"
    ok(flash(home, "prep", "--with", "Ada Lovelace", "--when", "2026-12-01 10:00", "--no-input"))
    ok(flash(home, "notes", "--action", "Read the paper"))
    ok(flash(home, "prep", "--with", "Grace Hopper", "--when", "2026-12-02 10:00", "--no-input"))
    ok(flash(home, "config", "encrypt", "on"))
    other = x25519.Identity.generate().to_public()
    stranger = home / "sessions" / "2026-12-03-someone.toml.age"
    stranger.write_bytes(pyrage.encrypt(b'schema = 1\nid = "x"\n', [other]))
    broken = home / "sessions" / "2026-12-04-broken.toml.age"
    broken.write_bytes(b"age-encryption.org/v1\nnot really")
    for args, shown in ((["list"], "Ada Lovelace"), (["actions"], "Read the paper"), ([], "Grace")):
        result = flash(home, *args)
        assert result.returncode == 0, result.stderr
        assert shown in result.stdout
        assert "2026-12-03-someone.toml.age" in result.stderr
        assert "2026-12-04-broken.toml.age" in result.stderr


# ---------------------------------------------------------------- 8. stopped gits


def test_a_lock_left_by_a_stopped_git_is_named_with_what_to_run_simulated(
    tmp_path: Path,
) -> None:
    laptop = first_machine(tmp_path, ["prep", "--with", "Ada Lovelace", "--no-input"])
    lock = laptop / ".git" / "index.lock"
    lock.write_text("")  # what a git killed mid-write leaves
    ok(flash(laptop, "notes", "After the kill"))
    refused = flash(laptop, "sync")
    assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1
    assert f"left its lock {lock} (no git is running there now)" in refused.stderr
    assert f"remove it (rm {lock}), then run 'flash sync' again" in refused.stderr
    waiting = subprocess.Popen(  # a real git at work in the folder, holding the lock
        ["git", "hash-object", "--stdin"],
        cwd=laptop,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    )
    try:
        busy = flash(laptop, "sync")
        assert busy.returncode == 1 and "another git is at work in" in busy.stderr
    finally:
        waiting.communicate(b"x")
    lock.unlink()
    assert "committed" in ok(flash(laptop, "sync"))


def test_a_pull_a_person_left_unfinished_is_named_with_what_to_run(tmp_path: Path) -> None:
    laptop, desktop = prepared(tmp_path)
    ok(flash(laptop, "notes", "Laptop"))
    ok(flash(laptop, "sync"))
    ok(flash(desktop, "notes", "Desktop", now=LATER))
    by_hand = ["-c", "user.name=P", "-c", "user.email=p@x"]
    git(desktop, *by_hand, "commit", "-qam", "by hand")
    pulled = git(desktop, *by_hand, "pull", "--no-rebase", "origin", "master", check=False)
    assert "CONFLICT" in pulled  # git's own merge: no driver is registered in this clone
    refused = flash(desktop, "sync")
    assert refused.returncode == 1
    assert refused.stderr == (
        f"flash: git has an unfinished merge in {desktop} (a git pull that stopped?): "
        f"run 'git -C {desktop} merge --abort', then 'flash sync'\n"
    )
    git(desktop, "merge", "--abort")
    ok(flash(desktop, "sync"))
    assert notes(desktop) == ["Desktop", "Laptop"]
    clean(desktop)


def test_a_commit_a_killed_git_made_but_for_its_index_is_taken_as_made_simulated(
    tmp_path: Path,
) -> None:
    """git commit writes the commit, moves the branch, then renames index.lock over the index:
    killed before the rename (and the lock removed as asked), the index is the one before."""
    laptop = first_machine(tmp_path, ["prep", "--with", "Ada Lovelace", "--no-input"])
    ok(flash(laptop, "notes", "Committed by the killed git"))
    index = (laptop / ".git" / "index").read_bytes()
    git(laptop, "-c", "user.name=P", "-c", "user.email=p@x", "commit", "-qam", "killed")
    (laptop / ".git" / "index").write_bytes(index)
    assert git(laptop, "status", "--porcelain").startswith("MM ")
    said = ok(flash(laptop, "sync"))
    assert "nothing to commit" in said and "pushed to origin" in said
    clean(laptop)


KILLS = 20


def test_a_sync_killed_at_any_moment_loses_nothing(tmp_path: Path) -> None:
    """Real SIGKILLs of `flash sync` and the git it runs (the whole process group), at random
    moments; each later sync works, or names the lock to remove; nothing is ever lost."""
    laptop, desktop = prepared(tmp_path)
    rng = random.Random(20261201)
    written = []
    figures = {"kills": 0, "locks": 0, "finished": 0}
    for n in range(KILLS):
        for home, who in ((laptop, "laptop"), (desktop, "desktop")):
            ok(flash(home, "notes", f"{who} {n}"))
            written.append(f"{who} {n}")
        if n % 3 == 0:
            ok(flash(desktop, "sync"))
        process = subprocess.Popen(
            [sys.executable, "-m", "flashcli", "sync"],
            env=env(laptop),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.05, 0.6))
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            figures["kills"] += 1
        else:
            figures["finished"] += 1
        process.wait()
        # The next sync works, or names the locks a killed git left (here, or in the remote's
        # folder, which the kill reached too) with the rm to run; run it, and sync again.
        for _ in range(3):
            again = flash(laptop, "sync")
            if again.returncode == 0:
                break
            said = again.stderr
            assert "a git that was stopped left its lock" in said and "(rm " in said, said
            for lock in said.split("(rm ")[1].split(")")[0].split():
                Path(lock).unlink()
            figures["locks"] += 1
        assert again.returncode == 0, again.stderr
    both_sync(laptop, desktop)
    for home in (laptop, desktop):
        assert notes(home) == sorted(written)
        clean(home)
    print(f"\nsync kill figures: {figures}, {len(written)} notes, 0 lost")


# ---------------------------------------------------------------- 9. commit messages


def test_commit_messages_say_what_changed_and_sealed_ones_give_counts_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, desktop = prepared(tmp_path)
    ok(flash(laptop, "notes", "--action", "Call Sam"))
    ok(flash(laptop, "sync"))
    ok(flash(laptop, "notes", "A note"))
    ok(flash(laptop, "edit", "--goal", "Plan", "--when", "2026-12-02 10:00"))
    ok(flash(laptop, "followup", "--complete", "1"))
    said = ok(flash(laptop, "sync"))
    assert f"committed: {SID}: +1 note, 1 action done, time and goal changed\n" in said
    ok(flash(desktop, "edit", "--goal", "Desktop goal", now="2026-11-27T09:00:00+01:00"))
    ok(flash(desktop, "sync"))
    merged = (
        f"merged origin/master: {SID}: +1 note, +1 action, time and goal changed, goal set aside"
    )
    assert git(desktop, "log", "-1", "--format=%s") == merged + "\n"
    # Sealed: counts only, whatever the session holds.

    key = age_key(tmp_path / "key.txt")
    monkeypatch.setenv("FLASH_KEY", str(key))
    ok(flash(laptop, "sync"))
    ok(flash(laptop, "config", "encrypt", "on"))
    assert "committed: encryption on; 1 session sealed" in ok(flash(laptop, "sync"))
    ok(flash(laptop, "notes", "Secret words"))
    ok(flash(laptop, "edit", "--goal", "Secret goal"))
    assert "committed: 1 session changed: +1 note, 1 field changed\n" in ok(flash(laptop, "sync"))
    history = git(laptop, "log", "--format=%B")
    assert "Secret" not in history


# ---------------------------------------------------------------- deleted, only when deleted


def test_a_deleted_session_goes_everywhere_and_its_id_is_not_used_again(tmp_path: Path) -> None:
    laptop, desktop = prepared(tmp_path)
    ok(flash(desktop, "sync"))
    ok(flash(laptop, "delete", SID, "--yes"))
    assert f"committed: {SID}: deleted" in ok(flash(laptop, "sync"))
    ok(flash(desktop, "sync"))
    assert not (desktop / "sessions" / f"{SID}.toml").exists()
    assert "No sessions" in ok(flash(desktop, "list"))
    made = ok(
        flash(
            desktop,
            "prep",
            "--with",
            "Ada Lovelace",
            "--when",
            "2026-12-01 10:00",
            "--no-input",
            "--json",
        )
    )
    assert f'"{SID}-2"' in made


def test_a_change_made_before_the_deletion_goes_with_it(tmp_path: Path) -> None:
    laptop, desktop = prepared(tmp_path)
    ok(flash(desktop, "sync"))
    ok(flash(desktop, "notes", "Before the delete", now=LATER))
    ok(flash(laptop, "delete", SID, "--yes", now=LATEST))
    ok(flash(laptop, "sync", now=LATEST))
    said = ok(flash(desktop, "sync", now=LATEST))
    assert f"deleted {SID}, as 'flash delete' did on the other machine, with 1 note" in said
    ok(flash(laptop, "sync"))
    for home in (laptop, desktop):
        assert not (home / "sessions" / f"{SID}.toml").exists()
        clean(home)


def test_a_change_made_after_the_deletion_keeps_the_session(tmp_path: Path) -> None:
    laptop, desktop = prepared(tmp_path)
    ok(flash(desktop, "sync"))
    ok(flash(laptop, "delete", SID, "--yes", now=LATER))
    ok(flash(desktop, "notes", "After the delete", now=LATEST))
    ok(flash(laptop, "sync", now=LATER))
    said = ok(flash(desktop, "sync", now=LATEST))
    assert f"kept {SID}: it was changed after it was deleted on another machine" in said
    ok(flash(laptop, "sync"))
    for home in (laptop, desktop):
        assert notes(home) == ["After the delete"]
        assert not (home / "sessions" / f"{SID}.deleted").exists()
        clean(home)


def test_a_session_removed_without_flash_delete_is_kept(tmp_path: Path) -> None:
    laptop, desktop = prepared(tmp_path)
    ok(flash(desktop, "sync"))
    git(laptop, "rm", "-q", f"sessions/{SID}.toml")
    git(laptop, "-c", "user.name=P", "-c", "user.email=p@x", "commit", "-qm", "by hand")
    ok(flash(laptop, "sync"))
    ok(flash(desktop, "notes", "Worth keeping"))
    said = ok(flash(desktop, "sync"))
    assert f"kept {SID}: removed on one machine, but not by 'flash delete'" in said
    ok(flash(laptop, "sync"))
    assert notes(laptop) == ["Worth keeping"]


def test_in_a_sync_folder_a_tombstone_deletes_what_was_not_changed_after(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ok(flash(home, "prep", "--with", "Ada Lovelace", "--when", "2026-12-01 10:00", "--no-input"))
    ok(
        flash(
            home,
            "prep",
            "--with",
            "Grace Hopper",
            "--when",
            "2026-12-01 10:00",
            "--no-input",
            now=LATEST,
        )
    )
    stone = "flash: session {} was deleted (flash delete), at\n2026-11-28T10:00:00+01:00\n"
    for sid in (SID, "2026-12-01-grace-hopper"):  # as a sync program brings them
        (home / "sessions" / f"{sid}.deleted").write_text(stone.format(sid))
    said = ok(flash(home, "sync"))
    assert f"deleted {SID}, as 'flash delete' did on another machine" in said
    assert "kept 2026-12-01-grace-hopper: it was changed after another machine deleted it" in said
    assert sorted(p.name for p in (home / "sessions").iterdir() if p.suffix != ".tmp") == [
        f"{SID}.deleted",
        "2026-12-01-grace-hopper.toml",
    ]
