"""Disk primitives with no records behind them: private folders, bounded reads, atomic
private writes, the lock. What a file holds, sealed or not, is kept.py's business."""

import errno
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import partial
from pathlib import Path

from flashcli.errors import FlashError
from flashcli.i18n import _
from flashcli.store.paths import folders

# What this process has changed that a person asked for (a session, the config, an export):
# if printing the result then fails, this says the change stands and must not be made again.
changed: list[Path] = []
# What the person should know of what the store did on the way (a damaged cache made again):
# a line each, said once the command is done.
notices: list[str] = []
READ_LIMIT = 16 * 1024 * 1024  # no session, config or guidance file comes near it
LOCK_SECONDS = 10


def read_file(path: Path, limit: int = READ_LIMIT, follow: bool = True) -> bytes:
    """The bytes of a regular file (or of one a link points to, if FOLLOW), of at most LIMIT
    bytes.

    Raises OSError, its strerror saying why, for anything else: a pipe would block for ever
    and a device such as /dev/zero never ends; a session that is a link could be anywhere.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)  # a pipe opens at once
    try:
        fd = os.open(path, flags | (0 if follow else getattr(os, "O_NOFOLLOW", 0)))
    except OSError as e:
        if not follow and e.errno in (errno.ELOOP, errno.EMLINK):
            raise OSError(e.errno, _("it is a link, which flash never follows")) from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, _("it is not a regular file (a pipe, a device, a folder?)"))
        if st.st_size > limit:
            raise OSError(
                errno.EFBIG, _("it is larger than {value} MB").format(value=limit // 2**20)
            )
        with os.fdopen(os.dup(fd), "rb") as f:
            return f.read()
    finally:
        os.close(fd)


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
                _(
                    "cannot create folder {folder}: {strerror}; check FLASH_HOME and permissions"
                ).format(folder=folder, strerror=e.strerror)
            ) from e


def lock(lock_file: Path, seconds: float) -> Callable[[], None]:
    """Take an exclusive lock on LOCK_FILE, waiting up to SECONDS; returns what releases it.

    Raises TimeoutError when the wait runs out and OSError when the file cannot be locked.
    On POSIX this is flock(2) on the file, the lock filelock itself takes there, without
    filelock's import (logging, secrets, decimal: about 17 ms on every change); elsewhere,
    filelock.
    """
    if sys.platform == "win32":
        from filelock import FileLock  # its Timeout is a TimeoutError

        held = FileLock(lock_file, timeout=seconds, mode=0o600)
        held.acquire()
        return held.release
    import fcntl

    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + seconds
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return partial(os.close, fd)  # closing the file releases the lock
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise TimeoutError(
                        _("{lock_file} is locked").format(lock_file=lock_file)
                    ) from None
                time.sleep(0.05)
    except BaseException:
        os.close(fd)
        raise


def _temporary(path: Path) -> tuple[int, str]:
    """A new 0600 file beside PATH, named with this process's id, so that once the process is
    gone (killed mid-write) the next writer knows the file for a leftover and sweeps it."""
    while True:
        tmp = str(path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp"))
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), tmp
        except FileExistsError:
            continue


LEFTOVER = re.compile(r"\..+\.(?:(\d+)-)?[0-9a-f]+\.tmp")  # older ones bear no process id


def sweep(folder: Path, of: str = "") -> None:
    """Remove the temporary files that writers killed mid-write left in FOLDER (those of the
    file named OF only, when given).

    One whose writer still runs is left alone: folders outside the lock (the index's, the
    drafts', an export's) may have a writer at work.
    """
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if not (name.endswith(".tmp") and name.startswith(f".{of}")):
            continue  # ten thousand sessions: most names are settled by this alone
        m = LEFTOVER.fullmatch(name)
        if m and not _running(m.group(1)):
            with suppress(OSError):
                (folder / name).unlink()


EDIT_FOLDER = re.compile(r"\.edit-(?:(\d+)-)?[a-z0-9_]+")  # editor.py's, by process id


def sweep_edits(data: Path) -> None:
    """Remove the private folders that editors of flashes killed meanwhile left in DATA,
    with what was being edited in clear in them; those of a flash still running stay."""
    import shutil

    try:
        names = [n for n in os.listdir(data) if n.startswith(".edit-")]
    except OSError:
        return
    for name in names:
        m = EDIT_FOLDER.fullmatch(name)
        if m and not _running(m.group(1)):
            shutil.rmtree(data / name, ignore_errors=True)


def _running(pid: str | None) -> bool:
    if pid is None or int(pid) == os.getpid() or os.name == "nt":
        return pid is not None  # (on Windows os.kill would end the process, not test it)
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def write_atomic(path: Path, data: bytes) -> None:
    """Write a 0600 file all at once: a temporary file beside it, fsync, rename."""
    try:
        fd, tmp = _temporary(path)
    except OSError as e:
        raise FlashError(
            _("cannot write in {parent}: {strerror}; nothing was changed").format(
                parent=path.parent, strerror=e.strerror
            )
        ) from e
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
            raise FlashError(
                _("could not save {path}: {strerror}; it is unchanged").format(
                    path=path, strerror=e.strerror
                )
            ) from e
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextmanager
def locked() -> Iterator[Path]:
    """Hold the data folder's lock; yields the sessions folder."""
    place = folders()
    private_dir(place.sessions)
    try:
        release = lock(place.lock_file, LOCK_SECONDS)
    except TimeoutError:
        raise FlashError(
            _("another flash has held {lock_file} for {lock_seconds}s; try again").format(
                lock_file=place.lock_file, lock_seconds=LOCK_SECONDS
            )
        ) from None
    except OSError as e:
        raise FlashError(
            _("cannot lock {lock_file}: {strerror}").format(
                lock_file=place.lock_file, strerror=e.strerror
            )
        ) from e
    try:
        for folder in (place.sessions, place.data, place.data / "drafts", place.config):
            sweep(folder)  # what writers killed mid-write left, notes and names in it
        sweep_edits(place.data)
        yield place.sessions
    finally:
        release()
