"""`flash remind --install` where no user systemd runs: one line in the person's crontab, edited
as text. Flash's line carries its marker at its end; install adds or replaces that line alone,
uninstall removes it alone, and every other byte stays as it was.

The crontab is the test's own, behind a stand-in `crontab` on PATH (tests/system.py); the real
one is checked to be unchanged. How the line runs under cron: test_remind_system.py.
"""

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.conftest import Run
from tests.system import (
    FLASH,
    MARK,
    System,
    as_cron_hands_it_to_sh,
    crontabs,
    run_as_sh,
    untouched,
)

pytestmark = pytest.mark.slow

# A crontab as people keep them, which python-crontab used to re-render: spacing, variables,
# a % and a \% (the job's input), a line cron would refuse, and a comment that reads like
# flash's own above someone else's job (python-crontab took that job for flash's, and deleted it).
OWN = (
    b"# my jobs, kept by hand\n"
    b"SHELL=/bin/bash\n"
    b"MAILTO=me@example.org\n"
    b"CRON_TZ=Europe/Paris\n"
    b"\n"
    b'*/5 * * * * echo "100% done" | logger\n'
    b"30 6  * * 1-5\tprintf 'a\\%b\\n' | logger   # a \\% for a %\n"
    b"0   3 * * *    /usr/bin/backup   --all\n"
    b"this line is not a cron line\n"
    b"# flash remind --install wrote this line; flash remind --uninstall removes it\n"
    b"15 4 * * * /home/me/bin/cleanup\n"
)


@pytest.fixture
def cron(tmp_path: Path, home: Path) -> Iterator[System]:
    with untouched():
        yield System(tmp_path, home, "offline", crontab=True)


def test_install_and_uninstall_leave_every_other_byte_of_the_crontab(cron: System) -> None:
    cron.tab.write_bytes(OWN)
    added = cron.flash("remind", "--install", "--at", "07:15")
    assert added.stdout == f"added to your crontab: {cron.line('15 7')}\n", added
    assert cron.tab.read_bytes() == OWN + f"{cron.line('15 7')}\n".encode()
    again = cron.flash("remind", "--install", "--at", "07:15")
    assert again.stdout == "the daily run at 07:15 is in your crontab already; nothing changed\n"
    moved = cron.flash("remind", "--install", "--at", "08:00")
    assert moved.stdout == f"replaced in your crontab: {cron.line('0 8')}\n", moved
    assert cron.tab.read_bytes() == OWN + f"{cron.line('0 8')}\n".encode()
    gone = cron.flash("remind", "--uninstall")
    assert gone.stdout == f"removed from your crontab: {cron.line('0 8')}\n", gone
    assert cron.tab.read_bytes() == OWN
    nothing = cron.flash("remind", "--uninstall")
    assert nothing.stdout == "no daily run was installed; nothing to remove\n"
    assert cron.tab.read_bytes() == OWN
    assert not cron.units.exists()


def test_flash_s_line_is_replaced_where_it_stands(cron: System) -> None:
    """A line an earlier flash wrote (python-crontab's, without the language), moved by hand."""
    earlier = f"0 9 * * * FLASH_HOME={cron.home} {FLASH} remind --notify --quiet >/dev/null {MARK}"
    cron.tab.write_text(f"# top\n{earlier}\n0 3 * * * backup\n")
    result = cron.flash("remind", "--install", "--at", "10:30")
    assert result.stdout == f"replaced in your crontab: {cron.line('30 10')}\n", result
    assert cron.tab.read_text() == f"# top\n{cron.line('30 10')}\n0 3 * * * backup\n"


def test_with_no_crontab_install_makes_one_and_uninstall_leaves_none(cron: System) -> None:
    assert cron.flash("remind", "--install").returncode == 0
    assert cron.tab.read_text() == f"{cron.line()}\n"
    assert cron.flash("remind", "--uninstall").returncode == 0
    assert not cron.tab.exists()


def test_a_crontab_without_its_last_line_break_keeps_it_so(cron: System) -> None:
    cron.tab.write_bytes(b"0 3 * * * backup")
    assert cron.flash("remind", "--install").returncode == 0
    assert cron.tab.read_bytes() == f"0 3 * * * backup\n{cron.line()}".encode()
    assert cron.flash("remind", "--uninstall").returncode == 0
    assert cron.tab.read_bytes() == b"0 3 * * * backup"


