"""What the walks share: questions with going back, saving each answer, ticking, stopping."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import typer

from flashcli import guidance, store
from flashcli.cli import ask
from flashcli.errors import UsageProblem
from flashcli.guidance import Item
from flashcli.models import Session

# A question asks only when its answer is missing, or always when asked `again` (after '<');
# it says whether it asked, so that '<' can come back to it.
Question = Callable[[Session, bool], bool]


def run(sid: str, questions: list[Question]) -> None:
    """Ask each question in turn; '<' goes back to the last one that was asked."""
    asked: list[int] = []
    at, again = 0, False
    while at < len(questions):
        try:
            if questions[at](store.load(sid), again):
                asked.append(at)
            at, again = at + 1, False
        except ask.Back:
            at, again = (asked.pop() if asked else at), True


def save(s: Session, **values: object) -> None:
    """Save answers now, so Ctrl-C or a kill later loses nothing."""

    def change(fresh: Session) -> None:
        for name, new in values.items():
            setattr(fresh, name, new)

    store.update(s.id, change)


def confirm(item: Item) -> Question:
    """Ask to tick an item the data cannot tick by itself."""

    def question(s: Session, again: bool) -> bool:
        ticked = item.key in s.ticked
        if item.auto or (ticked and not again):
            return False
        if ask.yes(item.prompt or item.text, default=ticked) != ticked:
            rest = [k for k in s.ticked if k != item.key]
            save(s, ticked=rest if ticked else [*rest, item.key])
        return True

    return question


def tickable(s: Session, key: str, flag: str) -> Item:
    """The role's checklist item KEY, if a person may tick it (--done, --undo)."""
    item = guidance.load().item(s.role, key)
    if item is None:
        keys = ", ".join(guidance.load().keys(s.role))
        raise UsageProblem(f"'{key}' is not a {s.role} checklist item; use one of: {keys}", flag)
    if item.auto:
        fields = " and ".join(item.auto)
        raise UsageProblem(f"'{key}' ticks itself once {fields} is set", flag)
    return item


@contextmanager
def guarded(command: str) -> Iterator[None]:
    """Ctrl-D stops asking (so does '<' with nothing to go back to); Ctrl-C stops too, says so,
    and exits 130. Answers given are saved already."""
    try:
        yield
    except (ask.Stop, ask.Back):
        pass
    except KeyboardInterrupt:
        typer.echo(f"\nstopped; what you entered so far is saved; '{command}' goes on from here")
        raise typer.Exit(130) from None
