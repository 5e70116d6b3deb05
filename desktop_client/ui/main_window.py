"""The main window, for desktops without a system tray (GNOME without the AppIndicator
extension): dialling, the recent calls, the journal with its missed calls, Settings.

Closing it leaves the app running in the background (calls arrive as notifications);
starting the app again from the application grid brings it back; Quit ends the app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from desktop_client.ui.tray import RecentCall


def _button(action: QAction, object_name: str) -> QPushButton:
    button = QPushButton(action.text())
    button.setObjectName(object_name)
    button.clicked.connect(action.trigger)

    def follow() -> None:
        button.setText(action.text())
        button.setEnabled(action.isEnabled())

    action.changed.connect(follow)
    follow()
    return button


class MainWindow(QWidget):
    """Uses the tray menu's actions, so both say and do the same."""

    hidden_to_background = Signal()

    def __init__(self, actions: dict[str, QAction], recent: Callable[[], list[RecentCall]],
                 status: QLabel, *, on_show: Callable[[], None] = lambda: None) -> None:
        super().__init__()
        self._on_show = on_show
        from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:  # a number copied while the window is up: offered at once
            clipboard.dataChanged.connect(lambda: self._on_show() if self.isVisible() else None)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Telephony Client"))
        self.setMinimumWidth(380)
        self._recent = recent
        self._actions = actions
        self.quitting = False
        self._journal_text = actions["journal"].text()
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Telephony Client"))
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout.addWidget(title)
        self.state = QLabel()
        self.state.setObjectName("state")
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setWordWrap(True)
        self.state.setStyleSheet("color: #616161;")
        layout.addWidget(self.state)
        self.dial_button = _button(actions["dial"], "dial")
        self.dial_button.setDefault(True)
        self.dial_button.setMinimumHeight(40)
        self.dial_button.setStyleSheet("font-size: 12pt; font-weight: bold;")
        layout.addWidget(self.dial_button)
        self.clipboard_button = _button(actions["clipboard"], "clipboard")
        layout.addWidget(self.clipboard_button)
        layout.addWidget(QLabel(self.tr("Recent calls")))
        self.calls = QListWidget()
        self.calls.setObjectName("recentCalls")
        self.calls.itemActivated.connect(self._redial)
        self.calls.setMinimumHeight(120)
        layout.addWidget(self.calls, 1)
        row = QHBoxLayout()
        self.journal_button = _button(actions["journal"], "journal")
        self.settings_button = _button(actions["settings"], "settings")
        row.addWidget(self.journal_button, 1)
        row.addWidget(self.settings_button, 1)
        layout.addLayout(row)
        row = QHBoxLayout()
        self.dnd_box = QCheckBox(actions["dnd"].text())
        self.dnd_box.setObjectName("dnd")
        self.dnd_box.toggled.connect(actions["dnd"].setChecked)
        actions["dnd"].toggled.connect(self.dnd_box.setChecked)
        row.addWidget(self.dnd_box, 1)
        row.addWidget(_button(actions["normalize"], "normalize"))
        self.quit_button = QPushButton(actions["quit"].text())
        self.quit_button.setObjectName("quit")
        self.quit_button.clicked.connect(self._quit)
        row.addWidget(self.quit_button)
        layout.addLayout(row)
        status.setObjectName("status")
        status.setWordWrap(True)
        status.setStyleSheet("color: #616161;")
        layout.addWidget(status)
        self.set_missed(0)

    def set_state(self, text: str) -> None:
        """The phone's state in words ("Ready", "phone not reachable (…)")."""
        self.state.setText(text)

    def set_missed(self, count: int) -> None:
        """The journal button carries the unseen missed calls."""
        text = self._journal_text
        if count:
            text = self.tr("Call journal (%n missed)…", "", count)
        self._actions["journal"].setText(text)

    def refresh(self) -> None:
        """The last calls, newest first (double click or Enter dials again)."""
        self.calls.clear()
        for call in self._recent():
            item = QListWidgetItem(call.label)
            item.setData(Qt.ItemDataRole.UserRole, call.number)
            self.calls.addItem(item)
        if not self.calls.count():
            empty = QListWidgetItem(self.tr("No calls yet"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.calls.addItem(empty)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Fresh recent calls (and the clipboard's number) each time it comes up."""
        self._on_show()
        self.refresh()
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Closing hides: the app keeps taking calls; Quit ends it."""
        if not self.quitting:
            self.hidden_to_background.emit()
        super().closeEvent(event)

    def _redial(self, item: QListWidgetItem) -> None:
        number = item.data(Qt.ItemDataRole.UserRole)
        if number:
            self._actions["recent"].setData(str(number))
            self._actions["recent"].trigger()

    def _quit(self) -> None:
        self.quitting = True
        self._actions["quit"].trigger()
