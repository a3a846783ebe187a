"""Figures published about people are checked by trying to recover one person's answer from
them. The attacker holds one publication (what `flash report merge --json` prints) and knows
how its figures add up (months to sessions, done and not done to actions, mentee and mentor to
all); an insider also knows one person's report (their own). By every subtraction at once
(exact linear algebra over the figures) it works out all it can. It must learn nothing drawn
from fewer than 5 sessions or 3 people; an insider, nothing of fewer than 5 other sessions,
and never one other person's counts alone."""

from typing import Any

from hypothesis import HealthCheck, given, settings

from flashcli.report.publish import publish
from tests.programmes import (
    DECISIONS,
    MONTHS,
    PURPOSES,
    Act,
    Met,
    Person,
    programme,
    reports,
    truth,
)

COLUMNS = ("mentee", "mentor", "all")
ACTIONS = ("total", "done", "on_time", "not_done", "done_not_on_time")
HIDDEN = ("not_reverse", "no_feedback", "not_rated")  # what sessions less a figure leave
MEANS = ("rating", "checkins")


def equations() -> list[tuple[str, list[str]]]:
    """What adds up to what, as anyone who reads the README knows: each a total and its parts
    (figures named COLUMN/ROW; a mean's sum, mean × count, is ROW.sum)."""
    found = []
    for c in COLUMNS:
        for parts in (
            [f"by_month/{m}" for m in MONTHS],
            [f"by_purpose/{p}" for p in PURPOSES],
            [f"decisions/{d}" for d in DECISIONS],
            ["reverse", "not_reverse"],
            ["feedback", "no_feedback"],
            ["rating", "not_rated"],
        ):
            found.append((f"{c}/sessions", [f"{c}/{p}" for p in parts]))
        found.append((f"{c}/actions/total", [f"{c}/actions/done", f"{c}/actions/not_done"]))
        found.append(
            (f"{c}/actions/done", [f"{c}/actions/on_time", f"{c}/actions/done_not_on_time"])
        )
    for row in figures():
        found.append((f"all/{row}", [f"mentee/{row}", f"mentor/{row}"]))
    return found


def figures() -> list[str]:
    rows = ["sessions", *(f"by_month/{m}" for m in MONTHS), *(f"by_purpose/{p}" for p in PURPOSES)]
    rows += ["reverse", "feedback", *(f"decisions/{d}" for d in DECISIONS)]
    rows += [*(f"actions/{a}" for a in ACTIONS), *MEANS, *HIDDEN, *(f"{m}.sum" for m in MEANS)]
    return rows


def known(published: dict[str, Any]) -> set[str]:
    """The figures a reader has: those shown (a mean's count, and its sum with it)."""
    found = set()
    for column, table in published["figures"].items():
        for row, figure in _leaves(table):
            if "withheld" not in figure:
                found.add(f"{column}/{row}")
                if row in MEANS:
                    found.add(f"{column}/{row}.sum")
    return found


def _leaves(table: dict[str, Any], prefix: str = "") -> list[tuple[str, dict[str, Any]]]:
    found = []
    for key, value in table.items():
        if {"value", "mean", "withheld"} & set(value):
            found.append((f"{prefix}{key}", value))
        else:
            found += _leaves(value, f"{prefix}{key}/")
    return found


PRIME = 2**61 - 1  # ranks are worked out modulo it: as over the rationals, but for a 1 in 2**61


def worked_out(have: set[str]) -> set[str]:
    """The figures not shown that the equations fix all the same: X is fixed when the row
    "X = ?" adds nothing to what the equations say of the figures not shown (their rank)."""
    unknown = sorted({n for t, parts in equations() for n in [t, *parts]} - have)
    index = {name: k for k, name in enumerate(unknown)}
    matrix = []
    for total, parts in equations():
        row = [0] * len(unknown)
        for name, sign in ((total, -1), *((p, 1) for p in parts)):
            if name in index:
                row[index[name]] += sign
        matrix.append(row)
    rank = _rank(matrix)
    asked = ([int(k == index[n]) for k in range(len(unknown))] for n in unknown)
    return {n for n, row in zip(unknown, asked, strict=True) if _rank([*matrix, row]) == rank}


