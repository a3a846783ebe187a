"""What people see, made with Rich: checklists, agendas, plans, a session; and printing it."""

import os
from collections.abc import Collection, Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import typer
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from flashcli.cli import streams
from flashcli.dates import clock, clock_on, short_day
from flashcli.errors import escaped
from flashcli.i18n import N_, _
from flashcli.kinds import NOTE_KINDS, PHASES, Phase, said, score_text
from flashcli.rules import OPEN, TICK

if TYPE_CHECKING:  # bare flash and the tables show no session model: pydantic stays unimported
    from flashcli.agenda import Agenda
    from flashcli.guidance import Guidance, Item
    from flashcli.models import Session

ACCENT, OK, WARN, DIM = "cyan", "green", "yellow", "dim"
PHASE_TITLE = {
    "prepare": N_("Before the session"),
    "during": N_("During the session"),
    "after": N_("After"),
}


def console() -> Console:
    # NO_COLOR asks for plain text: Rich alone would still send bold and dim.
    plain = bool(os.environ.get("NO_COLOR"))
    # Text people typed is never markup or emoji codes: "[/]" or ":smile:" prints as typed.
    return Console(
        highlight=False, markup=False, emoji=False, color_system=None if plain else "auto"
    )


def show(*things: object, sep: str = " ") -> None:
    """Print for a person: Rich renderables, or plain strings. In a pipe or a file the lines
    carry no padding: Rich fills a table's lines out to its width."""
    screen = console()
    if screen.is_terminal:
        streams.write(lambda: screen.print(*things, sep=sep))
        return
    with screen.capture() as captured:
        screen.print(*things, sep=sep)
    text = "\n".join(line.rstrip() for line in captured.get().split("\n"))
    streams.write(lambda: typer.echo(text, nl=False))


def checklist(rows: "Sequence[tuple[Item, bool]]", phase: Phase) -> Group:
    done = sum(1 for _, ticked in rows if ticked)
    title = Text(f"{_(PHASE_TITLE[phase])} ({done}/{len(rows)})", style=f"bold {ACCENT}")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for item, ticked in rows:
        mark = Text(f" {TICK}", style=OK) if ticked else Text(f" {OPEN}", style=DIM)
        grid.add_row(mark, Text(item.key, style=DIM if ticked else "bold"), item.text)
    return Group(title, grid)


