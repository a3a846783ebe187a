"""A report file is checked in full before any arithmetic: what is not a report, or a report
whose figures contradict one another, is refused in one line (exit 1), never a traceback, and
nothing it holds reaches the terminal unescaped."""

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyrage import x25519

from tests.conftest import Run, age_key
from tests.programmes import Met, Person, report_of
from tests.test_report_cli import Report, people

Spoil = Callable[[dict[str, Any]], object]


def _role(r: dict[str, Any]) -> dict[str, Any]:
    return r["roles"]["mentee"]  # type: ignore[no-any-return]


# What was a traceback, or was summed, before issue 35: each spoiled in the second of two
# reports, or in a report merged alone (a figure another report gave was not divided by 0).
SPOILED: dict[str, tuple[Spoil, bool]] = {
    "a role left out (KeyError)": (lambda r: r["roles"].pop("mentor"), False),
    "a mean beside a count of 0 (ZeroDivisionError)": (
        lambda r: _role(r).update(rating={"mean": 3.0, "count": 0}),
        True,
    ),
    "a mean without its count (KeyError)": (lambda r: _role(r).update(rating={"mean": 3.0}), False),
    "a count without its value (KeyError)": (lambda r: _role(r).update(sessions={}), False),
    "a month left out (KeyError)": (lambda r: _role(r)["by_month"].pop("2026-12"), False),
    "a mean of NaN (written as JSON)": (
        lambda r: _role(r).update(rating={"mean": math.nan, "count": 5}),
        False,
    ),
    "a mean of Infinity (written as JSON)": (
        lambda r: _role(r).update(rating={"mean": math.inf, "count": 5}),
        False,
    ),
    "a negative count (summed)": (lambda r: _role(r).update(sessions={"value": -5}), False),
}


