"""The rule book: a session, its parts and the config as pydantic models, every rule written once.

Files, flags, walks and live notes all go through these models, so what the command line refuses
a hand-edited file may not hold either, and the words are the same: where, then what
(`notes.2.text: is empty; give some text`). Keys flash does not know (a person's own) are kept
through every rewrite. The functions on a session here are pure: they read, never change.
"""

import contextlib
import email.utils
import re
import unicodedata
import uuid
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any, ClassVar, NamedTuple, Self, TypedDict, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    PlainSerializer,
    PrivateAttr,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import ErrorDetails

from flashcli import i18n, uids
from flashcli.agenda import Agenda
from flashcli.dates import local, periods, time_of_day, when_text
from flashcli.errors import C0, CONTROL, DEL_C1, SURROGATES, TURNING, Invalid, shown
from flashcli.i18n import N_, _, ngettext
from flashcli.kinds import (
    DISMISSED,
    FIRST_YEAR,
    ID_PATTERN,
    LAST_YEAR,
    SAME_DECISION,
    AutoField,
    Decision,
    NoteKind,
    Owner,
    Phase,
    Role,
    Status,
    said,
)
from flashcli.rules import CHECKINS, doer, is_ticked, phase_of, status_of
from flashcli.summary import ActionInfo, Summary

SCHEMA = 1
MIN_MINUTES, MAX_MINUTES, FLASH_MINUTES = 10, 480, 60
NAME_LENGTH = 200
# Free text may run over lines: no control characters but tab and line feed (the Unicode line
# and paragraph separators are line breaks too, and kept as typed).
IN_TEXT = re.compile(f"(?![\t\n])[{C0}{DEL_C1}]")
NOT_UTF8 = re.compile(f"[{SURROGATES}]")  # bytes that were not UTF-8: never text

# ---------------------------------------------------------------- the rules


# Characters that show nothing: format (zero-width space, joiners), spaces, combining marks.
INVISIBLE = frozenset({"Cf", "Zs", "Zl", "Zp", "Mn", "Me"})


def one_line(value: str) -> str:
    """Text on one line: trimmed, not empty, not invisible, no control characters, nothing
    that turns the direction of writing (a name must not pass for another)."""
    value = _text(value.strip())
    if CONTROL.search(value):
        raise ValueError(_("must be a single line without control characters"))
    if TURNING.search(value):
        raise ValueError(_("must not hold direction controls (such as U+202E); type it plainly"))
    if all(unicodedata.category(c) in INVISIBLE for c in value):
        raise ValueError(_("shows nothing (only invisible characters); give some text"))
    return value


def free_text(value: str) -> str:
    """Text that may run over several lines: trimmed, not empty, no other control characters."""
    value = _text(value.replace("\r\n", "\n").strip())
    if IN_TEXT.search(value):
        raise ValueError(_("has control characters; give plain text"))
    return value


def _text(value: str) -> str:
    if not value:
        raise ValueError(_("is empty; give some text"))
    if NOT_UTF8.search(value):
        raise ValueError(_("is not UTF-8 text; give it in UTF-8"))
    return value


def _name(value: str) -> str:
    value = one_line(value)
    if len(value) > NAME_LENGTH:
        raise ValueError(
            _("must be at most {name_length} characters").format(name_length=NAME_LENGTH)
        )
    return value


def _text_first(value: Any) -> Any:
    """An address is text on one line before it is anything else."""
    return one_line(value) if isinstance(value, str) else value


def _whole(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"[+-]?\d{1,9}", value.strip()):
        return int(value)
    raise ValueError(_("must be a whole number"))


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(_("must be true or false"))
    return value


def _minutes(value: int) -> int:
    if not MIN_MINUTES <= value <= MAX_MINUTES:
        raise ValueError(
            _(
                "{value} minutes will not do; give between {min_minutes} and {max_minutes} (a "
                "flash session is usually 60 or fewer)"
            ).format(value=value, min_minutes=MIN_MINUTES, max_minutes=MAX_MINUTES)
        )
    return value


