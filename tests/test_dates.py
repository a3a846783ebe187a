"""Reading the dates and times people type; names for files."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashcli import dates
from flashcli.errors import UsageProblem
from flashcli.words import slug

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-05", date(2026, 12, 5)),
        ("today", TODAY),
        ("Tomorrow", date(2026, 11, 29)),
        ("+3d", date(2026, 12, 1)),
        ("+2w", date(2026, 12, 12)),
        ("+0d", TODAY),
    ],
)
def test_due_dates_in_every_accepted_form(text: str, expected: date) -> None:
    assert dates.due_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["31/12", "2026-13-01", "next week", "+3", "3d", "", "2026-02-30"])
def test_bad_due_dates_name_the_accepted_forms(text: str) -> None:
    with pytest.raises(UsageProblem) as caught:
        dates.due_date(text, TODAY)
    assert f"could not read '{text}' as a date" in caught.value.message
    assert "YYYY-MM-DD, today, tomorrow, +3d or +2w" in caught.value.message


def test_a_time_without_offset_is_local_time() -> None:
    moment = dates.moment("2026-12-01 10:00")
    assert moment.utcoffset() == timedelta(hours=1)  # Paris in winter (see conftest)
    assert (moment.hour, moment.minute) == (10, 0)
    summer = dates.moment("2026-07-01 10:00")
    assert summer.utcoffset() == timedelta(hours=2)


def test_a_time_with_offset_keeps_it() -> None:
    moment = dates.moment("2026-12-01T10:00-05:00")
    assert moment == datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    assert moment.utcoffset() == timedelta(hours=-5)


@pytest.mark.parametrize(
    "text", ["tomorrow 10am", "2026-12-01", "01/12/2026 10:00", "2026-12-01 25:00"]
)
def test_bad_times_are_refused(text: str) -> None:
    with pytest.raises(UsageProblem, match="as a date and time; use"):
        dates.moment(text)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ada Lovelace", "ada-lovelace"),
        ("Zoë O'Brien", "zoe-obrien"),
        ("李小龙", "li-xiao-long"),
        ("Ζωή Παπαδοπούλου", "zoe-papadopoulou"),
        ("Анна Каренина", "anna-karenina"),
        ("محمد", "mhmd"),
        ("  --  ", "partner"),
        ("😀🎉", "partner"),
    ],
)
def test_slugs(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_a_name_with_nothing_to_spell_takes_the_email_local_part() -> None:
    assert slug("😀🎉", "Sun.Li@example.org") == "sun-li"
    assert slug("😀", "😀@example.org") == "partner"


@given(st.text())
def test_any_name_gives_a_valid_slug(name: str) -> None:
    import re

    assert re.fullmatch(r"[a-z0-9][a-z0-9-]{0,59}", slug(name))
