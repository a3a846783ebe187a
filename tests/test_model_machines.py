"""A model-based test on real git: machines that are clones of one bare repository, and
seeded random sequences of what people do to them (notes, actions with the same texts, ticks
and unticks, field edits, deletes, encryption on and off, syncs, SIGKILLs during the last
three, a new clone never set up, a moved Python environment, hostile pushes). The model
records what each command acknowledged (exit 0); after a final round of syncs on every
machine the invariants are checked against the repository and every machine.

The CI runs a few short sequences (FLASH_MODEL_SEQUENCES, FLASH_MODEL_STEPS, FLASH_MODEL_SEED
make it longer); a failure prints its seed, and the same seed replays the same sequence.
"""

import json
import os
import random
import re
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pyrage
import pytest
from pyrage import x25519

from tests.conftest import age_key
from tests.factories import NO_GIT_CONFIG
from tests.machines import git

pytestmark = [
    pytest.mark.slow,  # real git repositories and processes: `pytest -m "not slow"` skips them
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

SEQUENCES = int(os.environ.get("FLASH_MODEL_SEQUENCES", "3"))
STEPS = int(os.environ.get("FLASH_MODEL_STEPS", "30"))
FIRST_SEED = int(os.environ.get("FLASH_MODEL_SEED", "1"))
PARTNERS = ["Ada Lovelace", "Grace Hopper"]
TEXTS = ["Read the paper", "Ask Sam", "Call back"]  # the same texts, on several machines
START = datetime.fromisoformat("2026-12-01T09:00:00+01:00")


@dataclass
class Walk:
    """The machines, the model of what was acknowledged, and the figures of one sequence."""

    root: Path
    rng: random.Random
    key: Path
    machines: list[Path] = field(default_factory=list)
    clock: datetime = START
    entries: list[tuple[str, str, str, datetime]] = field(default_factory=list)  # kind, sid,…
    deleted: dict[str, datetime] = field(default_factory=dict)
    goals: dict[str, dict[str, datetime]] = field(default_factory=dict)
    figures: Counter[str] = field(default_factory=Counter)
    fresh: bool = False
    log: list[str] = field(default_factory=list)
    hostile: set[str] = field(
        default_factory=set
    )  # the blobs an attacker pushed  # what was done, printed when a check fails

    def env(self, home: Path) -> dict[str, str]:
        return {
            **os.environ,
            **NO_GIT_CONFIG,
            "FLASH_HOME": str(home),
            "FLASH_NOW": self.clock.isoformat(),
            "FLASH_KEY": str(self.key),
            "NO_COLOR": "1",
            "TZ": "Europe/Paris",
        }

    def flash(self, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
        self.clock += timedelta(minutes=1)
        self.figures["operations"] += 1
        done = subprocess.run(
            [sys.executable, "-m", "flashcli", *args],
            env=self.env(home),
            capture_output=True,
            text=True,
            timeout=120,
        )
        self.log.append(f"{home.name} {' '.join(args)} -> {done.returncode} {done.stderr}")
        assert "Traceback" not in done.stderr, (args, done.stderr)
        if done.returncode != 0:  # refused: one line that says what to do (and for a usage
            lines = done.stderr.splitlines()  # error, where the help is)
            assert done.returncode in (1, 2) and lines[0].startswith("flash: "), done.stderr
            assert len(lines) == 1 or (done.returncode == 2 and lines[1].startswith("Try "))
        return done

    def killed(self, home: Path, *args: str) -> bool:
        """ARGS run and killed by SIGKILL after a random moment; whether the kill landed."""
        self.clock += timedelta(minutes=1)
        self.figures["operations"] += 1
        proc = subprocess.Popen(
            [sys.executable, "-m", "flashcli", *args],
            env=self.env(home),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # git and the driver it runs are killed with it
        )
        try:
            proc.wait(timeout=self.rng.uniform(0.05, 0.6))
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        landed = proc.returncode == -signal.SIGKILL
        self.log.append(f"{home.name} {' '.join(args)} -> {'killed' if landed else 'ended'}")
        self.figures["kills"] += landed
        return landed

    # ------------------------------------------------------------ what people do

    def session_ids(self, home: Path) -> list[str]:
        done = self.flash(home, "list", "--json")
        return [s["id"] for s in json.loads(done.stdout)] if done.returncode == 0 else []

    def pick(self, home: Path) -> str | None:
        ids = self.session_ids(home)
        return self.rng.choice(ids) if ids else None

    def add(self, home: Path, kind: str) -> None:
        sid = self.pick(home)
        if sid is None:
            return
        text = self.rng.choice(TEXTS) if self.rng.random() < 0.5 else f"{kind} {self.clock}"
        args = [text] if kind == "note" else ["--action", text]
        if self.flash(home, "notes", sid, *args).returncode == 0:
            self.entries.append((kind, sid, text, self.clock))

    def tick(self, home: Path) -> None:
        sid = self.pick(home)
        if sid is not None:
            flag = self.rng.choice(["--complete", "--reopen"])
            self.flash(home, "followup", sid, flag, "1")

    def edit(self, home: Path) -> None:
        sid = self.pick(home)
        if sid is not None:
            goal = f"goal at {self.clock:%H:%M}"
            if self.flash(home, "edit", sid, "--goal", goal, "--no-input").returncode == 0:
                self.goals.setdefault(sid, {})[goal] = self.clock

    def delete(self, home: Path) -> None:
        sid = self.pick(home)
        if sid is not None and self.flash(home, "delete", sid, "--yes").returncode == 0:
            self.deleted[sid] = self.clock  # the latest: a change before it may go with it

    def encrypt(self, home: Path) -> None:
        way = self.rng.choice(["on", "on", "off"])
        if self.rng.random() < 0.3:
            self.killed(home, "config", "encrypt", way)
        else:
            self.flash(home, "config", "encrypt", way)

    def sync(self, home: Path) -> None:
        if self.rng.random() < 0.2:
            self.killed(home, "sync")
            return
        done = self.flash(home, "sync")
        self.figures["syncs"] += 1
        self.follow(home, done)

    def follow(self, home: Path, done: subprocess.CompletedProcess[str]) -> None:
        """What a person does with what a refused sync told them."""
        told = done.stderr
        locks = re.search(r"\(rm (.+?)\)", told)
        if locks:  # a git killed with flash left its locks: removed as the message says
            for lock in shlex.split(locks[1]):
                Path(lock).unlink(missing_ok=True)
        elif "did not finish here; run it again" in told:
            way = "on" if "encrypt on'" in told else "off"
            assert self.flash(home, "config", "encrypt", way).returncode == 0
        elif "run 'flash sync --fresh-history' here" in told:
            assert self.flash(home, "sync", "--fresh-history", "--yes").returncode == 0, told

    def fresh_history(self, home: Path) -> None:
        if (home / "encryption").exists() and self.rng.random() < 0.5:
            done = self.flash(home, "sync", "--fresh-history", "--push", "--yes")
            self.fresh |= done.returncode == 0
            self.figures["fresh histories"] += done.returncode == 0
            self.follow(home, done)

    def new_clone(self) -> None:
        if len(self.machines) < 4:
            home = self.root / f"machine{len(self.machines)}"
            git(self.root, "clone", "--quiet", str(self.root / "remote.git"), str(home))
            self.machines.append(home)

    def moved_environment(self, home: Path) -> None:
        """The launcher the registered driver names is gone (a recreated virtualenv)."""
        gone = "if [ -x /gone/venv/bin/flash ]; then exec /gone/venv/bin/flash merge-driver "
        gone += "%O %A %B %P; else exec flash merge-driver %O %A %B %P; fi"
        if (home / ".git").exists():
            git(home, "config", "merge.flash.driver", gone)

    def hostile_push(self) -> None:
        """A push from elsewhere: a link, a changed marker or ignore file, a broken session;
        what flash must refuse is taken back after one machine has tried to sync it."""
        scratch = self.root / "attacker"
        shutil.rmtree(scratch, ignore_errors=True)
        git(self.root, "clone", "--quiet", str(self.root / "remote.git"), str(scratch))
        what = self.rng.choice(["link", "marker", "ignore", "broken"])
        self.figures[f"hostile {what}"] += 1
        name = {
            "link": "drafts",
            "marker": "encryption",
            "ignore": ".gitignore",
            "broken": "sessions/2026-11-30-eve.toml",
        }[what]
        target = scratch / name
        if what == "link":
            target.symlink_to("../outside")
        elif what == "marker":
            target.write_text(f"age\n{x25519.Identity.generate().to_public()}\n")
        elif what == "ignore":
            target.write_text("!key.txt\n!*\n")
        else:
            target.write_text('schema = 1\nid = "2026-11-30-eve"\n[[notes]\n')
        attacker = ["-c", "user.name=eve", "-c", "user.email=eve@example.org"]
        git(scratch, "add", name)
        git(scratch, *attacker, "commit", "-q", "--allow-empty", "-m", f"hostile: {what}")
        self.hostile.add(git(scratch, "rev-parse", f"HEAD:{name}").strip())
        git(scratch, "push", "-q", "origin", "HEAD")
        if what in ("link", "broken"):
            home = self.rng.choice(self.machines)
            for _ in range(3):  # after what the person is told to do first, if anything
                refused = self.flash(home, "sync")
                if name in refused.stderr:
                    break
                self.follow(home, refused)
            assert refused.returncode == 1 and name in refused.stderr, refused.stderr
            git(scratch, "rm", "-q", name)
            git(scratch, *attacker, "commit", "-qm", f"take back {what}")
            git(scratch, "push", "-q", "origin", "HEAD")
        shutil.rmtree(scratch)

    def step(self) -> None:
        """One thing a person does, on one machine, drawn by weight."""
        home = self.rng.choice(self.machines)
        ops: dict[str, tuple[int, Callable[[], None]]] = {
            "note": (14, lambda: self.add(home, "note")),
            "action": (10, lambda: self.add(home, "action")),
            "tick": (6, lambda: self.tick(home)),
            "edit": (5, lambda: self.edit(home)),
            "delete": (2, lambda: self.delete(home)),
            "encrypt": (4, lambda: self.encrypt(home)),
            "sync": (16, lambda: self.sync(home)),
            "fresh": (1, lambda: self.fresh_history(home)),
            "clone": (1, self.new_clone),
            "moved": (1, lambda: self.moved_environment(home)),
            "hostile": (2, self.hostile_push),
        }
        op = self.rng.choices(list(ops), weights=[weight for weight, _ in ops.values()])[0]
        self.figures[f"op {op}"] += 1
        ops[op][1]()

    def settle(self) -> None:
        """The final round: each machine finishes what it was told to, then syncs, until all
        agree."""
        for _ in range(4):
            for home in self.machines:
                done = self.flash(home, "sync")
                self.figures["syncs"] += 1
                if done.returncode != 0:
                    self.follow(home, done)
                    done = self.flash(home, "sync")
                assert done.returncode == 0, (home.name, done.stderr)
            heads = {git(home, "rev-parse", "HEAD") for home in self.machines}
            if len(heads) == 1:
                return
        pytest.fail(f"the machines never agreed: {heads}")


# ---------------------------------------------------------------- reading back, on its own


def plain(data: bytes, key: x25519.Identity) -> dict[str, Any]:
    """A session file's bytes as tomllib reads them, opened with pyrage if sealed."""
    if data.startswith(b"age-encryption.org/v1\n"):
        data = pyrage.decrypt(data, [key])
    text = data.decode("utf-8")
    assert "<<<<<<<" not in text and ">>>>>>>" not in text
    return tomllib.loads(text)


def sessions_of(home: Path, key: x25519.Identity) -> dict[str, dict[str, Any]]:
    found = {}
    for path in (home / "sessions").iterdir():
        if path.name.endswith((".toml", ".toml.age")):
            table = plain(path.read_bytes(), key)
            assert table["id"] not in found, f"{table['id']} kept twice on {home.name}"
            found[table["id"]] = table
    return found


def check_repository(walk: Walk, key: x25519.Identity) -> None:
    """Every commit reachable in the remote: nothing flash cannot read, no key, no session in
    clear in a tree that says the folder is encrypted, no old history after a fresh one."""
    remote = walk.root / "remote.git"
    listed = git(remote, "rev-list", "--all", "--objects").splitlines()
    blobs = [line.split(" ", 1) for line in listed if " " in line]
    for sha, name in blobs:
        if sha in walk.hostile:
            continue  # flash never committed it: checked to be refused when it came
        data = subprocess.run(
            ["git", "-C", str(remote), "cat-file", "-p", sha], capture_output=True, check=True
        ).stdout
        assert b"AGE-SECRET-KEY-" not in data, name
        if name.startswith("sessions/") and name.endswith((".toml", ".toml.age")):
            table = plain(data, key)  # readable: no marker, TOML, the key opens it
            assert name.split("/")[1].startswith(table["id"])
    for line in git(remote, "log", "--all", "--format=%H %an").splitlines():
        commit, author = line.split(" ", 1)
        if author == "eve":
            continue
        tree = git(remote, "ls-tree", "-r", "--name-only", commit).splitlines()
        assert "key.txt" not in tree
        if "encryption" in tree:
            clear = [n for n in tree if n.startswith("sessions/") and n.endswith(".toml")]
            assert not clear, f"{commit} says encrypted and holds {clear}"
    if walk.fresh:
        roots = git(remote, "rev-list", "--max-parents=0", "--all").split()
        subjects = [git(remote, "log", "-1", "--format=%s", r).strip() for r in roots]
        assert all(s.startswith("flash: fresh history") for s in subjects), subjects


def check_machines(walk: Walk, key: x25519.Identity) -> None:
    held = [sessions_of(home, key) for home in walk.machines]
    first = held[0]
    for other, home in zip(held[1:], walk.machines[1:], strict=True):
        assert other == first, f"{home.name} differs from {walk.machines[0].name}"

    def may_be_gone(sid: str, when: datetime) -> bool:
        """A change is gone only with a deletion made after it (on a machine that had it;
        another machine's change after the deletion keeps the session, as it was there)."""
        return sid in walk.deleted and walk.deleted[sid] >= when

    for kind, sid, text, when in walk.entries:
        if may_be_gone(sid, when):
            continue
        assert sid in first, (sid, text, "lost with its session")
        entries = first[sid].get("notes" if kind == "note" else "actions", [])
        said = Counter(e["text"] for e in entries)
        wanted = Counter(
            t for k, s, t, w in walk.entries if (k, s) == (kind, sid) and not may_be_gone(s, w)
        )
        assert all(said[t] >= n for t, n in wanted.items()), (sid, wanted, said)
    for sid, goals in walk.goals.items():  # one of the goals set: the others set aside
        kept = [goal for goal, when in goals.items() if not may_be_gone(sid, when)]
        if kept:
            assert first[sid].get("goal") in goals, (sid, first[sid].get("goal"), goals)
    for home in walk.machines:
        for root, dirs, files in os.walk(home):
            if Path(root) == home:
                dirs[:] = [d for d in dirs if d != ".git"]
            assert stat.S_IMODE(os.stat(root).st_mode) == 0o700, root
            for name in files:
                mode = os.lstat(Path(root) / name).st_mode
                assert stat.S_IMODE(mode) == 0o600, (root, name, oct(mode))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------- the walk


def walk_once(root: Path, seed: int, steps: int) -> Counter[str]:
    rng = random.Random(seed)
    key_file = age_key(root / "key.txt")
    key = x25519.Identity.from_str(key_file.read_text().strip())
    outside = root / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("not flash's")
    before = snapshot(outside)
    subprocess.run(["git", "init", "--quiet", "--bare", str(root / "remote.git")], check=True)
    walk = Walk(root, rng, key_file)
    first = root / "machine0"
    walk.machines.append(first)
    for partner in PARTNERS:
        assert walk.flash(first, "prep", "--with", partner, "--no-input").returncode == 0
    assert walk.flash(first, "sync", "--setup", "--init").returncode == 0
    git(first, "remote", "add", "origin", str(root / "remote.git"))
    assert walk.flash(first, "sync").returncode == 0
    walk.new_clone()
    walk.new_clone()
    try:
        for _ in range(steps):
            walk.step()
        walk.settle()
        check_repository(walk, key)
        check_machines(walk, key)
    except BaseException:
        print(f"seed {seed}, what was done:", *walk.log, sep="\n  ")
        raise
    assert snapshot(outside) == before
    expected = {"key.txt", "outside", "remote.git", *(m.name for m in walk.machines)}
    assert {p.name for p in root.iterdir()} == expected  # nothing written beside the homes
    walk.figures["sequences"] = 1
    walk.figures["lost"] = 0  # checked above: an acknowledged change missing fails the test
    return walk.figures


@pytest.mark.parametrize("seed", range(FIRST_SEED, FIRST_SEED + SEQUENCES))
def test_random_sequences_on_three_machines_lose_nothing(tmp_path: Path, seed: int) -> None:
    figures = walk_once(tmp_path, seed, STEPS)
    print(f"seed {seed}: {dict(figures)}")
