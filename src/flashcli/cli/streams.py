"""The standard streams, made safe to use whatever state flash is started in.

Closed (`>&-`, `<&-`), full (`>/dev/full`), a pipe closed by its reader (`| head`), an
encoding that cannot show a name (`PYTHONIOENCODING=latin-1`): none of these may end in a
traceback, nor make a retry repeat a change that was saved.
"""

import errno
import os
import sys
from collections.abc import Callable

from flashcli.errors import FlashError
from flashcli.i18n import _


class OutputFailed(FlashError):
    """What flash had to print could not be printed."""

    def __init__(self, reason: str, quiet: bool = False) -> None:
        super().__init__(_("could not print: {reason}").format(reason=reason))
        self.quiet = quiet  # a reader that stopped reading (| head) wants no message


def prepare() -> None:
    """Before anything runs: a closed standard stream gets a stand-in, and text that the
    terminal's encoding cannot show is printed escaped instead of failing."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:  # closed: keep the number taken, or the next file opened would get it
            os.dup2(os.open(os.devnull, os.O_RDWR), fd)
            if fd == 0:
                sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115  (for the run)
            else:
                setattr(sys, ("stdout", "stderr")[fd - 1], None)  # closed: nothing to print to
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def is_terminal(stream: object) -> bool:
    """Whether STREAM (sys.stdin, sys.stdout…) is open and a terminal."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def write(printing: Callable[[], object], err: bool = False) -> None:
    """Print by PRINTING; a failure on stdout is an OutputFailed, one on stderr is let go."""
    if (sys.stderr if err else sys.stdout) is None:
        if err:
            return
        raise OutputFailed(_("standard output is closed"))
    try:
        printing()
    except OSError as e:
        if not err:
            raise OutputFailed(e.strerror or str(e), quiet=e.errno == errno.EPIPE) from None


def finish() -> None:
    """Flush what is left; after a failure, send the rest nowhere, so that Python does not
    fail again on its own last flush at exit."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError:
        pass
    else:
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    sys.stdout = None
