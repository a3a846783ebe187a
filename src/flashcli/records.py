"""Typed records read from TOML and written back: checked, with 'where: what' messages.

A record is a dataclass whose annotations say what each key must hold; `Annotated` adds the
constraints (`Length`, `Range`, `Matches`, or any function that returns the value or raises
ValueError). A record with an `extra` field keeps the keys it does not know, so a person's hand
edits survive every rewrite; one without it refuses them.

flash checks its files with this rather than pydantic because of start-up: importing pydantic
and building its validators took longer than the whole budget of a command that changes one
session (see the README's Performance section).
"""

import re
import types
from collections.abc import Callable
from contextlib import suppress
from dataclasses import MISSING, Field, fields
from datetime import date, datetime
from typing import (
    Annotated,
    Any,
    ClassVar,
    Literal,
    Self,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)

from flashcli.errors import shown

Check = Callable[[Any], Any]


class Invalid(ValueError):
    """What is wrong, and where: the path of keys and list positions down to the value."""

    def __init__(self, what: str, where: tuple[str | int, ...] = ()) -> None:
        super().__init__(what)
        self.what = what
        self.where = where

    def __str__(self) -> str:
        place = ".".join(str(p) for p in self.where)
        return f"{place}: {self.what}" if place else self.what


class Length:
    def __init__(self, least: int = 1, most: int | None = None) -> None:
        self.least, self.most = least, most

    def __call__(self, value: str) -> str:
        if len(value) < self.least:
            raise ValueError(
                "must not be empty"
                if self.least == 1
                else f"must be {self.least} characters or more"
            )
        if self.most is not None and len(value) > self.most:
            raise ValueError(f"must be at most {self.most} characters")
        return value


class Range:
    def __init__(self, least: int, most: int) -> None:
        self.least, self.most = least, most

    def __call__(self, value: int) -> int:
        if not self.least <= value <= self.most:
            raise ValueError(f"must be from {self.least} to {self.most}")
        return value


class Matches:
    def __init__(self, pattern: str, what: str) -> None:
        self.pattern, self.what = re.compile(pattern), what

    def __call__(self, value: str) -> str:
        if not self.pattern.fullmatch(value):
            raise ValueError(f"{shown(value)} is not {self.what}")
        return value


# Text that must not be empty: a note, an action, a checklist item.
Text = Annotated[str, Length(1)]


class Record:
    """Base of every record: `load` checks a TOML table, `stored` gives it back."""

    __dataclass_fields__: ClassVar[dict[str, "Field[Any]"]]

    @classmethod
    def load(cls, data: object) -> Self:
        """A record from a TOML table; raises Invalid naming the first bad key."""
        if not isinstance(data, dict):
            raise Invalid("must be a table")
        known = _keys(cls)
        values: dict[str, Any] = {}
        for key, (name, check) in known.items():
            if key in data:
                values[name] = _at(key, check, data[key])
            elif _required(cls.__dataclass_fields__[name]):
                raise Invalid("is missing", (key,))
        unknown = {k: v for k, v in data.items() if k not in known}
        if "extra" in cls.__dataclass_fields__:
            values["extra"] = unknown
        elif unknown:
            raise Invalid("is not a key flash knows", (next(iter(unknown)),))
        return cls(**values)

    def stored(self, json: bool = False) -> dict[str, Any]:
        """The data as it goes to disk (or, with JSON, to JSON): file keys, nothing unset."""
        out = {
            key: _plain(getattr(self, name), json)
            for key, (name, _) in _keys(type(self)).items()
            if getattr(self, name) is not None
        }
        extra: dict[str, Any] = getattr(self, "extra", {})
        return out | {k: _plain(v, json) for k, v in extra.items()}


def key(name: str) -> dict[str, str]:
    """Field metadata for a field stored under another name (`continue` is a Python keyword)."""
    return {"key": name}


def _plain(value: Any, json: bool) -> Any:
    if isinstance(value, Record):
        return value.stored(json)
    if isinstance(value, list | tuple):
        return [_plain(v, json) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v, json) for k, v in value.items()}
    if json and isinstance(value, date):
        return value.isoformat()
    return value


def _required(f: "Field[Any]") -> bool:
    return f.default is MISSING and f.default_factory is MISSING


_KEYS: dict[type, dict[str, tuple[str, Check]]] = {}


def _keys(cls: type) -> dict[str, tuple[str, Check]]:
    """File key → (field name, check), for the fields that are data (in __init__, not extra)."""
    if cls not in _KEYS:
        hints = get_type_hints(cls, include_extras=True)
        _KEYS[cls] = {
            f.metadata.get("key", f.name): (f.name, _check_for(hints[f.name]))
            for f in fields(cls)
            if f.init and f.name != "extra"
        }
    return _KEYS[cls]


def _check_for(kind: Any) -> Check:
    """The function that checks a TOML value against a type annotation."""
    origin, args = get_origin(kind), get_args(kind)
    if origin is Annotated:
        return _then(_check_for(args[0]), args[1:])
    if origin in (Union, types.UnionType) and type(None) in args:
        (rest,) = [a for a in args if a is not type(None)]
        inner = _check_for(rest)
        return lambda v: None if v is None else inner(v)
    if origin is Literal:
        return _one_of(args)
    if origin in (list, tuple):
        return _sequence(_check_for(args[0]), origin)
    if origin is dict:
        return _table(_check_for(args[1]))
    if isinstance(kind, type) and issubclass(kind, Record):
        return kind.load
    return SCALARS[kind]


def _then(check: Check, constraints: tuple[Check, ...]) -> Check:
    def checked(value: Any) -> Any:
        value = check(value)
        for constraint in constraints:
            value = constraint(value)
        return value

    return checked


def _one_of(options: tuple[str, ...]) -> Check:
    listed = ", ".join(f"'{o}'" for o in options[:-1]) + f" or '{options[-1]}'"

    def check(value: Any) -> Any:
        if not isinstance(value, str) or value not in options:
            raise ValueError(f"must be {listed}")
        return value

    return check


def _sequence(check: Check, kind: type) -> Check:
    def checked(value: Any) -> Any:
        if not isinstance(value, list):
            raise ValueError("must be a list")
        return kind(_at(n, check, item) for n, item in enumerate(value))

    return checked


def _table(check: Check) -> Check:
    def checked(value: Any) -> Any:
        if not isinstance(value, dict):
            raise ValueError("must be a table")
        return {name: _at(name, check, item) for name, item in value.items()}

    return checked


def _at(place: str | int, check: Check, value: Any) -> Any:
    """check(value), with any problem it finds placed under PLACE."""
    try:
        return check(value)
    except Invalid as e:
        raise Invalid(e.what, (place, *e.where)) from None
    except ValueError as e:
        raise Invalid(str(e), (place,)) from None


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be text (in quotes)")
    return value


def _whole(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"[+-]?\d{1,9}", value.strip()):
        return int(value)
    raise ValueError("must be a whole number")


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _iso(kind: type[date], example: str) -> Check:
    """A date or a date and time, as TOML gives it or as ISO 8601 text (from JSON, say)."""

    def check(value: Any) -> date:
        if isinstance(value, str):
            with suppress(ValueError):
                value = kind.fromisoformat(value)
        if type(value) is not kind:  # a datetime is a date too, but not the one asked for
            raise ValueError(f"must be {example}")
        return value

    return check


SCALARS: dict[Any, Check] = {
    str: _text,
    int: _whole,
    bool: _flag,
    datetime: _iso(datetime, "a date and time such as 2026-12-01T10:00:00+01:00"),
    date: _iso(date, "a date such as 2026-12-01"),
}
