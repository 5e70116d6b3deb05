"""The call journal window: filter, search, redial, open the address, export."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_client.core.journal import JournalEntry
from desktop_client.ui.texts import outcome_label


@dataclass(frozen=True, slots=True)
class JournalFilter:
    """What the user filters by."""

    direction: str = ""
    state: str = ""
    since: str = ""
    text: str = ""


@dataclass(frozen=True)
class JournalServices:
    """What the window may do; the composition root provides it."""

    query: Callable[[JournalFilter], list[JournalEntry]]
    redial: Callable[[str], None]
    open_address: Callable[[JournalEntry], bool]
    mark_seen: Callable[[], None]
    export: Callable[[list[JournalEntry], str], None]


class JournalWindow(QWidget):
    """All calls, newest first."""

    COLUMNS = 6

    def __init__(self, services: JournalServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Call journal"))
        self.resize(760, 420)
        self._services = services
        self.entries: list[JournalEntry] = []
        self.direction = QComboBox()
        for label, value in ((self.tr("All calls"), ""), (self.tr("Incoming"), "incoming"),
                             (self.tr("Outgoing"), "outgoing")):
            self.direction.addItem(label, value)
        self.state = QComboBox()
        for label, value in ((self.tr("Any state"), ""), (self.tr("Missed"), "missed"),
                             (self.tr("Answered"), "answered"), (self.tr("Dialled"), "dialled"),
                             (self.tr("Failed"), "failed")):
            self.state.addItem(label, value)
        self.period = QComboBox()
        for label, days in ((self.tr("Any time"), 0), (self.tr("Today"), 1),
                            (self.tr("Last 7 days"), 7), (self.tr("Last 30 days"), 30)):
            self.period.addItem(label, days)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name or number"))
        self.search.setClearButtonEnabled(True)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Direction"),
                                              self.tr("State"), self.tr("Name"),
                                              self.tr("Number"), self.tr("Duration")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.itemDoubleClicked.connect(lambda _item: self._redial())
        self.redial_button = QPushButton(self.tr("Redial"))
        self.redial_button.clicked.connect(self._redial)
        self.open_button = QPushButton(self.tr("Open address"))
        self.open_button.clicked.connect(self._open)
        self.seen_button = QPushButton(self.tr("Mark missed calls as seen"))
        self.seen_button.clicked.connect(self._mark_seen)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.clicked.connect(self._export)
        filters = QHBoxLayout()
        for widget in (self.direction, self.state, self.period, self.search):
            filters.addWidget(widget)
        buttons = QHBoxLayout()
        for button in (self.redial_button, self.open_button, self.seen_button,
                       self.export_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.refresh)
        for combo in (self.direction, self.state, self.period):
            combo.currentIndexChanged.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.refresh()

    def current_filter(self) -> JournalFilter:
        """The filter the controls show."""
        days = int(self.period.currentData())
        since = ""
        if days:
            start = datetime.now(UTC) - timedelta(days=days)
            since = start.replace(microsecond=0).isoformat()
        return JournalFilter(str(self.direction.currentData()), str(self.state.currentData()),
                             since, self.search.text().strip())

    def refresh(self) -> None:
        """Query again and fill the table."""
        self.entries = self._services.query(self.current_filter())
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            local = datetime.fromisoformat(entry.started_at).astimezone()
            cells = (local.strftime("%Y-%m-%d %H:%M"),
                     self.tr("in") if entry.direction == "incoming" else self.tr("out"),
                     outcome_label(entry), entry.contact_name,
                     entry.e164 or entry.number,
                     f"{entry.duration_s // 60}:{entry.duration_s % 60:02d}"
                     if entry.duration_s else "")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)  # plain text: names are caller input
                if entry.state == "missed":
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(row, column, item)

    def selected(self) -> JournalEntry | None:
        """The selected call."""
        row = self.table.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _redial(self) -> None:
        entry = self.selected()
        if entry is not None:
            self._services.redial(entry.e164 or entry.number)

    def _open(self) -> None:
        entry = self.selected()
        if entry is not None:
            self._services.open_address(entry)

    def _mark_seen(self) -> None:
        self._services.mark_seen()
        self.refresh()

    def _export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export calls"),
                                                    "calls.csv", "CSV (*.csv)")
        if path:
            self._services.export(self.entries, path)
