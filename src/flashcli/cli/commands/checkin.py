"""flash checkin: weeks after a session, how far the goal was reached, what was done, what next."""

from functools import partial
from typing import TYPE_CHECKING, Annotated

import typer

from flashcli import dates, store
from flashcli.cli.options import JsonOpt, NoInputOpt, SessionArg, interactive, text_option
from flashcli.cli.output import print_json, read_summaries, say
from flashcli.errors import UsageProblem
from flashcli.i18n import _
from flashcli.kinds import score_text
from flashcli.queries import checkins_ahead

if TYPE_CHECKING:
    from flashcli.models import Session


def checkin(
    session: SessionArg = None,
    score: Annotated[
        int | None,
        typer.Option(
            metavar="-2..2",
            help="How far the goal was reached: -2 much less than hoped, -1 less, 0 as hoped, "
            "+1 more, +2 much more.",
        ),
    ] = None,
    note: Annotated[
        str | None, text_option("What was done (a mentor: what you took from it).")
    ] = None,
    next_: Annotated[
        str | None, typer.Option("--next", metavar="TEXT", help="What comes next.")
    ] = None,
    no_input: NoInputOpt = False,
    json: JsonOpt = False,
) -> None:
    """Check in on a session's goal, weeks after: how far, what was done, what next.

    Check-ins fall due two weeks and three months after a held session ('flash remind' says
    when); a mentor checks in on the mentee's objective as far as they know it. At a terminal
    with no flags it asks. Left out, SESSION is the one whose check-in is due first.

    \b
    Examples:
      flash checkin
      flash checkin ada --score 1 --note "Talked to two managers" --next "Shadow Sam for a day"
    """
    from flashcli import ops
    from flashcli.models import CheckIn

    sid = store.resolve(session) if session is not None else _due_first()
    if score is None and (note is not None or next_ is not None or not interactive(no_input)):
        raise UsageProblem(_("give --score, from -2 to 2 (with --note and --next if you like)"))
    if score is not None:
        entry = CheckIn.load({"at": dates.now(), "score": score, "note": note, "next": next_})
        store.update(sid, partial(ops.add_checkin, checkin=entry))
    else:
        from flashcli.cli import prompt

        with prompt.guarded("flash checkin"):
            _walk(sid)
    _report(store.load(sid), json)


def _due_first() -> str:
    """The session whose check-in fell due first; with none due, the current session."""
    from flashcli.reminders import due

    now = dates.now()
    found = due(read_summaries(), store.guidance_data()["items"], now, store.checkin_schedule())
    checkins = [r for r in found if r.kind == "checkin"]
    return checkins[0].session if checkins else store.resolve(None)


def _walk(sid: str) -> None:
    """The score (saved as soon as given, as a check-in), then what was done and what next."""
    from flashcli import guidance, ops
    from flashcli.cli import prompt
    from flashcli.cli.walk import asked, update
    from flashcli.models import CheckIn

    book, s = guidance.load(), store.load(sid)
    say(_("Check-in on {id}, with {name}").format(id=s.id, name=s.partner.name))
    if s.goal:
        say(_("Objective: {goal}").format(goal=s.goal))

    def scored(text: str) -> CheckIn:
        entry = CheckIn.load({"at": dates.now(), "score": text.removeprefix("+")}, "score")
        update(sid, partial(ops.add_checkin, checkin=entry))
        return entry

    entry = None
    while entry is None:  # the score is the check-in: asked until given (Ctrl-D stops)
        entry = prompt.value(asked(book, s, "checkin_score"), scored)
    step = "checkin_note_reverse" if s.reverse else "checkin_note"
    for field, question in (("note", step), ("next", "checkin_next")):
        prompt.value(asked(book, s, question), partial(_amend, sid, entry.uid, field))


def _amend(sid: str, uid: str, field: str, text: str) -> "Session":
    from flashcli import ops
    from flashcli.cli.walk import update

    return update(sid, partial(ops.amend_checkin, uid=uid, field=field, text=text))


def _report(s: "Session", as_json: bool) -> None:
    now = dates.now()
    ahead = checkins_ahead(s.summary(), store.checkin_schedule(), now.timestamp())
    next_due = ahead[0][1] if ahead else None
    if as_json:
        print_json(s.checkin_json(next_due))
        return
    if s.checkins:
        latest = s.checkins[-1]
        say(
            _("Check-in {n} on {id}: {score_text}").format(
                n=len(s.checkins), id=s.id, score_text=score_text(latest.score)
            )
        )
    if next_due is not None:
        say(
            _("Next check-in: {day} ('flash remind' will say)").format(
                day=dates.day(next_due, now.date())
            )
        )
    say(
        _("To tell {first_name} what came of it: flash email --update {id}").format(
            first_name=s.partner.first_name, id=s.id
        )
    )
