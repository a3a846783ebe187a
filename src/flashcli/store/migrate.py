"""Older session files brought up to the current schema, in memory; the store keeps a .bak."""

from collections.abc import Callable
from typing import Any

Data = dict[str, Any]


def _from_0(data: Data) -> Data:
    """Schema 0, the pre-release format: partner as one "Name <email>" string, ticks as `done`."""
    partner = data.get("partner")
    if isinstance(partner, str):
        name, _, rest = partner.partition("<")
        email = rest.rstrip().removesuffix(">").strip()
        data["partner"] = {"name": name.strip(), **({"email": email} if email else {})}
    if "done" in data and "ticked" not in data:
        data["ticked"] = data.pop("done")
    return data


MIGRATIONS: dict[int, Callable[[Data], Data]] = {0: _from_0}


def upgrade(data: Data, target: int) -> Data:
    """Apply each step from the file's schema up to `target`."""
    while data["schema"] < target:
        data = MIGRATIONS[data["schema"]](dict(data))
        data["schema"] += 1
    return data
