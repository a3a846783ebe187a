"""2. Live notes in one terminal while others add actions and follow up: nobody undoes anybody."""

from pathlib import Path

import pytest

from flashcli import store
from flashcli.store.paths import session_ids
from tests.factories import flash, start
from tests.test_walk_pty import spawn

pytestmark = pytest.mark.slow  # real processes, kills, git: `pytest -m 'not slow'` skips them

OTHERS = 36
LIVE_LINES = 25  # typed while the others run (fewer than OTHERS)


def test_live_notes_and_many_writers_on_one_session(home: Path) -> None:
    assert (
        flash(
            home, "prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2026-11-28 08:55"
        ).returncode
        == 0
    )
    [sid] = session_ids()
    live = spawn(home, "notes")
    live.expect_exact("min left] > ")
    others = []
    for n in range(OTHERS):
        if n % 4 == 3:
            args = ["followup", sid, "--done", "confidentiality", "--feedback", f"feedback {n}"]
        else:
            args = [
                "notes",
                sid,
                "--action",
                f"action {n}",
                "--owner",
                "partner" if n % 2 else "me",
            ]
        others.append(start(home, *args))
        if n < LIVE_LINES:
            live.sendline(f"live note {n}")
            live.expect_exact("saved (")
    for proc in others:
        assert proc.wait(timeout=60) == 0, proc.stderr.read() if proc.stderr else ""
    live.sendline("/done")
    live.expect_exact("Plan of action")
    live.wait()
    s = store.load(sid)
    assert [n.text for n in s.notes] == [f"live note {n}" for n in range(LIVE_LINES)]
    expected_actions = {f"action {n}" for n in range(OTHERS) if n % 4 != 3}
    assert {a.text for a in s.actions} == expected_actions
    assert len(s.actions) == len(expected_actions)
    assert s.ticked == ["confidentiality"]
    assert s.feedback is not None and s.feedback.startswith("feedback ")
    print(
        f"\nconcurrency figures: 1 live terminal with {LIVE_LINES} notes, {OTHERS} other processes"
    )


def test_sessions_made_at_once_get_distinct_ids(home: Path) -> None:
    procs = [
        start(home, "prep", "--with", "Ada Lovelace", "--when", "2026-12-01 10:00")
        for _ in range(10)
    ]
    assert all(p.wait(timeout=60) == 0 for p in procs)
    names = sorted(p.name for p in (home / "sessions").glob("*.toml"))
    assert names == sorted(
        ["2026-12-01-ada-lovelace.toml"]
        + [f"2026-12-01-ada-lovelace-{n}.toml" for n in range(2, 11)]
    )
