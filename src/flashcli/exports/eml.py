"""A draft as files mail programs take: an RFC 5322 message (with an invitation, if asked for)
that opens as an unsent draft, or an RFC 6068 mailto: link.

Names are written so that every reader gets them back exactly. Python's own writer splits a
long non-ASCII name into encoded-words of 76 characters (RFC 2047 allows 75), mid-word, and
Python's own reader then keeps the space between two encoded-words that RFC 2047 says to drop
('Fe rnández'). So a name is written here in runs: a plain ASCII word stays plain, and the
words between are one encoded-word each run, of at most 75 characters, split only at a space
(kept inside the first word) when a run is longer than that. Such a run (four Greek words,
say) is the one case Python's newer address parser reads with a double space, keeping the
folding RFC 2047 drops; mail programs and RFC 2047 readers read it exactly.
"""

import email.utils
import re
import shlex
from email import policy
from email.base64mime import header_encode as b_encoded
from email.charset import QP, Charset
from email.encoders import encode_base64
from email.header import Header
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.quoprimime import header_encode as q_encoded
from urllib.parse import quote

from flashcli.errors import FlashError
from flashcli.exports.drafts import Draft
from flashcli.i18n import _

MAILTO_LIMIT = 2000  # about what mail clients and browsers accept in a link
WORD_LIMIT = 75  # an encoded-word's length at most (RFC 2047 §2)
LINE_LIMIT = 78  # a header line's length, folded at spaces past it (RFC 5322 §2.1.1)
ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+")  # RFC 5322 atext: a word needing nothing


def as_eml(draft: Draft, invitation: bytes | None = None) -> bytes:
    """An RFC 5322 message a mail client opens as an unsent draft (X-Unsent: 1), in UTF-8
    quoted-printable; with INVITATION, an iCalendar REQUEST the partner can accept, in the
    form CalConnect recommends for every client (_invitation)."""
    to = address(draft.to_name, _need_address(draft))
    utf8 = Charset("utf-8")
    utf8.body_encoding = QP
    message: MIMEBase = _text(draft.body, "plain", utf8)
    if invitation is not None:
        message = _invitation(message, invitation, utf8)
    message["To"] = to
    if draft.from_email:
        message["From"] = address(draft.from_name, draft.from_email)
    plain = draft.subject.isascii() and not _looks_encoded(draft.subject)
    charset = "us-ascii" if plain else "utf-8"
    message["Subject"] = Header(draft.subject, charset, header_name="Subject").encode()
    message["X-Unsent"] = "1"
    return message.as_bytes(policy=policy.compat32.clone(linesep="\r\n"))


def _invitation(text: MIMEBase, invitation: bytes, charset: Charset) -> MIMEMultipart:
    """multipart/mixed[multipart/alternative[text/plain, text/calendar; method=REQUEST],
    application/ics attachment]: the calendar part as Outlook writes and expects it (an
    alternative of the text, MS-OXCMAIL), and the same invitation as a file for the clients
    that offer only attachments (CalConnect's recommendation for iTIP over email)."""
    calendar = _text(invitation.decode("utf-8"), "calendar", charset)
    calendar.set_param("method", "REQUEST")
    alternative = MIMEMultipart("alternative")
    alternative.attach(text)
    alternative.attach(calendar)
    attachment = MIMEBase("application", "ics", name="invite.ics")
    attachment.set_payload(invitation)
    encode_base64(attachment)
    attachment.add_header("Content-Disposition", "attachment", filename="invite.ics")
    mixed = MIMEMultipart("mixed")
    mixed.attach(alternative)
    mixed.attach(attachment)
    return mixed


def _text(body: str, subtype: str, charset: Charset) -> MIMENonMultipart:
    part = MIMENonMultipart("text", subtype)
    part.set_payload(body, charset)
    return part


def address(name: str | None, addr: str) -> str:
    """'Name <addr>' as a header holds it: quoted where RFC 5322 asks, encoded if not ASCII."""
    if not name:
        return addr
    if name.isascii() and not _looks_encoded(name):
        return email.utils.formataddr((name, addr))
    return _folded([*_phrase(name), f"<{addr}>"])


def _looks_encoded(text: str) -> bool:
    """Whether TEXT holds what a reader would take for an RFC 2047 encoded-word ('=?utf-8?q?
    Fake?='): written as it is, every reader would show what it decodes to, not the text."""
    return "=?" in text


def _phrase(name: str) -> list[str]:
    """The name's words: plain ASCII words as they are, the runs between them encoded."""
    parts: list[str] = []
    run: list[str] = []
    for word in name.split(" "):
        if ATOM.fullmatch(word) and not _looks_encoded(word):
            parts += _encoded(" ".join(run))
            parts.append(word)
            run = []
        else:
            run.append(word)
    return parts + _encoded(" ".join(run))


def _encoded(text: str) -> list[str]:
    """TEXT as encoded-words of at most WORD_LIMIT characters, split only at spaces (each kept
    at the end of the word before, where it is text) unless one word alone is too long."""
    if not text:
        return []
    words = text.split(" ")
    pieces: list[str] = []
    piece = words[0]
    for n, word in enumerate(words[1:], 2):
        longer = f"{piece} {word}" + ("" if n == len(words) else " ")
        if len(_shortest(longer)) <= WORD_LIMIT:
            piece = f"{piece} {word}"
        else:
            pieces.append(piece + " ")
            piece = word
    return [word for p in (*pieces, piece) for word in _split(p)]


def _split(text: str) -> list[str]:
    """A single word too long for one encoded-word is split between its characters."""
    words, piece = [], ""
    for char in text:
        if piece and len(_shortest(piece + char)) > WORD_LIMIT:
            words.append(_shortest(piece))
            piece = ""
        piece += char
    return [*words, _shortest(piece)]


def _shortest(text: str) -> str:
    raw = text.encode("utf-8")
    return min(b_encoded(raw, "utf-8"), q_encoded(raw, "utf-8"), key=len)


def _folded(parts: list[str]) -> str:
    """The parts joined by spaces, folded before a part that would run past LINE_LIMIT."""
    lines = [""]
    for part in parts:
        room = LINE_LIMIT - len("From: ") if len(lines) == 1 else LINE_LIMIT
        if lines[-1] and len(lines[-1]) + 1 + len(part) > room:
            lines.append(part)
        else:
            lines[-1] = f"{lines[-1]} {part}" if lines[-1] else part
    return "\n ".join(lines)


def _need_address(draft: Draft) -> str:
    if not draft.to_email:
        fix = shlex.quote(f"{draft.to_name} <name@example.org>")
        raise FlashError(
            _(
                "there is nothing to email to: {to_name} has no address; add it with flash edit "
                "{session} --with {fix}"
            ).format(to_name=draft.to_name, session=draft.session, fix=fix)
        )
    return draft.to_email


def as_mailto(draft: Draft) -> str:
    """An RFC 6068 mailto: URI, refused when it would be too long for mail clients."""
    to_email = _need_address(draft)
    body = draft.body.replace("\r\n", "\n").replace("\n", "\r\n")
    uri = f"mailto:{quote(to_email, safe='@')}?subject={quote(draft.subject, safe='')}"
    uri += f"&body={quote(body, safe='')}"
    if len(uri) > MAILTO_LIMIT:
        raise FlashError(
            _(
                "the mailto: link would be {n} characters, more than mail clients accept (about "
                "{mailto_limit}); use --out FILE.eml instead"
            ).format(n=len(uri), mailto_limit=MAILTO_LIMIT)
        )
    return uri
