"""flash agenda: the time-boxed agenda of a session."""

from flashcli.cli import output
from flashcli.cli.options import JsonOpt, LangOpt, ReadSessionArg, document_language


def agenda(session: ReadSessionArg = None, lang: LangOpt = None, json: JsonOpt = False) -> None:
    """Show the time-boxed agenda of a session.

    Welcome, objective, each topic, plan of action and close, fitted to the minutes, with
    clock times once the meeting time is set.

    \b
    Examples:
      flash agenda
      flash agenda 2026-12-01-ada --json
      flash agenda --lang fr
    """
    from flashcli import guidance, i18n
    from flashcli.agenda import build

    s = output.session_to_read(session)
    with i18n.speaking(document_language(lang, s.partner.lang)):
        book = guidance.load()
        built = build(s, book.agenda.of(s.role))
        if json:
            output.print_json(built.as_json())
            return
        from flashcli.cli import views

        views.show(views.agenda(s, built, book))
