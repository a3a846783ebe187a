"""flash followup, actions, email --thanks, export, delete, carry-over and the overview."""

import email
import email.policy
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import icalendar
import pytest

from tests.conftest import ADA, Run, assert_refused
from tests.factories import shown


@pytest.fixture
def held(run: Run, ada: str) -> str:
    """Ada's session after it was held: notes, a plan of action."""
    run("notes", "Talk to two managers before deciding")
    run("notes", "--resource", "The Manager's Path", "--referral", "Sam Lee, engineering manager")
    run("notes", "--action", "Draft my 30-day plan", "--due", "2026-12-08")
    run("notes", "--action", "Introduce me to Sam", "--owner", "partner")
    return ada


def test_followup_flags(run: Run, held: str) -> None:
    result = run(
        "followup",
        "--complete",
        "1",
        "--feedback",
        "The 30-day plan idea",
        "--rating",
        "5",
        "--continue",
        "yes",
        "--done",
        "confidentiality",
        "--done",
        "thank-feedback",
    )
    assert result.exit_code == 0, result
    data = shown(run, held)
    assert data["actions"][0]["done"] == "2026-11-28T09:00:00+01:00"
    assert "done" not in data["actions"][1]
    assert (data["feedback"], data["rating"], data["continue"]) == (
        "The 30-day plan idea",
        5,
        "yes",
    )
    assert data["ticked"] == ["confidentiality", "thank-feedback"]
    assert "After (3/4)" in result.stdout and "✓ decide-continue" in result.stdout
    assert "✓ 1." in result.stdout and "○ 2." in result.stdout


def test_maybe_is_another_word_for_undecided_everywhere(
    run: Run, held: str, sessions_dir: Path
) -> None:
    assert run("followup", "--continue", "maybe").exit_code == 0
    assert shown(run, held)["continue"] == "undecided"
    path = sessions_dir / f"{held}.toml"
    path.write_text(path.read_text("utf-8").replace('"undecided"', '"maybe"'), "utf-8")
    assert shown(run, held)["continue"] == "undecided"  # a hand edit says it too
    assert "(or maybe)" in run("followup", "--help").stdout


def test_followup_close_hides_it_from_list(run: Run, held: str) -> None:
    result = run("followup", "--close")
    assert f"{held} is closed" in result.stdout
    assert shown(run, held)["closed"] == "2026-11-28T09:00:00+01:00"
    assert held not in run("list").stdout
    assert "'flash list --all' shows the 1 closed" in run("list").stdout
    assert "closed" in run("list", "--all").stdout


def test_followup_json(run: Run, held: str) -> None:
    data = json.loads(run("followup", "--json").stdout)
    assert data["status"] == "held"
    assert [c["key"] for c in data["checklist"]] == [
        "follow-through",
        "confidentiality",
        "thank-feedback",
        "decide-continue",
    ]
    assert [a["text"] for a in data["actions"]] == ["Draft my 30-day plan", "Introduce me to Sam"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--complete", "3"], "there is no action 3; 2026-12-01-ada-lovelace has 2"),
        (["--complete", "0"], "there is no action 0"),
        (
            ["--rating", "6"],
            "--rating: must be from 1 to 5",
        ),
        (["--continue", "perhaps"], "'perhaps' is not one of 'yes', 'no', 'undecided', 'maybe'"),
        (["--done", "decide-continue"], "'decide-continue' ticks itself once continue is set"),
        (["--done", "appreciation"], "'appreciation' is not a mentee checklist item"),
        (["--feedback", ""], "--feedback: is empty"),
        (["--done", "send-topics"], "'send-topics' is not a mentee after checklist item"),
        (["--done", "receptive"], "use one of: follow-through, confidentiality"),
    ],
)
def test_bad_followup_input(
    run: Run, held: str, sessions_dir: Path, args: list[str], message: str
) -> None:
    assert_refused(run, sessions_dir, "followup", *args, message=message)


