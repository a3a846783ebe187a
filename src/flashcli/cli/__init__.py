"""The flash command line: the app, its one error handler, and the commands wired in."""

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from flashcli import __version__
from flashcli.cli import after, before, during, records
from flashcli.errors import FlashError, UsageProblem


class FlashGroup(TyperGroup):
    """Turns every FlashError into one line on stderr and its exit code: no tracebacks."""

    def format_commands(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        """The commands under the phase they serve: before, during, after, records."""
        commands = [(name, self.commands[name]) for name in self.list_commands(ctx)]
        width = max(len(name) for name, _ in commands)
        limit = formatter.width - 6 - width
        for panel in PANELS:
            rows = [
                (name.ljust(width), cmd.get_short_help_str(limit))
                for name, cmd in commands
                if getattr(cmd, "rich_help_panel", None) == panel
            ]
            with formatter.section(panel):
                formatter.write_dl(rows)

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
    epilog="Run 'flash' alone to see where things stand and what to do next.",
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


BEFORE, DURING, AFTER, RECORDS = "Before the session", "During", "After", "Records"
PANELS = (BEFORE, DURING, AFTER, RECORDS)
app.command(rich_help_panel=BEFORE)(before.prep)
app.command(rich_help_panel=BEFORE)(before.agenda)
app.command(rich_help_panel=BEFORE)(before.email)
app.command(rich_help_panel=DURING)(during.notes)
app.command(rich_help_panel=AFTER)(after.followup)
app.command(rich_help_panel=AFTER)(after.actions)
app.command(name="list", rich_help_panel=RECORDS)(records.list_sessions)
app.command(rich_help_panel=RECORDS)(records.show)
app.command(rich_help_panel=RECORDS)(records.export)
app.command(rich_help_panel=RECORDS)(records.delete)
app.command(rich_help_panel=RECORDS)(records.config)


def main(prog_name: str | None = None) -> None:
    """The console script."""
    app(prog_name=prog_name)
