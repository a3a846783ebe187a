"""Output for people and for pipes: plain text and columns, JSON, progress; Rich is views.py."""

import shutil
import sys
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import typer

from flashcli import store
from flashcli.cli import streams
from flashcli.errors import json_text, shown
from flashcli.i18n import _, ngettext

if TYPE_CHECKING:
    from flashcli.models import Session
    from flashcli.summary import Summary

RICH_ROWS = 500  # beyond this Rich takes longer to lay a table out than anyone wants to wait
ROOM = 16  # what a wrapping column needs to stay readable
PROGRESS_FROM = 200  # files to parse before a progress bar is worth showing


def say(text: str = "", err: bool = False, nl: bool = True) -> None:
    """Plain text for a person: on stdout, or with ERR on stderr (what was done, by the way)."""
    streams.write(lambda: typer.echo(text, err=err, nl=nl), err)


def session_to_read(ref: str | None) -> "Session":
    """The session a command that only shows one means by REF; when REF names several of one
    person's, the coming one, and a line on stderr says which and names the others."""
    sid, said = store.resolve_to_read(ref)
    if said:
        say(said, err=True)
    return store.read(sid)


def warn(message: str) -> None:
    """One line on stderr that does not stop the command."""
    say(_("warning: {message}").format(message=message), err=True)


def warn_of_the_key() -> None:
    """A warning when the key in use lies inside the data folder (an earlier flash put it
    there), with what to run to move it."""
    from flashcli import store

    said = store.key_warning()
    if said is not None:
        warn(said)


def warn_if_long(minutes: int | None) -> None:
    from flashcli.models import FLASH_MINUTES

    if minutes and minutes > FLASH_MINUTES:
        warn(
            _("a flash session is an hour or less; {minutes} minutes is allowed, though").format(
                minutes=minutes
            )
        )


def contents(s: "Session") -> str:
    """What a session holds: '1 note, 2 actions'."""
    notes, actions = notes_said(len(s.notes)), actions_said(len(s.actions))
    return _("{notes}, {actions}").format(notes=notes, actions=actions)


def notes_said(n: int) -> str:
    """'1 note', '3 notes'"""
    return ngettext("{n} note", "{n} notes", n).format(n=n)


def actions_said(n: int) -> str:
    """'1 action', '3 actions'"""
    return ngettext("{n} action", "{n} actions", n).format(n=n)


def print_json(data: Any) -> None:
    """Indented for a person at a terminal; compact, and several times quicker, in a pipe.
    Control characters are written as JSON escapes (\\u009b), whatever a file held."""
    indent = 2 if streams.is_terminal(sys.stdout) else None
    say(json_text(data, indent, default=_iso))


