"""Part 14 §1: the VTIMEZONE flash writes gives, read by each calendar library, the offsets
the zone's own data gives, from the first year a calendar needs on, in zones with and without
daylight saving, with rules that changed (Paris 1996, New York 2007, Brazil 2019, Iran 2022),
a change undone within a month (Morocco's Ramadan), half-hour saving (Lord Howe) and Ireland's
negative winter saving."""

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import dateutil.tz
import icalendar
import pytest

from flashcli.exports.vtimezone import vtimezone

CASES = [
    ("Europe/Paris", 1994),  # summer time ended in September until 1995, in October since
    ("America/New_York", 2006),  # the United States moved both changes in 2007
    ("Asia/Kolkata", 2027),  # no daylight saving
    ("America/Sao_Paulo", 2015),  # daylight saving abolished in 2019
    ("Asia/Tehran", 2019),  # fixed days of the Persian calendar, abolished in 2022
    ("Africa/Casablanca", 2027),  # summer time suspended each Ramadan, listed until 2087
    ("Australia/Lord_Howe", 2027),  # a half-hour change, in the southern summer
    ("Europe/Dublin", 2027),  # winter as negative saving
]


def walls(zone: ZoneInfo, first: int) -> list[datetime]:
    """Noon every fifth day from FIRST to a few years on and in a far year, and the hours
    around each change, leaving out the times the zone's clock shows twice or never."""
    days = [datetime(first, 1, 1, 12) + timedelta(days=5 * n) for n in range(365 * 12 // 5)]
    days += [datetime(2998, 1, 1, 12) + timedelta(days=5 * n) for n in range(73)]
    around = []
    for day in days:
        before, after = day.replace(tzinfo=zone), (day + timedelta(days=5)).replace(tzinfo=zone)
        if before.utcoffset() != after.utcoffset():  # a change within: every half hour of it
            around += [day + timedelta(minutes=30 * n) for n in range(48 * 5)]
    return [
        wall
        for wall in days + around
        if wall.replace(tzinfo=zone, fold=0).utcoffset()
        == wall.replace(tzinfo=zone, fold=1).utcoffset()
    ]


@pytest.mark.parametrize(("name", "first"), CASES)
def test_each_reader_of_the_zone_gives_the_zones_own_offsets(name: str, first: int) -> None:
    zone = ZoneInfo(name)
    start = datetime(first, 6, 1, 10, tzinfo=zone)
    text = vtimezone(zone, start, start + timedelta(hours=1)).to_ical().decode()
    assert "RDATE" not in text  # the yearly rules, as Outlook reads them
    readers = {
        # what vobject and ics read a VTIMEZONE with
        "dateutil": dateutil.tz.tzical(io.StringIO(text)).get(),
        "icalendar": icalendar.Timezone.from_ical(text).to_tz(lookup_tzid=False),
    }
    for reader, tz in readers.items():
        wrong = [
            wall
            for wall in walls(zone, first)
            if wall.replace(tzinfo=tz).utcoffset() != wall.replace(tzinfo=zone).utcoffset()
        ]
        assert not wrong, f"{reader} reads {name} wrong at {wrong[:3]}"


def test_a_zone_with_no_daylight_saving_is_one_standard_component() -> None:
    zone = ZoneInfo("Asia/Kolkata")
    start = datetime(2027, 7, 1, 10, tzinfo=zone)
    [part] = vtimezone(zone, start, start).subcomponents
    assert part.name == "STANDARD"
    assert part["tzoffsetfrom"].td == part["tzoffsetto"].td == timedelta(hours=5, minutes=30)


def test_the_rule_the_zone_keeps_is_open_ended_and_one_it_left_ends() -> None:
    zone = ZoneInfo("America/New_York")
    start = datetime(2005, 7, 1, 10, tzinfo=zone)
    rules = [
        str(part["rrule"].to_ical().decode())
        for part in vtimezone(zone, start, start).subcomponents
        if "rrule" in part
    ]
    assert rules == [
        "FREQ=YEARLY;UNTIL=20060403T070000Z;BYDAY=1SU;BYMONTH=4",  # until 2006 (a day past
        "FREQ=YEARLY;UNTIL=20061030T060000Z;BYDAY=-1SU;BYMONTH=10",  # its last change)
        "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",  # since 2007, for good
        "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
    ]
