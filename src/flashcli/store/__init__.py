"""The store: sessions on disk, found, read, and changed only under the lock. The only code
that reads or writes a session; the command line uses this module (and config.py) alone.

Every change goes through `update` (or `create`): the file is read again inside the lock, the
operations are applied to it as it is now, the models check each value, and the result is
written atomically. Nothing is written when a rule refuses a change.

Beside it: kept.py (the one read/write pair, and the rule for sealing), disk.py (bounded
reads, atomic writes, the lock), paths.py (folders and file names), sessionfile.py (the file
format), migrate.py, index.py and search_index.py (the caches), crypt.py (the age key),
tombstones.py, config.py (the person's config.toml). The models are imported only inside
the functions that need them: --help and list import this package without pydantic.
"""

from __future__ import annotations

import itertools
import os
import re
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flashcli import dates
from flashcli.errors import BadSessionFile, FlashError, escaped, shown
from flashcli.i18n import _, ngettext
from flashcli.kinds import DAY_PATTERN, ID_BASE_LENGTH
from flashcli.names import names_match, slug
from flashcli.queries import coming, current, one_person
from flashcli.rules import CHECKINS
from flashcli.store import crypt, index, kept, secret, tombstones
from flashcli.store.crypt import key_file, key_warning
from flashcli.store.disk import (
    changed,
    locked,
    notices,
    private_dir,
    read_file,
    sweep,
    write_atomic,
)
from flashcli.store.index import Reading, guidance_data, remembered
from flashcli.store.paths import (
    CACHES,
    COPY,
    ID_RE,
    MARKER_TEXT,
    SEALED,
    SECRET,
    SUFFIXES,
    conflict_copies,
    copy_of,
    encrypted,
    folders,
    kept_name,
    kept_twice,
    marker,
    other_form,
    refuse_links,
    secret_copies,
    session_file,
    session_forms,
    session_id,
    session_ids,
    transition,
    unfinished_transition,
    unsettled,
)
from flashcli.store.reportfiles import read_report, recipient, sealed_to
from flashcli.store.secret import Secret

if TYPE_CHECKING:
    from flashcli.models import Session
    from flashcli.ops import Change
    from flashcli.store.search_index import Found

# What the store lends the command line from its own modules, beside the functions below: the
# command line reaches nothing else in the package (but store.config, the person's settings).
__all__ = [
    "Reading",
    "Secret",
    "changed",
    "conflict_copies",
    "encrypted",
    "folders",
    "guidance_data",
    "key_file",
    "key_warning",
    "locked",
    "notices",
    "read_report",
    "recipient",
    "refuse_links",
    "remembered",
    "sealed_to",
    "secret_copies",
    "session_ids",
    "unfinished_transition",
]

DAY = re.compile(DAY_PATTERN)

# ---------------------------------------------------------------- finding


def path_of(sid: str) -> Path:
    """Where session SID is written (sealed or not, as the folder is now)."""
    return session_file(sid)


def current_id(open_only: bool = False) -> str:
    """The id of the most recently updated session that is not closed; with none open, of the
    most recently updated one, unless OPEN_ONLY."""
    found = current(index.read_all()[0], open_only)
    if found is None:
        raise FlashError(
            _('there is no open session; start one with: flash prep --with "Name <email>"')
        )
    return found.id


def resolve(ref: str | None, open_only: bool = False) -> str:
    """An id from an exact id, a unique prefix of one, a meeting date or a partner's name;
    never used as a path until matched. None: the current session (an open one, if
    OPEN_ONLY)."""
    if ref is None:
        return current_id(open_only)
    if ID_RE.fullmatch(ref) and session_forms(ref):
        return ref  # a whole id: no need to list ten thousand others
    return _one_of(ref, candidates(ref))


def resolve_to_read(ref: str | None) -> tuple[str, str | None]:
    """As resolve, for a command that only shows a session: a REF that matches several
    sessions, all with one person, means the coming one (queries.coming); and the line that
    says which it took and names the others. A change never guesses: resolve lists them."""
    if ref is None or (ID_RE.fullmatch(ref) and session_forms(ref)):
        return resolve(ref), None
    matches = candidates(ref)
    found = [s for s in index.read_all()[0] if s.id in matches]
    if len(matches) < 2 or len(found) != len(matches) or not one_person(found):
        return _one_of(ref, matches), None
    chosen, ahead = coming(found, dates.now().timestamp())
    others = _named(sorted(s.id for s in found if s is not chosen))
    said = (
        _(
            "{ref} matches {n} sessions with {name}: this is the coming one, {sid}; for another, "
            "give its id: {others}"
        )
        if ahead
        else _(
            "{ref} matches {n} sessions with {name}: this is the most recent, {sid}; for "
            "another, give its id: {others}"
        )
    )
    name = escaped(chosen.partner)
    return chosen.id, said.format(
        ref=shown(ref), n=len(found), name=name, sid=chosen.id, others=others
    )


