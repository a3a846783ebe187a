"""The caches that let a command read without parsing: session summaries, and the guidance.

index.cache holds every session's summary, keyed by file name, size, modification and change
times and inode, so an unchanged file is never parsed again; a changed, added or removed file
is noticed by one directory scan. guidance.cache holds the checked guidance while neither
guidance file changes. Both are only caches: missing, corrupt or stale, they give the same
answers as reading every file. They are stored with marshal, several times quicker to load
than JSON: no person reads them. Parsing (and so pydantic) is imported only when a file must
be read.
"""

import binascii
import gc
import json
import marshal
import os
import sys
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, NamedTuple

from flashcli.errors import BadSessionFile
from flashcli.i18n import _
from flashcli.store import kept
from flashcli.store.disk import notices, write_atomic
from flashcli.store.paths import (
    SUFFIXES,
    file_key,
    folders,
    is_session_file,
    kept_name,
    other_form,
    session_id,
    stat_key,
)
from flashcli.summary import Summary, rows_well_formed, well_formed

FORMAT = 10
# The journal is folded into the index once it passes this size (some hundreds of writes);
# until then reading it costs less than rewriting the index after every change.
JOURNAL_FOLD = 256 * 1024
# Files to parse before parsing on several cores pays for starting the workers.
PARALLEL_FROM = 1000
# Per file name: the file's size, mtime, ctime and inode when it was read.
Keys = dict[str, tuple[int, ...]]
# Per file name: its summary as a plain tuple (marshal stores no classes), or why it is unreadable.
Rows = dict[str, tuple[Any, ...] | str]
# Per file name: a digest of what the file holds in clear, for a file found good. A file that
# only looks changed (touched by a sync or a restore, sealed or opened by encrypt on|off) and
# holds what it held is not parsed again: reading and hashing it is several times quicker.
Digests = dict[str, bytes]


def digest(clear: bytes) -> bytes:
    """The digest of a session file's bytes in clear."""
    import hashlib  # OpenSSL's loading costs every command 3 ms: only when files are read

    return hashlib.blake2b(clear, digest_size=16).digest()


def path() -> Path:
    return folders().data / kept_name("index.cache")


def journal() -> Path:
    """Summaries of the files flash itself wrote since the index was last saved: a line
    each, in clear, or sealed and in base64 in an encrypted folder (index.log.age)."""
    return folders().data / kept_name("index.log")


