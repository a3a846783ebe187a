"""During the session: flash notes, one at a time or live."""

from typing import Annotated

import typer

from flashcli.cli.common import NoInputOpt, OwnerChoice, complete_sessions, interactive

Texts = list[str] | None


def notes(
    session: Annotated[
        str | None,
        typer.Argument(
            metavar="SESSION",
            autocompletion=complete_sessions,
            help="Session id (exact); left out, the current.",
            show_default=False,
        ),
    ] = None,
    text: Annotated[
        str | None, typer.Argument(help="The note; '-' reads it from stdin.", show_default=False)
    ] = None,
    question: Annotated[
        Texts, typer.Option(metavar="TEXT", help="A question note (repeatable).")
    ] = None,
    resource: Annotated[
        Texts, typer.Option(metavar="TEXT", help="A resource: a book, a site, a course.")
    ] = None,
    referral: Annotated[
        Texts, typer.Option(metavar="TEXT", help="A referral: someone to talk to.")
    ] = None,
    action: Annotated[
        Texts, typer.Option(metavar="TEXT", help="An action for the plan (repeatable).")
    ] = None,
    owner: Annotated[OwnerChoice, typer.Option(help="Who does the --action.")] = OwnerChoice.me,
    due: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", help="When the --action is due: YYYY-MM-DD, today, tomorrow, +3d, +2w."
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            metavar="WHEN", help='When the note was taken, "YYYY-MM-DD HH:MM" (after the fact).'
        ),
    ] = None,
    edit: Annotated[
        bool, typer.Option("--edit", help="Edit the notes in $VISUAL or $EDITOR.")
    ] = False,
    no_input: NoInputOpt = False,
) -> None:
    """Take notes: one from TEXT, or live at a terminal.

    With one argument, it is the note, unless it is exactly a session id. Live, each line
    is a note saved at once: ! action, ? question, + resource, @ referral, /plan, /done.

    \b
    Examples:
      flash notes "Talk to two managers before deciding"
      flash notes --action "Draft my 30-day plan" --due +1w
      echo "A longer thought" | flash notes -
    """
    from flashcli.cli import noting
    from flashcli.errors import UsageProblem

    session, text = noting.split_arguments(session, text)
    if edit:
        from flashcli.cli import editing

        if text is not None or question or resource or referral or action:
            raise UsageProblem("--edit opens the notes as they are; give no note with it")

        editing.edit(session)
        return
    entries = noting.Entries.read(
        text=text,
        kinds={"question": question, "resource": resource, "referral": referral},
        actions=action or [],
        owner=owner.value,
        due=due,
        at=at,
    )
    if not entries.empty:
        noting.add(session, entries)
    elif interactive(no_input):
        from flashcli.cli import live

        live.run(session)
    else:
        raise UsageProblem(
            "give the note as TEXT (or --action, --question, …); live notes need a terminal"
        )
