"""flash: get the most out of a flash mentoring session."""

__version__ = "0.1.0"


def run() -> None:
    """The console script. Ctrl-C at any moment, even while flash is still starting (its
    imports take a few tenths of a second), ends it with exit 130 and one line, never a
    traceback; at a prompt, the walks say what was kept."""
    import sys

    try:
        from flashcli.cli import main

        main(prog_name="flash")
    except KeyboardInterrupt:
        from flashcli.i18n import _

        sys.stderr.write(_("\nflash: interrupted; nothing more was done\n"))
        raise SystemExit(130) from None
