"""The daily run of `flash remind --notify --quiet` (`flash remind --install`, `--uninstall`).

Where a user systemd runs, a timer and its service in the user's unit folder
($XDG_CONFIG_HOME/systemd/user), the timer Persistent, so that a machine that was off at the
hour catches up when it wakes; else a line in the user's crontab (python-crontab). The job
names the flash launcher by its absolute path (found beside this Python, else on PATH, else
left to PATH), and carries what it needs of the environment: FLASH_HOME and FLASH_KEY when
set, the session bus's address when there is one. What the run prints is dropped (mentoring
is confidential: not to the journal, not to cron's mail); its errors are kept.

Installing twice writes nothing the second time; uninstalling removes what was written.
"""

import os
import shlex
import shutil
import subprocess
import sys
from datetime import time
from pathlib import Path
from typing import Any

from flashcli.errors import FlashError
from flashcli.i18n import _
from flashcli.store.disk import private_dir, write_atomic

NAME = "flash-remind"
CARRIED = ("FLASH_HOME", "FLASH_KEY", "DBUS_SESSION_BUS_ADDRESS")
COMMENT = "flash remind --install wrote this {}; flash remind --uninstall removes it"
RUNNING = {"initializing", "starting", "running", "degraded", "maintenance"}


def install(at: time) -> list[str]:
    """Set up the daily run at AT (local time); what was written, and where."""
    if _systemd():
        return _install_units(at)
    return _install_cron(at)


def uninstall() -> list[str]:
    """Remove what install wrote, from the unit folder and the crontab alike."""
    said = _uninstall_units()
    if _crontab() is not None:
        said += _uninstall_cron()
    return said or [_("no daily run was installed; nothing to remove")]


def command() -> list[str]:
    """The daily command: the launcher's absolute path where it is found, else 'flash'."""
    beside = Path(sys.executable).parent / "flash"
    found = str(beside) if os.access(beside, os.X_OK) else shutil.which("flash")
    return [found or "flash", "remind", "--notify", "--quiet"]


def carried() -> dict[str, str]:
    """The environment the daily run needs, as it is now."""
    return {key: os.environ[key] for key in CARRIED if os.environ.get(key)}


# ---------------------------------------------------------------- systemd


def unit_folder() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user"


