"""docs/json.md says which fields each --json output has; the real output must agree."""

import json
import re
from pathlib import Path

import pytest

from tests.conftest import Run

DOC = Path(__file__).parent.parent / "docs" / "json.md"


def documented() -> dict[str, set[str]]:
    sections: dict[str, set[str]] = {}
    for block in DOC.read_text("utf-8").split("\n## ")[1:]:
        title = block.splitlines()[0]
        rows = [line for line in block.splitlines() if line.startswith("| `")]
        sections[title] = {
            name for row in rows for name in re.findall(r"`([\w]+)`", row.split("|")[1])
        }
    return sections


@pytest.fixture
def everything(run: Run) -> str:
    run("config", "name", "Grace Hopper")
    run(
        "prep",
        "--with",
        "Ada Lovelace <ada@example.org>",
        "--when",
        "2026-12-01 10:00",
        "--topic",
        "A",
        "--reverse",
    )
    run("notes", "--action", "Draft the plan", "--due", "+1w")
    run("followup", "--feedback", "Helpful", "--rating", "5", "--continue", "yes")
    return "2026-12-01-ada-lovelace"


@pytest.mark.parametrize(
    ("title", "args"),
    [
        ("`flash list --json`", ["list", "--json"]),
        ("`flash actions --json`", ["actions", "--json"]),
        ("`flash agenda --json`", ["agenda", "--json"]),
        ("`flash prep --json`", ["prep", "--json"]),
        ("`flash followup --json`", ["followup", "--json"]),
        ("`flash email --json`", ["email", "--json"]),
        ("`flash config --json`", ["config", "--json"]),
    ],
)
def test_each_output_has_exactly_the_documented_fields(
    run: Run, everything: str, title: str, args: list[str]
) -> None:
    data = json.loads(run(*args).stdout)
    first = data[0] if isinstance(data, list) else data
    assert set(first) == documented()[title]


def test_stored_data_fields_are_all_documented(run: Run, everything: str) -> None:
    for args in (["show", "--json"], ["export", "--format", "json"]):
        data = json.loads(run(*args).stdout)
        assert set(data) <= documented()["`flash show --json` and `flash export --format json`"]


def test_the_stored_data_table_is_the_models_own_fields() -> None:
    """The page's table of the stored session is held to the models: every field, no other."""
    from flashcli.models import Session

    schema = Session.model_json_schema(by_alias=True)
    fields = set(schema["properties"])
    assert documented()["`flash show --json` and `flash export --format json`"] == fields
    rows = {
        re.findall(r"`(\w+)`", row.split("|")[1])[0]: set(re.findall(r"`(\w+)`", row.split("|")[3]))
        for row in DOC.read_text("utf-8").split("## `flash show --json`")[1].splitlines()
        if row.startswith("| `")
    }
    for name in ("partner", "notes", "actions"):
        ref = schema["properties"][name]
        ref = ref.get("items", ref)["$ref"].rsplit("/", 1)[1]
        assert set(schema["$defs"][ref]["properties"]) <= rows[name], name
