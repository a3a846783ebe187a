"""Sessions on several machines through git: commit, pull (merged by meaning), push.

- It stages only the files flash writes for sync (sessions, tombstones, the encryption
  marker), by name, and commits nothing it cannot read (checks.py).
- A merge that cannot be made is undone, leaving the machine as before the pull; a session is
  said to be deleted only where a tombstone says so (tombstones.py).
- What it relies on it sets up and checks itself every time (repo.py); git is run as a
  program (git.py); what it did is said per session (messages.py).

In any other folder, `flash sync` merges the copies sync programs leave (store.merge_copies).
"""

import os
from collections.abc import Sequence
from pathlib import Path

from flashcli import store
from flashcli.errors import FlashError, escaped
from flashcli.i18n import _, ngettext
from flashcli.store import tombstones
from flashcli.store.disk import write_atomic
from flashcli.store.paths import (
    MARKER_TEXT,
    folders,
    marker,
    session_ids,
    unfinished_transition,
    unsettled,
)
from flashcli.sync.checks import check_files, check_history, check_incoming
from flashcli.sync.git import (
    blobs,
    branch,
    config,
    git,
    git_dir,
    head_commit,
    identity,
    is_work_tree,
    ref,
    remote,
    start_fetch,
    unreachable,
)
from flashcli.sync.messages import Change, described, stripped_of
from flashcli.sync.repo import (
    OURS_MERGING,
    Say,
    catch_up_modes,
    check_unfinished,
    ensure_set_up,
    own_driver,
    per_machine,
    privatise,
    record_modes,
    setup,
    synced,
)
from flashcli.sync.settle import read_or_none, settle

__all__ = ["is_work_tree", "run", "setup"]


def run(say: Say, replacing: bool = False, accept_deletions: bool = False) -> None:
    """`flash sync` in a git work tree: commit, pull, push, each step said as it is done.
    REPLACING: the history is about to be replaced (--fresh-history --push), so an old one
    may be joined to it for now; ACCEPT_DELETIONS: the pull may delete many sessions."""
    os.umask(0o077)  # what git writes in the work tree is private from the start
    check_unfinished(say)
    refuse_half_encrypted()
    values = config()
    for line in ensure_set_up(values):
        say(line)
    repo = git_dir()
    assert repo is not None
    catch_up_modes(repo)
    name = remote(values)
    fetched = start_fetch(name) if name else None
    before = head_commit()
    try:
        for line in catch_up():
            say(line)
        committed = commit_local(values, before)
    finally:
        done = fetched() if fetched else None
    say(
        _("committed: {committed}").format(committed="; ".join(committed))
        if committed
        else _("nothing to commit")
    )
    if name is None or done is None:
        say(_("no remote: nothing to pull or push"))
        record_modes(repo)
        return
    if done.code != 0:
        raise unreachable(name, "fetch", done)
    brought = pull(name, values, say, before, replacing, accept_deletions)
    privatise(brought)
    there = ref(f"refs/remotes/{name}/{branch()}")
    if there and there == head_commit():
        say(_("nothing to push to {name}").format(name=name))
    else:
        push(name, values)
        say(_("pushed to {name}").format(name=name))
    record_modes(repo)


# ---------------------------------------------------------------- committing


def refuse_half_encrypted() -> None:
    """Stop while `flash config encrypt on|off` is unfinished here: half the sessions would be
    committed one way and half the other."""
    going = unfinished_transition()
    if going is not None:
        raise FlashError(
            _(
                "'flash config encrypt {going}' did not finish here; run it again to finish it, "
                "then 'flash sync'; nothing was committed or pulled"
            ).format(going=going)
        )


def commit_local(values: dict[str, str], head: str | None) -> list[str]:
    """Stage the synced files that changed, by name, check each, and commit them on HEAD (the
    commit the branch is at; None before its first); the lines that say what was committed
    (none when nothing changed)."""
    to_stage, by_hand, untracked = _status()
    if not to_stage and not by_hand:
        return []
    data = folders().data
    check_files([n for n in to_stage if (data / n).exists()])
    staged_first = untracked or len(to_stage) > 100  # a commit takes only files git knows,
    if staged_first:  # and not ten thousand names on its command line
        stage(to_stage)
    lines = described(_changes(head, to_stage)) + by_hand
    return lines if commit(values, lines, paths=[] if staged_first else to_stage) else []


def _status() -> tuple[list[str], list[str], bool]:
    """The synced files that changed (to stage, whatever any ignore file says), a line for
    each other file staged by hand, and whether any synced one is not tracked yet."""
    status = git(
        "status",
        "--porcelain=v1",
        "-z",
        "--untracked-files=all",
        "--ignored=matching",
        "--no-renames",
    ).names()
    to_stage, by_hand, untracked = [], [], False
    mine = []
    for entry in status:
        code, name = entry[:2], entry[3:]
        if synced(name) and (code[0] not in " ?!" or code[1] != " "):
            to_stage.append(name)  # whatever any ignore file says
            untracked |= code[0] in "?!"
        elif per_machine(name) and code[0] not in " ?!D":
            mine.append(name)  # a key or a hook staged by hand: never committed
        elif not synced(name) and code[0] not in " ?!":
            why = _("no longer synced") if code[0] == "D" else _("staged by hand")
            by_hand.append(f"{escaped(name)}: {why}")
    return to_stage, by_hand + _unstage(mine), untracked


