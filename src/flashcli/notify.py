"""One desktop notification, through desktop-notifier (imported only here, only when sent).

desktop-notifier never raises when a notification cannot go out: it logs a warning. Its
logger is listened to for the one send, so that flash can say why in one line of its own.
"""

import logging

from flashcli.i18n import _


def send(title: str, message: str) -> str | None:
    """Send TITLE and MESSAGE as a desktop notification; None once sent, else why not."""
    from desktop_notifier import DesktopNotifierSync

    heard = _Heard()
    logger = logging.getLogger("desktop_notifier")
    logger.addHandler(heard)
    logger.propagate, propagated = False, logger.propagate
    sent: list[bool] = []
    try:
        notifier = DesktopNotifierSync(app_name="flash", app_icon=None)
        notifier.send(title, message, on_dispatched=lambda: sent.append(True))
    except Exception as e:  # a platform it cannot load on: said, never raised
        return _why(e)
    finally:
        logger.removeHandler(heard)
        logger.propagate = propagated
    if sent:
        return None
    return heard.why or _("the notification service did not take it")


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
    if "org.freedesktop.Notifications" in text:
        return _("no notification service runs on the session bus")
    return text
