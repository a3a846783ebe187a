"""What the prepare and follow-up walks share: saving one answer at once, ticking, stopping."""

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from flashcli import guidance, store
from flashcli.cli import ask
from flashcli.errors import UsageProblem
from flashcli.guidance import Item
from flashcli.models import Session


def save(s: Session, **values: object) -> None:
    """Save answers now, so Ctrl-C or a kill later loses nothing; lists are added to."""

    def change(fresh: Session) -> None:
        for name, new in values.items():
            if isinstance(new, list):
                old = getattr(fresh, name)
                setattr(fresh, name, [*old, *(v for v in new if v not in old)])
            else:
                setattr(fresh, name, new)

    store.update(s.id, change)


def confirm(s: Session, item: Item) -> None:
    """Ask to tick an item the data cannot tick by itself."""
    if not item.auto and item.key not in s.ticked and ask.yes(item.prompt or item.text):
        save(s, ticked=[item.key])


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
    """Ctrl-D stops asking; Ctrl-C stops too, says so, and exits 130. Answers are saved."""
    try:
        yield
    except ask.Stop:
        pass
    except KeyboardInterrupt:
        typer.echo(f"\nstopped; what you entered so far is saved; '{command}' goes on from here")
        raise typer.Exit(130) from None
