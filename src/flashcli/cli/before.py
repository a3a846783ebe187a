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
    complete_keys,
    interactive,
    print_json,
)

Repeat = list[str] | None


def prep(
    session: SessionArg = None,
    partner: Annotated[
        str | None,
        typer.Option(
            "--with",
            metavar="'NAME <EMAIL>'",
            help='Start a new session with "Name <email>".',
            show_default=False,
        ),
    ] = None,
    role: Annotated[
        RoleChoice | None, typer.Option(help="Your role: mentee (learning) or mentor.")
    ] = None,
    when: Annotated[
        str | None,
        typer.Option(
            metavar="WHEN", help='"YYYY-MM-DD HH:MM" local time, or ISO 8601 with offset.'
        ),
    ] = None,
    minutes: Annotated[
        int | None, typer.Option(metavar="N", help="Length in minutes (default 60).")
    ] = None,
    where: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The place, or a video link.")
    ] = None,
    purpose: Annotated[PurposeChoice | None, typer.Option(help="What the session is for.")] = None,
    goal: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The objective of the session.")
    ] = None,
    success: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="How the mentee will know the session worked."),
    ] = None,
    topic: Annotated[
        Repeat, typer.Option(metavar="TEXT", help="A topic to cover (repeatable).")
    ] = None,
    question: Annotated[
        Repeat, typer.Option(metavar="TEXT", help="A question to ask (repeatable).")
    ] = None,
    reverse: Annotated[
        bool | None,
        typer.Option("--reverse/--no-reverse", help="Reverse mentoring: the senior one learns."),
    ] = None,
    done: Annotated[
        Repeat,
        typer.Option(
            metavar="KEY",
            autocompletion=complete_keys,
            help="Tick a checklist item by key (repeatable).",
        ),
    ] = None,
    undo: Annotated[
        Repeat,
        typer.Option(
            metavar="KEY",
            autocompletion=complete_keys,
            help="Untick a checklist item (repeatable).",
        ),
    ] = None,
    carry: Annotated[
        bool,
        typer.Option("--carry", help="Make open actions from earlier sessions with them topics."),
    ] = False,
    no_input: NoInputOpt = False,
    json: JsonOpt = False,
) -> None:
    """Prepare a session: goal, topics, time, place, questions.

    At a terminal it asks for what is missing, item by item (type < to go back to the
    previous question); then it prints the checklist and the agenda.

    \b
    Examples:
      flash prep --with "Ada Lovelace <ada@example.org>" --purpose career
      flash prep --goal "Decide on management" --topic "First steps"
      flash prep --when "2026-12-01 10:00" --where "Café Nero" --done send-topics
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
    """Show the time-boxed agenda of a session.

    Welcome, objective, each topic, plan of action and close, fitted to the minutes, with
    clock times once the meeting time is set.

    \b
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
        typer.Option(
            metavar="FILE",
            help="Write an RFC 5322 draft (.eml) a mail client opens.",
            dir_okay=False,
        ),
    ] = None,
    mailto: Annotated[bool, typer.Option("--mailto", help="Print a mailto: link.")] = False,
    open_: Annotated[
        bool, typer.Option("--open", help="Hand the .eml draft to your mail client.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the --out file.")] = False,
    json: JsonOpt = False,
) -> None:
    """Draft the agenda email, or the thank-you (--thanks).

    Prints the draft; --out writes a .eml your mail client opens as a draft, --open hands
    it to your mail client, --mailto prints a mailto: link.

    \b
    Examples:
      flash email --out agenda.eml
      flash email --open
      flash email --thanks --mailto
    """
    from flashcli import drafts, store
    from flashcli.errors import FlashError, UsageProblem

    if mailto and (out or open_):
        raise UsageProblem("--mailto prints a link; give it without --out or --open", "--mailto")
    s = store.load(session)
    config = store.load_config()
    draft = drafts.thanks_email(s, config) if thanks else drafts.agenda_email(s, config)
    if open_:
        path = out or store.draft_path(s.id, "thanks" if thanks else "agenda")
        store.write_new_file(path, drafts.as_eml(draft), force=force or out is None)
        if typer.launch(str(path)) != 0:
            raise FlashError(f"could not hand the draft to a mail client; it is in {path}")
        typer.echo(f"opened {path} in your mail client: review it there and send", err=True)
    elif out:
        store.write_new_file(out, drafts.as_eml(draft), force)
        typer.echo(f"wrote {out}: open it in your mail client to review and send", err=True)
    elif mailto:
        typer.echo(drafts.as_mailto(draft))
    elif json:
        print_json(draft.as_json())
    else:
        typer.echo(drafts.as_text(draft))
