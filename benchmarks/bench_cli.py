"""Time flash commands against `python -c "import typer"`, interleaved in one run.

    python benchmarks/bench_cli.py [--sizes 200 10000] [--repeat 15] [--no-jrnl]

Sessions are made through the real storage code in a temporary FLASH_HOME. Prints the median
of each command and its ratio to the typer baseline measured in the same rounds, with its
target; `flash sync` of one changed session is measured against the plain git commands that
do the same (add, commit, fetch, merge, push to a bare repository), where git is installed.
Unless --no-jrnl, jrnl (a journal kept at the command line) is installed in a
throwaway virtual environment and timed adding an entry to a journal of the same size, as a
peer to compare flash's notes with; without a network or a package index it is left out.
"""

import argparse
import compileall
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import NamedTuple

import flashcli
from flashcli import store
from flashcli.models import Action, Note, Partner, Session

BASELINE = "import typer"
START = datetime(2026, 1, 5, 10, tzinfo=timezone(timedelta(hours=1)))
JRNL_CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v4.6
"""


class Case(NamedTuple):
    name: str
    argv: list[str]
    env: dict[str, str]
    target: float | None  # the ratio to the baseline not to exceed; None: shown, not judged
    before: Callable[[], None] | None = None  # run, untimed, before each timing
    versus: str | None = None  # the case whose time the ratio is to, when not the baseline


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
                notes=[Note(at=when, text=f"Talk to two managers before deciding ({n})")],
                actions=[Action(text="Book two conversations", due=date(2026, 2, 1))],
            )

        sid = store.create(when.date(), f"Partner {n}", make).id
    return sid


def with_comments(home: Path) -> str:
    """The first session, with comments a person wrote into its file; returns its id. A
    file that holds a comment is rewritten by tomlkit, the others by tomli-w: both are timed."""
    path = sorted((home / "sessions").glob("*.toml"))[0]
    text = path.read_text("utf-8").replace("\nminutes = 60\n", "\nminutes = 60  # as usual\n")
    path.write_text("# Met at the conference\n" + text, "utf-8")
    return path.name.removesuffix(".toml")


def touch_all(folder: Path) -> Callable[[], None]:
    """What changes every session file, as a sync or a restore would: the index must re-read."""

    def touch() -> None:
        moment = time.time()
        for path in folder.iterdir():
            os.utime(path, (moment, moment))

    return touch


def time_once(case: Case) -> float:
    if case.before:
        case.before()
    started = time.perf_counter()
    # No terminal on stdin: prep and followup would otherwise start their walks and wait.
    quiet = subprocess.DEVNULL
    subprocess.run(case.argv, env=case.env, stdin=quiet, stdout=quiet, stderr=quiet, check=True)
    return time.perf_counter() - started


def measure(cases: list[Case], repeat: int) -> dict[str, float]:
    """Median seconds per case; every round runs every case, so noise hits all alike."""
    samples: dict[str, list[float]] = {case.name: [] for case in cases}
    for case in cases:  # warm the disk cache, the index and the guidance cache
        time_once(case)
    for _ in range(repeat):
        for case in cases:
            samples[case.name].append(time_once(case))
    return {name: statistics.median(values) for name, values in samples.items()}


def cases_for(
    size: int, home: Path, last: str, flash: list[str], env: dict[str, str]
) -> list[Case]:
    """Each command timed at one size, with its target ratio."""
    reads = 2.5 if size <= 200 else 4.0  # commands that read every session (through the index)
    change = 3.5  # a change to one named session must not read the others
    sized = {**env, "FLASH_HOME": str(home)}
    commented = with_comments(home)
    timed = [
        (f"flash list, {size}", ["list"], reads),
        (f"flash actions --json, {size}", ["actions", "--json"], reads),
        (f"flash (overview), {size}", [], reads),
        (f"flash stats, {size}", ["stats"], reads),
        (f"flash notes ID TEXT, {size}", ["notes", last, "bench"], change),
        (f"flash notes ID --action, {size}", ["notes", last, "--action", "Bench"], change),
        (f"flash followup ID --feedback, {size}", ["followup", last, "--feedback", "ok"], change),
        (f"flash prep ID --goal, {size}", ["prep", last, "--goal", "Decide"], change),
        (
            f"flash prep ID --goal, commented, {size}",
            ["prep", commented, "--goal", "Decide"],
            change,
        ),
        # Without an id, notes finds the current session through every summary, and a new
        # session looks there for open actions with the same person: a list and a change.
        (f"flash notes TEXT (current), {size}", ["notes", "bench"], None),
        (f"flash prep --with (new), {size}", ["prep", "--with", "Zed <z@example.org>"], None),
    ]
    cases = [Case(name, [*flash, *args], sized, target) for name, args, target in timed]
    french = {**sized, "LANGUAGE": "fr"}
    cases.append(Case(f"flash list, in French, {size}", [*flash, "list"], french, reads))
    # Search keeps a cache of its own, which the changes timed above keep making stale: timed
    # with it current (as after one search), and then cold, after every file changed.
    search = [*flash, "search", f"deciding ({size // 2})"]
    cases.append(Case(f"flash search TEXT, {size}", search, sized, reads, refresh(search, sized)))
    # The first list after every file changed (touched by a sync or a restore), against one
    # process that imports typer and parses every file with tomli on one core. The target is
    # set at 10,000: at 200 the floor is typer's import, and flash's own start-up is the rest.
    cold_target = 1.0 if size >= 10_000 else None
    floor = Case(f"parse floor, {size}", [sys.executable, "-c", FLOOR, str(home)], env, None)
    cold = Case(
        f"flash list, cold, {size}",
        [*flash, "list"],
        sized,
        cold_target,
        touch_all(home / "sessions"),
        floor.name,
    )
    cold_search = Case(f"flash search TEXT, cold, {size}", search, sized, None)
    return [*cases, floor, cold, cold_search]  # in this order: the cold list touches every file


# The floor of a first list: import typer, read and parse every session file with tomli (and
# open it with pyrage, in an encrypted folder), on one core, in one process.
FLOOR = """\
import sys
from pathlib import Path
import typer, tomli
home = Path(sys.argv[1])
for path in (home / "sessions").iterdir():
    tomli.loads(path.read_bytes().decode())
