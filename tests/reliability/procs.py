"""Running flash as real processes, as many at once as a test needs."""

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import NOW


def env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "FLASH_HOME": str(home),
        "FLASH_NOW": NOW,
        "NO_COLOR": "1",
        "TZ": "Europe/Paris",
    }


def start(home: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "flashcli", *args],
        env=env(home),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def flash(home: Path, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flashcli", *args],
        env=env(home),
        input=input,
        capture_output=True,
        text=True,
        timeout=60,
    )


def snapshot(home: Path) -> dict[str, bytes]:
    """Every file under FLASH_HOME, byte for byte: all but the lock and the caches, which are
    derived and may be written by any command."""
    return {
        str(p.relative_to(home)): p.read_bytes()
        for p in sorted(home.rglob("*"))
        if p.is_file() and p.name.removesuffix(".age") not in DERIVED
    }


DERIVED = (".lock", "index.cache", "index.log", "words.cache", "guidance.cache")