def heading(session: "Session", guidance: "Guidance") -> Table:
    """Who, when, where, purpose, objective: the facts at the top of an agenda."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style=DIM, no_wrap=True)
    grid.add_column(overflow="fold")
    for fact in session.facts(guidance.purpose_title(session.purpose)):
        if fact.value or fact.needed:
            grid.add_row(fact.label, fact.value or _("not set"))
    return grid


def agenda(session: "Session", plan: "Agenda", guidance: "Guidance") -> RenderableType:
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style=DIM)
    table.add_column(_("time") if plan.start else _("from"), no_wrap=True, style=ACCENT)
    table.add_column(_("min"), justify="right", no_wrap=True)
    table.add_column(_("item"), overflow="fold")
    for slot in plan.slots:
        start = clock(slot.start) if slot.start else f"+{slot.offset}"
        table.add_row(start, str(slot.minutes), slot.title)
        for item in slot.items:
            table.add_row("", "", f"  {OPEN} {item}")
    parts: list[RenderableType] = [heading(session, guidance)]
    if plan.note:
        parts.append(Text(plan.note, style="italic"))
    parts += [Text(""), table]
    if session.questions:
        parts += [
            Text(""),
            Text(_("Questions"), style=f"bold {ACCENT}"),
            numbered(session.questions),
        ]
    parts += [Text(w, style=WARN) for w in plan.warnings]
    return framed(_("Agenda: {id}").format(id=session.id), *parts)


def framed(title: str, *body: RenderableType) -> RenderableType:
    """A panel at a colour terminal; a heading over plain lines anywhere else (pipes, NO_COLOR)."""
    heading = Text(title, style=f"bold {ACCENT}")
    screen = console()
    if not screen.is_terminal or screen.color_system is None:
        return Group(heading, *body)
    from rich import box
    from rich.panel import Panel

    return Panel(
        Group(*body),
        title=heading,
        title_align="left",
        box=box.ROUNDED,
        border_style=DIM,
        expand=False,
    )


def overview(
    who: tuple[str, str, str], phase: Phase, todo: list[str], needs: Group | None, next_step: str
) -> Group:
    """Bare flash: the current session and its phase, what is left, what needs the person
    (reminders), what next."""
    sid, partner, role = who
    title = Text(sid, style=f"bold {ACCENT}")
    title.append(
        _("  with {partner}, {role}: {phase_title}").format(
            partner=partner, role=said(role), phase_title=_(PHASE_TITLE[phase]).lower()
        ),
        style="",
    )
    parts: list[RenderableType] = [title]
    if todo:
        parts.append(_marked(OPEN, DIM, todo))
    if needs is not None:
        parts.append(needs)
    next_line = Text(_("Next: "), style="bold")
    next_line.append(next_step, style=f"bold {ACCENT}")
    return Group(*parts, next_line)


def reminders(first: list[str], count: int) -> Group:
    """The FIRST of what needs the person now, of COUNT (`flash remind` lists them all)."""
    parts: list[RenderableType] = [
        Text(_("Needs you now: {count}").format(count=count), style=f"bold {WARN}"),
        _marked("!", WARN, first),
    ]
    more = _("and {value} more: ").format(value=count - len(first)) if count > len(first) else ""
    parts.append(
        Text(_("{more}flash remind lists them, with what to run").format(more=more), style=DIM)
    )
    return Group(*parts)


def _marked(mark: str, style: str, lines: list[str]) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for line in lines:
        grid.add_row(Text(f" {mark}", style=style), line)
    return grid


def numbered_titled(title: str, items: Iterable[str]) -> Group:
    return Group(Text(title, style=f"bold {ACCENT}"), numbered(items))


def live_header(s: "Session", purpose: str | None, left: int) -> Group:
    title = Text(_("Live notes with {name}").format(name=s.partner.name), style=f"bold {ACCENT}")
    title.append(
        _("  {left} of {minutes} min left").format(left=left, minutes=s.minutes),
        style=WARN if left < 10 else DIM,
    )
    shown = [f for f in s.facts(purpose) if f.key in ("goal", "purpose") and f.value]
    return Group(title, *(Text(f"{f.label}: {f.value}") for f in shown))


def plan(s: "Session") -> RenderableType:
    """The plan of action: who does what, by when."""
    if not s.actions:
        return Group(
            Text(_("No plan of action yet."), style=f"bold {WARN}"),
            Text(_("Close by agreeing the next steps: who does what, and by when (! adds one).")),
        )
    grid = Table.grid(padding=(0, 1))
    for __ in range(4):
        grid.add_column(no_wrap=True)
    grid.columns[2].no_wrap, grid.columns[2].overflow = False, "fold"
    for n, a in enumerate(s.actions, 1):
        mark = Text(f" {TICK}", style=OK) if a.done else Text(f" {OPEN}", style=DIM)
        due = short_day(a.due, s.near) if a.due else ""
        grid.add_row(mark, f"{n}.", a.text, Text(f" {s.who(a)}  {due}".rstrip(), style=DIM))
    return framed(_("Plan of action ({n})").format(n=len(s.actions)), grid)


CELL_STYLES = {
    "planned": ACCENT,
    "held": OK,
    "closed": DIM,
    TICK: OK,
    OPEN: DIM,
    "!": f"bold {WARN}",
}


def grid(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: Collection[int] = (),
    wrap: Collection[int] = (),
) -> Table:
    """A borderless table; only the `wrap` columns (free text) wrap to fit the terminal."""
    table = Table(box=None, padding=(0, 1), header_style=DIM, show_edge=False)
    styles = {said(cell): style for cell, style in CELL_STYLES.items()}  # 'held', 'tenue'…
    for n, name in enumerate(headers):
        table.add_column(
            name,
            justify="right" if n in right else "left",
            no_wrap=n not in wrap,
            overflow="fold" if n in wrap else "ellipsis",
        )
    for row in rows:
        table.add_row(*(Text(cell, style=styles.get(cell, "")) for cell in row))
    return table


def numbered(items: Iterable[str]) -> Text:
    return Text("\n".join(f"  {n}. {item}" for n, item in enumerate(items, 1)))


def detail(session: "Session", guidance: "Guidance", now: datetime) -> Group:
    """Everything about one session."""
    parts: list[object] = [
        Text(
            f"{session.id}  ({said(session.role)}, {said(session.status(now))})",
            style=f"bold {ACCENT}",
        ),
        heading(session, guidance),
    ]
    if session.reverse:
        parts.append(Text(_("Reverse mentoring"), style="italic"))
    for title, items in ((_("Topics"), session.topics), (_("Questions"), session.questions)):
        if items:
            parts += [Text(""), Text(title, style=f"bold {ACCENT}"), numbered(items)]
    for phase in PHASES:
        parts += [Text(""), checklist(guidance.checklist_of(session, phase), phase)]
    if session.notes:  # numbered, as `flash edit --drop-note N` takes them
        parts += [Text(""), Text(_("Notes"), style=f"bold {ACCENT}")]
        width = max(len(said(kind)) + 1 for kind in NOTE_KINDS)
        parts += [
            Text(f"  {number}. {clock_on(n.at, session.near)} {said(n.kind):<{width}} {n.text}")
            for number, n in enumerate(session.notes, 1)
        ]
    if session.actions:  # as every other view shows them: who, and the day due
        parts += [Text(""), plan(session)]
    if session.checkins:  # numbered, as `flash edit --drop-checkin N` takes them
        parts += [Text(""), Text(_("Check-ins"), style=f"bold {ACCENT}")]
        for number, c in enumerate(session.checkins, 1):
            line = f"  {number}. {short_day(c.at, session.near)}  {score_text(c.score)}"
            parts.append(Text(line))
            parts += [Text(f"     {label}: {said}") for label, said in c.said()]
    if session.conflicts:
        parts += [Text(""), Text(_("Set aside by a merge (the other machine's value)"), style=WARN)]
        parts += [
            Text(f"  {escaped(set_aside(session, key))}: {escaped(str(value))}")
            for key, value in session.conflicts.items()
        ]
    for label, value in ((_("Feedback"), session.feedback), (_("Rating"), session.rating)):
        if value:
            parts.append(Text(f"{label}: {value}"))
    if session.decision:
        parts.append(Text(_("Continue: {decision}").format(decision=said(session.decision))))
    return Group(*parts)  # type: ignore[arg-type]


def set_aside(session: "Session", key: str) -> str:
    """A key of the conflicts table as a person reads it: 'action 2 text' for
    actions.UID.text, by the number the action has now."""
    entries, __, rest = key.partition(".")
    uid, __, field = rest.rpartition(".")
    if entries in ("notes", "actions") and uid and field:
        uids = [e.uid for e in (session.notes if entries == "notes" else session.actions)]
        number = uids.index(uid) + 1 if uid in uids else None
        if number is not None:
            return f"{entries[:-1]} {number} {field}"
    return key
