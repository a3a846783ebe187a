"""What a sync commits, merges or pulls, in words: per session in clear ('ID: +1 note, goal
and time changed'), by counts only for sealed sessions, which a message never quotes."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flashcli import uids
from flashcli.errors import FlashError
from flashcli.store import kept
from flashcli.store.paths import SECRET_FORMS, session_id
from flashcli.sync.repo import MARKER


@dataclass
class Change:
    """One synced file as it was and as it is (None where there is none), and whether sealed."""

    name: str
    before: bytes | None
    after: bytes | None

    @property
    def sealed(self) -> bool:
        return kept.sealed(Path(self.name))

    @property
    def session(self) -> str | None:
        return session_id(self.name.removeprefix("sessions/"))


def session_table(data: bytes | None, name: str) -> dict[str, Any]:
    """A session file's table, opened if sealed; empty when it cannot be read (what is
    committed is checked apart from this: here it only feeds a message)."""
    if data is None:
        return {}
    try:
        return kept.loads_toml(kept.clear(data, Path(name)), Path(name))
    except FlashError:
        return {}


LABELS = {"when": "time", "where": "place", "continue": "decision", "minutes": "length"}


NOT_FIELDS = ("updated", "sequence", "schema", "ticked", "conflicts", *uids.LISTS)


def difference(change: Change) -> tuple[dict[str, int], list[str], list[str]]:
    """What changed in a session: in numbers (entries added and removed, actions done and
    reopened, ticks added and taken away, fields changed, values set aside by a merge), and
    the names of the fields changed and of the values set aside."""
    was, now = (session_table(b, change.name) for b in (change.before, change.after))
    found: dict[str, int] = {}
    for key in uids.LISTS:
        old, new = (_by_uid(t, key) for t in (was, now))
        found[f"+{key}"] = len(new.keys() - old.keys())
        found[f"-{key}"] = len(old.keys() - new.keys())
        if key == "actions":
            both = [(old[u].get("done"), new[u].get("done")) for u in old.keys() & new.keys()]
            found["done"] = sum(1 for o, n in both if n and not o)
            found["reopened"] = sum(1 for o, n in both if o and not n)
    ticks = [set(_list(t.get("ticked"))) for t in (was, now)]
    found["+ticks"], found["-ticks"] = len(ticks[1] - ticks[0]), len(ticks[0] - ticks[1])
    changed = [k for k in {**was, **now} if k not in NOT_FIELDS and was.get(k) != now.get(k)]
    old_aside, new_aside = (_dict(t.get("conflicts")) for t in (was, now))
    aside = [k for k in new_aside if k not in old_aside]
    found["fields"], found["aside"] = len(changed), len(aside)
    return found, [_label(k) for k in changed], [_label(k) for k in aside]


def stripped_of(change: Change) -> bool:
    """Whether CHANGE took something out of a session: a note, an action or a check-in, or a
    field that had a value."""
    found, __, __ = difference(change)
    if any(found[f"-{key}"] for key in uids.LISTS):
        return True
    was, now = (session_table(b, change.name) for b in (change.before, change.after))
    return any(was[k] not in (None, "", []) and now.get(k) in (None, "", []) for k in was)


def _label(key: str) -> str:
    """A field as a person says it: 'time' for when; 'action text' for actions.UID.text."""
    entries, _, field = key.partition(".")
    if entries in NOUNS and field:
        return f"{NOUNS[entries]} {field.rpartition('.')[2]}"
    return LABELS.get(key, key)


def _by_uid(table: dict[str, Any], key: str) -> dict[str, dict[str, Any]]:
    listed = uids.filled(table.get("id"), key, _list(table.get(key)))
    return {e["uid"]: e for e in listed} if isinstance(listed, list) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


NOUNS = {"notes": "note", "actions": "action", "checkins": "check-in"}


def in_words(found: dict[str, int], changed: Sequence[str] = (), aside: Sequence[str] = ()) -> str:
    """'+1 note, 1 action done, goal and time changed, place set aside'; without the names
    of fields (for sealed sessions), their numbers."""
    words = [
        f"{sign}{_n(found[f'{sign}{key}'], noun)}"
        for key, noun in NOUNS.items()
        for sign in "+-"
        if found.get(f"{sign}{key}")
    ]
    words += [f"{_n(found[k], 'action')} {k}" for k in ("done", "reopened") if found.get(k)]
    if found.get("+ticks") or found.get("-ticks"):
        words.append(f"{_n(found['+ticks'], 'tick')} added, {found['-ticks']} taken away")
    for names, key, noun, done in (
        (changed, "fields", "field", "changed"),
        (aside, "aside", "value", "set aside"),
    ):
        if names:
            words.append(f"{_listed(names)} {done}")
        elif found.get(key):
            words.append(f"{_n(found[key], noun)} {done}")
    return ", ".join(words)


def _n(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _listed(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


MANY = 20  # sessions in clear beyond which a message gives counts, as for sealed ones


def described(changes: list[Change]) -> list[str]:
    """A line per session in clear ('ID: +1 note, goal changed'); lines of counts for all
    sealed ones together, which say nothing a session holds (and for many in clear)."""
    lines: list[str] = []
    total = {"changed": 0, "new": 0, "deleted": 0, "sealed": 0, "opened": 0}
    gone = {c.session for c in changes if c.session and c.after is None}
    came = {c.session for c in changes if c.session and c.before is None}
    many = sum(1 for c in changes if c.session) > MANY
    secret = [c for c in changes if c.name in SECRET_FORMS and c.before != c.after]
    if secret:  # what it holds is never said: only that it changed
        lines.append(
            "report secret " + ("made" if all(c.before is None for c in secret) else "changed")
        )
    for c in changes:
        if c.name == MARKER:
            lines.append(f"encryption {'on' if c.after is not None else 'off'}")
        if not c.session or c.before is c.after is None:  # made and removed between syncs
            continue
        kind = "new" if c.before is None else "deleted" if c.after is None else "changed"
        if c.session in gone & came:  # ID.toml became ID.toml.age, or back: said once
            if kind == "new":
                total["sealed" if c.sealed else "opened"] += 1
            continue
        if c.sealed or many:
            total[kind] += 1
            if kind == "changed":
                for key, n in difference(c)[0].items():
                    total[key] = total.get(key, 0) + n
        elif kind == "changed":
            lines.append(f"{c.session}: {in_words(*difference(c)) or 'rewritten'}")
        else:
            lines.append(f"{c.session}: {kind}")
    if total["changed"]:
        counted = in_words(total)
        lines.append(f"{_n(total['changed'], 'session')} changed" + f": {counted}" * bool(counted))
    if total["new"]:
        lines.append(_n(total["new"], "new session"))
    for kind in ("deleted", "sealed", "opened"):
        if total[kind]:
            lines.append(f"{_n(total[kind], 'session')} {kind}")
    return lines
