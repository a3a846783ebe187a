"""Machines that sync through git, for the sync tests: each a FLASH_HOME that is a clone of
one bare repository, run as real processes, with no global or system git configuration."""

import os
import subprocess
import tomllib
from pathlib import Path
from typing import Any

from tests.factories import NO_GIT_CONFIG, SID, flash

PREPARED = ["prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2026-12-01 10:00"]


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def git(folder: Path, *args: str, check: bool = True, path: str | None = None) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), *args],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            **NO_GIT_CONFIG,
            "PATH": path or os.environ["PATH"],
            "TZ": "Europe/Paris",
        },
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def bare(tmp_path: Path) -> Path:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    return remote


def first_machine(tmp_path: Path, *first: list[str]) -> Path:
    """A laptop that runs FIRST, sets up sync and pushes to a new bare repository."""
    remote, laptop = bare(tmp_path), tmp_path / "laptop"
    for args in first:
        ok(flash(laptop, *args))
    assert "made" in ok(flash(laptop, "sync", "--setup", "--init"))
    git(laptop, "remote", "add", "origin", str(remote))
    ok(flash(laptop, "sync"))
    return laptop


def clone(tmp_path: Path, name: str) -> Path:
    """Another machine: a plain `git clone` of the repository, as a person makes one."""
    home = tmp_path / name
    git(tmp_path, "clone", "--quiet", str(tmp_path / "remote.git"), str(home))
    return home


def prepared(tmp_path: Path) -> tuple[Path, Path]:
    """A laptop with Ada's session, and a desktop cloned from it, never set up."""
    laptop = first_machine(tmp_path, [*PREPARED, "--where", "Café Nero", "--no-input"])
    return laptop, clone(tmp_path, "desktop")


def session(home: Path, sid: str = SID) -> dict[str, Any]:
    """A session as its file holds it, which must never hold a conflict marker."""
    text = (home / "sessions" / f"{sid}.toml").read_text("utf-8")
    assert "<<<<<<<" not in text and ">>>>>>>" not in text
    return tomllib.loads(text)


def notes(home: Path, sid: str = SID) -> list[str]:
    return sorted(n["text"] for n in session(home, sid).get("notes", []))


def clean(home: Path) -> None:
    """Nothing uncommitted, nothing half-merged."""
    assert git(home, "status", "--porcelain") == ""
    assert not (home / ".git" / "MERGE_HEAD").exists()


def committed_files(home: Path) -> set[str]:
    """Every file any commit on any branch ever held."""
    out = git(home, "log", "--all", "--name-only", "--format=")
    return {line for line in out.splitlines() if line}
