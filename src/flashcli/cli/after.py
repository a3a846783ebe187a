"""After the session: flash followup and flash actions."""

from typing import Annotated

import typer

from flashcli.cli.common import (
    DecisionChoice,
    JsonOpt,
    NoInputOpt,
    SessionArg,
    complete_keys,
    interactive,
    print_json,
    reading_index,
    show_table,
    warn,
)


def followup(
    session: SessionArg = None,
    done: Annotated[
        list[str] | None,
        typer.Option(
            metavar="KEY", autocompletion=complete_keys, help="Tick an after-checklist item by key."
        ),
    ] = None,
    complete: Annotated[
        list[int] | None, typer.Option(metavar="N", help="Mark action N done (repeatable).")
    ] = None,
    feedback: Annotated[
        str | None, typer.Option(metavar="TEXT", help="What helped, or what you gained.")
    ] = None,
    rating: Annotated[
        int | None, typer.Option(min=1, max=5, metavar="1-5", help="How useful it was, 1 to 5.")
    ] = None,
    decision: Annotated[
        DecisionChoice | None, typer.Option("--continue", help="Whether to go on meeting.")
    ] = None,
    close: Annotated[bool, typer.Option("--close", help="Close the session.")] = False,
    no_input: NoInputOpt = False,
    json: JsonOpt = False,
) -> None:
    """Follow up: actions, feedback, thanks, whether to go on.

    At a terminal with no flags it walks the after checklist: each agreement, the
    confidentiality reminder, feedback, the thank-you email, the decision, closing.

    \b
    Examples:
      flash followup
      flash followup --complete 1 --feedback "The 30-day plan idea" --rating 5
      flash followup --continue yes --close
    """
    from flashcli.cli import following

    changes = following.Changes.read(
        done=done or [],
        complete=complete or [],
        feedback=feedback,
        rating=rating,
        decision=decision.value if decision else None,
        close=close,
    )
    sid = following.start(session, changes)
    if changes.empty and interactive(no_input):
        following.walk(sid)
    following.report(sid, json)


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
    from flashcli import clock, index
    from flashcli.tracking import action_rows

    with reading_index() as progress:
        sessions, problems = index.read_all(progress)
    for problem in problems:
        warn(f"skipped {problem.path}: {problem.reason}")
    rows = action_rows(sessions, clock.now().date(), include_done=all_)
    if json:
        print_json([row.as_json() for row in rows])
    elif rows:
        table = [
            [r.mark, str(r.action.due or ""), r.action.text, r.who, f"{r.session} #{r.number}"]
            for r in rows
        ]
        show_table(["", "due", "action", "who", "session"], table, wrap=(2,), spare=(3,))
    else:
        typer.echo("No open actions." if not all_ else "No actions yet.")
