"""The summary index is only a cache: whatever happens to it, the answers are a full scan's."""

import json
import marshal
import os
import signal
import time
import zlib
from pathlib import Path

import pytest

from flashcli import store
from flashcli.store import index, kept, sessionfile
from tests.conftest import Run


def by_id(summary: list) -> str:  # type: ignore[type-arg]
    return str(summary[0])


def full_scan() -> tuple[list[list], list[tuple[str, str]]]:  # type: ignore[type-arg]
    sessions, problems = store.scan()
    return sorted((s.summary().to_json() for s in sessions), key=by_id), sorted(
        (p.path, p.reason) for p in problems
    )


def indexed() -> tuple[list[list], list[tuple[str, str]]]:  # type: ignore[type-arg]
    sessions, problems, _ = index.read_all()
    return sorted((s.to_json() for s in sessions), key=by_id), sorted(
        (p.path, p.reason) for p in problems
    )


def cached() -> tuple[dict, dict]:  # type: ignore[type-arg]
    """The keys and rows in index.cache, read as index.py reads them."""
    keys, rows, _ = cached_all()
    return keys, rows


def cached_all() -> tuple[dict, dict, dict]:  # type: ignore[type-arg]
    """The keys, rows and digests in index.cache, read as index.py reads them."""
    fmt, version, crc, inner = marshal.loads(index.path().read_bytes())
    assert (fmt, version) == index._stamp() and zlib.crc32(inner) == crc
    return marshal.loads(inner)  # type: ignore[no-any-return]


def write_cache(keys: dict, rows: dict, digests: dict | None = None) -> None:  # type: ignore[type-arg]
    """An index.cache as flash writes it, whatever it holds (no digests unless given)."""
    inner = marshal.dumps((keys, rows, digests or {}))
    index.path().write_bytes(marshal.dumps((*index._stamp(), zlib.crc32(inner), inner)))


@pytest.fixture
def three(run: Run, sessions_dir: Path) -> Path:
    run("prep", "--with", "Ada Lovelace <ada@example.org>", "--when", "2026-12-01 10:00")
    run("notes", "--action", "Draft the plan", "--due", "+1w")
    run("prep", "--with", "Grace Hopper", "--when", "2026-12-02 10:00")
    run("prep", "--with", "Sam Lee", "--role", "mentor")
    assert indexed() == full_scan()
    return sessions_dir


def drop_cache() -> None:
    index.path().unlink(missing_ok=True)
    index.journal().unlink(missing_ok=True)


def test_the_index_is_written_and_then_used(
    three: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drop_cache()
    indexed()
    assert index.path().exists() and not index.journal().exists()
    calls = []
    real = sessionfile.parse
    monkeypatch.setattr(sessionfile, "parse", lambda p: calls.append(p) or real(p))
    indexed()
    assert calls == []  # nothing unchanged is parsed again


def test_deleting_the_index(three: Path, home: Path) -> None:
    drop_cache()
    assert indexed() == full_scan()


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"{not marshal",
        b"\xff\xfe",
        marshal.dumps([]),
        marshal.dumps((index.FORMAT, index._stamp()[1], 7, b"not the crc's bytes")),
        marshal.dumps((index.FORMAT, index._stamp()[1], zlib.crc32(b"x"), b"x")),
        marshal.dumps((index.FORMAT, index._stamp()[1], "crc", {})),
    ],
)
def test_a_corrupt_index_is_made_again_with_a_note(three: Path, home: Path, garbage: bytes) -> None:
    index.path().write_bytes(garbage)
    assert index.read_all().mended
    assert indexed() == full_scan()
    assert cached()[0]  # written anew, whole
    assert not index.read_all().mended


@pytest.mark.parametrize(
    "old", [marshal.dumps((2, "3.0.0", {})), marshal.dumps((99,)), marshal.dumps((3, "x", {}, {}))]
)
def test_an_index_of_another_flash_or_python_is_made_again_quietly(three: Path, old: bytes) -> None:
    index.path().write_bytes(old)
    assert not index.read_all().mended
    assert indexed() == full_scan()


