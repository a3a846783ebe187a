"""`flash stats`: a person's figures, over a fixed set of sessions written out here, each
expected figure a literal worked out by hand beside the sessions (never by the test).

The clock: Saturday 28 November 2026, 09:00 in Paris (conftest)."""

import json
from pathlib import Path

from tests.conftest import Run

SESSIONS = {
    # Ada, a career session in September: thanked the next morning, rated 4, going on; one
    # action of mine done two days early (8 days after), one of hers done 6 days late (21).
    "2026-09-10-ada-lovelace": """
role = "mentee"
purpose = "career"
created = 2026-09-01T09:00:00+02:00
updated = 2026-09-25T09:00:00+02:00
when = 2026-09-10T10:00:00+02:00
rating = 4
continue = "yes"
feedback = "Good"
ticked = ["thank-feedback"]
ticked_at = {thank-feedback = 2026-09-11T09:00:00+02:00}
actions = [
  {text = "Draft the plan", due = 2026-09-20, done = 2026-09-18T10:00:00+02:00},
  {text = "Introduce me to Sam", owner = "partner", due = 2026-09-25, done = 2026-10-01T10:00:00+02:00},
]
checkins = [{at = 2026-09-25T09:00:00+02:00, score = 1}]
[partner]
name = "Ada Lovelace"
email = "ada@example.org"
""",
    # Ada again in October: thanked by a flash that kept no time, rated 5, undecided; an
    # action of mine overdue.
    "2026-10-05-ada-lovelace": """
role = "mentee"
purpose = "career"
created = 2026-10-01T09:00:00+02:00
updated = 2026-10-06T09:00:00+02:00
when = 2026-10-05T10:00:00+02:00
rating = 5
continue = "undecided"
ticked = ["thank-feedback"]
actions = [{text = "Read the book", due = 2026-10-20}]
checkins = [{at = 2026-10-20T09:00:00+02:00, score = 2}]
[partner]
name = "Ada Lovelace"
email = "ada@example.org"
""",
    # Sam, mentored in reverse: appreciation sent five days after, rated 3, not going on; an
    # action of mine done a day early (1 day after).
    "2026-10-20-sam-lee": """
role = "mentor"
purpose = "role"
reverse = true
created = 2026-10-10T09:00:00+02:00
updated = 2026-10-25T09:00:00+02:00
when = 2026-10-20T14:00:00+02:00
rating = 3
continue = "no"
ticked = ["appreciation"]
ticked_at = {appreciation = 2026-10-25T09:00:00+01:00}
actions = [{text = "Send the slides", due = 2026-10-22, done = 2026-10-21T09:00:00+02:00}]
checkins = [{at = 2026-11-05T09:00:00+01:00, score = -1}]
[partner]
name = "Sam Lee"
""",
    # Grace, to learn: held, not thanked yet, nothing decided; an action with no due date.
    "2026-11-02-grace-hopper": """
role = "mentee"
purpose = "learning"
created = 2026-10-28T09:00:00+01:00
updated = 2026-11-02T12:00:00+01:00
when = 2026-11-02T10:00:00+01:00
actions = [{text = "Book the course"}]
[partner]
name = "Grace Hopper"
email = "grace@example.org"
""",
    # Priya, next week: not held.
    "2026-12-03-priya-patel": """
role = "mentee"
created = 2026-11-25T09:00:00+01:00
updated = 2026-11-25T09:00:00+01:00
when = 2026-12-03T10:00:00+01:00
[partner]
name = "Priya Patel"
""",
    # Lea, closed: appreciation sent the same day, rated 4, going on.
    "2026-11-26-lea-martin": """
role = "mentor"
purpose = "perspective"
created = 2026-11-20T09:00:00+01:00
updated = 2026-11-26T12:00:00+01:00
when = 2026-11-26T10:00:00+01:00
closed = 2026-11-26T12:00:00+01:00
rating = 4
continue = "yes"
ticked = ["appreciation"]
ticked_at = {appreciation = 2026-11-26T12:00:00+01:00}
[partner]
name = "Lea Martin"
""",
}

EXPECTED = {
    "sessions": 6,
    "months": {"2026-09": 1, "2026-10": 2, "2026-11": 2, "2026-12": 1},
    "purposes": {"career": 2, "role": 1, "learning": 1, "perspective": 1, "none": 1},
    "roles": {"mentee": 4, "mentor": 2},
    "reverse": 1,
    "people": {"met": 5, "once": 4, "more_than_once": 1},
    "actions": {
        "total": 5,
        "done": 3,
        "with_due_done": 3,
        "done_on_time": 2,
        "overdue": 1,
        "median_days_to_done": 8.0,
        "mine": {"total": 4, "done": 2},
        "theirs": {"total": 1, "done": 1},
    },
    "thanked": {
        "held": 5,
        "within_2_days": 2,
        "later": 1,
        "unknown": 1,
        "not_yet": 1,
        "share": 0.5,
    },
    "decisions": {"yes": 2, "no": 1, "undecided": 1, "none": 2},
    "ratings": {
        "mean": 4.0,
        "count": 4,
        "quarters": {"2026Q3": {"mean": 4.0, "count": 1}, "2026Q4": {"mean": 4.0, "count": 3}},
    },
    "checkins": {"mean": 0.67, "count": 3},
}


