"""Live notes and the follow-up walk in a real pseudo-terminal."""

import email
import email.policy
import json
import signal
from pathlib import Path

import pexpect

from tests.conftest import without_uids
from tests.factories import flash
from tests.test_walk_pty import converse, finish, spawn

PROMPT = "min left] > "


def prepared(home: Path, *extra: str) -> None:
    env_args = [
        "--with",
        "Ada Lovelace <ada@example.org>",
        "--goal",
        "Plan my move",
        "--purpose",
        "career",
        "--when",
        "2026-11-28 08:50",
        "--no-input",
        *extra,
    ]
    child = spawn(home, "prep", *env_args)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def show(home: Path) -> dict:  # type: ignore[type-arg]
    child = spawn(home, "show", "2026-11-28-ada-lovelace", "--json")  # closed or not
    child.expect(pexpect.EOF)
    return json.loads(child.before)


def test_live_notes_one_line_one_note(home: Path) -> None:
    prepared(home)
    child = spawn(home, "notes")
    child.expect_exact("Live notes with Ada Lovelace")
    child.expect_exact("50 of 60 min left")  # it started at 08:50; the clock says 09:00
    child.expect_exact("Objective: Plan my move")
    child.expect_exact("○ receptive")
    child.expect_exact(PROMPT)
    child.sendline("Talk to two managers before deciding")
    child.expect_exact("saved (1 note, 0 actions)")
    child.sendline("? How did you decide?")
    child.sendline("+ The Manager's Path")
    child.sendline("@ Sam Lee, engineering manager")
    child.sendline("! Draft my 30-day plan by friday")
    child.expect_exact("saved (4 notes, 1 action)")
    child.expect_exact("due Friday 4 December 2026")
    child.sendline("!! Introduce me to Sam")
    child.expect_exact("saved (4 notes, 2 actions)")
    child.sendline("! Walk by the river")
    child.expect_exact("could not read 'the river' as a date: kept in the text")
    child.sendline("! Email Sam by 2026-01-15")
    child.expect_exact("warning: the due date Thursday 15 January 2026 is in the past;")
    child.expect_exact("flash edit --action 4 --due DATE mends it")
    child.sendline("/plan")
    child.expect_exact("Plan of action (4)")
    child.expect_exact("Draft my 30-day plan")
    child.sendline("/help")
    child.expect_exact("an action for Ada")
    child.sendline("/tick receptive")
    child.expect_exact("ticked")
    child.sendline("/tick close-plan")
    child.expect_exact("'close-plan' ticks itself once actions is set")
    child.sendline("/nonsense")
    child.expect_exact("unknown command /nonsense; /help lists them")
    child.sendline("/done")
    child.expect_exact("Plan of action (4)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    data = show(home)
    assert [(n["kind"], n["text"]) for n in data["notes"]] == [
        ("note", "Talk to two managers before deciding"),
        ("question", "How did you decide?"),
        ("resource", "The Manager's Path"),
        ("referral", "Sam Lee, engineering manager"),
    ]
    assert without_uids(data["actions"]) == [
        {"text": "Draft my 30-day plan", "owner": "me", "due": "2026-12-04"},
        {"text": "Introduce me to Sam", "owner": "partner"},
        {"text": "Walk by the river", "owner": "me"},
        {"text": "Email Sam", "owner": "me", "due": "2026-01-15"},
    ]
    assert data["ticked"] == ["receptive"]


def test_mentor_sees_open_questions(home: Path) -> None:
    prepared(home, "--role", "mentor")
    child = spawn(home, "notes")
    child.expect_exact("Open questions")
    child.expect_exact("Where would you like to be in two or three years?")
    child.expect_exact(PROMPT)
    child.sendeof()
    child.expect_exact("No plan of action yet.")  # reminded to close with one
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_a_killed_live_session_keeps_every_line_entered(home: Path) -> None:
    prepared(home)
    child = spawn(home, "notes")
    for n in range(5):
        child.expect_exact(PROMPT)
        child.sendline(f"note {n}")
    child.expect_exact("saved (5 notes")
    child.kill(signal.SIGKILL)
    child.close()
    assert [n["text"] for n in show(home)["notes"]] == [f"note {n}" for n in range(5)]
    assert not list((home / "sessions").glob(".*.tmp"))


def test_followup_walk(home: Path, tmp_path: Path) -> None:
    prepared(home)
    for args in (
        ["--action", "Draft my 30-day plan", "--due", "+1w"],
        ["--action", "Read the book", "--action", "Introduce me to Sam", "--owner", "partner"],
    ):
        assert flash(home, "notes", *args).returncode == 0
    child = spawn(home, "followup", cwd=tmp_path)
    child.expect_exact("1. Draft my 30-day plan (me, due Saturday 5 December): done?")
    child.sendline("y")
    child.expect_exact("2. Read the book (me): done?")
    child.sendline("2026-01-15")
    child.expect_exact("warning: the due date Thursday 15 January 2026 is in the past")
    child.expect_exact("Keep it? [y/N]")
    child.sendline("n")
    child.expect_exact("then give another date, or y or n")
    child.sendline("in 2 weeks")
    child.expect_exact("in 2 weeks: Saturday 12 December 2026")
    # An action of mine with no cue: offered as "When …, I will …", in my words.
    child.expect_exact("2. Read the book: when will you do it?")
    child.sendline("after Monday's standup")
    child.expect_exact("3. Introduce me to Sam (Ada): done?")  # not mine: no cue asked
    child.sendline("n")
    child.expect_exact("Have you followed through on what you agreed?")
    child.sendline("n")
    child.expect_exact("Reminder: Keep what your mentor shared in confidence confidential.")
    child.expect_exact("Will you keep what was shared confidential?")
    child.sendline("y")
    child.expect_exact("What helped most?")
    child.sendline("The 30-day plan idea")
    child.expect_exact("How useful was it, 1 to 5?")
    child.sendline("9")
    child.expect_exact("must be from 1 to 5")
    child.sendline("4")
    child.expect_exact("Continue meeting? (yes, no or maybe)")  # before the thank-you says it
    child.sendline("yes")
    child.expect_exact("Write the thank-you email as a draft (thanks-2026-11-28-ada-lovelace.eml)?")
    child.sendline("y")
    child.expect_exact("wrote thanks-2026-11-28-ada-lovelace.eml")
    child.expect_exact("Have you thanked your mentor and given feedback?")
    child.sendline("y")
    child.expect_exact("Close this session?")  # the decision is not asked twice
    child.sendline("y")
    child.expect_exact("Your first check-in falls due on Saturday 12 December:")
    child.expect_exact("After (3/4)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    data = show(home)
    assert "done" in data["actions"][0] and data["actions"][1]["due"] == "2026-12-12"
    assert data["actions"][1]["text"] == "After Monday's standup, I will read the book"
    assert (data["feedback"], data["rating"], data["continue"]) == (
        "The 30-day plan idea",
        4,
        "yes",
    )
    assert data["ticked"] == ["confidentiality", "thank-feedback"]
    assert data["closed"].startswith("2026-11-28")
    draft = (tmp_path / "thanks-2026-11-28-ada-lovelace.eml").read_text("utf-8")
    assert "X-Unsent: 1" in draft
    assert (
        "I would very much like to meet again"
        in email.message_from_string(draft, policy=email.policy.default).get_content()
    )  # type: ignore[attr-defined]


def test_followup_walk_goes_back_to_mend_an_answer(home: Path) -> None:
    prepared(home)
    spawn(home, "notes", "--action", "Draft my 30-day plan").expect(pexpect.EOF)
    child = spawn(home, "followup")
    child.expect_exact("1. Draft my 30-day plan (me): done?")
    child.sendline("y")
    child.expect_exact("Have you followed through on what you agreed?")
    child.sendline("<")  # not done after all
    child.expect_exact("[now: done; Enter keeps it]")
    child.sendline("n")
    child.expect_exact("1. Draft my 30-day plan: when will you do it?")  # open again: asked
    child.sendline("")  # skipped: the text stays as it was
    child.expect_exact("Have you followed through on what you agreed?")
    child.sendline("")
    child.expect_exact("Will you keep what was shared confidential?")
    child.sendeof()  # stop here; the rest can wait
    child.expect_exact("After (0/4)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "done" not in show(home)["actions"][0]
    assert show(home)["actions"][0]["text"] == "Draft my 30-day plan"


def test_continue_meeting_is_asked_once_a_walk_even_when_skipped(home: Path) -> None:
    """The thank-you item asks the decision (the email says it); the decision's own item
    asks it no second time, answered or not."""
    prepared(home)
    child = spawn(home, "followup")
    converse(
        child,
        ("Have you followed through on what you agreed?", ""),
        ("Will you keep what was shared confidential?", ""),
        ("What helped most?", ""),
        ("How useful was it, 1 to 5?", ""),
        ("Continue meeting? (yes, no or maybe)", ""),
        ("Write the thank-you email as a draft", "n"),
        ("Have you thanked your mentor and given feedback?", ""),
    )
    asked = child.expect_exact(["Close this session?", "Continue meeting?"])
    assert asked == 0, "Continue meeting? asked again"
    child.sendline("")
    finish(child, "After (0/4)")


def test_at_a_terminal_a_doubtful_due_date_is_asked_about(home: Path) -> None:
    prepared(home)
    for answer, code in (("n", 1), ("y", 0)):
        child = spawn(home, "notes", "--action", "Send the deck", "--due", "2026-01-15")
        child.expect_exact("warning: the due date Thursday 15 January 2026 is in the past")
        child.expect_exact("Keep it? [y/N]")
        child.sendline(answer)
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == code
        if code:
            assert "nothing saved; give the date again with --due" in child.before
            assert show(home)["actions"] == []
    actions = without_uids(show(home)["actions"])
    assert actions == [{"text": "Send the deck", "owner": "me", "due": "2026-01-15"}]


LEFT, UP, CTRL_A, CTRL_E = "\x1b[D", "\x1b[A", "\x01", "\x05"


def test_live_notes_edit_the_line_and_recall_earlier_ones(home: Path) -> None:
    """← then Enter once refused the line ("has control characters") and the note was lost."""
    prepared(home)
    child = spawn(home, "notes", env={"TERM": "xterm"})
    child.expect_exact(PROMPT)
    child.send(f"Talk to managers{LEFT * 8}two {CTRL_E}, then decide\r")
    child.expect_exact("saved (1 note, 0 actions)")
    child.expect_exact(PROMPT)
    child.send(f"{UP}{CTRL_A}? \r")  # the same line again, made a question
    child.expect_exact("saved (2 notes, 0 actions)")
    child.expect_exact(PROMPT)
    child.send("/pl\t\r")  # Tab completes the commands
    child.expect_exact("who does what, and by when (! adds one)")  # /plan, with no actions
    child.expect_exact(PROMPT)
    child.sendline("/done")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert [(n["kind"], n["text"]) for n in show(home)["notes"]] == [
        ("note", "Talk to two managers, then decide"),
        ("question", "Talk to two managers, then decide"),
    ]