@pytest.fixture
def person(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    return people(run, tmp_path, monkeypatch)


@pytest.fixture
def two(run: Run, person: Report) -> tuple[Path, Path]:
    """Two people's reports, each of 5 sessions, the first's figures shown."""
    return person("ada", 5), person("grace", 5)


def spoil(path: Path, how: Spoil) -> None:
    data = json.loads(path.read_text("utf-8"))
    how(data)
    path.write_text(json.dumps(data), "utf-8")  # NaN and Infinity as Python's json writes them


def refused(run: Run, *args: str) -> str:
    """The one line a refusal prints (exit 1)."""
    done = run("report", "merge", *args)
    assert done.exit_code == 1, done
    [line] = done.stderr.splitlines()
    assert line.startswith("flash: ") and done.stdout == ""
    return line


@pytest.mark.parametrize("name", SPOILED)
def test_a_spoiled_report_is_refused_in_one_line(
    run: Run, two: tuple[Path, Path], name: str
) -> None:
    first, second = two
    how, alone = SPOILED[name]
    spoil(second, how)
    line = refused(run, *([] if alone else [str(first)]), str(second))
    assert f"flash: {second} is not a flash report" in line


def test_a_report_nested_past_any_reader_is_refused(run: Run, tmp_path: Path) -> None:
    """Before issue 35: a RecursionError."""
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    assert refused(run, str(deep)) == (
        f"flash: {deep} is not a flash report (not JSON as a report holds it)"
    )


def test_an_identity_that_is_no_key_is_refused(run: Run, person: Report, tmp_path: Path) -> None:
    """Before issue 35: pyrage.IdentityError."""
    key = age_key(tmp_path / "coordinator.key")
    recipient = str(x25519.Identity.from_str(key.read_text().strip()).to_public())
    from tests.test_report_cli import reported

    person("ada", 1)
    sealed = reported(run, tmp_path / "sealed.age", "--to", recipient)
    bad = tmp_path / "bad.key"
    bad.write_text("AGE-SECRET-KEY-1NOTAKEY\n")
    assert refused(run, str(sealed), "--identity", str(bad)) == (
        f"flash: {bad} holds no age key (a line AGE-SECRET-KEY-1…)"
    )
    other = age_key(tmp_path / "other.key")
    assert "it was sealed to another key, or is damaged" in refused(
        run, str(sealed), "--identity", str(other)
    )


# ---------------------------------------------------------------- contradictions


def good() -> dict[str, Any]:
    """A report of five sessions, with actions, ratings and check-ins, as `flash report` makes
    it."""
    from tests.programmes import Act

    sessions = [Met(rating=4, actions=(Act(True, True), Act()), scores=(1,)) for _ in range(5)]
    return report_of(Person(sessions, key="ab" * 32))


def test_a_good_report_loads() -> None:
    from flashcli.report.model import load

    report = load(json.dumps(good()).encode(), "r.json")
    assert report.roles.mentee.sessions.value == 5


CONTRADICTIONS: dict[str, tuple[Spoil, str]] = {
    "months": (
        lambda r: _role(r)["by_month"].update({"2026-11": {"value": 4}}),
        "roles.mentee.by_month add up to 4, and sessions is 5",
    ),
    "purposes": (
        lambda r: _role(r)["by_purpose"].update({"career": {"value": 6}}),
        "roles.mentee.by_purpose add up to 6, and sessions is 5",
    ),
    "a part larger than its total": (
        lambda r: _role(r).update(reverse={"value": 6}),
        "roles.mentee.reverse is larger than sessions",
    ),
    "more rated than sessions": (
        lambda r: _role(r).update(rating={"mean": 4.0, "count": 6}),
        "roles.mentee.rating.count is larger than sessions",
    ),
    "a sum no ratings make": (
        lambda r: _role(r).update(rating={"mean": 4.1, "count": 5}),
        "roles.mentee.rating: mean × count is not a whole sum of whole values",
    ),
    "a mean above the scale": (
        lambda r: _role(r).update(rating={"mean": 5.5, "count": 5}),
        "roles.mentee.rating.mean: Input should be less than or equal to 5",
    ),
    "a count without its mean": (
        lambda r: _role(r).update(rating={"mean": None, "count": 5}),
        "roles.mentee.rating: a count without its mean",
    ),
    "actions that do not add up": (
        lambda r: _role(r)["actions"].update(done={"value": 9, "sessions": 5}),
        "roles.mentee.actions.done+not_done add up to 14, and total is 10",
    ),
    "actions from more sessions than there are": (
        lambda r: _role(r)["actions"].update(total={"value": 10, "sessions": 6}),
        "roles.mentee.actions.total.sessions is larger than sessions",
    ),
    "check-ins from no session": (
        lambda r: _role(r).update(checkins={"mean": 1.0, "count": 5, "sessions": 0}),
        "roles.mentee.checkins: 5 from 0 sessions",
    ),
    "a month of another period": (
        lambda r: _role(r)["by_month"].update({"2027-01": _role(r)["by_month"].pop("2026-12")}),
        "roles.mentee.by_month: its months are not those of 2026Q4",
    ),
    "a key twice": (None, "r.json is not a flash report (not JSON as a report holds it)"),  # type: ignore[dict-item]
    "a string for a number": (
        lambda r: _role(r).update(sessions={"value": "5"}),
        "roles.mentee.sessions.value: Input should be a valid integer",
    ),
    "a key no report has": (
        lambda r: _role(r).update(names=["Ada"]),
        "roles.mentee.names: Extra inputs are not permitted",
    ),
    "no $schema": (lambda r: r.pop("$schema"), "$schema: Field required"),
    "revision 0": (
        lambda r: r.update(revision=0),
        "revision: Input should be greater than or equal to 1",
    ),
    "another version": (
        lambda r: r.update(version=1),
        "r.json is a report of version 1; this flash reads version 2",
    ),
}


@pytest.mark.parametrize("name", CONTRADICTIONS)
def test_figures_that_contradict_are_refused_before_any_arithmetic(name: str) -> None:
    how, said = CONTRADICTIONS[name]
    data = good()
    if how is None:
        text = json.dumps(data).replace('"version": 2,', '"version": 2, "version": 2,')
    else:
        how(data)
        text = json.dumps(data)
    from flashcli.report.model import load

    with pytest.raises(Exception) as refusal:
        load(text.encode(), "r.json")
    assert said in refusal.value.message  # type: ignore[attr-defined]


def test_a_file_larger_than_1_mb_is_refused_unread(run: Run, tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_text(" " * (2**20 + 1))
    assert refused(run, str(big)) == f"flash: cannot read {big}: it is larger than 1 MB"


def test_what_a_report_holds_reaches_the_terminal_escaped(run: Run, tmp_path: Path) -> None:
    data = good()
    data["roles"]["mentee"]["by_month"]["2026-1\x1b[31m"] = {"value": 0}
    path = tmp_path / "r\x1b]0;x\x07.json"
    path.write_text(json.dumps(data))
    line = refused(run, str(path))
    assert "\x1b" not in line and "\x07" not in line
    assert "r\\x1b]0;x\\x07.json" in line and "2026-1\\x1b[31m" in line


def test_a_programme_is_printed_escaped(run: Run, tmp_path: Path) -> None:
    data = good()
    data["programme"] = "Lead\u202eers"  # one name made to read as another
    files = []
    for n in range(5):
        data["report"] = f"{n:032x}"
        files.append(tmp_path / f"r{n}.json")
        files[-1].write_text(json.dumps(data))
    done = run("report", "merge", *map(str, files))
    assert done.exit_code == 0, done
    assert done.stdout.startswith("Lead\\u202eers, 2026Q4: 5 reports added up")


# ---------------------------------------------------------------- nothing a person wrote


MARKER = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=6, max_size=10).map(
    lambda s: f"Q{s}"
)


@settings(max_examples=30, deadline=None)
@given(marker=MARKER, count=st.integers(1, 12))
def test_no_name_and_no_free_text_ever_leaves(marker: str, count: int) -> None:
    """Names, addresses, places, goals, notes, actions, feedback, check-in notes: in the
    sessions, never in a report or in what the coordinator publishes."""
    from flashcli import report
    from flashcli.report.model import Report as Model
    from flashcli.report.publish import publish
    from tests.test_report import planted

    made = report.build(planted(marker, count), "2026Q4", "Leaders", "cd" * 32, 1)
    published, said = publish([("r.json", Model.model_validate(made))])
    for text in (json.dumps(made), json.dumps(published), " ".join(said)):
        assert marker not in text and marker.lower() not in text
        assert "@" not in text and "-11-0" not in text
