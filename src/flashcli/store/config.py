"""The person's config.toml (per machine, never synced): read, and set one key at a time."""

from typing import TypedDict

from flashcli.errors import BadSessionFile, FlashError, Invalid, UsageProblem, shown
from flashcli.i18n import _
from flashcli.models import Config, Remind
from flashcli.store import crypt, sessionfile
from flashcli.store.disk import changed, locked, private_dir, write_atomic
from flashcli.store.kept import loads_toml, read_checked
from flashcli.store.paths import encrypted, folders


def load_config() -> Config:
    path = folders().config_file
    if not path.exists():
        return Config()
    try:
        clear = read_checked(path, follow=True)
        return sessionfile.with_source(Config.load(loads_toml(clear, path)), clear)
    except BadSessionFile as e:
        raise FlashError(
            _("cannot read config file {path}: {reason}").format(path=path, reason=e.reason)
        ) from None
    except Invalid as e:
        raise FlashError(
            _("cannot use config file {path}: {e}; fix it").format(path=path, e=e)
        ) from None


class StateJson(TypedDict):
    """What `flash config --json` gives, as docs/schemas.py publishes it."""

    config: Config
    encrypted: bool
    data: str
    sessions: str
    config_file: str
    key_file: str


def state_json() -> StateJson:
    """The config and the folders in use, as `flash config --json` gives them."""
    place = folders()
    return {
        "config": load_config(),
        "encrypted": encrypted(),
        "data": str(place.data),
        "sessions": str(place.sessions),
        "config_file": str(place.config_file),
        "key_file": str(crypt.key_file()),
    }


def config_keys() -> list[str]:
    """The keys `flash config` shows and sets: name, email…, and remind.evening… for the
    [remind] table's."""
    tables = {"remind": Remind}
    return [
        f"{key}.{sub}" if key in tables else key
        for key in Config.model_fields
        for sub in (tables[key].model_fields if key in tables else [""])
    ]


def set_config(key: str, value: str) -> Config:
    """Set one config key (an empty value removes it), re-reading the file under the lock;
    KEY may name a key of a table (remind.evening)."""
    place = folders()
    private_dir(place.config)
    with locked():
        before = load_config()
        data = before.stored()
        table, __, sub = key.rpartition(".")
        where = data.setdefault(table, {}) if table else data
        if value == "":
            where.pop(sub, None)
        else:
            where[sub] = value
        try:
            config = Config.load(data)
        except Invalid as e:
            raise UsageProblem(
                _("cannot set {key} to {value}: {what}").format(
                    key=key, value=shown(value), what=e.what
                )
            ) from None
        config._source = before._source
        write_atomic(place.config_file, sessionfile.dump(config))
        changed.append(place.config_file)
        return config
