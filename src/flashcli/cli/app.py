"""The Typer app: the commands under the phase they serve, and the one error handler."""

import errno
import os
import sys
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from flashcli import __version__, i18n, store
from flashcli.cli import streams
from flashcli.cli.commands import (
    actions,
    agenda,
    checkin,
    config,
    delete,
    edit,
    email,
    export,
    followup,
    merge_driver,
    notes,
    overview,
    prep,
    remind,
    report,
    search,
    show,
    stats,
    sync,
)
from flashcli.cli.commands import list as list_
from flashcli.cli.options import InOrder, flag_for
from flashcli.cli.streams import OutputFailed
from flashcli.errors import FlashError, Invalid, UsageProblem, escaped, shown
from flashcli.i18n import N_, _

BEFORE, DURING, AFTER, RECORDS = N_("Before the session"), N_("During"), N_("After"), N_("Records")
PANELS = (BEFORE, DURING, AFTER, RECORDS)


class FlashGroup(TyperGroup):
    """Turns every FlashError into one line on stderr and its exit code: no tracebacks."""

    def format_commands(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        """The commands under the phase they serve: before, during, after, records."""
        commands = [(name, self.commands[name]) for name in self.list_commands(ctx)]
        commands = [(name, cmd) for name, cmd in commands if not cmd.hidden]
        width = max(len(name) for name, _ in commands)
        limit = formatter.width - 6 - width
        for panel in PANELS:
            rows = [
                (name.ljust(width), cmd.get_short_help_str(limit))
                for name, cmd in commands
                if getattr(cmd, "rich_help_panel", None) == panel
            ]
            with formatter.section(_(panel)):
                formatter.write_dl(rows)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        store.changed.clear()  # what this command changes (several run in one process in tests)
        store.notices.clear()
        try:
            store.refuse_links()
            with store.remembered():
                return super().invoke(ctx)
        except OutputFailed as e:
            streams.finish()
            if store.changed:  # the change stands: exit 0, or a retry would make it twice
                typer.echo(
                    _("flash: the change was saved, but flash {message}").format(message=e.message),
                    err=True,
                )
                raise typer.Exit(0) from None
            if not e.quiet:
                typer.echo(_("flash: {message}").format(message=e.message), err=True)
            raise typer.Exit(1) from None
        except FlashError as e:
            _fail(_said(e), e.exit_code, ctx.invoked_subcommand)
        except typer.TyperException as e:  # click's own usage errors: said the same way
            _fail(*_clicks(e), ctx.invoked_subcommand)
        finally:
            for line in dict.fromkeys(store.notices):  # each once, however often it was noticed
                typer.echo(line, err=True)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            if kwargs.get("parent") is None:  # the run starts: in the person's language
                _speak(self)
            return super().make_context(*args, **kwargs)
        except FlashError as e:  # a bad --show-completion shell
            _fail(_said(e), e.exit_code, None)
        except typer.TyperException as e:  # an unknown option before any command
            _fail(*_clicks(e), None)


def _speak(root: Any) -> None:
    """Choose the language of this run (a note if it has no catalogue), and put the help of
    every command and option in it: Typer builds them afresh each run, in English."""
    note = i18n.choose(store.configured_language())
    if note:
        typer.echo(note, err=True)
    if i18n.is_english():
        return
    from flashcli.cli import clicks

    pending = [root]
    while pending:
        command = pending.pop()
        command.context_class = clicks.Speaking
        for name in ("help", "short_help", "epilog"):
            if getattr(command, name, None):
                setattr(command, name, _(getattr(command, name)))
        for param in command.params:
            if getattr(param, "help", None):
                param.help = _(param.help)
        pending += getattr(command, "commands", {}).values()


def _fail(message: str, code: int, command: str | None) -> NoReturn:
    """Every error, flash's and click's alike: 'flash: what was wrong; what to do', on one
    line, whatever it quotes of what was typed shown escaped."""
    typer.echo(_("flash: {message}").format(message=escaped(message)), err=True)
    if code == 2:
        typer.echo(
            _("Try 'flash{command} --help' for help.").format(
                command=f" {command}" if command else ""
            ),
            err=True,
        )
    raise typer.Exit(code)


def _clicks(e: typer.TyperException) -> tuple[str, int]:
    """Click's message for an error, in flash's form: 'Error: Invalid value …' is
    'flash: invalid value …'."""
    said = e.format_message() if hasattr(e, "format_message") else str(e)
    if not i18n.is_english():
        from flashcli.cli import clicks

        said = clicks.said(said)
    return said[:1].lower() + said[1:].rstrip("."), getattr(e, "exit_code", 1)


def _said(e: FlashError) -> str:
    """The message, after the flag or argument it is about."""
    if isinstance(e, Invalid):
        place = e.param or flag_for(e.where)
        return f"{place}: {e.what}" if place else str(e)
    if isinstance(e, UsageProblem) and e.param:
        return f"{e.param}: {e.message}"
    return e.message


app = typer.Typer(
    cls=FlashGroup,
    name="flash",
    help="Get the most out of a flash mentoring session: prepare, take notes, follow up.",
    rich_markup_mode=None,
    invoke_without_command=True,
    no_args_is_help=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Run 'flash' alone to see where things stand and what to do next.",
    pretty_exceptions_enable=False,
    # Typer's own --show-completion takes no shell: it guesses it from the parent process,
    # so --show-completion fish printed the bash script. Flash's options below take one.
    add_completion=False,
)
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"flash {__version__}")
        raise typer.Exit()