"""
FLOOR_SEALED = """\
import sys
from pathlib import Path
import typer, tomli, pyrage
from pyrage import x25519
home = Path(sys.argv[1])
secret = [l for l in Path(sys.argv[2]).read_text().splitlines() if l.startswith("AGE-")]
key = x25519.Identity.from_str(secret[0])
for path in (home / "sessions").iterdir():
    tomli.loads(pyrage.decrypt(path.read_bytes(), [key]).decode())
"""


def encrypted_cases(
    size: int, home: Path, last: str, flash: list[str], env: dict[str, str]
) -> list[Case]:
    """The same sessions, encrypted (flash config encrypt on): a list and a change."""
    sealed = home.with_name(f"{home.name}-encrypted")
    shutil.copytree(home, sealed, symlinks=True)
    config = sealed.with_name(f"{sealed.name}-config")  # the key's folder: never the person's
    sized = {**env, "FLASH_HOME": str(sealed), "XDG_CONFIG_HOME": str(config)}
    subprocess.run([*flash, "config", "encrypt", "on"], env=sized, check=True, capture_output=True)
    made = (config / "flash" / "key.txt", sealed / "key.txt")  # where this flash, or an older one
    key = next(path for path in made if path.exists())
    floor = Case(
        f"parse floor, encrypted, {size}",
        [sys.executable, "-c", FLOOR_SEALED, str(sealed), str(key)],
        env,
        None,
    )
    return [
        Case(f"flash list, encrypted, {size}", [*flash, "list"], sized, 5.0),
        Case(f"flash notes ID TEXT, encrypted, {size}", [*flash, "notes", last, "x"], sized, 4.0),
        floor,
        Case(
            f"flash list, encrypted, cold, {size}",
            [*flash, "list"],
            sized,
            1.0 if size >= 10_000 else None,
            touch_all(sealed / "sessions"),
            floor.name,
        ),
    ]


# What `flash sync` does for one changed session, done by hand with git: the same repository,
# set up the same way (flash's excludes in .git/info), one change before each run.
GIT_STEPS = (
    "git add --all && git commit --quiet -m change && git fetch --quiet origin "
    "&& git merge --quiet origin/{branch} && git push --quiet origin {branch}"
)


def sync_cases(
    size: int, home: Path, last: str, flash: list[str], env: dict[str, str]
) -> list[Case]:
    """flash sync of one changed session, against the plain git commands that do the same,
    each in a copy of the sessions with a bare repository of its own as the remote."""
    if shutil.which("git") is None:
        print("flash sync left out: git is not installed", file=sys.stderr)
        return []
    cases = []
    for kind in ("git", "flash"):
        repo = home.with_name(f"{home.name}-sync-{kind}")
        shutil.copytree(home, repo, symlinks=True)
        sized = {**env, "FLASH_HOME": str(repo), "GIT_CONFIG_GLOBAL": os.devnull}
        sized |= {"GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "B", "GIT_COMMITTER_NAME": "B"}
        sized |= {"GIT_AUTHOR_EMAIL": "b@example.org", "GIT_COMMITTER_EMAIL": "b@example.org"}

        def run(*argv: str, sized: dict[str, str] = sized) -> str:
            done = subprocess.run(argv, env=sized, check=True, capture_output=True, text=True)
            return done.stdout.strip()

        run(*flash, "sync", "--setup", "--init")
        remote = repo.with_name(f"{repo.name}.git")
        run("git", "init", "--quiet", "--bare", str(remote))
        run("git", "-C", str(repo), "remote", "add", "origin", str(remote))
        run(*flash, "sync")
        run(*flash, "list")  # the index as after any use: its journal folded
        branch = run("git", "-C", str(repo), "symbolic-ref", "--short", "HEAD")
        change = refresh([*flash, "notes", last, "synced"], sized)
        if kind == "git":
            steps = f"cd {shlex.quote(str(repo))} && {GIT_STEPS.format(branch=branch)}"
            cases.append(Case(f"git add … push, {size}", ["sh", "-c", steps], sized, None, change))
        else:
            versus = f"git add … push, {size}"
            name = f"flash sync, {size}"
            cases.append(Case(name, [*flash, "sync"], sized, 1.5, change, versus))
    return cases


def refresh(argv: list[str], env: dict[str, str]) -> Callable[[], None]:
    """What brings a command's own cache up to date: running it once, untimed."""

    def run() -> None:
        subprocess.run(
            argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
        )

    return run


