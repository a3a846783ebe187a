"""The repository as flash sync keeps it: set up where no push reaches, with a driver that
runs, nothing half-done by a git that was stopped, and private.

What sync needs lives in the repository's own .git: the merge driver in .git/config, the
attributes that select it in .git/info/attributes, and what stays on each machine in
.git/info/exclude. flash's own merges never depend on what is registered (own_driver gives
git the Python running now); the driver registered for a person's own `git pull` runs the
`flash` launcher by its absolute path, or the `flash` on PATH once that is gone.
"""

import os
import shlex
import stat
import sys
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path

from flashcli.errors import FlashError, escaped
from flashcli.i18n import _
from flashcli.store import tombstones
from flashcli.store.paths import CACHES, SECRET_FORMS, folders, session_id
from flashcli.sync.git import git, git_dir, git_running, head_commit, is_work_tree, stale

Say = Callable[[str], None]

# What the driver merges; sealed sessions are binary to git (never shown in a diff or log).
# Tombstones of one session from two machines merge line by line (the latest time counts).
ATTRIBUTES = [
    "# flash: its merge driver for sessions (flash sync); kept here, where no push reaches",
    "/sessions/*.toml merge=flash",
    "/sessions/*.toml.age merge=flash -diff -text",
    "/sessions/*.deleted merge=union",
    "# flash: the secret programme reports take their ids from, merged by flash too",
    "/report.toml merge=flash",
    "/report.toml.age merge=flash -diff -text",
]
# What stays on each machine and never travels: caches, the config, the key, backups, kept
# edits, drafts, what writers leave half-done. Never staged, and never taken from a remote.
ROOT_FILES = (
    "config.toml",
    "guidance.toml",
    "key.txt",
    *CACHES,
    *(f"{cache}.age" for cache in CACHES),
    "guidance.cache",
    "encryption.pending",
    ".lock",
)
# keys/ holds the key where the config folder is the data folder (macOS, Windows); hooks/ the
# person's own programs: what a pull brought there would be run or trusted.
ROOT_FOLDERS = ("drafts/", ".edit-", "keys/", "hooks/")
ASIDE = ".from-repository"  # what a clone brought that stays on each machine, set aside
ENDINGS = (
    ASIDE,
    ".tmp",
    ".toml.bak",
    ".toml.bak.age",
    "-edit.toml",
    "-edit.toml.age",
    "-notes-edit.txt",
    "-notes-edit.txt.age",
)
EXCLUDE = [
    "# flash: what stays on this machine (flash sync never stages it)",
    *(f"/{name}" for name in ROOT_FILES),
    "/drafts/",
    "/.edit-*/",
    "/keys/",
    "/hooks/",
    "/.merge_file_*",
    *(f"*{end}" for end in ENDINGS),
]
# What an older flash committed, to be tracked no more.
UNTRACK = [
    *ROOT_FILES,
    *(f":(glob){folder}**" for folder in ("drafts/", "keys/", "hooks/")),
    *(f":(glob)**/*{end}" for end in ENDINGS),
]


def per_machine(name: str) -> bool:
    """Whether a file of the work tree stays on its machine (NAME: its path in the tree)."""
    return name in ROOT_FILES or name.startswith(ROOT_FOLDERS) or name.endswith(ENDINGS)


MARKER = "encryption"  # the file that says the folder is encrypted; it travels
ROOT_SYNCED = (MARKER, *SECRET_FORMS)  # what travels at the data folder's root


def synced(name: str) -> bool:
    """Whether flash carries this file between machines: a session, a tombstone, the marker,
    the report secret."""
    if name in ROOT_SYNCED:
        return True
    folder, __, base = name.partition("/")
    return folder == "sessions" and (session_id(base) or tombstones.of(base)) is not None


def inside_a_file(name: str) -> str | None:
    """The folder NAME lies in that is named as a file flash keeps (encryption/x,
    sessions/ID.toml/x, key.txt/x), if it does: brought by a pull, it would have flash read a
    folder where it looks for that file."""
    parts = name.split("/")
    if len(parts) > 1 and (parts[0] in ROOT_SYNCED or per_machine(parts[0])):
        return parts[0]
    if len(parts) > 2 and synced("/".join(parts[:2])):
        return "/".join(parts[:2])
    return None


