"""The tips dock, which folds to a narrow strip when the window is narrow, so the day form keeps
its width; the strip (a button reading "Tips" down the window's right edge) unfolds it again."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QStyle,
    QStyleOptionToolButton,
    QToolBar,
    QToolButton,
)


class _Strip(QToolButton):
    """A narrow button with its text written downwards."""

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.height() + 10, metrics.horizontalAdvance(self.text()) + 24)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        option.text = ""
        self.style().drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option, painter, self)
        painter.translate(self.width(), 0)
        painter.rotate(90)
        painter.drawText(
            0, 0, self.height(), self.width(), Qt.AlignmentFlag.AlignCenter, self.text()
        )
        painter.end()


class TipsDock(QDockWidget):
    #: Narrower than this, the window folds the tips to a strip.
    FOLD_BELOW = 1180

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(self.tr("Tips"), window)
        self.setObjectName("tipsDock")
        self.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.setMinimumWidth(260)
        self._window = window
        self._folded = False
        #: The parent unfolded it in a narrow window: it stays open until the window widens.
        self._held_open = False
        #: The tips are wanted: there is a child, and the parent has not closed the dock.
        self._wanted = True
        self.strip_bar = QToolBar(self.tr("Tips"), window)
        self.strip_bar.setObjectName("tipsStripBar")
        self.strip_bar.setMovable(False)
        self.strip_bar.setFloatable(False)
        self.strip = _Strip(self.strip_bar)
        self.strip.setText(self.tr("Tips"))
        self.strip.setObjectName("tipsStrip")
        self.strip.setAccessibleName(self.tr("Show the tips"))
        self.strip.setToolTip(self.tr("Show the tips"))
        self.strip.clicked.connect(self._unfold_clicked)
        self.strip_bar.addWidget(self.strip)
        self.strip_bar.toggleViewAction().setVisible(False)  # not a toolbar to pick in a menu
        window.addToolBar(Qt.ToolBarArea.RightToolBarArea, self.strip_bar)
        self.strip_bar.hide()
        self.toggleViewAction().triggered.connect(self._toggled)

    @property
    def folded(self) -> bool:
        return self._folded

    @property
    def wanted(self) -> bool:
        """The tips are shown, as the dock or, in a narrow window, as its strip."""
        return self._wanted

    def set_wanted(self, wanted: bool) -> None:
        """After the window's saved state is restored (which knows nothing of folding)."""
        self._wanted = wanted
        self._show_wanted()

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
        self._show_wanted()

    def _show_wanted(self) -> None:
        self.setVisible(self._wanted and not self._folded)
        self.strip_bar.setVisible(self._wanted and self._folded)

    def hide_all(self) -> None:
        """No child yet: neither the tips nor their strip."""
        self._wanted = False
        self._show_wanted()

    def show_tips(self) -> None:
        """The first child: the tips, or their strip in a narrow window."""
        self._wanted = True
        self._show_wanted()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._wanted = False  # closed by the parent: it stays closed, folded or not
        super().closeEvent(event)

    def _toggled(self, shown: bool) -> None:
        """View > Tips Panel (Ctrl+Shift+T): shown means unfolded; hidden hides the strip too."""
        self._wanted = shown
        if shown and self._folded:
            self._held_open = True
            self._folded = False
        self._show_wanted()

    def _unfold_clicked(self) -> None:
        self._held_open = True
        self.set_folded(False)