def _named(ids: list[str]) -> str:
    """Up to four ids, and how many more."""
    more = _(" and {value} more").format(value=len(ids) - 4) if len(ids) > 4 else ""
    return ", ".join(ids[:4]) + more


def _one_of(ref: str, matches: list[str]) -> str:
    """The one session of MATCHES, which REF matched; else why REF names none, or which."""
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise FlashError(_("no session matches {ref}; see 'flash list'").format(ref=shown(ref)))
    raise FlashError(
        _("{ref} matches {n} sessions: {listed}; give more of the id").format(
            ref=shown(ref), n=len(matches), listed=_named(matches)
        )
    )


def candidates(ref: str) -> list[str]:
    """The ids REF may mean: those it begins, and besides, those meeting on the date it is, or
    else those with a partner it names (case and accents aside), by their name or by the name
    as the id spells it ('li' for 李小龙, whose id ends li-xiao-long). A whole id never means
    another made when it was taken: X is not a prefix of X-2."""
    if not ref:
        return []
    found = [i for i in session_ids() if i.startswith(ref) and not AGAIN.fullmatch(i[len(ref) :])]
    if DAY.fullmatch(ref):
        found += [s.id for s in index.read_all()[0] if s.day == ref and s.id not in found]
    elif not found:
        found = sorted(
            s.id
            for s in index.read_all()[0]
            if names_match(ref, s.partner) or names_match(ref, _spelled(s.id))
        )
    return found


AGAIN = re.compile(r"-\d+")  # what an id takes when it is taken already: …
SPELLED = re.compile(rf"{DAY_PATTERN}-(.+?)(?:-\d+)?")


def names_a_session(text: str) -> bool:
    """Whether TEXT is written as a session id is (a date, then the name as ids spell it)."""
    return bool(ID_RE.fullmatch(text) and SPELLED.fullmatch(text))


def _spelled(sid: str) -> str:
    """The partner's name as id SID spells it, in words: 'li xiao long'."""
    found = SPELLED.fullmatch(sid)
    return found.group(1).replace("-", " ") if found else ""


def load(ref: str | None) -> Session:
    return read(resolve(ref))


def read(sid: str) -> Session:
    """Session SID as kept: its file, or the merge of its two files (ID.toml and
    ID.toml.age are one session), which its next write puts in one."""
    from flashcli.store import sessionfile

    files = session_forms(sid)
    if not files:
        raise _gone(sid)
    return sessionfile.parse_kept(files)


def summaries(progress: Callable[[int, int], None] | None = None) -> Reading:
    """Every session's summary and every unreadable file, from the index (parsing only the
    files that changed, PROGRESS told how far it got)."""
    return index.read_all(progress)


def parse_edit(text: str, sid: str) -> Session:
    """Session SID as a person left it in their editor, checked as its file would be."""
    from flashcli.store import sessionfile

    path = path_of(sid)
    session = sessionfile.parse_text(text, path)
    if session.id != sid:
        raise BadSessionFile(path, _("the id is {sid}; it cannot change here").format(sid=sid))
    return session


def search(text: str) -> tuple[list[Found], int]:
    """The lines holding TEXT, case and accents aside, in every session, newest first; and
    how many files could not be read."""
    from flashcli.store import search_index

    return search_index.find(text)


def _gone(sid: str) -> FlashError:
    return FlashError(
        _("session {sid} is gone (deleted meanwhile?); see 'flash list'").format(sid=sid)
    )


def scan() -> tuple[list[Session], list[BadSessionFile]]:
    """Every session file read in full: what the summary index must always agree with."""
    sessions, problems = [], []
    for sid in session_ids():
        try:
            sessions.append(read(sid))
        except BadSessionFile as e:
            problems.append(e)
    return sessions, problems


def stored_text(sid: str) -> tuple[bytes, bytes]:
    """Session SID's TOML in clear, as a person edits it, and the bytes of its file as they
    are now (for `replace`); a session kept in two files is first put in one."""
    with locked():
        if len(session_forms(sid)) > 1:
            _save(read(sid))
    path = path_of(sid)
    try:
        base = read_file(path, follow=False)
    except FileNotFoundError:
        raise _gone(sid) from None
    except OSError as e:
        raise BadSessionFile(path, e.strerror or str(e)) from None
    return kept.clear(base, path), base


