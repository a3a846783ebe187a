"""The daily run as one line in the user's crontab, edited as text.

The crontab is the person's: comments, variables, spacing, a `\\%`, even a line cron would
refuse, all stay byte for byte. Flash's line is the one job that ends with flash's marker;
install adds it at the end or replaces it where it stands, uninstall removes it, and nothing
else changes. The text is read with `crontab -l` and given back with `crontab FILE`, the file
private (others' jobs may hold secrets) and removed after.
"""

import os
import re
import shlex
import shutil
import subprocess
import tempfile
from datetime import time
from pathlib import Path

from flashcli.errors import FlashError, escaped
from flashcli.i18n import _

MARKER = "flash remind --install wrote this line; flash remind --uninstall removes it"
ENDING = f" # {MARKER}".encode()  # sh reads it as a comment; cron hands it to sh
VARIABLE = re.compile(rb"\s*[A-Za-z_][A-Za-z0-9_]*\s*=")
BARE_PERCENT = re.compile(rb"(?<!\\)%")  # cron ends the command there; the rest is its input


def available() -> bool:
    return shutil.which("crontab") is not None


def line(at: time, env: dict[str, str], argv: list[str]) -> str:
    """Flash's line: every day at AT, ARGV run with ENV, what it prints dropped, the marker."""
    words = [f"{name}={_word(value)}" for name, value in env.items()]
    words += map(_word, argv)
    return f"{at.minute} {at.hour} * * * {' '.join(words)} >/dev/null{ENDING.decode()}"


def _word(text: str) -> str:
    """TEXT as one word of sh, each % behind a backslash: cron ends the command at a bare % and
    takes the backslash from before one. Inside quotes the % goes out of them ('\\%'), so that a
    backslash before it in TEXT is not read by cron as the escape."""
    quoted = shlex.quote(text)
    return quoted.replace("%", "'\\%'" if quoted.startswith("'") else "\\%")


def lines(text: bytes) -> list[bytes]:
    """TEXT's lines, each with its line break (the last one may have none): joined, TEXT."""
    parts = text.split(b"\n")
    return [part + b"\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def is_ours(line: bytes) -> bool:
    """Whether LINE is flash's: a job that ends with flash's marker (a CR or blanks after it
    too, as an editor may leave them). Not a comment, not a variable (NAME = value), and not a
    job whose input (after a bare %, which flash's line never has) ends with the marker."""
    body = line.rstrip(b" \t\r\n")
    if not body.endswith(ENDING) or body.lstrip().startswith(b"#") or VARIABLE.match(body):
        return False
    return BARE_PERCENT.search(body[: -len(ENDING)]) is None


def placed(text: bytes, ours: bytes) -> bytes:
    """TEXT with OURS in place of flash's line (the first; others removed), else at its end."""
    found = lines(text)
    first = next((n for n, line in enumerate(found) if is_ours(line)), None)
    if first is not None:
        kept = found[first].endswith(b"\n")
        after = without(b"".join(found[first + 1 :]))
        return b"".join(found[:first]) + ours + (b"\n" if kept else b"") + after
    if text and not text.endswith(b"\n"):
        return text + b"\n" + ours  # without a last line break, as the crontab was
    return text + ours + b"\n"


def without(text: bytes) -> bytes:
    """TEXT without flash's lines. Ours last, without a line break, goes with the one before
    it, which install added."""
    found = lines(text)
    kept = b"".join(line for line in found if not is_ours(line))
    if found and is_ours(found[-1]) and not found[-1].endswith(b"\n"):
        return kept.removesuffix(b"\n")
    return kept


def install(at: time, env: dict[str, str], argv: list[str]) -> list[str]:
    """Flash's line in the crontab, added or replaced; what was done."""
    if not available():
        raise FlashError(
            _(
                "there is no user systemd and no crontab here to run flash daily; run 'flash "
                "remind --notify --quiet' once a day some other way"
            )
        )
    ours, before = line(at, env, argv), _read()
    after = placed(before, ours.encode())
    if after == before:
        return [
            _("the daily run at {at:%H:%M} is in your crontab already; nothing changed").format(
                at=at
            )
        ]
    _write(after)
    if any(is_ours(line) for line in lines(before)):
        return [_("replaced in your crontab: {line}").format(line=ours)]
    return [_("added to your crontab: {line}").format(line=ours)]


def uninstall() -> list[str]:
    """Flash's line out of the crontab; what was removed."""
    before = _read()
    gone = [line for line in lines(before) if is_ours(line)]
    if not gone:
        return []
    _write(without(before))
    return [
        _("removed from your crontab: {line}").format(line=_shown(line.removesuffix(b"\n")))
        for line in gone
    ]


def _read() -> bytes:
    """The crontab as `crontab -l` gives it, byte for byte; none is empty."""
    done = _crontab("-l")
    if done.returncode == 0:
        return done.stdout
    said = _said(done.stderr)
    if not done.stdout and "no crontab for" in said:
        return b""
    raise FlashError(
        _("could not read your crontab: {said}; nothing was changed").format(said=said)
    )


def _write(text: bytes) -> None:
    """TEXT as the crontab, through a file only the user can read; none at all when empty."""
    if not text:
        done = _crontab("-r")
    else:
        with tempfile.TemporaryDirectory(prefix="flash-") as folder:  # made 0700
            path = Path(folder) / "crontab"
            with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as f:
                f.write(text)
            done = _crontab(str(path))
    if done.returncode != 0:
        raise FlashError(
            _("could not write your crontab: {said}; nothing was changed").format(
                said=_said(done.stderr)
            )
        )


def _crontab(*args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["crontab", *args], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError) as e:
        raise FlashError(_("crontab {args} failed: {e}").format(args=" ".join(args), e=e)) from None


def _said(stderr: bytes) -> str:
    """The last line crontab wrote to stderr, as a message may show it."""
    said = stderr.decode("utf-8", "replace").strip().splitlines()
    return escaped(said[-1]) if said else _("no reason given")


def _shown(line: bytes) -> str:
    """A line of the crontab as a message shows it: control characters made visible."""
    return escaped(line.decode("utf-8", "replace"))
