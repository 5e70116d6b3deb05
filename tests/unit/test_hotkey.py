"""The Windows hotkey and the selection reader, against a fake Win32 with a fake clock."""

from __future__ import annotations

import ctypes
import ctypes.wintypes
import os
import threading
from collections.abc import Sequence

import pytest

from desktop_client.platform import hotkey, win32_api
from desktop_client.platform.hotkey import (
    CTRL_C,
    HOTKEY_ID,
    MOD_ALT,
    MOD_CONTROL,
    MOD_NOREPEAT,
    MOD_SHIFT,
    MOD_WIN,
    VK_CONTROL,
    VK_MENU,
    WM_HOTKEY,
    HotkeyError,
    HotkeyTakenError,
    WindowsHotkey,
    format_sequence,
    parse_sequence,
    read_selected_text,
)


class FakeWin32:
    """Windows as far as the module sees it; ``calls`` records (time, call) in order."""

    def __init__(self, *, clipboard: str | None = "old text", copies: str | None = None,
                 copies_non_text: bool = False, copy_delay_s: float = 0.05,
                 busy_opens: int = 0, busy_after_copy: int = 0,
                 held: dict[int, float] | None = None, taken: Sequence[str] = (),
                 register_error: int = 0, other_copy_after_read: str | None = None,
                 sendinput_blocked: bool = False) -> None:
        self.t = 0.0
        self.calls: list[tuple[float, str]] = []
        self.clipboard = clipboard
        self.sequence = 100
        self.copies = copies
        self.copies_non_text = copies_non_text
        self.copy_delay_s = copy_delay_s
        self.copy_at: float | None = None
        self.busy_opens = busy_opens
        self.busy_after_copy = busy_after_copy
        self.held = held or {}
        self.taken = {parse_sequence(s) for s in taken}
        self.register_error = register_error
        self.other_copy_after_read = other_copy_after_read
        self.sendinput_blocked = sendinput_blocked
        self.is_open = False
        self.copied = False
        self.writing = False
        self.hotkeys: list[tuple[int, int, int]] = []
        self.sent: list[tuple[int, bool]] = []
        self.restored: list[str | None] = []

    def _tick(self) -> None:
        if self.copy_at is not None and self.t >= self.copy_at:
            self.copy_at = None
            self.copied = True
            self.sequence += 2  # EmptyClipboard and SetClipboardData
            self.clipboard = None if self.copies_non_text else self.copies
            self.busy_opens += self.busy_after_copy

    def _log(self, call: str) -> None:
        self._tick()
        self.calls.append((self.t, call))

    def names(self) -> list[str]:
        return [call.split(" ")[0] for _, call in self.calls]

    def register_hotkey(self, hotkey_id: int, modifiers: int, vk: int) -> int:
        self._log(f"register {hotkey_id:#x} {modifiers:#x} {vk:#x}")
        if (modifiers, vk) in self.taken:
            return hotkey.ERROR_HOTKEY_ALREADY_REGISTERED
        if self.register_error:
            return self.register_error
        self.hotkeys.append((hotkey_id, modifiers, vk))
        return 0

    def unregister_hotkey(self, hotkey_id: int) -> bool:
        self._log(f"unregister {hotkey_id:#x}")
        before = len(self.hotkeys)
        self.hotkeys = [h for h in self.hotkeys if h[0] != hotkey_id]
        return len(self.hotkeys) < before

    def key_down(self, vk: int) -> bool:
        down = self.t < self.held.get(vk, 0.0)
        self._log(f"key_down {vk:#x} {down}")
        return down

    def send_keys(self, events: Sequence[tuple[int, bool]]) -> int:
        self._log("send_keys")
        if self.sendinput_blocked:
            return 0
        self.sent.extend(events)
        if tuple(events) == CTRL_C and (self.copies is not None or self.copies_non_text):
            self.copy_at = self.t + self.copy_delay_s
        return len(events)

    def clipboard_sequence(self) -> int:
        self._log("sequence")
        return self.sequence

    def open_clipboard(self) -> bool:
        self._log("open")
        assert not self.is_open, "opened twice"
        if self.busy_opens:
            self.busy_opens -= 1
            self.writing = self.copied  # the program that copies still holds it
            return False
        if self.writing:  # it wrote its last format and closed just before this open
            self.writing = False
            self.sequence += 1
        self.is_open = True
        return True

    def close_clipboard(self) -> None:
        self._log("close")
        assert self.is_open
        self.is_open = False

    def get_text(self) -> str | None:
        self._log("get_text")
        assert self.is_open
        text = self.clipboard
        if self.copied and self.other_copy_after_read is not None:
            self.clipboard, self.other_copy_after_read = self.other_copy_after_read, None
            self.sequence += 1
        return text

    def set_text(self, text: str | None) -> bool:
        self._log("set_text")
        assert self.is_open
        self.restored.append(text)
        self.clipboard = text
        self.sequence += 1
        return True

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        assert seconds > 0
        self.t += seconds


