"""8. No injection: references never become paths, headers never take line breaks, no shell anywhere."""

import json
import os
import re
import stat
from pathlib import Path

import pytest

import flashcli
from tests.conftest import Run

pytestmark = pytest.mark.slow  # real processes, kills, git: `pytest -m 'not slow'` skips them


@pytest.mark.parametrize(
    "ref",
    [
        "../../etc/passwd",
        "/etc/passwd",
        "..",
        "../sessions/x",
        "2026-12-01-ada-lovelace/../../x",
        "~",
        "*",
        "2026*",
    ],
)
def test_session_references_are_matched_against_ids(run: Run, home: Path, ref: str) -> None:
    run("prep", "--with", "Ada Lovelace", "--when", "2026-12-01 10:00")
    (home / "x.toml").write_text('schema = 1\nid = "x"\n', "utf-8")
    for command in (
        ["show", ref],
        ["notes", ref, "note"],
        ["delete", ref, "--yes"],
        ["export", ref],
    ):
        result = run(*command)
        assert result.exit_code == 1, command
        assert "no session matches" in result.stderr
    assert (home / "sessions" / "2026-12-01-ada-lovelace.toml").exists()


@pytest.mark.parametrize(
    "text",
    [
        "Ada\r\nBcc: everyone@example.org",
        "Ada <ada@example.org>\nBcc: x@example.org",
        "Ada <ada@example.org\r\n>",
    ],
)
def test_line_breaks_never_reach_a_header(run: Run, text: str) -> None:
    result = run("prep", "--with", text)
    assert result.exit_code == 2
    assert run("config", "name", "Grace\r\nBcc: x@example.org").exit_code == 2
    assert run("config", "email", "g@example.org\nBcc: x@example.org").exit_code == 2


def test_a_hand_edited_header_field_is_refused(run: Run, home: Path, tmp_path: Path) -> None:
    run("prep", "--with", "Ada Lovelace <ada@example.org>")
    [path] = (home / "sessions").glob("*.toml")
    path.write_text(
        path.read_text("utf-8").replace(
            'name = "Ada Lovelace"', 'name = "Ada\\r\\nBcc: x@example.org"'
        ),
        "utf-8",
    )
    result = run("email", path.stem, "--out", str(tmp_path / "x.eml"))
    assert result.exit_code == 1 and "partner.name: must be a single line" in result.stderr
    assert not (tmp_path / "x.eml").exists()


def test_nothing_is_ever_passed_to_a_shell() -> None:
    source = Path(flashcli.__file__).parent
    pattern = re.compile(r"shell\s*=\s*True|os\.system|os\.popen|subprocess\.getoutput|commands\.")
    offenders = [str(p) for p in source.rglob("*.py") if pattern.search(p.read_text("utf-8"))]
    assert offenders == []


@pytest.mark.parametrize("text", ["[/oops]", "[bold]x[/bold]", ":thumbs_up:", "[red]t", "[link=x]"])
def test_typed_text_is_shown_as_typed_never_as_markup(run: Run, text: str) -> None:
    """Rich would read "[/oops]" as a closing tag and stop with a traceback."""
    started = run("prep", "--with", f"Ada {text}", "--goal", text, "--topic", text, "--no-input")
    assert started.exit_code == 0, started.output
    sid = json.loads(run("show", "--json").stdout)["id"]
    assert run("notes", sid, text).exit_code == 0  # alone, "[/oops]" would name Ada [/oops]
    assert run("notes", "--action", text).exit_code == 0
    for command in (["show"], ["agenda"], ["prep", "--no-input"], ["followup", "--no-input"]):
        result = run(*command)
        assert result.exit_code == 0, (command, result.output)
        assert text in result.stdout, command
    for command in (["list"], ["actions"], []):
        assert run(*command).exit_code == 0, command


# Real files of every kind at the --out path: --force replaces a regular file, nothing else.
NOT_FILES = {
    "a FIFO": lambda path: os.mkfifo(path),
    "a link": lambda path: path.symlink_to(path.with_name("target")),
    "a folder": lambda path: path.mkdir(),
}


@pytest.mark.parametrize("kind", NOT_FILES)
def test_force_replaces_only_a_regular_file(run: Run, tmp_path: Path, kind: str) -> None:
    run("prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2026-12-01 10:00")
    target = tmp_path / "out"
    NOT_FILES[kind](target)
    before = os.lstat(target)
    for args in (["export", "--format", "ics"], ["email"]):
        result = run(*args, "--out", str(target), "--force")
        assert result.exit_code in (1, 2) and "Traceback" not in result.stderr
        assert result.stderr.count("\n") <= 2  # one line, and a hint for a usage error
        after = os.lstat(target)
        assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert not (tmp_path / "target").exists()  # a link's target was not written either


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node takes root")
def test_force_never_replaces_a_device(run: Run, tmp_path: Path) -> None:
    """A real character device, made here (the one /dev/null is), not /dev/null itself."""
    device = tmp_path / "null"
    os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    run("prep", "--with", "Ada Lovelace <ada@example.org>")
    result = run("export", "--out", str(device), "--force")
    assert result.exit_code == 1 and f"{device} is a device" in result.stderr
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_an_empty_out_is_a_usage_error(run: Run) -> None:
    run("prep", "--with", "Ada Lovelace <ada@example.org>")
    result = run("export", "--out", "")
    assert result.exit_code == 2 and "--out: '.' is a folder; give a file name" in result.stderr


