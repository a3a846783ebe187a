"""The daily run of `flash remind --notify --quiet` (`flash remind --install`, `--uninstall`).

Where a user systemd runs, a timer and its service (units.py); else one line in the user's
crontab, edited as text (cron.py). The job names the flash launcher by its absolute path and
carries what it needs of the environment as it is at install: FLASH_HOME and FLASH_KEY when
set, made absolute (from cron's shell `~` and a relative path name other folders), and the
language variables when they name a language flash speaks (one it has no catalogue for would
only add a note to every run). Never the session bus's address: it changes at each login, so
the run looks for the bus when it starts (notify.py).

A value holding a control character is refused and nothing is written: in a crontab a line
break starts a job of its own, in a unit file a setting of its own.

What the run prints is dropped (mentoring is confidential: not to the journal, not to cron's
mail), and with --quiet a notification that cannot go out is not said either (no desktop
session at nine is no news); other errors (a session file that cannot be read) are kept.
"""

import os
import shutil
import sys
from datetime import time
from pathlib import Path

from flashcli import i18n
from flashcli.daily import cron, units
from flashcli.errors import SHOWN_ESCAPED, FlashError, shown
from flashcli.i18n import _

FOLDERS = ("FLASH_HOME", "FLASH_KEY")
LANGUAGE = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # as i18n reads them, first first


def install(at: time) -> list[str]:
    """Set up the daily run at AT (local time); what was written, and where."""
    env, argv = carried(), command()
    if units.running():  # and an earlier line of flash's in the crontab goes: one run a day
        return units.install(at, env, argv) + (cron.uninstall() if cron.available() else [])
    return cron.install(at, env, argv)


def uninstall() -> list[str]:
    """Remove what install wrote, from the unit folder and the crontab alike."""
    said = units.uninstall()
    if cron.available():
        said += cron.uninstall()
    return said or [_("no daily run was installed; nothing to remove")]


def command() -> list[str]:
    """The daily command: the launcher's absolute path where it is found, else 'flash'."""
    beside = Path(sys.executable).parent / "flash"
    found = str(beside) if os.access(beside, os.X_OK) else shutil.which("flash")
    launcher = _absolute(found) if found else "flash"  # PATH may name a folder relatively
    return [_checked(_("the path of flash"), launcher), "remind", "--notify", "--quiet"]


def carried() -> dict[str, str]:
    """The environment the daily run needs, as it is now."""
    folders = {
        name: _checked(name, _absolute(os.path.expanduser(os.environ[name])))
        for name in FOLDERS
        if os.environ.get(name)
    }
    language = {name: _checked(name, os.environ[name]) for name in LANGUAGE if os.environ.get(name)}
    spoken = any(i18n.usable(name) for name in i18n.wanted(language))
    return {**folders, **(language if spoken else {})}


def _absolute(path: str) -> str:
    """PATH from the folder flash runs in (not normalised: '..' after a link is the link's)."""
    return path if os.path.isabs(path) else os.path.join(os.getcwd(), path)


def _checked(name: str, value: str) -> str:
    """VALUE, refused when it holds a control character: a line break would end the crontab
    line or the unit's setting, and what follows would be read as a job or a setting."""
    if SHOWN_ESCAPED.search(value):
        raise FlashError(
            _(
                "{name} holds a control character ({value}), which cannot go into the daily "
                "run; nothing was written"
            ).format(name=name, value=shown(value))
        )
    return value
