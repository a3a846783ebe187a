"""Nothing is committed or merged that flash cannot read: every session staged, and every
one a pull would bring, is parsed and checked by the models first."""

from pathlib import Path

from flashcli import crypt, tombstones
from flashcli.errors import FlashError, escaped
from flashcli.files import loads_toml, read_file
from flashcli.paths import folders, session_id
from flashcli.sync.git import blobs
from flashcli.sync.repo import per_machine, synced


def check_files(names: list[str]) -> None:
    """Every synced file NAMES (under the data folder) is one flash can read, or FlashError
    naming the first that is not: nothing unreadable is ever committed. Sessions flash wrote
    itself, and unchanged since, are known good from the index without reading them again."""
    from flashcli import index

    data = folders().data
    sessions = [n.removeprefix("sessions/") for n in names if session_id(n.split("/")[-1])]
    unknown = set(sessions) - index.known_good(sessions)
    for name in names:
        base = name.removeprefix("sessions/")
        if base in unknown or tombstones.of(base):
            try:
                check_bytes(name, read_file(data / name))
            except OSError as e:
                raise FlashError(
                    f"cannot sync: {data / name} cannot be read ({e.strerror}); nothing was "
                    "committed or pulled"
                ) from None
            except FlashError as e:
                raise FlashError(
                    f"cannot sync: {escaped(name)} is not a session flash can read "
                    f"({_reason(e)}); nothing was committed or pulled: mend it "
                    f"('flash edit {session_id(base) or base}'), then run 'flash sync' again"
                ) from None


def check_bytes(name: str, data: bytes) -> None:
    """A synced file's bytes are readable by flash, or FlashError (BadSessionFile) says why."""
    from flashcli.errors import BadSessionFile

    base = name.removeprefix("sessions/")
    if tombstones.of(base):
        if tombstones.deleted_at(data) is None:
            raise BadSessionFile(name, "a tombstone without the time of the deletion")
        return
    from flashcli import sessionfile

    where = Path(name)
    session = sessionfile.checked(loads_toml(crypt.opened(data, where), where), where)
    if session.id != session_id(base):
        raise BadSessionFile(name, f"its id '{session.id}' does not match its file name")


def _reason(e: FlashError) -> str:
    return str(getattr(e, "reason", None) or e.message)


def check_incoming(name: str, theirs: str, changed: list[str]) -> None:
    """Every synced file a pull would bring is one flash can read, and it brings nothing
    that stays on each machine (git would overwrite this machine's own); or nothing is merged."""
    watched = [n for n in changed if synced(n) or per_machine(n)]
    for file, data in zip(watched, blobs([f"{theirs}:{n}" for n in watched]), strict=True):
        if data is None:
            continue  # deleted there
        if per_machine(file):
            raise FlashError(
                f"{name} holds {escaped(file)}, which stays on each machine and is never synced "
                "(committed by an older flash, or by hand?); nothing was merged, and your "
                f"changes are committed here: remove it there ('git rm --cached {escaped(file)}', "
                "commit, push), then run 'flash sync' again"
            )
        try:
            check_bytes(file, data)
        except FlashError as e:
            raise FlashError(
                f"{name} holds {escaped(file)}, which flash cannot read ({_reason(e)}); nothing "
                "was merged, and your changes are committed here: mend it on the machine that "
                "wrote it, then run 'flash sync' again"
            ) from None
