"""`flash remind`: what needs the person now, most urgent first, each with its command; set
aside by snoozing or dismissing, kept in the session file; bare `flash` shows the first three.

Time is fixed with FLASH_NOW. Ada's session (conftest) meets Tue 1 Dec 10:00-11:00, Paris."""

import json
import tomllib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from flashcli import merge, ops
from flashcli.models import Action, Partner, Session
from flashcli.reminders import due
from tests.conftest import Run, assert_refused

SID = "2026-12-01-ada-lovelace"
FOLLOWUP = f"flash followup {SID}"


@pytest.fixture
def agreed(run: Run, ada: str) -> str:
    """Ada's session with a plan: mine due Thu 3 Dec, hers due Wed 2 Dec, mine far off, and
    one with no date."""
    for args in (
        ["--action", "Draft my plan", "--due", "2026-12-03"],
        ["--action", "Introduce me to Sam", "--owner", "partner", "--due", "2026-12-02"],
        ["--action", "Read the book", "--due", "2026-12-20"],
        ["--action", "Call Sam"],
    ):
        assert run("notes", ada, *args).exit_code == 0
    return ada


def listed(run: Run, monkeypatch: pytest.MonkeyPatch, now: str) -> list[dict[str, Any]]:
    monkeypatch.setenv("FLASH_NOW", now)
    result = run("remind", "--json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def said(run: Run, monkeypatch: pytest.MonkeyPatch, now: str) -> list[tuple[str, str]]:
    """Each reminder's text and command, in the order listed."""
    return [(r["text"], r["command"]) for r in listed(run, monkeypatch, now)]


def test_what_needs_you_comes_most_urgent_first_each_with_its_command(
    run: Run, agreed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = listed(run, monkeypatch, "2026-12-04T09:00:00+01:00")
    assert [(r["number"], r["kind"], r["key"].split(":")[0]) for r in found] == [
        (1, "overdue", "overdue"),
        (2, "thank", "thank"),
        (3, "ask", "ask"),
        (4, "decide", "decide"),
    ]
    assert [(r["text"], r["command"], r["date"]) for r in found] == [
        (
            "Draft my plan (due yesterday; with Ada Lovelace)",
            f"{FOLLOWUP} --complete 1",
            "2026-12-03",
        ),
        (
            "Thank your mentor, and give feedback on what helped most (Ada Lovelace, met Tue 1 Dec)",
            FOLLOWUP,
            "2026-12-01",
        ),
        (
            "Ask Ada Lovelace about: Introduce me to Sam (due Wed 2 Dec)",
            f"{FOLLOWUP} --complete 2",
            "2026-12-02",
        ),
        (
            "Decide together whether to continue the mentoring relationship "
            "(Ada Lovelace, met Tue 1 Dec)",
            f"{FOLLOWUP} --continue yes|no|undecided",
            "2026-12-01",
        ),
    ]
    shown = run("remind").stdout.splitlines()
    assert shown[:3] == [
        "Needs you now (4):",
        " 1. Draft my plan (due yesterday; with Ada Lovelace)",
        f"    {FOLLOWUP} --complete 1",
    ]


def test_the_day_before_the_meeting_preparation_and_what_is_due_soon(
    run: Run, agreed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert said(run, monkeypatch, "2026-11-30T09:00:00+01:00") == [
        (
            "Prepare for your meeting with Ada Lovelace, tomorrow at 10:00 (2 of 4 steps left)",
            f"flash prep {SID}",
        ),
        ("Draft my plan (due Thu 3 Dec; with Ada Lovelace)", f"{FOLLOWUP} --complete 1"),
    ]
    # Two days before, nothing: the meeting is not tomorrow, the plan not due within 3 days.
    assert said(run, monkeypatch, "2026-11-29T09:00:00+01:00") == []
    # On the day, until it starts.
    assert said(run, monkeypatch, "2026-12-01T09:59:00+01:00")[0][0] == (
        "Prepare for your meeting with Ada Lovelace, today at 10:00 (2 of 4 steps left)"
    )
    assert said(run, monkeypatch, "2026-12-01T10:00:00+01:00")[0][0].startswith("Draft my plan")


def test_a_meeting_prepared_for_is_not_reminded(
    run: Run, ada: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (
        run("prep", ada, "--done", "send-topics", "--question", "How did you start?").exit_code == 0
    )
    assert said(run, monkeypatch, "2026-11-30T09:00:00+01:00") == []


def test_thanks_and_the_decision_come_two_days_after_the_meeting_ends(
    run: Run, ada: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert said(run, monkeypatch, "2026-12-03T10:59:00+01:00") == []
    kinds = [r["kind"] for r in listed(run, monkeypatch, "2026-12-03T11:00:00+01:00")]
    assert kinds == ["thank", "decide"]


def test_what_is_done_leaves_the_list(
    run: Run, agreed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLASH_NOW", "2026-12-04T09:00:00+01:00")
    followup = ["followup", agreed, "--no-input"]
    assert run(*followup, "--complete", "1", "--complete", "2").exit_code == 0
    assert [r["kind"] for r in listed(run, monkeypatch, "2026-12-04T09:00:00+01:00")] == [
        "thank",
        "decide",
    ]
    assert run(*followup, "--continue", "undecided", "--done", "thank-feedback").exit_code == 0
    assert listed(run, monkeypatch, "2026-12-04T09:00:00+01:00") == []


def test_a_closed_session_asks_for_no_thanks_but_its_actions_still_count(
    run: Run, agreed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLASH_NOW", "2026-12-04T09:00:00+01:00")
    assert run("followup", agreed, "--close", "--no-input").exit_code == 0
    assert [r["kind"] for r in listed(run, monkeypatch, "2026-12-04T09:00:00+01:00")] == [
        "overdue",
        "ask",
    ]


def test_a_mentor_is_reminded_in_the_mentors_words(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = run("prep", "--role", "mentor", "--with", "Sam Lee", "--when", "2026-11-20 14:00")
    assert made.exit_code == 0, made
    texts = [t for t, _ in said(run, monkeypatch, "2026-11-28T09:00:00+01:00")]
    assert texts == [
        "Tell the mentee what you gained from the session, and give them feedback "
        "(Sam Lee, met Fri 20 Nov)",
        "Decide together whether to continue the mentoring relationship (Sam Lee, met Fri 20 Nov)",
    ]


def test_a_snooze_hides_a_reminder_until_it_ends_and_is_kept_in_the_file(
    run: Run, agreed: str, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLASH_NOW", "2026-12-04T09:00:00+01:00")
    result = run("remind", "--snooze", "2", "3d")
    assert result.exit_code == 0, result
    assert result.stdout == (
        "Snoozed until Mon 7 Dec 09:00: Thank your mentor, and give feedback on what helped "
        "most (Ada Lovelace, met Tue 1 Dec)\n"
    )
    stored = tomllib.loads((home / "sessions" / f"{SID}.toml").read_text("utf-8"))
    assert stored["reminders"] == {"thank": tomllib.loads("t = 2026-12-07T09:00:00+01:00")["t"]}
    kinds = [r["kind"] for r in listed(run, monkeypatch, "2026-12-07T08:59:00+01:00")]
    assert kinds == ["overdue", "ask", "decide"]
    kinds = [r["kind"] for r in listed(run, monkeypatch, "2026-12-07T09:00:00+01:00")]
    assert kinds == ["overdue", "thank", "ask", "decide"]


def test_without_flash_now_the_clock_decides_as_the_daily_run_has_it(
    run: Run, agreed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The daily run sets no FLASH_NOW: the machine's clock (moved by time-machine) decides."""
    monkeypatch.delenv("FLASH_NOW")
    with time_machine.travel(datetime(2026, 12, 3, 10, 59, tzinfo=ZoneInfo("Europe/Paris"))):
        assert [r["kind"] for r in json.loads(run("remind", "--json").stdout)] == ["soon", "ask"]
    with time_machine.travel(datetime(2026, 12, 3, 11, 0, tzinfo=ZoneInfo("Europe/Paris"))):
        kinds = [r["kind"] for r in json.loads(run("remind", "--json").stdout)]
        assert kinds == ["thank", "soon", "ask", "decide"]
        assert run("remind", "--snooze", "2", "1d").stdout.startswith(
            "Snoozed until Fri 4 Dec 11:00: Draft my plan"
        )


def test_a_snooze_can_last_until_a_day(
    run: Run, agreed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLASH_NOW", "2026-12-04T09:00:00+01:00")  # a Friday
    result = run("remind", "--snooze", "1", "monday")
    assert result.stdout.startswith("Snoozed until Mon 7 Dec 00:00: Draft my plan"), result


def test_dismissed_is_for_good_and_each_reminder_is_its_own(
    run: Run, agreed: str, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLASH_NOW", "2026-12-04T09:00:00+01:00")
    result = run("remind", "--dismiss", "1", "--dismiss", "4")
    assert result.exit_code == 0, result
    assert result.stdout.splitlines() == [
        "Dismissed: Draft my plan (due yesterday; with Ada Lovelace)",
        "Dismissed: Decide together whether to continue the mentoring relationship "
        "(Ada Lovelace, met Tue 1 Dec)",
    ]
    stored = tomllib.loads((home / "sessions" / f"{SID}.toml").read_text("utf-8"))
    [uid] = [a["uid"] for a in stored["actions"] if a["text"] == "Draft my plan"]
    assert stored["reminders"] == {f"overdue:{uid}": "dismissed", "decide": "dismissed"}
    assert [r["text"] for r in listed(run, monkeypatch, "2027-06-01T09:00:00+02:00")] == [
        # Another action, late by then: reminded on its own.
        "Read the book (due Sun 20 Dec 2026; with Ada Lovelace)",
        "Thank your mentor, and give feedback on what helped most (Ada Lovelace, met Tue 1 Dec 2026)",
        "Ask Ada Lovelace about: Introduce me to Sam (due Wed 2 Dec 2026)",
        "Check in on what came of your session with Ada Lovelace (met Tue 1 Dec 2026)",
    ]


def test_setting_aside_refuses_what_is_not_listed(
    run: Run, agreed: str, sessions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLASH_NOW", "2026-12-04T09:00:00+01:00")
    for args, message in [
        (["--dismiss", "5"], "there is no reminder 5; 'flash remind' lists them (1 to 4)"),
        (["--dismiss", "0"], "there is no reminder 0"),
        (["--snooze", "1", "soon"], "--snooze: could not read 'soon'; use a length such as 12h"),
        (["--snooze", "1", "yesterday"], "--snooze: 'yesterday' is not after today"),
        (["--snooze", "1", "today"], "--snooze: 'today' is not after today"),
        (
            ["--snooze", "1", "2d", "--dismiss", "1"],
            "each reminder can be snoozed or dismissed once",
        ),
        (["--install", "--uninstall"], "--install and --uninstall: give --install"),
        (["--at", "08:00"], "--at: give --install"),
        (["--install", "--at", "25:00"], "--at: '25:00' is not a time of day such as 09:00"),
    ]:
        assert_refused(run, sessions_dir, "remind", *args, message=message)


def test_nothing_due_is_said_once_or_with_quiet_not_at_all(run: Run, ada: str) -> None:
    assert run("remind").stdout == "Nothing needs you now.\n"
    assert run("remind", "--quiet").stdout == ""
    assert run("remind", "--quiet", "--json").stdout == ""
    assert run("remind", "--json").stdout == "[]\n"


def test_quiet_still_lists_what_is_due(
    run: Run, agreed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLASH_NOW", "2026-12-04T09:00:00+01:00")
    assert run("remind", "--quiet").stdout.startswith("Needs you now (4):\n")


def test_bare_flash_shows_the_first_three(
    run: Run, agreed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLASH_NOW", "2026-12-04T09:00:00+01:00")
    monkeypatch.setenv("COLUMNS", "200")
    out = run().stdout.splitlines()
    start = out.index("Needs you now: 4")
    assert out[start : start + 5] == [
        "Needs you now: 4",
        " ! Draft my plan (due yesterday; with Ada Lovelace)",
        " ! Thank your mentor, and give feedback on what helped most (Ada Lovelace, met Tue 1 Dec)",
        " ! Ask Ada Lovelace about: Introduce me to Sam (due Wed 2 Dec)",
        "and 1 more: flash remind lists them, with what to run",
    ]


def test_with_no_open_session_bare_flash_still_shows_what_is_late(
    run: Run, agreed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLASH_NOW", "2026-12-04T09:00:00+01:00")
    assert run("followup", agreed, "--close", "--no-input").exit_code == 0
    assert run().stdout.splitlines() == [
        "Needs you now: 2",
        " ! Draft my plan (due yesterday; with Ada Lovelace)",
        " ! Ask Ada Lovelace about: Introduce me to Sam (due Wed 2 Dec)",
        "flash remind lists them, with what to run",
        'No open session. Start one with: flash prep --with "Name <email>"',
    ]


def test_a_hand_edited_reminders_table_is_read_and_a_bad_one_refused(
    run: Run, agreed: str, sessions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = sessions_dir / f"{SID}.toml"
    text = file.read_text("utf-8")
    file.write_text(text.replace("[reminders]\n", '[reminders]\nthank = "Dismissed"\n'), "utf-8")
    kinds = [r["kind"] for r in listed(run, monkeypatch, "2026-12-04T09:00:00+01:00")]
    assert kinds == ["overdue", "ask", "decide"]
    file.write_text(text.replace("[reminders]\n", '[reminders]\nthank = "later"\n'), "utf-8")
    result = run("remind")  # as every list of sessions does: the file is skipped, and said
    assert result.exit_code == 0 and result.stdout == "Nothing needs you now.\n"
    assert f"skipped {file}: reminders.thank: must be 'dismissed', or the time" in result.stderr


@pytest.mark.parametrize(
    ("base", "ours", "theirs", "merged"),
    [
        # Snoozed on one machine, dismissed on the other: dismissed.
        (
            {},
            {"thank": "2026-12-07T09:00:00+01:00"},
            {"thank": "dismissed"},
            {"thank": "dismissed"},
        ),
        # Snoozed on both: the later.
        (
            {},
            {"ask:1": "2026-12-09T09:00:00+01:00"},
            {"ask:1": "2026-12-07T09:00:00+01:00", "decide": "dismissed"},
            {"ask:1": "2026-12-09T09:00:00+01:00", "decide": "dismissed"},
        ),
        # Taken out of the table on one side (by hand), untouched on the other: out.
        ({"thank": "dismissed"}, {}, {"thank": "dismissed"}, {}),
    ],
)
def test_reminders_set_aside_on_two_machines_merge(
    base: dict[str, str], ours: dict[str, str], theirs: dict[str, str], merged: dict[str, str]
) -> None:
    table = {"id": "x", "updated": "2026-12-04T09:00:00+01:00"}
    got = merge.merge(
        {**table, "reminders": base}, {**table, "reminders": ours}, {**table, "reminders": theirs}
    )
    assert got["reminders"] == merged


class SettingAside(RuleBasedStateMachine):
    """Any sequence of snoozes, dismissals, actions done and days passing: what `remind`
    lists is what is due less what is dismissed, and less what is snoozed until a time still
    to come; a dismissal stands whatever comes after it."""

    def __init__(self) -> None:
        super().__init__()
        self.book = store_guidance_items()
        start = datetime(2026, 11, 20, 10, tzinfo=ZoneInfo("Europe/Paris"))
        self.now = start + timedelta(days=9)
        self.session = Session(
            id="2026-11-20-ada",
            role="mentee",
            partner=Partner(name="Ada Lovelace"),
            created=start,
            updated=start,
            when=start,
            actions=[
                Action(
                    text=f"Action {n}",
                    owner="me" if n % 2 else "partner",
                    due=start.date(),
                    uid=f"action-{n}",  # the same keys each run: hypothesis replays it
                )
                for n in range(1, 5)
            ],
        )
        self.dismissed: set[str] = set()
        self.snoozed: dict[str, datetime] = {}

    def listed(self) -> list[Any]:
        return due([self.session.summary()], self.book, self.now, [(2, "w"), (3, "m")])

    @precondition(lambda self: bool(self.listed()))
    @rule(pick=st.integers(0, 20), days=st.integers(1, 30))
    def snooze(self, pick: int, days: int) -> None:
        found = self.listed()
        r = found[pick % len(found)]
        until = self.now + timedelta(days=days)
        ops.hush(self.session, r.key, until)
        if r.key not in self.dismissed:
            self.snoozed[r.key] = until

    @precondition(lambda self: bool(self.listed()))
    @rule(pick=st.integers(0, 20))
    def dismiss(self, pick: int) -> None:
        found = self.listed()
        key = found[pick % len(found)].key
        ops.hush(self.session, key, None)
        self.dismissed.add(key)

    @rule(days=st.integers(1, 40))
    def time_passes(self, days: int) -> None:
        self.now += timedelta(days=days)

    @rule(n=st.integers(1, 4))
    def done(self, n: int) -> None:
        ops.complete(self.session, n, self.now)

    @invariant()
    def nothing_set_aside_is_listed(self) -> None:
        keys = {r.key for r in self.listed()}
        assert not keys & self.dismissed
        assert not {k for k, until in self.snoozed.items() if until > self.now} & keys
        assert all(self.session.reminders[k] == "dismissed" for k in self.dismissed)


def store_guidance_items() -> list[dict[str, Any]]:
    from flashcli import guidance

    return guidance.load().model_dump()["items"]  # type: ignore[no-any-return]


TestSettingAside = SettingAside.TestCase
TestSettingAside.settings = settings(max_examples=40, stateful_step_count=12, deadline=None)
