"""Sessions and the config on disk: found, read, and changed only under the lock.

Every change goes through `update` (or `create`): the file is read again inside the lock, the
operations are applied to it as it is now, the models check each value, and the result is
written atomically. Nothing is written when a rule refuses a change.
"""

import os
import re
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from flashcli import crypt, dates, index, sessionfile, tombstones
from flashcli.crypt import SUFFIX
from flashcli.errors import BadSessionFile, FlashError, Invalid, UsageProblem, escaped, shown
from flashcli.files import (
    changed,
    locked,
    private_dir,
    read_file,
    read_toml,
    sweep,
    write_atomic,
)
from flashcli.models import SCHEMA, Config, Session, invalid
from flashcli.ops import Change
from flashcli.paths import (
    COPY,
    ID_RE,
    conflict_copies,
    copy_of,
    encrypted,
    folders,
    marker,
    session_file,
    session_id,
    session_ids,
)
from flashcli.summary import current

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

# ---------------------------------------------------------------- finding


def path_of(sid: str) -> Path:
    return session_file(sid)


def current_id() -> str:
    """The id of the most recently updated session that is not closed."""
    found = current(index.read_all()[0])
    if found is None:
        raise FlashError(
            'there is no open session; start one with: flash prep --with "Name <email>"'
        )
    return found.id


def resolve(ref: str | None) -> str:
    """An id from an exact id, a unique prefix of one, a meeting date or a partner's name;
    never used as a path until matched."""
    if ref is None:
        return current_id()
    if ID_RE.fullmatch(ref) and path_of(ref).is_file():
        return ref  # a whole id: no need to list ten thousand others
    matches = candidates(ref)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise FlashError(f"no session matches {shown(ref)}; see 'flash list'")
    listed = ", ".join(matches[:4]) + (f" and {len(matches) - 4} more" if len(matches) > 4 else "")
    raise FlashError(f"{shown(ref)} matches {len(matches)} sessions: {listed}; give more of the id")


def candidates(ref: str) -> list[str]:
    """The ids REF may mean: those it begins, and besides, those meeting on the date it is, or
    else those with a partner it names (case and accents aside)."""
    if not ref:
        return []
    found = [i for i in session_ids() if i.startswith(ref)]
    if DAY.fullmatch(ref):
        found += [s.id for s in index.read_all()[0] if s.day == ref and s.id not in found]
    elif not found:
        from flashcli.words import names

        found = sorted(s.id for s in index.read_all()[0] if names(ref, s.partner))
    return found


def load(ref: str | None) -> Session:
    return sessionfile.parse(path_of(resolve(ref)))


def scan() -> tuple[list[Session], list[BadSessionFile]]:
    """Every session file read in full: what the summary index must always agree with."""
    sessions, problems = [], []
    for sid in session_ids():
        try:
            sessions.append(sessionfile.parse(path_of(sid)))
        except BadSessionFile as e:
            problems.append(e)
    return sessions, problems


# ---------------------------------------------------------------- changing


def _applied(session: Session, changes: tuple[Change, ...]) -> Session:
    """The session with the changes made, each value checked by the models as it is set."""
    try:
        for change in changes:
            change(session)
    except ValidationError as e:
        raise invalid(e) from None
    return session


def create(
    day: date, name: str, make: Callable[[str], Session], *changes: Change, email: str | None = None
) -> Session:
    """A new session under a fresh id, DAY-NAME, then DAY-NAME-2, -3, …: made, changed, saved."""
    from flashcli.words import slug

    with locked():
        base = f"{day.isoformat()}-{slug(name, email)}"[:77].rstrip("-")
        sid, n = base, 1
        while path_of(sid).exists() or tombstones.path(sid).exists():  # ids are never reused
            n += 1
            sid = f"{base}-{n}"
        try:
            session = make(sid)
        except ValidationError as e:
            raise invalid(e) from None
        _save(path_of(sid), _applied(session, changes))
        return session


def update(sid: str, *changes: Change) -> Session:
    """Change one session: re-read inside the lock, apply the changes, write atomically."""
    with locked():
        path = path_of(sid)
        if not path.exists():
            raise FlashError(f"session {sid} is gone (deleted meanwhile?); see 'flash list'")
        session = _applied(sessionfile.parse(path), changes)
        session.updated = dates.now()
        if session._from_schema < SCHEMA:
            _keep_original(path)
        _save(path, session)
        return session


