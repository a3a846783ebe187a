"""One home for what tests make and read back: sessions built in memory, what a session holds
once stored, and flash run as a real process, as a person runs it."""

import json
import os
import subprocess
import sys
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flashcli.models import Partner, Session
from tests.conftest import NOW, Run, machine

NOW_AT = datetime(2026, 11, 28, 8, tzinfo=UTC)  # FLASH_NOW, as a time
SID = "2026-12-01-ada-lovelace"
# As on a fresh machine: no name or address configured for git (flash commits as itself).
NO_GIT_CONFIG = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def session(
    role: str = "mentee", partner: str = "Ada Lovelace", now: datetime = NOW_AT, **fields: Any
) -> Session:
    """A session in memory, checked by the models: Ada's by default, with FIELDS set."""
    fields.setdefault("id", "2026-12-01-ada")
    return Session(role=role, partner=Partner(name=partner), created=now, updated=now, **fields)


def shown(run: Run, sid: str = SID) -> dict[str, Any]:
    """A stored session as `flash show --json` gives it."""
    result = run("show", sid, "--json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def shown_in(home: Path, sid: str = SID) -> dict[str, Any]:
    """A stored session as `flash show --json` gives it, run as a process in HOME."""
    return json.loads(flash(home, "show", sid, "--json").stdout)  # type: ignore[no-any-return]


def on_disk(home: Path, sid: str | None = None) -> dict[str, Any]:
    """A session file's table as tomllib reads it, apart from flash (the only one, if no SID)."""
    if sid is None:
        [path] = (home / "sessions").glob("*.toml")
    else:
        path = home / "sessions" / f"{sid}.toml"
    return tomllib.loads(path.read_text("utf-8"))


def env(
    home: Path, now: str = NOW, path: str | None = None, more: dict[str, str | None] | None = None
) -> dict[str, str]:
    """What flash runs in: its own home, a fixed clock, no colour, no git configuration;
    MORE set (a value of None: that variable unset)."""
    found = {
        **os.environ,
        **machine(home),
        "FLASH_HOME": str(home),
        "FLASH_NOW": now,
        "NO_COLOR": "1",
        "TZ": "Europe/Paris",
        "LANGUAGE": "en",
        "LC_ALL": "C.UTF-8",
        "PATH": path or os.environ["PATH"],
        **NO_GIT_CONFIG,
        **(more or {}),
    }
    return {k: v for k, v in found.items() if v is not None}


def flash(
    home: Path,
    *args: str,
    input: str | None = None,
    now: str = NOW,
    path: str | None = None,
    program: list[str] | None = None,
    more: dict[str, str | None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """flash as a person runs it, to its end (PROGRAM: another launcher than this Python's);
    never a traceback."""
    result = subprocess.run(
        [*(program or [sys.executable, "-m", "flashcli"]), *args],
        env=env(home, now, path, more),
        input=input,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def start(home: Path, *args: str) -> subprocess.Popen[str]:
    """flash started as a process of its own, left running."""
    return subprocess.Popen(
        [sys.executable, "-m", "flashcli", *args],
        env=env(home),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
