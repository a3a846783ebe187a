"""`flash report`: a programme report that names no one, and `flash report merge`."""

import json
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyrage import x25519

from flashcli import report
from flashcli.models import Action, CheckIn, Note, Partner, Session
from flashcli.summary import Summary
from tests.conftest import Run, age_key
from tests.test_walk_pty import spawn

TODAY = date(2026, 12, 15)
WITHHELD = {"withheld": True}


def made(
    n: int,
    partner: str,
    day: date,
    role: str = "mentee",
    programme: str | None = "Leaders",
    text: str = "plain",
    **fields: Any,
) -> Summary:
    """Session N: with PARTNER on DAY, free text everywhere (TEXT in it)."""
    when = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=10)
    return Session(
        id=f"{day.isoformat()}-s{n}",
        role=role,
        partner=Partner(name=f"{partner} {text}", email=f"{partner.lower()}@example.org"),
        created=when,
        updated=when,
        when=when,
        programme=programme,
        where=f"Room {text}",
        goal=f"Goal {text}",
        success=f"Success {text}",
        topics=[f"Topic {text}"],
        questions=[f"Question {text}"],
        notes=[Note(at=when, text=f"Note {text}")],
        actions=[Action(text=f"Action {text}", due=day + timedelta(days=7), done=when)],
        feedback=f"Feedback {text}",
        checkins=[CheckIn(at=when + timedelta(days=14), score=1, note=f"Did {text}", next=text)],
        **fields,
    ).summary()


def sessions(count: int, partners: int, day: date, **fields: Any) -> list[Summary]:
    return [made(n, f"P{n % partners}", day, **fields) for n in range(count)]


def test_a_figure_from_fewer_than_5_sessions_or_3_partners_is_withheld() -> None:
    five = sessions(5, 3, date(2026, 11, 3), rating=4)
    mentee = report.build(five, "2026-11", None, TODAY)["roles"]["mentee"]
    assert mentee["sessions"] == {"value": 5}
    assert mentee["rating"] == {"mean": 4.0, "count": 5}
    assert mentee["actions"] == {
        "total": {"value": 5},
        "done": {"value": 5},
        "on_time": {"value": 5},
    }
    four = report.build(five[:4], "2026-11", None, TODAY)["roles"]["mentee"]
    assert four["sessions"] == four["rating"] == four["checkins"] == WITHHELD
    two_partners = sessions(6, 2, date(2026, 11, 3))
    assert (
        report.build(two_partners, "2026-11", None, TODAY)["roles"]["mentee"]["sessions"]
        == WITHHELD
    )


def test_a_part_that_subtraction_would_reveal_is_withheld_too() -> None:
    """October 5 and November 5 are shown, December's 1 is not; with the total of 11 shown,
    December would be 11 - 5 - 5: October (the smallest shown) is withheld as well."""
    quarter = [
        *sessions(5, 3, date(2026, 10, 5)),
        *sessions(6, 3, date(2026, 11, 5)),
        made(99, "Zed", date(2026, 12, 5)),
    ]
    mentee = report.build(quarter, "2026Q4", None, TODAY)["roles"]["mentee"]
    assert mentee["sessions"] == {"value": 12}
    assert mentee["by_month"] == {"2026-10": WITHHELD, "2026-11": {"value": 6}, "2026-12": WITHHELD}


def test_two_parts_withheld_leave_the_total_shown() -> None:
    """Seven undecided and one no: no, yes and none are all withheld, and what the total
    leaves (1) cannot be put on any one of them."""
    many = [*sessions(7, 3, date(2026, 11, 3), decision="undecided")]
    many.append(made(50, "Other", date(2026, 11, 4), decision="no"))
    mentee = report.build(many, "2026-11", None, TODAY)["roles"]["mentee"]
    assert mentee["sessions"] == {"value": 8}
    assert mentee["decisions"] == {
        "yes": WITHHELD,
        "no": WITHHELD,
        "undecided": {"value": 7},
        "none": WITHHELD,
    }


