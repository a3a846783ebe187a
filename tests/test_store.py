"""Storage: ids, private files, atomic rewrites that keep hand edits, broken files left alone."""

import os
import stat
import sys
import threading
import time
import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from flashcli import store
from flashcli.errors import BadSessionFile, FlashError
from flashcli.models import Session
from flashcli.store import disk
from flashcli.store.paths import folders
from tests.factories import session

NOW = datetime(2026, 11, 28, 8, tzinfo=UTC)  # FLASH_NOW in conftest


def new(name: str = "Ada Lovelace", day: date = date(2026, 12, 1)) -> Session:
    return store.create(day, name, lambda sid: session(partner=name, id=sid))


def test_ids_take_a_suffix_on_collision(sessions_dir: Path) -> None:
    assert [new().id for _ in range(3)] == [
        "2026-12-01-ada-lovelace",
        "2026-12-01-ada-lovelace-2",
        "2026-12-01-ada-lovelace-3",
    ]
    assert sorted(p.name for p in sessions_dir.iterdir()) == [
        "2026-12-01-ada-lovelace-2.toml",
        "2026-12-01-ada-lovelace-3.toml",
        "2026-12-01-ada-lovelace.toml",
    ]


def test_folders_and_files_are_private_whatever_the_umask(home: Path, sessions_dir: Path) -> None:
    old = os.umask(0)
    try:
        s = new()
        store.update(s.id, lambda x: setattr(x, "goal", "Plan"))
    finally:
        os.umask(old)
    for folder in (home, sessions_dir):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for f in sessions_dir.iterdir():
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f


def test_the_file_is_plain_toml_with_schema(sessions_dir: Path) -> None:
    s = new()
    data = tomllib.loads((sessions_dir / f"{s.id}.toml").read_text("utf-8"))
    assert data["schema"] == 1
    assert data["id"] == s.id
    assert data["partner"] == {"name": "Ada Lovelace"}
    assert data["created"] == NOW


def test_hand_edits_survive_rewrites(sessions_dir: Path) -> None:
    s = new()
    path = sessions_dir / f"{s.id}.toml"
    text = path.read_text("utf-8")
    text = 'my_tag = "programme-2026"\n' + text + '\n[mine]\nmood = "hopeful"\nscore = 3\n'
    text = text.replace(
        '[partner]\nname = "Ada Lovelace"', '[partner]\nname = "Ada Lovelace"\npronouns = "she/her"'
    )
    path.write_text(text, "utf-8")
    store.update(s.id, lambda x: x.topics.append("First steps"))
    data = tomllib.loads(path.read_text("utf-8"))
    assert data["my_tag"] == "programme-2026"
    assert data["mine"] == {"mood": "hopeful", "score": 3}
    assert data["partner"]["pronouns"] == "she/her"
    assert data["topics"] == ["First steps"]


def test_a_held_lock_is_waited_for(sessions_dir: Path) -> None:
    s = new()
    release = disk.lock(folders().lock_file, 0)
    threading.Timer(0.3, release).start()
    started = time.monotonic()
    assert store.update(s.id, lambda x: setattr(x, "goal", "Waited")).goal == "Waited"
    assert time.monotonic() - started >= 0.3


def test_a_lock_held_too_long_is_a_clear_error_and_changes_nothing(
    sessions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = new()
    before = (sessions_dir / f"{s.id}.toml").read_bytes()
    monkeypatch.setattr(disk, "LOCK_SECONDS", 0.2)
    release = disk.lock(folders().lock_file, 0)
    try:
        with pytest.raises(
            FlashError, match=r"another flash has held .*\.lock for 0.2s; try again"
        ):
            store.update(s.id, lambda x: setattr(x, "goal", "Never"))
    finally:
        release()
    assert (sessions_dir / f"{s.id}.toml").read_bytes() == before


@pytest.mark.parametrize(("first", "second"), [("linux", "win32"), ("win32", "linux")])
def test_flock_and_filelock_shut_each_other_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: str, second: str
) -> None:
    """Windows takes filelock's lock; here it is the same flock(2), so both paths can be tried."""
    import filelock  # noqa: F401  imported under the real platform, it locks with flock(2) here

    target = tmp_path / ".lock"
    monkeypatch.setattr(sys, "platform", first)
    release = disk.lock(target, 0)
    monkeypatch.setattr(sys, "platform", second)
    with pytest.raises(TimeoutError):
        disk.lock(target, 0.1)
    release()
    disk.lock(target, 0)()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_update_rereads_inside_the_lock(sessions_dir: Path) -> None:
    s = new()
    # Another process changes the file after we loaded it: our update must not undo theirs.
    store.update(s.id, lambda x: x.topics.append("From terminal one"))
    store.update(s.id, lambda x: x.topics.append("From terminal two"))
    assert store.load(s.id).topics == ["From terminal one", "From terminal two"]


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("schema = 1\nid = [\n", "not valid TOML: "),
        ("", "there is no 'schema' key"),
        (b"\xff\xfe\x00binary", "not UTF-8 text"),
        ("schema = 2\n", "written by a newer flash (schema 2, this one knows 1)"),
        ('schema = "one"\n', "'schema' must be a whole number"),
        (
            'schema = 1\nid = "2026-12-01-ada"\nrole = "boss"\n',
            "role: must be 'mentee' or 'mentor'",
        ),
    ],
)
def test_broken_files_are_reported_and_left_alone(
    sessions_dir: Path, content: str | bytes, why: str
) -> None:
    s = new("Ada")
    path = sessions_dir / f"{s.id}.toml"
    raw = content if isinstance(content, bytes) else content.encode()
    path.write_bytes(raw)
    with pytest.raises(BadSessionFile) as caught:
        store.update(s.id, lambda x: setattr(x, "goal", "never written"))
    assert why in caught.value.message
    assert str(path) in caught.value.message
    assert path.read_bytes() == raw


