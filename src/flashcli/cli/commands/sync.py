"""flash sync: the sessions of several machines, through git or a sync program's folder."""

from typing import Annotated

import typer

from flashcli.cli.output import say


def sync(
    setup: Annotated[
        bool, typer.Option("--setup", help="Set up the git folder for sync (done by sync too).")
    ] = False,
    init: Annotated[
        bool, typer.Option("--init", help="With --setup: make the data folder a git repository.")
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
    """
    from flashcli import sync as git_sync
    from flashcli.errors import UsageProblem
    from flashcli.files import locked

    if init and not setup:
        raise UsageProblem("--init goes with --setup", "--init")
    if setup:
        with locked():
            for line in git_sync.setup(init):
                say(line)
        return
    if git_sync.is_work_tree():
        with locked():  # no flash writes a session while git reads and writes them
            git_sync.run(say)
        return
    from flashcli import store

    said = store.merge_copies()
    for line in said:
        say(line)
    if not said:
        say(
            "no conflict copies to merge; to sync through git, "
            "'flash sync --setup --init' makes the data folder a repository"
        )
