"""`flash remind --notify` and the daily run (`--install`, `--uninstall`), with flash run as a
process, as the daily job runs it.

Nothing here touches the real system. The notification goes to a private `dbus-daemon
--session` each test starts where a user's bus is found (the test's XDG_RUNTIME_DIR/bus), with
python-dbusmock's notification daemon on it, saying that it reads markup or not. The unit
folder and the crontab are the test's own (tests/system.py), and checked to leave the real ones
unchanged. How the crontab is edited: test_remind_cron.py.
"""

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.factories import flash
from tests.system import FLASH, MARK, System, as_cron_hands_it_to_sh, run_as_sh, untouched

pytestmark = pytest.mark.slow

LATER = "2026-12-04T09:00:00+01:00"  # Ada's meeting was on Tue 1 Dec: four things need you


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


# ---------------------------------------------------------------- the daily run, by systemd


@pytest.fixture
def systemd(tmp_path: Path, home: Path) -> Iterator[System]:
    with untouched():
        yield System(tmp_path, home, "running", crontab=True)


@pytest.fixture
def cron(tmp_path: Path, home: Path) -> Iterator[System]:
    with untouched():
        yield System(tmp_path, home, "offline", crontab=True)


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
    assert not systemd.tab.exists()


def test_the_daily_run_carries_the_language_and_never_the_session_bus(systemd: System) -> None:
    """The bus is found when the run starts (an address fixed at install goes stale at the next
    login); the language is carried when flash speaks it, else the run would say so daily."""
    french = {"LANGUAGE": "fr", "LC_ALL": None, "LANG": "fr_FR.UTF-8"}
    bus = "unix:path=/run/user/1000/bus"
    assert (
        systemd.flash("remind", "--install", DBUS_SESSION_BUS_ADDRESS=bus, **french).returncode == 0
    )
    service = (systemd.units / "flash-remind.service").read_text()
    assert "DBUS_SESSION_BUS_ADDRESS" not in service
    assert "\nEnvironment=LANGUAGE=fr\nEnvironment=LANG=fr_FR.UTF-8\n" in service
    assert "LC_ALL" not in service and "LC_MESSAGES" not in service
    german = {"LANGUAGE": None, "LC_ALL": None, "LANG": "de_DE.UTF-8"}
    assert systemd.flash("remind", "--install", **german).returncode == 0
    service = (systemd.units / "flash-remind.service").read_text()
    assert "LANG" not in service


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


