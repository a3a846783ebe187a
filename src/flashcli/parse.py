"""Reading what a person types: dates, times, durations, "Name <email>"; refusing what won't do."""

import re
import unicodedata
from datetime import date, datetime, timedelta

from flashcli.errors import CONTROL, UsageProblem, shown
from flashcli.models import EMAIL_PATTERN, MAX_MINUTES, MIN_MINUTES

DATE_FORMS = "YYYY-MM-DD, today, tomorrow, +3d or +2w"
RELATIVE = re.compile(r"^\+(\d{1,4})([dw])$")
PARTNER = re.compile(r"^(?P<name>[^<>]*?)\s*(?:<(?P<email>[^<>]*)>)?$")


def due_date(text: str, today: date, param: str = "--due") -> date:
    """A due date: YYYY-MM-DD, today, tomorrow, +Nd or +Nw."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    if m := RELATIVE.match(word):
        count = int(m.group(1))
        return today + timedelta(days=count * (7 if m.group(2) == "w" else 1))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", word):
        try:
            return date.fromisoformat(word)
        except ValueError:
            pass
    raise UsageProblem(f"could not read '{text}' as a date; use {DATE_FORMS}", param)


def moment(text: str, param: str = "--when") -> datetime:
    """A meeting time: 'YYYY-MM-DD HH:MM' in local time, or ISO 8601 with an offset."""
    value = text.strip()
    try:
        if not re.fullmatch(
            r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?", value
        ):
            raise ValueError
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise UsageProblem(
            f"could not read '{text}' as a date and time; use \"YYYY-MM-DD HH:MM\" "
            "(local time) or ISO 8601 with an offset, such as 2026-12-01T10:00+01:00",
            param,
        ) from None
    return (parsed.astimezone() if parsed.tzinfo is None else parsed).replace(microsecond=0)


def minutes(value: int, param: str = "--minutes") -> int:
    if not MIN_MINUTES <= value <= MAX_MINUTES:
        raise UsageProblem(
            f"{value} minutes will not do; give between {MIN_MINUTES} and {MAX_MINUTES} "
            "(a flash session is usually 60 or fewer)",
            param,
        )
    return value


def one_line(text: str, param: str) -> str:
    """Free text that is one line: stripped, non-empty, no control characters."""
    value = text.strip()
    if not value:
        raise UsageProblem("is empty; give some text", param)
    if CONTROL.search(value):
        raise UsageProblem("must be a single line without control characters", param)
    return value


NOT_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def free_text(text: str, param: str) -> str:
    """Free text that may run over several lines: stripped, non-empty, no other control codes."""
    value = text.replace("\r\n", "\n").strip()
    if not value:
        raise UsageProblem("is empty; give some text", param)
    if NOT_TEXT.search(value):
        raise UsageProblem("has control characters; give plain text", param)
    return value


def partner(text: str, param: str = "--with") -> tuple[str, str | None]:
    """'Name <email>' or 'Name' into (name, email)."""
    value = text.strip()
    m = PARTNER.match(value)
    if CONTROL.search(value) or m is None:
        raise UsageProblem(
            f'could not read \'{text.strip()}\' as a person; use "Name <email>" or "Name"', param
        )
    name, email = m.group("name").strip().strip('"').strip(), m.group("email")
    if not name or "@" in name:
        raise UsageProblem(
            f'{shown(value)} has no name; use "Name <email>", '
            'such as "Ada Lovelace <ada@example.org>"',
            param,
        )
    if email is not None and not EMAIL_PATTERN.match(email.strip()):
        raise UsageProblem(
            f"'{email}' is not an email address; use \"Name <name@example.org>\"", param
        )
    return name, email.strip() if email is not None else None


def email(text: str, param: str) -> str:
    value = text.strip()
    if not EMAIL_PATTERN.match(value):
        raise UsageProblem(f"'{text}' is not an email address, such as name@example.org", param)
    return value


def slug(name: str) -> str:
    """A file-name-safe form of a name: 'Zoë O'Brien' -> 'zoe-obrien'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    plain = re.sub(r"['’`]", "", plain)
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60].strip("-") or "partner"
