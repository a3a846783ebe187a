"""1. A flash killed with SIGKILL at any moment leaves every file as it was or fully updated.

Real processes of every kind, killed at random moments: note and action writers, prep making
new sessions, deletes, lists, actions and bare flash (which write the index), and lists that
rebuild the whole index. After every round, every file parses, every reported change is
there, and list --json and actions --json say what a direct parse of the files says.
"""

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flashcli import store
from flashcli.store.paths import session_ids
from tests.factories import flash, start

pytestmark = pytest.mark.slow  # real processes, kills, git: `pytest -m 'not slow'` skips them

ROUNDS, BATCH, KILLS = 16, 8, 3  # eight processes at a time, three killed at a random moment
SEED = 20261128
KINDS = ("note", "action", "prep", "delete", "list", "actions", "overview", "rebuild")


def test_random_kills_never_corrupt_or_lose_a_reported_change(home: Path) -> None:
    assert flash(home, "prep", "--with", "Ada Lovelace <ada@example.org>").returncode == 0
    assert flash(home, "prep", "--with", "Grace Hopper <grace@example.org>").returncode == 0
    keep = session_ids()  # written to by the note and action writers, never deleted
    rng = random.Random(SEED)
    written: list[tuple[str, str]] = []  # (session, text) of every reported note or action
    made: list[str] = []  # sessions prep reported made, that no delete has reported gone
    figures = dict.fromkeys(("processes", "kills", "reported"), 0)
    kinds: dict[str, int] = dict.fromkeys(KINDS, 0)
    for n in range(ROUNDS):
        batch = [_started(home, rng, f"{n}.{k}", keep, made) for k in range(BATCH)]
        _kill_some(rng, [proc for _, _, proc in batch])
        for kind, what, proc in batch:
            kinds[kind] += 1
            out, _ = proc.communicate(timeout=60)
            figures["kills"] += proc.returncode == -signal.SIGKILL  # not one that had ended
            if kind == "delete" and what[0] in made:
                made.remove(what[0])  # gone, or killed half-way: either way not asked for again
            if proc.returncode != 0:
                continue
            figures["reported"] += 1
            if kind in ("note", "action"):
                written.append(what)
            elif kind == "prep":
                made.append(json.loads(out)["id"])
        figures["processes"] += BATCH
        _agree(home, written, made)
    # What kills left behind is swept by the next writer, wherever flash writes.
    assert flash(home, "notes", keep[0], "after the storm").returncode == 0
    assert [p for p in home.rglob("*") if p.name.endswith(".tmp")] == []
    print(
        f"\ncrash figures: {figures['processes']} processes ({kinds}), "
        f"{figures['kills']} SIGKILLs, {figures['reported']} finished and reported, "
        f"{len(written)} reported notes and actions all present, 0 lost"
    )


def _started(
    home: Path, rng: random.Random, tag: str, keep: list[str], made: list[str]
) -> tuple[str, tuple[str, str], subprocess.Popen[str]]:
    kind = rng.choice(KINDS)
    sid = rng.choice(keep)
    if kind == "delete" and not made:
        kind = "list"
    if kind == "note":
        return kind, (sid, f"note {tag}"), start(home, "notes", sid, f"note {tag}")
    if kind == "action":
        args = ["notes", sid, "--action", f"action {tag}", "--due", "+1w"]
        return kind, (sid, f"action {tag}"), start(home, *args)
    if kind == "prep":
        return kind, ("", ""), start(home, "prep", "--with", f"Someone {tag}", "--json")
    if kind == "delete":
        victim = rng.choice(made)
        return kind, (victim, ""), start(home, "delete", victim, "--yes")
    if kind == "rebuild":
        with contextlib.suppress(FileNotFoundError):
            (home / "index.cache").unlink()  # the next list reads every file
    args = {"actions": ["actions", "--json"], "overview": []}.get(kind, ["list"])
    return kind, ("", ""), start(home, *args)


def _kill_some(rng: random.Random, procs: list[subprocess.Popen[str]]) -> None:
    started = time.monotonic()
    for delay, victim in sorted((rng.uniform(0, 0.6), p) for p in rng.sample(procs, KILLS)):
        time.sleep(max(0.0, started + delay - time.monotonic()))
        victim.send_signal(signal.SIGKILL)


def _agree(home: Path, written: list[tuple[str, str]], made: list[str]) -> None:
    """Every file parses; every reported change is there; list and actions tell the truth."""
    sessions, problems = store.scan()
    assert problems == []
    texts = {s.id: {n.text for n in s.notes} | {a.text for a in s.actions} for s in sessions}
    assert all(text in texts[sid] for sid, text in written)
    assert set(made) <= set(texts)
    listed = json.loads(flash(home, "list", "--all", "--json").stdout)
    assert {(r["id"], r["open_actions"]) for r in listed} == {
        (s.id, len(s.open_actions())) for s in sessions
    }
    actions = json.loads(flash(home, "actions", "--all", "--json").stdout)
    assert sorted((a["session"], a["number"], a["text"]) for a in actions) == sorted(
        (s.id, n, a.text) for s in sessions for n, a in enumerate(s.actions, 1)
    )


# Run as a real process: os.replace, when it is about to put a session in place, sends the
# process a real SIGKILL first, so nothing of Python's clean-up runs, as with any kill.
KILLED_BEFORE_RENAME = """
import os, runpy, signal
real = os.replace
def replace(src, dst):
    if str(dst).endswith(".toml"):
        os.kill(os.getpid(), signal.SIGKILL)
    return real(src, dst)
os.replace = replace
runpy.run_module("flashcli", run_name="__main__")
"""


def test_a_real_kill_between_write_and_rename_leaves_the_old_file(home: Path) -> None:
    assert flash(home, "prep", "--with", "Ada Lovelace").returncode == 0
    [sid] = session_ids()
    path = store.path_of(sid)
    before = path.read_bytes()
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_BEFORE_RENAME, "notes", sid, "never lands"],
        env={**os.environ, "FLASH_HOME": str(home)},
        capture_output=True,
        timeout=60,
    )
    assert killed.returncode == -signal.SIGKILL
    assert path.read_bytes() == before
    [left] = [p for p in path.parent.iterdir() if p != path]  # written in full, never renamed
    assert left.name.startswith(f".{path.name}.") and b"never lands" in left.read_bytes()
    assert flash(home, "notes", sid, "lands").returncode == 0
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # the leftover swept
    assert b"never lands" not in path.read_bytes() and b"lands" in path.read_bytes()
