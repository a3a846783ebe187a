"""flash sync: the sessions of several machines, through git or a sync program's folder."""

from typing import Annotated

import typer

from flashcli import store
from flashcli.cli import prompt
from flashcli.cli.options import interactive
from flashcli.cli.output import say, warn_of_the_key
from flashcli.errors import FlashError, UsageProblem
from flashcli.i18n import _


def sync(
    setup: Annotated[
        bool, typer.Option("--setup", help="Set up the git folder for sync (done by sync too).")
    ] = False,
    init: Annotated[
        bool, typer.Option("--init", help="With --setup: make the data folder a git repository.")
    ] = False,
    fresh_history: Annotated[
        bool,
        typer.Option(
            "--fresh-history",
            help="Replace the git history with one commit of the sealed sessions (encrypted "
            "folders only), leaving their clear versions behind.",
        ),
    ] = False,
    push: Annotated[
        bool, typer.Option("--push", help="With --fresh-history: replace the remote's too.")
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="With --fresh-history: do not ask first.")
    ] = False,
    accept_deletions: Annotated[
        bool,
        typer.Option(
            "--accept-deletions",
            help="Take a pull that deletes every session here, or more than a quarter of them.",
        ),
    ] = False,
) -> None:
    """Sync sessions: through git, or merge a sync program's conflict copies.

    In a git work tree it commits what changed, pulls (sessions merged by what they mean,
    never with conflict markers) and pushes when there is a remote; a clone never set up is
    set up on the way. In any other folder it merges the conflict copies Syncthing, Dropbox,
    Nextcloud or iCloud left, and removes them.

    \b
    Examples:
      flash sync --setup --init
      flash sync
      flash sync --fresh-history --push
    """
    from flashcli import sync as git_sync

    if init and not setup:
        raise UsageProblem(_("--init goes with --setup"), "--init")
    for flag, given in (("--push", push), ("--yes", yes)):
        if given and not fresh_history:
            raise UsageProblem(_("{flag} goes with --fresh-history").format(flag=flag), flag)
    if fresh_history:
        _fresh_history(push, yes)
        return
    if setup:
        with store.locked():
            for line in git_sync.setup(init):
                say(line)
        return
    warn_of_the_key()
    if git_sync.is_work_tree():
        with store.locked():  # no flash writes a session while git reads and writes them
            git_sync.run(say, accept_deletions=accept_deletions)
        return

    said = store.merge_copies(accept_deletions)
    for line in said:
        say(line)
    if not said:
        say(
            _(
                "no conflict copies to merge; to sync through git, 'flash sync --setup --init' "
                "makes the data folder a repository"
            )
        )


def _fresh_history(push: bool, yes: bool) -> None:
    from flashcli import sync as git_sync
    from flashcli.sync import history

    if not git_sync.is_work_tree():
        raise FlashError(
            _("--fresh-history replaces a git history, and the data folder is not git")
        )
    if not yes:
        if not interactive(False):
            raise UsageProblem(
                _("replacing the history needs a yes: add --yes, or run it at a terminal"), "--yes"
            )
        where = _("this clone's history and the remote's") if push else _("this clone's history")
        try:
            agreed = prompt.yes(
                _("Replace {where} with one commit of the sealed sessions?").format(where=where)
            )
        except (prompt.Stop, prompt.Back, KeyboardInterrupt):
            agreed = False
        if not agreed:
            say(_("kept the history as it is"))
            return
    with store.locked():
        history.replace(push, say)
