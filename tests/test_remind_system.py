"""`flash remind --notify` and the daily run (`--install`, `--uninstall`), with flash run as a
process, as the daily job runs it.

Nothing here touches the real system. The notification goes to a private `dbus-daemon
--session` each test starts where a user's bus is found (the test's XDG_RUNTIME_DIR/bus), with
python-dbusmock's notification daemon on it, saying that it reads markup or not. The unit
folder is XDG_CONFIG_HOME's, under the test's folder; `systemctl` and `crontab` are stand-ins
on PATH that write under the test's folder too (the crontab a file there). A test checks that
the real ones are unchanged.
"""

import json
import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factories import flash

pytestmark = pytest.mark.slow

LATER = "2026-12-04T09:00:00+01:00"  # Ada's meeting was on Tue 1 Dec: four things need you
FLASH = str(Path(sys.executable).parent / "flash")


@pytest.fixture
def due(home: Path) -> Path:
    """Ada's session, held, with an overdue action of each side: four reminders at LATER."""
    for args in (
        ["prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2026-12-01 10:00"],
        ["notes", "--action", "Draft my plan", "--due", "2026-12-03"],
        ["notes", "--action", "Introduce me to Sam", "--owner", "partner", "--due", "2026-12-02"],
    ):
        assert flash(home, *args).returncode == 0
    return home


# ---------------------------------------------------------------- the notification


def _dbusmock_python() -> str | None:
    """A Python that has python-dbusmock: this one, or the system's (Debian's package)."""
    for python in (sys.executable, "/usr/bin/python3"):
        found = subprocess.run([python, "-c", "import dbusmock"], capture_output=True, check=False)
        if os.path.exists(python) and found.returncode == 0:
            return python
    return None


