"""git, run as a program (never through a shell) in the data folder, and what flash reads of
the repository without running it: where it is, its refs, its config, whether a git is at work."""

import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flashcli.errors import FlashError, escaped
from flashcli.i18n import _
from flashcli.store.paths import folders


def git(*args: str, check: bool = True, input: bytes | None = None) -> "Done":
    """git in the data folder; its failure as a FlashError with git's own reason."""
    try:
        result = subprocess.run(
            [_program(), "-C", str(folders().data), *args],
            input=input,
            capture_output=True,
            check=False,
            env=_environment(),
        )
    except OSError as e:
        raise FlashError(_("cannot run git: {strerror}").format(strerror=e.strerror)) from None
    done = Done(result.returncode, result.stdout, result.stderr)
    if check and done.code != 0:
        what = next((a for n, a in enumerate(args) if a[0] != "-" and args[n - 1] != "-c"), "")
        raise FlashError(f"git {what} failed: {done.why()}")
    return done


@cache
def _program() -> str:
    found = shutil.which("git")
    if found is None:
        raise FlashError("git is not installed; install it, or sync the folder another way")
    return found


def _environment() -> dict[str, str]:
    """This environment, less what would point git at another repository than the folder's."""
    away = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_PREFIX")
    return {k: v for k, v in os.environ.items() if k not in away}


@dataclass
class Done:
    code: int
    out: bytes
    err: bytes

    @property
    def text(self) -> str:
        return self.out.decode("utf-8", "surrogateescape")

    def names(self) -> list[str]:
        """The NUL-separated names git printed with -z."""
        return [n for n in self.text.split("\0") if n]

    def why(self) -> str:
        """git's own reason, in its first words: the line that says fatal or error, with the
        names listed under it, not the advice after them."""
        lines = [line.removeprefix("remote: ").rstrip() for line in self.said().splitlines()]
        at = next(
            (n for n, line in enumerate(lines) if line.startswith(("fatal:", "error:"))), None
        )
        if at is None:
            said = [line.strip() for line in lines if line.strip()][-1:] or [
                _("exit {code}").format(code=self.code)
            ]
        else:
            said = [lines[at].split(":", 1)[1].strip()]
            said += [line.strip() for line in lines[at + 1 :] if line[:1] in (" ", "\t")]
        return escaped(" ".join(said))

    def said(self) -> str:
        """What git printed about what went wrong (some of it says so on stdout)."""
        return (self.err or self.out).decode("utf-8", "replace")

    def stale_lock(self) -> Path | None:
        """The lock file git could not create because one was there, if that is why."""
        found = re.search(r"Unable to create '(.+?\.lock)': File exists", self.said())
        return Path(found[1]) if found else None


def git_dir() -> Path | None:
    """The repository of the data folder, when the folder is the top of a work tree."""
    dot = folders().data / ".git"
    if dot.is_dir():
        return dot
    if dot.is_file():  # a linked work tree or a submodule: 'gitdir: PATH'
        with suppress(OSError, UnicodeDecodeError):
            line = dot.read_text("utf-8").strip()
            if line.startswith("gitdir:"):
                found = Path(line.removeprefix("gitdir:").strip())
                return found if found.is_absolute() else (dot.parent / found).resolve()
    return None


def is_work_tree() -> bool:
    return git_dir() is not None


def config() -> dict[str, str]:
    """git's configuration here, as git reads it (the last value of a key wins)."""
    values: dict[str, str] = {}
    for entry in git("config", "--list", "-z", check=False).names():
        key, __, value = entry.partition("\n")
        values[key.lower()] = value
    return values


def identity(values: dict[str, str]) -> list[str]:
    """Who commits: the person, as git knows them, or flash where git knows no one."""
    if values.get("user.email"):
        return []
    return ["-c", "user.name=flash", "-c", "user.email=flash@localhost"]


def head_commit() -> str | None:
    """The commit the branch is at, or None before its first commit."""
    return ref(f"refs/heads/{branch()}")


def ref(name: str) -> str | None:
    """The commit a ref names (None: no such ref), read from .git without running git where
    it is a plain file there; else as git says."""
    repo = git_dir()
    assert repo is not None
    with suppress(OSError, UnicodeDecodeError):
        found = (repo / name).read_text("ascii").strip()
        if _HEX.fullmatch(found):
            return found
    with suppress(OSError, UnicodeDecodeError):
        for line in (repo / "packed-refs").read_text("utf-8").splitlines():
            sha, __, named = line.partition(" ")
            if named == name and _HEX.fullmatch(sha):
                return sha
    done = git("rev-parse", "-q", "--verify", f"{name}^{{commit}}", check=False)
    return done.text.strip() or None if done.code == 0 else None


