"""flash prep: start or resume a session, walk the prepare checklist, print it and the agenda."""

from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Annotated

import typer

from flashcli import dates, store
from flashcli.cli import output, prompt
from flashcli.cli.options import (
    CHOSEN,
    GoalOpt,
    InOrder,
    JsonOpt,
    MinutesOpt,
    NoInputOpt,
    ProgrammeOpt,
    PurposeOpt,
    ReverseOpt,
    RoleOpt,
    SessionArg,
    SuccessOpt,
    Texts,
    WhenOpt,
    WhereOpt,
    WithOpt,
    given,
    interactive,
    key_option,
    numbers,
    text_option,
)
from flashcli.errors import FlashError, UsageProblem
from flashcli.i18n import _
from flashcli.queries import earlier_open_actions
from flashcli.rules import same_person

if TYPE_CHECKING:
    from flashcli.cli.walk import Hint
    from flashcli.guidance import Guidance
    from flashcli.kinds import Role
    from flashcli.models import Partner, Session
    from flashcli.ops import Change


class PrepCommand(InOrder):
    """--carry alone carries every open action: as if it said --carry all."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        args = list(args)
        for n, arg in enumerate(args):
            if arg == "--":
                break
            if arg == "--carry" and (n + 1 == len(args) or not CHOSEN.fullmatch(args[n + 1])):
                args[n] = "--carry=all"
        return super().parse_args(ctx, args)


def prep(
    session: SessionArg = None,
    partner: WithOpt = None,
    role: RoleOpt = None,
    when: WhenOpt = None,
    minutes: MinutesOpt = None,
    where: WhereOpt = None,
    purpose: PurposeOpt = None,
    programme: ProgrammeOpt = None,
    goal: GoalOpt = None,
    success: SuccessOpt = None,
    topic: Annotated[Texts, text_option("A topic to cover (repeatable).")] = None,
    question: Annotated[Texts, text_option("A question to ask (repeatable).")] = None,
    reverse: ReverseOpt = None,
    done: Annotated[
        Texts, key_option("Tick a checklist item by key (repeatable).", "prepare")
    ] = None,
    undo: Annotated[Texts, key_option("Untick a checklist item (repeatable).", "prepare")] = None,
    carry: Annotated[
        str | None,
        typer.Option(
            "--carry",
            metavar="[N,N]",
            help="Review open actions of earlier sessions with them: all, or those numbered.",
            show_default=False,
        ),
    ] = None,
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
    from flashcli import guidance, ops
    from flashcli.cli.commands import prep_walk
    from flashcli.cli.walk import Hint
    from flashcli.models import Partner

    if partner is not None and session is not None:
        raise UsageProblem(_("give either SESSION (to resume) or --with (to start), not both"))
    person = Partner.parse(partner) if partner is not None else None
    moment = dates.moment(when) if when is not None else None
    output.warn_if_long(minutes)
    book = guidance.load()
    fields = given(role=role, when=moment, minutes=minutes, where=where, purpose=purpose)
    fields |= given(goal=goal, success=success, reverse=reverse)
    fields |= given(programme=programme)
    changes: list[Change] = [partial(ops.set_fields, **fields)] if fields else []
    if topic:
        changes.append(partial(ops.add_topics, texts=topic))
    if question:
        changes.append(partial(ops.add_questions, texts=question))
    changes += [
        partial(ops.tick, book=book, key=k, phase="prepare", now=dates.now()) for k in done or []
    ]
    changes += [partial(ops.untick, book=book, key=k, phase="prepare") for k in undo or []]
    ask = interactive(no_input)
    hint = Hint()  # before the first question, whichever that is
    asking = hint if ask else None
    sid, asked_when, stopped = _start(session, person, moment, changes, asking, book, role)
    if when is not None and moment is not None and (said := dates.understood(when, moment)):
        output.say(said, err=True)  # once saved: what the rules refused is never echoed
    if person is not None or carry is not None:
        _carry_over(sid, carry, asking)
    if ask and not stopped:
        with prompt.guarded("flash prep"):
            prep_walk.walk(sid, book, hint, asked_when)
    _report(sid, book, json)


def _start(
    ref: str | None,
    person: "Partner | None",
    moment: datetime | None,
    changes: "list[Change]",
    hint: "Hint | None",
    book: "Guidance",
    role: "Role | None",
) -> tuple[str, bool, bool]:
    """The id of the session to prepare: a new one with --with, else SESSION or the current;
    whether its time was asked for already (a new one's, so that its id carries the meeting's
    date), and whether the person stopped the asking there (Ctrl-D). HINT: asking, with the
    hint to give before the first question (None: never asking)."""
    from flashcli import ops
    from flashcli.cli.commands import prep_walk
    from flashcli.models import Partner, Session
    from flashcli.store.config import load_config

    if person is None:
        try:
            sid = store.resolve(ref, open_only=True)  # a bare prep never resumes a closed one
        except FlashError:
            if ref is not None or hint is None:
                raise
            with prompt.guarded("flash prep"):  # no open session yet: start one
                hint.once()
                role = load_config().role or "mentee"
                person = prompt.value(book.prompts.of(role).partner, Partner.parse)
                if person is not None:
                    person = _their_language(person, book.prompts.of(role).partner_lang)
            if person is None:
                raise
        else:
            if ref is None:  # say which session a bare prep goes on with
                s = store.load(sid)
                output.say(
                    _(
                        "preparing {sid} with {name}; "
                        'to start another: flash prep --with "Name <email>"'
                    ).format(sid=sid, name=s.partner.name),
                    err=True,
                )
            return (store.update(sid, *changes).id if changes else sid), False, False
    now = dates.now()
    config = load_config()
    asked_when, stopped = hint is not None and moment is None, False
    if hint is not None and asked_when:  # before the file is written: its id carries the date
        question = book.prompts.of(role or config.role or "mentee").when
        hint.once()
        with prompt.guarded("flash prep"):  # Ctrl-C: nothing is written
            try:
                moment = prompt.value(question.format(first=person.first_name), prep_walk.when)
            except prompt.Back:
                pass  # nothing before it to go back to
            except prompt.Stop:
                stopped = True  # the session is started all the same, and nothing more asked
        if moment is not None:
            changes = [partial(ops.set_fields, when=moment), *changes]
    make = partial(Session.start, partner=person, config=config, now=now)
    day = (moment or now).date()
    sid = store.create(day, person.name, make, *changes, email=person.email).id
    return sid, asked_when, stopped


def _their_language(person: "Partner", question: str) -> "Partner":
    """PERSON, with the language their drafts are written in if the person gives one (Enter:
    the person's own)."""
    from flashcli.cli.options import usable_language

    asked = question.format(first=person.first_name)
    lang = prompt.value(asked, lambda code: usable_language(code.strip(), "language"))
    return person.model_copy(update={"lang": lang}) if lang else person


def _carry_over(sid: str, carry: str | None, hint: "Hint | None") -> None:
    """Show the open actions of earlier sessions with the same person; carry all of them, or
    those chosen, into the one agenda slot that reviews them (asked, with HINT, at a
    terminal)."""
    from flashcli import ops

    s = store.load(sid)
    summaries = store.summaries().summaries
    now = dates.now()
    # What another session still to come with them already carried is on its agenda: not
    # offered again (once that one is held, what is still open is offered anew).
    ahead = [
        x.id
        for x in summaries
        if x.id != sid
        and x.status(now) == "planned"
        and same_person(x.partner, x.email, s.partner.name, s.partner.email)
    ]
    carried = [text for other in ahead for text in store.load(other).review]
    reviewed = [*s.review, *carried]
    earlier = earlier_open_actions(summaries, sid, s.partner.name, s.partner.email, reviewed)
    if not earlier:
        if carry is not None:
            output.say(
                _("no open actions from earlier sessions with {name}").format(name=s.partner.name),
                err=True,
            )
        return
    output.say(
        _("Open actions from earlier sessions with {name}:").format(name=s.partner.name), err=True
    )
    for n, a in enumerate(earlier, 1):
        output.say(f"  {n}. {a.text} ({s.who(a)})", err=True)
    pick = partial(numbers, count=len(earlier), all_=True)
    chosen = pick(carry) if carry is not None else None
    if chosen is None and hint is not None:
        hint.once()
        with prompt.guarded("flash prep"):
            chosen = prompt.value(
                _("Carry which into the agenda? (all, or 1,3; Enter: none)"), pick
            )
    if chosen is not None:
        store.update(sid, partial(ops.carry, texts=[earlier[n - 1].text for n in chosen]))
    elif hint is None:
        command = _("flash prep {sid} --carry (or --carry 1,3)").format(sid=sid)
        output.say(_("  review them in the agenda with: {hint}").format(hint=command), err=True)


def _report(sid: str, book: "Guidance", as_json: bool) -> None:
    from flashcli import agenda
    from flashcli.cli import views

    s = store.load(sid)
    built = agenda.build(s, book.agenda.of(s.role))
    if as_json:
        output.print_json(s.prepare_json(book.checklist_json(s, "prepare"), built))
        return
    views.show(
        views.checklist(book.checklist_of(s, "prepare"), "prepare"),
        "",
        views.agenda(s, built, book),
    )
    views.show()
    views.show(_("next: {next}").format(next=_next(s)))


def _next(s: "Session") -> str:
    """The one command to run next, once the session is prepared this far."""
    if "send-topics" not in s.ticked:
        what = _("proposes the topics") if s.role == "mentee" else _("confirms the topics")
        return _("flash email {id} --out agenda.eml  (the draft that {what})").format(
            id=s.id, what=what
        )
    if s.when is None:
        return _('flash prep {id} --when "YYYY-MM-DD HH:MM"  (when you meet)').format(id=s.id)
    return _("flash notes {id}  (once you meet)").format(id=s.id)
