"""One session file: read and checked against the models, or written as TOML."""

from pathlib import Path
from typing import Any, TypeVar

import tomli_w

from flashcli.errors import BadSessionFile, Invalid
from flashcli.i18n import _
from flashcli.models import SCHEMA, Record, Session
from flashcli.store.kept import loads_text, loads_toml, read_checked
from flashcli.store.migrate import MIGRATIONS, upgrade
from flashcli.store.paths import session_id


def parse(path: Path) -> Session:
    """A session file, checked; any problem raises BadSessionFile naming the file."""
    return parse_clear(read_checked(path), path)


def parse_clear(clear: bytes, path: Path) -> Session:
    """A session file from what it holds in clear, checked as it would be read."""
    session = checked(loads_toml(clear, path), path)
    if session.id != session_id(path.name):
        raise BadSessionFile(
            path, _("its id '{id}' does not match its file name").format(id=session.id)
        )
    return with_source(session, clear)


def parse_kept(files: list[Path]) -> Session:
    """The session kept in FILES: one file, or its two (ID.toml and ID.toml.age are one
    session, merged as two copies with no common ancestor)."""
    found = [parse(f) for f in files]
    if len(found) == 1:
        return found[0]
    from flashcli import merge

    return merge.sessions(None, found[-1], found[0], files[-1])


def parse_text(text: str, where: Path) -> Session:
    """A session as TOML text (an edit of one), checked as a file would be."""
    return with_source(checked(loads_text(text, where), where), text.encode("utf-8"))


def checked(data: dict[str, Any], where: Path) -> Session:
    """A session from a file's table, upgraded from an older schema; or BadSessionFile."""
    schema = data.get("schema")
    if schema is None:
        raise BadSessionFile(
            where,
            _("there is no 'schema' key; add 'schema = {schema}' at the top").format(schema=SCHEMA),
        )
    if type(schema) is not int or schema < min(MIGRATIONS):
        raise BadSessionFile(
            where, _("'schema' must be a whole number such as {schema}").format(schema=SCHEMA)
        )
    if schema > SCHEMA:
        raise BadSessionFile(
            where,
            _(
                "it was written by a newer flash (schema {schema}, this one knows {schema2}); "
                "upgrade flash"
            ).format(schema=schema, schema2=SCHEMA),
        )
    try:
        session = Session.load(upgrade(data, SCHEMA))
    except Invalid as e:
        raise BadSessionFile(where, str(e)) from None
    session._from_schema = schema
    return session


R = TypeVar("R", bound=Record)


def with_source(record: R, clear: bytes) -> R:
    """RECORD, knowing the text it was read from when that may hold a comment."""
    if b"#" in clear:  # in a comment, or a string: either way tomlkit rewrites it right
        record._source = clear.decode("utf-8")
    return record


def dump(record: Record) -> bytes:
    """A record as the TOML a person reads and edits: with the comments the file it was read
    from holds, changing only what changed; written by tomli-w when there are none."""
    data = record.stored()
    if record._source is not None:
        from flashcli.store import commented

        text = commented.rewrite(record._source, data)
        if text is not None:
            return text.encode("utf-8")
    return tomli_w.dumps(data).encode("utf-8")
