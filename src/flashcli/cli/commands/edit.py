"""flash edit: correct anything in a session, by flags or in the person's editor."""

from functools import partial
from typing import TYPE_CHECKING, Annotated, Any

import typer

from flashcli import dates, store
from flashcli.cli import output, prompt
from flashcli.cli.options import (
    GoalOpt,
    MinutesOpt,
    NoInputOpt,
    ProgrammeOpt,
    PurposeOpt,
    ReverseOpt,
    RoleOpt,
    SessionArg,
    SuccessOpt,
    WhenOpt,
    WhereOpt,
    WithOpt,
    given,
    interactive,
    owner_of,
    paired,
    text_option,
    usable_language,
)
from flashcli.errors import BadSessionFile, FlashError, UsageProblem
from flashcli.i18n import N_, _

if TYPE_CHECKING:
    from flashcli.ops import Change

Numbers = list[int] | None
NO_DATE = ("none", "")


def _drop(kind: str) -> Any:
    return typer.Option(f"--drop-{kind}", metavar="N", help=f"Remove {kind} N (repeatable).")


def edit(
    ctx: typer.Context,
    session: SessionArg = None,
    partner: WithOpt = None,
    greet: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="How drafts greet them ('' for their first name)."),
    ] = None,
    partner_lang: Annotated[
        str | None,
        typer.Option(
            metavar="CODE", help="The language of drafts for them: fr, es… ('' for your own)."
        ),
    ] = None,
    when: WhenOpt = None,
    where: WhereOpt = None,
    minutes: MinutesOpt = None,
    purpose: PurposeOpt = None,
    programme: ProgrammeOpt = None,
    goal: GoalOpt = None,
    success: SuccessOpt = None,
    role: RoleOpt = None,
    reverse: ReverseOpt = None,
    drop_topic: Annotated[Numbers, _drop("topic")] = None,
    drop_question: Annotated[Numbers, _drop("question")] = None,
    drop_note: Annotated[Numbers, _drop("note")] = None,
    drop_action: Annotated[Numbers, _drop("action")] = None,
    drop_checkin: Annotated[Numbers, _drop("checkin")] = None,
    action: Annotated[
        Numbers,
        typer.Option(metavar="N", help="Action N: the --text, --owner, --due after it change it."),
    ] = None,
    text: Annotated[list[str] | None, text_option("What the --action before it says.")] = None,
    owner: Annotated[
        list[str] | None,
        typer.Option(metavar="me|partner", help="Who does the --action before it."),
    ] = None,
    due: Annotated[
        list[str] | None,
        typer.Option(metavar="DATE", help="When the --action before it is due ('none': no date)."),
    ] = None,
    no_input: NoInputOpt = False,
) -> None:
    """Correct a session: any field by its flag, or the whole session in your editor.

    With no flags at a terminal, the session opens in $VISUAL or $EDITOR as TOML; it is
    checked when you save, and opened again with the error at the top if it will not do.
    If the file changed meanwhile, nothing is overwritten: your edit is kept beside it.

    \b
    Examples:
      flash edit --with "Ada Lovelace <ada@lovelace.org>" --greet Ada
      flash edit ada --when "next tuesday 3pm" --drop-topic 2
      flash edit --action 1 --text "Draft the 30-day plan" --due friday
      flash edit 2026-12-01
    """
    from flashcli import ops
    from flashcli.models import Partner

    reworded = paired(ctx, "action", ("text", "owner", "due"))
    moment = dates.moment(when) if when is not None else None
    fields = given(when=moment, minutes=minutes, where=where, purpose=purpose, goal=goal)
    fields |= given(success=success, role=role, reverse=reverse)
    fields |= given(programme=programme)
    changes: list[Change] = [partial(ops.set_fields, **fields)] if fields else []
    if partner is not None or greet is not None or partner_lang is not None:
        person = Partner.parse(partner) if partner is not None else None
        if partner_lang:
            usable_language(partner_lang, "--partner-lang")
        changes.append(partial(ops.set_partner, partner=person, greet=greet, lang=partner_lang))
    drops = {
        "topic": drop_topic,
        "question": drop_question,
        "note": drop_note,
        "action": drop_action,
        "checkin": drop_checkin,
    }
    sid = store.resolve(session)
    ask = interactive(no_input)
    for one in reworded:
        changes += _reword(one, sid, ask)
    changes += [partial(ops.drop, kind=k, numbers=n) for k, n in drops.items() if n]
    if not changes:
        if not ask:
            raise UsageProblem(
                _(
                    "say what to change (see flash edit --help); with no flags, at a terminal, "
                    "the session opens in your editor"
                )
            )
        _in_editor(sid)
        return
    output.warn_if_long(minutes)
    s = store.update(sid, *changes)
    if when is not None and s.when is not None and (said := dates.understood(when, s.when)):
        output.say(said, err=True)
    output.say(_("updated {id}; flash show {id} shows it all").format(id=s.id))


