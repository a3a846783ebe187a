"""The flash command line: the app in app.py, one module per command under commands/."""

from flashcli.cli.app import app, main

__all__ = ["app", "main"]
