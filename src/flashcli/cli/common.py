"""What the command modules share: argument types, JSON output, when to ask questions."""

import json
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer


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


def _plain(value: Any) -> Any:
    """Dates and times as ISO 8601 text."""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


RICH_ROWS = 500  # beyond this Rich takes longer to lay a table out than anyone wants to wait


def show_table(headers: list[str], rows: list[list[str]], right: tuple[int, ...] = ()) -> None:
    """A Rich table at a terminal; plain columns in a pipe or for very long lists."""
    if sys.stdout.isatty() and len(rows) <= RICH_ROWS:
        from flashcli import render

        render.show(render.grid(headers, rows, right))
    else:
        from flashcli.plain import columns

        typer.echo(columns(headers, rows, right))


def warn(message: str) -> None:
    """One line on stderr that does not stop the command."""
    typer.echo(f"warning: {message}", err=True)