@pytest.mark.parametrize(
    "name", ["FLASH_HOME", "FLASH_KEY", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"]
)
def test_a_line_break_in_a_carried_value_adds_no_line_to_the_unit(
    systemd: System, name: str
) -> None:
    """Today a line break in FLASH_HOME gave the service an ExecStartPre= of its choosing."""
    value = "/tmp/data\nExecStartPre=/bin/touch /tmp/PWN"
    result = systemd.flash("remind", "--install", **{name: value})
    assert result.returncode == 1
    # (after, for LANGUAGE, the note that flash has no catalogue for such a language)
    assert result.stderr.splitlines()[-1] == (
        f"flash: {name} holds a control character ('/tmp/data\\x0aExecStartPre=/bin/touch "
        "/tmp/PWN'), which cannot go into the daily run; nothing was written"
    )
    assert not systemd.units.exists()
    assert systemd.systemctl_calls() == []


ODD = '100% "mine" \\ $HOME ;x'  # a specifier, quotes, a backslash, a variable, a separator
SH = '/bin/sh -c "exec \\"$$0\\" \\"$$@\\""'
ANALYZE = shutil.which("systemd-analyze")


def unsound(folder: Path) -> list[str]:
    """What systemd-analyze finds wrong with the units in FOLDER (none: they are sound)."""
    assert ANALYZE is not None
    units = sorted(str(p) for p in folder.iterdir())
    checked = subprocess.run(
        [ANALYZE, "verify", "--man=no", *units],
        capture_output=True,
        text=True,
        env={**os.environ, "SYSTEMD_LOG_LEVEL": "warning"},
    )
    # Not what the host's own units say of themselves:
    return [line for line in checked.stderr.splitlines() if "flash-remind" in line]


@pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze is not installed")
def test_systemd_finds_the_units_sound(systemd: System, tmp_path: Path) -> None:
    odd = tmp_path / ODD
    result = systemd.flash("remind", "--install", FLASH_HOME=str(odd), FLASH_KEY=f"{odd}/key")
    assert result.returncode == 0, result
    service = (systemd.units / "flash-remind.service").read_text()
    written = str(odd).replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    assert f'\nEnvironment="FLASH_HOME={written}"\n' in service
    assert unsound(systemd.units) == []


@pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze is not installed")
@pytest.mark.parametrize(
    ("folder", "program"),
    [
        ("100% $HOME;x", '"{tmp}/100%% $HOME;x/flash"'),  # the program's path: no variables
        # systemd takes no quote or backslash in a program's path, any in an argument (and sh
        # takes a path with '=' as a program, where env would take it for a variable):
        (ODD, SH + ' "{tmp}/100%% \\"mine\\" \\\\ $$HOME ;x/flash"'),
        ("it's=tools", SH + ' "{tmp}/it\'s=tools/flash"'),
    ],
)
def test_systemd_finds_flash_at_an_odd_path(
    tmp_path: Path,
    home: Path,
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
    folder: str,
    program: str,
) -> None:
    launcher = tmp_path / folder / "flash"
    launcher.parent.mkdir()
    launcher.write_text('#!/bin/sh\necho "ran flash with: $*"\n')
    launcher.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(launcher.parent / "python"))
    with untouched():
        system = System(tmp_path, home, "running", crontab=True)
        monkeypatch.setenv("PATH", str(system.bin))
        monkeypatch.setenv("XDG_CONFIG_HOME", str(system.config))
        assert run("remind", "--install").exit_code == 0
    service = (system.units / "flash-remind.service").read_text()
    exec_start = f"\nExecStart={program.format(tmp=tmp_path)} remind --notify --quiet\n"
    assert exec_start in service
    assert unsound(system.units) == []
    ran = subprocess.run(as_systemd_runs_it(exec_start), capture_output=True, text=True)
    assert ran.stdout == "ran flash with: remind --notify --quiet\n", ran


def as_systemd_runs_it(line: str) -> list[str]:
    """The argv systemd makes of an ExecStart= line: its words unquoted (for the quotes and
    backslashes flash writes, as sh unquotes them), then $$ and %% each one character."""
    words = shlex.split(line.strip().removeprefix("ExecStart="))
    return [w.replace("$$", "$").replace("%%", "%") for w in words]


def test_with_no_systemd_and_no_crontab_it_says_what_to_do(tmp_path: Path, home: Path) -> None:
    with untouched():
        bare = System(tmp_path, home, "offline", crontab=False)
        result = bare.flash("remind", "--install")
    assert result.returncode == 1
    assert result.stderr == (
        "flash: there is no user systemd and no crontab here to run flash daily; run "
        "'flash remind --notify --quiet' once a day some other way\n"
    )


# ---------------------------------------------------------------- the crontab line, as cron runs it


def run_as_cron(system: System, runtime: Path) -> subprocess.CompletedProcess[str]:
    """The crontab's one line as cron runs it: its command in cron's bare environment (its own
    PATH and HOME, no FLASH_HOME, no bus's address), XDG_RUNTIME_DIR as pam_systemd sets it."""
    [line] = system.tab.read_text().splitlines()
    bare = {"PATH": "/usr/bin:/bin", "HOME": str(system.home.parent), "SHELL": "/bin/sh"}
    clock = {"FLASH_NOW": LATER, "TZ": "Europe/Paris"}  # the clock, fixed for the test
    env = {**bare, **clock, "XDG_RUNTIME_DIR": str(runtime)}
    return run_as_sh(as_cron_hands_it_to_sh(line), env, system.home.parent)


