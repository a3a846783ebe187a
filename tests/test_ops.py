"""The operations on a session: each checks its own rules, and the models check every value."""

from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError

from flashcli import guidance, ops
from flashcli.errors import FlashError, Invalid
from flashcli.models import Action, Note
from tests.factories import NOW_AT, session

NOW = datetime(2026, 11, 28, 9, tzinfo=UTC)


def note(text: str, minute: int = 0) -> Note:
    return Note(at=NOW.replace(minute=minute), text=text)


@pytest.mark.parametrize(
    ("key", "phase", "why"),
    [
        ("send-topics", "after", "'send-topics' is not a mentee after checklist item"),
        ("receptive", "prepare", "use one of: goals, send-topics, arrange, questions"),
        ("appreciation", "after", "'appreciation' is not a mentee checklist item"),
        ("decide-continue", "after", "'decide-continue' ticks itself once continue is set"),
    ],
)
def test_only_the_phases_own_items_a_person_ticks(key: str, phase: str, why: str) -> None:
    s = session()
    with pytest.raises(Invalid, match=why):
        ops.tick(s, guidance.load(), key, phase, NOW_AT)  # type: ignore[arg-type]
    assert s.ticked == []


def test_tick_and_untick_leave_the_other_ticks() -> None:
    s = session(ticked=["confidentiality"])
    book = guidance.load()
    ops.tick(s, book, "follow-through", "after", NOW_AT)
    later = NOW_AT + timedelta(days=1)
    ops.tick(s, book, "follow-through", "after", later)  # twice is once, at the first time
    assert s.ticked == ["confidentiality", "follow-through"]
    assert s.ticked_at == {"follow-through": NOW_AT}
    ops.untick(s, book, "confidentiality", "after")
    ops.untick(s, book, "follow-through", "after")
    assert s.ticked == [] and s.ticked_at == {}


def test_fields_are_checked_as_they_are_set() -> None:
    s = session()
    with pytest.raises(ValidationError):
        ops.set_fields(s, goal="two\nlines")
    with pytest.raises(ValidationError):
        ops.set_fields(s, rating=6)
    ops.set_fields(s, goal="  Plan my move  ", minutes="45")
    assert (s.goal, s.minutes) == ("Plan my move", 45)
    with pytest.raises(TypeError):
        ops.set_fields(s, notes=[])  # notes have operations of their own


def test_topics_are_added_once_and_must_fit_the_time() -> None:
    s = session(minutes=10)
    ops.add_topics(s, ["Fit", " Fit ", "First steps"])
    assert s.topics == ["Fit", "First steps"]
    with pytest.raises(FlashError, match="7 topics do not fit in 10 minutes"):
        ops.add_topics(s, [f"T{n}" for n in range(5)])
    longer = session(minutes=60, topics=[f"T{n}" for n in range(7)])
    with pytest.raises(FlashError, match="7 topics do not fit in 10 minutes"):
        ops.set_fields(longer, minutes=10)


def test_actions_by_number() -> None:
    s = session(actions=[Action(text="Draft the plan"), Action(text="Read the book")])
    ops.complete(s, 1, NOW)
    ops.complete(s, 1, NOW.replace(hour=12))  # done already: it keeps the time it was done
    assert s.actions[0].done == NOW
    ops.set_due(s, 2, date(2026, 12, 12))
    ops.reopen(s, 1)
    assert s.actions[0].done is None and s.actions[1].due == date(2026, 12, 12)
    for bad in (0, 3):
        with pytest.raises(Invalid, match=f"there is no action {bad}; 2026-12-01-ada has 2"):
            ops.complete(s, bad, NOW)


def test_close_and_live_start_keep_their_first_time() -> None:
    s = session()
    ops.close(s, NOW)
    ops.close(s, NOW.replace(hour=12))
    ops.start_live(s, NOW)
    ops.start_live(s, NOW.replace(hour=12))
    assert s.closed == NOW and s.started == NOW
    ops.reopen_session(s)
    assert s.closed is None


def test_merging_an_edit_keeps_what_changed_meanwhile() -> None:
    """Opened with a, b, c; meanwhile d was added and b reworded elsewhere; the person deleted
    a, kept b and c untouched, and added e."""
    a, b, c = note("a", 1), note("b", 2), note("c", 3)
    reworded, d, e = note("b, reworded", 2), note("d", 4), note("e", 5)
    s = session(notes=[a, reworded, c, d])
    ops.merge_notes(s, base=[a, b, c], edited=[b, c, e])
    assert [n.text for n in s.notes] == ["c", "e", "b, reworded", "d"]


def test_merging_an_edit_with_nothing_meanwhile_is_the_edit() -> None:
    a, b = note("a", 1), note("b", 2)
    changed = note("a, changed", 1)
    s = session(notes=[a.model_copy(), b.model_copy()])  # as read again from the file
    ops.merge_notes(s, base=[a, b], edited=[changed, b])
    assert [n.text for n in s.notes] == ["a, changed", "b"]
    assert s.notes[1] is not b and s.notes[1] == b  # the file's own copy, byte for byte
