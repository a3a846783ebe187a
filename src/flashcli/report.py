"""A programme report (`flash report`): figures for a period that name no one, for a mentoring
programme's coordinator, who adds up everyone's with `flash report merge`.

It holds counts and means only, by role, by month at the finest: no name, address, id, uid,
free text, place or day. A figure drawn from fewer than 5 sessions, or from fewer than 3
different partners, is withheld (never its value); so is a figure from which a withheld one
could be worked out by subtraction (a total beside all but one of its parts). Every mean
carries its count. Each report has a random id, so that one sent twice is seen.
"""

import re
import uuid
from collections.abc import Callable, Iterable
from datetime import date
from typing import (
    Any,
    Literal,
    NotRequired,  # pydantic reads these on Python 3.11
)

from pydantic import ConfigDict, with_config
from typing_extensions import TypedDict

from flashcli.errors import FlashError, UsageProblem, shown
from flashcli.figures import person
from flashcli.i18n import _
from flashcli.kinds import ROLES
from flashcli.summary import Summary

VERSION = 1
FEWEST_SESSIONS, FEWEST_PARTNERS = 5, 3
# Purposes as the built-in guidance names them; any other an organisation or a person added is
# counted as "other", so that a purpose of one's own invention names no one.
PURPOSES = ("learning", "role", "perspective", "career", "other", "none")
DECISIONS = ("yes", "no", "undecided", "none")
PERIOD = re.compile(r"(\d{4})(?:-(\d{2})|Q([1-4]))?")
CLOSED = ConfigDict(extra="forbid")  # a key a report never has is refused


@with_config(CLOSED)
class Count(TypedDict):
    value: NotRequired[int]
    withheld: NotRequired[Literal[True]]


@with_config(CLOSED)
class Mean(TypedDict):
    mean: NotRequired[float]
    count: NotRequired[int]
    withheld: NotRequired[Literal[True]]


@with_config(CLOSED)
class Actions(TypedDict):
    total: Count
    done: Count
    on_time: Count


@with_config(CLOSED)
class RoleFigures(TypedDict):
    sessions: Count
    by_month: dict[str, Count]
    by_purpose: dict[str, Count]
    reverse: Count
    feedback: Count
    decisions: dict[str, Count]
    actions: Actions
    rating: Mean
    checkins: Mean


@with_config(CLOSED)
class ReportJson(TypedDict):
    version: int
    report: str
    period: str
    programme: str | None
    merged: int  # how many reports it adds up (1 for a person's own)
    roles: dict[str, RoleFigures]


def months_of(period: str) -> list[str]:
    """The months (YYYY-MM) of a period: 2026, 2026Q4 or 2026-11."""
    m = PERIOD.fullmatch(period.strip())
    if m is None or (m[2] and not 1 <= int(m[2]) <= 12):
        raise UsageProblem(
            _(
                "{period} is not a period; give a year (2026), a quarter (2026Q4) or a month "
                "(2026-11)"
            ).format(period=shown(period)),
            "--period",
        )
    year = m[1]
    if m[2]:
        return [f"{year}-{m[2]}"]
    if m[3]:
        first = (int(m[3]) - 1) * 3 + 1
        return [f"{year}-{n:02d}" for n in range(first, first + 3)]
    return [f"{year}-{n:02d}" for n in range(1, 13)]


def build(summaries: list[Summary], period: str, programme: str | None, today: date) -> ReportJson:
    """The report over SUMMARIES for PERIOD (its sessions only, and with PROGRAMME, only that
    programme's), figures withheld as the rules say."""
    months = months_of(period)
    chosen = [
        s
        for s in summaries
        if s.day[:7] in months and (programme is None or s.programme == programme)
    ]
    roles = {role: _role([s for s in chosen if s.role == role], months, today) for role in ROLES}
    return {
        "version": VERSION,
        "report": str(uuid.uuid4()),
        "period": period.strip(),
        "programme": programme,
        "merged": 1,
        "roles": roles,  # type: ignore[typeddict-item]
    }


def _count(sessions: list[Summary], value: int | None = None) -> Count:
    """A count drawn from SESSIONS (their number, unless VALUE): withheld from too few."""
    if len(sessions) < FEWEST_SESSIONS or len({person(s) for s in sessions}) < FEWEST_PARTNERS:
        return {"withheld": True}
    return {"value": len(sessions) if value is None else value}


def _mean(pairs: list[tuple[Summary, int]]) -> Mean:
    """The mean of the values, with their count, drawn from the sessions they come from."""
    sessions = [s for s, _ in pairs]
    if "withheld" in _count(sessions):
        return {"withheld": True}
    values = [v for _, v in pairs]
    return {"mean": round(sum(values) / len(values), 2), "count": len(values)}