@pytest.fixture
def bus(tmp_path: Path) -> Iterator[str]:
    """A private session bus where a user's bus is found (XDG_RUNTIME_DIR/bus, the test's own
    XDG_RUNTIME_DIR, as conftest sets it); its address."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed (.ci/run installs it where it can)")
    (tmp_path / "run").mkdir(exist_ok=True)
    daemon = subprocess.Popen(
        [
            "dbus-daemon",
            "--session",
            "--nofork",
            "--print-address=1",
            f"--address=unix:path={tmp_path / 'run' / 'bus'}",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    try:
        yield address
    finally:
        daemon.terminate()
        daemon.wait(10)


def _notification_daemon(bus: str, log: Path, capabilities: str | None) -> Iterator[Path]:
    """python-dbusmock's notification daemon on the private bus, saying CAPABILITIES (its
    own list by default, body-markup among them); the log of what it was sent."""
    python = _dbusmock_python()
    if shutil.which("dbus-send") is None:
        pytest.skip("dbus-send is not installed (.ci/run installs it where it can)")
    if python is None:
        pytest.skip("python-dbusmock is not installed (.ci/run installs it where it can)")
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": bus}
    said = ["-p", json.dumps({"capabilities": capabilities})] if capabilities else []
    mock = subprocess.Popen(
        [python, "-m", "dbusmock", "--template", "notification_daemon", "-l", str(log), *said],
        env=env,
    )
    try:
        _until_on_the_bus(bus, "org.freedesktop.Notifications")
        yield log
    finally:
        mock.terminate()
        mock.wait(10)


@pytest.fixture
def notifications(bus: str, tmp_path: Path) -> Iterator[Path]:
    """A notification server that reads markup in the body, as most do; its log."""
    yield from _notification_daemon(bus, tmp_path / "notifications.log", None)


@pytest.fixture
def plain_notifications(bus: str, tmp_path: Path) -> Iterator[Path]:
    """A notification server that shows the body as plain text (no body-markup); its log."""
    yield from _notification_daemon(bus, tmp_path / "notifications.log", "body")


def _until_on_the_bus(address: str, name: str) -> None:
    """Wait (a process starting, not the clock of the test) until NAME is owned on the bus."""
    ask = [
        "dbus-send",
        f"--bus={address}",
        "--print-reply",
        "--dest=org.freedesktop.DBus",
        "/org/freedesktop/DBus",
        "org.freedesktop.DBus.NameHasOwner",
        f"string:{name}",
    ]
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if "boolean true" in subprocess.run(ask, capture_output=True, text=True).stdout:
            return
        time.sleep(0.05)
    raise AssertionError(f"{name} never came on the bus")


def _sent(log: Path) -> list[str]:
    return [line for line in log.read_text("utf-8").splitlines() if " Notify " in line]


def test_the_notification_says_how_many_and_nothing_of_them(
    due: Path, bus: str, notifications: Path
) -> None:
    result = flash(
        due, "remind", "--notify", "--quiet", now=LATER, more={"DBUS_SESSION_BUS_ADDRESS": bus}
    )
    assert result.returncode == 0 and result.stderr == "", result
    assert result.stdout.startswith("Needs you now (4):")
    [line] = _sent(notifications)
    assert '"flash" "4 things to follow up"' in line
    assert "Draft" not in line and "Ada" not in line


def test_with_detail_the_notification_shows_the_first(
    due: Path, bus: str, notifications: Path
) -> None:
    assert flash(due, "config", "remind.detail", "true").returncode == 0
    result = flash(due, "remind", "--notify", now=LATER, more={"DBUS_SESSION_BUS_ADDRESS": bus})
    assert result.returncode == 0, result
    [line] = _sent(notifications)
    assert '"flash" "Draft my plan (due yesterday; with Ada Lovelace) (and 3 more)"' in line


def test_nothing_due_sends_nothing_and_prints_nothing(
    home: Path, bus: str, notifications: Path
) -> None:
    result = flash(home, "remind", "--notify", "--quiet", more={"DBUS_SESSION_BUS_ADDRESS": bus})
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert _sent(notifications) == []


@pytest.mark.parametrize(
    ("address", "why"),
    [
        (None, "there is no session bus (DBUS_SESSION_BUS_ADDRESS is not set)"),
        (
            "unix:path=/nonexistent/bus",
            "the session bus cannot be reached (No such file or directory)",
        ),
    ],
)
def test_no_session_bus_is_one_line_and_exit_0(due: Path, address: str | None, why: str) -> None:
    result = flash(
        due,
        "remind",
        "--notify",
        now=LATER,
        more={"DBUS_SESSION_BUS_ADDRESS": address, "DISPLAY": None},
    )
    assert result.returncode == 0
    assert result.stderr == f"flash: no desktop notification: {why}\n"
    assert result.stdout.startswith("Needs you now (4):")


def test_a_bus_with_no_notification_service_is_one_line_and_exit_0(due: Path, bus: str) -> None:
    result = flash(due, "remind", "--notify", now=LATER, more={"DBUS_SESSION_BUS_ADDRESS": bus})
    assert result.returncode == 0
    assert (
        result.stderr
        == "flash: no desktop notification: no notification service runs on the session bus\n"
    )


def test_with_quiet_a_notification_that_cannot_go_out_is_not_said(due: Path) -> None:
    """The daily run passes --quiet: no desktop session at nine is no news for cron's mail or
    the journal ('flash remind --notify' at a terminal says why)."""
    result = flash(
        due,
        "remind",
        "--notify",
        "--quiet",
        now=LATER,
        more={"DBUS_SESSION_BUS_ADDRESS": None, "DISPLAY": None},
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_with_no_address_the_bus_is_found_in_xdg_runtime_dir(
    due: Path, bus: str, notifications: Path
) -> None:
    result = flash(due, "remind", "--notify", now=LATER, more={"DBUS_SESSION_BUS_ADDRESS": None})
    assert (result.returncode, result.stderr) == (0, ""), result
    [line] = _sent(notifications)
    assert '"flash" "4 things to follow up"' in line


def test_what_is_not_a_socket_is_not_taken_for_the_bus(due: Path, tmp_path: Path) -> None:
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "bus").write_text("not a socket")
    result = flash(
        due,
        "remind",
        "--notify",
        now=LATER,
        more={"DBUS_SESSION_BUS_ADDRESS": None, "DISPLAY": None},
    )
    assert result.stderr == (
        "flash: no desktop notification: there is no session bus "
        "(DBUS_SESSION_BUS_ADDRESS is not set)\n"
    )


MARKUP = '<a href="https://evil/">link</a> & <b>now</b>'


@pytest.fixture
def markup(home: Path) -> Path:
    """Ada's session with an overdue action whose text is markup, as a partner's machine may
    send it through sync; the notification shows it (remind.detail)."""
    for args in (
        ["prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2026-12-01 10:00"],
        ["notes", "--action", MARKUP, "--due", "2026-12-03"],
        ["config", "remind.detail", "true"],
    ):
        assert flash(home, *args).returncode == 0
    return home


def test_a_body_the_server_reads_as_markup_is_escaped(
    markup: Path, bus: str, notifications: Path
) -> None:
    result = flash(markup, "remind", "--notify", now=LATER, more={"DBUS_SESSION_BUS_ADDRESS": bus})
    assert result.returncode == 0, result
    [line] = _sent(notifications)
    assert (
        '"flash" "&lt;a href="https://evil/"&gt;link&lt;/a&gt; &amp; &lt;b&gt;now&lt;/b&gt; (due'
        in line
    )
    assert "<" not in line


def test_a_body_the_server_shows_as_text_is_left_as_it_is(
    markup: Path, bus: str, plain_notifications: Path
) -> None:
    result = flash(markup, "remind", "--notify", now=LATER, more={"DBUS_SESSION_BUS_ADDRESS": bus})
    assert result.returncode == 0, result
    [line] = _sent(plain_notifications)
    assert f'"flash" "{MARKUP} (due' in line


# ---------------------------------------------------------------- the daily run

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
# A stand-in for crontab: the user's crontab is the file {tab}.
case "$1" in
  -l) [ -e "{tab}" ] && cat "{tab}" || {{ echo "no crontab for $USER" >&2; exit 1; }} ;;
  -r) rm -f "{tab}" ;;
  *) cat "$1" > "{tab}" ;;
esac
"""


