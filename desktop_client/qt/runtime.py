"""Qt runtime glue: Qt's own messages into Python logging, the UI translations, and PySide6's
import hook kept from hoarding source files."""

from __future__ import annotations

import linecache
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QtMsgType

if TYPE_CHECKING:
    from types import ModuleType

    from PySide6.QtCore import QCoreApplication, QTranslator
    from PySide6.QtWidgets import QWidget

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


#: What a platform plugin says it cannot do ("This plugin does not support raise()" on the
#: offscreen one, at every window shown): nothing is wrong and nobody can act on it.
CAPABILITY_NOTES = ("This plugin does not support ",)


def qt_message(mode: QtMsgType, _context: object, message: str) -> None:
    """Qt's warnings and errors go to the log file like ours (a platform's notes on what
    it cannot do only at debug level)."""
    level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING}.get(mode, logging.ERROR)
    if level == logging.WARNING and message.startswith(CAPABILITY_NOTES):
        level = logging.DEBUG
    logging.getLogger("desktop_client.qt").log(level, "%s", message)


def lean_pyside_imports() -> None:
    """PySide6 looks at every module imported after it for ``from __feature__ import``, by
    reading the module's source through linecache, which keeps every file it reads: ~2.5 MB
    in the idle tray, ~6 MB after a day of calls, and ~15 ms of the start. Here the same test
    ("PySide6" in the source) reads the file and keeps nothing, and what it kept until now is
    dropped. Safe to call twice; a PySide6 without that hook is left alone."""
    feature = sys.modules.get("shibokensupport.feature")
    check = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or check is None or getattr(check, "__module__", "") == __name__:
        return  # not this PySide6, or done already

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(check(module))  # no plain source file: PySide6's own way

    feature.__dict__["_mod_uses_pyside"] = uses_pyside
    linecache.clearcache()  # what it kept until now (a cache: tracebacks read files again)


def load_translation(app: QCoreApplication, language: str) -> QTranslator | None:
    """Install our translation (and Qt's own) for ``language`` ("auto": the system's)."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator  # noqa: PLC0415

    if language == "auto":
        language = QLocale.system().name().split("_")[0]
    if language == "en":
        return None
    translator = QTranslator(app)
    if not translator.load(str(TRANSLATIONS / f"desktop_client_{language}.qm")):
        return None
    app.installTranslator(translator)
    qt_own = QTranslator(app)
    qt_path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}", qt_path):
        app.installTranslator(qt_own)
    return translator


def delete_on_close(window: QWidget, forget: Callable[[], None]) -> None:
    """A window that is gone when closed (its widgets, its share of the X server's memory):
    ``forget`` drops the reference to it once Qt has deleted it."""
    from PySide6.QtCore import Qt  # noqa: PLC0415 - its namespace costs start-up time

    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.destroyed.connect(lambda *_args: forget())
