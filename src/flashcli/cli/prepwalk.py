"""The prepare walk at a terminal: for each checklist item, ask only for what is missing."""

from collections.abc import Callable
from functools import partial

from flashcli import guidance, parse, store
from flashcli.cli import ask
from flashcli.cli.walking import Question, confirm, run, save
from flashcli.errors import UsageProblem
from flashcli.guidance import Item
from flashcli.models import Session

BACK_HINT = "(Enter skips a question; < goes back to the one before)"


def _purpose(s: Session, again: bool) -> bool:
    if s.purpose and not again:
        return False
    purposes = list(guidance.load().purposes.items())
    print("What is the session for?")
    for n, (name, p) in enumerate(purposes, 1):
        print(f"  {n}. {name}: {p.title}")

    def pick(answer: str) -> str:
        names = [name for name, _ in purposes]
        if answer in names:
            return answer
        if answer.isdigit() and 1 <= int(answer) <= len(names):
            return names[int(answer) - 1]
        raise UsageProblem(f"answer with a number from 1 to {len(names)}")

    if (chosen := ask.value("Purpose (number):", pick, now=s.purpose)) is not None:
        save(s, purpose=chosen)
    return True


def _line(field: str, label: Callable[[Session], str], s: Session, again: bool) -> bool:
    """A one-line field such as the goal or the place."""
    current = getattr(s, field)
    if current and not again:
        return False
    answer = ask.value(label(s), lambda t: parse.one_line(t, field), now=current)
    if answer:
        save(s, **{field: answer})
    return True


def _goal_label(s: Session) -> str:
    if s.role == "mentee":
        return "What do you want from this session?"
    return f"What is {s.partner.first_name}'s objective?"


def _success_label(s: Session) -> str:
    who = "you" if s.role == "mentee" else s.partner.first_name
    return f"How will {who} know the session worked?"


def _when(s: Session, again: bool) -> bool:
    if s.when is not None and not again:
        return False
    now = f"{s.when:%Y-%m-%d %H:%M}" if s.when else None
    if (when := ask.value('When do you meet? ("YYYY-MM-DD HH:MM")', parse.moment, now)) is not None:
        save(s, when=when)
    return True


def _topics(s: Session, again: bool) -> bool:
    if s.topics and not again:
        return False
    whose = "you want" if s.role == "mentee" else f"{s.partner.first_name} wants"
    if s.topics:
        print("Topics now: " + "; ".join(s.topics) + " (new ones replace them)")
    topics = ask.several(f"Topics {whose} to cover", lambda t: parse.one_line(t, "topic"))
    if topics:
        save(s, topics=topics)
    return True


def _questions(s: Session, again: bool) -> bool:
    purpose = guidance.load().purposes.get(s.purpose or "other")
    bank = [q for q in purpose.bank(s.role) if q not in s.questions] if purpose else []
    if s.questions and (not bank or not again):
        return False
    kind = "questions you might ask" if s.role == "mentee" else "open questions to ask"
    if bank:
        print(f"Suggested {kind}:")
        for n, q in enumerate(bank, 1):
            print(f"  {n}. {q}")

    def pick(answer: str) -> list[str]:
        numbers = [p.strip() for p in answer.split(",")]
        if all(p.isdigit() for p in numbers):
            if all(1 <= int(p) <= len(bank) for p in numbers):
                return [bank[int(p) - 1] for p in numbers]
            raise UsageProblem(f"give numbers from 1 to {len(bank)}, or type a question")
        return [parse.one_line(answer, "question")]

    label = "Add by number (such as 1,3) or type your own; Enter when done:"
    while (chosen := ask.value(label, pick)) is not None:
        fresh = store.load(s.id)
        save(fresh, questions=[*fresh.questions, *(q for q in chosen if q not in fresh.questions)])
    return True


GOAL = partial(_line, "goal", _goal_label)
SUCCESS = partial(_line, "success", _success_label)
WHERE = partial(_line, "where", lambda s: "Where? (a place or a video link)")
STEPS: dict[str, Callable[[Item], list[Question]]] = {
    "goals": lambda item: [GOAL, SUCCESS],
    "send-topics": lambda item: [_topics, confirm(item)],
    "arrange": lambda item: [_when, WHERE],
    "questions": lambda item: [_questions],
    "review-objective": lambda item: [
        GOAL,
        SUCCESS,
        _topics,
        _when,
        WHERE,
        _questions,
        confirm(item),
    ],
}


def _tick_only(item: Item) -> list[Question]:
    return [confirm(item)]


def questions(s: Session) -> list[Question]:
    """The purpose, then what each prepare item needs; items of one's own guidance are ticked."""
    items = guidance.load().checklist(s.role, "prepare")
    return [_purpose, *(q for item in items for q in STEPS.get(item.key, _tick_only)(item))]


def walk(sid: str) -> None:
    print(BACK_HINT)
    run(sid, questions(store.load(sid)))
