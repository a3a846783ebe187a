"""Draw the README's screenshots with Rich's save_svg, from a real session, so they stay true.

    python docs/screenshots.py [--out DIR]     (DIR defaults to docs/)

Writes agenda.svg (flash agenda), live-notes.svg (flash notes at a terminal, after a few
lines) and stats.svg (flash stats, over half a year of sessions). The sessions are made by the
real CLI in a scratch FLASH_HOME with a fixed clock.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

CLOCK = "2026-12-01T10:12:00+00:00"
WIDTH = 76
SETUP = [
    [
        "prep",
        "--with",
        "Ada Lovelace <ada@example.org>",
        "--purpose",
        "career",
        "--goal",
        "Decide whether to move into management",
        "--topic",
        "Is management for me?",
        "--topic",
        "First steps if I say yes",
        "--question",
        "What surprised you in year one?",
        "--when",
        "2026-12-01 10:00",
        "--where",
        "Café Nero, King Street",
    ],
    ["notes", "She moved into management after six years as an engineer"],
    ["notes", "--question", "How did you keep your hand in technical work?"],
    ["notes", "--referral", "Sam Lee, who made the same move last year"],
    ["notes", "--action", "Draft a 30-day plan and share it with my manager", "--due", "+1w"],
]
# Half a year of sessions for flash stats: who, when, purpose, rating, and whether the action
# agreed was done.
MONTHS = [
    ("Grace Hopper", "2026-06-09 10:00", "career", "4", True),
    ("Sam Lee", "2026-07-14 14:00", "role", "3", True),
    ("Grace Hopper", "2026-07-28 10:00", "career", "4", True),
    ("Priya Patel", "2026-08-18 09:30", "learning", "5", False),
    ("Lea Martin", "2026-09-08 16:00", "perspective", "4", True),
    ("Grace Hopper", "2026-09-22 10:00", "career", "5", True),
    ("Sam Lee", "2026-10-06 14:00", "role", "4", True),
    ("Noor Haddad", "2026-10-20 11:00", "learning", "5", False),
    ("Grace Hopper", "2026-11-03 10:00", "career", "5", True),
]
TYPED = [
    ("She moved into management after six years as an engineer", "saved (1 note, 0 actions)"),
    ("? How did you keep your hand in technical work?", "saved (2 notes, 0 actions)"),
    ("@ Sam Lee, who made the same move last year", "saved (3 notes, 0 actions)"),
    ("! Draft a 30-day plan and share it with my manager by +1w", "saved (3 notes, 1 action)"),
    ("/done", None),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    out = parser.parse_args().out
    os.environ.update({"LANGUAGE": "en", "LC_ALL": "C.UTF-8"})  # whatever the machine speaks
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "FLASH_HOME": home, "FLASH_NOW": CLOCK, "TZ": "UTC"}
        for args in SETUP:
            subprocess.run(
                [sys.executable, "-m", "flashcli", *args], env=env, check=True, capture_output=True
            )
        os.environ.update({"FLASH_HOME": home, "FLASH_NOW": CLOCK, "FORCE_COLOR": "1"})
        os.environ.pop("NO_COLOR", None)  # draw what a person at a colour terminal sees
        draw(out)
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "FLASH_HOME": home, "FLASH_NOW": CLOCK, "TZ": "UTC"}
        for name, when, purpose, rating, done in MONTHS:
            sid = f"{when[:10]}-{name.lower().replace(' ', '-')}"
            for args in (
                ["prep", "--with", name, "--when", when, "--purpose", purpose, "--no-input"],
                ["notes", sid, "--action", "Try one thing from the session", "--due", when[:10]],
                ["followup", sid, "--rating", rating, "--continue", "yes", "--no-input"],
                *([["followup", sid, "--complete", "1", "--no-input"]] if done else []),
            ):
                subprocess.run(
                    [sys.executable, "-m", "flashcli", *args],
                    env=env,
                    check=True,
                    capture_output=True,
                )
        os.environ.update({"FLASH_HOME": home})
        draw_stats(out)


def draw(out: Path) -> None:
    from flashcli import agenda, dates, guidance, store
    from flashcli.cli import views
    from flashcli.cli.commands import notes_live

    s = store.load(None)
    book = guidance.load()
    screen = _screen()
    screen.print("$ flash agenda", style="bold")
    screen.print(views.agenda(s, agenda.build(s, book.agenda.of(s.role)), book))
    screen.save_svg(str(out / "agenda.svg"), title="flash agenda")

    before = s.model_copy(update={"notes": [], "actions": []})
    left = s.minutes_left(dates.now())
    screen = _screen()
    screen.print("$ flash notes", style="bold")
    screen.print(*notes_live.header(before, book), sep="\n")
    for line, answer in TYPED:
        screen.print(f"[{left} min left] > {line}", markup=False)
        if answer:
            screen.print(f"  {answer}", style=views.DIM)
    screen.print(views.plan(s))
    screen.save_svg(str(out / "live-notes.svg"), title="flash notes")


def draw_stats(out: Path) -> None:
    from flashcli import dates, store
    from flashcli.cli.commands import stats
    from flashcli.cli.output import read_summaries
    from flashcli.figures import stats as figures

    found = figures(read_summaries(), store.guidance_data()["items"], dates.now())
    screen = _screen()
    screen.print("$ flash stats", style="bold")
    screen.print(stats.drawn(found))
    screen.save_svg(str(out / "stats.svg"), title="flash stats")


def _screen() -> "Console":
    """A recording console the width of a small terminal, drawing nothing on this one."""
    import io

    from rich.console import Console

    return Console(
        record=True,
        width=WIDTH,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
    )


if __name__ == "__main__":
    main()
