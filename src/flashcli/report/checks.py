"""What no true report says: figures that contradict one another. A report of the right shape
is still refused, before any arithmetic, when a table does not add up to its total, a part is
larger than its whole, a mean stands beside a count of 0 (or a count without its mean), mean ×
count is not a whole sum of whole ratings, or a count of actions or check-ins disagrees with
the sessions it comes from."""

from collections.abc import Iterator

from flashcli.i18n import _
from flashcli.report.model import ActionCount, Checkins, Rating, Report, RoleFigures, months_of


def contradiction(report: Report) -> str | None:
    """The first contradiction in REPORT, said in words; None when there is none."""
    months = months_of(report.period)
    for role in ("mentee", "mentor"):
        figures: RoleFigures = getattr(report.roles, role)
        if months is not None and sorted(figures.by_month) != months:
            return _("roles.{role}.by_month: its months are not those of {period}").format(
                role=role, period=report.period
            )
        for said in _role(figures):
            return f"roles.{role}.{said}"
    return None


def _role(f: RoleFigures) -> Iterator[str]:
    """Each contradiction in one role's figures."""
    total = f.sessions.value
    tables = {
        "by_month": [c.value for c in f.by_month.values()],
        "by_purpose": [c.value for c in dict(f.by_purpose).values()],
        "decisions": [c.value for c in dict(f.decisions).values()],
    }
    for name, values in tables.items():
        if sum(values) != total:
            yield _added(name, sum(values), "sessions", total)
    for name, part in (("reverse", f.reverse.value), ("feedback", f.feedback.value)):
        if part > total:
            yield _("{part} is larger than {total}").format(part=name, total="sessions")
    yield from _actions(f, total)
    yield from _mean("rating", f.rating, total)
    yield from _mean("checkins", f.checkins, total)


def _added(parts: str, found: int, whole: str, total: int) -> str:
    return _("{parts} add up to {found}, and {whole} is {total}").format(
        parts=parts, found=found, whole=whole, total=total
    )


def _actions(f: RoleFigures, sessions: int) -> Iterator[str]:
    a = f.actions
    for name in ("total", "done", "on_time", "not_done", "done_not_on_time"):
        yield from _from_sessions(f"actions.{name}", getattr(a, name), sessions)
    for whole, parts in (
        ("total", ("done", "not_done")),
        ("done", ("on_time", "done_not_on_time")),
    ):
        counts = [getattr(a, p) for p in parts]
        outer: ActionCount = getattr(a, whole)
        if sum(c.value for c in counts) != outer.value:
            yield _added(
                f"actions.{'+'.join(parts)}", sum(c.value for c in counts), whole, outer.value
            )
        if max(c.sessions for c in counts) > outer.sessions or (
            outer.sessions > sum(c.sessions for c in counts)
        ):
            yield _("actions.{whole}: its sessions disagree with those of its parts").format(
                whole=whole
            )


def _from_sessions(name: str, count: ActionCount | Checkins, sessions: int) -> Iterator[str]:
    """A count of things (actions, check-ins) and the sessions they come from agree."""
    value = count.value if isinstance(count, ActionCount) else count.count
    if count.sessions > sessions:
        yield _("{part} is larger than {total}").format(part=f"{name}.sessions", total="sessions")
    if count.sessions > value or (value > 0) != (count.sessions > 0):
        yield _("{name}: {value} from {sessions} sessions").format(
            name=name, value=value, sessions=count.sessions
        )


def _mean(name: str, m: Rating | Checkins, sessions: int) -> Iterator[str]:
    if (m.mean is None) != (m.count == 0):
        yield (
            _("{name}: a mean beside a count of 0").format(name=name)
            if m.count == 0
            else _("{name}: a count without its mean").format(name=name)
        )
        return
    if isinstance(m, Checkins):
        yield from _from_sessions(name, m, sessions)
    elif m.count > sessions:
        yield _("{part} is larger than {total}").format(part=f"{name}.count", total="sessions")
    whole = (m.mean or 0) * m.count
    if abs(whole - round(whole)) > 1e-6:
        yield _("{name}: mean × count is not a whole sum of whole values").format(name=name)
