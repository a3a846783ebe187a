"""What the published figures give away all the same, found as an attacker finds it: a figure
not shown is recovered when the relations between the figures fix it, that is, when every way
of filling in the figures not shown that keeps every relation true gives it one value. Exact
linear algebra (fractions) over the figures not shown: the figures shown are constants."""

from collections.abc import Sequence
from fractions import Fraction

Equation = tuple[str, Sequence[str]]  # a total and its parts


def recovered(unknown: Sequence[str], equations: Sequence[Equation]) -> set[str]:
    """Of the figures UNKNOWN (not shown), those EQUATIONS (total = sum of parts, over every
    figure; those not in UNKNOWN are known) fix."""
    index = {name: k for k, name in enumerate(unknown)}
    rows = []
    for total, parts in equations:
        row = [Fraction(0)] * len(unknown)
        for name, sign in ((total, -1), *((p, 1) for p in parts)):
            if name in index:
                row[index[name]] += sign
        if any(row):
            rows.append(row)
    pivots = _reduce(rows, len(unknown))
    free = [k for k in range(len(unknown)) if k not in pivots]
    return {unknown[k] for k, r in pivots.items() if all(rows[r][f] == 0 for f in free)}


def _reduce(rows: list[list[Fraction]], width: int) -> dict[int, int]:
    """ROWS in reduced row echelon form, in place; each pivot's column with its row. A column
    with a pivot whose row has no other free column is fixed: no solution can move it."""
    pivots: dict[int, int] = {}
    r = 0
    for col in range(width):
        found = next((i for i in range(r, len(rows)) if rows[i][col] != 0), None)
        if found is None:
            continue
        rows[r], rows[found] = rows[found], rows[r]
        lead = rows[r][col]
        rows[r] = [v / lead for v in rows[r]]
        for i, row in enumerate(rows):
            if i != r and row[col] != 0:
                factor = row[col]
                rows[i] = [a - factor * b for a, b in zip(row, rows[r], strict=True)]
        pivots[col] = r
        r += 1
    return pivots
