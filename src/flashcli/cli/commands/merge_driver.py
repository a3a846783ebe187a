"""flash merge-driver: what git runs to merge two versions of a session (hidden: for git)."""

from typing import Annotated

import typer


def merge_driver(
    base: Annotated[str, typer.Argument(help="The common ancestor (git's %O).")],
    ours: Annotated[str, typer.Argument(help="This machine's version, merged in place (%A).")],
    theirs: Annotated[str, typer.Argument(help="The other machine's version (%B).")],
    path: Annotated[str, typer.Argument(help="The session's path in the repository (%P).")] = "",
) -> None:
    """The merge driver git runs for sessions (registered by flash sync); not for people."""
    from flashcli import merge

    code = merge.main(["flash", base, ours, theirs, *([path] if path else [])])
    if code:
        raise typer.Exit(code)
