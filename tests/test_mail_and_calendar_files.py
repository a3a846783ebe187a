"""Part 8 §2 and §3: .eml drafts and .ics files every mail and calendar program takes, read
back here by the standard library and by an independent parser of each kind."""

import email
import email.header
import email.policy
import json
import os
import re
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import ics
import mailparser
import pytest
import tzlocal
import vobject

from flashcli.exports import eml
from flashcli.exports.drafts import Draft
from tests.conftest import Run

NAMES = [
    "José María Ñúñez García de la Fuente Fernández",
    "李小龙",
    "Zoë O'Brien",
    "Αλέξανδρος Παπαδόπουλος",
    "Ñúñez, José",
    'Lee, Dana "DJ"',
    "Ada Lovelace",
    "=?utf-8?q?Fake?= Smith",  # typed as it is: shown as typed, never decoded
    "Ada =?iso-8859-1?q?=E9?=",
]


@pytest.mark.parametrize("name", NAMES)
def test_names_in_headers_read_back_exactly_by_every_parser(
    run: Run, tmp_path: Path, name: str
) -> None:
    run("config", "name", "Grace Hopper ☕")
    run("config", "email", "grace@example.org")
    quoted = f'"{name.replace(chr(34), chr(92) + chr(34))}"' if '"' in name else name
    assert run("prep", "--with", f"{quoted} <x@example.org>").exit_code == 0
    out = tmp_path / "draft.eml"
    assert run("email", "--out", str(out)).exit_code == 0
    raw = out.read_bytes()
    assert raw.isascii()  # 7-bit headers and body: any mail program takes it
    standard = email.message_from_bytes(raw, policy=email.policy.default)
    assert standard["To"].addresses[0].display_name == name
    assert standard["From"].addresses[0].display_name == "Grace Hopper ☕"
    independent = mailparser.parse_from_bytes(raw)
    assert independent.to == [(name, "x@example.org")]
    assert independent.defects == []
    head = raw.split(b"\r\n\r\n")[0].decode()
    assert all(len(w) <= 75 for w in re.findall(r"=\?[^?]+\?[bBqQ]\?[^?]*\?=", head))
    assert all(len(line) <= 78 for line in head.split("\r\n"))


@pytest.mark.parametrize("subject", ["=?utf-8?q?Fake?=", "Meeting =?utf-8?b?RmFrZQ==?= soon"])
def test_a_subject_that_looks_encoded_reads_back_as_written(subject: str) -> None:
    """An organisation's wording may put a name in the subject: shown as typed, never decoded."""
    draft = Draft("Ada", "ada@example.org", subject, "Hello\n", None, None, "x")
    raw = eml.as_eml(draft)
    assert email.message_from_bytes(raw, policy=email.policy.default)["Subject"] == subject
    assert mailparser.parse_from_bytes(raw).subject == subject


def invitation(run: Run, tmp_path: Path) -> email.message.EmailMessage:
    run("config", "name", "Grace Hopper")
    run("config", "email", "grace@example.org")
    run("prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2026-12-01 10:00")
    out = tmp_path / "invite.eml"
    result = run("email", "--out", str(out), "--invite")
    assert result.exit_code == 0, result
    return email.message_from_bytes(out.read_bytes(), policy=email.policy.default)  # type: ignore[return-value]


