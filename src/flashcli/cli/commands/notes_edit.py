"""flash notes --edit: the notes as plain text in the person's editor, merged back safely.

The edit is read as changes to the notes the editor was opened with (a three-way merge, in
ops.merge_notes): notes added meanwhile in another terminal stay, notes left untouched stay
exactly as they are, and a line that cannot be read is an error naming it.
"""

import re
from collections.abc import Sequence
from functools import partial

from flashcli import dates, ops, store
from flashcli.cli import editor
from flashcli.cli.output import say
from flashcli.errors import FlashError, UsageProblem, shown
from flashcli.i18n import N_, _, ngettext
from flashcli.kinds import DAY_PATTERN, NOTE_KINDS
from flashcli.models import Note, Session

HEADER = re.compile(rf"\[({DAY_PATTERN} \d{{2}}:\d{{2}}) ({'|'.join(NOTE_KINDS)})\]")
LIKE_HEADER = re.compile(r"\[\d{4}-")  # a line meant as a header: one that won't read is an error
GUIDE = N_(
    "# The notes of {id}, with {partner}. Save and close the editor to keep your changes.\n# Each "
    "note starts with a line such as [2026-12-01 10:14 note]; the kind is note, question,\n# "
    "resource or referral. Its text is the lines below, up to the next such line.\n# Delete a "
    "note with its lines; add one under a new [date time kind] line.\n# Lines starting with # "
    "above the first note are left out.\n"
)


def _escaped(line: str) -> str:
    """A line of a note that would read as a header, or starts with a backslash, gets one more."""
    return "\\" + line if LIKE_HEADER.match(line) or line.startswith("\\") else line


def _header(note: Note) -> str:
    return f"[{dates.stamp(note.at)} {note.kind}]"


def as_text(s: Session) -> str:
    blocks = [
        _header(n) + "\n" + "\n".join(map(_escaped, n.text.split("\n"))) + "\n" for n in s.notes
    ]
    return _(GUIDE).format(id=s.id, partner=s.partner.name) + "\n" + "\n".join(blocks)


def from_text(text: str, base: Sequence[Note]) -> list[Note]:
    """The notes in the edited text: a note of BASE left as it was is that same object."""
    untouched = list(base)
    notes: list[Note] = []
    header: tuple[int, str, str] | None = None
    body: list[str] = []

    def close() -> None:
        if header is not None:
            notes.append(_note(header, "\n".join(body).strip(), untouched))

    # split("\n"), not splitlines(): a note may hold U+2028 and other breaks of its own.
    for number, line in enumerate(text.split("\n"), 1):
        if header is None and line.startswith("#"):
            continue
        if m := HEADER.fullmatch(line.strip()):
            close()
            header, body = (number, m.group(1), m.group(2)), []
        elif LIKE_HEADER.match(line):
            raise UsageProblem(
                _(
                    "line {number}, {line}, is not a note's first line; write [YYYY-MM-DD HH:MM "
                    "kind] with kind note, question, resource or referral"
                ).format(number=number, line=shown(line))
            )
        elif header is None and line.strip():
            raise UsageProblem(
                _("line {number} is not under a [YYYY-MM-DD HH:MM kind] line").format(number=number)
            )
        else:
            body.append(line.removeprefix("\\"))
    close()
    return notes


def _note(header: tuple[int, str, str], text: str, untouched: list[Note]) -> Note:
    number, when, kind = header
    if not text:
        raise UsageProblem(
            _("the note on line {number} has no text; delete its line too").format(number=number)
        )
    for original in untouched:
        if (_header(original), original.text) == (f"[{when} {kind}]", text):
            untouched.remove(original)
            return original
    try:
        at = dates.moment(when, _("note time"))
        return Note.load({"at": at, "kind": kind, "text": text})
    except UsageProblem as e:
        raise UsageProblem(
            _("the note on line {number}: {message}").format(number=number, message=e.message)
        ) from None


def edit(ref: str | None) -> None:
    sid = store.resolve(ref)
    opened = store.load(sid)
    before = as_text(opened)
    resumed = editor.resume(sid, "notes-edit.txt", _("the notes"))
    after = editor.edited(f"{sid}-notes.txt", resumed[0] if resumed else before, _("the notes are"))
    if after == before and not resumed:
        say(_("no change to the notes of {sid}").format(sid=sid))
        return
    try:
        edited = from_text(after, opened.notes)
    except UsageProblem as e:
        kept = store.keep_edit(sid, "notes-edit.txt", after.encode("utf-8"))
        if resumed:
            store.drop_kept_edit(resumed[1])  # the newer edit of it is kept instead
        raise FlashError(
            _("{message}; nothing was changed, and your edit is kept in {kept}").format(
                message=e.message, kept=kept
            )
        ) from None
    saved = store.update(sid, partial(ops.merge_notes, base=opened.notes, edited=edited))
    if resumed:
        store.drop_kept_edit(resumed[1])  # used: it goes
    n = len(saved.notes)
    say(ngettext("saved {n} note in {sid}", "saved {n} notes in {sid}", n).format(n=n, sid=sid))
