"""flash config: who you are and your defaults, and the folders in use."""

from typing import Annotated

import typer

from flashcli import store
from flashcli.cli.options import JsonOpt
from flashcli.cli.output import print_json, say
from flashcli.errors import UsageProblem, shown


def config(
    key: Annotated[
        str | None, typer.Argument(help="name, email, role, minutes, or encrypt (on or off).")
    ] = None,
    value: Annotated[str | None, typer.Argument(help='The new value; "" removes the key.')] = None,
    json: JsonOpt = False,
) -> None:
    """Show or set your name, email, role and minutes.

    Also shows the folders in use (FLASH_HOME moves them all).

    \b
    Examples:
      flash config
      flash config name "Grace Hopper"
      flash config email grace@example.org
      flash config encrypt on
    """
    from flashcli.store.config import load_config, set_config, state_json

    if key == "encrypt":
        if value not in ("on", "off"):
            raise UsageProblem("say on or off: flash config encrypt on", "encrypt")
        for line in store.set_encryption(value == "on"):
            say(line)
        from flashcli.sync import history, is_work_tree

        if is_work_tree():
            for line in history.after_encryption(value == "on"):
                say(line)
        return
    from flashcli.models import Config

    keys = list(Config.model_fields)
    if key is not None and key not in keys:
        known = ", ".join([*keys, "encrypt"])
        raise UsageProblem(f"{shown(key)} is not a config key; use one of: {known}")
    if key is not None and value is not None:
        set_config(key, value)
    current = load_config().stored()
    place = store.folders()
    if key is not None:
        say(str(current.get(key, "")))
    elif json:
        print_json(state_json())
    else:
        for k in keys:
            say(f"{k:<8} {current.get(k, '(not set)')}")
        state = "on" if store.encrypted() else "off"
        if (going := store.unfinished_transition()) is not None:
            state += f" (unfinished: run 'flash config encrypt {going}' to finish)"
        say(f"{'encrypt':<8} {state}")
        say(f"{'sessions':<8} {place.sessions}")
        say(f"{'config':<8} {place.config_file}")
