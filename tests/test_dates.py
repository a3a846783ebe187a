"""Reading the dates and times people type; names for files."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashcli import dates
from flashcli.errors import UsageProblem, shown
from flashcli.names import slug

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
        ("friday", date(2026, 12, 4)),  # TODAY is a Saturday
        ("next tuesday", date(2026, 12, 1)),
        ("in 2 weeks", date(2026, 12, 12)),
        ("3 December", date(2026, 12, 3)),
    ],
)
def test_due_dates_in_every_accepted_form(text: str, expected: date) -> None:
    assert dates.due_date(text, TODAY) == expected


@pytest.mark.parametrize(
    "text", ["31/12", "12.31.2026", "2026-13-01", "+3", "", "2026-02-30", "the river", "x\x1b"]
)
def test_bad_due_dates_name_the_accepted_forms(text: str) -> None:
    """Numbers alone (31/12) could be read day first or month first: never guessed."""
    with pytest.raises(UsageProblem) as caught:
        dates.due_date(text, TODAY)
    assert f"could not read {shown(text)} as a date" in caught.value.message
    assert "YYYY-MM-DD, today, tomorrow, +3d, +2w, or words such as friday" in caught.value.message


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
    ("text", "expected"),
    [
        ("next tuesday 3pm", datetime(2026, 12, 1, 15, 0)),
        ("tomorrow 9:30", datetime(2026, 11, 29, 9, 30)),
        ("tomorrow 10am", datetime(2026, 11, 29, 10, 0)),
        ("3pm", datetime(2026, 11, 28, 15, 0)),
        ("9:00", datetime(2026, 11, 28, 9, 0)),
        ("2026-12-01 9:00", datetime(2026, 12, 1, 9, 0)),
        ("friday at noon", datetime(2026, 12, 4, 12, 0)),
    ],
)
def test_meeting_times_as_people_say_them(text: str, expected: datetime) -> None:
    found = dates.moment(text)  # conftest's clock: Saturday 28 November 2026, 09:00 in Paris
    assert found.replace(tzinfo=None) == expected
    assert found.utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize(
    "text", ["2026-12-01", "01/12/2026 10:00", "2026-12-01 25:00", "soonish", "10"]
)
def test_bad_times_are_refused(text: str) -> None:
    with pytest.raises(UsageProblem, match="as a date and time; use"):
        dates.moment(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "friday 3pm EST",
            datetime(2026, 12, 4, 15, 0, tzinfo=timezone(-timedelta(hours=5))),
        ),
        (
            "friday 3pm +0530",
            datetime(2026, 12, 4, 15, 0, tzinfo=timezone(timedelta(hours=5.5))),
        ),
        (
            "friday 3pm GMT+2",
            datetime(2026, 12, 4, 15, 0, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("tomorrow 3pm UTC", datetime(2026, 11, 29, 15, 0, tzinfo=UTC)),
        ("today 9am", datetime(2026, 11, 28, 9, 0, tzinfo=timezone(timedelta(hours=1)))),
    ],
)
def test_a_zone_given_in_words_is_kept(text: str, expected: datetime) -> None:
    found = dates.moment(text)
    assert found == expected and found.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    "text", ["in 1,000,000 days 3pm", "tomorrow 3pm -2359", "in 99999999 weeks 10am"]
)
def test_a_time_read_only_in_part_is_refused(text: str) -> None:
    with pytest.raises(UsageProblem, match="as a date and time; use"):
        dates.moment(text)


def test_a_due_date_read_only_in_part_is_refused() -> None:
    with pytest.raises(UsageProblem, match="as a date; use"):
        dates.due_date("in 1,000,000 days", TODAY)
    assert dates.due_date("this saturday", TODAY) == TODAY  # what is today is no failure


@pytest.mark.parametrize("size", [101, 40_000])
def test_a_date_too_long_to_be_one_is_refused_at_once(size: int) -> None:
    for read in (dates.moment, lambda t: dates.due_date(t, TODAY)):
        with pytest.raises(UsageProblem, match=f"too long for a date \\({size} characters\\)"):
            read("next tuesday " * (size // 13) + "x" * (size % 13))


@pytest.mark.parametrize("text", ["friday", "tomorrow", "in 2 weeks"])
def test_a_day_without_a_time_asks_for_the_time(text: str) -> None:
    with pytest.raises(UsageProblem, match=f"'{text}' is a day: give the time too"):
        dates.moment(text)


def test_a_time_the_clocks_skip_is_refused_never_moved() -> None:
    """Paris skips 02:00-03:00 on 28 March 2027; 02:30 on 31 October 2027 happens twice."""
    for text in ("2027-03-28 02:30", "2027-03-28 2:30"):
        with pytest.raises(UsageProblem, match="2027-03-28 02:30 does not exist in local time"):
            dates.moment(text)
    assert dates.moment("2027-03-28 03:30").utcoffset() == timedelta(hours=2)
    assert dates.moment("2027-10-31 02:30").utcoffset() == timedelta(hours=2)  # the first


def test_what_was_understood_is_said_back_when_it_was_not_typed_in_full() -> None:
    assert dates.understood("friday", date(2026, 12, 4)) == "friday: Friday 4 December 2026"
    assert dates.understood("+1w", date(2027, 1, 2)) == "+1w: Saturday 2 January 2027"
    assert dates.understood("2026-12-04", date(2026, 12, 4)) is None
    when = dates.moment("2026-12-01 15:00")
    assert dates.understood("next tuesday 3pm", when) == (
        "next tuesday 3pm: Tuesday 1 December 2026, 15:00 (UTC+01:00)"
    )
    assert dates.understood("2026-12-01 15:00", when) is None


def test_due_dates_in_the_past_or_far_from_the_session_are_a_concern() -> None:
    meeting = date(2026, 12, 1)
    assert dates.concern(date(2026, 12, 8), TODAY, meeting) is None
    assert (
        dates.concern(date(2026, 11, 27), TODAY, meeting)
        == "Friday 27 November 2026 is in the past"
    )
    assert (
        dates.concern(date(2026, 1, 15), TODAY, meeting)
        == "Thursday 15 January 2026 is in the past"
    )
    assert dates.concern(date(2027, 9, 1), TODAY, meeting) == (
        "Wednesday 1 September 2027 is far from the session (Tuesday 1 December 2026)"
    )


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

    from flashcli.kinds import NAME_IN_ID_LENGTH

    assert re.fullmatch(rf"[a-z0-9][a-z0-9-]{{0,{NAME_IN_ID_LENGTH - 1}}}", slug(name))


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=30))
def test_any_text_is_a_date_or_a_clear_refusal(text: str) -> None:
    """Whatever is typed, the words parser included: a date in range, or a UsageProblem."""
    for read in (lambda: dates.due_date(text, TODAY), lambda: dates.moment(text)):
        try:
            found = read()
        except UsageProblem as e:
            assert "\n" not in e.message
        else:
            assert 1900 <= found.year <= 2999
