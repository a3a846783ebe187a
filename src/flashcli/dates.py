"""Dates and times: the clock, reading what people type, and every format flash prints."""

import os
import re
from datetime import date, datetime, time, timedelta, timezone

from flashcli import i18n
from flashcli.errors import CONTROL, UsageProblem, escaped, shown
from flashcli.i18n import N_, _
from flashcli.kinds import DAY_PATTERN, FIRST_YEAR, LAST_YEAR

DATE_FORMS = N_("YYYY-MM-DD, today, tomorrow, +3d, +2w, or words such as friday or in 2 weeks")
WHEN_FORMS = N_(
    '"YYYY-MM-DD HH:MM" (local time), ISO 8601 with an offset such as '
    "2026-12-01T10:00+01:00, or words such as next tuesday 3pm"
)
RELATIVE = re.compile(r"\+(\d{1,4})([dw])")
LENGTH = re.compile(r"\+?(\d{1,4})\s*(h|d|w)")  # a length of time: 12h, 3d, 2w
LATER_FORMS = N_("a length such as 12h, 3d or 2w, or a day such as monday or 2026-12-10")
# A period after a day: 10d, 2w, 3m (months), or in words, 2 weeks, 3 months.
PERIOD = re.compile(r"(\d{1,3})\s*(days?|d|weeks?|w|months?|m)\b")
MOMENT = re.compile(
    rf"({DAY_PATTERN})[T ](\d{{1,2}}):(\d{{2}}(:\d{{2}}(\.\d+)?)?(Z|[+-]\d{{2}}:?\d{{2}})?)"
)
# Never guessed: 31/12 or 12.31.2026 (day first or month first?), and numbers alone (+3, 10).
DAY_OR_MONTH_FIRST = re.compile(r"\d\s*[/.]\s*\d")
NUMBERS_ONLY = re.compile(r"[\d\s,+-]*")
TIME_OF_DAY = re.compile(
    r"\d:\d\d|\d\s*[ap]\.?m\b|\d\s*h(\d\d)?\b|\b(noon|midnight|midi|minuit|mediod[ií]a|medianoche)\b",
    re.IGNORECASE,
)
# The time of day typed in words, to hold what was understood to it: 3pm, 9:30, 9:30 am.
CLOCK = re.compile(r"\b(\d{1,2})(?:[:h](\d\d))?\s*(?:([ap])\.?m\b)?", re.IGNORECASE)
LONGEST = 100  # characters of a date or a time in words: beyond, it is refused at once
FAR = timedelta(days=183)


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
    """A due date: YYYY-MM-DD, today, tomorrow, +Nd or +Nw, or words (friday, in 2 weeks)."""
    _not_too_long(text, param)
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    if m := RELATIVE.fullmatch(word):
        count = int(m.group(1))
        return today + timedelta(days=count * (7 if m.group(2) == "w" else 1))
    if re.fullmatch(DAY_PATTERN, word):
        try:
            return date.fromisoformat(word)
        except ValueError:
            pass
    elif found := _words(word, datetime.combine(today, time())):
        return found.date()
    raise UsageProblem(
        _("could not read {text} as a date; use {date_forms}").format(
            text=shown(text), date_forms=_(DATE_FORMS)
        ),
        param,
    )


def periods(text: str) -> list[tuple[int, str]]:
    """Periods as typed, apart by commas or spaces ('2w, 3m', '2 weeks 3 months'): each as
    (count, 'd', 'w' or 'm'), shortest first (a month as 30.4 days); ValueError if TEXT holds
    anything else."""
    found = [(int(m[1]), m[2][0]) for m in PERIOD.finditer(text.lower())]
    rest = PERIOD.sub(" ", text.lower())
    if rest.replace(",", " ").strip() or not found or any(n == 0 for n, _ in found):
        raise ValueError(_("must be periods after the meeting such as '2w, 3m' (d, w, m: months)"))
    return sorted(found, key=lambda p: p[0] * {"d": 1, "w": 7, "m": 30.4}[p[1]])


