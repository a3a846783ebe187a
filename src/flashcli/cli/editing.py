"""flash notes --edit: the notes as plain text in the person's editor, saved back safely."""

import os
import re
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import cast

from flashcli import parse, store
from flashcli.errors import FlashError, UsageProblem
from flashcli.files import private_dir, write_atomic
from flashcli.models import Note, NoteKind, Session
from flashcli.paths import folders

HEADER = re.compile(r"^\[(\d{4}-\d{2}-\d{2} \d{2}:\d{2}) (note|question|resource|referral)\]$")
GUIDE = """\
# The notes of {id}, with {partner}. Save and close the editor to keep your changes.
# Each note starts with a line such as [2026-12-01 10:14 note]; the kind is note, question,
# resource or referral. Its text is the lines below, up to the next such line.
# Delete a note with its lines; add one under a new [date time kind] line.
# Lines starting with # are left out.
"""


def as_text(s: Session) -> str:
    blocks = [f"[{n.at:%Y-%m-%d %H:%M} {n.kind}]\n{n.text}\n" for n in s.notes]
    return GUIDE.format(id=s.id, partner=s.partner.name) + "\n" + "\n".join(blocks)


def from_text(text: str, originals: list[Note]) -> list[Note]:
    """The notes in the edited text; an unchanged note keeps its exact time and hand-added keys."""
    notes: list[Note] = []
    header: tuple[str, str] | None = None
    body: list[str] = []

    def close() -> None:
        if header is not None:
            notes.append(_note(header, "\n".join(body).strip(), originals))

    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("#"):
            continue
        if m := HEADER.match(line.strip()):
            close()
            header, body = (m.group(1), m.group(2)), []
        elif header is None and line.strip():
            raise UsageProblem(f"line {number} is not under a [YYYY-MM-DD HH:MM kind] line")
        else:
            body.append(line)
    close()
    return notes


def _note(header: tuple[str, str], text: str, originals: list[Note]) -> Note:
    when, kind = header
    if not text:
        raise UsageProblem(f"the note [{when} {kind}] has no text; delete its line too")
    for original in originals:
        if (f"{original.at:%Y-%m-%d %H:%M}", original.kind, original.text) == (when, kind, text):
            originals.remove(original)
            return original
    at = parse.moment(when, "note time")
    return Note(at=at, kind=cast(NoteKind, kind), text=parse.free_text(text, kind))


def editor() -> list[str]:
    """$VISUAL, then $EDITOR, split as a shell would split words but never run by a shell."""
    command = (
        os.environ.get("VISUAL")
        or os.environ.get("EDITOR")
        or ("notepad" if os.name == "nt" else "vi")
    )
    return shlex.split(command)


def edit(ref: str | None) -> None:
    sid = store.resolve(ref)
    before = as_text(store.load(sid))
    after = _run_editor(sid, before)
    if after == before:
        print(f"no change to the notes of {sid}")
        return
    originals = store.load(sid).notes
    try:
        notes = from_text(after, list(originals))
    except UsageProblem as e:
        kept = folders().data / f"{sid}-notes-edit.txt"
        write_atomic(kept, after.encode("utf-8"))
        raise FlashError(
            f"{e.message}; nothing was changed, and your edit is kept in {kept}"
        ) from None

    def change(fresh: Session) -> None:
        meanwhile = [n for n in fresh.notes if n not in originals]  # from another terminal
        fresh.notes = [*notes, *meanwhile]

    saved = store.update(sid, change)
    print(f"saved {len(saved.notes)} notes in {sid}")


def _run_editor(sid: str, text: str) -> str:
    private_dir(folders().data)
    with tempfile.TemporaryDirectory(prefix=".edit-", dir=folders().data) as folder:
        path = Path(folder) / f"{sid}-notes.txt"
        write_atomic(path, text.encode("utf-8"))
        command = [*editor(), str(path)]
        try:
            code = subprocess.run(command, check=False).returncode
        except OSError as e:
            raise FlashError(
                f"could not start the editor {command[0]!r} ({e.strerror}); set $VISUAL or $EDITOR"
            ) from None
        if code != 0:
            raise FlashError(f"the editor exited with {code}; the notes are unchanged")
        return path.read_text("utf-8")
