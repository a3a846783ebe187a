"""What the git history holds once a folder is encrypted, and leaving clear history behind.

`flash config encrypt on` seals the sessions from then on; every earlier commit still holds
them in clear, here and on the remote. `flash sync --fresh-history` replaces this clone's
history with one commit of the sealed files (`--push`: the remote's too, with
--force-with-lease); the other clones follow with `flash sync --fresh-history`, which drops
their own old history and merges. A sync never joins a fresh history to an old one
(checks.check_history).
"""

from flashcli.errors import FlashError
from flashcli.i18n import _, ngettext
from flashcli.names import plural
from flashcli.store.disk import write_atomic
from flashcli.store.paths import MARKER_TEXT, SECRET, encrypted, marker, session_id
from flashcli.sync.checks import FRESH, fresh, have_key
from flashcli.sync.git import (
    blobs,
    branch,
    config,
    git,
    head_commit,
    identity,
    ref,
    remote,
    unreachable,
)
from flashcli.sync.repo import MARKER, Say, check_unfinished, ensure_set_up

CLEAR = ":(glob)sessions/*.toml"  # sessions in clear (not *.toml.age)


def after_encryption(on: bool) -> list[str]:
    """What `flash config encrypt on|off` adds in a git work tree."""
    if not on:
        return [
            _(
                "the next 'flash sync' commits the sessions in clear; a machine that still "
                "encrypts keeps doing so, and its next push turns this one on again: turn it off "
                "on each machine before any of them syncs"
            )
        ]
    listed = git("log", "--all", "--format=", "--name-only", "-z", "--", CLEAR, check=False)
    clear = {n.strip("\n") for n in listed.names()} - {""}
    if not clear:
        return []
    return [
        ngettext(
            "the git history still holds earlier versions of {n} session in clear (so does any "
            "remote): 'flash sync --fresh-history --push' leaves it behind; see the README",
            "the git history still holds earlier versions of {n} sessions in clear (so does any "
            "remote): 'flash sync --fresh-history --push' leaves them behind; see the README",
            len(clear),
        ).format(n=len(clear))
    ]


def replace(push: bool, say: Say) -> None:
    """`flash sync --fresh-history [--push]`, under the lock."""
    from flashcli import sync

    check_unfinished(say)
    sync.refuse_half_encrypted()
    values = config()
    name = remote(values)
    if push and name is None:
        raise FlashError(_("--push needs a remote, and this repository has none"))
    theirs = None
    if name is not None:
        done = git("fetch", "--quiet", name, check=False)
        if done.code != 0:
            raise unreachable(name, "fetch", done)
        theirs = ref(f"refs/remotes/{name}/{branch()}")
    following = theirs is not None and fresh(theirs) and not _fresh_here()
    if not encrypted():
        if not (following and blobs([f"{theirs}:{MARKER}"])[0] is not None):
            raise FlashError(
                _(
                    "--fresh-history is for an encrypted folder: 'flash config encrypt on' "
                    "first; nothing was changed"
                )
            )
        assert name is not None
        have_key(name, _("nothing was changed"))
        write_atomic(marker(), MARKER_TEXT)  # sealed here first, as the remote is
        say(_("encrypted this folder, as {name} is").format(name=name))
    for line in ensure_set_up(values):
        say(line)
    if push and not following:
        sync.run(say, replacing=True)  # all the remote has is here first: nothing left there
        theirs = ref(f"refs/remotes/{name}/{branch()}")
    else:
        for line in sync.catch_up():
            say(line)
        committed = sync.commit_local(values, head_commit())
        say(
            _("committed: {committed}").format(committed="; ".join(committed))
            if committed
            else _("nothing to commit")
        )
    count = _start_afresh(values)
    say(
        ngettext(
            "replaced the history of this clone with one commit of {n} sealed session",
            "replaced the history of this clone with one commit of {n} sealed sessions",
            count,
        ).format(n=count)
    )
    if following:
        sync.run(say)  # two fresh histories merge; the old one is never joined
    elif push:
        assert name is not None
        lease = f"--force-with-lease={branch()}:{theirs or ''}"
        done = git("push", "--quiet", lease, name, branch(), check=False)
        if done.code != 0:
            raise unreachable(name, "push", done)
        say(
            _(
                "replaced the history of {name}: every other clone runs 'flash sync "
                "--fresh-history' once; delete old copies of the remote (see the README)"
            ).format(name=name)
        )
    elif name is not None:
        say(
            _(
                "{name} still holds the old history: 'flash sync --fresh-history --push' replaces "
                "it"
            ).format(name=name)
        )
    _prune()


def _fresh_here() -> bool:
    head = head_commit()
    return head is not None and fresh(head)


def _start_afresh(values: dict[str, str]) -> int:
    """The branch made one commit of the files it has now, with no parent; the old commits
    dropped from this clone (reflog expired, pruned). How many sessions it holds."""
    head = head_commit()
    if head is None:
        raise FlashError(_("there is nothing committed yet: no history to replace"))
    names = git("ls-tree", "-r", "-z", "--name-only", "HEAD", "--", "sessions", SECRET).names()
    clear = [
        n for n in names if n == SECRET or (n.endswith(".toml") and session_id(n.split("/")[-1]))
    ]
    if clear:
        raise FlashError(
            _("{clear} is committed in clear; run 'flash sync' first").format(clear=clear[0])
        )
    count = sum(1 for n in names if n.endswith(".toml.age"))
    message = f"{FRESH}: {plural(count, 'sealed session')}\n".encode()
    new = git(*identity(values), "commit-tree", "HEAD^{tree}", "-F", "-", input=message).text
    git("update-ref", f"refs/heads/{branch()}", new.strip(), head)
    return count


def _prune() -> None:
    """Drop from .git what no branch or remote-tracking ref holds any more: the old commits."""
    git("reflog", "expire", "--expire=now", "--all")
    git("gc", "--quiet", "--prune=now")
