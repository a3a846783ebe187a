"""Where a notification looks for the session bus when DBUS_SESSION_BUS_ADDRESS is not set,
as in the daily run from cron: the user's own socket, never one another account owns. With a
real bus and notification server: test_remind_system.py."""

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from dbus_fast._private.address import parse_address

from flashcli.notify import user_bus


@pytest.fixture
def runtime(tmp_path: Path) -> Iterator[Path]:
    """A runtime folder with a socket named bus in it, as dbus-daemon makes it (a path with a
    space and a %, which an address must escape)."""
    folder = tmp_path / "run 100%"
    folder.mkdir()
    listening = socket.socket(socket.AF_UNIX)
    listening.bind(str(folder / "bus"))
    yield folder
    listening.close()


def test_the_user_s_bus_is_found_in_xdg_runtime_dir(runtime: Path) -> None:
    found = user_bus({"XDG_RUNTIME_DIR": str(runtime)}, os.getuid())
    assert found is not None
    [(transport, options)] = parse_address(found)  # as dbus-fast reads it
    assert (transport, options) == ("unix", {"path": str(runtime / "bus")})


def test_a_relative_xdg_runtime_dir_is_ignored(
    runtime: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the XDG spec says: /run/user/UID is looked in instead."""
    monkeypatch.chdir(runtime.parent)
    instead = user_bus({"XDG_RUNTIME_DIR": f"/run/user/{os.getuid()}"}, os.getuid())
    assert user_bus({"XDG_RUNTIME_DIR": runtime.name}, os.getuid()) == instead


def test_a_bus_someone_else_owns_is_not_the_user_s_simulated(runtime: Path) -> None:
    """The socket is this process's user's: for another uid it is someone else's."""
    assert user_bus({"XDG_RUNTIME_DIR": str(runtime)}, os.getuid() + 1) is None


def test_what_is_not_a_socket_is_not_a_bus(tmp_path: Path) -> None:
    (tmp_path / "bus").mkdir()
    assert user_bus({"XDG_RUNTIME_DIR": str(tmp_path)}, os.getuid()) is None
