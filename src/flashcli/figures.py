"""A person's own figures (`flash stats`), worked out from the index's summaries: no file is
read, and no pydantic imported. What they need of each session the index keeps (summary.py)."""

from collections import Counter
from datetime import date, datetime
from typing import Any, TypedDict

from flashcli.kinds import ROLES
from flashcli.names import fold
from flashcli.queries import met_on
from flashcli.reminders import THANK_AFTER, thanks
from flashcli.summary import Summary


class Mean(TypedDict):
    mean: float | None
    count: int


class Share(TypedDict):
    total: int
    done: int


class ActionsJson(TypedDict):
    total: int
    done: int
    with_due_done: int  # done, with a due date
    done_on_time: int  # of those, done by the due date
    overdue: int
    median_days_to_done: float | None  # from the meeting's day; done before it: 0
    mine: Share
    theirs: Share


class ThankedJson(TypedDict):
    held: int
    within_2_days: int
    later: int
    unknown: int  # thanked, by a flash that did not keep when
    not_yet: int
    share: float | None  # within 2 days, of those whose time is known


class PeopleJson(TypedDict):
    met: int
    once: int
    more_than_once: int


class RatingsJson(TypedDict):
    mean: float | None
    count: int
    quarters: dict[str, Mean]


class StatsJson(TypedDict):
    sessions: int
    months: dict[str, int]
    purposes: dict[str, int]
    roles: dict[str, int]
    reverse: int
    people: PeopleJson
    actions: ActionsJson
    thanked: ThankedJson
    decisions: dict[str, int]
    ratings: RatingsJson
    checkins: Mean


def month(day: str) -> str:
    return day[:7]


def quarter(day: str) -> str:
    return f"{day[:4]}Q{(int(day[5:7]) - 1) // 3 + 1}"


def person(s: Summary) -> str:
    """Who a session was with, as one key: the address, or the name."""
    return (s.email or "").casefold() or fold(s.partner)


def thank_keys(items: list[dict[str, Any]]) -> dict[str, str]:
    """The key of the thank-you item of each role, from the guidance's items."""
    return {i["role"]: i["key"] for i in items if i["phase"] == "after" and thanks(i)}


def stats(summaries: list[Summary], items: list[dict[str, Any]], now: datetime) -> StatsJson:
    """Every figure of `flash stats` over SUMMARIES (already chosen by the filters)."""
    now_at, today = now.timestamp(), now.date().isoformat()
    people = Counter(person(s) for s in summaries)
    return {
        "sessions": len(summaries),
        "months": dict(sorted(Counter(month(s.day) for s in summaries).items())),
        "purposes": _commonest(Counter(s.purpose or "none" for s in summaries)),
        "roles": {role: sum(s.role == role for s in summaries) for role in ROLES},
        "reverse": sum(s.reverse for s in summaries),
        "people": {
            "met": len(people),
            "once": sum(n == 1 for n in people.values()),
            "more_than_once": sum(n > 1 for n in people.values()),
        },
        "actions": actions(summaries, today),
        "thanked": thanked(summaries, thank_keys(items), now_at),
        "decisions": {
            word: sum((s.decision or "none") == word for s in summaries)
            for word in ("yes", "no", "undecided", "none")
        },
        "ratings": ratings(summaries),
        "checkins": mean([score for s in summaries for _, score in s.checkins]),
    }


def _commonest(counts: Counter[str]) -> dict[str, int]:
    """Most first; as many, by name."""
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def mean(values: list[int]) -> Mean:
    return {"mean": round(sum(values) / len(values), 2) if values else None, "count": len(values)}


def actions(summaries: list[Summary], today: str) -> ActionsJson:
    from statistics import median  # with decimal and fractions: 3 ms, for stats alone

    rows = [(s, a) for s in summaries for a in s.actions]
    done = [(s, a) for s, a in rows if a.done]
    dated = [a for _, a in done if a.due]
    # Done before the meeting's day (the meeting moved later, or a time typed after the
    # fact) is done by the meeting: 0 days, never a negative count of them.
    days = [
        max(0, (date.fromisoformat(a.done[:10]) - date.fromisoformat(s.day)).days)
        for s, a in done
        if a.done
    ]
    mine = [a for _, a in rows if a.owner == "me"]
    theirs = [a for _, a in rows if a.owner != "me"]
    return {
        "total": len(rows),
        "done": len(done),
        "with_due_done": len(dated),
        "done_on_time": sum(a.done[:10] <= a.due for a in dated if a.done and a.due),
        "overdue": sum(not a.done and a.due is not None and a.due < today for _, a in rows),
        "median_days_to_done": float(median(days)) if days else None,
        "mine": {"total": len(mine), "done": sum(bool(a.done) for a in mine)},
        "theirs": {"total": len(theirs), "done": sum(bool(a.done) for a in theirs)},
    }


def _day(moment: str) -> date:
    """The local day of a time as the index keeps it (ISO 8601 with its offset)."""
    return date.fromisoformat(moment[:10])


def thanked(summaries: list[Summary], keys: dict[str, str], now_at: float) -> ThankedJson:
    """Of the held sessions: thanked within two days of the meeting, later, at a time not
    known (a tick kept before ticks kept their time), or not yet."""
    within = later = unknown = not_yet = held = 0
    for s in summaries:
        if met_on(s, now_at) is None:
            continue
        held += 1
        key = keys.get(s.role)
        if key not in s.ticked:
            not_yet += 1
            continue
        at = dict(s.ticked_at).get(key)
        met = s.ends_at if s.ends_at is not None else s.start_at
        if at is None:
            unknown += 1
        elif at - met <= THANK_AFTER.total_seconds():
            within += 1
        else:
            later += 1
    known = within + later + not_yet
    return {
        "held": held,
        "within_2_days": within,
        "later": later,
        "unknown": unknown,
        "not_yet": not_yet,
        "share": round(within / known, 2) if known else None,
    }


def ratings(summaries: list[Summary]) -> RatingsJson:
    rated = [s for s in summaries if s.rating is not None]
    by_quarter: dict[str, list[int]] = {}
    for s in sorted(rated, key=lambda s: s.day):
        by_quarter.setdefault(quarter(s.day), []).append(s.rating or 0)
    overall = mean([s.rating or 0 for s in rated])
    return {
        "mean": overall["mean"],
        "count": overall["count"],
        "quarters": {q: mean(values) for q, values in by_quarter.items()},
    }
