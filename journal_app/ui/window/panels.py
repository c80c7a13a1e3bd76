"""What the window asks of its side panels (tips, charts): follow the child, read again."""

from __future__ import annotations

from typing import Protocol


class SidePanel(Protocol):
    """A panel that shows something about one child and is refreshed when the journal changes."""

    def set_child(self, child_id: int | None) -> None: ...

    def refresh(self) -> None: ...
