"""What git could not merge by itself in a pull, settled by what it means, and said.

- One session in two forms: sealed (ID.toml.age) on one side and changed in clear (ID.toml)
  on the other, or the reverse (encryption turned on, or off, on one machine). Git sees a file
  deleted on one side and changed on the other; it is one session, merged with its common
  ancestor as the merge driver merges any session, and kept in the form the folder has now.
- A session deleted on one side and changed on the other goes only where a tombstone says so
  and it was not changed after; the line then says what the deleting machine never saw, and
  the command that shows it from git.
- Anything else stops the pull (which undoes the merge).
"""

import os
import shlex
from datetime import UTC, datetime
from pathlib import Path

from flashcli.errors import FlashError, escaped
from flashcli.i18n import _, ngettext
from flashcli.merge import merge_versions
from flashcli.store import kept, tombstones
from flashcli.store.crypt import key_file
from flashcli.store.disk import read_file, write_atomic
from flashcli.store.paths import MARKER_TEXT, folders, marker, other_form, session_id
from flashcli.sync.git import Done, blobs, git
from flashcli.sync.messages import Change, difference, session_table
from flashcli.sync.repo import MARKER


def unmerged() -> dict[str, set[int]]:
    """The files git left unmerged, with the stages it has of each (1 base, 2 ours, 3 theirs)."""
    found: dict[str, set[int]] = {}
    for entry in git("ls-files", "-u", "-z").names():
        info, __, name = entry.partition("\t")
        found.setdefault(name, set()).add(int(info.split()[2]))
    return found


def settle(done: Done) -> list[str]:
    """Settle what git left unmerged (DONE: its merge); a line for each session settled. What
    cannot be settled raises, and pull() undoes the merge."""
    left = unmerged()
    marked = left.pop(MARKER, None) is not None  # changed on both sides, or gone on one
    # A session changed on one side and gone on the other; the driver failed on any other.
    refused = [f for f, stages in left.items() if not (session_id_of(f) and len(stages) == 2)]
    if not (left or marked) or refused:
        raise _cannot(done, refused)
    if marked:  # encrypted on either side: encrypted (what it says is never read)
        write_atomic(marker(), MARKER_TEXT)
        git("add", "--", MARKER)
    return [_settled(file, 2 in stages) for file, stages in left.items()]


def _cannot(done: Done, refused: list[str]) -> FlashError:
    """Why the merge cannot be made, in the driver's words where it gave any."""
    drivers = [
        line.removeprefix("flash: ")
        for line in done.err.decode("utf-8", "replace").splitlines()
        if line.startswith("flash: cannot merge")
    ]
    if drivers:
        why = escaped(drivers[0])
    elif refused:
        why = f"git could not merge {escaped(', '.join(refused))}"
    else:
        why = f"git merge failed: {done.why()}"
    return FlashError(
        _("{why}: sort it out with git in {data} or ask for help, then 'flash sync' again").format(
            why=why, data=folders().data
        )
    )


def _settled(file: str, here: bool) -> str:
    """Settle FILE, a session changed on one side and gone on the other (HERE: changed on
    this machine); what was done."""
    sid = session_id_of(file)
    assert sid is not None
    other = f"sessions/{other_form(Path(file)).name}"
    if os.path.lexists(folders().data / other):  # not gone: in its other form
        return _paired(sid, file, other, here)
    return _by_tombstone(sid, file, here)


def _paired(sid: str, file: str, other: str, here: bool) -> str:
    """Merge FILE, changed in its old form on one side (HERE: this one), with OTHER, the form
    the other side gave it, against their common ancestor; keep it in the folder's form."""
    base, changed = blobs([f":1:{file}", f":{2 if here else 3}:{file}"])
    data = folders().data
    moved = (read_or_none(data / other) or b"", Path(other))
    old = (changed or b"", Path(file))
    ours, theirs = (old, moved) if here else (moved, old)
    keep, drop = (file, other) if kept.sealed(Path(file)) == marker().exists() else (other, file)
    try:
        text = merge_versions((base or b"", Path(file)), ours, theirs, where=Path(keep))
    except ValueError as e:
        raise FlashError(
            _(
                "cannot merge {sid}, sealed on one machine and changed on the other: {why}; "
                "nothing was merged"
            ).format(sid=sid, why=escaped(str(e)))
        ) from None
    kept.write(data / keep, text)
    git("rm", "--quiet", "--force", "--", drop)
    git("add", "--", keep)
    return _form_changed(sid, kept.sealed(Path(other)), here)


