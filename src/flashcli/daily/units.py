"""The daily run as a systemd user timer and its service, in the user's unit folder
($XDG_CONFIG_HOME/systemd/user). The timer is Persistent, so that a machine that was off at
the hour catches up when it wakes. Installing twice writes nothing the second time;
uninstalling removes what was written."""

import os
import re
import subprocess
from collections.abc import Mapping
from datetime import time
from pathlib import Path

from flashcli.errors import FlashError
from flashcli.i18n import _
from flashcli.store.disk import private_dir, write_atomic

NAME = "flash-remind"
COMMENT = "# flash remind --install wrote this file; flash remind --uninstall removes it\n"
# What a word of a unit file's line may hold unquoted.
PLAIN = re.compile(r"[\w/.:@+=,-]+", re.ASCII)
RUNNING = {"initializing", "starting", "running", "degraded", "maintenance"}


def unit_folder() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user"


def running() -> bool:
    """Whether a user systemd runs here to start the timer."""
    try:
        done = subprocess.run(
            ["systemctl", "--user", "is-system-running"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):  # no systemctl, or it hung
        return False
    return done.stdout.strip() in RUNNING


def units(at: time, env: dict[str, str], argv: list[str]) -> dict[str, str]:
    """The service that runs ARGV with ENV, and the timer at AT, by file name."""
    environment = "".join(f"Environment={_quoted(f'{k}={v}')}\n" for k, v in env.items())
    service = (
        f"{COMMENT}"
        "[Unit]\n"
        "Description=flash: what needs you now, as a desktop notification\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={_exec(argv)}\n"
        f"{environment}"
        "StandardOutput=null\n"
    )
    timer = (
        f"{COMMENT}"
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


def _exec(argv: list[str]) -> str:
    """ARGV as ExecStart= runs it. systemd refuses a program whose path holds a quote or a
    backslash: such a one is handed to env, as an argument, where systemd takes any."""
    program, *args = argv
    if not set(program) & set("\"'\\"):
        return " ".join([_quoted(program), *(_quoted(a, argument=True) for a in args)])
    return " ".join(["/usr/bin/env", *(_quoted(a, argument=True) for a in argv)])


def _quoted(word: str, argument: bool = False) -> str:
    """WORD as one word of a unit file's line: quoted, its specifiers (%) kept literal, and in
    an ARGUMENT its $ (systemd reads variables there, not in the program's path or in
    Environment=)."""
    escaped = word.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    if argument:
        escaped = escaped.replace("$", "$$")
    return word if PLAIN.fullmatch(word) else f'"{escaped}"'


def install(at: time, env: dict[str, str], argv: list[str]) -> list[str]:
    """Write the units and enable the timer; as they were if systemd refuses it."""
    folder, wanted = unit_folder(), units(at, env, argv)
    before = {name: _read(folder / name) for name in wanted}
    if before == wanted:
        return [
            _(
                "the daily run at {at:%H:%M} is installed already ({folder}); nothing changed"
            ).format(at=at, folder=folder)
        ]
    _write(folder, wanted)
    try:
        _systemctl("daemon-reload")
        _systemctl("enable", "--now", f"{NAME}.timer")
    except FlashError:
        _write(folder, before)  # the timer is not left half set up
        raise
    said = [_("wrote {value}").format(value=folder / name) for name in wanted]
    return [
        *said,
        _("enabled {name}.timer: 'flash remind --notify' every day at {at:%H:%M}").format(
            name=NAME, at=at
        ),
    ]


def _write(folder: Path, texts: Mapping[str, str | None]) -> None:
    """Each file of TEXTS in FOLDER as its text says (None: no such file)."""
    private_dir(folder)
    for name, text in texts.items():
        if text is None:
            (folder / name).unlink(missing_ok=True)
        else:
            write_atomic(folder / name, text.encode("utf-8"))


def uninstall() -> list[str]:
    """Disable the timer and remove the units, if they are there."""
    folder = unit_folder()
    found = [folder / name for name in (f"{NAME}.service", f"{NAME}.timer")]
    found = [path for path in found if path.exists()]
    if not found:
        return []
    active = running()
    if active:
        _systemctl("disable", "--now", f"{NAME}.timer")
    for path in found:
        path.unlink()
    if active:
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
