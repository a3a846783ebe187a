"""flash report: a person's programme report for a period, shown with what it tells before it is
written, sealed to the coordinator if asked. `flash report merge`, the coordinator's side, is in
report_merge.py."""

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flashcli import store
from flashcli.cli.commands import report_merge
from flashcli.cli.options import ForceOpt, NoInputOpt, interactive
from flashcli.cli.output import read_summaries, say
from flashcli.errors import UsageProblem, escaped
from flashcli.i18n import N_, _
from flashcli.names import slug

if TYPE_CHECKING:
    from flashcli.store import Secret

app = typer.Typer(
    name="report",
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def report(
    ctx: typer.Context,
    period: Annotated[
        str | None,
        typer.Option(
            metavar="PERIOD", help="A year (2026), a quarter (2026Q4) or a month (2026-11)."
        ),
    ] = None,
    programme: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Only the sessions of this programme."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Where to write it (a name is made).")
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(metavar="AGE_RECIPIENT", help="Seal it to the coordinator's age1… key."),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Write it without asking.")] = False,
    no_input: NoInputOpt = False,
    force: ForceOpt = False,
) -> None:
    """Your programme report for a period, for its coordinator.

    Your exact counts and means by role and month: no names, addresses, notes, places or
    dates finer than the month. It shows what the file will hold and what the coordinator
    learns, and asks before writing it. The coordinator adds reports up with 'flash report
    merge', which publishes nothing drawn from fewer than 5 sessions or 3 people.

    \b
    Examples:
      flash report --period 2026Q4 --programme "New managers"
      flash report --period 2026-11 --to age1… --yes
      flash report merge reports/*.age --identity coordinator.key
    """
    if ctx.invoked_subcommand is not None:
        return
    if period is None:
        raise UsageProblem(_("give the --period: a year (2026), a quarter (2026Q4) or a month"))
    from flashcli import report as reports

    reports.period_months(period)  # a bad period is refused before anything is read
    recipient = store.recipient(to) if to else None
    summaries = read_summaries()
    candidate = store.report_secret() or store.new_report_secret()

    def made(secret: "Secret") -> str:
        found = reports.build(summaries, period, programme, secret.key, secret.revision)
        return reports.as_text(found)

    text = made(replace(candidate, revision=candidate.revision + 1))  # as it will be written
    path = out or _named(period, programme, sealed=to is not None)
    say(text, nl=False)
    say(_(CONSENT), err=True)
    if not yes and not _confirmed(path, sealed=to is not None, no_input=no_input):
        say(_("nothing written"))
        return

    def sealed(secret: "Secret") -> bytes:
        data = made(secret).encode("utf-8")
        return data if recipient is None else store.sealed_to(data, recipient)

    store.write_report(path, sealed, candidate, force)
    say(
        _("wrote {path}: send it to your programme's coordinator").format(path=escaped(str(path))),
        err=True,
    )


CONSENT = N_(
    "What your report tells: the coordinator knows this report is yours and sees your exact "
    "counts; with one or two sessions that means your ratings of them, and they may know who "
    "your partner was. It holds no name, email, note, text, place or date finer than the "
    "month. What the programme publishes shows nothing drawn from fewer than 5 sessions or 3 "
    "people."
)


def _named(period: str, programme: str | None, sealed: bool) -> Path:
    """The file a report is written to when no --out is given, in the folder flash runs in."""
    name = f"flash-report-{period.strip()}{f'-{slug(programme)}' if programme else ''}.json"
    return Path(name + (".age" if sealed else ""))


def _confirmed(path: Path, sealed: bool, no_input: bool) -> bool:
    """Whether the person says yes to writing the report to PATH; UsageProblem where no one
    can be asked."""
    if no_input or not interactive(no_input):
        raise UsageProblem(_("give --yes to write the report without being asked"), "--yes")
    from flashcli.cli import prompt

    question = _("Write this report to {path}{value}?").format(
        path=escaped(str(path)), value=_(" sealed") if sealed else ""
    )
    try:
        return prompt.yes(question)
    except (prompt.Stop, prompt.Back):
        return False


app.command("merge")(report_merge.merge)