def test_the_new_crontab_is_handed_over_in_a_private_file_then_removed(
    cron: System, tmp_path: Path
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    assert cron.flash("remind", "--install", TMPDIR=str(scratch)).returncode == 0
    assert cron.modes.read_text().split() == ["600", "700"]
    assert list(scratch.iterdir()) == []


def test_a_crontab_that_cannot_be_read_is_left_alone_simulated(cron: System) -> None:
    cron.tab.write_bytes(OWN)
    cron.unreadable.write_text("You (me) are not allowed to use this program (simulated)\n")
    for command in ("--install", "--uninstall"):
        result = cron.flash("remind", command)
        assert result.returncode == 1
        assert result.stderr == (
            "flash: could not read your crontab: You (me) are not allowed to use this program "
            "(simulated); nothing was changed\n"
        )
    assert cron.tab.read_bytes() == OWN


def test_a_crontab_cron_refuses_is_left_as_it_was_simulated(cron: System) -> None:
    cron.tab.write_bytes(OWN)
    cron.refusing.write_text('"-":9: bad minute\nerrors in crontab file, can\'t install.\n')
    result = cron.flash("remind", "--install")
    assert result.returncode == 1
    assert result.stderr == (
        "flash: could not write your crontab: errors in crontab file, can't install.; "
        "nothing was changed\n"
    )
    assert cron.tab.read_bytes() == OWN


# ---------------------------------------------------------------- what the line carries

CARRIED = ["FLASH_HOME", "FLASH_KEY", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"]


@pytest.mark.parametrize("name", CARRIED)
def test_a_line_break_in_a_carried_value_adds_no_cron_job(
    cron: System, tmp_path: Path, name: str
) -> None:
    """Today FLASH_HOME=$'DIR\\n* * * * * touch PWN #' added a job of its own, every minute,
    which --uninstall then left behind."""
    cron.tab.write_bytes(OWN)
    value = f"{tmp_path}/data\n* * * * * touch {tmp_path}/PWN #"
    result = cron.flash("remind", "--install", **{name: value})
    assert result.returncode == 1
    # (after, for LANGUAGE, the note that flash has no catalogue for such a language)
    assert result.stderr.splitlines()[-1] == (
        f"flash: {name} holds a control character ('{tmp_path}/data\\x0a* * * * * touch "
        f"{tmp_path}/PWN #'), which cannot go into the daily run; nothing was written"
    )
    assert cron.tab.read_bytes() == OWN


@pytest.mark.parametrize(
    ("control", "shown"),
    [
        ("\r", "\\x0d"),
        ("\t", "\\x09"),
        ("\x1b", "\\x1b"),
        ("\x7f", "\\x7f"),
        ("\x85", "\\x85"),
        ("\u2028", "\\u2028"),
        ("\u202e", "\\u202e"),  # turns the line round as it is shown
        ("\udcff", "\\udcff"),  # a byte that is not UTF-8
    ],
)
def test_every_control_character_is_refused(cron: System, control: str, shown: str) -> None:
    result = cron.flash("remind", "--install", FLASH_KEY=f"/keys/a{control}b")
    assert result.returncode == 1
    assert result.stderr == (
        f"flash: FLASH_KEY holds a control character ('/keys/a{shown}b'), which cannot go into "
        "the daily run; nothing was written\n"
    )
    assert not cron.tab.exists()


SHOW = '#!/bin/sh\nprintf "%s\\n" "$FLASH_HOME" "$FLASH_KEY" "$@"\n'


@pytest.mark.parametrize(
    "odd",
    [
        "100% mine's",
        "a\\%b",  # a backslash before a %: cron would take the backslash, sh the % for a %
        "100%%\\\\%",
        "$(touch PWN)",
        "`touch PWN`",
        "x; touch PWN #",
        '"q" \\ * ?',
        "café",
        "-n",
    ],
)
def test_cron_and_sh_hand_on_each_value_as_it_was(cron: System, tmp_path: Path, odd: str) -> None:
    folder = tmp_path / odd
    result = cron.flash("remind", "--install", FLASH_HOME=str(folder), FLASH_KEY=f"{folder}/k")
    assert result.returncode == 0, result
    [line] = cron.tab.read_text().splitlines()
    assert line.endswith(f" {MARK}") and "%" not in line.replace("\\%", "")
    show = tmp_path / "show"
    show.write_text(SHOW)
    show.chmod(0o755)
    command = as_cron_hands_it_to_sh(line).replace(f" {FLASH} ", f" {show} ", 1)
    ran = run_as_sh(command.replace(" >/dev/null", ""), {}, tmp_path)
    assert ran.stdout.splitlines() == [str(folder), f"{folder}/k", "remind", "--notify", "--quiet"]
    assert not (tmp_path / "PWN").exists()


def test_folders_are_carried_as_the_ones_flash_uses_now(cron: System, tmp_path: Path) -> None:
    """~ and a relative path mean, in cron's shell, other folders than at the terminal."""
    result = cron.flash(
        "remind", "--install", FLASH_HOME="~/notes", FLASH_KEY="keys/k.txt", HOME=str(tmp_path)
    )
    assert result.returncode == 0, result
    carried = f"FLASH_KEY={Path.cwd()}/keys/k.txt"
    [line] = cron.tab.read_text().splitlines()
    assert line.startswith(f"0 9 * * * FLASH_HOME={tmp_path}/notes {carried} LANGUAGE=en ")


# ---------------------------------------------------------------- the launcher's own path


@pytest.fixture
def here(tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[System]:
    """The test's system, with flash run in this process (CliRunner) on its PATH."""
    with untouched():
        system = System(tmp_path, home, "offline", crontab=True)
        monkeypatch.setenv("PATH", str(system.bin))
        monkeypatch.setenv("XDG_CONFIG_HOME", str(system.config))
        yield system


def launcher_in(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A flash launcher in FOLDER, beside the Python that runs: one that notes its arguments."""
    folder.mkdir(parents=True)
    launcher = folder / "flash"
    launcher.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{folder.parent}/ran"\n')
    launcher.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(folder / "python"))
    return launcher


def test_a_control_character_in_flash_s_path_is_refused(
    here: System, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    launcher_in(tmp_path / "we\nird", monkeypatch)
    result = run("remind", "--install")
    assert result.exit_code == 1
    assert result.stderr == (
        f"flash: the path of flash holds a control character ('{tmp_path}/we\\x0aird/flash'), "
        "which cannot go into the daily run; nothing was written\n"
    )
    assert not here.tab.exists()


def test_an_odd_path_of_flash_is_run_as_it_is(
    here: System, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    launcher_in(tmp_path / "100% $HOME's bin", monkeypatch)
    assert run("remind", "--install").exit_code == 0
    [line] = here.tab.read_text().splitlines()
    ran = run_as_sh(as_cron_hands_it_to_sh(line), {}, tmp_path)
    assert ran.returncode == 0, ran
    assert (tmp_path / "ran").read_text().splitlines() == ["remind", "--notify", "--quiet"]


def test_flash_found_through_a_relative_path_is_named_by_its_full_path(
    here: System, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PATH may name a folder relatively ('bin:…'); from cron's folder it names another."""
    launcher_in(tmp_path / "bin-here", monkeypatch)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "elsewhere" / "python"))
    monkeypatch.setenv("PATH", f"bin-here:{here.bin}")
    monkeypatch.chdir(tmp_path)
    assert run("remind", "--install").exit_code == 0
    [line] = here.tab.read_text().splitlines()
    assert f" {tmp_path}/bin-here/flash remind --notify --quiet " in line


def test_a_line_of_the_crontab_is_shown_with_its_control_characters_visible(
    cron: System,
) -> None:
    cron.tab.write_text(f"0 9 * * * \x1b[2J\x1b]0;owned\x07 {MARK}\n")
    gone = cron.flash("remind", "--uninstall")
    assert (
        gone.stdout == f"removed from your crontab: 0 9 * * * \\x1b[2J\\x1b]0;owned\\x07 {MARK}\n"
    )
    assert not cron.tab.exists()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=crontabs)
def test_install_then_uninstall_gives_back_any_crontab_byte_for_byte(
    here: System, run: Run, text: bytes
) -> None:
    here.tab.write_bytes(text)
    assert run("remind", "--install").exit_code == 0
    installed = here.tab.read_bytes()
    ours = installed.removeprefix(text).strip(b"\n")  # the line, after its line break if needed
    assert installed.startswith(text) and b"\n" not in ours and ours.endswith(MARK.encode())
    assert run("remind", "--uninstall").exit_code == 0
    assert (here.tab.read_bytes() if here.tab.exists() else b"") == text