class System:
    """A system of the test's own: its folders and stand-in programs, and flash run in it."""

    def __init__(self, root: Path, home: Path, state: str, crontab: bool) -> None:
        self.home, self.bin, self.config = home, root / "bin", root / "xdg-config"
        self.calls, self.tab, self.refuse = (
            root / "systemctl.calls",
            root / "crontab",
            root / "refuse",
        )
        self.bin.mkdir()
        self._program(
            "systemctl", SYSTEMCTL.format(calls=self.calls, state=state, refuse=self.refuse)
        )
        if crontab:
            self._program("crontab", CRONTAB.format(tab=self.tab))
        # python and the commands sh needs, and nothing else of the real PATH's.
        for tool in ("sh", "cat", "rm"):
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


def real_state() -> tuple[list[str], str]:
    """The real user's unit folder and crontab, as they are."""
    folder = Path.home() / ".config" / "systemd" / "user"
    units = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    listed = (
        subprocess.run(["crontab", "-l"], capture_output=True, text=True)
        if shutil.which("crontab")
        else None
    )
    return units, listed.stdout if listed else "(no crontab program)"


@pytest.fixture
def real() -> Iterator[None]:
    """Checks, after the test, that the real unit folder and crontab are as they were."""
    before = real_state()
    yield
    assert real_state() == before


@pytest.fixture
def systemd(tmp_path: Path, home: Path, real: None) -> System:
    return System(tmp_path, home, "running", crontab=True)


@pytest.fixture
def cron(tmp_path: Path, home: Path, real: None) -> System:
    return System(tmp_path, home, "offline", crontab=True)