def _rank(rows: list[list[int]]) -> int:
    rows = [[v % PRIME for v in row] for row in rows]
    rank = 0
    for col in range(len(rows[0]) if rows else 0):
        found = next((i for i in range(rank, len(rows)) if rows[i][col]), None)
        if found is None:
            continue
        rows[rank], rows[found] = rows[found], rows[rank]
        inverse = pow(rows[rank][col], -1, PRIME)
        for i in range(rank + 1, len(rows)):
            if rows[i][col]:
                f = rows[i][col] * inverse % PRIME
                rows[i] = [(a - f * b) % PRIME for a, b in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rank


def safe(sessions: dict[int, int]) -> bool:
    """Whether what is learnt of SESSIONS (by person) is about no session, or at least 5
    sessions of at least 3 people, 5 of them without the largest person's share."""
    if not sessions:
        return True
    size = sum(sessions.values())
    return size >= 5 and len(sessions) >= 3 and size - max(sessions.values()) >= 5


def attack(people: list[Person]) -> dict[str, Any]:
    """Everything a reader and an insider can work out of the publication of PEOPLE's reports
    is checked against what it truly comes from; the publication, for more checks."""
    published, _said = publish(reports(people))
    true = truth(people)
    have = known(published)
    learnt = {n: true.get(n.removesuffix(".sum"), {}) for n in have | worked_out(have)}
    for name, sessions in learnt.items():
        assert safe(sessions), (name, sessions)
    for name, sessions in [*learnt.items(), *given_away(published, people).items()]:
        for insider in sessions:  # what an insider learns of the others
            others = {p: n for p, n in sessions.items() if p != insider}
            assert not others or (sum(others.values()) >= 5 and len(others) >= 2), name
    return dict(published)


def given_away(published: dict[str, Any], people: list[Person]) -> dict[str, dict[int, int]]:
    """What each shown total less its shown parts gives away: the sessions behind its
    withheld parts together (a session counted once, where it is in two of them)."""
    have = known(published)
    found = {}
    for total, parts in equations():
        hidden = [p for p in parts if p not in have]
        if total in have and hidden and not total.endswith(".sum"):
            found[f"{total} less {parts}"] = _behind(people, hidden)
    return found


def _behind(people: list[Person], names: list[str]) -> dict[int, int]:
    """The sessions, by person, counted in any of the figures NAMES (COLUMN/ROW)."""
    from tests.programmes import _rows_of

    found = {}
    for n, p in enumerate(people):
        count = sum(
            1
            for m in p.sessions
            if any(
                column in (m.role, "all") and row in _rows_of(m)
                for column, row in (name.split("/", 1) for name in names)
            )
        )
        if count:
            found[n] = count
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=programme)
def test_nothing_about_fewer_than_5_sessions_or_3_people_can_be_worked_out(
    people: list[Person],
) -> None:
    attack(people)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=programme)
def test_every_shown_figure_passes_and_every_withheld_set_of_a_shown_total_together(
    people: list[Person],
) -> None:
    published, _said = publish(reports(people))
    true, have = truth(people), known(published)
    for name in have:
        assert safe(true.get(name.removesuffix(".sum"), {})), name
    for name, sessions in given_away(published, people).items():
        assert safe(sessions), (name, sessions)


# ---------------------------------------------------------------- the attack, case by case


def many(count: int, **fields: Any) -> list[Met]:
    return [Met(**fields) for _ in range(count)]


def shown(published: dict[str, Any], column: str, path: str) -> Any:
    figure = published["figures"][column]
    for key in path.split("/"):
        figure = figure[key]
    return figure


