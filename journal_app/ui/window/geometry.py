"""Where the main window opens and how big: the saved size and place when they still fit a
screen, else a size taken from the screen's available area (never more than it)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QMainWindow, QWidget

GEOMETRY_KEY = "mainWindow/geometry"
STATE_KEY = "mainWindow/state"
#: Whether the tips were shown (as the dock or its strip) when the window closed.
TIPS_SHOWN_KEY = "mainWindow/tipsShown"

#: On a small screen the window takes the whole available area, up to this size...
SMALL_SCREEN = QSize(1024, 700)
#: ...and on a bigger one this share of it, so the room is used (the recent days grow).
SHARE = 0.9
#: Room left for the window's title bar and frame, which the size given to resize() leaves out.
FRAME_ALLOWANCE = 32


def first_size(available: QRect) -> QSize:
    """The first size of the window on a screen whose available area is ``available``."""
    width = max(min(available.width(), SMALL_SCREEN.width()), int(available.width() * SHARE))
    room = available.height() - FRAME_ALLOWANCE
    height = max(min(room, SMALL_SCREEN.height()), int(available.height() * SHARE))
    return QSize(width, min(height, room))


def fit_into(frame: QRect, available: QRect) -> QRect:
    """``frame`` made no bigger than ``available`` and moved, as little as it takes, onto it."""
    width = min(frame.width(), available.width())
    height = min(frame.height(), available.height())
    left = min(max(frame.left(), available.left()), available.right() - width + 1)
    top = min(max(frame.top(), available.top()), available.bottom() - height + 1)
    return QRect(left, top, width, height)


def _screen_for(widget: QWidget) -> QScreen | None:
    centre = widget.frameGeometry().center()
    return QGuiApplication.screenAt(centre) or widget.screen() or QGuiApplication.primaryScreen()


def fit_to_screen(widget: QWidget, screen: QScreen | None = None) -> None:
    """Bring ``widget`` (a window or a dialog) whole onto the screen it is on, or mostly on."""
    screen = screen or _screen_for(widget)
    if screen is None:
        return
    available = screen.availableGeometry()
    frame = widget.frameGeometry()
    # The frame (title bar, borders) around the client area, kept when resizing.
    extra = QSize(frame.width() - widget.width(), frame.height() - widget.height())
    fitted = fit_into(frame, available)
    if fitted.size() != frame.size():
        widget.resize(fitted.size() - extra)
    if fitted.topLeft() != frame.topLeft():
        widget.move(fitted.topLeft())


def restore_geometry(window: QMainWindow, settings: QSettings, *, saved: bool = True) -> None:
    """The saved size and place (``saved``; a sample journal passes False and leaves the
    parent's own layout alone), else the first size from the screen's available area."""
    geometry = settings.value(GEOMETRY_KEY) if saved else None
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
        fit_to_screen(window)  # a laptop undocked from a big monitor: back onto this screen
    else:
        screen = window.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 820)
        size = first_size(available)
        window.resize(size)
        window.move(available.center() - QPoint(size.width() // 2, size.height() // 2))
    state = settings.value(STATE_KEY) if saved else None
    if isinstance(state, QByteArray) and not state.isEmpty():
        window.restoreState(state)


def save_geometry(window: QMainWindow, settings: QSettings) -> None:
    settings.setValue(GEOMETRY_KEY, window.saveGeometry())
    settings.setValue(STATE_KEY, window.saveState())
