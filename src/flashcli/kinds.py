"""The small vocabularies every layer shares, importable without pydantic (help and completion)."""

from typing import Literal, NamedTuple

from flashcli.i18n import N_, _

Role = Literal["mentee", "mentor"]  # the mentee is the one learning, in reverse mentoring too
Phase = Literal["prepare", "during", "after"]
Owner = Literal["me", "partner"]
NoteKind = Literal["note", "question", "resource", "referral"]
Decision = Literal["yes", "no", "undecided"]
# What flash takes for a decision: "maybe" is another word for "undecided", everywhere.
DecisionWord = Literal["yes", "no", "undecided", "maybe"]
SAME_DECISION = {"maybe": "undecided"}
Status = Literal["planned", "held", "closed"]
# Session fields a checklist item may tick itself on, once all of them are set.
AutoField = Literal[
    "goal", "success", "when", "where", "topics", "questions", "actions", "continue"
]

DISMISSED = "dismissed"  # a reminder set aside for good (a session's reminders table)

ROLES: tuple[Role, ...] = ("mentee", "mentor")
PHASES: tuple[Phase, ...] = ("prepare", "during", "after")

ID_LENGTH = 80  # at most, in characters
ID_PATTERN = rf"[a-z0-9][a-z0-9-]{{0,{ID_LENGTH - 1}}}"  # a session id, and so its file name
# A new id is DATE-NAME (YYYY-MM-DD-, 11 characters), then -2, -3…: room is kept for those.
ID_BASE_LENGTH = ID_LENGTH - 3
NAME_IN_ID_LENGTH = ID_BASE_LENGTH - len("YYYY-MM-DD-")

DAY_PATTERN = r"\d{4}-\d{2}-\d{2}"  # a date as flash writes and reads it: 2026-12-01
FIRST_YEAR, LAST_YEAR = 1900, 2999  # the years a date may fall in


class KindOfNote(NamedTuple):
    prefix: str | None  # what starts a line of live notes of this kind
    title: str  # what a record calls notes of this kind
    pointer: bool  # it points elsewhere (a resource, a referral): the thank-you lists it


NOTE_KINDS: dict[NoteKind, KindOfNote] = {
    "note": KindOfNote(None, N_("Notes"), False),
    "question": KindOfNote("?", N_("Questions asked"), False),
    "resource": KindOfNote("+", N_("Resources"), True),
    "referral": KindOfNote("@", N_("Referrals"), True),
}


# How far a goal was reached, as Goal Attainment Scaling scores it (Kiresuk & Sherman).
SCORES = {
    -2: N_("much less than hoped"),
    -1: N_("less than hoped"),
    0: N_("as hoped"),
    1: N_("more than hoped"),
    2: N_("much more than hoped"),
}


def score_text(score: int) -> str:
    """'+1 (more than hoped)', '0 (as hoped)'"""
    return f"{score:+d} ({_(SCORES[score])})" if score else f"0 ({_(SCORES[0])})"


# flash's own values as a person reads them; the files and --json keep these English keys.
SAID = {
    "mentee": N_("mentee"),
    "mentor": N_("mentor"),
    "planned": N_("planned"),
    "held": N_("held"),
    "closed": N_("closed"),
    "yes": N_("yes"),
    "no": N_("no"),
    "undecided": N_("undecided"),
    "note": N_("note"),
    "question": N_("question"),
    "resource": N_("resource"),
    "referral": N_("referral"),
    "prepare": N_("prepare"),
    "during": N_("during"),
    "after": N_("after"),
}


def said(value: str) -> str:
    """VALUE (a role, a status, a decision) in the language in use."""
    return _(SAID[value]) if value in SAID else value