def written(home: Path) -> None:
    folder = home / "sessions"
    folder.mkdir(parents=True)
    for sid, text in SESSIONS.items():
        (folder / f"{sid}.toml").write_text(f'schema = 1\nid = "{sid}"\n{text}', "utf-8")


def test_every_figure(run: Run, home: Path) -> None:
    written(home)
    result = run("stats", "--json")
    assert result.exit_code == 0 and result.stderr == "", result
    assert json.loads(result.stdout) == EXPECTED


def test_the_filters(run: Run, home: Path) -> None:
    written(home)

    def figures(*args: str) -> dict:  # type: ignore[type-arg]
        return json.loads(run("stats", "--json", *args).stdout)  # type: ignore[no-any-return]

    assert figures("--role", "mentor")["sessions"] == 2
    assert figures("--with", "ada")["people"] == {"met": 1, "once": 0, "more_than_once": 1}
    assert figures("--since", "2026-10-01", "--until", "2026-11-30")["months"] == {
        "2026-10": 2,
        "2026-11": 2,
    }
    assert figures("--since", "2027-01-01")["sessions"] == 0


def test_in_a_pipe_the_same_figures_as_plain_text(run: Run, home: Path) -> None:
    written(home)
    lines = run("stats").stdout.splitlines()
    assert lines[:6] == [
        "Sessions: 6 (mentee 4, mentor 2; reverse 1)",
        "By month:",
        "  2026-09  1",
        "  2026-10  2",
        "  2026-11  2",
        "  2026-12  1",
    ]
    assert lines[6:] == [
        "Purposes: career 2, learning 1, none 1, perspective 1, role 1",
        "People met: 5 (once 4, more than once 1)",
        "Actions: 5 agreed, 3 done, 1 overdue",
        "  2 of the 3 done that had a due date were done by it",
        "  half of those done were done within 8 days of the meeting",
        "  yours 4 (done 2), your partners' 1 (done 1)",
        "Thanked within 2 days: 2 of 5 held (50%); later 1, not yet 1, time not known 1 "
        "(ticked before flash kept when)",
        "Decisions: continue 2, not 1, undecided 1, not recorded 2",
        "Ratings: mean 4 of 4 rated",
        "  by quarter: 2026Q3 4 (1), 2026Q4 4 (3)",
        "Check-ins: 3 answered, mean score +0.67 (-2 to +2)",
    ]


def test_what_counts_nothing_is_not_said_and_no_count_of_days_is_negative(
    run: Run, home: Path
) -> None:
    """Priya's meeting is next week, and the one action agreed beforehand is done already,
    with no due date: nothing is "0 of 0", and done before the meeting is done by it."""
    (home / "sessions").mkdir(parents=True)
    sid = "2026-12-03-priya-patel"
    early = '\nactions = [{text = "Send the deck", done = 2026-11-27T09:00:00+01:00}]\n'
    text = SESSIONS[sid].replace("\n[partner]", f"{early}[partner]")
    (home / "sessions" / f"{sid}.toml").write_text(f'schema = 1\nid = "{sid}"\n{text}', "utf-8")
    lines = run("stats").stdout.splitlines()
    at = lines.index("Actions: 1 agreed, 1 done, 0 overdue")
    assert lines[at + 1 : at + 3] == [
        "  half of those done were done by the day of the meeting",
        "  yours 1 (done 1), your partners' 0 (done 0)",
    ]
    assert json.loads(run("stats", "--json").stdout)["actions"]["median_days_to_done"] == 0.0


def test_an_empty_data_folder_says_so_in_one_line(run: Run) -> None:
    assert run("stats").stdout == "No sessions to count yet: flash prep starts one.\n"
    assert run("stats", "--role", "mentor").stdout == "No sessions to count with these filters.\n"


def test_a_tick_keeps_its_time_and_undoing_it_forgets_it(run: Run, ada: str) -> None:
    assert run("followup", "--done", "thank-feedback", "--no-input").exit_code == 0
    data = json.loads(run("show", "--json").stdout)
    assert data["ticked_at"] == {"thank-feedback": "2026-11-28T09:00:00+01:00"}
    assert run("prep", "--done", "send-topics").exit_code == 0
    assert run("prep", "--undo", "send-topics").exit_code == 0
    assert "send-topics" not in json.loads(run("show", "--json").stdout)["ticked_at"]
