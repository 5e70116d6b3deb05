"""Incoming calls: sources (baresip, the command-line hook, desk-phone action URLs), the call
tracker, and the service that turns a call into a caller card and a journal entry."""
