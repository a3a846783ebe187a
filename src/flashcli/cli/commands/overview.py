"""flash, with no command: where things stand and the one command to run next."""

from flashcli import dates, store
from flashcli.cli.output import read_summaries, say, warn_of_copies
from flashcli.kinds import Phase
from flashcli.summary import action_rows, current

NEXT_COMMAND = {"prepare": "flash prep", "during": "flash notes", "after": "flash followup"}


def overview() -> None:
    """Where things stand: the current session, its phase, what is next."""
    summaries = read_summaries()
    warn_of_copies()
    s = current(summaries)
    if s is None:
        say('No open session. Start one with: flash prep --with "Name <email>"')
        return
    now = dates.now()
    phase = s.phase(now)
    items = store.guidance_data()["items"]
    todo = [
        i["text"]
        for i in items
        if i["role"] == s.role and i["phase"] == phase and not s.is_ticked(i["key"], i["auto"])
    ]
    overdue = [
        f"{r.action.text} (due {r.action.due}; {r.who}, with {r.partner})"
        if r.action.owner == "me"
        else f"{r.action.text} (due {r.action.due}; {r.partner})"
        for r in action_rows(summaries, now.date())
        if r.overdue
    ]
    from flashcli.cli import views  # Rich, only once there is something to show

    who = (s.id, s.partner, s.role)
    views.show(views.overview(who, phase, todo[:3], overdue[:5], len(overdue), _next(phase, todo)))


def _next(phase: Phase, todo: list[str]) -> str:
    """The one command to run next."""
    if phase == "prepare" and not todo:
        return "flash notes, once you meet"
    if phase == "after" and not todo:
        return "flash followup --close"
    return NEXT_COMMAND[phase]
