"""A programme's published figures (`flash report merge`): the reports of one period and one
programme added up, each person's latest report once, and only what suppress.py allows shown.

The figures are laid out as the reports' are, in three columns: mentee, mentor, and all (both
roles; a person with both counts once there). Each figure's people are the report ids that gave
it more than 0. Three parts are never shown, but are what sessions less a shown figure leave
(sessions not reverse, without feedback, not rated), so they count as withheld parts.
Means are published to one decimal, with their count; a mean goes with its count (its sum,
mean × count, is tied to the same relations as the count). No report id is in the publication.
"""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, Literal, TypedDict

from flashcli.errors import FlashError, escaped
from flashcli.i18n import _
from flashcli.report.model import ACTIONS, DECISIONS, PURPOSES, VERSION, Report, RoleFigures
from flashcli.report.suppress import Cell, Relation, suppress

PUBLICATION = "urn:flashcli:schema:publication:2"
COLUMNS = ("mentee", "mentor", "all")
MEANS = ("rating", "checkins")
# What sessions less a shown figure leave: never shown, and withheld when not 0.
COMPLEMENTS = {"reverse": "not_reverse", "feedback": "no_feedback", "rating": "not_rated"}
Reason = Literal["sessions", "people", "share", "subtraction"]


class Withheld(TypedDict):
    withheld: Reason


class Count(TypedDict):
    value: int


class Mean(TypedDict):
    mean: float | None  # to one decimal; null beside a count of 0
    count: int


class ActionsJson(TypedDict):
    total: Count | Withheld
    done: Count | Withheld
    on_time: Count | Withheld
    not_done: Count | Withheld
    done_not_on_time: Count | Withheld


class ColumnJson(TypedDict):
    sessions: Count | Withheld
    by_month: dict[str, Count | Withheld]
    by_purpose: dict[str, Count | Withheld]
    reverse: Count | Withheld
    feedback: Count | Withheld
    decisions: dict[str, Count | Withheld]
    actions: ActionsJson
    rating: Mean | Withheld
    checkins: Mean | Withheld


class ColumnsJson(TypedDict):
    mentee: ColumnJson
    mentor: ColumnJson
    all: ColumnJson


PublicationJson = TypedDict(
    "PublicationJson",
    {
        "$schema": str,
        "version": int,
        "period": str,
        "programme": str | None,
        "reports": int,
        "figures": ColumnsJson,
    },
)
Contribution = tuple[int, int, int]  # a person's value, the sessions it comes from, its sum


def rows(months: list[str]) -> list[str]:
    """Every figure of a column, by name, in the order a publication shows them."""
    return [
        "sessions",
        *(f"by_month/{m}" for m in months),
        *(f"by_purpose/{p}" for p in PURPOSES),
        "reverse",
        "feedback",
        *(f"decisions/{d}" for d in DECISIONS),
        *(f"actions/{a}" for a in ACTIONS),
        *MEANS,
    ]


def publish(found: list[tuple[str, Report]]) -> tuple[PublicationJson, list[str]]:
    """The published figures of the reports FOUND (each with where it came from, escaped),
    and a line for each report left out. FlashError when they are not of one period and one
    programme, or when two of one revision differ."""
    first = _one_period_and_programme(found)
    reports, said = latest(found)
    months = sorted(first.roles.mentee.by_month)
    given = {r.report: _columns(r, months) for r in reports}
    cells = {
        f"{column}/{row}": Cell(
            {p: c[column][row][1] for p, c in given.items() if c[column][row][1]},
            hidden=row in COMPLEMENTS.values(),
        )
        for column in COLUMNS
        for row in [*rows(months), *COMPLEMENTS.values()]
    }
    suppress(cells, relations(months))
    figures = {c: _column(c, months, cells, given) for c in COLUMNS}
    published: PublicationJson = {
        "$schema": PUBLICATION,
        "version": VERSION,
        "period": first.period,
        "programme": first.programme,
        "reports": len(reports),
        "figures": figures,  # type: ignore[typeddict-item]
    }
    return published, said


def _one_period_and_programme(found: list[tuple[str, Report]]) -> Report:
    """The first report, once every one is of its period and programme."""
    if not found:
        raise FlashError(_("no reports to add up"))
    periods = {r.period for _, r in found}
    if len(periods) > 1:
        raise FlashError(
            _(
                "the reports are of different periods ({periods}); merge one period at a time"
            ).format(periods=", ".join(sorted(periods)))
        )
    programmes = {r.programme for _, r in found}
    if len(programmes) > 1:
        named = sorted(escaped(p) if p else _("every session") for p in programmes)
        raise FlashError(
            _(
                "the reports are of different programmes ({programmes}); merge one programme "
                "at a time"
            ).format(programmes=", ".join(named))
        )
    return found[0][1]


