"""3. Broken and hand-made files: a clear message naming the file, the file untouched, the rest usable."""

import stat
import tomllib
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.reliability.procs import snapshot

GOOD = "2026-12-01-ada-lovelace"
BAD = "2026-12-02-grace-hopper"
VALID = f"""schema = 1
id = "{BAD}"
role = "mentee"
created = 2026-11-28T09:00:00+01:00
updated = 2026-11-28T09:00:00+01:00

[partner]
name = "Grace Hopper"
"""
CASES = {
    "invalid TOML": (b"schema = 1\nid = \n", "not valid TOML: Invalid value (at line 2, column 6)"),
    "a wrong type": (
        VALID.replace('role = "mentee"', "role = 3").encode(),
        "role: must be 'mentee' or 'mentor'",
    ),
    "an unknown enum value": (
        VALID.replace(
            'role = "mentee"', 'role = "mentee"\npurpose = "career"\ncontinue = "maybe"'
        ).encode(),
        "continue: must be 'yes', 'no' or 'undecided'",
    ),
    "a missing schema": (
        VALID.replace("schema = 1\n", "").encode(),
        "there is no 'schema' key; add 'schema = 1'",
    ),
    "a newer schema": (
        VALID.replace("schema = 1", "schema = 7").encode(),
        "written by a newer flash (schema 7",
    ),
    "an empty file": (b"", "there is no 'schema' key"),
    "a binary file": (bytes(range(256)), "it is not UTF-8 text"),
    "a name and id that disagree": (
        VALID.replace(f'id = "{BAD}"', 'id = "2026-01-01-someone"').encode(),
        "does not match its file name",
    ),
}


@pytest.fixture
def two(home: Path, run: Run) -> Path:
    assert (
        run(
            "prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2026-12-01 10:00"
        ).exit_code
        == 0
    )
    assert run("notes", GOOD, "--action", "Draft the plan").exit_code == 0
    return home / "sessions" / f"{BAD}.toml"


@pytest.mark.parametrize("case", CASES)
def test_a_bad_file_is_named_left_alone_and_the_rest_still_work(
    home: Path, two: Path, run: Run, case: str
) -> None:
    content, why = CASES[case]
    two.write_bytes(content)
    two.chmod(0o600)
    before = snapshot(home)
    for args in (
        ["show", BAD],
        ["notes", BAD, "x"],
        ["prep", BAD, "--goal", "x"],
        ["followup", BAD, "--close"],
        ["export", BAD],
    ):
        result = run(*args)
        assert result.exit_code == 1, (args, result.stderr)
        assert result.stderr.startswith(f"flash: cannot use session file {two}: "), result.stderr
        assert why in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1
    listed = run("list")
    assert listed.exit_code == 0 and GOOD in listed.stdout
    assert f"skipped {two}" in listed.stderr
    actions = run("actions")
    assert actions.exit_code == 0 and "Draft the plan" in actions.stdout
    assert snapshot(home) == before  # byte for byte


OLD = f"""schema = 0
id = "{BAD}"
role = "mentee"
created = 2026-11-20T09:00:00+01:00
updated = 2026-11-20T09:00:00+01:00
partner = "Grace Hopper <grace@example.org>"
done = ["send-topics"]
my_own_key = "kept"
"""


def test_an_older_schema_is_read_then_migrated_on_the_next_write_with_a_bak(
    two: Path, run: Run
) -> None:
    two.write_text(OLD, "utf-8")
    shown = run("show", BAD, "--json")
    assert shown.exit_code == 0 and '"email": "grace@example.org"' in shown.stdout
    assert two.read_text("utf-8") == OLD  # reading never writes
    assert run("prep", BAD, "--goal", "Learn COBOL").exit_code == 0
    data = tomllib.loads(two.read_text("utf-8"))
    assert data["schema"] == 1
    assert data["partner"] == {"name": "Grace Hopper", "email": "grace@example.org"}
    assert data["ticked"] == ["send-topics"] and "done" not in data
    assert data["my_own_key"] == "kept" and data["goal"] == "Learn COBOL"
    backup = two.with_name(two.name + ".bak")
    assert backup.read_text("utf-8") == OLD
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert run("notes", BAD, "again").exit_code == 0
    assert backup.read_text("utf-8") == OLD  # the first original is kept
    assert BAD in run("list").stdout  # and the .bak is no session
