"""The one error type: a message a person can act on, and the exit code that goes with it."""

import json
import re
from typing import Any

from flashcli.i18n import _

# The control characters, spelled once: C0; DEL and C1; the Unicode line and paragraph
# separators (which some terminals and mail programs treat as line breaks); and the lone
# surrogates that bytes which are not UTF-8 become in an argument (surrogateescape).
C0, DEL_C1, SEPARATORS, SURROGATES = "\x00-\x1f", "\x7f-\x9f", "\u2028\u2029", "\ud800-\udfff"
# The controls of writing direction (marks, embeddings, overrides, isolates): U+202E makes
# 'evil\u202eexe.txt' read as 'eviltxt.exe', so one name can pass for another.
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# What must never reach a terminal or a header raw.
CONTROL = re.compile(f"[{C0}{DEL_C1}{SEPARATORS}]")
SHOWN_ESCAPED = re.compile(f"[{C0}{DEL_C1}{SEPARATORS}{SURROGATES}{BIDI}]")
TURNING = re.compile(f"[{BIDI}]")


def escaped(text: str) -> str:
    """Text with its control characters made visible, as \\x1b or \\u2028."""

    def visible(m: re.Match[str]) -> str:
        code = ord(m.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return SHOWN_ESCAPED.sub(visible, text)  # and bytes that were not UTF-8


# JSON escapes C0 characters; these it would leave as they are, and a terminal may act on them.
UNSAFE_IN_JSON = re.compile(f"[{DEL_C1}{SEPARATORS}]")


def json_text(data: Any, indent: int | None = None, default: Any = None) -> str:
    """DATA as JSON (UTF-8 text), with every control character written as an escape."""
    text = json.dumps(data, indent=indent, ensure_ascii=False, default=default)
    return UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def shown(text: str) -> str:
    """Quote what a person typed for a message, on one line, control characters made visible."""
    return f"'{escaped(text)}'"


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


class Invalid(UsageProblem):
    """A value the rules in models.py refuse: what is wrong, and where (keys and positions)."""

    def __init__(self, what: str, where: tuple[str | int, ...] = (), param: str | None = None):
        super().__init__(what, param)
        self.what = what
        self.where = where

    def __str__(self) -> str:
        place = ".".join(str(p) for p in self.where)
        return f"{place}: {self.what}" if place else self.what


class BadSessionFile(FlashError):
    """A session file that is not valid TOML or not a valid session; it is never overwritten."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(
            _("cannot use session file {path}: {reason}").format(path=path, reason=reason)
        )
        self.path = str(path)
        self.reason = reason
