"""FreeSWITCH through its event socket (ESL).

- ``system``: ``SYSTEM``, what the app asks of this phone system (see ``phones/``);
- ``wire``: the wire format, both ways (no Qt);
- ``dial``: the dial backend: the request for a number (no Qt);
- ``link``: the connection the app keeps (Qt);
- ``control``: answer / decline / hang up / transfer on that connection (Qt).
"""
