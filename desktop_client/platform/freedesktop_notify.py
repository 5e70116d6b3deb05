"""The desktop's notification service on Linux: org.freedesktop.Notifications over D-Bus.

Spoken with jeepney, which keyring already brings on Linux (SecretStorage is built on it): it
states each argument's D-Bus type, and Notify takes unsigned and byte values that PySide6's
QtDBus cannot express (a Python int always goes out as a signed ``i``). jeepney's threading
router keeps one connection with its own receiver thread, so method calls have a deadline and
never block the UI for long, and ``ActionInvoked`` / ``NotificationClosed`` arrive on a queue.
Servers send those signals to the connection that sent the notification (dunst addresses
them to it), others broadcast them: both reach us, the broadcast ones through AddMatch.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger("desktop_client.notify")

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
CALL_TIMEOUT_S = 3.0


class NotifyError(RuntimeError):
    """No session bus, no notification service, or it refused (the message says which)."""


class FreedesktopNotifications:
    """One connection to the notification service; callbacks run on its listener thread."""

    def __init__(self, on_action: Callable[[int, str], None],
                 on_closed: Callable[[int, int], None],
                 on_restart: Callable[[], None] = lambda: None) -> None:
        self._on_action = on_action
        self._on_closed = on_closed
        #: The service restarted (a new owner of its name): earlier ids mean nothing now.
        self._on_restart = on_restart
        self._owner = ""
        self._router: Any = None
        self._connection: Any = None
        self._signals: queue.Queue[Any] = queue.Queue()
        self._listener: threading.Thread | None = None
        self._filter: Any = None
        self.capabilities: set[str] = set()
        self.server = ""

    def open(self) -> None:
        """Connect and ask the server what it can do; NotifyError when there is none."""
        try:
            # jeepney ships no type information: its values are Any here.
            from jeepney import MatchRule, message_bus  # type: ignore[import-untyped]  # noqa: PLC0415
            from jeepney.io.threading import open_dbus_router  # type: ignore[import-untyped]  # noqa: PLC0415
        except ImportError as error:  # not on Linux
            raise NotifyError(f"no D-Bus library: {error}") from None
        try:
            self._router = open_dbus_router(bus="SESSION")
            self._connection = self._router.__enter__()
        except (OSError, KeyError, ValueError) as error:
            raise NotifyError(f"no session bus: {error}") from None
        rule = MatchRule(type="signal", interface=INTERFACE, path=PATH)
        owner_rule = MatchRule(type="signal", sender="org.freedesktop.DBus",
                               interface="org.freedesktop.DBus", member="NameOwnerChanged",
                               path="/org/freedesktop/DBus")
        owner_rule.add_arg_condition(0, SERVICE)
        self._filter = self._connection.filter(rule, queue=self._signals, bufsize=64)
        self._owner_filter = self._connection.filter(owner_rule, queue=self._signals,
                                                     bufsize=8)
        try:
            self._call(message_bus.AddMatch(rule))
            self._call(message_bus.AddMatch(owner_rule))
            (self._owner,) = self._call(message_bus.GetNameOwner(SERVICE))
            capabilities = self._method("GetCapabilities", "", ())
            info = self._method("GetServerInformation", "", ())
        except NotifyError:
            self.close()
            raise
        self.capabilities = set(capabilities[0])
        self.server = f"{info[0]} {info[2]}"
        self._listener = threading.Thread(target=self._listen, name="notifications",
                                          daemon=True)
        self._listener.start()
        log.info("notifications: %s (%s)", self.server, ", ".join(sorted(self.capabilities)))

    def notify(self, args: tuple[Any, ...]) -> int:
        """Notify (``susssasa{sv}i``, see core.notices.freedesktop_args); the id."""
        (nid,) = self._method("Notify", "susssasa{sv}i", args)
        return int(nid)

    def close_notification(self, nid: int, timeout: float = CALL_TIMEOUT_S) -> None:
        """CloseNotification (an id that is gone already is not an error)."""
        try:
            self._method("CloseNotification", "u", (nid,), timeout)
        except NotifyError as error:
            log.info("closing notification %d: %s", nid, error)

    def close(self) -> None:
        """Stop listening and disconnect."""
        self._signals.put(None)
        if self._filter is not None:
            self._filter.close()
            self._owner_filter.close()
            self._filter = None
        if self._router is not None:
            router, self._router = self._router, None
            with contextlib.suppress(OSError):
                router.__exit__(None, None, None)

    def _method(self, member: str, signature: str, body: tuple[Any, ...],
                timeout: float = CALL_TIMEOUT_S) -> tuple[Any, ...]:
        from jeepney import new_method_call  # noqa: PLC0415
        from jeepney.wrappers import DBusAddress  # type: ignore[import-untyped]  # noqa: PLC0415

        address = DBusAddress(PATH, bus_name=SERVICE, interface=INTERFACE)
        return self._call(new_method_call(address, member, signature or None, body), timeout)

    def _call(self, message: Any, timeout: float = CALL_TIMEOUT_S) -> tuple[Any, ...]:
        from jeepney import HeaderFields, MessageType  # noqa: PLC0415

        if self._connection is None:
            raise NotifyError("not connected")
        try:
            reply = self._connection.send_and_get_reply(message, timeout=timeout)
        except TimeoutError:
            raise NotifyError(f"the notification service did not answer within "
                              f"{timeout:g} s") from None
        except Exception as error:  # jeepney's RouterClosed, a dropped bus …: all one to us
            raise NotifyError(f"the session bus failed: {error!r}"[:300]) from None
        if reply.header.message_type == MessageType.error:
            name = reply.header.fields.get(HeaderFields.error_name, "error")
            detail = reply.body[0] if reply.body else ""
            raise NotifyError(f"{name}: {detail}"[:300])
        return tuple(reply.body)

    def _listen(self) -> None:
        from jeepney import HeaderFields  # noqa: PLC0415

        while True:
            message = self._signals.get()
            if message is None:
                return
            fields = message.header.fields
            member = fields.get(HeaderFields.member, "")
            sender = fields.get(HeaderFields.sender, "")
            try:
                if member == "NameOwnerChanged":
                    self._owner = str(message.body[2])
                    self._on_restart()
                    continue
                if sender != self._owner:  # only the service speaks for its notices
                    log.warning("ignored %s from %s, not the notification service",
                                member, sender)
                    continue
                if member == "ActionInvoked":
                    self._on_action(int(message.body[0]), str(message.body[1]))
                elif member == "NotificationClosed":
                    self._on_closed(int(message.body[0]), int(message.body[1]))
            except Exception:  # a callback's bug must not end the listener
                log.exception("handling %s failed", member)
