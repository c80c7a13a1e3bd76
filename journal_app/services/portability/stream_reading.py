"""Reading an import file a record at a time (issue 13, point 12): the whole document is never in
memory, only one day (or milestone ...) decoded at a time and the checked records made from it.

It refuses exactly what reading the whole document refused, with the same messages and in the
same order: the bytes first (a zip, UTF-16, not UTF-8, empty, a CSV), then the JSON (syntax,
duplicate keys, NaN ... wherever they are in the file), then the first field in the order the
checks read them (the top, then each child: its fields, its days, milestones, tips, summaries,
media). A file whose keys come in another order (``"days"`` before ``"name"``) is read the same
way: a list that arrives before what it needs is checked as JSON, remembered by its place, and
read again once the rest of its object is known (never held in memory).
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from journal_app.services.portability import import_messages as msg
from journal_app.services.portability.common import ImportRefused
from journal_app.services.portability.reading import (
    CHILD_FIELDS,
    _Fields,
    _no_duplicate_keys,
    _parse_int,
    _reject_constant,
    _short,
    _wide_encoding,
    add_item,
    check_top,
    child_header,
    child_sections,
)
from journal_app.services.portability.streaming import CHUNK_CHARS, JsonStream, Mark
from journal_app.storage.merge import InChild

#: Stands in the top's or a child's fields for a list read piece by piece.
_STREAMED: list[Any] = []

#: Called with the bytes read so far and the file's size.
ReadProgress = Callable[[int, int], None]


def _decoder() -> json.JSONDecoder:
    return json.JSONDecoder(
        object_pairs_hook=_no_duplicate_keys,
        parse_constant=_reject_constant,
        parse_int=_parse_int,
    )


def _duplicate(key: str) -> ValueError:
    return ValueError(msg.field_twice(_short(key)))


def read_children(path: Path, progress: ReadProgress | None = None) -> list[InChild]:
    """The checked children (with their records) of the export at ``path``, read in pieces."""
    try:
        with path.open("rb") as handle:
            return children_from_stream(handle, path, progress)
    except FileNotFoundError:
        raise ImportRefused(msg.no_file(path)) from None
    except OSError as exc:  # a disk error half-way through
        raise ImportRefused(msg.unreadable(path, exc)) from None


def children_from_bytes(raw: bytes, path: Path, *, chunk: int = CHUNK_CHARS) -> list[InChild]:
    """The same for bytes already read (a zip's journal.json)."""
    return children_from_stream(io.BytesIO(raw), path, chunk=chunk)


def children_from_stream(
    handle: BinaryIO,
    path: Path,
    progress: ReadProgress | None = None,
    *,
    chunk: int = CHUNK_CHARS,
    window: list[int] | None = None,
) -> list[InChild]:
    """The checked children of the export in ``handle``, read ``chunk`` characters at a time;
    ``window`` (when given) gets the most text held at once."""
    start = _check_text(handle, path, chunk)
    handle.seek(start)
    size = handle.seek(0, io.SEEK_END)
    handle.seek(start)
    stream = JsonStream(handle, _decoder(), _duplicate, chunk)
    reader = _Reader(stream, (lambda: progress(handle.tell(), size)) if progress else None)
    try:
        reader.document()
    except json.JSONDecodeError as exc:
        raise ImportRefused(msg.invalid_json(path.name, exc.msg, exc.lineno, exc.colno)) from None
    except ValueError as exc:
        raise ImportRefused(msg.invalid_export(path.name, exc)) from None
    except RecursionError:
        raise ImportRefused(msg.nested(path.name)) from None
    finally:
        if window is not None:
            window.append(stream.widest)
    if reader.failed is not None:
        raise reader.failed
    if reader.not_object:
        raise ImportRefused(msg.json_not_export(path.name))
    return reader.children


def _check_text(handle: BinaryIO, path: Path, chunk: int) -> int:
    """What reading the bytes whole checked first: a zip, UTF-16/32, UTF-8 throughout, empty, a
    CSV or other text. Returns the offset where the JSON text starts (after a byte-order mark)."""
    head = handle.read(64)
    if head.startswith(b"PK\x03\x04"):
        raise ImportRefused(msg.zip_archive(path.name))
    wide = _wide_encoding(head)
    if wide is not None:
        raise ImportRefused(msg.wide_text(path.name, wide))
    start = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
    handle.seek(start)
    utf8 = codecs.getincrementaldecoder("utf-8")()
    read = 0  # bytes given to the decoder
    first = ""  # the text from the first character that is not white space (when not JSON)
    json_like: bool | None = None
    while True:
        raw = handle.read(chunk)
        pending = len(utf8.getstate()[0])
        try:
            text = utf8.decode(raw, final=not raw)
        except UnicodeDecodeError as exc:
            raise ImportRefused(msg.not_utf8(path.name, read - pending + exc.start)) from None
        read += len(raw)
        if json_like is None:
            stripped = text.lstrip()
            if stripped:
                json_like = stripped[0] in "{["
                text = stripped
        if json_like is False and len(first.splitlines()) < 2:
            first += text
        if not raw:
            break
    if json_like is None:
        raise ImportRefused(msg.empty(path.name))
    if not json_like:
        first_line = first.splitlines()[0]
        if first_line.count(",") >= 1 or first_line.count(";") >= 1 or "\t" in first_line:
            raise ImportRefused(msg.looks_csv(path.name))
        raise ImportRefused(msg.not_json(path.name))
    return start


class _Reader:
    """Walks the document: the top object and each child object field by field, the lists of
    children and of a child's records element by element."""

    def __init__(self, stream: JsonStream, progress: Callable[[], None] | None) -> None:
        self.s = stream
        self.progress = progress
        self.children: list[InChild] = []
        #: The first field that was refused; the reading goes on for the JSON's own errors.
        self.failed: ImportRefused | None = None
        self.not_object = False
        self.version = 0

    def _try(self, action: Callable[..., Any], *args: Any) -> Any:
        """``action(*args)``; a refusal is kept (the first one) and None returned."""
        if self.failed is not None:
            return None
        try:
            return action(*args)
        except ImportRefused as refused:
            self.failed = refused
            return None

    def _skip(self) -> None:
        """Check the next value as JSON and drop it; lists and objects two levels deep are
        walked, not decoded whole (a child, a list of days)."""
        s = self.s
        if s.peek() == "[":
            for _ in s.array():
                self._skip_element()
        elif s.peek() == "{":
            for _ in s.object():
                self._skip_element()
        else:
            s.value()

    def _skip_element(self) -> None:
        s = self.s
        if s.peek() == "[":
            for _ in s.array():
                s.value()
        elif s.peek() == "{":
            for _ in s.object():
                if s.peek() == "[":
                    for _ in s.array():
                        s.value()
                else:
                    s.value()
        else:
            s.value()

    def document(self) -> None:
        s = self.s
        if s.peek() != "{":
            s.value()
            s.end()
            self.not_object = True
            return
        fields: dict[str, Any] = {}
        later: Mark | None = None
        done = False
        for key in s.object():
            if key == "children" and key not in fields and s.peek() == "[":
                fields[key] = _STREAMED
                if "format" in fields and "version" in fields and self.failed is None:
                    version = self._try(lambda: check_top(_Fields(fields, msg.top_of_file())))
                    if version is not None:
                        self.version = version
                        self._children()
                        done = True
                        continue
                later = s.mark()
                self._skip()
            elif key in fields or key not in ("format", "version", "children"):
                self._skip()  # a repeated key is refused when the object ends; others ignored
            else:
                fields[key] = s.value()
        s.end()
        if done or self.failed is not None:
            return
        top = _Fields(fields, msg.top_of_file())
        version = self._try(lambda: check_top(top))
        if version is None or self._try(lambda: top.items("children")) is None:
            return
        self.version = version
        if later is not None:
            s.seek(later)
            self._children()

    def _children(self) -> None:
        s = self.s
        for ci in s.array():
            if self.progress is not None and ci % 8 == 0:
                self.progress()
            if self.failed is None and s.peek() == "{":
                self._child(ci)
            elif self.failed is None:
                raw = s.value()
                self._try(_Fields, raw, f"children[{ci}]")
            else:
                self._skip_element()

    def _child(self, ci: int) -> None:
        s = self.s
        sections = child_sections(self.version)
        fields: dict[str, Any] = {}
        header: InChild | None = None
        read: set[str] = set()  # the lists already read
        places: dict[str, Mark] = {}  # the lists to read again, by their place in the file
        for key in s.object():
            if key in sections and key not in fields and s.peek() == "[":
                fields[key] = _STREAMED
                ready = all(k in fields for k in CHILD_FIELDS) and all(
                    k in read for k in sections[: sections.index(key)]
                )
                if ready and self.failed is None:
                    if header is None:
                        header = self._try(
                            lambda: child_header(_Fields(fields, f"children[{ci}]"), ci)
                        )
                    if header is not None:
                        self._items(header, key, ci)
                        read.add(key)
                        continue
                places[key] = s.mark()
                self._skip()
            elif key in fields or (key not in sections and key not in CHILD_FIELDS):
                self._skip()
            else:
                fields[key] = s.value()
        if self.failed is not None:
            return
        c = _Fields(fields, f"children[{ci}]")
        if header is None:
            header = self._try(lambda: child_header(c, ci))
            if header is None:
                return
        c.record = header.record
        after: Mark | None = None
        try:
            for key in sections:
                if key in read:
                    continue
                if self._try(lambda key=key: c.items(key)) is None:
                    return
                if key in places:
                    after = after or s.mark()
                    s.seek(places[key])
                    self._items(header, key, ci)
        finally:
            if after is not None:
                s.seek(after)  # back after the child's object
        self.children.append(header)

    def _items(self, child: InChild, section: str, ci: int) -> None:
        s = self.s
        version = self.version
        for index in s.array():
            raw = s.value()
            if self.failed is None:
                self._try(add_item, child, section, ci, index, raw, version)
            if self.progress is not None and index % 500 == 0:
                self.progress()
