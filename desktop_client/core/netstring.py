"""Netstrings (``<length>:<payload>,``), the framing of baresip's ctrl_tcp interface.

The decoder is incremental: bytes arrive in any chunks (one byte at a time included), a frame
is returned only when it is complete, and a peer that announces or sends more than the limit
is refused instead of filling memory.
"""

from __future__ import annotations

MAX_FRAME = 64 * 1024
_MAX_LENGTH_DIGITS = 7


class FramingError(ValueError):
    """The peer broke the framing; the connection should be dropped."""


def encode(payload: bytes) -> bytes:
    """One netstring."""
    return str(len(payload)).encode("ascii") + b":" + payload + b","


class Decoder:
    """Feed bytes in, take complete payloads out."""

    def __init__(self, max_frame: int = MAX_FRAME) -> None:
        self._buffer = bytearray()
        self._max = max_frame

    def feed(self, data: bytes) -> list[bytes]:
        """Add received bytes; return the payloads now complete."""
        self._buffer += data
        frames: list[bytes] = []
        while True:
            colon = self._buffer.find(b":", 0, _MAX_LENGTH_DIGITS + 1)
            if colon < 0:
                if len(self._buffer) > _MAX_LENGTH_DIGITS:
                    raise FramingError("netstring length prefix is missing or too long")
                return frames
            digits = bytes(self._buffer[:colon])
            if not digits.isdigit():
                raise FramingError("netstring length is not a number")
            length = int(digits)
            if length > self._max:
                raise FramingError(f"netstring of {length} bytes is over the limit")
            end = colon + 1 + length
            if len(self._buffer) < end + 1:
                return frames
            if self._buffer[end:end + 1] != b",":
                raise FramingError("netstring does not end with a comma")
            frames.append(bytes(self._buffer[colon + 1:end]))
            del self._buffer[:end + 1]
