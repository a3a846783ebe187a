"""The follow-up walk of flash followup: each agreement, what each after item asks, closing."""

from collections.abc import Callable
from functools import partial
from pathlib import Path

from flashcli import dates, guidance, i18n, ops, store
from flashcli.cli import prompt
from flashcli.cli.output import say
from flashcli.cli.walk import BACK_HINT, Question, asked, field, fixed, run, steps, update
from flashcli.errors import FlashError, UsageProblem, escaped
from flashcli.exports import drafts, eml
from flashcli.guidance import Guidance, Item
from flashcli.i18n import N_, _
from flashcli.models import Session
from flashcli.ops import Change
from flashcli.store.config import load_config


def _decision(text: str) -> str:
    """A decision as typed in a walk: yes, no or maybe, in English or the language in use."""
    for word, words in (("yes", prompt.YES), ("no", prompt.NO), ("undecided", prompt.MAYBE)):
        if prompt.means(text, words):
            return word
    return text.lower()


def _agreement(book: Guidance, n: int) -> Question:
    """Action N: done, still open, or due another day."""

    def question(s: Session, again: bool) -> bool:
        if n > len(s.actions) or (s.actions[n - 1].done and not again):
            return False
        action = s.actions[n - 1]
        due = _(", due {day}").format(day=dates.day(action.due, s.near)) if action.due else ""
        label = asked(book, s, "action", n=n, text=action.text, who=s.who(action), due=due)
        prompt.value(label, partial(_answer, s.id, n), now="done" if action.done else "open")
        return True

    return question


def _cue(book: Guidance, n: int) -> Question:
    """Action N, mine, open and with no cue: offered in the "When …, I will …" form, the cue
    in the person's words (once each walk; never with `flash config coach off`)."""

    def question(s: Session, again: bool) -> bool:
        if n > len(s.actions) or load_config().coach is False:
            return False
        action = s.actions[n - 1]
        if action.owner != "me" or action.done or book.coach.has_cue(action.text):
            return False
        label = asked(book, s, "cue", n=n, text=action.text)
        reworded = partial(book.coach.with_cue, action.text)
        prompt.value(
            label, lambda cue: update(s.id, partial(ops.reword, number=n, text=reworded(cue)))
        )
        return True

    return question


# TRANSLATORS: what an agreed action may be answered with for "done", apart by spaces
DONE = N_("done")


def _answer(sid: str, n: int, text: str) -> Session:
    word = text.lower()
    change: Change
    if prompt.means(word, prompt.YES) or prompt.means(word, DONE):
        change = partial(ops.complete, number=n, now=dates.now())
    elif prompt.means(word, prompt.NO) or word == "open":
        change = partial(ops.reopen, number=n)
    else:
        y, no = prompt.letters()
        again = UsageProblem(_("then give another date, or {y} or {n}").format(y=y, n=no))
        due = prompt.due_date(text, store.load(sid), ask=True, refused=again)
        change = partial(ops.set_due, number=n, due=due)
    return update(sid, change)


def _thanks(book: Guidance, item: Item) -> Question:
    """Offer the thank-you (or appreciation) email as a draft file, until the item is ticked."""

    def question(s: Session, again: bool) -> bool:
        if (item.key in s.ticked and not again) or not s.partner.email:
            return False
        path = Path(f"thanks-{s.id}.eml")
        if prompt.yes(asked(book, s, "thanks", path=path)):
            try:
                config = load_config()
                with i18n.speaking(s.partner.lang):  # in their language, if they have one
                    words = guidance.load().email.thanks.of(s.role)
                    draft = eml.as_eml(drafts.thanks_email(s, config, words))
                store.write_new_file(path, draft)
                say(
                    _("  wrote {path}: open it in your mail client to review and send").format(
                        path=escaped(str(path))
                    )
                )
                if not config.name:
                    say(f"  {_(drafts.UNSIGNED)}")
            except FlashError as e:
                say(f"  {e.message}")
        return True

    return question


def _close(book: Guidance) -> Question:
    def question(s: Session, again: bool) -> bool:
        closed = s.closed is not None
        if closed and not again:
            return False
        if prompt.yes(asked(book, s, "close"), default=closed) != closed:
            change = ops.reopen_session if closed else partial(ops.close, now=dates.now())
            update(s.id, change)
        return True

    return question


def _steps(book: Guidance) -> dict[str, Callable[[Item], Question]]:
    """What an after item may ask for, by the names guidance.toml gives in `asks`."""
    decision = field(book, "decision", _decision, step="continue")
    return {
        "feedback": fixed(field(book, "feedback")),
        "rating": fixed(field(book, "rating")),
        "thanks": partial(_thanks, book),
        "continue": fixed(decision),
    }


def walk(sid: str, book: Guidance) -> None:
    """Each agreement, then the after checklist, then closing; each answer saved as given."""
    s = store.load(sid)
    agreements = [
        ask for n in range(1, len(s.actions) + 1) for ask in (_agreement(book, n), _cue(book, n))
    ]
    items = book.checklist(s.role, "after")
    say(_(BACK_HINT))
    run(sid, [*agreements, *steps(book, items, _steps(book)), _close(book)])
    _first_checkin(store.load(sid))


def _first_checkin(s: Session) -> None:
    """When the first check-in falls due: goals revisited later are goals reached more."""
    from flashcli.queries import checkins_ahead

    now = dates.now()
    ahead = checkins_ahead(s.summary(), store.checkin_schedule(), now.timestamp())
    if ahead and not s.checkins:
        on = dates.day(ahead[0][1], now.date())
        say(
            _(
                "Your first check-in falls due on {on}: 'flash checkin' asks how far the goal got."
            ).format(on=on)
        )
