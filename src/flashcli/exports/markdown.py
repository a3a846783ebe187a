"""A session as a Markdown record, for a person or a wiki."""

import re

from flashcli.dates import clock_on
from flashcli.guidance import Guidance
from flashcli.i18n import _
from flashcli.kinds import NOTE_KINDS, PHASES, said, score_text
from flashcli.models import Session


def as_markdown(s: Session, guidance: Guidance) -> str:
    """A readable record of the session, for a person or a wiki. What people typed is escaped
    so that it always reads as text: the document's structure is flash's alone."""
    lines = [_("# Flash mentoring with {text}").format(text=text(s.partner.name)), ""]
    facts = s.facts(guidance.purpose_title(s.purpose))
    lines += [f"- **{f.label}:** {text(f.value)}" for f in facts if f.value]
    lines += _section(_("Topics"), [f"{n}. {text(t)}" for n, t in enumerate(s.topics, 1)])
    lines += _section(_("Prepared questions"), [f"- {text(q)}" for q in s.questions])
    for kind, title in ((kind, _(k.title)) for kind, k in NOTE_KINDS.items()):
        notes = [n for n in s.notes if n.kind == kind]
        day = (s.when or s.created).date()
        lines += _section(title, [f"- {clock_on(n.at, day)} {text(n.text)}" for n in notes])
    plan = []
    for a in s.actions:
        due = _(", due {due}").format(due=a.due) if a.due else ""
        plan.append(
            f"- [{'x' if a.done else ' '}] {text(a.text)} ({text(s.who(a, full=True))}{due})"
        )
    lines += _section(_("Plan of action"), plan)
    checkins = []
    for c in s.checkins:
        checkins.append(f"- {c.at.date()}: {score_text(c.score)}")
        checkins += [f"  - {label}: {text(said)}" for label, said in c.said()]
    lines += _section(_("Check-ins"), checkins)
    for phase in PHASES:
        ticks = guidance.checklist_of(s, phase)
        rows = [f"- [{'x' if t else ' '}] {text(i.text)}" for i, t in ticks]
        lines += _section(_("Checklist: {phase}").format(phase=said(phase)), rows)
    after = {
        _("Feedback"): s.feedback,
        _("Rating"): f"{s.rating}/5" if s.rating else None,
        _("Continue"): said(s.decision) if s.decision else None,
    }
    lines += _section(_("Follow-up"), [f"- **{k}:** {text(v)}" for k, v in after.items() if v])
    return "\n".join(lines) + "\n"


# What makes Markdown of text anywhere in a line: emphasis, code, links and images, HTML and
# entities, tables, strikethrough, headings; and what does so at the start of a line.
INLINE = re.compile(r"([\\`*_{}\[\]<>!|~&#])")
LINE_START = re.compile(r"^([-+=>]|\d+(?=[.)]))")


# A web address as typed, without the punctuation that ends the sentence around it.
URL = re.compile(r"https?://[^\s<>\x00-\x1f]+?(?=[.,;:!?)\"']*(?:\s|$))")


def text(value: str) -> str:
    """VALUE as Markdown that reads as the text itself; a line after the first is indented
    to stay within the list item it belongs to. A web address is written as an autolink
    (<https://…>), in which nothing is escaped: a backslash there would become part of the
    address for a renderer that links bare addresses (GFM's linkify)."""
    lines = []
    for line in value.split("\n"):
        line = line.strip()  # leading spaces would make it code
        parts, end = [], 0
        for m in URL.finditer(line):
            parts += [INLINE.sub(r"\\\1", line[end : m.start()]), f"<{m.group()}>"]
            end = m.end()
        parts.append(INLINE.sub(r"\\\1", line[end:]))
        lines.append(LINE_START.sub(_escape_start, "".join(parts)))
    return "\n  ".join(lines)


def _escape_start(m: re.Match[str]) -> str:
    start = m.group()
    return start + "\\" if start[0].isdigit() else "\\" + start


def _section(title: str, rows: list[str]) -> list[str]:
    return ["", f"## {title}", "", *rows] if rows else []
