"""The message catalogues: `python scripts/messages.py` writes the template of every message
flash prints, src/flashcli/locale/flash.pot, from three sources:

- the code: every `_()`, `N_()` and `ngettext()` (Babel's extractor);
- the help: each command's and option's help as the command line shows it, read from the
  app itself (a docstring is a command's help, and a help text is not a call to mark);
- Typer's own words (Options:, Arguments:, default:), from its installed source; those of
  the click it carries are written out in flashcli/cli/clicks.py.

Then, for each language: `pybabel update -D flash -i src/flashcli/locale/flash.pot -d
src/flashcli/locale -w 100` marks what changed (at the catalogues' width: Babel's own, 76,
would rewrap every entry), and after translating, `pybabel compile -D flash -d
src/flashcli/locale` (which building the package does too). `--check` says whether the template
is up to date and each catalogue complete (no message missing or fuzzy), and names on one
line each translation flash would not use, its placeholders not the English's (the rule is
flashcli.catalogues.agree, the one flash reads catalogues by); it exits 1 if any of those.
"""

import argparse
import sys
from collections.abc import Iterator
from datetime import datetime
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po, write_po

from flashcli.catalogues import agree, placeholders

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "flashcli"
TEMPLATE = SOURCE / "locale" / "flash.pot"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
# Typer's module that says its words through gettext (its own copy of click does not: its
# words are templates in flashcli/cli/clicks.py).
FOREIGN = {"typer": ("core.py",)}
# Fixed, so that the template changes only when a message does.
CREATED = datetime(2026, 12, 4)


def _code() -> Iterator[tuple[str, object, list[str]]]:
    for path, _line, message, comments, _context in extract_from_dir(
        SOURCE,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        yield f"flashcli/{path}", message, comments


def _help() -> Iterator[tuple[str, object, list[str]]]:
    import typer.main

    from flashcli.cli.app import app

    def walk(command: object, path: tuple[str, ...]) -> Iterator[tuple[str, object, list[str]]]:
        where = "help of flash" + "".join(f" {p}" for p in path)
        for text in (getattr(command, a, None) for a in ("help", "short_help", "epilog")):
            if text:
                yield where, text, []
        for param in getattr(command, "params", ()):
            if getattr(param, "help", None):
                yield f"{where} {param.opts[0]}", param.help, []
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            if not sub.hidden:
                yield from walk(sub, (*path, name))

    yield from walk(typer.main.get_command(app), ())


def _foreign() -> Iterator[tuple[str, object, list[str]]]:
    import importlib

    for package, files in FOREIGN.items():
        folder = Path(importlib.import_module(package).__file__ or "").parent
        for name in files:
            with open(folder / name, "rb") as f:
                for _line, message, comments, _context in extract_from_file(
                    "python", f.name, keywords={"_": None, "ngettext": (1, 2)}
                ):
                    yield f"{package}/{name}", message, comments
            del f


def template() -> bytes:
    catalog = Catalog(
        project="flash",
        copyright_holder="The flash developers",
        creation_date=CREATED,
        revision_date=CREATED,
        fuzzy=False,
    )
    for where, message, comments in (*_code(), *_help(), *_foreign()):
        if message in ("", ("", "")):
            continue
        catalog.add(message, locations=[(where, None)], auto_comments=comments)
    out = BytesIO()
    write_po(out, catalog, width=100, omit_header=False, include_lineno=False, sort_output=False)
    return out.getvalue()


def _body(text: bytes) -> bytes:
    """A template without its header, which says which Babel wrote it."""
    return text[text.find(b"\n#:") :]


def stale() -> bool:
    """Whether the template on disk lacks a message of the code, or holds one no longer there."""
    return not TEMPLATE.exists() or _body(TEMPLATE.read_bytes()) != _body(template())


def catalogues() -> list[Path]:
    return sorted(TEMPLATE.parent.glob("*/LC_MESSAGES/flash.po"))


def problems(po: Path) -> list[str]:
    """What is wrong with the catalogue PO against the template: each problem on a line."""
    with TEMPLATE.open("rb") as f:
        wanted = read_po(f)
    with po.open("rb") as f:
        found = read_po(f)
    said = []
    for message in wanted:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        there = found.get(message.id)
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        if there is None:
            said.append(f"missing: {key!r}")
            continue
        strings = [there.string] if isinstance(there.string, str) else list(there.string)
        if there.fuzzy:
            said.append(f"fuzzy: {key!r}")
        if not all(strings):
            said.append(f"untranslated: {key!r}")
            continue
        if wrong := [text for text in strings if not agree(ids, text)]:
            said.append(_placeholders(key, ids, wrong[0]))
    known = {m.id for m in wanted}
    said += [f"not in the template: {m.id!r}" for m in found if m.id and m.id not in known]
    return said


def _placeholders(key: str, ids: list[str], wrong: str) -> str:
    """The line for a translation flash would not use (catalogues.agree): its placeholders, and
    the English's."""
    english = sorted(set().union(*map(placeholders, ids)))
    return f"placeholders of {key!r}: {sorted(placeholders(wrong))}, not {english}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the template is stale")
    args = parser.parse_args()
    if args.check:
        failed = stale()
        if failed:
            print(f"{TEMPLATE} is out of date: run python scripts/messages.py", file=sys.stderr)
        for po in catalogues():
            for problem in problems(po):
                print(f"{po}: {problem}", file=sys.stderr)
                failed = True
        return int(failed)
    TEMPLATE.parent.mkdir(exist_ok=True)
    TEMPLATE.write_bytes(template())
    print(f"wrote {TEMPLATE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
