"""Part 14 §2: a comment a person writes into a session file, or into config.toml, stays
through every write flash makes, changing only what changed; a file without one is written
by tomli-w as before."""

import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings

from flashcli import merge
from flashcli.models import Session
from flashcli.store import commented
from tests.conftest import Run
from tests.factories import shown
from tests.test_roundtrip import sessions

TOP = "# Met at the conference: she prefers mornings\n"


@pytest.fixture
def file(run: Run, ada: str, sessions_dir: Path) -> Path:
    """Ada's session with two actions, and the person's comments written into its file."""
    run("notes", "--action", "Draft my plan", "--due", "2026-12-08")
    run("notes", "--action", "Read the book")
    path = sessions_dir / f"{ada}.toml"
    text = path.read_text("utf-8")
    for line, comment in [
        ('goal = "', "  # her words"),
        ('name = "Ada', "  # Lady Lovelace"),
        ('text = "Read the book"', "  # the one on engines"),
    ]:
        start = text.index(line)
        end = text.index("\n", start)
        text = text[:end] + comment + text[end:]
    text = text.replace("[partner]\n", "[partner]\n# she answers within a day\n")
    path.write_text(TOP + text, "utf-8")
    return path


COMMENTS = [
    TOP.strip(),
    "# her words",
    "# Lady Lovelace",
    "# she answers within a day",
    "# the one on engines",
]


def test_every_write_keeps_the_persons_comments(run: Run, file: Path, ada: str) -> None:
    run("prep", "--where", "The library", "--topic", "Boards")
    run("notes", "A note while we talked")
    run("notes", "--action", "Send the slides")
    run("followup", "--complete", "2", "--feedback", "Clear and kind", "--rating", "5")
    run("edit", "--drop-action", "1", "--with", "Ada King <ada@king.example>")
    text = file.read_text("utf-8")
    assert all(comment in text for comment in COMMENTS), text
    assert text.startswith(TOP)
    assert 'text = "Read the book"  # the one on engines' in text  # still beside its action
    data = shown(run, ada)  # and every change made
    assert data["where"] == "The library" and data["partner"]["name"] == "Ada King"
    assert [a["text"] for a in data["actions"]] == ["Read the book", "Send the slides"]
    assert data["actions"][0]["done"] and data["rating"] == 5
    assert data["notes"][-1]["text"] == "A note while we talked"


def test_only_what_changed_is_rewritten(run: Run, file: Path) -> None:
    before = file.read_text("utf-8").splitlines()
    run("prep", "--where", "The library")
    after = file.read_text("utf-8").splitlines()
    assert [line for line in after if line not in before] == ['where = "The library"']
    assert [line for line in before if line not in after] == ['where = "Café Nero"']
    assert len(after) == len(before)


def test_a_file_without_a_comment_is_written_by_tomli_w(
    run: Run, ada: str, sessions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(source: str, data: object) -> None:
        raise AssertionError("a file without a comment went to tomlkit")

    monkeypatch.setattr(commented, "rewrite", never)
    run("prep", "--where", "The library")
    text = (sessions_dir / f"{ada}.toml").read_text("utf-8")
    assert text == tomli_w.dumps(Session.load(tomllib.loads(text)).stored())


def test_config_toml_keeps_its_comments(run: Run, home: Path) -> None:
    run("config", "name", "Grace Hopper")
    config = home / "config.toml"
    config.write_text("# on the laptop\n" + config.read_text("utf-8"), "utf-8")
    run("config", "email", "grace@example.org")
    text = config.read_text("utf-8")
    assert text.startswith("# on the laptop\n")
    assert tomllib.loads(text) == {"name": "Grace Hopper", "email": "grace@example.org"}


def test_a_merge_keeps_the_comments_of_either_side(run: Run, file: Path, tmp_path: Path) -> None:
    """git's merge driver: the comment was written on the other machine."""
    base, ours, theirs = (tmp_path / name for name in ("base", "ours", "theirs"))
    commented_text = file.read_text("utf-8")
    plain = tomli_w.dumps(Session.load(tomllib.loads(commented_text)).stored())
    base.write_text(plain, "utf-8")
    ours.write_text(plain.replace('where = "Café Nero"', 'where = "The library"'), "utf-8")
    theirs.write_text(commented_text, "utf-8")
    assert merge.main(["merge", str(base), str(ours), str(theirs), file.name]) == 0
    merged = ours.read_text("utf-8")
    assert all(comment in merged for comment in COMMENTS)
    assert tomllib.loads(merged)["where"] == "The library"


@settings(max_examples=100, deadline=None)
@given(sessions, sessions)
def test_any_rewrite_reads_back_as_its_data_and_keeps_the_top_comments(
    before: Session, after: Session
) -> None:
    """From one session's file with comments to another's data: the file reads back as that
    data exactly, and the comments above and beside `schema` stay, whatever else changed."""
    text = TOP + tomli_w.dumps(before.stored()).replace("schema = 1\n", "schema = 1  # mine\n")
    data = after.stored()
    rewritten = commented.rewrite(text, data)
    assert rewritten is not None
    assert tomllib.loads(rewritten) == tomllib.loads(tomli_w.dumps(data))
    assert rewritten.startswith(TOP + "schema = 1  # mine\n")
    assert commented.rewrite(rewritten, data) == rewritten  # nothing changed: nothing rewritten
