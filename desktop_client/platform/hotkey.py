"""Windows: a global hotkey (default Ctrl+Alt+D) and the text selected in the foreground program.

The hotkey is ``RegisterHotKey`` with no window: Windows then posts ``WM_HOTKEY`` to the thread
that registered it, so :meth:`WindowsHotkey.register` is called on the thread that runs the Qt
event loop, and the app's ``QAbstractNativeEventFilter`` hands each MSG's ``message`` and
``wParam`` (:func:`msg_fields`) to :meth:`WindowsHotkey.handles`.

Reading "the selection" of another program
------------------------------------------
Windows has no selection that other programs can read (X11's primary selection has no
counterpart; UI Automation's TextPattern works only in some programs). The well-liked tools
all do the same: make the program copy its selection with a synthetic Ctrl+C, read the
clipboard, put the old clipboard back:

* AutoHotkey's documented pattern (docs: Clipboard/ClipboardAll, ClipWait):
  ``ClipSaved := ClipboardAll``, ``Clipboard := ""``, ``Send ^c``, ``ClipWait 0.5``, read,
  ``Clipboard := ClipSaved``. Scripts bound to hotkeys first wait for the hotkey's keys to be
  released (``KeyWait``/``GetKeyState(…, "P")`` loops), or the program sees Ctrl+Alt+C.
* Ditto (``ExternalWindowTracker::SendCopy``: ``AllKeysUp`` first) and PowerToys Advanced
  Paste (``ClipboardHelper.SendPasteKeyCombination``) release every modifier before they send
  their Ctrl+C / Ctrl+V; they send synthetic key-ups, we wait for the real ones.
* Dragonfly (``Win32Clipboard.wait_for_change``) waits for a copy by polling
  ``GetClipboardSequenceNumber`` instead of emptying the clipboard first; Dragonfly and
  pyperclip retry ``OpenClipboard`` for up to 0.5 s while another process holds the clipboard,
  and pyperclip opens it with a small STATIC window of its own, since ``EmptyClipboard`` after
  ``OpenClipboard(NULL)`` leaves no owner and ``SetClipboardData`` may then fail.
* arboard (1Password's clipboard crate) marks data that clipboard history and managers should
  not record with the ``ExcludeClipboardContentFromMonitorProcessing`` format.

:func:`read_selected_text` combines them: (1) wait until Shift, Ctrl, Alt and Win are up
(``GetAsyncKeyState``), giving up without sending anything if they stay down; (2) save the
clipboard's text; (3) note the sequence number; (4) send Ctrl+C as one ``SendInput`` call, so
the user's typing cannot land between its four key events; (5) poll the sequence number until
it changes and the clipboard, once it can be opened, holds text, or the timeout passes;
(6) put the saved text back, marked so Windows' clipboard history (and managers that honour
the mark) do not record it twice, unless some other program wrote to the clipboard meanwhile.

Why the sequence number rather than AutoHotkey's "empty, then ClipWait": when nothing is
selected (or the program ignores Ctrl+C) the clipboard is never touched, no empty entry reaches
clipboard managers, and copying the very text that is already there still counts as a copy.
Only the *text* is saved, not every format as ``ClipboardAll`` does: pictures, metafiles and
delayed-rendered formats need handling per format and can fail half-way, and the app wants
text. So a picture or formatted text that was on the clipboard comes back as plain text (or is
gone when there was no text) — only when Ctrl+C did copy something. Nothing is copied from an
elevated program (Windows blocks ``SendInput`` into it without saying so): that ends in the
timeout, and the caller falls back to the clipboard's existing text.

All Win32 access goes through one small object (:class:`Win32Api`; :class:`Win32` is the real
one, created only on Windows), so everything above is tested on any system with a fake.
"""

from __future__ import annotations

import ctypes
import ctypes.wintypes
import logging
import threading
from collections.abc import Callable, Sequence
from typing import Protocol

log = logging.getLogger("desktop_client.hotkey")

DEFAULT_SEQUENCE = "Ctrl+Alt+D"
#: Our hotkey's id (applications use 0x0000-0xBFFF; ids are per thread when hWnd is NULL).
HOTKEY_ID = 0x0D1A

MOD_ALT = 0x0001
MOD_CONTROL = 0x0002
MOD_SHIFT = 0x0004
MOD_WIN = 0x0008
MOD_NOREPEAT = 0x4000
WM_HOTKEY = 0x0312
ERROR_HOTKEY_ALREADY_REGISTERED = 1409
CF_UNICODETEXT = 13