# The floor of a note with flash's stack: import typer, then pydantic models with EmailStr
# that validate one session file, as reading a session before a change does (and no more).
NOTE_FLOOR = """\
import sys, tomli
from datetime import date, datetime
from pathlib import Path
import typer
from pydantic import BaseModel, EmailStr
class Partner(BaseModel):
    name: str
    email: EmailStr | None = None
class Note(BaseModel):
    at: datetime
    text: str
class Action(BaseModel):
    text: str
    due: date | None = None
class Session(BaseModel):
    id: str
    partner: Partner
    notes: list[Note] = []
    actions: list[Action] = []
Session.model_validate(tomli.loads(Path(sys.argv[1]).read_text("utf-8")))
"""


def jrnl_cases(
    size: int, jrnl: Path, folder: Path, env: dict[str, str], home: Path, last: str
) -> list[Case]:
    """jrnl adding one entry to a journal of SIZE entries, as flash adds a note; and the
    floor of flash's stack for the same, which no change to flash can go below."""
    journal = folder / f"journal-{size}.txt"
    with journal.open("w", encoding="utf-8") as f:
        for n in range(size):
            moment = START + timedelta(hours=n)
            f.write(f"[{moment:%Y-%m-%d %H:%M}] Entry {n}\nTalk to two managers first.\n\n")
    config = folder / f"jrnl-{size}.yaml"
    config.write_text(JRNL_CONFIG.format(journal=journal), "utf-8")
    argv = [str(jrnl), "--config-file", str(config), "bench entry"]
    session = home / "sessions" / f"{last}.toml"
    floor = [sys.executable, "-c", NOTE_FLOOR, str(session)]
    return [
        Case(f"jrnl (add an entry), {size}", argv, env, None),
        Case(f"typer+pydantic+EmailStr floor, {size}", floor, env, None),
    ]


