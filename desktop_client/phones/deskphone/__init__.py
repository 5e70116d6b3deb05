"""Desk phones: dialling by HTTP, calls reported by action URLs.

- ``system``: ``SYSTEM``, what the app asks of this phone system (see ``phones/``);
- ``dial``: the dial backend: the request for a number (no Qt);
- ``action_url``: the phones' action-URL requests as CallEvents (no Qt);
- ``action_url_server``: the HTTP server the phones call (Qt);
- ``control``: answer / decline / hang up / transfer on that connection (Qt).
"""
