"""Dates and times: the clock, reading what people type, and every format flash prints."""

import os
import re
from datetime import date, datetime, timedelta

from flashcli.errors import UsageProblem, shown

DATE_FORMS = "YYYY-MM-DD, today, tomorrow, +3d or +2w"
RELATIVE = re.compile(r"\+(\d{1,4})([dw])")
MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")


def now() -> datetime:
    """The current time, aware, to the second, in the local time zone (FLASH_NOW fixes it)."""
    fixed = os.environ.get("FLASH_NOW")
    if fixed:
        return local(datetime.fromisoformat(fixed))
    return datetime.now().astimezone().replace(microsecond=0)


def local(moment: datetime) -> datetime:
    """A time without an offset means local time."""
    return moment.astimezone() if moment.tzinfo is None else moment


# ---------------------------------------------------------------- reading what people type


def due_date(text: str, today: date, param: str = "--due") -> date:
    """A due date: YYYY-MM-DD, today, tomorrow, +Nd or +Nw."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    if m := RELATIVE.fullmatch(word):
        count = int(m.group(1))
        return today + timedelta(days=count * (7 if m.group(2) == "w" else 1))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", word):
        try:
            return date.fromisoformat(word)
        except ValueError:
            pass
    raise UsageProblem(f"could not read {shown(text)} as a date; use {DATE_FORMS}", param)


def moment(text: str, param: str = "--when") -> datetime:
    """A meeting time: 'YYYY-MM-DD HH:MM' in local time, or ISO 8601 with an offset."""
    value = text.strip()
    try:
        if not MOMENT.fullmatch(value):
            raise ValueError
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise UsageProblem(
            f'could not read {shown(text)} as a date and time; use "YYYY-MM-DD HH:MM" '
            "(local time) or ISO 8601 with an offset, such as 2026-12-01T10:00+01:00",
            param,
        ) from None
    try:
        return local(parsed).replace(microsecond=0)
    except (OverflowError, ValueError):  # a year at the edge of what the clock can hold
        raise UsageProblem(
            f"{shown(text)} is out of range; give a year from 1900 to 2999", param
        ) from None


# ---------------------------------------------------------------- formats


def clock(moment: datetime) -> str:
    """'10:30'"""
    return f"{moment:%H:%M}"


def stamp(moment: datetime) -> str:
    """'2026-12-01 10:30', as people type it back."""
    return f"{moment:%Y-%m-%d %H:%M}"


def day(moment: date, year: int | None = None) -> str:
    """'Tuesday 1 December', and the year too unless it is YEAR (the session's)."""
    text = f"{moment:%A} {moment.day} {moment:%B}"
    return text if moment.year == year else f"{text} {moment.year}"


def short_day(moment: date, year: int | None = None) -> str:
    """'Tue 1 Dec', for tables; the year too unless it is YEAR."""
    text = f"{moment:%a} {moment.day} {moment:%b}"
    return text if moment.year == year else f"{text} {moment.year}"


def when_text(moment: datetime, minutes: int | None = None) -> str:
    """'Tuesday 1 December 2026, 10:00–11:00 (UTC+01:00)' in the session's own offset."""
    text = f"{day(moment, moment.year)} {moment:%Y}, {clock(moment)}"
    if minutes is not None:
        text += f"–{clock(moment + timedelta(minutes=minutes))}"
    offset = moment.utcoffset()
    if offset is not None:
        total = int(offset.total_seconds()) // 60
        sign = "+" if total >= 0 else "-"
        text += f" (UTC{sign}{abs(total) // 60:02d}:{abs(total) % 60:02d})"
    return text
