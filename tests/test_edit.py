"""flash edit: every field by its flag, and the whole session in the person's editor."""

import sys
from pathlib import Path

import pexpect
import pytest

from tests.conftest import Run, assert_refused, without_uids
from tests.factories import shown
from tests.test_walk_pty import spawn


@pytest.fixture
def held(run: Run, ada: str) -> str:
    """Ada's session with notes and actions."""
    run("prep", "--question", "How did you decide?", "--question", "What would you redo?")
    run("notes", "Talk to two managers")
    run("notes", "Ask about the budget")
    run("notes", "--action", "Draft my plan", "--due", "2026-12-08")
    run("notes", "--action", "Introduce me to Sam", "--owner", "partner")
    run("notes", "--action", "Read the book")
    return ada


def test_edit_corrects_every_field_by_its_flag(run: Run, ada: str) -> None:
    result = run(
        "edit",
        *("--with", "Ada King <ada@king.example>", "--greet", "Countess"),
        *("--when", "2026-12-02 14:00", "--where", "Online", "--minutes", "45"),
        *("--purpose", "role", "--goal", "Learn to lead", "--success", "A first plan"),
        *("--role", "mentor", "--reverse"),
    )
    assert result.exit_code == 0, result
    assert result.stdout == f"updated {ada}; flash show {ada} shows it all\n"
    data = shown(run, ada)
    assert data["partner"] == {"name": "Ada King", "email": "ada@king.example", "greet": "Countess"}
    assert (data["when"], data["where"], data["minutes"]) == (
        "2026-12-02T14:00:00+01:00",
        "Online",
        45,
    )
    assert (data["purpose"], data["goal"], data["success"]) == (
        "role",
        "Learn to lead",
        "A first plan",
    )
    assert (data["role"], data["reverse"], data["sequence"]) == ("mentor", True, 1)
    assert run("edit", "--no-reverse", "--greet", "").exit_code == 0
    data = shown(run, ada)
    assert data["reverse"] is False and "greet" not in data["partner"]


def test_a_new_address_keeps_the_greeting_of_the_same_person(run: Run, ada: str) -> None:
    run("edit", "--greet", "Countess")
    run("edit", "--with", "Ada Lovelace <ada@new.example>")
    assert shown(run, ada)["partner"]["greet"] == "Countess"
    run("edit", "--with", "Grace Hopper <grace@example.org>")
    assert "greet" not in shown(run, ada)["partner"]


def test_a_natural_time_is_said_back(run: Run, ada: str) -> None:
    result = run("edit", "--when", "next tuesday 3pm")
    assert result.stderr == "next tuesday 3pm: Tuesday 1 December 2026, 15:00 (UTC+01:00)\n"
    assert shown(run, ada)["when"] == "2026-12-01T15:00:00+01:00"


def test_edit_drops_by_number(run: Run, held: str) -> None:
    result = run(
        "edit",
        *("--drop-topic", "1", "--drop-question", "2", "--drop-note", "1"),
        *("--drop-action", "1", "--drop-action", "3"),
    )
    assert result.exit_code == 0, result
    data = shown(run, held)
    assert data["topics"] == ["First steps"]
    assert data["questions"] == ["How did you decide?"]
    assert [n["text"] for n in data["notes"]] == ["Ask about the budget"]
    assert [a["text"] for a in data["actions"]] == ["Introduce me to Sam"]


def test_edit_rewords_an_action(run: Run, held: str) -> None:
    result = run(
        "edit",
        *("--action", "2", "--text", "Introduce me to Sam Lee", "--owner", "me", "--due", "friday"),
        *("--action", "1", "--due", "none"),
    )
    assert result.exit_code == 0, result
    assert result.stderr == "friday: Friday 4 December 2026\n"
    assert without_uids(shown(run, held)["actions"][:2]) == [
        {"text": "Draft my plan", "owner": "me"},
        {"text": "Introduce me to Sam Lee", "owner": "me", "due": "2026-12-04"},
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--drop-topic", "3"], "there is no topic 3; 2026-12-01-ada-lovelace has 2"),
        (["--drop-action", "9"], "there is no action 9; 2026-12-01-ada-lovelace has 3"),
        (["--action", "4", "--text", "x"], "there is no action 4"),
        (["--text", "x"], "--text: belongs to the --action before it"),
        (["--action", "1"], "give --text, --owner or --due after --action 1"),
        (["--action", "1", "--owner", "boss"], "'boss' is not one of 'me', 'partner'"),
        (["--action", "1", "--text", " "], "is empty"),
        (["--action", "1", "--due", "31/12"], "could not read '31/12' as a date"),
        (["--with", "<ada@example.org>"], "has no name"),
        (["--when", "2027-03-28 02:30"], "does not exist in local time"),
        (["--minutes", "5"], "--minutes"),
        (["--goal", "two\nlines"], "--goal"),
        ([], "say what to change"),
    ],
)
def test_bad_edits_are_refused_and_change_nothing(
    run: Run, held: str, sessions_dir: Path, args: list[str], message: str
) -> None:
    assert_refused(run, sessions_dir, "edit", *args, message=message)


