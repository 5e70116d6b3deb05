"""Hand the call to the desktop's sip:/callto: handler.

- ``system``: ``SYSTEM``, what the app asks of this phone system (see ``phones/``);
- ``dial``: the dial backend: the request for a number (no Qt).
"""
