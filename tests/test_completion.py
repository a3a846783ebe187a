"""Shell completion, as bash asks for it: session ids, roles, purposes, formats, checklist keys."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NOW, Run


def complete(home: Path, words: str) -> list[str]:
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    env = {
        **os.environ,
        "FLASH_HOME": str(home),
        "FLASH_NOW": NOW,
        "_FLASH_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(cword),
    }
    result = subprocess.run(
        [sys.executable, "-m", "flashcli"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout.split()


@pytest.fixture
def two(run: Run) -> None:
    run("prep", "--with", "Ada Lovelace", "--when", "2026-12-01 10:00")
    run("prep", "--with", "Sam Lee", "--role", "mentor", "--when", "2026-12-02 10:00")


@pytest.mark.parametrize(
    "command", ["show", "agenda", "email", "prep", "followup", "export", "delete", "notes"]
)
def test_session_ids(home: Path, two: None, command: str) -> None:
    assert complete(home, f"flash {command} 2026-12-0") == [
        "2026-12-01-ada-lovelace",
        "2026-12-02-sam-lee",
    ]
    assert complete(home, f"flash {command} 2026-12-02") == ["2026-12-02-sam-lee"]


def test_choices(home: Path) -> None:
    assert complete(home, "flash prep --role ") == ["mentee", "mentor"]
    assert complete(home, "flash prep --purpose ") == [
        "learning",
        "role",
        "perspective",
        "career",
        "other",
    ]
    assert complete(home, "flash export --format ") == ["markdown", "json", "ics"]
    home.mkdir(exist_ok=True)
    home.joinpath("guidance.toml").write_text('[purposes.onboarding]\ntitle = "new here"\n')
    assert complete(home, "flash edit --purpose o") == ["other", "onboarding"]
    assert complete(home, "flash followup --continue u") == ["undecided"]


def test_checklist_keys_follow_the_sessions_role(home: Path, two: None) -> None:
    # Only what the command takes: prep ticks the prepare checklist, never the during one
    # (share-openly, seek-resources), which it would refuse.
    assert complete(home, "flash prep 2026-12-01-ada-lovelace --done s") == ["send-topics"]
    assert complete(home, "flash prep 2026-12-02 --done ") == ["review-objective"]
    assert "goals" not in complete(home, "flash prep --role mentee --done ")  # it ticks itself
    assert complete(home, "flash followup 2026-12-01-ada-lovelace --done c") == ["confidentiality"]
    assert complete(home, "flash prep --undo ") == complete(
        home, "flash prep 2026-12-02-sam-lee --undo "
    )  # current: Sam


def test_nothing_to_complete_is_quiet(tmp_path: Path) -> None:
    assert complete(tmp_path / "nothing", "flash show ") == []
    assert complete(tmp_path / "nothing", "flash prep --done ") == []


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F"),
        ("zsh", "#compdef flash"),
        ("fish", "complete --command flash"),
    ],
)
def test_show_completion_prints_the_script_of_the_shell_asked_for(
    run: Run, shell: str, marker: str
) -> None:
    result = run("--show-completion", shell)
    assert result.exit_code == 0 and marker in result.stdout
    refused = run("--show-completion", "tcsh")
    assert refused.exit_code == 2
    assert refused.stderr.startswith("flash: --show-completion: 'tcsh' is not one of bash")
