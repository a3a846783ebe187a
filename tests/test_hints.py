"""The action hints: one gentle line when an action has no due date, names no act someone could
see done, or (the person's own) says not when. The rules are data in the guidance, measured
here on hand-labelled texts they were not written from (tests/data/action_texts.csv: every
third row held out before any rule was written)."""

import csv
import sys
from pathlib import Path

import pexpect
import pytest

from flashcli import guidance
from tests.conftest import Run
from tests.factories import shown
from tests.test_edit import end, in_editor
from tests.test_walk_pty import spawn

DATA = Path(__file__).parent / "data" / "action_texts.csv"
NO_DUE = "no due date yet (with one, flash reminds you)"
NO_ACT = "name an act you could see done ('Sign up for one course', not 'Look into courses')"
NO_CUE = "say when: 'When …, I will …' makes it about twice as likely to happen"


def labelled(split: str) -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    return [r for r in rows if r["set"] == split]


def measured(found: list[tuple[bool, bool]]) -> tuple[float, float]:
    """Precision and recall of what a rule FOUND: for each text, (said, labelled)."""
    hits = sum(said and truth for said, truth in found)
    precision = hits / max(1, sum(said for said, _ in found))
    recall = hits / max(1, sum(truth for _, truth in found))
    return precision, recall


def test_the_labelled_set_is_large_enough_and_a_third_is_held_out() -> None:
    held, dev = labelled("held-out"), labelled("dev")
    assert len(held) + len(dev) >= 150
    assert abs(len(held) / (len(held) + len(dev)) - 1 / 3) < 0.02
    assert {r["vague"] for r in held + dev} == {r["cue"] for r in held + dev} == {"yes", "no"}


def test_vague_actions_are_found_on_texts_the_rules_were_not_written_from(
    capsys: pytest.CaptureFixture[str],
) -> None:
    coach = guidance.load().coach
    held = labelled("held-out")
    vague = measured([(coach.is_vague(r["text"]), r["vague"] == "yes") for r in held])
    cue = measured([(coach.has_cue(r["text"]), r["cue"] == "yes") for r in held])
    with capsys.disabled():  # the figures are the point: printed whatever pytest captures
        sys.stdout.write(
            f"\naction hints, on the {len(held)} held-out texts: vague: precision "
            f"{vague[0]:.2f}, recall {vague[1]:.2f}; cue: precision {cue[0]:.2f}, recall "
            f"{cue[1]:.2f}\n"
        )
    assert vague[0] >= 0.85 and vague[1] >= 0.6
    assert cue[0] >= 0.5 and cue[1] >= 0.5  # reported; the issue sets no bar for cues


@pytest.mark.parametrize(
    ("text", "owner", "due", "said"),
    [
        ("Look into courses", "me", None, f"{NO_DUE}; {NO_ACT}; {NO_CUE}"),
        ("Send Sam the slides from the talk", "me", "friday", NO_CUE),
        ("When the budget is out, I will email Sam the course list", "me", "friday", None),
        ("Introduce me to Priya", "partner", None, NO_DUE),  # no cue asked of a partner
        ("Think about the offer", "partner", "friday", NO_ACT),
    ],
)
def test_one_line_says_what_an_added_action_lacks(
    run: Run, ada: str, text: str, owner: str, due: str | None, said: str | None
) -> None:
    args = ["notes", ada, "--action", text, "--owner", owner, *(["--due", due] if due else [])]
    result = run(*args)
    assert result.exit_code == 0, result  # never refused
    hints = [line for line in result.stderr.splitlines() if line.startswith("hint:")]
    assert hints == ([f"hint: action 1, '{text}': {said}"] if said else [])


def test_coach_off_silences_the_hints(run: Run, ada: str) -> None:
    assert run("config", "coach", "off").exit_code == 0
    result = run("notes", ada, "--action", "Look into courses")
    assert result.exit_code == 0 and "hint" not in result.stderr


def test_an_organisation_tunes_the_rules_in_its_guidance(run: Run, ada: str, home: Path) -> None:
    home.mkdir(exist_ok=True)
    (home / "guidance.toml").write_text(
        "[coach]\nvague = ['^sing\\b']\ncue = ['\\bat noon\\b']\n", encoding="utf-8"
    )
    result = run("notes", ada, "--action", "Sing at noon", "--due", "friday")
    assert [line for line in result.stderr.splitlines() if line.startswith("hint:")] == [
        f"hint: action 1, 'Sing at noon': {NO_ACT}"
    ]
    result = run("notes", ada, "--action", "Look into courses", "--due", "friday")
    assert f"hint: action 2, 'Look into courses': {NO_CUE}" in result.stderr  # its rules only


@pytest.mark.parametrize(
    ("text", "cue", "reworded"),
    [
        ("Draft the plan", "the budget is out", "When the budget is out, I will draft the plan"),
        ("Read the book", "after Monday's standup", "After Monday's standup, I will read the book"),
        (
            "SQL exercises, chapter 4",
            "every Friday,",
            "Every Friday, I will SQL exercises, chapter 4",
        ),
    ],
)
def test_the_when_form_keeps_the_persons_words(text: str, cue: str, reworded: str) -> None:
    assert guidance.load().coach.with_cue(text, cue) == reworded


def test_live_notes_hint_under_the_action(home: Path) -> None:
    assert spawn(home, "prep", "--with", "Ada Lovelace", "--no-input").wait() == 0
    child = spawn(home, "notes")
    child.expect_exact("> ")
    child.sendline("! Look into courses")
    child.expect_exact(f"hint: action 1, 'Look into courses': {NO_DUE}; {NO_ACT}; {NO_CUE}")
    child.sendline("! When I get paid, I will book the course by friday")
    child.expect_exact("due Friday 4 December")
    child.sendline("/done")
    child.expect(pexpect.EOF)
    assert "hint: action 2" not in str(child.before)


def test_an_action_added_in_the_editor_is_hinted_at(
    run: Run, ada: str, home: Path, tmp_path: Path
) -> None:
    edit = "text = text.replace('actions = []', 'actions = [{text = \"Try to network more\"}]')"
    child, _ = in_editor(home, tmp_path, edit, ada)
    said = end(child, 0)
    assert f"hint: action 1, 'Try to network more': {NO_DUE}; {NO_ACT}; {NO_CUE}" in said
    assert shown(run, ada)["actions"][0]["text"] == "Try to network more"