VK_SHIFT = 0x10
VK_CONTROL = 0x11
VK_MENU = 0x12  # Alt
VK_LWIN = 0x5B
VK_RWIN = 0x5C
VK_C = 0x43
#: What must be up before our Ctrl+C, or the program sees another shortcut.
MODIFIER_KEYS = (VK_SHIFT, VK_CONTROL, VK_MENU, VK_LWIN, VK_RWIN)
#: (virtual key, key up) as one SendInput call.
CTRL_C: tuple[tuple[int, bool], ...] = ((VK_CONTROL, False), (VK_C, False), (VK_C, True),
                                         (VK_CONTROL, True))

#: How often the clipboard and the keyboard are looked at while waiting.
POLL_S = 0.01
#: How long the user may take to let go of the hotkey's modifiers.
RELEASE_TIMEOUT_S = 1.0
#: How long to keep trying OpenClipboard to save or restore (pyperclip and Dragonfly: 0.5 s).
OPEN_TIMEOUT_S = 0.5
#: Clipboard managers and Windows' clipboard history leave data with this format alone.
EXCLUDE_FROM_MONITORING = "ExcludeClipboardContentFromMonitorProcessing"

_MODIFIERS: dict[str, tuple[int, str]] = {
    "ctrl": (MOD_CONTROL, "Ctrl"), "control": (MOD_CONTROL, "Ctrl"), "strg": (MOD_CONTROL, "Ctrl"),
    "alt": (MOD_ALT, "Alt"),
    "shift": (MOD_SHIFT, "Shift"),
    # Qt's QKeySequence calls the Windows key Meta.
    "win": (MOD_WIN, "Win"), "windows": (MOD_WIN, "Win"), "meta": (MOD_WIN, "Win"),
    "super": (MOD_WIN, "Win"),
}
_MODIFIER_ORDER = ((MOD_CONTROL, "Ctrl"), (MOD_ALT, "Alt"), (MOD_SHIFT, "Shift"), (MOD_WIN, "Win"))
_NAMED_KEYS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (0x20, ("Space",)), (0x0D, ("Enter", "Return")), (0x09, ("Tab",)),
    (0x1B, ("Esc", "Escape")), (0x08, ("Backspace",)), (0x2D, ("Insert", "Ins")),
    (0x2E, ("Delete", "Del")), (0x24, ("Home",)), (0x23, ("End",)),
    (0x21, ("PgUp", "PageUp")), (0x22, ("PgDown", "PageDown")), (0x25, ("Left",)),
    (0x26, ("Up",)), (0x27, ("Right",)), (0x28, ("Down",)), (0x13, ("Pause",)),
    (0x2C, ("Print", "PrintScreen")),
)


def _key_table() -> tuple[dict[str, int], dict[int, str]]:
    by_name: dict[str, int] = {}
    names: dict[int, str] = {}
    for char in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789":
        by_name[char.lower()] = ord(char)
        names[ord(char)] = char
    for number in range(1, 25):
        vk = 0x70 + number - 1
        by_name[f"f{number}"] = vk
        names[vk] = f"F{number}"
    for number in range(10):
        by_name[f"num{number}"] = by_name[f"numpad{number}"] = 0x60 + number
        names[0x60 + number] = f"Num{number}"
    for vk, aliases in _NAMED_KEYS:
        for alias in aliases:
            by_name[alias.lower()] = vk
        names[vk] = aliases[0]
    return by_name, names


_KEYS, _KEY_NAMES = _key_table()
_FUNCTION_KEYS = range(0x70, 0x70 + 24)


class HotkeyError(RuntimeError):
    """The hotkey could not be registered (the message says why, naming the combination)."""


class HotkeyTakenError(HotkeyError):
    """Another program already registered the combination."""


def parse_sequence(text: str) -> tuple[int, int]:
    """``"Ctrl+Alt+D"`` → (MOD_* flags with MOD_NOREPEAT, virtual-key code); any case.

    Raises ValueError naming the part that is wrong.
    """
    modifiers, vk = _parse(text)
    return modifiers | MOD_NOREPEAT, vk


def format_sequence(modifiers: int, vk: int) -> str:
    """The canonical text ("Ctrl+Alt+D") of what :func:`parse_sequence` returned."""
    parts = [name for flag, name in _MODIFIER_ORDER if modifiers & flag]
    return "+".join([*parts, _KEY_NAMES.get(vk, f"0x{vk:02X}")])