DRIVER_NAME = "flash: sessions merged by what they mean"
UNFINISHED = {  # what a git command left half-done in .git, what it is, and what undoes it
    "MERGE_HEAD": ("merge", "merge --abort"),
    "rebase-merge": ("rebase", "rebase --abort"),
    "rebase-apply": ("rebase", "rebase --abort"),
    "CHERRY_PICK_HEAD": ("cherry-pick", "cherry-pick --abort"),
    "REVERT_HEAD": ("revert", "revert --abort"),
}
LOCKS = (
    "index.lock",
    "HEAD.lock",
    "config.lock",
    "packed-refs.lock",
)  # what a killed git leaves
OURS_MERGING = "flash-sync-merging"  # in .git while flash sync's own merge is under way


# ---------------------------------------------------------------- setting up


def setup(init: bool) -> list[str]:
    """`flash sync --setup`: make the repository with INIT, and set it up for sync."""
    data = folders().data
    said = []
    os.umask(0o077)
    if not is_work_tree():
        if not init:
            raise FlashError(
                _("{data} is not a git work tree; 'flash sync --setup --init' makes it one").format(
                    data=data
                )
            )
        data.mkdir(parents=True, exist_ok=True)
        git("init", "--quiet")
        said.append(_("made {data} a git repository").format(data=data))
    foreign = git("config", "merge.flash.driver", check=False).code != 0
    said += _untrack(foreign) if _write_info() else []
    _register()
    privatise()
    return [*said, _("registered flash's merge driver for sessions/*.toml and *.toml.age")]


def ensure_set_up(values: dict[str, str]) -> list[str]:
    """What sync needs in .git, put there where it is missing (a clone never set up, or set
    up by an older flash), and the driver pointed at a flash that is there; quiet when all
    is in place."""
    wrote = _write_info()
    registered = values.get("merge.flash.driver")
    said = _untrack(foreign=registered is None) if wrote else []
    if wrote or registered is None:
        _register()
        return [_("set up this clone for flash sync (merge driver, attributes, excludes)"), *said]
    if not _runs(registered):
        _register()
        said.append(_("flash's merge driver pointed at a flash that is gone; it runs this one now"))
    return said


def _write_info() -> bool:
    """The attributes and excludes in .git/info; whether any line had to be added."""
    repo = git_dir()
    assert repo is not None
    wrote = [_ensure_lines(repo / "info" / name, lines) for name, lines in _INFO]
    return any(wrote)


_INFO = (("attributes", ATTRIBUTES), ("exclude", EXCLUDE))


def _ensure_lines(path: Path, lines: list[str]) -> bool:
    """Add to PATH the LINES it lacks; whether any were added."""
    try:
        have = path.read_text("utf-8").splitlines()
    except FileNotFoundError:
        have = []
    except (OSError, UnicodeDecodeError) as e:
        raise FlashError(_("cannot read {path}: {e}").format(path=path, e=e)) from None
    missing = [line for line in lines if line not in have]
    if not missing:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([*have, *missing]) + "\n", "utf-8")
    return True


def _untrack(foreign: bool) -> list[str]:
    """Stop tracking what belongs to this machine, which an older flash committed. FOREIGN: the
    clone was never set up, so what it tracks came from the repository: each such file is
    moved aside, never used (whoever can push would choose the config, the guidance or the
    key); so is a key or a hook anywhere, which no flash ever committed."""
    tracked = git("ls-files", "-z", "--", *UNTRACK).names()
    if not tracked:
        return []
    listed = "".join(f"{name}\0" for name in tracked).encode("utf-8", "surrogateescape")
    git("rm", "--cached", "--quiet", "--pathspec-from-file=-", "--pathspec-file-nul", input=listed)
    return [_set_aside(name) if foreign or never_ours(name) else _kept(name) for name in tracked]


def never_ours(name: str) -> bool:
    """Whether no flash ever committed NAME: the key, and what lies in keys/ or hooks/."""
    return name == "key.txt" or name.startswith(("keys/", "hooks/"))


def _kept(name: str) -> str:
    return _("stopped tracking {name}: it stays on this machine").format(name=escaped(name))


def _set_aside(name: str) -> str:
    """NAME, which came from the repository, moved to NAME.from-repository, where nothing reads
    it; what was done, in a line."""
    path = folders().data / name
    aside = path.with_name(path.name + ASIDE)
    with suppress(OSError):
        if not path.is_symlink() and path.is_file():
            os.replace(path, aside)
    return _(
        "moved {name} aside to {aside}: it came from the repository, where anyone who can push "
        "chose it, and flash does not use it"
    ).format(name=escaped(name), aside=escaped(aside.name))


