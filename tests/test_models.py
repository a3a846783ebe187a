"""The models: what a hand-edited table may hold, where a problem is reported, what comes back."""

import re
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashcli.errors import Invalid, UsageProblem
from flashcli.guidance import Guidance, Item
from flashcli.models import Config, Partner, Session

STAMP = datetime(2026, 12, 1, 10, tzinfo=UTC)


def table(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema": 1,
        "id": "2026-12-01-ada",
        "role": "mentee",
        "partner": {"name": "Ada"},
        "created": STAMP,
        "updated": STAMP,
    }
    return data | changes


def problem(cls: Any, data: object) -> str:
    with pytest.raises(Invalid) as caught:
        cls.load(data)
    return str(caught.value)


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"partner": {}}, "partner.name: is missing"),
        ({"partner": "Ada"}, "partner: must be a table"),
        ({"partner": {"name": "Ada\nBcc: x@example.org"}}, "partner.name: must be a single line"),
        ({"partner": {"name": "Ada", "email": "ada"}}, "partner.email: 'ada' is not an email"),
        ({"id": "Not An Id"}, "id: 'Not An Id' is not a session id"),
        ({"id": "2026-12-01-ada\n"}, "id: '2026-12-01-ada\\x0a' is not a session id"),
        ({"role": "boss"}, "role: must be 'mentee' or 'mentor'"),
        ({"role": 3}, "role: must be 'mentee' or 'mentor'"),
        ({"minutes": 5}, "minutes: 5 minutes will not do; give between 10 and 480"),
        ({"minutes": True}, "minutes: must be a whole number"),
        ({"minutes": 45.5}, "minutes: must be a whole number"),
        ({"rating": 6}, "rating: must be from 1 to 5"),
        ({"reverse": "yes"}, "reverse: must be true or false"),
        ({"goal": 42}, "goal: must be text"),
        ({"goal": "Plan\nmy move"}, "goal: must be a single line"),  # as on the command line
        ({"topics": ["Fit\u2028First steps"]}, "topics.0: must be a single line"),
        ({"where": "Caf\u00e9\u009b2J"}, "where: must be a single line"),  # a C1 control
        ({"when": datetime(9999, 12, 31, 23, 59, tzinfo=UTC)}, "when: the year 9999 will not do"),
        ({"created": "yesterday"}, "created: must be a date and time"),
        ({"topics": "Fit"}, "topics: must be a list"),
        ({"topics": ["Fit", 2]}, "topics.1: must be text"),
        (
            {"notes": [{"at": STAMP, "text": "ok"}, {"at": STAMP, "text": ""}]},
            "notes.1.text: is empty; give some text",
        ),
        ({"notes": [{"text": "when?"}]}, "notes.0.at: is missing"),
        ({"actions": [{"text": "Read", "due": STAMP}]}, "actions.0.due: must be a date such"),
        ({"continue": "perhaps"}, "continue: must be 'yes', 'no' or 'undecided'"),
        # One name must not pass for another: a direction override, or nothing to see.
        ({"partner": {"name": "Ada\u202eecalevoL"}}, "partner.name: must not hold direction"),
        ({"partner": {"name": "\u200b"}}, "partner.name: shows nothing (only invisible"),
        ({"partner": {"name": "\u200b\u2060\ufeff"}}, "partner.name: shows nothing"),
        ({"where": "Room \u2066B\u2069"}, "where: must not hold direction controls"),
    ],
)
def test_a_problem_names_its_place(changes: dict[str, Any], why: str) -> None:
    assert problem(Session, table(**changes)).startswith(why)


def test_a_missing_key_is_named_by_its_file_name() -> None:
    data = table()
    del data["schema"], data["role"]
    assert problem(Session, data) == "role: is missing"  # schema has a default