@pytest.mark.parametrize("damage", [("x",) * 17, (1,) * 17, None, ["a", "list"]])  # 17: a row
def test_a_damaged_entry_is_found_by_the_checksum(three: Path, damage: object) -> None:
    """An entry changed after flash wrote the index: the keys still match the files."""
    drop_cache()
    indexed()
    fmt, version, crc, _ = marshal.loads(index.path().read_bytes())
    keys, rows = cached()
    rows["2026-12-01-ada-lovelace.toml"] = damage
    damaged = marshal.dumps((keys, rows, {}))
    index.path().write_bytes(marshal.dumps((fmt, version, crc, damaged)))
    assert index.read_all().mended
    assert indexed() == full_scan()
    assert cached()[1]["2026-12-01-ada-lovelace.toml"] != damage


def wrong_types(row: tuple) -> list[tuple]:  # type: ignore[type-arg]
    """A summary row with one field of another type: what a valid checksum does not catch."""
    return [
        (None, *row[1:]),  # no id
        (*row[:7], "soon", *row[8:]),  # a time that is text
        (*row[:13], ("goals", 5), *row[14:]),  # a ticked key that is a number
        (*row[:15], (("Read", "me", 20261208, None),), *row[16:]),  # a due date that is not
        (*row[:15], ["not a tuple"], *row[16:]),  # actions that are not rows
        (*row, "one too many"),
    ]


@pytest.mark.parametrize("which", range(6))
@pytest.mark.parametrize("command", [["list"], [], ["show"], ["actions"]])
def test_rows_of_the_wrong_types_are_read_again_with_a_note(
    run: Run, three: Path, which: int, command: list[str]
) -> None:
    drop_cache()
    expected = run(*command).stdout
    keys, rows = cached()
    name = "2026-12-01-ada-lovelace.toml"
    rows[name] = wrong_types(rows[name])[which]
    write_cache(keys, rows)
    result = run(*command)
    assert result.exit_code == 0, result
    assert result.stdout == expected
    assert result.stderr.count("note: the index of sessions was damaged") == 1
    assert indexed() == full_scan()
    assert "damaged" not in run(*command).stderr  # made again, once


@pytest.mark.parametrize("extra", ["row", "key"])
def test_a_row_without_its_key_or_a_key_without_its_row_is_read_again(
    three: Path, extra: str
) -> None:
    drop_cache()
    indexed()
    keys, rows = cached()
    (rows if extra == "row" else keys)["2026-12-09-nobody.toml"] = "gone"
    write_cache(keys, rows)
    assert index.read_all().mended
    assert indexed() == full_scan()


@pytest.mark.parametrize("damage", [("short",), 7])
def test_an_entry_that_cannot_be_a_summary_is_read_again(three: Path, damage: object) -> None:
    """Even an index whose checksum holds: an entry that is no summary makes it read the files."""
    drop_cache()
    indexed()
    keys, rows = cached()
    rows["2026-12-01-ada-lovelace.toml"] = damage
    write_cache(keys, rows)
    assert index.read_all().mended
    assert indexed() == full_scan()


@pytest.mark.parametrize(
    "line",
    [b'"abc"', b'["2026-12-01-ada-lovelace.toml", [], []]', b"[1, 2, 3]", b"{}", b"null"],
)
def test_a_journal_line_of_the_wrong_shape(three: Path, run: Run, line: bytes) -> None:
    run("notes", "2026-12-01-ada-lovelace", "a new note")
    journal = index.journal()
    journal.write_bytes(line + b"\n" + journal.read_bytes())
    assert index.read_all().mended
    assert indexed() == full_scan()
    result = run("list", "--json")
    assert result.exit_code == 0 and "Traceback" not in result.stderr


def test_a_hand_edited_file(three: Path) -> None:
    path = three / "2026-12-01-ada-lovelace.toml"
    stat = path.stat()
    path.write_text(
        path.read_text("utf-8").replace('"Draft the plan"', '"Draft the plan, v2"'), "utf-8"
    )
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # an editor that keeps the time
    assert indexed() == full_scan()
    assert any(a[0] == "Draft the plan, v2" for s in indexed()[0] for a in s[15])