def test_only_the_programmes_sessions_and_the_period_count() -> None:
    mine = sessions(5, 3, date(2026, 11, 3))
    private = sessions(5, 3, date(2026, 11, 3), programme=None)
    earlier = sessions(5, 3, date(2026, 9, 3))
    built = report.build([*mine, *private, *earlier], "2026Q4", "Leaders", TODAY)
    assert built["roles"]["mentee"]["sessions"] == {"value": 5}
    assert built["roles"]["mentor"]["sessions"] == WITHHELD
    assert (built["period"], built["programme"], built["version"]) == ("2026Q4", "Leaders", 1)


MARKER = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=6, max_size=10).map(
    lambda s: f"Q{s}"
)


@settings(max_examples=30, deadline=None)
@given(marker=MARKER, count=st.integers(5, 12))
def test_no_name_and_no_free_text_ever_reaches_a_report(marker: str, count: int) -> None:
    planted = [
        made(n, f"P{n % 4}{marker}", date(2026, 11, 2 + n), text=marker) for n in range(count)
    ]
    text = json.dumps(report.build(planted, "2026Q4", "Leaders", TODAY))
    assert marker not in text and marker.lower() not in text
    assert "2026-11-0" not in text and "@" not in text and "s0" not in text.split('"report"')[0]


def parts_and_union(seed: list[int]) -> tuple[list[list[Summary]], list[Summary]]:
    parts = []
    for k, size in enumerate(seed):
        parts.append(
            [
                made(100 * k + n, f"P{k}{n % 3}", date(2026, 10 + n % 3, 3), rating=1 + (n * k) % 5)
                for n in range(size)
            ]
        )
    return parts, [s for part in parts for s in part]


def leaves(figure: Any, path: str = "") -> dict[str, Any]:
    if isinstance(figure, dict) and not ({"value", "mean", "withheld"} & set(figure)):
        return {
            k: v for key, sub in figure.items() for k, v in leaves(sub, f"{path}/{key}").items()
        }
    return {path: figure}


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.lists(st.integers(5, 15), min_size=3, max_size=3))
def test_three_reports_merged_are_one_report_over_all_their_sessions(seed: list[int]) -> None:
    parts, union = parts_and_union(seed)
    reports = [
        (f"part{n}", report.build(part, "2026Q4", "Leaders", TODAY)) for n, part in enumerate(parts)
    ]
    merged = report.merge(reports)
    whole = report.build(union, "2026Q4", "Leaders", TODAY)
    assert merged["merged"] == 3
    for role in ("mentee", "mentor"):
        per_part = [leaves(r["roles"][role]) for _, r in reports]
        summed, single = leaves(merged["roles"][role]), leaves(whole["roles"][role])
        for path, figure in summed.items():
            if any("withheld" in p[path] for p in per_part):
                assert figure == WITHHELD, path  # withheld in a part: withheld in the sum
            elif "mean" in figure:
                assert figure["count"] == single[path]["count"]
                # Each part's mean is rounded to 2 places, and so is their weighted mean.
                assert figure["mean"] == pytest.approx(single[path]["mean"], abs=0.011), path
            else:
                assert figure == single[path], path


def test_merge_refuses_mixed_periods_and_the_same_report_twice() -> None:
    one = report.build(sessions(5, 3, date(2026, 11, 3)), "2026-11", None, TODAY)
    other = report.build(sessions(5, 3, date(2026, 10, 3)), "2026-10", None, TODAY)
    with pytest.raises(Exception, match="different periods"):
        report.merge([("a", one), ("b", other)])
    with pytest.raises(Exception, match="b is the same report as a"):
        report.merge([("a", one), ("b", one)])


# ---------------------------------------------------------------- through the command line


@pytest.fixture
def programme(run: Run) -> None:
    for n, name in enumerate(
        ["Ada Lovelace", "Sam Lee", "Grace Hopper", "Lea Martin", "Priya Patel"]
    ):
        made = run(
            "prep", "--with", f"{name} <p{n}@example.org>", "--when", f"2026-11-{10 + n} 10:00",
            "--programme", "Leaders", "--goal", f"Secret goal {n}", "--no-input",
        )  # fmt: skip
        assert made.exit_code == 0, made
        run("followup", "--rating", "4", "--feedback", "Kind words", "--no-input")


