"""flash show: everything about one session."""

from flashcli import dates
from flashcli.cli import output
from flashcli.cli.options import JsonOpt, ReadSessionArg


def show(session: ReadSessionArg = None, json: JsonOpt = False) -> None:
    """Show everything about one session.

    \b
    Examples:
      flash show
      flash show 2026-12-01-ada --json
    """
    from flashcli import guidance
    from flashcli.cli import views

    s = output.session_to_read(session)
    if json:
        output.print_json(s.as_json())
    else:
        views.show(views.detail(s, guidance.load(), dates.now()))
