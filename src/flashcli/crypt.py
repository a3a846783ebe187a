"""Encryption at rest, in the age format: any age tool opens a session with the key.

A data folder is encrypted while it holds the file `encryption`, which names the recipient
(the public half of the key): writing needs only that, reading needs the identity, kept in
the config folder as key.txt (0600), or in the file FLASH_KEY names. pyrage, the binding
to the Rust implementation of age, is imported only when a file is sealed or opened.
"""

import os
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from flashcli.errors import BadSessionFile, FlashError
from flashcli.paths import encrypted, file_key, folders, marker

SUFFIX = ".age"
MAGIC = b"age-encryption.org/v1\n"


def key_file() -> Path:
    named = os.environ.get("FLASH_KEY")
    return Path(named).expanduser() if named else folders().config / "key.txt"


@cache
def _identity(path: Path, stamp: tuple[int, ...] | None) -> Any:
    """The identity in PATH, read once while the file is as STAMP says."""
    from pyrage import x25519

    try:
        lines = path.read_text("utf-8").splitlines()
    except FileNotFoundError:
        raise FlashError(
            f"there is no key in {path}; put the key.txt these sessions were encrypted with "
            "there, or name it with FLASH_KEY"
        ) from None
    except (OSError, UnicodeDecodeError) as e:
        raise FlashError(f"cannot read the key {path}: {e}") from None
    secret = next((line.strip() for line in lines if line.startswith("AGE-SECRET-KEY-")), None)
    try:
        return x25519.Identity.from_str(secret or "")
    except Exception:  # pyrage's own error type is not exported
        raise FlashError(f"{path} holds no age key (a line AGE-SECRET-KEY-1…)") from None


def identity() -> Any:
    path = key_file()
    return _identity(path, file_key(path))


def recipient() -> str:
    """The public key sessions are sealed to, as the marker names it."""
    try:
        lines = marker().read_text("utf-8").split()
    except OSError as e:
        raise FlashError(f"cannot read {marker()}: {e.strerror}") from None
    return next((w for w in lines if w.startswith("age1")), "")


def seal(data: bytes) -> bytes:
    import pyrage
    from pyrage import x25519

    return bytes(pyrage.encrypt(data, [x25519.Recipient.from_str(recipient())]))


def cached(data: bytes) -> bytes:
    """A cache's bytes as written: sealed in an encrypted folder (caches hold names, actions
    and notes)."""
    return seal(data) if encrypted() else data


def opened(data: bytes, path: Path) -> bytes:
    """A file's bytes as read: opened if they are sealed."""
    return unseal(data, path) if data.startswith(MAGIC) else data


def unseal(data: bytes, path: Path) -> bytes:
    """The plain bytes of an age file, PATH naming it in a refusal."""
    import pyrage

    key = identity()  # no key at all stops the command: no file could be opened
    try:
        return bytes(pyrage.decrypt(data, [key]))
    except pyrage.DecryptError:
        raise BadSessionFile(
            path,
            f"it cannot be opened with the key in {key_file()} (it was encrypted to another "
            "key, or is damaged); name the right key with FLASH_KEY",
        ) from None


def make_key() -> tuple[str, bool]:
    """The recipient of the key in use, made (0600) when there is none; and whether made."""
    from pyrage import x25519

    path = key_file()
    if path.exists():
        return str(identity().to_public()), False
    if "FLASH_KEY" in os.environ:
        raise FlashError(f"FLASH_KEY names {path}, which does not exist; make it with age-keygen")
    from flashcli.files import private_dir, write_atomic

    made = x25519.Identity.generate()
    public = str(made.to_public())
    text = f"# created: {datetime.now().astimezone():%Y-%m-%dT%H:%M:%S%z}\n"
    text += f"# public key: {public}\n{made}\n"
    private_dir(path.parent)
    write_atomic(path, text.encode("ascii"))
    return public, True
