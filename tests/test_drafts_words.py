"""Part 8 §1: drafts people send as they are. What a person typed is quoted as typed, never
recast into a sentence; names are kept exactly and quoted where they are written."""

import email
import email.policy
import json
from pathlib import Path

import pytest

from tests.conftest import Run

SHAPES = [
    "AWS certification: decide if worth it",
    "iOS team: ask about the on-call rota",
    "I'll send the slides",
    "Ask Priya to send the deck",
    "NASA paper on teams",
    "Read 'The Manager's Path'.",
    "与李雷确认下周的时间",
    "Überprüfe den Plan",
    "x",
]


@pytest.mark.parametrize("role", ["mentee", "mentor"])
def test_actions_are_quoted_as_typed_with_who_and_when_beside(run: Run, role: str) -> None:
    run(
        "prep",
        "--role",
        role,
        "--with",
        "Ada Lovelace <ada@example.org>",
        "--when",
        "2026-12-01 10:00",
    )
    for n, text in enumerate(SHAPES):
        owner = "me" if n % 2 else "partner"
        run(
            "notes", "--action", text, "--owner", owner, *(["--due", "2026-12-08"] if n % 3 else [])
        )
    body = run("email", "--thanks").stdout
    for n, text in enumerate(SHAPES, 1):
        who = "me" if (n - 1) % 2 else "you"
        when = ", by Tuesday 8 December" if (n - 1) % 3 else ""
        assert f"\n{n}. {text} — {who}{when}\n" in body, text
    assert "I will" not in body and "You kindly" not in body


def test_the_success_line_follows_a_colon(run: Run) -> None:
    run("prep", "--with", "Ada <ada@example.org>", "--success", "He leaves with two names to call")
    assert "How I will know it has worked: He leaves with two names to call" in run("email").stdout


@pytest.mark.parametrize(
    ("typed", "name", "to"),
    [
        (
            'Lee, Dana "DJ" <dana@example.org>',
            'Lee, Dana "DJ"',
            '"Lee, Dana \\"DJ\\"" <dana@example.org>',
        ),
        (
            '"Lee, Dana \\"DJ\\"" <dana@example.org>',
            'Lee, Dana "DJ"',
            '"Lee, Dana \\"DJ\\"" <dana@example.org>',
        ),
        (
            "Dr. Jane Smith <jane@example.org>",
            "Dr. Jane Smith",
            '"Dr. Jane Smith" <jane@example.org>',
        ),
        ("Ada Lovelace <ada@example.org>", "Ada Lovelace", "Ada Lovelace <ada@example.org>"),
    ],
)
def test_names_are_kept_exactly_and_quoted_where_written(
    run: Run, tmp_path: Path, typed: str, name: str, to: str
) -> None:
    assert run("prep", "--with", typed).exit_code == 0
    assert json.loads(run("show", "--json").stdout)["partner"]["name"] == name
    assert f"To: {to}\n" in run("email").stdout
    out = tmp_path / "d.eml"
    assert run("email", "--out", str(out)).exit_code == 0
    msg = email.message_from_bytes(out.read_bytes(), policy=email.policy.default)
    assert msg["To"].addresses[0].display_name == name


@pytest.mark.parametrize(
    ("name", "hi"),
    [
        ("Dr. Jane Smith", "Hi Jane,"),
        ("van der Berg, Anna", "Hi Anna,"),
        ("Smith, John", "Hi John,"),
        ("Dr. Smith", "Hi Dr. Smith,"),
        ("李小龙", "Hi 李小龙,"),
    ],
)
def test_greetings_pick_the_name_a_person_would(run: Run, name: str, hi: str) -> None:
    run("prep", "--with", f"{name} <x@example.org>")
    assert f"\n{hi}\n" in run("email").stdout


def test_a_partner_is_greeted_as_they_asked(run: Run, home: Path) -> None:
    run("prep", "--with", "Margaret Hamilton <mh@example.org>")
    [path] = (home / "sessions").glob("*.toml")
    path.write_text(
        path.read_text("utf-8").replace("[partner]", '[partner]\ngreet = "Maggie"'), "utf-8"
    )
    assert "\nHi Maggie,\n" in run("email").stdout


def test_an_unsigned_draft_says_once_how_to_sign_it(run: Run) -> None:
    run("prep", "--with", "Ada <ada@example.org>")
    result = run("email")
    assert result.stderr.count('flash config name "Your Name"') == 1
    run("config", "name", "Grace Hopper")
    assert "flash config name" not in run("email").stderr


def test_a_due_date_in_another_year_shows_the_year(run: Run) -> None:
    run("prep", "--with", "Ada <ada@example.org>", "--when", "2026-12-01 10:00")
    run("notes", "--action", "Book the course", "--due", "2027-01-15")
    run("notes", "--action", "Send the notes", "--due", "2026-12-04")
    body = run("email", "--thanks").stdout
    assert "Book the course — me, by Friday 15 January 2027" in body
    assert "Send the notes — me, by Friday 4 December\n" in body
    plan = run("followup").stdout
    assert "Fri 15 Jan 2027" in plan and "Fri 4 Dec\n" in plan
