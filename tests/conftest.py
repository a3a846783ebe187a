"""Every test gets its own FLASH_HOME, a fixed clock, a fixed time zone, a fixed width and
English (LANGUAGE=en, LC_ALL=C.UTF-8), whatever the machine speaks: a test about a language sets
its own. XDG_RUNTIME_DIR is the test's too, so the session bus flash finds there is one a test
started, never the person's."""

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flashcli import i18n
from flashcli.cli import app

# A zone with an offset (and summer time) catches code that forgets time zones.
os.environ["TZ"] = "Europe/Paris"
time.tzset()
ENGLISH = {"LANGUAGE": "en", "LC_ALL": "C.UTF-8", "LC_MESSAGES": "", "LANG": "C.UTF-8"}
os.environ.update(ENGLISH)

NOW = "2026-11-28T09:00:00+01:00"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    flash_home = tmp_path / "flash-home"
    monkeypatch.setenv("FLASH_HOME", str(flash_home))
    monkeypatch.setenv("FLASH_NOW", NOW)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    # Where flash looks for the session bus when DBUS_SESSION_BUS_ADDRESS is not set (the daily
    # run): the test's own folder, never the person's bus at /run/user/UID.
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    for name, value in ENGLISH.items():
        monkeypatch.setenv(name, value)
    i18n.choose()  # in-process, a test before may have left flash speaking another language
    return flash_home


Run = Callable[..., "Result"]


class Result:
    def __init__(self, raw: object) -> None:
        self.exit_code: int = raw.exit_code  # type: ignore[attr-defined]
        self.stdout: str = raw.stdout  # type: ignore[attr-defined]
        self.stderr: str = raw.stderr  # type: ignore[attr-defined]
        self.exception = raw.exception  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        return f"<exit {self.exit_code}\nstdout:\n{self.stdout}\nstderr:\n{self.stderr}>"


@pytest.fixture
def run() -> Run:
    """Run flash with arguments (and optional input) through Typer's CliRunner."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        result = Result(runner.invoke(app, list(args), input=input))
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result

    return invoke


def assert_refused(run: Run, folder: Path, *args: str, message: str) -> None:
    """A usage error (exit 2) that says `message`, with no traceback and no session file changed."""
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = run(*args)
    assert result.exit_code == 2, result
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr + result.stdout
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


@pytest.fixture
def sessions_dir(home: Path) -> Path:
    return home / "sessions"


ADA = "Ada Lovelace <ada@example.org>"


@pytest.fixture
def ada(run: Run) -> str:
    """A prepared mentee session with Ada, returning its id."""
    result = run(
        "prep",
        "--with",
        ADA,
        "--purpose",
        "career",
        "--goal",
        "Plan my move into management",
        "--topic",
        "Is management for me?",
        "--topic",
        "First steps",
        "--when",
        "2026-12-01 10:00",
        "--where",
        "Café Nero",
    )
    assert result.exit_code == 0, result
    return "2026-12-01-ada-lovelace"


def without_uids(entries: list[dict]) -> list[dict]:  # type: ignore[type-arg]
    """Notes or actions as stored, each checked to carry a uid, shown without it."""
    import uuid

    for entry in entries:
        uuid.UUID(entry["uid"])
    return [{k: v for k, v in entry.items() if k != "uid"} for entry in entries]


def age_key(path: Path) -> Path:
    """A new age key in PATH, the person's alone (0600), as age-keygen writes it."""
    from pyrage import x25519

    path.write_text(f"{x25519.Identity.generate()}\n")
    path.chmod(0o600)
    return path
