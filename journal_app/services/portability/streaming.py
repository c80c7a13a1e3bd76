"""Reading a JSON file a piece at a time (issue 13: a 100 MB export must not be held whole).

:class:`JsonStream` walks the outer structure of a document (objects and arrays the caller asks
to stream) over a sliding window of text and decodes each inner value with the standard decoder
(``raw_decode``, the caller's hooks), so only one value (a day) is in memory at a time. It reports
the same errors, at the same line and column, as ``json.loads`` of the whole text: a malformed
file is told exactly as before. A :class:`Mark` remembers a place so that a part can be read
again (a file whose keys are in an unusual order).
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

#: Text read from the file at a time.
CHUNK_CHARS = 1 << 20
#: A value that ends this close to the end of the window may be cut short by it: read more.
_MARGIN = 64
#: JSON's white space (not Python's: a form feed is an error, as for ``json.loads``).
_WHITE = re.compile(r"[ \t\n\r]*").match


@dataclass(frozen=True)
class Mark:
    """A place in the file: its byte offset and the line/column counting there."""

    byte: int
    lines: int
    column: int


class JsonStream:
    """The JSON text of ``handle`` (UTF-8, from its current offset), read in windows."""

    def __init__(
        self,
        handle: BinaryIO,
        decoder: json.JSONDecoder,
        duplicate_key: Callable[[str], Exception],
        chunk: int = CHUNK_CHARS,
    ) -> None:
        self.handle = handle
        self.chunk = chunk
        #: The most text the window ever held (the tests check it stays small).
        self.widest = 0
        self.start = handle.tell()
        self.decoder = decoder
        self.duplicate_key = duplicate_key
        self._reset(Mark(0, 0, 0))

    # -- the window ---------------------------------------------------------------------------------

    def _reset(self, mark: Mark) -> None:
        self.handle.seek(self.start + mark.byte)
        self.utf8 = codecs.getincrementaldecoder("utf-8")()
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.base_byte = mark.byte  # the byte offset of buf[0]
        self.lines = mark.lines  # line breaks before buf[0]
        self.column = mark.column  # characters since the last line break before buf[0]

    def _more(self, at_least: int = 0) -> bool:
        """Drop what was read, add at least ``at_least`` characters (a chunk when 0); False at
        the end."""
        at_least = at_least or self.chunk
        if self.eof:
            return False
        if self.pos:
            done = self.buf[: self.pos]
            breaks = done.count("\n")
            if breaks:
                self.lines += breaks
                self.column = len(done) - done.rfind("\n") - 1
            else:
                self.column += len(done)
            self.base_byte += len(done) if done.isascii() else len(done.encode("utf-8"))
            self.buf = self.buf[self.pos :]
            self.pos = 0
        added = 0
        while added < at_least:
            raw = self.handle.read(max(at_least - added, self.chunk))
            text = self.utf8.decode(raw, final=not raw)
            self.buf += text
            added += len(text)
            if not raw:
                self.eof = True
                break
        self.widest = max(self.widest, len(self.buf))
        return added > 0

    def mark(self) -> Mark:
        """The current place (after white space)."""
        self.skip_ws()
        before = self.buf[: self.pos]
        breaks = before.count("\n")
        column = len(before) - before.rfind("\n") - 1 if breaks else self.column + len(before)
        return Mark(self.base_byte + len(before.encode("utf-8")), self.lines + breaks, column)

    def seek(self, mark: Mark) -> None:
        self._reset(mark)

    def error(self, message: str, at: int | None = None) -> json.JSONDecodeError:
        """``json.JSONDecodeError`` with the line and column ``json.loads`` would give."""
        at = self.pos if at is None else at
        error = json.JSONDecodeError(message, self.buf, at)
        line_breaks = self.buf.count("\n", 0, at)
        error.lineno = self.lines + line_breaks + 1
        if line_breaks:
            error.colno = at - self.buf.rfind("\n", 0, at)
        else:
            error.colno = self.column + at + 1
        error.args = (f"{message}: line {error.lineno} column {error.colno}",)
        return error

    # -- reading ------------------------------------------------------------------------------------

    def peek(self) -> str:
        """The next character that is not white space ("" at the end)."""
        self.skip_ws()
        return self.buf[self.pos] if self.pos < len(self.buf) else ""

    def skip_ws(self) -> None:
        while True:
            white = _WHITE(self.buf, self.pos)
            pos = white.end() if white is not None else self.pos  # it always matches
            self.pos = pos
            if pos < len(self.buf) or not self._more():
                return

    def value(self) -> Any:
        """Decode the next value whole (with the decoder's hooks)."""
        self.skip_ws()
        want = self.chunk
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                cut = exc.pos >= len(self.buf) - _MARGIN or exc.msg.startswith("Unterminated")
                if cut and not self.eof:  # decoded again with more text (positions move)
                    self._more(want)
                    want *= 2
                    continue
                raise self.error(exc.msg, exc.pos) from None
            if end >= len(self.buf) - _MARGIN and not self.eof:
                self._more(want)  # a number at the window's end may go on
                want *= 2
                continue
            self.pos = end
            return value

    def skip(self) -> None:
        """Read past the next value, checking it, keeping nothing (arrays element by element)."""
        if self.peek() == "[":
            for _ in self.array():
                self.skip()
        elif self.peek() == "{":
            for _ in self.object():
                self.skip()
        else:
            self.value()

    def array(self) -> Iterator[int]:
        """At ``[``: yields each element's index with the stream at the element (the caller
        reads it), then reads past ``]``. Errors as ``json.loads`` words them."""
        if self.peek() != "[":  # the caller looked; after a seek the window is read here
            raise self.error("Expecting value")
        self.pos += 1
        if self.peek() == "]":
            self.pos += 1
            return
        index = 0
        while True:
            if self.peek() == "":
                raise self.error("Expecting value")
            yield index
            index += 1
            char = self.peek()
            if char == "]":
                self.pos += 1
                return
            if char != ",":
                raise self.error("Expecting ',' delimiter")
            self.pos += 1
            if self.peek() in ("]", ""):
                raise self.error("Expecting value")

    def object(self) -> Iterator[str]:
        """At ``{``: yields each key with the stream at its value (the caller reads it), then
        reads past ``}``; a key that appears twice raises ``duplicate_key`` there, as the
        duplicate-key hook of ``json.loads`` does."""
        if self.peek() != "{":
            raise self.error("Expecting value")
        self.pos += 1
        keys: list[str] = []
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            if self.peek() != '"':
                raise self.error("Expecting property name enclosed in double quotes")
            key = self.value()
            if self.peek() != ":":
                raise self.error("Expecting ':' delimiter")
            self.pos += 1
            if self.peek() == "":
                raise self.error("Expecting value")
            keys.append(key)
            yield key
            char = self.peek()
            if char == "}":
                self.pos += 1
                break
            if char != ",":
                raise self.error("Expecting ',' delimiter")
            self.pos += 1
            if self.peek() != '"':
                raise self.error("Expecting property name enclosed in double quotes")
        seen: set[str] = set()
        for key in keys:
            if key in seen:
                raise self.duplicate_key(key)
            seen.add(key)

    def end(self) -> None:
        """After the document: only white space may follow."""
        if self.peek() != "":
            raise self.error("Extra data")