def test_mentee_thanks_email(run: Run, held: str, tmp_path: Path) -> None:
    run("followup", "--feedback", "The 30-day plan idea", "--continue", "yes")
    run("config", "name", "Grace Hopper")
    out = tmp_path / "thanks.eml"
    assert run("email", "--thanks", "--out", str(out)).exit_code == 0
    msg = email.message_from_bytes(out.read_bytes(), policy=email.policy.default)
    assert msg["Subject"] == "Thank you for our flash mentoring session on Tuesday 1 December"
    assert msg["X-Unsent"] == "1"
    body = msg.get_content().replace("\r\n", "\n")  # type: ignore[attr-defined]
    assert "What helped most: The 30-day plan idea" in body
    assert "1. Draft my 30-day plan — me, by Tuesday 8 December" in body
    assert "2. Introduce me to Sam — you" in body
    assert "- The Manager's Path\n- Sam Lee, engineering manager" in body
    assert "I would very much like to meet again" in body
    assert "Talk to two managers" not in body  # notes stay private unless exported
    assert body.rstrip().endswith("Thank you again,\nGrace Hopper")


def test_mentor_appreciation_email(run: Run) -> None:
    run("prep", "--role", "mentor", "--with", "Sam Lee <sam@example.org>")
    run("notes", "--action", "Ship the first small project", "--owner", "partner", "--due", "+2w")
    run("notes", "--referral", "Priya, who leads the data guild")
    run("followup", "--feedback", "How fresh eyes see our onboarding")
    body = run("email", "--thanks").stdout
    assert "I enjoyed it, and I gained from it too." in body
    assert "What I took from it: How fresh eyes see our onboarding" in body
    assert (
        "Your plan of action, as we agreed it:\n"
        "1. Ship the first small project — you, by Saturday 12 December" in body
    )
    assert "The resources and people I mentioned:\n- Priya, who leads the data guild" in body


def test_actions_across_sessions(run: Run, held: str, monkeypatch: pytest.MonkeyPatch) -> None:
    run("prep", "--with", "Grace Hopper", "--when", "2026-11-20 10:00")
    run("notes", "--action", "Read the COBOL paper", "--due", "2026-11-25")
    run("notes", "--action", "Done already", "--due", "2026-11-01")
    run("followup", "--complete", "2")
    out = run("actions").stdout
    lines = [line for line in out.splitlines()[1:] if line.strip()]
    assert [line.split()[0] for line in lines] == ["!", "○", "○"]  # overdue first, undated last
    assert "Read the COBOL paper" in lines[0] and "2026-11-20-grace-hopper #1" in lines[0]
    assert "Draft my 30-day plan" in lines[1] and "Introduce me to Sam" in lines[2]
    assert "Done already" not in out
    assert "Done already" in run("actions", "--all").stdout
    rows = json.loads(run("actions", "--json").stdout)
    assert [(r["session"], r["number"], r["overdue"]) for r in rows] == [
        ("2026-11-20-grace-hopper", 1, True),
        (held, 1, False),
        (held, 2, False),
    ]
    assert rows[2]["partner"] == "Ada Lovelace" and rows[2]["owner"] == "partner"


def test_carry_over_from_an_earlier_session(run: Run, held: str, sessions_dir: Path) -> None:
    result = run("prep", "--with", ADA, "--when", "2026-12-15 10:00")
    assert "Open actions from earlier sessions with Ada Lovelace:" in result.stderr
    assert "1. Draft my 30-day plan (me)" in result.stderr
    assert "2. Introduce me to Sam (Ada)" in result.stderr
    assert "flash prep 2026-12-15-ada-lovelace --carry (or --carry 1,3)" in result.stderr
    assert shown(run, "2026-12-15-ada-lovelace").get("review", []) == []
    assert run("prep", "--carry").exit_code == 0
    data = shown(run, "2026-12-15-ada-lovelace")
    assert data["review"] == ["Draft my 30-day plan", "Introduce me to Sam"]
    assert data.get("topics", []) == []
    assert "Open actions" not in run("prep", "--with", "Grace Hopper").stderr
    # Carried into the 15th's agenda, they are not offered again for a later session while
    # that one is still to come; once it is held, what is still open is offered anew.
    later = run("prep", "--with", ADA, "--when", "2026-12-22 10:00", "--no-input")
    assert "Open actions" not in later.stderr, later.stderr
    run("notes", "2026-12-15-ada-lovelace", "It went well")  # held
    again = run("prep", "--with", ADA, "--when", "2026-12-29 10:00", "--no-input")
    assert "1. Draft my 30-day plan (me)" in again.stderr


