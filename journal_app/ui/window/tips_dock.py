"""The tips dock, which folds to a narrow strip when the window is narrow, so the day form keeps
its width; the strip (a button reading "Tips" down the side) unfolds it again."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QStyle,
    QStyleOptionButton,
    QToolButton,
    QWidget,
)


class _Strip(QToolButton):
    """A narrow button with its text written downwards."""

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.height() + 12, metrics.horizontalAdvance(self.text()) + 24)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        option = QStyleOptionButton()
        option.initFrom(self)
        self.style().drawPrimitive(
            QStyle.PrimitiveElement.PE_PanelButtonTool, option, painter, self
        )
        painter.translate(self.width(), 0)
        painter.rotate(90)
        painter.drawText(
            0, 0, self.height(), self.width(), Qt.AlignmentFlag.AlignCenter, self.text()
        )
        painter.end()


class TipsDock(QDockWidget):
    #: Narrower than this, the window folds the tips to a strip.
    FOLD_BELOW = 1180
    UNFOLDED_MIN_WIDTH = 260

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(self.tr("Tips"), window)
        self.setObjectName("tipsDock")
        self.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.setMinimumWidth(self.UNFOLDED_MIN_WIDTH)
        self._folded = False
        #: The parent unfolded it in a narrow window: it stays open until the window is resized.
        self._held_open = False
        self.strip = _Strip(self)
        self.strip.setText(self.tr("Tips"))
        self.strip.setObjectName("tipsStrip")
        self.strip.setAccessibleName(self.tr("Show the tips"))
        self.strip.setToolTip(self.tr("Show the tips"))
        self.strip.clicked.connect(self._unfold_clicked)
        self.strip.hide()

    @property
    def folded(self) -> bool:
        return self._folded

    def fit_window_width(self, width: int) -> None:
        """Fold in a narrow window, unfold in a wide one."""
        if width >= self.FOLD_BELOW:
            self._held_open = False
        if not self._held_open:
            self.set_folded(width < self.FOLD_BELOW)

    def set_folded(self, folded: bool) -> None:
        if folded == self._folded:
            return
        self._folded = folded
        content = self.widget()
        if folded:
            self.setTitleBarWidget(self.strip)
            self.strip.show()
            self.setMinimumWidth(0)
            if content is not None:
                content.hide()
        else:
            self.strip.hide()
            # None gives back Qt's own title bar (the stubs do not say None is allowed).
            self.setTitleBarWidget(cast(QWidget, None))
            self.setMinimumWidth(self.UNFOLDED_MIN_WIDTH)
            if content is not None:
                content.show()
        features = self.features()
        vertical = QDockWidget.DockWidgetFeature.DockWidgetVerticalTitleBar
        self.setFeatures(features | vertical if folded else features & ~vertical)

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        if self._folded:
            widget.hide()

    def _unfold_clicked(self) -> None:
        self._held_open = True
        self.set_folded(False)
