"""The one pair that reads and writes a file flash keeps, and the one rule for sealing it.

A kept file (a session, its backup, a kept edit, a draft, a cache) is sealed in the age format
when its name ends in `.age`, and in clear otherwise: `read` opens it by that rule and `write`
seals it by the same, for the store, the index, the merge, sync and the editor alike. Which
name a new file takes is the folder's choice: sealed while the data folder is encrypted
(`paths.kept_name`).
"""

from pathlib import Path
from typing import Any

from flashcli.errors import BadSessionFile, FlashError
from flashcli.i18n import _
from flashcli.store import crypt
from flashcli.store.disk import READ_LIMIT, read_file, write_atomic
from flashcli.store.paths import SEALED


def sealed(path: Path) -> bool:
    """Whether the file PATH names is sealed: the one rule."""
    return path.name.endswith(SEALED)


def clear(data: bytes, path: Path) -> bytes:
    """The bytes of the file PATH names (read from disk, or from git's history) in clear."""
    return crypt.unseal(data, path) if sealed(path) else data


def read(path: Path, follow: bool = False) -> bytes:
    """A kept file's bytes in clear; a link is followed only if FOLLOW. Raises OSError (its
    strerror says why), or BadSessionFile when a sealed file cannot be opened."""
    return clear(read_file(path, follow=follow), path)


def stored(data: bytes, path: Path) -> bytes:
    """DATA as it is kept in the file PATH names: sealed if its name says so."""
    return crypt.seal(data) if sealed(path) else data


def write(path: Path, data: bytes) -> None:
    """Write DATA to a kept file atomically (0600), sealed if its name says so; refused,
    before anything is written, when flash could not read it back."""
    kept = stored(data, path)
    if len(kept) > READ_LIMIT:
        raise FlashError(
            _(
                "that would make {name} larger than {value} MB, more than flash reads back; "
                "nothing was changed (keep long texts in a file of their own)"
            ).format(name=path.name, value=READ_LIMIT // 2**20)
        )
    write_atomic(path, kept)


def read_checked(path: Path, follow: bool = False) -> bytes:
    """A kept file's bytes in clear, or BadSessionFile saying why it will not read."""
    try:
        return read(path, follow=follow)
    except FileNotFoundError:
        gone = _("it links to a file that is not there") if path.is_symlink() else _("it is gone")
        raise BadSessionFile(path, gone) from None
    except OSError as e:
        raise BadSessionFile(path, e.strerror or str(e)) from None


def read_toml(path: Path, follow: bool = False) -> dict[str, Any]:
    """The table of a kept TOML file (a session, the config); BadSessionFile says why not."""
    return loads_toml(read_checked(path, follow), path)


def loads_toml(raw: bytes, where: Path) -> dict[str, Any]:
    """The table of a TOML file's bytes in clear, WHERE naming it; BadSessionFile says why
    not."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadSessionFile(where, _("it is not UTF-8 text")) from None
    return loads_text(text, where)


def loads_text(text: str, where: Path) -> dict[str, Any]:
    """The table of TOML TEXT, WHERE naming it; BadSessionFile says why not: invalid, or
    nested deeper than the reader goes (which it says as a RecursionError)."""
    import tomli  # compiled: twice as quick as tomllib, which counts when ten thousand are read

    try:
        table = tomli.loads(text)
    except tomli.TOMLDecodeError as e:
        raise BadSessionFile(where, _("not valid TOML: {e}").format(e=e)) from None
    except RecursionError:
        table = None
    if table is None or (_could_be_deep(text) and not shallow(table)):
        raise BadSessionFile(
            where, _("its values are nested more than {depth} deep").format(depth=DEEPEST)
        )
    return table


# Deeper than this, a hand-added value would not be written back or shown as JSON (each
# writer recurses once a level); a session of flash's own is 4 deep.
DEEPEST = 100


def _could_be_deep(text: str) -> bool:
    """Whether TEXT could nest deeper than DEEPEST: each level past the top is opened by a
    '[', a '{' or a dotted key's '.', so a text with fewer of them cannot (most sessions)."""
    return text.count("[") + text.count("{") + text.count(".") >= DEEPEST


def shallow(table: dict[str, Any]) -> bool:
    """Whether no value of TABLE is nested deeper than DEEPEST: the containers walked
    without recursion, the strings and numbers never looked at."""
    stack: list[tuple[Any, int]] = [(table, 1)]
    while stack:
        container, depth = stack.pop()
        if depth > DEEPEST:
            return False
        values = container.values() if isinstance(container, dict) else container
        stack += [(v, depth + 1) for v in values if isinstance(v, dict | list)]
    return True
