"""flash followup: after the session, the agreements, feedback, the decision, closing."""

from functools import partial
from typing import TYPE_CHECKING, Annotated

import typer

from flashcli import dates, store
from flashcli.cli import output, prompt
from flashcli.cli.options import (
    JsonOpt,
    NoInputOpt,
    SessionArg,
    Texts,
    given,
    interactive,
    key_option,
    text_option,
)
from flashcli.i18n import _
from flashcli.kinds import DecisionWord

if TYPE_CHECKING:
    from flashcli.guidance import Guidance
    from flashcli.ops import Change


def followup(
    session: SessionArg = None,
    done: Annotated[Texts, key_option("Tick an after-checklist item by key.", "after")] = None,
    complete: Annotated[
        list[int] | None, typer.Option(metavar="N", help="Mark action N done (repeatable).")
    ] = None,
    reopen: Annotated[
        list[int] | None,
        typer.Option(metavar="N", help="Mark action N not done again (undoes --complete)."),
    ] = None,
    feedback: Annotated[str | None, text_option("What helped, or what you gained.")] = None,
    rating: Annotated[
        int | None, typer.Option(metavar="1-5", help="How useful it was, 1 to 5.")
    ] = None,
    decision: Annotated[
        DecisionWord | None,
        typer.Option(
            "--continue", metavar="yes|no|undecided", help="Whether to go on meeting (or maybe)."
        ),
    ] = None,
    close: Annotated[bool, typer.Option("--close", help="Close the session.")] = False,
    no_input: NoInputOpt = False,
    json: JsonOpt = False,
) -> None:
    """Follow up: actions, feedback, thanks, whether to go on.

    At a terminal with no flags it walks the after checklist: each agreement, the
    confidentiality reminder, feedback, the decision, the thank-you email (which says
    it), closing.

    \b
    Examples:
      flash followup
      flash followup --complete 1 --feedback "The 30-day plan idea" --rating 5
      flash followup --continue yes --close
    """
    from flashcli import guidance, ops
    from flashcli.cli.commands import followup_walk

    book = guidance.load()
    now = dates.now()
    fields = given(feedback=feedback, rating=rating, decision=decision)
    changes: list[Change] = [
        partial(ops.tick, book=book, key=k, phase="after", now=now) for k in done or []
    ]
    changes += [partial(ops.complete, number=n, now=now) for n in complete or []]
    changes += [partial(ops.reopen, number=n) for n in reopen or []]
    if fields:
        changes.append(partial(ops.set_fields, **fields))
    if close:
        changes.append(partial(ops.close, now=now))
    sid = store.resolve(session)
    if changes:
        store.update(sid, *changes)
    elif interactive(no_input):
        with prompt.guarded("flash followup"):
            followup_walk.walk(sid, book)
    _report(sid, book, json)


def _report(sid: str, book: "Guidance", as_json: bool) -> None:
    from flashcli.cli import views

    s = store.load(sid)
    if as_json:
        output.print_json(s.followup_json(dates.now(), book.checklist_json(s, "after")))
        return
    views.show(views.checklist(book.checklist_of(s, "after"), "after"), "", views.plan(s))
    if s.closed:
        views.show(_("\n{id} is closed; 'flash list --all' still shows it").format(id=s.id))