# A stand-in editor: runs the Python in FLASH_TEST_EDIT on the text, and keeps what it saw.
EDITOR = """\
import pathlib, subprocess, sys, os
path = pathlib.Path(sys.argv[-1])
text = path.read_text("utf-8")
with open(os.environ["FLASH_TEST_SEEN"], "a", encoding="utf-8") as seen:
    seen.write(text + "\\0")
exec(os.environ["FLASH_TEST_EDIT"])
path.write_text(text, "utf-8")
"""


def in_editor(home: Path, tmp_path: Path, edit: str, *args: str) -> tuple[pexpect.spawn, Path]:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, "utf-8")
    seen = tmp_path / "seen"
    env = {"VISUAL": f"{sys.executable} {script}", "FLASH_TEST_EDIT": edit}
    env["FLASH_TEST_SEEN"] = str(seen)
    return spawn(home, "edit", *args, env=env), seen


def end(child: pexpect.spawn, code: int) -> str:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == code, child.before
    return str(child.before)


def test_the_editor_changes_anything(run: Run, held: str, home: Path, tmp_path: Path) -> None:
    edit = "text = text.replace('Café Nero', 'The library').replace('Read the book', 'Read it')"
    child, seen = in_editor(home, tmp_path, edit, "ada")
    assert f"saved {held}" in end(child, 0)
    data = shown(run, held)
    assert (data["where"], data["actions"][2]["text"]) == ("The library", "Read it")
    opened = seen.read_text("utf-8").split("\0")[0]
    assert opened.startswith(f"# {held}, with Ada Lovelace: change what you like")
    assert "schema = 1" in opened


def test_a_mistake_opens_the_editor_again_with_the_error_at_the_top(
    run: Run, held: str, home: Path, tmp_path: Path
) -> None:
    edit = (
        "text = text.replace('minutes = 60', 'minutes = 6000') if 'error' not in text.split()[1]"
        " else text.replace('minutes = 6000', 'minutes = 45')"
    )
    child, seen = in_editor(home, tmp_path, edit)
    child.expect_exact("flash: minutes: 6000 minutes will not do; give between 10 and 480")
    child.expect_exact("Edit it again? [Y/n]")
    child.sendline("")
    assert f"saved {held}" in end(child, 0)
    second = seen.read_text("utf-8").split("\0")[1]
    assert second.startswith("# error: minutes: 6000 minutes will not do; give between 10 and 480")
    assert "minutes = 6000" in second  # the person's edit, as they left it
    assert shown(run, held)["minutes"] == 45


@pytest.mark.parametrize("sealed", [False, True], ids=["in clear", "encrypted"])
def test_giving_up_after_a_mistake_keeps_the_edit_and_changes_nothing(
    run: Run, held: str, home: Path, tmp_path: Path, sealed: bool
) -> None:
    """The edit given up is kept for the person: sealed, in an encrypted folder."""
    if sealed:
        assert run("config", "encrypt", "on").exit_code == 0
    end_ = ".age" if sealed else ""
    session = home / "sessions" / f"{held}.toml{end_}"
    before = session.read_bytes()
    child, _ = in_editor(home, tmp_path, "text = text.replace('[partner]', '[partner')")
    child.expect_exact("flash: not valid TOML")
    child.expect_exact("Edit it again? [Y/n]")
    child.sendline("n")
    kept = home / f"{held}-edit.toml{end_}"
    assert f"nothing was changed; your edit is kept in {kept}" in end(child, 1).replace("\r\n", "")
    if sealed:
        assert kept.read_bytes().startswith(b"age-encryption.org/v1\n")
    else:
        assert "[partner\n" in kept.read_text("utf-8")
    assert session.read_bytes() == before


def test_a_change_made_meanwhile_is_never_overwritten(
    run: Run, held: str, home: Path, tmp_path: Path
) -> None:
    meanwhile = (
        "subprocess.run([sys.executable, '-m', 'flashcli', 'notes', '--action', 'Meanwhile'],"
        " check=True); text = text.replace('Café Nero', 'The library')"
    )
    child, _ = in_editor(home, tmp_path, meanwhile)
    kept = home / f"{held}-edit.toml"
    screen = end(child, 1).replace("\r\n", "")
    assert f"{held} changed while you were editing it, so nothing was overwritten" in screen
    assert f"your edit is kept in {kept}" in screen
    data = shown(run, held)
    assert data["where"] == "Café Nero" and data["actions"][-1]["text"] == "Meanwhile"
    assert "The library" in kept.read_text("utf-8")