def _iso(value: Any) -> Any:
    """Dates and times as ISO 8601 text; what has a JSON form (an agenda, the config) in it;
    paths as text."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value.as_json() if hasattr(value, "as_json") else str(value)


def columns(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right: Collection[int] = ()
) -> str:
    """Plain aligned columns: for pipes and for lists too long to lay out with Rich. Aligned
    by the cells a terminal gives each character (李 takes two)."""
    widths = [max(map(cells, column)) for column in zip(headers, *rows, strict=True)]

    def cell(text: str, n: int) -> str:
        pad = " " * (widths[n] - cells(text))
        return pad + text if n in right else text + pad

    lines = ["  ".join(cell(text, n) for n, text in enumerate(row)) for row in [headers, *rows]]
    return "\n".join(line.rstrip() for line in lines)


def cells(text: str) -> int:
    """How many cells TEXT takes in a terminal: two for a wide character (CJK), none for a
    combining one. (Rich's cell_len says the same, but costs a pipe 14 ms to import.)"""
    return len(text) if text.isascii() else _wide_cells(text)


@lru_cache(maxsize=4096)
def _wide_cells(text: str) -> int:
    """cells() of text that is not ASCII, kept: a table says the same few words (a status, a
    role, a name) on thousands of rows."""
    import unicodedata

    return sum(
        0
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf")
        else 2
        if unicodedata.east_asian_width(c) in "WF"
        else 1
        for c in text
    )


def _fitting(
    headers: list[str], rows: list[list[str]], wrap: tuple[int, ...], spare: tuple[int, ...]
) -> list[int]:
    """The columns to show: all, unless the fixed ones leave the wrapping ones no room."""
    width = shutil.get_terminal_size().columns
    natural = [max(map(cells, column)) for column in zip(headers, *rows, strict=True)]
    keep = list(range(len(headers)))
    for n in spare:
        fixed = sum(natural[k] + 2 for k in keep if k not in wrap)
        if fixed + ROOM * len(wrap) <= width:
            break
        keep.remove(n)
    return keep


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
    if not streams.is_terminal(sys.stdout) or len(rows) > RICH_ROWS:
        say(columns(headers, rows, right))
        return
    from flashcli.cli import views  # Rich, at a terminal only

    keep = _fitting(headers, rows, wrap, spare)
    table = views.grid(
        [headers[n] for n in keep],
        [[row[n] for n in keep] for row in rows],
        right=[keep.index(n) for n in right if n in keep],
        wrap=[keep.index(n) for n in wrap if n in keep],
    )
    views.show(table)
    if left := [headers[n] for n in range(len(headers)) if n not in keep]:
        views.show(
            _("(too narrow for {left}: widen the terminal, or add --json)").format(
                left=", ".join(left)
            )
        )


class _Bar:
    """Shown only once there is much to parse: an indexed folder never sees it."""

    def __init__(self) -> None:
        self.progress: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.progress is None and total >= PROGRESS_FROM:
            from rich.console import Console
            from rich.progress import Progress

            # No refresh thread: a first read may fork its parsers, which threads make unsafe.
            self.progress = Progress(
                transient=True, console=Console(stderr=True), auto_refresh=False
            )
            self.progress.start()
            self.task = self.progress.add_task(_("Reading sessions (once)"), total=total)
        if self.progress is not None:
            self.progress.update(self.task, completed=done, refresh=True)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()


@contextmanager
def progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback for reading the index: a bar on a terminal, nothing in a pipe."""
    if not streams.is_terminal(sys.stderr):
        yield None
        return
    bar = _Bar()
    try:
        yield bar
    finally:
        bar.stop()


def warn_of_copies() -> None:
    """Say when a sync program left conflict copies of sessions or of the report secret, and
    when encryption was switched on or off and did not finish."""

    if copies := store.conflict_copies():
        n = len(copies)
        warn(
            ngettext(
                "{n} conflict copy of sessions; 'flash sync' merges them",
                "{n} conflict copies of sessions; 'flash sync' merges them",
                n,
            ).format(n=n)
        )
    if store.secret_copies():
        warn(_("a sync program left conflict copies of report.toml; 'flash sync' merges them"))
    if (going := store.unfinished_transition()) is not None:
        warn(
            _("'flash config encrypt {going}' did not finish; run it again to finish it").format(
                going=going
            )
        )


def read_summaries() -> "list[Summary]":
    """Every session's summary, from the index, with a warning for each unreadable file."""
    with progress() as bar:
        reading = store.summaries(bar)
    for problem in reading.problems:
        warn(_("skipped {path}: {reason}").format(path=problem.path, reason=problem.reason))
    return reading.summaries


def action_hints(s: "Session", added: Collection[str]) -> list[str]:
    """A gentle line for each action of S just ADDED (by uid) that has no due date, names no
    act someone could see done, or (the person's own) has no cue; none with `flash config
    coach off`. Said once, when the action is added: never asked again."""
    from flashcli import guidance
    from flashcli.store.config import load_config

    if load_config().coach is False:
        return []
    coach = guidance.load().coach
    lines = []
    for n, a in enumerate(s.actions, 1):
        if a.uid not in added:
            continue
        if said := coach.hint(a.text, a.owner == "me", a.due is not None):
            lines.append(
                _("hint: action {n}, {text}: {said}").format(n=n, text=shown(a.text), said=said)
            )
    return lines