def note_written(file: Path, summary: Summary, clear: bytes) -> None:
    """Append a written file's summary to the journal (and the digest of CLEAR, what it
    holds): one short line, whatever the index size."""
    forget()
    with suppress(OSError):
        entry = [
            *_stamp(),
            file.name,
            stat_key(file.stat()),
            summary.to_json(),
            digest(clear).hex(),
        ]
        line = json.dumps(entry).encode("utf-8")
        where = journal()
        if kept.sealed(where):  # each line sealed on its own: the journal is only appended to
            line = binascii.b2a_base64(kept.stored(line, where), newline=False)
        fd = os.open(where, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(fd, line + b"\n")
        finally:
            os.close(fd)


def _load(where: Path) -> tuple[Keys, Rows, Digests, bool, bool]:
    """The cached keys, rows and digests, journal included; whether the index needs writing
    anew, and whether it was damaged (an index of an older flash or Python is rebuilt)."""
    keys, rows, digests, stale, damaged = _cached(where)
    # A journal beside an index another flash wrote is that flash's too: read again, quietly.
    entries, torn = ([], False) if stale else _journal_entries()
    for name, key, summary, held in entries:
        keys[name], rows[name], digests[name] = key, summary, held
    return keys, rows, digests, stale or damaged, damaged or torn


def _cached(where: Path) -> tuple[Keys, Rows, Digests, bool, bool]:
    """The keys, rows and digests index.cache holds; whether it is stale, and whether
    damaged."""
    keys: Keys = {}
    rows: Rows = {}
    digests: Digests = {}
    stale, damaged = False, False
    try:
        # Our own 0600 file in a 0700 folder; marshal builds data, it runs no code.
        outer = marshal.loads(kept.read(where))  # noqa: S302
        if isinstance(outer, tuple) and outer and type(outer[0]) is int and outer[:2] != _stamp():
            stale = True  # written by another flash, or under another Python
        elif not _whole(outer):
            damaged = True
        else:
            keys, rows, digests = marshal.loads(outer[3])  # noqa: S302
    except FileNotFoundError:
        pass  # nothing to mend: it is written once something has to be parsed
    except (OSError, ValueError, EOFError, TypeError, BadSessionFile):  # (sealed to another key)
        damaged = True
    if damaged or not _sound(keys, rows, digests):
        keys, rows, digests, damaged = {}, {}, {}, True
    return keys, rows, digests, stale, damaged


def _sound(keys: object, rows: object, digests: object) -> bool:
    """Whether the index's keys, rows and digests are what flash writes: a row for each key,
    each a summary or why its file is unreadable, and digests of good files only. Checked
    each time it is read, here only: a valid checksum says the file is whole, not that what
    it holds is right."""
    return (
        type(keys) is dict
        and type(rows) is dict
        and type(digests) is dict
        and keys.keys() == rows.keys()
        and rows_well_formed(row for row in rows.values() if type(row) is not str)
        and all(type(rows.get(n)) is tuple and type(d) is bytes for n, d in digests.items())
    )


def _whole(outer: object) -> bool:
    """Whether the index holds its keys and rows as written, by their checksum."""
    return (
        isinstance(outer, tuple)
        and len(outer) == 4
        and isinstance(outer[3], bytes)
        and zlib.crc32(outer[3]) == outer[2]
    )


def _stamp() -> tuple[int, str]:
    # marshal's format may change between Python versions: a new one rebuilds the cache.
    return FORMAT, sys.version.split()[0]


def _journal_size() -> int:
    try:
        return journal().stat().st_size
    except OSError:
        return 0


Entry = tuple[str, tuple[int, ...], tuple[Any, ...], bytes]


def _journal_entries() -> tuple[list[Entry], bool]:
    """The journal's entries in order, later lines winning; and whether a line was damaged.

    A last line torn by a kill is expected and skipped quietly, and so is a line another flash
    wrote (its stamp differs, or, before lines had one, it has four items): its file is parsed
    again, as the index of another flash is. Any other line that is not an entry is damage: it
    is skipped too, so its file is parsed again, and the index is said to be mended.
    """
    where = journal()
    try:
        lines = where.read_bytes().split(b"\n")
    except OSError:
        return [], False
    entries: list[Entry] = []
    damaged = False
    for n, line in enumerate(lines, 1):
        entry = _entry(line, where)
        if entry is FOREIGN:
            continue
        if entry is not None:
            entries.append(entry)
        elif line.strip() and n < len(lines):  # ended by a line break: not torn by a kill
            damaged = True
    return entries, damaged


FOREIGN = ("", (), (), b"")  # what _entry gives for a line another flash wrote


def _entry(line: bytes, where: Path) -> Entry | None:
    """A journal line's entry; FOREIGN if another flash wrote it; None if it is not one."""
    try:
        if kept.sealed(where):
            line = kept.clear(binascii.a2b_base64(line, strict_mode=True), where)
        found = json.loads(line)
        if _foreign(found):
            return FOREIGN
        __, __, name, key, summary, held = found
        key = tuple(key)
        row = tuple(Summary.from_json(summary, key[1]))
        held = bytes.fromhex(held)
    except (ValueError, TypeError, IndexError, KeyError, binascii.Error, BadSessionFile):
        return None
    fits = isinstance(name, str) and len(key) == 4 and all(type(k) is int for k in key)
    return (name, key, row, held) if fits and well_formed(row) else None


def known_good(names: list[str]) -> set[str]:
    """Of NAMES (session files in the sessions folder), those the index read, or flash wrote,
    and found good, and that have not changed since: they need not be checked again.

    The journal is read from its end, where flash's latest writes are, and only as far as it
    must; the cache only for what the journal does not settle."""
    folder = folders().sessions
    wanted = {name: file_key(folder / name) for name in names}
    good: set[str] = set()
    settled: set[str] = set()
    where = journal()
    try:
        lines = where.read_bytes().split(b"\n")
    except OSError:
        lines = []
    in_clear = not kept.sealed(where)
    for line in reversed(lines):
        if len(settled) == len(wanted):
            break
        if in_clear and not any(line.startswith(_named(n)) for n in wanted):
            continue  # a line in clear about another file: no need to read it
        entry = _entry(line, where)
        if entry is not None and entry[0] in wanted and entry[0] not in settled:
            settled.add(entry[0])  # the latest line about a file is the one that counts
            if entry[1] == wanted[entry[0]]:
                good.add(entry[0])
    if set(wanted) - settled:
        keys, rows, *__ = _cached(path())
        left = (n for n in wanted if n not in settled)
        good |= {n for n in left if wanted[n] and keys.get(n) == wanted[n] and _fine(rows, n)}
    return good


def _named(name: str) -> bytes:
    """How a journal line in clear about NAME begins."""
    return json.dumps([*_stamp(), name])[:-1].encode("utf-8")


def _foreign(found: object) -> bool:
    """Whether a journal line's items are another flash's: stamped by another version (or
    Python), or of the four items lines had before they were stamped."""
    if not isinstance(found, list):
        return False
    if len(found) == 4 and isinstance(found[0], str):
        return True
    stamped = len(found) == 6 and type(found[0]) is int and isinstance(found[1], str)
    return stamped and tuple(found[:2]) != _stamp()


def _fine(rows: Rows, name: str) -> bool:
    return isinstance(rows.get(name), tuple)


def _row(
    file: Path, key: tuple[int, ...], old: tuple[bytes, Any] | None
) -> tuple[Any, bytes | None]:
    """A file's row (or why it will not read) and the digest of what it holds: the row its
    session had (OLD) if it holds what that was made of, else parsed anew."""
    try:
        clear = kept.read_checked(file)
        made = digest(clear)
        if old is not None and old[0] == made:
            return _touched(old[1], key), made
        from flashcli.store import sessionfile  # the models: only when a file must be parsed

        summary = sessionfile.parse_clear(clear, file).summary()
        return tuple(summary._replace(mtime_ns=key[1])), made
    except BadSessionFile as e:
        return e.reason, None


def _save(where: Path, keys: Keys, rows: Rows, digests: Digests) -> None:
    inner = marshal.dumps((keys, rows, digests))
    with suppress(Exception):  # a cache that cannot be written is rebuilt next time
        kept.write(where, marshal.dumps((*_stamp(), zlib.crc32(inner), inner)))
        # A line appended meanwhile is lost with the journal: that file is parsed again, no more.
        journal().unlink(missing_ok=True)
        for stale in (where, journal()):  # as an older flash named them in this folder
            other_form(stale).unlink(missing_ok=True)


class Reading(NamedTuple):
    summaries: list[Summary]
    problems: list[BadSessionFile]  # the files that could not be read
    mended: bool  # the index was damaged, and has been made again from the files


class _Remembered:
    """Within one command, the reading of the index, until flash writes a session."""

    on = False
    reading: "Reading | None" = None


@contextmanager
def remembered() -> Iterator[None]:
    """Read the index once for a whole command (which may resolve a name, then find the
    current session): a write by this process forgets it."""
    _Remembered.on, _Remembered.reading = True, None
    try:
        yield
    finally:
        _Remembered.on, _Remembered.reading = False, None


def forget() -> None:
    """A session file was written or removed: the next reading reads again."""
    _Remembered.reading = None


def read_all(progress: Callable[[int, int], None] | None = None) -> Reading:
    """Every session's summary and every unreadable file, parsing only what changed."""
    if _Remembered.reading is None:
        reading = _read_all(progress)
        if not _Remembered.on:
            return reading
        _Remembered.reading = reading
    return _Remembered.reading


def _read_all(progress: Callable[[int, int], None] | None) -> Reading:
    # Loading ten thousand entries makes objects by the hundred thousand; the collector would
    # walk them all again and again for nothing, since none of them form cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        folder = folders().sessions
        if not folder.is_dir():
            return Reading([], [], False)
        where = path()
        keys, rows, digests, stale, damaged = _load(where)
        current = keys_of(folder)
        if current != keys:  # one comparison of every key: nothing changed is the usual case
            rows, digests = _refreshed(folder, current, keys, rows, digests, progress)
            stale = True
        found = _unpacked(folder, rows)
        if damaged:
            notices.append(_("note: the index of sessions was damaged; it has been made again"))
        if stale or _journal_size() > JOURNAL_FOLD:
            _save(where, current, rows, digests)
        return Reading(*found, damaged)
    finally:
        if collecting:
            gc.enable()


Carried = tuple[Keys, Rows, Digests]


def carried() -> Carried:
    """The index as it is (its journal folded in), to keep across a change of its name."""
    keys, rows, digests, __, __ = _load(path())
    return keys, rows, digests


def keep(index: Carried) -> None:
    """Write INDEX under the name the folder gives it now: sealed in an encrypted folder.
    Its files have all changed (sealed or opened); what they hold is what the digests say,
    so the first list reads and hashes them rather than parsing them all again."""
    _save(path(), *index)


def keys_of(folder: Path) -> Keys:
    """Every session file's key, from one scan of the folder."""
    keys: Keys = {}
    with os.scandir(folder) as it:
        for entry in it:
            if is_session_file(entry.name):
                try:
                    keys[entry.name] = stat_key(entry.stat())
                except OSError:  # gone since the scan (a delete), or a link to nothing
                    if entry.is_symlink():
                        keys[entry.name] = (-1, -1, -1, -1)  # never current: read, and reported
    return keys


def _refreshed(
    folder: Path,
    current: Keys,
    keys: Keys,
    rows: Rows,
    digests: Digests,
    progress: Callable[[int, int], None] | None,
) -> tuple[Rows, Digests]:
    """The rows of the files there are now, and their digests: a file whose key changed is
    read, and parsed only if what it holds is not what the row of its session was made of."""
    fresh: Rows = {n: rows[n] for n, key in current.items() if keys.get(n) == key and n in rows}
    held = {n: digests[n] for n in fresh if n in digests}
    # What each session's row was made of, by id: a file sealed or opened has a new name.
    before = {session_id(n): (d, rows[n]) for n, d in digests.items()}
    todo = [
        (folder / name, key, before.get(session_id(name)))
        for name, key in current.items()
        if name not in fresh
    ]
    for name, row, made in _parsed(todo, progress):
        fresh[name] = row
        if made is not None:
            held[name] = made
    return {name: fresh[name] for name in current}, {n: held[n] for n in current if n in held}


def _touched(row: tuple[Any, ...], key: tuple[int, ...]) -> tuple[Any, ...]:
    """A row for a file that holds what it held (only good files have a digest, so ROW is a
    summary): only its modification time is new."""
    return tuple(Summary._make(row)._replace(mtime_ns=key[1]))


# Each file to read: its path, its key, and the digest and row its session had, if any.
Todo = list[tuple[Path, tuple[int, ...], tuple[bytes, Any] | None]]


def _parsed(
    todo: Todo, progress: Callable[[int, int], None] | None
) -> list[tuple[str, Any, bytes | None]]:
    """Each file's name, row and digest; with many files (a first list), on every core.

    A share of the files goes to each child forked from this process, which reads (and
    opens) them, parses those that changed, and hands its rows back through a pipe; this
    process does its own share meanwhile. The models are imported before the fork when most
    files are new to the index. Nothing else runs on a thread meanwhile: forking is safe.
    """
    workers = min(os.cpu_count() or 1, 8) if len(todo) >= PARALLEL_FROM else 1
    if workers < 2 or not sys.platform.startswith("linux"):
        return _rows(todo, progress, 1)
    if sum(old is None for _, _, old in todo) * 2 > len(todo):  # mostly new: to be parsed
        from flashcli.store import sessionfile  # noqa: F401  imported once, for every child

    children = [_fork(todo[n::workers]) for n in range(1, workers)]
    found = _rows(todo[::workers], progress, workers)
    for n, (pid, pipe) in enumerate(children, 1):
        with os.fdopen(pipe, "rb") as handed:
            data = handed.read()
        os.waitpid(pid, 0)
        try:
            found += marshal.loads(data)  # noqa: S302  (our own child's rows)
        except (EOFError, ValueError, TypeError):  # the child failed: do its share here
            found += _rows(todo[n::workers], None, 1)
    return found


def _fork(share: Todo) -> tuple[int, int]:
    """A child that parses SHARE and writes its rows to a pipe; its pid and the reading end."""
    reading, writing = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writing)
        return pid, reading
    try:  # the child: never returns, and leaves the parent's buffers to the parent
        os.close(reading)
        with os.fdopen(writing, "wb") as out:
            out.write(marshal.dumps(_rows(share, None, 1)))
    finally:
        os._exit(0)


