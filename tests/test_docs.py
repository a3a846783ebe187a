"""The README's examples, reference and pictures come from the real program: they must be current."""

import re
import subprocess
import sys
from pathlib import Path

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
