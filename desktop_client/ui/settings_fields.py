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
from desktop_client.ui.settings_texts import SOURCE_CHOICES, choice_label, translated


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
    if setting.name == "cti.sources":
        return SourceChecks(value if isinstance(value, tuple) else ())
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
            combo.addItem(choice_label(setting.name, choice), choice)
        combo.setCurrentIndex(max(0, combo.findData(value)))
        return combo
    return QLineEdit(value)


class SourceChecks(QWidget):
    """[cti] sources as check boxes: where incoming calls are reported from."""

    def __init__(self, chosen: tuple[str, ...]) -> None:
        super().__init__()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for source, label in SOURCE_CHOICES:
            box = QCheckBox(translated(label))
            box.setObjectName(f"source-{source}")
            box.setChecked(source in chosen)
            column.addWidget(box)
            self.boxes[source] = box
        self._other = tuple(s for s in chosen if s not in self.boxes)  # kept as they are

    def chosen(self) -> tuple[str, ...]:
        """The sources ticked, in the schema's names."""
        return (*(s for s, box in self.boxes.items() if box.isChecked()), *self._other)