def test_an_unchanged_edit_changes_nothing(run: Run, held: str, home: Path, tmp_path: Path) -> None:
    before = (home / "sessions" / f"{held}.toml").read_bytes()
    child, _ = in_editor(home, tmp_path, "pass")
    assert f"no change to {held}" in end(child, 0)
    assert (home / "sessions" / f"{held}.toml").read_bytes() == before


def test_the_id_cannot_change_in_the_editor(
    run: Run, held: str, home: Path, tmp_path: Path
) -> None:
    child, _ = in_editor(home, tmp_path, f"text = text.replace('id = \"{held}\"', 'id = \"x\"')")
    child.expect_exact(f"the id is {held}; it cannot change here")
    child.expect_exact("Edit it again?")
    child.sendeof()
    end(child, 1)
    assert shown(run, held)["id"] == held


def test_a_broken_file_opens_to_be_mended(run: Run, held: str, home: Path, tmp_path: Path) -> None:
    path = home / "sessions" / f"{held}.toml"
    path.write_text(path.read_text("utf-8").replace("minutes = 60", "minutes = 'sixty'"), "utf-8")
    assert run("show", held).exit_code == 1
    child, seen = in_editor(home, tmp_path, "text = text.replace(\"'sixty'\", '60')", held)
    assert f"saved {held}" in end(child, 0)
    assert seen.read_text("utf-8").startswith("# error: minutes:")
    assert shown(run, held)["minutes"] == 60


def test_an_encrypted_session_is_edited_in_clear_and_stays_sealed(
    run: Run, held: str, home: Path, tmp_path: Path
) -> None:
    assert run("config", "encrypt", "on").exit_code == 0
    sealed = home / "sessions" / f"{held}.toml.age"
    child, seen = in_editor(home, tmp_path, "text = text.replace('Café Nero', 'The library')")
    assert f"saved {held}" in end(child, 0)
    assert shown(run, held)["where"] == "The library"
    assert seen.read_text("utf-8").split("\0")[0].startswith(f"# {held}, with Ada Lovelace")
    assert sealed.read_bytes().startswith(b"age-encryption.org/v1\n")
    assert not (home / "sessions" / f"{held}.toml").exists()


def test_a_comment_written_in_the_editor_is_kept_and_the_guide_is_not(
    run: Run, held: str, home: Path, tmp_path: Path, sessions_dir: Path
) -> None:
    edit = "text = text.replace('where = \"Café Nero\"', 'where = \"The library\"  # quiet')"
    child, _ = in_editor(home, tmp_path, edit, "ada")
    assert f"saved {held}" in end(child, 0)
    run("notes", "--action", "Send the slides")  # a later write keeps it too
    text = (sessions_dir / f"{held}.toml").read_text("utf-8")
    assert 'where = "The library"  # quiet' in text
    assert "change what you like" not in text and "checked when you save" not in text


def test_kept_edits_never_overwrite_each_other_and_the_next_edit_offers_the_latest(
    run: Run, held: str, home: Path, tmp_path: Path
) -> None:
    for mistake in ("[partner", "[partner2]"):  # two edits given up, one after the other
        child, _ = in_editor(home, tmp_path, f"text = text.replace('[partner]', '{mistake}', 1)")
        if mistake == "[partner2]":
            child.expect_exact("Open it instead of the session as it is now")
            child.sendline("n")
        child.expect_exact("Edit it again? [Y/n]")
        child.sendline("n")
        end(child, 1)
    first, second = home / f"{held}-edit.toml", home / f"{held}.2-edit.toml"
    assert "[partner\n" in first.read_text("utf-8") and "[partner2]" in second.read_text("utf-8")
    # The next edit offers the latest; declined, it stays, and the session opens as it is.
    child, seen = in_editor(home, tmp_path, "pass")
    child.expect_exact("Open it instead of the session as it is now")
    child.sendline("n")
    child.expect_exact(f"it stays in {second}")
    end(child, 0)
    assert "[partner]\n" in seen.read_text("utf-8") and second.exists()
    # Taken up and mended, it is saved, and it goes.
    child, seen = in_editor(home, tmp_path, "text = text.replace('[partner2]', '[partner]')")
    child.expect_exact("Open it instead of the session as it is now")
    child.sendline("y")
    assert f"saved {held}" in end(child, 0)
    assert "[partner2]" in seen.read_text("utf-8").split("\0")[-2]  # it opened the kept edit
    assert not second.exists() and first.exists()
    run("delete", held, "--yes")  # and deleting the session takes what is kept of it too
    assert not first.exists()