def after(day: date, count: int, unit: str) -> date:
    """DAY plus COUNT days, weeks or months ('d', 'w', 'm'); a month on from 31 January is
    the last day of February."""
    if unit != "m":
        return day + timedelta(days=count * (7 if unit == "w" else 1))
    months = day.month - 1 + count
    year, month = day.year + months // 12, months % 12 + 1
    following = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, min(day.day, (following - timedelta(days=1)).day))


def time_of_day(text: str) -> time | None:
    """A time of day typed as H:MM or HH:MM (9:00, 17:30); None if TEXT is not one."""
    m = re.fullmatch(r"(\d{1,2}):(\d\d)", text.strip())
    if m and int(m[1]) < 24 and int(m[2]) < 60:
        return time(int(m[1]), int(m[2]))
    return None


def later(text: str, now: datetime, param: str) -> datetime:
    """A time after NOW: a length of time from NOW (12h, 3d, 2w), or the start of a day to
    come (monday, tomorrow, 2026-12-10)."""
    _not_too_long(text, param)
    if m := LENGTH.fullmatch(text.strip().lower()):
        hours = int(m[1]) * {"h": 1, "d": 24, "w": 24 * 7}[m[2]]
        return now + timedelta(hours=hours)
    try:
        day = due_date(text, now.date(), param)
    except UsageProblem:
        raise UsageProblem(
            _("could not read {text}; use {later_forms}").format(
                text=shown(text), later_forms=_(LATER_FORMS)
            ),
            param,
        ) from None
    if day <= now.date():
        raise UsageProblem(
            _("{text} is not after today; use {later_forms}").format(
                text=shown(text), later_forms=_(LATER_FORMS)
            ),
            param,
        )
    return local(datetime.combine(day, time()))


def moment(text: str, param: str = "--when") -> datetime:
    """A meeting time: 'YYYY-MM-DD HH:MM' in local time, ISO 8601 with an offset, or words
    with a time of day in them ('next tuesday 3pm', 'tomorrow 9:30', '3pm')."""
    _not_too_long(text, param)
    value = text.strip()
    if m := MOMENT.fullmatch(value):
        day, hour, rest = m.group(1, 2, 3)
        try:
            parsed = datetime.fromisoformat(f"{day}T{int(hour):02d}:{rest}")
        except ValueError:
            parsed = None
    elif TIME_OF_DAY.search(value):
        parsed = _words(value, now().replace(tzinfo=None))
    elif _words(value, now().replace(tzinfo=None)):
        raise UsageProblem(
            _("{text} is a day: give the time too, such as '{value} 10:00'").format(
                text=shown(text), value=escaped(value)
            ),
            param,
        )
    else:
        parsed = None
    if parsed is None:
        raise UsageProblem(
            _("could not read {text} as a date and time; use {when_forms}").format(
                text=shown(text), when_forms=_(WHEN_FORMS)
            ),
            param,
        )
    try:
        found = local(parsed).replace(microsecond=0)
    except (OverflowError, ValueError):  # a year at the edge of what the clock can hold
        raise UsageProblem(
            _("{text} is out of range; give a year from {first_year} to {last_year}").format(
                text=shown(text), first_year=FIRST_YEAR, last_year=LAST_YEAR
            ),
            param,
        ) from None
    if parsed.tzinfo is None and found.astimezone().replace(tzinfo=None) != parsed:
        raise UsageProblem(
            _(
                "{stamp} does not exist in local time (the clocks go forward then); give a time "
                "outside the hour they skip"
            ).format(stamp=stamp(parsed)),
            param,
        )
    return found


def _not_too_long(text: str, param: str) -> None:
    if len(text) > LONGEST:  # the parser takes seconds over a few kilobytes
        raise UsageProblem(
            _("that is too long for a date ({n} characters)").format(n=len(text)), param
        )


