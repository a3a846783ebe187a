"""Encryption at rest: age files any age tool opens, every command the same, nothing left in
clear, and a clear refusal without the right key."""

import json
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pyrage
import pytest
from pyrage import x25519

from tests.conftest import ADA, Run, age_key, key_of

SID = "2026-12-01-ada-lovelace"
SECRETS = ("Ada Lovelace", "Plan my move", "Talk to two managers", "Draft my plan")


@pytest.fixture
def sealed(run: Run, home: Path) -> Path:
    """Ada's session with a note, an action, a backup-worthy history, then encryption on."""
    run("prep", "--with", ADA, "--goal", "Plan my move", "--when", "2026-12-01 10:00")
    run("notes", "Talk to two managers")
    run("notes", "--action", "Draft my plan", "--due", "2026-12-08")
    run("search", "managers")  # the caches hold the words too, until encryption is on
    run("notes", "--at", "2026-12-01 10:05", "Plan my move, said again")  # and the journal
    run("list")
    assert {f"sessions/{SID}.toml", "index.log", "words.cache"} <= set(readable(home))
    result = run("config", "encrypt", "on")
    assert result.exit_code == 0, result
    assert f"made the key {key_of(home)}" in result.stdout
    assert "encrypted 1 file" in result.stdout
    return home


def readable(home: Path) -> list[str]:
    """Every file under HOME, but the key, in which a secret can be read."""
    found = []
    for path in home.rglob("*"):
        if path.is_file() and path.name != "key.txt":
            data = path.read_bytes()
            if any(s.encode() in data for s in SECRETS):
                found.append(str(path.relative_to(home)))
    return found


def test_every_command_works_and_nothing_is_left_in_clear(run: Run, sealed: Path) -> None:
    assert sorted(p.name for p in (sealed / "sessions").iterdir()) == [f"{SID}.toml.age"]
    assert oct(key_of(sealed).stat().st_mode & 0o777) == "0o600"
    assert run("list").stdout.count(SID) == 1
    assert "Plan my move" in run("show", "ada").stdout
    assert run("notes", "Ask about the budget").exit_code == 0
    assert run("notes", "--action", "Call Sam", "--owner", "partner").exit_code == 0
    assert run("edit", "--where", "The library").exit_code == 0
    assert "note: Ask about the budget" in run("search", "budget").stdout
    assert [a["text"] for a in json.loads(run("actions", "--json").stdout)] == [
        "Draft my plan",
        "Call Sam",
    ]
    assert run("followup", "--complete", "1", "--no-input").exit_code == 0
    assert "Talk to two managers" in run("export", "--format", "markdown").stdout
    assert "Ada" in run().stdout
    assert re.search(r"^encrypt +on$", run("config").stdout, re.MULTILINE)
    assert {"index.cache.age", "index.log.age", "words.cache.age"} <= {
        p.name for p in sealed.iterdir()
    }
    assert readable(sealed) == []
    assert sorted(p.name for p in (sealed / "sessions").iterdir()) == [f"{SID}.toml.age"]


def test_the_standard_format_opens_with_the_key_alone(sealed: Path) -> None:
    lines = key_of(sealed).read_text().splitlines()
    assert lines[0].startswith("# created: ") and lines[1].startswith("# public key: age1")
    identity = x25519.Identity.from_str(lines[2])
    data = (sealed / "sessions" / f"{SID}.toml.age").read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n")
    table = tomllib.loads(pyrage.decrypt(data, [identity]).decode("utf-8"))
    assert table["goal"] == "Plan my move" and table["id"] == SID


