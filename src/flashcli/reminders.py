"""What needs the person now (`flash remind`), most urgent first, each with the one command
that deals with it: worked out from the index's summaries and the guidance, without pydantic.

Each reminder has a key, the same on every machine, by which its session keeps it dismissed
or snoozed (the session's `reminders` table): the kind, and for an action its uid, for a
check-in its number (checkin:2).

Bare `flash` counts them over every session and shows three, so a reminder is a small tuple
made without formatting anything: its words are put together only when they are shown.
"""

import heapq
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, Literal, NamedTuple, TypedDict

from flashcli import dates
from flashcli.i18n import N_, _
from flashcli.queries import met_on
from flashcli.rules import status_of
from flashcli.summary import Summary

Kind = Literal["prepare", "overdue", "thank", "soon", "ask", "checkin", "decide"]
# Most urgent first: a meeting within a day that is not prepared for, then what I owe that is
# late, the thanks that lose their worth by the day, what I owe soon, what I am owed, a
# check-in on the goal, and the decision, which keeps.
KINDS: tuple[Kind, ...] = ("prepare", "overdue", "thank", "soon", "ask", "checkin", "decide")
ORDER = {kind: n for n, kind in enumerate(KINDS)}
SOON = 3  # days ahead that an action of mine is due soon
THANK_AFTER = timedelta(days=2)  # after the meeting, a thank-you not sent is reminded


def thanks(item: dict[str, Any]) -> bool:
    """Whether a checklist item (as plain data) is the thank-you: the one its walk drafts the
    email under."""
    return "thanks" in item["asks"]


class Reminder(NamedTuple):
    kind: Kind
    session: str
    partner: str
    key: str  # in the session's reminders table
    day: date  # the date it is about: the meeting's, or the action's due date
    # The action's text; the guidance item's; for a meeting, when and what is left; for a
    # check-in, the day of the meeting (ISO 8601).
    subject: str
    number: int  # the action's number in its session (0 for the others)
    today: date  # the day it was found on, which its words are relative to

    @property
    def text(self) -> str:
        """What it says: 'Draft my plan (due yesterday; with Ada Lovelace)'."""
        if self.kind == "prepare":
            return _("Prepare for your meeting with {partner}, {subject}").format(
                partner=self.partner, subject=self.subject
            )
        if self.kind == "checkin":
            met = dates.short_day(date.fromisoformat(self.subject), self.today)
            return _("Check in on what came of your session with {partner} (met {met})").format(
                partner=self.partner, met=met
            )
        if self.kind in ("thank", "decide"):
            met = dates.short_day(self.day, self.today)
            return _("{subject} ({partner}, met {met})").format(
                subject=self.subject.rstrip("."), partner=self.partner, met=met
            )
        words = {0: N_("today"), 1: N_("tomorrow"), -1: N_("yesterday")}
        near = words.get((self.day - self.today).days)
        when = _(near) if near else dates.short_day(self.day, self.today)
        if self.kind == "ask":
            return _("Ask {partner} about: {subject} (due {when})").format(
                partner=self.partner, subject=self.subject, when=when
            )
        return _("{subject} (due {when}; with {partner})").format(
            subject=self.subject, when=when, partner=self.partner
        )

    @property
    def command(self) -> str:
        """The one command that deals with it."""
        if self.kind == "prepare":
            return f"flash prep {self.session}"
        if self.kind == "thank":
            return f"flash followup {self.session}"
        if self.kind == "decide":
            return f"flash followup {self.session} --continue yes|no|undecided"
        if self.kind == "checkin":
            return f"flash checkin {self.session}"
        return f"flash followup {self.session} --complete {self.number}"

    def as_json(self, number: int) -> "ReminderJson":
        return {
            "number": number,
            "kind": self.kind,
            "session": self.session,
            "partner": self.partner,
            "key": self.key,
            "text": self.text,
            "command": self.command,
            "date": self.day,
        }


class ReminderJson(TypedDict):
    number: int
    kind: Kind
    session: str
    partner: str
    key: str
    text: str
    command: str
    date: date


def due(
    summaries: list[Summary],
    items: list[dict[str, Any]],
    now: datetime,
    schedule: Sequence[tuple[int, str]],
) -> list[Reminder]:
    """What needs the person at NOW, most urgent first, less what they set aside; ITEMS are
    the guidance's checklist items as plain data, SCHEDULE when check-ins fall due."""
    return sorted(_found(summaries, items, now, schedule), key=_urgency)


def first(
    count: int,
    summaries: list[Summary],
    items: list[dict[str, Any]],
    now: datetime,
    schedule: Sequence[tuple[int, str]],
) -> tuple[int, list[Reminder]]:
    """How many reminders there are, and the COUNT most urgent (bare `flash`): as `due`
    gives them, without ordering the rest."""
    found = _found(summaries, items, now, schedule)
    return len(found), heapq.nsmallest(count, found, key=_urgency)


