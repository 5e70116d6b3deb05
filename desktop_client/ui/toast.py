"""The countdown toast: "Calling … in 2 s" with one click to cancel.

A tel: link from a web page is dialled only after this toast ran out without a click on
Cancel (../shared/security.md, rule 5). It never takes keyboard focus.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class CountdownToast(QWidget):
    """Counts down, then emits :attr:`expired`; Cancel emits :attr:`cancelled`."""

    expired = Signal()
    cancelled = Signal()

    def __init__(self, title: str, detail: str, seconds: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint |
                         Qt.WindowType.WindowStaysOnTopHint)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setObjectName("countdownToast")
        self.setStyleSheet("#countdownToast { background: #263238; border-radius: 6px; }"
                           "QLabel { color: white; } QLabel#title { font-weight: bold; }")
        self._remaining = max(0, seconds)
        self._title = QLabel(title)
        self._title.setObjectName("title")
        self._title.setTextFormat(Qt.TextFormat.PlainText)
        self._detail = QLabel(detail)
        self._detail.setTextFormat(Qt.TextFormat.PlainText)
        self._count = QLabel()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel_button.clicked.connect(self._cancel)
        text = QVBoxLayout()
        text.addWidget(self._title)
        text.addWidget(self._detail)
        text.addWidget(self._count)
        row = QHBoxLayout(self)
        row.addLayout(text)
        row.addWidget(self.cancel_button)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self._done = False
        self._update_count()

    def start(self, anchor: QPoint | None = None) -> None:
        """Show near the tray (bottom right unless an anchor is given) and count down."""
        self.adjustSize()
        screen = QGuiApplication.primaryScreen().availableGeometry()
        if anchor is None:
            anchor = QPoint(screen.right() - self.width() - 12,
                            screen.bottom() - self.height() - 12)
        self.move(anchor)
        self.show()
        if self._remaining == 0:
            QTimer.singleShot(0, self._expire)
        else:
            self._timer.start()

    def _update_count(self) -> None:
        self._count.setText(self.tr("Dialling in %n s", "", self._remaining))

    def _tick(self) -> None:
        self._remaining -= 1
        if self._remaining <= 0:
            self._expire()
        else:
            self._update_count()

    def _expire(self) -> None:
        if self._done:
            return
        self._done = True
        self._timer.stop()
        self.close()
        self.expired.emit()

    def _cancel(self) -> None:
        if self._done:
            return
        self._done = True
        self._timer.stop()
        self.close()
        self.cancelled.emit()
