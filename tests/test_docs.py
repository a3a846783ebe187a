"""The README's examples, reference and pictures come from the real program: they must be current."""

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Run

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_readme_generated_parts_are_current() -> None:
    result = subprocess.run(
        [sys.executable, str(DOCS / "readme.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def visible_text(svg: str) -> list[str]:
    """The characters a person sees, in order (Rich puts each run of text in a <text> element)."""
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text [^>]*>(.*?)</text>", svg)]


def test_screenshots_are_current(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(DOCS / "screenshots.py"), "--out", str(tmp_path)], check=True
    )
    for name in ("agenda.svg", "live-notes.svg"):
        fresh = visible_text((tmp_path / name).read_text("utf-8"))
        assert fresh and fresh == visible_text((DOCS / name).read_text("utf-8")), name
        assert any("Agenda" in t or "Live" in t for t in fresh)


README = DOCS.parent / "README.md"


def test_the_set_up_commands_in_the_readme_run_as_written(run: Run, home: Path) -> None:
    """The first set-up command makes a real session, which the README says how to remove;
    its completion command names a shell, as --install-completion needs."""
    text = README.read_text("utf-8")
    [setup] = re.findall(r"python3 -m pip install \. && (flash prep [^\n]+)", text)
    args = shlex.split(setup)[1:]
    assert run(*args, "--no-input").exit_code == 0
    [removal] = re.findall(r"remove it with `(flash delete [^`]+)`", text)
    assert run(*shlex.split(removal)[1:]).exit_code == 0
    assert not list((home / "sessions").glob("*.toml"))
    for command in re.findall(r"`(flash --install-completion[^`]*)`", " ".join(text.split())):
        assert len(shlex.split(command)) == 3, command  # flash, the option, the shell


def quick_starts() -> list[list[str]]:
    """The mentee's and the mentor's quick starts, as docs/readme.py runs them."""
    import runpy

    found = runpy.run_path(str(DOCS / "readme.py"))
    return [found["MENTEE"], found["MENTOR"]]


def test_the_quick_starts_run_after_the_set_up_session(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A person runs the set-up command, then follows the Quick start: no line of it may
    find two sessions where it means one ("flash edit ada" with two of Ada's)."""
    monkeypatch.chdir(tmp_path)  # the drafts a quick start writes
    [setup] = re.findall(r"python3 -m pip install \. && (flash prep [^\n]+)", README.read_text())
    assert run(*shlex.split(setup)[1:], "--no-input").exit_code == 0
    for lines in quick_starts():
        for line in lines:
            result = run(*shlex.split(line)[1:])
            assert result.exit_code == 0, (line, result.stderr)
