"""Where flash keeps its files, resolved on every call so FLASH_HOME always wins; file names."""

import os
import re
from dataclasses import dataclass
from pathlib import Path

from flashcli.errors import FlashError
from flashcli.i18n import _
from flashcli.kinds import ID_PATTERN

ID_RE = re.compile(ID_PATTERN)
BUILT_IN_GUIDANCE = Path(__file__).parent.parent / "guidance.toml"


def copy_pattern(stem: str) -> re.Pattern[str]:
    """The names sync programs give their conflict copies of STEM.toml and STEM.toml.age (STEM
    a regular expression, its match the group `id`): ID.sync-conflict-20261129-114800-ABCDEFG.toml
    (Syncthing), ID (Dana's conflicted copy 2026-11-29).toml (Dropbox), ID (conflicted copy
    2026-11-29 114800).toml (Nextcloud, OneDrive), ID 2.toml (iCloud); of an encrypted
    ID.toml.age, ID.toml.sync-conflict-….age and the like."""
    return re.compile(
        rf"(?P<id>{stem})(?P<toml>\.toml)?"
        r"(?:\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}|\s\([^()]*conflicted copy[^()]*\)|\s\d+)"
        r"(?(toml)\.age|\.toml(\.age)?)"
    )


COPY = copy_pattern(ID_PATTERN)


SEALED = ".age"  # what ends the name of a file flash keeps sealed (kept.py's one rule)
SUFFIXES = (".toml", f".toml{SEALED}")  # a session in clear, and encrypted
# The secret programme reports take their ids from (secret.py), at the data folder's root, in
# clear and sealed; and the names of its conflict copies there.
SECRET = "report.toml"  # noqa: S105 (a file's name, not a password)
SECRET_FORMS = (SECRET, f"{SECRET}{SEALED}")
SECRET_COPY = copy_pattern("report")


def session_id(name: str) -> str | None:
    """The id of a session file's name, <id>.toml or <id>.toml.age; None for any other file."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and ID_RE.fullmatch(name[: -len(suffix)]):
            return name[: -len(suffix)]
    return None


def is_session_file(name: str) -> bool:
    """Whether a file is a session: other files in the folder are never read as sessions."""
    return session_id(name) is not None


def session_ids() -> list[str]:
    """The ids of the session files there are, from one listing of the folder."""
    try:
        names = os.listdir(folders().sessions)
    except FileNotFoundError:
        return []
    return sorted({sid for n in names if (sid := session_id(n))})


def marker() -> Path:
    """The file whose presence says the data folder is encrypted (crypt.py). It says only
    that: it travels, and what travels never names the recipient."""
    return folders().data / "encryption"


MARKER_TEXT = b"age\n"


def transition() -> Path:
    """While `flash config encrypt on|off` is under way, the file that says which ("on" or
    "off"): the one state that says how far it got, with the marker (written first for on,
    removed first for off). It stays on the machine."""
    return folders().data / "encryption.pending"


def encrypted() -> bool:
    return marker().exists()


def kept_name(name: str) -> str:
    """The name a new file flash keeps takes: sealed (NAME.age) while the folder is
    encrypted; kept.py reads and writes it by that name."""
    return f"{name}{SEALED}" if encrypted() else name


CACHES = ("index.cache", "index.log", "words.cache")  # each also as NAME.age, sealed


def other_form(path: Path) -> Path:
    """A kept file's name in the other form: NAME.age for NAME, and NAME for NAME.age."""
    name = path.name
    return path.with_name(name.removesuffix(SEALED) if name.endswith(SEALED) else f"{name}{SEALED}")


def session_file(sid: str) -> Path:
    """Where session SID is written: <id>.toml, or <id>.toml.age in an encrypted folder."""
    return folders().sessions / kept_name(f"{sid}{SUFFIXES[0]}")


def session_forms(sid: str) -> list[Path]:
    """The files session SID is kept in: one, or two (<id>.toml and <id>.toml.age, one
    session, from a machine that did not yet know the folder is encrypted, or an encryption
    under way) to be read as their merge; none when there is no such session."""
    folder = folders().sessions
    found = []
    for suffix in SUFFIXES:
        try:
            os.lstat(folder / f"{sid}{suffix}")
        except OSError:
            continue
        found.append(folder / f"{sid}{suffix}")
    return found


def unfinished_transition() -> str | None:
    """Which way ("on", "off") an `encrypt on|off` that did not finish here was going, if
    any; "on" for a file that says neither (the safe way to finish)."""
    try:
        said = transition().read_bytes().strip()
    except OSError:
        return None
    return "off" if said == b"off" else "on"


