"""Records and settings: bare flash, flash list, flash show, flash config."""

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flashcli.cli.common import (
    FormatChoice,
    JsonOpt,
    SessionArg,
    complete_sessions,
    interactive,
    print_json,
    reading_index,
    show_table,
    warn,
)

if TYPE_CHECKING:
    from flashcli.summary import Summary

NEXT_COMMAND = {
    "prepare": "flash prep",
    "during": "flash notes",
    "after": "flash followup",
}


def overview() -> None:
    """Where things stand: the current session, its phase, what is next."""
    from flashcli import clock, guidance, index, render, store
    from flashcli.errors import FlashError
    from flashcli.tracking import action_rows

    with reading_index() as progress:
        summaries, problems = index.read_all(progress)
    for problem in problems:
        warn(problem.message)
    try:
        s = store.load(store.current_id(summaries))
    except FlashError:
        typer.echo('No open session. Start one with: flash prep --with "Name <email>"')
        return
    now = clock.now()
    phase = s.phase(now)
    todo = [item.text for item, ticked in s.checklist(guidance.load(), phase) if not ticked]
    overdue = [
        f"{r.action.text} (due {r.action.due}, {r.partner})"
        for r in action_rows(summaries, now.date())
        if r.overdue
    ]
    render.show(render.overview(s, phase, todo[:3], overdue[:5], len(overdue), _next(phase, todo)))


def _next(phase: str, todo: list[str]) -> str:
    """The one command to run next."""
    if phase == "prepare" and not todo:
        return "flash notes, once you meet"
    if phase == "after" and not todo:
        return "flash followup --close"
    return NEXT_COMMAND[phase]


def list_sessions(
    all_: Annotated[bool, typer.Option("--all", help="Include closed sessions.")] = False,
    partner: Annotated[
        str | None,
        typer.Option(
            "--with", metavar="NAME", help="Only sessions with this person (name or email)."
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """List sessions with their status and open actions.

    \b
    Examples:
      flash list
      flash list --all --with ada
      flash list --json
    """
    from flashcli import clock, index

    with reading_index() as progress:
        sessions, problems = index.read_all(progress)
    for problem in problems:
        warn(f"skipped {problem.path}: {problem.reason}")
    closed = sum(1 for s in sessions if s.closed)
    if not all_:
        sessions = [s for s in sessions if not s.closed]
    if partner:
        needle = partner.casefold()
        sessions = [s for s in sessions if needle in f"{s.partner} <{s.email}>".casefold()]
    sessions.sort(key=lambda s: (s.start_at, s.id), reverse=True)
    now = clock.now()
    if json:
        print_json([_summary(s, now) for s in sessions])
    elif sessions:
        rows = [
            [s.id, s.day, s.partner, s.role, s.status(now), str(len(s.open_actions()))]
            for s in sessions
        ]
        headers = ["id", "date", "partner", "role", "status", "open"]
        show_table(headers, rows, right=(5,), wrap=(2,), spare=(1,))  # the id starts with the date
    elif closed and not all_:
        typer.echo(f"No open sessions; 'flash list --all' shows the {closed} closed.")
    else:
        typer.echo('No sessions. Start one with: flash prep --with "Name <email>"')


def _summary(s: "Summary", now: datetime) -> dict[str, object]:
    return {
        "id": s.id,
        "date": s.day,
        "when": s.when,
        "partner": s.partner,
        "email": s.email,
        "role": s.role,
        "status": s.status(now),
        "open_actions": len(s.open_actions()),
    }


def show(session: SessionArg = None, json: JsonOpt = False) -> None:
    """Show everything about one session.

    \b
    Examples:
      flash show
      flash show 2026-12-01-ada --json
    """
    from flashcli import clock, guidance, render, store

    s = store.load(session)
    if json:
        print_json(s.stored(json=True))
    else:
        render.show(render.detail(s, guidance.load(), clock.now()))


def config(
    key: Annotated[str | None, typer.Argument(help="name, email, role or minutes.")] = None,
    value: Annotated[str | None, typer.Argument(help='The new value; "" removes the key.')] = None,
    json: JsonOpt = False,
) -> None:
    """Show or set your name, email, role and minutes.

    Also shows the folders in use (FLASH_HOME moves them all).

    \b
    Examples:
      flash config
      flash config name "Grace Hopper"
      flash config email grace@example.org
    """
    from flashcli import store
    from flashcli.errors import UsageProblem
    from flashcli.paths import folders

    keys = ("name", "email", "role", "minutes")
    if key is not None and key not in keys:
        raise UsageProblem(f"'{key}' is not a config key; use one of: {', '.join(keys)}")
    if value is not None:
        assert key is not None
        store.set_config(key, value)
    current = store.load_config().stored()
    place = folders()
    if key is not None:
        typer.echo(current.get(key, ""))
    elif json:
        print_json(
            {
                "config": current,
                "data": place.data,
                "sessions": place.sessions,
                "config_file": place.config_file,
            }
        )
    else:
        for k in keys:
            typer.echo(f"{k:<8} {current.get(k, '(not set)')}")
        typer.echo(f"{'sessions':<8} {place.sessions}")
        typer.echo(f"{'config':<8} {place.config_file}")


def export(
    session: SessionArg = None,
    format_: Annotated[
        FormatChoice, typer.Option("--format", help="markdown, json or ics.")
    ] = FormatChoice.markdown,
    out: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Write to FILE instead of printing.", dir_okay=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the --out file.")] = False,
) -> None:
    """Export a session as Markdown, JSON or an iCalendar event.

    \b
    Examples:
      flash export --format markdown --out session.md
      flash export --format ics --out meeting.ics
      flash export --format json
    """
    from flashcli import clock, export, guidance, store

    s = store.load(session)
    if format_ is FormatChoice.ics:
        data = export.as_ics(s, clock.now())
    elif format_ is FormatChoice.json:
        data = export.as_json(s).encode()
    else:
        data = export.as_markdown(s, guidance.load()).encode()
    if out is None:
        typer.echo(data.decode(), nl=False)
        return
    store.write_new_file(out, data, force)
    typer.echo(f"wrote {out}", err=True)


def delete(
    session: Annotated[
        str,
        typer.Argument(
            help="The session id or a unique prefix of one.", autocompletion=complete_sessions
        ),
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a session for good (asks first).

    \b
    Examples:
      flash delete 2026-12-01-ada-lovelace
      flash delete 2026-12-01-ada --yes
    """
    from flashcli import store
    from flashcli.errors import UsageProblem

    s = store.load(session)
    if not yes:
        if not interactive(False):
            raise UsageProblem("deleting needs a yes: add --yes, or run it at a terminal", "--yes")
        what = f"{s.id} with {s.partner.name} ({len(s.notes)} notes, {len(s.actions)} actions)"
        if not _confirmed(f"Delete {what}? This cannot be undone."):
            typer.echo(f"kept {s.id}")
            return
    store.delete(s.id)
    typer.echo(f"deleted {s.id}")


def _confirmed(question: str) -> bool:
    from flashcli.cli import ask

    try:
        return ask.yes(question)
    except (ask.Stop, ask.Back):
        return False
    except KeyboardInterrupt:
        typer.echo("\nstopped; nothing was deleted")
        raise typer.Exit(130) from None
