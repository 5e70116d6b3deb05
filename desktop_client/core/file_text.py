"""Reading text files from other programs: their encodings, and lines with a bound."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import IO

MAX_LINE_CHARS = 100_000  # a line longer than this is a broken file, not a contact


def bom_encoding(raw: IO[bytes]) -> str | None:
    """The encoding a byte-order mark names (the codec then skips the mark)."""
    head = raw.read(4)
    raw.seek(0)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if len(head) == 4 and head[1] == 0 and head[3] == 0 and head[0] and head[2]:
        return "utf-16-le"  # UTF-16 without a mark, as some Windows tools write it
    return None


def utf8_or_cp1252(raw: IO[bytes]) -> str:
    """UTF-8 if the whole file decodes as UTF-8, else Windows-1252 (streamed, no copy)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := raw.read(1 << 16):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        encoding = "utf-8-sig"
    except UnicodeDecodeError:
        encoding = "cp1252"
    raw.seek(0)
    return encoding


def bounded_lines(text: IO[str]) -> Iterator[tuple[int, str | None]]:
    """Physical lines without their line break; None for one over MAX_LINE_CHARS (the rest
    of it is read in pieces and dropped: memory stays bounded for absurd files)."""
    number = 0
    while True:
        line = text.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_CHARS and not line.endswith("\n"):
            while (rest := text.readline(MAX_LINE_CHARS)) and not rest.endswith("\n"):
                pass
            yield number, None
            continue
        yield number, line.rstrip("\r\n")
