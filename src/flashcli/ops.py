"""Every change to a session: plain functions on the model, with no I/O and no terminal.

Flags, the walks, live notes and the notes editor change sessions only through these, applied
with `store.update(id, change, …)`, which re-reads the file under the lock first: each change
is made to the file as it is now, so two terminals never undo each other. The models check
every value; each operation checks the rules that are its own (which items may be ticked,
which actions there are, what fits in the time).
"""

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from flashcli.agenda import check_fit
from flashcli.errors import Invalid, shown
from flashcli.i18n import _
from flashcli.kinds import DISMISSED, Owner, Phase
from flashcli.models import Action, CheckIn, Note, Partner, Session

if TYPE_CHECKING:  # the guidance is handed in by those who tick; a note needs none of it
    from flashcli.guidance import Guidance, Item

Change = Callable[[Session], None]

# The fields set as they are given: the others have operations of their own.
FIELDS = frozenset(
    {
        "partner",
        "role",
        "purpose",
        "programme",
        "reverse",
        "when",
        "minutes",
        "where",
        "goal",
        "success",
        "feedback",
        "rating",
        "decision",
    }
)


def set_fields(s: Session, /, **values: Any) -> None:
    """Prepare or correct fields: each value is checked by the model as it is set. A new
    meeting time raises the sequence, so that calendars update the event they have."""
    time = (s.when, s.ends)
    for name, value in values.items():
        if name not in FIELDS:
            raise TypeError(_("{name} is not a field set directly").format(name=name))
        setattr(s, name, value)
    check_fit(len(s.topics), s.minutes, bool(s.review))
    if time[0] is not None and (s.when, s.ends) != time:
        s.sequence += 1


def set_partner(
    s: Session, partner: Partner | None = None, greet: str | None = None, lang: str | None = None
) -> None:
    """Correct who the partner is, how drafts greet them, or the language they are written in
    (LANG; '': the person's own). The same name keeps its greeting and language."""
    if partner is not None:
        same = partner.name == s.partner.name
        kept = {"greet": s.partner.greet, "lang": s.partner.lang} if same else {}
        s.partner = partner.model_copy(
            update={k: getattr(partner, k) or kept.get(k) for k in ("greet", "lang")}
        )
    if greet is not None:
        s.partner.greet = greet or None
    if lang is not None:
        s.partner.lang = lang or None


LISTS = {
    "topic": "topics",
    "question": "questions",
    "note": "notes",
    "action": "actions",
    "checkin": "checkins",
}


def drop(s: Session, kind: str, numbers: Sequence[int]) -> None:
    """Remove items of one list by their numbers (from 1) as the list is before any goes."""
    items = getattr(s, LISTS[kind])
    for n in numbers:
        if not 1 <= n <= len(items):
            raise Invalid(
                _("there is no {kind} {n}; {id} has {n2}").format(
                    kind=kind, n=n, id=s.id, n2=len(items)
                )
            )
    setattr(s, LISTS[kind], [x for n, x in enumerate(items, 1) if n not in numbers])


def reword(s: Session, number: int, text: str | None = None, owner: Owner | None = None) -> None:
    """Correct what action NUMBER says, or who does it."""
    action = _action(s, number)
    if text is not None:
        action.text = text
    if owner is not None:
        action.owner = owner


def add_topics(s: Session, texts: Sequence[str]) -> None:
    """Topics added after those there are; one already there is not added twice."""
    s.topics = [*s.topics, *texts]
    s.topics = list(dict.fromkeys(s.topics))
    check_fit(len(s.topics), s.minutes, bool(s.review))


def carry(s: Session, texts: Sequence[str]) -> None:
    """Open actions of earlier sessions, into the one slot of the agenda that reviews them."""
    s.review = list(dict.fromkeys([*s.review, *texts]))
    check_fit(len(s.topics), s.minutes, bool(s.review))


def add_questions(s: Session, texts: Sequence[str]) -> None:
    s.questions = [*s.questions, *texts]
    s.questions = list(dict.fromkeys(s.questions))


