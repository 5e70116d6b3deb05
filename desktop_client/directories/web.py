"""HTTP for directory servers: TLS verified against the system's trust store, no redirects
(credentials never follow one to another host), bounded answers, errors that name the source.
"""

from __future__ import annotations

import contextlib
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from functools import cache
from typing import Any

from desktop_client.core.calls import clean_text
from desktop_client.directories.base import SourceError

MAX_ANSWER_BYTES = 64 * 1024 * 1024
CHUNK = 64 * 1024
LOOPBACK = ("127.0.0.1", "::1", "localhost")


class HttpStatus(Exception):  # noqa: N818 - a status, not an error of ours yet
    """The server answered with an error status."""

    def __init__(self, code: int, body: bytes) -> None:
        super().__init__(code)
        self.code = code
        self.body = body


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args: object, **_kwargs: object) -> None:
        return None  # the 3xx surfaces as an HTTPError


@cache
def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=ssl.create_default_context()), _NoRedirect())


def host(url: str) -> str:
    """host:port of a URL, for messages."""
    return urllib.parse.urlsplit(url).netloc


def check_url(source: str, url: str, *, with_secret: bool) -> None:
    """Refuse what is not http(s), and plain http with a secret except on this computer."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourceError(source, "setup", "the address must start with https://")
    if parts.scheme == "http" and with_secret and parts.hostname not in LOOPBACK:
        raise SourceError(source, "setup", "a password or token is sent only over https://, "
                                           f"not to {parts.hostname} over plain http")


def request(source: str, method: str, url: str, *, body: bytes | None,
            headers: dict[str, str], timeout_s: float) -> bytes:
    """One request, all of it (connecting, sending, the whole answer) within ``timeout_s``;
    the answer's body. Raises HttpStatus (error status) or SourceError."""
    host = urllib.parse.urlsplit(url).netloc
    deadline = time.monotonic() + timeout_s
    prepared = urllib.request.Request(url, data=body, method=method,  # noqa: S310 - checked
                                      headers=headers)
    try:
        with _opener().open(prepared, timeout=timeout_s) as answer:
            data = _read(answer, deadline, host, source)
    except urllib.error.HTTPError as error:
        raise HttpStatus(error.code, error.read(4096)) from None
    except urllib.error.URLError as error:
        reason = clean_text(str(error.reason), 200)
        if "CERTIFICATE" in reason.upper() or "SSL" in reason.upper():
            raise SourceError(source, "tls", f"TLS with {host} failed ({reason})") from None
        raise SourceError(source, "unreachable", f"cannot reach {host} ({reason})") from None
    except (TimeoutError, OSError) as error:
        raise SourceError(source, "unreachable",
                          f"{host} did not answer ({error or 'timed out'})") from None
    return data


def _read(answer: Any, deadline: float, host: str, source: str) -> bytes:
    """The body in pieces, each read with the time that is left: a server that sends a byte
    now and then cannot stretch the deadline."""
    chunks: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("timed out")
        with contextlib.suppress(AttributeError, OSError):
            answer.fp.raw._sock.settimeout(left)  # http.client's socket, when it has one
        chunk = answer.read1(CHUNK) if hasattr(answer, "read1") else answer.read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise SourceError(source, "answer", f"the answer of {host} is too large")
        chunks.append(chunk)
