"""The one error type: a message a person can act on, and the exit code that goes with it."""

import re

CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def shown(text: str) -> str:
    """Quote what a person typed for a message, with control characters made visible."""
    return "'" + CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text) + "'"


class FlashError(Exception):
    """A failure the person can act on (exit 1): no such session, an unreadable file, …"""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageProblem(FlashError):
    """A bad flag or value (exit 2, as Typer does for its own usage errors)."""

    exit_code = 2

    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.param = param


class BadSessionFile(FlashError):
    """A session file that is not valid TOML or not a valid session; it is never overwritten."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"cannot use session file {path}: {reason}")
        self.path = str(path)
        self.reason = reason