def _parse(text: str) -> tuple[int, int]:
    if not text.strip():
        raise ValueError("the shortcut is empty; write it like 'Ctrl+Alt+D'")
    modifiers = 0
    vk: int | None = None
    key_part = ""
    for raw in text.split("+"):
        part = raw.strip()
        if not part:
            raise ValueError(f"{text!r} has an empty part: a key is missing "
                             "(write it like 'Ctrl+Alt+D')")
        modifier = _MODIFIERS.get(part.lower())
        if modifier is not None:
            flag, name = modifier
            if vk is not None:
                raise ValueError(f"{text!r}: the key {key_part!r} must come after the "
                                 f"modifiers, not before {part!r}")
            if modifiers & flag:
                raise ValueError(f"{text!r}: {name!r} appears twice")
            modifiers |= flag
            continue
        code = _KEYS.get(part.lower())
        if code is None:
            raise ValueError(f"{text!r}: unknown key {part!r} (use A-Z, 0-9, F1-F24, Num0-Num9 "
                             "or a named key such as Space, Insert, PgUp)")
        if vk is not None:
            raise ValueError(f"{text!r}: two keys, {key_part!r} and {part!r}; a shortcut has "
                             "one key after its modifiers")
        vk, key_part = code, part
    if vk is None:
        raise ValueError(f"{text!r}: no key after the modifiers (like the D in 'Ctrl+Alt+D')")
    if not modifiers:
        raise ValueError(f"{text!r}: needs a modifier (Ctrl, Alt, Shift or Win), or the key "
                         "stops working everywhere else")
    if modifiers == MOD_SHIFT and vk not in _FUNCTION_KEYS:
        raise ValueError(f"{text!r}: Shift alone would take {key_part!r} away from typing; "
                         "add Ctrl, Alt or Win")
    return modifiers, vk


class Win32Api(Protocol):
    """The Win32 calls this module makes (and the clock it waits by, so tests run fast)."""

    def register_hotkey(self, hotkey_id: int, modifiers: int, vk: int) -> int:
        """RegisterHotKey(NULL, …) on the calling thread: 0, else GetLastError()."""
        ...

    def unregister_hotkey(self, hotkey_id: int) -> bool:
        """UnregisterHotKey(NULL, id) on the calling thread."""
        ...

    def key_down(self, vk: int) -> bool:
        """Whether the key is down now (GetAsyncKeyState)."""
        ...

    def send_keys(self, events: Sequence[tuple[int, bool]]) -> int:
        """(virtual key, key up) events as one SendInput call: how many were inserted."""
        ...

    def clipboard_sequence(self) -> int:
        """GetClipboardSequenceNumber."""
        ...

    def open_clipboard(self) -> bool:
        """OpenClipboard (False while another process holds it)."""
        ...

    def close_clipboard(self) -> None:
        """CloseClipboard."""
        ...

    def get_text(self) -> str | None:
        """CF_UNICODETEXT from the open clipboard, None when it holds no text."""
        ...

    def set_text(self, text: str | None) -> bool:
        """Empty the open clipboard and put the text on it (None: leave it empty), marked
        with EXCLUDE_FROM_MONITORING."""
        ...

    def now(self) -> float:
        """Monotonic seconds."""
        ...

    def sleep(self, seconds: float) -> None:
        """Wait."""
        ...


class WindowsHotkey:
    """Our one global hotkey: register it, recognise its WM_HOTKEY, read the selection."""

    def __init__(self, on_selection: Callable[[str], None] | None = None, *,
                 win32: Win32Api | None = None, hotkey_id: int = HOTKEY_ID,
                 timeout_s: float = 0.5) -> None:
        if not 0 <= hotkey_id <= 0xBFFF:
            raise ValueError(f"hotkey id {hotkey_id:#x} is outside 0x0000-0xBFFF")
        self._on_selection = on_selection
        self._win32 = win32
        self._id = hotkey_id
        self._timeout_s = timeout_s
        self._registered: tuple[int, int] | None = None
        self._thread: int | None = None

    @property
    def hotkey_id(self) -> int:
        """The id WM_HOTKEY carries in wParam."""
        return self._id

    @property
    def sequence(self) -> str | None:
        """The registered combination ("Ctrl+Alt+D"), or None."""
        return None if self._registered is None else format_sequence(*self._registered)

    def _api(self) -> Win32Api:
        if self._win32 is None:
            from desktop_client.platform.win32_api import Win32  # noqa: PLC0415

            self._win32 = Win32()
        return self._win32

    def register(self, sequence: str = DEFAULT_SEQUENCE) -> None:
        """Register the combination, replacing ours (call on the Qt event loop's thread).

        ValueError for a bad sequence, :class:`HotkeyTakenError` when another program has it
        (ours stays as it was), :class:`HotkeyError` for other failures.
        """
        modifiers, vk = _parse(sequence)
        name = format_sequence(modifiers, vk)
        previous = self._registered
        # Windows keeps both when the same thread registers the same id twice.
        self.unregister()
        error = self._api().register_hotkey(self._id, modifiers | MOD_NOREPEAT, vk)
        if error == 0:
            self._registered = (modifiers, vk)
            self._thread = threading.get_ident()
            return
        if previous is not None and \
                self._api().register_hotkey(self._id, previous[0] | MOD_NOREPEAT, previous[1]) == 0:
            self._registered = previous
            self._thread = threading.get_ident()
        if error == ERROR_HOTKEY_ALREADY_REGISTERED:
            raise HotkeyTakenError(f"{name} is already taken by another program; "
                                   "choose another combination")
        raise HotkeyError(f"could not register {name} (Windows error {error})")

    def unregister(self) -> None:
        """Give the combination back (on the thread that registered it); nothing if none."""
        if self._registered is None:
            return
        if self._thread != threading.get_ident():
            raise RuntimeError("unregister the hotkey on the thread that registered it "
                               "(the one running the Qt event loop)")
        if not self._api().unregister_hotkey(self._id):
            log.warning("UnregisterHotKey failed for %s", self.sequence)
        self._registered = None
        self._thread = None

    def handles(self, message: int, wparam: int) -> bool:
        """Whether a MSG with these values is our hotkey being pressed."""
        return self._registered is not None and message == WM_HOTKEY and wparam == self._id

    def on_pressed(self) -> str:
        """Read the selection and hand it to the callback ("" when nothing was copied).

        Usually takes a tenth of a second, at worst a few seconds (keys held, clipboard busy):
        call it from a queued call or a worker thread, not inside the native event filter.
        """
        text = read_selected_text(self._timeout_s, win32=self._api())
        if self._on_selection is not None:
            self._on_selection(text)
        return text


