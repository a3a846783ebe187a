"""The language flash speaks: English in the code, any other from a gettext catalogue.

Chosen once a run as gettext chooses (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), unless the
person's config.toml says `language`. English costs nothing: no catalogue is read and `_`
gives the message back as it is. A language flash has no catalogue for is English, said in
one note. Typer's own words (Usage, Options, its errors) come from the same catalogue. A
document for someone else (`--lang`, a partner's `lang`) is written inside
`speaking(code)`, which puts back the person's language after.

A language is named by a code (`is_code`), never by a path: gettext joins the name to the
catalogue folder, so a name holding a '/' would read a catalogue from anywhere.

Messages are written `_("… {name} …").format(name=…)`: a translation can move the
placeholders, never drop, add or change one, nor reach into an argument (`{path.__class__}`).
One rule says so (catalogues.agree): a catalogue is read without the translations that break
it (English for those messages), and `scripts/messages.py --check` names them.
"""

import gettext
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

DOMAIN = "flash"
LOCALES = Path(__file__).parent / "locale"
ENGLISH = "en"
# What gettext reads as "no language": the C locale speaks English.
PLAIN = frozenset({"C", "POSIX"})
# A language code, as locales name one: 2 or 3 letters (or C, POSIX); up to two subtags of
# script or region after '_' or '-' (zh_Hant_TW, es_419, pt-BR); an encoding after '.'
# (UTF-8) and a modifier after '@' (euro). ASCII only, no '/', '\' or '..': gettext joins the
# name to the catalogue folder, and a name that is a path would leave it.
CODE = re.compile(
    r"(?:[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8}){0,2}|C|POSIX)"
    r"(?:\.[A-Za-z0-9][A-Za-z0-9-]{0,19})?(?:@[A-Za-z0-9]{1,20})?"
)


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


def is_code(name: str) -> bool:
    """Whether NAME is a language code (fr, es_MX, pt-BR, fr_CA.UTF-8@euro, C), as flash takes
    one from the environment, config.toml, --lang or a partner's lang: never a path."""
    return CODE.fullmatch(name) is not None


def wanted(environ: dict[str, str] | os._Environ[str] = os.environ) -> list[str]:
    """The languages the environment asks for, first first, as gettext reads them."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return [part for part in value.split(":") if part]
    return []


def forms(name: str) -> list[str]:
    """The codes a locale name may be found under, closest first: 'fr_CA.UTF-8@euro' is fr_CA,
    then fr; C and POSIX are English."""
    base = name.split(".")[0].split("@")[0].replace("-", "_")
    if not base or base in PLAIN:
        return [ENGLISH]
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
    if not is_code(name):  # a path, or anything else: a language flash does not know
        return None
    codes = forms(name)
    if codes[-1] == ENGLISH:  # en_GB is English: nothing to look for
        return ENGLISH, None
    for code in codes:
        try:
            return code, _catalogue(code)
        except OSError:
            continue
    return None


def _catalogue(code: str) -> gettext.NullTranslations:
    """The compiled catalogue for CODE, without the translations flash must not use (OSError
    if there is none)."""
    from flashcli.catalogues import Checked  # read for another language than English only

    return gettext.translation(DOMAIN, LOCALES, [code], class_=Checked)


def choose(configured: str | None = None, environ: dict[str, str] | None = None) -> str | None:
    """Speak the language CONFIGURED (config.toml's `language`), else the one the environment
    asks for; the note to print when none of those has a catalogue, else None."""
    _guard_gettext()
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


@cache
def _guard_gettext() -> None:
    """gettext's own functions, which Typer says its words through while flash speaks English,
    read the language from the environment too, and join it to a folder: a LANGUAGE that is a
    path would have them read a catalogue from there. Their lookups take codes only."""
    plain = gettext.find

    def find(domain: str, localedir: Any = None, languages: Any = None, all: bool = False) -> Any:
        named = wanted() if languages is None else languages
        return plain(domain, localedir, [n for n in named if is_code(n)] or ["C"], all)

    gettext.find = find


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
