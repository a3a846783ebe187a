"""9. Ctrl-C in any walk, in live notes or at a question saves what was entered, says so, exits 130."""

import signal
import sys
import time
from pathlib import Path

import pexpect
import pytest

from tests.test_live_pty import PROMPT, prepared, show
from tests.test_walk_pty import as_at_a_terminal, finish, on_disk, spawn

pytestmark = pytest.mark.slow  # real processes, kills, git: `pytest -m 'not slow'` skips them


def test_ctrl_c_keeps_what_was_answered_and_exits_130(home: Path) -> None:
    child = spawn(home, "prep", "--with", "Ada Lovelace <ada@example.org>")
    child.expect_exact("When do you meet?")
    child.sendline("")
    child.expect_exact("Purpose (number):")
    child.sendline("1")
    child.expect_exact("What do you want from this session?")
    child.sendline("Learn Rust in a month")
    child.expect_exact("How will you know")
    child.sendintr()
    finish(
        child, "stopped; what you entered so far is saved; 'flash prep' goes on from here", code=130
    )
    data = on_disk(home)
    assert data["purpose"] == "learning" and data["goal"] == "Learn Rust in a month"


def test_ctrl_c_ends_live_notes_with_the_plan_and_130(home: Path) -> None:
    prepared(home)
    child = spawn(home, "notes")
    child.expect_exact(PROMPT)
    child.sendline("! Draft my 30-day plan")
    child.expect_exact("saved")
    child.sendline("half a thought")
    child.expect_exact("saved (1 note,")
    child.expect_exact(PROMPT)
    child.sendintr()
    child.expect_exact("Plan of action (1)")
    finish(child, "stopped; every note is saved", code=130)
    assert [n["text"] for n in show(home)["notes"]] == ["half a thought"]


def test_ctrl_c_in_the_followup_walk_keeps_answers(home: Path) -> None:
    prepared(home)
    child = spawn(home, "followup")
    child.expect_exact("Have you followed through on what you agreed?")
    child.sendline("n")
    child.expect_exact("Will you keep what was shared confidential?")
    child.sendline("y")
    child.expect_exact("What helped most?")
    time.sleep(0.1)
    child.sendintr()
    finish(
        child,
        "stopped; what you entered so far is saved; 'flash followup' goes on from here",
        code=130,
    )
    assert show(home)["ticked"] == ["confidentiality"]


def test_ctrl_c_at_the_carry_over_question(home: Path) -> None:
    prepared(home)
    child = spawn(home, "notes", "--action", "Draft my 30-day plan")
    child.expect(pexpect.EOF)
    child = spawn(
        home, "prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2026-12-08 10:00"
    )
    child.expect_exact("Carry which into the agenda? (all, or 1,3; Enter: none)")
    child.sendintr()
    finish(
        child, "stopped; what you entered so far is saved; 'flash prep' goes on from here", code=130
    )
    assert len(list((home / "sessions").glob("*.toml"))) == 2  # the new session is kept


def test_ctrl_c_at_the_delete_question_deletes_nothing(home: Path) -> None:
    prepared(home)
    child = spawn(home, "delete", "2026-11-28-ada-lovelace")
    child.expect_exact("This cannot be undone. [y/N]")
    child.sendintr()
    finish(child, "stopped; nothing was deleted", code=130)
    assert (home / "sessions" / "2026-11-28-ada-lovelace.toml").exists()
    child = spawn(home, "delete", "2026-11-28-ada-lovelace")
    child.expect_exact("[y/N]")
    child.sendline("y")
    child.expect_exact("deleted 2026-11-28-ada-lovelace")
    child.expect(pexpect.EOF)
    assert not (home / "sessions" / "2026-11-28-ada-lovelace.toml").exists()


def test_ctrl_d_ctrl_c_and_back_at_the_first_question_are_clean(home: Path) -> None:
    for key, code, says in (
        ("eof", 1, "there is no open session"),
        ("intr", 130, "stopped; what you entered so far is saved"),
        ("<", 1, "there is no open session"),
    ):
        child = spawn(home, "prep")
        child.expect_exact("Who are you meeting? (Name <email>)")
        if key == "eof":
            child.sendeof()
        elif key == "intr":
            child.sendintr()
        else:
            child.sendline(key)
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == code, child.before
        assert says in child.before and "Traceback" not in child.before
    assert not (home / "sessions").exists() or not list((home / "sessions").glob("*.toml"))


# Ctrl-C is handled by a thread other than the one waiting for the line (live notes keep a clock
# on one), or just before the read begins: either way the interrupt must end the read at once,
# with readline and without it (libedit, Windows). Here the signal is sent to a helper thread,
# which makes the first case happen every time.
LOST_INTERRUPT = """\
import signal, sys, threading, time
from flashcli.cli import prompt
if sys.argv[1] == "plain":
    prompt._readline = lambda: None  # the reader used where GNU readline is not there
else:
    assert prompt._readline() is not None

def interrupt_another_thread():
    time.sleep(0.3)
    signal.pthread_kill(threading.get_ident(), signal.SIGINT)

threading.Thread(target=interrupt_another_thread).start()
try:
    prompt.read_line("type something> ")
except KeyboardInterrupt:
    print("interrupted at once")
"""


@pytest.mark.parametrize("reader", ["readline", "plain"])
def test_an_interrupt_handled_on_another_thread_still_ends_the_question(reader: str) -> None:
    child = pexpect.spawn(
        sys.executable,
        ["-c", LOST_INTERRUPT, reader],
        encoding="utf-8",
        timeout=10,
        preexec_fn=as_at_a_terminal,
    )
    child.expect_exact("type something> ")
    child.expect_exact("interrupted at once")  # input() would wait here for the next Enter
    child.expect(pexpect.EOF)


def test_an_interrupt_from_another_terminal_ends_live_notes(home: Path) -> None:
    """kill -INT reaches the thread reading the line, never live notes' clock thread."""
    prepared(home)
    for _ in range(3):
        child = spawn(home, "notes")
        child.expect_exact("min left] > ")
        child.kill(signal.SIGINT)
        finish(child, "stopped; every note is saved in 2026-11-28-ada-lovelace", code=130)


# Ctrl-C while flash is still starting (its imports) lands outside every prompt; Typer turns
# one during a command into exit 130. Here the interrupt is raised, every time, by the import
# of the prep command: what a person pressing Ctrl-C in its first tenths of a second meets.
INTERRUPTED_IMPORT = """\
import sys
class Interrupting:
    def find_spec(self, name, path=None, target=None):
        if name == "flashcli.cli.commands.prep":
            raise KeyboardInterrupt
sys.meta_path.insert(0, Interrupting())
sys.argv = ["flash", "prep", "--with", "Ada Lovelace <ada@example.org>"]
from flashcli import run
run()
"""


def test_ctrl_c_while_flash_starts_is_one_line_and_130_simulated(
    home: Path, tmp_path: Path
) -> None:
    import subprocess

    from tests.factories import env

    result = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_IMPORT], env=env(home), capture_output=True, text=True
    )
    assert result.returncode == 130, result.stderr
    assert result.stderr.strip() == "flash: interrupted; nothing more was done"
    assert not (home / "sessions").exists() or not list((home / "sessions").iterdir())
