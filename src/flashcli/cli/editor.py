"""The person's own editor, on a private copy of what they edit."""

import os
import shlex
import subprocess
import sys
from pathlib import Path

from flashcli import store
from flashcli.cli import streams
from flashcli.cli.output import say
from flashcli.errors import BadSessionFile, FlashError, escaped
from flashcli.i18n import _


def command() -> list[str]:
    """$VISUAL, then $EDITOR, split as a shell would split words but never run by a shell."""
    chosen = (
        os.environ.get("VISUAL")
        or os.environ.get("EDITOR")
        or ("notepad" if os.name == "nt" else "vi")
    )
    return shlex.split(chosen)


def edited(name: str, text: str, what: str) -> str:
    """TEXT as the person leaves it in their editor, in a private copy called NAME (its
    suffix tells the editor how to colour it); WHAT is what it holds, for the messages."""

    def run(path: Path) -> None:
        run = [*command(), str(path)]
        try:
            code = subprocess.run(run, check=False).returncode
        except OSError as e:
            raise FlashError(
                _("could not start the editor {run!r} ({strerror}); set $VISUAL or $EDITOR").format(
                    run=run[0], strerror=e.strerror
                )
            ) from None
        if code != 0:
            raise FlashError(
                _("the editor exited with {code}; {what} unchanged").format(code=code, what=what)
            )

    try:
        return store.edit_in(name, text.encode("utf-8"), run).decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise FlashError(
            _("the edit is not UTF-8 text; {what} unchanged").format(what=what)
        ) from None


def resume(sid: str, name: str, what: str) -> tuple[str, Path] | None:
    """An edit of WHAT (kept under NAME when it could not be saved) to go on with: the
    latest, if the person says so at a terminal; its text and where it is kept. Declined,
    or away from a terminal, it stays where it is, and a line says where."""
    from flashcli.cli import prompt

    kept = store.kept_edits(sid, name)
    if not kept:
        return None
    latest = kept[-1]
    if not streams.is_terminal(sys.stdin):
        say(
            _("an edit of {what} you left is kept in {latest}").format(
                what=what, latest=escaped(str(latest))
            ),
            err=True,
        )
        return None
    more = _(" (and {value} older)").format(value=len(kept) - 1) if len(kept) > 1 else ""
    question = _(
        "Your edit of {what} that could not be saved is kept in {latest}{more}. Open it instead "
        "of {what} as it is now (which it would replace)?"
    ).format(what=what, latest=escaped(str(latest)), more=more)
    try:
        if not prompt.yes(question, default=False):
            say(_("  it stays in {latest}").format(latest=escaped(str(latest))), err=True)
            return None
    except (prompt.Stop, prompt.Back):
        return None
    try:
        return store.kept_edit(latest).decode("utf-8"), latest
    except (OSError, UnicodeDecodeError, BadSessionFile) as e:
        raise FlashError(
            _("cannot read the edit kept in {latest}: {e}").format(latest=escaped(str(latest)), e=e)
        ) from None
