"""Settings as pages, generated from the one declarative schema (core/core_settings.py and
the phone systems' parts, joined in desktop_client/settings.py).

General, Dialling, Incoming calls, Directory, Journal: a list on the left, the page on the
right (the way KDE's System Settings and Vorta's tabs do it), each page scrolling inside the
dialog so that Save and Cancel stay on screen at 1280x720. The Dialling page shows only the
chosen phone system's fields, its password and the Test button. Every choice is shown by a
translated label; the value stored in config.toml stays the schema's.

The dialog never touches config.toml or the keyring itself: it gets the current Config, the
keyring's status and a backend test through its constructor, and hands a validated Config to
``on_save``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal, SignalInstance
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_client.core.config import Config, ConfigError, Value
from desktop_client.core.secrets import KeyringStatus
from desktop_client.ui.settings_directory import DirectoryExtras, DirectoryTest
from desktop_client.ui.settings_fields import SourceChecks, editor_for
from desktop_client.ui.settings_texts import (
    PAGE_TITLES,
    preset_command,
    secret_fields,
    section_title,
    translated,
)

HIDDEN = {"app.register_asked", "app.setup_done"}
#: Which page the sections of the schema are on, by the first part of their name
#: ([cti.fritzbox] is with [cti]; [backends.*] are the phone pages of "Dialling").
PAGES = {
    "location": "general", "ui": "general", "app": "general",
    "dial": "dialling", "backends": "dialling",
    "cti": "incoming", "popup": "incoming",
    "directory": "directory",
    "journal": "journal",
}
PAGE_ORDER = ("general", "dialling", "incoming", "directory", "journal")
ERROR_STYLE = "color: #c62828;"


class SettingsDialog(QDialog):
    """Edit every setting of the schema; Save validates and hands the Config on."""

    test_done = Signal(str)

    def __init__(self, config: Config, keyring_status: KeyringStatus,
                 on_save: Callable[[Config], None], *,
                 test_backend: Callable[[Config], str] | None = None,
                 setups: Sequence[tuple[str, str]] = (),
                 save_secret: Callable[[str, str], str] | None = None,
                 open_assistant: Callable[[], None] | None = None,
                 test_directory: DirectoryTest | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Settings", "Settings"))
        self._open_assistant = open_assistant
        self._config = config
        #: Every setting, secret and section title the dialog shows (the config's).
        self.schema = config.schema
        self._on_save = on_save
        self._test_backend = test_backend
        self._save_secret = save_secret
        self.editors: dict[str, QWidget] = {}
        self.secrets: dict[str, QLineEdit] = {}
        self.page_of: dict[str, int] = {}
        self._sections: dict[str, QFormLayout] = {}
        self._backend_forms: dict[str, QFormLayout] = {}
        self._page_contents: list[QWidget] = []
        self.pages = QStackedWidget()
        self.page_list = QListWidget()
        self.page_list.setObjectName("pages")
        forms = {page: self._page(page) for page in PAGE_ORDER}
        self.backend_pages = QStackedWidget()
        self.backend_index: dict[str, int] = {}
        for setting in config.schema.settings:
            if setting.name in HIDDEN:
                continue
            editor = editor_for(setting, config.of(setting))
            editor.setObjectName(setting.name)
            if setting.help:
                editor.setToolTip(translated(setting.help))
            self.editors[setting.name] = editor
            if setting.section.startswith("backends."):
                backend = setting.section.split(".", 1)[1]
                form = self._backend_forms.get(backend) or self._backend_page(backend)
                self.page_of[setting.name] = PAGE_ORDER.index("dialling")
            else:
                page = _page_of(setting.section)
                form = self._section(forms[page], setting.section)
                self.page_of[setting.name] = PAGE_ORDER.index(page)
            form.addRow(translated(setting.label), editor)
        self._dialling_extras(forms["dialling"], keyring_status)
        if open_assistant is not None:
            self.assistant_button = QPushButton(QCoreApplication.translate(
                "Settings", "Setup assistant…"))
            self.assistant_button.clicked.connect(self._assistant)
            forms["general"].addWidget(self.assistant_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._incoming_extras(forms["incoming"], setups)
        self.directory = DirectoryExtras(
            self, forms["directory"], self._sections,
            secrets_usable=keyring_status.usable and save_secret is not None,
            test=test_directory)
        self.secrets.update(self.directory.fields)
        self._align_labels()
        self.page_list.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.page_list.setCurrentRow(0)
        self.page_list.setFixedWidth(self.page_list.sizeHintForColumn(0) + 24)
        #: The editor of the value refused last (its change clears the refusal).
        self._refused: QWidget | None = None
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.page_list)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._fit_to_screen()

    # -- building ---------------------------------------------------------------------------

    def _page(self, page: str) -> QVBoxLayout:
        self.page_list.addItem(translated(PAGE_TITLES[page]))
        content = QWidget()
        content.setObjectName(f"page-{page}")
        column = QVBoxLayout(content)
        column.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        self.pages.addWidget(scroll)
        self._page_contents.append(content)
        return column

    def _section(self, column: QVBoxLayout, section: str) -> QFormLayout:
        form = self._sections.get(section)
        if form is None:
            box = QGroupBox(section_title(self.schema, section))
            box.setObjectName(f"section-{section}")
            form = self._sections[section] = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
            column.addWidget(box)
        return form

    def _backend_page(self, backend: str) -> QFormLayout:
        box = QGroupBox(section_title(self.schema, f"backends.{backend}"))
        box.setObjectName(f"section-backends.{backend}")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.backend_index[backend] = self.backend_pages.addWidget(box)
        self._backend_forms[backend] = form
        return form

    def _dialling_extras(self, column: QVBoxLayout, keyring_status: KeyringStatus) -> None:
        column.addWidget(self.backend_pages)
        for section, key, label in secret_fields(self.schema, "backends."):
            field = QLineEdit()
            field.setObjectName(key)
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setPlaceholderText(QCoreApplication.translate(
                "Settings", "kept in the keyring; empty: unchanged"))
            field.setEnabled(keyring_status.usable and self._save_secret is not None)
            self._backend_forms[section.removeprefix("backends.")].addRow(label, field)
            self.secrets[key] = field
        self.preset_command = QLabel()
        self.preset_command.setObjectName("preset-command")
        self.preset_command.setWordWrap(False)
        self.preset_command.setTextFormat(Qt.TextFormat.PlainText)
        self._backend_forms["command"].insertRow(1, "", self.preset_command)
        preset = self.editors["backends.command.preset"]
        assert isinstance(preset, QComboBox)
        preset.currentIndexChanged.connect(self._show_preset)
        self._show_preset()
        self.keyring_label = QLabel(self._keyring_text(keyring_status))
        self.keyring_label.setWordWrap(True)
        self.keyring_label.setTextFormat(Qt.TextFormat.PlainText)
        if not keyring_status.usable and (keyring_status.backend or keyring_status.problem):
            self.keyring_label.setStyleSheet(ERROR_STYLE)
        column.addWidget(self.keyring_label)
        self.test_button = QPushButton(
            QCoreApplication.translate("Settings", "Test phone connection"))
        self.test_button.setEnabled(self._test_backend is not None)
        self.test_button.clicked.connect(self._test)
        self.test_done.connect(self._tested)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.test_result, 1)
        column.addLayout(row)
        chooser = self.editors["dial.backend"]
        assert isinstance(chooser, QComboBox)
        chooser.currentIndexChanged.connect(self._show_backend)
        self._show_backend()

    def _incoming_extras(self, column: QVBoxLayout, setups: Sequence[tuple[str, str]]) -> None:
        """What the phone systems ask the user to set on their phones (the action URLs)."""
        for title, text in setups:
            column.addWidget(QLabel(translated(title)))
            shown = QPlainTextEdit(text)
            shown.setReadOnly(True)
            shown.setFixedHeight(110)
            column.addWidget(shown)

    def _align_labels(self) -> None:
        """One label column per page: the forms of a page line up."""
        by_page: dict[int, list[QWidget]] = {}
        forms = [(PAGE_ORDER.index(_page_of(section)), form)
                 for section, form in self._sections.items()]
        forms += [(PAGE_ORDER.index("dialling"), form) for form in self._backend_forms.values()]
        for page, form in forms:
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                label = item.widget() if item is not None else None
                if label is not None:
                    by_page.setdefault(page, []).append(label)
        for labels in by_page.values():
            width = max(label.sizeHint().width() for label in labels)
            for label in labels:
                label.setMinimumWidth(width)

    def _fit_to_screen(self) -> None:
        """Never taller or wider than the screen's available area (pages scroll inside)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        widest = max(self._page_contents[i].minimumSizeHint().width()
                     for i in range(len(self._page_contents)))
        width = max(720, self.page_list.width() + widest + 80)
        height = 560
        if screen is not None:
            area = screen.availableGeometry()
            width = min(width, area.width() - 40)
            height = min(height, area.height() - 60)
            self.setMaximumSize(area.width(), area.height())
        self.resize(width, height)

    def set_keyring_status(self, status: KeyringStatus) -> None:
        """The keyring answered (asked in the background): passwords can be typed if usable."""
        usable = status.usable and self._save_secret is not None
        for field in self.secrets.values():
            field.setEnabled(usable)
        self.keyring_label.setText(self._keyring_text(status))
        self.keyring_label.setStyleSheet("" if status.usable else ERROR_STYLE)

    @staticmethod
    def _keyring_text(status: KeyringStatus) -> str:
        if not (status.usable or status.backend or status.problem):
            return QCoreApplication.translate("Settings", "Asking the system keyring…")
        if status.usable:
            text = QCoreApplication.translate(
                "Settings", "Passwords are kept in the system keyring (%1).")
            return text.replace("%1", status.backend)
        text = QCoreApplication.translate("Settings", "Passwords cannot be stored: %1")
        return text.replace("%1", translated(status.problem))

    # -- reacting ---------------------------------------------------------------------------

    def _show_backend(self) -> None:
        backend = self.editors["dial.backend"]
        assert isinstance(backend, QComboBox)
        index = self.backend_index.get(str(backend.currentData()))
        self.backend_pages.setVisible(index is not None)
        if index is not None:
            self.backend_pages.setCurrentIndex(index)

    def _show_preset(self) -> None:
        preset = self.editors["backends.command.preset"]
        assert isinstance(preset, QComboBox)
        name = str(preset.currentData())
        argv = self.editors["backends.command.argv"]
        argv.setEnabled(not name)
        if name:
            self.preset_command.setText(QCoreApplication.translate(
                "Settings", "Runs: %1").replace("%1", preset_command(name)))
        else:
            self.preset_command.setText(QCoreApplication.translate(
                "Settings", "Runs the program and arguments below."))

    def values(self) -> dict[str, Value]:
        """What the editors hold now (in the schema's values, not the shown labels)."""
        result: dict[str, Value] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QCheckBox):
                result[name] = editor.isChecked()
            elif isinstance(editor, QSpinBox):
                result[name] = editor.value()
            elif isinstance(editor, SourceChecks):
                result[name] = editor.chosen()
            elif isinstance(editor, QPlainTextEdit):
                result[name] = tuple(
                    line.strip() for line in editor.toPlainText().splitlines() if line.strip())
            elif isinstance(editor, QComboBox):
                result[name] = str(editor.currentData())
            elif isinstance(editor, QLineEdit):
                result[name] = editor.text().strip()
        return result

    def edited_config(self) -> Config:
        """A validated Config from the editors; raises ConfigError, and shows the field."""
        config = self._config
        for name, value in self.values().items():
            try:
                config = config.with_values(**{name.replace(".", "__"): value})
            except ConfigError as error:
                self._point_at(name)
                raise ConfigError(
                    f"{translated(self.schema.setting(name).label)}: {error}") from None
        _location, problems = config.checked_location()
        if problems:  # what the user typed is refused here, not replaced by a default
            # "[location] country in config.toml: unknown country code 'XX'; using the
            # default 'CH'": here the value came from this dialog, so the field is named.
            name = f"location.{problems[0].split(' ', 2)[1]}"
            reason = problems[0].split(": ", 1)[1].split("; using the default")[0]
            self._point_at(name)
            raise ConfigError(f"{translated(self.schema.setting(name).label)}: {reason}")
        return config

    def _point_at(self, name: str) -> None:
        """Open the page of a refused field and put the cursor there; the mark and the
        message go as soon as the user changes that field."""
        for other in self.editors.values():
            other.setStyleSheet("")
        page = self.page_of.get(name)
        if page is not None:
            self.page_list.setCurrentRow(page)
        editor = self.editors.get(name)
        if editor is not None:
            editor.setStyleSheet("border: 1px solid #c62828;")
            editor.setFocus()
            changed = _changed_signal(editor)
            if changed is not None:
                changed.connect(self._clear_refusal, Qt.ConnectionType.UniqueConnection)
        self._refused = editor

    def _clear_refusal(self) -> None:
        if self.sender() is not self._refused:
            return  # a field refused before and corrected since: not the one refused now
        self._refused = None
        self.error.clear()
        for editor in self.editors.values():
            editor.setStyleSheet("")

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

    def _assistant(self) -> None:
        self.reject()  # the assistant saves its own choice
        assert self._open_assistant is not None
        self._open_assistant()

    def _tested(self, message: str) -> None:
        self.test_button.setEnabled(True)
        self.test_result.setText(message)


def _page_of(section: str) -> str:
    return PAGES.get(section.split(".", 1)[0], "general")


def _changed_signal(editor: QWidget) -> SignalInstance | None:
    """The signal an editor gives when the user changes its value."""
    if isinstance(editor, QLineEdit):
        return editor.textEdited
    if isinstance(editor, QComboBox):
        return editor.currentIndexChanged
    if isinstance(editor, QSpinBox):
        return editor.valueChanged
    if isinstance(editor, QCheckBox):
        return editor.toggled
    if isinstance(editor, QPlainTextEdit):
        return editor.textChanged
    return None
