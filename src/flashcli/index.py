"""The caches that let a command read without parsing: session summaries, and the guidance.

index.cache holds every session's summary, keyed by file name, size, modification and change
times and inode, so an unchanged file is never parsed again; a changed, added or removed file
is noticed by one directory scan. guidance.cache holds the checked guidance while neither
guidance file changes. Both are only caches: missing, corrupt or stale, they give the same
answers as reading every file. They are stored with marshal, several times quicker to load
than JSON: no person reads them. Parsing (and so pydantic) is imported only when a file must
be read.
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
from flashcli.paths import BUILT_IN_GUIDANCE, file_key, folders, is_session_file, stat_key
from flashcli.summary import Summary

FORMAT = 4
# The journal is folded into the index once it passes this size (some hundreds of writes);
# until then reading it costs less than rewriting the index after every change.
JOURNAL_FOLD = 256 * 1024
# Files to parse before parsing on several cores pays for starting the workers.
PARALLEL_FROM = 1000
# Per file name: the file's size, mtime, ctime and inode when it was read.
Keys = dict[str, tuple[int, ...]]
# Per file name: its summary as a plain tuple (marshal stores no classes), or why it is unreadable.
Rows = dict[str, tuple[Any, ...] | str]


def path() -> Path:
    return folders().data / "index.cache"


def journal() -> Path:
    """Summaries of the files flash itself wrote since the index was last saved."""
    return folders().data / "index.log"


def note_written(file: Path, summary: Summary) -> None:
    """Append a written file's summary to the journal: one short line, whatever the index size."""
    with suppress(OSError):
        line = json.dumps([file.name, stat_key(file.stat()), summary.to_json()])
        fd = os.open(journal(), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(fd, (line + "\n").encode("utf-8"))
        finally:
            os.close(fd)


def _load(where: Path) -> tuple[Keys, Rows, bool]:
    """The cached keys and rows, journal included, and whether the index needs writing anew."""
    keys: Keys = {}
    rows: Rows = {}
    try:
        # Our own 0600 file in a 0700 folder; marshal builds data, it runs no code.
        data = marshal.loads(where.read_bytes())  # noqa: S302
        usable = isinstance(data, tuple) and data[:2] == _stamp()
        if usable and isinstance(data[2], dict) and isinstance(data[3], dict):
            keys, rows = data[2], data[3]
        else:
            usable = False
    except FileNotFoundError:
        usable = True  # nothing to mend: it is written once something has to be parsed
    except (OSError, ValueError, EOFError, TypeError, IndexError):
        usable = False
    for name, key, summary in _journal_entries():
        keys[name], rows[name] = key, summary
    return keys, rows, not usable


def _stamp() -> tuple[int, str]:
    # marshal's format may change between Python versions: a new one rebuilds the cache.
    return FORMAT, sys.version.split()[0]


def _journal_size() -> int:
    try:
        return journal().stat().st_size
    except OSError:
        return 0


def _journal_entries() -> list[tuple[str, tuple[int, ...], tuple[Any, ...]]]:
    """The journal's entries in order, later lines winning; a torn last line is skipped."""
    entries: list[tuple[str, tuple[int, ...], tuple[Any, ...]]] = []
    try:
        lines = journal().read_bytes().splitlines()
    except OSError:
        return entries
    for line in lines:
        with suppress(ValueError, KeyError, TypeError):
            name, key, summary = json.loads(line)
            entries.append((name, tuple(key), tuple(Summary.from_json(summary, key[1]))))
    return entries


def _row(file: Path, key: tuple[int, ...]) -> tuple[Any, ...] | str:
    from flashcli import sessionfile  # the models are imported only when a file must be parsed

    try:
        return tuple(sessionfile.parse(file).summary()._replace(mtime_ns=key[1]))
    except BadSessionFile as e:
        return e.reason


def _save(where: Path, keys: Keys, rows: Rows) -> None:
    with suppress(Exception):  # a cache that cannot be written is rebuilt next time
        write_atomic(where, marshal.dumps((*_stamp(), keys, rows)))
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
        folder = folders().sessions
        if not folder.is_dir():
            return [], []
        where = path()
        keys, rows, stale = _load(where)
        current = _keys(folder)
        if current != keys:  # one comparison of every key: nothing changed is the usual case
            rows = _refreshed(folder, current, keys, rows, progress)
            stale = True
        try:
            found = _unpacked(folder, rows)
        except (TypeError, ValueError):  # a damaged entry whose file is unchanged: read them all
            rows = _refreshed(folder, current, {}, {}, progress)
            found = _unpacked(folder, rows)
            stale = True
        if stale or _journal_size() > JOURNAL_FOLD:
            _save(where, current, rows)
        return found
    finally:
        if collecting:
            gc.enable()


def _keys(folder: Path) -> Keys:
    """Every session file's key, from one scan of the folder."""
    keys: Keys = {}
    with os.scandir(folder) as it:
        for entry in it:
            if is_session_file(entry.name):
                keys[entry.name] = stat_key(entry.stat())
    return keys


def _refreshed(
    folder: Path,
    current: Keys,
    keys: Keys,
    rows: Rows,
    progress: Callable[[int, int], None] | None,
) -> Rows:
    """The rows of the files there are now, parsing those that are new or changed."""
    fresh: Rows = {n: rows[n] for n, key in current.items() if keys.get(n) == key and n in rows}
    todo = [(folder / name, key) for name, key in current.items() if name not in fresh]
    fresh.update(_parsed(todo, progress))
    return {name: fresh[name] for name in current}


Todo = list[tuple[Path, tuple[int, ...]]]


def _parsed(todo: Todo, progress: Callable[[int, int], None] | None) -> list[tuple[str, Any]]:
    """Each file's name and row; with many files (a first list), on every core.

    A share of the files goes to each child forked from this process, which starts with the
    models already imported and hands its rows back through a pipe; this process parses its
    own share meanwhile. Nothing else runs on a thread while this happens, so forking is safe.
    """
    workers = min(os.cpu_count() or 1, 8) if len(todo) >= PARALLEL_FROM else 1
    if workers < 2 or not sys.platform.startswith("linux"):
        return _rows(todo, progress, 1)
    from flashcli import sessionfile  # noqa: F401  imported before the fork, for every child

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
) -> list[tuple[str, Any]]:
    found = []
    for done, (file, key) in enumerate(todo, 1):
        found.append((file.name, _row(file, key)))
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
    return summaries, problems


def guidance_data() -> dict[str, Any]:
    """The guidance, checked, as plain data: what bare flash needs, without pydantic's import."""
    cache_file = folders().data / "guidance.cache"
    from_files = (folders().guidance_file, BUILT_IN_GUIDANCE)
    stamp = (*_stamp(), *map(file_key, from_files))
    with suppress(OSError, ValueError, EOFError, TypeError):
        cached = marshal.loads(cache_file.read_bytes())  # noqa: S302  (see _load)
        if isinstance(cached, tuple) and len(cached) == 2 and cached[0] == stamp:
            return dict(cached[1])
    from flashcli import guidance  # checked by its models only when a file changed

    data = guidance.load().model_dump()
    with suppress(Exception):  # a cache that cannot be written is made again next time
        write_atomic(cache_file, marshal.dumps((stamp, data)))
    return data
