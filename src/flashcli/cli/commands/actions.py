"""flash actions: the open actions across all sessions, soonest due first."""

from typing import Annotated

import typer

from flashcli import dates
from flashcli.cli.options import JsonOpt
from flashcli.cli.output import print_json, read_summaries, say, show_table
from flashcli.summary import action_rows


def actions(
    all_: Annotated[bool, typer.Option("--all", help="Include done actions.")] = False,
    json: JsonOpt = False,
) -> None:
    """Open actions across all sessions, soonest due first.

    \b
    Examples:
      flash actions
      flash actions --all --json
    """
    rows = action_rows(read_summaries(), dates.now().date(), include_done=all_)
    if json:
        print_json([row.as_json() for row in rows])
    elif rows:
        table = [
            [r.mark, str(r.action.due or ""), r.action.text, r.who, f"{r.session} #{r.number}"]
            for r in rows
        ]
        show_table(["", "due", "action", "who", "session"], table, wrap=(2,), spare=(3,))
    else:
        say("No open actions." if not all_ else "No actions yet.")
