"""flash list: the sessions, with their status and open actions."""

from typing import Annotated

import typer

from flashcli import dates
from flashcli.cli.options import JsonOpt
from flashcli.cli.output import print_json, read_summaries, say, show_table, warn_of_copies
from flashcli.i18n import _
from flashcli.kinds import said
from flashcli.queries import with_partner


def list_sessions(
    all_: Annotated[bool, typer.Option("--all", help="Include closed sessions.")] = False,
    partner: Annotated[
        str | None,
        typer.Option(
            "--with", metavar="NAME", help="Only sessions with this person (name or email)."
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """List sessions with their status and open actions.

    \b
    Examples:
      flash list
      flash list --all --with ada
      flash list --json
    """
    sessions = read_summaries()
    warn_of_copies()
    closed = sum(1 for s in sessions if s.closed)
    if not all_:
        sessions = [s for s in sessions if not s.closed]
    if partner:
        sessions = with_partner(sessions, partner)
    sessions.sort(key=lambda s: (s.start_at, s.id), reverse=True)
    now = dates.now()
    if json:
        print_json([s.as_json(now) for s in sessions])
    elif sessions:
        rows = [
            [s.id, s.day, s.partner, said(s.role), said(s.status(now)), str(len(s.open_actions()))]
            for s in sessions
        ]
        headers = [_("id"), _("date"), _("partner"), _("role"), _("status"), _("open")]
        show_table(headers, rows, right=(5,), wrap=(2,), spare=(1,))  # the id starts with the date
    elif closed and not all_:
        say(
            _("No open sessions; 'flash list --all' shows the {closed} closed.").format(
                closed=closed
            )
        )
    else:
        say(_('No sessions. Start one with: flash prep --with "Name <email>"'))
