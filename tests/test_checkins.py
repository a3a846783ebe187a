"""Check-ins: weeks after a held session, how far the goal was reached (Goal Attainment
Scaling, -2 to +2), what was done, what next; due at +2 weeks and +3 months, reminded, in the
to-dos; and the "what came of your advice" email drawn from the latest.

Ada's session (conftest) meets Tue 1 Dec 2026 10:00-11:00, Paris; FLASH_NOW fixes the clock."""

import email
import email.policy
import json
import tomllib
from pathlib import Path
from typing import Any

import pexpect
import pytest
from icalendar import Calendar

from flashcli import merge
from tests.conftest import Run, assert_refused
from tests.test_walk_pty import spawn

SID = "2026-12-01-ada-lovelace"
HELD = "2026-12-02T09:00:00+01:00"  # the day after the meeting


def now(monkeypatch: pytest.MonkeyPatch, moment: str) -> None:
    monkeypatch.setenv("FLASH_NOW", moment)


def kinds(run: Run) -> list[tuple[str, str]]:
    return [(r["kind"], r["date"]) for r in json.loads(run("remind", "--json").stdout)]


def checkins_due(run: Run) -> list[str]:
    return [date for kind, date in kinds(run) if kind == "checkin"]


def stored(home: Path) -> dict[str, Any]:
    return tomllib.loads((home / "sessions" / f"{SID}.toml").read_text("utf-8"))


