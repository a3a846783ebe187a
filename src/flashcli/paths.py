"""Where flash keeps its files, resolved on every call so FLASH_HOME always wins."""

import os
import re
from dataclasses import dataclass
from pathlib import Path

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,79}$"  # a session id, and so its file name
ID_RE = re.compile(ID_PATTERN)


def is_session_file(name: str) -> bool:
    """Whether a file name is <id>.toml: other files in the folder are never read as sessions."""
    return name.endswith(".toml") and ID_RE.fullmatch(name[:-5]) is not None


@dataclass(frozen=True)
class Folders:
    data: Path
    config: Path

    @property
    def sessions(self) -> Path:
        return self.data / "sessions"

    @property
    def config_file(self) -> Path:
        return self.config / "config.toml"

    @property
    def guidance_file(self) -> Path:
        return self.config / "guidance.toml"

    @property
    def lock_file(self) -> Path:
        return self.data / ".lock"


def folders() -> Folders:
    """The folders in use: both under FLASH_HOME when it is set, else the platform's."""
    home = os.environ.get("FLASH_HOME")
    if home:
        base = Path(home).expanduser()
        return Folders(data=base, config=base)
    import platformdirs

    return Folders(
        data=Path(platformdirs.user_data_dir("flash", appauthor=False)),
        config=Path(platformdirs.user_config_dir("flash", appauthor=False)),
    )
