"""The caller card near the tray: who is calling, and one click to the CRM.

It never takes keyboard focus, shows every text as plain text (caller names are hostile input),
and at most three cards stack; a fourth replaces the oldest.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_client.core.calls import ACTIONS_BY_STATE, CallAction, CallerCard, CallState
from desktop_client.core.contacts import Match
from desktop_client.ui.texts import (
    channel_label,
    last_call_label,
    place_label,
    type_label,
)

MAX_CARDS = 3
CARD_WIDTH = 340
MARGIN = 12


def _label(text: str, object_name: str, style: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if style:
        label.setStyleSheet(style)
    return label


class CallerCardWidget(QWidget):
    """One ringing call."""

    open_crm = Signal(object)  # Match
    call_back = Signal(str)
    copy_number = Signal(str)
    add_contact = Signal(str)
    picked = Signal(str, int)  # number, address id
    dismissed = Signal(str)  # call id
    control = Signal(str, str)  # call id, CallAction value

    def __init__(self, card: CallerCard, can_open_crm: bool,
                 actions: frozenset[CallAction] = frozenset(),
                 state: CallState = CallState.RINGING) -> None:
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint |
                         Qt.WindowType.WindowStaysOnTopHint |
                         Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("callerCard")
        self.setStyleSheet("#callerCard { background: #fafafa; border: 1px solid #9e9e9e; }")
        self.setFixedWidth(CARD_WIDTH)
        self.card = card
        self._can_open_crm = can_open_crm
        #: What the phone link can do with this call; the state decides what shows now.
        self.call_actions = actions
        self.state = state
        layout = QVBoxLayout(self)
        self.heading = _label(self.tr("Incoming call"), "heading", "color: #616161;")
        self.setWindowTitle(self.heading.text())  # for screen readers and window tools
        layout.addWidget(self.heading)
        self.title = _label("", "title", "font-size: 14pt; font-weight: bold;")
        self.subtitle = _label("", "subtitle")
        self.number = _label(card.display_number or self.tr("Number withheld"), "number")
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.number)
        self.choices = QListWidget()
        self.choices.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.choices.setVisible(False)
        self.choices.itemClicked.connect(self._pick)
        layout.addWidget(self.choices)
        if card.last_calls:
            calls = "\n".join(last_call_label(call) for call in card.last_calls)
            layout.addWidget(_label(self.tr("Last calls:") + "\n" + calls,
                                    "lastCalls", "color: #616161;"))
        # Call control first, where the phone link can do it: [Answer][Decline] while it
        # rings, [Hang up][Transfer…] once it is answered; what the phone said below it.
        control = QHBoxLayout()
        self.control_buttons = {
            CallAction.ANSWER: self._button(self.tr("Answer"), control),
            CallAction.DECLINE: self._button(self.tr("Decline"), control),
            CallAction.HANGUP: self._button(self.tr("Hang up"), control),
            CallAction.TRANSFER: self._button(self.tr("Transfer…"), control),
        }
        self.control_buttons[CallAction.ANSWER].setStyleSheet(
            "font-weight: bold; color: #1b5e20;")
        for action, button in self.control_buttons.items():
            button.setObjectName(f"control-{action.value}")
            button.clicked.connect(lambda _=False, a=action: self._control(a))
        layout.addLayout(control)
        self.result = _label("", "result")
        self.result.setVisible(False)
        layout.addWidget(self.result)
        # The same two rows on every card: [Call back][Open in CRM | Add contact] and
        # [Copy number][Dismiss]; a button that does not apply leaves its place empty.
        first, second = QHBoxLayout(), QHBoxLayout()
        self.call_button = self._button(self.tr("Call back"), first)
        self.call_button.clicked.connect(lambda: self.call_back.emit(card.e164 or card.number))
        slot = QWidget()
        slot_row = QHBoxLayout(slot)
        slot_row.setContentsMargins(0, 0, 0, 0)
        first.addWidget(slot, 1)
        self.crm_button = self._button(self.tr("Open in CRM"), slot_row)
        self.crm_button.clicked.connect(self._open_crm)
        self.add_button = self._button(self.tr("Add contact"), slot_row)
        self.add_button.clicked.connect(lambda: self.add_contact.emit(card.e164 or card.number))
        self.copy_button = self._button(self.tr("Copy number"), second)
        self.copy_button.clicked.connect(lambda: self.copy_number.emit(card.e164 or card.number))
        self.dismiss_button = self._button(self.tr("Dismiss"), second)
        self.dismiss_button.clicked.connect(self._dismiss)
        for button in (self.call_button, self.copy_button):
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            button.setSizePolicy(policy)
        layout.addLayout(first)
        layout.addLayout(second)
        self._fill()
        self.set_state(state)

    def set_state(self, state: CallState) -> bool:
        """The call rings or is answered: the control buttons that apply now. False when
        there is nothing left to do with the call from here."""
        self.state = state
        allowed = self.call_actions & ACTIONS_BY_STATE[state]
        for action, button in self.control_buttons.items():
            button.setVisible(action in allowed)
            button.setEnabled(True)
        if allowed:  # the call is here to answer or to hang up: calling back makes no sense
            policy = self.call_button.sizePolicy()
            policy.setRetainSizeWhenHidden(False)  # and its place need not be kept
            self.call_button.setSizePolicy(policy)
            self.call_button.setVisible(False)
        if state == CallState.ANSWERED:
            self.heading.setText(self.tr("Call in progress"))
        return bool(allowed)

    def _control(self, action: CallAction) -> None:
        if action != CallAction.TRANSFER:  # a transfer waits for its target first
            self.show_busy()
        self.control.emit(self.card.call_id, action.value)

    def show_busy(self) -> None:
        """A request is with the phone system: one at a time; its answer enables them."""
        for button in self.control_buttons.values():
            button.setEnabled(False)
        self.show_result(self.tr("Asking the phone…"), error=False)

    def show_result(self, text: str, *, error: bool) -> None:
        """What the phone system said to the last request (plain text, its own words)."""
        self.result.setText(text)
        self.result.setStyleSheet("color: #c62828;" if error else "color: #616161;")
        self.result.setVisible(bool(text))
        if error:
            for button in self.control_buttons.values():
                button.setEnabled(True)
        self.adjustSize()

    def _button(self, text: str, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row.addWidget(button, 1)
        return button

    def _fill(self) -> None:
        card = self.card
        has_number = bool(card.e164 or card.number)
        self.copy_button.setVisible(has_number)
        self.call_button.setVisible(has_number)
        self.add_button.setVisible(has_number and not card.known)
        if card.anonymous:
            self.title.setText(card.remote_name or self.tr("Unknown caller"))
            self.subtitle.setText(self.tr("The caller withheld the number"))
            self.crm_button.setVisible(False)
            return
        if not card.known:
            self.title.setText(card.remote_name or self.tr("Unknown caller"))
            place = place_label(card.place, card.region)
            where = f"{place} · " if place else ""
            self.subtitle.setText(where + type_label(card.type))
            self.crm_button.setVisible(False)
            return
        if len(card.matches) > 1 and card.chosen is None:
            self.title.setText(self.tr("%n possible contacts", "", len(card.matches)))
            self.subtitle.setText(self.tr("Pick the right one; it is remembered for this "
                                          "number."))
            for index, match in enumerate(card.matches):
                item = QListWidgetItem(self._describe(match))
                item.setData(Qt.ItemDataRole.UserRole, index)
                self.choices.addItem(item)
            self.choices.setVisible(True)
            self.choices.setFixedHeight(min(5, len(card.matches)) * 22 + 6)
            self.crm_button.setVisible(False)
            return
        self._show_match(card.matches[card.chosen or 0])

    def _describe(self, match: Match) -> str:
        address = match.address
        company = f", {address.company}" if address.kind == "person" and address.company else ""
        return f"{address.display_name}{company} ({channel_label(match.channel.kind)})"

    def _show_match(self, match: Match) -> None:
        address = match.address
        self.selected = match
        self.title.setText(address.display_name)
        parts = []
        if address.kind == "person" and address.company:
            parts.append(address.company)
        if match.quality == "probable":
            parts.append(self.tr("probably, by the company's number"))
        else:
            parts.append(channel_label(match.channel.kind))
        self.subtitle.setText(" · ".join(parts))
        self.choices.setVisible(False)
        self.crm_button.setVisible(self._can_open_crm or bool(address.link_url))

    def _pick(self, item: QListWidgetItem) -> None:
        match = self.card.matches[int(item.data(Qt.ItemDataRole.UserRole))]
        self.picked.emit(self.card.e164 or self.card.number, match.address.id)
        self._show_match(match)
        self.adjustSize()

    def _open_crm(self) -> None:
        match = getattr(self, "selected", None)
        if match is not None:
            self.open_crm.emit(match)

    def _dismiss(self) -> None:
        self.dismissed.emit(self.card.call_id)
        self.close()


class PopupStack(QObject):
    """At most three cards, stacked from the corner of the screen where the tray icon is
    (top right under a top panel, bottom right above a task bar …)."""

    def __init__(self, can_open_crm: bool = False, parent: QObject | None = None, *,
                 anchor: Callable[[], QRect] | None = None) -> None:
        super().__init__(parent)
        self.cards: dict[str, CallerCardWidget] = {}
        self._tokens = itertools.count(1)
        self.can_open_crm = can_open_crm
        #: The tray icon's geometry on screen (empty where there is no tray).
        self._anchor = anchor or QRect

    def show_card(self, card: CallerCard,
                  actions: frozenset[CallAction] = frozenset()) -> CallerCardWidget:
        """Show a card for a ringing call (replacing the oldest if three are up)."""
        if card.call_id in self.cards:
            self.close_call(card.call_id)
        while len(self.cards) >= MAX_CARDS:
            self.close_call(next(iter(self.cards)))
        widget = self._widget(card, actions)
        self.cards[card.call_id] = widget
        widget.adjustSize()
        self._place()
        widget.show()
        return widget

    def update_card(self, card: CallerCard) -> CallerCardWidget | None:
        """A card learnt more (a directory server answered): shown in the old one's place.
        None when the call's card is gone already."""
        old = self.cards.get(card.call_id)
        if old is None:
            return None
        widget = self._widget(card, old.call_actions, old.state)
        self.cards[card.call_id] = widget  # the same key: the same place in the stack
        old.close()  # its destroyed() forgets only itself, not the new card
        widget.adjustSize()
        self._place()
        widget.show()
        return widget

    def answered(self, call_id: str) -> None:
        """The call was answered: its card stays where it can still hang up or transfer."""
        widget = self.cards.get(call_id)
        if widget is not None and not widget.set_state(CallState.ANSWERED):
            self.close_call(call_id)
        elif widget is not None:
            widget.adjustSize()
            self._place()

    def close_call(self, call_id: str) -> None:
        """The call ended (or was answered where the card can do nothing more): it goes."""
        widget = self.cards.pop(call_id, None)
        if widget is not None:
            widget.close()
            self._place()

    def close_all(self) -> None:
        """On quit."""
        for call_id in list(self.cards):
            self.close_call(call_id)

    def _widget(self, card: CallerCard, actions: frozenset[CallAction] = frozenset(),
                state: CallState = CallState.RINGING) -> CallerCardWidget:
        widget = CallerCardWidget(card, self.can_open_crm, actions, state)
        # Each widget its own token: a replaced card's end must not forget its successor.
        token = next(self._tokens)
        widget.setProperty("stackToken", token)
        widget.destroyed.connect(lambda _obj=None, cid=card.call_id: self._forget(cid, token))
        widget.dismissed.connect(lambda cid: self._forget(cid, token))
        return widget

    def _forget(self, call_id: str, token: int) -> None:
        widget = self.cards.get(call_id)
        if widget is not None and widget.property("stackToken") == token:
            del self.cards[call_id]
            self._place()

    def corner(self) -> tuple[bool, bool]:
        """(top, left): the screen corner the cards stack from, the tray icon's one."""
        icon = self._anchor()
        screen = QGuiApplication.screenAt(icon.center()) if icon.isValid() else None
        area = (screen or QGuiApplication.primaryScreen()).geometry()
        if not icon.isValid():
            return False, False  # no tray: bottom right, where notifications usually are
        return icon.center().y() < area.center().y(), icon.center().x() < area.center().x()

    def _place(self) -> None:
        icon = self._anchor()
        screen = QGuiApplication.screenAt(icon.center()) if icon.isValid() else None
        area = (screen or QGuiApplication.primaryScreen()).availableGeometry()
        top, left = self.corner()
        x = area.left() + MARGIN if left else area.right() - CARD_WIDTH - MARGIN
        edge = area.top() + MARGIN if top else area.bottom() - MARGIN
        for widget in self.cards.values():
            height = widget.sizeHint().height()
            widget.move(QPoint(x, edge if top else edge - height))
            edge = edge + height + MARGIN // 2 if top else edge - height - MARGIN // 2
