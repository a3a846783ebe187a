"""Typer's own words (Usage:, its errors) in the language in use.

Typer carries its own copy of click, which writes them in English f-strings that gettext
cannot reach (Typer's core uses gettext, and follows flash's catalogue as click's modules
do). So each is written here as a template: what Typer said is read back against the
templates, what stood for each {placeholder} taken, and said again from flash's catalogue.
A message no template reads stays as Typer wrote it.
"""

import re
from functools import cache
from typing import Any

from typer._click.core import Context
from typer._click.formatting import HelpFormatter

from flashcli.i18n import N_, _

USAGE = N_("Usage:")
HELP_OPTION = N_("Show this message and exit.")
# What Typer's errors say, as it writes them (flash lowers the first letter, and drops the
# last full stop, when it shows them).
ERRORS = (
    N_("No such option: {option} (Possible options: {possibilities})"),
    N_("No such option: {option}"),
    N_("Option {option} requires an argument."),
    N_("Option {option} requires {n} arguments."),
    N_("Option {option} does not take a value."),
    N_("Got unexpected extra argument(s) ({args})"),
    N_("Missing argument {name}."),
    N_("Missing option {name}."),
    N_("Missing parameter {name}."),
    N_("Argument {name} takes {n} values."),
    N_("Takes {n} values but {given} given."),
    N_("{n} values are required, but {given} given."),
    N_("Invalid value for {param}: {message}"),
    N_("Invalid value: {message}"),
    N_("{value} is not one of {choices}."),
    N_("{value} is not a valid boolean. Recognized values: {states}"),
    N_("{value} is not a valid {kind}."),
    N_("{value} is not in the range {range}."),
    N_("{value} does not match the formats {formats}."),
)
INNER = frozenset({"message"})  # a placeholder that holds another of Typer's messages


@cache
def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(
        re.escape(part) if n % 2 == 0 else f"(?P<{part}>.+?)" for n, part in enumerate(parts)
    )
    return re.compile(regex, re.DOTALL)


def said(message: str) -> str:
    """MESSAGE, one of Typer's, in the language in use (as it was if no template reads it)."""
    for template in ERRORS:
        found = _pattern(template).fullmatch(message)
        if found is not None:
            values = {k: said(v) if k in INNER else v for k, v in found.groupdict().items()}
            return _(template).format(**values)
    return message


class Formatter(HelpFormatter):
    """Help in the language in use: its Usage: and the help option's text (the section titles
    come translated: Typer's core and flash's own put them into words)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, f"{_(USAGE)} " if prefix is None else prefix)

    def write_dl(self, rows: Any, *args: Any, **kwargs: Any) -> None:
        rows = [(term, text.replace(HELP_OPTION, _(HELP_OPTION))) for term, text in rows]
        super().write_dl(rows, *args, **kwargs)


class Speaking(Context):
    """A command's context that writes its help with the Formatter above."""

    formatter_class = Formatter
