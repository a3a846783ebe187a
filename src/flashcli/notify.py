"""One desktop notification, through desktop-notifier (imported only here, only when sent).

desktop-notifier never raises when a notification cannot go out: it logs a warning. Its
logger is listened to for the one send, so that flash can say why in one line of its own.

On Linux the notification goes over the session bus. With no DBUS_SESSION_BUS_ADDRESS (the
daily run from cron), the user's own bus is looked for where systemd and dbus put it. A server
that says `body-markup` reads the body as markup (the Desktop Notifications spec): there `&`,
`<` and `>` are escaped, so that an action's text, which sync may bring from a partner's
machine, reaches the lock screen as text, never as a link or an image. The title is never
markup.
"""

import html
import logging
import os
import platform
import stat
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from flashcli.i18n import _

NOTIFICATIONS = "org.freedesktop.Notifications"
# What a D-Bus address may hold unescaped (dbus-fast refuses more than the spec's '*').
PLAIN = frozenset(b"-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_/.")


def send(title: str, message: str) -> str | None:
    """Send TITLE and MESSAGE as a desktop notification; None once sent, else why not."""
    with _session_bus(), _listening() as heard:
        try:
            sent = _sent(title, _body(message))
        except Exception as e:  # a platform it cannot load on: said, never raised
            return _why(e)
    if sent:
        return None
    return heard.why or _("the notification service did not take it")


def _sent(title: str, body: str) -> bool:
    from desktop_notifier import DesktopNotifierSync

    sent: list[bool] = []
    notifier = DesktopNotifierSync(app_name="flash", app_icon=None)
    notifier.send(title, body, on_dispatched=lambda: sent.append(True))
    return bool(sent)


@contextmanager
def _listening() -> Iterator["_Heard"]:
    """desktop-notifier's warnings, heard rather than printed, while it sends."""
    heard = _Heard()
    logger = logging.getLogger("desktop_notifier")
    logger.addHandler(heard)
    logger.propagate, propagated = False, logger.propagate
    try:
        yield heard
    finally:
        logger.removeHandler(heard)
        logger.propagate = propagated


class _Heard(logging.Handler):
    """The reason desktop-notifier gave for a notification that did not go out."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.why: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.why is None:
            error = record.exc_info[1] if record.exc_info else None
            self.why = _why(error) if error is not None else record.getMessage()


def _why(error: BaseException) -> str:
    """What stopped a notification, in words: no session bus, no notification service…"""
    name = type(error).__name__
    text = str(error).splitlines()[0] if str(error) else name
    if name == "InvalidAddressError":
        return _("there is no session bus (DBUS_SESSION_BUS_ADDRESS is not set)")
    if isinstance(error, OSError):
        return _("the session bus cannot be reached ({value})").format(value=error.strerror or text)
    if NOTIFICATIONS in text:
        return _("no notification service runs on the session bus")
    return text


# ---------------------------------------------------------------- the session bus (Linux)


@contextmanager
def _session_bus() -> Iterator[None]:
    """DBUS_SESSION_BUS_ADDRESS for this send: as it is, else the user's own bus if there is
    one (put back as it was after, for what runs in the same process)."""
    found = None
    if platform.system() == "Linux" and not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        found = user_bus(os.environ, os.getuid())
    if found is None:
        yield
        return
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = found
    try:
        yield
    finally:
        del os.environ["DBUS_SESSION_BUS_ADDRESS"]


def user_bus(environ: Mapping[str, str], uid: int) -> str | None:
    """The address of user UID's own session bus: the socket `bus` in XDG_RUNTIME_DIR (else
    /run/user/UID), if it is a socket UID owns (not one someone else put in its way)."""
    folder = environ.get("XDG_RUNTIME_DIR", "")
    if not os.path.isabs(folder):  # the XDG spec: a relative one is to be ignored
        folder = f"/run/user/{uid}"
    path = os.path.join(folder, "bus")
    try:
        found = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISSOCK(found.st_mode) or found.st_uid != uid:
        return None
    return "unix:path=" + "".join(chr(b) if b in PLAIN else f"%{b:02x}" for b in os.fsencode(path))


# ---------------------------------------------------------------- markup


LONGEST = 300  # characters of a body: a notification is a glance, and text a sync brought


def _body(message: str) -> str:
    """MESSAGE as the notification server should be given it: at most LONGEST characters, and
    escaped where it reads markup."""
    if len(message) > LONGEST:
        message = message[: LONGEST - 1] + "…"
    return html.escape(message, quote=False) if _reads_markup() else message


def _reads_markup() -> bool:
    """Whether the server reads the body as markup: only D-Bus servers do, those that say
    body-markup. One that cannot be asked is taken to: a `&amp;` shown is a small price, a
    live link is not (and the notification itself will say why it did not go out)."""
    if platform.system() != "Linux":
        return False
    import asyncio

    try:
        said = asyncio.run(_capabilities())
    except Exception:  # no bus, no server, a timeout: any of them, the same answer
        return True
    return said is None or "body-markup" in said


async def _capabilities() -> list[str] | None:
    """What the notification server says it can do (its GetCapabilities); None if it fails."""
    import asyncio

    from dbus_fast import Message, MessageType
    from dbus_fast.aio import MessageBus

    bus = await MessageBus().connect()
    try:
        ask = Message(
            destination=NOTIFICATIONS,
            path="/org/freedesktop/Notifications",
            interface=NOTIFICATIONS,
            member="GetCapabilities",
        )
        reply = await asyncio.wait_for(bus.call(ask), timeout=10)
    finally:
        bus.disconnect()
    if reply is None or reply.message_type != MessageType.METHOD_RETURN:
        return None
    return [str(capability) for capability in reply.body[0]]
