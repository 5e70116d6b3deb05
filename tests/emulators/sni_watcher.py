"""A StatusNotifierWatcher with a host, as KDE Plasma and GNOME's AppIndicator extension run
it: the D-Bus side of a tray where icons are StatusNotifierItems, not XEmbed windows.

Written from the specification, not from the client: freedesktop.org "StatusNotifierWatcher"
(https://www.freedesktop.org/wiki/Specifications/StatusNotifierItem/StatusNotifierWatcher/)
and KDE's org.kde.StatusNotifierWatcher.xml (kde/knotifications, src/org.kde.StatusNotifier
Watcher.xml): bus name ``org.kde.StatusNotifierWatcher``, object ``/StatusNotifierWatcher``;
methods ``RegisterStatusNotifierItem(s)``, ``RegisterStatusNotifierHost(s)``; properties
``RegisteredStatusNotifierItems`` (as), ``IsStatusNotifierHostRegistered`` (b),
``ProtocolVersion`` (i); signals ``StatusNotifierItemRegistered(s)``,
``StatusNotifierItemUnregistered(s)``, ``StatusNotifierHostRegistered()``. An item registers
with its bus name or an object path; then the watcher announces it, and a host reads the
item's properties (``org.kde.StatusNotifierItem``) and its menu (``com.canonical.dbusmenu``).
"""

from __future__ import annotations

import threading
from typing import Any

from jeepney import (  # type: ignore[import-untyped]
    DBusAddress,
    HeaderFields,
    MessageType,
    Properties,
    new_error,
    new_method_call,
    new_method_return,
    new_signal,
)
from jeepney.bus_messages import message_bus  # type: ignore[import-untyped]
from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]

NAME = "org.kde.StatusNotifierWatcher"
PATH = "/StatusNotifierWatcher"
INTERFACE = "org.kde.StatusNotifierWatcher"


class Watcher:
    """Serves the watcher on the session bus in a thread; :attr:`items` are registered."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._conn = open_dbus_connection(bus="SESSION")
        reply = self._conn.send_and_get_reply(message_bus.RequestName(NAME, 4))
        if reply.body[0] != 1:  # DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER
            raise RuntimeError("another StatusNotifierWatcher owns the name")
        self._client = open_dbus_connection(bus="SESSION")  # a host reading the items
        self._lock = threading.Lock()
        self._stopped = False
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Stop serving and leave the bus."""
        self._stopped = True
        self._conn.close()
        self._client.close()

    def _serve(self) -> None:
        while not self._stopped:
            try:
                message = self._conn.receive(timeout=0.2)
            except TimeoutError:
                continue
            except OSError:
                return
            if message.header.message_type == MessageType.method_call:
                self._call(message)

    def _call(self, message: Any) -> None:
        fields = message.header.fields
        member, interface = fields.get(HeaderFields.member), fields.get(HeaderFields.interface)
        sender = fields.get(HeaderFields.sender, "")
        if member == "RegisterStatusNotifierItem":
            service = message.body[0]
            # The spec: a bus name, or an object path on the caller's connection.
            item = f"{sender}{service}" if service.startswith("/") else service
            with self._lock:
                if item not in self.items:
                    self.items.append(item)
            self._conn.send(new_method_return(message))
            self._conn.send(new_signal(DBusAddress(PATH, interface=INTERFACE),
                                       "StatusNotifierItemRegistered", "s", (item,)))
        elif member == "RegisterStatusNotifierHost":
            self._conn.send(new_method_return(message))
        elif interface == "org.freedesktop.DBus.Properties" and member in ("Get", "GetAll"):
            with self._lock:
                values = {"RegisteredStatusNotifierItems": ("as", list(self.items)),
                          "IsStatusNotifierHostRegistered": ("b", True),
                          "ProtocolVersion": ("i", 0)}
            if member == "Get":
                name = message.body[1]
                if name not in values:
                    self._conn.send(new_error(message, "org.freedesktop.DBus.Error."
                                              "UnknownProperty", "s", (name,)))
                    return
                self._conn.send(new_method_return(message, "v", (values[name],)))
            else:
                self._conn.send(new_method_return(message, "a{sv}", (values,)))
        elif member == "Introspect":
            self._conn.send(new_method_return(message, "s", (INTROSPECTION,)))
        else:
            self._conn.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod"))

    # -- the host's side: what a tray reads from an item -------------------------------------

    def item_properties(self, item: str) -> dict[str, Any]:
        """org.kde.StatusNotifierItem's properties of a registered item."""
        service, _, path = item.partition("/")
        address = DBusAddress("/" + path if path else "/StatusNotifierItem",
                              bus_name=service, interface="org.kde.StatusNotifierItem")
        reply = self._client.send_and_get_reply(Properties(address).get_all(), timeout=5)
        return {key: value[1] for key, value in reply.body[0].items()}

    def menu_labels(self, item: str, menu_path: str) -> list[str]:
        """The labels of the item's menu (com.canonical.dbusmenu GetLayout), in order."""
        service = item.partition("/")[0]
        address = DBusAddress(menu_path, bus_name=service, interface="com.canonical.dbusmenu")
        reply = self._client.send_and_get_reply(
            new_method_call(address, "GetLayout", "iias", (0, -1, [])), timeout=5)
        _revision, (_id, _props, children) = reply.body
        labels = []
        for child in children:
            _signature, (_child_id, props, _grand) = child
            if "label" in props:
                labels.append(props["label"][1])
        return labels


INTROSPECTION = """<node>
 <interface name="org.kde.StatusNotifierWatcher">
  <method name="RegisterStatusNotifierItem"><arg name="service" type="s" direction="in"/>
  </method>
  <method name="RegisterStatusNotifierHost"><arg name="service" type="s" direction="in"/>
  </method>
  <property name="RegisteredStatusNotifierItems" type="as" access="read"/>
  <property name="IsStatusNotifierHostRegistered" type="b" access="read"/>
  <property name="ProtocolVersion" type="i" access="read"/>
  <signal name="StatusNotifierItemRegistered"><arg type="s"/></signal>
  <signal name="StatusNotifierItemUnregistered"><arg type="s"/></signal>
  <signal name="StatusNotifierHostRegistered"/>
 </interface>
</node>"""
