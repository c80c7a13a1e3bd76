"""Thin launcher: ``python main.py`` starts Crawl Journal."""

from journal_app.app import main

if __name__ == "__main__":
    raise SystemExit(main())
