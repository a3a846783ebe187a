"""The checklists and question banks: data shipped in guidance.toml, plus the person's own file."""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from flashcli.errors import FlashError
from flashcli.kinds import Phase, Role
from flashcli.paths import folders
from flashcli.records import Invalid, Matches, Record, Text

# Session fields an item may tick itself on (see Session.is_set).
AutoField = Literal[
    "goal", "success", "when", "where", "topics", "questions", "actions", "continue"
]
Key = Annotated[str, Matches(r"^[a-z0-9][a-z0-9-]{0,39}$", "a key (a-z, 0-9 and -)")]


@dataclass(frozen=True, kw_only=True)
class Item(Record):
    role: Role
    phase: Phase
    key: Key
    text: Text
    prompt: str | None = None
    auto: tuple[AutoField, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Purpose(Record):
    title: Text
    mentee: tuple[str, ...] = ()
    mentor: tuple[str, ...] = ()

    def bank(self, role: Role) -> tuple[str, ...]:
        """Suggested questions for a mentee, open-ended prompts for a mentor."""
        return self.mentee if role == "mentee" else self.mentor


@dataclass(frozen=True, kw_only=True)
class Guidance(Record):
    items: tuple[Item, ...]
    purposes: dict[str, Purpose]

    def __post_init__(self) -> None:
        seen: set[tuple[str, str]] = set()
        for n, item in enumerate(self.items):
            if (item.role, item.key) in seen:
                raise Invalid(
                    f"the key '{item.key}' appears twice for the {item.role}", ("items", n)
                )
            seen.add((item.role, item.key))

    def checklist(self, role: Role, phase: Phase) -> list[Item]:
        return [i for i in self.items if i.role == role and i.phase == phase]

    def item(self, role: Role, key: str) -> Item | None:
        return next((i for i in self.items if i.role == role and i.key == key), None)

    def keys(self, role: Role) -> list[str]:
        return [i.key for i in self.items if i.role == role]


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Overlay a person's guidance: items match on role and key, purposes on their name."""
    items = [dict(i) for i in base["items"]]
    for new in extra.get("items", []):
        match = next(
            (i for i in items if (i["role"], i["key"]) == (new.get("role"), new.get("key"))), None
        )
        if match is None:
            items.append(dict(new))
        else:
            match.update(new)
    purposes = {name: dict(p) for name, p in base["purposes"].items()}
    for name, new in extra.get("purposes", {}).items():
        purposes.setdefault(name, {}).update(new)
    return {"items": items, "purposes": purposes}


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise FlashError(f"cannot read guidance file {path}: {e}; fix or remove it") from e
    except OSError as e:
        raise FlashError(f"cannot read guidance file {path}: {e.strerror}") from e


@cache
def _load(user_file: Path | None, _mtime_ns: int = 0) -> Guidance:
    builtin = tomllib.loads(Path(__file__).with_name("guidance.toml").read_text("utf-8"))
    data = _merge(builtin, _read(user_file)) if user_file else builtin
    try:
        return Guidance.load(data)
    except Invalid as e:
        where = f"guidance file {user_file}" if user_file else "built-in guidance"
        raise FlashError(f"cannot use {where}: {e}; fix or remove it") from e


def load() -> Guidance:
    """The built-in guidance with the person's guidance.toml laid over it, if there is one."""
    user_file = folders().guidance_file
    if not user_file.is_file():
        return _load(None)
    return _load(user_file, user_file.stat().st_mtime_ns)
