"""Every test gets its own FLASH_HOME, a fixed clock, a fixed time zone, a fixed width and
English (LANGUAGE=en, LC_ALL=C.UTF-8), whatever the machine speaks: a test about a language sets
its own.

And a machine of its own, so that no test touches the real system: HOME and the XDG folders
(config, where the key lives; cache, data, state) under the test's folder, each simulated
machine its own (machine()); a browser that opens nothing; keyring's null backend; and a
private session bus instead of the person's, with XDG_RUNTIME_DIR the test's too, so the
session bus flash finds there is one a test started."""

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
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
# The person's own, as they were before any test ran: a test checks they are untouched.
REAL_HOME = Path.home()
XDG = {
    "HOME": "home",
    "XDG_CONFIG_HOME": "config",
    "XDG_CACHE_HOME": "cache",
    "XDG_DATA_HOME": "data",
    "XDG_STATE_HOME": "state",
}


def machine(flash_home: Path) -> dict[str, str]:
    """The environment of the simulated machine whose data folder is FLASH_HOME: its own HOME
    and XDG folders beside it (the key lives in its config folder), nothing of the real
    system's."""
    root = flash_home.with_name(f"{flash_home.name}.machine")
    return {
        **{name: str(root / folder) for name, folder in XDG.items()},
        "BROWSER": "true",  # a browser flash would open opens nothing
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }


@pytest.fixture(scope="session")
def private_bus() -> Iterator[str | None]:
    """A session bus of the tests' own (None where dbus-daemon is not installed): never the
    person's, which a notification would reach."""
    if shutil.which("dbus-daemon") is None:
        yield None
        return
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert daemon.stdout is not None
    try:
        yield daemon.stdout.readline().strip()
    finally:
        daemon.terminate()
        daemon.wait(10)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_bus: str | None) -> Path:
    flash_home = tmp_path / "flash-home"
    monkeypatch.setenv("FLASH_HOME", str(flash_home))
    for name, value in machine(flash_home).items():
        monkeypatch.setenv(name, value)
    if private_bus is None:
        monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    else:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", private_bus)
    monkeypatch.delenv("FLASH_KEY", raising=False)
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


def key_of(flash_home: Path) -> Path:
    """Where the machine whose data folder is FLASH_HOME keeps its key: its config folder."""
    return Path(machine(flash_home)["XDG_CONFIG_HOME"]) / "flash" / "key.txt"


def copy_key(source: Path, target: Path) -> None:
    """The key of machine SOURCE copied by hand to machine TARGET, as a person copies it."""
    key_of(target).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    shutil.copy2(key_of(source), key_of(target))
