"""The language flash speaks: English in the code, any other from a gettext catalogue.

Chosen once a run as gettext chooses (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), unless the
person's config.toml says `language`. English costs nothing: no catalogue is read and `_`
gives the message back as it is. A language flash has no catalogue for is English, said in
one note. Typer's own words (Usage, Options, its errors) come from the same catalogue. A
document for someone else (`--lang`, a partner's `lang`) is written inside
`speaking(code)`, which puts back the person's language after.

Messages are written `_("… {name} …").format(name=…)`: a translation can move the
placeholders, never drop or add one (the catalogue's test checks).
"""

import gettext
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

DOMAIN = "flash"
LOCALES = Path(__file__).parent / "locale"
ENGLISH = "en"
# What gettext reads as "no language": the C locale speaks English.
PLAIN = frozenset({"C", "POSIX"})


class _Now:
    """The language in use, and its catalogue (None for English)."""

    code = ENGLISH
    catalogue: gettext.NullTranslations | None = None


_now = _Now()


def _(message: str) -> str:
    """MESSAGE in the language in use."""
    catalogue = _now.catalogue
    return message if catalogue is None else catalogue.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """SINGULAR or PLURAL, as the language in use counts N ("1 file", "2 files")."""
    catalogue = _now.catalogue
    if catalogue is None:
        return singular if n == 1 else plural
    return catalogue.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """MESSAGE marked for the catalogue, translated where it is shown (a constant's words)."""
    return message


def language() -> str:
    """The code of the language in use: en, fr, es…"""
    return _now.code


def is_english() -> bool:
    return _now.code == ENGLISH


def wanted(environ: dict[str, str] | os._Environ[str] = os.environ) -> list[str]:
    """The languages the environment asks for, first first, as gettext reads them."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return [part for part in value.split(":") if part]
    return []


def forms(name: str) -> list[str]:
    """The codes a locale name may be found under, closest first: 'fr_CA.UTF-8@euro' is fr_CA,
    then fr; C and POSIX are English. A name that is no code has none: gettext would read
    '/tmp/x' as a folder of catalogues (LANGUAGE=/tmp/x would choose every word flash says)."""
    base = name.split(".")[0].split("@")[0].replace("-", "_")
    if not base or base in PLAIN:
        return [ENGLISH]
    if not re.fullmatch(r"[A-Za-z0-9_]+", base):
        return []
    general = base.split("_")[0].lower()
    return [base, general] if "_" in base else [general]


def shipped() -> list[str]:
    """The languages flash has a catalogue for, English first."""
    found = sorted(p.parent.parent.name for p in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return [ENGLISH, *(code for code in found if code != ENGLISH)]


Found = tuple[str, gettext.NullTranslations | None]


def _found(name: str) -> Found | None:
    """The language a locale NAME is spoken in, with its catalogue (None for English), or
    None when flash has no catalogue for it."""
    codes = forms(name)
    if not codes:
        return None
    if codes[-1] == ENGLISH:  # en_GB is English: nothing to look for
        return ENGLISH, None
    for code in codes:
        try:
            return code, gettext.translation(DOMAIN, LOCALES, [code])
        except OSError:
            continue
    return None


def choose(configured: str | None = None, environ: dict[str, str] | None = None) -> str | None:
    """Speak the language CONFIGURED (config.toml's `language`), else the one the environment
    asks for; the note to print when none of those has a catalogue, else None."""
    asked = [configured] if configured else wanted(os.environ if environ is None else environ)
    for name in asked:
        if (found := _found(name)) is not None:
            _use(*found)
            return None
    _use(ENGLISH, None)
    if not asked:
        return None
    return (
        f"flash: there is no catalogue for the language {asked[0]!r}; flash speaks English"
        f" ({', '.join(shipped())} are available: flash config language CODE)"
    )


def _use(code: str, catalogue: gettext.NullTranslations | None) -> None:
    _now.code, _now.catalogue = code, catalogue
    if catalogue is not None:
        _teach_typer()


@cache
def _teach_typer() -> None:
    """Typer's core says its words (Options, Arguments, default:) through gettext's module
    functions, bound when it was imported: give it flash's, so that it follows the language
    flash speaks (once: flash's follows the language after). The click Typer carries has no
    gettext: cli/clicks.py says its words."""
    import sys

    for name, module in list(sys.modules.items()):
        if name.split(".")[0] != "typer" or module is None:
            continue
        if getattr(module, "_", None) is gettext.gettext:
            module._ = _  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = ngettext  # type: ignore[attr-defined]


def usable(code: str) -> bool:
    """Whether flash can write in CODE (a document's --lang, a partner's lang)."""
    return _found(code) is not None


@contextmanager
def speaking(code: str | None) -> Iterator[str]:
    """Write in CODE (None: the language in use) while inside; the person's language after."""
    before = (_now.code, _now.catalogue)
    try:
        if code is not None and (found := _found(code)) is not None:
            _use(*found)
        yield _now.code
    finally:
        _now.code, _now.catalogue = before