# ---------------------------------------------------------------- changing


def _applied(make: Callable[[], Session], changes: tuple[Change, ...]) -> Session:
    """The session MAKE gives, with the changes made, each value checked by the models as it
    is set."""
    from pydantic import ValidationError

    from flashcli.models import invalid

    try:
        session = make()
        for change in changes:
            change(session)
    except ValidationError as e:
        raise invalid(e) from None
    return session


def create(
    day: date, name: str, make: Callable[[str], Session], *changes: Change, email: str | None = None
) -> Session:
    """A new session under a fresh id, DAY-NAME, then DAY-NAME-2, -3, …: made, changed, saved."""

    with locked():
        _key_opens_the_folder()
        base = f"{day.isoformat()}-{slug(name, email)}"[:ID_BASE_LENGTH].rstrip("-")
        sid, n = base, 1
        while session_forms(sid) or tombstones.path(sid).exists():  # ids are never reused
            n += 1
            sid = f"{base}-{n}"
        session = _applied(lambda: make(sid), changes)
        _save(session)
        return session


def _key_opens_the_folder() -> None:
    """In an encrypted folder, the key in use opens its sessions: a new one sealed with
    another key would be one the other machines cannot open. A change to a session needs no
    such check: reading it first opens it. Tried on up to three, in case one is damaged."""
    if not encrypted():
        return
    with os.scandir(folders().sessions) as listing:  # the first three: no need to list all
        found = (Path(e.path) for e in listing if e.name.endswith(SUFFIXES[1]))
        sealed = list(itertools.islice(found, 3))
    for path in sealed:
        try:
            kept.read(path)
            return
        except (OSError, BadSessionFile):
            continue
    if sealed:
        raise FlashError(
            _(
                "the key in {key_file} opens none of the sessions here (such as {name}): name the "
                "key they were encrypted with in FLASH_KEY; nothing was changed"
            ).format(key_file=crypt.key_file(), name=sealed[0].name)
        )


def update(sid: str, *changes: Change) -> Session:
    """Change one session: re-read inside the lock, apply the changes, write atomically."""
    with locked():
        from flashcli.models import SCHEMA

        session = _applied(lambda: read(sid), changes)
        session.updated = dates.now()
        if session._from_schema < SCHEMA:
            _keep_original(session_forms(sid)[0])
        _save(session)
        return session


def replace(session: Session, base: bytes) -> Path | None:
    """Put an edited session in place of its file, if the file is still BASE. If it changed
    meanwhile, nothing is overwritten: the edit is kept beside it and its place returned."""
    from flashcli.store import sessionfile

    with locked():
        path = path_of(session.id)
        try:
            now_there = read_file(path, follow=False)
        except OSError:
            now_there = None
        if now_there != base or len(session_forms(session.id)) > 1:
            return keep_edit(session.id, "edit.toml", sessionfile.dump(session))
        session.updated = dates.now()
        _save(session)
        return None


def merge_copies(accept_deletions: bool = False) -> list[str]:
    """Merge each conflict copy a sync program left into its session, then remove it: the
    copy and the session by the merge rules (no ancestor: the union, and of two different
    values the one updated last, the other set aside). Then what tombstones that came with
    the folder say: a session deleted on another machine goes, unless it was changed after.
    Returns what was done, a line each."""
    from flashcli import merge
    from flashcli.store import sessionfile

    said = []
    with locked():
        for copy in conflict_copies():
            sid = copy_of(copy)
            theirs = sessionfile.checked(kept.read_toml(copy), copy)
            if theirs.id != sid:
                raise BadSessionFile(
                    copy, _("it holds session '{id}', not {sid}").format(id=theirs.id, sid=sid)
                )
            ours = read(sid) if session_forms(sid) else theirs
            _save(merge.sessions(None, ours, theirs, copy))
            copy.unlink()
            changed.append(copy)
            said.append(
                _("merged {name} into {sid}, and removed it").format(
                    name=escaped(copy.name), sid=sid
                )
            )
        said += _merge_secret_copies()
        said += _settle_tombstones(accept_deletions)
        said += catch_up_encryption()  # the marker may have come with the folder
    return said


