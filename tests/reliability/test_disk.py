"""6. Disk trouble: read-only or missing folders, a full disk, a file we may not read."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from flashcli.store import kept
from tests.conftest import Run
from tests.factories import flash
from tests.reliability.procs import snapshot

pytestmark = pytest.mark.slow  # real processes, kills, git: `pytest -m 'not slow'` skips them


@pytest.fixture
def ada(run: Run) -> Path:
    assert (
        run(
            "prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2026-12-01 10:00"
        ).exit_code
        == 0
    )
    return Path(os.environ["FLASH_HOME"]) / "sessions" / "2026-12-01-ada-lovelace.toml"


def test_a_missing_data_folder_is_made_private_on_first_write(tmp_path: Path) -> None:
    home = tmp_path / "not" / "yet" / "there"
    assert flash(home, "list").returncode == 0  # reading makes nothing
    assert not home.exists()
    assert flash(home, "prep", "--with", "Ada").returncode == 0
    assert oct(home.stat().st_mode & 0o777) == "0o700"


def test_an_unusable_data_folder_is_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", "utf-8")
    result = flash(blocker / "flash", "prep", "--with", "Ada")
    assert result.returncode == 1
    assert result.stderr.startswith(f"flash: cannot create folder {blocker / 'flash'}: ")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("target", "error", "message"),
    [
        (
            "flashcli.store.disk._temporary",
            PermissionError(13, "Permission denied"),
            "cannot write in",
        ),  # read-only folder
        (
            "os.fsync",
            OSError(28, "No space left on device"),
            "No space left on device; it is unchanged",
        ),
        (
            "os.replace",
            OSError(30, "Read-only file system"),
            "Read-only file system; it is unchanged",
        ),
    ],
)
def test_a_failing_write_is_a_clear_error_and_the_old_file_stays_simulated(
    run: Run, ada: Path, monkeypatch: pytest.MonkeyPatch, target: str, error: OSError, message: str
) -> None:
    home = ada.parent.parent
    before = snapshot(home)

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(
        target, fail
    )  # root ignores permissions and no disk here fills up: simulate
    result = run("notes", "--action", "Draft the plan")
    assert result.exit_code == 1
    assert message in result.stderr and str(ada.parent) in result.stderr
    assert snapshot(home) == before
    assert not list(ada.parent.glob(".*.tmp"))


def test_a_file_that_cannot_be_read_simulated(
    run: Run, ada: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = kept.read_file  # how every kept file is read

    def denied(path: Path, **kwargs: Any) -> bytes:
        if path == ada:
            raise PermissionError(13, "Permission denied")
        return real(path, **kwargs)

    monkeypatch.setattr(kept, "read_file", denied)
    ada.chmod(0o000)  # what makes it unreadable for anyone but root; root is simulated above
    result = run("notes", "x")
    assert (
        result.exit_code == 1
    )  # the only session is unreadable, so there is no current one to use
    shown = run("show", ada.stem)
    assert shown.exit_code == 1
    assert shown.stderr == f"flash: cannot use session file {ada}: Permission denied\n"
    assert "skipped" in run("list").stderr
    ada.chmod(0o600)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_with_mode_000(ada: Path) -> None:
    ada.chmod(0)
    try:
        result = flash(ada.parent.parent, "show", ada.stem)
        assert result.returncode == 1 and "Permission denied" in result.stderr
    finally:
        ada.chmod(0o600)


# ---------------------------------------------------------------- real disks, in a namespace
# A small tmpfs mounted in a user and mount namespace of its own (unshare -rm): a full disk and
# a read-only one that are real, seen by nothing else on the machine. Skipped where the machine
# does not allow such a namespace.
ON_A_SMALL_DISK = """
import json, os, subprocess, sys
home, fault = sys.argv[1], sys.argv[2]
env = {**os.environ, "FLASH_HOME": home}
def flash(*args):
    done = subprocess.run([sys.executable, "-m", "flashcli", *args], env=env,
                          capture_output=True, text=True, timeout=60)
    return [done.returncode, done.stdout, done.stderr]
said = {"prep": flash("prep", "--with", "Ada Lovelace <ada@example.org>", "--no-input")}
sessions = os.path.join(home, "sessions")
[name] = os.listdir(sessions)
before = open(os.path.join(sessions, name), "rb").read()
if fault == "full":
    filler = os.open(os.path.join(home, "filler"), os.O_WRONLY | os.O_CREAT, 0o600)
    for size in (65536, 4096, 1):
        try:
            while True:
                os.write(filler, b"x" * size)
        except OSError:
            pass
    os.close(filler)
else:
    subprocess.run(["mount", "-o", "remount,ro", home], check=True)
said["notes"] = flash("notes", "--action", "Draft the plan")
said["list"] = flash("list")
said["unchanged"] = open(os.path.join(sessions, name), "rb").read() == before
said["left"] = sorted(os.listdir(sessions))
if fault == "full":
    os.unlink(os.path.join(home, "filler"))
    said["after"] = flash("notes", "--action", "Draft the plan")
print(json.dumps(said))
"""


def _namespaces() -> bool:
    try:
        done = subprocess.run(
            ["unshare", "-rm", "sh", "-c", "mount -t tmpfs tmpfs /mnt"],
            capture_output=True,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


@pytest.mark.skipif(not _namespaces(), reason="no user and mount namespaces here (unshare -rm)")
@pytest.mark.parametrize(
    ("fault", "why"), [("full", "No space left on device"), ("read-only", "Read-only file system")]
)
def test_a_real_full_or_read_only_disk_is_one_line_and_loses_nothing(
    tmp_path: Path, fault: str, why: str
) -> None:
    home = tmp_path / "disk"
    home.mkdir()
    mount = f"mount -t tmpfs -o size=1m,mode=0700 tmpfs {home}"
    run = f'{mount} && exec "$0" -c "$1" "$2" "$3"'
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", run, sys.executable, ON_A_SMALL_DISK, str(home), fault],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    assert said["prep"][0] == 0, said["prep"]
    code, _, err = said["notes"]
    assert code == 1 and why in err and err.count("\n") == 1 and "Traceback" not in err, err
    assert said["unchanged"] and len(said["left"]) == 1  # no half-written file left
    assert said["list"][0] == 0 and "Ada Lovelace" in said["list"][1]
    if fault == "full":
        assert said["after"][0] == 0, said["after"]
