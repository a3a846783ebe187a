"""docs/json.md says which fields each --json output has, and docs/schema/ gives each its
JSON Schema; the real output must agree with both."""

import json
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from tests.conftest import Run

DOCS = Path(__file__).parent.parent / "docs"
DOC = DOCS / "json.md"


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
def everything(run: Run, home: Path) -> str:
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
    run("notes", "--action", "Send the slides", "--owner", "partner", "--due", "2026-11-20")
    run("checkin", "--score", "1", "--note", "Talked to two managers", "--next", "Apply")
    run("followup", "--feedback", "Helpful", "--rating", "5", "--continue", "yes")
    file = home / "sessions" / "2026-12-01-ada-lovelace.toml"
    file.write_text('mood = "hopeful"\n' + file.read_text("utf-8"), "utf-8")  # a key of one's own
    return "2026-12-01-ada-lovelace"


@pytest.mark.parametrize(
    ("title", "args"),
    [
        ("`flash list --json`", ["list", "--json"]),
        ("`flash actions --json`", ["actions", "--json"]),
        ("`flash remind --json`", ["remind", "--json"]),
        ("`flash checkin --json`", ["checkin", "--score", "2", "--json"]),
        ("`flash stats --json`", ["stats", "--json"]),
        ("`flash agenda --json`", ["agenda", "--json"]),
        ("`flash prep --json`", ["prep", "--json"]),
        ("`flash followup --json`", ["followup", "--json"]),
        ("`flash email --json`", ["email", "--json"]),
        ("`flash config --json`", ["config", "--json"]),
        ("`flash search --json`", ["search", "Draft", "--json"]),
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
        documented_fields = documented()["`flash show --json` and `flash export --format json`"]
        assert set(data) - documented_fields == {"mood"}  # the person's own key, kept


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


OUTPUTS = {  # each schema, and the commands whose output it describes
    "list": [["list", "--json"], ["list", "--all", "--json"]],
    "actions": [["actions", "--all", "--json"]],
    "remind": [["remind", "--json"]],
    "checkin": [["checkin", "--score", "-1", "--json"]],
    "stats": [["stats", "--json"], ["stats", "--role", "mentor", "--json"]],
    "agenda": [["agenda", "--json"]],
    "prep": [["prep", "--json"]],
    "followup": [["followup", "--json"]],
    "email": [["email", "--json"], ["email", "--thanks", "--json"]],
    "config": [["config", "--json"]],
    "search": [["search", "Draft", "--json"], ["search", "helpful", "--json"]],
    "session": [["show", "--json"], ["export", "--format", "json"]],
}

CHECKER = FormatChecker(formats=())


@CHECKER.checks("date", raises=ValueError)
def _is_day(value: object) -> bool:
    return not isinstance(value, str) or date.fromisoformat(value).isoformat() == value


@CHECKER.checks("date-time", raises=ValueError)
def _is_time(value: object) -> bool:
    return not isinstance(value, str) or datetime.fromisoformat(value).tzinfo is not None


def validator(name: str) -> Draft202012Validator:
    schema = json.loads((DOCS / "schema" / f"{name}.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=CHECKER)


def test_the_schemas_are_written_from_the_code_as_it_is() -> None:
    result = subprocess.run(
        [sys.executable, str(DOCS / "schemas.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # The report and what the coordinator publishes are files: tests/test_report.py checks them.
    found = {p.name.split(".")[0] for p in (DOCS / "schema").glob("*.json")}
    assert found == {*OUTPUTS, "report", "publication"}


@pytest.mark.parametrize("name", OUTPUTS)
def test_every_output_is_valid_by_its_schema(run: Run, everything: str, name: str) -> None:
    check = validator(name)
    for args in OUTPUTS[name]:
        data = json.loads(run(*args).stdout)
        assert data, args  # something to check
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in check.iter_errors(data)]
        assert not errors, (args, errors)


@pytest.mark.parametrize(
    ("name", "args", "spoil"),
    [
        ("list", ["list", "--json"], lambda d: d[0].update(status="finished")),
        ("list", ["list", "--json"], lambda d: d[0].update(when="tomorrow")),
        ("actions", ["actions", "--json"], lambda d: d[0].pop("uid")),
        ("remind", ["remind", "--json"], lambda d: d[0].update(kind="later")),
        (
            "checkin",
            ["checkin", "--score", "0", "--json"],
            lambda d: d["checkins"][0].update(score=3),
        ),
        ("agenda", ["agenda", "--json"], lambda d: d["slots"][0].update(minutes="5")),
        ("followup", ["followup", "--json"], lambda d: d.update({"continue": "maybe"})),
        ("followup", ["followup", "--json"], lambda d: d["actions"][0].update(due="soon")),
        ("email", ["email", "--json"], lambda d: d.update(to_name=None)),
        ("config", ["config", "--json"], lambda d: d["config"].update(role="boss")),
        ("search", ["search", "Draft", "--json"], lambda d: d[0].update(day="2026-13-01")),
        ("session", ["show", "--json"], lambda d: d["actions"][0].update(owner="them")),
    ],
)
def test_a_schema_refuses_what_flash_would_never_write(
    run: Run, everything: str, name: str, args: list[str], spoil: Any
) -> None:
    data = json.loads(run(*args).stdout)
    assert validator(name).is_valid(data)
    spoil(data)
    assert not validator(name).is_valid(data)
