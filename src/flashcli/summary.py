"""A session in brief, as the index keeps it; an action in brief, as `flash actions` lists it.

Pure data with nothing to parse on the way in: times are kept as ISO text for display and as
epoch seconds for comparing, so ten thousand summaries load at once without pydantic. What a
summary says of its status and ticks it says by the rules a session follows too (rules.py).
"""

from collections.abc import Collection, Iterable, Sequence
from datetime import datetime
from itertools import chain
from typing import Any, NamedTuple, TypedDict, cast

from flashcli.errors import CONTROL
from flashcli.kinds import Owner, Phase, Role, Status
from flashcli.rules import OPEN, OVERDUE, TICK, doer, is_ticked, phase_of, status_of


class ActionInfo(NamedTuple):
    text: str
    owner: Owner
    due: str | None  # YYYY-MM-DD, which sorts and compares as text
    done: str | None  # ISO 8601 time it was done
    uid: str  # the action's own, its to-do's calendar UID


class Summary(NamedTuple):  # a tuple: ten thousand of them are made in a few milliseconds
    id: str
    role: Role
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
    action_rows: tuple[tuple[str, str, str | None, str | None, str], ...]
    # Reminders set aside, by key: until when (epoch seconds), or None when dismissed.
    hushed: tuple[tuple[str, float | None], ...]
    checkins: tuple[tuple[str, int], ...]  # each check-in's time (ISO 8601) and score
    # What the figures count (flash stats, flash report), none of it shown by a list.
    purpose: str | None
    reverse: bool
    programme: str | None
    rating: int | None
    decision: str | None
    has_feedback: bool
    ticked_at: tuple[tuple[str, float], ...]  # when a key was ticked, where it is known
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

    def hushes(self, key: str, now_at: float) -> bool:
        """Whether the reminder KEY is dismissed, or snoozed past NOW_AT (epoch seconds)."""
        return any(k == key and (until is None or until > now_at) for k, until in self.hushed)

    def as_json(self, now: datetime) -> "ListJson":
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
        """A summary from its journal line (JSON has lists where a summary has tuples)."""
        found = list(data)
        for n in LISTS:
            found[n] = tuple(map(tuple, found[n])) if n in NESTED else tuple(found[n])
        return cls._make((*found, mtime_ns))


# The fields that hold lists (ticked, filled…), and those of them that hold lists of lists.
LISTS = (13, 14, 15, 16, 17, 24)
NESTED = frozenset({15, 16, 17, 24})


# What each field of a summary holds, to tell a damaged cache entry from a good one.
_TEXT_OR_NONE: frozenset[type] = frozenset({str, type(None)})
_FLOAT_OR_NONE: frozenset[type] = frozenset({float, type(None)})
_KINDS: tuple[frozenset[type], ...] = (
    *(frozenset({str}),) * 3,
    _TEXT_OR_NONE,
    *(frozenset({str}),) * 2,
    _TEXT_OR_NONE,
    frozenset({float}),
    _FLOAT_OR_NONE,
    _FLOAT_OR_NONE,
    frozenset({float}),
    *(frozenset({bool}),) * 2,
    *(frozenset({tuple}),) * 5,
    _TEXT_OR_NONE,  # purpose
    frozenset({bool}),  # reverse
    _TEXT_OR_NONE,  # programme
    frozenset({int, type(None)}),  # rating
    _TEXT_OR_NONE,  # decision
    frozenset({bool}),  # has_feedback
    frozenset({tuple}),  # ticked_at
    frozenset({int}),
)


def well_formed(row: object) -> bool:
    """Whether ROW has a summary's shape, and text the models would take."""
    return rows_well_formed([row])


def rows_well_formed(rows: Iterable[object]) -> bool:
    """Whether every one of ROWS has a summary's shape, and text the models would take: the
    index is a cache, and a damaged entry is read again from its file. Checked column by
    column, so that the whole index is checked each time it is read (ten thousand rows in
    about 25 ms)."""
    found = _tuples(rows, len(_KINDS))
    if found is None:
        return False
    if not found:
        return True
    columns = list(zip(*found, strict=True))
    if not all(set(map(type, c)) <= kinds for c, kinds in zip(columns, _KINDS, strict=True)):
        return False
    keys = list(chain.from_iterable((*columns[13], *columns[14])))
    actions = _tuples(chain.from_iterable(columns[15]), len(ActionInfo._fields))
    if actions is None or set(map(type, keys)) - {str}:
        return False
    text, owner, due, done, uid = zip(*actions, strict=True) if actions else ((),) * 5
    if set(map(type, text + owner + uid)) - {str} or set(map(type, due + done)) - _TEXT_OR_NONE:
        return False
    hushed = _pairs(columns[16], {str}, _FLOAT_OR_NONE)  # reminder set aside, until
    checked = _pairs(columns[17], {str}, {int})  # check-in's time, score
    ticks = _pairs(columns[24], {str}, {float})  # key ticked, when
    if hushed is None or checked is None or ticks is None:
        return False
    figures = (*columns[18], *columns[20], *columns[22])
    firsts = (hushed, checked, ticks)
    texts = chain(*columns[:7], keys, text, owner, due, done, uid, *firsts, figures)
    return _without_controls("".join(filter(None, texts)))


def _pairs(
    column: Iterable[object], first: Collection[type], second: Collection[type]
) -> tuple[Any, ...] | None:
    """The first items of a column's pairs, if every cell is a tuple of pairs of the kinds
    FIRST and SECOND; else None."""
    pairs = _tuples(chain.from_iterable(column), 2)  # type: ignore[arg-type]
    if pairs is None:
        return None
    firsts, seconds = zip(*pairs, strict=True) if pairs else ((), ())
    if set(map(type, firsts)) - set(first) or set(map(type, seconds)) - set(second):
        return None
    return firsts


def _tuples(items: Iterable[object], length: int) -> list[tuple[Any, ...]] | None:
    """ITEMS, if every one is a tuple of LENGTH; else None."""
    found = list(items)
    if set(map(type, found)) - {tuple}:
        return None
    tuples = cast(list[tuple[Any, ...]], found)
    return tuples if set(map(len, tuples)) <= {length} else None


PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


def _without_controls(text: str) -> bool:
    """Whether TEXT holds no control character (errors.CONTROL); text in ASCII, nearly all of
    it, is checked by deleting what is printable and seeing that nothing is left: several
    times quicker over the megabytes of a large index than the pattern."""
    if text.isascii():
        return not text.encode("ascii").translate(None, PRINTABLE_ASCII)
    return not CONTROL.search(text)


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

    def as_json(self) -> "ActionRowJson":
        a = self.action
        return {
            "session": self.session,
            "partner": self.partner,
            "number": self.number,
            "text": a.text,
            "owner": a.owner,
            "due": a.due,
            "done": a.done,
            "uid": a.uid,
            "overdue": self.overdue,
        }


# What --json gives, as docs/schemas.py publishes it (docs/schema/).


class ListJson(TypedDict):
    id: str
    date: str
    when: str | None
    partner: str
    email: str | None
    role: Role
    status: Status
    open_actions: int


class ActionRowJson(TypedDict):
    session: str
    partner: str
    number: int
    text: str
    owner: Owner
    due: str | None
    done: str | None
    uid: str
    overdue: bool
