"""Before the session: flash prep, flash agenda, flash email."""

from pathlib import Path
from typing import Annotated

import typer

from flashcli.cli.common import (
    JsonOpt,
    NoInputOpt,
    PurposeChoice,
    RoleChoice,
    SessionArg,
    interactive,
    print_json,
)

Repeat = list[str] | None


def prep(
    session: SessionArg = None,
    partner: Annotated[
        str | None,
        typer.Option("--with", help='Start a new session with "Name <email>".', show_default=False),
    ] = None,
    role: Annotated[
        RoleChoice | None, typer.Option(help="Your role: mentee (learning) or mentor.")
    ] = None,
    when: Annotated[
        str | None, typer.Option(help='"YYYY-MM-DD HH:MM" local time, or ISO 8601 with offset.')
    ] = None,
    minutes: Annotated[int | None, typer.Option(help="Length in minutes (default 60).")] = None,
    where: Annotated[str | None, typer.Option(help="The place, or a video link.")] = None,
    purpose: Annotated[PurposeChoice | None, typer.Option(help="What the session is for.")] = None,
    goal: Annotated[str | None, typer.Option(help="The objective of the session.")] = None,
    success: Annotated[
        str | None, typer.Option(help="How the mentee will know the session worked.")
    ] = None,
    topic: Annotated[Repeat, typer.Option(help="A topic to cover (repeatable).")] = None,
    question: Annotated[Repeat, typer.Option(help="A question to ask (repeatable).")] = None,
    reverse: Annotated[
        bool | None,
        typer.Option("--reverse/--no-reverse", help="Reverse mentoring: the senior one learns."),
    ] = None,
    done: Annotated[Repeat, typer.Option(help="Tick a checklist item by key (repeatable).")] = None,
    undo: Annotated[Repeat, typer.Option(help="Untick a checklist item (repeatable).")] = None,
    carry: Annotated[
        bool,
        typer.Option("--carry", help="Make open actions from earlier sessions with them topics."),
    ] = False,
    no_input: NoInputOpt = False,
    json: JsonOpt = False,
) -> None:
    """Prepare a session: goal, topics, time and place, questions; prints checklist and agenda.

    Examples:

      flash prep --with "Ada Lovelace <ada@example.org>" --purpose career --goal "Plan my next step"

      flash prep --when "2026-12-01 10:00" --where "Café Nero" --topic "Moving into management"

      flash prep --role mentor --with "Sam Lee <sam@example.org>"
    """
    from flashcli.cli import prepping

    changes = prepping.Changes.read(
        role=role.value if role else None,
        when=when,
        minutes=minutes,
        where=where,
        purpose=purpose.value if purpose else None,
        goal=goal,
        success=success,
        topics=topic or [],
        questions=question or [],
        reverse=reverse,
        done=done or [],
        undo=undo or [],
    )
    ask = interactive(no_input)
    sid = prepping.start(session, partner, changes, ask)
    if partner is not None or carry:
        prepping.carry_over(sid, carry, ask)
    if ask:
        sid = prepping.walk(sid)
    prepping.report(sid, json)


def agenda(session: SessionArg = None, json: JsonOpt = False) -> None:
    """Print the time-boxed agenda: welcome, objective, topics, plan of action, close.

    Examples:

      flash agenda

      flash agenda 2026-12-01-ada --json
    """
    from flashcli import agenda as plan
    from flashcli import guidance, store

    s = store.load(session)
    built = plan.build(s)
    if json:
        print_json(built.as_json())
        return
    from flashcli import render

    render.show(render.agenda(s, built, guidance.load()))


def email(
    session: SessionArg = None,
    thanks: Annotated[
        bool, typer.Option("--thanks", help="The after-session thank-you or appreciation email.")
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(help="Write an RFC 5322 draft (.eml) a mail client opens.", dir_okay=False),
    ] = None,
    mailto: Annotated[bool, typer.Option("--mailto", help="Print a mailto: link.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the --out file.")] = False,
    json: JsonOpt = False,
) -> None:
    """Draft the email: before the session the agenda, after it (--thanks) the thank-you.

    Examples:

      flash email

      flash email --out agenda.eml

      flash email --thanks --mailto
    """
    from flashcli import drafts, store
    from flashcli.errors import UsageProblem

    if out and mailto:
        raise UsageProblem("give either --out or --mailto, not both", "--out")
    s = store.load(session)
    config = store.load_config()
    draft = drafts.thanks_email(s, config) if thanks else drafts.agenda_email(s, config)
    if out:
        store.write_new_file(out, drafts.as_eml(draft), force)
        typer.echo(f"wrote {out}: open it in your mail client to review and send", err=True)
    elif mailto:
        typer.echo(drafts.as_mailto(draft))
    elif json:
        print_json(draft.as_json())
    else:
        typer.echo(drafts.as_text(draft))
