"""Two versions of one session merged by what they mean, never with conflict markers.

Used by git (as the merge driver, with the common ancestor) and by `flash sync` for the
conflict copies sync programs leave (with no ancestor).

- notes, actions (and check-ins): matched by their uid (uids.py); those added on either side
  are kept, duplicates as duplicates; one taken away on one side only stays away. The same
  entry on both sides is merged field by field: done on either side is done (an undo on one
  side only stands), any other field as below.
- ticks, topics, questions, the review list: the union, less what one side alone took away.
- reminders set aside, and tick times: each key on either side, less what one side alone took
  away; on both, dismissed stands over a snooze, of two snoozes the later, of two ticks the
  earlier.
- any other field: changed on one side only, that side; changed on both to different
  values, the side updated last, and the other value goes to the `conflicts` table, so that
  nothing is lost.

It works on the TOML tables as read, so keys flash does not know are merged like the others.

Run as `python -m flashcli.merge BASE OURS THEIRS [PATH]` (git's %O %A %B %P), it writes the
merge to OURS and exits 0; what it cannot merge it reports in one line on stderr, exiting 1,
and never raises: git then leaves the file unmerged, and `flash sync` undoes the merge. The
report secret (PATH report.toml) goes to the same driver, and is merged by its own rule
(store/secret.py).
"""

import contextlib
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flashcli import uids
from flashcli.errors import BadSessionFile
from flashcli.i18n import _
from flashcli.kinds import DISMISSED
from flashcli.store import secret
from flashcli.store.disk import read_file, write_atomic
from flashcli.store.paths import session_id

if TYPE_CHECKING:
    from flashcli.models import Session

Table = dict[str, Any]
SETS = ("ticked", "topics", "questions", "review")
LATEST = ("updated", "sequence")  # the larger stands
EARLIEST = ("created",)


def merge(base: Table | None, ours: Table, theirs: Table) -> Table:
    """OURS and THEIRS merged against BASE, their common ancestor (None when not known)."""
    ours_later = _instant(ours.get("updated")) >= _instant(theirs.get("updated"))
    merged: Table = {}
    conflicts: Table = {**_table(theirs.get("conflicts")), **_table(ours.get("conflicts"))}
    for key in [*ours, *(k for k in theirs if k not in ours)]:
        if key == "conflicts":
            continue
        was = base.get(key) if base is not None else None
        mine, other = ours.get(key), theirs.get(key)
        if key in SETS:
            merged[key] = _set(was if base is not None else None, mine or [], other or [])
        elif key in uids.LISTS:
            was, mine, other = (
                [] if side is None else uids.filled(side.get("id"), key, side.get(key) or [])
                for side in (base, ours, theirs)
            )
            merged[key] = _entries(key, was, mine, other, base is not None, ours_later, conflicts)
        elif key in KEYED:
            merged[key] = _keyed(_table(was) if base is not None else None, mine, other, KEYED[key])
        elif key in LATEST or key in EARLIEST:
            present = [v for v in (mine, other) if v is not None]
            merged[key] = (max if key in LATEST else min)(present, key=_instant)
        else:
            value, lost = _field(was, mine, other, base is not None, ours_later)
            if value is not None:
                merged[key] = value
            if lost is not None:
                conflicts[key] = lost
    if conflicts:
        merged["conflicts"] = conflicts
    return merged


def _instant(value: object) -> tuple[int, float, str]:
    """What orders times (and numbers) of any form a file may hold: with an offset or without
    (local time), as TOML values or as text; anything else after them, by its text."""
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = datetime.fromisoformat(value.strip())
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    if isinstance(value, datetime):
        try:
            return 0, value.timestamp(), ""  # a time with no offset is taken as local
        except (OverflowError, OSError, ValueError):
            pass
    if isinstance(value, int | float) and not isinstance(value, bool):
        return 0, float(value), ""
    return 1, 0.0, str(value)


def _table(value: object) -> Table:
    return dict(value) if isinstance(value, dict) else {}


def _field(was: Any, mine: Any, other: Any, known: bool, ours_later: bool) -> tuple[Any, Any]:
    """A field's merged value, and the value set aside, if any."""
    if mine == other:
        return mine, None
    if known and mine == was:
        return other, None
    if known and other == was:
        return mine, None
    if mine is None or other is None:  # set on one side only, with no ancestor to tell
        return (mine if other is None else other), None
    return (mine, other) if ours_later else (other, mine)


def _set(was: list[Any] | None, mine: list[Any], other: list[Any]) -> list[Any]:
    """The union, in order, less what one side alone took away from BASE."""
    gone = []
    if was is not None:
        gone = [x for x in was if (x in mine) != (x in other)]
    union: list[Any] = []
    for x in [*mine, *other]:
        if x not in union and x not in gone:
            union.append(x)
    return union


def _keyed(was: Table | None, mine: Any, other: Any, pick: Callable[[list[Any]], Any]) -> Table:
    """A table by key (reminders set aside, tick times): each key on either side, less what
    one side alone took away; a key on both sides, as PICK chooses of the two values."""
    mine, other = _table(mine), _table(other)
    keys = _set(list(was) if was is not None else None, list(mine), list(other))
    merged: Table = {}
    for key in keys:
        found = [v for v in (mine.get(key), other.get(key)) if v is not None]
        merged[key] = pick(found)
    return merged


def _hush(found: list[Any]) -> Any:
    """Dismissed over snoozed; of two snoozes, the later."""
    dismissed = [v for v in found if isinstance(v, str) and v.strip().lower() == DISMISSED]
    return dismissed[0] if dismissed else max(found, key=_instant)


def _earlier(found: list[Any]) -> Any:
    return min(found, key=_instant)


