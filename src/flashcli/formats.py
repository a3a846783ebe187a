"""A session out of flash: a Markdown record, and its stored data as JSON (ical.py: iCalendar)."""

from flashcli.dates import clock, when_text
from flashcli.errors import json_text
from flashcli.guidance import Guidance
from flashcli.kinds import PHASES
from flashcli.models import Session

KIND_TITLES = {
    "note": "Notes",
    "question": "Questions asked",
    "resource": "Resources",
    "referral": "Referrals",
}


def as_json(s: Session) -> str:
    return json_text(s.stored(json=True), indent=2) + "\n"


def as_markdown(s: Session, guidance: Guidance) -> str:
    """A readable record of the session, for a person or a wiki."""
    lines = [f"# Flash mentoring with {s.partner.name}", ""]
    facts = {
        "Role": s.role + (" (reverse mentoring)" if s.reverse else ""),
        "When": when_text(s.when, s.minutes) if s.when else None,
        "Where": s.where,
        "Purpose": s.purpose,
        "Objective": s.goal,
        "Success looks like": s.success,
    }
    lines += [f"- **{k}:** {v}" for k, v in facts.items() if v]
    lines += _section("Topics", [f"{n}. {t}" for n, t in enumerate(s.topics, 1)])
    lines += _section("Prepared questions", [f"- {q}" for q in s.questions])
    for kind, title in KIND_TITLES.items():
        notes = [n for n in s.notes if n.kind == kind]
        lines += _section(
            title, [f"- {clock(n.at)} " + n.text.replace("\n", "\n  ") for n in notes]
        )
    plan = []
    for a in s.actions:
        who = "me" if a.owner == "me" else s.partner.name
        due = f", due {a.due}" if a.due else ""
        plan.append(f"- [{'x' if a.done else ' '}] {a.text} ({who}{due})")
    lines += _section("Plan of action", plan)
    for phase in PHASES:
        rows = [f"- [{'x' if t else ' '}] {i.text}" for i, t in guidance.checklist_of(s, phase)]
        lines += _section(f"Checklist: {phase}", rows)
    after = {
        "Feedback": s.feedback,
        "Rating": f"{s.rating}/5" if s.rating else None,
        "Continue": s.decision,
    }
    lines += _section("Follow-up", [f"- **{k}:** {v}" for k, v in after.items() if v])
    return "\n".join(lines) + "\n"


def _section(title: str, rows: list[str]) -> list[str]:
    return ["", f"## {title}", "", *rows] if rows else []
