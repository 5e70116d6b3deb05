"""The tray app: the one composition root of the Qt application.

``root.TrayApp`` builds the services once (journal, directory, secret store, the phone
connection, the dial flow) and hands them to the widgets through their constructors. The
parts it delegates to, one job each:

- ``links``: the connection kept to the phone system (``phones/``);
- ``calls``: incoming calls: sources, caller cards, notifications, the journal window;
- ``directory``: the directory servers' sync and live lookups, calls logged to Vertec;
- ``selection``: dialling the selected text by a keyboard shortcut;
- ``setup``: the first start (assistant, tel: registration);
- ``services``: the small use cases the widgets call (preview, search, tests).

The command line's composition (Qt-free) is ``desktop_client.wiring``.
"""

from desktop_client.app.root import TrayApp, run_app

__all__ = ["TrayApp", "run_app"]
