"""flash prep through the real CLI: every flag, resuming, and every bad input refused cleanly."""

import json
from pathlib import Path

import pytest

from tests.conftest import ADA, Run, assert_refused
from tests.factories import on_disk


def test_prep_with_every_flag(run: Run, sessions_dir: Path) -> None:
    result = run(
        "prep",
        "--with",
        ADA,
        "--role",
        "mentee",
        "--when",
        "2026-12-01 10:00",
        "--minutes",
        "45",
        "--where",
        "Café Nero",
        "--purpose",
        "career",
        "--goal",
        "Plan my move into management",
        "--success",
        "I leave with two next steps",
        "--topic",
        "Is management for me?",
        "--topic",
        "First steps",
        "--question",
        "What surprised you?",
        "--question",
        "What would you skip?",
        "--reverse",
        "--done",
        "send-topics",
    )
    assert result.exit_code == 0, result
    data = on_disk(sessions_dir.parent, "2026-12-01-ada-lovelace")
    assert data["partner"] == {"name": "Ada Lovelace", "email": "ada@example.org"}
    assert data["role"] == "mentee" and data["purpose"] == "career" and data["reverse"] is True
    assert data["when"].isoformat() == "2026-12-01T10:00:00+01:00"  # type: ignore[attr-defined]
    assert data["minutes"] == 45 and data["where"] == "Café Nero"
    assert data["goal"] == "Plan my move into management"
    assert data["success"] == "I leave with two next steps"
    assert data["topics"] == ["Is management for me?", "First steps"]
    assert data["questions"] == ["What surprised you?", "What would you skip?"]
    assert data["ticked"] == ["send-topics"]
    out = result.stdout
    assert "Before the session (4/4)" in out
    assert "✓ send-topics" in out and "○" not in out.split("Agenda")[0]
    assert "10:00" in out and "10:42" in out  # the close slot of a 45-minute session
    assert "Reverse mentoring: I am the one learning, from Ada." in out
    assert "What surprised you?" in out


def test_prep_without_with_resumes_the_current_session(
    run: Run, ada: str, sessions_dir: Path
) -> None:
    result = run("prep", "--topic", "Managing former peers", "--question", "How did you choose?")
    assert result.exit_code == 0, result
    data = on_disk(sessions_dir.parent, ada)
    assert data["topics"] == ["Is management for me?", "First steps", "Managing former peers"]
    assert data["questions"] == ["How did you choose?"]
    assert len(list(sessions_dir.iterdir())) == 1


def test_prep_resumes_a_named_session_by_prefix(run: Run, ada: str, sessions_dir: Path) -> None:
    run("prep", "--with", "Grace Hopper <grace@example.org>")
    assert run("prep", "2026-12-01-ada", "--where", "Online").exit_code == 0
    assert on_disk(sessions_dir.parent, ada)["where"] == "Online"


def test_a_second_session_with_the_same_person_and_day_gets_a_suffix(
    run: Run, ada: str, sessions_dir: Path
) -> None:
    assert run("prep", "--with", ADA, "--when", "2026-12-01 15:00").exit_code == 0
    assert (sessions_dir / f"{ada}-2.toml").exists()


def test_the_id_uses_today_until_there_is_a_date(run: Run, sessions_dir: Path) -> None:
    assert run("prep", "--with", "Grace Hopper").exit_code == 0
    assert (sessions_dir / "2026-11-28-grace-hopper.toml").exists()


def test_mentor_prep_and_defaults_from_config(run: Run, sessions_dir: Path) -> None:
    run("config", "role", "mentor")
    run("config", "minutes", "30")
    result = run("prep", "--with", "Sam Lee <sam@example.org>", "--goal", "Find a first data job")
    assert result.exit_code == 0, result
    data = on_disk(sessions_dir.parent, "2026-11-28-sam-lee")
    assert data["role"] == "mentor" and data["minutes"] == 30
    assert "Before the session (0/1)" in result.stdout
    assert "Sam's objective: Find a first data job" in result.stdout
    assert run("prep", "--done", "review-objective").exit_code == 0
    assert on_disk(sessions_dir.parent, "2026-11-28-sam-lee")["ticked"] == ["review-objective"]


def test_done_and_undo(run: Run, ada: str, sessions_dir: Path) -> None:
    run("prep", "--done", "send-topics")
    assert on_disk(sessions_dir.parent, ada)["ticked"] == ["send-topics"]
    run("prep", "--undo", "send-topics")
    assert on_disk(sessions_dir.parent, ada)["ticked"] == []


def test_over_an_hour_is_allowed_with_a_warning(run: Run, ada: str, sessions_dir: Path) -> None:
    result = run("prep", "--minutes", "90")
    assert result.exit_code == 0
    assert "a flash session is an hour or less" in result.stderr
    assert on_disk(sessions_dir.parent, ada)["minutes"] == 90