def install_jrnl(folder: Path) -> Path | None:
    """jrnl in a throwaway virtual environment, or None (with a message) when it cannot be."""
    venv = folder / "jrnl-venv"
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "jrnl"]
        subprocess.run(pip, check=True, capture_output=True, timeout=300)
    except (subprocess.SubprocessError, OSError) as e:
        print(f"jrnl left out: it could not be installed ({type(e).__name__})", file=sys.stderr)
        return None
    return venv / "bin" / "jrnl"


def report(cases: Sequence[Case], medians: dict[str, float]) -> None:
    print(f"{'command':<40} {'median ms':>9} {'ratio':>6} {'target':>7}")
    for case in cases:
        seconds = medians[case.name]
        ratio = seconds / medians[case.versus or BASELINE]
        verdict = f" of {case.versus}" if case.versus else ""
        if case.target is not None:
            verdict = f"≤{case.target:.1f}x {'met' if ratio <= case.target else 'MISSED'}{verdict}"
        print(f"{case.name:<40} {seconds * 1000:>9.1f} {ratio:>5.2f}x {verdict}")
    for name, seconds in medians.items():
        if name.startswith("jrnl"):
            size = name.rsplit(", ", 1)[1]
            for what in ("flash notes ID TEXT", "flash notes ID --action"):
                ratio = medians[f"{what}, {size}"] / seconds
                print(f"{what} against jrnl's add, {size}: {ratio:.2f}x jrnl's time")
            floor = medians[f"typer+pydantic+EmailStr floor, {size}"] / seconds
            print(f"  the stack's floor for it (typer, pydantic, EmailStr), {size}: {floor:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 10_000])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-jrnl", action="store_true", help="Do not time jrnl.")
    args = parser.parse_args()
    # pip byte-compiles an installed package; an editable checkout under
    # PYTHONDONTWRITEBYTECODE would compile flash on every run and time that instead.
    compileall.compile_dir(Path(flashcli.__file__).parent, quiet=1)
    flash = [sys.executable, "-m", "flashcli"]
    # In English whatever the machine speaks; French where its catalogue and dates are timed.
    env = {**os.environ, "NO_COLOR": "1", "LANGUAGE": "en", "LC_ALL": "C.UTF-8"}
    cases = [
        Case(BASELINE, [sys.executable, "-c", "import typer"], env, None),
        Case("flash --help", [*flash, "--help"], env, 1.5),
        Case("flash --help, in French", [*flash, "--help"], {**env, "LANGUAGE": "fr"}, 1.5),
        Case("flash --version", [*flash, "--version"], env, 1.5),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        jrnl = None if args.no_jrnl else install_jrnl(folder)
        for size in args.sizes:
            home = folder / str(size)
            print(f"creating {size} sessions…", file=sys.stderr)
            last = populate(home, size)
            cases += cases_for(size, home, last, flash, env)
            cases += encrypted_cases(size, home, last, flash, env)
            cases += sync_cases(size, home, last, flash, env)
            if jrnl:
                cases += jrnl_cases(size, jrnl, folder, env, home, last)
        medians = measure(cases, args.repeat)
    report(cases, medians)


if __name__ == "__main__":
    main()