def test_the_report_is_shown_and_written_only_when_confirmed(
    run: Run, programme: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    refused = run("report", "--period", "2026Q4", "--programme", "Leaders")
    assert refused.exit_code == 2 and "--yes: give --yes to write" in refused.stderr
    assert list(here.iterdir()) == []
    result = run("report", "--period", "2026Q4", "--programme", "Leaders", "--yes")
    assert result.exit_code == 0, result
    written = here / "flash-report-2026Q4-leaders.json"
    assert json.loads(result.stdout) == json.loads(written.read_text("utf-8"))  # as shown
    data = json.loads(written.read_text("utf-8"))
    assert data["roles"]["mentee"]["sessions"] == {"value": 5}
    assert data["roles"]["mentee"]["rating"] == {"mean": 4.0, "count": 5}
    assert "Secret" not in written.read_text("utf-8") and "Ada" not in written.read_text("utf-8")


def test_at_a_terminal_it_asks(home: Path, run: Run, programme: None, tmp_path: Path) -> None:
    child = spawn(home, "report", "--period", "2026Q4", cwd=tmp_path)
    child.expect_exact('"version": 1')
    child.expect_exact("Write this report to flash-report-2026Q4.json? [y/N]")
    child.sendline("n")
    child.expect_exact("nothing written")
    child.expect(__import__("pexpect").EOF)
    assert not (tmp_path / "flash-report-2026Q4.json").exists()


def test_a_sealed_report_travels_and_the_coordinator_merges(
    run: Run, programme: None, tmp_path: Path
) -> None:
    key = age_key(tmp_path / "coordinator.key")
    recipient = str(x25519.Identity.from_str(key.read_text().strip()).to_public())
    sealed = tmp_path / "mine.json.age"
    result = run("report", "--period", "2026Q4", "--to", recipient, "--yes", "--out", str(sealed))
    assert result.exit_code == 0, result
    assert sealed.read_bytes().startswith(b"age-encryption.org/v1")
    refused = run("report", "merge", str(sealed))
    assert refused.exit_code == 2 and "is sealed: give --identity KEY" in refused.stderr
    merged = run("report", "merge", str(sealed), "--identity", str(key))
    assert merged.exit_code == 0, merged
    assert json.loads(merged.stdout)["roles"]["mentee"]["sessions"] == {"value": 5}
    if shutil.which("age"):  # a second implementation opens it too
        opened = subprocess.run(
            ["age", "-d", "-i", str(key), str(sealed)], capture_output=True, check=True
        )
        assert json.loads(opened.stdout)["period"] == "2026Q4"


def test_reports_and_their_sum_are_valid_by_the_published_schema(tmp_path: Path) -> None:
    from tests.test_json_docs import validator

    check = validator("report")
    one = report.build(sessions(6, 3, date(2026, 11, 3), rating=5), "2026Q4", "Leaders", TODAY)
    other = report.build(sessions(2, 2, date(2026, 11, 3)), "2026Q4", "Leaders", TODAY)
    for data in (one, other, report.merge([("a", one), ("b", other)])):
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in check.iter_errors(data)]
        assert not errors
    spoiled = json.loads(json.dumps(one))
    spoiled["roles"]["mentee"]["sessions"] = {"value": 6, "names": ["Ada"]}
    assert not check.is_valid(spoiled)


def test_merge_refuses_what_is_not_a_report(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 1, "report": "x", "period": "2026Q4"}')
    result = run("report", "merge", str(bad))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"flash: {bad} is not a flash report: programme:")
    bad.write_text(json.dumps({**report.build([], "2026Q4", None, TODAY), "names": ["Ada"]}))
    assert "names: Extra inputs are not permitted" in run("report", "merge", str(bad)).stderr
