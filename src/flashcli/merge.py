"""Two versions of one session merged by what they mean, never with conflict markers.

Used by git (as the merge driver `flash sync --setup` registers, with the common ancestor)
and by `flash sync` for the conflict copies sync programs leave (with no ancestor).

- notes and actions: the union; a note is the same note when its time, kind and text are,
  an action the same action when its text is. One taken away on one side only stays away.
  An action done on either side is done; its due date or owner changed on one side takes it.
- ticks, topics, questions, the review list: the union, less what one side alone took away.
- any other field: changed on one side only, that side; changed on both to different
  values, the side updated last, and the other value goes to the `conflicts` table, so that
  nothing is lost.

It works on the TOML tables as read, so keys flash does not know are merged like the others.

Run as `python -m flashcli.merge BASE OURS THEIRS` (git's %O %A %B), it writes the merge to
OURS and exits 0, or 1 with a line on stderr when a version cannot be read.
"""

import sys
from collections.abc import Callable
from typing import Any

Table = dict[str, Any]
SETS = ("ticked", "topics", "questions", "review")


def _note(n: Table) -> object:
    return (n.get("at"), n.get("kind", "note"), n.get("text"))


def _action(a: Table) -> object:
    return a.get("text")


LISTS: dict[str, Callable[[Table], object]] = {"notes": _note, "actions": _action}
LATEST = ("updated", "sequence")  # the larger stands
EARLIEST = ("created",)


def merge(base: Table | None, ours: Table, theirs: Table) -> Table:
    """OURS and THEIRS merged against BASE, their common ancestor (None when not known)."""
    ours_later = _later(ours, theirs)
    merged: Table = {}
    conflicts: Table = {**_table(theirs.get("conflicts")), **_table(ours.get("conflicts"))}
    for key in [*ours, *(k for k in theirs if k not in ours)]:
        if key == "conflicts":
            continue
        was = base.get(key) if base is not None else None
        mine, other = ours.get(key), theirs.get(key)
        if key in SETS:
            merged[key] = _set(was if base is not None else None, mine or [], other or [])
        elif key in LISTS:
            merged[key] = _entries(key, was, mine or [], other or [], base is not None)
        elif key in LATEST or key in EARLIEST:
            present = [v for v in (mine, other) if v is not None]
            merged[key] = (max if key in LATEST else min)(present)
        else:
            value, lost = _field(was, mine, other, base is not None, ours_later)
            if value is not None:
                merged[key] = value
            if lost is not None:
                conflicts[key] = lost
    if conflicts:
        merged["conflicts"] = conflicts
    return merged


def _later(ours: Table, theirs: Table) -> bool:
    """Whether OURS was updated last (ours too when the times tie or cannot be compared)."""
    try:
        return bool(ours.get("updated") >= theirs.get("updated"))  # type: ignore[operator]
    except TypeError:
        return True


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
    gone = set()
    if was is not None:
        gone = {x for x in was if (x in mine) != (x in other)}
    return [x for x in dict.fromkeys([*mine, *other]) if x not in gone]


def _entries(key: str, was: Any, mine: list[Table], other: list[Table], known: bool) -> list[Table]:
    """Notes or actions: each entry once, merged with its namesake, less what one side took
    away; notes in time order, actions in the order they were agreed."""
    ident = LISTS[key]
    before = {ident(e): e for e in (was or [])} if known else {}
    mine_by, other_by = {ident(e): e for e in mine}, {ident(e): e for e in other}
    merged: list[Table] = []
    for name in dict.fromkeys([*mine_by, *other_by]):
        a, b = mine_by.get(name), other_by.get(name)
        if a is not None and b is not None:
            merged.append(_entry(before.get(name), a, b) if key == "actions" else a)
        elif name not in before:  # added on one side; one taken away on one side stays away
            merged.append(a if a is not None else b)  # type: ignore[arg-type]
    if key == "notes":
        merged.sort(key=lambda n: str(n.get("at")))
    return merged


def _entry(was: Table | None, mine: Table, other: Table) -> Table:
    """One action as both sides have it: done on either side is done (at the earlier time);
    its due date and owner take the side that changed them (ours, if both did)."""
    merged = dict(mine)
    done = [d for d in (mine.get("done"), other.get("done")) if d is not None]
    if done:
        merged["done"] = min(done)
    for key in ("due", "owner"):
        if was is not None and mine.get(key) == was.get(key) and other.get(key) != was.get(key):
            if other.get(key) is None:
                merged.pop(key, None)
            else:
                merged[key] = other[key]
        elif was is None and mine.get(key) is None and other.get(key) is not None:
            merged[key] = other[key]
    return merged


def main(argv: list[str]) -> int:
    """git's merge driver: BASE OURS THEIRS; the merge is written to OURS."""
    from pathlib import Path

    import tomli
    import tomli_w

    from flashcli import crypt
    from flashcli.errors import FlashError
    from flashcli.files import write_atomic

    paths = [Path(a) for a in argv[1:4]]
    ours = paths[1]
    try:
        raw = [p.read_bytes() for p in paths]
        tables = [
            tomli.loads(crypt.opened(r, p).decode("utf-8")) for r, p in zip(raw, paths, strict=True)
        ]
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError, FlashError) as e:
        print(f"flash: cannot merge {ours}: {getattr(e, 'message', e)}", file=sys.stderr)
        return 1
    ancestor = tables[0] if tables[0] else None  # git gives an empty file for no ancestor
    try:
        merged = merge(ancestor, tables[1], tables[2])
    except (TypeError, ValueError) as e:  # values of kinds that do not compare (hand edits)
        print(f"flash: cannot merge {ours}: {e}; it is left as it was here", file=sys.stderr)
        return 1
    text = tomli_w.dumps(merged).encode("utf-8")
    write_atomic(ours, crypt.seal(text) if raw[1].startswith(crypt.MAGIC) else text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
