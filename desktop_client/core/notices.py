"""Calls as the desktop's own notifications: one notice, and what each platform is sent.

A :class:`CallNotice` says what a notification shows (already in the user's language) and which
actions it offers. The payload builders turn it into what the platform's service takes:
freedesktop.org's ``Notify`` arguments (Linux), a Windows toast's XML, the fields of macOS's
``UNNotificationContent``. They are plain functions so the payloads of all three are tested
everywhere; only the Linux one is sent from here.

Caller names, numbers and companies come from a PBX, a directory server or a contact file:
hostile input. Nothing in them is ever read as markup: freedesktop.org servers that announce
``body-markup`` render ``<b>``, ``<a href>`` and ``<img src>`` in the body, so the body is
escaped for them. The summary is plain text by the spec, but some servers (dunst with
``markup = full``) parse it too and others (GNOME Shell) do not, so no escaping is right for
both: the summary is our own fixed words ("Incoming call"), and everything from outside goes
into the body. Toast XML is built with an XML library, never by pasting strings.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

#: Our notifications' category, in the spec's "x-vendor.class" form for kinds it does not
#: name (it has no category for calls).
CATEGORY = "x-desktop-client.call"
#: The action a click on the notification itself invokes (the spec's name for it).
DEFAULT_ACTION = "default"
URGENCY_NORMAL = 1
URGENCY_CRITICAL = 2  # stays until the call is answered or ends: servers do not expire it
MAX_TEXT = 300


@dataclass(frozen=True, slots=True)
class CallNotice:
    """One call's notification: "ringing", "answered" or "missed"."""

    call_id: str
    kind: str
    summary: str  # our own words only: "Incoming call", "Missed call"
    body: str  # the caller: "Anna Meier\nMuster AG · +41 44 668 18 42"
    #: (key, label) in the order to show; DEFAULT_ACTION is a click on the notification.
    actions: tuple[tuple[str, str], ...] = ()
    icon: str = ""  # a themed icon name or an absolute file path
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def urgency(self) -> int:
        """Critical while it rings (it must not time out), normal otherwise."""
        return URGENCY_CRITICAL if self.kind == "ringing" else URGENCY_NORMAL


MAX_LINE = 120
MAX_LINES = 4


def plain(text: str) -> str:
    """No control, format or NUL characters (names are hostile; D-Bus drops a connection
    that sends a NUL), each line at most MAX_LINE characters, at most MAX_LINES lines: a long
    name cannot push the number off the notice."""
    lines = []
    for line in text.split("\n")[:MAX_LINES]:
        cleaned = "".join(c if c.isprintable() else " " for c in line)
        lines.append(cleaned[:MAX_LINE] + ("…" if len(cleaned) > MAX_LINE else ""))
    return "\n".join(lines)[:MAX_TEXT]


def freedesktop_args(notice: CallNotice, replaces_id: int, capabilities: set[str],
                     app_name: str = "desktop-client") -> tuple[Any, ...]:
    """The arguments of org.freedesktop.Notifications.Notify (signature ``susssasa{sv}i``).

    The body is escaped where the server parses markup; actions are sent only where it
    offers them; the timeout is 0 (never) while it rings, the server's default otherwise.
    """
    body = plain(notice.body)
    if "body-markup" in capabilities:
        body = html.escape(body, quote=False)
    actions: list[str] = []
    if "actions" in capabilities:
        for key, label in notice.actions:
            actions += [key, plain(label)]
    hints: dict[str, tuple[str, Any]] = {
        "urgency": ("y", notice.urgency),
        "category": ("s", CATEGORY),
        "desktop-entry": ("s", "desktop-client"),
        "x-dunst-stack-tag": ("s", plain(f"desktop-client:{notice.call_id}")[:200]),
    }
    if notice.kind == "ringing":
        hints["resident"] = ("b", True)  # actions do not close it: the call state does
    timeout = 0 if notice.kind == "ringing" else -1
    return (app_name, replaces_id, notice.icon, plain(notice.summary), body, actions, hints,
            timeout)


def windows_toast_xml(notice: CallNotice, launch_args: str = "") -> str:
    """The toast's XML (ToastGeneric): scenario "incomingCall" while it rings, so Windows
    shows it until it is acted on, with its call-style buttons; one button per action."""
    call = urlencode({"call": plain(notice.call_id)})
    toast = ET.Element("toast", {"launch": launch_args or call})
    if notice.kind == "ringing":
        toast.set("scenario", "incomingCall")
    visual = ET.SubElement(toast, "visual")
    binding = ET.SubElement(visual, "binding", {"template": "ToastGeneric"})
    ET.SubElement(binding, "text").text = plain(notice.summary)
    ET.SubElement(binding, "text").text = plain(notice.body)
    buttons = [(key, label) for key, label in notice.actions if key != DEFAULT_ACTION]
    if buttons:
        actions = ET.SubElement(toast, "actions")
        for key, label in buttons[:5]:  # Windows shows at most five buttons
            ET.SubElement(actions, "action", {
                "content": plain(label), "activationType": "foreground",
                "arguments": urlencode({"action": key, "call": plain(notice.call_id)})})
    if notice.kind == "ringing":
        ET.SubElement(toast, "audio", {"src": "ms-winsoundevent:Notification.Looping.Call",
                                       "loop": "true"})
    return ET.tostring(toast, encoding="unicode")


def macos_content(notice: CallNotice) -> dict[str, Any]:
    """UNMutableNotificationContent's fields, and the UNNotificationCategory its actions
    need (categories are registered once per set of actions)."""
    buttons = [(key, label) for key, label in notice.actions if key != DEFAULT_ACTION]
    category = f"desktop-client.{notice.kind}." + ".".join(key for key, _ in buttons)
    return {
        "title": plain(notice.summary),
        "body": plain(notice.body),
        "categoryIdentifier": category,
        "threadIdentifier": "desktop-client.calls",
        "userInfo": {"call_id": plain(notice.call_id), "kind": notice.kind},
        # Time-sensitive breaks through Focus like a ringing phone; a missed call waits.
        "interruptionLevel": "timeSensitive" if notice.kind == "ringing" else "active",
        "category": {"identifier": category,
                     "actions": [{"identifier": key, "title": plain(label),
                                  "options": ["foreground"]} for key, label in buttons]},
    }