# The tables merged key by key, and how two values of one key are chosen between.
KEYED: dict[str, Callable[[list[Any]], Any]] = {"reminders": _hush, "ticked_at": _earlier}


def _entries(
    key: str,
    was: list[Table],
    mine: list[Table],
    other: list[Table],
    known: bool,
    ours_later: bool,
    conflicts: Table,
) -> list[Table]:
    """Notes, actions or check-ins by uid: each entry once, merged with itself, less what one
    side took away; notes and check-ins in time order, actions in the order they were agreed."""
    before = {e["uid"]: e for e in was}
    mine_by, other_by = {e["uid"]: e for e in mine}, {e["uid"]: e for e in other}
    merged: list[Table] = []
    for uid in dict.fromkeys([*mine_by, *other_by]):
        a, b = mine_by.get(uid), other_by.get(uid)
        if a is not None and b is not None:
            merged.append(_entry(f"{key}.{uid}", before.get(uid), a, b, ours_later, conflicts))
        elif not known or uid not in before:  # added on one side: one taken away stays away
            merged.append(a if a is not None else b)  # type: ignore[arg-type]
    if key != "actions":
        merged.sort(key=lambda e: _instant(e.get("at")))
    return merged


def _entry(
    where: str, was: Table | None, mine: Table, other: Table, ours_later: bool, conflicts: Table
) -> Table:
    """One entry as both sides have it, field by field; what one side set aside goes to the
    conflicts table under WHERE and the field's name (actions.UID.text)."""
    merged: Table = {}
    for field in [*mine, *(k for k in other if k not in mine)]:
        then = was.get(field) if was is not None else None
        sides = (then, mine.get(field), other.get(field), was is not None)
        if field == "done":
            value, lost = _done(*sides), None
        else:
            value, lost = _field(*sides, ours_later)
        if value is not None:
            merged[field] = value
        if lost is not None:
            conflicts[f"{where}.{field}"] = lost
    return merged


def _done(was: Any, mine: Any, other: Any, known: bool) -> Any:
    """Done on one side only (or undone on one side only) stands; done on both, the earlier."""
    if mine == other:
        return mine
    if known and mine == was:
        return other
    if known and other == was:
        return mine
    present = [d for d in (mine, other) if d is not None]
    return min(present, key=_instant) if present else None


def sessions(base: "Session | None", ours: "Session", theirs: "Session", where: Path) -> "Session":
    """Two sessions merged against their ancestor, checked as a file would be (BadSessionFile,
    naming WHERE, when the merge is not a session flash can read)."""
    from flashcli.store import sessionfile

    tables = [s.stored() if s is not None else None for s in (base, ours, theirs)]
    merged = sessionfile.checked(merge(*tables), where)  # type: ignore[arg-type]
    merged._source = ours._source or theirs._source  # the comments of one side are kept
    return merged


def main(argv: list[str]) -> int:
    """git's merge driver: BASE OURS THEIRS [PATH]; the merge is written to OURS. Whatever
    goes wrong is one line on stderr and exit 1, never a traceback: git then leaves the file
    unmerged, as it was on each side, and nothing is lost."""
    where = argv[4] if len(argv) > 4 else argv[2] if len(argv) > 2 else _("a session")
    try:
        if len(argv) < 4:
            raise ValueError("give BASE OURS THEIRS, as git's %O %A %B")
        files = (Path(argv[1]), Path(argv[2]), Path(argv[3]), where)
        if secret.is_secret(where):  # the report secret, registered for the same driver
            secret.merge_files(*files)
        else:
            _merge_files(*files)
    except Exception as e:  # reported, never raised: git reads the exit status
        print(
            _("flash: cannot merge {where}: {value}").format(
                where=where, value=getattr(e, "message", None) or e
            ),
            file=sys.stderr,
        )
        return 1
    return 0


def _merge_files(base: Path, ours: Path, theirs: Path, where: str) -> None:
    from flashcli.store import kept

    place = Path(where)  # OURS is git's file: WHERE names the session, and its form
    was, mine, other = ((read_file(path), place) for path in (base, ours, theirs))
    write_atomic(ours, kept.stored(merge_versions(was, mine, other, where=place), place))


Side = tuple[bytes, Path]  # a version of a session, and the name that says if it is sealed


def merge_versions(base: Side, ours: Side, theirs: Side, where: Path) -> bytes:
    """Three versions of one session, each in its own form (ID.toml or ID.toml.age), merged
    by meaning: the TOML in clear. ValueError says what could not be merged."""
    from flashcli.store import sessionfile

    try:
        ancestor = _version(base, _("their common"))
    except ValueError:
        ancestor = None  # merged as with no ancestor: both sides of everything are kept
    mine, other = _version(ours, _("this machine's")), _version(theirs, _("the other machine's"))
    if mine is None or other is None:
        raise ValueError(_("one side of it is empty"))
    sid = session_id(where.name)
    if mine.id != other.id or (sid is not None and mine.id != sid):
        raise ValueError(
            _("the two sides hold different sessions ({id}, {id2})").format(
                id=mine.id, id2=other.id
            )
        )
    return sessionfile.dump(sessions(ancestor, mine, other, where))


def _version(side: Side, name: str) -> "Session | None":
    """One version of a session (None: empty, as git gives an ancestor there is none of)."""
    from flashcli.store import kept, sessionfile

    raw, form = side
    if not raw.strip():
        return None
    try:
        text = kept.clear(raw, form).decode("utf-8")
        return sessionfile.parse_text(text, form)
    except UnicodeDecodeError:
        raise ValueError(_("{name} version is not UTF-8 text").format(name=name)) from None
    except BadSessionFile as e:
        raise ValueError(_("{name} version: {reason}").format(name=name, reason=e.reason)) from None


if __name__ == "__main__":
    sys.exit(main(sys.argv))
