"""Incoming calls: the call tracker, and the service that turns a call into a caller card and
a journal entry; the phone systems' event mappers are in ``phones/<name>/``."""