def _rows(
    todo: Todo, progress: Callable[[int, int], None] | None, shares: int
) -> list[tuple[str, Any, bytes | None]]:
    found = []
    for done, (file, key, old) in enumerate(todo, 1):
        found.append((file.name, *_row(file, key, old)))
        if progress:
            progress(min(done * shares, len(todo) * shares), len(todo) * shares)
    return found


def _unpacked(folder: Path, rows: Rows) -> tuple[list[Summary], list[BadSessionFile]]:
    summaries: list[Summary] = []
    problems: list[BadSessionFile] = []
    make = Summary._make
    for name, row in rows.items():
        if isinstance(row, str):
            problems.append(BadSessionFile(folder / name, row))
        else:
            summaries.append(make(row))
    if len({s.id for s in summaries}) < len(summaries):
        summaries = _one_per_id(folder, summaries, problems)
    return summaries, problems


def _one_per_id(
    folder: Path, summaries: list[Summary], problems: list[BadSessionFile]
) -> list[Summary]:
    """One summary per session where one is kept in two files (ID.toml beside ID.toml.age,
    until its next write makes them one): of their merge, parsed anew while they are two."""
    from flashcli.store import sessionfile

    by_id: dict[str, list[Summary]] = {}
    for s in summaries:
        by_id.setdefault(s.id, []).append(s)
    one = []
    for sid, found in by_id.items():
        if len(found) == 1:
            one.append(found[0])
            continue
        files = [folder / f"{sid}{suffix}" for suffix in SUFFIXES]
        try:
            merged = sessionfile.parse_kept(files).summary()
        except BadSessionFile as e:
            problems.append(e)
            continue
        one.append(merged._replace(mtime_ns=max(s.mtime_ns for s in found)))
    return one


def guidance_data() -> dict[str, Any]:
    """The guidance, checked, as plain data: what bare flash needs, without pydantic's import."""
    from flashcli import i18n

    cache_file = folders().data / "guidance.cache"
    language = i18n.language()
    from_files = folders().guidance_files(language, every=True)
    stamp = (*_stamp(), language, *map(file_key, from_files))
    with suppress(OSError, ValueError, EOFError, TypeError):
        cached = marshal.loads(cache_file.read_bytes())  # noqa: S302  (see _load)
        if isinstance(cached, tuple) and len(cached) == 2 and cached[0] == stamp:
            return dict(cached[1])
    from flashcli import guidance  # checked by its models only when a file changed

    data = guidance.load().model_dump()
    with suppress(Exception):  # a cache that cannot be written is made again next time
        write_atomic(cache_file, marshal.dumps((stamp, data)))
    return data
