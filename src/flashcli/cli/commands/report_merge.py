"""flash report merge: the coordinator's side. The reports of one period added up into the
programme's published figures, printed as a table a person reads (the JSON with --json or
--out), with what a publication does not protect against said on every run."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from flashcli import store
from flashcli.cli.options import ForceOpt, JsonOpt
from flashcli.cli.output import say, warn
from flashcli.errors import escaped
from flashcli.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from flashcli.report.publish import PublicationJson

SUBTRACTED = N_(
    "two publications of the same or overlapping periods can be subtracted from one another: "
    "publish each period once, after it ends"
)
REASONS = {  # a mark in the table, and what it means
    "sessions": ("a", N_("from fewer than 5 sessions")),
    "people": ("b", N_("from fewer than 3 people")),
    "share": ("c", N_("one person's share leaves fewer than 5 sessions")),
    "subtraction": ("d", N_("would give away a withheld figure by subtraction")),
}
LABELS = {
    "sessions": N_("Sessions"),
    "by_month": N_("By month"),
    "by_purpose": N_("By purpose"),
    "reverse": N_("Reverse mentoring"),
    "feedback": N_("Feedback given"),
    "decisions": N_("Decision to go on"),
    "actions": N_("Actions"),
    "rating": N_("Rating, 1 to 5 (mean, of how many)"),
    "checkins": N_("Check-in score, -2 to +2 (mean, of how many)"),
}
KEYS = {
    "learning": N_("learning"),
    "role": N_("role"),
    "perspective": N_("perspective"),
    "career": N_("career"),
    "other": N_("other"),
    "none": N_("none given"),
    "yes": N_("yes"),
    "no": N_("no"),
    "undecided": N_("undecided"),
    "total": N_("total"),
    "done": N_("done in all"),
    "on_time": N_("done by the due date"),
    "not_done": N_("not done"),
    "done_not_on_time": N_("done later, or with no due date"),
}


def merge(
    files: Annotated[list[Path], typer.Argument(metavar="FILE…", help="The reports to add up.")],
    out: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Write the published figures to FILE.")
    ] = None,
    identity: Annotated[
        Path | None,
        typer.Option(metavar="KEY", help="The age identity that opens sealed reports."),
    ] = None,
    json: JsonOpt = False,
    force: ForceOpt = False,
) -> None:
    """Add up the reports of one period: the programme's published figures.

    Each report is checked in full first; reports of different periods or programmes are
    refused, and a person's latest report counts once. A figure is shown only when it comes
    from at least 5 sessions and 3 people, with 5 sessions left without the largest person's
    share; whatever would give a withheld one away by subtraction is withheld too. Publish
    each period once, after it ends: two publications of overlapping periods can be
    subtracted.

    \b
    Examples:
      flash report merge reports/*.json
      flash report merge reports/*.age --identity coordinator.key --out 2026Q4.json
    """
    from flashcli.report import as_text
    from flashcli.report.model import load
    from flashcli.report.publish import publish

    found = [
        (escaped(str(f)), load(store.read_report(f, identity), escaped(str(f)))) for f in files
    ]
    published, said = publish(found)
    for line in said:
        say(line, err=True)
    text = as_text(dict(published))
    if out is not None:
        store.write_new_file(out, text.encode("utf-8"), force)
    if json:
        say(text, nl=False)
    else:
        from flashcli.cli import views

        views.show(*table(published), sep="\n")
    if out is not None:
        say(_("wrote {out}").format(out=escaped(str(out))), err=True)
    warn(_(SUBTRACTED))


def table(p: "PublicationJson") -> list[Any]:
    """The publication as a person reads it: a heading, the figures in three columns, and what
    each mark of a withheld figure means."""
    from flashcli.cli import views
    from flashcli.kinds import said

    heading = ngettext(
        "{programme}, {period}: {n} report added up",
        "{programme}, {period}: {n} reports added up",
        p["reports"],
    ).format(
        programme=escaped(p["programme"]) if p["programme"] else _("every session"),
        period=p["period"],
        n=p["reports"],
    )
    rows = _rows(p["figures"])
    headers = ["", said("mentee"), said("mentor"), _("total")]
    marks = {cell[-1] for row in rows for cell in row[1:] if cell.startswith("–")}
    legend = [f"{mark}  {_(why)}" for mark, why in REASONS.values() if mark in marks]
    return [heading, views.grid(headers, rows, right=(1, 2, 3)), *legend]


def _rows(columns: Any) -> list[list[str]]:
    """A row for each figure: its label, then its cell in each column."""
    found = []
    for key, label in LABELS.items():
        figures = [columns[c][key] for c in ("mentee", "mentor", "all")]
        if isinstance(figures[0], dict) and not _is_figure(figures[0]):
            found.append([_(label), "", "", ""])
            for sub in figures[0]:
                name = f"  {_(KEYS[sub]) if sub in KEYS else sub}"
                found.append([name, *(_cell(f[sub]) for f in figures)])
        else:
            found.append([_(label), *(_cell(f, signed=key == "checkins") for f in figures)])
    return found


def _is_figure(figure: dict[str, Any]) -> bool:
    return bool({"value", "mean", "withheld"} & set(figure))


def _cell(figure: dict[str, Any], signed: bool = False) -> str:
    """A figure as the table shows it: 12; 4.2 (18), +0.5 (7) if SIGNED; withheld, with the
    mark of why."""
    if "withheld" in figure:
        return f"– {REASONS[figure['withheld']][0]}"
    if "value" in figure:
        return str(figure["value"])
    if figure["mean"] is None:
        return "(0)"
    mean = f"{figure['mean']:+.1f}" if signed else f"{figure['mean']:.1f}"
    return f"{mean} ({figure['count']})"
