"""Actions across sessions: what is open, what is due, what is overdue."""

from datetime import date
from typing import Any, NamedTuple

from flashcli.summary import ActionInfo, Summary

TICK, OPEN, OVERDUE = "✓", "○", "!"


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
        return "me" if self.action.owner == "me" else self.partner

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
