"""flash config: who you are and your defaults, and the folders in use."""

from typing import Annotated

import typer

from flashcli.cli.options import JsonOpt
from flashcli.cli.output import print_json, say
from flashcli.errors import UsageProblem
from flashcli.paths import folders


def config(
    key: Annotated[str | None, typer.Argument(help="name, email, role or minutes.")] = None,
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
    """
    from flashcli import store
    from flashcli.models import Config

    keys = list(Config.model_fields)
    if key is not None and key not in keys:
        raise UsageProblem(f"'{key}' is not a config key; use one of: {', '.join(keys)}")
    if key is not None and value is not None:
        store.set_config(key, value)
    current = store.load_config().stored()
    place = folders()
    if key is not None:
        say(str(current.get(key, "")))
    elif json:
        print_json(
            {
                "config": current,
                "data": place.data,
                "sessions": place.sessions,
                "config_file": place.config_file,
            }
        )
    else:
        for k in keys:
            say(f"{k:<8} {current.get(k, '(not set)')}")
        say(f"{'sessions':<8} {place.sessions}")
        say(f"{'config':<8} {place.config_file}")
