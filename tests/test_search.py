"""flash search: what was written anywhere, found case and accents aside."""

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ADA, Run


@pytest.fixture
def two(run: Run) -> None:
    run("prep", "--with", ADA, "--goal", "Plan my move into management", "--no-input")
    run("prep", "--topic", "Is management for me?", "--question", "How did you decide?")
    run("notes", "Talk to two managers\nbefore deciding")
    run("notes", "--resource", "The Manager's Path")
    run("notes", "--action", "Email Sam about the MANAGEMENT course")
    run("prep", "--with", "José Ñúñez <jose@example.org>", "--when", "2026-12-03 10:00")
    run("notes", "Café culture at the new office")
    run("followup", "--feedback", "Clear advice on managing up", "--no-input")


def found(run: Run, text: str) -> list[tuple[str, str, str, str, str]]:
    result = run("search", text, "--json")
    assert result.exit_code == 0, result
    return [
        (f["session"], f["day"], f["partner"], f["where"], f["line"])
        for f in json.loads(result.stdout)
    ]


def test_search_finds_every_kind_of_line_case_and_accents_aside(run: Run, two: None) -> None:
    ada, jose = "2026-11-28-ada-lovelace", "2026-12-03-jose-nunez"
    assert found(run, "manag") == [
        (jose, "2026-12-03", "José Ñúñez", "feedback", "Clear advice on managing up"),
        (ada, "2026-11-28", "Ada Lovelace", "goal", "Plan my move into management"),
        (ada, "2026-11-28", "Ada Lovelace", "topic", "Is management for me?"),
        (ada, "2026-11-28", "Ada Lovelace", "note", "Talk to two managers"),
        (ada, "2026-11-28", "Ada Lovelace", "resource", "The Manager's Path"),
        (ada, "2026-11-28", "Ada Lovelace", "action", "Email Sam about the MANAGEMENT course"),
    ]
    assert found(run, "CAFE") == [
        (jose, "2026-12-03", "José Ñúñez", "note", "Café culture at the new office")
    ]
    assert found(run, "before deciding") == [
        (ada, "2026-11-28", "Ada Lovelace", "note", "before deciding")
    ]
    assert found(run, "did you decide") == [
        (ada, "2026-11-28", "Ada Lovelace", "question", "How did you decide?")
    ]
    assert found(run, "nowhere") == []


def test_search_covers_the_place_and_the_partners_name(run: Run, two: None) -> None:
    run("prep", "--where", "Café Nero")  # José's session is the current one
    jose = ("2026-12-03-jose-nunez", "2026-12-03", "José Ñúñez")
    assert found(run, "cafe")[0] == (*jose, "where", "Café Nero")
    assert found(run, "nunez") == [(*jose, "partner", "José Ñúñez")]


def test_a_kind_of_note_flash_does_not_know_is_never_printed_as_the_file_spells_it(
    run: Run, two: None, sessions_dir: Path
) -> None:
    path = sessions_dir / "2026-11-28-ada-lovelace.toml"
    text = path.read_text("utf-8").replace('kind = "resource"', 'kind = "\\u001b[2J"', 1)
    path.write_text(text, "utf-8")
    out = run("search", "Manager's Path")
    assert "\x1b" not in out.stdout and "note: The Manager's Path" in out.stdout


def test_search_as_a_table_and_when_nothing_matches(run: Run, two: None) -> None:
    out = run("search", "café").stdout
    assert "2026-12-03-jose-nunez" in out and "note: Café culture at the new office" in out
    assert run("search", "zebra").stdout == "Nothing matches 'zebra'.\n"
    refused = run("search", "  ")
    assert refused.exit_code == 2 and "give some text to look for" in refused.stderr


def test_search_sees_changes_and_skips_what_it_cannot_read(
    run: Run, two: None, sessions_dir: Path
) -> None:
    assert found(run, "budget") == []
    run("notes", "Ask about the budget")  # José's session is the current one
    assert [f[3:] for f in found(run, "budget")] == [("note", "Ask about the budget")]
    (sessions_dir / "2026-12-03-jose-nunez.toml").write_text("not [ toml", "utf-8")
    result = run("search", "manag", "--json")
    assert len(json.loads(result.stdout)) == 5
    assert "1 session file could not be read; 'flash list' names it" in result.stderr
    run("delete", "2026-11-28-ada-lovelace", "--yes")
    assert found(run, "manag") == []


def test_text_from_files_is_shown_escaped(run: Run, sessions_dir: Path) -> None:
    run("prep", "--with", ADA, "--no-input")
    path = next(sessions_dir.glob("*.toml"))
    path.write_text('goal = "evil \\u001b[2J goal"\n' + path.read_text("utf-8"), "utf-8")
    out = run("search", "evil").stdout
    assert "\x1b" not in out and "\\x1b[2J" in out


def test_a_damaged_cache_is_made_again(run: Run, two: None, home: Path) -> None:
    import marshal

    assert len(found(run, "manag")) == 6
    cache = home / "words.cache"
    stored = marshal.loads(cache.read_bytes())
    for name, (key, _) in stored[1].items():
        stored[1][name] = (key, ("too", "short"))  # as if a bad write had left it so
    cache.write_bytes(marshal.dumps(stored))
    assert len(found(run, "manag")) == 6
    cache.write_bytes(b"\x00garbage")
    assert len(found(run, "manag")) == 6


@pytest.mark.parametrize(
    "damage",
    [
        lambda e: (7, *e[1:]),  # an id that is a number
        lambda e: (e[0], None, *e[2:]),  # no day
        lambda e: (*e[:3], [("note", 5)], e[4]),  # a line that is no text
        lambda e: (*e[:4], b"folded"),  # folded text that is bytes
        lambda e: e[:4],  # a field short
    ],
)
def test_entries_of_the_wrong_types_are_read_again_with_a_note(
    run: Run,
    two: None,
    home: Path,
    damage: Callable[[tuple], tuple],  # type: ignore[type-arg]
) -> None:
    import marshal

    expected = run("search", "manag").stdout
    cache = home / "words.cache"
    stored = marshal.loads(cache.read_bytes())
    name = sorted(stored[1])[0]
    key, entry = stored[1][name]
    stored[1][name] = (key, damage(entry))
    cache.write_bytes(marshal.dumps(stored))
    result = run("search", "manag")
    assert (result.exit_code, result.stdout) == (0, expected)
    assert "note: the index of words for search was damaged" in result.stderr
    assert "damaged" not in run("search", "manag").stderr
    assert oct(cache.stat().st_mode & 0o777) == "0o600"