def _decision(value: Any) -> Any:
    return SAME_DECISION.get(value, value) if isinstance(value, str) else value


def _score(value: int) -> int:
    if not -2 <= value <= 2:
        raise ValueError(_("must be from -2 (much less than hoped) to +2 (much more)"))
    return value


def _rating(value: int) -> int:
    if not 1 <= value <= 5:
        raise ValueError(_("must be from 1 to 5"))
    return value


def _in_years(value: date) -> None:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(
            _("the year {year} will not do; give one from {first_year} to {last_year}").format(
                year=value.year, first_year=FIRST_YEAR, last_year=LAST_YEAR
            )
        )


def _moment(value: Any) -> datetime:
    """A date and time, as TOML gives it or as ISO 8601 text; without an offset, local time."""
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = datetime.fromisoformat(value.strip())
    if not isinstance(value, datetime):
        raise ValueError(_("must be a date and time such as 2026-12-01T10:00:00+01:00"))
    _in_years(value)
    return local(value)


def _day(value: Any) -> date:
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = date.fromisoformat(value.strip())
    if type(value) is not date:  # a datetime is a date too, but not the one asked for
        raise ValueError(_("must be a date such as 2026-12-01"))
    _in_years(value)
    return value


def _hush(value: Any) -> Any:
    """A reminder set aside: 'dismissed' for good, or snoozed until a date and time."""
    if isinstance(value, str) and value.strip().lower() == DISMISSED:
        return DISMISSED
    try:
        return _moment(value)
    except ValueError:
        raise ValueError(
            _(
                "must be {dismissed!r}, or the time a snooze ends, such as "
                "2026-12-07T09:00:00+01:00"
            ).format(dismissed=DISMISSED)
        ) from None


def _hush_json(value: "datetime | str") -> str:
    return value if isinstance(value, str) else value.isoformat()


def _session_id(value: str) -> str:
    if not re.fullmatch(ID_PATTERN, value):
        raise ValueError(_("{value} is not a session id").format(value=shown(value)))
    return value


OneLine = Annotated[str, AfterValidator(one_line)]
Text = Annotated[str, AfterValidator(free_text)]
Name = Annotated[str, AfterValidator(_name)]


def _language(value: str) -> str:
    if not i18n.is_code(value):
        raise ValueError(_("must be a language code such as fr, es or pt_BR"))
    return value


# A language, by its code (fr, es, pt_BR): what flash speaks, or writes a partner's drafts in.
Language = Annotated[str, AfterValidator(_language)]
Email = Annotated[EmailStr, BeforeValidator(_text_first)]
Whole = Annotated[int, BeforeValidator(_whole)]
Flag = Annotated[bool, BeforeValidator(_flag)]
Minutes = Annotated[Whole, AfterValidator(_minutes)]
Rating = Annotated[Whole, AfterValidator(_rating)]
# How far a goal was reached, -2 to +2 (the published schema says so too).
Score = Annotated[
    Whole,
    AfterValidator(_score),
    WithJsonSchema({"type": "integer", "minimum": -2, "maximum": 2}),
]
# In JSON, times keep their offset as Python writes it (+00:00, never Z), as in the TOML file.
Stamp = Annotated[
    datetime,
    BeforeValidator(_moment),
    PlainSerializer(datetime.isoformat, return_type=str, when_used="json"),
]
Day = Annotated[date, BeforeValidator(_day)]
SessionId = Annotated[str, AfterValidator(_session_id)]
# A reminder set aside: DISMISSED, or snoozed until a time.
Hush = Annotated[
    datetime | str,
    BeforeValidator(_hush),
    PlainSerializer(_hush_json, return_type=str, when_used="json"),
]

# ---------------------------------------------------------------- what a refusal says