@pytest.mark.skipif(shutil.which("age") is None, reason="the age command is not installed")
def test_the_age_command_opens_a_session(sealed: Path) -> None:
    """age (Go), an implementation apart from pyrage's Rust one, with the key file alone."""
    shown = subprocess.run(
        ["age", "-d", "-i", str(key_of(sealed)), str(sealed / "sessions" / f"{SID}.toml.age")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert 'goal = "Plan my move"' in shown


def test_off_opens_everything_again(run: Run, sealed: Path) -> None:
    result = run("config", "encrypt", "off")
    assert result.stdout == f"decrypted 1 file in {sealed}\n"
    path = sealed / "sessions" / f"{SID}.toml"
    assert tomllib.loads(path.read_text())["goal"] == "Plan my move"
    assert not (sealed / "encryption").exists() and key_of(sealed).exists()
    assert run("notes", "After").exit_code == 0 and "After" in path.read_text()


def test_without_the_right_key_a_line_naming_the_file_and_nothing_changes(
    run: Run, sealed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = {p: p.read_bytes() for p in (sealed / "sessions").iterdir()}
    key_of(sealed).rename(tmp_path / "key.txt")
    gone = run("show", SID)
    assert gone.exit_code == 1 and len(gone.stderr.splitlines()) == 1
    assert f"there is no key in {key_of(sealed)}" in gone.stderr
    other = tmp_path / "other.txt"
    age_key(other)
    monkeypatch.setenv("FLASH_KEY", str(other))
    wrong = run("notes", SID, "Not saved")
    assert wrong.exit_code == 1 and len(wrong.stderr.splitlines()) == 1
    assert f"{SID}.toml.age: it cannot be opened with the key in {other} (it was encrypted" in (
        wrong.stderr
    )
    monkeypatch.setenv("FLASH_KEY", str(tmp_path / "key.txt"))
    assert run("list").exit_code == 0  # the key, named where it is
    assert {p: p.read_bytes() for p in (sealed / "sessions").iterdir()} == before


def test_flash_key_names_the_key_to_use(run: Run, home: Path, tmp_path: Path) -> None:
    os.environ["FLASH_KEY"] = str(tmp_path / "missing.txt")
    try:
        run("prep", "--with", ADA, "--when", "2026-12-01 10:00")
        refused = run("config", "encrypt", "on")
        assert refused.exit_code == 1 and "FLASH_KEY names" in refused.stderr
        assert not (home / "encryption").exists()
        key = tmp_path / "mine.txt"
        age_key(key)
        os.environ["FLASH_KEY"] = str(key)
        assert run("config", "encrypt", "on").stdout == f"encrypted 1 file in {home}\n"
        assert not key_of(home).exists() and "Ada" in run("list").stdout
    finally:
        del os.environ["FLASH_KEY"]


def test_drafts_backups_and_kept_edits_are_sealed_too(run: Run, home: Path) -> None:
    run("prep", "--with", ADA, "--goal", "Plan my move", "--when", "2026-12-01 10:00")
    (home / f"{SID}-notes-edit.txt").write_text("Talk to two managers", "utf-8")
    (home / "sessions" / f"{SID}.toml.bak").write_text("goal = 'Plan my move'", "utf-8")
    (home / "drafts").mkdir(mode=0o700)
    (home / "drafts" / f"{SID}-agenda.eml").write_text("To: Ada Lovelace", "utf-8")
    copy = home / "sessions" / f"{SID} 2.toml"  # a sync program's conflict copy
    copy.write_bytes((home / "sessions" / f"{SID}.toml").read_bytes())
    assert run("config", "encrypt", "on").exit_code == 0
    assert readable(home) == []
    assert "merged 2026-12-01-ada-lovelace 2.toml.age" in run("sync").stdout
    refused = run("email", "--open")
    assert refused.exit_code == 1 and "write it where you choose with --out FILE" in refused.stderr
    assert run("delete", SID, "--yes").exit_code == 0
    assert readable(home) == [] and not list((home / "drafts").iterdir())
    assert not list(home.glob(f"{SID}*"))


def test_caches_an_older_flash_named_otherwise_are_removed_when_made_again(
    run: Run, sealed: Path
) -> None:
    """Before part 13 an encrypted folder kept its caches as index.cache, index.log and
    words.cache (sealed inside); their names now say that they are sealed, and the old ones
    go when the caches are next written."""
    for name in ("index.cache", "index.log", "words.cache"):
        (sealed / name).write_bytes(b"as an older flash left it")
    (sealed / "index.cache.age").unlink()
    assert run("list").exit_code == 0
    assert run("search", "managers").exit_code == 0
    assert not {"index.cache", "index.log", "words.cache"} & {p.name for p in sealed.iterdir()}
    assert {"index.cache.age", "words.cache.age"} <= {p.name for p in sealed.iterdir()}
