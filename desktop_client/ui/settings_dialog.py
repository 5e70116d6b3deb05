"""Settings, generated from the one declarative schema in core/config.py.

The dialog never touches config.toml or the keyring itself: it gets the current Config, the
keyring's status and a backend test through its constructor, and hands a validated Config to
``on_save``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_client.core.config import SCHEMA, Config, ConfigError, Setting, Value
from desktop_client.core.secrets import KeyringStatus

SECTION_TITLES = {
    "location": "Location", "directory": "Directory", "dial": "Dialling",
    "backends.command": "Softphone program", "backends.baresip": "baresip",
    "backends.handoff": "Hand-over", "cti": "Incoming calls",
    "cti.action_url": "Desk-phone action URLs", "cti.fritzbox": "FRITZ!Box",
    "backends.deskphone": "Desk phone", "backends.ami": "Asterisk (AMI)",
    "backends.fritzbox": "FRITZ!Box dialling", "backends.freeswitch": "FreeSWITCH",
    "popup": "Caller pop-up",
    "journal": "Call journal", "ui": "Appearance", "app": "Start",
}
HIDDEN = {"app.register_asked"}


def _t(text: str) -> str:
    return QCoreApplication.translate("Settings", text)


class SettingsDialog(QDialog):
    """Edit every setting of the schema; Save validates and hands the Config on."""

    test_done = Signal(str)

    def __init__(self, config: Config, keyring_status: KeyringStatus,
                 on_save: Callable[[Config], None], *,
                 test_backend: Callable[[Config], str] | None = None,
                 action_url_templates: str = "",
                 save_secret: Callable[[str, str], str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Settings", "Settings"))
        self._config = config
        self._on_save = on_save
        self._test_backend = test_backend
        self.editors: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        groups: dict[str, QFormLayout] = {}
        for setting in SCHEMA:
            if setting.name in HIDDEN:
                continue
            form = groups.get(setting.section)
            if form is None:
                box = QGroupBox(_t(SECTION_TITLES.get(setting.section, setting.section)))
                form = groups[setting.section] = QFormLayout(box)
                layout.addWidget(box)
            editor = self._editor(setting, config.get(setting.name))
            editor.setToolTip(_t(setting.help) if setting.help else "")
            editor.setObjectName(setting.name)
            self.editors[setting.name] = editor
            form.addRow(_t(setting.label), editor)
        if action_url_templates:
            layout.addWidget(QLabel(QCoreApplication.translate(
                "Settings", "Action URLs to paste into the desk phone:")))
            self.templates = QPlainTextEdit(action_url_templates)
            self.templates.setReadOnly(True)
            self.templates.setFixedHeight(120)
            layout.addWidget(self.templates)
        self._save_secret = save_secret
        self.secrets: dict[str, QLineEdit] = {}
        for key, hint in (
                ("backends.deskphone.password", QCoreApplication.translate(
                    "Settings", "Desk phone password (kept in the keyring; empty: unchanged)")),
                ("backends.fritzbox.password", QCoreApplication.translate(
                    "Settings", "FRITZ!Box password (kept in the keyring; empty: unchanged)")),
                ("backends.freeswitch.password", QCoreApplication.translate(
                    "Settings", "FreeSWITCH event socket password (kept in the keyring; "
                    "empty: unchanged)")),
                ("backends.ami.secret", QCoreApplication.translate(
                    "Settings", "Asterisk manager secret (kept in the keyring; empty: "
                    "unchanged)"))):
            field = QLineEdit()
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setPlaceholderText(hint)
            field.setEnabled(keyring_status.usable and save_secret is not None)
            layout.addWidget(field)
            self.secrets[key] = field
        self.phone_password = self.secrets["backends.deskphone.password"]
        self.keyring_label = QLabel(self._keyring_text(keyring_status))
        self.keyring_label.setWordWrap(True)
        self.keyring_label.setTextFormat(Qt.TextFormat.PlainText)
        if not keyring_status.usable:
            self.keyring_label.setStyleSheet("color: #c62828;")
        layout.addWidget(self.keyring_label)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setTextFormat(Qt.TextFormat.PlainText)
        self.test_button = QPushButton(
            QCoreApplication.translate("Settings", "Test phone connection"))
        self.test_button.setEnabled(test_backend is not None)
        self.test_button.clicked.connect(self._test)
        self.test_done.connect(self._tested)
        layout.addWidget(self.test_button)
        layout.addWidget(self.test_result)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @staticmethod
    def _keyring_text(status: KeyringStatus) -> str:
        if status.usable:
            text = QCoreApplication.translate(
                "Settings", "Passwords are kept in the system keyring (%1).")
            return text.replace("%1", status.backend)
        text = QCoreApplication.translate("Settings", "Passwords cannot be stored: %1")
        return text.replace("%1", status.problem)

    @staticmethod
    def _editor(setting: Setting, value: Value) -> QWidget:
        if isinstance(value, bool):
            box = QCheckBox()
            box.setChecked(value)
            return box
        if isinstance(value, int):
            spin = QSpinBox()
            spin.setRange(0, 65535)
            spin.setValue(value)
            return spin
        if isinstance(value, tuple):
            lines = QPlainTextEdit("\n".join(value))
            lines.setFixedHeight(70)
            return lines
        if setting.choices:
            combo = QComboBox()
            combo.addItems(list(setting.choices))
            combo.setCurrentText(value)
            return combo
        line = QLineEdit(value)
        return line

    def values(self) -> dict[str, Value]:
        """What the editors hold now."""
        result: dict[str, Value] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QCheckBox):
                result[name] = editor.isChecked()
            elif isinstance(editor, QSpinBox):
                result[name] = editor.value()
            elif isinstance(editor, QPlainTextEdit):
                result[name] = tuple(
                    line.strip() for line in editor.toPlainText().splitlines() if line.strip())
            elif isinstance(editor, QComboBox):
                result[name] = editor.currentText()
            elif isinstance(editor, QLineEdit):
                result[name] = editor.text().strip()
        return result

    def edited_config(self) -> Config:
        """A validated Config from the editors; raises ConfigError."""
        changes = {name.replace(".", "__"): value for name, value in self.values().items()}
        config = self._config.with_values(**changes)
        _location, problems = config.checked_location()
        if problems:  # what the user typed is refused here, not replaced by a default
            raise ConfigError(problems[0].split("; using the default")[0])
        return config

    def _save(self) -> None:
        try:
            config = self.edited_config()
        except (ConfigError, ValueError) as error:
            self.error.setText(str(error))
            return
        for key, field in self.secrets.items():
            secret = field.text()
            if secret and self._save_secret is not None:
                problem = self._save_secret(key, secret)
                if problem:
                    self.error.setText(problem)
                    return
                field.clear()
        try:
            self._on_save(config)
        except (ConfigError, ValueError) as error:
            self.error.setText(str(error))
            return
        self.accept()

    def _test(self) -> None:
        if self._test_backend is None:
            return
        try:
            config = self.edited_config()
        except (ConfigError, ValueError) as error:
            self.test_result.setText(str(error))
            return
        self.test_button.setEnabled(False)
        self.test_result.setText(QCoreApplication.translate("Settings", "Testing…"))
        test = self._test_backend
        # The test may wait for a network answer: off the UI thread, result by queued signal.
        threading.Thread(target=lambda: self.test_done.emit(test(config)), daemon=True).start()

    def _tested(self, message: str) -> None:
        self.test_button.setEnabled(True)
        self.test_result.setText(message)
