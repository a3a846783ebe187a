"""Regenerate README.md's generated parts from the real program, so they stay true.

    python docs/readme.py          rewrite the parts in README.md
    python docs/readme.py --check  exit 1 if README.md is out of date (the tests do this)

The parts sit between <!-- generated:NAME --> and <!-- /generated:NAME --> lines: the quick
starts, run for real with a fixed clock in a scratch FLASH_HOME, in English whatever the
machine speaks (and one in French), and the command reference, taken from --help.
"""

import os
import re
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
CLOCK = "2026-11-24T09:00:00+00:00"
COMMANDS = [
    "prep",
    "agenda",
    "email",
    "notes",
    "followup",
    "actions",
    "remind",
    "checkin",
    "list",
    "show",
    "edit",
    "search",
    "stats",
    "report",
    "report merge",
    "sync",
    "export",
    "delete",
    "config",
]

MENTEE = [
    'flash prep --with "Ada Lovelace <ada@example.org>" --purpose career'
    ' --goal "Decide whether to move into management" --topic "Is management for me?"'
    ' --topic "First steps" --when "next tuesday 10am" --where "Café Nero"',
    'flash edit ada --where "The British Library"',
    "flash email --out agenda.eml",
    'flash notes --action "Draft a 30-day plan" --due "in 2 weeks"'
    ' --action "Introduce me to Sam" --owner partner --due "in 3 weeks"',
    'flash followup --complete 1 --feedback "The 30-day plan idea" --rating 5 --continue yes'
    " --done confidentiality",
    "flash email --thanks",
    'flash search "30-day"',
]
MENTOR = [
    'flash prep --role mentor --with "Sam Lee <sam@example.org>" --purpose role'
    ' --goal "Settle into a team lead role" --topic "Delegating" --when "2026-12-02 14:00"'
    ' --where "Video call" --done review-objective',
    'flash notes --action "Hand one project over, end to end" --owner partner --due 2026-12-16'
    ' --referral "Priya, who leads the data guild"',
    'flash followup --feedback "How a newcomer sees our habits" --continue undecided',
    'flash edit --action 1 --due "in 4 weeks"',
    "flash email --thanks",
    "flash followup --close",
]


REMIND_CLOCK = "2026-12-16T09:00:00+00:00"  # two weeks after the mentee's session
REMIND_SETUP = [
    'flash config name "Grace Hopper"',
    *MENTEE[:4],
    'flash prep --role mentor --with "Sam Lee <sam@example.org>" --when "2026-12-17 14:00"'
    ' --goal "Settle into a team lead role"',
]
REMIND = ["flash remind", "flash remind --snooze 3 2d", "flash"]
CHECKIN_SETUP = [
    'flash config name "Grace Hopper"',
    *MENTEE[:5],
]
CHECKIN = [
    'flash checkin --score 1 --note "Talked to two managers; shadowed one for a day"'
    ' --next "Apply for the team lead role"',
    "flash email --update",
]


# The mentee's quick start, in French: what LANGUAGE=fr gives.
FRENCH = [
    'flash prep --with "Ada Lovelace <ada@example.org>" --purpose career'
    ' --goal "Décider si je passe au management" --topic "Le management est-il fait pour moi ?"'
    ' --when "mardi prochain 10h" --where "Café Nero"',
    'flash notes --action "Rédiger un plan à 30 jours" --due "dans 2 semaines"',
    'flash followup --complete 1 --feedback "L\'idée du plan à 30 jours" --rating 5'
    " --continue yes --done confidentiality",
    "flash email --thanks",
]


def flash(home: Path, line: str, cwd: Path, clock: str = CLOCK, language: str = "en") -> str:
    env = {
        **os.environ,
        "FLASH_HOME": str(home),
        "FLASH_NOW": clock,
        "TZ": "UTC",
        "COLUMNS": "80",
        "NO_COLOR": "1",
        "LANGUAGE": language,
        "LC_ALL": "C.UTF-8",
    }
    argv = [sys.executable, "-m", "flashcli", *shlex.split(line)[1:]]
    result = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, check=True)
    return (result.stdout + result.stderr).rstrip()


def quick_start(lines: list[str], *setup: str, clock: str = CLOCK, language: str = "en") -> str:
    """LINES run and shown, after SETUP run unseen; SETUP at the fixed clock, LINES at CLOCK."""
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        for line in setup:
            flash(home, line, Path(tmp))
        parts = []
        for line in lines:
            shown = flash(home, line, Path(tmp), clock, language).splitlines()
            output = "\n".join(row.rstrip() for row in shown)
            parts.append(f"$ {line}\n{output}".rstrip())
    return "```console\n" + "\n\n".join(parts) + "\n```"


def reference() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        home, cwd = Path(tmp) / "home", Path(tmp)
        blocks = [f"```\n$ flash --help\n{flash(home, 'flash --help', cwd)}\n```"]
        for command in COMMANDS:
            text = flash(home, f"flash {command} --help", cwd)
            blocks.append(f"### flash {command}\n\n```\n{text}\n```")
    return "\n\n".join(blocks)


PARTS: dict[str, Callable[[], str]] = {
    "mentee": lambda: quick_start(
        MENTEE, 'flash config name "Grace Hopper"', "flash config email grace@example.org"
    ),
    "mentor": lambda: quick_start(MENTOR, 'flash config name "Grace Hopper"'),
    "remind": lambda: quick_start(REMIND, *REMIND_SETUP, clock=REMIND_CLOCK),
    "checkin": lambda: quick_start(CHECKIN, *CHECKIN_SETUP, clock=REMIND_CLOCK),
    "french": lambda: quick_start(
        FRENCH,
        'flash config name "Grace Hopper"',
        "flash config email grace@example.org",
        language="fr",
    ),
    "reference": reference,
}


def render(text: str) -> str:
    for name, make in PARTS.items():
        start, end = f"<!-- generated:{name} -->", f"<!-- /generated:{name} -->"
        pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
        found = pattern.search(text)
        if found is None:
            raise SystemExit(f"README.md has no generated:{name} part")
        text = text[: found.start()] + f"{start}\n{make()}\n{end}" + text[found.end() :]
    return text


def main() -> None:
    current = README.read_text("utf-8")
    fresh = render(current)
    if "--check" in sys.argv:
        if fresh != current:
            raise SystemExit("README.md is out of date: run python docs/readme.py")
        return
    README.write_text(fresh, "utf-8")


if __name__ == "__main__":
    main()
