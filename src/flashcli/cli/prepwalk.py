"""The prepare walk at a terminal: for each checklist item, ask only for what is missing."""

from collections.abc import Callable

from flashcli import guidance, parse, store
from flashcli.cli import ask
from flashcli.cli.walking import confirm, save
from flashcli.errors import UsageProblem
from flashcli.guidance import Item
from flashcli.models import Session

Step = Callable[[Session, Item], None]


def _purpose(s: Session) -> None:
    if s.purpose:
        return
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

    if (chosen := ask.value("Purpose (number, Enter to skip):", pick)) is not None:
        save(s, purpose=chosen)


def _goal(s: Session, item: Item) -> None:
    if not s.goal:
        label = (
            item.prompt if s.role == "mentee" else f"What is {s.partner.first_name}'s objective?"
        )
        if goal := ask.value(f"{label} (Enter to skip)", lambda t: parse.one_line(t, "goal")):
            save(s, goal=goal)
    if not s.success:
        who = "you" if s.role == "mentee" else s.partner.first_name
        label = f"How will {who} know the session worked? (Enter to skip)"
        if success := ask.value(label, lambda t: parse.one_line(t, "success")):
            save(s, success=success)


def _topics(s: Session, item: Item) -> None:
    if not s.topics:
        whose = "you want" if s.role == "mentee" else f"{s.partner.first_name} wants"
        topics = ask.several(f"Topics {whose} to cover", lambda t: parse.one_line(t, "topic"))
        if topics:
            save(s, topics=topics)


def _when_where(s: Session, item: Item) -> None:
    if s.when is None:
        label = 'When do you meet? ("YYYY-MM-DD HH:MM", Enter to skip)'
        if (when := ask.value(label, parse.moment)) is not None:
            save(s, when=when)
    if not s.where:
        label = "Where? (a place or a video link, Enter to skip)"
        if where := ask.value(label, lambda t: parse.one_line(t, "where")):
            save(s, where=where)


def _questions(s: Session, item: Item) -> None:
    purpose = guidance.load().purposes.get(s.purpose or "other")
    bank = [q for q in purpose.bank(s.role) if q not in s.questions] if purpose else []
    kind = "questions you might ask" if s.role == "mentee" else "open questions to ask"
    if s.questions and not bank:
        return
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
        save(s, questions=chosen)


STEPS: dict[str, list[Step]] = {
    "goals": [_goal],
    "send-topics": [_topics, confirm],
    "arrange": [_when_where],
    "questions": [_questions],
    "review-objective": [_goal, _topics, _when_where, _questions, confirm],
}


def run(sid: str) -> None:
    _purpose(store.load(sid))
    s = store.load(sid)
    for item in guidance.load().checklist(s.role, "prepare"):
        for step in STEPS.get(item.key, [confirm]):
            step(store.load(sid), item)
