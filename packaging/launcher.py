"""Entry script of the bundled app (PyInstaller): the same ``main`` as ``crawl-journal``."""

import sys

# Help > Open Sample Journal starts ``sys.executable -m journal_app --demo``; in the bundle
# sys.executable is this program, which takes the app's own arguments, so drop "-m journal_app".
if sys.argv[1:3] == ["-m", "journal_app"]:
    del sys.argv[1:3]

from journal_app.app import main

raise SystemExit(main())
