"""flash stats: your own figures over the months: sessions, actions, thanks, decisions,
ratings, check-ins; charts at a terminal, plain figures in a pipe, or JSON."""

import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from flashcli import dates, store
from flashcli.cli import streams
from flashcli.cli.options import JsonOpt
from flashcli.cli.output import print_json, read_summaries, say
from flashcli.i18n import N_, _, ngettext
from flashcli.kinds import Role
from flashcli.queries import with_partner

if TYPE_CHECKING:
    from rich.console import Group

    from flashcli.figures import ActionsJson, StatsJson

BLOCKS = "▁▂▃▄▅▆▇█"  # a trend line, one block a quarter, its height the mean of 1 to 5
BAR = 30  # characters of the longest bar
NONE_YET = N_("No sessions to count yet: flash prep starts one.")
NONE_FILTERED = N_("No sessions to count with these filters.")


def stats(
    since: Annotated[
        str | None, typer.Option(metavar="DATE", help="Only sessions on or after DATE.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(metavar="DATE", help="Only sessions on or before DATE.")
    ] = None,
    partner: Annotated[
        str | None,
        typer.Option("--with", metavar="NAME", help="Only sessions with this person."),
    ] = None,
    role: Annotated[Role | None, typer.Option(help="Only sessions in this role.")] = None,
    json: JsonOpt = False,
) -> None:
    """Your figures: sessions a month, purposes, people met, actions done and on time, thanks
    within two days, decisions, ratings by quarter, check-in scores.

    \b
    Examples:
      flash stats
      flash stats --since 2026-01-01 --role mentor
      flash stats --with ada --json
    """
    now = dates.now()
    summaries = read_summaries()
    if since is not None:
        first = dates.due_date(since, now.date(), "--since").isoformat()
        summaries = [s for s in summaries if s.day >= first]
    if until is not None:
        last = dates.due_date(until, now.date(), "--until").isoformat()
        summaries = [s for s in summaries if s.day <= last]
    if partner is not None:
        summaries = with_partner(summaries, partner)
    if role is not None:
        summaries = [s for s in summaries if s.role == role]
    from flashcli.figures import stats as figures  # statistics, only to count

    found = figures(summaries, store.guidance_data()["items"], now)
    if json:
        print_json(found)
    elif not summaries:
        filtered = any(given is not None for given in (since, until, partner, role))
        say(_(NONE_FILTERED if filtered else NONE_YET))
    elif _charts():
        from flashcli.cli import views

        views.show(drawn(found))
    else:
        for line in lines(found, charts=False):
            say(line)


def _charts() -> bool:
    """Bars and a trend line at a terminal in colour; the same figures plainly elsewhere."""

    return streams.is_terminal(sys.stdout) and not os.environ.get("NO_COLOR")


def drawn(f: "StatsJson") -> "Group":
    """The figures with their charts in colour, for a terminal."""
    from rich.console import Group
    from rich.text import Text

    from flashcli.cli.views import ACCENT

    texts = [Text(line) for line in lines(f, charts=True)]
    for text in texts:
        text.highlight_regex(f"[{BLOCKS}]+", f"bold {ACCENT}")
        text.highlight_regex(r"^[A-Z][\w -]+:", "bold")
    return Group(*texts)


def lines(f: "StatsJson", charts: bool) -> list[str]:
    """The figures as lines of text: with CHARTS, bars for the months and a trend line for
    the ratings; without, the same figures as plain numbers."""
    roles = _("mentee {f}, mentor {f2}").format(f=f["roles"]["mentee"], f2=f["roles"]["mentor"])
    out = [
        _("Sessions: {f} ({roles}; reverse {f2})").format(
            f=f["sessions"], roles=roles, f2=f["reverse"]
        ),
        _("By month:"),
    ]
    most = max(f["months"].values(), default=1)
    for month, n in f["months"].items():
        bar = "█" * max(1, round(n / most * BAR)) + " " if charts else ""
        out.append(f"  {month}  {bar}{n}")
    out.append(_("Purposes: ") + ", ".join(f"{p} {n}" for p, n in f["purposes"].items()))
    people = f["people"]
    out.append(
        _("People met: {people} (once {people2}, more than once {people3})").format(
            people=people["met"], people2=people["once"], people3=people["more_than_once"]
        )
    )
    out += _action_lines(f["actions"])
    t = f["thanked"]
    share = f" ({t['share']:.0%})" if t["share"] is not None else ""
    out.append(
        _("Thanked within 2 days: {t} of {t2} held{share}; later {t3}, not yet {t4}").format(
            t=t["within_2_days"], t2=t["held"], share=share, t3=t["later"], t4=t["not_yet"]
        )
        + (
            _(", time not known {t} (ticked before flash kept when)").format(t=t["unknown"])
            if t["unknown"]
            else ""
        )
    )
    d = f["decisions"]
    out.append(
        _("Decisions: continue {d}, not {d2}, undecided {d3}, not recorded {d4}").format(
            d=d["yes"], d2=d["no"], d3=d["undecided"], d4=d["none"]
        )
    )
    r = f["ratings"]
    if r["count"]:
        quarters = r["quarters"]
        trend = "".join(BLOCKS[round(((q["mean"] or 1) - 1) / 4 * 7)] for q in quarters.values())
        by_quarter = ", ".join(
            f"{name} {q['mean']:g} ({q['count']})" for name, q in quarters.items()
        )
        out.append(_("Ratings: mean {r:g} of {r2} rated").format(r=r["mean"], r2=r["count"]))
        out.append(
            _("  by quarter: {value}{by_quarter}").format(
                value=trend + "  " if charts else "", by_quarter=by_quarter
            )
        )
    else:
        out.append(_("Ratings: none yet"))
    c = f["checkins"]
    out.append(
        _("Check-ins: {c} answered").format(c=c["count"])
        + (_(", mean score {c:+g} (-2 to +2)").format(c=c["mean"]) if c["mean"] is not None else "")
    )
    return out


def _action_lines(a: "ActionsJson") -> list[str]:
    """The actions in words: how many, done and overdue; of those done with a due date, how
    many by it, and how long after the meeting half were done (each only when it counts
    anything)."""
    out = [
        _("Actions: {total} agreed, {done} done, {overdue} overdue").format(
            total=a["total"], done=a["done"], overdue=a["overdue"]
        )
    ]
    if a["with_due_done"]:
        out.append(
            ngettext(
                "  {k} of the {n} done that had a due date was done by it",
                "  {k} of the {n} done that had a due date were done by it",
                a["with_due_done"],
            ).format(k=a["done_on_time"], n=a["with_due_done"])
        )
    median = a["median_days_to_done"]
    if median is not None:
        out.append(
            _("  half of those done were done by the day of the meeting")
            if median == 0
            else ngettext(
                "  half of those done were done within {days:g} day of the meeting",
                "  half of those done were done within {days:g} days of the meeting",
                1 if median == 1 else 2,
            ).format(days=median)
        )
    out.append(
        _("  yours {a} (done {a2}), your partners' {a3} (done {a4})").format(
            a=a["mine"]["total"],
            a2=a["mine"]["done"],
            a3=a["theirs"]["total"],
            a4=a["theirs"]["done"],
        )
    )
    return out