def _merge_secret_copies() -> list[str]:
    """Each conflict copy of the report secret merged into it (secret.merged), then removed;
    what was done, a line each. Under the lock."""
    said = []
    for copy in secret_copies():
        theirs = secret.parse(secret.read_bytes(copy), copy)
        ours = secret.read()
        secret.write(theirs if ours is None else secret.merged(ours, theirs))
        copy.unlink()
        changed.append(copy)
        said.append(
            _("merged {name} into the report secret, and removed it").format(
                name=escaped(copy.name)
            )
        )
    return said


def _settle_pairs() -> list[str]:
    """Each session kept in two files (ID.toml beside ID.toml.age: from a machine that did
    not yet know the folder is encrypted, or an encryption under way) merged into one file,
    as the folder is now; what was done, a line each. Under the lock."""
    pairs = kept_twice({p.name for p in _listed(folders().sessions)})
    for sid in pairs:
        _save(read(sid))
    return [_("merged the two files of {sid} into one").format(sid=sid) for sid in pairs]


def _settle_tombstones(accept_deletions: bool) -> list[str]:
    """Each session a tombstone names that is still here: deleted, or kept if it changed
    after the deletion (the tombstone then goes: the session lives on). Too many deletions at
    once are refused unless ACCEPT_DELETIONS (tombstones.too_many). Under the lock."""
    said: list[str] = []
    doomed: list[str] = []
    spared: list[str] = []
    here = set(session_ids())
    buried = {sid for p in _listed(folders().sessions) if (sid := tombstones.of(p.name))}
    for sid in sorted(buried & here):
        grave = tombstones.path(sid)
        try:
            updated = read(sid).updated
        except BadSessionFile as e:
            said.append(
                _("kept {sid} beside its tombstone: {reason}").format(sid=sid, reason=e.reason)
            )
            continue
        later = tombstones.changed_after(updated, read_file(grave, follow=False))
        (spared if later else doomed).append(sid)
    if tombstones.too_many(len(doomed), len(here)) and not accept_deletions:
        raise tombstones.refused(doomed, len(here), _("the tombstones in the sync folder"))
    for sid in spared:
        tombstones.path(sid).unlink()
        changed.append(tombstones.path(sid))
        said.append(
            _("kept {sid}: it was changed after another machine deleted it").format(sid=sid)
        )
    for sid in doomed:
        _remove(sid)
        said.append(_("deleted {sid}, as 'flash delete' did on another machine").format(sid=sid))
    return said


def _save(session: Session) -> None:
    """Write a session where it is kept now (sealed in an encrypted folder), removing its
    file of the other kind if there is one; then tell the index, so the next list need not
    parse it again."""
    from flashcli.store import sessionfile

    path = path_of(session.id)
    clear = sessionfile.dump(session)
    kept.write(path, clear)
    changed.append(path)
    for other in session_forms(session.id):
        if other != path:
            other.unlink()
            changed.append(other)
    index.note_written(path, session.summary(), clear)


def _keep_original(path: Path) -> None:
    """Before a file's first rewrite in a newer schema, keep it as it was in <id>.toml.bak
    (<id>.toml.bak.age, as sealed as it was, in an encrypted folder)."""
    plain = path.name.removesuffix(SEALED)
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
            stone = tombstones.added(read_file(grave, follow=False), dates.now())
        write_atomic(grave, stone)
        return _remove(sid)


def _remove(sid: str) -> list[Path]:
    place = folders()
    mine = [place.sessions / f"{sid}.toml", place.sessions / f"{sid}.toml.bak"]
    mine += [place.data / "drafts" / f"{sid}-{kind}.eml" for kind in DRAFTS]
    mine = [p for path in mine for p in (path, other_form(path))]
    mine += [p for name in ("notes-edit.txt", "edit.toml") for p in kept_edits(sid, name)]
    mine += [copy for copy in conflict_copies() if copy_of(copy) == sid]  # notes are in them
    removed = []
    for path in mine:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as e:
            raise FlashError(
                _("cannot delete {path}: {strerror}").format(path=path, strerror=e.strerror)
            ) from e
        removed.append(path)
        changed.append(path)
    index.forget()
    return removed


# ---------------------------------------------------------------- the report secret


def report_secret() -> Secret | None:
    """The secret this data folder's programme reports take their ids from (None before the
    first report)."""
    return secret.read()


def new_report_secret() -> Secret:
    return secret.new()


