"""A session as typed records, and the pure functions on it: ticks, status, phase."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any, Literal

from flashcli.errors import CONTROL, shown
from flashcli.kinds import Phase, Role
from flashcli.paths import ID_PATTERN
from flashcli.records import Length, Matches, Range, Record, Text, key
from flashcli.summary import Status, Summary, status_of

if TYPE_CHECKING:
    from flashcli.guidance import Guidance, Item

SCHEMA = 1
MIN_MINUTES, MAX_MINUTES, FLASH_MINUTES = 10, 480, 60
EMAIL_PATTERN = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)


def _aware(value: datetime) -> datetime:
    """Hand-written datetimes without an offset mean local time."""
    return value.astimezone() if value.tzinfo is None else value


def _one_line(value: str) -> str:
    if CONTROL.search(value):
        raise ValueError("must be a single line without control characters")
    return value


def _email(value: str) -> str:
    if not EMAIL_PATTERN.match(value):
        raise ValueError(f"{shown(value)} is not an email address")
    return value


Stamp = Annotated[datetime, _aware]
Line = Annotated[str, _one_line]
Name = Annotated[str, Length(1, 200), _one_line]
Email = Annotated[str, _email]
Minutes = Annotated[int, Range(MIN_MINUTES, MAX_MINUTES)]
NoteKind = Literal["note", "question", "resource", "referral"]
Owner = Literal["me", "partner"]
Decision = Literal["yes", "no", "undecided"]


@dataclass(kw_only=True)
class Open(Record):
    """A record that keeps keys it does not know (a person's hand edits) through rewrites."""

    extra: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass(kw_only=True)
class Partner(Open):
    name: Name
    email: Email | None = None

    def address(self) -> str:
        return f"{self.name} <{self.email}>" if self.email else self.name

    @property
    def first_name(self) -> str:
        return self.name.split()[0]


@dataclass(kw_only=True)
class Note(Open):
    at: Stamp
    kind: NoteKind = "note"
    text: Text


@dataclass(kw_only=True)
class Action(Open):
    text: Text
    owner: Owner = "me"
    due: date | None = None
    done: Stamp | None = None


@dataclass(kw_only=True)
class Session(Open):
    schema_version: int = field(default=SCHEMA, metadata=key("schema"))
    id: Annotated[str, Matches(ID_PATTERN, "a session id")]
    role: Role
    partner: Partner
    purpose: str | None = None
    reverse: bool = False
    created: Stamp
    updated: Stamp
    when: Stamp | None = None
    minutes: Minutes = FLASH_MINUTES
    where: Line | None = None
    goal: str | None = None
    success: str | None = None
    topics: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    ticked: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    feedback: str | None = None
    rating: Annotated[int, Range(1, 5)] | None = None
    decision: Decision | None = field(default=None, metadata=key("continue"))
    started: Stamp | None = None  # when live notes first began: the countdown runs from here
    closed: Stamp | None = None
    # The schema of the file this was read from (older ones are upgraded in memory).
    from_schema: int = field(default=SCHEMA, init=False, repr=False, compare=False)

    def is_set(self, field: str) -> bool:
        value = self.decision if field == "continue" else getattr(self, field)
        return value is not None and value != [] and value != ""

    def is_ticked(self, item: "Item") -> bool:
        if item.auto:
            return all(self.is_set(f) for f in item.auto)
        return item.key in self.ticked

    def checklist(self, guidance: "Guidance", phase: Phase) -> "list[tuple[Item, bool]]":
        return [(i, self.is_ticked(i)) for i in guidance.checklist(self.role, phase)]

    @property
    def ends(self) -> datetime | None:
        return self.when + timedelta(minutes=self.minutes) if self.when else None

    @property
    def held(self) -> bool:
        """Notes or actions mean the session took place."""
        return bool(self.notes or self.actions)

    def status(self, now: datetime) -> Status:
        ends_at = self.ends.timestamp() if self.ends else None
        return status_of(self.closed is not None, self.held, ends_at, now.timestamp())

    def summary(self) -> Summary:
        """What the index keeps of this session."""
        start = self.when or self.created
        return Summary(
            id=self.id,
            role=self.role,
            partner=self.partner.name,
            email=self.partner.email,
            day=start.date().isoformat(),
            when=self.when.isoformat() if self.when else None,
            start_at=start.timestamp(),
            ends_at=self.ends.timestamp() if self.ends else None,
            updated_at=self.updated.timestamp(),
            closed=self.closed is not None,
            held=self.held,
            action_rows=tuple(
                (
                    a.text,
                    a.owner,
                    a.due.isoformat() if a.due else None,
                    a.done.isoformat() if a.done else None,
                )
                for a in self.actions
            ),
        )

    def phase(self, now: datetime) -> Phase:
        if self.status(now) != "planned":
            return "after" if self.ends is None or self.ends <= now else "during"
        if self.when is not None and self.when <= now:
            return "during"
        return "prepare"

    def open_actions(self) -> list[Action]:
        return [a for a in self.actions if a.done is None]

    def minutes_left(self, now: datetime) -> int:
        """What is left of the session's minutes: from its start time, or from the live start."""
        on_time = self.when is not None and self.ends is not None and self.when <= now < self.ends
        start = self.when if on_time and self.when else self.started or now
        left = self.minutes * 60 - (now - start).total_seconds()
        return max(0, int(left // 60))

    @property
    def partner_role(self) -> Role:
        return "mentor" if self.role == "mentee" else "mentee"


@dataclass(kw_only=True)
class Config(Open):
    """config.toml: who the person is and their defaults."""

    name: Name | None = None
    email: Email | None = None
    role: Role | None = None
    minutes: Minutes | None = None
