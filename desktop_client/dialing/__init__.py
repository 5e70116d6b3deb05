"""Dialing: the policy that decides, and the backends that place the call."""
