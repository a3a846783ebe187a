"""flash sync: the sessions of several machines, through git or a sync program's folder."""

from typing import Annotated

import typer

from flashcli.cli.output import say


def sync(
    setup: Annotated[
        bool, typer.Option("--setup", help="Register flash's merge driver in the git folder.")
    ] = False,
    init: Annotated[
        bool, typer.Option("--init", help="With --setup: make the data folder a git repository.")
    ] = False,
) -> None:
    """Sync sessions: through git, or merge a sync program's conflict copies.

    In a git work tree it commits what changed, pulls (sessions merged by what they mean,
    never with conflict markers) and pushes when there is a remote. In any other folder it
    merges the conflict copies Syncthing, Dropbox, Nextcloud or iCloud left, and removes them.

    \b
    Examples:
      flash sync --setup --init
      flash sync
    """
    from flashcli import store, syncing
    from flashcli.errors import UsageProblem

    if init and not setup:
        raise UsageProblem("--init goes with --setup", "--init")
    if setup:
        with store.locked():
            for line in syncing.setup(init):
                say(line)
        return
    if syncing.is_work_tree():
        with store.locked():  # no flash writes a session while git reads and writes them
            message = syncing.staged_summary()
            if syncing.commit(message):
                say(f"committed: {message}")
            else:
                say("nothing to commit")
            name = syncing.remote()
            said = syncing.pull_and_push(name) if name else ["no remote: nothing to pull or push"]
        for line in said:
            say(line)
        return
    merged = store.merge_copies()
    for copy, sid in merged:
        say(f"merged {copy.name} into {sid}, and removed it")
    if not merged:
        say(
            "no conflict copies to merge; to sync through git, "
            "'flash sync --setup --init' makes the data folder a repository"
        )
