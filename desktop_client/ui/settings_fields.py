"""The fields of the Settings dialog, one per kind of setting in the schema."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_client.core.config import Setting, Value
from desktop_client.ui.settings_texts import choice_label, translated


def editor_for(setting: Setting, value: Value) -> QWidget:
    """The field for one setting of the schema, holding ``value``."""
    if isinstance(value, bool):
        box = QCheckBox()
        box.setChecked(value)
        return box
    if isinstance(value, int):
        spin = QSpinBox()
        spin.setRange(setting.minimum, setting.maximum)
        spin.setValue(value)
        return spin
    if setting.name in CHECKED_LISTS:
        return SourceChecks(value if isinstance(value, tuple) else (),
                            tuple((choice, setting.choice_label(choice))
                                  for choice in setting.choices))
    if isinstance(value, tuple):
        lines = QPlainTextEdit("\n".join(value))
        lines.setFixedHeight(70)
        return lines
    if setting.choices:
        combo = QComboBox()
        # Long labels (German) must not widen the page: the popup shows them whole.
        combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(18)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for choice in setting.choices:
            combo.addItem(choice_label(setting, choice), choice)
        combo.setCurrentIndex(max(0, combo.findData(value)))
        return combo
    field = QLineEdit(value)
    field.setCursorPosition(0)  # a long value (an LDAP filter) shows its start
    return field


#: List settings shown as check boxes, one per choice.
CHECKED_LISTS = {"cti.sources", "directory.sources"}


class SourceChecks(QWidget):
    """A list of sources as check boxes ([cti] sources, [directory] sources). Those chosen
    keep their order (the lookup order); newly ticked ones follow in the boxes' order."""

    def __init__(self, chosen: tuple[str, ...], choices: tuple[tuple[str, str], ...]) -> None:
        """``choices``: (name, untranslated label) of each box."""
        super().__init__()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self._order = chosen
        self.boxes: dict[str, QCheckBox] = {}
        for source, label in choices:
            box = QCheckBox(translated(label))
            box.setObjectName(f"source-{source}")
            box.setChecked(source in chosen)
            column.addWidget(box)
            self.boxes[source] = box

    def chosen(self) -> tuple[str, ...]:
        """The sources ticked, in the schema's names."""
        ticked = {s for s, box in self.boxes.items() if box.isChecked()}
        kept = [s for s in self._order if s in ticked]
        return (*kept, *(s for s in self.boxes if s in ticked and s not in kept))
