"""A programme report (`flash report`): one person's exact figures for a period, by role, for
their programme's coordinator, who adds everyone's up with `flash report merge` and publishes
only what no reader can trace to fewer than 5 sessions or 3 people (publish.py).

Who learns what (the README's "For your programme" says it to people):
- the coordinator sees the report as it is: that it is this person's (its id is theirs for the
  period) and its exact counts and means; with one or two sessions that means their ratings
  of them, and with what else they know, perhaps who the partner was. No name, address, id,
  uid, note, free text or place is in it, and no date finer than the month.
- readers of the published figures learn nothing about fewer than 5 sessions or 3 people,
  within that publication.

The id is an HMAC of programme and period keyed by the data folder's secret (store/secret.py):
the same on every machine of the folder, and ids of different periods cannot be linked
without it. The revision grows with each report written, so that a merge keeps the latest.
"""

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable
from typing import Any

from flashcli.errors import UsageProblem, json_text, shown
from flashcli.i18n import _
from flashcli.kinds import ROLES
from flashcli.report.model import DECISIONS, PURPOSES, SCHEMA, VERSION, months_of
from flashcli.summary import ActionInfo, Summary

Pairs = list[tuple[Summary, ActionInfo]]


def period_months(period: str) -> list[str]:
    """The months of PERIOD as a person gives it; UsageProblem when it is not a period."""
    months = months_of(period.strip())
    if months is None:
        raise UsageProblem(
            _(
                "{period} is not a period; give a year (2026), a quarter (2026Q4) or a month "
                "(2026-11)"
            ).format(period=shown(period)),
            "--period",
        )
    return months


def report_id(key: str, programme: str | None, period: str) -> str:
    """A report's id: the same for one data folder, programme and period, and unlinkable to
    any other without the folder's secret KEY."""
    said = json.dumps(["flash report", programme, period]).encode("utf-8")
    return hmac.new(bytes.fromhex(key), said, hashlib.sha256).hexdigest()[:32]


def build(
    summaries: list[Summary], period: str, programme: str | None, key: str, revision: int
) -> dict[str, Any]:
    """The report over SUMMARIES for PERIOD (its sessions only; with PROGRAMME, only that
    programme's), with its id from KEY and its REVISION: exact figures, nothing withheld."""
    period = period.strip()
    months = period_months(period)
    chosen = [
        s
        for s in summaries
        if s.day[:7] in months and (programme is None or s.programme == programme)
    ]
    roles = {role: _role([s for s in chosen if s.role == role], months) for role in ROLES}
    return {
        "$schema": SCHEMA,
        "version": VERSION,
        "report": report_id(key, programme, period),
        "revision": revision,
        "period": period,
        "programme": programme,
        "roles": roles,
    }


def _role(sessions: list[Summary], months: list[str]) -> dict[str, Any]:
    def by(key: Callable[[Summary], str], keys: Iterable[str]) -> dict[str, Any]:
        return {k: _count(sum(key(s) == k for s in sessions)) for k in keys}

    def purpose(s: Summary) -> str:
        # A purpose an organisation or a person made up is "other": it could name someone.
        return s.purpose if s.purpose in PURPOSES else "other" if s.purpose else "none"

    ratings = [s.rating for s in sessions if s.rating is not None]
    scores = [(s, score) for s in sessions for _, score in s.checkins]
    return {
        "sessions": _count(len(sessions)),
        "by_month": by(lambda s: s.day[:7], months),
        "by_purpose": by(purpose, PURPOSES),
        "reverse": _count(sum(s.reverse for s in sessions)),
        "feedback": _count(sum(s.has_feedback for s in sessions)),
        "decisions": by(lambda s: s.decision or "none", DECISIONS),
        "actions": _actions([(s, a) for s in sessions for a in s.actions]),
        "rating": _mean(ratings),
        "checkins": {**_mean([v for _, v in scores]), "sessions": _sessions(scores)},
    }


def _count(n: int) -> dict[str, int]:
    return {"value": n}


def _actions(rows: Pairs) -> dict[str, Any]:
    done = [(s, a) for s, a in rows if a.done]
    kinds = {
        "total": rows,
        "done": done,
        "on_time": [(s, a) for s, a in done if _on_time(a)],
        "not_done": [(s, a) for s, a in rows if not a.done],
        "done_not_on_time": [(s, a) for s, a in done if not _on_time(a)],
    }
    return {k: {"value": len(found), "sessions": _sessions(found)} for k, found in kinds.items()}


def _on_time(a: ActionInfo) -> bool:
    """Done by its due date (the day it was done, against the day it was due)."""
    return bool(a.done and a.due and a.done[:10] <= a.due)


def _sessions(rows: Iterable[tuple[Summary, object]]) -> int:
    """How many sessions ROWS (of actions, of scores) come from."""
    return len({s.id for s, _ in rows})


def _mean(values: list[int]) -> dict[str, Any]:
    """The exact mean (mean × count gives the sum back) with its count."""
    return {"mean": sum(values) / len(values) if values else None, "count": len(values)}


def as_text(data: dict[str, Any]) -> str:
    """A report (or a publication) as its file holds it: indented JSON, each figure on one
    line, control characters escaped."""
    import re

    text = json_text(data, indent=2)
    return (
        re.sub(r"\{\n\s+([^{}\[\]]*?)\n\s+\}", lambda m: "{" + " ".join(m[1].split()) + "}", text)
        + "\n"
    )