def write_report(
    path: Path, made: Callable[[Secret], bytes], candidate: Secret, force: bool = False
) -> Secret:
    """Write the report MADE gives for the folder's secret (CANDIDATE where there is none
    yet) with one more revision to PATH (as write_new_file does), then keep that secret: a
    report not written takes no revision. The secret it was made with."""
    with locked():
        taken = secret.claimed(candidate)
        write_new_file(path, made(taken), force)
        secret.write(taken)
        changed.append(folders().data / kept_name(SECRET))
        return taken


# ---------------------------------------------------------------- other files


def write_new_file(path: Path, data: bytes, force: bool = False) -> None:
    """An exported file: private, atomic, never overwriting one that exists unless forced, and
    even then only a regular file: never a pipe, a device, a folder or a link (nor its target)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise FlashError(
            _("cannot write {path}: {strerror}").format(path=path, strerror=e.strerror)
        ) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise FlashError(
            _("{path} is {kind}, which flash never replaces; give a new name").format(
                path=path, kind=_kind(st.st_mode)
            )
        )
    if st is not None and not force:
        raise FlashError(
            _("{path} already exists; choose another name or add --force").format(path=path)
        )
    if not path.parent.is_dir():
        raise FlashError(
            _("cannot write {path}: there is no folder {parent}").format(
                path=path, parent=path.parent
            )
        )
    sweep(path.parent, of=path.name)
    write_atomic(path, data)
    changed.append(path)


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISLNK, _("a link")),
        (stat.S_ISDIR, _("a folder")),
        (stat.S_ISFIFO, _("a pipe")),
    )
    return next((what for test, what in kinds if test(mode)), _("a device or a socket"))


def draft_path(sid: str, kind: str) -> Path:
    """Where a draft handed to the mail client lives: a private folder of its own."""
    folder = folders().data / "drafts"
    private_dir(folder)
    return folder / f"{sid}-{kind}.eml"


def set_encryption(on: bool) -> list[str]:
    """Encrypt every file that holds what people wrote (sessions, backups, kept edits,
    drafts), or open them all again. Resumable: `encryption.pending` says which way it is
    going until it is done; the marker is written first (on) or removed first (off), so every
    write meanwhile goes the new way, and reads take either; caches go first, never left in
    clear. A file of both kinds is merged (a session) or the newer kept, never overwritten by
    an older copy; what is not a regular file is named and skipped."""
    place = folders()
    said = []
    with locked():
        if encrypted() or unfinished_transition():
            # The key it was sealed with is here (never a new one), one that may seal when
            # sealing, or nothing changes.
            crypt.sealing_identity() if on else crypt.identity()
        elif on and crypt.make_key():
            said.append(
                _("made the key {key_file} (keep a copy apart from the data)").format(
                    key_file=crypt.key_file()
                )
            )
        write_atomic(transition(), b"on\n" if on else b"off\n")
        summaries = index.carried()
        _drop_caches()
        if on:
            write_atomic(marker(), MARKER_TEXT)
        else:
            marker().unlink(missing_ok=True)
        index.keep(summaries)
        count, skipped = _convert(on)
        transition().unlink()
    said.append(
        (
            ngettext("encrypted {n} file in {data}", "encrypted {n} files in {data}", count)
            if on
            else ngettext("decrypted {n} file in {data}", "decrypted {n} files in {data}", count)
        ).format(n=count, data=place.data)
    )
    said += skipped
    return said


def catch_up_encryption() -> list[str]:
    """Under the lock, before sync commits: in a folder that is encrypted (by a pull), what is
    still in clear is sealed and the caches in clear go; anywhere, a session kept in two files
    is made one. What was done, a line each."""
    if not unsettled():
        return []
    if not encrypted():
        return _settle_pairs() + secret.settle()
    _drop_caches()
    count, skipped = _convert(True)
    return [
        ngettext(
            "sealed what was in clear ({n} file): this folder is encrypted",
            "sealed what was in clear ({n} files): this folder is encrypted",
            count,
        ).format(n=count),
        *skipped,
    ]


def _drop_caches() -> None:
    for cache in CACHES:
        for path in (folders().data / cache, other_form(folders().data / cache)):
            path.unlink(missing_ok=True)


def _convert(on: bool) -> tuple[int, list[str]]:
    """Seal (ON) or open every file that holds what people wrote; how many, and a line for
    each file skipped (not a regular file)."""
    place = folders()
    settled = len(secret.settle())  # its two forms merged, never one dropped for the other
    mine = [
        p
        for p in _listed(place.sessions)
        if session_id(p.name) or ".toml.bak" in p.name or COPY.fullmatch(p.name)
    ]
    mine += [p for p in _listed(place.data) if p.name.endswith(EDITS)]
    mine += _listed(place.data / "drafts") + secret_copies()
    count, skipped = settled, []
    for path in mine:
        if kept.sealed(path) == on:
            continue
        target = other_form(path)
        sid = session_id(path.name)
        if sid is not None and target.exists():  # one session in two files: merged
            _save(read(sid))
            count += 1
            continue
        try:
            data = read_file(path, follow=False)
        except OSError as e:
            skipped.append(
                _("skipped {path}: {strerror}").format(path=escaped(str(path)), strerror=e.strerror)
            )
            continue
        if not target.exists():  # else the one written since the transition began stands
            kept.write(target, kept.clear(data, path))
        path.unlink()
        changed.append(path)
        count += 1
    return count, skipped


EDITS = tuple(f"-{name}{end}" for name in ("notes-edit.txt", "edit.toml") for end in ("", SEALED))


def _listed(folder: Path) -> list[Path]:
    try:
        return [folder / name for name in sorted(os.listdir(folder))]
    except FileNotFoundError:
        return []


def edit_in(name: str, text: bytes, edit: Callable[[Path], None]) -> bytes:
    """TEXT as EDIT (the person's editor) leaves it in a private copy called NAME: in a
    0700 folder of the data folder named with this process's id, so that the next flash to
    take the lock removes it, the text in clear with it, if this one is killed meanwhile
    (disk.sweep_edits); removed when done."""
    import tempfile

    private_dir(folders().data)
    prefix = f".edit-{os.getpid()}-"
    with tempfile.TemporaryDirectory(prefix=prefix, dir=folders().data) as folder:
        path = Path(folder) / name
        write_atomic(path, text)
        edit(path)
        return read_file(path)


def keep_edit(sid: str, name: str, text: bytes) -> Path:
    """Keep an edit that could not be used for the person, named after the session (sealed,
    in an encrypted folder), never over one kept before: ID-NAME, then ID.2-NAME, ID.3-NAME…
    (ids hold no dot); where it is."""
    taken = {p.name.removesuffix(SEALED) for p in kept_edits(sid, name)}
    n = 1
    while (plain := f"{sid}{f'.{n}' if n > 1 else ''}-{name}") in taken:
        n += 1
    path = folders().data / kept_name(plain)
    kept.write(path, text)
    return path


def kept_edits(sid: str, name: str) -> list[Path]:
    """The edits of session SID kept under NAME (edit.toml, notes-edit.txt), oldest first."""
    pattern = re.compile(rf"{re.escape(sid)}(?:\.\d+)?-{re.escape(name)}(?:{re.escape(SEALED)})?")
    found = [p for p in _listed(folders().data) if pattern.fullmatch(p.name)]
    return sorted(found, key=lambda p: p.stat().st_mtime_ns)


def kept_edit(path: Path) -> bytes:
    """What a kept edit holds, in clear."""
    return kept.read(path)


def drop_kept_edit(path: Path) -> None:
    """Remove a kept edit once it was used."""
    path.unlink(missing_ok=True)
    changed.append(path)


def _config_table() -> dict[str, Any] | None:
    """config.toml as plain data, read without the models: {} when there is none, None when it
    cannot be read (the models say what is wrong where the config is used)."""
    path = folders().config_file
    if not path.exists():
        return {}
    try:
        return kept.loads_toml(kept.read_checked(path, follow=True), path)
    except (BadSessionFile, OSError):
        return None


def configured_language() -> str | None:
    """config.toml's `language`, if it gives one: read without the models, as every run asks
    (`flash config language` checks what it sets)."""
    value = (_config_table() or {}).get("language")
    return value if isinstance(value, str) and value.strip() else None


def checkin_schedule() -> list[tuple[int, str]]:
    """[remind] checkins in config.toml: when check-ins fall due after a held meeting (none
    when off). Read without the models, as bare `flash` lists reminders without pydantic; a
    value they would refuse is handed to them, to be refused in their words."""
    table = _config_table()
    remind = table.get("remind", {}) if table is not None else None
    value = remind.get("checkins", CHECKINS) if isinstance(remind, dict) else None
    if isinstance(value, str):
        if value.strip().lower() == "off":
            return []
        try:
            return dates.periods(value)
        except ValueError:
            pass
    from flashcli.store.config import load_config  # raises, saying what is wrong

    checkins = load_config().remind.checkins or CHECKINS
    return [] if checkins == "off" else dates.periods(checkins)
