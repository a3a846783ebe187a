"""Asking at a terminal: one line at a time, with line editing, re-asking politely when an
answer won't do.

Lines are read with GNU readline where Python has it: arrows, Home/End, Ctrl-A/E, and ↑ for
the lines typed in this run (kept in memory only: no history file, notes are confidential).
Ctrl-D stops asking; Ctrl-C stops too, always. A Ctrl-C can be lost by a plain read: one that
arrives after the prompt is written but before the read begins, or lands on another thread
(live notes keep a clock in one), leaves the read waiting for the next Enter. `_edited` and
`_typed` each make sure it ends the read at once, with readline and without it.
"""

import os
import select
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, TypeVar

import typer

from flashcli import dates
from flashcli.cli.output import say, warn
from flashcli.errors import FlashError, UsageProblem
from flashcli.i18n import N_, _

if TYPE_CHECKING:
    from flashcli.models import Session

T = TypeVar("T")
BACK = "<"


class Stop(Exception):
    """Ctrl-D at a prompt: stop asking and keep what was answered."""


class Back(Exception):
    """'<' at a question of a walk: go back to the one before."""


def _terminal() -> int | None:
    """The file descriptor of a terminal on stdin, when select() can wait on it here."""
    if os.name == "nt" or threading.current_thread() is not threading.main_thread():
        return None
    try:
        fd = sys.stdin.fileno()
    except (AttributeError, OSError, ValueError):  # a test's stand-in for stdin
        return None
    return fd if os.isatty(fd) else None


def read_line(prompt: str) -> str:
    """One line typed after PROMPT, without its newline; EOFError at Ctrl-D on an empty line."""
    fd = _terminal()
    if fd is None:
        return input(prompt)
    if _readline() is not None:
        return _edited(prompt)
    wake, wake_write = os.pipe()
    os.set_blocking(wake, False)
    os.set_blocking(wake_write, False)
    before = signal.set_wakeup_fd(wake_write, warn_on_full_buffer=False)
    try:
        sys.stdout.write(prompt)
        sys.stdout.flush()
        return _typed(fd, wake)
    finally:
        signal.set_wakeup_fd(before)
        os.close(wake)
        os.close(wake_write)


def line_editor() -> ModuleType | None:
    """readline, if lines are read with it here (to add completion)."""
    return _readline() if _terminal() is not None else None


@cache
def _readline() -> ModuleType | None:
    """GNU readline, when Python has it; its history stays in memory (no file is written)."""
    try:
        import readline
    except ImportError:  # Windows, or a Python built without it
        return None
    if "libedit" in (readline.__doc__ or ""):
        return None  # macOS's stand-in: the plain reader serves there
    return readline


def _edited(prompt: str) -> str:
    """A line read with readline. Readline waits in select() and sees a Ctrl-C only when it
    interrupts that select(); one that lands just before, or on another thread, would wait for
    the next key. So a watcher thread, woken by the signal module's wake-up pipe when SIGINT
    arrives, pokes the reading thread with a signal every few milliseconds until the line
    ends: one poke finds it in select(), and the interrupt is raised there."""
    poke = signal.SIGALRM  # (GNU readline, and so this, is never on Windows)
    wake, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    before = signal.set_wakeup_fd(wake_write, warn_on_full_buffer=False)
    poke_was = signal.signal(poke, lambda *_: None)
    done = threading.Event()
    reader = threading.get_ident()

    def watch() -> None:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, poke})  # never take them
        while not done.is_set():
            select.select([wake], [], [])
            if signal.SIGINT in os.read(wake, 64):
                while not done.wait(0.02):
                    signal.pthread_kill(reader, poke)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        while True:
            try:
                return input(prompt)
            except UnicodeDecodeError:
                say(_("  what you typed is not UTF-8 text; type it again"))
    finally:
        done.set()
        with suppress(BlockingIOError):
            os.write(wake_write, b"\0")  # wake the watcher, to see it is done
        watcher.join()
        signal.set_wakeup_fd(before)
        signal.signal(poke, poke_was)
        os.close(wake)
        os.close(wake_write)


