"""A file a person wrote comments in, rewritten with them kept.

tomli-w writes a file from its data alone, so a `# comment` a person added by hand would be
gone at the next write. A file that holds one is rewritten by tomlkit instead, from the text
it was read from: only what changed is changed, so comments, and the layout around them, stay
where the person put them. Notes and actions are matched by their uid, so a comment stays
with its action when another is removed. A file without a `#` never comes here: the common
path keeps tomli-w's speed.
"""

import tomllib
from typing import Any

import tomli_w
import tomlkit  # this module is imported only for a file that holds a comment


def rewrite(source: str, data: dict[str, Any]) -> str | None:
    """SOURCE (TOML text with comments) changed to hold DATA; None when the result would
    not read back as DATA, which the caller then writes plainly."""
    try:
        document = tomlkit.parse(source)
        _update(document, data)
        text = tomlkit.dumps(document).rstrip("\n") + "\n"
        same = tomllib.loads(text) == tomllib.loads(tomli_w.dumps(data))
    except Exception:  # tomlkit cannot say it: the data matters more than the comments
        return None
    return text if same else None


def _update(table: Any, data: dict[str, Any]) -> None:
    """Make TABLE (a tomlkit table or document) hold DATA, changing only what differs."""
    for key in [k for k in table if k not in data]:
        del table[key]
    for key, value in data.items():
        old = table.get(key)
        if old is not None and _plain(old) == value:
            continue
        if isinstance(value, dict) and isinstance(old, dict):
            _update(old, value)
        elif _is_tables(value) and _is_tables(old):
            _update_tables(table, key, value)
        elif _is_tables(value):
            _put_tables(table, key, value)
        else:
            table[key] = value


def _update_tables(parent: Any, key: str, rows: list[dict[str, Any]]) -> None:
    """Make PARENT[KEY], an array of tables (or of inline tables), hold ROWS: each row updates
    the table with its uid (or at its place, without one); rows that are new are added at the
    end."""
    tables = parent[key]
    by_uid = {t.get("uid"): t for t in tables if t.get("uid") is not None}
    matched = [
        by_uid.get(row.get("uid")) if row.get("uid") is not None else _at(tables, n)
        for n, row in enumerate(rows)
    ]
    kept = [t for t in matched if t is not None]
    in_place = [t for t in tables if any(t is k for k in kept)] + [None] * (len(rows) - len(kept))
    if any(a is not b for a, b in zip(matched, in_place, strict=True)):
        _put_tables(parent, key, rows)  # reordered, or a row put between: written anew
        return
    for n in reversed(range(len(tables))):
        if not any(tables[n] is k for k in kept):
            del tables[n]
    for row, table in zip(rows, matched, strict=True):
        if table is not None:
            _update(table, row)
        elif isinstance(tables, tomlkit.items.AoT):
            tables.append(_table(row))
        else:  # an array of inline tables, as tomli-w writes a short one
            tables.append(row)


def _put_tables(parent: Any, key: str, rows: list[dict[str, Any]]) -> None:
    """PARENT[KEY] written anew as an array of tables, at the end of PARENT, where tomli-w
    puts one (put in place of a value, tomlkit lays it out between the keys and tables)."""
    if key in parent:
        del parent[key]
    tables = tomlkit.aot()
    for row in rows:
        tables.append(_table(row))
    parent[key] = tables


def _table(row: dict[str, Any]) -> Any:
    """A new table of an array, a blank line before it as tomli-w writes one."""
    table = tomlkit.table()
    table.update(row)
    table.trivia.indent = "\n"
    return table


def _at(tables: Any, n: int) -> Any:
    return tables[n] if n < len(tables) and tables[n].get("uid") is None else None


def _plain(item: Any) -> Any:
    return item.unwrap() if hasattr(item, "unwrap") else item


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)
