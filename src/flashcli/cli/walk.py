"""The walks through a checklist: questions with going back, each answer saved as it is given.

Each answer is its own operation, applied with store.update to the file as it is now, never by
writing back a copy read before asking: another terminal's change made while a question waits
is kept. What each item asks comes from the guidance (its `asks`, then its `prompt`).
"""

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from flashcli import dates, ops, store
from flashcli.cli import prompt
from flashcli.cli.output import say
from flashcli.guidance import Guidance, Item
from flashcli.i18n import N_, _
from flashcli.models import Session
from flashcli.ops import Change

# A question asks only when its answer is missing, or always when asked `again` (after '<');
# it says whether it asked, so that '<' can come back to it.
Question = Callable[[Session, bool], bool]
BACK_HINT = N_("(Enter skips a question; < goes back to the one before)")


class Hint:
    """The hint on Enter and '<', said once, before whichever question a command asks first
    (flash prep may ask the partner and the time before its walk begins)."""

    def __init__(self) -> None:
        self.said = False

    def once(self) -> None:
        if not self.said:
            say(_(BACK_HINT))
            self.said = True


# The session as the last answer saved it, by id: what the walk asks next is asked of it.
_saved: dict[str, Session] = {}


def run(sid: str, questions: list[Question]) -> None:
    """Ask each question in turn, of the session as it is now; '<' goes back to the last one.

    The file is read once per answer: an answer saved gives the session as saved (re-read
    under the lock, with whatever another terminal changed meanwhile); a question left
    unanswered, after a person's pause, reads it again; one that did not ask reads nothing."""
    asked: list[int] = []
    at, again = 0, False
    s = store.load(sid)
    while at < len(questions):
        _saved.clear()
        try:
            if questions[at](s, again):
                asked.append(at)
                s = _saved.get(sid) or store.load(sid)
            at, again = at + 1, False
        except prompt.Back:
            at, again = (asked.pop() if asked else at), True
            s = _saved.get(sid) or store.load(sid)


def update(sid: str, *changes: Change) -> Session:
    """Save an answer (store.update), and keep the session it gives for the next question."""
    _saved[sid] = store.update(sid, *changes)
    return _saved[sid]


def asked(book: Guidance, s: Session, step: str, **more: object) -> str:
    """What the walk asks for STEP, in the guidance's words for the person's role."""
    text: str = getattr(book.prompts.of(s.role), "continue_" if step == "continue" else step)
    return text.format(first=s.partner.first_name, **more)


def setter(sid: str, field: str, read: Callable[[str], Any] = str) -> Callable[[str], Session]:
    """What saves a typed answer to FIELD: read, checked by the model, saved at once."""
    return lambda text: update(sid, partial(ops.set_fields, **{field: read(text)}))


def field(
    book: Guidance,
    name: str,
    read: Callable[[str], Any] = str,
    show: Callable[[Any], str] = str,
    step: str | None = None,
) -> Question:
    """A one-line answer for the field NAME (the goal, the time…), asked while it is missing,
    with the words of STEP in the guidance's prompts (NAME's own by default)."""

    def question(s: Session, again: bool) -> bool:
        current = getattr(s, name)
        if current is not None and not again:
            return False
        now = None if current is None else show(current)
        prompt.value(asked(book, s, step or name), setter(s.id, name, read), now=now)
        return True

    return question


def confirm(book: Guidance, item: Item) -> Question:
    """Ask to tick an item the data cannot tick by itself."""

    def question(s: Session, again: bool) -> bool:
        ticked = item.key in s.ticked
        lacking = any(f not in s.filled() for f in item.needs)  # no topics: none were sent
        if item.auto or (ticked and not again) or lacking:
            return False
        if prompt.yes(item.prompt or item.text, default=ticked) != ticked:
            change = ops.untick if ticked else partial(ops.tick, now=dates.now())
            update(s.id, partial(change, book=book, key=item.key, phase=item.phase))
        return True

    return question


def reminder(item: Item) -> Question:
    """The item's text, shown before its question while it is not ticked."""

    def question(s: Session, again: bool) -> bool:
        if item.key not in s.ticked or again:
            say(_("Reminder: {text}").format(text=item.text))
        return False

    return question


def fixed(question: Question) -> Callable[[Item], Question]:
    """A step that asks the same whichever item it comes under."""
    return lambda item: question


def steps(
    book: Guidance, items: list[Item], table: Mapping[str, Callable[[Item], Question]]
) -> list[Question]:
    """For each item, what it asks for (from TABLE, by the names in its `asks`), then its tick.
    A step two items ask for (the decision, under the thank-you and under its own item) is
    asked under the first only: once a walk, answered or skipped."""
    found: list[Question] = []
    asked: set[str] = set()
    for item in items:
        for step in item.asks:
            if step == "reminder":
                found.append(reminder(item))
            elif step not in asked:
                found.append(table[step](item))
                asked.add(step)
        found.append(confirm(book, item))
    return found
