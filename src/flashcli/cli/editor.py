"""The person's own editor, on a private copy of what they edit."""

import os
import shlex
import subprocess
from pathlib import Path

from flashcli import store
from flashcli.errors import FlashError


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
                f"could not start the editor {run[0]!r} ({e.strerror}); set $VISUAL or $EDITOR"
            ) from None
        if code != 0:
            raise FlashError(f"the editor exited with {code}; {what} unchanged")

    try:
        return store.edit_in(name, text.encode("utf-8"), run).decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise FlashError(f"the edit is not UTF-8 text; {what} unchanged") from None
