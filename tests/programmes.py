"""Mentoring programmes for the report tests: people, each with a few sessions, drawn by
hypothesis or written out; each person's report made as `flash report` makes it, and what
each figure truly comes from, worked out here apart from flash's own code."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from flashcli.summary import Summary

if TYPE_CHECKING:
    from flashcli.report.model import Report

PERIOD, MONTHS = "2026Q4", ["2026-10", "2026-11", "2026-12"]
PURPOSES = ["learning", "role", "perspective", "career", "other", "none"]
DECISIONS = ["yes", "no", "undecided", "none"]


@dataclass(frozen=True)
class Act:
    done: bool = False
    on_time: bool = False  # done by its due date (only if done)


@dataclass(frozen=True)
class Met:
    """One session as the figures see it."""

    role: str = "mentee"
    month: str = "2026-11"
    purpose: str = "career"
    decision: str = "none"
    reverse: bool = False
    feedback: bool = False
    rating: int | None = None
    actions: tuple[Act, ...] = ()
    scores: tuple[int, ...] = ()  # its check-ins


@dataclass
class Person:
    sessions: list[Met] = field(default_factory=list)
    key: str = ""  # the data folder's secret


def summary(n: int, m: Met) -> Summary:
    """Session N of a person as the index keeps it."""
    day = f"{m.month}-{n % 20 + 1:02d}"  # before the 28th, when a late action is done
    at = datetime.fromisoformat(f"{day}T10:00:00+00:00").timestamp()
    rows = tuple(
        (f"Action {k}", "me", day if a.done else f"{m.month}-28", _done(day, a), f"a{n}-{k}")
        for k, a in enumerate(m.actions)
    )
    return Summary(
        id=f"{day}-p{n}",
        role=m.role,  # type: ignore[arg-type]
        partner=f"Partner {n}",
        email=None,
        uid=f"u{n}",
        day=day,
        when=f"{day}T10:00:00+00:00",
        start_at=at,
        when_at=at,
        ends_at=at + 3600,
        updated_at=at,
        closed=False,
        has_entries=True,
        ticked=(),
        filled=(),
        action_rows=rows,
        hushed=(),
        checkins=tuple((f"{day}T12:00:00+00:00", s) for s in m.scores),
        purpose=None if m.purpose == "none" else m.purpose,
        reverse=m.reverse,
        programme="Leaders",
        rating=m.rating,
        decision=None if m.decision == "none" else m.decision,
        has_feedback=m.feedback,
        ticked_at=(),
    )


def _done(day: str, a: Act) -> str | None:
    if not a.done:
        return None
    return f"{day}T11:00:00+00:00" if a.on_time else f"{day[:8]}28T11:00:00+00:00"


def report_of(person: Person, revision: int = 1) -> dict[str, Any]:
    """The report `flash report` makes of PERSON's sessions."""
    from flashcli import report

    summaries = [summary(n, m) for n, m in enumerate(person.sessions)]
    return report.build(summaries, PERIOD, "Leaders", person.key, revision)


def reports(people: list[Person]) -> list[tuple[str, "Report"]]:
    """Each person's report, read as `flash report merge` reads it."""
    from flashcli.report.model import Report

    for n, p in enumerate(people):
        p.key = p.key or f"{n + 1:064x}"
    return [(f"p{n}.json", Report.model_validate(report_of(p))) for n, p in enumerate(people)]


def truth(people: list[Person]) -> dict[str, dict[int, int]]:
    """Each figure of a publication (COLUMN/ROW, hidden ones too: not_rated…), with the
    sessions each person truly gave it: worked out from the sessions, not by flash."""
    found: dict[str, dict[int, int]] = {}
    for n, p in enumerate(people):
        for m in p.sessions:
            for column in (m.role, "all"):
                for row in _rows_of(m):
                    cell = found.setdefault(f"{column}/{row}", {})
                    cell[n] = cell.get(n, 0) + 1
    return found


def _rows_of(m: Met) -> list[str]:
    """The figures one session counts in (once each: a session with two actions done counts
    once in actions/done)."""
    rows = ["sessions", f"by_month/{m.month}", f"by_purpose/{m.purpose}"]
    rows.append(f"decisions/{m.decision}")
    rows.append("reverse" if m.reverse else "not_reverse")
    rows.append("feedback" if m.feedback else "no_feedback")
    rows.append("rating" if m.rating is not None else "not_rated")
    kinds = {"total": bool(m.actions)}
    kinds["done"] = any(a.done for a in m.actions)
    kinds["not_done"] = any(not a.done for a in m.actions)
    kinds["on_time"] = any(a.done and a.on_time for a in m.actions)
    kinds["done_not_on_time"] = any(a.done and not a.on_time for a in m.actions)
    rows += [f"actions/{k}" for k, has in kinds.items() if has]
    return rows + (["checkins"] if m.scores else [])


acts = st.builds(Act, done=st.booleans(), on_time=st.booleans())
met = st.builds(
    Met,
    role=st.sampled_from(["mentee", "mentor"]),
    month=st.sampled_from(MONTHS),
    purpose=st.sampled_from(PURPOSES),
    decision=st.sampled_from(DECISIONS),
    reverse=st.booleans(),
    feedback=st.booleans(),
    rating=st.none() | st.integers(1, 5),
    actions=st.lists(acts, max_size=3).map(tuple),
    scores=st.lists(st.integers(-2, 2), max_size=2).map(tuple),
)
# Many small reports: one-off mentoring means few sessions a person.
programme = st.lists(st.builds(Person, sessions=st.lists(met, max_size=6)), min_size=1, max_size=9)
