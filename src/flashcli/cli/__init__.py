"""The flash command line: the app, its one error handler, and the commands wired in."""

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from flashcli import __version__
from flashcli.cli import after, before, during, records
from flashcli.errors import FlashError, UsageProblem


class FlashGroup(TyperGroup):
    """Turns every FlashError into one line on stderr and its exit code: no tracebacks."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except FlashError as e:
            where = f"{e.param}: " if isinstance(e, UsageProblem) and e.param else ""
            typer.echo(f"flash: {where}{e.message}", err=True)
            if e.exit_code == 2 and ctx.invoked_subcommand:
                typer.echo(f"Try 'flash {ctx.invoked_subcommand} --help' for help.", err=True)
            raise typer.Exit(e.exit_code) from None


app = typer.Typer(
    cls=FlashGroup,
    name="flash",
    help="Get the most out of a flash mentoring session: prepare, take notes, follow up.",
    rich_markup_mode=None,
    invoke_without_command=True,
    no_args_is_help=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"flash {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Get the most out of a flash mentoring session: prepare, take notes, follow up."""
    if ctx.invoked_subcommand is None:
        records.overview()


app.command()(before.prep)
app.command()(before.agenda)
app.command()(before.email)
app.command()(during.notes)
app.command()(after.followup)
app.command()(after.actions)
app.command(name="list")(records.list_sessions)
app.command()(records.show)
app.command()(records.export)
app.command()(records.delete)
app.command()(records.config)


def main() -> None:
    """The console script."""
    app()