def _systemd() -> bool:
    """Whether a user systemd runs here to start the timer."""
    if shutil.which("systemctl") is None:
        return False
    try:
        done = subprocess.run(
            ["systemctl", "--user", "is-system-running"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.stdout.strip() in RUNNING


def units(at: time) -> dict[str, str]:
    """The service and the timer, by file name."""
    environment = "".join(f"Environment={_quoted(f'{k}={v}')}\n" for k, v in carried().items())
    service = (
        f"# {COMMENT.format('file')}\n"
        "[Unit]\n"
        "Description=flash: what needs you now, as a desktop notification\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={' '.join(map(_quoted, command()))}\n"
        f"{environment}"
        "StandardOutput=null\n"
    )
    timer = (
        f"# {COMMENT.format('file')}\n"
        "[Unit]\n"
        f"Description=flash remind, every day at {at:%H:%M}\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar=*-*-* {at:%H:%M}:00\n"
        "Persistent=true\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return {f"{NAME}.service": service, f"{NAME}.timer": timer}


def _quoted(word: str) -> str:
    """WORD as one word of a unit file's line: quoted, its specifiers (%) kept literal."""
    escaped = word.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    return f'"{escaped}"' if escaped != word or not word or " " in word else word


def _install_units(at: time) -> list[str]:
    folder = unit_folder()
    wanted = units(at)
    before = {name: _read(folder / name) for name in wanted}
    if before == wanted:
        return [
            _(
                "the daily run at {at:%H:%M} is installed already ({folder}); nothing changed"
            ).format(at=at, folder=folder)
        ]
    private_dir(folder)
    for name, text in wanted.items():
        write_atomic(folder / name, text.encode("utf-8"))
    try:
        _systemctl("daemon-reload")
        _systemctl("enable", "--now", f"{NAME}.timer")
    except FlashError:
        for name, was in before.items():  # as it was: the timer is not left half set up
            if was is None:
                (folder / name).unlink(missing_ok=True)
            else:
                write_atomic(folder / name, was.encode("utf-8"))
        raise
    said = [_("wrote {value}").format(value=folder / name) for name in wanted]
    return [
        *said,
        _("enabled {name}.timer: 'flash remind --notify' every day at {at:%H:%M}").format(
            name=NAME, at=at
        ),
    ]


def _uninstall_units() -> list[str]:
    folder = unit_folder()
    found = [folder / name for name in units(time()) if (folder / name).exists()]
    if not found:
        return []
    running = _systemd()
    if running:
        _systemctl("disable", "--now", f"{NAME}.timer")
    for path in found:
        path.unlink()
    if running:
        _systemctl("daemon-reload")
    return [_("removed {path}").format(path=path) for path in found]


def _systemctl(*args: str) -> None:
    try:
        done = subprocess.run(
            ["systemctl", "--user", *args], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError) as e:
        raise FlashError(
            _("systemctl --user {args} failed: {e}").format(args=" ".join(args), e=e)
        ) from None
    if done.returncode != 0:
        said = (done.stderr.strip().splitlines() or [_("no reason given")])[-1]
        raise FlashError(
            _("systemctl --user {args} failed: {said}").format(args=" ".join(args), said=said)
        )


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


# ---------------------------------------------------------------- cron


def _crontab() -> str | None:
    return shutil.which("crontab")


def cron_line() -> str:
    """The daily command as a crontab's sh runs it: the environment first, its output
    dropped (python-crontab escapes each %, which would end the command)."""
    words = [f"{k}={shlex.quote(v)}" for k, v in carried().items()]
    words += map(shlex.quote, command())
    return " ".join(words) + " >/dev/null"


def _user_crontab() -> Any:  # python-crontab's CronTab: the library has no types
    from crontab import CronTab  # type: ignore[import-untyped]

    found = _crontab()
    if found is None:
        raise FlashError(
            _(
                "there is no user systemd and no crontab here to run flash daily; run 'flash "
                "remind --notify --quiet' once a day some other way"
            )
        )
    try:
        cron = CronTab(user=True)
        cron.cron_command = found
        cron.read()
    except OSError as e:
        raise FlashError(_("could not read your crontab: {e}").format(e=e)) from None
    return cron


def _write(cron: Any) -> None:
    try:
        cron.write()
    except OSError as e:
        raise FlashError(_("could not write your crontab: {e}").format(e=e)) from None


def _trim(cron: Any) -> None:
    """No blank lines at the end (a crontab read ends on one): added and removed, our line
    leaves the crontab as it was."""
    while cron.lines and cron.lines[-1] == "":
        cron.lines.pop()


def _install_cron(at: time) -> list[str]:
    cron = _user_crontab()
    line, schedule = cron_line(), f"{at.minute} {at.hour} * * *"
    ours = list(cron.find_comment(COMMENT.format("line")))
    if [(str(j.slices), j.command) for j in ours] == [(schedule, line)]:
        return [
            _("the daily run at {at:%H:%M} is in your crontab already; nothing changed").format(
                at=at
            )
        ]
    cron.remove(*ours)
    _trim(cron)
    job = cron.new(command=line, comment=COMMENT.format("line"))
    job.setall(schedule)
    _write(cron)
    return [_("added to your crontab: {render}").format(render=job.render())]


def _uninstall_cron() -> list[str]:
    cron = _user_crontab()
    ours = list(cron.find_comment(COMMENT.format("line")))
    if not ours:
        return []
    cron.remove(*ours)
    _trim(cron)
    _write(cron)
    return [_("removed from your crontab: {render}").format(render=job.render()) for job in ours]
