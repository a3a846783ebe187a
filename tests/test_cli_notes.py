"""flash notes, one-shot: notes of each kind, actions with owners and due dates, --at, stdin."""

import json
from pathlib import Path

import pytest

from tests.conftest import Run, assert_refused


def stored(run: Run, sid: str) -> dict:  # type: ignore[type-arg]
    return json.loads(run("show", sid, "--json").stdout)


def test_a_note_from_text(run: Run, ada: str) -> None:
    result = run("notes", "Talk to two managers before deciding")
    assert result.exit_code == 0, result
    assert result.stdout == f"added 1 note to {ada}\n"
    [note] = stored(run, ada)["notes"]
    assert note == {
        "at": "2026-11-28T09:00:00+01:00",
        "kind": "note",
        "text": "Talk to two managers before deciding",
    }


def test_a_note_from_stdin_keeps_its_lines(run: Run, ada: str) -> None:
    assert run("notes", "-", input="First line\r\nsecond line\n").exit_code == 0
    assert stored(run, ada)["notes"][0]["text"] == "First line\nsecond line"


def test_session_and_text(run: Run, ada: str) -> None:
    run("prep", "--with", "Grace Hopper")
    assert run("notes", ada, "For Ada's session").exit_code == 0
    assert stored(run, ada)["notes"][0]["text"] == "For Ada's session"


def test_one_argument_is_the_note_unless_it_is_exactly_an_id(run: Run, ada: str) -> None:
    run("notes", "2026-12")  # a prefix is not taken as a session
    assert stored(run, ada)["notes"][0]["text"] == "2026-12"
    result = run("notes", ada)  # an exact id means live notes, which need a terminal
    assert result.exit_code == 2
    assert "live notes need a terminal" in result.stderr


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
    notes = stored(run, ada)["notes"]
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
    [action] = stored(run, ada)["actions"]
    assert action == {"text": "Draft my 30-day plan", "owner": "me", "due": expected}


def test_an_action_for_the_partner(run: Run, ada: str) -> None:
    run("notes", "--action", "Introduce me to Sam", "--owner", "partner")
    assert stored(run, ada)["actions"] == [{"text": "Introduce me to Sam", "owner": "partner"}]


def test_a_note_after_the_fact(run: Run, ada: str) -> None:
    run("notes", "--at", "2026-12-01 10:40", "She suggested a 30-day plan")
    assert stored(run, ada)["notes"][0]["at"] == "2026-12-01T10:40:00+01:00"


def test_a_note_makes_the_session_held(run: Run, ada: str) -> None:
    assert "planned" in run("list").stdout
    run("notes", "First note")
    assert "held" in run("list").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--action", "x", "--due", "friday"],
            "could not read 'friday' as a date; use YYYY-MM-DD, today, tomorrow, +3d or +2w",
        ),
        (["--action", "x", "--due", "31/12"], "could not read '31/12' as a date"),
        (["--due", "+3d"], "--due goes with --action"),
        (["--action", "x", "--owner", "boss"], "'boss' is not one of 'me', 'partner'"),
        (["--at", "yesterday", "x"], "could not read 'yesterday' as a date and time"),
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
