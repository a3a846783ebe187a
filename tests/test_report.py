"""`flash report`: a person's exact figures for a period, with an id that is theirs for that
period alone; and `flash report merge`'s rules on whole reports (one period, one programme,
each person's latest report once)."""

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from flashcli import report
from flashcli.errors import FlashError
from flashcli.models import Action, CheckIn, Note, Partner, Session
from flashcli.report.model import Report
from flashcli.report.publish import publish
from flashcli.report.suppress import Cell, Relation, suppress
from flashcli.summary import Summary
from tests.programmes import Met, Person, report_of

KEY, OTHER_KEY = "ab" * 32, "cd" * 32


def made(
    n: int,
    partner: str,
    day: date,
    role: str = "mentee",
    programme: str | None = "Leaders",
    text: str = "plain",
    **fields: Any,
) -> Summary:
    """Session N: with PARTNER on DAY, free text everywhere (TEXT in it)."""
    when = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=10)
    return Session(
        id=f"{day.isoformat()}-s{n}",
        role=role,
        partner=Partner(name=f"{partner} {text}", email=f"{partner.lower()}@example.org"),
        created=when,
        updated=when,
        when=when,
        programme=programme,
        where=f"Room {text}",
        goal=f"Goal {text}",
        success=f"Success {text}",
        topics=[f"Topic {text}"],
        questions=[f"Question {text}"],
        notes=[Note(at=when, text=f"Note {text}")],
        actions=[Action(text=f"Action {text}", due=day + timedelta(days=7), done=when)],
        feedback=f"Feedback {text}",
        checkins=[CheckIn(at=when + timedelta(days=14), score=1, note=f"Did {text}", next=text)],
        **fields,
    ).summary()


def planted(marker: str, count: int) -> list[Summary]:
    """COUNT sessions with MARKER in every text a person writes."""
    return [
        made(n, f"P{n % 4}{marker}", date(2026, 11, 2 + n), text=marker, purpose=f"own{marker}")
        for n in range(count)
    ]


def test_a_report_holds_exact_figures_withholding_nothing() -> None:
    few = [made(n, f"P{n}", date(2026, 11, 3), rating=2 + n) for n in range(2)]
    mentee = report.build(few, "2026Q4", "Leaders", KEY, 1)["roles"]["mentee"]
    assert mentee["sessions"] == {"value": 2}
    assert mentee["by_month"] == {
        "2026-10": {"value": 0},
        "2026-11": {"value": 2},
        "2026-12": {"value": 0},
    }
    assert mentee["rating"] == {"mean": 2.5, "count": 2}
    assert mentee["actions"]["total"] == {"value": 2, "sessions": 2}
    assert mentee["actions"]["on_time"] == {"value": 2, "sessions": 2}
    assert mentee["checkins"] == {"mean": 1.0, "count": 2, "sessions": 2}


def test_a_mean_is_exact_so_that_its_sum_comes_back() -> None:
    three = [made(n, f"P{n}", date(2026, 11, 3), rating=r) for n, r in enumerate((4, 4, 5))]
    rating = report.build(three, "2026-11", None, KEY, 1)["roles"]["mentee"]["rating"]
    assert rating["mean"] * rating["count"] == pytest.approx(13)
    assert rating["mean"] == 13 / 3


def test_only_the_programmes_sessions_and_the_period_count() -> None:
    mine = [made(n, "P", date(2026, 11, 3)) for n in range(5)]
    private = [made(10 + n, "P", date(2026, 11, 3), programme=None) for n in range(5)]
    earlier = [made(20 + n, "P", date(2026, 9, 3)) for n in range(5)]
    built = report.build([*mine, *private, *earlier], "2026Q4", "Leaders", KEY, 1)
    assert built["roles"]["mentee"]["sessions"] == {"value": 5}
    assert built["roles"]["mentor"]["sessions"] == {"value": 0}
    assert (built["period"], built["programme"], built["version"]) == ("2026Q4", "Leaders", 2)


def test_a_purpose_of_ones_own_is_other() -> None:
    own = [made(0, "P", date(2026, 11, 3), purpose="Ada's pet project")]
    purposes = report.build(own, "2026-11", None, KEY, 1)["roles"]["mentee"]["by_purpose"]
    assert purposes["other"] == {"value": 1}