def unsettled() -> bool:
    """Whether a session or the report secret is kept in two files, or in clear in an
    encrypted folder: what sync puts right before it commits (store.catch_up_encryption). One
    listing, no parsing."""
    if secret_unsettled():
        return True
    try:
        names = set(os.listdir(folders().sessions))
    except OSError:
        return False
    if encrypted():
        return any(n.endswith(SUFFIXES[0]) and session_id(n) for n in names)
    return bool(kept_twice(names))


def secret_forms() -> list[Path]:
    """The files the report secret is kept in: none, one, or both forms (from a machine that
    did not yet know the folder is encrypted), to be read as their merge."""
    found = []
    for name in SECRET_FORMS:
        try:
            os.lstat(folders().data / name)
        except OSError:
            continue
        found.append(folders().data / name)
    return found


def secret_unsettled() -> bool:
    """Whether the report secret is kept in two files, or in the form the folder does not
    keep (in clear in an encrypted folder, or sealed in a clear one)."""
    found = secret_forms()
    return len(found) > 1 or (bool(found) and found[0].name != kept_name(SECRET))


def secret_copies() -> list[Path]:
    """The conflict copies of the report secret a sync program left in the data folder."""
    try:
        names = os.listdir(folders().data)
    except FileNotFoundError:
        return []
    return sorted(folders().data / n for n in names if SECRET_COPY.fullmatch(n))


def kept_twice(names: set[str]) -> list[str]:
    """Of a listing of the sessions folder, the ids of the sessions kept in both files."""
    return sorted(
        sid
        for n in names
        if n.endswith(SUFFIXES[1]) and (sid := session_id(n)) and sid + SUFFIXES[0] in names
    )


LINKS_REFUSED = ("sessions", "drafts", "encryption", *SECRET_FORMS)
FILES_REFUSED_AS_LINKS = ("encryption", *SECRET_FORMS)


def refuse_links() -> None:
    """Stop when a folder or file flash keeps in the data folder is a link: one pushed to a
    shared repository would move every read and write out of the folder."""

    data = folders().data
    for name in LINKS_REFUSED:
        if os.path.islink(data / name):
            raise FlashError(
                _(
                    "{value} is a link, which flash never follows (brought by a sync?): replace "
                    "it with a {value2}; nothing was changed"
                ).format(
                    value=data / name, value2="file" if name in FILES_REFUSED_AS_LINKS else "folder"
                )
            )


def conflict_copies() -> list[Path]:
    """The conflict copies of sessions in the sessions folder."""
    folder = folders().sessions
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    # Every copy's name holds a space or '.sync-conflict-': the pattern is tried on those only.
    maybe = (n for n in names if " " in n or ".sync-conflict-" in n)
    return sorted(folder / n for n in maybe if COPY.fullmatch(n))


def copy_of(path: Path) -> str:
    """The id of the session a conflict copy is a copy of."""
    found = COPY.fullmatch(path.name)
    assert found is not None
    return found["id"]


def stat_key(st: os.stat_result) -> tuple[int, ...]:
    """What tells a changed file from an unchanged one: ctime too, for a chmod or a sync's touch."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def file_key(path: Path) -> tuple[int, ...] | None:
    """The stat key of a file, or None when there is none."""
    try:
        return stat_key(path.stat())
    except OSError:
        return None


@dataclass(frozen=True)
class Folders:
    data: Path
    config: Path

    @property
    def sessions(self) -> Path:
        return self.data / "sessions"

    @property
    def config_file(self) -> Path:
        return self.config / "config.toml"

    @property
    def guidance_file(self) -> Path:
        return self.config / "guidance.toml"

    def guidance_files(self, language: str, every: bool = False) -> list[Path]:
        """The guidance, in the order it is laid: the built-in English, the built-in words
        of LANGUAGE, the person's guidance.toml (with its [lang.LANGUAGE] part), and their
        guidance.LANGUAGE.toml. Only those that exist, but the first, unless EVERY."""
        files = [BUILT_IN_GUIDANCE]
        if language != "en":
            files.append(BUILT_IN_GUIDANCE.with_name(f"guidance.{language}.toml"))
        files.append(self.guidance_file)
        if language != "en":
            files.append(self.config / f"guidance.{language}.toml")
        return [files[0], *(f for f in files[1:] if every or file_key(f) is not None)]

    @property
    def lock_file(self) -> Path:
        return self.data / ".lock"


def folders() -> Folders:
    """The folders in use: both under FLASH_HOME when it is set, else the platform's."""
    home = os.environ.get("FLASH_HOME")
    if home:
        base = Path(home).expanduser()
        return Folders(data=base, config=base)
    import platformdirs  # only when FLASH_HOME is not set: tests and scripts never pay for it

    return Folders(
        data=Path(platformdirs.user_data_dir("flash", appauthor=False)),
        config=Path(platformdirs.user_config_dir("flash", appauthor=False)),
    )
