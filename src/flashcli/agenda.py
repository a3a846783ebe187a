"""The time-boxed agenda: welcome, objective, each topic, plan of action, close."""

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from flashcli.dates import on_wall
from flashcli.errors import FlashError
from flashcli.i18n import _

if TYPE_CHECKING:  # the rule that topics must fit is used by every change: no models here
    from flashcli.guidance import AgendaWording
    from flashcli.models import Session

# Shares of the session's minutes; the topics split what is left between them.
FRAME = {"welcome": 0.08, "objective": 0.07, "plan": 0.15, "close": 0.07}
SHORT_TOPIC = 5  # minutes under which a topic gets a warning


@dataclass(frozen=True)
class Slot:
    kind: str  # welcome, objective, topic, plan, close
    title: str
    minutes: int
    offset: int  # minutes from the start
    start: datetime | None = None
    items: list[str] = field(default_factory=list)  # what a review slot goes through


@dataclass(frozen=True)
class Agenda:
    minutes: int
    slots: list[Slot]
    start: datetime | None = None
    note: str | None = None
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def apportion(total: int, weights: list[float]) -> list[int]:
    """Whole minutes in proportion to weights, at least one each, summing to total."""
    if total < len(weights):
        raise ValueError(_("fewer minutes than slots"))
    ideal = [total * w / sum(weights) for w in weights]
    parts = [max(1, int(x)) for x in ideal]
    by_remainder = sorted(range(len(ideal)), key=lambda i: int(ideal[i]) - ideal[i])
    for i in range(total - sum(parts)):
        parts[by_remainder[i % len(parts)]] += 1
    while sum(parts) > total:
        parts[parts.index(max(parts))] -= 1
    return parts


def check_fit(topics: int, minutes: int, review: bool = False) -> None:
    """Every slot needs a minute at least: too many topics for the time are refused."""
    if max(topics, 1) + review + len(FRAME) > minutes:
        raise FlashError(
            _(
                "{topics} topics do not fit in {minutes} minutes; drop some or give more --minutes"
            ).format(topics=topics, minutes=minutes)
        )


def build(session: "Session", wording: "AgendaWording") -> Agenda:
    """The agenda fitted to the session's minutes, with clock times when the time is known."""
    fill = {"first": session.partner.first_name, "goal": session.goal or ""}
    topics = session.topics or [wording.open.format(**fill)]
    check_fit(len(session.topics), session.minutes, bool(session.review))
    objective = wording.objective if session.goal else wording.objective_unset
    titles = [
        ("welcome", wording.welcome.format(**fill)),
        ("objective", objective.format(**fill)),
        *([("review", wording.review.format(**fill))] if session.review else []),
        *(("topic", t) for t in topics),
        ("plan", wording.plan.format(**fill)),
        ("close", wording.close.format(**fill)),
    ]
    share = (1 - sum(FRAME.values())) / (len(topics) + bool(session.review))
    sizes = apportion(session.minutes, [FRAME.get(kind, share) for kind, _ in titles])
    slots, offset = [], 0
    for (kind, title), size in zip(titles, sizes, strict=True):
        at = (
            on_wall(session.when + timedelta(minutes=offset), session.when)
            if session.when
            else None
        )
        slots.append(
            Slot(kind, title, size, offset, at, session.review if kind == "review" else [])
        )
        offset += size
    shortest = min(s.minutes for s in slots if s.kind == "topic")
    warnings = []
    if session.topics and shortest < SHORT_TOPIC:
        warnings.append(
            _(
                "{n} topics leave {shortest} minutes for some of them; a flash session works best "
                "with two or three"
            ).format(n=len(topics), shortest=shortest)
        )
    note = wording.reverse.format(**fill) if session.reverse else None
    return Agenda(session.minutes, slots, session.when, note, warnings)
