"""Slow work off the GUI thread: run a function on the thread pool, get its result back by signal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
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


def run_with_progress(parent: QWidget | None, label: str, work: Callable[[], Any]) -> Any:
    """Run ``work`` on the thread pool while the window stays painted, and return its result.

    For a step the user is waiting on (preparing the doctor's summary): a busy indicator appears if
    it takes more than a moment, the window is blocked meanwhile (window-modal), and the worker's
    exception is raised here, in the caller.
    """
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtWidgets import QProgressDialog

    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setObjectName("busyDialog")
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)  # shown only when it is not over in a blink
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(value: object) -> None:
        outcome["value"] = value
        loop.quit()

    def failed(exc: BaseException) -> None:
        outcome["error"] = exc
        loop.quit()

    run_in_background(work, on_done=done, on_error=failed)
    if not outcome:  # the answer comes through the event loop, never before it runs
        loop.exec()
    dialog.reset()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
