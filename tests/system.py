"""A system of the test's own for the daily run: the unit folder under the test's folder, and
stand-ins for `systemctl` and `crontab` on PATH (the crontab a file there), so that no test
touches the real ones; the `real` fixture checks that they are unchanged."""

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import strategies as st

from tests.conftest import REAL_HOME
from tests.factories import flash

# The PATH the tests started with: where the real crontab program is, if there is one.
REAL_PATH = os.environ["PATH"]
FLASH = str(Path(sys.executable).parent / "flash")
MARK = "# flash remind --install wrote this line; flash remind --uninstall removes it"
# The language the tests speak (conftest), as the daily run carries it.
ENGLISH = "LANGUAGE=en LC_ALL=C.UTF-8 LANG=C.UTF-8"

SYSTEMCTL = """#!/bin/sh
# A stand-in for systemctl: says whether a user systemd runs, and notes what it is asked.
echo "$@" >> "{calls}"
case "$*" in
  "--user is-system-running") echo "{state}" ;;
  *enable*) [ -e "{refuse}" ] && {{ echo "Failed to enable unit: simulated" >&2; exit 1; }} ;;
esac
exit 0
"""
CRONTAB = """#!/bin/sh
# A stand-in for crontab: the user's crontab is the file {tab}. It fails as {unreadable} says,
# and refuses a new crontab as {refusing} says; it notes the modes of the file it is given
# and of its folder.
[ -e "{unreadable}" ] && {{ cat "{unreadable}" >&2; exit 1; }}
case "$1" in
  -l) [ -e "{tab}" ] && cat "{tab}" || {{ echo "no crontab for $USER" >&2; exit 1; }} ;;
  -r) rm -f "{tab}" ;;
  *) [ -e "{refusing}" ] && {{ cat "{refusing}" >&2; exit 1; }}
     stat -c %a "$1" "${{1%/*}}" >> "{modes}"; cat "$1" > "{tab}" ;;
esac
"""


class System:
    """A system of the test's own: its folders and stand-in programs, and flash run in it."""

    def __init__(self, root: Path, home: Path, state: str, crontab: bool) -> None:
        self.home, self.bin, self.config = home, root / "bin", root / "xdg-config"
        self.calls, self.refuse = root / "systemctl.calls", root / "refuse"
        self.tab, self.modes = root / "crontab", root / "crontab.modes"
        self.unreadable, self.refusing = root / "crontab.unreadable", root / "crontab.refusing"
        self.bin.mkdir()
        self._program(
            "systemctl", SYSTEMCTL.format(calls=self.calls, state=state, refuse=self.refuse)
        )
        if crontab:
            self._program(
                "crontab",
                CRONTAB.format(
                    tab=self.tab,
                    modes=self.modes,
                    unreadable=self.unreadable,
                    refusing=self.refusing,
                ),
            )
        # python and the commands sh needs, and nothing else of the real PATH's.
        for tool in ("sh", "cat", "rm", "stat"):
            os.symlink(shutil.which(tool), self.bin / tool)  # type: ignore[arg-type]
        self.units = self.config / "systemd" / "user"

    def _program(self, name: str, text: str) -> None:
        path = self.bin / name
        path.write_text(text)
        path.chmod(path.stat().st_mode | stat.S_IXUSR)

    def flash(self, *args: str, **more: str | None) -> subprocess.CompletedProcess[str]:
        env = {"XDG_CONFIG_HOME": str(self.config), "DBUS_SESSION_BUS_ADDRESS": None, **more}
        return flash(self.home, *args, path=str(self.bin), program=[FLASH], more=env)

    def systemctl_calls(self) -> list[str]:
        return self.calls.read_text().splitlines() if self.calls.exists() else []

    def line(self, schedule: str = "0 9", carried: str = "") -> str:
        """Flash's crontab line at SCHEDULE ('15 7'), carrying FLASH_HOME, CARRIED and English."""
        words = " ".join(w for w in (f"FLASH_HOME={self.home}", carried, ENGLISH) if w)
        return f"{schedule} * * * {words} {FLASH} remind --notify --quiet >/dev/null {MARK}"


def as_cron_hands_it_to_sh(line: str) -> str:
    """The command of a crontab LINE as cron hands it to sh."""
    return cron_unescaped(line.split(None, 5)[5])


def cron_unescaped(command: str) -> str:
    """COMMAND as cron's do_command reads it: a backslash before % is taken away, and the first
    bare % ends the command (the rest is its input)."""
    read, escaped = [], False
    for ch in command:
        if escaped and ch == "%":
            read[-1] = "%"
        elif ch == "%" and not escaped:
            break
        else:
            read.append(ch)
        escaped = ch == "\\" and not escaped
    return "".join(read)


def run_as_sh(command: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", "-c", command], env=env, cwd=cwd, capture_output=True, text=True, timeout=60
    )


def real_state() -> tuple[list[str], str]:
    """The real user's unit folder and crontab, as they are."""
    folder = REAL_HOME / ".config" / "systemd" / "user"  # the person's, not the test's HOME
    units = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    crontab = shutil.which("crontab", path=REAL_PATH)
    listed = subprocess.run([crontab, "-l"], capture_output=True, text=True) if crontab else None
    return units, listed.stdout if listed else "(no crontab program)"


@contextmanager
def untouched() -> Iterator[None]:
    """Checks, at the end, that the real unit folder and crontab are as they were."""
    before = real_state()
    yield
    assert real_state() == before


# ---------------------------------------------------------------- crontabs people write

MARKER = MARK.removeprefix("# ").encode()
# Lines a person's crontab may hold, the awkward ones first: comments that read like flash's
# own (a comment is never flash's line), variables, a % and a \% in jobs, odd spacing, a line
# cron would refuse, bytes that are not UTF-8, a carriage return.
PIECES = [
    b"# " + MARKER,
    b"  # " + MARKER,
    b"#0 9 * * * flash remind --notify # " + MARKER,
    MARKER,
    b"0 9 * * * flash # " + MARKER + b" (and a word after)",
    b"SHELL=/bin/bash",
    b"MAILTO=",
    b"CRON_TZ=Europe/Paris",
    b'*/5 * * * * echo "100% done" | logger',
    b"30 6  * * 1-5\tprintf 'a\\%b\\n' | logger   # a \\% for a %",
    b"0   3 * * *    /usr/bin/backup   --all",
    b"this line is not a cron line",
    b"@reboot caf\xe9 \xff\xfe",
    b"15 4 * * * cleanup\r",
    b"",
    b"   ",
    b"%",
    b"\\",
]
lines_of_crontabs = st.one_of(
    st.sampled_from(PIECES), st.binary(max_size=30).filter(lambda b: b"\n" not in b)
)
crontabs = st.builds(
    lambda lines, end: b"\n".join(lines) + end if lines else b"",
    st.lists(lines_of_crontabs, max_size=8),
    st.sampled_from([b"\n", b""]),
)
