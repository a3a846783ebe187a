"""flash list, show, agenda, config, --version, --help and the bare overview."""

import json
import stat
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import Run


def test_version_and_help(run: Run) -> None:
    from flashcli import __version__

    assert run("--version").stdout == f"flash {__version__}\n"
    out = run("--help").stdout
    for command in ("prep", "agenda", "email", "list", "show", "config"):
        assert f"  {command} " in out


def test_list_shows_sessions_newest_first(run: Run, ada: str) -> None:
    run("prep", "--with", "Grace Hopper", "--when", "2026-12-03 09:00")
    out = run("list").stdout
    lines = [line.split() for line in out.splitlines()[1:]]
    assert [line[0] for line in lines] == ["2026-12-03-grace-hopper", ada]
    assert lines[1] == [ada, "2026-12-01", "Ada", "Lovelace", "mentee", "planned", "0"]


def test_list_filters_by_partner_and_hides_closed(run: Run, ada: str, sessions_dir: Path) -> None:
    run("prep", "--with", "Grace Hopper <grace@navy.example>")
    assert ada not in run("list", "--with", "NAVY").stdout
    assert "grace-hopper" in run("list", "--with", "grace").stdout
    path = sessions_dir / f"{ada}.toml"
    path.write_text("closed = 2026-12-02T10:00:00+01:00\n" + path.read_text("utf-8"), "utf-8")
    assert ada not in run("list").stdout
    assert "closed" in run("list", "--all").stdout


def test_list_json(run: Run, ada: str) -> None:
    [row] = json.loads(run("list", "--json").stdout)
    assert row == {
        "id": ada,
        "date": "2026-12-01",
        "when": "2026-12-01T10:00:00+01:00",
        "partner": "Ada Lovelace",
        "email": "ada@example.org",
        "role": "mentee",
        "status": "planned",
        "open_actions": 0,
    }


def test_list_warns_about_a_broken_file_and_lists_the_rest(
    run: Run, ada: str, sessions_dir: Path
) -> None:
    run("prep", "--with", "Grace Hopper")
    bad = sessions_dir / "2026-11-28-grace-hopper.toml"
    bad.write_text("schema = 1\n[[oops\n", "utf-8")
    result = run("list")
    assert result.exit_code == 0
    assert ada in result.stdout
    assert f"warning: skipped {bad}: not valid TOML" in " ".join(result.stderr.split())
    assert bad.read_text("utf-8") == "schema = 1\n[[oops\n"


def test_list_with_no_sessions(run: Run) -> None:
    assert 'Start one with: flash prep --with "Name <email>"' in run("list").stdout


def test_show_and_show_json(run: Run, ada: str, sessions_dir: Path) -> None:
    out = run("show").stdout
    assert f"{ada}  (mentee, planned)" in out
    assert "Is management for me?" in out and "During the session (0/5)" in out
    data = json.loads(run("show", ada, "--json").stdout)
    on_disk = tomllib.loads((sessions_dir / f"{ada}.toml").read_text("utf-8"))
    assert data["when"] == on_disk["when"].isoformat()
    assert {k: v for k, v in data.items() if k not in ("when", "created", "updated")} == {
        k: v for k, v in on_disk.items() if k not in ("when", "created", "updated")
    }


def test_agenda_and_agenda_json(run: Run, ada: str) -> None:
    out = run("agenda").stdout
    assert "10:09" in out and "Is management for me?" in out and "Café Nero" in out
    data = json.loads(run("agenda", ada, "--json").stdout)
    assert [s["kind"] for s in data["slots"]] == [
        "welcome",
        "objective",
        "topic",
        "topic",
        "plan",
        "close",
    ]
    assert sum(s["minutes"] for s in data["slots"]) == 60


def test_config_set_show_and_unset(run: Run, home: Path) -> None:
    assert run("config", "name", "Grace Hopper").exit_code == 0
    assert run("config", "email", "grace@example.org").exit_code == 0
    assert run("config", "name").stdout == "Grace Hopper\n"
    out = run("config").stdout
    assert "name            Grace Hopper" in out and f"sessions        {home / 'sessions'}" in out
    assert "remind.evening  (not set: 17:00)" in out  # a default says what it is
    assert "remind.checkins (not set: 2w, 3m)" in out and "coach           (not set: on)" in out
    assert run("config", "coach", "off").stdout == "off\n"  # a switch, as it is typed
    assert run("config", "remind.checkins", "3 weeks, 6 months").stdout == "3w, 6m\n"
    run("config", "coach", "")
    run("config", "remind.checkins", "")
    assert stat.S_IMODE((home / "config.toml").stat().st_mode) == 0o600
    data = json.loads(run("config", "--json").stdout)
    assert data["config"] == {"name": "Grace Hopper", "email": "grace@example.org"}
    run("config", "name", "")
    assert "name" not in tomllib.loads((home / "config.toml").read_text("utf-8"))


