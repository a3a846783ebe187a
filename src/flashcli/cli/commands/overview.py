"""flash, with no command: where things stand and the one command to run next."""

from flashcli import dates, store
from flashcli.cli.output import read_summaries, say, warn_of_copies
from flashcli.queries import standing


def overview() -> None:
    """Where things stand: the current session, its phase, what is next."""
    summaries = read_summaries()
    warn_of_copies()
    found = standing(summaries, store.guidance_data()["items"], dates.now())
    if found is None:
        say('No open session. Start one with: flash prep --with "Name <email>"')
        return
    overdue = [
        f"{r.action.text} (due {r.action.due}; {r.who}, with {r.partner})"
        if r.action.owner == "me"
        else f"{r.action.text} (due {r.action.due}; {r.partner})"
        for r in found.overdue
    ]
    from flashcli.cli import views  # Rich, only once there is something to show

    s = found.session
    shown = views.overview(
        (s.id, s.partner, s.role),
        found.phase,
        found.todo[:3],
        overdue[:5],
        len(overdue),
        found.next_step,
    )
    views.show(shown)