def test_hand_written_values_are_read_as_a_person_means_them() -> None:
    s = Session.load(
        table(
            when="2026-12-01T10:00:00+01:00",
            started=datetime(2026, 12, 1, 10, 5),
            minutes="45",
            actions=[{"text": "Read", "due": "2026-12-05"}],
        )
    )
    assert s.when == datetime.fromisoformat("2026-12-01T10:00:00+01:00")
    assert s.started is not None and s.started.utcoffset() is not None  # local time
    assert s.minutes == 45
    assert s.actions[0].due == date(2026, 12, 5)


def test_unknown_keys_are_kept_at_every_level_and_written_back() -> None:
    data = table(
        x_programme="2026",
        partner={"name": "Ada", "pronouns": "she/her"},
        notes=[{"at": STAMP, "text": "Hi", "mood": "good"}],
    )
    s = Session.load(data)
    assert s.model_extra == {"x_programme": "2026"}
    assert s.partner.model_extra == {"pronouns": "she/her"}
    [note] = s.stored()["notes"]
    assert note == {"at": STAMP, "kind": "note", "text": "Hi", "mood": "good", "uid": note["uid"]}
    assert Session.load(s.stored()) == s


def test_stored_leaves_out_what_is_unset_and_uses_file_names() -> None:
    s = Session.load(table(**{"continue": "yes"}))
    stored = s.stored()
    assert stored["schema"] == 1 and stored["continue"] == "yes"
    assert "decision" not in stored and "schema_version" not in stored
    assert "when" not in stored and "from_schema" not in stored
    assert s.stored(json=True)["created"] == "2026-12-01T10:00:00+00:00"


def test_a_closed_record_refuses_keys_it_does_not_know() -> None:
    item = {"role": "mentee", "phase": "prepare", "key": "goals", "text": "Set a goal"}
    assert Item.load(item).key == "goals"
    assert problem(Item, item | {"colour": "red"}) == "colour: is not a key flash knows"
    assert problem(Guidance, {"items": [item, item], "purposes": {}}).startswith(
        "items: the key 'goals' appears twice"
    )
    assert problem(Guidance, {"items": [item], "purposes": {"career": {}}}) == (
        "purposes.career.title: is missing"
    )


def test_config_takes_the_text_a_command_line_gives() -> None:
    assert Config.load({"minutes": "30", "role": "mentor"}) == Config(minutes=30, role="mentor")
    assert problem(Config, {"minutes": "thirty"}) == "minutes: must be a whole number"
    assert problem(Config, []) == "must be a table"


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(), st.lists, max_leaves=8))
def test_any_value_anywhere_is_read_or_refused_with_a_reason(value: object) -> None:
    for key in ("role", "minutes", "partner", "notes", "when", "topics", "continue"):
        try:
            Session.load(table(**{key: value}))
        except Invalid as e:
            assert re.match(rf"{key}(\.\w+)*: \S", str(e)), str(e)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ada Lovelace <ada@example.org>", ("Ada Lovelace", "ada@example.org")),
        ('"Ada Lovelace" <ada@example.org>', ("Ada Lovelace", "ada@example.org")),
        ("  Grace Hopper  ", ("Grace Hopper", None)),
        (
            "Zoë O'Brien <zoe.obrien+mentor@example.co.uk>",
            ("Zoë O'Brien", "zoe.obrien+mentor@example.co.uk"),
        ),
    ],
)
def test_people(text: str, expected: tuple[str, str | None]) -> None:
    assert (lambda p: (p.name, p.email))(Partner.parse(text)) == expected


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("ada@example.org", "has no name"),
        ("<ada@example.org>", "has no name"),
        ("Ada <not-an-address>", "is not an email address"),
        ("Ada <ada@example>", "is not an email address"),
        ("Ada\nBcc: everyone@example.org", "must be a single line"),
        ("Ada <ada@example.org\r\nBcc: x@example.org>", "must be a single line"),
    ],
)
def test_bad_people_are_refused(text: str, why: str) -> None:
    with pytest.raises(UsageProblem, match=why):
        Partner.parse(text)


@pytest.mark.parametrize("value", [0, 9, 481, -5])
def test_minutes_out_of_range(value: int) -> None:
    with pytest.raises(Invalid, match="between 10 and 480"):
        Config.load({"minutes": value})
