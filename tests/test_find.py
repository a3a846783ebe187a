"""Finding sessions and actions: references by date and name, ids in any script, filters."""

import json
from pathlib import Path

import pytest

from tests.conftest import ADA, Run


def make(run: Run, partner: str, *more: str) -> str:
    result = run("prep", "--with", partner, "--no-input", "--json", *more)
    assert result.exit_code == 0, result
    return str(json.loads(result.stdout)["id"])


@pytest.mark.parametrize(
    ("partner", "sid"),
    [
        ("李小龙 <li@example.org>", "2026-11-28-li-xiao-long"),
        ("Ζωή Παπαδοπούλου <zoe@example.org>", "2026-11-28-zoe-papadopoulou"),
        ("Анна Каренина <anna@example.org>", "2026-11-28-anna-karenina"),
        ("🚀 <sun.li@example.org>", "2026-11-28-sun-li"),
        ("🚀", "2026-11-28-partner"),
    ],
)
def test_ids_spell_names_in_any_script(run: Run, partner: str, sid: str) -> None:
    assert make(run, partner) == sid


def test_a_session_is_found_by_its_meeting_date(run: Run) -> None:
    made = make(run, "José Ñúñez <jose@example.org>")  # made on 28 November, no time yet
    run("prep", made, "--when", "2026-12-03 10:00", "--no-input")
    result = run("show", "2026-12-03", "--json")
    assert result.exit_code == 0, result
    assert json.loads(result.stdout)["id"] == made == "2026-11-28-jose-nunez"


@pytest.mark.parametrize("ref", ["jose", "JOSÉ", "nunez", "Ñúñez José", "josé ñúñez"])
def test_a_session_is_found_by_its_partner_case_and_accents_aside(run: Run, ref: str) -> None:
    made = make(run, "José Ñúñez <jose@example.org>")
    make(run, ADA)
    result = run("show", ref, "--json")
    assert result.exit_code == 0, result
    assert json.loads(result.stdout)["id"] == made


@pytest.mark.parametrize("ref", ["li", "xiao long", "LONG"])
def test_a_word_of_the_name_as_the_id_spells_it_refers_to_the_session(run: Run, ref: str) -> None:
    made = make(run, "李小龙 <li@example.org>")
    current = make(run, ADA)  # the current session, which a misread reference would reach
    assert run("notes", ref, "--action", "Send the book").exit_code == 0
    assert [a["text"] for a in json.loads(run("show", made, "--json").stdout)["actions"]] == [
        "Send the book"
    ]
    assert json.loads(run("show", current, "--json").stdout)["notes"] == []
    assert run("email", ref).exit_code == 0


def test_a_whole_id_that_is_gone_never_means_the_one_made_after_it(run: Run) -> None:
    first = make(run, ADA, "--when", "2026-12-01 10:00")
    second = make(run, ADA, "--when", "2026-12-01 15:00")
    assert second == f"{first}-2"
    assert run("delete", first, "--yes").exit_code == 0
    again = run("delete", first, "--yes")
    assert again.exit_code == 1 and f"no session matches '{first}'" in again.stderr
    for args in ([first, "x"], [first, "--action", "x"]):  # never a note in the other one
        assert run("notes", *args).exit_code == 1
    assert json.loads(run("show", second, "--json").stdout)["actions"] == []
    assert run("show", "2026-12-01-ada", "--json").exit_code == 0  # a prefix still finds it


def test_a_reference_that_fits_several_lists_them(run: Run) -> None:
    """A change never guesses which session is meant, nor does a name two people share."""
    first = make(run, "José Ñúñez <jose@example.org>")
    second = make(run, "José Ñúñez <jose@example.org>", "--when", "2026-12-03 10:00")
    result = run("notes", "jose", "A note")
    assert result.exit_code == 1
    assert f"'jose' matches 2 sessions: {first}, {second}; give more of the id" in result.stderr
    assert run("notes", "2026-12-03", "A note").exit_code == 0  # the date tells them apart
    assert run("show", "jos").exit_code == 1  # whole words only: no prefix of a name
    assert "no session matches 'jos'" in run("show", "jos").stderr
    other = make(run, "José Ruiz <ruiz@example.org>")
    shared = run("agenda", "jose")
    assert shared.exit_code == 1
    assert f"'jose' matches 3 sessions: {first}, {other}, {second};" in shared.stderr


