"""What the commands share on their command lines: arguments, completion, when to ask."""

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from flashcli import i18n, store
from flashcli.cli.streams import is_terminal
from flashcli.errors import UsageProblem, shown
from flashcli.i18n import _
from flashcli.kinds import ROLES, Owner, Phase, Role


def complete_sessions(incomplete: str) -> list[str]:
    """Session ids for the shell; never a traceback into it."""
    try:
        return [sid for sid in store.session_ids() if sid.startswith(incomplete)]
    except Exception:
        return []


def complete_keys(phase: Phase) -> Callable[[typer.Context, str], list[str]]:
    """What completes a key of PHASE's checklist: those the command takes."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        return _keys(ctx, incomplete, phase)

    return complete


def _keys(ctx: typer.Context, incomplete: str, phase: Phase) -> list[str]:
    """Keys of PHASE a person may tick, for the role on the line, or of the session, or the
    current one."""
    try:
        from flashcli import guidance

        role = ctx.params.get("role")
        if role not in ROLES:
            # While completing, click may leave the SESSION argument among the unparsed args.
            ref = ctx.params.get("session") or next(iter(ctx.args), None)
            sid = store.resolve(ref)
            role = next(s.role for s in store.summaries().summaries if s.id == sid)
        return [
            item.key
            for item in guidance.load().items
            if item.role == role
            and item.phase == phase
            and not item.auto
            and item.key.startswith(incomplete)
        ]
    except Exception:
        return []


SessionArg = Annotated[
    str | None,
    typer.Argument(
        metavar="SESSION",
        autocompletion=complete_sessions,
        help="A session id or a unique prefix of one; the current session when left out.",
        show_default=False,
    ),
]
ReadSessionArg = Annotated[
    str | None,
    typer.Argument(
        metavar="SESSION",
        autocompletion=complete_sessions,
        help=(
            "A session id, a unique prefix of one, a date or a partner's name (with several "
            "sessions with them, the coming one); the current session when left out."
        ),
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print stable machine-readable JSON.")]
NoInputOpt = Annotated[
    bool, typer.Option("--no-input", help="Never ask; fail if something required is missing.")
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite the --out file.")]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="CODE",
        help="Write it in this language (fr, es…); left out, the partner's, else yours.",
    ),
]
Texts = list[str] | None


def text_option(help: str) -> Any:
    """An option that takes free text."""
    return typer.Option(metavar="TEXT", help=help)


def complete_purposes(incomplete: str) -> list[str]:
    """The purposes the guidance in use knows (an organisation's own among them)."""
    try:
        return [key for key in store.guidance_data()["purposes"] if key.startswith(incomplete)]
    except Exception:
        return []


def _purpose(value: str | None) -> str | None:
    """A purpose the guidance in use knows: the flag takes what the walk offers."""
    if value is None:
        return None
    known = list(store.guidance_data()["purposes"])
    if value not in known:
        raise UsageProblem(
            _("{value} is not one of {known}").format(value=shown(value), known=", ".join(known)),
            "--purpose",
        )
    return value


# What prep and edit both take, said once.
WithOpt = Annotated[
    str | None,
    typer.Option(
        "--with",
        metavar="'NAME <EMAIL>'",
        help='Who the partner is: "Name <email>" (prep: starts a new session with them).',
        show_default=False,
    ),
]
RoleOpt = Annotated[Role | None, typer.Option(help="Your role: mentee (learning) or mentor.")]
WhenOpt = Annotated[
    str | None,
    typer.Option(
        metavar="WHEN",
        help='"YYYY-MM-DD HH:MM" local time, ISO 8601 with an offset, or next tuesday 3pm.',
    ),
]
MinutesOpt = Annotated[
    int | None, typer.Option(metavar="N", help="Length in minutes (60 when not given).")
]
WhereOpt = Annotated[str | None, text_option("The place, or a video link.")]
PurposeOpt = Annotated[
    str | None,
    typer.Option(
        metavar="PURPOSE",
        help="What the session is for: learning, role, perspective, career, other, or one "
        "your guidance.toml adds.",
        callback=_purpose,
        autocompletion=complete_purposes,
    ),
]
GoalOpt = Annotated[str | None, text_option("The objective of the session.")]
SuccessOpt = Annotated[str | None, text_option("How the mentee will know the session worked.")]
ReverseOpt = Annotated[
    bool | None,
    typer.Option("--reverse/--no-reverse", help="Reverse mentoring: the senior one learns."),
]


def out_option(help: str) -> Any:
    """--out FILE: a file to write, never a folder (nor '', which would mean this folder)."""
    return typer.Option("--out", metavar="FILE", help=help, callback=_file_name)


def _file_name(value: Path | None) -> Path | None:
    if value is not None and (str(value) in ("", ".") or value.is_dir()):
        raise UsageProblem(
            _("{value} is a folder; give a file name").format(value=shown(str(value))), "--out"
        )
    return value


def key_option(help: str, phase: Phase) -> Any:
    """An option that takes a key of PHASE's checklist, completed from the session's role."""
    return typer.Option(metavar="KEY", autocompletion=complete_keys(phase), help=help)


class InOrder(TyperCommand):
    """A command that keeps the order its options came in: some belong to the one before."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        *__, order = self.make_parser(ctx).parse_args(args=list(args))
        ctx.meta["flash.order"] = [param.name for param in order]
        return super().parse_args(ctx, args)


def paired(ctx: typer.Context, lead: str, followers: tuple[str, ...]) -> list[dict[str, Any]]:
    """Each --LEAD with the FOLLOWERS given after it, before the next --LEAD:
    `--action A --due +1w --action B --due +2w` is two actions, each with its date."""
    values = {name: iter(ctx.params.get(name) or ()) for name in (lead, *followers)}
    groups: list[dict[str, Any]] = []
    for name in ctx.meta.get("flash.order", []):
        if name == lead:
            groups.append({lead: next(values[lead])})
        elif name in followers:
            flag = f"--{name}"
            if not groups:
                raise UsageProblem(
                    _("belongs to the --{lead} before it; give that first").format(lead=lead), flag
                )
            if name in groups[-1]:
                raise UsageProblem(
                    _("one --{lead} takes one {flag}; give the next --{lead}").format(
                        lead=lead, flag=flag
                    ),
                    flag,
                )
            groups[-1][name] = next(values[name])
    return groups


CHOSEN = re.compile(r"all|\d+(-\d+)?(\s*,\s*\d+(-\d+)?)*")


def numbers(text: str, count: int, all_: bool = False) -> list[int]:
    """The numbers a person picked from a list of COUNT: '1,3', '2-4', or with ALL_ 'all'."""
    text = text.strip()
    # TRANSLATORS: what a person types to pick every item of a list (English 'all' works too)
    if all_ and text.lower() in ("all", _("all")):
        return list(range(1, count + 1))
    if not CHOSEN.fullmatch(text) or text == "all":
        raise UsageProblem(
            _("give numbers from 1 to {count}, such as 1,3 or 2-4").format(count=count)
        )
    picked: list[int] = []
    for part in text.split(","):
        first, __, last = part.strip().partition("-")
        low, high = int(first), int(last or first)
        if not 1 <= low <= high <= count:
            raise UsageProblem(
                _("give numbers from 1 to {count}, such as 1,3 or 2-4").format(count=count)
            )
        picked += range(low, high + 1)
    return list(dict.fromkeys(picked))


def owner_of(value: str, flag: str = "--owner") -> Owner:
    """Who does an action, as a flag gives it."""
    if value not in ("me", "partner"):
        raise UsageProblem(
            _("{value} is not one of 'me', 'partner'").format(value=shown(value)), flag
        )
    return "me" if value == "me" else "partner"


def given(**values: Any) -> dict[str, Any]:
    """The values of the flags that were given (those left out are None)."""
    return {name: value for name, value in values.items() if value is not None}


def interactive(no_input: bool) -> bool:
    """Prompts only when a person is at a terminal and did not say --no-input."""
    return not no_input and is_terminal(sys.stdin)


# The flag each session field is given with, where it is not simply --FIELD.
FLAGS = {
    "partner": "--with",
    "topics": "--topic",
    "questions": "--question",
    "continue": "--continue",
    "notes": "TEXT",
    "actions": "--action",
}


def flag_for(where: tuple[str | int, ...]) -> str | None:
    """The flag that gave the value a rule refused, from where the models found it."""
    if not where or not isinstance(where[0], str):
        return None
    return FLAGS.get(where[0], f"--{where[0]}")


ProgrammeOpt = Annotated[
    str | None,
    typer.Option(metavar="NAME", help="The mentoring programme it belongs to (flash report)."),
]


def usable_language(code: str, param: str) -> str:
    """CODE, if flash can write in that language (a document's --lang, a partner's), else a
    usage error saying which it can, or that CODE is not a language code at all (a path)."""
    if not i18n.is_code(code):
        raise UsageProblem(
            _("{code} is not a language code (such as fr, es_MX, pt-BR)").format(code=shown(code)),
            param,
        )
    if not i18n.usable(code):
        raise UsageProblem(
            _("there is no catalogue for {code}; flash writes in {codes}").format(
                code=shown(code), codes=", ".join(i18n.shipped())
            ),
            param,
        )
    return code


def document_language(lang: str | None, partner_lang: str | None) -> str | None:
    """The language a document for the partner is written in: --lang's (checked), else the
    partner's own (set with --partner-lang), else None: the person's."""
    return usable_language(lang, "--lang") if lang is not None else partner_lang
