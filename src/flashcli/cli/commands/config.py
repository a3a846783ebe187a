"""flash config: who you are and your defaults, and the folders in use."""

from typing import Annotated, Any

import typer

from flashcli import store
from flashcli.cli.options import JsonOpt, usable_language
from flashcli.cli.output import print_json, say, warn_of_the_key
from flashcli.errors import UsageProblem, escaped, shown
from flashcli.i18n import _


def config(
    key: Annotated[
        str | None,
        typer.Argument(
            help="name, email, role, minutes, programme (of new sessions), coach (on or off: "
            "the action hints), language (fr, es…: over LANGUAGE and LANG), "
            "remind.evening, remind.before, remind.due, remind.detail, remind.checkins, or "
            "encrypt (on or off)."
        ),
    ] = None,
    value: Annotated[str | None, typer.Argument(help='The new value; "" removes the key.')] = None,
    json: JsonOpt = False,
) -> None:
    """Show or set your name, email, role, minutes and reminders.

    Also shows the folders in use (FLASH_HOME moves them all).

    \b
    Examples:
      flash config
      flash config name "Grace Hopper"
      flash config email grace@example.org
      flash config remind.evening 18:30
      flash config coach off
      flash config language fr
      flash config encrypt on
    """
    from flashcli.store.config import config_keys, load_config, set_config, state_json

    if key == "encrypt":
        if value not in ("on", "off"):
            raise UsageProblem(_("say on or off: flash config encrypt on"), "encrypt")
        for line in store.set_encryption(value == "on"):
            say(line)
        warn_of_the_key()
        from flashcli.sync import history, is_work_tree

        if is_work_tree():
            for line in history.after_encryption(value == "on"):
                say(line)
        return
    keys = config_keys()
    if key is not None and key not in keys:
        known = ", ".join([*keys, "encrypt"])
        raise UsageProblem(
            _("{key} is not a config key; use one of: {known}").format(key=shown(key), known=known)
        )
    if key == "language" and value:
        usable_language(value, "language")
    if key is not None and value is not None:
        set_config(key, value)
    current = _flat(load_config().stored())
    place = store.folders()
    if key is not None:
        say(escaped(str(current.get(key, ""))))
    elif json:
        print_json(state_json())
    else:
        from flashcli.models import Remind  # pydantic: only where the config is shown

        defaults = {f"remind.{k}": v for k, v in Remind.DEFAULTS.items()} | {"coach": "on"}
        width = max(map(len, keys))
        for k in keys:
            unset = (
                _("(not set: {defaults})").format(defaults=defaults[k])
                if k in defaults
                else _("(not set)")
            )
            say(f"{k:<{width}} {escaped(str(current.get(k, unset)))}")
        state = "on" if store.encrypted() else "off"
        if (going := store.unfinished_transition()) is not None:
            state += _(" (unfinished: run 'flash config encrypt {going}' to finish)").format(
                going=going
            )
        say(f"{'encrypt':<{width}} {state}")
        say(f"{'sessions':<{width}} {place.sessions}")
        say(f"{'config':<{width}} {place.config_file}")
        say(f"{'key':<{width}} {store.key_file()}")
        warn_of_the_key()


def _flat(data: dict[str, Any]) -> dict[str, Any]:
    """The config's keys as `flash config` names them: a table's as remind.evening; a switch
    as on or off."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat |= {f"{key}.{sub}": v for sub, v in value.items()}
        else:
            flat[key] = value
    return {k: ("on" if v else "off") if isinstance(v, bool) else v for k, v in flat.items()}
