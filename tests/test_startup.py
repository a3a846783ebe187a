"""Start-up: each command imports only what it uses (python -X importtime, real processes)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NOW

HEAVY = ("pydantic", "rich", "icalendar", "filelock", "tomli_w")


def imported(home: Path, *args: str) -> set[str]:
    env = {**os.environ, "FLASH_HOME": str(home), "FLASH_NOW": NOW}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "flashcli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    names = re.findall(r"\|\s+([\w.]+)\s*$", result.stderr, re.MULTILINE)
    return {name.split(".")[0] for name in names} & set(HEAVY)


@pytest.mark.parametrize(
    "args", [["--help"], ["--version"], ["prep", "--help"], ["notes", "--help"]]
)
def test_help_and_version_import_nothing_heavy(home: Path, args: list[str]) -> None:
    assert imported(home, *args) == set()


def test_reading_many_sessions_needs_no_pydantic_once_indexed(home: Path) -> None:
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


def test_a_change_imports_no_rendering_or_calendar(home: Path) -> None:
    env = {**os.environ, "FLASH_HOME": str(home), "FLASH_NOW": NOW}
    subprocess.run(
        [sys.executable, "-m", "flashcli", "prep", "--with", "Ada"],
        env=env,
        check=True,
        capture_output=True,
    )
    assert imported(home, "notes", "a note") == {"pydantic", "filelock", "tomli_w"}
