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
    backslash: such a one is handed to sh as an argument, where systemd takes any (not to env,
    which would take a path holding '=' for a variable, and run the next word instead)."""
    program, *args = argv
    if not set(program) & set("\"'\\"):
        return " ".join([_quoted(program), *(_quoted(a, argument=True) for a in args)])
    shell = ["/bin/sh", "-c", 'exec "$0" "$@"', *argv]
    return " ".join([shell[0], *(_quoted(a, argument=True) for a in shell[1:])])


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
    _refuse_others(folder, before)
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


def _refuse_others(folder: Path, found: Mapping[str, str | None]) -> None:
    """Stop before writing over a unit of the same name that flash did not write."""
    for name, text in found.items():
        if text is not None and not text.startswith(COMMENT):
            raise FlashError(
                _(
                    "{path} is not flash's (it lacks flash's first line), and flash writes over "
                    "no unit of yours: rename it, then 'flash remind --install' again; nothing "
                    "was written"
                ).format(path=folder / name)
            )


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
    others = [path for path in found if (_read(path) or COMMENT)[: len(COMMENT)] != COMMENT]
    found = [path for path in found if path.exists() and path not in others]
    said = [_("left {path}: flash did not write it").format(path=path) for path in others]
    if not found:
        return said
    active = running()
    if active:
        _systemctl("disable", "--now", f"{NAME}.timer")
    for path in found:
        path.unlink()
    if active:
        _systemctl("daemon-reload")
    return [*(_("removed {path}").format(path=path) for path in found), *said]


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
