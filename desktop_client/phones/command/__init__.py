"""A softphone started as a program with the number.

- ``system``: ``SYSTEM``, what the app asks of this phone system (see ``phones/``);
- ``dial``: the dial backend: the request for a number (no Qt).
"""