def _words(text: str, base: datetime) -> datetime | None:
    """A date written in words (friday, next tuesday 3pm, in 2 weeks), from BASE onwards, in
    the zone it names if it names one (friday 3pm EST, +0530, GMT+2); never one that could be
    read two ways, nor one read only in part."""
    if DAY_OR_MONTH_FIRST.search(text) or NUMBERS_ONLY.fullmatch(text) or CONTROL.search(text):
        return None
    text = _plain(text)
    from dateparser.date import DateDataParser  # 80 ms: only when the plain forms fail
    from dateparser.timezone_parser import pop_tz_offset_from_string

    languages = list(dict.fromkeys([i18n.language().split("_")[0], "en"]))

    def read(base: datetime) -> object:
        settings = {
            "PREFER_DATES_FROM": "future",
            "RELATIVE_BASE": base,
            "RETURN_AS_TIMEZONE_AWARE": False,
        }
        try:
            parser = DateDataParser(languages=languages, settings=settings)
            return parser.get_date_data(rest).date_obj
        except (ValueError, OverflowError):
            return None

    rest, zone = pop_tz_offset_from_string(text)
    found = read(base)
    if not isinstance(found, datetime) or not FIRST_YEAR <= found.year <= LAST_YEAR:
        return None
    later = base + timedelta(seconds=61)
    if found == base and read(later) == later:
        return None  # it only gives back where it began: the parser's failure (in 1,000,000 days)
    if not _same_clock(rest, found):
        return None  # a part left unread: '3pm -2359' came back at the hour it was typed
    if zone is not None:
        offset = zone.utcoffset(None)
        found = found.replace(tzinfo=timezone(offset)) if offset is not None else found
    return found


# TRANSLATORS: the words to leave out of a date typed in words before it is read, apart by
# "|", such as the word for "next" where "tuesday" alone means the next tuesday already, or an
# article ("el viernes"); "-" for none. The date parser reads the rest.
FILLERS = N_("-")
HOURS = re.compile(r"\b(\d{1,2})\s*h\s*(\d\d)?\b", re.IGNORECASE)  # 15h, 15h30, 9 h 30


def _plain(text: str) -> str:
    """TEXT as the date parser reads it best: 15h30 as 15:30, and without the words the
    language in use leaves out (FILLERS: 'mardi prochain' is 'mardi', 'el viernes' 'viernes')."""
    text = HOURS.sub(lambda m: f"{m[1]}:{m[2] or '00'}", text)
    fillers = [w for w in _(FILLERS).split("|") if w.strip() and w != FILLERS]
    if fillers:
        words = "|".join(re.escape(w.strip()) for w in fillers)
        text = re.sub(rf"(?<!\w)(?:{words})(?!\w)", " ", text, flags=re.IGNORECASE)
    return " ".join(text.split())


def _same_clock(text: str, found: datetime) -> bool:
    """Whether FOUND has the time of day TEXT gives, if it gives one ('3pm -2359' was read
    as the hour it was typed in)."""
    if re.search(r"\bnoon\b", text, re.IGNORECASE):
        return (found.hour, found.minute) == (12, 0)
    if re.search(r"\bmidnight\b", text, re.IGNORECASE):
        return (found.hour, found.minute) == (0, 0)
    for m in CLOCK.finditer(text):
        hour, minute, half = m.group(1, 2, 3)
        if minute is None and half is None:
            continue  # a number, not a time: in 2 weeks
        h = int(hour) % 12 + (12 if half and half.lower() == "p" else 0) if half else int(hour)
        return (found.hour, found.minute) == (h, int(minute or 0))
    return True


def concern(due: date, today: date, meeting: date) -> str | None:
    """Why a due date may be a slip: in the past, or half a year or more from the meeting."""
    if due < today:
        return _("{day} is in the past").format(day=day(due))
    if abs(due - meeting) >= FAR:
        return _("{day} is far from the session ({day2})").format(day=day(due), day2=day(meeting))
    return None


def understood(text: str, value: date) -> str | None:
    """What a date typed in another form was read as, to say back: None when it was the date."""
    written = stamp(value) if isinstance(value, datetime) else value.isoformat()
    if text.strip() in (written, value.isoformat()):
        return None
    if isinstance(value, datetime):
        return f"{text.strip()}: {when_text(value)}"
    return f"{text.strip()}: {day(value)}"


