"""The secret a data folder's programme reports take their ids from, and how many reports it
has written: `report.toml` at the data folder's root (`report.toml.age` while it is encrypted).

It is made the first time a report is written, from 32 random bytes, and travels as sessions
do: `flash sync` commits it, a sync folder carries it, and it is sealed when the folder is. So
every machine of a data folder gives one programme's report for one period the same id (an
HMAC of programme and period keyed by it: report.report_id), and ids of different periods
cannot be linked without it. It never leaves in a report.

Two machines that each made one before they met keep the one made first (the earlier `made`;
of two made in the same second, the smaller secret), and a revision above both of theirs, so
that the next report outranks every report either wrote: git's merge driver, a sync folder's
conflict copies, and a folder holding both forms all merge it by that rule, never with
conflict markers. What a pull brings is checked like a session before anything is merged.
"""

import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from flashcli import dates
from flashcli.errors import BadSessionFile, FlashError
from flashcli.i18n import _
from flashcli.store import kept
from flashcli.store.disk import read_file, write_atomic
from flashcli.store.paths import SECRET, SECRET_FORMS, folders, kept_name, secret_forms

LIMIT = 2**20  # a secret file is a few lines: one larger than this is not flash's
KEY = re.compile(r"[0-9a-f]{64}")
KNOWN = ("schema", "secret", "made", "revision")


class BadSecret(BadSessionFile):
    """A report secret file flash cannot read; it is never overwritten."""

    def __init__(self, path: object, reason: str) -> None:
        FlashError.__init__(
            self,
            _(
                "cannot use {path}: {reason}; mend it, or remove it to have a new one made (your "
                "reports then take a new id)"
            ).format(path=path, reason=reason),
        )
        self.path, self.reason = str(path), reason


@dataclass(frozen=True)
class Secret:
    key: str  # 64 lowercase hex digits
    made: datetime
    revision: int  # of the last report written (0: none yet)
    rest: dict[str, Any] = field(default_factory=dict)  # keys a newer flash wrote, kept


def is_secret(name: str) -> bool:
    """Whether a file's name (its path in the data folder) is the report secret's."""
    return name in SECRET_FORMS


def new() -> Secret:
    return Secret(secrets.token_hex(32), dates.now().replace(microsecond=0), 0)


def parse(raw: bytes, where: Path) -> Secret:
    """The secret in a file's bytes (sealed if WHERE's name says so), or BadSecret."""
    if len(raw) > LIMIT:
        raise BadSecret(where, _("it is larger than {value} MB").format(value=LIMIT // 2**20))
    try:
        table = kept.loads_toml(kept.clear(raw, where), where)
    except BadSessionFile as e:
        raise BadSecret(where, e.reason) from None
    return _checked(table, where)


def _checked(table: dict[str, Any], where: Path) -> Secret:
    key, made, revision = (table.get(k) for k in KNOWN[1:])
    if table.get("schema") != 1:
        raise BadSecret(where, _("its schema is not 1"))
    if not (isinstance(key, str) and KEY.fullmatch(key)):
        raise BadSecret(where, _("its secret is not 64 hex digits"))
    if not (isinstance(made, datetime) and made.tzinfo is not None):
        raise BadSecret(where, _("'made' is not a time with an offset"))
    if not (type(revision) is int and revision >= 0):
        raise BadSecret(where, _("its revision is not a whole number"))
    rest = {k: v for k, v in table.items() if k not in KNOWN}
    return Secret(key, made, revision, rest)


def dump(s: Secret) -> bytes:
    import tomli_w

    head = (
        "# flash report: the secret your programme reports take their ids from, and how many\n"
        "# you have written. It travels with your sessions; it is never sent to anyone.\n"
    )
    table = {"schema": 1, "secret": s.key, "made": s.made, "revision": s.revision, **s.rest}
    return (head + tomli_w.dumps(table)).encode("utf-8")


def merged(ours: Secret, theirs: Secret) -> Secret:
    """Two secrets of one data folder as one: the one made first, and a revision above both
    (a report either wrote is outranked by the next)."""
    if ours == theirs:
        return ours
    first = min(ours, theirs, key=lambda s: (s.made, s.key))
    revision = max(ours.revision, theirs.revision) + 1
    return Secret(first.key, first.made, revision, {**theirs.rest, **ours.rest})


def read() -> Secret | None:
    """The data folder's secret (the merge of its two files, if both are there); None when
    there is none yet."""
    found = [parse(read_bytes(path), path) for path in secret_forms()]
    if not found:
        return None
    one = found[0]
    for other in found[1:]:
        one = merged(one, other)
    return one


def read_bytes(path: Path) -> bytes:
    try:
        return read_file(path, limit=LIMIT, follow=False)
    except OSError as e:
        raise BadSecret(path, e.strerror or str(e)) from None


def write(s: Secret) -> Path:
    """Put S where the secret is kept now (sealed in an encrypted folder), removing its file
    of the other form; where it went. Under the lock."""
    path = folders().data / kept_name(SECRET)
    kept.write(path, dump(s))
    for other in secret_forms():
        if other != path:
            other.unlink()
    return path


def claimed(candidate: Secret) -> Secret:
    """The secret with one more report written: the folder's, or CANDIDATE where there is
    none yet (not kept: `write` keeps it once the report is written). Under the lock."""
    found = read() or candidate
    return Secret(found.key, found.made, found.revision + 1, found.rest)


def settle() -> list[str]:
    """The secret kept in one file, as the folder keeps files now (its two files merged, or
    sealed, or opened); what was done. Under the lock."""
    found = secret_forms()
    if not found or [p.name for p in found] == [kept_name(SECRET)]:
        return []
    write(read() or new())
    return [_("put the report secret in {name}").format(name=kept_name(SECRET))]


def merge_files(base: Path, ours: Path, theirs: Path, where: str) -> None:
    """git's merge driver for the secret: OURS and THEIRS merged (their ancestor is not
    needed), written to OURS. Raises ValueError saying what it could not read."""
    sides = []
    for path, name in ((ours, _("this machine's")), (theirs, _("the other machine's"))):
        try:
            sides.append(parse(read_file(path), Path(where)))
        except (BadSessionFile, OSError) as e:
            reason = getattr(e, "reason", None) or getattr(e, "strerror", None) or e
            raise ValueError(
                _("{name} version: {reason}").format(name=name, reason=reason)
            ) from None
    write_atomic(ours, kept.stored(dump(merged(*sides)), Path(where)))
