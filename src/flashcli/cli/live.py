"""Live notes at a terminal: one line is one note, saved the moment Enter is pressed."""

import sys
import threading
from datetime import date, datetime

import typer

from flashcli import clock, guidance, parse, render, store
from flashcli.cli import ask
from flashcli.errors import UsageProblem
from flashcli.models import Action, Note, NoteKind, Owner, Session

PREFIXES: dict[str, NoteKind] = {"?": "question", "+": "resource", "@": "referral"}
HELP = """\
  text          a note
  ? text        a question          + text    a resource        @ text   a referral
  ! text        an action for me    !! text   an action for {first}
                (end an action with "by DATE", such as by +3d, by tomorrow, by 2026-12-05)
  /plan         the plan of action so far
  /tick KEY     tick a reminder     /help     this help
  /done         end (so do Ctrl-D and Ctrl-C) and print the plan of action"""


def header(s: Session) -> list[object]:
    """What live notes show first: who and how long, the reminders, the prefixes."""
    g = guidance.load()
    purpose = g.purposes.get(s.purpose or "")
    left = s.minutes_left(clock.now())
    parts: list[object] = [
        render.live_header(s, purpose.title if purpose else None, left),
        render.checklist(s.checklist(g, "during"), "during"),
    ]
    if s.role == "mentor" and purpose:
        parts.append(render.numbered_titled("Open questions", purpose.mentor))
    parts.append("! action  ? question  + resource  @ referral  /plan  /help  /done")
    return parts


def entry(line: str, s: Session) -> Note | Action:
    """A typed line as a note or an action."""
    now = clock.now()
    if line.startswith("!"):
        owner: Owner = "partner" if line.startswith("!!") else "me"
        text, due = _due_suffix(line.lstrip("!").strip(), now)
        return Action(text=parse.free_text(text, "action"), owner=owner, due=due)
    kind = PREFIXES.get(line[0], "note")
    text = line[1:] if kind != "note" else line
    return Note(at=now, kind=kind, text=parse.free_text(text, kind))


def _due_suffix(text: str, now: datetime) -> tuple[str, date | None]:
    head, sep, tail = text.rpartition(" by ")
    if sep and head.strip():
        try:
            return head.strip(), parse.due_date(tail, now.date())
        except UsageProblem:
            pass
    return text, None


def save(sid: str, item: Note | Action) -> Session:
    def change(s: Session) -> None:
        if isinstance(item, Action):
            s.actions.append(item)
        else:
            s.notes.append(item)

    return store.update(sid, change)


def tick(sid: str, key: str) -> None:
    def change(s: Session) -> None:
        item = guidance.load().item(s.role, key)
        if item is None or item.phase != "during" or item.auto:
            raise UsageProblem(f"'{key}' is not a reminder you can tick here")
        if key not in s.ticked:
            s.ticked.append(key)

    store.update(sid, change)


def _title_clock(sid: str, stop: threading.Event) -> None:
    """Keep the countdown going in the terminal's title while the person types."""
    while not stop.wait(15):
        try:
            left = store.load(sid).minutes_left(clock.now())
        except Exception:  # a title is a nicety: never let it disturb note-taking
            return
        sys.stdout.write(f"\x1b]2;flash: {left} min left\x07")
        sys.stdout.flush()


def run(ref: str | None) -> None:
    sid = store.resolve(ref)
    s = store.load(sid)
    if s.started is None:
        s = store.update(sid, lambda x: setattr(x, "started", clock.now()))
    render.show(*header(s), sep="\n")
    stop = threading.Event()
    if sys.stdout.isatty():
        threading.Thread(target=_title_clock, args=(sid, stop), daemon=True).start()
    code = 0
    try:
        _loop(sid)
    except ask.Stop:
        pass
    except KeyboardInterrupt:
        print()
        code = 130
    finally:
        stop.set()
    s = store.load(sid)
    render.show(render.plan(s))
    if code:
        render.show(f"stopped; every note is saved in {sid}")
        raise typer.Exit(code)


def _loop(sid: str) -> None:
    while True:
        s = store.load(sid)
        line = ask.line(f"[{s.minutes_left(clock.now())} min left] > ")
        if not line:
            continue
        if line in ("/done", "/quit", "/exit"):
            return
        try:
            _command(line, sid, s)
        except UsageProblem as e:
            print(f"  {e.message}")


def _command(line: str, sid: str, s: Session) -> None:
    if line == "/plan":
        render.show(render.plan(s))
    elif line == "/help":
        print(HELP.format(first=s.partner.first_name))
    elif line.startswith("/tick"):
        tick(sid, line.removeprefix("/tick").strip())
        print("  ticked")
    elif line.startswith("/"):
        raise UsageProblem(f"unknown command {line.split()[0]}; /help lists them")
    else:
        saved = save(sid, entry(line, s))
        print(f"  saved ({len(saved.notes)} notes, {len(saved.actions)} actions)")
