"""HTTP for dial backends that talk to a device (desk phones, the FRITZ!Box).

Credentials go only into the Authorization header (basic or digest, as the device asks), no
redirect is followed, TLS is verified unless the user pinned an exception, and every failure
becomes a DialError that says what went wrong. Runs in a worker thread, never the UI thread.
"""

from __future__ import annotations

from desktop_client.dialing.backends.base import DialError


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
    """Send one request; the HTTP status on success, DialError otherwise."""
    import ssl  # noqa: PLC0415
    import urllib.error  # noqa: PLC0415
    import urllib.request  # noqa: PLC0415

    if not url.startswith(("http://", "https://")):
        raise DialError(f"refusing a URL that is not http(s): {url[:40]!r}")
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    if username:
        passwords.add_password(None, url, username, password or "")
    context = ssl.create_default_context()
    if not verify_tls:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the user pinned this exception in settings
    opener = urllib.request.build_opener(
        urllib.request.HTTPBasicAuthHandler(passwords),
        urllib.request.HTTPDigestAuthHandler(passwords),
        urllib.request.HTTPSHandler(context=context),
        _no_redirect(),  # type: ignore[arg-type]
    )
    request = urllib.request.Request(  # noqa: S310 - http(s) checked above
        url, data=body, headers=headers or {}, method=method)
    try:
        with opener.open(request, timeout=timeout) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        if error.code == 401:
            raise DialError(f"{who} refused the user name or password (HTTP 401)") from None
        detail = error.read(2000).decode("utf-8", "replace") if error.fp else ""
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
