"""words.cache: what people wrote in every session, kept for `flash search`.

Each session file's lines (goal, topics, questions, notes, actions, feedback) with their
folded forms, keyed like index.cache by the file's size, times and inode: only files that
changed are read again. A cache like the other: missing or damaged, it is made again.
"""

import marshal
from contextlib import suppress
from pathlib import Path
from typing import Any, NamedTuple

from flashcli.errors import BadSessionFile
from flashcli.store import crypt
from flashcli.store.disk import read_toml, write_atomic
from flashcli.store.index import keys_of
from flashcli.store.paths import folders, session_id
from flashcli.words import fold

FORMAT = 1
Line = tuple[str, str]  # where it was written (goal, topic, note…) and the line


class Found(NamedTuple):
    session: str
    day: str
    partner: str
    where: str
    line: str


def find(text: str) -> tuple[list[Found], int]:
    """The lines holding TEXT, case and accents aside, in every session, newest first; and
    how many files could not be read."""
    wanted = fold(text)
    try:
        entries, unreadable = _entries(cached=True)
        found = _matching(wanted, entries)
    except (TypeError, ValueError):  # a damaged cache: read every file again
        entries, unreadable = _entries(cached=False)
        found = _matching(wanted, entries)
    found.sort(key=lambda f: (f.day, f.session), reverse=True)
    return found, unreadable


def _matching(wanted: str, entries: list[tuple[Any, ...]]) -> list[Found]:
    return [
        Found(sid, day, partner, where, line)
        for sid, day, partner, lines, folded in entries
        if wanted in folded
        for where, line in lines
        if wanted in fold(line)
    ]


def _entries(cached: bool) -> tuple[list[tuple[Any, ...]], int]:
    """Each readable session's entry, from the cache where its file is unchanged; and how many
    files could not be read."""
    folder = folders().sessions
    if not folder.is_dir():
        return [], 0
    cache = folders().data / "words.cache"
    current = keys_of(folder)
    kept = _cached(cache) if cached else {}
    fresh: dict[str, Any] = {}
    for name, key in current.items():
        old = kept.get(name)
        whole = isinstance(old, tuple) and len(old) == 2 and old[0] == key
        fresh[name] = old if whole else (key, _read(folder / name))
    if fresh != kept:
        with suppress(OSError):
            write_atomic(cache, crypt.cached(marshal.dumps((FORMAT, fresh))))
    entries = [entry for _, entry in fresh.values() if entry is not None]
    return entries, len(fresh) - len(entries)


def _cached(cache: Path) -> dict[str, Any]:
    with suppress(OSError, ValueError, EOFError, TypeError, IndexError):
        stored = marshal.loads(crypt.opened(cache.read_bytes(), cache))  # noqa: S302  flash's own
        if isinstance(stored, tuple) and stored[0] == FORMAT and isinstance(stored[1], dict):
            return stored[1]
    return {}


def _read(path: Path) -> tuple[Any, ...] | None:
    """A session's id, day, partner, lines and all its text folded; None if it won't read."""
    try:
        data = read_toml(path)  # not checked by the models: pydantic's import is not needed
        lines = _lines(data)
        when = data.get("when") or data["created"]
        partner = str(data["partner"]["name"])
        return (
            session_id(path.name),
            when.date().isoformat(),
            partner,
            lines,
            fold("\n".join(t for _, t in lines)),
        )
    except (BadSessionFile, KeyError, TypeError, AttributeError):
        return None


def _lines(data: dict[str, Any]) -> list[Line]:
    """Every line a person wrote, with where it was written."""
    written: list[tuple[str, Any]] = [("goal", data.get("goal")), ("success", data.get("success"))]
    written += [("topic", t) for t in data.get("topics", [])]
    written += [("question", q) for q in data.get("questions", [])]
    written += [(n.get("kind", "note"), n.get("text")) for n in data.get("notes", [])]
    written += [("action", a.get("text")) for a in data.get("actions", [])]
    written.append(("feedback", data.get("feedback")))
    return [
        (where, line)
        for where, text in written
        if isinstance(text, str)
        for line in text.split("\n")
        if line.strip()
    ]
