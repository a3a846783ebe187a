"""The prepare walk of flash prep: the purpose, then what each prepare item asks for."""

from collections.abc import Callable
from datetime import datetime
from functools import partial

from flashcli import dates, ops, store
from flashcli.cli import prompt
from flashcli.cli.options import CHOSEN, numbers
from flashcli.cli.output import say
from flashcli.cli.walk import Hint, Question, asked, field, fixed, run, steps, update
from flashcli.errors import UsageProblem
from flashcli.guidance import Guidance, Item
from flashcli.i18n import _
from flashcli.models import Session


def _purpose(book: Guidance) -> Question:
    def question(s: Session, again: bool) -> bool:
        if s.purpose and not again:
            return False
        names = list(book.purposes)
        say(asked(book, s, "purpose"))
        for n, (name, p) in enumerate(book.purposes.items(), 1):
            say(f"  {n}. {name}: {p.title}")

        def pick(answer: str) -> Session:
            if answer.isdigit() and 1 <= int(answer) <= len(names):
                answer = names[int(answer) - 1]
            if answer not in names:
                raise UsageProblem(_("answer with a number from 1 to {n}").format(n=len(names)))
            return update(s.id, partial(ops.set_fields, purpose=answer))

        prompt.value(_("Purpose (number):"), pick, now=s.purpose)
        return True

    return question


def _topics(book: Guidance) -> Question:
    def question(s: Session, again: bool) -> bool:
        if s.topics and not again:
            return False
        if s.topics:
            say(_("Topics now: ") + "; ".join(s.topics) + _(" (new ones are added)"))
        add = partial(update, s.id)
        prompt.several(asked(book, s, "topics"), lambda t: add(partial(ops.add_topics, texts=[t])))
        return True

    return question


def _questions(book: Guidance) -> Question:
    def question(s: Session, again: bool) -> bool:
        purpose = book.purposes.get(s.purpose or "other")
        bank = [q for q in purpose.bank(s.role) if q not in s.questions] if purpose else []
        if s.questions and (not bank or not again):
            return False
        if bank:
            say(asked(book, s, "questions"))
            for n, q in enumerate(bank, 1):
                say(f"  {n}. {q}")

        def pick(answer: str) -> Session:
            chosen = [answer]
            if CHOSEN.fullmatch(answer):  # 1,3 or 1-4 or all: never stored as a question
                chosen = [bank[n - 1] for n in numbers(answer, len(bank), all_=True)]
            return update(s.id, partial(ops.add_questions, texts=chosen))

        label = _("Add by number (such as 1,3 or 1-4) or type your own; Enter when done:")
        while prompt.value(label, pick) is not None:
            pass
        return True

    return question


def when(text: str) -> datetime:
    """A meeting time as typed, said back in full when it was typed otherwise."""
    moment = dates.moment(text)
    if said := dates.understood(text, moment):
        say(f"  {said}")
    return moment


def _again_only(question: Question, asked: bool) -> Question:
    """QUESTION, or, when it was ASKED before the walk began, only when gone back to."""
    return (lambda s, again: again and question(s, again)) if asked else question


def _steps(book: Guidance, when_asked: bool) -> dict[str, Callable[[Item], Question]]:
    """What a prepare item may ask for, by the names guidance.toml gives in `asks`."""
    return {
        "goal": fixed(field(book, "goal")),
        "success": fixed(field(book, "success")),
        "when": fixed(_again_only(field(book, "when", when, dates.stamp), when_asked)),
        "where": fixed(field(book, "where")),
        "topics": fixed(_topics(book)),
        "questions": fixed(_questions(book)),
    }


def walk(sid: str, book: Guidance, hint: Hint, when_asked: bool = False) -> None:
    """Ask for what is missing, item by item; every answer is saved as soon as it is given.
    HINT: given unless a question before the walk gave it; WHEN_ASKED: the time was asked
    before the session was written (skipped, if still unset)."""
    s = store.load(sid)
    hint.once()
    items = book.checklist(s.role, "prepare")
    run(sid, [_purpose(book), *steps(book, items, _steps(book, when_asked))])
