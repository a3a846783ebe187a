"""A session in brief, as the index keeps it: enough for list, actions and the overview.

Pure data, and nothing to parse on the way in: times are kept as ISO text
for display and as epoch seconds for comparing, so ten thousand summaries load at once.
"""

from datetime import datetime
from typing import Any, Literal, NamedTuple

Status = Literal["planned", "held", "closed"]


def status_of(closed: bool, held: bool, ends_at: float | None, now_at: float) -> Status:
    """Planned until held (a note or an action, or its time has passed); closed by followup."""
    if closed:
        return "closed"
    if held or (ends_at is not None and ends_at <= now_at):
        return "held"
    return "planned"


def same_person(name: str, email: str | None, other_name: str, other_email: str | None) -> bool:
    """The same address, or with an address missing on a side, the same name."""
    if email and other_email:
        return email.casefold() == other_email.casefold()
    return name.casefold() == other_name.casefold()


class ActionInfo(NamedTuple):
    text: str
    owner: str
    due: str | None  # YYYY-MM-DD, which sorts and compares as text
    done: str | None  # ISO 8601 time it was done


class Summary(NamedTuple):  # a tuple: ten thousand of them are made in a few milliseconds
    id: str
    role: str
    partner: str
    email: str | None
    day: str  # YYYY-MM-DD of the meeting, or of the creation while there is no meeting time
    when: str | None  # ISO 8601
    start_at: float  # epoch seconds of the meeting, or of the creation
    ends_at: float | None
    updated_at: float
    closed: bool
    held: bool  # it has notes or actions
    # Plain tuples, as ActionInfo holds them: made into ActionInfo only when asked for.
    action_rows: tuple[tuple[str, str, str | None, str | None], ...]
    mtime_ns: int = 0  # breaks ties between changes made in the same second

    @property
    def actions(self) -> list[ActionInfo]:
        return list(map(ActionInfo._make, self.action_rows))

    def status(self, now: datetime) -> Status:
        return status_of(self.closed, self.held, self.ends_at, now.timestamp())

    def open_actions(self) -> list[ActionInfo]:
        return [a for a in self.actions if a.done is None]

    def to_json(self) -> list[Any]:
        """A flat list in field order, without the file's mtime: the journal keeps that."""
        return list(self[:-1])

    @classmethod
    def from_json(cls, data: list[Any], mtime_ns: int) -> "Summary":
        return cls._make((*data[:-1], tuple(map(tuple, data[-1])), mtime_ns))
