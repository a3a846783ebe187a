"""A time zone as the VTIMEZONE every calendar reads alike (RFC 5545 §3.6.5).

Outlook, Thunderbird and Google write a zone as STANDARD and DAYLIGHT components that recur
yearly (RRULE), and Outlook reads only that form. icalendar's own writer lists each change as
an RDATE until 2038, which vobject reads an hour out in summer, and its search for changes
steps 64 days at a time, so it misses a change undone within a month (Morocco's Ramadan).

So the changes are found here, a day at a time, from the first year a calendar needs; each
run of years in which the clock changes on the same weekday of the same month at the same
time is one component. A run the zone has since left ends with UNTIL; the rule it keeps is
open-ended, valid for every later year flash accepts; a change that follows no yearly rule
is a component of its own, and a zone with no daylight saving is one STANDARD component.
"""

import calendar
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

from flashcli.kinds import LAST_YEAR

DAY = timedelta(days=1)
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# A zone's data may list its changes one by one up to this year (the 32-bit limit) before
# its lasting rule takes over, so a change already decided for a later year shows up.
LISTED_UNTIL = 2038


@dataclass(frozen=True)
class Observance:
    offset: timedelta
    dst: bool
    name: str


@dataclass(frozen=True)
class Change:
    at: datetime  # in UTC
    before: Observance
    after: Observance

    @property
    def wall(self) -> datetime:
        """The clock just before the change: how a VTIMEZONE writes its onset."""
        return (self.at + self.before.offset).replace(tzinfo=None)

    @property
    def rule(self) -> tuple[object, ...]:
        """What the changes of one yearly run share."""
        wall = self.wall
        return (wall.month, wall.weekday(), wall.time(), self.before, self.after)

    @property
    def weeks(self) -> frozenset[int]:
        """Which of its month's weekdays the day is, as BYDAY counts: 1 to 4, and -1 the last."""
        wall = self.wall
        nth = (wall.day - 1) // 7 + 1
        last = wall.day + 7 > calendar.monthrange(wall.year, wall.month)[1]
        return frozenset(({nth} if nth <= 4 else set()) | ({-1} if last else set()))


@dataclass
class Run:
    changes: list[Change]
    weeks: frozenset[int]
    lasting: bool = field(default=False)


def vtimezone(zone: ZoneInfo, first: datetime, last: datetime) -> Timezone:
    """ZONE as a VTIMEZONE right for every time from FIRST's year on (LAST is the latest time
    the calendar holds)."""
    start = datetime(first.astimezone(zone).year, 1, 1, tzinfo=zone)
    changes, lasting = _history(zone, start.year, last.astimezone(zone).year)
    tz = Timezone()
    tz.add("tzid", zone.key)
    opening = _observance(zone, start.astimezone(UTC))
    tz.add_component(_component(opening, opening, start.replace(tzinfo=None)))
    for run in _runs(changes, lasting):
        first_change, last_change = run.changes[0], run.changes[-1]
        part = _component(first_change.before, first_change.after, first_change.wall)
        if run.lasting or len(run.changes) > 1:
            week = -1 if -1 in run.weeks else min(run.weeks)
            rule: dict[str, object] = {
                "freq": "yearly",
                "bymonth": first_change.wall.month,
                "byday": f"{week}{WEEKDAYS[first_change.wall.weekday()]}",
            }
            if not run.lasting:
                # A day past the last change: readers that compare UNTIL with the wall clock
                # (dateutil's, under vobject and ics) still count that change.
                rule["until"] = last_change.at + DAY
            part.add("rrule", rule)
        tz.add_component(part)
    return tz


def _component(
    before: Observance, after: Observance, onset: datetime
) -> TimezoneStandard | TimezoneDaylight:
    part = TimezoneDaylight() if after.dst else TimezoneStandard()
    part.add("dtstart", onset)
    part.add("tzoffsetfrom", before.offset)
    part.add("tzoffsetto", after.offset)
    part.add("tzname", after.name)
    return part


def _history(zone: ZoneInfo, first_year: int, last_year: int) -> tuple[list[Change], list[Change]]:
    """The changes from FIRST_YEAR until the zone keeps to its lasting rule (and past
    LAST_YEAR), and the changes of a year under that rule."""
    lasting = _changes(zone, LAST_YEAR)
    changes: list[Change] = []
    year = first_year
    while True:
        this = _changes(zone, year)
        changes += this
        settled = year >= max(last_year, LISTED_UNTIL) and _alike(this, lasting)
        if settled or year >= LAST_YEAR:
            return changes, lasting if settled else []
        year += 1


def _runs(changes: list[Change], lasting: list[Change]) -> list[Run]:
    """CHANGES grouped into yearly runs; those still going in the last year that are the
    zone's lasting rule are marked so."""
    runs: list[Run] = []
    latest: dict[tuple[object, ...], Run] = {}
    for change in changes:
        run = latest.get(change.rule)
        if run and run.changes[-1].wall.year == change.wall.year - 1 and run.weeks & change.weeks:
            run.changes.append(change)
            run.weeks &= change.weeks
        else:
            run = latest[change.rule] = Run([change], change.weeks)
            runs.append(run)
    if changes:
        final_year = changes[-1].wall.year
        rules = {change.rule for change in lasting}
        for run in runs:
            run.lasting = run.changes[-1].wall.year == final_year and run.changes[0].rule in rules
    return runs


def _alike(these: list[Change], those: list[Change]) -> bool:
    return len(these) == len(those) and all(
        a.rule == b.rule and a.weeks & b.weeks for a, b in zip(these, those, strict=True)
    )


def _changes(zone: ZoneInfo, year: int) -> list[Change]:
    """The changes of ZONE's clock in YEAR (UTC), found a day at a time, each to the second."""
    moment = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    now = _observance(zone, moment)
    found = []
    while moment < end:
        step = min(moment + DAY, end)
        if _observance(zone, step) == now:
            moment = step
            continue
        low, high = int(moment.timestamp()), int(step.timestamp())
        while high - low > 1:  # now at low, changed by high
            middle = (low + high) // 2
            if _observance(zone, datetime.fromtimestamp(middle, UTC)) == now:
                low = middle
            else:
                high = middle
        moment = datetime.fromtimestamp(high, UTC)
        after = _observance(zone, moment)
        found.append(Change(moment, now, after))
        now = after
    return found


def _observance(zone: ZoneInfo, moment: datetime) -> Observance:
    local = moment.astimezone(zone)
    offset = local.utcoffset() or timedelta()
    # Daylight saving is time put forward: Ireland's "negative" winter saving is standard time.
    forward = (local.dst() or timedelta()) > timedelta()
    return Observance(offset, forward, local.tzname() or str(offset))
