"""Pagination of the laid-out summary: headings stay with what follows, table rows are never cut.

Works on a :class:`QTextDocument` already laid out for its page size; moves what a page break
would split to the next page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtGui import (
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
    QTextTable,
)


def _tables(document: QTextDocument) -> list[QTextTable]:
    return [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]


def _row_span(document: QTextDocument, table: QTextTable, row: int) -> tuple[float, float]:
    layout = document.documentLayout()
    tops, bottoms = [], []
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        tops.append(layout.blockBoundingRect(cell.firstCursorPosition().block()).top())
        bottoms.append(layout.blockBoundingRect(cell.lastCursorPosition().block()).bottom())
    return min(tops), max(bottoms)


def _heading_before(table: QTextTable) -> QTextBlock | None:
    """The section heading just above ``table`` (within two blocks), if there is one."""
    block = table.firstCursorPosition().block().previous()
    for _ in range(3):
        if not block.isValid():
            return None
        if block.blockFormat().headingLevel() > 0:
            return block
        block = block.previous()
    return None


def _break_before(block: QTextBlock) -> None:
    block_format = block.blockFormat()
    block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    QTextCursor(block).setBlockFormat(block_format)


def _split_table_before(table: QTextTable, row: int) -> None:
    """Move rows ``row``.. of ``table`` into a new table (with a copy of the header rows) that
    starts on a new page, so that no row is cut in two by the page break."""
    table_format = table.format()
    header_rows = table_format.headerRowCount()
    moved_rows = [*range(header_rows), *range(row, table.rows())]
    columns = table.columns()
    copied: list[list[tuple[QTextDocumentFragment, QTextCharFormat]]] = []
    for r in moved_rows:
        cells = []
        for c in range(columns):
            cell = table.cellAt(r, c)
            cursor = cell.firstCursorPosition()
            cursor.setPosition(
                cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor
            )
            cells.append((cursor.selection(), cell.format()))
        copied.append(cells)
    after = QTextCursor(table.lastCursorPosition())
    after.movePosition(QTextCursor.MoveOperation.NextBlock)
    table.removeRows(row, table.rows() - row)
    table_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    continued = after.insertTable(len(copied), columns, table_format)
    for r, cells in enumerate(copied):
        for c, (fragment, cell_format) in enumerate(cells):
            cell = continued.cellAt(r, c)
            cell.setFormat(cell_format)
            cell.firstCursorPosition().insertFragment(fragment)


def _first_awkward_break(document: QTextDocument) -> Callable[[], None] | None:
    """The first table row or section heading split from what follows by a page break, as the
    change that moves it to the next page; None when there is none."""
    page_height = document.pageSize().height()
    layout = document.documentLayout()

    def page(y: float) -> int:
        return int(y // page_height)

    for table in _tables(document):
        header_rows = table.format().headerRowCount()
        heading = _heading_before(table)
        for row in range(header_rows, table.rows()):
            top, bottom = _row_span(document, table, row)
            if row == header_rows:
                start = (
                    layout.blockBoundingRect(heading).top()
                    if heading
                    else _row_span(document, table, 0)[0]
                )
                if page(start) != page(bottom) and bottom - start < page_height * 0.8:
                    if heading is None:
                        return partial(_break_before_table, table)
                    return partial(_break_before, heading)
                continue
            if page(top) != page(bottom) and bottom - top < page_height * 0.5:
                return partial(_split_table_before, table, row)
    block = document.begin()
    while block.isValid():
        if QTextCursor(block).currentTable() is None:
            top = layout.blockBoundingRect(block).top()
            bottom = layout.blockBoundingRect(block).bottom()
            limit = page_height * 0.15
            if block.blockFormat().headingLevel() > 0 and block.next().isValid():
                following = block.next()
                if QTextCursor(following).currentTable() is None:
                    # A heading goes with its paragraph or picture (a chart is one tall line).
                    bottom = layout.blockBoundingRect(following).bottom()
                    limit = page_height * 0.8
            # Headings stay with what follows; short paragraphs are not split.
            if page(top) != page(bottom) and bottom - top < limit:
                return partial(_break_before, block)
        block = block.next()
    return None


def _break_before_table(table: QTextTable) -> None:
    table_format = table.format()
    table_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    table.setFormat(table_format)


def keep_rows_together(document: QTextDocument, rounds: int = 40) -> None:
    """Move table rows and section headings that a page break would split to the next page."""
    for _ in range(rounds):
        fix = _first_awkward_break(document)
        if fix is None:
            return
        fix()
        # Qt's incremental relayout after a format change can leave later blocks unlaid out.
        document.markContentsDirty(0, document.characterCount())
