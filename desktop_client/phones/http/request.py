"""HTTP for dial backends that talk to a device (desk phones, the FRITZ!Box).

Credentials go only into the Authorization header (basic or digest, as the device asks), no
redirect is followed, TLS is verified unless the user pinned an exception, and every failure
becomes a DialError that says what went wrong. Runs in a worker thread, never the UI thread.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

from desktop_client.core.dial import DialError, Payload
from desktop_client.phones.http.auth import AuthError, authorization, strongest


@dataclass(frozen=True, slots=True)
class HttpCall(Payload):
    """One HTTP request that dials (the password is read from the keyring when it is sent)."""

    url: str
    method: str
    username: str
    verify_tls: bool


def _no_redirect() -> object:
    """A redirect handler that refuses: the device must answer itself."""
    import urllib.request  # noqa: PLC0415

    class Refuse(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]  # noqa: PLR0917
            raise DialError(f"the device answered with a redirect ({code}); refusing to "
                            "follow it")

    return Refuse()


def http_request(url: str, method: str, *, body: bytes | None = None,
                 headers: dict[str, str] | None = None, username: str = "",
                 password: str | None = None, verify_tls: bool = True, timeout: float = 5.0,
                 who: str = "the device") -> int:
    """Send one request; the HTTP status on success, DialError otherwise.

    With a user name, a 401 challenge is answered once (see :mod:`http_auth`); a second 401
    means the password was refused, and nothing is tried again.
    """
    import ssl  # noqa: PLC0415
    import urllib.request  # noqa: PLC0415

    if not url.startswith(("http://", "https://")):
        raise DialError(f"refusing a URL that is not http(s): {url[:40]!r}")
    context = ssl.create_default_context()
    if not verify_tls:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the user pinned this exception in settings
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context),
                                         _no_redirect())  # type: ignore[arg-type]
    try:
        return _send(opener, url, method, body, dict(headers or {}), timeout, who)
    except _Challenge as challenge:
        if not username:
            raise DialError(f"{who} asks for a user name and password (HTTP 401); set them "
                            "in Settings") from None
        try:
            answer = authorization(challenge.header, method, url, username, password or "")
        except AuthError as error:
            raise DialError(f"{who}: {error}") from None
    try:
        return _send(opener, url, method, body, {**(headers or {}), "Authorization": answer},
                     timeout, who)
    except _Challenge:
        raise DialError(f"{who} refused the user name or password (HTTP 401); not tried "
                        "again, so the device does not lock the account") from None


class _Challenge(Exception):  # noqa: N818 - a 401, not an error yet
    def __init__(self, header: str) -> None:
        super().__init__(header)
        self.header = header


def _send(opener: object, url: str, method: str, body: bytes | None,  # noqa: PLR0917
          headers: dict[str, str], timeout: float, who: str) -> int:
    import urllib.error  # noqa: PLC0415
    import urllib.request  # noqa: PLC0415

    request = urllib.request.Request(  # noqa: S310 - http(s) checked by the caller
        url, data=body, headers=headers, method=method)
    try:
        with opener.open(request, timeout=timeout) as answer:  # type: ignore[attr-defined]
            return int(answer.status)
    except urllib.error.HTTPError as error:
        if error.code == 401:
            offered = [h[:2000] for h in error.headers.get_all("WWW-Authenticate") or []][:8]
            raise _Challenge(strongest(offered)) from None
        detail = error.read(2000).decode("utf-8", "replace") if error.fp else ""
        if error.code == 503:
            raise HttpStatusError(f"{who} is refusing requests for now (HTTP 503; after "
                                  "failed logins a device may lock them out for a while)",
                                  detail) from None
        raise HttpStatusError(f"{who} answered HTTP {error.code} {error.reason}", detail) from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, DialError):
            raise error.reason from None
        raise DialError(f"cannot reach {who}: {error.reason}") from None
    except (TimeoutError, OSError) as error:
        raise DialError(f"{who} did not answer within {timeout:g} s ({error})") from None


class HttpStatusError(DialError):
    """An HTTP error status, with the start of the body (a SOAP fault, say)."""

    def __init__(self, message: str, body: str) -> None:
        super().__init__(message)
        self.body = body


def check_base(address: str, setting: str) -> str:
    """The phone's base URL: http(s)://host[:port], nothing else."""
    parts = urllib.parse.urlsplit(address.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or \
            parts.fragment or parts.username or parts.password:
        raise ValueError(f"{setting} must be http(s)://host[:port], "
                         "without user, password or query")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"
