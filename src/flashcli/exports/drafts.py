"""Email drafts in the guidance's wording, and as text to read; eml.py writes them as files."""

import email.utils
import re
from dataclasses import dataclass
from typing import TypedDict

from flashcli.dates import day, when_text
from flashcli.errors import FlashError
from flashcli.guidance import AgendaEmail, ThanksEmail, UpdateEmail
from flashcli.i18n import N_, _
from flashcli.kinds import NOTE_KINDS
from flashcli.models import Config, Session

UNSIGNED = N_('note: the draft is not signed; set your name with: flash config name "Your Name"')
NEEDS_QUOTES = re.compile(r'[][\\()<>@,:;".]')  # RFC 5322 specials: a name with one is quoted


@dataclass(frozen=True)
class Draft:
    to_name: str
    to_email: str | None
    subject: str
    body: str
    from_name: str | None = None
    from_email: str | None = None
    session: str = ""  # the id of the session it is drafted from, for messages

    def as_json(self) -> "DraftJson":
        return {
            "to_name": self.to_name,
            "to_email": self.to_email,
            "subject": self.subject,
            "body": self.body,
            "from_name": self.from_name,
            "from_email": self.from_email,
        }


class DraftJson(TypedDict):
    """What `flash email --json` gives, as docs/schemas.py publishes it."""

    to_name: str
    to_email: str | None
    subject: str
    body: str
    from_name: str | None
    from_email: str | None


def agenda_email(session: Session, config: Config, wording: AgendaEmail) -> Draft:
    """Mentee: proposes the topics, time and place. Mentor: confirms them and the objective."""
    fill = {
        "first": session.partner.first_name,
        "goal": session.goal,
        "success": session.success,
        "minutes": session.minutes,
        "where": session.where,
        "when": when_text(session.when, session.minutes) if session.when else "",
        "on": _on(session),
    }
    intro = wording.intro_reverse if session.reverse else wording.intro
    paragraphs = [wording.greeting.format(**fill), intro.format(**fill)]
    if session.goal:
        paragraphs.append(wording.objective.format(**fill))
    if session.success:
        paragraphs.append(wording.success.format(**fill))
    if session.topics:
        numbered = "\n".join(f"{n}. {t}" for n, t in enumerate(session.topics, 1))
        paragraphs.append(f"{wording.topics.format(**fill)}\n{numbered}")
    if session.review:
        listed = "\n".join(f"- {t}" for t in session.review)
        paragraphs.append(f"{wording.review.format(**fill)}\n{listed}")
    paragraphs.append(
        "\n".join(
            [
                (wording.when if session.when else wording.when_unset).format(**fill),
                (wording.where if session.where else wording.where_unset).format(**fill),
            ]
        )
    )
    paragraphs.append(wording.outro.format(**fill))
    paragraphs.append("\n".join(filter(None, [wording.closing.format(**fill), config.name])))
    return _draft(session, config, wording.subject.format(**fill), "\n\n".join(paragraphs))


def thanks_email(session: Session, config: Config, wording: ThanksEmail) -> Draft:
    """Mentee: thanks, what helped, the actions. Mentor: appreciation, the plan, referrals."""
    fill = {
        "first": session.partner.first_name,
        "on": _on(session),
        "feedback": session.feedback,
    }
    intro = wording.intro_reverse if session.reverse else wording.intro
    paragraphs = [wording.greeting.format(**fill), intro.format(**fill)]
    if session.feedback:
        paragraphs.append(wording.feedback.format(**fill))
    if session.actions:
        lines = [wording.actions.format(**fill)]
        for n, action in enumerate(session.actions, 1):
            beside = [(wording.mine if action.owner == "me" else wording.theirs).format(**fill)]
            if action.due:
                beside.append(wording.due.format(date=day(action.due, session.near)))
            lines.append(f"{n}. {action.text} — {', '.join(beside)}")  # as typed, then who, when
        paragraphs.append("\n".join(lines))
    pointers = [n.text for n in session.notes if NOTE_KINDS[n.kind].pointer]
    if pointers:
        paragraphs.append(
            "\n".join([wording.resources.format(**fill), *(f"- {p}" for p in pointers)])
        )
    if session.decision:
        paragraphs.append(getattr(wording, f"continue_{session.decision}").format(**fill))
    paragraphs.append(wording.confidential.format(**fill))
    paragraphs.append("\n".join(filter(None, [wording.closing.format(**fill), config.name])))
    return _draft(session, config, wording.subject.format(**fill), "\n\n".join(paragraphs))


def update_email(session: Session, config: Config, wording: UpdateEmail) -> Draft:
    """What came of it, from the latest check-in: how far, what was done (the actions of mine
    done too), what comes next."""
    if not session.checkins:
        raise FlashError(
            _(
                "{id} has no check-in yet: 'flash checkin {id}' first, then the email says what "
                "came of it"
            ).format(id=session.id)
        )
    latest = session.checkins[-1]
    fill = {
        "first": session.partner.first_name,
        "on": _on(session),
        "goal": session.goal,
        "note": latest.note,
        "next": latest.next,
    }
    intro = wording.intro_reverse if session.reverse else wording.intro
    paragraphs = [wording.greeting.format(**fill), intro.format(**fill)]
    if session.goal:
        paragraphs.append(wording.objective.format(**fill))
    paragraphs.append(wording.progress[latest.score + 2].format(**fill))
    if latest.note:
        paragraphs.append(wording.note.format(**fill))
    done = [a.text for a in session.actions if a.owner == "me" and a.done]
    if done:
        paragraphs.append("\n".join([wording.done.format(**fill), *(f"- {t}" for t in done)]))
    if latest.next:
        paragraphs.append(wording.next.format(**fill))
    paragraphs.append(wording.thanks.format(**fill))
    paragraphs.append("\n".join(filter(None, [wording.closing.format(**fill), config.name])))
    return _draft(session, config, wording.subject.format(**fill), "\n\n".join(paragraphs))


def _on(session: Session) -> str:
    return _(" on {day}").format(day=day(session.when, session.near)) if session.when else ""


def _draft(session: Session, config: Config, subject: str, body: str) -> Draft:
    return Draft(
        to_name=session.partner.name,
        to_email=session.partner.email,
        subject=subject,
        body=body + "\n",
        from_name=config.name,
        from_email=config.email,
        session=session.id,
    )


def as_text(draft: Draft) -> str:
    lines = [f"To: {_person(draft.to_name, draft.to_email)}"]
    if draft.from_email:
        lines.append(f"From: {_person(draft.from_name, draft.from_email)}")
    lines += [f"Subject: {draft.subject}", "", draft.body]
    return "\n".join(lines)


def _person(name: str | None, address: str | None) -> str:
    """'Name <address>' as a mail program reads it: a name with a comma or a quote is quoted."""
    if name and address:
        if NEEDS_QUOTES.search(name):
            name = f'"{email.utils.quote(name)}"'
        return f"{name} <{address}>"
    return address or name or ""
