"""The summary index: a cache of every session's summary in the data folder (index.cache).

Keyed by file name, size, modification and change times and inode, so an unchanged file is
never parsed again; a changed, added or removed file is noticed by one directory scan. It is
only a cache: missing, corrupt or stale, it gives the same answers as reading every file.
It is stored with marshal, several times quicker to load than JSON: no person reads it.
"""

import gc
import json
import marshal
import os
import sys
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from flashcli.errors import BadSessionFile
from flashcli.files import write_atomic
from flashcli.paths import ID_RE, folders
from flashcli.summary import Summary

FORMAT = 2
# The journal is folded into the index once it passes this size (some hundreds of writes);
# until then reading it costs less than rewriting the index after every change.
JOURNAL_FOLD = 256 * 1024
# [key, summary, None] for a readable file, [key, None, reason] for one that is not.
Entry = list[Any]


def path() -> Path:
    return folders().data / "index.cache"


def journal() -> Path:
    """Summaries of the files flash itself wrote since the index was last saved."""
    return folders().data / "index.log"


def note_written(file: Path, summary: Summary) -> None:
    """Append a written file's summary to the journal: one short line, whatever the index size."""
    with suppress(OSError):
        line = json.dumps([file.name, _key(file), summary.to_json()])
        fd = os.open(journal(), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(fd, (line + "\n").encode("utf-8"))
        finally:
            os.close(fd)


def _load(where: Path) -> tuple[dict[str, Entry], bool]:
    """The cached entries, journal included, and whether the index file needs writing anew."""
    entries: dict[str, Entry] = {}
    try:
        # Our own 0600 file in a 0700 folder; marshal builds data, it runs no code.
        data = marshal.loads(where.read_bytes())  # noqa: S302
        if isinstance(data, tuple) and data[:2] == _stamp() and isinstance(data[2], dict):
            entries = data[2]
    except FileNotFoundError:
        return _journal_entries(), False
    except (OSError, ValueError, EOFError, TypeError, IndexError):
        pass
    return entries | _journal_entries(), not entries


def _stamp() -> tuple[int, str]:
    # marshal's format may change between Python versions: a new one rebuilds the cache.
    return FORMAT, sys.version.split()[0]


def _journal_size() -> int:
    try:
        return journal().stat().st_size
    except OSError:
        return 0


def _journal_entries() -> dict[str, Entry]:
    """The journal's entries, later lines winning; a torn last line is skipped."""
    entries: dict[str, Entry] = {}
    try:
        lines = journal().read_bytes().splitlines()
    except OSError:
        return entries
    for line in lines:
        with suppress(ValueError, KeyError, TypeError):
            name, key, summary = json.loads(line)
            entries[name] = [key, summary, None]
    return entries


def _entry(file: Path, key: list[int]) -> Entry:
    from flashcli import store  # records are checked only when a file has to be parsed

    try:
        return [key, store.parse_session(file).summary().to_json(), None]
    except BadSessionFile as e:
        return [key, None, e.reason]


def _save(where: Path, entries: dict[str, Entry]) -> None:
    with suppress(Exception):  # a cache that cannot be written is rebuilt next time
        write_atomic(where, marshal.dumps((*_stamp(), entries)))
        # A line appended meanwhile is lost with the journal: that file is parsed again, no more.
        journal().unlink(missing_ok=True)


def read_all(
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Summary], list[BadSessionFile]]:
    """Every session's summary and every unreadable file, parsing only what changed."""
    # Loading ten thousand entries makes objects by the hundred thousand; the collector would
    # walk them all again and again for nothing, since none of them form cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read_all(progress)
    finally:
        if collecting:
            gc.enable()


def _read_all(
    progress: Callable[[int, int], None] | None,
) -> tuple[list[Summary], list[BadSessionFile]]:
    folder = folders().sessions
    if not folder.is_dir():
        return [], []
    where = path()
    cached, broken = _load(where)
    fresh: dict[str, Entry] = {}
    summaries: list[Summary] = []
    problems: list[BadSessionFile] = []
    files = _session_entries(folder)
    parsed = 0
    for n, file in enumerate(files, 1):
        key = _key(file)
        entry = cached.get(file.name, [])
        found = _unpacked(entry, key)
        if found is None:
            entry = _entry(Path(file.path), key)
            found = _unpacked(entry, key)
            parsed += 1
            if progress:
                progress(n, len(files))
        fresh[file.name] = entry
        if isinstance(found, Summary):
            summaries.append(found)
        else:
            problems.append(BadSessionFile(folder / file.name, str(found)))
    if parsed or broken or set(cached) != set(fresh) or _journal_size() > JOURNAL_FOLD:
        _save(where, fresh)
    return summaries, problems


def _unpacked(entry: Entry, key: list[int]) -> Summary | str | None:
    """The summary an entry holds, or the reason its file is unreadable; None if unusable."""
    if not (isinstance(entry, list) and len(entry) == 3 and entry[0] == key):
        return None
    if entry[1] is None:
        return str(entry[2])
    try:
        return Summary.from_json(entry[1], key[1])
    except (TypeError, ValueError):
        return None


def _session_entries(folder: Path) -> list[os.DirEntry[str]]:
    with os.scandir(folder) as it:
        return [e for e in it if e.name.endswith(".toml") and ID_RE.fullmatch(e.name[:-5])]


def _key(entry: os.DirEntry[str] | Path) -> list[int]:
    st = entry.stat()
    # ctime changes on chmod and on a sync tool's touch too; mtime alone would miss those.
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