def _urgency(r: Reminder) -> tuple[int, date, str, str]:
    return ORDER[r.kind], r.day, r.session, r.key


def _found(
    summaries: list[Summary],
    items: list[dict[str, Any]],
    now: datetime,
    schedule: Sequence[tuple[int, str]],
) -> list[Reminder]:
    finder = _Finder(items, now, schedule)
    for s in summaries:
        finder.of(s)
    return finder.reminders


class _Finder:
    """The reminders of each session in turn, with what every session's need worked out once."""

    def __init__(
        self, items: list[dict[str, Any]], now: datetime, schedule: Sequence[tuple[int, str]]
    ) -> None:
        self.now, self.now_at, self.today = now, now.timestamp(), now.date()
        self.schedule = schedule
        self.late, self.soon = self.today.isoformat(), (self.today + timedelta(SOON)).isoformat()
        # A meeting starting before the day after tomorrow is reminded to be prepared for.
        after_tomorrow = datetime.combine(self.today + timedelta(2), time())
        self.prepare_until = dates.local(after_tomorrow).timestamp()
        self.thank_before = self.now_at - THANK_AFTER.total_seconds()
        self.prepare: dict[str, list[dict[str, Any]]] = {}
        # After the meeting, the items a reminder is about: the thanks, the decision.
        self.after: dict[str, list[tuple[Kind, dict[str, Any]]]] = {}
        for role in ("mentee", "mentor"):
            self.prepare[role] = [i for i in items if i["role"] == role and i["phase"] == "prepare"]
            after = [i for i in items if i["role"] == role and i["phase"] == "after"]
            self.after[role] = [
                ("thank" if thanks(i) else "decide", i)
                for i in after
                if thanks(i) or "continue" in i["auto"]
            ]
        self.reminders: list[Reminder] = []

    def of(self, s: Summary) -> None:
        """Add the reminders of session S that are not set aside."""
        start = len(self.reminders)
        for number, (text, owner, due, done, uid) in enumerate(s.action_rows, 1):
            if done is None and due is not None and due <= self.soon:
                self._action(s, number, text, owner, due, uid)
        if not s.closed:
            when_at = s.when_at
            if when_at is not None and self.now_at < when_at < self.prepare_until:
                self._prepare(s, when_at)
            met = s.ends_at if s.ends_at is not None else s.start_at
            held = status_of(False, s.has_entries, s.ends_at, self.now_at) == "held"
            if met <= self.thank_before and held:
                self._after(s, met)
        if self.schedule:
            self._checkin(s)
        if s.hushed:
            kept = [r for r in self.reminders[start:] if not s.hushes(r.key, self.now_at)]
            self.reminders[start:] = kept

    def _add(self, kind: Kind, s: Summary, key: str, day: date, subject: str, n: int = 0) -> None:
        self.reminders.append(Reminder(kind, s.id, s.partner, key, day, subject, n, self.today))

    def _action(self, s: Summary, n: int, text: str, owner: str, due: str, uid: str) -> None:
        """An action of mine late or due soon; one of the partner's late."""
        day = date.fromisoformat(due)
        if owner != "me":
            if due < self.late:
                self._add("ask", s, f"ask:{uid}", day, text, n)
        else:
            kind: Kind = "overdue" if due < self.late else "soon"
            self._add(kind, s, f"{kind}:{uid}", day, text, n)

    def _prepare(self, s: Summary, when_at: float) -> None:
        """A meeting later today or tomorrow with preparation left to do."""
        items = self.prepare[s.role]
        left = [i for i in items if not s.is_ticked(i["key"], i["auto"])]
        if not left:
            return
        start = dates.local(datetime.fromtimestamp(when_at))
        on = _("today") if start.date() == self.today else _("tomorrow")
        subject = _("{on} at {clock}").format(on=on, clock=dates.clock(start))
        if len(items) > 1:
            subject += _(" ({n} of {n2} steps left)").format(n=len(left), n2=len(items))
        self._add("prepare", s, "prepare", start.date(), subject)

    def _checkin(self, s: Summary) -> None:
        """The next check-in, once it falls due (closed sessions too: it comes later)."""
        done = len(s.checkins)
        if done >= len(self.schedule) or (met := met_on(s, self.now_at)) is None:
            return
        day = dates.after(met, *self.schedule[done])
        if day <= self.today:
            self._add("checkin", s, f"checkin:{done + 1}", day, str(met))

    def _after(self, s: Summary, met: float) -> None:
        """Two days after the meeting: the thanks, and the decision on going on."""
        day = date.fromtimestamp(met)
        for kind, i in self.after[s.role]:
            if not s.is_ticked(i["key"], i["auto"]):
                self._add(kind, s, kind, day, i["text"])
