"""The secret a data folder's report ids are made from (report.toml at the data folder's root):
made once, carried by sync as sessions are, sealed when the folder is, merged by flash when two
machines made one (the one made first, a revision above both), never a conflict; and what a
remote pushes of it is data, checked before anything is merged."""

import os
import shutil
import subprocess
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from flashcli.errors import FlashError
from flashcli.store import secret
from tests.conftest import key_of
from tests.factories import flash
from tests.machines import PREPARED, clean, clone, committed_files, first_machine, git, ok

EARLY, LATE = "2026-11-20T09:00:00+01:00", "2026-11-25T09:00:00+01:00"


def made(key: str, when: str, revision: int) -> secret.Secret:
    return secret.Secret(key, datetime.fromisoformat(when), revision)


def report(home: Path, now: str = LATE, period: str = "2026Q4") -> str:
    """The id of the report HOME writes now (it writes one)."""
    import json

    out = home.parent / f"{home.name}-report.json"
    out.unlink(missing_ok=True)
    ok(flash(home, "report", "--period", period, "--yes", "--out", str(out), now=now))
    return (
        str(json.loads(out.read_text())["report"]) + f"@{json.loads(out.read_text())['revision']}"
    )


def table(home: Path) -> dict[str, object]:
    text = (home / "report.toml").read_text("utf-8")
    assert "<<<<<<<" not in text and ">>>>>>>" not in text
    return tomllib.loads(text)


# ---------------------------------------------------------------- the rule, and the file


def test_two_secrets_merge_into_the_one_made_first_with_a_revision_above_both() -> None:
    first, later = made("a" * 64, EARLY, 5), made("0" * 64, LATE, 7)
    for one, other in ((first, later), (later, first)):
        both = secret.merged(one, other)
        assert (both.key, both.made, both.revision) == (first.key, first.made, 8)
    same_time = secret.merged(made("b" * 64, EARLY, 1), made("a" * 64, EARLY, 1))
    assert (same_time.key, same_time.revision) == ("a" * 64, 2)  # the same on both machines
    assert secret.merged(first, first) == first  # one secret met again: nothing to merge


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('schema = 1\nsecret = "xyz"\nmade = 2026-11-20T09:00:00Z\nrevision = 1\n', "its secret"),
        (f'schema = 1\nsecret = "{"a" * 64}"\nmade = "yesterday"\nrevision = 1\n', "'made'"),
        (
            f'schema = 1\nsecret = "{"a" * 64}"\nmade = 2026-11-20T09:00:00Z\nrevision = -1\n',
            "revision",
        ),
        (
            f'schema = 2\nsecret = "{"a" * 64}"\nmade = 2026-11-20T09:00:00Z\nrevision = 1\n',
            "schema",
        ),
        ("<<<<<<< HEAD\n", "not valid TOML"),
    ],
)
def test_a_secret_file_flash_cannot_read_is_refused_and_kept(
    home: Path, text: str, reason: str
) -> None:
    home.mkdir()
    (home / "report.toml").write_text(text)
    done = flash(home, "report", "--period", "2026Q4", "--yes", "--out", str(home / "r.json"))
    assert done.returncode == 1 and len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith(f"flash: cannot use {home / 'report.toml'}: ")
    assert reason in done.stderr and "remove it to have a new one made" in done.stderr
    assert (home / "report.toml").read_text() == text and not (home / "r.json").exists()


def test_the_first_report_makes_the_secret_and_every_report_takes_a_revision(home: Path) -> None:
    first, again = report(home), report(home)
    assert first.split("@") == [again.split("@")[0], "1"] and again.endswith("@2")
    assert oct((home / "report.toml").stat().st_mode & 0o777) == "0o600"
    assert table(home)["revision"] == 2
    assert first.split("@")[0] != report(home, period="2027Q1").split("@")[0]
    assert str(table(home)["secret"]) not in (home.parent / f"{home.name}-report.json").read_text()


def test_keys_a_newer_flash_wrote_are_kept(home: Path) -> None:
    report(home)
    path = home / "report.toml"
    path.write_text(path.read_text() + 'newer = "kept"\n')
    report(home)
    assert table(home)["newer"] == "kept" and table(home)["revision"] == 2