ESCAPES = "\x1b]52;c;ZXZpbA==\x07\x1b]0;owned\x07\x1b[2J\x9b2J\u2028"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def test_control_characters_from_a_file_never_reach_the_terminal(run: Run, home: Path) -> None:
    """A hand-edited file: in a field flash knows they are refused; in a key of the person's
    own (kept, and shown by --json) they are written as JSON escapes."""
    run("prep", "--with", "Ada Lovelace <ada@example.org>", "--topic", "Fit")
    [path] = (home / "sessions").glob("*.toml")
    text = path.read_text("utf-8")
    path.write_text(text.replace("[partner]", f"mine = {json.dumps(ESCAPES)}\n[partner]"), "utf-8")
    for args in (["show", "--json"], ["export", "--format", "json"], ["show"], ["list"], []):
        result = run(*args)
        assert result.exit_code == 0, (args, result.stderr)
        assert not RAW.search(result.stdout + result.stderr), args
    assert json.loads(run("show", "--json").stdout)["mine"] == ESCAPES  # kept, exactly
    path.write_text(text.replace('"Fit"', json.dumps("Fit" + ESCAPES)), "utf-8")
    for args in (["show"], ["agenda"], ["email"], ["export"], ["list"], ["actions"], []):
        result = run(*args)
        assert not RAW.search(result.stdout + result.stderr), args
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "text", ["Eve\x9b2J", "Eve\x1b[2J", "Eve\u2028Bcc: x@example.org", "Eve\x85"]
)
def test_c1_and_line_separators_are_refused_on_the_command_line(run: Run, text: str) -> None:
    """ESC was refused, but C1 controls (U+009B is a CSI) were taken, stored and printed."""
    result = run("prep", "--with", f"{text} <eve@example.org>")
    assert result.exit_code == 2 and "must be a single line" in result.stderr
    assert not RAW.search(result.stderr)


@pytest.mark.parametrize(
    ("args", "echoed"),
    [
        (["prep", "--when", "tomorrow\x1b[2J"], "could not read 'tomorrow\\x1b[2J' as a date"),
        (["notes", "--action", "x", "--due", "soon\nBcc: x"], "'soon\\x0aBcc: x' as a date"),
        (["prep", "--with", "Ada\x9b2J <ada@example.org>"], "--with: must be a single line"),
        (["show", "zz\x1b]0;owned\x07"], "no session matches 'zz\\x1b]0;owned\\x07'"),
        (["prep", "--with", "Ada <a\u2028b@example.org>"], "--with: must be a single line"),
    ],
)
def test_messages_that_echo_input_show_it_escaped_on_one_line(
    run: Run, args: list[str], echoed: str
) -> None:
    run("prep", "--with", "Grace Hopper <grace@example.org>")
    result = run(*args)
    assert result.exit_code in (1, 2)
    assert echoed in result.stderr
    assert not RAW.search(result.stderr)
    assert result.stderr.count("\n") <= 2  # the message, and for a usage error a hint


@pytest.mark.parametrize("name", ["Ada\u202eecalevoL", "\u200b", "\u200c\u200d"])
def test_a_name_that_could_pass_for_another_is_refused_everywhere(
    run: Run, home: Path, name: str
) -> None:
    """In list, search and an email's To: a name with a direction override, or with nothing
    visible, would read as another: refused as control characters are, nothing written."""
    result = run("prep", "--with", f"{name} <ada@example.org>", "--no-input")
    assert result.exit_code == 2, result
    assert "direction" in result.stderr or "shows nothing" in result.stderr
    assert not (home / "sessions").exists() or not list((home / "sessions").iterdir())


EVIL = "x\x1b[2J\u2028\u202eevil"  # a terminal escape, a line separator, a direction override
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize(
    "args",
    [
        ["config", EVIL, "x"],  # an unknown config key
        ["config", "role", EVIL],
        ["prep", "--done", EVIL],
        ["prep", "--undo", EVIL],
        ["followup", "--done", EVIL],
        ["followup", "--continue", EVIL],  # click's own usage error
        ["prep", "--role", EVIL],
        ["prep", f"--{EVIL}"],  # an option that does not exist
        [EVIL],  # a command that does not exist
        ["--show-completion", EVIL],
        ["--install-completion", EVIL],
        ["show", EVIL],
        ["notes", EVIL, "note"],
        ["prep", "--when", EVIL],
        ["notes", "--action", "x", "--due", EVIL],
        ["edit", "--drop-note", EVIL],
        ["search", EVIL],
        ["export", "--format", EVIL],
        ["export", "--out", f"{EVIL}.md"],  # the 'wrote NAME' line
        ["email", "--out", f"{EVIL}.eml"],
        ["actions", "--ics", "--out", f"{EVIL}.ics"],
        ["prep", "--with", f"{EVIL} <ada@example.org>"],
        ["delete", EVIL, "--yes"],
    ],
)
def test_every_message_that_echoes_input_shows_it_escaped(
    run: Run, home: Path, tmp_path: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))  # --install-completion writes nowhere real
    run("prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2026-12-01 10:00")
    result = run(*args)
    said = result.stdout + result.stderr
    assert not RAW.search(said), (args, said)