def test_a_mentors_one_rating_is_not_all_less_the_mentees() -> None:
    """Five mentees rate 4; one person's one mentor session is rated 1: the mean of all and
    the mentees' would give it (all × count less mentees' × count)."""
    people = [Person(many(2, rating=4)) for _ in range(5)]
    people.append(Person([Met(role="mentor", rating=1)]))
    published = attack(people)
    assert shown(published, "mentor", "rating") == {"withheld": "sessions"}
    assert shown(published, "mentee", "rating") == {"withheld": "subtraction"}
    assert shown(published, "all", "rating") == {"mean": 3.7, "count": 11}  # never the total
    assert shown(published, "all", "sessions") == {"value": 11}
    assert shown(published, "mentee", "sessions") == {"withheld": "subtraction"}  # all less 1


def test_one_sessions_purpose_and_decision_are_not_the_total_less_the_others() -> None:
    people = [Person(many(3, purpose="career", decision="yes")) for _ in range(4)]
    people.append(Person([Met(purpose="learning", decision="no")]))
    published = attack(people)
    assert shown(published, "mentee", "by_purpose/learning") == {"withheld": "sessions"}
    assert shown(published, "mentee", "by_purpose/career") == {"withheld": "subtraction"}
    assert shown(published, "mentee", "decisions/no") == {"withheld": "sessions"}
    assert shown(published, "mentee", "sessions") == {"value": 13}


def test_one_persons_month_is_not_the_quarter_less_the_other_months() -> None:
    people = [Person(many(3, month="2026-10") + many(3, month="2026-11")) for _ in range(4)]
    people.append(Person(many(2, month="2026-12")))  # one person's December
    published = attack(people)
    assert shown(published, "mentee", "by_month/2026-12") == {"withheld": "sessions"}
    assert shown(published, "mentee", "by_month/2026-10") == {"withheld": "subtraction"}
    assert shown(published, "mentee", "by_month/2026-11") == {"value": 12}


def test_a_large_share_is_withheld_so_that_no_insider_learns_the_rest() -> None:
    """Ten sessions of one person and one each of two others: from 3 people and 12 sessions,
    but the two others' 2 sessions are all the largest person would not know."""
    people = [Person(many(10)), Person(many(1)), Person(many(1))]
    published = attack(people)
    assert shown(published, "mentee", "sessions") == {"withheld": "share"}


def test_actions_from_3_sessions_are_withheld_however_many_they_are() -> None:
    """Twelve actions, but from three sessions: the rule counts sessions."""
    lots = tuple(Act(done=True, on_time=True) for _ in range(4))
    people = [Person([Met(actions=lots)]) for _ in range(3)]
    people += [Person(many(2)) for _ in range(2)]
    published = attack(people)
    assert shown(published, "mentee", "actions/total") == {"withheld": "sessions"}
    assert shown(published, "mentee", "sessions") == {"value": 7}


def test_sessions_not_rated_are_not_the_sessions_less_those_rated() -> None:
    """Rated: 18 sessions; not rated: 2, one person's. The count of rated sessions beside the
    sessions would say so: the mean goes with its count."""
    people = [Person(many(4, rating=5)) for _ in range(4)]
    people.append(Person(many(2, rating=3) + many(2)))
    published = attack(people)
    assert shown(published, "mentee", "rating") == {"withheld": "subtraction"}
    assert shown(published, "mentee", "sessions") == {"value": 20}


def test_the_five_mentees_case() -> None:
    """Five mentees with four sessions each (one-off mentoring: few sessions a person)."""
    people = [Person(many(4, rating=4, purpose="career")) for _ in range(5)]
    published = attack(people)
    assert shown(published, "mentee", "sessions") == {"value": 20}
    assert shown(published, "mentee", "rating") == {"mean": 4.0, "count": 20}
    assert shown(published, "all", "by_purpose/career") == {"value": 20}
    assert shown(published, "mentor", "sessions") == {"value": 0}