def test_an_invitation_the_partner_can_accept(run: Run, tmp_path: Path) -> None:
    """CalConnect's form, part by part: mixed[alternative[text, calendar REQUEST], the
    same invitation as an invite.ics attachment]."""
    message = invitation(run, tmp_path)
    assert message.get_content_type() == "multipart/mixed"
    alternative, attachment = message.get_payload()
    assert alternative.get_content_type() == "multipart/alternative"
    text, calendar = alternative.get_payload()
    assert text.get_content_type() == "text/plain" and "Hi Ada," in text.get_content()
    assert calendar.get_content_type() == "text/calendar"
    assert calendar.get_param("method") == "REQUEST"
    assert attachment.get_content_type() == "application/ics"
    assert attachment.get_content_disposition() == "attachment"
    assert (
        attachment.get_filename() == "invite.ics" and attachment.get_param("name") == "invite.ics"
    )
    ics = calendar.get_content().encode()
    assert attachment.get_content() == ics  # one invitation, in two places
    parsed_by_other = mailparser.parse_from_bytes(message.as_bytes())
    assert [a["filename"] for a in parsed_by_other.attachments] == ["invite.ics"]
    cal = icalendar.Calendar.from_ical(ics)
    assert str(cal["method"]) == "REQUEST"
    [event] = cal.walk("VEVENT")
    assert str(event["organizer"]) == "mailto:grace@example.org"
    assert event["attendee"].params["rsvp"] == "TRUE"
    parsed = vobject.readOne(ics.decode())
    assert parsed.vevent.attendee.value == "mailto:ada@example.org"
    assert parsed.vevent.organizer.params["CN"] == ["Grace Hopper"]


