"""Run the app exactly as ``crawl-journal`` does (with CRAWL_JOURNAL_STARTUP_PROBE set by the
caller), then tell on stderr which heavy modules were imported on the way to the window."""

import sys

HEAVY = (
    "matplotlib",
    "alembic",
    "numpy",
    "PySide6.QtPrintSupport",
    "journal_app.ui.charts.figures",
)


def main() -> int:
    from journal_app.app import main as app_main

    code = app_main(sys.argv[1:])
    loaded = [name for name in HEAVY if name in sys.modules]
    print(f"HEAVY_IMPORTS {','.join(loaded) or '-'}", file=sys.stderr, flush=True)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