def test_the_crontab_line_run_as_cron_finds_the_bus_and_notifies(
    cron: System, due: Path, bus: str, notifications: Path, tmp_path: Path
) -> None:
    """What it carries is enough, the bus is the one running now, and it prints nothing."""
    stale = "unix:path=/nonexistent/bus"  # the address at install, long gone
    assert cron.flash("remind", "--install", DBUS_SESSION_BUS_ADDRESS=stale).returncode == 0
    assert "DBUS" not in cron.tab.read_text()
    ran = run_as_cron(cron, tmp_path / "run")
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, "", "")
    [sent] = _sent(notifications)
    assert '"flash" "4 things to follow up"' in sent


def test_the_crontab_line_run_as_cron_with_no_desktop_session_says_nothing(
    cron: System, due: Path, tmp_path: Path
) -> None:
    """Nobody logged in at nine: nothing for cron to mail (it used to mail 'no desktop
    notification: …' every day)."""
    assert cron.flash("remind", "--install").returncode == 0
    ran = run_as_cron(cron, tmp_path / "run")
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, "", "")


def test_the_crontab_line_run_as_cron_still_says_a_real_problem(
    cron: System, due: Path, tmp_path: Path
) -> None:
    """A session file that cannot be read is worth a mail: it is said, in one line."""
    assert cron.flash("remind", "--install").returncode == 0
    (due / "sessions" / "2026-12-02-broken.toml").write_text("schema = [\n")
    ran = run_as_cron(cron, tmp_path / "run")
    assert ran.returncode == 0 and "2026-12-02-broken.toml" in ran.stderr, ran


# ---------------------------------------------------------------- what an outsider tried


def test_a_unit_flash_did_not_write_is_neither_written_over_nor_removed(systemd: System) -> None:
    systemd.units.mkdir(parents=True)
    mine = systemd.units / "flash-remind.service"
    mine.write_text("[Service]\nExecStart=/usr/bin/my-own-reminder\n")
    refused = systemd.flash("remind", "--install")
    assert refused.returncode == 1
    assert refused.stderr == (
        f"flash: {mine} is not flash's (it lacks flash's first line), and flash writes over no "
        "unit of yours: rename it, then 'flash remind --install' again; nothing was written\n"
    )
    assert mine.read_text() == "[Service]\nExecStart=/usr/bin/my-own-reminder\n"
    assert not (systemd.units / "flash-remind.timer").exists()
    gone = systemd.flash("remind", "--uninstall")
    assert gone.stdout == f"left {mine}: flash did not write it\n"
    assert mine.exists() and "--user disable --now flash-remind.timer" not in (
        systemd.systemctl_calls()
    )


def test_installing_with_systemd_takes_flash_s_earlier_crontab_line_away(
    systemd: System,
) -> None:
    earlier = f"0 9 * * * {FLASH} remind --notify --quiet >/dev/null {MARK}\n"
    systemd.tab.write_text("# mine\n" + earlier)
    result = systemd.flash("remind", "--install")
    assert result.returncode == 0, result
    assert result.stdout.splitlines()[-1] == f"removed from your crontab: {earlier.strip()}"
    assert systemd.tab.read_text() == "# mine\n"  # one daily run, not two


def test_a_long_text_reaches_the_notification_cut_short(
    home: Path, bus: str, notifications: Path
) -> None:
    for args in (
        ["prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2026-12-01 10:00"],
        ["notes", "--action", "x" * 100_000, "--due", "2026-12-03"],
        ["config", "remind.detail", "true"],
    ):
        assert flash(home, *args).returncode == 0
    result = flash(home, "remind", "--notify", now=LATER, more={"DBUS_SESSION_BUS_ADDRESS": bus})
    assert result.returncode == 0, result
    [line] = _sent(notifications)
    assert f'"flash" "{"x" * 299}…"' in line