def test_many_open_actions_are_reviewed_in_one_slot(run: Run, held: str) -> None:
    for n in range(34):
        run("notes", held, "--action", f"Action {n}")
    result = run("prep", "--with", ADA, "--when", "2026-12-15 10:00", "--carry", "1,3-4")
    assert result.exit_code == 0, result
    sid = "2026-12-15-ada-lovelace"
    assert shown(run, sid)["review"] == ["Draft my 30-day plan", "Action 0", "Action 1"]
    agenda = json.loads(run("agenda", sid, "--json").stdout)
    [review] = [slot for slot in agenda["slots"] if slot["kind"] == "review"]
    assert review["title"] == "Review the open actions from before"
    assert review["items"] == ["Draft my 30-day plan", "Action 0", "Action 1"]
    assert review["minutes"] >= 10  # one slot, not one a minute for each
    assert run("prep", sid, "--carry").exit_code == 0  # the rest, once each
    assert len(shown(run, sid)["review"]) == 36
    text = " ".join(run("agenda", sid).stdout.split())
    assert "Review the open actions from before ○ Draft my 30-day plan ○ Action 0" in text
    assert (
        "And the open actions from last time:\n- Draft my 30-day plan" in run("email", sid).stdout
    )


@pytest.mark.parametrize("chosen", ["0", "3", "2-9", "2-1"])
def test_carrying_numbers_that_are_not_there_is_refused(
    run: Run, held: str, sessions_dir: Path, chosen: str
) -> None:
    run("prep", "--with", ADA, "--when", "2026-12-15 10:00")
    assert_refused(run, sessions_dir, "prep", "--carry", chosen, message="give numbers from 1 to 2")


def test_export_markdown(run: Run, held: str, tmp_path: Path) -> None:
    out = run("export", "--format", "markdown").stdout
    assert out.startswith("# Flash mentoring with Ada Lovelace\n")
    assert "## Plan of action\n\n- [ ] Draft my 30-day plan (me, due 2026-12-08)" in out
    assert "- [ ] Introduce me to Sam (Ada Lovelace)" in out
    assert "## Referrals\n\n- Sat 28 Nov 09:00 Sam Lee, engineering manager" in out
    target = tmp_path / "s.md"
    assert run("export", "--format", "markdown", "--out", str(target)).exit_code == 0
    assert target.read_text("utf-8") == out


def test_export_json_is_the_stored_data(run: Run, held: str) -> None:
    assert json.loads(run("export", "--format", "json").stdout) == shown(run, held)


def test_export_ics_opens_in_icalendar(run: Run, held: str, tmp_path: Path) -> None:
    target = tmp_path / "meeting.ics"
    assert run("export", "--format", "ics", "--out", str(target)).exit_code == 0
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    [event] = cal.walk("VEVENT")
    start = event.decoded("dtstart")
    assert start == datetime(2026, 12, 1, 10, tzinfo=timezone(timedelta(hours=1)))
    assert event.decoded("dtend") - start == timedelta(minutes=60)
    uid = shown(run, held)["uid"]
    assert str(event["uid"]) == uid and uid.endswith("@flash") and len(uid) > 40
    assert event["dtstart"].params["tzid"] == "Europe/Paris"  # the person's zone, by name
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert event.decoded("dtstamp") == datetime(2026, 11, 28, 8, tzinfo=UTC)
    assert str(event["summary"]) == "Flash mentoring with Ada Lovelace"
    assert str(event["location"]) == "Café Nero"
    description = str(event["description"])
    assert "10:09 (19 min) Is management for me?" in description
    assert str(event["attendee"]) == "mailto:ada@example.org"


