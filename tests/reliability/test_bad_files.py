"""3. Broken and hand-made files: a clear message naming the file, the file untouched, the rest usable."""

import os
import stat
import tomllib
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.factories import flash, start
from tests.reliability.procs import snapshot

pytestmark = pytest.mark.slow  # real processes, kills, git: `pytest -m 'not slow'` skips them

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
            'role = "mentee"', 'role = "mentee"\npurpose = "career"\ncontinue = "perhaps"'
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
    # Well-typed but beyond what a meeting can be: once these broke list, actions and prep.
    "a meeting in the year 9999": (
        VALID.replace("[partner]", "when = 9999-12-31T23:59:00Z\n[partner]").encode(),
        "when: the year 9999 will not do",
    ),
    "a partner's name of spaces": (
        VALID.replace('name = "Grace Hopper"', 'name = "   "').encode(),
        "partner.name: is empty",
    ),
    "a C1 control in a topic": (
        VALID.replace("[partner]", 'topics = ["Eve\\u009b2J"]\n[partner]').encode(),
        "topics.0: must be a single line without control characters",
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


# Real faults in the sessions folder, each named like a session: a FIFO (which a plain read
# would wait on for ever), a link to /dev/zero (which never ends) and a link to nothing.
LINK = "it is a link, which flash never follows"  # wherever it points: never followed


def _link_to_a_good_copy_outside(path: Path, was: bytes) -> None:
    outside = path.parent.parent.parent / "elsewhere.toml"
    outside.write_bytes(was)
    path.symlink_to(outside)


FAULTS = {
    "a FIFO": (lambda path, _: os.mkfifo(path), "it is not a regular file"),
    "a link to /dev/zero": (lambda path, _: path.symlink_to("/dev/zero"), LINK),
    "a link to nothing": (lambda path, _: path.symlink_to(path.with_name("nowhere")), LINK),
    "a link to a good session outside": (_link_to_a_good_copy_outside, LINK),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_only_regular_files_are_read(home: Path, two: Path, fault: str) -> None:
    make, why = FAULTS[fault]
    good = two.with_name(f"{GOOD}.toml").read_bytes()
    two.unlink(missing_ok=True)
    make(two, good.replace(GOOD.encode(), BAD.encode()))
    for args in (["list"], ["actions"], []):
        result = flash(home, *args)  # a real process: a hang fails by its timeout
        assert result.returncode == 0, (args, result.stderr)
        assert why in result.stderr and "Traceback" not in result.stderr
    noted = flash(home, "notes", "a note")  # to the current session, the good one
    assert noted.returncode == 0 and GOOD in noted.stdout, noted.stderr
    shown = flash(home, "show", BAD)
    assert shown.returncode == 1
    assert shown.stderr == f"flash: cannot use session file {two}: {why}\n" or why in shown.stderr


def test_a_session_file_too_large_to_be_one_is_reported_not_read(home: Path, two: Path) -> None:
    with two.open("wb") as f:  # a real 17 MB file, sparse: it costs no disk
        f.truncate(17 * 2**20)
    result = flash(home, "show", BAD)
    assert result.returncode == 1 and "it is larger than 16 MB" in result.stderr


def test_deletes_racing_lists_never_crash_them(home: Path, two: Path) -> None:
    """Real processes: a delete between a list's scan and its read once crashed 22 of 268.

    A stress run, which may not hit the moment every time; the link to nothing above takes
    the same path (a file the scan saw that cannot be opened) every time."""
    rounds = 8
    for n in range(rounds):
        assert flash(home, "prep", "--with", f"Someone {n}", "--no-input").returncode == 0
    ids = sorted(p.stem for p in (home / "sessions").glob("2026-11-28-someone-*.toml"))
    readers, deleters = [], []
    for sid in ids:
        readers += [start(home, "list"), start(home, "actions", "--json"), start(home)]
        deleters.append(start(home, "delete", sid, "--yes"))
    for proc in readers + deleters:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    assert not list((home / "sessions").glob("2026-11-28-someone-*.toml"))  # tombstones stay


@pytest.mark.parametrize(
    "when", ["9999-12-31 23:30", "0001-01-01 00:00", "1899-12-31 23:59", "3000-01-01T00:00Z"]
)
def test_a_meeting_time_beyond_what_a_meeting_can_be_is_refused_and_makes_nothing(
    home: Path, run: Run, when: str
) -> None:
    """Once, prep --with failed on such a time after it had made the session."""
    result = run("prep", "--with", "Ada Lovelace", "--when", when, "--no-input")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "--when:" in result.stderr and result.stderr.count("\n") == 2
    assert not list(home.glob("sessions/*.toml"))


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"items = 5\n", "items: must be a list"),
        (b"purposes = 5\n", "purposes: must be a table"),
        (b'[[items]]\nrole = "mentee"\nkey = "x"\ntext = "caf\xe9"\n', "it is not UTF-8 text"),
        (b"[email.thanks.mentee]\nclossing = 'Cheers'\n", "clossing: is not a key flash knows"),
    ],
)
def test_a_bad_guidance_file_is_one_line_naming_it(
    home: Path, two: Path, run: Run, content: bytes, why: str
) -> None:
    (home / "guidance.toml").write_bytes(content)
    for args in (
        ["prep", GOOD, "--no-input"],
        [],
        ["followup", GOOD, "--no-input"],
        ["show", GOOD],
    ):
        result = run(*args)
        assert result.exit_code == 1, (args, result.stderr)
        assert result.stderr.startswith("flash: cannot ")
        assert str(home / "guidance.toml") in result.stderr
        assert why in result.stderr and result.stderr.count("\n") == 1
