"""Asking at a terminal: one line at a time, re-asking politely when an answer won't do."""

from collections.abc import Callable
from typing import TypeVar

from flashcli.errors import UsageProblem

T = TypeVar("T")
BACK = "<"


class Stop(Exception):
    """Ctrl-D at a prompt: stop asking and keep what was answered."""


class Back(Exception):
    """'<' at a question of a walk: go back to the one before."""


def line(prompt: str) -> str:
    try:
        return input(prompt).strip()
    except EOFError:
        print()
        raise Stop from None


def _answer(prompt: str) -> str:
    answer = line(prompt)
    if answer == BACK:
        raise Back
    return answer


def value(prompt: str, read: Callable[[str], T], now: str | None = None) -> T | None:
    """One answer read by `read`; Enter skips (or keeps what is `now`); a bad one is asked again."""
    shown = f"{prompt} [now: {now}; Enter keeps it] " if now else f"{prompt} "
    while True:
        answer = _answer(shown)
        if not answer:
            return None
        try:
            return read(answer)
        except UsageProblem as e:
            print(f"  {e.message}")


def yes(prompt: str, default: bool = False) -> bool:
    while True:
        answer = _answer(f"{prompt} [{'Y/n' if default else 'y/N'}] ").lower()
        if not answer:
            return default
        if answer in ("y", "yes", "n", "no"):
            return answer.startswith("y")
        print("  please answer y or n (or < to go back)")


def several(prompt: str, read: Callable[[str], str]) -> list[str]:
    """Answers one per line until an empty line."""
    print(f"{prompt} (one per line, Enter on an empty line to finish)")
    answers = []
    while (answer := value("  >", read)) is not None:
        answers.append(answer)
    return answers