def test_values_are_trimmed_by_the_same_rule_as_everywhere(run: Run, home: Path) -> None:
    """A trailing line break (from $(...), say) is trimmed, not kept to break a draft later."""
    assert run("config", "email", "grace@example.org\n").exit_code == 0
    assert tomllib.loads((home / "config.toml").read_text("utf-8"))["email"] == "grace@example.org"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["colour", "blue"],
            "'colour' is not a config key; use one of: name, email, role, minutes",
        ),
        (["email", "grace"], "cannot set email to 'grace'"),
        (["role", "boss"], "cannot set role to 'boss'"),
        (["minutes", "2"], "cannot set minutes to '2'"),
        (["name", "Grace\nBcc: x"], "cannot set name to 'Grace\\x0aBcc: x'"),
        (["email", "a@b.org\nBcc: x@example.org"], "must be a single line"),
        (["email", "grace@example"], "is not an email address"),
    ],
)
def test_bad_config_values(run: Run, home: Path, args: list[str], message: str) -> None:
    result = run("config", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (home / "config.toml").exists()


def test_overview(run: Run, ada: str) -> None:
    out = run().stdout
    assert f"{ada}  with Ada Lovelace, mentee: before the session" in out
    assert "Send your mentor the topics" in out
    assert out.strip().endswith("Next: flash prep")


def test_overview_with_nothing_yet(run: Run) -> None:
    assert 'No open session. Start one with: flash prep --with "Name <email>"' in run().stdout


def test_python_m_flashcli(home: Path) -> None:
    import subprocess

    out = subprocess.run(
        [sys.executable, "-m", "flashcli", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("flash ")


def test_overview_when_all_is_prepared_or_followed_up(
    run: Run, ada: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("prep", "--question", "What would you do?", "--done", "send-topics")
    assert run().stdout.strip().endswith("Next: flash notes, once you meet")
    monkeypatch.setenv("FLASH_NOW", "2026-12-02T10:00:00+01:00")
    run(
        "followup",
        "--done",
        "follow-through",
        "--done",
        "confidentiality",
        "--done",
        "thank-feedback",
        "--continue",
        "no",
    )
    assert run().stdout.strip().endswith("Next: flash followup --close")


def test_an_ambiguous_prefix_names_the_candidates(run: Run, ada: str) -> None:
    run("prep", "--with", "Grace Hopper", "--when", "2026-12-01 15:00")
    result = run("show", "2026-12-01")
    assert result.exit_code == 1
    assert result.stderr == (
        "flash: '2026-12-01' matches 2 sessions: 2026-12-01-ada-lovelace, "
        "2026-12-01-grace-hopper; give more of the id\n"
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["export", "--format", "pdf"], "flash: invalid value for '--format': 'pdf' is not one of"),
        (["followup", "--rating", "6"], "flash: --rating: must be from 1 to 5"),
        (
            ["followup", "--rating", "x"],
            "flash: invalid value for '--rating': 'x' is not a valid int",
        ),
        (["notes", "--at"], "flash: option '--at' requires an argument"),
        (["list", "--bogus"], "flash: no such option: --bogus"),
        (["--bogus"], "flash: no such option: --bogus"),
        (["nosuch"], "flash: no such command 'nosuch'"),
    ],
)
def test_one_error_style_for_flash_and_for_click(
    run: Run, ada: str, args: list[str], said: str
) -> None:
    result = run(*args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(said) and lines[1].startswith("Try 'flash") and len(lines) == 2
    assert "Error" not in result.stderr and "Usage:" not in result.stderr


def test_with_no_open_session_a_bare_command_takes_the_latest(run: Run, ada: str) -> None:
    """SPEC §3: left out, SESSION is the current session, or, with none open, the most
    recently updated one; a bare prep still starts a new one rather than resume it."""
    run("followup", "--close")
    for command in ("show", "agenda", "followup"):
        result = run(command)
        assert result.exit_code == 0, (command, result)
        assert "Ada" in result.stdout or ada in result.stdout, command
    refused = run("prep", "--no-input")
    assert refused.exit_code == 1 and "there is no open session" in refused.stderr
