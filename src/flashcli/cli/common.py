"""What the command modules share: argument types, JSON output, when to ask questions."""

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from flashcli.guidance import Item


def complete_sessions(incomplete: str) -> list[str]:
    from flashcli.cli.complete import session_ids

    return session_ids(incomplete)


def complete_keys(ctx: typer.Context, incomplete: str) -> list[str]:
    from flashcli.cli.complete import checklist_keys

    return checklist_keys(ctx, incomplete)


SessionArg = Annotated[
    str | None,
    typer.Argument(
        metavar="SESSION",
        autocompletion=complete_sessions,
        help="A session id or a unique prefix of one; the current session when left out.",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print stable machine-readable JSON.")]
NoInputOpt = Annotated[
    bool, typer.Option("--no-input", help="Never ask; fail if something required is missing.")
]


class RoleChoice(StrEnum):
    mentee = "mentee"
    mentor = "mentor"


class OwnerChoice(StrEnum):
    me = "me"
    partner = "partner"


class DecisionChoice(StrEnum):
    yes = "yes"
    no = "no"
    undecided = "undecided"


class FormatChoice(StrEnum):
    markdown = "markdown"
    json = "json"
    ics = "ics"


class PurposeChoice(StrEnum):
    learning = "learning"
    role = "role"
    perspective = "perspective"
    career = "career"
    other = "other"


def interactive(no_input: bool) -> bool:
    """Prompts only when a person is at a terminal and did not say --no-input."""
    return not no_input and sys.stdin.isatty()


def print_json(data: Any) -> None:
    """Indented for a person at a terminal; compact, and several times quicker, in a pipe."""
    indent = 2 if sys.stdout.isatty() else None
    typer.echo(json.dumps(data, indent=indent, ensure_ascii=False, default=_plain))


def checklist_json(rows: "list[tuple[Item, bool]]") -> list[dict[str, Any]]:
    """A checklist as --json gives it: each item's key, text and whether it is done."""
    return [{"key": item.key, "text": item.text, "done": done} for item, done in rows]


def _plain(value: Any) -> Any:
    """Dates and times as ISO 8601 text."""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


PROGRESS_FROM = 200  # files to parse before a progress bar is worth showing


class _Bar:
    """Shown only once there is much to parse: an indexed folder never sees it."""

    def __init__(self) -> None:
        self.progress: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.progress is None and total >= PROGRESS_FROM:
            from rich.console import Console
            from rich.progress import Progress

            self.progress = Progress(transient=True, console=Console(stderr=True))
            self.progress.start()
            self.task = self.progress.add_task("Reading sessions (once)", total=total)
        if self.progress is not None:
            self.progress.update(self.task, completed=done)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()


@contextmanager
def reading_index() -> "Iterator[Callable[[int, int], None] | None]":
    """A progress callback for index.read_all: a bar on a terminal, nothing in a pipe."""
    if not sys.stderr.isatty():
        yield None
        return
    bar = _Bar()
    try:
        yield bar
    finally:
        bar.stop()


RICH_ROWS = 500
ROOM = 16  # what a wrapping column needs to stay readable


def _fitting(
    headers: list[str], rows: list[list[str]], wrap: tuple[int, ...], spare: tuple[int, ...]
) -> list[int]:
    """The columns to show: all, unless the fixed ones leave the wrapping ones no room."""
    import shutil

    width = shutil.get_terminal_size().columns
    natural = [max(len(c) for c in column) for column in zip(headers, *rows, strict=True)]
    keep = list(range(len(headers)))
    for n in spare:
        fixed = sum(natural[k] + 2 for k in keep if k not in wrap)
        if fixed + ROOM * len(wrap) <= width:
            break
        keep.remove(n)
    return keep  # beyond this Rich takes longer to lay a table out than anyone wants to wait


def show_table(
    headers: list[str],
    rows: list[list[str]],
    right: tuple[int, ...] = (),
    wrap: tuple[int, ...] = (),
    spare: tuple[int, ...] = (),
) -> None:
    """A Rich table at a terminal; plain columns in a pipe or for very long lists.

    On a narrow terminal the `spare` columns go first (what they say shows elsewhere), so
    that the `wrap` columns keep room enough to read.
    """
    if sys.stdout.isatty() and len(rows) <= RICH_ROWS:
        from flashcli import render

        keep = _fitting(headers, rows, wrap, spare)
        table = render.grid(
            [headers[n] for n in keep],
            [[row[n] for n in keep] for row in rows],
            right=[keep.index(n) for n in right if n in keep],
            wrap=[keep.index(n) for n in wrap if n in keep],
        )
        render.show(table)
    else:
        from flashcli.plain import columns

        typer.echo(columns(headers, rows, right))


def warn(message: str) -> None:
    """One line on stderr that does not stop the command."""
    typer.echo(f"warning: {message}", err=True)