def launcher() -> list[str]:
    """The program that runs this flash, as a person's own `git pull` should run it: the
    `flash` launcher by its absolute path (not resolved: a pipx link survives a reinstall),
    else this Python with `-m flashcli`."""
    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if argv0 is not None and argv0.name in ("flash", "flash.exe") and argv0.exists():
        return [str(argv0.absolute())]
    beside = Path(sys.executable).parent / "flash"
    if beside.exists():
        return [str(beside)]
    return [sys.executable, "-m", "flashcli"]


def registered_driver(program: list[str]) -> str:
    """The line of sh git runs to merge a session: PROGRAM while it is there, else the
    `flash` on PATH (a recreated or moved environment leaves the first one gone)."""
    run = " ".join(map(shlex.quote, program))
    args = "merge-driver %O %A %B %P"
    first = shlex.quote(program[0])
    return f"if [ -x {first} ]; then exec {run} {args}; else exec flash {args}; fi"


def _runs(driver: str) -> bool:
    """Whether the program a registered driver names is still there."""
    try:
        words = shlex.split(driver)
    except ValueError:
        return False
    return words[:2] == ["if", "["] and len(words) > 3 and os.access(words[3], os.X_OK)


def _register() -> None:
    git("config", "merge.flash.name", DRIVER_NAME)
    git("config", "merge.flash.driver", registered_driver(launcher()))


def own_driver() -> list[str]:
    """The driver for flash's own merges, on git's command line: the Python running now."""
    driver = f"{shlex.quote(sys.executable)} -m flashcli.merge %O %A %B %P"
    return ["-c", f"merge.flash.driver={driver}", "-c", f"merge.flash.name={DRIVER_NAME}"]


# ---------------------------------------------------------------- before anything


def check_unfinished(say: Say) -> None:
    """Stop on what another git left half-done; undo a merge a stopped flash sync left."""
    repo = git_dir()
    assert repo is not None
    locks = [repo / n for n in LOCKS if (repo / n).exists()] + sorted(repo.glob("refs/**/*.lock"))
    if locks:
        raise stale(locks, folders().data)
    leftovers = list(folders().data.glob(".merge_file_*"))  # from a git killed mid-merge
    if leftovers and git_running(folders().data) is False:  # and no git is using them now
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
    ours = repo / OURS_MERGING
    if ours.exists() and (repo / "MERGE_HEAD").exists():
        git("merge", "--abort")
        say(_("undid the merge a stopped flash sync had left unfinished; merging again"))
    ours.unlink(missing_ok=True)
    for name, (what, undo) in UNFINISHED.items():
        if (repo / name).exists():
            raise FlashError(
                f"git has an unfinished {what} in {folders().data} (a git pull that stopped?): "
                f"run 'git -C {folders().data} {undo}', then 'flash sync'"
            )


# ---------------------------------------------------------------- private


def privatise(names: Iterable[str] | None = None) -> None:
    """Folders 0700 and files 0600 in the work tree (NAMES and their folders, or all of it),
    never following a link, and leaving .git as git keeps it."""
    data = folders().data
    if names is None:
        for root, dirs, files in os.walk(data):
            if Path(root) == data:
                dirs[:] = [d for d in dirs if d != ".git"]
            _private(Path(root), 0o700)
            for file in files:
                _private(Path(root) / file, 0o600)
        return
    folders_seen = {data}
    for name in names:
        path = data / name
        _private(path, 0o600)
        for parent in path.parents:
            if parent in folders_seen or data not in parent.parents:
                break
            folders_seen.add(parent)
            _private(parent, 0o700)
    _private(data, 0o700)


def _private(path: Path, mode: int) -> None:
    with suppress(OSError):
        st = os.lstat(path)
        if not stat.S_ISLNK(st.st_mode) and stat.S_IMODE(st.st_mode) != mode:
            os.chmod(path, mode)


MODES = "flash-private"  # in .git: the commit at which the work tree was last made private


def catch_up_modes(repo: Path) -> None:
    """Make private what changed since the last sync made the tree private: a person's own
    pull or checkout writes files as their umask says. The whole tree, the first time."""
    try:
        last = (repo / MODES).read_text("utf-8").strip()
    except OSError:
        privatise()
        return
    head = head_commit()
    if head == last or head is None:
        return
    done = git("diff", "--name-only", "-z", "--no-renames", last, head, check=False)
    privatise(done.names() if done.code == 0 else None)


def record_modes(repo: Path) -> None:
    head = head_commit()
    if head:
        with suppress(OSError):
            (repo / MODES).write_text(f"{head}\n", "utf-8")
