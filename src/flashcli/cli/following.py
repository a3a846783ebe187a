"""What flash followup does: apply the flags, or walk the after checklist, then report."""

from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from flashcli import clock, drafts, guidance, parse, render, store
from flashcli.cli import ask
from flashcli.cli.walking import confirm, guarded, save, tickable
from flashcli.errors import FlashError, UsageProblem
from flashcli.guidance import Item
from flashcli.models import Session


@dataclass
class Changes:
    done: list[str] = field(default_factory=list)
    complete: list[int] = field(default_factory=list)
    feedback: str | None = None
    rating: int | None = None
    decision: str | None = None
    close: bool = False

    @classmethod
    def read(cls, *, feedback: str | None, **rest: object) -> "Changes":
        text = parse.free_text(feedback, "--feedback") if feedback is not None else None
        return cls(feedback=text, **rest)  # type: ignore[arg-type]

    @property
    def empty(self) -> bool:
        return self == Changes()

    def apply(self, s: Session) -> None:
        for key in self.done:
            if tickable(s, key, "--done").key not in s.ticked:
                s.ticked.append(key)
        now = clock.now()
        for n in self.complete:
            if not 1 <= n <= len(s.actions):
                raise UsageProblem(
                    f"there is no action {n}; {s.id} has {len(s.actions)}", "--complete"
                )
            s.actions[n - 1].done = s.actions[n - 1].done or now
        for name in ("feedback", "rating", "decision"):
            if (value := getattr(self, name)) is not None:
                setattr(s, name, value)
        if self.close and s.closed is None:
            s.closed = now


def start(ref: str | None, changes: Changes) -> str:
    sid = store.resolve(ref)
    if not changes.empty:
        store.update(sid, changes.apply)
    return sid


def report(sid: str, as_json: bool) -> None:
    s = store.load(sid)
    rows = s.checklist(guidance.load(), "after")
    if as_json:
        from flashcli.cli.common import print_json

        print_json(
            {
                "id": s.id,
                "status": s.status(clock.now()),
                "checklist": [{"key": i.key, "text": i.text, "done": t} for i, t in rows],
                "actions": [a.model_dump(mode="json", exclude_none=True) for a in s.actions],
                "feedback": s.feedback,
                "rating": s.rating,
                "continue": s.decision,
            }
        )
        return
    render.show(render.checklist(rows, "after"), "", render.plan(s))
    if s.closed:
        render.show(f"\n{s.id} is closed; 'flash list --all' still shows it")


# ---------------------------------------------------------------- the walk


def _actions(s: Session, item: Item) -> None:
    for n, action in enumerate(s.actions, 1):
        if action.done:
            continue
        due = f", due {action.due}" if action.due else ""
        label = f"{n}. {action.text}{due}: done? (y = done, Enter = keep open, or a new due date)"
        answer = ask.value(label, _done_or_date)
        if answer == "done":
            store.update(s.id, Changes(complete=[n]).apply)
        elif isinstance(answer, date):
            store.update(s.id, partial(_set_due, n=n, day=answer))


def _done_or_date(text: str) -> str | date:
    if text.lower() in ("y", "yes", "done"):
        return "done"
    return parse.due_date(text, clock.now().date())


def _set_due(s: Session, n: int, day: date) -> None:
    s.actions[n - 1].due = day


def _feedback(s: Session, item: Item) -> None:
    if not s.feedback:
        label = "What helped most?" if s.role == "mentee" else "What did you gain from the session?"
        if text := ask.value(f"{label} (Enter to skip)", lambda t: parse.free_text(t, "feedback")):
            save(s, feedback=text)
    if s.rating is None and (
        rating := ask.value("How useful was it, 1 to 5? (Enter to skip)", _rating)
    ):
        save(s, rating=rating)


def _rating(text: str) -> int:
    if text in ("1", "2", "3", "4", "5"):
        return int(text)
    raise UsageProblem("answer with a number from 1 to 5")


def _email(s: Session, item: Item) -> None:
    if item.key in s.ticked or not s.partner.email:
        return
    what = "thank-you" if s.role == "mentee" else "appreciation"
    path = Path(f"thanks-{s.id}.eml")
    if not ask.yes(f"Write the {what} email as a draft ({path})?"):
        return
    s = store.load(s.id)
    try:
        store.write_new_file(path, drafts.as_eml(drafts.thanks_email(s, store.load_config())))
        print(f"  wrote {path}: open it in your mail client to review and send")
    except FlashError as e:
        print(f"  {e.message}")


def _decision(s: Session, item: Item) -> None:
    if s.decision is None:
        label = "Continue meeting? (yes, no or undecided; Enter to skip)"
        if choice := ask.value(label, _choice):
            save(s, decision=choice)


def _choice(text: str) -> str:
    if text.lower() in ("yes", "no", "undecided", "y", "n", "u"):
        return {"y": "yes", "n": "no", "u": "undecided"}.get(text.lower(), text.lower())
    raise UsageProblem("answer yes, no or undecided")


STEPS = {
    "follow-through": [_actions, confirm],
    "thank-feedback": [_feedback, _email, confirm],
    "appreciation": [_feedback, _email, confirm],
    "decide-continue": [_decision],
}


def walk(sid: str) -> None:
    """Each agreement, confidentiality, feedback, the email, the decision; saved as it goes."""
    with guarded("flash followup"):
        for item in guidance.load().checklist(store.load(sid).role, "after"):
            if item.key == "confidentiality":
                render.show(f"Reminder: {item.text}")
            for step in STEPS.get(item.key, [confirm]):
                step(store.load(sid), item)
        if store.load(sid).closed is None and ask.yes("Close this session?"):
            store.update(sid, Changes(close=True).apply)
