"""6. Disk trouble: read-only or missing folders, a full disk, a file we may not read."""

import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run
from tests.reliability.procs import flash, snapshot


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
            "flashcli.files._temporary",
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
def test_a_failing_write_is_a_clear_error_and_the_old_file_stays(
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


def test_a_file_that_cannot_be_read(run: Run, ada: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flashcli import files

    real = files.read_file

    def denied(path: Path, **kwargs: Any) -> bytes:
        if path == ada:
            raise PermissionError(13, "Permission denied")
        return real(path, **kwargs)

    monkeypatch.setattr(files, "read_file", denied)
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