# --- parse_sequence ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "modifiers", "vk"), [
    ("Ctrl+Alt+D", MOD_CONTROL | MOD_ALT, 0x44),
    ("ctrl+shift+f9", MOD_CONTROL | MOD_SHIFT, 0x78),
    ("Win+Alt+P", MOD_WIN | MOD_ALT, 0x50),
    (" Alt + Ctrl + 1 ", MOD_CONTROL | MOD_ALT, 0x31),
    ("Meta+Shift+PgDown", MOD_WIN | MOD_SHIFT, 0x22),
    ("Shift+F24", MOD_SHIFT, 0x87),
    ("Strg+Alt+Space", MOD_CONTROL | MOD_ALT, 0x20),
])
def test_parse_good_sequences(text: str, modifiers: int, vk: int) -> None:
    assert parse_sequence(text) == (modifiers | MOD_NOREPEAT, vk)


def test_format_gives_the_canonical_text() -> None:
    assert format_sequence(*parse_sequence("alt+CTRL+d")) == "Ctrl+Alt+D"
    assert format_sequence(*parse_sequence("shift+win+ctrl+f9")) == "Ctrl+Shift+Win+F9"
    assert format_sequence(*parse_sequence("Ctrl+Alt+PageUp")) == "Ctrl+Alt+PgUp"


@pytest.mark.parametrize(("text", "named"), [
    ("", "empty"),
    ("   ", "empty"),
    ("Ctrl+", "empty part"),
    ("Ctrl++D", "empty part"),
    ("Ctrl+Foo", "unknown key 'Foo'"),
    ("Hyper+D", "unknown key 'Hyper'"),
    ("D", "needs a modifier"),
    ("F9", "needs a modifier"),
    ("Ctrl+Alt", "no key"),
    ("Ctrl+D+E", "two keys, 'D' and 'E'"),
    ("Ctrl+Ctrl+D", "'Ctrl' appears twice"),
    ("Ctrl+Control+D", "'Ctrl' appears twice"),
    ("D+Ctrl", "'D' must come after the modifiers"),
    ("Shift+D", "Shift alone would take 'D'"),
])
def test_parse_bad_sequences_name_the_bad_part(text: str, named: str) -> None:
    with pytest.raises(ValueError, match=named):
        parse_sequence(text)


# --- register / unregister / handles ----------------------------------------------------------

def test_register_passes_modifiers_key_and_norepeat() -> None:
    fake = FakeWin32()
    key = WindowsHotkey(win32=fake)
    key.register("ctrl+alt+d")
    assert fake.hotkeys == [(HOTKEY_ID, MOD_CONTROL | MOD_ALT | MOD_NOREPEAT, 0x44)]
    assert key.sequence == "Ctrl+Alt+D"


def test_register_defaults_to_ctrl_alt_d() -> None:
    fake = FakeWin32()
    WindowsHotkey(win32=fake, hotkey_id=7).register()
    assert fake.hotkeys == [(7, MOD_CONTROL | MOD_ALT | MOD_NOREPEAT, 0x44)]


def test_a_combination_taken_by_another_program_is_a_clear_error() -> None:
    fake = FakeWin32(taken=["Ctrl+Alt+D"])
    key = WindowsHotkey(win32=fake)
    with pytest.raises(HotkeyTakenError, match=r"Ctrl\+Alt\+D is already taken by another"):
        key.register("Alt+Ctrl+d")
    assert key.sequence is None
    assert not key.handles(WM_HOTKEY, HOTKEY_ID)


def test_other_register_failures_give_the_windows_error() -> None:
    key = WindowsHotkey(win32=FakeWin32(register_error=5))
    with pytest.raises(HotkeyError, match=r"Ctrl\+Shift\+F9.*error 5") as caught:
        key.register("Ctrl+Shift+F9")
    assert not isinstance(caught.value, HotkeyTakenError)


def test_a_bad_sequence_reaches_no_win32_call() -> None:
    fake = FakeWin32()
    with pytest.raises(ValueError, match="unknown key"):
        WindowsHotkey(win32=fake).register("Ctrl+Foo")
    assert fake.calls == []


def test_registering_again_replaces_the_old_combination() -> None:
    fake = FakeWin32()
    key = WindowsHotkey(win32=fake)
    key.register("Ctrl+Alt+D")
    key.register("Ctrl+Shift+F9")
    assert fake.names() == ["register", "unregister", "register"]
    assert fake.hotkeys == [(HOTKEY_ID, MOD_CONTROL | MOD_SHIFT | MOD_NOREPEAT, 0x78)]
    assert key.sequence == "Ctrl+Shift+F9"


