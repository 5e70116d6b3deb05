"""Tray icons drawn at run time: the state shows at a glance, the badge counts missed calls."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QIcon, QPixmap

if TYPE_CHECKING:
    from PySide6.QtGui import QPainterPath


class TrayState(StrEnum):
    """What the tray icon shows."""

    READY = "ready"
    OFFLINE = "offline"  # the phone backend cannot be reached
    DND = "dnd"  # do not disturb


_COLORS = {TrayState.READY: "#2e7d32", TrayState.OFFLINE: "#757575", TrayState.DND: "#c62828"}
#: The icon every start shows first (ready, no missed calls), drawn once and kept as a file:
#: drawing it at start-up first builds PySide6's painting classes and Qt's namespace (~40 ms
#: before the icon appears). The tests check that it is the drawn icon, pixel for pixel.
START_ICON = Path(__file__).resolve().parent / "tray-ready.png"
START_SIZE = 64


def _handset(size: float) -> QPainterPath:
    from PySide6.QtGui import QPainterPath  # noqa: PLC0415

    s = size / 64.0
    path = QPainterPath()
    path.moveTo(18 * s, 14 * s)
    path.cubicTo(12 * s, 16 * s, 12 * s, 24 * s, 16 * s, 32 * s)
    path.cubicTo(22 * s, 42 * s, 30 * s, 48 * s, 38 * s, 50 * s)
    path.cubicTo(44 * s, 52 * s, 50 * s, 48 * s, 50 * s, 44 * s)
    path.lineTo(42 * s, 38 * s)
    path.lineTo(36 * s, 42 * s)
    path.cubicTo(30 * s, 38 * s, 26 * s, 34 * s, 22 * s, 28 * s)
    path.lineTo(26 * s, 22 * s)
    path.closeSubpath()
    return path


def tray_icon(state: TrayState, missed: int = 0, size: int = START_SIZE) -> QIcon:
    """The icon for a state, with the number of unseen missed calls as a badge."""
    if state == TrayState.READY and not missed and size == START_SIZE:
        stored = QPixmap(str(START_ICON))
        if not stored.isNull():
            return QIcon(stored)
    return drawn_tray_icon(state, missed, size)


def drawn_tray_icon(state: TrayState, missed: int = 0, size: int = START_SIZE) -> QIcon:
    """:func:`tray_icon`, drawn."""
    # Imported here: each class costs a few ms the first time, and a start shows the file.
    from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: PLC0415
    from PySide6.QtGui import QColor, QFont, QPainter, QPen  # noqa: PLC0415

    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(_COLORS[state]))
    painter.drawEllipse(QRectF(2, 2, size - 4, size - 4))
    painter.setBrush(QColor("white"))
    painter.drawPath(_handset(size))
    if state == TrayState.OFFLINE:
        painter.setPen(QPen(QColor("#ffcdd2"), size / 10, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(size * 0.2, size * 0.8), QPointF(size * 0.8, size * 0.2))
    elif state == TrayState.DND:
        painter.setBrush(QColor("white"))
        painter.drawRoundedRect(QRectF(size * 0.18, size * 0.43, size * 0.64, size * 0.14), 3, 3)
    if missed > 0:
        badge = QRectF(size * 0.5, 0, size * 0.5, size * 0.5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#d50000"))
        painter.drawEllipse(badge)
        painter.setPen(QColor("white"))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(size * 0.3))
        painter.setFont(font)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(missed) if missed < 10 else "9+")
    painter.end()
    return QIcon(pixmap)