def test_a_file_added_by_sync_and_one_removed(three: Path, run: Run) -> None:
    source = three / "2026-12-02-grace-hopper.toml"
    added = three / "2026-12-24-grace-hopper.toml"
    added.write_text(
        source.read_text("utf-8").replace("2026-12-02-grace-hopper", "2026-12-24-grace-hopper"),
        "utf-8",
    )
    source.unlink()
    assert indexed() == full_scan()
    ids = [s[0] for s in indexed()[0]]
    assert "2026-12-24-grace-hopper" in ids and "2026-12-02-grace-hopper" not in ids


def test_a_file_that_breaks_and_is_mended(three: Path) -> None:
    path = three / "2026-12-02-grace-hopper.toml"
    good = path.read_text("utf-8")
    path.write_text("schema = 1\n[[", "utf-8")
    assert indexed() == full_scan()
    assert indexed()[1][0][0] == str(path)
    path.write_text(good, "utf-8")
    assert indexed() == full_scan() and indexed()[1] == []


def test_files_touched_or_sealed_are_hashed_not_parsed_again(
    three: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a sync or a restore touched every file, or encrypt on sealed them all, the first
    list reads and hashes them: only a file whose content changed is parsed."""
    drop_cache()
    indexed()
    for path in three.iterdir():
        os.utime(path, ns=(path.stat().st_mtime_ns + 10**9,) * 2)
    changed = three / "2026-12-02-grace-hopper.toml"
    changed.write_text(changed.read_text("utf-8").replace("Grace Hopper", "Grace B. Hopper"))
    parsed = []
    real = sessionfile.parse_clear
    monkeypatch.setattr(sessionfile, "parse_clear", lambda c, p: parsed.append(p) or real(c, p))
    answers = indexed()
    assert parsed == [changed]
    assert answers == full_scan()
    assert run("config", "encrypt", "on").exit_code == 0
    parsed.clear()
    answers = indexed()
    assert parsed == []  # each sealed file holds, in clear, what its row was made from
    assert answers == full_scan()


def test_a_chmod_is_noticed(three: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = three / "2026-12-02-grace-hopper.toml"
    time.sleep(0.01)
    path.chmod(0o644)  # changes ctime only
    calls = []
    real = kept.read_checked
    monkeypatch.setattr(kept, "read_checked", lambda p: calls.append(p) or real(p))
    indexed()
    assert calls == [path]  # read again (and found to hold what it held)


def test_an_unwritable_index_still_answers_simulated(
    three: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drop_cache()

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(index, "write_atomic", full)
    assert indexed() == full_scan()


def test_list_and_actions_agree_with_and_without_the_index(
    three: Path, home: Path, run: Run
) -> None:
    outputs = [(run("list", "--all", "--json").stdout, run("actions", "--all", "--json").stdout)]
    drop_cache()
    outputs.append(
        (run("list", "--all", "--json").stdout, run("actions", "--all", "--json").stdout)
    )
    assert outputs[0] == outputs[1]


def test_a_500_session_smoke(run: Run, home: Path) -> None:
    from datetime import date

    from tests.test_store import new

    for n in range(500):
        new(f"Partner {n}", date(2026, 12, 1 + n % 28))
    assert indexed() == full_scan()
    assert len(indexed()[0]) == 500
    rows = json.loads(run("list", "--json").stdout)
    assert len(rows) == 500
    (home / "sessions" / "2026-12-01-partner-0.toml").unlink()
    assert len(json.loads(run("list", "--json").stdout)) == 499
    assert indexed() == full_scan()


def test_flashs_own_writes_need_no_parse(
    three: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("notes", "2026-12-01-ada-lovelace", "a new note")  # the journal carries its summary
    calls = []
    real = sessionfile.parse
    monkeypatch.setattr(sessionfile, "parse", lambda p: calls.append(p) or real(p))
    answers = indexed()
    assert calls == []
    assert answers == full_scan()


def test_a_torn_or_stale_journal(three: Path, home: Path, run: Run) -> None:
    drop_cache()
    indexed()  # folds everything into the index: the journal starts empty
    run("notes", "2026-12-01-ada-lovelace", "a new note")
    journal = index.journal()
    good = journal.read_bytes()
    *stamp, name, key, summary, _ = json.loads(good)
    summary[2] = "Someone Else"  # a line about what the file held before: another digest
    held = index.digest(b"what the file held before").hex()
    stale = json.dumps([*stamp, name, [key[0] + 1, *key[1:]], summary, held]).encode() + b"\n"
    journal.write_bytes(good + stale + b'["2026-12-01-ada-lovelace.toml", [3')  # killed mid-line
    assert indexed() == full_scan()
    assert not journal.exists()  # a stale line made it parse the file, and fold the journal


def test_the_journal_is_folded_once_it_grows(
    three: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("notes", "2026-12-01-ada-lovelace", "a new note")
    indexed()
    assert index.journal().exists()  # small: reading it is cheaper than rewriting the index
    monkeypatch.setattr(index, "JOURNAL_FOLD", 0)
    assert indexed() == full_scan()
    assert not index.journal().exists() and index.path().exists()


def test_a_first_read_of_many_files_is_shared_between_cores(
    three: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "PARALLEL_FROM", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 3)  # this process and two children
    drop_cache()
    assert indexed() == full_scan()
    assert len(indexed()[0]) == 3


def test_a_parser_killed_leaves_its_share_to_this_process(
    three: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "PARALLEL_FROM", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 3)  # the machine's shape, not a fault
    parent, real = os.getpid(), index._row

    def dying(file: Path, key: tuple[int, ...], old: object) -> object:
        if os.getpid() != parent:  # a child, killed for real before it hands anything back
            os.kill(os.getpid(), signal.SIGKILL)
        return real(file, key, old)

    monkeypatch.setattr(index, "_row", dying)
    drop_cache()
    assert indexed() == full_scan()


def test_a_journal_line_with_a_control_character_is_read_again_from_the_file(
    three: Path, run: Run
) -> None:
    """The journal is plain JSON in the data folder: a line carrying an escape sequence in a
    name is not believed, and the list shows the name the file holds."""
    run("notes", "2026-12-01-ada-lovelace", "a new note")
    journal = index.journal()
    *stamp, name, key, summary, held = json.loads(journal.read_bytes().splitlines()[-1])
    summary[2] = "Ada\x1b[2J"
    line = json.dumps([*stamp, name, key, summary, held]).encode()
    journal.write_bytes(journal.read_bytes() + line + b"\n")
    assert index.read_all().mended
    assert "\x1b" not in run("list").stdout and indexed() == full_scan()


@pytest.mark.parametrize(
    ("column", "bad"),
    [
        (16, (("thank", "tomorrow"),)),  # a reminder snoozed until: a time, or None
        (17, (("2026-12-15T09:00:00+01:00", 1.5),)),  # a check-in's score: whole
        (24, (("thank-feedback", None),)),  # a tick's time: known, or not kept at all
        (24, ((1, 2.0),)),
        (18, 5),  # the purpose: text
        (19, "yes"),  # reverse: true or false
        (22, "yes\x1b[2J"),  # the decision: text without control characters
    ],
)
def test_a_damaged_figure_in_a_cached_row_is_not_believed(column: int, bad: object) -> None:
    from flashcli.summary import well_formed
    from tests.factories import session

    row = tuple(session(id="2026-12-01-ada").summary())
    assert well_formed(row)
    assert not well_formed((*row[:column], bad, *row[column + 1 :]))


@pytest.mark.parametrize("older", ["unstamped", "stamped"])
def test_a_journal_another_flash_wrote_is_read_again_quietly(
    three: Path, run: Run, older: str
) -> None:
    """After an upgrade (or a downgrade), the lines the other flash appended are its own: their
    files are parsed again, and nothing is said to be damaged."""
    run("notes", "2026-12-01-ada-lovelace", "a new note")
    journal = index.journal()
    *stamp, name, key, summary, held = json.loads(journal.read_bytes().splitlines()[-1])
    other = [stamp[0] - 1, stamp[1]] if older == "stamped" else []
    journal.write_bytes(json.dumps([*other, name, key, summary[:-3], held]).encode() + b"\n")
    index.path().unlink(missing_ok=True)  # as when the other flash had not folded it yet
    reading = index.read_all()
    assert not reading.mended
    assert indexed() == full_scan()
    result = run("list")
    assert result.exit_code == 0 and "damaged" not in result.stderr