def msg_fields(address: int) -> tuple[int, int]:
    """(message, wParam) of the MSG at this address (a native event filter's ``message``)."""
    msg = ctypes.wintypes.MSG.from_address(address)
    return int(msg.message), int(msg.wParam)


def read_selected_text(timeout_s: float = 0.5, *, win32: Win32Api | None = None,
                       release_timeout_s: float = RELEASE_TIMEOUT_S) -> str:
    """The text selected in the foreground program, copied with Ctrl+C; "" if none came.

    The clipboard's text is put back afterwards (see the module's description).
    """
    if win32 is None:
        from desktop_client.platform.win32_api import Win32  # noqa: PLC0415

        win32 = Win32()
    api = win32
    if not _wait_for_modifiers_up(api, release_timeout_s):
        log.info("modifier keys still down after %.1f s: no Ctrl+C sent", release_timeout_s)
        return ""
    saved_ok, saved = _read_clipboard(api, api.now() + OPEN_TIMEOUT_S)
    before = api.clipboard_sequence()
    sent = api.send_keys(CTRL_C)
    if sent != len(CTRL_C):
        log.warning("SendInput inserted %d of %d key events", sent, len(CTRL_C))
        return ""
    text, copied_at = _wait_for_copy(api, before, api.now() + timeout_s)
    if copied_at is not None:
        if saved_ok:
            _restore(api, saved, copied_at)
        else:
            log.warning("the clipboard could not be saved: it keeps the copied selection")
    return text


def _wait_for_modifiers_up(api: Win32Api, timeout_s: float) -> bool:
    deadline = api.now() + timeout_s
    while any(api.key_down(vk) for vk in MODIFIER_KEYS):
        if api.now() >= deadline:
            return False
        api.sleep(POLL_S)
    return True


def _read_clipboard(api: Win32Api, deadline: float) -> tuple[bool, str | None]:
    """(opened, text): OpenClipboard retried until the deadline."""
    while not api.open_clipboard():
        if api.now() >= deadline:
            return False, None
        api.sleep(POLL_S)
    try:
        return True, api.get_text()
    finally:
        api.close_clipboard()


def _wait_for_copy(api: Win32Api, before: int, deadline: float) -> tuple[str, int | None]:
    """(text, sequence number it was read at): the sequence is None when nothing changed."""
    seen = before
    changed_at: int | None = None
    while True:
        # Opened only after a change: an open clipboard locks out every other program.
        if api.clipboard_sequence() != seen and api.open_clipboard():
            try:
                # Read again while it is ours: the copy may have gone on since.
                seen = changed_at = api.clipboard_sequence()
                text = api.get_text()
            finally:
                api.close_clipboard()
            if text:
                return text, changed_at
        # Nothing yet, the program still holds the clipboard, or it copied no text: wait.
        if api.now() >= deadline:
            return "", changed_at
        api.sleep(POLL_S)


def _restore(api: Win32Api, saved: str | None, copied_at: int) -> None:
    deadline = api.now() + OPEN_TIMEOUT_S
    while not api.open_clipboard():
        if api.now() >= deadline:
            log.warning("the clipboard stayed busy: it keeps the copied selection")
            return
        api.sleep(POLL_S)
    try:
        if api.clipboard_sequence() != copied_at:
            log.info("another program wrote to the clipboard meanwhile: it is left as it is")
        elif not api.set_text(saved):
            log.warning("the clipboard's text could not be put back")
    finally:
        api.close_clipboard()
