"""Single instance: the protocol between a second launch and the running app.

One JSON object per line, at most :data:`MAX_MESSAGE` bytes, with ``protocol_version``; the
server answers one line and closes. The socket lives in a private per-user folder (0700, the
socket 0600); on Windows it is a named pipe per user and session. This module is Qt-free: the
forwarder (what the OS runs for every click on a tel: link) imports only it and the standard
library. The app's server (``desktop_client.qt.ipc_server``) validates every message again
with :func:`decode`.
"""

from __future__ import annotations

import os
import stat
import sys
import time
import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from desktop_client.platform.named_pipe import Pipes

# Kept lean on purpose (no dataclasses, pathlib or typing at run time): the OS starts the
# forwarder for every click on a tel: link.

PROTOCOL_VERSION = 1
MAX_MESSAGE = 4096
TIMEOUT_S = 5.0
MAX_TEXT = 256  # the number core's own cap on input
KINDS = ("dial", "show", "incoming", "settings", "pick")
STATES = ("ringing", "answered", "ended")
MAX_PICK = 8  # numbers in one "pick" message (core.text_numbers.MAX_NUMBERS)
#: Why a "pick" message (numbers found in selected text) has no numbers; the app says it.
PICK_NOTES = ("", "no-number", "no-text", "no-tool")


class IpcError(ValueError):
    """A message that is not ours, or an instance that did not answer."""


class NoInstanceError(IpcError):
    """No app runs for this profile (the caller may start one)."""


class BadMessageError(IpcError):
    """A message refused before it is sent (an empty number, say): the sender's input."""


_CONTENT = ("call_id", "kind", "name", "note", "state", "text")  # what equality compares


class Message:
    """A validated request."""

    __slots__ = ("call_id", "deadline", "kind", "name", "note", "state", "text")

    def __init__(self, kind: str, text: str = "", name: str = "", call_id: str = "",
                 state: str = "", *, note: str = "", deadline: float = 0.0) -> None:
        self.kind, self.text, self.name, self.call_id, self.state, self.note = (
            kind, text, name, call_id, state, note)
        #: Wall-clock time (time.time()) after which the sender no longer waits: a request
        #: that reaches an app which was stuck until then is dropped, not acted on late.
        self.deadline = deadline

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and all(
            getattr(self, k) == getattr(other, k) for k in _CONTENT)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, k) for k in _CONTENT))

    def __repr__(self) -> str:
        return f"Message(kind={self.kind!r}, text={self.text!r})"


def encode(message: Message) -> bytes:
    """The wire form of a message (validated, so a client cannot send what we refuse)."""
    fields: dict[str, Any] = {"protocol_version": PROTOCOL_VERSION, "kind": message.kind}
    for key in ("text", "name", "call_id", "state", "note", "deadline"):
        value = getattr(message, key)
        if value:
            fields[key] = value
    import json  # noqa: PLC0415 - see _send_socket

    data = json.dumps(fields, ensure_ascii=True).encode("ascii") + b"\n"
    decode(data)
    return data


def decode(line: bytes) -> Message:
    """Validate one received line; raises IpcError with the reason."""
    if len(line) > MAX_MESSAGE:
        raise IpcError("message too long")
    try:
        import json  # noqa: PLC0415 - see _send_socket

        data = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise IpcError("message is not UTF-8 JSON") from None
    except RecursionError:  # ~1,900 nested arrays fit in 4 KB
        raise IpcError("message is nested too deeply") from None
    if not isinstance(data, dict):
        raise IpcError("message is not a JSON object")
    if data.get("protocol_version") != PROTOCOL_VERSION:
        raise IpcError(f"unsupported protocol version {data.get('protocol_version')!r}")
    kind = data.get("kind")
    if kind not in KINDS:
        raise IpcError(f"unknown message kind {kind!r}")
    fields: dict[str, str] = {}
    for key, limit in (("text", MAX_TEXT), ("name", 1024), ("call_id", 200), ("state", 10),
                       ("note", 20)):
        value = data.get(key, "")
        if not isinstance(value, str) or len(value) > limit:
            raise IpcError(f"field {key!r} is not a string of at most {limit} characters")
        fields[key] = value
    if kind in ("dial", "incoming") and not fields["text"]:
        raise IpcError(f"the {kind} message needs a number")
    if kind == "incoming" and fields["state"] not in ("", *STATES):
        raise IpcError(f"unknown call state {fields['state']!r}")
    if kind == "pick" and fields["note"] not in PICK_NOTES:
        raise IpcError(f"unknown note {fields['note']!r}")
    if kind == "pick" and bool(fields["text"]) == bool(fields["note"]):
        raise IpcError("a pick message has numbers (one per line) or a note, not both")
    if kind == "pick" and fields["text"]:
        lines = fields["text"].split("\n")
        if len(lines) > MAX_PICK or len(set(lines)) != len(lines) or \
                any(not line.strip() or line != line.strip() or len(line) > 40
                    for line in lines):
            raise IpcError(f"a pick message has 1 to {MAX_PICK} different numbers of at most "
                           "40 characters, one per line")
    if kind != "pick" and fields["note"]:
        raise IpcError(f"a {kind} message has no note")
    deadline = data.get("deadline", 0.0)
    if isinstance(deadline, bool) or not isinstance(deadline, int | float) or \
            not 0 <= deadline < 1e11:
        raise IpcError("field 'deadline' is not a time")
    return Message(kind, **fields, deadline=float(deadline))


