"""flash notes, one-shot: notes of each kind, actions with owners and due dates, --at, stdin."""

from pathlib import Path

import pytest

from tests.conftest import Run, assert_refused, without_uids
from tests.factories import shown


def test_a_note_from_text(run: Run, ada: str) -> None:
    result = run("notes", "Talk to two managers before deciding")
    assert result.exit_code == 0, result
    assert result.stdout == f"added 1 note to {ada}\n"
    [note] = without_uids(shown(run, ada)["notes"])
    assert note == {
        "at": "2026-11-28T09:00:00+01:00",
        "kind": "note",
        "text": "Talk to two managers before deciding",
    }


def test_a_note_from_stdin_keeps_its_lines(run: Run, ada: str) -> None:
    assert run("notes", "-", input="First line\r\nsecond line\n").exit_code == 0
    assert shown(run, ada)["notes"][0]["text"] == "First line\nsecond line"


def test_session_and_text(run: Run, ada: str) -> None:
    run("prep", "--with", "Grace Hopper")
    assert run("notes", ada, "For Ada's session").exit_code == 0
    assert shown(run, ada)["notes"][0]["text"] == "For Ada's session"


@pytest.mark.parametrize("ref", ["2026-12", "2026-12-01", "ada", "Lovelace"])
def test_one_argument_that_refers_to_a_session_is_never_silently_a_note(
    run: Run, ada: str, sessions_dir: Path, ref: str
) -> None:
    """A prefix, a date or a name means the session here as everywhere; with nothing else
    given, that would be live notes, which need a terminal: refused, and nothing is noted."""
    assert_refused(
        run, sessions_dir, "notes", ref, message=f"'{ref}' refers to 2026-12-01-ada-lovelace"
    )
    assert "flash notes SESSION" in run("notes", ref).stderr
    assert run("notes", ref, "--action", "Send the deck").exit_code == 0  # the session's
    assert shown(run, ada)["actions"][0]["text"] == "Send the deck"


def test_one_argument_that_refers_to_no_session_is_the_note(run: Run, ada: str) -> None:
    for text in ("2027 is the year", "Ada's advice: ask", "great"):
        assert run("notes", text).exit_code == 0
    assert [n["text"] for n in shown(run, ada)["notes"]] == [
        "2027 is the year",
        "Ada's advice: ask",
        "great",
    ]


def test_kinds_of_notes(run: Run, ada: str) -> None:
    run(
        "notes",
        "--question",
        "How did you decide?",
        "--resource",
        "The Manager's Path",
        "--referral",
        "Sam Lee, engineering manager",
    )
    notes = shown(run, ada)["notes"]
    assert [(n["kind"], n["text"]) for n in notes] == [
        ("question", "How did you decide?"),
        ("resource", "The Manager's Path"),
        ("referral", "Sam Lee, engineering manager"),
    ]


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        ("2026-12-24", "2026-12-24"),
        ("today", "2026-11-28"),
        ("tomorrow", "2026-11-29"),
        ("+3d", "2026-12-01"),
        ("+2w", "2026-12-12"),
    ],
)
def test_actions_with_due_dates(run: Run, ada: str, due: str, expected: str) -> None:
    assert run("notes", "--action", "Draft my 30-day plan", "--due", due).exit_code == 0
    [action] = without_uids(shown(run, ada)["actions"])
    assert action == {"text": "Draft my 30-day plan", "owner": "me", "due": expected}


def test_an_action_for_the_partner(run: Run, ada: str) -> None:
    run("notes", "--action", "Introduce me to Sam", "--owner", "partner")
    actions = without_uids(shown(run, ada)["actions"])
    assert actions == [{"text": "Introduce me to Sam", "owner": "partner"}]


def test_a_note_after_the_fact(run: Run, ada: str) -> None:
    run("notes", "--at", "2026-12-01 10:40", "She suggested a 30-day plan")
    assert shown(run, ada)["notes"][0]["at"] == "2026-12-01T10:40:00+01:00"


def test_a_note_makes_the_session_held(run: Run, ada: str) -> None:
    assert "planned" in run("list").stdout
    run("notes", "First note")
    assert "held" in run("list").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--action", "x", "--due", "the river"],
            "could not read 'the river' as a date; use YYYY-MM-DD, today, tomorrow, +3d, +2w, "
            "or words such as friday or in 2 weeks",
        ),
        (["--action", "x", "--due", "31/12"], "could not read '31/12' as a date"),
        (["--due", "+3d", "--action", "x"], "--due: belongs to the --action before it"),
        (["--action", "x", "--due", "+1d", "--due", "+2d"], "--due: one --action takes one"),
        (["--action", "x", "--owner", "boss"], "'boss' is not one of 'me', 'partner'"),
        (["--at", "yesterday", "x"], "'yesterday' is a day: give the time too"),
        (["--at", "soonish", "x"], "could not read 'soonish' as a date and time"),
        (["   "], "TEXT: is empty"),
        (["bell\x07"], "has control characters"),
        ([], "give the note as TEXT"),
    ],
)
def test_bad_notes_are_refused_and_nothing_changes(
    run: Run, ada: str, sessions_dir: Path, args: list[str], message: str
) -> None:
    assert_refused(run, sessions_dir, "notes", *args, message=message)


def test_notes_without_a_session(run: Run) -> None:
    result = run("notes", "hello")
    assert result.exit_code == 1
    assert "there is no open session" in result.stderr


def test_each_due_and_owner_belongs_to_the_action_before_it(run: Run, ada: str) -> None:
    result = run(
        "notes",
        *("--action", "Draft the plan", "--due", "+1w"),
        *("--action", "Introduce me to Sam", "--owner", "partner", "--due", "friday"),
        *("--action", "Read the book"),
    )
    assert result.exit_code == 0, result
    assert result.stdout == "added 3 actions to 2026-12-01-ada-lovelace\n"
    said = result.stderr.splitlines()
    assert said[:2] == ["+1w: Saturday 5 December 2026", "friday: Friday 4 December 2026"]
    assert [line.split(":")[0] for line in said[2:]] == [  # no cue, no date: hints (test_hints)
        "hint",
        "hint",
    ]
    assert without_uids(shown(run, ada)["actions"]) == [
        {"text": "Draft the plan", "owner": "me", "due": "2026-12-05"},
        {"text": "Introduce me to Sam", "owner": "partner", "due": "2026-12-04"},
        {"text": "Read the book", "owner": "me"},
    ]


def test_a_due_date_in_the_past_or_far_off_is_warned_about(run: Run, ada: str) -> None:
    result = run("notes", "--action", "Send the deck", "--due", "2026-01-15")
    assert result.exit_code == 0  # not at a terminal: a warning, and the date as given
    assert "warning: the due date Thursday 15 January 2026 is in the past" in result.stderr
    far = run("notes", "--action", "Review", "--due", "in 9 months")
    assert "is far from the session (Tuesday 1 December 2026)" in far.stderr
    assert [a["due"] for a in shown(run, ada)["actions"]] == ["2026-01-15", "2027-08-28"]


def test_a_note_that_would_make_the_file_unreadable_is_refused_before_writing(
    run: Run, ada: str, sessions_dir: Path
) -> None:
    before = (sessions_dir / f"{ada}.toml").read_bytes()
    result = run("notes", "-", input="x" * (17 * 2**20))  # 17 MB: over what flash reads
    assert result.exit_code == 1, result
    assert "larger than 16 MB, more than flash reads back; nothing was changed" in result.stderr
    assert "added" not in result.stdout
    assert (sessions_dir / f"{ada}.toml").read_bytes() == before
    assert run("show", ada).exit_code == 0  # the session still reads
