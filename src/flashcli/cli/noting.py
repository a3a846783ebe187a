"""What flash notes does with its arguments: notes and actions read, checked, then saved at once."""

import sys
from dataclasses import dataclass, field

from flashcli import clock, parse, store
from flashcli.errors import UsageProblem
from flashcli.models import Action, Note, NoteKind, Owner, Session


@dataclass
class Entries:
    notes: list[Note] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.notes and not self.actions

    @classmethod
    def read(
        cls,
        *,
        text: str | None,
        kinds: dict[NoteKind, list[str] | None],
        actions: list[str],
        owner: Owner,
        due: str | None,
        at: str | None,
    ) -> "Entries":
        now = clock.now()
        when = parse.moment(at, "--at") if at is not None else now
        if text == "-":
            text = sys.stdin.read()
        found = [] if text is None else [Note(at=when, text=parse.free_text(text, "TEXT"))]
        for kind, texts in kinds.items():
            found += [
                Note(at=when, kind=kind, text=parse.free_text(t, f"--{kind}")) for t in texts or []
            ]
        if due is not None and not actions:
            raise UsageProblem("--due goes with --action", "--due")
        day = parse.due_date(due, now.date()) if due is not None else None
        planned = [
            Action(text=parse.free_text(t, "--action"), owner=owner, due=day) for t in actions
        ]
        return cls(found, planned)

    def apply(self, s: Session) -> None:
        s.notes += self.notes
        s.actions += self.actions


def is_session_id(text: str) -> bool:
    return text in store.ids()


def split_arguments(session: str | None, text: str | None) -> tuple[str | None, str | None]:
    """One argument is the note unless it is exactly a session id; two are SESSION TEXT."""
    if session is not None and text is None and not is_session_id(session):
        return None, session
    return session, text


def add(ref: str | None, entries: Entries) -> Session:
    s = store.update(store.resolve(ref), entries.apply)
    parts = (
        [f"{len(entries.notes)} note{'s' if len(entries.notes) != 1 else ''}"]
        if entries.notes
        else []
    )
    if entries.actions:
        parts.append(f"{len(entries.actions)} action{'s' if len(entries.actions) != 1 else ''}")
    print(f"added {' and '.join(parts)} to {s.id}")
    return s
