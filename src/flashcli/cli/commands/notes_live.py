"""flash notes at a terminal, live: one line is one note, saved the moment Enter is pressed."""

import signal
import sys
import threading
from datetime import date, datetime
from functools import partial

import typer

from flashcli import dates, guidance, ops, store
from flashcli.cli import output, prompt, streams, views
from flashcli.errors import UsageProblem, shown
from flashcli.i18n import N_, _
from flashcli.kinds import NOTE_KINDS, NoteKind, Owner, Role
from flashcli.models import Action, Note, Session

PREFIXES: dict[str, NoteKind] = {k.prefix: kind for kind, k in NOTE_KINDS.items() if k.prefix}
HELP = N_(
    "  text          a note\n"
    "  ? text        a question          + text    a resource        @ text   a referral\n"
    "  ! text        an action for me    !! text   an action for {first}\n"
    '                (end an action with "by DATE": by friday, by +3d, by 2026-12-05)\n'
    "  /plan         the plan of action so far\n"
    "  /tick KEY     tick a reminder     /help     this help\n"
    "  /done         end (so do Ctrl-D and Ctrl-C) and print the plan of action"
)


def header(s: Session, book: guidance.Guidance) -> list[object]:
    """What live notes show first: who and how long, the reminders, the prefixes."""
    purpose = book.purposes.get(s.purpose or "")
    left = s.minutes_left(dates.now())
    parts: list[object] = [
        views.live_header(s, book.purpose_title(s.purpose), left),
        views.checklist(book.checklist_of(s, "during"), "during"),
    ]
    if s.role == "mentor" and purpose:
        parts.append(views.numbered_titled(_("Open questions"), purpose.mentor))
    parts.append(_("! action  ? question  + resource  @ referral  /plan  /help  /done"))
    return parts


def entry(line: str, s: Session) -> tuple[ops.Change, list[str], set[str]]:
    """A typed line as the change it makes (a note, or with '!' an action), what to say of
    it (the due date an action's "by …" was read as, or that it could not be read), and the
    uid of the action it adds, if it adds one."""
    now = dates.now()
    if line.startswith("!"):
        owner: Owner = "partner" if line.startswith("!!") else "me"
        text, due, said = _due_suffix(line.lstrip("!").strip(), now, s)
        action = Action.load({"text": text, "owner": owner, "due": due})
        return partial(ops.add_action, action=action), said, {action.uid}
    kind = PREFIXES.get(line[0], "note")
    text = line[1:] if kind != "note" else line
    return partial(ops.add_note, note=Note.load({"at": now, "kind": kind, "text": text})), [], set()


def _due_suffix(text: str, now: datetime, s: Session) -> tuple[str, date | None, list[str]]:
    """'Send the deck by friday': the text, and the date after its last ' by '."""
    head, sep, tail = text.rpartition(_(" by "))
    if not (sep and head.strip() and tail.strip()):
        return text, None, []
    try:
        due = dates.due_date(tail, now.date())
    except UsageProblem:
        return (
            text,
            None,
            [
                _("could not read {tail} as a date: kept in the text").format(
                    tail=shown(tail.strip())
                )
            ],
        )
    said = [_("due {day}").format(day=dates.day(due))]
    if concern := dates.concern(due, now.date(), (s.when or now).date()):
        n = len(s.actions) + 1
        said.append(
            _(
                "warning: the due date {concern}; flash edit --action {n} --due DATE mends it"
            ).format(concern=concern, n=n)
        )
    return head.strip(), due, said


class Live:
    """The session as live notes last saved or read it: the prompt's countdown and the
    title's are taken from it, and each line's change gives it anew (store.update re-reads the
    file under the lock, so another terminal's changes arrive with it). Nothing reads the
    file to tell the time."""

    def __init__(self, session: Session) -> None:
        self.session = session


def _title_clock(live: Live, stop: threading.Event) -> None:
    """Keep the countdown going in the terminal's title while the person types. An interrupt
    sent to the process goes to the thread reading the line, never to this one."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    while not stop.wait(15):
        try:
            left = live.session.minutes_left(dates.now())
        except Exception:  # a title is a nicety: never let it disturb note-taking
            return
        sys.stdout.write(_("\x1b]2;flash: {left} min left\x07").format(left=left))
        sys.stdout.flush()


COMMANDS = ("/plan", "/tick ", "/help", "/done")


def _complete_commands(book: guidance.Guidance, role: Role) -> None:
    """Tab completes the / commands, and the keys after /tick (with readline only)."""
    readline = prompt.line_editor()
    if readline is None:
        return
    keys = [f"/tick {i.key}" for i in book.checklist(role, "during") if not i.auto]

    def complete(text: str, state: int) -> str | None:
        typed = readline.get_line_buffer()
        if not typed.startswith("/"):
            return None
        found = [c for c in (*COMMANDS, *keys) if c.startswith(typed)]
        start = len(typed) - len(text)  # readline replaces the word being completed
        return found[state][start:] if state < len(found) else None

    readline.set_completer_delims(" ")
    readline.set_completer(complete)
    readline.parse_and_bind("tab: complete")


def run(ref: str | None) -> None:
    sid = store.resolve(ref)
    book = guidance.load()
    s = store.load(sid)
    if s.started is None:  # the countdown runs from the first time live notes began
        s = store.update(sid, partial(ops.start_live, now=dates.now()))
    views.show(*header(s, book), sep="\n")
    _complete_commands(book, s.role)
    live, stop = Live(s), threading.Event()
    if streams.is_terminal(sys.stdout):
        threading.Thread(target=_title_clock, args=(live, stop), daemon=True).start()
    code = 0
    try:
        _loop(live, book)
    except prompt.Stop:
        pass
    except KeyboardInterrupt:
        output.say()
        code = 130
    finally:
        stop.set()
    views.show(views.plan(store.load(sid)))  # with what other terminals added meanwhile
    if code:
        views.show(_("stopped; every note is saved in {sid}").format(sid=sid))
        raise typer.Exit(code)


def _loop(live: Live, book: guidance.Guidance) -> None:
    while True:
        left = live.session.minutes_left(dates.now())
        line = prompt.line(_("[{left} min left] > ").format(left=left))
        if not line:
            continue
        if line in ("/done", "/quit", "/exit"):
            return
        try:
            live.session = _command(line, live.session, book)
        except UsageProblem as e:
            output.say(f"  {e.message}")


def _command(line: str, s: Session, book: guidance.Guidance) -> Session:
    """What a typed line does; the session as it is after it."""
    if line == "/plan":
        s = store.load(s.id)  # the plan as it stands, another terminal's actions included
        views.show(views.plan(s))
    elif line == "/help":
        output.say(_(HELP).format(first=s.partner.first_name))
    elif line.startswith("/tick"):
        key = line.removeprefix("/tick").strip()
        s = store.update(
            s.id, partial(ops.tick, book=book, key=key, phase="during", now=dates.now())
        )
        output.say(_("  ticked"))
    elif line.startswith("/"):
        raise UsageProblem(
            _("unknown command {split}; /help lists them").format(split=line.split()[0])
        )
    else:
        change, said, added = entry(line, s)
        s = store.update(s.id, change)
        output.say(_("  saved ({contents})").format(contents=output.contents(s)))
        if added:
            said += output.action_hints(s, added)
        for message in said:
            output.say(f"  {message}")
    return s
