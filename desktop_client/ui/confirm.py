"""Ask before dialling a risky number: the number, its type and who asked, in plain text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop_client.core.numbers import Risk
from desktop_client.outgoing.policy import Decision
from desktop_client.ui.texts import risk_label, source_label, target_label


class ConfirmDialog(QDialog):
    """Dial / Cancel, with Cancel as the default."""

    def __init__(self, decision: Decision, contact: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        target = decision.target
        assert target is not None
        emergency = Risk.EMERGENCY in target.risk
        self.setWindowTitle(self.tr("Emergency call?") if emergency
                            else self.tr("Dial this number?"))
        kinds = ", ".join(risk_label(r) for r in sorted(target.risk)) or self.tr("number")
        number = QLabel(target_label(target) + (f"  ({contact})" if contact else ""))
        number.setObjectName("number")
        number.setTextFormat(Qt.TextFormat.PlainText)
        number.setStyleSheet("font-size: 16pt; font-weight: bold;")
        what = QLabel(self.tr("What kind of number: %1").replace("%1", kinds))
        what.setTextFormat(Qt.TextFormat.PlainText)
        what.setObjectName("kind")
        origin = QLabel(self.tr("Requested by %1.").replace("%1", source_label(decision.source)))
        origin.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox()
        self.dial_button = buttons.addButton(
            self.tr("Call emergency number") if emergency else self.tr("Dial"),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setDefault(True)
        self.cancel_button.setFocus()
        self.dial_button.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (number, what, origin):
            layout.addWidget(widget)
        layout.addWidget(buttons)
