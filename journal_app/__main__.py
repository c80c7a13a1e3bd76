"""Entry point for ``python -m journal_app``."""

from journal_app.app import main

raise SystemExit(main())
