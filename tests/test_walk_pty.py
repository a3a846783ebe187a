"""The prepare walk in a real pseudo-terminal, answered the way a person would."""

import os
import signal
import sys
from pathlib import Path

import pexpect
import pytest

from tests.conftest import NOW
from tests.factories import flash, on_disk


def as_at_a_terminal() -> None:
    """In the child: Ctrl-C and Ctrl-\\ do what they do for a program a person starts at a
    terminal, even when these tests run in a background job (whose shell ignores SIGINT, and
    whose children would then never see a Ctrl-C)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)


def spawn(
    home: Path,
    *args: str,
    columns: int = 100,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> pexpect.spawn:
    """flash in a real pseudo-terminal of the given width (COLUMNS is left out: the pty rules)."""
    base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    fixed = {"FLASH_HOME": str(home), "FLASH_NOW": NOW, "NO_COLOR": "1", "TZ": "Europe/Paris"}
    return pexpect.spawn(
        sys.executable,
        ["-m", "flashcli", *args],
        env={**base, **fixed, **(env or {})},
        encoding="utf-8",
        timeout=20,
        dimensions=(40, columns),
        cwd=cwd,
        preexec_fn=as_at_a_terminal,
    )


def converse(child: pexpect.spawn, *turns: tuple[str, str]) -> None:
    """Wait for each prompt and give its answer, as a person at the keyboard would."""
    for prompt, answer in turns:
        child.expect_exact(prompt)
        child.sendline(answer)


def finish(child: pexpect.spawn, last: str, code: int = 0) -> str:
    """Wait for the last words and the exit code; the screen after the last words."""
    child.expect_exact(last)
    child.expect(pexpect.EOF)
    screen = child.before
    child.close()
    assert child.exitstatus == code, screen
    return screen


def test_a_mentee_walks_the_prepare_checklist(home: Path) -> None:
    child = spawn(home, "prep")
    child.expect_exact("Who are you meeting? (Name <email>)")
    child.sendline("Ada <not an address>")
    child.expect_exact("is not an email address")
    child.sendline("Ada Lovelace <ada@example.org>")
    child.expect_exact("Which language do you write to Ada in? (fr, es…; Enter: yours)")
    child.sendline("de")
    child.expect_exact("there is no catalogue for 'de'; flash writes in en, es, fr")
    child.sendline("")  # their drafts in the person's own language
    # The time first, before the session is written: its id carries the meeting's date.
    child.expect_exact("When do you meet?")
    child.sendline("next tuesday")
    child.expect_exact("'next tuesday' is a day: give the time too")
    child.sendline("next tuesday 10am")
    child.expect_exact("next tuesday 10am: Tuesday 1 December 2026, 10:00 (UTC+01:00)")
    child.expect_exact("Purpose (number):")
    child.sendline("4")
    child.expect_exact("What do you want from this session?")
    child.sendline("Plan my move into management")
    child.expect_exact("How will you know the session worked?")
    child.sendline("")  # skipped
    child.expect_exact("Topics you want to cover")
    child.sendline("Is management for me?")
    child.sendline("First steps")
    child.sendline("")
    child.expect_exact("Have you sent the topics to your mentor?")
    child.sendline("n")
    child.expect_exact("Where?")  # the time is not asked twice
    child.sendline("<")  # back to the question before, the last one asked
    child.expect_exact("Have you sent the topics to your mentor?")
    child.sendline("n")
    child.expect_exact("Where?")
    child.sendline("Café Nero")
    child.expect_exact("Suggested questions you might ask:")
    child.expect_exact("How did you decide on the steps in your own career?")
    child.expect_exact("Enter when done:")
    child.sendline("2-9")  # a range, never a question called "2-9"
    child.expect_exact("give numbers from 1 to")
    child.sendline("1,3")
    child.expect_exact("Enter when done:")
    child.sendline("What would you never do again?")
    child.expect_exact("Enter when done:")
    child.sendline("")
    child.expect_exact("Before the session (3/4)")
    child.expect_exact("10:09")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert [p.name for p in (home / "sessions").glob("*.toml")] == ["2026-12-01-ada-lovelace.toml"]
    data = on_disk(home)
    assert data["purpose"] == "career"
    assert data["goal"] == "Plan my move into management"
    assert "success" not in data
    assert data["topics"] == ["Is management for me?", "First steps"]
    assert data["where"] == "Café Nero"
    assert data["when"].isoformat() == "2026-12-01T10:00:00+01:00"  # type: ignore[attr-defined]
    assert data["questions"] == [
        "How did you decide on the steps in your own career?",
        "Who should I talk to, or what should I read, to learn more?",
        "What would you never do again?",
    ]
    assert data["ticked"] == []


def test_the_walk_asks_only_for_what_is_missing(home: Path) -> None:
    child = spawn(
        home,
        "prep",
        "--with",
        "Sam Lee <sam@example.org>",
        "--role",
        "mentor",
        "--purpose",
        "role",
        "--goal",
        "Settle into a team lead role",
        "--topic",
        "Delegation",
        "--when",
        "2026-12-02 14:00",
        "--where",
        "Video call",
    )
    converse(
        child,
        ("How will Sam know the session worked?", ""),
        ("Suggested open questions to ask:", "2"),
        ("Enter when done:", ""),
        ("Have you reviewed the objective", "y"),
    )
    before = finish(child, "Before the session (1/1)")
    assert "objective?" not in before  # it was given as a flag
    data = on_disk(home)
    assert data["ticked"] == ["review-objective"]
    assert data["questions"] == [
        "What does success in this role look like to you and to those around you?"
    ]


HINT = "(Enter skips a question; < goes back to the one before)"


def test_the_hint_comes_before_the_first_question_once(home: Path) -> None:
    """The time is asked before the session is written, and the hint comes before it."""
    child = spawn(home, "prep", "--with", "Ada Lovelace <ada@example.org>")
    child.expect_exact("When do you meet?")
    assert HINT in child.before
    child.sendline("")
    child.expect_exact("Purpose (number):")
    assert HINT not in child.before  # said once
    child.sendeof()
    finish(child, "Before the session (0/4)")


def test_the_hint_comes_before_the_carry_over_question(home: Path) -> None:
    made = ["--with", "Ada Lovelace <ada@example.org>", "--when", "2026-11-20 10:00"]
    assert flash(home, "prep", *made, "--no-input").returncode == 0
    assert flash(home, "notes", "--action", "Draft the plan").returncode == 0
    child = spawn(home, "prep", *made[:2], "--when", "2026-12-04 10:00")
    child.expect_exact("Carry which into the agenda?")
    assert HINT in child.before
    child.sendline("")
    child.expect_exact("Purpose (number):")
    assert HINT not in child.before  # said once
    child.sendeof()
    finish(child, "Before the session")


def test_with_no_topics_the_walk_never_asks_whether_they_were_sent(home: Path) -> None:
    child = spawn(home, "prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "friday 10am")
    converse(
        child,
        ("Purpose (number):", ""),
        ("What do you want from this session?", ""),
        ("How will you know the session worked?", ""),
        ("Topics you want to cover", ""),
    )
    asked = child.expect_exact(["Where?", "Have you sent the topics"])
    assert asked == 0, "asked whether topics were sent, with none"
    child.sendline("")
    converse(child, ("Enter when done:", ""))
    finish(child, "Before the session (0/4)")


def test_ctrl_d_stops_asking_and_prints_the_checklist(home: Path) -> None:
    child = spawn(home, "prep", "--with", "Ada Lovelace <ada@example.org>")
    child.expect_exact("When do you meet?")
    child.sendeof()  # at the first question: the session is started, and nothing more asked
    child.expect_exact("Before the session (0/4)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


@pytest.mark.parametrize("flag", ["--no-input"])
def test_no_input_never_asks(home: Path, flag: str) -> None:
    child = spawn(home, "prep", flag)
    child.expect_exact("there is no open session")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1


def test_going_back_and_a_60_column_terminal(home: Path) -> None:
    child = spawn(
        home, "prep", "--with", "Sam Lee <sam@example.org>", "--role", "mentor", columns=60
    )
    converse(
        child,
        ("When do you meet?", ""),  # optional: skipped
        ("Purpose (number):", "1"),
        ("What is Sam's objective?", "<"),  # picked the wrong purpose
        ("Purpose (number): [now: learning; Enter keeps it]", "2"),
        ("What is Sam's objective?", "Settle into a team lead role"),
        ("How will Sam know the session worked?", ""),
        ("Topics Sam wants to cover", "Delegating without losing touch"),
        ("  >", ""),
        ("Where?", ""),
        ("Enter when done:", ""),
        ("Have you reviewed the objective", "y"),
    )
    screen = finish(child, "Before the session (1/1)")
    assert all(len(line) <= 60 for line in screen.splitlines()), screen
    assert "Delegating without losing touch" in screen
    data = on_disk(home)
    assert data["purpose"] == "role" and data["goal"] == "Settle into a team lead role"
    assert "when" not in data and "where" not in data


def test_the_walk_asks_what_the_guidance_says(home: Path) -> None:
    """The questions are the guidance's: an organisation rewords one, and an item it adds is
    asked by its own prompt."""
    home.mkdir()
    (home / "guidance.toml").write_text(
        '[prompts.mentee]\ngoal = "In one line, your aim with {first}?"\n\n'
        '[[items]]\nrole = "mentee"\nphase = "prepare"\nkey = "read-profile"\n'
        'text = "Read your mentor\'s profile."\nprompt = "Have you read the profile?"\n',
        encoding="utf-8",
    )
    child = spawn(home, "prep", "--with", "Ada Lovelace <ada@example.org>", "--purpose", "role")
    converse(
        child,
        ("When do you meet?", ""),
        ("In one line, your aim with Ada?", "Lead a team"),
        ("How will you know the session worked?", ""),
        ("Topics you want to cover", ""),
        ("Where?", ""),  # no topics: none to have sent
        ("Enter when done:", ""),
        ("Have you read the profile?", "y"),
    )
    finish(child, "Before the session (2/5)")
    assert on_disk(home)["ticked"] == ["read-profile"]


def test_topics_are_kept_line_by_line_and_lines_can_be_edited(home: Path) -> None:
    """Ctrl-C or Ctrl-D mid-way through the topics keeps those typed (once, none were)."""
    for stop in ("intr", "eof"):
        child = spawn(
            home, "prep", "--with", "Ada Lovelace <ada@example.org>", env={"TERM": "xterm"}
        )
        converse(
            child,
            ("When do you meet?", ""),
            ("Purpose (number):", "1"),
            ("What do you want from this session?", "Plan my move"),
            ("How will you know", ""),
        )
        child.expect_exact("Topics you want to cover")
        child.expect_exact(">")
        child.send("First steps" + "\x1b[D" * 5 + "small \r")
        child.expect_exact(">")
        child.send("Is management for me?\r")
        child.expect_exact(">")
        if stop == "intr":
            child.sendintr()
            finish(child, "what you entered so far is saved", code=130)
        else:
            child.sendeof()
            finish(child, "Agenda")
        data = on_disk(home)
        assert data["topics"] == ["First small steps", "Is management for me?"], stop
        for path in (home / "sessions").glob("*.toml"):
            path.unlink()