def relations(months: list[str]) -> list[Relation]:
    """What adds up to what, in each column and across them (all = mentee + mentor)."""
    found = []
    for c in COLUMNS:
        tables = [
            [f"by_month/{m}" for m in months],
            [f"by_purpose/{p}" for p in PURPOSES],
            [f"decisions/{d}" for d in DECISIONS],
            *([shown, hidden] for shown, hidden in COMPLEMENTS.items()),
        ]
        found += [Relation(f"{c}/sessions", tuple(f"{c}/{p}" for p in parts)) for parts in tables]
        for total, parts in (
            ("total", ("done", "not_done")),
            ("done", ("on_time", "done_not_on_time")),
        ):
            named = tuple(f"{c}/actions/{p}" for p in parts)
            found.append(Relation(f"{c}/actions/{total}", named, disjoint=False))
    for row in [*rows(months), *COMPLEMENTS.values()]:
        found.append(Relation(f"all/{row}", (f"mentee/{row}", f"mentor/{row}")))
    return found


def _columns(report: Report, months: list[str]) -> dict[str, dict[str, Contribution]]:
    """What REPORT gives each figure of each column."""
    mentee = _contributions(report.roles.mentee, months)
    mentor = _contributions(report.roles.mentor, months)
    both = {row: _added(mentee[row], mentor[row]) for row in mentee}
    return {"mentee": mentee, "mentor": mentor, "all": both}


def _added(one: Contribution, other: Contribution) -> Contribution:
    return (one[0] + other[0], one[1] + other[1], one[2] + other[2])


def _contributions(f: RoleFigures, months: list[str]) -> dict[str, Contribution]:
    """What one role's figures give each figure of a column: its value (a mean's count), the
    sessions it comes from, and a mean's sum (mean × count, a whole number: checks.py)."""
    found: dict[str, Contribution] = {"sessions": _sessions(f.sessions.value)}
    found |= {f"by_month/{m}": _sessions(f.by_month[m].value) for m in months}
    found |= {f"by_purpose/{k}": _sessions(c.value) for k, c in dict(f.by_purpose).items()}
    found |= {f"decisions/{k}": _sessions(c.value) for k, c in dict(f.decisions).items()}
    found |= {"reverse": _sessions(f.reverse.value), "feedback": _sessions(f.feedback.value)}
    found |= {f"actions/{k}": (c.value, c.sessions, 0) for k, c in dict(f.actions).items()}
    found["rating"] = (f.rating.count, f.rating.count, _sum(f.rating.mean, f.rating.count))
    c = f.checkins
    found["checkins"] = (c.count, c.sessions, _sum(c.mean, c.count))
    for shown, hidden in COMPLEMENTS.items():
        found[hidden] = _sessions(f.sessions.value - found[shown][0])
    return found


def _sessions(n: int) -> Contribution:
    return (n, n, 0)


def _sum(mean: float | None, count: int) -> int:
    return round((mean or 0) * count)


def _column(
    column: str, months: list[str], cells: dict[str, Cell], given: dict[str, Any]
) -> dict[str, Any]:
    """One column of the publication: each figure shown, or withheld with its reason."""
    out: dict[str, Any] = {}
    for row in rows(months):
        cell = cells[f"{column}/{row}"]
        value, _n, total = (sum(g[column][row][k] for g in given.values()) for k in range(3))
        figure: dict[str, Any]
        if cell.withheld:
            figure = {"withheld": cell.reason}
        elif row in MEANS:
            figure = {"mean": _one_decimal(total, value), "count": value}
        else:
            figure = {"value": value}
        table, _slash, key = row.partition("/")
        if key:
            out.setdefault(table, {})[key] = figure
        else:
            out[table] = figure
    return out


def _one_decimal(total: int, count: int) -> float | None:
    """TOTAL / COUNT to one decimal, halves away from zero (4.25 is 4.3), as people round."""
    if count == 0:
        return None
    exact = Fraction(total, count)
    tenths = Decimal(exact.numerator) / Decimal(exact.denominator)
    return float(tenths.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def latest(found: list[tuple[str, Report]]) -> tuple[list[Report], list[str]]:
    """Each person's latest report (the highest revision of each id), and a line for each
    one left out; FlashError when two of that revision differ."""
    by_id: dict[str, list[tuple[str, Report]]] = {}
    for where, report in found:
        by_id.setdefault(report.report, []).append((where, report))
    kept, said = [], []
    for versions in by_id.values():
        top = max(versions, key=lambda v: v[1].revision)
        for version in versions:
            if version is top:
                continue
            where, report = version
            if report.revision == top[1].revision and report != top[1]:
                raise FlashError(
                    _(
                        "{where} and {other} are revision {revision} of one report with different "
                        "figures (made on two machines before they synced?): ask for a new one"
                    ).format(where=top[0], other=where, revision=report.revision)
                )
            said.append(_left_out(top, version))
        kept.append(top[1])
    return kept, said


def _left_out(kept: tuple[str, Report], dropped: tuple[str, Report]) -> str:
    if kept[1].revision == dropped[1].revision:
        return _("{dropped} is the same report as {where}: counted once").format(
            dropped=dropped[0], where=kept[0]
        )
    return _(
        "kept revision {revision} of report {id} ({where}), and left out revision {other} "
        "({dropped}): a person counts once, as their latest report says"
    ).format(
        revision=kept[1].revision,
        id=kept[1].report[:8],
        where=kept[0],
        other=dropped[1].revision,
        dropped=dropped[0],
    )
