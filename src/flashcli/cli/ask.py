"""Asking at a terminal: one line at a time, re-asking politely when an answer won't do."""

from collections.abc import Callable
from typing import TypeVar

from flashcli.errors import UsageProblem

T = TypeVar("T")


class Stop(Exception):
    """Ctrl-D at a prompt: stop asking and keep what was answered."""


def line(prompt: str) -> str:
    try:
        return input(prompt).strip()
    except EOFError:
        print()
        raise Stop from None


def value(prompt: str, read: Callable[[str], T]) -> T | None:
    """One answer read by `read`; Enter skips, a bad answer is explained and asked again."""
    while True:
        answer = line(f"{prompt} ")
        if not answer:
            return None
        try:
            return read(answer)
        except UsageProblem as e:
            print(f"  {e.message}")


def yes(prompt: str) -> bool:
    while True:
        answer = line(f"{prompt} [y/N] ").lower()
        if answer in ("", "n", "no"):
            return False
        if answer in ("y", "yes"):
            return True
        print("  please answer y or n")


def several(prompt: str, read: Callable[[str], str]) -> list[str]:
    """Answers one per line until an empty line."""
    print(f"{prompt} (one per line, Enter on an empty line to finish)")
    answers = []
    while (answer := value("  >", read)) is not None:
        answers.append(answer)
    return answers