def _unstage(names: list[str]) -> list[str]:
    """Take NAMES, which stay on this machine, out of what the next commit holds."""
    if names:
        listed = "".join(f"{n}\0" for n in names).encode("utf-8", "surrogateescape")
        git(
            "rm",
            "--cached",
            "--quiet",
            "--pathspec-from-file=-",
            "--pathspec-file-nul",
            input=listed,
        )
    return [
        _("stopped tracking {name}: it stays on this machine").format(name=escaped(n))
        for n in names
    ]


def commit(
    values: dict[str, str], lines: list[str], head: str = "", paths: Sequence[str] = ()
) -> bool:
    """Commit what is staged, and PATHS as they are in the work tree (files git tracks), with
    a message of LINES: one first line when they fit in it, else a count and a line each.
    Whether there was anything to commit (a commit a killed git made, all but its index, has
    left files that differ from the index and not from the commit)."""
    subject = "; ".join(lines) or "flash sync"
    if len(subject) + len(head) > 100 and len(lines) > 1:
        subject = f"{len(lines)} changes\n\n" + "\n".join(lines)
    message = f"{head}{subject}\n".encode("utf-8", "surrogateescape")
    files = ["--include", "--", *paths] if paths else []
    argv = [*identity(values), "commit", "--quiet", "--no-verify", "--file=-", *files]
    done = git(*argv, input=message, check=False)
    if done.code == 0:
        return True
    stage(paths)
    if git("diff", "--cached", "--quiet", "HEAD", check=False).code == 0:
        return False
    raise FlashError(f"git commit failed: {done.why()}")


def stage(names: Sequence[str]) -> None:
    """Stage NAMES as they are in the work tree (new, changed or gone), whatever an ignore
    file says."""
    if names:
        listed = "".join(f"{n}\0" for n in names).encode("utf-8", "surrogateescape")
        git("update-index", "--add", "--remove", "-z", "--stdin", input=listed)


# ---------------------------------------------------------------- pulling


def pull(
    name: str,
    values: dict[str, str],
    say: Say,
    before: str | None,
    replacing: bool,
    accept: bool = False,
) -> list[str]:
    """Merge what NAME has of this branch (fetched already); the files it changed. BEFORE:
    where the branch was before this sync's own commit; REPLACING: as for `run`; ACCEPT: it
    may delete more sessions than tombstones.too_many allows. Any check that fails once git
    began merging undoes the merge: the machine is as before the pull."""
    theirs = f"refs/remotes/{name}/{branch()}"
    there, head = ref(theirs), head_commit()
    if there is None:
        say(_("{name} has no {branch} yet").format(name=name, branch=branch()))
        return []
    if there in (head, before) or (
        head and git("merge-base", "--is-ancestor", there, head, check=False).code == 0
    ):
        return []  # nothing there that is not here
    related = head is not None and git("merge-base", "HEAD", theirs, check=False).code == 0
    if head is not None and not related and not replacing:
        check_history(name, theirs, head)
    modes = _incoming(related, theirs)
    changed = list(modes)
    check_incoming(name, theirs, modes)
    incoming = [n for n in changed if synced(n)]
    repo = git_dir()
    assert repo is not None
    had_marker, here = marker().exists(), session_ids()
    (repo / OURS_MERGING).write_text(f"{os.getpid()}\n")
    try:
        merging = [*identity(values), *own_driver(), "merge", "--no-commit", "--no-edit", "--ff"]
        merging.append("--allow-unrelated-histories")  # a machine that began on its own
        done = git(*merging, theirs, check=False)
        try:
            said = settle(done) if done.code != 0 else []
            _refuse_deletions(here, name, accept)
            _refuse_stripping(here, name, head, incoming, accept)
            followed = _follow_encryption(had_marker)  # files changed after git's merge, if any
            lines, sealed = _commit_merge(repo, name, values, head, incoming, followed != [])
        except BaseException as e:
            _undo(head)
            if isinstance(e, FlashError) and head_commit() == head:
                raise FlashError(
                    _(
                        "{message} (the pull from {name} was undone: nothing was merged, and your "
                        "changes are committed here)"
                    ).format(message=e.message, name=name)
                ) from None
            raise
    finally:
        (repo / OURS_MERGING).unlink(missing_ok=True)
    for line in said + followed + sealed:
        say(line)
    say(_("pulled from {name}: ").format(name=name) + ("; ".join(lines) or _("no session changed")))
    return changed