_HEX = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def branch() -> str:
    """The branch checked out; a detached HEAD cannot sync."""
    repo = git_dir()
    assert repo is not None
    try:
        head = (repo / "HEAD").read_text("utf-8").strip()
    except OSError as e:
        raise FlashError(
            _("cannot read {value}: {strerror}").format(value=repo / "HEAD", strerror=e.strerror)
        ) from None
    if not head.startswith("ref: refs/heads/"):
        raise FlashError(
            _(
                "no branch is checked out in {data}: run 'git -C {data} switch main' (or the "
                "branch you sync), then 'flash sync'"
            ).format(data=folders().data)
        )
    return head.removeprefix("ref: refs/heads/")


def remote(values: dict[str, str]) -> str | None:
    """The remote to pull from and push to: the branch's own, else the first there is."""
    names = [k[7:-4] for k in values if k.startswith("remote.") and k.endswith(".url")]
    return values.get(f"branch.{branch()}.remote") or (names[0] if names else None)


def blobs(specs: list[str]) -> list[bytes | None]:
    """The contents of REV:PATH blobs, in one git call (None for one that is not there)."""
    if not specs:
        return []
    out = git("cat-file", "--batch", input="".join(f"{s}\n" for s in specs).encode()).out
    found: list[bytes | None] = []
    at = 0
    for __ in specs:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            found.append(out[at : at + size])
            at += size + 1
        else:
            found.append(None)  # '<spec> missing'
    return found


def start_fetch(name: str) -> Callable[[], Done]:
    """Fetch NAME's branches in the background (while the local commit is made); returns
    what waits for the fetch to end and says how it went."""
    spec = f"+refs/heads/*:refs/remotes/{name}/*"
    try:
        fetching = subprocess.Popen(
            [_program(), "-C", str(folders().data), "-c", "gc.auto=0", "fetch", "-q", name, spec],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_environment(),
        )
    except OSError as e:
        raise FlashError(_("cannot run git: {strerror}").format(strerror=e.strerror)) from None

    def wait() -> Done:
        out, err = fetching.communicate()
        return Done(fetching.returncode, out, err)

    return wait


def unreachable(name: str, what: str, done: Done) -> FlashError:
    """Why git could not WHAT with NAME, in its own words, and that the commit stands: a lock a
    stopped git left in the remote is named with what to run."""
    lock = done.stale_lock()
    if lock is not None:  # in the remote's repository (a folder on this machine)
        return stale(
            [lock], next((p for p in lock.parents if (p / "objects").is_dir()), lock.parent)
        )
    return FlashError(
        f"git {what} with {name} failed ({done.why()}); your changes are committed here: "
        "run 'flash sync' again once it can be reached"
    )


def git_running(where: Path) -> bool | None:
    """Whether a git process is at work in WHERE (None: this system cannot tell)."""
    proc = Path("/proc")
    if not (proc / "self" / "cwd").exists():
        return None
    target = str(where.resolve())
    for entry in proc.iterdir():
        if not entry.name.isdigit() or entry.name == str(os.getpid()):
            continue
        with suppress(OSError):
            if not (entry / "comm").read_text().startswith("git"):
                continue
            cwd = os.readlink(entry / "cwd")
            if cwd == target or cwd.startswith(target + os.sep):
                return True
    return False


def stale(locks: list[Path], where: Path) -> FlashError:
    """The error for locks of git's that are there (in a repository at WHERE): what to run
    to remove them all, when no git is at work there."""
    locks = [Path(os.path.normpath(lock)) for lock in locks]
    rm = " ".join(shlex.quote(str(lock)) for lock in locks)
    running = git_running(where)
    if running:
        return FlashError(
            _(
                "another git is at work in {where} (it holds {locks}); let it finish, then run "
                "'flash sync' again"
            ).format(where=where, locks=locks[0])
        )
    if running is None:
        return FlashError(
            _(
                "git's lock {locks} is there: if no git is running in {where}, remove it (rm "
                "{rm}), then run 'flash sync' again"
            ).format(locks=locks[0], where=where, rm=rm)
        )
    return FlashError(
        _(
            "a git that was stopped left its lock {locks} (no git is running there now): remove "
            "it (rm {rm}), then run 'flash sync' again"
        ).format(locks=locks[0], rm=rm)
    )
