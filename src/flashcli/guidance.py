"""The words of flash, as data: checklists, purposes, what the walks ask, agenda and email wording.

Shipped in guidance.toml and checked by the models below when loaded; a person's (or an
organisation's) guidance.toml in the config folder is laid over it, and checked the same way:
a key flash does not know, or a placeholder a sentence cannot have, is an error naming the
file and the key, at once.
"""

import re
import string
import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from flashcli import i18n
from flashcli.errors import FlashError, shown
from flashcli.i18n import _
from flashcli.kinds import AutoField, Phase, Role
from flashcli.models import Checked, CheckJson, OneLine, Session, invalid
from flashcli.store.disk import read_file
from flashcli.store.paths import BUILT_IN_GUIDANCE, file_key, folders

# What a walk may ask for under an item, each with its question in [prompts].
Step = Literal[
    "goal",
    "success",
    "topics",
    "when",
    "where",
    "questions",
    "reminder",
    "feedback",
    "rating",
    "thanks",
    "continue",
]
# The steps each phase's walk knows (live notes ask nothing: their reminders are the items).
STEPS: dict[str, frozenset[str]] = {
    "prepare": frozenset({"goal", "success", "topics", "when", "where", "questions", "reminder"}),
    "during": frozenset(),
    "after": frozenset({"feedback", "rating", "thanks", "continue", "reminder"}),
}


def _key(value: str) -> str:
    if not value or not all(c.islower() or c.isdigit() or c == "-" for c in value):
        raise ValueError(_("{value} is not a key (a-z, 0-9 and -)").format(value=shown(value)))
    return value


def fills(*allowed: str) -> Callable[[str], str]:
    """A check that a sentence uses only the placeholders ALLOWED, each as {name}."""

    def check(value: str) -> str:
        try:
            parts = [
                (name, spec or conv) for _, name, spec, conv in string.Formatter().parse(value)
            ]
        except ValueError:
            raise ValueError(_("has a lone brace; write it twice ({{ or }}) to show one")) from None
        unknown = sorted(
            str(name) for name, extra in parts if extra or name not in (None, *allowed)
        )
        if unknown:
            known = ", ".join("{" + a + "}" for a in allowed) or "none"
            raise ValueError(
                _("has the placeholder {{{unknown}}}; it may use {known}").format(
                    unknown=unknown[0], known=known
                )
            )
        return value

    return check


Key = Annotated[str, AfterValidator(_key)]
Prompt = Annotated[OneLine, AfterValidator(fills("first", "path", "n", "text", "who", "due"))]
AgendaWords = Annotated[OneLine, AfterValidator(fills("first", "goal"))]
EmailWords = Annotated[
    OneLine, AfterValidator(fills("first", "goal", "success", "when", "where", "minutes", "on"))
]
ThanksWords = Annotated[OneLine, AfterValidator(fills("first", "on", "feedback", "date"))]