def test_a_taken_new_combination_keeps_the_old_one() -> None:
    fake = FakeWin32(taken=["Ctrl+Shift+F9"])
    key = WindowsHotkey(win32=fake)
    key.register("Ctrl+Alt+D")
    with pytest.raises(HotkeyTakenError, match=r"Ctrl\+Shift\+F9"):
        key.register("Ctrl+Shift+F9")
    assert fake.hotkeys == [(HOTKEY_ID, MOD_CONTROL | MOD_ALT | MOD_NOREPEAT, 0x44)]
    assert key.sequence == "Ctrl+Alt+D"
    assert key.handles(WM_HOTKEY, HOTKEY_ID)


def test_unregister_gives_the_hotkey_back_once() -> None:
    fake = FakeWin32()
    key = WindowsHotkey(win32=fake)
    key.register("Ctrl+Alt+D")
    key.unregister()
    key.unregister()
    assert fake.names() == ["register", "unregister"]
    assert fake.calls[-1][1] == f"unregister {HOTKEY_ID:#x}"
    assert fake.hotkeys == []
    assert key.sequence is None
    assert not key.handles(WM_HOTKEY, HOTKEY_ID)


def test_unregister_on_another_thread_is_refused() -> None:
    fake = FakeWin32()
    key = WindowsHotkey(win32=fake)
    key.register("Ctrl+Alt+D")
    errors: list[BaseException] = []

    def other() -> None:
        try:
            key.unregister()
        except RuntimeError as error:
            errors.append(error)

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert len(errors) == 1 and "thread that registered" in str(errors[0])
    assert fake.hotkeys  # still registered


def test_handles_only_wm_hotkey_with_our_id() -> None:
    key = WindowsHotkey(win32=FakeWin32(), hotkey_id=0x42)
    assert not key.handles(WM_HOTKEY, 0x42)  # not registered yet
    key.register("Ctrl+Alt+D")
    assert key.handles(WM_HOTKEY, 0x42)
    assert not key.handles(WM_HOTKEY, 0x43)
    assert not key.handles(0x0100, 0x42)  # WM_KEYDOWN
    assert not key.handles(WM_HOTKEY + 1, 0x42)


def test_hotkey_ids_outside_the_application_range_are_refused() -> None:
    with pytest.raises(ValueError, match="0xc000"):
        WindowsHotkey(win32=FakeWin32(), hotkey_id=0xC000)


def test_msg_fields_reads_message_and_wparam_from_the_address() -> None:
    msg = ctypes.wintypes.MSG()
    msg.message = WM_HOTKEY
    msg.wParam = HOTKEY_ID
    msg.lParam = (0x44 << 16) | MOD_CONTROL | MOD_ALT
    assert hotkey.msg_fields(ctypes.addressof(msg)) == (WM_HOTKEY, HOTKEY_ID)


def test_on_pressed_hands_the_selection_to_the_callback() -> None:
    got: list[str] = []
    fake = FakeWin32(copies="Call +49 30 1234567")
    key = WindowsHotkey(got.append, win32=fake)
    key.register("Ctrl+Alt+D")
    assert key.on_pressed() == "Call +49 30 1234567"
    assert got == ["Call +49 30 1234567"]


# --- read_selected_text -----------------------------------------------------------------------

def test_copied_text_is_returned_and_the_old_clipboard_restored() -> None:
    fake = FakeWin32(clipboard="old text", copies="030 1234567")
    assert read_selected_text(win32=fake) == "030 1234567"
    assert fake.sent == [(VK_CONTROL, False), (0x43, False), (0x43, True), (VK_CONTROL, True)]
    assert fake.restored == ["old text"]
    assert fake.clipboard == "old text"
    assert not fake.is_open
    names = fake.names()
    # Saved before the Ctrl+C, the sequence noted before it, restored after the read.
    send = names.index("send_keys")
    assert names.index("get_text") < names.index("sequence") < send
    assert send < len(names) - 1 - names[::-1].index("get_text") < names.index("set_text")


def test_nothing_copied_returns_empty_within_the_timeout_and_leaves_the_clipboard() -> None:
    fake = FakeWin32(clipboard="old text", copies=None)
    assert read_selected_text(0.5, win32=fake) == ""
    assert 0.5 <= fake.t < 0.6
    assert fake.restored == []
    assert fake.clipboard == "old text"
    assert fake.names().count("open") == 1  # the save; no opening while nothing changed


def test_a_copy_after_the_timeout_is_not_waited_for() -> None:
    fake = FakeWin32(copies="030 1234567", copy_delay_s=0.8)
    assert read_selected_text(0.5, win32=fake) == ""
    assert fake.t < 0.6