def test_install_writes_a_persistent_user_timer_and_enables_it(systemd: System) -> None:
    result = systemd.flash("remind", "--install", "--at", "08:30", FLASH_KEY="/keys/my key")
    assert result.returncode == 0, result
    service, timer = systemd.units / "flash-remind.service", systemd.units / "flash-remind.timer"
    assert result.stdout.splitlines() == [
        f"wrote {service}",
        f"wrote {timer}",
        "enabled flash-remind.timer: 'flash remind --notify' every day at 08:30",
    ]
    assert systemd.systemctl_calls() == [
        "--user is-system-running",
        "--user daemon-reload",
        "--user enable --now flash-remind.timer",
    ]
    assert "\nOnCalendar=*-*-* 08:30:00\nPersistent=true\n" in timer.read_text()
    assert "\n[Install]\nWantedBy=timers.target\n" in timer.read_text()
    lines = service.read_text().splitlines()
    assert f"ExecStart={FLASH} remind --notify --quiet" in lines
    assert f"Environment=FLASH_HOME={systemd.home}" in lines
    assert 'Environment="FLASH_KEY=/keys/my key"' in lines
    assert "StandardOutput=null" in lines  # what it lists stays out of the journal
    assert "DBUS_SESSION_BUS_ADDRESS" not in service.read_text()  # none here to carry
    assert not systemd.tab.exists()


def test_install_carries_the_session_bus(systemd: System) -> None:
    address = "unix:path=/run/user/1000/bus"
    assert systemd.flash("remind", "--install", DBUS_SESSION_BUS_ADDRESS=address).returncode == 0
    service = (systemd.units / "flash-remind.service").read_text()
    assert f"Environment=DBUS_SESSION_BUS_ADDRESS={address}\n" in service
    assert "OnCalendar=*-*-* 09:00:00" in (systemd.units / "flash-remind.timer").read_text()


def test_installing_twice_changes_nothing_and_uninstall_removes_it(systemd: System) -> None:
    assert systemd.flash("remind", "--install").returncode == 0
    written = {p.name: p.read_bytes() for p in systemd.units.iterdir()}
    calls = len(systemd.systemctl_calls())
    again = systemd.flash("remind", "--install")
    assert again.stdout.startswith("the daily run at 09:00 is installed already"), again
    assert {p.name: p.read_bytes() for p in systemd.units.iterdir()} == written
    assert systemd.systemctl_calls()[calls:] == ["--user is-system-running"]
    gone = systemd.flash("remind", "--uninstall")
    assert gone.returncode == 0, gone
    assert gone.stdout.splitlines() == [
        f"removed {systemd.units / 'flash-remind.service'}",
        f"removed {systemd.units / 'flash-remind.timer'}",
    ]
    assert list(systemd.units.iterdir()) == []
    assert "--user disable --now flash-remind.timer" in systemd.systemctl_calls()
    assert systemd.flash("remind", "--uninstall").stdout == (
        "no daily run was installed; nothing to remove\n"
    )


def test_a_timer_systemd_refuses_leaves_nothing_behind_simulated(systemd: System) -> None:
    systemd.refuse.touch()
    result = systemd.flash("remind", "--install")
    assert result.returncode == 1
    assert result.stderr == (
        "flash: systemctl --user enable --now flash-remind.timer failed: "
        "Failed to enable unit: simulated\n"
    )
    assert list(systemd.units.iterdir()) == []


@pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed"
)
def test_systemd_finds_the_units_sound(systemd: System) -> None:
    assert systemd.flash("remind", "--install").returncode == 0
    units = sorted(str(p) for p in systemd.units.iterdir())
    checked = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *units],
        capture_output=True,
        text=True,
        env={**os.environ, "SYSTEMD_LOG_LEVEL": "warning"},
    )
    problems = [
        line
        for line in checked.stderr.splitlines()
        if "flash-remind" in line  # not what the host's own units say of themselves
    ]
    assert checked.returncode == 0 and problems == [], checked.stderr


