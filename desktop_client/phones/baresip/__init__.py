"""baresip, the softphone, through its ctrl_tcp module.

- ``system``: ``SYSTEM``, what the app asks of this phone system (see ``phones/``);
- ``dial``: the dial backend: the request for a number (no Qt);
- ``events``: its events as CallEvents (no Qt);
- ``link``: the connection the app keeps (Qt);
- ``control``: answer / decline / hang up / transfer on that connection (Qt).
"""
