"""The tray icon and its menu; a small window with the same actions where no tray exists."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, Signal
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QWidget

    from desktop_client.core.journal import JournalEntry
    from desktop_client.ui.main_window import MainWindow

# PySide6 builds each class on first use, a few ms apiece: classes only the fallback window,
# the status line or the recent-calls menu need are imported where they are used, so the
# icon appears sooner.

from desktop_client.ui.icons import TrayState, tray_icon


@dataclass(frozen=True, slots=True)
class RecentCall:
    """A line of the Recent calls menu."""

    label: str
    number: str


def _looks_like_number(text: str) -> bool:
    """Digits dominate (cheap: the number library is not loaded for the main window)."""
    stripped = text.strip()
    digits = sum(c.isdigit() for c in stripped)
    return digits >= 3 and digits * 2 >= len(stripped.replace(" ", ""))


def recent_calls(entries: list[JournalEntry]) -> list[RecentCall]:
    """The journal's last calls as menu entries (the number each dials again)."""
    calls = []
    for entry in entries:
        arrow = "→" if entry.direction == "outgoing" else "←"
        number = entry.e164 or entry.number
        label = f"{arrow} {entry.contact_name} ({number})" if entry.contact_name \
            else f"{arrow} {number}"  # a number without a name is not said twice
        calls.append(RecentCall(label, number))
    return calls