def _completion(ctx: typer.Context, param: typer.CallbackParam, shell: str | None) -> None:
    """--show-completion SHELL prints the script for SHELL; --install-completion installs it."""
    if shell is None:
        return
    if shell not in SHELLS:
        raise UsageProblem(
            _("{shell} is not one of {shells}").format(
                shell=shown(shell), shells=", ".join(SHELLS)
            ),
            param.opts[0],
        )
    from typer import _completion_shared  # typer's own scripts

    if param.name == "show_completion":
        typer.echo(
            _completion_shared.get_completion_script(
                prog_name="flash", complete_var="_FLASH_COMPLETE", shell=shell
            )
        )
    else:
        __, path = _completion_shared.install(shell=shell, prog_name="flash")
        typer.echo(
            _("{shell} completion installed in {path}; it works in new terminals").format(
                shell=shell, path=path
            )
        )
    raise typer.Exit()


def _shell_option(name: str, help: str) -> Any:
    return typer.Option(
        name, metavar="SHELL", callback=_completion, is_eager=True, expose_value=True, help=help
    )


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    show_completion: Annotated[
        str | None, _shell_option("--show-completion", "Print SHELL's completion script.")
    ] = None,
    install_completion: Annotated[
        str | None,
        _shell_option("--install-completion", "Install completion for SHELL (bash, zsh, fish…)."),
    ] = None,
) -> None:
    """Get the most out of a flash mentoring session: prepare, take notes, follow up."""
    if ctx.invoked_subcommand is None:
        overview.overview()


app.command(cls=prep.PrepCommand, rich_help_panel=BEFORE)(prep.prep)
app.command(rich_help_panel=BEFORE)(agenda.agenda)
app.command(rich_help_panel=BEFORE)(email.email)
app.command(cls=InOrder, rich_help_panel=DURING)(notes.notes)
app.command(rich_help_panel=AFTER)(followup.followup)
app.command(rich_help_panel=AFTER)(actions.actions)
app.command(rich_help_panel=AFTER)(remind.remind)
app.command(rich_help_panel=AFTER)(checkin.checkin)
app.command(name="list", rich_help_panel=RECORDS)(list_.list_sessions)
app.command(rich_help_panel=RECORDS)(show.show)
app.command(cls=InOrder, rich_help_panel=RECORDS)(edit.edit)
app.command(rich_help_panel=RECORDS)(search.search)
app.command(rich_help_panel=RECORDS)(stats.stats)
app.add_typer(report.app, rich_help_panel=RECORDS)
app.command(rich_help_panel=RECORDS)(sync.sync)
app.command(hidden=True)(merge_driver.merge_driver)
app.command(rich_help_panel=RECORDS)(export.export)
app.command(rich_help_panel=RECORDS)(delete.delete)
app.command(rich_help_panel=RECORDS)(config.config)


def main(prog_name: str | None = None) -> None:
    """The console script."""
    if "_FLASH_COMPLETE" in os.environ:
        # The shell asks for completions: typer's shells, which add_completion=False leaves out.
        from typer._completion_classes import completion_init

        completion_init()
    streams.prepare()
    try:
        app(prog_name=prog_name)
    except OSError as e:  # click's own output (help, a usage error) could not be written
        streams.finish()
        if e.errno != errno.EPIPE:
            typer.echo(_("flash: could not print: {value}").format(value=e.strerror or e), err=True)
        sys.exit(1)
    finally:
        streams.finish()