def test_toml_errors_give_the_line(sessions_dir: Path) -> None:
    s = new("Ada")
    path = sessions_dir / f"{s.id}.toml"
    path.write_text('schema = 1\n\nid = "x\n', "utf-8")
    with pytest.raises(BadSessionFile, match="line 3"):
        store.load(s.id)


def test_a_file_whose_name_and_id_disagree(sessions_dir: Path) -> None:
    s = new("Ada")
    path = sessions_dir / f"{s.id}.toml"
    path.write_text(
        path.read_text("utf-8").replace(f'id = "{s.id}"', 'id = "2026-01-01-other"'), "utf-8"
    )
    with pytest.raises(
        BadSessionFile, match="its id '2026-01-01-other' does not match its file name"
    ):
        store.load(s.id)


def test_scan_lists_the_good_and_reports_the_bad(sessions_dir: Path) -> None:
    good = new("Ada")
    bad = new("Grace")
    (sessions_dir / f"{bad.id}.toml").write_text("not toml at all [", "utf-8")
    (sessions_dir / "README.txt").write_text("ignored", "utf-8")
    (sessions_dir / ".2026-12-01-ada.toml.abc.tmp").write_text("half", "utf-8")
    sessions, problems = store.scan()
    assert [s.id for s in sessions] == [good.id]
    assert [p.path for p in problems] == [str(sessions_dir / f"{bad.id}.toml")]


def test_resolve_by_id_prefix_and_current(monkeypatch: pytest.MonkeyPatch) -> None:
    ada = new("Ada Lovelace")
    grace = new("Grace Hopper", date(2026, 12, 2))
    assert store.resolve(ada.id) == ada.id
    assert store.resolve("2026-12-02") == grace.id
    with pytest.raises(FlashError, match=r"'2026-12' matches 2 sessions: .*give more of the id"):
        store.resolve("2026-12")
    with pytest.raises(FlashError, match="no session matches 'zz'; see 'flash list'"):
        store.resolve("zz")
    monkeypatch.setenv("FLASH_NOW", "2026-11-28T09:05:00+01:00")
    store.update(ada.id, lambda s: setattr(s, "goal", "touch"))
    assert store.resolve(None) == ada.id  # the most recently updated


@pytest.mark.parametrize(
    "ref", ["../../etc/passwd", "/etc/passwd", "..", "2026-12-01-ada/../x", "2026-12-01-ada\n", ""]
)
def test_references_are_matched_never_joined(ref: str) -> None:
    new("Ada")
    with pytest.raises(FlashError, match="no session matches"):
        store.resolve(ref)


def test_no_open_session_says_how_to_start() -> None:
    with pytest.raises(FlashError, match=r'start one with: flash prep --with "Name <email>"'):
        store.resolve(None)


def test_a_read_only_folder_is_a_clear_error_simulated(
    sessions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = new()
    before = (sessions_dir / f"{s.id}.toml").read_bytes()

    def read_only(path: Path) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    # root ignores chmod, so simulate a folder that cannot be written in
    monkeypatch.setattr("flashcli.store.disk._temporary", read_only)
    with pytest.raises(
        FlashError, match=r"cannot write in .*Permission denied; nothing was changed"
    ):
        store.update(s.id, lambda x: setattr(x, "goal", "x"))
    assert (sessions_dir / f"{s.id}.toml").read_bytes() == before


def test_a_full_disk_on_write_leaves_the_old_file_and_no_temp_simulated(
    sessions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = new()
    path = sessions_dir / f"{s.id}.toml"
    before = path.read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(
        FlashError, match=r"could not save .*No space left on device; it is unchanged"
    ):
        store.update(s.id, lambda x: setattr(x, "goal", "lost?"))
    assert path.read_bytes() == before
    assert sorted(p.name for p in sessions_dir.iterdir()) == [path.name]


def test_an_unwritable_home_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    monkeypatch.setenv("FLASH_HOME", str(blocker / "flash"))
    with pytest.raises(FlashError, match="cannot create folder"):
        new()
