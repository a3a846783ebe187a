"""Names and text as people look for them: ids in any script, and matching that ignores case
and accents ('jose' finds 'José Ñúñez')."""

import re
import unicodedata

from flashcli.kinds import NAME_IN_ID_LENGTH

WORD = re.compile(r"\w+")


def slug(name: str, email: str | None = None) -> str:
    """A file-name-safe form of a name in any script: '李小龙' -> 'li-xiao-long'.

    A name with nothing to transliterate (emoji) takes the email's local part, then 'partner'.
    """
    from slugify import slugify  # transliteration tables: only when a session is made

    def made(text: str) -> str:
        return slugify(
            text, max_length=NAME_IN_ID_LENGTH, replacements=[["'", ""], ["’", ""], ["`", ""]]
        )

    return made(name) or (made(email.rpartition("@")[0]) if email else "") or "partner"


def fold(text: str) -> str:
    """TEXT without case or accents, for comparing: 'Ñúñez' -> 'nunez'."""
    if text.isascii():
        return text.casefold()
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def names_match(query: str, name: str) -> bool:
    """Whether QUERY names NAME: each of its words is a whole word of the name, in any case and
    with or without accents ('jose', 'nunez jose', 'José Ñúñez' all name 'José Ñúñez')."""
    wanted = WORD.findall(fold(query))
    return bool(wanted) and set(wanted) <= set(WORD.findall(fold(name)))


def plural(n: int, what: str) -> str:
    """'1 note', '3 notes', '0 notes': every count flash says goes through here."""
    return f"{n} {what}{'' if n == 1 else 's'}"
