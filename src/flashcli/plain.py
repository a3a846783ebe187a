"""Plain aligned columns: for pipes and for lists too long to lay out with Rich."""

from collections.abc import Collection, Sequence


def columns(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right: Collection[int] = ()
) -> str:
    widths = [max(map(len, column)) for column in zip(headers, *rows, strict=True)]
    layout = "  ".join(f"{{:{'>' if n in right else '<'}{w}}}" for n, w in enumerate(widths))
    return "\n".join(layout.format(*row).rstrip() for row in [headers, *rows])
