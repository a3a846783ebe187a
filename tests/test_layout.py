"""The layout holds: the command line reaches the store only through its front door, the disk
primitives know nothing of sealing, and each vocabulary is said once."""

import ast
from pathlib import Path
from typing import get_args

from flashcli.kinds import NOTE_KINDS, NoteKind

SRC = Path(__file__).parent.parent / "src" / "flashcli"


def imported(path: Path) -> set[str]:
    """Every flashcli module PATH imports, at the top or inside a function: `from a.b import c`
    imports a.b, and a.b.c too when that is a module."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("flashcli"):
            found.add(str(node.module))
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                as_path = SRC.parent / name.replace(".", "/")
                if as_path.with_suffix(".py").exists() or as_path.is_dir():
                    found.add(name)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("flashcli")}
    return found


def test_the_command_line_reaches_the_store_only_through_its_front_door() -> None:
    """store/__init__.py (and the person's config) is all the command line may use: not the
    index, the paths, the disk, the session file format or the search index."""
    for path in sorted((SRC / "cli").rglob("*.py")):
        reached = {m for m in imported(path) if m.startswith("flashcli.store.")}
        assert reached <= {"flashcli.store.config"}, path


def test_no_module_is_called_files_and_disk_knows_nothing_of_sealing() -> None:
    assert not list(SRC.rglob("files.py"))
    disk = imported(SRC / "store" / "disk.py")
    assert not {m for m in disk if "crypt" in m or "kept" in m}, disk
    crypt = imported(SRC / "store" / "crypt.py")
    assert not {m for m in crypt if "kept" in m}, crypt


def test_only_the_one_pair_seals_and_opens() -> None:
    """Decryption and encryption sit side by side in store/kept.py: no other module calls
    crypt's seal or unseal, so every reader and writer follows the one rule for sealing."""
    for path in sorted(SRC.rglob("*.py")):
        if path.relative_to(SRC).as_posix() in ("store/crypt.py", "store/kept.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                assert (node.value.id, node.attr) not in {("crypt", "seal"), ("crypt", "unseal")}
            if isinstance(node, ast.ImportFrom) and node.module == "flashcli.store.crypt":
                assert not {a.name for a in node.names} & {"seal", "unseal"}, path


def test_the_note_kinds_are_listed_once_with_all_they_need() -> None:
    assert tuple(NOTE_KINDS) == get_args(NoteKind)
    prefixes = [k.prefix for k in NOTE_KINDS.values() if k.prefix]
    assert len(prefixes) == len(set(prefixes)) == 3
