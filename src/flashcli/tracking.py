"""Actions across sessions: what is open, what is due, what is overdue."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from flashcli.models import Action, Session


@dataclass(frozen=True)
class ActionRow:
    session: str
    partner: str
    number: int  # 1-based, as `flash followup --complete N` takes it
    action: Action
    overdue: bool

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


def action_rows(
    sessions: list[Session], today: date, include_done: bool = False
) -> list[ActionRow]:
    """Actions by due date (undated last), then by session; done ones only when asked."""
    rows = [
        ActionRow(
            s.id, s.partner.name, n, a, a.done is None and a.due is not None and a.due < today
        )
        for s in sessions
        for n, a in enumerate(s.actions, 1)
        if include_done or a.done is None
    ]
    return sorted(rows, key=lambda r: (r.action.due or date.max, r.session, r.number))
