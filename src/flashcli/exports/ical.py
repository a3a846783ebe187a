"""The meeting and the actions as iCalendar (RFC 5545): an event, an invitation, to-dos.

Times are given in the person's own time zone (TZID, with its VTIMEZONE written as calendars
read it: exports/vtimezone.py) when the meeting's offset is that zone's, else in UTC; the
agenda in the description names the zone it uses.
"""

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from flashcli.agenda import build
from flashcli.dates import clock, local, on_wall
from flashcli.errors import FlashError
from flashcli.guidance import Guidance
from flashcli.i18n import _
from flashcli.models import Config, Session
from flashcli.rules import doer
from flashcli.summary import Summary

if TYPE_CHECKING:
    from icalendar import Alarm

PRODID = "-//flash//flash mentoring//EN"


def event(s: Session, book: Guidance, now: datetime, config: Config, invite: bool = False) -> bytes:
    """The meeting as one event, the agenda in its description; an invitation (METHOD:REQUEST,
    the person as organizer) when INVITE."""
    from icalendar import Event

    from flashcli.exports.vtimezone import vtimezone

    if s.when is None or s.ends is None:
        raise FlashError(
            _(
                '{id} has no time yet; set one with: flash prep {id} --when "YYYY-MM-DD HH:MM"'
            ).format(id=s.id)
        )
    if invite and not config.email:
        raise FlashError(
            _(
                "an invitation comes from your address, and it is not set; set it with: flash "
                "config email you@example.org"
            )
        )
    zone = _zone(s.when)
    item = Event()
    item.add("uid", s.calendar_uid)
    item.add("sequence", s.sequence)
    item.add("dtstamp", now.astimezone(UTC))
    item.add("dtstart", _at(s.when, zone))
    item.add("dtend", _at(s.ends, zone))
    # The title each calendar shows: the partner's names the person, as they see it.
    other = (config.name or config.email) if invite else s.partner.name
    item.add("summary", _("Flash mentoring with {name}").format(name=other))
    if s.where:
        item.add("location", s.where)
    item.add("description", "\n".join(_agenda(s, book, zone)))
    if config.email:
        item.add("organizer", _person(config.email, config.name), encode=False)
    if s.partner.email:
        rsvp = {"rsvp": "TRUE", "partstat": "NEEDS-ACTION", "role": "REQ-PARTICIPANT"}
        item.add("attendee", _person(s.partner.email, s.partner.name, rsvp if invite else {}))
    if not invite:  # the partner's calendar sets its own alarms, at their own hours
        for alarm in _meeting_alarms(s, config):
            item.add_component(alarm)
    zones = [vtimezone(zone, s.when, s.ends)] if isinstance(zone, ZoneInfo) else []
    return _calendar([*zones, item], method="REQUEST" if invite else None)


def _meeting_alarms(s: Session, config: Config) -> "list[Alarm]":
    """The person's alarms for the meeting: the evening before, on their own wall clock, and
    minutes before, as [remind] in config.toml says."""
    assert s.when is not None
    what = _("Flash mentoring with {name}, {clock}").format(
        name=s.partner.name, clock=clock(on_wall(s.when, s.when))
    )
    found = []
    if (evening := config.remind.evening_at()) is not None:
        # The meeting's day on the person's calendar, whatever offset it was typed with.
        day_before = s.when.astimezone().date() - timedelta(days=1)
        found.append(_alarm(_("Tomorrow: {what}").format(what=what), _wall(day_before, evening)))
    if (minutes := config.remind.before_minutes()) is not None:
        said = _("In {minutes} minutes: {what}").format(minutes=minutes, what=what)
        found.append(_alarm(said, -timedelta(minutes=minutes)))
    return found