class Rules(Checked):
    """Guidance is flash's own vocabulary: a key it does not know is a typo, refused at once."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_by_name=True)


class Item(Rules):
    role: Role
    phase: Phase
    key: Key
    text: OneLine
    prompt: OneLine | None = None
    auto: tuple[AutoField, ...] = ()
    asks: tuple[Step, ...] = ()
    needs: tuple[AutoField, ...] = ()  # what the person's tick is about: asked once it is set

    @model_validator(mode="after")
    def _asks_in_its_phase(self) -> "Item":
        for step in self.asks:
            if step not in STEPS[self.phase]:
                known = ", ".join(sorted(STEPS[self.phase])) or "nothing"
                raise ValueError(
                    _("the {phase} walk cannot ask {step}; it asks {known}").format(
                        phase=self.phase, step=shown(step), known=known
                    )
                )
        return self


class Purpose(Rules):
    title: OneLine
    mentee: tuple[OneLine, ...] = ()
    mentor: tuple[OneLine, ...] = ()

    def bank(self, role: Role) -> tuple[str, ...]:
        """Suggested questions for a mentee, open-ended prompts for a mentor."""
        return self.mentee if role == "mentee" else self.mentor


class Prompts(Rules):
    partner: Prompt
    partner_lang: Prompt
    purpose: Prompt
    goal: Prompt
    success: Prompt
    topics: Prompt
    when: Prompt
    where: Prompt
    questions: Prompt
    action: Prompt
    feedback: Prompt
    rating: Prompt
    thanks: Prompt
    continue_: Prompt = Field(alias="continue")
    close: Prompt
    cue: Prompt
    checkin_score: Prompt
    checkin_note: Prompt
    checkin_note_reverse: Prompt
    checkin_next: Prompt


class AgendaWording(Rules):
    welcome: AgendaWords
    objective: AgendaWords
    objective_unset: AgendaWords
    open: AgendaWords
    review: AgendaWords = "Review open actions"
    plan: AgendaWords
    close: AgendaWords
    reverse: AgendaWords


class AgendaEmail(Rules):
    review: EmailWords = "And the open actions from last time:"
    greeting: EmailWords
    subject: EmailWords
    intro: EmailWords
    intro_reverse: EmailWords
    objective: EmailWords
    success: EmailWords
    topics: EmailWords
    when: EmailWords
    when_unset: EmailWords
    where: EmailWords
    where_unset: EmailWords
    outro: EmailWords
    closing: EmailWords


class ThanksEmail(Rules):
    greeting: ThanksWords
    subject: ThanksWords
    intro: ThanksWords
    intro_reverse: ThanksWords
    feedback: ThanksWords
    actions: ThanksWords
    mine: ThanksWords
    theirs: ThanksWords
    due: ThanksWords
    resources: ThanksWords
    continue_yes: ThanksWords
    continue_no: ThanksWords
    continue_undecided: ThanksWords
    confidential: ThanksWords
    closing: ThanksWords


UpdateWords = Annotated[OneLine, AfterValidator(fills("first", "on", "goal", "note", "next"))]


class UpdateEmail(Rules):
    """The "what came of your advice" email, from the latest check-in (flash email --update).
    PROGRESS: what the check-in's score says, from -2 to +2."""

    greeting: UpdateWords
    subject: UpdateWords
    intro: UpdateWords
    intro_reverse: UpdateWords
    objective: UpdateWords
    progress: tuple[UpdateWords, UpdateWords, UpdateWords, UpdateWords, UpdateWords]
    note: UpdateWords
    done: UpdateWords
    next: UpdateWords
    thanks: UpdateWords
    closing: UpdateWords


def _pattern(value: str) -> str:
    try:
        re.compile(value)
    except re.error as e:
        raise ValueError(_("is not a regular expression: {e}").format(e=e)) from None
    return value


Pattern = Annotated[str, AfterValidator(_pattern)]


class Coach(Rules):
    """The action hints: what makes an action vague (names no act someone could see done),
    what gives it a cue (when, or in what situation), and the line said for each lack."""

    vague: tuple[Pattern, ...]
    cue: tuple[Pattern, ...]
    no_due: OneLine
    no_act: OneLine
    no_cue: OneLine
    # "When …, I will …" in the person's words: what a cue typed may open with, that "when"
    # would not go before; the cue made a "when"; the whole.
    cue_words: tuple[str, ...]
    when: Annotated[OneLine, AfterValidator(fills("cue"))]
    will: Annotated[OneLine, AfterValidator(fills("cue", "act"))]

    def is_vague(self, text: str) -> bool:
        return _any(self.vague, text)

    def has_cue(self, text: str) -> bool:
        return _any(self.cue, text)

    def with_cue(self, text: str, cue: str) -> str:
        """TEXT in the person's own words as "When CUE, I will TEXT": CUE as typed ('when the
        budget is out', 'after the all-hands'), with "When" put first unless it opens with a
        word of time already."""
        cue = cue.strip().rstrip(",")
        first = cue.split(maxsplit=1)[0].lower() if cue else ""
        if first not in self.cue_words:
            cue = self.when.format(cue=cue)
        act = text[0].lower() + text[1:] if text[:2].istitle() else text  # "Draft", not "SQL"
        return self.will.format(cue=cue[0].upper() + cue[1:], act=act)

    def hint(self, text: str, mine: bool, dated: bool) -> str | None:
        """One line for an action TEXT (MINE: the person's own; DATED: it has a due date), or
        None when it lacks nothing the hints look for."""
        lacks = [
            said
            for lacking, said in (
                (not dated, self.no_due),
                (self.is_vague(text), self.no_act),
                (mine and not self.has_cue(text), self.no_cue),
            )
            if lacking
        ]
        return "; ".join(lacks) or None


def _any(patterns: tuple[str, ...], text: str) -> bool:
    return any(re.search(p, text.strip(), re.IGNORECASE) for p in patterns)


T = TypeVar("T")


class PerRole(Rules, Generic[T]):
    mentee: T
    mentor: T

    def of(self, role: Role) -> T:
        return self.mentee if role == "mentee" else self.mentor


