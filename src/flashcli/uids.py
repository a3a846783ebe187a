"""The uid of each note, action and check-in: what a merge matches entries by.

A new entry gets a random uid when it is added. An entry written before entries had uids gets
one made from what it holds (its session, its list, its text, which of the same it is), so
that two machines reading the same old file give it the same uid without asking each other.
A uid used twice in one list (a copied line in a hand edit) is made unique the same way.
Pure functions on plain tables: the models and the merge both use them.
"""

import uuid
from typing import Any

LISTS = ("notes", "actions", "checkins")  # the lists of entries a session holds
# Of an entry without a uid, what tells it from the others in its list (with its position
# among those that hold the same): a note's time, kind and text; an action's text.
IDENTITY = {"notes": ("at", "kind", "text"), "actions": ("text",), "checkins": ("at",)}
_SPACE = uuid.UUID("9b0d7c1e-4f7e-4b5c-9a51-5a2c2f1e0b6d")  # flash's own uuid5 namespace


def new() -> str:
    return str(uuid.uuid4())


def filled(sid: object, key: str, entries: Any) -> Any:
    """ENTRIES (the list KEY of session SID, as read) with a uid each, unique in the list.

    What is not a list of tables is handed back as it is, for the models to refuse.
    """
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        return entries
    seen: set[str] = set()
    made: dict[str, int] = {}  # of each name uids are made from, how many were made
    out: list[dict[str, Any]] = []
    for entry in entries:
        uid = entry.get("uid")
        if not isinstance(uid, str) or not uid.strip():
            what = "\x1f".join(str(entry.get(part)) for part in IDENTITY.get(key, ()))
            uid = _made(f"{sid}\x1f{key}\x1f{what}", seen, made)
        elif uid in seen:
            uid = _made(uid, seen, made)
        seen.add(uid)
        out.append(entry if entry.get("uid") == uid else {**entry, "uid": uid})
    return out


def _made(name: str, seen: set[str], made: dict[str, int]) -> str:
    """The next uid made from NAME that is not yet SEEN in the list."""
    while True:
        n = made[name] = made.get(name, 0) + 1
        uid = str(uuid.uuid5(_SPACE, f"{name}\x1f{n}"))
        if uid not in seen:
            return uid