def _refuse_deletions(here: list[str], name: str, accept: bool) -> None:
    """Stop a merge that took more of the sessions HERE than a pull may unasked."""
    gone = sorted(set(here) - set(session_ids()))
    if tombstones.too_many(len(gone), len(here)) and not accept:
        raise tombstones.refused(gone, len(here), name)


def _refuse_stripping(
    here: list[str], name: str, head: str | None, incoming: list[str], accept: bool
) -> None:
    """Stop a merge that took notes, actions or check-ins, or emptied a field, out of more of
    the sessions HERE than a pull may unasked: a push that empties every session deletes as
    surely as one that removes them."""
    changes = _changes(head, incoming) if head else []
    stripped = sorted({c.session for c in changes if c.session and c.after and stripped_of(c)})
    if tombstones.too_many(len(stripped), len(here)) and not accept:
        raise FlashError(
            ngettext(
                "{name} would take notes, actions, check-ins or fields out of {n} of the {here} "
                "sessions here ({named}); nothing was taken: if that is meant, run 'flash sync "
                "--accept-deletions'",
                "{name} would take notes, actions, check-ins or fields out of {n} of the {here} "
                "sessions here ({named}); nothing was taken: if that is meant, run 'flash sync "
                "--accept-deletions'",
                len(stripped),
            ).format(name=name, n=len(stripped), here=len(here), named=tombstones.named(stripped))
        )


def _commit_merge(
    repo: Path,
    name: str,
    values: dict[str, str],
    head: str | None,
    incoming: list[str],
    followed: bool,
) -> tuple[list[str], list[str]]:
    """Commit the merge git made (a fast-forward needs none): the lines that say what it
    changed, and what was committed after it. FOLLOWED: files changed after git's merge."""
    if (repo / "MERGE_HEAD").exists():  # a merge, not a fast-forward: its commit says what
        if followed:
            stage(_status()[0])
        lines = described(_changes("HEAD", _staged()))
        commit(
            values,
            lines or [_("no session changed")],
            _("merged {name}/{branch}: ").format(name=name, branch=branch()),
        )
        return lines, []
    lines = described(_changes(head, incoming))
    sealed = commit_local(values, head_commit()) if followed else []
    return lines, [_("committed: {sealed}").format(sealed="; ".join(sealed))] if sealed else []


def _undo(head: str | None) -> None:
    """Put the branch and work tree back where they were before the pull's merge: a merge
    under way aborted, a fast-forward taken back (--keep: what is not the pull's stays)."""
    repo = git_dir()
    assert repo is not None
    if (repo / "MERGE_HEAD").exists():
        git("merge", "--abort", check=False)
    elif head is not None and head_commit() != head:
        git("reset", "--quiet", "--keep", head, check=False)


def _follow_encryption(had_marker: bool) -> list[str]:
    """After a merge: a remote may switch encryption on here (what is in clear is sealed now,
    with this machine's own key), never off (the marker is put back)."""
    said = []
    if had_marker and not marker().exists():
        write_atomic(marker(), MARKER_TEXT)
        said.append(
            _(
                "kept this folder encrypted: a sync never turns encryption off ('flash config "
                "encrypt off' on each machine does)"
            )
        )
    return said + catch_up()


def catch_up() -> list[str]:
    """store.catch_up_encryption, importing the models only when there is anything to do."""
    if not unsettled():
        return []

    return store.catch_up_encryption()


def _incoming(related: bool, theirs: str) -> dict[str, str]:
    """The files the other side changed since the two last met (all it has, when the two
    histories never met), each with its mode there (000000: deleted there; 120000: a link)."""
    if not related:
        listed = git("ls-tree", "-r", "-z", "--full-tree", theirs).names()
        return {e.partition("\t")[2]: e.split(" ", 1)[0] for e in listed}
    raw = git("diff", "--raw", "-z", "--no-renames", "--no-abbrev", f"HEAD...{theirs}").names()
    return {raw[n + 1]: raw[n].split(" ")[1] for n in range(0, len(raw) - 1, 2)}


def _staged() -> list[str]:
    return [n for n in git("diff", "--cached", "--name-only", "-z", "HEAD").names() if synced(n)]


def _now(names: list[str]) -> list[bytes | None]:
    return [read_or_none(folders().data / n) for n in names]


def _changes(before: str | None, names: list[str]) -> list[Change]:
    """NAMES as they were at BEFORE (a commit; None: none) and as they are in the work tree."""
    was = blobs([f"{before}:{n}" for n in names]) if before else [None] * len(names)
    return [Change(n, w, b) for n, w, b in zip(names, was, _now(names), strict=True)]


def push(name: str, values: dict[str, str]) -> None:
    upstream = [] if values.get(f"branch.{branch()}.remote") else ["--set-upstream"]
    done = git("push", "--quiet", *upstream, name, branch(), check=False)
    if done.code != 0:
        raise unreachable(name, "push", done)
