"""Write the JSON Schema of every --json output into docs/schema/, from the code that makes it.

    python docs/schemas.py          rewrite docs/schema/*.schema.json
    python docs/schemas.py --check  exit 1 if one is out of date (the tests do this)

The shapes come from where each output is made: the session's pydantic model for `show` and
`export`, the agenda's dataclass, and the typed dicts the other `as_json` functions return
(mypy holds those functions to them). pydantic writes each schema; the field descriptions,
and the date and time formats of fields kept as text, come from docs/json.md, so the page and
the schemas say the same.
"""

import json
import re
import sys
import types
import typing
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import typing_extensions
from pydantic import TypeAdapter

from flashcli.agenda import Agenda
from flashcli.exports.drafts import DraftJson
from flashcli.figures import StatsJson
from flashcli.models import CheckinJson, FollowupJson, PrepareJson, Session
from flashcli.reminders import ReminderJson
from flashcli.report.model import SCHEMA, Report
from flashcli.report.publish import PUBLICATION, PublicationJson
from flashcli.store.config import StateJson
from flashcli.store.search_index import Found
from flashcli.summary import ActionRowJson, ListJson

DOCS = Path(__file__).resolve().parent
FOLDER = DOCS / "schema"
PAGE = DOCS / "json.md"

# Each output: its file name, its heading in docs/json.md, and its shape.
OUTPUTS: list[tuple[str, str, Any]] = [
    ("list", "`flash list --json`", list[ListJson]),
    ("actions", "`flash actions --json`", list[ActionRowJson]),
    ("remind", "`flash remind --json`", list[ReminderJson]),
    ("checkin", "`flash checkin --json`", CheckinJson),
    ("stats", "`flash stats --json`", StatsJson),
    ("report", "`flash report` (the file)", Report),
    ("publication", "`flash report merge --json` (the published figures)", PublicationJson),
    ("agenda", "`flash agenda --json`", Agenda),
    ("prep", "`flash prep --json`", PrepareJson),
    ("followup", "`flash followup --json`", FollowupJson),
    ("email", "`flash email --json`", DraftJson),
    ("config", "`flash config --json`", StateJson),
    ("search", "`flash search --json`", list[Found]),
    ("session", "`flash show --json` and `flash export --format json`", Session),
]
FORMATS = {"date": "date", "time": "date-time"}
# The files that name their schema ("$schema" in them): each schema's own id.
IDS = {"report": SCHEMA, "publication": PUBLICATION}


def schemas() -> dict[str, str]:
    """Each schema file's name and its text."""
    tables = _tables()
    out = {}
    for name, heading, shape in OUTPUTS:
        schema = TypeAdapter(_portable(shape)).json_schema(mode="serialization", by_alias=True)
        _describe(schema.get("items", schema), tables[heading], schema.get("$defs", {}))
        whole = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **({"$id": IDS[name]} if name in IDS else {}),
            "title": heading.replace("`", ""),
            **schema,
        }
        out[f"{name}.schema.json"] = json.dumps(whole, indent=2, ensure_ascii=False) + "\n"
    return out


def _portable(shape: Any) -> Any:
    """SHAPE with each typed dict (and named tuple, which --json gives as an object) made a
    typing_extensions.TypedDict, the kind pydantic reads on Python 3.11, all the way down (one
    made for pydantic already, with its config, is kept as it is)."""
    if hasattr(shape, "__pydantic_config__"):
        return shape
    if typing.is_typeddict(shape) or (isinstance(shape, type) and issubclass(shape, tuple)):
        hints = typing.get_type_hints(shape)
        fields = {key: _portable(value) for key, value in hints.items()}
        return typing_extensions.TypedDict(shape.__name__, fields)
    origin, args = get_origin(shape), get_args(shape)
    if origin is list:
        return list[_portable(args[0])]
    if origin is dict:
        return dict[args[0], _portable(args[1])]  # type: ignore[valid-type]
    if origin in (Union, types.UnionType):
        return Union[tuple(_portable(arg) for arg in args)]  # noqa: UP007
    return shape


def _tables() -> dict[str, dict[str, tuple[str, str]]]:
    """docs/json.md's tables: for each heading, each field's type and meaning."""
    tables: dict[str, dict[str, tuple[str, str]]] = {}
    for block in PAGE.read_text("utf-8").split("\n## ")[1:]:
        heading, *lines = block.splitlines()
        rows = {}
        for line in lines:
            if line.startswith("| `"):
                names, kind, meaning = (cell.strip() for cell in line.strip().strip("|").split("|"))
                for field in re.findall(r"`([\w$]+)`", names):
                    rows[field] = (kind, meaning)
        tables[heading] = rows
    return tables


def _describe(
    schema: dict[str, Any], rows: dict[str, tuple[str, str]], defs: dict[str, Any]
) -> None:
    """Give each property of SCHEMA its meaning from the page, and its format when the page
    says it is a date or a time."""
    if "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[1]]
    for field, prop in schema["properties"].items():
        kind, meaning = rows[field]
        prop.pop("title", None)
        if meaning:
            prop["description"] = re.sub(r"`([^`]*)`", r"\1", meaning)
        fmt = FORMATS.get(kind.split(" or ")[0])
        for branch in prop.get("anyOf", [prop]):
            if fmt and branch.get("type") == "string":
                branch.setdefault("format", fmt)


def main() -> int:
    made = schemas()
    if "--check" in sys.argv:
        stale = [
            name
            for name, text in made.items()
            if not (FOLDER / name).exists() or (FOLDER / name).read_text("utf-8") != text
        ]
        extra = sorted({p.name for p in FOLDER.glob("*.schema.json")} - set(made))
        if stale or extra:
            print(f"out of date: {', '.join(stale + extra)}; run python docs/schemas.py")
            return 1
        return 0
    FOLDER.mkdir(exist_ok=True)
    for name, text in made.items():
        (FOLDER / name).write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