def test_a_report_asked_for_and_refused_makes_no_secret(home: Path) -> None:
    home.mkdir()
    done = flash(home, "report", "--period", "2026Q4", "--no-input")
    assert done.returncode == 2 and not (home / "report.toml").exists()


@pytest.mark.skipif(shutil.which("age") is None, reason="the age command is not installed")
def test_the_secret_is_sealed_with_the_folder_and_keeps_the_id(home: Path) -> None:
    ok(flash(home, *PREPARED, "--no-input"))
    before = report(home).split("@")[0]
    ok(flash(home, "config", "encrypt", "on"))
    assert not (home / "report.toml").exists()
    sealed = home / "report.toml.age"
    assert sealed.read_bytes().startswith(b"age-encryption.org/v1")
    opened = subprocess.run(
        ["age", "-d", "-i", str(key_of(home)), str(sealed)], capture_output=True, check=True
    )
    assert tomllib.loads(opened.stdout.decode())["revision"] == 1
    assert report(home) == f"{before}@2"
    ok(flash(home, "config", "encrypt", "off"))
    assert table(home)["revision"] == 2 and not sealed.exists()


def test_both_forms_of_the_secret_are_one_secret(home: Path) -> None:
    """A machine that did not yet know the folder is encrypted wrote report.toml beside the
    report.toml.age of another: flash sync makes them one, by the rule."""
    ok(flash(home, *PREPARED, "--no-input"))
    ok(flash(home, "config", "encrypt", "on"))
    later = report(home, LATE).split("@")[0]
    clear = made("0" * 64, EARLY, 4)
    (home / "report.toml").write_bytes(secret.dump(clear))
    assert "sealed what was in clear (1 file)" in ok(flash(home, "sync"))
    assert not (home / "report.toml").exists()
    again = report(home)  # the one made first, above revisions 4 and 1: 5, and this one 6
    assert again.endswith("@6") and not again.startswith(later)


# ---------------------------------------------------------------- two machines, real git


@pytest.mark.slow
def test_two_machines_that_each_made_a_secret_keep_one_with_no_conflict(tmp_path: Path) -> None:
    laptop = first_machine(tmp_path, [*PREPARED, "--no-input"])
    desktop = clone(tmp_path, "desktop")
    assert "/report.toml merge=flash" in (laptop / ".git" / "info" / "attributes").read_text()
    on_laptop = report(laptop, EARLY)
    on_desktop = report(desktop, LATE)
    assert on_laptop.split("@")[0] != on_desktop.split("@")[0]  # two secrets, made apart
    said = ok(flash(laptop, "sync"))
    assert "report secret made" in said and str(table(laptop)["secret"]) not in said
    ok(flash(desktop, "sync"))  # both added it: flash's driver merges them
    ok(flash(laptop, "sync"))
    for home in (laptop, desktop):
        clean(home)
        assert table(home)["secret"] == table(laptop)["secret"]
        assert table(home)["revision"] == 2  # the larger (1) + 1
    assert report(desktop).split("@") == [on_laptop.split("@")[0], "3"]  # the one made first
    assert "report.toml" in committed_files(tmp_path / "remote.git")


@pytest.mark.slow
def test_reports_written_on_both_machines_since_they_met_merge_above_both(
    tmp_path: Path,
) -> None:
    laptop = first_machine(tmp_path, [*PREPARED, "--no-input"])
    report(laptop)
    ok(flash(laptop, "sync"))
    desktop = clone(tmp_path, "desktop")
    report(laptop), report(laptop)  # revision 3 here
    report(desktop)  # revision 2 there
    ok(flash(laptop, "sync"))
    ok(flash(desktop, "sync"))
    clean(desktop)
    assert table(desktop)["revision"] == 4
    assert report(desktop).endswith("@5")


# ---------------------------------------------------------------- what a remote pushes


def attacker(tmp_path: Path) -> Path:
    evil = tmp_path / "evil"
    git(tmp_path, "clone", "--quiet", str(tmp_path / "remote.git"), str(evil))
    return evil


def pushed(evil: Path) -> None:
    git(evil, "add", "-A")
    git(evil, "-c", "user.name=E", "-c", "user.email=e@x", "commit", "-qm", "evil")
    git(evil, "push", "-q", "origin", "HEAD")


def _huge(evil: Path) -> None:
    good = secret.dump(made("a" * 64, EARLY, 1)).decode()
    (evil / "report.toml").write_text(good + f'pad = "{"x" * 2_000_000}"\n')


