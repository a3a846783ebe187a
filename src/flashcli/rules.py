"""The rules a session and its summary share, so that they always agree: the status and the
phase, what is ticked, who is the same person, who does an action; and the marks that show them.

Pure functions of plain values: the index's summaries use them without pydantic.
"""

from collections.abc import Collection, Sequence

from flashcli.i18n import _
from flashcli.kinds import Phase, Status

TICK, OPEN, OVERDUE = "✓", "○", "!"


def status_of(closed: bool, has_entries: bool, ends_at: float | None, now_at: float) -> Status:
    """Planned until held (a note or an action, or its time passed); closed by followup."""
    if closed:
        return "closed"
    if has_entries or (ends_at is not None and ends_at <= now_at):
        return "held"
    return "planned"


def phase_of(status: Status, when_at: float | None, ends_at: float | None, now_at: float) -> Phase:
    """By the meeting's time: before it, during it, after it (notes or actions written ahead
    of it do not make it held early). Without a time: after once it has notes or actions;
    closed is always after."""
    if status == "closed":
        return "after"
    if when_at is not None and ends_at is not None:
        if now_at < when_at:
            return "prepare"
        return "during" if now_at < ends_at else "after"
    return "after" if status == "held" else "prepare"


CHECKINS = "2w, 3m"  # when check-ins fall due after a held meeting, unless [remind] says


def is_ticked(
    key: str, auto: Sequence[str], ticked: Collection[str], filled: Collection[str]
) -> bool:
    """An item ticks itself once its fields are all set; the others are ticked by the person."""
    return all(f in filled for f in auto) if auto else key in ticked


def doer(owner: str, partner: str) -> str:
    """Who does an action, as flash says it: "me", or the partner as PARTNER names them."""
    return _("me") if owner == "me" else partner


def same_person(name: str, email: str | None, other_name: str, other_email: str | None) -> bool:
    """The same address, or with an address missing on a side, the same name."""
    if email and other_email:
        return email.casefold() == other_email.casefold()
    return name.casefold() == other_name.casefold()
