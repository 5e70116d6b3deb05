"""Where to transfer a call: the Dial… window as "Transfer to…", then the dial policy.

A transfer sends a caller to a number as a dialled call would: the same policy decides (a
premium or emergency number needs the click of the confirmation; a refused input is refused),
and the number is written as the phone system dials it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:  # the dial path loads on the first transfer, not with the tray
    from desktop_client.core.calls import CallerCard
    from desktop_client.outgoing.service import DialService
    from desktop_client.ui.dial_dialog import ContactHit, DialDialog, Preview

log = logging.getLogger("desktop_client.incoming")

#: ``done(target, error)``: the number as the phone system dials it, or why there is none
#: ("" and "" when the user cancelled).
Done = Callable[[str, str], None]


class TransferAsk(QObject):
    """Asks the user for the transfer target of one call at a time."""

    def __init__(self, service: Callable[[], DialService | None],
                 preview: Callable[[str], Preview],
                 search: Callable[[str], list[ContactHit]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._preview = preview
        self._search = search
        self.dialog: DialDialog | None = None

    def __call__(self, card: CallerCard, done: Done) -> None:
        """Open the dialog for ``card``'s call; ``done`` gets the outcome."""
        from desktop_client.ui.dial_dialog import DialDialog  # noqa: PLC0415

        if self.dialog is not None:
            self.dialog.reject()
        dialog = DialDialog(self._preview, self._search)
        who = card.matches[0].address.display_name if card.known else (
            card.display_number or self.tr("the caller"))
        dialog.setWindowTitle(self.tr("Transfer %1 to…").replace("%1", who))
        dialog.dial_button.setText(self.tr("Transfer"))
        answered: list[bool] = []

        def chosen(text: str) -> None:
            answered.append(True)
            self.decide(text, done)

        def finished(_result: int) -> None:
            if not answered:
                done("", "")  # cancelled
            self.dialog = None

        dialog.dial_requested.connect(chosen)
        dialog.finished.connect(finished)
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def decide(self, text: str, done: Done) -> None:
        """What the typed ``text`` becomes, by the dial policy: ``done(number, "")``, or
        ``done("", why)`` (``why`` empty: the user cancelled the confirmation)."""
        from desktop_client.core.dial import DialError  # noqa: PLC0415
        from desktop_client.outgoing.policy import Action, Source  # noqa: PLC0415
        from desktop_client.ui.confirm import ConfirmDialog  # noqa: PLC0415
        from desktop_client.ui.texts import message_text  # noqa: PLC0415

        service = self._service()
        if service is None:
            done("", self.tr("No phone is set up for dialling; open Settings."))
            return
        decision = service.decide(text, Source.USER)
        if decision.action == Action.REJECT:
            done("", message_text(decision.message))
            return
        if decision.action == Action.CONFIRM:
            confirm = ConfirmDialog(decision, service.contact_name(decision))
            confirm.setWindowTitle(self.tr("Transfer to this number?"))
            confirm.dial_button.setText(self.tr("Transfer"))
            if confirm.exec() != ConfirmDialog.DialogCode.Accepted:
                done("", "")
                return
        try:
            number = service.build(decision).number
        except DialError as error:
            done("", str(error))
            return
        done(number, "")
