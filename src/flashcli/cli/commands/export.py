"""flash export: a session as Markdown, JSON or an iCalendar event."""

from pathlib import Path
from typing import Annotated, Literal

import typer

from flashcli import dates, store
from flashcli.cli.options import (
    ForceOpt,
    LangOpt,
    ReadSessionArg,
    document_language,
    out_option,
)
from flashcli.cli.output import say, session_to_read
from flashcli.errors import escaped, json_text
from flashcli.i18n import _


def export(
    session: ReadSessionArg = None,
    format_: Annotated[
        Literal["markdown", "json", "ics"], typer.Option("--format", help="markdown, json or ics.")
    ] = "markdown",
    out: Annotated[Path | None, out_option("Write to FILE instead of printing.")] = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    """Export a session as Markdown, JSON or an iCalendar event.

    \b
    Examples:
      flash export --format markdown --out session.md
      flash export --format ics --out meeting.ics
      flash export --format json
      flash export --lang es --out sesion.md
    """
    from flashcli import guidance, i18n
    from flashcli.exports import ical, markdown
    from flashcli.store.config import load_config

    s = session_to_read(session)
    with i18n.speaking(document_language(lang, s.partner.lang)):
        if format_ == "ics":
            data = ical.event(s, guidance.load(), dates.now(), load_config())
        elif format_ == "json":
            data = (json_text(s.as_json(), indent=2) + "\n").encode()
        else:
            data = markdown.as_markdown(s, guidance.load()).encode()
    if out is None:
        say(data.decode(), nl=False)
        return
    store.write_new_file(out, data, force)
    say(_("wrote {out}").format(out=escaped(str(out))), err=True)
