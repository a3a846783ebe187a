"""The small vocabularies every layer shares: who is who, and when."""

from typing import Literal

Role = Literal["mentee", "mentor"]  # the mentee is the one learning, in reverse mentoring too
Phase = Literal["prepare", "during", "after"]
ROLES: tuple[Role, ...] = ("mentee", "mentor")
PHASES: tuple[Phase, ...] = ("prepare", "during", "after")
