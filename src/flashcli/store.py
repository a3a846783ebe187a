"""Session files and the config: reading, checking, changing under the lock (with files.py)."""

import os
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flashcli import clock
from flashcli.errors import BadSessionFile, FlashError, UsageProblem, shown
from flashcli.files import lock, private_dir, write_atomic
from flashcli.migrate import MIGRATIONS, upgrade
from flashcli.models import SCHEMA, Config, Session
from flashcli.paths import ID_RE, folders, is_session_file
from flashcli.records import Invalid, Record

if TYPE_CHECKING:
    from flashcli.summary import Summary

LOCK_SECONDS = 10


# ---------------------------------------------------------------- writing


@contextmanager
def locked() -> Iterator[Path]:
    """Hold the data folder's lock; yields the sessions folder."""
    place = folders()
    private_dir(place.sessions)
    try:
        release = lock(place.lock_file, LOCK_SECONDS)
    except TimeoutError:
        raise FlashError(
            f"another flash has held {place.lock_file} for {LOCK_SECONDS}s; try again"
        ) from None
    except OSError as e:
        raise FlashError(f"cannot lock {place.lock_file}: {e.strerror}") from e
    try:
        _remove_leftovers(place.sessions)
        yield place.sessions
    finally:
        release()


def _remove_leftovers(folder: Path) -> None:
    """Temporary files of a flash killed mid-write: only writers holding the lock make them."""
    for name in os.listdir(folder):
        if name.startswith(".") and name.endswith(".tmp"):
            with suppress(OSError):
                (folder / name).unlink()


def write_new_file(path: Path, data: bytes, force: bool = False) -> None:
    """An exported file: private, atomic, and never overwriting one that exists unless forced."""
    if path.exists() and not force:
        raise FlashError(f"{path} already exists; choose another name or add --force")
    if not path.parent.is_dir():
        raise FlashError(f"cannot write {path}: there is no folder {path.parent}")
    write_atomic(path, data)


def draft_path(sid: str, kind: str) -> Path:
    """Where a draft handed to the mail client lives: a private folder of its own."""
    folder = folders().data / "drafts"
    private_dir(folder)
    return folder / f"{sid}-{kind}.eml"


def toml_bytes(record: Record) -> bytes:
    import tomli_w

    return tomli_w.dumps(record.stored()).encode("utf-8")


# ---------------------------------------------------------------- reading