def test_prep_json(run: Run, ada: str) -> None:
    data = json.loads(run("prep", "--json").stdout)
    assert data["id"] == ada
    assert [c["key"] for c in data["checklist"]] == ["goals", "send-topics", "arrange", "questions"]
    assert [c["done"] for c in data["checklist"]] == [True, False, True, False]
    assert data["agenda"]["slots"][0]["start"] == "2026-12-01T10:00:00+01:00"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--when", "31/12"], "could not read '31/12' as a date and time"),
        (["--when", "tomorrow"], "'tomorrow' is a day: give the time too"),
        (["--minutes", "5"], "5 minutes will not do; give between 10 and 480"),
        (["--minutes", "ten"], "flash: invalid value for '--minutes'"),
        (["--role", "boss"], "'boss' is not one of 'mentee', 'mentor'"),
        (["--purpose", "fun"], "'fun' is not one of"),
        (["--with", "Ada <ada@nowhere>"], "'ada@nowhere' is not an email address"),
        (["--with", "ada@example.org"], "has no name"),
        (["--with", "Ada\nBcc: all@example.org"], "--with: must be a single line"),
        (["--goal", "   "], "is empty; give some text"),
        (["--where", "Café\r\nX-Evil: 1"], "must be a single line"),
        (["--done", "nap"], "'nap' is not a mentee checklist item; use one of: goals, send-topics"),
        (["--done", "goals"], "'goals' ticks itself once goal is set"),
        (["--undo", "arrange"], "'arrange' ticks itself once when and where is set"),
        (["2026-12-01-ada", "--with", "Grace"], "give either SESSION (to resume) or --with"),
        (["--no-such-flag"], "flash: no such option"),
    ],
)
def test_bad_input_is_a_usage_error_and_changes_nothing(
    run: Run, ada: str, sessions_dir: Path, args: list[str], message: str
) -> None:
    assert_refused(run, sessions_dir, "prep", *args, message=message)


def test_too_many_topics_for_the_minutes(run: Run, ada: str, sessions_dir: Path) -> None:
    before = (sessions_dir / f"{ada}.toml").read_bytes()
    result = run("prep", "--minutes", "10", *[f"--topic=T{n}" for n in range(8)])
    assert result.exit_code == 1
    assert "10 topics do not fit in 10 minutes" in result.stderr
    assert (sessions_dir / f"{ada}.toml").read_bytes() == before


def test_nothing_to_resume(run: Run) -> None:
    result = run("prep", "--goal", "x")
    assert result.exit_code == 1
    assert (
        result.stderr
        == 'flash: there is no open session; start one with: flash prep --with "Name <email>"\n'
    )


def test_unknown_session(run: Run, ada: str) -> None:
    result = run("prep", "zz")
    assert result.exit_code == 1
    assert result.stderr == "flash: no session matches 'zz'; see 'flash list'\n"


def test_a_broken_session_file_is_named_and_untouched(
    run: Run, ada: str, sessions_dir: Path
) -> None:
    path = sessions_dir / f"{ada}.toml"
    path.write_text("schema = 1\nid = \n", "utf-8")
    result = run("prep", ada, "--goal", "x")
    assert result.exit_code == 1
    assert f"cannot use session file {path}: not valid TOML" in result.stderr
    assert "line 2" in result.stderr
    assert path.read_text("utf-8") == "schema = 1\nid = \n"


def test_the_next_step_follows_what_is_done(run: Run, ada: str) -> None:
    assert f"next: flash email {ada} --out agenda.eml" in run("prep", "--no-input").stdout
    after = run("prep", "--done", "send-topics", "--no-input").stdout
    assert "flash email" not in after and f"next: flash notes {ada}  (once you meet)" in after
    run("prep", "--with", "Grace Hopper", "--done", "send-topics", "--no-input")
    assert (
        'next: flash prep 2026-11-28-grace-hopper --when "YYYY-MM-DD HH:MM"'
        in run("prep", "--no-input").stdout
    )


def test_a_bare_prep_says_which_session_it_goes_on_with(run: Run, ada: str) -> None:
    result = run("prep", "--no-input")
    assert result.stderr.startswith(
        f"preparing {ada} with Ada Lovelace; to start another: flash prep --with"
    )
    assert "preparing" not in run("prep", ada, "--no-input").stderr  # named: no need to say


def test_notes_from_another_day_show_their_day(run: Run, ada: str) -> None:
    run("notes", "--at", "2026-12-01 10:20", "On the day")
    run("notes", "--at", "2026-12-03 09:05", "Two days later")
    shown = run("show").stdout
    assert "10:20 note      On the day" in shown
    assert "Thu 3 Dec 09:05 note      Two days later" in shown
    assert "- Thu 3 Dec 09:05 Two days later" in run("export", "--format", "markdown").stdout