def test_a_report_id_is_the_folders_for_a_period_and_no_other() -> None:
    ids = {
        (key, programme, period): report.report_id(key, programme, period)
        for key in (KEY, OTHER_KEY)
        for programme in ("Leaders", None)
        for period in ("2026Q4", "2026-11", "2027Q1")
    }
    assert len(set(ids.values())) == len(ids)  # no two alike: nothing links them
    assert report.report_id(KEY, "Leaders", "2026Q4") == ids[(KEY, "Leaders", "2026Q4")]
    assert all(len(i) == 32 and KEY not in i for i in ids.values())


def test_reports_and_publications_are_valid_by_their_published_schemas() -> None:
    from tests.test_json_docs import validator

    people = [Person([Met(rating=4)] * 4) for _ in range(5)]
    for n, p in enumerate(people):
        p.key = f"{n + 1:064x}"
    files = [report_of(p) for p in people]
    check = validator("report")
    for data in files:
        assert not [e.message for e in check.iter_errors(data)]
        assert check.schema["$id"] == data["$schema"]
    published, _said = publish([(f"r{n}", Report.model_validate(f)) for n, f in enumerate(files)])
    publication = validator("publication")
    assert not [e.message for e in publication.iter_errors(json.loads(json.dumps(published)))]
    assert publication.schema["$id"] == published["$schema"]
    spoiled = json.loads(json.dumps(files[0]))
    spoiled["roles"]["mentee"]["sessions"] = {"value": 6, "names": ["Ada"]}
    assert not check.is_valid(spoiled)


# ---------------------------------------------------------------- whole reports in a merge


def reports(*people: Person, revision: int = 1) -> list[tuple[str, Report]]:
    return [
        (f"r{n}.json", Report.model_validate(report_of(p, revision))) for n, p in enumerate(people)
    ]


def test_a_persons_latest_revision_counts_once_and_is_said() -> None:
    ada = Person([Met()] * 4, key=KEY)
    later = Person([Met()] * 5, key=KEY)
    others = [Person([Met()] * 4, key=f"{n + 1:064x}") for n in range(4)]
    found = [
        ("ada-1.json", Report.model_validate(report_of(ada, 1))),
        ("ada-2.json", Report.model_validate(report_of(later, 2))),
        *reports(*others),
    ]
    published, said = publish(found)
    assert published["figures"]["mentee"]["sessions"] == {"value": 21}
    assert published["reports"] == 5
    assert said == [
        f"kept revision 2 of report {found[1][1].report[:8]} (ada-2.json), and left out "
        "revision 1 (ada-1.json): a person counts once, as their latest report says"
    ]


def test_equal_revisions_with_different_figures_are_refused() -> None:
    one = Report.model_validate(report_of(Person([Met()] * 4, key=KEY), 3))
    other = Report.model_validate(report_of(Person([Met()] * 5, key=KEY), 3))
    with pytest.raises(FlashError, match=r"a\.json and b\.json are revision 3 of one report with"):
        publish([("a.json", one), ("b.json", other)])


def test_reports_of_different_periods_are_refused() -> None:
    person = Person([Met()], key=KEY)
    data = report_of(person)
    month = report.build([], "2026-11", "Leaders", OTHER_KEY, 1)
    with pytest.raises(FlashError, match=r"different periods \(2026-11, 2026Q4\)"):
        publish([("a", Report.model_validate(data)), ("b", Report.model_validate(month))])


def test_a_withheld_figure_the_relations_still_fix_gets_company() -> None:
    """Three withheld figures in a ring of three shown totals: each total less another gives
    twice one of them (x + a, a + b, b + x). No rule of one relation sees it; the attack that
    ends suppress() does, and withholds a total."""
    four = {"p1": 2, "p2": 2}
    cells = {
        "x": Cell(dict(four)),
        "a": Cell({"p3": 2, "p4": 2}),
        "b": Cell({"p5": 2, "p6": 2}),
        "t1": Cell({"p1": 2, "p2": 2, "p3": 2, "p4": 2}),
        "t2": Cell({"p3": 2, "p4": 2, "p5": 2, "p6": 2}),
        "t3": Cell({"p5": 2, "p6": 2, "p1": 2, "p2": 2}),
    }
    ring = [Relation("t1", ("x", "a")), Relation("t2", ("a", "b")), Relation("t3", ("b", "x"))]
    suppress(cells, ring)
    assert [cells[n].reason for n in ("x", "a", "b")] == ["sessions"] * 3
    assert sum(cells[t].reason == "subtraction" for t in ("t1", "t2", "t3")) == 1
