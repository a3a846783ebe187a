"""flash notes: a note or an action from the command line; live notes and --edit beside it."""

import shlex
import sys
from functools import partial
from typing import Annotated

import typer

from flashcli import dates, store
from flashcli.cli import prompt
from flashcli.cli.options import (
    NoInputOpt,
    Texts,
    complete_sessions,
    interactive,
    owner_of,
    paired,
    text_option,
)
from flashcli.cli.output import action_hints, actions_said, notes_said, say
from flashcli.errors import FlashError, UsageProblem, shown
from flashcli.i18n import _, ngettext
from flashcli.kinds import NoteKind


def notes(
    ctx: typer.Context,
    session: Annotated[
        str | None,
        typer.Argument(
            metavar="SESSION",
            autocompletion=complete_sessions,
            help="A session reference, as elsewhere; left out, the current session.",
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
    owner: Annotated[
        Texts,
        typer.Option(
            metavar="me|partner",
            help="Who does the --action before it: me (the default) or partner.",
        ),
    ] = None,
    due: Annotated[
        Texts,
        typer.Option(
            metavar="DATE",
            help="When the --action before it is due: YYYY-MM-DD, today, tomorrow, +3d, +2w, "
            "friday, in 2 weeks.",
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

    One argument is the note, unless it refers to a session (an id or a prefix of one, a
    meeting date, a partner's name), as SESSION does everywhere. Live, each line is a note
    saved at once: ! action, ? question, + resource, @ referral, /plan, /done.

    \b
    Examples:
      flash notes "Talk to two managers before deciding"
      flash notes --action "Draft my plan" --due friday --action "Call Sam" --owner partner
      echo "A longer thought" | flash notes -
    """
    ask = interactive(no_input)
    kinds: dict[NoteKind, Texts] = {
        "question": question,
        "resource": resource,
        "referral": referral,
    }
    planned = paired(ctx, "action", ("owner", "due"))
    flagged = bool(planned) or any(kinds.values()) or edit
    if session is not None and text is None:
        session, text = _one_argument(session, ask or flagged)
    given = text is not None or bool(planned) or any(kinds.values())
    if edit:
        if given:
            raise UsageProblem(_("--edit opens the notes as they are; give no note with it"))
        from flashcli.cli.commands import notes_edit

        notes_edit.edit(session)
    elif given:
        if text == "-":
            text = _standard_input()
        _add(session, {"note": [text] if text is not None else [], **kinds}, planned, at, ask)
    elif ask:
        from flashcli.cli.commands import notes_live

        notes_live.run(session)
    else:
        raise UsageProblem(
            _("give the note as TEXT (or --action, --question, …); live notes need a terminal")
        )


def _one_argument(arg: str, seen: bool) -> tuple[str | None, str | None]:
    """One argument: the session it refers to, or else the note. One that refers to a session
    is taken as it only where that is SEEN (live notes show which session opened, flags add to
    it); anywhere else it is refused, never silently read one way or the other."""

    found = store.candidates(arg)
    if not found and store.names_a_session(arg):  # an id, as a note? a session that is gone
        raise FlashError(_("no session matches {arg}; see 'flash list'").format(arg=shown(arg)))
    if not found:
        return None, arg
    if not seen:
        n = len(found)
        which = found[0] if n == 1 else ngettext("{n} session", "{n} sessions", n).format(n=n)
        raise UsageProblem(
            _(
                "{arg} refers to {which}; to note it, give the session first: flash notes SESSION "
                "{quote}"
            ).format(arg=shown(arg), which=which, quote=shlex.quote(arg)),
            "TEXT",
        )
    return arg, None


def _add(
    ref: str | None,
    texts: "dict[NoteKind, Texts]",
    planned: list[dict[str, str]],
    at: str | None,
    ask: bool,
) -> None:
    """Notes and actions from the flags, each checked by the models, saved in one change."""
    from flashcli import ops
    from flashcli.models import Action, Note

    now = dates.now()
    sid = store.resolve(ref)
    when = dates.moment(at, "--at") if at is not None else now
    found = [
        Note.load({"at": when, "kind": kind, "text": t}, "TEXT" if kind == "note" else f"--{kind}")
        for kind, given in texts.items()
        for t in given or []
    ]
    session = store.load(sid) if any("due" in one for one in planned) else None
    actions = []
    for one in planned:
        day = prompt.due_date(one["due"], session, ask) if session and "due" in one else None
        who = owner_of(one.get("owner", "me"))
        actions.append(Action.load({"text": one["action"], "owner": who, "due": day}, "--action"))
    changes = [partial(ops.add_note, note=n) for n in found]
    changes += [partial(ops.add_action, action=a) for a in actions]
    s = store.update(sid, *changes)
    said = [count(len(x)) for x, count in ((found, notes_said), (actions, actions_said)) if x]
    say(_("added {said} to {id}").format(said=_(" and ").join(said), id=s.id))
    for hint in action_hints(s, {a.uid for a in actions}):
        say(hint, err=True)


def _standard_input() -> str:
    """The note piped in; bytes that are not UTF-8 are refused, never guessed at."""
    try:
        return sys.stdin.buffer.read().decode("utf-8")
    except UnicodeDecodeError:
        raise UsageProblem(_("what came on standard input is not UTF-8 text"), "TEXT") from None
