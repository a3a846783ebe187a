"""What flash prep does: read the flags, start or resume a session, walk the checklist, report."""

from dataclasses import dataclass, field
from datetime import datetime

import typer

from flashcli import clock, guidance, parse, store
from flashcli.cli import ask
from flashcli.cli.walking import guarded, tickable
from flashcli.errors import FlashError, UsageProblem
from flashcli.models import FLASH_MINUTES, Partner, Session
from flashcli.summary import same_person


@dataclass
class Changes:
    """The flags of flash prep, checked before anything is read or written."""

    role: str | None = None
    when: datetime | None = None
    minutes: int | None = None
    where: str | None = None
    purpose: str | None = None
    goal: str | None = None
    success: str | None = None
    topics: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    reverse: bool | None = None
    done: list[str] = field(default_factory=list)
    undo: list[str] = field(default_factory=list)

    @classmethod
    def read(
        cls,
        *,
        when: str | None,
        minutes: int | None,
        where: str | None,
        goal: str | None,
        success: str | None,
        topics: list[str],
        questions: list[str],
        **rest: object,
    ) -> "Changes":
        def line(text: str | None, flag: str) -> str | None:
            return None if text is None else parse.one_line(text, flag)

        return cls(
            when=parse.moment(when) if when is not None else None,
            minutes=parse.minutes(minutes) if minutes is not None else None,
            where=line(where, "--where"),
            goal=line(goal, "--goal"),
            success=line(success, "--success"),
            topics=[parse.one_line(t, "--topic") for t in topics],
            questions=[parse.one_line(q, "--question") for q in questions],
            **rest,  # type: ignore[arg-type]
        )

    def apply(self, s: Session) -> None:
        for name in ("role", "when", "minutes", "where", "purpose", "goal", "success", "reverse"):
            if (new := getattr(self, name)) is not None:
                setattr(s, name, new)
        s.topics += [t for t in self.topics if t not in s.topics]
        s.questions += [q for q in self.questions if q not in s.questions]
        for key in self.done:
            if key not in s.ticked:
                s.ticked.append(tickable(s, key, "--done").key)
        for key in self.undo:
            tickable(s, key, "--undo")
            s.ticked = [k for k in s.ticked if k != key]
        from flashcli.agenda import build

        build(s)  # refuses topics that cannot fit in the minutes


def start(ref: str | None, partner: str | None, changes: Changes, ask_ok: bool) -> str:
    """The id of the session to prepare: a new one with --with, else SESSION or the current."""
    if partner is not None and ref is not None:
        raise UsageProblem("give either SESSION (to resume) or --with (to start), not both")
    if changes.minutes and changes.minutes > FLASH_MINUTES:
        from flashcli.cli.common import warn

        warn(f"a flash session is an hour or less; {changes.minutes} minutes is allowed, though")
    if partner is None:
        try:
            sid = store.resolve(ref)
        except FlashError:
            if ref is not None or not ask_ok:
                raise
            with guarded("flash prep"):  # no open session yet: start one
                partner = ask.value("Who are you meeting? (Name <email>)", _partner_text)
            if partner is None:
                raise
        else:
            return store.update(sid, changes.apply).id if changes != Changes() else sid
    return new_session(partner, changes).id


def _partner_text(text: str) -> str:
    parse.partner(text)
    return text


def new_session(partner: str, changes: Changes) -> Session:
    name, email = parse.partner(partner)
    config = store.load_config()
    now = clock.now()

    def make(sid: str) -> Session:
        s = Session(
            id=sid,
            role=config.role or "mentee",
            partner=Partner(name=name, email=email),
            created=now,
            updated=now,
            minutes=config.minutes or FLASH_MINUTES,
        )
        changes.apply(s)
        return s

    day = (changes.when or now).date()
    return store.create(day, parse.slug(name), make)


def carry_over(sid: str, carry: bool, ask_ok: bool) -> None:
    """Show open actions from earlier sessions with the same person; offer them as topics."""
    s = store.load(sid)
    from flashcli import index

    earlier = [
        a
        for x in index.read_all()[0]
        if x.id != sid and same_person(x.partner, x.email, s.partner.name, s.partner.email)
        for a in x.open_actions()
    ]
    if not earlier:
        return
    topics = [f"Follow-up: {a.text}" for a in earlier]
    typer.echo(f"Open actions from earlier sessions with {s.partner.name}:", err=True)
    typer.echo("\n".join(f"  ○ {a.text}" for a in earlier), err=True)
    if not carry and ask_ok:
        with guarded("flash prep"):
            carry = ask.yes("Carry them into the agenda as topics?")
    if carry:
        store.update(sid, Changes(topics=topics).apply)
    elif not ask_ok:
        typer.echo("  make them topics with: flash prep --carry", err=True)


def walk(sid: str) -> str:
    """Ask for what is missing, item by item; every answer is saved as soon as it is given."""
    from flashcli.cli import prepwalk

    with guarded("flash prep"):
        prepwalk.walk(sid)
    return sid


def report(sid: str, as_json: bool) -> None:
    from flashcli import agenda, render

    s = store.load(sid)
    g = guidance.load()
    built = agenda.build(s)
    rows = s.checklist(g, "prepare")
    if as_json:
        from flashcli.cli.common import checklist_json, print_json

        print_json(
            {
                "id": s.id,
                "checklist": checklist_json(rows),
                "agenda": built.as_json(),
            }
        )
        return
    render.show(render.checklist(rows, "prepare"), "", render.agenda(s, built, g))
    what = "proposes the topics" if s.role == "mentee" else "confirms the topics"
    render.show()
    render.show(f"next: flash email {s.id} --out agenda.eml  (the draft that {what})")
