"""flash delete: a session, for good, after asking."""

from typing import Annotated

import typer

from flashcli import store
from flashcli.cli import prompt
from flashcli.cli.options import complete_sessions, interactive
from flashcli.cli.output import contents, say
from flashcli.errors import UsageProblem, escaped
from flashcli.i18n import _


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
            raise UsageProblem(
                _("deleting needs a yes: add --yes, or run it at a terminal"), "--yes"
            )
        what = _("{id} with {name} ({contents})").format(
            id=s.id, name=s.partner.name, contents=contents(s)
        )
        if not _confirmed(_("Delete {what}? This cannot be undone.").format(what=what)):
            say(_("kept {id}").format(id=s.id))
            return
    removed = store.delete(s.id)
    say(_("deleted {id}").format(id=s.id))
    home = store.folders().data
    for path in removed:
        shown = path.relative_to(home) if path.is_relative_to(home) else path
        say(
            _("  removed {shown}").format(shown=escaped(str(shown)))
        )  # a conflict copy's name came from elsewhere


def _confirmed(question: str) -> bool:
    try:
        return prompt.yes(question)
    except (prompt.Stop, prompt.Back):
        return False
    except KeyboardInterrupt:
        say(_("\nstopped; nothing was deleted"))
        raise typer.Exit(130) from None
