"""The first-run assistant: from a fresh install to a phone that dials, without a file.

It shows what was found on this PC (the composition root looks: baresip, linphone, softphone
programs), lets the user pick one and test it, offers to open tel:/callto: links and to start
at login, and hands the choice back. Anything else is set up in Settings, one click away.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_client.phones.discovery import Finding


@dataclass(frozen=True)
class SetupChoice:
    """What the user chose: a finding (or None: set up in Settings), and the two offers."""

    finding: Finding | None
    register: bool
    autostart: bool
    selection_key: bool = False


class SetupAssistant(QDialog):
    """One page: the phones found, Test, the tel: handler and autostart, Done."""

    tested = Signal(str)
    chosen = Signal(object)  # SetupChoice

    def __init__(self, findings: list[Finding], test: Callable[[Finding], str],
                 keyring_text: str = "", parent: QWidget | None = None, *,
                 missing: list[str] | None = None, shortcut: str = "",
                 shortcut_command: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set up the Telephony Client"))
        self.setMinimumWidth(520)
        self._findings = findings
        self._test = test
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Which phone should dial the numbers you click? Found on this "
                               "PC:") if findings else
                       self.tr("No softphone or phone system was found on this PC (baresip "
                               "with ctrl_tcp, linphone, MicroSIP, Zoiper, Twinkle, Jitsi). "
                               "Desk phones, Asterisk, FreeSWITCH and the FRITZ!Box are set "
                               "up in Settings."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.phones = QListWidget()
        self.phones.setObjectName("phones")
        for finding in findings:
            item = QListWidgetItem(finding.label)
            self.phones.addItem(item)
        other = QListWidgetItem(self.tr("Another phone system: open Settings"))
        self.phones.addItem(other)
        self.phones.setCurrentRow(0)
        self.phones.setFixedHeight(min(6, self.phones.count()) * 24 + 8)
        layout.addWidget(self.phones)
        self.test_button = QPushButton(self.tr("Test"))
        self.test_button.clicked.connect(self._run_test)
        self.result_label = QLabel()
        self.result_label.setObjectName("result")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.test_button)
        layout.addWidget(self.result_label)
        self.phones.currentRowChanged.connect(lambda _row: self.result_label.setText(""))
        self.register_box = QCheckBox(self.tr("Open tel: and callto: links (from your CRM or "
                                              "a web page) with this app"))
        self.register_box.setChecked(True)
        self.autostart_box = QCheckBox(self.tr("Start at login"))
        self.autostart_box.setChecked(True)
        layout.addWidget(self.register_box)
        layout.addWidget(self.autostart_box)
        # Dial the selected text by a key: set up by us where we can (Windows, GNOME),
        # otherwise the command to bind in the desktop's keyboard settings.
        self.selection_box = QCheckBox(self.tr("Dial the number in the selected text with "
                                               "%1, in any program").replace("%1", shortcut))
        self.selection_box.setChecked(bool(shortcut))
        self.selection_box.setVisible(bool(shortcut))
        layout.addWidget(self.selection_box)
        if not shortcut and shortcut_command:
            hint = QLabel(self.tr("To dial the number in the selected text with a key, bind "
                                  "this command in your desktop's keyboard settings:") +
                          "\n" + shortcut_command)
            hint.setObjectName("shortcutHint")
            hint.setWordWrap(True)
            hint.setTextFormat(Qt.TextFormat.PlainText)
            hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(hint)
        if missing and not findings:
            looked = QLabel(self.tr("Looked for and not found:") + "\n" +
                            "\n".join(f"• {line}" for line in missing))
            looked.setObjectName("missing")
            looked.setWordWrap(True)
            looked.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(looked)
        if keyring_text:
            keyring = QLabel(keyring_text)
            keyring.setWordWrap(True)
            keyring.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(keyring)
        buttons = QDialogButtonBox()
        self.done_button = buttons.addButton(self.tr("Done"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._done)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.tested.connect(self._show_test)

    def selected(self) -> Finding | None:
        """The finding picked, or None for "another phone system"."""
        row = self.phones.currentRow()
        return self._findings[row] if 0 <= row < len(self._findings) else None

    def _run_test(self) -> None:
        finding = self.selected()
        if finding is None:
            self.result_label.setText(self.tr("Settings has a Test button for every phone "
                                              "system."))
            return
        self.test_button.setEnabled(False)
        self.result_label.setText(self.tr("Testing…"))
        test = self._test
        # The test may wait for a network answer: off the UI thread, result by queued signal.
        threading.Thread(target=lambda: self.tested.emit(test(finding)), daemon=True).start()

    def _show_test(self, message: str) -> None:
        self.test_button.setEnabled(True)
        self.result_label.setText(message)

    def _done(self) -> None:
        self.chosen.emit(SetupChoice(self.selected(), self.register_box.isChecked(),
                                     self.autostart_box.isChecked(),
                                     self.selection_box.isVisible() and
                                     self.selection_box.isChecked()))
        self.accept()