def test_export_ics_needs_a_time(run: Run) -> None:
    run("prep", "--with", "Grace Hopper")
    result = run("export", "--format", "ics")
    assert result.exit_code == 1
    assert 'has no time yet; set one with: flash prep 2026-11-28-grace-hopper --when "' in (
        result.stderr
    )


def test_export_never_overwrites(run: Run, held: str, tmp_path: Path) -> None:
    target = tmp_path / "s.md"
    target.write_text("mine", "utf-8")
    assert run("export", "--out", str(target)).exit_code == 1
    assert target.read_text("utf-8") == "mine"


def test_delete(run: Run, held: str, sessions_dir: Path) -> None:
    result = run("delete", held)
    assert result.exit_code == 2 and "add --yes" in result.stderr
    assert (sessions_dir / f"{held}.toml").exists()
    assert run("delete", "2026-12-01", "--yes").stdout == (
        f"deleted {held}\n  removed sessions/{held}.toml\n"
    )
    assert not (sessions_dir / f"{held}.toml").exists()
    assert run("delete", held, "--yes").exit_code == 1


def test_overview_follows_the_phases(run: Run, ada: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run().stdout.strip().endswith("Next: flash prep")
    run("notes", "--action", "Read her paper first")  # written ahead: still before the meeting
    assert "during the session" not in run().stdout
    assert run().stdout.strip().endswith("Next: flash prep")
    monkeypatch.setenv("FLASH_NOW", "2026-12-01T10:10:00+01:00")
    assert "during the session" in run().stdout
    assert run().stdout.strip().endswith("Next: flash notes")
    run("notes", "--action", "Draft my plan", "--due", "2026-12-02")
    monkeypatch.setenv("FLASH_NOW", "2026-12-05T10:00:00+01:00")
    out = run().stdout
    assert "after" in out and "Needs you now: 3" in out and "Draft my plan (due Wed 2 Dec" in out
    assert out.strip().endswith("Next: flash followup")


def test_plain_output_in_a_pipe_carries_no_trailing_padding(run: Run, held: str) -> None:
    """Rich fills each line of a table out to its width; a pipe gets the text alone."""
    for args in (["agenda"], ["prep"], ["followup"], ["show"], [], ["list"], ["actions"]):
        out = run(*args).stdout
        assert out.strip(), args
        assert [line for line in out.splitlines() if line != line.rstrip()] == [], args


def test_an_optional_key_is_in_every_object_of_its_kind(run: Run, held: str) -> None:
    """An action's `done` was left out of followup --json until it was done."""
    run("followup", "--complete", "1")
    actions = json.loads(run("followup", "--json").stdout)["actions"]
    listed = json.loads(run("actions", "--all", "--json").stdout)
    assert [set(a) for a in actions] == [{"text", "owner", "due", "done", "uid"}] * 2
    assert {a["done"] is None for a in actions} == {True, False}
    assert all({"due", "done"} <= set(a) for a in listed)


def test_a_due_date_says_its_year_unless_it_goes_without_saying(run: Run, ada: str) -> None:
    """On a December 2026 session, 'Tue 20 Jan' would be read as January 2027."""
    for due in ("2026-12-08", "2026-01-20", "2027-01-19"):
        run("notes", "--action", f"Due {due}", "--due", due, "--no-input")
    run("notes", "--action", "Introduce me to Sam", "--owner", "partner")
    run("notes", "A first note")
    run("notes", "A second note")
    out = run("show").stdout
    assert "Tue 8 Dec" in out and "Tue 8 Dec 2026" not in out
    assert "Tue 20 Jan 2026" in out and "Tue 19 Jan 2027" in out
    # show writes actions as every other view does, and numbers notes as edit takes them
    assert "[me]" not in out and "[partner]" not in out and "Introduce me to Sam  Ada" in out
    assert "  1. Sat 28 Nov 09:00 note      A first note" in out and "  2. Sat 28 Nov" in out
