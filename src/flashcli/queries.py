"""Questions asked of sessions, answered from the index's summaries: the current session, the
sessions with someone, the actions by due date, the earlier open actions with the same person,
and where things stand. The commands ask; they do not answer these themselves."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flashcli.dates import after
from flashcli.i18n import _
from flashcli.kinds import Phase
from flashcli.names import fold
from flashcli.rules import same_person, status_of
from flashcli.summary import ActionInfo, ActionRow, Summary


def current(summaries: list[Summary], open_only: bool = True) -> Summary | None:
    """The session being worked on: the most recently updated one that is not closed; or,
    unless OPEN_ONLY, with none open, the most recently updated one (SPEC §3)."""
    candidates = [s for s in summaries if not s.closed] or ([] if open_only else summaries)
    # Two changes in the same second: the file written last wins.
    return max(candidates, key=lambda s: (s.updated_at, s.mtime_ns), default=None)


def one_person(summaries: "Sequence[Summary]") -> bool:
    """Whether SUMMARIES are all sessions with the same person (rules.same_person)."""
    first = summaries[0]
    return all(same_person(s.partner, s.email, first.partner, first.email) for s in summaries)


def coming(summaries: "Sequence[Summary]", now_at: float) -> tuple[Summary, bool]:
    """Of several sessions, the one a person means by the partner's name: the coming one (the
    earliest meeting not over at NOW_AT, epoch seconds), else the most recent (by its meeting,
    or the time it was made). Whether it is the coming one."""
    ahead = [s for s in summaries if s.when_at is not None and _over(s) > now_at]
    if ahead:
        return min(ahead, key=lambda s: (s.when_at or 0.0, s.id)), True
    return max(summaries, key=lambda s: (s.start_at, s.id)), False


def _over(s: Summary) -> float:
    """When a session's meeting is over: its end, or its start when its length is not known."""
    return s.ends_at if s.ends_at is not None else s.start_at


def with_partner(summaries: "list[Summary]", needle: str) -> "list[Summary]":
    """The sessions whose partner's name or address holds NEEDLE, case and accents aside."""
    wanted = fold(needle)
    return [s for s in summaries if wanted in fold(f"{s.partner} <{s.email}>")]


def action_rows(
    sessions: list[Summary], today: date, include_done: bool = False
) -> list[ActionRow]:
    """Actions by due date (undated last), then by session; done ones only when asked."""
    day = today.isoformat()  # ISO dates compare as text
    rows = [
        ActionRow(s.id, s.partner, n, a, a.done is None and a.due is not None and a.due < day)
        for s in sessions
        for n, a in enumerate(s.actions, 1)
        if include_done or a.done is None
    ]
    return sorted(rows, key=lambda r: (r.action.due or "9999-12-31", r.session, r.number))


def earlier_open_actions(
    summaries: list[Summary], sid: str, name: str, email: str | None, reviewed: list[str]
) -> list[ActionInfo]:
    """The open actions of the other sessions with the same person (NAME, EMAIL) as session
    SID, but those its agenda already REVIEWED."""
    return [
        a
        for x in summaries
        if x.id != sid and same_person(x.partner, x.email, name, email)
        for a in x.open_actions()
        if a.text not in reviewed
    ]


def met_on(s: Summary, now_at: float) -> date | None:
    """The day S was held, for its check-ins: the meeting's (or without a meeting time, the
    day it was made), once it is held (SPEC §3: a note or an action, or its time passed);
    else None."""
    if status_of(s.closed, s.has_entries, s.ends_at, now_at) == "planned":
        return None
    return date.fromtimestamp(s.when_at if s.when_at is not None else s.start_at)


def checkins_ahead(
    s: Summary, schedule: Sequence[tuple[int, str]], now_at: float
) -> list[tuple[int, date]]:
    """The check-ins of S not answered yet, each numbered (from 1, as they are answered in
    turn) with the day it falls due; none before S is held. SCHEDULE: periods after the
    meeting, shortest first (dates.periods)."""
    met = met_on(s, now_at)
    if met is None:
        return []
    done = len(s.checkins)
    return [(n, after(met, *period)) for n, period in enumerate(schedule, 1) if n > done]


NEXT_COMMAND = {
    "prepare": "flash prep",
    "during": "flash notes",
    "after": "flash followup",
}


@dataclass(frozen=True)
class Standing:
    """Where things stand: the current session, its phase, what is left of its checklist
    for that phase, and the one command to run next."""

    session: Summary
    phase: Phase
    todo: list[str]
    next_step: str


def standing(
    summaries: list[Summary], items: list[dict[str, Any]], now: datetime
) -> Standing | None:
    """Where things stand, from the summaries and the guidance's checklist ITEMS (as plain data:
    no pydantic); None when no session is open."""
    s = current(summaries)
    if s is None:
        return None
    phase = s.phase(now)
    todo = [
        i["text"]
        for i in items
        if i["role"] == s.role and i["phase"] == phase and not s.is_ticked(i["key"], i["auto"])
    ]
    return Standing(s, phase, todo, _next(phase, todo))


def _next(phase: Phase, todo: list[str]) -> str:
    """The one command to run next."""
    if phase == "prepare" and not todo:
        return _("flash notes, once you meet")
    if phase == "after" and not todo:
        return "flash followup --close"
    return NEXT_COMMAND[phase]