#: A request is dropped this long before its sender stops waiting: an answer sent just in time
#: could still arrive after the sender told its user that the click failed.
EXPIRY_MARGIN_S = 1.0


def expired(message: Message, now: float) -> bool:
    """True when the sender stops waiting for this message within EXPIRY_MARGIN_S of ``now``
    (time.time()): acting on it could dial a click its user was told had failed."""
    return bool(message.deadline) and now > message.deadline - EXPIRY_MARGIN_S


def reply(ok: bool, error: str = "") -> bytes:
    """The server's one-line answer."""
    import json  # noqa: PLC0415 - see _send_socket

    return json.dumps({"protocol_version": PROTOCOL_VERSION, "ok": ok, "error": error}).encode(
        "ascii") + b"\n"


def runtime_dir() -> str:
    """A folder only this user can enter, for the socket."""
    base = os.environ.get("XDG_RUNTIME_DIR")
    if base and os.path.isdir(base):
        folder = os.path.join(base, "desktop-client")
    else:
        tmp = os.environ.get("TMPDIR") or "/tmp"  # noqa: S108
        folder = os.path.join(tmp, f"desktop-client-{_user_id()}")
    os.makedirs(folder, mode=0o700, exist_ok=True)
    info = os.lstat(folder)
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise IpcError(f"{folder} is not a folder; refusing to use it")
    if hasattr(os, "getuid"):
        if info.st_uid != os.getuid():
            raise IpcError(f"{folder} belongs to another user; refusing to use it")
        if info.st_mode & 0o077:
            os.chmod(folder, 0o700)
    return folder


def _user_id() -> str:
    if hasattr(os, "getuid"):
        return str(os.getuid())
    import getpass  # noqa: PLC0415 - Windows only

    return getpass.getuser()


def server_name(profile_dir: Path | str, pipes: Pipes | None = None) -> str:
    """The socket path (Unix) or pipe name (Windows) for a profile."""
    # Not a secret, just a short stable name per profile (hashlib would cost a library load).
    digest = f"{zlib.crc32(str(profile_dir).encode('utf-8')):08x}"
    if sys.platform == "win32":
        from desktop_client.platform import named_pipe  # noqa: PLC0415 - Windows only

        return named_pipe.pipe_name(_windows_pipes(pipes), digest)
    return os.path.join(runtime_dir(), f"ipc-{digest}.sock")


def may_run(name: str) -> bool:
    """Whether an app may answer on ``name``: False when the Unix socket file is missing, so
    the start need not load socket and json (3 % of it) to learn that none runs."""
    return sys.platform == "win32" or os.path.lexists(name)


def send(name: str, message: Message, timeout: float = TIMEOUT_S,
         pipes: Pipes | None = None) -> dict[str, Any]:
    """Deliver a message to the running app and return its answer.

    Raises BadMessageError for a message that is not valid (nothing is sent),
    NoInstanceError if no app runs (the caller may start one), IpcError if one runs but
    does not answer in ``timeout`` seconds, or answers what is not ours.
    """
    try:
        data = encode(Message(message.kind, message.text, message.name, message.call_id,
                              message.state, note=message.note,
                              deadline=time.time() + timeout))
    except IpcError as error:
        raise BadMessageError(str(error)) from None
    if sys.platform == "win32":
        answer = _send_pipe(name, data, timeout, pipes)
    else:
        answer = _send_socket(name, data, timeout)
    import json  # noqa: PLC0415 - see _send_socket

    try:
        result = json.loads(answer)
    except ValueError:
        raise IpcError("the running instance sent no answer") from None
    if not isinstance(result, dict):
        raise IpcError("the running instance sent no answer")
    return result


def _send_socket(name: str, data: bytes, timeout: float) -> bytes:
    # socket and json load when a message goes or comes: not at the app's start, which
    # finds no socket file (see may_run).
    import socket  # noqa: PLC0415

    deadline = time.monotonic() + timeout
    answer = b""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(timeout)
            conn.connect(name)
            conn.sendall(data)
            while not answer.endswith(b"\n") and len(answer) <= MAX_MESSAGE:
                conn.settimeout(max(0.01, deadline - time.monotonic()))
                chunk = conn.recv(MAX_MESSAGE)
                if not chunk:
                    break
                answer += chunk
    except (FileNotFoundError, ConnectionRefusedError):
        raise NoInstanceError("no running instance") from None
    except TimeoutError:
        raise IpcError(f"the running instance did not answer within {timeout:g} s") from None
    except OSError as error:
        raise IpcError(f"the running instance did not answer: {error}") from None
    return answer


def _send_pipe(name: str, data: bytes, timeout: float, pipes: Pipes | None) -> bytes:
    from desktop_client.platform import named_pipe  # noqa: PLC0415 - Windows only

    try:
        return named_pipe.exchange(_windows_pipes(pipes), name, data, timeout,
                                   MAX_MESSAGE)
    except named_pipe.NoServerError:
        raise NoInstanceError("no running instance") from None
    except named_pipe.PipeFailureError as error:
        raise IpcError(str(error)) from None


def _windows_pipes(pipes: Pipes | None) -> Pipes:  # pragma: no cover - the real ones: Windows
    if pipes is not None:
        return pipes
    from desktop_client.platform.win32_pipes import Win32Pipes  # noqa: PLC0415

    return Win32Pipes()
