"""What the bundle leaves out, read by packaging/crawl-journal.spec and tests/unit/test_bundle_excludes.py.

A module named here is not in the bundle, so the app must never import it: the test walks the app's
import paths (start-up, the window, the charts, the summary, the CLI) and fails if one is loaded.
Names are matched as a module or any of its submodules.
"""

from __future__ import annotations

#: Python modules left out of the bundle.
EXCLUDED_MODULES: tuple[str, ...] = (
    # Test, lint and build tools (the "test" and "dev" extras, and what builds the bundle).
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "pypdf",
    "mypy",
    "ruff",
    "setuptools",
    "pip",
    "PyInstaller",
    "pkg_resources",
    # Other GUI toolkits and interactive shells.
    "tkinter",
    "_tkinter",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "IPython",
    "gi",
    "wx",
    # Qt modules the app does not use (it uses QtCore, QtGui, QtWidgets, QtPrintSupport, QtSvg).
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtSvgWidgets",
    "PySide6.QtStateMachine",
    "PySide6.QtNetworkAuth",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtMultimedia",
    # matplotlib back-ends other than Agg (and QtAgg, which the Charts tab draws with).
    "matplotlib.backends.backend_tkagg",
    "matplotlib.backends.backend_tkcairo",
    "matplotlib.backends._backend_tk",
    "matplotlib.backends.backend_gtk3",
    "matplotlib.backends.backend_gtk3agg",
    "matplotlib.backends.backend_gtk3cairo",
    "matplotlib.backends.backend_gtk4",
    "matplotlib.backends.backend_gtk4agg",
    "matplotlib.backends.backend_gtk4cairo",
    "matplotlib.backends.backend_wx",
    "matplotlib.backends.backend_wxagg",
    "matplotlib.backends.backend_wxcairo",
    "matplotlib.backends.backend_macosx",
    "matplotlib.backends.backend_webagg",
    "matplotlib.backends.backend_webagg_core",
    "matplotlib.backends.backend_nbagg",
    "matplotlib.backends.backend_cairo",
    "matplotlib.backends.backend_qtcairo",
    "matplotlib.backends.backend_pgf",
    "matplotlib.backends.backend_ps",
    "matplotlib.backends.backend_pdf",
    "matplotlib.backends.backend_svg",
    "matplotlib.backends.backend_template",
    "matplotlib.testing",
    "numpy.testing",
    "numpy.f2py",
    "numpy.distutils",
    "PIL.ImageTk",
    "PIL.ImageQt",
    # Heavy optional imports of our dependencies.
    "sqlalchemy.testing",
    "alembic.testing",
    "mako.testing",
    "pydoc",
    "lib2to3",
    "xmlrpc",
    "curses",
    "readline",
)

#: Qt plugins kept, by plugin folder: file names without "lib" and the extension (.so/.dll/.dylib).
#: Every other plugin folder (wayland, eglfs, sql drivers, TLS, network information, designer, QML,
#: platform themes that pull in GTK...) is left out.
KEPT_QT_PLUGINS: dict[str, frozenset[str]] = {
    # X11 on Linux, and "offscreen" for headless runs (the CLI summary, CI); Windows and macOS.
    "platforms": frozenset({"qxcb", "qoffscreen", "qminimal", "qwindows", "qcocoa", "qdirect2d"}),
    "xcbglintegrations": frozenset({"qxcb-glx-integration", "qxcb-egl-integration"}),
    # The SVG icon and image, and nothing else: PNG is built into QtGui.
    "imageformats": frozenset({"qsvg"}),
    "iconengines": frozenset({"qsvgicon"}),
    # The printer dialog's back-end (CUPS on Linux and macOS; Windows' is built in).
    "printsupport": frozenset({"cupsprintersupport"}),
    # Dead keys and compose sequences (typing "é" in a name), and IBus input methods.
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    # Native look on Windows and macOS.
    "styles": frozenset({"qmodernwindowsstyle", "qwindowsvistastyle", "qmacstyle"}),
}
