"""Programme report files as they travel: sealed to the coordinator's age recipient, and read
back on the coordinator's machine (at most 1 MB, a regular file; in the age format, binary or
armored, opened with the identity named). Unlike a data folder's own files (kept.py), these are
sealed to a key a person names, and opened with one they name."""

import base64
import binascii
from pathlib import Path
from typing import Any

from flashcli.errors import FlashError, UsageProblem, escaped, shown
from flashcli.i18n import _
from flashcli.store.disk import read_file

LIMIT = 2**20  # a report is a few kilobytes; a file larger than this is not one
BINARY = b"age-encryption.org/v1"
ARMOR = (b"-----BEGIN AGE ENCRYPTED FILE-----", b"-----END AGE ENCRYPTED FILE-----")


def recipient(text: str) -> Any:
    """The age recipient TEXT names (age1…), or UsageProblem."""
    from pyrage import x25519

    try:
        return x25519.Recipient.from_str(text.strip())
    except Exception:  # pyrage's own error types differ between versions
        raise UsageProblem(
            _("{to} is not an age recipient (age1…)").format(to=shown(text)), "--to"
        ) from None


def sealed_to(data: bytes, to: Any) -> bytes:
    """DATA sealed to the recipient TO, in age's binary format."""
    import pyrage

    return bytes(pyrage.encrypt(data, [to]))


def read_report(path: Path, identity: Path | None) -> bytes:
    """A report file's bytes, opened with the age IDENTITY file if it is sealed; FlashError
    (UsageProblem without an identity) saying what is wrong with it."""
    try:
        data = read_file(path, limit=LIMIT)
    except OSError as e:
        raise FlashError(
            _("cannot read {path}: {strerror}").format(path=escaped(str(path)), strerror=e.strerror)
        ) from None
    if data.lstrip().startswith(ARMOR[0]):
        data = _dearmored(data, path)
    elif not data.startswith(BINARY):
        return data
    if identity is None:
        raise UsageProblem(
            _("{path} is sealed: give --identity KEY to open it").format(path=escaped(str(path)))
        )
    return _opened(data, path, identity)


def _dearmored(data: bytes, path: Path) -> bytes:
    """An armored age file's binary form (what `age -a` writes: base64 between two lines)."""
    lines = data.strip().splitlines()
    try:
        if lines[0].strip() != ARMOR[0] or lines[-1].strip() != ARMOR[1]:
            raise ValueError
        return base64.b64decode(b"".join(line.strip() for line in lines[1:-1]), validate=True)
    except (ValueError, binascii.Error, IndexError):
        raise FlashError(
            _("{path} is not an armored age file (it begins as one)").format(
                path=escaped(str(path))
            )
        ) from None


def _opened(data: bytes, path: Path, identity: Path) -> bytes:
    import pyrage

    keys = _identities(identity)
    try:
        return bytes(pyrage.decrypt(data, keys))
    except Exception:  # pyrage's own error types differ between versions
        raise FlashError(
            _(
                "{path} cannot be opened with {identity}: it was sealed to another key, or is "
                "damaged"
            ).format(path=escaped(str(path)), identity=escaped(str(identity)))
        ) from None


def _identities(identity: Path) -> list[Any]:
    """The age identities in the file IDENTITY (lines AGE-SECRET-KEY-1…), at least one."""
    from pyrage import x25519

    try:
        lines = read_file(identity, limit=LIMIT).decode("utf-8").splitlines()
        keys = [
            x25519.Identity.from_str(line.strip())
            for line in lines
            if line.strip().startswith("AGE-SECRET-KEY-")
        ]
    except (OSError, UnicodeDecodeError) as e:
        raise FlashError(
            _("cannot read the identity {identity}: {e}").format(
                identity=escaped(str(identity)), e=getattr(e, "strerror", None) or e
            )
        ) from None
    except Exception:  # pyrage.IdentityError, not exported by every version
        keys = []
    if not keys:
        raise FlashError(
            _("{path} holds no age key (a line AGE-SECRET-KEY-1…)").format(
                path=escaped(str(identity))
            )
        )
    return keys
