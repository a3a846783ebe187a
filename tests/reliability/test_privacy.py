"""7. Private by default: 0700 folders and 0600 files whatever the umask; no leaks into messages or drafts."""

import os
import stat
import subprocess
import sys
from pathlib import Path

from tests.conftest import Run
from tests.reliability.procs import env

SECRET = "my manager is leaving in March"


def flash_umask0(
    home: Path, *args: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flashcli", *args],
        env=env(home),
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.umask(0),
        cwd=cwd,
        check=False,
    )


def modes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): oct(stat.S_IMODE(p.stat().st_mode))
        for p in sorted(root.rglob("*"))
    }


def test_everything_flash_writes_is_private_under_umask_0(tmp_path: Path) -> None:
    home, out = tmp_path / "home", tmp_path / "out"
    out.mkdir()
    steps = [
        ["config", "name", "Grace Hopper"],
        ["prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2026-12-01 10:00"],
        ["notes", SECRET],
        ["prep", "--goal", "Rewritten"],
        ["email", "--out", str(out / "agenda.eml")],
        ["email", "--thanks", "--out", str(out / "thanks.eml")],
        ["export", "--format", "markdown", "--out", str(out / "s.md")],
        ["export", "--format", "ics", "--out", str(out / "s.ics")],
    ]
    for step in steps:
        assert flash_umask0(home, *step).returncode == 0, step
    for name, mode in modes(home).items():
        assert mode == ("0o700" if (home / name).is_dir() else "0o600"), name
    assert oct(stat.S_IMODE(home.stat().st_mode)) == "0o700"
    assert set(modes(out).values()) == {"0o600"}


def test_the_bak_of_a_migrated_file_is_private(run: Run, home: Path) -> None:
    run("prep", "--with", "Ada")
    [path] = (home / "sessions").glob("*.toml")
    path.write_text(path.read_text("utf-8").replace("schema = 1", "schema = 0"), "utf-8")
    path.chmod(0o644)  # as a sync tool might leave it
    old = os.umask(0)
    try:
        assert run("notes", "x").exit_code == 0
    finally:
        os.umask(old)
    assert oct(stat.S_IMODE(path.stat().st_mode)) == "0o600"
    assert oct(stat.S_IMODE(path.with_name(path.name + ".bak").stat().st_mode)) == "0o600"


def test_messages_never_show_session_content(run: Run, home: Path) -> None:
    run("prep", "--with", "Ada Lovelace <ada@example.org>")
    run("notes", SECRET)
    [path] = (home / "sessions").glob("*.toml")
    text = path.read_text("utf-8")
    outputs = []
    for broken in (
        text.replace("[[notes]]", "[[notes]]\nrating = 'x'\nkind = 7"),
        text.replace("schema = 1", "schema = 9"),
        text + "\n[[oops",
    ):
        path.write_text(broken, "utf-8")
        for args in (["show"], ["list"], ["notes", "x"], ["show", path.stem], ["actions"], []):
            result = run(*args)
            outputs.append(result.stderr + (result.stdout if result.exit_code else ""))
    assert all(SECRET not in o and "manager" not in o for o in outputs)


def test_drafts_carry_no_notes_unless_exported(run: Run) -> None:
    run("prep", "--with", "Ada Lovelace <ada@example.org>", "--topic", "Next steps")
    run("notes", SECRET)
    run("notes", "--question", "Should I ask for the role?")
    run("followup", "--feedback", "Thinking about timing")
    for args in (
        ["email"],
        ["email", "--thanks"],
        ["email", "--mailto"],
        ["email", "--thanks", "--mailto"],
    ):
        out = run(*args).stdout
        assert "manager" not in out and "ask for the role" not in out
    assert SECRET in run("export", "--format", "markdown").stdout  # only when the person exports


def test_out_never_overwrites_silently(run: Run, tmp_path: Path) -> None:
    run("prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2026-12-01 10:00")
    for args in (
        ["email", "--out"],
        ["email", "--thanks", "--out"],
        ["export", "--format", "ics", "--out"],
    ):
        target = tmp_path / "existing"
        target.write_text("precious", "utf-8")
        result = run(*args, str(target))
        assert (
            result.exit_code == 1
            and "already exists; choose another name or add --force" in result.stderr
        )
        assert target.read_text("utf-8") == "precious"
