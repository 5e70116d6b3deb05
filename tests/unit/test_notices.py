"""What each platform's notification service is sent for a call, hostile names included:
freedesktop.org Notify arguments, a Windows toast's XML, macOS notification content."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from desktop_client.core.notices import (
    CATEGORY,
    DEFAULT_ACTION,
    CallNotice,
    freedesktop_args,
    macos_content,
    windows_toast_xml,
)

HOSTILE = '<img src="http://evil/x.png"> <b>Boss</b> & Co\x1b[31m'
RINGING = CallNotice("baresip:1", "ringing", "Incoming call", f"{HOSTILE}\n+41 44 668 18 42",
                     (("answer", "Answer"), ("decline", "Decline")), "call-start")
MISSED = CallNotice("baresip:1", "missed", "Missed call", "Anna Meier\n+41 44 668 18 42",
                    ((DEFAULT_ACTION, "Call back"), ("call-back", "Call back"),
                     ("open-crm", "Open in CRM")))


def test_freedesktop_escapes_the_body_where_the_server_reads_markup() -> None:
    app, replaces, icon, summary, body, actions, hints, timeout = freedesktop_args(
        RINGING, 7, {"body-markup", "actions"})
    assert (app, replaces, icon, summary) == ("desktop-client", 7, "call-start",
                                              "Incoming call")
    assert body == ('&lt;img src="http://evil/x.png"&gt; &lt;b&gt;Boss&lt;/b&gt; &amp; Co [31m'
                    "\n+41 44 668 18 42")  # markup escaped, the escape character gone
    assert actions == ["answer", "Answer", "decline", "Decline"]
    assert hints["urgency"] == ("y", 2) and hints["category"] == ("s", CATEGORY)
    assert hints["resident"] == ("b", True) and timeout == 0  # until the call says otherwise


def test_freedesktop_plain_servers_and_servers_without_actions() -> None:
    _a, _r, _i, _s, body, actions, hints, timeout = freedesktop_args(MISSED, 0, set())
    assert body == "Anna Meier\n+41 44 668 18 42" and actions == []
    assert hints["urgency"] == ("y", 1) and "resident" not in hints and timeout == -1
    _a, _r, _i, _s, body, _actions, _h, _t = freedesktop_args(RINGING, 0, set())
    assert body.startswith('<img src="http://evil/x.png">')  # no markup parsed: sent as is


def test_windows_toast_is_an_incoming_call_with_buttons_and_escaped_text() -> None:
    xml = windows_toast_xml(RINGING)
    toast = ET.fromstring(xml)
    assert toast.get("scenario") == "incomingCall"
    texts = [t.text for t in toast.iter("text")]
    assert texts[0] == "Incoming call" and texts[1] is not None
    assert texts[1].startswith('<img src="http://evil/x.png">')  # text, not markup
    assert "<img" not in xml and "&lt;img" in xml
    buttons = [(a.get("content"), a.get("arguments")) for a in toast.iter("action")]
    assert buttons == [("Answer", "action=answer&call=baresip%3A1"),
                       ("Decline", "action=decline&call=baresip%3A1")]
    assert toast.find("audio") is not None
    missed = ET.fromstring(windows_toast_xml(MISSED))
    assert missed.get("scenario") is None and missed.find("audio") is None
    assert [a.get("content") for a in missed.iter("action")] == ["Call back", "Open in CRM"]


def test_macos_content_and_its_category() -> None:
    content = macos_content(RINGING)
    assert content["title"] == "Incoming call"
    assert content["interruptionLevel"] == "timeSensitive"
    assert content["userInfo"] == {"call_id": "baresip:1", "kind": "ringing"}
    category = content["category"]
    assert category["identifier"] == content["categoryIdentifier"]
    assert [a["identifier"] for a in category["actions"]] == ["answer", "decline"]
    missed = macos_content(MISSED)
    assert missed["interruptionLevel"] == "active"
    assert [a["identifier"] for a in missed["category"]["actions"]] == ["call-back",
                                                                        "open-crm"]


def test_nothing_from_outside_breaks_a_payload() -> None:
    sneaky = CallNotice("x&action=decline\x00\x07", "ringing", "Incoming call",
                        "A" * 500 + "\u202e\x00\nMuster AG\n+41 44 668 18 42\nextra\nmore",
                        (("answer", "Answer"),))
    *_, body, _actions, hints, _timeout = freedesktop_args(sneaky, 0, {"actions"})
    lines = body.split("\n")
    assert len(lines) == 4 and len(lines[0]) == 121 and lines[0].endswith("…")
    assert lines[2] == "+41 44 668 18 42"  # a long name cannot push the number off
    assert "\x00" not in body and "\u202e" not in body
    assert "\x00" not in hints["x-dunst-stack-tag"][1]  # D-Bus drops a connection on NUL
    toast = ET.fromstring(windows_toast_xml(sneaky))  # a control character would break XML
    [button] = toast.iter("action")
    assert button.get("arguments") == "action=answer&call=x%26action%3Ddecline++"
