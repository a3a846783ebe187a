"""A session in brief, as the index keeps it: enough for list, actions and the overview.

Pure data without pydantic, so the commands that read many sessions start fast.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

Status = Literal["planned", "held", "closed"]


def status_of(closed: datetime | None, held: bool, ends: datetime | None, now: datetime) -> Status:
    """Planned until held (a note or an action, or its time has passed); closed by followup."""
    if closed:
        return "closed"
    if held or (ends is not None and ends <= now):
        return "held"
    return "planned"


def same_person(name: str, email: str | None, other_name: str, other_email: str | None) -> bool:
    """The same address, or with an address missing on a side, the same name."""
    if email and other_email:
        return email.casefold() == other_email.casefold()
    return name.casefold() == other_name.casefold()


@dataclass(frozen=True)
class ActionInfo:
    text: str
    owner: str
    due: date | None
    done: datetime | None


@dataclass(frozen=True)
class Summary:
    id: str
    role: str
    partner: str
    email: str | None
    created: datetime
    updated: datetime
    when: datetime | None
    minutes: int
    closed: datetime | None
    held: bool  # it has notes or actions
    actions: tuple[ActionInfo, ...]
    mtime_ns: int = 0  # breaks ties between changes made in the same second

    @property
    def ends(self) -> datetime | None:
        return self.when + timedelta(minutes=self.minutes) if self.when else None

    def status(self, now: datetime) -> Status:
        return status_of(self.closed, self.held, self.ends, now)

    def open_actions(self) -> list[ActionInfo]:
        return [a for a in self.actions if a.done is None]

    @property
    def day(self) -> date:
        return (self.when or self.created).date()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "role": self.role,
            "partner": self.partner,
            "email": self.email,
            "created": self.created.isoformat(),
            "updated": self.updated.isoformat(),
            "when": _iso(self.when),
            "minutes": self.minutes,
            "closed": _iso(self.closed),
            "held": self.held,
            "actions": [[a.text, a.owner, _iso(a.due), _iso(a.done)] for a in self.actions],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], mtime_ns: int) -> "Summary":
        return cls(
            id=data["id"],
            role=data["role"],
            partner=data["partner"],
            email=data["email"],
            created=datetime.fromisoformat(data["created"]),
            updated=datetime.fromisoformat(data["updated"]),
            when=_moment(data["when"]),
            minutes=data["minutes"],
            closed=_moment(data["closed"]),
            held=data["held"],
            actions=tuple(
                ActionInfo(text, owner, date.fromisoformat(due) if due else None, _moment(done))
                for text, owner, due, done in data["actions"]
            ),
            mtime_ns=mtime_ns,
        )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
