"""What `flash delete` leaves behind so that other machines delete the session too.

A tombstone is `sessions/ID.deleted`: a line naming the session, then the time it was deleted.
Git and sync programs carry it like any file. A session is deleted on another machine only
where a tombstone says so, and only if it was not changed after that time: a change made later
keeps it. Two machines deleting the same session give two times (git merges tombstones line by
line); the latest counts, and a time still to come counts as now (a tombstone dated 2099 would
otherwise outlive every later change). The id is never reused for a new session.

What arrives is data: a pull or a sync folder that would delete every session here, or more
than a quarter of them, is refused until the person says the deletions are meant
(`flash sync --accept-deletions`).
"""

from datetime import datetime
from pathlib import Path

from flashcli.dates import local, now
from flashcli.errors import FlashError
from flashcli.i18n import ngettext
from flashcli.store.paths import ID_RE, folders

SUFFIX = ".deleted"


def path(sid: str) -> Path:
    return folders().sessions / f"{sid}{SUFFIX}"


def of(name: str) -> str | None:
    """The id a tombstone's file name names; None for any other file."""
    sid = name.removesuffix(SUFFIX)
    return sid if sid != name and ID_RE.fullmatch(sid) else None


def text(sid: str, when: datetime) -> bytes:
    return f"flash: session {sid} was deleted (flash delete), at\n{when.isoformat()}\n".encode()


def added(old: bytes, when: datetime) -> bytes:
    """A tombstone with one more deletion time."""
    return old.rstrip(b"\n") + f"\n{when.isoformat()}\n".encode()


def deleted_at(data: bytes) -> datetime | None:
    """The latest time a tombstone gives, or None when it gives none (it is then not one)."""
    times = []
    for line in data.decode("utf-8", "replace").splitlines():
        try:
            moment = datetime.fromisoformat(line.strip())
        except ValueError:
            continue
        times.append(local(moment))
    return max(times, default=None)


def changed_after(updated: datetime, data: bytes) -> bool:
    """Whether a session updated at UPDATED outlives the tombstone DATA: changed after the
    deletion (a deletion dated later than now taken as now), or the tombstone gives no time."""
    deleted = deleted_at(data)
    return deleted is None or local(updated) > min(deleted, now())


def too_many(gone: int, here: int) -> bool:
    """Whether taking GONE of the HERE sessions a machine has is more than a pull may do
    unasked: every one of two or more, or more than a quarter and at least three."""
    return (here >= 2 and gone == here) or (gone * 4 > here and gone >= 3)


def named(ids: list[str]) -> str:
    """The first few of IDS, for a message: 'a, b, c, …'."""
    return ", ".join(ids[:3]) + (", …" if len(ids) > 3 else "")


def refused(gone: list[str], here: int, whence: str) -> FlashError:
    """The error of a pull from WHENCE that would delete the sessions GONE of HERE."""
    return FlashError(
        ngettext(
            "{whence} would delete {n} of the {here} sessions here ({named}); nothing was "
            "deleted: if it was deleted on purpose, run 'flash sync --accept-deletions'",
            "{whence} would delete {n} of the {here} sessions here ({named}); nothing was "
            "deleted: if they were deleted on purpose, run 'flash sync --accept-deletions'",
            len(gone),
        ).format(whence=whence, n=len(gone), here=here, named=named(gone))
    )