def test_check_ins_fall_due_two_weeks_and_three_months_after_the_meeting(
    run: Run, ada: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    now(monkeypatch, "2026-12-14T23:59:00+01:00")
    assert checkins_due(run) == []
    now(monkeypatch, "2026-12-15T00:00:00+01:00")
    assert checkins_due(run) == ["2026-12-15"]
    assert run("checkin", "--score", "0").exit_code == 0
    assert checkins_due(run) == []
    now(monkeypatch, "2027-03-01T09:00:00+01:00")
    assert checkins_due(run) == ["2027-03-01"]
    assert run("checkin", "--score", "1").exit_code == 0
    now(monkeypatch, "2028-01-01T09:00:00+01:00")
    assert checkins_due(run) == []  # both answered: none left


def test_months_end_on_the_last_day_of_a_shorter_month(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = run("prep", "--with", "Sam Lee", "--when", "2026-11-30 10:00", "--no-input")
    assert made.exit_code == 0, made
    now(monkeypatch, "2027-03-01T09:00:00+01:00")
    assert checkins_due(run) == ["2026-12-14"]  # the first, still unanswered, comes first
    assert run("checkin", "--score", "0").exit_code == 0
    assert checkins_due(run) == ["2027-02-28"]  # 30 November + 3 months


def test_a_session_with_no_meeting_time_has_none_until_it_is_held(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("prep", "--with", "Sam Lee", "--no-input").exit_code == 0  # made 28 Nov
    now(monkeypatch, "2027-06-01T09:00:00+02:00")
    assert checkins_due(run) == []
    assert run("notes", "Talked about delegating").exit_code == 0  # held now
    assert checkins_due(run) == ["2026-12-12"]


def test_a_check_in_is_stored_shown_exported_and_found(
    run: Run, ada: str, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now(monkeypatch, "2026-12-15T18:30:00+01:00")
    note, next_ = "Talked to two managers", "Shadow Sam for a day"
    result = run("checkin", "--score", "1", "--note", note, "--next", next_)
    assert result.exit_code == 0, result
    assert result.stdout.splitlines() == [
        f"Check-in 1 on {SID}: +1 (more than hoped)",
        "Next check-in: Monday 1 March 2027 ('flash remind' will say)",
        f"To tell Ada what came of it: flash email --update {SID}",
    ]
    [entry] = stored(home)["checkins"]
    assert (entry["score"], entry["note"], entry["next"]) == (1, note, next_)
    assert entry["at"].isoformat() == "2026-12-15T18:30:00+01:00" and entry["uid"]
    assert "  1. Tue 15 Dec  +1 (more than hoped)\n     Done: Talked to two managers\n" in (
        run("show").stdout
    )
    markdown = run("export", "--format", "markdown").stdout
    assert (
        "## Check-ins\n\n- 2026-12-15: +1 (more than hoped)\n  - Done: Talked to two managers\n"
        in (markdown)
    )
    found = json.loads(run("search", "shadow", "--json").stdout)
    assert [(f["session"], f["where"]) for f in found] == [(SID, "check-in")]
    assert run("edit", "--drop-checkin", "1").exit_code == 0
    assert stored(home)["checkins"] == []


def test_scores_are_minus_two_to_plus_two_and_a_score_is_needed(
    run: Run, ada: str, sessions_dir: Path
) -> None:
    for args, message in [
        (["--score", "3"], "--score: must be from -2 (much less than hoped) to +2 (much more)"),
        (["--score", "-3"], "--score: must be from -2"),
        (["--note", "Done a lot"], "give --score, from -2 to 2"),
        ([], "give --score, from -2 to 2"),  # not at a terminal: nothing to ask with
    ]:
        assert_refused(run, sessions_dir, "checkin", *args, message=message)
    assert run("checkin", "--score", "-2").exit_code == 0


def test_check_ins_on_two_machines_are_both_kept() -> None:
    base = {"id": SID, "updated": "2026-12-01T09:00:00+01:00", "checkins": []}
    ours = {**base, "checkins": [{"at": "2026-12-15T09:00:00+01:00", "score": 1, "uid": "a"}]}
    theirs = {**base, "checkins": [{"at": "2026-12-14T09:00:00+01:00", "score": 0, "uid": "b"}]}
    merged = merge.merge(base, ours, theirs)["checkins"]
    assert [c["uid"] for c in merged] == ["b", "a"]  # in time order


def test_check_ins_due_are_to_dos_with_their_alarm(
    run: Run, ada: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    now(monkeypatch, HELD)

    def todos() -> list[Any]:
        calendar = Calendar.from_ical(run("actions", "--ics").stdout)
        return [t for t in calendar.walk("VTODO") if str(t["summary"]).startswith("Check in")]

    first = todos()
    assert [t["due"].dt.isoformat() for t in first] == ["2026-12-15", "2027-03-01"]
    [alarm] = first[0].walk("VALARM")
    assert alarm["trigger"].dt.isoformat() == "2026-12-15T08:00:00+00:00"  # 09:00 in Paris
    assert [t["uid"] for t in todos()] == [t["uid"] for t in first]  # the same to-dos again
    assert run("checkin", "--score", "0").exit_code == 0
    assert [t["uid"] for t in todos()] == [first[1]["uid"]]
    assert "Check in" not in run("actions", "--ics", "--theirs").stdout


def test_the_schedule_is_set_in_the_config_or_turned_off(
    run: Run, ada: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    now(monkeypatch, "2026-12-09T09:00:00+01:00")
    assert run("config", "remind.checkins", "1w").exit_code == 0
    assert checkins_due(run) == ["2026-12-08"]
    assert run("config", "remind.checkins", "off").exit_code == 0
    assert checkins_due(run) == []
    assert "Check in" not in run("actions", "--ics").stdout


def test_without_a_session_checkin_takes_the_one_due_first(
    run: Run, ada: str, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = run("prep", "--with", "Sam Lee", "--when", "2026-12-20 10:00", "--no-input")
    assert made.exit_code == 0  # the current session now, but with no check-in due
    now(monkeypatch, "2026-12-16T09:00:00+01:00")
    assert run("checkin", "--score", "2").stdout.startswith(f"Check-in 1 on {SID}:")


UPDATE = """\
To: Ada Lovelace <ada@example.org>
From: Grace Hopper <grace@example.org>
Subject: What came of your advice

Hi Ada,

You gave me your time and advice in our flash mentoring session on Tuesday 1 December, and I \
wanted to tell you what came of it.

What I wanted from it: Plan my move into management

I have got further than I hoped.

What I have done: Talked to two managers

Of what we agreed, I have done:
- Draft my plan

What comes next: Shadow Sam for a day

Your advice made a difference, and I am grateful for it.

Thank you again,
Grace Hopper
"""


@pytest.fixture
def checked_in(run: Run, ada: str, monkeypatch: pytest.MonkeyPatch) -> str:
    run("config", "name", "Grace Hopper")
    run("config", "email", "grace@example.org")
    run("notes", "--action", "Draft my plan", "--action", "Send the intro", "--owner", "partner")
    now(monkeypatch, "2026-12-15T09:00:00+01:00")
    assert run("followup", "--complete", "1", "--complete", "2", "--no-input").exit_code == 0
    result = run(
        "checkin",
        "--score",
        "1",
        "--note",
        "Talked to two managers",
        "--next",
        "Shadow Sam for a day",
    )
    assert result.exit_code == 0, result
    return ada


def test_the_update_email_says_what_came_of_it(run: Run, checked_in: str) -> None:
    assert run("email", "--update").stdout == UPDATE + "\n"  # only my own actions done are listed


def test_the_update_email_as_a_draft_file_and_a_link(
    run: Run, checked_in: str, tmp_path: Path
) -> None:
    out = tmp_path / "update.eml"
    assert run("email", "--update", "--out", str(out)).exit_code == 0
    message = email.message_from_bytes(out.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "What came of your advice"
    assert message.get_content().replace("\r\n", "\n") == UPDATE.split("\n\n", 1)[1]
    assert run("email", "--update", "--mailto").stdout.startswith(
        "mailto:ada@example.org?subject=What%20came%20of%20your%20advice&body=Hi%20Ada"
    )


def test_a_mentor_writes_the_update_to_the_mentee(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = run(
        "prep", "--role", "mentor", "--with", "Sam Lee <sam@example.org>", "--when", "2026-11-20 14:00",
        "--goal", "Settle into a team lead role", "--reverse", "--no-input",
    )  # fmt: skip
    assert made.exit_code == 0, made
    run("checkin", "--score", "-1", "--note", "How a newcomer sees our habits")
    body = run("email", "--update").stdout
    assert "Subject: Following up on our flash mentoring session" in body
    assert "wanted to tell you what I learned from it, and hear how you are getting on" in body
    assert "From what I know, it has gone less far than you hoped so far" in body
    assert "What I took from it: How a newcomer sees our habits" in body


def test_no_update_before_a_check_in(run: Run, ada: str, sessions_dir: Path) -> None:
    result = run("email", "--update")
    assert result.exit_code == 1
    assert result.stderr == (
        f"flash: {SID} has no check-in yet: 'flash checkin {SID}' first, then the email says "
        "what came of it\n"
    )
    assert_refused(run, sessions_dir, "email", "--update", "--thanks", message="--update: give")


def test_the_check_in_walk(home: Path, run: Run, ada: str) -> None:
    child = spawn(home, "checkin", env={"FLASH_NOW": "2026-12-15T09:00:00+01:00"})
    child.expect_exact(f"Check-in on {SID}, with Ada Lovelace")
    child.expect_exact("Objective: Plan my move into management")
    child.expect_exact("How far have you reached your objective? (-2 much less than hoped")
    child.sendline("5")
    child.expect_exact("must be from -2 (much less than hoped) to +2 (much more)")
    child.sendline("+1")
    child.expect_exact("What have you done since?")
    child.sendline("Talked to two managers")
    child.expect_exact("What is next?")
    child.sendline("Shadow Sam for a day")
    child.expect_exact(f"Check-in 1 on {SID}: +1 (more than hoped)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    [entry] = json.loads(run("show", "--json").stdout)["checkins"]
    assert (entry["score"], entry["note"], entry["next"]) == (
        1,
        "Talked to two managers",
        "Shadow Sam for a day",
    )


def test_a_walk_stopped_after_the_score_keeps_the_score(home: Path, run: Run, ada: str) -> None:
    child = spawn(home, "checkin", ada)
    child.expect_exact("How far have you reached your objective?")
    child.sendline("0")
    child.expect_exact("What have you done since?")
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    [entry] = json.loads(run("show", "--json").stdout)["checkins"]
    assert entry["score"] == 0 and "note" not in entry


def test_a_mentor_is_asked_as_a_mentor(home: Path, run: Run) -> None:
    made = run("prep", "--role", "mentor", "--with", "Sam Lee", "--reverse", "--no-input")
    assert made.exit_code == 0
    child = spawn(home, "checkin", "sam")
    child.expect_exact("As far as you know, how far has Sam reached their objective?")
    child.sendline("-1")
    child.expect_exact("What did you learn from Sam yourself?")  # reverse: the mentor learned
    child.sendline("")
    child.expect_exact("What next, for Sam or for you?")
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
