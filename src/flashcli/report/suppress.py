"""Which of a programme's added-up figures may be published: the rules of SPEC §8, on figures
of any kind, each known by name with how many sessions each person (report id) gave it.

- A figure is shown when it comes from no session (a 0 says nothing of anyone), or from at
  least 5 sessions and at least 3 people, with at least 5 sessions left once the largest single
  person's share is left out: a person who knows their own share learns nothing of fewer than
  5 other sessions. Otherwise it is withheld, with that reason.
- Figures are tied by relations, a total and the parts that add up to it (months to sessions,
  mentee and mentor to both). What a shown total gives away is the sum of its withheld parts:
  together they must pass the same thresholds, and until they do, the smallest shown part
  (never a 0, never the total) is withheld too, "by subtraction". A total withheld beside parts
  all shown would be their sum: one of them is withheld too. Repeated until nothing changes.
- Some parts are never shown (sessions not rated: the sessions less those rated): "hidden",
  they are withheld parts like any other.
- Last, the figures are attacked as a reader would (recover.py): any figure withheld from too
  few that the relations still fix gets company, the smallest figure shown beside it, until
  none can be recovered.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

FEWEST_SESSIONS, FEWEST_PEOPLE = 5, 3
SUBTRACTION = "subtraction"


@dataclass
class Cell:
    """One figure: the sessions each person gave it (only those above 0), and why it is
    withheld (None: shown)."""

    sessions: dict[str, int] = field(default_factory=dict)
    hidden: bool = False
    reason: str | None = None

    @property
    def withheld(self) -> bool:
        return bool(self.sessions) and (self.hidden or self.reason is not None)

    @property
    def size(self) -> int:
        return sum(self.sessions.values())


@dataclass(frozen=True)
class Relation:
    """TOTAL is the sum of PARTS. DISJOINT: no session counts in two parts (not so for actions
    done and not done, which one session may both have)."""

    total: str
    parts: tuple[str, ...]
    disjoint: bool = True


def reason(sessions: Mapping[str, int]) -> str | None:
    """Why a figure drawn from SESSIONS (by person) is withheld; None when it may be shown."""
    if not sessions:
        return None
    size = sum(sessions.values())
    if size < FEWEST_SESSIONS:
        return "sessions"
    if len(sessions) < FEWEST_PEOPLE:
        return "people"
    if size - max(sessions.values()) < FEWEST_SESSIONS:
        return "share"
    return None


def suppress(cells: dict[str, Cell], relations: Iterable[Relation]) -> None:
    """Withhold, in CELLS, what the thresholds and the RELATIONS between them ask; then try to
    recover every figure withheld from too few (recover.py), and withhold more beside any
    that can be, until none can."""
    for cell in cells.values():
        cell.reason = reason(cell.sessions)
    relations = list(relations)
    while True:
        while any([_protect(cells, r) for r in relations]):
            pass
        leak = _recoverable(cells, relations)
        if leak is None:
            return
        _withhold_beside(cells, relations, leak)


def _protect(cells: dict[str, Cell], relation: Relation) -> bool:
    """Withhold one more figure of RELATION if what it gives away asks for it; whether it did.
    What a shown total gives away must pass the thresholds; and a figure withheld to protect
    another never stands alone in a relation, where it would be the others' sum or difference
    (with no part left to join it, the total does)."""
    total = cells[relation.total]
    parts = [cells[name] for name in relation.parts]
    withheld = [c for c in (total, *parts) if c.withheld]
    if len(withheld) == 1 and withheld[0].reason == SUBTRACTION:
        return _withhold_smallest(parts) or _withhold_smallest([total])
    if (
        total.withheld
        or not withheld
        or reason(given_away(total, parts, relation.disjoint)) is None
    ):
        return False
    return _withhold_smallest(parts)


def _recoverable(cells: dict[str, Cell], relations: list[Relation]) -> str | None:
    """A figure withheld from too few that the relations give away all the same, if any."""
    from flashcli.report.recover import recovered

    unknown = [name for name, cell in cells.items() if cell.withheld]
    found = recovered(unknown, [(r.total, r.parts) for r in relations])
    return next((n for n in unknown if n in found and reason(cells[n].sessions)), None)


def _withhold_beside(cells: dict[str, Cell], relations: list[Relation], leak: str) -> None:
    """Withhold the smallest figure shown in the relations of LEAK, which could be recovered
    (a part if there is one, else a total); where all there are withheld or 0, in theirs."""
    near = {leak}
    while True:
        touching = [r for r in relations if near & {r.total, *r.parts}]
        for names in ([p for r in touching for p in r.parts], [r.total for r in touching]):
            if _withhold_smallest([cells[n] for n in names]):
                return
        wider = near | {n for r in touching for n in (r.total, *r.parts)}
        if wider == near:  # nothing shown anywhere near: nothing could give it away
            raise AssertionError(f"{leak} recovered with nothing shown")
        near = wider


def given_away(total: Cell, parts: list[Cell], disjoint: bool) -> dict[str, int]:
    """The sessions, by person, behind what a shown TOTAL less its shown PARTS gives away: the
    withheld parts together (at least, where one session may be in two parts)."""
    hidden = [p for p in parts if p.withheld]
    if all(p.withheld or not p.sessions for p in parts):
        return total.sessions
    together: dict[str, int] = {}
    for part in hidden:
        for person, n in part.sessions.items():
            together[person] = (
                together.get(person, 0) + n if disjoint else max(together.get(person, 0), n)
            )
    return together


def _withhold_smallest(parts: list[Cell]) -> bool:
    shown = [p for p in parts if p.sessions and not p.withheld]
    if not shown:
        return False
    min(shown, key=lambda p: p.size).reason = SUBTRACTION
    return True