def add_note(s: Session, note: Note) -> None:
    s.notes = [*s.notes, note]


def add_action(s: Session, action: Action) -> None:
    s.actions = [*s.actions, action]


def tickable(s: Session, book: "Guidance", key: str, phase: Phase) -> "Item":
    """The role's checklist item KEY of PHASE, if a person may tick it."""
    item = book.item(s.role, key)
    if item is None or item.phase != phase:
        keys = ", ".join(i.key for i in book.checklist(s.role, phase))
        where = "" if item is None else f" {phase}"
        raise Invalid(
            _("{key} is not a {role}{where} checklist item; use one of: {keys}").format(
                key=shown(key), role=s.role, where=where, keys=keys
            )
        )
    if item.auto:
        raise Invalid(
            _("{key} ticks itself once {auto} is set").format(
                key=shown(key), auto=" and ".join(item.auto)
            )
        )
    return item


def tick(s: Session, book: "Guidance", key: str, phase: Phase, now: datetime) -> None:
    """Tick KEY, keeping when (for the figures: thanked within two days)."""
    if tickable(s, book, key, phase).key not in s.ticked:
        s.ticked = [*s.ticked, key]
        s.ticked_at = {**s.ticked_at, key: now}


def untick(s: Session, book: "Guidance", key: str, phase: Phase) -> None:
    tickable(s, book, key, phase)
    s.ticked = [k for k in s.ticked if k != key]
    s.ticked_at = {k: at for k, at in s.ticked_at.items() if k != key}


def _action(s: Session, number: int) -> Action:
    if not 1 <= number <= len(s.actions):
        raise Invalid(
            _("there is no action {number}; {id} has {n}").format(
                number=number, id=s.id, n=len(s.actions)
            )
        )
    return s.actions[number - 1]


def complete(s: Session, number: int, now: datetime) -> None:
    """Action NUMBER (from 1) is done; done already, it keeps the time it was done."""
    action = _action(s, number)
    action.done = action.done or now


def reopen(s: Session, number: int) -> None:
    _action(s, number).done = None


def set_due(s: Session, number: int, due: date | None) -> None:
    _action(s, number).due = due


def close(s: Session, now: datetime) -> None:
    s.closed = s.closed or now


def reopen_session(s: Session) -> None:
    s.closed = None


def add_checkin(s: Session, checkin: CheckIn) -> None:
    s.checkins = [*s.checkins, checkin]


def amend_checkin(s: Session, uid: str, field: str, text: str) -> None:
    """Add to the check-in UID what the walk asks after the score: its note, or what is next."""
    found = next((c for c in s.checkins if c.uid == uid), None)
    if found is None:
        raise Invalid(_("the check-in being written is no longer in {id}").format(id=s.id))
    setattr(found, field, text)


def hush(s: Session, key: str, until: datetime | None) -> None:
    """Set the reminder KEY aside until UNTIL, or for good (None); dismissed stays so."""
    if s.reminders.get(key) != DISMISSED:
        s.reminders = {**s.reminders, key: until or DISMISSED}


def start_live(s: Session, now: datetime) -> None:
    """Live notes began: the countdown runs from the first time."""
    s.started = s.started or now


def merge_notes(s: Session, base: Sequence[Note], edited: Sequence[Note]) -> None:
    """The notes as edited from BASE, merged with what changed in the file meanwhile.

    EDITED holds the notes of BASE the person left untouched (the same objects) and new ones.
    A three-way merge: a note of BASE left out was deleted; one kept stays as the file has it
    now (or goes, if it went meanwhile); notes added or changed elsewhere are kept, after.
    """
    meanwhile = list(s.notes)

    def now_in_file(note: Note) -> Note | None:
        for n, there in enumerate(meanwhile):
            if there == note:
                return meanwhile.pop(n)
        return None

    current = {id(note): now_in_file(note) for note in base}
    merged = []
    for note in edited:
        if id(note) not in current:
            merged.append(note)
        elif (kept := current[id(note)]) is not None:
            merged.append(kept)
    s.notes = [*merged, *meanwhile]
