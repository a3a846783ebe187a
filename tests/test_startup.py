"""Start-up: each command imports only what it uses (python -X importtime, real processes)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NOW
from tests.factories import NO_GIT_CONFIG

HEAVY = ("pydantic", "email_validator", "rich", "icalendar", "filelock", "tomli_w")


def imported(home: Path, *args: str, heavy: tuple[str, ...] = HEAVY) -> set[str]:
    env = {**os.environ, "FLASH_HOME": str(home), "FLASH_NOW": NOW, **NO_GIT_CONFIG}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "flashcli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    names = re.findall(r"\|\s+([\w.]+)\s*$", result.stderr, re.MULTILINE)
    return {h for h in heavy for name in names if name == h or name.startswith(h + ".")}


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], ["prep", "--help"], ["notes", "--help"], ["report", "merge", "-h"]],
)
def test_help_and_version_import_nothing_heavy(home: Path, args: list[str]) -> None:
    assert imported(home, *args) == set()


def test_reading_many_sessions_imports_no_models_once_indexed(home: Path) -> None:
    env = {**os.environ, "FLASH_HOME": str(home), "FLASH_NOW": NOW}
    for who in ("Ada Lovelace", "Grace Hopper"):
        subprocess.run(
            [sys.executable, "-m", "flashcli", "prep", "--with", who],
            env=env,
            check=True,
            capture_output=True,
        )
    subprocess.run(
        [sys.executable, "-m", "flashcli", "notes", "--action", "Read"],
        env=env,
        check=True,
        capture_output=True,
    )
    assert imported(home, "list") == set()
    assert imported(home, "actions", "--json") == set()
    assert imported(home, "list", "--json") == set()
    imported(home)  # the first look at where things stand keeps the checked guidance
    assert imported(home) == {"rich"}  # then it needs only that and the index


def test_a_change_imports_no_rendering_or_calendar(home: Path) -> None:
    env = {**os.environ, "FLASH_HOME": str(home), "FLASH_NOW": NOW}
    subprocess.run(
        [sys.executable, "-m", "flashcli", "prep", "--with", "Ada"],
        env=env,
        check=True,
        capture_output=True,
    )
    assert imported(home, "notes", "a note") == {"pydantic", "email_validator", "tomli_w"}


@pytest.mark.slow
def test_the_benchmark_runs_every_command_it_times() -> None:
    """benchmarks/bench_cli.py at a tiny size: every command exits 0 and gets a row."""
    root = Path(__file__).parent.parent
    result = subprocess.run(
        [
            sys.executable,
            str(root / "benchmarks" / "bench_cli.py"),
            "--sizes",
            "3",
            "--repeat",
            "1",
            "--no-jrnl",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = {line[:40].strip(): line[40:].split() for line in result.stdout.splitlines()[1:]}
    assert len(rows) == 26
    assert rows["flash stats, 3"][2] == "≤2.5x"
    assert rows["flash --help"][2] == rows["flash --help, in French"][2] == "≤1.5x"
    assert rows["flash list, in French, 3"][2] == "≤2.5x"
    assert rows["flash sync, 3"][2:] == [
        "≤1.5x",
        "met" if rows["flash sync, 3"][3] == "met" else "MISSED",
        "of",
        "git",
        "add",
        "…",
        "push,",
        "3",
    ]
    assert rows["flash notes ID TEXT, 3"][2] == "≤3.5x"
    # A change to a file that holds a comment (tomlkit) is held to the same target.
    assert rows["flash prep ID --goal, commented, 3"][2] == "≤3.5x"
    # Measured against the parse floor of the same run (a target only at 10,000 sessions).
    assert rows["flash list, cold, 3"][2:] == ["of", "parse", "floor,", "3"]
    assert rows["flash list, encrypted, cold, 3"][2:] == [
        "of",
        "parse",
        "floor,",
        "encrypted,",
        "3",
    ]
    assert rows["flash search TEXT, 3"][2] == "≤2.5x"
    assert all(float(cells[1].rstrip("x")) > 0 for cells in rows.values())


def test_a_sync_of_what_flash_wrote_imports_no_models(home: Path) -> None:
    """The sessions flash wrote itself are known good from the index: sync checks them
    without pydantic, which would cost more than the git commands it runs."""
    env = {**os.environ, "FLASH_HOME": str(home), "FLASH_NOW": NOW, **NO_GIT_CONFIG}
    for args in (
        ["prep", "--with", "Ada"],
        ["sync", "--setup", "--init"],
        ["sync"],
        ["notes", "x"],
    ):
        subprocess.run(
            [sys.executable, "-m", "flashcli", *args], env=env, check=True, capture_output=True
        )
    assert imported(home, "sync") == set()
