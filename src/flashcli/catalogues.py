"""Reading a compiled catalogue: the translations flash may use.

A translation stands for its message only with the message's own placeholders, as written
(`{id}`, `{at:%H:%M}`, `{run!r}`), moved if the language wants, never one dropped, added or
changed, and none reaching into an argument (`{path.__class__}`, `{id[0]}`): `agree` is that
rule. flash reads a catalogue without the translations that break it, so that a mistaken or
hostile catalogue says those messages in English and can neither fail on a missing name nor
print what an argument holds; `scripts/messages.py --check` names them by the same rule.
Imported only to read a catalogue: English never pays for it.
"""

import gettext
import io
import re
from collections.abc import Iterator, Sequence
from string import Formatter
from struct import unpack_from
from typing import IO

# A %(name)s directive: a placeholder too, should a message ever be filled with %.
PERCENT = re.compile(r"%\([^)]*\)[-#0 +\d.]*[A-Za-z]")
# What stands for the placeholders of a text that is no template: two such agree.
UNREADABLE = "(unbalanced braces)"
NONE: frozenset[str] = frozenset()


def _fields(text: str) -> Iterator[str]:
    """Each {field} of TEXT as written between its braces (name, conversion, format), those
    nested in a format too ({at:{width}}): str.format reads them all."""
    parse, pending = Formatter().parse, [text]
    while pending:
        for _text, name, spec, conversion in parse(pending.pop()):
            if name is not None:
                yield name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
                if spec and ("{" in spec or "}" in spec):
                    pending.append(spec)


def placeholders(text: str) -> frozenset[str]:
    """The placeholders of TEXT as written: {id}, {at:%H:%M} and {run!r} are 'id',
    'at:%H:%M', 'run!r'; %(name)s is itself."""
    if "{" not in text and "}" not in text and "%" not in text:  # most of a catalogue
        return NONE
    try:
        found = set(_fields(text))
    except ValueError:
        found = {UNREADABLE}
    return frozenset(found | set(PERCENT.findall(text)) if "%" in text else found)


def _reaches(placeholder: str) -> bool:
    """Whether formatting PLACEHOLDER reads an argument's attribute or item ({path.__class__},
    {id[0]}): its name, before any conversion or format, holds a '.' or a '['."""
    name = placeholder.partition(":")[0].partition("!")[0]
    return "." in name or "[" in name


def agree(english: Sequence[str], translation: str) -> bool:
    """Whether TRANSLATION may stand for the message ENGLISH (its one text, or its singular
    and plural): the message's own placeholders, as written, and none reaching into an
    argument. A plural form may leave out one that only one English form has ('one note',
    '{n} notes'), never one both have."""
    theirs = placeholders(translation)
    said = [placeholders(text) for text in english]
    shared, every = frozenset.intersection(*said), frozenset.union(*said)
    return shared <= theirs <= every and not any(map(_reaches, theirs))


class Checked(gettext.GNUTranslations):
    """A compiled catalogue without the translations that do not `agree` with their message:
    checked once, as it is read (gettext keeps the catalogue it read for the process), so
    `_` is a lookup after."""

    _catalog: dict[str | tuple[str, int], str]
    _charset: str | None

    def _parse(self, fp: IO[bytes]) -> None:  # type: ignore[override]
        compiled = fp.read()
        super()._parse(io.BytesIO(compiled))
        plurals = _plurals(compiled, self._charset or "ascii")
        wrong = [k for k, text in self._catalog.items() if not agree(_english(k, plurals), text)]
        # Every form of a plural goes with a wrong one: ngettext is then English for all n.
        plural = {key[0] for key in wrong if isinstance(key, tuple)}
        wrong += [key for key in self._catalog if isinstance(key, tuple) and key[0] in plural]
        for key in wrong:
            self._catalog.pop(key, None)


def _english(key: str | tuple[str, int], plurals: dict[str, str]) -> list[str]:
    """The English of a catalogue entry: its message, or a plural's two forms."""
    if isinstance(key, str):
        return [key]
    return [key[0], plurals.get(key[0], key[0])]


def _plurals(compiled: bytes, charset: str) -> dict[str, str]:
    """Each plural message's English plural, by its singular, from a compiled catalogue
    (gettext reads them but keeps only the singular)."""
    order = "<" if compiled[:4] == b"\xde\x12\x04\x95" else ">"  # as gettext reads the magic
    count, originals = unpack_from(f"{order}II", compiled, 8)
    found = {}
    for i in range(count):
        length, at = unpack_from(f"{order}II", compiled, originals + 8 * i)
        singular, nul, plural = compiled[at : at + length].partition(b"\0")
        if nul:
            found[singular.decode(charset)] = plural.decode(charset)
    return found
