"""Numbers in selected text, the selection readers, and the "pick" message to the app."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from desktop_client import ipc
from desktop_client.core.numbers import Location
from desktop_client.core.text_numbers import MAX_NUMBERS, find_numbers
from desktop_client.platform.selection import Selection, SelectionError, read_selection

CH = Location("CH")

SIGNATURE = """Guten Tag Herr Muster

Rufen Sie mich bitte am 12.03.2026 um 14:30 an, ab 14 Uhr bin ich unter 044 668 18 00
erreichbar (Rechnung Nr. 2026-0815, Betrag CHF 1'250.00).

Freundliche Grüsse
Anna Meier
Muster AG · Bahnhofstrasse 1 · 8001 Zürich
T +41 44 668 18 00 | M +41 79 123 45 67 | F +41 44 668 18 01
Berlin office: +49 30 1234567 ext. 12
"""


def test_finds_each_number_once_in_order_and_skips_dates_amounts_and_invoices() -> None:
    found = find_numbers(SIGNATURE, CH)
    assert [(n.raw, n.e164) for n in found] == [
        ("044 668 18 00", "+41446681800"),  # written twice: offered once
        ("+41 79 123 45 67", "+41791234567"),
        ("+41 44 668 18 01", "+41446681801"),
        ("+49 30 1234567 ext. 12", "+49301234567"),
    ]
    assert found[0].international == "+41 44 668 18 00"


def test_numbers_without_country_code_are_read_for_the_users_country() -> None:
    assert find_numbers("Tel. 030 1234567", CH) == []  # no Swiss number
    [de] = find_numbers("Tel. 030 1234567", Location("DE"))
    assert de.e164 == "+49301234567"


def test_text_without_numbers_and_the_limit() -> None:
    assert find_numbers("Bis morgen um 14:30, Zimmer 12, PLZ 8001", CH) == []
    many = " / ".join(f"044 668 18 {n:02d}" for n in range(20))
    assert len(find_numbers(many, CH)) == MAX_NUMBERS


Which = Callable[[str], str | None]
Run = Callable[[Sequence[str], float], str | None]


def _fake(outputs: dict[str, str | None], installed: set[str]) -> tuple[list[str], Which, Run]:
    calls: list[str] = []

    def run(command: Sequence[str], timeout: float) -> str | None:
        calls.append(" ".join(command))
        return outputs.get(" ".join(command))

    return calls, (lambda name: f"/usr/bin/{name}" if name in installed else None), run


def test_x11_primary_selection_first_then_clipboard() -> None:
    calls, which, run = _fake({"xclip -out -selection clipboard": "Tel 044 668 18 00"},
                              {"xclip"})
    selection = read_selection({"DISPLAY": ":5"}, "linux", which=which,
                               run=run)
    assert selection == Selection("Tel 044 668 18 00", "clipboard")
    assert calls == ["xclip -out -selection primary", "xclip -out -selection clipboard"]
    calls, which, run = _fake({"xsel --primary --output": "x"}, {"xsel"})
    assert read_selection({"DISPLAY": ":5"}, "linux", which=which,
                          run=run) == Selection("x", "primary")


def test_wayland_uses_wl_paste_and_says_what_to_install() -> None:
    _calls, which, run = _fake({"wl-paste --primary --no-newline --type text": "044"},
                              {"wl-paste", "xclip"})
    env = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    assert read_selection(env, "linux", which=which, run=run
                          ).origin == "primary"
    _calls, which, run = _fake({}, set())
    with pytest.raises(SelectionError, match="wl-clipboard"):
        read_selection(env, "linux", which=which, run=run)
    with pytest.raises(SelectionError, match="xclip or xsel"):
        read_selection({"DISPLAY": ":0"}, "linux", which=which,
                       run=run)
    with pytest.raises(SelectionError, match="no graphical session"):
        read_selection({}, "linux", which=which, run=run)


def test_nothing_anywhere_is_an_empty_selection() -> None:
    _calls, which, run = _fake({}, {"xclip"})
    assert read_selection({"DISPLAY": ":0"}, "linux", which=which,
                          run=run) == Selection("", "")


def test_pick_message_carries_numbers_or_a_note_never_both() -> None:
    message = ipc.Message("pick", text="044 668 18 00\n079 123 45 67")
    assert ipc.decode(ipc.encode(message)) == message
    assert ipc.decode(ipc.encode(ipc.Message("pick", note="no-number"))).note == "no-number"
    for bad in (b'{"protocol_version": 1, "kind": "pick"}',
                b'{"protocol_version": 1, "kind": "pick", "text": "1", "note": "no-text"}',
                b'{"protocol_version": 1, "kind": "pick", "note": "rm -rf"}',
                b'{"protocol_version": 1, "kind": "dial", "text": "1", "note": "no-text"}'):
        with pytest.raises(ipc.IpcError):
            ipc.decode(bad)


@pytest.mark.parametrize("text", [
    "\n",  # no number at all
    "044 668 18 00\n",  # an empty line
    "044 668 18 00\n044 668 18 00",  # the same twice
    " 044 668 18 00",  # padded
    "1\n2\n3\n4\n5\n6\n7\n8\n9",  # more than a picker shows
    "0" * 41,  # longer than any number a person dials
])
def test_the_app_refuses_pick_messages_a_forwarder_would_never_send(text: str) -> None:
    import json

    line = json.dumps({"protocol_version": 1, "kind": "pick", "text": text}).encode()
    with pytest.raises(ipc.IpcError):
        ipc.decode(line)
