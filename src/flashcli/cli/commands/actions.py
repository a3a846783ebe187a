"""flash actions: the open actions across all sessions, soonest due first."""

from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from flashcli import dates, store
from flashcli.cli.options import ForceOpt, JsonOpt, out_option
from flashcli.cli.output import print_json, read_summaries, say, show_table
from flashcli.errors import UsageProblem, escaped
from flashcli.i18n import _
from flashcli.queries import action_rows, checkins_ahead, with_partner
from flashcli.summary import Summary


def actions(
    all_: Annotated[bool, typer.Option("--all", help="Include done actions.")] = False,
    mine: Annotated[bool, typer.Option("--mine", help="Only the actions you own.")] = False,
    theirs: Annotated[
        bool, typer.Option("--theirs", help="Only the actions your partners own.")
    ] = False,
    partner: Annotated[
        str | None,
        typer.Option("--with", metavar="NAME", help="Only actions agreed with this person."),
    ] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue actions.")] = False,
    ics: Annotated[
        bool, typer.Option("--ics", help="As iCalendar to-dos with their due dates.")
    ] = False,
    out: Annotated[Path | None, out_option("With --ics: write to FILE instead.")] = None,
    force: ForceOpt = False,
    json: JsonOpt = False,
) -> None:
    """Open actions across all sessions, soonest due first.

    \b
    Examples:
      flash actions
      flash actions --mine --overdue
      flash actions --with ada --all --json
      flash actions --ics --out actions.ics
    """
    if out is not None and not ics:
        raise UsageProblem(_("--out writes the --ics form; add --ics"), "--out")
    if mine and theirs:
        raise UsageProblem(_("--mine and --theirs leave nothing; give one of them"), "--theirs")
    summaries = read_summaries()
    if partner is not None:
        summaries = with_partner(summaries, partner)
    now = dates.now()
    rows = action_rows(summaries, now.date(), include_done=all_)
    if mine or theirs:
        rows = [r for r in rows if (r.action.owner == "me") == mine]
    if overdue:
        rows = [r for r in rows if r.overdue]
    if ics:
        from flashcli.exports import ical
        from flashcli.store.config import load_config

        by_id = {s.id: s for s in summaries}
        checkins = [] if theirs else _checkins(summaries, now, overdue)
        found = [(by_id[r.session], r.number) for r in rows]
        data = ical.todos(found, now, load_config(), checkins)
        if out is None:
            say(data.decode("utf-8"), nl=False)
        else:
            store.write_new_file(out, data, force)
            say(
                _("wrote {out}: import it into a calendar or task program").format(
                    out=escaped(str(out))
                ),
                err=True,
            )
    elif json:
        print_json([row.as_json() for row in rows])
    elif rows:
        table = [
            [r.mark, str(r.action.due or ""), r.action.text, r.who, f"{r.session} #{r.number}"]
            for r in rows
        ]
        show_table(
            ["", _("due"), _("action"), _("who"), _("session")], table, wrap=(2,), spare=(3,)
        )
    elif mine or theirs or partner is not None or overdue:
        say(_("No actions match."))
    else:
        say(_("No open actions.") if not all_ else _("No actions yet."))


def _checkins(
    summaries: list[Summary], now: datetime, overdue: bool
) -> list[tuple[Summary, int, date]]:
    """The check-ins not answered yet, as to-dos beside the actions (only those late, with
    OVERDUE)."""
    schedule = store.checkin_schedule()
    return [
        (s, number, day)
        for s in summaries
        for number, day in checkins_ahead(s, schedule, now.timestamp())
        if not overdue or day < now.date()
    ]