WORDS = {
    "missing": N_("is missing"),
    "extra_forbidden": N_("is not a key flash knows"),
    "string_type": N_("must be text (in quotes)"),
    "list_type": N_("must be a list"),
    "tuple_type": N_("must be a list"),
    "dict_type": N_("must be a table"),
    "model_type": N_("must be a table"),
    "model_attributes_type": N_("must be a table"),
}


def _what(error: ErrorDetails) -> str:
    ctx = error.get("ctx", {})
    if error["type"] == "literal_error":
        return _("must be {ctx}").format(ctx=ctx["expected"])
    if error["type"] == "value_error" and "reason" in ctx:  # pydantic's email check
        return _("{error} is not an email address ({ctx})").format(
            error=shown(str(error["input"])), ctx=ctx["reason"]
        )
    if error["type"] == "value_error":
        return str(ctx["error"])
    return _(WORDS[error["type"]]) if error["type"] in WORDS else error["msg"]


def invalid(error: ValidationError, param: str | None = None) -> Invalid:
    """The first problem pydantic found, in flash's words: where, then what."""
    first = error.errors(include_url=False)[0]
    where = tuple(first["loc"])
    if where and isinstance(where[0], str):  # a field set by name is named by its file key
        where = (ALIASES.get(where[0], where[0]), *where[1:])
    return Invalid(_what(first), where, param)


# ---------------------------------------------------------------- the records


class Checked(BaseModel):
    """A model read from a table of a file or of a command, refused in flash's words."""

    @classmethod
    def load(cls, data: object, param: str | None = None) -> Self:
        """The model of DATA; raises Invalid naming the place of the first problem."""
        try:
            return cls.model_validate(data)
        except ValidationError as e:
            raise invalid(e, param) from None


class Record(Checked):
    """Every record checks itself on assignment and keeps the keys flash does not know."""

    model_config = ConfigDict(
        extra="allow",
        validate_assignment=True,
        validate_by_name=True,
        validate_by_alias=True,
        defer_build=True,
    )
    # The text of the file it was read from, when that holds a comment: its next write
    # keeps the person's comments (store/commented.py).
    _source: str | None = PrivateAttr(None)

    def stored(self, json: bool = False) -> dict[str, Any]:
        """The data as it goes to disk (or, with JSON, to JSON): file keys, nothing unset."""
        return self.model_dump(mode="json" if json else "python", by_alias=True, exclude_none=True)

    def as_json(self) -> dict[str, Any]:
        """The record as `--json` and the JSON export give it: its stored data."""
        return self.stored(json=True)