@pytest.mark.parametrize(
    ("setup", "args", "says"),
    [
        ([], ["--out", "x.eml", "--invite"], "has no time yet"),
        (["--when", "2026-12-01 10:00"], ["--out", "x.eml", "--invite"], "flash config email"),
        (["--when", "2026-12-01 10:00"], ["--invite"], "--invite: an invitation goes with"),
        (["--when", "2026-12-01 10:00"], ["--thanks", "--open", "--invite"], "--invite:"),
    ],
)
def test_an_invitation_needs_a_time_and_your_address(
    run: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    setup: list[str],
    args: list[str],
    says: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    run("prep", "--with", "Ada <ada@example.org>", *setup)
    result = run("email", *args)
    assert result.exit_code in (1, 2) and says in result.stderr
    assert not (tmp_path / "x.eml").exists()


def event_of(run: Run, *args: str) -> icalendar.Event:
    data = run("export", "--format", "ics", *args).stdout
    vobject.readOne(data)  # a second parser takes it too
    [event] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return event


def test_an_event_is_the_same_event_at_every_export_and_updates(run: Run) -> None:
    run("config", "email", "grace@example.org")
    run("prep", "--with", "Ada <ada@example.org>", "--when", "2026-12-01 10:00")
    first, again = event_of(run), event_of(run)
    assert str(first["uid"]) == str(again["uid"])
    assert int(first["sequence"]) == 0
    assert str(first["organizer"]) == "mailto:grace@example.org"
    run("prep", "--when", "2026-12-01 11:00")
    moved = event_of(run)
    assert str(moved["uid"]) == str(first["uid"]) and int(moved["sequence"]) == 1
    run("prep", "--where", "Café Nero")  # not the time: no new sequence
    assert int(event_of(run)["sequence"]) == 1


def test_two_peoples_sessions_with_the_same_id_are_two_events(run: Run, home: Path) -> None:
    run("prep", "--with", "Ada <ada@example.org>", "--when", "2026-12-01 10:00")
    mine = str(event_of(run)["uid"])
    other = home.parent / "someone-else"
    from tests.factories import flash

    flash(other, "prep", "--with", "Ada <ada@example.org>", "--when", "2026-12-01 10:00")
    theirs = icalendar.Calendar.from_ical(flash(other, "export", "--format", "ics").stdout)
    assert str(theirs.walk("VEVENT")[0]["uid"]) != mine


def test_times_are_in_the_persons_zone_and_the_agenda_says_which(run: Run) -> None:
    run("prep", "--with", "Ada <ada@example.org>", "--when", "2026-12-01 23:30", "--topic", "Fit")
    event = event_of(run)
    assert event["dtstart"].params["tzid"] == "Europe/Paris"
    description = str(event["description"])
    assert "Agenda (times in Europe/Paris):" in description
    assert "23:30 (" in description


def test_actions_as_to_dos(run: Run, tmp_path: Path) -> None:
    run("config", "remind.checkins", "off")  # the actions' to-dos alone (test_checkins)
    run("prep", "--with", "Ada <ada@example.org>", "--when", "2026-12-01 10:00")
    run("notes", "--action", "Draft the plan", "--due", "2026-12-08")
    run("notes", "--action", "Read the book")
    run("followup", "--complete", "2")
    data = run("actions", "--ics").stdout
    todos = icalendar.Calendar.from_ical(data).walk("VTODO")
    assert [str(t["summary"]) for t in todos] == ["Draft the plan"]
    assert str(todos[0]["status"]) == "NEEDS-ACTION"
    assert todos[0].decoded("due").isoformat() == "2026-12-08"
    out = tmp_path / "actions.ics"
    assert run("actions", "--ics", "--all", "--out", str(out)).exit_code == 0
    everything = vobject.readOne(out.read_text("utf-8"))
    statuses = sorted(t.status.value for t in everything.vtodo_list)
    assert statuses == ["COMPLETED", "NEEDS-ACTION"]
    again = icalendar.Calendar.from_ical(run("actions", "--ics", "--all").stdout)
    assert {str(t["uid"]) for t in again.walk("VTODO")} >= {str(todos[0]["uid"])}  # stable
    assert run("actions", "--out", str(out)).exit_code == 2  # --out writes the --ics form


def test_each_to_do_is_its_action_by_the_actions_own_uid(run: Run) -> None:
    """Two actions with the same text are two to-dos (a calendar server refuses a calendar
    with two of one UID), and an action reworded is the same to-do, not a second one."""
    run("config", "remind.checkins", "off")  # the actions' to-dos alone (test_checkins)
    run("prep", "--with", "Ada <ada@example.org>", "--when", "2026-12-01 10:00")
    run("notes", "--action", "Call Sam", "--due", "2026-12-08")
    run("notes", "--action", "Call Sam", "--owner", "partner")
    uids = [a["uid"] for a in json.loads(run("show", "--json").stdout)["actions"]]
    first = icalendar.Calendar.from_ical(run("actions", "--ics").stdout).walk("VTODO")
    assert [str(t["uid"]) for t in first] == uids
    assert run("edit", "--action", "1", "--text", "Call Sam about the role").exit_code == 0
    data = run("actions", "--ics").stdout
    reworded = vobject.readOne(data).vtodo_list
    assert [t.uid.value for t in reworded] == uids
    assert [t.summary.value for t in reworded] == ["Call Sam about the role", "Call Sam"]
    listed = json.loads(run("actions", "--json").stdout)
    assert [a["uid"] for a in listed] == uids


def test_the_stored_uid_is_in_the_file_and_in_json(run: Run) -> None:
    run("prep", "--with", "Ada <ada@example.org>")
    data = json.loads(run("show", "--json").stdout)
    assert data["uid"].endswith("@flash") and data["sequence"] == 0


def test_a_name_longer_than_one_encoded_word_reads_back_by_rfc_2047(
    run: Run, tmp_path: Path
) -> None:
    """Four Greek words need two encoded-words: the space between them is kept inside the
    first, as RFC 2047 readers (mail programs, mail-parser, the standard library's own
    decode_header) drop the folding between two encoded-words. Python's newer address parser
    keeps that folding too, and shows a double space there: its bug, the only reader that
    differs."""
    name = "Αλέξανδρος Παπαδόπουλος Καραμανλής Οικονόμου"
    run("prep", "--with", f"{name} <alex@example.org>")
    out = tmp_path / "d.eml"
    assert run("email", "--out", str(out)).exit_code == 0
    raw = out.read_bytes()
    assert mailparser.parse_from_bytes(raw).to == [(name, "alex@example.org")]
    header = email.message_from_bytes(raw, policy=email.policy.compat32)["To"]
    decoded = str(email.header.make_header(email.header.decode_header(header)))
    assert decoded == f"{name} <alex@example.org>"


@pytest.mark.parametrize(
    ("when", "minutes", "said", "slots"),
    [
        # Spring forward in Paris: 02:00 becomes 03:00, and no time between is on a clock.
        ("2027-03-28 01:30", "60", "01:30–03:30 (UTC+01:00, then UTC+02:00)", ["01:30", "03:26"]),
        # Fall back: 03:00 becomes 02:00 again; the hour after 02:00 is on the clock twice.
        ("2027-10-31 01:30", "90", "01:30–02:00 (UTC+02:00, then UTC+01:00)", ["01:30", "02:54"]),
    ],
)
def test_on_a_clock_change_day_the_text_the_agenda_and_the_invitation_agree(
    run: Run, when: str, minutes: str, said: str, slots: list[str]
) -> None:
    """Agenda times are wall-clock times in the person's zone (Europe/Paris here)."""
    run("prep", "--with", "Ada <ada@example.org>", "--when", when, "--minutes", minutes)
    assert said in run("show").stdout
    agenda = json.loads(run("agenda", "--json").stdout)
    starts = [slot["start"][11:16] for slot in agenda["slots"]]
    assert [starts[0], starts[-1]] == slots
    assert not any("02:00" < s < "03:00" for s in starts) or "10-31" in when  # none that spring
    [event] = icalendar.Calendar.from_ical(run("export", "--format", "ics").stdout).walk("VEVENT")
    paris = ZoneInfo("Europe/Paris")
    start, end = (event.decoded(key).astimezone(paris) for key in ("dtstart", "dtend"))
    assert (f"{start:%H:%M}", f"{end:%H:%M}") == (said[:5], said[6:11])
    description = str(event["description"])
    assert all(f"{s} (" in description for s in starts)  # the agenda in it says the same times


@pytest.fixture
def in_zone() -> Iterator[Callable[[str], None]]:
    """Put this process (flash's clock and the zone it names) in another time zone."""

    def put(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()
        tzlocal.reload_localzone()  # it keeps the zone it found first

    yield put
    put("Europe/Paris")


DAYS = {  # summer, winter, and 01:30 (02:30 in Paris) on the days the clocks change
    "Europe/Paris": [
        "2027-07-01 10:00",
        "2027-01-15 10:00",
        "2027-03-28 01:30",
        "2027-10-31 02:30",
    ],
    "America/New_York": [
        "2027-07-01 10:00",
        "2027-01-15 10:00",
        "2027-03-14 01:30",
        "2027-11-07 01:30",
    ],
    "Asia/Kolkata": [
        "2027-07-01 10:00",
        "2027-01-15 10:00",
        "2027-03-28 01:30",
        "2027-10-31 02:30",
    ],
}


@pytest.mark.parametrize(("zone", "when"), [(z, w) for z, days in DAYS.items() for w in days])
def test_every_calendar_library_reads_the_meeting_at_flashs_time(
    run: Run, in_zone: Callable[[str], None], zone: str, when: str
) -> None:
    """icalendar (by the VTIMEZONE written, and by the zone's name), vobject and ics read
    the start and the end of the event as the instants flash holds."""
    in_zone(zone)
    run("prep", "--with", "Ada <ada@example.org>", "--when", when, "--minutes", "60")
    start = datetime.fromisoformat(json.loads(run("show", "--json").stdout)["when"])
    held = [start.astimezone(UTC), (start + timedelta(minutes=60)).astimezone(UTC)]
    data = run("export", "--format", "ics").stdout
    calendar = icalendar.Calendar.from_ical(data)
    [event] = calendar.walk("VEVENT")
    [written] = calendar.walk("VTIMEZONE")
    assert "RDATE" not in written.to_ical().decode()
    own = written.to_tz(lookup_tzid=False)

    def by_vtimezone(key: str) -> datetime:
        value = event[key].dt
        return value if "tzid" not in event[key].params else value.replace(tzinfo=own)

    [vevent] = [vobject.readOne(data).vevent]
    [other] = ics.Calendar(data).events
    readings = {
        "icalendar by its VTIMEZONE": [by_vtimezone("dtstart"), by_vtimezone("dtend")],
        "icalendar by the zone's name": [event.decoded("dtstart"), event.decoded("dtend")],
        "vobject": [vevent.dtstart.value, vevent.dtend.value],
        "ics": [other.begin.datetime, other.end.datetime],
    }
    for reader, (begins, ends) in readings.items():
        assert [begins.astimezone(UTC), ends.astimezone(UTC)] == held, reader