def test_a_name_that_fits_several_sessions_of_one_person_shows_the_coming_one(
    run: Run,
) -> None:
    """Saturday 28 November: Ada was met on the 20th, and is met again on 1 and 8 December."""
    past = make(run, ADA, "--when", "2026-11-20 10:00")
    coming = make(run, ADA, "--when", "2026-12-01 10:00")
    later = make(run, ADA, "--when", "2026-12-08 10:00")
    said = (
        f"'ada' matches 3 sessions with Ada Lovelace: this is the coming one, {coming}; "
        f"for another, give its id: {past}, {later}\n"
    )
    for command in (["agenda"], ["show"], ["export", "--format", "json"]):
        result = run(*command, "ada")
        assert result.exit_code == 0, result
        assert result.stderr == said
        assert coming in result.stdout and past not in result.stdout
    assert json.loads(run("show", "ada", "--json").stdout)["id"] == coming
    changed = run("edit", "ada", "--where", "Café Nero")  # a change lists them
    assert changed.exit_code == 1 and "give more of the id" in changed.stderr


def test_a_meeting_under_way_is_the_coming_one_and_with_none_to_come_the_last(
    run: Run,
) -> None:
    under_way = make(run, ADA, "--when", "2026-11-28 08:30")  # until 09:30; it is 09:00
    make(run, ADA, "--when", "2026-11-20 10:00")
    assert f"Agenda: {under_way}" in run("agenda", "ada").stdout
    assert run("delete", under_way, "--yes").exit_code == 0
    last = make(run, ADA, "--when", "2026-11-25 10:00")
    result = run("agenda", "ada")
    assert f"Agenda: {last}" in result.stdout
    assert f"this is the most recent, {last}; for another" in result.stderr


@pytest.fixture
def planned(run: Run) -> None:
    """Two sessions, each with an action of each side, one of them overdue."""
    make(run, ADA)
    run("notes", "--action", "Draft my plan", "--due", "2026-11-20")
    run("notes", "--action", "Introduce me to Sam", "--owner", "partner")
    make(run, "José Ñúñez <jose@example.org>")
    run("notes", "--action", "Read the book", "--due", "2026-12-20")
    run("notes", "--action", "Send the slides", "--owner", "partner", "--due", "2026-11-01")


def texts(run: Run, *flags: str) -> list[str]:
    result = run("actions", "--json", *flags)
    assert result.exit_code == 0, result
    return [row["text"] for row in json.loads(result.stdout)]


def test_actions_filters(run: Run, planned: None) -> None:
    assert texts(run, "--mine") == ["Draft my plan", "Read the book"]
    assert texts(run, "--theirs") == ["Send the slides", "Introduce me to Sam"]
    assert texts(run, "--with", "jose") == ["Send the slides", "Read the book"]
    assert texts(run, "--overdue") == ["Send the slides", "Draft my plan"]
    assert texts(run, "--mine", "--overdue", "--with", "ada") == ["Draft my plan"]
    assert run("actions", "--with", "nobody").stdout == "No actions match.\n"
    refused = run("actions", "--mine", "--theirs")
    assert refused.exit_code == 2 and "--mine and --theirs" in refused.stderr


def test_the_overview_names_who_owns_each_overdue_action(run: Run, planned: None) -> None:
    out = " ".join(run().stdout.split())
    assert "Needs you now: 2 ! Draft my plan (due Fri 20 Nov; with Ada Lovelace)" in out
    assert "! Ask José Ñúñez about: Send the slides (due Sun 1 Nov)" in out


def test_followup_reopen_undoes_complete(run: Run, home: Path) -> None:
    make(run, ADA)
    run("notes", "--action", "Draft my plan")
    assert run("followup", "--complete", "1", "--no-input").exit_code == 0
    assert texts(run) == []
    result = run("followup", "--reopen", "1", "--no-input", "--json")
    assert result.exit_code == 0, result
    assert json.loads(result.stdout)["actions"][0]["done"] is None
    assert texts(run) == ["Draft my plan"]
    refused = run("followup", "--reopen", "2", "--no-input")
    assert refused.exit_code == 2 and "there is no action 2" in refused.stderr
