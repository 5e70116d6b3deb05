"""What the desk phones and the FRITZ!Box share: one HTTP request dials.

- ``device``: the PhoneSystem part both build on;
- ``request``: the request, sent with a deadline (no Qt);
- ``auth``: HTTP Basic and Digest authentication (no Qt).
"""
