"""flash search: find what was written in any session, case and accents aside."""

from typing import Annotated

import typer

from flashcli import store
from flashcli.cli.options import JsonOpt
from flashcli.cli.output import print_json, say, show_table, warn
from flashcli.errors import UsageProblem, escaped, shown
from flashcli.i18n import _, ngettext


def search(
    text: Annotated[str, typer.Argument(help="What to look for.", show_default=False)],
    json: JsonOpt = False,
) -> None:
    """Find TEXT in the goals, topics, questions, notes, actions and feedback of every session.

    Case and accents aside: 'jose' finds 'José'. Newest sessions first, one line each.

    \b
    Examples:
      flash search manager
      flash search "30-day plan" --json
    """

    if not text.strip():
        raise UsageProblem(_("give some text to look for"), "TEXT")
    found, unreadable = store.search(text.strip())
    if unreadable:
        warn(
            ngettext(
                "{n} session file could not be read; 'flash list' names it",
                "{n} session files could not be read; 'flash list' names them",
                unreadable,
            ).format(n=unreadable)
        )
    if json:
        print_json([f._asdict() for f in found])
    elif found:
        rows = [
            [f.session, f.day, escaped(f.partner), f"{f.where}: {escaped(f.line)}"] for f in found
        ]
        show_table(
            [_("session"), _("date"), _("partner"), _("line")], rows, wrap=(3,), spare=(1, 2)
        )
    else:
        say(_("Nothing matches {text}.").format(text=shown(text.strip())))
