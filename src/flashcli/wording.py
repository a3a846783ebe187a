"""The words of agendas and emails, kept as data in wording.toml."""

import tomllib
from functools import cache
from pathlib import Path
from typing import Any


@cache
def _all() -> dict[str, Any]:
    return tomllib.loads(Path(__file__).with_name("wording.toml").read_text("utf-8"))


def section(*path: str) -> dict[str, str]:
    """One table of wording, such as section('email', 'agenda', 'mentee')."""
    table: Any = _all()
    for part in path:
        table = table[part]
    return dict(table)
