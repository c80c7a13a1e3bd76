"""Slow work off the GUI thread: run a function on the thread pool, get its result back by signal."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Literal, TypeVar, overload

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRunnable,
    QThreadPool,
    Signal,
    Slot,
)
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


ProgressCallback = Callable[[int, int], None]
_T = TypeVar("_T")


class Cancelled(Exception):
    """The parent pressed Cancel; the work stopped (an import is rolled back as a whole)."""


class _ProgressRelay(QObject):
    """Lives on the GUI thread; carries the worker's progress to the progress dialog."""

    progressed = Signal(int, int)


@overload
def run_with_progress(
    parent: QWidget | None, label: str, work: Callable[[], _T], *, title: str = ""
) -> _T: ...


@overload
def run_with_progress(
    parent: QWidget | None,
    label: str,
    work: Callable[[ProgressCallback], _T],
    *,
    title: str = "",
    reports_progress: Literal[True],
    cancellable: bool = False,
) -> _T: ...


def run_with_progress(
    parent: QWidget | None,
    label: str,
    work: Callable[..., Any],
    *,
    title: str = "",
    reports_progress: bool = False,
    cancellable: bool = False,
) -> Any:
    """Run ``work`` on the thread pool while the window stays painted, and return its result.

    The window takes no input from the start (it cannot be closed or used meanwhile) and the
    worker's exception is raised here, in the caller; the wait is an event loop, not a busy loop.

    - ``work()`` (a step the parent waits on, such as preparing the doctor's summary): a busy
      indicator appears, window-modal, only if it takes more than a moment.
    - ``reports_progress``: ``work(progress)`` calls ``progress(done, total)``; the progress dialog
      shows at once and, when ``cancellable``, has a Cancel button, after which the next
      ``progress`` call raises :class:`Cancelled`. Work that cannot stop half-way (a backup, a
      restore) gets no Cancel button rather than one that does nothing.
    """
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtWidgets import QApplication, QProgressDialog

    cancel_text = QCoreApplication.translate("DataTransfer", "Cancel") if cancellable else ""
    dialog = QProgressDialog(label, cancel_text, 0, 0, parent)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.setObjectName("dataTransferProgress" if reports_progress else "busyDialog")
    if title:
        dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumDuration(0 if reports_progress else 400)  # else only when not over at once
    relay = _ProgressRelay()
    cancelled = threading.Event()
    if cancellable:
        dialog.canceled.connect(cancelled.set)

    def show_progress(done: int, total: int) -> None:
        if dialog.maximum() != total:
            dialog.setMaximum(total)
        dialog.setValue(min(done, total))

    relay.progressed.connect(show_progress)

    def report(done: int, total: int) -> None:  # on the worker thread
        if cancelled.is_set():
            raise Cancelled
        relay.progressed.emit(done, total)

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
        run_in_background(
            (lambda: work(report)) if reports_progress else work, on_done=done, on_error=failed
        )
        if reports_progress:
            dialog.show()
        if not outcome:  # the answer comes through the event loop, never before it runs
            loop.exec()
    finally:
        if blocker is not None and app is not None:
            app.removeEventFilter(blocker)
        dialog.reset()
        dialog.close()
        dialog.deleteLater()
        relay.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
