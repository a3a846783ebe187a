"""The crontab edited as text, over drawn crontabs: flash's line added, replaced or removed,
every other byte kept; and a word of its line as cron and sh read it. With the real program
in between: test_remind_cron.py."""

import shlex
from datetime import time

from hypothesis import given
from hypothesis import strategies as st

from flashcli.daily import cron
from tests.system import MARK, PIECES, cron_unescaped, crontabs

OURS = cron.line(time(7, 15), {"FLASH_HOME": "/home/me/flash"}, ["/bin/flash", "remind"]).encode()
EARLIER = b"0 9 * * * FLASH_HOME=/x /bin/flash remind >/dev/null " + MARK.encode()


def test_flash_s_line_ends_with_its_marker_and_nothing_else_is_flash_s() -> None:
    assert cron.is_ours(OURS) and cron.is_ours(OURS + b"\n") and cron.is_ours(EARLIER)
    assert [piece for piece in PIECES if cron.is_ours(piece)] == []


@given(crontabs)
def test_lines_are_the_text_cut_at_its_line_breaks(text: bytes) -> None:
    found = cron.lines(text)
    assert b"".join(found) == text
    assert all(line.endswith(b"\n") and line.count(b"\n") == 1 for line in found[:-1])
    assert not found or found[-1].count(b"\n") == text.endswith(b"\n")


@given(crontabs)
def test_added_then_removed_gives_back_the_crontab_byte_for_byte(text: bytes) -> None:
    added = cron.placed(text, OURS)
    assert added.startswith(text) and added.removeprefix(text).strip(b"\n") == OURS
    assert cron.without(added) == text
    assert cron.placed(added, OURS) == added  # installed twice: the same


@given(crontabs, crontabs, st.booleans())
def test_flash_s_line_is_replaced_alone_where_it_stands(
    before: bytes, after: bytes, last: bool
) -> None:
    head = before if before.endswith(b"\n") or not before else before + b"\n"
    text = head + EARLIER + (b"" if last else b"\n" + after)
    replaced = head + OURS + (b"" if last else b"\n" + after)
    assert cron.placed(text, OURS) == replaced
    assert cron.without(replaced) == cron.without(text)


@given(st.text(st.characters(exclude_categories=["Cc", "Cs"]), max_size=30))
def test_a_word_of_the_line_is_itself_once_cron_and_sh_have_read_it(text: str) -> None:
    word = cron._word(text)
    assert "%" not in word.replace("\\%", "")  # no bare % for cron to end the command at
    assert shlex.split(cron_unescaped(word)) == [text]


def test_flash_s_line_is_known_with_a_carriage_return_or_blanks_after_it() -> None:
    for ending in (b"\r\n", b" \n", b"\t\r\n", b"  "):
        assert cron.is_ours(EARLIER + ending)
    crlf = b"# mine\r\n" + EARLIER + b"\r\n" + b"0 7 * * 1 backup\r\n"
    assert cron.without(crlf) == b"# mine\r\n0 7 * * 1 backup\r\n"
    assert cron.placed(crlf, OURS).count(MARK.encode()) == 1  # replaced, not added twice


def test_a_variable_or_a_job_s_input_ending_with_the_marker_is_not_flash_s() -> None:
    variable = b"NOTE = keep this " + MARK.encode() + b"\n"
    tight = b"NOTE=" + MARK.encode() + b"\n"
    input_ = b"0 8 * * * mail -s hi me %dear me, " + MARK.encode() + b"\n"
    escaped = b"0 8 * * * echo 100\\% done " + MARK.encode() + b"\n"
    assert not any(cron.is_ours(line) for line in (variable, tight, input_))
    assert cron.is_ours(escaped)  # an escaped % is part of the command
    text = variable + tight + input_
    assert cron.without(text) == text
    assert cron.placed(text, OURS) == text + OURS + b"\n"
