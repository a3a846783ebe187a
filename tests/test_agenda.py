"""The agenda: time-boxed slots that always add up to the session's minutes."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashcli import agenda, guidance
from flashcli.agenda import Agenda, apportion
from flashcli.errors import FlashError
from flashcli.models import Session
from tests.factories import session


def build(s: Session) -> Agenda:
    """The agenda in the built-in guidance's words."""
    return agenda.build(s, guidance.load().agenda.of(s.role))


NOW = datetime(2026, 11, 28, 9, tzinfo=UTC)


@given(st.integers(1, 500), st.lists(st.floats(0.01, 1.0), min_size=1, max_size=20))
def test_apportion_sums_exactly_and_gives_each_a_minute(total: int, weights: list[float]) -> None:
    if total < len(weights):
        return
    parts = apportion(total, weights)
    assert sum(parts) == total
    assert min(parts) >= 1


@given(st.integers(10, 480), st.integers(0, 6))
def test_agenda_fills_the_minutes_in_order(minutes: int, n_topics: int) -> None:
    s = session(minutes=minutes, topics=[f"Topic {n}" for n in range(n_topics)])
    plan = build(s)
    kinds = [slot.kind for slot in plan.slots]
    assert kinds == ["welcome", "objective", *["topic"] * max(n_topics, 1), "plan", "close"]
    assert sum(slot.minutes for slot in plan.slots) == minutes
    assert [slot.offset for slot in plan.slots] == [
        sum(x.minutes for x in plan.slots[:i]) for i in range(len(plan.slots))
    ]


def test_clock_times_when_the_time_is_known() -> None:
    start = datetime(2026, 12, 1, 10, tzinfo=timezone(timedelta(hours=1)))
    plan = build(session(when=start, topics=["Is management for me?", "First steps"]))
    assert [f"{slot.start:%H:%M}" for slot in plan.slots] == [
        "10:00",
        "10:05",
        "10:09",
        "10:28",
        "10:47",
        "10:56",
    ]
    assert [slot.title for slot in plan.slots][2:4] == ["Is management for me?", "First steps"]
    assert build(session()).slots[0].start is None


def test_topics_get_most_of_the_time() -> None:
    plan = build(session(topics=["A", "B"]))
    topic_minutes = sum(s.minutes for s in plan.slots if s.kind == "topic")
    assert topic_minutes == 38
    assert not plan.warnings


def test_no_topics_leaves_an_open_discussion() -> None:
    plan = build(session(goal="Plan my move"))
    assert plan.slots[1].title == "My objective: Plan my move"
    assert plan.slots[2].title == "Open discussion of my objective"


def test_mentor_version_frames_it_from_the_mentors_side() -> None:
    plan = build(session(role="mentor", goal="Plan a move", reverse=True))
    titles = [slot.title for slot in plan.slots]
    assert titles[0] == "Welcome Ada; set an open, confidential tone"
    assert titles[1] == "Ada's objective: Plan a move"
    assert titles[-2] == "Plan of action for Ada: next steps and dates"
    assert plan.note == "Reverse mentoring: Ada is the one learning, from me."


def test_many_topics_warn_and_too_many_are_refused() -> None:
    plan = build(session(minutes=30, topics=[f"T{n}" for n in range(6)]))
    assert plan.warnings and "works best with two or three" in plan.warnings[0]
    with pytest.raises(FlashError, match="11 topics do not fit in 14 minutes"):
        build(session(minutes=14, topics=[f"T{n}" for n in range(11)]))
