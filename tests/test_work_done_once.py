"""Work done once: the walks and live notes read a session's file once per answer, taking the
session each save gives back, never reading it again to ask the next question or tell the time."""

from functools import partial
from pathlib import Path

import pytest

from flashcli import guidance, ops, store
from flashcli.cli import prompt, walk
from flashcli.cli.commands import notes_live
from flashcli.models import Session
from tests.factories import session


@pytest.fixture
def reads(home: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each read of a session file, by id, from here on."""
    made = store.create(session().created.date(), "Ada Lovelace", lambda sid: session(id=sid))
    assert made.id == "2026-11-28-ada-lovelace"
    seen: list[str] = []
    real = store.read
    monkeypatch.setattr(store, "read", lambda sid: seen.append(sid) or real(sid))
    return seen


def test_a_walk_reads_the_file_once_per_answer(reads: list[str]) -> None:
    sid = "2026-11-28-ada-lovelace"
    asked: list[Session] = []

    def answered(s: Session, again: bool) -> bool:  # saves an answer
        asked.append(s)
        walk.update(s.id, partial(ops.set_fields, goal="Plan my move"))
        return True

    def skipped(s: Session, again: bool) -> bool:  # has its answer already: asks nothing
        asked.append(s)
        return False

    def left_unanswered(s: Session, again: bool) -> bool:  # asks; the person presses Enter
        asked.append(s)
        return True

    walk.run(sid, [answered, skipped, left_unanswered, skipped])
    # One read to begin, one by the save (under the lock), one after the pause of the
    # unanswered question; the questions that ask nothing read nothing.
    assert reads == [sid, sid, sid]
    assert asked[1].goal == "Plan my move"  # asked of the session the save gave back


def test_live_notes_read_the_file_once_per_line(
    reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = "2026-11-28-ada-lovelace"
    lines = iter(["Talk to two managers", "!Draft my plan", "", "/help", "/done"])
    monkeypatch.setattr(prompt, "line", lambda _: next(lines))
    live = notes_live.Live(store.load(sid))
    reads.clear()
    notes_live._loop(live, guidance.load())
    assert reads == [sid, sid]  # the two saves: nothing else reads the file
    assert [n.text for n in live.session.notes] == ["Talk to two managers"]
    assert [a.text for a in live.session.actions] == ["Draft my plan"]
