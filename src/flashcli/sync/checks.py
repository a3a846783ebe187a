"""Nothing is committed or merged that flash cannot read: every session staged, and every
one a pull would bring, is parsed and checked by the models first."""

from pathlib import Path

from flashcli.errors import BadSessionFile, FlashError, escaped
from flashcli.store import crypt, kept, tombstones
from flashcli.store.disk import read_file
from flashcli.store.paths import encrypted, folders, session_id
from flashcli.sync.git import blobs, git
from flashcli.sync.repo import MARKER, per_machine, synced


def check_files(names: list[str]) -> None:
    """Every synced file NAMES (under the data folder) is one flash can read, or FlashError
    naming the first that is not: nothing unreadable is ever committed. Sessions flash wrote
    itself, and unchanged since, are known good from the index without reading them again."""
    from flashcli.store import index

    data = folders().data
    sessions = [n.removeprefix("sessions/") for n in names if session_id(n.split("/")[-1])]
    unknown = set(sessions) - index.known_good(sessions)
    for name in names:
        base = name.removeprefix("sessions/")
        if base in unknown or tombstones.of(base):
            try:
                check_bytes(name, read_file(data / name, follow=False))
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
    base = name.removeprefix("sessions/")
    if tombstones.of(base):
        if tombstones.deleted_at(data) is None:
            raise BadSessionFile(name, "a tombstone without the time of the deletion")
        return
    from flashcli.store import sessionfile

    where = Path(name)
    sessionfile.parse_clear(kept.clear(data, where), where)  # as if read from where it goes


def _reason(e: FlashError) -> str:
    return str(getattr(e, "reason", None) or e.message)


def check_incoming(name: str, theirs: str, modes: dict[str, str]) -> None:
    """Every synced file a pull would bring is one flash can read; it brings no link (which
    would lead reads and writes out of the folder) and nothing that stays on each machine
    (git would overwrite this machine's own); and if it encrypts the folder, the key to open
    it is here. Or nothing is merged. MODES: each changed file's mode there."""
    kept = "nothing was merged, and your changes are committed here"
    for file, mode in modes.items():
        if mode in (LINK, SUBMODULE):
            raise FlashError(
                f"{name} holds {escaped(file)} as a {'link' if mode == LINK else 'submodule'}, "
                f"which flash never follows; {kept}: remove it there ('git rm "
                f"{escaped(file)}', commit, push), then run 'flash sync' again"
            )
    watched = [n for n, mode in modes.items() if mode != GONE and (synced(n) or per_machine(n))]
    for file, data in zip(watched, blobs([f"{theirs}:{n}" for n in watched]), strict=True):
        if data is None:
            continue
        if per_machine(file):
            raise FlashError(
                f"{name} holds {escaped(file)}, which stays on each machine and is never synced "
                f"(committed by an older flash, or by hand?); {kept}: remove it there "
                f"('git rm --cached {escaped(file)}', commit, push), then run 'flash sync' again"
            )
        if file == MARKER:
            have_key(name, kept)
            continue
        try:
            check_bytes(file, data)
        except FlashError as e:
            raise FlashError(
                f"{name} holds {escaped(file)}, which flash cannot read ({_reason(e)}); {kept}: "
                "mend it on the machine that wrote it, then run 'flash sync' again"
            ) from None


LINK, SUBMODULE, GONE = "120000", "160000", "000000"


def have_key(name: str, kept: str) -> None:
    """A pull that encrypts the folder needs this machine's key, and never makes one."""
    if encrypted():
        return
    did = f"{name} has encrypted this folder ('flash config encrypt on' on another machine)"
    if not crypt.key_file().exists():
        raise FlashError(
            f"{did}, and there is no key here: copy key.txt from the machine that encrypted it "
            f"to {crypt.key_file()} (or name it with FLASH_KEY), then run 'flash sync' again; "
            f"{kept}"
        )
    try:
        crypt.identity()
    except FlashError as e:
        raise FlashError(f"{did}, and the key here cannot be used: {e.message}") from None


FRESH = "flash: fresh history"  # how a history --fresh-history made begins


def check_history(name: str, theirs: str, head: str) -> None:
    """Two histories that never met (HEAD's and THEIRS) are joined only if neither is one
    --fresh-history left behind: the clear text it left would come back."""
    here, there = fresh(head), fresh(theirs)
    if there and not here:
        raise FlashError(
            f"{name}'s history was replaced by 'flash sync --fresh-history' on another machine, "
            "and this clone still holds the old one: run 'flash sync --fresh-history' here to "
            "leave it behind and merge; nothing was merged"
        )
    if here and not there:
        raise FlashError(
            f"this clone's history was replaced ('flash sync --fresh-history'), and {name} "
            "still holds the old one: 'flash sync --fresh-history --push' replaces it there "
            "too; nothing was merged"
        )


def fresh(commit: str) -> bool:
    """Whether the history of COMMIT begins with a commit --fresh-history made."""
    roots = git("rev-list", "--max-parents=0", commit).text.split()
    subjects = git("log", "--no-walk", "--format=%s", *roots).text.splitlines()
    return any(s.startswith(FRESH) for s in subjects)
