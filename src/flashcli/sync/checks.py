"""Nothing is committed or merged that flash cannot read: every session staged, and every
one a pull would bring, is parsed and checked by the models first."""

from pathlib import Path

from flashcli.errors import BadSessionFile, FlashError, escaped
from flashcli.i18n import _
from flashcli.store import crypt, kept, secret, tombstones
from flashcli.store.disk import READ_LIMIT, read_file
from flashcli.store.paths import encrypted, folders, session_id
from flashcli.sync.git import blobs, git
from flashcli.sync.repo import MARKER, inside_a_file, per_machine, synced


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
        if secret.is_secret(name):
            _check_secret(name)
        elif base in unknown or tombstones.of(base):
            try:
                check_bytes(name, read_file(data / name, follow=False))
            except OSError as e:
                raise FlashError(
                    _(
                        "cannot sync: {value} cannot be read ({strerror}); nothing was committed "
                        "or pulled"
                    ).format(value=data / name, strerror=e.strerror)
                ) from None
            except FlashError as e:
                raise FlashError(
                    _(
                        "cannot sync: {name} is not a session flash can read ({reason}); nothing "
                        "was committed or pulled: mend it ('flash edit {value}'), then run 'flash "
                        "sync' again"
                    ).format(name=escaped(name), reason=_reason(e), value=session_id(base) or base)
                ) from None


def _check_secret(name: str) -> None:
    """The report secret about to be committed is one flash can read, or nothing is."""
    path = folders().data / name
    try:
        secret.parse(secret.read_bytes(path), path)
    except FlashError as e:
        raise FlashError(
            _(
                "cannot sync: {name} is not a report secret flash can read ({reason}); nothing "
                "was committed or pulled: mend it, or remove it to have a new one made"
            ).format(name=escaped(name), reason=_reason(e))
        ) from None


def check_bytes(name: str, data: bytes) -> None:
    """A synced file's bytes are readable by flash, or FlashError (BadSessionFile) says why."""
    if secret.is_secret(name):
        secret.parse(data, Path(name))
        return
    base = name.removeprefix("sessions/")
    if len(data) > READ_LIMIT:  # what every command would refuse to read
        raise BadSessionFile(
            name, _("it is larger than {value} MB").format(value=READ_LIMIT // 2**20)
        )
    if tombstones.of(base):
        if tombstones.deleted_at(data) is None:
            raise BadSessionFile(name, _("a tombstone without the time of the deletion"))
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
    kept = _("nothing was merged, and your changes are committed here")
    for file, mode in modes.items():
        if mode != GONE and inside_a_file(file):
            raise FlashError(
                _(
                    "{name} holds {file}, in a folder named as a file flash keeps; {kept}: remove "
                    "it there ('git rm -r {folder}', commit, push), then run 'flash sync' again"
                ).format(
                    name=name,
                    file=escaped(file),
                    folder=escaped(inside_a_file(file) or ""),
                    kept=kept,
                )
            )
        if mode not in (GONE, LINK, SUBMODULE) and file in KEPT_FOLDERS:
            raise FlashError(
                _(
                    "{name} holds {file} as a file, where flash keeps a folder; {kept}: remove it "
                    "there ('git rm {file}', commit, push), then run 'flash sync' again"
                ).format(name=name, file=escaped(file), kept=kept)
            )
        if mode in (LINK, SUBMODULE):
            raise FlashError(
                _(
                    "{name} holds {file} as a {value}, which flash never follows; {kept}: remove "
                    "it there ('git rm {file}', commit, push), then run 'flash sync' again"
                ).format(
                    name=name,
                    file=escaped(file),
                    value="link" if mode == LINK else "submodule",
                    kept=kept,
                )
            )
    watched = [n for n, mode in modes.items() if mode != GONE and (synced(n) or per_machine(n))]
    for file, data in zip(watched, blobs([f"{theirs}:{n}" for n in watched]), strict=True):
        if data is None:
            continue
        if per_machine(file):
            raise FlashError(
                _(
                    "{name} holds {file}, which stays on each machine and is never synced "
                    "(committed by an older flash, or by hand?); {kept}: remove it there ('git rm "
                    "--cached {file}', commit, push), then run 'flash sync' again"
                ).format(name=name, file=escaped(file), kept=kept)
            )
        if file == MARKER:
            have_key(name, kept)
            continue
        try:
            check_bytes(file, data)
        except FlashError as e:
            raise FlashError(
                _(
                    "{name} holds {file}, which flash cannot read ({reason}); {kept}: mend it on "
                    "the machine that wrote it, then run 'flash sync' again"
                ).format(name=name, file=escaped(file), reason=_reason(e), kept=kept)
            ) from None


LINK, SUBMODULE, GONE = "120000", "160000", "000000"
KEPT_FOLDERS = ("sessions", "drafts", "keys", "hooks")  # a file in place of one stops every read


def have_key(name: str, kept: str) -> None:
    """A pull that encrypts the folder needs this machine's key, and never makes one."""
    if encrypted():
        return
    did = _(
        "{name} has encrypted this folder ('flash config encrypt on' on another machine)"
    ).format(name=name)
    if not crypt.key_file().exists():
        raise FlashError(
            _(
                "{did}, and there is no key here: copy key.txt from the machine that encrypted it "
                "to {key_file} (or name it with FLASH_KEY), then run 'flash sync' again; {kept}"
            ).format(did=did, key_file=crypt.key_file(), kept=kept)
        )
    try:
        crypt.sealing_identity()  # what is in clear here is sealed to it after the merge
    except FlashError as e:
        raise FlashError(
            _("{did}, and the key here cannot be used: {message}").format(
                did=did, message=e.message
            )
        ) from None


FRESH = "flash: fresh history"  # how a history --fresh-history made begins


def check_history(name: str, theirs: str, head: str) -> None:
    """Two histories that never met (HEAD's and THEIRS) are joined only if neither is one
    --fresh-history left behind: the clear text it left would come back."""
    here, there = fresh(head), fresh(theirs)
    if there and not here:
        raise FlashError(
            _(
                "{name}'s history was replaced, as 'flash sync --fresh-history' does on another "
                "machine, and this clone still holds the old one; nothing was merged: if one of "
                "your machines did it, run 'flash sync --fresh-history' here to leave the old "
                "history behind and merge; if none did, whoever can push replaced it: keep this "
                "clone's history, and look at {name} before anything else"
            ).format(name=name)
        )
    if here and not there:
        raise FlashError(
            _(
                "this clone's history was replaced ('flash sync --fresh-history'), and {name} "
                "still holds the old one: 'flash sync --fresh-history --push' replaces it there "
                "too; nothing was merged"
            ).format(name=name)
        )


def fresh(commit: str) -> bool:
    """Whether the history of COMMIT begins with a commit --fresh-history made."""
    roots = git("rev-list", "--max-parents=0", commit).text.split()
    subjects = git("log", "--no-walk", "--format=%s", *roots).text.splitlines()
    return any(s.startswith(FRESH) for s in subjects)