TITLES = frozenset(
    {"dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "mx", "miss", "sir", "dame", "rev"}
)


class Partner(Record):
    name: Name
    email: Email | None = None
    greet: Name | None = None  # how drafts and questions greet them, when not by first name
    lang: Language | None = None  # the language their drafts are written in

    def address(self) -> str:
        return f"{self.name} <{self.email}>" if self.email else self.name

    @property
    def first_name(self) -> str:
        """How to greet them: as they asked, else the first name ('Anna' of 'van der Berg,
        Anna', 'Jane' of 'Dr. Jane Smith'), else with title and surname ('Dr. Smith')."""
        if self.greet:
            return self.greet
        last, comma, rest = self.name.partition(",")
        words = (rest if comma and rest.strip() else last).split()
        named = [w for w in words if w.rstrip(".").casefold() not in TITLES]
        if len(named) == 1 and len(words) > 1:
            return " ".join(words)  # 'Dr. Smith': a title and a surname
        return (named or words)[0]

    @classmethod
    def parse(cls, text: str, param: str = "--with") -> Self:
        """A person as typed: 'Name <email>' or 'Name'."""
        try:
            text = one_line(text)
        except ValueError as e:
            raise Invalid(str(e), param=param) from None
        m = re.fullmatch(r"(?P<name>.*?)\s*(?:<(?P<email>[^<>]*)>)?", text)
        if m is None or "<" in m["name"] or ">" in m["name"]:
            raise Invalid(
                _('could not read {text} as a person; use "Name <email>" or "Name"').format(
                    text=shown(text)
                ),
                param=param,
            )
        name = m["name"].strip()
        if len(name) > 1 and name[0] == name[-1] == '"':  # quoted as RFC 5322 writes it
            name = email.utils.unquote(name).strip()
        if name and "@" not in name:
            return cls.load({"name": name, "email": m["email"]}, param)
        raise Invalid(
            _(
                '{text} has no name; use "Name <email>", such as "Ada Lovelace <ada@example.org>"'
            ).format(text=shown(text)),
            param=param,
        )


class Note(Record):
    at: Stamp
    kind: NoteKind = "note"
    text: Text
    uid: OneLine = Field(default_factory=uids.new)  # what a merge matches notes by


class Action(Record):
    text: OneLine
    owner: Owner = "me"
    due: Day | None = None
    done: Stamp | None = None
    uid: OneLine = Field(default_factory=uids.new)  # and actions; the to-do's calendar UID

    def listed(self) -> "ActionJson":
        """The action as `flash followup --json` lists it."""
        return {
            "text": self.text,
            "owner": self.owner,
            "due": self.due,
            "done": self.done,
            "uid": self.uid,
        }


class CheckIn(Record):
    """Later, how far the goal was reached: for a mentee, theirs; for a mentor, the mentee's
    as far as they know. NOTE: what was done (a mentor: what they took from it); NEXT: what
    comes next."""

    at: Stamp
    score: Score
    note: Text | None = None
    next: OneLine | None = None
    uid: OneLine = Field(default_factory=uids.new)  # what a merge matches it by

    def said(self) -> list[tuple[str, str]]:
        """What was written beside the score, labelled: Done, Next."""
        return [(label, v) for label, v in ((_("Done"), self.note), (_("Next"), self.next)) if v]


# What --json gives of a session besides its stored data, as docs/schemas.py publishes it.


class CheckJson(TypedDict):
    key: str
    text: str
    done: bool


class ActionJson(TypedDict):
    text: str
    owner: Owner
    due: date | None
    done: datetime | None
    uid: str


class CheckinJson(TypedDict):
    id: str
    checkins: "list[CheckIn]"
    next_due: date | None


class PrepareJson(TypedDict):
    id: str
    checklist: list[CheckJson]
    agenda: Agenda


FollowupJson = TypedDict(  # functional: "continue" is a Python keyword
    "FollowupJson",
    {
        "id": str,
        "status": Status,
        "checklist": list[CheckJson],
        "actions": list[ActionJson],
        "feedback": str | None,
        "rating": int | None,
        "continue": Decision | None,
    },
)


# Each field an item may tick itself on, with its name on the model.
AUTO_NAMES: tuple[tuple[AutoField, str], ...] = tuple(
    (f, "decision" if f == "continue" else f) for f in get_args(AutoField)
)


def minutes_said(n: int) -> str:
    """'1 minute', '45 minutes'"""
    return ngettext("{n} minute", "{n} minutes", n).format(n=n)


class Fact(NamedTuple):
    """One of a session's facts as it is shown: VALUE None when it is not set; an output
    says so for a NEEDED one (an agenda without a time), and leaves out the others."""

    key: str
    label: str
    value: str | None
    needed: bool = False


class Session(Record):
    schema_version: Whole = Field(SCHEMA, alias="schema")
    id: SessionId
    role: Role
    partner: Partner
    purpose: OneLine | None = None
    programme: OneLine | None = None  # the mentoring programme it belongs to (flash report)
    reverse: Flag = False
    created: Stamp
    updated: Stamp
    when: Stamp | None = None
    minutes: Minutes = FLASH_MINUTES
    where: OneLine | None = None
    goal: OneLine | None = None
    success: OneLine | None = None
    topics: list[OneLine] = []
    review: list[OneLine] = []  # open actions of earlier sessions, reviewed in one agenda slot
    questions: list[OneLine] = []
    ticked: list[OneLine] = []
    ticked_at: dict[OneLine, Stamp] = {}  # when each was ticked (older files: not known)
    notes: list[Note] = []
    actions: list[Action] = []
    checkins: list[CheckIn] = []
    feedback: Text | None = None
    rating: Rating | None = None
    decision: Annotated[Decision, BeforeValidator(_decision)] | None = Field(None, alias="continue")
    started: Stamp | None = None  # when live notes first began: the countdown runs from here
    closed: Stamp | None = None
    uid: OneLine | None = None  # the meeting's calendar UID, made with the session
    sequence: Whole = 0  # grows each time the meeting's time changes, for calendars
    # Reminders (`flash remind`) set aside, by key (reminders.py): dismissed, or snoozed until.
    reminders: dict[OneLine, Hush] = {}
    # Values a merge of two versions had to set aside (the side updated first), by field.
    conflicts: dict[str, Any] = {}
    # The schema of the file this was read from (older ones are upgraded in memory).
    _from_schema: int = PrivateAttr(SCHEMA)

    @model_validator(mode="before")
    @classmethod
    def _entry_uids(cls, data: Any) -> Any:
        """Notes, actions and check-ins written without uids get theirs, the same on every
        machine that reads the file (uids.py); they are kept from the next write on."""
        if isinstance(data, dict) and any(key in data for key in uids.LISTS):
            data = dict(data)
            for key in uids.LISTS:
                if key in data:
                    data[key] = uids.filled(data.get("id"), key, data[key])
        return data

    @classmethod
    def start(cls, sid: str, partner: Partner, config: "Config", now: datetime) -> "Session":
        """A new session: the role and the length the config sets, or a mentee's hour."""
        return cls(
            id=sid,
            role=config.role or "mentee",
            partner=partner,
            created=now,
            updated=now,
            minutes=config.minutes or FLASH_MINUTES,
            programme=config.programme,
            uid=f"{uuid.uuid4()}@flash",
        )

    @property
    def calendar_uid(self) -> str:
        """Unique across people and machines; for a session made before sessions had one,
        made from what never changes in it, so that it is the same at every export."""
        return self.uid or f"{uuid.uuid5(uuid.NAMESPACE_URL, f'{self.id}/{self.created}')}@flash"

    def filled(self) -> tuple[AutoField, ...]:
        """The fields that are set, among those checklist items tick themselves on."""
        return tuple(f for f, name in AUTO_NAMES if getattr(self, name) not in (None, []))

    def is_ticked(self, key: str, auto: Sequence[str]) -> bool:
        """Whether the checklist item KEY (ticking itself on AUTO, if any) is ticked."""
        return is_ticked(key, auto, self.ticked, self.filled())

    @property
    def ends(self) -> datetime | None:
        return self.when + timedelta(minutes=self.minutes) if self.when else None

    @property
    def has_entries(self) -> bool:
        """Notes or actions mean the session took place."""
        return bool(self.notes or self.actions)

    def facts(self, purpose_title: str | None) -> list[Fact]:
        """Who, when, where, purpose, objective: the session's facts, with the labels every
        output gives them. PURPOSE_TITLE is the guidance's title for the purpose: a file
        keeps any purpose (another machine's guidance may know it), and says so when the
        guidance here does not."""
        purpose = self.purpose
        if purpose_title:
            purpose = f"{purpose}: {purpose_title}"
        elif purpose:
            purpose = _("{purpose} (a purpose the guidance here does not know)").format(
                purpose=purpose
            )
        when = when_text(self.when, self.minutes) if self.when else None
        return [
            Fact("partner", said(self.partner_role).capitalize(), self.partner.address(), True),
            Fact(
                "role",
                _("Role"),
                said(self.role) + (_(" (reverse mentoring)") if self.reverse else ""),
            ),
            Fact("when", _("When"), when, True),
            Fact("minutes", _("Length"), minutes_said(self.minutes)),
            Fact("where", _("Where"), self.where, True),
            Fact("purpose", _("Purpose"), purpose),
            Fact("goal", _("Objective"), self.goal),
            Fact("success", _("Success looks like"), self.success),
        ]

    def checkin_json(self, next_due: date | None) -> "CheckinJson":
        """What `flash checkin --json` gives: the check-ins, and when the next falls due."""
        return {"id": self.id, "checkins": self.checkins, "next_due": next_due}

    def prepare_json(self, checklist: list["CheckJson"], agenda: Agenda) -> "PrepareJson":
        """What `flash prep --json` gives: the prepare CHECKLIST and the AGENDA."""
        return {"id": self.id, "checklist": checklist, "agenda": agenda}

    def followup_json(self, now: datetime, checklist: list["CheckJson"]) -> "FollowupJson":
        """What `flash followup --json` gives: the after CHECKLIST, the actions, the feedback
        and the decision."""
        return {
            "id": self.id,
            "status": self.status(now),
            "checklist": checklist,
            "actions": [a.listed() for a in self.actions],
            "feedback": self.feedback,
            "rating": self.rating,
            "continue": self.decision,
        }

    def who(self, action: Action | ActionInfo, full: bool = False) -> str:
        """Who does ACTION: "me", or the partner by first name (by full name if FULL)."""
        return doer(action.owner, self.partner.name if full else self.partner.first_name)

    def status(self, now: datetime) -> Status:
        ends_at = self.ends.timestamp() if self.ends else None
        return status_of(self.closed is not None, self.has_entries, ends_at, now.timestamp())

    def phase(self, now: datetime) -> Phase:
        when_at = self.when.timestamp() if self.when else None
        ends_at = self.ends.timestamp() if self.ends else None
        return phase_of(self.status(now), when_at, ends_at, now.timestamp())

    def open_actions(self) -> list[Action]:
        return [a for a in self.actions if a.done is None]

    def minutes_left(self, now: datetime) -> int:
        """What is left of the session's minutes: from its start time, or from the live start."""
        on_time = self.when is not None and self.ends is not None and self.when <= now < self.ends
        start = self.when if on_time and self.when else self.started or now
        left = self.minutes * 60 - (now - start).total_seconds()
        return max(0, int(left // 60))

    @property
    def near(self) -> date:
        """The day of the meeting (or of the session's making): dates near it need no year."""
        return local(self.when or self.created).date()

    @property
    def partner_role(self) -> Role:
        return "mentor" if self.role == "mentee" else "mentee"

    def summary(self) -> Summary:
        """What the index keeps of this session (made ten thousand at a time: kept lean)."""
        when, ends = self.when, self.ends
        start = when or self.created
        return Summary(
            self.id,
            self.role,
            self.partner.name,
            self.partner.email,
            self.calendar_uid,
            start.date().isoformat(),
            when.isoformat() if when else None,
            start.timestamp(),
            when.timestamp() if when else None,
            ends.timestamp() if ends else None,
            self.updated.timestamp(),
            self.closed is not None,
            self.has_entries,
            tuple(self.ticked),
            self.filled(),
            tuple(
                (
                    a.text,
                    a.owner,
                    a.due.isoformat() if a.due else None,
                    a.done.isoformat() if a.done else None,
                    a.uid,
                )
                for a in self.actions
            ),
            tuple(
                (key, until.timestamp() if isinstance(until, datetime) else None)
                for key, until in self.reminders.items()
            ),
            tuple((c.at.isoformat(), c.score) for c in self.checkins),
            self.purpose,
            self.reverse,
            self.programme,
            self.rating,
            self.decision,
            self.feedback is not None,
            tuple((key, at.timestamp()) for key, at in self.ticked_at.items()),
        )


# The file keys of the fields named otherwise in Python (`continue` is a keyword).
ALIASES = {name: f.alias for name, f in Session.model_fields.items() if f.alias}


def _clock_or_off(value: Any) -> Any:
    """A time of day as 'HH:MM' (what a reminder's wall clock says), or 'off'."""
    if isinstance(value, str):
        text = value.strip().lower()
        if text == "off":
            return "off"
        if (at := time_of_day(text)) is not None:
            return f"{at:%H:%M}"
    raise ValueError(_("must be a time of day such as 17:00, or off"))


def _minutes_or_off(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() == "off":
        return "off"
    minutes = _whole(value.strip() if isinstance(value, str) else value)
    if not 1 <= minutes <= 10080:
        raise ValueError(_("must be from 1 to 10080 minutes (a week), or off"))
    return minutes


def _switch(value: Any) -> bool:
    """On or off: true or false in TOML, or typed as true/false, on/off, yes/no."""
    words = {"true": True, "on": True, "yes": True, "false": False, "off": False, "no": False}
    if isinstance(value, str) and value.strip().lower() in words:
        return words[value.strip().lower()]
    return _flag(value)


def _periods_or_off(value: Any) -> Any:
    """When check-ins fall due after a held meeting ('2w, 3m'), or 'off'."""
    if isinstance(value, str):
        if value.strip().lower() == "off":
            return "off"
        return ", ".join(f"{n}{unit}" for n, unit in periods(value))
    raise ValueError(_("must be periods after the meeting such as '2w, 3m', or off"))


ClockOrOff = Annotated[str, BeforeValidator(_clock_or_off)]
PeriodsOrOff = Annotated[str, BeforeValidator(_periods_or_off)]
Switch = Annotated[bool, BeforeValidator(_switch)]
MinutesOrOff = Annotated[int | str, BeforeValidator(_minutes_or_off)]


class Remind(Record):
    """[remind] in config.toml: when the calendars flash writes to remind; unset, the default
    (a meeting: 17:00 the day before and 15 minutes before; an action: 09:00 on its due
    day); 'off' turns one off. DETAIL: a desktop notification shows the first reminder,
    not only how many there are."""

    evening: ClockOrOff | None = None
    before: MinutesOrOff | None = None
    due: ClockOrOff | None = None
    detail: Switch | None = None
    checkins: PeriodsOrOff | None = None

    DEFAULTS: ClassVar[dict[str, str]] = {
        "evening": "17:00",
        "before": "15",
        "due": "09:00",
        "detail": "off",
        "checkins": CHECKINS,
    }

    def evening_at(self) -> time | None:
        """The wall-clock time, the day before a meeting, of its first reminder."""
        return _at(self.evening or self.DEFAULTS["evening"])

    def before_minutes(self) -> int | None:
        """How many minutes before a meeting its second reminder comes."""
        before = self.before or self.DEFAULTS["before"]
        return None if before == "off" else int(before)

    def due_at(self) -> time | None:
        """The wall-clock time, on an action's due day, of its reminder."""
        return _at(self.due or self.DEFAULTS["due"])


def _at(value: str) -> time | None:
    return None if value == "off" else time.fromisoformat(value)


class Config(Record):
    """config.toml: who the person is and their defaults."""

    name: Name | None = None
    email: Email | None = None
    role: Role | None = None
    minutes: Minutes | None = None
    programme: OneLine | None = None  # what new sessions belong to (flash report)
    remind: Remind = Field(default_factory=Remind)
    coach: Switch | None = None  # the action hints; off: none
    language: Language | None = None  # what flash speaks, over LANGUAGE, LC_ALL, LC_MESSAGES, LANG

    def stored(self, json: bool = False) -> dict[str, Any]:
        """As Record's, without an empty [remind] (every reminder as it comes by default)."""
        data = super().stored(json)
        if not data.get("remind"):
            data.pop("remind", None)
        return data