# ---------------------------------------------------------------- formats


def clock(moment: datetime) -> str:
    """'10:30'"""
    return f"{moment:%H:%M}"


def clock_on(moment: datetime, day: date) -> str:
    """'10:30' on DAY (the meeting's); 'Wed 2 Dec 10:30' on another day."""
    if moment.date() == day:
        return clock(moment)
    return f"{short_day(moment, day)} {clock(moment)}"


def stamp(moment: datetime) -> str:
    """'2026-12-01 10:30', as people type it back."""
    return f"{moment:%Y-%m-%d %H:%M}"


def day(moment: date, near: date | None = None) -> str:
    """'Tuesday 1 December', and the year too unless it goes without saying near NEAR (the
    session's day)."""
    if not i18n.is_english():  # 'mardi 1 décembre 2026', 'martes, 1 de diciembre'
        return _in_language(moment, "yMMMMEd" if _needs_year(moment, near) else "MMMMEd", True)
    text = f"{moment:%A} {moment.day} {moment:%B}"
    return f"{text} {moment.year}" if _needs_year(moment, near) else text


def short_day(moment: date, near: date | None = None) -> str:
    """'Tue 1 Dec', for tables; the year too unless it goes without saying near NEAR."""
    if not i18n.is_english():  # 'mar. 1 déc.', 'mar, 1 dic'
        return _in_language(moment, "yMMMEd" if _needs_year(moment, near) else "MMMEd")
    text = f"{moment:%a} {moment.day} {moment:%b}"
    return f"{text} {moment.year}" if _needs_year(moment, near) else text


def _in_language(moment: date, skeleton: str, weekday_in_full: bool = False) -> str:
    """MOMENT's day in the language in use, by its own conventions (Babel's, from CLDR): the
    form SKELETON names, with the day of the week in full if WEEKDAY_IN_FULL."""
    from babel import Locale
    from babel.dates import format_date

    plain = moment.date() if isinstance(moment, datetime) else moment
    locale = Locale.parse(i18n.language())
    pattern = str(locale.datetime_skeletons[skeleton])
    if weekday_in_full:
        pattern = re.sub(r"(?<!E)E(?!E)", "EEEE", pattern)
    return format_date(plain, pattern, locale=locale)


NEAR = timedelta(days=183)


def _needs_year(moment: date, near: date | None) -> bool:
    """A date goes without its year only in NEAR's year and within half a year of it: 'Tue
    20 Jan' on a December session would be read as the January to come."""
    if near is None:
        return True
    plain = moment.date() if isinstance(moment, datetime) else moment
    return plain.year != near.year or abs(plain - near) > NEAR


def on_wall(moment: datetime, start: datetime) -> datetime:
    """MOMENT, in a meeting that starts at START, as the person's clock shows it: in their
    time zone when the meeting is set in it (START's offset is the zone's then), so that a
    time after a clock change reads as the clock does that night; else in START's offset."""
    if start.astimezone().utcoffset() == start.utcoffset():
        return moment.astimezone()
    return moment.astimezone(start.tzinfo)


def when_text(moment: datetime, minutes: int | None = None) -> str:
    """'Tuesday 1 December 2026, 10:00–11:00 (UTC+01:00)' in wall-clock times; across a clock
    change, 'Sunday 28 March 2027, 01:30–03:30 (UTC+01:00, then UTC+02:00)'."""
    text = f"{day(moment)}, {clock(moment)}"
    offsets = [moment.utcoffset()]
    if minutes is not None:
        end = on_wall(moment + timedelta(minutes=minutes), moment)
        text += f"–{clock(end)}"
        offsets.append(end.utcoffset())
    shown = [_offset(o) for o in dict.fromkeys(offsets) if o is not None]
    return f"{text} ({_(', then ').join(shown)})" if shown else text


def _offset(offset: timedelta) -> str:
    total = int(offset.total_seconds()) // 60
    sign = "+" if total >= 0 else "-"
    return f"UTC{sign}{abs(total) // 60:02d}:{abs(total) % 60:02d}"
