"""`flash report` and `flash report merge` through the command line, as people use them: each
person a data folder of their own, their reports written to files, the coordinator merging the
files. Among them, the reproductions of issue 35, and every malformed report refused in one
line."""

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pyrage import x25519

from tests.conftest import Run, age_key
from tests.test_walk_pty import spawn

Report = Callable[..., Path]


@pytest.fixture
def person(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    return people(run, tmp_path, monkeypatch)


def people(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    """What makes a person's data folder NAME with SESSIONS mentee sessions in November 2026
    (each with a partner of its own, rated 4, and ACTIONS actions), and writes their report of
    2026Q4: the report's path."""

    def make(name: str, sessions: int, actions: int = 0, rating: int = 4) -> Path:
        monkeypatch.setenv("FLASH_HOME", str(tmp_path / name))
        for n in range(sessions):
            held(run, name, n, actions, rating)
        return reported(run, tmp_path / f"{name}.json")

    return make


def held(run: Run, name: str, n: int, actions: int = 0, rating: int = 4) -> None:
    made = run(
        "prep", "--with", f"{name} partner {n} <{name}{n}@example.org>",
        "--when", f"2026-11-{10 + n} 10:00", "--programme", "Leaders", "--purpose", "career",
        "--goal", f"Secret goal {name} {n}", "--no-input",
    )  # fmt: skip
    assert made.exit_code == 0, made
    assert run("followup", "--rating", str(rating), "--no-input").exit_code == 0
    for k in range(actions):
        assert run("notes", "--action", f"Act {k}", "--no-input").exit_code == 0


def reported(run: Run, out: Path, *more: str) -> Path:
    out.unlink(missing_ok=True)
    done = run(
        "report", "--period", "2026Q4", "--programme", "Leaders", "--yes", "--out", str(out), *more
    )
    assert done.exit_code == 0, done
    return out


def merged(run: Run, *files: Path, more: tuple[str, ...] = ()) -> tuple[dict[str, Any], str]:
    """The published figures of FILES (as --out writes them), and what was said on stderr."""
    out = files[0].with_name("published.json")
    out.unlink(missing_ok=True)
    done = run("report", "merge", *map(str, files), "--out", str(out), *more)
    assert done.exit_code == 0, done
    return json.loads(out.read_text("utf-8")), done.stderr


def mentee(published: dict[str, Any], path: str) -> Any:
    figure = published["figures"]["mentee"]
    for key in path.split("/"):
        figure = figure[key]
    return figure


# ---------------------------------------------------------------- the reproductions


def test_five_mentees_with_twenty_sessions_between_them_get_figures(
    run: Run, person: Report
) -> None:
    """Issue 35: each report withheld its own small figures, and the merge kept whatever any
    report withheld: five mentees with twenty sessions between them got no figure at all."""
    files = [person(f"m{n}", 4) for n in range(5)]
    published, _said = merged(run, *files)
    assert mentee(published, "sessions") == {"value": 20}
    assert mentee(published, "by_month/2026-11") == {"value": 20}
    assert mentee(published, "by_purpose/career") == {"value": 20}
    assert mentee(published, "rating") == {"mean": 4.0, "count": 20}
    assert published["reports"] == 5 and "report" not in published  # no report id in it


def test_a_regenerated_report_replaces_the_earlier_one(run: Run, person: Report) -> None:
    """Issue 35: a report made again (a session later) was merged beside the first: the
    merge keeps each person's latest, and says so."""
    first = person("ada", 4)
    kept = first.with_name("ada-first.json")
    first.rename(kept)
    held(run, "ada", 4)  # Ada's fifth session, in the same folder
    again = reported(run, first)
    others = [person(f"m{n}", 4) for n in range(4)]
    published, said = merged(run, kept, again, *others)
    assert mentee(published, "sessions") == {"value": 21}  # 16 and Ada's 5, not her 4 again
    assert published["reports"] == 5
    assert "kept revision 2 of report" in said and f"left out revision 1 ({kept})" in said


def test_actions_from_3_sessions_are_not_published(run: Run, person: Report) -> None:
    """Issue 35: actions and check-ins were shown from 3 sessions, the rule counting actions
    (here 12 of them, in 3 of Ada's 5 sessions) and not the sessions they come from."""
    path = person("ada", 2)
    for n in range(2, 5):
        held(run, "ada", n, actions=4)
    published, _said = merged(run, reported(run, path))
    assert mentee(published, "actions/total") == {"withheld": "sessions"}
    assert mentee(published, "actions/not_done") == {"withheld": "sessions"}
    assert mentee(published, "actions/done") == {"value": 0}  # about no session


def test_equal_revisions_with_different_figures_are_refused(
    run: Run, person: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two copies of one data folder that did not sync each write a report: both are revision
    2 of one id. Which is the person's? Neither is guessed."""
    person("ada", 4)
    shutil.copytree(tmp_path / "ada", tmp_path / "ada-copy")
    held(run, "ada", 4)  # FLASH_HOME is still Ada's own folder
    one = reported(run, tmp_path / "ada.json")
    monkeypatch.setenv("FLASH_HOME", str(tmp_path / "ada-copy"))
    two = reported(run, tmp_path / "ada-copy.json")
    assert json.loads(one.read_text())["report"] == json.loads(two.read_text())["report"]
    done = run("report", "merge", str(one), str(two))
    assert done.exit_code == 1 and len(done.stderr.splitlines()) == 1
    assert "are revision 2 of one report with different figures" in done.stderr


def test_the_same_file_twice_counts_once(run: Run, person: Report) -> None:
    files = [person(f"m{n}", 4) for n in range(5)]
    published, said = merged(run, *files, files[0])
    assert mentee(published, "sessions") == {"value": 20}
    assert f"{files[0]} is the same report as {files[0]}: counted once" in said


def test_reports_of_two_programmes_or_periods_are_refused(run: Run, person: Report) -> None:
    leaders = person("ada", 4)
    every = leaders.with_name("every.json")
    assert run("report", "--period", "2026Q4", "--yes", "--out", str(every)).exit_code == 0
    done = run("report", "merge", str(leaders), str(every))
    assert done.exit_code == 1 and len(done.stderr.splitlines()) == 1
    assert "different programmes (Leaders, every session); merge one programme" in done.stderr
    month = reported(run, leaders.with_name("month.json"), "--period", "2026-11")
    done = run("report", "merge", str(leaders), str(month))
    assert "different periods (2026-11, 2026Q4); merge one period at a time" in done.stderr


# ---------------------------------------------------------------- what a person is told


CONSENT = (
    "the coordinator knows this report is yours and sees your exact counts; with one or two "
    "sessions that means your ratings of them, and they may know who your partner was. It "
    "holds no name, email, note, text, place or date finer than the month."
)


def test_the_consent_says_what_the_coordinator_learns(run: Run, person: Report) -> None:
    path = person("ada", 2)
    done = run("report", "--period", "2026Q4", "--yes", "--out", str(path.with_name("x.json")))
    assert done.exit_code == 0, done
    assert CONSENT in " ".join(done.stderr.split())
    assert json.loads(done.stdout) == json.loads(path.with_name("x.json").read_text("utf-8"))


def test_a_report_is_exact_and_holds_nothing_a_person_wrote(person: Report) -> None:
    path = person("ada", 2, actions=1)
    text = path.read_text("utf-8")
    data = json.loads(text)
    assert data["roles"]["mentee"]["sessions"] == {"value": 2}  # nothing withheld in it
    assert data["roles"]["mentee"]["rating"] == {"mean": 4.0, "count": 2}
    assert data["roles"]["mentee"]["actions"]["total"] == {"value": 2, "sessions": 2}
    for word in ("Secret", "partner", "example.org", "2026-11-1", "Act"):
        assert word not in text


def test_at_a_terminal_it_shows_what_it_tells_and_asks(
    run: Run, person: Report, tmp_path: Path
) -> None:
    person("ada", 2)
    child = spawn(tmp_path / "ada", "report", "--period", "2026Q4", cwd=tmp_path)
    child.expect_exact('"version": 2')
    child.expect_exact("the coordinator knows this report is yours")
    child.expect_exact("Write this report to flash-report-2026Q4.json? [y/N]")
    child.sendline("n")
    child.expect_exact("nothing written")
    child.expect(__import__("pexpect").EOF)
    assert not (tmp_path / "flash-report-2026Q4.json").exists()
    again = reported(run, tmp_path / "again.json")
    assert json.loads(again.read_text())["revision"] == 2  # no revision taken by the refusal


def test_a_report_not_written_takes_no_revision(run: Run, person: Report, tmp_path: Path) -> None:
    first = person("ada", 2)
    args = ("report", "--period", "2026Q4", "--programme", "Leaders", "--yes")
    done = run(*args, "--out", str(first))
    assert done.exit_code == 1 and "already exists" in done.stderr
    again = reported(run, tmp_path / "again.json")
    assert json.loads(again.read_text())["revision"] == 2


# ---------------------------------------------------------------- sealed, armored, read


def test_a_sealed_report_travels_and_the_coordinator_merges(
    run: Run, person: Report, tmp_path: Path
) -> None:
    key = age_key(tmp_path / "coordinator.key")
    recipient = str(x25519.Identity.from_str(key.read_text().strip()).to_public())
    files = [person(f"m{n}", 4) for n in range(4)]
    sealed = reported(run, tmp_path / "sealed.json.age", "--to", recipient)
    assert sealed.read_bytes().startswith(b"age-encryption.org/v1")
    done = run("report", "merge", str(sealed))
    assert done.exit_code == 2 and "is sealed: give --identity KEY" in done.stderr
    published, _said = merged(run, sealed, *files, more=("--identity", str(key)))
    assert mentee(published, "sessions") == {"value": 16}
    if shutil.which("age"):  # a second implementation opens it too
        opened = subprocess.run(
            ["age", "-d", "-i", str(key), str(sealed)], capture_output=True, check=True
        )
        assert json.loads(opened.stdout)["period"] == "2026Q4"


@pytest.mark.skipif(shutil.which("age") is None, reason="the age command is not installed")
def test_an_armored_report_opens_too(run: Run, person: Report, tmp_path: Path) -> None:
    key = age_key(tmp_path / "coordinator.key")
    recipient = str(x25519.Identity.from_str(key.read_text().strip()).to_public())
    files = [person(f"m{n}", 4) for n in range(5)]
    armored = tmp_path / "m0.json.age"
    subprocess.run(["age", "-a", "-r", recipient, "-o", str(armored), str(files[0])], check=True)
    assert armored.read_text().startswith("-----BEGIN AGE ENCRYPTED FILE-----")
    published, _said = merged(run, armored, *files[1:], more=("--identity", str(key)))
    assert mentee(published, "sessions") == {"value": 20}


def test_the_table_a_coordinator_reads(run: Run, person: Report) -> None:
    files = [person(f"m{n}", 4) for n in range(5)]
    done = run("report", "merge", *map(str, files))
    assert done.exit_code == 0, done
    lines = [line.split() for line in done.stdout.splitlines()]
    assert " ".join(lines[0]) == "Leaders, 2026Q4: 5 reports added up"
    assert lines[1] == ["mentee", "mentor", "total"]
    assert lines[2] == ["Sessions", "20", "0", "20"]
    rating = [
        "Rating,",
        "1",
        "to",
        "5",
        "(mean,",
        "of",
        "how",
        "many)",
        "4.0",
        "(20)",
        "(0)",
        "4.0",
        "(20)",
    ]
    assert rating in lines
    assert done.stderr == (
        "warning: two publications of the same or overlapping periods can be subtracted from "
        "one another: publish each period once, after it ends\n"
    )


def test_json_prints_what_out_writes(run: Run, person: Report) -> None:
    files = [person(f"m{n}", 4) for n in range(5)]
    published, _said = merged(run, *files)
    done = run("report", "merge", *map(str, files), "--json")
    assert done.exit_code == 0 and json.loads(done.stdout) == published
