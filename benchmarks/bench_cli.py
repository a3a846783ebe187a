"""Time flash commands against `python -c "import typer"`, interleaved in one run.

    python benchmarks/bench_cli.py [--sizes 200 10000] [--repeat 15]

Sessions are made through the real storage code in a temporary FLASH_HOME. Prints the median
of each command and its ratio to the typer baseline measured in the same rounds.
"""

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import flashcli
from flashcli import store
from flashcli.models import Action, Note, Partner, Session

BASELINE = ("import typer", [sys.executable, "-c", "import typer"])
START = datetime(2026, 1, 5, 10, tzinfo=timezone(timedelta(hours=1)))


def populate(home: Path, count: int) -> str:
    """COUNT realistic sessions; returns the id of the last one."""
    os.environ["FLASH_HOME"] = str(home)
    sid = ""
    for n in range(count):
        when = START + timedelta(hours=n)

        def make(new_id: str, n: int = n, when: datetime = when) -> Session:
            return Session(
                id=new_id,
                role="mentee" if n % 3 else "mentor",
                partner=Partner(name=f"Partner {n}", email=f"p{n}@example.org"),
                purpose="career",
                created=when,
                updated=when,
                when=when,
                where="Video call",
                goal="Decide whether to move into management",
                topics=["Fit", "First steps"],
                questions=["What would you do in my place?", "What did you wish you had known?"],
                notes=[Note(at=when, text="Talk to two managers before deciding")],
                actions=[Action(text="Book two conversations", due=date(2026, 2, 1))],
            )

        sid = store.create(when.date(), f"partner-{n}", make).id
    return sid


def time_once(argv: Sequence[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    # No terminal on stdin: prep and followup would otherwise start their walks and wait.
    quiet = subprocess.DEVNULL
    subprocess.run(argv, env=env, stdin=quiet, stdout=quiet, stderr=quiet, check=True)
    return time.perf_counter() - started


# A case: its name, its arguments, its environment, and its target ratio (None: the baseline).
Case = tuple[str, list[str], dict[str, str], float | None]


def measure(cases: list[Case], repeat: int) -> dict[str, float]:
    """Median seconds per case; every round runs every case, so noise hits all alike."""
    samples: dict[str, list[float]] = {name: [] for name, *_ in cases}
    for _, argv, env, _ in cases:  # warm the disk cache
        time_once(argv, env)
    for _ in range(repeat):
        for name, argv, env, _ in cases:
            samples[name].append(time_once(argv, env))
    return {name: statistics.median(values) for name, values in samples.items()}


def cases_for(size: int, last: str, flash: list[str]) -> list[tuple[str, list[str], float]]:
    """Each command timed at one size: its name, its arguments and its target ratio."""
    reads = 2.5 if size <= 200 else 4.0  # commands that read every session (through the index)
    return [
        (f"flash list, {size}", [*flash, "list"], reads),
        (f"flash actions --json, {size}", [*flash, "actions", "--json"], reads),
        (f"flash (overview), {size}", flash, reads),
        # Changing one named session must not read the others, whatever their number.
        (f"flash notes ID TEXT, {size}", [*flash, "notes", last, "bench"], 2.5),
        (
            f"flash followup ID --feedback, {size}",
            [*flash, "followup", last, "--feedback", "ok"],
            2.5,
        ),
        (f"flash prep ID --goal, {size}", [*flash, "prep", last, "--goal", "Decide"], 2.5),
        # These read the index, so they are held to the list's target: without an id, notes
        # finds the current session; a new session looks for open actions with the same person.
        (f"flash notes TEXT (current), {size}", [*flash, "notes", "bench"], reads),
        (
            f"flash prep --with (new), {size}",
            [*flash, "prep", "--with", "Zed <z@example.org>"],
            reads,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 10_000])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    # pip byte-compiles an installed package; an editable checkout under
    # PYTHONDONTWRITEBYTECODE would compile flash on every run and time that instead.
    compileall.compile_dir(Path(flashcli.__file__).parent, quiet=1)
    flash = [sys.executable, "-m", "flashcli"]
    env = {**os.environ, "NO_COLOR": "1"}
    cases: list[Case] = [
        (BASELINE[0], BASELINE[1], env, None),
        ("flash --help", [*flash, "--help"], env, 1.5),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            home = Path(tmp) / str(size)
            print(f"creating {size} sessions…", file=sys.stderr)
            last = populate(home, size)
            sized = {**env, "FLASH_HOME": str(home)}
            cases += [
                (name, argv, sized, target) for name, argv, target in cases_for(size, last, flash)
            ]
        medians = measure(cases, args.repeat)
    base = medians[BASELINE[0]]
    print(f"{'command':<40} {'median ms':>9} {'ratio':>6} {'target':>7}")
    for name, _, _, target in cases:
        seconds = medians[name]
        ratio = seconds / base
        verdict = (
            "" if target is None else f"≤{target:.1f}x {'met' if ratio <= target else 'MISSED'}"
        )
        print(f"{name:<40} {seconds * 1000:>9.1f} {ratio:>5.2f}x {verdict}")


if __name__ == "__main__":
    main()
