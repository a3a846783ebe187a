"""1. A flash killed with SIGKILL at any moment leaves every file as it was or fully updated."""

import contextlib
import random
import signal
import time
from pathlib import Path

from flashcli import store
from flashcli.paths import session_ids
from tests.reliability.procs import flash, start

WRITERS = 120
BATCH, KILLS = 8, 3  # eight processes at a time, three of them killed at a random moment
SEED = 20261128


def test_random_kills_never_corrupt_or_lose_a_reported_write(home: Path) -> None:
    assert flash(home, "prep", "--with", "Ada Lovelace <ada@example.org>").returncode == 0
    assert flash(home, "prep", "--with", "Grace Hopper <grace@example.org>").returncode == 0
    ids = session_ids()
    rng = random.Random(SEED)
    reported, killed = [], 0
    for first in range(0, WRITERS, BATCH):
        batch = [
            (n, ids[n % 2], start(home, *_writer(n, ids[n % 2])))
            for n in range(first, first + BATCH)
        ]
        started = time.monotonic()
        for delay, (_, _, victim) in sorted(
            ((rng.uniform(0, 0.5), b) for b in rng.sample(batch, KILLS)), key=lambda x: x[0]
        ):
            time.sleep(max(0.0, started + delay - time.monotonic()))
            victim.send_signal(signal.SIGKILL)
        killed += KILLS
        for n, sid, proc in batch:
            out, _ = proc.communicate(timeout=60)
            if proc.returncode == 0 and out.startswith("added"):
                reported.append((n, sid))
    sessions, problems = store.scan()
    assert problems == []  # every file parses
    texts = {s.id: {n.text for n in s.notes} | {a.text for a in s.actions} for s in sessions}
    for n, sid in reported:
        assert f"note {n}" in texts[sid] or f"action {n}" in texts[sid], n
    # A kill may leave a temporary file; it never shows as a session and the next write sweeps it.
    assert flash(home, "list").returncode == 0
    assert flash(home, "notes", ids[0], "after the storm").returncode == 0
    assert list((home / "sessions").glob(".*.tmp")) == []
    print(
        f"\ncrash figures: {WRITERS} writers, {killed} SIGKILLs, {len(reported)} reported writes all present"
    )
    assert len(reported) >= WRITERS - killed


def _writer(n: int, sid: str) -> list[str]:
    if n % 3:
        return ["notes", sid, f"note {n}"]
    return ["notes", sid, "--action", f"action {n}", "--due", "+1w"]


def test_a_kill_between_write_and_rename_leaves_the_old_file(home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import os

    assert flash(home, "prep", "--with", "Ada Lovelace").returncode == 0
    [sid] = session_ids()
    path = store.path_of(sid)
    before = path.read_bytes()

    def die(*args: object) -> None:
        raise SystemExit(137)  # what the process would see of a kill, if it saw anything

    monkeypatch.setattr(os, "replace", die)
    with contextlib.suppress(SystemExit):
        store.update(path.stem, lambda s: setattr(s, "goal", "never lands"))
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]