def _role(sessions: list[Summary], months: list[str], today: date) -> RoleFigures:
    def by(key: Callable[[Summary], str], keys: Iterable[str]) -> dict[str, Count]:
        return {k: _count([s for s in sessions if key(s) == k]) for k in keys}

    def purpose(s: Summary) -> str:
        return s.purpose if s.purpose in PURPOSES else "other" if s.purpose else "none"

    with_actions = [(s, a) for s in sessions for a in s.actions]
    done = [(s, a) for s, a in with_actions if a.done]
    on_time = [(s, a) for s, a in done if a.due and (a.done or "")[:10] <= a.due]
    figures: RoleFigures = {
        "sessions": _count(sessions),
        "by_month": by(lambda s: s.day[:7], months),
        "by_purpose": by(purpose, PURPOSES),
        "reverse": _count([s for s in sessions if s.reverse]),
        "feedback": _count([s for s in sessions if s.has_feedback]),
        "decisions": by(lambda s: s.decision or "none", DECISIONS),
        "actions": {
            "total": _count([s for s, _ in with_actions], len(with_actions)),
            "done": _count([s for s, _ in done], len(done)),
            "on_time": _count([s for s, _ in on_time], len(on_time)),
        },
        "rating": _mean([(s, s.rating) for s in sessions if s.rating is not None]),
        "checkins": _mean([(s, score) for s in sessions for _, score in s.checkins]),
    }
    _withhold_what_subtraction_reveals(figures)
    return figures


def _withhold_what_subtraction_reveals(figures: RoleFigures) -> None:
    """A total shown beside all its parts but one withheld would give that one away: the
    smallest part shown is withheld too. (Each table splits every session of the total, so a
    lone part withheld always has others beside it: a table of one part is the total itself.)"""
    if "withheld" in figures["sessions"]:
        return
    for parts in (figures["by_month"], figures["by_purpose"], figures["decisions"]):
        hidden = [k for k, c in parts.items() if "withheld" in c]
        if len(hidden) == 1:
            smallest = min((c["value"], k) for k, c in parts.items() if "value" in c)
            parts[smallest[1]] = {"withheld": True}


LEAF = re.compile(r"\{\n\s+([^{}\[\]]*?)\n\s+\}")


def as_text(report: ReportJson) -> str:
    """The report as its file holds it: indented JSON, each figure on one line."""
    import json

    text = json.dumps(report, indent=2, ensure_ascii=False)
    one_line = LEAF.sub(lambda m: "{" + " ".join(m[1].split()) + "}", text)
    return one_line + "\n"


# ---------------------------------------------------------------- the coordinator's side


def check(data: Any, where: str) -> ReportJson:
    """DATA as a report of this version, checked against its schema; FlashError naming WHERE."""
    from pydantic import TypeAdapter, ValidationError

    try:
        report: ReportJson = TypeAdapter(ReportJson).validate_python(data, strict=True)
    except ValidationError as e:
        problem = e.errors()[0]
        at = ".".join(map(str, problem["loc"]))
        raise FlashError(
            _("{where} is not a flash report: {at}: {problem}").format(
                where=where, at=at, problem=problem["msg"]
            )
        ) from None
    if report["version"] != VERSION:
        raise FlashError(
            _(
                "{where} is a report of version {report}; this flash reads version {version}: "
                "merge reports of one version"
            ).format(where=where, report=report["version"], version=VERSION)
        )
    return report


def merge(reports: Iterable[tuple[str, ReportJson]]) -> ReportJson:
    """Reports of one period added up: counts summed, means weighted by their counts; a
    figure withheld in any of them is withheld in the sum."""
    found = list(reports)
    seen: dict[str, str] = {}
    for where, r in found:
        if r["report"] in seen:
            raise FlashError(
                _(
                    "{where} is the same report as {seen} (id {r}); each counts once: leave one out"
                ).format(where=where, seen=seen[r["report"]], r=r["report"])
            )
        seen[r["report"]] = where
    periods = {r["period"] for _, r in found}
    if len(periods) > 1:
        raise FlashError(
            _(
                "the reports are of different periods ({periods}); merge one period at a time"
            ).format(periods=", ".join(sorted(periods)))
        )
    programmes = {r["programme"] for _, r in found}
    reports_only = [r for _, r in found]
    return {
        "version": VERSION,
        "report": str(uuid.uuid4()),
        "period": periods.pop(),
        "programme": programmes.pop() if len(programmes) == 1 else None,
        "merged": sum(r["merged"] for r in reports_only),
        "roles": {role: _sum([r["roles"][role] for r in reports_only]) for role in ROLES},
    }


def _sum(parts: list[Any]) -> Any:
    """Figures of one shape added up: a count, a mean, or a table of them."""
    first = parts[0]
    if any("withheld" in p for p in parts if isinstance(p, dict) and not _table(p)):
        return {"withheld": True}
    if "value" in first:
        return {"value": sum(p["value"] for p in parts)}
    if "mean" in first:
        count = sum(p["count"] for p in parts)
        return {
            "mean": round(sum(p["mean"] * p["count"] for p in parts) / count, 2),
            "count": count,
        }
    return {key: _sum([p[key] for p in parts]) for key in first}


def _table(figure: dict[str, Any]) -> bool:
    """Whether FIGURE is a table of figures, not one figure."""
    return not ({"value", "mean", "withheld"} & set(figure))