def test_without_a_user_systemd_a_crontab_line(cron: System) -> None:
    cron.tab.write_text("# my own\n0 7 * * 1 backup\n")
    result = cron.flash("remind", "--install", "--at", "07:45")
    assert result.returncode == 0, result
    line = (
        f"45 7 * * * FLASH_HOME={cron.home} {FLASH} remind --notify --quiet >/dev/null "
        "# flash remind --install wrote this line; flash remind --uninstall removes it"
    )
    assert result.stdout == f"added to your crontab: {line}\n"
    assert cron.tab.read_text().splitlines() == ["# my own", "0 7 * * 1 backup", line]
    assert not cron.units.exists()
    again = cron.flash("remind", "--install", "--at", "07:45")
    assert again.stdout.endswith("is in your crontab already; nothing changed\n")
    assert cron.tab.read_text().splitlines() == ["# my own", "0 7 * * 1 backup", line]
    moved = cron.flash("remind", "--install", "--at", "09:00")
    assert cron.tab.read_text().splitlines()[2].startswith("0 9 * * * ")
    assert len(cron.tab.read_text().splitlines()) == 3, moved
    gone = cron.flash("remind", "--uninstall")
    assert gone.stdout.startswith("removed from your crontab: 0 9 * * * "), gone
    assert cron.tab.read_text().splitlines() == ["# my own", "0 7 * * 1 backup"]


def test_a_crontab_line_escapes_what_cron_and_sh_would_read(cron: System, tmp_path: Path) -> None:
    odd = tmp_path / "100% mine's"
    result = cron.flash("remind", "--install", FLASH_HOME=str(odd))
    assert result.returncode == 0, result
    [line] = cron.tab.read_text().splitlines()
    assert line.startswith(f"0 9 * * * FLASH_HOME='{tmp_path}/100\\% mine'\"'\"'s' ")
    # What sh is given once cron has taken its backslash from before the %:
    command = line.split(" ", 5)[5].split(" # ")[0].replace("\\%", "%")
    shown = subprocess.run(
        ["sh", "-c", command.replace(" >/dev/null", "").replace(FLASH, "echo")],
        capture_output=True,
        text=True,
        env={"FLASH_HOME": "unset"},
    )
    assert shown.stdout == "remind --notify --quiet\n"
    printed = subprocess.run(
        ["sh", "-c", command.split(f" {FLASH}")[0] + " env"], capture_output=True, text=True
    )
    assert f"FLASH_HOME={odd}\n" in printed.stdout


def test_with_no_systemd_and_no_crontab_it_says_what_to_do(
    tmp_path: Path, home: Path, real: None
) -> None:
    bare = System(tmp_path, home, "offline", crontab=False)
    result = bare.flash("remind", "--install")
    assert result.returncode == 1
    assert result.stderr == (
        "flash: there is no user systemd and no crontab here to run flash daily; run "
        "'flash remind --notify --quiet' once a day some other way\n"
    )


def test_the_crontab_line_run_as_cron_runs_it_notifies(
    cron: System, due: Path, bus: str, notifications: Path
) -> None:
    """The line alone, in cron's bare environment (its own PATH, no FLASH_HOME, no bus):
    what it carries is enough, and it prints nothing."""
    assert cron.flash("remind", "--install", DBUS_SESSION_BUS_ADDRESS=bus).returncode == 0
    [line] = cron.tab.read_text().splitlines()
    command = line.split(" ", 5)[5].replace("\\%", "%")
    bare = {"PATH": "/usr/bin:/bin", "HOME": str(cron.home.parent), "SHELL": "/bin/sh"}
    ran = subprocess.run(
        ["sh", "-c", command],
        env={**bare, "FLASH_NOW": LATER, "TZ": "Europe/Paris"},  # the clock, fixed for the test
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, "", "")
    [sent] = _sent(notifications)
    assert '"flash" "4 things to follow up"' in sent
