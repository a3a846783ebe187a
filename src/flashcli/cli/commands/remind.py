"""flash remind: what needs you now, most urgent first, each with the command that deals with it;
snooze or dismiss one; a desktop notification; the daily run that sends it."""

from datetime import datetime, time
from functools import partial
from typing import Annotated

import typer

from flashcli import dates, store
from flashcli.cli.options import JsonOpt
from flashcli.cli.output import print_json, read_summaries, say, warn_of_copies
from flashcli.errors import UsageProblem, shown
from flashcli.i18n import N_, _, ngettext
from flashcli.reminders import Reminder, due

HINT = N_("'flash remind --snooze N 3d' sets one aside for a while, '--dismiss N' for good")


def remind(
    json: JsonOpt = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="Print nothing when nothing needs you, nor why a notification did not go out.",
        ),
    ] = False,
    notify: Annotated[
        bool, typer.Option("--notify", help="Also send a desktop notification (how many).")
    ] = False,
    snooze: Annotated[
        tuple[int, str] | None,
        typer.Option(metavar="N WHEN", help="Set reminder N aside until WHEN (3d, 2w, monday)."),
    ] = None,
    dismiss: Annotated[
        list[int] | None, typer.Option(metavar="N", help="Dismiss reminder N for good.")
    ] = None,
    install: Annotated[
        bool, typer.Option("--install", help="Run 'flash remind --notify' every day.")
    ] = False,
    at: Annotated[
        str | None, typer.Option(metavar="HH:MM", help="With --install: the time (09:00).")
    ] = None,
    uninstall: Annotated[
        bool, typer.Option("--uninstall", help="Remove the daily run --install set up.")
    ] = False,
) -> None:
    """What needs you now, most urgent first, each with the command to run.

    Overdue and soon-due actions (yours, and your partners' to ask about), a session not
    thanked two days after, no decision recorded, a meeting tomorrow not prepared.

    \b
    Examples:
      flash remind
      flash remind --snooze 2 3d
      flash remind --dismiss 1
      flash remind --install --at 08:30
    """
    if install or uninstall or at is not None:
        _daily(install, uninstall, at)
        return
    now = dates.now()
    summaries = read_summaries()
    warn_of_copies()
    found = due(summaries, store.guidance_data()["items"], now, store.checkin_schedule())
    if snooze is not None or dismiss:
        _set_aside(found, snooze, dismiss or [], now)
        return
    if notify and found:
        _notify(found, quiet)
    if quiet and not found:
        return
    if json:
        print_json([r.as_json(n) for n, r in enumerate(found, 1)])
    elif not found:
        say(_("Nothing needs you now."))
    else:
        say(_("Needs you now ({n}):").format(n=len(found)))
        for n, r in enumerate(found, 1):
            say(f"{n:>2}. {r.text}\n    {r.command}")
        say(_(HINT))


def _set_aside(
    found: list[Reminder], snooze: tuple[int, str] | None, dismiss: list[int], now: datetime
) -> None:
    """Snooze one reminder, dismiss others: each kept in its session."""
    from flashcli import ops

    chosen = [*([snooze[0]] if snooze else []), *dismiss]
    for n in chosen:
        if not 1 <= n <= len(found):
            listed = _("1 to {n}").format(n=len(found)) if found else _("none now")
            raise UsageProblem(
                _("there is no reminder {n}; 'flash remind' lists them ({listed})").format(
                    n=n, listed=listed
                )
            )
    if len(set(chosen)) < len(chosen):
        raise UsageProblem(_("each reminder can be snoozed or dismissed once, not both"))
    if snooze:
        until = dates.later(snooze[1], now, "--snooze")
        r = found[snooze[0] - 1]
        store.update(r.session, partial(ops.hush, key=r.key, until=until))
        say(
            _("Snoozed until {short_day} {clock}: {text}").format(
                short_day=dates.short_day(until, now.date()), clock=dates.clock(until), text=r.text
            )
        )
    for n in dismiss:
        r = found[n - 1]
        store.update(r.session, partial(ops.hush, key=r.key, until=None))
        say(_("Dismissed: {text}").format(text=r.text))


def _notify(found: list[Reminder], quiet: bool) -> None:
    """One desktop notification: how many, or with [remind] detail = true, the first too. With
    QUIET, why it could not go out is not said: the daily run passes --quiet, and no desktop
    session when it runs is no news for cron's mail or the journal."""
    from flashcli import notify
    from flashcli.store.config import load_config

    n = len(found)
    count = ngettext("{n} thing to follow up", "{n} things to follow up", n).format(n=n)
    message = count
    if load_config().remind.detail:
        message = found[0].text + (
            _(" (and {value} more)").format(value=len(found) - 1) if len(found) > 1 else ""
        )
    why = notify.send("flash", message)
    if why is not None and not quiet:
        say(_("flash: no desktop notification: {why}").format(why=why), err=True)


def _daily(install: bool, uninstall: bool, at: str | None) -> None:
    from flashcli import daily

    if install == uninstall:
        which = _("--install and --uninstall") if install else "--at"
        raise UsageProblem(
            _("{which}: give --install (with --at HH:MM if you like) or --uninstall").format(
                which=which
            )
        )
    lines = daily.uninstall() if uninstall else daily.install(_clock(at or "09:00"))
    for line in lines:
        say(line)


def _clock(text: str) -> time:
    at = dates.time_of_day(text)
    if at is None:
        raise UsageProblem(
            _("{text} is not a time of day such as 09:00").format(text=shown(text)), "--at"
        )
    return at