def _malformed(evil: Path) -> None:
    (evil / "report.toml").write_text('schema = 1\nsecret = "guessable"\nrevision = 1\n')


def _link(evil: Path) -> None:
    (evil / "report.toml").symlink_to("/etc/passwd")


def _folder(evil: Path) -> None:
    (evil / "report.toml").mkdir()
    (evil / "report.toml" / "x").write_text("x")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("push", "said"),
    [
        (_malformed, "origin holds report.toml, which flash cannot read (its secret is not 64"),
        (_huge, "origin holds report.toml, which flash cannot read (it is larger than 1 MB)"),
        (_link, "origin holds report.toml as a link, which flash never follows"),
        (_folder, "origin holds report.toml/x, in a folder named as a file flash keeps"),
    ],
)
def test_a_pushed_secret_that_is_not_one_is_refused_before_merging(
    tmp_path: Path, push: object, said: str
) -> None:
    laptop = first_machine(tmp_path, [*PREPARED, "--no-input"])
    mine = report(laptop)
    ok(flash(laptop, "sync"))
    evil = attacker(tmp_path)
    git(evil, "rm", "-q", "report.toml")
    push(evil)  # type: ignore[operator]
    pushed(evil)
    before = git(laptop, "rev-parse", "HEAD")
    refused = flash(laptop, "sync")
    assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1, refused
    assert said in refused.stderr and "nothing was merged" in refused.stderr
    assert git(laptop, "rev-parse", "HEAD") == before
    clean(laptop)
    assert report(laptop).split("@")[0] == mine.split("@")[0]


@pytest.mark.slow
def test_a_secret_flash_cannot_read_here_is_never_committed(tmp_path: Path) -> None:
    laptop = first_machine(tmp_path, [*PREPARED, "--no-input"])
    (laptop / "report.toml").write_text("not = [toml\n")
    refused = flash(laptop, "sync")
    assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1
    assert "cannot sync: report.toml is not a report secret flash can read (not valid TOML" in (
        refused.stderr
    )
    assert "report.toml" not in committed_files(laptop)


# ---------------------------------------------------------------- a sync folder


@pytest.mark.parametrize(
    "copy",
    [
        "report.sync-conflict-20261129-114800-ABCDEFG.toml",
        "report (Dana's conflicted copy 2026-11-29).toml",
        "report 2.toml",
    ],
)
def test_a_sync_programs_copy_of_the_secret_is_merged_by_the_rule(home: Path, copy: str) -> None:
    ok(flash(home, *PREPARED, "--no-input"))
    later = report(home, LATE)  # revision 1, made LATE
    first = made("0" * 64, EARLY, 3)
    (home / copy).write_bytes(secret.dump(first))
    listed = flash(home, "list")
    assert "conflict copies of report.toml; 'flash sync' merges them" in listed.stderr
    said = ok(flash(home, "sync"))
    assert f"merged {copy} into the report secret, and removed it" in said
    assert not (home / copy).exists()
    assert table(home)["secret"] == first.key and table(home)["revision"] == 4
    assert report(home).split("@")[1] == "5" and later.split("@")[0] != report(home).split("@")[0]


def test_a_secret_never_lands_in_the_error_of_a_copy_it_cannot_read(home: Path) -> None:
    ok(flash(home, *PREPARED, "--no-input"))
    (home / "report 2.toml").write_text(f'secret = "{"f" * 64}"\n')  # no schema: not flash's
    done = flash(home, "sync")
    assert done.returncode == 1 and "f" * 64 not in done.stderr
    assert (home / "report 2.toml").exists()


def test_the_secret_is_written_private(home: Path) -> None:
    os.umask(0o022)
    report(home)
    assert oct((home / "report.toml").stat().st_mode & 0o777) == "0o600"
    assert datetime.fromisoformat(str(table(home)["made"])).tzinfo is not None
    assert isinstance(table(home)["made"], datetime) and table(home)["made"] != datetime.now(UTC)


def test_a_secret_that_is_not_flashs_names_what_to_do(home: Path) -> None:
    home.mkdir()
    (home / "report.toml").write_bytes(b"\xff\xfe")
    with pytest.raises(FlashError, match="not UTF-8"):
        secret.parse((home / "report.toml").read_bytes(), home / "report.toml")
