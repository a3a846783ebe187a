"""Part 16 §1: the calendars flash writes remind by themselves. A meeting's event carries an
alarm at 17:00 on the wall clock the day before (an absolute trigger) and one 15 minutes
before; an open action's to-do one at 09:00 on its due day; [remind] in config.toml changes
or turns them off. Read back by icalendar and by vobject, and imported into khal."""

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from tests.conftest import Run

PARIS = ZoneInfo("Europe/Paris")


def alarms(data: str, kind: str) -> list[tuple[str, datetime | timedelta]]:
    """Each alarm's description and trigger, by icalendar; vobject must read the same."""
    [item] = icalendar.Calendar.from_ical(data).walk(kind)
    found = [(str(a["description"]), a.decoded("trigger")) for a in item.walk("VALARM")]
    other = getattr(vobject.readOne(data), kind.lower())
    assert [a.trigger.value for a in other.contents.get("valarm", [])] == [t for _, t in found]
    return found


@pytest.mark.parametrize(
    ("when", "evening"),
    [
        ("2027-07-01 09:00", datetime(2027, 6, 30, 17, 0, tzinfo=PARIS)),  # summer time
        ("2027-01-15 09:00", datetime(2027, 1, 14, 17, 0, tzinfo=PARIS)),  # winter time
        # The day before is the day the clocks go forward (02:00 -> 03:00): 17:00 CEST.
        ("2027-03-29 09:00", datetime(2027, 3, 28, 17, 0, tzinfo=PARIS)),
        # The meeting is on that day: the evening before is still in winter time.
        ("2027-03-28 09:00", datetime(2027, 3, 27, 17, 0, tzinfo=PARIS)),
        # And the day the clocks go back (03:00 -> 02:00).
        ("2027-11-01 09:00", datetime(2027, 10, 31, 17, 0, tzinfo=PARIS)),
    ],
)
def test_a_meeting_reminds_the_evening_before_and_15_minutes_before(
    run: Run, when: str, evening: datetime
) -> None:
    run("prep", "--with", "Ada Lovelace <ada@example.org>", "--when", when)
    (first, at), (second, before) = alarms(run("export", "--format", "ics").stdout, "VEVENT")
    assert at == evening.astimezone(UTC) and at.tzinfo is not None  # absolute, in UTC
    assert first == "Tomorrow: Flash mentoring with Ada Lovelace, 09:00"
    assert before == timedelta(minutes=-15) and second.startswith("In 15 minutes:")


def test_the_evening_before_is_on_the_persons_calendar_not_the_offset_typed(run: Run) -> None:
    """A meeting typed with New York's offset, late on the 1st there, is at 05:30 on the 2nd
    in Paris, where the person is: the evening before is the 1st at 17:00, Paris time."""
    run("prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2027-12-01T23:30-05:00")
    (_, at), _ = alarms(run("export", "--format", "ics").stdout, "VEVENT")
    assert at == datetime(2027, 12, 1, 17, 0, tzinfo=PARIS).astimezone(UTC)


def test_the_invitation_is_titled_from_the_partners_side_and_carries_none(
    run: Run, tmp_path: Path
) -> None:
    """Zoë's calendar shows whom she meets, and sets its own alarms at her hours: the
    organiser's 17:00 the day before would reach a partner in New York at 11:00 her time."""
    import email
    import email.policy

    out = tmp_path / "invite.eml"
    run("config", "name", "Grace Hopper")
    run("config", "email", "grace@example.org")
    run("prep", "--with", "Zoë Ní Bhriain <zoe@example.org>", "--when", "2027-07-01 09:00")
    assert run("email", "--out", str(out), "--invite").exit_code == 0
    message = email.message_from_bytes(out.read_bytes(), policy=email.policy.default)
    [calendar] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    [sent] = icalendar.Calendar.from_ical(calendar.get_content()).walk("VEVENT")
    assert str(sent["summary"]) == "Flash mentoring with Grace Hopper"
    assert alarms(calendar.get_content(), "VEVENT") == []
    [own] = icalendar.Calendar.from_ical(run("export", "--format", "ics").stdout).walk("VEVENT")
    assert str(own["summary"]) == "Flash mentoring with Zoë Ní Bhriain"
    assert len(own.walk("VALARM")) == 2


def test_remind_in_config_changes_the_times_or_turns_them_off(run: Run) -> None:
    run("prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2027-07-01 09:00")
    assert run("config", "remind.evening", "19:30").exit_code == 0
    assert run("config", "remind.before", "45").exit_code == 0
    (_, at), (_, before) = alarms(run("export", "--format", "ics").stdout, "VEVENT")
    assert at == datetime(2027, 6, 30, 19, 30, tzinfo=PARIS).astimezone(UTC)
    assert before == timedelta(minutes=-45)
    run("config", "remind.evening", "off")
    run("config", "remind.before", "off")
    assert alarms(run("export", "--format", "ics").stdout, "VEVENT") == []
    refused = run("config", "remind.evening", "7pm")
    assert (
        refused.exit_code == 2 and "must be a time of day such as 17:00, or off" in refused.stderr
    )


def test_an_open_action_reminds_at_nine_on_its_due_day(run: Run) -> None:
    run("config", "remind.checkins", "off")  # the actions' to-dos alone (test_checkins)
    run("prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2027-03-20 10:00")
    run("notes", "--action", "Send the deck", "--due", "2027-03-28")  # the clocks go forward
    [(said, at)] = alarms(run("actions", "--ics").stdout, "VTODO")
    assert said == "Due today: Send the deck"
    assert at == datetime(2027, 3, 28, 9, 0, tzinfo=PARIS).astimezone(UTC)  # 07:00Z: CEST
    run("config", "remind.due", "08:15")
    [(_, at)] = alarms(run("actions", "--ics").stdout, "VTODO")
    assert at == datetime(2027, 3, 28, 8, 15, tzinfo=PARIS).astimezone(UTC)
    run("followup", "--complete", "1")  # done: nothing to remind of
    assert alarms(run("actions", "--ics", "--all").stdout, "VTODO") == []
    run("config", "remind.due", "off")
    run("followup", "--reopen", "1")
    assert alarms(run("actions", "--ics").stdout, "VTODO") == []


KHAL = """\
[calendars]
[[mentoring]]
path = {vdir}
[sqlite]
path = {db}
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = Europe/Paris
default_timezone = Europe/Paris
"""


def test_khal_imports_the_meeting_with_its_alarms(run: Run, tmp_path: Path) -> None:
    """A calendar program of the command line: it takes the event and shows it reminds."""
    vdir = tmp_path / "vdir"
    vdir.mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(KHAL.format(vdir=vdir, db=tmp_path / "khal.db"), "utf-8")
    run("prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2027-03-29 09:00")
    event = tmp_path / "meeting.ics"
    event.write_text(run("export", "--format", "ics").stdout, "utf-8")
    khal = [str(Path(sys.executable).with_name("khal")), "-c", str(config)]
    env = {**os.environ, "TZ": "Europe/Paris", "HOME": str(tmp_path)}  # nothing of the real one
    subprocess.run([*khal, "import", "--batch", str(event)], env=env, check=True)
    listed = subprocess.run(
        [*khal, "list", "--format", "{alarm-symbol}|{start}|{title}", "2027-03-29", "1d"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "⏰|2027-03-29 09:00|Flash mentoring with Ada Lovelace" in listed
