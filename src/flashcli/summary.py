"""A session in brief, as the index keeps it; an action in brief, as `flash actions` lists it.

Pure data with nothing to parse on the way in: times are kept as ISO text for display and as
epoch seconds for comparing, so ten thousand summaries load at once without pydantic. What a
summary says of its status and ticks it says by the rules a session follows too (rules.py).
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from flashcli.errors import CONTROL
from flashcli.kinds import Phase, Status
from flashcli.rules import OPEN, OVERDUE, TICK, doer, is_ticked, phase_of, status_of


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
    uid: str  # the meeting's calendar UID
    day: str  # YYYY-MM-DD of the meeting, or of the creation while there is no meeting time
    when: str | None  # ISO 8601
    start_at: float  # epoch seconds of the meeting, or of the creation
    when_at: float | None
    ends_at: float | None
    updated_at: float
    closed: bool
    has_entries: bool  # it has notes or actions
    ticked: tuple[str, ...]  # checklist keys ticked by hand
    filled: tuple[str, ...]  # the fields set among those items tick themselves on
    # Plain tuples, as ActionInfo holds them: made into ActionInfo only when asked for.
    action_rows: tuple[tuple[str, str, str | None, str | None], ...]
    mtime_ns: int = 0  # breaks ties between changes made in the same second

    @property
    def actions(self) -> list[ActionInfo]:
        return list(map(ActionInfo._make, self.action_rows))

    def status(self, now: datetime) -> Status:
        return status_of(self.closed, self.has_entries, self.ends_at, now.timestamp())

    def phase(self, now: datetime) -> Phase:
        return phase_of(self.status(now), self.when_at, self.ends_at, now.timestamp())

    def is_ticked(self, key: str, auto: Sequence[str]) -> bool:
        return is_ticked(key, auto, self.ticked, self.filled)

    def open_actions(self) -> list[ActionInfo]:
        return [a for a in self.actions if a.done is None]

    def as_json(self, now: datetime) -> dict[str, Any]:
        """What `flash list --json` gives of a session."""
        return {
            "id": self.id,
            "date": self.day,
            "when": self.when,
            "partner": self.partner,
            "email": self.email,
            "role": self.role,
            "status": self.status(now),
            "open_actions": len(self.open_actions()),
        }

    def to_json(self) -> list[Any]:
        """A flat list in field order, without the file's mtime: the journal keeps that."""
        return list(self[:-1])

    @classmethod
    def from_json(cls, data: list[Any], mtime_ns: int) -> "Summary":
        *head, ticked, filled, rows = data
        return cls._make((*head, tuple(ticked), tuple(filled), tuple(map(tuple, rows)), mtime_ns))


# What each field of a summary holds, to tell a damaged cache entry from a good one.
_KINDS: tuple[type | tuple[type, ...], ...] = (
    *(str, str, str, (str, type(None)), str, str, (str, type(None))),
    *(float, (float, type(None)), (float, type(None)), float),
    *(bool, bool, tuple, tuple, tuple, int),
)


def well_formed(row: object) -> bool:
    """Whether ROW has a summary's shape, and text the models would take: the index is a
    cache, and a damaged entry is read again from its file. Quick (ten thousand in about
    20 ms): every row of the index is checked each time it is read."""
    if type(row) is not tuple or len(row) != len(_KINDS):
        return False
    if not all(map(isinstance, row, _KINDS)):
        return False
    texts = [*row[:7], *row[13], *row[14]]
    for a in row[15]:
        if type(a) is not tuple or len(a) != len(ActionInfo._fields):
            return False
        if type(a[0]) is not str or type(a[1]) is not str or not all(map(_optional, a[2:])):
            return False
        texts += a
    try:
        return not CONTROL.search("".join(filter(None, texts)))
    except TypeError:  # a ticked key or a filled field that is no text
        return False


def _optional(value: object) -> bool:
    return value is None or type(value) is str


class ActionRow(NamedTuple):  # a tuple: ten thousand are made at once for `flash actions`
    session: str
    partner: str
    number: int  # 1-based, as `flash followup --complete N` takes it
    action: ActionInfo
    overdue: bool

    @property
    def mark(self) -> str:
        return TICK if self.action.done else OVERDUE if self.overdue else OPEN

    @property
    def who(self) -> str:
        return doer(self.action.owner, self.partner)

    def as_json(self) -> dict[str, Any]:
        a = self.action
        return {
            "session": self.session,
            "partner": self.partner,
            "number": self.number,
            "text": a.text,
            "owner": a.owner,
            "due": a.due,
            "done": a.done,
            "overdue": self.overdue,
        }
