"""The clock: the real one, or the fixed instant in FLASH_NOW (for tests and reproducible demos)."""

import os
from datetime import datetime


def now() -> datetime:
    """The current time, aware, to the second, in the local time zone."""
    fixed = os.environ.get("FLASH_NOW")
    if fixed:
        moment = datetime.fromisoformat(fixed)
        return moment.astimezone() if moment.tzinfo is None else moment
    return datetime.now().astimezone().replace(microsecond=0)