def read_toml(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise BadSessionFile(path, e.strerror or str(e)) from e
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadSessionFile(path, "it is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as e:
        raise BadSessionFile(path, f"not valid TOML: {e}") from None


def parse_session(path: Path) -> Session:
    """A session file, checked; any problem raises BadSessionFile naming the file."""
    data = read_toml(path)
    schema = data.get("schema")
    if schema is None:
        raise BadSessionFile(path, f"there is no 'schema' key; add 'schema = {SCHEMA}' at the top")
    if type(schema) is not int or schema < min(MIGRATIONS):
        raise BadSessionFile(path, f"'schema' must be a whole number such as {SCHEMA}")
    if schema > SCHEMA:
        raise BadSessionFile(
            path,
            f"it was written by a newer flash (schema {schema}, this one knows {SCHEMA}); "
            "upgrade flash",
        )
    try:
        session = Session.load(upgrade(data, SCHEMA))
    except Invalid as e:
        raise BadSessionFile(path, str(e)) from None
    session.from_schema = schema
    if session.id != path.stem:
        raise BadSessionFile(path, f"its id '{session.id}' does not match its file name")
    return session


def ids() -> list[str]:
    """The ids of the session files there are, from one listing of the folder."""
    try:
        names = os.listdir(folders().sessions)
    except FileNotFoundError:
        return []
    return sorted(n[:-5] for n in names if is_session_file(n))


def session_files() -> list[Path]:
    folder = folders().sessions
    return [folder / f"{sid}.toml" for sid in ids()]


def scan() -> tuple[list[Session], list[BadSessionFile]]:
    """Every session file read in full: what the summary index must always agree with."""
    sessions, problems = [], []
    for path in session_files():
        try:
            sessions.append(parse_session(path))
        except BadSessionFile as e:
            problems.append(e)
    return sessions, problems


def current_id(summaries: "list[Summary] | None" = None) -> str:
    """The id of the most recently updated session that is not closed."""
    from flashcli import index

    candidates = [
        s for s in (index.read_all()[0] if summaries is None else summaries) if not s.closed
    ]
    if not candidates:
        raise FlashError(
            'there is no open session; start one with: flash prep --with "Name <email>"'
        )
    # Two changes in the same second: the file written last wins.
    return max(candidates, key=lambda s: (s.updated_at, s.mtime_ns)).id


def resolve(ref: str | None) -> str:
    """An id from an exact id or a unique prefix; never used as a path until matched."""
    if ref is None:
        return current_id()
    if ID_RE.fullmatch(ref) and (folders().sessions / f"{ref}.toml").is_file():
        return ref  # a whole id: no need to list ten thousand others
    known = ids()
    matches = [i for i in known if ref and i.startswith(ref)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise FlashError(f"no session matches {shown(ref)}; see 'flash list'")
    listed = ", ".join(matches[:4]) + (", …" if len(matches) > 4 else "")
    raise FlashError(
        f"{shown(ref)} matches {len(matches)} sessions ({listed}); give more of the id"
    )


def load(ref: str | None) -> Session:
    return parse_session(folders().sessions / f"{resolve(ref)}.toml")


# ---------------------------------------------------------------- changing


def _checked(session: Session) -> Session:
    try:
        return Session.load(session.stored())
    except Invalid as e:
        raise FlashError(f"that would make session {session.id} invalid ({e})") from None


def create(day: date, slug: str, make: Callable[[str], Session]) -> Session:
    """A new session under a fresh id: DAY-SLUG, then DAY-SLUG-2, -3, …"""
    with locked() as folder:
        base = f"{day.isoformat()}-{slug}"[:77].rstrip("-")
        sid, n = base, 1
        while (folder / f"{sid}.toml").exists():
            n += 1
            sid = f"{base}-{n}"
        session = _checked(make(sid))
        _save(folder / f"{sid}.toml", session)
        return session


def update(sid: str, change: Callable[[Session], None]) -> Session:
    """Change one session: re-read inside the lock, apply, check, write atomically."""
    with locked() as folder:
        path = folder / f"{sid}.toml"
        if not path.exists():
            raise FlashError(f"session {sid} is gone (deleted meanwhile?); see 'flash list'")
        session = parse_session(path)
        change(session)
        session.updated = clock.now()
        if session.from_schema < SCHEMA:
            _keep_original(path)
        session = _checked(session)
        _save(path, session)
        return session


def _save(path: Path, session: Session) -> None:
    """Write a session, then tell the index, so the next list need not parse it again."""
    from flashcli import index

    write_atomic(path, toml_bytes(session))
    index.note_written(path, session.summary())


def _keep_original(path: Path) -> None:
    """Before a file's first rewrite in a newer schema, keep it as it was in <id>.toml.bak."""
    backup = path.with_name(path.name + ".bak")
    if not backup.exists():
        write_atomic(backup, path.read_bytes())


def delete(sid: str) -> None:
    with locked() as folder:
        try:
            (folder / f"{sid}.toml").unlink()
        except FileNotFoundError:
            pass
        except OSError as e:
            raise FlashError(f"cannot delete session {sid}: {e.strerror}") from e


# ---------------------------------------------------------------- config


def load_config() -> Config:
    path = folders().config_file
    if not path.exists():
        return Config()
    try:
        return Config.load(read_toml(path))
    except BadSessionFile as e:
        raise FlashError(f"cannot read config file {path}: {e.reason}") from None
    except Invalid as e:
        raise FlashError(f"cannot use config file {path}: {e}; fix it") from None


def set_config(key: str, value: str) -> Config:
    """Set one config key (an empty value removes it), re-reading the file under the lock."""
    place = folders()
    private_dir(place.config)
    with locked():
        data = load_config().stored()
        if value == "":
            data.pop(key, None)
        else:
            data[key] = value
        try:
            config = Config.load(data)
        except Invalid as e:
            raise UsageProblem(f"cannot set {key} to {shown(value)}: {e.what}") from None
        write_atomic(place.config_file, toml_bytes(config))
        return config
