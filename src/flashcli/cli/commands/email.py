"""flash email: the agenda email before the session, or the thank-you after it."""

from pathlib import Path
from typing import Annotated

import typer

from flashcli import store
from flashcli.cli.options import (
    ForceOpt,
    JsonOpt,
    LangOpt,
    SessionArg,
    document_language,
    out_option,
)
from flashcli.cli.output import print_json, say
from flashcli.errors import FlashError, UsageProblem, escaped
from flashcli.i18n import _


def email(
    session: SessionArg = None,
    thanks: Annotated[
        bool, typer.Option("--thanks", help="The after-session thank-you or appreciation email.")
    ] = False,
    update: Annotated[
        bool,
        typer.Option("--update", help="What came of it, from the latest check-in, weeks later."),
    ] = False,
    out: Annotated[
        Path | None, out_option("Write an RFC 5322 draft (.eml) a mail client opens.")
    ] = None,
    mailto: Annotated[bool, typer.Option("--mailto", help="Print a mailto: link.")] = False,
    open_: Annotated[
        bool, typer.Option("--open", help="Hand the .eml draft to your mail client.")
    ] = False,
    force: ForceOpt = False,
    invite: Annotated[
        bool,
        typer.Option(
            "--invite", help="With --out or --open: the meeting as an invitation to accept."
        ),
    ] = False,
    lang: LangOpt = None,
    json: JsonOpt = False,
) -> None:
    """Draft the agenda email, the thank-you (--thanks), or what came of it (--update).

    Prints the draft; --out writes a .eml your mail client opens as a draft, --open hands
    it to your mail client, --mailto prints a mailto: link.

    \b
    Examples:
      flash email --out agenda.eml
      flash email --open
      flash email --out agenda.eml --invite
      flash email --thanks --mailto
      flash email --update ada --out update.eml
      flash email --lang fr --out agenda.eml
    """
    from flashcli import dates, guidance, i18n
    from flashcli.exports import drafts, eml, ical
    from flashcli.store.config import load_config

    if mailto and (out or open_):
        raise UsageProblem(_("--mailto prints a link; give it without --out or --open"), "--mailto")
    if thanks and update:
        raise UsageProblem(_("give --thanks or --update, not both"), "--update")
    if invite and (thanks or update or not (out or open_)):
        raise UsageProblem(
            _("an invitation goes with the agenda email, --out or --open"), "--invite"
        )
    if open_ and out is None and store.encrypted():
        raise FlashError(
            _(
                "with encryption on, flash keeps no draft a mail client could read; write it "
                "where you choose with --out FILE, or use --mailto"
            )
        )
    s = store.load(session)
    config = load_config()
    kind = "thanks" if thanks else "update" if update else "agenda"
    with i18n.speaking(document_language(lang, s.partner.lang)):  # theirs: the draft is theirs
        book = guidance.load()
        emails = book.email
        if thanks:
            draft = drafts.thanks_email(s, config, emails.thanks.of(s.role))
        elif update:
            draft = drafts.update_email(s, config, emails.update.of(s.role))
        else:
            draft = drafts.agenda_email(s, config, emails.agenda.of(s.role))
        invitation = ical.event(s, book, dates.now(), config, invite=True) if invite else None
        written = eml.as_eml(draft, invitation) if open_ or out else b""
        printed = eml.as_mailto(draft) if mailto else drafts.as_text(draft)
    if not config.name:
        say(_(drafts.UNSIGNED), err=True)
    if open_:
        path = out or store.draft_path(s.id, kind)
        store.write_new_file(path, written, force=force or out is None)
        if typer.launch(str(path)) != 0:
            raise FlashError(
                _("could not hand the draft to a mail client; it is in {path}").format(path=path)
            )
        say(
            _("opened {path} in your mail client: review it there and send").format(path=path),
            err=True,
        )
    elif out:
        store.write_new_file(out, written, force)
        say(
            _("wrote {out}: open it in your mail client to review and send").format(
                out=escaped(str(out))
            ),
            err=True,
        )
    elif mailto or not json:
        say(printed)
    else:
        print_json(draft.as_json())
