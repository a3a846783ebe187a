"""flash notes: a note or an action from the command line; live notes and --edit beside it."""

import sys
from functools import partial
from typing import Annotated

import typer

from flashcli import dates
from flashcli.cli.options import NoInputOpt, Texts, complete_sessions, interactive, text_option
from flashcli.cli.output import say
from flashcli.errors import UsageProblem
from flashcli.kinds import NoteKind, Owner
from flashcli.paths import session_ids


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
    question: Annotated[Texts, text_option("A question note (repeatable).")] = None,
    resource: Annotated[Texts, text_option("A resource: a book, a site, a course.")] = None,
    referral: Annotated[Texts, text_option("A referral: someone to talk to.")] = None,
    action: Annotated[Texts, text_option("An action for the plan (repeatable).")] = None,
    owner: Annotated[Owner, typer.Option(help="Who does the --action.")] = "me",
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
    if session is not None and text is None and session not in session_ids():
        session, text = None, session  # one argument is the note, unless it is a session id
    kinds: dict[NoteKind, Texts] = {
        "question": question,
        "resource": resource,
        "referral": referral,
    }
    if due is not None and not action:
        raise UsageProblem("--due goes with --action", "--due")
    given = text is not None or bool(action) or any(kinds.values())
    if edit:
        if given:
            raise UsageProblem("--edit opens the notes as they are; give no note with it")
        from flashcli.cli.commands import notes_edit

        notes_edit.edit(session)
    elif given:
        if text == "-":
            text = _standard_input()
        _add(session, {"note": [text] if text is not None else [], **kinds}, action, owner, due, at)
    elif interactive(no_input):
        from flashcli.cli.commands import notes_live

        notes_live.run(session)
    else:
        raise UsageProblem(
            "give the note as TEXT (or --action, --question, …); live notes need a terminal"
        )


def _add(
    ref: str | None,
    texts: "dict[NoteKind, Texts]",
    actions: Texts,
    owner: Owner,
    due: str | None,
    at: str | None,
) -> None:
    """Notes and actions from the flags, each checked by the models, saved in one change."""
    from flashcli import ops, store
    from flashcli.models import Action, Note

    now = dates.now()
    when = dates.moment(at, "--at") if at is not None else now
    day = dates.due_date(due, now.date()) if due is not None else None
    found = [
        Note.load({"at": when, "kind": kind, "text": t}, "TEXT" if kind == "note" else f"--{kind}")
        for kind, given in texts.items()
        for t in given or []
    ]
    planned = [
        Action.load({"text": t, "owner": owner, "due": day}, "--action") for t in actions or []
    ]
    changes = [partial(ops.add_note, note=n) for n in found]
    changes += [partial(ops.add_action, action=a) for a in planned]
    s = store.update(store.resolve(ref), *changes)
    said = [_count(len(found), "note"), _count(len(planned), "action")]
    say(f"added {' and '.join(filter(None, said))} to {s.id}")


def _standard_input() -> str:
    """The note piped in; bytes that are not UTF-8 are refused, never guessed at."""
    try:
        return sys.stdin.buffer.read().decode("utf-8")
    except UnicodeDecodeError:
        raise UsageProblem("what came on standard input is not UTF-8 text", "TEXT") from None


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}" if n else ""
