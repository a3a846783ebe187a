"""flash email: the agenda draft as text, as an .eml parsed back by `email`, as mailto:."""

import email
import email.policy
import json
import stat
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from tests.conftest import ADA, Run


def eml(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)  # type: ignore[return-value]


def test_text_draft_proposes_topics_time_and_place(run: Run, ada: str) -> None:
    result = run("email")
    assert result.exit_code == 0, result
    assert result.stdout.startswith(
        "To: Ada Lovelace <ada@example.org>\n"
        "Subject: Our flash mentoring session on Tuesday 1 December\n\nHi Ada,\n"
    )
    body = result.stdout
    assert "My objective: Plan my move into management" in body
    assert "1. Is management for me?\n2. First steps" in body
    assert "When: Tuesday 1 December 2026, 10:00–11:00 (UTC+01:00)" in body
    assert "Where: Café Nero" in body
    assert "Thank you again," in body


def test_eml_is_an_unsent_utf8_draft(run: Run, ada: str, tmp_path: Path) -> None:
    run("config", "name", "Grace Hopper")
    run("config", "email", "grace@example.org")
    out = tmp_path / "agenda.eml"
    result = run("email", "--out", str(out))
    assert result.exit_code == 0, result
    assert f"wrote {out}" in result.stderr
    msg = eml(out)
    assert msg["To"] == "Ada Lovelace <ada@example.org>"
    assert msg["From"] == "Grace Hopper <grace@example.org>"
    assert msg["Subject"] == "Our flash mentoring session on Tuesday 1 December"
    assert msg["X-Unsent"] == "1"
    assert msg.get_content_type() == "text/plain"
    assert msg.get_content_charset() == "utf-8"
    body = msg.get_content().replace("\r\n", "\n")
    assert "Where: Café Nero" in body and "10:00–11:00" in body
    assert body.rstrip().endswith("Thank you again,\nGrace Hopper")
    assert b"\r\n" in out.read_bytes()  # RFC 5322 line endings
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_eml_never_overwrites_without_force(run: Run, ada: str, tmp_path: Path) -> None:
    out = tmp_path / "agenda.eml"
    out.write_text("keep me", "utf-8")
    result = run("email", "--out", str(out))
    assert result.exit_code == 1
    assert "already exists; choose another name or add --force" in result.stderr
    assert out.read_text("utf-8") == "keep me"
    assert run("email", "--out", str(out), "--force").exit_code == 0
    assert eml(out)["X-Unsent"] == "1"


def test_mailto_is_rfc6068(run: Run, ada: str) -> None:
    result = run("email", "--mailto")
    assert result.exit_code == 0
    uri = result.stdout.strip()
    parts = urlsplit(uri)
    assert parts.scheme == "mailto" and parts.path == "ada@example.org"
    assert " " not in uri and "\n" not in uri
    query = parse_qs(parts.query)
    assert query["subject"] == ["Our flash mentoring session on Tuesday 1 December"]
    assert "%0D%0A" in uri
    assert "Where: Café Nero\r\n" in unquote(uri)


def test_a_long_mailto_is_refused_with_the_way_out(run: Run, ada: str) -> None:
    for n in range(12):
        run("prep", "--topic", f"A fairly long topic number {n} that takes up a good deal of room")
    result = run("email", "--mailto")
    assert result.exit_code == 1
    assert "more than mail clients accept (about 2000); use --out FILE.eml instead" in result.stderr


def test_nothing_to_email_to(run: Run, tmp_path: Path) -> None:
    run("prep", "--with", "Grace Hopper")
    for args in (["--mailto"], ["--out", str(tmp_path / "x.eml")]):
        result = run("email", *args)
        assert result.exit_code == 1
        assert "there is nothing to email to: Grace Hopper has no address" in result.stderr
        sid = "2026-11-28-grace-hopper"
        assert (
            f"add it with flash edit {sid} --with 'Grace Hopper <name@example.org>'"
            in result.stderr
        )
    assert not (tmp_path / "x.eml").exists()
    assert run("email").exit_code == 0  # the text draft still works


def test_mentor_draft_confirms_and_restates_the_objective(run: Run) -> None:
    run(
        "prep",
        "--role",
        "mentor",
        "--with",
        "Sam Lee <sam@example.org>",
        "--goal",
        "Find a first data job",
    )
    body = run("email").stdout
    assert "Thank you for asking me to be your mentor" in body
    assert "Your objective: Find a first data job" in body
    assert "When: tell me what suits you; I will keep 60 minutes free." in body


def test_reverse_mentoring_wording(run: Run) -> None:
    run("prep", "--with", ADA, "--reverse")
    assert (
        "reverse mentoring session: I am looking forward to learning from you"
        in run("email").stdout
    )


def test_non_ascii_names_are_encoded_in_headers(run: Run, tmp_path: Path) -> None:
    run("prep", "--with", "Zoë Ångström <zoe@example.org>")
    out = tmp_path / "z.eml"
    run("email", "--out", str(out))
    raw = out.read_bytes()
    assert raw.isascii()  # headers are RFC 2047 encoded, the body quoted-printable
    assert eml(out)["To"] == "Zoë Ångström <zoe@example.org>"
    assert "Hi Zoë," in eml(out).get_content()


def test_json_draft(run: Run, ada: str) -> None:
    data = json.loads(run("email", "--json").stdout)
    assert data["to_email"] == "ada@example.org"
    assert data["subject"].startswith("Our flash mentoring session")


@pytest.mark.parametrize("args", [["--out", "x.eml", "--mailto"]])
def test_conflicting_outputs(run: Run, ada: str, args: list[str]) -> None:
    result = run("email", *args)
    assert result.exit_code == 2
    assert "--mailto prints a link; give it without --out or --open" in result.stderr
