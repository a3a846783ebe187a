"""The follow-up walk at a terminal: each agreement, then the after checklist, then closing."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

from flashcli import clock, drafts, guidance, parse, store
from flashcli.cli import ask
from flashcli.cli.prepwalk import BACK_HINT
from flashcli.cli.walking import Question, confirm, run, save
from flashcli.errors import FlashError, UsageProblem
from flashcli.guidance import Item
from flashcli.models import Session


def _action(n: int) -> Question:
    def question(s: Session, again: bool) -> bool:
        action = s.actions[n - 1]
        if action.done and not again:
            return False
        due = f", due {action.due}" if action.due else ""
        label = f"{n}. {action.text}{due}: done? (y = done, n = still open, or a new due date)"
        answer = ask.value(label, _done_or_date, now="done" if action.done else "open")
        if answer is not None:

            def change(fresh: Session) -> None:
                target = fresh.actions[n - 1]
                if isinstance(answer, date):
                    target.due = answer
                else:
                    target.done = (target.done or clock.now()) if answer == "done" else None

            store.update(s.id, change)
        return True

    return question


def _done_or_date(text: str) -> str | date:
    word = text.lower()
    if word in ("y", "yes", "done"):
        return "done"
    if word in ("n", "no", "open"):
        return "open"
    return parse.due_date(text, clock.now().date())


def _feedback(s: Session, again: bool) -> bool:
    if s.feedback and not again:
        return False
    label = "What helped most?" if s.role == "mentee" else "What did you gain from the session?"
    if text := ask.value(label, lambda t: parse.free_text(t, "feedback"), now=s.feedback):
        save(s, feedback=text)
    return True


def _rating(s: Session, again: bool) -> bool:
    if s.rating is not None and not again:
        return False
    current = str(s.rating) if s.rating else None
    if rating := ask.value("How useful was it, 1 to 5?", _one_to_five, now=current):
        save(s, rating=rating)
    return True


def _one_to_five(text: str) -> int:
    if text in ("1", "2", "3", "4", "5"):
        return int(text)
    raise UsageProblem("answer with a number from 1 to 5")


def _email(item: Item) -> Question:
    def question(s: Session, again: bool) -> bool:
        if (item.key in s.ticked and not again) or not s.partner.email:
            return False
        what = "thank-you" if s.role == "mentee" else "appreciation"
        path = Path(f"thanks-{s.id}.eml")
        if ask.yes(f"Write the {what} email as a draft ({path})?"):
            try:
                draft = drafts.thanks_email(s, store.load_config())
                store.write_new_file(path, drafts.as_eml(draft))
                print(f"  wrote {path}: open it in your mail client to review and send")
            except FlashError as e:
                print(f"  {e.message}")
        return True

    return question


def _decision(s: Session, again: bool) -> bool:
    if s.decision is not None and not again:
        return False
    label = "Continue meeting? (yes, no or undecided)"
    if choice := ask.value(label, _choice, now=s.decision):
        save(s, decision=choice)
    return True


def _choice(text: str) -> str:
    word = text.lower()
    if word in ("yes", "no", "undecided", "y", "n", "u"):
        return {"y": "yes", "n": "no", "u": "undecided"}.get(word, word)
    raise UsageProblem("answer yes, no or undecided")


def _reminder(item: Item) -> Question:
    tick = confirm(item)

    def question(s: Session, again: bool) -> bool:
        if item.key not in s.ticked or again:
            print(f"Reminder: {item.text}")
        return tick(s, again)

    return question


def _close(s: Session, again: bool) -> bool:
    if s.closed is not None and not again:
        return False
    if ask.yes("Close this session?", default=s.closed is not None) != (s.closed is not None):
        save(s, closed=None if s.closed else clock.now())
    return True


STEPS: dict[str, Callable[[Item], list[Question]]] = {
    "confidentiality": lambda item: [_reminder(item)],
    "thank-feedback": lambda item: [_feedback, _rating, _email(item), confirm(item)],
    "appreciation": lambda item: [_feedback, _rating, _email(item), confirm(item)],
    "decide-continue": lambda item: [_decision],
}


def _tick_only(item: Item) -> list[Question]:
    return [confirm(item)]


def walk(sid: str) -> None:
    s = store.load(sid)
    agreements: list[Question] = [_action(n) for n in range(1, len(s.actions) + 1)]
    items = guidance.load().checklist(s.role, "after")
    steps = [q for item in items for q in STEPS.get(item.key, _tick_only)(item)]
    print(BACK_HINT)
    run(sid, [*agreements, *steps, _close])
