"""Entry script of the bundled app (PyInstaller): the same ``main`` as ``crawl-journal``."""

from journal_app.app import main

raise SystemExit(main())