def test_a_busy_clipboard_is_retried_when_saving() -> None:
    fake = FakeWin32(clipboard="old text", copies="030 1234567", busy_opens=2)
    assert read_selected_text(win32=fake) == "030 1234567"
    assert fake.names()[:6] == ["key_down"] * 5 + ["open"]
    assert fake.names().count("open") == 2 + 3  # two refused, then save, read, restore
    assert fake.restored == ["old text"]


def test_a_busy_clipboard_is_retried_after_the_copy() -> None:
    fake = FakeWin32(clipboard="old text", copies="030 1234567", busy_after_copy=2)
    assert read_selected_text(win32=fake) == "030 1234567"
    assert fake.names().count("open") == 1 + 2 + 2
    # The copy went on until the open succeeded: its final sequence number is the one
    # compared before restoring, so the old text does come back.
    assert fake.restored == ["old text"]
    assert fake.clipboard == "old text"


def test_modifiers_held_at_first_are_waited_for_before_ctrl_c() -> None:
    fake = FakeWin32(copies="030 1234567", held={VK_CONTROL: 0.2, VK_MENU: 0.35})
    assert read_selected_text(win32=fake) == "030 1234567"
    send_time, _ = next(call for call in fake.calls if call[1] == "send_keys")
    assert send_time >= 0.35
    checks = [call for _, call in fake.calls if call.startswith("key_down")]
    assert checks[:2] == [f"key_down {hotkey.VK_SHIFT:#x} False",
                          f"key_down {VK_CONTROL:#x} True"]
    send_index = [c for _, c in fake.calls].index("send_keys")
    last_checks = [c for _, c in fake.calls[:send_index] if c.startswith("key_down")][-5:]
    assert all(c.endswith("False") for c in last_checks)
    assert len(last_checks) == len(hotkey.MODIFIER_KEYS)


def test_modifiers_never_released_send_nothing() -> None:
    fake = FakeWin32(copies="030 1234567", held={VK_MENU: 99.0})
    assert read_selected_text(win32=fake, release_timeout_s=1.0) == ""
    assert "send_keys" not in fake.names()
    assert "open" not in fake.names()
    assert 1.0 <= fake.t < 1.1


def test_an_empty_clipboard_is_emptied_again() -> None:
    fake = FakeWin32(clipboard=None, copies="030 1234567")
    assert read_selected_text(win32=fake) == "030 1234567"
    assert fake.restored == [None]
    assert fake.clipboard is None


def test_a_copy_without_text_returns_empty_and_restores() -> None:
    fake = FakeWin32(clipboard="old text", copies_non_text=True)
    assert read_selected_text(0.5, win32=fake) == ""
    assert fake.restored == ["old text"]
    # Opened once after the change, not again while the sequence stayed put.
    assert fake.names().count("open") == 3


def test_another_programs_copy_meanwhile_is_not_overwritten() -> None:
    fake = FakeWin32(clipboard="old text", copies="030 1234567",
                     other_copy_after_read="the user's new copy")
    assert read_selected_text(win32=fake) == "030 1234567"
    assert fake.restored == []
    assert fake.clipboard == "the user's new copy"


def test_blocked_sendinput_returns_at_once() -> None:
    fake = FakeWin32(copies="030 1234567", sendinput_blocked=True)
    assert read_selected_text(win32=fake) == ""
    assert fake.t < 0.05
    assert fake.restored == []


# --- the real Win32's pure parts --------------------------------------------------------------

def test_keyboard_inputs_build_the_sendinput_array() -> None:
    inputs = win32_api.keyboard_inputs(CTRL_C)
    assert len(inputs) == 4
    assert [(i.type, i.u.ki.wVk, i.u.ki.dwFlags) for i in inputs] == [
        (1, VK_CONTROL, 0), (1, 0x43, 0), (1, 0x43, win32_api.KEYEVENTF_KEYUP),
        (1, VK_CONTROL, win32_api.KEYEVENTF_KEYUP)]
    # SendInput refuses an INPUT of the wrong size: 40 bytes on 64-bit Windows, 28 on 32-bit.
    assert ctypes.sizeof(win32_api.INPUT) == (40 if ctypes.sizeof(ctypes.c_void_p) == 8 else 28)


def test_utf16z_keeps_astral_characters_and_ends_with_nul() -> None:
    data = win32_api.utf16z("☎ 📞")
    assert data.endswith(b"\0\0") and len(data) == 2 * (4 + 1)
    assert data[:-2].decode("utf-16-le") == "☎ 📞"


@pytest.mark.skipif(os.name == "nt", reason="the real Win32 loads there")
def test_the_real_win32_is_refused_elsewhere() -> None:
    with pytest.raises(OSError, match="only on Windows"):
        win32_api.Win32()
    with pytest.raises(OSError, match="only on Windows"):
        WindowsHotkey().register("Ctrl+Alt+D")
