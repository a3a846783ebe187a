"""flash, with no command: where things stand, the first of what needs you, what to run next."""

from flashcli import dates, store
from flashcli.cli.output import read_summaries, say, warn_of_copies
from flashcli.i18n import N_, _
from flashcli.queries import standing
from flashcli.reminders import first

SHOWN = 3  # reminders shown here; `flash remind` lists them all
NONE_OPEN = N_('No open session. Start one with: flash prep --with "Name <email>"')


def overview() -> None:
    """Where things stand: the current session, its phase, what is next; what needs you."""
    summaries = read_summaries()
    warn_of_copies()
    now = dates.now()
    items = store.guidance_data()["items"]
    found = standing(summaries, items, now)
    count, reminders = first(SHOWN, summaries, items, now, store.checkin_schedule())
    if found is None and not count:
        say(_(NONE_OPEN))
        return
    from flashcli.cli import views  # Rich, only once there is something to show

    texts = [r.text for r in reminders]  # put into words: only those shown
    needs = views.reminders(texts, count) if count else None
    if found is None:
        views.show(needs)
        say(_(NONE_OPEN))
        return
    s = found.session
    views.show(
        views.overview(
            (s.id, s.partner, s.role), found.phase, found.todo[:3], needs, found.next_step
        )
    )
