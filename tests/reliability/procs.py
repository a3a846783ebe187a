"""Running flash as real processes, as many at once as a test needs (tests/factories.py),
and what a folder holds before and after."""

from pathlib import Path


def snapshot(home: Path) -> dict[str, bytes]:
    """Every file under FLASH_HOME, byte for byte: all but the lock and the caches, which are
    derived and may be written by any command."""
    return {
        str(p.relative_to(home)): p.read_bytes()
        for p in sorted(home.rglob("*"))
        if p.is_file() and p.name.removesuffix(".age") not in DERIVED
    }


DERIVED = (".lock", "index.cache", "index.log", "words.cache", "guidance.cache")
