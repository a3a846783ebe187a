"""Part 8 §4: the Markdown export, rendered by a CommonMark renderer (markdown-it-py): what
people typed always reads as text, and the structure of the document is flash's alone."""

from pathlib import Path
from urllib.parse import unquote

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from tests.conftest import Run

TYPED = {
    "topic": "# heading",
    "note": "A thought\n---\n- not a list\n> not a quote\n1. not a list either",
    "question": "<script>alert(1)</script>",
    "resource": "[click](javascript:alert(1))",
    "referral": "<img src=x onerror=alert(1)>",
    "action": "**Bold** _claims_ `code` ~~gone~~ | a | table |",
    "goal": "![pic](http://example.org/x.png) & &amp; entities",
}


BREAKS = {"softbreak": "\n", "hardbreak": "\n"}


def tokens(markdown: str) -> list[Token]:
    flat = []
    for token in MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(markdown):
        flat += [token, *(token.children or [])]
    return flat


def test_typed_text_stays_text_and_the_structure_stays_flashs(run: Run, home: Path) -> None:
    run(
        "prep",
        "--with",
        "Ada <ada@example.org>",
        "--topic",
        TYPED["topic"],
        "--goal",
        TYPED["goal"],
    )
    run("notes", TYPED["note"])
    run("notes", "--question", TYPED["question"], "--resource", TYPED["resource"])
    run("notes", "--referral", TYPED["referral"], "--action", TYPED["action"])
    markdown = run("export", "--format", "markdown").stdout
    found = tokens(markdown)
    kinds = {t.type for t in found}
    assert not kinds & {"html_inline", "html_block", "image", "code_inline", "hr"}
    links = [t.attrs["href"] for t in found if t.type == "link_open"]
    assert links == ["http://example.org/x.png"]  # the address typed, and only that
    assert not kinds & {"em_open", "s_open", "table_open", "blockquote_open"}
    bold = [found[n + 1].content for n, t in enumerate(found) if t.type == "strong_open"]
    facts = {"Mentor:", "Role:", "When:", "Length:", "Where:", "Purpose:", "Objective:"}
    assert set(bold) <= facts | {"Success looks like:", "Feedback:", "Rating:", "Continue:"}
    headings = [found[n + 1].content for n, t in enumerate(found) if t.type == "heading_open"]
    assert headings[0] == "Flash mentoring with Ada"
    assert set(headings[1:]) <= {
        "Topics",
        "Prepared questions",
        "Notes",
        "Questions asked",
        "Resources",
        "Referrals",
        "Plan of action",
        "Checklist: prepare",
        "Checklist: during",
        "Checklist: after",
    }
    shown = "\n".join(
        "".join(BREAKS.get(c.type, c.content if c.type == "text" else "") for c in t.children or [])
        for t in found
        if t.type == "inline"
    )
    for typed in TYPED.values():
        for line in typed.split("\n"):
            assert line.strip() in shown, line  # each line of it, as typed


def test_a_plain_record_stays_plain(run: Run) -> None:
    """Ordinary prose is not littered with escapes: only what Markdown would act on is."""
    run("prep", "--with", "Ada Lovelace <ada@example.org>", "--topic", "The 30-day plan, e.g. now")
    markdown = run("export").stdout
    assert "1. The 30-day plan, e.g. now" in markdown


ADDRESSES = [
    "https://meet.example.org/abc?x=1&y=2",
    "https://example.org/a_b_c/*x*/~y~?q=[1]#frag",
    "http://example.org/path(with)parens",
]


@pytest.mark.parametrize("linkify", [False, True], ids=["CommonMark", "GFM linkify"])
@pytest.mark.parametrize("address", ADDRESSES)
def test_a_web_address_typed_is_linked_as_typed(
    run: Run, home: Path, address: str, linkify: bool
) -> None:
    """No escaping leaks into an address: under linkify a backslash became part of it."""
    run("prep", "--with", "Ada <ada@example.org>", "--where", address, "--no-input")
    run("notes", f"Slides at {address}, as agreed.")
    markdown = run("export", "--format", "markdown").stdout
    parser = MarkdownIt("commonmark", {"linkify": linkify})
    if linkify:
        parser.enable("linkify")
    found = [t for token in parser.parse(markdown) for t in (token, *(token.children or []))]
    links = [unquote(str(t.attrs["href"])) for t in found if t.type == "link_open"]
    assert links == [address, address]  # the place, and the note (as the renderer quotes it)
    shown = [found[n + 1].content for n, t in enumerate(found) if t.type == "link_open"]
    assert shown == [address, address]
    assert "Slides at" in markdown and ", as agreed." in markdown
