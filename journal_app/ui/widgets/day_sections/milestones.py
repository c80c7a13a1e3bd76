"""The day form's milestones section: first times reached today, each ticked once in a life."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from journal_app.domain.dates import format_date
from journal_app.domain.enums import Milestone


class MilestonesSection(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("First-time &milestones reached today"))  # Alt+M: to the list
        self.milestone_list = QListWidget(self)
        self.milestone_list.setMinimumHeight(180)  # until loaded; then tall enough for every row
        # Room between rows, so the tick boxes stand apart instead of merging into one column.
        self.milestone_list.setSpacing(2)
        self.milestone_list.setAccessibleName(self.tr("First-time milestones reached today"))
        self.milestone_list.itemChanged.connect(self.changed)
        QVBoxLayout(self).addWidget(self.milestone_list)

    def load(self, day: date, ticked: list[Milestone], recorded: dict[Milestone, date]) -> None:
        """``ticked``: the day's milestones; ``recorded``: every milestone of the child."""
        self.milestone_list.clear()
        for milestone in Milestone:
            item = QListWidgetItem(milestone.label)
            item.setData(Qt.ItemDataRole.UserRole, milestone.value)
            on = recorded.get(milestone)
            if on is not None and on != day:
                item.setText(
                    self.tr("{label} (recorded {date})").format(
                        label=milestone.label, date=format_date(on)
                    )
                )
                item.setFlags(Qt.ItemFlag.ItemIsSelectable)
                item.setCheckState(Qt.CheckState.Checked)
            else:
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsSelectable
                )
                checked = milestone in ticked
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.milestone_list.addItem(item)
        self._fit_list()

    def _fit_list(self) -> None:
        """Every milestone in view at once: the list is as tall as its rows (the page scrolls)."""
        spacing = 2 * self.milestone_list.spacing()
        rows = sum(
            self.milestone_list.sizeHintForRow(i) + spacing
            for i in range(self.milestone_list.count())
        )
        # The frame, and the thicker focus frame of the style sheet, around the rows.
        height = rows + 2 * max(self.milestone_list.frameWidth(), 2) + 2
        self.milestone_list.setFixedHeight(max(height, 60))

    def ticked(self) -> list[Milestone]:
        """The milestones ticked for this day (not those recorded on another)."""
        milestones = []
        for i in range(self.milestone_list.count()):
            item = self.milestone_list.item(i)
            if (
                item.flags() & Qt.ItemFlag.ItemIsUserCheckable
                and item.checkState() == Qt.CheckState.Checked
            ):
                milestones.append(Milestone(item.data(Qt.ItemDataRole.UserRole)))
        return milestones
