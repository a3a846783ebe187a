"""Building the package compiles the message catalogues (src/flashcli/locale/*/LC_MESSAGES/
flash.po, written by people) into the .mo files gettext reads at run time, with Babel; the .mo
files are built, never committed."""

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        for po in sorted(root.glob("src/flashcli/locale/*/LC_MESSAGES/flash.po")):
            with po.open("rb") as f:
                catalog = read_po(f, locale=po.parent.parent.name)
            mo = po.with_suffix(".mo")
            with mo.open("wb") as f:
                write_mo(f, catalog)
            build_data["artifacts"].append(str(mo.relative_to(root)))
