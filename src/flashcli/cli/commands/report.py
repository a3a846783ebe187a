"""flash report: a programme report for a period that names no one, shown before it is written,
sealed to the coordinator if asked; and `flash report merge`, the coordinator's side."""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flashcli import dates, store
from flashcli.cli.options import ForceOpt, NoInputOpt, interactive
from flashcli.cli.output import read_summaries, say
from flashcli.errors import FlashError, UsageProblem, escaped, shown
from flashcli.i18n import _
from flashcli.names import slug

if TYPE_CHECKING:
    from pyrage import x25519

SEALED = b"age-encryption.org/v1"

app = typer.Typer(
    name="report",
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def report(
    ctx: typer.Context,
    period: Annotated[
        str | None,
        typer.Option(
            metavar="PERIOD", help="A year (2026), a quarter (2026Q4) or a month (2026-11)."
        ),
    ] = None,
    programme: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Only the sessions of this programme."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Where to write it (a name is made).")
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(metavar="AGE_RECIPIENT", help="Seal it to the coordinator's age1… key."),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Write it without asking.")] = False,
    no_input: NoInputOpt = False,
    force: ForceOpt = False,
) -> None:
    """A programme report for a period, naming no one, for its coordinator.

    Counts and means by role and month: no names, addresses, ids, notes or places; any figure
    from fewer than 5 sessions or 3 partners is withheld. It shows what the file will hold and
    asks before writing it. The coordinator adds reports up with 'flash report merge'.

    \b
    Examples:
      flash report --period 2026Q4 --programme "New managers"
      flash report --period 2026-11 --to age1… --yes
      flash report merge reports/*.age --identity coordinator.key
    """
    if ctx.invoked_subcommand is not None:
        return
    if period is None:
        raise UsageProblem(_("give the --period: a year (2026), a quarter (2026Q4) or a month"))
    from flashcli import report as reports

    recipient = _recipient(to) if to else None
    made = reports.build(read_summaries(), period, programme, dates.now().date())
    text = reports.as_text(made)
    name = f"flash-report-{made['period']}{f'-{slug(programme)}' if programme else ''}.json"
    path = out or Path(name + (".age" if to else ""))
    say(text, nl=False)
    if not yes:
        if no_input or not interactive(no_input):
            raise UsageProblem(_("give --yes to write the report without being asked"), "--yes")
        from flashcli.cli import prompt

        question = _("Write this report to {path}{value}?").format(
            path=escaped(str(path)), value=_(" sealed") if to else ""
        )
        try:
            if not prompt.yes(question):
                say(_("nothing written"))
                return
        except (prompt.Stop, prompt.Back):
            say(_("nothing written"))
            return
    data = text.encode("utf-8")
    if recipient is not None:
        import pyrage

        data = bytes(pyrage.encrypt(data, [recipient]))
    store.write_new_file(path, data, force)
    say(
        _("wrote {path}: send it to your programme's coordinator").format(path=escaped(str(path))),
        err=True,
    )


def _recipient(to: str) -> "x25519.Recipient":
    from pyrage import x25519

    try:
        return x25519.Recipient.from_str(to.strip())
    except Exception:  # pyrage's own error types differ between versions
        raise UsageProblem(
            _("{to} is not an age recipient (age1…)").format(to=shown(to)), "--to"
        ) from None


@app.command()
def merge(
    files: Annotated[list[Path], typer.Argument(metavar="FILE…", help="The reports to add up.")],
    out: Annotated[Path | None, typer.Option(metavar="FILE", help="Write the sum to FILE.")] = None,
    identity: Annotated[
        Path | None,
        typer.Option(metavar="KEY", help="The age identity that opens sealed reports."),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Add up the reports of one period (the coordinator's side).

    Sealed reports are opened with --identity. Each is checked against the report's schema;
    reports of different periods or versions, and one report twice, are refused. Means are
    weighted by their counts; a figure withheld in any report is withheld in the sum.
    """
    from flashcli import report as reports

    found = [(str(f), reports.check(_read(f, identity), escaped(str(f)))) for f in files]
    text = reports.as_text(reports.merge(found))
    if out is None:
        say(text, nl=False)
    else:
        store.write_new_file(out, text.encode("utf-8"), force)
        say(
            _("wrote {out}: {n} reports added up").format(out=escaped(str(out)), n=len(found)),
            err=True,
        )


def _read(path: Path, identity: Path | None) -> object:
    """A report file's JSON, opened with IDENTITY if it is sealed."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise FlashError(
            _("cannot read {path}: {strerror}").format(path=escaped(str(path)), strerror=e.strerror)
        ) from None
    if data.startswith(SEALED):
        data = _opened(data, path, identity)
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise FlashError(
            _("{path} is not a flash report (not JSON)").format(path=escaped(str(path)))
        ) from None


def _opened(data: bytes, path: Path, identity: Path | None) -> bytes:
    import pyrage

    if identity is None:
        raise UsageProblem(
            _("{path} is sealed: give --identity KEY to open it").format(path=escaped(str(path)))
        )
    try:
        lines = identity.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise FlashError(
            _("cannot read the identity {identity}: {e}").format(
                identity=escaped(str(identity)), e=e
            )
        ) from None
    keys = [
        pyrage.x25519.Identity.from_str(line.strip())
        for line in lines
        if line.strip().startswith("AGE-SECRET-KEY-")
    ]
    try:
        return bytes(pyrage.decrypt(data, keys))
    except Exception:  # pyrage's own error types differ between versions
        raise FlashError(
            _("{path} cannot be opened with {identity}: it was sealed to another key").format(
                path=escaped(str(path)), identity=escaped(str(identity))
            )
        ) from None