def _form_changed(sid: str, sealed: bool, elsewhere: bool) -> str:
    """What became of session SID, made SEALED (or opened) on the other machine (ELSEWHERE)
    or on this one, and changed in its old form on the other."""
    if elsewhere and sealed:
        said = _("merged {sid}: sealed on the other machine")
    elif elsewhere:
        said = _("merged {sid}: opened on the other machine")
    elif sealed:
        said = _("merged {sid}: sealed here, changed in clear on the other machine")
    else:
        said = _("merged {sid}: opened here, changed sealed on the other machine")
    return said.format(sid=sid)


def _by_tombstone(sid: str, file: str, here: bool) -> str:
    """FILE, changed on one side (HERE: this one) and gone on the other, kept or deleted as
    its tombstone says."""
    data = folders().data
    grave = f"sessions/{sid}{tombstones.SUFFIX}"
    stone = read_or_none(data / grave)
    updated = session_table(read_or_none(data / file), file).get("updated")
    if stone is None:
        git("add", "--", file)
        return _("kept {sid}: removed on one machine, but not by 'flash delete'").format(sid=sid)
    if tombstones.changed_after(_moment(updated), stone):
        git("add", "--", file)
        git("rm", "--quiet", "--force", "--", grave)
        return _("kept {sid}: it was changed after it was deleted on another machine").format(
            sid=sid
        )
    said = _deleted(sid, file, here)  # before git rm: it reads what the index holds
    git("rm", "--quiet", "--force", "--", file)
    return said


def _deleted(sid: str, file: str, here: bool) -> str:
    """The line for FILE, deleted as a tombstone says, though changed on one side (HERE: this
    one): the notes the deleting side never saw, and the command that shows that version."""
    base, changed = blobs([f":1:{file}", f":{2 if here else 3}:{file}"])
    n = difference(Change(file, base, changed))[0]["+notes"]
    commit = git("rev-parse", "--short=12", "HEAD" if here else "MERGE_HEAD").text.strip()
    command = f"git -C {shlex.quote(str(folders().data))} show {commit}:{shlex.quote(file)}"
    if kept.sealed(Path(file)):
        command += f" | age -d -i {shlex.quote(str(key_file()))}"
    return _deletion(here, n).format(sid=sid, n=n, command=command)


def _deletion(here: bool, n: int) -> str:
    """The words for a deletion made on the other machine (HERE: this one's version was
    changed) or on this one, that N notes of the other side never reached."""
    if here and n:
        return ngettext(
            "deleted {sid}, as 'flash delete' did on the other machine, with {n} note of this "
            "machine's it never saw; it is in git: {command}",
            "deleted {sid}, as 'flash delete' did on the other machine, with {n} notes of this "
            "machine's it never saw; they are in git: {command}",
            n,
        )
    if here:
        return _(
            "deleted {sid}, as 'flash delete' did on the other machine; this machine's last "
            "version is in git: {command}"
        )
    if n:
        return ngettext(
            "deleted {sid}, as 'flash delete' did here, with {n} note of the other machine's "
            "this one never saw; it is in git: {command}",
            "deleted {sid}, as 'flash delete' did here, with {n} notes of the other machine's "
            "this one never saw; they are in git: {command}",
            n,
        )
    return _(
        "deleted {sid}, as 'flash delete' did here; the other machine's last version is in "
        "git: {command}"
    )


def session_id_of(name: str) -> str | None:
    folder, __, base = name.partition("/")
    return session_id(base) if folder == "sessions" else None


def _moment(value: object) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.max.replace(tzinfo=UTC)  # unreadable: taken as changed after, so kept


def read_or_none(path: Path) -> bytes | None:
    """A synced file's bytes as they are (None: not there), never through a link."""
    try:
        return read_file(path, follow=False)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise FlashError(
            _("cannot read {path}: {strerror}").format(path=path, strerror=e.strerror)
        ) from None
