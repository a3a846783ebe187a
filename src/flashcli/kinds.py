"""The small vocabularies every layer shares, importable without pydantic (help and completion)."""

from typing import Literal

Role = Literal["mentee", "mentor"]  # the mentee is the one learning, in reverse mentoring too
Phase = Literal["prepare", "during", "after"]
Owner = Literal["me", "partner"]
NoteKind = Literal["note", "question", "resource", "referral"]
Decision = Literal["yes", "no", "undecided"]
Purpose = Literal["learning", "role", "perspective", "career", "other"]
Status = Literal["planned", "held", "closed"]
# Session fields a checklist item may tick itself on, once all of them are set.
AutoField = Literal[
    "goal", "success", "when", "where", "topics", "questions", "actions", "continue"
]

ROLES: tuple[Role, ...] = ("mentee", "mentor")
PHASES: tuple[Phase, ...] = ("prepare", "during", "after")
ID_PATTERN = r"[a-z0-9][a-z0-9-]{0,79}"  # a session id, and so its file name
