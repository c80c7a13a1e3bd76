"""Pagination of the laid-out summary (ui/printing/pagination.py): nothing a page break splits."""

from __future__ import annotations

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from journal_app.ui.printing.pagination import _row_span, _tables, keep_rows_together


def test_table_rows_are_not_split_across_pages(qapp: QApplication) -> None:
    rows = "".join(
        f"<tr><td>row {i}</td><td>two<br/>lines{'<br/>and more' * (i % 3)}</td></tr>"
        for i in range(40)
    )
    document = QTextDocument()
    document.setHtml(
        f"<h2>Heading</h2><table border='1'><thead><tr><th>a</th><th>b</th></tr></thead>"
        f"{rows}</table><h2>After</h2><p>text</p>"
    )
    document.setPageSize(QSizeF(400, 230))

    def split_rows() -> list[tuple[int, int]]:
        height = document.pageSize().height()
        return [
            (t, r)
            for t, table in enumerate(_tables(document))
            for r in range(table.rows())
            for top, bottom in [_row_span(document, table, r)]
            if top // height != bottom // height
        ]

    assert split_rows(), "the test needs a row that starts split"
    keep_rows_together(document)
    assert split_rows() == []
    text = document.toPlainText()
    assert all(f"row {i}\n" in text for i in range(40))
    tables = _tables(document)
    assert len(tables) > 1  # continued on a new page, with the header again
    assert all(t.cellAt(0, 0).firstCursorPosition().block().text() == "a" for t in tables)
    assert sum(t.rows() - 1 for t in tables) == 40
