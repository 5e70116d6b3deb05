""""Normalize phone numbers…": the batch run with a progress bar and a summary.

The run itself is handed in as a callable (the composition root opens its own database
connection for it); it runs off the UI thread and reports through queued signals.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

#: run(progress) -> (checked, normalized, changed, failed, log file)
NormalizeRun = Callable[[Callable[[int, int], None]], tuple[int, int, int, int, str]]


def ask_first(entries: int, addresses: int, country: str,
              parent: QWidget | None = None) -> QMessageBox:
    """Say what the run will do before it starts; the caller starts it on Yes."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("NormalizeProgress",
                                                  "Normalize phone numbers"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(QCoreApplication.translate(
        "NormalizeProgress",
        "Read all %1 phone, mobile and fax entries of %2 addresses again and split "
        "them into country code, region code and number, with %3 as your country?")
        .replace("%1", f"{entries:,}").replace("%2", f"{addresses:,}").replace("%3", country))
    box.setInformativeText(QCoreApplication.translate(
        "NormalizeProgress",
        "Entries that cannot be split keep what was typed, get no normalized form and a "
        "warning in the log file. Nothing else changes."))
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box


class NormalizeProgress(QObject):
    """Shows progress while the run goes on, then the summary."""

    progressed = Signal(int, int)
    finished = Signal(object)  # the summary tuple, or an Exception

    def __init__(self, run: NormalizeRun, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._run = run
        self.dialog = QProgressDialog(self.tr("Normalizing phone numbers…"), "", 0, 0, parent)
        self.dialog.setWindowTitle(self.tr("Normalize phone numbers"))
        self.dialog.setCancelButton(None)
        self.dialog.setMinimumDuration(0)
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.progressed.connect(self._progress)
        self.finished.connect(self._done)
        self.summary: QMessageBox | None = None

    def start(self) -> None:
        """Start the run in a worker thread."""
        self.dialog.show()
        threading.Thread(target=self._work, daemon=True, name="normalize-run").start()

    def _work(self) -> None:
        try:
            result: object = self._run(self.progressed.emit)
        except Exception as error:  # reported to the user, not lost in a thread
            result = error
        self.finished.emit(result)

    def _progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(done)

    def _done(self, result: object) -> None:
        self.dialog.reset()
        self.dialog.close()
        if isinstance(result, Exception):
            text = self.tr("The run failed: %1").replace("%1", str(result))
        else:
            assert isinstance(result, tuple)
            checked, normalized, changed, failed, log_file = result
            text = self.tr("%1 entries checked, %2 normalized, %3 changed, %4 could not be "
                           "normalized.").replace("%1", str(checked)).replace(
                "%2", str(normalized)).replace("%3", str(changed)).replace("%4", str(failed))
            if failed:
                text += "\n" + self.tr("Each problem entry is listed in the log file %1.").replace(
                    "%1", log_file)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Normalize phone numbers"), text)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.summary = box
        box.open()
