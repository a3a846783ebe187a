"""Encryption at rest, in the age format: any age tool opens a session with the key.

A data folder is encrypted while it holds the file `encryption`, which says only that: it
travels with the sessions, so it never names the recipient (a remote would choose it). The
recipient is the public half of this machine's key, kept outside the data folder as key.txt
(0600; key_home says where), or in the file FLASH_KEY names: without the key nothing is
sealed or opened, and nothing is written. pyrage, the binding to the Rust implementation of
age, is imported only when a file is sealed or opened.
"""

import os
import shlex
import stat
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from flashcli.errors import BadSessionFile, FlashError
from flashcli.i18n import _
from flashcli.store.disk import private_dir, write_atomic
from flashcli.store.paths import file_key, folders

KEY = "key.txt"


def key_file() -> Path:
    """The key in use: the file FLASH_KEY names; else the key in its own place (key_home);
    else one an earlier flash left in the data folder, which opens sessions so that nobody is
    locked out, and seals nothing (sealing_identity); else the key's own place, to be made."""
    named = os.environ.get("FLASH_KEY")
    if named:
        return Path(named).expanduser()
    left, home = folders().data / KEY, key_home() / KEY
    return left if left.exists() and not home.exists() else home


def key_home() -> Path:
    """The folder the key belongs in: the platform's config folder, even with FLASH_HOME (a
    sync or backup of the data folder never takes it), and its keys/ where that folder is the
    data folder (macOS, Windows), which sync never stages."""
    where = (os.environ.get(n) for n in ("HOME", "XDG_CONFIG_HOME", "APPDATA", "LOCALAPPDATA"))
    return _key_home(folders().data, tuple(where))


@cache
def _key_home(data: Path, environ: tuple[str | None, ...]) -> Path:
    """key_home for the data folder DATA, while the ENVIRON that places the config folder
    stays as it is (found once a run: a sealed session is opened ten thousand times)."""
    import platformdirs

    config = Path(platformdirs.user_config_dir("flash", appauthor=False))
    return config / "keys" if _resolved(config) == _resolved(data) else config


def _in_data(path: Path) -> bool:
    """Whether PATH lies in the data folder, where a sync program or a pull could put a file."""
    data = _resolved(folders().data)
    return data == _resolved(path) or data in _resolved(path).parents


def key_warning() -> str | None:
    """What is wrong with where the key is, in one line (None: nothing): a key left in the data
    folder (by an earlier flash, or a sync: flash cannot tell), or a key folder inside it."""
    if os.environ.get("FLASH_KEY"):
        return None
    left, home = folders().data / KEY, key_home() / KEY
    if left.exists():
        return _left_behind(left, home)
    if _in_data(home.parent):
        return _(
            "the key's folder {folder} is inside the data folder {data}, and a sync program or a "
            "backup of the data folder would carry the key: name a key outside it with FLASH_KEY"
        ).format(folder=home.parent, data=folders().data)
    return None


def _left_behind(left: Path, home: Path) -> str:
    """What to do about a key.txt in the data folder, beside the key's own place HOME."""
    if not home.exists():  # in use, to open only: never to seal
        move = f"mkdir -p -m 700 {shlex.quote(str(home.parent))} && mv -n "
        move += f"{shlex.quote(str(left))} {shlex.quote(str(home))}"
        return _(
            "the key {left} is inside the data folder, where a sync could have put it: flash opens "
            "sessions with it and seals nothing to it; if an earlier flash made it there, move it "
            "out: {move}"
        ).format(left=left, move=move)
    if _same(left, home):
        return _("{left} is a second copy of the key {home}; remove it: rm {rm}").format(
            left=left, home=home, rm=shlex.quote(str(left))
        )
    return _(
        "{left}, in the data folder, is not your key (yours is {home}) and flash does not use "
        "it; if it opens sessions you need, name it with FLASH_KEY to read them"
    ).format(left=left, home=home)


def _same(one: Path, other: Path) -> bool:
    return _same_while(one, other, file_key(one), file_key(other))


@cache
def _same_while(one: Path, other: Path, *stamps: tuple[int, ...] | None) -> bool:
    """Whether ONE and OTHER hold the same bytes, read once while they are as STAMPS say."""
    try:
        return one.read_bytes() == other.read_bytes()
    except OSError:
        return False


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


@cache
def _identity(path: Path, stamp: tuple[int, ...] | None) -> Any:
    """The identity in PATH, read once while the file is as STAMP says."""
    from pyrage import x25519

    try:
        mode = path.stat().st_mode
        lines = path.read_text("utf-8").splitlines()
    except FileNotFoundError:
        raise FlashError(
            _(
                "this folder is encrypted, and there is no key in {path}: copy key.txt there from "
                "the machine that encrypted it (or name yours with FLASH_KEY); nothing was changed"
            ).format(path=path)
        ) from None
    except (OSError, UnicodeDecodeError) as e:
        raise FlashError(_("cannot read the key {path}: {e}").format(path=path, e=e)) from None
    if os.name != "nt" and stat.S_IMODE(mode) & 0o077:
        raise FlashError(
            _(
                "the key {path} can be read by others; make it yours alone with 'chmod 600 "
                "{path}', then run the command again; nothing was changed"
            ).format(path=path)
        )
    secret = next((line.strip() for line in lines if line.startswith("AGE-SECRET-KEY-")), None)
    try:
        return x25519.Identity.from_str(secret or "")
    except Exception:  # pyrage's own error type is not exported
        raise FlashError(
            _("{path} holds no age key (a line AGE-SECRET-KEY-1…)").format(path=path)
        ) from None


def identity() -> Any:
    path = key_file()
    return _identity(path, file_key(path))


def sealing_identity() -> Any:
    """The key new files are sealed to: never one found in the data folder, where a sync or a
    pull could have put it (the sessions would then be sealed to whoever did)."""
    path = key_file()
    if not os.environ.get("FLASH_KEY") and path == folders().data / KEY:
        raise FlashError(_("{warning}; nothing was changed").format(warning=key_warning() or path))
    return identity()


def seal(data: bytes) -> bytes:
    """DATA sealed to this machine's own key: never to a recipient a file names."""
    import pyrage

    return bytes(pyrage.encrypt(data, [sealing_identity().to_public()]))


def unseal(data: bytes, path: Path) -> bytes:
    """The plain bytes of an age file, PATH naming it in a refusal."""
    import pyrage

    key = identity()  # no key at all stops the command: no file could be opened
    try:
        return bytes(pyrage.decrypt(data, [key]))
    except pyrage.DecryptError:
        raise BadSessionFile(
            path,
            _(
                "it cannot be opened with the key in {key_file} (it was encrypted to another key, "
                "or is damaged); name the right key with FLASH_KEY"
            ).format(key_file=key_file()),
        ) from None


def make_key() -> bool:
    """Make the key (0600) when there is none; whether one was made."""
    from pyrage import x25519

    path = key_file()
    if path.exists():
        sealing_identity()  # readable, an age key, the person's alone, and never one left
        return False  # in the data folder
    if "FLASH_KEY" in os.environ:
        raise FlashError(f"FLASH_KEY names {path}, which does not exist; make it with age-keygen")
    made = x25519.Identity.generate()
    text = f"# created: {datetime.now().astimezone():%Y-%m-%dT%H:%M:%S%z}\n"
    text += f"# public key: {made.to_public()}\n{made}\n"
    private_dir(path.parent)
    write_atomic(path, text.encode("ascii"))
    return True
