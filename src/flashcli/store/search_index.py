"""words.cache: what people wrote in every session, kept for `flash search`.

Each session file's lines (the partner's name, the place, the goal, topics, questions, notes,
actions, feedback) with their folded forms, keyed like index.cache by the file's size, times
and inode: only files that changed are read again. A cache like the other: missing or
damaged, it is made again.
"""

import marshal
from contextlib import suppress
from pathlib import Path
from typing import Any, NamedTuple

from flashcli.errors import BadSessionFile
from flashcli.i18n import _
from flashcli.kinds import NOTE_KINDS
from flashcli.names import fold
from flashcli.store import kept
from flashcli.store.disk import notices
from flashcli.store.index import keys_of
from flashcli.store.paths import folders, kept_name, other_form, session_id

FORMAT = 3  # 2: the partner's name and the place are searched too; 3: check-ins
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
    entries, unreadable = _entries()
    found = _matching(fold(text), entries)
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


def _entries() -> tuple[list[tuple[Any, ...]], int]:
    """Each readable session's entry, from the cache where its file is unchanged; and how many
    files could not be read."""
    folder = folders().sessions
    if not folder.is_dir():
        return [], 0
    cache = folders().data / kept_name("words.cache")
    current = keys_of(folder)
    before = _cached(cache)
    fresh: dict[str, Any] = {}
    for name, key in current.items():
        old = before.get(name)
        whole = isinstance(old, tuple) and len(old) == 2 and old[0] == key
        fresh[name] = old if whole else (key, _read(folder / name))
    if fresh != before:
        with suppress(OSError):
            kept.write(cache, marshal.dumps((FORMAT, fresh)))
            other_form(cache).unlink(missing_ok=True)  # as an older flash named it here
    entries = [entry for _, entry in fresh.values() if entry is not None]
    return entries, len(fresh) - len(entries)


def _cached(cache: Path) -> dict[str, Any]:
    """What words.cache holds, checked here, where it is read: anything but what flash writes
    and it is made again from the files."""
    try:
        stored = marshal.loads(kept.read(cache))  # noqa: S302  flash's own
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, EOFError, TypeError, BadSessionFile):
        stored = None
    if (
        type(stored) is tuple
        and len(stored) == 2
        and stored[0] == FORMAT
        and type(stored[1]) is dict
        and all(map(_sound, stored[1].values()))
    ):
        return stored[1]
    notices.append(_("note: the index of words for search was damaged; it has been made again"))
    return {}


def _sound(item: object) -> bool:
    """Whether a cached item is (key, entry) as _read makes it, the entry None or the id,
    day, partner, (where, line) pairs and the folded text."""
    if type(item) is not tuple or len(item) != 2 or type(item[0]) is not tuple:
        return False
    entry = item[1]
    if entry is None:
        return True
    return (
        type(entry) is tuple
        and len(entry) == 5
        and all(type(v) is str for v in (*entry[:3], entry[4]))
        and type(entry[3]) is list
        and all(
            type(pair) is tuple and len(pair) == 2 and all(type(v) is str for v in pair)
            for pair in entry[3]
        )
    )


def _read(path: Path) -> tuple[Any, ...] | None:
    """A session's id, day, partner, lines and all its text folded; None if it won't read."""
    try:
        data = kept.read_toml(path)  # not checked by the models: pydantic's import is not needed
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
    partner = data.get("partner")
    written: list[tuple[str, Any]] = [
        ("partner", partner.get("name") if isinstance(partner, dict) else None),
        ("where", data.get("where")),
        ("goal", data.get("goal")),
        ("success", data.get("success")),
    ]
    written += [("topic", t) for t in data.get("topics", [])]
    written += [("question", q) for q in data.get("questions", [])]
    # A kind from the file is a word flash knows, never printed as the file spells it.
    written += [(_kind(n.get("kind")), n.get("text")) for n in data.get("notes", [])]
    written += [("action", a.get("text")) for a in data.get("actions", [])]
    written.append(("feedback", data.get("feedback")))
    for c in data.get("checkins", []):
        written += [("check-in", c.get("note")), ("check-in", c.get("next"))]
    return [
        (where, line)
        for where, text in written
        if isinstance(text, str)
        for line in text.split("\n")
        if line.strip()
    ]


def _kind(kind: object) -> str:
    return kind if isinstance(kind, str) and kind in NOTE_KINDS else "note"