def replace(session: Session, base: bytes) -> Path | None:
    """Put an edited session in place of its file, if the file is still BASE. If it changed
    meanwhile, nothing is overwritten: the edit is kept beside it and its place returned."""
    with locked():
        path = path_of(session.id)
        try:
            now_there = path.read_bytes()
        except FileNotFoundError:
            now_there = None
        if now_there != base:
            return keep_edit(session.id, "edit.toml", sessionfile.dump(session))
        session.updated = dates.now()
        _save(path, session)
        return None


def merge_copies() -> list[str]:
    """Merge each conflict copy a sync program left into its session, then remove it: the
    copy and the session by the merge rules (no ancestor: the union, and of two different
    values the one updated last, the other set aside). Then what tombstones that came with
    the folder say: a session deleted on another machine goes, unless it was changed after.
    Returns what was done, a line each."""
    from flashcli import merge

    said = []
    with locked():
        for copy in conflict_copies():
            sid = copy_of(copy)
            path = path_of(sid)
            theirs = sessionfile.checked(read_toml(copy), copy)
            if theirs.id != sid:
                raise BadSessionFile(copy, f"it holds session '{theirs.id}', not {sid}")
            ours = sessionfile.parse(path) if path.exists() else theirs
            _save(path, merge.sessions(None, ours, theirs, copy))
            copy.unlink()
            changed.append(copy)
            said.append(f"merged {escaped(copy.name)} into {sid}, and removed it")
        said += _settle_tombstones()
    return said


def _settle_tombstones() -> list[str]:
    """Each session a tombstone names that is still here: deleted, or kept if it changed
    after the deletion (the tombstone then goes: the session lives on)."""
    said = []
    buried = {sid for p in _listed(folders().sessions) if (sid := tombstones.of(p.name))}
    for sid in sorted(buried & set(session_ids())):
        grave, path = tombstones.path(sid), path_of(sid)
        try:
            updated = sessionfile.parse(path).updated
        except BadSessionFile as e:
            said.append(f"kept {sid} beside its tombstone: {e.reason}")
            continue
        if tombstones.changed_after(updated, read_file(grave)):
            grave.unlink()
            changed.append(grave)
            said.append(f"kept {sid}: it was changed after another machine deleted it")
        else:
            _remove(sid)
            said.append(f"deleted {sid}, as 'flash delete' did on another machine")
    return said


def _save(path: Path, session: Session) -> None:
    """Write a session, then tell the index, so the next list need not parse it again."""
    write_atomic(path, sealed(path, sessionfile.dump(session)))
    changed.append(path)
    index.note_written(path, session.summary())


def _keep_original(path: Path) -> None:
    """Before a file's first rewrite in a newer schema, keep it as it was in <id>.toml.bak
    (<id>.toml.bak.age, as sealed as it was, in an encrypted folder)."""
    plain = path.name.removesuffix(SUFFIX)
    backup = path.with_name(plain + ".bak" + path.name[len(plain) :])
    if not backup.exists():
        write_atomic(backup, path.read_bytes())


DRAFTS = ("agenda", "thanks")  # the drafts `flash email --open` keeps, by kind


def delete(sid: str) -> list[Path]:
    """Remove a session and everything flash wrote for it: its backup, its drafts, a kept edit;
    and leave a tombstone, so that sync deletes it on other machines. Returns what was removed."""
    with locked():
        grave = tombstones.path(sid)
        stone = tombstones.text(sid, dates.now())
        if grave.exists():  # deleted before, and brought back by a change made after
            stone = tombstones.added(read_file(grave), dates.now())
        write_atomic(grave, stone)
        return _remove(sid)


def _remove(sid: str) -> list[Path]:
    place = folders()
    mine = [place.sessions / f"{sid}.toml", place.sessions / f"{sid}.toml.bak"]
    mine += [place.data / "drafts" / f"{sid}-{kind}.eml" for kind in DRAFTS]
    mine += [place.data / f"{sid}-{name}" for name in ("notes-edit.txt", "edit.toml")]
    mine = [p for path in mine for p in (path, path.with_name(path.name + SUFFIX))]
    removed = []
    for path in mine:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as e:
            raise FlashError(f"cannot delete {path}: {e.strerror}") from e
        removed.append(path)
        changed.append(path)
    index.forget()
    return removed


# ---------------------------------------------------------------- other files


