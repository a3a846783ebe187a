"""flash delete: a session, for good, after asking."""

from typing import Annotated

import typer

from flashcli import store
from flashcli.cli import prompt
from flashcli.cli.options import complete_sessions, interactive
from flashcli.cli.output import contents, say
from flashcli.errors import UsageProblem, escaped


def delete(
    session: Annotated[
        str,
        typer.Argument(
            help="The session id or a unique prefix of one.", autocompletion=complete_sessions
        ),
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a session for good (asks first).

    \b
    Examples:
      flash delete 2026-12-01-ada-lovelace
      flash delete 2026-12-01-ada --yes
    """

    s = store.load(session)
    if not yes:
        if not interactive(False):
            raise UsageProblem("deleting needs a yes: add --yes, or run it at a terminal", "--yes")
        what = f"{s.id} with {s.partner.name} ({contents(s)})"
        if not _confirmed(f"Delete {what}? This cannot be undone."):
            say(f"kept {s.id}")
            return
    removed = store.delete(s.id)
    say(f"deleted {s.id}")
    home = store.folders().data
    for path in removed:
        shown = path.relative_to(home) if path.is_relative_to(home) else path
        say(f"  removed {escaped(str(shown))}")  # a conflict copy's name came from elsewhere


def _confirmed(question: str) -> bool:
    try:
        return prompt.yes(question)
    except (prompt.Stop, prompt.Back):
        return False
    except KeyboardInterrupt:
        say("\nstopped; nothing was deleted")
        raise typer.Exit(130) from None