def _typed(fd: int, wake: int) -> str:
    """Bytes from the terminal up to Enter; a signal on WAKE returns to Python, which raises."""
    typed = b""
    while True:
        ready, __, __ = select.select([fd, wake], [], [])
        if wake in ready:
            with suppress(BlockingIOError):
                os.read(wake, 64)  # the handler has run: a Ctrl-C has raised by now
        if fd in ready:
            chunk = os.read(fd, 4096)
            if not chunk and not typed:
                raise EOFError
            typed += chunk
            if not chunk or typed.endswith(b"\n"):
                encoding = sys.stdin.encoding or "utf-8"
                return typed.decode(encoding, errors="replace").removesuffix("\n")


def line(prompt: str) -> str:
    try:
        return read_line(prompt).strip()
    except EOFError:
        say()
        raise Stop from None


def _answer(prompt: str) -> str:
    answer = line(prompt)
    if answer == BACK:
        raise Back
    return answer


def value(prompt: str, take: Callable[[str], T], now: str | None = None) -> T | None:
    """An answer handed to TAKE (which checks it, saves it, or both); Enter skips (or keeps what
    is `now`); an answer TAKE refuses is asked again, with the reason."""
    shown = (
        _("{prompt} [now: {now}; Enter keeps it] ").format(prompt=prompt, now=now)
        if now
        else f"{prompt} "
    )
    while True:
        answer = _answer(shown)
        if not answer:
            return None
        try:
            return take(answer)
        except UsageProblem as e:
            say(f"  {e.message}")


# The words a walk takes for yes, no and maybe, apart by spaces: the English ones, and the
# language's (y/yes is understood in French as o/oui is).
# TRANSLATORS: the answers that mean yes, apart by spaces; the first is the one shown in [Y/n]
YES = N_("y yes")
# TRANSLATORS: the answers that mean no, apart by spaces; the first is the one shown in [y/N]
NO = N_("n no")
# TRANSLATORS: the answers that mean "not decided yet", apart by spaces
MAYBE = N_("m maybe u undecided")


def means(answer: str, words: str) -> bool:
    """Whether ANSWER is one of WORDS (YES, NO, MAYBE), in English or the language in use."""
    return answer.strip().lower() in {*words.split(), *_(words).split()}


def letters() -> tuple[str, str]:
    """The answers a question shows for yes and no ([y/N]), in the language in use."""
    return _(YES).split()[0], _(NO).split()[0]


def yes(prompt: str, default: bool = False) -> bool:
    y, n = letters()
    while True:
        answer = _answer(f"{prompt} [{y.upper() if default else y}/{n if default else n.upper()}] ")
        if not answer:
            return default
        if means(answer, YES) or means(answer, NO):
            return means(answer, YES)
        say(_("  please answer {y} or {n} (or < to go back)").format(y=y, n=n))


def several(prompt: str, take: Callable[[str], object]) -> int:
    """Answers one per line, each handed to TAKE as it comes, until an empty line; how many."""
    say(_("{prompt} (one per line, Enter on an empty line to finish)").format(prompt=prompt))
    count = 0
    while value("  >", take) is not None:
        count += 1
    return count


def due_date(typed: str, s: "Session", ask: bool, refused: FlashError | None = None) -> date:
    """A due date as typed for session S, said back as read. One in the past or far from the
    session is warned about, and at a terminal the person says whether to keep it; if not,
    REFUSED is raised (by default: nothing is saved, give the --due again)."""
    now = dates.now()
    due = dates.due_date(typed, now.date())
    if said := dates.understood(typed, due):
        say(said, err=True)
    concern = dates.concern(due, now.date(), (s.when or now).date())
    if concern is not None:
        warn(_("the due date {concern}").format(concern=concern))
        if ask and not yes(_("  Keep it?")):
            raise refused or FlashError(_("nothing saved; give the date again with --due"))
    return due


@contextmanager
def guarded(command: str) -> Iterator[None]:
    """Ctrl-D stops asking (so does '<' with nothing to go back to); Ctrl-C stops too, says so,
    and exits 130. Answers given are saved already."""
    try:
        yield
    except (Stop, Back):
        pass
    except KeyboardInterrupt:
        say(
            _("\nstopped; what you entered so far is saved; '{command}' goes on from here").format(
                command=command
            )
        )
        raise typer.Exit(130) from None