def write_new_file(path: Path, data: bytes, force: bool = False) -> None:
    """An exported file: private, atomic, never overwriting one that exists unless forced, and
    even then only a regular file: never a pipe, a device, a folder or a link (nor its target)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise FlashError(f"cannot write {path}: {e.strerror}") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise FlashError(
            f"{path} is {_kind(st.st_mode)}, which flash never replaces; give a new name"
        )
    if st is not None and not force:
        raise FlashError(f"{path} already exists; choose another name or add --force")
    if not path.parent.is_dir():
        raise FlashError(f"cannot write {path}: there is no folder {path.parent}")
    sweep(path.parent, of=path.name)
    write_atomic(path, data)
    changed.append(path)


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISLNK, "a link"), (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a pipe"))
    return next((what for test, what in kinds if test(mode)), "a device or a socket")


def draft_path(sid: str, kind: str) -> Path:
    """Where a draft handed to the mail client lives: a private folder of its own."""
    folder = folders().data / "drafts"
    private_dir(folder)
    return folder / f"{sid}-{kind}.eml"


def set_encryption(on: bool) -> list[str]:
    """Encrypt every file that holds what people wrote (sessions, backups, kept edits,
    drafts), or open them all again; the caches go, to be made again as the folder is now.
    Run again after an interruption, it finishes the job."""
    place = folders()
    said = []
    with locked() as folder:
        if on:
            public, made = crypt.make_key()
            if made:
                said.append(f"made the key {crypt.key_file()} (keep a copy apart from the data)")
            write_atomic(marker(), f"age\n{public}\n".encode("ascii"))
        mine = [
            p
            for p in _listed(folder)
            if session_id(p.name) or ".toml.bak" in p.name or COPY.fullmatch(p.name)
        ]
        mine += [p for p in _listed(place.data) if p.name.endswith(EDITS)]
        mine += _listed(place.data / "drafts")
        count = 0
        for path in mine:
            sealed_now = path.name.endswith(SUFFIX)
            if sealed_now == on:
                continue
            data = read_file(path)
            if on:
                write_atomic(path.with_name(path.name + SUFFIX), crypt.seal(data))
            else:
                write_atomic(
                    path.with_name(path.name.removesuffix(SUFFIX)), crypt.opened(data, path)
                )
            path.unlink()
            changed.append(path)
            count += 1
        for cache in ("index.cache", "index.log", "words.cache"):
            (place.data / cache).unlink(missing_ok=True)
        if not on:
            marker().unlink(missing_ok=True)
    said.append(f"{'encrypted' if on else 'decrypted'} {count} files in {place.data}")
    return said


EDITS = tuple(f"-{name}{end}" for name in ("notes-edit.txt", "edit.toml") for end in ("", SUFFIX))


def _listed(folder: Path) -> list[Path]:
    try:
        return [folder / name for name in sorted(os.listdir(folder))]
    except FileNotFoundError:
        return []


def keep_edit(sid: str, name: str, text: bytes) -> Path:
    """Keep an edit that could not be used for the person, named after the session (sealed,
    in an encrypted folder); where it is."""
    path = folders().data / f"{sid}-{name}{SUFFIX if encrypted() else ''}"
    write_atomic(path, sealed(path, text))
    return path


def sealed(path: Path, data: bytes) -> bytes:
    """DATA as it goes into PATH: encrypted when PATH is an age file."""
    return crypt.seal(data) if path.name.endswith(SUFFIX) else data


def load_config() -> Config:
    path = folders().config_file
    if not path.exists():
        return Config()
    try:
        return Config.load(read_toml(path))
    except BadSessionFile as e:
        raise FlashError(f"cannot read config file {path}: {e.reason}") from None
    except Invalid as e:
        raise FlashError(f"cannot use config file {path}: {e}; fix it") from None


def set_config(key: str, value: str) -> Config:
    """Set one config key (an empty value removes it), re-reading the file under the lock."""
    place = folders()
    private_dir(place.config)
    with locked():
        data = load_config().stored()
        if value == "":
            data.pop(key, None)
        else:
            data[key] = value
        try:
            config = Config.load(data)
        except Invalid as e:
            raise UsageProblem(f"cannot set {key} to {shown(value)}: {e.what}") from None
        write_atomic(place.config_file, sessionfile.dump(config))
        changed.append(place.config_file)
        return config
