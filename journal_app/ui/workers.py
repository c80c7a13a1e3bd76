"""Slow work off the GUI thread: run a function on the thread pool, get its result back by signal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QWidget


class _Relay(QObject):
    """Lives on the GUI thread; its signals carry the worker's outcome back there."""

    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    @Slot()
    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # reported to the GUI, which shows it
            self._relay.failed.emit(exc)
        else:
            self._relay.done.emit(result)


_running: set[_Relay] = set()


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> _Relay:
    """Run ``work`` on the global thread pool; ``on_done``/``on_error`` run on the GUI thread."""
    relay = _Relay()
    _running.add(relay)

    def finished(_value: object) -> None:
        _running.discard(relay)

    if on_done is not None:
        relay.done.connect(on_done)
    if on_error is not None:
        relay.failed.connect(on_error)
    relay.done.connect(finished)
    relay.failed.connect(finished)
    QThreadPool.globalInstance().start(_Job(work, relay))
    return relay


def run_after_repaint(
    context: QObject,
    work: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """:func:`run_in_background`, started once the repaints already asked for are done.

    A worker running Python holds the GIL in turns with the GUI thread, and a repaint calls into
    Python many times (table models, event filters), so a repaint that overlaps a worker can take ten
    times longer. Starting the worker from a zero-delay timer lets Qt send the pending update
    requests first. Nothing starts if ``context`` is deleted meanwhile.
    """
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, context, lambda: run_in_background(work, on_done, on_error))


class _InputBlocker(QObject):
    """Holds back the user's input to one window (keys, clicks, shortcuts, closing it) while it
    waits; painting, timers and other windows go on."""

    _INPUT = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.KeyRelease,
            QEvent.Type.Shortcut,
            QEvent.Type.InputMethod,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.Wheel,
            QEvent.Type.ContextMenu,
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchUpdate,
            QEvent.Type.TouchEnd,
            QEvent.Type.TabletPress,
            QEvent.Type.TabletRelease,
            QEvent.Type.DragEnter,
            QEvent.Type.DragMove,
            QEvent.Type.Drop,
        }
    )

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Close and watched is self._window:
            event.ignore()  # a filtered close event still counts as accepted
            return True
        return kind in self._INPUT and self._in_window(watched)

    def _in_window(self, target: QObject | None) -> bool:
        """``target`` is (or belongs to, as an action does) a widget of the blocked window."""
        while target is not None and not isinstance(target, QWidget):
            target = target.parent()
        return target is not None and target.window() is self._window


def run_with_progress(parent: QWidget | None, label: str, work: Callable[[], Any]) -> Any:
    """Run ``work`` on the thread pool while the window stays painted, and return its result.

    For a step the user is waiting on (preparing the doctor's summary): the window takes no input
    from the start (it cannot be closed or used meanwhile), a busy indicator appears if it takes
    more than a moment (window-modal), and the worker's exception is raised here, in the caller.
    """
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtWidgets import QApplication, QProgressDialog

    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setObjectName("busyDialog")
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)  # shown only when it is not over in a blink
    # Window-modality only starts once the dialog shows: until then the input is held back here.
    blocker = _InputBlocker(parent.window()) if parent is not None else None
    app = QApplication.instance()
    if blocker is not None and app is not None:
        app.installEventFilter(blocker)
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(value: object) -> None:
        outcome["value"] = value
        loop.quit()

    def failed(exc: BaseException) -> None:
        outcome["error"] = exc
        loop.quit()

    try:
        run_in_background(work, on_done=done, on_error=failed)
        if not outcome:  # the answer comes through the event loop, never before it runs
            loop.exec()
    finally:
        if blocker is not None and app is not None:
            app.removeEventFilter(blocker)
        dialog.reset()
        dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
