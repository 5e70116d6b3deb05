"""HTTP authentication for devices: one challenge, one authorized attempt, never a loop.

urllib's ``HTTPDigestAuthHandler`` answers every 401 with credentials again until it has
failed six times (CPython's ``retried > 5``), in a few milliseconds. AVM's TR-064 document
says a box may then answer 503 for a while to a client with too many failed logins, and desk
phones lock their web interface the same way: a wrong password would lock out the right one.
So we answer the device's challenge ourselves, once (RFC 7616 digest with MD5 or SHA-256, with
or without ``-sess`` and ``qop=auth``; RFC 7617 basic), and a second 401 is a refused password.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import urllib.parse
import urllib.request

_ALGORITHMS = {"MD5": "md5", "SHA-256": "sha256"}


class AuthError(ValueError):
    """A challenge we cannot or will not answer (the message says why, for the user)."""


def parse_challenge(header: str) -> tuple[str, dict[str, str]]:
    """``WWW-Authenticate`` -> (scheme in lower case, its parameters)."""
    scheme, _, rest = header.strip().partition(" ")
    params: dict[str, str] = {}
    for item in urllib.request.parse_http_list(rest):
        key, sep, value = item.partition("=")
        if sep:
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1].replace('\\"', '"')
            params[key.strip().lower()] = value
    return scheme.lower(), params


def strongest(challenges: list[str]) -> str:
    """Of several ``WWW-Authenticate`` headers, the one to answer: digest with SHA-256, then
    digest with MD5, then basic (a password in the clear only when nothing else is offered);
    RFC 7616 section 3.7 asks the client to pick the strongest it understands."""
    def rank(challenge: str) -> int:
        scheme, params = parse_challenge(challenge)
        if scheme == "digest":
            algorithm = params.get("algorithm", "MD5").upper().removesuffix("-SESS")
            return {"SHA-256": 3, "MD5": 2}.get(algorithm, 0)
        return 1 if scheme == "basic" else 0

    return max(challenges, key=rank, default="")


def authorization(challenge: str, method: str, url: str, username: str, password: str,
                  *, cnonce: str | None = None) -> str:
    """The ``Authorization`` header answering ``challenge`` for one request."""
    scheme, params = parse_challenge(challenge)
    if scheme == "basic":
        token = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
        return f"Basic {token}"
    if scheme != "digest":
        named = challenge.strip().split(" ", 1)[0][:20] or "an unknown"
        raise AuthError(f"the device asks for {named} authentication, which "
                        "is not supported (basic and digest are)")
    return _digest(params, method, url, username, password,
                   cnonce=cnonce or secrets.token_hex(8))


def _digest(params: dict[str, str], method: str, url: str, username: str, password: str, *,
            cnonce: str) -> str:
    realm, nonce = params.get("realm", ""), params.get("nonce", "")
    if not nonce:
        raise AuthError("the device's digest challenge has no nonce")
    algorithm = params.get("algorithm", "MD5")
    base, sess = algorithm.upper().removesuffix("-SESS"), algorithm.upper().endswith("-SESS")
    if base not in _ALGORITHMS:
        raise AuthError(f"the device asks for digest algorithm {algorithm[:20]!r}, which is "
                        "not supported (MD5 and SHA-256 are)")
    name = _ALGORITHMS[base]

    def h(text: str) -> str:
        return hashlib.new(name, text.encode("utf-8")).hexdigest()

    parts = urllib.parse.urlsplit(url)
    uri = parts.path or "/"
    if parts.query:
        uri += "?" + parts.query
    ha1 = h(f"{username}:{realm}:{password}")
    if sess:
        ha1 = h(f"{ha1}:{nonce}:{cnonce}")
    ha2 = h(f"{method}:{uri}")
    qops = [q.strip() for q in params.get("qop", "").split(",") if q.strip()]
    fields = [("username", _quote(username)), ("realm", _quote(realm)),
              ("nonce", _quote(nonce)), ("uri", _quote(uri)), ("algorithm", algorithm)]
    if qops:
        if "auth" not in qops:
            raise AuthError("the device asks for digest qop "
                            f"{params.get('qop', '')[:20]!r}; only 'auth' is supported")
        nc = "00000001"
        fields += [("response", _quote(h(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}"))),
                   ("qop", "auth"), ("nc", nc), ("cnonce", _quote(cnonce))]
    else:
        fields.append(("response", _quote(h(f"{ha1}:{nonce}:{ha2}"))))
    if "opaque" in params:
        fields.append(("opaque", _quote(params["opaque"])))
    return "Digest " + ", ".join(f"{key}={value}" for key, value in fields)


def _quote(value: str) -> str:
    if any(c in value for c in '"\\\r\n'):
        raise AuthError("user names and challenge values may not contain quotes or line breaks")
    return f'"{value}"'