class TrayUi(QObject):
    """Owns the tray icon (or the fallback window) and the menu."""

    dial_dialog_requested = Signal()
    dial_text_requested = Signal(str)
    normalize_requested = Signal()
    journal_requested = Signal()
    settings_requested = Signal()
    quit_requested = Signal()
    dnd_toggled = Signal(bool)

    def __init__(self, clipboard_number: Callable[[str], tuple[str, str] | None],
                 recent: Callable[[], list[RecentCall]], *, use_tray: bool | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clipboard_number = clipboard_number
        self._recent = recent
        self.dnd = False
        self.backend_ok = True
        self.state_detail = ""
        self.missed = 0
        self.activity = ""
        self._activities: dict[str, str] = {}
        self._icons_set = False
        self.menu = QMenu()
        self.dial_action = self.menu.addAction(self.tr("Dial…"))
        self.dial_action.triggered.connect(self.dial_dialog_requested)
        self.clipboard_action = self.menu.addAction(self.tr("Dial clipboard number"))
        self.clipboard_action.triggered.connect(self._dial_clipboard)
        self.recent_menu = self.menu.addMenu(self.tr("Recent calls"))
        self.journal_action = self.menu.addAction(self.tr("Call journal…"))
        self.journal_action.triggered.connect(self.journal_requested)
        self.menu.addSeparator()
        self.dnd_action = self.menu.addAction(self.tr("Do not disturb"))
        self.dnd_action.setCheckable(True)
        self.dnd_action.toggled.connect(self._dnd)
        self.normalize_action = self.menu.addAction(self.tr("Normalize phone numbers…"))
        self.normalize_action.triggered.connect(self.normalize_requested)
        self.settings_action = self.menu.addAction(self.tr("Settings…"))
        self.settings_action.triggered.connect(self.settings_requested)
        self.menu.addSeparator()
        self.quit_action = self.menu.addAction(self.tr("Quit"))
        self.quit_action.triggered.connect(self.quit_requested)
        self.menu.aboutToShow.connect(self.refresh_menu)
        if use_tray is None:
            use_tray = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray: QSystemTrayIcon | None = None
        self.window: QWidget | None = None
        self.main_window: MainWindow | None = None  # the same as window, where there is one
        #: Where notes go without a tray: the desktop's notification service, once there.
        self.message_sink: Callable[[str, str, bool], None] | None = None
        self._status: QLabel | None = None
        self._status_text = ""
        if use_tray:
            self.tray = QSystemTrayIcon(self)
            self.tray.setContextMenu(self.menu)
            self.tray.activated.connect(self._activated)
        else:
            self.window = self._fallback_window()
        self._update_icon()

    @property
    def status(self) -> QLabel:
        """The status line: the last notification (shown in the fallback window)."""
        if self._status is None:
            from PySide6.QtCore import Qt  # noqa: PLC0415
            from PySide6.QtWidgets import QLabel  # noqa: PLC0415

            self._status = QLabel(self._status_text)
            self._status.setTextFormat(Qt.TextFormat.PlainText)
        return self._status

    def _fallback_window(self) -> QWidget:
        """The main window, where there is no tray to live in."""
        from PySide6.QtGui import QAction  # noqa: PLC0415

        from desktop_client.ui.main_window import MainWindow  # noqa: PLC0415

        redial = QAction(self)
        redial.triggered.connect(lambda: self.dial_text_requested.emit(str(redial.data())))
        window = MainWindow({"dial": self.dial_action, "clipboard": self.clipboard_action,
                             "journal": self.journal_action, "settings": self.settings_action,
                             "dnd": self.dnd_action, "normalize": self.normalize_action,
                             "quit": self.quit_action, "recent": redial},
                            self._recent, self.status,
                            on_show=lambda: self._refresh_clipboard(cheap=True))
        self.main_window = window
        window.hidden_to_background.connect(lambda: self.notify(
            self.tr("Telephony Client"),
            self.tr("Still running: calls arrive as notifications. Start the Telephony "
                    "Client again to open this window."), False))
        return window

    def icon_geometry(self) -> QRect:
        """Where the tray icon is on screen (empty without a tray, or before it is placed)."""
        return self.tray.geometry() if self.tray is not None else QRect()

    def show(self) -> None:
        """Show the tray icon (or the window)."""
        if self.tray is not None:
            self.tray.show()
        if self.window is not None:
            self.window.show()

    def hide(self) -> None:
        """Remove the icon and the window (on quit)."""
        if self.tray is not None:
            self.tray.hide()
        if self.window is not None:
            self.window.close()

    def bring_forward(self) -> None:
        """A second launch without a request: show the window, or open the dial dialog."""
        if self.window is not None:
            self.window.showNormal()
            self.window.raise_()
            self.window.activateWindow()
        else:
            self.dial_dialog_requested.emit()

    @property
    def state(self) -> TrayState:
        """What the icon shows: do not disturb wins, then whether the phone is reachable."""
        if self.dnd:
            return TrayState.DND
        return TrayState.READY if self.backend_ok else TrayState.OFFLINE

    def set_backend(self, ok: bool, detail: str = "") -> None:
        """Whether the phone backend is reachable, and its state in words."""
        self.backend_ok, self.state_detail = ok, detail
        self._update_icon()

    def set_activity(self, text: str, key: str = "sync") -> None:
        """What runs or waits in the background (a directory sync, calls not yet in the CRM),
        in the tooltip, one line per ``key``; "" clears it."""
        if text:
            self._activities[key] = text
        else:
            self._activities.pop(key, None)
        self.activity = " — ".join(self._activities.values())
        self._update_icon()

    def set_missed(self, count: int) -> None:
        """Unseen missed calls, shown as a badge (and on the main window's journal button)."""
        self.missed = count
        self._update_icon()
        if self.main_window is not None:
            self.main_window.set_missed(count)

    def calls_changed(self) -> None:
        """A call was journaled: the main window's recent calls follow."""
        if self.main_window is not None and self.main_window.isVisible():
            self.main_window.refresh()

    def notify(self, title: str, message: str, is_error: bool = False) -> None:
        """A notification (plain text) near the tray, or the desktop's own where there is
        no tray (:attr:`message_sink`); always in the window's status line."""
        if self.tray is not None and self.tray.supportsMessages():
            icon = (QSystemTrayIcon.MessageIcon.Warning if is_error
                    else QSystemTrayIcon.MessageIcon.Information)
            self.tray.showMessage(title, message, icon, 5000)
        elif self.message_sink is not None:
            self.message_sink(title, message, is_error)
        self.status.setText(f"{title}: {message}")

    def _set_icons(self) -> None:
        """The platform's standard icons, on first showing the menu (not at start-up)."""
        from PySide6.QtGui import QIcon  # noqa: PLC0415
        from PySide6.QtWidgets import QApplication, QStyle  # noqa: PLC0415

        style = QApplication.style()
        pixmap = QStyle.StandardPixmap
        for action, name, fallback in (
                (self.dial_action, "call-start", None),
                (self.clipboard_action, "edit-paste", None),
                (self.journal_action, "view-history", pixmap.SP_FileDialogDetailedView),
                (self.dnd_action, "notifications-disabled", None),
                (self.normalize_action, "view-refresh", pixmap.SP_BrowserReload),
                (self.settings_action, "preferences-system", None),
                (self.quit_action, "application-exit", pixmap.SP_DialogCloseButton)):
            icon = QIcon.fromTheme(name)
            if icon.isNull() and fallback is not None:
                icon = style.standardIcon(fallback)
            action.setIcon(icon)
        self.recent_menu.setIcon(QIcon.fromTheme("document-open-recent"))
        self._icons_set = True

    def refresh_menu(self) -> None:
        """Update the clipboard entry and the recent calls."""
        from PySide6.QtGui import QAction  # noqa: PLC0415

        if not self._icons_set:
            self._set_icons()

        self._refresh_clipboard()
        self.recent_menu.clear()
        calls = self._recent()
        for call in calls:
            action = QAction(call.label, self.recent_menu)
            action.triggered.connect(lambda _checked=False, n=call.number:
                                     self.dial_text_requested.emit(n))
            self.recent_menu.addAction(action)
        if not calls:
            empty = self.recent_menu.addAction(self.tr("No calls yet"))
            empty.setEnabled(False)

    def _refresh_clipboard(self, *, cheap: bool = False) -> None:
        """The clipboard entry names the number it holds; ``cheap`` (the main window coming
        up at start) offers the clipboard without reading the number yet, which would load
        the number library at once; the dial policy reads it on the click."""
        from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

        text = QGuiApplication.clipboard().text() if QGuiApplication.clipboard() else ""
        found = self._clipboard_number(text) if text and not cheap else None
        if found:
            number, dial_text = found
            self.clipboard_action.setText(self.tr("Dial %1 from clipboard").replace("%1", number))
            self.clipboard_action.setData(dial_text)
            self.clipboard_action.setEnabled(True)
        elif cheap and len(text) <= 64 and _looks_like_number(text):
            self.clipboard_action.setText(self.tr("Dial clipboard number"))
            self.clipboard_action.setData(text)
            self.clipboard_action.setEnabled(True)
        else:
            self.clipboard_action.setText(self.tr("Dial clipboard number"))
            self.clipboard_action.setData(None)
            self.clipboard_action.setEnabled(False)

    def _dial_clipboard(self) -> None:
        text = self.clipboard_action.data()
        if text:
            self.dial_text_requested.emit(str(text))

    def _dnd(self, on: bool) -> None:
        self.dnd = on
        self._update_icon()
        self.dnd_toggled.emit(on)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.dial_dialog_requested.emit()

    def _state_text(self) -> str:
        """The main window's first line: can it dial, and what runs in the background."""
        if self.state == TrayState.OFFLINE:
            text = self.tr("phone not reachable") + (
                f" ({self.state_detail})" if self.state_detail else "")
        elif self.state == TrayState.DND:
            text = self.tr("do not disturb")
        else:
            text = self.tr("Ready to dial")
        return f"{text} — {self.activity}" if self.activity else text

    def _update_icon(self) -> None:
        icon = tray_icon(self.state, self.missed)
        tip = self.tr("Telephony Client")
        if self.state == TrayState.OFFLINE:
            tip += " — " + self.tr("phone not reachable") + (
                f" ({self.state_detail})" if self.state_detail else "")
        elif self.state == TrayState.DND:
            tip += " — " + self.tr("do not disturb")
        if self.missed:
            tip += " — " + self.tr("%n missed call(s)", "", self.missed)
        if self.activity:
            tip += " — " + self.activity
        if self.tray is not None:
            self.tray.setIcon(icon)
            self.tray.setToolTip(tip)
        if self.window is not None:
            self.window.setWindowIcon(icon)
            if self.main_window is not None:
                self.main_window.set_state(self._state_text())
        self.tooltip = tip
        if self._status is None:
            self._status_text = tip
        elif not self._status.text():
            self._status.setText(tip)