def _reword(one: dict[str, Any], sid: str, ask: bool) -> "list[Change]":
    """The changes --action N makes with the --text, --owner and --due after it."""
    from flashcli import ops

    n = one["action"]
    if len(one) == 1:
        raise UsageProblem(
            _("give --text, --owner or --due after --action {n}").format(n=n), "--action"
        )
    who = owner_of(one["owner"]) if "owner" in one else None
    changes: list[Change] = [partial(ops.reword, number=n, text=one.get("text"), owner=who)]
    if "due" in one:
        typed = one["due"]
        day = None
        if typed.strip().lower() not in NO_DATE:
            day = prompt.due_date(typed, store.load(sid), ask)
        changes.append(partial(ops.set_due, number=n, due=day))
    return changes


GUIDE = N_(
    "# {id}, with {partner}: change what you like, then save and close the editor.\n# It is "
    "checked when you save; leave it as it was to change nothing.\n"
)


def _in_editor(sid: str) -> None:
    """The session as TOML in the person's editor; a mistake opens it again, with the error
    at the top; a change made meanwhile elsewhere is never overwritten."""
    from flashcli.cli import editor

    clear, base = store.stored_text(sid)
    guide = ""
    had: set[str] = set()  # the actions it had: those added in the editor are hinted at
    resumed = editor.resume(sid, "edit.toml", _("the session"))
    try:
        opened = store.load(sid)
        had = {a.uid for a in opened.actions}
        guide = _(GUIDE).format(id=sid, partner=opened.partner.name)
        text = resumed[0] if resumed else guide + clear.decode("utf-8")
    except BadSessionFile as e:  # a hand edit gone wrong: open it to mend, the error on top
        try:
            text = f"{_(ERROR)}{e.reason}\n" + clear.decode("utf-8")
        except UnicodeDecodeError:
            raise e from None
    while True:
        after = editor.edited(f"{sid}.toml", text, _("the session is"))
        if after == text and not resumed:  # a kept edit opened and saved as it is: used
            output.say(_("no change to {sid}").format(sid=sid))
            return
        try:
            s = store.parse_edit(_own(after, guide), sid)
            break
        except BadSessionFile as e:
            output.say(_("flash: {reason}").format(reason=e.reason), err=True)
            _again_or_keep(sid, after)
            text = f"{_(ERROR)}{e.reason}\n" + _unmarked(after)  # not the error of the time before
    kept = store.replace(s, base)
    if kept is not None:
        raise FlashError(
            _(
                "{sid} changed while you were editing it, so nothing was overwritten; your edit "
                "is kept in {kept}"
            ).format(sid=sid, kept=kept)
        )
    if resumed:
        store.drop_kept_edit(resumed[1])  # used: it goes
    output.say(_("saved {sid}").format(sid=sid))
    for hint in output.action_hints(s, {a.uid for a in s.actions} - had):
        output.say(hint, err=True)


ERROR = N_("# error: ")


def _unmarked(text: str) -> str:
    """TEXT without the errors flash put at its top."""
    lines = text.split("\n")
    while lines and lines[0].startswith((ERROR, _(ERROR))):
        lines.pop(0)
    return "\n".join(lines)


def _own(text: str, guide: str) -> str:
    """TEXT without what flash put at its top (the errors, the guide), so that only the
    person's own comments are kept in the file."""
    return _unmarked(text).removeprefix(guide)


def _again_or_keep(sid: str, edit: str) -> None:
    """Whether to open the edit again: if not, it is kept for the person, and nothing changes."""

    code = 0
    try:
        if prompt.yes(_("Edit it again?"), default=True):
            return
    except prompt.Stop:
        pass
    except KeyboardInterrupt:
        code = 130
    kept = store.keep_edit(sid, "edit.toml", edit.encode("utf-8"))
    message = _("nothing was changed; your edit is kept in {kept}").format(kept=kept)
    if code:
        output.say(f"\n{message}", err=True)
        raise typer.Exit(code)
    raise FlashError(message)