class Emails(Rules):
    agenda: PerRole[AgendaEmail]
    thanks: PerRole[ThanksEmail]
    update: PerRole[UpdateEmail]


class Guidance(Rules):
    items: tuple[Item, ...]
    purposes: dict[Key, Purpose]
    prompts: PerRole[Prompts]
    agenda: PerRole[AgendaWording]
    email: Emails
    coach: Coach

    def purpose_title(self, key: str | None) -> str | None:
        """The title of the purpose KEY, if this guidance knows it."""
        known = self.purposes.get(key or "")
        return known.title if known else None

    @field_validator("items")
    @classmethod
    def _keys_once(cls, items: tuple[Item, ...]) -> tuple[Item, ...]:
        seen: set[tuple[str, str]] = set()
        for item in items:
            if (item.role, item.key) in seen:
                raise ValueError(
                    _("the key '{key}' appears twice for the {role}").format(
                        key=item.key, role=item.role
                    )
                )
            seen.add((item.role, item.key))
        return items

    def checklist(self, role: Role, phase: Phase) -> list[Item]:
        return [i for i in self.items if i.role == role and i.phase == phase]

    def checklist_of(self, s: Session, phase: Phase) -> list[tuple[Item, bool]]:
        """The session's checklist for PHASE: each item, and whether it is ticked."""
        return [(i, s.is_ticked(i.key, i.auto)) for i in self.checklist(s.role, phase)]

    def checklist_json(self, s: Session, phase: Phase) -> list[CheckJson]:
        """The session's checklist for PHASE as --json gives it: key, text, done."""
        rows = self.checklist_of(s, phase)
        return [{"key": item.key, "text": item.text, "done": done} for item, done in rows]

    def item(self, role: Role, key: str) -> Item | None:
        return next((i for i in self.items if i.role == role and i.key == key), None)


# ---------------------------------------------------------------- loading


def merged(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """A person's guidance laid over the built-in one: items match on role and key (give only
    what changes), tables merge key by key, anything else replaces what was there."""
    out = dict(base)
    for name, new in extra.items():
        old = out.get(name)
        if name == "items" and isinstance(new, list) and isinstance(old, list):
            out[name] = _merged_items(old, new)
        elif isinstance(new, dict) and isinstance(old, dict):
            out[name] = merged(old, new)
        else:
            out[name] = new  # of the wrong kind, it is refused when checked, naming the key
    return out


def _merged_items(items: list[Any], extra: list[Any]) -> list[Any]:
    items = [dict(i) for i in items]
    for new in extra:
        where = (new.get("role"), new.get("key")) if isinstance(new, dict) else None
        match = next((i for i in items if (i["role"], i["key"]) == where), None)
        if match is None:
            items.append(new)
        else:
            match.update(new)
    return items


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(read_file(path).decode("utf-8"))
    except UnicodeDecodeError:
        raise FlashError(
            _("cannot read guidance file {path}: it is not UTF-8 text").format(path=path)
        ) from None
    except tomllib.TOMLDecodeError as e:
        raise FlashError(
            _("cannot read guidance file {path}: {e}; fix or remove it").format(path=path, e=e)
        ) from None
    except OSError as e:
        raise FlashError(
            _("cannot read guidance file {path}: {strerror}").format(path=path, strerror=e.strerror)
        ) from None


@cache
def _load(files: tuple[Path, ...], language: str, _stamp: object = None) -> Guidance:
    data: dict[str, Any] = {}
    for path in files:
        extra = _read(path)
        parts = extra.pop("lang", {})
        data = merged(data, extra)
        if isinstance(parts, dict) and isinstance(parts.get(language), dict):
            data = merged(data, parts[language])  # an overlay's words for this language
    try:
        return Guidance.model_validate(data)
    except ValidationError as e:
        user_files = [f for f in files if f.parent != BUILT_IN_GUIDANCE.parent]
        where = (
            _("guidance file {user_file}").format(user_file=user_files[-1])
            if user_files
            else _("the built-in guidance")
        )
        raise FlashError(
            _("cannot use {where}: {invalid}; fix or remove it").format(
                where=where, invalid=invalid(e)
            )
        ) from None


def load() -> Guidance:
    """The built-in guidance in the language in use, with the person's guidance.toml laid over
    it, if there is one (and its part for the language, and their guidance.LANG.toml)."""
    language = i18n.language()
    files = tuple(folders().guidance_files(language))
    return _load(files, language, tuple(map(file_key, files)))
