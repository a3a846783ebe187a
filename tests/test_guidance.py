"""The guidance is data: the spec's keys in order, ticks that follow the data, overrides."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from flashcli import guidance
from flashcli.errors import FlashError
from flashcli.kinds import Phase, Role
from flashcli.models import Action, Session
from tests.conftest import Run
from tests.factories import session

SPEC_KEYS = {
    ("mentee", "prepare"): ["goals", "send-topics", "arrange", "questions"],
    ("mentee", "during"): [
        "receptive",
        "share-openly",
        "ask-direct",
        "seek-resources",
        "close-plan",
    ],
    ("mentee", "after"): ["follow-through", "confidentiality", "thank-feedback", "decide-continue"],
    ("mentor", "prepare"): ["review-objective"],
    ("mentor", "during"): [
        "encourage-openness",
        "active-listening",
        "open-questions",
        "share-experience",
        "share-challenges",
        "action-strategies",
        "constructive-feedback",
        "referrals",
        "end-plan",
    ],
    ("mentor", "after"): ["follow-through", "confidentiality", "appreciation", "decide-continue"],
}
NOW = datetime(2026, 11, 28, 9, tzinfo=UTC)


@pytest.mark.parametrize(("role", "phase"), SPEC_KEYS)
def test_checklists_have_the_spec_keys_in_order(role: Role, phase: Phase) -> None:
    items = guidance.load().checklist(role, phase)
    assert [i.key for i in items] == SPEC_KEYS[(role, phase)]
    assert all(len(i.text) > 20 for i in items)


def test_every_purpose_has_both_banks() -> None:
    purposes = guidance.load().purposes
    assert set(purposes) == {"learning", "role", "perspective", "career", "other"}
    for p in purposes.values():
        assert len(p.bank("mentee")) >= 3 and len(p.bank("mentor")) >= 3
        assert all(q.endswith("?") for q in p.mentee + p.mentor)


def ticks(s: Session, phase: Phase) -> dict[str, bool]:
    return {i.key: t for i, t in guidance.load().checklist_of(s, phase)}


def test_items_tick_themselves_when_the_data_shows_it() -> None:
    s = session()
    assert not any(ticks(s, "prepare").values())
    s.goal = "Plan my next step"
    s.when = NOW
    assert ticks(s, "prepare") == {
        "goals": True,
        "send-topics": False,
        "arrange": False,
        "questions": False,
    }
    s.where = "Café"
    s.questions = ["What would you do?"]
    assert ticks(s, "prepare") == {
        "goals": True,
        "send-topics": False,
        "arrange": True,
        "questions": True,
    }
    s.ticked = ["send-topics"]
    assert all(ticks(s, "prepare").values())


def test_plan_and_decision_tick_for_both_roles() -> None:
    for role, plan_key in (("mentee", "close-plan"), ("mentor", "end-plan")):
        s = session(role)
        assert not ticks(s, "during")[plan_key]
        s.actions = [Action(text="Draft the plan")]
        assert ticks(s, "during")[plan_key]
        assert not ticks(s, "after")["decide-continue"]
        s.decision = "undecided"
        assert ticks(s, "after")["decide-continue"]


def test_a_persons_guidance_overrides_and_adds(home: Path) -> None:
    home.mkdir()
    (home / "guidance.toml").write_text(
        '[[items]]\nrole = "mentee"\nkey = "goals"\ntext = "Write down the one thing you want."\n\n'
        '[[items]]\nrole = "mentee"\nphase = "prepare"\nkey = "read-cv"\n'
        'text = "Read your mentor\'s profile on the programme site."\n\n'
        '[purposes.career]\nmentee = ["Which programme courses helped you?"]\n',
        encoding="utf-8",
    )
    g = guidance.load()
    prepare = g.checklist("mentee", "prepare")
    assert [i.key for i in prepare] == ["goals", "send-topics", "arrange", "questions", "read-cv"]
    assert prepare[0].text == "Write down the one thing you want."
    assert prepare[0].auto == ("goal",)  # what was not overridden stays
    assert g.purposes["career"].mentee == ("Which programme courses helped you?",)
    assert g.purposes["career"].mentor  # the other bank stays


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("[[items]\n", "cannot read guidance file"),
        (
            '[[items]]\nrole = "boss"\nkey = "x"\nphase = "during"\ntext = "t"\n',
            "role: must be 'mentee' or 'mentor'",
        ),
        ('[[items]]\nrole = "mentee"\nkey = "new"\ntext = "no phase"\n', "phase"),
    ],
)
def test_a_broken_guidance_file_is_reported(home: Path, content: str, why: str) -> None:
    home.mkdir()
    (home / "guidance.toml").write_text(content, encoding="utf-8")
    with pytest.raises(FlashError, match=why) as caught:
        guidance.load()
    assert str(home / "guidance.toml") in caught.value.message


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (
            '[email.thanks.mentee]\nclossing = "Cheers,"\n',
            "email.thanks.mentee.clossing: is not a key",
        ),
        (
            '[email.agenda.mentor]\nintro = "Hello {nme}"\n',
            "has the placeholder {nme}; it may use {first}",
        ),
        (
            '[agenda.mentee]\nwelcome = "Hi {"\n',
            "agenda.mentee.welcome: has a lone brace; write it twice ({{ or }})",
        ),
        (
            '[prompts.mentee]\ngoal = "Goal?\\nBcc: x"\n',
            "prompts.mentee.goal: must be a single line",
        ),
        ('[wording]\nx = "y"\n', "wording: is not a key flash knows"),
        (
            '[[items]]\nrole = "mentee"\nkey = "goals"\nasks = ["feedback"]\n',
            "the prepare walk cannot ask 'feedback'",
        ),
        ("items = 5\n", "items: must be a list"),
        ("purposes = 5\n", "purposes: must be a table"),
    ],
)
def test_a_typo_in_the_words_is_caught_when_the_file_is_read(
    home: Path, content: str, why: str
) -> None:
    home.mkdir()
    (home / "guidance.toml").write_text(content, encoding="utf-8")
    with pytest.raises(FlashError) as caught:
        guidance.load()
    assert why in caught.value.message
    assert str(home / "guidance.toml") in caught.value.message


def test_an_organisation_rewords_its_emails_and_agenda(home: Path, run: Run) -> None:
    home.mkdir()
    (home / "guidance.toml").write_text(
        '[email.thanks.mentee]\nclosing = "With thanks from the programme,"\n'
        'greeting = "Dear {first},"\n\n[agenda.mentee]\nwelcome = "Coffee first"\n',
        encoding="utf-8",
    )
    run("prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2026-12-01 10:00")
    thanks = run("email", "--thanks").stdout
    assert "Dear Ada," in thanks and "With thanks from the programme," in thanks
    assert "Thank you again," not in thanks
    assert "Coffee first" in run("agenda").stdout


ONBOARDING = """\
[purposes.onboarding]
title = "settling into a new organisation"
mentee = ["Who should I meet first?"]
mentor = ["What surprised you in your first weeks?"]
"""


def test_a_purpose_the_organisation_adds_is_taken_by_the_flags(home: Path, run: Run) -> None:
    home.mkdir()
    (home / "guidance.toml").write_text(ONBOARDING, encoding="utf-8")
    made = run("prep", "--with", "Ada Lovelace", "--purpose", "onboarding", "--no-input")
    assert made.exit_code == 0, made
    assert "Purpose onboarding: settling into a new organisation" in run("agenda").stdout
    assert run("edit", "--purpose", "career").exit_code == 0
    assert run("edit", "--purpose", "onboarding").exit_code == 0
    refused = run("edit", "--purpose", "lunch")
    assert refused.exit_code == 2
    assert (
        "--purpose: 'lunch' is not one of learning, role, perspective, career, other, onboarding"
        in refused.stderr
    )


def test_a_purpose_from_another_machines_guidance_is_kept_and_said(home: Path, run: Run) -> None:
    home.mkdir()
    (home / "guidance.toml").write_text(ONBOARDING, encoding="utf-8")
    run("prep", "--with", "Ada Lovelace", "--purpose", "onboarding", "--no-input")
    (home / "guidance.toml").unlink()  # as on a machine whose guidance does not know it
    assert run("edit", "--purpose", "onboarding").exit_code == 2  # the flags take what is known
    shown = run("show")
    assert shown.exit_code == 0
    assert "onboarding (a purpose the guidance here does not know)" in shown.stdout
    assert run("notes", "Met the team").exit_code == 0  # a change keeps it
    assert '"purpose": "onboarding"' in run("show", "--json").stdout
    markdown = run("export", "--format", "markdown").stdout
    assert "**Purpose:** onboarding (a purpose the guidance here does not know)" in markdown
