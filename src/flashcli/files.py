"""Disk primitives with no records behind them: private folders, atomic private writes."""

import os
import tempfile
from contextlib import suppress
from pathlib import Path

from flashcli.errors import FlashError


def private_dir(path: Path) -> None:
    """Create a folder and any missing parents as 0700, whatever the umask."""
    missing = []
    while not path.exists():
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
            folder.chmod(0o700)
        except FileExistsError:
            pass
        except OSError as e:
            raise FlashError(
                f"cannot create folder {folder}: {e.strerror}; check FLASH_HOME and permissions"
            ) from e


def write_atomic(path: Path, data: bytes) -> None:
    """Write a 0600 file all at once: a temporary file beside it, fsync, rename."""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise FlashError(f"cannot write in {path.parent}: {e.strerror}; nothing was changed") from e
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException as e:
        with suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise FlashError(f"could not save {path}: {e.strerror}; it is unchanged") from e
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
