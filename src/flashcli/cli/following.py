"""What flash followup does: apply the flags, or walk the after checklist, then report."""

from dataclasses import dataclass, field

from flashcli import clock, guidance, parse, render, store
from flashcli.cli.walking import guarded, tickable
from flashcli.errors import UsageProblem
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
        from flashcli.cli.common import checklist_json, print_json

        print_json(
            {
                "id": s.id,
                "status": s.status(clock.now()),
                "checklist": checklist_json(rows),
                "actions": [a.stored(json=True) for a in s.actions],
                "feedback": s.feedback,
                "rating": s.rating,
                "continue": s.decision,
            }
        )
        return
    render.show(render.checklist(rows, "after"), "", render.plan(s))
    if s.closed:
        render.show(f"\n{s.id} is closed; 'flash list --all' still shows it")


def walk(sid: str) -> None:
    """Each agreement, confidentiality, feedback, the email, the decision; saved as it goes."""
    from flashcli.cli import followwalk

    with guarded("flash followup"):
        followwalk.walk(sid)