def todos(
    rows: Iterable[tuple[Summary, int]],
    now: datetime,
    config: Config,
    checkins: Iterable[tuple[Summary, int, date]] = (),
) -> bytes:
    """Each action as a to-do with its due date, so that it reminds (an alarm on its due day,
    at [remind] due): open ones NEEDS-ACTION, done ones COMPLETED. ROWS are a session's
    summary and an action's number in it; CHECKINS, a session's summary, the number of a
    check-in not answered yet and the day it falls due."""
    due_at = config.remind.due_at()
    from icalendar import Todo

    items = []
    for s, number in rows:
        action = s.actions[number - 1]
        item = Todo()
        item.add("uid", action.uid)  # its own: the same to-do whatever its text becomes
        item.add("dtstamp", now.astimezone(UTC))
        item.add("summary", action.text)
        who = doer(action.owner, s.partner)
        item.add("description", f"From flash mentoring with {s.partner} ({s.id} #{number}); {who}")
        if action.due:
            due = date.fromisoformat(action.due)
            item.add("due", due)
            if due_at is not None and not action.done:
                item.add_component(
                    _alarm(_("Due today: {text}").format(text=action.text), _wall(due, due_at))
                )
        if action.done:
            item.add("status", "COMPLETED")
            item.add("completed", datetime.fromisoformat(action.done).astimezone(UTC))
        else:
            item.add("status", "NEEDS-ACTION")
        items.append(item)
    for s, number, due in checkins:
        item = Todo()
        # The same to-do at every export, until it is answered.
        item.add("uid", f"{uuid.uuid5(uuid.NAMESPACE_URL, f'{s.uid}/checkin/{number}')}@flash")
        item.add("dtstamp", now.astimezone(UTC))
        item.add("summary", f"Check in on what came of your session with {s.partner}")
        item.add("description", f"flash checkin {s.id}: how far the goal was reached")
        item.add("due", due)
        item.add("status", "NEEDS-ACTION")
        if due_at is not None:
            item.add_component(
                _alarm(_("Check in today: {partner}").format(partner=s.partner), _wall(due, due_at))
            )
        items.append(item)
    return _calendar(items)


def _alarm(description: str, trigger: datetime | timedelta) -> "Alarm":
    """A reminder the calendar shows by itself: at a moment (in UTC, as RFC 5545 asks of an
    absolute trigger), or a time before the start."""
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", description)
    if isinstance(trigger, datetime):
        alarm.add("trigger", trigger.astimezone(UTC), parameters={"VALUE": "DATE-TIME"})
    else:
        alarm.add("trigger", trigger)
    return alarm


def _wall(day: date, at: time) -> datetime:
    """AT on DAY as the person's wall clock shows it, in their zone (a clock-change day
    included)."""
    return local(datetime.combine(day, at))  # a time without an offset is local time


def _calendar(components: list, method: str | None = None) -> bytes:  # type: ignore[type-arg]
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    if method:
        cal.add("method", method)
    for component in components:
        cal.add_component(component)
    return bytes(cal.to_ical())


def _person(address: str, name: str | None, params: dict[str, str] | None = None) -> object:
    from icalendar import vCalAddress

    person = vCalAddress(f"mailto:{address}")
    if name:
        person.params["cn"] = name
    person.params.update(params or {})
    return person


def _zone(moment: datetime) -> tzinfo:
    """The person's time zone, when the meeting's offset is its offset then; else UTC."""
    import tzlocal

    try:
        zone = ZoneInfo(tzlocal.get_localzone_name() or "UTC")
    except Exception:  # no zone this machine can name: UTC, which every calendar places
        return UTC
    return zone if moment.astimezone(zone).utcoffset() == moment.utcoffset() else UTC


def _at(moment: datetime, zone: tzinfo) -> datetime:
    """MOMENT on ZONE's wall clock; in UTC when it is the second of a time the clock shows
    twice (the hour after a change back), which a TZID time cannot say: it means the first."""
    wall = moment.astimezone(zone)
    return moment.astimezone(UTC) if wall.replace(fold=0).utcoffset() != wall.utcoffset() else wall


def _agenda(s: Session, book: Guidance, zone: tzinfo) -> list[str]:
    lines = [_("Objective: {goal}").format(goal=s.goal)] if s.goal else []
    name = getattr(zone, "key", "UTC")
    lines.append(_("Agenda (times in {name}):").format(name=name))
    for slot in build(s, book.agenda.of(s.role)).slots:
        if slot.start:
            start = slot.start.astimezone(zone)
            lines.append(
                _("{clock} ({minutes} min) {title}").format(
                    clock=clock(start), minutes=slot.minutes, title=slot.title
                )
            )
    return lines
