"""flash show: everything about one session."""

from flashcli import dates, store
from flashcli.cli import output
from flashcli.cli.options import JsonOpt, SessionArg


def show(session: SessionArg = None, json: JsonOpt = False) -> None:
    """Show everything about one session.

    \b
    Examples:
      flash show
      flash show 2026-12-01-ada --json
    """
    from flashcli import guidance
    from flashcli.cli import views

    s = store.load(session)
    if json:
        output.print_json(s.as_json())
    else:
        views.show(views.detail(s, guidance.load(), dates.now()))
