"""A person's programme report as a file: the pydantic model that is its published JSON Schema
(docs/schema/report.schema.json), and what is checked of a report before any arithmetic.

A report holds exact counts, by role: a count is `{"value": n}`; a count of actions or
check-ins also says how many sessions it comes from (`"sessions": s`), which is what the
coordinator's thresholds count; a mean is `{"mean": m, "count": n}` (`null` beside a count of
0), exact, so that mean × count gives back the sum of the ratings or scores. Nothing is
withheld in it: the coordinator sees it as it is (and the person is told so); what is
withheld is withheld from the published sum (publish.py).
"""

import json
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from flashcli.errors import CONTROL, FlashError, escaped
from flashcli.i18n import _

VERSION = 2
SCHEMA = "urn:flashcli:schema:report:2"  # the report schema's $id, which each report names
PURPOSES = ("learning", "role", "perspective", "career", "other", "none")
DECISIONS = ("yes", "no", "undecided", "none")
ACTIONS = ("total", "done", "on_time", "not_done", "done_not_on_time")
RATINGS, SCORES = (1, 5), (-2, 2)  # the scales: a rating, a check-in's score
PERIOD = r"(\d{4})(?:-(\d{2})|Q([1-4]))?"
LIMIT = 2**20  # bytes: a report is a few kilobytes

N = Annotated[int, Field(ge=0)]


def _one_line(text: str) -> str:
    if CONTROL.search(text):
        raise ValueError("holds a control character or a line break")
    return text


class Figure(BaseModel):
    # Every value as JSON gives it (no "5" for 5, no true for 1), no key it does not know,
    # no NaN or Infinity.
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, frozen=True)


class Count(Figure):
    value: N


class ActionCount(Figure):
    value: N
    sessions: N  # the sessions they come from


class Rating(Figure):
    mean: Annotated[float, Field(ge=RATINGS[0], le=RATINGS[1])] | None
    count: N


class Checkins(Figure):
    mean: Annotated[float, Field(ge=SCORES[0], le=SCORES[1])] | None
    count: N
    sessions: N


class Purposes(Figure):
    learning: Count
    role: Count
    perspective: Count
    career: Count
    other: Count
    none: Count


class Decisions(Figure):
    yes: Count
    no: Count
    undecided: Count
    none: Count


class Actions(Figure):
    total: ActionCount
    done: ActionCount
    on_time: ActionCount  # done by the due date
    not_done: ActionCount
    done_not_on_time: ActionCount  # done after the due date, or with none


class RoleFigures(Figure):
    sessions: Count
    by_month: dict[Annotated[str, Field(pattern=r"^\d{4}-\d{2}$")], Count]
    by_purpose: Purposes
    reverse: Count
    feedback: Count  # sessions with feedback given
    decisions: Decisions
    actions: Actions
    rating: Rating
    checkins: Checkins


class Roles(Figure):
    mentee: RoleFigures
    mentor: RoleFigures


class Report(Figure):
    schema_: Literal["urn:flashcli:schema:report:2"] = Field(alias="$schema")
    version: Literal[2]
    report: Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]
    revision: Annotated[int, Field(ge=1)]
    period: Annotated[str, Field(pattern=f"^{PERIOD}$")]
    programme: Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_one_line)] | None
    roles: Roles


def load(data: bytes, where: str) -> Report:
    """A report file's bytes as a report, checked in full; FlashError naming WHERE (escaped)
    otherwise: not JSON, another version, not this shape, or figures that contradict."""
    found = _json(data, where)
    if isinstance(found, dict) and found.get("version") != VERSION:
        raise FlashError(
            _(
                "{where} is a report of version {report}; this flash reads version {version}: "
                "ask for a report made with it"
            ).format(where=where, report=escaped(str(found.get("version"))), version=VERSION)
        )
    try:
        report = Report.model_validate(found)
    except ValidationError as e:
        problem = e.errors()[0]
        at = escaped(".".join(map(str, problem["loc"])))
        raise FlashError(
            _("{where} is not a flash report: {at}: {problem}").format(
                where=where, at=at, problem=escaped(problem["msg"])
            )
        ) from None
    from flashcli.report.checks import contradiction

    said = contradiction(report)
    if said is not None:
        raise FlashError(
            _("{where} is not a flash report: {problem}").format(where=where, problem=said)
        )
    return report


def _json(data: bytes, where: str) -> Any:
    """The JSON in DATA: no NaN or Infinity, no key twice in one object, not nested past what
    a reader goes; FlashError otherwise."""

    def refuse(word: str) -> None:
        raise ValueError(word)

    def pairs(found: list[tuple[str, Any]]) -> dict[str, Any]:
        table = dict(found)
        if len(table) < len(found):
            raise ValueError("a key twice")
        return table

    try:
        return json.loads(data.decode("utf-8"), parse_constant=refuse, object_pairs_hook=pairs)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise FlashError(
            _("{where} is not a flash report (not JSON as a report holds it)").format(where=where)
        ) from None


def months_of(period: str) -> list[str] | None:
    """The months (YYYY-MM) of a period: 2026, 2026Q4 or 2026-11; None for anything else."""
    m = re.fullmatch(PERIOD, period)
    if m is None or (m[2] and not 1 <= int(m[2]) <= 12):
        return None
    year = m[1]
    if m[2]:
        return [f"{year}-{m[2]}"]
    first, count = ((int(m[3]) - 1) * 3 + 1, 3) if m[3] else (1, 12)
    return [f"{year}-{n:02d}" for n in range(first, first + count)]
