"""Sessions on several machines: through git, or through a sync program's folder.

In a git work tree, `flash sync` commits what changed, pulls (sessions merged by flash's own
merge driver, see merge.py) and pushes. In any other folder it merges the conflict copies
that Syncthing, Dropbox, Nextcloud, OneDrive or iCloud leave beside a session, and removes
them. Git is run as a program, never through a shell.
"""

import shutil
import subprocess
import sys
import tomllib

from flashcli.errors import FlashError
from flashcli.paths import folders, session_id

# Sealed sessions are binary to git: never shown as text in a diff or a log.
ATTRIBUTES = "sessions/*.toml merge=flash\nsessions/*.toml.age merge=flash -diff -text\n"
IGNORED = [
    "# flash's caches and private files: made again on each machine, or never shared",
    "index.cache",
    "index.log",
    "words.cache",
    "guidance.cache",
    ".lock",
    ".*.tmp",
    ".edit-*/",
    "drafts/",
    "*-edit.toml",
    "*-notes-edit.txt",
    "key.txt",
]


# ---------------------------------------------------------------- git


def git(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """git in the data folder; its failure as a FlashError with git's last line."""
    if shutil.which("git") is None:
        raise FlashError("git is not installed; install it, or sync the folder another way")
    result = subprocess.run(
        ["git", "-C", str(folders().data), *args],
        capture_output=True,
        encoding="utf-8",
        errors="surrogateescape",  # git prints file names and contents as they are
        check=False,
    )
    if check and result.returncode != 0:
        said = (result.stderr.strip() or result.stdout.strip()).splitlines()
        raise FlashError(f"git {args[0]} failed: {said[-1] if said else result.returncode}")
    return result


def is_work_tree() -> bool:
    """Whether the data folder is the top of a git work tree (git or not installed)."""
    return (folders().data / ".git").exists()


def setup(init: bool) -> list[str]:
    """Register flash's merge driver for sessions (and make the repository, with INIT)."""
    data = folders().data
    done = []
    if not is_work_tree():
        if not init:
            raise FlashError(
                f"{data} is not a git work tree; 'flash sync --setup --init' makes it one"
            )
        data.mkdir(parents=True, exist_ok=True)
        git("init", "--quiet")
        done.append(f"made {data} a git repository")
    driver = f'"{sys.executable}" -m flashcli.merge %O %A %B'
    git("config", "merge.flash.name", "flash: sessions merged by what they mean")
    git("config", "merge.flash.driver", driver)
    for name, lines in ((".gitattributes", ATTRIBUTES.splitlines()), (".gitignore", IGNORED)):
        path = data / name
        have = path.read_text("utf-8").splitlines() if path.exists() else []
        missing = [line for line in lines if line not in have]
        if missing:
            path.write_text("\n".join([*have, *missing]) + "\n", "utf-8")
            done.append(f"wrote {name}")
    done.append("registered flash's merge driver for sessions/*.toml and *.toml.age")
    return done


def commit(message: str) -> bool:
    """Commit every change in the folder; whether there was one."""
    git("add", "--all")
    if git("diff", "--cached", "--quiet", check=False).returncode == 0:
        return False
    git(*_identity(), "commit", "--quiet", "-m", message)
    return True


def _identity() -> list[str]:
    """Who commits: the person, as git knows them, or flash where git knows no one."""
    if git("config", "user.email", check=False).stdout.strip():
        return []
    return ["-c", "user.name=flash", "-c", "user.email=flash@localhost"]


def staged_summary() -> str:
    """What the next commit holds, as a message: 'notes: 2026-12-03-dana-lee (+3)'."""
    git("add", "--all")
    changes = git("diff", "--cached", "--name-status").stdout.splitlines()
    said = []
    for line in changes:
        status, _, name = line.partition("\t")
        sid = session_id(name.removeprefix("sessions/"))
        if not name.startswith("sessions/") or sid is None:
            continue
        if status.startswith("A"):
            said.append(f"new: {sid}")
        elif status.startswith("D"):
            said.append(f"deleted: {sid}")
        else:
            said.append(_what_changed(name, sid))
    return "; ".join(said) or "flash settings"


def _what_changed(name: str, sid: str) -> str:
    """'notes: ID (+3)' when notes were added, else what kind of change it was."""
    from flashcli import crypt
    from flashcli.files import read_toml

    path = folders().data / name
    try:
        shown = git("show", f"HEAD:{name}").stdout.encode("utf-8", "surrogateescape")
        before = tomllib.loads(crypt.opened(shown, path).decode("utf-8"))
        after = read_toml(path)
    except (FlashError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return f"changed: {sid}"
    counts = []
    for key in ("notes", "actions"):
        added = len(after.get(key, [])) - len(before.get(key, []))
        if added:
            counts.append(f"{key}: {sid} ({added:+d})")
    return "; ".join(counts) or f"changed: {sid}"


def remote() -> str | None:
    """The remote to pull from and push to: the first there is."""
    names = git("remote").stdout.split()
    return names[0] if names else None


def pull_and_push(name: str) -> list[str]:
    """Bring in the remote's sessions (merged by meaning), then send ours."""
    branch = git("rev-parse", "--abbrev-ref", "HEAD").stdout.strip()
    said = []
    if _with(name, "ls-remote", "--heads", name, branch).stdout.strip():
        pull = ["pull", "--quiet", "--no-rebase", "--no-edit", name, branch]
        pulled = git(*_identity(), *pull, check=False)  # a merge commit needs an author
        if pulled.returncode != 0:
            unmerged = git("diff", "--name-only", "--diff-filter=U").stdout.split()
            if not unmerged:
                raise _unreachable(name, "pull", pulled)
            said += _settle(unmerged)
        said.append(f"pulled from {name}")
    else:
        said.append(f"{name} has no {branch} yet")
    _with(name, "push", "--quiet", "--set-upstream", name, branch)
    said.append(f"pushed to {name}")
    return said


def _settle(unmerged: list[str]) -> list[str]:
    """What git could not merge by itself: a session changed on one machine and deleted on
    the other is kept, as changed (nothing is lost; flash delete removes it again). Anything
    else is left to the person, the merge undone."""
    if any(not (p.startswith("sessions/") and session_id(p[9:])) for p in unmerged):
        git("merge", "--abort", check=False)
        raise FlashError(
            f"git could not merge {', '.join(unmerged)}; nothing was merged: sort it out with "
            f"git in {folders().data}, then run 'flash sync' again"
        )
    said = []
    for name in unmerged:
        sid = session_id(name[9:])
        if (folders().data / name).exists():
            git("add", "--", name)
            said.append(f"kept {sid}: one machine changed it and the other deleted it")
        else:
            git("rm", "--quiet", "--", name)
    git(*_identity(), "commit", "--quiet", "--no-edit")
    return said


def _with(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    """git talking to the remote NAME; when it cannot, a line saying so."""
    done = git(*args, check=False)
    if done.returncode != 0:
        raise _unreachable(name, args[0], done)
    return done


def _unreachable(name: str, what: str, done: subprocess.CompletedProcess[str]) -> FlashError:
    """Why git could not WHAT with NAME, in its own first words, and that the commit stands."""
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    why = next((line for line in lines if line.startswith(("fatal:", "error:"))), None)
    why = (why or (lines[-1] if lines else f"exit {done.returncode}")).split(":", 1)[-1]
    return FlashError(
        f"git {what} with {name} failed ({why.strip()}); your changes are committed here: "
        "run 'flash sync' again once it can be reached"
    )
