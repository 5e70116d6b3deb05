"""The AVM FRITZ!Box: TR-064 dialling and the call monitor (port 1012).

- ``system``: ``SYSTEM``, what the app asks of this phone system (see ``phones/``);
- ``dial``: the dial backend: the request for a number (no Qt);
- ``monitor``: its call monitor's lines as CallEvents (no Qt).
"""
